//! Drawing the canvas: grid, containers, edges, nodes with icons, finding and capacity badges,
//! and gesture previews. Level of detail: below a few screen pixels a node is one filled
//! rectangle; text, rounding and icons appear only when they can be read. Off-screen elements
//! are culled.

use super::cache::Badge;
use super::interaction::{CONTAINER_HEADER, ports};
use super::state::{Gesture, to_egui_rect, to_pos2};
use super::{CanvasInput, CanvasOptions, CanvasState};
use crate::capacity::Status;
use crate::critique::Severity;
use crate::geometry::icons::{self, IconShape};
use crate::geometry::{self, EdgeRoute, Rgb};
use crate::model::{EdgeKind, catalog};
use crate::ui::selection::Selection;
use egui::emath::TSTransform;
use egui::epaint::{CornerRadius, PathShape, PathStroke, RectShape};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};
use std::collections::HashSet;

/// An egui colour from a shared geometry colour.
pub fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Badge colour of the worst severity (`None`: only suppressed findings).
pub fn severity_color(s: Option<Severity>, dark: bool) -> Color32 {
    match s {
        Some(Severity::Error) => Color32::from_rgb(0xdc, 0x26, 0x26),
        Some(Severity::Warning) => Color32::from_rgb(0xd9, 0x77, 0x06),
        Some(Severity::Info) => Color32::from_rgb(0x25, 0x63, 0xeb),
        None if dark => Color32::from_gray(110),
        None => Color32::from_gray(150),
    }
}

/// Colour of a capacity status.
pub fn status_color(s: Status) -> Color32 {
    match s {
        Status::Ok => Color32::from_rgb(0x16, 0xa3, 0x4a),
        Status::Hot => Color32::from_rgb(0xd9, 0x77, 0x06),
        Status::Over => Color32::from_rgb(0xdc, 0x26, 0x26),
        Status::Unknown => Color32::from_gray(128),
    }
}

/// Zoom from which edge captions are drawn.
pub const CAPTION_ZOOM: f32 = 0.55;
/// Zoom from which node labels are drawn (below it, boxes and icons only).
pub const LABEL_ZOOM: f32 = 0.3;
/// Zoom from which edge finding badges are drawn.
pub(super) const EDGE_BADGE_ZOOM: f32 = 0.25;

/// Colours of the current theme.
struct Theme {
    dark: bool,
    background: Color32,
    grid: Color32,
    node_fill: Color32,
    text: Color32,
    weak_text: Color32,
    edge: Color32,
    selection: Color32,
}

impl Theme {
    fn from(visuals: &egui::Visuals) -> Self {
        let dark = visuals.dark_mode;
        Self {
            dark,
            background: if dark {
                Color32::from_rgb(0x1a, 0x1c, 0x21)
            } else {
                Color32::from_rgb(0xf6, 0xf7, 0xf9)
            },
            grid: if dark {
                Color32::from_rgb(0x24, 0x27, 0x2d)
            } else {
                Color32::from_rgb(0xe6, 0xe8, 0xec)
            },
            node_fill: if dark {
                Color32::from_rgb(0x2a, 0x2e, 0x36)
            } else {
                Color32::WHITE
            },
            text: visuals.strong_text_color(),
            weak_text: visuals.weak_text_color(),
            edge: if dark {
                Color32::from_gray(150)
            } else {
                Color32::from_gray(105)
            },
            selection: visuals.selection.stroke.color,
        }
    }
}

/// Everything one frame's painting needs.
struct Frame<'a> {
    painter: &'a Painter,
    t: TSTransform,
    zoom: f32,
    theme: Theme,
    /// Canvas area visible on screen (slightly enlarged).
    visible: Rect,
}

impl Frame<'_> {
    fn rect(&self, r: Rect) -> Rect {
        Rect::from_min_max(self.t * r.min, self.t * r.max)
    }
}

