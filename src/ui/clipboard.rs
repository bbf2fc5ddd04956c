//! Copy, cut, paste and duplicate of selections. A copied selection is a small design written
//! as RON text (the file format), so it travels through the system clipboard between windows
//! and designs; pasting gives every element a new id and keeps edges between pasted nodes.

use super::selection::Selection;
use crate::model::{Container, ContainerId, Design, EdgeId, Edit, Node, NodeId, file};
use std::collections::{BTreeSet, HashMap};

/// The first line of clipboard text Archway writes, so a paste can tell design text from
/// other text quickly.
const MARKER: &str = "// archway clipboard";

/// The selected elements as a stand-alone design: selected nodes, selected containers (with
/// their contents' nodes only when selected), and edges whose both ends (nodes or containers)
/// are copied.
pub fn copy_design(design: &Design, selection: &Selection) -> Design {
    let mut out = Design::empty("clipboard");
    out.version = design.version;
    // Containers: selected ones, plus nodes inside selected containers.
    let containers: BTreeSet<&str> = selection.containers.iter().map(|c| c.as_str()).collect();
    for c in &design.containers {
        if containers.contains(c.id.as_str()) {
            let mut c = c.clone();
            if c.parent
                .as_ref()
                .is_some_and(|p| !containers.contains(p.as_str()))
            {
                c.parent = None;
            }
            out.containers.push(c);
        }
    }
    let mut nodes: BTreeSet<&str> = selection.nodes.iter().map(|n| n.as_str()).collect();
    for n in &design.nodes {
        if n.container
            .as_ref()
            .is_some_and(|c| containers.contains(c.as_str()))
        {
            nodes.insert(n.id.as_str());
        }
    }
    for n in &design.nodes {
        if nodes.contains(n.id.as_str()) {
            let mut n = n.clone();
            if n.container
                .as_ref()
                .is_some_and(|c| !containers.contains(c.as_str()))
            {
                n.container = None;
            }
            out.nodes.push(n);
        }
    }
    // An edge end names a node or, meaning "any member", a container.
    let copied = |end: &str| nodes.contains(end) || containers.contains(end);
    for e in &design.edges {
        if copied(e.from.as_str()) && copied(e.to.as_str()) {
            out.edges.push(e.clone());
        }
    }
    out
}

/// Clipboard text for the selection (empty selection: `None`).
pub fn copy_text(design: &Design, selection: &Selection) -> Option<String> {
    if selection.is_empty() {
        return None;
    }
    let piece = copy_design(design, selection);
    if piece.nodes.is_empty() && piece.containers.is_empty() {
        return None;
    }
    Some(format!("{MARKER}\n{}", file::to_string(&piece)))
}

/// Reads clipboard text written by [`copy_text`] (or any design file text). `None` when the
/// text is not a design.
pub fn parse_text(text: &str) -> Option<Design> {
    let body = text.trim_start();
    let body = body.strip_prefix(MARKER).unwrap_or(body);
    if !body.trim_start().starts_with('(') && !body.contains("version") {
        return None;
    }
    file::parse(body).ok()
}

/// The top-left corner of everything in a piece (canvas units).
fn piece_origin(piece: &Design) -> (f32, f32) {
    let xs = piece
        .nodes
        .iter()
        .map(|n| (n.pos.x, n.pos.y))
        .chain(piece.containers.iter().map(|c| (c.rect.x, c.rect.y)));
    let mut min = (f32::INFINITY, f32::INFINITY);
    for (x, y) in xs {
        min.0 = min.0.min(x);
        min.1 = min.1.min(y);
    }
    if min.0.is_finite() { min } else { (0.0, 0.0) }
}

