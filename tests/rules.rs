//! Per-rule fixtures and the registry checks.
//!
//! # Fixture convention
//!
//! Every rule in `rules::all()` has a folder `tests/fixtures/rules/<RULE-ID>/` with two design
//! files, both reviewed at the `production` level (whatever `review_level` the file states):
//!
//! - `valid.archway.ron`: a design close to the bad one but done right. It must give **no**
//!   finding of that rule (neither active nor suppressed).
//! - `invalid.archway.ron`: a design that breaks the rule. It must give at least one active
//!   (unsuppressed) finding of that rule, and it states where the findings must point with one
//!   or more comment lines anywhere in the file:
//!
//!   ```text
//!   // expect: nodes=alb
//!   // expect: nodes=web,api edges=web_api
//!   // expect: none
//!   ```
//!
//!   Each `// expect:` line stands for one finding: some finding of the rule must point at
//!   all the listed node ids (`nodes=`, comma-separated) and all the listed edge ids
//!   (`edges=`), possibly among others. `none` means a design-wide finding that points at
//!   nothing in particular. At least one `// expect:` line is required.
//!
//! The rendered findings of the rule on the invalid fixture are snapshot-tested with insta
//! (`tests/snapshots/rules__<RULE-ID>_invalid.snap`). To write new snapshots run
//! `INSTA_UPDATE=always cargo test --test rules`, then read every new `.snap` file before
//! committing it (CI never writes snapshots). A rule without both fixtures fails the test:
//! nothing is skipped, and every failing rule is listed at the end of the run.
//!
//! Start a fixture from `file::to_string` output or copy a neighbour's; files begin with
//! `#![enable(implicit_some)]` so optional properties are written plainly (`instances: 3`).

use archway::critique::{self, Finding, Rule, rules};
use archway::model::{Design, ReviewLevel, file};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

fn fixture_dir(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(id)
}

/// One `// expect:` line: the ids one finding must point at.
#[derive(Debug, Default)]
struct Expect {
    nodes: Vec<String>,
    edges: Vec<String>,
}

fn parse_expects(text: &str) -> Result<Vec<Expect>, String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("// expect:") else {
            continue;
        };
        let mut e = Expect::default();
        for token in rest.split_whitespace() {
            if token == "none" {
                continue;
            }
            let list = |s: &str| {
                s.split(',')
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect()
            };
            if let Some(v) = token.strip_prefix("nodes=") {
                e.nodes = list(v);
            } else if let Some(v) = token.strip_prefix("edges=") {
                e.edges = list(v);
            } else {
                return Err(format!(
                    "bad `// expect:` token `{token}` (use nodes=a,b edges=e or none)"
                ));
            }
        }
        out.push(e);
    }
    if out.is_empty() {
        return Err("no `// expect:` line (see the top of tests/rules.rs)".into());
    }
    Ok(out)
}

fn load(path: &Path) -> Result<(String, Design), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("missing fixture {}: {e}", path.display()))?;
    let design = file::parse(&text).map_err(|problems| {
        let mut s = format!("fixture {} does not load:", path.display());
        for p in problems {
            let _ = write!(s, "\n  {}:{}: {}", p.line, p.col, p.message);
        }
        s
    })?;
    Ok((text, design))
}

fn findings_of(design: &Design, id: &str) -> Vec<Finding> {
    critique::review_at(design, ReviewLevel::Production)
        .findings
        .into_iter()
        .filter(|f| f.rule == id)
        .collect()
}

/// The snapshot text: one block per finding, in report order.
fn render(findings: &[Finding]) -> String {
    let mut s = String::new();
    for f in findings {
        let _ = writeln!(s, "{}[{}] {}", f.severity.key(), f.rule, f.message);
        let _ = writeln!(s, "  nodes: {}", join(f.nodes.iter().map(|n| n.as_str())));
        let _ = writeln!(s, "  edges: {}", join(f.edges.iter().map(|e| e.as_str())));
        if let Some(reason) = &f.suppressed {
            let _ = writeln!(s, "  suppressed: {reason}");
        }
    }
    s
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = items.collect();
    if v.is_empty() {
        "-".into()
    } else {
        v.join(", ")
    }
}

/// Message style (clippy's): lowercase start, no trailing period, one line. A message may
/// start with an acronym or a name written with inner capitals (`API gateway`, `NoSQL
/// database`, `WebSocket server`), never with a capitalised ordinary word (`The`, `Load`).
fn message_style(f: &Finding) -> Result<(), String> {
    let m = &f.message;
    let first_word = m.split(' ').next().ok_or("empty message")?;
    let mut chars = first_word.chars();
    let first = chars.next().ok_or("empty message")?;
    if first.is_uppercase() && chars.all(|c| !c.is_uppercase()) {
        return Err(format!("message starts with a capital: {m:?}"));
    }
    if m.ends_with('.') {
        return Err(format!("message ends with a period: {m:?}"));
    }
    if m.contains('\n') {
        return Err(format!("message spans several lines: {m:?}"));
    }
    Ok(())
}

