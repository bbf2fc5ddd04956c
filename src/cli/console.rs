//! How the command line talks to the console: text on stdout that tolerates a closed pipe,
//! pretty JSON, the text-or-JSON flag of listings, loading a design with its warnings on stderr,
//! and failures with exit status 2.

use crate::import;
use crate::model::file::{self, Loaded};
use clap::ValueEnum;
use std::path::Path;
use std::process::ExitCode;

/// Output format of listings (`rules`, `estimate`).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

/// Prints `message` to stderr and returns exit status 2 (usage or load failure).
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("archway: {message}");
    ExitCode::from(2)
}

/// The error for a command whose feature has not landed yet: exit status 2, never a silent
/// success.
pub fn not_available(what: &str) -> ExitCode {
    fail(format!("{what} is not available yet in this build"))
}

/// Loads a design file for a command: its warnings (`file:line:col: warning: …`) and, when it
/// cannot be loaded, its errors are printed on stderr, terminal-safe. Stderr, so JSON and SARIF
/// on stdout stay one document each. A diagram from another tool (a `.drawio` file…) is
/// imported in memory, with a one-line note on stderr; its text is then empty, so findings
/// point at the file without a line.
pub(super) fn load(path: &Path) -> Option<Loaded> {
    if let Some(result) = import::import_if_foreign(path) {
        return match result {
            Ok(imported) => {
                let r = &imported.report;
                eprintln!(
                    "archway: note: imported {} as {}: {} components, {} containers, {} connections ({} kept generic); `archway import` shows the report",
                    file::shown_file_name(Some(path)),
                    imported.format.name(),
                    r.nodes,
                    r.containers,
                    r.edges,
                    r.lines_of(import::LineKind::Generic).count()
                );
                Some(Loaded {
                    design: imported.design,
                    text: String::new(),
                    warnings: Vec::new(),
                })
            }
            Err(e) => {
                eprintln!("{e}");
                None
            }
        };
    }
    match file::load_with_warnings(path) {
        Ok(loaded) => {
            if !loaded.warnings.is_empty() {
                eprintln!(
                    "{}",
                    file::format_problems(Some(path), &loaded.warnings, "warning")
                );
            }
            Some(loaded)
        }
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// Writes `text` to stdout. A closed pipe (`archway rules | head`) is not an error worth
/// reporting: the reader has what it wanted.
pub(super) fn print(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Pretty JSON with a final newline.
pub(super) fn json_text(v: &serde_json::Value) -> String {
    let mut s =
        serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
