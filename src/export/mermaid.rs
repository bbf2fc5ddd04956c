//! Mermaid export: a `flowchart LR` with containers as nested subgraphs, node shapes by kind,
//! edge labels and line styles. Ids are sanitised and labels quoted with every risky character
//! written as a Mermaid entity code, so the output always parses and carries no markup.

use super::containers::Containers;
use crate::model::{Category, Design, EdgeKind, NodeKind, catalog};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// A Mermaid-safe identifier: `prefix` then the id with every character outside `[A-Za-z0-9_]`
/// replaced by `_`.
fn sanitise(prefix: &str, id: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + id.len());
    out.push_str(prefix);
    for c in id.chars() {
        out.push(if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '_'
        });
    }
    out
}

/// Assigns unique sanitised ids (sanitising can make two ids equal: `a-b` and `a_b`).
struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    fn assign(&mut self, prefix: &str, id: &str) -> String {
        let base = sanitise(prefix, id);
        let mut candidate = base.clone();
        let mut k = 2;
        while !self.taken.insert(candidate.clone()) {
            candidate = format!("{base}_{k}");
            k += 1;
        }
        candidate
    }
}

/// A quoted Mermaid label: `"…"` with quotes, markup characters, `#`, `|`, `;` and backticks
/// written as entity codes (`#34;`), line breaks turned into spaces, and control, bidi and
/// invisible characters dropped.
pub fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '<' | '>' | '&' | '#' | '|' | ';' | '`' | '\\' | '{' | '}' | '[' | ']' => {
                let _ = write!(out, "#{};", c as u32);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || super::escape::is_dropped(c) => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The node's shape brackets around its quoted label, by kind.
fn shape(kind: NodeKind, text: &str) -> String {
    let l = label(text);
    match kind {
        NodeKind::Client => format!("([{l}])"),
        NodeKind::Dns | NodeKind::Cdn => format!("(({l}))"),
        NodeKind::LoadBalancer
        | NodeKind::ApiGateway
        | NodeKind::NatGateway
        | NodeKind::InternetGateway
        | NodeKind::VpnGateway
        | NodeKind::Firewall => {
            format!("{{{{{l}}}}}")
        }
        NodeKind::ServerlessFunction | NodeKind::BatchJob | NodeKind::Kms => format!("[[{l}]]"),
        NodeKind::MessageQueue | NodeKind::Stream | NodeKind::PubSubTopic => format!(">{l}]"),
        NodeKind::ExternalService => format!("({l})"),
        k if k.is_store() => format!("[({l})]"),
        _ => format!("[{l}]"),
    }
}

fn class_name(category: Category) -> &'static str {
    match category {
        Category::EdgeNetwork => "k_edge",
        Category::Compute => "k_compute",
        Category::Data => "k_data",
        Category::Messaging => "k_messaging",
        Category::Security => "k_security",
        Category::Operations => "k_operations",
        Category::Containers => "k_containers",
    }
}

/// The design as a Mermaid flowchart (the content of a `.mmd` file).
pub fn render(design: &Design) -> String {
    let mut ids = Ids {
        taken: HashSet::new(),
    };
    let container_ids: Vec<String> = design
        .containers
        .iter()
        .map(|c| ids.assign("c_", c.id.as_str()))
        .collect();
    let node_ids: Vec<String> = design
        .nodes
        .iter()
        .map(|n| ids.assign("n_", n.id.as_str()))
        .collect();
    let node_index: HashMap<&str, usize> = design
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let tree = Containers::new(design);
    let level = Level {
        design,
        tree: &tree,
        nodes_by_container: tree.nodes_by_container(),
        container_ids: &container_ids,
        node_ids: &node_ids,
    };
    let mut out = String::from("flowchart LR\n");
    level.emit(&mut out, None, 1);

    // An edge may end at a container ("any member"): Mermaid links to a subgraph by its id.
    let container_index: HashMap<&str, usize> = design
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let end_id = |id: &str| -> Option<&str> {
        match node_index.get(id) {
            Some(&i) => Some(node_ids[i].as_str()),
            None => container_index.get(id).map(|&c| container_ids[c].as_str()),
        }
    };
    for e in &design.edges {
        let (Some(a), Some(b)) = (end_id(e.from.as_str()), end_id(e.to.as_str())) else {
            continue;
        };
        let arrow = match e.kind {
            EdgeKind::AsyncMessage | EdgeKind::EventTrigger => "-.->",
            EdgeKind::Replication => "==>",
            _ => "-->",
        };
        let caption = super::svg::edge_caption(e);
        if caption.is_empty() {
            let _ = writeln!(out, "  {a} {arrow} {b}");
        } else {
            let _ = writeln!(out, "  {a} {arrow}|{}| {b}", label(&caption));
        }
    }

    // Colours by palette category, as on the canvas.
    let mut by_class: Vec<(Category, Vec<&str>)> = Vec::new();
    for (i, n) in design.nodes.iter().enumerate() {
        let cat = catalog::node_info(n.kind).category;
        match by_class.iter_mut().find(|(c, _)| *c == cat) {
            Some((_, v)) => v.push(&node_ids[i]),
            None => by_class.push((cat, vec![&node_ids[i]])),
        }
    }
    by_class.sort_by_key(|(c, _)| *c);
    for (cat, members) in &by_class {
        let color = crate::geometry::category_color(*cat).hex();
        let _ = writeln!(
            out,
            "  classDef {} stroke:{color},stroke-width:2px",
            class_name(*cat)
        );
        let _ = writeln!(out, "  class {} {}", members.join(","), class_name(*cat));
    }
    out
}

/// What writing the nested subgraphs needs.
struct Level<'a> {
    design: &'a Design,
    tree: &'a Containers<'a>,
    nodes_by_container: HashMap<Option<usize>, Vec<usize>>,
    container_ids: &'a [String],
    node_ids: &'a [String],
}

impl Level<'_> {
    /// Writes the containers (as subgraphs, recursively) and nodes directly inside `parent`.
    fn emit(&self, out: &mut String, parent: Option<usize>, depth: usize) {
        let indent = "  ".repeat(depth);
        for c in self.tree.children(parent) {
            let container = &self.design.containers[c];
            let title = super::containers::title(container);
            let _ = writeln!(
                out,
                "{indent}subgraph {} [{}]",
                self.container_ids[c],
                label(&title)
            );
            self.emit(out, Some(c), depth + 1);
            let _ = writeln!(out, "{indent}end");
        }
        for &i in self.nodes_by_container.get(&parent).into_iter().flatten() {
            let n = &self.design.nodes[i];
            let _ = writeln!(
                out,
                "{indent}{}{}",
                self.node_ids[i],
                shape(n.kind, n.display_label())
            );
        }
    }
}

/// The flowchart fenced as a Markdown code block, for pasting into a README.
pub fn fenced(design: &Design) -> String {
    format!("```mermaid\n{}```\n", render(design))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_carry_markup_or_break_quotes() {
        let l = label("<script>\"a|b\"#1;\n`x`");
        assert!(!l.contains('<') && !l.contains('|'));
        assert_eq!(l.matches('"').count(), 2);
    }

    #[test]
    fn sanitised_ids_are_unique() {
        let mut ids = Ids {
            taken: HashSet::new(),
        };
        assert_eq!(ids.assign("n_", "a-b"), "n_a_b");
        assert_eq!(ids.assign("n_", "a_b"), "n_a_b_2");
    }
}
