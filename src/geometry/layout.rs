//! Layered (Sugiyama) auto-layout of a design, containers respected: each container's members
//! are laid out inside it, bottom-up, the container is sized to hold them with its label band
//! and padding, and is then placed as one block among its siblings. Edges between members of
//! different containers pull the order of the blocks that hold their ends. Locked nodes (and
//! everything outside a selection) keep their place; the laid-out block moves clear of them,
//! and the containers around them keep their corner and grow to hold their new content.
//!
//! The layering is written here rather than taken from a crate: `rust-sugiyama` places points
//! of one size with no nested groups, and the dagre ports and `layout-rs` lay out whole graphs
//! to render them, with no way to lay out a block of given sizes inside a fixed parent. A
//! compound layout needs exactly that, per container, so the four classic steps are here:
//! cycle breaking (back edges of a depth-first search reversed), longest-path layering with
//! dummy nodes on long edges, barycentre ordering sweeps that keep the order with the fewest
//! crossings (counted with an accumulator tree), and coordinates by isotonic regression (each
//! node as near the mean of its neighbours as the spacing allows). Disconnected parts are
//! laid out alone and packed on shelves.

use super::{NODE_H, NODE_W, text_width};
use crate::model::catalog;
use crate::model::{ContainerId, Design, Edit, NodeId, Rect};
use std::collections::{BTreeSet, HashMap};

/// Padding between a container's border and its members.
pub const CONTAINER_PAD: f32 = 20.0;
/// Height of a container's label band, as the canvas draws it.
pub const CONTAINER_LABEL_BAND: f32 = 26.0;
/// Gap between consecutive layers (along the flow).
const LAYER_GAP: f32 = 90.0;
/// Gap between neighbours in a layer (across the flow).
const SIBLING_GAP: f32 = 40.0;
/// Size across the flow of the point a long edge passes through in a layer it crosses.
const DUMMY_SIZE: f32 = 16.0;
/// Ordering sweeps (down and up count as one each).
const ORDER_SWEEPS: usize = 12;
/// Coordinate sweeps.
const COORD_SWEEPS: usize = 6;

/// Which way edges point after layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// Layers are columns; edges point right.
    #[default]
    LeftToRight,
    /// Layers are rows; edges point down.
    TopToBottom,
}

/// What to lay out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum LayoutScope {
    /// Every node and container that is not locked.
    #[default]
    Design,
    /// These nodes and containers (a container brings everything in it); the rest stays put.
    Selection {
        nodes: BTreeSet<NodeId>,
        containers: BTreeSet<ContainerId>,
    },
}

/// Lays out `design` (or a selection of it) in layers flowing `direction`: one
/// [`Edit::Batch`] that moves the nodes and moves or resizes the containers that change (an
/// empty batch when nothing does). Locked nodes keep their place, and so do the containers
/// around them (which grow to hold what is laid out inside them).
pub fn auto_layout(design: &Design, scope: &LayoutScope, direction: Direction) -> Edit {
    let tree = Tree::new(design, scope);
    let mut placer = Placer {
        design,
        tree: &tree,
        direction,
        node_place: vec![Place::Keep; design.nodes.len()],
        container_place: vec![Place::Keep; design.containers.len()],
        container_size: design
            .containers
            .iter()
            .map(|c| (c.rect.w, c.rect.h))
            .collect(),
        container_abs: design.containers.iter().map(|c| c.rect).collect(),
        occupied: design
            .nodes
            .iter()
            .zip(&tree.node_free)
            .filter(|(_, free)| !**free)
            .map(|(n, _)| super::node_rect(n))
            .collect(),
    };
    placer.level(None);
    placer.into_edit()
}

/// Where a laid-out element goes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Place {
    /// It stays where it is.
    Keep,
    /// At this canvas position (top-left).
    At(f32, f32),
    /// At this offset from its container's top-left corner.
    InParent(f32, f32),
}

/// One element at one level of the container tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Item {
    Node(usize),
    Container(usize),
}

/// The container tree of a design, with what may move.
struct Tree {
    /// Each container's parent (cycles and unknown parents cut to the top level).
    parent: Vec<Option<usize>>,
    /// Each node's container.
    node_parent: Vec<Option<usize>>,
    /// The direct members of each container, then of the top level (index `containers.len()`).
    members: Vec<Vec<Item>>,
    node_free: Vec<bool>,
    /// Whether a container moves as a block with everything in it laid out afresh.
    container_free: Vec<bool>,
    /// The edges each level lays out, between its direct members.
    level_edges: Vec<Vec<(Item, Item)>>,
}

