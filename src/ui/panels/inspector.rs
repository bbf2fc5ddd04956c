//! The inspector: typed editors for the selected node, edge or container, and for the
//! design's metadata, workload and review level when nothing is selected. It edits a copy
//! and returns an [`Edit`] (with a merge key, so typing a word is one undo step).

use super::fields;
use crate::model::catalog;
use crate::model::props::{Dlq, Environment, Role};
use crate::model::{
    ContainerId, ContainerKind, Design, EdgeKind, Edit, NodeId, NodeKind, Protocol, ReviewLevel,
};
use crate::ui::selection::{Element, Selection};
use egui::{Response, Ui};
use std::collections::BTreeMap;

/// An edit from the inspector with its undo label and merge key.
#[derive(Clone, Debug, PartialEq)]
pub struct InspectorEdit {
    pub edit: Edit,
    pub label: String,
    /// Consecutive edits of the same field merge into one undo step.
    pub merge_key: String,
}

/// Context the field editors need: the design's node ids (for references) and the kind of
/// the node being edited (for role choices).
pub struct FieldCx<'a> {
    pub node_ids: &'a [NodeId],
    pub kind: Option<NodeKind>,
}

/// Width of the label column.
const LABEL_W: f32 = 150.0;

/// A row: a label of fixed width, then the editor. Returns the editor's result.
fn row<R>(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui, egui::Id) -> R) -> R {
    ui.horizontal(|ui| {
        let l = ui
            .add_sized(
                [LABEL_W, 18.0],
                egui::Label::new(label).truncate().halign(egui::Align::LEFT),
            )
            .on_hover_text(label);
        add(ui, l.id)
    })
    .inner
}

fn labelled(r: Response, label_id: egui::Id) -> Response {
    r.labelled_by(label_id)
}

/// Text shown for an unset value.
pub const UNSET: &str = "unset";

/// Optional text: empty means unset.
pub fn opt_text(ui: &mut Ui, label: &str, v: &mut Option<String>) -> bool {
    row(ui, label, |ui, lid| {
        let mut text = v.clone().unwrap_or_default();
        let r = labelled(
            ui.add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text(UNSET)
                    .desired_width(f32::INFINITY),
            ),
            lid,
        );
        if r.changed() {
            *v = if text.is_empty() { None } else { Some(text) };
            true
        } else {
            false
        }
    })
}

/// Optional boolean: a three-way choice unset / yes / no (unset differs from no).
pub fn opt_bool(ui: &mut Ui, label: &str, v: &mut Option<bool>) -> bool {
    row(ui, label, |ui, lid| {
        let before = *v;
        let text = match v {
            None => UNSET,
            Some(true) => "yes",
            Some(false) => "no",
        };
        let cb = egui::ComboBox::from_id_salt(("bool", label, lid))
            .selected_text(text)
            .width(110.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                ui.selectable_value(v, Some(true), "yes");
                ui.selectable_value(v, Some(false), "no");
            });
        labelled(cb.response, lid);
        *v != before
    })
}

/// Optional number with a unit; "set" gives it a value, "×" unsets it.
pub fn opt_num<T: egui::emath::Numeric>(
    ui: &mut Ui,
    label: &str,
    v: &mut Option<T>,
    unit: &str,
) -> bool {
    row(ui, label, |ui, lid| {
        let mut changed = false;
        match v {
            Some(x) => {
                let mut dv = egui::DragValue::new(x);
                if !unit.is_empty() {
                    dv = dv.suffix(format!(" {unit}"));
                }
                if T::INTEGRAL {
                    dv = dv.speed(1.0);
                } else {
                    dv = dv.speed(0.1);
                }
                let r = labelled(ui.add(dv), lid);
                changed |= r.changed();
                if ui
                    .small_button("×")
                    .on_hover_text("Unset this value")
                    .clicked()
                {
                    *v = None;
                    changed = true;
                }
            }
            None => {
                let r = labelled(ui.button(UNSET).on_hover_text("Click to set a value"), lid);
                if r.clicked() {
                    *v = Some(T::from_f64(0.0));
                    changed = true;
                }
                if !unit.is_empty() {
                    ui.weak(unit);
                }
            }
        }
        changed
    })
}

