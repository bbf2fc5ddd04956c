//! `archway export`: loads a design file and writes it in the format named by the output's
//! extension.

use super::{Format, Options, write};
use crate::cli::ExportArgs;
use std::process::ExitCode;

/// Exports a design file. Exit status 0 on success, 2 when the file cannot be loaded or the
/// output cannot be written.
pub fn run(args: &ExportArgs) -> ExitCode {
    if let Some(scale) = args.scale.filter(|s| !(s.is_finite() && *s > 0.0)) {
        return crate::cli::fail(format!("--scale must be a positive number, not {scale}"));
    }
    let design = match crate::model::file::load(&args.file) {
        Ok(d) => d,
        Err(e) => return crate::cli::fail(e),
    };
    let options = Options {
        theme: args.theme,
        scale: args.scale,
        findings: !args.no_findings,
        mermaid_markdown: args.mermaid,
    };
    if Format::from_path(&args.output, &options).ok() == Some(Format::Png) {
        let vb = super::svg::view_box(&design);
        if let Some(note) = scale_note(vb.w, vb.h, args.scale) {
            eprintln!("archway: note: {note}");
        }
    }
    match write(&design, &args.output, &options) {
        Ok(files) => {
            for f in files {
                println!("wrote {}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => crate::cli::fail(e),
    }
}

/// Why a PNG of a `width` × `height` drawing is smaller than asked for, and how to get more
/// detail; `None` when the scale was kept.
pub fn scale_note(width: f32, height: f32, requested: Option<f32>) -> Option<String> {
    use super::png::{AUTO_MAX_PIXELS, AUTO_MAX_SIDE, MAX_PIXELS, choose_scale};
    let scale = choose_scale(width, height, requested);
    let wanted = scale.reduced_from?;
    let used = scale.used;
    Some(if requested.is_some() {
        format!(
            "the design is large; PNG scale reduced from {wanted} to {used:.2} to stay within {} megapixels (export .svg or .pdf for full detail)",
            MAX_PIXELS / 1e6
        )
    } else {
        let largest = choose_scale(width, height, Some(wanted)).used;
        format!(
            "the design is large; PNG scale reduced from {wanted} to {used:.2} to stay within {AUTO_MAX_SIDE} pixels a side and {} megapixels (--scale {largest:.2} gives the largest image allowed; .svg and .pdf keep full detail)",
            AUTO_MAX_PIXELS / 1e6
        )
    })
}
