//! Exports: golden snapshots (SVG, Markdown, Mermaid, draw.io), well-formedness of every
//! format, injection safety, and the `archway export` command.
//!
//! Golden tests use a fixed, hand-made review (findings and estimate) so the snapshots check the
//! exporters' output and do not change whenever a rule or the estimator changes; one test runs
//! the real review end to end.

use archway::capacity::{CostRange, Estimate, NodeEstimate, Status};
use archway::critique::{Analysis, Finding, Report, RuleMeta, Scope, Severity};
use archway::export::{self, Format, Options, Theme};
use archway::model::{
    Container, ContainerId, ContainerKind, Design, Edge, EdgeKind, Node, NodeKind, Pos, Protocol,
    Rect, ReviewLevel, Suppression, file,
};
use std::path::Path;

static SPOF_META: RuleMeta = RuleMeta {
    id: "SPOF-DB",
    number: "R35",
    title: "a primary database has no standby",
    category: "J. Fault tolerance",
    severity: Severity::Error,
    scope: Scope::Shape,
    guide_section: "3.6",
    fix: "add a standby in another availability zone",
    doc: "",
};

static CACHE_META: RuleMeta = RuleMeta {
    id: "NO-CACHE",
    number: "R10",
    title: "a read-heavy path has no cache",
    category: "C. Caching",
    severity: Severity::Warning,
    scope: Scope::Shape,
    guide_section: "2.4",
    fix: "put a cache in front of the database | keep it warm",
    doc: "",
};

static TLS_META: RuleMeta = RuleMeta {
    id: "TLS-INTERNAL",
    number: "R50",
    title: "an internal edge is not encrypted",
    category: "H. Security",
    severity: Severity::Info,
    scope: Scope::Detail,
    guide_section: "7.2",
    fix: "turn on TLS",
    doc: "",
};

fn node(id: &str, kind: NodeKind, x: f32, y: f32, container: Option<&str>, label: &str) -> Node {
    let mut n = Node::new(id, kind, Pos::new(x, y));
    n.container = container.map(ContainerId::new);
    n.label = label.to_owned();
    n
}

fn container(id: &str, kind: ContainerKind, parent: Option<&str>, rect: Rect) -> Container {
    Container {
        id: ContainerId::new(id),
        kind,
        label: String::new(),
        rect,
        parent: parent.map(ContainerId::new),
        geo: None,
        props: Default::default(),
    }
}

fn edge(id: &str, from: &str, to: &str, kind: EdgeKind, p: Option<Protocol>, label: &str) -> Edge {
    let mut e = Edge::new(id, from, to, kind, p);
    e.label = label.to_owned();
    e
}

/// A small URL shortener: client, DNS, load balancer, two app servers, cache, database and
/// replica, inside region / VPC / zone / subnets.
fn shortener() -> Design {
    let mut d = Design::empty("URL shortener");
    d.review_level = ReviewLevel::Production;
    d.metadata.description = "Shortens long links and redirects visitors.".into();
    d.metadata.notes = "Reads dominate: about 100 redirects per new link.\nKeys are base62.".into();
    d.workload.dau = Some(1_000_000);
    d.workload.read_write_ratio = Some(100.0);
    d.containers = vec![
        container(
            "region",
            ContainerKind::Region,
            None,
            Rect::new(200.0, -40.0, 900.0, 420.0),
        ),
        container(
            "vpc",
            ContainerKind::Vpc,
            Some("region"),
            Rect::new(220.0, -10.0, 860.0, 370.0),
        ),
        container(
            "public",
            ContainerKind::PublicSubnet,
            Some("vpc"),
            Rect::new(240.0, 20.0, 200.0, 320.0),
        ),
        container(
            "private",
            ContainerKind::PrivateSubnet,
            Some("vpc"),
            Rect::new(460.0, 20.0, 600.0, 320.0),
        ),
    ];
    d.nodes = vec![
        node("users", NodeKind::Client, 0.0, 120.0, None, "Users"),
        node("dns", NodeKind::Dns, 0.0, 260.0, None, ""),
        node(
            "lb",
            NodeKind::LoadBalancer,
            265.0,
            120.0,
            Some("public"),
            "Load balancer",
        ),
        node(
            "app_1",
            NodeKind::AppServer,
            480.0,
            60.0,
            Some("private"),
            "Shortener API 1",
        ),
        node(
            "app_2",
            NodeKind::AppServer,
            480.0,
            200.0,
            Some("private"),
            "Shortener API 2",
        ),
        node(
            "cache",
            NodeKind::Cache,
            700.0,
            60.0,
            Some("private"),
            "Redis",
        ),
        node(
            "db",
            NodeKind::SqlDb,
            700.0,
            200.0,
            Some("private"),
            "Links DB",
        ),
        node(
            "replica",
            NodeKind::ReadReplica,
            890.0,
            200.0,
            Some("private"),
            "Links replica",
        ),
    ];
    d.edges = vec![
        edge(
            "users_dns",
            "users",
            "dns",
            EdgeKind::Read,
            Some(Protocol::Udp),
            "resolve",
        ),
        edge(
            "users_lb",
            "users",
            "lb",
            EdgeKind::SyncRequest,
            Some(Protocol::Https),
            "",
        ),
        edge(
            "lb_app_1",
            "lb",
            "app_1",
            EdgeKind::SyncRequest,
            Some(Protocol::Http),
            "",
        ),
        edge(
            "lb_app_2",
            "lb",
            "app_2",
            EdgeKind::SyncRequest,
            Some(Protocol::Http),
            "",
        ),
        edge(
            "app_1_cache",
            "app_1",
            "cache",
            EdgeKind::Read,
            Some(Protocol::Tcp),
            "lookup",
        ),
        edge(
            "app_2_db",
            "app_2",
            "db",
            EdgeKind::Write,
            Some(Protocol::Tcp),
            "insert",
        ),
        edge(
            "db_replica",
            "db",
            "replica",
            EdgeKind::Replication,
            None,
            "",
        ),
    ];
    d.suppressions = vec![Suppression {
        rule: "TLS-INTERNAL".into(),
        target: Some("app_2_db".into()),
        reason: "private subnet, encrypted at the network layer".into(),
    }];
    d
}

