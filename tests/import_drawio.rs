//! The draw.io importer on one hand-written fixture per construct (`tests/fixtures/import/drawio/`)
//! and on the four real diagrams in `tests/fixtures/import/real/drawio/` (see SOURCES.md there),
//! each with its summary asserted and the design critiqued.

use archway::critique::Analysis;
use archway::import::{self, Imported, LineKind, PageChoice, SourceFormat};
use archway::model::{ContainerKind, Design, EdgeKind, NodeKind, Protocol, Provider};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(name: &str) -> Imported {
    import_page(name, &PageChoice::First)
}

fn import_page(name: &str, page: &PageChoice) -> Imported {
    import::import_file(&fixture(name), None, page).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn kind_of(d: &Design, label: &str) -> NodeKind {
    d.nodes
        .iter()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no node labelled {label:?}"))
        .kind
}

fn container_of<'a>(d: &'a Design, label: &str) -> Option<&'a str> {
    d.nodes
        .iter()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no node labelled {label:?}"))
        .container
        .as_ref()
        .map(|c| c.as_str())
}

/// Node counts by kind key.
fn by_kind(d: &Design) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for n in &d.nodes {
        *m.entry(n.kind.key()).or_default() += 1;
    }
    m
}

fn container_kinds(d: &Design) -> BTreeMap<ContainerKind, usize> {
    let mut m = BTreeMap::new();
    for c in &d.containers {
        *m.entry(c.kind).or_default() += 1;
    }
    m
}

#[test]
fn a_compressed_page_is_read() {
    let i = import("drawio/compressed.drawio");
    assert_eq!(i.format, SourceFormat::DrawIo);
    let d = &i.design;
    assert_eq!(d.metadata.title, "Shop");
    assert_eq!(kind_of(d, "Public ALB"), NodeKind::LoadBalancer);
    assert_eq!(kind_of(d, "Orders API"), NodeKind::AppServer);
    assert_eq!(kind_of(d, "Orders DB"), NodeKind::SqlDb);
    assert_eq!(d.edges.len(), 2);
    assert_eq!(d.edges[0].protocol, Some(Protocol::Https));
    assert_eq!(d.edges[1].protocol, Some(Protocol::Tcp));
    assert_eq!(d.provider, Some(Provider::Aws));
}

#[test]
fn several_pages_the_first_by_default_another_by_number_or_name() {
    let first = import("drawio/multipage.drawio");
    assert_eq!(first.report.pages, ["Prod", "Dev"]);
    assert_eq!(first.report.page_read, 0);
    assert_eq!(kind_of(&first.design, "Users"), NodeKind::Client);
    assert_eq!(kind_of(&first.design, "CDN"), NodeKind::Cdn);
    for page in [PageChoice::Number(2), PageChoice::Name("dev".into())] {
        let dev = import_page("drawio/multipage.drawio", &page);
        assert_eq!(dev.report.page_read, 1);
        assert_eq!(dev.design.nodes.len(), 3);
        assert_eq!(kind_of(&dev.design, "Postgres"), NodeKind::SqlDb);
        assert_eq!(kind_of(&dev.design, "Redis"), NodeKind::Cache);
        assert!(
            dev.report
                .text()
                .contains("page 2 of 2 (\"Dev\"); pages: \"Prod\", \"Dev\"")
        );
    }
    let err = import::import_file(
        &fixture("drawio/multipage.drawio"),
        None,
        &PageChoice::Name("QA".into()),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("there is no page named \"QA\"; the pages are: 1 \"Prod\", 2 \"Dev\""),
        "{err}"
    );
}

#[test]
fn html_labels_are_plain_text() {
    let d = import("drawio/html-label.drawio").design;
    assert_eq!(kind_of(&d, "Elastic Load Balancer"), NodeKind::LoadBalancer);
    assert_eq!(
        kind_of(&d, "Billing & Invoices Service"),
        NodeKind::AppServer
    );
    assert_eq!(d.edges[0].label, "HTTPS");
    assert_eq!(d.edges[0].protocol, Some(Protocol::Https));
}

