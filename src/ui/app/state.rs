//! The app's data: the open document, the session state of the canvas and panels, the dialog
//! on screen, and what this frame collected (edits and commands) to carry out at its end.

use super::file_dialogs::{FileDialogs, NativeDialogs};
use super::review_state::ReviewState;
use crate::model::{Edit, LoadError, Pos};
use crate::ui::canvas::{CanvasOptions, CanvasState};
use crate::ui::commands::UICommand;
use crate::ui::document::Document;
use crate::ui::files::{Folders, Recovery, RecoveryClock};
use crate::ui::panels::findings::FindingsState;
use crate::ui::panels::palette::PaletteState;
use crate::ui::panels::rules::{RuleBrowserState, RuleDocs};
use crate::ui::script::ScriptStep;
use crate::ui::selection::Selection;
use crate::ui::start::Gallery;
use std::path::PathBuf;

/// How long a status-bar message stays, in seconds.
pub const STATUS_SECONDS: f64 = 6.0;

/// Which panels the editor shows around the canvas (View menu).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PanelsShown {
    /// The component palette on the left.
    pub palette: bool,
    /// The inspector and the findings on the right.
    pub side: bool,
    /// Focus mode: the palette, the side panel and the status bar are hidden whatever the two
    /// above say, and come back as they were when it ends.
    pub focus: bool,
}

impl Default for PanelsShown {
    fn default() -> Self {
        Self {
            palette: true,
            side: true,
            focus: false,
        }
    }
}

impl PanelsShown {
    /// Whether the palette is on screen.
    pub fn palette_visible(self) -> bool {
        self.palette && !self.focus
    }
    /// Whether the inspector and findings are on screen.
    pub fn side_visible(self) -> bool {
        self.side && !self.focus
    }
}

/// What the file chosen in the in-app dialog is for.
#[derive(Clone, Debug, PartialEq)]
pub enum FilePurpose {
    /// Open a design or a diagram from another tool.
    Open,
    /// Save the design, then carry out `then` (the action that asked to save first).
    Save { then: Option<Pending> },
    /// Export with these options (the chosen file's extension picks the format).
    Export { options: crate::export::Options },
}

/// What File ▸ Export… asks before the file dialog (format, theme, scale, badges, selection
/// only), remembered for the session.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportChoice {
    /// The format: an index into [`super::EXPORT_FORMATS`].
    pub format: usize,
    /// Light or dark colours; `None` follows the editor's theme.
    pub theme: Option<crate::export::Theme>,
    /// Pixels per canvas unit of a PNG ([`crate::export::png::DEFAULT_SCALE`] is reduced for
    /// large designs, any other scale is kept).
    pub scale: f32,
    /// Draw finding badges.
    pub findings: bool,
    /// Draw only the selection (with its containers and the connections between its
    /// components), when something is selected.
    pub selection_only: bool,
}

impl Default for ExportChoice {
    fn default() -> Self {
        Self {
            format: 0,
            theme: None,
            scale: crate::export::png::DEFAULT_SCALE,
            findings: true,
            selection_only: false,
        }
    }
}

/// The in-app file dialog that is open, and what its answer is for.
pub struct BuiltinDialog {
    pub(super) purpose: FilePurpose,
    pub(super) dialog: egui_file::FileDialog,
    /// The file name in the dialog's name field, as last seen (egui_file has no getter for it).
    pub(super) name: std::sync::Arc<std::sync::Mutex<String>>,
}

/// What to do once the unsaved-changes question is answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    NewDesign,
    /// Open this file, or ask for one.
    Open(Option<PathBuf>),
    /// Open a template (index into `templates::ALL`).
    Template(usize),
    /// Restore a recovery file.
    Restore(usize),
    Quit,
}

/// A modal dialog.
#[derive(Debug)]
pub enum Dialog {
    /// "Save changes?" before `then`.
    Unsaved { then: Pending },
    /// A file could not be loaded; the current design is kept.
    LoadFailed(LoadError),
    /// Something went wrong (saving…).
    Message { title: String, text: String },
    /// Recovery files from a crashed session.
    Recover(Vec<Recovery>),
    /// A review report's picture would replace `picture`, a file Archway did not write: replace
    /// it (exporting `report` again with `options`) or cancel.
    ReplacePicture {
        report: PathBuf,
        picture: PathBuf,
        options: crate::export::Options,
    },
}

/// Which main view is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Start,
    Editor,
}

/// Options for creating the app.
pub struct AppOptions {
    /// Where recent files and recovery copies live (`None`: remember nothing).
    pub folders: Option<Folders>,
    /// A file to open at start.
    pub file: Option<PathBuf>,
    /// File dialogs.
    pub dialogs: Box<dyn FileDialogs>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            folders: Folders::user(),
            file: None,
            dialogs: Box::new(NativeDialogs::detect()),
        }
    }
}

/// One edit collected during a frame, applied at its end.
pub(super) struct PendingEdit {
    pub edit: Edit,
    pub label: String,
    pub merge_key: Option<String>,
}

