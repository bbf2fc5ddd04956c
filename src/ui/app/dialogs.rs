//! The app's windows over the editor: the keyboard-shortcut overlay, a rule's explanation, and
//! the modal dialogs (save changes?, a file that would not load, an error message, recovery
//! copies from a crash, replacing a report's picture).

use super::state::{ArchwayApp, Dialog, Pending};
use crate::ui::commands::{CANVAS_HELP, UICommand};
use crate::ui::files::Recovery;
use crate::ui::panels::rules;
use egui::Ui;

/// What the user answered in a modal dialog this frame.
#[derive(Default)]
struct Answer {
    /// Close the dialog.
    close: bool,
    /// Carry this out.
    then: Option<Pending>,
}

impl ArchwayApp {
    /// Shows whichever windows are open.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if self.show_help {
            self.help_window_ui(ctx);
        }
        if let Some(rule) = self.explain {
            self.explain_window_ui(ctx, rule);
        }
        if self.rule_browser.is_some() {
            self.rule_browser_window_ui(ctx);
        }
        if self.import_report.is_some() {
            self.import_report_window_ui(ctx);
        }
        self.compare_prompt_ui(ctx);
        self.modal_ui(ctx);
    }

    /// The import report of the diagram just opened: its summary, then one line per element,
    /// each line that made an element a link that selects it.
    fn import_report_window_ui(&mut self, ctx: &egui::Context) {
        use crate::import::Target;
        use crate::ui::selection::{Element, Selection};
        let Some(report) = &self.import_report else {
            return;
        };
        let mut open = true;
        let mut select = None;
        egui::Window::new("Import report")
            .id(egui::Id::unique("import_report_window"))
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                let text = report.text();
                for line in text.lines().take_while(|l| !l.ends_with("):")) {
                    ui.label(line);
                }
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        for line in &report.lines {
                            let shown = format!("{}: {}", line.kind.tag(), line.text);
                            match &line.target {
                                Some(target) if ui.link(&shown).clicked() => {
                                    select = Some(target.clone());
                                }
                                Some(_) => {}
                                None => {
                                    ui.label(shown);
                                }
                            }
                        }
                    });
            });
        if let Some(target) = select {
            let design = &self.doc.design;
            let element = match target {
                Target::Node(id) => design.node(&id).map(|n| Element::Node(n.id.clone())),
                Target::Container(id) => design
                    .container(&id)
                    .map(|c| Element::Container(c.id.clone())),
                Target::Edge(id) => design.edge(&id).map(|e| Element::Edge(e.id.clone())),
            };
            // An element deleted since the import is no longer there to select.
            if let Some(element) = element {
                self.selection = Selection::only(element);
            }
        }
        if !open {
            self.import_report = None;
        }
    }

    fn help_window_ui(&mut self, ctx: &egui::Context) {
        let mut open = true;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                // The list is longer than a small window is tall: it scrolls.
                let room = (ctx.content_rect().height() - 120.0).max(200.0);
                egui::ScrollArea::vertical()
                    .max_height(room)
                    .show(ui, |ui| {
                        egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                            for &c in UICommand::ALL {
                                if c.shortcut().is_none() {
                                    continue;
                                }
                                ui.monospace(c.shortcut_text(ctx));
                                ui.label(c.label());
                                ui.end_row();
                            }
                            for (keys, what) in CANVAS_HELP {
                                ui.monospace(*keys);
                                ui.label(*what);
                                ui.end_row();
                            }
                        });
                    });
            });
        self.show_help &= open;
    }

    /// The area below the menu bar where windows may go.
    fn below_menu(&self, ctx: &egui::Context) -> egui::Rect {
        let screen = ctx.content_rect();
        egui::Rect::from_min_max(egui::pos2(screen.left(), self.menu_bottom), screen.max)
    }

    /// A rule's documentation, formatted, in a window that opens below the menu bar.
    fn explain_window_ui(&mut self, ctx: &egui::Context, rule: &'static str) {
        let mut open = true;
        let area = self.below_menu(ctx);
        let docs = &mut self.rule_docs;
        egui::Window::new(format!("Explain {rule}"))
            .id(egui::Id::unique("explain_window"))
            .open(&mut open)
            .default_pos(area.center_top() + egui::vec2(-280.0, 16.0))
            .default_size([560.0, (area.height() - 60.0).clamp(200.0, 560.0)])
            .constrain_to(area)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| rules::rule_doc_ui(ui, docs, rule));
            });
        if !open {
            self.explain = None;
        }
    }

    /// Help ▸ Rules: every rule, searchable, with its documentation.
    fn rule_browser_window_ui(&mut self, ctx: &egui::Context) {
        let area = self.below_menu(ctx);
        let Some(state) = &mut self.rule_browser else {
            return;
        };
        let mut open = true;
        let docs = &mut self.rule_docs;
        egui::Window::new("Rules")
            .id(egui::Id::unique("rule_browser_window"))
            .open(&mut open)
            .default_pos(area.left_top() + egui::vec2(40.0, 16.0))
            .default_size([
                (area.width() - 80.0).clamp(400.0, 960.0),
                (area.height() - 60.0).clamp(240.0, 640.0),
            ])
            .constrain_to(area)
            .show(ctx, |ui| rules::rule_browser_ui(ui, state, docs));
        if !open {
            self.rule_browser = None;
        }
    }

    /// The modal dialog, if any, and what its answer starts.
    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let mut answer = Answer::default();
        egui::Modal::new(egui::Id::unique("app_dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            answer = match &dialog {
                Dialog::Unsaved { then } => self.unsaved_ui(ui, then),
                Dialog::LoadFailed(e) => load_failed_ui(ui, e),
                Dialog::Message { title, text } => message_ui(ui, title, text),
                Dialog::Recover(list) => recover_ui(ui, list),
                Dialog::ReplacePicture {
                    report,
                    picture,
                    options,
                } => self.replace_picture_ui(ui, report, picture, options),
            };
        });
        if let Some(Pending::Restore(i)) = answer.then {
            // Restoring replaces the current design, which at start-up is empty and clean;
            // the restore reads the list from the dialog, so put it back first.
            self.dialog = Some(dialog);
            self.proceed(Pending::Restore(i));
            return;
        }
        if !answer.close && self.dialog.is_none() {
            self.dialog = Some(dialog);
        }
        if let Some(then) = answer.then {
            self.proceed(then);
        }
    }

    /// "Save changes?": Save (then `then` if saved), Discard (then `then`), Cancel.
    fn unsaved_ui(&mut self, ui: &mut Ui, then: &Pending) -> Answer {
        let mut answer = Answer::default();
        ui.heading("Save changes?");
        ui.label(format!(
            "“{}” has changes that are not saved.",
            self.doc.display_name()
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer.close = true;
                if self.save_then(false, Some(then.clone())) {
                    answer.then = Some(then.clone());
                }
            }
            if ui.button("Discard").clicked() {
                answer.close = true;
                answer.then = Some(then.clone());
            }
            if ui.button("Cancel").clicked() {
                answer.close = true;
            }
        });
        answer
    }
}

