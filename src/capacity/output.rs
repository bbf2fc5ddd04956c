//! The estimate for people and tools: the per-node table with its totals as text, and the same
//! figures as JSON (`archway estimate`).

use super::workload::Origin;
use super::{Estimate, format};
use crate::model::Design;
use crate::model::text::terminal_safe;
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
    /// Ids of the billable components with no price (not in `total_cost`).
    unpriced_nodes: Vec<&'a str>,
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
        unpriced_nodes: est.unpriced(design).iter().map(|n| n.id.as_str()).collect(),
        bottleneck: &est.bottleneck,
        headroom: est.headroom,
    }
}

/// `unpriced (not in the total; …): a, b, c`, naming every billable component without a
/// price, or `None` when there is none.
pub fn unpriced_line(design: &Design, est: &Estimate) -> Option<String> {
    let unpriced = est.unpriced(design);
    if unpriced.is_empty() {
        return None;
    }
    Some(format!(
        "unpriced, not in the total: {}. The guide prices only server and database tiers \
         (§3.10): set a `tier` on servers and databases, and state a `monthly_cost` (`40` or \
         `40-60` dollars) on managed and serverless services from their provider's price",
        unpriced
            .iter()
            .map(|n| format!("`{}`", n.id.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The estimator's assumptions, in words: the workload it assumed when the design states none
/// (empty when the design states one) and the tiers it assumed.
pub fn assumptions(design: &Design, est: &Estimate) -> Vec<String> {
    let mut out: Vec<String> = est
        .workload
        .iter()
        .flat_map(|w| w.assumptions.iter().cloned())
        .collect();
    for (n, e) in design.nodes.iter().zip(&est.nodes) {
        for note in e
            .notes
            .iter()
            .filter(|t| t.starts_with(super::TIER_ASSUMED_NOTE))
        {
            out.push(format!("`{}`: {note}", n.id));
        }
    }
    out
}

/// What the estimate cannot say, in words: an unknown peak, components without a price or a
/// capacity, remarks on single components (a cycle cut, no traffic), no known bottleneck.
pub fn caveats(design: &Design, est: &Estimate) -> Vec<String> {
    let mut out = Vec::new();
    if est.workload.as_ref().is_some_and(|w| w.peak_rps.is_none()) {
        out.push("peak traffic unknown: set workload dau, concurrent_peak or peak_rps".to_owned());
    }
    out.extend(unpriced_line(design, est));
    for (n, e) in design.nodes.iter().zip(&est.nodes) {
        for note in &e.notes {
            // Assumed tiers are listed with the assumptions.
            if !note.starts_with(super::TIER_ASSUMED_NOTE) {
                out.push(format!("`{}`: {note}", n.id));
            }
        }
    }
    if est.bottleneck.is_none() {
        out.push("bottleneck: none known (no component has both a load and a capacity)".to_owned());
    }
    out
}

fn origin(o: Origin) -> &'static str {
    o.key()
}

/// The human-readable table.
pub fn text(design: &Design, est: &Estimate) -> String {
    let mut out = String::new();
    // The title is the one free text printed (ids cannot hold control characters).
    let _ = writeln!(
        out,
        "Capacity estimate: {}",
        terminal_safe(&design.metadata.title)
    );
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
    let assumed_tiers = est.nodes.iter().filter(|e| e.tier_assumed).count();
    let _ = writeln!(
        out,
        "monthly cost: {}{}",
        est.total(design).text(super::CostRange::text),
        if assumed_tiers > 0 {
            format!(" (assumed: {assumed_tiers} of the tiers)")
        } else {
            String::new()
        },
    );
    if let Some(line) = unpriced_line(design, est) {
        let _ = writeln!(out, "{line}");
    }
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