/// Optional enum: a dropdown of `unset` and every value.
pub fn opt_enum<T: Copy + PartialEq + std::fmt::Display>(
    ui: &mut Ui,
    label: &str,
    v: &mut Option<T>,
    all: &[T],
) -> bool {
    row(ui, label, |ui, lid| {
        let before = *v;
        let text = v.map_or_else(|| UNSET.to_owned(), |x| x.to_string());
        let cb = egui::ComboBox::from_id_salt(("enum", label, lid))
            .selected_text(text)
            .width(160.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                for &x in all {
                    ui.selectable_value(v, Some(x), x.to_string());
                }
            });
        labelled(cb.response, lid);
        *v != before
    })
}

/// A set of enum values (checkboxes); empty means unset.
pub fn opt_enum_set<T: Copy + PartialEq + std::fmt::Display>(
    ui: &mut Ui,
    label: &str,
    v: &mut Option<Vec<T>>,
    all: &[T],
) -> bool {
    let mut list = v.clone().unwrap_or_default();
    let changed = vec_enum_set(ui, label, &mut list, all);
    if changed {
        *v = if list.is_empty() { None } else { Some(list) };
    }
    changed
}

/// A list of enum values (checkboxes), kept in catalogue order.
pub fn vec_enum_set<T: Copy + PartialEq + std::fmt::Display>(
    ui: &mut Ui,
    label: &str,
    list: &mut Vec<T>,
    all: &[T],
) -> bool {
    let mut changed = false;
    ui.label(format!("{label}:"));
    ui.indent(label, |ui| {
        ui.horizontal_wrapped(|ui| {
            for &x in all {
                let mut on = list.contains(&x);
                if ui.checkbox(&mut on, x.to_string()).changed() {
                    changed = true;
                    if on {
                        list.push(x);
                    } else {
                        list.retain(|y| *y != x);
                    }
                }
            }
        });
    });
    if changed {
        let order = |x: &T| all.iter().position(|y| y == x).unwrap_or(usize::MAX);
        list.sort_by_key(order);
    }
    changed
}

/// A list of words, edited as comma-separated text.
pub fn vec_text(ui: &mut Ui, label: &str, list: &mut Vec<String>) -> bool {
    row(ui, label, |ui, lid| {
        let mut text = list.join(", ");
        let r = labelled(
            ui.add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("comma-separated")
                    .desired_width(f32::INFINITY),
            ),
            lid,
        );
        if r.changed() {
            *list = split_list(&text);
            true
        } else {
            false
        }
    })
}

/// A map of `key: value` pairs, edited as `key = value; key = value`.
pub fn map_text(ui: &mut Ui, label: &str, map: &mut BTreeMap<String, String>) -> bool {
    row(ui, label, |ui, lid| {
        let mut text = map
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let r = labelled(
            ui.add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("route = scope; …")
                    .desired_width(f32::INFINITY),
            ),
            lid,
        );
        if r.changed() {
            *map = text
                .split(';')
                .filter_map(|pair| {
                    let (k, v) = pair.split_once('=')?;
                    let (k, v) = (k.trim(), v.trim());
                    (!k.is_empty()).then(|| (k.to_owned(), v.to_owned()))
                })
                .collect();
            true
        } else {
            false
        }
    })
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A reference to another node: a dropdown of the design's node ids.
pub fn opt_node(ui: &mut Ui, label: &str, v: &mut Option<NodeId>, cx: &FieldCx<'_>) -> bool {
    row(ui, label, |ui, lid| {
        let before = v.clone();
        let text = v.as_ref().map_or(UNSET, |n| n.as_str()).to_owned();
        let cb = egui::ComboBox::from_id_salt(("node", label, lid))
            .selected_text(text)
            .width(160.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                for id in cx.node_ids {
                    ui.selectable_value(v, Some(id.clone()), id.as_str());
                }
            });
        labelled(cb.response, lid);
        *v != before
    })
}

/// A list of node ids, edited as comma-separated text.
pub fn opt_node_list(
    ui: &mut Ui,
    label: &str,
    v: &mut Option<Vec<NodeId>>,
    _cx: &FieldCx<'_>,
) -> bool {
    let mut words: Vec<String> = v
        .as_ref()
        .map(|l| l.iter().map(|n| n.0.clone()).collect())
        .unwrap_or_default();
    if vec_text(ui, label, &mut words) {
        *v = if words.is_empty() {
            None
        } else {
            Some(words.into_iter().map(NodeId).collect())
        };
        true
    } else {
        false
    }
}

