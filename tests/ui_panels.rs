//! The editor's panels and windows in kittest: the window title, the status bar, the View
//! menu, the explain window and the rule browser, tooltips and modals, the side panels, and
//! the capacity view.

use archway::ui::app::{AppOptions, ArchwayApp, FileDialogs, STATUS_SECONDS, View};
use archway::ui::files::Folders;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

/// File dialogs that never answer (no test here picks a file).
struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        None
    }
    fn pick_save(&mut self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    fn pick_export(&mut self, _suggested: &str) -> Option<PathBuf> {
        None
    }
}

fn harness_sized(
    dir: &tempfile::TempDir,
    file: Option<PathBuf>,
    size: egui::Vec2,
) -> Harness<'static, ArchwayApp> {
    let app = ArchwayApp::new(AppOptions {
        folders: Some(Folders::at(dir.path())),
        file,
        dialogs: Box::new(NoDialogs),
    });
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut ArchwayApp| app.ui_root(ui), app);
    h.run_ok();
    h
}

fn harness(dir: &tempfile::TempDir, file: Option<PathBuf>) -> Harness<'static, ArchwayApp> {
    harness_sized(dir, file, egui::vec2(1280.0, 800.0))
}

fn template_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("templates")
        .join(format!("{name}.archway.ron"))
}

#[test]
fn the_first_start_view_is_titled_archway_and_a_design_names_the_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(&dir, None);
    assert_eq!(h.state().view, View::Start);
    assert_eq!(h.state().window_title(), "Archway");
    h.get_by_label_contains("New empty design").click();
    h.run_ok();
    assert_eq!(h.state().window_title(), "Untitled design — Archway");
}

#[test]
fn a_status_message_goes_away_after_a_few_seconds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(&dir, Some(template_file("chat")));
    h.state_mut().status = "Copied 2 components".to_owned();
    h.step();
    h.step();
    assert_eq!(h.state().status, "Copied 2 components");
    // kittest's clock moves by the step time each frame.
    let start = h.ctx.input(|i| i.time);
    while h.ctx.input(|i| i.time) - start < STATUS_SECONDS + 0.5 {
        h.step();
    }
    assert!(
        h.state().status.is_empty(),
        "still showing {:?}",
        h.state().status
    );
}

#[test]
fn the_view_menu_switches_the_theme_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(&dir, Some(template_file("chat")));
    h.get_by_label("View").click();
    h.run_ok();
    assert!(h.query_by_label("System").is_some(), "three named choices");
    h.get_by_label("Light").click();
    h.run_ok();
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Light
    );
    assert!(!h.ctx.global_style().visuals.dark_mode);
    h.get_by_label("View").click();
    h.run_ok();
    h.get_by_label("Dark").click();
    h.run_ok();
    assert!(h.ctx.global_style().visuals.dark_mode);
}

#[test]
fn explain_renders_the_rule_as_formatted_text_below_the_menu_bar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(&dir, Some(template_file("chat")));
    h.state_mut().explain = Some("SPOF-DB");
    h.run_ok();
    h.run_ok();
    // The heading is drawn as a heading: its text without the Markdown marks.
    assert!(h.query_by_label("What it does").is_some());
    assert!(
        h.query_by_label_contains("## ").is_none(),
        "raw Markdown shown"
    );
    let window = h.get_by_label("Explain SPOF-DB").rect();
    let menu = h.get_by_label("Help").rect();
    assert!(
        window.top() >= menu.bottom(),
        "the window ({window:?}) covers the menu bar ({menu:?})"
    );
}

