//! R23 QUEUE-MULTI-SUBSCRIBER: several independent services share a delete-on-consume queue.

use crate::critique::{Context, Finding};
use crate::model::props::Role;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `message_queue` (not a `stream`, not `role = dlq`) whose consumers belong to two
    /// or more distinct services. Several instances of one fleet reading the same queue
    /// (competing consumers) are one service: a node's `service` defaults to its `fleet` id,
    /// then to its own id. A dead-letter route to another queue is not a consumer. A pub/sub
    /// topic or fan-out exchange (SNS, Google Pub/Sub, EventBridge, a RabbitMQ fanout exchange,
    /// or a queue whose `tech` or label says topic or exchange) is exempt: every subscriber
    /// gets every message there, so several subscribing services are the point of it.
    ///
    /// ## Why it matters
    /// Guide §2.8 (queue vs stream) and §3.7 (event bus): a queue hands each message to exactly
    /// one consumer and deletes it once processed. When the search indexer and the cache
    /// invalidator both read the same queue, each event reaches only one of them, so roughly
    /// half the documents are never indexed and half the stale entries are never cleared, at
    /// random. When several services must each see every event, the guide's answer is a stream
    /// (each service reads with its own consumer group) or one queue per service.
    ///
    /// ## Example
    /// Bad: `message_queue:doc_events` with `doc_events -async_message/HTTPS-> worker:indexer{service=search}`
    /// and `doc_events -async_message/HTTPS-> worker:invalidator{service=cache}`.
    ///
    /// Good: `stream:doc_events{tech=Kafka}` with `doc_events -async_message/TCP-> indexer {consumer_group=search}`
    /// and `doc_events -async_message/TCP-> invalidator {consumer_group=cache}`.
    ///
    /// ## How to fix
    /// Publish to a stream (e.g. a Kafka topic) and give each service its own consumer group,
    /// or fan out through pub/sub into one queue per consuming service.
    pub QueueMultiSubscriber {
        id: "QUEUE-MULTI-SUBSCRIBER",
        number: "R23",
        title: "several independent consumers share a delete-on-consume queue",
        category: "G. Queues & asynchronous work",
        severity: Warning,
        scope: Shape,
        guide: "2.8",
        fix: "publish to a stream with one consumer group per service, or fan out through pub/sub into one queue per consuming service",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for q in ix.nodes_of_kind(NodeKind::MessageQueue) {
        let node = ix.node(q);
        if node.props.role == Some(Role::Dlq) {
            continue;
        }
        // Fewer than two consumers are fewer than two services; the topic test reads text,
        // so it comes last.
        let consumers = ix.consumers(q);
        if consumers.len() < 2 {
            continue;
        }
        let services = ix.services(&consumers);
        if services.len() < 2 || crate::critique::facts::is_pubsub_topic(node) {
            continue;
        }
        let names = crate::critique::quoted_list(&services);
        let mut f = Finding::new(
            &QueueMultiSubscriber::META,
            format!(
                "queue `{}` is shared by services {names}, but each message reaches only one of them",
                node.id
            ),
        )
        .node(&node.id);
        for &c in &consumers {
            f = f.node(&ix.node(c).id);
        }
        for &e in ix.out_edges(q) {
            let edge = ix.edge(e);
            if edge.kind == EdgeKind::AsyncMessage
                && ix.target(e).is_some_and(|t| consumers.contains(&t))
            {
                f = f.edge(&edge.id);
            }
        }
        out.push(f);
    }
}
