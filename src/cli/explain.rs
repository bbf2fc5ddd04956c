//! `archway explain RULE`: one rule's documentation.

use super::console;
use crate::critique::{output, rules};
use clap::Args;
use std::process::ExitCode;

/// Arguments of `archway explain`.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Rule id, e.g. `SPOF-DB` (or its number, e.g. `R35`).
    pub rule: String,
}

/// Prints the documentation of the rule named by id or number, any case. Exit status 2 when
/// no rule has that name.
pub fn run(args: &ExplainArgs) -> ExitCode {
    match rules::find(&args.rule) {
        Some(rule) => {
            print!("{}", output::explain(rule.meta()));
            ExitCode::SUCCESS
        }
        None => console::fail(format!(
            "no rule named `{}`; `archway rules` lists them",
            crate::model::text::quoted(&args.rule)
        )),
    }
}