/// The node's role: the roles that fit its kind, plus free text for compute nodes.
pub fn opt_role(ui: &mut Ui, label: &str, v: &mut Option<Role>, cx: &FieldCx<'_>) -> bool {
    let choices = cx.kind.map(Role::choices).unwrap_or(&[]);
    let compute = cx.kind.is_some_and(NodeKind::is_compute);
    row(ui, label, |ui, lid| {
        let before = v.clone();
        let text = v.as_ref().map_or(UNSET, |r| r.key()).to_owned();
        let cb = egui::ComboBox::from_id_salt(("role", label, lid))
            .selected_text(text)
            .width(160.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                for r in choices {
                    ui.selectable_value(v, Some(r.clone()), r.key());
                }
                if compute && !matches!(v, Some(Role::Other(_))) && ui.button("other…").clicked()
                {
                    *v = Some(Role::Other(String::new()));
                }
            });
        labelled(cb.response, lid);
        if let Some(Role::Other(text)) = v {
            ui.add(egui::TextEdit::singleline(text).desired_width(100.0));
        }
        *v != before
    })
}

/// A queue's dead-letter setting: unset, on, off, or the id of the DLQ node.
pub fn opt_dlq(ui: &mut Ui, label: &str, v: &mut Option<Dlq>, cx: &FieldCx<'_>) -> bool {
    row(ui, label, |ui, lid| {
        let before = v.clone();
        let text = match v {
            None => UNSET.to_owned(),
            Some(Dlq::Enabled(true)) => "yes".to_owned(),
            Some(Dlq::Enabled(false)) => "no".to_owned(),
            Some(Dlq::Node(n)) => format!("DLQ node {n}"),
        };
        let cb = egui::ComboBox::from_id_salt(("dlq", label, lid))
            .selected_text(text)
            .width(160.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                ui.selectable_value(v, Some(Dlq::Enabled(true)), "yes");
                ui.selectable_value(v, Some(Dlq::Enabled(false)), "no");
                for id in cx.node_ids {
                    ui.selectable_value(v, Some(Dlq::Node(id.clone())), format!("DLQ node {id}"));
                }
            });
        labelled(cb.response, lid);
        *v != before
    })
}

/// A group of nested properties in a collapsing section; all-unset means unset.
pub fn opt_group<T: Default + PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    v: &mut Option<T>,
    body: impl FnOnce(&mut Ui, &mut T) -> bool,
) -> bool {
    let mut inner = v.clone().unwrap_or_default();
    let title = if v.is_some() {
        label.to_owned()
    } else {
        format!("{label} ({UNSET})")
    };
    let changed = egui::CollapsingHeader::new(title)
        .id_salt(("group", label))
        .show(ui, |ui| body(ui, &mut inner))
        .body_returned
        .unwrap_or(false);
    if changed {
        *v = if inner == T::default() {
            None
        } else {
            Some(inner)
        };
    }
    changed
}

/// Draws the inspector for the selection; returns the edit to apply, if any.
pub fn inspector_ui(ui: &mut Ui, design: &Design, selection: &Selection) -> Option<InspectorEdit> {
    let node_ids: Vec<NodeId> = design.nodes.iter().map(|n| n.id.clone()).collect();
    egui::ScrollArea::vertical()
        .id_salt("inspector_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| match selection.single() {
            Some(Element::Node(id)) => node_ui(ui, design, &id, &node_ids),
            Some(Element::Edge(id)) => edge_ui(ui, design, id.as_str(), &node_ids),
            Some(Element::Container(id)) => container_ui(ui, design, &id),
            None if selection.is_empty() => design_ui(ui, design),
            None => {
                ui.label(format!("{} elements selected.", selection.len()));
                ui.weak("Select one element to edit its properties.");
                None
            }
        })
        .inner
}

