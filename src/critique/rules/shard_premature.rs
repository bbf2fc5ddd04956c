//! R44 `SHARD-PREMATURE`: sharding before replicas, caching or a bigger box were used.

use crate::critique::{Context, Finding};
use crate::critique::{FastMap, FastSet};
use crate::model::NodeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags a sharded `sql_db` or `shard` when (a) it has no read replicas and no cache fronts
    /// it, or (b) the workload's `write_qps` is known and one primary could still take it: at
    /// most `premature_shard_write_qps` (40,000), or the upper q/s of the node's `tier`, or its
    /// `capacity_qps` when `tier=custom`.
    ///
    /// Shards of one logical store (`shard_of`) give one finding for the store; a cache whose
    /// `backs` names the logical store fronts every shard. The tier's upper q/s is read from the
    /// guide's managed-database table (guide §3.10); a tier name that is not in the table
    /// falls back to the 40,000 q/s threshold, and `tier=custom` without `capacity_qps` skips
    /// clause (b).
    ///
    /// ## Why it matters
    /// Guide §3.10 (scaling phases and the full scaling ladder): sharding is the expensive last
    /// step. It makes cross-shard queries, transactions and rebalancing hard for good. Vertical
    /// scaling, read replicas and a cache are cheaper and usually enough; LinkPulse Ch.3 went
    /// through them in that order and sharded only when writes outgrew one primary.
    ///
    /// ## Example
    /// Bad: workload `write_qps=300`; `sql_db:main{tier=db.m5.large, sharding={strategy:hash,
    /// key:"user_id", shards:4}}` with no replicas and no cache.
    ///
    /// Good: `sql_db:main{tier=db.r5.xlarge}` with `read_replica:r1`, `read_replica:r2` and
    /// `cache:hot{backs=[main]}`.
    ///
    /// ## How to fix
    /// Scale up, add read replicas, add a cache and a CDN first. Shard only once one primary's
    /// write capacity is used up, and accept the cross-shard query cost.
    pub ShardPremature {
        id: "SHARD-PREMATURE",
        number: "R44",
        title: "sharding before the cheaper scaling steps were used",
        category: "K. Scaling, sharding, fan-out",
        severity: Info,
        scope: Shape,
        guide: "3.10",
        fix: "scale up, add read replicas, a cache and a CDN first; shard only once one primary's write capacity is used up",
        check: check,
    }
}

/// Upper q/s of a managed-database tier of guide §3.10, by row id, AWS or Azure name.
fn db_tier_max_qps(tier: &str) -> Option<f64> {
    const D2: &[(&str, &str, &str, f64)] = &[
        ("db.dev", "db.t3.micro", "B1ms", 500.0),
        ("db.small", "db.t3.small", "GP B2s", 1_500.0),
        ("db.mid", "db.m5.large", "GP D2s v3", 5_000.0),
        ("db.production", "db.r5.xlarge", "MO E4s v3", 15_000.0),
        ("db.heavy", "db.r5.2xlarge", "MO E8s v3", 40_000.0),
    ];
    D2.iter()
        .find(|(id, aws, azure, _)| {
            tier.eq_ignore_ascii_case(id)
                || tier.eq_ignore_ascii_case(aws)
                || tier.eq_ignore_ascii_case(azure)
        })
        .map(|row| row.3)
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let fronted: FastSet<&str> = ix
        .nodes_of_kind(NodeKind::Cache)
        .flat_map(|c| ix.node(c).props.backs.iter().flatten())
        .map(|id| id.as_str())
        .collect();
    let write_qps = cx.design.workload.write_qps;
    // (logical store, clause a, clause b) → finding number in `found`.
    let mut by_key: FastMap<(&str, bool, bool), usize> = FastMap::default();
    let mut found: Vec<Finding> = Vec::new();
    for i in ix.nodes_where(|k| matches!(k, NodeKind::SqlDb | NodeKind::Shard)) {
        let n = ix.node(i);
        if !n.props.sharding.as_ref().is_some_and(|s| s.is_sharded()) {
            continue;
        }
        let store = n
            .props
            .shard_of
            .as_ref()
            .map_or(n.id.as_str(), |s| s.as_str());
        let no_read_scaling = ix.replicas_of(i).is_empty()
            && !fronted.contains(n.id.as_str())
            && !fronted.contains(store);
        let limit = match n.props.tier.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("custom") => n.props.capacity_qps,
            Some(t) => Some(db_tier_max_qps(t).unwrap_or(cx.thresholds.premature_shard_write_qps)),
            None => Some(cx.thresholds.premature_shard_write_qps),
        };
        let fits_one_primary = match (write_qps, limit) {
            (Some(w), Some(l)) => w <= l,
            _ => false,
        };
        if !no_read_scaling && !fits_one_primary {
            continue;
        }
        let key = (store, no_read_scaling, fits_one_primary);
        if let Some(&f) = by_key.get(&key) {
            found[f].nodes.push(n.id.clone());
            continue;
        }
        let mut parts = Vec::new();
        if no_read_scaling {
            parts.push("has no read replicas or cache in front of it".to_owned());
        }
        if let (true, Some(w), Some(l)) = (fits_one_primary, write_qps, limit) {
            parts.push(format!(
                "its {w} writes/s fit on one primary (up to {l} q/s)"
            ));
        }
        by_key.insert(key, found.len());
        found.push(
            Finding::new(
                &ShardPremature::META,
                format!("`{store}` is sharded but {}", parts.join(" and ")),
            )
            .node(&n.id),
        );
    }
    out.extend(found);
}
