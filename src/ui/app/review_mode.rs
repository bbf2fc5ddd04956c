//! The review modes: What-if (a click on the canvas fails or restores a component, container
//! or connection; a slider scales the traffic) and Compare (another version of the open
//! design, from a file or a git revision of its file, drawn as an overlay with the findings
//! split into fixed, introduced and still open). Neither edits the design nor leaves an undo
//! step: each reads the document, asks the review layer, and hands the canvas an overlay and a
//! click mode; leaving restores the normal view.

use super::review_state::{CompareMode, ComparePrompt, ReviewMode, WhatIfMode};
use super::state::ArchwayApp;
use crate::geometry::{Overlay, Tone};
use crate::model::labels::Labels;
use crate::review::diff;
use crate::review::overlay;
use crate::review::source::{self, Side};
use crate::review::whatif::WhatIf;
use crate::ui::canvas::Interaction;
use crate::ui::commands::UICommand;
use crate::ui::panels::compare::{self, CompareAction};
use crate::ui::panels::whatif::{self, WhatIfAction, WhatIfView, element_id};
use crate::ui::selection::{Element, Selection};
use egui::Ui;
use std::sync::Arc;

impl ArchwayApp {
    /// Carries out the review commands: What-if mode on or off, and Compare with…. The panels
    /// were drawn before the command ran, so the next frame is asked for at once.
    pub(super) fn review_command(&mut self, ctx: &egui::Context, c: UICommand) {
        ctx.request_repaint();
        match c {
            UICommand::WhatIfMode => {
                if matches!(self.review.mode, ReviewMode::WhatIf(_)) {
                    self.leave_review();
                } else if self.editing() {
                    self.enter_what_if();
                }
            }
            UICommand::CompareWith if self.editing() => {
                self.review.prompt = Some(ComparePrompt {
                    revision: "HEAD~1".to_owned(),
                    error: None,
                });
            }
            _ => {}
        }
    }

    /// Leaves any review mode: the canvas edits again and draws no overlay.
    pub fn leave_review(&mut self) {
        self.review.mode = ReviewMode::Off;
        self.canvas_options.interaction = Interaction::Edit;
        self.canvas_options.overlay = None;
    }

    fn enter_what_if(&mut self) {
        self.canvas.cancel_gesture();
        self.selection.clear();
        self.review.mode = ReviewMode::WhatIf(Box::new(WhatIfMode {
            failed: Vec::new(),
            traffic: 1.0,
            outcome: None,
            saturation: Vec::new(),
            labels: Labels::of(&self.doc.design),
        }));
        self.refresh_what_if();
    }

    /// Fails `e`, or brings it back when it is failed already (a click in What-if mode).
    pub fn what_if_toggle(&mut self, e: Element) {
        let ReviewMode::WhatIf(m) = &mut self.review.mode else {
            return;
        };
        match m.failed.iter().position(|f| *f == e) {
            Some(i) => {
                m.failed.remove(i);
            }
            None => m.failed.push(e),
        }
        self.refresh_what_if();
    }

    /// Sets the traffic multiple of What-if mode (clamped to 1–100).
    pub fn what_if_traffic(&mut self, multiple: f64) {
        if let ReviewMode::WhatIf(m) = &mut self.review.mode {
            m.traffic = if multiple.is_finite() {
                multiple.clamp(1.0, 100.0)
            } else {
                1.0
            };
            self.refresh_what_if();
        }
    }

    /// Asks the review layer again and redraws the overlay: the failure picture of what is
    /// failed, and every other component coloured by its utilisation at the traffic multiple.
    fn refresh_what_if(&mut self) {
        let ReviewMode::WhatIf(m) = &mut self.review.mode else {
            return;
        };
        let design = &self.doc.design;
        // The editor's estimate, so the slider agrees with the capacity pills (it assumes a
        // workload when the design states none).
        let w = WhatIf::with_estimate(design, self.doc.estimate.clone())
            .unwrap_or_else(|| WhatIf::new(design));
        let ids: Vec<&str> = m.failed.iter().map(element_id).collect();
        // An element that no longer exists is dropped (the design cannot change in the mode,
        // so this only guards a stale state).
        let targets: Vec<_> = ids
            .iter()
            .filter_map(|id| w.targets(&[*id]).ok())
            .flatten()
            .collect();
        m.saturation = w.traffic(m.traffic);
        let mut picture = if targets.is_empty() {
            m.outcome = None;
            Overlay::new(design, "What if…")
        } else {
            let out = w.fail(&targets);
            let o = overlay::failure(&w, &targets, &out);
            m.outcome = Some(out);
            o
        };
        for s in &m.saturation {
            if let Some(n) = w.index.node_index(&s.id)
                && picture.node(n).is_none()
            {
                picture.mark_node(n, Tone::Load(s.utilisation as f32));
            }
        }
        self.canvas_options.overlay = Some(Arc::new(picture));
        self.canvas_options.interaction = Interaction::Pick;
    }

