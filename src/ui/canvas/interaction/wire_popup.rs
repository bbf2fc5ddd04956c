//! The small popup shown after wiring, to change the new edge's kind, protocol and TLS flag.
//! Each change is one edit; Done, Escape or a click elsewhere closes it. It stays inside the
//! canvas.

use crate::model::{Design, EdgeKind, Edit, Protocol};
use crate::ui::canvas::io::CanvasResponse;
use crate::ui::canvas::state::CanvasState;
use egui::{Key, Vec2};

/// The popup of the edge wired last, if still open.
pub fn wire_popup_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    design: &Design,
    out: &mut Vec<CanvasResponse>,
) {
    let Some(popup) = state.wire_popup.clone() else {
        return;
    };
    let Some(edge) = design.edge(popup.edge.as_str()) else {
        if popup.edge_seen {
            state.wire_popup = None;
        }
        return;
    };
    if let Some(p) = state.wire_popup.as_mut() {
        p.edge_seen = true;
    }
    let pos = state.screen_from_canvas * popup.at_in_canvas + Vec2::new(12.0, 12.0);
    let mut close = false;
    let mut changed = edge.clone();
    egui::Area::new(ui.scope_id().with("archway_wire_popup"))
        .order(egui::Order::Foreground)
        .fixed_pos(pos)
        // Never past the canvas's edges (nor over the panels and bars around it).
        .constrain_to(state.viewport)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(
                    egui::RichText::new(format!("Edge from {} to {}", edge.from, edge.to)).strong(),
                );
                edge_fields_ui(ui, &mut changed);
                if ui.button("Done").clicked() {
                    close = true;
                }
            });
        });
    if &changed != edge {
        out.push(CanvasResponse::Edit(Edit::SetEdge(changed)));
    }
    if close || ui.input(|i| i.key_pressed(Key::Escape)) {
        state.wire_popup = None;
    }
}

/// The kind and protocol pickers and the TLS box (unless the protocol is HTTPS).
fn edge_fields_ui(ui: &mut egui::Ui, edge: &mut crate::model::Edge) {
    egui::ComboBox::from_label("kind")
        .selected_text(edge.kind.label())
        .show_ui(ui, |ui| {
            for k in EdgeKind::ALL {
                ui.selectable_value(&mut edge.kind, k, k.label());
            }
        });
    egui::ComboBox::from_label("protocol")
        .selected_text(edge.protocol.map_or("unset", Protocol::label))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut edge.protocol, None, "unset");
            for p in Protocol::ALL {
                ui.selectable_value(&mut edge.protocol, Some(p), p.label());
            }
        });
    if edge.protocol != Some(Protocol::Https) {
        let mut tls = edge.props.tls.unwrap_or(false);
        if ui.checkbox(&mut tls, "TLS").changed() {
            edge.props.tls = Some(tls);
        }
    }
}
