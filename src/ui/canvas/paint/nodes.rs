//! Nodes at a level of detail that suits the zoom: below a few screen pixels one mesh of
//! coloured quads; then boxes; then rounded boxes with the icon; then the label and kind. Ports
//! show on the hovered node and on a wire's target. Badges come from [`super::badges`].

use super::badges::{paint_capacity, paint_node_badge, paint_severity_corner};
use super::frame::{PaintFrame, Scene, Theme};
use super::icons::paint_icon;
use crate::geometry::{self, icons};
use crate::model::{Node, catalog};
use crate::ui::canvas::colors::{color, severity_color};
use crate::ui::canvas::io::Target;
use crate::ui::canvas::layout::{LABEL_ZOOM, PORT_ZOOM, ports};
use crate::ui::canvas::state::Gesture;
use egui::epaint::{CornerRadius, RectShape};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};

/// How much of a node is drawn at a zoom level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum NodeLod {
    /// One filled rectangle in the category colour.
    Dot,
    /// Filled box with a square outline.
    Boxed,
    /// Rounded box with the icon.
    Icon,
    /// Rounded box with icon, label and kind.
    Full,
}

impl NodeLod {
    fn for_zoom(z: f32) -> Self {
        let w = geometry::NODE_W * z;
        if w < 20.0 {
            NodeLod::Dot
        } else if w < 55.0 {
            NodeLod::Boxed
        } else if z < LABEL_ZOOM {
            NodeLod::Icon
        } else {
            NodeLod::Full
        }
    }
}

/// Every visible node (culled by the spatial grid), then the moved ones at their preview
/// position, on top.
pub(super) fn paint_nodes(f: &PaintFrame<'_>, s: &Scene<'_>) {
    let cache = s.cache;
    let lod = NodeLod::for_zoom(f.zoom);
    let with_ports = |n: usize| !s.picture && with_ports(f, s, n);
    if lod == NodeLod::Dot {
        paint_dots(f, s);
    } else {
        for n in cache.nodes_in(f.visible) {
            if !s.moving.nodes.contains(&n) {
                paint_one(f, s, lod, n, cache.node_rects[n], with_ports(n));
            }
        }
    }
    for &n in s.moving.nodes {
        let r = cache.node_rects[n].translate(s.moving.delta);
        paint_one(f, s, lod, n, r, with_ports(n));
    }
}

/// Whether node `n` shows its ports: it is hovered, or a wire being dragged points at it.
fn with_ports(f: &PaintFrame<'_>, s: &Scene<'_>, n: usize) -> bool {
    let hovered = match &s.state.hover {
        Some(Target::Node(id)) => s.cache.node_by_id.get(id.as_str()).copied(),
        _ => None,
    };
    let wire_target = match &s.state.gesture {
        Gesture::Wire { to_in_canvas, from } => {
            s.cache.node_at(*to_in_canvas).filter(|n| n != from)
        }
        _ => None,
    };
    f.zoom >= PORT_ZOOM && (hovered == Some(n) || wire_target == Some(n))
}

/// Over a picture of the design: the ports of the hovered node and of a wire's target, at
/// the zooms where nodes show them.
pub(super) fn paint_live_ports(f: &PaintFrame<'_>, s: &Scene<'_>) {
    if NodeLod::for_zoom(f.zoom) < NodeLod::Icon {
        return;
    }
    let hovered = match &s.state.hover {
        Some(Target::Node(id)) => s.cache.node_by_id.get(id.as_str()).copied(),
        _ => None,
    };
    let wire_target = match &s.state.gesture {
        Gesture::Wire { to_in_canvas, .. } => s.cache.node_at(*to_in_canvas),
        _ => None,
    };
    let mut shown = [hovered, wire_target];
    if shown[0] == shown[1] {
        shown[1] = None;
    }
    for n in shown.into_iter().flatten() {
        if let (Some(node), Some(&r)) = (s.design.nodes.get(n), s.cache.node_rects.get(n))
            && with_ports(f, s, n)
        {
            paint_ports(f, r, color(geometry::node_color(node)));
        }
    }
}

