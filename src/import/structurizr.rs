//! The Structurizr DSL reader (`.dsl`, with `!include` of relative files and folders and
//! `workspace extends`): people, software systems, containers, components, groups and
//! relationships, and deployment environments. A file with a deployment environment is drawn
//! as that deployment (nodes as groups, instances as elements, relationships projected onto
//! the instances); without one, as its containers (software systems as groups). Views, styles
//! (except the shapes and icons they give tags), documentation and properties are skipped.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::diagram::{
    Diagram, Element, Hints, ImportError, Link, LinkEnd, LinkStyle, PageChoice, SourceRef,
};
use super::text::{choose_page, error, excerpt, skipped, utf8};

/// The page that draws the containers instead of a deployment environment.
pub const CONTAINERS_PAGE: &str = "Containers";

/// How deep `!include` and `workspace extends` may nest before the reader gives up.
const MAX_INCLUDE_DEPTH: usize = 16;

/// Reads a Structurizr DSL workspace. `path` locates relative includes; `page` picks a
/// deployment environment by name or number, or the [`CONTAINERS_PAGE`]; by default the first
/// deployment environment (the containers when there is none).
pub fn read(path: &Path, bytes: &[u8], page: &PageChoice) -> Result<Diagram, ImportError> {
    let mut r = Reader {
        files: vec![path.to_path_buf()],
        ..Reader::default()
    };
    let text = utf8(bytes)?;
    let stmts = parse(text, 0)?;
    r.including.push(canonical(path));
    r.top(&stmts)?;
    r.resolve_relationships();
    let mut pages: Vec<String> = r.envs.clone();
    pages.push(CONTAINERS_PAGE.to_string());
    let chosen = choose_page(&pages, page)?;
    let mut d = if chosen < r.envs.len() {
        r.deployment(chosen)
    } else {
        r.containers()
    };
    d.title = r.title.clone();
    d.pages = pages;
    d.page_read = chosen;
    d.skipped.extend(r.skipped.drain(..));
    Ok(d)
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

// ---------------------------------------------------------------------------------------
// Tokens and statements
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Tok {
    text: String,
    quoted: bool,
    col: usize,
}

/// One line of the DSL (its tokens) and the block that follows it, if it opens one.
#[derive(Clone, Debug)]
struct Stmt {
    toks: Vec<Tok>,
    line: usize,
    file: usize,
    block: Option<Vec<Stmt>>,
}

impl Stmt {
    fn word(&self, i: usize) -> Option<&str> {
        self.toks.get(i).map(|t| t.text.as_str())
    }

    fn keyword(&self, i: usize) -> String {
        self.toks
            .get(i)
            .filter(|t| !t.quoted)
            .map(|t| t.text.to_ascii_lowercase())
            .unwrap_or_default()
    }

    fn source(&self) -> String {
        let words: Vec<String> = self
            .toks
            .iter()
            .map(|t| {
                if t.quoted {
                    format!("\"{}\"", t.text)
                } else {
                    t.text.clone()
                }
            })
            .collect();
        excerpt(&words.join(" "))
    }
}

/// Splits DSL text into statements: one a line, `{ … }` blocks nested, comments dropped.
fn parse(text: &str, file: usize) -> Result<Vec<Stmt>, ImportError> {
    // Each open block: its head statement and the statements read inside it so far.
    let mut stack: Vec<(Option<Stmt>, Vec<Stmt>)> = vec![(None, Vec::new())];
    let mut in_comment = false;
    let mut toks: Vec<Tok> = Vec::new();
    let mut stmt_line = 1;
    let lines: Vec<&str> = text.lines().collect();
    let mut li = 0;
    let end_statement =
        |toks: &mut Vec<Tok>, line: usize, stack: &mut Vec<(Option<Stmt>, Vec<Stmt>)>| {
            if !toks.is_empty() {
                let s = Stmt {
                    toks: std::mem::take(toks),
                    line,
                    file,
                    block: None,
                };
                if let Some(top) = stack.last_mut() {
                    top.1.push(s);
                }
            }
        };
    while li < lines.len() {
        let mut line = lines[li];
        let mut line_no = li + 1;
        li += 1;
        if toks.is_empty() {
            stmt_line = line_no;
        }
        let mut i = 0;
        while i < line.len() {
            if in_comment {
                match line[i..].find("*/") {
                    Some(e) => {
                        in_comment = false;
                        i += e + 2;
                        continue;
                    }
                    None => break,
                }
            }
            let rest = &line[i..];
            let Some(c) = rest.chars().next() else { break };
            if c.is_whitespace() {
                i += c.len_utf8();
            } else if rest.starts_with("/*") {
                in_comment = true;
                i += 2;
            } else if toks.is_empty() && (c == '#' || rest.starts_with("//")) {
                break;
            } else if rest.starts_with("\"\"\"") {
                // A text block: everything up to the closing `"""`, across lines.
                let (col, open_line) = (i + 1, line_no);
                let mut content = String::new();
                let mut from = i + 3;
                loop {
                    if let Some(e) = line[from..].find("\"\"\"") {
                        content.push_str(&line[from..from + e]);
                        i = from + e + 3;
                        break;
                    }
                    content.push_str(&line[from..]);
                    content.push('\n');
                    let Some(next) = lines.get(li) else {
                        return Err(error(
                            "a \"\"\" text block is not closed",
                            open_line,
                            Some(col),
                        ));
                    };
                    line = next;
                    li += 1;
                    line_no = li;
                    from = 0;
                }
                toks.push(Tok {
                    text: content.trim().to_string(),
                    quoted: true,
                    col,
                });
            } else if c == '"' {
                let Some((s, next)) = super::text::quoted(line, i) else {
                    let col = super::text::column(line, i);
                    return Err(error(
                        "a quoted string is not closed on this line",
                        line_no,
                        Some(col),
                    ));
                };
                toks.push(Tok {
                    text: s,
                    quoted: true,
                    col: super::text::column(line, i),
                });
                i = next;
            } else if c == '{' {
                let head = Stmt {
                    toks: std::mem::take(&mut toks),
                    line: stmt_line,
                    file,
                    block: None,
                };
                stack.push((Some(head), Vec::new()));
                i += 1;
                stmt_line = line_no;
            } else if c == '}' {
                end_statement(&mut toks, stmt_line, &mut stack);
                if stack.len() < 2 {
                    let col = super::text::column(line, i);
                    return Err(error("'}' closes no open block", line_no, Some(col)));
                }
                if let Some((Some(mut head), inner)) = stack.pop() {
                    head.block = Some(inner);
                    if let Some(top) = stack.last_mut() {
                        top.1.push(head);
                    }
                }
                i += 1;
                stmt_line = line_no;
            } else if c == '\\' && rest[1..].trim().is_empty() {
                // A line continuation: the statement goes on on the next line.
                i = line.len();
            } else {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '{' || c == '}' || c == '"')
                    .map_or(line.len(), |e| i + e);
                let col = super::text::column(line, i);
                toks.push(Tok {
                    text: line[i..end].to_string(),
                    quoted: false,
                    col,
                });
                i = end;
            }
        }
        if !line.trim_end().ends_with('\\') {
            end_statement(&mut toks, stmt_line, &mut stack);
        }
    }
    end_statement(&mut toks, stmt_line, &mut stack);
    if stack.len() > 1 {
        let opened = stack
            .last()
            .and_then(|s| s.0.as_ref())
            .map_or(1, |h| h.line);
        return Err(error(
            "a block opened here is not closed by '}'",
            opened,
            None,
        ));
    }
    Ok(stack.pop().map(|s| s.1).unwrap_or_default())
}

