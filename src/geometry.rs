//! Geometry and visual style shared by the canvas and every exporter, so an export looks like
//! the screen: node and container rectangles, edge endpoints, arrowheads, colours, line styles.
//! All positions are in canvas units.

use crate::model::catalog::{self, Category};
use crate::model::{ContainerKind, EdgeKind, Node, Pos, Rect};

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
