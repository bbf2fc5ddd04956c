//! Crash-recovery copies of the open design: when this session writes its copy (a few seconds
//! after a change, at most [`RECOVERY_MAX_WAIT_SECONDS`] after the first change not yet copied
//! while editing goes on, and at once when the window loses focus), and restoring a copy a
//! crashed session left (the copy is adopted as this session's own, so it is kept until the
//! design is saved or discarded, and a second crash loses nothing).

use super::state::{ArchwayApp, Dialog};
use crate::ui::files::Recovery;

/// How long the design must stay unchanged before its recovery copy is written.
pub const RECOVERY_QUIET_SECONDS: f64 = 3.0;
/// The longest a change waits for its recovery copy while editing goes on without a pause.
pub const RECOVERY_MAX_WAIT_SECONDS: f64 = 10.0;

/// What the recovery copy holds and when the design changed, in the frame clock's seconds.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct RecoveryClock {
    /// The document revision last seen and when it was first seen.
    seen: Option<(u64, f64)>,
    /// The revision the recovery copy holds (`None`: no copy of this document).
    written: Option<u64>,
    /// When the first change not yet in the copy was seen.
    pending_since: Option<f64>,
    /// Whether the window had the focus on the previous frame.
    focused: Option<bool>,
}

impl RecoveryClock {
    /// Notes that the copy holds `revision` (written, or adopted on restore).
    fn copied(&mut self, revision: u64) {
        self.written = Some(revision);
        self.pending_since = None;
    }
}

impl ArchwayApp {
    /// Writes the recovery copy of a dirty design when it is due: after
    /// [`RECOVERY_QUIET_SECONDS`] without a change, [`RECOVERY_MAX_WAIT_SECONDS`] after the
    /// first change not yet copied, or at once when the window loses the focus.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let (now, focused) = ctx.input(|i| (i.time, i.viewport().focused));
        let clock = &mut self.recovery_clock;
        let lost_focus = clock.focused == Some(true) && focused == Some(false);
        clock.focused = focused;
        let Some(folders) = &self.folders else { return };
        if !self.doc.is_dirty() {
            clock.pending_since = None;
            return;
        }
        let revision = self.doc.revision;
        if clock.written == Some(revision) {
            return;
        }
        if clock.seen.map(|(r, _)| r) != Some(revision) {
            clock.seen = Some((revision, now));
        }
        let changed_at = clock.seen.map_or(now, |(_, t)| t);
        let since = *clock.pending_since.get_or_insert(changed_at);
        let quiet = now - changed_at;
        let waited = now - since;
        if lost_focus || quiet >= RECOVERY_QUIET_SECONDS || waited >= RECOVERY_MAX_WAIT_SECONDS {
            match folders.write_recovery(&self.doc.design, self.doc.path.as_deref()) {
                Ok(()) => {
                    clock.copied(revision);
                    self.status = "Recovery copy written".into();
                }
                // Tried again on the next change or after the longest wait.
                Err(_) => clock.pending_since = Some(now),
            }
        } else {
            let wait = (RECOVERY_QUIET_SECONDS - quiet).min(RECOVERY_MAX_WAIT_SECONDS - waited);
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.05)));
        }
    }

    /// Forgets what the recovery copy held (a new document was opened or created).
    pub(super) fn reset_recovery_clock(&mut self) {
        let focused = self.recovery_clock.focused;
        self.recovery_clock = RecoveryClock {
            focused,
            ..RecoveryClock::default()
        };
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
