//! Carrying out a test script ([`crate::ui::script`]) on the editor's first frames, one step a
//! frame.

use super::state::{ArchwayApp, Dialog, View};
use crate::model::Pos;
use crate::ui::canvas::{PaletteItem, place_edit};
use crate::ui::script::ScriptStep;

impl ArchwayApp {
    /// The app, with `steps` to carry out on its first frames.
    pub fn with_script(mut self, steps: Vec<ScriptStep>) -> Self {
        self.script = steps.into();
        self
    }

    /// Carries out the next step of the script, if any, and asks for another frame.
    pub(super) fn run_script_step(&mut self, ctx: &egui::Context) {
        let Some(step) = self.script.pop_front() else {
            return;
        };
        match step {
            ScriptStep::Restore => {
                if let Some(Dialog::Recover(list)) = &self.dialog
                    && let Some(r) = list.first().cloned()
                {
                    self.restore(&r);
                }
            }
            ScriptStep::Place(kind) => {
                self.view = View::Editor;
                let x = 100.0 + 200.0 * self.doc.design.nodes.len() as f32;
                let (edit, _) = place_edit(
                    &self.doc.design,
                    PaletteItem::Node(kind),
                    Pos::new(x, 100.0),
                );
                self.submit(edit, "place");
            }
        }
        ctx.request_repaint();
    }
}
