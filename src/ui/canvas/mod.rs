//! The canvas editor: draws a design (containers, nodes, edges, finding and capacity badges)
//! and turns pointer and keyboard gestures into [`CanvasResponse`]s.
//!
//! The canvas keeps only session state ([`CanvasState`]: view transform, hover, the gesture in
//! progress). It never mutates the design: a gesture previews while it runs and emits ONE
//! [`Edit`] when it ends, so a whole drag is one undo step. The app applies the responses at the
//! end of the frame, bumps [`CanvasInput::revision`] for every applied edit, and passes the new
//! selection back in.
//!
//! Keys the canvas handles itself (only while no text field has focus): arrow keys nudge the
//! selection (shift = bigger step), Escape cancels a gesture in progress, space+drag pans.
//! Everything else (F2, Delete, Ctrl+…) belongs to the app's command list, which calls the
//! public helpers below ([`CanvasState::begin_rename`], [`CanvasState::zoom_to_fit`], …).

mod cache;
mod edits;
mod interaction;
mod minimap;
mod paint;
mod state;

pub use cache::{Badge, GeometryCache, caption_size};
pub use edits::default_edge;
pub use paint::{CAPTION_ZOOM, LABEL_ZOOM, color, paint_icon, severity_color, status_color};
pub use state::{CanvasState, Gesture, design_bounds, fit_transform, selection_bounds};

use crate::capacity::Estimate;
use crate::critique::Report;
use crate::geometry;
use crate::model::Edit;
use crate::model::{
    Container, ContainerId, ContainerKind, Design, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind,
    Pos, Protocol, catalog,
};
use crate::ui::selection::Selection;

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
}

/// Draws the canvas filling `ui`'s available space and handles its gestures.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    selection: &Selection,
    input: &CanvasInput<'_>,
    options: &CanvasOptions,
) -> Vec<CanvasResponse> {
    interaction::canvas_ui(ui, state, selection, input, options)
}

/// The edit that places a new palette item with its top-left corner at `pos_in_canvas`, in the
/// innermost container there, with a fresh readable id; and the new element.
pub fn place_edit(design: &Design, item: PaletteItem, pos_in_canvas: Pos) -> (Edit, Target) {
    match item {
        PaletteItem::Node(kind) => {
            let info = catalog::node_info(kind);
            let id = design.fresh_id(info.key);
            let mut node = Node::new(id.clone(), kind, pos_in_canvas);
            node.props = catalog::default_props(kind);
            let rect = geometry::node_rect(&node);
            node.container =
                geometry::innermost_container_at(design, geometry::center(&rect), |_| false);
            (
                Edit::InsertNode {
                    at: design.nodes.len(),
                    node,
                },
                Target::Node(NodeId(id)),
            )
        }
        PaletteItem::Container(kind) => {
            let info = catalog::container_info(kind);
            let id = design.fresh_id(info.key);
            let (w, h) = info.default_size;
            let rect = crate::model::Rect::new(pos_in_canvas.x, pos_in_canvas.y, w, h);
            let container = Container {
                id: ContainerId(id.clone()),
                kind,
                label: String::new(),
                rect,
                parent: geometry::innermost_container_around(design, &rect, |_| false),
                geo: None,
            };
            (
                Edit::InsertContainer {
                    at: design.containers.len(),
                    container,
                },
                Target::Container(ContainerId(id)),
            )
        }
    }
}

/// The edit that moves the selection by (`dx`, `dy`) canvas units: selected containers carry
/// everything inside them, and every moved node or container that lands in a different
/// innermost container is re-parented. `None` when nothing would move.
pub fn move_edit(design: &Design, selection: &Selection, dx: f32, dy: f32) -> Option<Edit> {
    edits::move_edit(design, selection, dx, dy)
}

/// The edit that connects `from` to `to` with the usual kind and protocol for those two kinds
/// (client→load balancer: sync HTTPS; app→database: read/write over TCP with TLS;
/// app→queue: async…), and a fresh id.
pub fn connect_edit(design: &Design, from: &Node, to: &Node) -> (Edit, EdgeId) {
    let (kind, protocol, tls) = edits::default_edge(from.kind, to.kind);
    connect_edit_with(design, from, to, kind, protocol, tls)
}

/// [`connect_edit`] with an explicit kind and protocol.
pub fn connect_edit_with(
    design: &Design,
    from: &Node,
    to: &Node,
    kind: EdgeKind,
    protocol: Option<Protocol>,
    tls: Option<bool>,
) -> (Edit, EdgeId) {
    let id = design.fresh_id(&format!("{}_{}", from.id, to.id));
    let mut edge = Edge::new(id.clone(), from.id.as_str(), to.id.as_str(), kind, protocol);
    edge.props.tls = tls;
    (
        Edit::InsertEdge {
            at: design.edges.len(),
            edge,
        },
        EdgeId(id),
    )
}