#[test]
fn help_rules_lists_every_rule_and_searches_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(&dir, Some(template_file("chat")));
    h.get_by_label("Help").click();
    h.run_ok();
    assert!(
        h.query_by_label_contains("Keyboard shortcuts").is_some(),
        "help menu open"
    );
    h.get_by_label_contains("Rules").click();
    h.run_ok();
    let total = archway::critique::rules::all().len();
    assert!(
        h.query_by_label_contains(&format!("of {total} rules"))
            .is_some()
    );
    let search = || egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(search(), "Find a rule").click();
    h.run_ok();
    h.get_by_role_and_label(search(), "Find a rule")
        .type_text("SPOF-DB");
    h.run_ok();
    let found = archway::ui::panels::rules::matching_rules("SPOF-DB").len();
    assert!(found < total);
    assert!(
        h.query_by_label(&format!("{found} of {total} rules"))
            .is_some()
    );
    let state = h.state().rule_browser.clone().expect("open");
    assert_eq!(state.selected, Some("SPOF-DB"));
    assert!(
        h.query_by_label("Why it matters").is_some(),
        "its explanation is shown"
    );
    h.key_press(egui::Key::Escape);
    h.run_ok();
    assert!(
        h.state().rule_browser.is_none(),
        "Escape closes the browser"
    );
}

#[test]
fn side_panels_hide_and_focus_mode_restores_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(&dir, Some(template_file("chat")));
    assert!(h.query_by_label("Components").is_some(), "palette shown");
    // Ctrl+Shift+K hides the palette; the View menu shows it again.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::K,
    );
    h.run_ok();
    assert!(h.query_by_label("Components").is_none(), "palette hidden");
    h.get_by_label("View").click();
    h.run_ok();
    h.get_by_label_contains("Palette").click();
    h.run_ok();
    assert!(h.query_by_label("Components").is_some(), "palette back");
    // Focus mode hides both side panels and the status bar; Escape brings them back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Backslash);
    h.run_ok();
    assert!(h.state().panels.focus);
    assert!(h.query_by_label("Components").is_none());
    assert!(h.query_by_label("Findings").is_none());
    assert!(h.query_by_label("saved").is_none(), "status bar hidden");
    h.key_press(egui::Key::Escape);
    h.run_ok();
    assert!(!h.state().panels.focus);
    assert!(h.query_by_label("Components").is_some());
    assert!(h.query_by_label("Findings").is_some());
    // The same key toggles it too.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Backslash);
    h.run_ok();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Backslash);
    h.run_ok();
    assert!(h.query_by_label("Findings").is_some());
}

/// Moves the pointer over the middle of node `id` and lets the tooltip delay pass.
fn hover_node(h: &mut Harness<'static, ArchwayApp>, id: &str) {
    let p = {
        let app = h.state();
        let n = app.doc.design.node(id).expect("node");
        let c = egui::pos2(
            n.pos.x + archway::geometry::NODE_W / 2.0,
            n.pos.y + archway::geometry::NODE_H / 2.0,
        );
        app.canvas.screen_from_canvas() * c
    };
    h.hover_at(p);
    for _ in 0..8 {
        h.step();
    }
}

#[test]
fn no_tooltip_is_drawn_over_the_save_changes_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(&dir, Some(template_file("chat")));
    hover_node(&mut h, "chat_api");
    assert!(
        h.query_by_label("Chat API").is_some(),
        "the hovered node's tooltip shows"
    );
    // Unsaved changes, then Ctrl+N with the pointer still on the node.
    let mut d = h.state().doc.design.clone();
    d.metadata.title = "Changed".to_owned();
    h.state_mut()
        .submit(archway::model::Edit::SetMetadata(d.metadata), "retitle");
    h.run_ok();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    for _ in 0..8 {
        h.step();
    }
    assert!(
        h.query_by_label("Save changes?").is_some(),
        "the dialog is up"
    );
    assert!(
        h.query_by_label("Chat API").is_none(),
        "a tooltip stays over the modal dialog"
    );
}

