//! R11 `BLOB-PROXIED-THROUGH-APP`: the app server relays large file bytes.

use crate::critique::{Context, Finding, describe};
use crate::model::props::PayloadClass;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags an app server that reads or writes file bytes, media or video in object storage
    /// (`payload_class` `file_bytes`, `media` or `video`) while it also receives the same kind
    /// of payload on the user path, i.e. the bytes travel client → app server → bucket (or
    /// back).
    ///
    /// ## Why it matters
    /// Relaying a 2 GB video through the app ties up a server thread, its memory and its
    /// bandwidth for the whole transfer, and the app fleet has to be sized for file traffic
    /// instead of requests. With a pre-signed URL the server only hands out a short-lived
    /// address and the client talks to the bucket directly (guide §2.4; the video streaming and
    /// file storage walkthroughs of Part 5 upload straight to S3).
    ///
    /// ## Example
    /// Bad: `client -> alb -> app_server:files {payload_class=file_bytes}` and
    /// `files -read/HTTPS-> object_storage:bucket {payload_class=file_bytes}`.
    ///
    /// Good: `client -> alb -> files {payload_class=metadata}` to get a pre-signed URL, then
    /// `client -read/HTTPS-> bucket {presigned=true, payload_class=file_bytes}`.
    ///
    /// ## How to fix
    /// Have the app return a short-lived pre-signed URL (for example 900 s); the client uploads
    /// or downloads directly with object storage (or through the CDN), and the database keeps
    /// only the key.
    pub BlobProxiedThroughApp {
        id: "BLOB-PROXIED-THROUGH-APP",
        number: "R11",
        title: "the app server relays large file bytes",
        category: "C. Data placement",
        severity: Warning,
        scope: Shape,
        guide: "2.4",
        fix: "return a short-lived pre-signed URL (e.g. 900 s) so the client uploads or downloads directly with object storage or the CDN; keep only the key in the database",
        check: check,
    }
}

fn file_payload(p: Option<PayloadClass>) -> Option<PayloadClass> {
    p.filter(|p| {
        matches!(
            p,
            PayloadClass::FileBytes | PayloadClass::Media | PayloadClass::Video
        )
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for n in ix.nodes_of_kind(NodeKind::AppServer) {
        // Bucket edges of this app server carrying file payloads.
        let bucket_edges: Vec<(usize, PayloadClass)> = ix
            .edges_initiated_by(n)
            .filter_map(|e| {
                let edge = ix.edge(e);
                let to_bucket = ix
                    .responder(e)
                    .is_some_and(|r| ix.node(r).kind == NodeKind::ObjectStorage);
                let rw = matches!(edge.kind, EdgeKind::Read | EdgeKind::Write);
                (to_bucket && rw)
                    .then(|| file_payload(edge.props.payload_class))
                    .flatten()
                    .map(|p| (e, p))
            })
            .collect();
        if bucket_edges.is_empty() {
            continue;
        }
        // User-path edges that bring the same payload to this app server.
        let incoming: Vec<usize> = ix
            .in_edges(n)
            .iter()
            .chain(ix.out_edges(n))
            .copied()
            .filter(|&e| {
                ix.edge_on_user_path(e)
                    && ix.responder(e) == Some(n)
                    && bucket_edges
                        .iter()
                        .any(|&(_, p)| ix.edge(e).props.payload_class == Some(p))
            })
            .collect();
        let Some(&first_in) = incoming.first() else {
            continue;
        };
        let payload = ix
            .edge(first_in)
            .props
            .payload_class
            .map(|p| p.key())
            .unwrap_or_default();
        let mut finding = Finding::new(
            &BlobProxiedThroughApp::META,
            format!(
                "{} relays {payload} between users and object storage instead of handing out pre-signed URLs",
                describe(ix.node(n))
            ),
        )
        .node(&ix.node(n).id);
        let mut edges: Vec<usize> = incoming;
        edges.extend(
            bucket_edges
                .iter()
                .filter(|&&(_, p)| ix.edge(first_in).props.payload_class == Some(p))
                .map(|&(e, _)| e),
        );
        edges.sort_unstable();
        edges.dedup();
        for e in edges {
            finding = finding.edge(&ix.edge(e).id);
        }
        out.push(finding);
    }
}
