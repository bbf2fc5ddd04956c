//! R45 `CAPACITY-EXCEEDED`: estimated load exceeds what the chosen tier can handle.

use crate::capacity::format::thousands;
use crate::capacity::tiers::{self, TierTable};
use crate::critique::{Context, Finding};
use crate::index::UNBOUNDED;
use crate::model::NodeKind;

crate::declare_rule! {
    /// ## What it does
    /// Compares the capacity estimator's peak load on a node with the capacity of the tier the
    /// node is on (the tier tables of guide §3.10).
    ///
    /// - App and WebSocket server fleets with a `tier`: the fleet's estimated concurrent users,
    ///   spread over all instances but one (`redundancy − 1`, at least 1), must stay within the
    ///   tier's upper figure per instance.
    /// - `sql_db` and `shard` nodes with a `tier`: the estimated queries per second must stay
    ///   within the tier's upper q/s figure, or within `capacity_qps` when `tier = custom`.
    ///   Reads a cache or read replicas absorb are not counted against the primary.
    ///
    /// The rule is silent when the load or the capacity is unknown: no workload figures, a tier
    /// outside the tables, `custom` without `capacity_qps`, or a row without a user figure
    /// (`app.compute`).
    ///
    /// ## Why it matters
    /// Guide §3.10 gives the server and managed-database tiers with the load each carries, and
    /// its practical estimation tip (10M users, about 50,000 concurrent, so 2–3 m5.xlarge and a
    /// db.r5.xlarge) shows the arithmetic. A tier below the load fails at the first peak. Guide
    /// §3.6 adds N+1: a fleet must still carry the peak with one instance lost.
    ///
    /// ## Example
    /// Bad: workload `concurrent_peak=50000`; `app_server:api{tier=m5.large, instances=2}`
    /// (50,000 users per surviving instance, above the tier's 10,000).
    ///
    /// Good: `app_server:api{tier=m5.xlarge, instances=3}` (25,000 per surviving instance,
    /// within 30,000).
    ///
    /// ## How to fix
    /// Choose a bigger tier or add instances. For a database, send reads to replicas and a
    /// cache, or shard once the writes alone are the limit.
    pub CapacityExceeded {
        id: "CAPACITY-EXCEEDED",
        number: "R45",
        title: "estimated load exceeds what the chosen tier can handle",
        category: "K. Scaling, sharding, fan-out",
        severity: Error,
        scope: Shape,
        guide: "3.10",
        fix: "choose a bigger tier or add instances; for a database, add read replicas and a cache for reads, or shard once writes are the limit",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let design = cx.design;
    let ix = cx.index;
    let sized = |k| {
        matches!(
            k,
            NodeKind::AppServer | NodeKind::WebsocketServer | NodeKind::SqlDb | NodeKind::Shard
        )
    };
    for n in ix.nodes_where(sized) {
        let node = ix.node(n);
        let Some(est) = cx.estimate.nodes.get(n) else {
            continue;
        };
        match node.kind {
            NodeKind::AppServer | NodeKind::WebsocketServer => {
                let fleet = ix.fleet(n);
                // One finding per fleet, on its first node.
                if fleet.first().is_some_and(|&f| f != n) {
                    continue;
                }
                let Some(tier) = node
                    .props
                    .tier
                    .as_deref()
                    .and_then(|t| tiers::lookup(TierTable::App, t))
                else {
                    continue;
                };
                let Some(per_instance_max) = tier.capacity_max() else {
                    continue;
                };
                // est_concurrent(fleet): every node of the fleet must have an estimate.
                let Some(users) = fleet
                    .iter()
                    .map(|&m| cx.estimate.nodes.get(m).and_then(|e| e.users))
                    .sum::<Option<f64>>()
                else {
                    continue;
                };
                let instances: u32 = fleet
                    .iter()
                    .map(|&m| design.nodes[m].props.instances.unwrap_or(1))
                    .fold(0, u32::saturating_add);
                let redundancy = match ix.redundancy(n) {
                    UNBOUNDED => instances,
                    r => r,
                };
                let serving = redundancy.saturating_sub(1).max(1);
                let per_instance = users / f64::from(serving);
                if per_instance <= per_instance_max {
                    continue;
                }
                let what = if node.kind == NodeKind::WebsocketServer {
                    "WebSocket fleet"
                } else {
                    "app fleet"
                };
                // Written piece by piece: a large design has a finding per fleet.
                let per_instance = thousands(per_instance);
                let redundancy_text = redundancy.to_string();
                let load: [&str; 5] = if redundancy >= 2 {
                    [
                        "with one of ",
                        &redundancy_text,
                        " instances lost, ",
                        &per_instance,
                        " on each survivor",
                    ]
                } else {
                    ["", "", "", &per_instance, " on its single instance"]
                };
                let tier_name = tier_name(node.props.tier.as_deref(), tier.id);
                let (users, per_instance_max) = (thousands(users), thousands(per_instance_max));
                let mut message = String::with_capacity(200);
                for piece in [
                    what,
                    " `",
                    node.id.as_str(),
                    "` (",
                    &tier_name,
                    ") must carry an estimated ",
                ]
                .into_iter()
                .chain([users.as_str(), " concurrent users at peak: "])
                .chain(load)
                .chain([", above the tier's ", &per_instance_max, " per instance"])
                {
                    message.push_str(piece);
                }
                let mut f = Finding::new(&CapacityExceeded::META, message);
                f.nodes = fleet.iter().map(|&m| design.nodes[m].id.clone()).collect();
                out.push(f);
            }
            NodeKind::SqlDb | NodeKind::Shard => {
                let (Some(load), Some(cap)) = (est.load_rps, est.capacity_rps) else {
                    continue;
                };
                let Some(tier) = node.props.tier.as_deref() else {
                    continue;
                };
                if load <= cap {
                    continue;
                }
                let what = if node.kind == NodeKind::Shard {
                    "shard"
                } else {
                    "database"
                };
                let limit = if tier.trim().eq_ignore_ascii_case(tiers::CUSTOM) {
                    format!("its capacity_qps of {} q/s", thousands(cap))
                } else {
                    format!("the {} q/s its tier handles", thousands(cap))
                };
                out.push(
                    Finding::new(
                        &CapacityExceeded::META,
                        format!(
                            "{what} `{}` ({tier}) gets an estimated {} q/s at peak, above {limit}",
                            node.id,
                            thousands(load),
                        ),
                    )
                    .node(&node.id),
                );
            }
            _ => {}
        }
    }
}

/// `m5.large` as written, with the row id when the name differs (`m5.large = app.growth`).
fn tier_name(written: Option<&str>, id: &str) -> String {
    match written {
        Some(w) if !w.eq_ignore_ascii_case(id) => format!("{w} = {id}"),
        _ => id.to_owned(),
    }
}
