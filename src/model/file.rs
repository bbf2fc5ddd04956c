//! The design file format: RON text in `.archway.ron` files. Bounded reading (regular files of
//! at most 64 MB, never blocking), parsing with positioned errors and warnings, validation of
//! references and values, stable pretty printing, and deliberate atomic writes (through links,
//! keeping permissions, never over the input of an export).

use super::design::{CURRENT_VERSION, Design};
pub use super::spots::{Problem, line_col};
pub(crate) use super::spots::{Spots, escape_for_search};
use super::text::{excerpt, quoted, shorten_quotes, terminal_safe};
use super::{migrate, scan, values};
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

    /// The file name to show in messages (`<input>` when the text did not come from a file),
    /// safe to print on a terminal.
    pub fn file_name(&self) -> String {
        shown_file_name(self.file.as_deref())
    }
}

/// A file name as messages show it: [`terminal_safe`], `<input>` when there is no file.
pub fn shown_file_name(file: Option<&Path>) -> String {
    file.map(|p| terminal_safe(&p.display().to_string()).into_owned())
        .unwrap_or_else(|| "<input>".to_owned())
}

/// `file:line:col: severity: message` lines, one per problem, safe to print on a terminal
/// (for warnings: `format_problems(Some(path), &loaded.warnings, "warning")`).
pub fn format_problems(file: Option<&Path>, problems: &[Problem], severity: &str) -> String {
    let file = shown_file_name(file);
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{file}:{}:{}: {severity}: {}",
            p.line,
            p.col,
            terminal_safe(&p.message)
        ));
    }
    out
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_problems(
            self.file.as_deref(),
            &self.problems,
            "error",
        ))
    }
}

impl std::error::Error for LoadError {}

/// Reads a design file and checks it: [`read_design_text`], then [`parse`].
pub fn load(path: &Path) -> Result<Design, LoadError> {
    load_with_warnings(path).map(|loaded| loaded.design)
}

/// A design read from a file, with its text (for line numbers) and the warnings found.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub design: Design,
    /// The file's text as read (a byte-order mark included), so callers need not read it again.
    pub text: String,
    /// Problems that do not stop loading (see [`parse_with_warnings`]).
    pub warnings: Vec<Problem>,
}

/// [`load`], also returning the text read and the warnings (print them with
/// [`format_problems`] and `"warning"`).
pub fn load_with_warnings(path: &Path) -> Result<Loaded, LoadError> {
    let text = read_design_text(path)?;
    match parse_with_warnings(&text) {
        Ok(parsed) => Ok(Loaded {
            design: parsed.design,
            text,
            warnings: parsed.warnings,
        }),
        Err(problems) => Err(LoadError {
            file: Some(path.to_owned()),
            problems,
        }),
    }
}

/// Reads the text of a design file, the one way every reader (CLI, GUI open, drag and drop,
/// recent files, importers) should read one:
/// - anything but a regular file (a folder, a named pipe, `/dev/zero`, a socket) is refused
///   from its metadata, before it is opened; the file is then opened without blocking (so a pipe
///   swapped in meanwhile cannot hang the reader) and checked again;
/// - at most [`MAX_FILE_BYTES`] are read, whatever size the file reports (`/proc` files report
///   0), so the cap holds for any source;
/// - the text must be UTF-8 (a byte-order mark is accepted by [`parse`]).
///
/// Errors carry the file and a 1:1 position (or the position of the first invalid byte).
pub fn read_design_text(path: &Path) -> Result<String, LoadError> {
    let bytes = read_file_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let (line, col) = line_col(&String::from_utf8_lossy(&e.as_bytes()[..valid]), valid);
        LoadError {
            file: Some(path.to_owned()),
            problems: vec![Problem::at(line, col, "the file is not valid UTF-8 text")],
        }
    })
}

