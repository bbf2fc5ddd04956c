//! Edge routes: orthogonal connectors with rounded corners from a port on the source box to a
//! port on the target box, detouring around other node boxes where a simple detour exists.
//! Computed here once for the canvas, the SVG export and the draw.io waypoints alike.

use super::center;
use super::grid::{NodeGrid, overlaps};
use crate::model::{Design, Pos, Rect};
use std::collections::HashMap;

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

    /// The same side with x and y swapped (left ↔ top, right ↔ bottom).
    fn transposed(self) -> Side {
        match self {
            Side::Left => Side::Top,
            Side::Right => Side::Bottom,
            Side::Top => Side::Left,
            Side::Bottom => Side::Right,
        }
    }

    fn is_horizontal(self) -> bool {
        matches!(self, Side::Left | Side::Right)
    }
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
/// Most corner points a route has (start and end included).
pub const MAX_POINTS: usize = 8;
/// Radius of the rounded corners of a route.
pub const CORNER_RADIUS: f32 = 10.0;
/// How far a route runs straight out of a port before its first bend.
const STUB: f32 = 20.0;
/// Distance a detour keeps from the box it avoids.
const CLEARANCE: f32 = 16.0;
/// Cost of one bend, in canvas units of length.
const BEND_COST: f32 = 30.0;
/// Cost of leaving or entering by a side other than the facing ones.
const SIDE_COST: f32 = 40.0;
/// Routes whose plain shape crosses more boxes than this are not detoured.
const MAX_DETOUR_CROSSINGS: usize = 3;
/// Routes longer than this (about twenty node widths) are not detoured.
const MAX_DETOUR_LENGTH: f32 = 3000.0;
/// Cost of passing through one node box: more than any detour.
const CROSSING_COST: f32 = 100_000.0;

/// The route of an edge: a polyline of horizontal and vertical segments from a port on the
/// source box to a port on the target box, drawn with rounded corners (see [`EdgeRoute::path`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeRoute {
    pts: [Pos; MAX_POINTS],
    len: u8,
}

/// One piece of a route's outline, starting where the previous piece ended (the first starts
/// at [`EdgeRoute::start`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathPiece {
    /// A straight line to a point.
    Line(Pos),
    /// A rounded corner: a quadratic curve with control point `ctrl` (the sharp corner).
    Corner { ctrl: Pos, to: Pos },
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

