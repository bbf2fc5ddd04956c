//! The in-place label editor over a renamed node, edge or container (F2, double-click, context
//! menu). Enter or clicking away commits one edit; Escape cancels.

use crate::model::Design;
use crate::ui::canvas::edits;
use crate::ui::canvas::io::{CanvasResponse, Target};
use crate::ui::canvas::layout::{CONTAINER_HEADER, to_egui_rect, to_pos2};
use crate::ui::canvas::state::CanvasState;
use egui::{Key, Rect, Vec2};

/// The label editor of the rename in progress, if any.
pub fn rename_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    design: &Design,
    out: &mut Vec<CanvasResponse>,
) {
    let Some(rename) = state.rename.as_ref() else {
        return;
    };
    let Some(area) = label_area(state, design, &rename.target) else {
        state.rename = None;
        return;
    };
    let t = state.screen_from_canvas;
    let screen = Rect::from_min_max(t * area.min, t * area.max);
    let editor_rect =
        Rect::from_center_size(screen.center(), Vec2::new(screen.width().max(140.0), 24.0));
    let id = ui.scope_id().with("archway_canvas_rename");
    let Some(rename) = state.rename.as_mut() else {
        return;
    };
    let resp = ui.put(
        editor_rect,
        egui::TextEdit::singleline(&mut rename.text)
            .id(id)
            .align(egui::Align2::CENTER_CENTER),
    );
    ui.ctx()
        .accesskit_node_builder(resp.id, |node| node.set_label("New name"));
    if !rename.focused {
        resp.request_focus();
        rename.focused = true;
        return;
    }
    if resp.lost_focus() {
        let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
        let Some(rename) = state.rename.take() else {
            return;
        };
        if !cancelled && let Some(edit) = edits::rename_edit(design, &rename.target, &rename.text) {
            out.push(CanvasResponse::Edit(edit));
        }
    }
}

/// Where the label of `target` sits, in canvas units: the node box, the container's label band,
/// or a box around the middle of the edge's route.
fn label_area(state: &CanvasState, design: &Design, target: &Target) -> Option<Rect> {
    let cache = &state.cache;
    match target {
        Target::Node(id) => cache
            .node_by_id
            .get(id.as_str())
            .map(|&i| cache.node_rects[i]),
        Target::Container(id) => cache.container_by_id.get(id.as_str()).map(|&i| {
            let r = to_egui_rect(&design.containers[i].rect);
            Rect::from_min_size(r.min, Vec2::new(r.width().min(240.0), CONTAINER_HEADER))
        }),
        Target::Edge(id) => design
            .edges
            .iter()
            .position(|e| &e.id == id)
            .and_then(|e| cache.edge_routes.get(e).copied().flatten())
            .map(|r| Rect::from_center_size(to_pos2(r.mid()), Vec2::new(140.0, 24.0))),
    }
}
