//! R50 `AUTH-COOKIES-FOR-MOBILE`: native apps and servers expected to carry cookies.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::{EdgeAuth, Platform};

crate::declare_rule! {
    /// ## What it does
    /// Flags an edge initiated by a `client` whose `platform` is `mobile_app`, `desktop_app` or
    /// `third_party_server` and whose `auth` is `session_cookie`.
    ///
    /// ## Why it matters
    /// Guide §4.1 ("why sessions struggle on mobile"): native apps and servers have no browser
    /// cookie jar, cookies are bound to one domain, and their handling differs from platform to
    /// platform, so cookie sessions break or get hand-rolled insecurely. LinkPulse Ch.4 chose
    /// JWT partly for its mobile app.
    ///
    /// ## Example
    /// Bad: `client:ios{platform=mobile_app} -sync_request/HTTPS-> alb {auth=session_cookie}`.
    ///
    /// Good: `ios -sync_request/HTTPS-> alb {auth=jwt}`.
    ///
    /// ## How to fix
    /// Send a token in the `Authorization` header: a JWT for users, an API key for servers.
    pub AuthCookiesForMobile {
        id: "AUTH-COOKIES-FOR-MOBILE",
        number: "R50",
        title: "non-browser clients are expected to carry cookies",
        category: "L. Security",
        severity: Warning,
        scope: Detail,
        guide: "4.1",
        fix: "send a token in the Authorization header (JWT for users, API keys for servers)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for c in ix.nodes_of_kind(NodeKind::Client) {
        let client = ix.node(c);
        let platform = match client.props.platform {
            Some(Platform::MobileApp) => "mobile app",
            Some(Platform::DesktopApp) => "desktop app",
            Some(Platform::ThirdPartyServer) => "third-party server",
            _ => continue,
        };
        for ei in ix.edges_initiated_by(c) {
            let e = ix.edge(ei);
            if e.props.auth != Some(EdgeAuth::SessionCookie) {
                continue;
            }
            out.push(
                Finding::new(
                    &AuthCookiesForMobile::META,
                    format!(
                        "{platform} `{}` authenticates to `{}` with a session cookie",
                        client.id, e.to
                    ),
                )
                .edge(&e.id),
            );
        }
    }
}
