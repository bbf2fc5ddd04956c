//! Bucket grids over canvas rectangles, so "what is near here" costs the few items in the
//! nearby cells rather than a pass over the whole design: node boxes for edge routing, culling
//! and hit-testing, edge segments and containers for hover, placed captions.

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
}
