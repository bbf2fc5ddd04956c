//! The critique engine as a user meets it: suppressions, ranking, review levels, the design
//! profile, and the `archway check / rules / explain` commands run as the real binary (text,
//! JSON and SARIF output, exit codes). SARIF output is validated against the official SARIF
//! 2.1.0 JSON schema vendored in `tests/sarif-schema-2.1.0.json`.

use archway::critique::{self, Severity};
use archway::model::{Design, ReviewLevel, file};
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn parse(text: &str) -> Design {
    file::parse(text).unwrap_or_else(|p| panic!("{p:?}"))
}

/// A small production design with one error (SPOF-LB on `nginx`), reached from a client.
const SHOP: &str = r#"#![enable(implicit_some)]
(
    version: 1,
    metadata: (title: "shop"),
    review_level: production,
    nodes: [
        (id: "web", kind: client, pos: (0, 0)),
        (id: "nginx", kind: load_balancer, pos: (200, 0)),
        (id: "api", kind: app_server, pos: (400, 0), props: (instances: 3)),
        (id: "orders", kind: sql_db, pos: (600, 0)),
        (id: "media", kind: sql_db, pos: (600, 200), props: (stores_blobs: true)),
    ],
    edges: [
        (id: "web_nginx", from: "web", to: "nginx", kind: sync_request, protocol: HTTPS),
        (id: "nginx_api", from: "nginx", to: "api", kind: sync_request, protocol: HTTPS),
        (id: "api_orders", from: "api", to: "orders", kind: write, protocol: TCP, props: (tls: true)),
    ],
    SUPPRESSIONS
)
"#;

fn shop(suppressions: &str) -> Design {
    parse(&SHOP.replace("SUPPRESSIONS", suppressions))
}

fn rules_of(report: &critique::Report) -> Vec<(&str, Option<&str>)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule, f.suppressed.as_deref()))
        .collect()
}

#[test]
fn suppression_with_reason_keeps_the_finding_as_suppressed() {
    let report = critique::review(&shop(
        r#"suppressions: [(rule: "SPOF-LB", target: "nginx", reason: "internal tool, downtime is fine")],"#,
    ));
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "SPOF-LB")
        .expect("SPOF-LB still listed");
    assert_eq!(
        f.suppressed.as_deref(),
        Some("internal tool, downtime is fine")
    );
    assert!(
        report.active().any(|f| f.rule == "DB-BLOBS-IN-DATABASE"),
        "the blob finding stays active"
    );
    assert_eq!(report.suppressed(), 1);
    // Suppressed findings come after every active one.
    assert_eq!(report.findings.last().map(|f| f.rule), Some("SPOF-LB"));
    assert!(
        !rules_of(&report)
            .iter()
            .any(|(r, _)| *r == "SUPPRESSION-INVALID")
    );
}

#[test]
fn design_wide_suppression_covers_every_node() {
    let report = critique::review(&shop(
        r#"suppressions: [(rule: "DB-BLOBS-IN-DATABASE", reason: "legacy, moving to S3 in Q3")],"#,
    ));
    let blob = report
        .findings
        .iter()
        .find(|f| f.rule == "DB-BLOBS-IN-DATABASE")
        .expect("listed");
    assert!(blob.suppressed.is_some());
}

#[test]
fn suppression_of_another_target_does_not_apply() {
    let report = critique::review(&shop(
        r#"suppressions: [(rule: "SPOF-LB", target: "api", reason: "wrong node")],"#,
    ));
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "SPOF-LB")
        .expect("listed");
    assert_eq!(f.suppressed, None);
}

