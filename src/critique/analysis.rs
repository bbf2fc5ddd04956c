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
        level,
        rules: rules::all(),
    };
    let size = design.nodes.len() + design.edges.len();
    let threads = if size < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
    };
    std::thread::scope(|scope| {
        // The design's profile does not depend on the findings: on a large design it is
        // worked out beside the rules and the ranking.
        let profile = (threads > 1).then(|| scope.spawn(|| profile::profile(design, index)));
        let mut findings = run_rules(&cx, threads);
        apply_suppressions(design, &mut findings);
        drop_unconnected(&mut findings, index);
        // Each finding's ids are looked up once, for the merge and the ranking.
        let targets = Targets::of(&findings, index);
        let mut centrality: Vec<u32> = (0..findings.len())
            .map(|i| targets.centrality(i, index))
            .collect();
        merge_repeats(&mut findings, &targets, &mut centrality, index);
        drop(targets);
        // A sketch review shows exactly the shape class; the detail findings it hides are
        // counted so the summary can say so.
        let mut hidden = 0;
        if level == ReviewLevel::Sketch {
            let before = findings.len();
            let mut shape = findings.iter().map(|f| f.scope == Scope::Shape);
            centrality.retain(|_| shape.next().unwrap_or(false));
            findings.retain(|f| f.scope == Scope::Shape);
            hidden = before - findings.len();
        }
        rank_by(&mut findings, &centrality);
        let profile = match profile {
            Some(helper) => helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => profile::profile(design, index),
        };
        Report {
            findings,
            profile,
            hidden,
        }
    })
}

/// Designs with at least this many nodes and edges run their rules on several threads;
/// below it, starting a thread costs more than it saves.
const PARALLEL_FROM: usize = 2_000;

/// Runs every rule of the registry and returns their findings in registry order (each rule's
/// in the order it found them). With `threads` above one (a large design: up to four) the
/// rules are shared out among that many threads, each taking the next rule not yet started;
/// the findings are the same either way.
fn run_rules(cx: &Context<'_>, threads: usize) -> Vec<Finding> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let all = rules::all();
    if threads <= 1 {
        let mut findings = Vec::new();
        for rule in all {
            rule.check(cx, &mut findings);
        }
        return findings;
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Vec<Finding>)> = Vec::new();
        loop {
            // The rule's place in the registry keeps its findings in order.
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(rule) = all.get(i) else {
                return done;
            };
            let mut found = Vec::new();
            rule.check(cx, &mut found);
            done.push((i, found));
        }
    };
    let mut parts: Vec<(usize, Vec<Finding>)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = work();
        for helper in helpers {
            // A rule that panics on a helper thread panics the review, as it would on one.
            parts.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        parts
    });
    parts.sort_by_key(|&(i, _)| i);
    parts.into_iter().flat_map(|(_, found)| found).collect()
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

/// In a design with nodes and no edge at all, drops the findings that point only at
/// components (NODE-UNCONNECTED's own finding and design-wide findings stay): a box with no connection has no role the other
/// rules could judge (user path, consumer, primary), and the one thing a reviewer says about
/// it is to connect it or remove it.
fn drop_unconnected(findings: &mut Vec<Finding>, index: &Index<'_>) {
    const UNCONNECTED: &str = "NODE-UNCONNECTED";
    // Only for a design with nodes and no edge at all (NODE-UNCONNECTED's design-wide
    // finding): there nothing has a role yet. One forgotten box in a connected design keeps
    // whatever else is said about it.
    if !index.design.edges.is_empty() || !findings.iter().any(|f| f.rule == UNCONNECTED) {
        return;
    }
    let connected = |n: &crate::model::NodeId| {
        index.node_index(n.as_str()).is_none_or(|i| {
            index.node(i).kind == crate::model::NodeKind::Kms
                || !index.in_edges(i).is_empty()
                || !index.out_edges(i).is_empty()
        })
    };
    findings.retain(|f| {
        f.rule == UNCONNECTED
            || !f.edges.is_empty()
            || f.nodes.is_empty()
            || f.nodes.iter().any(connected)
    });
}

/// The node and edge numbers each finding points at, looked up once per review (the merge and
/// the ranking read them; looking an id up by string touches the design's scattered id text).
/// Stored flat: finding `i`'s numbers are `at[span[i].0..span[i].1]` (nodes) and
/// `at[span[i].1..span[i].2]` (edges), in the order of its ids; ids the index does not know are
/// left out, and `span[i].3` says whether any was.
struct Targets {
    at: Vec<usize>,
    span: Vec<(usize, usize, usize, bool)>,
}

