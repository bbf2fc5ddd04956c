//! The canvas editor: draws a design (containers, nodes, edges, finding and capacity badges)
//! and turns pointer and keyboard gestures into [`CanvasResponse`]s.
//!
//! The canvas keeps only session state ([`CanvasState`]: view transform, hover, the gesture in
//! progress). It never mutates the design: a gesture previews while it runs and emits ONE
//! [`Edit`](crate::model::Edit) when it ends, so a whole drag is one undo step. The app applies
//! the responses at the end of the frame, bumps [`CanvasInput::revision`] for every applied
//! edit, and passes the new selection back in.
//!
//! Keys the canvas handles itself (only while no text field has focus): arrow keys nudge the
//! selection (shift = bigger step), Escape cancels a gesture in progress, space+drag pans.
//! Everything else (F2, Delete, Ctrl+…) belongs to the app's command list, which calls the
//! public helpers ([`CanvasState::begin_rename`], [`CanvasState::zoom_to_fit`], …).
//!
//! The files, each importing only from those before it: `io` (what goes in and out each
//! frame), `layout` and `colors` (facts painting and hit-testing share), `cache` (geometry
//! derived per revision), `state` (session state), `edits` (what gestures emit), then
//! `interaction` (one file per gesture) and `paint` (one file per layer), which never import
//! each other. This file only sequences them within a frame.

mod cache;
mod colors;
mod edits;
mod interaction;
mod io;
mod layout;
mod paint;
mod state;

pub use cache::{Badge, GeometryCache};
pub use colors::{color, severity_color, status_color};
pub use edits::{
    connect_edit, connect_edit_with, default_edge, move_edit, place_edit, reparent_edits,
};
pub use io::{
    CanvasCommand, CanvasInput, CanvasOptions, CanvasResponse, Interaction, PaletteItem, Target,
};
pub use layout::{CAPTION_MIN_PX, CAPTION_ZOOM, LABEL_ZOOM, caption_style};
pub use paint::paint_icon;
pub use state::{CanvasState, Gesture, design_bounds, fit_transform, selection_bounds};

use crate::ui::selection::Selection;
use egui::Sense;

/// Draws the canvas filling `ui`'s available space and handles its gestures.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    selection: &Selection,
    input: &CanvasInput<'_>,
    options: &CanvasOptions,
) -> Vec<CanvasResponse> {
    let design = input.design;
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    state.cache.refresh(design, input.report, input.revision);
    state.prepare_view(rect, design);
    let (mut out, hit) = interaction::interact(ui, &response, state, design, selection, options);

    if state.zoom() >= layout::CAPTION_ZOOM.min(layout::EDGE_BADGE_ZOOM) {
        state.cache.ensure_captions(
            design,
            layout::caption_style(state.zoom()),
            options.show_findings,
            options.show_capacity.then_some(input.estimate),
        );
    }
    let drop_hover = response
        .dnd_hover_payload::<PaletteItem>()
        .and(state.pointer_in_canvas);
    paint::prepare_background(ui, state, options);
    let from_raster = paint::prepare_design_raster(
        ui,
        state,
        selection,
        input,
        options,
        rect,
        drop_hover.is_some(),
    );
    paint::paint_canvas(
        ui,
        &response,
        state,
        selection,
        input,
        options,
        drop_hover,
        from_raster,
    );

    // Overlays: rename editor, wiring popup, quick-connect palette, minimap, then the hovered element's tooltip.
    interaction::rename_ui(ui, state, design, &mut out);
    interaction::wire_popup_ui(ui, state, design, &mut out);
    interaction::quick_connect_ui(ui, state, design, &mut out);
    if options.show_minimap {
        minimap_ui(ui, state, rect);
    }
    if let Some(hit) = hit {
        interaction::hover_tooltip(&response, state, input, hit);
    }
    out
}

/// The minimap in the bottom-right corner of the canvas shown in `canvas_rect`: painted from
/// the cache, and a click or drag in it moves the view there.
fn minimap_ui(ui: &mut egui::Ui, state: &mut CanvasState, canvas_rect: egui::Rect) {
    let bounds = state.cache.bounds;
    let Some(frame) = layout::minimap_frame(bounds, canvas_rect) else {
        return;
    };
    let response = ui.interact(
        frame,
        ui.scope_id().with("archway_minimap"),
        Sense::click_and_drag(),
    );
    let scale = layout::MinimapScale::new(frame, bounds);
    paint::paint_minimap(ui, state, frame, canvas_rect, scale);
    interaction::follow_minimap(&response, state, scale, canvas_rect);
}
