//! The one analysis pipeline: index → capacity estimate → critique, then suppressions and
//! review order. The editor, the exports and the command line all call [`Analysis`].

use super::{Context, Finding, Profile, Report, Scope, profile, rules};
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
    review_on(&cx, threads)
}

/// Designs with at least this many nodes and edges run their rules on several threads;
/// below it, starting a thread costs more than it saves.
const PARALLEL_FROM: usize = 2_000;

/// [`review_with`] on `threads` threads (one for a small design). Each rule's findings are made
/// ready on the thread that found them ([`finish`]: suppressions, merged repeats, the sketch
/// filter, review order), and the design's profile is one more job beside the rules; the
/// threads take the jobs that cost most first ([`schedule`]). The one sequential step left is
/// interleaving the sorted parts. The report is the same on any number of threads.
fn review_on(cx: &Context<'_>, threads: usize) -> Report {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let all = rules::all();
    let unconnected = unconnected_design(cx);
    let profile_job = all.len();
    let order = schedule(all.len() + 1, threads);
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<Done> = Vec::new();
        loop {
            let Some(&job) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                return done;
            };
            let start = std::time::Instant::now();
            let result = if job == profile_job {
                Ok(profile::profile(cx.design, cx.index))
            } else {
                let mut found = Vec::new();
                all[job].check(cx, &mut found);
                Err(finish(cx, found, unconnected))
            };
            done.push(Done {
                job,
                result,
                took: start.elapsed(),
            });
        }
    };
    let done: Vec<Done> = if threads <= 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut done = work();
            for helper in helpers {
                // A rule that panics on a helper thread panics the review, as it would on one.
                done.extend(
                    helper
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            done
        })
    };
    if threads > 1 {
        remember_costs(&done, all.len() + 1);
    }
    let mut parts: Vec<Option<Part>> = (0..all.len()).map(|_| None).collect();
    let mut profile = None;
    for d in done {
        match d.result {
            Ok(p) => profile = Some(p),
            Err(part) => parts[d.job] = Some(part),
        }
    }
    let total = parts.iter().flatten().map(|p| p.findings.len()).sum();
    let mut findings = Vec::with_capacity(total);
    let mut keys = Vec::with_capacity(total);
    let mut hidden = 0;
    for part in parts.into_iter().flatten() {
        findings.extend(part.findings);
        keys.extend(part.keys);
        hidden += part.hidden;
    }
    // Each part is in review order, and no two parts share a leading key (it holds the rule
    // id): ordering by that key alone, keeping each part's own order (a stable sort), gives
    // the review order of the whole report.
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    permute_in_place(&mut findings, &mut order);
    Report {
        findings,
        profile: profile.unwrap_or_else(|| profile::profile(cx.design, cx.index)),
        hidden,
    }
}

/// One job done by [`review_on`]'s threads: the profile (`Ok`) or one rule's part (`Err`),
/// and how long it took.
struct Done {
    job: usize,
    result: Result<Profile, Part>,
    took: std::time::Duration,
}

/// One rule's findings, ready for the report: in review order, each with its leading sort key
/// (see [`review_key`]), and how many detail findings a sketch review hid.
struct Part {
    findings: Vec<Finding>,
    keys: Vec<u64>,
    hidden: usize,
}

/// How long each job (every rule, then the profile) took in the last review that ran on
/// several threads: the next one starts the costly jobs first, so no thread is left with a
/// long rule while the others wait. Only the order of work depends on it, never the report.
static COSTS: std::sync::Mutex<Vec<u64>> = std::sync::Mutex::new(Vec::new());

/// The order in which the threads take `jobs` jobs: costliest first by [`COSTS`] (longest
/// processing time first balances the threads), the registry order until a review has
/// measured them, or on one thread.
fn schedule(jobs: usize, threads: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..jobs).collect();
    if threads > 1
        && let Ok(costs) = COSTS.lock()
        && costs.len() == jobs
    {
        order.sort_by_key(|&j| std::cmp::Reverse(costs[j]));
    }
    order
}

/// Records what each job of a review cost, for the next review's [`schedule`].
fn remember_costs(done: &[Done], jobs: usize) {
    if let Ok(mut costs) = COSTS.lock() {
        costs.clear();
        costs.resize(jobs, 0);
        for d in done {
            costs[d.job] = u64::try_from(d.took.as_nanos()).unwrap_or(u64::MAX);
        }
    }
}

