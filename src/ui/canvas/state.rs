//! Session state of the canvas: the view transform (`screen_from_canvas`), the last viewport,
//! hover, the gesture in progress, the in-place rename and the wiring popup. Nothing here is
//! saved or undone.

use super::cache::GeometryCache;
use super::io::Target;
use super::layout::{self, to_egui_rect};
use crate::model::{Design, EdgeId, Pos};
use crate::ui::selection::Selection;
use egui::emath::TSTransform;
use egui::{Pos2, Rect, Vec2};
use std::collections::HashSet;

/// Smallest and largest zoom factors.
pub const MIN_ZOOM: f32 = 0.002;
/// Largest zoom factor.
pub const MAX_ZOOM: f32 = 4.0;
/// Factor of one zoom-in step (Ctrl+=, the status bar's `+`).
pub const ZOOM_STEP: f32 = 1.25;

/// A view change asked for by the app, applied on the next frame (when the viewport is known).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ViewRequest {
    /// Fit this canvas rectangle in the viewport, zooming in no further than 100 %.
    Fit(Rect),
    /// Centre this canvas point, keeping the zoom.
    Centre(Pos2),
    /// Set the zoom, keeping the viewport centre fixed.
    Zoom(f32),
}

/// What a cached minimap picture was drawn for: the minimap's frame, the cache build, dark
/// mode, and the pixels per point.
pub(super) type MinimapKey = (Rect, u64, bool, f32);

/// The minimap's picture as a texture, and what it was drawn for.
pub(super) struct MinimapTexture {
    pub key: MinimapKey,
    pub texture: egui::TextureHandle,
}

impl std::fmt::Debug for MinimapTexture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MinimapTexture({:?}, {:?})", self.key, self.texture.id())
    }
}

/// The background grid's tile texture (see the painting of the background) and what it was
/// made for: its side in pixels and its background and line colours.
pub(super) struct GridTile {
    pub key: (u32, egui::Color32, egui::Color32),
    pub texture: egui::TextureHandle,
}

impl std::fmt::Debug for GridTile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GridTile({:?}, {:?})", self.key, self.texture.id())
    }
}

/// What a picture of the design (see the painting of the canvas) was made for; any difference makes it again.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct RasterKey {
    /// The geometry cache build (bumped by every design change and every review result).
    pub builds: u64,
    pub zoom: f32,
    pub pixels_per_point: f32,
    /// Background, grid, node fill, edge, selection, text and weak text colours of the theme.
    pub colours: [egui::Color32; 7],
    pub show_findings: bool,
    pub show_capacity: bool,
    /// Grid spacing in canvas units when the grid is shown.
    pub grid: Option<f32>,
    pub selection: Selection,
}

/// What each element of a detailed picture looked like when it was drawn (a hash of what its
/// drawing reads) and the area its drawing covers (canvas units), by index, with one hash of
/// every container: an edit or a new selection redraws only where these differ.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct DrawnLooks {
    pub nodes: std::collections::HashMap<usize, (u64, Rect)>,
    pub edges: std::collections::HashMap<usize, (u64, Rect)>,
    pub containers: u64,
}

/// The design rasterised around the view (see the painting of the canvas).
pub(super) struct DesignRaster {
    pub key: RasterKey,
    /// What the picture's elements looked like, when it shows them in detail (not as dots).
    pub looks: Option<DrawnLooks>,
    /// The canvas area the picture covers, in canvas units.
    pub area: Rect,
    /// The picture's size in pixels.
    pub image_size: [usize; 2],
    pub texture: egui::TextureHandle,
}

impl std::fmt::Debug for DesignRaster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DesignRaster({:?}, {:?})", self.area, self.texture.id())
    }
}

