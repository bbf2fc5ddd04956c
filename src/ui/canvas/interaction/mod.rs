//! Pointer and keyboard handling of the canvas, one file per gesture: view navigation (pan,
//! zoom, minimap), hit-testing, drags (move, resize, wire, box select), clicks, the context
//! menu, palette drops, arrow-key nudges, the in-place rename, the wiring popup, the quick-connect palette and the hover
//! tooltip. Gestures preview while they run (painting reads them from the state) and emit one
//! edit when they end.

mod context_menu;
mod drop;
mod gestures;
mod hit;
mod input;
mod keys;
mod navigate;
mod quick_connect;
mod rename;
mod select;
mod tooltip;
mod wire_popup;

pub(super) use hit::Hit;
pub(super) use navigate::follow_minimap;
pub(super) use quick_connect::quick_connect_ui;
pub(super) use rename::rename_ui;
pub(super) use tooltip::hover_tooltip;
pub(super) use wire_popup::wire_popup_ui;

use super::io::{CanvasOptions, CanvasResponse, Interaction};
use super::state::{CanvasState, Gesture};
use crate::model::Design;
use crate::ui::selection::Selection;
use input::{Frame, FrameInput};

/// Handles this frame's input on the canvas (`response` is its allocated area), in a fixed
/// order: navigation, hover, drags, clicks, context menu, palette drop, arrow keys. Returns
/// what happened and what the pointer is over (for the tooltip).
pub(super) fn interact(
    ui: &egui::Ui,
    response: &egui::Response,
    state: &mut CanvasState,
    design: &Design,
    selection: &Selection,
    options: &CanvasOptions,
) -> (Vec<CanvasResponse>, Option<Hit>) {
    let mut out = Vec::new();
    let fr = Frame {
        design,
        selection,
        options,
        input: FrameInput::read(ui),
    };
    navigate::navigate(state, response, &fr.input);
    let canvas_from_screen = state.canvas_from_screen();
    state.pointer_in_canvas = fr
        .input
        .pointer
        .filter(|p| response.rect.contains(*p))
        .map(|p| canvas_from_screen * p);
    let idle = matches!(state.gesture, Gesture::Idle);
    let hit = match state.pointer_in_canvas {
        Some(p) if idle => hit::hit_test(state, design, selection, p, state.zoom()),
        _ => None,
    };
    state.hover = hit.and_then(|h| h.target(design));
    match options.interaction {
        Interaction::Edit => {
            gestures::drag(ui, response, state, &fr, &mut out);
            select::clicks(response, state, &fr, hit, &mut out);
            context_menu::context_menu(response, state, &fr, &mut out);
            drop::palette_drop(response, state, &fr, &mut out);
            keys::nudge(ui, &fr, idle && state.rename.is_none(), &mut out);
        }
        // Review modes: no gesture that edits; a click selects or picks.
        Interaction::Select => select::select_clicks(response, state, &fr, hit, &mut out),
        Interaction::Pick => select::pick(response, design, hit, &mut out),
    }
    (out, hit)
}
