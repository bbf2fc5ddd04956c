//! The eframe application: menus, panels, dialogs, files and commands around the canvas.
//!
//! Each frame the panels and the canvas read the document and return edits; the app collects
//! them and applies them through the undo history at the end of the frame, then re-runs the
//! critique and the capacity estimate once (not on frames where nothing changed).

use super::canvas::{self, CanvasCommand, CanvasInput, CanvasOptions, CanvasResponse, CanvasState};
use super::clipboard::{self, Placement};
use super::commands::{CANVAS_HELP, Command};
use super::document::Document;
use super::files::{Folders, Recovery};
use super::panels::findings::{self, FindingsAction, FindingsState};
use super::panels::inspector;
use super::panels::palette::{self, PaletteState};
use super::selection::Selection;
use super::start::{self, Gallery, StartAction};
use crate::critique::Severity;
use crate::model::{Design, Edit, LoadError, Pos, file};
use egui::{RichText, Ui};
use std::path::{Path, PathBuf};

/// How often a dirty design is copied to the recovery file.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// Native file dialogs, behind a trait so tests can answer them.
pub trait FileDialogs {
    /// Asks for a design file to open.
    fn pick_open(&mut self) -> Option<PathBuf>;
    /// Asks where to save; `suggested` is a file name.
    fn pick_save(&mut self, suggested: &str) -> Option<PathBuf>;
    /// Asks where to export; `suggested` is a file name with the format's extension.
    fn pick_export(&mut self, suggested: &str) -> Option<PathBuf> {
        let _ = suggested;
        None
    }
}

/// What File ▸ Export… writes, by file extension (the extension of the chosen file picks it).
pub const EXPORT_FORMATS: [(&str, &str); 7] = [
    ("SVG picture", "svg"),
    ("PNG picture", "png"),
    ("PDF document", "pdf"),
    ("Review report (Markdown)", "md"),
    ("Review report (HTML)", "html"),
    ("Mermaid flowchart", "mmd"),
    ("draw.io diagram", "drawio"),
];

/// The operating system's dialogs (rfd; zenity when no portal runs).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_export(&mut self, suggested: &str) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export the design")
            .set_file_name(suggested);
        for (name, ext) in EXPORT_FORMATS {
            dialog = dialog.add_filter(name, &[ext]);
        }
        dialog.save_file()
    }

    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a design")
            .add_filter("Archway design", &["ron"])
            .add_filter("Any file", &["*"])
            .pick_file()
    }

    fn pick_save(&mut self, suggested: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save the design")
            .set_file_name(suggested)
            .add_filter("Archway design", &["ron"])
            .save_file()
            .map(|p| {
                let s = p.to_string_lossy();
                if s.ends_with(".ron") {
                    p
                } else {
                    PathBuf::from(format!("{s}{}", file::EXTENSION))
                }
            })
    }
}

/// What to do once the unsaved-changes question is answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    NewDesign,
    /// Open this file, or ask for one.
    Open(Option<PathBuf>),
    /// Open a template (index into `templates::ALL`).
    Template(usize),
    /// Restore a recovery file.
    Restore(usize),
    Quit,
}

/// A modal dialog.
#[derive(Debug)]
pub enum Dialog {
    /// "Save changes?" before `then`.
    Unsaved { then: Pending },
    /// A file could not be loaded; the current design is kept.
    LoadFailed(LoadError),
    /// Something went wrong (saving…).
    Message { title: String, text: String },
    /// Recovery files from a crashed session.
    Recover(Vec<Recovery>),
}

/// Which main view is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Start,
    Editor,
}

/// Options for creating the app.
pub struct AppOptions {
    /// Where recent files and recovery copies live (`None`: remember nothing).
    pub folders: Option<Folders>,
    /// A file to open at start.
    pub file: Option<PathBuf>,
    /// File dialogs.
    pub dialogs: Box<dyn FileDialogs>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            folders: Folders::user(),
            file: None,
            dialogs: Box::new(NativeDialogs),
        }
    }
}

/// One edit collected during a frame, applied at its end.
struct PendingEdit {
    edit: Edit,
    label: String,
    merge_key: Option<String>,
}

