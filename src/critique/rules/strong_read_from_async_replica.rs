//! R32 STRONG-READ-FROM-ASYNC-REPLICA: a read that must be current is served by a lagging copy.

use crate::critique::{Context, Finding};
use crate::model::props::{Consistency, ReplicationMode, Role};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `read` edge with `consistency = strong` whose responder is a replica (a
    /// `read_replica`, or a database with `role = replica`) fed by asynchronous replication.
    /// Replication `mode` defaults to `async`.
    ///
    /// A replica drawn without any incoming `replication` edge is treated as asynchronous too:
    /// that is what a read replica is unless the design says otherwise, and forgetting to draw
    /// the replication arrow should not hide a stale balance check. Only a replica whose every
    /// incoming replication edge is `mode=sync` passes.
    ///
    /// ## Why it matters
    /// Guide §3.2 (CAP) and §3.3 (consistency models): an asynchronous replica applies the
    /// primary's writes a little later, so a read from it may return the state of a moment ago.
    /// For a balance, a payment or the last seat on a flight, acting on that old value is a
    /// correctness bug: money is spent twice or a seat is sold twice. The guide's banking
    /// example would rather refuse the request than answer with stale data.
    ///
    /// ## Example
    /// Bad: `app_server:payments -read/TCP-> read_replica:r1 {consistency=strong, label="balance check"}`
    /// with `sql_db:primary -replication/TCP-> r1 {mode=async}`.
    ///
    /// Good: `payments -read/TCP-> primary {consistency=strong}`, and
    /// `app_server:feed -read/TCP-> r1 {consistency=eventual}`.
    ///
    /// ## How to fix
    /// Read strongly consistent data (balances, payments, reservations) from the primary or a
    /// synchronous copy. Keep async replicas for reads where slight staleness is fine.
    pub StrongReadFromAsyncReplica {
        id: "STRONG-READ-FROM-ASYNC-REPLICA",
        number: "R32",
        title: "a read that must be current is served by a lagging copy",
        category: "I. Consistency & transactions",
        severity: Error,
        scope: Shape,
        guide: "3.3",
        fix: "read strongly consistent data from the primary or a synchronous copy; keep async replicas for reads that tolerate staleness",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (e, edge) in cx.design.edges.iter().enumerate() {
        if edge.kind != EdgeKind::Read || edge.props.consistency != Some(Consistency::Strong) {
            continue;
        }
        let Some((i, r)) = ix.ends(e) else { continue };
        let replica = ix.node(r);
        let is_replica =
            replica.kind == NodeKind::ReadReplica || replica.props.role == Some(Role::Replica);
        if !is_replica {
            continue;
        }
        let mut feeds = ix
            .in_edges(r)
            .iter()
            .filter(|&&f| ix.edge(f).kind == EdgeKind::Replication)
            .peekable();
        let synchronous = feeds.peek().is_some()
            && feeds.all(|&f| ix.edge(f).props.mode == Some(ReplicationMode::Sync));
        if synchronous {
            continue;
        }
        let reader = ix.node(i);
        out.push(
            Finding::new(
                &StrongReadFromAsyncReplica::META,
                format!(
                    "`{}` needs a strongly consistent read but reads async replica `{}`",
                    reader.id, replica.id
                ),
            )
            .node(&reader.id)
            .node(&replica.id)
            .edge(&edge.id),
        );
    }
}