#[test]
fn aws4_icons_map_to_kinds_and_managed_services() {
    let i = import("drawio/aws4-icons.drawio");
    let d = &i.design;
    for (label, kind) in [
        ("CloudFront", NodeKind::Cdn),
        ("Route 53", NodeKind::Dns),
        ("API", NodeKind::ApiGateway),
        ("Handler", NodeKind::ServerlessFunction),
        ("Table", NodeKind::NosqlDb),
        ("Sessions", NodeKind::Cache),
        ("Uploads", NodeKind::ObjectStorage),
        ("Jobs", NodeKind::MessageQueue),
        ("Events", NodeKind::PubSubTopic),
        ("Clicks", NodeKind::Stream),
        ("Login", NodeKind::IdentityProvider),
        ("Alarms", NodeKind::Monitoring),
        ("Order flow", NodeKind::WorkflowOrchestrator),
        ("NAT", NodeKind::NatGateway),
        ("Elastic IP", NodeKind::Generic),
    ] {
        assert_eq!(kind_of(d, label), kind, "{label}");
    }
    let managed = d.nodes.iter().filter(|n| n.is_managed()).count();
    assert_eq!(
        managed, 14,
        "every AWS service but the elastic IP is managed"
    );
    let eip = d
        .nodes
        .iter()
        .find(|n| n.label == "Elastic IP")
        .expect("eip");
    let origin = eip
        .props
        .origin
        .as_deref()
        .expect("a generic node keeps its origin");
    assert_eq!(
        origin.icon.as_deref(),
        Some("mxgraph.aws4.elastic_ip_address")
    );
    // S3 → Lambda and SQS → Lambda are event triggers; API → SQS is an async message.
    let kind = |from: &str, to: &str| {
        d.edges
            .iter()
            .find(|e| e.from.as_str() == from && e.to.as_str() == to)
            .map(|e| e.kind)
    };
    assert_eq!(kind("uploads", "handler"), Some(EdgeKind::EventTrigger));
    assert_eq!(kind("jobs", "handler"), Some(EdgeKind::EventTrigger));
    assert_eq!(kind("api", "jobs"), Some(EdgeKind::AsyncMessage));
    let text = i.report.text();
    assert!(
        text.contains("\"Uploads\" (style mxgraph.aws4.s3) → object storage `uploads`"),
        "{text}"
    );
    assert!(
        text.contains("Kept generic (no fitting kind) (1):"),
        "{text}"
    );
}

#[test]
fn groups_contain_by_parent_and_by_geometry() {
    let d = import("drawio/groups.drawio").design;
    let kinds = container_kinds(&d);
    assert_eq!(kinds.get(&ContainerKind::Vpc), Some(&1));
    assert_eq!(kinds.get(&ContainerKind::PublicSubnet), Some(&1));
    // The unlabelled subnet is private by its aws4 colour.
    assert_eq!(kinds.get(&ContainerKind::PrivateSubnet), Some(&1));
    assert_eq!(container_of(&d, "Web LB"), Some("public_subnet"));
    // Drawn inside the private subnet without being its child: inside it by geometry, and the
    // "Team Orders" band drawn across it holds the app server.
    assert_eq!(container_of(&d, "App server"), Some("team_orders"));
    assert_eq!(container_of(&d, "Main DB"), Some("private_subnet"));
    let band = d.container("team_orders").expect("band");
    assert_eq!(
        band.parent.as_ref().map(|p| p.as_str()),
        Some("private_subnet")
    );
    let subnet = d.container("private_subnet").expect("subnet");
    assert_eq!(subnet.parent.as_ref().map(|p| p.as_str()), Some("prod_vpc"));
    // Every member is drawn inside its container.
    for n in &d.nodes {
        if let Some(c) = &n.container {
            let rect = d.container(c.as_str()).expect("container").rect;
            assert!(
                rect.contains_rect(&archway::geometry::node_rect(n)),
                "{} is drawn outside {c}",
                n.id
            );
        }
    }
}

