//! Edits: the only way a design changes. The UI returns `Edit`s; the app applies them, and each
//! applied edit returns its inverse, which the undo history keeps.

use super::design::{
    Container, Design, Edge, Metadata, Node, Pos, ReviewLevel, Suppression, Workload,
};
use super::ids::{ContainerId, EdgeId, NodeId};

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
                let mut undo = Vec::new();
                for n in d.nodes.iter_mut().filter(|n| nodes.contains(&n.id)) {
                    undo.push(Edit::SetNode(n.clone()));
                    n.pos = Pos::new(n.pos.x + dx, n.pos.y + dy);
                }
                for c in d
                    .containers
                    .iter_mut()
                    .filter(|c| containers.contains(&c.id))
                {
                    undo.push(Edit::SetContainer(c.clone()));
                    c.rect.x += dx;
                    c.rect.y += dy;
                }
                Edit::Batch(undo)
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
            _ => false,
        }
    }
}