// ---------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Person,
    SoftwareSystem,
    Container,
    Component,
    Group,
    Custom,
    DeploymentNode,
    InfrastructureNode,
    ContainerInstance,
    SoftwareSystemInstance,
}

impl Kind {
    fn from_keyword(k: &str) -> Option<Kind> {
        Some(match k {
            "person" => Kind::Person,
            "softwaresystem" => Kind::SoftwareSystem,
            "container" => Kind::Container,
            "component" => Kind::Component,
            "group" | "enterprise" => Kind::Group,
            "element" => Kind::Custom,
            "deploymentnode" => Kind::DeploymentNode,
            "infrastructurenode" => Kind::InfrastructureNode,
            "containerinstance" => Kind::ContainerInstance,
            "softwaresysteminstance" => Kind::SoftwareSystemInstance,
            _ => return None,
        })
    }

    /// The tag Structurizr gives every element of this kind (what styles select by).
    fn default_tag(self) -> &'static str {
        match self {
            Kind::Person => "Person",
            Kind::SoftwareSystem => "Software System",
            Kind::Container => "Container",
            Kind::Component => "Component",
            Kind::Group => "Group",
            Kind::Custom => "Element",
            Kind::DeploymentNode => "Deployment Node",
            Kind::InfrastructureNode => "Infrastructure Node",
            Kind::ContainerInstance => "Container Instance",
            Kind::SoftwareSystemInstance => "Software System Instance",
        }
    }

    fn is_deployment(self) -> bool {
        matches!(
            self,
            Kind::DeploymentNode
                | Kind::InfrastructureNode
                | Kind::ContainerInstance
                | Kind::SoftwareSystemInstance
        )
    }

    /// The positional strings after the name, in order.
    fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Kind::Person | Kind::SoftwareSystem => &[Description, Tags],
            Kind::Container | Kind::Component | Kind::InfrastructureNode => {
                &[Description, Technology, Tags]
            }
            Kind::DeploymentNode => &[Description, Technology, Tags, Instances],
            Kind::Custom => &[Technology, Description, Tags],
            Kind::ContainerInstance | Kind::SoftwareSystemInstance => &[Ignored, Tags],
            Kind::Group => &[],
        }
    }
}