#[test]
fn loose_ends_attach_or_are_reported_dangling() {
    let i = import("drawio/loose-ends.drawio");
    let d = &i.design;
    assert_eq!(d.edges.len(), 1, "{:?}", d.edges);
    assert_eq!(d.edges[0].from.as_str(), "api");
    assert_eq!(d.edges[0].to.as_str(), "work_queue");
    assert_eq!(d.edges[0].kind, EdgeKind::AsyncMessage);
    let attached: Vec<_> = i.report.lines_of(LineKind::Attached).collect();
    assert_eq!(attached.len(), 1);
    assert!(attached[0].text.contains("attached to `work_queue`"));
    assert_eq!(attached[0].source.id.as_deref(), Some("near"));
    let dangling: Vec<_> = i.report.lines_of(LineKind::Dangling).collect();
    assert_eq!(dangling.len(), 1);
    assert_eq!(dangling[0].source.id.as_deref(), Some("far"));
    // An edge with neither a source nor a start point cannot even be placed.
    let skipped: Vec<_> = i.report.lines_of(LineKind::Skipped).collect();
    assert!(
        skipped
            .iter()
            .any(|l| l.source.id.as_deref() == Some("none") && l.text.contains("dangling")),
        "{skipped:?}"
    );
}

#[test]
fn malformed_xml_is_an_error_with_line_and_column() {
    let err = import::import_file(
        &fixture("drawio/malformed.drawio"),
        None,
        &PageChoice::First,
    )
    .unwrap_err();
    assert_eq!(err.error.line, Some(5));
    assert!(err.error.column.is_some());
    let text = err.to_string();
    assert!(text.contains("malformed.drawio:5:"), "{text}");
    assert!(text.contains("malformed XML"), "{text}");
}

#[test]
fn diagrams_embedded_in_svg_and_png_are_read() {
    for name in ["drawio/embedded.drawio.svg", "drawio/embedded.drawio.png"] {
        let d = import(name).design;
        assert_eq!(d.nodes.len(), 2, "{name}");
        assert_eq!(kind_of(&d, "MySQL"), NodeKind::SqlDb, "{name}");
        assert_eq!(d.edges.len(), 1, "{name}");
    }
}

/// Imports a real diagram, checks that at least 90 % of what it draws is kept and that the
/// critique runs on it, and returns it.
fn real(name: &str) -> Imported {
    let i = import(&format!("real/drawio/{name}"));
    assert!(
        i.report.kept_ratio() >= 0.9,
        "{name} keeps only {:.0}%:\n{}",
        i.report.kept_ratio() * 100.0,
        i.report.text()
    );
    let report = Analysis::at(&i.design, i.design.review_level).report;
    assert!(
        !report.findings.is_empty(),
        "{name}: the critique found nothing"
    );
    i
}

/// AWS SaaS example: counted by hand in the file, 18 shapes (4 M4 and 4 M3 instances, 2 load
/// balancers, S3, a user, Route 53, an SSL padlock, CloudFront, 2 RDS databases, static
/// resources) and 23 edges; the 4 AZ and auto-scaling groups; 5 free-text annotations.
#[test]
fn real_aws_saas_example() {
    let i = real("jgraph-drawio-diagrams__aws-saas-example.drawio");
    let d = &i.design;
    assert_eq!(
        by_kind(d),
        BTreeMap::from([
            ("app_server", 8),
            ("cdn", 1),
            ("client", 1),
            ("dns", 1),
            ("generic", 2),
            ("load_balancer", 2),
            ("object_storage", 1),
            ("sql_db", 2),
        ])
    );
    assert_eq!(
        container_kinds(d),
        BTreeMap::from([
            (ContainerKind::AvailabilityZone, 2),
            (ContainerKind::AutoScalingGroup, 2),
        ])
    );
    assert_eq!(d.edges.len(), 23);
    assert_eq!(i.report.lines_of(LineKind::Skipped).count(), 5);
    // "Cross-AZ Replication" is an edge-label child of the RDS master → slave edge.
    let replication = d
        .edges
        .iter()
        .find(|e| e.kind == EdgeKind::Replication)
        .expect("the replication edge");
    assert_eq!(replication.label, "Cross-AZ Replication");
    assert_eq!(
        (replication.from.as_str(), replication.to.as_str()),
        ("rds_master", "rds_slave")
    );
    assert_eq!(d.provider, Some(Provider::Aws));
}

