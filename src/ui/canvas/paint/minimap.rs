//! The minimap's picture: the whole design in miniature (tinted containers, nodes as small
//! boxes in their category colour) with the visible area outlined. The picture comes from the
//! geometry cache and is kept as one mesh, so a frame costs the same at 10 nodes or 10,000.
//! Clicks in it are handled by the interaction side.

use crate::ui::canvas::cache::MinimapPicture;
use crate::ui::canvas::layout::MinimapScale;
use crate::ui::canvas::state::CanvasState;
use egui::{Color32, Mesh, Pos2, Rect, Stroke, StrokeKind, Vec2};
use std::sync::Arc;

/// Paints the minimap into `frame` (screen) for a canvas shown in `canvas_rect`. The mesh is
/// kept in `state` and rebuilt only when the design or the minimap's place on screen changes.
pub fn paint_minimap(
    ui: &egui::Ui,
    state: &mut CanvasState,
    frame: Rect,
    canvas_rect: Rect,
    scale: MinimapScale,
) {
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
    // The picture (containers, then nodes) as one mesh.
    let key = (frame, state.cache.builds, dark);
    let mesh = match &state.minimap_mesh {
        Some((k, mesh)) if *k == key => mesh.clone(),
        _ => {
            let to_map = |p| scale.map_from_canvas(p);
            let mesh = Arc::new(picture_mesh(&state.cache.minimap, to_map, dark));
            state.minimap_mesh = Some((key, mesh.clone()));
            mesh
        }
    };
    painter.add(egui::Shape::Mesh(mesh));
    // The visible area.
    let inv = state.canvas_from_screen();
    let view = Rect::from_min_max(
        scale.map_from_canvas(inv * canvas_rect.min),
        scale.map_from_canvas(inv * canvas_rect.max),
    );
    let sel = ui.visuals().selection.stroke.color;
    painter.rect_filled(view.intersect(frame), 0.0, sel.gamma_multiply(0.15));
    painter.rect_stroke(
        view.intersect(frame),
        0.0,
        Stroke::new(1.5, sel),
        StrokeKind::Inside,
    );
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
