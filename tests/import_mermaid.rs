//! The Mermaid reader on one small fixture per construct (`tests/fixtures/import/mermaid/`):
//! labels, shapes, parents, links with their labels and styles, and what is skipped, with
//! source lines.

use archway::import::mermaid::read;
use archway::import::{Diagram, LinkEnd, LinkStyle, PageChoice};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/mermaid")
        .join(name)
}

fn load(name: &str) -> Diagram {
    load_page(name, &PageChoice::First)
}

fn load_page(name: &str, page: &PageChoice) -> Diagram {
    let path = fixture(name);
    let bytes = std::fs::read(&path).expect("fixture");
    read(&path, &bytes, page).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The element whose source id is `id`.
fn el<'a>(d: &'a Diagram, id: &str) -> &'a archway::import::Element {
    d.elements
        .iter()
        .find(|e| e.source.id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no element {id}"))
}

fn index(d: &Diagram, id: &str) -> usize {
    d.elements
        .iter()
        .position(|e| e.source.id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no element {id}"))
}

/// Links as (from id, to id, label).
fn links(d: &Diagram) -> Vec<(String, String, String)> {
    let id = |e: &LinkEnd| match e {
        LinkEnd::Element(i) => d.elements[*i].source.id.clone().unwrap_or_default(),
        LinkEnd::Point { .. } => "?".to_owned(),
    };
    d.links
        .iter()
        .map(|l| (id(&l.from), id(&l.to), l.label.clone()))
        .collect()
}

fn link<'a>(d: &'a Diagram, from: &str, to: &str) -> &'a archway::import::Link {
    let (f, t) = (index(d, from), index(d, to));
    d.links
        .iter()
        .find(|l| l.from == LinkEnd::Element(f) && l.to == LinkEnd::Element(t))
        .unwrap_or_else(|| panic!("no link {from} -> {to}: {:?}", links(d)))
}

#[test]
fn flowchart_node_shapes_become_shape_hints() {
    let d = load("flowchart-shapes.mmd");
    assert_eq!(d.title.as_deref(), Some("Shop checkout"));
    assert!(!d.has_coordinates);
    let shape = |id: &str| el(&d, id).hints.shape.clone();
    for (id, label, s) in [
        ("users", "Users", Some("circle")),
        ("cdn", "CDN edge", Some("flag")),
        ("lb", "Load balancer", Some("hexagon")),
        ("api", "Checkout API", Some("stadium")),
        ("db", "Orders DB", Some("cylinder")),
        ("sub", "Payment job", Some("subroutine")),
        ("q", "Order queue", Some("parallelogram")),
        ("dec", "Fraud check", Some("diamond")),
        ("rnd", "Rounded", Some("rounded")),
        ("plain", "plain", None),
        ("new", "Ledger", Some("cylinder")),
        ("str", "Web app \"v2\"", Some("rectangle")),
    ] {
        assert_eq!(el(&d, id).label, label, "{id}");
        assert_eq!(shape(id).as_deref(), s, "{id}");
    }
    assert_eq!(d.elements.len(), 12);
    assert_eq!(d.links.len(), 11);
    assert_eq!(
        el(&d, "users").source.line,
        Some(6),
        "line numbers count the front matter"
    );
    assert!(d.skipped.is_empty(), "{:?}", d.skipped);
}

#[test]
fn flowchart_arrows_keep_labels_styles_and_directions() {
    let d = load("flowchart-arrows.mmd");
    assert_eq!(link(&d, "A", "B").label, "HTTPS");
    assert_eq!(link(&d, "B", "C").label, "reads from");
    assert_eq!(link(&d, "C", "D").style, LinkStyle::Dashed);
    assert_eq!(link(&d, "D", "E").style, LinkStyle::Thick);
    assert!(link(&d, "E", "F").both_ways);
    assert!(link(&d, "F", "G").undirected);
    assert!(!link(&d, "G", "H").undirected, "--o has a head");
    assert!(!link(&d, "H", "I").undirected, "--x has a head");
    let async_link = link(&d, "I", "J");
    assert_eq!(
        (async_link.label.as_str(), async_link.style),
        ("async", LinkStyle::Dashed)
    );
    let bulk = link(&d, "J", "K");
    assert_eq!(
        (bulk.label.as_str(), bulk.style),
        ("bulk", LinkStyle::Thick)
    );
    // `&` on both sides: every pair; `M --> N --> O`: both hops.
    for (a, b) in [
        ("A", "M"),
        ("A", "N"),
        ("B", "M"),
        ("B", "N"),
        ("M", "N"),
        ("N", "O"),
    ] {
        link(&d, a, b);
    }
    // The invisible link only places nodes: no link, a note.
    assert!(links(&d).iter().all(|(a, b, _)| !(a == "K" && b == "L")));
    assert_eq!(d.skipped.len(), 1, "{:?}", d.skipped);
    assert_eq!(d.skipped[0].source.line, Some(12));
    assert_eq!(d.links.len(), 10 + 4 + 2);
}

