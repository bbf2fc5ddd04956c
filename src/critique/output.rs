//! Rendering a review for people and tools: compiler-style text and JSON (SARIF lives in
//! [`super::sarif`]). Each function takes one or more checked files and returns the text to
//! print, so the CLI stays a thin loop and tests can call these directly.

use super::{Finding, Report, RuleMeta, Scope, Severity, rules};
use crate::model::ReviewLevel;
use crate::model::text::terminal_safe as safe;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;

/// One design file and its review, as the renderers need it.
pub struct Checked<'a> {
    /// The path as the user gave it.
    pub path: &'a str,
    /// The file's text, for line numbers (may be empty when unavailable).
    pub text: &'a str,
    pub level: ReviewLevel,
    pub report: &'a Report,
}

/// Maps every `id: "…"` in a design file's text to its 1-based line, first occurrence wins.
/// Used to point findings at the line where a node or edge is declared.
pub fn id_lines(text: &str) -> HashMap<&str, usize> {
    let mut map = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(pos) = rest.find("id: \"") {
            let after = &rest[pos + 5..];
            let Some(end) = after.find('"') else { break };
            // Only a field named exactly `id` (not `shard_of_id` and the like).
            let before = &rest[..pos];
            if before.is_empty() || before.ends_with(['(', ' ', ',', '\t']) {
                map.entry(&after[..end]).or_insert(i + 1);
            }
            rest = &after[end..];
        }
    }
    map
}

/// The line a finding points at: its first node, else its first edge.
pub fn finding_line(f: &Finding, lines: &HashMap<&str, usize>) -> Option<usize> {
    f.nodes
        .iter()
        .map(|n| n.as_str())
        .chain(f.edges.iter().map(|e| e.as_str()))
        .find_map(|id| lines.get(id).copied())
}

/// Name of a review level as written in files and on the command line.
pub fn level_key(level: ReviewLevel) -> &'static str {
    match level {
        ReviewLevel::Sketch => "sketch",
        ReviewLevel::Production => "production",
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Compiler-style text: findings in report order (grouped by severity, most central first),
/// suppressed ones last, then one summary line per file. Everything that comes from a design
/// file or a file name (paths, ids, labels inside messages, suppression reasons) is
/// [`crate::model::text::terminal_safe`]: a design cannot write escape sequences to a terminal.
pub fn text(checked: &[Checked<'_>]) -> String {
    let mut s = String::new();
    for (i, c) in checked.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        let path = safe(c.path);
        let lines = id_lines(c.text);
        for f in &c.report.findings {
            let label = match &f.suppressed {
                Some(_) => format!("suppressed {}", f.severity.key()),
                None => f.severity.key().to_owned(),
            };
            let _ = writeln!(s, "{label}[{}]: {}", f.rule, safe(&f.message));
            match finding_line(f, &lines) {
                Some(line) => {
                    let _ = writeln!(s, "  --> {path}:{line}");
                }
                None => {
                    let _ = writeln!(s, "  --> {path}");
                }
            }
            let mut components: Vec<&str> = f.nodes.iter().map(|n| n.as_str()).collect();
            components.extend(f.edges.iter().map(|e| e.as_str()));
            if !components.is_empty() {
                let _ = writeln!(s, "   = components: {}", safe(&components.join(", ")));
            }
            if let Some(reason) = &f.suppressed {
                let _ = writeln!(s, "   = accepted: {}", safe(reason));
            }
            let _ = writeln!(s, "   = fix: {}", safe(f.fix));
            let _ = writeln!(s, "   = guide §{}", f.guide_section);
            s.push('\n');
        }
        let r = c.report;
        let hidden = if r.hidden > 0 {
            format!(", {} hidden", plural(r.hidden, "detail finding"))
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "{path}: {}, {}, {} info, {} suppressed ({} review{hidden}; {})",
            plural(r.count(Severity::Error), "error"),
            plural(r.count(Severity::Warning), "warning"),
            r.count(Severity::Info),
            r.suppressed(),
            level_key(c.level),
            r.profile.summary()
        );
    }
    s
}

fn finding_json(f: &Finding, file: Option<&str>) -> Value {
    let mut v = json!({
        "rule": f.rule,
        "severity": f.severity.key(),
        "message": f.message,
        "nodes": f.nodes,
        "edges": f.edges,
        "fix": f.fix,
        "guide_section": f.guide_section,
        "suppressed": f.suppressed,
    });
    if let (Some(file), Some(obj)) = (file, v.as_object_mut()) {
        obj.insert("file".into(), json!(file));
    }
    v
}

/// JSON: `{"findings":[{"rule","severity","message","nodes","edges","fix","guide_section",
/// "suppressed"}],"summary":{…}}`. With several files each finding also carries `"file"`, and
/// the summary lists every file with its own counts, level and ladder stage.
pub fn json(checked: &[Checked<'_>]) -> Value {
    let several = checked.len() > 1;
    let findings: Vec<Value> = checked
        .iter()
        .flat_map(|c| {
            c.report
                .findings
                .iter()
                .map(move |f| finding_json(f, several.then_some(c.path)))
        })
        .collect();
    let total = |count: &dyn Fn(&Report) -> usize| -> usize {
        checked.iter().map(|c| count(c.report)).sum()
    };
    let files: Vec<Value> = checked
        .iter()
        .map(|c| {
            let r = c.report;
            let mut file = json!({
                "file": c.path,
                "level": level_key(c.level),
                "errors": r.count(Severity::Error),
                "warnings": r.count(Severity::Warning),
                "info": r.count(Severity::Info),
                "suppressed": r.suppressed(),
                "profile": r.profile,
            });
            if let (true, Some(obj)) = (r.hidden > 0, file.as_object_mut()) {
                obj.insert("hidden".into(), json!(r.hidden));
            }
            file
        })
        .collect();
    json!({
        "findings": findings,
        "summary": {
            "errors": total(&|r| r.count(Severity::Error)),
            "warnings": total(&|r| r.count(Severity::Warning)),
            "info": total(&|r| r.count(Severity::Info)),
            "suppressed": total(&|r| r.suppressed()),
            "files": files,
        }
    })
}

/// `archway rules --format json`: every rule's metadata.
pub fn rules_json() -> Value {
    Value::Array(
        rules::all()
            .iter()
            .map(|r| {
                let m = r.meta();
                json!({
                    "id": m.id,
                    "number": m.number,
                    "title": m.title,
                    "severity": m.severity.key(),
                    "category": m.category,
                    "scope": m.scope,
                    "guide_section": m.guide_section,
                    "fix": m.fix,
                })
            })
            .collect(),
    )
}

/// `archway rules`: one line per rule, tab-separated: id, severity, category, guide section
/// and title.
pub fn rules_text() -> String {
    let mut s = String::new();
    for r in rules::all() {
        let m = r.meta();
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t§{}\t{}",
            m.id,
            m.severity.key(),
            m.category,
            m.guide_section,
            m.title
        );
    }
    s
}

/// `archway explain RULE`: the rule's title line, severity, category, scope and guide section,
/// then its documentation.
pub fn explain(m: &RuleMeta) -> String {
    format!(
        "{} ({}): {}\n{} · {} · scope {} · guide §{}\n\n{}\n",
        m.id,
        m.number,
        m.title,
        m.severity.key(),
        m.category,
        match m.scope {
            Scope::Shape => "shape",
            Scope::Detail => "detail",
        },
        m.guide_section,
        m.doc_markdown()
    )
}
