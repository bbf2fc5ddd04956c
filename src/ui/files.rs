//! Where the editor keeps its own files: the recent-files list and crash-recovery copies, in the
//! user's config and data folders (via `directories`). `ARCHWAY_CONFIG_DIR` overrides both
//! (tests use a temporary folder).

use crate::model::{Design, file};
use std::path::{Path, PathBuf};

/// How long the design must stay unchanged before its recovery copy is written.
pub const RECOVERY_QUIET_SECONDS: f64 = 3.0;
/// The longest a change waits for its recovery copy while editing goes on without a pause.
pub const RECOVERY_MAX_WAIT_SECONDS: f64 = 10.0;

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

/// The editor's folders.
#[derive(Clone, Debug)]
pub struct Folders {
    /// Holds `recent.txt`.
    pub config: PathBuf,
    /// Holds `recovery-<pid>.archway.ron` files.
    pub data: PathBuf,
}

impl Folders {
    /// The user's folders, or `ARCHWAY_CONFIG_DIR` when set. `None` when the platform has no
    /// home folder (then nothing is remembered).
    pub fn user() -> Option<Self> {
        if let Some(dir) = std::env::var_os("ARCHWAY_CONFIG_DIR") {
            let dir = PathBuf::from(dir);
            return Some(Self {
                config: dir.clone(),
                data: dir,
            });
        }
        let dirs = directories::ProjectDirs::from("", "", "archway")?;
        Some(Self {
            config: dirs.config_dir().to_owned(),
            data: dirs.data_dir().to_owned(),
        })
    }

    /// Folders rooted at `dir` (tests).
    pub fn at(dir: &Path) -> Self {
        Self {
            config: dir.to_owned(),
            data: dir.to_owned(),
        }
    }

    fn recent_path(&self) -> PathBuf {
        self.config.join("recent.txt")
    }

    /// The recent files, newest first (missing files are kept; the start view greys them).
    pub fn load_recent(&self) -> Vec<PathBuf> {
        std::fs::read_to_string(self.recent_path())
            .map(|text| {
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(PathBuf::from)
                    .take(MAX_RECENT)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Puts `path` first in the recent list and saves it. Errors are ignored: a lost recent
    /// list must never stop the user's work.
    pub fn push_recent(&self, path: &Path) -> Vec<PathBuf> {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let mut list = self.load_recent();
        list.retain(|p| p != &path);
        list.insert(0, path);
        list.truncate(MAX_RECENT);
        let text: String = list.iter().map(|p| format!("{}\n", p.display())).collect();
        let _ = std::fs::create_dir_all(&self.config);
        let _ = file::write_atomic(&self.recent_path(), text.as_bytes());
        list
    }

    /// This process's recovery file.
    pub fn recovery_path(&self) -> PathBuf {
        self.data
            .join(format!("recovery-{}.archway.ron", std::process::id()))
    }

    /// Writes the recovery copy of a dirty design, with the file it belongs to in a comment on
    /// the first line.
    pub fn write_recovery(&self, design: &Design, origin: Option<&Path>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.data)?;
        let header = match origin {
            Some(p) => format!("// origin: {}\n", p.display()),
            None => "// origin:\n".to_owned(),
        };
        let text = format!("{header}{}", file::to_string(design));
        file::write_atomic(&self.recovery_path(), text.as_bytes())
            .map_err(|e| std::io::Error::other(e.to_string()))
    }

    /// Makes the copy `r` a crashed session left this process's own recovery copy (renamed, so
    /// it is never missing for a moment), to be kept until the design is saved or discarded.
    pub fn adopt_recovery(&self, r: &Recovery) -> std::io::Result<()> {
        let own = self.recovery_path();
        if r.path == own {
            return Ok(());
        }
        std::fs::create_dir_all(&self.data)?;
        if std::fs::rename(&r.path, &own).is_ok() {
            return Ok(());
        }
        // Another file system: write this session's copy first, then drop the old one.
        file::write_atomic(&own, r.text.as_bytes())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        r.discard();
        Ok(())
    }

    /// Deletes this process's recovery file (after a save, or on a clean exit).
    pub fn remove_recovery(&self) {
        let _ = std::fs::remove_file(self.recovery_path());
    }

    /// Recovery files left by processes that are no longer running (a crash or a kill).
    pub fn orphaned_recoveries(&self) -> Vec<Recovery> {
        let Ok(entries) = std::fs::read_dir(&self.data) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(pid) = name
                .strip_prefix("recovery-")
                .and_then(|r| r.strip_suffix(".archway.ron"))
                .and_then(|p| p.parse::<u32>().ok())
            else {
                continue;
            };
            if pid == std::process::id() || process_is_running(pid) {
                continue;
            }
            // Bounded and never blocking, as every design file is read.
            let Ok(text) = file::read_design_text(&path) else {
                continue;
            };
            let origin = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("// origin:"))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(PathBuf::from);
            let modified = entry.metadata().and_then(|m| m.modified()).ok();
            out.push(Recovery {
                path,
                origin,
                text,
                modified,
            });
        }
        out.sort_by_key(|r| std::cmp::Reverse(r.modified));
        out
    }
}

