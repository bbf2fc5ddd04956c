//! R85 `REPLICA-UNREAD`: a read replica that nothing reads.

use crate::critique::{Context, Finding};
use crate::model::EdgeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags a read replica (a `read_replica`, or a node with `role=replica`) that a
    /// replication edge feeds but that no edge reads from (no `read` or `sync_request` it
    /// answers). A replica marked `promotable=true` is a standby for failover and is exempt.
    ///
    /// ## Why it matters
    /// Guide §3.10 (scaling: read replicas take reads off the primary) and §3.3: a replica only
    /// helps if the application sends reads to it. One that nothing reads costs a full
    /// database and takes no load off the primary; either the read path the designer had in
    /// mind is missing from the diagram, or the replica is a standby that should say so.
    ///
    /// ## Example
    /// Bad: `sql_db:sql -replication-> read_replica:sql_replica`, and no edge into
    /// `sql_replica`.
    ///
    /// Good: `reports -read-> sql_replica`, or `sql_replica{promotable=true}` when it is there
    /// for failover.
    ///
    /// ## How to fix
    /// Route the reads that tolerate replication lag (reports, listings, search pages) to the
    /// replica, mark it `promotable` if it is a failover standby, or remove it.
    pub ReplicaUnread {
        id: "REPLICA-UNREAD",
        number: "R85",
        title: "a read replica takes no reads",
        category: "K. Scaling, sharding, fan-out",
        severity: Warning,
        scope: Shape,
        guide: "3.10",
        fix: "route lag-tolerant reads to the replica, mark it promotable if it is a failover standby, or remove it",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for p in 0..cx.design.nodes.len() {
        for r in ix.replicas_of(p) {
            let replica = ix.node(r);
            if replica.props.promotable == Some(true) {
                continue;
            }
            let read = ix.in_edges(r).iter().chain(ix.out_edges(r)).any(|&e| {
                matches!(ix.edge(e).kind, EdgeKind::Read | EdgeKind::SyncRequest)
                    && ix.responder(e) == Some(r)
            });
            if !read {
                out.push(
                    Finding::new(
                        &ReplicaUnread::META,
                        format!(
                            "read replica `{}` of `{}` is kept in sync but nothing reads from it",
                            replica.id,
                            ix.node(p).id
                        ),
                    )
                    .node(&replica.id),
                );
            }
        }
    }
}
