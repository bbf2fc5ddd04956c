//! The D2 reader (`.d2`): shapes, nested containers (`a.b.c` and `a: { b }`), edges (`->`,
//! `<-`, `<->`, `--`, chains) with labels, `shape`, `icon`, `tooltip` and classes, read into a
//! [`Diagram`]. Styles, positions, variables, imports, other boards and unknown keywords are
//! skipped with a note, never an error; markdown text blocks that connect to nothing are
//! annotations, not components.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::diagram::{
    Diagram, Element, Hints, ImportError, Link, LinkEnd, LinkStyle, PageChoice, SourceRef,
};
use super::text::{choose_page, error, flatten, skipped, utf8};

/// Reads a D2 file's root board (its layers, scenarios and steps are listed as skipped).
pub fn read(path: &Path, bytes: &[u8], page: &PageChoice) -> Result<Diagram, ImportError> {
    let text = utf8(bytes)?;
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser {
        s: &chars,
        i: 0,
        line: 1,
        col: 1,
    };
    let stmts = p.map(None)?;
    let stem = path
        .file_stem()
        .map_or_else(|| "diagram".into(), |s| s.to_string_lossy().into());
    let pages = vec![stem];
    let chosen = choose_page(&pages, page)?;
    let mut r = Reader::default();
    r.map(&stmts, None)?;
    let mut d = r.finish();
    d.pages = pages;
    d.page_read = chosen;
    Ok(d)
}

