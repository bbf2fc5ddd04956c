//! R10 `CACHE-AS-SYSTEM-OF-RECORD`: an in-memory cache holds the only copy of business data.

use crate::critique::{Context, Finding, describe};
use crate::model::NodeKind;
use crate::model::props::Role;

crate::declare_rule! {
    /// ## What it does
    /// Flags a cache whose `role` is `primary_store`, i.e. a cache drawn as the place where
    /// business data lives rather than as a copy in front of a database. Caches with a role that
    /// is meant to be short-lived (`session_store`, `rate_limit_counter`, `presence`, `pubsub`,
    /// `idempotency_store`, `dedupe_filter`, `token_blocklist`) and plain caches are fine.
    ///
    /// ## Why it matters
    /// An in-memory store keeps its data in RAM: memory is costly, so the data set is capped by
    /// the machine, and a restart or eviction can lose what was written. The guide's answer to
    /// "can Redis be my primary database?" is to keep it in front of a durable database, never
    /// in its place (guide §2.3; also the cache notes of Part 6: Redis is bounded by RAM and
    /// Memcached keeps nothing on disk).
    ///
    /// ## Example
    /// Bad: `app_server:api -write/TCP-> cache:redis{role=primary_store, persistence=none}`
    /// labelled "orders".
    ///
    /// Good: `api -write/TCP-> sql_db:orders`, and
    /// `api -read/TCP-> cache:redis{role=cache, backs=[orders], eviction_policy=allkeys_lru}`.
    ///
    /// ## How to fix
    /// Keep the source of truth in a SQL or NoSQL database and put the cache in front of it
    /// (cache-aside or write-through), listing the database in the cache's `backs`.
    pub CacheAsSystemOfRecord {
        id: "CACHE-AS-SYSTEM-OF-RECORD",
        number: "R10",
        title: "an in-memory cache holds the only copy of business data",
        category: "C. Data placement",
        severity: Error,
        scope: Shape,
        guide: "2.3",
        fix: "keep the durable source of truth in a SQL or NoSQL database and put the cache in front of it with cache-aside or write-through",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for n in ix.nodes_of_kind(NodeKind::Cache) {
        let node = ix.node(n);
        if node.props.role == Some(Role::PrimaryStore) {
            out.push(
                Finding::new(
                    &CacheAsSystemOfRecord::META,
                    format!(
                        "{} is the primary store of business data, which lives only in memory",
                        describe(node)
                    ),
                )
                .node(&node.id),
            );
        }
    }
}