/// A pointer gesture in progress. It previews on the canvas and emits one edit when it ends.
#[derive(Clone, Debug, Default)]
pub enum Gesture {
    /// Nothing in progress.
    #[default]
    Idle,
    /// Dragging the view (middle button, or space + primary button).
    Pan,
    /// Moving the selection (and the contents of selected containers) by `delta` canvas units.
    Move {
        /// Indices into `design.nodes` being moved.
        nodes: HashSet<usize>,
        /// Indices into `design.containers` being moved.
        containers: HashSet<usize>,
        /// Offset so far, in canvas units, before snapping.
        raw_delta: Vec2,
        /// Offset to show and to emit (snapped when the grid is on).
        delta: Vec2,
    },
    /// Resizing a container by dragging its bottom-right corner.
    Resize {
        container: usize,
        /// The rectangle previewed, in canvas units.
        rect: Rect,
    },
    /// Dragging a new edge out of node `from` (index into `design.nodes`).
    Wire { from: usize, to_in_canvas: Pos2 },
    /// Rubber-band selection between two canvas points; `additive` keeps the old selection.
    BoxSelect {
        start_in_canvas: Pos2,
        end_in_canvas: Pos2,
        additive: bool,
    },
}

impl Gesture {
    /// What a move in progress carries: the node and container indices and the (snapped)
    /// offset; `None` for any other gesture.
    pub fn moving(&self) -> Option<(&HashSet<usize>, &HashSet<usize>, Vec2)> {
        match self {
            Gesture::Move {
                nodes,
                containers,
                delta,
                ..
            } => Some((nodes, containers, *delta)),
            _ => None,
        }
    }
}

/// The in-place label editor.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Rename {
    pub target: Target,
    pub text: String,
    /// Focus is requested once, on the first frame.
    pub focused: bool,
}

/// The small popup shown after wiring, to change the new edge's kind and protocol.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct WirePopup {
    pub edge: EdgeId,
    /// Where the popup is anchored, in canvas units.
    pub at_in_canvas: Pos2,
    /// Whether the edge has been seen in the design. The popup opens in the frame that emits
    /// the insert edit, before the app applies it, so a missing edge only closes the popup
    /// once it has been there (undone or deleted).
    pub edge_seen: bool,
}

/// The palette a wire dropped on empty canvas opens (quick connect).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct QuickConnect {
    /// The node the wire came from.
    pub from: crate::model::NodeId,
    /// Where the wire was dropped (the new component's centre), in canvas units.
    pub at_in_canvas: Pos2,
    /// The search text.
    pub filter: String,
    /// Whether the search field has been given the keyboard focus once.
    pub focused: bool,
}

/// Everything the canvas remembers between frames. Create one per open design tab.
#[derive(Debug)]
pub struct CanvasState {
    /// Canvas units → screen points.
    pub(super) screen_from_canvas: TSTransform,
    /// Screen rectangle of the canvas on the last frame.
    pub(super) viewport: Rect,
    pub(super) pending_view: Option<ViewRequest>,
    /// Whether the view has been set up once (the first frame fits the design).
    pub(super) initialised: bool,
    pub(super) hover: Option<Target>,
    pub(super) gesture: Gesture,
    pub(super) rename: Option<Rename>,
    pub(super) wire_popup: Option<WirePopup>,
    pub(super) quick_connect: Option<QuickConnect>,
    pub(super) cache: GeometryCache,
    pub(super) pointer_in_canvas: Option<Pos2>,
    /// The minimap picture as drawn last (a texture), and what it was drawn for.
    pub(super) minimap_picture: Option<MinimapTexture>,
    /// The background grid's tile texture and what it was made for.
    pub(super) grid_tile: Option<GridTile>,
    /// The zoomed-out design as one picture, and what it was made for.
    pub(super) design_raster: Option<DesignRaster>,
    /// The zoom of the last frame (a picture is made only once the zoom holds still).
    pub(super) last_zoom: f32,
    /// The design's labels by id and the revision they were read at: the tooltip names the
    /// components a finding quotes by their labels, as the findings panel does.
    pub(super) labels: Option<(u64, crate::model::labels::Labels)>,
}

impl Default for CanvasState {
    fn default() -> Self {
        Self::new()
    }
}