#[test]
fn the_capacity_view_shows_the_estimates_figures_and_its_totals() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(&dir, Some(template_file("url-shortener")));
    assert!(h.query_by_label("Monthly cost").is_none());
    h.get_by_label("View").click();
    h.run_ok();
    h.get_by_label_contains("Capacity and cost").click();
    h.run_ok();
    assert!(h.state().canvas_options.show_capacity);
    let (design, est) = {
        let doc = &h.state().doc;
        (doc.design.clone(), doc.estimate.clone())
    };
    // The same estimate `archway estimate` prints: the one pipeline, assumptions included.
    let analysis = archway::critique::Analysis::of(&design);
    assert_eq!(est, analysis.estimate);
    assert!(est.priced_nodes > 0, "the template prices some tiers");
    let total = archway::ui::panels::capacity::total_text(&design, &est);
    assert!(total.contains(&est.total_cost.text()));
    assert!(h.query_by_label(&total).is_some(), "the total is shown");
    assert!(h.query_by_label("Monthly cost").is_some());
    assert!(h.query_by_label("Bottleneck").is_some());
    // A row per component, with its utilisation as on the canvas caption.
    let (node, e) = design
        .nodes
        .iter()
        .zip(&est.nodes)
        .find(|(_, e)| e.utilisation.is_some())
        .expect("a component with a utilisation");
    assert!(h.query_by_label(node.display_label()).is_some());
    assert!(
        h.query_all_by_label(&e.pill_text().expect("pill"))
            .next()
            .is_some(),
        "its utilisation is listed"
    );
    // The same command, ticked in the menu now, turns it off.
    h.get_by_label("View").click();
    h.run_ok();
    h.get_by_label_contains("Capacity and cost").click();
    h.run_ok();
    assert!(h.query_by_label("Monthly cost").is_none());
}

#[test]
fn a_design_with_no_price_never_shows_a_zero_total() {
    let design = archway::model::file::parse(
        r#"(version: 1, metadata: (title: "t"), nodes: [
            (id: "q", kind: message_queue, pos: (0, 0)),
        ])"#,
    )
    .expect("parses");
    let est = archway::critique::Analysis::of(&design).estimate;
    let total = archway::ui::panels::capacity::total_text(&design, &est);
    assert!(!total.contains("$0"), "{total}");
    assert!(
        total.contains("none of the 1 component has a price"),
        "{total}"
    );
}

/// The right edge of every drop-down and checkbox of the inspector, and the window's width.
fn widget_right_edges(h: &Harness<'static, ArchwayApp>) -> Vec<(String, f32)> {
    use egui::accesskit::Role;
    let mut out = Vec::new();
    for role in [Role::ComboBox, Role::CheckBox] {
        for n in h.query_all_by_role(role) {
            let r = n.rect();
            out.push((format!("{role:?} at {r:?}"), r.right()));
        }
    }
    out
}

#[test]
fn inspector_widgets_fit_the_panel_at_1024_by_700() {
    use archway::ui::selection::{Element, Selection};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness_sized(&dir, Some(template_file("chat")), egui::vec2(1024.0, 700.0));
    for id in ["chat_api", "messages", "lb"] {
        let Some(node) = h.state().doc.design.node(id).map(|n| n.id.clone()) else {
            continue;
        };
        h.state_mut().selection = Selection::only(Element::Node(node));
        h.run_ok();
        let edges = widget_right_edges(&h);
        assert!(!edges.is_empty(), "{id}: the inspector shows drop-downs");
        for (what, right) in edges {
            assert!(
                right <= 1024.0 - 4.0,
                "{id}: {what} is cut off at the right edge"
            );
        }
    }
}

