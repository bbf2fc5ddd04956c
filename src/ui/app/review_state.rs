//! The data of the review modes (What-if, Compare): what is failed, the traffic multiple and
//! the review's answers, or the other version and the diff. The app's handlers are in
//! `review_mode`.

use crate::model::Design;
use crate::model::labels::Labels;
use crate::review::diff::DesignDiff;
use crate::review::whatif::{Outcome, Saturation};
use crate::ui::selection::Element;

/// The review mode the editor is in.
#[derive(Default)]
pub enum ReviewMode {
    /// Editing.
    #[default]
    Off,
    /// Failing components and scaling traffic.
    WhatIf(Box<WhatIfMode>),
    /// Comparing with another version.
    Compare(Box<CompareMode>),
}

/// What-if mode: what is failed, the traffic multiple, and the review's answers for them.
pub struct WhatIfMode {
    /// Failed elements, in the order they were clicked.
    pub failed: Vec<Element>,
    /// Multiple of today's load (1 to 100).
    pub traffic: f64,
    /// What failing `failed` does (`None` when nothing is failed).
    pub outcome: Option<Outcome>,
    /// Utilisation at `traffic`, first to saturate first.
    pub saturation: Vec<Saturation>,
    /// The design's labels, to name what the answers quote (the mode does not edit the design).
    pub labels: Labels,
}

/// Compare mode: the other version and the diff from it to the open design.
pub struct CompareMode {
    /// How the other version was named (`HEAD~1:design.archway.ron`, a file).
    pub label: String,
    pub old: Design,
    pub diff: DesignDiff,
    /// The labels of both versions, to name what the findings quote.
    pub labels: Labels,
}

/// The small window asking what to compare with: a file, or a git revision of the open file.
#[derive(Debug, Default)]
pub struct ComparePrompt {
    /// The revision typed so far (`HEAD~1`).
    pub revision: String,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

/// The review state of the app.
#[derive(Default)]
pub struct ReviewState {
    pub mode: ReviewMode,
    /// The Compare with… window, when open.
    pub prompt: Option<ComparePrompt>,
}

impl ReviewState {
    /// Whether a review mode is on (the design cannot be edited then).
    pub fn active(&self) -> bool {
        !matches!(self.mode, ReviewMode::Off)
    }
}
