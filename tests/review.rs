//! The review module: the design diff (`archway diff`, git revisions, the git diff driver) and
//! the what-if analysis of failures and traffic (`archway whatif`), on the templates and on small
//! hand-built designs.

use archway::critique::Analysis;
use archway::model::props::{Failover, StandbyMode};
use archway::model::{
    Container, ContainerKind, Design, Edge, EdgeKind, Node, NodeId, NodeKind, Pos, Protocol, Rect,
    ReviewLevel, file,
};
use archway::review::diff::{self, Change};
use archway::review::failure::{self, Loss, TABLE};
use archway::review::whatif::{Target, Verdict, WhatIf};
use archway::templates;
use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::Path;

fn archway() -> Command {
    Command::cargo_bin("archway").expect("binary built")
}

fn template(name: &str) -> Design {
    templates::ALL
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no template {name}"))
        .design()
        .expect("template parses")
}

fn template_path(name: &str) -> String {
    format!(
        "{}/templates/{name}.archway.ron",
        env!("CARGO_MANIFEST_DIR")
    )
}

// ---------- diff ----------

/// Each LinkPulse "after" stage against the stage before it lists, among the fixed findings,
/// the rules the story's fix clears (the "Cleared" line of each stage; the LinkPulse chapters
/// of the templates' specification).
#[test]
fn linkpulse_steps_fix_the_rules_the_story_says() {
    let steps: &[(&str, &str, &[&str])] = &[
        (
            "linkpulse-1-launch",
            "linkpulse-2-https",
            &["TLS-PUBLIC-PLAINTEXT"],
        ),
        (
            "linkpulse-4-hot-trending-query",
            "linkpulse-5-redis-cache",
            &["CACHE-MISSING-READ-HEAVY"],
        ),
        (
            "linkpulse-6-thumbnails-in-db",
            "linkpulse-7-s3-and-cdn",
            &["DB-BLOBS-IN-DATABASE", "GEO-NO-LOCALITY"],
        ),
        (
            "linkpulse-7-s3-and-cdn",
            "linkpulse-8-load-balancer",
            &["SPOF-SINGLE-INSTANCE"],
        ),
        (
            "linkpulse-9-email-in-request",
            "linkpulse-10-email-queue",
            &["SYNC-SLOW-SIDE-EFFECT"],
        ),
        (
            "linkpulse-11-read-replicas",
            "linkpulse-12-read-your-writes",
            &["REPL-NO-READ-YOUR-WRITES"],
        ),
        (
            "linkpulse-13-share-without-tx",
            "linkpulse-14-share-in-tx",
            &["ACID-MULTI-WRITE-NO-TX"],
        ),
        (
            "linkpulse-15-range-shards",
            "linkpulse-16-hash-shards",
            &["SHARD-HOTSPOT-RISK"],
        ),
        (
            "linkpulse-17-push-fanout",
            "linkpulse-18-hybrid-fanout",
            &["FANOUT-PUSH-LARGE-AUDIENCE"],
        ),
        (
            "linkpulse-18-hybrid-fanout",
            "linkpulse-19-jwt",
            &["AUTH-UNSIGNED-IDENTITY", "WEB-XSS-CSRF", "CACHE-NO-TTL"],
        ),
        (
            "linkpulse-19-jwt",
            "linkpulse-20-parameterized-queries",
            &["INJECTION-STRING-QUERY"],
        ),
        (
            "linkpulse-21-teams-without-authz",
            "linkpulse-22-rbac",
            &["AUTHZ-MISSING"],
        ),
        (
            "linkpulse-23-tenant-filter-in-app",
            "linkpulse-24-row-level-security",
            &["TENANT-NO-DB-ENFORCEMENT"],
        ),
        (
            "linkpulse-25-login-ddos",
            "linkpulse-26-rate-limit-and-waf",
            &["RATE-LIMIT-MISSING", "CDN-MISSING-FOR-STATIC"],
        ),
    ];
    for (before, after, cleared) in steps {
        let d = diff::diff(&template(before), &template(after), None);
        let fixed: BTreeSet<&str> = d.findings.fixed.iter().map(|f| f.rule).collect();
        let introduced: BTreeSet<&str> = d.findings.introduced.iter().map(|f| f.rule).collect();
        for rule in *cleared {
            assert!(
                fixed.contains(rule),
                "{before} → {after}: {rule} not fixed; fixed {fixed:?}"
            );
            assert!(
                !introduced.contains(rule) || *rule == "SPOF-SINGLE-INSTANCE",
                "{before} → {after}: {rule} both fixed and introduced"
            );
        }
        assert!(!d.is_empty());
    }
    // The load balancer step clears R36 for `node_api` in particular (matched by component).
    let d = diff::diff(
        &template("linkpulse-7-s3-and-cdn"),
        &template("linkpulse-8-load-balancer"),
        None,
    );
    assert!(
        d.findings
            .fixed
            .iter()
            .any(|f| f.rule == "SPOF-SINGLE-INSTANCE"
                && f.nodes.iter().any(|n| n.as_str() == "node_api"))
    );
    assert!(
        d.nodes
            .iter()
            .any(|n| n.id == "alb" && n.change == Change::Added)
    );
    assert!(d.nodes.iter().any(|n| {
        n.id == "node_api"
            && n.props
                .iter()
                .any(|p| p.text() == "instances 1 → 3" || p.text() == "instances unset → 3")
    }));
}