fn node_ui(
    ui: &mut Ui,
    design: &Design,
    id: &NodeId,
    node_ids: &[NodeId],
) -> Option<InspectorEdit> {
    let node = design.node(id.as_str())?;
    let mut n = node.clone();
    let info = catalog::node_info(n.kind);
    header_ui(
        ui,
        n.display_label(),
        info.name,
        n.id.as_str(),
        info.description,
    );
    let mut field = None;
    if opt_text_plain(ui, "Label", &mut n.label, info.name) {
        field = Some("label");
    }
    if choice_ui(ui, "Kind", &mut n.kind, &NodeKind::ALL, |k| {
        catalog::node_info(k).name
    }) {
        field = Some("kind");
    }
    let before_container = n.container.clone();
    container_choice(ui, design, &mut n.container, None);
    if n.container != before_container {
        field = Some("container");
    }
    ui.separator();
    ui.strong("Properties");
    let cx = FieldCx {
        node_ids,
        kind: Some(n.kind),
    };
    for f in catalog::applicable_props(n.kind) {
        if fields::node_field_ui(ui, f, &mut n.props, &cx) {
            field = Some(f);
        }
    }
    // Properties set in the file that do not apply to this kind stay visible, to be cleared.
    let stray: Vec<&str> = crate::model::NodeProps::FIELDS
        .iter()
        .copied()
        .filter(|f| !catalog::prop_applies(f, n.kind) && is_set(&n.props, f))
        .collect();
    if !stray.is_empty() {
        ui.separator();
        ui.weak("Set but not used for this kind:");
        for f in stray {
            if fields::node_field_ui(ui, f, &mut n.props, &cx) {
                field = Some(f);
            }
        }
    }
    let f = field?;
    Some(InspectorEdit {
        label: format!("edit {} of {}", f.replace('_', " "), n.id),
        merge_key: format!("node:{}:{f}", n.id),
        edit: Edit::SetNode(n),
    })
}

/// Whether a node property is set (serialises to something).
/// The heading of a node or container section: its label, kind name, id and the kind's description.
fn header_ui(ui: &mut Ui, title: &str, kind_name: &str, id: &str, description: &str) {
    ui.heading(title);
    ui.weak(format!("{kind_name} · id {id}"));
    ui.weak(description);
    ui.separator();
}

/// A dropdown row `label` choosing one of `all`, named by `name`; true when the user picked
/// another value.
fn choice_ui<K: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    kind: &mut K,
    all: &[K],
    name: impl Fn(K) -> &'static str,
) -> bool {
    let before = *kind;
    row(ui, label, |ui, lid| {
        let cb = egui::ComboBox::from_id_salt(("kind", lid))
            .selected_text(name(*kind))
            .width(160.0)
            .show_ui(ui, |ui| {
                for &k in all {
                    ui.selectable_value(kind, k, name(k));
                }
            });
        labelled(cb.response, lid);
    });
    *kind != before
}

fn is_set(props: &crate::model::NodeProps, field: &str) -> bool {
    // Cheap enough for the handful of fields per frame: serialise and look for the key.
    ron::to_string(props)
        .map(|s| s.contains(&format!("{field}:")))
        .unwrap_or(false)
}

/// Text that is stored empty when equal to nothing (label); the hint shows the default.
fn opt_text_plain(ui: &mut Ui, label: &str, v: &mut String, hint: &str) -> bool {
    row(ui, label, |ui, lid| {
        labelled(
            ui.add(
                egui::TextEdit::singleline(v)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            ),
            lid,
        )
        .changed()
    })
}

/// A dropdown of containers (`none` = top level). `exclude` leaves out a container (itself).
fn container_choice(
    ui: &mut Ui,
    design: &Design,
    v: &mut Option<ContainerId>,
    exclude: Option<&ContainerId>,
) {
    row(ui, "Container", |ui, lid| {
        let text = v
            .as_ref()
            .and_then(|c| design.container(c.as_str()))
            .map_or("none".to_owned(), |c| c.display_label().to_owned());
        let cb = egui::ComboBox::from_id_salt(("container", lid))
            .selected_text(text)
            .width(160.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, "none");
                for c in &design.containers {
                    if Some(&c.id) == exclude {
                        continue;
                    }
                    ui.selectable_value(
                        v,
                        Some(c.id.clone()),
                        format!(
                            "{} ({})",
                            c.display_label(),
                            catalog::container_info(c.kind).name
                        ),
                    );
                }
            });
        labelled(cb.response, lid);
    });
}

