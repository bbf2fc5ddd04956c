//! The selection: which nodes, edges and containers the user has picked. Session state only;
//! it is never saved. Owned by the app; the canvas reads it and proposes new ones.

use crate::model::{ContainerId, Design, EdgeId, NodeId};
use std::collections::{BTreeSet, HashSet};

/// A set of selected node, edge and container ids (sorted, so iteration is deterministic).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub nodes: BTreeSet<NodeId>,
    pub edges: BTreeSet<EdgeId>,
    pub containers: BTreeSet<ContainerId>,
}

impl Selection {
    /// Nothing selected.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only this node.
    pub fn node(id: NodeId) -> Self {
        let mut s = Self::default();
        s.nodes.insert(id);
        s
    }

    /// Only this edge.
    pub fn edge(id: EdgeId) -> Self {
        let mut s = Self::default();
        s.edges.insert(id);
        s
    }

    /// Only this container.
    pub fn container(id: ContainerId) -> Self {
        let mut s = Self::default();
        s.containers.insert(id);
        s
    }

    /// Every node, edge and container of the design.
    pub fn all(design: &Design) -> Self {
        Self {
            nodes: design.nodes.iter().map(|n| n.id.clone()).collect(),
            edges: design.edges.iter().map(|e| e.id.clone()).collect(),
            containers: design.containers.iter().map(|c| c.id.clone()).collect(),
        }
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty() && self.containers.is_empty()
    }

    /// Number of selected items of every type.
    pub fn len(&self) -> usize {
        self.nodes.len() + self.edges.len() + self.containers.len()
    }

    /// Deselects everything.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Adds every item of `other`.
    pub fn extend(&mut self, other: &Selection) {
        self.nodes.extend(other.nodes.iter().cloned());
        self.edges.extend(other.edges.iter().cloned());
        self.containers.extend(other.containers.iter().cloned());
    }

    /// Adds the items of `other` that are not selected and removes those that are
    /// (shift/ctrl-click).
    pub fn toggle(&mut self, other: &Selection) {
        fn toggle_set<T: Ord + Clone>(set: &mut BTreeSet<T>, items: &BTreeSet<T>) {
            for i in items {
                if !set.remove(i) {
                    set.insert(i.clone());
                }
            }
        }
        toggle_set(&mut self.nodes, &other.nodes);
        toggle_set(&mut self.edges, &other.edges);
        toggle_set(&mut self.containers, &other.containers);
    }

    /// Drops ids that no longer exist in the design (after an undo or a delete).
    pub fn retain_existing(&mut self, design: &Design) {
        let nodes: HashSet<&str> = design.nodes.iter().map(|n| n.id.as_str()).collect();
        let edges: HashSet<&str> = design.edges.iter().map(|e| e.id.as_str()).collect();
        let containers: HashSet<&str> = design.containers.iter().map(|c| c.id.as_str()).collect();
        self.nodes.retain(|id| nodes.contains(id.as_str()));
        self.edges.retain(|id| edges.contains(id.as_str()));
        self.containers
            .retain(|id| containers.contains(id.as_str()));
    }
}
