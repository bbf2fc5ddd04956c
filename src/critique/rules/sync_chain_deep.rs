//! R71 `SYNC-CHAIN-DEEP`: a user request waits on a long chain of synchronous service calls.

use crate::critique::FastSet;
use crate::critique::{Context, Finding, quoted_list};
use crate::index::Index;
use crate::model::EdgeKind;

crate::declare_rule! {
    /// ## What it does
    /// Follows the synchronous calls (`sync_request`) between compute nodes of different
    /// services on the user path, and flags a chain of more than `sync_chain_max_hops` (3)
    /// service-to-service hops that one user request waits on. One finding per chain, naming
    /// every service on it; the first service that starts it is the one to change.
    ///
    /// ## Why it matters
    /// Guide §3.7 (sync vs async) and §3.6 (timeouts): the caller waits for the whole chain, so
    /// its latency is the sum of every hop and its availability the product of every service's
    /// (five services at 99.9 % give 99.5 %). A slow service deep in the chain holds a thread
    /// in every service above it, and one failure surfaces as a timeout at the top.
    ///
    /// ## Example
    /// Bad: `orders -sync_request-> pricing -sync_request-> catalog -sync_request-> promotions
    /// -sync_request-> tax` inside the checkout request.
    ///
    /// Good: `pricing` keeps a local copy of the catalogue and promotions, fed by events
    /// (`catalog -async_message-> price_updates`), so checkout makes one call.
    ///
    /// ## How to fix
    /// Shorten the chain: let the first service call the others directly (in parallel), keep a
    /// local read model fed by events for the data it needs, or move the work that need not
    /// finish before the answer behind a queue.
    pub SyncChainDeep {
        id: "SYNC-CHAIN-DEEP",
        number: "R71",
        title: "a user request waits on a long chain of synchronous calls",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Shape,
        guide: "3.7",
        fix: "shorten the chain: call services in parallel from one place, keep a local read model fed by events, or move work that can wait behind a queue",
        check: check,
    }
}

/// The service-to-service sync calls a node makes on the user path: `(edge, callee)`.
pub(crate) fn service_calls<'a>(
    ix: &'a Index<'a>,
    n: usize,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    ix.edges_initiated_by(n).filter_map(move |e| {
        let edge = ix.edge(e);
        if edge.kind != EdgeKind::SyncRequest || !ix.edge_on_user_path(e) {
            return None;
        }
        let callee = ix.responder(e)?;
        (ix.node(callee).kind.is_compute() && ix.service(callee) != ix.service(n))
            .then_some((e, callee))
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let max = cx.thresholds.sync_chain_max_hops as usize;
    let n = cx.design.nodes.len();
    // Longest chain of service hops below each compute node on the user path (memoised
    // depth-first walk; a call back into a node on the current walk counts as the end).
    let mut below: Vec<Option<(usize, Option<usize>)>> = vec![None; n];
    let mut on_walk = vec![false; n];
    let mut called = vec![false; n];
    for start in 0..n {
        if !ix.on_user_path(start) || !ix.node(start).kind.is_compute() {
            continue;
        }
        longest(ix, start, &mut below, &mut on_walk, 0);
        for (_, callee) in service_calls(ix, start) {
            called[callee] = true;
        }
    }
    for start in 0..n {
        let Some((hops, _)) = below[start] else {
            continue;
        };
        if called[start] || hops <= max {
            continue;
        }
        let mut chain = vec![start];
        let mut in_chain = FastSet::from_iter([start]);
        let mut cur = start;
        while let Some((_, Some(next))) = below[cur] {
            if !in_chain.insert(next) {
                break;
            }
            chain.push(next);
            cur = next;
        }
        // The memoised walk stops counting at MAX_WALK; the chain itself says how long it is.
        let hops = hops.max(chain.len() - 1);
        let mut names: Vec<String> = chain
            .iter()
            .map(|&c| quoted_list([&ix.node(c).id]))
            .collect();
        // A long chain names its first and last hops, not every one of hundreds.
        if names.len() > SHOWN_HOPS + 1 {
            let tail = names.split_off(names.len() - SHOWN_HOPS / 2);
            names.truncate(SHOWN_HOPS - SHOWN_HOPS / 2);
            names.push("…".to_owned());
            names.extend(tail);
        }
        let mut f = Finding::new(
            &SyncChainDeep::META,
            format!(
                "a user request waits on {hops} synchronous service hops in a row: {}",
                names.join(" → ")
            ),
        );
        for &c in &chain {
            f = f.node(&ix.node(c).id);
        }
        out.push(f);
    }
}

/// How many components of a chain the message names (the first and the last ones).
const SHOWN_HOPS: usize = 8;

/// How deep the walk follows a chain before it stops counting.
const MAX_WALK: usize = 256;

/// Fills `below[n]` with the longest hop count under `n` and the next node on that chain.
fn longest(
    ix: &Index<'_>,
    n: usize,
    below: &mut Vec<Option<(usize, Option<usize>)>>,
    on_walk: &mut Vec<bool>,
    depth: usize,
) -> usize {
    if let Some((hops, _)) = below[n] {
        return hops;
    }
    // A call back into the walk ends the chain; so does a chain deeper than any threshold
    // anyone sets (it bounds the recursion on a crafted file).
    if on_walk[n] || depth > MAX_WALK {
        return 0;
    }
    on_walk[n] = true;
    let mut best = (0, None);
    let calls: Vec<usize> = service_calls(ix, n).map(|(_, c)| c).collect();
    for callee in calls {
        let hops = 1 + longest(ix, callee, below, on_walk, depth + 1);
        if hops > best.0 {
            best = (hops, Some(callee));
        }
    }
    on_walk[n] = false;
    below[n] = Some(best);
    best.0
}
