//! Exports for reviews: SVG, PNG, PDF, Markdown and HTML reports, Mermaid and draw.io.
//!
//! Every picture starts from [`svg::render`], which draws with the shared [`crate::geometry`],
//! so the exports look like the canvas. [`write`] picks the format from a file's extension; the
//! CLI (`archway export`) and the GUI's File ▸ Export both call it.

pub mod cli;
pub mod containers;
pub mod drawio;
pub mod escape;
pub mod fonts;
pub mod html;
pub mod markdown;
pub mod mermaid;
pub mod pdf;
pub mod png;
pub mod report;
pub mod svg;

use crate::capacity::Estimate;
use crate::critique::Report;
use crate::model::{Design, Index};
use std::fmt;
use std::path::{Path, PathBuf};

pub use crate::cli::Theme;

/// What an export should look like.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Light or dark colours for the diagram.
    pub theme: Theme,
    /// Pixels per canvas unit of PNG output; `None` is [`png::DEFAULT_SCALE`], reduced for
    /// large designs (see [`png::choose_scale`]).
    pub scale: Option<f32>,
    /// Draw finding badges on the diagram.
    pub findings: bool,
    /// With a `.md` output: a fenced Mermaid block instead of a review report.
    pub mermaid_markdown: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            scale: None,
            findings: true,
            mermaid_markdown: false,
        }
    }
}

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
}

impl Format {
    /// Every extension `archway export` understands, for messages and save dialogs.
    pub const EXTENSIONS: [&'static str; 7] = ["svg", "png", "pdf", "md", "html", "mmd", "drawio"];

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
    /// The SVG could not be turned into an image or a PDF.
    Render(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownFormat(path) => write!(
                f,
                "cannot tell the format of {}: use one of the extensions .{}",
                path.display(),
                Format::EXTENSIONS.join(", .")
            ),
            ExportError::Write { file, message } => {
                write!(f, "cannot write {}: {message}", file.display())
            }
            ExportError::Render(message) => write!(f, "cannot render the diagram: {message}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// The critique report and capacity estimate of a design, computed once for all formats.
#[derive(Clone, Debug, Default)]
pub struct Review {
    pub report: Report,
    pub estimate: Estimate,
}

impl Review {
    /// Reviews `design` at its own review level and estimates its capacity.
    pub fn of(design: &Design) -> Self {
        let index = Index::new(design);
        let estimate = crate::capacity::estimate(design, &index);
        let report = crate::critique::review_with(design, &index, &estimate, design.review_level);
        Self { report, estimate }
    }
}

/// Renders `design` in `format`. A Markdown report links to `svg_link` (the sibling SVG's file
/// name) when given.
pub fn render(
    design: &Design,
    review: &Review,
    format: Format,
    options: &Options,
    svg_link: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Svg => diagram(design, review, options).into_bytes(),
        Format::Png => {
            png::check_size(design)?;
            png::render(&diagram(design, review, options), options.scale)?
        }
        Format::Pdf => {
            png::check_size(design)?;
            pdf::render(&diagram(design, review, options))?
        }
        Format::Markdown => markdown::render(design, review, svg_link).into_bytes(),
        Format::MermaidMarkdown => mermaid::fenced(design).into_bytes(),
        Format::Html => html::render(design, review, options).into_bytes(),
        Format::Mermaid => mermaid::render(design).into_bytes(),
        Format::Drawio => drawio::render(design).into_bytes(),
    })
}

/// The diagram of a design with its findings and capacity pills, as SVG.
pub fn diagram(design: &Design, review: &Review, options: &Options) -> String {
    svg::render_with(design, &review.report, Some(&review.estimate), options)
}

/// Exports `design` to `path`, the format chosen by its extension. A Markdown report also
/// writes its diagram next to it (`name.svg` for `name.md`). Returns every file written.
pub fn write(design: &Design, path: &Path, options: &Options) -> Result<Vec<PathBuf>, ExportError> {
    let format = Format::from_path(path, options)?;
    if matches!(format, Format::Png | Format::Pdf) {
        // Before the review: a design too large to draw is refused at once.
        png::check_size(design)?;
    }
    let review = Review::of(design);
    let mut written = Vec::new();
    let mut svg_link = None;
    if format == Format::Markdown {
        let svg_path = path.with_extension("svg");
        let bytes = diagram(design, &review, options).into_bytes();
        write_file(&svg_path, &bytes)?;
        svg_link = svg_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        written.push(svg_path);
    }
    let bytes = render(design, &review, format, options, svg_link.as_deref())?;
    write_file(path, &bytes)?;
    written.push(path.to_owned());
    Ok(written)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::model::file::write_atomic(path, bytes).map_err(|e| ExportError::Write {
        file: e.file,
        message: e.message,
    })
}