#[derive(Clone, Copy)]
enum Field {
    Description,
    Technology,
    Tags,
    Instances,
    Ignored,
}

#[derive(Clone, Debug)]
struct ModelEl {
    kind: Kind,
    name: String,
    description: Option<String>,
    technology: Option<String>,
    tags: Vec<String>,
    /// The element it belongs to (a container's system, a node's parent node).
    parent: Option<usize>,
    /// The `group` it is drawn in.
    group: Option<usize>,
    env: Option<usize>,
    instance_of: Option<usize>,
    line: usize,
    id: Option<String>,
}

struct PendingRel {
    from: RelEnd,
    to: RelEnd,
    description: String,
    technology: Option<String>,
    scope: String,
    line: usize,
    file: usize,
    text: String,
}

enum RelEnd {
    Element(usize),
    Name(String),
}

struct Rel {
    from: usize,
    to: usize,
    description: String,
    technology: Option<String>,
    line: usize,
}

#[derive(Clone, Default)]
struct Archetype {
    kind: Option<Kind>,
    description: Option<String>,
    technology: Option<String>,
    tags: Vec<String>,
}

/// Where a statement is read: the element `this` names, the group and deployment
/// environment around it, and the identifier path of the element (hierarchical identifiers).
#[derive(Clone, Default)]
struct Ctx {
    this: Option<usize>,
    group: Option<usize>,
    env: Option<usize>,
    path: String,
}

#[derive(Default)]
struct Reader {
    files: Vec<PathBuf>,
    including: Vec<PathBuf>,
    hierarchical: bool,
    title: Option<String>,
    els: Vec<ModelEl>,
    ids: HashMap<String, usize>,
    bare: HashMap<String, Option<usize>>,
    pending: Vec<PendingRel>,
    rels: Vec<Rel>,
    envs: Vec<String>,
    archetypes: HashMap<String, Archetype>,
    constants: HashMap<String, String>,
    /// Shape and icon by tag, from `views { styles { element "Tag" { … } } }`.
    styles: Vec<(String, Option<String>, Option<String>)>,
    skipped: Vec<super::diagram::Skipped>,
}

impl Reader {
    fn err_at(&self, st: &Stmt, message: String, col: Option<usize>) -> ImportError {
        let message = if st.file == 0 {
            message
        } else {
            let name = self.files[st.file]
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            format!("in {}: {message}", name.unwrap_or_default())
        };
        error(message, st.line, col)
    }

    fn skip(&mut self, st: &Stmt, why: &str) {
        let mut s = skipped(&st.source(), why, st.line);
        if st.file != 0 {
            let name = self.files[st.file]
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            s.why = format!("{why} (in {})", name.unwrap_or_default());
        }
        self.skipped.push(s);
    }

    /// A string value with `${NAME}` constants substituted.
    fn value(&self, t: &Tok) -> String {
        if !t.text.contains("${") {
            return t.text.clone();
        }
        let mut out = t.text.clone();
        for (k, v) in &self.constants {
            out = out.replace(&format!("${{{k}}}"), v);
        }
        out
    }

    /// The top level: a `workspace` (or, leniently, a file of model statements).
    fn top(&mut self, stmts: &[Stmt]) -> Result<(), ImportError> {
        for st in stmts {
            let kw = st.keyword(0);
            if kw == "workspace" {
                let args: Vec<&Tok> = st.toks[1..].iter().collect();
                if args
                    .first()
                    .is_some_and(|t| !t.quoted && t.text.eq_ignore_ascii_case("extends"))
                {
                    let Some(target) = args.get(1) else {
                        return Err(self.err_at(
                            st,
                            "workspace extends names no file".into(),
                            None,
                        ));
                    };
                    if target.text.starts_with("http://") || target.text.starts_with("https://") {
                        self.skip(st, "extending a workspace by URL is not fetched");
                    } else {
                        let base = self.load(st, &target.text.clone(), target.col)?;
                        for (file_stmts, index) in base {
                            self.including.push(canonical(&self.files[index]));
                            self.top(&file_stmts)?;
                            self.including.pop();
                        }
                    }
                } else if let Some(name) = args.first().filter(|t| t.quoted) {
                    self.title = Some(self.value(name));
                }
                if let Some(block) = &st.block {
                    self.workspace(block)?;
                }
            } else {
                self.workspace(std::slice::from_ref(st))?;
            }
        }
        Ok(())
    }

