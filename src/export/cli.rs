//! `archway export`: loads a design file and writes it in the format named by the output's
//! extension.

use super::{Format, Options, write};
use crate::cli::ExportArgs;
use std::process::ExitCode;

/// Exports a design file. Exit status 0 on success, 2 when the file cannot be loaded or the
/// output cannot be written.
pub fn run(args: &ExportArgs) -> ExitCode {
    if !(args.scale.is_finite() && args.scale > 0.0) {
        return crate::cli::fail(format!(
            "--scale must be a positive number, not {}",
            args.scale
        ));
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
        let used = super::png::effective_scale(vb.w, vb.h, args.scale);
        if used < args.scale {
            eprintln!(
                "archway: note: the design is large; PNG scale reduced from {} to {used:.2} to stay within {} megapixels",
                args.scale,
                super::png::MAX_PIXELS / 1e6
            );
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
