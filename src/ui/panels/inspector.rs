//! The inspector: typed editors for the selected node, edge or container, and for the
//! design's metadata, workload and review level when nothing is selected. It edits a copy
//! and returns an [`Edit`] (with a merge key, so typing a word is one undo step).

pub use super::fields::InspectorEdit;
use super::fields::{
    self, FieldCx, UNSET, fit_width, labelled, opt_bool, opt_enum, opt_num, opt_text, row, vec_text,
};
use crate::model::catalog;
use crate::model::props::{Environment, PropStruct};
use crate::model::{
    ContainerId, ContainerKind, Design, EdgeKind, Edit, NodeId, NodeKind, NodeProps, Protocol,
    ReviewLevel, Thresholds,
};
use crate::ui::selection::{Element, Selection};
use egui::Ui;

/// Draws the inspector for the selection; returns the edit to apply, if any.
pub fn inspector_ui(ui: &mut Ui, design: &Design, selection: &Selection) -> Option<InspectorEdit> {
    // Only a node or an edge needs every node id (for its connection pickers): nothing
    // proportional to the design is done in a frame with nothing selected.
    let node_ids = || -> Vec<NodeId> { design.nodes.iter().map(|n| n.id.clone()).collect() };
    egui::ScrollArea::vertical()
        .id_salt("inspector_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| match selection.single() {
            Some(Element::Node(id)) => node_ui(ui, design, &id, &node_ids()),
            Some(Element::Edge(id)) => edge_ui(ui, design, id.as_str(), &node_ids()),
            Some(Element::Container(id)) => container_ui(ui, design, &id),
            None if selection.is_empty() => design_ui(ui, design),
            None => super::multi_edit::multi_ui(ui, design, selection, &node_ids()),
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
    let kind = n.kind;
    for prop in NodeProps::PROPS.iter().filter(|p| p.applies(kind)) {
        if fields::prop_ui(ui, &mut n.props, prop, &cx) {
            field = Some(prop.name);
        }
    }
    // Properties set in the file that do not apply to this kind stay visible, to be cleared.
    let stray: Vec<_> = NodeProps::PROPS
        .iter()
        .filter(|p| !p.applies(kind) && (p.is_set)(&n.props))
        .collect();
    if !stray.is_empty() {
        ui.separator();
        ui.weak("Set but not used for this kind:");
        for prop in stray {
            if fields::prop_ui(ui, &mut n.props, prop, &cx) {
                field = Some(prop.name);
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
            .width(fit_width(ui, 160.0))
            .show_ui(ui, |ui| {
                for &k in all {
                    ui.selectable_value(kind, k, name(k));
                }
            });
        labelled(cb.response, lid);
    });
    *kind != before
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
            .width(fit_width(ui, 160.0))
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
    ui.weak(e.kind.description());
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
            .width(fit_width(ui, 160.0))
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
    if fields::props_ui(ui, &mut e.props, &cx) {
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
    // The container's properties, from the same descriptor table as nodes' and edges'.
    let cx = FieldCx {
        node_ids: &[],
        kind: None,
    };
    if fields::props_ui(ui, &mut c2.props, &cx) {
        field = Some("props");
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
    let metadata = metadata_ui(ui, design);
    let level = review_level_ui(ui, design);
    ui.separator();
    ui.strong("Workload");
    let workload = workload_ui(ui, design);
    workload.or(level).or(metadata)
}

/// Title, description and notes of the design.
fn metadata_ui(ui: &mut Ui, design: &Design) -> Option<InspectorEdit> {
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
    changed.then(|| InspectorEdit {
        edit: Edit::SetMetadata(m),
        label: "edit design metadata".into(),
        merge_key: "design:metadata".into(),
    })
}

/// The review level: sketch (shape rules only) or production (every rule).
fn review_level_ui(ui: &mut Ui, design: &Design) -> Option<InspectorEdit> {
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
    (level != design.review_level).then(|| InspectorEdit {
        edit: Edit::SetReviewLevel(level),
        label: "change review level".into(),
        merge_key: "design:level".into(),
    })
}

/// The workload the estimator and the rules assume, with the rule thresholds.
fn workload_ui(ui: &mut Ui, design: &Design) -> Option<InspectorEdit> {
    let mut w = design.workload.clone();
    let mut changed = false;
    changed |= opt_enum(ui, "Environment", &mut w.environment, Environment::ALL);
    changed |= opt_num(
        ui,
        "availability_target_pct",
        "Availability target",
        &mut w.availability_target_pct,
        "%",
    );
    changed |= opt_num(ui, "dau", "Daily active users", &mut w.dau, "users");
    changed |= opt_num(
        ui,
        "concurrent_peak",
        "Concurrent peak",
        &mut w.concurrent_peak,
        "users",
    );
    changed |= opt_num(ui, "peak_factor", "Peak factor", &mut w.peak_factor, "×");
    changed |= opt_num(
        ui,
        "requests_per_user_per_day",
        "Requests per user",
        &mut w.requests_per_user_per_day,
        "/day",
    );
    changed |= opt_num(
        ui,
        "read_write_ratio",
        "Read/write ratio",
        &mut w.read_write_ratio,
        ": 1",
    );
    changed |= opt_num(ui, "read_qps", "Read rate", &mut w.read_qps, "q/s");
    changed |= opt_num(ui, "write_qps", "Write rate", &mut w.write_qps, "q/s");
    changed |= opt_num(ui, "peak_rps", "Peak rate", &mut w.peak_rps, "req/s");
    changed |= opt_num(ui, "request_kb", "Request size", &mut w.request_kb, "KB");
    changed |= opt_num(ui, "response_kb", "Response size", &mut w.response_kb, "KB");
    changed |= opt_num(
        ui,
        "cache_hit_ratio",
        "Cache hit ratio",
        &mut w.cache_hit_ratio,
        "(0–1)",
    );
    changed |= opt_num(
        ui,
        "latency_target_ms",
        "Latency target",
        &mut w.latency_target_ms,
        "ms",
    );
    changed |= vec_text(ui, "User geographies", &mut w.user_geos);
    changed |= opt_bool(ui, "Multi-tenant", &mut w.multi_tenant);
    changed |= opt_bool(ui, "Zero trust", &mut w.zero_trust);
    changed |= opt_num(
        ui,
        "max_followers",
        "Max followers",
        &mut w.max_followers,
        "",
    );
    changed |= opt_num(
        ui,
        "max_group_size",
        "Max group size",
        &mut w.max_group_size,
        "",
    );
    changed |= opt_bool(ui, "Hot keys", &mut w.hot_keys);
    changed |= opt_num(
        ui,
        "max_file_size_mb",
        "Max file size",
        &mut w.max_file_size_mb,
        "MB",
    );
    changed |= opt_num(
        ui,
        "default_timeout_ms",
        "Default timeout",
        &mut w.default_timeout_ms,
        "ms",
    );
    egui::CollapsingHeader::new("Rule thresholds")
        .id_salt("thresholds")
        .show(ui, |ui| changed |= thresholds_ui(ui, &mut w.thresholds));
    changed.then(|| InspectorEdit {
        edit: Edit::SetWorkload(w),
        label: "edit workload".into(),
        merge_key: "design:workload".into(),
    })
}

/// The rule thresholds a design may override; returns whether one changed.
fn thresholds_ui(ui: &mut Ui, t: &mut Thresholds) -> bool {
    let mut changed = false;
    changed |= opt_num(
        ui,
        "read_heavy_ratio",
        "Read-heavy ratio",
        &mut t.read_heavy_ratio,
        ": 1",
    );
    changed |= opt_num(
        ui,
        "fanout_threshold",
        "Fan-out threshold",
        &mut t.fanout_threshold,
        "followers",
    );
    changed |= opt_num(
        ui,
        "fts_doc_threshold",
        "Full-text doc threshold",
        &mut t.fts_doc_threshold,
        "docs",
    );
    changed |= opt_num(
        ui,
        "chunk_threshold_mb",
        "Chunk threshold",
        &mut t.chunk_threshold_mb,
        "MB",
    );
    changed |= opt_num(
        ui,
        "jwt_max_access_min",
        "JWT max access",
        &mut t.jwt_max_access_min,
        "min",
    );
    changed |= opt_num(
        ui,
        "sls_latency_budget_ms",
        "Serverless latency budget",
        &mut t.sls_latency_budget_ms,
        "ms",
    );
    changed |= opt_num(
        ui,
        "sls_max_duration_s",
        "Serverless max duration",
        &mut t.sls_max_duration_s,
        "s",
    );
    changed |= opt_num(
        ui,
        "premature_shard_write_qps",
        "Premature shard writes",
        &mut t.premature_shard_write_qps,
        "q/s",
    );
    changed |= opt_num(
        ui,
        "heavy_db_qps",
        "Heavy database rate",
        &mut t.heavy_db_qps,
        "q/s",
    );
    changed |= opt_num(
        ui,
        "steady_volume_rps",
        "Steady volume",
        &mut t.steady_volume_rps,
        "req/s",
    );
    changed |= opt_num(
        ui,
        "sync_chain_max_hops",
        "Sync chain max",
        &mut t.sync_chain_max_hops,
        "hops",
    );
    changed |= opt_num(
        ui,
        "sync_fanout_max",
        "Sync fan-out max",
        &mut t.sync_fanout_max,
        "services",
    );
    changed |= opt_num(
        ui,
        "slow_dependency_ms",
        "Slow dependency",
        &mut t.slow_dependency_ms,
        "ms",
    );
    changed
}
