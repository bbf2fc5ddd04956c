//! Pointer and keyboard handling of the canvas: hit-testing, gestures (pan, move, resize, wire,
//! box select), clicks, the context menu, palette drops, arrow-key nudges, in-place rename and
//! the wiring popup. Gestures preview while they run and emit one edit when they end.

use super::edits;
use super::state::{Gesture, WirePopup, design_bounds, to_pos, to_pos2};
use super::{
    CanvasCommand, CanvasInput, CanvasOptions, CanvasResponse, CanvasState, PaletteItem, Target,
    paint,
};
use crate::geometry::{self, Side};
use crate::model::{Design, EdgeKind, Edit, Protocol};
use crate::ui::selection::Selection;
use egui::{Key, PointerButton, Pos2, Rect, Sense, Vec2};
use std::collections::HashSet;

/// Screen distance within which a port, an edge or a container border is hit.
const HIT_PX: f32 = 7.0;
/// Height of a container's label band, in canvas units (it is also grabbed there).
pub(super) const CONTAINER_HEADER: f32 = 26.0;
/// Smallest size a container can be resized to, in canvas units.
const MIN_CONTAINER: Vec2 = Vec2::new(160.0, 90.0);

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Hit {
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
    fn target(self, design: &Design) -> Option<Target> {
        Some(match self {
            Hit::Port(n) | Hit::Node(n) => Target::Node(design.nodes.get(n)?.id.clone()),
            Hit::Edge(e) => Target::Edge(design.edges.get(e)?.id.clone()),
            Hit::ResizeHandle(c) | Hit::Container(c) => {
                Target::Container(design.containers.get(c)?.id.clone())
            }
        })
    }
}

/// The four port positions of a node rectangle (canvas units).
pub(super) fn ports(r: Rect) -> [(Side, Pos2); 4] {
    [
        (Side::Left, Pos2::new(r.left(), r.center().y)),
        (Side::Right, Pos2::new(r.right(), r.center().y)),
        (Side::Top, Pos2::new(r.center().x, r.top())),
        (Side::Bottom, Pos2::new(r.center().x, r.bottom())),
    ]
}

