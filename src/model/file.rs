//! The design file format: RON text in `.archway.ron` files. Parsing with positioned errors,
//! validation of references, stable pretty printing, and atomic saving.

use super::design::{CURRENT_VERSION, Design};
use super::migrate;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// File name extension of design files.
pub const EXTENSION: &str = ".archway.ron";

/// Files larger than this are refused before parsing, so a huge file cannot hang the app.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Deepest bracket nesting accepted; deeper input is an error, never a stack overflow.
pub const MAX_NESTING: usize = 64;

/// The deepest chain of containers a design may have (a containment chain longer than this is
/// refused with a clear error instead of slowing every walk up the parents).
pub const MAX_CONTAINER_DEPTH: usize = 32;

/// One problem found in a design file, with its 1-based position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    /// A plain sentence: what is wrong and, where useful, what was expected.
    pub message: String,
}

impl Problem {
    fn at(line: usize, col: usize, message: impl Into<String>) -> Self {
        Self {
            line: line.max(1),
            col: col.max(1),
            message: message.into(),
        }
    }
}

/// Why a design file could not be loaded: the file (when known) and every problem found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub file: Option<PathBuf>,
    pub problems: Vec<Problem>,
}

impl LoadError {
    fn io(path: &Path, message: String) -> Self {
        Self {
            file: Some(path.to_owned()),
            problems: vec![Problem::at(1, 1, message)],
        }
    }

    /// The file name to show in messages (`<input>` when the text did not come from a file).
    pub fn file_name(&self) -> String {
        self.file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<input>".to_owned())
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file_name();
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{file}:{}:{}: error: {}", p.line, p.col, p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Reads and validates a design file.
pub fn load(path: &Path) -> Result<Design, LoadError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| LoadError::io(path, format!("cannot read the file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::io(path, size_message(meta.len())));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::io(path, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        LoadError {
            file: Some(path.to_owned()),
            problems: vec![Problem::at(line, col, "the file is not valid UTF-8 text")],
        }
    })?;
    parse(&text).map_err(|problems| LoadError {
        file: Some(path.to_owned()),
        problems,
    })
}

fn size_message(len: u64) -> String {
    format!(
        "the file is {:.1} MB, larger than the {} MB limit for design files",
        len as f64 / (1024.0 * 1024.0),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Parses and validates design text. On failure returns every problem found, in file order.
pub fn parse(text: &str) -> Result<Design, Vec<Problem>> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![Problem::at(1, 1, size_message(text.len() as u64))]);
    }
    if let Some(p) = too_deep(text) {
        return Err(vec![p]);
    }
    // Optional fields may be written bare (`instances: 3`) with or without the file's
    // `#![enable(implicit_some)]` header.
    let options = ron::Options::default()
        .with_recursion_limit(MAX_NESTING * 2)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);

    #[derive(Deserialize)]
    struct VersionProbe {
        version: Option<u32>,
    }
    // The common case, a current file, is parsed once. Only when that fails, or the file is
    // not current, is the version read on its own: a newer file's unknown fields must be
    // reported as "made by a newer Archway", not as errors.
    let direct: Result<Design, _> = options.from_str(text);
    let version = match &direct {
        Ok(d) => Some(d.version),
        Err(_) => {
            options
                .from_str::<VersionProbe>(text)
                .map_err(|e| vec![ron_problem(&e)])?
                .version
        }
    };
    let version = version.ok_or_else(|| {
        vec![Problem::at(
            1,
            1,
            "the design has no `version` field; add `version: 1` at the top of the design",
        )]
    })?;
    if version > CURRENT_VERSION {
        let (line, col) = find(text, "version").unwrap_or((1, 1));
        return Err(vec![Problem::at(
            line,
            col,
            format!(
                "this design was made by a newer Archway (file format version {version}); this \
                 build reads versions up to {CURRENT_VERSION}: update Archway to open it"
            ),
        )]);
    }
    if version == 0 {
        let (line, col) = find(text, "version").unwrap_or((1, 1));
        return Err(vec![Problem::at(
            line,
            col,
            "format version 0 does not exist; the first version is 1",
        )]);
    }

    let design: Design = if version < CURRENT_VERSION {
        let value: ron::Value = options.from_str(text).map_err(|e| vec![ron_problem(&e)])?;
        let upgraded = migrate::upgrade(value, version).map_err(|m| vec![Problem::at(1, 1, m)])?;
        upgraded.into_rust().map_err(|e| {
            vec![Problem::at(
                1,
                1,
                format!("after upgrading from version {version}: {e}"),
            )]
        })?
    } else {
        direct.map_err(|e| vec![ron_problem(&e)])?
    };

    let problems = validate(&design, text);
    if problems.is_empty() {
        Ok(design)
    } else {
        Err(problems)
    }
}

