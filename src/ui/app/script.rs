//! A test hook for process-level tests: `ARCHWAY_TEST_SCRIPT` lists steps the editor carries
//! out on its first frames, one a frame, so a test can edit the real window (under Xvfb there
//! is no window manager to give it the keyboard) and then kill the process. Steps are
//! separated by `;`: `restore` restores the newest recovery copy offered, `place:KIND` places
//! a node of that kind (its key in files, `sql_db`) as one undo step.

use super::state::{ArchwayApp, Dialog, View};
use crate::model::{NodeKind, Pos};
use crate::ui::canvas::{PaletteItem, place_edit};

/// The environment variable read by [`crate::ui::run`].
pub const SCRIPT_VAR: &str = "ARCHWAY_TEST_SCRIPT";

/// One step of a test script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptStep {
    /// Restore the newest recovery copy the start offered (nothing when none was).
    Restore,
    /// Place a node of this kind to the right of the others.
    Place(NodeKind),
}

/// Reads a script such as `restore;place:cache`.
pub fn parse_script(text: &str) -> Result<Vec<ScriptStep>, String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|step| match step.split_once(':') {
            None if step == "restore" => Ok(ScriptStep::Restore),
            Some(("place", key)) => NodeKind::ALL
                .iter()
                .find(|k| k.key() == key)
                .map(|k| ScriptStep::Place(*k))
                .ok_or_else(|| format!("no component kind `{key}`")),
            _ => Err(format!("unknown step `{step}` (restore, place:KIND)")),
        })
        .collect()
}

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
