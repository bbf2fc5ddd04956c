//! The minimap: the whole design in miniature (containers and where nodes are) with the visible
//! area outlined; click or drag in it to move the view there.

use super::CanvasState;
use super::cache::MINIMAP_CELLS;
use egui::{Color32, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

/// Size of the minimap on screen.
const SIZE: Vec2 = Vec2::new(200.0, 130.0);

/// Draws the minimap in the bottom-right corner of `canvas_rect` and handles clicks in it.
pub(super) fn minimap_ui(ui: &mut egui::Ui, state: &mut CanvasState, canvas_rect: Rect) {
    let bounds = state.cache.bounds;
    if !bounds.is_positive()
        || canvas_rect.width() < 2.5 * SIZE.x
        || canvas_rect.height() < 2.5 * SIZE.y
    {
        return;
    }
    let frame = Rect::from_min_size(canvas_rect.max - SIZE - Vec2::splat(12.0), SIZE);
    let response = ui.interact(
        frame,
        ui.scope_id().with("archway_minimap"),
        Sense::click_and_drag(),
    );
    let painter = ui.painter_at(frame);
    let dark = ui.visuals().dark_mode;
    let bg = if dark {
        Color32::from_rgba_unmultiplied(20, 22, 26, 230)
    } else {
        Color32::from_rgba_unmultiplied(255, 255, 255, 235)
    };
    painter.rect_filled(frame, 6.0, bg);
    painter.rect_stroke(
        frame,
        6.0,
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
        StrokeKind::Inside,
    );
    // canvas → minimap transform, preserving aspect ratio.
    let inner = frame.shrink(6.0);
    let scale = (inner.width() / bounds.width()).min(inner.height() / bounds.height());
    let offset = inner.center() - bounds.center().to_vec2() * scale;
    let to_map = |p: Pos2| Pos2::new(p.x * scale + offset.x, p.y * scale + offset.y);
    let from_map = |p: Pos2| Pos2::new((p.x - offset.x) / scale, (p.y - offset.y) / scale);

    let cell = Vec2::new(
        bounds.width() / MINIMAP_CELLS.0 as f32,
        bounds.height() / MINIMAP_CELLS.1 as f32,
    );
    let node_colour = if dark {
        Color32::from_gray(170)
    } else {
        Color32::from_gray(90)
    };
    for &(cx, cy) in &state.cache.minimap_cells {
        let min = bounds.min + Vec2::new(cx as f32 * cell.x, cy as f32 * cell.y);
        let r = Rect::from_min_max(to_map(min), to_map(min + cell));
        painter.rect_filled(r.expand(0.3), 0.0, node_colour);
    }
    // The visible area.
    let inv = state.canvas_from_screen();
    let view = Rect::from_min_max(to_map(inv * canvas_rect.min), to_map(inv * canvas_rect.max));
    let sel = ui.visuals().selection.stroke.color;
    painter.rect_filled(view.intersect(frame), 0.0, sel.gamma_multiply(0.15));
    painter.rect_stroke(
        view.intersect(frame),
        0.0,
        Stroke::new(1.5, sel),
        StrokeKind::Inside,
    );

    if (response.clicked() || response.dragged())
        && let Some(p) = response.interact_pointer_pos()
    {
        let target = from_map(p);
        let z = state.zoom();
        state.screen_from_canvas =
            egui::emath::TSTransform::new(canvas_rect.center().to_vec2() - target.to_vec2() * z, z);
    }
}
