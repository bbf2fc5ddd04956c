//! The house rules of `src/`, read from the source text: every module imports only from layers
//! to its left (the picture at the top of `src/lib.rs` and in CONTRIBUTING.md), and no files
//! import each other in a circle.
//!
//! The reader is a small Rust lexer, not a compiler: it skips comments, strings and character
//! literals, follows `use` trees (`use crate::{a, b::c}`), `super::` and `self::` paths, paths
//! relative to a child module or to an imported name, and fully qualified paths in expressions
//! (`crate::ui::run()`). For the circle count a path is followed through re-exports
//! (`pub use kinds::EdgeKind`, `pub use route::*`) to the file that defines the item, so a
//! `mod.rs` that only re-exports does not join its children in a circle.

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// The layers, left to right. A module may import only from layers to its left; modules that
/// share a layer do not import each other. A new top-level module must be placed here.
const LAYERS: &[&[&str]] = &[
    // The design, its kinds and properties, file format and edits.
    &["model"],
    // Derived graph views of a design.
    &["index"],
    // Load, utilisation and cost.
    &["capacity"],
    // Rules, reports and the one analysis pipeline.
    &["critique"],
    // Layout, routing, captions: shared by the canvas and the exports.
    &["geometry"],
    // Documents in and out; `templates` are the designs shipped inside the binary.
    &["export", "import", "review", "templates"],
    // The editor.
    &["ui"],
    // The command line, the binary's entry point: it may open the editor (`archway open`),
    // and the editor never reaches back into it.
    &["cli"],
];

// ---------- the tests ----------

