//! Drawing the canvas, layer by layer: background and grid, containers, edges (with captions
//! and finding badges), nodes with icons (with finding and capacity badges), gesture previews,
//! and the minimap. Level of detail: below a few screen pixels a node is one filled rectangle;
//! text, rounding and icons appear only when they can be read. Off-screen elements are culled.
//! While the view holds still or pans, the design comes from one cached picture moved by the
//! pan (`raster`), and the minimap is a cached texture, so a frame fills the canvas about once.
//!
//! Painting only reads the design, the session state and the geometry cache (the pictures
//! of the design and of the minimap are kept in the state); it never decides what a gesture
//! does.

mod badges;
mod containers;
mod edges;
mod frame;
mod grid;
mod icons;
mod looks;
mod minimap;
mod nodes;
mod overlay;
mod pixels;
mod previews;
mod raster;

pub use icons::paint_icon;
pub(super) use minimap::paint_minimap;
pub(super) use raster::prepare_design_raster;

use super::io::{CanvasInput, CanvasOptions};
use super::state::CanvasState;
use crate::ui::selection::Selection;
use egui::{Pos2, Rect};
use frame::{MovePreview, PaintFrame, Scene, Theme};
use std::collections::HashSet;

/// Makes the grid's tile texture for this frame's zoom and theme (when the grid is shown).
pub(super) fn prepare_background(ui: &egui::Ui, state: &mut CanvasState, options: &CanvasOptions) {
    if !options.show_grid {
        state.grid_tile = None;
        return;
    }
    let theme = Theme::from(ui.visuals());
    let zoom = state.zoom();
    grid::prepare_grid_tile(
        ui.ctx(),
        &mut state.grid_tile,
        zoom,
        options.grid_size,
        theme.background,
        theme.grid,
    );
}

/// Paints the whole canvas into the allocated `response.rect`; `drop_hover` is where a palette
/// item is being dragged over the canvas (canvas units). With `from_raster`, the design comes
/// from the picture [`prepare_design_raster`] made, and only what it leaves out is drawn over.
#[allow(clippy::too_many_arguments)]
pub(super) fn paint_canvas(
    ui: &egui::Ui,
    response: &egui::Response,
    state: &CanvasState,
    selection: &Selection,
    input: &CanvasInput<'_>,
    options: &CanvasOptions,
    drop_hover: Option<Pos2>,
    from_raster: bool,
) {
    let rect = response.rect;
    let painter = ui.painter_at(rect);
    let t = state.screen_from_canvas;
    let inv = t.inverse();
    let f = PaintFrame {
        painter: &painter,
        t,
        zoom: t.scaling,
        theme: Theme::from(ui.visuals()),
        visible: Rect::from_min_max(inv * rect.min, inv * rect.max).expand(20.0),
    };
    let empty = HashSet::new();
    let moving = MovePreview::of(&state.gesture, &empty);
    let scene = Scene::new(state, selection, input, options, moving, false);
    if from_raster && let Some(raster) = &state.design_raster {
        raster::paint_design_raster(&f, raster);
        if raster::shows_dots(raster) {
            containers::paint_container_labels(&f, &scene);
        }
        edges::paint_hovered_edge(&f, &scene);
        nodes::paint_live_ports(&f, &scene);
        previews::paint_previews(&f, &scene, drop_hover);
        return;
    }
    grid::paint_background(&f, rect, options.grid_size, state.grid_tile.as_ref());
    let drop_target = previews::drop_target(&scene, drop_hover);
    containers::paint_containers(&f, &scene, drop_target.as_ref());
    overlay::paint_overlay_lines(&f, &scene);
    let over = edges::paint_edges(&f, &scene);
    nodes::paint_nodes(&f, &scene);
    edges::paint_captions_over(&f, &over);
    overlay::paint_overlay_marks(&f, &scene);
    previews::paint_previews(&f, &scene, drop_hover);
}
