//! What a review draws on a design: the failure picture of a what-if (failed components
//! crossed, lost ones red, degraded ones amber, flows by outcome), utilisation at a traffic
//! multiple, and a design diff on the new version (added green, changed amber, removed ones as
//! red ghosts). Each is a [`geometry::Overlay`], drawn alike by the canvas and the SVG export.

use super::diff::{Change, DesignDiff};
use super::whatif::{Outcome, Target, Verdict, WhatIf};
use crate::capacity::format;
use crate::geometry::{Overlay, Tone};
use crate::model::Design;
use crate::model::labels::Labels;

/// The most flows the legend names one by one; the rest are counted.
const MAX_FLOW_LINES: usize = 12;

/// The failure picture of `out`, the outcome of failing `targets` in `w`'s design.
pub fn failure(w: &WhatIf<'_>, targets: &[Target], out: &Outcome) -> Overlay {
    let d = w.index.design;
    let ids: Vec<String> = targets.iter().map(|&t| target_id(d, t)).collect();
    let mut o = Overlay::new(d, format!("What if {} fails", ids.join(" + ")));
    for c in &out.components {
        let tone = match (c.failed, c.verdict) {
            (true, _) => Tone::Failed,
            (false, Verdict::Breaks) => Tone::Lost,
            _ => Tone::Degraded,
        };
        o.mark_node(c.node, tone);
    }
    for &t in targets {
        match t {
            Target::Node(n) => o.mark_node(n, Tone::Failed),
            Target::Edge(e) => o.mark_edge(e, Tone::Failed),
            Target::Container(c) => {
                if let Some(slot) = o.containers.get_mut(c) {
                    *slot = Some(Tone::Failed);
                }
            }
        }
    }
    for (flow, fo) in w.flows.iter().zip(&out.flows) {
        match fo.verdict {
            Verdict::Breaks => o.mark_edge(flow.edge, Tone::Lost),
            Verdict::Degraded => o.mark_edge(flow.edge, Tone::Degraded),
            Verdict::Works => {}
        }
    }
    o.note(Some(Tone::Failed), format!("failed: {}", ids.join(", ")));
    let count = |v: Verdict| out.flows.iter().filter(|f| f.verdict == v).count();
    o.note(
        None,
        format!(
            "flows: {} work, {} degraded, {} break",
            count(Verdict::Works),
            count(Verdict::Degraded),
            count(Verdict::Breaks)
        ),
    );
    let mut shown = 0;
    for v in [Verdict::Breaks, Verdict::Degraded] {
        let tone = if v == Verdict::Breaks {
            Tone::Lost
        } else {
            Tone::Degraded
        };
        for f in out.flows.iter().filter(|f| f.verdict == v) {
            if shown == MAX_FLOW_LINES {
                break;
            }
            shown += 1;
            let why = f.reasons.first().map(String::as_str).unwrap_or("");
            o.note(Some(tone), format!("{} {}: {why}", v.key(), f.flow));
        }
    }
    let listed = count(Verdict::Breaks) + count(Verdict::Degraded);
    if listed > shown {
        o.note(None, format!("… and {} more flows", listed - shown));
    }
    named_by_label(o, &Labels::of(d))
}

/// Utilisation of every component at `multiple` × today's load, and which saturates first.
pub fn traffic(w: &WhatIf<'_>, multiple: f64) -> Overlay {
    let d = w.index.design;
    let mut o = Overlay::new(
        d,
        format!("Traffic at ×{} today's load", format::compact(multiple)),
    );
    let rows = w.traffic(multiple);
    for r in &rows {
        if let Some(n) = w.index.node_index(&r.id) {
            o.mark_node(n, Tone::Load(r.utilisation as f32));
        }
    }
    match rows.first() {
        None => o.note(None, "no component has a utilisation figure"),
        Some(first) => {
            let over = rows.iter().filter(|r| r.utilisation >= 1.0).count();
            o.note(
                Some(Tone::Load(1.0)),
                format!("{over} component(s) over capacity"),
            );
            o.note(
                None,
                format!(
                    "first to saturate: `{}` at ×{} today's load",
                    first.id,
                    format::compact(first.saturates_at)
                ),
            );
            o.note(None, format!("next step: {}", first.next_step));
        }
    }
    named_by_label(o, &Labels::of(d))
}

/// The diff `d` from `old` to `new`, drawn on `new`.
pub fn diff(old: &Design, new: &Design, d: &DesignDiff) -> Overlay {
    let mut o = Overlay::new(new, "Compared with the other version");
    let index_of = |id: &str| new.nodes.iter().position(|n| n.id.as_str() == id);
    for item in &d.nodes {
        match item.change {
            Change::Added | Change::Changed => {
                if let Some(n) = index_of(&item.id) {
                    let tone = if item.change == Change::Added {
                        Tone::Added
                    } else {
                        Tone::Changed
                    };
                    o.mark_node(n, tone);
                }
            }
            Change::Removed => {
                if let Some(node) = old.nodes.iter().find(|n| n.id.as_str() == item.id) {
                    o.ghosts.push(node.clone());
                }
            }
        }
    }
    for item in &d.edges {
        let tone = match item.change {
            Change::Added => Tone::Added,
            Change::Changed => Tone::Changed,
            Change::Removed => continue,
        };
        if let Some(e) = new.edges.iter().position(|e| e.id.as_str() == item.id) {
            o.mark_edge(e, tone);
        }
    }
    for item in &d.containers {
        let tone = match item.change {
            Change::Added => Tone::Added,
            Change::Changed => Tone::Changed,
            Change::Removed => continue,
        };
        if let Some(slot) = new
            .containers
            .iter()
            .position(|c| c.id.as_str() == item.id)
            .and_then(|c| o.containers.get_mut(c))
        {
            *slot = Some(tone);
        }
    }
    let all = d.nodes.iter().chain(&d.edges).chain(&d.containers);
    let count = |c: Change| all.clone().filter(|i| i.change == c).count();
    o.note(Some(Tone::Added), format!("{} added", count(Change::Added)));
    o.note(
        Some(Tone::Removed),
        format!("{} removed", count(Change::Removed)),
    );
    o.note(
        Some(Tone::Changed),
        format!("{} changed", count(Change::Changed)),
    );
    let f = &d.findings;
    o.note(
        None,
        format!(
            "findings: {} fixed, {} introduced, {} still open",
            f.fixed.len(),
            f.introduced.len(),
            f.still_open.len()
        ),
    );
    o
}

/// `o` with the ids its title and legend quote replaced by the components' labels: a picture
/// is read by people, who know the boxes by what they say.
fn named_by_label(mut o: Overlay, labels: &Labels) -> Overlay {
    o.title = labels.readable(&o.title);
    for line in &mut o.legend {
        line.text = labels.readable(&line.text);
    }
    o
}

/// The id a target was named by.
fn target_id(d: &Design, t: Target) -> String {
    match t {
        Target::Node(n) => format!("`{}`", d.nodes[n].id),
        Target::Container(c) => format!("`{}`", d.containers[c].id),
        Target::Edge(e) => format!("`{}`", d.edges[e].id),
    }
}