/// The edit that pastes `piece` into `design` with its top-left corner at `at_in_canvas`
/// (or offset by `at_in_canvas` when `None`… see [`Placement`]), and the selection of the
/// pasted elements. Every element gets a fresh id; references inside the piece follow.
pub fn paste_edit(design: &Design, piece: &Design, placement: Placement) -> (Edit, Selection) {
    let (ox, oy) = piece_origin(piece);
    let (dx, dy) = match placement {
        Placement::At(x, y) => (x - ox, y - oy),
        Placement::Offset(dx, dy) => (dx, dy),
    };
    // Fresh ids, unique against the design and against each other.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut fresh = |base: &str| {
        let id = crate::model::ids::unique_id(base, |c| design.id_taken(c) || taken.contains(c));
        taken.insert(id.clone());
        id
    };
    let container_ids: HashMap<String, String> = piece
        .containers
        .iter()
        .map(|c| (c.id.0.clone(), fresh(c.id.as_str())))
        .collect();
    let node_ids: HashMap<String, String> = piece
        .nodes
        .iter()
        .map(|n| (n.id.0.clone(), fresh(n.id.as_str())))
        .collect();
    let renames = Renames {
        containers: container_ids,
        nodes: node_ids,
    };
    let mut edits = Vec::new();
    let mut selection = Selection::new();
    for (i, c) in piece.containers.iter().enumerate() {
        let c = renames.container(c, dx, dy);
        selection.containers.insert(c.id.clone());
        edits.push(Edit::InsertContainer {
            at: design.containers.len() + i,
            container: c,
        });
    }
    for (i, n) in piece.nodes.iter().enumerate() {
        let n = renames.node(n, dx, dy);
        selection.nodes.insert(n.id.clone());
        edits.push(Edit::InsertNode {
            at: design.nodes.len() + i,
            node: n,
        });
    }
    // An edge end is a pasted node or a pasted container ("any member").
    let end = |id: &str| renames.nodes.get(id).or_else(|| renames.containers.get(id));
    for (i, e) in piece.edges.iter().enumerate() {
        let (Some(from), Some(to)) = (end(e.from.as_str()), end(e.to.as_str())) else {
            continue;
        };
        let mut e = e.clone();
        e.id = EdgeId(fresh(e.id.as_str()));
        e.from = NodeId(from.clone());
        e.to = NodeId(to.clone());
        selection.edges.insert(e.id.clone());
        edits.push(Edit::InsertEdge {
            at: design.edges.len() + i,
            edge: e,
        });
    }
    (Edit::Batch(edits), selection)
}

/// The fresh ids of a pasted piece's containers and nodes, by their ids in the piece.
struct Renames {
    containers: HashMap<String, String>,
    nodes: HashMap<String, String>,
}

impl Renames {
    /// The pasted copy of container `c`: new id, parent followed when it was copied too,
    /// moved by (`dx`, `dy`).
    fn container(&self, c: &Container, dx: f32, dy: f32) -> Container {
        let mut c = c.clone();
        c.id = ContainerId(self.containers[&c.id.0].clone());
        c.parent = c
            .parent
            .as_ref()
            .and_then(|p| self.containers.get(&p.0))
            .map(|p| ContainerId(p.clone()));
        c.rect.x += dx;
        c.rect.y += dy;
        c
    }

    /// The pasted copy of node `n`: new id, container and references to other copied nodes
    /// followed, moved by (`dx`, `dy`).
    fn node(&self, n: &Node, dx: f32, dy: f32) -> Node {
        let mut n = n.clone();
        n.id = NodeId(self.nodes[&n.id.0].clone());
        n.container = n
            .container
            .as_ref()
            .and_then(|p| self.containers.get(&p.0))
            .map(|p| ContainerId(p.clone()));
        n.pos.x += dx;
        n.pos.y += dy;
        if let Some(shard_of) = &n.props.shard_of
            && let Some(new) = self.nodes.get(&shard_of.0)
        {
            n.props.shard_of = Some(NodeId(new.clone()));
        }
        if let Some(backs) = &mut n.props.backs {
            for b in backs.iter_mut() {
                if let Some(new) = self.nodes.get(&b.0) {
                    *b = NodeId(new.clone());
                }
            }
        }
        n
    }
}

