//! What an export should look like: theme, PNG scale, finding badges, and what a review adds
//! (an overlay, a report section). Shared by every format and by the command line's
//! `archway export` flags.

use crate::geometry::Overlay;

/// Colour theme of image exports. The command line's `--theme` takes its values from here.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// What an export should look like.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Light or dark colours for the diagram.
    pub theme: Theme,
    /// Pixels per canvas unit of PNG output; `None` is [`super::png::DEFAULT_SCALE`], reduced
    /// for large designs (see [`super::png::choose_scale`]).
    pub scale: Option<f32>,
    /// Draw finding badges on the diagram.
    pub findings: bool,
    /// With a `.md` output: a fenced Mermaid block instead of a review report.
    pub mermaid_markdown: bool,
    /// Draw only these components, containers and connections (ids), the containers they sit
    /// in and the connections between them ([`super::part::cut`]); `None` draws everything. For
    /// the pictures and diagrams ([`super::Format::draws_a_part`]); a review report covers the
    /// whole design.
    pub only: Option<Vec<String>>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            scale: None,
            findings: true,
            mermaid_markdown: false,
            only: None,
        }
    }
}

/// What a review adds to an export: an overlay drawn on the diagram (a failure picture, a
/// diff) with its legend, and a section appended to a review report. The sections are written
/// by the review layer, already escaped for their format; the export inserts them as they are.
#[derive(Clone, Copy, Debug, Default)]
pub struct Extras<'a> {
    /// Drawn on every picture of the export (SVG, PNG, PDF, a report's diagram).
    pub overlay: Option<&'a Overlay>,
    /// Appended to a Markdown review report.
    pub markdown_section: Option<&'a str>,
    /// Inserted at the end of an HTML review report (an HTML fragment).
    pub html_section: Option<&'a str>,
}
