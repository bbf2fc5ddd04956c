//! Where the editor keeps its own files: the recent-files list and crash-recovery copies, in the
//! user's config and data folders (via `directories`). `ARCHWAY_CONFIG_DIR` overrides both
//! (tests use a temporary folder).

use crate::model::{Design, file};
use std::path::{Path, PathBuf};

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
