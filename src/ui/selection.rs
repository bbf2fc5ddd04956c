//! The editor's selection: sets of node, edge and container ids. Session state only (never
//! saved, never undone on its own); shared by the canvas, the panels and the app.

use crate::model::{ContainerId, Design, EdgeId, NodeId};
use std::collections::BTreeSet;

/// One selected element, for code that acts on a single element (inspector, rename).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Element {
    Node(NodeId),
    Edge(EdgeId),
    Container(ContainerId),
}

/// The selected nodes, edges and containers. Sorted sets, so iteration order is stable.
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

    /// A selection of one element.
    pub fn only(element: Element) -> Self {
        let mut s = Self::default();
        s.insert(element);
        s
    }

    /// Only this node.
    pub fn node(id: NodeId) -> Self {
        Self::only(Element::Node(id))
    }

    /// Only this edge.
    pub fn edge(id: EdgeId) -> Self {
        Self::only(Element::Edge(id))
    }

    /// Only this container.
    pub fn container(id: ContainerId) -> Self {
        Self::only(Element::Container(id))
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
        for e in other.iter() {
            self.toggle_element(e);
        }
    }

    /// A selection of these nodes.
    pub fn of_nodes(ids: impl IntoIterator<Item = NodeId>) -> Self {
        Self {
            nodes: ids.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Everything in the design.
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

    /// How many elements are selected.
    pub fn len(&self) -> usize {
        self.nodes.len() + self.edges.len() + self.containers.len()
    }

    /// Deselects everything.
    pub fn clear(&mut self) {
        self.nodes.clear();
        self.edges.clear();
        self.containers.clear();
    }

    /// Adds an element.
    pub fn insert(&mut self, element: Element) {
        match element {
            Element::Node(id) => {
                self.nodes.insert(id);
            }
            Element::Edge(id) => {
                self.edges.insert(id);
            }
            Element::Container(id) => {
                self.containers.insert(id);
            }
        }
    }

    /// Removes an element.
    pub fn remove(&mut self, element: &Element) {
        match element {
            Element::Node(id) => {
                self.nodes.remove(id);
            }
            Element::Edge(id) => {
                self.edges.remove(id);
            }
            Element::Container(id) => {
                self.containers.remove(id);
            }
        }
    }

    /// Whether an element is selected.
    pub fn contains(&self, element: &Element) -> bool {
        match element {
            Element::Node(id) => self.nodes.contains(id),
            Element::Edge(id) => self.edges.contains(id),
            Element::Container(id) => self.containers.contains(id),
        }
    }

    /// Adds the element if absent, removes it if present (shift/ctrl-click).
    pub fn toggle_element(&mut self, element: Element) {
        if self.contains(&element) {
            self.remove(&element);
        } else {
            self.insert(element);
        }
    }

    /// Whether node `id` is selected.
    pub fn has_node(&self, id: &str) -> bool {
        self.nodes.contains(id)
    }

    /// Whether edge `id` is selected.
    pub fn has_edge(&self, id: &str) -> bool {
        self.edges.contains(id)
    }

    /// Whether container `id` is selected.
    pub fn has_container(&self, id: &str) -> bool {
        self.containers.contains(id)
    }

    /// The element when exactly one is selected.
    pub fn single(&self) -> Option<Element> {
        if self.len() != 1 {
            return None;
        }
        self.iter().next()
    }

    /// Every selected element: nodes, then edges, then containers.
    pub fn iter(&self) -> impl Iterator<Item = Element> + '_ {
        self.nodes
            .iter()
            .cloned()
            .map(Element::Node)
            .chain(self.edges.iter().cloned().map(Element::Edge))
            .chain(self.containers.iter().cloned().map(Element::Container))
    }

    /// Drops ids that no longer exist in the design (after undo, delete or load).
    pub fn retain_existing(&mut self, design: &Design) {
        let nodes: BTreeSet<&str> = design.nodes.iter().map(|n| n.id.as_str()).collect();
        let edges: BTreeSet<&str> = design.edges.iter().map(|e| e.id.as_str()).collect();
        let containers: BTreeSet<&str> = design.containers.iter().map(|c| c.id.as_str()).collect();
        self.nodes.retain(|id| nodes.contains(id.as_str()));
        self.edges.retain(|id| edges.contains(id.as_str()));
        self.containers
            .retain(|id| containers.contains(id.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn toggle_adds_then_removes() {
        let mut s = Selection::new();
        s.toggle(&Selection::node(NodeId::new("a")));
        assert_eq!(s.single(), Some(Element::Node(NodeId::new("a"))));
        s.toggle_element(Element::Node(NodeId::new("a")));
        assert!(s.is_empty());
    }

    #[test]
    fn retain_existing_drops_deleted_ids() {
        let d = synthetic::design(5);
        let mut s = Selection::all(&d);
        let n = s.len();
        s.insert(Element::Node(NodeId::new("gone")));
        s.retain_existing(&d);
        assert_eq!(s.len(), n);
    }
}
