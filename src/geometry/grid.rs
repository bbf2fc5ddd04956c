//! Bucket grids over canvas rectangles, so "what is near here" costs the few items in the
//! nearby cells rather than a pass over the whole design: node boxes for edge routing, culling
//! and hit-testing, edge segments and containers for hover (hashed cells, [`SpatialGrid`]);
//! and for placing captions, dense cells over the drawing for what stays put ([`FixedGrid`])
//! and for the captions placed so far ([`MovingGrid`]).

use crate::model::{Pos, Rect};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hasher for cell coordinates (multiply-rotate, as in rustc's FxHash). The grids
/// hash millions of cell keys per rebuild of a big design; the default SipHash is several
/// times slower, and its protection against crafted keys buys nothing here.
#[derive(Clone, Copy, Default)]
struct CellHasher(u64);

impl Hasher for CellHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_i32(&mut self, i: i32) {
        self.write_u64(u64::from(i as u32));
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type CellMap = HashMap<(i32, i32), Vec<u32>, BuildHasherDefault<CellHasher>>;

/// A rectangle spanning more cells than this is kept in an "always check" list instead of the
/// cells, so a huge (or hostile) rectangle cannot blow up the grid.
const MAX_CELLS_PER_ITEM: i64 = 4096;

/// `v` rounded down, as `v.floor() as i32` but without a call into the maths library (the
/// grids round two coordinates per item visited). `as` saturates and maps NaN to 0, so odd
/// coordinates land in some cell.
fn floor_to_i32(v: f32) -> i32 {
    let i = v as i32;
    if (i as f32) > v {
        i.saturating_sub(1)
    } else {
        i
    }
}

/// Items (numbered by the caller) bucketed by the grid cells their rectangles touch.
#[derive(Clone, Debug)]
pub struct SpatialGrid {
    cell: f32,
    cells: CellMap,
    /// Items too big for the cells: visited by every query.
    oversized: Vec<u32>,
}

impl SpatialGrid {
    /// An empty grid with square cells of side `cell` canvas units.
    pub fn new(cell: f32) -> Self {
        Self {
            cell: cell.max(1.0),
            cells: CellMap::default(),
            oversized: Vec::new(),
        }
    }

    fn cell_of(&self, x: f32, y: f32) -> (i32, i32) {
        (floor_to_i32(x / self.cell), floor_to_i32(y / self.cell))
    }

    fn span(&self, r: &Rect) -> ((i32, i32), (i32, i32), i64) {
        let a = self.cell_of(r.x, r.y);
        let b = self.cell_of(r.x + r.w.max(0.0), r.y + r.h.max(0.0));
        let n = (i64::from(b.0) - i64::from(a.0) + 1) * (i64::from(b.1) - i64::from(a.1) + 1);
        (a, b, n)
    }

    /// Adds item `id` covering `r`.
    pub fn insert(&mut self, id: usize, r: &Rect) {
        let (a, b, n) = self.span(r);
        if n > MAX_CELLS_PER_ITEM {
            self.oversized.push(id as u32);
            return;
        }
        for x in a.0..=b.0 {
            for y in a.1..=b.1 {
                self.cells.entry((x, y)).or_default().push(id as u32);
            }
        }
    }

    /// Removes item `id`, inserted earlier covering `r` (the same rectangle).
    pub fn remove(&mut self, id: usize, r: &Rect) {
        let id = id as u32;
        let (a, b, n) = self.span(r);
        if n > MAX_CELLS_PER_ITEM {
            self.oversized.retain(|&i| i != id);
            return;
        }
        for x in a.0..=b.0 {
            for y in a.1..=b.1 {
                if let Some(v) = self.cells.get_mut(&(x, y)) {
                    v.retain(|&i| i != id);
                    if v.is_empty() {
                        self.cells.remove(&(x, y));
                    }
                }
            }
        }
    }

    /// Items whose rectangles may touch `area`, each once, in ascending order. The caller
    /// checks the exact geometry.
    pub fn candidates(&self, area: &Rect, out: &mut Vec<usize>) {
        out.clear();
        let (a, b, n) = self.span(area);
        out.extend(self.oversized.iter().map(|&i| i as usize));
        if n > self.cells.len() as i64 {
            // Looking at (almost) everything: walking the occupied cells is cheaper.
            for v in self.cells.values() {
                out.extend(v.iter().map(|&i| i as usize));
            }
        } else {
            for x in a.0..=b.0 {
                for y in a.1..=b.1 {
                    if let Some(v) = self.cells.get(&(x, y)) {
                        out.extend(v.iter().map(|&i| i as usize));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

impl SpatialGrid {
    /// Calls `f` once with each item that may touch `area`, in no set order, without
    /// gathering or sorting them: an item in several cells is reported only from the cell
    /// holding the top-left corner of its overlap with `area`. `rect_of` gives each item's
    /// rectangle as inserted. The caller checks the exact geometry.
    pub fn visit(&self, area: &Rect, rect_of: impl Fn(usize) -> Rect, mut f: impl FnMut(usize)) {
        for &i in &self.oversized {
            f(i as usize);
        }
        let (a, b, n) = self.span(area);
        let mut report = |key: (i32, i32), v: &[u32]| {
            for &i in v {
                let i = i as usize;
                let r = rect_of(i);
                if self.cell_of(r.x.max(area.x), r.y.max(area.y)) == key {
                    f(i);
                }
            }
        };
        if n > self.cells.len() as i64 {
            for (&key, v) in &self.cells {
                report(key, v);
            }
        } else {
            for x in a.0..=b.0 {
                for y in a.1..=b.1 {
                    if let Some(v) = self.cells.get(&(x, y)) {
                        report((x, y), v);
                    }
                }
            }
        }
    }
}

/// Whether two rectangles overlap with positive area (touching edges do not count).
pub fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// The bounding rectangle of two points.
pub fn rect_around(a: Pos, b: Pos) -> Rect {
    Rect::new(
        a.x.min(b.x),
        a.y.min(b.y),
        (a.x - b.x).abs(),
        (a.y - b.y).abs(),
    )
}

/// Most cells a [`FixedGrid`] has; over a wider drawing its cells grow.
const FIXED_MAX_CELLS: f32 = 1_048_576.0;

/// A rectangle of a [`FixedGrid`] spanning more cells than this is checked by every query.
const FIXED_MAX_SPAN: usize = 4096;

/// Rectangles that do not move once indexed (node boxes, route segments, obstacles), in a
/// dense array of cells over their bounds: a query reads the few cells it covers from one
/// flat list, with each entry's rectangle beside its id, so "what is near here" costs no
/// hashing and no lookup elsewhere. Quicker to query than a [`SpatialGrid`], which suits
/// items that come and go.
#[derive(Clone, Debug, Default)]
pub struct FixedGrid {
    x0: f32,
    y0: f32,
    /// Cells per canvas unit.
    inv: f32,
    cols: usize,
    rows: usize,
    /// Where each cell's entries start in `entries` (one more than there are cells).
    starts: Vec<u32>,
    /// Each entry: the item's rectangle, its id, and the column and row of its first cell
    /// (an item in several cells is reported from one only).
    entries: Vec<(Rect, u32, u32, u32)>,
    /// Items too big (or too odd) for the cells: checked by every query.
    oversized: Vec<(Rect, u32)>,
}

impl FixedGrid {
    /// Indexes `rects` (item `i` is `rects[i]`) in cells of about `cell` canvas units.
    pub fn new(rects: &[Rect], cell: f32) -> Self {
        let finite =
            |r: &&Rect| r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite();
        let Some((x0, y0, x1, y1)) = rects.iter().filter(finite).fold(None, |acc, r| {
            let (a, b, c, d) = (r.x, r.y, r.x + r.w.max(0.0), r.y + r.h.max(0.0));
            Some(match acc {
                None => (a, b, c, d),
                Some((x0, y0, x1, y1)) => (a.min(x0), b.min(y0), c.max(x1), d.max(y1)),
            })
        }) else {
            return Self {
                oversized: rects
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (*r, i as u32))
                    .collect(),
                ..Self::default()
            };
        };
        let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
        let mut cell = cell.max(1.0);
        if (w / cell) * (h / cell) > FIXED_MAX_CELLS {
            cell = (w * h / FIXED_MAX_CELLS).sqrt();
        }
        let inv = 1.0 / cell;
        let cols = ((w * inv) as usize + 1).max(1);
        let rows = ((h * inv) as usize + 1).max(1);
        let mut grid = Self {
            x0,
            y0,
            inv,
            cols,
            rows,
            ..Self::default()
        };
        // Count, then fill each cell's slice.
        let mut counts = vec![0u32; cols * rows + 1];
        let mut spans = Vec::with_capacity(rects.len());
        for (i, r) in rects.iter().enumerate() {
            let (c0, c1, r0, r1) = grid.span(r);
            if !finite(&r) || (c1 - c0 + 1) * (r1 - r0 + 1) > FIXED_MAX_SPAN {
                grid.oversized.push((*r, i as u32));
                spans.push(None);
                continue;
            }
            for row in r0..=r1 {
                for col in c0..=c1 {
                    counts[row * cols + col] += 1;
                }
            }
            spans.push(Some((c0, c1, r0, r1)));
        }
        let mut starts = Vec::with_capacity(counts.len());
        let mut total = 0u32;
        for c in &counts {
            starts.push(total);
            total += c;
        }
        let mut next = starts.clone();
        let mut entries = vec![(Rect::new(0.0, 0.0, 0.0, 0.0), 0, 0, 0); total as usize];
        for (i, (r, span)) in rects.iter().zip(&spans).enumerate() {
            let Some((c0, c1, r0, r1)) = *span else {
                continue;
            };
            for row in r0..=r1 {
                for col in c0..=c1 {
                    let k = &mut next[row * cols + col];
                    entries[*k as usize] = (*r, i as u32, c0 as u32, r0 as u32);
                    *k += 1;
                }
            }
        }
        grid.starts = starts;
        grid.entries = entries;
        grid
    }

    /// The column and row of a point, clamped to the grid.
    fn cell_of(&self, x: f32, y: f32) -> (usize, usize) {
        // `as` saturates (and maps NaN to 0); the clamp keeps odd points in the grid.
        let col = (((x - self.x0) * self.inv) as i64).clamp(0, self.cols as i64 - 1);
        let row = (((y - self.y0) * self.inv) as i64).clamp(0, self.rows as i64 - 1);
        (col as usize, row as usize)
    }

    /// First and last column and row `r` covers.
    fn span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let (c0, r0) = self.cell_of(r.x, r.y);
        let (c1, r1) = self.cell_of(r.x + r.w.max(0.0), r.y + r.h.max(0.0));
        (c0, c1.max(c0), r0, r1.max(r0))
    }

    /// Calls `f` once with each item whose rectangle touches `area` (edges touching count),
    /// with that rectangle, in no set order. The caller checks the exact geometry it needs.
    pub fn visit(&self, area: &Rect, mut f: impl FnMut(usize, &Rect)) {
        self.visit_until(area, |i, r| {
            f(i, r);
            false
        });
    }

    /// [`Self::visit`], stopping once `f` returns true.
    pub fn visit_until(&self, area: &Rect, mut f: impl FnMut(usize, &Rect) -> bool) {
        let touches = |r: &Rect| {
            r.x <= area.x + area.w
                && area.x <= r.x + r.w
                && r.y <= area.y + area.h
                && area.y <= r.y + r.h
        };
        for (r, i) in &self.oversized {
            if touches(r) && f(*i as usize, r) {
                return;
            }
        }
        if self.starts.is_empty() {
            return;
        }
        let (c0, c1, r0, r1) = self.span(area);
        for row in r0..=r1 {
            let line = row * self.cols;
            for col in c0..=c1 {
                let (from, to) = (
                    self.starts[line + col] as usize,
                    self.starts[line + col + 1] as usize,
                );
                for (r, i, ec, er) in &self.entries[from..to] {
                    // An item in several cells is reported from the first it shares with
                    // the area.
                    if (*ec as usize).max(c0) == col
                        && (*er as usize).max(r0) == row
                        && touches(r)
                        && f(*i as usize, r)
                    {
                        return;
                    }
                }
            }
        }
    }
}

/// Rectangles that come and go (placed captions), in cells laid out as those of a
/// [`FixedGrid`]: a rectangle past that grid's bounds goes in its border cells.
#[derive(Clone, Debug, Default)]
pub struct MovingGrid {
    layout: FixedGrid,
    /// Each cell's items: rectangle, id, and the column and row of the item's first cell.
    cells: Vec<Vec<(Rect, u32, u32, u32)>>,
    /// Items spanning too many cells, or all items when the layout has no cells.
    oversized: Vec<(Rect, u32)>,
}

impl MovingGrid {
    /// An empty grid over the bounds of `layout` (not its items), with cells `coarser` times
    /// as wide.
    pub fn like(layout: &FixedGrid, coarser: usize) -> Self {
        let k = coarser.max(1);
        let (cols, rows) = (layout.cols.div_ceil(k), layout.rows.div_ceil(k));
        let n = if layout.starts.is_empty() {
            0
        } else {
            cols * rows
        };
        Self {
            layout: FixedGrid {
                starts: Vec::new(),
                entries: Vec::new(),
                oversized: Vec::new(),
                inv: layout.inv / k as f32,
                cols,
                rows,
                ..*layout
            },
            cells: vec![Vec::new(); n],
            oversized: Vec::new(),
        }
    }

    fn fits(&self, r: &Rect) -> Option<(usize, usize, usize, usize)> {
        let finite = r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite();
        let span = self.layout.span(r);
        let (c0, c1, r0, r1) = span;
        (!self.cells.is_empty() && finite && (c1 - c0 + 1) * (r1 - r0 + 1) <= FIXED_MAX_SPAN)
            .then_some(span)
    }

    /// Adds item `id` covering `r`.
    pub fn insert(&mut self, id: usize, r: &Rect) {
        let Some((c0, c1, r0, r1)) = self.fits(r) else {
            self.oversized.push((*r, id as u32));
            return;
        };
        let cols = self.layout.cols;
        for row in r0..=r1 {
            for col in c0..=c1 {
                self.cells[row * cols + col].push((*r, id as u32, c0 as u32, r0 as u32));
            }
        }
    }

    /// Removes item `id`, inserted earlier covering `r` (the same rectangle).
    pub fn remove(&mut self, id: usize, r: &Rect) {
        let id = id as u32;
        let Some((c0, c1, r0, r1)) = self.fits(r) else {
            self.oversized.retain(|&(_, i)| i != id);
            return;
        };
        let cols = self.layout.cols;
        for row in r0..=r1 {
            for col in c0..=c1 {
                self.cells[row * cols + col].retain(|e| e.1 != id);
            }
        }
    }

    /// Calls `f` once with each item whose rectangle touches `area` (edges touching count),
    /// with that rectangle, in no set order.
    pub fn visit(&self, area: &Rect, mut f: impl FnMut(usize, &Rect)) {
        let touches = |r: &Rect| {
            r.x <= area.x + area.w
                && area.x <= r.x + r.w
                && r.y <= area.y + area.h
                && area.y <= r.y + r.h
        };
        for (r, i) in &self.oversized {
            if touches(r) {
                f(*i as usize, r);
            }
        }
        if self.cells.is_empty() {
            return;
        }
        let (c0, c1, r0, r1) = self.layout.span(area);
        for row in r0..=r1 {
            for col in c0..=c1 {
                for (r, i, ec, er) in &self.cells[row * self.layout.cols + col] {
                    if (*ec as usize).max(c0) == col && (*er as usize).max(r0) == row && touches(r)
                    {
                        f(*i as usize, r);
                    }
                }
            }
        }
    }
}

/// Side of a node-grid cell: a few node boxes each.
const NODE_CELL: f32 = 256.0;

/// Node boxes (indexed like `design.nodes`) in a [`SpatialGrid`].
#[derive(Clone, Debug)]
pub struct NodeGrid {
    rects: Vec<Rect>,
    grid: SpatialGrid,
}

impl Default for NodeGrid {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl NodeGrid {
    /// Indexes `rects` (item `i` is `rects[i]`).
    pub fn new(rects: Vec<Rect>) -> Self {
        let mut grid = SpatialGrid::new(NODE_CELL);
        for (i, r) in rects.iter().enumerate() {
            grid.insert(i, r);
        }
        Self { rects, grid }
    }

    /// Moves box `i` to `r` (a node that moved); does nothing for an unknown index.
    pub fn set(&mut self, i: usize, r: Rect) {
        let Some(old) = self.rects.get(i).copied() else {
            return;
        };
        self.grid.remove(i, &old);
        self.grid.insert(i, &r);
        self.rects[i] = r;
    }

    /// The indexed rectangles.
    pub fn rects(&self) -> &[Rect] {
        &self.rects
    }

    /// Indices of the boxes overlapping `area` (edges touching count), ascending.
    pub fn in_area(&self, area: &Rect) -> Vec<usize> {
        let mut out = Vec::new();
        self.grid.candidates(area, &mut out);
        out.retain(|&i| {
            let r = &self.rects[i];
            r.x <= area.x + area.w
                && area.x <= r.x + r.w
                && r.y <= area.y + area.h
                && area.y <= r.y + r.h
        });
        out
    }

    /// How many boxes overlap `area` with positive area.
    pub fn count_overlapping(&self, area: &Rect) -> usize {
        let mut count = 0;
        self.grid.visit(
            area,
            |i| self.rects[i],
            |i| count += usize::from(overlaps(&self.rects[i], area)),
        );
        count
    }

    /// The topmost (last) box containing `p`.
    pub fn at(&self, p: Pos) -> Option<usize> {
        let mut out = Vec::new();
        self.grid
            .candidates(&Rect::new(p.x, p.y, 0.0, 0.0), &mut out);
        out.into_iter().rev().find(|&i| self.rects[i].contains(p))
    }

    /// Boxes other than `skip` whose interior (shrunk by one unit) the segment `a`–`b` passes
    /// through, ascending, into `out`. Exact for horizontal and vertical segments; other
    /// segments are tested by their bounding box.
    pub fn crossed_by(&self, a: Pos, b: Pos, skip: [usize; 2], out: &mut Vec<usize>) {
        let seg = rect_around(a, b);
        self.grid.candidates(&seg, out);
        out.retain(|&i| {
            let r = &self.rects[i];
            !skip.contains(&i)
                && overlaps(
                    &Rect::new(seg.x - 0.01, seg.y - 0.01, seg.w + 0.02, seg.h + 0.02),
                    &Rect::new(r.x + 1.0, r.y + 1.0, r.w - 2.0, r.h - 2.0),
                )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_to_i32_rounds_down_like_floor() {
        for v in [
            -2.5f32, -2.0, -1.0, -0.5, -0.0, 0.0, 0.3, 1.0, 1.7, 1e12, -1e12,
        ] {
            assert_eq!(floor_to_i32(v), v.floor() as i32, "{v}");
        }
        assert_eq!(floor_to_i32(f32::NAN), 0);
    }

    #[test]
    fn visit_reports_each_item_near_an_area_once_as_candidates_does() {
        // Items of all sizes (some across many cells, one oversized), queried by areas of all
        // sizes: `visit` reports the same overlapping items as `candidates`, each once.
        let mut rects = Vec::new();
        for i in 0..60 {
            let k = i as f32;
            rects.push(Rect::new(
                (k * 37.0) % 500.0 - 100.0,
                (k * 53.0) % 400.0 - 50.0,
                5.0 + (k * 29.0) % 300.0,
                3.0 + (k * 17.0) % 200.0,
            ));
        }
        rects.push(Rect::new(-1e6, -1e6, 2e6, 2e6));
        let mut grid = SpatialGrid::new(32.0);
        for (i, r) in rects.iter().enumerate() {
            grid.insert(i, r);
        }
        let mut out = Vec::new();
        for q in 0..40 {
            let k = q as f32;
            let area = Rect::new(
                (k * 41.0) % 450.0 - 80.0,
                (k * 23.0) % 350.0 - 40.0,
                (k * 13.0) % 260.0,
                (k * 7.0) % 180.0,
            );
            grid.candidates(&area, &mut out);
            let want: Vec<usize> = out
                .iter()
                .copied()
                .filter(|&i| overlaps(&rects[i], &area))
                .collect();
            let mut got = Vec::new();
            grid.visit(&area, |i| rects[i], |i| got.push(i));
            got.retain(|&i| overlaps(&rects[i], &area));
            let mut sorted = got.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), got.len(), "each once: {area:?}");
            assert_eq!(sorted, want, "{area:?}");
        }
    }

    #[test]
    fn a_fixed_grid_reports_each_touching_item_once() {
        // Items of all sizes, one spanning everything, one not finite, and areas inside and
        // far outside the drawing: each item touching an area is reported once, with its
        // rectangle, and no other.
        let mut rects = Vec::new();
        for i in 0..80 {
            let k = i as f32;
            rects.push(Rect::new(
                (k * 37.0) % 500.0 - 100.0,
                (k * 53.0) % 400.0 - 50.0,
                (k * 29.0) % 300.0,
                (k * 17.0) % 200.0,
            ));
        }
        rects.push(Rect::new(-1e6, -1e6, 2e6, 2e6));
        rects.push(Rect::new(f32::NAN, 0.0, 10.0, 10.0));
        let touches = |r: &Rect, a: &Rect| {
            r.x <= a.x + a.w && a.x <= r.x + r.w && r.y <= a.y + a.h && a.y <= r.y + r.h
        };
        for cell in [8.0, 64.0, 1000.0] {
            let grid = FixedGrid::new(&rects, cell);
            // The same items in a moving grid laid out over a part of the drawing (most
            // items reach past it), the odd ones removed and put back.
            let mut moving = MovingGrid::like(&FixedGrid::new(&rects[10..20], cell), 3);
            for (i, r) in rects.iter().enumerate() {
                moving.insert(i, r);
            }
            for (i, r) in rects.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
                moving.remove(i, r);
            }
            for (i, r) in rects.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
                moving.insert(i, r);
            }
            for q in 0..60 {
                let k = q as f32;
                let area = Rect::new(
                    (k * 41.0) % 2000.0 - 800.0,
                    (k * 23.0) % 1500.0 - 600.0,
                    (k * 13.0) % 260.0,
                    (k * 7.0) % 180.0,
                );
                let want: Vec<usize> = (0..rects.len())
                    .filter(|&i| touches(&rects[i], &area))
                    .collect();
                let mut got = Vec::new();
                grid.visit(&area, |i, r| {
                    assert_eq!(r.x.to_bits(), rects[i].x.to_bits());
                    got.push(i);
                });
                let mut sorted = got.clone();
                sorted.sort_unstable();
                sorted.dedup();
                assert_eq!(sorted.len(), got.len(), "each once: {area:?}");
                assert_eq!(sorted, want, "cell {cell}: {area:?}");
                let mut got = Vec::new();
                moving.visit(&area, |i, _| got.push(i));
                got.sort_unstable();
                assert_eq!(got, want, "moving, cell {cell}: {area:?}");
            }
        }
        assert!(FixedGrid::new(&[], 64.0).entries.is_empty());
    }
}
