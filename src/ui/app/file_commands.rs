//! The File family: new design, open (a file, a recent file, a template, a recovery copy),
//! save and save as, the start page and quit; with the unsaved-changes question before
//! anything that would replace the design.

use super::state::{ArchwayApp, Dialog, FilePurpose, Pending, View};
use crate::capacity::format::thousands;
use crate::model::{Design, file};
use crate::ui::commands::UICommand;
use crate::ui::document::Document;
use std::path::{Path, PathBuf};

impl ArchwayApp {
    /// Carries out a command of the File family.
    pub(super) fn file_command(&mut self, ctx: &egui::Context, c: UICommand) {
        match c {
            UICommand::NewDesign => self.guard(Pending::NewDesign),
            UICommand::Open => self.guard(Pending::Open(None)),
            UICommand::Save => {
                self.save(false);
            }
            UICommand::SaveAs => {
                self.save(true);
            }
            UICommand::ShowStart => self.view = View::Start,
            UICommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            _ => {}
        }
    }

    /// Replaces the document (no unsaved-changes check: callers ask first).
    pub(super) fn set_document(&mut self, design: Design, path: Option<PathBuf>) {
        self.leave_review();
        self.doc = Document::new(design, path);
        self.import_report = None;
        self.selection.clear();
        self.view = View::Editor;
        self.fitted = false;
        self.reset_recovery_clock();
        if let Some(f) = &self.folders {
            f.remove_recovery();
        }
    }

    /// Opens a design file (from the Open dialog, the recent files, the command line or a
    /// file dropped on the window), read as every design file is ([`file::load_with_warnings`]:
    /// bounded, never blocking on a pipe or a device); on failure shows the error and keeps the
    /// current design. The status bar shows the first warning, if any.
    /// A diagram from another tool (a `.drawio` file…) is imported instead, as a new design that
    /// was never saved: Save asks where, so the diagram is never written over.
    pub fn open_path(&mut self, path: &Path) {
        if let Some(result) = crate::import::import_if_foreign(path) {
            match result {
                Ok(imported) => {
                    let r = &imported.report;
                    self.status = format!(
                        "Imported {} ({}): {} components, {} containers, {} connections, {} kept generic; Save as… writes a new design",
                        file::shown_file_name(Some(path)),
                        imported.format.name(),
                        thousands(r.nodes as f64),
                        thousands(r.containers as f64),
                        thousands(r.edges as f64),
                        thousands(r.lines_of(crate::import::LineKind::Generic).count() as f64)
                    );
                    self.set_document(imported.design, None);
                    self.import_report = Some(imported.report);
                    self.remember(path);
                }
                Err(e) => self.dialog = Some(Dialog::LoadFailed(e.to_load_error())),
            }
            return;
        }
        match file::load_with_warnings(path) {
            Ok(loaded) => {
                self.set_document(loaded.design, Some(path.to_owned()));
                self.remember(path);
                let name = file::shown_file_name(Some(path));
                self.status = match loaded.warnings.first() {
                    None => format!("Opened {name}"),
                    Some(w) => format!(
                        "Opened {name}; {} warning(s), first at {}:{}: {}",
                        loaded.warnings.len(),
                        w.line,
                        w.col,
                        w.message
                    ),
                };
            }
            Err(e) => self.dialog = Some(Dialog::LoadFailed(e)),
        }
    }

    /// Opens the first file dropped on the window (asking first about unsaved changes).
    pub(super) fn open_dropped(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped
            && self.dialog.is_none()
        {
            self.guard(Pending::Open(Some(path)));
        }
    }

    fn remember(&mut self, path: &Path) {
        if let Some(f) = &self.folders {
            self.recent = f.push_recent(path);
        }
    }

    /// Opens template `i` as a new, never-saved design.
    pub fn open_template(&mut self, i: usize) {
        if let Some(d) = self.gallery.design(i).cloned() {
            self.set_document(d, None);
            self.status = "Opened a template: Save as… to keep your changes".into();
        }
    }

    /// Runs `then` now if the design is saved, else asks first.
    pub fn guard(&mut self, then: Pending) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved { then });
        } else {
            self.proceed(then);
        }
    }

    /// Carries out an action whose unsaved-changes question was answered.
    pub(super) fn proceed(&mut self, then: Pending) {
        match then {
            Pending::NewDesign => {
                self.set_document(Design::empty("Untitled design"), None);
                self.status = "New design".into();
            }
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Open(None) => {
                if let Some(reason) = self.dialogs.unavailable() {
                    self.ask_in_app(FilePurpose::Open, "", &reason);
                } else if let Some(path) = self.dialogs.pick_open() {
                    self.open_path(&path);
                }
            }
            Pending::Template(i) => self.open_template(i),
            Pending::Restore(i) => {
                if let Some(Dialog::Recover(list)) = &self.dialog
                    && let Some(r) = list.get(i)
                {
                    let r = r.clone();
                    self.restore(&r);
                }
            }
            Pending::Quit => {
                self.allow_close = true;
            }
        }
    }

    /// Saves to the document's file, or asks for one. Returns whether it was saved (not yet,
    /// when the in-app dialog asks: it saves once the user confirms).
    pub fn save(&mut self, ask: bool) -> bool {
        self.save_then(ask, None)
    }

    /// Saves like [`Self::save`]; once saved, carries out `then` when the in-app dialog asked
    /// (the caller carries it out on `true` otherwise).
    pub(super) fn save_then(&mut self, ask: bool, then: Option<Pending>) -> bool {
        let path = match (&self.doc.path, ask) {
            (Some(p), false) => p.clone(),
            _ => {
                let suggested = format!(
                    "{}{}",
                    crate::model::ids::slug(&self.doc.display_name()).replace("_archway_ron", ""),
                    file::EXTENSION
                );
                if let Some(reason) = self.dialogs.unavailable() {
                    self.ask_in_app(FilePurpose::Save { then }, &suggested, &reason);
                    return false;
                }
                match self.dialogs.pick_save(&suggested) {
                    Some(p) => p,
                    None => return false,
                }
            }
        };
        self.save_to(path)
    }

    /// Writes the design to `path` and makes it the document's file. Returns whether it was
    /// saved (a failure shows in a dialog).
    pub(super) fn save_to(&mut self, path: std::path::PathBuf) -> bool {
        match file::save(&self.doc.design, &path) {
            Ok(()) => {
                self.doc.path = Some(path.clone());
                self.doc.history.mark_saved();
                if let Some(f) = &self.folders {
                    f.remove_recovery();
                }
                self.remember(&path);
                self.status = format!("Saved {}", file::shown_file_name(Some(&path)));
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: "Could not save".into(),
                    text: e.to_string(),
                });
                false
            }
        }
    }
}