#[test]
fn invalid_suppressions_are_findings_and_suppress_nothing() {
    let report = critique::review(&shop(
        r#"suppressions: [
            (rule: "SPOF-LB", target: "nginx", reason: "  "),
            (rule: "SPOF-L8", reason: "typo in the id"),
            (rule: "DB-BLOBS-IN-DATABASE", target: "gone", reason: "node was renamed"),
            (rule: "SUPPRESSION-INVALID", reason: "trying to hide the others"),
        ],"#,
    ));
    let invalid: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "SUPPRESSION-INVALID")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(invalid.len(), 3, "{invalid:#?}");
    assert!(invalid.iter().any(|m| m.contains("has no reason")));
    assert!(
        invalid
            .iter()
            .any(|m| m.contains("`SPOF-L8` names a rule Archway does not know"))
    );
    assert!(invalid.iter().any(|m| m.contains("`gone`")));
    // Nothing got suppressed: neither by the reasonless entry nor by the one aimed at the
    // built-in rule.
    assert_eq!(report.suppressed(), 0);
    let empty_reason = report
        .findings
        .iter()
        .find(|f| f.rule == "SUPPRESSION-INVALID" && f.message.contains("no reason"))
        .expect("listed");
    assert_eq!(
        empty_reason.nodes[0].as_str(),
        "nginx",
        "points at the target"
    );
}

#[test]
fn ranking_is_severity_then_centrality_then_rule() {
    // Both errors: SPOF-LB on `nginx` (1 hop from the client) ranks before
    // DB-BLOBS-IN-DATABASE on `media`, which no user path reaches.
    let report = critique::review(&shop(""));
    let errors: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule)
        .collect();
    let pos = |rule: &str| errors.iter().position(|r| *r == rule).expect("listed");
    assert!(pos("SPOF-LB") < pos("DB-BLOBS-IN-DATABASE"), "{errors:?}");
    // Deterministic: a second review gives the same order.
    assert_eq!(critique::review(&shop("")), report);
    // Severity dominates: every error comes before every warning.
    let sev: Vec<Severity> = report.findings.iter().map(|f| f.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted);
}

#[test]
fn sketch_level_runs_only_shape_rules() {
    let design = parse(
        r#"#![enable(implicit_some)]
(
    version: 1,
    review_level: sketch,
    nodes: [
        (id: "web", kind: client, pos: (0, 0)),
        (id: "api", kind: app_server, pos: (200, 0), props: (instances: 2)),
    ],
    edges: [
        (id: "web_api", from: "web", to: "api", kind: sync_request, protocol: HTTP),
    ],
)"#,
    );
    let sketch = critique::review(&design);
    assert!(
        !sketch
            .findings
            .iter()
            .any(|f| f.rule == "TLS-PUBLIC-PLAINTEXT"),
        "TLS on an arrow is a detail: not judged on a sketch"
    );
    let production = critique::review_at(&design, ReviewLevel::Production);
    assert!(
        production
            .findings
            .iter()
            .any(|f| f.rule == "TLS-PUBLIC-PLAINTEXT")
    );
    for f in &sketch.findings {
        let rule = critique::rules::all()
            .iter()
            .find(|r| r.meta().id == f.rule)
            .expect("registered");
        assert_eq!(rule.meta().scope, critique::Scope::Shape, "{}", f.rule);
    }
}

#[test]
fn thresholds_from_the_design_are_used() {
    // A 3,000 ms latency target is above the default cold-start budget (2,000 ms): no finding.
    // Raising the budget to 5,000 ms in the design makes the function a problem.
    let text = |thresholds: &str| {
        format!(
            r#"#![enable(implicit_some)]
(
    version: 1,
    workload: (latency_target_ms: 3000.0{thresholds}),
    nodes: [
        (id: "web", kind: client, pos: (0, 0)),
        (id: "fn", kind: serverless_function, pos: (200, 0)),
    ],
    edges: [(id: "web_fn", from: "web", to: "fn", kind: sync_request, protocol: HTTPS)],
)"#
        )
    };
    let hit = |d: &Design| {
        critique::review_at(d, ReviewLevel::Production)
            .findings
            .iter()
            .any(|f| f.rule == "SLS-COLD-START-HOT-PATH")
    };
    assert!(!hit(&parse(&text(""))));
    assert!(hit(&parse(&text(
        ", thresholds: (sls_latency_budget_ms: 5000.0)"
    ))));
}

