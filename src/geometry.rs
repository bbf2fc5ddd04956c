//! Geometry and visual style shared by the canvas and every exporter, so an export looks like
//! the screen: node and container rectangles, edge endpoints, arrowheads, colours, line styles.
//! All positions are in canvas units.

pub mod icons;

use crate::model::catalog::{self, Category};
use crate::model::{ContainerId, ContainerKind, Design, EdgeKind, Node, Pos, Rect};

/// Width of a node box.
pub const NODE_W: f32 = 150.0;
/// Height of a node box.
pub const NODE_H: f32 = 64.0;

/// The rectangle a node occupies.
pub fn node_rect(node: &Node) -> Rect {
    Rect::new(node.pos.x, node.pos.y, NODE_W, NODE_H)
}

/// Centre of a rectangle.
pub fn center(r: &Rect) -> Pos {
    Pos::new(r.x + r.w / 2.0, r.y + r.h / 2.0)
}

/// Where the segment from the centre of `r` towards `toward` leaves `r`.
pub fn border_point(r: &Rect, toward: Pos) -> Pos {
    let c = center(r);
    let (dx, dy) = (toward.x - c.x, toward.y - c.y);
    if dx == 0.0 && dy == 0.0 {
        return c;
    }
    let sx = if dx != 0.0 {
        (r.w / 2.0) / dx.abs()
    } else {
        f32::INFINITY
    };
    let sy = if dy != 0.0 {
        (r.h / 2.0) / dy.abs()
    } else {
        f32::INFINITY
    };
    let s = sx.min(sy);
    Pos::new(c.x + dx * s, c.y + dy * s)
}

/// Start and end of a straight edge between two node rectangles, on their borders.
pub fn edge_endpoints(from: &Rect, to: &Rect) -> (Pos, Pos) {
    (
        border_point(from, center(to)),
        border_point(to, center(from)),
    )
}

/// The two back corners of an arrowhead of length `len` pointing at `tip` from `from`.
pub fn arrowhead(from: Pos, tip: Pos, len: f32) -> [Pos; 2] {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let l = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
    let (ux, uy) = (dx / l, dy / l);
    let (bx, by) = (tip.x - ux * len, tip.y - uy * len);
    let (px, py) = (-uy * len * 0.5, ux * len * 0.5);
    [Pos::new(bx + px, by + py), Pos::new(bx - px, by - py)]
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Accent colour of a palette category (node border and icon).
pub fn category_color(c: Category) -> Rgb {
    match c {
        Category::EdgeNetwork => Rgb(0x3b, 0x82, 0xf6),
        Category::Compute => Rgb(0x10, 0xb9, 0x81),
        Category::Data => Rgb(0xf5, 0x9e, 0x0b),
        Category::Messaging => Rgb(0x8b, 0x5c, 0xf6),
        Category::Security => Rgb(0xef, 0x44, 0x44),
        Category::Containers => Rgb(0x64, 0x74, 0x8b),
    }
}

/// Accent colour of a node.
pub fn node_color(node: &Node) -> Rgb {
    category_color(catalog::node_info(node.kind).category)
}

/// Tint of a container (drawn at low opacity behind nodes).
pub fn container_color(kind: ContainerKind) -> Rgb {
    match kind {
        ContainerKind::Region => Rgb(0x64, 0x74, 0x8b),
        ContainerKind::Vpc => Rgb(0x3b, 0x82, 0xf6),
        ContainerKind::AvailabilityZone => Rgb(0x06, 0xb6, 0xd4),
        ContainerKind::PublicSubnet => Rgb(0x22, 0xc5, 0x5e),
        ContainerKind::PrivateSubnet => Rgb(0x63, 0x66, 0xf1),
    }
}

/// How an edge kind is stroked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdgeStyle {
    /// Dashed line (async messages).
    pub dashed: bool,
    /// Two parallel lines (replication).
    pub double: bool,
    /// Arrowhead at the target.
    pub arrow: bool,
}

/// The stroke style of an edge kind.
pub fn edge_style(kind: EdgeKind) -> EdgeStyle {
    match kind {
        EdgeKind::SyncRequest | EdgeKind::Read | EdgeKind::Write => EdgeStyle {
            dashed: false,
            double: false,
            arrow: true,
        },
        EdgeKind::AsyncMessage => EdgeStyle {
            dashed: true,
            double: false,
            arrow: true,
        },
        EdgeKind::Replication => EdgeStyle {
            dashed: false,
            double: true,
            arrow: true,
        },
    }
}

/// Grid spacing of the canvas, in canvas units (node sizes are multiples of it).
pub const GRID: f32 = 10.0;