#[test]
fn a_regrouped_finding_stays_open_rather_than_fixed_and_introduced() {
    // Step 10 adds a worker that makes calls, so the missing timeouts are one design-wide
    // finding instead of one for `node_api`: the same problem, still open.
    let d = diff::diff(
        &template("linkpulse-9-email-in-request"),
        &template("linkpulse-10-email-queue"),
        None,
    );
    let rules = |fs: &[archway::critique::Finding]| -> BTreeSet<&'static str> {
        fs.iter().map(|f| f.rule).collect()
    };
    assert!(!rules(&d.findings.fixed).contains("TIMEOUT-MISSING"));
    assert!(!rules(&d.findings.introduced).contains("TIMEOUT-MISSING"));
    assert!(rules(&d.findings.still_open).contains("TIMEOUT-MISSING"));
    assert!(rules(&d.findings.fixed).contains("SYNC-SLOW-SIDE-EFFECT"));
}

#[test]
fn identical_designs_have_no_changes_and_exit_0() {
    let d = diff::diff(&template("chat"), &template("chat"), None);
    assert!(d.is_empty());
    let path = template_path("chat");
    let out = archway()
        .args(["diff", &path, &path])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("no changes"));
}

#[test]
fn property_changes_moves_and_containers_are_reported_by_id() {
    let old = template("url-shortener");
    let mut new = old.clone();
    let find = |d: &mut Design, id: &str| {
        d.nodes
            .iter()
            .position(|n| n.id.as_str() == id)
            .expect("node")
    };
    let s = find(&mut new, "shortener");
    new.nodes[s].props.instances = Some(5);
    new.nodes[s].pos.x += 40.0;
    let c = find(&mut new, "url_cache");
    new.nodes[c].pos.y += 100.0;
    let k = find(&mut new, "kms");
    new.nodes[k].pos.y += 100.0;
    let e = new
        .edges
        .iter()
        .position(|e| e.props.tls == Some(true))
        .expect("a TLS edge");
    new.edges[e].props.tls = Some(false);
    let db = find(&mut new, "url_db_standby");
    let primary = find(&mut new, "url_db");
    let other = new.nodes[primary].container.clone();
    new.nodes[db].container = other;
    let d = diff::diff(&old, &new, None);
    assert_eq!(d.moved_nodes, 2, "url_cache and kms only moved");
    let shortener = d
        .nodes
        .iter()
        .find(|n| n.id == "shortener")
        .expect("changed");
    assert_eq!(
        shortener.props.iter().map(|p| p.text()).collect::<Vec<_>>(),
        vec!["instances 3 → 5"]
    );
    let edge = &d.edges[0];
    assert_eq!(edge.props[0].text(), "tls on → off");
    let standby = d
        .nodes
        .iter()
        .find(|n| n.id == "url_db_standby")
        .expect("moved");
    assert_eq!(standby.props[0].name, "container");
    let text = archway::review::render::text(&d, "a", "b");
    assert!(text.contains("2 components moved on the canvas"), "{text}");
    assert!(text.contains("moved from `"), "{text}");
}