fn edge_ui(ui: &mut Ui, design: &Design, id: &str, node_ids: &[NodeId]) -> Option<InspectorEdit> {
    let edge = design.edge(id)?;
    let mut e = edge.clone();
    ui.heading(format!("{} to {}", e.from, e.to));
    ui.weak(format!("connection · id {}", e.id));
    ui.separator();
    let mut field = None;
    if opt_text_plain(ui, "Label", &mut e.label, "") {
        field = Some("label");
    }
    let before = (e.kind, e.protocol);
    choice_ui(
        ui,
        "Edge kind",
        &mut e.kind,
        &EdgeKind::ALL,
        EdgeKind::label,
    );
    row(ui, "Protocol", |ui, lid| {
        let cb = egui::ComboBox::from_id_salt(("protocol", lid))
            .selected_text(e.protocol.map_or(UNSET, Protocol::label))
            .width(160.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut e.protocol, None, UNSET);
                for p in Protocol::ALL {
                    ui.selectable_value(&mut e.protocol, Some(p), p.label());
                }
            });
        labelled(cb.response, lid);
    });
    if (e.kind, e.protocol) != before {
        field = Some("kind");
    }
    if ui
        .button("Reverse direction")
        .on_hover_text("Swap the two ends of this connection")
        .clicked()
    {
        std::mem::swap(&mut e.from, &mut e.to);
        field = Some("direction");
    }
    ui.separator();
    ui.strong("Properties");
    let cx = FieldCx {
        node_ids,
        kind: None,
    };
    if fields::edge_fields_ui(ui, &mut e.props, &cx) {
        field = Some("props");
    }
    let f = field?;
    Some(InspectorEdit {
        label: format!("edit {f} of {}", e.id),
        merge_key: format!("edge:{}:{f}", e.id),
        edit: Edit::SetEdge(e),
    })
}

fn container_ui(ui: &mut Ui, design: &Design, id: &ContainerId) -> Option<InspectorEdit> {
    let c = design.container(id.as_str())?;
    let mut c2 = c.clone();
    let info = catalog::container_info(c2.kind);
    header_ui(
        ui,
        c2.display_label(),
        info.name,
        c2.id.as_str(),
        info.description,
    );
    let mut field = None;
    if opt_text_plain(ui, "Label", &mut c2.label, c2.id.as_str()) {
        field = Some("label");
    }
    if choice_ui(ui, "Kind", &mut c2.kind, &ContainerKind::ALL, |k| {
        catalog::container_info(k).name
    }) {
        field = Some("kind");
    }
    let before = c2.parent.clone();
    container_choice(ui, design, &mut c2.parent, Some(id));
    if c2.parent != before {
        field = Some("parent");
    }
    if c2.kind == ContainerKind::Region && opt_text(ui, "Geography", &mut c2.geo) {
        field = Some("geo");
    }
    let before = c2.rect;
    row(ui, "Size", |ui, lid| {
        let w = ui.add(
            egui::DragValue::new(&mut c2.rect.w)
                .range(40.0..=100_000.0)
                .prefix("w ")
                .suffix(" px"),
        );
        labelled(w, lid);
        ui.add(
            egui::DragValue::new(&mut c2.rect.h)
                .range(40.0..=100_000.0)
                .prefix("h ")
                .suffix(" px"),
        );
    });
    if c2.rect != before {
        field = Some("size");
    }
    let f = field?;
    Some(InspectorEdit {
        label: format!("edit {f} of {}", c2.id),
        merge_key: format!("container:{}:{f}", c2.id),
        edit: Edit::SetContainer(c2),
    })
}

