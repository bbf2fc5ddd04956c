//! R81 `TRIGGER-NO-DLQ`: an event trigger with no retry policy or dead-letter destination.

use crate::critique::facts::is_event_trigger;
use crate::critique::{Context, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Flags an event trigger (an `event_trigger` edge, or an `async_message` drawn from
    /// object storage or a database to a function or worker) that states neither a dead-letter
    /// destination (`trigger.dlq`) nor a `retry` policy: nothing says what happens to the
    /// events that keep failing.
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
    /// Good: `photos -event_trigger-> thumbnailer {trigger={event:"s3:ObjectCreated:*",
    /// dlq:"thumb_dlq"}}` with `message_queue:thumb_dlq{role=dlq}`.
    ///
    /// ## How to fix
    /// Set the trigger's retry attempts and an on-failure destination (an SQS dead-letter
    /// queue or an event bus), record it as the trigger's `dlq` (and its `retry`), and alarm on
    /// the DLQ depth.
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
        let props = &ix.edge(t).props;
        let dlq = props
            .trigger
            .as_ref()
            .and_then(|tr| tr.dlq.as_ref())
            .is_some_and(|d| d.is_enabled());
        if !is_event_trigger(ix, t) || props.retry.is_some() || dlq {
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
