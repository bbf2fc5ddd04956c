//! R73 `SYNC-SLOW-DEPENDENCY`: user requests wait on a slow or legacy system with nothing in
//! front of it.

use crate::critique::{Context, Finding, describe_callers, group_by_caller};
use crate::model::{EdgeKind, Node, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a slow or legacy system that a user request calls synchronously (`sync_request`,
    /// `read` or `write` on the user path) when no cache backs it and nothing else stands in
    /// front of it. A system is slow when its stated `latency_ms` is at least the design's
    /// `slow_dependency_ms` (200 ms unless the workload's thresholds say otherwise). With no
    /// stated latency, it counts as slow or legacy when it is a `batch_job`, or when its `tech`
    /// or label names a mainframe, a legacy system, COBOL, CICS, z/OS, AS/400, SAP or an ERP;
    /// the finding then asks for the latency, since a name is only a hint. A stated latency
    /// under the threshold clears a system whatever its name. One finding per slow system,
    /// naming its callers.
    ///
    /// ## Why it matters
    /// Guide §3.7 (sync vs async) and §2.6 (caching): the user's request is as slow as the
    /// slowest system it waits on, and as available as the least available one. Legacy
    /// systems often answer in seconds, have small connection pools and nightly maintenance
    /// windows; calling them inside every request passes all of that on to the user and lets
    /// a traffic spike knock them over.
    ///
    /// ## Example
    /// Bad: `portal -sync_request/TCP-> external_service:mainframe{label="core banking
    /// mainframe"}` on every page view.
    ///
    /// Good: `portal -read-> cache:accounts{backs=[mainframe]}`, and account updates sent
    /// through `message_queue:mainframe_jobs` that a worker drains at the mainframe's pace.
    ///
    /// ## How to fix
    /// Put a cache in front for reads (list the system in its `backs`), send writes through a
    /// queue that a worker drains at the system's pace, or keep a read model fed by its change
    /// events; give the remaining calls a short timeout and a circuit breaker.
    pub SyncSlowDependency {
        id: "SYNC-SLOW-DEPENDENCY",
        number: "R73",
        title: "user requests wait on a slow or legacy system",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Shape,
        guide: "3.7",
        fix: "put a cache in front for reads, send writes through a queue drained at the system's pace, and give what stays synchronous a timeout and a circuit breaker",
        check: check,
    }
}

/// Words that mark a slow or legacy system in a technology or a label.
const LEGACY: &[&str] = &[
    "mainframe",
    "legacy",
    "cobol",
    "cics",
    "z/os",
    "as/400",
    "as400",
    "sap",
    "erp",
];

/// Why a node is a slow system user requests should not wait on, if it is one.
enum Slow {
    /// Its stated latency, at or above the threshold.
    Stated(f64),
    /// No latency is stated; its kind or name says batch, legacy or mainframe.
    Named,
}

/// Whether a node is a slow or legacy system (see the rule's documentation).
fn slowness(node: &Node, threshold_ms: f64) -> Option<Slow> {
    if let Some(ms) = node
        .props
        .latency_ms
        .filter(|ms| ms.is_finite() && *ms >= 0.0)
    {
        return (ms >= threshold_ms).then_some(Slow::Stated(ms));
    }
    named_slow(node).then_some(Slow::Named)
}

/// Whether a node's kind or name marks it as batch, legacy or mainframe.
fn named_slow(node: &Node) -> bool {
    if node.kind == NodeKind::BatchJob {
        return true;
    }
    // Word by word, without a lower-cased copy: this runs on every node of the design.
    [
        node.props.tech.as_deref().unwrap_or_default(),
        node.label.as_str(),
    ]
    .iter()
    .flat_map(|text| text.split(|c: char| !c.is_alphanumeric() && c != '/'))
    .any(|word| LEGACY.iter().any(|l| word.eq_ignore_ascii_case(l)))
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (s, node) in cx.design.nodes.iter().enumerate() {
        let Some(slow) = slowness(node, cx.thresholds.slow_dependency_ms) else {
            continue;
        };
        if ix.cache_fronts(s) {
            continue;
        }
        let calls = ix
            .in_edges(s)
            .iter()
            .chain(ix.out_edges(s))
            .copied()
            .filter(|&e| {
                matches!(
                    ix.edge(e).kind,
                    EdgeKind::SyncRequest | EdgeKind::Read | EdgeKind::Write
                ) && ix.edge_on_user_path(e)
                    && ix.responder(e) == Some(s)
            })
            .filter_map(|e| ix.initiator(e).map(|c| (c, e)))
            .filter(|&(c, _)| ix.node(c).kind.is_compute());
        let groups = group_by_caller(ix, calls.collect::<Vec<_>>());
        if groups.is_empty() {
            continue;
        }
        let callers: Vec<usize> = groups.iter().flat_map(|(c, _)| c.iter().copied()).collect();
        let mut f = Finding::new(
            &SyncSlowDependency::META,
            match slow {
                Slow::Stated(ms) => format!(
                    "user requests wait synchronously on `{}` (stated latency {} ms), called by {}, with no cache or queue in front",
                    node.id,
                    crate::capacity::format::thousands(ms),
                    describe_callers(ix, &callers)
                ),
                Slow::Named => format!(
                    "user requests wait synchronously on `{}`, named as a slow or legacy system, called by {}, with no cache or queue in front (state its `latency_ms` if it answers fast)",
                    node.id,
                    describe_callers(ix, &callers)
                ),
            },
        )
        .node(&node.id);
        f = f.nodes_at(ix, &callers);
        for (_, edges) in &groups {
            f = f.edges_at(ix, edges);
        }
        out.push(f);
    }
}
