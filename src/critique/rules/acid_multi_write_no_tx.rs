//! R31 ACID-MULTI-WRITE-NO-TX: related writes that can half-succeed.

use crate::critique::{Context, Finding};
use crate::model::{EdgeKind, NodeKind};
use std::collections::BTreeMap;

crate::declare_rule! {
    /// ## What it does
    /// Flags two or more `write` edges from one node to the same `sql_db` or `shard` that share
    /// an `operation` value, when any of them is not `transactional = true`. One finding per
    /// (writer, database, operation), pointing at all the edges of that operation.
    ///
    /// ## Why it matters
    /// Guide §3.1 (ACID, atomicity): a unit of work that writes several rows must succeed or
    /// fail as a whole. Written as separate statements, a crash, timeout or constraint error
    /// between them leaves half of it in the database. In LinkPulse chapter 3 a "share" row
    /// ended up pointing at a "link" row whose insert had failed. A relational database already
    /// offers the fix for free when the writes go to the same database: one transaction.
    ///
    /// ## Example
    /// Bad: `api -write/TCP-> sql_db:main {operation="save_and_share", label="insert link"}` and
    /// `api -write/TCP-> main {operation="save_and_share", label="insert share"}`.
    ///
    /// Good: the same two edges with `transactional=true`.
    ///
    /// ## How to fix
    /// Wrap the writes in one database transaction (`transactional=true`). When the writes span
    /// services or databases, use a saga with compensating steps instead.
    pub AcidMultiWriteNoTx {
        id: "ACID-MULTI-WRITE-NO-TX",
        number: "R31",
        title: "related writes can half-succeed",
        category: "I. Consistency & transactions",
        severity: Warning,
        scope: Detail,
        guide: "3.1",
        fix: "wrap the related writes in one database transaction; across services, use a saga",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let mut groups: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for (n, node) in cx.design.nodes.iter().enumerate() {
        groups.clear();
        for &e in ix.out_edges(n) {
            let edge = ix.edge(e);
            if edge.kind != EdgeKind::Write {
                continue;
            }
            let Some(operation) = edge.props.operation.as_deref() else {
                continue;
            };
            let Some(t) = ix.target(e) else { continue };
            if matches!(ix.node(t).kind, NodeKind::SqlDb | NodeKind::Shard) {
                groups.entry((t, operation)).or_default().push(e);
            }
        }
        for (&(t, operation), edges) in &groups {
            if edges.len() < 2
                || edges
                    .iter()
                    .all(|&e| ix.edge(e).props.transactional == Some(true))
            {
                continue;
            }
            let db = ix.node(t);
            let mut f = Finding::new(
                &AcidMultiWriteNoTx::META,
                format!(
                    "`{}` makes {} writes to `{}` for `{operation}` outside one transaction",
                    node.id,
                    edges.len(),
                    db.id
                ),
            )
            .node(&node.id)
            .node(&db.id);
            for &e in edges {
                f = f.edge(&ix.edge(e).id);
            }
            out.push(f);
        }
    }
}
