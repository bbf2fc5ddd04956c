//! The background and its grid, drawn as ONE textured rectangle: a tile of one grid cell (the
//! background with a line along its top and left edges) repeated across the canvas. A software
//! rasteriser pays for every screen tile a triangle touches, so a hundred 1-pixel grid lines
//! cost as much as filling the whole canvas again; one rectangle costs one fill.

use super::frame::PaintFrame;
use crate::ui::canvas::state::GridTile;
use egui::{Color32, ColorImage, Mesh, Pos2, Rect, TextureOptions, Vec2};

/// Grid spacing in canvas units for `grid` at zoom `zoom`: twice the snap grid, coarsened by
/// fives so lines are at least 16 screen points apart.
pub(super) fn grid_step(grid: f32, zoom: f32) -> f32 {
    let mut step = grid.max(1.0) * 2.0;
    while step * zoom < 16.0 {
        step *= 5.0;
    }
    step
}

/// The tile texture for this frame's zoom and theme, made again only when they change. `None`
/// when the grid is off (the background is then a plain fill).
pub(super) fn prepare_grid_tile(
    ctx: &egui::Context,
    slot: &mut Option<GridTile>,
    zoom: f32,
    grid: f32,
    background: Color32,
    line: Color32,
) {
    let side_px = (grid_step(grid, zoom) * zoom * ctx.pixels_per_point())
        .round()
        .clamp(2.0, 512.0) as u32;
    let key = (side_px, background, line);
    if slot.as_ref().is_some_and(|t| t.key == key) {
        return;
    }
    let n = side_px as usize;
    let mut img = ColorImage::filled([n, n], background);
    for i in 0..n {
        img.pixels[i] = line; // top row
        img.pixels[i * n] = line; // left column
    }
    let options = TextureOptions {
        wrap_mode: egui::TextureWrapMode::Repeat,
        ..TextureOptions::NEAREST
    };
    *slot = Some(GridTile {
        key,
        texture: ctx.load_texture("archway_canvas_grid", img, options),
    });
}

/// Paints the canvas background of `rect`, with the grid when `tile` is given: the tile is
/// repeated so that a line falls on every multiple of the grid step in canvas units.
pub(super) fn paint_background(f: &PaintFrame<'_>, rect: Rect, grid: f32, tile: Option<&GridTile>) {
    let Some(GridTile { texture, .. }) = tile else {
        f.painter.rect_filled(rect, 0.0, f.theme.background);
        return;
    };
    let step_on_screen = grid_step(grid, f.zoom) * f.zoom;
    // Canvas origin on screen: a grid line passes through it in both directions.
    let origin = f.t * Pos2::ZERO;
    let uv = |p: Pos2| {
        let v: Vec2 = (p - origin) / step_on_screen;
        Pos2::new(v.x, v.y)
    };
    let mut mesh = Mesh::with_texture(texture.id());
    mesh.add_rect_with_uv(
        rect,
        Rect::from_min_max(uv(rect.min), uv(rect.max)),
        Color32::WHITE,
    );
    f.painter.add(mesh);
}
