//! Hit-testing: which element (or resize handle, or port) is under a canvas point, with
//! tolerances in screen pixels so thin edges and borders stay easy to aim at at any zoom.

use crate::model::Design;
use crate::ui::canvas::io::Target;
use crate::ui::canvas::layout::{CONTAINER_HEADER, PORT_ZOOM, ports, to_egui_rect};
use crate::ui::canvas::state::CanvasState;
use crate::ui::selection::Selection;
use egui::{Pos2, Rect, Vec2};

/// Screen distance within which a port, an edge or a container border is hit.
const HIT_PX: f32 = 7.0;

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// The bottom-right resize handle of a selected container.
    ResizeHandle(usize),
    /// One of a node's connection ports.
    Port(usize),
    Node(usize),
    Edge(usize),
    /// A container's label band or border.
    Container(usize),
}

impl Hit {
    /// The element hit, if it still exists.
    pub fn target(self, design: &Design) -> Option<Target> {
        Some(match self {
            Hit::Port(n) | Hit::Node(n) => Target::Node(design.nodes.get(n)?.id.clone()),
            Hit::Edge(e) => Target::Edge(design.edges.get(e)?.id.clone()),
            Hit::ResizeHandle(c) | Hit::Container(c) => {
                Target::Container(design.containers.get(c)?.id.clone())
            }
        })
    }
}

/// Hit-tests a canvas point. `zoom` converts the screen tolerances to canvas units. Resize
/// handles of selected containers come first, then ports, nodes, edges, and containers
/// (innermost first, grabbed by their label band or border).
pub(super) fn hit_test(
    state: &CanvasState,
    design: &Design,
    selection: &Selection,
    p: Pos2,
    zoom: f32,
) -> Option<Hit> {
    let tol = HIT_PX / zoom.max(1e-6);
    let cache = &state.cache;
    if let Some(hit) = resize_handle_at(state, design, selection, p, tol) {
        return Some(hit);
    }
    // Nodes (and ports, which straddle the border) when drawn big enough to aim at.
    let near = cache.nodes_in(Rect::from_center_size(p, Vec2::splat(2.0 * tol)));
    if zoom >= PORT_ZOOM {
        for &n in near.iter().rev() {
            let r = cache.node_rects[n];
            if ports(r).iter().any(|(_, q)| (*q - p).length() <= tol) {
                return Some(Hit::Port(n));
            }
        }
    }
    if let Some(n) = cache.node_at(p) {
        return Some(Hit::Node(n));
    }
    if let Some(e) = cache.edge_at(p, tol) {
        return Some(Hit::Edge(e));
    }
    for c in cache.containers_at(design, p, tol) {
        let Some(container) = design.containers.get(c) else {
            continue;
        };
        let r = to_egui_rect(&container.rect);
        let header = CONTAINER_HEADER.max(18.0 / zoom.max(1e-6));
        let in_header = p.y <= r.top() + header;
        let on_border = !r.shrink(tol).contains(p);
        if in_header || on_border {
            return Some(Hit::Container(c));
        }
    }
    None
}

/// The resize handle of a selected container within `tol` of `p`: they sit on top of
/// everything, the topmost container's first.
fn resize_handle_at(
    state: &CanvasState,
    design: &Design,
    selection: &Selection,
    p: Pos2,
    tol: f32,
) -> Option<Hit> {
    let cache = &state.cache;
    let mut handles: Vec<usize> = selection
        .containers
        .iter()
        .filter_map(|id| cache.container_by_id.get(id.as_str()).copied())
        .collect();
    handles.sort_by_key(|&c| std::cmp::Reverse(cache.container_rank(c)));
    handles.into_iter().find_map(|c| {
        let r = to_egui_rect(&design.containers.get(c)?.rect);
        ((r.max - p).length() <= tol * 1.5).then_some(Hit::ResizeHandle(c))
    })
}
