//! R66 `WS-NO-CROSS-SERVER-BUS`: WebSocket servers that cannot reach users connected elsewhere.

use crate::critique::FastSet;
use crate::critique::{Context, Finding};
use crate::model::props::Role;
use crate::model::{EdgeKind, Node, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// For each `websocket_server` fleet with `redundancy ≥ 2`, flags (a) no subscription to a
    /// bus (a `stream`, or a `cache` with `role=pubsub`), or (b) when the fleet relays client
    /// messages (`relays_client_messages`, default true), no publishing to such a bus.
    ///
    /// Subscribing is an `async_message` edge from the bus into the fleet (or a `read` edge
    /// from the fleet to the bus, the way a Kafka consumer is sometimes drawn); publishing is an
    /// `async_message` or `write` edge from the fleet to the bus. Push-only fleets (in-app
    /// notifications) set `relays_client_messages=false` and need only the subscription.
    ///
    /// ## Why it matters
    /// Real-Time Chat walkthrough (guide §5) and §6 (real-time): each connection lives on one server.
    /// When Alice on server 1 writes to Bob on server 2, server 1 has no socket to Bob; unless
    /// every server publishes what its clients send and subscribes to what others publish, the
    /// message is stored but never delivered live. It works in a one-server demo and fails as
    /// soon as the fleet grows.
    ///
    /// ## Example
    /// Bad: `websocket_server:ws{instances=3}`; `ws -write/TCP-> nosql_db:messages`; no bus.
    ///
    /// Good: `ws -write/TCP-> messages`; `ws -async_message/TCP-> stream:chat_events`;
    /// `chat_events -async_message/TCP-> ws`.
    ///
    /// ## How to fix
    /// Have every WebSocket server publish the messages its clients send to a bus (Kafka, Redis
    /// Pub/Sub) and subscribe to it, pushing matching events to its own connections.
    pub WsNoCrossServerBus {
        id: "WS-NO-CROSS-SERVER-BUS",
        number: "R66",
        title: "websocket servers cannot deliver to users connected elsewhere",
        category: "O. Walkthrough critical decisions",
        severity: Error,
        scope: Shape,
        guide: "5, Real-Time Chat System",
        fix: "have every WebSocket server publish client messages to a bus (Kafka, Redis Pub/Sub) and subscribe to it, pushing matching events to its own connections",
        check: check,
    }
}

fn is_bus(n: &Node) -> bool {
    n.kind == NodeKind::Stream || (n.kind == NodeKind::Cache && n.props.role == Some(Role::Pubsub))
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let mut seen_fleets: FastSet<&str> = FastSet::default();
    for ws in ix.nodes_of_kind(NodeKind::WebsocketServer) {
        let node = ix.node(ws);
        if !seen_fleets.insert(node.props.fleet.as_deref().unwrap_or(node.id.as_str())) {
            continue;
        }
        let servers = ix.redundancy(ws);
        if servers < 2 {
            continue;
        }
        let fleet = ix.fleet(ws);
        let mut subscribes = false;
        let mut publishes = false;
        let mut relays = false;
        for &m in fleet {
            relays |= ix.node(m).props.relays_client_messages != Some(false);
            for &ei in ix.in_edges(m) {
                let e = ix.edge(ei);
                if e.kind == EdgeKind::AsyncMessage
                    && ix.source(ei).is_some_and(|s| is_bus(ix.node(s)))
                {
                    subscribes = true;
                }
            }
            for &ei in ix.out_edges(m) {
                let e = ix.edge(ei);
                if !ix.target(ei).is_some_and(|t| is_bus(ix.node(t))) {
                    continue;
                }
                match e.kind {
                    EdgeKind::Read => subscribes = true,
                    EdgeKind::AsyncMessage | EdgeKind::Write => publishes = true,
                    _ => {}
                }
            }
        }
        let count = if servers == crate::index::UNBOUNDED {
            "redundant servers".to_owned()
        } else {
            format!("{servers} servers")
        };
        let id = &node.id;
        let message = match (subscribes, publishes || !relays) {
            (true, true) => continue,
            (false, false) => {
                format!("`{id}` relays client messages across {count} with no pub/sub bus")
            }
            (false, true) if relays => {
                format!("`{id}` publishes to a bus but its {count} never subscribe to it")
            }
            (false, true) => {
                format!(
                    "`{id}` pushes to clients across {count} with no pub/sub bus to receive events from"
                )
            }
            (true, false) => format!(
                "`{id}` relays client messages across {count} but never publishes them to the bus"
            ),
        };
        let mut f = Finding::new(&WsNoCrossServerBus::META, message);
        for &m in fleet {
            f = f.node(&ix.node(m).id);
        }
        out.push(f);
    }
}