#[test]
fn the_side_panel_keeps_its_width_when_suppress_opens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness_sized(&dir, Some(template_file("chat")), egui::vec2(1024.0, 700.0));
    let width = |h: &Harness<'static, ArchwayApp>| {
        h.get_all_by_label("Explain")
            .map(|n| n.rect().left())
            .fold(f32::INFINITY, f32::min)
    };
    let before = width(&h);
    h.get_all_by_label("Suppress…")
        .next()
        .expect("a finding to suppress")
        .click();
    h.run_ok();
    h.run_ok();
    assert!(
        h.query_by_label("Reason").is_some(),
        "the reason box is open"
    );
    let after = width(&h);
    assert!(
        (after - before).abs() < 1.0,
        "the side panel moved from {before} to {after}"
    );
    let cancel = h.get_by_label("Cancel").rect();
    assert!(
        cancel.right() <= 1024.0 - 4.0,
        "Cancel is cut off at {cancel:?}"
    );
}

/// Several components selected: the inspector shows the properties they share, marks a value
/// that differs as mixed; several connections: one protocol choice sets all of them, as one
/// undo step.
#[test]
fn a_multi_selection_edits_shared_properties_in_one_step() {
    use archway::model::{EdgeId, NodeId, Protocol};
    use archway::ui::commands::UICommand;
    use archway::ui::selection::Selection;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fleet.archway.ron");
    std::fs::write(
        &path,
        r#"#![enable(implicit_some)]
(
    version: 1,
    nodes: [
        (id: "lb", kind: load_balancer, pos: (0, 0)),
        (id: "a", kind: app_server, pos: (200, 0), props: (instances: 2)),
        (id: "b", kind: app_server, pos: (200, 120), props: (instances: 3)),
    ],
    edges: [
        (id: "lb_a", from: "lb", to: "a", kind: sync_request, protocol: HTTP),
        (id: "lb_b", from: "lb", to: "b", kind: sync_request, protocol: HTTPS),
    ],
)"#,
    )
    .expect("write design");
    let mut h = harness(&dir, Some(path));
    h.state_mut().selection = Selection::of_nodes([NodeId::new("a"), NodeId::new("b")]);
    h.run_ok();
    h.get_by_label_contains("2 components: shared properties");
    h.get_by_label("Instances: mixed values");

    let mut edges = Selection::edge(EdgeId::new("lb_a"));
    edges.extend(&Selection::edge(EdgeId::new("lb_b")));
    h.state_mut().selection = edges;
    h.run_ok();
    h.get_by_label("Protocol").click();
    h.run_ok();
    h.get_by_label("gRPC").click();
    h.run_ok();
    let protocols = |h: &Harness<'static, ArchwayApp>| -> Vec<Option<Protocol>> {
        h.state()
            .doc
            .design
            .edges
            .iter()
            .map(|e| e.protocol)
            .collect()
    };
    assert_eq!(protocols(&h), vec![Some(Protocol::Grpc); 2]);
    h.state_mut().run(UICommand::Undo);
    h.run_ok();
    assert_eq!(
        protocols(&h),
        vec![Some(Protocol::Http), Some(Protocol::Https)],
        "one undo step restores both connections"
    );
}

