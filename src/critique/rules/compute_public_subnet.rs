//! R28 COMPUTE-PUBLIC-SUBNET: application servers exposed directly to the internet.

use crate::critique::{Context, Finding};
use crate::model::{ContainerKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags an `app_server`, `worker`, `websocket_server` or `batch_job` drawn inside a
    /// `public_subnet`, or with `public_ip = true`.
    ///
    /// ## Why it matters
    /// Guide §2.9: the public subnet is for the load balancer alone; application servers live
    /// in private subnets behind it. A server with a public address can be attacked directly,
    /// bypassing the balancer's TLS termination, WAF and rate limits, and every open port or
    /// debug endpoint on it becomes part of the attack surface. Servers that only need to call
    /// out (to Stripe, S3 or an email provider) get that through a NAT gateway without being
    /// reachable from outside.
    ///
    /// ## Example
    /// Bad: `[vpc/public_subnet] alb, app_server:api`.
    ///
    /// Good: `[vpc/public_subnet] alb, nat` and `[vpc/private_subnet] api`.
    ///
    /// ## How to fix
    /// Move the server into a private subnet behind the load balancer and drop its public IP.
    /// Outbound calls go through a NAT gateway.
    pub ComputePublicSubnet {
        id: "COMPUTE-PUBLIC-SUBNET",
        number: "R28",
        title: "application servers are exposed directly",
        category: "H. Network placement",
        severity: Warning,
        scope: Shape,
        guide: "2.9",
        fix: "move the server into a private subnet behind the load balancer and drop its public IP; outbound calls go through NAT",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (n, node) in cx.design.nodes.iter().enumerate() {
        let what = match node.kind {
            NodeKind::AppServer => "app server",
            NodeKind::Worker => "worker",
            NodeKind::WebsocketServer => "websocket server",
            NodeKind::BatchJob => "batch job",
            _ => continue,
        };
        let message = if let Some(subnet) = ix.enclosing(n, ContainerKind::PublicSubnet) {
            format!(
                "{what} `{}` sits in public subnet `{}`",
                node.id, cx.design.containers[subnet].id
            )
        } else if node.props.public_ip == Some(true) {
            format!("{what} `{}` has a public IP", node.id)
        } else {
            continue;
        };
        out.push(Finding::new(&ComputePublicSubnet::META, message).node(&node.id));
    }
}