/// The bytes of a file, read as [`read_design_text`] reads a design (regular files only, never
/// blocking, at most [`MAX_FILE_BYTES`]): for importers of formats that are not always text
/// (a draw.io diagram embedded in a PNG).
pub fn read_file_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let fail = |message: String| LoadError::io(path, message);
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    not_a_regular_file(&meta).map_or(Ok(()), |what| Err(fail(what)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(size_message(Some(meta.len()))));
    }
    let file = open_nonblocking(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    // The path may have been replaced between the two looks: check what was opened.
    let opened = file
        .metadata()
        .map_err(|e| fail(format!("cannot read the file: {e}")))?;
    not_a_regular_file(&opened).map_or(Ok(()), |what| Err(fail(what)))?;
    let mut bytes = Vec::with_capacity(opened.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read the file: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(size_message(None)));
    }
    Ok(bytes)
}

/// Why `meta` is not something a design can be read from, or `None` for a regular file.
fn not_a_regular_file(meta: &std::fs::Metadata) -> Option<String> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    let what = if kind.is_dir() {
        "a folder"
    } else {
        special_file_kind(&kind)
    };
    Some(format!(
        "this is {what}, not a regular file; a design is read only from a regular file"
    ))
}

#[cfg(unix)]
fn special_file_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Opens `path` for reading without blocking on a named pipe that has no writer.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn size_message(len: Option<u64>) -> String {
    let limit = MAX_FILE_BYTES / (1024 * 1024);
    match len {
        Some(len) => format!(
            "the file is {:.1} MB, larger than the {limit} MB limit for design files",
            len as f64 / (1024.0 * 1024.0)
        ),
        None => format!("the file holds more than the {limit} MB limit for design files"),
    }
}

/// A design and the warnings found while loading it.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub design: Design,
    /// Problems that do not stop loading: properties set on a kind they do not apply to.
    pub warnings: Vec<Problem>,
}

/// Parses and validates design text. On failure returns every problem found, in file order.
pub fn parse(text: &str) -> Result<Design, Vec<Problem>> {
    parse_with_warnings(text).map(|parsed| parsed.design)
}

/// [`parse`], also returning the warnings: problems a user should fix that do not make the
/// design wrong (see [`super::values::stray_properties`] for why a stray property is one).
pub fn parse_with_warnings(text: &str) -> Result<Parsed, Vec<Problem>> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![Problem::at(
            1,
            1,
            size_message(Some(text.len() as u64)),
        )]);
    }
    // A byte-order mark is invisible and means nothing in UTF-8; positions are counted after
    // it, as an editor shows them.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if scan::is_blank(text) {
        let message = if text.trim().is_empty() {
            "the file is empty; a design starts with `(` and `version: 1`"
        } else {
            "the file holds only comments; a design starts with `(` and `version: 1`"
        };
        return Err(vec![Problem::at(1, 1, message)]);
    }
    let survey = scan::survey(text, MAX_NESTING);
    if let Some(at) = survey.too_deep {
        let (line, col) = line_col(text, at);
        return Err(vec![Problem::at(
            line,
            col,
            format!(
                "brackets are nested more than {MAX_NESTING} levels deep; a design file never needs that"
            ),
        )]);
    }
    // Optional fields may be written bare (`instances: 3`) with or without the file's
    // `#![enable(implicit_some)]` header.
    let options = ron::Options::default()
        .with_recursion_limit(MAX_NESTING * 2)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);

    /// Reads only the version of a design (its name never reaches a message: see
    /// [`readable_type`]).
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
                .map_err(|e| vec![ron_problem(&e, text)])?
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
        let value: ron::Value = options
            .from_str(text)
            .map_err(|e| vec![ron_problem(&e, text)])?;
        let upgraded = migrate::upgrade(value, version).map_err(|m| vec![Problem::at(1, 1, m)])?;
        upgraded.into_rust().map_err(|e| {
            vec![Problem::at(
                1,
                1,
                format!(
                    "after upgrading from version {version}: {}",
                    shorten_quotes(&e.to_string())
                ),
            )]
        })?
    } else {
        direct.map_err(|e| vec![ron_problem(&e, text)])?
    };

    let spots = Spots::surveyed(text, survey);
    let problems = validate_at(&design, &spots);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Parsed {
        warnings: values::stray_properties(&design, &spots),
        design,
    })
}

