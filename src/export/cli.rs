//! `archway export`: loads a design file and writes it in the format named by the output's
//! extension.

use super::{Options, write};
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