/// Makes one rule's findings ready for the report, on the thread that found them: marks the
/// suppressed ones, drops what [`keeps_when_unconnected`] drops, merges repeats of one decision
/// ([`merge_repeats`]: only findings of one rule merge), hides detail findings from a sketch
/// review (counting them), and sorts them into review order.
fn finish(cx: &Context<'_>, mut findings: Vec<Finding>, unconnected: bool) -> Part {
    let index = cx.index;
    apply_suppressions(cx.design, &mut findings);
    if unconnected {
        findings.retain(|f| keeps_when_unconnected(f, index));
    }
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
    if cx.level == ReviewLevel::Sketch {
        let before = findings.len();
        let mut shape = findings.iter().map(|f| f.scope == Scope::Shape);
        centrality.retain(|_| shape.next().unwrap_or(false));
        findings.retain(|f| f.scope == Scope::Shape);
        hidden = before - findings.len();
    }
    let keys = sort_in_review_order(&mut findings, &centrality, registry_rule_number);
    Part {
        findings,
        keys,
        hidden,
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

/// Whether the design has nodes and no edge at all, and NODE-UNCONNECTED says so with its
/// design-wide finding: then [`keeps_when_unconnected`] decides which findings stay. One
/// forgotten box in a connected design keeps whatever else is said about it.
fn unconnected_design(cx: &Context<'_>) -> bool {
    cx.design.edges.is_empty()
        && rules::find(UNCONNECTED).is_some_and(|rule| {
            let mut found = Vec::new();
            rule.check(cx, &mut found);
            !found.is_empty()
        })
}

const UNCONNECTED: &str = "NODE-UNCONNECTED";

/// In a design with nodes and no edge at all, whether a finding stays: NODE-UNCONNECTED's own
/// and design-wide findings do; findings that point only at components do not. A box with no
/// connection has no role the other rules could judge (user path, consumer, primary), and
/// the one thing a reviewer says about it is to connect it or remove it.
fn keeps_when_unconnected(f: &Finding, index: &Index<'_>) -> bool {
    let connected = |n: &crate::model::NodeId| {
        index.node_index(n.as_str()).is_none_or(|i| {
            index.node(i).kind == crate::model::NodeKind::Kms
                || !index.in_edges(i).is_empty()
                || !index.out_edges(i).is_empty()
        })
    };
    f.rule == UNCONNECTED
        || !f.edges.is_empty()
        || f.nodes.is_empty()
        || f.nodes.iter().any(connected)
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
    if findings.len() < 2 {
        return;
    }
    // foldhash, as the index uses: these maps see every finding of a 10,000-node review.
    use std::collections::hash_map::Entry;
    type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
    // Rule, suppressed, how many services the nodes belong to, then those services and the
    // services each edge joins (two a pair), each part sorted without repeats.
    type Key<'a> = (&'static str, bool, usize, Vec<&'a str>);
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    let mut key = |i: usize| -> Option<Key<'_>> {
        let f = &findings[i];
        if (f.nodes.is_empty() && f.edges.is_empty()) || !targets.known(i) {
            return None;
        }
        pairs.clear();
        for &e in targets.edges(i) {
            let (a, b) = index.ends(e)?;
            pairs.push((index.service(a), index.service(b)));
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut services: Vec<&str> = Vec::with_capacity(targets.nodes(i).len() + 2 * pairs.len());
        services.extend(targets.nodes(i).iter().map(|&n| index.service(n)));
        services.sort_unstable();
        services.dedup();
        let nodes = services.len();
        services.extend(pairs.iter().flat_map(|&(a, b)| [a, b]));
        Some((f.rule, f.suppressed.is_some(), nodes, services))
    };
    // Whether two findings point at the same nodes and edges, in any order (numbers stand for
    // ids: both findings' ids are all known, and the index maps one id to one number).
    let same_targets = |a: usize, b: usize| {
        same_numbers(targets.nodes(a), targets.nodes(b))
            && same_numbers(targets.edges(a), targets.edges(b))
    };
    let mut first: Map<Key<'_>, usize> =
        Map::with_capacity_and_hasher(findings.len(), Default::default());
    // (kept finding, merged one) pairs, found before anything moves.
    let mut merges: Vec<(usize, usize)> = Vec::new();
    for i in 0..findings.len() {
        let Some(k) = key(i) else { continue };
        match first.entry(k) {
            // Two problems found on the very same components are two findings.
            Entry::Occupied(keep) if same_targets(*keep.get(), i) => {}
            Entry::Occupied(keep) => merges.push((*keep.get(), i)),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    drop(first);
    if merges.is_empty() {
        return;
    }
    /// What a kept finding has absorbed so far: the numbers it points at and the names its
    /// message will list (only as many as [`listed`] shows, and how many there are).
    struct Absorbed {
        keep: usize,
        nodes: Seen,
        edges: Seen,
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
    // Each kept finding's place in `absorbed`, when it has absorbed any.
    let mut slot: Vec<u32> = vec![u32::MAX; findings.len()];
    let mut absorbed: Vec<Absorbed> = Vec::new();
    for &(keep, i) in &merges {
        gone[i] = true;
        centrality[keep] = centrality[keep].min(centrality[i]);
        // The merged finding is dropped below: its ids move into the kept one.
        let nodes = std::mem::take(&mut findings[i].nodes);
        let edges = std::mem::take(&mut findings[i].edges);
        let kept = &mut findings[keep];
        if slot[keep] == u32::MAX {
            slot[keep] = absorbed.len() as u32;
            absorbed.push(Absorbed {
                keep,
                nodes: Seen::of(targets.nodes(keep)),
                edges: Seen::of(targets.edges(keep)),
                names: Vec::new(),
                named: 0,
            });
        }
        let seen = &mut absorbed[slot[keep] as usize];
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
    for seen in absorbed {
        if seen.named > 0 {
            let m = &mut findings[seen.keep].message;
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

/// Whether two lists hold the same numbers, in any order.
fn same_numbers(a: &[usize], b: &[usize]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a == b {
        return true;
    }
    // Sorted copies, on the stack for the short lists findings point at.
    const SHORT: usize = 16;
    if a.len() <= SHORT {
        let (mut x, mut y) = ([0; SHORT], [0; SHORT]);
        let (x, y) = (&mut x[..a.len()], &mut y[..b.len()]);
        x.copy_from_slice(a);
        y.copy_from_slice(b);
        x.sort_unstable();
        y.sort_unstable();
        return x == y;
    }
    let sorted = |s: &[usize]| {
        let mut v = s.to_vec();
        v.sort_unstable();
        v
    };
    sorted(a) == sorted(b)
}

/// The numbers a merged finding already points at: a list while short (most merges absorb a
/// few), a hash set once long (a fleet of thousands merges in linear time).
struct Seen {
    list: Vec<usize>,
    set: Option<crate::critique::FastSet<usize>>,
}

impl Seen {
    /// Past this many numbers the list becomes a set.
    const LIST_UP_TO: usize = 32;

    fn of(numbers: &[usize]) -> Self {
        let mut seen = Seen {
            list: Vec::with_capacity(numbers.len().min(Self::LIST_UP_TO)),
            set: None,
        };
        for &n in numbers {
            seen.insert(n);
        }
        seen
    }

    /// Adds `n`; false when it was there already.
    fn insert(&mut self, n: usize) -> bool {
        if let Some(set) = &mut self.set {
            return set.insert(n);
        }
        if self.list.contains(&n) {
            return false;
        }
        self.list.push(n);
        if self.list.len() > Self::LIST_UP_TO {
            self.set = Some(self.list.drain(..).collect());
        }
        true
    }
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
    // Rule ids numbered in their text order among those present.
    let mut rules: Vec<&str> = findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    sort_in_review_order(findings, &centrality, |id| {
        rules.binary_search(&id).unwrap_or_default() as u64
    });
}

/// A rule id's number in the text order of the registry's ids (twice its place, so an id the
/// registry does not know falls between its neighbours, at an odd number).
fn registry_rule_number(id: &str) -> u64 {
    static IDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let ids = IDS.get_or_init(|| {
        let mut ids: Vec<&'static str> = rules::all().iter().map(|r| r.meta().id).collect();
        ids.sort_unstable();
        ids
    });
    match ids.binary_search(&id) {
        Ok(i) => 2 * i as u64,
        Err(i) => 2 * i as u64 + 1,
    }
}

/// [`rank`] with each finding's centrality already known (`centrality[i]` for `findings[i]`)
/// and rule ids numbered by `rule_number` (in their text order). Returns each finding's
/// leading key ([`review_key`]), in the new order.
fn sort_in_review_order(
    findings: &mut [Finding],
    centrality: &[u32],
    mut rule_number: impl FnMut(&'static str) -> u64,
) -> Vec<u64> {
    // The leading keys packed into one number, and the first id's natural reading packed into
    // another, so most of the n·log n comparisons are integer comparisons.
    let mut last: Option<(&str, u64)> = None;
    let mut keyed: Vec<(u64, u128, usize)> = findings
        .iter()
        .zip(centrality)
        .enumerate()
        .map(|(i, (f, &c))| {
            let rule = match last {
                Some((r, n)) if std::ptr::eq(r, f.rule) => n,
                _ => {
                    let n = rule_number(f.rule);
                    last = Some((f.rule, n));
                    n
                }
            };
            (
                review_key(f, c, rule),
                natural_prefix(f.nodes.first().map(|n| n.as_str())),
                i,
            )
        })
        .collect();
    keyed.sort_unstable_by(|&(ka, pa, a), &(kb, pb, b)| {
        let (fa, fb) = (&findings[a], &findings[b]);
        ka.cmp(&kb)
            .then(pa.cmp(&pb))
            .then_with(|| natural_cmp_all(&fa.nodes, &fb.nodes, |n| n.as_str()))
            .then_with(|| natural_cmp_all(&fa.edges, &fb.edges, |e| e.as_str()))
            .then_with(|| fa.message.cmp(&fb.message))
    });
    let keys = keyed.iter().map(|&(k, _, _)| k).collect();
    let mut order: Vec<usize> = keyed.into_iter().map(|(_, _, i)| i).collect();
    permute_in_place(findings, &mut order);
    keys
}

/// A finding's leading review keys packed into one number: suppressed, scope, severity,
/// centrality, then the rule's number (`rule`, below 2¹⁶). Findings of different rules never
/// share it.
fn review_key(f: &Finding, centrality: u32, rule: u64) -> u64 {
    (u64::from(f.suppressed.is_some()) << 63)
        | ((f.scope as u64) << 62)
        | ((f.severity as u64) << 60)
        | (u64::from(centrality) << 16)
        | rule
}

/// The start of the first id's natural reading as one number that orders as
/// [`natural_cmp_all`] does (equal numbers say nothing): from the list's first id, `None` for
/// an empty list (first), else the first 15 bytes of the id's [`natural_bytes`].
fn natural_prefix(first: Option<&str>) -> u128 {
    let Some(first) = first else {
        return 0;
    };
    let mut key: u128 = 1;
    let mut left = 15;
    natural_bytes(first, |b| {
        key = (key << 8) | u128::from(b);
        left -= 1;
        left > 0
    });
    key << (8 * left)
}

/// Writes `id` as bytes whose plain order is [`natural_cmp`]'s (before its tie-break on the
/// text): a run of digits becomes `0`, its length without leading zeros, then those digits;
/// any other byte stays itself. A digit run thus compares with another by value, and with any
/// other byte as a digit would. `emit` returns false to stop.
fn natural_bytes(id: &str, mut emit: impl FnMut(u8) -> bool) {
    let bytes = id.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            if !emit(bytes[i]) {
                return;
            }
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let digits = &bytes[i..i + run];
        let value = &digits[digits.iter().take_while(|&&c| c == b'0').count()..];
        // The length, order-preserving: one byte below 255, else 255 and eight bytes.
        let mut length = [0u8; 9];
        let length: &[u8] = if value.len() < 255 {
            length[0] = value.len() as u8;
            &length[..1]
        } else {
            length[0] = 255;
            length[1..].copy_from_slice(&(value.len() as u64).to_be_bytes());
            &length[..]
        };
        for &b in std::iter::once(&b'0').chain(length).chain(value) {
            if !emit(b) {
                return;
            }
        }
        i += run;
    }
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
        let one = super::review_on(&cx, 1);
        assert!(
            one.findings.len() >= 30,
            "the generated design has findings: {}",
            one.findings.len()
        );
        // Twice on several threads: the second review takes the jobs in their measured order.
        for threads in [2, 3, 2] {
            assert_eq!(super::review_on(&cx, threads), one, "{threads} threads");
        }
        let sketch = Context {
            level: ReviewLevel::Sketch,
            ..cx
        };
        let one = super::review_on(&sketch, 1);
        assert!(one.hidden > 0, "a sketch review hides detail findings");
        assert_eq!(super::review_on(&sketch, 2), one);
    }

    #[test]
    fn natural_prefixes_order_as_natural_cmp() {
        use std::cmp::Ordering;
        let ids = [
            "",
            "a",
            "a0",
            "a00",
            "a007",
            "a07",
            "a7",
            "a10",
            "a1b",
            "a_1",
            "app0_12",
            "app0_13",
            "app0_123456789012",
            "app0_123456789013",
            "x9",
            "x10",
            "x10a",
            "x10b",
            "n02",
            "n2",
            "replica_1234",
            "replica_999",
            "Z",
            "z0",
            "~",
            "9",
            "10",
            "-1",
            "a:1",
        ];
        for a in ids {
            for b in ids {
                let by_prefix = super::natural_prefix(Some(a)).cmp(&super::natural_prefix(Some(b)));
                let full = natural_cmp(a, b);
                assert!(
                    by_prefix == Ordering::Equal || by_prefix == full,
                    "{a:?} vs {b:?}: prefix {by_prefix:?}, natural {full:?}"
                );
            }
            assert!(super::natural_prefix(None) < super::natural_prefix(Some(a)));
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