/// `v` rounded to the nearest multiple of `grid` (unchanged when `grid` is not positive).
pub fn snap(v: f32, grid: f32) -> f32 {
    if grid > 0.0 {
        (v / grid).round() * grid
    } else {
        v
    }
}

/// The innermost container (smallest area) a node rectangle `rect` would be dropped into: the
/// one containing the rectangle's centre. Containers for which `skip` returns true are ignored
/// (the containers being moved, and their descendants).
pub fn innermost_container_at(
    design: &Design,
    point: Pos,
    skip: impl Fn(&ContainerId) -> bool,
) -> Option<ContainerId> {
    design
        .containers
        .iter()
        .filter(|c| c.rect.contains(point) && !skip(&c.id))
        .min_by(|a, b| area(&a.rect).total_cmp(&area(&b.rect)))
        .map(|c| c.id.clone())
}

/// The innermost container that wholly contains `rect` (for containers being placed or moved),
/// ignoring containers for which `skip` returns true.
pub fn innermost_container_around(
    design: &Design,
    rect: &Rect,
    skip: impl Fn(&ContainerId) -> bool,
) -> Option<ContainerId> {
    design
        .containers
        .iter()
        .filter(|c| c.rect.contains_rect(rect) && !skip(&c.id) && area(&c.rect) > area(rect))
        .min_by(|a, b| area(&a.rect).total_cmp(&area(&b.rect)))
        .map(|c| c.id.clone())
}

fn area(r: &Rect) -> f32 {
    r.w.max(0.0) * r.h.max(0.0)
}

/// Which side of a box an edge leaves or enters by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    /// Unit vector pointing out of the box.
    pub fn outward(self) -> (f32, f32) {
        match self {
            Side::Left => (-1.0, 0.0),
            Side::Right => (1.0, 0.0),
            Side::Top => (0.0, -1.0),
            Side::Bottom => (0.0, 1.0),
        }
    }
}

/// The route of an edge: a cubic Bézier curve from a port on the source box to a port on the
/// target box, leaving and entering perpendicular to the box sides, so curves read as smooth
/// orthogonal-ish connectors.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeRoute {
    pub start: Pos,
    pub c1: Pos,
    pub c2: Pos,
    pub end: Pos,
}

impl EdgeRoute {
    /// The point at parameter `t` in 0..=1.
    pub fn point(&self, t: f32) -> Pos {
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        Pos::new(
            a * self.start.x + b * self.c1.x + c * self.c2.x + d * self.end.x,
            a * self.start.y + b * self.c1.y + c * self.c2.y + d * self.end.y,
        )
    }

    /// The middle of the curve (where the label goes).
    pub fn mid(&self) -> Pos {
        self.point(0.5)
    }

    /// A point just before the end, for orienting the arrowhead at `end`.
    pub fn before_end(&self) -> Pos {
        self.point(0.92)
    }

    /// The curve as `segments` straight pieces (`segments + 1` points).
    pub fn polyline(&self, segments: usize) -> Vec<Pos> {
        let n = segments.max(1);
        (0..=n).map(|i| self.point(i as f32 / n as f32)).collect()
    }

    /// Shortest distance from `p` to the curve (approximated by 24 straight pieces).
    pub fn distance_to(&self, p: Pos) -> f32 {
        let pts = self.polyline(24);
        pts.windows(2)
            .map(|w| distance_to_segment(p, w[0], w[1]))
            .fold(f32::INFINITY, f32::min)
    }

    /// The bounding box of the control polygon (contains the curve).
    pub fn bounds(&self) -> Rect {
        let xs = [self.start.x, self.c1.x, self.c2.x, self.end.x];
        let ys = [self.start.y, self.c1.y, self.c2.y, self.end.y];
        let (x0, x1) = xs
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let (y0, y1) = ys
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Pos, a: Pos, b: Pos) -> f32 {
    let (abx, aby) = (b.x - a.x, b.y - a.y);
    let len2 = abx * abx + aby * aby;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * abx + (p.y - a.y) * aby) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.x + abx * t, a.y + aby * t);
    ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt()
}

/// The point on side `side` of `r`, shifted along the side by `offset` (clamped inside it).
pub fn port(r: &Rect, side: Side, offset: f32) -> Pos {
    let c = center(r);
    match side {
        Side::Left => Pos::new(r.x, c.y + offset.clamp(-r.h / 2.0, r.h / 2.0)),
        Side::Right => Pos::new(r.x + r.w, c.y + offset.clamp(-r.h / 2.0, r.h / 2.0)),
        Side::Top => Pos::new(c.x + offset.clamp(-r.w / 2.0, r.w / 2.0), r.y),
        Side::Bottom => Pos::new(c.x + offset.clamp(-r.w / 2.0, r.w / 2.0), r.y + r.h),
    }
}

