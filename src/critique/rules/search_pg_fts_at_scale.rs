//! R62 `SEARCH-PG-FTS-AT-SCALE`: database full-text search used past where it scales.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;

crate::declare_rule! {
    /// ## What it does
    /// In a design with no `search_index` node, flags a `sql_db` with
    /// `full_text_search.enabled=true` when it indexes at least `fts_doc_threshold` documents
    /// (10 million) or search is a core feature (`full_text_search.core_feature=true`).
    ///
    /// ## Why it matters
    /// Guide §6 ("When Scale Changes the Answer": PostgreSQL full-text vs Elasticsearch): the
    /// database's built-in search is fine for up to about a million documents and a minor
    /// feature, and saves a system. Past ten million documents, or when search is what users
    /// come for, relevance tuning, typo tolerance, facets and query load all outgrow it, and the
    /// heavy search queries compete with the primary's transactions.
    ///
    /// ## Example
    /// Bad: `sql_db:catalog{full_text_search={enabled:true, doc_count:25000000,
    /// core_feature:true}}`.
    ///
    /// Good: `catalog_api -async_message/TCP-> stream:product_events`;
    /// `product_events -async_message/TCP-> worker:indexer`;
    /// `indexer -write/HTTPS-> search_index:products{tech=Elasticsearch}`;
    /// `catalog_api -read/HTTPS-> products`.
    ///
    /// ## How to fix
    /// Feed an Elasticsearch/OpenSearch index asynchronously from change events and query it
    /// for search; keep database full-text search only for small or minor search.
    pub SearchPgFtsAtScale {
        id: "SEARCH-PG-FTS-AT-SCALE",
        number: "R62",
        title: "database full-text search used beyond where it scales",
        category: "M. Scale changes the technology",
        severity: Warning,
        scope: Shape,
        guide: "6, When Scale Changes the Answer",
        fix: "feed an Elasticsearch/OpenSearch index asynchronously from change events; keep database full-text search only for small or minor search",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    if ix.nodes_of_kind(NodeKind::SearchIndex).next().is_some() {
        return;
    }
    let limit = cx.thresholds.fts_doc_threshold;
    for db in ix.nodes_of_kind(NodeKind::SqlDb) {
        let n = ix.node(db);
        let Some(fts) = &n.props.full_text_search else {
            continue;
        };
        if fts.enabled != Some(true) {
            continue;
        }
        let big = fts.doc_count.is_some_and(|d| d >= limit);
        let core = fts.core_feature == Some(true);
        let why = match (big, core, fts.doc_count) {
            (true, true, Some(d)) => format!("a core feature over {d} documents"),
            (true, false, Some(d)) => format!("{d} documents"),
            (false, true, _) => "a core feature".to_owned(),
            _ => continue,
        };
        out.push(
            Finding::new(
                &SearchPgFtsAtScale::META,
                format!(
                    "`{}` serves full-text search for {why} with no search index",
                    n.id
                ),
            )
            .node(&n.id),
        );
    }
}
