//! Mermaid export: a `flowchart LR` with containers as nested subgraphs, node shapes by kind,
//! edge labels and line styles. Ids are sanitised and labels quoted with every risky character
//! written as a Mermaid entity code, so the output always parses and carries no markup.

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
/// written as entity codes (`#34;`) and line breaks turned into spaces.
pub fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '<' | '>' | '&' | '#' | '|' | ';' | '`' | '\\' | '{' | '}' | '[' | ']' => {
                let _ = write!(out, "#{};", c as u32);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
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
        NodeKind::LoadBalancer | NodeKind::ApiGateway | NodeKind::NatGateway => {
            format!("{{{{{l}}}}}")
        }
        NodeKind::ServerlessFunction | NodeKind::BatchJob | NodeKind::Kms => format!("[[{l}]]"),
        NodeKind::MessageQueue | NodeKind::Stream => format!(">{l}]"),
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
    let container_index: HashMap<&str, usize> = design
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();

    // Children of each container (None = top level). Containers whose parent is missing or
    // part of a cycle are drawn at the top level.
    let mut child_containers: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for (i, c) in design.containers.iter().enumerate() {
        let parent = c
            .parent
            .as_ref()
            .and_then(|p| container_index.get(p.as_str()).copied())
            .filter(|&p| !in_cycle(design, &container_index, i) && p != i);
        child_containers.entry(parent).or_default().push(i);
    }
    let mut child_nodes: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for (i, n) in design.nodes.iter().enumerate() {
        let parent = n
            .container
            .as_ref()
            .and_then(|c| container_index.get(c.as_str()).copied());
        child_nodes.entry(parent).or_default().push(i);
    }

    let mut out = String::from("flowchart LR\n");
    let mut visited = vec![false; design.containers.len()];
    emit_level(
        &mut out,
        design,
        None,
        1,
        &child_containers,
        &child_nodes,
        &container_ids,
        &node_ids,
        &mut visited,
    );
    // Containers only reachable through a cycle.
    for i in 0..design.containers.len() {
        if !visited[i] {
            emit_container(
                &mut out,
                design,
                i,
                1,
                &child_containers,
                &child_nodes,
                &container_ids,
                &node_ids,
                &mut visited,
            );
        }
    }

    for e in &design.edges {
        let (Some(&a), Some(&b)) = (
            node_index.get(e.from.as_str()),
            node_index.get(e.to.as_str()),
        ) else {
            continue;
        };
        let arrow = match e.kind {
            EdgeKind::AsyncMessage => "-.->",
            EdgeKind::Replication => "==>",
            _ => "-->",
        };
        let caption = super::svg::edge_caption(e);
        if caption.is_empty() {
            let _ = writeln!(out, "  {} {arrow} {}", node_ids[a], node_ids[b]);
        } else {
            let _ = writeln!(
                out,
                "  {} {arrow}|{}| {}",
                node_ids[a],
                label(&caption),
                node_ids[b]
            );
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

fn in_cycle(design: &Design, index: &HashMap<&str, usize>, start: usize) -> bool {
    let mut seen = HashSet::new();
    let mut cur = start;
    loop {
        if !seen.insert(cur) {
            return true;
        }
        match design.containers[cur]
            .parent
            .as_ref()
            .and_then(|p| index.get(p.as_str()))
        {
            Some(&p) => cur = p,
            None => return false,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn emit_level(
    out: &mut String,
    design: &Design,
    parent: Option<usize>,
    depth: usize,
    child_containers: &HashMap<Option<usize>, Vec<usize>>,
    child_nodes: &HashMap<Option<usize>, Vec<usize>>,
    container_ids: &[String],
    node_ids: &[String],
    visited: &mut [bool],
) {
    let indent = "  ".repeat(depth);
    for &c in child_containers
        .get(&parent)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        emit_container(
            out,
            design,
            c,
            depth,
            child_containers,
            child_nodes,
            container_ids,
            node_ids,
            visited,
        );
    }
    for &i in child_nodes.get(&parent).map(Vec::as_slice).unwrap_or(&[]) {
        let n = &design.nodes[i];
        let _ = writeln!(
            out,
            "{indent}{}{}",
            node_ids[i],
            shape(n.kind, n.display_label())
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn emit_container(
    out: &mut String,
    design: &Design,
    c: usize,
    depth: usize,
    child_containers: &HashMap<Option<usize>, Vec<usize>>,
    child_nodes: &HashMap<Option<usize>, Vec<usize>>,
    container_ids: &[String],
    node_ids: &[String],
    visited: &mut [bool],
) {
    if visited[c] {
        return;
    }
    visited[c] = true;
    let indent = "  ".repeat(depth);
    let container = &design.containers[c];
    let title = format!(
        "{} · {}",
        container.display_label(),
        catalog::container_info(container.kind).name
    );
    let _ = writeln!(
        out,
        "{indent}subgraph {} [{}]",
        container_ids[c],
        label(&title)
    );
    emit_level(
        out,
        design,
        Some(c),
        depth + 1,
        child_containers,
        child_nodes,
        container_ids,
        node_ids,
        visited,
    );
    let _ = writeln!(out, "{indent}end");
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
