//! Archway's own file dialog (egui_file), drawn inside the window when the native dialogs cannot show: it stays open across frames and its answer finishes Open, Save or Export by the path a native answer takes.

use super::file_dialogs::{EXPORT_FORMATS, FOREIGN_EXTENSIONS, with_design_extension};
use super::state::{ArchwayApp, BuiltinDialog, FilePurpose};
use std::path::{Path, PathBuf};

/// Icons egui_file draws (folder, file, refresh…), cut from emoji-icon-font (see
/// `assets/fonts/README.md`): no other bundled font has the folder and file icons.
pub(super) const ICONS: &[u8] = include_bytes!("../../../assets/fonts/FileDialogIcons.ttf");
/// Name of [`ICONS`] in egui's font definitions.
pub(super) const ICONS_NAME: &str = "FileDialogIcons";

/// Opens egui_file's dialog for `purpose` in `folder`, with `suggested` as the file name (Save
/// and Export).
fn open_dialog(purpose: FilePurpose, suggested: &str, folder: PathBuf) -> BuiltinDialog {
    let dialog = match purpose {
        FilePurpose::Open => egui_file::FileDialog::open_file()
            .title("Open a design")
            .show_files_filter(Box::new(|p: &Path| openable(p))),
        FilePurpose::Save { .. } => egui_file::FileDialog::save_file()
            .title("Save the design")
            .default_filename(suggested),
        FilePurpose::Export { .. } => egui_file::FileDialog::save_file()
            .title("Export the design (the extension picks the format)")
            .default_filename(suggested)
            .filename_filter(Box::new(|name: &str| export_extension(name).is_some())),
    };
    let mut dialog = dialog
        .initial_path(folder)
        // Centred, clear of the menu bar (egui_file's default is the top-left corner).
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .default_size(egui::vec2(640.0, 480.0));
    dialog.open();
    BuiltinDialog { purpose, dialog }
}

/// Whether File ▸ Open lists `path`: a design or a diagram from another tool.
fn openable(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.ends_with(".ron")
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| FOREIGN_EXTENSIONS.iter().any(|f| f.eq_ignore_ascii_case(e)))
}

/// The export format `name`'s extension picks, if any.
fn export_extension(name: &str) -> Option<&'static str> {
    let ext = Path::new(name).extension()?.to_str()?;
    EXPORT_FORMATS
        .iter()
        .find(|(_, e)| e.eq_ignore_ascii_case(ext))
        .map(|(_, e)| *e)
}

impl ArchwayApp {
    /// What the open in-app file dialog is asking for, if one is open.
    pub fn in_app_dialog(&self) -> Option<&FilePurpose> {
        self.file_dialog.as_ref().map(|d| &d.purpose)
    }

    /// Opens the in-app dialog for `purpose` (the native one cannot show: `reason`), starting
    /// in the design's folder, and says so in the status bar.
    pub(super) fn ask_in_app(&mut self, purpose: FilePurpose, suggested: &str, reason: &str) {
        let folder = self
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| p.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        self.status = format!("Using Archway's file dialog ({reason})");
        self.file_dialog = Some(open_dialog(purpose, suggested, folder));
    }

    /// Draws the in-app file dialog, if open, and finishes its command once the user confirms.
    pub(super) fn builtin_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(open) = &mut self.file_dialog else {
            return;
        };
        let state = open.dialog.show(ctx).state();
        match state {
            egui_file::State::Open => {}
            egui_file::State::Selected => {
                let path = open.dialog.path().map(Path::to_path_buf);
                let purpose = open.purpose.clone();
                self.file_dialog = None;
                if let Some(path) = path {
                    self.finish_file_command(purpose, path);
                }
            }
            egui_file::State::Cancelled | egui_file::State::Closed => {
                self.file_dialog = None;
            }
        }
    }

    /// Carries out `purpose` with the file the user chose in the in-app dialog.
    fn finish_file_command(&mut self, purpose: FilePurpose, path: PathBuf) {
        match purpose {
            FilePurpose::Open => self.open_path(&path),
            FilePurpose::Save { then } => {
                if self.save_to(with_design_extension(path))
                    && let Some(then) = then
                {
                    self.proceed(then);
                }
            }
            FilePurpose::Export { dark } => self.export_to(&path, dark, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_lists_designs_and_foreign_diagrams_only() {
        assert!(openable(Path::new("/d/shop.archway.ron")));
        assert!(openable(Path::new("/d/board.drawio")));
        assert!(openable(Path::new("/d/flow.MMD")));
        assert!(openable(Path::new("/d/scene.excalidraw")));
        assert!(!openable(Path::new("/d/notes.txt")));
        assert!(!openable(Path::new("/d/archive.tar.gz")));
    }

    #[test]
    fn export_accepts_each_format_extension() {
        assert_eq!(export_extension("a.svg"), Some("svg"));
        assert_eq!(export_extension("a.excalidraw"), Some("excalidraw"));
        assert_eq!(export_extension("report.HTML"), Some("html"));
        assert_eq!(export_extension("a.txt"), None);
        assert_eq!(export_extension("noext"), None);
    }
}