/// A recovery copy left behind by a crashed session.
#[derive(Clone, Debug)]
pub struct Recovery {
    /// The recovery file.
    pub path: PathBuf,
    /// The design file it was a copy of (`None`: never saved).
    pub origin: Option<PathBuf>,
    /// Its text.
    pub text: String,
    pub modified: Option<std::time::SystemTime>,
}

impl Recovery {
    /// The recovered design, or the load problems.
    pub fn design(&self) -> Result<Design, crate::model::LoadError> {
        let body = self
            .text
            .split_once('\n')
            .map_or(self.text.as_str(), |(_, b)| b);
        file::parse(body).map_err(|problems| crate::model::LoadError {
            file: Some(self.path.clone()),
            problems,
        })
    }

    /// Deletes the recovery file (restored or declined).
    pub fn discard(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// When this session's recovery copy is due: [`RECOVERY_QUIET_SECONDS`] after the design last
/// changed, [`RECOVERY_MAX_WAIT_SECONDS`] after the first change not yet copied while editing
/// goes on, or at once when the window loses the focus. Times are the frame clock's seconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct RecoveryClock {
    /// The document revision last seen and when it was first seen.
    seen: Option<(u64, f64)>,
    /// The revision the recovery copy holds (`None`: no copy of this document).
    written: Option<u64>,
    /// When the first change not yet in the copy was seen.
    pending_since: Option<f64>,
    /// Whether the window had the focus on the previous frame.
    focused: Option<bool>,
}

/// What [`RecoveryClock::poll`] says to do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RecoveryDue {
    /// Nothing to copy (the design is saved, or the copy is current).
    Nothing,
    /// Write the copy now.
    Now,
    /// Look again after this many seconds.
    After(f64),
}

impl RecoveryClock {
    /// Notes this frame (`now`, the window's focus, whether the design has unsaved changes,
    /// its revision) and says whether the copy is due.
    pub fn poll(
        &mut self,
        now: f64,
        focused: Option<bool>,
        dirty: bool,
        revision: u64,
    ) -> RecoveryDue {
        let lost_focus = self.focused == Some(true) && focused == Some(false);
        self.focused = focused;
        if !dirty {
            self.pending_since = None;
            return RecoveryDue::Nothing;
        }
        if self.written == Some(revision) {
            return RecoveryDue::Nothing;
        }
        if self.seen.map(|(r, _)| r) != Some(revision) {
            self.seen = Some((revision, now));
        }
        let changed_at = self.seen.map_or(now, |(_, t)| t);
        let since = *self.pending_since.get_or_insert(changed_at);
        let quiet = now - changed_at;
        let waited = now - since;
        if lost_focus || quiet >= RECOVERY_QUIET_SECONDS || waited >= RECOVERY_MAX_WAIT_SECONDS {
            RecoveryDue::Now
        } else {
            RecoveryDue::After(
                (RECOVERY_QUIET_SECONDS - quiet).min(RECOVERY_MAX_WAIT_SECONDS - waited),
            )
        }
    }

