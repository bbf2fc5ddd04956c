//! Arranging a selection, as draw.io and tldraw do: align edges or centres, distribute with
//! equal gaps, give containers one size, bring nodes to the front or send them to the back,
//! group into a `group` container and ungroup, lock and unlock. Each function returns the one
//! edit that does it (`None` when nothing would change). Locked nodes never move; a selected
//! container carries what it holds.

use crate::model::{
    Container, ContainerId, ContainerKind, Design, Edit, NodeId, Pos, Rect, catalog, values,
};
use std::collections::{BTreeSet, HashMap, HashSet};

/// One arranging operation on the selected nodes and containers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    AlignLeft,
    AlignCentre,
    AlignRight,
    AlignTop,
    AlignMiddle,
    AlignBottom,
    /// Equal horizontal gaps between the items, the leftmost and rightmost staying put.
    DistributeHorizontally,
    /// Equal vertical gaps, the top and bottom items staying put.
    DistributeVertically,
    /// Every selected container as wide as the widest (nodes have one size).
    SameWidth,
    /// Every selected container as tall as the tallest.
    SameHeight,
    /// Both.
    SameSize,
}

/// Margin between a new group's border and the nodes it holds, in canvas units.
pub const GROUP_MARGIN: f32 = 30.0;

/// A movable thing: a node or a container (with its contents).
#[derive(Clone, Debug)]
enum Item {
    Node(usize),
    Container(usize),
}

/// The items an arrangement moves: selected nodes that are not locked and not inside a
/// selected container, and selected containers not inside another selected one; each with
/// its rectangle.
fn items(
    design: &Design,
    nodes: &BTreeSet<NodeId>,
    containers: &BTreeSet<ContainerId>,
) -> Vec<(Item, Rect)> {
    let parent: HashMap<&ContainerId, Option<&ContainerId>> = design
        .containers
        .iter()
        .map(|c| (&c.id, c.parent.as_ref()))
        .collect();
    // Whether a selected container holds `start` (the walk is bounded: a parent cycle in a
    // file cannot hang it).
    let inside_selected = |start: Option<&ContainerId>| {
        let mut at = start;
        for _ in 0..=parent.len() {
            match at {
                Some(c) if containers.contains(c) => return true,
                Some(c) => at = parent.get(c).copied().flatten(),
                None => return false,
            }
        }
        false
    };
    let mut out = Vec::new();
    for (i, n) in design.nodes.iter().enumerate() {
        if nodes.contains(&n.id)
            && n.props.locked != Some(true)
            && !inside_selected(n.container.as_ref())
        {
            out.push((Item::Node(i), super::node_rect(n)));
        }
    }
    for (i, c) in design.containers.iter().enumerate() {
        if containers.contains(&c.id) && !inside_selected(c.parent.as_ref()) {
            out.push((Item::Container(i), c.rect));
        }
    }
    out
}

/// The edit that moves each item by its own offset: nodes to their new place, containers with
/// everything nested in them (locked nodes inside stay put, like everywhere else).
fn moves_edit(design: &Design, moves: &[(Item, f32, f32)]) -> Option<Edit> {
    let mut node_offset: HashMap<usize, (f32, f32)> = HashMap::new();
    let mut container_offset: HashMap<usize, (f32, f32)> = HashMap::new();
    let index: HashMap<&ContainerId, usize> = design
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, i))
        .collect();
    for (item, dx, dy) in moves {
        if *dx == 0.0 && *dy == 0.0 {
            continue;
        }
        match item {
            Item::Node(i) => {
                node_offset.insert(*i, (*dx, *dy));
            }
            Item::Container(root) => {
                let held = descendants(design, *root);
                for &c in &held {
                    container_offset.insert(c, (*dx, *dy));
                }
                for (i, n) in design.nodes.iter().enumerate() {
                    let holder = n.container.as_ref().and_then(|c| index.get(c));
                    if holder.is_some_and(|c| held.contains(c)) && n.props.locked != Some(true) {
                        node_offset.insert(i, (*dx, *dy));
                    }
                }
            }
        }
    }
    let coord = values::clamp_coord;
    let nodes: Vec<(NodeId, Pos)> = node_offset
        .into_iter()
        .map(|(i, (dx, dy))| {
            let n = &design.nodes[i];
            (
                n.id.clone(),
                Pos::new(coord(n.pos.x + dx), coord(n.pos.y + dy)),
            )
        })
        .collect();
    let containers: Vec<(ContainerId, Rect)> = container_offset
        .into_iter()
        .map(|(i, (dx, dy))| {
            let c = &design.containers[i];
            let mut r = c.rect;
            r.x = coord(r.x + dx);
            r.y = coord(r.y + dy);
            (c.id.clone(), r)
        })
        .collect();
    let edit = Edit::SetPlaces { nodes, containers };
    (!edit.is_noop()).then_some(edit)
}

