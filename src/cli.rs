//! Command-line interface: argument parsing and dispatch. Each subcommand's work lives in the
//! module that owns it (`critique::cli`, `templates::cli`, `export::cli`, `capacity::cli`).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Archway: sketch system designs and have them critiqued against a system design guide.
#[derive(Parser, Debug)]
#[command(name = "archway", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the desktop editor, optionally on a design file.
    Open {
        /// Design file (`.archway.ron`) to open.
        file: Option<PathBuf>,
    },
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
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print the documentation of one rule.
    Explain {
        /// Rule id, e.g. `SPOF-DB` (or its number, e.g. `R35`).
        rule: String,
    },
    /// Export a design: the format follows the output file's extension
    /// (.svg, .png, .pdf, .md, .html, .mmd, .drawio).
    Export(ExportArgs),
    /// Estimate peak load, utilisation and monthly cost of every component.
    Estimate {
        /// Design file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
}

/// Output format of `check`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
    Sarif,
}

/// Output format of listings.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
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

/// Arguments of `archway new`.
#[derive(Args, Debug)]
pub struct NewArgs {
    /// Template name (see `archway templates`).
    #[arg(long)]
    pub template: String,
    /// Output file; defaults to `<name>.archway.ron`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Colour theme of image exports.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// Arguments of `archway export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Design file.
    pub file: PathBuf,
    /// Output file; its extension picks the format.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// Pixels per canvas unit of PNG output [default: 2, reduced for large designs to at most
    /// 8,192 pixels a side and 16 megapixels; an explicit scale is kept up to 40 megapixels].
    #[arg(long)]
    pub scale: Option<f32>,
    /// Leave finding badges out of the diagram.
    #[arg(long)]
    pub no_findings: bool,
    /// With a `.md` output: write a fenced Mermaid block instead of a review report.
    #[arg(long)]
    pub mermaid: bool,
}

/// Parses the command line and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => crate::ui::run(None),
        Some(Command::Open { file }) => crate::ui::run(file),
        Some(Command::Check(args)) => crate::critique::cli::check(&args),
        Some(Command::New(args)) => crate::templates::cli::new(&args),
        Some(Command::Templates) => crate::templates::cli::list(),
        Some(Command::Rules { format }) => crate::critique::cli::rules(format),
        Some(Command::Explain { rule }) => crate::critique::cli::explain(&rule),
        Some(Command::Export(args)) => crate::export::cli::run(&args),
        Some(Command::Estimate { file, format }) => crate::capacity::cli::run(&file, format),
    }
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
