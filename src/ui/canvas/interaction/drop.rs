//! Dropping a palette item on the canvas: it is placed centred on the pointer (snapped), in the
//! innermost container there, and selected.

use super::input::Frame;
use crate::geometry;
use crate::ui::canvas::edits;
use crate::ui::canvas::io::{CanvasResponse, PaletteItem};
use crate::ui::canvas::layout::to_pos;
use crate::ui::canvas::state::CanvasState;
use crate::ui::selection::Selection;
use egui::Vec2;

/// The insert edit and new selection of a palette item released over the canvas.
pub(super) fn palette_drop(
    response: &egui::Response,
    state: &CanvasState,
    fr: &Frame<'_>,
    out: &mut Vec<CanvasResponse>,
) {
    let Some(item) = response.dnd_release_payload::<PaletteItem>() else {
        return;
    };
    let Some(p) = state.pointer_in_canvas else {
        return;
    };
    let size = match *item {
        PaletteItem::Node(_) => Vec2::new(geometry::NODE_W, geometry::NODE_H),
        PaletteItem::Container(kind) => {
            let (w, h) = crate::model::catalog::container_info(kind).default_size;
            Vec2::new(w, h)
        }
    };
    let corner = fr.options.snap((p - size / 2.0).to_vec2()).to_pos2();
    let (edit, target) = edits::place_edit(fr.design, *item, to_pos(corner));
    out.push(CanvasResponse::Edit(edit));
    out.push(CanvasResponse::SetSelection(Selection::only(target)));
}