#[test]
fn no_module_imports_from_a_layer_to_its_right() {
    let tree = Tree::read(&src_dir());
    let wrong = tree.layer_violations();
    assert!(
        wrong.is_empty(),
        "imports against the direction of the layers ({}):\n{}",
        layer_picture(),
        wrong.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_layer() {
    let tree = Tree::read(&src_dir());
    let unplaced: Vec<&String> = tree
        .top_level_modules()
        .into_iter()
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "place these modules in LAYERS (tests/layering.rs), src/lib.rs and CONTRIBUTING.md: \
         {unplaced:?}"
    );
}

/// No two files import each other, directly or through others, anywhere in `src/`: each file
/// can be read knowing only the files it names.
#[test]
fn no_import_circles_between_files() {
    let tree = Tree::read(&src_dir());
    let circles = tree.circles(|_| true);
    assert!(circles.is_empty(), "{}", describe(&circles));
}

/// Prints every circle of the whole tree and the imports that close it (run with
/// `--nocapture` to see them); asserts nothing.
#[test]
fn report_import_circles() {
    let tree = Tree::read(&src_dir());
    let circles = tree.circles(|_| true);
    println!(
        "{} files, {} import circles\n{}",
        tree.files.len(),
        circles.len(),
        describe(&circles)
    );
    let edges = tree.edges();
    for circle in &circles {
        for ((a, b), why) in &edges {
            let (a, b) = (&tree.files[*a].path, &tree.files[*b].path);
            if circle.contains(a) && circle.contains(b) {
                println!("  {a} → {b} ({why})");
            }
        }
    }
}

// ---------- the reader checks itself on small invented trees ----------

#[test]
fn the_reader_catches_each_way_of_naming_a_module_to_the_right() {
    let tree = Tree::from_sources(&[
        (
            "src/lib.rs",
            "pub mod model; pub mod critique; pub mod ui; pub mod cli;",
        ),
        ("src/ui/mod.rs", "pub fn run() {}\npub mod canvas;"),
        ("src/ui/canvas.rs", "pub fn draw() {}"),
        ("src/cli.rs", "pub fn fail() {}"),
        ("src/critique/mod.rs", "pub mod rules;\npub struct Finding;"),
        (
            "src/model/mod.rs",
            "pub mod deep;\n\
             // use crate::ui::run; in a comment\n\
             /* crate::ui::run() /* nested */ crate::cli::fail() */\n\
             const S: &str = \"crate::ui::run()\";\n\
             const R: &str = r#\"crate::cli::fail() \"quoted\" \"#;\n\
             const C: char = '\"';\n\
             fn f<'a>(x: &'a str) { crate::ui::run(); }\n",
        ),
        (
            "src/model/deep.rs",
            "use super::super::cli::fail;\nuse crate::{critique, ui::{self, canvas}};",
        ),
        (
            "src/critique/rules.rs",
            "use super::super::ui::canvas::draw as d;\nfn g() { d(); }",
        ),
    ]);
    let wrong = tree.layer_violations();
    let lines: Vec<&str> = wrong
        .iter()
        .map(|w| w.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        lines,
        [
            "src/critique/rules.rs:1:",
            "src/model/deep.rs:1:",
            "src/model/deep.rs:2:",
            "src/model/deep.rs:2:",
            "src/model/deep.rs:2:",
            "src/model/mod.rs:7:",
        ],
        "{wrong:#?}"
    );
}

#[test]
fn the_reader_allows_imports_to_the_left_and_within_a_module() {
    let tree = Tree::from_sources(&[
        ("src/lib.rs", "pub mod model; pub mod critique; pub mod ui;"),
        ("src/model/mod.rs", "pub mod kinds;\npub use kinds::Kind;"),
        ("src/model/kinds.rs", "pub enum Kind { A }"),
        (
            "src/critique/mod.rs",
            "use crate::model::{self, Kind};\nmod rules { use super::*; fn f() { model::Kind::A; } }",
        ),
        (
            "src/ui/mod.rs",
            "fn f() { crate::critique::g(); crate::model::kinds::Kind::A; }",
        ),
    ]);
    assert_eq!(tree.layer_violations(), Vec::<String>::new());
    assert!(tree.circles(|_| true).is_empty());
}

#[test]
fn circles_follow_re_exports_to_the_defining_file() {
    let tree = Tree::from_sources(&[
        ("src/lib.rs", "pub mod model;"),
        // mod.rs re-exports its children: no circle with them.
        (
            "src/model/mod.rs",
            "pub mod a; pub mod b; pub mod c;\npub use a::A;\npub use b::*;",
        ),
        (
            "src/model/a.rs",
            "pub struct A; fn f() { crate::model::B; }",
        ),
        ("src/model/b.rs", "pub struct B; fn g() { super::A; }"),
        // c uses an item of mod.rs, which does not use c: no circle.
        ("src/model/c.rs", "pub struct C; fn h() { super::own(); }"),
    ]);
    assert_eq!(
        describe(&tree.circles(|_| true)),
        "circle 1: src/model/a.rs, src/model/b.rs\n"
    );
    // Once mod.rs uses c, the two are a circle.
    let tree = Tree::from_sources(&[
        ("src/lib.rs", "pub mod model;"),
        ("src/model/mod.rs", "pub mod c;\npub fn own() { c::C; }"),
        ("src/model/c.rs", "pub struct C; fn h() { super::own(); }"),
    ]);
    assert_eq!(
        describe(&tree.circles(|_| true)),
        "circle 1: src/model/c.rs, src/model/mod.rs\n"
    );
}

// ---------- layers ----------

fn src_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn layer_picture() -> String {
    LAYERS
        .iter()
        .map(|l| l.join("/"))
        .collect::<Vec<_>>()
        .join(" → ")
}

fn describe(circles: &[Vec<String>]) -> String {
    let mut s = String::new();
    for (i, c) in circles.iter().enumerate() {
        s.push_str(&format!("circle {}: {}\n", i + 1, c.join(", ")));
    }
    s
}

// ---------- lexer ----------

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// An identifier or keyword; `$crate` is one identifier.
    Ident(String),
    /// `::`
    PathSep,
    /// Any other punctuation character.
    Punct(char),
    /// A number or literal (contents irrelevant).
    Literal,
}

