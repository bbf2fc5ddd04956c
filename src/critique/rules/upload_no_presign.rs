//! R76 `UPLOAD-NO-PRESIGN`: clients write straight into a bucket with no presigned URL.

use crate::critique::{Context, Finding};
use crate::model::props::EdgeAuth;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `write` (or `sync_request`) edge from a `client` to an `object_storage` bucket
    /// when neither the edge is `presigned=true` nor the bucket has `presigned_urls=true` or
    /// `access=presigned`, and
    /// the edge states no `auth` other than `none`. One finding per bucket, naming the edges.
    ///
    /// ## Why it matters
    /// Guide §2.4 (object storage, pre-signed URLs): letting clients send bytes straight to S3
    /// is right, but only with a short-lived URL the server signed for one object. A bucket that
    /// accepts uploads from anyone is either public-writable (anyone can fill it, overwrite
    /// files or host malware on your bill) or needs long-lived credentials shipped inside the
    /// app, which leak.
    ///
    /// ## Example
    /// Bad: `client:app -write/HTTPS-> object_storage:photos` with no `presigned`.
    ///
    /// Good: `app -sync_request-> api` returns a presigned PUT URL valid for 15 minutes;
    /// `app -write/HTTPS-> photos {presigned=true}`.
    ///
    /// ## How to fix
    /// Have the API hand out a presigned URL for one object key and a short time (minutes),
    /// mark the upload edge `presigned=true` (or the bucket `presigned_urls=true`), and keep
    /// the bucket private.
    pub UploadNoPresign {
        id: "UPLOAD-NO-PRESIGN",
        number: "R76",
        title: "clients upload straight to a bucket with no presigned URL",
        category: "C. Data placement",
        severity: Warning,
        scope: Shape,
        guide: "2.4",
        fix: "have the API issue a short-lived presigned URL for one object key; upload with it and keep the bucket private",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for b in ix.nodes_of_kind(NodeKind::ObjectStorage) {
        let bucket = ix.node(b);
        if bucket.props.presigned_urls == Some(true)
            || bucket.props.access == Some(crate::model::props::BucketAccess::Presigned)
        {
            continue;
        }
        let edges: Vec<usize> = ix
            .in_edges(b)
            .iter()
            .copied()
            .filter(|&e| {
                let edge = ix.edge(e);
                matches!(edge.kind, EdgeKind::Write | EdgeKind::SyncRequest)
                    && ix
                        .source(e)
                        .is_some_and(|s| ix.node(s).kind == NodeKind::Client)
                    && edge.props.presigned != Some(true)
                    && !matches!(edge.props.auth, Some(a) if a != EdgeAuth::None)
            })
            .collect();
        let Some(&first) = edges.first() else {
            continue;
        };
        let mut f = Finding::new(
            &UploadNoPresign::META,
            format!(
                "`{}` uploads straight into bucket `{}` with no presigned URL or authentication",
                ix.edge(first).from,
                bucket.id
            ),
        )
        .node(&bucket.id);
        for e in edges {
            f = f.edge(&ix.edge(e).id);
        }
        out.push(f);
    }
}
