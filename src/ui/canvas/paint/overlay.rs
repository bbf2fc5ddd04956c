//! A review overlay over the design (what-if, compare): tone outlines on containers, edges and
//! nodes, a tint and a cross on failed components, and ghosts of removed components at their
//! old place. The tones and their colours come from [`crate::geometry::overlay`], which the SVG
//! export draws too.

use super::frame::{PaintFrame, Scene};
use crate::geometry::{self, Overlay, Tone};
use crate::ui::canvas::colors::color;
use crate::ui::canvas::layout::to_pos2;
use egui::epaint::PathShape;
use egui::{Align2, FontId, Rect, Stroke, StrokeKind};

/// The overlay of the scene, when it fits the design.
fn overlay_of<'a>(s: &Scene<'a>) -> Option<&'a Overlay> {
    s.options.overlay.as_deref().filter(|o| o.fits(s.design))
}

fn line_width(f: &PaintFrame<'_>) -> f32 {
    (3.0 * f.zoom).clamp(2.0, 4.0)
}

/// The marks under the edges (so captions stay readable): container outlines and a wide tone
/// band under each marked edge.
pub(super) fn paint_overlay_lines(f: &PaintFrame<'_>, s: &Scene<'_>) {
    let Some(o) = overlay_of(s) else {
        return;
    };
    let width = line_width(f);
    for (c, container) in s.design.containers.iter().enumerate() {
        let Some(t) = o.container(c) else { continue };
        let r = container.rect;
        let sr = f.rect(Rect::from_min_size(
            egui::pos2(r.x, r.y),
            egui::vec2(r.w, r.h),
        ));
        f.painter.rect_stroke(
            sr,
            (8.0 * f.zoom).min(8.0),
            Stroke::new(width, color(t.color())),
            StrokeKind::Inside,
        );
    }
    for e in s.cache.edges_in(f.visible) {
        let (Some(t), Some(Some(route))) = (o.edge(e), s.cache.edge_routes.get(e)) else {
            continue;
        };
        let points: Vec<egui::Pos2> = route
            .flatten(4)
            .into_iter()
            .map(|p| f.t * to_pos2(p))
            .collect();
        f.painter.add(PathShape::line(
            points,
            Stroke::new(width * 2.0, color(t.color()).gamma_multiply(0.6)),
        ));
    }
}

/// The marks over the nodes: tone outlines, tints and crosses, then the ghosts.
pub(super) fn paint_overlay_marks(f: &PaintFrame<'_>, s: &Scene<'_>) {
    let Some(o) = overlay_of(s) else {
        return;
    };
    let width = line_width(f);
    for n in s.cache.nodes_in(f.visible) {
        let Some(t) = o.node(n) else { continue };
        let sr = f.rect(s.cache.node_rects[n]).expand(2.0);
        paint_mark(f, t, sr, width);
    }
    paint_ghosts(f, o, width);
}

/// One node's mark: a tone outline, tinted when it lost service, crossed when it failed.
fn paint_mark(f: &PaintFrame<'_>, t: Tone, sr: Rect, width: f32) {
    let c = color(t.color());
    if matches!(t, Tone::Failed | Tone::Lost) {
        f.painter
            .rect_filled(sr, (8.0 * f.zoom).min(8.0), c.gamma_multiply(0.18));
    }
    f.painter.rect_stroke(
        sr,
        (9.0 * f.zoom).min(9.0),
        Stroke::new(width, c),
        StrokeKind::Outside,
    );
    if t.crossed() {
        let inner = sr.shrink(6.0 * f.zoom.min(1.0));
        let stroke = Stroke::new(width, c.gamma_multiply(0.9));
        f.painter
            .line_segment([inner.left_top(), inner.right_bottom()], stroke);
        f.painter
            .line_segment([inner.right_top(), inner.left_bottom()], stroke);
    }
}

/// Removed components: dashed red boxes at their old place, with their label.
fn paint_ghosts(f: &PaintFrame<'_>, o: &Overlay, width: f32) {
    let c = color(Tone::Removed.color());
    for node in &o.ghosts {
        let r = geometry::node_rect(node);
        let r = Rect::from_min_size(egui::pos2(r.x, r.y), egui::vec2(r.w, r.h));
        if !r.intersects(f.visible) {
            continue;
        }
        let sr = f.rect(r);
        f.painter
            .rect_filled(sr, (8.0 * f.zoom).min(8.0), c.gamma_multiply(0.10));
        let corners = [
            sr.left_top(),
            sr.right_top(),
            sr.right_bottom(),
            sr.left_bottom(),
            sr.left_top(),
        ];
        let dash = (6.0 * f.zoom).clamp(3.0, 8.0);
        f.painter.extend(egui::Shape::dashed_line(
            &corners,
            Stroke::new(width * 0.7, c),
            dash,
            dash * 0.7,
        ));
        if f.zoom >= 0.4 {
            f.painter.text(
                sr.center(),
                Align2::CENTER_CENTER,
                format!("{} (removed)", node.display_label()),
                FontId::proportional((12.0 * f.zoom).clamp(8.0, 14.0)),
                c,
            );
        }
    }
}