/// Container `root` and every container nested in it, as indices.
fn descendants(design: &Design, root: usize) -> HashSet<usize> {
    let mut out = HashSet::from([root]);
    loop {
        let before = out.len();
        for (i, c) in design.containers.iter().enumerate() {
            let held = c
                .parent
                .as_ref()
                .is_some_and(|p| out.iter().any(|&o| design.containers[o].id == *p));
            if held {
                out.insert(i);
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// The edit that carries out `how` on the selected nodes and containers; `None` when fewer
/// items than it needs are selected or nothing would change.
pub fn arrange(
    design: &Design,
    nodes: &BTreeSet<NodeId>,
    containers: &BTreeSet<ContainerId>,
    how: Arrangement,
) -> Option<Edit> {
    use Arrangement as A;
    if matches!(how, A::SameWidth | A::SameHeight | A::SameSize) {
        return same_size(design, containers, how);
    }
    let items = items(design, nodes, containers);
    let minimum = match how {
        A::DistributeHorizontally | A::DistributeVertically => 3,
        _ => 2,
    };
    if items.len() < minimum {
        return None;
    }
    let left = items.iter().map(|(_, r)| r.x).fold(f32::INFINITY, f32::min);
    let top = items.iter().map(|(_, r)| r.y).fold(f32::INFINITY, f32::min);
    let right = items
        .iter()
        .map(|(_, r)| r.x + r.w)
        .fold(f32::NEG_INFINITY, f32::max);
    let bottom = items
        .iter()
        .map(|(_, r)| r.y + r.h)
        .fold(f32::NEG_INFINITY, f32::max);
    let moves: Vec<(Item, f32, f32)> = match how {
        A::DistributeHorizontally => distribute(&items, |r| (r.x, r.w), |d| (d, 0.0)),
        A::DistributeVertically => distribute(&items, |r| (r.y, r.h), |d| (0.0, d)),
        _ => items
            .iter()
            .map(|(item, r)| {
                let (dx, dy) = match how {
                    A::AlignLeft => (left - r.x, 0.0),
                    A::AlignCentre => ((left + right) / 2.0 - (r.x + r.w / 2.0), 0.0),
                    A::AlignRight => (right - (r.x + r.w), 0.0),
                    A::AlignTop => (0.0, top - r.y),
                    A::AlignMiddle => (0.0, (top + bottom) / 2.0 - (r.y + r.h / 2.0)),
                    _ => (0.0, bottom - (r.y + r.h)),
                };
                (item.clone(), dx, dy)
            })
            .collect(),
    };
    moves_edit(design, &moves)
}

/// Offsets that leave equal gaps between the items along one axis (`span` gives an item's
/// start and length on it, `offset` turns a shift along it into dx, dy); the first and last
/// items stay put.
fn distribute(
    items: &[(Item, Rect)],
    span: impl Fn(&Rect) -> (f32, f32),
    offset: impl Fn(f32) -> (f32, f32),
) -> Vec<(Item, f32, f32)> {
    let mut sorted: Vec<&(Item, Rect)> = items.iter().collect();
    sorted.sort_by(|a, b| {
        let (sa, la) = span(&a.1);
        let (sb, lb) = span(&b.1);
        (sa + la / 2.0).total_cmp(&(sb + lb / 2.0))
    });
    let (first_start, _) = span(&sorted[0].1);
    let (last_start, last_len) = span(&sorted[sorted.len() - 1].1);
    let total: f32 = sorted.iter().map(|(_, r)| span(r).1).sum();
    let gap = (last_start + last_len - first_start - total) / (sorted.len() - 1) as f32;
    let mut at = first_start;
    let mut out = Vec::new();
    for (item, r) in sorted {
        let (start, len) = span(r);
        let (dx, dy) = offset(at - start);
        out.push((item.clone(), dx, dy));
        at += len + gap;
    }
    out
}

/// Gives every selected container the width and/or height of the largest.
fn same_size(
    design: &Design,
    containers: &BTreeSet<ContainerId>,
    how: Arrangement,
) -> Option<Edit> {
    let chosen: Vec<&Container> = design
        .containers
        .iter()
        .filter(|c| containers.contains(&c.id))
        .collect();
    if chosen.len() < 2 {
        return None;
    }
    let w = chosen.iter().map(|c| c.rect.w).fold(0.0, f32::max);
    let h = chosen.iter().map(|c| c.rect.h).fold(0.0, f32::max);
    let (set_w, set_h) = match how {
        Arrangement::SameWidth => (true, false),
        Arrangement::SameHeight => (false, true),
        _ => (true, true),
    };
    let places: Vec<(ContainerId, Rect)> = chosen
        .iter()
        .map(|c| {
            let mut r = c.rect;
            if set_w {
                r.w = w;
            }
            if set_h {
                r.h = h;
            }
            (c.id.clone(), r)
        })
        .filter(|(id, r)| design.container(id.as_str()).map(|c| c.rect) != Some(*r))
        .collect();
    (!places.is_empty()).then_some(Edit::SetPlaces {
        nodes: Vec::new(),
        containers: places,
    })
}

/// The edit that draws the selected nodes over the others (`front`) or under them, keeping
/// their order among themselves: the design's node order is the drawing order the file keeps.
pub fn restack(design: &Design, nodes: &BTreeSet<NodeId>, front: bool) -> Option<Edit> {
    let (chosen, rest): (Vec<&NodeId>, Vec<&NodeId>) = design
        .nodes
        .iter()
        .map(|n| &n.id)
        .partition(|id| nodes.contains(*id));
    if chosen.is_empty() {
        return None;
    }
    let order: Vec<NodeId> = if front {
        rest.into_iter().chain(chosen).cloned().collect()
    } else {
        chosen.into_iter().chain(rest).cloned().collect()
    };
    let same = order.iter().zip(&design.nodes).all(|(a, n)| *a == n.id);
    (!same).then_some(Edit::OrderNodes(order))
}

/// The edit that puts the selected nodes into a new `group` container around them (inside
/// the innermost container that holds the whole group), and the new container's id.
pub fn group(design: &Design, nodes: &BTreeSet<NodeId>) -> Option<(Edit, ContainerId)> {
    let members: Vec<_> = design
        .nodes
        .iter()
        .filter(|n| nodes.contains(&n.id))
        .collect();
    if members.is_empty() {
        return None;
    }
    let rects: Vec<Rect> = members.iter().map(|n| super::node_rect(n)).collect();
    let left = rects.iter().map(|r| r.x).fold(f32::INFINITY, f32::min) - GROUP_MARGIN;
    let top = rects.iter().map(|r| r.y).fold(f32::INFINITY, f32::min) - GROUP_MARGIN;
    let right = rects
        .iter()
        .map(|r| r.x + r.w)
        .fold(f32::NEG_INFINITY, f32::max);
    let bottom = rects
        .iter()
        .map(|r| r.y + r.h)
        .fold(f32::NEG_INFINITY, f32::max);
    let rect = Rect::new(
        values::clamp_coord(left),
        values::clamp_coord(top),
        values::clamp_size(right + GROUP_MARGIN - left),
        values::clamp_size(bottom + GROUP_MARGIN - top),
    );
    let id = ContainerId(design.fresh_id(catalog::container_info(ContainerKind::Group).key));
    let container = Container {
        id: id.clone(),
        kind: ContainerKind::Group,
        label: String::new(),
        rect,
        parent: super::innermost_container_around(design, &rect, |_| false),
        geo: None,
        props: Default::default(),
    };
    let mut edits = vec![Edit::InsertContainer {
        at: design.containers.len(),
        container,
    }];
    for n in members {
        let mut n = n.clone();
        n.container = Some(id.clone());
        edits.push(Edit::SetNode(n));
    }
    Some((Edit::Batch(edits), id))
}

/// The edit that removes the selected `group` containers, handing what they held to their
/// parents (other container kinds mean something to the rules and are left alone).
pub fn ungroup(design: &Design, containers: &BTreeSet<ContainerId>) -> Option<Edit> {
    let groups: Vec<ContainerId> = design
        .containers
        .iter()
        .filter(|c| containers.contains(&c.id) && c.kind == ContainerKind::Group)
        .map(|c| c.id.clone())
        .collect();
    (!groups.is_empty()).then(|| Edit::RemoveMany {
        nodes: Vec::new(),
        edges: Vec::new(),
        containers: groups,
    })
}

/// The edit that locks (or unlocks) the selected nodes: a locked node stays where it is when
/// the selection is dragged, nudged, arranged or laid out.
pub fn set_locked(design: &Design, nodes: &BTreeSet<NodeId>, locked: bool) -> Option<Edit> {
    let value = locked.then_some(true);
    let edits: Vec<Edit> = design
        .nodes
        .iter()
        .filter(|n| nodes.contains(&n.id) && n.props.locked != value)
        .map(|n| {
            let mut n = n.clone();
            n.props.locked = value;
            Edit::SetNode(n)
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Gap kept between a placed element and its neighbours, in canvas units.
pub const PLACE_GAP: f32 = 24.0;

/// The top-left corner for a new element of size `w` × `h` nearest to `centre` (its preferred
/// centre) where it overlaps no node, nor (when `clear_of_containers`, for a new container)
/// any container: candidates step outwards ring by ring on a grid of the element's size plus
/// a gap. Falls back to `centre` when the first 40 rings are full.
pub fn free_spot(design: &Design, w: f32, h: f32, centre: Pos, clear_of_containers: bool) -> Pos {
    let origin = Pos::new(centre.x - w / 2.0, centre.y - h / 2.0);
    let (step_x, step_y) = (w + PLACE_GAP, h + PLACE_GAP);
    let overlaps = |a: &Rect, b: &Rect| {
        a.x < b.x + b.w + PLACE_GAP / 2.0
            && b.x < a.x + a.w + PLACE_GAP / 2.0
            && a.y < b.y + b.h + PLACE_GAP / 2.0
            && b.y < a.y + a.h + PLACE_GAP / 2.0
    };
    let free = |r: &Rect| {
        design
            .nodes
            .iter()
            .all(|n| !overlaps(r, &super::node_rect(n)))
            && (!clear_of_containers || design.containers.iter().all(|c| !overlaps(r, &c.rect)))
    };
    for ring in 0..=40i32 {
        let mut spots: Vec<(i32, i32)> = (-ring..=ring)
            .flat_map(|i| (-ring..=ring).map(move |j| (i, j)))
            .filter(|(i, j)| i.abs().max(j.abs()) == ring)
            .collect();
        // Nearest first (in canvas distance), then left to right, top to bottom.
        spots.sort_by(|a, b| {
            let d = |(i, j): (i32, i32)| (i as f32 * step_x).hypot(j as f32 * step_y);
            d(*a).total_cmp(&d(*b)).then((a.1, a.0).cmp(&(b.1, b.0)))
        });
        for (i, j) in spots {
            let r = Rect::new(
                values::clamp_coord(origin.x + i as f32 * step_x),
                values::clamp_coord(origin.y + j as f32 * step_y),
                w,
                h,
            );
            if free(&r) {
                return Pos::new(r.x, r.y);
            }
        }
    }
    origin
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind};

    fn design() -> Design {
        let mut d = Design::empty("t");
        for (id, x, y) in [("a", 0.0, 0.0), ("b", 300.0, 40.0), ("c", 1000.0, 500.0)] {
            d.nodes
                .push(Node::new(id, NodeKind::AppServer, Pos::new(x, y)));
        }
        d
    }

    fn ids(list: &[&str]) -> BTreeSet<NodeId> {
        list.iter().map(|s| NodeId::new(*s)).collect()
    }

    fn after(d: &Design, edit: Option<Edit>) -> Design {
        let mut d = d.clone();
        edit.expect("an edit").apply(&mut d);
        d
    }

    fn pos(d: &Design, id: &str) -> Pos {
        d.node(id).expect("node").pos
    }

    #[test]
    fn align_lines_up_edges_and_centres() {
        let d = design();
        let all = ids(&["a", "b", "c"]);
        let none = BTreeSet::new();
        let left = after(&d, arrange(&d, &all, &none, Arrangement::AlignLeft));
        assert!(["a", "b", "c"].iter().all(|n| pos(&left, n).x == 0.0));
        assert_eq!(pos(&left, "c").y, 500.0, "only x changes");
        let right = after(&d, arrange(&d, &all, &none, Arrangement::AlignRight));
        assert!(["a", "b", "c"].iter().all(|n| pos(&right, n).x == 1000.0));
        let middle = after(&d, arrange(&d, &all, &none, Arrangement::AlignMiddle));
        assert!(["a", "b", "c"].iter().all(|n| pos(&middle, n).y == 250.0));
        let bottom = after(&d, arrange(&d, &all, &none, Arrangement::AlignBottom));
        assert!(["a", "b", "c"].iter().all(|n| pos(&bottom, n).y == 500.0));
        assert!(arrange(&d, &ids(&["a"]), &none, Arrangement::AlignLeft).is_none());
    }

    #[test]
    fn distribute_leaves_equal_gaps_and_keeps_the_ends() {
        let d = design();
        let out = after(
            &d,
            arrange(
                &d,
                &ids(&["a", "b", "c"]),
                &BTreeSet::new(),
                Arrangement::DistributeHorizontally,
            ),
        );
        assert_eq!(pos(&out, "a").x, 0.0);
        assert_eq!(pos(&out, "c").x, 1000.0);
        assert_eq!(pos(&out, "b").x, 500.0, "equal gaps either side");
        assert_eq!(pos(&out, "b").y, 40.0);
    }

    #[test]
    fn a_locked_node_does_not_move() {
        let mut d = design();
        d = after(&d, set_locked(&d, &ids(&["b"]), true));
        let out = after(
            &d,
            arrange(
                &d,
                &ids(&["a", "b", "c"]),
                &BTreeSet::new(),
                Arrangement::AlignTop,
            ),
        );
        assert_eq!(pos(&out, "b").y, 40.0);
        assert_eq!(pos(&out, "c").y, 0.0);
    }

    #[test]
    fn restack_group_and_ungroup() {
        let d = design();
        let front = after(&d, restack(&d, &ids(&["a"]), true));
        let order: Vec<&str> = front.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(order, ["b", "c", "a"]);
        assert!(
            restack(&front, &ids(&["a"]), true).is_none(),
            "already in front"
        );
        let (edit, id) = group(&d, &ids(&["a", "b"])).expect("groups");
        let grouped = after(&d, Some(edit));
        let g = grouped.container(id.as_str()).expect("the group");
        assert_eq!(g.kind, ContainerKind::Group);
        assert_eq!((g.rect.x, g.rect.y), (-GROUP_MARGIN, -GROUP_MARGIN));
        assert_eq!(grouped.node("a").expect("a").container, Some(id.clone()));
        assert_eq!(grouped.node("c").expect("c").container, None);
        let ungrouped = after(&grouped, ungroup(&grouped, &BTreeSet::from([id])));
        assert_eq!(ungrouped, d);
    }

    #[test]
    fn free_spots_do_not_overlap_and_stay_near_the_centre() {
        use crate::geometry::{NODE_H, NODE_W};
        let mut d = Design::empty("t");
        let centre = Pos::new(500.0, 300.0);
        for i in 0..12 {
            let at = free_spot(&d, NODE_W, NODE_H, centre, false);
            let r = Rect::new(at.x, at.y, NODE_W, NODE_H);
            for n in &d.nodes {
                let o = crate::geometry::node_rect(n);
                let apart =
                    r.x >= o.x + o.w || o.x >= r.x + r.w || r.y >= o.y + o.h || o.y >= r.y + r.h;
                assert!(apart, "node {i} at {at:?} overlaps {}", n.id);
            }
            assert!(
                (at.x - centre.x).abs() < 3.0 * NODE_W && (at.y - centre.y).abs() < 4.0 * NODE_H
            );
            d.nodes
                .push(Node::new(format!("n{i}"), NodeKind::Cache, at));
        }
        assert_eq!(
            d.nodes[0].pos,
            Pos::new(500.0 - NODE_W / 2.0, 300.0 - NODE_H / 2.0)
        );
    }

    #[test]
    fn same_size_takes_the_largest_container() {
        let mut d = design();
        for (id, w, h) in [("x", 100.0, 300.0), ("y", 200.0, 50.0)] {
            d.containers.push(Container {
                id: ContainerId::new(id),
                kind: ContainerKind::Group,
                label: String::new(),
                rect: Rect::new(0.0, 0.0, w, h),
                parent: None,
                geo: None,
                props: Default::default(),
            });
        }
        let both = BTreeSet::from([ContainerId::new("x"), ContainerId::new("y")]);
        let out = after(
            &d,
            arrange(&d, &BTreeSet::new(), &both, Arrangement::SameSize),
        );
        for id in ["x", "y"] {
            let r = out.container(id).expect("container").rect;
            assert_eq!((r.w, r.h), (200.0, 300.0));
        }
    }
}
