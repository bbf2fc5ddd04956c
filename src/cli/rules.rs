//! `archway rules [--format json]`: every rule's id, severity, category, guide section and title.

use super::console::{self, ListFormat};
use crate::critique::output;
use clap::Args;
use std::process::ExitCode;

/// Arguments of `archway rules`.
#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// Lists every rule, tab-separated, or the full metadata as JSON. Exit status 0.
pub fn run(args: &RulesArgs) -> ExitCode {
    console::print(&match args.format {
        ListFormat::Text => output::rules_text(),
        ListFormat::Json => console::json_text(&output::rules_json()),
    });
    ExitCode::SUCCESS
}
