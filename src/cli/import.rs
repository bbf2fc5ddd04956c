//! `archway import FILE [-o OUT.archway.ron] [--page N|NAME] [--format …] [--force]`: a diagram
//! from another tool (draw.io, Mermaid, D2, Structurizr, PlantUML, Excalidraw) written as an
//! Archway design, with the import report on stdout.

use super::console;
use crate::import::{self, PageChoice, SourceFormat};
use crate::model::file;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `archway import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The diagram to import (.drawio, .drawio.svg, .drawio.png, .xml, .mmd, .md, .d2, .dsl,
    /// .puml, .plantuml, .wsd, .excalidraw).
    pub file: PathBuf,
    /// The design to write [default: FILE's name with `.archway.ron`, beside it].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Which page, view or Mermaid fence to read: its number (from 1) or its name [default:
    /// the first].
    #[arg(long, value_name = "N|NAME")]
    pub page: Option<String>,
    /// The diagram's format [default: from the file's name and content].
    #[arg(long, value_enum, default_value_t = ImportFormat::Auto)]
    pub format: ImportFormat,
    /// Replace OUT when it already exists (never the diagram itself).
    #[arg(long)]
    pub force: bool,
}

/// `--format` values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    Auto,
    Drawio,
    Mermaid,
    D2,
    Structurizr,
    Plantuml,
    Excalidraw,
}

impl ImportFormat {
    /// The format named, or `None` for `auto`.
    pub fn format(self) -> Option<SourceFormat> {
        match self {
            ImportFormat::Auto => None,
            ImportFormat::Drawio => Some(SourceFormat::DrawIo),
            ImportFormat::Mermaid => Some(SourceFormat::Mermaid),
            ImportFormat::D2 => Some(SourceFormat::D2),
            ImportFormat::Structurizr => Some(SourceFormat::Structurizr),
            ImportFormat::Plantuml => Some(SourceFormat::PlantUml),
            ImportFormat::Excalidraw => Some(SourceFormat::Excalidraw),
        }
    }
}

/// Imports the diagram, writes the design atomically and prints the report. Exit status 0 on
/// success, 2 when the diagram cannot be read (`file:line:col: error: …`) or the design cannot
/// be written.
pub fn run(args: &ImportArgs) -> ExitCode {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| import::default_output(&args.file));
    if let Err(e) = file::refuse_overwriting_input(&args.file, &output) {
        return console::fail(e);
    }
    if output.exists() && !args.force {
        return console::fail(format!(
            "{} already exists; choose another name with -o, or replace it with --force",
            file::shown_file_name(Some(&output))
        ));
    }
    let page: PageChoice = args
        .page
        .as_deref()
        .map_or(PageChoice::First, |p| p.parse().unwrap_or_default());
    let imported = match import::import_file(&args.file, args.format.format(), &page) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    console::print(&imported.report.text());
    if let Err(e) = file::save(&imported.design, &output) {
        return console::fail(e);
    }
    eprintln!("archway: wrote {}", file::shown_file_name(Some(&output)));
    ExitCode::SUCCESS
}
