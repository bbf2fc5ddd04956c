//! Vector icons for node and container kinds, drawn with egui shapes (no image files), so
//! they stay sharp at any zoom. Used by the palette, the start view thumbnails and anyone
//! else who wants a recognisable glyph for a kind.

use crate::geometry;
use crate::model::catalog;
use crate::model::{ContainerKind, NodeKind};
use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// The accent colour of a node kind as an egui colour.
pub fn node_color(kind: NodeKind) -> Color32 {
    let c = geometry::category_color(catalog::node_info(kind).category);
    Color32::from_rgb(c.0, c.1, c.2)
}

/// The tint of a container kind as an egui colour.
pub fn container_color(kind: ContainerKind) -> Color32 {
    let c = geometry::container_color(kind);
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Draws the icon of a node kind inside `rect` (best square) in `color`, from the shared
/// vector data in [`crate::geometry::icons`] so the palette, the canvas and exports agree.
pub fn paint_node_icon(painter: &Painter, rect: Rect, kind: NodeKind, color: Color32) {
    use crate::geometry::icons::{IconShape, STROKE, node_icon};
    let s = rect.width().min(rect.height());
    let r = Rect::from_center_size(rect.center(), vec2(s, s));
    let stroke = Stroke::new((STROKE * s).max(1.0), color);
    let p = |q: (f32, f32)| pos2(r.left() + q.0 * s, r.top() + q.1 * s);
    for shape in node_icon(kind) {
        match *shape {
            IconShape::Circle { c, r: radius, fill } => {
                if fill {
                    painter.circle_filled(p(c), radius * s, color);
                } else {
                    painter.circle_stroke(p(c), radius * s, stroke);
                }
            }
            IconShape::RoundRect {
                min,
                max,
                r: corner,
                fill,
            } => {
                let rr = Rect::from_min_max(p(min), p(max));
                if fill {
                    painter.rect_filled(rr, corner * s, color);
                } else {
                    painter.rect_stroke(rr, corner * s, stroke, egui::StrokeKind::Middle);
                }
            }
            IconShape::Polyline { pts, closed } => {
                let pts: Vec<Pos2> = pts.iter().map(|&q| p(q)).collect();
                if closed {
                    painter.add(Shape::closed_line(pts, stroke));
                } else {
                    painter.add(Shape::line(pts, stroke));
                }
            }
        }
    }
}

/// Draws the icon of a container kind: a dashed or solid frame with a corner tab.
pub fn paint_container_icon(painter: &Painter, rect: Rect, kind: ContainerKind) {
    let color = container_color(kind);
    let s = rect.width().min(rect.height());
    let r = Rect::from_center_size(rect.center(), vec2(s * 0.9, s * 0.75));
    let stroke = Stroke::new((s / 12.0).max(1.0), color);
    let fill = color.gamma_multiply(0.2);
    painter.rect(r, 2.0, fill, Stroke::NONE, egui::StrokeKind::Middle);
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    let dashed = matches!(
        kind,
        ContainerKind::AvailabilityZone | ContainerKind::Region
    );
    for pair in corners.windows(2) {
        if dashed {
            painter.extend(Shape::dashed_line(
                &[pair[0], pair[1]],
                stroke,
                s * 0.12,
                s * 0.08,
            ));
        } else {
            painter.line_segment([pair[0], pair[1]], stroke);
        }
    }
    let tab = Rect::from_min_size(r.left_top(), vec2(r.width() * 0.4, r.height() * 0.22));
    painter.rect_filled(tab, 1.0, color);
    if kind == ContainerKind::PrivateSubnet {
        // A small padlock.
        let c = r.center() + vec2(0.0, s * 0.08);
        painter.rect_filled(
            Rect::from_center_size(c, vec2(s * 0.22, s * 0.16)),
            1.0,
            color,
        );
        painter.circle_stroke(c - vec2(0.0, s * 0.1), s * 0.07, stroke);
    }
}