impl Tree {
    fn new(design: &Design, scope: &LayoutScope) -> Self {
        let nc = design.containers.len();
        let container_index: HashMap<&str, usize> = design
            .containers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let node_index: HashMap<&str, usize> = design
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let mut parent: Vec<Option<usize>> = design
            .containers
            .iter()
            .map(|c| {
                c.parent
                    .as_ref()
                    .and_then(|p| container_index.get(p.as_str()).copied())
            })
            .collect();
        // A parent chain that loops is cut where it comes back, so every walk up ends.
        for start in 0..nc {
            let mut seen = vec![start];
            let mut at = start;
            while let Some(p) = parent[at] {
                if seen.contains(&p) {
                    parent[at] = None;
                    break;
                }
                seen.push(p);
                at = p;
            }
        }
        let node_parent: Vec<Option<usize>> = design
            .nodes
            .iter()
            .map(|n| {
                n.container
                    .as_ref()
                    .and_then(|c| container_index.get(c.as_str()).copied())
            })
            .collect();
        let mut members = vec![Vec::new(); nc + 1];
        for (c, p) in parent.iter().enumerate() {
            members[p.unwrap_or(nc)].push(Item::Container(c));
        }
        for (n, p) in node_parent.iter().enumerate() {
            members[p.unwrap_or(nc)].push(Item::Node(n));
        }

        let selected_container = |c: usize| -> bool {
            match scope {
                LayoutScope::Design => true,
                LayoutScope::Selection { containers, .. } => {
                    let mut at = Some(c);
                    while let Some(i) = at {
                        if containers.contains(&design.containers[i].id) {
                            return true;
                        }
                        at = parent[i];
                    }
                    false
                }
            }
        };
        let node_free: Vec<bool> = design
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                n.props.locked != Some(true)
                    && match scope {
                        LayoutScope::Design => true,
                        LayoutScope::Selection { nodes, .. } => {
                            nodes.contains(&n.id) || node_parent[i].is_some_and(selected_container)
                        }
                    }
            })
            .collect();
        // Free when selected and everything in it is free: decided innermost first.
        let mut container_free = vec![false; nc];
        let mut order: Vec<usize> = (0..nc).collect();
        let depth = |c: usize| {
            let mut d = 0;
            let mut at = parent[c];
            while let Some(p) = at {
                d += 1;
                at = parent[p];
            }
            d
        };
        order.sort_by_key(|&c| std::cmp::Reverse(depth(c)));
        for c in order {
            container_free[c] = selected_container(c)
                && members[c].iter().all(|m| match *m {
                    Item::Node(n) => node_free[n],
                    Item::Container(k) => container_free[k],
                });
        }

        // Each edge is laid out at the innermost level holding both ends, between the members
        // of that level that hold them.
        let chain = |item: Item| -> Vec<Item> {
            let mut out = vec![item];
            let mut at = match item {
                Item::Node(n) => node_parent[n],
                Item::Container(c) => parent[c],
            };
            while let Some(p) = at {
                out.push(Item::Container(p));
                at = parent[p];
            }
            out
        };
        let end = |id: &str| -> Option<Item> {
            node_index
                .get(id)
                .map(|&n| Item::Node(n))
                .or_else(|| container_index.get(id).map(|&c| Item::Container(c)))
        };
        let mut level_edges = vec![Vec::new(); nc + 1];
        for e in &design.edges {
            let (Some(a), Some(b)) = (end(e.from.as_str()), end(e.to.as_str())) else {
                continue;
            };
            let (ca, cb) = (chain(a), chain(b));
            // Walk down from the top while both chains agree.
            let (mut i, mut j) = (ca.len(), cb.len());
            while i > 0 && j > 0 && ca[i - 1] == cb[j - 1] {
                i -= 1;
                j -= 1;
            }
            if i == 0 || j == 0 {
                continue; // one end holds the other, or a loop
            }
            let level = match ca.get(i) {
                Some(Item::Container(c)) => *c,
                _ => nc,
            };
            level_edges[level].push((ca[i - 1], cb[j - 1]));
        }
        Self {
            parent,
            node_parent,
            members,
            node_free,
            container_free,
            level_edges,
        }
    }

    fn is_free(&self, item: Item) -> bool {
        match item {
            Item::Node(n) => self.node_free[n],
            Item::Container(c) => self.container_free[c],
        }
    }
}

