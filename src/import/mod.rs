//! Reading diagrams drawn in other tools (draw.io, Mermaid, D2, Structurizr, PlantUML,
//! Excalidraw) into Archway designs. Each format's reader returns a [`Diagram`]; one shared
//! builder guesses kinds from a table kept as data, resolves containment and loose link ends,
//! lays the design out and writes the import report.

pub mod build;
pub mod d2;
pub mod diagram;
pub mod drawio;
pub mod excalidraw;
pub mod kinds;
pub mod mermaid;
pub mod plantuml;
pub mod report;
pub mod structurizr;
mod text;

pub use build::{Built, place_without_coordinates};
pub use diagram::{
    Bounds, Diagram, Element, Hints, ImportError, Link, LinkEnd, LinkStyle, MAX_ELEMENTS,
    PageChoice, Skipped, SourceFormat, SourceRef, choose_page,
};
pub use report::{ImportReport, LineKind, ReportLine, Target};

use crate::model::Design;

use crate::model::file::{self, LoadError, Problem};
use std::path::Path;

impl SourceFormat {
    /// Every format, in the order `--format` lists them.
    pub const ALL: [SourceFormat; 6] = [
        SourceFormat::DrawIo,
        SourceFormat::Mermaid,
        SourceFormat::D2,
        SourceFormat::Structurizr,
        SourceFormat::PlantUml,
        SourceFormat::Excalidraw,
    ];

    /// The format whose `--format` name is `name`.
    pub fn from_name(name: &str) -> Option<SourceFormat> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format of a file, from its name first (`.drawio`, `.drawio.svg`, `.mmd`, `.md`,
    /// `.d2`, `.dsl`, `.puml`, `.excalidraw`…), then from its content for names that do not say
    /// (`.xml`, `.svg`, `.png`, `.json`, `.txt` or none). `None` when neither tells.
    pub fn detect(path: &Path, bytes: &[u8]) -> Option<SourceFormat> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        const BY_NAME: [(&str, SourceFormat); 18] = [
            (".drawio", SourceFormat::DrawIo),
            (".drawio.xml", SourceFormat::DrawIo),
            (".drawio.svg", SourceFormat::DrawIo),
            (".drawio.png", SourceFormat::DrawIo),
            (".dio", SourceFormat::DrawIo),
            (".excalidraw", SourceFormat::Excalidraw),
            (".excalidraw.json", SourceFormat::Excalidraw),
            (".excalidraw.png", SourceFormat::Excalidraw),
            (".excalidraw.svg", SourceFormat::Excalidraw),
            (".mmd", SourceFormat::Mermaid),
            (".mermaid", SourceFormat::Mermaid),
            (".md", SourceFormat::Mermaid),
            (".markdown", SourceFormat::Mermaid),
            (".d2", SourceFormat::D2),
            (".dsl", SourceFormat::Structurizr),
            (".puml", SourceFormat::PlantUml),
            (".plantuml", SourceFormat::PlantUml),
            (".wsd", SourceFormat::PlantUml),
        ];
        if let Some((_, f)) = BY_NAME.iter().find(|(ext, _)| name.ends_with(ext)) {
            return Some(*f);
        }
        sniff(bytes)
    }
}

/// The format a file's content shows: a draw.io model (also inside an SVG's `content` or a
/// PNG's text chunk), an Excalidraw scene, a Structurizr workspace, a PlantUML `@startuml`, a
/// Mermaid diagram or fence.
fn sniff(bytes: &[u8]) -> Option<SourceFormat> {
    let head = &bytes[..bytes.len().min(1 << 20)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"mxfile") || has(b"mxGraphModel") {
        return Some(SourceFormat::DrawIo);
    }
    if has(b"vnd.excalidraw+json")
        || has(b"\"type\": \"excalidraw\"")
        || has(b"\"type\":\"excalidraw\"")
    {
        return Some(SourceFormat::Excalidraw);
    }
    let text = String::from_utf8_lossy(head);
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| {
            !l.is_empty() && !l.starts_with("//") && !l.starts_with("%%") && !l.starts_with('#')
        })
        .unwrap_or("");
    if first.starts_with("workspace") {
        return Some(SourceFormat::Structurizr);
    }
    if text.contains("@startuml") {
        return Some(SourceFormat::PlantUml);
    }
    const MERMAID: [&str; 7] = [
        "flowchart",
        "graph ",
        "graph\t",
        "architecture-beta",
        "C4Context",
        "C4Container",
        "C4Deployment",
    ];
    if text.contains("```mermaid") || MERMAID.iter().any(|m| first.starts_with(m)) {
        return Some(SourceFormat::Mermaid);
    }
    None
}

impl std::str::FromStr for PageChoice {
    type Err = std::convert::Infallible;

    /// `3` is the third page; anything else is a page name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().parse::<usize>() {
            Ok(n) => PageChoice::Number(n),
            Err(_) => PageChoice::Name(s.trim().to_owned()),
        })
    }
}

