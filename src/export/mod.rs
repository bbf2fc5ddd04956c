//! Exports for reviews: SVG, PNG, PDF, Markdown and HTML reports, Mermaid and draw.io.
//!
//! Every picture starts from [`svg::render`], which draws with the shared [`crate::geometry`],
//! so the exports look like the canvas. [`write`] picks the format from a file's extension; the
//! CLI (`archway export`) and the GUI's File ▸ Export both call it.

pub mod containers;
pub mod drawio;
pub mod escape;
pub mod fonts;
mod format;
pub mod html;
pub mod markdown;
pub mod mermaid;
mod options;
pub mod pdf;
pub mod png;
pub mod report;
pub mod svg;

pub use format::{ExportError, Format};
pub use options::{Options, Theme};
pub use svg::diagram;

use crate::critique::Analysis;
use crate::model::Design;
use std::path::{Path, PathBuf};

/// Renders `design` in `format`. A Markdown report links to `svg_link` (the sibling SVG's file
/// name) when given.
pub fn render(
    design: &Design,
    analysis: &Analysis,
    format: Format,
    options: &Options,
    svg_link: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Svg => diagram(design, analysis, options).into_bytes(),
        Format::Png => {
            png::check_size(design)?;
            png::render(&diagram(design, analysis, options), options.scale)?
        }
        Format::Pdf => {
            png::check_size(design)?;
            pdf::render(&diagram(design, analysis, options))?
        }
        Format::Markdown => markdown::render(design, analysis, svg_link).into_bytes(),
        Format::MermaidMarkdown => mermaid::fenced(design).into_bytes(),
        Format::Html => html::render(design, analysis, options).into_bytes(),
        Format::Mermaid => mermaid::render(design).into_bytes(),
        Format::Drawio => drawio::render(design).into_bytes(),
    })
}

/// Exports `design` to `path`, the format chosen by its extension. A Markdown report also
/// writes its diagram next to it (`name.svg` for `name.md`). Returns every file written.
pub fn write(design: &Design, path: &Path, options: &Options) -> Result<Vec<PathBuf>, ExportError> {
    let format = Format::from_path(path, options)?;
    if matches!(format, Format::Png | Format::Pdf) {
        // Before the analysis: a design too large to draw is refused at once.
        png::check_size(design)?;
    }
    let analysis = Analysis::of(design);
    let mut written = Vec::new();
    let mut svg_link = None;
    if format == Format::Markdown {
        let svg_path = path.with_extension("svg");
        let bytes = diagram(design, &analysis, options).into_bytes();
        write_file(&svg_path, &bytes)?;
        svg_link = svg_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        written.push(svg_path);
    }
    let bytes = render(design, &analysis, format, options, svg_link.as_deref())?;
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