/// Lays out the container tree bottom-up and collects where everything goes.
struct Placer<'a> {
    design: &'a Design,
    tree: &'a Tree,
    direction: Direction,
    node_place: Vec<Place>,
    container_place: Vec<Place>,
    /// Each container's size after layout.
    container_size: Vec<(f32, f32)>,
    /// Each pinned container's rectangle after layout (canvas units).
    container_abs: Vec<Rect>,
    /// What a block placed in canvas units must keep clear of: every node that stays, and
    /// every block placed so far.
    occupied: Vec<Rect>,
}

impl Placer<'_> {
    fn rect_of(&self, item: Item) -> Rect {
        match item {
            Item::Node(n) => super::node_rect(&self.design.nodes[n]),
            Item::Container(c) => self.container_abs[c],
        }
    }

    fn size_of(&self, item: Item) -> (f32, f32) {
        match item {
            Item::Node(_) => (NODE_W, NODE_H),
            Item::Container(c) => self.container_size[c],
        }
    }

    /// Lays out the members of container `c` (the top level when `None`).
    fn level(&mut self, c: Option<usize>) {
        let key = c.unwrap_or(self.design.containers.len());
        let tree = self.tree;
        let members = &tree.members[key];
        for m in members {
            if let Item::Container(k) = *m {
                self.level(Some(k));
            }
        }
        let free: Vec<Item> = members
            .iter()
            .copied()
            .filter(|m| self.tree.is_free(*m))
            .collect();
        let local: HashMap<Item, usize> = free.iter().enumerate().map(|(i, m)| (*m, i)).collect();
        let sizes: Vec<(f32, f32)> = free.iter().map(|m| self.size_of(*m)).collect();
        let edges: Vec<(usize, usize)> = self.tree.level_edges[key]
            .iter()
            .filter_map(|(a, b)| Some((*local.get(a)?, *local.get(b)?)))
            .collect();
        let block = layout_block(&sizes, &edges, self.direction);

        let free_container = c.is_some_and(|k| self.tree.container_free[k]);
        if let (true, Some(k)) = (free_container, c) {
            let label_w = self.label_width(k);
            let (w, h) = if free.is_empty() {
                // An empty container keeps its size, but never less than its label needs.
                let (w, h) = self.container_size[k];
                (
                    w.max(label_w + 2.0 * CONTAINER_PAD),
                    h.max(CONTAINER_LABEL_BAND + 2.0 * CONTAINER_PAD),
                )
            } else {
                (
                    block.w.max(label_w) + 2.0 * CONTAINER_PAD,
                    block.h + CONTAINER_LABEL_BAND + 2.0 * CONTAINER_PAD,
                )
            };
            self.container_size[k] = (w, h);
            let dx = CONTAINER_PAD + (w - 2.0 * CONTAINER_PAD - block.w) / 2.0;
            for (m, p) in free.iter().zip(&block.pos) {
                self.set_place(
                    *m,
                    Place::InParent(dx + p.0, CONTAINER_LABEL_BAND + CONTAINER_PAD + p.1),
                );
            }
            return;
        }

        // Pinned container or the top level: the block goes where the free members were,
        // inside the container, clear of what stays.
        let fixed: Vec<Rect> = members
            .iter()
            .filter(|m| !self.tree.is_free(**m))
            .map(|m| self.rect_of(*m))
            .collect();
        let mut origin = free
            .iter()
            .map(|m| self.current_rect(*m))
            .fold(None, |acc: Option<(f32, f32)>, r| {
                Some(acc.map_or((r.x, r.y), |(x, y)| (x.min(r.x), y.min(r.y))))
            })
            .unwrap_or((0.0, 0.0));
        if let Some(k) = c {
            let r = self.design.containers[k].rect;
            origin.0 = origin.0.max(r.x + CONTAINER_PAD);
            origin.1 = origin.1.max(r.y + CONTAINER_LABEL_BAND + CONTAINER_PAD);
        }
        if !free.is_empty() {
            let obstacles: Vec<Rect> = fixed.iter().chain(&self.occupied).copied().collect();
            origin = clear_of(origin, (block.w, block.h), &obstacles, self.direction);
            self.occupied
                .push(Rect::new(origin.0, origin.1, block.w, block.h));
        }
        let mut abs = Vec::with_capacity(free.len());
        for (m, p) in free.iter().zip(&block.pos) {
            let (x, y) = (origin.0 + p.0, origin.1 + p.1);
            self.set_place(*m, Place::At(x, y));
            let (w, h) = self.size_of(*m);
            abs.push(Rect::new(x, y, w, h));
        }
        if let Some(k) = c {
            // The container keeps its place and grows to hold what is in it.
            let mut r = self.design.containers[k].rect;
            for m in abs.iter().chain(&fixed) {
                r = union(
                    r,
                    Rect::new(
                        m.x - CONTAINER_PAD,
                        m.y - CONTAINER_PAD,
                        m.w + 2.0 * CONTAINER_PAD,
                        m.h + 2.0 * CONTAINER_PAD,
                    ),
                );
            }
            self.container_abs[k] = r;
            self.container_size[k] = (r.w, r.h);
            if r != self.design.containers[k].rect {
                self.container_place[k] = Place::At(r.x, r.y);
            }
        }
    }

    /// Where an element is now, before layout.
    fn current_rect(&self, item: Item) -> Rect {
        match item {
            Item::Node(n) => super::node_rect(&self.design.nodes[n]),
            Item::Container(c) => self.design.containers[c].rect,
        }
    }

    fn set_place(&mut self, item: Item, place: Place) {
        match item {
            Item::Node(n) => self.node_place[n] = place,
            Item::Container(c) => self.container_place[c] = place,
        }
    }

    /// Width the container's label band needs: its label and its kind's name.
    fn label_width(&self, c: usize) -> f32 {
        let container = &self.design.containers[c];
        let kind = catalog::container_info(container.kind).name;
        text_width(container.display_label(), 13.0) + text_width(kind, 11.0) + 24.0
    }

    /// The absolute top-left of container `c` after layout.
    fn container_origin(&self, c: usize, memo: &mut [Option<(f32, f32)>]) -> (f32, f32) {
        if let Some(p) = memo[c] {
            return p;
        }
        let p = match self.container_place[c] {
            Place::Keep => {
                let r = self.design.containers[c].rect;
                (r.x, r.y)
            }
            Place::At(x, y) => (x, y),
            Place::InParent(x, y) => match self.tree.parent[c] {
                Some(p) => {
                    let o = self.container_origin(p, memo);
                    (o.0 + x, o.1 + y)
                }
                None => (x, y),
            },
        };
        memo[c] = Some(p);
        p
    }

    fn into_edit(self) -> Edit {
        let mut memo = vec![None; self.design.containers.len()];
        let mut edits = Vec::new();
        for (c, container) in self.design.containers.iter().enumerate() {
            let (x, y) = self.container_origin(c, &mut memo);
            let (w, h) = self.container_size[c];
            let rect = Rect::new(x, y, w, h);
            if rect != container.rect {
                let mut changed = container.clone();
                changed.rect = rect;
                edits.push(Edit::SetContainer(changed));
            }
        }
        for (n, node) in self.design.nodes.iter().enumerate() {
            let pos = match self.node_place[n] {
                Place::Keep => continue,
                Place::At(x, y) => (x, y),
                Place::InParent(x, y) => match self.tree.node_parent[n] {
                    Some(p) => {
                        let o = self.container_origin(p, &mut memo);
                        (o.0 + x, o.1 + y)
                    }
                    None => (x, y),
                },
            };
            if (node.pos.x, node.pos.y) != pos {
                let mut changed = node.clone();
                changed.pos = crate::model::Pos::new(pos.0, pos.1);
                edits.push(Edit::SetNode(changed));
            }
        }
        Edit::Batch(edits)
    }
}

