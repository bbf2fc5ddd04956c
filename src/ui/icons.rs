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

/// Draws the icon of a node kind inside `rect` (best square) in `color`.
pub fn paint_node_icon(painter: &Painter, rect: Rect, kind: NodeKind, color: Color32) {
    let s = rect.width().min(rect.height());
    let r = Rect::from_center_size(rect.center(), vec2(s, s));
    let w = (s / 12.0).max(1.0);
    let stroke = Stroke::new(w, color);
    let fill = color.gamma_multiply(0.25);
    // Helpers in icon space: (0,0) top-left, (1,1) bottom-right.
    let p = |x: f32, y: f32| pos2(r.left() + x * s, r.top() + y * s);
    let rr = |x0: f32, y0: f32, x1: f32, y1: f32| Rect::from_min_max(p(x0, y0), p(x1, y1));
    match kind {
        NodeKind::Client => {
            // A monitor on a stand.
            painter.rect(rr(0.1, 0.15, 0.9, 0.7), 2.0, fill, stroke, egui::StrokeKind::Middle);
            painter.line_segment([p(0.5, 0.7), p(0.5, 0.85)], stroke);
            painter.line_segment([p(0.3, 0.87), p(0.7, 0.87)], stroke);
        }
        NodeKind::Dns => {
            // A globe.
            painter.circle(r.center(), s * 0.38, fill, stroke);
            painter.line_segment([p(0.12, 0.5), p(0.88, 0.5)], stroke);
            painter.add(ellipse(r.center(), s * 0.16, s * 0.38, stroke));
        }
        NodeKind::Cdn => {
            // A cloud.
            painter.circle(p(0.35, 0.55), s * 0.2, fill, stroke);
            painter.circle(p(0.6, 0.45), s * 0.25, fill, stroke);
            painter.rect(rr(0.2, 0.6, 0.8, 0.78), 4.0, fill, stroke, egui::StrokeKind::Middle);
        }
        NodeKind::LoadBalancer => {
            // One line fanning out to three.
            painter.circle(p(0.2, 0.5), s * 0.1, fill, stroke);
            for y in [0.2, 0.5, 0.8] {
                painter.line_segment([p(0.3, 0.5), p(0.8, y)], stroke);
                painter.circle_filled(p(0.82, y), s * 0.06, color);
            }
        }
        NodeKind::ApiGateway => {
            // A door arch.
            painter.rect(rr(0.25, 0.3, 0.75, 0.9), 1.0, fill, stroke, egui::StrokeKind::Middle);
            painter.add(Shape::line(
                vec![p(0.15, 0.35), p(0.5, 0.1), p(0.85, 0.35)],
                stroke,
            ));
            painter.circle_filled(p(0.65, 0.6), s * 0.04, color);
        }
        NodeKind::AppServer | NodeKind::WebsocketServer => {
            // A rack of two servers.
            for (y0, y1) in [(0.15, 0.45), (0.55, 0.85)] {
                painter.rect(rr(0.15, y0, 0.85, y1), 2.0, fill, stroke, egui::StrokeKind::Middle);
                painter.circle_filled(p(0.27, (y0 + y1) / 2.0), s * 0.04, color);
            }
            if kind == NodeKind::WebsocketServer {
                painter.line_segment([p(0.45, 0.3), p(0.75, 0.3)], stroke);
                painter.line_segment([p(0.45, 0.7), p(0.75, 0.7)], stroke);
            }
        }
        NodeKind::Worker => {
            // A gear: circle with spokes.
            painter.circle(r.center(), s * 0.25, fill, stroke);
            for i in 0..8 {
                let a = i as f32 * std::f32::consts::TAU / 8.0;
                let (sn, cs) = a.sin_cos();
                painter.line_segment(
                    [
                        r.center() + vec2(cs, sn) * s * 0.25,
                        r.center() + vec2(cs, sn) * s * 0.4,
                    ],
                    stroke,
                );
            }
            painter.circle_stroke(r.center(), s * 0.08, stroke);
        }
        NodeKind::ServerlessFunction => {
            // A lambda.
            painter.add(Shape::line(
                vec![p(0.25, 0.15), p(0.4, 0.15), p(0.75, 0.85)],
                stroke,
            ));
            painter.line_segment([p(0.5, 0.4), p(0.25, 0.85)], stroke);
        }
        NodeKind::BatchJob => {
            // A clock.
            painter.circle(r.center(), s * 0.38, fill, stroke);
            painter.line_segment([r.center(), p(0.5, 0.25)], stroke);
            painter.line_segment([r.center(), p(0.7, 0.55)], stroke);
        }
        NodeKind::Cache => {
            // A lightning bolt.
            painter.add(Shape::closed_line(
                vec![p(0.6, 0.1), p(0.25, 0.55), p(0.5, 0.55), p(0.4, 0.9), p(0.75, 0.42), p(0.5, 0.42)],
                stroke,
            ));
        }
        NodeKind::SqlDb
        | NodeKind::NosqlDb
        | NodeKind::ReadReplica
        | NodeKind::Shard => {
            // A cylinder.
            cylinder(painter, rr(0.2, 0.12, 0.8, 0.88), fill, stroke);
            match kind {
                NodeKind::NosqlDb => {
                    painter.circle_filled(p(0.5, 0.6), s * 0.07, color);
                }
                NodeKind::ReadReplica => {
                    painter.line_segment([p(0.35, 0.6), p(0.65, 0.6)], stroke);
                    painter.line_segment([p(0.35, 0.7), p(0.65, 0.7)], stroke);
                }
                NodeKind::Shard => {
                    painter.line_segment([p(0.5, 0.3), p(0.5, 0.85)], stroke);
                }
                _ => {}
            }
        }
        NodeKind::ObjectStorage => {
            // A bucket.
            painter.add(Shape::convex_polygon(
                vec![p(0.15, 0.25), p(0.85, 0.25), p(0.72, 0.85), p(0.28, 0.85)],
                fill,
                stroke,
            ));
            painter.add(ellipse(p(0.5, 0.25), s * 0.35, s * 0.08, stroke));
        }
        NodeKind::MessageQueue => {
            // Boxes in a row with an arrow.
            for x in [0.12, 0.37, 0.62] {
                painter.rect(rr(x, 0.35, x + 0.2, 0.65), 1.0, fill, stroke, egui::StrokeKind::Middle);
            }
            painter.line_segment([p(0.84, 0.5), p(0.95, 0.5)], stroke);
        }
        NodeKind::Stream => {
            // Three wavy lines.
            for y in [0.3, 0.5, 0.7] {
                let pts: Vec<Pos2> = (0..=12)
                    .map(|i| {
                        let t = i as f32 / 12.0;
                        p(0.1 + 0.8 * t, y + 0.06 * (t * std::f32::consts::TAU * 1.5).sin())
                    })
                    .collect();
                painter.add(Shape::line(pts, stroke));
            }
        }
        NodeKind::SearchIndex => {
            // A magnifier.
            painter.circle(p(0.42, 0.42), s * 0.25, fill, stroke);
            painter.line_segment([p(0.6, 0.6), p(0.88, 0.88)], Stroke::new(w * 1.8, color));
        }
        NodeKind::NatGateway => {
            // An arrow leaving a box.
            painter.rect(rr(0.1, 0.3, 0.55, 0.75), 1.0, fill, stroke, egui::StrokeKind::Middle);
            painter.line_segment([p(0.35, 0.52), p(0.9, 0.52)], stroke);
            painter.add(Shape::line(vec![p(0.75, 0.38), p(0.9, 0.52), p(0.75, 0.66)], stroke));
        }
        NodeKind::Kms => {
            // A key.
            painter.circle(p(0.3, 0.5), s * 0.15, fill, stroke);
            painter.line_segment([p(0.45, 0.5), p(0.9, 0.5)], stroke);
            painter.line_segment([p(0.75, 0.5), p(0.75, 0.65)], stroke);
            painter.line_segment([p(0.85, 0.5), p(0.85, 0.62)], stroke);
        }
        NodeKind::ExternalService => {
            // A box with an outward arrow.
            painter.rect(rr(0.15, 0.3, 0.7, 0.85), 2.0, fill, stroke, egui::StrokeKind::Middle);
            painter.line_segment([p(0.45, 0.55), p(0.88, 0.12)], stroke);
            painter.add(Shape::line(vec![p(0.6, 0.12), p(0.88, 0.12), p(0.88, 0.4)], stroke));
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
    let corners = [r.left_top(), r.right_top(), r.right_bottom(), r.left_bottom(), r.left_top()];
    let dashed = matches!(kind, ContainerKind::AvailabilityZone | ContainerKind::Region);
    for pair in corners.windows(2) {
        if dashed {
            painter.extend(Shape::dashed_line(&[pair[0], pair[1]], stroke, s * 0.12, s * 0.08));
        } else {
            painter.line_segment([pair[0], pair[1]], stroke);
        }
    }
    let tab = Rect::from_min_size(r.left_top(), vec2(r.width() * 0.4, r.height() * 0.22));
    painter.rect_filled(tab, 1.0, color);
    if kind == ContainerKind::PrivateSubnet {
        // A small padlock.
        let c = r.center() + vec2(0.0, s * 0.08);
        painter.rect_filled(Rect::from_center_size(c, vec2(s * 0.22, s * 0.16)), 1.0, color);
        painter.circle_stroke(c - vec2(0.0, s * 0.1), s * 0.07, stroke);
    }
}

fn ellipse(center: Pos2, rx: f32, ry: f32, stroke: Stroke) -> Shape {
    let pts: Vec<Pos2> = (0..=24)
        .map(|i| {
            let a = i as f32 / 24.0 * std::f32::consts::TAU;
            center + vec2(a.cos() * rx, a.sin() * ry)
        })
        .collect();
    Shape::line(pts, stroke)
}

fn cylinder(painter: &Painter, r: Rect, fill: Color32, stroke: Stroke) {
    let ry = r.height() * 0.12;
    painter.rect_filled(
        Rect::from_min_max(r.left_top() + vec2(0.0, ry), r.right_bottom() - vec2(0.0, ry)),
        0.0,
        fill,
    );
    painter.line_segment([r.left_top() + vec2(0.0, ry), r.left_bottom() - vec2(0.0, ry)], stroke);
    painter.line_segment([r.right_top() + vec2(0.0, ry), r.right_bottom() - vec2(0.0, ry)], stroke);
    let top = pos2(r.center().x, r.top() + ry);
    painter.add(ellipse(top, r.width() / 2.0, ry, stroke));
    let bottom = pos2(r.center().x, r.bottom() - ry);
    let pts: Vec<Pos2> = (0..=12)
        .map(|i| {
            let a = i as f32 / 12.0 * std::f32::consts::PI;
            bottom + vec2(a.cos() * r.width() / 2.0, a.sin() * ry)
        })
        .collect();
    painter.add(Shape::line(pts, stroke));
}