/// The editor application.
pub struct ArchwayApp {
    pub doc: Document,
    pub view: View,
    pub selection: Selection,
    pub canvas: CanvasState,
    pub canvas_options: CanvasOptions,
    pub palette: PaletteState,
    pub findings: FindingsState,
    pub dialog: Option<Dialog>,
    pub show_help: bool,
    /// Rule id whose documentation is shown.
    pub explain: Option<&'static str>,
    /// Which panels are shown around the canvas.
    pub panels: PanelsShown,
    /// The rule browser, while open.
    pub rule_browser: Option<RuleBrowserState>,
    /// The Markdown renderer's cache for rule documentation.
    pub(super) rule_docs: RuleDocs,
    /// Whether a modal dialog is up this frame: everything under it is drawn disabled, so no
    /// tooltip from below shows over it.
    pub(super) under_modal: bool,
    /// The bottom of the menu bar (screen points): windows open below it.
    pub(super) menu_bottom: f32,
    pub recent: Vec<PathBuf>,
    pub(super) folders: Option<Folders>,
    pub(super) dialogs: Box<dyn FileDialogs>,
    /// Archway's own file dialog while it is open (the native dialogs cannot show).
    pub(super) file_dialog: Option<BuiltinDialog>,
    /// The export options dialog, while open, with the choices made in it so far.
    pub export_dialog: Option<ExportChoice>,
    /// The export options chosen last (this session).
    pub export_choice: ExportChoice,
    pub(super) gallery: Gallery,
    /// Edits collected this frame.
    pub(super) queued: Vec<PendingEdit>,
    /// Commands triggered this frame (menus, shortcuts, canvas context menu).
    pub(super) commands: Vec<UICommand>,
    /// Paste requests at a canvas position (context menu).
    pub(super) paste_at: Option<Pos>,
    /// Text copied most recently (also put on the system clipboard).
    pub(super) clipboard: Option<String>,
    /// Set once the user agreed to close.
    pub(super) allow_close: bool,
    pub(super) recovery_clock: RecoveryClock,
    /// Steps of a test script still to run (see the `script` module).
    pub(super) script: std::collections::VecDeque<ScriptStep>,
    pub(super) last_title: String,
    /// Whether the document has been shown in the editor since it was opened (zoom to fit).
    pub(super) fitted: bool,
    /// Set once the close was confirmed, so the next close request goes through.
    pub(super) quitting: bool,
    /// Last status-bar message (saved, copied…); cleared [`STATUS_SECONDS`] after it was
    /// first shown.
    pub status: String,
    /// The status message on screen and when it was first shown (egui's clock, seconds).
    pub(super) status_shown: Option<(String, f64)>,
    /// The report of the diagram just imported (File ▸ Open on a `.drawio` file…), shown in its
    /// window until closed; each line selects the element it made.
    pub import_report: Option<crate::import::ImportReport>,
    /// The review modes (What-if, Compare).
    pub review: ReviewState,
}

impl ArchwayApp {
    /// The app on the start view with an empty, clean design, remembering the recent files
    /// kept in `folders`.
    pub(super) fn blank(folders: Option<Folders>, dialogs: Box<dyn FileDialogs>) -> Self {
        let recent = folders
            .as_ref()
            .map(Folders::load_recent)
            .unwrap_or_default();
        Self {
            doc: Document::new(crate::model::Design::default(), None),
            view: View::Start,
            selection: Selection::new(),
            canvas: CanvasState::new(),
            canvas_options: CanvasOptions::default(),
            palette: PaletteState::default(),
            findings: FindingsState::default(),
            dialog: None,
            show_help: false,
            explain: None,
            rule_browser: None,
            panels: PanelsShown::default(),
            rule_docs: RuleDocs::default(),
            menu_bottom: 0.0,
            under_modal: false,
            recent,
            folders,
            dialogs,
            file_dialog: None,
            export_dialog: None,
            export_choice: ExportChoice::default(),
            gallery: Gallery::default(),
            queued: Vec::new(),
            commands: Vec::new(),
            paste_at: None,
            clipboard: None,
            allow_close: false,
            recovery_clock: Default::default(),
            script: Default::default(),
            last_title: String::new(),
            fitted: false,
            quitting: false,
            status: String::new(),
            status_shown: None,
            import_report: None,
            review: ReviewState::default(),
        }
    }

    /// Queues an edit to apply at the end of the frame.
    pub(super) fn queue(
        &mut self,
        edit: Edit,
        label: impl Into<String>,
        merge_key: Option<String>,
    ) {
        self.queued.push(PendingEdit {
            edit,
            label: label.into(),
            merge_key,
        });
    }

    /// Queues an edit from outside the panels (scripts, tests); it is applied as one undo
    /// step at the end of the next frame.
    pub fn submit(&mut self, edit: Edit, label: &str) {
        self.queue(edit, label, None);
    }

    /// Runs a command at the end of this frame (menus call this too).
    pub fn run(&mut self, c: UICommand) {
        self.commands.push(c);
    }

    /// Draws `ui` disabled while a modal dialog is up: nothing under the dialog reacts to the
    /// pointer or shows a tooltip (a tooltip open before the dialog came would stay on top).
    pub(super) fn yield_to_modal(&self, ui: &mut egui::Ui) {
        if self.under_modal {
            ui.disable();
        }
    }

    /// Whether a dialog that holds the keyboard and the pointer is up: a modal, the export
    /// options or the in-app file dialog.
    pub(super) fn modal_open(&self) -> bool {
        self.dialog.is_some() || self.file_dialog.is_some() || self.export_dialog.is_some()
    }

    /// Whether the editor (not the start view) is shown: most edit and view commands act only
    /// there.
    pub(super) fn editing(&self) -> bool {
        self.view == View::Editor
    }
}