/// The four ports of a node at `r` (canvas units), in its `accent` colour.
fn paint_ports(f: &PaintFrame<'_>, r: Rect, accent: Color32) {
    for (_, p) in ports(r) {
        let sp = f.t * p;
        f.painter.circle(
            sp,
            (4.5 * f.zoom).clamp(3.0, 5.0),
            f.theme.node_fill,
            Stroke::new(1.5, accent),
        );
    }
}

/// Tiny nodes: one mesh of plain quads instead of thousands of shapes to tessellate, coloured
/// by selection, then worst finding, then category.
fn paint_dots(f: &PaintFrame<'_>, s: &Scene<'_>) {
    let mut mesh = egui::Mesh::default();
    for n in s.cache.nodes_in(f.visible) {
        if s.moving.nodes.contains(&n) {
            continue;
        }
        if let Some(c) = dot_colour(&f.theme, s, n) {
            mesh.add_colored_rect(f.rect(s.cache.node_rects[n]).expand(0.25), c);
        }
    }
    f.painter.add(Shape::mesh(mesh));
}

/// Whether nodes are drawn as dots at zoom `z`.
pub(super) fn node_lod_is_dot(z: f32) -> bool {
    NodeLod::for_zoom(z) == NodeLod::Dot
}

/// The colour of node `n` drawn as a dot: the selection's, else its worst finding's (when
/// findings are shown), else its category's. `None` for an index not in the design.
pub(super) fn dot_colour(theme: &Theme, s: &Scene<'_>, n: usize) -> Option<Color32> {
    let node = s.design.nodes.get(n)?;
    Some(if s.selection.nodes.contains(&node.id) {
        theme.selection
    } else if s.options.show_findings
        && let Some(Some(b)) = s.cache.node_badges.get(n)
        && b.worst.is_some()
    {
        severity_color(b.worst, theme.dark)
    } else {
        color(geometry::node_color(node))
    })
}

/// Node `n` drawn at `r` (canvas units) with its finding badge and capacity pill.
fn paint_one(f: &PaintFrame<'_>, s: &Scene<'_>, lod: NodeLod, n: usize, r: Rect, show_ports: bool) {
    let Some(node) = s.design.nodes.get(n) else {
        return;
    };
    let selected = s.selection.nodes.contains(&node.id);
    paint_node(f, lod, node, r, selected, show_ports);
    let sr = f.rect(r);
    let badge = s.cache.node_badges.get(n).and_then(Option::as_ref);
    if lod >= NodeLod::Boxed {
        if s.options.show_findings
            && let Some(badge) = badge
        {
            paint_node_badge(f, badge, r);
        }
        if s.options.show_capacity
            && let Some(est) = s.input.estimate.nodes.get(n)
        {
            paint_capacity(f, s.cache, n, est, r);
        }
    } else if s.options.show_findings
        && let Some(badge) = badge
    {
        paint_severity_corner(f, badge, sr);
    }
}

fn paint_node(
    f: &PaintFrame<'_>,
    lod: NodeLod,
    node: &Node,
    r: Rect,
    selected: bool,
    show_ports: bool,
) {
    let sr = f.rect(r);
    let accent = color(geometry::node_color(node));
    if lod == NodeLod::Dot {
        let c = if selected { f.theme.selection } else { accent };
        f.painter.rect_filled(sr, 0.0, c);
        return;
    }
    let (rounding, width) = if lod == NodeLod::Boxed {
        (0.0, 1.0)
    } else {
        ((8.0 * f.zoom).min(8.0), 1.5)
    };
    if selected {
        f.painter.rect_stroke(
            sr.expand(3.0),
            rounding + 3.0,
            Stroke::new(2.0, f.theme.selection),
            StrokeKind::Outside,
        );
    }
    f.painter.add(RectShape::new(
        sr,
        CornerRadius::same(rounding as u8),
        f.theme.node_fill,
        Stroke::new(width, accent),
        StrokeKind::Inside,
    ));
    if lod == NodeLod::Boxed {
        return;
    }
    // Accent strip on the left, icon, then text.
    let icon_size = (sr.height() * 0.55).min(40.0);
    let icon_box = Rect::from_min_size(
        Pos2::new(
            sr.left() + sr.height() * 0.22,
            sr.center().y - icon_size / 2.0,
        ),
        Vec2::splat(icon_size),
    );
    paint_icon(f.painter, icons::node_icon(node.kind), icon_box, accent);
    if lod == NodeLod::Full {
        paint_node_text(f, node, sr, icon_box.right() + 8.0 * f.zoom);
    }
    if node.props.locked == Some(true) {
        paint_lock_badge(f, sr, accent);
    }
    if show_ports {
        paint_ports(f, r, accent);
    }
}

