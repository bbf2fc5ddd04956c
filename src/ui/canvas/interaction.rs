//! Pointer and keyboard handling of the canvas: hit-testing, gestures, and the responses they
//! produce.

use super::{CanvasInput, CanvasOptions, CanvasResponse, CanvasState};
use crate::ui::selection::Selection;

/// See [`super::canvas_ui`].
pub(super) fn canvas_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    _selection: &Selection,
    input: &CanvasInput<'_>,
    _options: &CanvasOptions,
) -> Vec<CanvasResponse> {
    let rect = ui.available_rect_before_wrap();
    let _response = ui.allocate_rect(rect, egui::Sense::click_and_drag());
    state.viewport = rect;
    state
        .cache
        .refresh(input.design, input.report, input.revision);
    state.apply_view_request(rect);
    Vec::new()
}