fn union(a: Rect, b: Rect) -> Rect {
    let x0 = a.x.min(b.x);
    let y0 = a.y.min(b.y);
    let x1 = (a.x + a.w).max(b.x + b.w);
    let y1 = (a.y + a.h).max(b.y + b.h);
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// Moves a block of `size` at `origin` across the flow until it overlaps none of `fixed` (with
/// a gap). Each step moves past one rectangle for good, so it ends.
fn clear_of(
    mut origin: (f32, f32),
    size: (f32, f32),
    fixed: &[Rect],
    direction: Direction,
) -> (f32, f32) {
    for _ in 0..=fixed.len() {
        let block = Rect::new(
            origin.0 - SIBLING_GAP / 2.0,
            origin.1 - SIBLING_GAP / 2.0,
            size.0 + SIBLING_GAP,
            size.1 + SIBLING_GAP,
        );
        let Some(hit) = fixed.iter().find(|f| overlaps(&block, f)) else {
            break;
        };
        match direction {
            Direction::LeftToRight => origin.1 = hit.y + hit.h + SIBLING_GAP,
            Direction::TopToBottom => origin.0 = hit.x + hit.w + SIBLING_GAP,
        }
    }
    origin
}

/// A laid-out block: each item's top-left corner relative to the block, and the block's size.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    pub pos: Vec<(f32, f32)>,
    pub w: f32,
    pub h: f32,
}

