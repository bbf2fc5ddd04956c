//! Drawing the shared component icons ([`crate::geometry::icons`]) with an egui painter: on
//! nodes, in the palette and on the start view's thumbnails.

use crate::geometry::icons::{self, IconShape};
use egui::epaint::PathShape;
use egui::{Color32, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2};

/// Draws a unit-box icon into `area` in `colour`.
pub fn paint_icon(painter: &Painter, shapes: &[IconShape], area: Rect, colour: Color32) {
    let s = area.width();
    let at = |p: (f32, f32)| area.min + Vec2::new(p.0, p.1) * s;
    let stroke = Stroke::new((icons::STROKE * s).max(1.0), colour);
    for shape in shapes {
        match *shape {
            IconShape::Circle { c, r, fill } => {
                if fill {
                    painter.circle_filled(at(c), r * s, colour);
                } else {
                    painter.circle_stroke(at(c), r * s, stroke);
                }
            }
            IconShape::RoundRect { min, max, r, fill } => {
                let rect = Rect::from_min_max(at(min), at(max));
                if fill {
                    painter.rect_filled(rect, r * s, colour);
                } else {
                    painter.rect_stroke(rect, r * s, stroke, StrokeKind::Middle);
                }
            }
            IconShape::Polyline { pts, closed } => {
                let points: Vec<Pos2> = pts.iter().map(|&p| at(p)).collect();
                let path = if closed {
                    PathShape::closed_line(points, stroke)
                } else {
                    PathShape::line(points, stroke)
                };
                painter.add(path);
            }
        }
    }
}