/// Rust source as tokens with their line numbers, without comments, strings and characters.
fn lex(src: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let is_ident = |ch: char| ch == '_' || ch.is_alphanumeric();
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth: usize = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_string(&c, i + 1, &mut line);
            out.push((Tok::Literal, line));
        } else if ch == '\'' {
            // A character literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
            if c.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push((Tok::Literal, line));
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push((Tok::Literal, line));
            } else {
                i += 1;
            }
        } else if ch == '$' && c.get(i + 1).is_some_and(|&n| is_ident(n)) {
            let start = i;
            i += 1;
            while i < c.len() && is_ident(c[i]) {
                i += 1;
            }
            out.push((Tok::Ident(c[start..i].iter().collect()), line));
        } else if ch.is_ascii_digit() {
            while i < c.len()
                && (is_ident(c[i])
                    || (c[i] == '.' && c.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            out.push((Tok::Literal, line));
        } else if is_ident(ch) {
            let start = i;
            while i < c.len() && is_ident(c[i]) {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            // String and byte prefixes: b"..", r"..", r#".."#, br#".."#, c"..", and b'x'.
            let raw = matches!(word.as_str(), "r" | "br" | "cr");
            let hashes = if raw {
                c[i..].iter().take_while(|&&h| h == '#').count()
            } else {
                0
            };
            if raw && c.get(i + hashes) == Some(&'"') {
                i = skip_raw_string(&c, i + hashes + 1, hashes, &mut line);
                out.push((Tok::Literal, line));
            } else if matches!(word.as_str(), "b" | "c") && c.get(i) == Some(&'"') {
                i = skip_string(&c, i + 1, &mut line);
                out.push((Tok::Literal, line));
            } else if word == "b" && c.get(i) == Some(&'\'') {
                i += 1;
                while i < c.len() && c[i] != '\'' {
                    i += if c[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
                out.push((Tok::Literal, line));
            } else if word == "r" && c.get(i) == Some(&'#') {
                // A raw identifier: r#type.
                let start = i + 1;
                i = start;
                while i < c.len() && is_ident(c[i]) {
                    i += 1;
                }
                out.push((Tok::Ident(c[start..i].iter().collect()), line));
            } else {
                out.push((Tok::Ident(word), line));
            }
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push((Tok::PathSep, line));
            i += 2;
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// Skips a quoted string body starting after its opening quote; returns the index after it.
fn skip_string(c: &[char], mut i: usize, line: &mut usize) -> usize {
    while i < c.len() {
        match c[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            '\n' => {
                *line += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    i
}

/// Skips a raw string body (`r##"…"##`) starting after its opening quote.
fn skip_raw_string(c: &[char], mut i: usize, hashes: usize, line: &mut usize) -> usize {
    while i < c.len() {
        if c[i] == '"'
            && c[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        if c[i] == '\n' {
            *line += 1;
        }
        i += 1;
    }
    i
}

// ---------- reading the tree ----------

type ModPath = Vec<String>;

/// One path written in the source.
#[derive(Debug)]
struct Ref {
    file: usize,
    line: usize,
    /// The module whose scope the path is written in (an inline `mod` counts).
    scope: ModPath,
    segments: Vec<String>,
    /// For a `use` leaf: the name it brings into scope.
    import: Option<String>,
    /// A `use x::*`.
    glob: bool,
    /// A `pub use` (a re-export).
    public: bool,
}

/// A name brought into a module's scope by `use`.
#[derive(Clone, Debug)]
struct Alias {
    scope: ModPath,
    target: Vec<String>,
}

#[derive(Debug)]
struct SourceFile {
    /// `src/critique/mod.rs`
    path: String,
    module: ModPath,
    tokens: Vec<(Tok, usize)>,
}

#[derive(Default, Debug)]
struct Tree {
    files: Vec<SourceFile>,
    /// Every module, file or inline, and the file it lives in.
    modules: HashMap<ModPath, usize>,
    /// Items defined at each module's top level.
    defs: HashMap<ModPath, HashSet<String>>,
    aliases: HashMap<ModPath, HashMap<String, Alias>>,
    globs: HashMap<ModPath, Vec<Alias>>,
    /// `macro_rules!` names (exported at the crate root) and the module defining them.
    macros: HashMap<String, ModPath>,
    refs: Vec<Ref>,
}

impl Tree {
    /// Reads every `.rs` file under `src` (the binary's `main.rs` is another crate).
    fn read(src: &Path) -> Tree {
        let mut files = Vec::new();
        collect(src, src, &mut files);
        let sources: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, s)| (p.as_str(), s.as_str()))
            .collect();
        Tree::from_sources(&sources)
    }

    /// Builds the tree from `(path, text)` pairs, paths like `src/model/mod.rs`.
    fn from_sources(sources: &[(&str, &str)]) -> Tree {
        let mut tree = Tree::default();
        for (path, text) in sources {
            let Some(module) = module_of(path) else {
                continue;
            };
            let idx = tree.files.len();
            tree.modules.insert(module.clone(), idx);
            tree.files.push(SourceFile {
                path: (*path).to_owned(),
                module,
                tokens: lex(text),
            });
        }
        for idx in 0..tree.files.len() {
            tree.scan(idx);
        }
        for r in &tree.refs {
            if let Some(name) = &r.import {
                tree.aliases.entry(r.scope.clone()).or_default().insert(
                    name.clone(),
                    Alias {
                        scope: r.scope.clone(),
                        target: r.segments.clone(),
                    },
                );
            } else if r.glob {
                tree.globs.entry(r.scope.clone()).or_default().push(Alias {
                    scope: r.scope.clone(),
                    target: r.segments.clone(),
                });
            }
        }
        tree
    }

    /// Finds inline modules, top-level items, macros, `use` trees and qualified paths.
    fn scan(&mut self, idx: usize) {
        let toks = std::mem::take(&mut self.files[idx].tokens);
        let file_module = self.files[idx].module.clone();
        // (module, brace depth of its body)
        let mut scopes: Vec<(ModPath, usize)> = vec![(file_module, 0)];
        let mut depth: usize = 0;
        let mut i = 0;
        let ident = |k: usize| match toks.get(k) {
            Some((Tok::Ident(s), _)) => Some(s.as_str()),
            _ => None,
        };
        let punct = |k: usize, p: char| matches!(toks.get(k), Some((Tok::Punct(q), _)) if *q == p);
        let sep = |k: usize| matches!(toks.get(k), Some((Tok::PathSep, _)));
        while i < toks.len() {
            let (scope, scope_depth) = scopes.last().cloned().unwrap_or_default();
            match &toks[i].0 {
                Tok::Punct('{') => {
                    depth += 1;
                    i += 1;
                }
                Tok::Punct('}') => {
                    depth = depth.saturating_sub(1);
                    if scopes.len() > 1 && scope_depth > depth {
                        scopes.pop();
                    }
                    i += 1;
                }
                Tok::Ident(w) if w == "mod" && ident(i + 1).is_some() && punct(i + 2, '{') => {
                    let mut m = scope.clone();
                    m.push(ident(i + 1).unwrap_or_default().to_owned());
                    self.modules.insert(m.clone(), idx);
                    self.defs.entry(scope.clone()).or_default();
                    depth += 1;
                    scopes.push((m, depth));
                    i += 3;
                }
                Tok::Ident(w) if w == "use" && !punct(i + 1, '<') => {
                    let public = is_pub_before(&toks, i);
                    let line = toks[i].1;
                    i += 1;
                    let mut leaves = Vec::new();
                    parse_use_tree(&toks, &mut i, Vec::new(), &mut leaves);
                    for (segments, import, glob) in leaves {
                        self.refs.push(Ref {
                            file: idx,
                            line,
                            scope: scope.clone(),
                            segments,
                            import,
                            glob,
                            public,
                        });
                    }
                }
                Tok::Ident(w) if w == "macro_rules" && punct(i + 1, '!') => {
                    if let Some(name) = ident(i + 2) {
                        self.macros.insert(name.to_owned(), scope.clone());
                    }
                    i += 3;
                }
                Tok::Ident(w)
                    if depth == scope_depth
                        && matches!(
                            w.as_str(),
                            "fn" | "struct"
                                | "enum"
                                | "trait"
                                | "type"
                                | "const"
                                | "static"
                                | "union"
                        ) =>
                {
                    if let Some(name) = ident(i + 1) {
                        self.defs
                            .entry(scope.clone())
                            .or_default()
                            .insert(name.to_owned());
                    }
                    i += 1;
                }
                Tok::Ident(first)
                    if sep(i + 1) && ident(i + 2).is_some() && (i == 0 || !sep(i - 1)) =>
                {
                    let line = toks[i].1;
                    let mut segments = vec![first.clone()];
                    let mut k = i + 1;
                    while sep(k) {
                        match ident(k + 1) {
                            Some(s) => segments.push(s.to_owned()),
                            None => break,
                        }
                        k += 2;
                    }
                    self.refs.push(Ref {
                        file: idx,
                        line,
                        scope: scope.clone(),
                        segments,
                        import: None,
                        glob: false,
                        public: false,
                    });
                    i = k;
                }
                _ => i += 1,
            }
        }
        self.files[idx].tokens = toks;
    }

    fn top_level_modules(&self) -> BTreeSet<&String> {
        self.modules
            .keys()
            .filter(|m| m.len() == 1)
            .map(|m| &m[0])
            .collect()
    }

    /// The absolute module path a written path starts from, followed through one `use` of its
    /// first name; `None` for paths into other crates or to local items.
    fn absolute(&self, scope: &ModPath, segments: &[String], hops: usize) -> Option<Vec<String>> {
        let first = segments.first()?;
        let mut rest = &segments[1..];
        let mut base: ModPath = match first.as_str() {
            "crate" | "$crate" => Vec::new(),
            "self" => scope.clone(),
            "super" => scope[..scope.len().checked_sub(1)?].to_vec(),
            name => {
                let mut child = scope.clone();
                child.push(name.to_owned());
                if self.modules.contains_key(&child) {
                    child
                } else if let Some(alias) = self.aliases.get(scope).and_then(|a| a.get(name)) {
                    if hops > 8 {
                        return None; // `use foo;` of another crate names itself
                    }
                    let mut target = self.absolute(&alias.scope, &alias.target, hops + 1)?;
                    target.extend(rest.iter().cloned());
                    return Some(target);
                } else {
                    return None;
                }
            }
        };
        while rest.first().is_some_and(|s| s == "super") {
            base.pop()?;
            rest = &rest[1..];
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file that defines what an absolute path names, following re-exports.
    fn defining_file(&self, path: &[String], hops: usize) -> Option<usize> {
        let mut module: ModPath = Vec::new();
        for (k, seg) in path.iter().enumerate() {
            let mut next = module.clone();
            next.push(seg.clone());
            if self.modules.contains_key(&next) {
                module = next;
                continue;
            }
            if hops < 8 && !self.defs.get(&module).is_some_and(|d| d.contains(seg)) {
                if let Some(alias) = self.aliases.get(&module).and_then(|a| a.get(seg)) {
                    let mut target = self.absolute(&alias.scope, &alias.target, 0)?;
                    target.extend(path[k + 1..].iter().cloned());
                    return self.defining_file(&target, hops + 1);
                }
                for glob in self.globs.get(&module).into_iter().flatten() {
                    let Some(g) = self.absolute(&glob.scope, &glob.target, 0) else {
                        continue;
                    };
                    let known = self.defs.get(&g).is_some_and(|d| d.contains(seg))
                        || self.aliases.get(&g).is_some_and(|a| a.contains_key(seg));
                    if known {
                        let mut target = g;
                        target.extend(path[k..].iter().cloned());
                        return self.defining_file(&target, hops + 1);
                    }
                }
                if module.is_empty()
                    && let Some(m) = self.macros.get(seg)
                {
                    return self.modules.get(m).copied();
                }
            }
            return self.modules.get(&module).copied();
        }
        self.modules.get(&module).copied()
    }

    /// Every path that reaches into a layer that is not to the left of its file's layer.
    fn layer_violations(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in &self.refs {
            let file = &self.files[r.file];
            let Some(own) = file.module.first() else {
                continue; // the crate root only declares modules
            };
            let Some(path) = self.absolute(&r.scope, &r.segments, 0) else {
                continue;
            };
            let Some(first) = path.first() else {
                continue;
            };
            let target = if self.modules.contains_key(&vec![first.clone()]) {
                first.clone()
            } else if let Some(m) = self.macros.get(first).and_then(|m| m.first()) {
                m.clone()
            } else {
                continue;
            };
            if &target == own {
                continue;
            }
            let (from, to) = (layer_of(own), layer_of(&target));
            if let (Some(from), Some(to)) = (from, to)
                && to < from
            {
                continue;
            }
            out.push(format!(
                "{}:{}: `{}` in {own} names {target} ({})",
                file.path,
                r.line,
                r.segments.join("::"),
                if from == to {
                    "same layer: neither may import the other"
                } else {
                    "a layer to its right"
                }
            ));
        }
        out.sort();
        out.dedup();
        out
    }

    /// File-level dependency edges: a file depends on the file defining each item it names.
    /// A `pub use` is wiring, like `mod`: it counts only when the file itself uses the name it
    /// re-exports, and a `pub use x::*` never counts (the reader cannot tell which names the
    /// file itself uses).
    fn edges(&self) -> BTreeMap<(usize, usize), String> {
        let mut edges = BTreeMap::new();
        for r in &self.refs {
            if r.public && r.glob {
                continue;
            }
            if let (true, Some(name)) = (r.public, &r.import) {
                let used = self.files[r.file]
                    .tokens
                    .iter()
                    .filter(|(t, _)| matches!(t, Tok::Ident(s) if s == name))
                    .count()
                    > 1;
                if !used {
                    continue;
                }
            }
            let Some(path) = self.absolute(&r.scope, &r.segments, 0) else {
                continue;
            };
            if let Some(to) = self.defining_file(&path, 0)
                && to != r.file
            {
                edges
                    .entry((r.file, to))
                    .or_insert_with(|| format!("line {}: {}", r.line, r.segments.join("::")));
            }
        }
        edges
    }

    /// Circles (strongly connected components of more than one file) among the files that
    /// `keep` accepts, each sorted by path, in path order.
    fn circles(&self, keep: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
        let mut graph = DiGraph::<usize, ()>::new();
        let mut node = HashMap::new();
        for (i, f) in self.files.iter().enumerate() {
            if keep(&f.path) {
                node.insert(i, graph.add_node(i));
            }
        }
        for (a, b) in self.edges().into_keys() {
            if let (Some(&na), Some(&nb)) = (node.get(&a), node.get(&b)) {
                graph.add_edge(na, nb, ());
            }
        }
        let mut circles: Vec<Vec<String>> = tarjan_scc(&graph)
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut files: Vec<String> = c
                    .iter()
                    .map(|n| self.files[graph[*n]].path.clone())
                    .collect();
                files.sort();
                files
            })
            .collect();
        circles.sort();
        circles
    }
}

/// Whether the `use` at `i` is preceded by `pub` or `pub(…)`.
fn is_pub_before(toks: &[(Tok, usize)], i: usize) -> bool {
    let is = |k: usize, w: &str| matches!(toks.get(k), Some((Tok::Ident(s), _)) if s == w);
    if i >= 1 && is(i - 1, "pub") {
        return true;
    }
    if i >= 1 && toks[i - 1].0 == Tok::Punct(')') {
        let mut k = i - 1;
        while k > 0 && toks[k].0 != Tok::Punct('(') {
            k -= 1;
        }
        return k >= 1 && is(k - 1, "pub");
    }
    false
}

/// Parses one use tree from `i`, appending `(path, name brought into scope, glob)` leaves.
fn parse_use_tree(
    toks: &[(Tok, usize)],
    i: &mut usize,
    mut segments: Vec<String>,
    leaves: &mut Vec<(Vec<String>, Option<String>, bool)>,
) {
    while let Some((tok, _)) = toks.get(*i) {
        match tok {
            Tok::PathSep => *i += 1,
            Tok::Punct('*') => {
                *i += 1;
                leaves.push((segments, None, true));
                return;
            }
            Tok::Punct('{') => {
                *i += 1;
                loop {
                    match toks.get(*i).map(|t| &t.0) {
                        None => return,
                        Some(Tok::Punct('}')) => {
                            *i += 1;
                            return;
                        }
                        Some(Tok::Punct(',')) => *i += 1,
                        Some(_) => parse_use_tree(toks, i, segments.clone(), leaves),
                    }
                }
            }
            Tok::Ident(s) => {
                segments.push(s.clone());
                *i += 1;
                if matches!(toks.get(*i), Some((Tok::PathSep, _))) {
                    continue;
                }
                if segments.last().is_some_and(|l| l == "self") && segments.len() > 1 {
                    segments.pop();
                }
                let mut name = segments.last().cloned();
                if matches!(toks.get(*i), Some((Tok::Ident(a), _)) if a == "as") {
                    name = match toks.get(*i + 1) {
                        Some((Tok::Ident(n), _)) if n != "_" => Some(n.clone()),
                        _ => None,
                    };
                    *i += 2;
                }
                leaves.push((segments, name, false));
                return;
            }
            // `;` or anything unexpected ends the tree.
            _ => {
                *i += 1;
                return;
            }
        }
    }
}

/// `src/a/b.rs` → `[a, b]`, `src/a/mod.rs` → `[a]`, `src/lib.rs` → `[]`; `None` for the
/// binary's `main.rs`.
fn module_of(path: &str) -> Option<ModPath> {
    let rel = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    if rel == "main" {
        return None;
    }
    if rel == "lib" {
        return Some(Vec::new());
    }
    let mut parts: Vec<String> = rel.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|l| l == "mod") {
        parts.pop();
    }
    Some(parts)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            out.push((
                format!("src/{}", rel.to_string_lossy().replace('\\', "/")),
                text,
            ));
        }
    }
}
