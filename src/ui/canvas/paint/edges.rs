//! Edges: routed lines in their kind's style (solid, dashed, double, arrowhead), captions where
//! the cache placed them, and finding badges. Zoomed out, plain hairlines in one mesh. Edges of
//! nodes being dragged are re-routed for the preview.

use super::badges::paint_badge;
use super::frame::{PaintFrame, Scene};
use crate::geometry::{self, CaptionBox, EdgeRoute};
use crate::model::EdgeKind;
use crate::ui::canvas::io::Target;
use crate::ui::canvas::layout::{
    CAPTION_ZOOM, EDGE_BADGE_ZOOM, caption_style, to_egui_rect, to_pos2,
};
use egui::epaint::{PathShape, PathStroke};
use egui::{Align2, Color32, FontId, Pos2, Rect, Shape, Stroke, Vec2};

/// Every edge near the view (plus those of the nodes being dragged), with captions and badges.
/// Returns the captions to draw over the nodes (see [`paint_captions_over`]).
pub(super) fn paint_edges(f: &PaintFrame<'_>, s: &Scene<'_>) -> Vec<CaptionBox> {
    let (cache, moving) = (s.cache, &s.moving);
    // Zoomed-out edges: hairlines gathered in one mesh (thousands of tiny paths are slow).
    let mut hairlines = egui::Mesh::default();
    // Edges near the view, plus those of the nodes being dragged (their routes move).
    let mut over = Vec::new();
    let mut edges = cache.edges_in(f.visible);
    if moving.moves_nodes() {
        for &n in moving.nodes {
            edges.extend(cache.node_edges.get(n).into_iter().flatten().copied());
        }
        edges.sort_unstable();
        edges.dedup();
    }
    for e in edges {
        let Some(edge) = s.design.edges.get(e) else {
            continue;
        };
        let Some(Some((a, b))) = cache.edge_ends.get(e) else {
            continue;
        };
        let rerouted =
            moving.moves_nodes() && (moving.nodes.contains(a) || moving.nodes.contains(b));
        let route = if rerouted {
            cache.route(e, |n| moving.nodes.contains(&n), moving.delta)
        } else {
            cache.edge_routes.get(e).copied().flatten()
        };
        let Some(route) = route else { continue };
        let rb = route.bounds();
        let bounds = Rect::from_min_size(Pos2::new(rb.x, rb.y), Vec2::new(rb.w, rb.h));
        if !bounds.intersects(f.visible) {
            continue;
        }
        let selected = s.selection.edges.contains(&edge.id);
        let hovered =
            !s.picture && matches!(&s.state.hover, Some(Target::Edge(id)) if id == &edge.id);
        paint_edge(f, edge.kind, &route, selected, hovered, &mut hairlines);
        // Captions sit where the cache placed them (clear of nodes, badges and each other); a
        // route being dragged takes its caption along to the middle of its longest segment.
        let placed = cache.captions.get(e).and_then(Option::as_ref);
        let caption = if rerouted {
            placed.map(|c| c.centred_on(route.mid()))
        } else {
            placed.cloned()
        };
        let shown = selected || hovered;
        if let Some(c) = paint_edge_extras(f, s, e, caption.as_ref(), route.mid(), shown) {
            over.push(c);
        }
    }
    f.painter.add(Shape::mesh(hairlines));
    over
}

/// The captions [`paint_edges`] left for above the nodes: each on its background box.
pub(super) fn paint_captions_over(f: &PaintFrame<'_>, over: &[CaptionBox]) {
    for c in over {
        paint_edge_label(f, c);
    }
}