// ---------------------------------------------------------------------------------------
// Syntax
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Value {
    Text(String),
    Block { lang: String, content: String },
    Array(Vec<String>),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Block { content, .. } => content.clone(),
            Value::Array(items) => items.join(", "),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum EdgeOp {
    Forward,
    Back,
    Both,
    Plain,
}

/// One statement: a key (or a chain of keys joined by edges), its value and its block.
#[derive(Clone, Debug)]
struct Stmt {
    keys: Vec<Vec<String>>,
    ops: Vec<EdgeOp>,
    value: Option<Value>,
    block: Option<Vec<Stmt>>,
    line: usize,
    /// What the statement is when it is read but not used (`(a -> b)[0]`, `...@x`).
    unsupported: Option<&'static str>,
    source: String,
}

struct Parser<'a> {
    s: &'a [char],
    i: usize,
    line: usize,
    col: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn at(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(k, c)| self.s.get(self.i + k) == Some(&c))
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_spaces(&mut self) {
        while self
            .peek()
            .is_some_and(|c| c == ' ' || c == '\t' || c == '\r')
        {
            self.bump();
        }
    }

    fn skip_line(&mut self) {
        while self.peek().is_some_and(|c| c != '\n') {
            self.bump();
        }
    }

    fn err(&self, message: impl Into<String>) -> ImportError {
        error(message, self.line, Some(self.col))
    }

    /// Statements up to the end of the file, or up to the `}` that closes a block opened at
    /// `open` (line, column).
    fn map(&mut self, open: Option<(usize, usize)>) -> Result<Vec<Stmt>, ImportError> {
        let mut out = Vec::new();
        loop {
            while self.peek().is_some_and(|c| c.is_whitespace() || c == ';') {
                self.bump();
            }
            match self.peek() {
                None => {
                    return match open {
                        Some((l, c)) => Err(error("a '{' opened here is not closed", l, Some(c))),
                        None => Ok(out),
                    };
                }
                Some('}') => {
                    if open.is_none() {
                        return Err(self.err("'}' closes no open block"));
                    }
                    self.bump();
                    return Ok(out);
                }
                Some('#') => self.skip_line(),
                Some('"') if self.at("\"\"\"") => self.block_comment()?,
                Some(_) => out.push(self.statement()?),
            }
        }
    }

    fn block_comment(&mut self) -> Result<(), ImportError> {
        let (l, c) = (self.line, self.col);
        for _ in 0..3 {
            self.bump();
        }
        while !self.at("\"\"\"") {
            if self.bump().is_none() {
                return Err(error("a \"\"\" comment is not closed", l, Some(c)));
            }
        }
        for _ in 0..3 {
            self.bump();
        }
        Ok(())
    }

    fn statement(&mut self) -> Result<Stmt, ImportError> {
        let (line, start) = (self.line, self.i);
        let mut st = Stmt {
            keys: Vec::new(),
            ops: Vec::new(),
            value: None,
            block: None,
            line,
            unsupported: None,
            source: String::new(),
        };
        if self.peek() == Some('(') || self.at("...") {
            st.unsupported = Some(if self.peek() == Some('(') {
                "a reference to an existing edge"
            } else {
                "a spread or import of another file (not read)"
            });
            self.skip_statement()?;
            st.source = self.s[start..self.i].iter().collect();
            return Ok(st);
        }
        st.keys.push(self.key()?);
        loop {
            self.skip_spaces();
            let Some(op) = self.edge_op() else { break };
            st.ops.push(op);
            self.skip_spaces();
            st.keys.push(self.key()?);
        }
        self.skip_spaces();
        if self.peek() == Some(':') {
            self.bump();
            self.skip_spaces();
            if !matches!(self.peek(), None | Some('{' | '}' | ';' | '\n' | '#')) {
                st.value = Some(self.value()?);
            }
            self.skip_spaces();
        }
        if self.peek() == Some('{') {
            let open = (self.line, self.col);
            self.bump();
            st.block = Some(self.map(Some(open))?);
            self.skip_spaces();
        }
        match self.peek() {
            None | Some('\n' | ';' | '}' | '#') => {}
            Some(_) => {
                st.unsupported = Some("text after the statement not understood");
                self.skip_line();
            }
        }
        st.source = self.s[start..self.i].iter().collect();
        Ok(st)
    }

    /// Skips a statement this reader does not use, braces and strings balanced.
    fn skip_statement(&mut self) -> Result<(), ImportError> {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '"' | '\'' => {
                    self.quoted(c)?;
                    continue;
                }
                '{' | '[' | '(' => depth += 1,
                '}' | ']' | ')' if depth > 0 => depth -= 1,
                '}' => return Ok(()),
                '\n' | ';' if depth == 0 => return Ok(()),
                _ => {}
            }
            self.bump();
        }
        Ok(())
    }

    fn edge_op(&mut self) -> Option<EdgeOp> {
        let ops = [
            ("<->", EdgeOp::Both),
            ("->", EdgeOp::Forward),
            ("<-", EdgeOp::Back),
            ("--", EdgeOp::Plain),
        ];
        let (text, op) = ops.iter().find(|(t, _)| self.at(t))?;
        for _ in 0..text.len() {
            self.bump();
        }
        // Longer arrows (`-->`, `<--`, `---`) are the same edges.
        while self.peek() == Some('-') {
            self.bump();
        }
        let mut op = *op;
        if self.peek() == Some('>') {
            self.bump();
            op = if op == EdgeOp::Back {
                EdgeOp::Both
            } else {
                EdgeOp::Forward
            };
        }
        Some(op)
    }

    /// `a.b."c d"`: the key's segments.
    fn key(&mut self) -> Result<Vec<String>, ImportError> {
        let mut segs = Vec::new();
        loop {
            self.skip_spaces();
            let seg = match self.peek() {
                Some(q @ ('"' | '\'')) => self.quoted(q)?,
                _ => {
                    let mut s = String::new();
                    while let Some(c) = self.peek() {
                        let edge = self.at("->") || self.at("<-") || self.at("--");
                        if matches!(c, ':' | '.' | ';' | '{' | '}' | '\n') || edge {
                            break;
                        }
                        if c == '#' && (s.is_empty() || s.ends_with(' ')) {
                            break;
                        }
                        s.push(c);
                        self.bump();
                    }
                    s.trim().to_string()
                }
            };
            if seg.is_empty() {
                return Err(self.err("a key is expected here"));
            }
            segs.push(seg);
            self.skip_spaces();
            if self.peek() == Some('.') {
                self.bump();
            } else {
                return Ok(segs);
            }
        }
    }

    fn quoted(&mut self, q: char) -> Result<String, ImportError> {
        let (l, c) = (self.line, self.col);
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None | Some('\n') => {
                    return Err(error(
                        "a quoted string is not closed on this line",
                        l,
                        Some(c),
                    ));
                }
                Some(ch) if ch == q => return Ok(out),
                Some('\\') if q == '"' => match self.bump() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                },
                Some(ch) => out.push(ch),
            }
        }
    }

    fn value(&mut self) -> Result<Value, ImportError> {
        match self.peek() {
            Some(q @ ('"' | '\'')) => Ok(Value::Text(self.quoted(q)?)),
            Some('|') => self.block_string(),
            Some('[') => {
                let (l, c) = (self.line, self.col);
                self.bump();
                let mut items = Vec::new();
                let mut cur = String::new();
                loop {
                    match self.bump() {
                        None => return Err(error("a '[' list is not closed", l, Some(c))),
                        Some(']') => break,
                        Some(';') => items.push(std::mem::take(&mut cur)),
                        Some(ch) => cur.push(ch),
                    }
                }
                items.push(cur);
                let items = items.iter().map(|s| s.trim().trim_matches('"').to_string());
                Ok(Value::Array(items.filter(|s| !s.is_empty()).collect()))
            }
            _ => {
                let mut s = String::new();
                while let Some(c) = self.peek() {
                    if matches!(c, ';' | '{' | '}' | '\n') || (c == '#' && s.ends_with(' ')) {
                        break;
                    }
                    s.push(c);
                    self.bump();
                }
                Ok(Value::Text(s.trim().to_string()))
            }
        }
    }

    /// `|md … |`, `||md … ||`, ``|`md … `|``.
    fn block_string(&mut self) -> Result<Value, ImportError> {
        let (l, c) = (self.line, self.col);
        let mut open = String::new();
        while let Some(ch) = self.peek().filter(|ch| *ch == '|' || *ch == '`') {
            open.push(ch);
            self.bump();
        }
        let mut lang = String::new();
        while let Some(ch) = self.peek().filter(|ch| !ch.is_whitespace()) {
            lang.push(ch);
            self.bump();
        }
        let close: String = open.chars().rev().collect();
        let mut content = String::new();
        while !self.at(&close) {
            match self.bump() {
                Some(ch) => content.push(ch),
                None => {
                    return Err(error(
                        "a block string opened here is not closed",
                        l,
                        Some(c),
                    ));
                }
            }
        }
        for _ in 0..close.chars().count() {
            self.bump();
        }
        Ok(Value::Block { lang, content })
    }
}

