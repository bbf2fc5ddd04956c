//! R02 `IDEMPOTENCY-KEY-MISSING`: a non-idempotent call can be retried into duplicates.

use crate::critique::{Context, Finding, describe_edge};
use crate::model::props::{EdgeTag, ExternalCategory, HttpMethod, RetryPolicy};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a synchronous request without `idempotency_key=true` when a retry could repeat its
    /// effect: a `POST` or `PATCH` call that is retried (`retry.policy` set to anything but
    /// `none`), a call tagged `payment`, or any call to an `external_service` with
    /// `category=payment`.
    ///
    /// ## Why it matters
    /// A timeout does not tell the caller whether the callee acted. Retrying a non-idempotent
    /// call can therefore charge a card twice or create two orders. The guide's fix is the
    /// idempotency-key pattern: the caller sends one key per logical operation and the callee
    /// returns the stored result when the key comes back (guide §1.5, "why idempotency matters",
    /// and the Idempotency Key Pattern in the Part 7 glossary).
    ///
    /// Scope *detail*: retry policies and keys are decided after the shape of the design.
    ///
    /// ## Example
    /// Bad: `app_server:checkout -sync_request/HTTPS-> external_service:psp{category=payment}
    /// {method=POST, retry={policy:exponential, max_attempts:4}}`.
    ///
    /// Good: the same call with `idempotency_key=true, idempotency_ttl_h=24`, and a `write` edge
    /// from `checkout` to the store that records key → result.
    ///
    /// ## How to fix
    /// Create a unique key (a UUID) per logical operation and send it on every attempt; the
    /// callee records key → result for about a day and replays the result for a repeated key.
    pub IdempotencyKeyMissing {
        id: "IDEMPOTENCY-KEY-MISSING",
        number: "R02",
        title: "a non-idempotent call can be retried into duplicates",
        category: "A. Transport & protocols",
        severity: Error,
        scope: Detail,
        guide: "1.5",
        fix: "send a unique idempotency key per logical operation on every attempt; the callee stores key → result (about 24 h) and returns the stored result when the key repeats",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (e, edge) in cx.design.edges.iter().enumerate() {
        if edge.kind != EdgeKind::SyncRequest || edge.props.idempotency_key == Some(true) {
            continue;
        }
        let p = &edge.props;
        let unsafe_method = p
            .method
            .iter()
            .flatten()
            .find(|m| matches!(m, HttpMethod::Post | HttpMethod::Patch));
        let retried = p
            .retry
            .as_ref()
            .and_then(|r| r.policy)
            .is_some_and(|policy| policy != RetryPolicy::None);
        let payment_tag = p.tags.iter().flatten().any(|t| *t == EdgeTag::Payment);
        let payment_service = ix.responder(e).is_some_and(|r| {
            let node = ix.node(r);
            node.kind == NodeKind::ExternalService
                && node.props.category == Some(ExternalCategory::Payment)
        });
        let reason = match (unsafe_method, retried) {
            (Some(m), true) => format!("a retried {} call", m.key()),
            _ if payment_service => "a call to a payment provider".to_owned(),
            _ if payment_tag => "a payment call".to_owned(),
            _ => continue,
        };
        out.push(
            Finding::new(
                &IdempotencyKeyMissing::META,
                format!(
                    "{} is {reason} without an idempotency key, so a retry can repeat its effect",
                    describe_edge(edge)
                ),
            )
            .edge(&edge.id)
            .node(&edge.from)
            .node(&edge.to),
        );
    }
}
