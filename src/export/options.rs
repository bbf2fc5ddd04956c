//! What an export should look like: theme, PNG scale, finding badges. Shared by every format
//! and by the command line's `archway export` flags.

/// Colour theme of image exports. The command line's `--theme` takes its values from here.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// What an export should look like.
#[derive(Clone, Copy, Debug, PartialEq)]
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