#[test]
fn a_change_that_introduces_an_error_exits_1_and_a_broken_side_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = template("url-shortener");
    let mut new = old.clone();
    let db = new
        .nodes
        .iter_mut()
        .find(|n| n.id.as_str() == "url_db")
        .expect("db");
    db.props.standby = Some(StandbyMode::None);
    db.props.provider_redundant = None;
    db.props.managed = None;
    new.edges.retain(|e| e.kind != EdgeKind::Replication);
    let (a, b) = (
        dir.path().join("a.archway.ron"),
        dir.path().join("b.archway.ron"),
    );
    file::save(&old, &a).expect("save");
    file::save(&new, &b).expect("save");
    let out = archway()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("SPOF-DB"), "{text}");
    archway().arg("diff").arg(&b).arg(&a).assert().success();
    let md = archway()
        .args(["diff", "--format", "markdown"])
        .arg(&a)
        .arg(&b)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&md).contains("### Introduced"));
    let json = archway()
        .args(["diff", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).expect("json");
    assert!(
        v["diff"]["findings"]["introduced"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    std::fs::write(
        dir.path().join("broken.archway.ron"),
        "(version: 1, nodes: [",
    )
    .expect("write");
    archway()
        .arg("diff")
        .arg(&a)
        .arg(dir.path().join("broken.archway.ron"))
        .assert()
        .code(2);
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .expect("git runs")
        .success();
    assert!(ok, "git {args:?} failed");
}

fn repo_with_two_versions() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    git(dir.path(), &["init", "-q"]);
    let sub = dir.path().join("designs");
    std::fs::create_dir(&sub).expect("mkdir");
    let path = sub.join("shop.archway.ron");
    std::fs::copy(template_path("linkpulse-1-launch"), &path).expect("copy");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "launch"]);
    std::fs::copy(template_path("linkpulse-2-https"), &path).expect("copy");
    (dir, path)
}

#[test]
fn a_side_can_be_a_git_revision() {
    let (dir, path) = repo_with_two_versions();
    let rev = format!("HEAD:{}", path.display());
    let out = archway()
        .current_dir(dir.path())
        .arg("diff")
        .arg(&rev)
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("fixed") && text.contains("TLS-PUBLIC-PLAINTEXT"),
        "{text}"
    );
    // Relative to the current folder, as `git show` users expect.
    archway()
        .current_dir(dir.path().join("designs"))
        .args(["diff", "HEAD:shop.archway.ron", "shop.archway.ron"])
        .assert()
        .success();
    let err = archway()
        .current_dir(dir.path())
        .args([
            "diff",
            "nosuchrev:designs/shop.archway.ron",
            "designs/shop.archway.ron",
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&err).contains("git cannot show it"));
}

/// The README's git diff driver set-up: `.gitattributes` names the driver and
/// `diff.archway.textconv` runs `archway diff --textconv`; `git diff` then shows what changed
/// in the design instead of RON text.
#[test]
fn git_diff_through_the_textconv_driver() {
    let (dir, _path) = repo_with_two_versions();
    std::fs::write(
        dir.path().join(".gitattributes"),
        "*.archway.ron diff=archway\n",
    )
    .expect("write");
    let bin = assert_cmd::cargo::cargo_bin("archway");
    git(
        dir.path(),
        &[
            "config",
            "diff.archway.textconv",
            &format!("'{}' diff --textconv", bin.display()),
        ],
    );
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir.path())
        .args(["diff", "--no-color", "--", "designs/shop.archway.ron"])
        .output()
        .expect("git diff");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("-finding error TLS-PUBLIC-PLAINTEXT"),
        "the fixed finding is a removed line:\n{text}"
    );
    assert!(
        text.contains("+  protocol HTTPS") || text.contains("protocol"),
        "{text}"
    );
    assert!(
        !text.contains("pos:"),
        "positions are not part of the rendering:\n{text}"
    );
}

// ---------- failure semantics ----------

