//! Interaction tests of the canvas alone (egui_kittest, no GPU): the canvas is driven with
//! pointer and key events, and its responses are applied to the design the way the app does.

use archway::capacity::Estimate;
use archway::critique::Report;
use archway::model::{
    Container, ContainerId, ContainerKind, Design, EdgeKind, Edit, Node, NodeId, NodeKind, Pos,
    Protocol, Rect,
};
use archway::ui::canvas::{CanvasInput, CanvasOptions, CanvasResponse, CanvasState, canvas_ui};
use archway::ui::selection::Selection;
use egui::emath::TSTransform;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// What the app would hold: the document, the selection, and the edits applied so far.
struct Doc {
    design: Design,
    report: Report,
    estimate: Estimate,
    revision: u64,
    selection: Selection,
    canvas: CanvasState,
    options: CanvasOptions,
    edits: Vec<Edit>,
}

fn design() -> Design {
    let mut d = Design::empty("test");
    d.containers.push(Container {
        id: ContainerId::new("vpc"),
        kind: ContainerKind::Vpc,
        label: String::new(),
        rect: Rect::new(500.0, 300.0, 260.0, 200.0),
        parent: None,
        geo: None,
        props: Default::default(),
    });
    d.nodes
        .push(Node::new("client", NodeKind::Client, Pos::new(40.0, 40.0)));
    d.nodes.push(Node::new(
        "lb",
        NodeKind::LoadBalancer,
        Pos::new(300.0, 40.0),
    ));
    d.nodes
        .push(Node::new("app", NodeKind::AppServer, Pos::new(40.0, 240.0)));
    d.nodes
        .push(Node::new("db", NodeKind::SqlDb, Pos::new(300.0, 240.0)));
    d
}

fn harness(design: Design) -> Harness<'static, Doc> {
    harness_with_panel(design, 0.0)
}

/// [`harness`] with a panel `side` points wide right of the canvas (none when 0), as the
/// editor's inspector stands beside it.
fn harness_with_panel(design: Design, side: f32) -> Harness<'static, Doc> {
    let mut canvas = CanvasState::new();
    // Canvas units = screen points (the harness adds an 8-point margin).
    canvas.set_view(TSTransform::from_translation(Vec2::splat(8.0)));
    let doc = Doc {
        design,
        report: Report::default(),
        estimate: Estimate::default(),
        revision: 0,
        selection: Selection::default(),
        canvas,
        options: CanvasOptions {
            show_minimap: false,
            ..CanvasOptions::default()
        },
        edits: Vec::new(),
    };
    Harness::builder()
        .with_size(Vec2::new(1000.0, 700.0))
        // 60 frames a second, so two clicks a few frames apart make a double click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            move |ui, doc: &mut Doc| {
                // As in the app: the bundled symbol font draws captions like "code → long URL".
                archway::ui::app::install_fonts(ui.ctx());
                if side > 0.0 {
                    egui::Panel::right("side")
                        .exact_size(side)
                        .show(ui, |ui| ui.label("inspector"));
                }
                let input = CanvasInput {
                    design: &doc.design,
                    report: &doc.report,
                    estimate: &doc.estimate,
                    revision: doc.revision,
                };
                let responses =
                    canvas_ui(ui, &mut doc.canvas, &doc.selection, &input, &doc.options);
                for r in responses {
                    match r {
                        CanvasResponse::Edit(e) => {
                            doc.edits.push(e.clone());
                            e.apply(&mut doc.design);
                            doc.revision += 1;
                        }
                        CanvasResponse::SetSelection(s) => doc.selection = s,
                        CanvasResponse::Command(_) | CanvasResponse::Pick(_) => {}
                    }
                }
            },
            doc,
        )
}

/// Screen position of a canvas point.
fn at(h: &Harness<'_, Doc>, x: f32, y: f32) -> Pos2 {
    h.state().canvas.screen_from_canvas() * Pos2::new(x, y)
}

