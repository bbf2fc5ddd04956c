//! The container hierarchy of a design as the exporters draw it: a forest in which every
//! container has at most one parent. A parent that is missing, or a container that is part of
//! a containment cycle (which validation reports), goes to the top level, so walking the
//! hierarchy always ends and reaches every container.

use crate::model::{Container, Design, Node, catalog};
use std::collections::{HashMap, HashSet};

/// A container's one-line title in the text exports: its label and its kind
/// (`AZ a · Availability zone`).
pub fn title(c: &Container) -> String {
    format!(
        "{} · {}",
        c.display_label(),
        catalog::container_info(c.kind).name
    )
}

/// Container numbers (indices into `design.containers`) arranged as a forest.
pub struct Containers<'a> {
    design: &'a Design,
    by_id: HashMap<&'a str, usize>,
    parent: Vec<Option<usize>>,
    children: HashMap<Option<usize>, Vec<usize>>,
}

impl<'a> Containers<'a> {
    /// The hierarchy of `design`'s containers.
    pub fn new(design: &'a Design) -> Self {
        let by_id: HashMap<&str, usize> = design
            .containers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let declared = |i: usize| {
            design.containers[i]
                .parent
                .as_ref()
                .and_then(|p| by_id.get(p.as_str()).copied())
        };
        let on_cycle = |start: usize| {
            let mut seen = HashSet::new();
            let mut cur = start;
            while seen.insert(cur) {
                match declared(cur) {
                    Some(p) if p == start => return true,
                    Some(p) => cur = p,
                    None => return false,
                }
            }
            false // a cycle above `start`, not through it
        };
        let parent: Vec<Option<usize>> = (0..design.containers.len())
            .map(|i| declared(i).filter(|_| !on_cycle(i)))
            .collect();
        let mut children: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (c, &p) in parent.iter().enumerate() {
            children.entry(p).or_default().push(c);
        }
        Self {
            design,
            by_id,
            parent,
            children,
        }
    }

    /// The container `c` is drawn inside, if any.
    pub fn parent(&self, c: usize) -> Option<usize> {
        self.parent[c]
    }

    /// The container a node is drawn inside (`None` when it names none or a missing one).
    pub fn of_node(&self, node: &Node) -> Option<usize> {
        node.container
            .as_ref()
            .and_then(|c| self.by_id.get(c.as_str()).copied())
    }

    /// How many containers enclose container `c`.
    pub fn depth(&self, mut c: usize) -> usize {
        let mut depth = 0;
        while let Some(p) = self.parent[c] {
            depth += 1;
            c = p;
        }
        depth
    }

    /// Every container, parents before their children (outermost first, then file order).
    pub fn outermost_first(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.parent.len()).collect();
        order.sort_by_cached_key(|&c| (self.depth(c), c));
        order
    }

    /// The containers directly inside `parent` (`None`: the top level), in file order.
    pub fn children(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        self.children.get(&parent).into_iter().flatten().copied()
    }

    /// The node numbers directly inside each container (`None`: the top level), in file order.
    pub fn nodes_by_container(&self) -> HashMap<Option<usize>, Vec<usize>> {
        let mut out: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (i, n) in self.design.nodes.iter().enumerate() {
            out.entry(self.of_node(n)).or_default().push(i);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Container, ContainerId, ContainerKind, Rect};

    fn design(parents: &[(&str, Option<&str>)]) -> Design {
        let mut d = Design::empty("t");
        for (id, parent) in parents {
            d.containers.push(Container {
                id: ContainerId::new(*id),
                kind: ContainerKind::Region,
                label: String::new(),
                rect: Rect::new(0.0, 0.0, 1.0, 1.0),
                parent: parent.map(ContainerId::new),
                geo: None,
                props: Default::default(),
            });
        }
        d
    }

    #[test]
    fn cycles_and_missing_parents_go_to_the_top_level() {
        // a ⊃ b ⊃ c; d ⇄ e (a cycle) with f inside e; g inside a missing container.
        let d = design(&[
            ("a", None),
            ("b", Some("a")),
            ("c", Some("b")),
            ("d", Some("e")),
            ("e", Some("d")),
            ("f", Some("e")),
            ("g", Some("ghost")),
        ]);
        let t = Containers::new(&d);
        let parents: Vec<Option<usize>> = (0..7).map(|c| t.parent(c)).collect();
        assert_eq!(parents, [None, Some(0), Some(1), None, None, Some(4), None]);
        assert_eq!(t.depth(2), 2);
        assert_eq!(t.outermost_first(), [0, 3, 4, 6, 1, 5, 2]);
        assert_eq!(t.children(None).collect::<Vec<_>>(), [0, 3, 4, 6]);
    }
}
