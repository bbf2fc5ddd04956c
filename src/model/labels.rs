//! Components named as people read them: the ids that findings, what-if answers and design
//! diffs quote in backticks, replaced by the elements' current labels.

use super::Design;
use std::collections::HashMap;

/// A finding's message as the panel shows it: each `quoted` component, container or connection
/// id is replaced by the element's label as it is now (so a rename shows at once), and the
/// other quoted words lose their backticks.
pub fn readable_message(design: &Design, message: &str) -> String {
    Labels::of(design).readable(message)
}

/// The labels of a design's nodes, containers and connections by id: built once per change of the design,
/// so writing a finding with labels costs a lookup per name, not a scan of the design (a
/// 10,000-box chain's finding names 257 components).
#[derive(Debug, Default)]
pub struct Labels {
    by_id: HashMap<String, String>,
}

impl Labels {
    /// The labels of `design`'s nodes, containers and connections (nodes win when a container
    /// has the same id, and both win over a connection).
    pub fn of(design: &Design) -> Self {
        let mut labels = Self::default();
        labels.add(design);
        labels
    }

    /// The labels of `current`, and of `other` for the ids only `other` has (a component a
    /// compared version removed keeps its name).
    pub fn of_both(current: &Design, other: &Design) -> Self {
        let mut labels = Self::default();
        labels.add(other);
        labels.add(current);
        labels
    }

    fn add(&mut self, design: &Design) {
        let node_names: HashMap<&str, &str> = design
            .nodes
            .iter()
            .map(|n| (n.id.0.as_str(), n.display_label()))
            .collect();
        let node_name = |id: &'_ str| node_names.get(id).copied().unwrap_or(id).to_owned();
        // A connection is named by its two ends (`Orders API → Orders DB`), which reads in a
        // sentence where its caption ("deliver, then push") would not; a node or container
        // with the same id keeps the name (they are added after).
        let edges = design.edges.iter().map(|e| {
            let name = format!("{} → {}", node_name(&e.from.0), node_name(&e.to.0));
            (e.id.0.clone(), name)
        });
        let containers = design
            .containers
            .iter()
            .map(|c| (c.id.0.clone(), c.display_label().to_owned()));
        let nodes = design
            .nodes
            .iter()
            .map(|n| (n.id.0.clone(), n.display_label().to_owned()));
        self.by_id.extend(edges.chain(containers).chain(nodes));
    }

    /// The label of the element called `id`, or `id` itself when no element has it.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.by_id.get(id).map_or(id, String::as_str)
    }

    /// `message` with each backticked id replaced by that element's label (unknown ids are
    /// kept, without the backticks).
    pub fn readable(&self, message: &str) -> String {
        let mut out = String::with_capacity(message.len());
        let mut rest = message;
        while let Some(open) = rest.find('`') {
            let Some(len) = rest[open + 1..].find('`') else {
                break;
            };
            let word = &rest[open + 1..open + 1 + len];
            out.push_str(&rest[..open]);
            out.push_str(self.name(word));
            rest = &rest[open + len + 2..];
        }
        out.push_str(rest);
        out
    }
}

/// `text` without the backticks that quote ids in it (for text that already names each element
/// by its label, such as ``app server `api` (Orders API)``).
pub fn unquoted(text: &str) -> String {
    text.replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_components_by_their_current_label() {
        let mut design = crate::model::file::parse(
            r#"(version: 1, metadata: (title: "t"), nodes: [
                (id: "api", kind: app_server, label: "Orders API", pos: (0, 0)),
                (id: "db", kind: sql_db, pos: (200, 0)),
            ])"#,
        )
        .expect("parses");
        let message = "`api` writes to `db` with `role=primary`";
        assert_eq!(
            readable_message(&design, message),
            "Orders API writes to SQL database with role=primary"
        );
        design.nodes[1].label = "Orders DB".to_owned();
        assert_eq!(
            readable_message(&design, message),
            "Orders API writes to Orders DB with role=primary"
        );
        assert_eq!(readable_message(&design, "odd ` quote"), "odd ` quote");
    }

    #[test]
    fn a_removed_component_keeps_its_name_in_a_comparison() {
        let parse = |text: &str| crate::model::file::parse(text).expect("parses");
        let old = parse(
            r#"(version: 1, metadata: (title: "t"), nodes: [
                (id: "api", kind: app_server, label: "Old API", pos: (0, 0)),
                (id: "cache", kind: cache, label: "Sessions", pos: (200, 0)),
            ])"#,
        );
        let new = parse(
            r#"(version: 1, metadata: (title: "t"), nodes: [
                (id: "api", kind: app_server, label: "Orders API", pos: (0, 0)),
            ])"#,
        );
        let labels = Labels::of_both(&new, &old);
        assert_eq!(
            labels.readable("`api` no longer reads `cache`"),
            "Orders API no longer reads Sessions"
        );
        assert_eq!(labels.name("gone"), "gone");
        assert_eq!(
            unquoted("app server `api` (Orders API)"),
            "app server api (Orders API)"
        );
    }

    #[test]
    fn a_connection_is_named_by_its_two_ends() {
        let design = crate::model::file::parse(
            r#"(version: 1, metadata: (title: "t"), nodes: [
                (id: "api", kind: app_server, label: "Orders API", pos: (0, 0)),
                (id: "db", kind: sql_db, label: "Orders DB", pos: (200, 0)),
            ], edges: [
                (id: "q", from: "api", to: "db", kind: read),
                (id: "w", from: "api", to: "db", kind: write, label: "INSERT order"),
            ])"#,
        )
        .expect("parses");
        let labels = Labels::of(&design);
        assert_eq!(
            labels.readable("edge `q` closes a cycle; `w` too"),
            "edge Orders API → Orders DB closes a cycle; Orders API → Orders DB too"
        );
    }
}
