//! Asking the user for files: a trait, so tests can answer instead of the operating system,
//! and the native dialogs (rfd: the desktop portal, else zenity), which say when they cannot
//! show (then the app uses its own dialog, `builtin_dialog`).

use crate::model::file;
use std::path::PathBuf;

/// Native file dialogs, behind a trait so tests can answer them.
pub trait FileDialogs {
    /// Asks for a design file to open.
    fn pick_open(&mut self) -> Option<PathBuf>;
    /// Asks where to save; `suggested` is a file name.
    fn pick_save(&mut self, suggested: &str) -> Option<PathBuf>;
    /// Asks where to export; `suggested` is a file name with the format's extension.
    fn pick_export(&mut self, suggested: &str) -> Option<PathBuf> {
        let _ = suggested;
        None
    }
    /// Why these dialogs cannot show (then the app asks in its own window); `None` when they can.
    fn unavailable(&self) -> Option<String> {
        None
    }
}

/// What File ▸ Export… writes, by file extension (the extension of the chosen file picks it).
pub const EXPORT_FORMATS: [(&str, &str); 8] = [
    ("SVG picture", "svg"),
    ("PNG picture", "png"),
    ("PDF document", "pdf"),
    ("Review report (Markdown)", "md"),
    ("Review report (HTML)", "html"),
    ("Mermaid flowchart", "mmd"),
    ("draw.io diagram", "drawio"),
    ("Excalidraw scene", "excalidraw"),
];

/// The extensions File ▸ Open reads besides Archway's own: diagrams from other tools.
pub const FOREIGN_EXTENSIONS: [&str; 12] = [
    "drawio",
    "xml",
    "svg",
    "png",
    "mmd",
    "md",
    "d2",
    "dsl",
    "puml",
    "plantuml",
    "wsd",
    "excalidraw",
];

/// The environment variable that picks the file dialogs: `builtin` (Archway's own window) or
/// `native` (the operating system's, even where Archway thinks none can show).
pub const DIALOGS_ENV: &str = "ARCHWAY_DIALOGS";

/// The operating system's dialogs (rfd; zenity when no portal runs).
pub struct NativeDialogs {
    /// Why they cannot show, found once at start.
    unavailable: Option<String>,
}

impl NativeDialogs {
    /// The native dialogs, unless `ARCHWAY_DIALOGS=builtin` or (on Linux and the BSDs) neither a
    /// desktop portal nor `zenity` is there to show them.
    pub fn detect() -> Self {
        Self {
            unavailable: unavailable_by(
                std::env::var(DIALOGS_ENV).ok().as_deref(),
                missing_native_backend,
            ),
        }
    }

    /// Never the native dialogs: every question is asked in Archway's own window.
    pub fn builtin() -> Self {
        Self {
            unavailable: Some("Archway's own file dialog was asked for".into()),
        }
    }
}

/// Why the native dialogs are not used, given `ARCHWAY_DIALOGS` (`choice`) and the check of
/// the system (`missing`, run only when the choice does not decide).
fn unavailable_by(
    choice: Option<&str>,
    missing: impl FnOnce() -> Option<String>,
) -> Option<String> {
    match choice {
        Some("builtin") => Some(format!("{DIALOGS_ENV}=builtin")),
        Some("native") => None,
        _ => missing(),
    }
}

/// Why rfd cannot show a dialog here: it asks the desktop portal over the D-Bus session bus,
/// then runs `zenity`; with neither, it returns nothing and says nothing.
#[cfg(all(unix, not(target_os = "macos")))]
fn missing_native_backend() -> Option<String> {
    if on_path("zenity") || portal_reachable() {
        None
    } else {
        Some("no desktop portal and no zenity".into())
    }
}

/// Other systems always have their native dialogs.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn missing_native_backend() -> Option<String> {
    None
}

/// Whether an executable called `name` is in one of the `PATH` folders.
#[cfg(all(unix, not(target_os = "macos")))]
fn on_path(name: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            std::fs::metadata(dir.join(name))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// Whether a session bus runs and the desktop portal service is installed for it (the bus
/// starts the portal on the first request). A file check, so the start never waits on D-Bus.
#[cfg(all(unix, not(target_os = "macos")))]
fn portal_reachable() -> bool {
    let bus = match std::env::var("DBUS_SESSION_BUS_ADDRESS") {
        Ok(address) => address
            .split(';')
            .filter_map(|a| a.strip_prefix("unix:"))
            .flat_map(|a| a.split(','))
            .any(|kv| match kv.split_once('=') {
                Some(("path", p)) => std::path::Path::new(p).exists(),
                Some(("abstract", _)) => true,
                _ => false,
            }),
        Err(_) => std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|d| std::path::Path::new(&d).join("bus").exists()),
    };
    if !bus {
        return false;
    }
    let data_dirs = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    let home_data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    data_dirs
        .split(':')
        .map(PathBuf::from)
        .chain(home_data)
        .any(|d| {
            d.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
                .exists()
        })
}

impl FileDialogs for NativeDialogs {
    fn unavailable(&self) -> Option<String> {
        self.unavailable.clone()
    }

    fn pick_export(&mut self, suggested: &str) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export the design")
            .set_file_name(suggested);
        for (name, ext) in EXPORT_FORMATS {
            dialog = dialog.add_filter(name, &[ext]);
        }
        dialog.save_file()
    }

    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a design")
            .add_filter("Archway design", &["ron"])
            .add_filter("Diagram from another tool", &FOREIGN_EXTENSIONS)
            .add_filter("Any file", &["*"])
            .pick_file()
    }

    fn pick_save(&mut self, suggested: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save the design")
            .set_file_name(suggested)
            .add_filter("Archway design", &["ron"])
            .save_file()
            .map(with_design_extension)
    }
}

/// `path`, ending in `.archway.ron` unless it already ends in `.ron`.
pub(super) fn with_design_extension(path: PathBuf) -> PathBuf {
    let s = path.to_string_lossy();
    if s.ends_with(".ron") {
        path
    } else {
        PathBuf::from(format!("{s}{}", file::EXTENSION))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archway_dialogs_forces_one_kind_and_otherwise_the_system_decides() {
        let none = || Some("no desktop portal and no zenity".to_owned());
        let fine = || None;
        assert_eq!(
            unavailable_by(Some("builtin"), fine).as_deref(),
            Some("ARCHWAY_DIALOGS=builtin")
        );
        assert_eq!(unavailable_by(Some("native"), none), None);
        assert_eq!(
            unavailable_by(None, none).as_deref(),
            Some("no desktop portal and no zenity")
        );
        assert_eq!(unavailable_by(Some("other"), fine), None);
    }

    #[test]
    fn a_saved_name_ends_in_the_design_extension_once() {
        assert_eq!(
            with_design_extension(PathBuf::from("/d/shop")),
            PathBuf::from("/d/shop.archway.ron")
        );
        assert_eq!(
            with_design_extension(PathBuf::from("/d/shop.archway.ron")),
            PathBuf::from("/d/shop.archway.ron")
        );
    }
}
