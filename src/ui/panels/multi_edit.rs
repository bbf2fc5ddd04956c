//! Editing a multi-selection: the properties the selected components (or connections) share,
//! each changed for all of them at once as one undoable step. A field whose values differ is
//! shown unset and marked "mixed"; setting it gives every selected element the new value. The
//! components' kind can be changed among the kinds of their one family, and "Move to container"
//! puts them all in a container (placed inside it, clear of its other components) or takes
//! them out of every container.

use super::fields::{self, FieldCx, InspectorEdit, UNSET, fit_width, labelled, row};
use crate::geometry;
use crate::model::catalog::{self, Category};
use crate::model::props::{Prop, PropStruct};
use crate::model::{
    ContainerId, Design, Edge, EdgeProps, Edit, Node, NodeId, NodeKind, NodeProps, Pos, Protocol,
    Rect,
};
use crate::ui::selection::Selection;
use egui::Ui;

/// The inspector for a selection of several elements; returns the edit to apply, if any.
pub fn multi_ui(
    ui: &mut Ui,
    design: &Design,
    selection: &Selection,
    node_ids: &[NodeId],
) -> Option<InspectorEdit> {
    ui.label(format!(
        "{} elements selected.",
        crate::capacity::format::thousands(selection.len() as f64)
    ));
    // One pass over the design (a selection may hold every one of 10,000 components).
    let nodes: Vec<&Node> = design
        .nodes
        .iter()
        .filter(|n| selection.nodes.contains(&n.id))
        .collect();
    let edges: Vec<&Edge> = design
        .edges
        .iter()
        .filter(|e| selection.edges.contains(&e.id))
        .collect();
    if nodes.len() < 2 && edges.len() < 2 {
        ui.weak("Select one element, or several components or connections, to edit them.");
        return None;
    }
    let mut out = None;
    if nodes.len() >= 2 {
        ui.separator();
        ui.strong(format!("{} components: shared properties", nodes.len()));
        out = kind_ui(ui, &nodes)
            .or(container_ui(ui, design, &nodes))
            .or(nodes_ui(ui, &nodes, node_ids));
    }
    if edges.len() >= 2 {
        ui.separator();
        ui.strong(format!("{} connections: shared properties", edges.len()));
        out = out.or(edges_ui(ui, &edges, node_ids));
    }
    out
}

/// Shows property `prop` of `first` for the whole group: as it is when every element agrees,
/// unset and marked "mixed" when they differ (`mixed`). Returns the edited copy when the user changed it.
fn shared_prop_ui<S: PropStruct + Clone>(
    ui: &mut Ui,
    first: &S,
    mixed: bool,
    prop: &Prop<S>,
    cx: &FieldCx<'_>,
) -> Option<S> {
    let mut shown = first.clone();
    if mixed {
        (prop.clear)(&mut shown);
        ui.weak(format!("{}: mixed values", prop.label));
    }
    fields::prop_ui(ui, &mut shown, prop, cx).then_some(shown)
}

/// The kind of the selected components, when they are all of one family (category): a choice
/// among that family's kinds, "mixed" when they differ.
fn kind_ui(ui: &mut Ui, nodes: &[&Node]) -> Option<InspectorEdit> {
    let family = catalog::node_info(nodes[0].kind).category;
    if nodes
        .iter()
        .any(|n| catalog::node_info(n.kind).category != family)
    {
        ui.weak("Kind: components of several families (select one family to change it)");
        return None;
    }
    let first = nodes[0].kind;
    let mixed = nodes.iter().any(|n| n.kind != first);
    let mut chosen: Option<NodeKind> = None;
    row(ui, "Kind", |ui, lid| {
        let shown = if mixed {
            "mixed"
        } else {
            catalog::node_info(first).name
        };
        let cb = egui::ComboBox::from_id_salt(("multi_kind", lid))
            .selected_text(shown)
            .width(fit_width(ui, 160.0))
            .show_ui(ui, |ui| {
                for k in kinds_of(family) {
                    let current = !mixed && k == first;
                    if ui
                        .selectable_label(current, catalog::node_info(k).name)
                        .clicked()
                        && !current
                    {
                        chosen = Some(k);
                    }
                }
            });
        labelled(cb.response, lid);
    });
    let kind = chosen?;
    let edits = nodes
        .iter()
        .filter(|n| n.kind != kind)
        .map(|n| {
            let mut n = (*n).clone();
            n.kind = kind;
            Edit::SetNode(n)
        })
        .collect();
    Some(InspectorEdit {
        label: format!("change the kind of {} components", nodes.len()),
        merge_key: format!("nodes:{}:{}:kind", nodes.len(), nodes[0].id),
        edit: Edit::Batch(edits),
    })
}

