//! R26 SYNC-SLOW-SIDE-EFFECT: a slow side effect runs inside the user's request.

use crate::critique::{Context, Finding};
use crate::model::props::{EdgeTag, ExternalCategory};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags each synchronous edge on the user path (a `sync_request`, `read` or `write` that a
    /// user's request walks) whose responder is an `external_service` with `category` `email`,
    /// `sms` or `push`, or which is tagged `transcode`, `image_processing`, `analytics`,
    /// `search_indexing` or `audit_log`. Fan-out has its own rule (FANOUT-SYNCHRONOUS).
    ///
    /// The user path also contains the `async_message` edge that hands work to a queue; that
    /// edge is the fix, not the problem, so it is never flagged even when it carries one of
    /// these tags.
    ///
    /// ## Why it matters
    /// Guide §3.7 (sync vs async) and §2.8: emails, text messages, image processing and
    /// analytics are things the user does not need to wait for. Done inside the request, they
    /// add the third party's latency to every sign-up and turn its outage into your outage: in
    /// LinkPulse chapter 2 sign-ups hung whenever the email provider was slow. Handing the job
    /// to a queue lets the API answer at once while a worker does the slow part, with retries.
    ///
    /// ## Example
    /// Bad: `client -…-> app_server:signup` and
    /// `signup -sync_request/HTTPS-> external_service:mail{category=email}`.
    ///
    /// Good: `signup -async_message/HTTPS-> message_queue:emails{dlq=true}`,
    /// `emails -async_message/HTTPS-> worker:mailer{instances=2, idempotent=true}` and
    /// `mailer -sync_request/HTTPS-> mail {timeout_ms=3000, retry={policy:exponential}}`.
    ///
    /// ## How to fix
    /// Publish a message or event and return. A worker fleet performs the side effect with
    /// retries, backoff and a dead-letter queue.
    pub SyncSlowSideEffect {
        id: "SYNC-SLOW-SIDE-EFFECT",
        number: "R26",
        title: "a slow side effect runs inside the user's request",
        category: "G. Queues & asynchronous work",
        severity: Warning,
        scope: Shape,
        guide: "3.7",
        fix: "publish a message and return at once; a worker fleet performs the side effect with retries, backoff and a dead-letter queue",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (e, edge) in cx.design.edges.iter().enumerate() {
        if edge.kind == EdgeKind::AsyncMessage
            || edge.kind == EdgeKind::Replication
            || !ix.edge_on_user_path(e)
        {
            continue;
        }
        let Some((i, r)) = ix.ends(e) else { continue };
        let responder = ix.node(r);
        // A worker called directly with no queue in front is ASYNC-WORK-NO-QUEUE's finding.
        if responder.kind == NodeKind::Worker
            && !super::async_work_no_queue::direct_calls(cx, r).is_empty()
        {
            continue;
        }
        let what = match (responder.kind, responder.props.category) {
            (
                NodeKind::ExternalService,
                Some(
                    c @ (ExternalCategory::Email | ExternalCategory::Sms | ExternalCategory::Push),
                ),
            ) => Some(format!("{c} sending")),
            _ => edge.props.tags.as_ref().and_then(|tags| {
                tags.iter()
                    .find(|t| {
                        matches!(
                            t,
                            EdgeTag::Transcode
                                | EdgeTag::ImageProcessing
                                | EdgeTag::Analytics
                                | EdgeTag::SearchIndexing
                                | EdgeTag::AuditLog
                        )
                    })
                    .map(|t| t.key().replace('_', " "))
            }),
        };
        let Some(what) = what else { continue };
        let initiator = ix.node(i);
        out.push(
            Finding::new(
                &SyncSlowSideEffect::META,
                format!(
                    "`{}` waits for {what} on `{}` inside the user's request",
                    initiator.id, responder.id
                ),
            )
            .node(&initiator.id)
            .node(&responder.id)
            .edge(&edge.id),
        );
    }
}
