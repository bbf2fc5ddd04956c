//! This frame's pointer and keyboard state, read from egui once, and what every gesture reads
//! with it.

use crate::model::Design;
use crate::ui::canvas::io::CanvasOptions;
use crate::ui::selection::Selection;
use egui::{Key, Modifiers, Pos2, Vec2};

/// The pointer and modifier state of one frame.
pub(super) struct FrameInput {
    /// Scroll since the last frame (pans the view).
    pub scroll: Vec2,
    /// Ctrl+scroll or pinch zoom factor since the last frame (1.0: none).
    pub zoom_delta: f32,
    pub modifiers: Modifiers,
    /// Space held: a primary drag pans instead of selecting.
    pub space_down: bool,
    /// Pointer position on screen, if over the window.
    pub pointer: Option<Pos2>,
}

impl FrameInput {
    /// Reads this frame's input from `ui`.
    pub fn read(ui: &egui::Ui) -> Self {
        ui.input(|i| Self {
            scroll: i.smooth_scroll_delta,
            zoom_delta: i.zoom_delta(),
            modifiers: i.modifiers,
            space_down: i.key_down(Key::Space),
            pointer: i.pointer.hover_pos(),
        })
    }

    /// Shift or Ctrl/Cmd held: a click or box select adds to (toggles in) the selection.
    pub fn toggles(&self) -> bool {
        self.modifiers.shift || self.modifiers.command
    }
}

/// What every gesture reads this frame: the design, the selection at the start of the frame,
/// the view options and the input.
pub(super) struct Frame<'a> {
    pub design: &'a Design,
    pub selection: &'a Selection,
    pub options: &'a CanvasOptions,
    pub input: FrameInput,
}
