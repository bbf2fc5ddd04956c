//! SARIF 2.1.0 output for code-scanning tools: one run, every rule as the tool's rule
//! metadata (with each rule's documentation as help text), and one result per finding located
//! at the design file and, when found, the line declaring the node or edge.

use super::output::{Checked, finding_line, id_lines};
use super::{Severity, rules};
use crate::model::text::terminal_safe;
use serde_json::{Value, json};
use std::collections::HashMap;

/// The schema URI written into the log.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule id as a SARIF rule `name`: `SPOF-LB` → `SpofLb`.
fn pascal_name(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase())
                .unwrap_or_default()
        })
        .collect()
}

/// A relative path as a URI reference: forward slashes, and characters outside the unreserved
/// set percent-encoded.
pub fn uri_from_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule_descriptors() -> Vec<Value> {
    rules::all()
        .iter()
        .map(|r| {
            let m = r.meta();
            let doc = m.doc_markdown();
            json!({
                "id": m.id,
                "name": pascal_name(m.id),
                "shortDescription": { "text": m.title },
                "fullDescription": { "text": format!("{} ({}, guide §{})", m.title, m.number, m.guide_section) },
                "help": { "text": doc, "markdown": doc },
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": {
                    "number": m.number,
                    "category": m.category,
                    "scope": m.scope,
                    "guide_section": m.guide_section,
                    "tags": [m.category],
                },
            })
        })
        .collect()
}

/// The SARIF log for the checked files.
pub fn log(checked: &[Checked<'_>]) -> Value {
    let rule_index: HashMap<&str, usize> = rules::all()
        .iter()
        .enumerate()
        .map(|(i, r)| (r.meta().id, i))
        .collect();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    for (ai, c) in checked.iter().enumerate() {
        let uri = uri_from_path(c.path);
        artifacts.push(json!({ "location": { "uri": uri } }));
        let lines = id_lines(c.text);
        for f in &c.report.findings {
            let mut physical = json!({
                "artifactLocation": { "uri": uri, "index": ai },
            });
            if let Some(line) = finding_line(f, &lines) {
                physical["region"] = json!({ "startLine": line });
            }
            let logical: Vec<Value> = f
                .nodes
                .iter()
                .map(|n| json!({ "name": n.as_str(), "kind": "node" }))
                .chain(
                    f.edges
                        .iter()
                        .map(|e| json!({ "name": e.as_str(), "kind": "edge" })),
                )
                .collect();
            let mut location = json!({ "physicalLocation": physical });
            if !logical.is_empty() {
                location["logicalLocations"] = Value::Array(logical);
            }
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                // Code-scanning pages show this text to reviewers as is: hidden characters
                // from labels are written as visible escapes.
                "message": { "text": terminal_safe(&format!("{}. Fix: {} (guide §{})", f.message, f.fix, f.guide_section)) },
                "locations": [location],
                "properties": { "guide_section": f.guide_section },
            });
            if let Some(&i) = rule_index.get(f.rule) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(reason) = &f.suppressed {
                result["suppressions"] =
                    json!([{ "kind": "inSource", "justification": terminal_safe(reason) }]);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "archway",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rule_descriptors(),
                }
            },
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}