/// AWS simple architecture: 11 icons and 12 groups, no edges at all. Groups are drawn around
/// their members without being their parents, so the nesting is all by geometry; the
/// "Databases" and "Front End" bands cut across both zones and yield to them.
#[test]
fn real_aws_simple_architecture() {
    let i = real("jgraph-drawio-diagrams__aws-simple-architecture.drawio");
    let d = &i.design;
    assert_eq!(
        by_kind(d),
        BTreeMap::from([
            ("app_server", 4),
            ("client", 1),
            ("generic", 2),
            ("internet_gateway", 1),
            ("load_balancer", 1),
            ("sql_db", 2),
        ])
    );
    assert_eq!(
        container_kinds(d),
        BTreeMap::from([
            (ContainerKind::Vpc, 1),
            (ContainerKind::AvailabilityZone, 2),
            (ContainerKind::PublicSubnet, 2),
            (ContainerKind::PrivateSubnet, 2),
            (ContainerKind::CloudAccount, 1),
            (ContainerKind::AutoScalingGroup, 2),
            (ContainerKind::Group, 2),
        ])
    );
    assert!(d.edges.is_empty());
    assert_eq!(container_of(d, "Primary"), Some("private_subnet_1"));
    assert_eq!(
        container_of(d, "Confluence Cluster 2"),
        Some("auto_scaling_group_2")
    );
    let asg = d.container("auto_scaling_group_2").expect("asg");
    assert_eq!(
        asg.parent.as_ref().map(|p| p.as_str()),
        Some("private_subnet_2")
    );
    let subnet = d.container("private_subnet_2").expect("subnet");
    assert_eq!(
        subnet.parent.as_ref().map(|p| p.as_str()),
        Some("availability_zone_2")
    );
}

/// Azure template: 36 shapes (counted: 6 computers, 6 VMs, 3 load balancers, 3 gateways, 2
/// locks, 3 web icons, a firewall, a cloud, and the legend's 11 icons), 12 boxes drawn around
/// others plus the Azure and on-premises groups, 15 edges; 17 "+", "A/B/C" and title texts
/// and 3 legend lines skipped.
#[test]
fn real_azure_template() {
    let i = real("jgraph-drawio__template-azure_1.xml");
    let d = &i.design;
    assert_eq!(d.nodes.len(), 36);
    assert_eq!(d.containers.len(), 14);
    assert_eq!(d.edges.len(), 15);
    let kinds = by_kind(d);
    assert_eq!(kinds.get("client"), Some(&7));
    assert_eq!(kinds.get("load_balancer"), Some(&3));
    assert_eq!(kinds.get("generic"), Some(&10));
    let containers = container_kinds(d);
    assert_eq!(containers.get(&ContainerKind::CloudAccount), Some(&1));
    assert_eq!(containers.get(&ContainerKind::OnPremDataCenter), Some(&1));
    assert_eq!(i.report.lines_of(LineKind::Skipped).count(), 20);
    assert_eq!(d.provider, Some(Provider::Azure));
}

/// GCP gaming backend: cards (a box holding one icon) are one component each; the GCP logo in
/// the platform group's corner makes it a cloud account; "Game Database" is a group by
/// geometry that edges end at; the title banner is the design's title.
#[test]
fn real_gcp_gaming_backend() {
    let i = real("jgraph-drawio__template-gcp_gaming_backend_database.xml");
    let d = &i.design;
    assert_eq!(d.metadata.title, "Architecture: Gaming > Backend Database");
    assert_eq!(
        by_kind(d),
        BTreeMap::from([
            ("app_server", 2),
            ("client", 1),
            ("data_warehouse", 1),
            ("nosql_db", 1),
            ("sql_db", 1),
        ])
    );
    assert_eq!(
        container_kinds(d),
        BTreeMap::from([(ContainerKind::CloudAccount, 1), (ContainerKind::Group, 1)])
    );
    assert_eq!(d.edges.len(), 8);
    assert_eq!(container_of(d, "Cloud SQL"), Some("game_database"));
    assert!(
        d.edges.iter().any(|e| e.to.as_str() == "game_database"),
        "an edge ends at the group"
    );
}

