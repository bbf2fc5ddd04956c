//! R04 `REALTIME-VIA-POLLING`: a real-time feature is built on repeated polling.

use crate::critique::{Context, Finding, describe_edge};
use crate::model::NodeKind;
use crate::model::props::{CallPattern, EdgeTag};

crate::declare_rule! {
    /// ## What it does
    /// Flags an edge opened by a `client` that polls (`pattern=poll`, or a `polling_interval_s`
    /// set) for something tagged `realtime`: chat, presence, live dashboards, in-app alerts.
    ///
    /// ## Why it matters
    /// Polling either arrives late (up to one interval) or hammers the servers with requests
    /// that mostly return nothing, and every poll pays the full cost of an HTTP request. The
    /// guide's chat walkthrough makes WebSockets its critical decision for this reason, and
    /// points to Server-Sent Events when only the server pushes (guide §2.2, the Real-Time Chat
    /// walkthrough of Part 5, and the real-time notes of Part 6).
    ///
    /// ## Example
    /// Bad: `client:mobile -sync_request/HTTPS-> chat_api {pattern=poll, polling_interval_s=2,
    /// tags=[realtime]}`.
    ///
    /// Good: `mobile -sync_request/WebSocket-> load_balancer:alb{layer=L7, websocket_support=true}
    /// {tls=true, tags=[realtime]}`, then `alb -sync_request/WebSocket-> websocket_server:ws`.
    ///
    /// ## How to fix
    /// Hold one persistent WebSocket per client through an L7 load balancer that supports
    /// WebSockets, or use Server-Sent Events when only the server ever sends.
    pub RealtimeViaPolling {
        id: "REALTIME-VIA-POLLING",
        number: "R04",
        title: "a real-time feature is built on repeated polling",
        category: "A. Transport & protocols",
        severity: Warning,
        scope: Shape,
        guide: "2.2",
        fix: "open one persistent WebSocket through an L7 load balancer that supports WebSockets, or use Server-Sent Events when only the server sends",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (e, edge) in cx.design.edges.iter().enumerate() {
        let p = &edge.props;
        let polls = p.pattern == Some(CallPattern::Poll) || p.polling_interval_s.is_some();
        let realtime = p.tags.iter().flatten().any(|t| *t == EdgeTag::Realtime);
        if !polls || !realtime {
            continue;
        }
        let Some(client) = ix
            .initiator(e)
            .filter(|&n| ix.node(n).kind == NodeKind::Client)
        else {
            continue;
        };
        let every = p
            .polling_interval_s
            .map(|s| format!(" every {s} s"))
            .unwrap_or_default();
        out.push(
            Finding::new(
                &RealtimeViaPolling::META,
                format!(
                    "{} polls{every} for a real-time feature instead of holding a push connection",
                    describe_edge(edge)
                ),
            )
            .edge(&edge.id)
            .node(&ix.node(client).id),
        );
    }
}