/// Hit-tests a canvas point. `zoom` converts the screen tolerances to canvas units.
pub(super) fn hit_test(
    state: &CanvasState,
    design: &Design,
    selection: &Selection,
    p: Pos2,
    zoom: f32,
) -> Option<Hit> {
    let tol = HIT_PX / zoom.max(1e-6);
    let cache = &state.cache;
    // Resize handles of selected containers first: they sit on top of everything.
    let mut handles: Vec<usize> = selection
        .containers
        .iter()
        .filter_map(|id| cache.container_by_id.get(id.as_str()).copied())
        .collect();
    handles.sort_by_key(|&c| std::cmp::Reverse(cache.container_rank(c)));
    for c in handles {
        let Some(container) = design.containers.get(c) else {
            continue;
        };
        let r = super::state::to_egui_rect(&container.rect);
        if (r.max - p).length() <= tol * 1.5 {
            return Some(Hit::ResizeHandle(c));
        }
    }
    // Nodes (and ports, which straddle the border) when drawn big enough to aim at.
    let near = cache.nodes_in(Rect::from_center_size(p, Vec2::splat(2.0 * tol)));
    if zoom >= 0.25 {
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
    // Containers: innermost first; grabbed by the label band or the border.
    for c in cache.containers_at(design, p, tol) {
        let Some(container) = design.containers.get(c) else {
            continue;
        };
        let r = super::state::to_egui_rect(&container.rect);
        let header = CONTAINER_HEADER.max(18.0 / zoom.max(1e-6));
        let in_header = p.y <= r.top() + header;
        let on_border = !r.shrink(tol).contains(p);
        if in_header || on_border {
            return Some(Hit::Container(c));
        }
    }
    None
}

fn selection_with(selection: &Selection, target: &Target, toggle: bool) -> Selection {
    if toggle {
        let mut s = selection.clone();
        s.toggle(&Selection::only(target.clone()));
        s
    } else {
        Selection::only(target.clone())
    }
}

fn is_selected(selection: &Selection, target: &Target) -> bool {
    match target {
        Target::Node(id) => selection.nodes.contains(id),
        Target::Edge(id) => selection.edges.contains(id),
        Target::Container(id) => selection.containers.contains(id),
    }
}

/// See [`super::canvas_ui`].
pub(super) fn canvas_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    selection: &Selection,
    input: &CanvasInput<'_>,
    options: &CanvasOptions,
) -> Vec<CanvasResponse> {
    let design = input.design;
    let mut out = Vec::new();
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    state.viewport = rect;
    state.cache.refresh(design, input.report, input.revision);
    if !state.initialised {
        state.initialised = true;
        if state.pending_view.is_none()
            && let Some(b) = design_bounds(design)
        {
            state.pending_view = Some(super::state::ViewRequest::Fit(b));
        }
    }
    state.apply_view_request(rect);

    let (scroll, zoom_delta, modifiers, space_down, pointer) = ui.input(|i| {
        (
            i.smooth_scroll_delta,
            i.zoom_delta(),
            i.modifiers,
            i.key_down(Key::Space),
            i.pointer.hover_pos(),
        )
    });

    // --- View navigation: ctrl+scroll / pinch zooms at the mouse, scroll pans.
    if response.contains_pointer() {
        if zoom_delta != 1.0 {
            if let Some(p) = pointer {
                state.zoom_around(p, zoom_delta);
            }
        } else if scroll != Vec2::ZERO {
            state.pan_by(scroll);
        }
    }
    if response.dragged_by(PointerButton::Middle) {
        state.pan_by(response.drag_delta());
    }

    let zoom = state.zoom();
    let canvas_from_screen = state.canvas_from_screen();
    state.pointer_in_canvas = pointer
        .filter(|p| rect.contains(*p))
        .map(|p| canvas_from_screen * p);
    let snap = |v: Vec2| {
        if options.snap_to_grid {
            Vec2::new(
                geometry::snap(v.x, options.grid_size),
                geometry::snap(v.y, options.grid_size),
            )
        } else {
            v
        }
    };

    // --- Hover.
    let idle = matches!(state.gesture, Gesture::Idle);
    let hit = match state.pointer_in_canvas {
        Some(p) if idle => hit_test(state, design, selection, p, zoom),
        _ => None,
    };
    state.hover = hit.and_then(|h| h.target(design));

    // --- Gesture start (egui reports it once the pointer moved a few points).
    if response.drag_started_by(PointerButton::Primary) {
        state.wire_popup = None;
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .map(|p| canvas_from_screen * p);
        let start_hit = origin.and_then(|p| hit_test(state, design, selection, p, zoom));
        let toggle = modifiers.shift || modifiers.command;
        state.gesture = match (space_down, start_hit) {
            (true, _) => Gesture::Pan,
            (false, Some(Hit::ResizeHandle(c))) => Gesture::Resize {
                container: c,
                rect: super::state::to_egui_rect(&design.containers[c].rect),
            },
            (false, Some(Hit::Port(n))) => Gesture::Wire {
                from: n,
                to_in_canvas: origin.unwrap_or_default(),
            },
            (false, Some(Hit::Node(n))) if modifiers.alt => Gesture::Wire {
                from: n,
                to_in_canvas: origin.unwrap_or_default(),
            },
            (false, Some(h @ (Hit::Node(_) | Hit::Container(_)))) => {
                let target = h.target(design);
                let mut moving = selection.clone();
                if let Some(t) = &target
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
        };
    }

    // --- Gesture update.
    if response.dragged_by(PointerButton::Primary) {
        let d = response.drag_delta() / zoom.max(1e-6);
        let pointer_canvas = state.pointer_in_canvas;
        match &mut state.gesture {
            Gesture::Pan => state.screen_from_canvas.translation += response.drag_delta(),
            Gesture::Move {
                raw_delta, delta, ..
            } => {
                *raw_delta += d;
                *delta = snap(*raw_delta);
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

    // --- Gesture end: one edit.
    if response.drag_stopped_by(PointerButton::Primary) {
        let gesture = std::mem::take(&mut state.gesture);
        match gesture {
            Gesture::Move {
                nodes,
                containers,
                delta,
                ..
            } => {
                if let Some(edit) =
                    edits::move_edit_for(design, &nodes, &containers, delta.x, delta.y)
                {
                    out.push(CanvasResponse::Edit(edit));
                }
            }
            Gesture::Resize { container, rect } => {
                let max = snap(rect.max.to_vec2()).to_pos2();
                let r = crate::model::Rect::new(
                    rect.min.x,
                    rect.min.y,
                    (max.x - rect.min.x).max(MIN_CONTAINER.x),
                    (max.y - rect.min.y).max(MIN_CONTAINER.y),
                );
                if let Some(edit) = edits::resize_edit(design, container, r) {
                    out.push(CanvasResponse::Edit(edit));
                }
            }
            Gesture::Wire { from, to_in_canvas } => {
                if let Some(to) = state.cache.node_at(to_in_canvas)
                    && to != from
                    && let (Some(a), Some(b)) = (design.nodes.get(from), design.nodes.get(to))
                {
                    let (edit, id) = super::connect_edit(design, a, b);
                    out.push(CanvasResponse::Edit(edit));
                    out.push(CanvasResponse::SetSelection(Selection::edge(id.clone())));
                    let (ra, rb) = (state.cache.node_rects[from], state.cache.node_rects[to]);
                    state.wire_popup = Some(WirePopup {
                        edge: id,
                        at_in_canvas: ra.center().lerp(rb.center(), 0.5),
                        edge_seen: false,
                    });
                }
            }
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

    // --- Clicks.
    if response.clicked_by(PointerButton::Primary) {
        state.wire_popup = None;
        let toggle = modifiers.shift || modifiers.command;
        match hit.and_then(|h| h.target(design)) {
            Some(t) => {
                let s = selection_with(selection, &t, toggle);
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
    if response.double_clicked()
        && let Some(t) = hit.and_then(|h| h.target(design))
    {
        state.begin_rename(design, t);
    }
    if response.secondary_clicked()
        && let Some(t) = hit.and_then(|h| h.target(design))
        && !is_selected(selection, &t)
    {
        out.push(CanvasResponse::SetSelection(Selection::only(t.clone())));
    }
    let menu_target = state.hover.clone();
    let paste_at = state.pointer_in_canvas();
    response.context_menu(|ui| {
        let mut cmd = None;
        if let Some(t) = &menu_target
            && ui.button("Rename").clicked()
        {
            cmd = Some(CanvasCommand::Rename(t.clone()));
        }
        if !selection.is_empty() || menu_target.is_some() {
            if ui.button("Duplicate").clicked() {
                cmd = Some(CanvasCommand::Duplicate);
            }
            if ui.button("Copy").clicked() {
                cmd = Some(CanvasCommand::Copy);
            }
            if ui.button("Cut").clicked() {
                cmd = Some(CanvasCommand::Cut);
            }
            if ui.button("Delete").clicked() {
                cmd = Some(CanvasCommand::Delete);
            }
            ui.separator();
        }
        if ui.button("Paste").clicked() {
            cmd = Some(CanvasCommand::Paste(paste_at.unwrap_or_default()));
        }
        if ui.button("Select all").clicked() {
            cmd = Some(CanvasCommand::SelectAll);
        }
        if ui.button("Zoom to fit").clicked() {
            cmd = Some(CanvasCommand::ZoomToFit);
        }
        if !selection.is_empty() && ui.button("Zoom to selection").clicked() {
            cmd = Some(CanvasCommand::ZoomToSelection);
        }
        if let Some(cmd) = cmd {
            ui.close();
            out.push(CanvasResponse::Command(cmd));
        }
    });
    // Renaming is the canvas's own business: start it here rather than asking the app.
    if let Some(CanvasResponse::Command(CanvasCommand::Rename(t))) = out.last() {
        let t = t.clone();
        out.pop();
        state.begin_rename(design, t);
    }

    // --- Palette drop.
    if let Some(item) = response.dnd_release_payload::<PaletteItem>()
        && let Some(p) = state.pointer_in_canvas
    {
        let size = match *item {
            PaletteItem::Node(_) => Vec2::new(geometry::NODE_W, geometry::NODE_H),
            PaletteItem::Container(kind) => {
                let (w, h) = crate::model::catalog::container_info(kind).default_size;
                Vec2::new(w, h)
            }
        };
        let corner = snap((p - size / 2.0).to_vec2()).to_pos2();
        let (edit, target) = super::place_edit(design, *item, to_pos(corner));
        out.push(CanvasResponse::Edit(edit));
        out.push(CanvasResponse::SetSelection(Selection::only(target)));
    }

    // --- Arrow keys nudge the selection (only when no widget has keyboard focus).
    let nothing_focused = ui.memory(|m| m.focused().is_none());
    if nothing_focused && !selection.is_empty() && idle && state.rename.is_none() {
        let step = if modifiers.shift {
            options.grid_size.max(1.0) * 5.0
        } else if options.snap_to_grid {
            options.grid_size.max(1.0)
        } else {
            1.0
        };
        let (dx, dy) = ui.input(|i| {
            let mut d = Vec2::ZERO;
            if i.key_pressed(Key::ArrowLeft) {
                d.x -= step;
            }
            if i.key_pressed(Key::ArrowRight) {
                d.x += step;
            }
            if i.key_pressed(Key::ArrowUp) {
                d.y -= step;
            }
            if i.key_pressed(Key::ArrowDown) {
                d.y += step;
            }
            (d.x, d.y)
        });
        if (dx != 0.0 || dy != 0.0)
            && let Some(edit) = edits::move_edit(design, selection, dx, dy)
        {
            out.push(CanvasResponse::Edit(edit));
        }
    }

    // --- Paint.
    if state.zoom() >= paint::CAPTION_ZOOM.min(paint::EDGE_BADGE_ZOOM) {
        state.cache.ensure_captions(design);
    }
    let drop_hover = response
        .dnd_hover_payload::<PaletteItem>()
        .and(state.pointer_in_canvas);
    paint::paint_canvas(ui, &response, state, selection, input, options, drop_hover);

    // --- Overlays: rename editor, wiring popup, minimap.
    rename_ui(ui, state, design, &mut out);
    wire_popup_ui(ui, state, design, &mut out);
    if options.show_minimap {
        super::minimap::minimap_ui(ui, state, rect);
    }
    // The hovered element's tooltip: a node's full name, and the findings on it.
    if let Some(hit) = hit {
        hover_tooltip(&response, state, input, hit);
    }
    out
}

/// Everything wholly inside `area` (canvas units): nodes, containers, and edges whose two ends
/// are both selected.
fn box_selection(state: &CanvasState, design: &Design, area: Rect) -> Selection {
    let mut s = Selection::default();
    let mut picked = HashSet::new();
    for n in state.cache.nodes_in(area) {
        if area.contains_rect(state.cache.node_rects[n]) {
            picked.insert(n);
            s.nodes.insert(design.nodes[n].id.clone());
        }
    }
    for c in &design.containers {
        if area.contains_rect(super::state::to_egui_rect(&c.rect)) {
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

fn hover_tooltip(
    response: &egui::Response,
    state: &CanvasState,
    input: &CanvasInput<'_>,
    hit: Hit,
) {
    let node = match hit {
        Hit::Node(n) | Hit::Port(n) => input.design.nodes.get(n),
        _ => None,
    };
    let badge = match hit {
        Hit::Node(n) | Hit::Port(n) => state.cache.node_badges.get(n).and_then(|b| b.as_ref()),
        Hit::Edge(e) => state.cache.edge_badges.get(e).and_then(|b| b.as_ref()),
        _ => None,
    };
    let findings: Vec<_> = badge
        .map(|b| {
            b.findings
                .iter()
                .filter_map(|&i| input.report.findings.get(i))
                .collect()
        })
        .unwrap_or_default();
    if node.is_none() && findings.is_empty() {
        return;
    }
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(420.0);
        if let Some(node) = node {
            ui.horizontal_wrapped(|ui| {
                ui.strong(node.display_label());
                ui.weak(crate::model::catalog::node_info(node.kind).name);
            });
        }
        for f in findings {
            let colour = paint::severity_color(Some(f.severity), ui.visuals().dark_mode);
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(colour, f.severity.key());
                ui.strong(f.rule);
                ui.label(&f.message);
            });
            if let Some(reason) = &f.suppressed {
                ui.weak(format!("  suppressed: {reason}"));
            } else {
                ui.weak(format!("  fix: {} (guide §{})", f.fix, f.guide_section));
            }
        }
    });
}

/// The in-place label editor over the renamed element. Enter or clicking away commits; Escape
/// cancels.
fn rename_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    design: &Design,
    out: &mut Vec<CanvasResponse>,
) {
    let Some(rename) = state.rename.as_mut() else {
        return;
    };
    let t = state.screen_from_canvas;
    let area_in_canvas = match &rename.target {
        Target::Node(id) => state
            .cache
            .node_by_id
            .get(id.as_str())
            .map(|&i| state.cache.node_rects[i]),
        Target::Container(id) => state.cache.container_by_id.get(id.as_str()).map(|&i| {
            let r = super::state::to_egui_rect(&design.containers[i].rect);
            Rect::from_min_size(r.min, Vec2::new(r.width().min(240.0), CONTAINER_HEADER))
        }),
        Target::Edge(id) => design
            .edges
            .iter()
            .position(|e| &e.id == id)
            .and_then(|e| state.cache.edge_routes.get(e).copied().flatten())
            .map(|r| Rect::from_center_size(to_pos2(r.mid()), Vec2::new(140.0, 24.0))),
    };
    let Some(area) = area_in_canvas else {
        state.rename = None;
        return;
    };
    let screen = Rect::from_min_max(t * area.min, t * area.max);
    let editor_rect =
        Rect::from_center_size(screen.center(), Vec2::new(screen.width().max(140.0), 24.0));
    let id = ui.scope_id().with("archway_canvas_rename");
    let resp = ui.put(
        editor_rect,
        egui::TextEdit::singleline(&mut rename.text)
            .id(id)
            .align(egui::Align2::CENTER_CENTER),
    );
    ui.ctx()
        .accesskit_node_builder(resp.id, |node| node.set_label("New name"));
    if !rename.focused {
        resp.request_focus();
        rename.focused = true;
        return;
    }
    if resp.lost_focus() {
        let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
        let Some(rename) = state.rename.take() else {
            return;
        };
        if cancelled {
            return;
        }
        let edit = match &rename.target {
            Target::Node(id) => edits::rename_node_edit(design, id, &rename.text),
            Target::Edge(id) => design.edge(id.as_str()).and_then(|e| {
                let label = rename.text.trim().to_owned();
                (label != e.label).then(|| {
                    let mut e = e.clone();
                    e.label = label;
                    Edit::SetEdge(e)
                })
            }),
            Target::Container(id) => design.container(id.as_str()).and_then(|c| {
                let text = rename.text.trim();
                let label = if text == c.id.as_str() {
                    String::new()
                } else {
                    text.to_owned()
                };
                (label != c.label).then(|| {
                    let mut c = c.clone();
                    c.label = label;
                    Edit::SetContainer(c)
                })
            }),
        };
        if let Some(edit) = edit {
            out.push(CanvasResponse::Edit(edit));
        }
    }
}

/// The popup shown after wiring: change the new edge's kind, protocol and TLS flag. Each change
/// is one edit.
fn wire_popup_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    design: &Design,
    out: &mut Vec<CanvasResponse>,
) {
    let Some(popup) = state.wire_popup.clone() else {
        return;
    };
    let Some(edge) = design.edge(popup.edge.as_str()) else {
        if popup.edge_seen {
            state.wire_popup = None;
        }
        return;
    };
    if let Some(p) = state.wire_popup.as_mut() {
        p.edge_seen = true;
    }
    let pos = state.screen_from_canvas * popup.at_in_canvas + Vec2::new(12.0, 12.0);
    let mut close = false;
    let mut changed = edge.clone();
    egui::Area::new(ui.scope_id().with("archway_wire_popup"))
        .order(egui::Order::Foreground)
        .fixed_pos(pos)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(
                    egui::RichText::new(format!("Edge from {} to {}", edge.from, edge.to)).strong(),
                );
                egui::ComboBox::from_label("kind")
                    .selected_text(changed.kind.label())
                    .show_ui(ui, |ui| {
                        for k in EdgeKind::ALL {
                            ui.selectable_value(&mut changed.kind, k, k.label());
                        }
                    });
                egui::ComboBox::from_label("protocol")
                    .selected_text(changed.protocol.map_or("unset", Protocol::label))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut changed.protocol, None, "unset");
                        for p in Protocol::ALL {
                            ui.selectable_value(&mut changed.protocol, Some(p), p.label());
                        }
                    });
                if changed.protocol != Some(Protocol::Https) {
                    let mut tls = changed.props.tls.unwrap_or(false);
                    if ui.checkbox(&mut tls, "TLS").changed() {
                        changed.props.tls = Some(tls);
                    }
                }
                if ui.button("Done").clicked() {
                    close = true;
                }
            });
        });
    if &changed != edge {
        out.push(CanvasResponse::Edit(Edit::SetEdge(changed)));
    }
    if close || ui.input(|i| i.key_pressed(Key::Escape)) {
        state.wire_popup = None;
    }
}
