//! The templates shipped in the binary: the guide's walkthroughs and the LinkPulse story. Each
//! is also a plain file in `templates/` that people can read and diff.

use crate::model::{Design, file};

/// A template compiled into the binary.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Name used on the command line (`url-shortener`, `linkpulse-1-day-one`).
    pub name: &'static str,
    /// The design file's text.
    pub source: &'static str,
}

impl Template {
    /// Parses the template. Shipped templates are tested to parse, so an error here means a
    /// broken build; it is still returned rather than unwrapped.
    pub fn design(&self) -> Result<Design, Vec<file::Problem>> {
        file::parse(self.source)
    }
}

/// Every template, walkthroughs first, then the LinkPulse stages in story order.
pub const ALL: &[Template] = &[];

/// The template named `name`.
pub fn find(name: &str) -> Option<&'static Template> {
    ALL.iter().find(|t| t.name == name)
}

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
