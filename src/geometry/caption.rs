//! Edge captions placed for reading, the same on the canvas and in every export: each caption
//! is wrapped (one to three lines, never cut below a readable length), given room for its
//! edge's finding badge, and put on or just beside one of its own route's segments where it
//! covers no node box, no finding badge, no capacity caption, no container title and no other
//! caption. Candidates are scored and the cheapest kept; a spatial grid keeps the work near
//! each caption, so placing every caption costs about the number of edges times the few
//! candidates each. Where no place is free at the exports' sizes, a numbered marker stands on
//! the edge instead (the exports list the caption under the drawing).

use super::grid::{FixedGrid, MovingGrid, NodeGrid, overlaps};
use super::route::EdgeRoute;
use super::text::{CAPTION_FONT, fit_text, text_width, wrap_text};
use crate::model::{Pos, Rect};

/// Height of one line of an edge caption, in canvas units.
pub const CAPTION_LINE: f32 = CAPTION_FONT + 2.0;
/// The widest a caption line is drawn, in canvas units.
pub const MAX_CAPTION_WIDTH: f32 = 260.0;
/// A caption is never wrapped or shortened narrower than this (about a dozen characters): a
/// stub like `de…` tells the reader nothing.
pub const MIN_CAPTION_WIDTH: f32 = 90.0;
/// Most lines a caption is wrapped onto.
pub const MAX_CAPTION_LINES: usize = 3;
/// Radius of an edge's finding badge, drawn at the right end of its caption, in canvas units.
pub const EDGE_BADGE_RADIUS: f32 = 8.0;
/// Width of the slot kept beside a caption for its edge's finding badge (the badge is as tall
/// as a one-line caption).
const BADGE_SLOT: f32 = 2.0 * EDGE_BADGE_RADIUS + 3.0;
/// Radius of a node's finding badge, in canvas units.
pub const NODE_BADGE_RADIUS: f32 = 9.0;
/// Gap between a caption placed beside a segment and the segment.
const BESIDE_GAP: f32 = 3.0;
/// How far a caption placed on a segment keeps from the segment's ends (its corners, its
/// ports and its arrowhead).
const END_MARGIN: f32 = 4.0;
/// The farthest a placed caption's box is from its own route, in canvas units.
pub const MAX_CAPTION_GAP: f32 = BESIDE_GAP + 0.5;
/// Most lines a caption is wrapped onto to fit a narrow gap between two nodes.
pub const MAX_NARROW_LINES: usize = 5;
/// Cost of covering a node, a badge, a capacity caption or another caption.
const COVER_COST: f32 = 1000.0;
/// Cost of covering a container's title.
const TITLE_COST: f32 = 300.0;
/// Cost of covering an arrowhead (another edge's or its own).
const ARROW_COST: f32 = 150.0;
/// Cost of crossing another edge's line.
const CROSS_COST: f32 = 12.0;
/// Cost of each line after the first.
const LINE_COST: f32 = 8.0;
/// Cost of sitting beside a segment rather than on it.
const BESIDE_COST: f32 = 2.0;
/// Cost of a segment other than the longest.
const OTHER_SEGMENT_COST: f32 = 4.0;
/// Cost of a caption shortened with `…`.
const CUT_COST: f32 = 60.0;
/// Cost of a caption set at [`SMALL_CAPTION_FONT`].
const SHRINK_COST: f32 = 40.0;
/// Node boxes, badges and captions keep this far apart.
const CLEARANCE: f32 = 1.5;
/// A line of another edge this close to a caption counts as crossing it.
const LINE_CLEARANCE: f32 = 3.0;
/// How far past the drawing (nodes and containers) a caption may reach: within the exports'
/// margin.
pub const WITHIN_MARGIN: f32 = 24.0;
/// Side of the numbered marker that stands in for a caption with no free place (see
/// [`CaptionBox::note`]), in canvas units.
pub const NOTE_MARKER: f32 = 12.0;
/// Rounds of re-placing the captions that still cover something.
const REPAIR_ROUNDS: usize = 3;

/// An edge caption as the canvas and the exports draw it, in canvas units.
#[derive(Clone, Debug, PartialEq)]
pub struct CaptionBox {
    /// One to [`MAX_CAPTION_LINES`] lines, wrapped at spaces rather than cut.
    pub lines: Vec<String>,
    /// The caption's background box; lines are centred in it, [`CAPTION_LINE`] apart.
    pub rect: Rect,
    /// Centre of the edge's finding badge, beside the box at the end away from the edge
    /// (`None` when the edge has no badge).
    pub badge: Option<Pos>,
    /// Font size of the lines, in canvas units.
    pub font: f32,
    /// Radius of the badge, in canvas units.
    pub badge_radius: f32,
    /// Whether the caption covers nothing (no node, badge, capacity caption or other
    /// caption): the canvas draws only these and shows the others once zoomed in further.
    pub clear: bool,
    /// For a caption with no free place beside its edge at the exports' sizes: its number in
    /// the notes, shown in a [`NOTE_MARKER`] square at `rect` on the edge instead of the text
    /// (`lines` then holds the whole caption on one line, for the notes).
    pub note: Option<usize>,
}

impl CaptionBox {
    /// The box and the badge together: what other captions keep clear of.
    pub fn footprint(&self) -> Rect {
        match self.badge {
            Some(b) => {
                let r = self.badge_radius;
                let x0 = self.rect.x.min(b.x - r);
                let x1 = (self.rect.x + self.rect.w).max(b.x + r);
                let y0 = self.rect.y.min(b.y - r);
                let y1 = (self.rect.y + self.rect.h).max(b.y + r);
                Rect::new(x0, y0, x1 - x0, y1 - y0)
            }
            None => self.rect,
        }
    }

    /// Height of one line, in canvas units.
    pub fn line_height(&self) -> f32 {
        self.font + 2.0
    }

    /// Centre of line `i` (canvas units).
    pub fn line_centre(&self, i: usize) -> Pos {
        Pos::new(
            self.rect.x + self.rect.w / 2.0,
            self.rect.y + 1.0 + (i as f32 + 0.5) * self.line_height(),
        )
    }

    /// Baseline of line `i` (canvas units), for SVG text.
    pub fn baseline(&self, i: usize) -> f32 {
        self.line_centre(i).y + self.font * 0.36
    }

    /// The box (and badge) moved so the box is centred on `p`, for a route being dragged.
    pub fn centred_on(&self, p: Pos) -> Self {
        let (dx, dy) = (
            p.x - (self.rect.x + self.rect.w / 2.0),
            p.y - (self.rect.y + self.rect.h / 2.0),
        );
        Self {
            rect: Rect::new(self.rect.x + dx, self.rect.y + dy, self.rect.w, self.rect.h),
            badge: self.badge.map(|b| Pos::new(b.x + dx, b.y + dy)),
            lines: self.lines.clone(),
            ..*self
        }
    }
}