/// Presses at canvas point `from`, moves in a few steps to canvas point `to`, releases.
fn drag(h: &mut Harness<'_, Doc>, from: (f32, f32), to: (f32, f32)) {
    let from = at(h, from.0, from.1);
    let to = at(h, to.0, to.1);
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=4 {
        h.hover_at(from + (to - from) * (i as f32 / 4.0));
        h.step();
    }
    h.drop_at(to);
    h.step();
    h.step();
}

fn node_pos(h: &Harness<'_, Doc>, id: &str) -> Pos {
    h.state().design.node(id).expect("node exists").pos
}

#[test]
fn dragging_a_node_is_one_move_edit_and_does_not_rebuild_geometry_mid_drag() {
    let mut h = harness(design());
    h.step();
    let builds_before = h.state().canvas.cache_builds();
    let from = at(&h, 100.0, 70.0); // inside "client"
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=5 {
        h.hover_at(from + Vec2::new(12.0 * i as f32, 6.0 * i as f32));
        h.step();
    }
    // Mid-drag: previewed, nothing applied, no geometry rebuilt.
    assert!(h.state().edits.is_empty());
    assert_eq!(h.state().canvas.cache_builds(), builds_before);
    h.drop_at(from + Vec2::new(60.0, 30.0));
    h.step();
    h.step();
    let edits = &h.state().edits;
    assert_eq!(edits.len(), 1, "{edits:?}");
    match &edits[0] {
        Edit::Move { nodes, dx, dy, .. } => {
            assert_eq!(nodes, &vec![NodeId::new("client")]);
            assert_eq!((*dx, *dy), (60.0, 30.0));
        }
        other => panic!("expected one Move, got {other:?}"),
    }
    assert_eq!(node_pos(&h, "client"), Pos::new(100.0, 70.0));
    assert_eq!(
        h.state().selection,
        Selection::node(NodeId::new("client")),
        "dragging an unselected node selects it"
    );
}

#[test]
fn dropping_a_node_inside_a_container_puts_it_there() {
    let mut h = harness(design());
    h.step();
    // Drag "db" (300,240) so its centre lands inside the VPC (500..760, 300..500).
    drag(&mut h, (360.0, 270.0), (600.0, 400.0));
    let db = h.state().design.node("db").expect("db");
    assert_eq!(db.container, Some(ContainerId::new("vpc")));
    assert_eq!(h.state().edits.len(), 1, "one undo step");
}

#[test]
fn box_select_picks_the_nodes_wholly_inside() {
    let mut h = harness(design());
    h.step();
    // From empty space above-left of client to below lb: covers client and lb only.
    drag(&mut h, (20.0, 20.0), (470.0, 120.0));
    let s = &h.state().selection;
    assert_eq!(
        s.nodes.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
        vec!["client", "lb"]
    );
    assert!(h.state().edits.is_empty(), "selecting is not an edit");
}

#[test]
fn click_selects_and_shift_click_adds() {
    let mut h = harness(design());
    h.step();
    let p = at(&h, 100.0, 70.0);
    h.hover_at(p);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.step();
    assert_eq!(h.state().selection, Selection::node(NodeId::new("client")));
    let q = at(&h, 360.0, 70.0);
    h.hover_at(q);
    h.step();
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: q,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: q,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.step();
    assert_eq!(h.state().selection.nodes.len(), 2);
    h.step();
    // Clicking empty canvas clears the selection.
    let empty = at(&h, 900.0, 650.0);
    h.hover_at(empty);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: empty,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: empty,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.step();
    assert!(h.state().selection.is_empty());
}