/// A small chat system: clients, gateway, websocket servers, a queue with a worker, a NoSQL
/// store and an external push service.
fn chat() -> Design {
    let mut d = Design::empty("Chat");
    d.metadata.description = "One-to-one and group messages over WebSockets.".into();
    d.containers = vec![container(
        "region",
        ContainerKind::Region,
        None,
        Rect::new(180.0, -20.0, 760.0, 360.0),
    )];
    d.nodes = vec![
        node("phones", NodeKind::Client, 0.0, 120.0, None, "Mobile apps"),
        node(
            "gateway",
            NodeKind::ApiGateway,
            220.0,
            120.0,
            Some("region"),
            "",
        ),
        node(
            "ws",
            NodeKind::WebsocketServer,
            420.0,
            40.0,
            Some("region"),
            "Chat servers",
        ),
        node(
            "queue",
            NodeKind::MessageQueue,
            420.0,
            200.0,
            Some("region"),
            "Outbox",
        ),
        node(
            "store",
            NodeKind::NosqlDb,
            640.0,
            40.0,
            Some("region"),
            "Messages",
        ),
        node(
            "pusher",
            NodeKind::Worker,
            640.0,
            200.0,
            Some("region"),
            "Push worker",
        ),
        node(
            "apns",
            NodeKind::ExternalService,
            1000.0,
            200.0,
            None,
            "APNs / FCM",
        ),
    ];
    d.edges = vec![
        edge(
            "phones_gw",
            "phones",
            "gateway",
            EdgeKind::SyncRequest,
            Some(Protocol::WebSocket),
            "",
        ),
        edge(
            "gw_ws",
            "gateway",
            "ws",
            EdgeKind::SyncRequest,
            Some(Protocol::WebSocket),
            "",
        ),
        edge(
            "ws_store",
            "ws",
            "store",
            EdgeKind::Write,
            Some(Protocol::Tcp),
            "append",
        ),
        edge(
            "ws_queue",
            "ws",
            "queue",
            EdgeKind::AsyncMessage,
            None,
            "offline users",
        ),
        edge(
            "queue_pusher",
            "queue",
            "pusher",
            EdgeKind::AsyncMessage,
            None,
            "",
        ),
        edge(
            "pusher_apns",
            "pusher",
            "apns",
            EdgeKind::SyncRequest,
            Some(Protocol::Https),
            "notify",
        ),
    ];
    d
}

/// A fixed review with one finding of each severity, one suppressed, and an estimate.
fn fixed_review(d: &Design) -> Analysis {
    let first = |k: NodeKind| d.nodes.iter().find(|n| n.kind == k).map(|n| n.id.clone());
    let mut findings = Vec::new();
    if let Some(db) = first(NodeKind::SqlDb).or(first(NodeKind::NosqlDb)) {
        findings.push(Finding::new(&SPOF_META, "database `links` has no standby").node(&db));
    }
    if let Some(app) = first(NodeKind::AppServer).or(first(NodeKind::WebsocketServer)) {
        findings.push(
            Finding::new(
                &CACHE_META,
                "reads reach the database\nwith no cache | at all",
            )
            .node(&app),
        );
    }
    findings.push(Finding::new(
        &TLS_META,
        "the design stores no key in a key manager",
    ));
    if let Some(e) = d.edges.last() {
        let mut f = Finding::new(&TLS_META, "edge is not encrypted").edge(&e.id);
        f.suppressed = Some("private subnet, encrypted at the network layer".into());
        findings.push(f);
    }
    let nodes = d
        .nodes
        .iter()
        .enumerate()
        .map(|(i, _)| {
            if i % 3 == 0 {
                NodeEstimate {
                    load_rps: Some(1200.0 * (i + 1) as f64),
                    capacity_rps: Some(5000.0),
                    utilisation: Some(0.24 * (i + 1) as f64),
                    status: if i > 3 { Status::Hot } else { Status::Ok },
                    cost: Some(CostRange {
                        min: 100.0,
                        max: 250.0,
                    }),
                    ..NodeEstimate::default()
                }
            } else {
                NodeEstimate::default()
            }
        })
        .collect();
    Analysis {
        report: Report {
            findings,
            ..Report::default()
        },
        estimate: Estimate {
            nodes,
            total_cost: CostRange {
                min: 300.0,
                max: 750.0,
            },
            bottleneck: d.nodes.first().map(|n| n.id.as_str().to_owned()),
            headroom: Some(1.5),
            priced_nodes: 3,
            ..Estimate::default()
        },
    }
}

fn designs() -> [(&'static str, Design); 2] {
    [("shortener", shortener()), ("chat", chat())]
}

#[test]
fn golden_svg() {
    for (name, d) in designs() {
        let review = fixed_review(&d);
        let svg = export::svg::render(&d, &review.report, &Options::default());
        insta::assert_snapshot!(format!("{name}_svg"), svg);
    }
}

#[test]
fn golden_markdown() {
    for (name, d) in designs() {
        let review = fixed_review(&d);
        let md = export::markdown::render(&d, &review, Some(&format!("{name} review.svg")));
        insta::assert_snapshot!(format!("{name}_markdown"), md);
    }
}

#[test]
fn golden_mermaid() {
    for (name, d) in designs() {
        insta::assert_snapshot!(format!("{name}_mermaid"), export::mermaid::render(&d));
    }
}

#[test]
fn golden_drawio() {
    for (name, d) in designs() {
        insta::assert_snapshot!(format!("{name}_drawio"), export::drawio::render(&d));
    }
}

/// Every element of an SVG document, by tag name.
fn count(doc: &roxmltree::Document<'_>, tag: &str) -> usize {
    doc.descendants().filter(|n| n.has_tag_name(tag)).count()
}

#[test]
fn svg_draws_every_part_of_the_design() {
    let d = shortener();
    let review = fixed_review(&d);
    let svg = export::svg::render(&d, &review.report, &Options::default());
    let doc = roxmltree::Document::parse(&svg).expect("SVG parses as XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("version"), Some("1.1"));
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect();
    for label in [
        "Users",
        "Load balancer",
        "Redis",
        "Links DB",
        "DNS",
        "HTTPS",
        "lookup",
    ] {
        assert!(
            texts.iter().any(|t| t == label),
            "no text {label:?} in {texts:?}"
        );
    }
    // Edges: one curve each (replication two: a wide stroke and a background core), with an
    // arrowhead each.
    let edges = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("edges"))
        .expect("edge group");
    let paths = edges
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .count();
    assert_eq!(paths, d.edges.len() + 1);
    let heads = edges
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .count();
    assert_eq!(heads, d.edges.len());
    // Every node is drawn.
    let nodes = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("nodes"))
        .expect("node group");
    assert_eq!(
        nodes.children().filter(|n| n.is_element()).count(),
        d.nodes.len()
    );
    // Badges: an error and a warning on nodes, a hollow one for the suppressed edge finding.
    let badges: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("badge"))
        .collect();
    assert_eq!(badges.len(), 3);
    assert!(texts.iter().any(|t| t == "1 error · 1 warning · 1 info"));

    let plain = export::svg::render(
        &d,
        &review.report,
        &Options {
            findings: false,
            ..Options::default()
        },
    );
    assert!(!plain.contains("class=\"badge\""));
    assert!(!plain.contains("1 error"));
}