    fn workspace(&mut self, stmts: &[Stmt]) -> Result<(), ImportError> {
        for st in stmts {
            match st.keyword(0).as_str() {
                "name" => {
                    if let Some(t) = st.toks.get(1) {
                        self.title = Some(self.value(t));
                    }
                }
                "description" | "configuration" | "properties" | "!docs" | "!adrs" => {
                    self.skip(st, "documentation or settings");
                }
                _ => self.statement(st, &Ctx::default())?,
            }
        }
        Ok(())
    }

    /// Reads the element styles' shapes and icons; the rest of the views is not drawn.
    fn views(&mut self, stmts: &[Stmt]) {
        for st in stmts {
            if st.keyword(0) != "styles" {
                continue;
            }
            for style in st.block.iter().flatten() {
                if style.keyword(0) != "element" {
                    continue;
                }
                let Some(tag) = style.word(1).map(str::to_string) else {
                    continue;
                };
                let mut shape = None;
                let mut icon = None;
                for prop in style.block.iter().flatten() {
                    match prop.keyword(0).as_str() {
                        "shape" => shape = prop.word(1).map(str::to_ascii_lowercase),
                        "icon" => icon = prop.word(1).map(icon_name),
                        _ => {}
                    }
                }
                if shape.is_some() || icon.is_some() {
                    self.styles.push((tag, shape, icon));
                }
            }
        }
    }

    fn block(&mut self, stmts: &[Stmt], ctx: &Ctx) -> Result<(), ImportError> {
        for st in stmts {
            self.statement(st, ctx)?;
        }
        Ok(())
    }

    /// Loads `target` (a file or a folder of `.dsl` files) relative to the file `st` is in:
    /// each file's statements and its index in `files`. The caller pushes each file on the
    /// include stack while it reads it, so a file that includes itself is caught.
    fn load(
        &mut self,
        st: &Stmt,
        target: &str,
        col: usize,
    ) -> Result<Vec<(Vec<Stmt>, usize)>, ImportError> {
        let rel = Path::new(target);
        if rel.is_absolute() {
            return Err(self.err_at(
                st,
                format!("only relative includes are read, not {target}"),
                Some(col),
            ));
        }
        if self.including.len() > MAX_INCLUDE_DEPTH {
            return Err(self.err_at(
                st,
                format!("includes nest deeper than {MAX_INCLUDE_DEPTH}"),
                Some(col),
            ));
        }
        let dir = self.files[st.file]
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let full = dir.join(rel);
        let files = if full.is_dir() {
            let mut found = Vec::new();
            collect_dsl(&full, &mut found, 0);
            found.sort();
            found
        } else if full.is_file() {
            vec![full.clone()]
        } else {
            return Err(self.err_at(
                st,
                format!("the included file {} does not exist", full.display()),
                Some(col),
            ));
        };
        let mut out = Vec::new();
        for f in files {
            let canon = canonical(&f);
            if self.including.contains(&canon) {
                return Err(self.err_at(
                    st,
                    format!("{} includes itself (an include cycle)", f.display()),
                    Some(col),
                ));
            }
            let bytes = std::fs::read(&f).map_err(|e| {
                self.err_at(st, format!("cannot read {}: {e}", f.display()), Some(col))
            })?;
            let index = self.files.len();
            self.files.push(f.clone());
            let text = utf8(&bytes).map_err(|e| ImportError {
                message: format!("in {}: {}", f.display(), e.message),
                ..e
            })?;
            let stmts = parse(text, index).map_err(|e| ImportError {
                message: format!("in {}: {}", f.display(), e.message),
                ..e
            })?;
            out.push((stmts, index));
        }
        Ok(out)
    }

    fn include(&mut self, st: &Stmt, ctx: &Ctx) -> Result<(), ImportError> {
        let Some(target) = st.toks.get(1) else {
            return Err(self.err_at(st, "!include names no file".into(), None));
        };
        if target.text.starts_with("http://") || target.text.starts_with("https://") {
            self.skip(st, "include by URL is not fetched");
            return Ok(());
        }
        let target_text = self.value(target);
        let loaded = self.load(st, &target_text, target.col)?;
        for (stmts, index) in loaded {
            self.including.push(canonical(&self.files[index]));
            self.block(&stmts, ctx)?;
            self.including.pop();
        }
        Ok(())
    }

