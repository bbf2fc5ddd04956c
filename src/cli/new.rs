//! `archway new --template NAME [-o FILE] [--force]`: a new design file from a template.

use super::console;
use crate::model::file;
use crate::templates;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `archway new`.
#[derive(Args, Debug)]
pub struct NewArgs {
    /// Template name (see `archway templates`).
    #[arg(long)]
    pub template: String,
    /// Output file; defaults to `<name>.archway.ron`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Writes a template as a new design file: `-o FILE` or `<name>.archway.ron`, refusing to
/// overwrite an existing file unless `--force` is given. Exit status 2 on an unknown template,
/// an existing file or a failed write.
pub fn run(args: &NewArgs) -> ExitCode {
    let Some(t) = templates::find(&args.template) else {
        return console::fail(format!(
            "unknown template `{}`; valid names: {}",
            args.template,
            templates::names()
        ));
    };
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(t.file_name()));
    if path.exists() && !args.force {
        return console::fail(format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ));
    }
    if let Err(e) = file::write_atomic(&path, t.source.as_bytes()) {
        return console::fail(e);
    }
    println!("wrote {} (template {})", path.display(), t.name);
    ExitCode::SUCCESS
}
