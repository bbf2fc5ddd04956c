//! GUI flows driven through egui_kittest and AccessKit queries (no display, no GPU): the app
//! is built with temporary config folders and scripted file dialogs.

use archway::model::{Design, Edit, NodeKind, file};
use archway::ui::app::{AppOptions, ArchwayApp, Dialog, FileDialogs, ReviewMode, View};
use archway::ui::canvas;
use archway::ui::commands::UICommand;
use archway::ui::files::Folders;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// File dialogs that answer from a script.
#[derive(Clone, Default)]
struct Scripted {
    open: Arc<Mutex<Vec<PathBuf>>>,
    save: Arc<Mutex<Vec<PathBuf>>>,
    export: Arc<Mutex<Vec<PathBuf>>>,
    /// File names the export dialog was opened with.
    export_suggested: Arc<Mutex<Vec<String>>>,
}

impl FileDialogs for Scripted {
    fn pick_open(&mut self) -> Option<PathBuf> {
        self.open.lock().ok()?.pop()
    }
    fn pick_save(&mut self, _suggested: &str) -> Option<PathBuf> {
        self.save.lock().ok()?.pop()
    }
    fn pick_export(&mut self, suggested: &str) -> Option<PathBuf> {
        self.export_suggested
            .lock()
            .ok()?
            .push(suggested.to_owned());
        self.export.lock().ok()?.pop()
    }
}

struct Fixture {
    dir: tempfile::TempDir,
    dialogs: Scripted,
}

fn fixture() -> Fixture {
    Fixture {
        dir: tempfile::tempdir().expect("temp dir"),
        dialogs: Scripted::default(),
    }
}

fn harness(fx: &Fixture, file: Option<PathBuf>) -> Harness<'static, ArchwayApp> {
    let app = ArchwayApp::new(AppOptions {
        folders: Some(Folders::at(fx.dir.path())),
        file,
        dialogs: Box::new(fx.dialogs.clone()),
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut ArchwayApp| app.ui_root(ui), app);
    h.run_ok();
    h
}

/// A harness on a new empty design.
fn editor(fx: &Fixture) -> Harness<'static, ArchwayApp> {
    let mut h = harness(fx, None);
    h.get_by_label_contains("New empty design").click();
    h.run_ok();
    assert_eq!(h.state().view, View::Editor);
    h
}

fn place(h: &mut Harness<'static, ArchwayApp>, name: &str) {
    h.get_by_label(name).click();
    h.run_ok();
}

#[test]
fn start_view_then_place_nodes_from_the_palette() {
    let fx = fixture();
    let mut h = harness(&fx, None);
    assert_eq!(h.state().view, View::Start);
    h.get_by_label_contains("New empty design").click();
    h.run_ok();
    place(&mut h, "Load balancer");
    place(&mut h, "App server");
    let d = &h.state().doc.design;
    assert_eq!(d.nodes.len(), 2);
    assert_eq!(d.nodes[0].kind, NodeKind::LoadBalancer);
    assert_eq!(d.nodes[1].kind, NodeKind::AppServer);
    // The new node is selected, so the inspector shows it.
    assert!(h.state().selection.has_node(d.nodes[1].id.as_str()));
    assert!(h.state().doc.is_dirty());
    assert!(h.state().doc.window_title().starts_with('●'));
}

#[test]
fn palette_search_filters_kinds() {
    let fx = fixture();
    let mut h = editor(&fx);
    h.get_by_label("Search").click();
    h.run_ok();
    h.get_by_label("Search").type_text("redis");
    h.run_ok();
    assert!(h.query_by_label("Cache").is_some());
    assert!(h.query_by_label("Load balancer").is_none());
}

#[test]
fn connect_two_nodes_and_edit_the_edge_in_the_inspector() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Client");
    place(&mut h, "Load balancer");
    let (edit, edge_id) = {
        let d = &h.state().doc.design;
        canvas::connect_edit(d, &d.nodes[0], &d.nodes[1])
    };
    h.state_mut().submit(edit, "connect");
    h.state_mut().selection = archway::ui::selection::Selection::edge(edge_id.clone());
    h.run_ok();
    let d = &h.state().doc.design;
    assert_eq!(d.edges.len(), 1);
    assert_eq!(d.edges[0].from, d.nodes[0].id);
    // The inspector shows the edge; set its timeout.
    h.get_by_label("Timeout").scroll_to_me();
    h.run_ok();
    h.get_by_label("Timeout").click();
    h.run_ok();
    let e = h
        .state()
        .doc
        .design
        .edge(edge_id.as_str())
        .expect("edge")
        .clone();
    assert_eq!(
        e.props.timeout_ms,
        Some(0),
        "clicking unset gives the field a value"
    );
}

#[test]
fn edit_a_property_then_undo_and_redo() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "App server");
    // Type a label in the inspector: one undo step for the whole word.
    h.get_by_label("Label").click();
    h.run_ok();
    h.get_by_label("Label").type_text("checkout");
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes[0].label, "checkout");
    // Tri-state property: unset → yes.
    h.get_by_label("Autoscale").scroll_to_me();
    h.run_ok();
    h.get_by_label("Autoscale").click();
    h.run_ok();
    h.get_by_label("yes").click();
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes[0].props.autoscale, Some(true));
    // Leave the text field so the shortcuts go to the canvas.
    h.key_press(Key::Escape);
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes[0].props.autoscale, None);
    assert_eq!(h.state().doc.design.nodes[0].label, "checkout");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes[0].label, "");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes[0].label, "checkout");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes[0].props.autoscale, Some(true));
}

#[test]
fn delete_copy_paste_and_duplicate() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Client");
    place(&mut h, "Load balancer");
    let (edit, _) = {
        let d = &h.state().doc.design;
        canvas::connect_edit(d, &d.nodes[0], &d.nodes[1])
    };
    h.state_mut().submit(edit, "connect");
    h.run_ok();
    // Copy everything and paste: two more nodes, one more edge, all with new ids.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::V);
    h.run_ok();
    let d = &h.state().doc.design;
    assert_eq!(d.nodes.len(), 4);
    assert_eq!(d.edges.len(), 2);
    let ids: std::collections::BTreeSet<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), 4, "pasted nodes get new ids");
    assert_eq!(
        h.state().selection.nodes.len(),
        2,
        "the pasted nodes are selected"
    );
    // Delete the pasted copy.
    h.key_press(Key::Delete);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes.len(), 2);
    assert_eq!(h.state().doc.design.edges.len(), 1);
    // Duplicate one node.
    let first = h.state().doc.design.nodes[0].id.clone();
    h.state_mut().selection = archway::ui::selection::Selection::node(first);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes.len(), 3);
    // Undo the duplicate and the delete: the pasted copy is back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes.len(), 4);
    assert_eq!(
        h.state().selection.nodes.len(),
        2,
        "undo restores the selection"
    );
}

