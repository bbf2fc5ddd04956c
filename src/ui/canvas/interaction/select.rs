//! Picking the selection: clicks (shift/ctrl toggles), a right click on an unselected element,
//! and what a rubber band encloses. A double click opens the in-place rename.

use super::hit::Hit;
use super::input::Frame;
use crate::model::Design;
use crate::ui::canvas::io::{CanvasResponse, Target};
use crate::ui::canvas::state::CanvasState;
use crate::ui::selection::Selection;
use egui::{PointerButton, Rect};
use std::collections::HashSet;

/// `target` alone, or `selection` with `target` toggled.
pub(super) fn selection_with(selection: &Selection, target: &Target, toggle: bool) -> Selection {
    if toggle {
        let mut s = selection.clone();
        s.toggle(&Selection::only(target.clone()));
        s
    } else {
        Selection::only(target.clone())
    }
}

/// Whether `target` is selected.
pub(super) fn is_selected(selection: &Selection, target: &Target) -> bool {
    match target {
        Target::Node(id) => selection.nodes.contains(id),
        Target::Edge(id) => selection.edges.contains(id),
        Target::Container(id) => selection.containers.contains(id),
    }
}

/// Clicks on what is under the pointer (`hit`): primary selects (empty space clears),
/// double-click renames, secondary selects an unselected element before its context menu.
pub(super) fn clicks(
    response: &egui::Response,
    state: &mut CanvasState,
    fr: &Frame<'_>,
    hit: Option<Hit>,
    out: &mut Vec<CanvasResponse>,
) {
    select_clicks(response, state, fr, hit, out);
    if response.double_clicked()
        && let Some(t) = hit.and_then(|h| h.target(fr.design))
    {
        state.begin_rename(fr.design, t);
    }
}

/// A primary click on an element picks it ([`CanvasResponse::Pick`]).
pub(super) fn pick(
    response: &egui::Response,
    design: &Design,
    hit: Option<Hit>,
    out: &mut Vec<CanvasResponse>,
) {
    if response.clicked_by(PointerButton::Primary)
        && let Some(t) = hit.and_then(|h| h.target(design))
    {
        out.push(CanvasResponse::Pick(t));
    }
}

/// Primary clicks select (empty space clears) and secondary clicks select an unselected element
/// before its context menu: [`clicks`] without the rename, for a canvas whose design must not
/// change.
pub(super) fn select_clicks(
    response: &egui::Response,
    state: &mut CanvasState,
    fr: &Frame<'_>,
    hit: Option<Hit>,
    out: &mut Vec<CanvasResponse>,
) {
    let (design, selection) = (fr.design, fr.selection);
    let target = hit.and_then(|h| h.target(design));
    if response.clicked_by(PointerButton::Primary) {
        state.wire_popup = None;
        let toggle = fr.input.toggles();
        match &target {
            Some(t) => {
                let s = selection_with(selection, t, toggle);
                if &s != selection {
                    out.push(CanvasResponse::SetSelection(s));
                }
            }
            None => {
                if !toggle && !selection.is_empty() {
                    out.push(CanvasResponse::SetSelection(Selection::default()));
                }
            }
        }
    }
    if response.secondary_clicked()
        && let Some(t) = target
        && !is_selected(selection, &t)
    {
        out.push(CanvasResponse::SetSelection(Selection::only(t)));
    }
}

/// Everything wholly inside `area` (canvas units): nodes, containers, and edges whose two ends
/// are both selected.
pub(super) fn box_selection(state: &CanvasState, design: &Design, area: Rect) -> Selection {
    let mut s = Selection::default();
    let mut picked = HashSet::new();
    for n in state.cache.nodes_in(area) {
        if area.contains_rect(state.cache.node_rects[n]) {
            picked.insert(n);
            s.nodes.insert(design.nodes[n].id.clone());
        }
    }
    for c in &design.containers {
        if area.contains_rect(crate::ui::canvas::layout::to_egui_rect(&c.rect)) {
            s.containers.insert(c.id.clone());
        }
    }
    for (e, ends) in state.cache.edge_ends.iter().enumerate() {
        if let Some((a, b)) = ends
            && picked.contains(a)
            && picked.contains(b)
        {
            s.edges.insert(design.edges[e].id.clone());
        }
    }
    s
}
