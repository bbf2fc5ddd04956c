//! The PlantUML reader (`.puml`, `.plantuml`, `.wsd`): C4-PlantUML macros, AWS-PlantUML icon
//! macros and groups, and plain component and deployment diagrams, read into a [`Diagram`].
//! Includes, definitions, styling and layout statements are recognised and skipped with a note;
//! nothing is ever fetched.

use std::collections::HashMap;
use std::path::Path;

use super::diagram::{
    Diagram, Element, Hints, ImportError, Link, LinkEnd, LinkStyle, PageChoice, SourceRef,
};
use super::text::{choose_page, column, error, flatten, quoted, skipped, utf8};

/// Reads the `@startuml` … `@enduml` diagram `page` picks (one page per such block) from a
/// PlantUML file.
pub fn read(path: &Path, bytes: &[u8], page: &PageChoice) -> Result<Diagram, ImportError> {
    let text = utf8(bytes)?;
    let lines: Vec<&str> = text.lines().collect();
    let blocks = find_blocks(&lines);
    let (pages, ranges): (Vec<String>, Vec<(usize, usize)>) = if blocks.is_empty() {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        (
            vec![stem.unwrap_or_else(|| "diagram".into())],
            vec![(0, lines.len())],
        )
    } else {
        blocks.into_iter().unzip()
    };
    let chosen = choose_page(&pages, page)?;
    let (start, end) = ranges[chosen];
    let mut reader = Reader::default();
    reader.d.pages = pages;
    reader.d.page_read = chosen;
    reader.read_lines(&lines, start, end)?;
    let d = reader.finish();
    if ranges.len() == 1 && start == 0 && d.elements.is_empty() && d.links.is_empty() {
        return Err(ImportError {
            message: "no PlantUML diagram found: the file has no @startuml and draws nothing"
                .into(),
            line: None,
            column: None,
        });
    }
    Ok(d)
}

/// Each `@startuml [name]` block: its page name and its content lines (0-based, end exclusive).
fn find_blocks(lines: &[&str]) -> Vec<(String, (usize, usize))> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("@startuml") {
            let name = t["@startuml".len()..].trim().trim_matches('"').trim();
            let name = if name.is_empty() {
                format!("diagram {}", blocks.len() + 1)
            } else {
                name.to_string()
            };
            open = Some((name, i + 1));
        } else if lower.starts_with("@enduml") {
            if let Some((name, start)) = open.take() {
                blocks.push((name, (start, i)));
            }
        }
    }
    if let Some((name, start)) = open {
        blocks.push((name, (start, lines.len())));
    }
    blocks
}

/// An open `{` block: the group it fills, if it is one (a `together {` block is not).
struct Frame {
    group: Option<usize>,
}

/// One end of a link as the source names it, resolved once every element is declared.
#[derive(Clone)]
struct End {
    key: String,
    label: String,
    shape: Option<&'static str>,
}

struct PendingLink {
    from: End,
    to: End,
    label: String,
    technology: Option<String>,
    style: LinkStyle,
    both_ways: bool,
    undirected: bool,
    line: usize,
}

#[derive(Default)]
struct Reader {
    d: Diagram,
    aliases: HashMap<String, usize>,
    stack: Vec<Frame>,
    links: Vec<PendingLink>,
    last_element: Option<usize>,
}

/// Multi-line constructs read past as a whole: their closing line and why they are skipped.
const BLOCKS: &[(&str, &[&str], &str)] = &[
    (
        "legend",
        &["endlegend", "end legend"],
        "legend (not part of the design)",
    ),
    ("title", &["endtitle", "end title"], "multi-line title"),
    ("header", &["endheader", "end header"], "page header"),
    ("footer", &["endfooter", "end footer"], "page footer"),
    (
        "!procedure",
        &["!endprocedure"],
        "preprocessor procedure (not run)",
    ),
    (
        "!unquoted procedure",
        &["!endprocedure"],
        "preprocessor procedure (not run)",
    ),
    (
        "!function",
        &["!endfunction"],
        "preprocessor function (not run)",
    ),
    (
        "!unquoted function",
        &["!endfunction"],
        "preprocessor function (not run)",
    ),
    (
        "!definelong",
        &["!enddefinelong"],
        "preprocessor definition (not run)",
    ),
    ("<style>", &["</style>"], "style sheet"),
];

/// Plain element keywords of component, deployment and use-case diagrams.
const KEYWORDS: &[&str] = &[
    "action",
    "actor",
    "agent",
    "artifact",
    "boundary",
    "card",
    "circle",
    "cloud",
    "collections",
    "component",
    "control",
    "database",
    "entity",
    "file",
    "folder",
    "frame",
    "hexagon",
    "interface",
    "label",
    "node",
    "package",
    "person",
    "process",
    "queue",
    "rectangle",
    "stack",
    "storage",
    "usecase",
];