/// A small design: a user, a managed load balancer, an app fleet and a database, in one region
/// with zones `az-a` and `az-b`.
fn small() -> Design {
    let mut d = Design::empty("small");
    d.review_level = ReviewLevel::Production;
    let rect = Rect::new(0.0, 0.0, 400.0, 400.0);
    for (id, kind, parent) in [
        ("r1", ContainerKind::Region, None),
        ("az-a", ContainerKind::AvailabilityZone, Some("r1")),
        ("az-b", ContainerKind::AvailabilityZone, Some("r1")),
    ] {
        d.containers.push(Container {
            id: archway::model::ContainerId(id.into()),
            kind,
            label: String::new(),
            rect,
            parent: parent.map(|p| archway::model::ContainerId(p.into())),
            geo: None,
            props: Default::default(),
        });
    }
    let mut node = |id: &str, kind: NodeKind, zone: Option<&str>| {
        let mut n = Node::new(id, kind, Pos::new(0.0, 0.0));
        n.container = zone.map(|z| archway::model::ContainerId(z.into()));
        d.nodes.push(n);
    };
    node("user", NodeKind::Client, None);
    node("lb", NodeKind::LoadBalancer, Some("az-a"));
    node("app", NodeKind::AppServer, Some("az-a"));
    node("db", NodeKind::SqlDb, Some("az-a"));
    d.nodes[1].props.provider_redundant = Some(true);
    let mut edge = |id: &str, from: &str, to: &str, kind: EdgeKind, label: &str| {
        let mut e = Edge::new(id, from, to, kind, Some(Protocol::Https));
        e.label = label.into();
        d.edges.push(e);
    };
    edge("e1", "user", "lb", EdgeKind::SyncRequest, "GET /items");
    edge("e2", "lb", "app", EdgeKind::SyncRequest, "");
    edge("e3", "app", "db", EdgeKind::Read, "");
    d
}

fn node_mut<'a>(d: &'a mut Design, id: &str) -> &'a mut Node {
    d.nodes
        .iter_mut()
        .find(|n| n.id.as_str() == id)
        .expect("node")
}

fn verdict(d: &Design, ids: &[&str]) -> (Verdict, Vec<String>) {
    let w = WhatIf::new(d);
    let t = w.targets(ids).expect("ids");
    let out = w.fail(&t);
    let f = &out.flows[0];
    (f.verdict, f.reasons.clone())
}

#[test]
fn failing_the_only_database_breaks_the_flow_that_uses_it() {
    let d = small();
    let (v, why) = verdict(&d, &["db"]);
    assert_eq!(v, Verdict::Breaks);
    assert!(
        why[0].contains("`db` is down: it has no standby"),
        "{why:?}"
    );
}

#[test]
fn failing_one_of_two_app_servers_degrades_and_survivors_carry_the_load() {
    let mut d = small();
    node_mut(&mut d, "app").props.instances = Some(2);
    assert_eq!(verdict(&d, &["app"]).0, Verdict::Degraded);
    // Two nodes of one fleet behind the load balancer: the same.
    let mut d = small();
    let mut b = d.nodes[2].clone();
    b.id = NodeId("app_b".into());
    d.nodes.push(b);
    for n in ["app", "app_b"] {
        node_mut(&mut d, n).props.fleet = Some("api".into());
    }
    d.edges
        .push(Edge::new("e2b", "lb", "app_b", EdgeKind::SyncRequest, None));
    d.edges
        .push(Edge::new("e3b", "app_b", "db", EdgeKind::Read, None));
    assert_eq!(verdict(&d, &["app_b"]).0, Verdict::Degraded);
    // A fleet of 3 losing one: each survivor at 150 % of its previous load.
    let mut d = small();
    node_mut(&mut d, "app").props.instances = Some(3);
    let w = WhatIf::new(&d);
    let out = w.fail(&w.targets(&["app"]).expect("id"));
    assert_eq!(out.survivors.len(), 1);
    assert!((out.survivors[0].factor - 1.5).abs() < 1e-9);
}

