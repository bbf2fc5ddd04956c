//! Archway's own file dialog, as on a desktop with no portal and no zenity: Save of an
//! untitled design, Open and Export complete by typing a path in the in-app dialog
//! (egui_kittest, no display, no GPU).

use archway::model::{Design, Edit, NodeKind, file};
use archway::ui::app::{AppOptions, ArchwayApp, FilePurpose, NativeDialogs, View};
use archway::ui::canvas;
use archway::ui::files::Folders;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

/// The app with the native dialogs unavailable, as under Xvfb without portal or zenity.
fn harness(dir: &Path, file: Option<PathBuf>) -> Harness<'static, ArchwayApp> {
    let app = ArchwayApp::new(AppOptions {
        folders: Some(Folders::at(dir)),
        file,
        dialogs: Box::new(NativeDialogs::builtin()),
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        // egui_file's path and file name fields carry no accessible name (its own widgets).
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut ArchwayApp| app.ui_root(ui), app);
    h.run_ok();
    h
}

/// A harness in the editor on a new design with one load balancer (unsaved).
fn editor_with_a_node(dir: &Path) -> Harness<'static, ArchwayApp> {
    let mut h = harness(dir, None);
    h.get_by_label_contains("New empty design").click();
    h.run_ok();
    assert_eq!(h.state().view, View::Editor);
    h.get_by_label("Load balancer").click();
    h.run_ok();
    assert_eq!(h.state().doc.design.nodes.len(), 1);
    h
}

/// Types `path` into the in-app dialog's file name field (which shows `shown` now) and
/// confirms with Enter.
fn type_path_and_confirm(h: &mut Harness<'static, ArchwayApp>, shown: &str, path: &Path) {
    let field = h.get_by(|n| n.role() == Role::TextInput && n.value().as_deref() == Some(shown));
    field.click();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by(|n| n.role() == Role::TextInput && n.is_focused())
        .type_text(&path.to_string_lossy());
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
}

#[test]
fn save_of_an_untitled_design_completes_in_the_in_app_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = editor_with_a_node(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    assert_eq!(
        h.state().in_app_dialog(),
        Some(&FilePurpose::Save { then: None })
    );
    assert!(
        h.state().status.contains("Archway's file dialog"),
        "the status bar says why: {}",
        h.state().status
    );
    let suggested = format!("untitled_design{}", file::EXTENSION);
    // Typed without the extension: the design extension is added, as in the native dialog.
    let typed = dir.path().join("shop");
    type_path_and_confirm(&mut h, &suggested, &typed);
    let saved = dir.path().join(format!("shop{}", file::EXTENSION));
    let design = file::load(&saved).expect("the saved design loads");
    assert_eq!(design.nodes.len(), 1);
    assert_eq!(h.state().doc.path.as_deref(), Some(saved.as_path()));
    assert!(!h.state().doc.is_dirty());
    assert!(h.state().in_app_dialog().is_none(), "the dialog closed");
    assert!(
        h.state().status.starts_with("Saved"),
        "{}",
        h.state().status
    );
}

#[test]
fn open_completes_in_the_in_app_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut design = Design::empty("Two caches");
    for x in [0.0, 300.0] {
        let (edit, _) = canvas::place_edit(
            &design,
            canvas::PaletteItem::Node(NodeKind::Cache),
            archway::model::Pos::new(x, 0.0),
        );
        let _ = Edit::apply(edit, &mut design);
    }
    let path = dir.path().join(format!("caches{}", file::EXTENSION));
    file::save(&design, &path).expect("write the design");
    let mut h = harness(dir.path(), None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_ok();
    assert_eq!(h.state().in_app_dialog(), Some(&FilePurpose::Open));
    type_path_and_confirm(&mut h, "", &path);
    assert_eq!(h.state().view, View::Editor);
    assert_eq!(h.state().doc.design.nodes.len(), 2);
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
}

#[test]
fn export_completes_in_the_in_app_dialog_in_each_named_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = editor_with_a_node(dir.path());
    let svg = dir.path().join("picture.svg");
    let scene = dir.path().join("scene.excalidraw");
    for path in [&svg, &scene] {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
        h.run_ok();
        h.get_by_label("Export…").click();
        h.run_ok();
        assert!(matches!(
            h.state().in_app_dialog(),
            Some(FilePurpose::Export { .. })
        ));
        type_path_and_confirm(&mut h, "untitled_design.svg", path);
        assert!(path.exists(), "{} written", path.display());
        assert!(
            h.state().status.starts_with("Exported"),
            "{}",
            h.state().status
        );
    }
    assert!(std::fs::read_to_string(&svg).expect("svg").contains("<svg"));
    assert!(
        std::fs::read_to_string(&scene)
            .expect("scene")
            .contains("\"excalidraw\"")
    );
}

