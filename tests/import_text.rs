//! The PlantUML, Structurizr DSL and D2 readers: one hand-written fixture per construct in
//! `tests/fixtures/import/<format>/`, every real file of those formats in
//! `tests/fixtures/import/real/` with its summary asserted (counted by hand where a test says
//! so), bad input that must give an error with its line, and truncated real files that must
//! never panic.

use std::path::{Path, PathBuf};

use archway::import::{
    Diagram, ImportError, LinkEnd, LinkStyle, PageChoice, d2, plantuml, structurizr,
};

type Reader = fn(&Path, &[u8], &PageChoice) -> Result<Diagram, ImportError>;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(rel)
}

fn read_with(reader: Reader, rel: &str, page: &PageChoice) -> Result<Diagram, ImportError> {
    let path = fixture(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader(&path, &bytes, page)
}

fn read(reader: Reader, rel: &str) -> Diagram {
    read_with(reader, rel, &PageChoice::First).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn element<'a>(d: &'a Diagram, label: &str) -> &'a archway::import::Element {
    let found: Vec<_> = d.elements.iter().filter(|e| e.label == label).collect();
    assert_eq!(
        found.len(),
        1,
        "one element labelled {label:?}; labels: {:?}",
        labels(d)
    );
    found[0]
}

fn index(d: &Diagram, label: &str) -> usize {
    let e = element(d, label);
    d.elements
        .iter()
        .position(|x| std::ptr::eq(x, e))
        .unwrap_or(usize::MAX)
}

fn labels(d: &Diagram) -> Vec<&str> {
    d.elements.iter().map(|e| e.label.as_str()).collect()
}

fn parent_label<'a>(d: &'a Diagram, label: &str) -> Option<&'a str> {
    element(d, label)
        .parent
        .map(|p| d.elements[p].label.as_str())
}

fn end_label(d: &Diagram, end: LinkEnd) -> &str {
    match end {
        LinkEnd::Element(i) => d.elements[i].label.as_str(),
        LinkEnd::Point { .. } => "<point>",
    }
}

/// Every link as `from -> to: label [technology]`.
fn links(d: &Diagram) -> Vec<String> {
    d.links
        .iter()
        .map(|l| {
            let tech = l
                .technology
                .as_deref()
                .map(|t| format!(" [{t}]"))
                .unwrap_or_default();
            let arrow = if l.both_ways {
                "<->"
            } else if l.undirected {
                "--"
            } else {
                "->"
            };
            format!(
                "{} {arrow} {}: {}{tech}",
                end_label(d, l.from),
                end_label(d, l.to),
                l.label
            )
        })
        .collect()
}

fn has_link(d: &Diagram, text: &str) -> bool {
    links(d).iter().any(|l| l == text)
}

fn summary(d: &Diagram) -> (usize, usize, usize) {
    let groups = d.elements.iter().filter(|e| e.is_group).count();
    (d.elements.len() - groups, groups, d.links.len())
}

// ---------------------------------------------------------------------------------------
// PlantUML
// ---------------------------------------------------------------------------------------

#[test]
fn plantuml_c4_macros_become_elements_groups_and_links() {
    let d = read(plantuml::read, "plantuml/c4-container.puml");
    assert_eq!(d.title.as_deref(), Some("Shop, containers"));
    assert_eq!(d.pages, vec!["shop".to_string()]);
    let web = element(&d, "Web App");
    assert_eq!(web.hints.icon.as_deref(), Some("Container"));
    assert_eq!(web.hints.technology.as_deref(), Some("Java, Spring Boot"));
    assert_eq!(
        web.hints.description.as_deref(),
        Some("Serves pages, takes orders")
    );
    assert_eq!(
        web.hints.tags,
        vec!["frontend".to_string(), "java".to_string()]
    );
    assert_eq!(parent_label(&d, "Web App"), Some("Shop"));
    let db = element(&d, "Orders DB");
    assert_eq!(
        (db.hints.icon.as_deref(), db.hints.shape.as_deref()),
        (Some("ContainerDb"), Some("cylinder"))
    );
    assert_eq!(
        element(&d, "Order Events").hints.shape.as_deref(),
        Some("queue")
    );
    assert!(
        element(&d, "Payments").hints.external,
        "System_Ext is external"
    );
    assert!(element(&d, "Partner").hints.external && element(&d, "Buyer").hints.external);
    assert_eq!(
        element(&d, "Buyer").hints.description.as_deref(),
        Some("Buys things, sometimes")
    );
    // A macro split over two lines, inside a nested boundary.
    let orders = element(&d, "Orders");
    assert_eq!(
        orders.hints.description.as_deref(),
        Some("Handles orders, refunds and returns")
    );
    assert_eq!(parent_label(&d, "Orders"), Some("API"));
    assert_eq!(parent_label(&d, "API"), Some("Shop"));
    assert!(element(&d, "Shop").is_group && element(&d, "API").is_group);
    assert_eq!(summary(&d), (7, 2, 4));
    assert!(has_link(&d, "Buyer -> Web App: Uses [HTTPS]"));
    assert!(has_link(
        &d,
        "Web App -> Orders DB: Reads from and writes to [JDBC]"
    ));
    assert!(
        has_link(&d, "Orders -> Order Events: Publishes to"),
        "Rel_Back points back"
    );
    assert!(has_link(&d, "Orders <-> Payments: Charges, refunds [REST]"));
    let skipped: Vec<&str> = d.skipped.iter().map(|s| s.what.as_str()).collect();
    assert!(
        skipped.iter().any(|s| s.starts_with("!include")),
        "{skipped:?}"
    );
    assert!(skipped.contains(&"Lay_R(db, q)") && skipped.contains(&"SHOW_LEGEND()"));
    assert!(d.skipped.iter().all(|s| s.source.line.is_some()));
}