#[test]
fn wiring_from_a_port_inserts_an_edge_with_the_usual_defaults() {
    let mut h = harness(design());
    h.step();
    // client's right port is at (190, 72); drop on lb.
    drag(&mut h, (190.0, 72.0), (370.0, 70.0));
    // app's right port (190, 272) to db.
    drag(&mut h, (190.0, 272.0), (370.0, 270.0));
    let edges = &h.state().design.edges;
    assert_eq!(edges.len(), 2, "{:?}", h.state().edits);
    assert_eq!(
        (edges[0].from.as_str(), edges[0].to.as_str()),
        ("client", "lb")
    );
    assert_eq!(edges[0].kind, EdgeKind::SyncRequest);
    assert_eq!(edges[0].protocol, Some(Protocol::Https));
    assert_eq!(
        (edges[1].from.as_str(), edges[1].to.as_str()),
        ("app", "db")
    );
    assert_eq!(edges[1].kind, EdgeKind::Write);
    assert_eq!(edges[1].protocol, Some(Protocol::Tcp));
    assert_eq!(edges[1].props.tls, Some(true));
    assert!(matches!(h.state().edits[0], Edit::InsertEdge { .. }));
    assert_eq!(
        node_pos(&h, "client"),
        Pos::new(40.0, 40.0),
        "wiring moves nothing"
    );
    // The new edge is selected.
    assert!(h.state().selection.edges.contains(&edges[1].id));
}

#[test]
fn arrow_keys_nudge_the_selection_by_one_grid_step_or_five_with_shift() {
    let mut h = harness(design());
    h.state_mut().selection = Selection::node(NodeId::new("lb"));
    h.step();
    h.key_press(Key::ArrowRight);
    h.step();
    assert_eq!(node_pos(&h, "lb"), Pos::new(310.0, 40.0));
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.step();
    assert_eq!(node_pos(&h, "lb"), Pos::new(310.0, 90.0));
    assert_eq!(h.state().edits.len(), 2);
}

#[test]
fn moving_a_container_carries_its_contents() {
    let mut d = design();
    let mut inside = Node::new("inner", NodeKind::Cache, Pos::new(540.0, 360.0));
    inside.container = Some(ContainerId::new("vpc"));
    d.nodes.push(inside);
    let mut h = harness(d);
    h.step();
    // Grab the VPC by its label band.
    drag(&mut h, (600.0, 310.0), (640.0, 330.0));
    let edits = &h.state().edits;
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(node_pos(&h, "inner"), Pos::new(580.0, 380.0));
    assert_eq!(
        h.state().design.container("vpc").expect("vpc").rect,
        Rect::new(540.0, 320.0, 260.0, 200.0)
    );
}

/// Presses and releases at a screen point.
fn click_at(h: &mut Harness<'_, Doc>, p: Pos2) {
    h.hover_at(p);
    h.step();
    h.drag_at(p);
    h.step();
    h.drop_at(p);
    h.step();
}

#[test]
fn dragging_a_selected_containers_handle_resizes_it_in_one_edit() {
    let mut h = harness(design());
    h.step();
    // Select the VPC by its label band, then drag its bottom-right handle.
    let band = at(&h, 600.0, 310.0);
    click_at(&mut h, band);
    assert!(
        h.state()
            .selection
            .containers
            .contains(&ContainerId::new("vpc"))
    );
    drag(&mut h, (760.0, 500.0), (803.0, 538.0));
    let edits = &h.state().edits;
    assert_eq!(edits.len(), 1, "{edits:?}");
    // The corner snaps to the grid; the top-left corner stays.
    assert_eq!(
        h.state().design.container("vpc").expect("vpc").rect,
        Rect::new(500.0, 300.0, 300.0, 240.0)
    );
}

#[test]
fn double_click_renames_a_node_in_place() {
    let mut h = harness(design());
    h.step();
    let p = at(&h, 360.0, 70.0);
    h.hover_at(p);
    // Two clicks in quick succession.
    for _ in 0..2 {
        h.drag_at(p);
        h.drop_at(p);
    }
    h.step();
    h.step();
    // The label editor has focus: replace the text and press Enter.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Edge proxy".into()));
    h.step();
    h.key_press(Key::Enter);
    h.step();
    h.step();
    let lb = h.state().design.node("lb").expect("lb");
    assert_eq!(lb.label, "Edge proxy");
    assert_eq!(h.state().edits.len(), 1, "{:?}", h.state().edits);
}

