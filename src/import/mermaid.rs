//! The Mermaid reader: `.mmd` files and every ```` ```mermaid ```` fence of a Markdown file
//! (one diagram per fence, `--page` picks one), with `flowchart`/`graph` (subgraphs, node
//! shapes, edge labels and arrow styles, `&` and chains), `architecture-beta` (groups,
//! services with icons, junctions, edges with sides) and the C4 diagrams (`C4Context`,
//! `C4Container`, `C4Component`, `C4Deployment`). Styling statements and lines it does not
//! understand are listed as skipped with their line, never an error.

use super::diagram::{
    Diagram, Element, ImportError, Link, LinkEnd, LinkStyle, PageChoice, Skipped, SourceRef,
};
use std::collections::HashMap;
use std::path::Path;

/// Reads the Mermaid diagram of a `.mmd` file, or the fence `page` picks in a Markdown file.
pub fn read(path: &Path, bytes: &[u8], page: &PageChoice) -> Result<Diagram, ImportError> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines: Vec<&str> = text.lines().collect();
    let markdown = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown"));
    let fences = if markdown {
        fences(&lines)
    } else {
        vec![Fence {
            name: path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("diagram")
                .to_owned(),
            first_line: 0,
            lines: lines.clone(),
        }]
    };
    if fences.is_empty() {
        return Err(error("no ```mermaid fence in this Markdown file", None));
    }
    let pages: Vec<String> = fences.iter().map(|f| f.name.clone()).collect();
    let chosen = match page {
        PageChoice::First => 0,
        PageChoice::Number(n) => {
            if *n == 0 || *n > fences.len() {
                return Err(error(
                    &format!(
                        "there is no diagram {n}: the file has {} ({})",
                        fences.len(),
                        pages.join(", ")
                    ),
                    None,
                ));
            }
            n - 1
        }
        PageChoice::Name(name) => pages
            .iter()
            .position(|p| p.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                error(
                    &format!(
                        "no diagram is named {name:?}: the file has {}",
                        pages.join(", ")
                    ),
                    None,
                )
            })?,
    };
    let fence = &fences[chosen];
    let mut diagram = read_diagram(&fence.lines, fence.first_line)?;
    diagram.pages = pages;
    diagram.page_read = chosen;
    Ok(diagram)
}

fn error(message: &str, line: Option<usize>) -> ImportError {
    ImportError {
        message: message.to_owned(),
        line,
        column: None,
    }
}

/// One diagram's text: a whole `.mmd` file or one Markdown fence.
struct Fence<'a> {
    name: String,
    /// 0-based line of the file where `lines` starts.
    first_line: usize,
    lines: Vec<&'a str>,
}

/// The ```` ```mermaid ```` (or `~~~mermaid`) fences of a Markdown file, each named after
/// the heading above it (or numbered when two share one).
fn fences<'a>(lines: &[&'a str]) -> Vec<Fence<'a>> {
    let mut out: Vec<Fence<'a>> = Vec::new();
    let mut heading: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        if let Some(h) = t.strip_prefix('#') {
            let h = h.trim_start_matches('#').trim();
            if !h.is_empty() {
                heading = Some(h.to_owned());
            }
        }
        let marker = if t.starts_with("```") {
            "```"
        } else if t.starts_with("~~~") {
            "~~~"
        } else {
            i += 1;
            continue;
        };
        let info = t
            .trim_start_matches(marker.chars().next().unwrap_or('`'))
            .trim();
        let is_mermaid = info
            .split(|c: char| c.is_whitespace() || c == '{')
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("mermaid"));
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && !lines[end].trim_start().starts_with(marker) {
            end += 1;
        }
        if is_mermaid {
            let n = out.len() + 1;
            let base = heading.clone().unwrap_or_else(|| format!("diagram {n}"));
            let name = if out.iter().any(|f| f.name == base) {
                format!("{base} ({n})")
            } else {
                base
            };
            out.push(Fence {
                name,
                first_line: start,
                lines: lines[start..end].to_vec(),
            });
        }
        i = end + 1;
    }
    out
}

/// Which kind of Mermaid diagram a fence holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Flowchart,
    Architecture,
    C4,
}

