//! `archway export FILE -o OUT [--theme …] [--scale N] [--no-findings] [--mermaid]`: a design
//! written in the format named by the output's extension (a Markdown report with its picture
//! beside it, `[--force]` to replace a picture Archway did not write).

use super::console;
use crate::export::{Format, Guard, Options, Theme, png, svg};
use crate::model::file;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `archway export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Design file.
    pub file: PathBuf,
    /// Output file; its extension picks the format. A `.md` review report also writes its
    /// picture next to it, with the same name ending in `.svg` (`plan.md` → `plan.svg`), and
    /// links it; an existing file there is replaced only when Archway wrote it (or with
    /// `--force`). Every file written is listed on stderr.
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
    /// With a `.md` review report: replace the sibling picture (`OUT` with `.svg`) even when
    /// Archway did not write the file there.
    #[arg(long)]
    pub force: bool,
}

/// Exports a design file. Exit status 0 on success, 2 when the file cannot be loaded or the
/// output cannot be written.
pub fn run(args: &ExportArgs) -> ExitCode {
    if let Some(scale) = args.scale.filter(|s| !(s.is_finite() && *s > 0.0)) {
        return console::fail(format!("--scale must be a positive number, not {scale}"));
    }
    // Checked before loading too, so a refused output costs no parse.
    if let Err(e) = file::refuse_overwriting_input(&args.file, &args.output) {
        return console::fail(e);
    }
    let Some(design) = console::load(&args.file).map(|l| l.design) else {
        return ExitCode::from(2);
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
    let guard = Guard {
        input: Some(&args.file),
        force: args.force,
    };
    match crate::export::write_guarded(&design, &args.output, &options, &guard) {
        Ok(files) => {
            for f in files {
                eprintln!("archway: wrote {}", file::shown_file_name(Some(&f)));
            }
            ExitCode::SUCCESS
        }
        Err(e) => console::fail(e),
    }
}