#[test]
fn survivors_above_capacity_break_the_flow() {
    let mut d = small();
    d.workload.concurrent_peak = Some(40_000);
    let app = node_mut(&mut d, "app");
    app.props.instances = Some(2);
    app.props.tier = Some("m5.large".into());
    let w = WhatIf::new(&d);
    let app_ix = w.index.node_index("app").expect("app");
    let u = w.estimate.nodes[app_ix].utilisation;
    let out = w.fail(&[Target::Node(app_ix)]);
    match u {
        Some(u) if u * 2.0 > 1.0 => assert_eq!(out.flows[0].verdict, Verdict::Breaks, "{out:?}"),
        _ => assert_eq!(out.flows[0].verdict, Verdict::Degraded, "{out:?}"),
    }
}

#[test]
fn failing_a_zone_breaks_a_single_zone_design_and_degrades_a_multi_zone_one() {
    let d = small();
    let (v, why) = verdict(&d, &["az-a"]);
    assert_eq!(v, Verdict::Breaks);
    assert!(why.iter().any(|w| w.contains("only in `az-a`")), "{why:?}");

    let mut d = small();
    let app = node_mut(&mut d, "app");
    app.props.instances = Some(2);
    app.props.az_count = Some(2);
    let db = node_mut(&mut d, "db");
    db.props.standby = Some(StandbyMode::Sync);
    db.props.failover = Some(Failover::Automatic);
    db.props.az_count = Some(2);
    let (v, why) = verdict(&d, &["az-a"]);
    assert_eq!(v, Verdict::Degraded, "{why:?}");
    // Nothing the flow uses runs in the other zone alone (the standby is not drawn).
    assert_eq!(verdict(&d, &["az-b"]).0, Verdict::Works);
}

#[test]
fn a_failed_connection_breaks_what_only_it_reaches() {
    let d = small();
    let (v, why) = verdict(&d, &["e3"]);
    assert_eq!(v, Verdict::Breaks);
    assert!(why[0].contains("every path to it goes through"), "{why:?}");
    assert_eq!(verdict(&d, &["e1"]).0, Verdict::Breaks);
}

#[test]
fn a_queue_buffers_while_its_consumer_is_down() {
    let mut d = small();
    let mut q = Node::new("jobs", NodeKind::MessageQueue, Pos::new(0.0, 0.0));
    q.props.provider_redundant = Some(true);
    d.nodes.push(q);
    d.nodes
        .push(Node::new("mailer", NodeKind::Worker, Pos::new(0.0, 0.0)));
    d.edges
        .push(Edge::new("e4", "app", "jobs", EdgeKind::AsyncMessage, None));
    d.edges.push(Edge::new(
        "e5",
        "jobs",
        "mailer",
        EdgeKind::AsyncMessage,
        None,
    ));
    let w = WhatIf::new(&d);
    let out = w.fail(&w.targets(&["mailer"]).expect("id"));
    assert_eq!(out.flows[0].verdict, Verdict::Degraded, "{out:?}");
    assert!(out.buffering[0].contains("`jobs` buffers"), "{out:?}");
}

