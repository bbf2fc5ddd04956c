//! `archway templates`: the templates shipped in the binary, one per line.

use super::console;
use std::process::ExitCode;

/// Lists the templates: one line per template, its name, a tab, its title. Exit status 0.
pub fn run() -> ExitCode {
    let text: String = crate::templates::ALL
        .iter()
        .map(|t| format!("{}\t{}\n", t.name, t.title))
        .collect();
    console::print(&text);
    ExitCode::SUCCESS
}
