//! `archway check`, `archway rules` and `archway explain`.

use crate::cli::{CheckArgs, CheckFormat, Deny, Level, ListFormat};
use crate::critique::{Severity, review_at, rules};
use crate::model::{ReviewLevel, file};
use std::process::ExitCode;

/// Loads each file, reviews it and prints the findings. Exit 0 clean, 1 findings that fail,
/// 2 when a file cannot be loaded.
pub fn check(args: &CheckArgs) -> ExitCode {
    if args.format != CheckFormat::Text {
        return crate::cli::not_available("this output format");
    }
    let mut load_failed = false;
    let mut failing = false;
    for path in &args.files {
        let design = match file::load(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                load_failed = true;
                continue;
            }
        };
        let level = match args.level {
            Some(Level::Sketch) => ReviewLevel::Sketch,
            Some(Level::Production) => ReviewLevel::Production,
            None => design.review_level,
        };
        let report = review_at(&design, level);
        for f in report.active() {
            println!(
                "{}: {}[{}]: {} (guide §{})\n  fix: {}",
                path.display(),
                f.severity.key(),
                f.rule,
                f.message,
                f.guide_section,
                f.fix
            );
        }
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        println!(
            "{}: {errors} errors, {warnings} warnings, {} info",
            path.display(),
            report.count(Severity::Info)
        );
        if errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0) {
            failing = true;
        }
    }
    if load_failed {
        ExitCode::from(2)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Lists every rule.
pub fn rules(format: ListFormat) -> ExitCode {
    if format == ListFormat::Json {
        return crate::cli::not_available("the JSON rule list");
    }
    for r in rules::all() {
        let m = r.meta();
        println!(
            "{}\t{}\t{}\t§{}\t{}",
            m.id,
            m.severity.key(),
            m.category,
            m.guide_section,
            m.title
        );
    }
    ExitCode::SUCCESS
}

/// Prints one rule's documentation.
pub fn explain(rule: &str) -> ExitCode {
    match rules::all().iter().find(|r| {
        r.meta().id.eq_ignore_ascii_case(rule) || r.meta().number.eq_ignore_ascii_case(rule)
    }) {
        Some(r) => {
            let m = r.meta();
            println!("{} ({}): {}\n\n{}", m.id, m.number, m.title, m.doc);
            ExitCode::SUCCESS
        }
        None => crate::cli::fail(format!(
            "no rule named `{rule}`; `archway rules` lists them"
        )),
    }
}