/// Finds bracket nesting deeper than [`MAX_NESTING`] without recursion (strings skipped).
fn too_deep(text: &str) -> Option<Problem> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    let (line, col) = line_col(text, i);
                    return Some(Problem::at(
                        line,
                        col,
                        format!(
                            "brackets are nested more than {MAX_NESTING} levels deep; a design file never needs that"
                        ),
                    ));
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Turns a RON error into a problem with a plain message.
fn ron_problem(e: &ron::error::SpannedError) -> Problem {
    use ron::Error as E;
    let message = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}`{}; allowed fields: {}",
            outer
                .as_ref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default(),
            expected.join(", ")
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown value `{found}`{}; allowed values: {}",
            outer
                .as_ref()
                .map(|o| format!(" for {o}"))
                .unwrap_or_default(),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => format!(
            "missing field `{field}`{}",
            outer
                .as_ref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default()
        ),
        E::Eof => "the file ends too early: a bracket or value is missing (is the file truncated?)"
            .to_owned(),
        E::ExceededRecursionLimit => {
            "the input is nested too deeply; a design file never needs that".to_owned()
        }
        other => {
            let s = other.to_string();
            let mut chars = s.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
                None => s,
            }
        }
    };
    Problem::at(e.span.start.line, e.span.start.col, message)
}

/// Checks references and structure that the parser cannot: unique ids, edges and properties
/// that name existing nodes, containers that exist and do not contain themselves, roles that fit
/// their kind. `text` is used only to find positions.
pub fn validate(design: &Design, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let locate = |id: &str| find(text, &format!("\"{}\"", escape_for_search(id))).unwrap_or((1, 1));

    // Unique ids across nodes, edges and containers (a suppression target may name either).
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let all_ids = design
        .containers
        .iter()
        .map(|c| (c.id.as_str(), "container"))
        .chain(design.nodes.iter().map(|n| (n.id.as_str(), "node")))
        .chain(design.edges.iter().map(|e| (e.id.as_str(), "edge")));
    let mut dup_search_from: HashMap<&str, usize> = HashMap::new();
    for (id, what) in all_ids {
        if id.is_empty() {
            problems.push(Problem::at(1, 1, format!("a {what} has an empty id")));
            continue;
        }
        if let Some(first) = seen.insert(id, what) {
            let needle = format!("\"{}\"", escape_for_search(id));
            // Report at the second occurrence of the id in the text.
            let start = *dup_search_from.entry(id).or_insert(0);
            let second = nth_offset(text, &needle, start, 2);
            let (line, col) = second.map(|o| line_col(text, o)).unwrap_or((1, 1));
            problems.push(Problem::at(
                line,
                col,
                format!("duplicate id `{id}`: a {first} already uses it; ids must be unique"),
            ));
        }
    }

    let node_ids: HashSet<&str> = design.nodes.iter().map(|n| n.id.as_str()).collect();
    let container_ids: HashSet<&str> = design.containers.iter().map(|c| c.id.as_str()).collect();

    for e in &design.edges {
        for (end, id) in [("from", &e.from), ("to", &e.to)] {
            if !node_ids.contains(id.as_str()) {
                let (line, col) = locate_field_after(text, e.id.as_str(), end, id.as_str());
                problems.push(Problem::at(
                    line,
                    col,
                    format!(
                        "edge `{}` goes {end} node `{id}`, which does not exist",
                        e.id
                    ),
                ));
            }
        }
    }

    for n in &design.nodes {
        if let Some(c) = &n.container
            && !container_ids.contains(c.as_str())
        {
            let (line, col) = locate_field_after(text, n.id.as_str(), "container", c.as_str());
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "node `{}` is placed in container `{c}`, which does not exist",
                    n.id
                ),
            ));
        }
        let p = &n.props;
        for b in p.backs.iter().flatten() {
            if !node_ids.contains(b.as_str()) {
                let (line, col) = locate_field_after(text, n.id.as_str(), "backs", b.as_str());
                problems.push(Problem::at(
                    line,
                    col,
                    format!("cache `{}` backs node `{b}`, which does not exist", n.id),
                ));
            }
        }
        if let Some(s) = &p.shard_of
            && !node_ids.contains(s.as_str())
        {
            let (line, col) = locate_field_after(text, n.id.as_str(), "shard_of", s.as_str());
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "shard `{}` belongs to `{s}`, which is not a node of this design",
                    n.id
                ),
            ));
        }
        if let Some(super::props::Dlq::Node(d)) = &p.dlq
            && !node_ids.contains(d.as_str())
        {
            let (line, col) = locate_field_after(text, n.id.as_str(), "dlq", d.as_str());
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "queue `{}` names dead-letter queue `{d}`, which does not exist",
                    n.id
                ),
            ));
        }
        if let Some(role) = &p.role
            && !role.fits(n.kind)
        {
            let (line, col) = locate_field_after(text, n.id.as_str(), "role", "");
            let choices: Vec<&str> = super::props::Role::choices(n.kind)
                .iter()
                .map(|r| r.key())
                .collect();
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "role `{}` does not fit node `{}` of kind {}; {}",
                    role.key(),
                    n.id,
                    n.kind.key(),
                    if choices.is_empty() {
                        "this kind takes no role".to_owned()
                    } else {
                        format!("allowed roles: {}", choices.join(", "))
                    }
                ),
            ));
        }
    }

    for c in &design.containers {
        if let Some(parent) = &c.parent
            && !container_ids.contains(parent.as_str())
        {
            let (line, col) = locate_field_after(text, c.id.as_str(), "parent", parent.as_str());
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "container `{}` sits in container `{parent}`, which does not exist",
                    c.id
                ),
            ));
        }
    }

    // Containment cycles: follow parents; a chain that returns to its start is a cycle.
    let parent_of: HashMap<&str, &str> = design
        .containers
        .iter()
        .filter_map(|c| c.parent.as_ref().map(|p| (c.id.as_str(), p.as_str())))
        .collect();
    // Nesting deeper than MAX_CONTAINER_DEPTH is refused too: real designs nest five levels
    // (region, VPC, zone, subnet…), and every walk up the parents stays short.
    let mut reported: HashSet<&str> = HashSet::new();
    let mut too_deep_reported = false;
    for c in &design.containers {
        let start = c.id.as_str();
        let mut cur = start;
        let mut steps = 0;
        while let Some(&p) = parent_of.get(cur) {
            steps += 1;
            if steps > MAX_CONTAINER_DEPTH {
                if !too_deep_reported {
                    too_deep_reported = true;
                    let (line, col) = locate(start);
                    problems.push(Problem::at(
                        line,
                        col,
                        format!(
                            "container `{start}` is nested more than {MAX_CONTAINER_DEPTH} containers deep; flatten the nesting"
                        ),
                    ));
                }
                break;
            }
            if p == start {
                if reported.insert(start) {
                    let (line, col) = locate(start);
                    problems.push(Problem::at(
                        line,
                        col,
                        format!("container `{start}` contains itself through its parents (a containment cycle)"),
                    ));
                }
                break;
            }
            cur = p;
        }
    }

    problems.sort_by_key(|p| (p.line, p.col));
    problems
}

fn escape_for_search(id: &str) -> String {
    id.replace('\\', "\\\\").replace('"', "\\\"")
}

/// 1-based line and column of byte offset `offset` in `text` (column counts characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Position of the first occurrence of `needle`.
fn find(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.find(needle).map(|o| line_col(text, o))
}

fn nth_offset(text: &str, needle: &str, from: usize, n: usize) -> Option<usize> {
    let mut start = from;
    let mut found = None;
    for _ in 0..n {
        let o = text.get(start..)?.find(needle)? + start;
        found = Some(o);
        start = o + needle.len();
    }
    found
}

/// Position of `field` (and then `value`, when given) after the element whose id is `owner_id`;
/// falls back to the owner's id, then to the file start.
fn locate_field_after(text: &str, owner_id: &str, field: &str, value: &str) -> (usize, usize) {
    let owner = format!("\"{}\"", escape_for_search(owner_id));
    let Some(owner_at) = text.find(&owner) else {
        return (1, 1);
    };
    let rest = &text[owner_at..];
    // Stay inside the owner's element: stop at the next `id:`.
    let end = rest[owner.len()..]
        .find("id:")
        .map(|i| i + owner.len())
        .unwrap_or(rest.len());
    let scope = &rest[..end];
    let hit = scope.find(&format!("{field}:")).and_then(|f| {
        if value.is_empty() {
            Some(f)
        } else {
            scope[f..]
                .find(&format!("\"{}\"", escape_for_search(value)))
                .map(|v| f + v)
        }
    });
    line_col(text, owner_at + hit.unwrap_or(0))
}

/// Serialises a design as stable, pretty RON: fields in declaration order, unset properties
/// omitted, coordinates rounded, elements in the design's order.
pub fn to_string(design: &Design) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_owned())
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut s = ron::ser::to_string_pretty(design, config)
        .unwrap_or_else(|e| format!("// serialisation failed: {e}\n"));
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// Why a save failed. The previous file is untouched.
#[derive(Debug)]
pub struct SaveError {
    pub file: PathBuf,
    pub message: String,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot save {}: {}", self.file.display(), self.message)
    }
}

impl std::error::Error for SaveError {}

/// Saves atomically: writes a temporary file in the same folder, flushes it to disk, then
/// renames it over `path`. A failure at any step leaves the previous file intact.
pub fn save(design: &Design, path: &Path) -> Result<(), SaveError> {
    write_atomic(path, to_string(design).as_bytes())
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |message: String| SaveError {
        file: path.to_owned(),
        message,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| fail("the path has no file name".into()))?
        .to_string_lossy()
        .into_owned();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e.to_string()));
    }
    Ok(())
}