/// Lays out items of the given sizes (width, height) joined by `edges` in layers: each
/// connected part on its own, the parts packed on shelves. Self-loops and repeated edges are
/// ignored; cycles are broken.
pub fn layout_block(sizes: &[(f32, f32)], edges: &[(usize, usize)], direction: Direction) -> Block {
    let n = sizes.len();
    if n == 0 {
        return Block::default();
    }
    // Work in flow space: `along` is the layer axis, `across` the axis inside a layer.
    let flow = |(w, h): (f32, f32)| match direction {
        Direction::LeftToRight => (w, h),
        Direction::TopToBottom => (h, w),
    };
    let flow_sizes: Vec<(f32, f32)> = sizes.iter().map(|s| flow(*s)).collect();
    let mut adj: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &(a, b) in edges {
        if a != b && a < n && b < n {
            pairs.insert((a, b));
            adj[a].insert(b);
            adj[b].insert(a);
        }
    }
    // Connected parts, in the order of their first item.
    let mut part = vec![usize::MAX; n];
    let mut parts: Vec<Vec<usize>> = Vec::new();
    for s in 0..n {
        if part[s] != usize::MAX {
            continue;
        }
        let id = parts.len();
        let mut stack = vec![s];
        part[s] = id;
        let mut items = Vec::new();
        while let Some(v) = stack.pop() {
            items.push(v);
            for &w in &adj[v] {
                if part[w] == usize::MAX {
                    part[w] = id;
                    stack.push(w);
                }
            }
        }
        items.sort_unstable();
        parts.push(items);
    }
    let mut part_edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); parts.len()];
    for &(a, b) in &pairs {
        part_edges[part[a]].push((a, b));
    }
    let laid: Vec<Part> = parts
        .iter()
        .zip(&part_edges)
        .map(|(items, es)| layered(items, es, &flow_sizes))
        .collect();

    // Shelves: parts stacked across the flow up to a target extent, then a new shelf along it.
    let area: f32 = laid.iter().map(|(_, a, c)| a * c).sum();
    let widest = laid.iter().map(|(_, _, c)| *c).fold(0.0, f32::max);
    let target = widest.max(area.sqrt() * 1.2);
    let mut pos = vec![(0.0, 0.0); n];
    let (mut shelf_along, mut shelf_depth, mut across) = (0.0f32, 0.0f32, 0.0f32);
    let (mut total_along, mut total_across) = (0.0f32, 0.0f32);
    for (items, along_ext, across_ext) in &laid {
        if across > 0.0 && across + across_ext > target {
            shelf_along += shelf_depth + LAYER_GAP;
            shelf_depth = 0.0;
            across = 0.0;
        }
        for &(i, (a, c)) in items {
            pos[i] = (shelf_along + a, across + c);
        }
        shelf_depth = shelf_depth.max(*along_ext);
        total_along = total_along.max(shelf_along + along_ext);
        total_across = total_across.max(across + across_ext);
        across += across_ext + SIBLING_GAP;
    }
    let (w, h, pos) = match direction {
        Direction::LeftToRight => (total_along, total_across, pos),
        Direction::TopToBottom => (
            total_across,
            total_along,
            pos.into_iter().map(|(a, c)| (c, a)).collect(),
        ),
    };
    Block { pos, w, h }
}