/// Cut-off, corrupted and hostile files are errors or smaller designs, never a panic or a hang.
#[test]
fn damaged_files_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut files = Vec::new();
    for sub in ["drawio", "real/drawio"] {
        for entry in std::fs::read_dir(dir.join(sub)).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e != "md") {
                files.push(path);
            }
        }
    }
    for path in files {
        let bytes = std::fs::read(&path).expect("read");
        let step = (bytes.len() / 25).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let _ = import::import_bytes(&path, &bytes[..cut], None, &PageChoice::First);
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0x55;
            let _ = import::import_bytes(&path, &flipped, None, &PageChoice::First);
        }
    }
    // A chain of 2,000 cells each the parent of the next (deeper than a design may nest), and
    // two cells that are each other's parent.
    let mut cells = String::from("<mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>");
    for i in 0..2_000 {
        let parent = if i == 0 {
            "1".to_owned()
        } else {
            format!("c{}", i - 1)
        };
        cells.push_str(&format!(
            "<mxCell id=\"c{i}\" value=\"box {i}\" style=\"container=1;\" vertex=\"1\" parent=\"{parent}\"><mxGeometry x=\"1\" y=\"1\" width=\"10\" height=\"10\" as=\"geometry\"/></mxCell>"
        ));
    }
    cells.push_str("<mxCell id=\"x\" value=\"x\" vertex=\"1\" parent=\"y\"/><mxCell id=\"y\" value=\"y\" vertex=\"1\" parent=\"x\"/>");
    let text = format!(
        "<mxfile><diagram name=\"deep\"><mxGraphModel><root>{cells}</root></mxGraphModel></diagram></mxfile>"
    );
    let deep = import::import_bytes(
        Path::new("deep.drawio"),
        text.as_bytes(),
        None,
        &PageChoice::First,
    )
    .expect("a deep chain imports, flattened");
    assert_eq!(deep.design.containers.len(), 2_002);
}

/// Archway → draw.io → Archway keeps every node's kind, every container's kind, where each
/// node and container sits, and every connection, for every shipped template. The export names
/// each kind in its style (`archwayKind=…`); cells are matched by the export's cell ids, which the
/// import report keeps as each line's source.
#[test]
fn templates_survive_a_drawio_round_trip() {
    for t in archway::templates::ALL {
        let design = t.design().expect("template loads");
        let text = archway::export::drawio::render(&design);
        let back = import::import_bytes(
            Path::new("round-trip.drawio"),
            text.as_bytes(),
            Some(SourceFormat::DrawIo),
            &PageChoice::First,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", t.name));
        let new_id: std::collections::HashMap<String, String> = back
            .report
            .lines
            .iter()
            .filter_map(|l| Some((l.source.id.clone()?, l.target.as_ref()?.id().to_owned())))
            .collect();
        let cell = |prefix: &str, id: &str| {
            new_id
                .get(&format!("{prefix}-{id}"))
                .unwrap_or_else(|| panic!("{}: {prefix} {id} was not imported", t.name))
                .clone()
        };
        let d = &back.design;
        assert_eq!(d.nodes.len(), design.nodes.len(), "{}", t.name);
        assert_eq!(d.containers.len(), design.containers.len(), "{}", t.name);
        for c in &design.containers {
            let got = d
                .container(&cell("container", c.id.as_str()))
                .expect("container");
            assert_eq!(got.kind, c.kind, "{}: container {}", t.name, c.id);
            let parent = c.parent.as_ref().map(|p| cell("container", p.as_str()));
            assert_eq!(
                got.parent.as_ref().map(|p| p.0.clone()),
                parent,
                "{}: container {}",
                t.name,
                c.id
            );
        }
        for n in &design.nodes {
            let got = d.node(&cell("node", n.id.as_str())).expect("node");
            assert_eq!(got.kind, n.kind, "{}: node {}", t.name, n.id);
            let container = n.container.as_ref().map(|c| cell("container", c.as_str()));
            assert_eq!(
                got.container.as_ref().map(|c| c.0.clone()),
                container,
                "{}: node {}",
                t.name,
                n.id
            );
        }
        assert_eq!(d.edges.len(), design.edges.len(), "{}", t.name);
        let end = |id: &str| {
            if design.container(id).is_some() {
                cell("container", id)
            } else {
                cell("node", id)
            }
        };
        for e in &design.edges {
            let (from, to) = (end(e.from.as_str()), end(e.to.as_str()));
            assert!(
                d.edges
                    .iter()
                    .any(|b| b.from.as_str() == from && b.to.as_str() == to),
                "{}: edge {} ({from} → {to}) was lost",
                t.name,
                e.id
            );
        }
    }
}