// ---------------------------------------------------------------------------------------
// Meaning
// ---------------------------------------------------------------------------------------

/// Keywords that set something on the shape or edge they follow, not a child shape.
const RESERVED: &[&str] = &[
    "label",
    "shape",
    "icon",
    "style",
    "tooltip",
    "link",
    "near",
    "width",
    "height",
    "top",
    "left",
    "direction",
    "class",
    "classes",
    "vars",
    "constraint",
    "grid-rows",
    "grid-columns",
    "grid-gap",
    "vertical-gap",
    "horizontal-gap",
    "layers",
    "scenarios",
    "steps",
    "source-arrowhead",
    "target-arrowhead",
    "filled",
    "legend-label",
];

#[derive(Default)]
struct Node {
    label: String,
    hints: Hints,
    parent: Option<usize>,
    line: usize,
    id: String,
    /// Labelled with a markdown or code block and given no shape: D2 draws it as text.
    text_block: bool,
}

struct Edge {
    from: usize,
    to: usize,
    label: String,
    technology: Option<String>,
    style: LinkStyle,
    op: EdgeOp,
    line: usize,
}

#[derive(Default, Clone)]
struct Class {
    shape: Option<String>,
    icon: Option<String>,
}

#[derive(Default)]
struct Reader {
    nodes: Vec<Node>,
    by_path: HashMap<Vec<String>, usize>,
    edges: Vec<Edge>,
    classes: HashMap<String, Class>,
    noted: HashSet<String>,
    skipped: Vec<super::diagram::Skipped>,
}

