//! R81 `TRIGGER-NO-DLQ`: an event trigger with no retry policy or dead-letter destination.

use crate::critique::facts::is_event_trigger;
use crate::critique::{Context, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Flags an event trigger (object storage or a database invoking a compute node, drawn as
    /// an `async_message` from the store to the function or worker) that states no `retry`
    /// policy. Without a stated retry there is no stated end either: no dead-letter
    /// destination for the events that keep failing.
    ///
    /// ## Why it matters
    /// Guide §2.8 and §3.7: an asynchronous consumer must retry with backoff and, after N
    /// failures, park the event in a dead-letter queue for inspection. A trigger invokes the
    /// function asynchronously: by default the platform retries a couple of times and then
    /// drops the event, so a failed thumbnail or a failed index update is lost silently.
    ///
    /// ## Example
    /// Bad: `object_storage:photos -async_message-> serverless_function:thumbnailer`.
    ///
    /// Good: `photos -async_message-> thumbnailer {retry={policy:exponential, base_ms:1000,
    /// max_attempts:3}}` with an on-failure destination (`message_queue:thumb_dlq{role=dlq}`).
    ///
    /// ## How to fix
    /// Set the trigger's retry attempts and an on-failure destination (an SQS dead-letter
    /// queue or an event bus), record it as `retry` on the edge, and alarm on the DLQ depth.
    pub TriggerNoDlq {
        id: "TRIGGER-NO-DLQ",
        number: "R81",
        title: "failed events from a trigger are dropped silently",
        category: "G. Queues & asynchronous work",
        severity: Warning,
        scope: Shape,
        guide: "2.8",
        fix: "set retry attempts and an on-failure destination (a dead-letter queue) on the trigger, and alarm on the DLQ depth",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for t in 0..cx.design.edges.len() {
        if !is_event_trigger(ix, t) || ix.edge(t).props.retry.is_some() {
            continue;
        }
        let (Some(store), Some(f)) = (ix.source(t), ix.target(t)) else {
            continue;
        };
        out.push(
            Finding::new(
                &TriggerNoDlq::META,
                format!(
                    "`{}` is triggered by `{}` with no retry policy or dead-letter destination, so failed events are lost",
                    ix.node(f).id,
                    ix.node(store).id
                ),
            )
            .node(&ix.node(f).id)
            .edge(&ix.edge(t).id),
        );
    }
}
