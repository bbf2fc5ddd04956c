//! R05 `STATE-LOCAL-SESSIONS`: login sessions live in one server's memory while requests are
//! spread over several servers.

use crate::critique::{Context, Finding, describe};
use crate::model::props::{AuthMode, SessionStorage};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags an app server or WebSocket server that authenticates with session cookies
    /// (`auth_mode=session_cookie`) and keeps the sessions in its own memory
    /// (`session_storage=local_memory`) while it runs as two or more instances, or is one of two
    /// or more targets of a load balancer.
    ///
    /// ## Why it matters
    /// HTTP is stateless: the next request of the same user may land on any instance, and only
    /// the one that created the session knows it, so users are logged out at random. Sticky
    /// routing (IP hash) only hides this until that instance dies. The guide keeps sessions in
    /// a shared store such as Redis so any instance can serve any request (guide §1.6; session
    /// auth in guide §4.1; the load-balancing algorithms of guide §2.5; LinkPulse chapter 2;
    /// step 3 of the scaling ladder in guide §3.10).
    ///
    /// ## Example
    /// Bad: `alb -sync_request/HTTPS-> app_server:api{instances=3, auth_mode=session_cookie,
    /// session_storage=local_memory}`.
    ///
    /// Good: `app_server:api{instances=3, auth_mode=session_cookie,
    /// session_storage=shared_store}` reading `cache:sessions{role=session_store}`.
    ///
    /// ## How to fix
    /// Move sessions to a shared store (a cache with `role=session_store`) that every instance
    /// reads, or switch to signed tokens.
    pub StateLocalSessions {
        id: "STATE-LOCAL-SESSIONS",
        number: "R05",
        title: "login sessions live in one server's memory while requests are spread over several servers",
        category: "B. Compute & API front door",
        severity: Error,
        scope: Shape,
        guide: "1.6",
        fix: "move sessions to a shared store (a cache with role=session_store) that every instance reads, or switch to signed tokens; IP-hash stickiness still loses sessions when an instance dies",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (n, node) in cx.design.nodes.iter().enumerate() {
        if !matches!(node.kind, NodeKind::AppServer | NodeKind::WebsocketServer)
            || node.props.auth_mode != Some(AuthMode::SessionCookie)
            || node.props.session_storage != Some(SessionStorage::LocalMemory)
        {
            continue;
        }
        let redundancy = ix.redundancy(n);
        // A load balancer that spreads requests over this node and at least one other.
        let balancer = ix.in_edges(n).iter().find_map(|&e| {
            let lb = ix
                .source(e)
                .filter(|&s| ix.node(s).kind == NodeKind::LoadBalancer)?;
            let mut targets: Vec<usize> = ix
                .out_edges(lb)
                .iter()
                .filter(|&&oe| ix.edge(oe).kind == EdgeKind::SyncRequest)
                .filter_map(|&oe| ix.target(oe))
                .collect();
            targets.sort_unstable();
            targets.dedup();
            (targets.len() >= 2).then_some(lb)
        });
        let spread = if redundancy >= 2 {
            if redundancy == crate::index::UNBOUNDED {
                "runs on a provider-redundant fleet".to_owned()
            } else {
                format!("runs {redundancy} instances")
            }
        } else if let Some(lb) = balancer {
            format!(
                "shares the traffic of load balancer `{}` with other targets",
                ix.node(lb).id
            )
        } else {
            continue;
        };
        let mut finding = Finding::new(
            &StateLocalSessions::META,
            format!(
                "{} keeps login sessions in local memory but {spread}, so users are logged out when a request lands elsewhere",
                describe(node)
            ),
        )
        .node(&node.id);
        if let Some(lb) = balancer {
            finding = finding.node(&ix.node(lb).id);
        }
        out.push(finding);
    }
}
