//! Geometry derived from the design, cached per design revision: node and container rectangles,
//! id lookups, container nesting, edge routes with lanes for parallel edges, finding badges, and
//! a spatial grid for culling and hit-testing. Rebuilt at most once per frame (only when the
//! revision changes), so a drag never recomputes anything proportional to the design.

use super::state::to_egui_rect;
use crate::critique::{Report, Severity};
use crate::geometry::{self, EdgeRoute};
use crate::model::{Design, Rect as ModelRect};
use egui::{Pos2, Rect, Vec2};
use std::collections::HashMap;

/// Columns and rows of the minimap's occupancy grid.
pub const MINIMAP_CELLS: (u16, u16) = (96, 64);

/// Side of a spatial-grid cell, in canvas units.
const CELL: f32 = 500.0;

/// Findings attached to one node or edge.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Badge {
    /// Worst severity among active findings (`None` when all are suppressed).
    pub worst: Option<Severity>,
    /// Number of active findings.
    pub active: usize,
    /// Number of suppressed findings.
    pub suppressed: usize,
    /// Indices into `report.findings`.
    pub findings: Vec<usize>,
}

/// Derived geometry of one design revision. Indices are positions in the design's vectors.
#[derive(Debug)]
pub struct GeometryCache {
    revision: Option<u64>,
    /// Length of nodes/edges/containers when built (a cheap guard against a forgotten bump).
    shape: (usize, usize, usize),
    /// Node rectangles in canvas units.
    pub node_rects: Vec<Rect>,
    pub node_by_id: HashMap<String, usize>,
    pub container_by_id: HashMap<String, usize>,
    /// Containers in drawing order: outer before inner (by nesting depth, then area).
    pub container_order: Vec<usize>,
    /// Nesting depth of each container (0 = top level).
    pub container_depth: Vec<u32>,
    /// Source and target node of each edge (`None` for a dangling edge).
    pub edge_ends: Vec<Option<(usize, usize)>>,
    /// Lane of each edge among edges joining the same pair.
    pub edge_lanes: Vec<f32>,
    /// Route of each edge at rest.
    pub edge_routes: Vec<Option<EdgeRoute>>,
    /// Edges touching each node.
    pub node_edges: Vec<Vec<usize>>,
    pub node_badges: Vec<Option<Badge>>,
    pub edge_badges: Vec<Option<Badge>>,
    /// Bounds of everything, in canvas units.
    pub bounds: Rect,
    /// Spatial grid of node indices.
    grid: HashMap<(i32, i32), Vec<usize>>,
    /// Occupied cells of the minimap grid over `bounds` (column, row).
    pub minimap_cells: Vec<(u16, u16)>,
    /// How many times the cache was rebuilt (tests check drags do not rebuild).
    pub builds: u64,
}

impl Default for GeometryCache {
    fn default() -> Self {
        Self {
            revision: None,
            shape: (0, 0, 0),
            node_rects: Vec::new(),
            node_by_id: HashMap::new(),
            container_by_id: HashMap::new(),
            container_order: Vec::new(),
            container_depth: Vec::new(),
            edge_ends: Vec::new(),
            edge_lanes: Vec::new(),
            edge_routes: Vec::new(),
            node_edges: Vec::new(),
            node_badges: Vec::new(),
            edge_badges: Vec::new(),
            bounds: Rect::NOTHING,
            grid: HashMap::new(),
            minimap_cells: Vec::new(),
            builds: 0,
        }
    }
}

fn cell_of(p: Pos2) -> (i32, i32) {
    ((p.x / CELL).floor() as i32, (p.y / CELL).floor() as i32)
}

impl GeometryCache {
    /// Rebuilds when `revision` (or the design's shape) differs from the cached one.
    pub fn refresh(&mut self, design: &Design, report: &Report, revision: u64) {
        let shape = (
            design.nodes.len(),
            design.edges.len(),
            design.containers.len(),
        );
        if self.revision == Some(revision) && self.shape == shape {
            return;
        }
        self.rebuild(design, report);
        self.revision = Some(revision);
        self.shape = shape;
    }

