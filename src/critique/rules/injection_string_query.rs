//! R57 `INJECTION-STRING-QUERY`: user input spliced into database or search queries.

use crate::critique::{Context, Finding};
use crate::model::props::QueryConstruction;
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a compute node with `query_construction` `string_concat` or `raw_input_object`
    /// that has a `read` or `write` edge to a `sql_db`, `nosql_db`, `read_replica`, `shard` or
    /// `search_index`. The finding points at the node and those edges.
    ///
    /// ## Why it matters
    /// Guide §4.5: when input is pasted into query text, a value like `' OR 1=1 --` becomes
    /// part of the query; passing a raw JSON object lets `{"$ne": null}` match every document.
    /// Either can read or change data the caller must never see. LinkPulse Ch.4 leaked private
    /// links through its search box this way.
    ///
    /// ## Example
    /// Bad: `app_server:search{query_construction=string_concat} -read/TCP-> sql_db:links`.
    ///
    /// Good: `app_server:search{query_construction=parameterized, input_validation=true}
    /// -read/TCP-> links`.
    ///
    /// ## How to fix
    /// Use parameterized queries (or the driver's sanitising API for NoSQL) and validate input
    /// types at the API layer as a second defence.
    pub InjectionStringQuery {
        id: "INJECTION-STRING-QUERY",
        number: "R57",
        title: "user input is spliced into queries",
        category: "L. Security",
        severity: Error,
        scope: Detail,
        guide: "4.5",
        fix: "use parameterized queries (or the driver's sanitization for NoSQL) and validate input types at the API layer",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for (i, n) in cx.design.nodes.iter().enumerate() {
        let how = match n.props.query_construction {
            Some(QueryConstruction::StringConcat) => "by string concatenation",
            Some(QueryConstruction::RawInputObject) => "from raw input objects",
            _ => continue,
        };
        if !n.kind.is_compute() {
            continue;
        }
        let edges: Vec<usize> = ix
            .out_edges(i)
            .iter()
            .copied()
            .filter(|&ei| matches!(ix.edge(ei).kind, EdgeKind::Read | EdgeKind::Write))
            .filter(|&ei| {
                ix.target(ei).is_some_and(|t| {
                    let k = ix.node(t).kind;
                    k.is_database() || k == NodeKind::SearchIndex
                })
            })
            .collect();
        let Some(&first) = edges.first() else {
            continue;
        };
        let more = if edges.len() > 1 {
            format!(" and {} more", edges.len() - 1)
        } else {
            String::new()
        };
        let mut f = Finding::new(
            &InjectionStringQuery::META,
            format!(
                "`{}` builds queries to `{}`{more} {how}",
                n.id,
                ix.edge(first).to
            ),
        )
        .node(&n.id);
        for ei in edges {
            f = f.edge(&ix.edge(ei).id);
        }
        out.push(f);
    }
}
