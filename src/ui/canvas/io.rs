//! What the app hands the canvas each frame ([`CanvasInput`], [`CanvasOptions`]) and what the
//! canvas hands back ([`CanvasResponse`], [`CanvasCommand`]), plus the palette's drag payload.

use crate::capacity::Estimate;
use crate::critique::Report;
use crate::geometry::{self, Overlay};
use crate::model::{ContainerKind, Design, Edit, NodeKind, Pos};
use crate::ui::selection::Selection;
use std::sync::Arc;

/// Everything the canvas reads about the document for one frame.
#[derive(Clone, Copy)]
pub struct CanvasInput<'a> {
    pub design: &'a Design,
    /// The latest review of `design`.
    pub report: &'a Report,
    /// The latest capacity estimate of `design` (`nodes` parallel to `design.nodes`).
    pub estimate: &'a Estimate,
    /// Bumped by the app on every applied edit (undo and redo included) and on every load.
    /// The canvas caches derived geometry per revision, so a stale revision shows stale geometry.
    pub revision: u64,
}

/// View options the app owns (toolbar toggles, saved in the app's settings if it wants).
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasOptions {
    /// Snap moved nodes and containers to the grid.
    pub snap_to_grid: bool,
    /// Grid spacing in canvas units.
    pub grid_size: f32,
    /// Draw the grid dots.
    pub show_grid: bool,
    /// Draw the utilisation badge of every node from the capacity estimate.
    pub show_capacity: bool,
    /// Draw the minimap in the bottom-right corner.
    pub show_minimap: bool,
    /// Draw finding badges on nodes and edges.
    pub show_findings: bool,
    /// What clicks and drags do (editing, or one of the review modes).
    pub interaction: Interaction,
    /// A review overlay (what-if, compare) drawn over the design; dropped when it was made for
    /// a design of another shape.
    pub overlay: Option<Arc<Overlay>>,
}

/// What clicks and drags on the canvas do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Interaction {
    /// Every gesture: select, move, resize, wire, rename, drop, nudge.
    #[default]
    Edit,
    /// Clicks select and the view moves; nothing can change the design (compare mode).
    Select,
    /// A click picks the element under the pointer ([`CanvasResponse::Pick`]) instead of
    /// selecting it; nothing can change the design (what-if mode).
    Pick,
}

impl Default for CanvasOptions {
    fn default() -> Self {
        Self {
            snap_to_grid: true,
            grid_size: geometry::GRID,
            show_grid: true,
            show_capacity: false,
            show_minimap: true,
            show_findings: true,
            interaction: Interaction::Edit,
            overlay: None,
        }
    }
}

impl CanvasOptions {
    /// `v` (canvas units) snapped to the grid when snapping is on.
    pub fn snap(&self, v: egui::Vec2) -> egui::Vec2 {
        if self.snap_to_grid {
            egui::Vec2::new(
                geometry::snap(v.x, self.grid_size),
                geometry::snap(v.y, self.grid_size),
            )
        } else {
            v
        }
    }
}

/// One element of a design (a node, an edge or a container).
pub type Target = crate::ui::selection::Element;

/// What the palette puts in egui's drag-and-drop payload
/// (`egui::DragAndDrop::set_payload(ctx, PaletteItem::Node(kind))` or
/// `response.dnd_set_drag_payload(..)`). Dropping it on the canvas emits the insert edit and a
/// selection of the new element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaletteItem {
    Node(NodeKind),
    Container(ContainerKind),
}

/// A request from the canvas's context menu; the app maps it to its own command.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasCommand {
    /// Rename this element. Handled inside the canvas (it opens its label editor); never
    /// reaches the app.
    Rename(Target),
    Delete,
    Duplicate,
    Copy,
    Cut,
    /// Paste at this canvas position.
    Paste(Pos),
    SelectAll,
    ZoomToFit,
    ZoomToSelection,
    /// An Arrange command (align, group, lock…) on the selection.
    Arrange(crate::ui::commands::UICommand),
}

/// What happened on the canvas this frame. The app applies these in order at the end of the
/// frame.
// A frame yields a handful of responses at most, so boxing the large `Edit` would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasResponse {
    /// One undo step (a whole drag, resize, wire, rename or nudge).
    Edit(Edit),
    /// The selection the user picked (click, shift/ctrl-click, box select, after an insert).
    SetSelection(Selection),
    /// A context-menu command.
    Command(CanvasCommand),
    /// An element clicked in [`Interaction::Pick`].
    Pick(Target),
}