    fn lookup(&self, name: &str, scope: &str) -> Option<usize> {
        let name = name.to_ascii_lowercase();
        if let Some(&i) = self.ids.get(&name) {
            return Some(i);
        }
        let mut prefix = scope.to_ascii_lowercase();
        while !prefix.is_empty() {
            if let Some(&i) = self.ids.get(&format!("{prefix}.{name}")) {
                return Some(i);
            }
            prefix = prefix
                .rsplit_once('.')
                .map_or(String::new(), |(p, _)| p.to_string());
        }
        self.bare
            .get(name.rsplit('.').next().unwrap_or(&name))
            .copied()
            .flatten()
    }

    fn register(&mut self, id: &str, index: usize, ctx: &Ctx) {
        let full = if self.hierarchical && !ctx.path.is_empty() {
            format!("{}.{id}", ctx.path)
        } else {
            id.to_string()
        };
        let lower = full.to_ascii_lowercase();
        self.ids.insert(lower.clone(), index);
        let bare = id.to_ascii_lowercase();
        self.bare
            .entry(bare)
            .and_modify(|e| {
                if *e != Some(index) {
                    *e = None;
                }
            })
            .or_insert(Some(index));
        self.els[index].id = Some(full);
    }

    fn statement(&mut self, st: &Stmt, ctx: &Ctx) -> Result<(), ImportError> {
        let kw = st.keyword(0);
        match kw.as_str() {
            "!include" => return self.include(st, ctx),
            "model" => {
                if let Some(block) = &st.block {
                    self.block(block, &Ctx::default())?;
                }
                return Ok(());
            }
            "views" => {
                if let Some(block) = &st.block {
                    self.views(block);
                }
                self.skip(st, "views (the design is drawn from the model)");
                return Ok(());
            }
            "!identifiers" => {
                self.hierarchical = st.keyword(1) == "hierarchical";
                return Ok(());
            }
            "!constant" | "!const" | "!var" => {
                if let (Some(k), Some(v)) = (st.toks.get(1), st.toks.get(2)) {
                    let v = self.value(v);
                    self.constants.insert(k.text.clone(), v);
                }
                return Ok(());
            }
            "!ref" | "!element" | "!extend" => {
                let Some(name) = st.word(1) else {
                    return Err(self.err_at(st, format!("{kw} names no element"), None));
                };
                let Some(index) = self.lookup(name, &ctx.path) else {
                    let col = st.toks.get(1).map(|t| t.col);
                    return Err(self.err_at(
                        st,
                        format!("{kw} {name}: no element has this identifier"),
                        col,
                    ));
                };
                let inner = self.inner_ctx(index, ctx);
                if let Some(block) = &st.block {
                    self.block(block, &inner)?;
                }
                return Ok(());
            }
            "archetypes" => {
                for a in st.block.iter().flatten() {
                    self.archetype(a);
                }
                return Ok(());
            }
            "description" => {
                if let (Some(this), Some(t)) = (ctx.this, st.toks.get(1)) {
                    self.els[this].description = Some(self.value(t));
                }
                return Ok(());
            }
            "technology" => {
                if let (Some(this), Some(t)) = (ctx.this, st.toks.get(1)) {
                    self.els[this].technology = Some(self.value(t));
                }
                return Ok(());
            }
            "tags" | "tag" => {
                if let Some(this) = ctx.this {
                    let tags: Vec<String> = st.toks[1..]
                        .iter()
                        .flat_map(|t| split_tags(&self.value(t)))
                        .collect();
                    self.els[this].tags.extend(tags);
                }
                return Ok(());
            }
            "url"
            | "instances"
            | "healthcheck"
            | "properties"
            | "perspectives"
            | "!docs"
            | "!adrs"
            | "deploymentgroup"
            | "!impliedrelationships"
            | "!plugin"
            | "!script"
            | "styles"
            | "themes"
            | "theme"
            | "branding"
            | "terminology" => {
                if !matches!(kw.as_str(), "url" | "instances" | "healthcheck") {
                    self.skip(st, "documentation, settings or styling");
                }
                return Ok(());
            }
            _ => {}
        }
        // `id = …`
        let (id, at) = if st.word(1) == Some("=") && st.toks.first().is_some_and(|t| !t.quoted) {
            (st.word(0).map(str::to_string), 2)
        } else {
            (None, 0)
        };
        // Relationships: `a -> b …`, `-> b …` (from `this`).
        if let Some(arrow) = (at..st.toks.len().min(at + 2)).find(|&i| is_arrow(&st.toks[i])) {
            return self.relationship(st, ctx, at, arrow);
        }
        let word = st.keyword(at);
        if word == "deploymentenvironment" {
            let name = st
                .toks
                .get(at + 1)
                .map(|t| self.value(t))
                .unwrap_or_else(|| "Deployment".into());
            let env = self.envs.len();
            self.envs.push(name);
            let inner = Ctx {
                this: None,
                group: None,
                env: Some(env),
                path: String::new(),
            };
            if let Some(block) = &st.block {
                self.block(block, &inner)?;
            }
            return Ok(());
        }
        let (kind, archetype) = match Kind::from_keyword(&word) {
            Some(k) => (k, Archetype::default()),
            None => match self.archetypes.get(&word).cloned() {
                Some(a) if a.kind.is_some() => (a.kind.unwrap_or(Kind::Custom), a),
                _ => {
                    self.skip(st, "statement not understood");
                    return Ok(());
                }
            },
        };
        self.element(st, ctx, kind, archetype, id, at)
    }