    /// Compares the open design with `side` and enters Compare mode, or says in the prompt why
    /// the other version could not be loaded.
    pub fn compare_with(&mut self, side: &Side) {
        match source::load(side) {
            Ok(loaded) => {
                let d = diff::diff(&loaded.design, &self.doc.design, None);
                let picture = overlay::diff(&loaded.design, &self.doc.design, &d);
                self.canvas.cancel_gesture();
                self.canvas_options.overlay = Some(Arc::new(picture));
                self.canvas_options.interaction = Interaction::Select;
                let labels = Labels::of_both(&self.doc.design, &loaded.design);
                self.review.mode = ReviewMode::Compare(Box::new(CompareMode {
                    label: side.label(),
                    old: loaded.design,
                    diff: d,
                    labels,
                }));
                self.review.prompt = None;
                self.status = format!("Comparing with {}", side.label());
            }
            Err(e) => {
                let prompt = self.review.prompt.get_or_insert_with(Default::default);
                prompt.error = Some(e.to_string());
            }
        }
    }

    /// The side panel of the review mode in place of the inspector and findings; `false` when
    /// no review mode is on.
    pub(super) fn review_panel_ui(&mut self, ui: &mut Ui) -> bool {
        match &self.review.mode {
            ReviewMode::Off => false,
            ReviewMode::WhatIf(m) => {
                let view = WhatIfView {
                    failed: &m.failed,
                    outcome: m.outcome.as_ref(),
                    traffic: m.traffic,
                    saturation: &m.saturation,
                    labels: &m.labels,
                };
                match whatif::whatif_ui(ui, &view) {
                    Some(WhatIfAction::Restore(e)) => self.what_if_toggle(e),
                    Some(WhatIfAction::RestoreAll) => {
                        if let ReviewMode::WhatIf(m) = &mut self.review.mode {
                            m.failed.clear();
                        }
                        self.refresh_what_if();
                    }
                    Some(WhatIfAction::Traffic(x)) => self.what_if_traffic(x),
                    Some(WhatIfAction::Leave) => self.leave_review(),
                    None => {}
                }
                true
            }
            ReviewMode::Compare(m) => {
                match compare::compare_ui(ui, &m.label, &m.diff, &m.labels, &self.selection) {
                    Some(CompareAction::Select(e)) => {
                        let sel = Selection::only(e);
                        self.canvas.centre_on(&self.doc.design, &sel);
                        self.selection = sel;
                    }
                    Some(CompareAction::Leave) => self.leave_review(),
                    None => {}
                }
                true
            }
        }
    }

    /// The What-if toggle and the Compare indicator in the tool bar (the menu bar's right).
    pub(super) fn review_toggles_ui(&mut self, ui: &mut Ui) {
        if self.view != super::state::View::Editor {
            return;
        }
        ui.separator();
        let on = matches!(self.review.mode, ReviewMode::WhatIf(_));
        let c = UICommand::WhatIfMode;
        if ui
            .selectable_label(on, "What-if")
            .on_hover_text(c.tooltip())
            .clicked()
        {
            self.commands.push(c);
        }
        if let ReviewMode::Compare(m) = &self.review.mode {
            let label = format!("Comparing with {} ✕", m.label);
            if ui
                .selectable_label(true, label)
                .on_hover_text("Leave Compare mode")
                .clicked()
            {
                self.leave_review();
            }
        }
    }

    /// The Compare with… window: a file, or a git revision of the open file.
    pub(super) fn compare_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(mut prompt) = self.review.prompt.take() else {
            return;
        };
        let mut open = true;
        let mut chosen: Option<Side> = None;
        let path = self.doc.path.clone();
        egui::Window::new("Compare with…")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label("Another version of this design, drawn over it:");
                if ui.button("A design file…").clicked()
                    && let Some(p) = self.dialogs.pick_open()
                {
                    chosen = Some(Side::File(p));
                }
                ui.separator();
                match &path {
                    Some(p) => {
                        ui.label("Or a git revision of its file:");
                        ui.horizontal(|ui| {
                            let r = ui.add(
                                egui::TextEdit::singleline(&mut prompt.revision)
                                    .desired_width(160.0)
                                    .hint_text("HEAD~1"),
                            );
                            let enter =
                                r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                            if (ui.button("Compare").clicked() || enter)
                                && !prompt.revision.trim().is_empty()
                            {
                                chosen = Some(Side::Git {
                                    rev: prompt.revision.trim().to_owned(),
                                    path: p.clone(),
                                });
                            }
                        });
                    }
                    None => {
                        ui.weak("Save the design to compare with a git revision of its file.");
                    }
                }
                if let Some(e) = &prompt.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
            });
        if !open {
            return;
        }
        self.review.prompt = Some(prompt);
        if let Some(side) = chosen {
            self.compare_with(&side);
        }
    }
}
