//! R20 CDN-CACHES-PRIVATE-OR-REALTIME: the CDN caches personalised or live data.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::{CdnContent, EdgeTag};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `cdn` whose `caches` list includes `user_specific` or `realtime`, and each edge
    /// from a CDN to its origin with `cacheable = true` whose `tags` include `user_specific` or
    /// `realtime`.
    ///
    /// ## Why it matters
    /// Guide §2.7 (CDN): edge servers keep one copy of a response and hand it to everyone near
    /// them. That is ideal for images, bundles, fonts and video, and wrong for a dashboard or a
    /// live price. A cached personalised page is shown to the next visitor at the same edge,
    /// which leaks one user's data to another; a cached live value is stale by design. This is
    /// why the guide lists user-specific and real-time data as what a CDN must not cache.
    ///
    /// ## Example
    /// Bad: `cdn:edge{caches=[static_assets, user_specific]}`, or
    /// `edge -sync_request/HTTPS-> alb {route="/dashboard", cacheable=true, tags=[user_specific]}`.
    ///
    /// Good: `cdn:edge{caches=[static_assets]}` and
    /// `edge -sync_request/HTTPS-> alb {route="/dashboard", cacheable=false, tags=[user_specific]}`.
    ///
    /// ## How to fix
    /// Mark personalised and live routes as pass-through (`Cache-Control: no-store`,
    /// `cacheable=false`) or send them around the CDN. Cache only public, static or versioned
    /// content.
    pub CdnCachesPrivateOrRealtime {
        id: "CDN-CACHES-PRIVATE-OR-REALTIME",
        number: "R20",
        title: "the cdn caches personalised or live data",
        category: "F. CDN",
        severity: Error,
        scope: Shape,
        guide: "2.7",
        fix: "make personalised and live routes pass-through (no-store) or route them around the CDN; cache only public, static or versioned content",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for cdn in ix.nodes_of_kind(NodeKind::Cdn) {
        let node = ix.node(cdn);
        if let Some(caches) = &node.props.caches {
            let bad: Vec<&str> = caches
                .iter()
                .filter(|c| matches!(c, CdnContent::UserSpecific | CdnContent::Realtime))
                .map(|c| c.key())
                .collect();
            if !bad.is_empty() {
                out.push(
                    Finding::new(
                        &CdnCachesPrivateOrRealtime::META,
                        format!("cdn `{}` caches {} content", node.id, bad.join(" and ")),
                    )
                    .node(&node.id),
                );
            }
        }
        for &e in ix.out_edges(cdn) {
            let edge = ix.edge(e);
            if edge.props.cacheable != Some(true) {
                continue;
            }
            let Some(tags) = &edge.props.tags else {
                continue;
            };
            let bad: Vec<&str> = tags
                .iter()
                .filter(|t| matches!(t, EdgeTag::UserSpecific | EdgeTag::Realtime))
                .map(|t| t.key())
                .collect();
            if bad.is_empty() {
                continue;
            }
            let origin = ix.target(e).map(|t| ix.node(t).id.as_str()).unwrap_or("?");
            out.push(
                Finding::new(
                    &CdnCachesPrivateOrRealtime::META,
                    format!(
                        "cdn `{}` caches {} responses from `{origin}`",
                        node.id,
                        bad.join(" and ")
                    ),
                )
                .node(&node.id)
                .edge(&edge.id),
            );
        }
    }
}
