//! The desktop editor (egui/eframe): start view, canvas, palette, inspector, findings.

pub mod canvas;
pub mod selection;

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the editor window, optionally on a design file.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let title = file
        .as_ref()
        .map(|f| format!("{} — Archway", f.display()))
        .unwrap_or_else(|| "Archway".to_owned());
    let options = eframe::NativeOptions::default();
    let result = eframe::run_ui_native(&title, options, move |ui, _frame| {
        ui.heading("Archway");
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => crate::cli::fail(format!("cannot open the window: {e}")),
    }
}