#[test]
fn open_a_template_from_the_start_view() {
    let fx = fixture();
    let mut h = harness(&fx, None);
    let Some(t) = archway::templates::ALL.first() else {
        eprintln!("no templates in this build");
        return;
    };
    let design = t.design().expect("template parses");
    h.get_by_label(&design.metadata.title).click();
    h.run_ok();
    assert_eq!(h.state().view, View::Editor);
    assert_eq!(h.state().doc.design, design);
    assert!(
        h.state().doc.path.is_none(),
        "a template opens as a new design"
    );
}

#[test]
fn a_finding_appears_and_clicking_it_selects_the_node() {
    let fx = fixture();
    let mut h = editor(&fx);
    h.state_mut().submit(
        Edit::SetReviewLevel(archway::model::ReviewLevel::Production),
        "level",
    );
    place(&mut h, "Client");
    place(&mut h, "Load balancer");
    let before = h.state().doc.report.active().count();
    // Plain HTTP from the internet to the load balancer: the review runs after the edit.
    let (edit, _) = {
        let d = &h.state().doc.design;
        canvas::connect_edit_with(
            d,
            &d.nodes[0],
            &d.nodes[1],
            archway::model::EdgeKind::SyncRequest,
            Some(archway::model::Protocol::Http),
            None,
        )
    };
    h.state_mut().submit(edit, "connect");
    h.run_ok();
    let report = &h.state().doc.report;
    assert!(
        report.active().count() > before,
        "a finding appears live after the edit"
    );
    let f = report
        .active()
        .find(|f| !f.nodes.is_empty())
        .cloned()
        .expect("a finding that points at a node");
    h.state_mut().selection.clear();
    // Look somewhere else, so centring shows.
    h.state_mut()
        .canvas
        .set_view(egui::emath::TSTransform::from_translation(egui::vec2(
            -3000.0, -2000.0,
        )));
    h.run_ok();
    // The panel names components by their labels.
    let shown = archway::model::labels::readable_message(&h.state().doc.design, &f.message);
    h.get_by_label_contains(&shown).click();
    h.run_ok();
    assert!(h.state().selection.has_node(f.nodes[0].as_str()));
    // …and the view is centred on what it selected.
    let bounds = canvas::selection_bounds(&h.state().doc.design, &h.state().selection)
        .expect("selection has bounds");
    let c = h.state().canvas.view_centre_in_canvas();
    assert!(
        (c.x - bounds.center().x).abs() < 1.0 && (c.y - bounds.center().y).abs() < 1.0,
        "view centre {c:?}, selection centre {:?}",
        bounds.center()
    );
    // Explain shows the rule's documentation.
    h.get_all_by_label("Explain")
        .next()
        .expect("explain button")
        .click();
    h.run_ok();
    assert!(h.state().explain.is_some());
}

#[test]
fn f2_renames_the_selected_node_in_place_as_one_undo_step() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "App server");
    let id = h.state().doc.design.nodes[0].id.clone();
    h.key_press(Key::F2);
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Checkout API".into()));
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    let node = h.state().doc.design.node(id.as_str()).expect("node");
    assert_eq!(node.label, "Checkout API");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let node = h.state().doc.design.node(id.as_str()).expect("node");
    assert_eq!(node.label, "", "one undo step takes the whole rename back");
    assert_eq!(h.state().doc.design.nodes.len(), 1);
}

#[test]
fn file_export_writes_the_format_the_chosen_file_names() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Load balancer");
    let svg = fx.dir.path().join("picture.svg");
    let drawio = fx.dir.path().join("diagram.drawio");
    for path in [&svg, &drawio] {
        fx.dialogs.export.lock().expect("lock").push(path.clone());
        h.get_by_label("File").click();
        h.run_ok();
        h.get_by_label_contains("Export…").click();
        h.run_ok();
        // The export options come first; their Export… asks for the file.
        h.get_by_label("Export…").click();
        h.run_ok();
        assert!(path.exists(), "{} written", path.display());
    }
    assert!(std::fs::read_to_string(&svg).expect("svg").contains("<svg"));
    assert!(
        std::fs::read_to_string(&drawio)
            .expect("drawio")
            .contains("<mxfile")
    );
    // The dialog suggests a file named after the design.
    let suggested = fx.dialogs.export_suggested.lock().expect("lock").clone();
    assert_eq!(suggested.len(), 2);
    assert!(suggested[0].ends_with(".svg"), "{suggested:?}");
    assert!(
        h.state().status.starts_with("Exported"),
        "{}",
        h.state().status
    );
}

#[test]
fn escape_closes_an_open_menu_and_keeps_the_selection() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Load balancer");
    assert!(
        !h.state().selection.is_empty(),
        "the new component is selected"
    );
    h.get_by_label("File").click();
    h.run_ok();
    assert!(
        h.query_by_label_contains("Export…").is_some(),
        "the menu is open"
    );
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(
        h.query_by_label_contains("Export…").is_none(),
        "Escape closed the menu"
    );
    assert!(
        !h.state().selection.is_empty(),
        "the Escape that closed the menu did not also clear the selection"
    );
}

#[test]
fn unsaved_changes_prompt_on_new_design() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Worker");
    // Ctrl+N with unsaved changes asks first; Cancel keeps the work.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_ok();
    assert!(matches!(h.state().dialog, Some(Dialog::Unsaved { .. })));
    h.step();
    h.get_by_label("Cancel").click();
    h.run_ok();
    assert!(h.state().dialog.is_none());
    assert_eq!(h.state().doc.design.nodes.len(), 1);
    // Save: the scripted dialog answers with a path; then the new design opens.
    let path = fx.dir.path().join("worker.archway.ron");
    fx.dialogs.save.lock().expect("lock").push(path.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_ok();
    h.get_by_label("Save").click();
    h.run_ok();
    assert!(
        h.state().doc.design.nodes.is_empty(),
        "new design after saving"
    );
    let saved = file::load(&path).expect("saved file loads");
    assert_eq!(saved.nodes.len(), 1);
    // Discard: changes are dropped without a file.
    place(&mut h, "Worker");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_ok();
    h.get_by_label("Discard").click();
    h.run_ok();
    assert!(h.state().doc.design.nodes.is_empty());
    // The saved file is in the recent list.
    assert_eq!(
        h.state().recent.first().map(|p| p.file_name()),
        Some(path.file_name())
    );
}

