//! Edits: the only way a design changes. The UI returns `Edit`s; the app applies them, and each
//! applied edit returns its inverse, which the undo history keeps.

use super::design::{
    Container, Design, Edge, Metadata, Node, Pos, Rect, ReviewLevel, Suppression, Workload,
};
use super::ids::{ContainerId, EdgeId, NodeId};
use std::collections::{HashMap, HashSet};

/// One change to a design. Applying an edit returns the edit that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Inserts a node at position `at` of the node list (clamped to the end).
    InsertNode {
        at: usize,
        node: Node,
    },
    /// Removes a node and every edge touching it.
    RemoveNode {
        id: NodeId,
    },
    /// Replaces the node with the same id (properties, label, position, container).
    SetNode(Node),
    /// Inserts an edge at position `at` of the edge list.
    InsertEdge {
        at: usize,
        edge: Edge,
    },
    /// Removes an edge.
    RemoveEdge {
        id: EdgeId,
    },
    /// Replaces the edge with the same id.
    SetEdge(Edge),
    /// Inserts a container at position `at` of the container list.
    InsertContainer {
        at: usize,
        container: Container,
    },
    /// Removes a container; its nodes and child containers move to its parent.
    RemoveContainer {
        id: ContainerId,
    },
    /// Replaces the container with the same id.
    SetContainer(Container),
    /// Moves nodes and containers by a canvas offset (containers do not carry their contents
    /// here: the caller lists every element to move).
    Move {
        nodes: Vec<NodeId>,
        containers: Vec<ContainerId>,
        dx: f32,
        dy: f32,
    },
    /// Puts nodes and containers at exact positions (the inverse of a [`Edit::Move`]: one
    /// entry per element, applied in one pass however many there are).
    SetPlaces {
        nodes: Vec<(NodeId, Pos)>,
        containers: Vec<(ContainerId, Rect)>,
    },
    /// Removes many elements in one pass (a big delete is linear, not one scan per element):
    /// the listed edges, nodes and containers, and every edge touching one of them. What a
    /// removed container held (and was not removed) moves to its nearest surviving ancestor.
    RemoveMany {
        nodes: Vec<NodeId>,
        edges: Vec<EdgeId>,
        containers: Vec<ContainerId>,
    },
    /// Puts removed elements back at their indices (ascending, as in the lists they were taken
    /// from) and gives the nodes and containers that were handed to an ancestor their old
    /// container back: the inverse of [`Edit::RemoveMany`].
    Restore {
        nodes: Vec<(usize, Node)>,
        edges: Vec<(usize, Edge)>,
        containers: Vec<(usize, Container)>,
        members: Vec<(NodeId, Option<ContainerId>)>,
        children: Vec<(ContainerId, Option<ContainerId>)>,
    },
    /// Puts the nodes in this order (the drawing order: later nodes are drawn over earlier
    /// ones). Ids missing from the list keep their place after the listed ones; unknown ids
    /// are ignored.
    OrderNodes(Vec<NodeId>),
    SetMetadata(Metadata),
    SetWorkload(Workload),
    SetReviewLevel(ReviewLevel),
    SetSuppressions(Vec<Suppression>),
    /// Several edits applied in order as one undo step.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Applies the edit and returns its inverse, which restores the design exactly (bit for
    /// bit, so undo after redo after undo never drifts). An edit that names a missing element
    /// changes nothing and returns an empty batch.
    pub fn apply(self, d: &mut Design) -> Edit {
        match self {
            Edit::InsertNode { at, node } => {
                let id = node.id.clone();
                let at = at.min(d.nodes.len());
                d.nodes.insert(at, node);
                Edit::RemoveNode { id }
            }
            Edit::RemoveNode { id } => {
                let Some(pos) = d.nodes.iter().position(|n| n.id == id) else {
                    return Edit::Batch(Vec::new());
                };
                // Remove touching edges first (recording them, in reverse for the undo).
                let mut undo = Vec::new();
                let mut i = 0;
                let mut removed_edges = Vec::new();
                while i < d.edges.len() {
                    if d.edges[i].from == id || d.edges[i].to == id {
                        removed_edges.push((i + removed_edges.len(), d.edges.remove(i)));
                    } else {
                        i += 1;
                    }
                }
                let node = d.nodes.remove(pos);
                undo.push(Edit::InsertNode { at: pos, node });
                for (at, edge) in removed_edges {
                    undo.push(Edit::InsertEdge { at, edge });
                }
                Edit::Batch(undo)
            }
            Edit::SetNode(node) => match d.nodes.iter_mut().find(|n| n.id == node.id) {
                Some(slot) => Edit::SetNode(std::mem::replace(slot, node)),
                None => Edit::Batch(Vec::new()),
            },
            Edit::InsertEdge { at, edge } => {
                let id = edge.id.clone();
                let at = at.min(d.edges.len());
                d.edges.insert(at, edge);
                Edit::RemoveEdge { id }
            }
            Edit::RemoveEdge { id } => match d.edges.iter().position(|e| e.id == id) {
                Some(at) => Edit::InsertEdge {
                    at,
                    edge: d.edges.remove(at),
                },
                None => Edit::Batch(Vec::new()),
            },
            Edit::SetEdge(edge) => match d.edges.iter_mut().find(|e| e.id == edge.id) {
                Some(slot) => Edit::SetEdge(std::mem::replace(slot, edge)),
                None => Edit::Batch(Vec::new()),
            },
            Edit::InsertContainer { at, container } => {
                let id = container.id.clone();
                let at = at.min(d.containers.len());
                d.containers.insert(at, container);
                Edit::RemoveContainer { id }
            }
            Edit::RemoveContainer { id } => {
                let Some(at) = d.containers.iter().position(|c| c.id == id) else {
                    return Edit::Batch(Vec::new());
                };
                let parent = d.containers[at].parent.clone();
                let mut undo = Vec::new();
                // Edges that end at the container go with it (recorded first, so the undo
                // restores them after the container is back).
                let mut removed_edges = Vec::new();
                let mut i = 0;
                while i < d.edges.len() {
                    if d.edges[i].from.as_str() == id.as_str()
                        || d.edges[i].to.as_str() == id.as_str()
                    {
                        removed_edges.push((i + removed_edges.len(), d.edges.remove(i)));
                    } else {
                        i += 1;
                    }
                }
                for n in d
                    .nodes
                    .iter_mut()
                    .filter(|n| n.container.as_ref() == Some(&id))
                {
                    undo.push(Edit::SetNode(n.clone()));
                    n.container = parent.clone();
                }
                for c in d
                    .containers
                    .iter_mut()
                    .filter(|c| c.parent.as_ref() == Some(&id))
                {
                    undo.push(Edit::SetContainer(c.clone()));
                    c.parent = parent.clone();
                }
                let container = d.containers.remove(at);
                // Undo re-inserts the container first, then restores memberships and edges.
                undo.insert(0, Edit::InsertContainer { at, container });
                for (at, edge) in removed_edges {
                    undo.push(Edit::InsertEdge { at, edge });
                }
                Edit::Batch(undo)
            }
            Edit::SetContainer(container) => {
                match d.containers.iter_mut().find(|c| c.id == container.id) {
                    Some(slot) => Edit::SetContainer(std::mem::replace(slot, container)),
                    None => Edit::Batch(Vec::new()),
                }
            }
            Edit::Move {
                nodes,
                containers,
                dx,
                dy,
            } => {
                // The inverse restores each moved element as it was: subtracting the offset
                // again does not always give the same floats back, and undo must be exact.
                // Positions stay within the range the loader accepts.
                let coord = super::values::clamp_coord;
                let nodes: HashSet<&NodeId> = nodes.iter().collect();
                let containers: HashSet<&ContainerId> = containers.iter().collect();
                let mut old_nodes = Vec::new();
                for n in d.nodes.iter_mut().filter(|n| nodes.contains(&n.id)) {
                    old_nodes.push((n.id.clone(), n.pos));
                    n.pos = Pos::new(coord(n.pos.x + dx), coord(n.pos.y + dy));
                }
                let mut old_containers = Vec::new();
                for c in d
                    .containers
                    .iter_mut()
                    .filter(|c| containers.contains(&c.id))
                {
                    old_containers.push((c.id.clone(), c.rect));
                    c.rect.x = coord(c.rect.x + dx);
                    c.rect.y = coord(c.rect.y + dy);
                }
                Edit::SetPlaces {
                    nodes: old_nodes,
                    containers: old_containers,
                }
            }
            Edit::SetPlaces { nodes, containers } => {
                let nodes: HashMap<NodeId, Pos> = nodes.into_iter().collect();
                let containers: HashMap<ContainerId, Rect> = containers.into_iter().collect();
                let mut old_nodes = Vec::new();
                for n in d.nodes.iter_mut() {
                    if let Some(&pos) = nodes.get(&n.id) {
                        old_nodes.push((n.id.clone(), std::mem::replace(&mut n.pos, pos)));
                    }
                }
                let mut old_containers = Vec::new();
                for c in d.containers.iter_mut() {
                    if let Some(&rect) = containers.get(&c.id) {
                        old_containers.push((c.id.clone(), std::mem::replace(&mut c.rect, rect)));
                    }
                }
                Edit::SetPlaces {
                    nodes: old_nodes,
                    containers: old_containers,
                }
            }
            Edit::RemoveMany {
                nodes,
                edges,
                containers,
            } => {
                let nodes: HashSet<NodeId> = nodes.into_iter().collect();
                let edges: HashSet<EdgeId> = edges.into_iter().collect();
                let gone: HashSet<ContainerId> = containers.into_iter().collect();
                // Where the contents of a removed container go: its nearest surviving
                // ancestor (the walk is bounded, so a parent cycle in a file cannot hang it).
                let parent: HashMap<&ContainerId, Option<&ContainerId>> = d
                    .containers
                    .iter()
                    .map(|c| (&c.id, c.parent.as_ref()))
                    .collect();
                let survivor = |start: &ContainerId| -> Option<ContainerId> {
                    let mut at = Some(start);
                    for _ in 0..=parent.len() {
                        match at {
                            Some(c) if gone.contains(c) => at = parent.get(c).copied().flatten(),
                            _ => break,
                        }
                    }
                    at.filter(|c| !gone.contains(*c)).cloned()
                };
                let mut members = Vec::new();
                let mut new_container = HashMap::new();
                for n in d.nodes.iter().filter(|n| !nodes.contains(&n.id)) {
                    if let Some(c) = n.container.as_ref().filter(|c| gone.contains(*c)) {
                        members.push((n.id.clone(), n.container.clone()));
                        new_container.insert(n.id.clone(), survivor(c));
                    }
                }
                let mut children = Vec::new();
                let mut new_parent = HashMap::new();
                for c in d.containers.iter().filter(|c| !gone.contains(&c.id)) {
                    if let Some(p) = c.parent.as_ref().filter(|p| gone.contains(*p)) {
                        children.push((c.id.clone(), c.parent.clone()));
                        new_parent.insert(c.id.clone(), survivor(p));
                    }
                }
                drop(parent);
                for n in d.nodes.iter_mut() {
                    if let Some(c) = new_container.remove(&n.id) {
                        n.container = c;
                    }
                }
                for c in d.containers.iter_mut() {
                    if let Some(p) = new_parent.remove(&c.id) {
                        c.parent = p;
                    }
                }
                let ends_gone = |end: &NodeId| nodes.contains(end) || gone.contains(end.as_str());
                let removed_edges = take_where(&mut d.edges, |e| {
                    edges.contains(&e.id) || ends_gone(&e.from) || ends_gone(&e.to)
                });
                let removed_nodes = take_where(&mut d.nodes, |n| nodes.contains(&n.id));
                let removed_containers = take_where(&mut d.containers, |c| gone.contains(&c.id));
                Edit::Restore {
                    nodes: removed_nodes,
                    edges: removed_edges,
                    containers: removed_containers,
                    members,
                    children,
                }
            }
            Edit::Restore {
                nodes,
                edges,
                containers,
                members,
                children,
            } => {
                let undo = Edit::RemoveMany {
                    nodes: nodes.iter().map(|(_, n)| n.id.clone()).collect(),
                    edges: edges.iter().map(|(_, e)| e.id.clone()).collect(),
                    containers: containers.iter().map(|(_, c)| c.id.clone()).collect(),
                };
                put_back(&mut d.containers, containers);
                put_back(&mut d.nodes, nodes);
                put_back(&mut d.edges, edges);
                let mut members: HashMap<NodeId, Option<ContainerId>> =
                    members.into_iter().collect();
                for n in d.nodes.iter_mut() {
                    if let Some(c) = members.remove(&n.id) {
                        n.container = c;
                    }
                }
                let mut children: HashMap<ContainerId, Option<ContainerId>> =
                    children.into_iter().collect();
                for c in d.containers.iter_mut() {
                    if let Some(p) = children.remove(&c.id) {
                        c.parent = p;
                    }
                }
                undo
            }
            Edit::OrderNodes(order) => {
                let old: Vec<NodeId> = d.nodes.iter().map(|n| n.id.clone()).collect();
                let rank: HashMap<&NodeId, usize> =
                    order.iter().enumerate().map(|(i, id)| (id, i)).collect();
                // A stable sort: unlisted nodes keep their relative order, after the rest.
                d.nodes
                    .sort_by_key(|n| rank.get(&n.id).copied().unwrap_or(usize::MAX));
                Edit::OrderNodes(old)
            }
            Edit::SetMetadata(m) => Edit::SetMetadata(std::mem::replace(&mut d.metadata, m)),
            Edit::SetWorkload(w) => Edit::SetWorkload(std::mem::replace(&mut d.workload, w)),
            Edit::SetReviewLevel(l) => {
                Edit::SetReviewLevel(std::mem::replace(&mut d.review_level, l))
            }
            Edit::SetSuppressions(s) => {
                Edit::SetSuppressions(std::mem::replace(&mut d.suppressions, s))
            }
            Edit::Batch(edits) => {
                let mut undo: Vec<Edit> = edits.into_iter().map(|e| e.apply(d)).collect();
                undo.reverse();
                Edit::Batch(undo)
            }
        }
    }

    /// Whether applying this edit changes nothing (an empty batch).
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::Batch(v) => v.iter().all(Edit::is_noop),
            Edit::Move {
                nodes,
                containers,
                dx,
                dy,
            } => (nodes.is_empty() && containers.is_empty()) || (*dx == 0.0 && *dy == 0.0),
            Edit::SetPlaces { nodes, containers } => nodes.is_empty() && containers.is_empty(),
            Edit::OrderNodes(order) => order.is_empty(),
            Edit::RemoveMany {
                nodes,
                edges,
                containers,
            } => nodes.is_empty() && edges.is_empty() && containers.is_empty(),
            Edit::Restore {
                nodes,
                edges,
                containers,
                ..
            } => nodes.is_empty() && edges.is_empty() && containers.is_empty(),
            _ => false,
        }
    }
}

