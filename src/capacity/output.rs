//! The estimate for people and tools: the per-node table with its totals as text, and the same
//! figures as JSON (`archway estimate`).

use super::workload::Origin;
use super::{Estimate, format};
use crate::model::Design;
use serde::Serialize;
use std::fmt::Write as _;

/// The estimate as pretty-printed JSON, ending in a newline: the design's title, the resolved
/// workload, every node (id, kind and its estimate) and the totals.
pub fn json(design: &Design, est: &Estimate) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&json_document(design, est)).map(|s| s + "\n")
}

/// One node in the JSON output: its id and kind with the estimate's fields.
#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    kind: &'static str,
    #[serde(flatten)]
    estimate: &'a super::NodeEstimate,
}

/// The JSON document.
#[derive(Serialize)]
struct JsonEstimate<'a> {
    title: &'a str,
    workload: &'a Option<super::ResolvedWorkload>,
    nodes: Vec<JsonNode<'a>>,
    total_cost: super::CostRange,
    priced_nodes: usize,
    bottleneck: &'a Option<String>,
    headroom: Option<f64>,
}

fn json_document<'a>(design: &'a Design, est: &'a Estimate) -> JsonEstimate<'a> {
    JsonEstimate {
        title: &design.metadata.title,
        workload: &est.workload,
        nodes: design
            .nodes
            .iter()
            .zip(&est.nodes)
            .map(|(n, e)| JsonNode {
                id: n.id.as_str(),
                kind: n.kind.key(),
                estimate: e,
            })
            .collect(),
        total_cost: est.total_cost,
        priced_nodes: est.priced_nodes,
        bottleneck: &est.bottleneck,
        headroom: est.headroom,
    }
}

fn origin(o: Origin) -> &'static str {
    o.key()
}

/// The human-readable table.
pub fn text(design: &Design, est: &Estimate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Capacity estimate: {}", design.metadata.title);
    if let Some(w) = &est.workload {
        match w.peak_rps {
            Some(r) => {
                let _ = writeln!(
                    out,
                    "peak traffic: {} req/s ({}: {})",
                    format::thousands(r),
                    origin(w.peak_rps_origin),
                    w.peak_rps_basis
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "peak traffic: unknown (set workload dau, concurrent_peak or peak_rps)"
                );
            }
        }
        if let Some(c) = w.concurrent_users {
            let _ = writeln!(
                out,
                "concurrent users at peak: {} ({})",
                format::thousands(c),
                origin(w.concurrent_origin)
            );
        }
        let _ = writeln!(
            out,
            "reads: {} of requests (read:write {}:1, {}); cache hit ratio {} ({})",
            format::percent(w.read_share),
            format::thousands(w.read_write_ratio),
            origin(w.read_write_origin),
            w.cache_hit_ratio,
            origin(w.cache_hit_origin)
        );
        if !w.assumptions.is_empty() {
            let _ = writeln!(
                out,
                "assumptions (the design states no workload; set workload dau, concurrent_peak \
                 or peak_rps to replace them):"
            );
            for a in &w.assumptions {
                let _ = writeln!(out, "  - {a}");
            }
        }
    }
    let _ = writeln!(out);
    let rows: Vec<[String; 9]> = design
        .nodes
        .iter()
        .zip(&est.nodes)
        .map(|(n, e)| {
            [
                n.id.to_string(),
                n.kind.key().to_owned(),
                match (e.tier, e.tier_assumed) {
                    (Some(t), true) => format!("{t} (assumed)"),
                    (Some(t), false) => t.to_owned(),
                    (None, _) => "-".to_owned(),
                },
                e.instances.to_string(),
                e.load_rps
                    .map(|v| format!("{} {}", format::thousands(v), e.unit.label()))
                    .unwrap_or_else(|| "-".to_owned()),
                match e.capacity_rps {
                    Some(v) => format!("{} {}", format::thousands(v), e.unit.label()),
                    None if e.elastic => "scales".to_owned(),
                    None => "-".to_owned(),
                },
                e.utilisation
                    .map(format::percent)
                    .unwrap_or_else(|| "-".to_owned()),
                e.status.key().to_owned(),
                e.cost.map(|c| c.text()).unwrap_or_else(|| "-".to_owned()),
            ]
        })
        .collect();
    let header = [
        "node",
        "kind",
        "tier",
        "inst",
        "load",
        "capacity",
        "util",
        "status",
        "cost/month",
    ];
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[&str]| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w - c.chars().count();
            // Numbers right-aligned, words left-aligned.
            if matches!(i, 3..=6 | 8) {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            }
            s.push_str("  ");
        }
        s.trim_end().to_owned()
    };
    let _ = writeln!(out, "{}", line(&header));
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        let _ = writeln!(out, "{}", line(&cells));
    }
    let notes: Vec<String> = design
        .nodes
        .iter()
        .zip(&est.nodes)
        .flat_map(|(n, e)| {
            e.notes
                .iter()
                .map(move |note| format!("  {}: {note}", n.id))
        })
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(out, "\nnotes:");
        for n in notes {
            let _ = writeln!(out, "{n}");
        }
    }
    let _ = writeln!(out);
    let unpriced = design.nodes.len() - est.priced_nodes;
    let assumed_tiers = est.nodes.iter().filter(|e| e.tier_assumed).count();
    let _ = writeln!(
        out,
        "monthly cost: {}{} for {} priced components ({} without a guide tier price not included)",
        est.total_cost.text(),
        if assumed_tiers > 0 {
            format!(" (assumed: {assumed_tiers} of the tiers)")
        } else {
            String::new()
        },
        est.priced_nodes,
        unpriced
    );
    match (&est.bottleneck, est.headroom) {
        (Some(b), Some(h)) => {
            let u = 1.0 / h;
            let _ = writeln!(
                out,
                "bottleneck: {b} at {}; headroom: load can grow {h:.2}× before it saturates",
                format::percent(u)
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "bottleneck: none known (no component has both a load and a capacity)"
            );
        }
    }
    out
}