#[test]
fn plantuml_c4_deployment_nodes_nest_and_hold_containers() {
    let d = read(plantuml::read, "plantuml/c4-deployment.puml");
    assert_eq!(parent_label(&d, "App"), Some("app-01"));
    assert_eq!(parent_label(&d, "app-01"), Some("Data centre"));
    assert_eq!(
        element(&d, "app-01").hints.technology.as_deref(),
        Some("Ubuntu 22.04")
    );
    let lb = element(&d, "Load balancer");
    assert!(!lb.is_group, "a Node without a block is an element");
    assert_eq!(lb.hints.technology.as_deref(), Some("HAProxy"));
    assert_eq!(links(&d), vec!["Load balancer -> App: Forwards [HTTP]"]);
}

#[test]
fn plantuml_aws_icon_macros_and_groups() {
    let d = read(plantuml::read, "plantuml/aws-icons.puml");
    let elb = element(&d, "Front door");
    assert_eq!(elb.hints.icon.as_deref(), Some("ElasticLoadBalancing"));
    assert_eq!(elb.hints.technology.as_deref(), Some("ALB"));
    assert_eq!(
        parent_label(&d, "Front door"),
        Some("VPC"),
        "VPCGroup(vpc) is labelled VPC"
    );
    assert_eq!(parent_label(&d, "App servers"), Some("Private subnet"));
    assert_eq!(
        element(&d, "App servers").hints.description.as_deref(),
        Some("runs the API")
    );
    assert_eq!(element(&d, "Database").hints.icon.as_deref(), Some("RDS"));
    assert_eq!(parent_label(&d, "VPC"), Some("eu-west-1"));
    assert_eq!(parent_label(&d, "eu-west-1"), Some("AWS Cloud"));
    assert_eq!(parent_label(&d, "Uploads"), Some("AWS Cloud"));
    assert_eq!(
        element(&d, "Uploads").hints.technology,
        None,
        "an empty technology is none"
    );
    assert_eq!(
        element(&d, "eu-west-1").hints.icon.as_deref(),
        Some("RegionGroup")
    );
    assert_eq!(summary(&d), (4, 4, 3));
    assert!(has_link(&d, "Front door -> App servers: HTTPS"));
    assert!(has_link(&d, "App servers -> Database: "));
    assert_eq!(d.links[2].style, LinkStyle::Dashed);
}

#[test]
fn plantuml_plain_component_diagrams_read_every_element_and_arrow() {
    let d = read(plantuml::read, "plantuml/plain.puml");
    let shape = |l: &str| element(&d, l).hints.shape.clone().unwrap_or_default();
    assert_eq!(shape("Customer"), "actor");
    assert!(element(&d, "Customer").hints.external);
    assert_eq!(shape("Support agent"), "actor");
    assert_eq!(shape("Internet"), "cloud");
    assert_eq!(shape("Web tier"), "node");
    assert_eq!(shape("Storefront"), "component");
    assert_eq!(shape("Orders"), "database");
    assert_eq!(shape("Job queue"), "queue");
    assert_eq!(shape("Blobs"), "storage");
    assert_eq!(shape("Archive"), "folder");
    assert_eq!(shape("Reports"), "frame");
    assert_eq!(shape("monthly.csv"), "file");
    assert_eq!(
        element(&d, "Checkout").hints.tags,
        vec!["service".to_string()]
    );
    assert_eq!(parent_label(&d, "Checkout"), Some("Web tier"));
    assert_eq!(parent_label(&d, "Orders"), Some("Data"));
    assert_eq!(parent_label(&d, "monthly.csv"), Some("Reports"));
    assert!(element(&d, "Data").is_group && element(&d, "Reports").is_group);
    // `[Invoicer]` is named only by an arrow: declared as PlantUML does.
    assert_eq!(shape("Invoicer"), "component");
    let expected = [
        "Customer -> Internet: ",
        "Internet -> Storefront: HTTPS",
        "Storefront -> Checkout: ",
        "Checkout -> Job queue: enqueue",
        "Checkout -> Orders: SQL",
        "Support agent -> Storefront: ",
        "Checkout <-> Cache: ",
        "Orders -- Archive: ",
        "Job queue -> Blobs: ",
        "Blobs -> Reports: ",
        "Invoicer -> Orders: reads",
    ];
    assert_eq!(links(&d), expected);
    let styles: Vec<LinkStyle> = d.links.iter().map(|l| l.style).collect();
    assert_eq!(styles[3], LinkStyle::Dashed);
    assert_eq!(styles[4], LinkStyle::Dashed, "-[#red,dashed]->");
    assert_eq!(styles[8], LinkStyle::Thick);
}