/// Turns a RON error into a problem with a plain message: no internal type names, offending
/// input quoted in a short excerpt, a whole number asked for where `3.5` was written.
fn ron_problem(e: &ron::error::SpannedError, text: &str) -> Problem {
    use ron::Error as E;
    let (line, col) = (e.span.start.line, e.span.start.col);
    let within = |o: &Option<String>, word: &str| {
        o.as_ref()
            .map(|o| format!(" {word} {}", readable_type(o)))
            .unwrap_or_default()
    };
    let message = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{}`{}; {}",
            quoted(found),
            within(outer, "in"),
            choices("fields", found, expected)
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown value `{}`{}; {}",
            quoted(found),
            within(outer, "for"),
            choices("values", found, expected)
        ),
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", within(outer, "in"))
        }
        E::DuplicateStructField { field, outer } => {
            format!("field `{field}` is written twice{}", within(outer, "in"))
        }
        E::ExpectedNamedStructLike(name) => {
            format!("expected `(` to open {}", readable_type(name))
        }
        E::ExpectedStructName(name) => {
            format!("expected `(` to open {}", readable_type(name))
        }
        E::ExpectedDifferentStructName { expected, found } => format!(
            "expected {} here, found `{}`",
            readable_type(expected),
            quoted(found)
        ),
        E::InvalidValueForType { expected, found } => format!(
            "expected {}, found {}",
            readable_expectation(expected),
            shorten_quotes(found)
        ),
        E::InvalidIdentifier(found) | E::SuggestRawIdentifier(found) => {
            format!("`{}` is not a valid name here", quoted(found))
        }
        E::NoSuchExtension(found) => {
            format!("unknown RON extension `{}`", quoted(found))
        }
        E::Message(m) => readable_expectation(&shorten_quotes(m)),
        E::Eof => "the file ends too early: a bracket or value is missing (is the file truncated?)"
            .to_owned(),
        E::ExceededRecursionLimit => {
            "the input is nested too deeply; a design file never needs that".to_owned()
        }
        other => {
            if let Some(number) = decimal_where_whole_expected(other, text, line, col) {
                return Problem::at(
                    line,
                    col.saturating_sub(number.chars().take_while(|&c| c != '.').count()),
                    format!(
                        "expected a whole number, found `{}`; this field counts things and \
                         takes no decimals",
                        quoted(&number)
                    ),
                );
            }
            shorten_quotes(&other.to_string())
        }
    };
    let mut chars = message.chars();
    let message = match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => message,
    };
    Problem::at(line, col, message)
}

/// `allowed fields: a, b, c` when there are few; when there are many (a node's properties),
/// the closest few to what was written, so a typo gets a short, useful message.
fn choices(what: &str, found: &str, expected: &[&str]) -> String {
    const LIST_ALL: usize = 30;
    if expected.len() <= LIST_ALL {
        return format!("allowed {what}: {}", expected.join(", "));
    }
    // Only the start of a huge token is compared: similarity costs its length times each name's.
    let found = excerpt(found, 40);
    let mut near: Vec<(f64, &str)> = expected
        .iter()
        .map(|e| (strsim::jaro_winkler(&found, e), *e))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    let near: Vec<String> = near.iter().take(3).map(|(_, e)| format!("`{e}`")).collect();
    if near.is_empty() {
        format!(
            "none of the {} allowed {what} is close; the inspector lists them for each kind",
            expected.len()
        )
    } else {
        format!(
            "did you mean {}? ({} {what} are allowed here)",
            near.join(" or "),
            expected.len()
        )
    }
}

/// The user's word for a type the parser names: `Node` is "a node", the design's own types
/// (and the version probe) are "the design"; other names are split into lowercase words.
fn readable_type(name: &str) -> String {
    match name {
        "" | "Design" | "VersionProbe" => "the design".to_owned(),
        "Node" => "a node".to_owned(),
        "Edge" => "an edge".to_owned(),
        "Container" => "a container".to_owned(),
        "Suppression" => "a suppression".to_owned(),
        "NodeProps" => "the node's props".to_owned(),
        "EdgeProps" => "the edge's props".to_owned(),
        other => {
            let mut words = String::new();
            for (i, c) in other.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    words.push(' ');
                }
                words.extend(c.to_lowercase());
            }
            quoted(&words)
        }
    }
}

/// Rewrites Rust type names in a parser message (`expected u32`) as words.
fn readable_expectation(message: &str) -> String {
    let mut out = message.to_owned();
    for (rust, words) in [
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65,535"),
        ("u32", "a whole number from 0 to 4,294,967,295"),
        ("u64", "a whole number of at most 20 digits"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
    ] {
        for form in [
            format!("expected {rust}"),
            format!("expected an {rust}"),
            format!("expected a {rust}"),
        ] {
            if out.ends_with(&form)
                || out.contains(&format!("{form} "))
                || out.contains(&format!("{form},"))
            {
                out = out.replace(&form, &format!("expected {words}"));
            }
        }
    }
    out
}

/// When the parser stopped just after the whole part of a decimal (`instances: 3.5` stops at
/// `.5`), the decimal as written.
fn decimal_where_whole_expected(
    code: &ron::Error,
    text: &str,
    line: usize,
    col: usize,
) -> Option<String> {
    use ron::Error as E;
    if !matches!(
        code,
        E::ExpectedComma
            | E::ExpectedStructLikeEnd
            | E::ExpectedArrayEnd
            | E::ExpectedMapEnd
            | E::TrailingCharacters
            | E::ExpectedInteger
            | E::UnexpectedChar(_)
    ) {
        return None;
    }
    let line_text = text.lines().nth(line.checked_sub(1)?)?;
    let at = line_text
        .char_indices()
        .nth(col.checked_sub(1)?)
        .map_or(line_text.len(), |(i, _)| i);
    let (before, after) = line_text.split_at(at);
    let whole: &str = &before[before.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
    let fraction = after.strip_prefix('.')?;
    let digits = fraction.len()
        - fraction
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if whole.is_empty() || digits == 0 {
        return None;
    }
    Some(format!("{whole}.{}", &fraction[..digits]))
}

/// Checks references and structure that the parser cannot: unique ids, edges and properties
/// that name existing nodes, containers that exist and do not contain themselves, roles that fit
/// their kind. `text` is used only to find positions.
pub fn validate(design: &Design, text: &str) -> Vec<Problem> {
    validate_at(design, &Spots::new(text))
}

fn validate_at(design: &Design, spots: &Spots<'_>) -> Vec<Problem> {
    let text = spots.text();
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
    // Each empty id is reported where an `id: ""` is written, in file order.
    let mut empty_ids = spots
        .survey()
        .ids
        .iter()
        .filter(|(_, body)| body.is_empty());
    // Ids with control, bidi or invisible characters are refused: an id is a name printed by
    // `check`, shown on the canvas and written into every export, and such characters there
    // rewrite terminals or hide differences. Each is reported at the k-th such `id:` written.
    let mut odd_ids = spots
        .survey()
        .ids
        .iter()
        .filter(|(_, body)| body.contains('\\') || body.contains(super::text::is_hidden));
    for (id, what) in all_ids.clone() {
        if let Some(bad) = id.chars().find(|&c| super::text::is_hidden(c)) {
            let (line, col) = odd_ids.next().map_or((1, 1), |&(at, _)| spots.line_col(at));
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "the id `{}` of {} {what} contains the invisible or control character {}; \
                     ids may hold letters, digits, punctuation and spaces, nothing hidden",
                    quoted(id),
                    if what == "edge" { "an" } else { "a" },
                    terminal_safe(&bad.to_string())
                ),
            ));
        }
    }
    for (id, what) in all_ids {
        if id.is_empty() {
            let (line, col) = empty_ids
                .next()
                .map_or((1, 1), |&(at, _)| spots.line_col(at));
            let article = if what == "edge" { "an" } else { "a" };
            problems.push(Problem::at(
                line,
                col,
                format!("{article} {what} has an empty id; give it a name such as `api`"),
            ));
            continue;
        }
        if let Some(first) = seen.insert(id, what) {
            let needle = format!("\"{}\"", escape_for_search(id));
            // Report at the second occurrence of the id in the text.
            let start = *dup_search_from.entry(id).or_insert(0);
            let second = nth_offset(text, &needle, start, 2);
            let (line, col) = second.map(|o| spots.line_col(o)).unwrap_or((1, 1));
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "duplicate id `{}`: {} {first} already uses it; ids must be unique",
                    quoted(id),
                    if first == "edge" { "an" } else { "a" }
                ),
            ));
        }
    }

    let node_ids: HashSet<&str> = design.nodes.iter().map(|n| n.id.as_str()).collect();
    let container_ids: HashSet<&str> = design.containers.iter().map(|c| c.id.as_str()).collect();

    for e in &design.edges {
        // Either end may name a container, meaning "any member".
        for (end, id) in [("from", &e.from), ("to", &e.to)] {
            if !node_ids.contains(id.as_str()) && !container_ids.contains(id.as_str()) {
                let (line, col) = spots.field_after(e.id.as_str(), end, id.as_str());
                problems.push(Problem::at(
                    line,
                    col,
                    format!(
                        "edge `{}` goes {end} node `{}`, which does not exist (an edge may \
                         also end at a container)",
                        quoted(e.id.as_str()),
                        quoted(id.as_str())
                    ),
                ));
            }
        }
        if let Some(super::props::Dlq::Node(d)) =
            e.props.trigger.as_ref().and_then(|t| t.dlq.as_ref())
            && !node_ids.contains(d.as_str())
        {
            let (line, col) = spots.field_after(e.id.as_str(), "dlq", d.as_str());
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "edge `{}` names dead-letter target `{}`, which does not exist",
                    quoted(e.id.as_str()),
                    quoted(d.as_str())
                ),
            ));
        }
    }

    for n in &design.nodes {
        if let Some(c) = &n.container
            && !container_ids.contains(c.as_str())
        {
            let (line, col) = spots.field_after(n.id.as_str(), "container", c.as_str());
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "node `{}` is placed in container `{}`, which does not exist",
                    quoted(n.id.as_str()),
                    quoted(c.as_str())
                ),
            ));
        }
        let p = &n.props;
        for b in p.backs.iter().flatten() {
            if !node_ids.contains(b.as_str()) {
                let (line, col) = spots.field_after(n.id.as_str(), "backs", b.as_str());
                problems.push(Problem::at(
                    line,
                    col,
                    format!(
                        "cache `{}` backs node `{}`, which does not exist",
                        quoted(n.id.as_str()),
                        quoted(b.as_str())
                    ),
                ));
            }
        }
        if let Some(s) = &p.shard_of
            && !node_ids.contains(s.as_str())
        {
            let (line, col) = spots.field_after(n.id.as_str(), "shard_of", s.as_str());
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "shard `{}` belongs to `{}`, which is not a node of this design",
                    quoted(n.id.as_str()),
                    quoted(s.as_str())
                ),
            ));
        }
        if let Some(super::props::Dlq::Node(d)) = &p.dlq
            && !node_ids.contains(d.as_str())
        {
            let (line, col) = spots.field_after(n.id.as_str(), "dlq", d.as_str());
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "queue `{}` names dead-letter queue `{}`, which does not exist",
                    quoted(n.id.as_str()),
                    quoted(d.as_str())
                ),
            ));
        }
        if let Some(role) = &p.role
            && !role.fits(n.kind)
        {
            let (line, col) = spots.field_after(n.id.as_str(), "role", "");
            let choices: Vec<&str> = super::props::Role::choices(n.kind)
                .iter()
                .map(|r| r.key())
                .collect();
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "role `{}` does not fit node `{}` of kind {}; {}",
                    quoted(role.key()),
                    quoted(n.id.as_str()),
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
            let (line, col) = spots.field_after(c.id.as_str(), "parent", parent.as_str());
            problems.push(Problem::at(
                line,
                col,
                format!(
                    "container `{}` sits in container `{}`, which does not exist",
                    quoted(c.id.as_str()),
                    quoted(parent.as_str())
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
                            "container `{}` is nested more than {MAX_CONTAINER_DEPTH} containers deep; flatten the nesting",
                            quoted(start)
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
                        format!(
                            "container `{}` contains itself through its parents (a containment cycle)",
                            quoted(start)
                        ),
                    ));
                }
                break;
            }
            cur = p;
        }
    }

    problems.extend(values::check_numbers(design, spots));

    problems.sort_by_key(|p| (p.line, p.col));
    problems
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
        write!(
            f,
            "cannot save {}: {}",
            shown_file_name(Some(&self.file)),
            terminal_safe(&self.message)
        )
    }
}

impl std::error::Error for SaveError {}

/// Saves atomically with [`write_atomic`]: a failure at any step leaves the previous file
/// intact.
pub fn save(design: &Design, path: &Path) -> Result<(), SaveError> {
    write_atomic(path, to_string(design).as_bytes())
}

/// How many symbolic links [`write_atomic`] follows before giving up (as the kernel does).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path` atomically and deliberately:
/// - through symbolic links: the link's final target is replaced and the link stays a link
///   (a dangling link gets its target created, as a shell redirection would);
/// - the replaced file keeps its permissions (a `600` file stays `600`); a new file gets the
///   usual ones (`666` less the umask);
/// - a file without any write permission is not replaced (it says so), nor is a folder;
/// - a temporary file is written in the target's folder, flushed to disk, renamed over the
///   target, and the folder is flushed so the rename itself survives a crash.
///
/// A failure at any step leaves the previous file intact and no temporary file behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |message: String| SaveError {
        file: path.to_owned(),
        message,
    };
    let target = resolve_links(path).map_err(|e| fail(e.to_string()))?;
    let existing = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e.to_string())),
    };
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(fail("a folder of that name exists".into()));
        }
        if !meta.is_file() {
            return Err(fail(
                "this is not a regular file (a pipe or a device); Archway only replaces regular files"
                    .into(),
            ));
        }
        if meta.permissions().readonly() {
            return Err(fail(
                "the file is read-only; make it writable or choose another name".into(),
            ));
        }
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| fail("the path has no file name".into()))?
        .to_string_lossy()
        .into_owned();
    let (tmp, mut file) = create_temporary(&dir, &name).map_err(|e| fail(e.to_string()))?;
    let result = (|| -> std::io::Result<()> {
        file.write_all(bytes)?;
        if let Some(meta) = &existing {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, &target)?;
        sync_folder(&dir);
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e.to_string()));
    }
    Ok(())
}

