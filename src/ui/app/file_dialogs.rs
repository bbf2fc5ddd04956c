//! Asking the user for files: a trait, so tests can answer instead of the operating system,
//! and the native dialogs (rfd: the desktop portal, else zenity), which say when they cannot
//! show (then the app uses its own dialog, `builtin_dialog`).

use crate::export::Format;
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

/// One format File ▸ Export… offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportFormat {
    /// What the dialogs call it.
    pub name: &'static str,
    /// Its file extension, which picks it.
    pub extension: &'static str,
    /// What the export writes.
    pub format: Format,
}

impl ExportFormat {
    /// Whether the picture's colours follow the theme (the HTML report's diagram is always
    /// light, like its page; the diagrams for other tools carry no colours of ours).
    pub fn themed(self) -> bool {
        matches!(
            self.format,
            Format::Svg | Format::Png | Format::Pdf | Format::Markdown
        )
    }

    /// Whether the export draws finding badges.
    pub fn has_badges(self) -> bool {
        self.themed() || self.format == Format::Html
    }
}

/// What File ▸ Export… writes, by file extension (the extension of the chosen file picks it).
pub const EXPORT_FORMATS: [ExportFormat; 8] = [
    export_format("SVG picture", "svg", Format::Svg),
    export_format("PNG picture", "png", Format::Png),
    export_format("PDF document", "pdf", Format::Pdf),
    export_format("Review report (Markdown)", "md", Format::Markdown),
    export_format("Review report (HTML)", "html", Format::Html),
    export_format("Mermaid flowchart", "mmd", Format::Mermaid),
    export_format("draw.io diagram", "drawio", Format::Drawio),
    export_format("Excalidraw scene", "excalidraw", Format::Excalidraw),
];

const fn export_format(
    name: &'static str,
    extension: &'static str,
    format: Format,
) -> ExportFormat {
    ExportFormat {
        name,
        extension,
        format,
    }
}

/// The export format `name`'s extension picks, if any (case-insensitive).
pub fn export_format_of(name: &str) -> Option<ExportFormat> {
    let ext = std::path::Path::new(name).extension()?.to_str()?;
    EXPORT_FORMATS
        .iter()
        .find(|f| f.extension.eq_ignore_ascii_case(ext))
        .copied()
}

/// `name` with the extension of `format`: an export format's extension is replaced, any other
/// name gets it appended (`x.svg` → `x.mmd`, `notes` → `notes.mmd`).
pub fn with_export_extension(name: &str, format: ExportFormat) -> String {
    let stem = match export_format_of(name) {
        Some(old) => &name[..name.len() - old.extension.len() - 1],
        None => name.strip_suffix('.').unwrap_or(name),
    };
    let stem = if stem.is_empty() { "design" } else { stem };
    format!("{stem}.{}", format.extension)
}

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
        // The format chosen (the suggested name's) is the first filter, which the dialog
        // selects; a name typed without an export extension gets its extension.
        let chosen = export_format_of(suggested);
        for f in chosen
            .into_iter()
            .chain(EXPORT_FORMATS.into_iter().filter(|f| Some(*f) != chosen))
        {
            dialog = dialog.add_filter(f.name, &[f.extension]);
        }
        let path = dialog.save_file()?;
        match chosen {
            Some(f) if export_format_of(&path.to_string_lossy()).is_none() => {
                let name = path
                    .file_name()
                    .map(|n| with_export_extension(&n.to_string_lossy(), f))?;
                Some(path.with_file_name(name))
            }
            _ => Some(path),
        }
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
    fn a_chosen_format_replaces_an_export_extension_or_is_appended() {
        let mermaid = EXPORT_FORMATS[5];
        assert_eq!(mermaid.extension, "mmd");
        assert_eq!(with_export_extension("x.svg", mermaid), "x.mmd");
        assert_eq!(with_export_extension("shop.v2.PNG", mermaid), "shop.v2.mmd");
        assert_eq!(with_export_extension("notes", mermaid), "notes.mmd");
        assert_eq!(with_export_extension("notes.txt", mermaid), "notes.txt.mmd");
        assert_eq!(with_export_extension("", mermaid), "design.mmd");
        assert_eq!(
            export_format_of("a.Excalidraw").map(|f| f.format),
            Some(Format::Excalidraw)
        );
        assert_eq!(export_format_of("noext"), None);
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
