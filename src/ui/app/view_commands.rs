//! The View family: zoom (in, out, 100 %, fit, selection), snap to grid, the shortcut overlay,
//! the rule browser, and Escape, which closes the innermost thing open (help, rule explanation,
//! the rule browser, a dialog, a gesture) before it clears the selection.

use super::state::{ArchwayApp, Dialog};
use crate::ui::commands::UICommand;

impl ArchwayApp {
    /// Carries out a command of the View family.
    pub(super) fn view_command(&mut self, c: UICommand) {
        match c {
            UICommand::Escape => self.escape(),
            UICommand::ZoomIn | UICommand::ZoomInAlt => self.canvas.zoom_step(1),
            UICommand::ZoomOut => self.canvas.zoom_step(-1),
            UICommand::ZoomReset => self.canvas.zoom_100(),
            UICommand::ZoomFit | UICommand::ZoomFitAlt => self.canvas.zoom_to_fit(&self.doc.design),
            UICommand::ZoomSelection => self
                .canvas
                .zoom_to_selection(&self.doc.design, &self.selection),
            UICommand::ToggleGrid => {
                self.canvas_options.snap_to_grid = !self.canvas_options.snap_to_grid;
            }
            UICommand::ShowHelp => self.show_help = !self.show_help,
            UICommand::TogglePalette => {
                self.panels.focus = false;
                self.panels.palette = !self.panels.palette;
            }
            UICommand::ToggleSidePanel => {
                self.panels.focus = false;
                self.panels.side = !self.panels.side;
            }
            UICommand::FocusMode => self.panels.focus = !self.panels.focus,
            UICommand::CapacityView => {
                self.canvas_options.show_capacity = !self.canvas_options.show_capacity;
            }
            UICommand::ShowRules => {
                self.rule_browser = match self.rule_browser.take() {
                    Some(_) => None,
                    None => Some(Default::default()),
                };
            }
            _ => {}
        }
    }

    fn escape(&mut self) {
        if self.file_dialog.is_some() {
            self.file_dialog = None;
        } else if self.export_dialog.is_some() {
            self.export_dialog = None;
        } else if self.show_help {
            self.show_help = false;
        } else if self.explain.is_some() {
            self.explain = None;
        } else if self.rule_browser.is_some() {
            self.rule_browser = None;
        } else if matches!(
            self.dialog,
            Some(Dialog::Unsaved { .. })
                | Some(Dialog::Message { .. })
                | Some(Dialog::LoadFailed(_))
        ) {
            self.dialog = None;
        } else if self.review.prompt.is_some() {
            self.review.prompt = None;
        } else if self.review.active() {
            self.leave_review();
        } else if self.editing() && self.canvas.cancel_gesture() {
        } else if self.panels.focus {
            self.panels.focus = false;
        } else if self.editing() {
            self.selection.clear();
        }
    }
}