    fn element(
        &mut self,
        st: &Stmt,
        ctx: &Ctx,
        kind: Kind,
        archetype: Archetype,
        id: Option<String>,
        at: usize,
    ) -> Result<(), ImportError> {
        let args = &st.toks[(at + 1).min(st.toks.len())..];
        let mut el = ModelEl {
            kind,
            name: String::new(),
            description: archetype.description.clone(),
            technology: archetype.technology.clone(),
            tags: archetype.tags.clone(),
            parent: ctx.this,
            group: ctx.group,
            env: ctx.env,
            instance_of: None,
            line: st.line,
            id: None,
        };
        if matches!(kind, Kind::ContainerInstance | Kind::SoftwareSystemInstance) {
            let Some(target) = args.first() else {
                return Err(self.err_at(st, "an instance names no element".into(), None));
            };
            let Some(of) = self.lookup(&target.text, &ctx.path) else {
                self.skip(
                    st,
                    &format!("no element has the identifier {}", target.text),
                );
                return Ok(());
            };
            el.instance_of = Some(of);
            el.name = self.els[of].name.clone();
        } else {
            el.name = args.first().map(|t| self.value(t)).unwrap_or_default();
        }
        for (field, tok) in kind.fields().iter().zip(args.iter().skip(1)) {
            let v = self.value(tok);
            match field {
                Field::Description if !v.is_empty() => el.description = Some(v),
                Field::Technology if !v.is_empty() => el.technology = Some(v),
                Field::Tags => el.tags.extend(split_tags(&v)),
                _ => {}
            }
        }
        let index = self.els.len();
        self.els.push(el);
        if let Some(id) = &id {
            self.register(id, index, ctx);
        }
        if let Some(block) = &st.block {
            let inner = if kind == Kind::Group {
                Ctx {
                    group: Some(index),
                    ..ctx.clone()
                }
            } else {
                self.inner_ctx(index, ctx)
            };
            self.block(block, &inner)?;
        }
        Ok(())
    }

    /// The context inside element `index`'s block.
    fn inner_ctx(&self, index: usize, ctx: &Ctx) -> Ctx {
        let el = &self.els[index];
        let path = match &el.id {
            Some(id) => id.clone(),
            None => ctx.path.clone(),
        };
        Ctx {
            this: Some(index),
            group: None,
            env: el.env.or(ctx.env),
            path,
        }
    }

    fn relationship(
        &mut self,
        st: &Stmt,
        ctx: &Ctx,
        at: usize,
        arrow: usize,
    ) -> Result<(), ImportError> {
        let from = if arrow == at {
            match ctx.this {
                Some(t) => RelEnd::Element(t),
                None => {
                    self.skip(st, "a relationship with no source outside an element");
                    return Ok(());
                }
            }
        } else {
            self.end(&st.toks[at].text, ctx)
        };
        let Some(target) = st.toks.get(arrow + 1) else {
            let col = st.toks.get(arrow).map(|t| t.col);
            return Err(self.err_at(st, "a relationship names no destination".into(), col));
        };
        let to = self.end(&target.text, ctx);
        let rest: Vec<String> = st.toks[arrow + 2..].iter().map(|t| self.value(t)).collect();
        let mut technology = rest.get(1).filter(|t| !t.is_empty()).cloned();
        let mut description = rest.first().cloned().unwrap_or_default();
        for prop in st.block.iter().flatten() {
            match prop.keyword(0).as_str() {
                "technology" => technology = prop.toks.get(1).map(|t| self.value(t)),
                "description" => {
                    description = prop.toks.get(1).map(|t| self.value(t)).unwrap_or_default()
                }
                _ => {}
            }
        }
        self.pending.push(PendingRel {
            from,
            to,
            description,
            technology,
            scope: ctx.path.clone(),
            line: st.line,
            file: st.file,
            text: st.source(),
        });
        Ok(())
    }

    fn end(&self, name: &str, ctx: &Ctx) -> RelEnd {
        match (name.eq_ignore_ascii_case("this"), ctx.this) {
            (true, Some(t)) => RelEnd::Element(t),
            _ => RelEnd::Name(name.to_string()),
        }
    }

