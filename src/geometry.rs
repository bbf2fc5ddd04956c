//! Geometry and visual style shared by the canvas and every exporter, so an export looks like
//! the screen: node and container rectangles, edge endpoints, arrowheads, colours, line styles.
//! All positions are in canvas units.

pub mod arrange;
pub mod caption;
pub mod grid;
pub mod icons;
pub mod layout;
pub mod overlay;
mod route;
pub mod text;

pub use caption::{CaptionBox, CaptionText, Obstacles, layout_captions, place_captions};
pub use grid::{NodeGrid, SpatialGrid};
pub use overlay::{LegendLine, Overlay, Tone};
pub use route::*;
pub use text::{CAPTION_FONT, caption_size, text_width};

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
        Category::Operations => Rgb(0x0e, 0xa5, 0xa4),
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
        ContainerKind::CloudAccount => Rgb(0xf9, 0x73, 0x16),
        ContainerKind::OnPremDataCenter => Rgb(0x78, 0x71, 0x6c),
        ContainerKind::AutoScalingGroup => Rgb(0x10, 0xb9, 0x81),
        ContainerKind::Group => Rgb(0x94, 0xa3, 0xb8),
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
        EdgeKind::AsyncMessage | EdgeKind::EventTrigger => EdgeStyle {
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
        EdgeKind::EventTrigger => "trigger",
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