impl Targets {
    fn of(findings: &[Finding], index: &Index<'_>) -> Self {
        let ids: usize = findings.iter().map(|f| f.nodes.len() + f.edges.len()).sum();
        let mut at = Vec::with_capacity(ids);
        let mut span = Vec::with_capacity(findings.len());
        for f in findings {
            let start = at.len();
            at.extend(f.nodes.iter().filter_map(|n| index.node_index(n.as_str())));
            let nodes_end = at.len();
            at.extend(f.edges.iter().filter_map(|e| index.edge_index(e.as_str())));
            let unknown = at.len() - start < f.nodes.len() + f.edges.len();
            span.push((start, nodes_end, at.len(), unknown));
        }
        Targets { at, span }
    }

    fn nodes(&self, i: usize) -> &[usize] {
        &self.at[self.span[i].0..self.span[i].1]
    }

    fn edges(&self, i: usize) -> &[usize] {
        &self.at[self.span[i].1..self.span[i].2]
    }

    /// Whether every id of finding `i` names a node or edge of the design.
    fn known(&self, i: usize) -> bool {
        !self.span[i].3
    }

    /// How close finding `i` is to the user: the smallest user-path depth over its nodes (and
    /// the endpoints of its edges); `u32::MAX` when none of them is on the user path.
    fn centrality(&self, i: usize, index: &Index<'_>) -> u32 {
        let edge_ends = self
            .edges(i)
            .iter()
            .flat_map(|&e| [index.source(e), index.target(e)])
            .flatten();
        self.nodes(i)
            .iter()
            .copied()
            .chain(edge_ends)
            .filter_map(|n| index.user_path_depth(n))
            .min()
            .unwrap_or(u32::MAX)
    }
}

/// Merges repeats of one decision into one finding: findings of the same rule whose nodes
/// belong to the same services (the members of one fleet) and whose edges join the same
/// services (the read and the write edge of one relationship, or the same call from every
/// member of a fleet). The first keeps its message, says which other components share it, and
/// points at all of them. `targets` are the findings' numbers; `centrality` (one per finding)
/// becomes each kept finding's smallest over what it absorbed; both shrink with `findings`.
fn merge_repeats(
    findings: &mut Vec<Finding>,
    targets: &Targets,
    centrality: &mut Vec<u32>,
    index: &Index<'_>,
) {
    // foldhash, as the index uses: these maps see every finding of a 10,000-node review.
    type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
    type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
    type Key<'a> = (&'static str, bool, Vec<&'a str>, Vec<(&'a str, &'a str)>);
    let key = |i: usize| -> Option<Key<'_>> {
        let f = &findings[i];
        if (f.nodes.is_empty() && f.edges.is_empty()) || !targets.known(i) {
            return None;
        }
        let mut nodes: Vec<&str> = targets.nodes(i).iter().map(|&n| index.service(n)).collect();
        let mut edges: Vec<(&str, &str)> = Vec::with_capacity(targets.edges(i).len());
        for &e in targets.edges(i) {
            let (a, b) = index.ends(e)?;
            edges.push((index.service(a), index.service(b)));
        }
        nodes.sort_unstable();
        nodes.dedup();
        edges.sort_unstable();
        edges.dedup();
        Some((f.rule, f.suppressed.is_some(), nodes, edges))
    };
    // Whether two findings point at the same nodes and edges, in any order (numbers stand for
    // ids: both findings' ids are all known, and the index maps one id to one number).
    let same_targets = |a: usize, b: usize| {
        let sorted = |s: &[usize]| {
            let mut v = s.to_vec();
            v.sort_unstable();
            v
        };
        sorted(targets.nodes(a)) == sorted(targets.nodes(b))
            && sorted(targets.edges(a)) == sorted(targets.edges(b))
    };
    let mut first: Map<Key<'_>, usize> = Map::default();
    // (kept finding, merged one) pairs, found before anything moves.
    let mut merges: Vec<(usize, usize)> = Vec::new();
    for i in 0..findings.len() {
        if let Some(k) = key(i) {
            match first.get(&k) {
                // Two problems found on the very same components are two findings.
                Some(&keep) if same_targets(keep, i) => {}
                Some(&keep) => merges.push((keep, i)),
                None => {
                    first.insert(k, i);
                }
            }
        }
    }
    drop(first);
    if merges.is_empty() {
        return;
    }
    /// What a kept finding has absorbed so far: the numbers it points at (a set, so a fleet of
    /// thousands merges in linear time) and the names its message will list (only as many
    /// as [`listed`] shows, and how many there are).
    struct Absorbed {
        nodes: Set<usize>,
        edges: Set<usize>,
        names: Vec<String>,
        named: usize,
    }
    impl Absorbed {
        fn name(&mut self, name: impl FnOnce() -> String) {
            if self.names.len() < LISTED_ALL_UP_TO {
                self.names.push(name());
            }
            self.named += 1;
        }
    }
    let mut gone = vec![false; findings.len()];
    let mut absorbed: Map<usize, Absorbed> = Map::default();
    for &(keep, i) in &merges {
        gone[i] = true;
        centrality[keep] = centrality[keep].min(centrality[i]);
        // The merged finding is dropped below: its ids move into the kept one.
        let nodes = std::mem::take(&mut findings[i].nodes);
        let edges = std::mem::take(&mut findings[i].edges);
        let kept = &mut findings[keep];
        let seen = absorbed.entry(keep).or_insert_with(|| Absorbed {
            nodes: targets.nodes(keep).iter().copied().collect(),
            edges: targets.edges(keep).iter().copied().collect(),
            names: Vec::new(),
            named: 0,
        });
        for (n, &at) in nodes.into_iter().zip(targets.nodes(i)) {
            if seen.nodes.insert(at) {
                seen.name(|| ["`", n.as_str(), "`"].concat());
                kept.nodes.push(n);
            }
        }
        for (e, &at) in edges.into_iter().zip(targets.edges(i)) {
            if seen.edges.insert(at) {
                // An edge is named only when the finding points at no node.
                if kept.nodes.is_empty() {
                    seen.name(|| ["edge `", e.as_str(), "`"].concat());
                }
                kept.edges.push(e);
            }
        }
    }
    for (keep, seen) in absorbed {
        if seen.named > 0 {
            let m = &mut findings[keep].message;
            m.push_str(" (the same for ");
            m.push_str(&listed(&seen.names, seen.named));
            m.push(')');
        }
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    let mut i = 0;
    centrality.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
}