    fn archetype(&mut self, st: &Stmt) {
        let (Some(name), Some("=")) = (st.word(0), st.word(1)) else {
            return;
        };
        let base = st.keyword(2);
        let mut a = match Kind::from_keyword(&base) {
            Some(k) => Archetype {
                kind: Some(k),
                ..Archetype::default()
            },
            None => self.archetypes.get(&base).cloned().unwrap_or_default(),
        };
        for prop in st.block.iter().flatten() {
            let v = prop.toks.get(1).map(|t| self.value(t));
            match prop.keyword(0).as_str() {
                "technology" => a.technology = v,
                "description" => a.description = v,
                "tag" | "tags" => a.tags.extend(
                    prop.toks[1..]
                        .iter()
                        .flat_map(|t| split_tags(&self.value(t))),
                ),
                _ => {}
            }
        }
        self.archetypes.insert(name.to_ascii_lowercase(), a);
    }

    fn resolve_relationships(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            let resolve = |end: &RelEnd| match end {
                RelEnd::Element(i) => Ok(*i),
                RelEnd::Name(n) => self.lookup(n, &p.scope).ok_or_else(|| n.clone()),
            };
            match (resolve(&p.from), resolve(&p.to)) {
                (Ok(from), Ok(to)) => self.rels.push(Rel {
                    from,
                    to,
                    description: p.description,
                    technology: p.technology,
                    line: p.line,
                }),
                (Err(n), _) | (_, Err(n)) => {
                    let mut s = skipped(
                        &p.text,
                        format!("no element has the identifier {n}"),
                        p.line,
                    );
                    if p.file != 0 {
                        s.why.push_str(" (in an included file)");
                    }
                    self.skipped.push(s);
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Projections
    // -----------------------------------------------------------------------------------

    fn hints(&self, i: usize) -> Hints {
        let el = &self.els[i];
        let base = el.instance_of.map_or(el, |o| &self.els[o]);
        let mut tags: Vec<String> = base.tags.clone();
        if el.instance_of.is_some() {
            tags.extend(el.tags.iter().cloned());
        }
        let mut shape = (base.kind == Kind::Person).then(|| "person".to_string());
        let mut icon = tags.iter().find(|t| is_theme_tag(t)).cloned();
        let all_tags: Vec<&str> = std::iter::once(base.kind.default_tag())
            .chain(std::iter::once("Element"))
            .chain(tags.iter().map(String::as_str))
            .collect();
        // Later styles win, as in Structurizr.
        for (tag, s, ic) in &self.styles {
            if all_tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                if s.is_some() {
                    shape.clone_from(s);
                }
                if ic.is_some() {
                    icon.clone_from(ic);
                }
            }
        }
        let external =
            base.kind == Kind::Person || tags.iter().any(|t| t.eq_ignore_ascii_case("External"));
        Hints {
            icon,
            technology: base.technology.clone(),
            shape,
            tags,
            description: base.description.clone(),
            external,
        }
    }

    fn push_element(&self, d: &mut Diagram, i: usize, parent: Option<usize>) -> usize {
        let el = &self.els[i];
        d.elements.push(Element {
            label: el.name.clone(),
            hints: self.hints(i),
            is_group: false,
            parent,
            bounds: None,
            source: SourceRef {
                line: Some(el.line),
                id: el.id.clone(),
            },
        });
        d.elements.len() - 1
    }

    fn push_link(d: &mut Diagram, from: usize, to: usize, rel: &Rel) {
        d.links.push(Link {
            from: LinkEnd::Element(from),
            to: LinkEnd::Element(to),
            label: rel.description.clone(),
            technology: rel.technology.clone(),
            style: LinkStyle::Solid,
            both_ways: false,
            undirected: false,
            source: SourceRef {
                line: Some(rel.line),
                id: None,
            },
        });
    }

    /// The deployment environment `env`: nodes as groups, instances and infrastructure as
    /// elements, model relationships projected onto the instances.
    fn deployment(&self, env: usize) -> Diagram {
        let mut d = Diagram::default();
        let mut map: HashMap<usize, usize> = HashMap::new();
        for (i, el) in self.els.iter().enumerate() {
            if el.env != Some(env) || !el.kind.is_deployment() {
                continue;
            }
            let parent = el.parent.and_then(|p| map.get(&p).copied());
            let index = self.push_element(&mut d, i, parent);
            map.insert(i, index);
        }
        for e in 0..d.elements.len() {
            if let Some(p) = d.elements[e].parent {
                d.elements[p].is_group = true;
            }
        }
        // Instances of each model element in this environment.
        let mut instances: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, el) in self.els.iter().enumerate() {
            if let (Some(of), Some(&di)) = (el.instance_of, map.get(&i)) {
                instances.entry(of).or_default().push(di);
            }
        }
        let mut seen = HashSet::new();
        for rel in &self.rels {
            let ends = |e: usize| -> Vec<usize> {
                if let Some(&di) = map.get(&e) {
                    return vec![di];
                }
                if self.els[e].kind.is_deployment() {
                    return Vec::new();
                }
                let deployable = self.deployable(e);
                instances.get(&deployable).cloned().unwrap_or_default()
            };
            for a in ends(rel.from) {
                for b in ends(rel.to) {
                    if a != b && seen.insert((a, b)) {
                        Self::push_link(&mut d, a, b, rel);
                    }
                }
            }
        }
        d
    }

    /// What is deployed for a model element: a component's container, else the element.
    fn deployable(&self, e: usize) -> usize {
        match self.els[e].kind {
            Kind::Component => self.els[e].parent.unwrap_or(e),
            _ => e,
        }
    }

    /// The containers: people, software systems (as groups around their containers), groups.
    fn containers(&self) -> Diagram {
        let mut d = Diagram::default();
        let drawn = |el: &ModelEl| {
            matches!(
                el.kind,
                Kind::Person | Kind::SoftwareSystem | Kind::Container | Kind::Custom
            ) && el.env.is_none()
        };
        // Groups holding something drawn, and the elements' diagram indexes.
        let mut map: HashMap<usize, usize> = HashMap::new();
        let mut used_groups: HashSet<usize> = HashSet::new();
        for el in self.els.iter().filter(|e| drawn(e)) {
            let mut g = el.group;
            while let Some(gi) = g {
                if !used_groups.insert(gi) {
                    break;
                }
                g = self.els[gi].group;
            }
        }
        for (i, el) in self.els.iter().enumerate() {
            if !(drawn(el) || (el.kind == Kind::Group && used_groups.contains(&i))) {
                continue;
            }
            let parent = el
                .group
                .and_then(|g| map.get(&g).copied())
                .or_else(|| el.parent.and_then(|p| map.get(&p).copied()));
            let index = self.push_element(&mut d, i, parent);
            if el.kind == Kind::Group {
                d.elements[index].is_group = true;
            }
            map.insert(i, index);
        }
        for e in 0..d.elements.len() {
            if let Some(p) = d.elements[e].parent {
                d.elements[p].is_group = true;
            }
        }
        let to_drawn = |e: usize| -> Option<usize> {
            let mut e = e;
            loop {
                if let Some(&di) = map.get(&e) {
                    return Some(di);
                }
                e = self.els[e].parent?;
            }
        };
        let mut pairs: Vec<(usize, usize, &Rel)> = Vec::new();
        let mut seen = HashSet::new();
        for rel in &self.rels {
            if let (Some(a), Some(b)) = (to_drawn(rel.from), to_drawn(rel.to)) {
                if a != b && seen.insert((a, b)) {
                    pairs.push((a, b, rel));
                }
            }
        }
        // A relationship to a software system drawn as a group is left out when one of its
        // containers' relationships already draws it.
        let parents: Vec<Option<usize>> = d.elements.iter().map(|e| e.parent).collect();
        let is_group: Vec<bool> = d.elements.iter().map(|e| e.is_group).collect();
        let within = |x: usize, outer: usize| -> bool {
            let mut cur = Some(x);
            while let Some(c) = cur {
                if c == outer {
                    return true;
                }
                cur = parents[c];
            }
            false
        };
        for &(a, b, rel) in &pairs {
            let (a_group, b_group) = (is_group[a], is_group[b]);
            if (a_group || b_group)
                && pairs
                    .iter()
                    .any(|&(x, y, _)| (x, y) != (a, b) && within(x, a) && within(y, b))
            {
                continue;
            }
            Self::push_link(&mut d, a, b, rel);
        }
        d
    }
}

fn collect_dsl(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > MAX_INCLUDE_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect_dsl(&p, out, depth + 1);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("dsl")) {
            out.push(p);
        }
    }
}

fn is_arrow(t: &Tok) -> bool {
    !t.quoted && t.text.starts_with('-') && t.text.ends_with("->")
}

fn split_tags(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// A tag a Structurizr theme draws as a cloud icon (`Amazon Web Services - RDS`).
fn is_theme_tag(t: &str) -> bool {
    [
        "Amazon Web Services - ",
        "Microsoft Azure - ",
        "Google Cloud Platform - ",
        "Kubernetes - ",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// The file name of an icon path or URL, without its extension or query.
fn icon_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('.')
        .map_or(file, |(stem, _)| stem)
        .to_string()
}
