//! Geometry derived from the design, cached per design revision: node and container rectangles,
//! id lookups, container nesting, edge routes (around node boxes) and caption places (placed
//! when first drawn), finding badges, the minimap picture, and spatial grids for culling and
//! hit-testing nodes, edges and containers. Rebuilt at most once per frame (only when the
//! revision changes), so a drag never recomputes anything proportional to the design.

use super::colors::color;
use super::layout::{to_egui_rect, to_model_rect, to_pos};
use crate::critique::{Report, Severity};
use crate::geometry::{self, EdgeRoute, Router, SpatialGrid};
use crate::model::{Design, Pos, Rect as ModelRect};
use egui::{Color32, Pos2, Rect, Vec2};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// Columns and rows of the minimap's node grid: designs with more nodes than cells are drawn
/// one cell per occupied spot instead of one box per node.
pub const MINIMAP_CELLS: (u16, u16) = (160, 104);

/// Position of each id in one of the design's lists (foldhash: several times faster than the
/// default hasher on the tens of thousands of lookups a big edit makes, and seeded per process).
pub type IdMap = HashMap<String, usize, foldhash::fast::RandomState>;

/// How many recent builds' changed areas are remembered.
const CHANGES_KEPT: usize = 8;

/// Side of an edge-index cell, in canvas units.
const EDGE_CELL: f32 = 256.0;
/// Side of a container-index cell, in canvas units (containers are big).
const CONTAINER_CELL: f32 = 1024.0;

/// Two node moves closer than this (canvas units, on each axis) are the same move: the
/// coordinates of a moved selection differ from the exact move by float rounding only. Far
/// from the origin rounding is coarser: a few units in the last place of the coordinates.
const SHIFT_TOLERANCE: f32 = 1e-3;

/// How far beyond the box around an edge's two ends its plain shapes run (stub, channel
/// clearance and a unit of slack), in canvas units; the lane's offset comes on top.
const PLAIN_REACH: f32 = 60.0;
/// The same for detours around boxes in the way, on top of twice the biggest box.
const DETOUR_REACH: f32 = 100.0;

/// How one edge's route is brought up to date after a change.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Plan {
    /// Nothing that shapes it changed.
    Keep,
    /// Its ends and every box near them moved by the same offset: the route moves with them.
    Translate(Vec2),
    /// Routed again.
    Route,
}

/// The geometry of the design as it was before its last removal (a delete), kept so that
/// undoing the removal puts it back instead of routing every restored edge again. It is used
/// only when the design has exactly these nodes, boxes and edge ends again.
#[derive(Debug)]
struct Stashed {
    node_rects: Vec<Rect>,
    node_by_id: IdMap,
    edge_by_id: IdMap,
    edge_ends: Vec<Option<(usize, usize)>>,
    router: Router,
    edge_routes: Vec<Option<EdgeRoute>>,
    node_edges: Vec<Vec<usize>>,
    edge_index: SpatialGrid,
}

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
    pub node_by_id: IdMap,
    /// Position of each edge id in the design's edges.
    edge_by_id: IdMap,
    pub container_by_id: IdMap,
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
    /// What the captions were placed around: each edge's caption text and badge, and which
    /// nodes had a badge (a change of either places them again).
    caption_inputs: (Vec<geometry::CaptionText>, Vec<bool>),
    /// Captions to place again around the others, which stay (after a few boxes moved): the
    /// edges re-routed and those whose caption a moved box now covers.
    stale_captions: Vec<usize>,
    /// Where each node's capacity caption was placed with the captions (see
    /// [`geometry::caption::place_capacity_captions`]), relative to its box's top-left corner;
    /// empty when the capacity view was off. Read through [`GeometryCache::capacity_caption`].
    capacity_captions: Vec<Option<ModelRect>>,
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
    /// How many edge routes were computed (tests check what a change routes again).
    routed: usize,
    /// What the most recent builds changed, oldest first: the build number and the canvas
    /// area whose drawing may differ from the build before (`None`: anything may differ).
    changes: VecDeque<(u64, Option<Rect>)>,
    /// Category colour of each node as last built (a change of kind recolours a node in place).
    node_colours: Vec<Color32>,
    /// Rectangle and tint of each container as last built.
    container_looks: Vec<(Rect, Color32)>,
    /// The geometry before the last removal, for its undo.
    stash: Option<Box<Stashed>>,
}

