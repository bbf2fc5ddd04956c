//! R03 `GEO-NO-LOCALITY`: distant users are served from one far-away place.

use crate::critique::{Context, Finding};
use crate::model::{ContainerKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Two checks. (a) The workload lists a user geography (`workload.user_geos`) that no
    /// region of the design serves (no `region` container with that `geo`) while no CDN sits on
    /// any client's path. (b) Two or more regions each hold a client-facing load balancer or
    /// API gateway, but no DNS node routes by geography (`geo_routing=true`), so users are not
    /// sent to the nearest region. A balancer or gateway is client-facing when a client reaches
    /// it directly or through DNS or a CDN.
    ///
    /// ## Why it matters
    /// Distance costs time: every round trip from Mumbai to a US region adds hundreds of
    /// milliseconds, which the LinkPulse story turns into 4-second page loads. GeoDNS answers
    /// each user with the nearest region (the guide's example drops 280 ms to 15 ms), and a CDN
    /// serves static content from an edge near the user (guide §1.4; the CDN in guide §2.7;
    /// step 7 of the scaling ladder in guide §3.10).
    ///
    /// ## Example
    /// Bad: workload `user_geos=[NA, ASIA]`, everything in `region:us-east{geo=NA}`, no CDN.
    ///
    /// Good: a `cdn` on the client path for static and media content, or a second region with
    /// `geo=ASIA` and a `dns{geo_routing=true}` in front of both regions.
    ///
    /// ## How to fix
    /// First serve static and media content from a CDN's edge servers. When dynamic requests
    /// must be fast too, add a region near those users and resolve each user to the nearest
    /// region with GeoDNS, with regional read replicas and caches.
    pub GeoNoLocality {
        id: "GEO-NO-LOCALITY",
        number: "R03",
        title: "distant users are served from one far-away place",
        category: "A. Transport & protocols",
        severity: Warning,
        scope: Shape,
        guide: "1.4",
        fix: "serve static and media content from a CDN edge; for fast dynamic requests add a region near those users and route each user to the nearest region with GeoDNS",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let design = cx.design;

    // (a) a user geography with neither a region nor a CDN near it.
    let cdn_on_path = ix.nodes_of_kind(NodeKind::Cdn).any(|n| ix.on_user_path(n));
    if !cdn_on_path {
        let clients: Vec<usize> = ix.nodes_of_kind(NodeKind::Client).collect();
        let mut geos: Vec<&String> = design.workload.user_geos.iter().collect();
        geos.sort();
        geos.dedup();
        for geo in geos {
            let served = design
                .containers
                .iter()
                .any(|c| c.kind == ContainerKind::Region && c.geo.as_deref() == Some(geo.as_str()));
            if served {
                continue;
            }
            let mut finding = Finding::new(
                &GeoNoLocality::META,
                format!(
                    "users in {geo} are served from far away: no region has geo {geo} and no CDN sits on the user path"
                ),
            );
            for &c in &clients {
                finding = finding.node(&ix.node(c).id);
            }
            out.push(finding);
        }
    }

    // (b) several regional front doors without geo-aware DNS.
    let geo_dns = ix
        .nodes_of_kind(NodeKind::Dns)
        .any(|n| ix.node(n).props.geo_routing == Some(true));
    if geo_dns {
        return;
    }
    let mut doors: Vec<(usize, usize)> = Vec::new(); // (region, node)
    for n in ix.nodes_where(|k| matches!(k, NodeKind::LoadBalancer | NodeKind::ApiGateway)) {
        let Some(region) = ix.region_of(n) else {
            continue;
        };
        let client_facing = ix.in_edges(n).iter().chain(ix.out_edges(n)).any(|&e| {
            ix.edge_on_user_path(e)
                && ix.responder(e) == Some(n)
                && ix.initiator(e).is_some_and(|i| {
                    matches!(
                        ix.node(i).kind,
                        NodeKind::Client | NodeKind::Dns | NodeKind::Cdn
                    )
                })
        });
        if client_facing {
            doors.push((region, n));
        }
    }
    let mut regions: Vec<usize> = doors.iter().map(|&(r, _)| r).collect();
    regions.sort_unstable();
    regions.dedup();
    if regions.len() >= 2 {
        let names: Vec<String> = regions
            .iter()
            .map(|&r| format!("`{}`", design.containers[r].id))
            .collect();
        let mut finding = Finding::new(
            &GeoNoLocality::META,
            format!(
                "regions {} each have a front door, but no DNS routes users by geography",
                names.join(", ")
            ),
        );
        for &(_, n) in &doors {
            finding = finding.node(&ix.node(n).id);
        }
        out.push(finding);
    }
}