#[test]
fn plantuml_directives_styling_notes_and_hidden_links_are_skipped_with_their_line() {
    let d = read(plantuml::read, "plantuml/skipped.puml");
    assert_eq!(labels(&d), vec!["a", "b"]);
    assert_eq!(links(&d), vec!["a -> b: "]);
    let why_at = |line: usize| {
        d.skipped
            .iter()
            .find(|s| s.source.line == Some(line))
            .map(|s| s.why.clone())
            .unwrap_or_default()
    };
    assert!(why_at(2).contains("not fetched"), "{:?}", d.skipped);
    assert!(why_at(3).contains("preprocessor"));
    assert!(why_at(6).contains("styling"));
    assert!(why_at(9).contains("display"));
    assert!(why_at(11).contains("note"));
    assert!(why_at(15).contains("note"));
    assert!(why_at(16).contains("legend"));
    assert!(why_at(19).contains("procedure"));
    assert!(why_at(24).contains("hidden"));
    assert!(why_at(26).contains("not understood"));
}

#[test]
fn plantuml_pages_are_the_startuml_blocks() {
    let d = read_with(
        plantuml::read,
        "plantuml/two-pages.puml",
        &PageChoice::Name("SECOND".into()),
    );
    let d = d.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.pages, vec!["first".to_string(), "second".to_string()]);
    assert_eq!((d.page_read, labels(&d)), (1, vec!["b", "c"]));
    let first = read(plantuml::read, "plantuml/two-pages.puml");
    assert_eq!(labels(&first), vec!["a"]);
    let e = read_with(
        plantuml::read,
        "plantuml/two-pages.puml",
        &PageChoice::Number(3),
    );
    assert!(e.is_err_and(|e| e.message.contains("\"first\", \"second\"")));
}

#[test]
fn plantuml_bad_input_is_an_error_with_its_line_and_column() {
    let p = Path::new("bad.puml");
    let e = plantuml::read(
        p,
        b"@startuml\nnode a\nContainer(x, \"open\n@enduml\n",
        &PageChoice::First,
    );
    let e = e.expect_err("an unclosed string");
    assert_eq!((e.line, e.column), (Some(3), Some(14)));
    let e = plantuml::read(p, b"@startuml\nnode \"a\n@enduml\n", &PageChoice::First)
        .expect_err("unclosed");
    assert_eq!(e.line, Some(2));
    let e = plantuml::read(p, b"just some words\n", &PageChoice::First).expect_err("not PlantUML");
    assert!(e.message.contains("@startuml"));
    assert!(plantuml::read(p, b"@startuml\n\xFF\n", &PageChoice::First).is_err());
}

// ---------------------------------------------------------------------------------------
// Structurizr DSL
// ---------------------------------------------------------------------------------------

