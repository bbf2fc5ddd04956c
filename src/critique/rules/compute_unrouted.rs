//! R83 `COMPUTE-UNROUTED`: a serving component that nothing sends traffic to.

use crate::critique::{Context, Finding};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags an `app_server` or `websocket_server` that has edges but is the responder of none
    /// (no client, balancer, gateway or service calls it, and no queue delivers to it), when it
    /// is not an entry point itself (no `public_ip`, not in a public subnet). Workers, functions
    /// and batch jobs are exempt: they are started by queues, triggers and schedules; so is a
    /// node whose only edges are messages it publishes (it stands for upstream event
    /// producers).
    ///
    /// ## Why it matters
    /// Guide §2.1 (servers) and §2.5 (load balancers): a server exists to answer requests. One
    /// that nothing routes to either is reached by a path the diagram leaves out (so the review
    /// cannot see its load, its front door or its failure modes), or is dead weight that still
    /// holds credentials to the database.
    ///
    /// ## Example
    /// Bad: `app_server:recommender -read-> sql_db:catalogue`, with no edge into `recommender`.
    ///
    /// Good: `storefront -sync_request/gRPC-> recommender`, or `recommender` turned into a
    /// `batch_job` with a schedule if it only precomputes.
    ///
    /// ## How to fix
    /// Draw who calls the service (the balancer, the gateway or another service), make it a
    /// worker or batch job if it runs on its own, or remove it.
    pub ComputeUnrouted {
        id: "COMPUTE-UNROUTED",
        number: "R83",
        title: "a server is connected but nothing routes traffic to it",
        category: "B. Compute & API front door",
        severity: Warning,
        scope: Shape,
        guide: "2.1",
        fix: "draw who calls the service (balancer, gateway or another service), make it a worker or batch job if it runs on its own, or remove it",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for kind in [NodeKind::AppServer, NodeKind::WebsocketServer] {
        for n in ix.nodes_of_kind(kind) {
            let node = ix.node(n);
            if node.props.public_ip == Some(true) || ix.in_public_subnet(n) {
                continue;
            }
            // The edges it takes part in, replication aside.
            let touching = || {
                ix.in_edges(n)
                    .iter()
                    .chain(ix.out_edges(n))
                    .copied()
                    .filter(|&e| ix.edge(e).kind != EdgeKind::Replication)
            };
            if touching().next().is_none() {
                continue; // NODE-UNCONNECTED covers it
            }
            // A member of a fleet (an auto-scaling group reached through its container) is
            // routed to when any member is.
            let routed = ix.fleet(n).iter().any(|&m| {
                ix.in_edges(m)
                    .iter()
                    .chain(ix.out_edges(m))
                    .any(|&e| ix.responder(e) == Some(m))
            });
            if routed {
                continue;
            }
            // A node that only publishes events stands for upstream producers (other systems
            // emitting events); it is a source, not a server waiting for traffic.
            if touching().all(|e| ix.edge(e).kind == EdgeKind::AsyncMessage) {
                continue;
            }
            out.push(
                Finding::new(
                    &ComputeUnrouted::META,
                    format!(
                        "`{}` calls other components but nothing routes requests to it",
                        node.id
                    ),
                )
                .node(&node.id),
            );
        }
    }
}
