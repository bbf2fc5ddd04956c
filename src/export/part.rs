//! The part of a design a "selection only" export draws ([`super::Options::only`]): the chosen
//! components, the containers they sit in and the connections between them, with the findings
//! and capacity figures of the whole design cut to that part.

use super::ExportError;
use crate::critique::Analysis;
use crate::model::Design;
use std::collections::HashSet;

/// `design` cut to `ids` (component, container or connection ids): every chosen component, the
/// members of every chosen container (nested containers too), both ends of every chosen
/// connection; the containers all of those sit in, outermost included; and the connections
/// whose two ends are kept. The order of the kept elements is the design's.
///
/// `analysis` is the analysis of the whole `design`, so the part's badges say what the whole
/// design's review says of them (a part alone would miss its callers and backups); it comes back
/// cut to the findings that name a kept component or connection, with the capacity figures of
/// the kept components.
///
/// An id the design does not have is an error naming it; so is an empty list.
pub fn cut(
    design: &Design,
    analysis: &Analysis,
    ids: &[String],
) -> Result<(Design, Analysis), ExportError> {
    if ids.is_empty() {
        return Err(ExportError::Selection(
            "nothing is selected to export".to_owned(),
        ));
    }
    let mut chosen: HashSet<&str> = HashSet::new();
    for id in ids {
        if let Some(e) = design.edge(id) {
            chosen.insert(e.from.as_str());
            chosen.insert(e.to.as_str());
        } else if design.node(id).is_some() || design.container(id).is_some() {
            chosen.insert(id.as_str());
        } else {
            return Err(ExportError::Selection(format!(
                "no component, container or connection has the id `{}`",
                crate::model::text::terminal_safe(id)
            )));
        }
    }
    let parent_of = |id: &str| -> Option<&str> {
        design
            .node(id)
            .and_then(|n| n.container.as_ref())
            .or_else(|| design.container(id).and_then(|c| c.parent.as_ref()))
            .map(|c| c.as_str())
    };
    // Whether `id` is chosen or sits (at any depth) in a chosen container. Depth is bounded by
    // the number of containers, so a malformed cycle of parents cannot loop forever.
    let inside_chosen = |id: &str| {
        let mut at = Some(id);
        for _ in 0..=design.containers.len() {
            match at {
                Some(a) if chosen.contains(a) => return true,
                Some(a) => at = parent_of(a),
                None => return false,
            }
        }
        false
    };
    let keep_node: Vec<bool> = design
        .nodes
        .iter()
        .map(|n| inside_chosen(n.id.as_str()))
        .collect();
    let mut keep_containers: HashSet<&str> = design
        .containers
        .iter()
        .filter(|c| inside_chosen(c.id.as_str()))
        .map(|c| c.id.as_str())
        .collect();
    // The containers the kept elements sit in, up to the outermost.
    let kept: Vec<&str> = design
        .nodes
        .iter()
        .zip(&keep_node)
        .filter(|(_, k)| **k)
        .map(|(n, _)| n.id.as_str())
        .chain(keep_containers.iter().copied())
        .collect();
    for id in kept {
        let mut at = parent_of(id);
        for _ in 0..=design.containers.len() {
            let Some(c) = at else { break };
            keep_containers.insert(c);
            at = parent_of(c);
        }
    }
    let kept_nodes: HashSet<&str> = design
        .nodes
        .iter()
        .zip(&keep_node)
        .filter(|(_, k)| **k)
        .map(|(n, _)| n.id.as_str())
        .collect();
    let end_kept = |id: &str| kept_nodes.contains(id) || keep_containers.contains(id);
    let keep_edge: Vec<bool> = design
        .edges
        .iter()
        .map(|e| end_kept(e.from.as_str()) && end_kept(e.to.as_str()))
        .collect();

    let mut part = design.clone();
    part.nodes = keep(&design.nodes, &keep_node);
    part.edges = keep(&design.edges, &keep_edge);
    part.containers = design
        .containers
        .iter()
        .filter(|c| keep_containers.contains(c.id.as_str()))
        .cloned()
        .collect();

    let kept_edges: HashSet<&str> = part.edges.iter().map(|e| e.id.as_str()).collect();
    let mut cut = analysis.clone();
    cut.report.findings.retain(|f| {
        f.nodes.iter().any(|n| kept_nodes.contains(n.as_str()))
            || f.edges.iter().any(|e| kept_edges.contains(e.as_str()))
    });
    // The estimate's lists run parallel to the design's nodes and edges.
    if cut.estimate.nodes.len() == keep_node.len() {
        cut.estimate.nodes = keep(&analysis.estimate.nodes, &keep_node);
    }
    if cut.estimate.edges.len() == keep_edge.len() {
        cut.estimate.edges = keep(&analysis.estimate.edges, &keep_edge);
    }
    Ok((part, cut))
}

