//! R72 `SYNC-FANOUT-WIDE`: one request handler calls many internal services synchronously.

use super::sync_chain_deep::service_calls;
use crate::critique::FastSet;
use crate::critique::{Context, Finding, quoted_list};

crate::declare_rule! {
    /// ## What it does
    /// Flags a compute node on the user path that calls more than `sync_fanout_max` (3)
    /// distinct internal services synchronously (`sync_request` to compute nodes of other
    /// services) while serving a user request. One finding per calling service, listing the
    /// services it waits on.
    ///
    /// ## Why it matters
    /// Guide §3.7 (sync vs async) and §3.6 (fault tolerance): the request is as slow as the
    /// slowest of the services it waits on and fails when any one of them fails; with five
    /// dependencies at 99.9 % each the page is up 99.5 % of the time. Wide synchronous fan-out
    /// also ties the caller's release to every callee's API.
    ///
    /// ## Example
    /// Bad: `orders` calls `inventory`, `payment`, `shipping`, `customer` and `pricing` with
    /// `sync_request` inside the checkout request.
    ///
    /// Good: `orders` calls `payment` (the user must know the result) and publishes an
    /// `order_placed` event that inventory, shipping and customer services consume.
    ///
    /// ## How to fix
    /// Keep synchronous only the calls whose answer the user must see; publish an event for
    /// the rest, call the remaining ones in parallel with timeouts, or put a composition
    /// layer (BFF) with caching in front.
    pub SyncFanoutWide {
        id: "SYNC-FANOUT-WIDE",
        number: "R72",
        title: "a request handler waits on many internal services",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Shape,
        guide: "3.7",
        fix: "keep synchronous only the calls whose result the user must see; publish an event for the rest, and call the remaining ones in parallel with timeouts",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let max = cx.thresholds.sync_fanout_max as usize;
    let mut reported: FastSet<&str> = FastSet::default();
    for n in ix.nodes_where(crate::model::NodeKind::is_compute) {
        if !ix.on_user_path(n) {
            continue;
        }
        let mut services: Vec<&str> = Vec::new();
        let mut edges = Vec::new();
        for (e, callee) in service_calls(ix, n) {
            let s = ix.service(callee);
            if !services.contains(&s) {
                services.push(s);
            }
            edges.push(e);
        }
        let caller = ix.service(n);
        if services.len() <= max || reported.contains(&caller) {
            continue;
        }
        reported.insert(caller);
        let mut f = Finding::new(
            &SyncFanoutWide::META,
            format!(
                "`{}` waits synchronously on {} internal services in one request: {}",
                ix.node(n).id,
                services.len(),
                quoted_list(&services)
            ),
        )
        .node(&ix.node(n).id);
        for e in edges {
            f = f.edge(&ix.edge(e).id);
        }
        out.push(f);
    }
}
