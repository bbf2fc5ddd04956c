//! `archway check`, `archway rules` and `archway explain`.

use super::output::{self, Checked};
use super::{Report, Severity, review_at, rules, sarif};
use crate::cli::{CheckArgs, CheckFormat, Deny, Level, ListFormat};
use crate::model::{ReviewLevel, file};
use std::process::ExitCode;

/// Loads each file, reviews it and prints the findings in the chosen format. Exit status 0
/// when clean, 1 when a file has errors (or warnings with `--deny warnings`), 2 when a file
/// cannot be loaded (the files that load are still reported).
pub fn check(args: &CheckArgs) -> ExitCode {
    let mut load_failed = false;
    let mut loaded: Vec<(String, String, ReviewLevel, Report)> = Vec::new();
    for path in &args.files {
        let design = match file::load(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                load_failed = true;
                continue;
            }
        };
        // The text only serves line numbers; the design itself came from `load`.
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let level = match args.level {
            Some(Level::Sketch) => ReviewLevel::Sketch,
            Some(Level::Production) => ReviewLevel::Production,
            None => design.review_level,
        };
        let report = review_at(&design, level);
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
        CheckFormat::Json => pretty(&output::json(&checked)),
        CheckFormat::Sarif => pretty(&sarif::log(&checked)),
    };
    print!("{rendered}");
    let failing = checked.iter().any(|c| {
        c.report.count(Severity::Error) > 0
            || (args.deny == Some(Deny::Warnings) && c.report.count(Severity::Warning) > 0)
    });
    if load_failed {
        ExitCode::from(2)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s =
        serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// Lists every rule: id, severity, category, guide section and title (tab-separated), or the
/// full metadata as JSON.
pub fn rules(format: ListFormat) -> ExitCode {
    if format == ListFormat::Json {
        print!("{}", pretty(&output::rules_json()));
        return ExitCode::SUCCESS;
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

/// Prints one rule's documentation (by id or catalogue number, any case).
pub fn explain(rule: &str) -> ExitCode {
    match rules::all().iter().find(|r| {
        r.meta().id.eq_ignore_ascii_case(rule) || r.meta().number.eq_ignore_ascii_case(rule)
    }) {
        Some(r) => {
            let m = r.meta();
            println!(
                "{} ({}): {}\n{} · {} · scope {} · guide §{}\n\n{}",
                m.id,
                m.number,
                m.title,
                m.severity.key(),
                m.category,
                match m.scope {
                    super::Scope::Shape => "shape",
                    super::Scope::Detail => "detail",
                },
                m.guide_section,
                m.doc_markdown()
            );
            ExitCode::SUCCESS
        }
        None => crate::cli::fail(format!(
            "no rule named `{rule}`; `archway rules` lists them"
        )),
    }
}