#[test]
fn structurizr_model_is_drawn_as_containers_without_a_deployment() {
    let d = read(structurizr::read, "structurizr/containers.dsl");
    assert_eq!(d.title.as_deref(), Some("Shop"));
    assert_eq!(d.pages, vec!["Containers".to_string()]);
    let api = element(&d, "API");
    assert_eq!(api.hints.technology.as_deref(), Some("Go"));
    assert_eq!(api.hints.description.as_deref(), Some("Takes orders"));
    assert_eq!(
        api.hints.tags,
        vec!["Service".to_string(), "Public".to_string()]
    );
    let db = element(&d, "Orders DB");
    assert_eq!(
        db.hints.technology.as_deref(),
        Some("PostgreSQL 15"),
        "a !constant"
    );
    assert_eq!(
        db.hints.shape.as_deref(),
        Some("cylinder"),
        "from the style of its tag"
    );
    assert_eq!(
        element(&d, "Web App").hints.icon.as_deref(),
        Some("browser")
    );
    assert_eq!(element(&d, "Buyer").hints.shape.as_deref(), Some("person"));
    assert!(element(&d, "Payments").hints.external && element(&d, "Buyer").hints.external);
    assert!(!element(&d, "Shop").hints.external);
    assert_eq!(parent_label(&d, "API"), Some("Shop"));
    assert_eq!(parent_label(&d, "Shop"), Some("Company"), "a group");
    assert!(element(&d, "Shop").is_group && element(&d, "Company").is_group);
    assert!(
        !labels(&d).contains(&"Orders"),
        "components are not drawn with the containers"
    );
    assert_eq!(summary(&d), (5, 2, 5));
    let mut got = links(&d);
    got.sort();
    assert_eq!(
        got,
        vec![
            "API -> Orders DB: Reads from and writes to [SQL]",
            "API -> Payments: Charges cards using [HTTPS]",
            "Buyer -> Web App: Visits [HTTPS]",
            "Payments -> Buyer: Sends receipts to [SMTP]",
            "Web App -> API: Calls [JSON/HTTPS]",
        ],
        "Buyer -> Shop is drawn by Buyer -> Web App"
    );
    let why: Vec<&str> = d.skipped.iter().map(|s| s.why.as_str()).collect();
    assert!(why.iter().any(|w| w.starts_with("views")), "{why:?}");
    assert!(d.skipped.iter().any(|s| s.what.starts_with("!docs")));
}

#[test]
fn structurizr_hierarchical_identifiers_resolve_in_their_scope() {
    let d = read(structurizr::read, "structurizr/hierarchical.dsl");
    let mut got = links(&d);
    got.sort();
    assert_eq!(
        got,
        vec![
            "A API -> A DB: uses",
            "A API -> B API: calls",
            "B API -> B DB: caches in"
        ]
    );
    assert_eq!(element(&d, "A API").source.id.as_deref(), Some("a.api"));
    assert!(d.skipped.iter().any(|s| s.what.starts_with("properties")));
}

#[test]
fn structurizr_deployment_environments_are_the_pages_and_the_drawn_design() {
    let d = read(structurizr::read, "structurizr/deployment.dsl");
    assert_eq!(
        d.pages,
        vec![
            "Staging".to_string(),
            "Live".to_string(),
            "Containers".to_string()
        ]
    );
    assert_eq!(
        (d.page_read, labels(&d)),
        (0, vec!["Laptop", "Web", "App", "DB"])
    );
    let live = read_with(
        structurizr::read,
        "structurizr/deployment.dsl",
        &PageChoice::Name("live".into()),
    );
    let d = live.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.page_read, 1);
    assert_eq!(summary(&d), (5, 5, 5), "{:?}", labels(&d));
    let alb = element(&d, "ALB");
    assert_eq!(
        alb.hints.technology.as_deref(),
        Some("Elastic Load Balancer")
    );
    assert_eq!(
        alb.hints.icon.as_deref(),
        Some("Amazon Web Services - Elastic Load Balancing")
    );
    assert_eq!(parent_label(&d, "ALB"), Some("eu-west-1"));
    assert_eq!(parent_label(&d, "Web"), Some("EC2"));
    assert_eq!(
        element(&d, "Web").hints.technology.as_deref(),
        Some("nginx")
    );
    assert_eq!(parent_label(&d, "EC2"), Some("eu-west-1"));
    assert_eq!(parent_label(&d, "eu-west-1"), Some("AWS"));
    assert_eq!(
        element(&d, "AWS").hints.technology.as_deref(),
        Some("Amazon Web Services")
    );
    let dbs: Vec<usize> = (0..d.elements.len())
        .filter(|&i| d.elements[i].label == "DB")
        .collect();
    assert_eq!(dbs.len(), 2, "one instance in each RDS node");
    let mut got = links(&d);
    got.sort();
    assert_eq!(
        got,
        vec![
            "ALB -> Web: Forwards to [HTTPS]",
            "App -> DB: Reads [SQL]",
            "App -> DB: Reads [SQL]",
            "RDS primary -> RDS replica: Replicates to",
            "Web -> App: Proxies to [HTTP]",
        ],
        "the person is not deployed; App -> DB reaches both instances"
    );
    let containers = read_with(
        structurizr::read,
        "structurizr/deployment.dsl",
        &PageChoice::Number(3),
    );
    let c = containers.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary(&c), (4, 1, 3));
}

#[test]
fn structurizr_includes_read_files_and_folders_relative_to_the_file() {
    let d = read(structurizr::read, "structurizr/include/workspace.dsl");
    let mut got = labels(&d);
    got.sort();
    assert_eq!(got, vec!["Alice", "Bob", "CRM"]);
    let mut l = links(&d);
    l.sort();
    assert_eq!(l, vec!["Alice -> CRM: Uses", "Bob -> Alice: Helps"]);
}