/// One connected part laid out in flow space: each item's (along, across) top-left, and the
/// part's extent along and across the flow.
type Part = (Vec<(usize, (f32, f32))>, f32, f32);

/// One vertex of the layered graph: an item or a point a long edge passes through.
struct Vertex {
    /// The item (index into the sizes), or `None` for a dummy.
    item: Option<usize>,
    layer: usize,
    /// Size across the flow.
    across: f32,
    /// Neighbours in the layer before and after.
    up: Vec<usize>,
    down: Vec<usize>,
}

/// Lays out one connected part in flow space: each item's (along, across) top-left, and the
/// part's extent along and across the flow.
fn layered(items: &[usize], edges: &[(usize, usize)], sizes: &[(f32, f32)]) -> Part {
    let local: HashMap<usize, usize> = items.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let m = items.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); m];
    for &(a, b) in edges {
        if let (Some(&a), Some(&b)) = (local.get(&a), local.get(&b)) {
            out[a].push(b);
        }
    }
    // Cycle breaking: edges that go back to a vertex on the depth-first stack are reversed.
    let mut state = vec![0u8; m]; // 0 new, 1 on stack, 2 done
    let mut dag: Vec<(usize, usize)> = Vec::new();
    for s in 0..m {
        if state[s] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(s, 0)];
        state[s] = 1;
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if i < out[v].len() {
                top.1 += 1;
                let w = out[v][i];
                match state[w] {
                    0 => {
                        dag.push((v, w));
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => dag.push((w, v)),
                    _ => dag.push((v, w)),
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    dag.sort_unstable();
    dag.dedup();
    // Longest-path layering from the sources (the graph is acyclic now).
    let mut indeg = vec![0usize; m];
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); m];
    for &(a, b) in &dag {
        succ[a].push(b);
        indeg[b] += 1;
    }
    let mut layer = vec![0usize; m];
    let mut queue: Vec<usize> = (0..m).filter(|&v| indeg[v] == 0).collect();
    let mut qi = 0;
    while qi < queue.len() {
        let v = queue[qi];
        qi += 1;
        for &w in &succ[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push(w);
            }
        }
    }
    // A source whose successors are all further than one layer away moves up to meet them, so
    // an entry point sits next to what it calls rather than in the first column.
    let has_pred: Vec<bool> = {
        let mut p = vec![false; m];
        for &(_, b) in &dag {
            p[b] = true;
        }
        p
    };
    for &v in queue.iter().rev() {
        if let Some(min) = succ[v].iter().map(|&w| layer[w]).min()
            && !has_pred[v]
        {
            layer[v] = min.saturating_sub(1).max(layer[v]);
        }
    }

    // Vertices: the items, then dummies on edges longer than one layer.
    let mut verts: Vec<Vertex> = (0..m)
        .map(|v| Vertex {
            item: Some(items[v]),
            layer: layer[v],
            across: sizes[items[v]].1,
            up: Vec::new(),
            down: Vec::new(),
        })
        .collect();
    for &(a, b) in &dag {
        let mut prev = a;
        for l in layer[a] + 1..layer[b] {
            let d = verts.len();
            verts.push(Vertex {
                item: None,
                layer: l,
                across: DUMMY_SIZE,
                up: vec![prev],
                down: Vec::new(),
            });
            verts[prev].down.push(d);
            prev = d;
        }
        verts[prev].down.push(b);
        verts[b].up.push(prev);
    }
    let layers_n = layer.iter().max().map_or(0, |l| l + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layers_n];
    // First order: depth-first from the sources, so connected vertices start near each other.
    let mut seen = vec![false; verts.len()];
    let mut roots: Vec<usize> = (0..m).filter(|&v| verts[v].up.is_empty()).collect();
    roots.extend(0..verts.len());
    for r in roots {
        let mut stack = vec![r];
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            layers[verts[v].layer].push(v);
            for &w in verts[v].down.iter().rev() {
                if !seen[w] {
                    stack.push(w);
                }
            }
        }
    }
    order_layers(&mut layers, &verts);

    // Across the flow: each vertex near the mean of its neighbours, in order, spaced.
    let mut centre = vec![0.0f32; verts.len()];
    for layer in &layers {
        let mut at = 0.0;
        for &v in layer {
            centre[v] = at + verts[v].across / 2.0;
            at += verts[v].across + SIBLING_GAP;
        }
    }
    for sweep in 0..COORD_SWEEPS {
        let down = sweep % 2 == 0;
        let order: Vec<usize> = if down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for l in order {
            let layer = &layers[l];
            let want: Vec<f32> = layer
                .iter()
                .map(|&v| {
                    let nb = if down { &verts[v].up } else { &verts[v].down };
                    if nb.is_empty() {
                        centre[v]
                    } else {
                        nb.iter().map(|&w| centre[w]).sum::<f32>() / nb.len() as f32
                    }
                })
                .collect();
            let gaps: Vec<f32> = layer
                .windows(2)
                .map(|p| (verts[p[0]].across + verts[p[1]].across) / 2.0 + SIBLING_GAP)
                .collect();
            for (v, c) in layer.iter().zip(spaced(&want, &gaps)) {
                centre[*v] = c;
            }
        }
    }
    // The part starts at its first item (a long edge may bend outside it).
    let min_across = verts
        .iter()
        .enumerate()
        .filter(|(_, x)| x.item.is_some())
        .map(|(v, x)| centre[v] - x.across / 2.0)
        .fold(f32::INFINITY, f32::min);
    let mut layer_along = Vec::with_capacity(layers.len());
    let mut along = 0.0f32;
    let mut depth = vec![0.0f32; layers.len()];
    for (l, layer) in layers.iter().enumerate() {
        depth[l] = layer
            .iter()
            .filter_map(|&v| verts[v].item.map(|i| sizes[i].0))
            .fold(0.0, f32::max);
        layer_along.push(along);
        along += depth[l] + LAYER_GAP;
    }
    let extent_along = (along - LAYER_GAP).max(0.0);
    let mut placed = Vec::with_capacity(m);
    let mut extent_across = 0.0f32;
    for (v, vert) in verts.iter().enumerate() {
        let Some(item) = vert.item else { continue };
        let (a, c) = sizes[item];
        let x = layer_along[vert.layer] + (depth[vert.layer] - a) / 2.0;
        let y = centre[v] - c / 2.0 - min_across;
        extent_across = extent_across.max(y + c);
        placed.push((item, (x, y)));
    }
    (placed, extent_along, extent_across)
}