/// The sides an edge from `from` to `to` leaves and enters by: left/right when the boxes are
/// further apart horizontally than vertically, top/bottom otherwise.
pub fn route_sides(from: &Rect, to: &Rect) -> (Side, Side) {
    let (a, b) = (center(from), center(to));
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let gap_x = dx.abs() - (from.w + to.w) / 2.0;
    let gap_y = dy.abs() - (from.h + to.h) / 2.0;
    if gap_x >= gap_y {
        if dx >= 0.0 {
            (Side::Right, Side::Left)
        } else {
            (Side::Left, Side::Right)
        }
    } else if dy >= 0.0 {
        (Side::Bottom, Side::Top)
    } else {
        (Side::Top, Side::Bottom)
    }
}

/// Spacing between parallel edges joining the same two nodes, in canvas units.
pub const LANE_SPACING: f32 = 14.0;

/// The route of an edge between two node boxes. `lane` separates parallel edges between the
/// same pair (0 for the first, then ±1, ±2…). An edge from a box to itself loops out of its
/// right side.
pub fn edge_route(from: &Rect, to: &Rect, lane: f32) -> EdgeRoute {
    if from == to {
        let s = Pos::new(from.x + from.w, from.y + from.h * 0.3);
        let e = Pos::new(from.x + from.w, from.y + from.h * 0.7);
        return EdgeRoute {
            start: s,
            c1: Pos::new(s.x + 50.0, s.y - 30.0),
            c2: Pos::new(e.x + 50.0, e.y + 30.0),
            end: e,
        };
    }
    let (s_side, e_side) = route_sides(from, to);
    let offset = lane * LANE_SPACING;
    let start = port(from, s_side, offset);
    let end = port(to, e_side, offset);
    let dist = ((end.x - start.x).powi(2) + (end.y - start.y).powi(2)).sqrt();
    let k = (dist * 0.4).clamp(20.0, 160.0);
    let (ox, oy) = s_side.outward();
    let (ix, iy) = e_side.outward();
    EdgeRoute {
        start,
        c1: Pos::new(start.x + ox * k, start.y + oy * k),
        c2: Pos::new(end.x + ix * k, end.y + iy * k),
        end,
    }
}

/// Lane of each parallel edge: the `i`-th of `count` edges between the same two nodes gets a
/// lane centred on 0 (`count` 1 → 0; 2 → -0.5, 0.5; 3 → -1, 0, 1).
pub fn lane(i: usize, count: usize) -> f32 {
    i as f32 - (count.saturating_sub(1)) as f32 / 2.0
}

/// The text drawn along an edge: its own label, else the kind (unless a plain request) and the
/// protocol (`read · TCP`, `HTTPS`, `async`). Shared by the canvas and the exporters.
pub fn edge_caption(edge: &crate::model::Edge) -> String {
    use crate::model::Protocol;
    if !edge.label.is_empty() {
        return edge.label.clone();
    }
    let kind = match edge.kind {
        EdgeKind::SyncRequest => "",
        EdgeKind::AsyncMessage => "async",
        EdgeKind::Replication => "replication",
        EdgeKind::Read => "read",
        EdgeKind::Write => "write",
    };
    let proto = edge.protocol.map(Protocol::label).unwrap_or("");
    let tls = if edge.protocol != Some(Protocol::Https) && edge.props.tls == Some(true) {
        "+TLS"
    } else {
        ""
    };
    match (kind.is_empty(), proto.is_empty()) {
        (true, _) => format!("{proto}{tls}"),
        (false, true) => kind.to_owned(),
        (false, false) => format!("{kind} · {proto}{tls}"),
    }
}

/// The lane of every edge of `design` (parallel to `design.edges`): edges joining the same
/// unordered pair of nodes spread apart (see [`lane`]); reverse-direction edges are mirrored so
/// their lanes stay apart. Edges with a missing end get lane 0.
pub fn edge_lanes(design: &Design) -> Vec<f32> {
    use std::collections::HashMap;
    let index: HashMap<&str, usize> = design
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let ends: Vec<Option<(usize, usize)>> = design
        .edges
        .iter()
        .map(|e| Some((*index.get(e.from.as_str())?, *index.get(e.to.as_str())?)))
        .collect();
    let mut pairs: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, end) in ends.iter().enumerate() {
        if let Some((a, b)) = *end {
            pairs.entry((a.min(b), a.max(b))).or_default().push(i);
        }
    }
    let mut lanes = vec![0.0; design.edges.len()];
    for (&(a, _), edges) in &pairs {
        for (k, &e) in edges.iter().enumerate() {
            let mut l = lane(k, edges.len());
            if ends[e].map(|(f, _)| f) != Some(a) {
                l = -l;
            }
            lanes[e] = l;
        }
    }
    lanes
}