#[test]
fn the_connect_popup_changes_the_new_edges_kind_and_protocol() {
    use egui_kittest::kittest::Queryable;
    let mut h = harness(design());
    h.step();
    // client's right port to lb: the popup opens on the new edge.
    drag(&mut h, (190.0, 72.0), (370.0, 70.0));
    assert_eq!(h.state().design.edges.len(), 1);
    h.get_by_label("kind").click();
    h.run_ok();
    h.get_by_label("async message").click();
    h.run_ok();
    h.get_by_label("protocol").click();
    h.run_ok();
    h.get_by_label("gRPC").click();
    h.run_ok();
    let e = &h.state().design.edges[0];
    assert_eq!(e.kind, EdgeKind::AsyncMessage);
    assert_eq!(e.protocol, Some(Protocol::Grpc));
    // Insert, then one edit per change.
    assert_eq!(h.state().edits.len(), 3, "{:?}", h.state().edits);
    h.get_by_label("Done").click();
    h.run_ok();
    assert!(h.query_by_label("kind").is_none(), "Done closes the popup");
}

#[test]
fn clicking_in_the_minimap_centres_the_view_there() {
    let mut h = harness(design());
    h.state_mut().options.show_minimap = true;
    h.step();
    h.step();
    let frame = h.state().canvas.minimap_rect().expect("the minimap fits");
    // The middle of the minimap is the middle of the design's bounds: (40, 40)–(760, 500).
    click_at(&mut h, frame.center());
    let c = h.state().canvas.view_centre_in_canvas();
    assert!(
        (c.x - 400.0).abs() < 1.0 && (c.y - 270.0).abs() < 1.0,
        "view centre {c:?}"
    );
    assert!(
        h.state().edits.is_empty(),
        "the minimap only moves the view"
    );
    assert!(h.state().selection.is_empty());
}

#[test]
fn hovering_a_long_node_label_shows_it_in_full() {
    use egui_kittest::kittest::Queryable;
    let mut d = design();
    d.nodes[1].label = "Regional load balancer for the public API".into();
    let mut h = harness(d);
    h.step();
    h.hover_at(at(&h, 380.0, 60.0));
    for _ in 0..120 {
        h.step();
    }
    assert!(
        h.query_by_label("Regional load balancer for the public API")
            .is_some(),
        "the tooltip carries the whole label"
    );
}

mod geometry_tests {
    use archway::geometry::{self, Side};
    use archway::model::{Design, Edge, EdgeKind, Node, NodeKind, Pos, Protocol, Rect};

    #[test]
    fn routes_leave_and_enter_by_the_facing_sides() {
        let a = Rect::new(0.0, 0.0, 150.0, 64.0);
        let right = Rect::new(400.0, 20.0, 150.0, 64.0);
        let below = Rect::new(10.0, 300.0, 150.0, 64.0);
        assert_eq!(geometry::route_sides(&a, &right), (Side::Right, Side::Left));
        assert_eq!(geometry::route_sides(&right, &a), (Side::Left, Side::Right));
        assert_eq!(geometry::route_sides(&a, &below), (Side::Bottom, Side::Top));
        let r = geometry::edge_route(&a, &right, 0.0);
        assert_eq!(r.start(), Pos::new(150.0, 32.0));
        assert_eq!(r.end(), Pos::new(400.0, 52.0));
        // A Z: out to the right, down halfway across the gap, on into the left side.
        assert_eq!(
            r.points(),
            &[
                Pos::new(150.0, 32.0),
                Pos::new(275.0, 32.0),
                Pos::new(275.0, 52.0),
                Pos::new(400.0, 52.0)
            ]
        );
    }

    #[test]
    fn parallel_edges_get_separate_lanes() {
        assert_eq!(geometry::lane(0, 1), 0.0);
        assert_eq!((geometry::lane(0, 2), geometry::lane(1, 2)), (-0.5, 0.5));
        let a = Rect::new(0.0, 0.0, 150.0, 64.0);
        let b = Rect::new(400.0, 200.0, 150.0, 64.0);
        let r0 = geometry::edge_route(&a, &b, -0.5);
        let r1 = geometry::edge_route(&a, &b, 0.5);
        assert!((r0.start().y - r1.start().y).abs() >= geometry::LANE_SPACING - 0.01);
        // Their vertical runs are apart too, so the two lines never merge.
        assert!((r0.points()[1].x - r1.points()[1].x).abs() >= geometry::LANE_SPACING - 0.01);
    }

