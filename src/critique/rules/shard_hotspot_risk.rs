//! R42 `SHARD-HOTSPOT-RISK`: a shard key that concentrates load on one shard.

use crate::critique::FastMap;
use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::{HotKeyMitigation, ShardKeyType, ShardStrategy};

crate::declare_rule! {
    /// ## What it does
    /// On a `sql_db`, `nosql_db`, `shard` or `cache`, flags (a) range sharding on a key that
    /// grows in one direction or clusters (`sequential_id`, `timestamp`, `date`, `alphabetic`),
    /// or (b) a sharded store with hot keys expected (`hot_keys` on the node or the workload) and
    /// no `sharding.hot_key_mitigation`.
    ///
    /// Shards drawn as separate `shard` nodes of one logical store (same `shard_of`) give one
    /// finding for the store, not one per shard: the shard key is a decision about the store.
    ///
    /// ## Why it matters
    /// Guide §3.10 (sharding strategies and hot spots): with range sharding on a timestamp or an
    /// auto-increment id, every new write lands on the last shard, so adding shards adds no write
    /// capacity. A celebrity or viral key sends most traffic to whichever shard owns it. LinkPulse
    /// Ch.3 shows it: a launch in one country put 60 % of the writes on a single range shard.
    ///
    /// ## Example
    /// Bad: `sql_db:users{sharding={strategy:range, key:"created_at", key_type:timestamp,
    /// shards:4}}`.
    ///
    /// Good: `sql_db:users{sharding={strategy:hash, key:"user_id", key_type:random_id, shards:4,
    /// hot_key_mitigation:cache}}`.
    ///
    /// ## How to fix
    /// Shard by a hash of a high-cardinality key. Split hot shards, cache hot keys in Redis, and
    /// salt celebrity keys so they spread over several shards; record it in
    /// `sharding.hot_key_mitigation`.
    pub ShardHotspotRisk {
        id: "SHARD-HOTSPOT-RISK",
        number: "R42",
        title: "the shard key will concentrate load on one shard",
        category: "K. Scaling, sharding, fan-out",
        severity: Warning,
        scope: Shape,
        guide: "3.10",
        fix: "shard by a hash of a high-cardinality key; split hot shards, cache hot keys and salt celebrity keys",
        check: check,
    }
}

/// One finding being assembled: the logical store, its nodes and what is wrong.
struct Group<'d> {
    store: &'d str,
    nodes: Vec<usize>,
    problem: String,
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let workload_hot = cx.design.workload.hot_keys == Some(true);
    let mut groups: Vec<Group<'_>> = Vec::new();
    // (logical store, which clauses hold) → group number.
    let mut by_key: FastMap<(&str, bool, bool), usize> = FastMap::default();
    let ix = cx.index;
    for i in ix.nodes_where(|k| {
        matches!(
            k,
            NodeKind::SqlDb | NodeKind::NosqlDb | NodeKind::Shard | NodeKind::Cache
        )
    }) {
        let n = ix.node(i);
        // Unset sharding means `none`: neither clause can hold.
        let Some(sh) = &n.props.sharding else {
            continue;
        };
        let monotonic_key = match (sh.strategy, sh.key_type) {
            (Some(ShardStrategy::Range), Some(k))
                if matches!(
                    k,
                    ShardKeyType::SequentialId
                        | ShardKeyType::Timestamp
                        | ShardKeyType::Date
                        | ShardKeyType::Alphabetic
                ) =>
            {
                Some(k)
            }
            _ => None,
        };
        let hot_unmitigated = (n.props.hot_keys == Some(true) || workload_hot)
            && sh.is_sharded()
            && matches!(sh.hot_key_mitigation, None | Some(HotKeyMitigation::None));
        if monotonic_key.is_none() && !hot_unmitigated {
            continue;
        }
        let store = n
            .props
            .shard_of
            .as_ref()
            .map_or(n.id.as_str(), |s| s.as_str());
        let key = (store, monotonic_key.is_some(), hot_unmitigated);
        if let Some(&g) = by_key.get(&key) {
            groups[g].nodes.push(i);
            continue;
        }
        let mut parts = Vec::new();
        if let Some(k) = monotonic_key {
            let name = sh
                .key
                .as_deref()
                .map(|k| format!(" `{k}`"))
                .unwrap_or_default();
            parts.push(format!(
                "is range-sharded on the {} key{name}, so new writes pile onto one shard",
                k.key().replace('_', " ")
            ));
        }
        if hot_unmitigated {
            parts.push("expects hot keys with no hot-key mitigation".to_owned());
        }
        by_key.insert(key, groups.len());
        groups.push(Group {
            store,
            nodes: vec![i],
            problem: parts.join(" and "),
        });
    }
    for g in groups {
        let mut f = Finding::new(
            &ShardHotspotRisk::META,
            format!("`{}` {}", g.store, g.problem),
        );
        for n in g.nodes {
            f = f.node(&cx.design.nodes[n].id);
        }
        out.push(f);
    }
}
