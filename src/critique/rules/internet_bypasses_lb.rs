//! R29 INTERNET-BYPASSES-LB: outside traffic enters the VPC somewhere other than the front door.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags an edge whose initiator is a `client`, `cdn` or `external_service` drawn outside
    /// every VPC and whose responder is inside a VPC but is neither a `load_balancer` nor an
    /// `api_gateway`.
    ///
    /// ## Why it matters
    /// Guide §2.9: the only door from the internet into the VPC is the load balancer in the
    /// public subnet. Everything an attacker sends then passes the balancer (TLS, WAF, rate
    /// limits) and the application's authentication and authorization before it can get near
    /// the data. A client, CDN or webhook that talks straight to an app server or a database
    /// inside the VPC means that box is reachable from the internet, and each such side door
    /// is one more place every protection has to be repeated.
    ///
    /// ## Example
    /// Bad: `client -sync_request/HTTPS-> app_server:api` (api in a private subnet), or
    /// `cdn:edge -sync_request/HTTPS-> api`.
    ///
    /// Good: `client -sync_request/HTTPS-> load_balancer:alb`,
    /// `edge -sync_request/HTTPS-> alb`, `alb -sync_request/HTTPS-> api`.
    ///
    /// ## How to fix
    /// Route the traffic through the load balancer or API gateway in the public subnet.
    pub InternetBypassesLb {
        id: "INTERNET-BYPASSES-LB",
        number: "R29",
        title: "outside traffic enters the vpc somewhere other than the front door",
        category: "H. Network placement",
        severity: Error,
        scope: Shape,
        guide: "2.9",
        fix: "route outside traffic through the load balancer or API gateway in the public subnet",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (e, edge) in cx.design.edges.iter().enumerate() {
        let Some((i, r)) = ix.ends(e) else { continue };
        let (from, to) = (ix.node(i), ix.node(r));
        let outsider = match from.kind {
            NodeKind::Client => "client",
            NodeKind::Cdn => "cdn",
            NodeKind::ExternalService => "external service",
            _ => continue,
        };
        if !ix.outside(i)
            || !ix.in_vpc(r)
            || matches!(to.kind, NodeKind::LoadBalancer | NodeKind::ApiGateway)
        {
            continue;
        }
        out.push(
            Finding::new(
                &InternetBypassesLb::META,
                format!(
                    "{outsider} `{}` reaches `{}` inside the vpc without passing the load balancer",
                    from.id, to.id
                ),
            )
            .node(&from.id)
            .node(&to.id)
            .edge(&edge.id),
        );
    }
}
