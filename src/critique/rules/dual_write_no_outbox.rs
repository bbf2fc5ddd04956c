//! R79 `DUAL-WRITE-NO-OUTBOX`: a service writes to its database and publishes a message as two
//! separate steps.

use crate::critique::FastSet;
use crate::critique::{Context, Finding, push_quoted};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a compute node that both writes to a database (`write` to a `sql_db`, `nosql_db`
    /// or `shard`) and publishes to a queue or stream (`async_message` it initiates), when the
    /// publish is not marked `transactional=true` (an outbox table relayed by a poller or by
    /// change data capture, or a transactional producer). The members of one fleet or service
    /// are one finding.
    ///
    /// It is information, a trade-off to weigh: the guide's own event-bus example (§3.7)
    /// updates the database and then publishes, which is fine when a lost event can be
    /// recovered (a periodic re-scan, an idempotent retry from the client).
    ///
    /// ## Why it matters
    /// Guide §3.1 (atomicity) and §3.7 (event bus): the database write and the publish are two
    /// systems with no shared transaction. A crash or a broker timeout between them leaves the
    /// order saved with no event (nobody ships it) or an event for an order that was rolled
    /// back. The outbox pattern writes the event into the same database transaction and lets a
    /// relay publish it, so both happen or neither does.
    ///
    /// ## Example
    /// Bad: `orders -write-> sql_db:orders_db` and `orders -async_message-> message_queue:events`.
    ///
    /// Good: `orders -write-> orders_db {transactional=true}` including an outbox row, and
    /// `orders -async_message-> events {transactional=true, label="outbox relay"}` (or a CDC
    /// connector reading the database log).
    ///
    /// ## How to fix
    /// Write the event to an outbox table in the same transaction as the data, and publish it
    /// from the outbox with a relay or change data capture; mark the publish edge
    /// `transactional=true`. Consumers must then be idempotent (at-least-once delivery).
    pub DualWriteNoOutbox {
        id: "DUAL-WRITE-NO-OUTBOX",
        number: "R79",
        title: "a service writes to its database and publishes a message separately",
        category: "I. Consistency & transactions",
        severity: Info,
        scope: Shape,
        guide: "3.1",
        fix: "write the event to an outbox table in the same transaction and publish it from there (relay or CDC); mark the publish transactional",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let mut reported: FastSet<&str> = FastSet::default();
    for n in ix.nodes_where(NodeKind::is_compute) {
        if reported.contains(&ix.service(n)) {
            continue;
        }
        let mut stores = Vec::new();
        let mut topics = Vec::new();
        let mut edges = Vec::new();
        for e in ix.edges_initiated_by(n) {
            let edge = ix.edge(e);
            let Some(r) = ix.responder(e) else { continue };
            let kind = ix.node(r).kind;
            match edge.kind {
                EdgeKind::Write
                    if matches!(kind, NodeKind::SqlDb | NodeKind::NosqlDb | NodeKind::Shard) =>
                {
                    stores.push(r);
                    edges.push(e);
                }
                EdgeKind::AsyncMessage
                    if kind.is_messaging()
                        && ix.source(e) == Some(n)
                        && edge.props.transactional != Some(true) =>
                {
                    topics.push(r);
                    edges.push(e);
                }
                _ => {}
            }
        }
        if stores.is_empty() || topics.is_empty() {
            continue;
        }
        reported.insert(ix.service(n));
        stores.dedup();
        topics.dedup();
        // "{caller} writes to {stores} and publishes to {topics} as two separate steps…",
        // written piece by piece: a large design has a finding per service.
        let mut message = String::with_capacity(160);
        push_quoted(&mut message, [ix.node(n).id.as_str()]);
        message.push_str(" writes to ");
        push_quoted(&mut message, stores.iter().map(|&s| ix.node(s).id.as_str()));
        message.push_str(" and publishes to ");
        push_quoted(&mut message, topics.iter().map(|&t| ix.node(t).id.as_str()));
        message.push_str(" as two separate steps, with no outbox or transaction");
        let mut f = Finding::new(&DualWriteNoOutbox::META, message).node(&ix.node(n).id);
        for e in edges {
            f = f.edge(&ix.edge(e).id);
        }
        out.push(f);
    }
}
