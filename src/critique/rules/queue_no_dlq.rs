//! R22 QUEUE-NO-DLQ: messages that keep failing have nowhere to go.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::Role;

crate::declare_rule! {
    /// ## What it does
    /// Flags a `message_queue`, `stream` or `pubsub_topic` that is not itself a dead-letter queue
    /// (`role ≠ dlq`), has at least one consumer, and has no dead-letter queue configured
    /// (`dlq` unset or `false`; naming a DLQ node counts as configured).
    ///
    /// ## Why it matters
    /// Guide §2.8 and §3.7: a message whose processing keeps failing (a "poison message": bad
    /// data, a bug, a payload the consumer cannot handle) is redelivered again and again. Without
    /// a dead-letter queue it either blocks the messages behind it, burns consumer capacity
    /// forever, or is eventually dropped without anyone knowing. Moving it aside after a few
    /// attempts keeps the queue flowing and leaves the failure where a person can inspect it.
    ///
    /// ## Example
    /// Bad: `message_queue:emails{dlq=false} -async_message/HTTPS-> worker:mailer`.
    ///
    /// Good: `message_queue:emails{dlq=true, max_receive_count=5}`,
    /// `message_queue:emails_dlq{role=dlq}`, and
    /// `emails -async_message/HTTPS-> emails_dlq {label="after 5 failed receives"}`.
    ///
    /// ## How to fix
    /// Configure a dead-letter queue that receives a message after N failed deliveries
    /// (`max_receive_count`), with exponential backoff between attempts. Alert on its depth and
    /// inspect it by hand.
    pub QueueNoDlq {
        id: "QUEUE-NO-DLQ",
        number: "R22",
        title: "messages that keep failing have nowhere to go",
        category: "G. Queues & asynchronous work",
        severity: Warning,
        scope: Shape,
        guide: "2.8",
        fix: "configure a dead-letter queue that receives a message after N failed deliveries (max_receive_count), with backoff between attempts; alert on its depth",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for q in ix.nodes_where(NodeKind::is_messaging) {
        let node = ix.node(q);
        if node.props.role == Some(Role::Dlq) {
            continue;
        }
        if node.props.dlq.as_ref().is_some_and(|d| d.is_enabled()) {
            continue;
        }
        let consumers = ix.consumers(q);
        if consumers.is_empty() {
            continue;
        }
        let what = match node.kind {
            NodeKind::Stream => "stream",
            NodeKind::PubSubTopic => "topic",
            _ => "queue",
        };
        let mut f = Finding::new(
            &QueueNoDlq::META,
            format!(
                "{what} `{}` has no dead-letter queue for messages that keep failing",
                node.id
            ),
        )
        .node(&node.id);
        for &c in &consumers {
            f = f.node(&ix.node(c).id);
        }
        out.push(f);
    }
}