/// How big captions are drawn: the canvas enlarges them when zoomed out so they stay
/// readable, and only the exports (always at 100 %) may shrink one to fit a narrow gap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CaptionStyle {
    /// Every caption size times this ([`CAPTION_FONT`], the line height, the badge).
    pub scale: f32,
    /// Whether a caption may be set at [`SMALL_CAPTION_FONT`] where nothing else fits.
    pub shrink: bool,
}

impl CaptionStyle {
    /// The exports': 100 %, shrinking allowed.
    pub const EXPORT: Self = Self {
        scale: 1.0,
        shrink: true,
    };

    /// The canvas's at `zoom`: captions at least `min_px` screen pixels high, the scale
    /// rounded up to a tenth so a slight zoom does not place them anew; shrinking only from
    /// the zoom where [`SMALL_CAPTION_FONT`] is that high too (there the canvas places
    /// captions as the exports do).
    pub fn canvas(zoom: f32, min_px: f32) -> Self {
        let need = if zoom > 0.0 {
            min_px / (CAPTION_FONT * zoom)
        } else {
            1.0
        };
        Self {
            scale: ((need.max(1.0) * 10.0 - 1e-3).ceil() / 10.0).clamp(1.0, 4.0),
            shrink: zoom * SMALL_CAPTION_FONT >= min_px,
        }
    }
}

/// The smallest caption font, used only in the exports where a narrow gap between two nodes
/// leaves no room for [`CAPTION_FONT`].
pub const SMALL_CAPTION_FONT: f32 = 9.0;

/// What one edge's caption says and whether it carries a finding badge.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaptionText {
    /// The caption (see [`super::edge_caption`]); empty for none.
    pub text: String,
    /// Whether the edge has a finding badge, drawn at the caption's right.
    pub badge: bool,
}

/// What captions keep clear of besides node boxes (canvas units): the finding badges on node
/// corners, capacity captions, container titles.
#[derive(Clone, Debug, Default)]
pub struct Obstacles {
    /// Badges and capacity captions: never covered.
    pub hard: Vec<Rect>,
    /// Container titles: covered only when nothing else is free.
    pub titles: Vec<Rect>,
    /// Where captions stay (the drawing and a margin, so an export's frame holds them);
    /// `None` for anywhere.
    pub within: Option<Rect>,
}

impl Obstacles {
    /// The obstacles of a design: the finding badges of the nodes for which `has_badge` (given
    /// a node's index) is true, and the container titles.
    pub fn of(design: &crate::model::Design, has_badge: impl Fn(usize) -> bool) -> Self {
        let hard = design
            .nodes
            .iter()
            .enumerate()
            .filter(|&(i, _)| has_badge(i))
            .map(|(_, n)| node_badge_rect(&super::node_rect(n)))
            .collect();
        let titles = design
            .containers
            .iter()
            .filter_map(container_title_rect)
            .collect();
        let drawing = design
            .nodes
            .iter()
            .map(super::node_rect)
            .chain(design.containers.iter().map(|c| c.rect))
            .filter(|r| r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite())
            .reduce(|a, b| {
                let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
                let x1 = (a.x + a.w).max(b.x + b.w);
                let y1 = (a.y + a.h).max(b.y + b.h);
                Rect::new(x0, y0, x1 - x0, y1 - y0)
            });
        Self {
            hard,
            titles,
            within: drawing.map(|r| grow(&r, WITHIN_MARGIN)),
        }
    }
}

/// The square a node's finding badge covers: centred 2 units in from the node box's top-right
/// corner, [`NODE_BADGE_RADIUS`] and a stroke around.
pub fn node_badge_rect(node: &Rect) -> Rect {
    let r = NODE_BADGE_RADIUS + 1.0;
    let (cx, cy) = node_badge_centre(node);
    Rect::new(cx - r, cy - r, 2.0 * r, 2.0 * r)
}

/// Centre of a node's finding badge.
pub fn node_badge_centre(node: &Rect) -> (f32, f32) {
    (node.x + node.w - 2.0, node.y + 2.0)
}

/// The title a container's label band shows (label and kind), where it is drawn: from 6 units
/// in from its left, along its top; `None` for a container too small to show one.
pub fn container_title_rect(c: &crate::model::Container) -> Option<Rect> {
    let r = c.rect;
    if r.w <= 70.0 || r.h <= 20.0 {
        return None;
    }
    let size = 13.0;
    let kind = crate::model::catalog::container_info(c.kind).name;
    let w = text_width(c.display_label(), size) + size * 0.6 + text_width(kind, size * 0.85);
    Some(Rect::new(
        r.x + 6.0,
        r.y + 3.0,
        (w + 4.0).min(r.w - 12.0),
        20.0,
    ))
}

/// One wrapping of a caption: its lines, font, box size and cost.
#[derive(Clone, Debug)]
struct Variant {
    lines: Vec<String>,
    font: f32,
    w: f32,
    h: f32,
    cost: f32,
}

/// The ways a caption can be wrapped, cheapest first. One line when it fits
/// [`MAX_CAPTION_WIDTH`]; two and three even lines; and, for a narrow gap between two nodes,
/// up to [`MAX_NARROW_LINES`] lines as narrow as its longest word; then, when `style` allows,
/// the same at [`SMALL_CAPTION_FONT`].
fn variants(text: &str, style: CaptionStyle) -> Vec<Variant> {
    let mut out = wrappings(text, CAPTION_FONT * style.scale, 0.0);
    if style.shrink {
        out.extend(wrappings(
            text,
            SMALL_CAPTION_FONT * style.scale,
            SHRINK_COST,
        ));
    }
    out.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    out
}

/// The caption on one line at `size`, when it fits [`MAX_CAPTION_WIDTH`] (scaled alike).
fn one_line(text: &str, size: f32) -> Option<Variant> {
    let w = text_width(text, size);
    (w <= MAX_CAPTION_WIDTH * size / CAPTION_FONT).then(|| Variant {
        lines: vec![text.to_owned()],
        font: size,
        w: w + 6.0,
        h: size + 4.0,
        cost: 0.0,
    })
}

