//! Realistic designs (`tests/fixtures/realistic/`): designs in the style of the architecture
//! diagrams people actually draw (no client, managed cloud services, an on-premises data
//! centre, C4 containers, serverless with event triggers). Each file lists the shape-level
//! weaknesses seeded in it, one comment line each:
//!
//! ```text
//! // seeded: SPOF-DB nodes=rds
//! // seeded: DR-SINGLE-REGION
//! ```
//!
//! Every seeded weakness must be found at the `production` level (a finding of that rule
//! pointing at the listed nodes and edges), and the first findings of a few designs must be the
//! ones a senior reviewer would say first.

use archway::critique::{self, Finding, Report};
use archway::model::{Design, ReviewLevel, file};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realistic")
}

/// One `// seeded:` line (or `// absent:` line): a rule id and the ids one of its findings
/// must (or must not) point at.
#[derive(Debug)]
struct Seeded {
    rule: String,
    nodes: Vec<String>,
    edges: Vec<String>,
}

fn seeded(text: &str) -> Vec<Seeded> {
    tagged(text, "// seeded:")
}

/// The `// absent:` lines: what the design does on purpose, which no finding may flag (a topic
/// with several subscribers, an auto-scaling group's member, a managed balancer's health
/// checks).
fn absent(text: &str) -> Vec<Seeded> {
    tagged(text, "// absent:")
}

fn tagged(text: &str, tag: &str) -> Vec<Seeded> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix(tag) else {
            continue;
        };
        let mut tokens = rest.split_whitespace();
        let Some(rule) = tokens.next() else { continue };
        let mut s = Seeded {
            rule: rule.to_owned(),
            nodes: Vec::new(),
            edges: Vec::new(),
        };
        for t in tokens {
            let list = |v: &str| v.split(',').map(str::to_owned).collect();
            if let Some(v) = t.strip_prefix("nodes=") {
                s.nodes = list(v);
            } else if let Some(v) = t.strip_prefix("edges=") {
                s.edges = list(v);
            } else {
                panic!("bad `// seeded:` token `{t}`");
            }
        }
        out.push(s);
    }
    out
}

fn designs() -> Vec<(String, String, Design)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("realistic fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".archway.ron"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable fixture");
            let design = file::parse(&text)
                .unwrap_or_else(|e| panic!("{} does not load: {e:?}", p.display()));
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, text, design)
        })
        .collect()
}

fn points_at(f: &Finding, s: &Seeded) -> bool {
    f.rule == s.rule
        && f.suppressed.is_none()
        && s.nodes
            .iter()
            .all(|n| f.nodes.iter().any(|x| x.as_str() == n))
        && s.edges
            .iter()
            .all(|e| f.edges.iter().any(|x| x.as_str() == e))
}

fn list(report: &Report) -> String {
    report
        .active()
        .map(|f| format!("  {}[{}] {}\n", f.severity.key(), f.rule, f.message))
        .collect()
}

#[test]
fn there_are_at_least_eight_realistic_designs() {
    assert!(designs().len() >= 8);
}

