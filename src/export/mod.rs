//! Exports for reviews: SVG, PNG, PDF, Markdown and HTML reports, Mermaid and draw.io.

pub mod cli {
    //! `archway export`.
    use crate::cli::ExportArgs;
    use std::process::ExitCode;

    /// Exports a design file in the format named by the output's extension.
    pub fn run(_args: &ExportArgs) -> ExitCode {
        crate::cli::not_available("`archway export`")
    }
}
