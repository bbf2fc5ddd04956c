//! R41 `CIRCUIT-BREAKER-MISSING`: calls to third parties or optional services with no breaker
//! or no fallback.

use crate::critique::{
    Context, Finding, describe_callers, describe_targets, fold_when_unstated, group_by_caller,
};
use crate::model::props::Criticality;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `sync_request` edge from a compute node to an `external_service`, or to a compute
    /// node with `criticality=optional`, that has no enabled `circuit_breaker`. Also flags a
    /// `sync_request` to an optional dependency that has no `fallback`. Both problems on one
    /// edge give one finding.
    ///
    /// Internal services count too: a `sync_request` on the user path from a compute node to a
    /// compute node of another service, with no enabled breaker, is flagged as well, once per
    /// calling service (listing the services it calls): a failing internal service stalls
    /// every request that waits on it just as a third party does. When the design states no
    /// circuit breaker anywhere, all of these fold into one design-wide finding.
    ///
    /// ## Why it matters
    /// Guide §3.6 (circuit breaker, graceful degradation, fallback responses) and the Part 7
    /// glossary: when a dependency is failing, calling it again and again makes every user wait
    /// for an answer that will not come and keeps load on the sick service. A breaker stops the
    /// calls for a while and answers at once; a fallback (trending posts instead of
    /// recommendations) keeps the page working when an optional feature is down.
    ///
    /// ## Example
    /// Bad: `feed -sync_request/gRPC-> app_server:recs{criticality=optional}` with no breaker and
    /// no fallback.
    ///
    /// Good: `feed -sync_request/gRPC-> recs {timeout_ms=300, circuit_breaker={enabled:true,
    /// error_threshold_pct:50, call_timeout_ms:3000, reset_timeout_ms:30000}, fallback="show
    /// trending posts"}`.
    ///
    /// ## How to fix
    /// Wrap the call in a breaker (open at about 50 % errors, 3 s call timeout, one half-open
    /// probe after 30 s) and write down the `fallback` the caller returns while it is open.
    pub CircuitBreakerMissing {
        id: "CIRCUIT-BREAKER-MISSING",
        number: "R41",
        title: "failing dependencies are called over and over, with no degraded answer",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Detail,
        guide: "3.6",
        fix: "wrap the call in a circuit breaker (open at 50 % errors, 3 s call timeout, half-open probe after 30 s) and define a fallback",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let mut internal: Vec<(usize, usize)> = Vec::new();
    let mut found = Vec::new();
    for (ei, e) in cx.design.edges.iter().enumerate() {
        if e.kind != EdgeKind::SyncRequest {
            continue;
        }
        let (Some(caller), Some(callee)) = (ix.initiator(ei), ix.responder(ei)) else {
            continue;
        };
        let callee_node = ix.node(callee);
        let optional = callee_node.props.criticality == Some(Criticality::Optional);
        let third_party = callee_node.kind == NodeKind::ExternalService;
        let has_breaker = e
            .props
            .circuit_breaker
            .as_ref()
            .is_some_and(|cb| cb.enabled == Some(true));
        let caller_is_compute = ix.node(caller).kind.is_compute();
        if caller_is_compute
            && !has_breaker
            && !third_party
            && !optional
            && callee_node.kind.is_compute()
            && ix.edge_on_user_path(ei)
            && ix.service(caller) != ix.service(callee)
        {
            internal.push((caller, ei));
            continue;
        }
        let needs_breaker = caller_is_compute && (third_party || optional) && !has_breaker;
        let needs_fallback = optional && e.props.fallback.as_deref().is_none_or(str::is_empty);
        let what = match (needs_breaker, needs_fallback) {
            (true, true) => "no circuit breaker and no fallback",
            (true, false) => "no circuit breaker",
            (false, true) => "no fallback",
            (false, false) => continue,
        };
        let callee_desc = if optional {
            "optional"
        } else if third_party {
            "third-party"
        } else {
            "required"
        };
        found.push(
            Finding::new(
                &CircuitBreakerMissing::META,
                format!("`{}` calls {callee_desc} `{}` with {what}", e.from, e.to),
            )
            .edge(&e.id),
        );
    }
    for (callers, edges) in group_by_caller(ix, internal) {
        let mut f = Finding::new(
            &CircuitBreakerMissing::META,
            format!(
                "no circuit breaker is stated on the synchronous calls {} makes to internal services {} on the user path; add one",
                describe_callers(ix, &callers),
                describe_targets(ix, &edges)
            ),
        );
        f = f.nodes_at(ix, &callers).edges_at(ix, &edges);
        found.push(f);
    }
    let stated = cx
        .design
        .edges
        .iter()
        .any(|e| e.props.circuit_breaker.is_some());
    let n = found.len();
    fold_when_unstated(
        &CircuitBreakerMissing::META,
        found,
        stated,
        |_| {
            format!(
                "no circuit breaker is stated anywhere in the design, on {n} groups of synchronous calls to third parties or internal services; add them where a failing dependency would stall requests"
            )
        },
        out,
    );
}