#[test]
fn profile_climbs_the_scaling_ladder() {
    let one_box = parse(
        r#"#![enable(implicit_some)]
(version: 1, nodes: [
    (id: "web", kind: client, pos: (0, 0)),
    (id: "api", kind: app_server, pos: (200, 0)),
    (id: "db", kind: sql_db, pos: (400, 0)),
], edges: [
    (id: "a", from: "web", to: "api", kind: sync_request, protocol: HTTPS),
    (id: "b", from: "api", to: "db", kind: write, protocol: TCP),
])"#,
    );
    let p = critique::review(&one_box).profile;
    assert_eq!(p.stage, 1);
    assert_eq!(p.next.map(|s| s.number), Some(2));

    let scaled = parse(
        r#"#![enable(implicit_some)]
(version: 1, nodes: [
    (id: "web", kind: client, pos: (0, 0)),
    (id: "alb", kind: load_balancer, pos: (100, 0), props: (managed: true, provider_redundant: true)),
    (id: "api", kind: app_server, pos: (200, 0), props: (instances: 3)),
    (id: "db", kind: sql_db, pos: (400, 0)),
    (id: "replica", kind: read_replica, pos: (400, 100)),
    (id: "cache", kind: cache, pos: (400, 200), props: (backs: ["db"])),
], edges: [
    (id: "a", from: "web", to: "alb", kind: sync_request, protocol: HTTPS),
    (id: "b", from: "alb", to: "api", kind: sync_request, protocol: HTTPS),
    (id: "c", from: "api", to: "db", kind: write, protocol: TCP),
    (id: "d", from: "db", to: "replica", kind: replication, protocol: TCP),
])"#,
    );
    let p = critique::review(&scaled).profile;
    assert_eq!((p.stage, p.name), (4, "read replicas, cache and CDN"));
    assert_eq!(p.next.map(|s| s.name), Some("CQRS"));
    assert_eq!(
        p.skipped,
        [2],
        "one kind of store only: no polyglot persistence yet"
    );
}

// ---------- the real binary ----------

fn archway() -> Command {
    Command::cargo_bin("archway").expect("binary built")
}

fn fixture(rule: &str, which: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rule)
        .join(format!("{which}.archway.ron"))
}

fn write_temp(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).expect("write temp file");
    p
}

#[test]
fn check_text_is_compiler_style_and_exits_1_on_errors() {
    let out = archway()
        .arg("check")
        .arg(fixture("SPOF-LB", "invalid"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("error[SPOF-LB]: load balancer `nginx` (Nginx) is a single instance"),
        "{text}"
    );
    assert!(
        text.contains("invalid.archway.ron:10"),
        "points at the node's line: {text}"
    );
    assert!(text.contains("= fix: run a second load balancer"), "{text}");
    assert!(text.contains("= guide §2.5"), "{text}");
    assert!(
        text.contains(" 0 suppressed (production review; stage"),
        "{text}"
    );
}

#[test]
fn check_exit_codes() {
    // Clean file: 0.
    archway()
        .args(["check", "--level", "sketch"])
        .arg(fixture("SPOF-LB", "valid"))
        .assert()
        .code(0);
    // Warnings only: 0, or 1 with --deny warnings.
    let dir = tempfile::tempdir().expect("tempdir");
    let warn = write_temp(
        &dir,
        "warn.archway.ron",
        r#"#![enable(implicit_some)]
(version: 1, review_level: production, nodes: [
    (id: "mobile", kind: client, pos: (0, 0)),
    (id: "chat", kind: app_server, pos: (200, 0), props: (instances: 2)),
], edges: [
    (id: "poll", from: "mobile", to: "chat", kind: sync_request, protocol: HTTPS, props: (pattern: poll, tags: [realtime])),
])"#,
    );
    archway().arg("check").arg(&warn).assert().code(0);
    archway()
        .args(["check", "--deny", "warnings"])
        .arg(&warn)
        .assert()
        .code(1);
    // A file that does not load: 2, with the position on stderr, and the other file still
    // reported.
    let broken = write_temp(
        &dir,
        "broken.archway.ron",
        "(version: 1, nodes: [(id: \"a\", kind: blimp, pos: (0, 0))])",
    );
    let out = archway()
        .arg("check")
        .arg(&broken)
        .arg(&warn)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.archway.ron:1:"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("warning[REALTIME-VIA-POLLING]"));
}

#[test]
fn check_json_has_the_documented_shape() {
    let out = archway()
        .args(["check", "--format", "json"])
        .arg(fixture("DB-BLOBS-IN-DATABASE", "invalid"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let findings = v["findings"].as_array().expect("findings array");
    assert!(!findings.is_empty());
    for f in findings {
        let mut keys: Vec<&str> = f
            .as_object()
            .expect("object")
            .keys()
            .map(|k| k.as_str())
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "edges",
                "fix",
                "guide_section",
                "message",
                "nodes",
                "rule",
                "severity",
                "suppressed"
            ]
        );
    }
    let blob = findings
        .iter()
        .find(|f| f["edges"][0] == "api_main_thumbs")
        .expect("the write edge finding");
    assert_eq!(blob["rule"], "DB-BLOBS-IN-DATABASE");
    assert_eq!(blob["severity"], "error");
    assert_eq!(blob["nodes"][0], "main");
    assert_eq!(blob["guide_section"], "2.4");
    assert_eq!(blob["suppressed"], Value::Null);
    assert!(v["summary"]["errors"].as_u64().expect("count") >= 2);
    assert_eq!(v["summary"]["files"][0]["level"], "production");
    assert!(v["summary"]["files"][0]["profile"]["stage"].is_u64());
}

/// The official SARIF 2.1.0 schema (OASIS), vendored from the `serde-sarif` crate's sources.
fn sarif_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("schema vendored"))
            .expect("schema is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = "https://archway.invalid/sarif-schema-2.1.0.json";
    compiler.add_resource(url, schema).expect("add schema");
    let id = compiler
        .compile(url, &mut schemas)
        .expect("schema compiles");
    (schemas, id)
}