/// Paints the whole canvas into the allocated `response.rect`.
pub(super) fn paint_canvas(
    ui: &egui::Ui,
    response: &egui::Response,
    state: &CanvasState,
    selection: &Selection,
    input: &CanvasInput<'_>,
    options: &CanvasOptions,
    drop_hover: Option<Pos2>,
) {
    let rect = response.rect;
    let painter = ui.painter_at(rect);
    let t = state.screen_from_canvas;
    let inv = t.inverse();
    let f = Frame {
        painter: &painter,
        t,
        zoom: t.scaling,
        theme: Theme::from(ui.visuals()),
        visible: Rect::from_min_max(inv * rect.min, inv * rect.max).expand(20.0),
    };
    painter.rect_filled(rect, 0.0, f.theme.background);
    if options.show_grid {
        paint_grid(&f, rect, options.grid_size);
    }

    let design = input.design;
    let cache = &state.cache;
    let (moved_nodes, moved_containers, delta) = match &state.gesture {
        Gesture::Move {
            nodes,
            containers,
            delta,
            ..
        } => (Some(nodes), Some(containers), *delta),
        _ => (None, None, Vec2::ZERO),
    };
    let empty = HashSet::new();
    let moved_nodes = moved_nodes.unwrap_or(&empty);
    let moved_containers = moved_containers.unwrap_or(&empty);

    // Drop target highlight while dragging one node or a palette item.
    let drop_point = drop_hover.or_else(|| {
        (moved_nodes.len() == 1 && moved_containers.is_empty())
            .then(|| {
                moved_nodes
                    .iter()
                    .next()
                    .map(|&n| cache.node_rects[n].center() + delta)
            })
            .flatten()
    });
    let drop_target = drop_point
        .and_then(|p| geometry::innermost_container_at(design, super::state::to_pos(p), |_| false));

    // --- Containers, outer first.
    for &c in &cache.container_order {
        let Some(container) = design.containers.get(c) else {
            continue;
        };
        let mut r = to_egui_rect(&container.rect);
        if moved_containers.contains(&c) {
            r = r.translate(delta);
        }
        if let Gesture::Resize {
            container: rc,
            rect,
        } = &state.gesture
            && *rc == c
        {
            r = *rect;
        }
        if !r.intersects(f.visible) {
            continue;
        }
        let selected = selection.containers.contains(&container.id);
        let target = drop_target.as_ref() == Some(&container.id);
        paint_container(&f, container, r, selected, target);
    }

    // --- Edges.
    let moving = !moved_nodes.is_empty();
    let moved_list: Vec<usize> = if moving {
        moved_nodes.iter().copied().collect()
    } else {
        Vec::new()
    };
    // Zoomed-out edges: hairlines gathered in one mesh (thousands of tiny paths are slow).
    let mut hairlines = egui::Mesh::default();
    // Edges near the view, plus those of the nodes being dragged (their routes move).
    let mut edges = cache.edges_in(f.visible);
    if moving {
        for &n in &moved_list {
            edges.extend(cache.node_edges.get(n).into_iter().flatten().copied());
        }
        edges.sort_unstable();
        edges.dedup();
    }
    for e in edges {
        let Some(edge) = design.edges.get(e) else {
            continue;
        };
        let Some(Some((a, b))) = cache.edge_ends.get(e) else {
            continue;
        };
        let rerouted = moving && (moved_nodes.contains(a) || moved_nodes.contains(b));
        let route = if rerouted {
            cache.route(e, |n| moved_nodes.contains(&n), delta)
        } else {
            cache.edge_routes.get(e).copied().flatten()
        };
        let Some(route) = route else { continue };
        let rb = route.bounds();
        let bounds = Rect::from_min_size(Pos2::new(rb.x, rb.y), Vec2::new(rb.w, rb.h));
        if !bounds.intersects(f.visible) {
            continue;
        }
        let selected = selection.edges.contains(&edge.id);
        let hovered = matches!(&state.hover, Some(super::Target::Edge(id)) if id == &edge.id);
        paint_edge(&f, edge.kind, &route, selected, hovered, &mut hairlines);
        // Captions sit where the cache placed them (clear of each other); a route being
        // dragged takes its caption along to the middle of its longest segment.
        let caption_at = if rerouted {
            to_pos2(route.mid())
        } else {
            cache
                .caption_at
                .get(e)
                .copied()
                .flatten()
                .unwrap_or(to_pos2(route.mid()))
        };
        if f.zoom >= CAPTION_ZOOM {
            let text = geometry::edge_caption(edge);
            if !text.is_empty() {
                paint_edge_label(&f, &text, caption_at);
            }
        }
        if options.show_findings
            && f.zoom >= EDGE_BADGE_ZOOM
            && let Some(Some(badge)) = cache.edge_badges.get(e)
        {
            let p = f.t * caption_at + Vec2::new(0.0, -14.0 * f.zoom.min(1.0) - 6.0);
            paint_badge(&f, badge, p, (8.0 * f.zoom).clamp(6.0, 10.0));
        }
    }

    f.painter.add(Shape::mesh(hairlines));

    // --- Nodes: culled by the spatial grid; moved ones drawn at their preview position.
    let hovered_node = match &state.hover {
        Some(super::Target::Node(id)) => cache.node_by_id.get(id.as_str()).copied(),
        _ => None,
    };
    let wire_target = match &state.gesture {
        Gesture::Wire { to_in_canvas, from } => cache.node_at(*to_in_canvas).filter(|n| n != from),
        _ => None,
    };
    let lod = NodeLod::for_zoom(f.zoom);
    let paint_one = |n: usize, r: Rect| {
        let Some(node) = design.nodes.get(n) else {
            return;
        };
        let selected = selection.nodes.contains(&node.id);
        let show_ports = f.zoom >= 0.25 && (hovered_node == Some(n) || wire_target == Some(n));
        paint_node(&f, lod, node, r, selected, show_ports);
        if lod >= NodeLod::Boxed {
            let sr = f.rect(r);
            if options.show_findings
                && let Some(Some(badge)) = cache.node_badges.get(n)
            {
                let radius = (9.0 * f.zoom).clamp(5.0, 11.0);
                paint_badge(&f, badge, sr.right_top() + Vec2::new(-2.0, 2.0), radius);
            }
            if options.show_capacity
                && let Some(est) = input.estimate.nodes.get(n)
            {
                paint_capacity(&f, est, sr);
            }
        } else if options.show_findings
            && let Some(Some(badge)) = cache.node_badges.get(n)
            && badge.worst.is_some()
        {
            // Tiny: a coloured corner so problems stay visible zoomed out.
            let sr = f.rect(r);
            let s = sr.width().clamp(1.0, 4.0);
            f.painter.rect_filled(
                Rect::from_min_size(sr.right_top() - Vec2::new(s, 0.0), Vec2::splat(s)),
                0.0,
                severity_color(badge.worst, f.theme.dark),
            );
        }
    };
    if lod == NodeLod::Dot {
        // Tiny nodes: one mesh of plain quads instead of thousands of shapes to tessellate.
        let mut mesh = egui::Mesh::default();
        for n in cache.nodes_in(f.visible) {
            if moved_nodes.contains(&n) {
                continue;
            }
            let Some(node) = design.nodes.get(n) else {
                continue;
            };
            let c = if selection.nodes.contains(&node.id) {
                f.theme.selection
            } else if options.show_findings
                && let Some(Some(b)) = cache.node_badges.get(n)
                && b.worst.is_some()
            {
                severity_color(b.worst, f.theme.dark)
            } else {
                color(geometry::node_color(node))
            };
            mesh.add_colored_rect(f.rect(cache.node_rects[n]).expand(0.25), c);
        }
        f.painter.add(Shape::mesh(mesh));
    } else {
        for n in cache.nodes_in(f.visible) {
            if !moved_nodes.contains(&n) {
                paint_one(n, cache.node_rects[n]);
            }
        }
    }
    for &n in &moved_list {
        paint_one(n, cache.node_rects[n].translate(delta));
    }

    // --- Gesture previews.
    match &state.gesture {
        Gesture::Wire { from, to_in_canvas } => {
            if let Some(&r) = cache.node_rects.get(*from) {
                let start = ports(r)
                    .iter()
                    .map(|(_, p)| *p)
                    .min_by(|a, b| {
                        (*a - *to_in_canvas)
                            .length()
                            .total_cmp(&(*b - *to_in_canvas).length())
                    })
                    .unwrap_or(r.center());
                let (a, b) = (f.t * start, f.t * *to_in_canvas);
                let stroke = Stroke::new(2.0, f.theme.selection);
                f.painter.line_segment([a, b], stroke);
                paint_arrowhead(&f, a, b, 10.0, f.theme.selection);
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

/// Faint grid lines every `grid` units, coarsened so lines are at least 16 px apart.
fn paint_grid(f: &Frame<'_>, rect: Rect, grid: f32) {
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

fn paint_container(
    f: &Frame<'_>,
    c: &crate::model::Container,
    r: Rect,
    selected: bool,
    drop_target: bool,
) {
    let sr = f.rect(r);
    if sr.width() < 3.0 && sr.height() < 3.0 {
        return;
    }
    let tint = color(geometry::container_color(c.kind));
    let fill_alpha = if f.theme.dark { 0.10 } else { 0.08 };
    let rounding = if sr.width() > 40.0 {
        (8.0 * f.zoom).min(8.0)
    } else {
        0.0
    };
    let stroke = if drop_target {
        Stroke::new(2.5, f.theme.selection)
    } else if selected {
        Stroke::new(2.0, f.theme.selection)
    } else {
        Stroke::new(1.2, tint.gamma_multiply(0.8))
    };
    f.painter.add(RectShape::new(
        sr,
        CornerRadius::same(rounding as u8),
        tint.gamma_multiply(fill_alpha),
        stroke,
        StrokeKind::Inside,
    ));
    // Label band: kind and name, at a constant screen size, when there is room.
    if sr.width() > 70.0 && sr.height() > 20.0 {
        let header = (CONTAINER_HEADER * f.zoom).clamp(16.0, 26.0);
        let size = (header * 0.5).clamp(9.0, 13.0);
        let info = catalog::container_info(c.kind);
        let mut job = LayoutJob::default();
        job.append(
            c.display_label(),
            0.0,
            TextFormat::simple(FontId::proportional(size), f.theme.text),
        );
        job.append(
            info.name,
            size * 0.6,
            TextFormat::simple(FontId::proportional(size * 0.85), tint),
        );
        job.wrap = TextWrapping {
            max_width: (sr.width() - 16.0).max(10.0),
            max_rows: 1,
            break_anywhere: true,
            overflow_character: Some('…'),
        };
        let galley = f.painter.layout_job(job);
        f.painter.galley(
            sr.min + Vec2::new(8.0, (header - galley.size().y) / 2.0),
            galley,
            f.theme.text,
        );
    }
    if selected {
        let h = Rect::from_center_size(sr.max - Vec2::splat(5.0), Vec2::splat(8.0));
        f.painter.rect_filled(h, 1.0, f.theme.selection);
    }
}

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

fn paint_node(
    f: &Frame<'_>,
    lod: NodeLod,
    node: &crate::model::Node,
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
        let left = icon_box.right() + 8.0 * f.zoom;
        let max_w = (sr.right() - left - 6.0 * f.zoom).max(4.0);
        let size = (13.0 * f.zoom).max(8.0);
        // Up to two lines, then an ellipsis; the full label is in the node's tooltip.
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
    if show_ports {
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

/// Draws one edge; zoomed out, only its corner polyline, as hairlines added to `hairlines`.
fn paint_edge(
    f: &Frame<'_>,
    kind: EdgeKind,
    route: &EdgeRoute,
    selected: bool,
    hovered: bool,
    hairlines: &mut egui::Mesh,
) {
    let style = geometry::edge_style(kind);
    let colour = if selected {
        f.theme.selection
    } else if hovered {
        f.theme.text
    } else {
        f.theme.edge
    };
    let width = if selected { 2.2 } else { 1.4 } * f.zoom.clamp(0.6, 1.2);
    let end = f.t * to_pos2(route.end());
    let screen_len = route.length() * f.zoom;
    if screen_len < 2.0 {
        return; // sub-pixel: noise at this zoom
    }
    if f.zoom < 0.2 || screen_len < 12.0 {
        // Zoomed out: the bare corner polyline, no rounding, no arrowhead.
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
        return;
    }
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
        paint_arrowhead(f, from, end, (10.0 * f.zoom).clamp(5.0, 11.0), colour);
    }
}

fn paint_arrowhead(f: &Frame<'_>, from: Pos2, tip: Pos2, len: f32, colour: Color32) {
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

fn paint_edge_label(f: &Frame<'_>, text: &str, at_in_canvas: Pos2) {
    let size = (11.0 * f.zoom).clamp(8.0, 13.0);
    let galley = f.painter.layout_no_wrap(
        text.to_owned(),
        FontId::proportional(size),
        f.theme.weak_text,
    );
    let centre = f.t * at_in_canvas;
    let r = Rect::from_center_size(centre, galley.size() + Vec2::new(6.0, 2.0));
    f.painter
        .rect_filled(r, 3.0, f.theme.background.gamma_multiply(0.9));
    f.painter
        .galley(r.min + Vec2::new(3.0, 1.0), galley, f.theme.weak_text);
}

fn paint_badge(f: &Frame<'_>, badge: &Badge, centre: Pos2, radius: f32) {
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

fn paint_capacity(f: &Frame<'_>, est: &crate::capacity::NodeEstimate, sr: Rect) {
    let Some(u) = est.utilisation else { return };
    if f.zoom < 0.3 {
        return;
    }
    let colour = status_color(est.status);
    let text = format!("{:.0}%", u * 100.0);
    let size = (10.0 * f.zoom).clamp(8.0, 12.0);
    let galley = f
        .painter
        .layout_no_wrap(text, FontId::proportional(size), Color32::WHITE);
    let pill = Rect::from_min_size(
        sr.right_bottom() - galley.size() - Vec2::new(10.0, 2.0 + galley.size().y * 0.5),
        galley.size() + Vec2::new(8.0, 2.0),
    );
    f.painter.rect_filled(pill, pill.height() / 2.0, colour);
    f.painter
        .galley(pill.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
}
