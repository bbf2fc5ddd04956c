//! R08 `GATEWAY-MULTI-ENTRY`: clients reach several backend services through separate doors.

use crate::critique::{Context, FastSet, Finding, quoted_list};
use crate::model::{EdgeKind, NodeKind};
use std::collections::VecDeque;

crate::declare_rule! {
    /// ## What it does
    /// Looks at the first load balancer, API gateway or compute node each client meets on its
    /// path (passing through DNS and CDN nodes). When the user path holds compute nodes of two
    /// or more services (`service`, defaulting to the node id) and clients enter through two or
    /// more doors, or call a service directly, the rule fires.
    ///
    /// Doors that belong to one fleet count once, and so do copies of one front door in
    /// different regions when a geo-routing DNS sends each user to one of them: that is a
    /// multi-region deployment, not a second door.
    ///
    /// ## Why it matters
    /// Each separate door has to repeat authentication, rate limits, TLS and logging, and each
    /// is one more public surface to secure and one more address clients must know. An API
    /// gateway (or one L7 load balancer with path routes) is the single front door that does
    /// those jobs once (the API Gateway and Microservices entries of the Part 7 glossary; L7
    /// routing in guide §2.5; rate limiting at the edge in guide §4.7).
    ///
    /// ## Example
    /// Bad: `client -> lb_orders -> orders`, `client -> lb_users -> users`, and
    /// `client -> search` directly.
    ///
    /// Good: `client -sync_request/HTTPS-> api_gateway:gw`, with `gw` routing `/orders/*`,
    /// `/users/*` and `/search/*` to the services.
    ///
    /// ## How to fix
    /// Put one API gateway, or one L7 load balancer with path or host routes, in front of all
    /// services, and enforce authentication and rate limits there once.
    pub GatewayMultiEntry {
        id: "GATEWAY-MULTI-ENTRY",
        number: "R08",
        title: "clients reach several backend services through separate doors",
        category: "B. Compute & API front door",
        severity: Warning,
        scope: Shape,
        guide: "2.5",
        fix: "put one API gateway, or one L7 load balancer with path/host routes, in front of all services and enforce auth and rate limits there once",
        check: check,
    }
}

fn is_door(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::LoadBalancer | NodeKind::ApiGateway) || kind.is_compute()
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let design = cx.design;
    let on_path: Vec<usize> = ix
        .nodes_where(NodeKind::is_compute)
        .filter(|&n| ix.on_user_path(n))
        .collect();
    let services = on_path
        .iter()
        .map(|&n| ix.service(n))
        .collect::<FastSet<&str>>()
        .len();
    if services < 2 {
        return;
    }

    // The first door on each client path: walk user-path edges from every client, passing
    // through DNS and CDN nodes.
    let mut seen = vec![false; design.nodes.len()];
    let mut queue: VecDeque<usize> = ix.nodes_of_kind(NodeKind::Client).collect();
    for &c in &queue {
        seen[c] = true;
    }
    let mut doors: Vec<usize> = Vec::new();
    while let Some(cur) = queue.pop_front() {
        for e in ix.edges_initiated_by(cur) {
            let edge = ix.edge(e);
            if !ix.edge_on_user_path(e) || edge.kind == EdgeKind::AsyncMessage {
                continue;
            }
            let Some(r) = ix.responder(e) else { continue };
            if seen[r] {
                continue;
            }
            seen[r] = true;
            let kind = ix.node(r).kind;
            if is_door(kind) {
                doors.push(r);
            } else if matches!(kind, NodeKind::Dns | NodeKind::Cdn) {
                queue.push_back(r);
            }
        }
    }
    doors.sort_unstable();

    // Count doors: one per fleet; regional copies behind geo-routing DNS count once (one
    // key per kind).
    let geo_dns = ix
        .nodes_of_kind(NodeKind::Dns)
        .any(|n| ix.node(n).props.geo_routing == Some(true));
    let keys = doors
        .iter()
        .map(|&d| {
            let node = ix.node(d);
            let fleet = node.props.fleet.as_deref().unwrap_or(node.id.as_str());
            if geo_dns && !node.kind.is_compute() && ix.region_of(d).is_some() {
                (true, node.kind.key())
            } else {
                (false, fleet)
            }
        })
        .collect::<FastSet<(bool, &str)>>();
    let direct: Vec<usize> = doors
        .iter()
        .copied()
        .filter(|&d| ix.node(d).kind.is_compute())
        .collect();
    if keys.len() < 2 && direct.is_empty() {
        return;
    }
    let names = quoted_list(doors.iter().map(|&d| &ix.node(d).id));
    let message = if direct.is_empty() {
        format!(
            "clients reach {} services through {} separate entry points ({}) instead of one front door",
            services,
            keys.len(),
            names
        )
    } else {
        let called = quoted_list(direct.iter().map(|&d| &ix.node(d).id));
        format!(
            "clients call {} directly while the design has {} services, so there is no single front door (entry points: {})",
            called, services, names
        )
    };
    let mut finding = Finding::new(&GatewayMultiEntry::META, message);
    for d in doors {
        finding = finding.node(&ix.node(d).id);
    }
    out.push(finding);
}