#[test]
fn nested_subgraphs_are_groups_with_parents() {
    let d = load("flowchart-subgraphs.mmd");
    let cloud = el(&d, "cloud");
    assert!(cloud.is_group);
    assert_eq!(cloud.label, "AWS cloud");
    assert_eq!(cloud.parent, None);
    let vpc = el(&d, "vpc");
    assert_eq!((vpc.label.as_str(), vpc.is_group), ("Main VPC", true));
    assert_eq!(vpc.parent, Some(index(&d, "cloud")));
    let private = el(&d, "Private data");
    assert!(private.is_group);
    assert_eq!(private.parent, Some(index(&d, "cloud")));
    // gw is named first outside every subgraph, then declared in the cloud: it moves in.
    assert_eq!(el(&d, "gw").parent, Some(index(&d, "cloud")));
    assert_eq!(el(&d, "gw").label, "API gateway");
    assert_eq!(el(&d, "app").parent, Some(index(&d, "vpc")));
    assert_eq!(el(&d, "pg").parent, Some(index(&d, "Private data")));
    assert_eq!(el(&d, "client").parent, None);
    // An edge may end at a subgraph.
    link(&d, "gw", "vpc");
    link(&d, "app", "pg");
    assert!(
        d.skipped.is_empty(),
        "`direction` inside a subgraph is not a problem"
    );
}

#[test]
fn styling_and_unknown_lines_are_skipped_with_their_line() {
    let d = load("flowchart-styles.mmd");
    assert_eq!(d.elements.len(), 2);
    assert_eq!(links(&d), vec![("a".into(), "b".into(), String::new())]);
    assert_eq!(el(&d, "a").hints.tags, vec!["edge".to_owned()]);
    assert_eq!(el(&d, "b").hints.tags, vec!["database".to_owned()]);
    let skipped: Vec<(String, Option<usize>)> = d
        .skipped
        .iter()
        .map(|s| (s.what.clone(), s.source.line))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("classDef".to_owned(), Some(3)),
            ("class".to_owned(), Some(4)),
            ("style".to_owned(), Some(5)),
            ("linkStyle".to_owned(), Some(6)),
            ("click".to_owned(), Some(7)),
            ("this is not mermaid at all !!".to_owned(), Some(8)),
            ("end".to_owned(), Some(9)),
        ]
    );
    assert!(d.skipped[5].why.contains("not understood"));
}

#[test]
fn architecture_groups_services_icons_and_junctions() {
    let d = load("architecture.mmd");
    let api = el(&d, "api");
    assert!(api.is_group);
    assert_eq!(
        (api.label.as_str(), api.hints.icon.as_deref()),
        ("API", Some("cloud"))
    );
    assert_eq!(el(&d, "private").parent, Some(index(&d, "api")));
    let db = el(&d, "db");
    assert!(!db.is_group);
    assert_eq!(db.label, "Database");
    assert_eq!(db.hints.icon.as_deref(), Some("database"));
    assert_eq!(db.parent, Some(index(&d, "private")));
    assert_eq!(el(&d, "fn").hints.icon.as_deref(), Some("logos:aws-lambda"));
    assert_eq!(el(&d, "gateway").parent, None);
    // Sides do not matter to the design; directions do.
    assert!(link(&d, "db", "server").undirected);
    assert!(link(&d, "disk1", "server").undirected);
    assert!(!link(&d, "gateway", "server").undirected);
    // The junction is gone: the server reaches the function and the database through it.
    assert!(
        d.elements
            .iter()
            .all(|e| e.source.id.as_deref() != Some("mid"))
    );
    assert!(!link(&d, "server", "fn").undirected);
    link(&d, "server", "db");
    assert_eq!(d.links.len(), 5, "{:?}", links(&d));
    assert_eq!(d.elements.len(), 7);
    assert!(
        d.skipped
            .iter()
            .any(|s| s.what.contains("junction") && s.source.line == Some(10))
    );
}

