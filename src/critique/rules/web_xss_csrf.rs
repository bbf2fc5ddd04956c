//! R58 `WEB-XSS-CSRF`: cross-site scripting and request forgery left open.

use crate::critique::{Context, Finding};
use crate::critique::{FastMap, FastSet};
use crate::model::props::{EdgeAuth, HttpMethod, Platform};
use crate::model::{EdgeKind, NodeKind};
use std::collections::VecDeque;

crate::declare_rule! {
    /// ## What it does
    /// (a) XSS: flags a node with `renders_ugc=true` that has neither `output_encoding=true`
    /// nor `csp=true`. (b) CSRF: for every edge a `web_browser` client sends with
    /// `auth=session_cookie` and a state-changing `method` (POST, PUT, PATCH, DELETE), follows
    /// the user path through CDNs, load balancers and gateways to the first compute nodes and
    /// flags each one without `csrf_protection=true`. One finding per node and problem.
    ///
    /// ## Why it matters
    /// Guide §4.6: content users wrote, rendered without encoding, can carry script that runs in
    /// other users' browsers with their session. And because browsers attach cookies to every
    /// request to a site, another site can make a logged-in user's browser post a transfer or a
    /// password change; an unpredictable per-form token is what tells a real form from a forged
    /// one.
    ///
    /// ## Example
    /// Bad: `app_server:web{renders_ugc=true, output_encoding=false, csp=false,
    /// auth_mode=session_cookie, csrf_protection=false}`.
    ///
    /// Good: `app_server:web{renders_ugc=true, output_encoding=true, csp=true,
    /// auth_mode=session_cookie, csrf_protection=true}`.
    ///
    /// ## How to fix
    /// Sanitize and encode user content and send a Content-Security-Policy header. Require CSRF
    /// tokens (or SameSite cookies plus a token) on cookie-authenticated requests that change
    /// state.
    pub WebXssCsrf {
        id: "WEB-XSS-CSRF",
        number: "R58",
        title: "browser-side attacks are not mitigated",
        category: "L. Security",
        severity: Warning,
        scope: Detail,
        guide: "4.6",
        fix: "sanitize and encode user content and send a CSP header; require CSRF tokens on cookie-authenticated requests that change state",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    // (a) XSS
    for n in &cx.design.nodes {
        if n.props.renders_ugc == Some(true)
            && n.props.output_encoding != Some(true)
            && n.props.csp != Some(true)
        {
            out.push(
                Finding::new(
                    &WebXssCsrf::META,
                    format!(
                        "`{}` renders user content with no output encoding or CSP",
                        n.id
                    ),
                )
                .node(&n.id),
            );
        }
    }
    // (b) CSRF: the compute nodes first reached by cookie-authenticated, state-changing
    // browser requests, each with the browser edges that lead to it.
    let mut reached: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut position: FastMap<usize, usize> = FastMap::default();
    for c in ix.nodes_of_kind(NodeKind::Client) {
        if ix.node(c).props.platform != Some(Platform::WebBrowser) {
            continue;
        }
        for ei in ix.edges_initiated_by(c) {
            let e = ix.edge(ei);
            let changes_state = e.props.method.as_ref().is_some_and(|m| {
                m.iter().any(|m| {
                    matches!(
                        m,
                        HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch | HttpMethod::Delete
                    )
                })
            });
            if e.props.auth != Some(EdgeAuth::SessionCookie)
                || !changes_state
                || !ix.edge_on_user_path(ei)
            {
                continue;
            }
            let Some(first) = ix.responder(ei) else {
                continue;
            };
            for handler in first_compute(cx, first) {
                match position.get(&handler) {
                    Some(&p) => reached[p].1.push(ei),
                    None => {
                        position.insert(handler, reached.len());
                        reached.push((handler, vec![ei]));
                    }
                }
            }
        }
    }
    for (n, edges) in reached {
        let node = ix.node(n);
        if node.props.csrf_protection == Some(true) {
            continue;
        }
        let mut f = Finding::new(
            &WebXssCsrf::META,
            format!(
                "`{}` accepts cookie-authenticated state changes from `{}` with no CSRF protection",
                node.id,
                ix.edge(edges[0]).from
            ),
        )
        .node(&node.id);
        for ei in edges {
            f = f.edge(&ix.edge(ei).id);
        }
        out.push(f);
    }
}

/// The compute nodes first reached from `start` along user-path request edges, passing only
/// through CDNs, load balancers and API gateways.
fn first_compute(cx: &Context<'_>, start: usize) -> Vec<usize> {
    let ix = cx.index;
    let mut found = Vec::new();
    let mut seen = FastSet::from_iter([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(cur) = queue.pop_front() {
        let kind = ix.node(cur).kind;
        if kind.is_compute() {
            found.push(cur);
            continue;
        }
        if !matches!(
            kind,
            NodeKind::Cdn | NodeKind::LoadBalancer | NodeKind::ApiGateway
        ) {
            continue;
        }
        for ei in ix.edges_initiated_by(cur) {
            if ix.edge(ei).kind == EdgeKind::AsyncMessage || !ix.edge_on_user_path(ei) {
                continue;
            }
            if let Some(next) = ix.responder(ei)
                && seen.insert(next)
            {
                queue.push_back(next);
            }
        }
    }
    found
}