#[test]
fn async_edges_are_dashed_and_dark_theme_changes_background() {
    let d = chat();
    let light = export::svg::render(&d, &Report::default(), &Options::default());
    let doc = roxmltree::Document::parse(&light).expect("SVG parses");
    let dashed_lines = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("stroke-dasharray").is_some())
        .count();
    assert_eq!(dashed_lines, 2);
    let dark = export::svg::render(
        &d,
        &Report::default(),
        &Options {
            theme: Theme::Dark,
            ..Options::default()
        },
    );
    assert!(light.contains("fill=\"#f6f7f9\"/>"));
    assert!(dark.contains("fill=\"#1a1c21\"/>"));
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(bytes).expect("PNG decodes");
    (pixmap.width(), pixmap.height())
}

#[test]
fn png_has_the_diagram_size_times_scale() {
    let d = chat();
    let vb = export::svg::view_box(&d);
    let svg = export::svg::render(&d, &Report::default(), &Options::default());
    let bytes = export::png::render(&svg, Some(2.0)).expect("renders");
    assert_eq!(
        png_size(&bytes),
        ((vb.w * 2.0).ceil() as u32, (vb.h * 2.0).ceil() as u32)
    );
    // The bundled font draws the text: the image is not just boxes (many distinct pixels).
    let one = export::png::render(&svg, Some(1.0)).expect("renders");
    assert_eq!(png_size(&one), (vb.w.ceil() as u32, vb.h.ceil() as u32));
}

#[test]
fn png_text_is_rendered_with_the_bundled_font() {
    let db = export::fonts::db();
    assert!(db.faces().count() >= 2);
    let mut d = Design::empty("Font check");
    d.nodes
        .push(node("a", NodeKind::AppServer, 0.0, 0.0, None, "WWWWWWWWWW"));
    let with_text = export::svg::render(&d, &Report::default(), &Options::default());
    d.nodes[0].label = "          ".into();
    let without = export::svg::render(&d, &Report::default(), &Options::default());
    let a = export::png::render(&with_text, Some(1.0)).expect("renders");
    let b = export::png::render(&without, Some(1.0)).expect("renders");
    assert_ne!(a, b, "the label must change the pixels");
}

#[test]
fn pdf_is_one_page_with_the_diagram_box() {
    let d = shortener();
    let svg = export::svg::render(&d, &Report::default(), &Options::default());
    let size = export::png::parse(&svg).expect("parses").size();
    let pdf = export::pdf::render(&svg).expect("converts");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/Count 1"), "one page");
    let media_box = format!("/MediaBox [0 0 {} {}]", size.width(), size.height());
    assert!(text.contains(&media_box), "no {media_box}");
    // Text is embedded as a font, not only as outlines.
    assert!(text.contains("/FontFile2") || text.contains("/FontFile3"));
}

#[test]
fn html_report_is_self_contained_and_well_formed() {
    let d = shortener();
    let review = fixed_review(&d);
    let page = export::html::render(&d, &review, &Options::default());
    let doc = roxmltree::Document::parse_with_options(
        &page,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("HTML is well-formed XML");
    assert_eq!(count(&doc, "svg"), 1);
    assert_eq!(count(&doc, "script"), 0);
    for needle in ["http://", "https://"] {
        let outside_ns = page
            .match_indices(needle)
            .filter(|(i, _)| !page[*i..].starts_with("http://www.w3.org/"))
            .count();
        assert_eq!(outside_ns, 0, "no network reference ({needle})");
    }
    for expected in [
        "SPOF-DB",
        "§3.6",
        "Suppressed findings",
        "private subnet, encrypted",
        "Capacity and cost",
        "$300–$750",
    ] {
        assert!(page.contains(expected), "no {expected:?}");
    }
}

#[test]
fn drawio_keeps_children_relative_to_their_container() {
    let d = shortener();
    let xml = export::drawio::render(&d);
    let doc = roxmltree::Document::parse(&xml).expect("draw.io XML parses");
    let cell = |id: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("mxCell") && n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("no cell {id}"))
    };
    let lb = cell("node-lb");
    assert_eq!(lb.attribute("parent"), Some("container-public"));
    let geo = lb.first_element_child().expect("geometry");
    // lb at (265, 120), public subnet at (240, 20).
    assert_eq!(geo.attribute("x"), Some("25"));
    assert_eq!(geo.attribute("y"), Some("100"));
    assert_eq!(
        cell("container-vpc").attribute("parent"),
        Some("container-region")
    );
    let db = cell("edge-db_replica");
    assert_eq!(db.attribute("source"), Some("node-db"));
    assert_eq!(db.attribute("target"), Some("node-replica"));
    assert!(
        db.attribute("style")
            .unwrap_or_default()
            .contains("shape=link")
    );
    assert!(
        cell("node-db")
            .attribute("style")
            .unwrap_or_default()
            .contains("cylinder")
    );
}

fn elements<'a, 'i>(n: roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children().filter(|c| c.is_element()).collect()
}

