//! Every editor command in one enum, with its menu label, tooltip, keyboard shortcut (draw.io
//! conventions where they exist) and family. Menus, the shortcut help overlay, the key handling
//! and the app's routing all read this one table, so they cannot disagree. (The command line's
//! subcommands are a different thing, in `crate::cli`.)

use egui::{Key, KeyboardShortcut, Modifiers};

/// Which part of the app carries a command out (each family has its own module in
/// `ui::app`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CommandFamily {
    /// New, open, save, the start page, quit.
    File,
    /// Undo, redo, the clipboard, select, delete, rename.
    Edit,
    /// Zoom, grid, the help overlay, Escape.
    View,
    /// Writing pictures, reports and diagrams.
    Export,
    /// The review modes: What-if and Compare (they never edit the design).
    Review,
    /// Align, distribute, size, stack order, group and lock the selection.
    Arrange,
}

/// A command of the editor's user interface (menus and shortcuts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UICommand {
    NewDesign,
    Open,
    Save,
    SaveAs,
    Export,
    ShowStart,
    Undo,
    Redo,
    /// Second shortcut for redo (Ctrl+Shift+Z); same action as [`UICommand::Redo`].
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
    /// Lays out the selection (or the whole design) in layers: Arrange ▸ Auto-layout.
    AutoLayout,
    AlignLeft,
    AlignCentre,
    AlignRight,
    AlignTop,
    AlignMiddle,
    AlignBottom,
    DistributeHorizontally,
    DistributeVertically,
    SameWidth,
    SameHeight,
    SameSize,
    BringToFront,
    SendToBack,
    Group,
    Ungroup,
    Lock,
    Unlock,
    Escape,
    /// Zooms the canvas in one step (Ctrl+=); the interface keeps its size.
    ZoomIn,
    /// Second shortcut for zooming in (Ctrl++).
    ZoomInAlt,
    /// Zooms the canvas out one step (Ctrl+−).
    ZoomOut,
    ZoomReset,
    ZoomFit,
    /// Second shortcut for zoom to fit (Ctrl+1).
    ZoomFitAlt,
    ZoomSelection,
    ToggleGrid,
    ShowHelp,
    /// The rule browser: every rule, searchable, with its documentation (Help ▸ Rules).
    ShowRules,
    /// Show or hide the component palette (left).
    TogglePalette,
    /// Show or hide the side panel (inspector and findings, right).
    ToggleSidePanel,
    /// Focus mode: every panel hidden but the canvas and the menu bar; Escape or the same key
    /// restores them.
    FocusMode,
    /// The capacity and cost view: load, utilisation and monthly cost under each component,
    /// with the totals and the assumptions in a panel (the figures of `archway estimate`).
    CapacityView,
    /// What-if mode on or off.
    WhatIfMode,
    /// Compare the design with another version (a file or a git revision).
    CompareWith,
    Quit,
}

