//! R21 CDN-MISSING-FOR-STATIC: static or media files reach users without a CDN.

use crate::critique::{Context, Finding};
use crate::model::props::PayloadClass;
use crate::model::{EdgeKind, NodeKind};
use std::collections::VecDeque;

crate::declare_rule! {
    /// ## What it does
    /// (a) Flags an `app_server` with `serves_static = true` that some client reaches along the
    /// user path without passing through a `cdn`. (b) Flags a `read` edge from a `client`
    /// straight to `object_storage` that carries `payload_class` `static_asset` or `media` and
    /// is not `presigned`. Video has its own rule (VIDEO-ORIGIN-DELIVERY).
    ///
    /// "Reaches without a CDN" follows the same edges as the user path (sync, read and write,
    /// initiator to responder, not `background`, not redirect-only) and stops at every CDN, so
    /// an app server that is also reachable around the CDN is still flagged.
    ///
    /// ## Why it matters
    /// Guide §2.7 (CDN) and §2.4 (object storage works with CDNs): static files are the same for
    /// everyone and rarely change, so they are the ideal thing to copy to edge servers near the
    /// users. Served from the origin, every image and bundle crosses the whole distance to one
    /// region and takes capacity from the servers that should be answering API calls. In
    /// LinkPulse chapter 2, a thumbnail for a user in Mumbai went from 200 ms to 5 ms once
    /// Cloudflare sat in front of S3.
    ///
    /// ## Example
    /// Bad: `client -read/HTTPS-> object_storage:thumbs {payload_class=media}`.
    ///
    /// Good: `client -read/HTTPS-> cdn:edge{caches=[media]} {payload_class=media}` and
    /// `edge -read/HTTPS-> thumbs {payload_class=media}`.
    ///
    /// ## How to fix
    /// Put a CDN in front of the bucket or the web origin, and version asset file names so
    /// they can be cached for a long time.
    pub CdnMissingForStatic {
        id: "CDN-MISSING-FOR-STATIC",
        number: "R21",
        title: "static or media files reach users without a cdn",
        category: "F. CDN",
        severity: Warning,
        scope: Shape,
        guide: "2.7",
        fix: "put a CDN in front of the bucket or web origin and version asset file names so they can be cached for a long time",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let design = cx.design;

    // (a) app servers serving static files that a client reaches around every CDN.
    let static_servers: Vec<usize> = ix
        .nodes_of_kind(NodeKind::AppServer)
        .filter(|&n| ix.node(n).props.serves_static == Some(true))
        .collect();
    if !static_servers.is_empty() {
        let reached = reached_without_cdn(cx);
        for n in static_servers {
            if reached[n] {
                let node = ix.node(n);
                out.push(
                    Finding::new(
                        &CdnMissingForStatic::META,
                        format!(
                            "app server `{}` serves static files to clients without a cdn in front",
                            node.id
                        ),
                    )
                    .node(&node.id),
                );
            }
        }
    }

    // (b) clients reading static or media files straight from a bucket.
    for (e, edge) in design.edges.iter().enumerate() {
        if edge.kind != EdgeKind::Read || edge.props.presigned == Some(true) {
            continue;
        }
        let Some(class @ (PayloadClass::StaticAsset | PayloadClass::Media)) =
            edge.props.payload_class
        else {
            continue;
        };
        let (Some(s), Some(t)) = (ix.source(e), ix.target(e)) else {
            continue;
        };
        let (client, bucket) = (ix.node(s), ix.node(t));
        if client.kind == NodeKind::Client && bucket.kind == NodeKind::ObjectStorage {
            out.push(
                Finding::new(
                    &CdnMissingForStatic::META,
                    format!(
                        "client `{}` reads {} files from bucket `{}` without a cdn",
                        client.id,
                        class.key().replace('_', " "),
                        bucket.id
                    ),
                )
                .node(&client.id)
                .node(&bucket.id)
                .edge(&edge.id),
            );
        }
    }
}

/// Nodes a client reaches along user-path edges without entering a CDN.
fn reached_without_cdn(cx: &Context<'_>) -> Vec<bool> {
    let ix = cx.index;
    let nodes = &cx.design.nodes;
    let mut reached = vec![false; nodes.len()];
    let mut queue = VecDeque::new();
    for (i, node) in nodes.iter().enumerate() {
        if node.kind == NodeKind::Client {
            reached[i] = true;
            queue.push_back(i);
        }
    }
    while let Some(cur) = queue.pop_front() {
        // Sync, read and write edges are always opened by their source (§1.3).
        for &e in ix.out_edges(cur) {
            let edge = ix.edge(e);
            if !matches!(
                edge.kind,
                EdgeKind::SyncRequest | EdgeKind::Read | EdgeKind::Write
            ) || edge.props.background == Some(true)
                || edge.props.redirect_to_https == Some(true)
            {
                continue;
            }
            let Some(next) = ix.target(e) else { continue };
            if reached[next] || nodes[next].kind == NodeKind::Cdn {
                continue;
            }
            reached[next] = true;
            queue.push_back(next);
        }
    }
    reached
}
