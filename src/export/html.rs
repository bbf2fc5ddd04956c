//! The review report as one self-contained HTML page: inline SVG diagram and inline CSS, no
//! scripts and no network, readable when printed. Written as well-formed XHTML-compatible markup
//! so it also parses as XML; all user text is escaped.

use super::escape::{xml, xml_multiline};
use super::markdown::{
    capacity_rows, components_by_kind, cost, figure, finding_targets, findings_summary, node_name,
    severity_label, workload_facts,
};
use super::{Options, Review};
use crate::critique::{Finding, Severity};
use crate::model::{Design, catalog};
use std::fmt::Write as _;

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Ubuntu, Roboto, sans-serif; color: #1f2937; background: #ffffff; margin: 0; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 1.8em; margin: 0.2em 0 0.3em; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; border-bottom: 1px solid #e5e7eb; padding-bottom: 0.2em; }
p.summary { color: #4b5563; }
.notes { white-space: pre-wrap; background: #f9fafb; border-left: 3px solid #d1d5db; padding: 8px 12px; }
figure { margin: 16px 0; border: 1px solid #e5e7eb; border-radius: 8px; padding: 8px; overflow: auto; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border: 1px solid #e5e7eb; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { display: inline-block; border-radius: 9px; padding: 0 8px; color: #ffffff; font-size: 0.85em; font-weight: 600; }
.sev-error { background: #dc2626; } .sev-warning { background: #d97706; } .sev-info { background: #2563eb; }
code { font-size: 0.92em; }
ul.facts { columns: 2; }
footer { margin-top: 32px; color: #9ca3af; font-size: 0.85em; }
@media print {
  main { max-width: none; padding: 0; }
  figure { border: none; break-inside: avoid; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .sev, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev sev-error",
        Severity::Warning => "sev sev-warning",
        Severity::Info => "sev sev-info",
    }
}

/// Renders the review report page. The diagram follows `options` (theme, badges).
pub fn render(design: &Design, review: &Review, options: &Options) -> String {
    let report = &review.report;
    let title = if design.metadata.title.trim().is_empty() {
        "Untitled design"
    } else {
        design.metadata.title.trim()
    };
    let mut out = String::with_capacity(8192 + design.nodes.len() * 1200);
    out.push_str("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(out, "<title>{} · design review</title>", xml(title));
    let _ = writeln!(out, "<style>{CSS}</style>\n</head>\n<body>\n<main>");
    let _ = writeln!(out, "<h1>{}</h1>", xml(title));
    if !design.metadata.description.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"description\">{}</p>",
            xml(design.metadata.description.trim())
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"summary\"><strong>Review level:</strong> {} · <strong>Findings:</strong> {} · <strong>Components:</strong> {} · <strong>Connections:</strong> {}</p>",
        match design.review_level {
            crate::model::ReviewLevel::Sketch => "sketch",
            crate::model::ReviewLevel::Production => "production",
        },
        xml(&findings_summary(report)),
        design.nodes.len(),
        design.edges.len()
    );

    let _ = writeln!(
        out,
        "<p class=\"summary\"><strong>Scaling ladder (guide §3.10):</strong> {}{}</p>",
        xml(&report.profile.summary()),
        report
            .profile
            .next
            .map(|n| format!("; next, stage {}: {}", n.number, xml(n.adds)))
            .unwrap_or_default()
    );
    let svg = super::diagram(design, review, options);
    let svg = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .unwrap_or(&svg);
    out.push_str("<figure>\n");
    out.push_str(svg);
    out.push_str("</figure>\n");

    if !design.metadata.notes.trim().is_empty() {
        let _ = writeln!(
            out,
            "<h2>Notes</h2>\n<div class=\"notes\">{}</div>",
            xml_multiline(design.metadata.notes.trim())
        );
    }

    let facts = workload_facts(design);
    if !facts.is_empty() {
        out.push_str("<h2>Workload</h2>\n<ul class=\"facts\">\n");
        for (name, value) in facts {
            let _ = writeln!(out, "<li>{name}: {}</li>", xml(&value));
        }
        out.push_str("</ul>\n");
    }

    out.push_str("<h2>Components</h2>\n");
    if design.nodes.is_empty() {
        out.push_str("<p>The design has no components yet.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>Kind</th><th>Count</th><th>Components</th></tr></thead>\n<tbody>\n");
        for (kind, nodes) in components_by_kind(design) {
            let names = nodes
                .iter()
                .map(|n| node_name(n))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                catalog::node_info(kind).name,
                nodes.len(),
                xml(&names)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<h2>Findings</h2>\n");
    let active: Vec<&Finding> = report.active().collect();
    if active.is_empty() {
        out.push_str("<p>No findings: the review found nothing to change.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>Severity</th><th>Rule</th><th>Message</th><th>Components</th><th>Fix</th><th>Guide</th></tr></thead>\n<tbody>\n");
        for f in active {
            let _ = writeln!(
                out,
                "<tr><td><span class=\"{}\">{}</span></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>§{}</td></tr>",
                sev_class(f.severity),
                severity_label(f.severity),
                xml(f.rule),
                xml(&f.message),
                xml(&finding_targets(design, f)),
                xml(f.fix),
                xml(f.guide_section)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    let suppressed: Vec<&Finding> = report.suppressed_findings().collect();
    if !suppressed.is_empty() {
        out.push_str("<h2>Suppressed findings</h2>\n<table>\n<thead><tr><th>Rule</th><th>Message</th><th>Components</th><th>Reason</th></tr></thead>\n<tbody>\n");
        for f in suppressed {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                xml(f.rule),
                xml(&f.message),
                xml(&finding_targets(design, f)),
                xml(f.suppressed.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    out.push_str("<h2>Capacity and cost</h2>\n");
    let rows = capacity_rows(design, &review.estimate);
    if rows.is_empty() {
        out.push_str("<p>No estimate: the design has no workload figures or no component with a known capacity.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>Component</th><th>Kind</th><th>Peak load</th><th>Capacity</th><th>Utilisation</th><th>Status</th><th>Monthly cost</th></tr></thead>\n<tbody>\n");
        for row in rows {
            out.push_str("<tr>");
            for (i, c) in row.iter().enumerate() {
                let class = if matches!(i, 2 | 3 | 4 | 6) {
                    " class=\"num\""
                } else {
                    ""
                };
                let _ = write!(out, "<td{class}>{}</td>", xml(c));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        let est = &review.estimate;
        let _ = write!(
            out,
            "<p><strong>Total monthly cost:</strong> {}",
            xml(&cost(&est.total_cost))
        );
        if let Some(b) = &est.bottleneck {
            let _ = write!(out, " · <strong>Bottleneck:</strong> {}", xml(b));
        }
        if let Some(h) = est.headroom {
            let _ = write!(out, " · <strong>Headroom:</strong> {}×", figure(h));
        }
        out.push_str("</p>\n");
    }
    out.push_str("<footer>Exported by Archway.</footer>\n</main>\n</body>\n</html>\n");
    out
}