impl UICommand {
    /// Every command, in menu order.
    pub const ALL: &'static [UICommand] = &[
        UICommand::NewDesign,
        UICommand::Open,
        UICommand::Save,
        UICommand::SaveAs,
        UICommand::Export,
        UICommand::ShowStart,
        UICommand::Undo,
        UICommand::Redo,
        UICommand::RedoAlt,
        UICommand::Copy,
        UICommand::Cut,
        UICommand::Paste,
        UICommand::Duplicate,
        UICommand::SelectAll,
        UICommand::Delete,
        UICommand::DeleteAlt,
        UICommand::Rename,
        UICommand::AutoLayout,
        UICommand::AlignLeft,
        UICommand::AlignCentre,
        UICommand::AlignRight,
        UICommand::AlignTop,
        UICommand::AlignMiddle,
        UICommand::AlignBottom,
        UICommand::DistributeHorizontally,
        UICommand::DistributeVertically,
        UICommand::SameWidth,
        UICommand::SameHeight,
        UICommand::SameSize,
        UICommand::BringToFront,
        UICommand::SendToBack,
        UICommand::Group,
        UICommand::Ungroup,
        UICommand::Lock,
        UICommand::Unlock,
        UICommand::Escape,
        UICommand::ZoomIn,
        UICommand::ZoomInAlt,
        UICommand::ZoomOut,
        UICommand::ZoomReset,
        UICommand::ZoomFit,
        UICommand::ZoomFitAlt,
        UICommand::ZoomSelection,
        UICommand::ToggleGrid,
        UICommand::ShowHelp,
        UICommand::ShowRules,
        UICommand::TogglePalette,
        UICommand::ToggleSidePanel,
        UICommand::FocusMode,
        UICommand::CapacityView,
        UICommand::WhatIfMode,
        UICommand::CompareWith,
        UICommand::Quit,
    ];

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            UICommand::NewDesign => "New design",
            UICommand::Open => "Open…",
            UICommand::Save => "Save",
            UICommand::SaveAs => "Save as…",
            UICommand::Export => "Export…",
            UICommand::ShowStart => "Start page",
            UICommand::Undo => "Undo",
            UICommand::Redo | UICommand::RedoAlt => "Redo",
            UICommand::Copy => "Copy",
            UICommand::Cut => "Cut",
            UICommand::Paste => "Paste",
            UICommand::Duplicate => "Duplicate",
            UICommand::SelectAll => "Select all",
            UICommand::Delete | UICommand::DeleteAlt => "Delete",
            UICommand::Rename => "Rename",
            UICommand::AutoLayout => "Auto-layout",
            UICommand::AlignLeft => "Align left",
            UICommand::AlignCentre => "Align centres",
            UICommand::AlignRight => "Align right",
            UICommand::AlignTop => "Align top",
            UICommand::AlignMiddle => "Align middles",
            UICommand::AlignBottom => "Align bottom",
            UICommand::DistributeHorizontally => "Distribute horizontally",
            UICommand::DistributeVertically => "Distribute vertically",
            UICommand::SameWidth => "Same width",
            UICommand::SameHeight => "Same height",
            UICommand::SameSize => "Same size",
            UICommand::BringToFront => "Bring to front",
            UICommand::SendToBack => "Send to back",
            UICommand::Group => "Group",
            UICommand::Ungroup => "Ungroup",
            UICommand::Lock => "Lock",
            UICommand::Unlock => "Unlock",
            UICommand::Escape => "Cancel / clear selection",
            UICommand::ZoomIn | UICommand::ZoomInAlt => "Zoom in",
            UICommand::ZoomOut => "Zoom out",
            UICommand::ZoomReset => "Zoom 100%",
            UICommand::ZoomFit | UICommand::ZoomFitAlt => "Zoom to fit",
            UICommand::ZoomSelection => "Zoom to selection",
            UICommand::ToggleGrid => "Snap to grid",
            UICommand::ShowHelp => "Keyboard shortcuts",
            UICommand::ShowRules => "Rules",
            UICommand::TogglePalette => "Palette",
            UICommand::ToggleSidePanel => "Inspector and findings",
            UICommand::FocusMode => "Focus mode",
            UICommand::CapacityView => "Capacity and cost",
            UICommand::WhatIfMode => "What-if mode",
            UICommand::CompareWith => "Compare with…",
            UICommand::Quit => "Quit",
        }
    }

    /// Tooltip: one sentence on what the command does.
    pub fn tooltip(self) -> &'static str {
        match self {
            UICommand::NewDesign => "Start a new empty design",
            UICommand::Open => "Open a design file (.archway.ron)",
            UICommand::Save => "Save the design to its file",
            UICommand::SaveAs => "Save the design to a new file",
            UICommand::Export => {
                "Export a picture (SVG, PNG, PDF), a review report (Markdown, HTML) or a diagram \
                 (Mermaid, draw.io): the file's extension picks the format"
            }
            UICommand::ShowStart => "Show the template gallery and recent files",
            UICommand::Undo => "Undo the last change",
            UICommand::Redo | UICommand::RedoAlt => "Redo the last undone change",
            UICommand::Copy => "Copy the selection (as design text, pastable into another design)",
            UICommand::Cut => "Copy the selection and remove it",
            UICommand::Paste => "Paste at the mouse position with new ids",
            UICommand::Duplicate => "Copy the selection next to itself",
            UICommand::SelectAll => "Select every component, connection and container",
            UICommand::Delete | UICommand::DeleteAlt => "Delete the selection",
            UICommand::Rename => "Rename the selected component or container",
            UICommand::AutoLayout => {
                "Lay out the selection (or the whole design) left to right in layers, \
                 containers kept around their members; locked components stay put"
            }
            UICommand::AlignLeft => "Line the selection up on its leftmost edge",
            UICommand::AlignCentre => "Line the selection up on one vertical centre line",
            UICommand::AlignRight => "Line the selection up on its rightmost edge",
            UICommand::AlignTop => "Line the selection up on its top edge",
            UICommand::AlignMiddle => "Line the selection up on one horizontal centre line",
            UICommand::AlignBottom => "Line the selection up on its bottom edge",
            UICommand::DistributeHorizontally => {
                "Space three or more selected items with equal gaps from left to right (the outermost stay put)"
            }
            UICommand::DistributeVertically => {
                "Space three or more selected items with equal gaps from top to bottom (the outermost stay put)"
            }
            UICommand::SameWidth => {
                "Make the selected containers as wide as the widest (components have one size)"
            }
            UICommand::SameHeight => "Make the selected containers as tall as the tallest",
            UICommand::SameSize => "Make the selected containers as big as the biggest",
            UICommand::BringToFront => {
                "Draw the selected components over the others (the file keeps the order)"
            }
            UICommand::SendToBack => "Draw the selected components under the others",
            UICommand::Group => "Put the selected components in a new group container around them",
            UICommand::Ungroup => "Remove the selected groups; what they held stays where it is",
            UICommand::Lock => {
                "Pin the selected components: dragging, arrow keys, arranging and auto-layout leave them in place"
            }
            UICommand::Unlock => "Let the selected components move again",
            UICommand::Escape => "Cancel the current gesture or clear the selection",
            UICommand::ZoomIn | UICommand::ZoomInAlt => {
                "Zoom the canvas in around the centre of the view"
            }
            UICommand::ZoomOut => "Zoom the canvas out around the centre of the view",
            UICommand::ZoomReset => "Show the canvas at 100%",
            UICommand::ZoomFit | UICommand::ZoomFitAlt => "Fit the whole design in the window",
            UICommand::ZoomSelection => "Fit the selection in the window",
            UICommand::ToggleGrid => "Snap moved components to the grid",
            UICommand::ShowHelp => "List every keyboard shortcut",
            UICommand::TogglePalette => "Show or hide the component palette",
            UICommand::ToggleSidePanel => "Show or hide the inspector and the findings",
            UICommand::FocusMode => {
                "Hide every panel but the canvas; Escape or the same key brings them back"
            }
            UICommand::CapacityView => {
                "Show peak load, utilisation and monthly cost under each component, with the \
                 totals and the assumptions used (the figures of archway estimate)"
            }
            UICommand::ShowRules => {
                "Browse every rule the critique checks, search them by id or title, and read \
                 each one's explanation"
            }
            UICommand::WhatIfMode => {
                "Click components, containers or connections to fail them and see which flows \
                 break; scale the traffic to see what saturates first (the design is not changed)"
            }
            UICommand::CompareWith => {
                "Show another version of this design (a file or a git revision of its file) over \
                 it: what was added, removed and changed, and which findings that fixed or \
                 introduced"
            }
            UICommand::Quit => "Close Archway",
        }
    }

    /// The family whose module carries the command out.
    pub fn family(self) -> CommandFamily {
        match self {
            UICommand::NewDesign
            | UICommand::Open
            | UICommand::Save
            | UICommand::SaveAs
            | UICommand::ShowStart
            | UICommand::Quit => CommandFamily::File,
            UICommand::Undo
            | UICommand::Redo
            | UICommand::RedoAlt
            | UICommand::Copy
            | UICommand::Cut
            | UICommand::Paste
            | UICommand::Duplicate
            | UICommand::SelectAll
            | UICommand::Delete
            | UICommand::DeleteAlt
            | UICommand::Rename
            | UICommand::AutoLayout => CommandFamily::Edit,
            UICommand::Escape
            | UICommand::ZoomIn
            | UICommand::ZoomInAlt
            | UICommand::ZoomOut
            | UICommand::ZoomReset
            | UICommand::ZoomFit
            | UICommand::ZoomFitAlt
            | UICommand::ZoomSelection
            | UICommand::ToggleGrid
            | UICommand::ShowHelp
            | UICommand::ShowRules
            | UICommand::TogglePalette
            | UICommand::ToggleSidePanel
            | UICommand::FocusMode
            | UICommand::CapacityView => CommandFamily::View,
            UICommand::Export => CommandFamily::Export,
            UICommand::AlignLeft
            | UICommand::AlignCentre
            | UICommand::AlignRight
            | UICommand::AlignTop
            | UICommand::AlignMiddle
            | UICommand::AlignBottom
            | UICommand::DistributeHorizontally
            | UICommand::DistributeVertically
            | UICommand::SameWidth
            | UICommand::SameHeight
            | UICommand::SameSize
            | UICommand::BringToFront
            | UICommand::SendToBack
            | UICommand::Group
            | UICommand::Ungroup
            | UICommand::Lock
            | UICommand::Unlock => CommandFamily::Arrange,
            UICommand::WhatIfMode | UICommand::CompareWith => CommandFamily::Review,
        }
    }

    /// Keyboard shortcut, if any. `Modifiers::COMMAND` is Ctrl (Cmd on macOS).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        let none = Modifiers::NONE;
        let (m, k) = match self {
            UICommand::NewDesign => (cmd, Key::N),
            UICommand::Open => (cmd, Key::O),
            UICommand::Save => (cmd, Key::S),
            UICommand::SaveAs => (cmd_shift, Key::S),
            UICommand::Export => (cmd_shift, Key::E),
            UICommand::ShowStart => return None,
            UICommand::Undo => (cmd, Key::Z),
            UICommand::Redo => (cmd, Key::Y),
            UICommand::RedoAlt => (cmd_shift, Key::Z),
            UICommand::Copy => (cmd, Key::C),
            UICommand::Cut => (cmd, Key::X),
            UICommand::Paste => (cmd, Key::V),
            UICommand::Duplicate => (cmd, Key::D),
            UICommand::SelectAll => (cmd, Key::A),
            UICommand::Delete => (none, Key::Delete),
            UICommand::DeleteAlt => (none, Key::Backspace),
            UICommand::Rename => (none, Key::F2),
            UICommand::AutoLayout => (cmd_shift, Key::L),
            UICommand::BringToFront => (cmd, Key::CloseBracket),
            UICommand::SendToBack => (cmd, Key::OpenBracket),
            UICommand::Group => (cmd, Key::G),
            UICommand::Ungroup => (cmd_shift, Key::U),
            UICommand::Lock => (cmd, Key::L),
            UICommand::AlignLeft
            | UICommand::AlignCentre
            | UICommand::AlignRight
            | UICommand::AlignTop
            | UICommand::AlignMiddle
            | UICommand::AlignBottom
            | UICommand::DistributeHorizontally
            | UICommand::DistributeVertically
            | UICommand::SameWidth
            | UICommand::SameHeight
            | UICommand::SameSize
            | UICommand::Unlock => return None,
            UICommand::Escape => (none, Key::Escape),
            UICommand::ZoomIn => (cmd, Key::Equals),
            UICommand::ZoomInAlt => (cmd, Key::Plus),
            UICommand::ZoomOut => (cmd, Key::Minus),
            UICommand::ZoomReset => (cmd, Key::Num0),
            UICommand::ZoomFit => (cmd_shift, Key::H),
            UICommand::ZoomFitAlt => (cmd, Key::Num1),
            UICommand::ZoomSelection => (cmd_shift, Key::F),
            UICommand::ToggleGrid => (cmd_shift, Key::G),
            UICommand::ShowHelp => (none, Key::Questionmark),
            UICommand::ShowRules | UICommand::CapacityView => return None,
            UICommand::TogglePalette => (cmd_shift, Key::K),
            UICommand::ToggleSidePanel => (cmd_shift, Key::P),
            UICommand::FocusMode => (cmd, Key::Backslash),
            UICommand::WhatIfMode => (cmd_shift, Key::W),
            UICommand::CompareWith => return None,
            UICommand::Quit => (cmd, Key::Q),
        };
        Some(KeyboardShortcut::new(m, k))
    }

    /// Whether the command is a second shortcut for another one (hidden from menus).
    pub fn is_alias(self) -> bool {
        matches!(
            self,
            UICommand::RedoAlt | UICommand::DeleteAlt | UICommand::ZoomInAlt
        )
    }

    /// Whether the command acts on the canvas selection, so it must not fire while a text
    /// field has keyboard focus (where Backspace, Ctrl+C… edit the text).
    pub fn yields_to_text_focus(self) -> bool {
        self.family() == CommandFamily::Arrange
            || matches!(
                self,
                UICommand::Copy
                    | UICommand::Cut
                    | UICommand::Paste
                    | UICommand::SelectAll
                    | UICommand::Delete
                    | UICommand::DeleteAlt
                    | UICommand::Duplicate
                    | UICommand::Undo
                    | UICommand::Redo
                    | UICommand::RedoAlt
                    | UICommand::Rename
                    | UICommand::AutoLayout
                    | UICommand::ShowHelp
                    | UICommand::ZoomIn
                    | UICommand::ZoomInAlt
                    | UICommand::ZoomOut
                    | UICommand::ZoomReset
                    | UICommand::ZoomFitAlt
            )
    }

    /// Shortcut as text for menus and the help overlay (`Ctrl+Shift+S`, `?`): modifiers by
    /// name, the key by its symbol where it has one (egui's own text says `Questionmark`).
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        let is_mac = ctx.os().is_mac();
        let names = egui::ModifierNames {
            is_short: true,
            ..if is_mac {
                egui::ModifierNames::SYMBOLS
            } else {
                egui::ModifierNames::NAMES
            }
        };
        self.shortcut()
            .map(|s| s.format(&names, is_mac))
            .unwrap_or_default()
    }
}