    /// Notes that the copy holds `revision` (written, or adopted on restore).
    pub fn copied(&mut self, revision: u64) {
        self.written = Some(revision);
        self.pending_since = None;
    }

    /// Notes that writing the copy failed at `now`: it is tried again after the longest wait
    /// or on the next change.
    pub fn failed(&mut self, now: f64) {
        self.pending_since = Some(now);
    }

    /// Forgets the copy (another document was opened or created); the focus is kept.
    pub fn reset(&mut self) {
        *self = Self {
            focused: self.focused,
            ..Self::default()
        };
    }
}

/// Whether a process with this id is running (Linux: `/proc`; elsewhere assume not, so a
/// recovery is always offered).
fn process_is_running(pid: u32) -> bool {
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_newest_first_without_duplicates() {
        let dir = tempfile::tempdir().expect("temp dir");
        let f = Folders::at(dir.path());
        let a = dir.path().join("a.archway.ron");
        let b = dir.path().join("b.archway.ron");
        f.push_recent(&a);
        f.push_recent(&b);
        let list = f.push_recent(&a);
        assert_eq!(list, vec![a.clone(), b.clone()]);
        assert_eq!(f.load_recent(), vec![a, b]);
    }

    #[test]
    fn the_recovery_copy_is_due_after_a_pause_a_long_burst_or_a_focus_loss() {
        let mut c = RecoveryClock::default();
        assert_eq!(c.poll(0.0, Some(true), false, 1), RecoveryDue::Nothing);
        assert_eq!(c.poll(1.0, Some(true), true, 2), RecoveryDue::After(3.0));
        assert_eq!(c.poll(3.5, Some(true), true, 2), RecoveryDue::After(0.5));
        assert_eq!(c.poll(4.0, Some(true), true, 2), RecoveryDue::Now);
        c.copied(2);
        assert_eq!(c.poll(5.0, Some(true), true, 2), RecoveryDue::Nothing);
        // A change every 2 s never pauses for 3 s: copied 10 s after the first one.
        let mut due = None;
        for (i, rev) in (3..20).enumerate() {
            let now = 10.0 + 2.0 * i as f64;
            if c.poll(now, Some(true), true, rev) == RecoveryDue::Now {
                due = Some(now);
                break;
            }
        }
        assert_eq!(due, Some(20.0));
        c.copied(8);
        // Losing the focus writes a pending change at once.
        assert!(matches!(
            c.poll(21.0, Some(true), true, 9),
            RecoveryDue::After(_)
        ));
        assert_eq!(c.poll(21.1, Some(false), true, 9), RecoveryDue::Now);
    }

    #[test]
    fn recovery_of_a_dead_process_is_offered() {
        let dir = tempfile::tempdir().expect("temp dir");
        let f = Folders::at(dir.path());
        let design = crate::model::synthetic::design(4);
        // A pid that cannot be running.
        let text = format!(
            "// origin: /tmp/x.archway.ron\n{}",
            file::to_string(&design)
        );
        std::fs::write(dir.path().join("recovery-4000000000.archway.ron"), text).expect("write");
        f.write_recovery(&design, None).expect("own recovery");
        let found = f.orphaned_recoveries();
        assert_eq!(found.len(), 1, "own recovery file is not offered");
        assert_eq!(
            found[0].origin.as_deref(),
            Some(Path::new("/tmp/x.archway.ron"))
        );
        assert_eq!(found[0].design().expect("parses"), design);
    }
}