#[test]
fn structurizr_missing_includes_and_cycles_are_errors_with_file_and_line() {
    let e = read_with(
        structurizr::read,
        "structurizr/missing/workspace.dsl",
        &PageChoice::First,
    );
    let e = e.expect_err("a missing include");
    assert_eq!(e.line, Some(4));
    assert!(
        e.message.contains("nowhere.dsl") && e.message.contains("does not exist"),
        "{e}"
    );
    let e = read_with(
        structurizr::read,
        "structurizr/cycle/a.dsl",
        &PageChoice::First,
    )
    .expect_err("a cycle");
    assert!(
        e.message.contains("cycle") && e.message.contains("b.dsl"),
        "{e}"
    );
    assert_eq!(e.line, Some(2));
    let p = Path::new("x.dsl");
    let e = structurizr::read(
        p,
        b"workspace {\n  model {\n    a = person \"A\n  }\n}\n",
        &PageChoice::First,
    );
    assert_eq!(
        e.map_err(|e| (e.line, e.column)).err(),
        Some((Some(3), Some(16)))
    );
    let e = structurizr::read(p, b"workspace {\n  model {\n", &PageChoice::First)
        .expect_err("unclosed");
    assert_eq!(e.line, Some(2));
    let e = structurizr::read(p, b"}\n", &PageChoice::First).expect_err("stray brace");
    assert_eq!((e.line, e.column), (Some(1), Some(1)));
    let e = structurizr::read(
        p,
        b"workspace {\n !include /etc/passwd\n}\n",
        &PageChoice::First,
    );
    assert!(e.is_err_and(|e| e.message.contains("only relative includes")));
}

// ---------------------------------------------------------------------------------------
// D2
// ---------------------------------------------------------------------------------------

#[test]
fn d2_reads_shapes_containers_edges_and_skips_the_rest_with_a_note() {
    let d = read(d2::read, "d2/constructs.d2");
    let user = element(&d, "Customer");
    assert_eq!(user.hints.shape.as_deref(), Some("person"));
    assert!(user.hints.external);
    assert_eq!(parent_label(&d, "App server"), Some("VPC"));
    assert_eq!(parent_label(&d, "VPC"), Some("AWS"));
    assert_eq!(parent_label(&d, "Jobs"), Some("VPC"), "a.b.c keys nest");
    assert_eq!(element(&d, "Jobs").hints.shape.as_deref(), Some("queue"));
    let db = element(&d, "Orders");
    assert_eq!(
        db.hints.shape.as_deref(),
        Some("cylinder"),
        "from its class"
    );
    assert_eq!(db.hints.tags, vec!["store".to_string()]);
    let cache = element(&d, "Redis");
    assert_eq!(cache.hints.icon.as_deref(), Some("ElastiCache Redis"));
    assert_eq!(cache.hints.description.as_deref(), Some("Session cache"));
    assert_eq!(
        element(&d, "Quoted").source.id.as_deref(),
        Some("quoted key")
    );
    assert!(
        !labels(&d).iter().any(|l| l.contains("Just a note")),
        "a text block is a note"
    );
    assert_eq!(summary(&d), (7, 2, 7), "{:?}", labels(&d));
    let expected = [
        "Customer -> App server: HTTPS",
        "App server -> Orders: writes",
        "Orders -> Jobs: writes",
        "App server -> Redis: reads",
        "App server <-> Quoted: ",
        "lone -- Quoted: ",
        "App server -> Redis: ",
    ];
    assert_eq!(links(&d), expected);
    assert_eq!(d.links[6].style, LinkStyle::Dashed);
    let notes: Vec<(usize, &str)> = d
        .skipped
        .iter()
        .map(|s| (s.source.line.unwrap_or(0), s.why.as_str()))
        .collect();
    for (line, why) in [
        (2, "vars"),
        (7, "direction"),
        (17, "spread"),
        (47, "text block"),
        (52, "edge"),
        (53, "grid-rows"),
        (54, "boards"),
        (51, "near"),
    ] {
        assert!(
            notes.iter().any(|(l, w)| *l == line && w.contains(why)),
            "{line} {why}: {notes:?}"
        );
    }
}