impl CanvasState {
    /// A state at 100 % that fits the design on its first frame.
    pub fn new() -> Self {
        Self {
            screen_from_canvas: TSTransform::IDENTITY,
            viewport: Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 800.0)),
            pending_view: None,
            initialised: false,
            hover: None,
            gesture: Gesture::Idle,
            rename: None,
            wire_popup: None,
            quick_connect: None,
            cache: GeometryCache::default(),
            pointer_in_canvas: None,
            minimap_picture: None,
            grid_tile: None,
            design_raster: None,
            last_zoom: 0.0,
            labels: None,
        }
    }

    /// Where the minimap was drawn on the last frame (screen points), if it fits the canvas.
    pub fn minimap_rect(&self) -> Option<Rect> {
        layout::minimap_frame(self.cache.bounds, self.viewport)
    }

    /// The canvas's rectangle on screen (points), as laid out on the last frame.
    pub fn viewport(&self) -> Rect {
        self.viewport
    }

    /// Canvas units → screen points.
    pub fn screen_from_canvas(&self) -> TSTransform {
        self.screen_from_canvas
    }

    /// Screen points → canvas units.
    pub fn canvas_from_screen(&self) -> TSTransform {
        self.screen_from_canvas.inverse()
    }

    /// Sets the view transform directly (tests, restoring a saved view).
    pub fn set_view(&mut self, screen_from_canvas: TSTransform) {
        self.screen_from_canvas = screen_from_canvas;
        self.pending_view = None;
        self.initialised = true;
    }

    /// Whether the view is where it will stay: set up once, with no view change waiting for
    /// the next frame (a measuring run waits for this before it times the first render).
    pub fn view_settled(&self) -> bool {
        self.initialised && self.pending_view.is_none()
    }

    /// How many times the derived geometry was rebuilt (once per design revision at most).
    pub fn cache_builds(&self) -> u64 {
        self.cache.builds
    }

    /// Current zoom factor (1.0 = 100 %).
    pub fn zoom(&self) -> f32 {
        self.screen_from_canvas.scaling
    }

    /// The gesture in progress.
    pub fn gesture(&self) -> &Gesture {
        &self.gesture
    }

    /// Whether a gesture, rename or popup is active (the app should let Escape reach the
    /// canvas and may hold back commands that would conflict).
    pub fn is_busy(&self) -> bool {
        !matches!(self.gesture, Gesture::Idle) || self.rename.is_some()
    }

    /// The element under the pointer on the last frame.
    pub fn hovered(&self) -> Option<&Target> {
        self.hover.as_ref()
    }

    /// The pointer position in canvas units, when it was over the canvas on the last frame
    /// (paste goes there).
    pub fn pointer_in_canvas(&self) -> Option<Pos> {
        self.pointer_in_canvas.map(|p| Pos::new(p.x, p.y))
    }

    /// The centre of the visible area in canvas units (click-to-place goes there).
    pub fn view_centre_in_canvas(&self) -> Pos {
        let p = self.canvas_from_screen() * self.viewport.center();
        Pos::new(p.x, p.y)
    }

    /// Fits the whole design in view (at most 100 %).
    pub fn zoom_to_fit(&mut self, design: &Design) {
        if let Some(b) = design_bounds(design) {
            self.pending_view = Some(ViewRequest::Fit(b));
        }
        self.initialised = true;
    }

    /// Fits the selection in view (at most 100 %); does nothing when it is empty.
    pub fn zoom_to_selection(&mut self, design: &Design, selection: &Selection) {
        if let Some(b) = selection_bounds(design, selection) {
            self.pending_view = Some(ViewRequest::Fit(b));
        }
    }

    /// Centres the selection without changing the zoom (used when a finding is clicked); zooms
    /// out when the selection would not fit.
    pub fn centre_on(&mut self, design: &Design, selection: &Selection) {
        if let Some(b) = selection_bounds(design, selection) {
            let visible = self.viewport.size() / self.zoom().max(MIN_ZOOM);
            if b.width() > visible.x || b.height() > visible.y {
                self.pending_view = Some(ViewRequest::Fit(b));
            } else {
                self.pending_view = Some(ViewRequest::Centre(b.center()));
            }
        }
    }

    /// Zooms to 100 % around the viewport centre.
    pub fn zoom_100(&mut self) {
        self.pending_view = Some(ViewRequest::Zoom(1.0));
    }

    /// Zooms in (`steps` > 0) or out by whole steps of [`ZOOM_STEP`] around the viewport
    /// centre, from the zoom already asked for this frame if any (two key presses in one
    /// frame zoom twice).
    pub fn zoom_step(&mut self, steps: i32) {
        let from = match self.pending_view {
            Some(ViewRequest::Zoom(z)) => z,
            _ => self.zoom(),
        };
        self.set_zoom(from * ZOOM_STEP.powi(steps));
    }

    /// Zooms to `zoom` (clamped) around the viewport centre.
    pub fn set_zoom(&mut self, zoom: f32) {
        self.pending_view = Some(ViewRequest::Zoom(zoom.clamp(MIN_ZOOM, MAX_ZOOM)));
    }

    /// Opens the in-place label editor on a node, edge or container (F2, double-click).
    pub fn begin_rename(&mut self, design: &Design, target: Target) {
        let text = match &target {
            Target::Node(id) => design
                .node(id.as_str())
                .map(|n| n.display_label().to_owned()),
            Target::Edge(id) => design.edge(id.as_str()).map(|e| e.label.clone()),
            Target::Container(id) => design
                .container(id.as_str())
                .map(|c| c.display_label().to_owned()),
        };
        if let Some(text) = text {
            self.rename = Some(Rename {
                target,
                text,
                focused: false,
            });
        }
    }

    /// Cancels the gesture, rename or popup in progress (Escape). Returns whether there was
    /// one, so the app knows whether Escape should clear the selection instead.
    pub fn cancel_gesture(&mut self) -> bool {
        let busy = self.is_busy() || self.wire_popup.is_some() || self.quick_connect.is_some();
        self.gesture = Gesture::Idle;
        self.rename = None;
        self.wire_popup = None;
        self.quick_connect = None;
        busy
    }

    /// Takes the canvas's screen rectangle for this frame: on the first frame fits the design
    /// (unless the app asked for another view), then applies the pending view request.
    pub(super) fn prepare_view(&mut self, rect: Rect, design: &Design) {
        self.viewport = rect;
        if !self.initialised {
            self.initialised = true;
            if self.pending_view.is_none()
                && let Some(b) = design_bounds(design)
            {
                self.pending_view = Some(ViewRequest::Fit(b));
            }
        }
        self.apply_view_request(rect);
    }

    /// Applies a pending view request to the viewport `rect`.
    fn apply_view_request(&mut self, rect: Rect) {
        let Some(req) = self.pending_view.take() else {
            return;
        };
        match req {
            ViewRequest::Fit(b) => {
                self.screen_from_canvas = fit_transform(b, rect);
            }
            ViewRequest::Centre(p) => self.centre_at(p, rect),
            ViewRequest::Zoom(z) => {
                let centre = rect.center();
                self.zoom_around(centre, z / self.zoom().max(MIN_ZOOM));
            }
        }
    }

    /// Puts canvas point `p` at the centre of the screen rectangle `rect`, keeping the zoom.
    pub(super) fn centre_at(&mut self, p: Pos2, rect: Rect) {
        let z = self.zoom();
        self.screen_from_canvas = TSTransform::new(rect.center().to_vec2() - p.to_vec2() * z, z);
    }

    /// Multiplies the zoom by `factor`, keeping the canvas point under `screen_pos` fixed.
    pub(super) fn zoom_around(&mut self, screen_pos: Pos2, factor: f32) {
        let old = self.zoom();
        let new = (old * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let f = new / old;
        // screen = s*c + t; keep screen_pos fixed: t' = p - f*(p - t)
        let t = self.screen_from_canvas.translation;
        let p = screen_pos.to_vec2();
        self.screen_from_canvas = TSTransform::new(p - (p - t) * f, new);
    }

    /// Moves the view by a screen offset.
    pub(super) fn pan_by(&mut self, screen_delta: Vec2) {
        self.screen_from_canvas.translation += screen_delta;
    }
}