/// Statements that only style or arrange the drawing.
const DISPLAY: &[&str] = &[
    "skinparam",
    "hide",
    "show",
    "scale",
    "left to right direction",
    "top to bottom direction",
    "allowmixing",
    "allow_mixing",
    "caption",
    "newpage",
    "set ",
    "remove",
    "restore",
    "mainframe",
];

impl Reader {
    fn read_lines(&mut self, lines: &[&str], start: usize, end: usize) -> Result<(), ImportError> {
        let mut i = start;
        while i < end {
            let line_no = i + 1;
            let t = lines[i].trim();
            i += 1;
            if t.is_empty() || t.starts_with('\'') {
                continue;
            }
            if let Some(rest) = t.strip_prefix("/'") {
                if !rest.contains("'/") {
                    while i < end && !lines[i].contains("'/") {
                        i += 1;
                    }
                    i += 1;
                }
                continue;
            }
            let lower = t.to_ascii_lowercase();
            if let Some((_, ends, why)) = BLOCKS.iter().find(|(open, _, _)| {
                let prefix = open.starts_with('!') || *open == "legend";
                lower == *open || (prefix && lower.starts_with(open))
            }) {
                let close = (i..end).find(|&j| {
                    let l = lines[j].trim().to_ascii_lowercase();
                    ends.iter().any(|e| l.starts_with(e))
                });
                i = close.map_or(end, |j| j + 1);
                self.skip(t, *why, line_no);
                continue;
            }
            if self.skip_block_statement(&lower, t, lines, &mut i, end, line_no) {
                continue;
            }
            // A statement may continue on the next lines while its parentheses are open.
            let mut stmt = t.to_string();
            while paren_depth(&stmt) > 0 && i < end && i < line_no + 40 {
                stmt.push(' ');
                stmt.push_str(lines[i].trim());
                i += 1;
            }
            self.statement(&stmt, line_no)?;
        }
        Ok(())
    }

    /// Skips a brace or `end`-delimited block (`skinparam x {`, `sprite … {`, a multi-line
    /// note); true when `t` opened one.
    fn skip_block_statement(
        &mut self,
        lower: &str,
        t: &str,
        lines: &[&str],
        i: &mut usize,
        end: usize,
        line_no: usize,
    ) -> bool {
        let braced =
            (lower.starts_with("skinparam") || lower.starts_with("sprite")) && t.ends_with('{');
        if braced {
            let mut depth = 1usize;
            while *i < end && depth > 0 {
                depth += lines[*i].matches('{').count();
                depth = depth.saturating_sub(lines[*i].matches('}').count());
                *i += 1;
            }
            self.skip(t, "styling", line_no);
            return true;
        }
        let is_note = ["note ", "rnote ", "hnote "]
            .iter()
            .any(|n| lower.starts_with(n))
            || lower == "note";
        if is_note {
            let single = t.contains(':') || (t.contains('"') && lower.contains(" as "));
            if !single {
                while *i < end {
                    let l = lines[*i].trim().to_ascii_lowercase();
                    *i += 1;
                    if l.starts_with("end note") || l.starts_with("endnote") {
                        break;
                    }
                }
            }
            self.skip(t, "note (not part of the design)", line_no);
            return true;
        }
        false
    }

    fn skip(&mut self, what: &str, why: impl Into<String>, line: usize) {
        self.d.skipped.push(skipped(what, why, line));
    }

