//! R14 LB-L4-CONTENT-ROUTING: a Layer-4 balancer asked to route by URL or header.

use crate::critique::{Context, Finding};
use crate::model::props::LbLayer;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `load_balancer` with `layer = L4` that has an outgoing edge with a `route` set
    /// (a path, host or header match), or that sends traffic to two or more distinct services.
    /// `layer` defaults to `L7`, so only a balancer explicitly drawn as L4 is checked.
    ///
    /// Nodes of one `fleet` count as one service (their `service` defaults to the fleet id): an
    /// L4 balancer spreading connections over `api_a` and `api_b` of fleet `api` is one pool,
    /// which is exactly what L4 is for.
    ///
    /// ## Why it matters
    /// Guide §2.5 (Layer 4 vs Layer 7): a Layer-4 balancer sees only IP addresses and ports. It
    /// cannot read the URL, headers or cookies, so a rule such as "`/api/*` goes to the backend,
    /// `/admin/*` to the admin servers" cannot be expressed on it. Drawn that way, the design
    /// promises a routing behaviour the component cannot deliver: requests land on the wrong
    /// pool. The guide's advice is to default to Layer 7 and keep Layer 4 for one pool picked by
    /// port.
    ///
    /// ## Example
    /// Bad: `load_balancer:nlb{layer=L4}` with `nlb -sync_request/HTTP-> api {route="/api/*"}`
    /// and `nlb -sync_request/HTTP-> admin {route="/admin/*"}`.
    ///
    /// Good: `load_balancer:alb{layer=L7}` with the same two routed edges.
    ///
    /// ## How to fix
    /// Use an L7 balancer (ALB, Nginx) for path or host routing. Keep an L4 balancer only in
    /// front of a single pool selected by IP and port.
    pub LbL4ContentRouting {
        id: "LB-L4-CONTENT-ROUTING",
        number: "R14",
        title: "a layer-4 balancer is asked to route by URL or header",
        category: "D. Load balancing",
        severity: Error,
        scope: Shape,
        guide: "2.5",
        fix: "use a layer-7 balancer (ALB, Nginx) for path or host routing; keep layer 4 for one pool selected by IP and port",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for lb in ix.nodes_of_kind(NodeKind::LoadBalancer) {
        let node = ix.node(lb);
        if node.props.layer != Some(LbLayer::L4) {
            continue;
        }
        let mut routed = Vec::new();
        let mut targets = Vec::new();
        let mut target_edges = Vec::new();
        for &e in ix.out_edges(lb) {
            let edge = ix.edge(e);
            if edge.kind == EdgeKind::Replication {
                continue;
            }
            if edge.props.route.is_some() {
                routed.push(e);
            }
            if let Some(t) = ix.target(e) {
                targets.push(t);
                target_edges.push(e);
            }
        }
        if let Some(&first) = routed.first() {
            let route = ix.edge(first).props.route.as_deref().unwrap_or_default();
            let mut f = Finding::new(
                &LbL4ContentRouting::META,
                format!(
                    "layer-4 load balancer `{}` is asked to route by `{route}`, which it cannot see",
                    node.id
                ),
            )
            .node(&node.id);
            for &e in &routed {
                f = f.edge(&ix.edge(e).id);
            }
            out.push(f);
            continue;
        }
        let services = ix.services(&targets);
        if services.len() >= 2 {
            let names = crate::critique::quoted_list(&services);
            let mut f = Finding::new(
                &LbL4ContentRouting::META,
                format!(
                    "layer-4 load balancer `{}` splits traffic between services {names}",
                    node.id
                ),
            )
            .node(&node.id);
            for &e in &target_edges {
                f = f.edge(&ix.edge(e).id);
            }
            out.push(f);
        }
    }
}
