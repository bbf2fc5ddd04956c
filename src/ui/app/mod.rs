//! The eframe application: the frame loop and the routing of commands. Each frame the panels
//! and the canvas read the document and return edits; menus, shortcuts and the canvas's context
//! menu queue [`UICommand`]s. At the end of the frame the commands run, each in the module of
//! its family, and the edits are applied through the undo history; the critique and the
//! capacity estimate re-run once (not on frames where nothing changed).
//!
//! The files: `state` (the app's data), `file_dialogs` (asking for files) and
//! `builtin_dialog` (Archway's own file dialog, when the native ones cannot show) first; then one
//! module per command family (`file_commands`, `edit_commands`, `arrange_commands`, `view_commands`,
//! `export_commands`, `review_mode` with its data in `review_state`), crash recovery (`recovery`), the test hook's steps (`script`), the
//! views (`editor`, `bars`, `dialogs`), and this file, which sequences them.

mod arrange_commands;
mod bars;
mod builtin_dialog;
mod dialogs;
mod edit_commands;
mod editor;
mod export_commands;
mod file_commands;
mod file_dialogs;
mod recovery;
mod review_mode;
mod review_state;
mod script;
mod state;
mod view_commands;

pub use file_dialogs::{DIALOGS_ENV, EXPORT_FORMATS, ExportFormat, FileDialogs, NativeDialogs};
pub use review_state::{CompareMode, ComparePrompt, ReviewMode, ReviewState, WhatIfMode};
pub use state::{
    AppOptions, ArchwayApp, Dialog, ExportChoice, FilePurpose, PanelsShown, Pending,
    STATUS_SECONDS, View,
};

use crate::ui::clipboard;
use crate::ui::commands::{CommandFamily, UICommand};
use crate::ui::start::{self, StartAction};
use egui::Ui;

impl ArchwayApp {
    /// Creates the app: opens `options.file` when given (a load error shows in a dialog over
    /// the start view), and offers to restore recovery files left by a crash.
    pub fn new(options: AppOptions) -> Self {
        let AppOptions {
            folders,
            file,
            dialogs,
        } = options;
        let mut app = Self::blank(folders, dialogs);
        if let Some(found) = app
            .folders
            .as_ref()
            .map(crate::ui::files::Folders::orphaned_recoveries)
            .filter(|r| !r.is_empty())
        {
            app.dialog = Some(Dialog::Recover(found));
        }
        if let Some(path) = file {
            app.open_path(&path);
        }
        app
    }

