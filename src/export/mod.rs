//! Exports for reviews: SVG, PNG, PDF, Markdown and HTML reports, Mermaid, draw.io and Excalidraw.
//!
//! Every picture starts from [`svg::render`], which draws with the shared [`crate::geometry`],
//! so the exports look like the canvas. [`write`] picks the format from a file's extension; the
//! CLI (`archway export`) and the GUI's File ▸ Export both call it.

pub mod containers;
pub mod drawio;
pub use crate::model::escape;
pub mod excalidraw;
pub mod fonts;
mod format;
pub mod html;
pub mod markdown;
pub mod mermaid;
mod options;
pub mod part;
pub mod pdf;
pub mod png;
pub mod report;
pub mod svg;
pub mod webfont;

pub use format::{ExportError, Format};
pub use options::{Extras, Options, Theme};
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
    render_with(
        design,
        analysis,
        format,
        options,
        svg_link,
        &Extras::default(),
    )
}

/// [`render`] with what a review adds ([`Extras`]).
pub fn render_with(
    design: &Design,
    analysis: &Analysis,
    format: Format,
    options: &Options,
    svg_link: Option<&str>,
    extras: &Extras<'_>,
) -> Result<Vec<u8>, ExportError> {
    // A picture or diagram of a part of the design (`options.only`): the part, with the whole
    // design's findings on it.
    let part = match &options.only {
        Some(ids) if format.draws_a_part() => Some(part::cut(design, analysis, ids)?),
        _ => None,
    };
    let (design, analysis) = match &part {
        Some((d, a)) => (d, a),
        None => (design, analysis),
    };
    let picture = || svg::diagram_with_overlay(design, analysis, options, extras.overlay);
    Ok(match format {
        Format::Svg => svg::document(design, analysis, options, extras.overlay).into_bytes(),
        Format::Png => {
            png::check_size(design)?;
            png::render(&picture(), options.scale)?
        }
        Format::Pdf => {
            png::check_size(design)?;
            pdf::render(&picture())?
        }
        Format::Markdown => {
            let mut text = markdown::render(design, analysis, svg_link);
            if let Some(section) = extras.markdown_section {
                text.push('\n');
                text.push_str(section);
            }
            text.into_bytes()
        }
        Format::MermaidMarkdown => mermaid::fenced(design).into_bytes(),
        Format::Html => html::render_with(design, analysis, options, extras).into_bytes(),
        Format::Mermaid => mermaid::render(design).into_bytes(),
        Format::Drawio => drawio::render(design).into_bytes(),
        Format::Excalidraw => excalidraw::render(design).into_bytes(),
    })
}

/// What an export must not write over, beyond what [`crate::model::file::write_atomic`]
/// already refuses (folders, read-only files, devices).
#[derive(Clone, Copy, Debug, Default)]
pub struct Guard<'a> {
    /// The design file being exported: neither the output nor the report's picture may be it
    /// (by path, symbolic link or hard link).
    pub input: Option<&'a Path>,
    /// Replace a report's sibling picture even when Archway did not write it.
    pub force: bool,
}

/// The first line after the XML declaration of every SVG file [`write`] writes: how a
/// Markdown report recognises a sibling picture it may replace.
pub const PICTURE_MARK: &str = "<!-- Written by Archway (archway export). -->";

/// The files an export to `path` writes, in the order it writes them: a Markdown review
/// report's picture first (`name.svg` next to `name.md`), then `path` itself.
pub fn outputs(path: &Path, options: &Options) -> Result<Vec<PathBuf>, ExportError> {
    let format = Format::from_path(path, options)?;
    let mut files = Vec::new();
    if format == Format::Markdown {
        files.push(path.with_extension("svg"));
    }
    files.push(path.to_owned());
    Ok(files)
}

/// Exports `design` to `path`, the format chosen by its extension, with the default
/// [`Guard`]: see [`write_guarded`].
pub fn write(design: &Design, path: &Path, options: &Options) -> Result<Vec<PathBuf>, ExportError> {
    write_guarded(design, path, options, &Guard::default())
}