    #[test]
    fn distance_to_a_route_finds_points_on_and_off_it() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(300.0, 0.0, 100.0, 50.0);
        let r = geometry::edge_route(&a, &b, 0.0);
        assert_eq!(r.points().len(), 2, "boxes side by side: one straight run");
        assert!(r.distance_to(r.mid()) < 0.5);
        assert!(
            r.distance_to(Pos::new(250.0, 25.0)) < 1.0,
            "straight across"
        );
        assert!(r.distance_to(Pos::new(250.0, 80.0)) > 50.0);
    }

    fn design_with(nodes: &[(&str, f32, f32)], edges: &[(&str, &str)]) -> Design {
        let mut d = Design::empty("routes");
        for &(id, x, y) in nodes {
            d.nodes
                .push(Node::new(id, NodeKind::AppServer, Pos::new(x, y)));
        }
        for &(a, b) in edges {
            d.edges.push(Edge::new(
                format!("{a}_{b}"),
                a,
                b,
                EdgeKind::SyncRequest,
                Some(Protocol::Https),
            ));
        }
        d
    }

    /// Whether the corner polyline passes through the inside of `r`.
    fn crosses(route: &geometry::EdgeRoute, r: &Rect) -> bool {
        route.segments().any(|(a, b)| {
            (0..=50).any(|k| {
                let t = k as f32 / 50.0;
                let p = Pos::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                p.x > r.x + 1.0 && p.x < r.x + r.w - 1.0 && p.y > r.y + 1.0 && p.y < r.y + r.h - 1.0
            })
        })
    }

    #[test]
    fn a_route_detours_around_a_node_in_the_way() {
        // a → c straight across would pass through b.
        let d = design_with(
            &[("a", 0.0, 0.0), ("b", 300.0, 0.0), ("c", 600.0, 0.0)],
            &[("a", "c")],
        );
        let route = geometry::Router::new(&d).route(0).expect("routed");
        let b = geometry::node_rect(&d.nodes[1]);
        assert!(!crosses(&route, &b), "{:?}", route.points());
        // Still leaves a's right side and enters c's left side, in horizontal and vertical runs.
        assert_eq!(route.start(), Pos::new(150.0, 32.0));
        assert_eq!(route.end(), Pos::new(600.0, 32.0));
        for (p, q) in route.segments() {
            assert!(p.x == q.x || p.y == q.y, "{p:?} → {q:?} is not orthogonal");
        }
        // Without the obstacle index it is the straight line through b.
        let naive = geometry::edge_route(
            &geometry::node_rect(&d.nodes[0]),
            &geometry::node_rect(&d.nodes[2]),
            0.0,
        );
        assert!(crosses(&naive, &b));
    }

    #[test]
    fn a_z_route_bends_beside_a_node_in_its_vertical_run() {
        // a → c is a Z whose vertical run at the middle of the gap would cut through b.
        let d = design_with(
            &[("a", 0.0, 0.0), ("b", 260.0, 100.0), ("c", 600.0, 300.0)],
            &[("a", "c")],
        );
        let route = geometry::Router::new(&d).route(0).expect("routed");
        let b = geometry::node_rect(&d.nodes[1]);
        assert!(!crosses(&route, &b), "{:?}", route.points());
        let naive = geometry::edge_route(
            &geometry::node_rect(&d.nodes[0]),
            &geometry::node_rect(&d.nodes[2]),
            0.0,
        );
        assert!(crosses(&naive, &b));
    }

    #[test]
    fn routing_is_deterministic() {
        let d = archway::model::synthetic::design(300);
        let one = geometry::Router::new(&d).routes();
        let two = geometry::Router::new(&d).routes();
        assert_eq!(one, two);
    }

    #[test]
    fn captions_keep_clear_of_each_other() {
        // A fan-out: five edges leave `lb` and share the first run, where every caption would
        // otherwise be drawn at the same place.
        let mut nodes = vec![("lb", 0.0, 200.0)];
        let names = ["s0", "s1", "s2", "s3", "s4"];
        for (i, n) in names.iter().enumerate() {
            nodes.push((n, 400.0, i as f32 * 100.0));
        }
        let edges: Vec<(&str, &str)> = names.iter().map(|n| ("lb", *n)).collect();
        let d = design_with(&nodes, &edges);
        let router = geometry::Router::new(&d);
        let routes = router.routes();
        let sizes = vec![(40.0, 15.0); routes.len()];
        let at = geometry::place_captions(&routes, &sizes, router.nodes());
        let boxes: Vec<Rect> = at
            .iter()
            .map(|p| {
                let p = p.expect("placed");
                Rect::new(p.x - 20.0, p.y - 7.5, 40.0, 15.0)
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!geometry::grid::overlaps(a, b), "{a:?} overlaps {b:?}");
            }
            for n in &d.nodes {
                assert!(!geometry::grid::overlaps(a, &geometry::node_rect(n)));
            }
        }
        // Each caption sits on its own edge.
        for (route, p) in routes.iter().zip(&at) {
            assert!(route.unwrap().distance_to(p.unwrap()) < 0.5);
        }
    }

    #[test]
    fn snapping_rounds_to_the_grid() {
        assert_eq!(geometry::snap(14.0, 10.0), 10.0);
        assert_eq!(geometry::snap(-16.0, 10.0), -20.0);
        assert_eq!(geometry::snap(3.3, 0.0), 3.3);
    }
}

