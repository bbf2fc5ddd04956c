//! The desktop editor (egui/eframe): start view, canvas, palette, inspector, findings.
//!
//! The UI never mutates the design: the canvas and the panels return [`crate::model::Edit`]s,
//! and [`app::ArchwayApp`] applies them through the undo [`history`] at the end of the frame.

pub mod app;
pub mod canvas;
pub mod clipboard;
pub mod commands;
pub mod document;
pub mod files;
pub mod history;
pub mod panels;
pub mod selection;
pub mod start;

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the editor window: on `file` when given, else on the start view.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Archway")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Archway",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(app::ArchwayApp::new(app::AppOptions {
                file,
                ..app::AppOptions::default()
            })))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The command line's error form (`archway: …`, status 2), written here so the two
            // front ends do not import each other.
            eprintln!("archway: cannot open the window: {e}");
            ExitCode::from(2)
        }
    }
}
