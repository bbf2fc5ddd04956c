//! The background grid.

use super::frame::PaintFrame;
use egui::{Pos2, Rect, Stroke};

/// Faint grid lines every `grid` units, coarsened so lines are at least 16 px apart.
pub(super) fn paint_grid(f: &PaintFrame<'_>, rect: Rect, grid: f32) {
    let mut step = grid.max(1.0) * 2.0;
    while step * f.zoom < 16.0 {
        step *= 5.0;
    }
    let stroke = Stroke::new(1.0, f.theme.grid);
    let inv = f.t.inverse();
    let (min, max) = (inv * rect.min, inv * rect.max);
    let mut x = (min.x / step).floor() * step;
    while x <= max.x {
        let sx = (f.t * Pos2::new(x, 0.0)).x;
        f.painter.line_segment(
            [Pos2::new(sx, rect.top()), Pos2::new(sx, rect.bottom())],
            stroke,
        );
        x += step;
    }
    let mut y = (min.y / step).floor() * step;
    while y <= max.y {
        let sy = (f.t * Pos2::new(0.0, y)).y;
        f.painter.line_segment(
            [Pos2::new(rect.left(), sy), Pos2::new(rect.right(), sy)],
            stroke,
        );
        y += step;
    }
}
