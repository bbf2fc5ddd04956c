//! A test hook for process-level tests: `ARCHWAY_TEST_SCRIPT` lists steps the editor carries
//! out on its first frames, one a frame, so a test can edit the real window (under Xvfb there
//! is no window manager to give it the keyboard) and then kill the process. Steps are
//! separated by `;`: `restore` restores the newest recovery copy offered, `place:KIND` places
//! a node of that kind (its key in files, `sql_db`) as one undo step.

use crate::model::NodeKind;

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