enum Target {
    Node(usize),
    Edges(Vec<usize>),
    Root,
}

impl Reader {
    fn path_of(&self, scope: Option<usize>) -> Vec<String> {
        let mut path = Vec::new();
        let mut cur = scope;
        while let Some(n) = cur {
            path.push(self.nodes[n].id.to_lowercase());
            cur = self.nodes[n].parent;
        }
        path.reverse();
        path
    }

    /// The shape at `segs` under `scope` (`_` climbs one level), created with its parents.
    fn ensure(&mut self, scope: Option<usize>, segs: &[String], line: usize) -> Option<usize> {
        let mut cur = scope;
        for seg in segs {
            if seg == "_" {
                cur = cur.and_then(|c| self.nodes[c].parent);
                continue;
            }
            let mut path = self.path_of(cur);
            path.push(seg.to_lowercase());
            cur = Some(match self.by_path.get(&path) {
                Some(&n) => n,
                None => {
                    let n = self.nodes.len();
                    self.nodes.push(Node {
                        label: seg.clone(),
                        parent: cur,
                        line,
                        id: seg.clone(),
                        ..Node::default()
                    });
                    self.by_path.insert(path, n);
                    n
                }
            });
        }
        cur
    }

    fn note(&mut self, what: &str, why: &str, line: usize) {
        self.skipped.push(skipped(what, why, line));
    }

    /// Notes a presentation keyword the first time it is met.
    fn note_once(&mut self, keyword: &str, st: &Stmt) {
        if self.noted.insert(keyword.to_string()) {
            let why = format!("{keyword} is presentation only (noted once)");
            self.note(&st.source, &why, st.line);
        }
    }

    fn map(&mut self, stmts: &[Stmt], scope: Option<usize>) -> Result<(), ImportError> {
        for st in stmts {
            self.statement(st, scope)?;
        }
        Ok(())
    }

    fn statement(&mut self, st: &Stmt, scope: Option<usize>) -> Result<(), ImportError> {
        if let Some(why) = st.unsupported {
            if st.keys.is_empty() {
                self.note(&st.source, why, st.line);
                return Ok(());
            }
            self.note(&st.source, why, st.line);
        }
        if st
            .keys
            .iter()
            .flatten()
            .any(|s| s.contains('*') || s.starts_with('&') || s.starts_with("!&"))
        {
            self.note(&st.source, "globs and filters are not applied", st.line);
            return Ok(());
        }
        if !st.ops.is_empty() {
            return self.edges(st, scope);
        }
        let segs = &st.keys[0];
        let reserved = segs
            .iter()
            .position(|s| RESERVED.contains(&s.to_lowercase().as_str()));
        match reserved {
            Some(0) => {
                let target = scope.map_or(Target::Root, Target::Node);
                self.attribute(target, segs, st)
            }
            Some(r) => {
                let node = self.ensure(scope, &segs[..r], st.line);
                let target = node.map_or(Target::Root, Target::Node);
                self.attribute(target, &segs[r..], st)
            }
            None => {
                let Some(node) = self.ensure(scope, segs, st.line) else {
                    self.note(&st.source, "a key that climbs above the diagram", st.line);
                    return Ok(());
                };
                if let Some(v) = &st.value {
                    self.set_label(node, v, st);
                }
                if let Some(block) = &st.block {
                    self.map(block, Some(node))?;
                }
                Ok(())
            }
        }
    }