#[test]
fn wiring_onto_a_containers_title_or_border_ends_the_edge_at_the_container() {
    let mut h = harness(design());
    h.step();
    // Into the empty middle of the VPC: nothing to connect to.
    drag(&mut h, (450.0, 272.0), (630.0, 400.0));
    assert!(h.state().design.edges.is_empty());
    // db's right port (450, 272) onto the VPC's title band.
    drag(&mut h, (450.0, 272.0), (630.0, 306.0));
    // app's bottom port onto the VPC's left border.
    drag(&mut h, (115.0, 304.0), (501.0, 450.0));
    let edges = &h.state().design.edges;
    assert_eq!(edges.len(), 2, "{:?}", h.state().edits);
    assert_eq!(
        (edges[0].from.as_str(), edges[0].to.as_str()),
        ("db", "vpc")
    );
    assert_eq!(
        (edges[1].from.as_str(), edges[1].to.as_str()),
        ("app", "vpc")
    );
    assert!(h.state().selection.edges.contains(&edges[1].id));
}

#[test]
fn a_wire_dropped_on_empty_canvas_offers_the_palette_and_connects_the_new_component() {
    let mut h = harness(design());
    h.step();
    // client's right port (190, 72) to empty canvas at (700, 100).
    drag(&mut h, (190.0, 72.0), (700.0, 100.0));
    assert!(
        h.state().design.edges.is_empty(),
        "nothing until a kind is chosen"
    );
    h.get_by_label("Kind").type_text("cache");
    h.run();
    h.get_by_label("Cache").click();
    h.run();
    let d = &h.state().design;
    assert_eq!(d.nodes.len(), 5);
    let cache = d.nodes.last().expect("the new node");
    assert_eq!(cache.kind, NodeKind::Cache);
    assert_eq!(
        archway::geometry::center(&archway::geometry::node_rect(cache)),
        Pos::new(700.0, 100.0),
        "placed where the wire was dropped"
    );
    assert_eq!(d.edges.len(), 1);
    assert_eq!(
        (d.edges[0].from.as_str(), d.edges[0].to.as_str()),
        ("client", cache.id.as_str())
    );
    assert_eq!(
        d.edges[0].kind,
        EdgeKind::Read,
        "the usual kind for a cache"
    );
    assert_eq!(h.state().edits.len(), 1, "one edit: one undo step");
    assert!(h.state().selection.has_node(cache.id.as_str()));
    assert!(h.query_by_label("Kind").is_none(), "the palette closed");
}