/// The rules draw.io's reader (mxCodec) relies on, checked on a draw.io file of `design`:
/// `mxfile > diagram > mxGraphModel > root`, the root cell `0` and the default layer `1`, unique
/// ids, parents declared before their children, vertices with a geometry, edges between
/// vertices, and children of a container placed relative to it.
fn assert_drawio_structure(design: &Design) {
    let xml = export::drawio::render(design);
    let doc = roxmltree::Document::parse(&xml).expect("draw.io XML parses");
    let mxfile = doc.root_element();
    assert_eq!(mxfile.tag_name().name(), "mxfile");
    let diagrams = elements(mxfile);
    assert_eq!(diagrams.len(), 1);
    assert_eq!(diagrams[0].tag_name().name(), "diagram");
    assert!(diagrams[0].attribute("id").is_some() && diagrams[0].attribute("name").is_some());
    let model = elements(diagrams[0]);
    assert_eq!(model.len(), 1);
    assert_eq!(model[0].tag_name().name(), "mxGraphModel");
    let root = elements(model[0]);
    assert_eq!(root.len(), 1);
    assert_eq!(root[0].tag_name().name(), "root");
    let cells = elements(root[0]);
    assert!(cells.iter().all(|c| c.tag_name().name() == "mxCell"));
    assert_eq!(cells[0].attribute("id"), Some("0"));
    assert_eq!(cells[0].attribute("parent"), None);
    assert_eq!(cells[1].attribute("id"), Some("1"));
    assert_eq!(cells[1].attribute("parent"), Some("0"));

    // Absolute top-left corner of every vertex, from its parents' geometry.
    let mut seen: std::collections::HashMap<&str, roxmltree::Node<'_, '_>> =
        std::collections::HashMap::new();
    let mut corner: std::collections::HashMap<&str, (f32, f32)> = std::collections::HashMap::new();
    let number = |g: roxmltree::Node<'_, '_>, a: &str| -> f32 {
        g.attribute(a)
            .unwrap_or_else(|| panic!("geometry without {a}"))
            .parse()
            .expect("a number")
    };
    for cell in &cells {
        let id = cell.attribute("id").expect("every cell has an id");
        assert!(!seen.contains_key(id), "duplicate id {id}");
        if id != "0" {
            let parent = cell.attribute("parent").expect("a parent");
            assert!(
                seen.contains_key(parent),
                "{id}: parent {parent} not declared before"
            );
            let is_vertex = cell.attribute("vertex") == Some("1");
            let is_edge = cell.attribute("edge") == Some("1");
            assert!(!(is_vertex && is_edge), "{id}");
            let geometry = elements(*cell);
            if is_vertex {
                assert_eq!(geometry.len(), 1, "{id}: one geometry");
                let g = geometry[0];
                assert_eq!(g.tag_name().name(), "mxGeometry");
                assert_eq!(g.attribute("as"), Some("geometry"));
                assert!(number(g, "width") > 0.0 && number(g, "height") > 0.0);
                let (px, py) = if parent == "1" {
                    (0.0, 0.0)
                } else {
                    let p = seen[parent];
                    assert_eq!(p.attribute("vertex"), Some("1"), "{id}: parent is a vertex");
                    assert!(
                        p.attribute("style")
                            .unwrap_or_default()
                            .contains("container=1")
                    );
                    corner[parent]
                };
                corner.insert(id, (px + number(g, "x"), py + number(g, "y")));
            }
            if is_edge {
                for end in ["source", "target"] {
                    let other = cell
                        .attribute(end)
                        .unwrap_or_else(|| panic!("{id}: no {end}"));
                    assert_eq!(
                        seen.get(other).and_then(|c| c.attribute("vertex")),
                        Some("1"),
                        "{id}: {end} {other} is a vertex"
                    );
                }
                assert_eq!(geometry.len(), 1);
                assert_eq!(geometry[0].attribute("relative"), Some("1"));
                assert_eq!(geometry[0].attribute("as"), Some("geometry"));
            }
            if let Some(style) = cell.attribute("style") {
                assert!(
                    !style.contains(";;") && !style.starts_with(';'),
                    "{id}: style {style}"
                );
            }
        }
        seen.insert(id, *cell);
    }
    // Relative coordinates add up to the design's absolute positions.
    for c in &design.containers {
        let id = format!("container-{}", c.id.as_str());
        assert_eq!(
            corner[id.as_str()],
            (c.rect.x.round(), c.rect.y.round()),
            "{id}"
        );
    }
    for n in &design.nodes {
        let id = format!("node-{}", n.id.as_str());
        let r = archway::geometry::node_rect(n);
        assert_eq!(corner[id.as_str()], (r.x.round(), r.y.round()), "{id}");
    }
}

#[test]
fn drawio_follows_the_mxgraph_file_structure() {
    assert_drawio_structure(&shortener());
    assert_drawio_structure(&chat());
    assert_drawio_structure(&archway::model::synthetic::design(100));
    // A containment cycle and a missing parent end up at the top level, still well-formed.
    let mut d = shortener();
    d.containers[0].parent = Some(ContainerId::new(d.containers[1].id.as_str()));
    d.containers[2].parent = Some(ContainerId::new("ghost"));
    assert_drawio_structure(&d);

    // Parallel edges take different routes (exit/entry points and waypoints), so they and their
    // labels do not lie on each other.
    let mut d = shortener();
    d.edges.push(edge(
        "db_replica_2",
        "db",
        "replica",
        EdgeKind::Replication,
        None,
        "second",
    ));
    assert_drawio_structure(&d);
    let xml = export::drawio::render(&d);
    let doc = roxmltree::Document::parse(&xml).expect("parses");
    let route = |id: &str| {
        let cell = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(id))
            .expect("edge cell");
        let style = cell.attribute("style").unwrap_or_default();
        let ends: Vec<&str> = style
            .split(';')
            .filter(|kv| kv.starts_with("exit") || kv.starts_with("entry"))
            .collect();
        assert!(!ends.is_empty(), "{id} has no exit/entry points: {style}");
        let points: Vec<(String, String)> = cell
            .descendants()
            .filter(|n| n.has_tag_name("mxPoint"))
            .map(|p| {
                (
                    p.attribute("x").unwrap_or_default().to_owned(),
                    p.attribute("y").unwrap_or_default().to_owned(),
                )
            })
            .collect();
        (ends.join(";"), points)
    };
    assert_ne!(route("edge-db_replica"), route("edge-db_replica_2"));
}

#[test]
fn mermaid_uses_subgraphs_shapes_and_dashed_async() {
    let m = export::mermaid::render(&chat());
    assert!(m.starts_with("flowchart LR\n"));
    assert!(m.contains("subgraph c_region [\"region · Region\"]"));
    assert!(m.contains("n_store[(\"Messages\")]"), "{m}");
    assert!(m.contains("n_ws -.->|\"offline users\"| n_queue"));
    assert_eq!(
        m.matches("subgraph").count(),
        m.lines().filter(|l| l.trim() == "end").count()
    );
    let fenced = export::mermaid::fenced(&chat());
    assert!(fenced.starts_with("```mermaid\nflowchart LR\n") && fenced.ends_with("```\n"));
}

const NASTY: &str = "<script>alert(1)</script> ]]> \" & | \n 🚀 done";

/// A design whose every user string carries markup, CDATA ends, quotes, pipes, newlines, emoji.
fn hostile() -> Design {
    let mut d = shortener();
    d.metadata.title = format!("Title {NASTY}");
    d.metadata.description = format!("Description {NASTY}");
    d.metadata.notes = format!("Notes {NASTY}\n<img src=x onerror=alert(1)>");
    for c in &mut d.containers {
        c.label = format!("{} {NASTY}", c.id.as_str());
    }
    let rename = |id: &str| format!("{id}<script>\"&|]]>🚀");
    for n in &mut d.nodes {
        n.label = format!("{} {NASTY}", n.id.as_str());
        n.id.0 = rename(n.id.as_str());
    }
    for e in &mut d.edges {
        e.label = NASTY.to_owned();
        e.id.0 = rename(e.id.as_str());
        e.from.0 = rename(e.from.as_str());
        e.to.0 = rename(e.to.as_str());
    }
    for s in &mut d.suppressions {
        s.reason = NASTY.to_owned();
    }
    d
}

