//! Every editor command in one enum, with its menu label, tooltip and keyboard shortcut
//! (draw.io conventions where they exist). Menus, the shortcut help overlay and the key
//! handling all read this one table, so they cannot disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A user command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewDesign,
    Open,
    Save,
    SaveAs,
    Export,
    ShowStart,
    Undo,
    Redo,
    /// Second shortcut for redo (Ctrl+Shift+Z); same action as [`Command::Redo`].
    RedoAlt,
    Copy,
    Cut,
    Paste,
    Duplicate,
    SelectAll,
    Delete,
    /// Second shortcut for delete (Backspace).
    DeleteAlt,
    Rename,
    Escape,
    ZoomReset,
    ZoomFit,
    ZoomSelection,
    ToggleGrid,
    ShowHelp,
    Quit,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: &'static [Command] = &[
        Command::NewDesign,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Export,
        Command::ShowStart,
        Command::Undo,
        Command::Redo,
        Command::RedoAlt,
        Command::Copy,
        Command::Cut,
        Command::Paste,
        Command::Duplicate,
        Command::SelectAll,
        Command::Delete,
        Command::DeleteAlt,
        Command::Rename,
        Command::Escape,
        Command::ZoomReset,
        Command::ZoomFit,
        Command::ZoomSelection,
        Command::ToggleGrid,
        Command::ShowHelp,
        Command::Quit,
    ];

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Command::NewDesign => "New design",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Export => "Export…",
            Command::ShowStart => "Start page",
            Command::Undo => "Undo",
            Command::Redo | Command::RedoAlt => "Redo",
            Command::Copy => "Copy",
            Command::Cut => "Cut",
            Command::Paste => "Paste",
            Command::Duplicate => "Duplicate",
            Command::SelectAll => "Select all",
            Command::Delete | Command::DeleteAlt => "Delete",
            Command::Rename => "Rename",
            Command::Escape => "Cancel / clear selection",
            Command::ZoomReset => "Zoom 100%",
            Command::ZoomFit => "Zoom to fit",
            Command::ZoomSelection => "Zoom to selection",
            Command::ToggleGrid => "Snap to grid",
            Command::ShowHelp => "Keyboard shortcuts",
            Command::Quit => "Quit",
        }
    }

    /// Tooltip: one sentence on what the command does.
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::NewDesign => "Start a new empty design",
            Command::Open => "Open a design file (.archway.ron)",
            Command::Save => "Save the design to its file",
            Command::SaveAs => "Save the design to a new file",
            Command::Export => {
                "Export a picture (SVG, PNG, PDF), a review report (Markdown, HTML) or a diagram \
                 (Mermaid, draw.io): the file's extension picks the format"
            }
            Command::ShowStart => "Show the template gallery and recent files",
            Command::Undo => "Undo the last change",
            Command::Redo | Command::RedoAlt => "Redo the last undone change",
            Command::Copy => "Copy the selection (as design text, pastable into another design)",
            Command::Cut => "Copy the selection and remove it",
            Command::Paste => "Paste at the mouse position with new ids",
            Command::Duplicate => "Copy the selection next to itself",
            Command::SelectAll => "Select every component, connection and container",
            Command::Delete | Command::DeleteAlt => "Delete the selection",
            Command::Rename => "Rename the selected component or container",
            Command::Escape => "Cancel the current gesture or clear the selection",
            Command::ZoomReset => "Show the canvas at 100%",
            Command::ZoomFit => "Fit the whole design in the window",
            Command::ZoomSelection => "Fit the selection in the window",
            Command::ToggleGrid => "Snap moved components to the grid",
            Command::ShowHelp => "List every keyboard shortcut",
            Command::Quit => "Close Archway",
        }
    }

    /// Keyboard shortcut, if any. `Modifiers::COMMAND` is Ctrl (Cmd on macOS).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        let none = Modifiers::NONE;
        let (m, k) = match self {
            Command::NewDesign => (cmd, Key::N),
            Command::Open => (cmd, Key::O),
            Command::Save => (cmd, Key::S),
            Command::SaveAs => (cmd_shift, Key::S),
            Command::Export => (cmd_shift, Key::E),
            Command::ShowStart => return None,
            Command::Undo => (cmd, Key::Z),
            Command::Redo => (cmd, Key::Y),
            Command::RedoAlt => (cmd_shift, Key::Z),
            Command::Copy => (cmd, Key::C),
            Command::Cut => (cmd, Key::X),
            Command::Paste => (cmd, Key::V),
            Command::Duplicate => (cmd, Key::D),
            Command::SelectAll => (cmd, Key::A),
            Command::Delete => (none, Key::Delete),
            Command::DeleteAlt => (none, Key::Backspace),
            Command::Rename => (none, Key::F2),
            Command::Escape => (none, Key::Escape),
            Command::ZoomReset => (cmd, Key::Num0),
            Command::ZoomFit => (cmd_shift, Key::H),
            Command::ZoomSelection => (cmd_shift, Key::F),
            Command::ToggleGrid => (cmd_shift, Key::G),
            Command::ShowHelp => (none, Key::Questionmark),
            Command::Quit => (cmd, Key::Q),
        };
        Some(KeyboardShortcut::new(m, k))
    }

    /// Whether the command is a second shortcut for another one (hidden from menus).
    pub fn is_alias(self) -> bool {
        matches!(self, Command::RedoAlt | Command::DeleteAlt)
    }

    /// Whether the command acts on the canvas selection, so it must not fire while a text
    /// field has keyboard focus (where Backspace, Ctrl+C… edit the text).
    pub fn yields_to_text_focus(self) -> bool {
        matches!(
            self,
            Command::Copy
                | Command::Cut
                | Command::Paste
                | Command::SelectAll
                | Command::Delete
                | Command::DeleteAlt
                | Command::Duplicate
                | Command::Undo
                | Command::Redo
                | Command::RedoAlt
                | Command::Rename
                | Command::ShowHelp
                | Command::ZoomReset
        )
    }

    /// Shortcut as text for menus and the help overlay (`Ctrl+Shift+S`).
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }
}

