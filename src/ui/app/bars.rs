//! The menu bar (File, Edit, Arrange, View, Help, every item a [`UICommand`] with its shortcut and
//! tooltip) and the status bar (finding counts, the scaling ladder, size, zoom, save state).

use super::state::{ArchwayApp, Pending, STATUS_SECONDS, View};
use crate::capacity::format::thousands;
use crate::critique::Severity;
use crate::ui::commands::UICommand;
use crate::ui::panels::findings;
use egui::{RichText, Ui};

impl ArchwayApp {
    /// The menu bar: File, Edit, Arrange, View, Help.
    pub(super) fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| self.file_menu_ui(ui));
            ui.menu_button("Edit", |ui| self.edit_menu_ui(ui));
            ui.menu_button("Arrange", |ui| self.arrange_menu_ui(ui));
            ui.menu_button("View", |ui| self.view_menu_ui(ui));
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, UICommand::ShowHelp, true);
                self.menu_item(ui, UICommand::ShowRules, true);
                ui.label(format!("Archway {}", env!("CARGO_PKG_VERSION")));
            });
            self.review_toggles_ui(ui);
        });
    }

    fn file_menu_ui(&mut self, ui: &mut Ui) {
        for c in [
            UICommand::NewDesign,
            UICommand::Open,
            UICommand::Save,
            UICommand::SaveAs,
            UICommand::Export,
            UICommand::ShowStart,
        ] {
            let enabled = c != UICommand::Export || self.view == View::Editor;
            self.menu_item(ui, c, enabled);
        }
        self.menu_item(ui, UICommand::CompareWith, self.view == View::Editor);
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
        self.menu_item(ui, UICommand::Quit, true);
    }

    fn edit_menu_ui(&mut self, ui: &mut Ui) {
        let undo = self.doc.history.can_undo();
        let redo = self.doc.history.can_redo();
        let has_sel = !self.selection.is_empty();
        self.menu_item(ui, UICommand::Undo, undo);
        self.menu_item(ui, UICommand::Redo, redo);
        ui.separator();
        self.menu_item(ui, UICommand::Cut, has_sel);
        self.menu_item(ui, UICommand::Copy, has_sel);
        self.menu_item(ui, UICommand::Paste, self.clipboard.is_some());
        self.menu_item(ui, UICommand::Duplicate, has_sel);
        self.menu_item(ui, UICommand::Delete, has_sel);
        ui.separator();
        self.menu_item(ui, UICommand::SelectAll, true);
        self.menu_item(ui, UICommand::Rename, self.selection.len() == 1);
    }

    /// Align, distribute, size, stack order, group and lock, then auto-layout (also the
    /// canvas's context menu, through [`crate::ui::commands::ARRANGE_MENU`]).
    fn arrange_menu_ui(&mut self, ui: &mut Ui) {
        let editing = self.editing();
        let has_sel = editing && !self.selection.is_empty();
        for group in crate::ui::commands::ARRANGE_MENU {
            for &c in *group {
                self.menu_item(ui, c, has_sel);
            }
            ui.separator();
        }
        let has_design = !self.doc.design.nodes.is_empty();
        self.menu_item(ui, UICommand::AutoLayout, editing && has_design);
    }

    fn view_menu_ui(&mut self, ui: &mut Ui) {
        for c in [
            UICommand::ZoomReset,
            UICommand::ZoomFit,
            UICommand::ZoomSelection,
        ] {
            self.menu_item(ui, c, self.view == View::Editor);
        }
        ui.separator();
        self.menu_toggle(ui, UICommand::TogglePalette, self.panels.palette_visible());
        self.menu_toggle(ui, UICommand::ToggleSidePanel, self.panels.side_visible());
        self.menu_toggle(ui, UICommand::FocusMode, self.panels.focus);
        ui.separator();
        self.menu_item(ui, UICommand::WhatIfMode, self.view == View::Editor);
        self.menu_toggle(
            ui,
            UICommand::CapacityView,
            self.canvas_options.show_capacity,
        );
        ui.separator();
        self.menu_toggle(ui, UICommand::ToggleGrid, self.canvas_options.snap_to_grid);
        let options = &mut self.canvas_options;
        menu_option(ui, &mut options.show_grid, "Show grid");
        menu_option(ui, &mut options.show_minimap, "Minimap");
        menu_option(ui, &mut options.show_findings, "Finding badges");
        ui.separator();
        theme_choice_ui(ui);
    }

    /// A menu item that turns something on or off, ticked while it is on.
    fn menu_toggle(&mut self, ui: &mut Ui, c: UICommand, on: bool) {
        let shortcut = c.shortcut_text(ui.ctx());
        let text = format!("{} {}", if on { "✔" } else { "  " }, c.label());
        let r = ui
            .add(egui::Button::new(text).shortcut_text(shortcut))
            .on_hover_text(c.tooltip());
        if r.clicked() {
            self.commands.push(c);
            ui.close();
        }
    }

    fn menu_item(&mut self, ui: &mut Ui, c: UICommand, enabled: bool) {
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

    /// Clears the status message once it has been on screen for [`STATUS_SECONDS`], and asks
    /// for a repaint then, so it goes away on an idle window too.
    fn expire_status(&mut self, ctx: &egui::Context) {
        if self.status.is_empty() {
            self.status_shown = None;
            return;
        }
        let now = ctx.input(|i| i.time);
        let since = match &self.status_shown {
            Some((text, since)) if *text == self.status => *since,
            _ => {
                self.status_shown = Some((self.status.clone(), now));
                now
            }
        };
        let left = STATUS_SECONDS - (now - since);
        if left <= 0.0 {
            self.status.clear();
            self.status_shown = None;
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
        }
    }

    /// The status bar; on the start view only a hint and the last message.
    pub(super) fn status_bar_ui(&mut self, ui: &mut Ui) {
        self.expire_status(ui.ctx());
        ui.horizontal(|ui| {
            if self.view == View::Start {
                ui.weak("Pick a template, start an empty design, or open a file.");
                if !self.status.is_empty() {
                    ui.separator();
                    ui.weak(&self.status);
                }
                return;
            }
            self.review_status_ui(ui);
            ui.label(format!(
                "{} components · {} connections",
                thousands(self.doc.design.nodes.len() as f64),
                thousands(self.doc.design.edges.len() as f64)
            ));
            ui.separator();
            if self.view == View::Editor {
                self.zoom_controls_ui(ui);
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

    /// The canvas zoom: out, the level (a click goes back to 100 %), in, and fit; each
    /// button runs the command its shortcut runs.
    fn zoom_controls_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let button = |ui: &mut Ui, text: String, c: UICommand, tip: &str| {
            let tip = format!("{tip} ({})", c.shortcut_text(&ctx));
            ui.add(egui::Button::new(text).small().frame(false))
                .on_hover_text(tip)
                .clicked()
                .then_some(c)
        };
        let level = format!("{:.0} %", self.canvas.zoom() * 100.0);
        let clicked = [
            button(ui, "−".into(), UICommand::ZoomOut, "Zoom out"),
            button(
                ui,
                level,
                UICommand::ZoomReset,
                "Canvas zoom; click for 100 %",
            ),
            button(ui, "+".into(), UICommand::ZoomIn, "Zoom in"),
            button(ui, "Fit".into(), UICommand::ZoomFit, "Fit the design"),
        ];
        self.commands.extend(clicked.into_iter().flatten());
    }

    /// Finding counts by severity and the design's stage on the scaling ladder (guide §3.10).
    fn review_status_ui(&self, ui: &mut Ui) {
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
    }
}

/// A canvas option in a menu, ticked like [`ArchwayApp::menu_toggle`]'s items so the menu
/// reads as one list; a click flips it.
fn menu_option(ui: &mut Ui, on: &mut bool, label: &str) {
    let text = format!("{} {label}", if *on { "✔" } else { "  " });
    if ui.button(text).clicked() {
        *on = !*on;
    }
}

/// The theme choice in words (egui's own buttons are emoji the bundled fonts lack, drawn as
/// empty boxes): Follow system, Light, Dark.
fn theme_choice_ui(ui: &mut Ui) {
    use egui::ThemePreference;
    let current = ui.ctx().options(|o| o.theme_preference);
    ui.label("Theme");
    ui.horizontal(|ui| {
        for (pref, text, tip) in [
            (
                ThemePreference::System,
                "System",
                "Follow the system's light or dark setting",
            ),
            (ThemePreference::Light, "Light", "Light theme"),
            (ThemePreference::Dark, "Dark", "Dark theme"),
        ] {
            if ui
                .selectable_label(current == pref, text)
                .on_hover_text(tip)
                .clicked()
            {
                ui.ctx().set_theme(pref);
            }
        }
    });
}