fn hostile_review(d: &Design) -> Analysis {
    let mut review = fixed_review(d);
    for f in &mut review.report.findings {
        f.message = format!("{} {NASTY}", f.message);
        if f.suppressed.is_some() {
            f.suppressed = Some(NASTY.to_owned());
        }
    }
    review
}

fn assert_no_raw_script(what: &str, text: &str) {
    assert!(
        !text.to_ascii_lowercase().contains("<script"),
        "{what} carries raw <script"
    );
    assert!(!text.contains("<img"), "{what} carries raw <img");
}

#[test]
fn hostile_text_is_escaped_in_every_format() {
    let d = hostile();
    let review = hostile_review(&d);
    let options = Options::default();

    let svg = export::svg::render(&d, &review.report, &options);
    assert_no_raw_script("SVG", &svg);
    let doc = roxmltree::Document::parse(&svg).expect("SVG parses");
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text());
    assert_eq!(
        title,
        Some(format!("Title {}", NASTY.replace('\n', " ")).as_str())
    );

    let page = export::html::render(&d, &review, &options);
    assert_no_raw_script("HTML", &page);
    roxmltree::Document::parse_with_options(
        &page,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("HTML parses");

    let md = export::markdown::render(&d, &review, Some("x.svg"));
    assert_no_raw_script("Markdown", &md);
    // Table rows stay one line each and keep their column count: every unescaped `|` is a
    // column separator.
    let separators = |line: &str| line.replace("\\|", "").matches('|').count();
    let findings_rows: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Severity"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(findings_rows.len() >= 4);
    for row in findings_rows {
        assert_eq!(separators(row), 7, "row keeps six cells: {row}");
    }

    let mmd = export::mermaid::render(&d);
    assert_no_raw_script("Mermaid", &mmd);
    for line in mmd.lines() {
        assert_eq!(line.matches('"').count() % 2, 0, "balanced quotes: {line}");
        let ids = line.split('"').step_by(2).collect::<String>();
        assert!(
            !ids.contains('<') && !ids.contains('&'),
            "raw characters outside labels: {line}"
        );
    }

    let drawio = export::drawio::render(&d);
    assert_no_raw_script("draw.io", &drawio);
    let doc = roxmltree::Document::parse(&drawio).expect("draw.io parses");
    let sources = doc
        .descendants()
        .filter(|n| n.attribute("source").is_some())
        .count();
    assert_eq!(sources, d.edges.len(), "edges still connect renamed nodes");

    let png = export::png::render(&svg, Some(1.0)).expect("PNG renders");
    assert!(png_size(&png).0 > 100);
    let pdf = export::pdf::render(&svg).expect("PDF renders");
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn write_picks_the_format_from_the_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = chat();
    for ext in Format::EXTENSIONS {
        let path = dir.path().join(format!("chat.{ext}"));
        let written = export::write(&d, &path, &Options::default()).expect("writes");
        assert!(written.contains(&path));
        assert!(std::fs::metadata(&path).expect("exists").len() > 100);
    }
    // The Markdown report writes its diagram next to it and links it.
    let md = std::fs::read_to_string(dir.path().join("chat.md")).expect("md");
    assert!(md.contains("](chat.svg)"));
    let err = export::write(&d, &dir.path().join("chat.docx"), &Options::default())
        .expect_err("unknown extension");
    assert!(err.to_string().contains(".svg, .png"));
    assert_eq!(
        Format::from_path(
            Path::new("a.md"),
            &Options {
                mermaid_markdown: true,
                ..Options::default()
            }
        )
        .ok(),
        Some(Format::MermaidMarkdown)
    );
}

#[test]
fn the_real_review_flows_into_the_report() {
    let d = shortener();
    let review = Analysis::of(&d);
    let md = export::markdown::render(&d, &review, None);
    for f in review.report.active() {
        assert!(md.contains(f.rule), "finding {} missing", f.rule);
    }
    assert!(md.contains("## Components"));
    assert!(md.contains("| App server | 2 | Shortener API 1 (app_1), Shortener API 2 (app_2) |"));
}

fn cmd() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("archway").expect("binary")
}

#[test]
fn cli_exports_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("chat.archway.ron");
    file::save(&chat(), &src).expect("save");
    for ext in ["svg", "png", "pdf", "md", "html", "mmd", "drawio"] {
        let out = dir.path().join(format!("out.{ext}"));
        cmd()
            .args(["export"])
            .arg(&src)
            .arg("-o")
            .arg(&out)
            .args(["--theme", "dark", "--scale", "1"])
            .assert()
            .success();
        assert!(out.exists(), "{ext}");
    }
    assert!(dir.path().join("out.svg").exists());
    let png = std::fs::read(dir.path().join("out.png")).expect("png");
    let vb = export::svg::view_box(&chat());
    assert_eq!(png_size(&png), (vb.w.ceil() as u32, vb.h.ceil() as u32));

    let fenced = dir.path().join("readme.md");
    cmd()
        .arg("export")
        .arg(&src)
        .arg("-o")
        .arg(&fenced)
        .arg("--mermaid")
        .assert()
        .success();
    let text = std::fs::read_to_string(&fenced).expect("md");
    assert!(text.starts_with("```mermaid\n"));
    assert!(!dir.path().join("readme.svg").exists());
}

#[test]
fn cli_scales_a_large_png_down_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("big.archway.ron");
    // One generated cell: a region about 4,800 units wide, 50 megapixels at scale 2.
    let design = archway::model::synthetic::design(10);
    file::save(&design, &src).expect("save");
    let out = dir.path().join("big.png");
    let run = cmd()
        .arg("export")
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains("note: the design is large; PNG scale reduced from 2 to"),
        "{stderr}"
    );
    assert!(stderr.contains("--scale"), "says how to get more: {stderr}");
    let (w, h) = png_size(&std::fs::read(&out).expect("png"));
    assert!(w.max(h) <= 8192, "{w}×{h}");
    assert!(f64::from(w) * f64::from(h) <= 16.1e6, "{w}×{h}");
    let vb = export::svg::page_box(&design, &Analysis::of(&design), &Options::default(), None);
    assert!(
        (w as f32 / vb.w - h as f32 / vb.h).abs() < 0.01,
        "aspect ratio kept"
    );
}

#[test]
fn every_character_archway_prints_has_a_bundled_glyph() {
    // Every non-ASCII character in the sources (labels, reports, rule messages, templates).
    let mut chars = std::collections::BTreeSet::new();
    let mut stack = vec![
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                chars.extend(text.chars().filter(|c| !c.is_ascii()));
            }
        }
    }
    for c in ['→', '·', '≥', '×', '…', '—'] {
        assert!(chars.contains(&c), "{c} is no longer in the sources");
    }
    let missing: String = chars
        .iter()
        .filter(|&&c| export::fonts::face_for(c).is_none())
        .collect();
    assert!(missing.is_empty(), "no bundled font draws {missing:?}");
}

