//! Archway's own file dialog (egui_file), drawn inside the window when the native dialogs cannot show: it stays open across frames and its answer finishes Open, Save or Export by the path a native answer takes. An export's dialog has a format chooser under it that changes the file name's extension (and says when a report will cover more than the selection asked for).

use super::file_dialogs::{
    EXPORT_FORMATS, ExportFormat, FOREIGN_EXTENSIONS, export_format_of, with_design_extension,
    with_export_extension,
};
use super::state::{ArchwayApp, BuiltinDialog, FilePurpose};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The id of egui_file's window, so the format chooser can find it and a dialog opened again
/// (after a change of format) keeps its place and size.
const DIALOG_ID: &str = "archway_file_dialog";

/// Icons egui_file draws (folder, file, refresh…), cut from emoji-icon-font (see
/// `assets/fonts/README.md`): no other bundled font has the folder and file icons.
pub(super) const ICONS: &[u8] = include_bytes!("../../../assets/fonts/FileDialogIcons.ttf");
/// Name of [`ICONS`] in egui's font definitions.
pub(super) const ICONS_NAME: &str = "FileDialogIcons";

/// Opens egui_file's dialog for `purpose` in `folder`, with `suggested` as the file name (Save
/// and Export).
fn open_dialog(purpose: FilePurpose, suggested: &str, folder: PathBuf) -> BuiltinDialog {
    let name = Arc::new(Mutex::new(suggested.to_owned()));
    let dialog = match purpose {
        FilePurpose::Open => egui_file::FileDialog::open_file()
            .title("Open a design")
            .show_files_filter(Box::new(|p: &Path| openable(p))),
        FilePurpose::Save { .. } => egui_file::FileDialog::save_file()
            .title("Save the design")
            .default_filename(suggested),
        FilePurpose::Export { .. } => {
            let seen = Arc::clone(&name);
            egui_file::FileDialog::save_file()
                .title("Export the design")
                .default_filename(suggested)
                // egui_file has no getter for the name being typed; its filter is given that
                // name on every frame, so it notes it for the format chooser.
                .filename_filter(Box::new(move |typed: &str| {
                    if let Ok(mut noted) = seen.lock()
                        && *noted != typed
                    {
                        typed.clone_into(&mut noted);
                    }
                    export_format_of(typed).is_some()
                }))
        }
    };
    let mut dialog = dialog
        .id(egui::Id::unique(DIALOG_ID))
        .initial_path(folder)
        // Centred, clear of the menu bar (egui_file's default is the top-left corner).
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .default_size(egui::vec2(640.0, 480.0));
    dialog.open();
    BuiltinDialog {
        purpose,
        dialog,
        name,
    }
}

/// The export formats under the in-app dialog's window: choosing one returns it (the file
/// name then takes its extension). `name` is the file name typed so far; `only_selection`
/// says the export was asked for the selection only, which a review report cannot honour (the
/// chooser says so under it while a report is chosen).
fn format_chooser_ui(
    ctx: &egui::Context,
    name: &str,
    only_selection: bool,
) -> Option<ExportFormat> {
    let window = ctx.memory(|m| m.area_rect(egui::Id::unique(DIALOG_ID)))?;
    let current = export_format_of(name);
    let mut chosen = None;
    egui::Area::new(egui::Id::unique("archway_export_format_chooser"))
        .order(egui::Order::Foreground)
        .fixed_pos(window.left_bottom() + egui::vec2(0.0, 6.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    egui::ComboBox::from_label("Format")
                        .selected_text(current.map_or("(choose a format)", |f| f.name))
                        .show_ui(ui, |ui| {
                            for f in EXPORT_FORMATS {
                                if ui.selectable_label(current == Some(f), f.name).clicked() {
                                    chosen = Some(f);
                                }
                            }
                        });
                    ui.weak("The file name's extension picks the format.");
                });
                if only_selection && current.is_some_and(|f| !f.format.draws_a_part()) {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "A review report covers the whole design, not only the selection.",
                    );
                }
            });
        });
    chosen.filter(|f| Some(*f) != current)
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
            egui_file::State::Open => {
                let FilePurpose::Export { options } = &open.purpose else {
                    return;
                };
                let only_selection = options.only.is_some();
                let name = open.name.lock().map(|n| n.clone()).unwrap_or_default();
                if let Some(format) = format_chooser_ui(ctx, &name, only_selection) {
                    // Opened again with the new name, in the folder it shows now.
                    let folder = open.dialog.directory().to_path_buf();
                    let purpose = open.purpose.clone();
                    let renamed = with_export_extension(&name, format);
                    self.file_dialog = Some(open_dialog(purpose, &renamed, folder));
                    ctx.request_repaint();
                }
            }
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
            FilePurpose::Export { options } => self.export_to(&path, &options, false),
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
        let ext = |n: &str| export_format_of(n).map(|f| f.extension);
        assert_eq!(ext("a.svg"), Some("svg"));
        assert_eq!(ext("a.excalidraw"), Some("excalidraw"));
        assert_eq!(ext("report.HTML"), Some("html"));
        assert_eq!(ext("a.txt"), None);
        assert_eq!(ext("noext"), None);
    }
}