    /// Draws the whole app into `ui` (the root of the window). Public for tests.
    pub fn ui_root(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        install_fonts(&ctx);
        // Ctrl+= / Ctrl+− / Ctrl+0 zoom the canvas (View commands), not the whole interface.
        if ctx.options(|o| o.zoom_with_keyboard) {
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        let selection_at_start = self.selection.clone();
        self.doc.poll_analysis();
        if self.doc.analysing() {
            // Look again soon: the findings show as soon as the review is done.
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        self.handle_close_request(&ctx);
        self.open_dropped(&ctx);
        self.collect_shortcuts(&ctx);
        self.under_modal = self.modal_open();

        self.menu_bottom = egui::Panel::top("menu_bar")
            .show(ui, |ui| {
                self.yield_to_modal(ui);
                self.menu_bar_ui(ui);
            })
            .response
            .rect
            .bottom();
        if !(self.panels.focus && self.view == View::Editor) {
            egui::Panel::bottom("status_bar").show(ui, |ui| {
                self.yield_to_modal(ui);
                self.status_bar_ui(ui);
            });
        }
        match self.view {
            View::Start => {
                egui::CentralPanel::default().show(ui, |ui| {
                    self.yield_to_modal(ui);
                    let back = !self.doc.design.nodes.is_empty() || self.doc.path.is_some();
                    if let Some(a) = start::start_ui(ui, &self.gallery, &self.recent, back) {
                        self.start_action(a);
                    }
                });
            }
            View::Editor => self.editor_ui(ui),
        }
        self.dialogs_ui(&ctx);
        self.export_dialog_ui(&ctx);
        self.builtin_dialog_ui(&ctx);
        self.run_script_step(&ctx);
        self.run_commands(&ctx);
        self.apply_queued(selection_at_start);
        self.autosave(&ctx);
        self.update_title(&ctx);
        self.close_if_allowed(&ctx);
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

    /// A close request with unsaved changes is cancelled and asks first.
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

    /// Closes the window without asking about unsaved changes (a measuring run that edited
    /// the design). The recovery file, if any, is removed as on a normal close.
    pub fn close_discarding_changes(&mut self, ctx: &egui::Context) {
        self.dialog = None;
        self.allow_close = true;
        self.close_if_allowed(ctx);
    }

    /// Closes the window once the user agreed and no dialog is left open.
    fn close_if_allowed(&mut self, ctx: &egui::Context) {
        if self.allow_close && self.dialog.is_none() {
            self.allow_close = false;
            self.quitting = true;
            if let Some(f) = &self.folders {
                f.remove_recovery();
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The window's title: the document's name and save state, or just "Archway" on the start
    /// view while no design has been opened or started.
    pub fn window_title(&self) -> String {
        let nothing_open = self.doc.path.is_none()
            && self.doc.design.nodes.is_empty()
            && self.doc.design.containers.is_empty()
            && !self.doc.is_dirty();
        if self.view == View::Start && nothing_open {
            "Archway".to_owned()
        } else {
            self.doc.window_title()
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    /// Turns key presses and clipboard events into commands (not while typing in a field).
    fn collect_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let modal = self.modal_open();
        // Most specific shortcuts first: Ctrl+Shift+S must not also fire Ctrl+S.
        let mut all: Vec<UICommand> = UICommand::ALL.to_vec();
        all.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                s.modifiers.shift as u8 + s.modifiers.alt as u8 + s.modifiers.command as u8
            }))
        });
        for c in all {
            let Some(s) = c.shortcut() else { continue };
            if (typing && c.yields_to_text_focus()) || (modal && c != UICommand::Escape) {
                continue;
            }
            // An open menu or drop-down closes itself on Escape: leave the key to it.
            if c == UICommand::Escape && egui::Popup::is_any_open(ctx) {
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
                egui::Event::Copy => self.commands.push(UICommand::Copy),
                egui::Event::Cut => self.commands.push(UICommand::Cut),
                egui::Event::Paste(text) if clipboard::parse_text(&text).is_some() => {
                    self.clipboard = Some(text);
                    self.commands.push(UICommand::Paste);
                }
                _ => {}
            }
        }
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for c in commands {
            self.execute(ctx, c);
        }
    }

    /// Routes a command to its family's module.
    fn execute(&mut self, ctx: &egui::Context, c: UICommand) {
        // A review mode shows the design as it is: nothing that would change it runs.
        if self.review.active()
            && matches!(c.family(), CommandFamily::Edit | CommandFamily::Arrange)
            && !matches!(c, UICommand::Copy | UICommand::SelectAll)
        {
            self.status = "Leave the review mode (Esc) to edit the design".to_owned();
            return;
        }
        match c.family() {
            CommandFamily::File => self.file_command(ctx, c),
            CommandFamily::Edit => self.edit_command(ctx, c),
            CommandFamily::View => self.view_command(c),
            CommandFamily::Export => self.export_command(ctx, c),
            CommandFamily::Review => self.review_command(ctx, c),
            CommandFamily::Arrange => self.arrange_command(c),
        }
    }

    /// Applies this frame's edits as history steps and refreshes the review once.
    fn apply_queued(&mut self, selection_at_start: crate::ui::selection::Selection) {
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
}

/// Adds the bundled fallback fonts as the last fallbacks of every family: the symbol font
/// (`→`, `∈`, `▸`, `●`… which egui's default fonts lack), the emoji font the exports use too,
/// and the file dialog's icons. The GUI then draws the same glyphs as the image exports and
/// never depends on system fonts. Cheap when already installed; takes effect at once on the
/// first pass.
pub fn install_fonts(ctx: &egui::Context) {
    /// Name of the emoji fallback (the exports' too) in egui's font definitions.
    const NOTO_EMOJI_NAME: &str = "NotoEmoji-Regular";
    use crate::geometry::text;
    use egui::{FontInsert, FontPriority, InsertFontFamily};
    for (name, data) in [
        (text::DEJAVU_SYMBOLS_NAME, text::DEJAVU_SYMBOLS),
        (NOTO_EMOJI_NAME, text::NOTO_EMOJI),
        (builtin_dialog::ICONS_NAME, builtin_dialog::ICONS),
    ] {
        ctx.add_font(FontInsert::new(
            name,
            egui::FontData::from_static(data),
            [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
                .into_iter()
                .map(|family| InsertFontFamily {
                    family,
                    priority: FontPriority::Lowest,
                })
                .collect(),
        ));
    }
}

impl eframe::App for ArchwayApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }
}
