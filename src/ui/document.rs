//! The open document: the design, its file, its undo history, and the critique report and
//! capacity estimate derived from it (recomputed once per applied change, never per frame).

use super::history::History;
use super::selection::Selection;
use crate::capacity::Estimate;
use crate::critique::{Analysis, Report};
use crate::model::{Design, Edit};
use std::path::PathBuf;

/// A design being edited.
pub struct Document {
    pub design: Design,
    /// The file it was opened from or saved to (`None`: never saved).
    pub path: Option<PathBuf>,
    pub history: History,
    /// Review of the current design.
    pub report: Report,
    /// Capacity estimate of the current design.
    pub estimate: Estimate,
    /// Bumped on every change of the design (edits, undo, redo, load): caches key on it.
    pub revision: u64,
}

impl Document {
    /// A document for `design`, reviewed and estimated, with an empty history.
    pub fn new(design: Design, path: Option<PathBuf>) -> Self {
        let mut doc = Self {
            design,
            path,
            history: History::default(),
            report: Report::default(),
            estimate: Estimate::default(),
            revision: 0,
        };
        doc.refresh();
        doc
    }

    /// Recomputes the report and the estimate, and bumps the revision.
    pub fn refresh(&mut self) {
        let Analysis { report, estimate } = Analysis::of(&self.design);
        self.report = report;
        self.estimate = estimate;
        self.revision += 1;
    }

    /// Whether the design has changes not saved to its file. A design that was never saved
    /// counts as dirty once edited.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Applies one step of edits through the history; returns whether anything changed. The
    /// caller refreshes (once per frame, after all steps).
    pub fn apply(
        &mut self,
        edit: Edit,
        label: &str,
        merge_key: Option<String>,
        before: Selection,
        after: Selection,
    ) -> bool {
        self.history
            .apply_merging(&mut self.design, edit, label, merge_key, before, after)
    }

    /// The file name for the window title (`Untitled design` when never saved).
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => {
                if self.design.metadata.title.is_empty() {
                    "Untitled design".to_owned()
                } else {
                    self.design.metadata.title.clone()
                }
            }
        }
    }

    /// The window title: file name, an unsaved marker, and the app name.
    pub fn window_title(&self) -> String {
        let marker = if self.is_dirty() { "● " } else { "" };
        format!("{marker}{} — Archway", self.display_name())
    }
}
