//! R84 `ASYNC-WORK-NO-QUEUE`: background workers fed by direct calls instead of a queue.

use crate::critique::{Context, Finding, describe_callers, group_by_caller};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `worker` (the kind meant for background work: email, media, analytics) that
    /// consumes no queue or stream and gets its work through `sync_request` or `write` edges
    /// from other compute nodes. One finding per worker, naming its callers.
    ///
    /// ## Why it matters
    /// Guide §3.7 (use async for emails, image processing, analytics) and §2.8 (queues): a
    /// queue in front of the workers lets the caller answer at once, absorbs bursts, retries
    /// failed jobs with backoff and parks poison messages in a dead-letter queue. Called
    /// directly, the worker's speed and failures become the caller's, and a burst of uploads
    /// overwhelms a fleet sized for the average.
    ///
    /// ## Example
    /// Bad: `app_server:webapp -sync_request/HTTPS-> worker:encoder {tags=[transcode]}`.
    ///
    /// Good: `webapp -async_message-> message_queue:encode_jobs{dlq=true}` and `encode_jobs
    /// -async_message-> encoder`.
    ///
    /// ## How to fix
    /// Put a queue in front of the workers: the caller publishes a job and returns; the workers
    /// consume at their own pace with retries, backoff and a dead-letter queue.
    pub AsyncWorkNoQueue {
        id: "ASYNC-WORK-NO-QUEUE",
        number: "R84",
        title: "background workers are called directly, with no queue in front",
        category: "G. Queues & asynchronous work",
        severity: Warning,
        scope: Shape,
        guide: "3.7",
        fix: "put a queue in front of the workers: publish a job and return; workers consume with retries, backoff and a DLQ",
        check: check,
    }
}

/// Whether worker `w` gets direct calls and consumes no queue: the edges that call it.
pub(crate) fn direct_calls(cx: &Context<'_>, w: usize) -> Vec<(usize, usize)> {
    let ix = cx.index;
    let fed_by_queue = ix.in_edges(w).iter().chain(ix.out_edges(w)).any(|&e| {
        ix.edge(e).kind == EdgeKind::AsyncMessage
            && ix.responder(e) != ix.initiator(e)
            && [ix.source(e), ix.target(e)]
                .into_iter()
                .flatten()
                .any(|o| o != w && ix.node(o).kind.is_messaging())
            && ix.source(e).is_some_and(|s| s != w)
    });
    if fed_by_queue {
        return Vec::new();
    }
    ix.in_edges(w)
        .iter()
        .copied()
        .filter(|&e| matches!(ix.edge(e).kind, EdgeKind::SyncRequest | EdgeKind::Write))
        .filter_map(|e| {
            let c = ix.initiator(e)?;
            (c != w && ix.node(c).kind.is_compute()).then_some((c, e))
        })
        .collect()
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for w in ix.nodes_of_kind(NodeKind::Worker) {
        let calls = direct_calls(cx, w);
        if calls.is_empty() {
            continue;
        }
        let groups = group_by_caller(ix, calls);
        let callers: Vec<usize> = groups.iter().flat_map(|(c, _)| c.iter().copied()).collect();
        let mut f = Finding::new(
            &AsyncWorkNoQueue::META,
            format!(
                "worker `{}` is called directly by {} with no queue in front",
                ix.node(w).id,
                describe_callers(ix, &callers)
            ),
        )
        .node(&ix.node(w).id);
        for (_, edges) in &groups {
            f = f.edges_at(ix, edges);
        }
        out.push(f);
    }
}
