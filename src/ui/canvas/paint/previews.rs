//! What a gesture in progress looks like before it becomes an edit: the wire being dragged out
//! of a node, the rubber band of a box selection, the outline where a palette item would
//! drop, and the container a drop or a moved node would land in.

use super::edges::paint_arrowhead;
use super::frame::{PaintFrame, Scene};
use crate::geometry;
use crate::model::ContainerId;
use crate::ui::canvas::layout::{ports, to_pos};
use crate::ui::canvas::state::Gesture;
use egui::{Pos2, Rect, Stroke, StrokeKind, Vec2};

/// The container a palette item hovering at `drop_hover`, or the one node being dragged,
/// would land in.
pub(super) fn drop_target(s: &Scene<'_>, drop_hover: Option<Pos2>) -> Option<ContainerId> {
    let moving = &s.moving;
    let drop_point = drop_hover.or_else(|| {
        (moving.nodes.len() == 1 && moving.containers.is_empty())
            .then(|| {
                moving
                    .nodes
                    .iter()
                    .next()
                    .map(|&n| s.cache.node_rects[n].center() + moving.delta)
            })
            .flatten()
    });
    drop_point.and_then(|p| geometry::innermost_container_at(s.design, to_pos(p), |_| false))
}

/// The wire or rubber band of the gesture in progress, and the outline of a palette item
/// hovering at `drop_hover` (canvas units).
pub(super) fn paint_previews(f: &PaintFrame<'_>, s: &Scene<'_>, drop_hover: Option<Pos2>) {
    match &s.state.gesture {
        Gesture::Wire { from, to_in_canvas } => {
            if let Some(&r) = s.cache.node_rects.get(*from) {
                paint_wire(f, r, *to_in_canvas);
            }
        }
        Gesture::BoxSelect {
            start_in_canvas,
            end_in_canvas,
            ..
        } => {
            let r = f.rect(Rect::from_two_pos(*start_in_canvas, *end_in_canvas));
            f.painter
                .rect_filled(r, 0.0, f.theme.selection.gamma_multiply(0.12));
            f.painter.rect_stroke(
                r,
                0.0,
                Stroke::new(1.0, f.theme.selection),
                StrokeKind::Inside,
            );
        }
        _ => {}
    }
    if let Some(p) = drop_hover {
        let r = f.rect(Rect::from_center_size(
            p,
            Vec2::new(geometry::NODE_W, geometry::NODE_H),
        ));
        f.painter.rect_stroke(
            r,
            6.0,
            Stroke::new(1.5, f.theme.selection),
            StrokeKind::Inside,
        );
    }
}

/// A straight arrow from the port of node rectangle `from` nearest the pointer to the pointer
/// at `to_in_canvas`.
fn paint_wire(f: &PaintFrame<'_>, from: Rect, to_in_canvas: Pos2) {
    let start = ports(from)
        .iter()
        .map(|(_, p)| *p)
        .min_by(|a, b| {
            (*a - to_in_canvas)
                .length()
                .total_cmp(&(*b - to_in_canvas).length())
        })
        .unwrap_or(from.center());
    let (a, b) = (f.t * start, f.t * to_in_canvas);
    let stroke = Stroke::new(2.0, f.theme.selection);
    f.painter.line_segment([a, b], stroke);
    paint_arrowhead(f, a, b, 10.0, f.theme.selection);
}