/// Shortcuts that are not commands but canvas gestures, listed in the help overlay.
pub const CANVAS_HELP: &[(&str, &str)] = &[
    ("Arrows", "Move the selection (Shift: bigger step)"),
    ("Drag on empty canvas", "Box select"),
    ("Shift/Ctrl+click", "Add to or remove from the selection"),
    ("Space+drag, middle drag, scroll", "Pan"),
    ("Ctrl+scroll, pinch", "Zoom at the mouse"),
    (
        "Drag from a port (or Alt+drag a node)",
        "Connect two components",
    ),
    ("Double-click", "Rename in place"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: HashMap<(Modifiers, Key), Command> = HashMap::new();
        for &c in Command::ALL {
            if let Some(s) = c.shortcut()
                && let Some(other) = seen.insert((s.modifiers, s.logical_key), c)
            {
                panic!("{c:?} and {other:?} share a shortcut");
            }
        }
    }

    #[test]
    fn every_command_has_label_and_tooltip() {
        for &c in Command::ALL {
            assert!(!c.label().is_empty(), "{c:?}");
            assert!(!c.tooltip().is_empty(), "{c:?}");
        }
    }

    #[test]
    fn draw_io_shortcuts_are_present() {
        let has = |c: Command, m: Modifiers, k: Key| {
            assert_eq!(c.shortcut(), Some(KeyboardShortcut::new(m, k)), "{c:?}");
        };
        has(Command::Save, Modifiers::COMMAND, Key::S);
        has(Command::Undo, Modifiers::COMMAND, Key::Z);
        has(Command::Redo, Modifiers::COMMAND, Key::Y);
        has(Command::Duplicate, Modifiers::COMMAND, Key::D);
        has(Command::ZoomReset, Modifiers::COMMAND, Key::Num0);
        has(
            Command::ZoomFit,
            Modifiers::COMMAND.plus(Modifiers::SHIFT),
            Key::H,
        );
    }
}