#[test]
fn check_sarif_validates_against_the_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let suppressed = write_temp(
        &dir,
        "with space.archway.ron",
        &std::fs::read_to_string(fixture("SPOF-LB", "invalid"))
            .expect("fixture")
            .replace(
                "\n)\n",
                "\n    suppressions: [(rule: \"SPOF-LB\", target: \"nginx\", reason: \"lab setup\")],\n)\n",
            ),
    );
    let out = archway()
        .args(["check", "--format", "sarif"])
        .arg(fixture("TLS-PUBLIC-PLAINTEXT", "invalid"))
        .arg(&suppressed)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");

    let (schemas, id) = sarif_schema();
    if let Err(e) = schemas.validate(&log, id) {
        panic!("SARIF output does not match the 2.1.0 schema:\n{e:#}");
    }

    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), archway::critique::rules::all().len());
    let spof = rules
        .iter()
        .find(|r| r["id"] == "SPOF-LB")
        .expect("rule metadata");
    assert!(
        spof["help"]["text"]
            .as_str()
            .expect("help")
            .contains("## How to fix")
    );
    let results = run["results"].as_array().expect("results");
    let tls = results
        .iter()
        .find(|r| r["ruleId"] == "TLS-PUBLIC-PLAINTEXT")
        .expect("TLS result");
    let loc = &tls["locations"][0]["physicalLocation"];
    assert!(
        loc["artifactLocation"]["uri"]
            .as_str()
            .expect("uri")
            .ends_with("TLS-PUBLIC-PLAINTEXT/invalid.archway.ron")
    );
    assert!(loc["region"]["startLine"].as_u64().expect("line") > 1);
    let lb = results
        .iter()
        .find(|r| r["ruleId"] == "SPOF-LB")
        .expect("suppressed result kept");
    assert_eq!(lb["suppressions"][0]["justification"], "lab setup");
    assert!(
        lb["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri")
            .ends_with("with%20space.archway.ron")
    );
}

#[test]
fn a_broken_sarif_log_fails_validation() {
    // The validator is not a rubber stamp: a result without a message is rejected.
    let (schemas, id) = sarif_schema();
    let bad = serde_json::json!({
        "version": "2.1.0",
        "runs": [{ "tool": { "driver": { "name": "archway" } }, "results": [{ "ruleId": "X" }] }]
    });
    assert!(schemas.validate(&bad, id).is_err());
}