#[test]
fn a_findings_tooltip_names_components_by_their_labels_not_their_ids() {
    use archway::critique::{Finding, Scope, Severity};
    let mut d = design();
    d.nodes[0].label = "Web browser".into();
    d.nodes[1].label = "Edge balancer".into();
    let mut h = harness(d);
    h.state_mut().report.findings.push(Finding {
        rule: "SPOF-TEST",
        severity: Severity::Warning,
        message: "`lb` is the only way in for `client`".into(),
        nodes: vec![NodeId::new("lb")],
        edges: Vec::new(),
        fix: "add a second one",
        guide_section: "3.2",
        suppressed: None,
        scope: Scope::Shape,
    });
    h.state_mut().revision += 1;
    h.step();
    h.hover_at(at(&h, 380.0, 60.0));
    for _ in 0..120 {
        h.step();
    }
    assert!(
        h.query_by_label("Edge balancer is the only way in for Web browser")
            .is_some(),
        "the message with labels"
    );
    assert!(
        h.query_by_label_contains("`lb`").is_none(),
        "no backticked id is left"
    );
}

#[test]
fn the_quick_connect_palette_stays_inside_the_canvas_of_a_small_window() {
    let mut h = harness_with_panel(design(), 300.0);
    h.set_size(Vec2::new(1024.0, 700.0));
    h.step();
    // client's right port (190, 72) to empty canvas near the window's bottom-right corner.
    let canvas = h.state().canvas.viewport();
    let corner = canvas.max - Vec2::new(6.0, 6.0);
    let to = h.state().canvas.canvas_from_screen() * corner;
    drag(&mut h, (190.0, 72.0), (to.x, to.y));
    h.run();
    let frame = h.get_by_label("Connect Client to…").rect();
    let field = h.get_by_label("Kind").rect();
    let first = h.get_by_label("Client").rect();
    for (what, r) in [
        ("title", frame),
        ("kind field", field),
        ("first kind", first),
    ] {
        assert!(
            canvas.contains_rect(r),
            "the {what} {r:?} is inside the canvas {canvas:?}"
        );
    }
    // Choosing still places the component where the wire was dropped.
    h.get_by_label("Cache").scroll_to_me();
    h.run();
    h.get_by_label("Cache").click();
    h.run();
    let cache = h.state().design.nodes.last().expect("placed").clone();
    assert_eq!(cache.kind, NodeKind::Cache);
    let centre = archway::geometry::center(&archway::geometry::node_rect(&cache));
    assert!((centre.x - to.x).abs() < 1.0 && (centre.y - to.y).abs() < 1.0);
}

#[test]
fn the_connect_popup_stays_inside_the_canvas_near_its_corner() {
    let mut d = design();
    // Two nodes in the bottom-right corner of a canvas 1024 − 300 points wide and 700 high:
    // the popup opens halfway between them.
    d.nodes.push(Node::new(
        "near",
        NodeKind::AppServer,
        Pos::new(400.0, 600.0),
    ));
    d.nodes
        .push(Node::new("corner", NodeKind::Cache, Pos::new(590.0, 600.0)));
    let mut h = harness_with_panel(d, 300.0);
    h.set_size(Vec2::new(1024.0, 700.0));
    h.step();
    // near's right port (550, 632) onto the corner node.
    drag(&mut h, (550.0, 632.0), (665.0, 632.0));
    h.run();
    assert_eq!(h.state().design.edges.len(), 1, "wired");
    let canvas = h.state().canvas.viewport();
    for label in ["kind", "Done"] {
        let r = h.get_by_label(label).rect();
        assert!(
            canvas.contains_rect(r),
            "the popup's {label} {r:?} is inside the canvas {canvas:?}"
        );
    }
}
