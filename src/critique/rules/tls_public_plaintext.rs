//! R01 `TLS-PUBLIC-PLAINTEXT`: traffic crosses the internet unencrypted.

use crate::critique::{Context, Finding, describe_edge, stated_plaintext};
use crate::model::props::ExternalCategory;
use crate::model::{NodeKind, Protocol};

crate::declare_rule! {
    /// ## What it does
    /// Flags a public edge (one that really crosses the internet: see below) that uses plain
    /// `HTTP`, or `WebSocket`, `gRPC` or `TCP` without `tls=true`, or says `tls=false`. An edge
    /// with no protocol and no `tls` states nothing and is not flagged (every rule reads an
    /// unset protocol this way). An edge crosses the internet when its ends are not both inside
    /// a VPC and do not share a host; in a design that draws no VPC at all, the components
    /// share one unnamed network and only hops to or from a client, a CDN, DNS or an external
    /// service cross it. Two cases are
    /// exempt: a port-80 listener that only redirects to HTTPS (`redirect_to_https=true`), and a
    /// call to an outside website (`external_service` with `category=web`), whose scheme a
    /// crawler cannot choose. Edges with no protocol chosen yet, and UDP, are not judged.
    ///
    /// ## Why it matters
    /// Anything sent in clear over the internet can be read and altered by every network in
    /// between: the LinkPulse story's first scare is passwords crossing café Wi-Fi in plain
    /// HTTP. TLS encrypts the link for the price of about one extra round trip at connection
    /// time (guide §1.7; the HTTP/HTTPS row of the protocol table in guide §1.2, and encryption
    /// in transit in guide §4.4).
    ///
    /// This rule has scope *detail*: whether an arrow on a whiteboard is HTTP or HTTPS is
    /// decided when the design is hardened, so a `sketch` review leaves it out. It is still an
    /// error at the `production` level.
    ///
    /// ## Example
    /// Bad: `client:web -sync_request/HTTP-> app_server:api {route="/login", method=POST}`.
    ///
    /// Good: `web -sync_request/HTTPS-> load_balancer:alb{tls_termination=true}`,
    /// `web -sync_request/HTTP-> alb {redirect_to_https=true}`, `alb -sync_request/HTTPS-> api`.
    ///
    /// ## How to fix
    /// Terminate TLS at the first hop you control (CDN or load balancer) with a CA-issued
    /// certificate, serve HTTPS/WSS on port 443, and keep port 80 only to redirect.
    pub TlsPublicPlaintext {
        id: "TLS-PUBLIC-PLAINTEXT",
        number: "R01",
        title: "traffic crosses the internet unencrypted",
        category: "A. Transport & protocols",
        severity: Error,
        scope: Detail,
        guide: "1.7",
        fix: "terminate TLS at the first hop you control (CDN or load balancer) with a CA-issued certificate; serve HTTPS/WSS on 443 and keep port 80 only to redirect",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (e, edge) in cx.design.edges.iter().enumerate() {
        if !stated_plaintext(edge) || edge.props.redirect_to_https == Some(true) || !ix.public(e) {
            continue;
        }
        let crawled_site = ix.responder(e).is_some_and(|r| {
            let node = ix.node(r);
            node.kind == NodeKind::ExternalService
                && node.props.category == Some(ExternalCategory::Web)
        });
        if crawled_site {
            continue;
        }
        let what = match edge.protocol {
            Some(Protocol::Http) => "plain HTTP".to_owned(),
            Some(p) => format!("{} without TLS", p.label()),
            None => "traffic with TLS turned off".to_owned(),
        };
        out.push(
            Finding::new(
                &TlsPublicPlaintext::META,
                format!(
                    "{} carries {what} across the internet, readable by every network on the way",
                    describe_edge(edge)
                ),
            )
            .edge(&edge.id)
            .node(&edge.from)
            .node(&edge.to),
        );
    }
}
