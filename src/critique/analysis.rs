//! The one analysis pipeline: index → capacity estimate → critique, then suppressions and
//! review order. The editor, the exports and the command line all call [`Analysis`].

use super::{Context, Finding, Report, Scope, profile, rules};
use crate::capacity::Estimate;
use crate::index::Index;
use crate::model::{Design, ReviewLevel, Suppression};

/// Everything derived from a design for people to read: the capacity estimate and the review.
/// The one pipeline (index → estimate → critique) that the editor, the exports and the command
/// line all run.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// The findings, ranked, with suppressions applied, and the design's scaling stage.
    pub report: Report,
    /// Peak load, utilisation and cost per component. When the design states no workload,
    /// this is the estimate with assumed figures ([`crate::capacity::estimate_or_assume`], every
    /// assumption marked); the review itself never judges assumed figures.
    pub estimate: Estimate,
}

impl Analysis {
    /// Analyses a design at its own review level.
    pub fn of(design: &Design) -> Self {
        Self::at(design, design.review_level)
    }

    /// Analyses a design at `level` (the command line's `--level` overrides the file's).
    pub fn at(design: &Design, level: ReviewLevel) -> Self {
        let index = Index::new(design);
        let estimate = crate::capacity::estimate(design, &index);
        let report = review_with(design, &index, &estimate, level);
        let stated = estimate
            .workload
            .as_ref()
            .is_some_and(|w| w.peak_rps.is_some());
        let estimate = if stated {
            estimate
        } else {
            crate::capacity::estimate_or_assume(design, &index)
        };
        Self { report, estimate }
    }
}

/// Reviews a design at its own review level (the report of [`Analysis::of`]).
pub fn review(design: &Design) -> Report {
    Analysis::of(design).report
}

/// Reviews a design at `level` (the report of [`Analysis::at`]).
pub fn review_at(design: &Design, level: ReviewLevel) -> Report {
    Analysis::at(design, level).report
}

/// Reviews a design with an index and estimate the caller already has.
pub fn review_with(
    design: &Design,
    index: &Index<'_>,
    estimate: &Estimate,
    level: ReviewLevel,
) -> Report {
    let cx = Context {
        design,
        index,
        thresholds: design.workload.thresholds.resolved(),
        estimate,
        rules: rules::all(),
    };
    let mut findings = Vec::new();
    for rule in rules::all() {
        let meta = rule.meta();
        if level == ReviewLevel::Sketch && meta.scope == Scope::Detail {
            continue;
        }
        rule.check(&cx, &mut findings);
    }
    apply_suppressions(design, &mut findings);
    rank(&mut findings, index);
    Report {
        findings,
        profile: profile::profile(design, index),
    }
}

/// Marks each finding that a valid suppression of the design covers: same rule, and either no
/// target or a target among the finding's nodes or edges. A suppression with an empty reason
/// covers nothing (SUPPRESSION-INVALID reports it), and findings of SUPPRESSION-INVALID itself
/// are never suppressed. The first matching suppression in file order gives the reason.
pub fn apply_suppressions(design: &Design, findings: &mut [Finding]) {
    let valid: Vec<&Suppression> = design
        .suppressions
        .iter()
        .filter(|s| !s.reason.trim().is_empty())
        .collect();
    if valid.is_empty() {
        return;
    }
    for f in findings.iter_mut() {
        if f.rule == rules::SUPPRESSION_INVALID {
            continue;
        }
        let covering = valid.iter().find(|s| {
            s.rule == f.rule
                && s.target.as_deref().is_none_or(|t| {
                    f.nodes.iter().any(|n| n.as_str() == t)
                        || f.edges.iter().any(|e| e.as_str() == t)
                })
        });
        if let Some(s) = covering {
            f.suppressed = Some(s.reason.trim().to_owned());
        }
    }
}

/// How close a finding is to the user: the smallest user-path depth over its nodes (and the
/// endpoints of its edges); `u32::MAX` when none of them is on the user path.
fn centrality(f: &Finding, index: &Index<'_>) -> u32 {
    let edge_ends = f
        .edges
        .iter()
        .filter_map(|e| index.edge_index(e.as_str()))
        .flat_map(|e| [index.source(e), index.target(e)]);
    f.nodes
        .iter()
        .filter_map(|n| index.node_index(n.as_str()))
        .chain(edge_ends.flatten())
        .filter_map(|n| index.user_path_depth(n))
        .min()
        .unwrap_or(u32::MAX)
}

/// Sorts findings into review order: active before suppressed, then severity, then centrality
/// (closest to the user first, components off the user path last), then rule id, then the ids
/// pointed at and the message, so the order is fully deterministic.
pub fn rank(findings: &mut [Finding], index: &Index<'_>) {
    let mut keyed: Vec<(u32, usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (centrality(f, index), i))
        .collect();
    keyed.sort_unstable_by(|&(ca, a), &(cb, b)| {
        let (fa, fb) = (&findings[a], &findings[b]);
        (
            fa.suppressed.is_some(),
            fa.severity,
            ca,
            fa.rule,
            &fa.nodes,
            &fa.edges,
            &fa.message,
        )
            .cmp(&(
                fb.suppressed.is_some(),
                fb.severity,
                cb,
                fb.rule,
                &fb.nodes,
                &fb.edges,
                &fb.message,
            ))
    });
    let mut order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    permute_in_place(findings, &mut order);
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`, by swapping along the
/// permutation's cycles: no clones, each element moves once. `order` is consumed (marked).
fn permute_in_place<T>(items: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        if order[start] == DONE {
            continue;
        }
        let mut cur = start;
        loop {
            let next = order[cur];
            order[cur] = DONE;
            if next == start || next == DONE {
                break;
            }
            items.swap(cur, next);
            cur = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute_in_place;

    #[test]
    fn permutation_places_each_source_at_its_slot() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        let mut order = vec![3, 0, 4, 1, 2];
        permute_in_place(&mut items, &mut order);
        assert_eq!(items, vec!['d', 'a', 'e', 'b', 'c']);
        let mut same = vec![1, 2, 3];
        permute_in_place(&mut same, &mut [0, 1, 2]);
        assert_eq!(same, vec![1, 2, 3]);
    }
}