/// A merged finding lists every name up to this many.
const LISTED_ALL_UP_TO: usize = 8;

/// The names a merged finding lists: all of them up to eight, else the first six and how many
/// more (the finding itself points at every one). `names` holds the first names (at least
/// [`LISTED_ALL_UP_TO`] of them when there are more), `count` how many there are in all.
fn listed(names: &[String], count: usize) -> String {
    const FIRST: usize = 6;
    if count <= LISTED_ALL_UP_TO {
        names.join(", ")
    } else {
        format!("{} and {} more", names[..FIRST].join(", "), count - FIRST)
    }
}

/// Sorts findings into review order: active before suppressed, then findings about the drawn
/// shape before details the diagram cannot show (a timeout, a TLS setting), then severity,
/// then centrality (closest to the user first, components off the user path last), then rule
/// id, then the ids pointed at and the message, so the order is fully deterministic.
pub fn rank(findings: &mut [Finding], index: &Index<'_>) {
    let targets = Targets::of(findings, index);
    let centrality: Vec<u32> = (0..findings.len())
        .map(|i| targets.centrality(i, index))
        .collect();
    rank_by(findings, &centrality);
}

/// [`rank`] with each finding's centrality already known (`centrality[i]` for `findings[i]`).
fn rank_by(findings: &mut [Finding], centrality: &[u32]) {
    // The leading keys (suppressed, scope, severity, centrality, rule id) packed into one
    // number, so most of the n·log n comparisons are one integer comparison. Rule ids are
    // numbered in their text order.
    let mut rules: Vec<&str> = Vec::new();
    for f in findings.iter() {
        if !rules.contains(&f.rule) {
            rules.push(f.rule);
        }
    }
    rules.sort_unstable();
    let mut last: Option<(&str, u64)> = None;
    let mut keyed: Vec<(u64, usize)> = findings
        .iter()
        .zip(centrality)
        .enumerate()
        .map(|(i, (f, &c))| {
            let rule = match last {
                Some((r, n)) if std::ptr::eq(r, f.rule) => n,
                _ => {
                    let n = rules.binary_search(&f.rule).unwrap_or_default() as u64;
                    last = Some((f.rule, n));
                    n
                }
            };
            let key = (u64::from(f.suppressed.is_some()) << 63)
                | ((f.scope as u64) << 62)
                | ((f.severity as u64) << 60)
                | (u64::from(c) << 16)
                | rule;
            (key, i)
        })
        .collect();
    keyed.sort_unstable_by(|&(ka, a), &(kb, b)| {
        let (fa, fb) = (&findings[a], &findings[b]);
        ka.cmp(&kb)
            .then_with(|| natural_cmp_all(&fa.nodes, &fb.nodes, |n| n.as_str()))
            .then_with(|| natural_cmp_all(&fa.edges, &fb.edges, |e| e.as_str()))
            .then_with(|| fa.message.cmp(&fb.message))
    });
    let mut order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    permute_in_place(findings, &mut order);
}

