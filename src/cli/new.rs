//! `archway new (--template NAME | --grid N) [-o FILE] [--force]`: a new design file from a
//! template or the standard benchmark scene.

use super::console;
use crate::model::{file, synthetic, text};
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
    /// Overwrite an existing file (or a symbolic link, dangling or not: its target is written).
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
                    "unknown template `{}`; valid names: {}",
                    text::quoted(name),
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
    // `symlink_metadata`, not `exists`: a dangling symbolic link is something in the way too
    // (writing would create its target wherever it points).
    if std::fs::symlink_metadata(&path).is_ok() && !args.force {
        return console::fail(format!(
            "{} already exists; use --force to overwrite it",
            file::shown_file_name(Some(&path))
        ));
    }
    if let Err(e) = file::write_atomic(&path, source.as_bytes()) {
        return console::fail(e);
    }
    println!("wrote {} ({what})", file::shown_file_name(Some(&path)));
    ExitCode::SUCCESS
}
