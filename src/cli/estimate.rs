//! `archway estimate FILE [--format text|json]`: peak load, utilisation and monthly cost of
//! every component, with the totals.

use super::console::{self, ListFormat};
use crate::capacity::{self, output};
use crate::index::Index;
use crate::model::file;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `archway estimate`.
#[derive(Args, Debug)]
pub struct EstimateArgs {
    /// Design file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// Prints the estimate of a design file. Exit 0, or 2 when the file cannot be loaded.
pub fn run(args: &EstimateArgs) -> ExitCode {
    let design = match file::load(&args.file) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // Only the estimate: the review is not printed, so it is not run. With no workload stated,
    // the estimate assumes one and says so.
    let estimate = capacity::estimate_or_assume(&design, &Index::new(&design));
    let out = match args.format {
        ListFormat::Text => output::text(&design, &estimate),
        ListFormat::Json => match output::json(&design, &estimate) {
            Ok(s) => s,
            Err(e) => return console::fail(format!("cannot write JSON: {e}")),
        },
    };
    console::print(&out);
    ExitCode::SUCCESS
}
