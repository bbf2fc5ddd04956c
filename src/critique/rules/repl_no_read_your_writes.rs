//! R33 REPL-NO-READ-YOUR-WRITES: users may not see their own changes.

use crate::critique::{Context, Finding};
use crate::model::props::{Consistency, ReplicationMode, Role};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a compute node that, on the user path, writes to a primary P and reads from a
    /// replica R that P feeds over asynchronous replication, when that read edge's
    /// `consistency` is not `read_your_writes` and the node has no `ryw_window_s`. One finding
    /// per such read edge.
    ///
    /// ## Why it matters
    /// Guide §3.3 (read-your-writes) and LinkPulse chapter 3: with async replicas, a user who
    /// saves a change and immediately reloads can be served by a replica that has not applied
    /// the write yet. Sam saved a new profile photo and still saw the old one, so saved again,
    /// creating duplicate writes. Other users seeing the old value for a second is fine; the
    /// writer seeing it looks like the save failed. Read-your-writes gives the writer a
    /// current view while everyone else keeps the cheap replicas.
    ///
    /// ## Example
    /// Bad: `api -write/TCP-> sql_db:primary` and
    /// `api -read/TCP-> read_replica:r1 {consistency=eventual, label="profile"}`, with
    /// `primary -replication/TCP-> r1 {mode=async}`.
    ///
    /// Good: `app_server:api{ryw_window_s=2}`, `api -read/TCP-> r1 {consistency=read_your_writes}`
    /// and `api -read/TCP-> primary {label="reads by recent writers"}`.
    ///
    /// ## How to fix
    /// After a user writes, send that user's reads to the primary for a short window (2 s in
    /// the story, `ryw_window_s=2`), or track the user's last write position and wait for a
    /// replica that has caught up.
    pub ReplNoReadYourWrites {
        id: "REPL-NO-READ-YOUR-WRITES",
        number: "R33",
        title: "users may not see their own changes",
        category: "I. Consistency & transactions",
        severity: Warning,
        scope: Detail,
        guide: "3.3",
        fix: "send a user's reads to the primary for a short window after they write (ryw_window_s), or track their last write position",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let mut written: Vec<usize> = Vec::new();
    for n in ix.nodes_where(NodeKind::is_compute) {
        let node = ix.node(n);
        if node.props.ryw_window_s.is_some() {
            continue;
        }
        written.clear();
        written.extend(ix.out_edges(n).iter().filter_map(|&e| {
            (ix.edge(e).kind == EdgeKind::Write && ix.edge_on_user_path(e))
                .then(|| ix.target(e))
                .flatten()
        }));
        if written.is_empty() {
            continue;
        }
        for &e in ix.out_edges(n) {
            let edge = ix.edge(e);
            if edge.kind != EdgeKind::Read
                || !ix.edge_on_user_path(e)
                || edge.props.consistency == Some(Consistency::ReadYourWrites)
            {
                continue;
            }
            let Some(r) = ix.target(e) else { continue };
            let replica = ix.node(r);
            if replica.kind != NodeKind::ReadReplica && replica.props.role != Some(Role::Replica) {
                continue;
            }
            let primary = ix.in_edges(r).iter().find_map(|&f| {
                let feed = ix.edge(f);
                let p = ix.source(f)?;
                (feed.kind == EdgeKind::Replication
                    && feed.props.mode != Some(ReplicationMode::Sync)
                    && written.contains(&p))
                .then_some(p)
            });
            let Some(p) = primary else { continue };
            let primary = &ix.node(p).id;
            // One allocation for the message: a fleet's members repeat this finding (the
            // review merges the repeats), so a large design builds thousands.
            let message = [
                "`",
                node.id.as_str(),
                "` writes to `",
                primary.as_str(),
                "` but reads async replica `",
                replica.id.as_str(),
                "`, so users may not see their own changes",
            ]
            .concat();
            let mut f = Finding::new(&ReplNoReadYourWrites::META, message);
            f.nodes = vec![node.id.clone(), replica.id.clone(), primary.clone()];
            f.edges = vec![edge.id.clone()];
            out.push(f);
        }
    }
}
