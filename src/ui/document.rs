//! The open document: the design, its file, its undo history, and the critique report and
//! capacity estimate derived from it (recomputed once per applied change, never per frame; on
//! a worker thread for big designs, so an edit never waits for the review).

use super::history::History;
use super::selection::Selection;
use crate::capacity::Estimate;
use crate::critique::{Analysis, Report};
use crate::model::{Design, Edit};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// Designs with at least this many nodes are analysed on a worker thread: the frame after an
/// edit shows the change at once and the findings follow when the review is done. Smaller
/// designs are analysed in the frame (a few milliseconds), so their findings never lag.
pub const BACKGROUND_ANALYSIS_NODES: usize = 2_000;

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
    /// Bumped on every change of the design (edits, undo, redo, load) and when a background
    /// analysis arrives: caches key on it.
    pub revision: u64,
    /// The analysis running on a worker thread, if any; `report` and `estimate` describe the
    /// design as it was before until it arrives.
    pending: Option<Receiver<Analysis>>,
    /// The design changed while `pending` ran: review it again when that one is done.
    stale: bool,
}

/// Lowers the calling thread's scheduling priority (on Linux the nice value is per thread),
/// so a review on a worker thread leaves the cores to the frames (the window's thread and a
/// software rasteriser's threads) and runs on what they leave; an editor at rest idles, so the
/// findings are not held back.
fn yield_to_frames() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only changes this thread's nice value; a failure changes nothing.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
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
            pending: None,
            stale: false,
        };
        doc.refresh();
        doc
    }

    /// Recomputes the report and the estimate (on a worker thread for a big design, see
    /// [`Document::poll_analysis`]), and bumps the revision.
    ///
    /// At most one review runs at a time: a change made while one is running only marks the
    /// design as changed, and one new review starts when the running one finishes. (Ten quick
    /// moves used to start ten reviews that fought over the cores the frames need.)
    pub fn refresh(&mut self) {
        self.revision += 1;
        if self.design.nodes.len() < BACKGROUND_ANALYSIS_NODES {
            self.pending = None;
            self.stale = false;
            self.install(Analysis::of(&self.design));
            return;
        }
        if self.pending.is_some() {
            self.stale = true;
            return;
        }
        self.start_analysis();
    }

    /// Starts a review of the design as it is now on a worker thread (in this thread when no
    /// thread can be started).
    fn start_analysis(&mut self) {
        self.stale = false;
        let design = self.design.clone();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("archway-analysis".into())
            .spawn(move || {
                yield_to_frames();
                // The receiver is gone when the document was closed.
                let _ = tx.send(Analysis::of(&design));
            });
        match spawned {
            Ok(_) => self.pending = Some(rx),
            Err(_) => {
                self.pending = None;
                self.install(Analysis::of(&self.design));
            }
        }
    }

    /// Takes the result of a background analysis once it is done; returns whether it arrived
    /// (the revision is then bumped, so the canvas shows the new findings). When the design
    /// changed while it ran, the result is shown and the review of the current design starts.
    pub fn poll_analysis(&mut self) -> bool {
        let Some(rx) = &self.pending else {
            return false;
        };
        let arrived = match rx.try_recv() {
            Ok(a) => {
                self.pending = None;
                self.install(a);
                self.revision += 1;
                true
            }
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                false
            }
        };
        if self.stale {
            self.start_analysis();
        }
        arrived
    }

    /// Whether an analysis is running on a worker thread.
    pub fn analysing(&self) -> bool {
        self.pending.is_some()
    }

    /// Waits for a background analysis, if one is running (exports and tests that need the
    /// findings of the design as it is now); reviews the current design here when it changed
    /// while the analysis ran.
    pub fn finish_analysis(&mut self) {
        if let Some(rx) = self.pending.take()
            && let Ok(a) = rx.recv()
        {
            self.install(a);
            self.revision += 1;
        }
        if std::mem::take(&mut self.stale) {
            self.install(Analysis::of(&self.design));
            self.revision += 1;
        }
    }

    fn install(&mut self, a: Analysis) {
        self.report = a.report;
        self.estimate = a.estimate;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    #[test]
    fn a_big_design_is_reviewed_on_a_worker_and_the_result_arrives() {
        let design = synthetic::design(BACKGROUND_ANALYSIS_NODES);
        let expected = Analysis::of(&design).report;
        let mut doc = Document::new(design, None);
        assert!(doc.analysing());
        let revision = doc.revision;
        doc.finish_analysis();
        assert!(!doc.analysing());
        assert!(doc.revision > revision, "the arrival bumps the revision");
        assert_eq!(doc.report.findings.len(), expected.findings.len());
        assert!(!doc.poll_analysis());
    }

    /// Changes made while a review runs start no second review; the one review that follows
    /// sees the last change.
    #[test]
    fn changes_during_a_review_queue_one_more_review_of_the_latest_design() {
        let design = synthetic::design(BACKGROUND_ANALYSIS_NODES);
        let mut doc = Document::new(design, None);
        assert!(doc.analysing());
        // Three quick changes while the first review runs: the last removes every edge.
        for _ in 0..2 {
            doc.refresh();
        }
        doc.design.edges.clear();
        doc.refresh();
        assert!(
            doc.stale,
            "the running review is left alone; the change is noted"
        );
        // The first review's result arrives, and exactly one review of the current design starts.
        while !doc.poll_analysis() {
            std::thread::yield_now();
        }
        assert!(doc.analysing(), "one review of the latest design follows");
        assert!(!doc.stale);
        doc.finish_analysis();
        let expected = Analysis::of(&doc.design).report;
        assert_eq!(doc.report.findings, expected.findings);
    }

    #[test]
    fn a_small_design_is_reviewed_at_once() {
        let doc = Document::new(crate::model::synthetic::design(20), None);
        assert!(!doc.analysing());
    }
}