/// Only the hovered edge, if any (over a picture of the design that has it in its resting
/// colour).
pub(super) fn paint_hovered_edge(f: &PaintFrame<'_>, s: &Scene<'_>) {
    let Some(Target::Edge(id)) = &s.state.hover else {
        return;
    };
    let Some(e) = s.design.edges.iter().position(|edge| &edge.id == id) else {
        return;
    };
    let Some(route) = s.cache.edge_routes.get(e).copied().flatten() else {
        return;
    };
    let selected = s.selection.edges.contains(id);
    let mut hairlines = egui::Mesh::default();
    paint_edge(
        f,
        s.design.edges[e].kind,
        &route,
        selected,
        true,
        &mut hairlines,
    );
    f.painter.add(Shape::mesh(hairlines));
}

/// The caption of edge `e` and its finding badge beside it, each from the zoom where it can
/// be read. A caption the cache could place only over something else waits for the zoom
/// where captions are placed as in the exports, and is then returned to be drawn over the
/// nodes rather than under one; a caption moved to a numbered marker (see
/// [`CaptionBox::note`]) shows its marker, and its text too (returned likewise, beside the
/// marker) while its edge is `shown` (hovered or selected). The badge of an edge with no
/// caption sits above `mid` (canvas units).
fn paint_edge_extras(
    f: &PaintFrame<'_>,
    s: &Scene<'_>,
    e: usize,
    caption: Option<&CaptionBox>,
    mid: crate::model::Pos,
    shown: bool,
) -> Option<CaptionBox> {
    let mut over = None;
    if f.zoom >= CAPTION_ZOOM
        && let Some(c) = caption
    {
        if c.note.is_some() {
            paint_note_marker(f, c);
            if shown {
                over = Some(note_caption(c));
            }
        } else if c.clear {
            paint_edge_label(f, c);
        } else if caption_style(f.zoom).shrink {
            over = Some(c.clone());
        }
    }
    if s.options.show_findings
        && f.zoom >= EDGE_BADGE_ZOOM
        && let Some(Some(badge)) = s.cache.edge_badges.get(e)
    {
        let radius = caption.map_or(geometry::caption::EDGE_BADGE_RADIUS, |c| c.badge_radius);
        let at = match caption.and_then(|c| c.badge) {
            Some(p) => f.t * to_pos2(p),
            None => f.t * to_pos2(mid) + Vec2::new(0.0, -14.0 * f.zoom.min(1.0) - 6.0),
        };
        paint_badge(f, badge, at, (radius * f.zoom).max(6.0));
    }
    over
}

/// The numbered marker standing in for a caption with no free place.
fn paint_note_marker(f: &PaintFrame<'_>, c: &CaptionBox) {
    let r = f.rect(to_egui_rect(&c.rect));
    f.painter.rect(
        r,
        3.0 * f.zoom,
        f.theme.background,
        Stroke::new(1.0, f.theme.weak_text),
        egui::StrokeKind::Inside,
    );
    f.painter.text(
        r.center(),
        Align2::CENTER_CENTER,
        c.note.unwrap_or_default().to_string(),
        FontId::proportional(c.font * f.zoom),
        f.theme.text,
    );
}

/// The whole caption of a marker `c`, on one line just above it.
fn note_caption(c: &CaptionBox) -> CaptionBox {
    let text = c.lines.join(" ");
    let w = geometry::text::text_width(&text, c.font) + 6.0;
    let h = c.line_height() + 2.0;
    let m = c.rect;
    CaptionBox {
        lines: vec![text],
        rect: crate::model::Rect::new(m.x + m.w / 2.0 - w / 2.0, m.y - h - 2.0, w, h),
        badge: None,
        note: None,
        ..c.clone()
    }
}

