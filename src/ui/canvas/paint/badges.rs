//! Finding badges (a count in the worst severity's colour, hollow when every finding is
//! suppressed) and the capacity view's captions (load, utilisation and cost on a pill in the
//! status colour).

use super::frame::PaintFrame;
use crate::ui::canvas::cache::Badge;
use crate::ui::canvas::colors::{severity_color, status_color};
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Vec2};

/// A finding badge of radius `radius` centred at `centre` (screen).
pub(super) fn paint_badge(f: &PaintFrame<'_>, badge: &Badge, centre: Pos2, radius: f32) {
    let colour = severity_color(badge.worst, f.theme.dark);
    let count = if badge.active > 0 {
        badge.active
    } else {
        badge.suppressed
    };
    if badge.active > 0 {
        f.painter
            .circle(centre, radius, colour, Stroke::new(1.5, f.theme.node_fill));
    } else {
        // Only suppressed findings: a hollow badge.
        f.painter
            .circle(centre, radius, f.theme.node_fill, Stroke::new(1.5, colour));
    }
    if radius >= 6.0 {
        let text_colour = if badge.active > 0 {
            Color32::WHITE
        } else {
            colour
        };
        f.painter.text(
            centre,
            Align2::CENTER_CENTER,
            count.to_string(),
            FontId::proportional(radius * 1.25),
            text_colour,
        );
    }
}

/// The badge on the top-right corner of a node drawn at `sr` (screen).
pub(super) fn paint_node_badge(f: &PaintFrame<'_>, badge: &Badge, sr: Rect) {
    let radius = (9.0 * f.zoom).clamp(5.0, 11.0);
    paint_badge(f, badge, sr.right_top() + Vec2::new(-2.0, 2.0), radius);
}

/// A tiny node's badge: a coloured corner, so problems stay visible zoomed out (none when
/// every finding is suppressed).
pub(super) fn paint_severity_corner(f: &PaintFrame<'_>, badge: &Badge, sr: Rect) {
    if badge.worst.is_none() {
        return;
    }
    let s = sr.width().clamp(1.0, 4.0);
    f.painter.rect_filled(
        Rect::from_min_size(sr.right_top() - Vec2::new(s, 0.0), Vec2::splat(s)),
        0.0,
        severity_color(badge.worst, f.theme.dark),
    );
}

/// The capacity view's caption under a node drawn at `sr` (screen): load, utilisation and
/// monthly cost on a pill in the utilisation's status colour.
pub(super) fn paint_capacity(f: &PaintFrame<'_>, est: &crate::capacity::NodeEstimate, sr: Rect) {
    let Some(text) = est.caption_text() else {
        return;
    };
    if f.zoom < 0.3 {
        return;
    }
    let colour = status_color(est.status);
    let size = (10.0 * f.zoom).clamp(8.0, 12.0);
    let galley = f
        .painter
        .layout_no_wrap(text, FontId::proportional(size), Color32::WHITE);
    let pill = Rect::from_center_size(
        sr.center_bottom() + Vec2::new(0.0, 4.0 + galley.size().y * 0.5 + 1.0),
        galley.size() + Vec2::new(8.0, 2.0),
    );
    f.painter.rect_filled(pill, pill.height() / 2.0, colour);
    f.painter
        .galley(pill.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
}