    fn statement(&mut self, t: &str, line: usize) -> Result<(), ImportError> {
        let lower = t.to_ascii_lowercase();
        if let Some(rest) = t.strip_prefix('}') {
            if self.stack.pop().is_none() {
                self.skip(t, "a closing brace with no open block", line);
            }
            let rest = rest.trim();
            if !rest.is_empty() && !rest.starts_with('\'') {
                return self.statement(rest, line);
            }
            return Ok(());
        }
        if t == "{" {
            self.open_block(self.last_element);
            return Ok(());
        }
        if lower.starts_with("!include") || lower.starts_with("!import") {
            let what = t.split_whitespace().nth(1).unwrap_or("");
            let name = what.rsplit(['/', '\\']).next().unwrap_or(what);
            self.skip(
                t,
                format!("include of {name} is not fetched; its macros are read by name"),
                line,
            );
            return Ok(());
        }
        if t.starts_with('!') {
            self.skip(t, "preprocessor directive (not run)", line);
            return Ok(());
        }
        if lower.starts_with("title ") || lower == "title" {
            let title = clean_label(t[5..].trim()).0;
            if !title.is_empty() {
                self.d.title = Some(title);
            }
            return Ok(());
        }
        if lower.starts_with("together") && t.ends_with('{') {
            self.open_block(None);
            return Ok(());
        }
        if DISPLAY.iter().any(|k| lower.starts_with(k)) {
            self.skip(t, "display option", line);
            return Ok(());
        }
        let first = first_word(t);
        let after_first = &t[first.len()..];
        if KEYWORDS.contains(&first.to_ascii_lowercase().as_str())
            && after_first.starts_with(char::is_whitespace)
            && !starts_with_arrow(after_first.trim_start())
        {
            let shape = KEYWORDS
                .iter()
                .find(|k| k.eq_ignore_ascii_case(first))
                .copied();
            return self.declaration(shape, t[first.len()..].trim(), t, line);
        }
        if let Some(link) = parse_arrow(t, line)? {
            return self.arrow(link, t, line);
        }
        if t.starts_with('[') {
            return self.declaration(Some("component"), t, t, line);
        }
        if t.starts_with(':') && t[1..].contains(':') {
            return self.declaration(Some("actor"), t, t, line);
        }
        if let Some(rest) = t.strip_prefix("()") {
            return self.declaration(Some("interface"), rest.trim(), t, line);
        }
        if let Some(call) = parse_call(t, line)? {
            return self.macro_call(call, t, line);
        }
        self.skip(t, "statement not understood", line);
        Ok(())
    }

    fn open_block(&mut self, group: Option<usize>) {
        if let Some(g) = group {
            if let Some(e) = self.d.elements.get_mut(g) {
                e.is_group = true;
            }
        }
        self.stack.push(Frame { group });
    }

    fn parent(&self) -> Option<usize> {
        self.stack.iter().rev().find_map(|f| f.group)
    }

    fn add_element(&mut self, alias: &str, label: String, hints: Hints, line: usize) -> usize {
        let index = self.d.elements.len();
        let label = if label.is_empty() {
            alias.to_string()
        } else {
            label
        };
        self.d.elements.push(Element {
            label,
            hints,
            is_group: false,
            parent: self.parent(),
            bounds: None,
            source: SourceRef {
                line: Some(line),
                id: Some(alias.to_string()),
            },
        });
        self.aliases.insert(alias.to_string(), index);
        self.last_element = Some(index);
        index
    }

    /// `keyword "Label" as alias <<stereotype>> #colour {`, `[Label] as alias`, `:Actor:`.
    fn declaration(
        &mut self,
        shape: Option<&'static str>,
        rest: &str,
        whole: &str,
        line: usize,
    ) -> Result<(), ImportError> {
        let tokens = decl_tokens(rest, whole, line)?;
        let mut names: Vec<(String, bool)> = Vec::new(); // (text, was quoted or bracketed)
        let mut tags = Vec::new();
        let mut opens = false;
        let mut saw_as = false;
        for tok in tokens {
            match tok {
                DeclToken::Text(s, quoted) if names.len() < 2 => names.push((s, quoted)),
                DeclToken::As => saw_as = true,
                DeclToken::Stereotype(s) => tags.push(s),
                DeclToken::Open => opens = true,
                _ => {}
            }
        }
        let Some((first, first_quoted)) = names.first().cloned() else {
            self.skip(whole, "a declaration without a name", line);
            return Ok(());
        };
        let (label, alias) = match names.get(1) {
            Some((second, _)) if saw_as && !first_quoted && names[1].1 => {
                (second.clone(), first.clone())
            }
            Some((second, _)) if saw_as => (first.clone(), second.clone()),
            _ => (first.clone(), first.clone()),
        };
        let (label, icon) = clean_label(&label);
        let hints = Hints {
            icon,
            shape: shape.map(str::to_string),
            external: shape == Some("actor") || shape == Some("person"),
            tags,
            ..Hints::default()
        };
        let bracket_key = (shape == Some("component") && whole.trim_start().starts_with('['))
            .then(|| format!("[{first}]"));
        let index = self.add_element(&alias, label, hints, line);
        if let Some(key) = bracket_key {
            self.aliases.insert(key, index);
        }
        if opens {
            self.open_block(Some(index));
        }
        Ok(())
    }