/// Several components of one family: their kind changes among that family's kinds, and "Move
/// to container" puts them inside a container, each as one undo step.
#[test]
fn a_multi_selection_changes_kind_and_container_in_one_step() {
    use archway::model::{NodeId, NodeKind};
    use archway::ui::commands::UICommand;
    use archway::ui::selection::Selection;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fleet.archway.ron");
    std::fs::write(
        &path,
        r#"#![enable(implicit_some)]
(
    version: 1,
    containers: [
        (id: "subnet", kind: private_subnet, label: "Backend subnet", rect: (500.0, 0.0, 420.0, 260.0)),
    ],
    nodes: [
        (id: "lb", kind: load_balancer, pos: (0, 0)),
        (id: "a", kind: app_server, pos: (200, 0)),
        (id: "b", kind: app_server, pos: (200, 120)),
    ],
)"#,
    )
    .expect("write design");
    let mut h = harness(&dir, Some(path));
    // The palette names the kinds too: hidden, so the names found are the inspector's.
    h.state_mut().panels.palette = false;
    // Two families: no kind choice.
    h.state_mut().selection = Selection::of_nodes([NodeId::new("lb"), NodeId::new("a")]);
    h.run_ok();
    assert!(h.query_by_label("Kind").is_none());
    h.get_by_label_contains("components of several families");

    h.state_mut().selection = Selection::of_nodes([NodeId::new("a"), NodeId::new("b")]);
    h.run_ok();
    h.get_by_label("Kind").click();
    h.run_ok();
    assert!(
        h.query_by_label("Load balancer").is_none(),
        "only the compute family is offered"
    );
    h.get_by_label("Worker").click();
    h.run_ok();
    let kinds = |h: &Harness<'static, ArchwayApp>| -> Vec<NodeKind> {
        h.state().doc.design.nodes.iter().map(|n| n.kind).collect()
    };
    assert_eq!(
        kinds(&h),
        vec![NodeKind::LoadBalancer, NodeKind::Worker, NodeKind::Worker]
    );
    h.state_mut().run(UICommand::Undo);
    h.run_ok();
    assert_eq!(
        kinds(&h),
        vec![
            NodeKind::LoadBalancer,
            NodeKind::AppServer,
            NodeKind::AppServer
        ],
        "one undo step restores both kinds"
    );

    h.get_by_label("Move to container").click();
    h.run_ok();
    h.get_by_label("Backend subnet (Private subnet)").click();
    h.run_ok();
    let d = &h.state().doc.design;
    let subnet = d.container("subnet").expect("subnet").rect;
    let placed: Vec<_> = ["a", "b"]
        .iter()
        .map(|id| d.node(id).expect("node"))
        .collect();
    for n in &placed {
        assert_eq!(n.container.as_ref().map(|c| c.as_str()), Some("subnet"));
        let r = archway::geometry::node_rect(n);
        assert!(
            subnet.contains(archway::geometry::center(&r)),
            "{} stands inside the subnet",
            n.id
        );
    }
    let (ra, rb) = (
        archway::geometry::node_rect(placed[0]),
        archway::geometry::node_rect(placed[1]),
    );
    assert!(
        ra.x + ra.w <= rb.x || rb.x + rb.w <= ra.x || ra.y + ra.h <= rb.y || rb.y + rb.h <= ra.y,
        "placed side by side, not on top of each other: {ra:?} {rb:?}"
    );
    assert_eq!(d.node("lb").and_then(|n| n.container.clone()), None);

    // And out of every container again: each leaves the subnet and stands outside it.
    h.get_by_label("Move to container").click();
    h.run_ok();
    h.get_by_label("(none: top level)").click();
    h.run_ok();
    let d = &h.state().doc.design;
    for id in ["a", "b"] {
        let n = d.node(id).expect("node");
        assert_eq!(n.container, None, "{id} is at the top level");
        let centre = archway::geometry::center(&archway::geometry::node_rect(n));
        assert!(!subnet.contains(centre), "{id} stands outside the subnet");
    }
    let (ra, rb) = (
        archway::geometry::node_rect(d.node("a").expect("a")),
        archway::geometry::node_rect(d.node("b").expect("b")),
    );
    assert!(
        ra.y + ra.h <= rb.y || rb.y + rb.h <= ra.y,
        "one above the other: {ra:?} {rb:?}"
    );
    h.state_mut().run(UICommand::Undo);
    h.run_ok();
    let d = &h.state().doc.design;
    assert!(
        ["a", "b"]
            .iter()
            .all(|id| d.node(id).and_then(|n| n.container.clone()).is_some()),
        "one undo step puts both back"
    );

    h.state_mut().run(UICommand::Undo);
    h.run_ok();
    let d = &h.state().doc.design;
    assert!(d.nodes.iter().all(|n| n.container.is_none()));
    assert_eq!(d.node("a").map(|n| (n.pos.x, n.pos.y)), Some((200.0, 0.0)));
}