/// The node kinds of one family, in catalog order.
fn kinds_of(family: Category) -> impl Iterator<Item = NodeKind> {
    NodeKind::ALL
        .into_iter()
        .filter(move |k| catalog::node_info(*k).category == family)
}

/// "Move to container": the container the selected components are in (or "mixed", or none),
/// and a choice of every container and of none; choosing one moves them into it, choosing
/// none takes them out of every container.
fn container_ui(ui: &mut Ui, design: &Design, nodes: &[&Node]) -> Option<InspectorEdit> {
    if design.containers.is_empty() {
        return None;
    }
    let first = nodes[0].container.as_ref();
    let mixed = nodes.iter().any(|n| n.container.as_ref() != first);
    let name = |id: &ContainerId| {
        design.container(id.as_str()).map_or_else(
            || id.to_string(),
            |c| {
                format!(
                    "{} ({})",
                    c.display_label(),
                    catalog::container_info(c.kind).name
                )
            },
        )
    };
    // `Some(None)`: out of every container.
    let mut chosen: Option<Option<ContainerId>> = None;
    row(ui, "Move to container", |ui, lid| {
        let shown = match (mixed, first) {
            (true, _) => "mixed".to_owned(),
            (false, Some(c)) => name(c),
            (false, None) => "none".to_owned(),
        };
        let cb = egui::ComboBox::from_id_salt(("multi_container", lid))
            .selected_text(shown)
            .width(fit_width(ui, 160.0))
            .show_ui(ui, |ui| {
                let top = !mixed && first.is_none();
                if ui.selectable_label(top, TOP_LEVEL).clicked() && !top {
                    chosen = Some(None);
                }
                for c in &design.containers {
                    let current = !mixed && first == Some(&c.id);
                    if ui.selectable_label(current, name(&c.id)).clicked() && !current {
                        chosen = Some(Some(c.id.clone()));
                    }
                }
            });
        labelled(cb.response, lid);
    });
    let chosen = chosen?;
    let (edit, label) = match &chosen {
        Some(target) => (move_into(design, nodes, target)?, "into a container"),
        None => (move_out(design, nodes)?, "out of their containers"),
    };
    // Each move its own undo step: the key names where they went.
    let to = chosen.as_ref().map_or("", ContainerId::as_str);
    Some(InspectorEdit {
        label: format!("move {} components {label}", nodes.len()),
        merge_key: format!("nodes:{}:{}:container:{to}", nodes.len(), nodes[0].id),
        edit,
    })
}

/// The choice of "Move to container" that takes the components out of every container.
const TOP_LEVEL: &str = "(none: top level)";

