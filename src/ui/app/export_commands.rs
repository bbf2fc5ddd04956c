//! The Export family: File ▸ Export… asks where to write and lets the chosen file's extension
//! pick the format (picture, review report or diagram), in the GUI's light or dark theme, with
//! the command line's rules ([`crate::export::write_guarded`]).

use super::state::{ArchwayApp, Dialog, FilePurpose};
use crate::model::file;
use crate::ui::commands::UICommand;

impl ArchwayApp {
    /// Carries out a command of the Export family (only in the editor).
    pub(super) fn export_command(&mut self, ctx: &egui::Context, c: UICommand) {
        if c == UICommand::Export && self.editing() {
            self.export(ctx.global_style().visuals.dark_mode);
        }
    }

    /// Asks where to export (suggesting an SVG next to the design's name) and writes the
    /// format the chosen file's extension names, in the light or `dark` theme.
    fn export(&mut self, dark: bool) {
        let stem = match &self.doc.path {
            Some(p) => p
                .file_name()
                .map(|n| {
                    n.to_string_lossy()
                        .trim_end_matches(file::EXTENSION)
                        .to_owned()
                })
                .unwrap_or_else(|| "design".to_owned()),
            None => crate::model::ids::slug(&self.doc.display_name()),
        };
        if let Some(reason) = self.dialogs.unavailable() {
            self.ask_in_app(
                FilePurpose::Export { dark },
                &format!("{stem}.svg"),
                &reason,
            );
            return;
        }
        let Some(path) = self.dialogs.pick_export(&format!("{stem}.svg")) else {
            return;
        };
        self.export_to(&path, dark, false);
    }

    /// Exports to `path` in the light or `dark` theme; `force` replaces a report's picture
    /// Archway did not write (after the user said so).
    pub(super) fn export_to(&mut self, path: &std::path::Path, dark: bool, force: bool) {
        let options = crate::export::Options {
            theme: if dark {
                crate::export::Theme::Dark
            } else {
                crate::export::Theme::Light
            },
            ..crate::export::Options::default()
        };
        // The rules of `archway export`: never over the design's own file, and a report's
        // picture never over a file Archway did not write unless the user says so.
        let guard = crate::export::Guard {
            input: self.doc.path.as_deref(),
            force,
        };
        match crate::export::write_guarded(&self.doc.design, path, &options, &guard) {
            Ok(files) => {
                self.status = format!(
                    "Exported {}",
                    files
                        .iter()
                        .map(|f| file::shown_file_name(Some(f)))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            Err(crate::export::ExportError::PictureInTheWay { picture, report }) => {
                self.dialog = Some(Dialog::ReplacePicture {
                    report,
                    picture,
                    dark,
                });
            }
            Err(e) => {
                self.dialog = Some(Dialog::Message {
                    title: "Could not export".into(),
                    text: e.to_string(),
                });
            }
        }
    }
}