/// Compares two ids as people read them: runs of digits by their value, so `n2` comes before
/// `n104`; equal readings fall back to the plain text order (`n02` and `n2` stay distinct).
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (a_bytes, b_bytes) = (a.as_bytes(), b.as_bytes());
    // The common prefix reads the same either way: start where it ends, or at the start of
    // the digit run it ends in (that run is read by its value).
    let mut start = a_bytes
        .iter()
        .zip(b_bytes)
        .take_while(|(p, q)| p == q)
        .count();
    while start > 0 && a_bytes[start - 1].is_ascii_digit() {
        start -= 1;
    }
    let (mut x, mut y) = (&a_bytes[start..], &b_bytes[start..]);
    while let (Some(&ca), Some(&cb)) = (x.first(), y.first()) {
        if ca.is_ascii_digit() && cb.is_ascii_digit() {
            let run = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
            let (la, lb) = (run(x), run(y));
            // Leading zeros dropped: a slice of the input, no copy (ranking compares ids
            // about n·log n times).
            fn trim(d: &[u8]) -> &[u8] {
                let zeros = d.iter().take_while(|&&c| c == b'0').count();
                &d[zeros..]
            }
            let (da, db) = (trim(&x[..la]), trim(&y[..lb]));
            let by_value = da.len().cmp(&db.len()).then_with(|| da.cmp(db));
            if by_value != Ordering::Equal {
                return by_value;
            }
            x = &x[la..];
            y = &y[lb..];
        } else {
            if ca != cb {
                return ca.cmp(&cb);
            }
            x = &x[1..];
            y = &y[1..];
        }
    }
    x.len().cmp(&y.len()).then_with(|| a.cmp(b))
}

/// [`natural_cmp`] over two lists, element by element, then by length.
fn natural_cmp_all<T>(a: &[T], b: &[T], id: impl Fn(&T) -> &str) -> std::cmp::Ordering {
    a.iter()
        .zip(b)
        .map(|(p, q)| natural_cmp(id(p), id(q)))
        .find(|o| o.is_ne())
        .unwrap_or_else(|| a.len().cmp(&b.len()))
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
    use super::{natural_cmp, permute_in_place};

    #[test]
    fn ids_sort_in_natural_order() {
        use std::cmp::Ordering::*;
        assert_eq!(natural_cmp("n2", "n104"), Less);
        assert_eq!(natural_cmp("n104", "n2"), Greater);
        assert_eq!(natural_cmp("db_10_a", "db_9_b"), Greater);
        assert_eq!(natural_cmp("api", "api"), Equal);
        assert_eq!(natural_cmp("api", "api2"), Less);
        assert_ne!(natural_cmp("n02", "n2"), Equal, "distinct ids never tie");
        // A common prefix ending inside a digit run still reads the whole run.
        assert_eq!(natural_cmp("app12_3", "app7_5"), Greater);
        assert_eq!(natural_cmp("db_19", "db_110"), Less);
        assert_eq!(natural_cmp("a12", "a123"), Less);
        assert_eq!(natural_cmp("x10a", "x10b"), Less);
        assert_eq!(natural_cmp("a007", "a07"), natural_cmp("007", "07"));
        assert_eq!(
            natural_cmp("a07", "a007"),
            natural_cmp("a007", "a07").reverse()
        );
        let mut ids = vec!["n104", "n2", "n10", "cache", "n1"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["cache", "n1", "n2", "n10", "n104"]);
    }

    #[test]
    fn rules_find_the_same_on_one_thread_or_several() {
        use crate::critique::Context;
        use crate::model::{ReviewLevel, synthetic};
        let design = synthetic::design(300);
        let index = crate::index::Index::new(&design);
        let estimate = crate::capacity::estimate(&design, &index);
        let cx = Context {
            design: &design,
            index: &index,
            thresholds: design.workload.thresholds.resolved(),
            estimate: &estimate,
            level: ReviewLevel::Production,
            rules: crate::critique::rules::all(),
        };
        let one = super::run_rules(&cx, 1);
        assert!(
            one.len() >= 90,
            "the generated design has findings: {}",
            one.len()
        );
        for threads in [2, 3] {
            assert_eq!(super::run_rules(&cx, threads), one, "{threads} threads");
        }
    }

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

    #[test]
    fn a_merged_finding_names_at_most_six_then_counts_the_rest() {
        let names: Vec<String> = (1..=8).map(|i| format!("`n{i}`")).collect();
        assert_eq!(super::listed(&names, 8), names.join(", "));
        // Only the first names are kept; the count says how many there are.
        assert_eq!(
            super::listed(&names, 2000),
            "`n1`, `n2`, `n3`, `n4`, `n5`, `n6` and 1994 more"
        );
    }
}