    fn set_label(&mut self, node: usize, v: &Value, st: &Stmt) {
        match v {
            Value::Text(t) if t == "null" => {
                self.note(&st.source, "deleting with null is not applied", st.line);
            }
            Value::Text(t) => {
                let (label, technology) = split_technology(t);
                let n = &mut self.nodes[node];
                if !label.is_empty() {
                    n.label = label;
                }
                if technology.is_some() {
                    n.hints.technology = technology;
                }
            }
            Value::Block { lang, content } => {
                let md = markdown_label(content);
                let n = &mut self.nodes[node];
                n.text_block = true;
                if !md.label.is_empty() {
                    n.label = md.label;
                }
                if lang.eq_ignore_ascii_case("md") || lang.eq_ignore_ascii_case("markdown") {
                    n.hints.tags.extend(md.tags);
                    n.hints.technology = md.technology.or(n.hints.technology.take());
                    n.hints.description = md.description.or(n.hints.description.take());
                }
            }
            Value::Array(_) => self.note(&st.source, "a list is not a label", st.line),
        }
    }

    /// A keyword statement (`shape: cylinder`, `style.fill: red`, `classes: {…}`) on a shape,
    /// on the edges of a statement, or at the root.
    fn attribute(&mut self, target: Target, segs: &[String], st: &Stmt) -> Result<(), ImportError> {
        let kw = segs[0].to_lowercase();
        let value = st.value.as_ref().map(Value::text).unwrap_or_default();
        match (&target, kw.as_str()) {
            (_, "label") if segs.len() == 1 => match target {
                Target::Node(n) => {
                    if let Some(v) = &st.value {
                        self.set_label(n, v, st);
                    }
                }
                Target::Edges(es) => {
                    let (label, technology) = split_technology(&value);
                    for e in es {
                        self.edges[e].label.clone_from(&label);
                        if technology.is_some() {
                            self.edges[e].technology.clone_from(&technology);
                        }
                    }
                }
                Target::Root => self.note_once("label", st),
            },
            (Target::Node(n), "shape") => {
                self.nodes[*n].hints.shape = Some(value.to_lowercase());
                self.nodes[*n].text_block = false;
                if value.eq_ignore_ascii_case("text") {
                    self.nodes[*n].text_block = true;
                }
            }
            (Target::Node(n), "icon") if segs.len() == 1 => {
                self.nodes[*n].hints.icon = Some(icon_name(&value));
            }
            (Target::Node(n), "tooltip") => {
                self.nodes[*n].hints.description = Some(flatten(&value));
            }
            (Target::Node(n), "class") => {
                let names: Vec<String> = match &st.value {
                    Some(Value::Array(items)) => items.clone(),
                    _ => vec![value.clone()],
                };
                for name in names {
                    if let Some(c) = self.classes.get(&name).cloned() {
                        let h = &mut self.nodes[*n].hints;
                        if c.shape.is_some() {
                            h.shape = c.shape;
                        }
                        if c.icon.is_some() {
                            h.icon = c.icon;
                        }
                    }
                    self.nodes[*n].hints.tags.push(name);
                }
            }
            (Target::Root, "classes") => {
                for class in st.block.iter().flatten() {
                    let Some(name) = class.keys.first().and_then(|k| k.first()) else {
                        continue;
                    };
                    let mut c = Class::default();
                    for prop in class.block.iter().flatten() {
                        let key = prop.keys.first().map(|k| k.join(".").to_lowercase());
                        let v = prop.value.as_ref().map(Value::text).unwrap_or_default();
                        match key.as_deref() {
                            Some("shape") => c.shape = Some(v.to_lowercase()),
                            Some("icon") => c.icon = Some(icon_name(&v)),
                            _ => {}
                        }
                    }
                    self.classes.insert(name.clone(), c);
                }
            }
            (Target::Edges(es), "style") => {
                let mut dashed = segs
                    .get(1)
                    .is_some_and(|s| s.eq_ignore_ascii_case("stroke-dash"))
                    && value.trim() != "0";
                for prop in st.block.iter().flatten() {
                    let key = prop.keys.first().map(|k| k.join(".").to_lowercase());
                    let v = prop.value.as_ref().map(Value::text).unwrap_or_default();
                    if key.as_deref() == Some("stroke-dash") && v.trim() != "0" {
                        dashed = true;
                    }
                }
                if dashed {
                    for &e in es {
                        self.edges[e].style = LinkStyle::Dashed;
                    }
                }
                self.note_once("style", st);
            }
            (Target::Root, "layers" | "scenarios" | "steps") => {
                self.note(
                    &st.source,
                    "other boards (layers, scenarios, steps) are not read",
                    st.line,
                );
            }
            (_, "classes") => self.note(
                &st.source,
                "classes are read at the top level only",
                st.line,
            ),
            _ if RESERVED.contains(&kw.as_str()) => self.note_once(&kw, st),
            _ => self.note(&st.source, "keyword not understood", st.line),
        }
        Ok(())
    }

