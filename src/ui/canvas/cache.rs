//! Geometry derived from the design, cached per design revision: node and container rectangles,
//! id lookups, container nesting, edge routes (around node boxes) and caption places (placed
//! when first drawn), finding badges, the minimap picture, and spatial grids for culling and
//! hit-testing nodes, edges and containers. Rebuilt at most once per frame (only when the
//! revision changes), so a drag never recomputes anything proportional to the design.

use super::colors::color;
use super::layout::{to_egui_rect, to_model_rect, to_pos};
use crate::critique::{Report, Severity};
use crate::geometry::{self, EdgeRoute, Router, SpatialGrid};
use crate::model::{Design, Rect as ModelRect};
use egui::{Color32, Pos2, Rect, Vec2};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// Columns and rows of the minimap's node grid: designs with more nodes than cells are drawn
/// one cell per occupied spot instead of one box per node.
pub const MINIMAP_CELLS: (u16, u16) = (160, 104);

/// How many recent builds' changed areas are remembered.
const CHANGES_KEPT: usize = 8;

/// Side of an edge-index cell, in canvas units.
const EDGE_CELL: f32 = 256.0;
/// Side of a container-index cell, in canvas units (containers are big).
const CONTAINER_CELL: f32 = 1024.0;

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

/// The design in miniature, in canvas units: what the minimap draws.
#[derive(Clone, Debug, Default)]
pub struct MinimapPicture {
    /// Container rectangles in drawing order, with their tint.
    pub containers: Vec<(Rect, Color32)>,
    /// Node boxes (or occupied cells of a fine grid for big designs) in category colour.
    pub nodes: Vec<(Rect, Color32)>,
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
    /// Position of each container in `container_order`.
    container_rank: Vec<usize>,
    /// Nesting depth of each container (0 = top level).
    pub container_depth: Vec<u32>,
    /// Source and target node of each edge (`None` for a dangling edge).
    pub edge_ends: Vec<Option<(usize, usize)>>,
    /// Routes edges around node boxes; also the spatial grid of nodes.
    router: Router,
    /// Route of each edge at rest.
    pub edge_routes: Vec<Option<EdgeRoute>>,
    /// Each edge's caption, wrapped and placed (see [`geometry::layout_captions`]); empty
    /// until [`GeometryCache::ensure_captions`].
    pub captions: Vec<Option<geometry::CaptionBox>>,
    /// What the captions were placed for (size, badges shown, capacity shown); `None` when
    /// they are not placed for this revision.
    captions_placed: Option<CaptionKey>,
    /// Edges touching each node.
    pub node_edges: Vec<Vec<usize>>,
    pub node_badges: Vec<Option<Badge>>,
    pub edge_badges: Vec<Option<Badge>>,
    /// Bounds of everything, in canvas units.
    pub bounds: Rect,
    /// Route segments of each edge, bucketed for hover and clicks.
    edge_index: SpatialGrid,
    /// Container rectangles, bucketed for hover and clicks.
    container_index: SpatialGrid,
    /// The minimap's picture.
    pub minimap: Arc<MinimapPicture>,
    /// How many times the cache was rebuilt (tests check drags do not rebuild).
    pub builds: u64,
    /// What the most recent builds changed, oldest first: the build number and the canvas
    /// area whose drawing may differ from the build before (`None`: anything may differ).
    changes: VecDeque<(u64, Option<Rect>)>,
    /// Category colour of each node as last built (a change of kind recolours a node in place).
    node_colours: Vec<Color32>,
    /// Rectangle and tint of each container as last built.
    container_looks: Vec<(Rect, Color32)>,
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
            container_rank: Vec::new(),
            container_depth: Vec::new(),
            edge_ends: Vec::new(),
            router: Router::default(),
            edge_routes: Vec::new(),
            captions: Vec::new(),
            captions_placed: None,
            node_edges: Vec::new(),
            node_badges: Vec::new(),
            edge_badges: Vec::new(),
            bounds: Rect::NOTHING,
            edge_index: SpatialGrid::new(EDGE_CELL),
            container_index: SpatialGrid::new(CONTAINER_CELL),
            minimap: Arc::default(),
            builds: 0,
            changes: VecDeque::new(),
            node_colours: Vec::new(),
            container_looks: Vec::new(),
        }
    }
}

/// What a placing of the captions depends on besides the design.
#[derive(Clone, Copy, Debug, PartialEq)]
struct CaptionKey {
    style: geometry::caption::CaptionStyle,
    show_findings: bool,
    capacity: bool,
}