/// [`variants`] at one font size, each costing `extra` more.
fn wrappings(text: &str, size: f32, extra: f32) -> Vec<Variant> {
    let k = size / CAPTION_FONT;
    let max_w = MAX_CAPTION_WIDTH * k;
    let full = text_width(text, size);
    let mut out: Vec<Variant> = Vec::new();
    let push = |out: &mut Vec<Variant>, lines: Vec<String>| {
        if lines.is_empty() || out.iter().any(|v| v.lines == lines) {
            return;
        }
        let widest = lines
            .iter()
            .map(|l| text_width(l, size))
            .fold(0.0, f32::max);
        let cut = lines.last().is_some_and(|l| l.ends_with('…'));
        let h = lines.len() as f32 * (size + 2.0) + 2.0;
        let cost = extra + (lines.len() - 1) as f32 * LINE_COST + if cut { CUT_COST } else { 0.0 };
        out.push(Variant {
            lines,
            font: size,
            w: widest + 6.0,
            h,
            cost,
        });
    };
    if full <= max_w {
        push(&mut out, vec![text.to_owned()]);
    }
    let uncut = |lines: &[String], rows: usize| {
        lines.len() <= rows && !lines.iter().any(|l| l.ends_with('…'))
    };
    for rows in 2..=MAX_CAPTION_LINES {
        // A little over an even share of the text per line.
        let width = (full / rows as f32 * 1.15 + 4.0 * k).min(max_w);
        let lines = wrap_text(text, size, width, rows);
        if lines.len() == rows && uncut(&lines, rows) {
            push(&mut out, lines);
        }
    }
    // As narrow as the longest word (but no narrower than a short word or two).
    let longest = text
        .split_whitespace()
        .map(|w| text_width(w, size))
        .fold(0.0, f32::max);
    let narrow = longest.max(40.0 * k).min(max_w);
    let lines = wrap_text(text, size, narrow + 0.5, MAX_NARROW_LINES);
    if lines.len() > 1 && uncut(&lines, MAX_NARROW_LINES) {
        push(&mut out, lines);
    }
    if out.is_empty() {
        // Too long for every wrapping: three full lines, the last ending in `…`.
        push(&mut out, wrap_text(text, size, max_w, MAX_CAPTION_LINES));
    }
    if out.is_empty() {
        push(&mut out, vec![fit_text(text, size, max_w).into_owned()]);
    }
    out
}

/// One place a caption could go: its footprint's top-left and size, what it costs before
/// anything is in the way, and which wrapping it uses.
#[derive(Clone, Copy)]
struct Candidate {
    rect: Rect,
    cost: f32,
    variant: usize,
    /// Whether the edge's badge goes at the box's left (beside a vertical segment, on its
    /// left, so the text stays next to the segment).
    badge_left: bool,
}

/// The places along a route for a footprint of `w` × `h`: on each segment (when it fits
/// between the segment's ends) and beside it on both sides, at several points along it.
fn candidates(
    route: &EdgeRoute,
    w: f32,
    h: f32,
    base: f32,
    variant: usize,
    out: &mut Vec<Candidate>,
) {
    let segs: Vec<(Pos, Pos)> = route.segments().collect();
    // Seven on each segment, seven on either side, four past its ends on either side, and
    // the last resort.
    out.reserve(segs.len() * 29 + 1);
    let longest = segs.iter().map(|&(a, b)| seg_len(a, b)).fold(0.0, f32::max);
    let at = |cx: f32, cy: f32| Rect::new(cx - w / 2.0, cy - h / 2.0, w, h);
    for &(a, b) in &segs {
        let len = seg_len(a, b);
        if len < 1.0 {
            continue;
        }
        let seg_cost = base
            + if len >= longest - 0.5 {
                0.0
            } else {
                OTHER_SEGMENT_COST
            };
        let horizontal = (b.y - a.y).abs() <= (b.x - a.x).abs();
        // Along the segment: from its start to its end (a, b sorted).
        let (lo, hi) = if horizontal {
            (a.x.min(b.x), a.x.max(b.x))
        } else {
            (a.y.min(b.y), a.y.max(b.y))
        };
        let extent = if horizontal { w } else { h };
        let across_extent = if horizontal { h } else { w };
        let line = if horizontal { a.y } else { a.x };
        let mid = (lo + hi) / 2.0;
        let mut push = |along: f32, across: f32, cost: f32| {
            let (cx, cy) = if horizontal {
                (along, across)
            } else {
                (across, along)
            };
            out.push(Candidate {
                rect: at(cx, cy),
                cost,
                variant,
                // The badge at the end away from the segment, so the text stays beside it.
                badge_left: if horizontal {
                    along < mid - 0.5
                } else {
                    across < line
                },
            });
        };
        const TS: [f32; 7] = [0.5, 0.35, 0.65, 0.2, 0.8, 0.05, 0.95];
        // On the line, clear of the segment's ends.
        let (on_lo, on_hi) = (
            lo + extent / 2.0 + END_MARGIN,
            hi - extent / 2.0 - END_MARGIN,
        );
        if on_lo <= on_hi {
            for (k, t) in TS.iter().enumerate() {
                let along = on_lo + (on_hi - on_lo) * t;
                push(along, line, seg_cost + k as f32 * 0.5);
            }
        }
        // Beside it, on either side: the box's along-extent within the segment when it fits,
        // else centred on it.
        let (b_lo, b_hi) = if extent <= hi - lo {
            (lo + extent / 2.0, hi - extent / 2.0)
        } else {
            (mid, mid)
        };
        let off = across_extent / 2.0 + BESIDE_GAP;
        for (k, t) in TS.iter().enumerate() {
            let along = b_lo + (b_hi - b_lo) * t;
            let cost = seg_cost + BESIDE_COST + k as f32 * 0.5;
            push(along, line - off, cost);
            push(along, line + off, cost + 0.25);
            if b_lo == b_hi {
                break;
            }
        }
        // Beside it and past either end (round a corner, or over a short stub), still
        // alongside the segment by a few units.
        let reach = extent / 2.0 - (extent / 2.0).min(8.0);
        for along in [
            lo - reach,
            hi + reach,
            mid - extent / 2.0 + 8.0,
            mid + extent / 2.0 - 8.0,
        ] {
            let cost = seg_cost + BESIDE_COST + 5.0;
            push(along, line - off, cost);
            push(along, line + off, cost + 0.25);
        }
    }
    // Last, centred on the middle of the longest segment whatever it covers.
    let m = route.mid();
    out.push(Candidate {
        rect: at(m.x, m.y),
        cost: base + 40.0,
        variant,
        badge_left: false,
    });
}

/// Sorts candidates by their own cost, ties in the order given: as a stable sort by
/// `f32::total_cmp`, but sorting plain integer keys (the cost's bits in total order, then
/// the position), which is several times quicker for the few hundred places of a caption.
fn sort_by_cost(cands: &mut Vec<Candidate>) {
    let mut keys: Vec<u64> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // As `f32::total_cmp` orders: flip the magnitude of negatives, then the sign.
            let b = c.cost.to_bits() as i32;
            let t = b ^ ((((b >> 31) as u32) >> 1) as i32);
            (u64::from((t as u32) ^ 0x8000_0000) << 32) | i as u64
        })
        .collect();
    keys.sort_unstable();
    *cands = keys
        .iter()
        .map(|k| cands[(k & 0xffff_ffff) as usize])
        .collect();
}

/// The first place tried for a `w` × `h` footprint: centred on the middle of the route's
/// longest segment, when it fits between the segment's ends.
fn first_candidate(route: &EdgeRoute, w: f32, h: f32) -> Option<Candidate> {
    let (a, b) = route.longest_segment();
    let along = if (b.y - a.y).abs() <= (b.x - a.x).abs() {
        w
    } else {
        h
    };
    let m = route.mid();
    (seg_len(a, b) >= along + 2.0 * END_MARGIN).then(|| Candidate {
        rect: Rect::new(m.x - w / 2.0, m.y - h / 2.0, w, h),
        cost: 0.0,
        variant: 0,
        badge_left: false,
    })
}

fn seg_len(a: Pos, b: Pos) -> f32 {
    ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt()
}