/// The Arrange commands in menu order, in groups separated by a line (the menu bar's Arrange
/// menu and the canvas's context menu).
pub const ARRANGE_MENU: &[&[UICommand]] = &[
    &[
        UICommand::AlignLeft,
        UICommand::AlignCentre,
        UICommand::AlignRight,
        UICommand::AlignTop,
        UICommand::AlignMiddle,
        UICommand::AlignBottom,
    ],
    &[
        UICommand::DistributeHorizontally,
        UICommand::DistributeVertically,
        UICommand::SameWidth,
        UICommand::SameHeight,
        UICommand::SameSize,
    ],
    &[UICommand::BringToFront, UICommand::SendToBack],
    &[
        UICommand::Group,
        UICommand::Ungroup,
        UICommand::Lock,
        UICommand::Unlock,
    ],
];

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
        let mut seen: HashMap<(Modifiers, Key), UICommand> = HashMap::new();
        for &c in UICommand::ALL {
            if let Some(s) = c.shortcut()
                && let Some(other) = seen.insert((s.modifiers, s.logical_key), c)
            {
                panic!("{c:?} and {other:?} share a shortcut");
            }
        }
    }

    #[test]
    fn shortcuts_read_as_people_type_them() {
        let ctx = egui::Context::default();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        assert_eq!(UICommand::ShowHelp.shortcut_text(&ctx), "?");
        assert_eq!(UICommand::Save.shortcut_text(&ctx), "Ctrl+S");
        assert_eq!(UICommand::AutoLayout.shortcut_text(&ctx), "Ctrl+Shift+L");
        assert_eq!(UICommand::Delete.shortcut_text(&ctx), "Delete");
    }

    #[test]
    fn every_command_has_label_and_tooltip() {
        for &c in UICommand::ALL {
            assert!(!c.label().is_empty(), "{c:?}");
            assert!(!c.tooltip().is_empty(), "{c:?}");
        }
    }

    #[test]
    fn draw_io_shortcuts_are_present() {
        let has = |c: UICommand, m: Modifiers, k: Key| {
            assert_eq!(c.shortcut(), Some(KeyboardShortcut::new(m, k)), "{c:?}");
        };
        has(UICommand::Save, Modifiers::COMMAND, Key::S);
        has(UICommand::Undo, Modifiers::COMMAND, Key::Z);
        has(UICommand::Redo, Modifiers::COMMAND, Key::Y);
        has(UICommand::Duplicate, Modifiers::COMMAND, Key::D);
        has(UICommand::ZoomReset, Modifiers::COMMAND, Key::Num0);
        has(
            UICommand::ZoomFit,
            Modifiers::COMMAND.plus(Modifiers::SHIFT),
            Key::H,
        );
    }
}