#[test]
fn rules_and_explain() {
    let out = archway()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let list = v.as_array().expect("array");
    assert_eq!(list.len(), archway::critique::rules::all().len());
    let spof = list.iter().find(|r| r["id"] == "SPOF-LB").expect("listed");
    assert_eq!(spof["severity"], "error");
    assert_eq!(spof["guide_section"], "2.5");
    assert_eq!(spof["scope"], "shape");

    let text = archway().arg("rules").output().expect("runs");
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .lines()
            .any(|l| l.starts_with("SPOF-LB\terror\tD. Load balancing\t§2.5\t"))
    );

    let out = archway().args(["explain", "r12"]).output().expect("runs");
    assert!(out.status.success());
    let doc = String::from_utf8_lossy(&out.stdout);
    assert!(
        doc.starts_with("SPOF-LB (R12): a single load balancer"),
        "{doc}"
    );
    for h in [
        "## What it does",
        "## Why it matters",
        "## Example",
        "## How to fix",
    ] {
        assert!(doc.contains(&format!("\n{h}\n")), "{h} in {doc}");
    }
    archway().args(["explain", "NO-SUCH-RULE"]).assert().code(2);
}

/// A design with no stated environment in one region: `--level sketch` (not only the file's
/// own level) turns the disaster-recovery reminder on, as information.
#[test]
fn dr_single_region_follows_the_requested_level() {
    let design = parse(
        r#"#![enable(implicit_some)]
(
    version: 1,
    review_level: production,
    workload: (environment: dev),
    containers: [(id: "eu", kind: region, rect: (0, 0, 600, 300))],
    nodes: [
        (id: "api", kind: app_server, pos: (50, 50), container: "eu", props: (instances: 2)),
        (id: "db", kind: sql_db, pos: (300, 50), container: "eu", props: (standby: sync)),
    ],
    edges: [(id: "api_db", from: "api", to: "db", kind: write)],
)"#,
    );
    let dr = |report: &critique::Report| {
        report
            .findings
            .iter()
            .find(|f| f.rule == "DR-SINGLE-REGION")
            .map(|f| f.severity)
    };
    assert_eq!(
        dr(&critique::review(&design)),
        None,
        "a dev design at its own level"
    );
    assert_eq!(
        dr(&critique::review_at(&design, ReviewLevel::Sketch)),
        Some(Severity::Info),
        "--level sketch asks for the reminder"
    );
}

/// A private instance reading a managed S3-like store with no NAT is asked about a gateway
/// endpoint (information, detail class), not accused like a call to a third party.
#[test]
fn egress_to_a_managed_store_asks_about_an_endpoint() {
    let text = r#"#![enable(implicit_some)]
(
    version: 1,
    review_level: production,
    containers: [
        (id: "v1", kind: vpc, rect: (0, 0, 500, 200)),
        (id: "priv", kind: private_subnet, rect: (20, 20, 200, 150), parent: "v1"),
    ],
    nodes: [
        (id: "web", kind: app_server, pos: (40, 60), container: "priv", props: (instances: 2)),
        (id: "assets", kind: object_storage, pos: (700, 60), props: (tech: "S3", managed: MANAGED)),
    ],
    edges: [(id: "web_assets", from: "web", to: "assets", kind: read, protocol: HTTPS)],
)"#;
    let egress = |managed: &str| {
        critique::review(&parse(&text.replace("MANAGED", managed)))
            .findings
            .into_iter()
            .find(|f| f.rule == "EGRESS-WITHOUT-NAT")
            .expect("the call still has no drawn egress")
    };
    let managed = egress("true");
    assert_eq!(managed.severity, Severity::Info);
    assert_eq!(managed.scope, critique::Scope::Detail);
    assert!(
        managed.message.contains("gateway endpoint"),
        "{}",
        managed.message
    );
    assert_eq!(egress("false").severity, Severity::Error);
}

/// A topic without a dead-letter queue is called a topic.
#[test]
fn queue_no_dlq_names_a_topic_a_topic() {
    let design = parse(
        r#"#![enable(implicit_some)]
(
    version: 1,
    nodes: [
        (id: "api", kind: app_server, pos: (0, 0), props: (instances: 2)),
        (id: "orders", kind: pubsub_topic, pos: (200, 0)),
        (id: "mailer", kind: worker, pos: (400, 0), props: (instances: 2)),
    ],
    edges: [
        (id: "api_orders", from: "api", to: "orders", kind: async_message),
        (id: "orders_mailer", from: "orders", to: "mailer", kind: async_message),
    ],
)"#,
    );
    let report = critique::review_at(&design, ReviewLevel::Production);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "QUEUE-NO-DLQ")
        .expect("a topic with a consumer and no DLQ");
    assert!(f.message.starts_with("topic `orders`"), "{}", f.message);
}