fn grow(r: &Rect, d: f32) -> Rect {
    Rect::new(r.x - d, r.y - d, r.w + 2.0 * d, r.h + 2.0 * d)
}

/// Whether segment `a`–`b` (horizontal or vertical) passes through `r`.
fn crosses(r: &Rect, a: Pos, b: Pos) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    x1 > r.x && x0 < r.x + r.w && y1 > r.y && y0 < r.y + r.h
}

/// Everything captions are scored against, bucketed.
struct Scene {
    /// The node boxes.
    nodes: FixedGrid,
    /// What else a caption keeps clear of, with what covering it costs: badges and capacity
    /// captions, container titles, and each route's arrowhead (a small square at its end).
    fixed: Vec<(Rect, f32)>,
    fixed_grid: FixedGrid,
    within: Option<Rect>,
    /// Route segments with their edge.
    segs: Vec<(usize, Pos, Pos)>,
    segs_grid: FixedGrid,
    /// Each edge's placed caption footprint, bucketed by edge.
    placed: Vec<Option<Rect>>,
    placed_grid: MovingGrid,
}

/// Cell side of the scene's grids, in canvas units.
const SCENE_CELL: f32 = 64.0;

impl Scene {
    fn new(routes: &[Option<EdgeRoute>], nodes: &NodeGrid, obstacles: &Obstacles) -> Self {
        let arrows = routes.iter().flatten().map(|r| {
            let e = r.end();
            (Rect::new(e.x - 6.0, e.y - 6.0, 12.0, 12.0), ARROW_COST)
        });
        let fixed: Vec<(Rect, f32)> = obstacles
            .hard
            .iter()
            .map(|r| (grow(r, CLEARANCE), COVER_COST))
            .chain(obstacles.titles.iter().map(|r| (*r, TITLE_COST)))
            .chain(arrows)
            .collect();
        let fixed_rects: Vec<Rect> = fixed.iter().map(|(r, _)| *r).collect();
        let mut segs = Vec::new();
        let mut seg_rects = Vec::new();
        for (e, route) in routes.iter().enumerate() {
            for (a, b) in route.iter().flat_map(|r| r.segments()) {
                // A hair wider than the segment, so rounding never hides it from a query.
                seg_rects.push(grow(&super::grid::rect_around(a, b), 0.01));
                segs.push((e, a, b));
            }
        }
        let segs_grid = FixedGrid::new(&seg_rects, SCENE_CELL);
        Self {
            nodes: FixedGrid::new(nodes.rects(), SCENE_CELL),
            fixed_grid: FixedGrid::new(&fixed_rects, SCENE_CELL),
            fixed,
            within: obstacles.within,
            segs,
            placed_grid: MovingGrid::like(&segs_grid, 2),
            segs_grid,
            placed: vec![None; routes.len()],
        }
    }

    /// How many node boxes overlap `r`.
    fn nodes_under(&self, r: &Rect) -> usize {
        let mut count = 0;
        self.nodes
            .visit(r, |_, n| count += usize::from(overlaps(n, r)));
        count
    }

    /// What the fixed obstacles under `r` cost together.
    fn fixed_cost(&self, r: &Rect) -> f32 {
        let mut cost = 0.0;
        self.fixed_grid.visit(r, |i, o| {
            if overlaps(o, r) {
                cost += self.fixed[i].1;
            }
        });
        cost
    }

    /// What covering `r` costs, for edge `e`'s caption; stops counting past `limit`.
    fn cost(&mut self, e: usize, r: &Rect, limit: f32) -> f32 {
        let padded = grow(r, CLEARANCE);
        let mut cost = self.hard_cost(r);
        if cost >= limit {
            return cost;
        }
        cost += COVER_COST * self.captions_under(e, &padded) as f32;
        if cost >= limit {
            return cost;
        }
        // Other edges' lines through the box, or running just along it: counted only until
        // the total is well past the limit (past it, any total does; one line more than
        // needed keeps rounding from ever bringing it back under).
        let most = ((limit - cost) / CROSS_COST).floor().max(0.0) + 2.0;
        let most = if most < 1e9 {
            most as usize
        } else {
            usize::MAX
        };
        cost + CROSS_COST * self.lines_near(Some(e), r, most) as f32
    }

    /// What node `n`'s capacity caption at `r` costs: covering another node box (`node` is
    /// its own), a fixed obstacle, another capacity caption or leaving the drawing, and
    /// crossing edge lines.
    fn capacity_cost(&mut self, n: usize, node: &Rect, r: &Rect) -> f32 {
        let own = overlaps(node, &grow(r, CLEARANCE));
        let mut cost = self.hard_cost(r) - if own { COVER_COST } else { 0.0 };
        cost += COVER_COST * self.captions_under(n, &grow(r, CLEARANCE)) as f32;
        cost + CAPACITY_CROSS_COST * self.lines_near(None, r, usize::MAX) as f32
    }

    /// How many route segments (of edges other than `skip`) pass through `r` or run just
    /// along it, counting no further than `most`.
    fn lines_near(&self, skip: Option<usize>, r: &Rect, most: usize) -> usize {
        let near = grow(r, LINE_CLEARANCE);
        let mut crossed = 0;
        self.segs_grid.visit_until(&near, |i, _| {
            let (edge, a, b) = self.segs[i];
            crossed += usize::from(Some(edge) != skip && crosses(&near, a, b));
            crossed >= most
        });
        crossed
    }

    /// What `r` costs for what never moves: node boxes, the fixed obstacles and leaving the
    /// drawing (not captions, not edge lines).
    fn hard_cost(&self, r: &Rect) -> f32 {
        let padded = grow(r, CLEARANCE);
        let mut cost = COVER_COST * self.nodes_under(&padded) as f32;
        if self.within.is_some_and(|w| !w.contains_rect(r)) {
            cost += COVER_COST;
        }
        cost + self.fixed_cost(r)
    }

    /// Whether `r` (edge `e`'s caption) covers a node, a badge, a capacity caption or another
    /// caption.
    fn covers(&mut self, e: usize, r: &Rect) -> bool {
        self.nodes_under(r) > 0
            || {
                let mut hard = false;
                self.fixed_grid.visit(r, |i, o| {
                    hard |= self.fixed[i].1 >= COVER_COST && overlaps(o, r);
                });
                hard
            }
            || self.captions_under(e, r) > 0
    }

    /// How many captions other than edge `e`'s cover `r`.
    fn captions_under(&self, e: usize, r: &Rect) -> usize {
        let mut count = 0;
        self.placed_grid
            .visit(r, |i, p| count += usize::from(i != e && overlaps(p, r)));
        count
    }

    /// The other captions `r` (edge `e`'s) covers, ascending.
    fn captions_covered(&self, e: usize, r: &Rect, out: &mut Vec<usize>) {
        let padded = grow(r, CLEARANCE);
        out.clear();
        self.placed_grid.visit(&padded, |i, p| {
            if i != e && overlaps(p, &padded) {
                out.push(i);
            }
        });
        out.sort_unstable();
    }

