//! R86 `LB-NOT-PUBLIC`: a client-facing load balancer drawn in a private subnet.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags a `load_balancer` that users reach (a client, DNS or CDN calls it, or it is an
    /// inferred entry point when no client is drawn) but that is drawn in a private subnet.
    /// Load balancers drawn in no subnet are not judged: the design does not say.
    ///
    /// ## Why it matters
    /// Guide §2.9 (virtual networks): the load balancer is the one component that belongs in
    /// the public subnet, and everything behind it in private ones. A client-facing balancer in
    /// a private subnet cannot be reached from the internet at all (so the diagram is wrong
    /// about how users get in), or the private subnet has a route to the internet gateway and
    /// is not private, which exposes everything else in it.
    ///
    /// ## Example
    /// Bad: `load_balancer:alb{managed=true}` inside `private_subnet:app_a`, reached from
    /// `dns:route53`.
    ///
    /// Good: `alb` in `public_subnet:public_a`, its targets in `private_subnet:app_a`.
    ///
    /// ## How to fix
    /// Put the internet-facing balancer in public subnets (one per zone) and keep its targets
    /// in private subnets; if it is meant to be internal, draw what users really reach.
    pub LbNotPublic {
        id: "LB-NOT-PUBLIC",
        number: "R86",
        title: "a client-facing load balancer is in a private subnet",
        category: "H. Network placement",
        severity: Warning,
        scope: Shape,
        guide: "2.9",
        fix: "put the internet-facing load balancer in public subnets and keep its targets in private subnets",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for lb in ix.nodes_of_kind(NodeKind::LoadBalancer) {
        if !ix.in_private_subnet(lb) || ix.in_public_subnet(lb) {
            continue;
        }
        let entry = ix.entry_points().contains(&lb)
            && ix.node(lb).kind != NodeKind::Client
            && !ix
                .entry_points()
                .iter()
                .any(|&e| ix.node(e).kind == NodeKind::Client);
        let facing = entry
            || ix.in_edges(lb).iter().any(|&e| {
                ix.initiator(e).is_some_and(|i| {
                    ix.internet_side(i) && ix.node(i).kind != NodeKind::ExternalService
                })
            });
        if facing {
            let node = ix.node(lb);
            out.push(
                Finding::new(
                    &LbNotPublic::META,
                    format!(
                        "load balancer `{}` takes users' requests but is drawn in a private subnet",
                        node.id
                    ),
                )
                .node(&node.id),
            );
        }
    }
}