#[test]
fn c4_container_diagram_reads_elements_boundaries_and_relations() {
    let d = load("c4-container.mmd");
    assert_eq!(
        d.title.as_deref(),
        Some("Container diagram for Internet Banking System")
    );
    let customer = el(&d, "customer");
    assert_eq!(customer.hints.shape.as_deref(), Some("person"));
    assert!(customer.hints.external);
    let email = el(&d, "email");
    assert!(email.hints.external);
    assert_eq!(email.hints.icon.as_deref(), Some("System_Ext"));
    let boundary = el(&d, "c1");
    assert!(boundary.is_group);
    assert_eq!(boundary.label, "Internet Banking");
    let db = el(&d, "db");
    assert_eq!(db.hints.icon.as_deref(), Some("ContainerDb"));
    assert_eq!(db.hints.shape.as_deref(), Some("cylinder"));
    assert_eq!(db.hints.technology.as_deref(), Some("SQL Database"));
    assert_eq!(
        db.hints.description.as_deref(),
        Some("Stores users and accounts")
    );
    assert_eq!(db.parent, Some(index(&d, "c1")));
    let bus = el(&d, "bus");
    assert_eq!(bus.hints.shape.as_deref(), Some("queue"));
    assert_eq!(bus.hints.tags, vec!["async".to_owned()]);
    assert_eq!(
        el(&d, "spa").hints.technology.as_deref(),
        Some("JavaScript, Angular")
    );
    assert_eq!(el(&d, "customer").parent, None);
    let uses = link(&d, "customer", "spa");
    assert_eq!(
        (uses.label.as_str(), uses.technology.as_deref()),
        ("Uses", Some("HTTPS"))
    );
    // Rel_Back points the other way; BiRel both ways.
    assert_eq!(link(&d, "api", "db").technology.as_deref(), Some("JDBC"));
    assert!(link(&d, "api", "bus").both_ways);
    assert_eq!(d.links.len(), 5);
    let skipped: Vec<&str> = d.skipped.iter().map(|s| s.what.as_str()).collect();
    assert_eq!(skipped, vec!["UpdateRelStyle", "Lay_R(spa, api)"]);
}

#[test]
fn c4_deployment_nodes_nest() {
    let d = load("c4-deployment.mmd");
    let aws = index(&d, "aws");
    let region = el(&d, "region");
    assert!(region.is_group);
    assert_eq!(region.parent, Some(aws));
    assert_eq!(region.hints.technology.as_deref(), Some("AWS region"));
    assert_eq!(el(&d, "ec2").parent, Some(index(&d, "region")));
    assert_eq!(el(&d, "api").parent, Some(index(&d, "ec2")));
    assert_eq!(el(&d, "db").parent, Some(index(&d, "rds")));
    assert_eq!(el(&d, "db").hints.technology.as_deref(), Some("MySQL 8"));
    assert_eq!(
        links(&d),
        vec![("api".into(), "db".into(), "Reads from and writes to".into())]
    );
}

#[test]
fn markdown_fences_are_pages() {
    let d = load("docs.md");
    assert_eq!(
        d.pages,
        vec!["Architecture".to_owned(), "Payments".to_owned()]
    );
    assert_eq!(d.page_read, 0);
    assert_eq!(
        el(&d, "a").source.line,
        Some(7),
        "lines count from the file's start"
    );
    let second = load_page("docs.md", &PageChoice::Number(2));
    assert_eq!(second.page_read, 1);
    assert_eq!(second.elements.len(), 3);
    assert_eq!(el(&second, "pay").source.line, Some(18));
    let by_name = load_page("docs.md", &PageChoice::Name("payments".into()));
    assert_eq!(by_name.elements, second.elements);
    let path = fixture("docs.md");
    let bytes = std::fs::read(&path).expect("fixture");
    let err = read(&path, &bytes, &PageChoice::Number(3)).expect_err("no third fence");
    assert!(err.message.contains("Architecture, Payments"), "{err}");
}