/// The transform that shows canvas rectangle `bounds` centred in `viewport` with a margin, at
/// most 100 %.
pub fn fit_transform(bounds: Rect, viewport: Rect) -> TSTransform {
    let margin = 40.0;
    let avail = (viewport.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(10.0));
    let size = bounds.size().max(Vec2::splat(1.0));
    let zoom = (avail.x / size.x)
        .min(avail.y / size.y)
        .clamp(MIN_ZOOM, 1.0);
    TSTransform::new(
        viewport.center().to_vec2() - bounds.center().to_vec2() * zoom,
        zoom,
    )
}

/// Canvas bounds of every node and container, or `None` for an empty design.
pub fn design_bounds(design: &Design) -> Option<Rect> {
    let mut r = Rect::NOTHING;
    for n in &design.nodes {
        r = r.union(to_egui_rect(&crate::geometry::node_rect(n)));
    }
    for c in &design.containers {
        r = r.union(to_egui_rect(&c.rect));
    }
    r.is_positive().then_some(r)
}

/// Canvas bounds of the selected nodes, containers and edges' endpoints.
pub fn selection_bounds(design: &Design, selection: &Selection) -> Option<Rect> {
    let mut r = Rect::NOTHING;
    let mut nodes: HashSet<&str> = selection.nodes.iter().map(|n| n.as_str()).collect();
    for e in &design.edges {
        if selection.edges.contains(&e.id) {
            nodes.insert(e.from.as_str());
            nodes.insert(e.to.as_str());
        }
    }
    for n in &design.nodes {
        if nodes.contains(n.id.as_str()) {
            r = r.union(to_egui_rect(&crate::geometry::node_rect(n)));
        }
    }
    for c in &design.containers {
        if selection.containers.contains(&c.id) {
            r = r.union(to_egui_rect(&c.rect));
        }
    }
    r.is_positive().then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_around_keeps_the_point_under_the_mouse() {
        let mut s = CanvasState::new();
        s.screen_from_canvas = TSTransform::new(Vec2::new(30.0, -20.0), 0.7);
        let mouse = Pos2::new(400.0, 300.0);
        let under = s.canvas_from_screen() * mouse;
        s.zoom_around(mouse, 1.8);
        let after = s.screen_from_canvas() * under;
        assert!((after - mouse).length() < 1e-3, "{after:?}");
        assert!((s.zoom() - 1.26).abs() < 1e-4);
    }

    #[test]
    fn fit_shows_the_whole_rectangle_centred() {
        let viewport = Rect::from_min_size(Pos2::new(100.0, 50.0), Vec2::new(800.0, 600.0));
        let bounds = Rect::from_min_max(Pos2::new(-1000.0, 0.0), Pos2::new(3000.0, 500.0));
        let t = fit_transform(bounds, viewport);
        let shown = Rect::from_min_max(t * bounds.min, t * bounds.max);
        assert!(viewport.contains_rect(shown));
        assert!((shown.center() - viewport.center()).length() < 1e-3);
        // Width is the limiting side: it fills the viewport minus the margins.
        assert!((shown.width() - 720.0).abs() < 1e-2);
        // Never zooms in beyond 100 %.
        let small = Rect::from_min_size(Pos2::ZERO, Vec2::new(10.0, 10.0));
        assert_eq!(fit_transform(small, viewport).scaling, 1.0);
    }

    #[test]
    fn screen_and_canvas_transforms_are_inverse() {
        let mut s = CanvasState::new();
        s.screen_from_canvas = TSTransform::new(Vec2::new(12.0, 7.0), 0.25);
        let p = Pos2::new(-40.0, 96.0);
        let back = s.canvas_from_screen() * (s.screen_from_canvas() * p);
        assert!((back - p).length() < 1e-4);
        assert_eq!(s.screen_from_canvas() * Pos2::ZERO, Pos2::new(12.0, 7.0));
    }
}
