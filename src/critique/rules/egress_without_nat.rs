//! R30 EGRESS-WITHOUT-NAT: a private instance must call out but has no egress path.

use crate::critique::FastSet;
use crate::critique::{Context, Finding, Scope, Severity};
use crate::model::{ContainerKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags an edge whose initiator sits in a `private_subnet` and whose responder is drawn
    /// outside every VPC (a third party, or a managed service such as S3 or SQS drawn outside),
    /// when the initiator's VPC has no `nat_gateway` in a `public_subnet` and the edge has no
    /// `egress_via`. A consumer polling an outside queue opens the connection itself, so it
    /// needs egress too.
    ///
    /// When the responder is a managed object or NoSQL store (`managed=true`: S3, DynamoDB,
    /// Cloud Storage…), the finding is an information-level question instead: those are
    /// usually reached through a gateway endpoint that diagrams rarely draw.
    ///
    /// ## Why it matters
    /// Guide §2.9 (NAT gateway): a private subnet has no route to the internet, which is the
    /// point of it. An app server there that must call Stripe, an email provider or S3 cannot
    /// reach them at all unless a NAT gateway in the public subnet forwards its outbound
    /// connections. The drawing promises a call that the network cannot carry; the first
    /// symptom in production is every payment or email timing out.
    ///
    /// ## Example
    /// Bad: `[vpc/private_subnet] worker:mailer` and
    /// `mailer -sync_request/HTTPS-> external_service:sendgrid{category=email}`, with no NAT in
    /// the VPC.
    ///
    /// Good: `[vpc/public_subnet] nat_gateway:nat` and
    /// `mailer -sync_request/HTTPS-> sendgrid {egress_via=nat}`.
    ///
    /// ## How to fix
    /// Add a NAT gateway in the public subnet (one per availability zone for resilience) and
    /// mark the call `egress_via=nat`. Private endpoints to the cloud provider's own services
    /// (`egress_via=private_endpoint`) are an alternative the guide does not cover.
    pub EgressWithoutNat {
        id: "EGRESS-WITHOUT-NAT",
        number: "R30",
        title: "a private instance must call out but has no egress path",
        category: "H. Network placement",
        severity: Error,
        scope: Shape,
        guide: "2.9",
        fix: "add a NAT gateway in the public subnet (one per AZ) and route the call through it (egress_via=nat)",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    // VPCs that have a NAT gateway in one of their public subnets.
    let vpcs_with_nat: FastSet<usize> = ix
        .nodes_of_kind(NodeKind::NatGateway)
        .filter(|&n| ix.in_public_subnet(n))
        .filter_map(|n| ix.enclosing(n, ContainerKind::Vpc))
        .collect();
    for (e, edge) in cx.design.edges.iter().enumerate() {
        if edge.props.egress_via.is_some() {
            continue;
        }
        let Some((i, r)) = ix.ends(e) else { continue };
        if !ix.in_private_subnet(i) || !ix.outside(r) {
            continue;
        }
        if ix
            .enclosing(i, ContainerKind::Vpc)
            .is_some_and(|v| vpcs_with_nat.contains(&v))
        {
            continue;
        }
        let (from, to) = (ix.node(i), ix.node(r));
        // A managed object or NoSQL store of the cloud is usually reached through a gateway
        // endpoint that diagrams rarely draw: ask, do not accuse.
        let endpoint_likely = to.props.managed == Some(true)
            && matches!(to.kind, NodeKind::ObjectStorage | NodeKind::NosqlDb);
        let f = if endpoint_likely {
            let mut f = Finding::new(
                &EgressWithoutNat::META,
                format!(
                    "`{}` in a private subnet reaches managed `{}` outside the vpc with no nat gateway or private endpoint drawn; is there a gateway endpoint (egress_via=private_endpoint)?",
                    from.id, to.id
                ),
            );
            f.severity = Severity::Info;
            f.scope = Scope::Detail;
            f
        } else {
            Finding::new(
                &EgressWithoutNat::META,
                format!(
                    "`{}` in a private subnet calls `{}` outside the vpc, but there is no nat gateway",
                    from.id, to.id
                ),
            )
        };
        out.push(f.node(&from.id).node(&to.id).edge(&edge.id));
    }
}
