//! R24 CONSUMER-ACK-BEFORE-WORK: a message is acknowledged before its work is done.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::AckMode;

crate::declare_rule! {
    /// ## What it does
    /// Flags each edge from a `message_queue` or `stream` to a consumer (a compute node) with
    /// `ack_mode` `on_receive` or `auto`. On a `message_queue` it also flags a consumer edge
    /// where the queue's `visibility_timeout_s` is shorter than the consumer's
    /// `max_duration_s` (both must be set).
    ///
    /// ## Why it matters
    /// Guide §2.8 ("What happens if a worker crashes mid-processing?"): a queue keeps a message
    /// safe until the consumer says it is done. If the consumer acknowledges as soon as it
    /// receives the message, a crash halfway through loses the work for good: the queue has
    /// already deleted it. The opposite mistake is a visibility timeout shorter than the job:
    /// the message reappears while the first worker is still busy, and a second worker does the
    /// same job again. The notification walkthrough acknowledges only after a successful send.
    ///
    /// ## Example
    /// Bad: `message_queue:jobs{visibility_timeout_s=30} -async_message/HTTPS-> worker:resize{max_duration_s=120} {ack_mode=on_receive}`.
    ///
    /// Good: `message_queue:jobs{visibility_timeout_s=300} -async_message/HTTPS-> worker:resize{max_duration_s=120} {ack_mode=after_processing}`.
    ///
    /// ## How to fix
    /// Acknowledge or delete a message only after the work succeeded
    /// (`ack_mode=after_processing`), and set the visibility timeout longer than the slowest job.
    pub ConsumerAckBeforeWork {
        id: "CONSUMER-ACK-BEFORE-WORK",
        number: "R24",
        title: "a message is acknowledged before its work is done",
        category: "G. Queues & asynchronous work",
        severity: Warning,
        scope: Detail,
        guide: "2.8",
        fix: "acknowledge only after the work succeeded, and set the visibility timeout longer than the slowest job",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (q, e, c) in ix.queue_consumers() {
        let (queue, edge, consumer) = (ix.node(q), ix.edge(e), ix.node(c));
        if let Some(mode @ (AckMode::OnReceive | AckMode::Auto)) = edge.props.ack_mode {
            out.push(
                Finding::new(
                    &ConsumerAckBeforeWork::META,
                    format!(
                        "`{}` acknowledges messages from `{}` {} before the work is done",
                        consumer.id,
                        queue.id,
                        if mode == AckMode::Auto {
                            "automatically"
                        } else {
                            "on receive"
                        }
                    ),
                )
                .node(&consumer.id)
                .node(&queue.id)
                .edge(&edge.id),
            );
        }
        if queue.kind == NodeKind::MessageQueue
            && let (Some(visibility), Some(longest)) = (
                queue.props.visibility_timeout_s,
                consumer.props.max_duration_s,
            )
            && f64::from(visibility) < longest
        {
            out.push(
                    Finding::new(
                        &ConsumerAckBeforeWork::META,
                        format!(
                            "queue `{}` redelivers after {visibility} s, but `{}` can take {longest} s per message",
                            queue.id, consumer.id
                        ),
                    )
                    .node(&queue.id)
                    .node(&consumer.id)
                    .edge(&edge.id),
                );
        }
    }
}