#[test]
fn save_and_reopen_keeps_the_design() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Cache");
    let path = fx.dir.path().join("cache.archway.ron");
    fx.dialogs.save.lock().expect("lock").push(path.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    assert!(!h.state().doc.is_dirty());
    assert!(
        h.state()
            .doc
            .window_title()
            .starts_with("cache.archway.ron")
    );
    let design = h.state().doc.design.clone();
    let h2 = harness(&fx, Some(path));
    assert_eq!(h2.state().doc.design, design);
    assert_eq!(h2.state().view, View::Editor);
}

#[test]
fn load_error_is_shown_and_the_design_kept() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Cache");
    let bad = fx.dir.path().join("bad.archway.ron");
    std::fs::write(&bad, "(version: 1, nodes: [ oops ])").expect("write");
    h.state_mut().open_path(&bad);
    h.run_ok();
    match &h.state().dialog {
        Some(Dialog::LoadFailed(e)) => {
            let text = e.to_string();
            assert!(text.contains("bad.archway.ron:1:"), "{text}");
        }
        other => panic!("expected a load error dialog, got {other:?}"),
    }
    assert_eq!(h.state().doc.design.nodes.len(), 1, "current design kept");
}

#[test]
fn recovery_copy_is_offered_after_a_crash() {
    let fx = fixture();
    let mut design = Design::empty("lost work");
    let (edit, _) = canvas::place_edit(
        &design,
        canvas::PaletteItem::Node(NodeKind::Stream),
        archway::model::Pos::new(0.0, 0.0),
    );
    let _ = Edit::apply(edit, &mut design);
    let text = format!("// origin:\n{}", file::to_string(&design));
    std::fs::write(fx.dir.path().join("recovery-4000000000.archway.ron"), text).expect("write");
    let mut h = harness(&fx, None);
    assert!(matches!(h.state().dialog, Some(Dialog::Recover(_))));
    h.get_by_label("Restore").click();
    h.run_ok();
    assert_eq!(h.state().doc.design, design);
    assert!(
        h.state().doc.is_dirty(),
        "a restored design still needs saving"
    );
    assert!(
        !fx.dir
            .path()
            .join("recovery-4000000000.archway.ron")
            .exists(),
        "the crashed session's copy is not offered twice"
    );
    // It is kept, as this session's own copy, until the design is saved or discarded.
    let own = Folders::at(fx.dir.path()).recovery_path();
    let kept = std::fs::read_to_string(&own).expect("the copy is kept");
    let body = kept.split_once('\n').expect("origin line").1;
    assert_eq!(file::parse(body).expect("loads"), design);
    h.state_mut().doc.path = Some(fx.dir.path().join("saved.archway.ron"));
    assert!(h.state_mut().save(false));
    assert!(!own.exists(), "saving drops the copy");
}

#[test]
fn recovery_copy_follows_changes_within_seconds_and_on_focus_loss() {
    let fx = fixture();
    let mut h = editor(&fx);
    let own = Folders::at(fx.dir.path()).recovery_path();
    place(&mut h, "Client");
    assert!(!own.exists(), "not at once: edits come in bursts");
    // The harness advances the clock a quarter of a second a frame.
    for _ in 0..16 {
        h.step();
    }
    let copy = std::fs::read_to_string(&own).expect("copied within 4 s of the change");
    assert!(copy.contains("kind: client,"), "{copy}");
    // Losing the focus writes a pending change at once.
    let focus = |h: &mut Harness<'static, ArchwayApp>, on: bool| {
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .focused = Some(on);
        h.step();
    };
    focus(&mut h, true);
    place(&mut h, "Load balancer");
    let copy = std::fs::read_to_string(&own).expect("copy");
    assert!(!copy.contains("kind: load_balancer,"), "not yet: {copy}");
    focus(&mut h, false);
    let copy = std::fs::read_to_string(&own).expect("copy");
    assert!(copy.contains("kind: load_balancer,"), "{copy}");
}

#[test]
fn inspector_tells_overlapping_property_names_apart() {
    use archway::model::props::{FullTextSearch, RateLimit, RateLimitAlgorithm};
    use archway::model::{Node, NodeId, Pos};
    let fx = fixture();
    let mut h = editor(&fx);
    // Tall, so the whole inspector fits without scrolling.
    h.set_size(egui::vec2(1280.0, 3000.0));
    // A SQL database with `voting_nodes`, `default_ttl_s` and the groups' `doc_count` and
    // `algorithm` set. A cache's `nodes`, a DNS's `ttl_s`, a search index's `doc_count` and a load
    // balancer's `algorithm` have names inside those, and are not set.
    let mut db = Node::new("db", NodeKind::SqlDb, Pos::new(100.0, 100.0));
    db.props.voting_nodes = Some(3);
    db.props.default_ttl_s = Some(60);
    db.props.full_text_search = Some(Box::new(FullTextSearch {
        doc_count: Some(5),
        ..Default::default()
    }));
    db.props.rate_limit = Some(Box::new(RateLimit {
        algorithm: Some(RateLimitAlgorithm::TokenBucket),
        ..Default::default()
    }));
    h.state_mut()
        .submit(Edit::InsertNode { at: 0, node: db }, "add");
    h.state_mut().selection = archway::ui::selection::Selection::node(NodeId::new("db"));
    h.run_ok();
    assert!(h.query_by_label("Voting nodes").is_some());
    // Really stray: a cache's `default_ttl_s` and an entry point's `rate_limit`, shown to be
    // cleared.
    assert!(h.query_by_label_contains("Set but not used").is_some());
    assert!(h.query_by_label("Default TTL").is_some());
    assert!(h.query_by_label("Rate limit").is_some());
    for absent in ["Nodes", "Doc count", "TTL", "Algorithm"] {
        assert!(
            h.query_by_label(absent).is_none(),
            "`{absent}` shown as set on a SQL database"
        );
    }
    // Really setting `nodes` (a cache property) shows it among the stray rows, to be cleared.
    let mut db = h.state().doc.design.node("db").expect("db").clone();
    db.props.nodes = Some(2);
    h.state_mut().submit(Edit::SetNode(db), "set nodes");
    // One frame applies the queued edit, the next draws it.
    h.run_steps(2);
    assert!(h.query_by_label("Nodes").is_some());
    // On a cache, `nodes` applies and shows unset while `voting_nodes` is set.
    let mut cache = Node::new("c", NodeKind::Cache, Pos::new(400.0, 100.0));
    cache.props.voting_nodes = Some(3);
    h.state_mut()
        .submit(Edit::InsertNode { at: 1, node: cache }, "add");
    h.state_mut().selection = archway::ui::selection::Selection::node(NodeId::new("c"));
    h.run_ok();
    h.get_by_label("Nodes").scroll_to_me();
    h.run_ok();
    h.get_by_label("Nodes").click();
    h.run_ok();
    let c = h.state().doc.design.node("c").expect("cache");
    assert_eq!(
        c.props.nodes,
        Some(0),
        "clicking unset gives `nodes` a value"
    );
    assert_eq!(c.props.voting_nodes, Some(3));
}