    fn place(&mut self, e: usize, r: Rect) {
        self.placed_grid.insert(e, &r);
        self.placed[e] = Some(r);
    }

    fn remove(&mut self, e: usize) {
        if let Some(r) = self.placed[e].take() {
            self.placed_grid.remove(e, &r);
        }
    }
}

/// The caption of every edge, wrapped and placed for reading (parallel to `routes` and
/// `texts`; `None` for an edge with no caption or no route). Each caption is tried wrapped
/// onto one to [`MAX_CAPTION_LINES`] lines, on and beside every segment of its route, and goes
/// where it covers the least: node boxes, `obstacles`, captions placed before it (edges are
/// placed in order, so the result is deterministic), arrowheads and other edges' lines, in
/// that order of weight; among free places, one line on the middle of the longest segment is
/// preferred. A caption is always on or within [`MAX_CAPTION_GAP`] of its route. When `style`
/// allows shrinking (the exports' sizes), a caption that still covers a node, a badge, a
/// capacity caption or another caption becomes a [`NOTE_MARKER`] on its edge, numbered in edge
/// order (see [`CaptionBox::note`]), where one fits.
pub fn layout_captions(
    routes: &[Option<EdgeRoute>],
    texts: &[CaptionText],
    nodes: &NodeGrid,
    obstacles: &Obstacles,
    style: CaptionStyle,
) -> Vec<Option<CaptionBox>> {
    let mut scene = Scene::new(routes, nodes, obstacles);
    let slot_w = BADGE_SLOT * style.scale;
    // Each caption's wrappings and candidate places: at first only its one line (when it fits
    // and that is placed freely, nothing else is needed), all of them when not.
    let make = |e: usize, level: Level| -> Option<Options> {
        let (route, text) = (routes.get(e)?.as_ref()?, texts.get(e)?);
        if text.text.trim().is_empty() {
            return None;
        }
        let one_line = (level != Level::All)
            .then(|| one_line(&text.text, CAPTION_FONT * style.scale))
            .flatten();
        let slot = if text.badge { slot_w } else { 0.0 };
        let mut cands = Vec::new();
        let (variants, level) = match one_line {
            Some(v) if level == Level::First => {
                cands.extend(first_candidate(route, v.w + slot, v.h));
                (vec![v], Level::First)
            }
            Some(v) => (vec![v], Level::OneLine),
            None => (variants(&text.text, style), Level::All),
        };
        if level != Level::First {
            for (i, v) in variants.iter().enumerate() {
                candidates(route, v.w + slot, v.h, v.cost, i, &mut cands);
            }
            sort_by_cost(&mut cands);
        }
        Some(Options {
            variants,
            cands,
            level,
        })
    };
    let mut options: Vec<Option<Options>> = Vec::with_capacity(routes.len());
    let mut chosen = place(&mut scene, routes.len(), &make, &mut options);
    let mut marked = vec![false; routes.len()];
    // Where the exports' sizes leave a caption no free place, a numbered marker stands in for
    // it on its edge (the text goes in the exports' notes).
    // Twice, for a caption moved aside for a marker to a place that covers something.
    let rounds = if style.shrink { 2 } else { 0 };
    for _ in 0..rounds {
        let side = NOTE_MARKER * style.scale;
        for e in 0..chosen.len() {
            let (Some((cost, _)), Some(route), Some(text)) =
                (chosen[e], routes.get(e).copied().flatten(), texts.get(e))
            else {
                continue;
            };
            if cost < COVER_COST || marked[e] {
                continue;
            }
            let slot = if text.badge { slot_w } else { 0.0 };
            let mut cands = Vec::new();
            candidates(&route, side + slot, side, 0.0, 0, &mut cands);
            sort_by_cost(&mut cands);
            let old = chosen[e];
            scene.remove(e);
            if let Some((m_cost, m)) = choose(&mut scene, e, &cands)
                && m_cost < COVER_COST
            {
                scene.place(e, m.rect);
                chosen[e] = Some((m_cost, m));
                marked[e] = true;
                continue;
            }
            if let Some((_, c)) = old {
                scene.place(e, c.rect);
            }
            // Room for the marker where other captions stand: they move aside.
            marked[e] = true;
            if !unstick_at(
                &mut scene,
                &make,
                &mut options,
                &mut chosen,
                e,
                &cands,
                &marked,
            ) {
                marked[e] = false;
            }
        }
    }
    let mut notes = 0;
    options
        .into_iter()
        .zip(chosen)
        .zip(texts)
        .zip(marked)
        .enumerate()
        .map(|(e, (((opt, best), text), marked))| {
            let variants = opt?.variants;
            let (_, best) = best?;
            let slot = if text.badge { slot_w } else { 0.0 };
            let rect = best.rect;
            let clear = !scene.covers(e, &rect);
            let (lines, font, w, h, note) = if marked {
                notes += 1;
                let side = NOTE_MARKER * style.scale;
                let font = SMALL_CAPTION_FONT * style.scale;
                (vec![text.text.clone()], font, side, side, Some(notes))
            } else {
                let v = variants.into_iter().nth(best.variant)?;
                (v.lines, v.font, v.w, v.h, None)
            };
            let x = if best.badge_left {
                rect.x + slot
            } else {
                rect.x
            };
            let badge = text.badge.then(|| {
                let cx = if best.badge_left {
                    rect.x + slot_w / 2.0
                } else {
                    rect.x + w + slot_w / 2.0
                };
                Pos::new(cx, rect.y + h / 2.0)
            });
            Some(CaptionBox {
                lines,
                rect: Rect::new(x, rect.y, w, h),
                badge,
                font,
                // As tall as a one-line caption at most, so it stays within the room kept.
                badge_radius: (EDGE_BADGE_RADIUS * style.scale).min(h / 2.0),
                clear,
                note,
            })
        })
        .collect()
}

/// A caption's wrappings and its candidate places (cheapest first).
struct Options {
    variants: Vec<Variant>,
    cands: Vec<Candidate>,
    /// Which of them are in.
    level: Level,
}

/// How many of a caption's options are made: most captions take the first place tried, so
/// the rest are made only when it is not free.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    /// One line on the middle of the longest segment.
    First,
    /// One line, every place.
    OneLine,
    /// Every wrapping, every place.
    All,
}

/// Makes edge `e`'s [`Options`] up to a level (fewer when the caption does not fit one line).
type MakeOptions<'a> = dyn Fn(usize, Level) -> Option<Options> + 'a;