impl Default for GeometryCache {
    fn default() -> Self {
        Self {
            revision: None,
            shape: (0, 0, 0),
            node_rects: Vec::new(),
            node_by_id: IdMap::default(),
            edge_by_id: IdMap::default(),
            container_by_id: IdMap::default(),
            container_order: Vec::new(),
            container_rank: Vec::new(),
            container_depth: Vec::new(),
            edge_ends: Vec::new(),
            router: Router::default(),
            edge_routes: Vec::new(),
            captions: Vec::new(),
            captions_placed: None,
            caption_inputs: (Vec::new(), Vec::new()),
            stale_captions: Vec::new(),
            capacity_captions: Vec::new(),
            node_edges: Vec::new(),
            node_badges: Vec::new(),
            edge_badges: Vec::new(),
            bounds: Rect::NOTHING,
            edge_index: SpatialGrid::new(EDGE_CELL),
            container_index: SpatialGrid::new(CONTAINER_CELL),
            minimap: Arc::default(),
            builds: 0,
            routed: 0,
            changes: VecDeque::new(),
            node_colours: Vec::new(),
            container_looks: Vec::new(),
            stash: None,
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

/// Whether two node moves are the same move, up to `tolerance` (see [`SHIFT_TOLERANCE`]).
fn same_shift(a: Vec2, b: Vec2, tolerance: f32) -> bool {
    (a - b).abs().max_elem() <= tolerance
}

/// How far apart two moves of boxes within `extent` may be and still be the same move: float
/// rounding of coordinates that large.
fn shift_tolerance(extent: Rect) -> f32 {
    let far = extent
        .min
        .to_vec2()
        .abs()
        .max(extent.max.to_vec2().abs())
        .max_elem();
    SHIFT_TOLERANCE.max(8.0 * f32::EPSILON * far)
}

/// `route` moved by `d`.
fn translated(route: &EdgeRoute, d: Vec2) -> EdgeRoute {
    let mut pts = [Pos::default(); geometry::MAX_POINTS];
    let n = route.points().len().min(pts.len());
    for (to, p) in pts.iter_mut().zip(route.points()) {
        *to = Pos::new(p.x + d.x, p.y + d.y);
    }
    EdgeRoute::through(&pts[..n])
}

/// The position of each id in a list (the last one, for a repeated id).
fn ids_of<'a>(ids: impl Iterator<Item = &'a str>) -> IdMap {
    ids.enumerate().map(|(i, id)| (id.to_owned(), i)).collect()
}

/// Whether `design` has exactly the nodes (ids, order, boxes) and edges (ids, order, ends) of
/// the stashed geometry, so its routes between nodes are those of `design`.
fn stash_fits(s: &Stashed, design: &Design) -> bool {
    if s.node_rects.len() != design.nodes.len() || s.edge_ends.len() != design.edges.len() {
        return false;
    }
    let nodes = design.nodes.iter().enumerate().all(|(i, n)| {
        s.node_by_id.get(n.id.as_str()) == Some(&i)
            && s.node_rects[i] == to_egui_rect(&geometry::node_rect(n))
    });
    nodes
        && design.edges.iter().enumerate().all(|(i, e)| {
            let ends = s
                .node_by_id
                .get(e.from.as_str())
                .zip(s.node_by_id.get(e.to.as_str()))
                .map(|(&a, &b)| (a, b));
            s.edge_by_id.get(e.id.as_str()) == Some(&i) && ends == s.edge_ends[i]
        })
}

impl GeometryCache {
    /// Rebuilds when `revision` (or the design's shape) differs from the cached one: only what
    /// changed when the change kept the other elements in place (a move, a property edit, a
    /// delete, a paste, the undo of one), from scratch otherwise.
    pub fn refresh(&mut self, design: &Design, report: &Report, revision: u64) {
        let shape = (
            design.nodes.len(),
            design.edges.len(),
            design.containers.len(),
        );
        if self.revision == Some(revision) && self.shape == shape {
            return;
        }
        let done = self.revision.is_some()
            && ((self.shape == shape && self.update(design, report))
                || self.restore(design, report)
                || self.reindex(design, report));
        if !done {
            self.rebuild(design, report);
        }
        self.revision = Some(revision);
        self.shape = shape;
    }

    /// Brings the cache up to date after a change that kept every node, edge and container in
    /// place in the design's vectors with the same ids and ends (a move, a property edit).
    /// An edge whose two ends moved by the same offset, with every box near them, moves with
    /// them (a moved selection, the undo of a move); the other edges of moved nodes, and those
    /// whose routes pass near a moved node's old or new box, are routed again. Returns false,
    /// changing nothing, when the change is not of that kind; the caller then rebuilds.
    fn update(&mut self, design: &Design, report: &Report) -> bool {
        let same_nodes = design
            .nodes
            .iter()
            .enumerate()
            .all(|(i, n)| self.node_by_id.get(n.id.as_str()) == Some(&i));
        if !same_nodes {
            return false;
        }
        let ends_unchanged =
            design
                .edges
                .iter()
                .zip(&self.edge_ends)
                .enumerate()
                .all(|(i, (e, ends))| {
                    let now = self
                        .node_by_id
                        .get(e.from.as_str())
                        .zip(self.node_by_id.get(e.to.as_str()))
                        .map(|(&a, &b)| (a, b));
                    now == *ends && self.edge_by_id.get(e.id.as_str()) == Some(&i)
                });
        let same_containers = design
            .containers
            .iter()
            .enumerate()
            .all(|(i, c)| self.container_by_id.get(c.id.as_str()) == Some(&i));
        if !ends_unchanged || !same_containers {
            return false;
        }
        // Nodes whose box changed, and by how much each moved (`None`: unmoved or resized).
        let mut moved: Vec<(usize, Rect)> = Vec::new();
        let mut shift: Vec<Option<Vec2>> = vec![None; design.nodes.len()];
        for (i, n) in design.nodes.iter().enumerate() {
            let (old, new) = (self.node_rects[i], to_egui_rect(&geometry::node_rect(n)));
            if old != new {
                moved.push((i, new));
                if old.size() == new.size() {
                    shift[i] = Some(new.min - old.min);
                }
            }
        }
        let tol = shift_tolerance(
            moved
                .iter()
                .fold(self.bounds, |b, (_, r)| b.union(*r))
                .union(Rect::from_min_max(Pos2::ZERO, Pos2::ZERO)),
        );
        // One offset shared by every node (select all, then an arrow key, a drag or an undo):
        // no box stays behind, so every edge between two nodes moves with its ends.
        let all_nodes = shift.first().copied().flatten().filter(|&d| {
            shift
                .iter()
                .all(|s| s.is_some_and(|s| same_shift(s, d, tol)))
        });
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
        // The whole design, containers included, moved by one offset.
        let uniform = all_nodes.filter(|&d| {
            self.container_looks.iter().zip(&looks).all(|(old, new)| {
                old.0.size() == new.0.size() && same_shift(new.0.min - old.0.min, d, tol)
            })
        });
        self.container_looks = looks;
        let worst_before: Vec<Option<Severity>> = self
            .node_badges
            .iter()
            .map(|b| b.as_ref().and_then(|b| b.worst))
            .collect();
        let mut plans = vec![Plan::Keep; design.edges.len()];
        if !moved.is_empty() {
            // How far from the box around an edge's ends another box can change its route:
            // for a route that is the plain shape between its ends and crosses no box, the
            // reach of the plain shapes (stubs, channels, the lane); for another, two detour
            // rounds around boxes as big as the biggest.
            let biggest = self
                .node_rects
                .iter()
                .chain(moved.iter().map(|(_, r)| r))
                .fold(0.0f32, |m, r| m.max(r.width()).max(r.height()));
            let mut reach = vec![0.0f32; design.edges.len()];
            for &(i, _) in &moved {
                for &e in &self.node_edges[i] {
                    if plans[e] != Plan::Keep {
                        continue;
                    }
                    plans[e] = match self.edge_ends[e].map(|(a, b)| (shift[a], shift[b])) {
                        Some((Some(da), Some(db))) if same_shift(da, db, tol) => {
                            if all_nodes.is_some() {
                                Plan::Translate(da)
                            } else {
                                let lane = self.router.lanes().get(e).copied().unwrap_or(0.0);
                                let lane = lane.abs() * geometry::LANE_SPACING;
                                reach[e] = if self.runs_plain_and_clear(e) {
                                    PLAIN_REACH + lane
                                } else {
                                    2.0 * biggest + DETOUR_REACH + lane
                                };
                                if self.neighbours_shifted(e, da, &shift, reach[e], tol) {
                                    Plan::Translate(da)
                                } else {
                                    Plan::Route
                                }
                            }
                        }
                        _ => Plan::Route,
                    };
                }
            }
            // Edges passing near a moved box may have to go around it, or may now go straight.
            if all_nodes.is_none() {
                let mut near = Vec::new();
                for &(i, r) in &moved {
                    for area in [self.node_rects[i], r] {
                        self.edge_index.candidates(&to_model_rect(area), &mut near);
                        for &e in &near {
                            if plans[e] == Plan::Keep {
                                plans[e] = Plan::Route;
                            }
                        }
                    }
                }
            }
            let mut boxes = Vec::with_capacity(moved.len());
            for &(i, r) in &moved {
                changed = changed.union(self.node_rects[i]).union(r);
                self.node_rects[i] = r;
                boxes.push((i, to_model_rect(r)));
            }
            self.router.move_nodes(&boxes);
            // The same check among the boxes where they are now.
            if all_nodes.is_none() {
                for e in 0..plans.len() {
                    if let Plan::Translate(d) = plans[e]
                        && !self.neighbours_shifted(e, d, &shift, reach[e], tol)
                    {
                        plans[e] = Plan::Route;
                    }
                }
            }
        }
        // Edges that end at a container run to its border: routed again when a box they end
        // at changed, moved along when the whole design moved.
        for e in self.router.refresh_container_ends(design) {
            if let Some(plan) = plans.get_mut(e) {
                *plan = uniform.map_or(Plan::Route, Plan::Translate);
            }
        }
        let mut translated_all = uniform.is_some();
        let redone = plans.iter().filter(|&&p| p != Plan::Keep).count();
        let reindex_edges = redone * 4 > plans.len();
        for (e, &plan) in plans.iter().enumerate() {
            if plan == Plan::Keep {
                continue;
            }
            let Some(slot) = self.edge_routes.get_mut(e) else {
                continue;
            };
            if let Some(old) = slot.as_ref() {
                changed = changed.union(route_rect(old));
                if !reindex_edges {
                    for (a, b) in old.segments() {
                        self.edge_index
                            .remove(e, &geometry::grid::rect_around(a, b));
                    }
                }
            }
            *slot = match plan {
                Plan::Translate(d) => slot.map(|r| translated(&r, d)),
                _ => {
                    translated_all = false;
                    self.routed += 1;
                    self.router.route(e)
                }
            };
            if let Some(new) = slot.as_ref() {
                changed = changed.union(route_rect(new));
                if !reindex_edges {
                    for (a, b) in new.segments() {
                        self.edge_index
                            .insert(e, &geometry::grid::rect_around(a, b));
                    }
                }
            }
        }
        if reindex_edges {
            self.index_edges();
        }
        let still = moved.is_empty() && redone == 0;
        self.nest_containers(design);
        self.attach_badges(design, report);
        // Captions move with a design moved as a whole and stay where they are when no box
        // or route changed (a review arrived, a property edit), as long as their texts and
        // the badges they keep clear of are the same; otherwise they are placed again when
        // next drawn. With the capacity view on, the figures they avoid may have changed.
        let same = self.captions_placed.is_some() && self.same_caption_inputs(design);
        match (self.captions_placed, uniform) {
            (None, _) => {}
            (Some(_), Some(d)) if translated_all && same => {
                let d = Pos::new(d.x, d.y);
                for c in self.captions.iter_mut().flatten() {
                    c.rect.x += d.x;
                    c.rect.y += d.y;
                    if let Some(b) = c.badge.as_mut() {
                        b.x += d.x;
                        b.y += d.y;
                    }
                }
            }
            (Some(key), None) if still && same && !key.capacity => {}
            // A few boxes moved: only the captions of re-routed edges and those a moved box
            // now covers are placed again, around the others (a 10,000-edge design's captions
            // take ~0.3 s to place from scratch).
            (Some(key), None) if same && !key.capacity && redone * 8 <= plans.len() => {
                let moved_boxes: Vec<ModelRect> =
                    moved.iter().map(|(_, r)| to_model_rect(*r)).collect();
                for (e, plan) in plans.iter().enumerate() {
                    let covered = || {
                        self.captions
                            .get(e)
                            .and_then(Option::as_ref)
                            .is_some_and(|c| {
                                let f = c.footprint();
                                moved_boxes.iter().any(|b| geometry::grid::overlaps(b, &f))
                            })
                    };
                    if *plan != Plan::Keep || covered() {
                        self.stale_captions.push(e);
                    }
                }
            }
            _ => {
                self.captions_placed = None;
                self.captions.clear();
                self.stale_captions.clear();
            }
        }
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

    /// Whether edge `e`'s route is the plain shape between its two ends (the one chosen when
    /// no other box is in the way) and passes through no box, its ends' included: then only
    /// boxes within [`PLAIN_REACH`] of its ends (plus its lane) could change it.
    fn runs_plain_and_clear(&self, e: usize) -> bool {
        let (Some(Some((a, b))), Some(Some(route))) =
            (self.edge_ends.get(e), self.edge_routes.get(e))
        else {
            return false;
        };
        let rects = self.router.nodes().rects();
        let (Some(ra), Some(rb)) = (rects.get(*a), rects.get(*b)) else {
            return false;
        };
        let lane = self.router.lanes().get(e).copied().unwrap_or(0.0);
        if geometry::edge_route(ra, rb, lane) != *route {
            return false;
        }
        let mut hits = Vec::new();
        route.segments().all(|(p, q)| {
            self.router
                .nodes()
                .crossed_by(p, q, [usize::MAX; 2], &mut hits);
            hits.is_empty()
        })
    }

    /// Whether every box near edge `e`'s two ends (within `reach` canvas units of the box
    /// around them, where another box can change the route) moved by `d`, as the ends did;
    /// read among the boxes as the router has them now (before or after the move).
    fn neighbours_shifted(
        &self,
        e: usize,
        d: Vec2,
        shift: &[Option<Vec2>],
        reach: f32,
        tol: f32,
    ) -> bool {
        let Some((a, b)) = self.edge_ends.get(e).copied().flatten() else {
            return false;
        };
        let rects = self.router.nodes().rects();
        let (Some(ra), Some(rb)) = (rects.get(a), rects.get(b)) else {
            return false;
        };
        let around = to_egui_rect(ra).union(to_egui_rect(rb)).expand(reach);
        self.router
            .nodes()
            .in_area(&to_model_rect(around))
            .into_iter()
            .all(|k| {
                shift
                    .get(k)
                    .copied()
                    .flatten()
                    .is_some_and(|s| same_shift(s, d, tol))
            })
    }

    /// Whether every edge's caption text and badge, and every node's badge, are what the
    /// captions were placed around.
    fn same_caption_inputs(&self, design: &Design) -> bool {
        let Some(key) = self.captions_placed else {
            return false;
        };
        let (texts, node_badges) = &self.caption_inputs;
        *node_badges == self.node_badge_flags(key.show_findings)
            && *texts == self.caption_texts(design, key.show_findings)
    }

    /// Each edge's caption text and whether it shows a finding badge.
    fn caption_texts(&self, design: &Design, show_findings: bool) -> Vec<geometry::CaptionText> {
        design
            .edges
            .iter()
            .enumerate()
            .map(|(e, edge)| geometry::CaptionText {
                text: geometry::edge_caption(edge),
                badge: self.edge_has_badge(e, show_findings),
            })
            .collect()
    }

    /// Which nodes show a finding badge (none when findings are hidden).
    fn node_badge_flags(&self, show_findings: bool) -> Vec<bool> {
        self.node_badges
            .iter()
            .map(|b| show_findings && b.is_some())
            .collect()
    }

    /// Whether edge `e` shows a finding badge.
    fn edge_has_badge(&self, e: usize, show_findings: bool) -> bool {
        show_findings && self.edge_badges.get(e).is_some_and(Option::is_some)
    }

    /// Puts back the geometry kept from before the last removal when the design is that
    /// design again (the removal was undone): nothing is routed again except the edges that
    /// end at a container. Returns false, changing nothing, when it is not.
    fn restore(&mut self, design: &Design, report: &Report) -> bool {
        let fits = self.stash.as_deref().is_some_and(|s| stash_fits(s, design));
        if !fits {
            return false;
        }
        let Some(stashed) = self.stash.take() else {
            return false;
        };
        let now = self.take_geometry();
        self.put_geometry(*stashed);
        self.stash = Some(Box::new(now));
        self.builds += 1;
        self.record_change(None);
        self.node_colours = node_colours(design);
        self.container_looks = container_looks(design);
        self.container_by_id = ids_of(design.containers.iter().map(|c| c.id.as_str()));
        self.nest_containers(design);
        let mut rerouted = false;
        for e in self.router.refresh_container_ends(design) {
            if let Some(slot) = self.edge_routes.get_mut(e) {
                *slot = self.router.route(e);
                self.routed += 1;
                rerouted = true;
            }
        }
        if rerouted {
            self.index_edges();
        }
        self.captions_placed = None;
        self.captions.clear();
        self.attach_badges(design, report);
        self.bounds = self.bounds_of(design);
        self.minimap = Arc::new(self.minimap_picture(design));
        true
    }

    /// Brings the cache up to date after elements were removed or added (a delete, a paste,
    /// a placed component, the undo of one) while the nodes that stayed kept their order and
    /// their boxes: the removed geometry is dropped, and only new edges, edges whose lane
    /// changed and edges passing near a removed or added box are routed. What a removal drops
    /// is kept for its undo ([`GeometryCache::restore`]). Returns false, changing nothing,
    /// when the change is not of that kind; the caller then rebuilds.
    fn reindex(&mut self, design: &Design, report: &Report) -> bool {
        // The cached index of each node (they must keep their order and boxes).
        let mut node_new = vec![usize::MAX; self.node_rects.len()];
        let mut added_boxes = Vec::new();
        let mut last: Option<usize> = None;
        for (i, n) in design.nodes.iter().enumerate() {
            let r = to_egui_rect(&geometry::node_rect(n));
            match self.node_by_id.get(n.id.as_str()) {
                Some(&o) => {
                    if last.is_some_and(|l| o <= l) || self.node_rects.get(o) != Some(&r) {
                        return false;
                    }
                    last = Some(o);
                    node_new[o] = i;
                }
                None => added_boxes.push(r),
            }
        }
        let mut edge_old = Vec::with_capacity(design.edges.len());
        let mut last: Option<usize> = None;
        for e in &design.edges {
            let o = self.edge_by_id.get(e.id.as_str()).copied();
            if let Some(o) = o {
                if last.is_some_and(|l| o <= l) {
                    return false;
                }
                last = Some(o);
            }
            edge_old.push(o);
        }
        self.builds += 1;
        let mut changed = Rect::NOTHING;
        // Removed and added boxes: edges passing near them may take another way now.
        let removed_boxes: Vec<Rect> = node_new
            .iter()
            .zip(&self.node_rects)
            .filter(|(n, _)| **n == usize::MAX)
            .map(|(_, r)| *r)
            .collect();
        let mut near_change = vec![false; self.edge_routes.len()];
        let mut near = Vec::new();
        for r in removed_boxes.iter().chain(&added_boxes) {
            changed = changed.union(*r);
            self.edge_index.candidates(&to_model_rect(*r), &mut near);
            for &e in &near {
                if let Some(flag) = near_change.get_mut(e) {
                    *flag = true;
                }
            }
        }
        let mut kept = vec![false; self.edge_routes.len()];
        let router = Router::new(design);
        let mut routes = Vec::with_capacity(design.edges.len());
        for (e, old) in edge_old.iter().enumerate() {
            let ends = router.ends().get(e).copied().flatten();
            let keep = old.filter(|&o| {
                let same_ends = self.edge_ends.get(o).copied().flatten().map(|(a, b)| {
                    (
                        node_new.get(a).copied().unwrap_or(usize::MAX),
                        node_new.get(b).copied().unwrap_or(usize::MAX),
                    )
                });
                ends.is_some()
                    && same_ends == ends
                    && !near_change.get(o).copied().unwrap_or(true)
                    && self.router.lanes().get(o) == router.lanes().get(e)
            });
            match keep {
                Some(o) => {
                    kept[o] = true;
                    routes.push(self.edge_routes[o]);
                }
                None => {
                    self.routed += 1;
                    let route = router.route(e);
                    if let Some(r) = &route {
                        changed = changed.union(route_rect(r));
                    }
                    routes.push(route);
                }
            }
        }
        for (o, route) in self.edge_routes.iter().enumerate() {
            if let (false, Some(r)) = (kept[o], route) {
                changed = changed.union(route_rect(r));
            }
        }
        let looks = container_looks(design);
        if looks != self.container_looks {
            for (r, _) in self.container_looks.iter().chain(&looks) {
                changed = changed.union(*r);
            }
        }
        let colours = node_colours(design);
        for (o, &i) in node_new.iter().enumerate() {
            if i != usize::MAX && colours.get(i) != self.node_colours.get(o) {
                changed = changed.union(self.node_rects[o]);
            }
        }
        let worst_before: Vec<(Rect, Option<Severity>)> = node_new
            .iter()
            .enumerate()
            .filter(|(_, i)| **i != usize::MAX)
            .map(|(o, _)| {
                let worst = self.node_badges.get(o).and_then(|b| b.as_ref()?.worst);
                (self.node_rects[o], worst)
            })
            .collect();
        if self.edge_routes.len() > routes.len() || self.node_rects.len() > design.nodes.len() {
            self.stash = Some(Box::new(self.take_geometry()));
        }
        self.node_colours = colours;
        self.container_looks = looks;
        self.node_rects = design
            .nodes
            .iter()
            .map(|n| to_egui_rect(&geometry::node_rect(n)))
            .collect();
        self.index_ids(design);
        self.router = router;
        self.edge_ends = self.router.ends().to_vec();
        self.link_nodes(design.nodes.len());
        self.edge_routes = routes;
        self.index_edges();
        self.captions_placed = None;
        self.captions.clear();
        self.nest_containers(design);
        self.attach_badges(design, report);
        let survivors = node_new.iter().filter(|&&i| i != usize::MAX);
        for (&i, (r, before)) in survivors.zip(&worst_before) {
            let now = self.node_badges.get(i).and_then(|b| b.as_ref()?.worst);
            if now != *before {
                changed = changed.union(*r);
            }
        }
        self.bounds = self.bounds_of(design);
        self.minimap = Arc::new(self.minimap_picture(design));
        self.record_change(Some(changed));
        true
    }

    /// Moves the design geometry out (leaving it empty), for the stash.
    fn take_geometry(&mut self) -> Stashed {
        Stashed {
            node_rects: std::mem::take(&mut self.node_rects),
            node_by_id: std::mem::take(&mut self.node_by_id),
            edge_by_id: std::mem::take(&mut self.edge_by_id),
            edge_ends: std::mem::take(&mut self.edge_ends),
            router: std::mem::take(&mut self.router),
            edge_routes: std::mem::take(&mut self.edge_routes),
            node_edges: std::mem::take(&mut self.node_edges),
            edge_index: std::mem::replace(&mut self.edge_index, SpatialGrid::new(EDGE_CELL)),
        }
    }

    /// Puts stashed design geometry in place.
    fn put_geometry(&mut self, s: Stashed) {
        self.node_rects = s.node_rects;
        self.node_by_id = s.node_by_id;
        self.edge_by_id = s.edge_by_id;
        self.edge_ends = s.edge_ends;
        self.router = s.router;
        self.edge_routes = s.edge_routes;
        self.node_edges = s.node_edges;
        self.edge_index = s.edge_index;
    }

    /// The id lookups of nodes, edges and containers.
    fn index_ids(&mut self, design: &Design) {
        self.node_by_id = ids_of(design.nodes.iter().map(|n| n.id.as_str()));
        self.edge_by_id = ids_of(design.edges.iter().map(|e| e.id.as_str()));
        self.container_by_id = ids_of(design.containers.iter().map(|c| c.id.as_str()));
    }

    /// The edges touching each node, from `edge_ends`.
    fn link_nodes(&mut self, nodes: usize) {
        self.node_edges = vec![Vec::new(); nodes];
        for (i, ends) in self.edge_ends.iter().enumerate() {
            if let Some((a, b)) = *ends {
                self.node_edges[a].push(i);
                if b != a {
                    self.node_edges[b].push(i);
                }
            }
        }
    }

    /// The spatial index of every route's segments, made again.
    fn index_edges(&mut self) {
        self.edge_index = SpatialGrid::new(EDGE_CELL);
        for (e, route) in self.edge_routes.iter().enumerate() {
            for (a, b) in route.iter().flat_map(|r| r.segments()) {
                self.edge_index
                    .insert(e, &geometry::grid::rect_around(a, b));
            }
        }
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
        self.index_ids(design);
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
        self.link_nodes(design.nodes.len());
        self.edge_routes = self.router.routes();
        self.routed += self.edge_routes.len();
        self.index_edges();
        self.captions_placed = None;
        self.captions.clear();
    }

    /// The finding badge of every node and edge a finding of `report` points at.
    fn attach_badges(&mut self, design: &Design, report: &Report) {
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
                if let Some(&i) = self.edge_by_id.get(e.as_str()) {
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
        if design.edges.len() != self.edge_routes.len()
            || (self.captions_placed == Some(key) && self.stale_captions.is_empty())
        {
            return;
        }
        // Only the stale captions, around the others, when the rest were placed for this key.
        let partial =
            self.captions_placed == Some(key) && self.captions.len() == design.edges.len();
        let stale = std::mem::take(&mut self.stale_captions);
        let texts = self.caption_texts(design, show_findings);
        let node_badges = self.node_badge_flags(show_findings);
        let mut obstacles =
            geometry::Obstacles::of(design, |n| node_badges.get(n).copied().unwrap_or(false));
        // The capacity captions go first, clear of the nodes, the badges and each other; the
        // edge captions then keep clear of them.
        self.capacity_captions.clear();
        if let Some(est) = capacity {
            let texts: Vec<Option<String>> = (0..self.node_rects.len())
                .map(|n| est.nodes.get(n).and_then(|e| e.caption_text()))
                .collect();
            let placed = geometry::caption::place_capacity_captions(
                &self.edge_routes,
                self.router.nodes(),
                &texts,
                &obstacles,
                style.scale,
            );
            for (r, node) in placed.iter().zip(&self.node_rects) {
                obstacles.hard.extend(*r);
                self.capacity_captions
                    .push(r.map(|r| ModelRect::new(r.x - node.min.x, r.y - node.min.y, r.w, r.h)));
            }
        }
        if partial {
            let mut is_stale = vec![false; design.edges.len()];
            for &e in &stale {
                if let Some(s) = is_stale.get_mut(e) {
                    *s = true;
                }
            }
            for (c, _) in self.captions.iter().zip(&is_stale).filter(|(_, s)| !**s) {
                if let Some(c) = c {
                    obstacles.hard.push(c.footprint());
                }
            }
            // The kept captions are obstacles; only the stale ones have text to place.
            let wanted: Vec<geometry::CaptionText> = texts
                .iter()
                .zip(&is_stale)
                .map(|(t, &s)| if s { t.clone() } else { Default::default() })
                .collect();
            let placed = geometry::layout_captions(
                &self.edge_routes,
                &wanted,
                self.router.nodes(),
                &obstacles,
                style,
            );
            for ((slot, c), s) in self.captions.iter_mut().zip(placed).zip(&is_stale) {
                if *s {
                    *slot = c;
                }
            }
        } else {
            self.captions = geometry::layout_captions(
                &self.edge_routes,
                &texts,
                self.router.nodes(),
                &obstacles,
                style,
            );
        }
        self.caption_inputs = (texts, node_badges);
        self.captions_placed = Some(key);
    }

    /// Where node `n`'s capacity caption `text` is drawn at `scale` when its box is at `node`
    /// (canvas units; a box being dragged takes its caption along): where
    /// [`Self::ensure_captions`] placed it, or under the box (see
    /// [`geometry::caption::capacity_caption_rect`]) when it was not placed at that size.
    pub fn capacity_caption(&self, n: usize, node: ModelRect, text: &str, scale: f32) -> ModelRect {
        let first = geometry::caption::capacity_caption_rect(&node, text, scale);
        match self.capacity_captions.get(n).copied().flatten() {
            Some(r) if (r.w - first.w).abs() < 0.01 && (r.h - first.h).abs() < 0.01 => {
                ModelRect::new(node.x + r.x, node.y + r.y, r.w, r.h)
            }
            _ => first,
        }
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
    /// The canvas caption style at 100 % zoom.
    const CANVAS: geometry::caption::CaptionStyle = geometry::caption::CaptionStyle {
        scale: 1.0,
        shrink: false,
    };

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

    /// Asserts that `cache` has the geometry a fresh build of `design` has: boxes, routes and
    /// (when `captions`) caption places, equal up to float rounding; and that every route can
    /// be found where it runs.
    fn assert_like_fresh(cache: &mut GeometryCache, design: &Design, captions: bool, what: &str) {
        let full = fresh(design);
        assert_eq!(cache.node_rects, full.node_rects, "{what}: boxes");
        assert_eq!(cache.edge_ends, full.edge_ends, "{what}: ends");
        assert_eq!(cache.edge_routes.len(), full.edge_routes.len(), "{what}");
        let close = |a: Pos, b: Pos| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01;
        for (e, (got, want)) in cache.edge_routes.iter().zip(&full.edge_routes).enumerate() {
            match (got, want) {
                (Some(g), Some(w)) => assert!(
                    g.points().len() == w.points().len()
                        && g.points()
                            .iter()
                            .zip(w.points())
                            .all(|(a, b)| close(*a, *b)),
                    "{what}: edge {e} runs {:?}, a fresh build {:?}",
                    g.points(),
                    w.points()
                ),
                _ => assert_eq!(got, want, "{what}: edge {e}"),
            }
            if let Some(r) = want {
                let (a, b) = r.segments().next().expect("a segment");
                let mid = Pos2::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
                let near = cache.edges_in(Rect::from_center_size(mid, Vec2::splat(2.0)));
                assert!(near.contains(&e), "{what}: edge {e} is indexed");
            }
        }
        assert_eq!(cache.bounds, full.bounds, "{what}: bounds");
        assert_eq!(
            cache.node_edges, full.node_edges,
            "{what}: edges of each node"
        );
        if captions {
            let mut full = full;
            cache.ensure_captions(design, CANVAS, true, None);
            full.ensure_captions(design, CANVAS, true, None);
            assert_eq!(cache.captions.len(), full.captions.len());
            for (e, (got, want)) in cache.captions.iter().zip(&full.captions).enumerate() {
                let centre = |c: &Option<geometry::CaptionBox>| {
                    c.as_ref().map(|c| geometry::center(&c.rect))
                };
                let (got, want) = (centre(got), centre(want));
                assert!(
                    got.zip(want).map_or(got == want, |(g, w)| close(g, w)),
                    "{what}: caption {e} at {got:?}, a fresh build {want:?}"
                );
            }
        }
    }

    /// Applies `edit` to `design` and brings `cache` up to date; returns the inverse edit.
    fn apply(
        cache: &mut GeometryCache,
        design: &mut Design,
        edit: crate::model::Edit,
        revision: u64,
    ) -> crate::model::Edit {
        let undo = edit.apply(design);
        cache.refresh(design, &Report::default(), revision);
        undo
    }

    #[test]
    fn moving_everything_moves_the_routes_and_captions_without_routing_them_again() {
        let mut design = synthetic::design(300);
        let mut cache = fresh(&design);
        cache.ensure_captions(&design, CANVAS, true, None);
        let all = crate::ui::selection::Selection::all(&design);
        let before = (cache.builds, cache.routed);
        let edit = crate::ui::canvas::move_edit(&design, &all, 10.0, 0.0).expect("moves");
        let undo = apply(&mut cache, &mut design, edit, 2);
        assert_eq!(cache.routed, before.1, "no edge is routed again");
        assert!(cache.changed_since(before.0).is_some(), "not a rebuild");
        assert!(cache.captions_placed.is_some(), "the captions moved along");
        assert_like_fresh(&mut cache, &design, true, "after the move");
        // The undo of the move (exact old places) moves them back.
        apply(&mut cache, &mut design, undo, 3);
        assert_eq!(cache.routed, before.1);
        assert_like_fresh(&mut cache, &design, true, "after the undo");
    }

    #[test]
    fn captions_stay_placed_until_a_box_a_route_or_a_caption_text_changes() {
        let mut design = synthetic::design(200);
        let mut cache = fresh(&design);
        cache.ensure_captions(&design, CANVAS, true, None);
        // A new review of the same design (the revision moves on).
        cache.refresh(&design, &Report::default(), 2);
        assert!(cache.captions_placed.is_some());
        // A node property that no caption shows.
        let mut node = design.nodes[3].clone();
        node.label = "Renamed".into();
        apply(
            &mut cache,
            &mut design,
            crate::model::Edit::SetNode(node),
            3,
        );
        assert!(cache.captions_placed.is_some());
        assert_like_fresh(&mut cache, &design, true, "after a rename");
        // A caption's text.
        let mut edge = design.edges[4].clone();
        edge.label = "a much longer caption than before".into();
        apply(
            &mut cache,
            &mut design,
            crate::model::Edit::SetEdge(edge),
            4,
        );
        assert!(
            cache.captions_placed.is_none(),
            "placed again when next drawn"
        );
        assert_like_fresh(&mut cache, &design, true, "after a caption edit");
    }

    #[test]
    fn moving_part_of_a_design_routes_only_the_edges_at_its_border_and_near_it() {
        let mut design = synthetic::grid(400);
        let mut cache = fresh(&design);
        // A block of whole rows in the middle (their chain's edges inside it move along),
        // moved right of the grid, where nothing is.
        let cols = synthetic::grid_columns(400);
        let block: Vec<_> = design.nodes[4 * cols..16 * cols]
            .iter()
            .map(|n| n.id.clone())
            .collect();
        let routed = cache.routed;
        let edit = crate::model::Edit::Move {
            nodes: block.clone(),
            containers: vec![],
            dx: 6000.0,
            dy: 0.0,
        };
        let undo = apply(&mut cache, &mut design, edit, 2);
        let rerouted = cache.routed - routed;
        assert!(
            rerouted > 0 && rerouted < block.len() / 2,
            "{rerouted} edges routed again for {} moved nodes",
            block.len()
        );
        assert_like_fresh(&mut cache, &design, false, "after moving a block");
        apply(&mut cache, &mut design, undo, 3);
        assert_like_fresh(&mut cache, &design, false, "after the undo");
        // Into the middle of other nodes: edges inside the block now pass unmoved boxes.
        let edit = crate::model::Edit::Move {
            nodes: block,
            containers: vec![],
            dx: 80.0,
            dy: 100.0,
        };
        apply(&mut cache, &mut design, edit, 4);
        assert_like_fresh(&mut cache, &design, false, "after moving among other nodes");
    }

    #[test]
    fn moving_scattered_selections_gives_the_routes_of_a_fresh_build() {
        let mut design = synthetic::design(300);
        let mut cache = fresh(&design);
        for (k, (every, dx, dy)) in [
            (7, 10.0, 0.0),
            (3, -40.0, 25.0),
            (2, 160.0, 0.0),
            (5, 0.0, -90.0),
        ]
        .into_iter()
        .enumerate()
        {
            let nodes = design
                .nodes
                .iter()
                .step_by(every)
                .map(|n| n.id.clone())
                .collect();
            let edit = crate::model::Edit::Move {
                nodes,
                containers: vec![],
                dx,
                dy,
            };
            apply(&mut cache, &mut design, edit, 2 + k as u64);
            assert_like_fresh(&mut cache, &design, false, &format!("move {k}"));
        }
    }

    #[test]
    fn deleting_drops_the_removed_geometry_and_undoing_puts_it_back() {
        let mut design = synthetic::grid(400);
        let mut cache = fresh(&design);
        let first = cache.builds;
        let routed = cache.routed;
        // Delete a few nodes (and their edges) in the middle.
        let some = crate::ui::selection::Selection::of_nodes(
            design.nodes[150..160].iter().map(|n| n.id.clone()),
        );
        let undo = apply(
            &mut cache,
            &mut design,
            crate::ui::clipboard::delete_edit(&some),
            2,
        );
        assert_eq!(design.nodes.len(), 390);
        assert!(cache.changed_since(first).is_some(), "not a rebuild");
        assert!(
            cache.routed - routed < 40,
            "{} routed",
            cache.routed - routed
        );
        assert_like_fresh(&mut cache, &design, true, "after a delete");
        let routed = cache.routed;
        apply(&mut cache, &mut design, undo, 3);
        assert_eq!(cache.routed, routed, "the undo routes nothing again");
        assert_like_fresh(&mut cache, &design, true, "after its undo");

        // Everything, then its undo.
        let all = crate::ui::selection::Selection::all(&design);
        let undo = apply(
            &mut cache,
            &mut design,
            crate::ui::clipboard::delete_edit(&all),
            4,
        );
        assert!(cache.node_rects.is_empty() && cache.edge_routes.is_empty());
        assert_like_fresh(&mut cache, &design, false, "after deleting all");
        let routed = cache.routed;
        apply(&mut cache, &mut design, undo, 5);
        assert_eq!(
            cache.routed, routed,
            "undoing delete all routes nothing again"
        );
        assert_like_fresh(&mut cache, &design, true, "after undoing delete all");
    }

    #[test]
    fn adding_a_node_routes_only_its_edges_and_those_near_it() {
        let mut design = synthetic::grid(400);
        let mut cache = fresh(&design);
        let routed = cache.routed;
        let mut node = crate::model::Node::new(
            "extra",
            crate::model::NodeKind::Cache,
            crate::model::Pos::new(20.0, 70.0),
        );
        node.label = "Extra".into();
        let edge = crate::model::Edge::new(
            "extra_link",
            "box_1",
            "extra",
            crate::model::EdgeKind::Read,
            None,
        );
        let edit = crate::model::Edit::Batch(vec![
            crate::model::Edit::InsertNode { at: 0, node },
            crate::model::Edit::InsertEdge { at: 5, edge },
        ]);
        apply(&mut cache, &mut design, edit, 2);
        assert!(
            cache.routed - routed < 10,
            "{} routed",
            cache.routed - routed
        );
        assert_like_fresh(&mut cache, &design, true, "after adding a node");
    }

    #[test]
    fn an_edge_to_a_container_follows_its_node_and_its_container() {
        let mut design = synthetic::design(60);
        let node = design.nodes[5].id.clone();
        let container = design.containers[2].id.clone();
        design.edges.push(crate::model::Edge::new(
            "to_zone",
            node.as_str(),
            container.as_str(),
            crate::model::EdgeKind::Read,
            None,
        ));
        let mut cache = fresh(&design);
        for (k, edit) in [
            crate::model::Edit::Move {
                nodes: vec![node.clone()],
                containers: vec![],
                dx: -300.0,
                dy: 0.0,
            },
            crate::model::Edit::Move {
                nodes: vec![],
                containers: vec![container.clone()],
                dx: 0.0,
                dy: 500.0,
            },
        ]
        .into_iter()
        .enumerate()
        {
            apply(&mut cache, &mut design, edit, 2 + k as u64);
            assert_like_fresh(&mut cache, &design, false, &format!("move {k}"));
        }
    }
    #[test]
    fn moving_one_node_places_again_only_the_captions_near_it() {
        let mut design = synthetic::design(300);
        let mut cache = fresh(&design);
        cache.ensure_captions(&design, CANVAS, true, None);
        let before = cache.captions.clone();
        let moved = design.nodes[150].id.clone();
        apply(
            &mut cache,
            &mut design,
            crate::model::Edit::Move {
                nodes: vec![moved],
                containers: vec![],
                dx: 30.0,
                dy: 40.0,
            },
            2,
        );
        let stale = cache.stale_captions.len();
        assert!(stale > 0, "the moved node's edges are placed again");
        assert!(
            stale * 8 < design.edges.len(),
            "{stale} captions placed again"
        );
        cache.ensure_captions(&design, CANVAS, true, None);
        assert!(cache.stale_captions.is_empty());
        let kept = before
            .iter()
            .zip(&cache.captions)
            .filter(|(a, b)| a == b)
            .count();
        assert!(
            kept + stale >= design.edges.len(),
            "only the stale captions moved: {kept} kept of {}",
            design.edges.len()
        );
        // What a user sees: no placed caption covers a box or another placed caption.
        let boxes: Vec<ModelRect> = design.nodes.iter().map(geometry::node_rect).collect();
        let clear: Vec<ModelRect> = cache
            .captions
            .iter()
            .flatten()
            .filter(|c| c.clear)
            .map(|c| c.footprint())
            .collect();
        for (i, c) in clear.iter().enumerate() {
            assert!(
                !boxes.iter().any(|b| geometry::grid::overlaps(b, c)),
                "caption {c:?} covers a box"
            );
            assert!(
                !clear[i + 1..]
                    .iter()
                    .any(|d| geometry::grid::overlaps(c, d)),
                "caption {c:?} covers another"
            );
        }
    }
}
