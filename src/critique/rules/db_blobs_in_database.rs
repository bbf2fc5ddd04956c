//! R09 `DB-BLOBS-IN-DATABASE`: file bytes are stored inside a database.

use crate::critique::{Context, Finding, describe};
use crate::model::EdgeKind;
use crate::model::props::PayloadClass;

crate::declare_rule! {
    /// ## What it does
    /// Flags a SQL or NoSQL database (or a shard, which takes the database's properties) that
    /// is marked `stores_blobs`, or that receives a `write` edge carrying file bytes, media or
    /// video (`payload_class` `file_bytes`, `media` or `video`).
    ///
    /// ## Why it matters
    /// Files make a database large, slow to back up and to replicate, and expensive per
    /// gigabyte, while object storage is built for exactly that load. The guide's rule is to
    /// upload the file to blob storage and keep only its URL or key in the database (guide
    /// §2.4; the LinkPulse story shows thumbnails growing PostgreSQL to 12 GB, and the file
    /// storage walkthrough stores files in S3).
    ///
    /// ## Example
    /// Bad: `app_server:api -write/TCP-> sql_db:main {payload_class=media}` with
    /// `sql_db:main{stores_blobs=true}`.
    ///
    /// Good: `api -write/HTTPS-> object_storage:thumbs {payload_class=media}` and
    /// `api -write/TCP-> main {payload_class=metadata}` storing the object key.
    ///
    /// ## How to fix
    /// Write the bytes to object storage, keep only the object key (or URL) and metadata in the
    /// database, and serve the files through a CDN or pre-signed URLs.
    pub DbBlobsInDatabase {
        id: "DB-BLOBS-IN-DATABASE",
        number: "R09",
        title: "file bytes are stored inside a database",
        category: "C. Data placement",
        severity: Error,
        scope: Shape,
        guide: "2.4",
        fix: "write the bytes to object storage, keep only the object key or URL and metadata in the database, and deliver through a CDN or pre-signed URLs",
        check: check,
    }
}

fn is_file_payload(p: Option<PayloadClass>) -> bool {
    matches!(
        p,
        Some(PayloadClass::FileBytes | PayloadClass::Media | PayloadClass::Video)
    )
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    use crate::model::NodeKind as K;
    let ix = cx.index;
    for n in ix.nodes_where(|k| matches!(k, K::SqlDb | K::NosqlDb | K::Shard)) {
        let node = ix.node(n);
        let blob_writes: Vec<usize> = ix
            .in_edges(n)
            .iter()
            .copied()
            .filter(|&e| {
                let edge = ix.edge(e);
                edge.kind == EdgeKind::Write && is_file_payload(edge.props.payload_class)
            })
            .collect();
        let flagged = node.props.stores_blobs == Some(true);
        if !flagged && blob_writes.is_empty() {
            continue;
        }
        let message = match blob_writes.first() {
            Some(&e) => {
                let edge = ix.edge(e);
                let payload = edge
                    .props
                    .payload_class
                    .map(|p| p.key())
                    .unwrap_or_default();
                let writer = ix
                    .source(e)
                    .map(|s| describe(ix.node(s)))
                    .unwrap_or_else(|| format!("`{}`", edge.from));
                format!(
                    "{writer} writes {payload} into {} instead of object storage",
                    describe(node)
                )
            }
            None => format!(
                "{} is marked as holding file bytes (`stores_blobs`)",
                describe(node)
            ),
        };
        let mut finding = Finding::new(&DbBlobsInDatabase::META, message).node(&node.id);
        for &e in &blob_writes {
            finding = finding.edge(&ix.edge(e).id);
        }
        out.push(finding);
    }
}