/// Reads one diagram; `first_line` is where its text starts in the file (0-based).
fn read_diagram(lines: &[&str], first_line: usize) -> Result<Diagram, ImportError> {
    let mut diagram = Diagram::default();
    let mut i = 0;
    // Front matter: `---` … `---`, of which only the title is used.
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    if lines.get(i).is_some_and(|l| l.trim() == "---") {
        i += 1;
        while i < lines.len() && lines[i].trim() != "---" {
            if let Some(t) = lines[i].trim().strip_prefix("title:") {
                diagram.title = Some(unquote(t.trim()).to_owned());
            }
            i += 1;
        }
        i += 1;
    }
    // The header: the first line that is not blank, a comment or a directive.
    let mut kind = None;
    let mut header_rest = "";
    while i < lines.len() {
        let t = lines[i].trim();
        i += 1;
        if t.is_empty() || t.starts_with("%%") {
            continue;
        }
        let (word, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
        kind = match word {
            "flowchart" | "graph" => Some(Kind::Flowchart),
            "flowchart-elk" => Some(Kind::Flowchart),
            "architecture-beta" | "architecture" => Some(Kind::Architecture),
            "C4Context" | "C4Container" | "C4Component" | "C4Deployment" | "C4Dynamic" => {
                Some(Kind::C4)
            }
            _ => {
                return Err(error(
                    &format!(
                        "{word:?} is not a diagram Archway reads: it reads flowchart, graph, \
                         architecture-beta and C4 diagrams"
                    ),
                    Some(first_line + i),
                ));
            }
        };
        header_rest = rest;
        break;
    }
    let Some(kind) = kind else {
        return Err(error(
            "no Mermaid diagram here (the text is empty)",
            Some(first_line + 1),
        ));
    };
    let mut reader = Reader {
        diagram,
        ids: HashMap::new(),
        groups: Vec::new(),
    };
    // `graph TD; A-->B` may put statements on the header line.
    if kind == Kind::Flowchart
        && let Some((_, rest)) = header_rest.split_once(';')
    {
        reader.flowchart_line(rest, first_line + i);
    }
    for (k, line) in lines.iter().enumerate().skip(i) {
        let number = first_line + k + 1;
        let t = strip_comment(line).trim();
        if t.is_empty() {
            continue;
        }
        match kind {
            Kind::Flowchart => reader.flowchart_line(t, number),
            Kind::Architecture => reader.architecture_line(t, number),
            Kind::C4 => reader.c4_line(t, number),
        }
    }
    if kind == Kind::Architecture {
        reader.resolve_junctions();
    }
    Ok(reader.diagram)
}

/// The line without a trailing `%%` comment.
fn strip_comment(line: &str) -> &str {
    match line.find("%%") {
        Some(at) => &line[..at],
        None => line,
    }
}

/// Text without one pair of surrounding double quotes (or backtick Markdown quotes).
fn unquote(s: &str) -> &str {
    let s = s.trim();
    let s = s
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(s);
    s.strip_prefix('`')
        .and_then(|r| r.strip_suffix('`'))
        .unwrap_or(s)
}

/// A label as the user reads it: quotes removed, `<br>` as a space, other tags stripped,
/// Mermaid (`#quot;`) and HTML entities decoded, Markdown emphasis dropped.
fn clean_label(s: &str) -> String {
    let s = unquote(s);
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let tag = rest[1..end].trim().to_ascii_lowercase();
            if tag.starts_with("br") {
                out.push(' ');
            }
            rest = &rest[end + 1..];
            continue;
        }
        if (c == '#' || c == '&')
            && let Some(end) = rest[1..].find(';').map(|e| e + 1)
            && end <= 10
        {
            let name = &rest[1..end];
            let decoded = match name {
                "quot" => Some('"'),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "apos" | "39" => Some('\''),
                "nbsp" => Some(' '),
                n => n
                    .strip_prefix('#')
                    .unwrap_or(n)
                    .parse::<u32>()
                    .ok()
                    .and_then(char::from_u32),
            };
            if let Some(d) = decoded {
                out.push(d);
                rest = &rest[end + 1..];
                continue;
            }
        }
        if !matches!(c, '*' | '`') {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits `s` at `sep` outside double quotes and brackets.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '[' | '(' | '{' if !quoted => depth += 1,
            ']' | ')' | '}' if !quoted => depth -= 1,
            c if c == sep && !quoted && depth <= 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// Builds the diagram as statements are read.
struct Reader {
    diagram: Diagram,
    /// Element index by Mermaid id.
    ids: HashMap<String, usize>,
    /// The open subgraphs or boundaries, innermost last.
    groups: Vec<usize>,
}

/// An arrow between two nodes of a flowchart.
#[derive(Clone, Debug, Default)]
struct Arrow {
    label: String,
    style: LinkStyle,
    both_ways: bool,
    undirected: bool,
    invisible: bool,
}

/// The shapes of flowchart nodes: opening and closing delimiters and the shape name
/// ([`super::Hints::shape`]), longest openers first.
const SHAPES: &[(&str, &[&str], &str)] = &[
    ("(((", &[")))"], "double-circle"),
    ("((", &["))"], "circle"),
    ("([", &["])"], "stadium"),
    ("(", &[")"], "rounded"),
    ("[[", &["]]"], "subroutine"),
    ("[(", &[")]"], "cylinder"),
    ("[/", &["/]", "\\]"], "parallelogram"),
    ("[\\", &["\\]", "/]"], "parallelogram"),
    ("[", &["]"], "rectangle"),
    ("{{", &["}}"], "hexagon"),
    ("{", &["}"], "diamond"),
    (">", &["]"], "flag"),
];

/// Shape names of the `@{ shape: … }` syntax mapped onto the names above.
fn new_shape_name(s: &str) -> String {
    match s {
        "cyl"
        | "db"
        | "database"
        | "h-cyl"
        | "das"
        | "horizontal-cylinder"
        | "lin-cyl"
        | "disk" => "cylinder".to_owned(),
        "rect" | "proc" | "process" => "rectangle".to_owned(),
        "rounded" | "event" => "rounded".to_owned(),
        "circle" | "circ" => "circle".to_owned(),
        "diam" | "decision" | "diamond" | "question" => "diamond".to_owned(),
        "hex" | "hexagon" | "prepare" => "hexagon".to_owned(),
        "stadium" | "pill" | "terminal" => "stadium".to_owned(),
        "subproc" | "subprocess" | "fr-rect" | "subroutine" => "subroutine".to_owned(),
        "doc" | "document" | "docs" | "documents" => "document".to_owned(),
        "cloud" => "cloud".to_owned(),
        other => other.to_owned(),
    }
}

impl Reader {
    fn skip(&mut self, what: &str, why: &str, line: usize) {
        self.diagram.skipped.push(Skipped {
            what: what.to_owned(),
            why: why.to_owned(),
            source: SourceRef {
                line: Some(line),
                id: None,
            },
        });
    }

    /// The element with Mermaid id `id`, created (with the id as its label) in the innermost
    /// open group when first seen. A node first seen outside every group and mentioned again
    /// inside one moves into it, as Mermaid draws it.
    fn element(&mut self, id: &str, line: usize) -> usize {
        let group = self.groups.last().copied();
        if let Some(&e) = self.ids.get(id) {
            if self.diagram.elements[e].parent.is_none() && group.is_some_and(|g| g != e) {
                self.diagram.elements[e].parent = group;
            }
            return e;
        }
        let e = self.diagram.elements.len();
        self.diagram.elements.push(Element {
            label: id.to_owned(),
            parent: group,
            source: SourceRef {
                line: Some(line),
                id: Some(id.to_owned()),
            },
            ..Element::default()
        });
        self.ids.insert(id.to_owned(), e);
        e
    }

    /// Opens a group with id `id` and `label` inside the current one (an element already
    /// named by an edge becomes the group).
    fn open_group(&mut self, id: &str, label: &str, line: usize) -> usize {
        let parent = self.groups.last().copied();
        let e = match self.ids.get(id) {
            Some(&e) => e,
            None => self.element(id, line),
        };
        let el = &mut self.diagram.elements[e];
        el.is_group = true;
        if !label.is_empty() {
            el.label = label.to_owned();
        }
        if parent != Some(e) {
            el.parent = parent;
        }
        self.groups.push(e);
        e
    }

    fn link(
        &mut self,
        from: usize,
        to: usize,
        arrow: &Arrow,
        technology: Option<String>,
        line: usize,
    ) {
        self.diagram.links.push(Link {
            from: LinkEnd::Element(from),
            to: LinkEnd::Element(to),
            label: arrow.label.clone(),
            technology,
            style: arrow.style,
            both_ways: arrow.both_ways,
            undirected: arrow.undirected,
            source: SourceRef {
                line: Some(line),
                id: None,
            },
        });
    }

    // ---- flowchart ----

    fn flowchart_line(&mut self, line: &str, number: usize) {
        for statement in split_top(line, ';') {
            let s = statement.trim();
            if !s.is_empty() {
                self.flowchart_statement(s, number);
            }
        }
    }

    fn flowchart_statement(&mut self, s: &str, line: usize) {
        let (word, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
        match word {
            "subgraph" => {
                let rest = rest.trim();
                let (id, label) = match rest.find(['[', '"']) {
                    Some(0) => {
                        let label = clean_label(rest.trim_matches(['[', ']']));
                        (label.clone(), label)
                    }
                    Some(at) => {
                        let id = rest[..at].trim();
                        let label = clean_label(rest[at..].trim().trim_matches(['[', ']']));
                        (id.to_owned(), label)
                    }
                    None => (rest.to_owned(), rest.to_owned()),
                };
                let id = if id.is_empty() {
                    format!("subgraph{}", self.diagram.elements.len() + 1)
                } else {
                    id
                };
                self.open_group(&id, &label, line);
            }
            "end" if rest.trim().is_empty() => {
                if self.groups.pop().is_none() {
                    self.skip("end", "no subgraph is open", line);
                }
            }
            "direction" => {} // a subgraph's own direction: auto-layout decides
            "classDef" | "style" | "linkStyle" => {
                self.skip(word, "styling is not part of the design", line);
            }
            "click" | "accTitle" | "accDescr" | "accTitle:" | "accDescr:" => {
                self.skip(word, "links and accessibility text are not imported", line);
            }
            "class" => {
                // `class a,b name`: the class names are kept as tags (they often say what a
                // node is: `database`, `external`).
                let mut parts = rest.split_whitespace();
                let (Some(ids), Some(class)) = (parts.next(), parts.next()) else {
                    self.skip("class", "no node or class named", line);
                    return;
                };
                for id in ids.split(',') {
                    if let Some(&e) = self.ids.get(id.trim()) {
                        let tags = &mut self.diagram.elements[e].hints.tags;
                        if !tags.iter().any(|t| t == class) {
                            tags.push(class.to_owned());
                        }
                    }
                }
                self.skip(
                    "class",
                    "its style is not imported (the class is kept as a tag)",
                    line,
                );
            }
            _ => {
                if !self.chain(s, line) {
                    self.skip(s, "not understood as a node or an edge", line);
                }
            }
        }
    }

    /// `A[x] & B --> C -->|y| D`: nodes and the edges between them. False when the statement
    /// is not one (nothing is added then).
    fn chain(&mut self, s: &str, line: usize) -> bool {
        // Parse fully before adding anything, so a line that is not understood adds nothing.
        let mut groups: Vec<Vec<NodeRef>> = Vec::new();
        let mut arrows: Vec<Arrow> = Vec::new();
        let mut rest = s;
        loop {
            let mut group = Vec::new();
            loop {
                let Some((node, after)) = parse_node(rest) else {
                    return false;
                };
                group.push(node);
                rest = after.trim_start();
                match rest.strip_prefix('&') {
                    Some(r) => rest = r.trim_start(),
                    None => break,
                }
            }
            groups.push(group);
            if rest.is_empty() {
                break;
            }
            let Some((arrow, after)) = parse_arrow(rest) else {
                return false;
            };
            arrows.push(arrow);
            rest = after.trim_start();
        }
        let elements: Vec<Vec<usize>> = groups
            .into_iter()
            .map(|g| g.into_iter().map(|n| self.declare(n, line)).collect())
            .collect();
        for (k, arrow) in arrows.iter().enumerate() {
            if arrow.invisible {
                self.skip("~~~", "an invisible link only places nodes", line);
                continue;
            }
            for &a in &elements[k] {
                for &b in &elements[k + 1] {
                    self.link(a, b, arrow, None, line);
                }
            }
        }
        true
    }

    /// Adds or updates the node a reference names.
    fn declare(&mut self, n: NodeRef, line: usize) -> usize {
        let e = self.element(&n.id, line);
        let el = &mut self.diagram.elements[e];
        if let Some(label) = n.label {
            el.label = label;
        }
        if let Some(shape) = n.shape {
            el.hints.shape = Some(shape);
        }
        if let Some(icon) = n.icon {
            el.hints.icon = Some(icon);
        }
        for c in n.classes {
            if !el.hints.tags.contains(&c) {
                el.hints.tags.push(c);
            }
        }
        e
    }

    // ---- architecture-beta ----

    fn architecture_line(&mut self, s: &str, line: usize) {
        let (word, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
        match word {
            "group" | "service" => {
                let Some(decl) = parse_arch_decl(rest) else {
                    self.skip(s, "not understood as a group or a service", line);
                    return;
                };
                let parent = decl.parent.as_deref().map(|p| self.arch_element(p, line));
                let e = self.arch_element(&decl.id, line);
                let el = &mut self.diagram.elements[e];
                el.is_group = word == "group";
                if let Some(label) = decl.label {
                    el.label = label;
                }
                el.hints.icon = decl.icon;
                el.parent = parent.filter(|&p| p != e);
                if let Some(p) = parent {
                    self.diagram.elements[p].is_group = true;
                }
            }
            "junction" => {
                let Some(decl) = parse_arch_decl(rest) else {
                    self.skip(s, "not understood as a junction", line);
                    return;
                };
                let e = self.arch_element(&decl.id, line);
                self.diagram.elements[e].hints.shape = Some("junction".to_owned());
            }
            "title" => self.diagram.title = Some(clean_label(rest)),
            _ => {
                if !self.arch_edge(s, line) {
                    self.skip(
                        s,
                        "not understood as a group, service, junction or edge",
                        line,
                    );
                }
            }
        }
    }

    /// The element for an architecture id (created at the top level: architecture diagrams
    /// place with `in`, not by nesting).
    fn arch_element(&mut self, id: &str, line: usize) -> usize {
        let open = std::mem::take(&mut self.groups);
        let e = self.element(id, line);
        self.groups = open;
        e
    }

    /// `db:L -- R:server`, `a:B --> T:b{group}`, `a:R <--> L:b`.
    fn arch_edge(&mut self, s: &str, line: usize) -> bool {
        // The arrow starts at the first `--`, `<-` or `-[` (an id may hold a single dash).
        let Some(at) = ["--", "<-", "-["].iter().filter_map(|a| s.find(a)).min() else {
            return false;
        };
        let (lhs, rest) = s.split_at(at);
        let arrow_len = rest
            .find(|c: char| !matches!(c, '-' | '<' | '>'))
            .unwrap_or(rest.len());
        let (arrow, rhs) = rest.split_at(arrow_len);
        let mut arrow_text = arrow.to_owned();
        let mut rhs = rhs;
        // A labelled edge: `a:R -[label]- L:b`.
        let mut label = String::new();
        if let Some(r) = rhs.strip_prefix('[')
            && let Some(end) = r.find(']')
        {
            label = clean_label(&r[..end]);
            let after = &r[end + 1..];
            let n = after
                .find(|c: char| !matches!(c, '-' | '<' | '>'))
                .unwrap_or(after.len());
            arrow_text.push_str(&after[..n]);
            rhs = &after[n..];
        }
        let end_id = |side: &str, left: bool| -> Option<String> {
            let side = side.trim();
            let id = if left {
                side.rsplit_once(':').map_or(side, |(id, _)| id)
            } else {
                side.split_once(':').map_or(side, |(_, id)| id)
            };
            let id = id.trim().trim_end_matches("{group}").trim();
            (!id.is_empty() && id.chars().all(is_id_char)).then(|| id.to_owned())
        };
        let (Some(a), Some(b)) = (end_id(lhs, true), end_id(rhs, false)) else {
            return false;
        };
        let to_left = arrow_text.starts_with('<');
        let to_right = arrow_text.ends_with('>');
        let (a, b) = (self.arch_element(&a, line), self.arch_element(&b, line));
        let (from, to) = if to_left && !to_right { (b, a) } else { (a, b) };
        let arrow = Arrow {
            label,
            both_ways: to_left && to_right,
            undirected: !to_left && !to_right,
            ..Arrow::default()
        };
        self.link(from, to, &arrow, None, line);
        true
    }

    /// Junctions are meeting points of lines, not components: each is replaced by links
    /// between what meets there (from every end that points in to every end that points out;
    /// when no line has a direction, from the first end met to each of the others).
    fn resolve_junctions(&mut self) {
        let is_junction =
            |d: &Diagram, e: usize| d.elements[e].hints.shape.as_deref() == Some("junction");
        let junctions: Vec<usize> = (0..self.diagram.elements.len())
            .filter(|&e| is_junction(&self.diagram, e))
            .collect();
        if junctions.is_empty() {
            return;
        }
        // Junctions joined to junctions are one meeting point.
        let mut root: HashMap<usize, usize> = junctions.iter().map(|&j| (j, j)).collect();
        fn find(root: &mut HashMap<usize, usize>, j: usize) -> usize {
            let mut at = j;
            while let Some(&p) = root.get(&at) {
                if p == at {
                    break;
                }
                at = p;
            }
            root.insert(j, at);
            at
        }
        let end = |l: &LinkEnd| match l {
            LinkEnd::Element(e) => Some(*e),
            LinkEnd::Point { .. } => None,
        };
        for l in &self.diagram.links {
            if let (Some(a), Some(b)) = (end(&l.from), end(&l.to))
                && root.contains_key(&a)
                && root.contains_key(&b)
            {
                let (ra, rb) = (find(&mut root, a), find(&mut root, b));
                root.insert(ra, rb);
            }
        }
        let mut kept = Vec::new();
        // Per meeting point: (element, points in, points out, link it came from).
        let mut meets: HashMap<usize, Vec<(usize, bool, bool, Link)>> = HashMap::new();
        for l in std::mem::take(&mut self.diagram.links) {
            let (a, b) = (end(&l.from), end(&l.to));
            let ja = a.filter(|e| root.contains_key(e));
            let jb = b.filter(|e| root.contains_key(e));
            match (ja, jb, a, b) {
                (Some(_), Some(_), _, _) => {}
                (None, Some(j), Some(a), _) => {
                    let r = find(&mut root, j);
                    let directed = !l.undirected && !l.both_ways;
                    meets.entry(r).or_default().push((a, directed, false, l));
                }
                (Some(j), None, _, Some(b)) => {
                    let r = find(&mut root, j);
                    let directed = !l.undirected && !l.both_ways;
                    meets.entry(r).or_default().push((b, false, directed, l));
                }
                _ => kept.push(l),
            }
        }
        let mut points: Vec<usize> = meets.keys().copied().collect();
        points.sort_unstable();
        for p in points {
            let ends = &meets[&p];
            let ins: Vec<&(usize, bool, bool, Link)> = ends.iter().filter(|e| e.1).collect();
            let outs: Vec<&(usize, bool, bool, Link)> = ends.iter().filter(|e| e.2).collect();
            if !ins.is_empty() && !outs.is_empty() {
                for i in &ins {
                    for o in &outs {
                        let mut l = o.3.clone();
                        l.from = LinkEnd::Element(i.0);
                        l.to = LinkEnd::Element(o.0);
                        kept.push(l);
                    }
                }
            } else if let Some((first, rest)) = ends.split_first() {
                for o in rest {
                    if o.0 != first.0 {
                        let mut l = o.3.clone();
                        l.from = LinkEnd::Element(first.0);
                        l.to = LinkEnd::Element(o.0);
                        kept.push(l);
                    }
                }
            }
        }
        self.diagram.links = kept;
        // Remove the junction elements, renumbering every reference.
        let old = std::mem::take(&mut self.diagram.elements);
        let mut new_index = vec![None; old.len()];
        for (i, el) in old.into_iter().enumerate() {
            if el.hints.shape.as_deref() == Some("junction") {
                self.skip(
                    &format!("junction {}", el.source.id.as_deref().unwrap_or("")),
                    "a junction only joins lines: the lines through it join what they meet",
                    el.source.line.unwrap_or(0),
                );
                continue;
            }
            new_index[i] = Some(self.diagram.elements.len());
            self.diagram.elements.push(el);
        }
        for el in &mut self.diagram.elements {
            el.parent = el.parent.and_then(|p| new_index[p]);
        }
        let remap = |e: &mut LinkEnd| {
            if let LinkEnd::Element(i) = e
                && let Some(n) = new_index[*i]
            {
                *i = n;
            }
        };
        for l in &mut self.diagram.links {
            remap(&mut l.from);
            remap(&mut l.to);
        }
        self.ids.retain(|_, e| new_index[*e].is_some());
        for e in self.ids.values_mut() {
            if let Some(n) = new_index[*e] {
                *e = n;
            }
        }
    }

    // ---- C4 ----

    fn c4_line(&mut self, s: &str, line: usize) {
        if s == "}" || s.starts_with('}') {
            if self.groups.pop().is_none() {
                self.skip("}", "no boundary is open", line);
            }
            return;
        }
        if let Some(t) = s.strip_prefix("title")
            && t.starts_with(char::is_whitespace)
        {
            self.diagram.title = Some(clean_label(t));
            return;
        }
        let Some(open) = s.find('(') else {
            self.skip(s, "not understood as a C4 element or relation", line);
            return;
        };
        let name = s[..open].trim();
        let Some(close) = s.rfind(')') else {
            self.skip(s, "the macro's parentheses are not closed", line);
            return;
        };
        if close < open {
            self.skip(s, "the macro's parentheses are not closed", line);
            return;
        }
        let opens_block = s[close + 1..].trim_start().starts_with('{');
        let mut positional: Vec<String> = Vec::new();
        let mut named: HashMap<String, String> = HashMap::new();
        for arg in split_top(&s[open + 1..close], ',') {
            let arg = arg.trim();
            if let Some(named_arg) = arg.strip_prefix('$')
                && let Some((k, v)) = named_arg.split_once('=')
            {
                named.insert(k.trim().to_owned(), clean_label(v));
            } else {
                positional.push(clean_label(arg));
            }
        }
        let arg = |i: usize, key: &str| -> Option<String> {
            named
                .get(key)
                .cloned()
                .or_else(|| positional.get(i).cloned())
                .filter(|s| !s.is_empty())
        };
        let base = name.trim_end_matches("_Ext");
        let external = name.ends_with("_Ext");
        match base {
            "Person" | "System" | "SystemDb" | "SystemQueue" | "Container" | "ContainerDb"
            | "ContainerQueue" | "Component" | "ComponentDb" | "ComponentQueue" => {
                let Some(id) = arg(0, "alias") else {
                    self.skip(s, "an element without an alias", line);
                    return;
                };
                let e = self.element(&id, line);
                let with_tech = base.starts_with("Container") || base.starts_with("Component");
                let el = &mut self.diagram.elements[e];
                el.label = arg(1, "label").unwrap_or(id);
                el.hints.icon = Some(name.to_owned());
                el.hints.shape = if base == "Person" {
                    Some("person".to_owned())
                } else if base.ends_with("Db") {
                    Some("cylinder".to_owned())
                } else if base.ends_with("Queue") {
                    Some("queue".to_owned())
                } else {
                    None
                };
                if with_tech {
                    el.hints.technology = arg(2, "techn");
                    el.hints.description = arg(3, "descr");
                } else {
                    el.hints.technology = named.get("techn").cloned();
                    el.hints.description = arg(2, "descr");
                }
                if let Some(tags) = named.get("tags") {
                    el.hints.tags.extend(
                        tags.split("+")
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_owned),
                    );
                }
                el.hints.external = external || base == "Person";
                if opens_block {
                    el.is_group = true;
                    self.groups.push(e);
                }
            }
            "Boundary"
            | "Enterprise_Boundary"
            | "System_Boundary"
            | "Container_Boundary"
            | "Deployment_Node"
            | "Deployment_Node_L"
            | "Deployment_Node_R"
            | "Node"
            | "Node_L"
            | "Node_R" => {
                let Some(id) = arg(0, "alias") else {
                    self.skip(s, "a boundary without an alias", line);
                    return;
                };
                let label = arg(1, "label").unwrap_or_else(|| id.clone());
                let e = self.open_group(&id, &label, line);
                let deployment = base.contains("Node");
                let el = &mut self.diagram.elements[e];
                el.hints.icon = Some(name.to_owned());
                if deployment {
                    el.hints.technology = arg(2, "type");
                    el.hints.description = arg(3, "descr");
                } else {
                    el.hints.tags.extend(arg(2, "type"));
                }
                if !opens_block {
                    self.groups.pop();
                }
            }
            _ if base.starts_with("Rel") || base.starts_with("BiRel") => {
                let (Some(a), Some(b)) = (arg(0, "from"), arg(1, "to")) else {
                    self.skip(s, "a relation without both ends", line);
                    return;
                };
                let back = base.starts_with("Rel_Back");
                let (a, b) = (self.c4_end(&a, line), self.c4_end(&b, line));
                let (from, to) = if back { (b, a) } else { (a, b) };
                let arrow = Arrow {
                    label: arg(2, "label").unwrap_or_default(),
                    both_ways: base.starts_with("BiRel"),
                    ..Arrow::default()
                };
                let tech = arg(3, "techn");
                self.link(from, to, &arrow, tech, line);
            }
            "UpdateElementStyle"
            | "UpdateRelStyle"
            | "UpdateBoundaryStyle"
            | "AddElementTag"
            | "AddRelTag"
            | "AddBoundaryTag"
            | "UpdateLayoutConfig"
            | "SHOW_LEGEND"
            | "LAYOUT_TOP_DOWN"
            | "LAYOUT_LEFT_RIGHT"
            | "LAYOUT_WITH_LEGEND" => {
                self.skip(name, "styling and layout are not part of the design", line);
            }
            _ => self.skip(
                s,
                "not a C4 element, boundary or relation Archway knows",
                line,
            ),
        }
    }

    /// The element a relation names, created at the top level when not declared yet.
    fn c4_end(&mut self, id: &str, line: usize) -> usize {
        let open = std::mem::take(&mut self.groups);
        let e = self.element(id, line);
        self.groups = open;
        e
    }
}

/// A node as a flowchart statement names it: `A`, `A[label]`, `A[(label)]:::class`,
/// `A@{ shape: cyl, label: "x" }`.
#[derive(Clone, Debug, Default)]
struct NodeRef {
    id: String,
    label: Option<String>,
    shape: Option<String>,
    icon: Option<String>,
    classes: Vec<String>,
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '/' | '$' | '\'' | ':' | '+' | '!' | '?')
}

/// The node at the start of `s` and what follows it.
fn parse_node(s: &str) -> Option<(NodeRef, &str)> {
    let mut end = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, c)| c);
        // `-` belongs to an id only between id characters (`my-node`), not in an arrow.
        let dash_in_id = c == '-' && next.is_some_and(|n| n.is_alphanumeric() || n == '_');
        // `:` only in `:::class`, handled below.
        if (is_id_char(c) && c != ':') || dash_in_id {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if end == 0 {
        return None;
    }
    let mut node = NodeRef {
        id: s[..end].to_owned(),
        ..NodeRef::default()
    };
    let mut rest = &s[end..];
    if let Some(r) = rest.strip_prefix("@{") {
        let close = r.find('}')?;
        for pair in split_top(&r[..close], ',') {
            if let Some((k, v)) = pair.split_once(':') {
                let v = clean_label(v);
                match k.trim() {
                    "shape" => node.shape = Some(new_shape_name(&v)),
                    "label" => node.label = Some(v),
                    "icon" | "img" => node.icon = Some(v),
                    _ => {}
                }
            }
        }
        rest = &r[close + 1..];
    } else {
        for (open, closes, shape) in SHAPES {
            let Some(r) = rest.strip_prefix(open) else {
                continue;
            };
            // A quoted label may hold the closing delimiter.
            let search_from = if r.trim_start().starts_with('"') {
                let q = r.find('"')?;
                r[q + 1..].find('"').map_or(0, |e| q + 1 + e + 1)
            } else {
                0
            };
            let (at, close) = closes
                .iter()
                .filter_map(|c| r[search_from..].find(c).map(|a| (search_from + a, *c)))
                .min_by_key(|(a, _)| *a)?;
            node.label = Some(clean_label(&r[..at]));
            node.shape = Some((*shape).to_owned());
            rest = &r[at + close.len()..];
            break;
        }
    }
    while let Some(r) = rest.strip_prefix(":::") {
        let n = r
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(r.len());
        node.classes.push(r[..n].to_owned());
        rest = &r[n..];
    }
    Some((node, rest))
}

/// The arrow at the start of `s` and what follows it: `-->`, `---`, `-.->`, `==>`, `<-->`,
/// `--o`, `--x`, `~~~`, with a label as `-->|text|` or `-- text -->`.
fn parse_arrow(s: &str) -> Option<(Arrow, &str)> {
    let mut arrow = Arrow::default();
    let b = s.as_bytes();
    let mut i = 0;
    let mut start_head = false;
    if matches!(b.first(), Some(b'<' | b'o' | b'x')) && matches!(b.get(1), Some(b'-' | b'=' | b'.'))
    {
        start_head = true;
        i = 1;
    }
    let body_start = i;
    while i < b.len() && matches!(b[i], b'-' | b'=' | b'.' | b'~') {
        i += 1;
    }
    let body = &s[body_start..i];
    if body.len() < 2 && !(body == "-" && b.get(i) == Some(&b'.')) {
        return None;
    }
    let head_at = |j: usize| -> Option<u8> {
        match b.get(j) {
            Some(b'>') => Some(b'>'),
            Some(&c @ (b'o' | b'x'))
                if b.get(j + 1)
                    .is_none_or(|n| n.is_ascii_whitespace() || *n == b'|') =>
            {
                Some(c)
            }
            _ => None,
        }
    };
    let mut end_head = head_at(i);
    if end_head.is_some() {
        i += 1;
    }
    let mut rest = &s[i..];
    arrow.style = if body.contains('.') {
        LinkStyle::Dashed
    } else if body.contains('=') {
        LinkStyle::Thick
    } else {
        LinkStyle::Solid
    };
    arrow.invisible = body.contains('~');
    // `-- text -->`, `-. text .->`, `== text ==>`: a short opener with no head, text, then the
    // arrow's end.
    if end_head.is_none() && matches!(body, "--" | "==" | "-.") && !start_head
        || end_head.is_none() && start_head && matches!(body, "--" | "==" | "-.")
    {
        let text_end = find_text_arrow_end(rest)?;
        let (text, after) = rest.split_at(text_end.0);
        arrow.label = clean_label(text);
        let closing = &after[..text_end.1];
        end_head = closing
            .bytes()
            .last()
            .filter(|c| matches!(c, b'>' | b'o' | b'x'));
        if closing.contains('.') {
            arrow.style = LinkStyle::Dashed;
        } else if closing.contains('=') {
            arrow.style = LinkStyle::Thick;
        }
        rest = &after[text_end.1..];
    }
    if let Some(r) = rest.strip_prefix('|') {
        let end = r.find('|')?;
        arrow.label = clean_label(&r[..end]);
        rest = &r[end + 1..];
    }
    arrow.both_ways = start_head && end_head.is_some();
    arrow.undirected = !start_head && end_head.is_none();
    Some((arrow, rest))
}

/// Where the closing part of a `-- text -->` arrow starts in `s`, and its length.
fn find_text_arrow_end(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut quoted = false;
    while i < b.len() {
        if b[i] == b'"' {
            quoted = !quoted;
        }
        if !quoted && matches!(b[i], b'-' | b'=' | b'.') && i > 0 && b[i - 1].is_ascii_whitespace()
        {
            let mut j = i;
            while j < b.len() && matches!(b[j], b'-' | b'=' | b'.') {
                j += 1;
            }
            let run = &s[i..j];
            let head = matches!(b.get(j), Some(b'>'))
                || matches!(b.get(j), Some(b'o' | b'x'))
                    && b.get(j + 1).is_none_or(|n| n.is_ascii_whitespace());
            if head && run.len() >= 2 {
                return Some((i, j - i + 1));
            }
            if !head && run.len() >= 3 {
                return Some((i, j - i));
            }
            i = j;
            continue;
        }
        i += 1;
    }
    None
}

/// An architecture `group`/`service`/`junction` declaration: `id(icon)[Title] in parent`.
struct ArchDecl {
    id: String,
    icon: Option<String>,
    label: Option<String>,
    parent: Option<String>,
}

fn parse_arch_decl(s: &str) -> Option<ArchDecl> {
    let s = s.trim();
    let id_end = s
        .find(|c: char| !(is_id_char(c) || c == '-') || c == ':')
        .unwrap_or(s.len());
    if id_end == 0 {
        return None;
    }
    let mut decl = ArchDecl {
        id: s[..id_end].to_owned(),
        icon: None,
        label: None,
        parent: None,
    };
    let mut rest = &s[id_end..];
    if let Some(r) = rest.strip_prefix('(') {
        let end = r.find(')')?;
        decl.icon = Some(r[..end].trim().to_owned());
        rest = &r[end + 1..];
    }
    if let Some(r) = rest.strip_prefix('[') {
        let end = r.find(']')?;
        decl.label = Some(clean_label(&r[..end]));
        rest = &r[end + 1..];
    }
    let rest = rest.trim();
    if let Some(p) = rest.strip_prefix("in ") {
        decl.parent = Some(p.trim().to_owned());
    } else if !rest.is_empty() {
        return None;
    }
    Some(decl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_are_read_with_their_style_and_label() {
        let (a, rest) = parse_arrow("-->|calls| B").expect("arrow");
        assert_eq!((a.label.as_str(), rest), ("calls", " B"));
        assert!(!a.undirected);
        let (a, rest) = parse_arrow("-. async .-> B").expect("dotted text");
        assert_eq!(
            (a.label.as_str(), a.style, rest),
            ("async", LinkStyle::Dashed, " B")
        );
        let (a, _) = parse_arrow("<==> B").expect("thick both");
        assert!(a.both_ways && a.style == LinkStyle::Thick);
        let (a, _) = parse_arrow("--- B").expect("open");
        assert!(a.undirected);
        let (a, rest) = parse_arrow("-- reads from --> B").expect("text");
        assert_eq!((a.label.as_str(), rest), ("reads from", " B"));
        assert!(parse_arrow("- B").is_none());
    }

    #[test]
    fn labels_are_cleaned() {
        assert_eq!(clean_label("\"Web<br/>server\""), "Web server");
        assert_eq!(clean_label("A #quot;B#quot; &amp; C"), "A \"B\" & C");
        assert_eq!(clean_label("\"`**bold** text`\""), "bold text");
    }
}
