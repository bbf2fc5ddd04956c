//! Primary-button drags: pan (with space held), move the selection, resize a container, wire
//! a new edge out of a port (or a node with Alt), and box select. A gesture starts once the
//! pointer has moved a few points, previews while it runs, and ends in one edit.

use super::hit::{Hit, hit_test};
use super::input::Frame;
use super::select::{box_selection, is_selected, selection_with};
use crate::model::Rect as ModelRect;
use crate::ui::canvas::edits;
use crate::ui::canvas::io::CanvasResponse;
use crate::ui::canvas::layout::to_egui_rect;
use crate::ui::canvas::state::{CanvasState, Gesture, QuickConnect, WirePopup};
use crate::ui::selection::Selection;
use egui::{PointerButton, Pos2, Rect, Vec2};

/// Smallest size a container can be resized to, in canvas units.
const MIN_CONTAINER: Vec2 = Vec2::new(160.0, 90.0);

/// Starts, updates and ends this frame's primary-button drag.
pub(super) fn drag(
    ui: &egui::Ui,
    response: &egui::Response,
    state: &mut CanvasState,
    fr: &Frame<'_>,
    out: &mut Vec<CanvasResponse>,
) {
    if response.drag_started_by(PointerButton::Primary) {
        state.wire_popup = None;
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .map(|p| state.canvas_from_screen() * p);
        state.gesture = start(state, fr, origin, out);
    }
    if response.dragged_by(PointerButton::Primary) {
        update(state, response, fr);
    }
    if response.drag_stopped_by(PointerButton::Primary) {
        finish(state, fr, out);
    }
}

/// The gesture a drag from canvas point `origin` begins: what it grabbed decides. Grabbing an
/// unselected element selects it first (pushed to `out`).
fn start(
    state: &CanvasState,
    fr: &Frame<'_>,
    origin: Option<Pos2>,
    out: &mut Vec<CanvasResponse>,
) -> Gesture {
    let (design, selection, input) = (fr.design, fr.selection, &fr.input);
    let grabbed = origin.and_then(|p| hit_test(state, design, selection, p, state.zoom()));
    let toggle = input.toggles();
    match (input.space_down, grabbed) {
        (true, _) => Gesture::Pan,
        (false, Some(Hit::ResizeHandle(c))) => Gesture::Resize {
            container: c,
            rect: to_egui_rect(&design.containers[c].rect),
        },
        (false, Some(Hit::Port(n))) => Gesture::Wire {
            from: n,
            to_in_canvas: origin.unwrap_or_default(),
        },
        (false, Some(Hit::Node(n))) if input.modifiers.alt => Gesture::Wire {
            from: n,
            to_in_canvas: origin.unwrap_or_default(),
        },
        (false, Some(h @ (Hit::Node(_) | Hit::Container(_)))) => {
            let mut moving = selection.clone();
            if let Some(t) = &h.target(design)
                && !is_selected(selection, t)
            {
                moving = selection_with(selection, t, toggle);
                out.push(CanvasResponse::SetSelection(moving.clone()));
            }
            let (nodes, containers) = edits::moved_sets(design, &moving);
            Gesture::Move {
                nodes,
                containers,
                raw_delta: Vec2::ZERO,
                delta: Vec2::ZERO,
            }
        }
        (false, _) => {
            let p = origin.unwrap_or_default();
            Gesture::BoxSelect {
                start_in_canvas: p,
                end_in_canvas: p,
                additive: toggle,
            }
        }
    }
}

