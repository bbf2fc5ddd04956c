//! R75 `ENTRY-NO-AUTH`: an entry point that authenticates nobody.

use crate::critique::{Context, Finding, Severity};
use crate::model::props::{AuthMode, EdgeAuth};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Walks from every place users arrive (the clients, or the inferred entry points when no
    /// client is drawn) through DNS, CDNs, load balancers and API gateways to the first
    /// compute node, and looks for authentication on the way: an `auth_mode` other than `none`
    /// on the gateway or the compute node, or an `auth` other than `none` on an edge.
    ///
    /// - When a node on the way states `auth_mode=none` and nothing else authenticates, it is a
    ///   warning: the design says the entry point is open.
    /// - When nothing on the way states anything and the door is an API gateway, or a
    ///   service users reach directly with nothing in front, it is an information-level
    ///   question (the diagram does not show authentication; a public read-only endpoint may
    ///   need none). Behind a plain load balancer or CDN an unstated mode is not reported:
    ///   such diagrams rarely show where authentication happens.
    ///
    /// One finding per entry door (the first gateway, balancer or compute node reached).
    ///
    /// ## Why it matters
    /// Guide §4.1–§4.3 (authentication, then authorisation): every request that reaches the
    /// application must say who sends it before anything decides what it may do. An API
    /// gateway with no authorizer in front of functions lets anyone on the internet call them,
    /// read data and run up the bill.
    ///
    /// ## Example
    /// Bad: `client -sync_request/HTTPS-> api_gateway:api` with no `auth_mode`, then
    /// `api -sync_request-> serverless_function:meta`.
    ///
    /// Good: `api_gateway:api{auth_mode=jwt}` (a JWT or Cognito authorizer), or
    /// `auth_mode=oauth` on the app server behind the balancer.
    ///
    /// ## How to fix
    /// Authenticate at the front door: a JWT/OAuth authorizer or API keys on the gateway, or
    /// session/JWT checks in the first service; record it as `auth_mode` on that node. Leave
    /// an endpoint open only on purpose, and suppress the finding with the reason.
    pub EntryNoAuth {
        id: "ENTRY-NO-AUTH",
        number: "R75",
        title: "an entry point authenticates nobody",
        category: "L. Security",
        severity: Warning,
        scope: Shape,
        guide: "4.1",
        fix: "authenticate at the front door (JWT/OAuth authorizer or API keys on the gateway, or session/JWT checks in the first service) and record it as auth_mode",
        check: check,
    }
}

fn door(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Dns | NodeKind::Cdn | NodeKind::LoadBalancer | NodeKind::ApiGateway
    )
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let mut reported = vec![false; cx.design.nodes.len()];
    // `seen[n] == walk` marks the nodes the current walk reached (no clearing between walks).
    let mut seen = vec![0u32; cx.design.nodes.len()];
    for (walk, &entry) in (1u32..).zip(ix.entry_points()) {
        // (node, door the walk went through first, whether an edge authenticates, whether
        // some node said `none`)
        let mut stack = vec![(entry, None::<usize>, false, false)];
        seen[entry] = walk;
        while let Some((cur, first, edge_auth, said_none)) = stack.pop() {
            let node = ix.node(cur);
            let mode = node.props.auth_mode;
            let authenticates = edge_auth || matches!(mode, Some(m) if m != AuthMode::None);
            let said_none = said_none || mode == Some(AuthMode::None);
            let first = match (first, node.kind) {
                (Some(f), _) => Some(f),
                (None, NodeKind::Client | NodeKind::Dns) => None,
                (None, _) => Some(cur),
            };
            if authenticates {
                continue;
            }
            if node.kind.is_compute() {
                let Some(at) = first else { continue };
                if reported[at] {
                    continue;
                }
                reported[at] = true;
                let at_node = ix.node(at);
                // Where nothing is stated, ask only at an API gateway (that is where a design
                // records its authorizer) or at a service users reach with nothing in front;
                // a load balancer or CDN in front of a web app says nothing either way.
                let asks = at_node.kind == NodeKind::ApiGateway || at_node.kind.is_compute();
                if !said_none && !asks {
                    continue;
                }
                let f = if said_none {
                    Finding::new(
                        &EntryNoAuth::META,
                        format!(
                            "entry point `{}` states no authentication (auth_mode none) before `{}`",
                            at_node.id, node.id
                        ),
                    )
                } else {
                    let mut f = Finding::new(
                        &EntryNoAuth::META,
                        format!(
                            "no authentication is stated at entry point `{}` or in `{}` behind it; is it meant to be open?",
                            at_node.id, node.id
                        ),
                    );
                    f.severity = Severity::Info;
                    f
                };
                out.push(f.node(&at_node.id));
                continue;
            }
            if !(node.kind == NodeKind::Client || door(node.kind)) {
                continue;
            }
            for e in ix.edges_initiated_by(cur) {
                let edge = ix.edge(e);
                if edge.kind != EdgeKind::SyncRequest || !ix.edge_on_user_path(e) {
                    continue;
                }
                let Some(next) = ix.responder(e) else {
                    continue;
                };
                if seen[next] == walk {
                    continue;
                }
                seen[next] = walk;
                let auth = matches!(edge.props.auth, Some(a) if a != EdgeAuth::None);
                stack.push((next, first, auth, said_none));
            }
        }
    }
}
