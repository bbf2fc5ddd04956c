//! `archway diff OLD NEW [--format text|json|markdown] [--fail-on …] [--level …]`: what changed
//! between two versions of a design, either of which may be `REV:PATH` read from git; and
//! `archway diff --textconv FILE`, one design as stable lines for git's `diff.<driver>.textconv`.

use super::check::Level;
use super::console;
use crate::critique::{Analysis, Severity};
use crate::model::ReviewLevel;
use crate::review::source::{self, Side};
use crate::review::{diff, render};
use clap::{Args, ValueEnum};
use std::process::ExitCode;

/// Arguments of `archway diff`.
#[derive(Args, Debug)]
pub struct DiffArgs {
    /// OLD and NEW: design files, or `REV:PATH` for a file as it was in a git revision
    /// (`HEAD~1:design.archway.ron`). With `--textconv`, one file.
    #[arg(required = true, num_args = 1..=2, value_name = "OLD NEW")]
    pub files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Which new findings make the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::NewErrors)]
    pub fail_on: FailOn,
    /// Review level for both sides; defaults to the level stored in each file.
    #[arg(long, value_enum)]
    pub level: Option<Level>,
    /// Print one design as stable lines for git's textconv (see README: git diff driver).
    #[arg(long)]
    pub textconv: bool,
}

/// Output format of `diff`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Json,
    Markdown,
}

/// What `--fail-on` counts.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Exit 1 when the change introduces an error.
    NewErrors,
    /// Exit 1 when it introduces an error or a warning.
    NewWarnings,
}

/// Loads both sides, compares them and prints the diff. Exit status 0 when the change
/// introduces no finding at the `--fail-on` level, 1 when it does, 2 when a side cannot be
/// loaded or the arguments do not fit.
pub fn run(args: &DiffArgs) -> ExitCode {
    if args.textconv {
        return match args.files.as_slice() {
            [one] => textconv(one, args.level),
            _ => console::fail("diff --textconv takes one file"),
        };
    }
    let [old, new] = args.files.as_slice() else {
        return console::fail("diff needs two designs: OLD NEW");
    };
    let (old_side, new_side) = (Side::parse(old), Side::parse(new));
    let (a, b) = (load(&old_side), load(&new_side));
    let (Some(a), Some(b)) = (a, b) else {
        return ExitCode::from(2);
    };
    let level = args.level.map(review_level);
    let d = diff::diff(&a, &b, level);
    let (old_label, new_label) = (old_side.label(), new_side.label());
    let rendered = match args.format {
        DiffFormat::Text => render::text(&d, &old_label, &new_label),
        DiffFormat::Markdown => render::markdown(&d, &old_label, &new_label),
        DiffFormat::Json => console::json_text(&serde_json::json!({
            "old": old_label,
            "new": new_label,
            "no_changes": d.is_empty(),
            "diff": serde_json::to_value(&d).unwrap_or_default(),
        })),
    };
    console::print(&rendered);
    let worst = match args.fail_on {
        FailOn::NewErrors => Severity::Error,
        FailOn::NewWarnings => Severity::Warning,
    };
    if d.introduced_at_least(worst) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn review_level(level: Level) -> ReviewLevel {
    match level {
        Level::Sketch => ReviewLevel::Sketch,
        Level::Production => ReviewLevel::Production,
    }
}

/// Loads a side, printing its warnings or its errors on stderr.
pub(super) fn load(side: &Side) -> Option<crate::model::Design> {
    match source::load(side) {
        Ok(l) => {
            if !l.warnings.is_empty() {
                let shown = std::path::PathBuf::from(side.label());
                eprintln!(
                    "{}",
                    crate::model::file::format_problems(Some(&shown), &l.warnings, "warning")
                );
            }
            Some(l.design)
        }
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// The textconv rendering of one file. A file that does not load is shown as its own text
/// (with the reason on stderr), so `git diff` keeps working on a broken design.
fn textconv(arg: &str, level: Option<Level>) -> ExitCode {
    let side = Side::parse(arg);
    match source::load(&side) {
        Ok(l) => {
            let level = level.map_or(l.design.review_level, review_level);
            let analysis = Analysis::at(&l.design, level);
            console::print(&render::textconv(&l.design, &analysis));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            match &side {
                Side::File(path) => match crate::model::file::read_design_text(path) {
                    Ok(text) => {
                        console::print(&text);
                        ExitCode::SUCCESS
                    }
                    Err(_) => ExitCode::from(2),
                },
                Side::Git { .. } => ExitCode::from(2),
            }
        }
    }
}
