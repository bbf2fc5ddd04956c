//! R46 `DB-HEAVY-TIER-NO-READ-SCALING`: a very large database box with no replicas or cache.

use crate::capacity::format::thousands;
use crate::capacity::tiers::{self, TierTable};
use crate::critique::{Context, Finding};
use crate::model::NodeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags a `sql_db` that is on the guide's Heavy database tier (`db.heavy`, also named
    /// `db.r5.2xlarge` or `MO E8s v3`), or whose estimated load is above `heavy_db_qps`
    /// (15,000 q/s by default, the Heavy tier's lower bound), while no read replica is fed from
    /// it and no cache lists it in `backs`.
    ///
    /// ## Why it matters
    /// Guide §3.10's managed-database table says that by the Heavy tier you should also be
    /// adding read replicas and caching, and its scaling phases put replicas, a cache and a CDN
    /// (Phase 2) before ever-bigger boxes. Most traffic is reads; taking them off the primary
    /// is cheaper than the next size up, and there is no bigger row in the table.
    ///
    /// ## Example
    /// Bad: `sql_db:main{tier=db.r5.2xlarge}` alone.
    ///
    /// Good: `sql_db:main{tier=db.r5.xlarge}`; `main -replication/TCP-> read_replica:r1
    /// {mode=async}`; `cache:hot{backs=[main]}`.
    ///
    /// ## How to fix
    /// Send reads to read replicas and put a cache such as Redis in front of the hot queries
    /// before buying an even bigger box.
    pub DbHeavyTierNoReadScaling {
        id: "DB-HEAVY-TIER-NO-READ-SCALING",
        number: "R46",
        title: "a very large DB box with no replicas or cache",
        category: "K. Scaling, sharding, fan-out",
        severity: Warning,
        scope: Shape,
        guide: "3.10",
        fix: "send reads to read replicas and put a cache in front of hot queries before buying an even bigger box",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for n in ix.nodes_of_kind(NodeKind::SqlDb) {
        let node = ix.node(n);
        let heavy_tier = node
            .props
            .tier
            .as_deref()
            .and_then(|t| tiers::lookup(TierTable::Db, t))
            .is_some_and(|t| t.id == "db.heavy");
        let load = cx.estimate.nodes.get(n).and_then(|e| e.load_rps);
        let heavy_load = load.is_some_and(|q| q > cx.thresholds.heavy_db_qps);
        if !(heavy_tier || heavy_load) {
            continue;
        }
        if !ix.replicas_of(n).is_empty() || ix.cache_fronts(n) {
            continue;
        }
        let why = if heavy_tier {
            format!(
                "is on the Heavy tier ({})",
                node.props.tier.as_deref().unwrap_or("db.heavy")
            )
        } else {
            format!(
                "takes an estimated {} q/s at peak",
                thousands(load.unwrap_or_default())
            )
        };
        out.push(
            Finding::new(
                &DbHeavyTierNoReadScaling::META,
                format!(
                    "database `{}` {why} with no read replica and no cache in front of it",
                    node.id
                ),
            )
            .node(&node.id),
        );
    }
}
