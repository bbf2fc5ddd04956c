//! `archway new (--template NAME | --grid N) [-o FILE] [--force]`: a new design file from a
//! template or the standard benchmark scene.

use super::console;
use crate::model::{file, synthetic};
use crate::templates;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `archway new`.
#[derive(Args, Debug)]
pub struct NewArgs {
    /// Template name (see `archway templates`).
    #[arg(long, conflicts_with = "grid", required_unless_present = "grid")]
    pub template: Option<String>,
    /// The standard benchmark scene: N boxes "Box 1" … "Box N" on a 16:9 grid, joined in
    /// serpentine order.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub grid: Option<u32>,
    /// Output file; defaults to `<name>.archway.ron` (`grid-<N>.archway.ron` for `--grid`).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Writes a template or the standard scene as a new design file: `-o FILE` or a default name,
/// refusing to overwrite an existing file unless `--force` is given. Exit status 2 on an
/// unknown template, an existing file or a failed write.
pub fn run(args: &NewArgs) -> ExitCode {
    let (default_name, source, what) = match (&args.template, args.grid) {
        (_, Some(n)) => (
            format!("grid-{n}.archway.ron"),
            file::to_string(&synthetic::grid(n as usize)),
            format!("grid of {n} boxes"),
        ),
        (Some(name), None) => {
            let Some(t) = templates::find(name) else {
                return console::fail(format!(
                    "unknown template `{name}`; valid names: {}",
                    templates::names()
                ));
            };
            (
                t.file_name(),
                t.source.to_owned(),
                format!("template {}", t.name),
            )
        }
        (None, None) => return console::fail("give --template NAME or --grid N"),
    };
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(default_name));
    if path.exists() && !args.force {
        return console::fail(format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ));
    }
    if let Err(e) = file::write_atomic(&path, source.as_bytes()) {
        return console::fail(e);
    }
    println!("wrote {} ({what})", path.display());
    ExitCode::SUCCESS
}