/// Takes the items `remove` picks out of `list` in one pass, each with the index it had.
fn take_where<T>(list: &mut Vec<T>, remove: impl Fn(&T) -> bool) -> Vec<(usize, T)> {
    let mut kept = Vec::with_capacity(list.len());
    let mut taken = Vec::new();
    for (i, item) in std::mem::take(list).into_iter().enumerate() {
        if remove(&item) {
            taken.push((i, item));
        } else {
            kept.push(item);
        }
    }
    *list = kept;
    taken
}

/// Inserts items at the indices they had (ascending, as [`take_where`] gives them) in one
/// pass; an index past the end appends.
fn put_back<T>(list: &mut Vec<T>, items: Vec<(usize, T)>) {
    if items.is_empty() {
        return;
    }
    let mut rest = std::mem::take(list).into_iter();
    let mut out = Vec::with_capacity(rest.len() + items.len());
    for (at, item) in items {
        while out.len() < at {
            match rest.next() {
                Some(x) => out.push(x),
                None => break,
            }
        }
        out.push(item);
    }
    out.extend(rest);
    *list = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn a_move_and_its_undo_touch_every_listed_element_exactly() {
        let mut d = synthetic::design(40);
        let original = d.clone();
        let nodes: Vec<NodeId> = d.nodes.iter().map(|n| n.id.clone()).collect();
        let containers: Vec<ContainerId> = d.containers.iter().map(|c| c.id.clone()).collect();
        let count = nodes.len();
        let undo = Edit::Move {
            nodes,
            containers,
            dx: 0.1,
            dy: -7.3,
        }
        .apply(&mut d);
        assert!(matches!(&undo, Edit::SetPlaces { nodes, .. } if nodes.len() == count));
        assert_eq!(d.nodes[5].pos.y, original.nodes[5].pos.y - 7.3);
        let redo = undo.apply(&mut d);
        assert_eq!(d, original);
        redo.apply(&mut d);
        assert_eq!(d.nodes[5].pos.x, original.nodes[5].pos.x + 0.1);
    }

    #[test]
    fn removing_many_hands_contents_to_the_nearest_survivor_and_restores_exactly() {
        let mut d = synthetic::design(40);
        let original = d.clone();
        // An inner container whose parent is also removed: its contents go to the grandparent.
        let nested_two_deep = |c: &Container| {
            c.parent.as_ref().is_some_and(|p| {
                d.container(p.as_str())
                    .is_some_and(|pc| pc.parent.is_some())
            })
        };
        let inner = d
            .nodes
            .iter()
            .filter_map(|n| n.container.as_ref())
            .filter_map(|c| d.container(c.as_str()))
            .find(|c| nested_two_deep(c))
            .expect("a node in a container nested two deep")
            .clone();
        let middle = inner.parent.clone().expect("parent");
        let top = d
            .container(middle.as_str())
            .and_then(|c| c.parent.clone())
            .expect("grandparent");
        let member = d
            .nodes
            .iter()
            .find(|n| n.container.as_ref() == Some(&inner.id))
            .expect("a node in the inner container")
            .id
            .clone();
        let removed_node = d.nodes[0].id.clone();
        let touching = d
            .edges
            .iter()
            .filter(|e| e.from == removed_node || e.to == removed_node)
            .count();
        let lone_edge = d
            .edges
            .iter()
            .find(|e| e.from != removed_node && e.to != removed_node)
            .expect("another edge")
            .id
            .clone();
        let undo = Edit::RemoveMany {
            nodes: vec![removed_node.clone(), NodeId::new("missing")],
            edges: vec![lone_edge],
            containers: vec![inner.id.clone(), middle.clone()],
        }
        .apply(&mut d);
        assert_eq!(d.nodes.len(), original.nodes.len() - 1);
        assert_eq!(d.edges.len(), original.edges.len() - touching - 1);
        assert_eq!(d.containers.len(), original.containers.len() - 2);
        assert_eq!(d.node(member.as_str()).expect("kept").container, Some(top));
        let removed = d.clone();
        let redo = undo.apply(&mut d);
        assert_eq!(d, original, "undo restores order, contents and memberships");
        redo.apply(&mut d);
        assert_eq!(d, removed);
    }

    #[test]
    fn put_back_inserts_at_the_old_indices() {
        let mut list = vec!['a', 'b', 'c', 'd', 'e'];
        let taken = take_where(&mut list, |c| matches!(c, 'a' | 'c' | 'e'));
        assert_eq!(list, vec!['b', 'd']);
        put_back(&mut list, taken);
        assert_eq!(list, vec!['a', 'b', 'c', 'd', 'e']);
    }
}
