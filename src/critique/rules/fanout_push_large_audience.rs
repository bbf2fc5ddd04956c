//! R47 `FANOUT-PUSH-LARGE-AUDIENCE`: fan-out-on-write to audiences above the push threshold.

use crate::critique::{Context, Finding};
use crate::model::props::FanoutStrategy;

crate::declare_rule! {
    /// ## What it does
    /// Flags a node with `fanout.strategy=push` when the largest audience of one fan-out
    /// (`workload.max_followers` or `workload.max_group_size`, whichever is larger) is above the
    /// push threshold: the node's own `fanout.threshold` if set, otherwise `fanout_threshold`
    /// (100 recipients).
    ///
    /// ## Why it matters
    /// Guide §3.10 (fan-out on write vs on read) and the News Feed walkthrough: pushing a post
    /// into every follower's feed costs one write per follower, so one celebrity with a million
    /// followers means a million writes per post, and the queue of feed updates backs up for
    /// everyone else. The chat walkthrough switches groups above 100 members to pull, and
    /// LinkPulse Ch.3 pulls for its 80,000-follower curator.
    ///
    /// ## Example
    /// Bad: workload `max_followers=1000000`; `worker:fanout{fanout={strategy:push}}`.
    ///
    /// Good: `worker:fanout{fanout={strategy:hybrid, threshold:10000}}` plus
    /// `app_server:feed -read/TCP-> sql_db:posts {label="pull celebrity posts at read time"}`.
    ///
    /// ## How to fix
    /// Go hybrid: push to precomputed feeds for ordinary accounts and small groups, pull
    /// celebrity or large-group content at read time and merge it in.
    pub FanoutPushLargeAudience {
        id: "FANOUT-PUSH-LARGE-AUDIENCE",
        number: "R47",
        title: "fan-out-on-write is used for very large audiences",
        category: "K. Scaling, sharding, fan-out",
        severity: Warning,
        scope: Shape,
        guide: "3.10",
        fix: "go hybrid: push to precomputed feeds for ordinary accounts and small groups, pull celebrity or large-group content at read time",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let w = &cx.design.workload;
    let audience = match (w.max_followers, w.max_group_size) {
        (Some(a), Some(b)) => a.max(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return,
    };
    for n in &cx.design.nodes {
        let Some(fanout) = &n.props.fanout else {
            continue;
        };
        if fanout.strategy != Some(FanoutStrategy::Push) {
            continue;
        }
        let threshold = fanout.threshold.unwrap_or(cx.thresholds.fanout_threshold);
        if audience <= threshold {
            continue;
        }
        out.push(
            Finding::new(
                &FanoutPushLargeAudience::META,
                format!(
                    "`{}` pushes every post to audiences of up to {audience}, above the push limit of {threshold}",
                    n.id
                ),
            )
            .node(&n.id),
        );
    }
}