/// Reads `bytes` (the content of `path`) as `format` into a [`Diagram`]: the one place that
/// chooses a reader.
pub fn read_diagram(
    path: &Path,
    bytes: &[u8],
    format: SourceFormat,
    page: &PageChoice,
) -> Result<Diagram, ImportError> {
    match format {
        SourceFormat::DrawIo => drawio::read(path, bytes, page),
        SourceFormat::Mermaid => mermaid::read(path, bytes, page),
        SourceFormat::D2 => d2::read(path, bytes, page),
        SourceFormat::Structurizr => structurizr::read(path, bytes, page),
        SourceFormat::PlantUml => plantuml::read(path, bytes, page),
        SourceFormat::Excalidraw => excalidraw::read(path, bytes, page),
    }
}

/// A foreign diagram made into a design, with the report of how.
#[derive(Clone, Debug)]
pub struct Imported {
    pub design: Design,
    pub report: ImportReport,
    pub format: SourceFormat,
}

/// Why a foreign file could not be imported, with the file it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFileError {
    pub file: std::path::PathBuf,
    pub error: ImportError,
}

impl ImportFileError {
    /// The error as the design loader reports one (`file:line:col: error: message`; 1:1 when
    /// the source gives no position, the message then names the cell).
    pub fn to_load_error(&self) -> LoadError {
        LoadError {
            file: Some(self.file.clone()),
            problems: vec![Problem::at(
                self.error.line.unwrap_or(1),
                self.error.column.unwrap_or(1),
                self.error.message.clone(),
            )],
        }
    }
}

impl std::fmt::Display for ImportFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_load_error().fmt(f)
    }
}

impl std::error::Error for ImportFileError {}

/// Whether `path` names an Archway design rather than a foreign diagram.
pub fn is_design_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        n.to_string_lossy()
            .to_lowercase()
            .ends_with(file::EXTENSION)
    })
}

/// The name a foreign file's design gets beside it: its name without the format's extension,
/// then `.archway.ron` (`arch.drawio.svg` → `arch.archway.ron`).
pub fn default_output(path: &Path) -> std::path::PathBuf {
    path.with_file_name(format!("{}{}", stem(path), file::EXTENSION))
}

/// A file's name without its diagram extension (`arch.drawio.png` → `arch`).
fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_lowercase();
    const SUFFIXES: [&str; 12] = [
        ".drawio.xml",
        ".drawio.svg",
        ".drawio.png",
        ".excalidraw.json",
        ".excalidraw.png",
        ".excalidraw.svg",
        ".drawio",
        ".excalidraw",
        ".plantuml",
        ".markdown",
        ".mermaid",
        ".puml",
    ];
    let cut = SUFFIXES
        .iter()
        .find(|s| lower.ends_with(*s))
        .map(|s| name.len() - s.len())
        .or_else(|| name.rfind('.').filter(|&i| i > 0));
    let stem = cut.map_or(name.as_str(), |i| &name[..i]);
    if stem.is_empty() {
        "imported".to_owned()
    } else {
        stem.to_owned()
    }
}

/// The one way a front end opens a file that may be a foreign diagram (`archway check
/// arch.drawio`, File ▸ Open, a dropped file): `None` when `path` is a design file (by name)
/// or of no format Archway imports (then it is read as a design); otherwise the import of its
/// first page, or why it failed.
pub fn import_if_foreign(path: &Path) -> Option<Result<Imported, ImportFileError>> {
    if is_design_file(path) {
        return None;
    }
    let bytes = match file::read_file_bytes(path) {
        Ok(bytes) => bytes,
        // A file that cannot be read fails the same way as a design; let the loader say so.
        Err(_) => return None,
    };
    let format = SourceFormat::detect(path, &bytes)?;
    Some(import_bytes(path, &bytes, Some(format), &PageChoice::First))
}

/// Imports a foreign diagram: reads the file (as safely as a design is read), then
/// [`import_bytes`].
pub fn import_file(
    path: &Path,
    format: Option<SourceFormat>,
    page: &PageChoice,
) -> Result<Imported, ImportFileError> {
    let bytes = file::read_file_bytes(path).map_err(|e| {
        let p = e.problems.first();
        ImportFileError {
            file: path.to_owned(),
            error: ImportError {
                message: p.map_or_else(|| "cannot read the file".into(), |p| p.message.clone()),
                line: None,
                column: None,
            },
        }
    })?;
    import_bytes(path, &bytes, format, page)
}

