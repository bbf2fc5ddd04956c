//! The desktop editor (egui/eframe): start view, canvas, palette, inspector, findings.
//!
//! The UI never mutates the design: the canvas and the panels return [`crate::model::Edit`]s,
//! and [`app::ArchwayApp`] applies them through the undo [`history`] at the end of the frame.

pub mod app;
pub mod bench;
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
    eframe::run_native(
        "Archway",
        native_options(WindowOptions::default()),
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

/// The environment variable that picks the renderer: `wgpu`, or anything else for glow.
pub const RENDERER_VAR: &str = "ARCHWAY_RENDERER";

/// The renderer a window uses: glow (OpenGL) unless `ARCHWAY_RENDERER=wgpu`. Under software
/// rendering glow draws a full window several times faster than wgpu.
pub fn renderer() -> eframe::Renderer {
    match std::env::var(RENDERER_VAR) {
        Ok(v) if v.eq_ignore_ascii_case("wgpu") => eframe::Renderer::Wgpu,
        _ => eframe::Renderer::Glow,
    }
}

/// How the editor's window is opened.
#[derive(Clone, Copy, Debug)]
pub struct WindowOptions {
    /// Inner size in points.
    pub size: [f32; 2],
    /// Wait for the display's refresh before presenting each frame.
    pub vsync: bool,
}

impl Default for WindowOptions {
    fn default() -> Self {
        Self {
            size: [1280.0, 800.0],
            vsync: true,
        }
    }
}

/// The eframe options of the editor's window (the same for `archway open` and
/// `archway bench-view`).
pub fn native_options(window: WindowOptions) -> eframe::NativeOptions {
    let mut options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Archway")
            .with_inner_size(window.size)
            .with_min_inner_size([640.0, 400.0]),
        renderer: renderer(),
        ..Default::default()
    };
    options.glow_options.vsync = window.vsync;
    // Dithering adds noise to every pixel in the fragment shader, which a software rasteriser
    // pays for over the whole window each frame (about 15 % of a frame at rest, llvmpipe); the
    // editor draws flat colours, where it changes nothing.
    options.dithering = false;
    if !window.vsync {
        options.wgpu_options.surface.present_mode = eframe::wgpu::PresentMode::AutoNoVsync;
    }
    options
}