/// Orders the vertices of each layer to cut crossings: barycentre sweeps, keeping the best
/// order seen.
fn order_layers(layers: &mut [Vec<usize>], verts: &[Vertex]) {
    let mut rank = vec![0usize; verts.len()];
    let set_ranks = |layers: &[Vec<usize>], rank: &mut [usize]| {
        for layer in layers {
            for (i, &v) in layer.iter().enumerate() {
                rank[v] = i;
            }
        }
    };
    set_ranks(layers, &mut rank);
    let mut best = layers.to_vec();
    let mut best_crossings = crossings(layers, verts, &rank);
    for sweep in 0..ORDER_SWEEPS {
        if best_crossings == 0 {
            break;
        }
        let down = sweep % 2 == 0;
        let order: Vec<usize> = if down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for l in order {
            let mut keyed: Vec<(f32, usize, usize)> = layers[l]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let nb = if down { &verts[v].up } else { &verts[v].down };
                    let key = if nb.is_empty() {
                        i as f32
                    } else {
                        nb.iter().map(|&w| rank[w] as f32).sum::<f32>() / nb.len() as f32
                    };
                    (key, i, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            layers[l] = keyed.into_iter().map(|(_, _, v)| v).collect();
            for (i, &v) in layers[l].iter().enumerate() {
                rank[v] = i;
            }
        }
        let c = crossings(layers, verts, &rank);
        if c < best_crossings {
            best_crossings = c;
            best = layers.to_vec();
        }
    }
    layers.clone_from_slice(&best);
}

/// Edge crossings between consecutive layers, counted with an accumulator tree (Barth, Jünger
/// and Mutzel): O(e log v) per pair of layers.
fn crossings(layers: &[Vec<usize>], verts: &[Vertex], rank: &[usize]) -> usize {
    let mut total = 0;
    for pair in layers.windows(2) {
        let below = pair[1].len();
        if below < 2 {
            continue;
        }
        let mut ends: Vec<(usize, usize)> = pair[0]
            .iter()
            .flat_map(|&v| verts[v].down.iter().map(move |&w| (rank[v], rank[w])))
            .collect();
        ends.sort_unstable();
        let mut first = 1;
        while first < below {
            first *= 2;
        }
        let mut tree = vec![0usize; 2 * first - 1];
        let first = first - 1;
        for (_, b) in ends {
            let mut i = b + first;
            tree[i] += 1;
            while i > 0 {
                if i % 2 == 1 {
                    total += tree[i + 1];
                }
                i = (i - 1) / 2;
                tree[i] += 1;
            }
        }
    }
    total
}

/// Centres as near `want` as they can be while consecutive centres stay at least `gaps` apart
/// (least squares, by pooling adjacent violators).
fn spaced(want: &[f32], gaps: &[f32]) -> Vec<f32> {
    let mut offset = Vec::with_capacity(want.len());
    let mut acc = 0.0;
    for i in 0..want.len() {
        offset.push(acc);
        if let Some(g) = gaps.get(i) {
            acc += g;
        }
    }
    // Blocks of (mean, count) over want - offset, kept non-decreasing.
    let mut blocks: Vec<(f32, usize)> = Vec::new();
    for (w, o) in want.iter().zip(&offset) {
        let mut b = (w - o, 1usize);
        while let Some(&(m, c)) = blocks.last() {
            if m <= b.0 {
                break;
            }
            blocks.pop();
            let count = c + b.1;
            b = ((m * c as f32 + b.0 * b.1 as f32) / count as f32, count);
        }
        blocks.push(b);
    }
    let mut out = Vec::with_capacity(want.len());
    for (m, c) in blocks {
        for _ in 0..c {
            let i = out.len();
            out.push(m + offset[i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disjoint(block: &Block, sizes: &[(f32, f32)]) -> bool {
        for i in 0..sizes.len() {
            for j in i + 1..sizes.len() {
                let a = Rect::new(block.pos[i].0, block.pos[i].1, sizes[i].0, sizes[i].1);
                let b = Rect::new(block.pos[j].0, block.pos[j].1, sizes[j].0, sizes[j].1);
                if overlaps(&a, &b) {
                    return false;
                }
            }
        }
        true
    }

    #[test]
    fn a_chain_flows_left_to_right_in_one_row() {
        let sizes = vec![(150.0, 64.0); 3];
        let block = layout_block(&sizes, &[(0, 1), (1, 2)], Direction::LeftToRight);
        assert!(block.pos[0].0 < block.pos[1].0 && block.pos[1].0 < block.pos[2].0);
        assert_eq!(block.pos[0].1, block.pos[2].1);
        assert!(disjoint(&block, &sizes));
    }

    #[test]
    fn a_cycle_is_laid_out_without_overlap() {
        let sizes = vec![(150.0, 64.0); 4];
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 3)];
        let block = layout_block(&sizes, &edges, Direction::TopToBottom);
        assert!(disjoint(&block, &sizes));
        assert!(block.pos[0].1 < block.pos[1].1, "{:?}", block.pos);
    }

    #[test]
    fn disconnected_parts_are_packed_without_overlap() {
        let sizes: Vec<(f32, f32)> = (0..20).map(|i| (150.0, 40.0 + i as f32)).collect();
        let block = layout_block(&sizes, &[(0, 1), (5, 6)], Direction::LeftToRight);
        assert!(disjoint(&block, &sizes));
        // Twenty boxes are not one column: packed into shelves.
        assert!(block.w > 300.0, "{}", block.w);
    }

    #[test]
    fn spacing_keeps_order_and_gaps() {
        let out = spaced(&[10.0, 10.0, 10.0], &[5.0, 5.0]);
        assert_eq!(out, vec![5.0, 10.0, 15.0]);
    }

    #[test]
    fn crossings_are_counted() {
        let verts = vec![
            Vertex {
                item: None,
                layer: 0,
                across: 1.0,
                up: vec![],
                down: vec![3],
            },
            Vertex {
                item: None,
                layer: 0,
                across: 1.0,
                up: vec![],
                down: vec![2],
            },
            Vertex {
                item: None,
                layer: 1,
                across: 1.0,
                up: vec![1],
                down: vec![],
            },
            Vertex {
                item: None,
                layer: 1,
                across: 1.0,
                up: vec![0],
                down: vec![],
            },
        ];
        let layers = vec![vec![0, 1], vec![2, 3]];
        assert_eq!(crossings(&layers, &verts, &[0, 1, 0, 1]), 1);
    }
}
