//! The review report in GitHub-flavoured Markdown: title, description and notes, the diagram
//! (a sibling SVG), components by kind, findings with guide sections, suppressed findings with
//! their reasons, and the capacity and cost estimate. User text never becomes raw HTML.
//!
//! The section builders here ([`components_by_kind`], [`capacity_rows`], …) are shared with the
//! HTML report so both carry the same content.

use super::Review;
use super::escape::{markdown_cell as cell, markdown_text as text};
use crate::capacity::{CostRange, Estimate, Status};
use crate::critique::{Finding, Report, Severity};
use crate::model::{Design, Node, NodeKind, catalog};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Nodes grouped by kind, in palette order; kinds with no node are left out.
pub fn components_by_kind(design: &Design) -> Vec<(NodeKind, Vec<&Node>)> {
    NodeKind::ALL
        .iter()
        .filter_map(|&k| {
            let nodes: Vec<&Node> = design.nodes.iter().filter(|n| n.kind == k).collect();
            (!nodes.is_empty()).then_some((k, nodes))
        })
        .collect()
}

/// `Label (id)` for a node, or the id alone when the label is the id.
pub fn node_name(node: &Node) -> String {
    let label = node.display_label();
    if label == node.id.as_str() {
        label.to_owned()
    } else {
        format!("{label} ({})", node.id.as_str())
    }
}