/// The editor application.
pub struct ArchwayApp {
    pub doc: Document,
    pub view: View,
    pub selection: Selection,
    pub canvas: CanvasState,
    pub canvas_options: CanvasOptions,
    pub palette: PaletteState,
    pub findings: FindingsState,
    pub dialog: Option<Dialog>,
    pub show_help: bool,
    /// Rule id whose documentation is shown.
    pub explain: Option<&'static str>,
    pub recent: Vec<PathBuf>,
    folders: Option<Folders>,
    dialogs: Box<dyn FileDialogs>,
    gallery: Gallery,
    /// Edits collected this frame.
    queued: Vec<PendingEdit>,
    /// Commands triggered this frame (menus, shortcuts, canvas context menu).
    commands: Vec<Command>,
    /// Paste requests at a canvas position (context menu).
    paste_at: Option<Pos>,
    /// Text copied most recently (also put on the system clipboard).
    clipboard: Option<String>,
    /// Set once the user agreed to close.
    allow_close: bool,
    last_autosave: Option<f64>,
    last_title: String,
    /// Whether the document has been shown in the editor since it was opened (zoom to fit).
    fitted: bool,
    /// Set once the close was confirmed, so the next close request goes through.
    quitting: bool,
    /// Last status-bar message (saved, copied…).
    pub status: String,
}

impl ArchwayApp {
    /// Creates the app: opens `options.file` when given (a load error shows in a dialog over
    /// the start view), and offers to restore recovery files left by a crash.
    pub fn new(options: AppOptions) -> Self {
        let recent = options
            .folders
            .as_ref()
            .map(Folders::load_recent)
            .unwrap_or_default();
        let mut app = Self {
            doc: Document::new(Design::default(), None),
            view: View::Start,
            selection: Selection::new(),
            canvas: CanvasState::new(),
            canvas_options: CanvasOptions::default(),
            palette: PaletteState::default(),
            findings: FindingsState::default(),
            dialog: None,
            show_help: false,
            explain: None,
            recent,
            folders: options.folders,
            dialogs: options.dialogs,
            gallery: Gallery::default(),
            queued: Vec::new(),
            commands: Vec::new(),
            paste_at: None,
            clipboard: None,
            allow_close: false,
            last_autosave: None,
            last_title: String::new(),
            fitted: false,
            quitting: false,
            status: String::new(),
        };
        if let Some(found) = app
            .folders
            .as_ref()
            .map(Folders::orphaned_recoveries)
            .filter(|r| !r.is_empty())
        {
            app.dialog = Some(Dialog::Recover(found));
        }
        if let Some(path) = options.file {
            app.open_path(&path);
        }
        app
    }

    /// Replaces the document (no unsaved-changes check: callers ask first).
    fn set_document(&mut self, design: Design, path: Option<PathBuf>) {
        self.doc = Document::new(design, path);
        self.selection.clear();
        self.view = View::Editor;
        self.fitted = false;
        self.last_autosave = None;
        if let Some(f) = &self.folders {
            f.remove_recovery();
        }
    }