#[test]
fn a_file_without_a_diagram_is_an_error_with_a_line() {
    let path = fixture("no-diagram.md");
    let err = read(
        &path,
        &std::fs::read(&path).expect("fixture"),
        &PageChoice::First,
    )
    .expect_err("no fence");
    assert!(err.message.contains("mermaid"), "{err}");
    let path = fixture("sequence.mmd");
    let err = read(
        &path,
        &std::fs::read(&path).expect("fixture"),
        &PageChoice::First,
    )
    .expect_err("sequence diagram");
    assert_eq!(err.line, Some(1));
    assert!(err.message.contains("sequenceDiagram"), "{err}");
    let err = read(
        Path::new("empty.mmd"),
        b"  \n%% only a comment\n",
        &PageChoice::First,
    )
    .expect_err("empty");
    assert!(err.message.contains("no Mermaid diagram"), "{err}");
}

#[test]
fn hostile_input_never_panics() {
    for text in [
        "flowchart LR\n A[unclosed --> B\n",
        "flowchart LR\n A -->|unclosed B\n",
        "flowchart LR\n subgraph\n end\n end\n",
        "flowchart LR\n A@{ shape: \n",
        "flowchart LR\n \"quoted\" --> [x]\n é-->ü;;;\n",
        "C4Context\n Rel(a\n Person(\n }\n }\n System(x, \"é\") {\n",
        "architecture-beta\n service a(\n junction j\n j:L -- R:j\n a:L -- R:\n",
        "graph TD; A-->B; B-->A",
    ] {
        let d = read(Path::new("x.mmd"), text.as_bytes(), &PageChoice::First);
        let d = d.unwrap_or_else(|e| panic!("{text:?}: {e}"));
        for l in &d.links {
            for end in [l.from, l.to] {
                if let LinkEnd::Element(i) = end {
                    assert!(i < d.elements.len(), "{text:?}");
                }
            }
        }
    }
    let d = read(
        Path::new("x.mmd"),
        b"graph TD; A-->B; B-->A",
        &PageChoice::First,
    )
    .expect("one-line graph");
    assert_eq!(d.links.len(), 2);
}

/// Through the whole import: kinds guessed from shapes, icons and C4 macros, subgraphs and
/// boundaries as containers, every link an edge, and the layout leaves nothing overlapping.
#[test]
fn mermaid_files_import_into_laid_out_designs() {
    use archway::geometry::node_rect;
    use archway::model::NodeKind;
    for (name, nodes, containers, edges) in [
        ("flowchart-subgraphs.mmd", 5, 3, 4),
        ("c4-container.mmd", 6, 1, 5),
        ("c4-deployment.mmd", 2, 4, 1),
        ("architecture.mmd", 5, 2, 5),
    ] {
        let imported = archway::import::import_file(&fixture(name), None, &PageChoice::First)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let d = &imported.design;
        assert_eq!(
            imported.format,
            archway::import::SourceFormat::Mermaid,
            "{name}"
        );
        assert_eq!(
            (d.nodes.len(), d.containers.len(), d.edges.len()),
            (nodes, containers, edges),
            "{name}"
        );
        for (i, a) in d.nodes.iter().enumerate() {
            for b in &d.nodes[i + 1..] {
                let (ra, rb) = (node_rect(a), node_rect(b));
                let apart = ra.x + ra.w <= rb.x
                    || rb.x + rb.w <= ra.x
                    || ra.y + ra.h <= rb.y
                    || rb.y + rb.h <= ra.y;
                assert!(apart, "{name}: {} and {} overlap", a.id, b.id);
            }
            if let Some(c) = &a.container {
                let c = d.container(c.as_str()).expect("container");
                assert!(
                    c.rect.contains_rect(&node_rect(a)),
                    "{name}: {} outside",
                    a.id
                );
            }
        }
    }
    let c4 = archway::import::import_file(&fixture("c4-container.mmd"), None, &PageChoice::First)
        .expect("c4");
    let kind = |label: &str| {
        c4.design
            .nodes
            .iter()
            .find(|n| n.label == label)
            .map(|n| n.kind)
            .unwrap_or_else(|| panic!("no node {label}"))
    };
    assert_eq!(kind("Customer"), NodeKind::Client);
    assert!(kind("Database").is_store(), "{:?}", kind("Database"));
}