/// The edit that takes `nodes` out of every container: a component already standing outside
/// every container only leaves its own; the others are placed in a column right of all the
/// containers, below what already stands there, so the canvas shows them at the top level.
/// `None` when none is in a container.
fn move_out(design: &Design, nodes: &[&Node]) -> Option<Edit> {
    const GAP: f32 = 24.0;
    let outside = |n: &Node| {
        let centre = geometry::center(&geometry::node_rect(n));
        geometry::innermost_container_at(design, centre, |_| false).is_none()
    };
    let (right, top) = design
        .containers
        .iter()
        .map(|c| c.rect)
        .filter(|r| r.x.is_finite() && r.y.is_finite() && r.w.is_finite())
        .fold((f32::MIN, f32::MAX), |(right, top), r| {
            (right.max(r.x + r.w), top.min(r.y))
        });
    let x = if right > f32::MIN { right + GAP } else { 0.0 };
    let widest = nodes
        .iter()
        .map(|n| geometry::node_rect(n).w)
        .fold(0.0, f32::max);
    let moving: std::collections::HashSet<&NodeId> = nodes.iter().map(|n| &n.id).collect();
    // Below whatever already stands in the column.
    let mut y = design
        .nodes
        .iter()
        .filter(|n| !moving.contains(&n.id) || outside(n))
        .map(geometry::node_rect)
        .filter(|r| r.x < x + widest && x < r.x + r.w && r.y + r.h >= top)
        .map(|r| r.y + r.h + GAP)
        .fold(if top < f32::MAX { top } else { 0.0 }, f32::max);
    let mut edits = Vec::new();
    for n in nodes {
        let mut changed = (*n).clone();
        changed.container = None;
        if !outside(n) {
            changed.pos = Pos::new(x, y);
            y += geometry::node_rect(n).h + GAP;
        }
        if changed != **n {
            edits.push(Edit::SetNode(changed));
        }
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The edit that puts `nodes` in container `target`: a component already standing in it (and
/// not in one of its inner containers) only joins it; the others are placed on free spots
/// inside it, nearest its middle, row by row, so the canvas shows them where they belong.
/// `None` when the container is not in the design.
fn move_into(design: &Design, nodes: &[&Node], target: &ContainerId) -> Option<Edit> {
    let area = design.container(target.as_str())?.rect;
    let stands_in = |n: &Node| {
        let centre = geometry::center(&geometry::node_rect(n));
        geometry::innermost_container_at(design, centre, |_| false).as_ref() == Some(target)
    };
    let moving: std::collections::HashSet<&NodeId> = nodes.iter().map(|n| &n.id).collect();
    // The rectangles to keep clear of: the other components (and those already placed).
    let mut taken: Vec<Rect> = design
        .nodes
        .iter()
        .filter(|n| !moving.contains(&n.id) || stands_in(n))
        .map(geometry::node_rect)
        .collect();
    let mut edits = Vec::new();
    for n in nodes {
        let mut changed = (*n).clone();
        changed.container = Some(target.clone());
        if !stands_in(n) {
            let (w, h) = (
                geometry::node_rect(n).w.max(1.0),
                geometry::node_rect(n).h.max(1.0),
            );
            let pos = free_spot_inside(design, target, &area, &taken, w, h);
            changed.pos = pos;
            taken.push(Rect::new(pos.x, pos.y, w, h));
        }
        if changed != **n {
            edits.push(Edit::SetNode(changed));
        }
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The top-left corner of a `w`×`h` spot inside `area` (container `target`'s rectangle, below
/// its title band) that overlaps none of `taken` and lies in no inner container, nearest the
/// middle of the area; the area's first corner when it is full.
fn free_spot_inside(
    design: &Design,
    target: &ContainerId,
    area: &Rect,
    taken: &[Rect],
    w: f32,
    h: f32,
) -> Pos {
    const PAD: f32 = 16.0;
    const TITLE: f32 = 32.0;
    const GAP: f32 = 8.0;
    let (left, top) = (area.x + PAD, area.y + TITLE);
    let (right, bottom) = (area.x + area.w - PAD - w, area.y + area.h - PAD - h);
    let middle = Pos::new(area.x + area.w / 2.0, area.y + area.h / 2.0);
    // At most about 100 × 100 candidate spots, however large the container.
    let step = (area.w.max(area.h) / 100.0).max(20.0);
    let columns = ((right - left) / step).floor().clamp(0.0, 100.0) as usize;
    let rows = ((bottom - top) / step).floor().clamp(0.0, 100.0) as usize;
    let mut spots: Vec<Pos> = (0..=rows)
        .flat_map(|r| {
            (0..=columns).map(move |c| Pos::new(left + c as f32 * step, top + r as f32 * step))
        })
        .collect();
    let distance =
        |at: &Pos| (at.x + w / 2.0 - middle.x).powi(2) + (at.y + h / 2.0 - middle.y).powi(2);
    spots.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    let near: Vec<&Rect> = taken
        .iter()
        .filter(|t| {
            t.x < area.x + area.w
                && area.x < t.x + t.w
                && t.y < area.y + area.h
                && area.y < t.y + t.h
        })
        .collect();
    let clear = |at: &Pos| {
        near.iter().all(|t| {
            !(t.x < at.x + w + GAP
                && at.x < t.x + t.w + GAP
                && t.y < at.y + h + GAP
                && at.y < t.y + t.h + GAP)
        })
    };
    spots
        .into_iter()
        .find(|at| {
            clear(at)
                && geometry::innermost_container_at(
                    design,
                    Pos::new(at.x + w / 2.0, at.y + h / 2.0),
                    |_| false,
                )
                .as_ref()
                    == Some(target)
        })
        .unwrap_or(Pos::new(left, top))
}

fn nodes_ui(ui: &mut Ui, nodes: &[&Node], node_ids: &[NodeId]) -> Option<InspectorEdit> {
    let first = nodes[0];
    let cx = FieldCx {
        node_ids,
        // The pickers that depend on the kind (roles) follow the first component.
        kind: Some(first.kind),
    };
    let shared = NodeProps::PROPS
        .iter()
        .filter(|p| nodes.iter().all(|n| p.applies(n.kind)));
    let mut out = None;
    for prop in shared {
        let mixed = nodes[1..]
            .iter()
            .any(|n| !(prop.same)(&first.props, &n.props));
        // Every field is drawn in every frame, even the one after a change.
        if let Some(edited) = shared_prop_ui(ui, &first.props, mixed, prop, &cx)
            && out.is_none()
        {
            let edits = nodes
                .iter()
                .map(|n| {
                    let mut n = (*n).clone();
                    (prop.copy)(&edited, &mut n.props);
                    Edit::SetNode(n)
                })
                .collect();
            out = Some(InspectorEdit {
                label: format!(
                    "edit {} of {} components",
                    prop.name.replace('_', " "),
                    nodes.len()
                ),
                merge_key: format!("nodes:{}:{}:{}", nodes.len(), first.id, prop.name),
                edit: Edit::Batch(edits),
            });
        }
    }
    out
}

fn edges_ui(ui: &mut Ui, edges: &[&Edge], node_ids: &[NodeId]) -> Option<InspectorEdit> {
    let first = edges[0];
    let batch = |what: &str, set: &dyn Fn(&mut Edge)| InspectorEdit {
        label: format!("edit {what} of {} connections", edges.len()),
        merge_key: format!("edges:{}:{}:{what}", edges.len(), first.id),
        edit: Edit::Batch(
            edges
                .iter()
                .map(|e| {
                    let mut e = (*e).clone();
                    set(&mut e);
                    Edit::SetEdge(e)
                })
                .collect(),
        ),
    };
    let mixed = edges.iter().any(|e| e.protocol != first.protocol);
    let mut protocol = if mixed { None } else { first.protocol };
    let before = protocol;
    row(ui, "Protocol", |ui, lid| {
        let shown = match (mixed, protocol) {
            (true, None) => "mixed",
            (_, p) => p.map_or(UNSET, Protocol::label),
        };
        let cb = egui::ComboBox::from_id_salt(("multi_protocol", lid))
            .selected_text(shown)
            .width(fit_width(ui, 160.0))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut protocol, None, UNSET);
                for p in Protocol::ALL {
                    ui.selectable_value(&mut protocol, Some(p), p.label());
                }
            });
        labelled(cb.response, lid);
    });
    let mut out = (protocol != before).then(|| batch("protocol", &|e| e.protocol = protocol));
    let cx = FieldCx {
        node_ids,
        kind: None,
    };
    for prop in EdgeProps::PROPS {
        let mixed = edges[1..]
            .iter()
            .any(|e| !(prop.same)(&first.props, &e.props));
        if let Some(edited) = shared_prop_ui(ui, &first.props, mixed, prop, &cx)
            && out.is_none()
        {
            out = Some(batch(prop.name, &|e| (prop.copy)(&edited, &mut e.props)));
        }
    }
    out
}
