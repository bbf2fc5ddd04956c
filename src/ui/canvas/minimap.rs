//! The minimap: the whole design in miniature (tinted containers, nodes as small boxes in their
//! category colour) with the visible area outlined; click or drag in it to move the view there.
//! The picture comes from the geometry cache and is kept as one mesh, so a frame costs the
//! same at 10 nodes or 10,000.

use super::CanvasState;
use super::cache::MinimapPicture;
use egui::{Color32, Mesh, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};
use std::sync::Arc;

/// What a cached minimap mesh was drawn for: the minimap's frame, the cache build, dark mode.
pub(super) type MinimapKey = (Rect, u64, bool);

/// Size of the minimap on screen.
const SIZE: Vec2 = Vec2::new(200.0, 130.0);

/// Where the minimap sits on screen: the bottom-right corner of `canvas_rect`, when the canvas
/// is big enough to spare the room and there is something to show.
pub(super) fn minimap_frame(state: &CanvasState, canvas_rect: Rect) -> Option<Rect> {
    let fits = canvas_rect.width() >= 2.5 * SIZE.x && canvas_rect.height() >= 2.5 * SIZE.y;
    (fits && state.cache.bounds.is_positive())
        .then(|| Rect::from_min_size(canvas_rect.max - SIZE - Vec2::splat(12.0), SIZE))
}

/// Draws the minimap in the bottom-right corner of `canvas_rect` and handles clicks in it.
pub(super) fn minimap_ui(ui: &mut egui::Ui, state: &mut CanvasState, canvas_rect: Rect) {
    let bounds = state.cache.bounds;
    let Some(frame) = minimap_frame(state, canvas_rect) else {
        return;
    };
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

    // The picture (containers, then nodes) as one mesh, rebuilt only when the design or the
    // minimap's place on screen changes.
    let key = (frame, state.cache.builds, dark);
    let mesh = match &state.minimap_mesh {
        Some((k, mesh)) if *k == key => mesh.clone(),
        _ => {
            let mesh = Arc::new(picture_mesh(&state.cache.minimap, to_map, dark));
            state.minimap_mesh = Some((key, mesh.clone()));
            mesh
        }
    };
    painter.add(egui::Shape::Mesh(mesh));
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

/// The minimap picture mapped through `to_map`: container fills and outlines, then nodes (at
/// least a pixel and a half, so lone nodes stay visible).
fn picture_mesh(picture: &MinimapPicture, to_map: impl Fn(Pos2) -> Pos2, dark: bool) -> Mesh {
    let mut mesh = Mesh::default();
    let fill = if dark { 0.16 } else { 0.12 };
    for &(r, tint) in &picture.containers {
        let r = Rect::from_min_max(to_map(r.min), to_map(r.max));
        mesh.add_colored_rect(r, tint.gamma_multiply(fill));
        let edge = tint.gamma_multiply(0.7);
        for side in [
            Rect::from_min_max(r.min, Pos2::new(r.max.x, r.min.y + 1.0)),
            Rect::from_min_max(Pos2::new(r.min.x, r.max.y - 1.0), r.max),
            Rect::from_min_max(r.min, Pos2::new(r.min.x + 1.0, r.max.y)),
            Rect::from_min_max(Pos2::new(r.max.x - 1.0, r.min.y), r.max),
        ] {
            mesh.add_colored_rect(side, edge);
        }
    }
    for &(r, colour) in &picture.nodes {
        let r = Rect::from_min_max(to_map(r.min), to_map(r.max));
        let r = Rect::from_center_size(r.center(), r.size().max(Vec2::splat(1.5)));
        mesh.add_colored_rect(r, colour);
    }
    mesh
}