/// Where a paste goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Placement {
    /// Top-left corner of the pasted elements at this canvas point (the mouse).
    At(f32, f32),
    /// Shifted by this much from where they were copied (duplicate, paste without a mouse).
    Offset(f32, f32),
}

/// The edit that deletes the selection with the edges touching it; what a deleted container
/// held moves to its parent.
pub fn delete_edit(selection: &Selection) -> Edit {
    // One pass however many are selected, so deleting 10,000 components is one linear edit.
    Edit::RemoveMany {
        nodes: selection.nodes.iter().cloned().collect(),
        edges: selection.edges.iter().cloned().collect(),
        containers: selection.containers.iter().cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn paste_gives_new_ids_and_keeps_inner_edges() {
        let d = synthetic::design(6);
        let e = &d.edges[0];
        let sel = Selection::of_nodes([e.from.clone(), e.to.clone()]);
        let text = copy_text(&d, &sel).expect("something copied");
        let piece = parse_text(&text).expect("clipboard text parses");
        assert_eq!(piece.nodes.len(), 2);
        assert!(!piece.edges.is_empty());
        let (edit, pasted) = paste_edit(&d, &piece, Placement::At(1000.0, 500.0));
        let mut after = d.clone();
        edit.apply(&mut after);
        assert_eq!(after.nodes.len(), d.nodes.len() + 2);
        assert_eq!(after.edges.len(), d.edges.len() + piece.edges.len());
        for id in &pasted.nodes {
            assert!(d.node(id.as_str()).is_none(), "{id} is new");
        }
        let min_x = pasted
            .nodes
            .iter()
            .filter_map(|id| after.node(id.as_str()))
            .map(|n| n.pos.x)
            .fold(f32::INFINITY, f32::min);
        assert_eq!(min_x, 1000.0);
    }

    #[test]
    fn paste_keeps_edges_that_end_at_a_copied_container() {
        let mut d = synthetic::design(6);
        let group = d.containers[0].id.clone();
        let from = d
            .nodes
            .iter()
            .find(|n| n.container.as_ref() != Some(&group))
            .expect("a node outside the container")
            .id
            .clone();
        let mut edge = d.edges[0].clone();
        edge.id = EdgeId("to_group".into());
        edge.from = from.clone();
        edge.to = NodeId(group.0.clone());
        d.edges.push(edge);
        let mut sel = Selection::of_nodes([from]);
        sel.containers.insert(group.clone());
        let piece = parse_text(&copy_text(&d, &sel).expect("copied")).expect("parses");
        assert!(
            piece.edges.iter().any(|e| e.to.as_str() == group.as_str()),
            "the edge to the container is copied"
        );
        let (edit, pasted) = paste_edit(&d, &piece, Placement::Offset(40.0, 40.0));
        let mut after = d.clone();
        edit.apply(&mut after);
        let new_group = pasted.containers.iter().next().expect("container pasted");
        let to_new_group: Vec<_> = after
            .edges
            .iter()
            .filter(|e| e.to.as_str() == new_group.as_str())
            .collect();
        assert_eq!(
            to_new_group.len(),
            1,
            "the pasted edge ends at the pasted container"
        );
        assert!(pasted.nodes.contains(&to_new_group[0].from));
        assert!(crate::model::file::parse(&crate::model::file::to_string(&after)).is_ok());
    }

    #[test]
    fn delete_then_undo_restores() {
        let mut d = synthetic::design(8);
        let original = d.clone();
        let sel = Selection::all(&d);
        let undo = delete_edit(&sel).apply(&mut d);
        assert!(d.nodes.is_empty() && d.edges.is_empty() && d.containers.is_empty());
        undo.apply(&mut d);
        assert_eq!(d, original);
    }

    #[test]
    fn other_text_is_not_a_design() {
        assert!(parse_text("hello world").is_none());
    }
}
