//! The shape every importer reads a foreign diagram into, before it becomes a design: elements
//! (boxes and groups) with the hints their source gives, links between them, and what was
//! skipped. Format-neutral: no importer builds an Archway design by itself.

/// The foreign formats Archway reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    DrawIo,
    Mermaid,
    D2,
    Structurizr,
    PlantUml,
    Excalidraw,
}

impl SourceFormat {
    /// The name users type after `--format`.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::DrawIo => "drawio",
            SourceFormat::Mermaid => "mermaid",
            SourceFormat::D2 => "d2",
            SourceFormat::Structurizr => "structurizr",
            SourceFormat::PlantUml => "plantuml",
            SourceFormat::Excalidraw => "excalidraw",
        }
    }
}

/// Where in the source file something came from, for the import report and error messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceRef {
    /// 1-based line in the file read, when the format is line-based.
    pub line: Option<usize>,
    /// The element's id in the source (draw.io cell id, Excalidraw element id, DSL identifier).
    pub id: Option<String>,
}

/// A box the source draws, in source coordinates (y grows downwards).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Bounds {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Everything the source says about what an element is, in the order kind guessing trusts
/// it: an explicit icon, style or macro first, then technology and label words, then shape.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// An explicit icon, stencil, style or macro name: `mxgraph.aws4.rds`, `ElasticLoadBalancing`,
    /// `ContainerDb`, `aws-lambda`, a D2 `icon:` URL's file name.
    pub icon: Option<String>,
    /// The technology the source states (`PostgreSQL`, `Kafka`, `Spring Boot`).
    pub technology: Option<String>,
    /// The drawn shape: `cylinder`, `person`, `queue`, `cloud`, `hexagon`, `rectangle`…
    pub shape: Option<String>,
    /// Tags, stereotypes and classes (`Database`, `External`, `<<queue>>`).
    pub tags: Vec<String>,
    /// Free description text, if any (Structurizr descriptions, C4 descriptions).
    pub description: Option<String>,
    /// Whether the source marks it as outside the system (`*_Ext`, `External` tag, a person).
    pub external: bool,
}

/// A box or a group in the source.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Element {
    /// The label as the user reads it: tags stripped, entities decoded, line breaks as spaces.
    pub label: String,
    pub hints: Hints,
    /// Whether the source draws it as a group that holds other elements (a draw.io container,
    /// a Mermaid subgraph, a D2 block with children, a boundary, a deployment node).
    pub is_group: bool,
    /// The group it sits in, by the source's own nesting (index into [`Diagram::elements`]).
    /// Importers with coordinates may leave this empty; containment by geometry fills it in.
    pub parent: Option<usize>,
    /// Where the source draws it, when the format has coordinates (draw.io, Excalidraw).
    pub bounds: Option<Bounds>,
    pub source: SourceRef,
}

/// One end of a link: an element, or a loose point the source did not attach to anything
/// (draw.io `sourcePoint`/`targetPoint`, an unbound Excalidraw arrow), attached by geometry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LinkEnd {
    Element(usize),
    Point { x: f32, y: f32 },
}

/// How the source draws a link, which hints at how the call is made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LinkStyle {
    /// A plain solid arrow.
    #[default]
    Solid,
    /// Dashed or dotted (`-.->`, `dashed=1`): often async or optional.
    Dashed,
    /// Thick (`==>`).
    Thick,
}

/// A connection in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub from: LinkEnd,
    pub to: LinkEnd,
    /// Text on the link (edge label, Rel description).
    pub label: String,
    /// The technology the source states (`HTTPS`, `JDBC`, `gRPC`, `Kafka`).
    pub technology: Option<String>,
    pub style: LinkStyle,
    /// Arrow heads at both ends (`<-->`, `<->`).
    pub both_ways: bool,
    /// No arrow head at all (`---`, `--`).
    pub undirected: bool,
    pub source: SourceRef,
}

/// A construct an importer read but could not use, with why: listed in the import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub what: String,
    pub why: String,
    pub source: SourceRef,
}

/// A foreign diagram read into elements and links: what an importer returns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagram {
    /// The diagram's title, if the source names it (page name, workspace name, title line).
    pub title: Option<String>,
    /// Every page, view or fence the file holds, by name, and which one was read.
    pub pages: Vec<String>,
    pub page_read: usize,
    pub elements: Vec<Element>,
    pub links: Vec<Link>,
    pub skipped: Vec<Skipped>,
    /// Whether the elements carry source coordinates worth keeping; otherwise the design is
    /// laid out automatically.
    pub has_coordinates: bool,
}

/// Why a foreign file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            (Some(l), None) => write!(f, "{l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// Which page, view or fence to read: `--page N|NAME`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PageChoice {
    /// The first one.
    #[default]
    First,
    /// By 1-based number.
    Number(usize),
    /// By name, case-insensitively.
    Name(String),
}

/// The most elements and links a diagram may have: containment by geometry compares shapes in
/// pairs, so a bound keeps a huge or hostile file from hanging the import.
pub const MAX_ELEMENTS: usize = 20_000;

/// The page `choice` picks among `pages` (0-based), or an error listing the pages there are.
pub fn choose_page(pages: &[String], choice: &PageChoice) -> Result<usize, ImportError> {
    let listed = || {
        pages
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{} \"{}\"", i + 1, clean_label(p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fail = |message: String| ImportError {
        message,
        line: None,
        column: None,
    };
    match choice {
        PageChoice::First if pages.is_empty() => Err(fail("the file holds no page".into())),
        PageChoice::First => Ok(0),
        PageChoice::Number(n) if *n >= 1 && *n <= pages.len() => Ok(n - 1),
        PageChoice::Number(n) => Err(fail(format!(
            "there is no page {n}; the file has {} page(s): {}",
            pages.len(),
            listed()
        ))),
        PageChoice::Name(name) => pages
            .iter()
            .position(|p| p.trim().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                fail(format!(
                    "there is no page named \"{}\"; the pages are: {}",
                    clean_label(name),
                    listed()
                ))
            }),
    }
}

/// Longest label kept; longer labels are cut (with an ellipsis).
const MAX_LABEL_CHARS: usize = 120;

/// A label as the design keeps it: one line, no hidden characters, at most
/// [`MAX_LABEL_CHARS`] characters.
pub fn clean_label(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| c.is_whitespace() || crate::model::text::is_hidden(c)) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() > MAX_LABEL_CHARS {
        out = out.chars().take(MAX_LABEL_CHARS - 1).collect::<String>() + "…";
    }
    out
}
