//! `archway open [FILE]` (and `archway` alone): the desktop editor.

use super::console;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `archway open`.
#[derive(Args, Debug)]
pub struct OpenArgs {
    /// Design file (`.archway.ron`) to open.
    pub file: Option<PathBuf>,
}

/// Opens the editor window on the file, or on the start view. Exit status 2 when the window
/// cannot be opened.
pub fn run(args: &OpenArgs) -> ExitCode {
    match crate::ui::run(args.file.clone()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => console::fail(format!("cannot open the window: {e}")),
    }
}