#[test]
fn d2_bad_input_is_an_error_with_its_line_and_column() {
    let p = Path::new("x.d2");
    let e = d2::read(p, b"a -> b\nc: {\n  d\n", &PageChoice::First).expect_err("unclosed block");
    assert_eq!((e.line, e.column), (Some(2), Some(4)));
    let e = d2::read(p, b"a: \"open\n", &PageChoice::First).expect_err("unclosed string");
    assert_eq!((e.line, e.column), (Some(1), Some(4)));
    let e = d2::read(p, b"a\n}\n", &PageChoice::First).expect_err("stray brace");
    assert_eq!((e.line, e.column), (Some(2), Some(1)));
    let e =
        d2::read(p, b"x: |md\n # never closed\n", &PageChoice::First).expect_err("block string");
    assert_eq!(e.line, Some(1));
    assert!(d2::read(p, b"a -> : x\n", &PageChoice::First).is_err());
}

// ---------------------------------------------------------------------------------------
// Real files
// ---------------------------------------------------------------------------------------

#[test]
fn real_plantuml_files_keep_their_components_and_connections() {
    // C4 message bus, counted by hand: 1 person + 8 containers in 1 boundary, 9 Rel.
    let d = read(
        plantuml::read,
        "real/plantuml/c4-plantuml__container-message-bus.puml",
    );
    assert_eq!(summary(&d), (9, 1, 9));
    assert!(has_link(
        &d,
        "Customer Service -> Customer Database: Stores data in [JDBC]"
    ));
    assert_eq!(
        element(&d, "Message Bus").hints.technology.as_deref(),
        Some("RabbitMQ")
    );
    assert_eq!(
        element(&d, "Customer").label,
        "Customer",
        "an unquoted label"
    );
    // techtribes.js, counted by hand: 3 people, 5 containers, 3 external systems, 12 Rel.
    let d = read(
        plantuml::read,
        "real/plantuml/c4-plantuml__container-techtribesjs.puml",
    );
    assert_eq!(summary(&d), (11, 1, 12));
    assert!(element(&d, "Twitter").hints.external && element(&d, "Anonymous User").hints.external);
    // Big Bank deployment, counted by hand: 6 containers in 12 deployment nodes, 6 Rel.
    let d = read(
        plantuml::read,
        "real/plantuml/c4-plantuml__deployment-bigbankplc.puml",
    );
    assert_eq!(summary(&d), (6, 12, 6));
    assert_eq!(
        d.title.as_deref(),
        Some("Deployment Diagram for Internet Banking System - Live")
    );
    assert_eq!(
        element(&d, "bigbank-api*** x8").hints.technology.as_deref(),
        Some("Ubuntu 16.04 LTS")
    );
    assert_eq!(parent_label(&d, "API Application"), Some("Apache Tomcat"));
    let tomcat = element(&d, "API Application")
        .parent
        .and_then(|p| d.elements[p].parent);
    assert_eq!(tomcat, Some(index(&d, "bigbank-api*** x8")));
    assert!(has_link(
        &d,
        "Web Application -> Single Page Application: Delivers to the customer's web browser"
    ));
    // AWS groups: 5 icons in 8 groups; the two hidden links are layout only.
    let d = read(
        plantuml::read,
        "real/plantuml/awslabs-aws-icons-for-plantuml__groups-vpc.puml",
    );
    assert_eq!(summary(&d), (5, 8, 2));
    assert_eq!(
        element(&d, "Internet gateway").hints.icon.as_deref(),
        Some("VPCInternetGateway")
    );
    assert_eq!(
        d.skipped
            .iter()
            .filter(|s| s.why.contains("hidden"))
            .count(),
        2
    );
    // Serverless API, counted by hand: 6 sprite rectangles in the AWS cloud, 6 visible links.
    let d = read(
        plantuml::read,
        "real/plantuml/awslabs-aws-icons-for-plantuml__serverless-api.puml",
    );
    assert_eq!(summary(&d), (6, 1, 6));
    assert_eq!(
        element(&d, "Amazon DynamoDB").hints.icon.as_deref(),
        Some("DynamoDB")
    );
    assert_eq!(
        element(&d, "Amazon API Gateway").hints.icon.as_deref(),
        Some("APIGateway")
    );
    assert!(has_link(&d, "Client -> Amazon API Gateway: "));
    // S3 upload workflow: 9 rectangles in 4 groups, 10 visible links (2 hidden).
    let d = read(
        plantuml::read,
        "real/plantuml/awslabs-aws-icons-for-plantuml__s3-upload-workflow.puml",
    );
    assert_eq!(summary(&d), (9, 4, 10));
    assert_eq!(
        parent_label(&d, "video"),
        Some("S3 Bucket"),
        "a group defined by !define, named after its macro"
    );
    assert!(has_link(&d, "User -> video: upload"));
    assert_eq!(
        element(&d, "ObjectCreated event handler")
            .hints
            .icon
            .as_deref(),
        Some("LambdaLambdaFunction")
    );
}