/// Exports `design` to `path`, the format chosen by its extension, and returns every file
/// written ([`outputs`]). A Markdown review report also writes its picture next to it
/// (`name.svg` for `name.md`), which it links; that sibling is written only where no file
/// stands or where the file there is a picture Archway wrote (it starts with
/// [`PICTURE_MARK`]), unless `guard.force`. Nothing is written when any output is refused
/// (one of them is `guard.input`, or a sibling is not Archway's); when the report cannot be
/// written, a picture written for it where no file stood is removed again.
pub fn write_guarded(
    design: &Design,
    path: &Path,
    options: &Options,
    guard: &Guard<'_>,
) -> Result<Vec<PathBuf>, ExportError> {
    write_with(design, path, options, guard, &Extras::default())
}

/// [`write_guarded`] with what a review adds ([`Extras`]): the overlay on every picture written
/// (a report's sibling SVG included) and the report's extra section.
pub fn write_with(
    design: &Design,
    path: &Path,
    options: &Options,
    guard: &Guard<'_>,
    extras: &Extras<'_>,
) -> Result<Vec<PathBuf>, ExportError> {
    let format = Format::from_path(path, options)?;
    let files = outputs(path, options)?;
    if let Some(input) = guard.input {
        for f in &files {
            crate::model::file::refuse_overwriting_input(input, f).map_err(|e| {
                ExportError::Write {
                    file: e.file,
                    message: e.message,
                }
            })?;
        }
    }
    let sibling = files.iter().find(|f| f.as_path() != path);
    if let Some(svg) = sibling
        && !guard.force
        && std::fs::symlink_metadata(svg).is_ok()
        && !is_archway_picture(svg)
    {
        return Err(ExportError::PictureInTheWay {
            picture: svg.clone(),
            report: path.to_owned(),
        });
    }
    if matches!(format, Format::Png | Format::Pdf) && options.only.is_none() {
        // Before the analysis: a design too large to draw is refused at once (a part of it is
        // measured once cut, by `render_with`).
        png::check_size(design)?;
    }
    let analysis = Analysis::of(design);
    let mut written = Vec::new();
    let mut svg_link = None;
    let mut fresh_sibling = None;
    if let Some(svg_path) = sibling {
        let existed = std::fs::symlink_metadata(svg_path).is_ok();
        let bytes = marked(svg::document(design, &analysis, options, extras.overlay));
        write_file(svg_path, &bytes)?;
        if !existed {
            fresh_sibling = Some(svg_path);
        }
        svg_link = svg_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        written.push(svg_path.clone());
    }
    // A plain SVG export carries the mark too, so a later report of the same name may replace it.
    let result = if format == Format::Svg {
        render_with(design, &analysis, format, options, None, extras)
            .map(|bytes| marked(String::from_utf8_lossy(&bytes).into_owned()))
    } else {
        render_with(
            design,
            &analysis,
            format,
            options,
            svg_link.as_deref(),
            extras,
        )
    }
    .and_then(|bytes| write_file(path, &bytes));
    if let Err(e) = result {
        if let Some(svg) = fresh_sibling {
            let _ = std::fs::remove_file(svg);
        }
        return Err(e);
    }
    written.push(path.to_owned());
    Ok(written)
}

/// `svg` with [`PICTURE_MARK`] after its XML declaration.
fn marked(svg: String) -> Vec<u8> {
    match svg.split_once('\n') {
        Some((decl, rest)) if decl.starts_with("<?xml") => {
            format!("{decl}\n{PICTURE_MARK}\n{rest}").into_bytes()
        }
        _ => format!("{PICTURE_MARK}\n{svg}").into_bytes(),
    }
}

/// Whether the file at `path` is a picture Archway wrote: a regular file (links followed)
/// whose first lines carry [`PICTURE_MARK`]. Reads at most 512 bytes.
fn is_archway_picture(path: &Path) -> bool {
    use std::io::Read;
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let mut head = Vec::with_capacity(512);
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    if f.take(512).read_to_end(&mut head).is_err() {
        return false;
    }
    String::from_utf8_lossy(&head).contains(PICTURE_MARK)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::model::file::write_atomic(path, bytes).map_err(|e| ExportError::Write {
        file: e.file,
        message: e.message,
    })
}