fn check_rule(rule: &dyn Rule) -> Result<(), String> {
    let id = rule.meta().id;
    let dir = fixture_dir(id);

    let (_, valid) = load(&dir.join("valid.archway.ron"))?;
    let got = findings_of(&valid, id);
    if !got.is_empty() {
        return Err(format!(
            "valid fixture gives {} finding(s) of {id}:\n{}",
            got.len(),
            render(&got)
        ));
    }

    let (text, invalid) = load(&dir.join("invalid.archway.ron"))?;
    let expects = parse_expects(&text)?;
    let got = findings_of(&invalid, id);
    if !got.iter().any(|f| f.suppressed.is_none()) {
        return Err(format!("invalid fixture gives no active finding of {id}"));
    }
    for f in &got {
        message_style(f)?;
    }
    for e in &expects {
        let hit = got.iter().any(|f| {
            e.nodes
                .iter()
                .all(|n| f.nodes.iter().any(|x| x.as_str() == n))
                && e.edges
                    .iter()
                    .all(|n| f.edges.iter().any(|x| x.as_str() == n))
        });
        if !hit {
            return Err(format!(
                "no finding of {id} points at {e:?}; findings were:\n{}",
                render(&got)
            ));
        }
    }
    insta::assert_snapshot!(format!("{id}_invalid"), render(&got));
    Ok(())
}

/// Every rule: valid gives nothing, invalid gives findings at the expected ids, snapshot matches.
/// All rules are checked before the test fails, so one report lists every broken rule.
#[test]
fn every_rule_has_passing_fixtures() {
    let mut failures = Vec::new();
    for rule in rules::all() {
        let id = rule.meta().id;
        match catch_unwind(AssertUnwindSafe(|| check_rule(*rule))) {
            Ok(Ok(())) => {}
            Ok(Err(why)) => failures.push(format!("{id}: {why}")),
            Err(_) => failures.push(format!("{id}: panicked (snapshot mismatch? see above)")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule(s) fail their fixtures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

const HEADINGS: [&str; 4] = [
    "## What it does",
    "## Why it matters",
    "## Example",
    "## How to fix",
];

/// The text under one `## ` heading of a rule doc (up to the next heading).
fn section<'a>(doc: &'a str, heading: &str) -> Option<&'a str> {
    let start = doc.find(heading)? + heading.len();
    let rest = &doc[start..];
    let end = rest
        .find("\n ## ")
        .or_else(|| rest.find("\n## "))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Ids and numbers unique, docs complete and in order, a guide section cited, fixtures present,
/// titles in message style.
#[test]
fn registry_is_consistent() {
    let mut ids = HashSet::new();
    let mut numbers = HashSet::new();
    let mut problems = Vec::new();
    for rule in rules::all() {
        let m = rule.meta();
        if !ids.insert(m.id) {
            problems.push(format!("{}: duplicate id", m.id));
        }
        if !numbers.insert(m.number) {
            problems.push(format!("{}: duplicate number {}", m.id, m.number));
        }
        if m.id.is_empty()
            || m.id
                .chars()
                .any(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'))
        {
            problems.push(format!("{}: ids are UPPER-KEBAB-CASE", m.id));
        }
        if m.guide_section.trim().is_empty() {
            problems.push(format!("{}: no guide section", m.id));
        }
        if m.fix.trim().is_empty() || m.title.trim().is_empty() || m.category.trim().is_empty() {
            problems.push(format!("{}: empty fix, title or category", m.id));
        }
        if m.title.starts_with(char::is_uppercase) || m.title.ends_with('.') {
            problems.push(format!(
                "{}: title must start lowercase, without a final period",
                m.id
            ));
        }
        let mut last = 0;
        for h in HEADINGS {
            match m.doc.find(h) {
                None => problems.push(format!("{}: doc lacks heading `{h}`", m.id)),
                Some(pos) if pos < last => {
                    problems.push(format!("{}: heading `{h}` out of order", m.id))
                }
                Some(pos) => {
                    last = pos;
                    if section(m.doc, h).is_none_or(|s| s.trim().is_empty()) {
                        problems.push(format!("{}: heading `{h}` has no text", m.id));
                    }
                }
            }
        }
        match section(m.doc, "## Why it matters") {
            Some(why) if why.contains("§") => {}
            _ => problems.push(format!(
                "{}: `## Why it matters` must cite the guide, e.g. `guide §{}`",
                m.id, m.guide_section
            )),
        }
        for f in ["valid.archway.ron", "invalid.archway.ron"] {
            if !fixture_dir(m.id).join(f).is_file() {
                problems.push(format!(
                    "{}: missing tests/fixtures/rules/{}/{f}",
                    m.id, m.id
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "registry problems:\n{}",
        problems.join("\n")
    );
}