/// A service users reach directly, with no gateway or balancer in front and no stated
/// authentication, is asked about (information); once it states `auth_mode`, it is not.
#[test]
fn entry_no_auth_asks_at_a_directly_exposed_service() {
    let text = r#"#![enable(implicit_some)]
(
    version: 1,
    nodes: [
        (id: "web", kind: client, pos: (0, 0)),
        (id: "api", kind: app_server, pos: (200, 0), props: (instances: 2AUTH)),
    ],
    edges: [(id: "web_api", from: "web", to: "api", kind: sync_request, protocol: HTTPS)],
)"#;
    let entry = |auth: &str| {
        critique::review_at(&parse(&text.replace("AUTH", auth)), ReviewLevel::Production)
            .findings
            .into_iter()
            .find(|f| f.rule == "ENTRY-NO-AUTH")
    };
    let open = entry("").expect("an exposed service with nothing stated is asked about");
    assert_eq!(open.severity, Severity::Info);
    assert_eq!(open.nodes, vec![archway::model::NodeId::from("api")]);
    assert!(entry(", auth_mode: jwt").is_none());
}

/// A long synchronous chain is named by its first and last hops, with its real length.
#[test]
fn a_long_chain_names_its_ends_not_every_hop() {
    let n = 20;
    let nodes: String = (0..n)
        .map(|i| {
            format!(
                "(id: \"s{i}\", kind: app_server, pos: ({}, 0), props: (instances: 2)),",
                i * 200
            )
        })
        .collect();
    let edges: String = (1..n)
        .map(|i| {
            format!(
                "(id: \"e{i}\", from: \"s{}\", to: \"s{i}\", kind: sync_request, protocol: HTTPS),",
                i - 1
            )
        })
        .collect();
    let design = parse(&format!(
        "#![enable(implicit_some)]\n(version: 1, nodes: [(id: \"web\", kind: client, pos: (-200, 0)), {nodes}], edges: [(id: \"in\", from: \"web\", to: \"s0\", kind: sync_request, protocol: HTTPS), {edges}])"
    ));
    let report = critique::review_at(&design, ReviewLevel::Production);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "SYNC-CHAIN-DEEP")
        .expect("a 19-hop chain is deep");
    assert!(
        f.message.contains("19 synchronous service hops"),
        "{}",
        f.message
    );
    assert!(f.message.contains("`s0` → `s1`"), "{}", f.message);
    assert!(f.message.contains("… → `s16`"), "{}", f.message);
    assert!(f.message.ends_with("`s19`"), "{}", f.message);
    assert!(!f.message.contains("`s10`"), "{}", f.message);
    assert_eq!(f.nodes.len(), n, "the finding still points at every hop");
}

/// A stated latency decides whether user requests wait on a slow system: at or above the
/// design's `slow_dependency_ms` it is a finding whatever the name, under it a "legacy" name
/// is cleared; with nothing stated, the name is a hint and the finding asks for the figure.
#[test]
fn sync_slow_dependency_follows_a_stated_latency_before_a_name() {
    let design = |label: &str, latency: &str, thresholds: &str| {
        parse(&format!(
            r#"#![enable(implicit_some)]
(
    version: 1,
    review_level: production,
    workload: (thresholds: ({thresholds})),
    nodes: [
        (id: "lb", kind: load_balancer, pos: (0, 0), props: (instances: 2)),
        (id: "portal", kind: app_server, pos: (200, 0), props: (instances: 2)),
        (id: "dep", kind: external_service, label: "{label}", pos: (400, 0), props: ({latency})),
    ],
    edges: [
        (id: "lb_portal", from: "lb", to: "portal", kind: sync_request, protocol: HTTPS),
        (id: "portal_dep", from: "portal", to: "dep", kind: sync_request, protocol: HTTPS),
    ],
)"#
        ))
    };
    let slow = |d: &Design| {
        critique::review(d)
            .findings
            .into_iter()
            .find(|f| f.rule == "SYNC-SLOW-DEPENDENCY")
            .map(|f| f.message)
    };
    let pricing = design("Pricing API", "latency_ms: 800", "");
    let message = slow(&pricing).expect("an 800 ms dependency is slow");
    assert!(message.contains("stated latency 800 ms"), "{message}");
    assert_eq!(
        slow(&design(
            "Pricing API",
            "latency_ms: 800",
            "slow_dependency_ms: 1000"
        )),
        None,
        "the design's own threshold is used"
    );
    assert_eq!(
        slow(&design("Legacy ERP", "latency_ms: 30", "")),
        None,
        "a stated fast answer clears a legacy name"
    );
    let named = slow(&design("Legacy ERP", "", "")).expect("the name is a hint");
    assert!(named.contains("state its `latency_ms`"), "{named}");
    assert_eq!(slow(&design("Pricing API", "", "")), None);
}