/// One test per row of the failure semantics: a node the row applies to, and what losing it
/// does.
#[test]
fn every_failure_semantics_row_applies_where_it_says() {
    let mut d = small();
    let add = |d: &mut Design, id: &str, kind: NodeKind| {
        d.nodes.push(Node::new(id, kind, Pos::new(0.0, 0.0)));
    };
    add(&mut d, "dns", NodeKind::Dns);
    add(&mut d, "nat", NodeKind::NatGateway);
    add(&mut d, "auto_db", NodeKind::SqlDb);
    add(&mut d, "manual_db", NodeKind::SqlDb);
    add(&mut d, "promo_db", NodeKind::SqlDb);
    add(&mut d, "promo_replica", NodeKind::ReadReplica);
    add(&mut d, "cassandra", NodeKind::NosqlDb);
    add(&mut d, "fleet", NodeKind::AppServer);
    add(&mut d, "front_cache", NodeKind::Cache);
    add(&mut d, "replica", NodeKind::ReadReplica);
    add(&mut d, "broker", NodeKind::Stream);
    add(&mut d, "lonely", NodeKind::Worker);
    node_mut(&mut d, "auto_db").props.standby = Some(StandbyMode::Sync);
    node_mut(&mut d, "auto_db").props.failover = Some(Failover::Automatic);
    node_mut(&mut d, "manual_db").props.standby = Some(StandbyMode::Async);
    node_mut(&mut d, "manual_db").props.failover = Some(Failover::Manual);
    node_mut(&mut d, "promo_db").props.failover = Some(Failover::Automatic);
    node_mut(&mut d, "promo_replica").props.promotable = Some(true);
    d.edges.push(Edge::new(
        "rep",
        "promo_db",
        "promo_replica",
        EdgeKind::Replication,
        None,
    ));
    node_mut(&mut d, "cassandra").props.replication_factor = Some(3);
    node_mut(&mut d, "fleet").props.instances = Some(4);
    node_mut(&mut d, "front_cache").props.backs = Some(vec![NodeId("db".into())]);
    let expected = [
        ("client", "user"),
        ("provider_redundant", "lb"),
        ("edge_service", "dns"),
        ("nat_gateway", "nat"),
        ("standby_automatic", "auto_db"),
        ("standby_manual", "manual_db"),
        ("promotable_replica", "promo_db"),
        ("replication_factor", "cassandra"),
        ("fleet", "fleet"),
        ("cache_in_front", "front_cache"),
        ("read_replica", "replica"),
        ("single_database", "db"),
        ("single_broker", "broker"),
        ("single_instance", "lonely"),
    ];
    assert_eq!(
        expected.iter().map(|(row, _)| *row).collect::<Vec<_>>(),
        TABLE.iter().map(|e| e.name).collect::<Vec<_>>(),
        "one case per row, in table order"
    );
    let ix = archway::index::Index::new(&d);
    for (row, id) in expected {
        let n = ix.node_index(id).expect("node");
        let entry = failure::entry(&ix, n);
        assert_eq!(entry.name, row, "`{id}`");
        let want_break = matches!(entry.loss, Loss::Outage(_));
        assert_eq!(
            want_break,
            matches!(
                row,
                "standby_manual" | "single_database" | "single_broker" | "single_instance"
            ),
            "{row}"
        );
        assert!(!entry.what.is_empty() && !entry.guide.is_empty());
    }
}

// ---------- chaos against the rules ----------

/// `--chaos` on every template (the walkthroughs and the LinkPulse stages): every component whose loss breaks a flow is one a
/// single-point-of-failure rule reports, or one of the explained kinds below; every zone whose
/// loss breaks a flow holds a component that SINGLE-AZ (or a SPOF rule) reports.
#[test]
fn chaos_finds_no_single_point_of_failure_the_rules_miss() {
    const SPOF_RULES: &[&str] = &["SPOF-DB", "SPOF-LB", "SPOF-SINGLE-INSTANCE", "SINGLE-AZ"];
    let mut found = 0;
    for t in templates::ALL {
        let design = t.design().expect("parses");
        let analysis = Analysis::of(&design);
        let flagged: BTreeSet<&str> = analysis
            .report
            .findings
            .iter()
            .filter(|f| SPOF_RULES.contains(&f.rule))
            .flat_map(|f| f.nodes.iter().map(|n| n.as_str()))
            .collect();
        let w = WhatIf::from_analysis(&design, &analysis);
        let hits = w.chaos();
        found += hits.len();
        for hit in hits {
            match hit.what {
                "node" => {
                    let node = design.node(&hit.id).expect("node");
                    // Explained: a worker behind a queue is not on a flow's synchronous path
                    // (its loss degrades); a single read replica or cache in front is bypassed.
                    assert!(
                        flagged.contains(hit.id.as_str()),
                        "{}: chaos finds `{}` ({:?}) a single point of failure that no rule reports: {:?}",
                        t.name,
                        hit.id,
                        node.kind,
                        hit.breaks
                    );
                }
                _ => {
                    let w2 = &w;
                    let zone = w2.index.container_index(&hit.id).expect("zone");
                    let holds_flagged = design.nodes.iter().enumerate().any(|(n, node)| {
                        w2.index.inside(n, zone) && flagged.contains(node.id.as_str())
                    });
                    assert!(
                        holds_flagged,
                        "{}: losing zone `{}` breaks flows but no rule flags anything in it: {:?}",
                        t.name, hit.id, hit.breaks
                    );
                }
            }
        }
    }
    // The LinkPulse stages have real single points of failure (one database, one Redis):
    // the cross-check is not empty.
    assert!(
        found >= 10,
        "chaos found only {found} single points of failure"
    );
}