/// The category colour of every node.
fn node_colours(design: &Design) -> Vec<Color32> {
    design
        .nodes
        .iter()
        .map(|n| color(geometry::node_color(n)))
        .collect()
}

/// The rectangle and tint of every container.
fn container_looks(design: &Design) -> Vec<(Rect, Color32)> {
    design
        .containers
        .iter()
        .map(|c| {
            (
                to_egui_rect(&c.rect),
                color(geometry::container_color(c.kind)),
            )
        })
        .collect()
}

/// The bounds of an edge route, in canvas units.
fn route_rect(route: &EdgeRoute) -> Rect {
    let b = route.bounds();
    Rect::from_min_size(Pos2::new(b.x, b.y), Vec2::new(b.w, b.h))
}

/// The square of half-side `tolerance` centred on `p`, in canvas units (what a click near `p`
/// may hit).
fn square_around(p: Pos2, tolerance: f32) -> ModelRect {
    ModelRect::new(
        p.x - tolerance,
        p.y - tolerance,
        2.0 * tolerance,
        2.0 * tolerance,
    )
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
        if self.revision.is_none() || self.shape != shape || !self.update(design, report) {
            self.rebuild(design, report);
        }
        self.revision = Some(revision);
        self.shape = shape;
    }

    /// Brings the cache up to date after a change that kept every node, edge and container in
    /// place in the design's vectors with the same ids and ends (a move, a property edit):
    /// only the edges of moved nodes, and those whose routes pass near a moved node's old or
    /// new box, are routed again. Returns false, changing nothing, when the change is not of
    /// that kind or moved too many nodes to be worth it; the caller then rebuilds.
    fn update(&mut self, design: &Design, report: &Report) -> bool {
        let same_nodes = design
            .nodes
            .iter()
            .enumerate()
            .all(|(i, n)| self.node_by_id.get(n.id.as_str()) == Some(&i));
        if !same_nodes {
            return false;
        }
        let ends_unchanged = design.edges.iter().zip(&self.edge_ends).all(|(e, ends)| {
            let now = self
                .node_by_id
                .get(e.from.as_str())
                .zip(self.node_by_id.get(e.to.as_str()))
                .map(|(&a, &b)| (a, b));
            now == *ends
        });
        let same_containers = design
            .containers
            .iter()
            .enumerate()
            .all(|(i, c)| self.container_by_id.get(c.id.as_str()) == Some(&i));
        if !ends_unchanged || !same_containers {
            return false;
        }
        let moved: Vec<(usize, Rect)> = design
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let r = to_egui_rect(&geometry::node_rect(n));
                (r != self.node_rects[i]).then_some((i, r))
            })
            .collect();
        if moved.len() > 64 && moved.len() * 8 > design.nodes.len() {
            return false;
        }
        self.builds += 1;
        // The area whose drawing changes: moved boxes (old and new), re-routed edges (old and
        // new routes), recoloured nodes and changed containers.
        let mut changed = Rect::NOTHING;
        let colours = node_colours(design);
        for (i, (old, new)) in self.node_colours.iter().zip(&colours).enumerate() {
            if old != new {
                changed = changed.union(self.node_rects[i]);
            }
        }
        self.node_colours = colours;
        let looks = container_looks(design);
        if looks.len() != self.container_looks.len() {
            changed = changed.union(self.bounds);
        }
        for (old, new) in self.container_looks.iter().zip(&looks) {
            if old != new {
                changed = changed.union(old.0).union(new.0);
            }
        }
        self.container_looks = looks;
        let worst_before: Vec<Option<Severity>> = self
            .node_badges
            .iter()
            .map(|b| b.as_ref().and_then(|b| b.worst))
            .collect();
        // Edges whose route may change: those of a moved node, and those passing near its old
        // or new box (they may have to go around it, or may now go straight).
        let mut affected: Vec<usize> = Vec::new();
        let mut near = Vec::new();
        for &(i, r) in &moved {
            changed = changed.union(self.node_rects[i]).union(r);
            affected.extend_from_slice(&self.node_edges[i]);
            for area in [self.node_rects[i], r] {
                self.edge_index.candidates(&to_model_rect(area), &mut near);
                affected.extend_from_slice(&near);
            }
            self.node_rects[i] = r;
            self.router.move_node(i, to_model_rect(r));
        }
        affected.sort_unstable();
        affected.dedup();
        for e in affected {
            let Some(slot) = self.edge_routes.get_mut(e) else {
                continue;
            };
            if let Some(old) = slot.as_ref() {
                changed = changed.union(route_rect(old));
                for (a, b) in old.segments() {
                    self.edge_index
                        .remove(e, &geometry::grid::rect_around(a, b));
                }
            }
            *slot = self.router.route(e);
            if let Some(new) = slot.as_ref() {
                changed = changed.union(route_rect(new));
                for (a, b) in new.segments() {
                    self.edge_index
                        .insert(e, &geometry::grid::rect_around(a, b));
                }
            }
        }
        self.captions_placed = None;
        self.captions.clear();
        self.nest_containers(design);
        self.attach_badges(design, report);
        for (i, before) in worst_before.iter().enumerate() {
            let now = self.node_badges.get(i).and_then(|b| b.as_ref()?.worst);
            if now != *before {
                changed = changed.union(self.node_rects[i]);
            }
        }
        self.bounds = self.bounds_of(design);
        self.minimap = Arc::new(self.minimap_picture(design));
        self.record_change(Some(changed));
        true
    }

    /// Remembers what the current build changed.
    fn record_change(&mut self, area: Option<Rect>) {
        if self.changes.len() == CHANGES_KEPT {
            self.changes.pop_front();
        }
        self.changes.push_back((self.builds, area));
    }

    /// The canvas area whose drawing may differ between build `since` and the current one
    /// (empty when they are the same build); `None` when anything may differ, or the builds
    /// are too far apart to say.
    pub fn changed_since(&self, since: u64) -> Option<Rect> {
        let mut area = Rect::NOTHING;
        for build in since + 1..=self.builds {
            let (_, changed) = self.changes.iter().find(|(b, _)| *b == build)?;
            area = area.union((*changed)?);
        }
        Some(area)
    }

    /// Bounds of every node and container, in canvas units.
    fn bounds_of(&self, design: &Design) -> Rect {
        let mut bounds = Rect::NOTHING;
        for r in &self.node_rects {
            bounds = bounds.union(*r);
        }
        for c in &design.containers {
            bounds = bounds.union(to_egui_rect(&c.rect));
        }
        bounds
    }

    fn rebuild(&mut self, design: &Design, report: &Report) {
        self.builds += 1;
        self.record_change(None);
        self.node_colours = node_colours(design);
        self.container_looks = container_looks(design);
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
        self.nest_containers(design);
        self.route_edges(design);
        self.attach_badges(design, report);
        self.bounds = self.bounds_of(design);
        self.minimap = Arc::new(self.minimap_picture(design));
    }

    /// Container nesting depths, the drawing order (outer before inner, then bigger before
    /// smaller) and the spatial index of container rectangles.
    fn nest_containers(&mut self, design: &Design) {
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
        self.container_rank = vec![0; order.len()];
        for (rank, &c) in order.iter().enumerate() {
            self.container_rank[c] = rank;
        }
        self.container_order = order;
        self.container_index = SpatialGrid::new(CONTAINER_CELL);
        for (i, c) in design.containers.iter().enumerate() {
            self.container_index.insert(i, &c.rect);
        }
    }

    /// Edge ends and routes around the node boxes, the edges of each node, and the spatial
    /// index of route segments. Captions are placed later, when first drawn.
    fn route_edges(&mut self, design: &Design) {
        self.router = Router::new(design);
        self.edge_ends = self.router.ends().to_vec();
        self.node_edges = vec![Vec::new(); design.nodes.len()];
        for (i, ends) in self.edge_ends.iter().enumerate() {
            if let Some((a, b)) = *ends {
                self.node_edges[a].push(i);
                if b != a {
                    self.node_edges[b].push(i);
                }
            }
        }
        self.edge_routes = self.router.routes();
        self.edge_index = SpatialGrid::new(EDGE_CELL);
        for (e, route) in self.edge_routes.iter().enumerate() {
            for (a, b) in route.iter().flat_map(|r| r.segments()) {
                self.edge_index
                    .insert(e, &geometry::grid::rect_around(a, b));
            }
        }
        self.captions_placed = None;
        self.captions.clear();
    }

    /// The finding badge of every node and edge a finding of `report` points at.
    fn attach_badges(&mut self, design: &Design, report: &Report) {
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
    }

    /// Containers as tinted rectangles and nodes in their category colour; a big design's
    /// nodes merge into the occupied cells of a fine grid so the picture stays small.
    fn minimap_picture(&self, design: &Design) -> MinimapPicture {
        let containers = self
            .container_order
            .iter()
            .filter_map(|&c| {
                let k = design.containers.get(c)?;
                Some((
                    to_egui_rect(&k.rect),
                    color(geometry::container_color(k.kind)),
                ))
            })
            .collect();
        let bounds = self.bounds;
        let (cols, rows) = (MINIMAP_CELLS.0 as usize, MINIMAP_CELLS.1 as usize);
        let nodes = if design.nodes.len() <= cols * rows / 4 || !bounds.is_positive() {
            design
                .nodes
                .iter()
                .zip(&self.node_rects)
                .map(|(n, r)| (*r, color(geometry::node_color(n))))
                .collect()
        } else {
            let cell = Vec2::new(bounds.width() / cols as f32, bounds.height() / rows as f32);
            let mut occupied: Vec<Option<Color32>> = vec![None; cols * rows];
            for (n, r) in design.nodes.iter().zip(&self.node_rects) {
                let c = r.center() - bounds.min;
                let x = ((c.x / cell.x) as usize).min(cols - 1);
                let y = ((c.y / cell.y) as usize).min(rows - 1);
                occupied[y * cols + x] = Some(color(geometry::node_color(n)));
            }
            occupied
                .into_iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let min = bounds.min
                        + Vec2::new((i % cols) as f32 * cell.x, (i / cols) as f32 * cell.y);
                    Some((Rect::from_min_size(min, cell), c?))
                })
                .collect()
        };
        MinimapPicture { containers, nodes }
    }

    /// Places the edge captions of this revision in `style`, once (again when the style or
    /// what they keep clear of changes): clear of the nodes, the finding badges when
    /// `show_findings`, and the capacity captions of `capacity` when given (see
    /// [`geometry::layout_captions`]). Called only when captions or edge badges are drawn, so
    /// zoomed-out views of a big design never pay for it.
    pub fn ensure_captions(
        &mut self,
        design: &Design,
        style: geometry::caption::CaptionStyle,
        show_findings: bool,
        capacity: Option<&crate::capacity::Estimate>,
    ) {
        let key = CaptionKey {
            style,
            show_findings,
            capacity: capacity.is_some(),
        };
        if self.captions_placed == Some(key) || design.edges.len() != self.edge_routes.len() {
            return;
        }
        let has = |b: Option<&Option<Badge>>| show_findings && b.is_some_and(Option::is_some);
        let texts: Vec<geometry::CaptionText> = design
            .edges
            .iter()
            .enumerate()
            .map(|(e, edge)| geometry::CaptionText {
                text: geometry::edge_caption(edge),
                badge: has(self.edge_badges.get(e)),
            })
            .collect();
        let mut obstacles = geometry::Obstacles::of(design, |n| has(self.node_badges.get(n)));
        if let Some(est) = capacity {
            for (r, n) in self.node_rects.iter().zip(&est.nodes) {
                if let Some(text) = n.caption_text() {
                    obstacles
                        .hard
                        .push(geometry::caption::capacity_caption_rect(
                            &to_model_rect(*r),
                            &text,
                            style.scale,
                        ));
                }
            }
        }
        self.captions = geometry::layout_captions(
            &self.edge_routes,
            &texts,
            self.router.nodes(),
            &obstacles,
            style,
        );
        self.captions_placed = Some(key);
    }

    /// Position of container `c` in the drawing order (later = drawn on top).
    pub fn container_rank(&self, c: usize) -> usize {
        self.container_rank.get(c).copied().unwrap_or(0)
    }

    /// The route of edge `e`, with the nodes for which `moved` is true shifted by `delta`.
    pub fn route(&self, e: usize, moved: impl Fn(usize) -> bool, delta: Vec2) -> Option<EdgeRoute> {
        self.router.route_moved(e, moved, delta.x, delta.y)
    }

    /// Node indices whose rectangles may intersect `area` (canvas units), each once, in design
    /// order (later nodes are drawn on top).
    pub fn nodes_in(&self, area: Rect) -> Vec<usize> {
        if self.node_rects.is_empty() || !area.is_positive() {
            return Vec::new();
        }
        self.router.nodes().in_area(&to_model_rect(area))
    }

    /// The topmost node containing `p` (canvas units).
    pub fn node_at(&self, p: Pos2) -> Option<usize> {
        self.router.nodes().at(to_pos(p))
    }

    /// Edges whose resting route may cross `area` (canvas units), ascending.
    pub fn edges_in(&self, area: Rect) -> Vec<usize> {
        if area.contains_rect(self.bounds) {
            return (0..self.edge_routes.len()).collect();
        }
        let mut out = Vec::new();
        self.edge_index.candidates(&to_model_rect(area), &mut out);
        out
    }

    /// The edge whose route passes closest to `p`, within `tolerance` canvas units.
    pub fn edge_at(&self, p: Pos2, tolerance: f32) -> Option<usize> {
        let mut near = Vec::new();
        let area = square_around(p, tolerance);
        self.edge_index.candidates(&area, &mut near);
        let mut best: Option<(f32, usize)> = None;
        for e in near {
            let Some(Some(route)) = self.edge_routes.get(e) else {
                continue;
            };
            let d = route.distance_to(to_pos(p));
            if d <= tolerance && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, e));
            }
        }
        best.map(|(_, e)| e)
    }

    /// Containers whose rectangle grown by `tolerance` contains `p`, innermost (last drawn)
    /// first.
    pub fn containers_at(&self, design: &Design, p: Pos2, tolerance: f32) -> Vec<usize> {
        let mut near = Vec::new();
        let area = square_around(p, tolerance);
        self.container_index.candidates(&area, &mut near);
        near.retain(|&c| {
            design
                .containers
                .get(c)
                .is_some_and(|k| to_egui_rect(&k.rect).expand(tolerance).contains(p))
        });
        near.sort_by_key(|&c| std::cmp::Reverse(self.container_rank.get(c).copied()));
        near
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;
    use crate::ui::canvas::layout::to_pos2;

    /// A cache built from scratch for `design`.
    fn fresh(design: &Design) -> GeometryCache {
        let mut c = GeometryCache::default();
        c.refresh(design, &Report::default(), 1);
        c
    }

    #[test]
    fn a_move_updates_the_cache_as_a_rebuild_would() {
        let mut design = synthetic::grid(400);
        let mut cache = fresh(&design);
        // Moves into a gap, into a neighbour's box (edges around it must detour), and back.
        for (k, (i, dx, dy)) in [(57, 0.0, 18.0), (58, 80.0, 0.0), (58, -80.0, 0.0)]
            .into_iter()
            .enumerate()
        {
            let id = design.nodes[i].id.clone();
            crate::model::Edit::Move {
                nodes: vec![id],
                containers: vec![],
                dx,
                dy,
            }
            .apply(&mut design);
            let builds = cache.builds;
            cache.refresh(&design, &Report::default(), 2 + k as u64);
            assert_eq!(cache.builds, builds + 1);
            let full = fresh(&design);
            assert_eq!(cache.node_rects, full.node_rects);
            assert_eq!(cache.edge_routes, full.edge_routes, "move {k}");
            assert_eq!(cache.bounds, full.bounds);
            for e in 0..design.edges.len() {
                let Some(r) = full.edge_routes[e] else {
                    continue;
                };
                let (a, b) = r.segments().next().expect("a segment");
                let mid = to_pos2(crate::model::Pos::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0));
                assert!(
                    cache
                        .edges_in(Rect::from_center_size(mid, Vec2::splat(2.0)))
                        .contains(&e)
                );
            }
        }
    }

    #[test]
    fn a_move_reports_the_area_it_changed_and_a_rebuild_reports_everything() {
        let mut design = synthetic::grid(400);
        let mut cache = fresh(&design);
        let first = cache.builds;
        assert_eq!(cache.changed_since(first), Some(Rect::NOTHING));
        assert_eq!(
            cache.changed_since(first - 1),
            None,
            "the first build is a rebuild"
        );
        let old = cache.node_rects[57];
        crate::model::Edit::Move {
            nodes: vec![design.nodes[57].id.clone()],
            containers: vec![],
            dx: 0.0,
            dy: 18.0,
        }
        .apply(&mut design);
        cache.refresh(&design, &Report::default(), 2);
        let changed = cache.changed_since(first).expect("a move is incremental");
        assert!(changed.contains_rect(old));
        assert!(changed.contains_rect(cache.node_rects[57]));
        for &e in &cache.node_edges[57] {
            let route = cache.edge_routes[e].expect("routed");
            assert!(changed.contains_rect(route_rect(&route)), "edge {e}");
        }
        // Far from the change: a node at the other end of the grid is not in it.
        assert!(!changed.intersects(cache.node_rects[399]));
        // A new node rebuilds: anything may have changed.
        let mut more = synthetic::grid(401);
        more.nodes.truncate(401);
        cache.refresh(&more, &Report::default(), 3);
        assert_eq!(cache.changed_since(first), None);
    }
}