#[test]
fn symbols_in_labels_render_with_real_glyphs_not_tofu() {
    let label = "a → b · ≥ 2 × 3 … — ∈ ▸ ● ←";
    let mut d = Design::empty("Glyphs");
    let mut region = container(
        "r",
        ContainerKind::Region,
        None,
        Rect::new(0.0, 0.0, 900.0, 200.0),
    );
    region.label = label.into();
    d.containers.push(region);
    let svg = export::svg::render(&d, &Report::default(), &Options::default());
    assert!(svg.contains(label), "the label is not shortened");
    let tree = export::png::parse(&svg).expect("parses");
    let mut glyphs = Vec::new();
    fn walk(group: &usvg::Group, out: &mut Vec<(String, u16)>) {
        for child in group.children() {
            match child {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => {
                    for span in t.layouted() {
                        for g in &span.positioned_glyphs {
                            out.push((g.text.clone(), g.id.0));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    walk(tree.root(), &mut glyphs);
    for c in label.chars().filter(|c| !c.is_whitespace()) {
        let found: Vec<u16> = glyphs
            .iter()
            .filter(|(t, _)| t.contains(c))
            .map(|(_, id)| *id)
            .collect();
        assert!(!found.is_empty(), "{c} was not laid out");
        assert!(found.iter().all(|&id| id != 0), "{c} is drawn as tofu");
    }
    // A character no bundled font has is tofu: the check above can tell.
    d.containers[0].label = "\u{e000}".into();
    let svg = export::svg::render(&d, &Report::default(), &Options::default());
    let tree = export::png::parse(&svg).expect("parses");
    let mut glyphs = Vec::new();
    walk(tree.root(), &mut glyphs);
    assert!(
        glyphs
            .iter()
            .any(|(t, id)| t.contains('\u{e000}') && *id == 0)
    );
}

#[test]
fn cli_reports_bad_input_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("chat.archway.ron");
    file::save(&chat(), &src).expect("save");
    let out = cmd()
        .arg("export")
        .arg(&src)
        .arg("-o")
        .arg(dir.path().join("x.txt"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("cannot tell the format"), "{stderr}");
    let out = cmd()
        .arg("export")
        .arg(dir.path().join("missing.archway.ron"))
        .arg("-o")
        .arg(dir.path().join("x.svg"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("missing.archway.ron"), "{stderr}");
    cmd()
        .arg("export")
        .arg(&src)
        .arg("-o")
        .arg(dir.path().join("x.png"))
        .args(["--scale", "0"])
        .assert()
        .code(2);
}

#[test]
fn the_gui_draws_the_symbols_archway_prints_with_the_same_fallback() {
    let has_all = |ctx: &egui::Context, text: &str| {
        ctx.fonts_mut(|f| {
            text.chars().all(|c| {
                f.has_glyph(&egui::FontId::proportional(14.0), c)
                    && f.has_glyph(&egui::FontId::monospace(14.0), c)
            })
        })
    };
    let symbols = "→←∈▸●≥≤≠×…—·";
    let plain = egui::Context::default();
    plain
        .run_ui(egui::RawInput::default(), |_| {})
        .textures_delta
        .clear();
    assert!(!has_all(&plain, "→"), "egui's own fonts lack →");
    let ctx = egui::Context::default();
    ctx.run_ui(egui::RawInput::default(), |ui| {
        archway::ui::app::install_fonts(ui.ctx());
        ui.label(symbols);
    })
    .textures_delta
    .clear();
    assert!(has_all(&ctx, symbols));
}

#[test]
fn svg_node_labels_wrap_to_two_lines_then_end_in_an_ellipsis() {
    use archway::export::svg::{text_width, wrap_text};
    let lines = wrap_text("Chat WebSocket servers", 13.0, 100.0, 2);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines.iter().all(|l| text_width(l, 13.0) <= 100.0),
        "{lines:?}"
    );
    assert_eq!(lines.join(" "), "Chat WebSocket servers");

    let long = wrap_text(
        "Notification preferences and device tokens (PostgreSQL)",
        13.0,
        100.0,
        2,
    );
    assert_eq!(long.len(), 2, "{long:?}");
    assert!(long[1].ends_with('…'), "{long:?}");
    assert!(
        long.iter().all(|l| text_width(l, 13.0) <= 100.0),
        "{long:?}"
    );

    assert_eq!(wrap_text("Cache", 13.0, 100.0, 2), vec!["Cache".to_owned()]);
    assert!(wrap_text("", 13.0, 100.0, 2).is_empty());
}

/// The shipped URL shortener and chat templates, with their real review and estimate: the
/// goldens of what a user exports from the two walkthroughs.
fn shipped_templates() -> Vec<(&'static str, Design, Analysis)> {
    ["url-shortener", "chat"]
        .into_iter()
        .map(|name| {
            let d = archway::templates::find(name)
                .expect("template")
                .design()
                .expect("template loads");
            let review = Analysis::of(&d);
            (name, d, review)
        })
        .collect()
}

#[test]
fn golden_exports_of_shipped_templates() {
    for (name, d, review) in shipped_templates() {
        let svg = export::svg::render(&d, &review.report, &Options::default());
        insta::assert_snapshot!(format!("template_{name}_svg"), svg);
        let md = export::markdown::render(&d, &review, Some(&format!("{name}.svg")));
        insta::assert_snapshot!(format!("template_{name}_markdown"), md);
        insta::assert_snapshot!(
            format!("template_{name}_mermaid"),
            export::mermaid::render(&d)
        );
        insta::assert_snapshot!(
            format!("template_{name}_drawio"),
            export::drawio::render(&d)
        );
    }
}

/// The real-design kinds in every export: new kinds, containers and the event trigger are
/// drawn, an edge that ends at a container is drawn to it in every format, and a design with no
/// workload gets a capacity table whose figures say "assumed".
#[test]
fn real_design_kinds_export_to_every_format() {
    let d = archway::model::file::load(Path::new(
        "tests/fixtures/model/aws-web-no-workload.archway.ron",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let review = Analysis::of(&d);
    let svg = export::svg::render(&d, &review.report, &Options::default());
    for id in ["alb_web", "upload_resize", "web_metrics", "vpn_erp"] {
        assert!(
            svg.contains(&format!("<title>{id} (")),
            "edge {id} not drawn"
        );
    }
    assert!(svg.contains("Auto-scaling group") || svg.contains("Web fleet"));
    // Utilisation pills on an assumed workload say so.
    let with_pills = export::svg::diagram(&d, &review, &Options::default());
    assert!(with_pills.contains(">~50%<"), "assumed pills are marked");
    let png = export::png::render(&svg, Some(1.0)).expect("PNG renders");
    assert!(png_size(&png).0 > 100);
    let pdf = export::pdf::render(&svg).expect("PDF renders");
    assert!(pdf.starts_with(b"%PDF-"));

    let mmd = export::mermaid::render(&d);
    assert!(mmd.contains("n_alb -->"), "{mmd}");
    assert!(mmd.contains("c_web_asg"), "{mmd}");
    assert!(
        mmd.lines()
            .any(|l| l.contains("n_alb") && l.trim_end().ends_with("c_web_asg")),
        "the edge to the group links to its subgraph:\n{mmd}"
    );

    let drawio = export::drawio::render(&d);
    let doc = roxmltree::Document::parse(&drawio).expect("draw.io parses");
    let sources = doc
        .descendants()
        .filter(|n| n.attribute("source").is_some())
        .count();
    assert_eq!(
        sources,
        d.edges.len(),
        "every edge, container ends included"
    );

    let md = export::markdown::render(&d, &review, None);
    for fact in [
        "- Concurrent users at peak: 1,000 (assumed)",
        "- Reads per write: 9:1 (assumed)",
        "- Payload: 1 KB per request, 10 KB per response (assumed)",
    ] {
        assert!(md.contains(fact), "{fact} missing:\n{md}");
    }
    let web = md
        .lines()
        .find(|l| l.starts_with("| Web (EC2) (web_1)"))
        .expect("web row");
    assert!(
        web.contains("users (assumed)") && web.contains("$15–$22 (assumed)"),
        "{web}"
    );
    assert!(md.contains("**Total monthly cost:** $"), "{md}");
    assert!(!md.contains("**Total monthly cost:** $0 "), "{md}");
    let page = export::html::render(&d, &review, &Options::default());
    assert!(page.contains("(assumed)"));
}

/// Both hand-translated real diagrams (no workload, edges into groups, event triggers) load,
/// review and write every format.
#[test]
fn real_diagram_translations_write_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["aws-web-no-workload", "aws-s3-upload-workflow"] {
        let src = format!("tests/fixtures/model/{name}.archway.ron");
        let d = archway::model::file::load(Path::new(&src)).unwrap_or_else(|e| panic!("{e}"));
        for ext in Format::EXTENSIONS {
            let path = dir.path().join(format!("{name}.{ext}"));
            export::write(&d, &path, &Options::default()).expect("writes");
            assert!(
                std::fs::metadata(&path).expect("exists").len() > 100,
                "{name}.{ext}"
            );
        }
        let md = std::fs::read_to_string(dir.path().join(format!("{name}.md"))).expect("md");
        assert!(
            md.contains("(assumed)"),
            "{name}: the report marks assumed figures"
        );
    }
}

/// No report of a shipped template prints a `$0` total for a design with unpriced components,
/// every report names what the total leaves out, and every report carries the estimator's
/// assumptions (when it assumed a workload) and caveats, as `archway estimate` prints them.
#[test]
fn template_reports_never_total_zero_dollars_and_carry_the_estimate_caveats() {
    for t in archway::templates::ALL {
        let d = t.design().expect("template loads");
        let review = Analysis::of(&d);
        let est = &review.estimate;
        let md = export::markdown::render(&d, &review, None);
        let html = export::html::render(&d, &review, &Options::default());
        let cli = archway::capacity::output::text(&d, est);
        let unpriced = est.unpriced(&d);
        let all_free = unpriced.is_empty() && est.total_cost.max == 0.0;
        for (kind, text) in [("markdown", &md), ("html", &html), ("estimate", &cli)] {
            for zero in [
                "cost:** $0 ",
                "cost:</strong> $0 ",
                "monthly cost: $0\n",
                "cost:** $0\n",
            ] {
                assert!(
                    all_free || !text.contains(zero),
                    "{}: the {kind} report prints a $0 total with {} unpriced components",
                    t.name,
                    unpriced.len()
                );
            }
            for n in &unpriced {
                assert!(
                    text.contains(&format!("`{}`", n.id.as_str()))
                        || text.contains(&format!("<code>{}</code>", n.id.as_str())),
                    "{}: the {kind} report does not list unpriced `{}`",
                    t.name,
                    n.id.as_str()
                );
            }
        }
        if !unpriced.is_empty() {
            assert!(
                md.contains(" unpriced ·")
                    || md.contains(" unpriced\n")
                    || md.contains("**Total monthly cost:** unpriced"),
                "{}",
                t.name
            );
        }
        let w = est.workload.as_ref().expect("reports resolve a workload");
        for a in &w.assumptions {
            assert!(
                md.contains(&format!("- {a}")),
                "{}: assumption {a} missing",
                t.name
            );
            assert!(cli.contains(&format!("  - {a}")), "{}: {a}", t.name);
        }
        if w.is_assumed() {
            assert!(md.contains("## Assumptions of the estimate"), "{}", t.name);
            assert!(
                html.contains("<h2>Assumptions of the estimate</h2>"),
                "{}",
                t.name
            );
        }
        assert!(md.contains("## Caveats of the estimate"), "{}", t.name);
        assert!(
            html.contains("<h2>Caveats of the estimate</h2>"),
            "{}",
            t.name
        );
    }
}

/// Only clients and priced servers: the total is the priced range, nothing is unpriced; a
/// design of serverless and managed services only has no `$0` total but says it is unpriced.
#[test]
fn a_serverless_design_is_unpriced_not_free() {
    let mut d = Design::empty("Serverless");
    for (id, kind) in [
        ("user", NodeKind::Client),
        ("fn", NodeKind::ServerlessFunction),
        ("table", NodeKind::NosqlDb),
        ("bucket", NodeKind::ObjectStorage),
    ] {
        d.nodes.push(Node::new(id, kind, Pos::new(0.0, 0.0)));
    }
    let review = Analysis::of(&d);
    let md = export::markdown::render(&d, &review, None);
    assert!(
        md.contains(
            "**Total monthly cost:** unpriced: none of the 3 components has a price in the guide's tier tables"
        ),
        "{md}"
    );
    assert!(md.contains("`fn`, `table`, `bucket`"), "{md}");
    assert!(!md.contains("$0"), "{md}");
    let cli = archway::capacity::output::text(&d, &review.estimate);
    assert!(cli.contains("monthly cost: unpriced"), "{cli}");
}

/// The HTML report's page is light, so its diagram is light whatever theme the editor or the
/// command line asked for; rule messages show their backticked ids as `<code>`, escaped.
#[test]
fn html_report_draws_a_light_diagram_and_code_for_backticked_ids() {
    let d = shortener();
    let mut review = fixed_review(&d);
    review.report.findings[0].message = "store `url<db>` has no standby".to_owned();
    let page = export::html::render(
        &d,
        &review,
        &Options {
            theme: Theme::Dark,
            ..Options::default()
        },
    );
    assert!(page.contains("fill=\"#f6f7f9\"/>"), "light background");
    assert!(!page.contains("#1a1c21"), "no dark background");
    assert!(
        page.contains("store <code>url&lt;db&gt;</code> has no standby"),
        "backticks become escaped code"
    );
    let tables = &page[page.find("<h2>Findings</h2>").expect("findings")..];
    assert!(
        !tables.contains("`url"),
        "no literal backtick left in the tables"
    );
}

/// Every shipped template's exported captions, as `archway export` draws them (findings and
/// capacity pills on): none covers a node box, a node's finding badge, a capacity pill or
/// another caption (with its edge's badge), each is within [`MAX_CAPTION_GAP`] (3.5 canvas
/// units) of its own edge, and none is cut to a stub (a long caption wraps instead).
#[test]
fn template_captions_sit_beside_their_edge_clear_of_nodes_badges_and_each_other() {
    use archway::geometry::caption::{MAX_CAPTION_GAP, capacity_pill_rect, node_badge_rect};
    use archway::geometry::grid::overlaps;
    let mut problems = Vec::new();
    let (mut count, mut notes) = (0, 0);
    for t in archway::templates::ALL {
        let d = t.design().expect("template loads");
        let analysis = Analysis::of(&d);
        let boxes = export::svg::caption_boxes(&d, &analysis, &Options::default());
        let routes = archway::geometry::Router::new(&d).routes();
        // What a caption must not cover: node boxes, the badges of nodes with findings, pills.
        let mut covered: Vec<(String, Rect)> = Vec::new();
        for (i, n) in d.nodes.iter().enumerate() {
            let r = archway::geometry::node_rect(n);
            covered.push((format!("node {}", n.id.as_str()), r));
            if analysis
                .report
                .findings
                .iter()
                .any(|f| f.nodes.contains(&n.id))
            {
                covered.push((
                    format!("the badge of {}", n.id.as_str()),
                    node_badge_rect(&r),
                ));
            }
            if let Some(text) = analysis.estimate.nodes.get(i).and_then(|e| e.pill_text()) {
                covered.push((
                    format!("the capacity pill of {}", n.id.as_str()),
                    capacity_pill_rect(&r, &text),
                ));
            }
        }
        let placed: Vec<(usize, Rect)> = boxes
            .iter()
            .enumerate()
            .filter_map(|(i, b)| Some((i, b.as_ref()?.footprint())))
            .collect();
        // A caption moved to the notes is listed under the drawing, whole.
        let noted: Vec<&archway::geometry::CaptionBox> = boxes
            .iter()
            .flatten()
            .filter(|b| b.note.is_some())
            .collect();
        if !noted.is_empty() {
            let svg = export::svg::diagram(&d, &analysis, &Options::default());
            let list = &svg[svg.find("<g class=\"notes\">").expect("a notes list")..];
            for b in &noted {
                let text = b.lines.join(" ");
                let first = text.split_whitespace().next().unwrap_or_default();
                assert!(
                    list.contains(&archway::model::escape::xml(first)),
                    "{}: note {:?} listed",
                    t.name,
                    text
                );
            }
            notes += noted.len();
        }
        for (k, &(i, r)) in placed.iter().enumerate() {
            let (e, b, route) = (&d.edges[i], boxes[i].as_ref().expect("placed"), &routes[i]);
            let route = route.as_ref().expect("a captioned edge is routed");
            count += 1;
            for (what, o) in &covered {
                if overlaps(&r, o) {
                    problems.push(format!(
                        "{}: caption of {} covers {what}",
                        t.name,
                        e.id.as_str()
                    ));
                }
            }
            for &(j, o) in &placed[k + 1..] {
                if overlaps(&r, &o) {
                    problems.push(format!(
                        "{}: captions of {} and {} overlap",
                        t.name,
                        e.id.as_str(),
                        d.edges[j].id.as_str()
                    ));
                }
            }
            // The gap between the caption's box and its nearest segment.
            let rect = b.rect;
            let gap = route
                .segments()
                .map(|(a, b)| {
                    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
                    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
                    let dx = (rect.x - x1).max(x0 - (rect.x + rect.w)).max(0.0);
                    let dy = (rect.y - y1).max(y0 - (rect.y + rect.h)).max(0.0);
                    (dx * dx + dy * dy).sqrt()
                })
                .fold(f32::INFINITY, f32::min);
            if gap > MAX_CAPTION_GAP {
                problems.push(format!(
                    "{}: caption of {} is {gap:.1} from its edge",
                    t.name,
                    e.id.as_str()
                ));
            }
            for line in &b.lines {
                let shown = line.trim_end_matches('…');
                if line.ends_with('…') && shown.chars().count() < 12 {
                    problems.push(format!(
                        "{}: caption of {} cut to a stub: {line:?}",
                        t.name,
                        e.id.as_str()
                    ));
                }
            }
        }
    }
    assert!(count > 300, "{count} captions checked");
    // Where no place beside the edge is free even wrapped narrow or set at 9 units (up to five
    // edges sharing a 56-unit gap between two nodes, a 16-unit stub between stacked nodes), a
    // numbered marker stands on the edge and the caption is listed in the notes.
    eprintln!("{count} captions, {notes} as notes");
    assert!(
        notes <= 27,
        "{notes} of {count} captions moved to the notes"
    );
    assert!(
        problems.is_empty(),
        "{} of {count} captions misplaced:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A finding badge's hover text names components by their labels, as the boxes and the
/// findings panel do, not by the ids the rules quote.
#[test]
fn badge_hover_text_names_components_by_label() {
    let d = archway::model::file::load(Path::new("templates/linkpulse-1-launch.archway.ron"))
        .unwrap_or_else(|e| panic!("{e}"));
    let review = Analysis::of(&d);
    let svg = export::svg::render(&d, &review.report, &Options::default());
    let titles: Vec<&str> = svg
        .split("<g class=\"badge\"><title>")
        .skip(1)
        .filter_map(|rest| rest.split("</title>").next())
        .collect();
    assert!(!titles.is_empty(), "the launch design has findings");
    for t in &titles {
        assert!(!t.contains('`'), "a quoted id in {t}");
    }
    assert!(
        titles
            .iter()
            .any(|t| t.contains("Node.js API + React bundle")),
        "the API is named by its label: {titles:?}"
    );
}
