//! Editing a multi-selection: the properties the selected components (or connections) share,
//! each changed for all of them at once as one undoable step. A field whose values differ is
//! shown unset and marked "mixed"; setting it gives every selected element the new value.

use super::fields::{self, FieldCx, InspectorEdit, UNSET, fit_width, labelled, row};
use crate::model::props::{Prop, PropStruct};
use crate::model::{Design, Edge, EdgeProps, Edit, Node, NodeId, NodeProps, Protocol};
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
        out = nodes_ui(ui, &nodes, node_ids);
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
