//! R25 CONSUMER-NOT-IDEMPOTENT: a redelivered message repeats its side effect.

use crate::critique::{Context, Finding};
use crate::model::props::Delivery;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags each edge from a `message_queue` or `stream` q to a consumer when q's `delivery`
    /// is not `exactly_once` (the default is `at_least_once`), the consumer has a side effect
    /// (a `write` edge to a store, or a `sync_request` to an `external_service`), and the
    /// consumer is not marked `idempotent = true`. A consumer explicitly marked
    /// `idempotent = false` is flagged even when no side effect is drawn: the message then says
    /// its side effects are not drawn, and that a redelivery repeats any it has.
    ///
    /// ## Why it matters
    /// Guide §2.8 and §1.5 (the retry problem), and Part 7 (idempotency): queues deliver at
    /// least once. A worker that crashes after sending the email but before acknowledging,
    /// or whose visibility timeout runs out, gets the same message again, and without a guard
    /// the customer receives two emails, two charges or two rows. Redelivery is normal
    /// operation for a queue, not a rare failure, so the handler has to make a repeat harmless.
    ///
    /// ## Example
    /// Bad: `stream:notif -async_message/TCP-> worker:email{idempotent=false}` and
    /// `email -sync_request/HTTPS-> external_service:ses{category=email}`.
    ///
    /// Good: `worker:email{idempotent=true, dedupe_key="notification_id"}` and
    /// `email -write/TCP-> cache:sent_ids{role=idempotency_store, default_ttl_s=86400}`.
    ///
    /// ## How to fix
    /// Make the handler idempotent: record processed message ids or idempotency keys (a cache
    /// with `role=idempotency_store` and a TTL, or a unique constraint), use upserts or
    /// conditional writes, or use a FIFO/deduplicating queue where one exists.
    pub ConsumerNotIdempotent {
        id: "CONSUMER-NOT-IDEMPOTENT",
        number: "R25",
        title: "a redelivered message repeats its side effect",
        category: "G. Queues & asynchronous work",
        severity: Warning,
        scope: Detail,
        guide: "2.8",
        fix: "make the handler idempotent: record processed message ids (idempotency store with a TTL, or a unique constraint), use upserts or conditional writes",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (q, e, c) in ix.queue_consumers() {
        let (queue, edge, consumer) = (ix.node(q), ix.edge(e), ix.node(c));
        if queue.props.delivery == Some(Delivery::ExactlyOnce)
            || consumer.props.idempotent == Some(true)
        {
            continue;
        }
        let message = match side_effect_target(cx, c) {
            Some(effect) => format!(
                "`{}` is not idempotent, so a message redelivered by `{}` repeats its effect on `{}`",
                consumer.id,
                queue.id,
                ix.node(effect).id
            ),
            // Stated not idempotent on an at-least-once queue: a finding even when the
            // diagram draws no side effect.
            None if consumer.props.idempotent == Some(false) => format!(
                "`{}` is marked not idempotent and `{}` delivers at least once; its side effects are not drawn, but if it has any, a redelivered message repeats them",
                consumer.id, queue.id
            ),
            None => continue,
        };
        out.push(
            Finding::new(&ConsumerNotIdempotent::META, message)
                .node(&consumer.id)
                .node(&queue.id)
                .edge(&edge.id),
        );
    }
}

/// The first node the consumer changes: a store it writes, or a third party it calls.
fn side_effect_target(cx: &Context<'_>, consumer: usize) -> Option<usize> {
    let ix = cx.index;
    ix.out_edges(consumer).iter().find_map(|&e| {
        let t = ix.target(e)?;
        let kind = ix.node(t).kind;
        let effect = match ix.edge(e).kind {
            EdgeKind::Write => kind.is_store(),
            EdgeKind::SyncRequest => kind == NodeKind::ExternalService,
            _ => false,
        };
        effect.then_some(t)
    })
}
