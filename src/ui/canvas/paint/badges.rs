//! Finding badges (a count in the worst severity's colour, hollow when every finding is
//! suppressed) and the capacity view's captions (load, utilisation and cost on a pill in the
//! status colour).

use super::frame::PaintFrame;
use crate::geometry::{self, caption::CaptionStyle};
use crate::ui::canvas::cache::{Badge, GeometryCache};
use crate::ui::canvas::colors::{severity_color, status_color};
use crate::ui::canvas::layout::{CAPTION_MIN_PX, to_egui_rect, to_model_rect};
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

/// The badge on the top-right corner of a node at `r` (canvas units), where edge captions
/// keep clear of it (see [`geometry::caption::node_badge_rect`]).
pub(super) fn paint_node_badge(f: &PaintFrame<'_>, badge: &Badge, r: Rect) {
    let radius = (geometry::caption::NODE_BADGE_RADIUS * f.zoom).clamp(5.0, 11.0);
    let (x, y) = geometry::caption::node_badge_centre(&to_model_rect(r));
    paint_badge(f, badge, f.t * Pos2::new(x, y), radius);
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

/// The capacity view's caption of node `n` at `r` (canvas units): load, utilisation and
/// monthly cost on a pill in the utilisation's status colour, where the cache placed it clear
/// of the nodes, the badges and the edge captions (see [`GeometryCache::capacity_caption`]),
/// as large as the edge captions.
pub(super) fn paint_capacity(
    f: &PaintFrame<'_>,
    cache: &GeometryCache,
    n: usize,
    est: &crate::capacity::NodeEstimate,
    r: Rect,
) {
    let Some(text) = est.caption_text() else {
        return;
    };
    if f.zoom < 0.3 {
        return;
    }
    let colour = status_color(est.status);
    let scale = CaptionStyle::canvas(f.zoom, CAPTION_MIN_PX).scale;
    let pill = f.rect(to_egui_rect(&cache.capacity_caption(
        n,
        to_model_rect(r),
        &text,
        scale,
    )));
    f.painter.rect_filled(pill, pill.height() / 2.0, colour);
    f.painter.text(
        pill.center(),
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(geometry::caption::CAPACITY_CAPTION_FONT * scale * f.zoom),
        Color32::WHITE,
    );
}
