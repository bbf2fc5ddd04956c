//! Where a version of a design comes from: a file, or `REV:PATH` read from git with the `git`
//! on `PATH` (`git show REV:./FILE`, run in the file's folder so it finds the file's repository).

use crate::model::file::{self, MAX_FILE_BYTES, Problem};
use crate::model::{Design, text::terminal_safe};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One side of a comparison as the user named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Side {
    /// A design file.
    File(PathBuf),
    /// A file as it was in a git revision: `HEAD~1:design.archway.ron`.
    Git { rev: String, path: PathBuf },
}

impl Side {
    /// Reads an argument: an existing file is a file; otherwise `REV:PATH` (the first `:`
    /// splits, and `REV` must not be empty or look like a Windows drive letter); otherwise a
    /// file (which then fails to load with a clear message).
    pub fn parse(arg: &str) -> Side {
        let as_path = Path::new(arg);
        if as_path.exists() {
            return Side::File(as_path.to_owned());
        }
        match arg.split_once(':') {
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() && rev.len() > 1 => {
                Side::Git {
                    rev: rev.to_owned(),
                    path: PathBuf::from(path),
                }
            }
            _ => Side::File(as_path.to_owned()),
        }
    }

    /// How messages name this side (`HEAD~1:design.archway.ron`), terminal-safe.
    pub fn label(&self) -> String {
        let raw = match self {
            Side::File(p) => p.display().to_string(),
            Side::Git { rev, path } => format!("{rev}:{}", path.display()),
        };
        terminal_safe(&raw).into_owned()
    }
}

/// A design read for a comparison, with the loader's warnings.
#[derive(Clone, Debug)]
pub struct LoadedSide {
    pub design: Design,
    pub warnings: Vec<Problem>,
}

/// Why a side could not be loaded: one message per problem, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideError(pub String);

impl std::fmt::Display for SideError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Loads one side: the file through the model's one reader, or the git blob through
/// [`git_show`] and the same parser.
pub fn load(side: &Side) -> Result<LoadedSide, SideError> {
    match side {
        Side::File(path) => file::load_with_warnings(path)
            .map(|l| LoadedSide {
                design: l.design,
                warnings: l.warnings,
            })
            .map_err(|e| {
                SideError(file::format_problems(
                    e.file.as_deref(),
                    &e.problems,
                    "error",
                ))
            }),
        Side::Git { rev, path } => {
            let text = git_show(rev, path)?;
            let shown = PathBuf::from(side.label());
            file::parse_with_warnings(&text)
                .map(|p| LoadedSide {
                    design: p.design,
                    warnings: p.warnings,
                })
                .map_err(|problems| {
                    SideError(file::format_problems(Some(&shown), &problems, "error"))
                })
        }
    }
}

/// The text of `path` at revision `rev`: `git show REV:./NAME` run in the file's folder. At
/// most [`MAX_FILE_BYTES`] are read (a larger blob is refused, as a larger file is); git's own
/// complaint (unknown revision, path not in the revision, not a repository) is passed on.
pub fn git_show(rev: &str, path: &Path) -> Result<String, SideError> {
    let shown = terminal_safe(&format!("{rev}:{}", path.display())).into_owned();
    let fail = |why: String| SideError(format!("{shown}:1:1: error: {why}"));
    if rev.starts_with('-') {
        return Err(fail("a revision cannot start with `-`".to_owned()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let Some(name) = path.file_name() else {
        return Err(fail("the path names no file".to_owned()));
    };
    let spec = format!("{rev}:./{}", name.to_string_lossy());
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&dir)
        .args(["show", "--no-textconv", &spec])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("cannot run git (is it on PATH?): {e}")))?;
    let mut bytes = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|out| out.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let _ = child.kill();
        let _ = child.wait();
        return Err(fail(format!(
            "the file is larger than {} MB",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = (&mut e).take(64 * 1024).read_to_string(&mut err);
    }
    let status = child
        .wait()
        .map_err(|e| fail(format!("git did not finish: {e}")))?;
    if let Some(Err(e)) = read {
        return Err(fail(format!("cannot read git's output: {e}")));
    }
    if !status.success() {
        let first = err.lines().next().unwrap_or("git show failed").trim();
        let first = first.strip_prefix("fatal: ").unwrap_or(first);
        return Err(fail(format!(
            "git cannot show it: {}",
            terminal_safe(first)
        )));
    }
    String::from_utf8(bytes).map_err(|_| fail("the file is not UTF-8 text".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_split_into_files_and_revisions() {
        assert_eq!(
            Side::parse("HEAD~1:designs/a.archway.ron"),
            Side::Git {
                rev: "HEAD~1".into(),
                path: "designs/a.archway.ron".into()
            }
        );
        assert_eq!(
            Side::parse("missing.archway.ron"),
            Side::File("missing.archway.ron".into())
        );
        assert_eq!(Side::parse("C:x"), Side::File("C:x".into()));
        assert_eq!(Side::parse("Cargo.toml"), Side::File("Cargo.toml".into()));
    }
}