/// A managed DynamoDB-like store is replicated across zones by its provider: no SPOF-DB. The
/// same technology run by the design itself (not managed) still needs a standby.
#[test]
fn spof_db_trusts_a_managed_store_the_provider_replicates() {
    let spof = |props: &str| {
        let d = parse(&format!(
            r#"#![enable(implicit_some)]
(
    version: 1,
    review_level: production,
    nodes: [
        (id: "api", kind: app_server, pos: (0, 0), props: (instances: 2)),
        (id: "table", kind: nosql_db, pos: (200, 0), props: ({props})),
    ],
    edges: [
        (id: "api_table", from: "api", to: "table", kind: write),
    ],
)"#
        ));
        critique::review(&d)
            .findings
            .iter()
            .any(|f| f.rule == "SPOF-DB")
    };
    assert!(!spof(r#"managed: true, tech: "Amazon DynamoDB""#));
    assert!(!spof(r#"managed: true, tech: "Azure Cosmos DB""#));
    assert!(
        spof(r#"tech: "DynamoDB Local""#),
        "not managed: no provider copies"
    );
    assert!(
        spof(r#"managed: true, tech: "PostgreSQL""#),
        "a managed single instance"
    );
}

/// FNV-1a over text: a digest that stays the same from run to run and machine to machine.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One block per design: how many findings of each rule the report has, and a digest of the
/// whole report (every finding's rule, message, nodes, edges, fix, scope and suppression, in
/// order, the profile and the hidden count).
fn report_summary(name: &str, report: &critique::Report) -> String {
    let mut per_rule: Vec<(&str, usize)> = Vec::new();
    for f in &report.findings {
        match per_rule.iter_mut().find(|(r, _)| *r == f.rule) {
            Some((_, n)) => *n += 1,
            None => per_rule.push((f.rule, 1)),
        }
    }
    let whole = format!(
        "{:?} {:?} {}",
        report.findings, report.profile, report.hidden
    );
    let mut s = format!(
        "{name}: {} findings, digest {:016x}\n",
        report.findings.len(),
        digest(&whole)
    );
    for (rule, n) in per_rule {
        s.push_str(&format!("  {rule} {n}\n"));
    }
    s
}

/// The full report of the benchmark's 10,000-node design and of every template, at
/// production and sketch level, pinned: a change meant only to make the critique faster must
/// leave this snapshot as it is (a change to what the rules say updates it, and says why).
#[test]
fn reports_of_the_bench_design_and_every_template_are_pinned() {
    let mut designs: Vec<(String, Design)> = vec![(
        "synthetic 10000".to_owned(),
        archway::model::synthetic::design(10_000),
    )];
    for t in archway::templates::ALL {
        let design = t.design().expect("templates load");
        designs.push((format!("template {}", t.file_name()), design));
    }
    let mut all = String::new();
    for (name, design) in &designs {
        for level in [ReviewLevel::Production, ReviewLevel::Sketch] {
            let report = critique::review_at(design, level);
            all.push_str(&report_summary(&format!("{name} {level:?}"), &report));
        }
    }
    let big = critique::review_at(&designs[0].1, ReviewLevel::Production);
    assert!(
        big.findings.len() > 1_000,
        "the 10,000-node design has many findings"
    );
    insta::assert_snapshot!(all);
}
