//! `archway check FILE... [--format text|json|sarif] [--deny warnings] [--level …]`: the linter
//! for design files kept in a repository.

use super::console;
use crate::critique::output::{self, Checked};
use crate::critique::{Analysis, Report, sarif};
use crate::model::ReviewLevel;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `archway check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Design files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Treat warnings as failures.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Review level; defaults to the level stored in each file.
    #[arg(long, value_enum)]
    pub level: Option<Level>,
}

/// Output format of `check`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
    Sarif,
}

/// What `--deny` can turn into a failure.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    /// Fail (exit 1) on warnings as well as errors.
    Warnings,
}

/// Review level on the command line.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Only rules that judge the shape of the design.
    Sketch,
    /// Every rule.
    Production,
}

/// Loads each file, reviews it and prints the findings in the chosen format; the loader's
/// warnings (a property set on a kind it does not apply to) go to stderr as
/// `file:line:col: warning: …`. Exit status 0
/// when clean, 1 when a file has errors (or warnings with `--deny warnings`), 2 when a file
/// cannot be loaded (the files that load are still reported).
pub fn run(args: &CheckArgs) -> ExitCode {
    let mut load_failed = false;
    let mut loaded: Vec<(String, String, ReviewLevel, Report)> = Vec::new();
    for path in &args.files {
        let Some(file) = console::load(path) else {
            load_failed = true;
            continue;
        };
        let (design, text) = (file.design, file.text);
        let level = match args.level {
            Some(Level::Sketch) => ReviewLevel::Sketch,
            Some(Level::Production) => ReviewLevel::Production,
            None => design.review_level,
        };
        let report = Analysis::at(&design, level).report;
        loaded.push((path.display().to_string(), text, level, report));
    }
    let checked: Vec<Checked<'_>> = loaded
        .iter()
        .map(|(path, text, level, report)| Checked {
            path,
            text,
            level: *level,
            report,
        })
        .collect();
    let rendered = match args.format {
        CheckFormat::Text => output::text(&checked),
        CheckFormat::Json => console::json_text(&output::json(&checked)),
        CheckFormat::Sarif => console::json_text(&sarif::log(&checked)),
    };
    print!("{rendered}");
    let deny_warnings = args.deny == Some(Deny::Warnings);
    if load_failed {
        ExitCode::from(2)
    } else if checked.iter().any(|c| c.report.fails(deny_warnings)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
