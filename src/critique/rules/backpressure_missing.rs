//! R64 `BACKPRESSURE-MISSING`: producers can outrun consumers indefinitely.

use crate::capacity::format::thousands;
use crate::critique::{Context, Finding};
use crate::model::EdgeKind;

crate::declare_rule! {
    /// ## What it does
    /// For each `message_queue` and `stream` whose incoming `async_message` rates are known
    /// (an edge `rate_rps`, or the capacity estimator's rate from the workload), compares what
    /// arrives with what the consumers can drain: the sum over consumer fleets of
    /// `instances × throughput_per_instance`. It flags the queue when more arrives than can be
    /// drained and nothing pushes back: the queue is not `bounded`, no consumer fleet has
    /// `autoscale`, and no producer has `rate_limit.enabled`.
    ///
    /// The rule is silent when a rate or a consumer's `throughput_per_instance` is unknown.
    ///
    /// ## Why it matters
    /// The Part 7 glossary (guide §Part 7) defines backpressure: the consumer tells the
    /// producer to slow down (429 replies, bounded queues, reactive streams). Without it a queue that fills
    /// faster than it drains grows until memory or disk runs out, and latency grows with it;
    /// the Notification walkthrough picks Kafka partly because it absorbs bursts.
    ///
    /// ## Example
    /// Bad: `producers -async_message/TCP-> stream:events {rate_rps=20000}`;
    /// `events -async_message/TCP-> worker:proc{instances=2, throughput_per_instance=1000}`.
    ///
    /// Good: `worker:proc{instances=4, throughput_per_instance=1000, autoscale=true}`;
    /// `stream:events{bounded=true, max_depth=50000000}`.
    ///
    /// ## How to fix
    /// Bound the buffer and push back (429 or slowed producers), autoscale consumers on queue
    /// depth or lag, or use a durable log that absorbs bursts and alert on consumer lag.
    pub BackpressureMissing {
        id: "BACKPRESSURE-MISSING",
        number: "R64",
        title: "producers can outrun consumers indefinitely",
        category: "N. Distributed-systems patterns",
        severity: Warning,
        scope: Shape,
        guide: "Part 7",
        fix: "bound the queue and push back (429 or slowed producers), autoscale consumers on queue depth or lag, or use a durable log that absorbs bursts and alert on lag",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let design = cx.design;
    for q in ix.nodes_where(crate::model::NodeKind::is_messaging) {
        let node = ix.node(q);
        if node.props.bounded == Some(true) {
            continue;
        }
        let incoming: Vec<usize> = ix
            .in_edges(q)
            .iter()
            .copied()
            .filter(|&e| design.edges[e].kind == EdgeKind::AsyncMessage)
            .collect();
        if incoming.is_empty() {
            continue;
        }
        // Every incoming rate must be known.
        let Some(arriving) = incoming
            .iter()
            .map(|&e| cx.estimate.edges.get(e).and_then(|x| x.rate_rps))
            .sum::<Option<f64>>()
        else {
            continue;
        };
        let producers_limited = incoming.iter().any(|&e| {
            ix.source(e).is_some_and(|p| {
                ix.node(p)
                    .props
                    .rate_limit
                    .as_ref()
                    .is_some_and(|r| r.enabled == Some(true))
            })
        });
        if producers_limited {
            continue;
        }
        let consumers = ix.consumers(q);
        if consumers.is_empty() {
            continue;
        }
        // Σ over consumer fleets of redundancy × throughput_per_instance.
        let mut fleets: Vec<usize> = consumers
            .iter()
            .map(|&c| ix.fleet(c).first().copied().unwrap_or(c))
            .collect();
        fleets.sort_unstable();
        fleets.dedup();
        let mut drain = Some(0.0);
        let mut autoscale = false;
        for &f in &fleets {
            for &m in ix.fleet(f) {
                let p = &ix.node(m).props;
                autoscale |= p.autoscale == Some(true);
                match (drain, p.throughput_per_instance) {
                    (Some(d), Some(t)) if t.is_finite() => {
                        drain = Some(d + t * f64::from(p.instances.unwrap_or(1)));
                    }
                    _ => drain = None,
                }
            }
        }
        let Some(drain) = drain else { continue };
        if autoscale || arriving <= drain {
            continue;
        }
        let mut f = Finding::new(
            &BackpressureMissing::META,
            format!(
                "`{}` receives an estimated {} msg/s but its consumers drain at most {} msg/s, and nothing pushes back (not bounded, no autoscaling consumers, no producer rate limit)",
                node.id,
                thousands(arriving),
                thousands(drain)
            ),
        )
        .node(&node.id);
        for &c in &consumers {
            f = f.node(&ix.node(c).id);
        }
        for &e in &incoming {
            f = f.edge(&design.edges[e].id);
        }
        out.push(f);
    }
}
