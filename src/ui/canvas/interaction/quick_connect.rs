//! Quick connect: a wire dropped on empty canvas opens a small palette at the pointer;
//! choosing a kind places that component there, connected from the wire's source, as one
//! edit (one undo step). Typing filters the kinds; Escape or a click elsewhere closes it. The
//! palette stays inside the canvas: near its right or bottom edge it opens up or to the left.

use crate::model::{Edit, NodeKind, Pos, catalog};
use crate::ui::canvas::edits;
use crate::ui::canvas::io::{CanvasResponse, PaletteItem};
use crate::ui::canvas::state::CanvasState;
use crate::ui::selection::{Element, Selection};
use egui::Key;

/// The quick-connect palette, if open.
pub fn quick_connect_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    design: &crate::model::Design,
    out: &mut Vec<CanvasResponse>,
) {
    let Some(mut qc) = state.quick_connect.clone() else {
        return;
    };
    let Some(from) = design.node(qc.from.as_str()) else {
        state.quick_connect = None;
        return;
    };
    let pos = state.screen_from_canvas * qc.at_in_canvas;
    let mut chosen = None;
    let area = egui::Area::new(ui.scope_id().with("archway_quick_connect"))
        .order(egui::Order::Foreground)
        .fixed_pos(pos)
        // Never past the canvas's edges (nor over the panels and bars around it).
        .constrain_to(state.viewport)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(
                    egui::RichText::new(format!("Connect {} to…", from.display_label())).strong(),
                );
                let filter = ui
                    .horizontal(|ui| {
                        let label = ui.label("Kind");
                        ui.add(
                            egui::TextEdit::singleline(&mut qc.filter)
                                .hint_text("type to filter")
                                .desired_width(150.0),
                        )
                        .labelled_by(label.id)
                    })
                    .inner;
                if !qc.focused {
                    filter.request_focus();
                    qc.focused = true;
                }
                let needle = qc.filter.to_lowercase();
                let matching: Vec<NodeKind> = NodeKind::ALL
                    .into_iter()
                    .filter(|k| {
                        let info = catalog::node_info(*k);
                        needle.is_empty()
                            || info.name.to_lowercase().contains(&needle)
                            || info.key.contains(&needle)
                    })
                    .collect();
                egui::ScrollArea::vertical()
                    .max_height(220.0)
                    .show(ui, |ui| {
                        for k in &matching {
                            if ui.button(catalog::node_info(*k).name).clicked() {
                                chosen = Some(*k);
                            }
                        }
                    });
                // Enter takes the first match.
                if filter.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    chosen = matching.first().copied();
                }
            });
        });
    if let Some(kind) = chosen {
        let corner = Pos::new(
            qc.at_in_canvas.x - crate::geometry::NODE_W / 2.0,
            qc.at_in_canvas.y - crate::geometry::NODE_H / 2.0,
        );
        let (place, target) = edits::place_edit(design, PaletteItem::Node(kind), corner);
        // Connect on the design as it will be, so the edge gets the usual defaults.
        let mut after = design.clone();
        place.clone().apply(&mut after);
        if let Element::Node(id) = &target
            && let Some(to) = after.node(id.as_str())
        {
            let (connect, _) = edits::connect_edit(&after, from, to);
            out.push(CanvasResponse::Edit(Edit::Batch(vec![place, connect])));
            out.push(CanvasResponse::SetSelection(Selection::only(
                target.clone(),
            )));
        }
        state.quick_connect = None;
        return;
    }
    let clicked_elsewhere = ui.input(|i| i.pointer.any_pressed())
        && ui
            .input(|i| i.pointer.interact_pos())
            .is_some_and(|p| !area.response.rect.contains(p));
    if clicked_elsewhere || ui.input(|i| i.key_pressed(Key::Escape)) {
        state.quick_connect = None;
    } else {
        state.quick_connect = Some(qc);
    }
}