/// The items of `all` whose flag in `keep` is set.
fn keep<T: Clone>(all: &[T], keep: &[bool]) -> Vec<T> {
    all.iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(x, _)| x.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Container, ContainerId, ContainerKind, Edge, EdgeKind, Node, NodeKind, Pos, Rect,
    };

    /// A VPC holding a subnet with `app` and `db`; `client` and `cdn` outside; client → app →
    /// db, client → cdn.
    fn design() -> Design {
        let mut d = Design::empty("part");
        for (id, kind, parent) in [
            ("vpc", ContainerKind::Vpc, None),
            ("subnet", ContainerKind::PrivateSubnet, Some("vpc")),
        ] {
            d.containers.push(Container {
                id: ContainerId::new(id),
                kind,
                label: String::new(),
                rect: Rect::new(0.0, 0.0, 600.0, 400.0),
                parent: parent.map(ContainerId::new),
                geo: None,
                props: Default::default(),
            });
        }
        for (id, kind, container) in [
            ("client", NodeKind::Client, None),
            ("cdn", NodeKind::Cdn, None),
            ("app", NodeKind::AppServer, Some("subnet")),
            ("db", NodeKind::SqlDb, Some("subnet")),
        ] {
            let mut n = Node::new(id, kind, Pos::new(0.0, 0.0));
            n.container = container.map(ContainerId::new);
            d.nodes.push(n);
        }
        for (id, from, to) in [
            ("e1", "client", "app"),
            ("e2", "app", "db"),
            ("e3", "client", "cdn"),
        ] {
            d.edges
                .push(Edge::new(id, from, to, EdgeKind::SyncRequest, None));
        }
        d
    }

    fn ids(d: &Design) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
        (
            d.nodes.iter().map(|n| n.id.as_str()).collect(),
            d.containers.iter().map(|c| c.id.as_str()).collect(),
            d.edges.iter().map(|e| e.id.as_str()).collect(),
        )
    }

    #[test]
    fn chosen_components_keep_their_containers_and_the_edges_between_them() {
        let d = design();
        let a = Analysis::of(&d);
        let (part, cut) = cut(&d, &a, &["app".into(), "client".into()]).expect("cut");
        assert_eq!(
            ids(&part),
            (vec!["client", "app"], vec!["vpc", "subnet"], vec!["e1"])
        );
        assert_eq!(cut.estimate.nodes.len(), 2);
        assert!(cut.report.findings.iter().all(|f| {
            f.nodes
                .iter()
                .any(|n| n.as_str() == "app" || n.as_str() == "client")
                || f.edges.iter().any(|e| e.as_str() == "e1")
        }));
    }

    #[test]
    fn a_chosen_container_brings_its_members_and_a_chosen_edge_its_ends() {
        let d = design();
        let a = Analysis::of(&d);
        let (part, _) = cut(&d, &a, &["subnet".into()]).expect("cut");
        assert_eq!(
            ids(&part),
            (vec!["app", "db"], vec!["vpc", "subnet"], vec!["e2"])
        );
        let (part, _) = cut(&d, &a, &["e3".into()]).expect("cut");
        assert_eq!(ids(&part), (vec!["client", "cdn"], vec![], vec!["e3"]));
    }

    #[test]
    fn an_unknown_id_or_nothing_chosen_is_refused_by_name() {
        let d = design();
        let a = Analysis::of(&d);
        let e = cut(&d, &a, &["app".into(), "ghost".into()]).expect_err("unknown");
        assert!(e.to_string().contains("`ghost`"), "{e}");
        assert!(cut(&d, &a, &[]).is_err());
    }
}