fn design_ui(ui: &mut Ui, design: &Design) -> Option<InspectorEdit> {
    ui.heading("Design");
    ui.weak("Nothing selected: these settings apply to the whole design.");
    ui.separator();
    let mut out = None;
    let mut m = design.metadata.clone();
    let mut changed = opt_text_plain(ui, "Title", &mut m.title, "Untitled design");
    let label = ui.label("Description");
    changed |= ui
        .add(
            egui::TextEdit::multiline(&mut m.description)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
        .changed();
    let label = ui.label("Notes");
    changed |= ui
        .add(
            egui::TextEdit::multiline(&mut m.notes)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
        .changed();
    if changed {
        out = Some(InspectorEdit {
            edit: Edit::SetMetadata(m),
            label: "edit design metadata".into(),
            merge_key: "design:metadata".into(),
        });
    }
    let mut level = design.review_level;
    row(ui, "Review level", |ui, lid| {
        let cb = egui::ComboBox::from_id_salt(("review_level", lid))
            .selected_text(match level {
                ReviewLevel::Sketch => "sketch (shape rules only)",
                ReviewLevel::Production => "production (every rule)",
            })
            .width(200.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut level, ReviewLevel::Sketch, "sketch (shape rules only)");
                ui.selectable_value(
                    &mut level,
                    ReviewLevel::Production,
                    "production (every rule)",
                );
            });
        labelled(cb.response, lid);
    });
    if level != design.review_level {
        out = Some(InspectorEdit {
            edit: Edit::SetReviewLevel(level),
            label: "change review level".into(),
            merge_key: "design:level".into(),
        });
    }
    ui.separator();
    ui.strong("Workload");
    let mut w = design.workload.clone();
    let mut changed = false;
    changed |= opt_enum(ui, "Environment", &mut w.environment, Environment::ALL);
    changed |= opt_num(
        ui,
        "Availability target",
        &mut w.availability_target_pct,
        "%",
    );
    changed |= opt_num(ui, "Daily active users", &mut w.dau, "users");
    changed |= opt_num(ui, "Concurrent peak", &mut w.concurrent_peak, "users");
    changed |= opt_num(ui, "Peak factor", &mut w.peak_factor, "×");
    changed |= opt_num(
        ui,
        "Requests per user",
        &mut w.requests_per_user_per_day,
        "/day",
    );
    changed |= opt_num(ui, "Read/write ratio", &mut w.read_write_ratio, ": 1");
    changed |= opt_num(ui, "Read rate", &mut w.read_qps, "q/s");
    changed |= opt_num(ui, "Write rate", &mut w.write_qps, "q/s");
    changed |= opt_num(ui, "Peak rate", &mut w.peak_rps, "req/s");
    changed |= opt_num(ui, "Request size", &mut w.request_kb, "KB");
    changed |= opt_num(ui, "Response size", &mut w.response_kb, "KB");
    changed |= opt_num(ui, "Cache hit ratio", &mut w.cache_hit_ratio, "(0–1)");
    changed |= opt_num(ui, "Latency target", &mut w.latency_target_ms, "ms");
    changed |= vec_text(ui, "User geographies", &mut w.user_geos);
    changed |= opt_bool(ui, "Multi-tenant", &mut w.multi_tenant);
    changed |= opt_bool(ui, "Zero trust", &mut w.zero_trust);
    changed |= opt_num(ui, "Max followers", &mut w.max_followers, "");
    changed |= opt_num(ui, "Max group size", &mut w.max_group_size, "");
    changed |= opt_bool(ui, "Hot keys", &mut w.hot_keys);
    changed |= opt_num(ui, "Max file size", &mut w.max_file_size_mb, "MB");
    let t = &mut w.thresholds;
    egui::CollapsingHeader::new("Rule thresholds")
        .id_salt("thresholds")
        .show(ui, |ui| {
            changed |= opt_num(ui, "Read-heavy ratio", &mut t.read_heavy_ratio, ": 1");
            changed |= opt_num(
                ui,
                "Fan-out threshold",
                &mut t.fanout_threshold,
                "followers",
            );
            changed |= opt_num(
                ui,
                "Full-text doc threshold",
                &mut t.fts_doc_threshold,
                "docs",
            );
            changed |= opt_num(ui, "Chunk threshold", &mut t.chunk_threshold_mb, "MB");
            changed |= opt_num(ui, "JWT max access", &mut t.jwt_max_access_min, "min");
            changed |= opt_num(
                ui,
                "Serverless latency budget",
                &mut t.sls_latency_budget_ms,
                "ms",
            );
            changed |= opt_num(
                ui,
                "Serverless max duration",
                &mut t.sls_max_duration_s,
                "s",
            );
            changed |= opt_num(
                ui,
                "Premature shard writes",
                &mut t.premature_shard_write_qps,
                "q/s",
            );
            changed |= opt_num(ui, "Heavy database rate", &mut t.heavy_db_qps, "q/s");
            changed |= opt_num(ui, "Steady volume", &mut t.steady_volume_rps, "req/s");
        });
    if changed {
        out = Some(InspectorEdit {
            edit: Edit::SetWorkload(w),
            label: "edit workload".into(),
            merge_key: "design:workload".into(),
        });
    }
    out
}