#[test]
fn real_structurizr_files_keep_their_components_and_connections() {
    // Big Bank plc (extends ../model.dsl), the Live deployment by page name; counted by hand:
    // 13 deployment nodes, 7 instances, 6 projected links and 1 between database nodes.
    let path =
        "real/structurizr/structurizr-examples__big-bank-plc/internet-banking-system/workspace.dsl";
    let d = read(structurizr::read, path);
    assert_eq!(
        d.pages,
        vec![
            "Development".to_string(),
            "Live".to_string(),
            "Containers".to_string()
        ]
    );
    assert_eq!(
        d.title.as_deref(),
        Some("Big Bank plc - Internet Banking System")
    );
    assert_eq!(
        summary(&d),
        (5, 8, 4),
        "Development: {:?} {:?}",
        labels(&d),
        links(&d)
    );
    let live = read_with(structurizr::read, path, &PageChoice::Name("Live".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        summary(&live),
        (7, 13, 7),
        "Live: {:?} {:?}",
        labels(&live),
        links(&live)
    );
    assert!(has_link(
        &live,
        "Oracle - Primary -> Oracle - Secondary: Replicates data to"
    ));
    assert!(has_link(
        &live,
        "API Application -> Mainframe Banking System: Makes API calls to [XML/HTTPS]"
    ));
    let db = index(&live, "Oracle - Secondary");
    assert!(
        live.elements
            .iter()
            .any(|e| e.parent == Some(db) && e.label == "Database")
    );
    // Its containers: 3 people + 4 systems (one holding 5 containers) in the Big Bank plc group;
    // 9 container relationships and the 6 system ones no container relationship draws.
    let c = read_with(
        structurizr::read,
        path,
        &PageChoice::Name("containers".into()),
    );
    let c = c.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary(&c), (11, 2, 15), "{:?}", links(&c));
    assert_eq!(
        parent_label(&c, "Database"),
        Some("Internet Banking System")
    );
    assert_eq!(
        parent_label(&c, "Internet Banking System"),
        Some("Big Bank plc")
    );
    assert_eq!(
        element(&c, "Database").hints.shape.as_deref(),
        Some("cylinder")
    );

    // Amazon Web Services: 6 nodes, 2 infrastructure nodes, 2 instances, 3 links.
    let d = read(
        structurizr::read,
        "real/structurizr/structurizr-examples__amazon-web-services.dsl",
    );
    assert_eq!(summary(&d), (4, 6, 3), "{:?} {:?}", labels(&d), links(&d));
    assert!(has_link(
        &d,
        "Load Balancer -> Web Application: Forwards requests to [HTTPS]"
    ));
    assert!(has_link(
        &d,
        "Web Application -> Database Schema: Reads from and writes to [MySQL Protocol/SSL]"
    ));
    assert_eq!(
        element(&d, "DNS router").hints.icon.as_deref(),
        Some("Amazon Web Services - Route 53")
    );

    // Microservices: a person, 2 external systems, 2 + 16 containers in 8 groups inside
    // system A; 26 relationships (8 API -> database, 2 to external systems, 16 in system A).
    let d = read(
        structurizr::read,
        "real/structurizr/structurizr-examples__microservices.dsl",
    );
    assert_eq!(d.pages, vec!["Containers".to_string()]);
    assert_eq!(summary(&d), (21, 9, 26), "{:?}", links(&d));
    assert_eq!(parent_label(&d, "Service 3 API"), Some("Service 3"));
    assert_eq!(parent_label(&d, "Service 3"), Some("Software System A"));
    assert_eq!(
        element(&d, "Service 3 Database").hints.shape.as_deref(),
        Some("cylinder")
    );
    assert_eq!(
        element(&d, "Service 3 Database")
            .hints
            .technology
            .as_deref(),
        Some("MySQL")
    );
    assert!(
        element(&d, "Software System B").hints.external,
        "an archetype's tag"
    );
    assert!(has_link(&d, "Service 5 API -> Software System B: "));

    // S3 upload workflow: the Live deployment has 3 instances and 2 infrastructure nodes in 4
    // nodes, and no relationship between deployed elements (as Structurizr draws it); its
    // containers page has the person, 7 containers and 9 relationships.
    let path = "real/structurizr/awslabs-aws-icons-for-plantuml__s3-upload-workflow.dsl";
    let d = read(structurizr::read, path);
    assert_eq!(summary(&d), (5, 4, 0), "{:?} {:?}", labels(&d), links(&d));
    let c = read_with(
        structurizr::read,
        path,
        &PageChoice::Name("Containers".into()),
    );
    let c = c.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary(&c), (8, 1, 9), "{:?} {:?}", labels(&c), links(&c));
}