/// Image snapshots rendered with wgpu (lavapipe in CI): the start view and two templates.
#[cfg(feature = "snapshots")]
mod snapshots {
    use super::*;

    fn wgpu_harness(fx: &Fixture) -> Harness<'static, ArchwayApp> {
        let app = ArchwayApp::new(AppOptions {
            folders: Some(Folders::at(fx.dir.path())),
            file: None,
            dialogs: Box::new(fx.dialogs.clone()),
        });
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .wgpu()
            .build_ui_state(|ui, app: &mut ArchwayApp| app.ui_root(ui), app);
        h.run_ok();
        h
    }

    #[test]
    fn start_view_snapshot() {
        let fx = fixture();
        let mut h = wgpu_harness(&fx);
        h.snapshot("start_view");
    }

    fn template_snapshot(name: &str) {
        let fx = fixture();
        let i = archway::templates::ALL
            .iter()
            .position(|t| t.name == name)
            .expect("template exists");
        let mut h = wgpu_harness(&fx);
        h.state_mut().open_template(i);
        h.run_ok();
        h.run_ok();
        h.snapshot(format!("template_{name}"));
    }

    #[test]
    fn url_shortener_snapshot() {
        template_snapshot("url-shortener");
    }

    #[test]
    fn chat_snapshot() {
        template_snapshot("chat");
    }
}

#[test]
fn number_fields_keep_values_the_loader_accepts() {
    let fx = fixture();
    let mut h = editor(&fx);
    // Nothing selected: the design's workload. "Set" on a ratio that must be above 0 gives a
    // value above 0 (a 0 would be refused when the file is opened again).
    h.get_by_label("Peak factor").scroll_to_me();
    h.run_ok();
    h.get_by_label("Peak factor").click();
    h.run_ok();
    let pf = h.state().doc.design.workload.peak_factor.expect("set");
    assert!(pf > 0.0, "{pf}");
    // A percentage typed as 250 is kept at 100.
    h.get_by_label("Availability target").scroll_to_me();
    h.run_ok();
    h.get_by_label("Availability target").click();
    h.run_ok();
    assert_eq!(
        h.state().doc.design.workload.availability_target_pct,
        Some(0.0)
    );
    h.get_by_label("Availability target").click();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Availability target").type_text("250");
    h.key_press(Key::Enter);
    h.run_ok();
    assert_eq!(
        h.state().doc.design.workload.availability_target_pct,
        Some(100.0)
    );
    // What the editor made saves to a file that loads.
    let path = fx.dir.path().join("ranges.archway.ron");
    file::save(&h.state().doc.design, &path).expect("save");
    let back = file::load(&path).expect("the saved file loads");
    assert_eq!(back.workload.availability_target_pct, Some(100.0));
}

/// Runs File ▸ Export… with the export dialog answering `path`.
fn export_to(fx: &Fixture, h: &mut Harness<'static, ArchwayApp>, path: &std::path::Path) {
    fx.dialogs
        .export
        .lock()
        .expect("lock")
        .push(path.to_owned());
    h.state_mut().run(archway::ui::commands::UICommand::Export);
    h.run_ok();

    h.get_by_label("Export…").click();
    h.run_ok();
}

#[test]
fn gui_export_follows_the_command_lines_rules() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Load balancer");
    // A design saved under a picture's name is never replaced by its own export.
    let design = fx.dir.path().join("plan.svg");
    h.state_mut().doc.path = Some(design.clone());
    assert!(h.state_mut().save(false));
    let saved = std::fs::read_to_string(&design).expect("saved");
    export_to(&fx, &mut h, &design);
    assert!(
        matches!(&h.state().dialog, Some(Dialog::Message { text, .. }) if text.contains("it is the input file")),
        "{:?}",
        h.state().dialog
    );
    assert_eq!(std::fs::read_to_string(&design).expect("kept"), saved);
    h.state_mut().dialog = None;
    // Nor is it replaced as the picture of a report named after it.
    export_to(&fx, &mut h, &fx.dir.path().join("plan.md"));
    assert!(matches!(h.state().dialog, Some(Dialog::Message { .. })));
    assert_eq!(std::fs::read_to_string(&design).expect("kept"), saved);
    assert!(!fx.dir.path().join("plan.md").exists());
    h.state_mut().dialog = None;
    // A file Archway did not write is not replaced by a report's picture unless the user
    // says so.
    let other = fx.dir.path().join("notes.svg");
    std::fs::write(&other, "precious").expect("write");
    let notes = fx.dir.path().join("notes.md");
    export_to(&fx, &mut h, &notes);
    assert!(
        matches!(&h.state().dialog, Some(Dialog::ReplacePicture { picture, .. }) if picture == &other),
        "{:?}",
        h.state().dialog
    );
    h.step();
    h.get_by_label("Cancel").click();
    h.run_ok();
    assert!(h.state().dialog.is_none());
    assert_eq!(std::fs::read_to_string(&other).expect("kept"), "precious");
    assert!(!notes.exists());
    export_to(&fx, &mut h, &notes);
    h.step();
    h.get_by_label("Replace").click();
    h.run_ok();
    assert!(h.state().dialog.is_none(), "{:?}", h.state().dialog);
    assert!(
        std::fs::read_to_string(&other)
            .expect("replaced")
            .contains(archway::export::PICTURE_MARK)
    );
    assert!(notes.exists());
    // Elsewhere both files are written and named.
    export_to(&fx, &mut h, &fx.dir.path().join("review.md"));
    let status = h.state().status.clone();
    assert!(
        status.contains("review.svg") && status.contains("review.md"),
        "{status}"
    );
}

