//! R48 `FANOUT-SYNCHRONOUS`: fan-out writes made inside the user's request.

use crate::critique::{Context, Finding};
use crate::model::EdgeKind;
use crate::model::props::EdgeTag;

crate::declare_rule! {
    /// ## What it does
    /// Flags a `sync_request`, `read` or `write` edge tagged `fanout` that lies on the user path,
    /// i.e. it is reached synchronously from a client instead of downstream of a stream or
    /// queue. (Publishing the post event to a stream is itself an `async_message` and is fine,
    /// even when tagged `fanout`.)
    ///
    /// ## Why it matters
    /// News Feed walkthrough (critical decision: Kafka), guide §3.7 (event bus) and §3.10
    /// (fan-out): writing into thousands of follower feeds while the poster waits makes the
    /// request as slow as its biggest audience, and a failure half-way leaves some feeds updated
    /// and others not, with nothing to retry it. Durable events let workers do it at their own
    /// pace with retries.
    ///
    /// ## Example
    /// Bad: `client -…-> app_server:posts`; `posts -write/TCP-> nosql_db:feeds {tags=[fanout]}`.
    ///
    /// Good: `posts -async_message/TCP-> stream:post_events`; `post_events -async_message/TCP->
    /// worker:fanout`; `fanout -write/TCP-> feeds {tags=[fanout]}`.
    ///
    /// ## How to fix
    /// Have the post handler store the post and publish an event. Fan-out workers consume it and
    /// write follower feeds asynchronously, with retries and a dead-letter queue.
    pub FanoutSynchronous {
        id: "FANOUT-SYNCHRONOUS",
        number: "R48",
        title: "fan-out writes happen inside the posting request",
        category: "K. Scaling, sharding, fan-out",
        severity: Warning,
        scope: Shape,
        guide: "3.7",
        fix: "store the post and publish an event; fan-out workers consume it and write follower feeds asynchronously with retries and a DLQ",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (ei, e) in cx.design.edges.iter().enumerate() {
        if e.kind == EdgeKind::AsyncMessage
            || !ix.edge_on_user_path(ei)
            || !e
                .props
                .tags
                .as_ref()
                .is_some_and(|t| t.contains(&EdgeTag::Fanout))
        {
            continue;
        }
        out.push(
            Finding::new(
                &FanoutSynchronous::META,
                format!(
                    "`{}` fans out to `{}` inside the user's request",
                    e.from, e.to
                ),
            )
            .edge(&e.id),
        );
    }
}