/// The components a finding points at, as readable names (nodes first, then edges).
pub fn finding_targets(design: &Design, f: &Finding) -> String {
    if f.nodes.is_empty() && f.edges.is_empty() {
        return "whole design".to_owned();
    }
    let names: HashMap<&str, &Node> = design.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    f.nodes
        .iter()
        .map(|id| {
            names
                .get(id.as_str())
                .map_or_else(|| id.as_str().to_owned(), |n| node_name(n))
        })
        .chain(f.edges.iter().map(|e| format!("edge {}", e.as_str())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Error`, `Warning`, `Info`.
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

/// One-line summary of the active findings (`2 errors, 1 warning, 0 info; 1 suppressed`).
pub fn findings_summary(report: &Report) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 || word == "info" {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let suppressed = report.suppressed();
    let mut s = format!(
        "{}, {}, {}",
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Info), "info")
    );
    if suppressed > 0 {
        let _ = write!(s, "; {suppressed} suppressed");
    }
    s
}

/// A number with thousands separators and at most one decimal below 100.
pub fn figure(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    if v.abs() < 100.0 && v.fract() != 0.0 {
        return format!("{v:.1}");
    }
    let whole = v.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 {
        out.insert(0, '-');
    }
    out
}

/// `$1,200–$2,400` per month, or one figure when both ends agree.
pub fn cost(c: &CostRange) -> String {
    if (c.max - c.min).abs() < 0.5 {
        format!("${}", figure(c.min))
    } else {
        format!("${}–${}", figure(c.min), figure(c.max))
    }
}

/// One row of the capacity table: component, kind, peak load, capacity, utilisation, status,
/// monthly cost (all already formatted; user text not yet escaped).
pub fn capacity_rows(design: &Design, estimate: &Estimate) -> Vec<[String; 7]> {
    design
        .nodes
        .iter()
        .zip(&estimate.nodes)
        .filter(|(_, e)| e.load_rps.is_some() || e.capacity_rps.is_some() || e.cost.is_some())
        .map(|(n, e)| {
            let opt = |v: Option<f64>, unit: &str| {
                v.map_or_else(|| "–".to_owned(), |v| format!("{}{unit}", figure(v)))
            };
            [
                node_name(n),
                catalog::node_info(n.kind).name.to_owned(),
                opt(e.load_rps, " req/s"),
                opt(e.capacity_rps, " req/s"),
                opt(e.utilisation.map(|u| u * 100.0), " %"),
                status_label(e.status).to_owned(),
                e.cost.as_ref().map_or_else(|| "–".to_owned(), cost),
            ]
        })
        .collect()
}

/// `ok`, `hot`, `over capacity`, `unknown`.
pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Unknown => "unknown",
        Status::Ok => "ok",
        Status::Hot => "hot",
        Status::Over => "over capacity",
    }
}

/// The design's workload figures as `(name, value)` pairs, for the reports.
pub fn workload_facts(design: &Design) -> Vec<(&'static str, String)> {
    let w = &design.workload;
    let mut facts = Vec::new();
    let mut add = |name, v: Option<f64>, unit: &str| {
        if let Some(v) = v {
            facts.push((name, format!("{}{unit}", figure(v))));
        }
    };
    add("Daily active users", w.dau.map(|v| v as f64), "");
    add(
        "Concurrent users at peak",
        w.concurrent_peak.map(|v| v as f64),
        "",
    );
    add("Peak requests", w.peak_rps, " req/s");
    add("Read queries", w.read_qps, " q/s");
    add("Write queries", w.write_qps, " q/s");
    add("Reads per write", w.read_write_ratio, "");
    add("Latency target", w.latency_target_ms, " ms");
    add("Availability target", w.availability_target_pct, " %");
    facts
}

/// Percent-encodes a file name for a Markdown link target.
fn link_target(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Escapes text for a link's alt text (`[` and `]` too).
fn alt(s: &str) -> String {
    text(s)
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('\n', " ")
}

/// Paragraphs of free text, each line escaped; blank lines kept as paragraph breaks.
fn paragraphs(out: &mut String, s: &str) {
    for line in s.trim().lines() {
        let _ = writeln!(out, "{}", text(line.trim_end()));
    }
    out.push('\n');
}

/// Renders the review report. `svg_link` is the diagram's file name, relative to the report.
pub fn render(design: &Design, review: &Review, svg_link: Option<&str>) -> String {
    let report = &review.report;
    let mut out = String::with_capacity(4096 + design.nodes.len() * 80);
    let title = if design.metadata.title.trim().is_empty() {
        "Untitled design"
    } else {
        design.metadata.title.trim()
    };
    let _ = writeln!(out, "# {}\n", text(&title.replace('\n', " ")));
    if !design.metadata.description.trim().is_empty() {
        paragraphs(&mut out, &design.metadata.description);
    }
    let _ = writeln!(
        out,
        "**Review level:** {} · **Findings:** {} · **Components:** {} · **Connections:** {}\n",
        match design.review_level {
            crate::model::ReviewLevel::Sketch => "sketch",
            crate::model::ReviewLevel::Production => "production",
        },
        findings_summary(report),
        design.nodes.len(),
        design.edges.len()
    );
    let _ = writeln!(
        out,
        "**Scaling ladder (guide §3.10):** {}{}\n",
        text(&report.profile.summary()),
        report
            .profile
            .next
            .map(|n| format!("; next, stage {}: {}", n.number, text(n.adds)))
            .unwrap_or_default()
    );
    if let Some(link) = svg_link {
        let _ = writeln!(out, "![Diagram of {}]({})\n", alt(title), link_target(link));
    }
    if !design.metadata.notes.trim().is_empty() {
        out.push_str("## Notes\n\n");
        paragraphs(&mut out, &design.metadata.notes);
    }

    let facts = workload_facts(design);
    if !facts.is_empty() {
        out.push_str("## Workload\n\n");
        for (name, value) in facts {
            let _ = writeln!(out, "- {name}: {value}");
        }
        out.push('\n');
    }

    out.push_str("## Components\n\n");
    if design.nodes.is_empty() {
        out.push_str("The design has no components yet.\n\n");
    } else {
        out.push_str("| Kind | Count | Components |\n|---|---:|---|\n");
        for (kind, nodes) in components_by_kind(design) {
            let names = nodes
                .iter()
                .map(|n| node_name(n))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                catalog::node_info(kind).name,
                nodes.len(),
                cell(&names)
            );
        }
        out.push('\n');
    }

    out.push_str("## Findings\n\n");
    let active: Vec<&Finding> = report.active().collect();
    if active.is_empty() {
        out.push_str("No findings: the review found nothing to change.\n\n");
    } else {
        out.push_str(
            "| Severity | Rule | Message | Components | Fix | Guide |\n|---|---|---|---|---|---|\n",
        );
        for f in active {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | §{} |",
                severity_label(f.severity),
                cell(f.rule),
                cell(&f.message),
                cell(&finding_targets(design, f)),
                cell(f.fix),
                cell(f.guide_section)
            );
        }
        out.push('\n');
    }

    let suppressed: Vec<&Finding> = report.suppressed_findings().collect();
    if !suppressed.is_empty() {
        out.push_str("## Suppressed findings\n\n");
        out.push_str("| Rule | Message | Components | Reason |\n|---|---|---|---|\n");
        for f in suppressed {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(f.rule),
                cell(&f.message),
                cell(&finding_targets(design, f)),
                cell(f.suppressed.as_deref().unwrap_or(""))
            );
        }
        out.push('\n');
    }

    out.push_str("## Capacity and cost\n\n");
    let rows = capacity_rows(design, &review.estimate);
    if rows.is_empty() {
        out.push_str(
            "No estimate: the design has no workload figures or no component with a known capacity.\n",
        );
    } else {
        out.push_str("| Component | Kind | Peak load | Capacity | Utilisation | Status | Monthly cost |\n|---|---|---:|---:|---:|---|---:|\n");
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        let est = &review.estimate;
        let _ = write!(out, "\n**Total monthly cost:** {}", cost(&est.total_cost));
        if let Some(b) = &est.bottleneck {
            let _ = write!(out, " · **Bottleneck:** {}", text(b));
        }
        if let Some(h) = est.headroom {
            let _ = write!(out, " · **Headroom:** {}×", figure(h));
        }
        out.push('\n');
    }
    out
}