/// A small padlock in the bottom-right corner of a locked node's screen rectangle `sr`.
fn paint_lock_badge(f: &PaintFrame<'_>, sr: Rect, accent: egui::Color32) {
    let unit = f.zoom.clamp(0.6, 1.5);
    let body = Rect::from_min_size(
        sr.right_bottom() - Vec2::new(16.0, 12.0) * unit,
        Vec2::new(10.0, 7.0) * unit,
    );
    let stroke = Stroke::new(1.5 * unit, accent);
    // The shackle: a half circle over the body, with short legs down to it.
    let (cx, top, r) = (body.center().x, body.top(), 3.2 * unit);
    let mut shackle = vec![Pos2::new(cx - r, top)];
    for i in 0..=8 {
        let a = std::f32::consts::PI * (1.0 + i as f32 / 8.0);
        shackle.push(Pos2::new(cx + r * a.cos(), top - 2.0 * unit + r * a.sin()));
    }
    shackle.push(Pos2::new(cx + r, top));
    f.painter.add(egui::Shape::line(shackle, stroke));
    f.painter.rect_filled(body, 1.5 * unit, accent);
}

/// The node's label (up to two lines, then an ellipsis; the full label is in the node's
/// tooltip) and, zoomed in, its kind or technology, left-aligned at `left` inside `sr`.
fn paint_node_text(f: &PaintFrame<'_>, node: &Node, sr: Rect, left: f32) {
    let max_w = (sr.right() - left - 6.0 * f.zoom).max(4.0);
    let size = (13.0 * f.zoom).max(8.0);
    let label = wrapped(
        f.painter,
        node.display_label(),
        size,
        f.theme.text,
        max_w,
        2,
    );
    let info = catalog::node_info(node.kind);
    let has_sub = !node.label.is_empty() || node.props.tech.is_some();
    let sub_text = match (&node.props.tech, node.label.is_empty()) {
        (Some(tech), true) => tech.clone(),
        (Some(tech), false) => format!("{} · {tech}", info.name),
        (None, _) => info.name.to_owned(),
    };
    if has_sub && f.zoom >= 0.6 {
        let sub = wrapped(
            f.painter,
            &sub_text,
            size * 0.8,
            f.theme.weak_text,
            max_w,
            1,
        );
        let total = label.size().y + sub.size().y;
        let top = sr.center().y - total / 2.0;
        let sub_h = label.size().y;
        f.painter.galley(Pos2::new(left, top), label, f.theme.text);
        f.painter
            .galley(Pos2::new(left, top + sub_h), sub, f.theme.weak_text);
    } else {
        let y = sr.center().y - label.size().y / 2.0;
        f.painter.galley(Pos2::new(left, y), label, f.theme.text);
    }
}

/// `text` wrapped at words into at most `rows` lines of `max_width`, the last one ending in
/// `…` when the text does not fit.
fn wrapped(
    painter: &Painter,
    text: &str,
    size: f32,
    colour: Color32,
    max_width: f32,
    rows: usize,
) -> std::sync::Arc<egui::Galley> {
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat::simple(FontId::proportional(size), colour),
    );
    job.wrap = TextWrapping {
        max_width,
        max_rows: rows,
        break_anywhere: rows == 1,
        overflow_character: Some('…'),
    };
    painter.layout_job(job)
}