/// Each caption at its cheapest candidate, in edge order, then repaired; the options used are
/// kept in `options`.
fn place(
    scene: &mut Scene,
    edges: usize,
    make: &MakeOptions<'_>,
    options: &mut Vec<Option<Options>>,
) -> Vec<Option<(f32, Candidate)>> {
    let mut chosen: Vec<Option<(f32, Candidate)>> = Vec::with_capacity(edges);
    for e in 0..edges {
        let mut opt = make(e, Level::First);
        let mut best = None;
        if let Some(o) = &opt {
            best = choose(scene, e, &o.cands);
            // Other places could do better only where the first is not free, and another
            // wrapping only where no place of the one line is.
            if o.level == Level::First && best.is_none_or(|(cost, _)| cost > 0.0) {
                opt = make(e, Level::OneLine);
                if let Some(o) = &opt {
                    best = choose(scene, e, &o.cands);
                }
            }
            if opt.as_ref().is_some_and(|o| o.level != Level::All)
                && best.is_none_or(|(cost, _)| cost >= LINE_COST)
            {
                opt = make(e, Level::All);
                if let Some(o) = &opt {
                    best = choose(scene, e, &o.cands);
                }
            }
            if let Some((_, c)) = best {
                scene.place(e, c.rect);
            }
        }
        chosen.push(best);
        options.push(opt);
    }
    repair(scene, make, options, &mut chosen);
    unstick(scene, make, options, &mut chosen);
    chosen
}

/// Rip-up and re-place: each caption that still covers another caption, from the first, is
/// taken out with the captions it covers; it is placed again first (now free to take their
/// room), then they are, each where it covers least. A change is kept only when it lowers
/// their cost, so repair never makes the picture worse.
fn repair(
    scene: &mut Scene,
    make: &MakeOptions<'_>,
    options: &mut [Option<Options>],
    chosen: &mut [Option<(f32, Candidate)>],
) {
    let mut covered = Vec::new();
    for _ in 0..REPAIR_ROUNDS {
        // Of two captions that overlap, the later placed counted the overlap in its cost.
        let mut changed = false;
        for e in 0..chosen.len() {
            let Some((cost, c)) = chosen[e] else { continue };
            if cost < COVER_COST {
                continue;
            }
            scene.captions_covered(e, &c.rect, &mut covered);
            if covered.is_empty() {
                continue;
            }
            let group: Vec<usize> = std::iter::once(e).chain(covered.iter().copied()).collect();
            changed |= place_group_again(scene, make, options, chosen, &group, None);
        }
        if !changed {
            break;
        }
    }
}

/// Most places tried for a caption that still covers a node, a badge or a capacity caption.
const UNSTICK_TRIES: usize = 16;

/// For each caption that still covers a node, a badge or a capacity caption: see
/// [`unstick_at`], with the places along its route.
fn unstick(
    scene: &mut Scene,
    make: &MakeOptions<'_>,
    options: &mut [Option<Options>],
    chosen: &mut [Option<(f32, Candidate)>],
) {
    for e in 0..chosen.len() {
        let Some((cost, _)) = chosen[e] else { continue };
        if cost < COVER_COST {
            continue;
        }
        if options[e].as_ref().is_some_and(|o| o.level != Level::All) {
            options[e] = make(e, Level::All);
        }
        let Some(o) = &options[e] else { continue };
        let tries = o.cands.clone();
        unstick_at(scene, make, options, chosen, e, &tries, &[]);
    }
}

/// Moves caption `e` to the first of `tries` that only other captions keep it from (those
/// marked in `pinned` stay where they are): the captions in the way are taken out, `e` is put
/// there, and they are placed again around it. The first change that lowers their cost
/// together is kept; whether one was.
fn unstick_at(
    scene: &mut Scene,
    make: &MakeOptions<'_>,
    options: &mut [Option<Options>],
    chosen: &mut [Option<(f32, Candidate)>],
    e: usize,
    tries: &[Candidate],
    pinned: &[bool],
) -> bool {
    let mut under = Vec::new();
    let tries: Vec<Candidate> = tries
        .iter()
        .filter(|c| c.cost + scene.hard_cost(&c.rect) < COVER_COST)
        .take(UNSTICK_TRIES)
        .copied()
        .collect();
    for c in tries {
        scene.captions_covered(e, &c.rect, &mut under);
        if under.is_empty() || under.iter().any(|&i| pinned.get(i) == Some(&true)) {
            continue;
        }
        let group: Vec<usize> = std::iter::once(e).chain(under.iter().copied()).collect();
        if place_group_again(scene, make, options, chosen, &group, Some(c)) {
            return true;
        }
    }
    false
}

/// Takes the captions of `group` out and places them again: the first at `first` when given,
/// the others (and the first when not) each where it covers least, in order, with every
/// choice of place open to them. The change is kept, with their costs brought up to date,
/// only when it lowers what they cost together; otherwise they are put back. Whether it was
/// kept.
fn place_group_again(
    scene: &mut Scene,
    make: &MakeOptions<'_>,
    options: &mut [Option<Options>],
    chosen: &mut [Option<(f32, Candidate)>],
    group: &[usize],
    first: Option<Candidate>,
) -> bool {
    let old: Vec<Option<(f32, Candidate)>> = group.iter().map(|&i| chosen[i]).collect();
    let before = group_cost(scene, group, chosen);
    for &i in group {
        scene.remove(i);
    }
    let mut rest = group;
    if let (Some(c), Some((&e, others))) = (first, group.split_first()) {
        scene.place(e, c.rect);
        chosen[e] = Some((c.cost, c));
        rest = others;
    }
    for &i in rest {
        if options[i].as_ref().is_some_and(|o| o.level != Level::All) {
            options[i] = make(i, Level::All);
        }
        let Some(o) = &options[i] else { continue };
        chosen[i] = choose(scene, i, &o.cands);
        if let Some((_, c)) = chosen[i] {
            scene.place(i, c.rect);
        }
    }
    if group_cost(scene, group, chosen) + 0.5 < before {
        for &i in group {
            if let Some((cost, c)) = &mut chosen[i] {
                *cost = c.cost + scene.cost(i, &c.rect, f32::INFINITY);
            }
        }
        return true;
    }
    for (&i, o) in group.iter().zip(&old) {
        scene.remove(i);
        chosen[i] = *o;
        if let Some((_, c)) = o {
            scene.place(i, c.rect);
        }
    }
    false
}

/// What the captions of `group` cost where they stand, each against everything placed.
fn group_cost(scene: &mut Scene, group: &[usize], chosen: &[Option<(f32, Candidate)>]) -> f32 {
    group
        .iter()
        .filter_map(|&i| chosen[i].map(|(_, c)| c.cost + scene.cost(i, &c.rect, f32::INFINITY)))
        .sum()
}

/// The cheapest candidate: tried in order of their own cost, stopping once none left can beat
/// the best found.
fn choose(scene: &mut Scene, e: usize, cands: &[Candidate]) -> Option<(f32, Candidate)> {
    let mut best: Option<(f32, Candidate)> = None;
    for c in cands {
        let limit = best.map_or(f32::INFINITY, |b| b.0);
        if c.cost >= limit {
            break;
        }
        let total = c.cost + scene.cost(e, &c.rect, limit - c.cost);
        if total < limit {
            best = Some((total, *c));
        }
    }
    best
}