// ---------- traffic ----------

#[test]
fn traffic_lists_the_first_component_to_saturate() {
    let d = template("url-shortener");
    let w = WhatIf::new(&d);
    let rows = w.traffic(10.0);
    if let Some(first) = rows.first() {
        assert!(
            rows.windows(2)
                .all(|p| p[0].saturates_at <= p[1].saturates_at)
        );
        assert!((first.utilisation - first.utilisation_now * 10.0).abs() < 1e-9);
        assert!(!first.next_step.is_empty());
    }
    archway()
        .args([
            "whatif",
            &template_path("url-shortener"),
            "--traffic",
            "sweep",
        ])
        .assert()
        .success();
}

#[test]
fn whatif_cli_exit_codes() {
    let path = template_path("linkpulse-1-launch");
    let out = archway()
        .args(["whatif", &path, "--fail", "postgres"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("breaks") && text.contains("`postgres` is down"),
        "{text}"
    );
    archway()
        .args(["whatif", &path, "--fail", "nosuch"])
        .assert()
        .code(2);
    archway().args(["whatif", &path]).assert().code(2);
    archway()
        .args([
            "whatif",
            &template_path("url-shortener"),
            "--fail",
            "url_db",
        ])
        .assert()
        .success();
}

// ---------- exports: the failure picture and the diff in a report ----------

#[test]
fn export_fail_draws_the_failure_picture_with_its_legend() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg_path = dir.path().join("failure.svg");
    archway()
        .args([
            "export",
            &template_path("linkpulse-1-launch"),
            "--fail",
            "postgres",
            "-o",
        ])
        .arg(&svg_path)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&svg_path).expect("svg written");
    // The failed database is crossed out in red; the legend names it and the broken flows.
    assert!(
        svg.contains("class=\"overlay-failed\" data-id=\"postgres\""),
        "the failed id is marked"
    );
    assert!(svg.contains("<g class=\"legend\">"), "a legend");
    // The legend names components by their labels, as the boxes do, not by quoted ids.
    assert!(
        svg.contains("What if PostgreSQL fails"),
        "the legend's title"
    );
    assert!(
        svg.contains("failed: PostgreSQL"),
        "the legend names the failed component"
    );
    let legend = &svg[svg.find("<g class=\"legend\">").expect("legend")..];
    assert!(!legend.contains('`'), "no id quoted in backticks: {legend}");
    let launch = template("linkpulse-1-launch");
    let w = WhatIf::new(&launch);
    let out = w.fail(&w.targets(&["postgres"]).expect("id"));
    let broken: Vec<_> = out.broken().collect();
    assert!(!broken.is_empty());
    for f in broken.iter().take(3) {
        let line = format!(
            "breaks {}",
            archway::model::labels::Labels::of(&launch).readable(&f.flow)
        );
        let line = archway::model::escape::xml(&line);
        assert!(svg.contains(&line), "the legend lists {line}");
    }
    // The entry connection of each broken flow is drawn red.
    let lost_edges = svg.matches("<path class=\"overlay-lost\"").count();
    assert!(lost_edges >= 1, "broken flows drawn red");
    // Only the failed component carries the failed mark.
    assert_eq!(svg.matches("class=\"overlay-failed\" data-id=").count(), 1);

    // PNG and PDF draw the same picture.
    for name in ["failure.png", "failure.pdf"] {
        let path = dir.path().join(name);
        archway()
            .args([
                "export",
                &template_path("linkpulse-1-launch"),
                "--fail",
                "postgres",
                "-o",
            ])
            .arg(&path)
            .assert()
            .success();
        let bytes = std::fs::read(&path).expect("written");
        assert!(bytes.len() > 1000, "{name} has content");
    }
}

