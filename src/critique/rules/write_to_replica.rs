//! R34 WRITE-TO-REPLICA: writes sent to a read-only copy.

use crate::critique::{Context, Finding};
use crate::model::props::Role;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags any `write` edge whose responder is a `read_replica`, or a database with
    /// `role = replica`.
    ///
    /// ## Why it matters
    /// Guide §3.10 (replication): writes go only to the primary, which streams them to its
    /// replicas; replicas serve reads. A replica either refuses the write (the feature is
    /// broken) or, if it is writable by mistake, accepts a change the primary never sees, which
    /// the next replication update overwrites or which silently diverges from every other copy.
    ///
    /// ## Example
    /// Bad: `api -write/TCP-> read_replica:r1`.
    ///
    /// Good: `api -write/TCP-> sql_db:primary` and `primary -replication/TCP-> r1 {mode=async}`.
    ///
    /// ## How to fix
    /// Send writes to the primary. Replicas receive only replication.
    pub WriteToReplica {
        id: "WRITE-TO-REPLICA",
        number: "R34",
        title: "writes are sent to a replica",
        category: "I. Consistency & transactions",
        severity: Error,
        scope: Shape,
        guide: "3.10",
        fix: "send writes to the primary; replicas receive only replication",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (e, edge) in cx.design.edges.iter().enumerate() {
        if edge.kind != EdgeKind::Write {
            continue;
        }
        let Some((i, r)) = ix.ends(e) else { continue };
        let replica = ix.node(r);
        if replica.kind != NodeKind::ReadReplica && replica.props.role != Some(Role::Replica) {
            continue;
        }
        let writer = ix.node(i);
        out.push(
            Finding::new(
                &WriteToReplica::META,
                format!("`{}` writes to replica `{}`", writer.id, replica.id),
            )
            .node(&writer.id)
            .node(&replica.id)
            .edge(&edge.id),
        );
    }
}