#[test]
fn saving_before_a_new_design_finishes_after_the_in_app_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = editor_with_a_node(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_ok();
    h.get_by_label("Save").click();
    h.run_ok();
    let path = dir.path().join(format!("first{}", file::EXTENSION));
    let suggested = format!("untitled_design{}", file::EXTENSION);
    type_path_and_confirm(&mut h, &suggested, &path);
    assert_eq!(file::load(&path).expect("saved").nodes.len(), 1);
    assert!(
        h.state().doc.design.nodes.is_empty(),
        "the new design opened once saved"
    );
}

#[test]
fn escape_cancels_the_in_app_dialog_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = editor_with_a_node(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    assert!(h.state().in_app_dialog().is_some());
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(h.state().in_app_dialog().is_none());
    assert!(h.state().doc.path.is_none());
    assert!(h.state().doc.is_dirty());
}

/// A saved design of three labelled components (an API and its database in a subnet, a worker
/// outside) connected API → database → worker; returns its path.
fn three_components(dir: &Path) -> PathBuf {
    use archway::model::{Container, ContainerId, ContainerKind, EdgeKind, Node, Pos, Rect};
    let mut d = Design::empty("Checkout");
    d.containers.push(Container {
        id: ContainerId::new("subnet"),
        kind: ContainerKind::PrivateSubnet,
        label: "Checkout subnet".into(),
        rect: Rect::new(0.0, 0.0, 560.0, 200.0),
        parent: None,
        geo: None,
        props: Default::default(),
    });
    for (id, kind, label, x, inside) in [
        ("api", NodeKind::AppServer, "Checkout API", 40.0, true),
        ("db", NodeKind::SqlDb, "Orders DB", 320.0, true),
        ("worker", NodeKind::Worker, "Reports worker", 700.0, false),
    ] {
        let mut n = Node::new(id, kind, Pos::new(x, 60.0));
        n.label = label.into();
        n.container = inside.then(|| ContainerId::new("subnet"));
        d.nodes.push(n);
    }
    d.edges.push(archway::model::Edge::new(
        "e1",
        "api",
        "db",
        EdgeKind::SyncRequest,
        None,
    ));
    d.edges.push(archway::model::Edge::new(
        "e2",
        "db",
        "worker",
        EdgeKind::AsyncMessage,
        None,
    ));
    let path = dir.join(format!("checkout{}", file::EXTENSION));
    file::save(&d, &path).expect("write the design");
    path
}

/// Whether the widget labelled `label` is drawn disabled.
fn disabled(h: &Harness<'static, ArchwayApp>, label: &str) -> bool {
    use egui_kittest::kittest::NodeT;
    h.get_by_label(label).accesskit_node().is_disabled()
}

/// Chooses `item` in the combo box labelled `label`.
fn choose(h: &mut Harness<'static, ArchwayApp>, label: &str, item: &str) {
    h.get_by_label(label).click();
    h.run_ok();
    h.get_by_label(item).click();
    h.run_ok();
}

#[test]
fn export_options_draw_the_selection_only_in_the_chosen_theme_without_badges() {
    use archway::ui::selection::Selection;
    let dir = tempfile::tempdir().expect("temp dir");
    let design = three_components(dir.path());
    let mut h = harness(dir.path(), Some(design));
    assert_eq!(h.state().view, View::Editor);
    assert!(
        !h.state().doc.report.findings.is_empty(),
        "the design has findings, so badges would show"
    );
    h.state_mut().selection = Selection::of_nodes([
        archway::model::NodeId::new("api"),
        archway::model::NodeId::new("db"),
    ]);
    h.run_ok();

    // PNG, light, no badges, selection only.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_ok();
    assert!(
        h.state().in_app_dialog().is_none(),
        "the options come first"
    );
    choose(&mut h, "Format", "PNG picture");
    h.get_by_label("Light").click();
    h.run_ok();
    h.get_by_label("Finding badges").click();
    h.run_ok();
    h.get_by_label("Selection only").click();
    h.run_ok();
    h.get_by_label("Export…").click();
    h.run_ok();
    assert!(matches!(
        h.state().in_app_dialog(),
        Some(FilePurpose::Export { .. })
    ));
    let png = dir.path().join("part.png");
    type_path_and_confirm(&mut h, "checkout.png", &png);
    let bytes = std::fs::read(&png).expect("the PNG was written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");

    // The same options are offered again; only the format changes, to SVG.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_ok();
    let remembered = h.state().export_choice.clone();
    assert_eq!(remembered.format, 1, "PNG remembered");
    assert_eq!(remembered.theme, Some(archway::export::Theme::Light));
    assert!(!remembered.findings && remembered.selection_only);
    choose(&mut h, "Format", "SVG picture");
    h.get_by_label("Export…").click();
    h.run_ok();
    let svg = dir.path().join("part.svg");
    type_path_and_confirm(&mut h, "checkout.svg", &svg);
    let text = std::fs::read_to_string(&svg).expect("the SVG was written");
    assert!(text.contains("Checkout API") && text.contains("Orders DB"));
    assert!(
        text.contains("Checkout subnet"),
        "the selection's container is drawn"
    );
    assert!(
        !text.contains("Reports worker"),
        "a component outside the selection is left out"
    );
    assert!(!text.contains("class=\"badge\""), "no finding badge");
    assert!(text.contains("fill=\"#f6f7f9\""), "the light background");
    assert!(
        h.state().status.starts_with("Exported"),
        "{}",
        h.state().status
    );
}