fn same(a: Pos, b: Pos) -> bool {
    (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01
}

fn length(a: Pos, b: Pos) -> f32 {
    ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt()
}

/// Unit vector from `a` towards `b` (zero when they coincide).
fn unit(a: Pos, b: Pos) -> (f32, f32) {
    let l = length(a, b);
    if l > 0.0 {
        ((b.x - a.x) / l, (b.y - a.y) / l)
    } else {
        (0.0, 0.0)
    }
}

impl EdgeRoute {
    /// The route through `points`, dropping repeated points and merging straight runs.
    /// Points beyond [`MAX_POINTS`] are dropped except the last.
    pub fn through(points: &[Pos]) -> Self {
        let mut pts = [Pos::default(); MAX_POINTS];
        let mut len = 0usize;
        for &p in points {
            if len > 0 && same(pts[len - 1], p) {
                continue;
            }
            if len >= 2 {
                let (a, b) = (pts[len - 2], pts[len - 1]);
                let straight = ((a.x - b.x).abs() < 0.01 && (b.x - p.x).abs() < 0.01)
                    || ((a.y - b.y).abs() < 0.01 && (b.y - p.y).abs() < 0.01);
                if straight {
                    pts[len - 1] = p;
                    continue;
                }
            }
            if len == MAX_POINTS {
                pts[len - 1] = p;
            } else {
                pts[len] = p;
                len += 1;
            }
        }
        if len == 1 {
            pts[1] = pts[0];
            len = 2;
        }
        Self {
            pts,
            len: len as u8,
        }
    }

    /// The corner points, start and end included.
    pub fn points(&self) -> &[Pos] {
        &self.pts[..self.len as usize]
    }

    /// Where the route leaves the source box.
    pub fn start(&self) -> Pos {
        self.pts[0]
    }

    /// Where the route enters the target box (the arrow tip).
    pub fn end(&self) -> Pos {
        self.pts[self.len.max(1) as usize - 1]
    }

    /// The straight segments, in order.
    pub fn segments(&self) -> impl Iterator<Item = (Pos, Pos)> + '_ {
        self.points().windows(2).map(|w| (w[0], w[1]))
    }

    /// Total length of the corner polyline.
    pub fn length(&self) -> f32 {
        self.segments().map(|(a, b)| length(a, b)).sum()
    }

    /// The longest segment (the first of equals).
    pub fn longest_segment(&self) -> (Pos, Pos) {
        self.segments()
            .fold(None, |best: Option<(Pos, Pos)>, s| match best {
                Some(b) if length(b.0, b.1) >= length(s.0, s.1) => Some(b),
                _ => Some(s),
            })
            .unwrap_or((self.start(), self.end()))
    }

    /// The middle of the longest segment: where a caption goes when nothing is in the way.
    pub fn mid(&self) -> Pos {
        let (a, b) = self.longest_segment();
        Pos::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
    }

    /// A point on the last segment just before the end, for orienting the arrowhead.
    pub fn before_end(&self) -> Pos {
        let n = self.len as usize;
        let (a, b) = (self.pts[n - 2], self.pts[n - 1]);
        let (ux, uy) = unit(a, b);
        if ux == 0.0 && uy == 0.0 {
            return a;
        }
        Pos::new(b.x - ux * 10.0, b.y - uy * 10.0)
    }

    /// Shortest distance from `p` to the route (its corner polyline).
    pub fn distance_to(&self, p: Pos) -> f32 {
        self.segments()
            .map(|(a, b)| distance_to_segment(p, a, b))
            .fold(f32::INFINITY, f32::min)
    }

    /// The bounding box of the route.
    pub fn bounds(&self) -> Rect {
        let (mut x0, mut y0, mut x1, mut y1) = (
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        );
        for p in self.points() {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// The outline with corners rounded by up to [`CORNER_RADIUS`] (less on short segments).
    pub fn path(&self) -> Vec<PathPiece> {
        let pts = self.points();
        let mut out = Vec::with_capacity(2 * pts.len());
        for i in 1..pts.len() - 1 {
            let (a, b, c) = (pts[i - 1], pts[i], pts[i + 1]);
            let r = CORNER_RADIUS
                .min(length(a, b) / 2.0)
                .min(length(b, c) / 2.0);
            let (u, v) = (unit(b, a), unit(b, c));
            let p = Pos::new(b.x + u.0 * r, b.y + u.1 * r);
            let q = Pos::new(b.x + v.0 * r, b.y + v.1 * r);
            out.push(PathPiece::Line(p));
            out.push(PathPiece::Corner { ctrl: b, to: q });
        }
        out.push(PathPiece::Line(self.end()));
        out
    }

    /// The rounded outline as points, each corner drawn with `corner_steps` straight pieces.
    pub fn flatten(&self, corner_steps: usize) -> Vec<Pos> {
        let steps = corner_steps.max(1);
        let mut out = vec![self.start()];
        for piece in self.path() {
            match piece {
                PathPiece::Line(p) => {
                    if !out.last().is_some_and(|&l| same(l, p)) {
                        out.push(p);
                    }
                }
                PathPiece::Corner { ctrl, to } => {
                    let from = *out.last().unwrap_or(&ctrl);
                    for k in 1..=steps {
                        let t = k as f32 / steps as f32;
                        let u = 1.0 - t;
                        out.push(Pos::new(
                            u * u * from.x + 2.0 * u * t * ctrl.x + t * t * to.x,
                            u * u * from.y + 2.0 * u * t * ctrl.y + t * t * to.y,
                        ));
                    }
                }
            }
        }
        out
    }

    fn transposed(&self) -> Self {
        let mut r = *self;
        for p in &mut r.pts {
            *p = Pos::new(p.y, p.x);
        }
        r
    }
}

fn transpose(r: &Rect) -> Rect {
    Rect::new(r.y, r.x, r.h, r.w)
}

/// The route of an edge between two node boxes, ignoring every other box. `lane` separates
/// parallel edges between the same pair (0 for the first, then ±1, ±2…). An edge from a box to
/// itself loops out of its right side.
pub fn edge_route(from: &Rect, to: &Rect, lane: f32) -> EdgeRoute {
    route_avoiding(from, to, lane, None)
}

/// Nodes to keep clear of: the grid and the two ends' indices in it (whose boxes are passed
/// separately, possibly moved).
type Avoid<'a> = Option<(&'a NodeGrid, [usize; 2])>;

/// Scores candidate routes and keeps the cheapest.
struct Chooser<'a> {
    from: Rect,
    to: Rect,
    primary: (Side, Side),
    avoid: Avoid<'a>,
    best: Option<(f32, EdgeRoute, (Side, Side))>,
    scratch: Vec<usize>,
    /// Boxes the best route so far passes through.
    best_hits: Vec<usize>,
    /// A buffer to reuse for the next candidate's hits.
    spare_hits: Vec<usize>,
}

