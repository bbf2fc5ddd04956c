//! Moving the view: Ctrl+scroll or pinch zooms at the mouse, scroll pans, the middle button
//! drags the view, and a click or drag in the minimap centres the view there. (Space+drag
//! panning is a gesture, see [`super::gestures`].)

use super::input::FrameInput;
use crate::ui::canvas::layout::MinimapScale;
use crate::ui::canvas::state::CanvasState;
use egui::{PointerButton, Rect, Vec2};

/// Zooms or pans for this frame's wheel, pinch and middle-button drag over the canvas.
pub(super) fn navigate(state: &mut CanvasState, response: &egui::Response, input: &FrameInput) {
    if response.contains_pointer() {
        if input.zoom_delta != 1.0 {
            if let Some(p) = input.pointer {
                state.zoom_around(p, input.zoom_delta);
            }
        } else if input.scroll != Vec2::ZERO {
            state.pan_by(input.scroll);
        }
    }
    if response.dragged_by(PointerButton::Middle) {
        state.pan_by(response.drag_delta());
    }
}

/// Centres the view (shown in `canvas_rect`) on the canvas point under a click or drag in the
/// minimap, whose `response` and `scale` are given.
pub fn follow_minimap(
    response: &egui::Response,
    state: &mut CanvasState,
    scale: MinimapScale,
    canvas_rect: Rect,
) {
    if (response.clicked() || response.dragged())
        && let Some(p) = response.interact_pointer_pos()
    {
        state.centre_at(scale.canvas_from_map(p), canvas_rect);
    }
}