    /// Opens a design file; on failure shows the error and keeps the current design.
    pub fn open_path(&mut self, path: &Path) {
        match file::load(path) {
            Ok(design) => {
                self.set_document(design, Some(path.to_owned()));
                self.remember(path);
                self.status = format!("Opened {}", path.display());
            }
            Err(e) => self.dialog = Some(Dialog::LoadFailed(e)),
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
    fn proceed(&mut self, then: Pending) {
        match then {
            Pending::NewDesign => {
                self.set_document(Design::empty("Untitled design"), None);
                self.status = "New design".into();
            }
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Open(None) => {
                if let Some(path) = self.dialogs.pick_open() {
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

    fn restore(&mut self, r: &Recovery) {
        match r.design() {
            Ok(design) => {
                self.set_document(design, r.origin.clone());
                // The restored state is not what is in the file: keep it dirty.
                self.doc.history.mark_unsaved();
                self.status =
                    "Restored the design from the recovery copy: save it to keep it".into();
                r.discard();
                self.dialog = None;
            }
            Err(e) => self.dialog = Some(Dialog::LoadFailed(e)),
        }
    }

    /// Saves to the document's file, or asks for one. Returns whether it was saved.
    pub fn save(&mut self, ask: bool) -> bool {
        let path = match (&self.doc.path, ask) {
            (Some(p), false) => p.clone(),
            _ => {
                let suggested = format!(
                    "{}{}",
                    crate::model::ids::slug(&self.doc.display_name()).replace("_archway_ron", ""),
                    file::EXTENSION
                );
                match self.dialogs.pick_save(&suggested) {
                    Some(p) => p,
                    None => return false,
                }
            }
        };
        match file::save(&self.doc.design, &path) {
            Ok(()) => {
                self.doc.path = Some(path.clone());
                self.doc.history.mark_saved();
                if let Some(f) = &self.folders {
                    f.remove_recovery();
                }
                self.remember(&path);
                self.status = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: "Could not save".into(),
                    text: format!("{}: {e}", path.display()),
                });
                false
            }
        }
    }

    /// Queues an edit to apply at the end of the frame.
    fn queue(&mut self, edit: Edit, label: impl Into<String>, merge_key: Option<String>) {
        self.queued.push(PendingEdit {
            edit,
            label: label.into(),
            merge_key,
        });
    }

    /// Queues an edit from outside the panels (scripts, tests); it is applied as one undo
    /// step at the end of the next frame.
    pub fn submit(&mut self, edit: Edit, label: &str) {
        self.queue(edit, label, None);
    }

    /// Draws the whole app into `ui` (the root of the window). Public for tests.
    pub fn ui_root(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        install_fonts(&ctx);
        let selection_at_start = self.selection.clone();
        self.handle_close_request(&ctx);
        self.collect_shortcuts(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        match self.view {
            View::Start => {
                egui::CentralPanel::default().show(ui, |ui| {
                    let back = !self.doc.design.nodes.is_empty() || self.doc.path.is_some();
                    if let Some(a) = start::start_ui(ui, &self.gallery, &self.recent, back) {
                        self.start_action(a);
                    }
                });
            }
            View::Editor => self.editor_ui(ui),
        }
        self.dialogs_ui(&ctx);
        self.run_commands(&ctx);
        self.apply_queued(selection_at_start);
        self.autosave(&ctx);
        let title = self.doc.window_title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
        if self.allow_close && self.dialog.is_none() {
            self.allow_close = false;
            self.quitting = true;
            if let Some(f) = &self.folders {
                f.remove_recovery();
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn start_action(&mut self, a: StartAction) {
        match a {
            StartAction::NewEmpty => self.guard(Pending::NewDesign),
            StartAction::Open => self.guard(Pending::Open(None)),
            StartAction::OpenRecent(p) => self.guard(Pending::Open(Some(p))),
            StartAction::Template(i) => self.guard(Pending::Template(i)),
            StartAction::Back => self.view = View::Editor,
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                if self.dialog.is_none() {
                    self.dialog = Some(Dialog::Unsaved {
                        then: Pending::Quit,
                    });
                }
            } else if let Some(f) = &self.folders {
                f.remove_recovery();
            }
        }
    }

    /// Turns key presses and clipboard events into commands (not while typing in a field).
    fn collect_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let modal = self.dialog.is_some();
        // Most specific shortcuts first: Ctrl+Shift+S must not also fire Ctrl+S.
        let mut all: Vec<Command> = Command::ALL.to_vec();
        all.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                s.modifiers.shift as u8 + s.modifiers.alt as u8 + s.modifiers.command as u8
            }))
        });
        for c in all {
            let Some(s) = c.shortcut() else { continue };
            if (typing && c.yields_to_text_focus()) || (modal && c != Command::Escape) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&s)) {
                self.commands.push(c);
            }
        }
        if typing || modal || self.view != View::Editor {
            return;
        }
        // The real window turns Ctrl+C/X/V into clipboard events.
        let events = ctx.input(|i| i.events.clone());
        for e in events {
            match e {
                egui::Event::Copy => self.commands.push(Command::Copy),
                egui::Event::Cut => self.commands.push(Command::Cut),
                egui::Event::Paste(text) if clipboard::parse_text(&text).is_some() => {
                    self.clipboard = Some(text);
                    self.commands.push(Command::Paste);
                }
                _ => {}
            }
        }
    }

    /// Runs a command now (menus call this too).
    pub fn run(&mut self, c: Command) {
        self.commands.push(c);
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for c in commands {
            self.execute(ctx, c);
        }
    }

    fn execute(&mut self, ctx: &egui::Context, c: Command) {
        let editing = self.view == View::Editor;
        match c {
            Command::NewDesign => self.guard(Pending::NewDesign),
            Command::Open => self.guard(Pending::Open(None)),
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::Export if editing => self.export(ctx.global_style().visuals.dark_mode),
            Command::Export => {}
            Command::ShowStart => self.view = View::Start,
            Command::Undo => {
                if let Some(sel) = self.doc.history.undo(&mut self.doc.design) {
                    self.after_history(sel, "Undone");
                }
            }
            Command::Redo | Command::RedoAlt => {
                if let Some(sel) = self.doc.history.redo(&mut self.doc.design) {
                    self.after_history(sel, "Redone");
                }
            }
            Command::Copy | Command::Cut if editing => {
                if let Some(text) = clipboard::copy_text(&self.doc.design, &self.selection) {
                    ctx.copy_text(text.clone());
                    self.clipboard = Some(text);
                    self.status = format!("Copied {} element(s)", self.selection.len());
                    if c == Command::Cut {
                        let edit = clipboard::delete_edit(&self.doc.design, &self.selection);
                        self.selection.clear();
                        self.queue(edit, "cut", None);
                    }
                }
            }
            Command::Paste if editing => {
                let piece = self.clipboard.as_deref().and_then(clipboard::parse_text);
                if let Some(piece) = piece {
                    let placement = match self.paste_at.take().or(self.canvas.pointer_in_canvas()) {
                        Some(p) => Placement::At(p.x, p.y),
                        None => Placement::Offset(24.0, 24.0),
                    };
                    let (edit, sel) = clipboard::paste_edit(&self.doc.design, &piece, placement);
                    self.selection = sel;
                    self.queue(edit, "paste", None);
                }
            }
            Command::Duplicate if editing => {
                let piece = clipboard::copy_design(&self.doc.design, &self.selection);
                if !piece.nodes.is_empty() || !piece.containers.is_empty() {
                    let (edit, sel) = clipboard::paste_edit(
                        &self.doc.design,
                        &piece,
                        Placement::Offset(30.0, 30.0),
                    );
                    self.selection = sel;
                    self.queue(edit, "duplicate", None);
                }
            }
            Command::SelectAll if editing => self.selection = Selection::all(&self.doc.design),
            Command::Delete | Command::DeleteAlt if editing && !self.selection.is_empty() => {
                let edit = clipboard::delete_edit(&self.doc.design, &self.selection);
                self.selection.clear();
                self.queue(edit, "delete", None);
            }
            Command::Rename if editing => {
                if let Some(target) = self.selection.single() {
                    self.canvas.begin_rename(&self.doc.design, target);
                }
            }
            Command::Escape => {
                if self.show_help {
                    self.show_help = false;
                } else if self.explain.is_some() {
                    self.explain = None;
                } else if matches!(
                    self.dialog,
                    Some(Dialog::Unsaved { .. })
                        | Some(Dialog::Message { .. })
                        | Some(Dialog::LoadFailed(_))
                ) {
                    self.dialog = None;
                } else if editing && !self.canvas.cancel_gesture() {
                    self.selection.clear();
                }
            }
            Command::ZoomReset => self.canvas.zoom_100(),
            Command::ZoomFit => self.canvas.zoom_to_fit(&self.doc.design),
            Command::ZoomSelection => self
                .canvas
                .zoom_to_selection(&self.doc.design, &self.selection),
            Command::ToggleGrid => {
                self.canvas_options.snap_to_grid = !self.canvas_options.snap_to_grid;
            }
            Command::ShowHelp => self.show_help = !self.show_help,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            _ => {}
        }
    }

    fn after_history(&mut self, mut sel: Selection, what: &str) {
        sel.retain_existing(&self.doc.design);
        self.selection = sel;
        self.doc.refresh();
        self.status = what.to_owned();
    }

    /// Applies this frame's edits as history steps and refreshes the review once.
    fn apply_queued(&mut self, selection_at_start: Selection) {
        let queued = std::mem::take(&mut self.queued);
        let mut changed = false;
        for p in queued {
            changed |= self.doc.apply(
                p.edit,
                &p.label,
                p.merge_key,
                selection_at_start.clone(),
                self.selection.clone(),
            );
        }
        if changed {
            self.selection.retain_existing(&self.doc.design);
            self.doc.refresh();
        }
    }

    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(folders) = &self.folders else { return };
        let now = ctx.input(|i| i.time);
        if !self.doc.is_dirty() {
            self.last_autosave = None;
            return;
        }
        match self.last_autosave {
            None => self.last_autosave = Some(now),
            Some(t) if now - t >= AUTOSAVE_SECONDS => {
                if folders
                    .write_recovery(&self.doc.design, self.doc.path.as_deref())
                    .is_ok()
                {
                    self.status = "Recovery copy written".into();
                }
                self.last_autosave = Some(now);
            }
            Some(_) => {}
        }
        ctx.request_repaint_after(std::time::Duration::from_secs(AUTOSAVE_SECONDS as u64));
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for c in [
                    Command::NewDesign,
                    Command::Open,
                    Command::Save,
                    Command::SaveAs,
                    Command::Export,
                    Command::ShowStart,
                ] {
                    let enabled = c != Command::Export || self.view == View::Editor;
                    self.menu_item(ui, c, enabled);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.recent.is_empty() {
                        ui.weak("No recent files");
                    }
                    for p in self.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.guard(Pending::Open(Some(p)));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, Command::Quit, true);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.doc.history.can_undo();
                let redo = self.doc.history.can_redo();
                let has_sel = !self.selection.is_empty();
                self.menu_item(ui, Command::Undo, undo);
                self.menu_item(ui, Command::Redo, redo);
                ui.separator();
                self.menu_item(ui, Command::Cut, has_sel);
                self.menu_item(ui, Command::Copy, has_sel);
                self.menu_item(ui, Command::Paste, self.clipboard.is_some());
                self.menu_item(ui, Command::Duplicate, has_sel);
                self.menu_item(ui, Command::Delete, has_sel);
                ui.separator();
                self.menu_item(ui, Command::SelectAll, true);
                self.menu_item(ui, Command::Rename, self.selection.len() == 1);
            });
            ui.menu_button("View", |ui| {
                for c in [Command::ZoomReset, Command::ZoomFit, Command::ZoomSelection] {
                    self.menu_item(ui, c, self.view == View::Editor);
                }
                ui.separator();
                ui.checkbox(&mut self.canvas_options.snap_to_grid, "Snap to grid");
                ui.checkbox(&mut self.canvas_options.show_grid, "Show grid");
                ui.checkbox(&mut self.canvas_options.show_minimap, "Minimap");
                ui.checkbox(&mut self.canvas_options.show_findings, "Finding badges");
                ui.checkbox(&mut self.canvas_options.show_capacity, "Capacity overlay");
                ui.separator();
                egui::widgets::global_theme_preference_buttons(ui);
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, Command::ShowHelp, true);
                ui.label(format!("Archway {}", env!("CARGO_PKG_VERSION")));
            });
        });
    }

    fn menu_item(&mut self, ui: &mut Ui, c: Command, enabled: bool) {
        let shortcut = c.shortcut_text(ui.ctx());
        let r = ui
            .add_enabled(
                enabled,
                egui::Button::new(c.label()).shortcut_text(shortcut),
            )
            .on_hover_text(c.tooltip());
        if r.clicked() {
            self.commands.push(c);
            ui.close();
        }
    }

    /// Asks where to export (suggesting an SVG next to the design's name) and writes the
    /// format the chosen file's extension names, in the light or `dark` theme.
    fn export(&mut self, dark: bool) {
        let stem = match &self.doc.path {
            Some(p) => p
                .file_name()
                .map(|n| {
                    n.to_string_lossy()
                        .trim_end_matches(file::EXTENSION)
                        .to_owned()
                })
                .unwrap_or_else(|| "design".to_owned()),
            None => crate::model::ids::slug(&self.doc.display_name()),
        };
        let Some(path) = self.dialogs.pick_export(&format!("{stem}.svg")) else {
            return;
        };
        let options = crate::export::Options {
            theme: if dark {
                crate::export::Theme::Dark
            } else {
                crate::export::Theme::Light
            },
            ..crate::export::Options::default()
        };
        match crate::export::write(&self.doc.design, &path, &options) {
            Ok(files) => {
                self.status = format!(
                    "Exported {}",
                    files
                        .iter()
                        .map(|f| f.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: "Could not export".into(),
                    text: e.to_string(),
                });
            }
        }
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if self.view == View::Start {
                ui.weak("Pick a template, start an empty design, or open a file.");
                if !self.status.is_empty() {
                    ui.separator();
                    ui.weak(&self.status);
                }
                return;
            }
            let r = &self.doc.report;
            for s in [Severity::Error, Severity::Warning, Severity::Info] {
                ui.label(
                    RichText::new(findings::severity_count_text(s, r.count(s)))
                        .color(findings::severity_color(s)),
                );
            }
            ui.separator();
            let profile = &r.profile;
            let next = profile.next.map_or_else(
                || "This is the last stage of the ladder.".to_owned(),
                |n| format!("Next, stage {} ({}): {}", n.number, n.name, n.adds),
            );
            ui.label(format!("Scaling ladder {}", profile.summary()))
                .on_hover_text(format!("Guide section 3.10.\n{next}"));
            ui.separator();
            ui.label(format!(
                "{} components · {} connections",
                self.doc.design.nodes.len(),
                self.doc.design.edges.len()
            ));
            ui.separator();
            if self.view == View::Editor {
                ui.label(format!("{:.0}%", self.canvas.zoom() * 100.0))
                    .on_hover_text("Zoom (Ctrl+0: 100%, Ctrl+Shift+H: fit)");
                ui.separator();
            }
            let state = match (&self.doc.path, self.doc.is_dirty()) {
                (None, _) => "not saved yet",
                (Some(_), true) => "unsaved changes",
                (Some(_), false) => "saved",
            };
            ui.label(state);
            if !self.status.is_empty() {
                ui.separator();
                ui.weak(&self.status);
            }
        });
    }

    fn editor_ui(&mut self, ui: &mut Ui) {
        egui::Panel::left("palette")
            .resizable(true)
            .default_size(200.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.strong("Components");
                if let Some(item) = palette::palette_ui(ui, &mut self.palette) {
                    let c = self.canvas.view_centre_in_canvas();
                    let at = Pos::new(
                        c.x - crate::geometry::NODE_W / 2.0,
                        c.y - crate::geometry::NODE_H / 2.0,
                    );
                    let (edit, target) = canvas::place_edit(&self.doc.design, item, at);
                    self.selection = Selection::only(target);
                    self.queue(edit, format!("add {}", item_name(item)), None);
                }
            });
        egui::Panel::right("side")
            .resizable(true)
            .default_size(330.0)
            .show(ui, |ui| {
                let half = (ui.available_height() * 0.5).max(160.0);
                egui::Panel::top("inspector")
                    .resizable(true)
                    .default_size(half)
                    .show(ui, |ui| {
                        ui.add_space(4.0);
                        if let Some(e) =
                            inspector::inspector_ui(ui, &self.doc.design, &self.selection)
                        {
                            self.queue(e.edit, e.label, Some(e.merge_key));
                        }
                    });
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.add_space(4.0);
                    ui.strong("Findings");
                    if let Some(a) = findings::findings_ui(
                        ui,
                        &mut self.findings,
                        &self.doc.design,
                        &self.doc.report,
                    ) {
                        self.findings_action(a);
                    }
                });
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let input = CanvasInput {
                    design: &self.doc.design,
                    report: &self.doc.report,
                    estimate: &self.doc.estimate,
                    revision: self.doc.revision,
                };
                let responses = canvas::canvas_ui(
                    ui,
                    &mut self.canvas,
                    &self.selection,
                    &input,
                    &self.canvas_options,
                );
                // Fit once the canvas has been laid out (it needs its viewport size).
                if !self.fitted {
                    self.fitted = true;
                    self.canvas.zoom_to_fit(&self.doc.design);
                    ui.ctx().request_repaint();
                }
                for r in responses {
                    match r {
                        CanvasResponse::Edit(e) => self.queue(e, "canvas edit", None),
                        CanvasResponse::SetSelection(s) => self.selection = s,
                        CanvasResponse::Command(c) => self.canvas_command(c),
                    }
                }
                if self.doc.design.nodes.is_empty() && self.doc.design.containers.is_empty() {
                    ui.put(
                        egui::Rect::from_center_size(
                            ui.max_rect().center(),
                            egui::vec2(360.0, 60.0),
                        ),
                        egui::Label::new(
                            RichText::new(
                                "Drag components from the palette, or click one to place it here.",
                            )
                            .weak(),
                        ),
                    );
                }
            });
    }

    fn canvas_command(&mut self, c: CanvasCommand) {
        let cmd = match c {
            CanvasCommand::Rename(t) => {
                self.canvas.begin_rename(&self.doc.design, t);
                return;
            }
            CanvasCommand::Delete => Command::Delete,
            CanvasCommand::Duplicate => Command::Duplicate,
            CanvasCommand::Copy => Command::Copy,
            CanvasCommand::Cut => Command::Cut,
            CanvasCommand::Paste(p) => {
                self.paste_at = Some(p);
                Command::Paste
            }
            CanvasCommand::SelectAll => Command::SelectAll,
            CanvasCommand::ZoomToFit => Command::ZoomFit,
            CanvasCommand::ZoomToSelection => Command::ZoomSelection,
        };
        self.commands.push(cmd);
    }

    fn findings_action(&mut self, a: FindingsAction) {
        match a {
            FindingsAction::Select { nodes, edges } => {
                let mut sel = Selection::of_nodes(nodes);
                sel.edges = edges.into_iter().collect();
                sel.retain_existing(&self.doc.design);
                self.canvas.centre_on(&self.doc.design, &sel);
                self.selection = sel;
            }
            FindingsAction::Explain(rule) => self.explain = Some(rule),
            FindingsAction::Edit { edit, label } => self.queue(*edit, label, None),
        }
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if self.show_help {
            let mut open = true;
            egui::Window::new("Keyboard shortcuts")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, |ui| {
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for &c in Command::ALL {
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
            self.show_help &= open;
        }
        if let Some(rule) = self.explain {
            let mut open = true;
            let (title, text) = findings::explain_text(rule)
                .unwrap_or_else(|| (rule.to_owned(), "No documentation for this rule.".into()));
            egui::Window::new(format!("Explain {rule}"))
                .id(egui::Id::unique("explain_window"))
                .open(&mut open)
                .default_width(520.0)
                .show(ctx, |ui| {
                    ui.heading(title);
                    egui::ScrollArea::vertical()
                        .max_height(480.0)
                        .show(ui, |ui| {
                            ui.label(text);
                        });
                });
            if !open {
                self.explain = None;
            }
        }
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let mut keep = true;
        let mut then_action: Option<Pending> = None;
        let modal = egui::Modal::new(egui::Id::unique("app_dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &dialog {
                Dialog::Unsaved { then } => {
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "“{}” has changes that are not saved.",
                        self.doc.display_name()
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            keep = false;
                            if self.save(false) {
                                then_action = Some(then.clone());
                            }
                        }
                        if ui.button("Discard").clicked() {
                            keep = false;
                            then_action = Some(then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::LoadFailed(e) => {
                    ui.heading("Could not open the design");
                    ui.label("The current design is unchanged.");
                    ui.add_space(6.0);
                    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                        ui.monospace(e.to_string());
                    });
                    if ui.button("OK").clicked() {
                        keep = false;
                    }
                }
                Dialog::Message { title, text } => {
                    ui.heading(title);
                    ui.label(text);
                    if ui.button("OK").clicked() {
                        keep = false;
                    }
                }
                Dialog::Recover(list) => {
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
                                then_action = Some(Pending::Restore(i));
                            }
                            if ui.button("Discard").clicked() {
                                r.discard();
                                keep = false;
                            }
                        });
                    }
                    if ui.button("Not now").clicked() {
                        keep = false;
                    }
                }
            }
        });
        let _ = modal;
        if let Some(Pending::Restore(i)) = then_action {
            self.dialog = Some(dialog);
            self.guard_restore(i);
            return;
        }
        if keep && self.dialog.is_none() {
            self.dialog = Some(dialog);
        }
        if let Some(then) = then_action {
            self.proceed(then);
        }
    }

    fn guard_restore(&mut self, i: usize) {
        // Restoring replaces the current design, which at start-up is empty and clean.
        self.proceed(Pending::Restore(i));
    }
}

fn item_name(item: canvas::PaletteItem) -> &'static str {
    match item {
        canvas::PaletteItem::Node(k) => crate::model::catalog::node_info(k).name,
        canvas::PaletteItem::Container(k) => crate::model::catalog::container_info(k).name,
    }
}

/// Adds the bundled symbol font (`→`, `∈`, `▸`, `●`… which egui's default fonts lack) as the
/// last fallback of every family, so the GUI draws the same glyphs as the image exports and
/// never depends on system fonts. Cheap when already installed; takes effect at once on the
/// first pass.
pub fn install_fonts(ctx: &egui::Context) {
    use crate::export::fonts;
    use egui::{FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        fonts::DEJAVU_SYMBOLS_NAME,
        egui::FontData::from_static(fonts::DEJAVU_SYMBOLS),
        [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect(),
    ));
}

impl eframe::App for ArchwayApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }
}
