//! The templates shipped in the binary: the guide's walkthroughs and the LinkPulse story.

pub mod cli {
    //! `archway templates` and `archway new`.
    use crate::cli::NewArgs;
    use std::process::ExitCode;

    /// Lists the templates.
    pub fn list() -> ExitCode {
        crate::cli::not_available("`archway templates`")
    }

    /// Writes a template as a new design file.
    pub fn new(_args: &NewArgs) -> ExitCode {
        crate::cli::not_available("`archway new`")
    }
}
