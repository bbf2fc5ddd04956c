//! What every painting step of one frame shares: the painter, the view transform, the theme's
//! colours, the visible area, and the move previewed by a drag in progress.

use crate::model::Design;
use crate::ui::canvas::cache::GeometryCache;
use crate::ui::canvas::io::{CanvasInput, CanvasOptions};
use crate::ui::canvas::state::{CanvasState, Gesture};
use crate::ui::selection::Selection;
use egui::emath::TSTransform;
use egui::{Color32, Painter, Rect, Vec2};
use std::collections::HashSet;

/// Colours of the current theme.
#[derive(Clone)]
pub(super) struct Theme {
    pub dark: bool,
    pub background: Color32,
    pub grid: Color32,
    pub node_fill: Color32,
    pub text: Color32,
    pub weak_text: Color32,
    pub edge: Color32,
    pub selection: Color32,
}

impl Theme {
    /// The canvas colours for egui's current `visuals` (light or dark).
    pub fn from(visuals: &egui::Visuals) -> Self {
        let dark = visuals.dark_mode;
        Self {
            dark,
            background: if dark {
                Color32::from_rgb(0x1a, 0x1c, 0x21)
            } else {
                Color32::from_rgb(0xf6, 0xf7, 0xf9)
            },
            grid: if dark {
                Color32::from_rgb(0x24, 0x27, 0x2d)
            } else {
                Color32::from_rgb(0xe6, 0xe8, 0xec)
            },
            node_fill: if dark {
                Color32::from_rgb(0x2a, 0x2e, 0x36)
            } else {
                Color32::WHITE
            },
            text: visuals.strong_text_color(),
            weak_text: visuals.weak_text_color(),
            edge: if dark {
                Color32::from_gray(150)
            } else {
                Color32::from_gray(105)
            },
            selection: visuals.selection.stroke.color,
        }
    }
}

/// Everything one frame's painting needs.
pub(super) struct PaintFrame<'a> {
    pub painter: &'a Painter,
    /// Canvas units → screen points.
    pub t: TSTransform,
    pub zoom: f32,
    pub theme: Theme,
    /// Canvas area visible on screen (slightly enlarged).
    pub visible: Rect,
}

impl PaintFrame<'_> {
    /// A canvas rectangle on screen.
    pub fn rect(&self, r: Rect) -> Rect {
        Rect::from_min_max(self.t * r.min, self.t * r.max)
    }
}

/// The move a drag in progress previews: which nodes and containers (indices) are drawn
/// shifted by `delta` canvas units. Empty when nothing is being moved.
pub(super) struct MovePreview<'a> {
    pub nodes: &'a HashSet<usize>,
    pub containers: &'a HashSet<usize>,
    pub delta: Vec2,
}

impl<'a> MovePreview<'a> {
    /// The move of `gesture`, or an empty one (`empty` lends the empty sets).
    pub fn of(gesture: &'a Gesture, empty: &'a HashSet<usize>) -> Self {
        match gesture.moving() {
            Some((nodes, containers, delta)) => Self {
                nodes,
                containers,
                delta,
            },
            None => Self {
                nodes: empty,
                containers: empty,
                delta: Vec2::ZERO,
            },
        }
    }

    /// No move.
    pub fn none() -> MovePreview<'static> {
        static EMPTY: std::sync::LazyLock<HashSet<usize>> = std::sync::LazyLock::new(HashSet::new);
        MovePreview {
            nodes: &EMPTY,
            containers: &EMPTY,
            delta: Vec2::ZERO,
        }
    }

    /// Whether any node moves (edges then re-route).
    pub fn moves_nodes(&self) -> bool {
        !self.nodes.is_empty()
    }
}

/// What one frame paints: the design, its cached geometry, the session state and the view
/// options, with the move in progress.
pub(super) struct Scene<'a> {
    pub design: &'a Design,
    pub input: &'a CanvasInput<'a>,
    pub cache: &'a GeometryCache,
    pub state: &'a CanvasState,
    pub selection: &'a Selection,
    pub options: &'a CanvasOptions,
    pub moving: MovePreview<'a>,
    /// Painting a picture kept over many frames: what follows the pointer (the hovered edge,
    /// the ports of the hovered node or of a wire's target) is left out and drawn over it.
    pub picture: bool,
}

impl<'a> Scene<'a> {
    /// The scene of `input`'s design with `state`'s cached geometry, showing `moving`.
    pub fn new(
        state: &'a CanvasState,
        selection: &'a Selection,
        input: &'a CanvasInput<'a>,
        options: &'a CanvasOptions,
        moving: MovePreview<'a>,
        picture: bool,
    ) -> Self {
        Self {
            design: input.design,
            input,
            cache: &state.cache,
            state,
            selection,
            options,
            moving,
            picture,
        }
    }
}