#[test]
fn real_d2_files_keep_their_components_and_connections() {
    // C4 Big Bank in D2, counted by hand: 4 shapes + 5 inside the banking system, 10 edges.
    let d = read(d2::read, "real/d2/terrastruct-d2-docs__c4-bigbank.d2");
    assert_eq!(summary(&d), (8, 1, 10), "{:?}", labels(&d));
    let db = element(&d, "Database");
    assert_eq!(db.hints.shape.as_deref(), Some("cylinder"));
    assert_eq!(
        db.hints.technology.as_deref(),
        Some("Oracle Database Schema")
    );
    assert_eq!(
        parent_label(&d, "Database"),
        Some("Internet Banking System")
    );
    assert!(element(&d, "Personal Banking Customer").hints.external);
    assert!(has_link(
        &d,
        "Personal Banking Customer -> Web Application: Visits bigbank.com/ib using [HTTPS]"
    ));
    assert!(has_link(
        &d,
        "Database <-> API Application: Reads from and writes to [SQL/TCP]"
    ));
    // Twitter timeline, counted by hand: 36 shapes, 2 of them markdown notes connected to
    // nothing; 2 containers; 34 edges.
    let d = read(d2::read, "real/d2/terrastruct-d2__twitter-timeline.d2");
    let (boxes, groups, edges) = summary(&d);
    assert_eq!((groups, edges), (2, 34), "{:?}", labels(&d));
    assert_eq!(boxes, 32, "{:?}", labels(&d));
    assert_eq!(
        element(&d, "Memcache").hints.icon.as_deref(),
        Some("de041504-0ddb-43f6-b89e-fe04403cca8d-memcached")
    );
    assert_eq!(
        element(&d, "Twitter Frontend").hints.shape.as_deref(),
        Some("image")
    );
    assert!(has_link(
        &d,
        "TLS-API (being deprecated) -> timeline mixer: "
    ));
}

// ---------------------------------------------------------------------------------------
// No panic on any prefix of a real file
// ---------------------------------------------------------------------------------------

fn every_prefix_reads_or_fails_cleanly(reader: Reader, rel: &str) {
    let path = fixture(rel);
    let bytes = std::fs::read(&path).unwrap_or_default();
    assert!(!bytes.is_empty(), "{rel}");
    let step = (bytes.len() / 400).max(1);
    for cut in (0..bytes.len()).step_by(step).chain([bytes.len() - 1]) {
        match reader(&path, &bytes[..cut], &PageChoice::First) {
            Ok(d) => {
                let n = d.elements.len();
                assert!(
                    d.elements.iter().all(|e| e.parent.is_none_or(|p| p < n)),
                    "{rel} at {cut}"
                );
                for l in &d.links {
                    for end in [l.from, l.to] {
                        assert!(
                            matches!(end, LinkEnd::Element(i) if i < n),
                            "{rel} at {cut}"
                        );
                    }
                }
            }
            Err(e) => assert!(
                !e.message.is_empty() && e.message.len() < 400,
                "{rel} at {cut}: {e}"
            ),
        }
    }
}

#[test]
fn truncated_real_files_never_panic() {
    for f in [
        "c4-plantuml__container-message-bus.puml",
        "c4-plantuml__deployment-bigbankplc.puml",
        "awslabs-aws-icons-for-plantuml__s3-upload-workflow.puml",
        "awslabs-aws-icons-for-plantuml__groups-vpc.puml",
    ] {
        every_prefix_reads_or_fails_cleanly(plantuml::read, &format!("real/plantuml/{f}"));
    }
    for f in [
        "structurizr-examples__big-bank-plc/internet-banking-system/workspace.dsl",
        "structurizr-examples__microservices.dsl",
        "structurizr-examples__amazon-web-services.dsl",
    ] {
        every_prefix_reads_or_fails_cleanly(structurizr::read, &format!("real/structurizr/{f}"));
    }
    for f in [
        "terrastruct-d2__twitter-timeline.d2",
        "terrastruct-d2-docs__c4-bigbank.d2",
    ] {
        every_prefix_reads_or_fails_cleanly(d2::read, &format!("real/d2/{f}"));
    }
    for f in [
        "plantuml/plain.puml",
        "d2/constructs.d2",
        "structurizr/deployment.dsl",
    ] {
        let reader: Reader = match f.split('/').next() {
            Some("plantuml") => plantuml::read,
            Some("d2") => d2::read,
            _ => structurizr::read,
        };
        every_prefix_reads_or_fails_cleanly(reader, f);
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_text_never_panics(s in "[ -~\n{}()\\[\\]\"'|<>.:;#=-]{0,200}") {
            let p = Path::new("fuzz");
            let _ = plantuml::read(p, s.as_bytes(), &PageChoice::First);
            let _ = structurizr::read(p, s.as_bytes(), &PageChoice::First);
            let _ = d2::read(p, s.as_bytes(), &PageChoice::First);
        }
    }
}
