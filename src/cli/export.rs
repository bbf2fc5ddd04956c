//! `archway export FILE -o OUT [--theme …] [--scale N] [--no-findings] [--mermaid]`: a design
//! written in the format named by the output's extension.

use super::console;
use crate::export::{Format, Options, Theme, png, svg};
use crate::model::file;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

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

/// Exports a design file. Exit status 0 on success, 2 when the file cannot be loaded or the
/// output cannot be written.
pub fn run(args: &ExportArgs) -> ExitCode {
    if let Some(scale) = args.scale.filter(|s| !(s.is_finite() && *s > 0.0)) {
        return console::fail(format!("--scale must be a positive number, not {scale}"));
    }
    if let Err(e) = file::refuse_overwriting_input(&args.file, &args.output) {
        return console::fail(e);
    }
    let design = match file::load(&args.file) {
        Ok(d) => d,
        Err(e) => return console::fail(e),
    };
    let options = Options {
        theme: args.theme,
        scale: args.scale,
        findings: !args.no_findings,
        mermaid_markdown: args.mermaid,
    };
    if Format::from_path(&args.output, &options).ok() == Some(Format::Png) {
        let vb = svg::view_box(&design);
        if let Some(note) = png::scale_note(vb.w, vb.h, args.scale) {
            eprintln!("archway: note: {note}");
        }
    }
    match crate::export::write(&design, &args.output, &options) {
        Ok(files) => {
            for f in files {
                println!("wrote {}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => console::fail(e),
    }
}