#[test]
fn export_fail_with_an_unknown_id_exits_2_and_says_which() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("x.svg");
    let err = archway()
        .args([
            "export",
            &template_path("linkpulse-1-launch"),
            "--fail",
            "postgres,nosuch",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&err);
    assert!(
        err.contains("no component, container or connection has the id `nosuch`"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");
    // A format without a picture refuses the flag.
    archway()
        .args([
            "export",
            &template_path("linkpulse-1-launch"),
            "--fail",
            "postgres",
            "-o",
        ])
        .arg(dir.path().join("x.mmd"))
        .assert()
        .code(2);
}

#[test]
fn export_against_puts_the_diff_in_the_html_and_markdown_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let html_path = dir.path().join("review.html");
    archway()
        .args(["export", &template_path("linkpulse-2-https"), "-o"])
        .arg(&html_path)
        .arg("--against")
        .arg(template_path("linkpulse-1-launch"))
        .assert()
        .success();
    let html = std::fs::read_to_string(&html_path).expect("html");
    assert!(
        html.contains("<section class=\"diff\">"),
        "the diff section"
    );
    let fixed = html
        .split("<h3>Fixed findings</h3>")
        .nth(1)
        .expect("a fixed list");
    assert!(
        fixed.contains("TLS-PUBLIC-PLAINTEXT"),
        "the fixed list names the rule the step fixes"
    );
    // The other way round, the same finding is introduced.
    archway()
        .args(["export", &template_path("linkpulse-1-launch"), "-o"])
        .arg(&html_path)
        .arg("--against")
        .arg(template_path("linkpulse-2-https"))
        .assert()
        .success();
    let html = std::fs::read_to_string(&html_path).expect("html");
    let introduced = html
        .split("<h3>Introduced findings</h3>")
        .nth(1)
        .expect("an introduced list");
    assert!(introduced.contains("TLS-PUBLIC-PLAINTEXT"));
    // Markdown: the diff follows the report, and the picture beside it marks the changes.
    let md_path = dir.path().join("review.md");
    archway()
        .args(["export", &template_path("linkpulse-2-https"), "-o"])
        .arg(&md_path)
        .arg("--against")
        .arg(template_path("linkpulse-1-launch"))
        .assert()
        .success();
    let md = std::fs::read_to_string(&md_path).expect("md");
    assert!(md.contains("## Design changes"), "{md}");
    assert!(md.contains("### Fixed"), "{md}");
    let svg = std::fs::read_to_string(dir.path().join("review.svg")).expect("picture");
    assert!(svg.contains("Compared with the other version"));
    // An old side that does not load: exit 2.
    archway()
        .args(["export", &template_path("linkpulse-2-https"), "-o"])
        .arg(&md_path)
        .args(["--against", "missing.archway.ron"])
        .assert()
        .code(2);
}

#[test]
fn export_against_escapes_user_text_and_reads_git_revisions() {
    let (dir, path) = repo_with_two_versions();
    // A new component whose id and label carry markup.
    let mut d = file::load(&path).expect("loads");
    let mut n = Node::new("x<b>y", NodeKind::Worker, Pos::new(2000.0, 0.0));
    n.label = "<script>alert(1)</script>".into();
    d.nodes.push(n);
    file::save(&d, &path).expect("save");
    let html_path = dir.path().join("r.html");
    archway()
        .current_dir(dir.path())
        .args(["export", "designs/shop.archway.ron", "-o"])
        .arg(&html_path)
        .args(["--against", "HEAD:designs/shop.archway.ron"])
        .assert()
        .success();
    let html = std::fs::read_to_string(&html_path).expect("html");
    assert!(
        !html.contains("<script>") && !html.contains("x<b>y"),
        "escaped"
    );
    assert!(html.contains("x&lt;b&gt;y"), "the id is shown, escaped");
    assert!(html.contains("Changes: HEAD:designs/shop.archway.ron"));
    let md_path = dir.path().join("r.md");
    archway()
        .current_dir(dir.path())
        .args(["export", "designs/shop.archway.ron", "-o"])
        .arg(&md_path)
        .args(["--against", "HEAD:designs/shop.archway.ron"])
        .assert()
        .success();
    let md = std::fs::read_to_string(&md_path).expect("md");
    let diff_part = md.split("## Design changes").nth(1).expect("diff section");
    // Ids stay in code spans, where Markdown shows markup as text.
    assert!(!diff_part.contains("<script>"), "{diff_part}");
    assert_eq!(
        diff_part.matches("x<b>y").count(),
        diff_part.matches("`x<b>y`").count(),
        "the id only inside code spans: {diff_part}"
    );
}