/// The file `path` finally names once symbolic links are followed (the path itself when it is
/// not a link). The target need not exist.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row (a loop?)"
    )))
}

/// Creates a new temporary file next to `name` in `dir`. It never opens an existing file (a
/// link planted at the temporary name is not followed).
fn create_temporary(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let mut last = None;
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("cannot create a temporary file")))
}

/// Flushes a folder's entries to disk, so a rename in it survives a power cut. Best effort:
/// some file systems cannot flush a folder, and the data itself is already on disk.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Whether `a` and `b` name the same file: the same path once links are followed, or the same
/// file reached through a hard link (same device and inode). A path that does not exist is the
/// same as nothing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    let _ = (ma, mb);
    matches!(
        (std::fs::canonicalize(a), std::fs::canonicalize(b)),
        (Ok(ca), Ok(cb)) if ca == cb
    )
}

/// Refuses an export (or any derived file) whose `output` is the `input` file itself, by path,
/// symbolic link or hard link: `archway export plan.md -o plan.md` must not replace the design
/// with its own report. Call it before writing anything.
pub fn refuse_overwriting_input(input: &Path, output: &Path) -> Result<(), SaveError> {
    if same_file(input, output) {
        return Err(SaveError {
            file: output.to_owned(),
            message: format!(
                "it is the input file {}; writing there would replace the design: choose \
                 another output name",
                shown_file_name(Some(input))
            ),
        });
    }
    Ok(())
}