/// Follows the pointer: the preview of the gesture in progress.
fn update(state: &mut CanvasState, response: &egui::Response, fr: &Frame<'_>) {
    let d = response.drag_delta() / state.zoom().max(1e-6);
    let pointer_canvas = state.pointer_in_canvas;
    match &mut state.gesture {
        Gesture::Pan => state.screen_from_canvas.translation += response.drag_delta(),
        Gesture::Move {
            raw_delta, delta, ..
        } => {
            *raw_delta += d;
            *delta = fr.options.snap(*raw_delta);
        }
        Gesture::Resize { rect, .. } => {
            let mut max = rect.max + d;
            max = rect.min + (max - rect.min).max(MIN_CONTAINER);
            *rect = Rect::from_min_max(rect.min, max);
        }
        Gesture::Wire { to_in_canvas, .. } => {
            if let Some(p) = pointer_canvas {
                *to_in_canvas = p;
            }
        }
        Gesture::BoxSelect { end_in_canvas, .. } => {
            if let Some(p) = pointer_canvas {
                *end_in_canvas = p;
            }
        }
        Gesture::Idle => {}
    }
}

/// Ends the gesture in progress with its one edit (or selection).
fn finish(state: &mut CanvasState, fr: &Frame<'_>, out: &mut Vec<CanvasResponse>) {
    let (design, selection) = (fr.design, fr.selection);
    match std::mem::take(&mut state.gesture) {
        Gesture::Move {
            nodes,
            containers,
            delta,
            ..
        } => out.extend(
            edits::move_edit_for(design, &nodes, &containers, delta.x, delta.y)
                .map(CanvasResponse::Edit),
        ),
        Gesture::Resize { container, rect } => {
            let max = fr.options.snap(rect.max.to_vec2()).to_pos2();
            let r = ModelRect::new(
                rect.min.x,
                rect.min.y,
                (max.x - rect.min.x).max(MIN_CONTAINER.x),
                (max.y - rect.min.y).max(MIN_CONTAINER.y),
            );
            out.extend(edits::resize_edit(design, container, r).map(CanvasResponse::Edit));
        }
        Gesture::Wire { from, to_in_canvas } => finish_wire(state, design, from, to_in_canvas, out),
        Gesture::BoxSelect {
            start_in_canvas,
            end_in_canvas,
            additive,
        } => {
            let area = Rect::from_two_pos(start_in_canvas, end_in_canvas);
            let mut s = box_selection(state, design, area);
            if additive {
                s.extend(selection);
            }
            if &s != selection {
                out.push(CanvasResponse::SetSelection(s));
            }
        }
        Gesture::Pan | Gesture::Idle => {}
    }
}

/// A wire released on another node, or on a container's border or title band (an edge that
/// ends at the container: "any member"): the new edge, selected, and the popup to adjust it.
/// Released on empty canvas (or inside a container): the quick-connect palette there.
fn finish_wire(
    state: &mut CanvasState,
    design: &crate::model::Design,
    from: usize,
    to_in_canvas: Pos2,
    out: &mut Vec<CanvasResponse>,
) {
    let Some(a) = design.nodes.get(from) else {
        return;
    };
    let hit = hit_test(state, design, &Selection::new(), to_in_canvas, state.zoom());
    let (edit, id, to_centre) = match hit {
        Some(Hit::Node(to) | Hit::Port(to)) if to != from => {
            let Some(b) = design.nodes.get(to) else {
                return;
            };
            let (edit, id) = edits::connect_edit(design, a, b);
            (edit, id, state.cache.node_rects[to].center())
        }
        Some(Hit::Container(c)) => {
            let Some(b) = design.containers.get(c) else {
                return;
            };
            if a.container.as_ref() == Some(&b.id) {
                return; // a member wired to its own container's border
            }
            let (edit, id) = edits::connect_to_container_edit(design, a, b);
            (edit, id, to_in_canvas)
        }
        Some(_) => return,
        None => {
            // Empty canvas: offer the palette there (quick connect).
            state.quick_connect = Some(QuickConnect {
                from: a.id.clone(),
                at_in_canvas: to_in_canvas,
                filter: String::new(),
                focused: false,
            });
            return;
        }
    };
    out.push(CanvasResponse::Edit(edit));
    out.push(CanvasResponse::SetSelection(Selection::edge(id.clone())));
    state.wire_popup = Some(WirePopup {
        edge: id,
        at_in_canvas: state.cache.node_rects[from].center().lerp(to_centre, 0.5),
        edge_seen: false,
    });
}
