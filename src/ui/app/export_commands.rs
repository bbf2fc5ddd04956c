//! The Export family: File ▸ Export… first asks for the export options (format, theme, PNG
//! scale, finding badges, selection only; remembered for the session), then where to write,
//! suggesting the chosen format's extension (the chosen file's extension picks the format),
//! and writes with the command line's rules ([`crate::export::write_guarded`]).

use super::file_dialogs::{EXPORT_FORMATS, ExportFormat, with_export_extension};
use super::state::{ArchwayApp, Dialog, ExportChoice, FilePurpose};
use crate::export::{Format, Theme};
use crate::model::file;
use crate::ui::commands::UICommand;
use egui::Ui;

/// What the user answered in the export options this frame.
enum Answer {
    Export,
    Cancel,
}

impl ArchwayApp {
    /// Carries out a command of the Export family (only in the editor): opens the export
    /// options with the choices made last.
    pub(super) fn export_command(&mut self, ctx: &egui::Context, c: UICommand) {
        if c == UICommand::Export && self.editing() {
            self.export_dialog = Some(self.export_choice.clone());
            // Opened at the end of a frame: draw it now, not at the next input.
            ctx.request_repaint();
        }
    }

    /// The export options, while open: Export… (or Enter) goes on to the file dialog, Cancel
    /// (or Escape) closes them.
    pub(super) fn export_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(mut choice) = self.export_dialog.take() else {
            return;
        };
        let gui_theme = if ctx.global_style().visuals.dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        };
        let selected = !self.selection.is_empty();
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("archway_export_options")).show(ctx, |ui| {
            ui.set_max_width(440.0);
            answer = export_options_ui(ui, &mut choice, gui_theme, selected);
        });
        match answer {
            Some(Answer::Cancel) => {}
            Some(Answer::Export) => {
                self.export_choice = choice.clone();
                self.export(&choice, gui_theme);
            }
            None => self.export_dialog = Some(choice),
        }
    }

    /// Asks where to export with `choice` (suggesting a file named after the design with the
    /// chosen format's extension) and writes there.
    fn export(&mut self, choice: &ExportChoice, gui_theme: Theme) {
        let format = EXPORT_FORMATS
            .get(choice.format)
            .copied()
            .unwrap_or(EXPORT_FORMATS[0]);
        let options = self.export_options(choice, format, gui_theme);
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
        let suggested = with_export_extension(&stem, format);
        if let Some(reason) = self.dialogs.unavailable() {
            self.ask_in_app(FilePurpose::Export { options }, &suggested, &reason);
            return;
        }
        let Some(path) = self.dialogs.pick_export(&suggested) else {
            return;
        };
        self.export_to(&path, &options, false);
    }

    /// The export options `choice` means for `format`: the theme (the editor's unless one was
    /// chosen), the PNG scale (the default, which large designs reduce, is left to the export),
    /// the badges, and the selected ids when only the selection is drawn.
    fn export_options(
        &self,
        choice: &ExportChoice,
        format: ExportFormat,
        gui_theme: Theme,
    ) -> crate::export::Options {
        let only = (choice.selection_only && !self.selection.is_empty()).then(|| {
            let s = &self.selection;
            s.nodes
                .iter()
                .map(|n| n.0.clone())
                .chain(s.containers.iter().map(|c| c.0.clone()))
                .chain(s.edges.iter().map(|e| e.0.clone()))
                .collect()
        });
        let png_scale = format.format == Format::Png
            && (choice.scale - crate::export::png::DEFAULT_SCALE).abs() > f32::EPSILON;
        crate::export::Options {
            theme: choice.theme.unwrap_or(gui_theme),
            scale: png_scale.then_some(choice.scale),
            findings: choice.findings,
            mermaid_markdown: false,
            only,
        }
    }

    /// Exports to `path` with `options`; `force` replaces a report's picture Archway did not
    /// write (after the user said so).
    pub(super) fn export_to(
        &mut self,
        path: &std::path::Path,
        options: &crate::export::Options,
        force: bool,
    ) {
        // The rules of `archway export`: never over the design's own file, and a report's
        // picture never over a file Archway did not write unless the user says so.
        let guard = crate::export::Guard {
            input: self.doc.path.as_deref(),
            force,
        };
        match crate::export::write_guarded(&self.doc.design, path, options, &guard) {
            Ok(files) => {
                // A report chosen by its extension covers the whole design: say so when only
                // the selection was asked for.
                let whole = options.only.is_some()
                    && Format::from_path(path, options).is_ok_and(|f| !f.draws_a_part());
                self.status = format!(
                    "Exported {}{}",
                    files
                        .iter()
                        .map(|f| file::shown_file_name(Some(f)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if whole {
                        " (a review report covers the whole design, not only the selection)"
                    } else {
                        ""
                    }
                );
            }
            Err(crate::export::ExportError::PictureInTheWay { picture, report }) => {
                self.dialog = Some(Dialog::ReplacePicture {
                    report,
                    picture,
                    options: options.clone(),
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

/// The export options form: format, theme, scale, badges and selection only, each disabled
/// with the reason on hover where the format has no use for it; Export… and Cancel.
fn export_options_ui(
    ui: &mut Ui,
    choice: &mut ExportChoice,
    gui_theme: Theme,
    selected: bool,
) -> Option<Answer> {
    let format = EXPORT_FORMATS
        .get(choice.format)
        .copied()
        .unwrap_or(EXPORT_FORMATS[0]);
    ui.heading("Export");
    ui.add_space(4.0);
    egui::Grid::new("export_options_grid")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label("Format");
            egui::ComboBox::from_id_salt("export_format")
                .selected_text(format.name)
                .width(220.0)
                .show_ui(ui, |ui| {
                    for (i, f) in EXPORT_FORMATS.iter().enumerate() {
                        ui.selectable_value(&mut choice.format, i, f.name);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            ui.label("Theme");
            let theme = choice.theme.unwrap_or(gui_theme);
            ui.horizontal(|ui| {
                for (t, name) in [(Theme::Light, "Light"), (Theme::Dark, "Dark")] {
                    let r = ui
                        .add_enabled(format.themed(), egui::RadioButton::new(theme == t, name))
                        .on_disabled_hover_text(no_theme_reason(format));
                    if r.clicked() {
                        choice.theme = Some(t);
                    }
                }
            });
            ui.end_row();

            let label = ui.label("Scale");
            ui.add_enabled(
                format.format == Format::Png,
                egui::DragValue::new(&mut choice.scale)
                    .range(0.25..=8.0)
                    .speed(0.05)
                    .max_decimals(2)
                    .suffix(" px per unit"),
            )
            .on_hover_text(
                "Pixels per canvas unit. The default, 2, is reduced for large designs; any other \
                 scale is kept.",
            )
            .on_disabled_hover_text("Only a PNG picture has a pixel scale")
            .labelled_by(label.id);
            ui.end_row();

            ui.label("");
            ui.add_enabled(
                format.has_badges(),
                egui::Checkbox::new(&mut choice.findings, "Finding badges"),
            )
            .on_disabled_hover_text(format!(
                "A {} carries no finding badges",
                format.name.to_lowercase()
            ));
            ui.end_row();

            ui.label("");
            let reason = if !format.format.draws_a_part() {
                Some("A review report covers the whole design")
            } else if !selected {
                Some("Nothing is selected")
            } else {
                None
            };
            let mut only = choice.selection_only && reason.is_none();
            let r = ui
                .add_enabled(
                    reason.is_none(),
                    egui::Checkbox::new(&mut only, "Selection only"),
                )
                .on_hover_text(
                    "Only the selected components, the containers they sit in and the \
                     connections between them",
                )
                .on_disabled_hover_text(reason.unwrap_or_default());
            if r.changed() {
                choice.selection_only = only;
            }
            ui.end_row();
        });
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui
            .button("Export…")
            .on_hover_text(format!(
                "Choose where to write the {} (.{})",
                format.name.to_lowercase(),
                format.extension
            ))
            .clicked()
        {
            answer = Some(Answer::Export);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Cancel);
        }
    });
    // Enter is Export… (unless it is choosing in an open drop-down or typing the scale).
    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
    if enter && !egui::Popup::is_any_open(ui.ctx()) && !ui.ctx().egui_wants_keyboard_input() {
        answer = answer.or(Some(Answer::Export));
    }
    answer
}

/// Why `format`'s export has no theme.
fn no_theme_reason(format: ExportFormat) -> &'static str {
    if format.format == Format::Html {
        "The HTML report is a light page: its diagram is drawn light"
    } else {
        "A diagram for another tool carries no colours of Archway's theme"
    }
}
