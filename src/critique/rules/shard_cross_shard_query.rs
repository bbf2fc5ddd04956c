//! R43 `SHARD-CROSS-SHARD-QUERY`: a user request that reads every shard.

use crate::critique::{Context, Finding};
use crate::model::props::ShardScope;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `read` edge on the user path with `scope=all_shards` into a sharded store (one
    /// whose `sharding.strategy` is not `none`). A `shard` node that belongs to a logical store
    /// (`shard_of`) counts as sharded even when the sharding is described only on that store.
    ///
    /// ## Why it matters
    /// Guide §3.10 (sharding): once data is spread by a hash of one key, any query that is not
    /// by that key must ask every shard and merge the answers, so its latency is that of the
    /// slowest shard and its cost grows with the shard count. LinkPulse Ch.3's "trending across
    /// all users" page became exactly this problem. On a user request that is paid on every
    /// page view.
    ///
    /// ## Example
    /// Bad: `app_server:trending -read/TCP-> sql_db:links{sharding={strategy:hash,
    /// key:"user_id"}} {scope=all_shards, label="top links, all users"}`.
    ///
    /// Good: link events flow through `stream:link_events` to `worker:aggregator`, which writes
    /// `cache:trending_cache`; `trending -read/TCP-> trending_cache`.
    ///
    /// ## How to fix
    /// Precompute the cross-cutting view into a separate read model fed by events (CQRS,
    /// guide §3.7) and cache it, or choose a shard key that matches the query.
    pub ShardCrossShardQuery {
        id: "SHARD-CROSS-SHARD-QUERY",
        number: "R43",
        title: "a user-facing query has to touch every shard",
        category: "K. Scaling, sharding, fan-out",
        severity: Warning,
        scope: Shape,
        guide: "3.10",
        fix: "precompute the cross-cutting view into a separate read model fed by events (CQRS) and cache it, or choose a shard key that matches the query",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (ei, e) in cx.design.edges.iter().enumerate() {
        if e.kind != EdgeKind::Read
            || e.props.scope != Some(ShardScope::AllShards)
            || !ix.edge_on_user_path(ei)
        {
            continue;
        }
        let Some(store) = ix.responder(ei) else {
            continue;
        };
        let node = ix.node(store);
        let sharded = node.props.sharding.as_ref().is_some_and(|s| s.is_sharded())
            || (node.kind == NodeKind::Shard && node.props.shard_of.is_some());
        if !sharded {
            continue;
        }
        out.push(
            Finding::new(
                &ShardCrossShardQuery::META,
                format!(
                    "`{}` reads every shard of `{}` while serving a user request",
                    e.from, e.to
                ),
            )
            .edge(&e.id)
            .node(&node.id),
        );
    }
}
