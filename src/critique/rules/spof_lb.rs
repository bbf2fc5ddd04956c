//! R12 `SPOF-LB`: a single load balancer.

use crate::critique::{Context, Finding, describe};
use crate::model::NodeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags a load balancer whose fleet has fewer than two instances and that is not run by a
    /// provider that keeps redundant copies itself (`provider_redundant`).
    ///
    /// ## Why it matters
    /// Every request passes through the load balancer, so when the only one stops, the whole
    /// service stops with it, however many app servers stand behind it. The guide's answer to
    /// "what if the load balancer dies?" is to run two (active-passive with a floating address,
    /// or active-active) or to use a managed balancer that is redundant already (guide §2.5,
    /// and the active-active / active-passive patterns of guide §3.6).
    ///
    /// `managed` alone does not exempt the node: a managed service may still be one box, so the
    /// rule asks for `provider_redundant`.
    ///
    /// ## Example
    /// Bad: `load_balancer:nginx{instances=1}` in front of `app_server:api{instances=3}`.
    ///
    /// Good: `load_balancer:nginx{instances=2}` (active-passive), or
    /// `load_balancer:alb{managed=true, provider_redundant=true}`.
    ///
    /// ## How to fix
    /// Run a second balancer that takes over automatically (or share the load active-active),
    /// or switch to a managed load balancer and mark it `provider_redundant`.
    pub SpofLb {
        id: "SPOF-LB",
        number: "R12",
        title: "a single load balancer",
        category: "D. Load balancing",
        severity: Error,
        scope: Shape,
        guide: "2.5",
        fix: "run a second load balancer (active-passive with automatic takeover, or active-active), or use a managed, provider-redundant load balancer",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for n in ix.nodes_of_kind(NodeKind::LoadBalancer) {
        let node = ix.node(n);
        // A managed cloud load balancer (ALB, Cloud Load Balancing, Azure Load Balancer) runs
        // across zones by construction.
        if node.props.provider_redundant == Some(true) || node.props.managed == Some(true) {
            continue;
        }
        let redundancy = ix.redundancy(n);
        if redundancy >= 2 {
            continue;
        }
        let count = if redundancy == 0 {
            "has no running instance".to_owned()
        } else {
            "is a single instance".to_owned()
        };
        out.push(
            Finding::new(
                &SpofLb::META,
                format!(
                    "{} {count} with no provider redundancy: when it fails, every request behind it fails",
                    describe(node)
                ),
            )
            .node(&node.id),
        );
    }
}
