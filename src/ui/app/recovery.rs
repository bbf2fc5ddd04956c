//! Crash-recovery copies of the open design: writing this session's copy when
//! [`crate::ui::files::RecoveryClock`] says it is due (a few seconds after a change, at most
//! 10 s after the first change not yet copied while editing goes on, at once when the window
//! loses focus), and restoring a copy a crashed session left (the copy is adopted as this
//! session's own, so it is kept until the design is saved or discarded, and a second crash
//! loses nothing).

use super::state::{ArchwayApp, Dialog};
use crate::ui::files::{Recovery, RecoveryDue};

impl ArchwayApp {
    /// Writes the recovery copy of a dirty design when [`crate::ui::files::RecoveryClock`] says
    /// it is due.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let (now, focused) = ctx.input(|i| (i.time, i.viewport().focused));
        let revision = self.doc.revision;
        let due = self
            .recovery_clock
            .poll(now, focused, self.doc.is_dirty(), revision);
        let Some(folders) = &self.folders else { return };
        match due {
            RecoveryDue::Nothing => {}
            RecoveryDue::After(wait) => {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.05)));
            }
            RecoveryDue::Now => {
                match folders.write_recovery(&self.doc.design, self.doc.path.as_deref()) {
                    Ok(()) => {
                        self.recovery_clock.copied(revision);
                        self.status = "Recovery copy written".into();
                    }
                    Err(_) => self.recovery_clock.failed(now),
                }
            }
        }
    }

    /// Forgets what the recovery copy held (a new document was opened or created).
    pub(super) fn reset_recovery_clock(&mut self) {
        self.recovery_clock.reset();
    }

    /// Restores a copy a crashed session left: the design becomes the document (unsaved), and
    /// the copy becomes this session's own recovery copy instead of being deleted, so a second
    /// crash before saving loses nothing.
    pub(super) fn restore(&mut self, r: &Recovery) {
        match r.design() {
            Ok(design) => {
                self.set_document(design, r.origin.clone());
                // The restored state is not what is in the file: keep it dirty.
                self.doc.history.mark_unsaved();
                if let Some(f) = &self.folders
                    && f.adopt_recovery(r).is_ok()
                {
                    self.recovery_clock.copied(self.doc.revision);
                }
                self.status = "Restored from the recovery copy (kept until you save)".into();
                self.dialog = None;
            }
            Err(e) => self.dialog = Some(Dialog::LoadFailed(e)),
        }
    }
}
