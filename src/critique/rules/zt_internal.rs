//! R61 `ZT-INTERNAL`: internal traffic that is plaintext or unauthenticated.

use crate::critique::{
    Context, Finding, describe_callers, describe_targets, fold_when_unstated, group_by_caller,
    stated_plaintext,
};

crate::declare_rule! {
    /// ## What it does
    /// Unless `workload.zero_trust=false`, looks at each internal edge (both ends inside one
    /// network, not on the same host) that is stated to be plaintext (`HTTP`, or gRPC,
    /// WebSocket or TCP without `tls=true`, or `tls=false`), or that links two compute nodes
    /// with `auth` set to `none` (or unset, when the workload states `zero_trust=true`: then
    /// every call must carry an identity). An edge with no protocol and no `tls` states nothing about
    /// encryption and is not called plaintext (the same reading as TLS-PUBLIC-PLAINTEXT).
    ///
    /// It gives one finding per calling component (the members of one fleet or service are
    /// one caller), listing the links: the choice is made once per service. When no
    /// service-to-service edge of the design is encrypted or authenticated at all, they fold
    /// into one design-wide finding.
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
    let mut plain = vec![false; cx.design.edges.len()];
    let mut anonymous = vec![false; cx.design.edges.len()];
    let weak = cx.design.edges.iter().enumerate().filter_map(|(ei, e)| {
        // What the edge itself states first: a link stated encrypted whose authentication
        // is not in question needs none of its ends looked up.
        let unauthenticated = match e.props.auth {
            Some(EdgeAuth::None) => true,
            None => cx.design.workload.zero_trust == Some(true),
            Some(_) => false,
        };
        if !unauthenticated && !stated_plaintext(e) {
            return None;
        }
        if !ix.internal(ei) || ix.same_host(ei) {
            return None;
        }
        let (a, b) = (ix.source(ei)?, ix.target(ei)?);
        if crate::critique::facts::is_nat(ix.node(a)) || crate::critique::facts::is_nat(ix.node(b))
        {
            return None;
        }
        let service_to_service = ix.node(a).kind.is_compute() && ix.node(b).kind.is_compute();
        plain[ei] = stated_plaintext(e);
        anonymous[ei] = service_to_service && unauthenticated;
        (plain[ei] || anonymous[ei]).then_some((ix.initiator(ei).unwrap_or(a), ei))
    });
    let groups = group_by_caller(ix, weak.collect::<Vec<_>>());
    let mut found = Vec::new();
    let links: usize = groups.iter().map(|(_, e)| e.len()).sum();
    for (callers, edges) in groups {
        let any_plain = edges.iter().any(|&e| plain[e]);
        let any_anonymous = edges.iter().any(|&e| anonymous[e]);
        let what = match (any_plain, any_anonymous) {
            (true, true) => "are plaintext or carry no service identity",
            (true, false) => "are plaintext",
            _ => "state no service identity",
        };
        let links = if edges.len() == 1 { "link" } else { "links" };
        let what = if edges.len() == 1 {
            what.replace("are ", "is ")
                .replace("carry ", "carries ")
                .replace("state ", "states ")
        } else {
            what.to_owned()
        };
        let mut f = Finding::new(
            &ZtInternal::META,
            format!(
                "internal {links} from {} to {} {what}",
                describe_callers(ix, &callers),
                describe_targets(ix, &edges)
            ),
        );
        f = f.edges_at(ix, &edges);
        found.push(f);
    }
    // Whether any service-to-service link says it is encrypted or authenticated: if none
    // does, securing internal traffic is one decision the design has not made yet.
    let stated = cx.design.edges.iter().enumerate().any(|(ei, e)| {
        let services = matches!(
            (ix.source(ei), ix.target(ei)),
            (Some(a), Some(b)) if ix.node(a).kind.is_compute() && ix.node(b).kind.is_compute()
        );
        services && (e.is_encrypted() || e.props.auth.is_some_and(|a| a != EdgeAuth::None))
    });
    fold_when_unstated(
        &ZtInternal::META,
        found,
        stated,
        |callers| {
            format!(
                "no service-to-service link in the design is encrypted or authenticated ({links} internal links from {callers} components)"
            )
        },
        out,
    );
}
