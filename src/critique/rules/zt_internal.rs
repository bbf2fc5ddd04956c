//! R61 `ZT-INTERNAL`: internal traffic that is plaintext or unauthenticated.

use crate::critique::{Context, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Unless `workload.zero_trust=false`, flags each internal edge (both ends inside a VPC, not
    /// on the same host) that is not encrypted (`HTTPS` or `tls=true`), or that links two
    /// compute nodes with `auth` unset or `none`.
    ///
    /// ## Why it matters
    /// Guide §4.7 (zero trust) and §4.4 (encryption in transit): being inside the network is not
    /// proof of being friendly. An attacker who gets one foothold, or a misrouted packet
    /// capture, reads everything sent in clear, and a service that accepts any internal caller
    /// lets that foothold call everything. Zero trust encrypts every hop and gives each service
    /// an identity.
    ///
    /// ## Example
    /// Bad: `alb -sync_request/HTTP-> api`; `api -sync_request/gRPC-> billing {tls=false,
    /// auth=none}`.
    ///
    /// Good: `alb -sync_request/HTTPS-> api`; `api -sync_request/gRPC-> billing {tls=true,
    /// auth=mtls}`.
    ///
    /// ## How to fix
    /// Use TLS (or mTLS) on internal hops too and give each service an identity. If TLS is
    /// deliberately terminated at the load balancer, suppress the finding and record why.
    pub ZtInternal {
        id: "ZT-INTERNAL",
        number: "R61",
        title: "internal traffic is plaintext or unauthenticated",
        category: "L. Security",
        severity: Info,
        scope: Detail,
        guide: "4.7",
        fix: "use TLS (or mTLS) on internal hops as well and give each service an identity",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    use crate::model::props::EdgeAuth;
    if cx.design.workload.zero_trust == Some(false) {
        return;
    }
    let ix = cx.index;
    for (ei, e) in cx.design.edges.iter().enumerate() {
        if !ix.internal(ei) || ix.same_host(ei) {
            continue;
        }
        let plaintext = !e.is_encrypted();
        let service_to_service = matches!(
            (ix.source(ei), ix.target(ei)),
            (Some(a), Some(b)) if ix.node(a).kind.is_compute() && ix.node(b).kind.is_compute()
        );
        let unauthenticated =
            service_to_service && matches!(e.props.auth, None | Some(EdgeAuth::None));
        let what = match (plaintext, unauthenticated) {
            (true, true) => "is plaintext and unauthenticated",
            (true, false) => "is plaintext",
            (false, true) => "carries no service identity",
            (false, false) => continue,
        };
        out.push(
            Finding::new(
                &ZtInternal::META,
                format!("internal link `{}` → `{}` {what}", e.from, e.to),
            )
            .edge(&e.id),
        );
    }
}