/// Where each caption of a fixed size goes (its centre), by the placement of
/// [`layout_captions`] with one wrapping per caption and no obstacles but node boxes. `sizes`
/// are the caption boxes (width, height) in canvas units, parallel to `routes`; an empty size
/// or a missing route gives `None`.
pub fn place_captions(
    routes: &[Option<EdgeRoute>],
    sizes: &[(f32, f32)],
    nodes: &NodeGrid,
) -> Vec<Option<Pos>> {
    let mut scene = Scene::new(routes, nodes, &Obstacles::default());
    // As `layout_captions`: the middle of the longest segment first, every place only when
    // that is not free.
    let make = |e: usize, level: Level| -> Option<Options> {
        let route = routes.get(e)?.as_ref()?;
        let &(w, h) = sizes.get(e)?;
        if w <= 0.0 || h <= 0.0 {
            return None;
        }
        let mut cands = Vec::new();
        if level == Level::First {
            cands.extend(first_candidate(route, w, h));
            return Some(Options {
                variants: Vec::new(),
                cands,
                level,
            });
        }
        candidates(route, w, h, 0.0, 0, &mut cands);
        sort_by_cost(&mut cands);
        Some(Options {
            variants: Vec::new(),
            cands,
            level: Level::All,
        })
    };
    let mut options = Vec::with_capacity(routes.len());
    place(
        &mut scene,
        routes.len().min(sizes.len()),
        &make,
        &mut options,
    )
    .into_iter()
    .map(|c| {
        let r = c?.1.rect;
        Some(Pos::new(r.x + r.w / 2.0, r.y + r.h / 2.0))
    })
    .collect()
}

/// Font size of the capacity pill the exports draw on a node's bottom-right corner.
pub const CAPACITY_PILL_FONT: f32 = 10.0;
/// Font size of the capacity caption the editor draws under a node, at 100 %.
pub const CAPACITY_CAPTION_FONT: f32 = 11.0;

/// The capacity pill of the exports (utilisation, see
/// [`crate::capacity::NodeEstimate::pill_text`]) on a node box `node`: right-aligned on its
/// bottom border.
pub fn capacity_pill_rect(node: &Rect, text: &str) -> Rect {
    let w = text_width(text, CAPACITY_PILL_FONT) + 8.0;
    let h = CAPACITY_PILL_FONT + 4.0;
    Rect::new(
        node.x + node.w - w - 10.0,
        node.y + node.h - h / 2.0 - 2.0,
        w,
        h,
    )
}

/// The editor's capacity caption (load, utilisation and cost, see
/// [`crate::capacity::NodeEstimate::caption_text`]) where it goes first: under a node box
/// `node`, centred. `scale` enlarges it as [`CaptionStyle::scale`] does the edge captions.
/// [`place_capacity_captions`] moves it where that covers something.
pub fn capacity_caption_rect(node: &Rect, text: &str, scale: f32) -> Rect {
    let (w, h) = capacity_caption_size(text, scale);
    Rect::new(
        node.x + (node.w - w) / 2.0,
        node.y + node.h + CAPACITY_CAPTION_GAP,
        w,
        h,
    )
}

/// The size of a capacity caption (width, height), in canvas units.
fn capacity_caption_size(text: &str, scale: f32) -> (f32, f32) {
    let size = CAPACITY_CAPTION_FONT * scale;
    (text_width(text, size) + 8.0 * scale, size + 5.0 * scale)
}

/// Gap between a node box and its capacity caption, in canvas units.
const CAPACITY_CAPTION_GAP: f32 = 4.0;

/// Cost of a capacity caption crossing an edge's line (it hides a short piece of the line:
/// less than moving the caption away from under its node, more than sliding it along).
const CAPACITY_CROSS_COST: f32 = 3.0;