/// A file dropped on the window, as the native window reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut Harness<'static, ArchwayApp>, path: PathBuf) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    h.run_ok();
}

#[cfg(unix)]
#[test]
fn a_dropped_file_opens_through_the_bounded_reader() {
    let fx = fixture();
    let mut h = harness(&fx, None);
    // A named pipe dropped on the window is refused at once, never waited on.
    let fifo = fx.dir.path().join("pipe.archway.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let start = std::time::Instant::now();
    drop_file(&mut h, fifo);
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    match &h.state().dialog {
        Some(Dialog::LoadFailed(e)) => assert!(e.to_string().contains("named pipe"), "{e}"),
        other => panic!("{other:?}"),
    }
    h.state_mut().dialog = None;
    // A design file opens.
    let path = fx.dir.path().join("dropped.archway.ron");
    file::save(&Design::empty("Dropped"), &path).expect("save");
    drop_file(&mut h, path.clone());
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(h.state().view, View::Editor);
}
/// The real-design kinds are in the palette, and a container's properties (an auto-scaling
/// group's minimum, a provider) are edited in the inspector like a node's.
#[test]
fn real_design_kinds_are_in_the_palette_and_container_props_in_the_inspector() {
    use archway::model::{Container, ContainerId, ContainerKind, Rect};
    let fx = fixture();
    let mut h = editor(&fx);
    h.set_size(egui::vec2(1280.0, 3000.0));
    place(&mut h, "Pub/sub topic");
    place(&mut h, "Component");
    place(&mut h, "Internet gateway");
    let kinds: Vec<NodeKind> = h.state().doc.design.nodes.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NodeKind::PubSubTopic,
            NodeKind::Generic,
            NodeKind::InternetGateway
        ]
    );
    let asg = Container {
        id: ContainerId::new("asg"),
        kind: ContainerKind::AutoScalingGroup,
        label: "Web fleet".into(),
        rect: Rect::new(600.0, 400.0, 300.0, 160.0),
        parent: None,
        geo: None,
        props: Default::default(),
    };
    h.state_mut().submit(
        Edit::InsertContainer {
            at: 0,
            container: asg,
        },
        "add",
    );
    h.state_mut().selection = archway::ui::selection::Selection::container(ContainerId::new("asg"));
    h.run_steps(2);
    assert!(h.query_by_label("Min instances").is_some());
    assert!(h.query_by_label("Provider").is_some());
    h.get_by_label("Min instances").click();
    h.run_ok();
    let c = h.state().doc.design.container("asg").expect("asg");
    assert_eq!(
        c.props.min_instances,
        Some(0),
        "clicking unset gives it a value"
    );
}

/// A design whose nodes all sit on one spot, two of them in a group, one locked.
fn piled_up_design() -> Design {
    use archway::model::{Container, ContainerId, ContainerKind, Edge, EdgeKind, Node, Pos, Rect};
    let mut d = Design::empty("Piled up");
    d.containers.push(Container {
        id: ContainerId::new("backend"),
        kind: ContainerKind::Group,
        label: "Backend".into(),
        rect: Rect::new(0.0, 0.0, 200.0, 120.0),
        parent: None,
        geo: None,
        props: Default::default(),
    });
    for (id, kind, inside) in [
        ("web", NodeKind::Client, false),
        ("lb", NodeKind::LoadBalancer, false),
        ("api", NodeKind::AppServer, true),
        ("db", NodeKind::SqlDb, true),
        ("cache", NodeKind::Cache, false),
    ] {
        let mut n = Node::new(id, kind, Pos::new(20.0, 30.0));
        if inside {
            n.container = Some(ContainerId::new("backend"));
        }
        d.nodes.push(n);
    }
    let mut pinned = Node::new("logs", NodeKind::LogAggregation, Pos::new(40.0, 40.0));
    pinned.props.locked = Some(true);
    d.nodes.push(pinned);
    for (i, (a, b)) in [
        ("web", "lb"),
        ("lb", "api"),
        ("api", "db"),
        ("api", "cache"),
    ]
    .into_iter()
    .enumerate()
    {
        d.edges.push(Edge::new(
            format!("e{i}"),
            a,
            b,
            EdgeKind::SyncRequest,
            None,
        ));
    }
    d
}

#[test]
fn arrange_auto_layout_separates_the_nodes_as_one_undo_step() {
    let fx = fixture();
    let path = fx.dir.path().join("piled.archway.ron");
    let before = piled_up_design();
    std::fs::write(&path, file::to_string(&before)).expect("write");
    let mut h = harness(&fx, Some(path));
    assert_eq!(h.state().doc.design.nodes.len(), 6);
    h.get_by_label("Arrange").click();
    h.run_ok();
    h.get_by_label_contains("Auto-layout").click();
    h.run_ok();
    let d = h.state().doc.design.clone();
    let rects: Vec<_> = d.nodes.iter().map(archway::geometry::node_rect).collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
    let backend = d.container("backend").expect("group").rect;
    for id in ["api", "db"] {
        let r = archway::geometry::node_rect(d.node(id).expect("node"));
        assert!(backend.contains_rect(&r), "{id} stays inside its group");
    }
    assert_eq!(
        d.node("logs").expect("logs").pos,
        before.node("logs").expect("logs").pos
    );
    // One undo puts every node and the group back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes, before.nodes);
    assert_eq!(h.state().doc.design.containers, before.containers);
    // The shortcut does the same.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes, d.nodes);
}

