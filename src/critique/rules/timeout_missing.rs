//! R40 `TIMEOUT-MISSING`: a remote call made by compute with no deadline.

use crate::critique::{
    Context, Finding, describe_callers, describe_targets, fold_when_unstated, group_by_caller,
};
use crate::model::EdgeKind;

crate::declare_rule! {
    /// ## What it does
    /// Looks at every `sync_request`, `read` or `write` edge initiated by a compute node (app
    /// server, WebSocket server, worker, function, batch job) that has no `timeout_ms`, and
    /// gives **one finding per calling component** listing its calls: a deadline is one
    /// decision per caller (a client library's setting), not one per arrow. The members of one
    /// fleet or service are one caller, and the read and write edges of one relationship are
    /// one call.
    ///
    /// Calls into a NAT gateway are address translation, not calls, and are skipped. It does
    /// not fire where the design states a default: `workload.default_timeout_ms`
    /// (every call) or the caller's `default_timeout_ms` (its calls). A circuit breaker with
    /// its own `call_timeout_ms` already bounds the call, so such an edge is accepted too: a
    /// reviewer would not ask for the same deadline twice.
    ///
    /// When the design states no timeout anywhere (no edge, no default), the callers' findings
    /// are folded into one design-wide finding: it is one decision.
    ///
    /// A diagram rarely shows a timeout, so the finding is a question about a detail, ranked
    /// below the findings about the drawn shape and hidden by a `sketch` review.
    ///
    /// ## Why it matters
    /// Guide §3.6 (timeouts): never wait forever; set a deadline such as 3 s, then give up and
    /// retry or return an error. A call with no deadline holds a thread or connection for as long
    /// as the other side hangs, so one slow dependency can exhaust the caller's pool and freeze
    /// everything in front of it (the 504s of §1.5).
    ///
    /// ## Example
    /// Bad: `app_server:feed -sync_request/gRPC-> app_server:recs` with no timeout.
    ///
    /// Good: `feed -sync_request/gRPC-> recs {tls=true, timeout_ms=300}`.
    ///
    /// ## How to fix
    /// Give every remote call an explicit `timeout_ms`, or state the caller's
    /// `default_timeout_ms` (or the design's): about 3 s for third parties, tighter (tens to
    /// hundreds of ms) for internal stores. On timeout, return an error or a fallback.
    pub TimeoutMissing {
        id: "TIMEOUT-MISSING",
        number: "R40",
        title: "a call can wait forever",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Detail,
        guide: "3.6",
        fix: "give every remote call an explicit deadline (about 3 s for third parties, tighter for internal stores); on timeout return an error or fall back",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.design.workload.default_timeout_ms.is_some() {
        return;
    }
    let ix = cx.index;
    let unbounded = cx.design.edges.iter().enumerate().filter_map(|(ei, e)| {
        if !matches!(
            e.kind,
            EdgeKind::SyncRequest | EdgeKind::Read | EdgeKind::Write
        ) || e.props.timeout_ms.is_some()
        {
            return None;
        }
        let bounded_by_breaker = e
            .props
            .circuit_breaker
            .as_ref()
            .is_some_and(|cb| cb.enabled == Some(true) && cb.call_timeout_ms.is_some());
        if bounded_by_breaker {
            return None;
        }
        let (caller, callee) = ix.ends(ei)?;
        if crate::critique::facts::is_nat(ix.node(callee)) {
            return None;
        }
        let node = ix.node(caller);
        (node.kind.is_compute() && node.props.default_timeout_ms.is_none()).then_some((caller, ei))
    });
    let mut found = Vec::new();
    let groups = group_by_caller(ix, unbounded);
    let calls: usize = groups.iter().map(|(_, e)| e.len()).sum();
    for (callers, edges) in groups {
        let calls = if edges.len() == 1 { "call" } else { "calls" };
        let mut f = Finding::new(
            &TimeoutMissing::META,
            format!(
                "no timeout is stated on the {calls} {} makes to {}; set one",
                describe_callers(ix, &callers),
                describe_targets(ix, &edges)
            ),
        );
        f = f.nodes_at(ix, &callers).edges_at(ix, &edges);
        found.push(f);
    }
    let stated = cx.design.edges.iter().any(|e| e.props.timeout_ms.is_some())
        || cx
            .design
            .nodes
            .iter()
            .any(|n| n.props.default_timeout_ms.is_some());
    fold_when_unstated(
        &TimeoutMissing::META,
        found,
        stated,
        |callers| {
            format!(
                "no timeout is stated anywhere in the design ({calls} calls from {callers} components); set a default (workload default_timeout_ms) or one per call"
            )
        },
        out,
    );
}
