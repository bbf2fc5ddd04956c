//! R36 SPOF-SINGLE-INSTANCE: one machine carries a critical role.

use crate::critique::FastMap;
use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::Role;

crate::declare_rule! {
    /// ## What it does
    /// Flags a node whose `redundancy` (summed over its fleet) is below 2 and that is not
    /// `provider_redundant`, when it is one of:
    /// - an `app_server` or `websocket_server` on the user path;
    /// - a self-hosted (`managed ≠ true`) `api_gateway` or `search_index` on the user path;
    /// - a `cache` on the user path, or one whose `role` is `session_store`,
    ///   `rate_limit_counter`, `presence` or `pubsub` (other nodes depend on it even off the
    ///   user path);
    /// - a self-hosted `message_queue` or `stream`;
    /// - a `worker` that consumes a queue or stream.
    ///
    /// Redundancy counts an autoscaling node's `autoscale_min` and the `min_instances` of an
    /// auto-scaling group it sits in (the group's members are one fleet), so an auto-scaled
    /// fleet with a minimum of 2 is not flagged. Load balancers and databases have their own rules (SPOF-LB, SPOF-DB). For a cache,
    /// redundancy counts copies of each partition (1 + `replicas`), not `nodes`, which only add
    /// capacity. "Self-hosted" is read as applying to the search index as well as the gateway:
    /// a managed search service runs its own replicas.
    ///
    /// ## Why it matters
    /// Guide §3.6 (redundancy, N+1): anything whose failure takes the product down needs a
    /// second copy ready. App servers are the easy case, since any copy can answer any request
    /// behind the balancer (active-active); caches, session stores and self-run queues need a
    /// replica with failover. In LinkPulse chapter 2 a single Node.js process answered a 10×
    /// traffic spike with 502 errors. One machine also means every deploy and every reboot is
    /// an outage.
    ///
    /// ## Example
    /// Bad: `alb -sync_request/HTTPS-> app_server:api{instances=1}`.
    ///
    /// Good: `app_server:api{instances=4}` (peak need 3, plus 1).
    ///
    /// ## How to fix
    /// Run at least peak need + 1 instances (N+1), active-active behind the load balancer. For
    /// Redis, add a replica with automatic failover, or run a cluster. For a self-hosted queue
    /// or stream, run a replicated cluster or use a managed service.
    pub SpofSingleInstance {
        id: "SPOF-SINGLE-INSTANCE",
        number: "R36",
        title: "one machine carries a critical role",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Shape,
        guide: "3.6",
        fix: "run at least peak need + 1 instances (N+1) active-active; for Redis add a replica with automatic failover; replicate self-hosted queues",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let design = cx.design;
    // The queue or stream each worker consumes (first one found).
    let mut consumed: FastMap<usize, usize> = FastMap::default();
    for q in ix.nodes_where(NodeKind::is_messaging) {
        for c in ix.consumers(q) {
            consumed.entry(c).or_insert(q);
        }
    }
    // Redundancy per fleet id, computed once per fleet.
    let mut redundancy: FastMap<&str, u32> = FastMap::default();
    for (n, node) in design.nodes.iter().enumerate() {
        let p = &node.props;
        if p.provider_redundant == Some(true) {
            continue;
        }
        let self_hosted = p.managed != Some(true);
        let on_path = ix.on_user_path(n);
        let role = match node.kind {
            NodeKind::AppServer | NodeKind::WebsocketServer if on_path => Critical::Serving,
            NodeKind::ApiGateway | NodeKind::SearchIndex if on_path && self_hosted => {
                Critical::Serving
            }
            NodeKind::Cache
                if on_path
                    || matches!(
                        p.role,
                        Some(
                            Role::SessionStore
                                | Role::RateLimitCounter
                                | Role::Presence
                                | Role::Pubsub
                        )
                    ) =>
            {
                Critical::Cache
            }
            NodeKind::MessageQueue | NodeKind::Stream if self_hosted => Critical::Broker,
            NodeKind::Worker => match consumed.get(&n) {
                Some(&q) => Critical::Consumer(q),
                None => continue,
            },
            _ => continue,
        };
        let fleet = p.fleet.as_deref().unwrap_or(node.id.as_str());
        let copies = *redundancy.entry(fleet).or_insert_with(|| ix.redundancy(n));
        if copies < 2 {
            let what = kind_label(node.kind);
            let message = match role {
                Critical::Serving => {
                    format!(
                        "{what} `{}` on the user path runs a single instance",
                        node.id
                    )
                }
                Critical::Cache => format!("cache `{}` is a single node with no replica", node.id),
                Critical::Broker => {
                    format!("self-hosted {what} `{}` runs on a single node", node.id)
                }
                Critical::Consumer(q) => format!(
                    "worker `{}` consuming `{}` runs a single instance",
                    node.id,
                    ix.node(q).id
                ),
            };
            out.push(Finding::new(&SpofSingleInstance::META, message).node(&node.id));
        }
    }
}

/// Why a node is critical enough to need a second copy.
enum Critical {
    /// Serves user requests (app, WebSocket, gateway, search).
    Serving,
    /// A cache on the user path or one other nodes keep state in.
    Cache,
    /// A self-hosted queue or stream.
    Broker,
    /// A worker consuming the given queue or stream.
    Consumer(usize),
}

/// How the node is named in the message.
fn kind_label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::AppServer => "app server",
        NodeKind::WebsocketServer => "websocket server",
        NodeKind::ApiGateway => "api gateway",
        NodeKind::SearchIndex => "search index",
        NodeKind::MessageQueue => "queue",
        NodeKind::Stream => "stream",
        _ => "node",
    }
}