    fn arrow(&mut self, a: Arrow, whole: &str, line: usize) -> Result<(), ImportError> {
        let lower = a.arrow.to_ascii_lowercase();
        if lower.contains("hidden") {
            self.skip(whole, "hidden link (layout only)", line);
            return Ok(());
        }
        let left = a.arrow.starts_with('<');
        let right = a.arrow.ends_with('>');
        let style = if lower.contains("dashed") || lower.contains("dotted") || a.arrow.contains('.')
        {
            LinkStyle::Dashed
        } else if lower.contains("bold") || lower.contains("thickness") || a.arrow.contains('=') {
            LinkStyle::Thick
        } else {
            LinkStyle::Solid
        };
        let (from, to) = if left && !right {
            (a.right, a.left)
        } else {
            (a.left, a.right)
        };
        self.links.push(PendingLink {
            from,
            to,
            label: clean_label(&a.label).0,
            technology: None,
            style,
            both_ways: left && right,
            undirected: !left && !right,
            line,
        });
        Ok(())
    }

    fn macro_call(&mut self, call: Call, whole: &str, line: usize) -> Result<(), ImportError> {
        let name = call.name.as_str();
        let base = name.strip_suffix("_Ext").unwrap_or(name);
        if name.starts_with('$') || call.args.is_empty() || is_c4_option(name) {
            self.skip(whole, "layout, legend or style macro", line);
            return Ok(());
        }
        if let Some(kind) = rel_kind(name) {
            return self.relation(kind, &call, whole, line);
        }
        let Some(alias) = call.positional(0).filter(|a| is_identifier(a)) else {
            self.skip(whole, "macro without an element alias", line);
            return Ok(());
        };
        let alias = alias.to_string();
        let (params, shape): (&[&str], Option<&str>) = match base {
            "Person" => (
                &["alias", "label", "descr", "sprite", "tags"],
                Some("person"),
            ),
            "System" => (&["alias", "label", "descr", "sprite", "tags"], None),
            "SystemDb" => (
                &["alias", "label", "descr", "sprite", "tags"],
                Some("cylinder"),
            ),
            "SystemQueue" => (
                &["alias", "label", "descr", "sprite", "tags"],
                Some("queue"),
            ),
            "Container" | "Component" => (
                &["alias", "label", "techn", "descr", "sprite", "tags"],
                None,
            ),
            "ContainerDb" | "ComponentDb" => (
                &["alias", "label", "techn", "descr", "sprite", "tags"],
                Some("cylinder"),
            ),
            "ContainerQueue" | "ComponentQueue" => (
                &["alias", "label", "techn", "descr", "sprite", "tags"],
                Some("queue"),
            ),
            "Deployment_Node" | "Deployment_Node_L" | "Deployment_Node_R" | "Node" | "Node_L"
            | "Node_R" => (
                &["alias", "label", "type", "descr", "sprite", "tags"],
                Some("node"),
            ),
            _ if base.ends_with("Boundary") => (&["alias", "label", "type", "tags"], None),
            // An AWS-PlantUML (or any stdlib) icon macro: alias, label, technology, description.
            _ => (&["alias", "label", "techn", "descr"], None),
        };
        let arg = |key: &str| -> Option<String> {
            let named = call.named.iter().find(|(k, _)| k.eq_ignore_ascii_case(key));
            let value = named.map(|(_, v)| v.as_str()).or_else(|| {
                params
                    .iter()
                    .position(|p| *p == key)
                    .and_then(|i| call.positional(i))
            });
            value.map(flatten).filter(|v| !v.is_empty())
        };
        let label = clean_label(&arg("label").unwrap_or_default()).0;
        let label = if label.is_empty() {
            humanize(base)
        } else {
            label
        };
        let tags: Vec<String> = arg("tags")
            .map(|t| {
                t.split('+')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let hints = Hints {
            icon: Some(name.to_string()),
            technology: arg("techn").or_else(|| arg("type")),
            shape: shape.map(str::to_string),
            tags,
            description: arg("descr").map(|d| clean_label(&d).0),
            external: name.ends_with("_Ext") || base == "Person",
        };
        let index = self.add_element(&alias, label, hints, line);
        let is_group_macro = base.ends_with("Boundary") || base.ends_with("Group");
        if call.opens {
            self.open_block(Some(index));
        } else if is_group_macro {
            self.d.elements[index].is_group = true;
        }
        Ok(())
    }

    fn relation(
        &mut self,
        kind: RelKind,
        call: &Call,
        whole: &str,
        line: usize,
    ) -> Result<(), ImportError> {
        let skip = usize::from(kind.indexed);
        let get = |key: &str, i: usize| -> Option<String> {
            let named = call.named.iter().find(|(k, _)| k.eq_ignore_ascii_case(key));
            named
                .map(|(_, v)| v.clone())
                .or_else(|| call.positional(i + skip).map(str::to_string))
        };
        let (Some(a), Some(b)) = (get("from", 0), get("to", 1)) else {
            self.skip(whole, "relationship without both ends", line);
            return Ok(());
        };
        let end = |key: String| End {
            label: key.clone(),
            key,
            shape: None,
        };
        let (from, to) = if kind.back {
            (end(b), end(a))
        } else {
            (end(a), end(b))
        };
        let technology = get("techn", 3)
            .map(|t| flatten(&t))
            .filter(|t| !t.is_empty());
        self.links.push(PendingLink {
            from,
            to,
            label: clean_label(&get("label", 2).unwrap_or_default()).0,
            technology,
            style: LinkStyle::Solid,
            both_ways: kind.both,
            undirected: false,
            line,
        });
        Ok(())
    }

    /// Resolves link ends (declaring, as PlantUML does, any element a link names first) and
    /// returns the diagram.
    fn finish(mut self) -> Diagram {
        if !self.stack.is_empty() {
            let n = self.stack.len();
            self.d.skipped.push(skipped(
                "{",
                format!("{n} block(s) not closed by the end of the diagram"),
                self.d
                    .elements
                    .last()
                    .and_then(|e| e.source.line)
                    .unwrap_or(1),
            ));
        }
        self.stack.clear();
        let links = std::mem::take(&mut self.links);
        for l in links {
            let from = self.resolve(&l.from, l.line);
            let to = self.resolve(&l.to, l.line);
            self.d.links.push(Link {
                from: LinkEnd::Element(from),
                to: LinkEnd::Element(to),
                label: l.label,
                technology: l.technology,
                style: l.style,
                both_ways: l.both_ways,
                undirected: l.undirected,
                source: SourceRef {
                    line: Some(l.line),
                    id: None,
                },
            });
        }
        self.d
    }

    fn resolve(&mut self, end: &End, line: usize) -> usize {
        if let Some(&i) = self.aliases.get(&end.key) {
            return i;
        }
        let inner = end.key.trim_start_matches('[').trim_end_matches(']');
        if let Some(&i) = self.aliases.get(inner) {
            return i;
        }
        let hints = Hints {
            shape: end.shape.map(str::to_string),
            external: end.shape == Some("actor"),
            ..Hints::default()
        };
        let (label, icon) = clean_label(&end.label);
        self.add_element(&end.key, label, Hints { icon, ..hints }, line)
    }
}

/// Whether a C4 macro only arranges, styles or annotates the drawing.
fn is_c4_option(name: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "Lay_",
        "LAYOUT_",
        "SHOW_",
        "HIDE_",
        "Add",
        "Update",
        "Set",
        "Without",
        "increment",
        "setIndex",
        "LEGEND",
        "RESET_",
    ];
    PREFIXES.iter().any(|p| name.starts_with(p))
}

struct RelKind {
    back: bool,
    both: bool,
    indexed: bool,
}

/// C4 relationship macros: `Rel`, `Rel_U/D/L/R`, `Rel_Up…`, `Rel_Back`, `BiRel*`, `RelIndex*`.
fn rel_kind(name: &str) -> Option<RelKind> {
    let is_rel = name == "Rel" || name.starts_with("Rel_") || name.starts_with("RelIndex");
    let is_birel = name == "BiRel" || name.starts_with("BiRel_");
    (is_rel || is_birel).then(|| RelKind {
        back: name.contains("_Back"),
        both: is_birel,
        indexed: name.starts_with("RelIndex"),
    })
}

/// `AWSCloud` → `AWS Cloud`, `PublicSubnetGroup` → `Public Subnet`: a label for a macro used
/// without one.
fn humanize(name: &str) -> String {
    let name = name
        .strip_suffix("Group")
        .filter(|n| !n.is_empty())
        .unwrap_or(name);
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if boundary || (c == '_' && !out.ends_with(' ')) {
            out.push(' ');
        }
        if c != '_' {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// A label without its markup: sprites (`<$Name>`, `$NameIMG()`) taken out (the first one is
/// returned as the icon), creole tags and emphasis removed, escapes and spaces flattened.
fn clean_label(s: &str) -> (String, Option<String>) {
    let mut icon = None;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '$' {
            // `$NameIMG()` or `$NameIMG(args)`.
            let name: String = rest[1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let after = &rest[1 + name.len()..];
            if let (Some(base), Some(close)) = (name.strip_suffix("IMG"), after.find(')')) {
                if after.starts_with('(') {
                    icon.get_or_insert_with(|| base.to_string());
                    rest = &after[close + 1..];
                    continue;
                }
            }
        }
        if c == '<' {
            if let Some(close) = rest.find('>') {
                let inner = &rest[1..close];
                if !inner.is_empty() && !inner.contains(char::is_whitespace) && close < 80 {
                    if let Some(sprite) = inner.strip_prefix('$') {
                        let name: String = sprite
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !name.is_empty() && !name.starts_with("Callout") {
                            icon.get_or_insert(name);
                        }
                    }
                    rest = &rest[close + 1..];
                    out.push(' ');
                    continue;
                }
            }
        }
        // Creole emphasis comes in pairs (`**bold**`, `//italic//`); a lone `**` is text.
        let emphasis = ["**", "__", "~~", "\"\"", "//"]
            .iter()
            .any(|m| rest.starts_with(m) && s.matches(m).count() >= 2);
        if emphasis {
            rest = &rest[2..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    (flatten(&out), icon)
}

fn first_word(t: &str) -> &str {
    let end = t
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(t.len());
    &t[..end]
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

/// Open parentheses outside quotes at the end of `s`.
fn paren_depth(s: &str) -> i32 {
    let mut depth = 0i32;
    let mut in_quote = false;
    for c in s.chars() {
        match c {
            '"' => in_quote = !in_quote,
            '(' if !in_quote => depth += 1,
            ')' if !in_quote => depth -= 1,
            _ => {}
        }
    }
    depth
}

enum DeclToken {
    Text(String, bool),
    As,
    Stereotype(String),
    Open,
    Other,
}

/// Splits what follows an element keyword into names, `as`, stereotypes and a `{`.
fn decl_tokens(rest: &str, whole: &str, line: usize) -> Result<Vec<DeclToken>, ImportError> {
    let offset = whole.len().saturating_sub(rest.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let Some(c) = rest[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if c == '"' {
            let Some((s, next)) = quoted(rest, i) else {
                return Err(error(
                    "a quoted name is not closed on this line",
                    line,
                    Some(column(whole, offset + i)),
                ));
            };
            out.push(DeclToken::Text(s, true));
            i = next;
        } else if c == '[' || (c == ':' && i == 0) {
            let close_char = if c == '[' { ']' } else { ':' };
            let Some(close) = rest[i + 1..].find(close_char) else {
                return Err(error(
                    format!("'{c}' is not closed by '{close_char}' on this line"),
                    line,
                    Some(column(whole, offset + i)),
                ));
            };
            out.push(DeclToken::Text(
                rest[i + 1..i + 1 + close].to_string(),
                true,
            ));
            i += close + 2;
        } else if rest[i..].starts_with("<<") {
            let close = rest[i..].find(">>").map_or(rest.len(), |c| i + c);
            let inner = rest[(i + 2).min(close)..close].trim();
            if !inner.is_empty() {
                out.push(DeclToken::Stereotype(inner.to_string()));
            }
            i = (close + 2).min(rest.len());
        } else if c == '{' {
            out.push(DeclToken::Open);
            i += 1;
        } else {
            let end = rest[i..]
                .find(char::is_whitespace)
                .map_or(rest.len(), |e| i + e);
            let word = &rest[i..end];
            if word.eq_ignore_ascii_case("as") {
                out.push(DeclToken::As);
            } else if word.starts_with('#') || word.starts_with('$') || word.starts_with(';') {
                out.push(DeclToken::Other);
            } else if let Some(w) = word.strip_suffix('{') {
                if !w.is_empty() {
                    out.push(DeclToken::Text(w.to_string(), false));
                }
                out.push(DeclToken::Open);
            } else {
                out.push(DeclToken::Text(word.to_string(), false));
            }
            i = end;
        }
    }
    Ok(out)
}

struct Call {
    name: String,
    args: Vec<String>,
    named: Vec<(String, String)>,
    opens: bool,
}

impl Call {
    fn positional(&self, i: usize) -> Option<&str> {
        self.args.get(i).map(String::as_str)
    }
}

/// `Name(arg, "quoted, with commas", $named = "x") [#colour] [{]`, or `None` when `t` is not
/// a macro call.
fn parse_call(t: &str, line: usize) -> Result<Option<Call>, ImportError> {
    let name_end = t.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'));
    let Some(name_end) = name_end.filter(|&e| e > 0 && t[e..].starts_with('(')) else {
        return Ok(None);
    };
    let name = t[..name_end].to_string();
    let mut args = Vec::new();
    let mut named = Vec::new();
    let mut current = String::new();
    let mut depth = 0i32;
    let mut i = name_end + 1;
    let mut closed = None;
    while i < t.len() {
        let Some(c) = t[i..].chars().next() else {
            break;
        };
        match c {
            '"' => {
                let Some((s, next)) = quoted(t, i) else {
                    return Err(error(
                        "a quoted argument is not closed",
                        line,
                        Some(column(t, i)),
                    ));
                };
                current.push('\u{1}');
                current.push_str(&s);
                i = next;
                continue;
            }
            '(' => depth += 1,
            ')' if depth == 0 => {
                closed = Some(i);
                break;
            }
            ')' => depth -= 1,
            ',' if depth == 0 => {
                push_arg(&mut args, &mut named, &current);
                current.clear();
                i += 1;
                continue;
            }
            _ => {}
        }
        current.push(c);
        i += c.len_utf8();
    }
    let Some(close) = closed else {
        return Err(error(
            format!("the arguments of {name}( are not closed by ')'"),
            line,
            Some(column(t, name_end)),
        ));
    };
    if !current.trim().is_empty() || !args.is_empty() || !named.is_empty() {
        push_arg(&mut args, &mut named, &current);
    }
    let after = t[close + 1..].trim();
    let after = after.split('\'').next().unwrap_or("").trim_end();
    Ok(Some(Call {
        name,
        args,
        named,
        opens: after.ends_with('{'),
    }))
}

/// Adds one argument; a `\u{1}` marks where a quoted string began, so quotes are dropped.
fn push_arg(args: &mut Vec<String>, named: &mut Vec<(String, String)>, raw: &str) {
    let raw = raw.trim();
    if let Some(rest) = raw.strip_prefix('$') {
        if let Some(eq) = rest.find('=') {
            let key = rest[..eq].trim().to_string();
            let value = rest[eq + 1..].trim().replace('\u{1}', "");
            named.push((key, value));
            return;
        }
    }
    args.push(raw.replace('\u{1}', "").trim().to_string());
}

struct Arrow {
    left: End,
    right: End,
    arrow: String,
    label: String,
}

fn starts_with_arrow(s: &str) -> bool {
    let s = s.trim_start();
    ["-", "<", ".", "="].iter().any(|p| s.starts_with(p))
}

/// `a --> b : label`, `[A] -up-> [B]`, `:User: ..> (x)`, `a -[#red,dashed]-> b`; `None` when
/// `t` is not a link.
fn parse_arrow(t: &str, line: usize) -> Result<Option<Arrow>, ImportError> {
    let Some((left, after_left)) = parse_end(t, 0, line)? else {
        return Ok(None);
    };
    let mut i = skip_ws(t, after_left);
    if t[i..].starts_with('"') {
        // A multiplicity such as `"1"`.
        i = quoted(t, i).map_or(i, |(_, n)| skip_ws(t, n));
    }
    let Some((arrow, after_arrow)) = scan_arrow(t, i) else {
        return Ok(None);
    };
    let mut j = skip_ws(t, after_arrow);
    if t[j..].starts_with('"') {
        if let Some((_, n)) = quoted(t, j) {
            if t[skip_ws(t, n)..].chars().next().is_some_and(|c| c != ':') {
                j = skip_ws(t, n);
            }
        }
    }
    let Some((right, after_right)) = parse_end(t, j, line)? else {
        return Ok(None);
    };
    let rest = t[after_right..].trim();
    let label = if let Some(l) = rest.strip_prefix(':') {
        l.trim().to_string()
    } else if rest.is_empty() || rest.starts_with('\'') || rest.starts_with('#') {
        String::new()
    } else if rest.starts_with("<<") || rest.starts_with('[') {
        String::new()
    } else {
        return Ok(None);
    };
    Ok(Some(Arrow {
        left,
        right,
        arrow,
        label,
    }))
}

fn skip_ws(t: &str, i: usize) -> usize {
    t[i..]
        .find(|c: char| !c.is_whitespace())
        .map_or(t.len(), |n| i + n)
}

/// One link end at byte `i`: `alias`, `[Component]`, `:Actor:`, `()` interface or `"name"`.
fn parse_end(t: &str, i: usize, line: usize) -> Result<Option<(End, usize)>, ImportError> {
    let s = &t[i..];
    let Some(c) = s.chars().next() else {
        return Ok(None);
    };
    let bracketed = |open: usize, close: char, shape: Option<&'static str>| {
        s[open..].find(close).map(|e| {
            let inner = &s[open..open + e];
            let key = if close == ']' {
                format!("[{inner}]")
            } else {
                inner.to_string()
            };
            (
                End {
                    key,
                    label: inner.to_string(),
                    shape,
                },
                i + open + e + 1,
            )
        })
    };
    let found = match c {
        '[' => bracketed(1, ']', Some("component")),
        ':' => bracketed(1, ':', Some("actor")),
        '"' => match quoted(t, i) {
            Some((name, next)) => Some((
                End {
                    key: name.clone(),
                    label: name,
                    shape: None,
                },
                next,
            )),
            None => {
                return Err(error(
                    "a quoted name is not closed",
                    line,
                    Some(column(t, i)),
                ));
            }
        },
        '(' if s.starts_with("()") => {
            let j = skip_ws(t, i + 2);
            let name_len = t[j..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(t.len() - j);
            (name_len > 0).then(|| {
                let name = t[j..j + name_len].to_string();
                (
                    End {
                        key: name.clone(),
                        label: name,
                        shape: Some("interface"),
                    },
                    j + name_len,
                )
            })
        }
        c if c.is_alphanumeric() || c == '_' => {
            let mut end = i;
            let chars: Vec<(usize, char)> = t[i..].char_indices().collect();
            for (k, &(off, ch)) in chars.iter().enumerate() {
                let next_alnum = chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
                if ch.is_alphanumeric() || ch == '_' || (ch == '.' && next_alnum && k > 0) {
                    end = i + off + ch.len_utf8();
                } else {
                    break;
                }
            }
            let name = t[i..end].to_string();
            Some((
                End {
                    key: name.clone(),
                    label: name,
                    shape: None,
                },
                end,
            ))
        }
        _ => None,
    };
    Ok(found)
}

/// The arrow at byte `i` (`-->`, `<-`, `.u.>`, `-[#red]->`, `-left-`), and the byte after it.
fn scan_arrow(t: &str, i: usize) -> Option<(String, usize)> {
    let bytes = t.as_bytes();
    let mut j = i;
    let mut body = false;
    let is_body = |b: u8| matches!(b, b'-' | b'.' | b'=' | b'~');
    while j < bytes.len() {
        let b = bytes[j];
        if is_body(b) {
            body = true;
            j += 1;
        } else if matches!(b, b'<' | b'>' | b'|' | b'*' | b'#' | b'+' | b'^') && (j == i || body) {
            j += 1;
        } else if b == b'o' && j == i && bytes.get(j + 1).is_some_and(|&n| is_body(n)) {
            j += 1;
        } else if b == b'[' && body {
            // A style bracket (`-[#red,dashed]->`) is followed by more arrow; `->[B]` is not.
            let Some(close) = t[j..].find(']') else { break };
            let next = bytes.get(j + close + 1).copied().unwrap_or(b' ');
            if !(is_body(next) || next.is_ascii_alphabetic()) {
                break;
            }
            j += close + 1;
        } else if b.is_ascii_alphabetic() && body {
            // A direction word (`-up->`, `.u.>`) sits between body characters.
            let word_end = (j..bytes.len())
                .find(|&k| !bytes[k].is_ascii_alphabetic())
                .unwrap_or(bytes.len());
            if word_end == bytes.len() || !is_body(bytes[word_end]) {
                break;
            }
            j = word_end;
        } else {
            break;
        }
    }
    body.then(|| (t[i..j].to_string(), j))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_names_become_labels_when_a_group_has_none() {
        assert_eq!(humanize("AWSCloudGroup"), "AWS Cloud");
        assert_eq!(humanize("PublicSubnetGroup"), "Public Subnet");
        assert_eq!(humanize("VPCGroup"), "VPC");
        assert_eq!(humanize("S3BucketGroup"), "S3 Bucket");
    }

    #[test]
    fn labels_lose_sprites_and_markup() {
        assert_eq!(
            clean_label("$LambdaIMG()\\nAWS Lambda\\n"),
            ("AWS Lambda".to_string(), Some("Lambda".to_string()))
        );
        assert_eq!(clean_label("<$Callout_1>\\l//upload//").0, "upload");
        assert_eq!(clean_label("**Bold** https://x.io").0, "Bold https://x.io");
        assert_eq!(clean_label("bigbank-api***\\tx8").0, "bigbank-api*** x8");
    }

    #[test]
    fn arrows_of_every_form_are_scanned() {
        for (line, arrow) in [
            ("a --> b", "-->"),
            ("a .u.> b", ".u.>"),
            ("a -[#red]-> b : x", "-[#red]->"),
            ("a <-left- b", "<-left-"),
            ("[A]->[B]", "->"),
        ] {
            let a = parse_arrow(line, 1).ok().flatten().map(|a| a.arrow);
            assert_eq!(a.as_deref(), Some(arrow), "{line}");
        }
        assert!(parse_arrow("title Hello", 1).ok().flatten().is_none());
    }
}
