//! Asking the user for files: a trait, so tests can answer instead of the operating system,
//! and the native dialogs (rfd; zenity when no portal runs).

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
}

/// What File ▸ Export… writes, by file extension (the extension of the chosen file picks it).
pub const EXPORT_FORMATS: [(&str, &str); 7] = [
    ("SVG picture", "svg"),
    ("PNG picture", "png"),
    ("PDF document", "pdf"),
    ("Review report (Markdown)", "md"),
    ("Review report (HTML)", "html"),
    ("Mermaid flowchart", "mmd"),
    ("draw.io diagram", "drawio"),
];

/// The operating system's dialogs (rfd; zenity when no portal runs).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
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
            .add_filter(
                "Diagram from another tool",
                &[
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
                ],
            )
            .add_filter("Any file", &["*"])
            .pick_file()
    }

    fn pick_save(&mut self, suggested: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save the design")
            .set_file_name(suggested)
            .add_filter("Archway design", &["ron"])
            .save_file()
            .map(|p| {
                let s = p.to_string_lossy();
                if s.ends_with(".ron") {
                    p
                } else {
                    PathBuf::from(format!("{s}{}", file::EXTENSION))
                }
            })
    }
}
