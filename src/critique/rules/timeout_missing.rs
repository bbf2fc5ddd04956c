//! R40 `TIMEOUT-MISSING`: a remote call made by compute with no deadline.

use crate::critique::{Context, Finding};
use crate::model::EdgeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags a `sync_request`, `read` or `write` edge initiated by a compute node (app server,
    /// WebSocket server, worker, function, batch job) that has no `timeout_ms`.
    ///
    /// A circuit breaker with its own `call_timeout_ms` already bounds the call, so such an edge
    /// is accepted too: a reviewer would not ask for the same deadline twice.
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
    /// Give every remote call an explicit `timeout_ms`: about 3 s for third parties, tighter
    /// (tens to hundreds of ms) for internal stores. On timeout, return an error or a fallback.
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
    let ix = cx.index;
    for (ei, e) in cx.design.edges.iter().enumerate() {
        let verb = match e.kind {
            EdgeKind::SyncRequest => "calls",
            EdgeKind::Read => "reads from",
            EdgeKind::Write => "writes to",
            _ => continue,
        };
        if e.props.timeout_ms.is_some() {
            continue;
        }
        let bounded_by_breaker = e
            .props
            .circuit_breaker
            .as_ref()
            .is_some_and(|cb| cb.enabled == Some(true) && cb.call_timeout_ms.is_some());
        if bounded_by_breaker {
            continue;
        }
        let Some(caller) = ix.initiator(ei) else {
            continue;
        };
        if !ix.node(caller).kind.is_compute() {
            continue;
        }
        out.push(
            Finding::new(
                &TimeoutMissing::META,
                format!("`{}` {verb} `{}` with no timeout", e.from, e.to),
            )
            .edge(&e.id),
        );
    }
}