/// At 1024 × 700 the capacity panel's sentences wrap to the canvas's width instead of running
/// on under the side panel (its component table scrolls sideways on its own), and its notes
/// name a connection by its two ends, not by a backticked id.
#[test]
fn capacity_panel_text_wraps_to_the_canvas_at_1024_px() {
    let fx = fixture();
    let mut h = harness(&fx, Some(template_file("chat")));
    h.state_mut().run(UICommand::CapacityView);
    h.run_ok();
    // Opened at 1280 px, then the window is made narrower.
    h.set_size(egui::vec2(1024.0, 700.0));
    h.run_ok();
    h.run_ok();
    let side_panel_left = h.get_by_label("Findings").rect().left();
    for text in [
        "unpriced: none of",
        "(Archway default)",
        "Chat events (Kafka) → Chat WebSocket servers closes a cycle",
    ] {
        let r = h.get_by_label_contains(text).rect();
        assert!(
            r.right() <= side_panel_left + 1.0,
            "{text}: {r:?} runs under the side panel at {side_panel_left}"
        );
    }
}

// ---------- review modes: What-if and Compare ----------

fn template_file(name: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/templates/{name}.archway.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// Clicks the middle of node `id` on the canvas.
fn click_node(h: &mut Harness<'static, ArchwayApp>, id: &str) {
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
    h.run_ok();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_ok();
}

#[test]
fn what_if_mode_fails_the_only_database_without_editing_the_design() {
    let fx = fixture();
    let mut h = harness(&fx, Some(template_file("linkpulse-1-launch")));
    assert_eq!(h.state().view, View::Editor);
    h.state_mut().canvas_options.show_minimap = false;
    // One edit first, so the undo history has a step the mode must leave alone.
    let mut meta = h.state().doc.design.metadata.clone();
    meta.title = "Before the what-if".into();
    h.state_mut().submit(Edit::SetMetadata(meta), "rename");
    h.run_ok();
    assert_eq!(h.state().doc.history.undo_len(), 1);
    let design = h.state().doc.design.clone();
    let undo = h.state().doc.history.undo_len();
    h.get_by_label("What-if").click();
    h.run_ok();
    assert!(matches!(h.state().review.mode, ReviewMode::WhatIf(_)));
    click_node(&mut h, "postgres");
    let broken: Vec<String> = match &h.state().review.mode {
        ReviewMode::WhatIf(m) => {
            assert_eq!(m.failed.len(), 1, "the click failed the database");
            let out = m.outcome.as_ref().expect("an outcome");
            out.broken().map(|f| f.flow.clone()).collect()
        }
        _ => panic!("left the mode"),
    };
    assert!(!broken.is_empty(), "the database's flows break");
    // The panel lists them as broken, with the reason, naming components by their labels.
    let labels = archway::model::labels::Labels::of(&design);
    assert!(h.query_all_by_label("breaks").count() >= broken.len());
    let first = labels.readable(&broken[0]);
    assert!(!first.contains('`'), "{first}");
    assert!(h.query_by_label(&first).is_some(), "{first}");
    assert!(
        h.query_by_label_contains("PostgreSQL is down").is_some(),
        "the reason names the database by its label"
    );
    assert!(h.query_by_label_contains("`postgres`").is_none());
    // The canvas shows the failure picture.
    let overlay = h.state().canvas_options.overlay.clone().expect("overlay");
    let db = h
        .state()
        .doc
        .design
        .nodes
        .iter()
        .position(|n| n.id.as_str() == "postgres")
        .expect("db");
    assert_eq!(overlay.node(db), Some(archway::geometry::Tone::Failed));
    // Undo and delete do nothing in the mode.
    h.state_mut().run(UICommand::Undo);
    h.state_mut().run(UICommand::SelectAll);
    h.state_mut().run(UICommand::Delete);
    h.run_ok();
    assert_eq!(h.state().doc.design, design, "the mode never edits");
    assert_eq!(h.state().doc.history.undo_len(), undo, "no undo step");
    // Escape leaves it and restores the normal view.
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(matches!(h.state().review.mode, ReviewMode::Off));
    assert!(h.state().canvas_options.overlay.is_none());
    assert_eq!(
        h.state().canvas_options.interaction,
        canvas::Interaction::Edit
    );
    assert_eq!(h.state().doc.design, design);
    assert_eq!(h.state().doc.history.undo_len(), undo);
}

#[test]
fn the_traffic_slider_names_the_component_that_saturates_first() {
    let fx = fixture();
    let mut h = harness(&fx, Some(template_file("url-shortener")));
    h.state_mut().run(UICommand::WhatIfMode);
    h.run_ok();
    // At today's load nothing is over capacity.
    assert!(
        h.query_by_label_contains("Nothing saturates at ×1")
            .is_some()
    );
    // Move the slider to the top, as assistive technology does: ×100.
    h.get_by_role(egui::accesskit::Role::Slider)
        .set_value_accesskit(100.0);
    h.run_ok();
    let (traffic, first) = match &h.state().review.mode {
        ReviewMode::WhatIf(m) => (m.traffic, m.saturation.first().expect("figures").clone()),
        _ => panic!("not in What-if mode"),
    };
    assert!((traffic - 100.0).abs() < 1e-6, "slider at ×100: {traffic}");
    assert!(first.utilisation >= 1.0, "{first:?}");
    assert!(
        h.query_by_label_contains(&format!(
            "{} saturates first",
            archway::model::labels::Labels::of(&h.state().doc.design).name(&first.id)
        ))
        .is_some(),
        "the panel names {}",
        first.id
    );
    // The overlay colours it red.
    let overlay = h.state().canvas_options.overlay.clone().expect("overlay");
    let n = h
        .state()
        .doc
        .design
        .nodes
        .iter()
        .position(|n| n.id.as_str() == first.id)
        .expect("node");
    assert!(matches!(
        overlay.node(n),
        Some(archway::geometry::Tone::Load(u)) if u >= 1.0
    ));
}

#[test]
fn compare_mode_lists_the_added_node_and_the_finding_it_introduced() {
    let fx = fixture();
    let old_path = template_file("url-shortener");
    let mut changed = file::load(&old_path).expect("template loads");
    changed.nodes.push(archway::model::Node::new(
        "stray_worker",
        NodeKind::Worker,
        archway::model::Pos::new(900.0, 900.0),
    ));
    let new_path = fx.dir.path().join("changed.archway.ron");
    file::save(&changed, &new_path).expect("save");
    let mut h = harness(&fx, Some(new_path));
    let design = h.state().doc.design.clone();
    fx.dialogs.open.lock().expect("lock").push(old_path.clone());
    h.state_mut().run(UICommand::CompareWith);
    h.run_ok();
    h.get_by_label("A design file…").click();
    h.run_ok();
    h.run_ok();
    let (introduced, added): (Vec<&'static str>, Vec<String>) = match &h.state().review.mode {
        ReviewMode::Compare(m) => (
            m.diff.findings.introduced.iter().map(|f| f.rule).collect(),
            m.diff.nodes.iter().map(|n| n.id.clone()).collect(),
        ),
        _ => panic!("not comparing"),
    };
    assert_eq!(added, vec!["stray_worker".to_owned()]);
    assert!(introduced.contains(&"NODE-UNCONNECTED"), "{introduced:?}");
    // The panel lists both.
    assert!(h.query_all_by_label_contains("stray_worker").count() >= 1);
    assert!(h.query_by_label("NODE-UNCONNECTED").is_some());
    assert!(h.query_by_label_contains("Introduced (").is_some());
    // Findings and changes read without the backticks that quote ids.
    assert!(h.query_by_label_contains("`").is_none());
    // Added is outlined green on the canvas.
    let overlay = h.state().canvas_options.overlay.clone().expect("overlay");
    let n = h.state().doc.design.nodes.len() - 1;
    assert_eq!(overlay.node(n), Some(archway::geometry::Tone::Added));
    // Leaving restores the view; nothing was edited.
    h.state_mut().run(UICommand::Escape);
    h.run_ok();
    assert!(matches!(h.state().review.mode, ReviewMode::Off));
    assert!(h.state().canvas_options.overlay.is_none());
    assert_eq!(h.state().doc.design, design);
    assert!(!h.state().doc.history.can_undo());
}

#[test]
fn zoom_keys_and_buttons_zoom_the_canvas_not_the_interface() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Client");
    h.key_press(Key::Escape);
    h.run_ok();
    h.state_mut().run(UICommand::ZoomReset);
    h.run_ok();
    assert!((h.state().canvas.zoom() - 1.0).abs() < 1e-4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run_ok();
    assert!(
        (h.state().canvas.zoom() - 1.25).abs() < 1e-3,
        "Ctrl+= zooms in"
    );
    assert_eq!(h.ctx.zoom_factor(), 1.0, "the interface keeps its size");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run_ok();
    assert!(
        (h.state().canvas.zoom() - 0.8).abs() < 1e-3,
        "Ctrl+− zooms out"
    );
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    // The status bar's level shows the zoom; clicking it goes back to 100 %.
    h.get_by_label("80 %").click();
    h.run_ok();
    assert!((h.state().canvas.zoom() - 1.0).abs() < 1e-4);
    h.get_by_label("+").click();
    h.run_ok();
    assert!(h.query_by_label("125 %").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_ok();
    assert!(
        (h.state().canvas.zoom() - 1.0).abs() < 1e-4,
        "Ctrl+0: 100 %"
    );
    assert_eq!(h.ctx.zoom_factor(), 1.0);
}

#[test]
fn arrange_menu_aligns_the_selection_in_one_undo_step_and_lock_pins_a_node() {
    use archway::model::{Node, Pos};
    let fx = fixture();
    let mut h = editor(&fx);
    let nodes = [("a", 100.0, 80.0), ("b", 420.0, 260.0), ("c", 260.0, 420.0)];
    let edit = Edit::Batch(
        nodes
            .iter()
            .enumerate()
            .map(|(i, (id, x, y))| Edit::InsertNode {
                at: i,
                node: Node::new(*id, NodeKind::AppServer, Pos::new(*x, *y)),
            })
            .collect(),
    );
    h.state_mut().submit(edit, "add");
    h.run_ok();
    let xs = |h: &Harness<'static, ArchwayApp>| -> Vec<f32> {
        h.state().doc.design.nodes.iter().map(|n| n.pos.x).collect()
    };
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_ok();
    h.get_by_label("Arrange").click();
    h.run_ok();
    h.get_by_label_contains("Align left").click();
    h.run_ok();
    assert_eq!(xs(&h), vec![100.0, 100.0, 100.0]);
    assert_eq!(h.state().doc.history.undo_label(), Some("align left"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(
        xs(&h),
        vec![100.0, 420.0, 260.0],
        "one undo step restores all"
    );
    // Lock b (Ctrl+L), then align right: b stays where it is.
    h.state_mut().selection =
        archway::ui::selection::Selection::of_nodes([archway::model::NodeId::new("b")]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes[1].props.locked, Some(true));
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_ok();
    h.state_mut().run(UICommand::AlignRight);
    h.run_ok();
    assert_eq!(xs(&h), vec![260.0, 420.0, 260.0]);
    // Arrow keys leave the locked node in place too.
    h.key_press(Key::ArrowDown);
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes[1].pos.y, 260.0);
    assert!(h.state().doc.design.nodes[0].pos.y > 80.0);
}

#[test]
fn palette_clicks_place_components_side_by_side_not_on_top_of_each_other() {
    let fx = fixture();
    let mut h = editor(&fx);
    for name in ["Client", "Cache", "Load balancer", "App server"] {
        place(&mut h, name);
    }
    let d = &h.state().doc.design;
    assert_eq!(d.nodes.len(), 4);
    let rects: Vec<_> = d.nodes.iter().map(archway::geometry::node_rect).collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            let apart =
                a.x >= b.x + b.w || b.x >= a.x + a.w || a.y >= b.y + b.h || b.y >= a.y + a.h;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn aligning_a_node_out_of_its_subnet_changes_its_container_in_the_same_undo_step() {
    use archway::model::{Container, ContainerId, ContainerKind, Node, NodeId, Pos, Rect};
    let fx = fixture();
    let mut h = editor(&fx);
    // A subnet on the right holding `inner`; `outer` stands to its left, outside.
    let mut inner = Node::new("inner", NodeKind::AppServer, Pos::new(520.0, 100.0));
    inner.container = Some(ContainerId::new("subnet"));
    let edit = Edit::Batch(vec![
        Edit::InsertContainer {
            at: 0,
            container: Container {
                id: ContainerId::new("subnet"),
                kind: ContainerKind::PrivateSubnet,
                label: String::new(),
                rect: Rect::new(480.0, 40.0, 260.0, 200.0),
                parent: None,
                geo: None,
                props: Default::default(),
            },
        },
        Edit::InsertNode { at: 0, node: inner },
        Edit::InsertNode {
            at: 1,
            node: Node::new("outer", NodeKind::Worker, Pos::new(60.0, 100.0)),
        },
    ]);
    h.state_mut().submit(edit, "add");
    h.run_ok();
    let container_of = |h: &Harness<'static, ArchwayApp>, id: &str| {
        h.state()
            .doc
            .design
            .node(id)
            .and_then(|n| n.container.clone())
            .map(|c| c.0)
    };
    assert_eq!(container_of(&h, "inner").as_deref(), Some("subnet"));
    h.state_mut().selection =
        archway::ui::selection::Selection::of_nodes([NodeId::new("inner"), NodeId::new("outer")]);
    h.state_mut().run(UICommand::AlignLeft);
    h.run_ok();
    let inner_x = h.state().doc.design.node("inner").map(|n| n.pos.x);
    assert_eq!(inner_x, Some(60.0), "aligned with the outer node");
    assert_eq!(
        container_of(&h, "inner"),
        None,
        "it left the subnet it no longer stands in"
    );
    assert_eq!(h.state().doc.history.undo_label(), Some("align left"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let d = &h.state().doc.design;
    assert_eq!(d.node("inner").map(|n| n.pos.x), Some(520.0));
    assert_eq!(container_of(&h, "inner").as_deref(), Some("subnet"));
    assert_eq!(container_of(&h, "outer"), None);
    // Aligned the other way, the outer node lands in the subnet and joins it.
    h.state_mut().run(UICommand::AlignRight);
    h.run_ok();
    assert_eq!(container_of(&h, "outer").as_deref(), Some("subnet"));
    assert_eq!(container_of(&h, "inner").as_deref(), Some("subnet"));
}

#[test]
fn same_size_takes_in_the_nodes_and_containers_a_grown_container_now_covers_in_one_undo_step() {
    use archway::model::{Container, ContainerId, ContainerKind, Node, Pos, Rect};
    let fx = fixture();
    let mut h = editor(&fx);
    let subnet = |id: &str, rect: Rect| Edit::InsertContainer {
        at: 0,
        container: Container {
            id: ContainerId::new(id),
            kind: ContainerKind::PrivateSubnet,
            label: String::new(),
            rect,
            parent: None,
            geo: None,
            props: Default::default(),
        },
    };
    // A small subnet; a node just right of it, where the subnet grown to the big one's size
    // reaches; the big subnet far below.
    let edit = Edit::Batch(vec![
        subnet("small", Rect::new(480.0, 40.0, 120.0, 120.0)),
        subnet("big", Rect::new(0.0, 600.0, 400.0, 300.0)),
        Edit::InsertNode {
            at: 0,
            node: Node::new("beside", NodeKind::Worker, Pos::new(640.0, 60.0)),
        },
        // A smaller group below the node, also where the grown subnet reaches.
        subnet("tiny", Rect::new(620.0, 200.0, 100.0, 80.0)),
    ]);
    h.state_mut().submit(edit, "add");
    h.run_ok();
    let container_of = |h: &Harness<'static, ArchwayApp>| {
        h.state()
            .doc
            .design
            .node("beside")
            .and_then(|n| n.container.clone())
            .map(|c| c.0)
    };
    assert_eq!(container_of(&h), None);
    let mut selection = archway::ui::selection::Selection::container(ContainerId::new("small"));
    selection.extend(&archway::ui::selection::Selection::container(
        ContainerId::new("big"),
    ));
    h.state_mut().selection = selection;
    h.state_mut().run(UICommand::SameSize);
    h.run_ok();
    let small = h.state().doc.design.container("small").map(|c| c.rect);
    assert_eq!(small.map(|r| (r.w, r.h)), Some((400.0, 300.0)));
    assert_eq!(
        container_of(&h).as_deref(),
        Some("small"),
        "the grown subnet takes in the node it now covers"
    );
    let parent_of_tiny = |h: &Harness<'static, ArchwayApp>| {
        h.state()
            .doc
            .design
            .container("tiny")
            .and_then(|c| c.parent.clone())
            .map(|c| c.0)
    };
    assert_eq!(
        parent_of_tiny(&h).as_deref(),
        Some("small"),
        "the grown subnet takes in the container it now covers"
    );
    assert_eq!(h.state().doc.history.undo_label(), Some("same size"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(container_of(&h), None, "one undo step");
    assert_eq!(parent_of_tiny(&h), None, "one undo step");
}

#[test]
fn a_report_exported_with_selection_only_says_it_covers_the_whole_design() {
    let fx = fixture();
    let mut h = editor(&fx);
    place(&mut h, "Load balancer");
    place(&mut h, "App server");
    assert!(
        !h.state().selection.is_empty(),
        "the new component is selected"
    );
    let report = fx.dir.path().join("review.md");
    fx.dialogs.export.lock().expect("lock").push(report.clone());
    h.state_mut().run(UICommand::Export);
    h.run_ok();
    h.get_by_label("Selection only").click();
    h.run_ok();
    h.get_by_label("Export…").click();
    h.run_ok();
    assert!(report.exists());
    let status = h.state().status.clone();
    assert!(
        status.starts_with("Exported") && status.contains("covers the whole design"),
        "{status}"
    );
}

/// The View menu's canvas options are ticked like its panel toggles (one look for the whole
/// menu); a click flips one, and Snap to grid is the command with its shortcut.
#[test]
fn view_menu_options_are_ticked_like_the_panel_toggles() {
    let fx = fixture();
    let mut h = editor(&fx);
    h.get_by_label("View").click();
    h.run_ok();
    assert!(h.query_by_label_contains("✔ Palette").is_some());
    assert!(h.state().canvas_options.show_minimap);
    h.get_by_label("✔ Minimap").click();
    h.run_ok();
    assert!(!h.state().canvas_options.show_minimap);
    h.get_by_label("View").click();
    h.run_ok();
    assert!(
        h.query_by_label_contains("✔ Minimap").is_none()
            && h.query_by_label_contains("Minimap").is_some(),
        "unticked"
    );
    let snap = h.state().canvas_options.snap_to_grid;
    h.get_by_label_contains("Snap to grid").click();
    h.run_ok();
    assert_ne!(h.state().canvas_options.snap_to_grid, snap);
}