/// Imports the content of a foreign diagram file: detects its format unless `format` names it,
/// reads the chosen page, builds and lays out the design, and checks that it passes the
/// design file's validation.
pub fn import_bytes(
    path: &Path,
    bytes: &[u8],
    format: Option<SourceFormat>,
    page: &PageChoice,
) -> Result<Imported, ImportFileError> {
    let fail = |error: ImportError| ImportFileError {
        file: path.to_owned(),
        error,
    };
    let Some(format) = format.or_else(|| SourceFormat::detect(path, bytes)) else {
        return Err(fail(ImportError {
            message: "cannot tell which diagram format this is; name it with --format \
                      (drawio, mermaid, d2, structurizr, plantuml, excalidraw)"
                .into(),
            line: None,
            column: None,
        }));
    };
    let diagram = read_diagram(path, bytes, format, page).map_err(fail)?;
    if diagram.elements.len() + diagram.links.len() > MAX_ELEMENTS {
        return Err(fail(ImportError {
            message: format!(
                "the diagram has {} shapes and {} connections; Archway imports at most {MAX_ELEMENTS} in all",
                diagram.elements.len(),
                diagram.links.len()
            ),
            line: None,
            column: None,
        }));
    }
    let built = build::build(&diagram, format, &stem(path));
    // The design must be one the editor and `check` accept: the same validation as a file.
    let text = file::to_string(&built.design);
    if let Err(problems) = file::parse(&text) {
        let first = problems
            .first()
            .map_or_else(String::new, |p| p.message.clone());
        return Err(fail(ImportError {
            message: format!("the imported design does not validate: {first}"),
            line: None,
            column: None,
        }));
    }
    Ok(Imported {
        design: built.design,
        report: built.report,
        format,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_every_format_by_name_and_by_content() {
        let by_name = [
            ("a.drawio", SourceFormat::DrawIo),
            ("a.drawio.xml", SourceFormat::DrawIo),
            ("A.DRAWIO.SVG", SourceFormat::DrawIo),
            ("a.drawio.png", SourceFormat::DrawIo),
            ("a.mmd", SourceFormat::Mermaid),
            ("README.md", SourceFormat::Mermaid),
            ("a.d2", SourceFormat::D2),
            ("workspace.dsl", SourceFormat::Structurizr),
            ("a.puml", SourceFormat::PlantUml),
            ("a.plantuml", SourceFormat::PlantUml),
            ("a.wsd", SourceFormat::PlantUml),
            ("a.excalidraw", SourceFormat::Excalidraw),
            ("a.excalidraw.png", SourceFormat::Excalidraw),
            ("a.excalidraw.svg", SourceFormat::Excalidraw),
        ];
        for (name, f) in by_name {
            assert_eq!(
                SourceFormat::detect(Path::new(name), b""),
                Some(f),
                "{name}"
            );
        }
        let by_content: [(&str, &[u8], SourceFormat); 7] = [
            (
                "a.xml",
                b"<mxfile><diagram/></mxfile>",
                SourceFormat::DrawIo,
            ),
            (
                "a.svg",
                b"<svg content=\"&lt;mxfile&gt;\"/>",
                SourceFormat::DrawIo,
            ),
            (
                "a.json",
                b"{\"type\": \"excalidraw\", \"elements\": []}",
                SourceFormat::Excalidraw,
            ),
            ("a.txt", b"// c\nworkspace {\n}", SourceFormat::Structurizr),
            ("a", b"@startuml\nA -> B\n@enduml", SourceFormat::PlantUml),
            ("a", b"flowchart LR\n a --> b", SourceFormat::Mermaid),
            (
                "notes.txt",
                b"see\n```mermaid\ngraph TD\n```",
                SourceFormat::Mermaid,
            ),
        ];
        for (name, bytes, f) in by_content {
            assert_eq!(
                SourceFormat::detect(Path::new(name), bytes),
                Some(f),
                "{name}"
            );
        }
        assert_eq!(SourceFormat::detect(Path::new("a.xml"), b"<html/>"), None);
    }

    #[test]
    fn pages_by_number_or_name() {
        let pages = vec!["Prod".to_owned(), "Dev".to_owned()];
        assert_eq!(choose_page(&pages, &"2".parse().unwrap_or_default()), Ok(1));
        assert_eq!(choose_page(&pages, &PageChoice::Name("dev".into())), Ok(1));
        let err = choose_page(&pages, &PageChoice::Number(3)).unwrap_err();
        assert_eq!(
            err.message,
            "there is no page 3; the file has 2 page(s): 1 \"Prod\", 2 \"Dev\""
        );
        assert!(choose_page(&pages, &PageChoice::Name("QA".into())).is_err());
    }

    #[test]
    fn default_output_sits_beside_the_source() {
        for (input, out) in [
            ("docs/arch.drawio", "docs/arch.archway.ron"),
            ("arch.drawio.svg", "arch.archway.ron"),
            ("my.system.xml", "my.system.archway.ron"),
            ("workspace.dsl", "workspace.archway.ron"),
            ("README.md", "README.archway.ron"),
        ] {
            assert_eq!(default_output(Path::new(input)), Path::new(out), "{input}");
        }
    }
}
