//! R67 `FILE-NO-CHUNKING`: large files moved as one blob.

use crate::critique::{Context, Finding};
use crate::model::props::EdgeTag;

crate::declare_rule! {
    /// ## What it does
    /// Flags an edge tagged `upload` or `download` whose `max_payload_mb` is above
    /// `chunk_threshold_mb` (4 MB) and that is not `chunked=true`.
    ///
    /// ## Why it matters
    /// File Storage & Sync walkthrough (guide §5; also the Video walkthrough's uploads): a multi-gigabyte
    /// file sent in one request restarts from zero when the connection drops, cannot use
    /// parallel connections, and must be re-sent whole after a one-byte edit. Cutting files into
    /// ~4 MB chunks gives resumable and parallel transfers, delta sync (only changed chunks
    /// move) and deduplication by chunk hash.
    ///
    /// ## Example
    /// Bad: `client -write/HTTPS-> object_storage:files {tags=[upload], max_payload_mb=4096,
    /// chunked=false}`.
    ///
    /// Good: `client -write/HTTPS-> files {tags=[upload], max_payload_mb=4, chunked=true,
    /// resumable=true, presigned=true}`, plus a call that commits the chunk list.
    ///
    /// ## How to fix
    /// Split files on the client into ~4 MB chunks, hash each (SHA-256) to skip chunks already
    /// stored, transfer them in parallel with resume using a pre-signed URL per chunk, and keep
    /// the chunk list in the metadata database.
    pub FileNoChunking {
        id: "FILE-NO-CHUNKING",
        number: "R67",
        title: "large files are moved as single blobs",
        category: "O. Walkthrough critical decisions",
        severity: Warning,
        scope: Shape,
        guide: "5, File Storage & Sync Service",
        fix: "split files into ~4 MB chunks hashed with SHA-256, transfer them in parallel with resume via pre-signed URLs, and keep the chunk list in SQL metadata",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let limit = cx.thresholds.chunk_threshold_mb;
    for e in &cx.design.edges {
        let Some(tags) = &e.props.tags else {
            continue;
        };
        let verb = if tags.contains(&EdgeTag::Upload) {
            "uploads"
        } else if tags.contains(&EdgeTag::Download) {
            "downloads"
        } else {
            continue;
        };
        let Some(size) = e.props.max_payload_mb else {
            continue;
        };
        if size <= limit || e.props.chunked == Some(true) {
            continue;
        }
        // Edges are drawn from the mover: `client -write-> files` uploads, `client -read->
        // files` downloads.
        let dir = if verb == "uploads" { "to" } else { "from" };
        out.push(
            Finding::new(
                &FileNoChunking::META,
                format!(
                    "`{}` {verb} files of up to {size} MB {dir} `{}` in one piece",
                    e.from, e.to
                ),
            )
            .edge(&e.id),
        );
    }
}
