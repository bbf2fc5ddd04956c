//! The export formats, chosen by a file's extension, and why an export can fail.

use super::Options;
use crate::model::file::shown_file_name;
use crate::model::text::terminal_safe;
use std::fmt;
use std::path::{Path, PathBuf};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.svg`: the diagram.
    Svg,
    /// `.png`: the diagram, rasterised.
    Png,
    /// `.pdf`: the diagram as vector PDF.
    Pdf,
    /// `.md`: the review report (with a sibling `.svg`).
    Markdown,
    /// `.md` with `--mermaid`: a fenced Mermaid block.
    MermaidMarkdown,
    /// `.html`: the review report in one self-contained page.
    Html,
    /// `.mmd`: a Mermaid flowchart.
    Mermaid,
    /// `.drawio`: mxGraph XML for draw.io.
    Drawio,
    /// `.excalidraw`: an Excalidraw scene.
    Excalidraw,
}

impl Format {
    /// Every extension `archway export` understands, for messages and save dialogs.
    pub const EXTENSIONS: [&'static str; 8] = [
        "svg",
        "png",
        "pdf",
        "md",
        "html",
        "mmd",
        "drawio",
        "excalidraw",
    ];

    /// Whether an export in this format can draw a part of the design ([`Options::only`]): the
    /// pictures and the diagrams for other tools, not the review reports (they cover the whole
    /// design).
    pub fn draws_a_part(self) -> bool {
        !matches!(self, Format::Markdown | Format::Html)
    }

    /// The format named by `path`'s extension (case-insensitive).
    pub fn from_path(path: &Path, options: &Options) -> Result<Format, ExportError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        Ok(match ext.as_str() {
            "svg" => Format::Svg,
            "png" => Format::Png,
            "pdf" => Format::Pdf,
            "md" | "markdown" if options.mermaid_markdown => Format::MermaidMarkdown,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "mmd" | "mermaid" => Format::Mermaid,
            "drawio" => Format::Drawio,
            "excalidraw" => Format::Excalidraw,
            _ => return Err(ExportError::UnknownFormat(path.to_owned())),
        })
    }
}

/// Why an export failed.
#[derive(Debug)]
pub enum ExportError {
    /// The output's extension names no format.
    UnknownFormat(PathBuf),
    /// Writing a file failed.
    Write { file: PathBuf, message: String },
    /// A Markdown report's picture would replace a file Archway did not write (`--force`, or
    /// the editor's Replace, allows it).
    PictureInTheWay { picture: PathBuf, report: PathBuf },
    /// The SVG could not be turned into an image or a PDF.
    Render(String),
    /// The part of the design to export ([`Options::only`]) names nothing, or an id the design
    /// does not have.
    Selection(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownFormat(path) => write!(
                f,
                "cannot tell the format of {}: use one of the extensions .{}",
                shown_file_name(Some(path)),
                Format::EXTENSIONS.join(", .")
            ),
            ExportError::Write { file, message } => {
                write!(
                    f,
                    "cannot write {}: {}",
                    shown_file_name(Some(file)),
                    terminal_safe(message)
                )
            }
            ExportError::PictureInTheWay { picture, report } => write!(
                f,
                "cannot write {}: the review report's picture goes there and a file Archway did \
                 not write is in the way; move it, choose another report name, or use --force \
                 to replace it (the report {} links to it)",
                shown_file_name(Some(picture)),
                shown_file_name(Some(report))
            ),
            ExportError::Render(message) => {
                write!(f, "cannot render the diagram: {}", terminal_safe(message))
            }
            ExportError::Selection(message) => {
                write!(f, "cannot export the selection: {message}")
            }
        }
    }
}

impl std::error::Error for ExportError {}
