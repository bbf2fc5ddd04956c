//! R07 `SLS-UNSUITED-WORKLOAD`: serverless used for work the guide says to avoid it for.

use crate::critique::{Context, Finding, describe};
use crate::model::props::TrafficPattern;
use crate::model::{NodeKind, Protocol};

crate::declare_rule! {
    /// ## What it does
    /// Flags a serverless function that runs jobs longer than the platform allows
    /// (`max_duration_s` above `sls_max_duration_s`, 900 s by default), that answers a
    /// `WebSocket` edge, or that carries steady high-volume traffic (`traffic_pattern=steady`
    /// with `volume_rps` at or above `steady_volume_rps`; this part is off until that threshold
    /// is set, because the guide gives no number).
    ///
    /// ## Why it matters
    /// The guide lists three jobs to keep off functions: long-running work (a function is
    /// killed at its time limit, 15 minutes on Lambda), persistent connections such as
    /// WebSockets (a function does not stay alive between requests), and steady heavy traffic,
    /// where paying per call costs more than always-on servers (guide §2.1; the serverless
    /// limits in Part 6).
    ///
    /// ## Example
    /// Bad: `message_queue:jobs -async_message/HTTPS-> serverless_function:transcode{max_duration_s=3600}`.
    ///
    /// Good: `message_queue:jobs -async_message/HTTPS-> worker:transcoders{instances=20,
    /// max_duration_s=3600}`.
    ///
    /// ## How to fix
    /// Move long jobs to a worker fleet fed by a queue, split into restartable pieces; hold
    /// WebSockets on a WebSocket server fleet; serve steady high volume from dedicated app
    /// servers.
    pub SlsUnsuitedWorkload {
        id: "SLS-UNSUITED-WORKLOAD",
        number: "R07",
        title: "serverless used for work the guide says to avoid it for",
        category: "B. Compute & API front door",
        severity: Warning,
        scope: Shape,
        guide: "2.1",
        fix: "move long jobs to a queue-fed worker fleet in restartable pieces, WebSockets to a WebSocket server fleet, and steady high volume to dedicated app servers",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let max_s = cx.thresholds.sls_max_duration_s;
    for n in ix.nodes_of_kind(NodeKind::ServerlessFunction) {
        let node = ix.node(n);
        let mut reasons = Vec::new();
        let mut edges = Vec::new();
        if let Some(d) = node.props.max_duration_s.filter(|&d| d > max_s) {
            reasons.push(format!(
                "runs jobs of up to {d} s, beyond the {max_s} s limit"
            ));
        }
        let sockets: Vec<usize> = ix
            .in_edges(n)
            .iter()
            .chain(ix.out_edges(n))
            .copied()
            .filter(|&e| {
                ix.edge(e).protocol == Some(Protocol::WebSocket) && ix.responder(e) == Some(n)
            })
            .collect();
        if !sockets.is_empty() {
            reasons.push("answers WebSocket connections".to_owned());
            edges.extend(sockets);
        }
        if let (Some(TrafficPattern::Steady), Some(rps), Some(limit)) = (
            node.props.traffic_pattern,
            node.props.volume_rps,
            cx.thresholds.steady_volume_rps,
        ) && rps >= limit
        {
            reasons.push(format!("serves a steady {rps} requests/s"));
        }
        if reasons.is_empty() {
            continue;
        }
        let mut finding = Finding::new(
            &SlsUnsuitedWorkload::META,
            format!("{} {}", describe(node), reasons.join(" and ")),
        )
        .node(&node.id);
        edges.sort_unstable();
        edges.dedup();
        for e in edges {
            finding = finding.edge(&ix.edge(e).id);
        }
        out.push(finding);
    }
}