impl ArchwayApp {
    /// "Replace the picture?": a review report writes its picture next to it, where a file
    /// Archway did not write stands. Replace exports again over it; Cancel writes nothing.
    fn replace_picture_ui(
        &mut self,
        ui: &mut Ui,
        report: &std::path::Path,
        picture: &std::path::Path,
        options: &crate::export::Options,
    ) -> Answer {
        let mut answer = Answer::default();
        let name = |p: &std::path::Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string())
        };
        ui.heading("Replace the picture?");
        ui.label(format!(
            "The report {} shows its diagram from {}, next to it. A file of that name is there \
             and Archway did not write it.",
            name(report),
            name(picture)
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                answer.close = true;
                self.export_to(report, options, true);
            }
            if ui.button("Cancel").clicked() {
                answer.close = true;
                self.status = "Export cancelled: nothing written".into();
            }
        });
        answer
    }
}

fn load_failed_ui(ui: &mut Ui, e: &crate::model::LoadError) -> Answer {
    ui.heading("Could not open the design");
    ui.label("The current design is unchanged.");
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .max_height(300.0)
        .show(ui, |ui| {
            ui.monospace(e.to_string());
        });
    Answer {
        close: ui.button("OK").clicked(),
        then: None,
    }
}

fn message_ui(ui: &mut Ui, title: &str, text: &str) -> Answer {
    ui.heading(title);
    ui.label(text);
    Answer {
        close: ui.button("OK").clicked(),
        then: None,
    }
}

/// The recovery copies a crash left, each with Restore and Discard, and Not now.
fn recover_ui(ui: &mut Ui, list: &[Recovery]) -> Answer {
    let mut answer = Answer::default();
    ui.heading("Restore unsaved work?");
    ui.label("Archway did not close normally last time. These recovery copies were kept:");
    for (i, r) in list.iter().enumerate() {
        ui.horizontal(|ui| {
            let title = r
                .design()
                .map(|d| format!("“{}”", d.metadata.title))
                .unwrap_or_else(|_| "a design".to_owned());
            let what = match &r.origin {
                Some(p) => format!("{title} ({})", p.display()),
                None => format!("{title} (never saved)"),
            };
            ui.label(what);
            if ui.button("Restore").clicked() {
                answer.then = Some(Pending::Restore(i));
            }
            if ui.button("Discard").clicked() {
                r.discard();
                answer.close = true;
            }
        });
    }
    if ui.button("Not now").clicked() {
        answer.close = true;
    }
    answer
}
