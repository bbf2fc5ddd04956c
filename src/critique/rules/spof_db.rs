//! R35 SPOF-DB: a primary database with no standby.

use crate::critique::FastSet;
use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::{Failover, Role};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `sql_db`, `nosql_db` or `shard` whose `role` is `primary` (the default) unless
    /// one of these holds: it has a standby (`standby` `sync`/`async`, or a `replication` edge
    /// to a `role=standby` node), it is `provider_redundant`, it is a managed store the
    /// provider replicates across zones by design (`managed` with a `tech` of DynamoDB, Cosmos
    /// DB, Firestore, Bigtable or Spanner), its `replication_factor` is at least 3, or it has
    /// `failover = automatic` and one of its read replicas is `promotable`.
    ///
    /// Sharded stores are checked per shard. A database node that only names the logical
    /// store its drawn shards belong to (some `shard` has `shard_of` pointing at it) holds no
    /// data of its own and is not checked; its shards are.
    ///
    /// ## Why it matters
    /// Guide §3.6 (fault tolerance, database failover) and §3.10: app servers can be multiplied
    /// freely, but a database holds the one copy of the data. When that single machine dies,
    /// every write stops and, without a copy, the data since the last backup is gone. The guide
    /// expects every production database to have a synchronous standby that is promoted within
    /// about a minute, so that most users see a brief "saving…" spinner instead of an outage.
    ///
    /// ## Example
    /// Bad: `app_server:api -write/TCP-> sql_db:main{standby=none}`.
    ///
    /// Good: `sql_db:main{managed, standby=sync, failover=automatic}` (e.g. RDS Multi-AZ), or a
    /// drawn `sql_db:main_standby{role=standby}` in another availability zone with
    /// `main -replication/TCP-> main_standby {mode=sync}`.
    ///
    /// ## How to fix
    /// Add a synchronous standby in another availability zone with automatic failover (no data
    /// loss; an async standby is cheaper but can lose the last seconds of writes). Clients
    /// retry with backoff through the roughly 60 s switchover.
    pub SpofDb {
        id: "SPOF-DB",
        number: "R35",
        title: "a primary database has no standby",
        category: "J. Fault tolerance",
        severity: Error,
        scope: Shape,
        guide: "3.6",
        fix: "add a synchronous standby in another availability zone with automatic failover, or use a provider-redundant managed database",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let logical: FastSet<&str> = ix
        .nodes_of_kind(NodeKind::Shard)
        .filter_map(|n| ix.node(n).props.shard_of.as_ref().map(|s| s.as_str()))
        .collect();
    for n in ix.nodes_where(|k| matches!(k, NodeKind::SqlDb | NodeKind::NosqlDb | NodeKind::Shard))
    {
        let node = ix.node(n);
        let p = &node.props;
        if !matches!(p.role, None | Some(Role::Primary)) || logical.contains(node.id.as_str()) {
            continue;
        }
        let protected = p.provider_redundant == Some(true)
            || node.replicated_by_provider()
            || p.replication_factor.is_some_and(|rf| rf >= 3)
            || ix.has_standby(n)
            || (p.failover == Some(Failover::Automatic)
                && ix
                    .replicas_of(n)
                    .iter()
                    .any(|&r| ix.node(r).props.promotable == Some(true)));
        if protected {
            continue;
        }
        let what = if node.kind == NodeKind::Shard {
            "shard"
        } else {
            "database"
        };
        out.push(
            Finding::new(
                &SpofDb::META,
                format!(
                    "{what} `{}` has no standby and no provider redundancy",
                    node.id
                ),
            )
            .node(&node.id),
        );
    }
}
