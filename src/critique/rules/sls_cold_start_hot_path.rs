//! R06 `SLS-COLD-START-HOT-PATH`: a serverless function sits on a latency-sensitive
//! synchronous path.

use crate::critique::{Context, Finding, describe};
use crate::model::NodeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags a serverless function on the user path (reached from a client through synchronous
    /// calls, reads or writes) that is marked `latency_sensitive`, or whose design has a
    /// latency target (`workload.latency_target_ms`) below the worst cold start
    /// (`sls_latency_budget_ms`, 2,000 ms by default). Functions fed by a queue are off the
    /// user path and never flagged.
    ///
    /// ## Why it matters
    /// A function that has not run recently must start a fresh runtime first, which the guide
    /// puts at 100 ms to 2 s. On a request the user waits for, that cold start lands straight
    /// in the response time, which is why the guide calls serverless a poor fit for
    /// latency-sensitive work (guide §2.1; the serverless drawbacks in Part 6).
    ///
    /// ## Example
    /// Bad: workload `latency_target_ms=100`;
    /// `api_gateway:gw -sync_request/HTTPS-> serverless_function:suggest {tags=[typeahead]}`.
    ///
    /// Good: `load_balancer:alb -sync_request/HTTPS-> app_server:suggest{instances=2}`, and
    /// functions kept for queue-triggered work such as thumbnails.
    ///
    /// ## How to fix
    /// Serve the synchronous hot path from always-on app servers or containers; keep functions
    /// for event-driven, bursty or asynchronous work.
    pub SlsColdStartHotPath {
        id: "SLS-COLD-START-HOT-PATH",
        number: "R06",
        title: "a serverless function sits on a latency-sensitive synchronous path",
        category: "B. Compute & API front door",
        severity: Warning,
        scope: Shape,
        guide: "2.1",
        fix: "serve the synchronous hot path from always-on app servers or containers; keep functions for event-driven, bursty or asynchronous work",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let budget = cx.thresholds.sls_latency_budget_ms;
    let tight_target = cx.design.workload.latency_target_ms.filter(|&t| t < budget);
    for n in ix.nodes_of_kind(NodeKind::ServerlessFunction) {
        if !ix.on_user_path(n) {
            continue;
        }
        let node = ix.node(n);
        let why = if node.props.latency_sensitive == Some(true) {
            "is marked latency-sensitive".to_owned()
        } else if let Some(target) = tight_target {
            format!("must answer within the {target} ms latency target")
        } else {
            continue;
        };
        out.push(
            Finding::new(
                &SlsColdStartHotPath::META,
                format!(
                    "{} serves users synchronously and {why}, but a cold start can take up to 2 s",
                    describe(node)
                ),
            )
            .node(&node.id),
        );
    }
}