impl Chooser<'_> {
    /// Boxes the route passes through (grid indices; `usize::MAX` for the two ends).
    fn hits(&mut self, route: &EdgeRoute, out: &mut Vec<usize>) {
        out.clear();
        for (a, b) in route.segments() {
            let seg = super::grid::rect_around(a, b);
            let seg = Rect::new(seg.x - 0.01, seg.y - 0.01, seg.w + 0.02, seg.h + 0.02);
            for end in [self.from, self.to] {
                if overlaps(
                    &seg,
                    &Rect::new(end.x + 1.0, end.y + 1.0, end.w - 2.0, end.h - 2.0),
                ) {
                    out.push(usize::MAX);
                }
            }
            if let Some((grid, skip)) = self.avoid {
                grid.crossed_by(a, b, skip, &mut self.scratch);
                out.extend_from_slice(&self.scratch);
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Scores a candidate leaving and entering by `sides`.
    fn offer(&mut self, route: EdgeRoute, sides: (Side, Side)) {
        // A route must run out of its start side and into its end side.
        let pts = route.points();
        let first = unit(pts[0], pts[1]);
        let n = pts.len();
        let last = unit(pts[n - 2], pts[n - 1]);
        let (o, i) = (sides.0.outward(), sides.1.outward());
        let along =
            |u: (f32, f32), v: (f32, f32)| (u.0 - v.0).abs() < 1e-3 && (u.1 - v.1).abs() < 1e-3;
        if !along(first, o) || !along(last, (-i.0, -i.1)) {
            return;
        }
        let mut hits = std::mem::take(&mut self.spare_hits);
        self.hits(&route, &mut hits);
        let bends = (pts.len() - 2) as f32;
        let cost = hits.len() as f32 * CROSSING_COST
            + route.length()
            + bends * BEND_COST
            + if sides == self.primary {
                0.0
            } else {
                SIDE_COST
            };
        if self.best.as_ref().is_none_or(|(c, _, _)| cost < *c) {
            self.best = Some((cost, route, sides));
            hits = std::mem::replace(&mut self.best_hits, hits);
        }
        self.spare_hits = hits;
    }

    fn crossings(&self) -> usize {
        self.best_hits.len()
    }
}

/// Candidate routes between the facing sides of `from` and `to`, assuming those sides are
/// left/right (the caller transposes for top/bottom). `ys` are extra heights for a channel
/// route, `xs` extra positions for the vertical run of a Z route.
fn horizontal_candidates(
    from: &Rect,
    to: &Rect,
    sides: (Side, Side),
    lane: f32,
    xs: &[f32],
    ys: &[f32],
    out: &mut Vec<EdgeRoute>,
) {
    let offset = lane * LANE_SPACING;
    let s = port(from, sides.0, offset);
    let e = port(to, sides.1, offset);
    let sx = sides.0.outward().0;
    let gap = (e.x - s.x) * sx;
    if gap > 2.0 {
        if (s.y - e.y).abs() < 0.01 {
            out.push(EdgeRoute::through(&[s, e]));
        }
        let stub = STUB.min(gap / 2.0);
        let (lo, hi) = if sx > 0.0 {
            (s.x + stub, e.x - stub)
        } else {
            (e.x + stub, s.x - stub)
        };
        let turn = if e.y >= s.y { 1.0 } else { -1.0 };
        let mid = ((s.x + e.x) / 2.0 - lane * LANE_SPACING * turn * sx).clamp(lo, hi);
        for &m in std::iter::once(&mid).chain(xs) {
            if m >= lo && m <= hi {
                out.push(EdgeRoute::through(&[
                    s,
                    Pos::new(m, s.y),
                    Pos::new(m, e.y),
                    e,
                ]));
            }
        }
    }
    // Channel routes: out of the start side, along a horizontal channel, into the end side.
    let (x1, x2) = (s.x + sx * STUB, e.x - sx * STUB);
    let channel = |y: f32| {
        EdgeRoute::through(&[
            s,
            Pos::new(x1, s.y),
            Pos::new(x1, y),
            Pos::new(x2, y),
            Pos::new(x2, e.y),
            e,
        ])
    };
    if gap <= 2.0 {
        let above = from.y.min(to.y) - CLEARANCE + offset;
        let below = (from.y + from.h).max(to.y + to.h) + CLEARANCE + offset;
        out.push(channel(above));
        out.push(channel(below));
    }
    for &y in ys {
        out.push(channel(y + offset));
    }
}

/// Candidates leaving and entering by `sides` (any orientation): transposes top/bottom cases
/// into left/right, and `obstacles` (boxes in the way) give the detour positions.
fn candidates(
    from: &Rect,
    to: &Rect,
    sides: (Side, Side),
    lane: f32,
    obstacles: &[Rect],
    out: &mut Vec<EdgeRoute>,
) {
    let flip = !sides.0.is_horizontal();
    let (f, t, obs): (Rect, Rect, Vec<Rect>) = if flip {
        (
            transpose(from),
            transpose(to),
            obstacles.iter().map(transpose).collect(),
        )
    } else {
        (*from, *to, obstacles.to_vec())
    };
    let s = if flip {
        (sides.0.transposed(), sides.1.transposed())
    } else {
        sides
    };
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for o in &obs {
        xs.extend([o.x - CLEARANCE, o.x + o.w + CLEARANCE]);
        ys.extend([o.y - CLEARANCE, o.y + o.h + CLEARANCE]);
    }
    let start = out.len();
    horizontal_candidates(&f, &t, s, lane, &xs, &ys, out);
    if flip {
        for r in &mut out[start..] {
            *r = r.transposed();
        }
    }
}

/// One-bend routes: out of a facing side and into a perpendicular one, or the reverse.
fn l_candidates(from: &Rect, to: &Rect, lane: f32, out: &mut Vec<(EdgeRoute, (Side, Side))>) {
    let (a, b) = (center(from), center(to));
    let h = if b.x >= a.x { Side::Right } else { Side::Left };
    let h_in = if b.x >= a.x { Side::Left } else { Side::Right };
    let v = if b.y >= a.y { Side::Bottom } else { Side::Top };
    let v_in = if b.y >= a.y { Side::Top } else { Side::Bottom };
    let offset = lane * LANE_SPACING;
    for (s_side, e_side) in [(h, v_in), (v, h_in)] {
        let s = port(from, s_side, offset);
        let e = port(to, e_side, offset);
        let corner = if s_side.is_horizontal() {
            Pos::new(e.x, s.y)
        } else {
            Pos::new(s.x, e.y)
        };
        let stub_ok = length(s, corner) >= STUB && length(corner, e) >= STUB;
        if stub_ok {
            out.push((EdgeRoute::through(&[s, corner, e]), (s_side, e_side)));
        }
    }
}

fn self_loop(r: &Rect) -> EdgeRoute {
    let s = Pos::new(r.x + r.w, r.y + r.h * 0.3);
    let e = Pos::new(r.x + r.w, r.y + r.h * 0.7);
    EdgeRoute::through(&[s, Pos::new(s.x + 30.0, s.y), Pos::new(s.x + 30.0, e.y), e])
}

/// The route from `from` to `to`, passing through as few boxes of `avoid` as a simple detour
/// allows: the facing sides joined straight or with a Z; when that crosses boxes, Z runs
/// beside them, channels above or below them, and L-shaped routes, in two rounds.
fn route_avoiding(from: &Rect, to: &Rect, lane: f32, avoid: Avoid<'_>) -> EdgeRoute {
    if from == to {
        return self_loop(from);
    }
    let primary = route_sides(from, to);
    let from_port = port(from, primary.0, lane * LANE_SPACING);
    let to_port = port(to, primary.1, lane * LANE_SPACING);
    let mut chooser = Chooser {
        from: *from,
        to: *to,
        primary,
        avoid,
        best: None,
        scratch: Vec::new(),
        best_hits: Vec::new(),
        spare_hits: Vec::new(),
    };
    let mut pool = Vec::new();
    candidates(from, to, primary, lane, &[], &mut pool);
    for r in pool.drain(..) {
        chooser.offer(r, primary);
    }
    // A route through more boxes than a simple detour can clear, or a very long one (across
    // a big design), keeps its plain shape: searching would cost much and win little.
    let long = chooser
        .best
        .as_ref()
        .is_some_and(|(_, r, _)| r.length() > MAX_DETOUR_LENGTH);
    if chooser.crossings() > MAX_DETOUR_CROSSINGS || long {
        return chooser
            .best
            .map_or_else(|| EdgeRoute::through(&[from_port, to_port]), |b| b.1);
    }
    if let Some((grid, _)) = avoid {
        for _round in 0..2 {
            if chooser.crossings() == 0 {
                break;
            }
            let obstacles: Vec<Rect> = chooser
                .best_hits
                .iter()
                .map(|&i| {
                    if i == usize::MAX {
                        // One of the ends is in the way: go around both.
                        let (x0, y0) = (from.x.min(to.x), from.y.min(to.y));
                        let x1 = (from.x + from.w).max(to.x + to.w);
                        let y1 = (from.y + from.h).max(to.y + to.h);
                        Rect::new(x0, y0, x1 - x0, y1 - y0)
                    } else {
                        grid.rects()[i]
                    }
                })
                .take(6)
                .collect();
            candidates(from, to, primary, lane, &obstacles, &mut pool);
            for r in pool.drain(..) {
                chooser.offer(r, primary);
            }
            let mut ls = Vec::new();
            l_candidates(from, to, lane, &mut ls);
            for (r, sides) in ls {
                chooser.offer(r, sides);
            }
        }
    }
    match chooser.best {
        Some((_, r, _)) => r,
        // No candidate fits (degenerate boxes): a straight line between the facing ports.
        None => EdgeRoute::through(&[from_port, to_port]),
    }
}

/// Lane of each parallel edge: the `i`-th of `count` edges between the same two nodes gets a
/// lane centred on 0 (`count` 1 → 0; 2 → -0.5, 0.5; 3 → -1, 0, 1).
pub fn lane(i: usize, count: usize) -> f32 {
    i as f32 - (count.saturating_sub(1)) as f32 / 2.0
}

/// The lane of each edge given its two end nodes: edges joining the same unordered pair spread
/// apart (see [`lane`]); reverse-direction edges are mirrored so their lanes stay apart. Edges
/// with a missing end get lane 0.
pub fn lanes_of(ends: &[Option<(usize, usize)>]) -> Vec<f32> {
    let mut pairs: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, end) in ends.iter().enumerate() {
        if let Some((a, b)) = *end {
            pairs.entry((a.min(b), a.max(b))).or_default().push(i);
        }
    }
    let mut lanes = vec![0.0; ends.len()];
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

/// The source and target node index of each edge of `design` (`None` when an end is missing).
/// With duplicate node ids, the last node of that id wins.
pub fn edge_ends(design: &Design) -> Vec<Option<(usize, usize)>> {
    let index: HashMap<&str, usize> = design
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    design
        .edges
        .iter()
        .map(|e| Some((*index.get(e.from.as_str())?, *index.get(e.to.as_str())?)))
        .collect()
}

/// The end boxes of every edge that ends at a container (see [`Router`]); `None` for the
/// others. Built only when some edge has an end that is not a node, so designs without such
/// edges pay one pass over the edges.
fn container_edge_boxes(
    design: &Design,
    ends: &[Option<(usize, usize)>],
    node_rects: &[Rect],
) -> Vec<Option<(Rect, Rect, [usize; 2])>> {
    if ends.iter().all(Option::is_some) {
        return Vec::new();
    }
    let nodes: HashMap<&str, usize> = design
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let containers: HashMap<&str, Rect> = design
        .containers
        .iter()
        .map(|c| (c.id.as_str(), c.rect))
        .collect();
    let end = |id: &str| -> Option<(Rect, usize)> {
        match nodes.get(id) {
            Some(&i) => node_rects.get(i).map(|r| (*r, i)),
            None => containers.get(id).map(|r| (*r, usize::MAX)),
        }
    };
    design
        .edges
        .iter()
        .zip(ends)
        .map(|(e, ends)| {
            if ends.is_some() {
                return None;
            }
            let (a, ia) = end(e.from.as_str())?;
            let (b, ib) = end(e.to.as_str())?;
            Some((a, b, [ia, ib]))
        })
        .collect()
}

/// The lane of every edge of `design` (parallel to `design.edges`), see [`lanes_of`].
pub fn edge_lanes(design: &Design) -> Vec<f32> {
    lanes_of(&edge_ends(design))
}

/// Routes the edges of one design around its node boxes. Build once per design revision;
/// routing all edges costs about the number of edges times the boxes near each.
#[derive(Clone, Debug, Default)]
pub struct Router {
    nodes: NodeGrid,
    ends: Vec<Option<(usize, usize)>>,
    lanes: Vec<f32>,
    /// For an edge with an end at a container ("any member"), the boxes of its two ends (a
    /// container's rectangle, or a node's box) and the node numbers to skip as obstacles
    /// (`usize::MAX` for a container end); `None` for other edges.
    box_ends: Vec<Option<(Rect, Rect, [usize; 2])>>,
}

impl Router {
    /// Indexes the node boxes and edge ends of `design`.
    pub fn new(design: &Design) -> Self {
        let nodes = NodeGrid::new(design.nodes.iter().map(super::node_rect).collect());
        let ends = edge_ends(design);
        let lanes = lanes_of(&ends);
        let box_ends = container_edge_boxes(design, &ends, nodes.rects());
        Self {
            nodes,
            ends,
            lanes,
            box_ends,
        }
    }

    /// The node boxes, indexed like `design.nodes`.
    pub fn nodes(&self) -> &NodeGrid {
        &self.nodes
    }

    /// Moves node `i`'s box to `r`, keeping everything else; the caller re-routes the edges
    /// that may change (those of the node and those passing near its old or new box).
    pub fn move_node(&mut self, i: usize, r: Rect) {
        self.nodes.set(i, r);
    }

    /// Moves many boxes at once (`(node, new box)`, as [`Router::move_node`]); when most boxes
    /// move, the grid is made again, which is cheaper than moving them one by one.
    pub fn move_nodes(&mut self, moved: &[(usize, Rect)]) {
        if moved.len() * 4 < self.nodes.rects().len() {
            for &(i, r) in moved {
                self.nodes.set(i, r);
            }
            return;
        }
        let mut rects = self.nodes.rects().to_vec();
        for &(i, r) in moved {
            if let Some(slot) = rects.get_mut(i) {
                *slot = r;
            }
        }
        self.nodes = NodeGrid::new(rects);
    }

    /// Takes the end boxes of the edges that end at a container from `design` again (after
    /// containers or nodes moved: [`Router::move_node`] does not change them); returns the
    /// edges whose end boxes changed, ascending. One pass over the edges when none ends at a
    /// container.
    pub fn refresh_container_ends(&mut self, design: &Design) -> Vec<usize> {
        let boxes = container_edge_boxes(design, &self.ends, self.nodes.rects());
        let at = |v: &[Option<(Rect, Rect, [usize; 2])>], e: usize| v.get(e).copied().flatten();
        let changed = (0..boxes.len().max(self.box_ends.len()))
            .filter(|&e| at(&boxes, e) != at(&self.box_ends, e))
            .collect();
        self.box_ends = boxes;
        changed
    }

    /// Source and target node of each edge.
    pub fn ends(&self) -> &[Option<(usize, usize)>] {
        &self.ends
    }

    /// Lane of each edge among edges joining the same pair.
    pub fn lanes(&self) -> &[f32] {
        &self.lanes
    }

    /// The route of edge `e` (`None` when an end is missing).
    pub fn route(&self, e: usize) -> Option<EdgeRoute> {
        self.route_moved(e, |_| false, 0.0, 0.0)
    }

    /// The route of edge `e` with the nodes for which `moved` is true shifted by (`dx`, `dy`)
    /// (a drag preview; the other boxes stay where they are).
    pub fn route_moved(
        &self,
        e: usize,
        moved: impl Fn(usize) -> bool,
        dx: f32,
        dy: f32,
    ) -> Option<EdgeRoute> {
        let Some((a, b)) = self.ends.get(e).copied().flatten() else {
            // An edge with an end at a container runs to the container's border.
            let (from, to, skip) = self.box_ends.get(e).copied().flatten()?;
            return Some(route_avoiding(&from, &to, 0.0, Some((&self.nodes, skip))));
        };
        let rect = |i: usize| {
            let r = self.nodes.rects()[i];
            if moved(i) {
                Rect::new(r.x + dx, r.y + dy, r.w, r.h)
            } else {
                r
            }
        };
        Some(route_avoiding(
            &rect(a),
            &rect(b),
            self.lanes.get(e).copied().unwrap_or(0.0),
            Some((&self.nodes, [a, b])),
        ))
    }

    /// The route of every edge, parallel to `design.edges`.
    pub fn routes(&self) -> Vec<Option<EdgeRoute>> {
        (0..self.ends.len()).map(|e| self.route(e)).collect()
    }
}