/// Draws one edge; zoomed out, only its corner polyline, as hairlines added to `hairlines`.
fn paint_edge(
    f: &PaintFrame<'_>,
    kind: EdgeKind,
    route: &EdgeRoute,
    selected: bool,
    hovered: bool,
    hairlines: &mut egui::Mesh,
) {
    let colour = if selected {
        f.theme.selection
    } else if hovered {
        f.theme.text
    } else {
        f.theme.edge
    };
    let screen_len = route.length() * f.zoom;
    if screen_len < 2.0 {
        return; // sub-pixel: noise at this zoom
    }
    if f.zoom < 0.2 || screen_len < 12.0 {
        paint_hairline(f, route, colour, hairlines);
        return;
    }
    let width = if selected { 2.2 } else { 1.4 } * f.zoom.clamp(0.6, 1.2);
    let style = geometry::edge_style(kind);
    let corner_steps = if f.zoom < 0.5 { 2 } else { 5 };
    let points: Vec<Pos2> = route
        .flatten(corner_steps)
        .into_iter()
        .map(|p| f.t * to_pos2(p))
        .collect();
    let stroke = Stroke::new(width, colour);
    if style.double {
        let gap = (2.2 * f.zoom).clamp(1.5, 2.5);
        for side in [-1.0, 1.0] {
            f.painter.add(PathShape::line(
                offset_polyline(&points, gap * side),
                stroke,
            ));
        }
    } else if style.dashed {
        let dash = (7.0 * f.zoom).clamp(3.0, 8.0);
        f.painter
            .extend(Shape::dashed_line(&points, stroke, dash, dash * 0.7));
    } else {
        f.painter
            .add(PathShape::line(points, PathStroke::new(width, colour)));
    }
    if style.arrow {
        let from = f.t * to_pos2(route.before_end());
        let end = f.t * to_pos2(route.end());
        paint_arrowhead(f, from, end, (10.0 * f.zoom).clamp(5.0, 11.0), colour);
    }
}

/// Zoomed out: the bare corner polyline, no rounding, no arrowhead; straight runs go into the
/// shared `hairlines` mesh.
fn paint_hairline(
    f: &PaintFrame<'_>,
    route: &EdgeRoute,
    colour: Color32,
    hairlines: &mut egui::Mesh,
) {
    let colour = colour.gamma_multiply(0.7);
    for (a, b) in route.segments() {
        let (a, b) = (f.t * to_pos2(a), f.t * to_pos2(b));
        if (b - a).length_sq() < 1.0 {
            continue; // under a pixel: invisible next to the boxes it joins
        }
        if a.x == b.x || a.y == b.y {
            hairlines.add_colored_rect(Rect::from_two_pos(a, b).expand(0.5), colour);
        } else {
            f.painter.line_segment([a, b], Stroke::new(1.0, colour));
        }
    }
}

/// A filled arrowhead at `tip` (screen), pointing away from `from`.
pub(super) fn paint_arrowhead(
    f: &PaintFrame<'_>,
    from: Pos2,
    tip: Pos2,
    len: f32,
    colour: Color32,
) {
    let [a, b] = geometry::arrowhead(
        crate::model::Pos::new(from.x, from.y),
        crate::model::Pos::new(tip.x, tip.y),
        len,
    );
    f.painter.add(Shape::convex_polygon(
        vec![tip, to_pos2(a), to_pos2(b)],
        colour,
        Stroke::NONE,
    ));
}

/// `points` shifted sideways by `d` screen points (for double lines).
fn offset_polyline(points: &[Pos2], d: f32) -> Vec<Pos2> {
    let n = points.len();
    (0..n)
        .map(|i| {
            let a = points[i.saturating_sub(1)];
            let b = points[(i + 1).min(n - 1)];
            let dir = (b - a).normalized();
            points[i] + Vec2::new(-dir.y, dir.x) * d
        })
        .collect()
}

/// An edge caption: its lines on a faint background box, where and as big as it was placed
/// (scaled by the zoom).
fn paint_edge_label(f: &PaintFrame<'_>, c: &CaptionBox) {
    let r = f.rect(to_egui_rect(&c.rect));
    f.painter
        .rect_filled(r, 3.0, f.theme.background.gamma_multiply(0.9));
    let font = FontId::proportional(c.font * f.zoom);
    for (i, line) in c.lines.iter().enumerate() {
        f.painter.text(
            f.t * to_pos2(c.line_centre(i)),
            Align2::CENTER_CENTER,
            line,
            font.clone(),
            f.theme.weak_text,
        );
    }
}
