//! The command line: the clap definition of `archway`, its dispatch, and one file per
//! subcommand. A subcommand file holds its arguments and a `run` that loads, calls the library
//! (the same functions the editor calls) and prints; exit codes are decided here, never below.

mod bench_view;
mod check;
mod console;
mod diff;
mod estimate;
mod explain;
mod export;
mod import;
mod new;
mod open;
mod rules;
mod templates;
mod whatif;

pub use bench_view::BenchViewArgs;
pub use check::{CheckArgs, CheckFormat, Deny, Level};
pub use console::{ListFormat, fail, not_available};
pub use diff::{DiffArgs, DiffFormat, FailOn};
pub use estimate::EstimateArgs;
pub use explain::ExplainArgs;
pub use export::ExportArgs;
pub use import::{ImportArgs, ImportFormat};
pub use new::NewArgs;
pub use open::OpenArgs;
pub use rules::RulesArgs;
pub use whatif::WhatIfArgs;

use clap::Parser;
use std::process::ExitCode;

/// Archway: sketch system designs and have them critiqued against a system design guide.
#[derive(Parser, Debug)]
#[command(name = "archway", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// The subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum CliCommand {
    /// Open the desktop editor, optionally on a design file.
    Open(OpenArgs),
    /// Check design files against the rules and print the findings.
    ///
    /// Exit status: 0 when clean, 1 when there are errors (or warnings with
    /// `--deny warnings`), 2 when a file cannot be loaded.
    Check(CheckArgs),
    /// Write a new design file from a template.
    New(NewArgs),
    /// List the templates, one per line: name, a tab, the title.
    Templates,
    /// List every rule: id, severity, category, guide section and title.
    Rules(RulesArgs),
    /// Print the documentation of one rule.
    Explain(ExplainArgs),
    /// Export a design: the format follows the output file's extension
    /// (.svg, .png, .pdf, .md, .html, .mmd, .drawio).
    Export(ExportArgs),
    /// Estimate peak load, utilisation and monthly cost of every component.
    Estimate(EstimateArgs),
    /// Import a diagram from another tool (draw.io, Mermaid, D2, Structurizr, PlantUML,
    /// Excalidraw) as a design, and print the import report. `check`, `estimate` and `export`
    /// also accept such a file directly (imported in memory).
    ///
    /// Exit status: 0 on success, 2 when the diagram cannot be read or the design written.
    Import(ImportArgs),
    /// Compare two versions of a design: components, connections, findings fixed and
    /// introduced, scaling stage, capacity and cost. Either side may be `REV:PATH` from git.
    ///
    /// Exit status: 0 when the change introduces no error (or warning with
    /// `--fail-on new-warnings`), 1 when it does, 2 when a side cannot be loaded.
    Diff(DiffArgs),
    /// What if components, zones or connections fail, or traffic grows: each user flow works,
    /// works degraded or breaks, and which component saturates first.
    ///
    /// Exit status: 0 when every flow still works, 1 when one breaks (or a component goes
    /// over capacity), 2 when the file cannot be loaded or an id is unknown.
    Whatif(WhatIfArgs),
    /// Measure the editor window on a design: first render, a circular pan, edits, peak
    /// memory. Prints the figures and, last, one JSON object.
    BenchView(BenchViewArgs),
}

/// Parses the command line and runs the command.
pub fn main() -> ExitCode {
    let process_start = std::time::Instant::now();
    let cli = Cli::parse();
    match cli.command {
        None => open::run(&OpenArgs { file: None }),
        Some(CliCommand::Open(args)) => open::run(&args),
        Some(CliCommand::Check(args)) => check::run(&args),
        Some(CliCommand::New(args)) => new::run(&args),
        Some(CliCommand::Templates) => templates::run(),
        Some(CliCommand::Rules(args)) => rules::run(&args),
        Some(CliCommand::Explain(args)) => explain::run(&args),
        Some(CliCommand::Export(args)) => export::run(&args),
        Some(CliCommand::Estimate(args)) => estimate::run(&args),
        Some(CliCommand::Import(args)) => import::run(&args),
        Some(CliCommand::Diff(args)) => diff::run(&args),
        Some(CliCommand::Whatif(args)) => whatif::run(&args),
        Some(CliCommand::BenchView(args)) => bench_view::run(&args, process_start),
    }
}
