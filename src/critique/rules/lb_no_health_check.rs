//! R13 LB-NO-HEALTH-CHECK: a load balancer that cannot take dead targets out of its pool.

use crate::critique::{Context, Finding};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `load_balancer` whose `health_check.enabled` is not `true` (turned off, or not
    /// recorded yet), and a load balancer that sends `sync_request` traffic to a target whose
    /// `health_endpoint` is explicitly `false`. A managed cloud load balancer (`managed=true`:
    /// ALB, NLB, Cloud Load Balancing, Azure Front Door) always probes its targets, so an
    /// unrecorded health check on one is not a finding; one turned off explicitly still is.
    ///
    /// ## Why it matters
    /// Guide §3.6 (software failures) lists health checks as the first defence: the balancer
    /// asks every server "are you alive?" (typically `GET /health`) and stops sending requests to
    /// the ones that do not answer. Without that probe a crashed, deadlocked or out-of-memory
    /// instance keeps receiving its share of traffic, so one bad box out of three turns into a
    /// third of all requests failing. A probe is only useful if the target has something to
    /// answer it with, which is why a target without a health endpoint is flagged too.
    ///
    /// ## Example
    /// Bad: `load_balancer:alb{health_check={enabled:false}} -sync_request/HTTPS-> app_server:api{instances=3}`.
    ///
    /// Good: `load_balancer:alb{health_check={enabled:true, path:"/health", interval_s:10}}` in
    /// front of `app_server:api{instances=3, health_endpoint=true, auto_restart=true}`.
    ///
    /// ## How to fix
    /// Enable the balancer's health check with a path and an interval, give every target a
    /// `/health` endpoint, and run the instances under a process manager (`auto_restart=true`)
    /// so a crashed process comes back on its own.
    pub LbNoHealthCheck {
        id: "LB-NO-HEALTH-CHECK",
        number: "R13",
        title: "the load balancer cannot eject dead targets",
        category: "D. Load balancing",
        severity: Warning,
        scope: Detail,
        guide: "3.6",
        fix: "enable a periodic health check (e.g. GET /health every 10 s) that takes failing targets out of the pool, and run targets under a process manager",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for lb in ix.nodes_of_kind(NodeKind::LoadBalancer) {
        let node = ix.node(lb);
        let enabled = node.props.health_check.as_ref().and_then(|h| h.enabled);
        match enabled {
            Some(true) => {}
            Some(false) => out.push(
                Finding::new(
                    &LbNoHealthCheck::META,
                    format!(
                        "load balancer `{}` has its health check turned off",
                        node.id
                    ),
                )
                .node(&node.id),
            ),
            None if node.always_health_checked() => {}
            None => out.push(
                Finding::new(
                    &LbNoHealthCheck::META,
                    format!(
                        "no health check is stated on load balancer `{}`; enable one",
                        node.id
                    ),
                )
                .node(&node.id),
            ),
        }
        for &e in ix.out_edges(lb) {
            let edge = ix.edge(e);
            if edge.kind != EdgeKind::SyncRequest {
                continue;
            }
            let Some(t) = ix.target(e) else { continue };
            let target = ix.node(t);
            if target.props.health_endpoint == Some(false) {
                out.push(
                    Finding::new(
                        &LbNoHealthCheck::META,
                        format!(
                            "load balancer `{}` sends traffic to `{}`, which has no health endpoint",
                            node.id, target.id
                        ),
                    )
                    .node(&node.id)
                    .node(&target.id)
                    .edge(&edge.id),
                );
            }
        }
    }
}
