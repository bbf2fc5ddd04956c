//! The canvas's right-click menu: rename, duplicate, copy, cut, delete, the Arrange submenu,
//! paste, select all and zoom. Rename is handled here (it opens the canvas's label editor); the rest go to the app.

use super::input::Frame;
use crate::ui::canvas::io::{CanvasCommand, CanvasResponse};
use crate::ui::canvas::state::CanvasState;
use crate::ui::commands::ARRANGE_MENU;

/// Shows the context menu on `response` and acts on the command picked.
pub(super) fn context_menu(
    response: &egui::Response,
    state: &mut CanvasState,
    fr: &Frame<'_>,
    out: &mut Vec<CanvasResponse>,
) {
    let menu_target = state.hover.clone();
    let paste_at = state.pointer_in_canvas();
    let selected = !fr.selection.is_empty();
    let mut picked = None;
    response.context_menu(|ui| {
        let mut cmd = None;
        if let Some(t) = &menu_target
            && ui.button("Rename").clicked()
        {
            cmd = Some(CanvasCommand::Rename(t.clone()));
        }
        if selected || menu_target.is_some() {
            for (label, c) in [
                ("Duplicate", CanvasCommand::Duplicate),
                ("Copy", CanvasCommand::Copy),
                ("Cut", CanvasCommand::Cut),
                ("Delete", CanvasCommand::Delete),
            ] {
                if ui.button(label).clicked() {
                    cmd = Some(c);
                }
            }
            if selected {
                ui.menu_button("Arrange", |ui| {
                    for group in ARRANGE_MENU {
                        for &c in *group {
                            if ui.button(c.label()).on_hover_text(c.tooltip()).clicked() {
                                cmd = Some(CanvasCommand::Arrange(c));
                            }
                        }
                        ui.separator();
                    }
                });
            }
            ui.separator();
        }
        if ui.button("Paste").clicked() {
            cmd = Some(CanvasCommand::Paste(paste_at.unwrap_or_default()));
        }
        if ui.button("Select all").clicked() {
            cmd = Some(CanvasCommand::SelectAll);
        }
        if ui.button("Zoom to fit").clicked() {
            cmd = Some(CanvasCommand::ZoomToFit);
        }
        if selected && ui.button("Zoom to selection").clicked() {
            cmd = Some(CanvasCommand::ZoomToSelection);
        }
        if cmd.is_some() {
            ui.close();
        }
        picked = cmd;
    });
    match picked {
        // Renaming is the canvas's own business: start it here rather than asking the app.
        Some(CanvasCommand::Rename(t)) => state.begin_rename(fr.design, t),
        Some(c) => out.push(CanvasResponse::Command(c)),
        None => {}
    }
}