    fn edges(&mut self, st: &Stmt, scope: Option<usize>) -> Result<(), ImportError> {
        let mut ends = Vec::new();
        for key in &st.keys {
            if key
                .iter()
                .any(|s| RESERVED.contains(&s.to_lowercase().as_str()))
            {
                self.note(&st.source, "an edge to a keyword", st.line);
                return Ok(());
            }
            match self.ensure(scope, key, st.line) {
                Some(n) => ends.push(n),
                None => {
                    self.note(&st.source, "a key that climbs above the diagram", st.line);
                    return Ok(());
                }
            }
        }
        let (label, technology) = match &st.value {
            Some(Value::Block { content, .. }) => {
                let md = markdown_label(content);
                (md.label, md.technology)
            }
            Some(v) => split_technology(&v.text()),
            None => (String::new(), None),
        };
        let first = self.edges.len();
        for (k, op) in st.ops.iter().enumerate() {
            let (a, b) = (ends[k], ends[k + 1]);
            let (from, to) = if *op == EdgeOp::Back { (b, a) } else { (a, b) };
            self.edges.push(Edge {
                from,
                to,
                label: label.clone(),
                technology: technology.clone(),
                style: LinkStyle::Solid,
                op: *op,
                line: st.line,
            });
        }
        let made: Vec<usize> = (first..self.edges.len()).collect();
        for inner in st.block.iter().flatten() {
            let Some(segs) = inner.keys.first() else {
                continue;
            };
            if inner.ops.is_empty() && RESERVED.contains(&segs[0].to_lowercase().as_str()) {
                self.attribute(Target::Edges(made.clone()), segs, inner)?;
            } else {
                self.note(&inner.source, "not an edge attribute", inner.line);
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Diagram {
        let n = self.nodes.len();
        let mut has_child = vec![false; n];
        for node in &self.nodes {
            if let Some(p) = node.parent {
                has_child[p] = true;
            }
        }
        let mut linked = vec![false; n];
        for e in &self.edges {
            linked[e.from] = true;
            linked[e.to] = true;
        }
        // Markdown or text blocks that nothing connects to are annotations.
        let mut keep = vec![true; n];
        for (i, node) in self.nodes.iter().enumerate() {
            if node.text_block && !has_child[i] && !linked[i] {
                keep[i] = false;
                let what = format!("{} (text)", node.label);
                self.skipped.push(skipped(
                    &what,
                    "a text block (an annotation, not a component)",
                    node.line,
                ));
            }
        }
        let mut map = vec![None; n];
        let mut d = Diagram::default();
        for (i, node) in self.nodes.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            map[i] = Some(d.elements.len());
            let mut hints = node.hints.clone();
            if matches!(hints.shape.as_deref(), Some("person" | "c4-person")) {
                hints.external = true;
            }
            d.elements.push(Element {
                label: node.label.clone(),
                hints,
                is_group: false,
                parent: node.parent.and_then(|p| map[p]),
                bounds: None,
                source: SourceRef {
                    line: Some(node.line),
                    id: Some(self.path_of(Some(i)).join(".")),
                },
            });
        }
        for i in 0..d.elements.len() {
            if let Some(p) = d.elements[i].parent {
                d.elements[p].is_group = true;
            }
        }
        for e in &self.edges {
            let (Some(from), Some(to)) = (map[e.from], map[e.to]) else {
                continue;
            };
            d.links.push(Link {
                from: LinkEnd::Element(from),
                to: LinkEnd::Element(to),
                label: e.label.clone(),
                technology: e.technology.clone(),
                style: e.style,
                both_ways: e.op == EdgeOp::Both,
                undirected: e.op == EdgeOp::Plain,
                source: SourceRef {
                    line: Some(e.line),
                    id: None,
                },
            });
        }
        d.skipped = self.skipped;
        d
    }
}

/// `Makes API calls to\n[JSON/HTTPS]`: the label and the technology in its last brackets.
fn split_technology(s: &str) -> (String, Option<String>) {
    let t = s.trim_end();
    if let Some(open) = t.rfind('[').filter(|_| t.ends_with(']')) {
        let tech = t[open + 1..t.len() - 1].trim();
        let label = flatten(&t[..open]);
        if !tech.is_empty() && !label.is_empty() {
            return (label, Some(tech.to_string()));
        }
    }
    (flatten(&s.replace('\n', " ")), None)
}

struct Markdown {
    label: String,
    tags: Vec<String>,
    technology: Option<String>,
    description: Option<String>,
}

/// A markdown label: its first line (heading marks and emphasis dropped) as the label, a
/// `[Kind: technology]` line (the C4 convention) as a tag and a technology, the rest as the
/// description.
fn markdown_label(content: &str) -> Markdown {
    let mut md = Markdown {
        label: String::new(),
        tags: Vec::new(),
        technology: None,
        description: None,
    };
    let mut rest = Vec::new();
    for line in content.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let plain: String = line
            .trim_start_matches('#')
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '`'))
            .collect();
        let plain = plain.trim();
        if md.label.is_empty() {
            md.label = plain.to_string();
        } else if plain.starts_with('[') && plain.ends_with(']') && md.tags.is_empty() {
            let inner = &plain[1..plain.len() - 1];
            match inner.split_once(':') {
                Some((kind, tech)) => {
                    md.tags.push(kind.trim().to_string());
                    md.technology = Some(tech.trim().to_string()).filter(|t| !t.is_empty());
                }
                None => md.tags.push(inner.trim().to_string()),
            }
        } else {
            rest.push(plain.trim_start_matches("- ").to_string());
        }
    }
    if !rest.is_empty() {
        md.description = Some(rest.join(" "));
    }
    md
}

/// The file name of an icon URL or path, percent-decoded, without extension or query.
fn icon_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    percent_decode(stem)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icon_urls_give_their_file_name() {
        assert_eq!(
            icon_name(
                "https://icons.terrastruct.com/azure/Web%20Service%20Color/App%20Service%20Domains.svg"
            ),
            "App Service Domains"
        );
        assert_eq!(icon_name("https://x.io/a/memcached.png?x=1"), "memcached");
        assert_eq!(percent_decode("a%2"), "a%2");
    }

    #[test]
    fn c4_markdown_labels_give_label_kind_and_technology() {
        let md = markdown_label(
            "## Web Application\n[Container: Java and Spring MVC]\n\nDelivers content.",
        );
        assert_eq!(md.label, "Web Application");
        assert_eq!(md.tags, vec!["Container".to_string()]);
        assert_eq!(md.technology.as_deref(), Some("Java and Spring MVC"));
        assert_eq!(md.description.as_deref(), Some("Delivers content."));
        assert_eq!(
            split_technology("Makes API calls to\n[JSON/HTTPS]"),
            (
                "Makes API calls to".to_string(),
                Some("JSON/HTTPS".to_string())
            )
        );
    }
}
