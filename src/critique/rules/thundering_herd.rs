//! R19 THUNDERING-HERD: hot cache entries can expire all at once and flood the database.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::{Role, StampedeProtection};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `cache` with `role = cache` and a TTL (`default_ttl_s` > 0) when its keys are
    /// hot (`hot_keys = true` on the cache or in the workload, or a read-heavy workload:
    /// `read_write_ratio ≥ read_heavy_ratio`), no `stampede_protection` other than `none` is
    /// recorded, and there is no TTL jitter (`ttl_jitter_s` unset or 0).
    ///
    /// ## Why it matters
    /// Part 7 (Thundering Herd, and Thundering Herd Prevention) and guide §3.9: when a popular
    /// entry expires, every request that arrives before it is rebuilt misses at the same moment
    /// and runs the same expensive query. With fixed TTLs, entries written together also expire
    /// together. The database then sees a spike of identical work precisely for the data that
    /// is read the most. One mitigation is enough to break the stampede: a per-key lock so one
    /// request rebuilds while the others wait, random jitter on the TTL, or a background job
    /// that refreshes popular entries before they expire.
    ///
    /// ## Example
    /// Bad: `cache:trending{role=cache, default_ttl_s=60, hot_keys=true}`.
    ///
    /// Good: `cache:trending{role=cache, default_ttl_s=300, ttl_jitter_s=60, stampede_protection=lock, hot_keys=true}`.
    ///
    /// ## How to fix
    /// Apply at least one mitigation: a short per-key lock (`stampede_protection=lock`), random
    /// TTL jitter (e.g. 5 min + 0–60 s, `ttl_jitter_s=60`), or background refresh of popular
    /// entries (`stampede_protection=background_refresh`).
    pub ThunderingHerd {
        id: "THUNDERING-HERD",
        number: "R19",
        title: "hot cache entries can expire all at once and flood the database",
        category: "E. Caching",
        severity: Warning,
        scope: Detail,
        guide: "Part 7",
        fix: "add a per-key rebuild lock, random TTL jitter, or background refresh of popular entries",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let workload = &cx.design.workload;
    let workload_hot = workload.hot_keys == Some(true)
        || workload
            .read_write_ratio
            .is_some_and(|r| r >= cx.thresholds.read_heavy_ratio);
    let ix = cx.index;
    for c in ix.nodes_of_kind(NodeKind::Cache) {
        let node = ix.node(c);
        let p = &node.props;
        if p.role != Some(Role::Cache) {
            continue;
        }
        let Some(ttl) = p.default_ttl_s.filter(|&t| t > 0) else {
            continue;
        };
        let hot = workload_hot || p.hot_keys == Some(true);
        let unprotected = matches!(p.stampede_protection, None | Some(StampedeProtection::None));
        let no_jitter = p.ttl_jitter_s.unwrap_or(0) == 0;
        if hot && unprotected && no_jitter {
            out.push(
                Finding::new(
                    &ThunderingHerd::META,
                    format!(
                        "hot keys in cache `{}` all expire after a fixed {ttl} s with no lock, jitter or background refresh",
                        node.id
                    ),
                )
                .node(&node.id),
            );
        }
    }
}