    fn rebuild(&mut self, design: &Design, report: &Report) {
        self.builds += 1;
        self.node_rects = design
            .nodes
            .iter()
            .map(|n| to_egui_rect(&geometry::node_rect(n)))
            .collect();
        self.node_by_id = design
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.0.clone(), i))
            .collect();
        self.container_by_id = design
            .containers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.0.clone(), i))
            .collect();
        // Nesting depth, guarding against cycles in a hand-edited file.
        self.container_depth = (0..design.containers.len())
            .map(|i| {
                let mut depth = 0;
                let mut cur = design.containers[i].parent.as_ref();
                while let Some(p) = cur {
                    let Some(&pi) = self.container_by_id.get(p.as_str()) else {
                        break;
                    };
                    depth += 1;
                    if depth > 64 {
                        break;
                    }
                    cur = design.containers[pi].parent.as_ref();
                }
                depth
            })
            .collect();
        let mut order: Vec<usize> = (0..design.containers.len()).collect();
        let area = |r: &ModelRect| r.w * r.h;
        order.sort_by(|&a, &b| {
            self.container_depth[a]
                .cmp(&self.container_depth[b])
                .then(area(&design.containers[b].rect).total_cmp(&area(&design.containers[a].rect)))
        });
        self.container_order = order;

        self.edge_ends = design
            .edges
            .iter()
            .map(|e| {
                Some((
                    *self.node_by_id.get(e.from.as_str())?,
                    *self.node_by_id.get(e.to.as_str())?,
                ))
            })
            .collect();
        // Lanes: edges between the same unordered pair spread apart.
        let mut pairs: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, ends) in self.edge_ends.iter().enumerate() {
            if let Some((a, b)) = *ends {
                pairs.entry((a.min(b), a.max(b))).or_default().push(i);
            }
        }
        self.edge_lanes = vec![0.0; design.edges.len()];
        for (&(a, _), edges) in &pairs {
            for (k, &e) in edges.iter().enumerate() {
                let mut lane = geometry::lane(k, edges.len());
                // Reverse-direction edges see the pair mirrored: flip so lanes stay apart.
                if self.edge_ends[e].map(|(f, _)| f) != Some(a) {
                    lane = -lane;
                }
                self.edge_lanes[e] = lane;
            }
        }
        self.node_edges = vec![Vec::new(); design.nodes.len()];
        for (i, ends) in self.edge_ends.iter().enumerate() {
            if let Some((a, b)) = *ends {
                self.node_edges[a].push(i);
                if b != a {
                    self.node_edges[b].push(i);
                }
            }
        }
        self.edge_routes = (0..design.edges.len())
            .map(|e| self.route(e, |_| false, Vec2::ZERO))
            .collect();

        let edge_by_id: HashMap<&str, usize> = design
            .edges
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        self.node_badges = vec![None; design.nodes.len()];
        self.edge_badges = vec![None; design.edges.len()];
        for (fi, f) in report.findings.iter().enumerate() {
            let add = |b: &mut Option<Badge>| {
                let b = b.get_or_insert_with(Badge::default);
                b.findings.push(fi);
                if f.suppressed.is_some() {
                    b.suppressed += 1;
                } else {
                    b.active += 1;
                    b.worst = Some(b.worst.map_or(f.severity, |w| w.min(f.severity)));
                }
            };
            for n in &f.nodes {
                if let Some(&i) = self.node_by_id.get(n.as_str()) {
                    add(&mut self.node_badges[i]);
                }
            }
            for e in &f.edges {
                if let Some(&i) = edge_by_id.get(e.as_str()) {
                    add(&mut self.edge_badges[i]);
                }
            }
        }

        self.grid.clear();
        let mut bounds = Rect::NOTHING;
        for (i, r) in self.node_rects.iter().enumerate() {
            bounds = bounds.union(*r);
            let (a, b) = (cell_of(r.min), cell_of(r.max));
            for x in a.0..=b.0 {
                for y in a.1..=b.1 {
                    self.grid.entry((x, y)).or_default().push(i);
                }
            }
        }
        for c in &design.containers {
            bounds = bounds.union(to_egui_rect(&c.rect));
        }
        self.bounds = bounds;
        let mut cells = std::collections::HashSet::new();
        if bounds.is_positive() {
            let (cols, rows) = (MINIMAP_CELLS.0 as f32, MINIMAP_CELLS.1 as f32);
            for r in &self.node_rects {
                let c = r.center() - bounds.min;
                let x = (c.x / bounds.width() * cols).clamp(0.0, cols - 1.0) as u16;
                let y = (c.y / bounds.height() * rows).clamp(0.0, rows - 1.0) as u16;
                cells.insert((x, y));
            }
        }
        self.minimap_cells = cells.into_iter().collect();
        self.minimap_cells.sort_unstable();
    }

    /// The route of edge `e`, with the nodes for which `moved` is true shifted by `delta`.
    pub fn route(&self, e: usize, moved: impl Fn(usize) -> bool, delta: Vec2) -> Option<EdgeRoute> {
        let (a, b) = self.edge_ends.get(e).copied().flatten()?;
        let rect = |i: usize| {
            let r = self.node_rects[i];
            let r = if moved(i) { r.translate(delta) } else { r };
            ModelRect::new(r.min.x, r.min.y, r.width(), r.height())
        };
        Some(geometry::edge_route(
            &rect(a),
            &rect(b),
            self.edge_lanes.get(e).copied().unwrap_or(0.0),
        ))
    }

    /// Node indices whose rectangles may intersect `area` (canvas units), each once, in design
    /// order (later nodes are drawn on top).
    pub fn nodes_in(&self, area: Rect) -> Vec<usize> {
        if self.node_rects.is_empty() || !area.is_positive() {
            return Vec::new();
        }
        let area = area.intersect(self.bounds.expand(1.0));
        if !area.is_positive() {
            return Vec::new();
        }
        let (a, b) = (cell_of(area.min), cell_of(area.max));
        let cells = (b.0 - a.0 + 1) as i64 * (b.1 - a.1 + 1) as i64;
        if cells as usize > self.grid.len() {
            // Looking at (almost) everything: a linear pass is cheaper than the grid.
            return (0..self.node_rects.len())
                .filter(|&i| self.node_rects[i].intersects(area))
                .collect();
        }
        let mut out = Vec::new();
        for x in a.0..=b.0 {
            for y in a.1..=b.1 {
                if let Some(v) = self.grid.get(&(x, y)) {
                    out.extend(
                        v.iter()
                            .copied()
                            .filter(|&i| self.node_rects[i].intersects(area)),
                    );
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The topmost node containing `p` (canvas units).
    pub fn node_at(&self, p: Pos2) -> Option<usize> {
        let v = self.grid.get(&cell_of(p))?;
        v.iter()
            .copied()
            .filter(|&i| self.node_rects[i].contains(p))
            .max()
    }
}
