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
pub mod script;
pub mod selection;
pub mod start;

use std::path::PathBuf;

/// Opens the editor window: on `file` when given, else on the start view. Returns when the
/// window closes; the error says why the window could not be opened.
///
/// `ARCHWAY_TEST_SCRIPT` gives steps to carry out on the first frames (process-level tests; see
/// [`script::parse_script`]); a script that does not parse is reported on stderr and ignored.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let script = match std::env::var(script::SCRIPT_VAR) {
        Ok(text) => script::parse_script(&text).unwrap_or_else(|e| {
            eprintln!("archway: {}: {e}", script::SCRIPT_VAR);
            Vec::new()
        }),
        Err(_) => Vec::new(),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Archway")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Archway",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(
                app::ArchwayApp::new(app::AppOptions {
                    file,
                    ..app::AppOptions::default()
                })
                .with_script(script),
            ))
        }),
    )
}
