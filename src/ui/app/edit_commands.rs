//! The Edit family: undo and redo, copy, cut, paste (at the pointer or the context menu's
//! place), duplicate, select all, delete, rename and auto-layout. Everything that changes the design is
//! queued as an edit and applied at the end of the frame, so it is one undo step.

use super::state::ArchwayApp;
use crate::geometry::layout::{self, Direction, LayoutScope};
use crate::model::Edit;
use crate::ui::clipboard::{self, Placement};
use crate::ui::commands::UICommand;
use crate::ui::selection::Selection;

impl ArchwayApp {
    /// Carries out a command of the Edit family. Undo and redo work anywhere; the rest act on
    /// the canvas selection, so only in the editor.
    pub(super) fn edit_command(&mut self, ctx: &egui::Context, c: UICommand) {
        let editing = self.editing();
        match c {
            UICommand::Undo => self.undo(),
            UICommand::Redo | UICommand::RedoAlt => self.redo(),
            UICommand::Copy | UICommand::Cut if editing => self.copy(ctx, c == UICommand::Cut),
            UICommand::Paste if editing => self.paste(),
            UICommand::Duplicate if editing => self.duplicate(),
            UICommand::SelectAll if editing => self.selection = Selection::all(&self.doc.design),
            UICommand::Delete | UICommand::DeleteAlt if editing => self.delete(),
            UICommand::Rename if editing => {
                if let Some(target) = self.selection.single() {
                    self.canvas.begin_rename(&self.doc.design, target);
                }
            }
            UICommand::AutoLayout if editing => self.auto_layout(),
            _ => {}
        }
    }

    /// Lays out the selected nodes and containers, or the whole design when none is
    /// selected, as one undo step.
    fn auto_layout(&mut self) {
        let scope = if self.selection.nodes.is_empty() && self.selection.containers.is_empty() {
            LayoutScope::Design
        } else {
            LayoutScope::Selection {
                nodes: self.selection.nodes.clone(),
                containers: self.selection.containers.clone(),
            }
        };
        let edit = layout::auto_layout(&self.doc.design, &scope, Direction::LeftToRight);
        if matches!(&edit, Edit::Batch(b) if b.is_empty()) {
            self.status = "Auto-layout: nothing to move".to_owned();
            return;
        }
        self.queue(edit, "auto-layout", None);
    }

    fn undo(&mut self) {
        if let Some(sel) = self.doc.history.undo(&mut self.doc.design) {
            self.after_history(sel, "Undone");
        }
    }

    fn redo(&mut self) {
        if let Some(sel) = self.doc.history.redo(&mut self.doc.design) {
            self.after_history(sel, "Redone");
        }
    }

    /// After undo or redo: the selection of that step (what still exists) and a fresh review.
    fn after_history(&mut self, mut sel: Selection, what: &str) {
        sel.retain_existing(&self.doc.design);
        self.selection = sel;
        self.doc.refresh();
        self.status = what.to_owned();
    }

    /// Copies the selection as design text (to the system clipboard too); `cut` also deletes it.
    fn copy(&mut self, ctx: &egui::Context, cut: bool) {
        let Some(text) = clipboard::copy_text(&self.doc.design, &self.selection) else {
            return;
        };
        ctx.copy_text(text.clone());
        self.clipboard = Some(text);
        self.status = format!(
            "Copied {} element(s)",
            crate::capacity::format::thousands(self.selection.len() as f64)
        );
        if cut {
            let edit = clipboard::delete_edit(&self.selection);
            self.selection.clear();
            self.queue(edit, "cut", None);
        }
    }

    /// Pastes the copied piece at the context menu's place, else at the pointer, else next to
    /// the originals; the pasted elements become the selection.
    fn paste(&mut self) {
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

    /// Copies the selection next to itself and selects the copy.
    fn duplicate(&mut self) {
        let piece = clipboard::copy_design(&self.doc.design, &self.selection);
        if !piece.nodes.is_empty() || !piece.containers.is_empty() {
            let (edit, sel) =
                clipboard::paste_edit(&self.doc.design, &piece, Placement::Offset(30.0, 30.0));
            self.selection = sel;
            self.queue(edit, "duplicate", None);
        }
    }

    fn delete(&mut self) {
        if self.selection.is_empty() {
            return;
        }
        let edit = clipboard::delete_edit(&self.selection);
        self.selection.clear();
        self.queue(edit, "delete", None);
    }
}
