//! The minimap's picture: the whole design in miniature (tinted containers, nodes as small
//! boxes in their category colour) with the visible area outlined. The picture comes from the
//! geometry cache and is rasterised once into a texture (made again only when the design, the
//! minimap's place or the theme changes), so a frame draws one small textured rectangle and
//! the outline, at 10 nodes or 100,000. Clicks in it are handled by the interaction side.

use super::pixels::{Canvas, paint_of};
use crate::ui::canvas::cache::MinimapPicture;
use crate::ui::canvas::layout::MinimapScale;
use crate::ui::canvas::state::{CanvasState, MinimapTexture};
use egui::{Color32, ColorImage, Mesh, Pos2, Rect, Stroke, StrokeKind, TextureOptions, Vec2};
use resvg::tiny_skia;

/// Corner radius of the minimap's frame, in points.
const RADIUS: f32 = 6.0;

/// Paints the minimap into `frame` (screen) for a canvas shown in `canvas_rect`. The picture
/// is kept in `state` and drawn again only when the design or the minimap's place changes.
pub fn paint_minimap(
    ui: &egui::Ui,
    state: &mut CanvasState,
    frame: Rect,
    canvas_rect: Rect,
    scale: MinimapScale,
) {
    let painter = ui.painter_at(frame);
    let dark = ui.visuals().dark_mode;
    let ppp = ui.ctx().pixels_per_point();
    // Whole pixels, so the picture's texels fall on the screen's pixels.
    let frame_px = Rect::from_min_max((frame.min * ppp).round(), (frame.max * ppp).round());
    let key = (frame, state.cache.builds, dark, ppp);
    if state.minimap_picture.as_ref().is_none_or(|m| m.key != key) {
        let bg = if dark {
            Color32::from_rgba_unmultiplied(20, 22, 26, 230)
        } else {
            Color32::from_rgba_unmultiplied(255, 255, 255, 235)
        };
        let outline = ui.visuals().widgets.noninteractive.bg_stroke.color;
        // Canvas units → pixels of the picture.
        let to_px = |p| (scale.map_from_canvas(p) * ppp - frame_px.min).to_pos2();
        let image = picture_image(
            &state.cache.minimap,
            to_px,
            frame_px.size(),
            ppp,
            [bg, outline],
            dark,
        );
        let texture = ui
            .ctx()
            .load_texture("archway_minimap", image, TextureOptions::NEAREST);
        state.minimap_picture = Some(MinimapTexture { key, texture });
    }
    if let Some(m) = &state.minimap_picture {
        let mut mesh = Mesh::with_texture(m.texture.id());
        mesh.add_rect_with_uv(
            Rect::from_min_max(frame_px.min / ppp, frame_px.max / ppp),
            Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
            Color32::WHITE,
        );
        painter.add(mesh);
    }
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

/// The minimap's pixels (`size`, at `ppp` pixels per point): the rounded frame in `bg` with a
/// one-point `outline`, then the picture mapped through `to_px`: container fills and outlines,
/// then nodes (at least a point and a half, so lone nodes stay visible).
fn picture_image(
    picture: &MinimapPicture,
    to_px: impl Fn(Pos2) -> Pos2,
    size: Vec2,
    ppp: f32,
    [bg, outline]: [Color32; 2],
    dark: bool,
) -> ColorImage {
    let (w, h) = (size.x.max(1.0) as u32, size.y.max(1.0) as u32);
    let Some(mut pixmap) = tiny_skia::Pixmap::new(w, h) else {
        return ColorImage::filled([1, 1], Color32::TRANSPARENT);
    };
    let frame = tiny_skia::Rect::from_xywh(0.0, 0.0, w as f32, h as f32);
    if let Some(path) = frame.and_then(|r| rounded_rect(r, RADIUS * ppp)) {
        let transform = tiny_skia::Transform::identity();
        pixmap.fill_path(
            &path,
            &paint_of(bg, true),
            tiny_skia::FillRule::Winding,
            transform,
            None,
        );
        let inner =
            tiny_skia::Rect::from_xywh(0.5 * ppp, 0.5 * ppp, w as f32 - ppp, h as f32 - ppp);
        if let Some(edge) = inner.and_then(|r| rounded_rect(r, (RADIUS - 0.5) * ppp)) {
            let stroke = tiny_skia::Stroke {
                width: ppp,
                ..Default::default()
            };
            pixmap.stroke_path(&edge, &paint_of(outline, true), &stroke, transform, None);
        }
    }
    let fill = if dark { 0.16 } else { 0.12 };
    let mut canvas = Canvas {
        pixmap: &mut pixmap,
        shift: Vec2::ZERO,
    };
    // Without anti-aliasing, as the mesh they replace was drawn.
    let mut rect = |r: Rect, c: Color32| canvas.fill(r, c, false);
    for &(r, tint) in &picture.containers {
        let r = Rect::from_min_max(to_px(r.min), to_px(r.max));
        rect(r, tint.gamma_multiply(fill));
        let edge = tint.gamma_multiply(0.7);
        for side in [
            Rect::from_min_max(r.min, Pos2::new(r.max.x, r.min.y + ppp)),
            Rect::from_min_max(Pos2::new(r.min.x, r.max.y - ppp), r.max),
            Rect::from_min_max(r.min, Pos2::new(r.min.x + ppp, r.max.y)),
            Rect::from_min_max(Pos2::new(r.max.x - ppp, r.min.y), r.max),
        ] {
            rect(side, edge);
        }
    }
    for &(r, colour) in &picture.nodes {
        let r = Rect::from_min_max(to_px(r.min), to_px(r.max));
        let r = Rect::from_center_size(r.center(), r.size().max(Vec2::splat(1.5 * ppp)));
        rect(r, colour);
    }
    ColorImage::from_rgba_premultiplied([w as usize, h as usize], pixmap.data())
}

/// A rectangle with round corners of `radius` (pixels).
fn rounded_rect(r: tiny_skia::Rect, radius: f32) -> Option<tiny_skia::Path> {
    let radius = radius.min(r.width() / 2.0).min(r.height() / 2.0).max(0.0);
    // Control-point distance of a cubic Bézier quarter circle.
    let k = radius * 0.552_284_8;
    let (l, t, rt, b) = (r.left(), r.top(), r.right(), r.bottom());
    let mut pb = tiny_skia::PathBuilder::new();
    pb.move_to(l + radius, t);
    pb.line_to(rt - radius, t);
    pb.cubic_to(rt - radius + k, t, rt, t + radius - k, rt, t + radius);
    pb.line_to(rt, b - radius);
    pb.cubic_to(rt, b - radius + k, rt - radius + k, b, rt - radius, b);
    pb.line_to(l + radius, b);
    pb.cubic_to(l + radius - k, b, l, b - radius + k, l, b - radius);
    pb.line_to(l, t + radius);
    pb.cubic_to(l, t + radius - k, l + radius - k, t, l + radius, t);
    pb.close();
    pb.finish()
}
