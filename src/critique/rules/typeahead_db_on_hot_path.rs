//! R68 `TYPEAHEAD-DB-ON-HOT-PATH`: autocomplete that queries a database per keystroke.

use crate::critique::{Context, Finding};
use crate::model::props::EdgeTag;
use crate::model::{EdgeKind, NodeKind};
use std::collections::VecDeque;

crate::declare_rule! {
    /// ## What it does
    /// Starts at every client edge tagged `typeahead` and walks the user path synchronously
    /// (requests, reads and writes that are not `background`). Each `sql_db`, `nosql_db`,
    /// `read_replica`, `shard` or `search_index` reached is flagged, with the typeahead edge
    /// that leads to it and the edge that reaches it.
    ///
    /// ## Why it matters
    /// Search Autocomplete walkthrough (guide §5): suggestions must come back in under about 100 ms, for
    /// every keystroke of every user, which is many times the rate of real searches. A
    /// `LIKE 'prefix%' ORDER BY freq` (or a search-engine query) per keystroke cannot hold that
    /// latency at that rate; the walkthrough precomputes the top completions per prefix into
    /// in-memory tries and caches short prefixes at the CDN, so no database is on the hot path.
    ///
    /// ## Example
    /// Bad: `client -sync_request/HTTPS-> alb {tags=[typeahead]}`; `alb -> suggest`;
    /// `suggest -read/TCP-> sql_db:queries {label="LIKE 'prefix%' ORDER BY freq"}`.
    ///
    /// Good: `client -sync_request/HTTPS-> cdn:edge{caches=[prefix_completions]}
    /// {tags=[typeahead]}`; `edge -> alb -> app_server:trie{instances=3}`; the trie is rebuilt
    /// offline by `batch_job:builder` into `object_storage:snapshots`.
    ///
    /// ## How to fix
    /// Serve suggestions from in-memory trie nodes holding the top K (about 10) completions per
    /// prefix, cache 1–2-character prefixes at the CDN, debounce on the client, and rebuild the
    /// trie offline.
    pub TypeaheadDbOnHotPath {
        id: "TYPEAHEAD-DB-ON-HOT-PATH",
        number: "R68",
        title: "autocomplete queries a database while the user types",
        category: "O. Walkthrough critical decisions",
        severity: Error,
        scope: Shape,
        guide: "5, Search Autocomplete",
        fix: "serve suggestions from in-memory tries holding the top K completions per prefix, cache short prefixes at the CDN, debounce on the client and rebuild offline",
        check: check,
    }
}

fn is_query_store(kind: NodeKind) -> bool {
    kind.is_database() || kind == NodeKind::SearchIndex
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let n = cx.design.nodes.len();
    // For each node reached: the typeahead edge whose walk reached it first.
    let mut origin: Vec<Option<usize>> = vec![None; n];
    let mut queue: VecDeque<usize> = VecDeque::new();
    // Stores reached, with the edge that reached them, in walk order.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for client in ix.nodes_of_kind(NodeKind::Client) {
        for ei in ix.edges_initiated_by(client) {
            let e = ix.edge(ei);
            if !e
                .props
                .tags
                .as_ref()
                .is_some_and(|t| t.contains(&EdgeTag::Typeahead))
                || e.kind == EdgeKind::AsyncMessage
                || !ix.edge_on_user_path(ei)
            {
                continue;
            }
            let Some(next) = ix.responder(ei) else {
                continue;
            };
            if origin[next].is_none() {
                origin[next] = Some(ei);
                if is_query_store(ix.node(next).kind) {
                    hits.push((next, ei));
                } else {
                    queue.push_back(next);
                }
            }
        }
    }
    while let Some(cur) = queue.pop_front() {
        for ei in ix.edges_initiated_by(cur) {
            if ix.edge(ei).kind == EdgeKind::AsyncMessage || !ix.edge_on_user_path(ei) {
                continue;
            }
            let Some(next) = ix.responder(ei) else {
                continue;
            };
            if origin[next].is_some() {
                continue;
            }
            origin[next] = origin[cur];
            if is_query_store(ix.node(next).kind) {
                hits.push((next, ei));
            } else {
                queue.push_back(next);
            }
        }
    }
    for (store, last) in hits {
        let Some(start) = origin[store] else {
            continue;
        };
        let s = ix.edge(start);
        let l = ix.edge(last);
        let mut f = Finding::new(
            &TypeaheadDbOnHotPath::META,
            format!(
                "typeahead from `{}` reaches `{}` via `{}` on every keystroke",
                s.from, l.to, l.from
            ),
        )
        .node(&ix.node(store).id)
        .edge(&s.id);
        if last != start {
            f = f.edge(&l.id);
        }
        out.push(f);
    }
}