#[test]
fn choosing_a_format_in_the_in_app_dialog_changes_the_file_names_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = editor_with_a_node(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_ok();
    h.get_by_label("Export…").click();
    h.run_ok();
    // Type a name, then choose another format under the dialog.
    let field = h.get_by(|n| {
        n.role() == Role::TextInput && n.value().as_deref() == Some("untitled_design.svg")
    });
    field.click();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by(|n| n.role() == Role::TextInput && n.is_focused())
        .type_text("x.svg");
    h.run_ok();
    choose(&mut h, "Format", "Mermaid flowchart");
    assert!(
        h.query_by(|n| n.role() == Role::TextInput && n.value().as_deref() == Some("x.mmd"))
            .is_some(),
        "x.svg became x.mmd"
    );
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(h.state().in_app_dialog().is_none(), "Escape closes it");
}

/// Exporting the selection only, then choosing a review report in the in-app dialog: the
/// dialog itself says the report covers the whole design (a report cannot show a part), and
/// stops saying so when a picture is chosen again.
#[test]
fn the_in_app_dialog_says_a_report_covers_more_than_the_selection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = editor_with_a_node(dir.path());
    assert!(!h.state().selection.is_empty(), "the new node is selected");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_ok();
    h.get_by_label("Selection only").click();
    h.run_ok();
    h.get_by_label("Export…").click();
    h.run_ok();
    let notice = "A review report covers the whole design";
    assert!(
        h.query_by_label_contains(notice).is_none(),
        "an SVG shows a part"
    );
    choose(&mut h, "Format", "Review report (Markdown)");
    assert!(
        h.query_by_label_contains(notice).is_some(),
        "the dialog says the report covers the whole design"
    );
    choose(&mut h, "Format", "SVG picture");
    assert!(h.query_by_label_contains(notice).is_none());
}

#[test]
fn escape_and_cancel_close_the_export_options_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = editor_with_a_node(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_ok();
    assert!(h.state().export_dialog.is_some());
    // Nothing is selected here: "Selection only" cannot be ticked; a PNG has a scale.
    h.state_mut().selection.clear();
    h.run_ok();
    assert!(disabled(&h, "Selection only"));
    assert!(disabled(&h, "Scale"), "an SVG has no scale");
    choose(&mut h, "Format", "PNG picture");
    assert!(!disabled(&h, "Scale"));
    choose(&mut h, "Format", "draw.io diagram");
    assert!(disabled(&h, "Light"), "draw.io has no theme");
    assert!(disabled(&h, "Finding badges"));
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(
        h.state().export_dialog.is_none(),
        "Escape closed the options"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_ok();
    h.get_by_label("Cancel").click();
    h.run_ok();
    assert!(
        h.state().export_dialog.is_none(),
        "Cancel closed the options"
    );
    assert!(h.state().in_app_dialog().is_none());
    // Enter goes on to the file dialog, as Export… does; Escape closes that too.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    assert!(h.state().export_dialog.is_none());
    assert!(matches!(
        h.state().in_app_dialog(),
        Some(FilePurpose::Export { .. })
    ));
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(h.state().in_app_dialog().is_none());
    let exported: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| [".svg", ".png", ".drawio"].iter().any(|x| n.ends_with(x)))
        .collect();
    assert!(exported.is_empty(), "nothing exported: {exported:?}");
}