/// Where each node's capacity caption goes (canvas units), parallel to `texts` (indexed like
/// the boxes of `nodes`; `None` for a node with no caption), at `scale`. First choice is
/// under the box, centred ([`capacity_caption_rect`]); where that covers another node box, a
/// finding badge, a container title or a capacity caption placed before it (nodes are placed
/// in order), or crosses edge lines, the cheapest of: under the box at either end, above it,
/// beside it on the right or the left (at its bottom, top or middle), and last straddling its
/// own bottom border. The edge captions are then placed around these (see
/// [`layout_captions`]), so the two never cover each other.
pub fn place_capacity_captions(
    routes: &[Option<EdgeRoute>],
    nodes: &NodeGrid,
    texts: &[Option<String>],
    obstacles: &Obstacles,
    scale: f32,
) -> Vec<Option<Rect>> {
    let mut scene = Scene::new(routes, nodes, obstacles);
    scene.placed = vec![None; texts.len()];
    // The canvas has room past the drawing; only the exports' frame holds edge captions in.
    scene.within = None;
    let gap = CAPACITY_CAPTION_GAP;
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let text = text.as_deref()?;
            let n = *nodes.rects().get(i)?;
            let (w, h) = capacity_caption_size(text, scale);
            let (left, centre, right) = (n.x, n.x + (n.w - w) / 2.0, n.x + n.w - w);
            let (below, above) = (n.y + n.h + gap, n.y - gap - h);
            let (east, west) = (n.x + n.w + gap, n.x - gap - w);
            let (bottom, top, middle) = (n.y + n.h - h, n.y, n.y + (n.h - h) / 2.0);
            let tries = [
                (centre, below, 0.0),
                (left, below, 1.0),
                (right, below, 1.0),
                (centre, above, 2.0),
                (left, above, 3.0),
                (right, above, 3.0),
                (east, bottom, 4.0),
                (east, top, 4.5),
                (east, middle, 5.0),
                (west, bottom, 6.0),
                (west, top, 6.5),
                (west, middle, 7.0),
                (centre, n.y + n.h - h / 2.0, 8.0),
            ];
            let mut best: Option<(f32, Rect)> = None;
            for (x, y, cost) in tries {
                let limit = best.map_or(f32::INFINITY, |b| b.0);
                if cost >= limit {
                    break;
                }
                let r = Rect::new(x, y, w, h);
                let total = cost + scene.capacity_cost(i, &n, &r);
                if total < limit {
                    best = Some((total, r));
                }
            }
            let (_, r) = best?;
            scene.place(i, r);
            Some(r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, badge: bool) -> Vec<CaptionText> {
        vec![CaptionText {
            text: text.to_owned(),
            badge,
        }]
    }

    /// Two node boxes side by side `gap` apart, and the straight route between them.
    fn pair(gap: f32) -> (NodeGrid, Vec<Option<EdgeRoute>>) {
        let a = Rect::new(0.0, 0.0, 150.0, 64.0);
        let b = Rect::new(150.0 + gap, 0.0, 150.0, 64.0);
        let route = EdgeRoute::through(&[Pos::new(150.0, 32.0), Pos::new(150.0 + gap, 32.0)]);
        (NodeGrid::new(vec![a, b]), vec![Some(route)])
    }

    fn clear_of_nodes(c: &CaptionBox, nodes: &NodeGrid) -> bool {
        nodes.rects().iter().all(|n| !overlaps(n, &c.footprint()))
    }

    #[test]
    fn a_short_caption_sits_on_the_middle_of_its_run() {
        let (nodes, routes) = pair(200.0);
        let out = layout_captions(
            &routes,
            &one("HTTPS", false),
            &nodes,
            &Obstacles::default(),
            CaptionStyle::EXPORT,
        );
        let c = out[0].as_ref().expect("placed");
        assert_eq!(c.lines, vec!["HTTPS".to_owned()]);
        assert!(c.clear);
        let centre = c.line_centre(0);
        assert!(
            (centre.x - 250.0).abs() < 0.5 && (centre.y - 32.0).abs() < 0.5,
            "{c:?}"
        );
    }

    #[test]
    fn a_long_caption_in_a_narrow_gap_wraps_instead_of_covering_the_nodes() {
        let (nodes, routes) = pair(56.0);
        let out = layout_captions(
            &routes,
            &one("routes /api/* and /{code}", false),
            &nodes,
            &Obstacles::default(),
            CaptionStyle::EXPORT,
        );
        let c = out[0].as_ref().expect("placed");
        assert!(c.lines.len() > 1, "{:?}", c.lines);
        assert!(c.clear && clear_of_nodes(c, &nodes), "{c:?}");
        assert_eq!(
            c.lines.join(" "),
            "routes /api/* and /{code}",
            "nothing cut"
        );
    }

    #[test]
    fn captions_keep_clear_of_badges_and_capacity_captions() {
        let (nodes, routes) = pair(200.0);
        // Something (a capacity caption, say) right on the middle of the run.
        let obstacles = Obstacles {
            hard: vec![Rect::new(230.0, 20.0, 40.0, 24.0)],
            ..Obstacles::default()
        };
        let out = layout_captions(
            &routes,
            &one("HTTPS", true),
            &nodes,
            &obstacles,
            CaptionStyle::EXPORT,
        );
        let c = out[0].as_ref().expect("placed");
        assert!(c.clear, "{c:?}");
        assert!(!overlaps(&c.footprint(), &obstacles.hard[0]));
        assert!(
            c.badge.is_some(),
            "the badge has its place beside the caption"
        );
        let gap = routes[0].expect("routed").distance_to(c.line_centre(0)) - c.rect.h / 2.0;
        assert!(gap <= MAX_CAPTION_GAP, "{gap}");
    }

    #[test]
    fn beside_a_vertical_run_the_badge_goes_on_the_far_side() {
        // A tall run between two rows, with a node right of it: the caption goes left.
        let nodes = NodeGrid::new(vec![
            Rect::new(0.0, 0.0, 150.0, 64.0),
            Rect::new(0.0, 300.0, 150.0, 64.0),
            Rect::new(80.0, 120.0, 150.0, 120.0),
        ]);
        let route = EdgeRoute::through(&[Pos::new(75.0, 64.0), Pos::new(75.0, 300.0)]);
        let out = layout_captions(
            &[Some(route)],
            &one("synchronous standby", true),
            &nodes,
            &Obstacles::default(),
            CaptionStyle::EXPORT,
        );
        let c = out[0].as_ref().expect("placed");
        let badge = c.badge.expect("a badge");
        assert!(c.rect.x + c.rect.w <= 75.0 - BESIDE_GAP + 0.5, "{c:?}");
        assert!(
            badge.x < c.rect.x,
            "badge left of the text, away from the run: {c:?}"
        );
    }

    #[test]
    fn the_canvas_sets_captions_larger_zoomed_out_and_shrinks_only_near_100_percent() {
        let low = CaptionStyle::canvas(0.55, 8.0);
        assert_eq!(low.scale, 1.4);
        assert!(!low.shrink);
        assert!(CAPTION_FONT * low.scale * 0.55 >= 8.0);
        let full = CaptionStyle::canvas(1.0, 8.0);
        assert_eq!(full, CaptionStyle::EXPORT);
        assert_eq!(CaptionStyle::canvas(0.75, 8.0).scale, 1.0);
    }

    #[test]
    fn wrappings_never_cut_a_caption_that_fits_three_lines() {
        let text = "pull popular curators' links when a feed opens";
        for v in variants(text, CaptionStyle::EXPORT) {
            assert!(!v.lines.iter().any(|l| l.ends_with('…')), "{:?}", v.lines);
            assert_eq!(v.lines.join(" "), text);
        }
    }

    #[test]
    fn a_capacity_caption_between_stacked_nodes_moves_beside_its_node() {
        // Two boxes stacked 16 units apart with an edge between them: under the upper box the
        // caption would cover the lower one, so it goes beside the upper box, off the edge.
        let (a, b) = (
            Rect::new(0.0, 0.0, 150.0, 64.0),
            Rect::new(0.0, 80.0, 150.0, 64.0),
        );
        let nodes = NodeGrid::new(vec![a, b]);
        let routes = vec![Some(EdgeRoute::through(&[
            Pos::new(75.0, 64.0),
            Pos::new(75.0, 80.0),
        ]))];
        let texts = vec![Some("13 q/s".to_owned()), Some("22 q/s · ~6%".to_owned())];
        let placed = place_capacity_captions(&routes, &nodes, &texts, &Obstacles::default(), 1.0);
        let (upper, lower) = (placed[0].expect("placed"), placed[1].expect("placed"));
        assert!(
            !overlaps(&upper, &b) && !overlaps(&upper, &lower),
            "{upper:?}"
        );
        assert!(upper.x >= 150.0 || upper.y + upper.h <= 0.0, "{upper:?}");
        assert_eq!(
            lower,
            capacity_caption_rect(&b, "22 q/s · ~6%", 1.0),
            "the lower box keeps its caption under it"
        );
    }

    #[test]
    fn candidates_sort_by_cost_as_a_stable_sort_does() {
        let costs = [
            3.0, 0.5, 3.0, -1.0, 0.0, -0.0, 1000.0, 0.5, 40.0, -2.5, 3.0, 12.25, 0.0,
        ];
        let mut cands: Vec<Candidate> = costs
            .iter()
            .enumerate()
            .map(|(i, &cost)| Candidate {
                rect: Rect::new(i as f32, 0.0, 1.0, 1.0),
                cost,
                variant: i,
                badge_left: false,
            })
            .collect();
        let mut want = cands.clone();
        want.sort_by(|a, b| a.cost.total_cmp(&b.cost));
        sort_by_cost(&mut cands);
        let order = |v: &[Candidate]| v.iter().map(|c| c.variant).collect::<Vec<_>>();
        assert_eq!(order(&cands), order(&want));
    }

    #[test]
    fn placement_is_deterministic() {
        let d = crate::model::synthetic::design(200);
        let router = super::super::Router::new(&d);
        let routes = router.routes();
        let texts: Vec<CaptionText> = d
            .edges
            .iter()
            .map(|e| CaptionText {
                text: super::super::edge_caption(e),
                badge: false,
            })
            .collect();
        let obstacles = Obstacles::of(&d, |_| false);
        let one = layout_captions(
            &routes,
            &texts,
            router.nodes(),
            &obstacles,
            CaptionStyle::EXPORT,
        );
        let two = layout_captions(
            &routes,
            &texts,
            router.nodes(),
            &obstacles,
            CaptionStyle::EXPORT,
        );
        assert_eq!(one, two);
    }
}