#[test]
fn every_seeded_weakness_is_found() {
    let mut missed = Vec::new();
    for (name, text, design) in designs() {
        let seeds = seeded(&text);
        assert!(!seeds.is_empty(), "{name} lists no seeded weakness");
        let report = critique::review_at(&design, ReviewLevel::Production);
        for s in &seeds {
            if !report.findings.iter().any(|f| points_at(f, s)) {
                missed.push(format!("{name}: {s:?}\n{}", list(&report)));
            }
        }
        for s in &absent(&text) {
            if report.findings.iter().any(|f| points_at(f, s)) {
                missed.push(format!(
                    "{name}: flagged although absent: {s:?}\n{}",
                    list(&report)
                ));
            }
        }
    }
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

/// The number of active findings over the realistic designs drawn with the kinds that existed
/// before issue #14 (those named `*new-kinds*` are left out), at the production level. Before
/// the critique was tuned on these designs the engine gave 146 (see the commit that added
/// this test); every seeded weakness must stay found while the total stays at half or less.
#[test]
fn findings_on_realistic_designs_stay_few() {
    let mut total = 0;
    let mut per = String::new();
    for (name, _, design) in designs() {
        if name.contains("new-kinds") {
            continue; // drawn with kinds the engine before did not have
        }
        let n = critique::review_at(&design, ReviewLevel::Production)
            .active()
            .count();
        per.push_str(&format!("  {name}: {n}\n"));
        total += n;
    }
    println!("findings on realistic designs: {total}\n{per}");
    assert!(
        total <= BEFORE / 2,
        "{total} findings (before: {BEFORE})\n{per}"
    );
}

/// Active findings of the engine before this work, on the same designs.
const BEFORE: usize = 146;

/// `--level sketch` hides exactly the detail class, and the summary says how many it hid.
#[test]
fn sketch_hides_exactly_the_detail_findings_and_says_how_many() {
    use archway::critique::Scope;
    use archway::critique::output::{Checked, text};
    for (name, _, design) in designs() {
        let full = critique::review_at(&design, ReviewLevel::Production);
        let sketch = critique::review_at(&design, ReviewLevel::Sketch);
        let shape: Vec<&Finding> = full
            .findings
            .iter()
            .filter(|f| f.scope == Scope::Shape)
            .collect();
        // A sketch review also reminds about disaster recovery (as information) where a
        // production review of a non-production design says nothing: that one may differ.
        let reminder = |f: &&Finding| f.rule == "DR-SINGLE-REGION" && !full.findings.contains(f);
        let shown: Vec<&Finding> = sketch.findings.iter().filter(|f| !reminder(f)).collect();
        assert_eq!(shown, shape, "{name}: sketch shows the shape findings");
        let detail = full.findings.len() - shape.len();
        assert_eq!(sketch.hidden, detail, "{name}: hidden count");
        let out = text(&[Checked {
            path: &name,
            text: "",
            level: ReviewLevel::Sketch,
            report: &sketch,
        }]);
        if detail > 0 {
            let word = if detail == 1 { "finding" } else { "findings" };
            assert!(
                out.contains(&format!("{detail} detail {word} hidden")),
                "{name}: summary does not say what it hid:\n{out}"
            );
        }
    }
}

/// Every detail finding comes after every shape finding among the active ones.
#[test]
fn shape_findings_rank_before_detail_findings() {
    use archway::critique::Scope;
    for (name, _, design) in designs() {
        let report = critique::review_at(&design, ReviewLevel::Production);
        let scopes: Vec<Scope> = report.active().map(|f| f.scope).collect();
        let first_detail = scopes.iter().position(|s| *s == Scope::Detail);
        if let Some(at) = first_detail {
            assert!(
                scopes[at..].iter().all(|s| *s == Scope::Detail),
                "{name}: a shape finding ranks below a detail one\n{}",
                list(&report)
            );
        }
    }
}

/// The first five findings of a few designs are the ones a senior reviewer would say first:
/// shape problems on the user path (missing redundancy, a request waiting on a chain, a
/// trigger that loops) before details the diagram cannot show (timeouts, encryption).
#[test]
fn the_top_five_findings_are_what_a_reviewer_says_first() {
    let expected: &[(&str, [&str; 5])] = &[
        (
            "aws-three-tier.archway.ron",
            [
                "SPOF-DB",
                "LB-NOT-PUBLIC",
                "RATE-LIMIT-MISSING",
                "SPOF-SINGLE-INSTANCE",
                "DR-SINGLE-REGION",
            ],
        ),
        (
            "c4-microservices.archway.ron",
            [
                "SYNC-CHAIN-DEEP",
                "SYNC-FANOUT-WIDE",
                "CACHE-MISSING-READ-HEAVY",
                "DUAL-WRITE-NO-OUTBOX",
                "JWT-LONG-LIVED",
            ],
        ),
        (
            "onprem-datacentre.archway.ron",
            [
                "SYNC-SLOW-DEPENDENCY",
                "SPOF-SINGLE-INSTANCE",
                "DR-SINGLE-REGION",
                "CACHE-MISSING-READ-HEAVY",
                "LB-NO-HEALTH-CHECK",
            ],
        ),
        (
            "serverless-upload.archway.ron",
            [
                "TRIGGER-RECURSION",
                "UPLOAD-NO-PRESIGN",
                "TRIGGER-NO-DLQ",
                "ENTRY-NO-AUTH",
                "CACHE-MISSING-READ-HEAVY",
            ],
        ),
    ];
    let all = designs();
    for (name, top) in expected {
        let (_, _, design) = all
            .iter()
            .find(|(n, _, _)| n == name)
            .unwrap_or_else(|| panic!("no realistic design {name}"));
        let report = critique::review_at(design, ReviewLevel::Production);
        let got: Vec<&str> = report.active().take(5).map(|f| f.rule).collect();
        assert_eq!(&got, top, "{name}: top five\n{}", list(&report));
    }
}
