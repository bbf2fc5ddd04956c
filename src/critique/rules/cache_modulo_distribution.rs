//! R17 CACHE-MODULO-DISTRIBUTION: keys or work spread over nodes with `hash % N`.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::Partitioning;

crate::declare_rule! {
    /// ## What it does
    /// Flags a `cache` with `nodes ≥ 2` and `partitioning = modulo`, and a `worker` with
    /// `partitioning = modulo` (for example crawler fetchers that pick their share of domains
    /// with `hash(domain) % N`).
    ///
    /// ## Why it matters
    /// Guide §3.9 (the modulo problem) and §2.6 (distributing the cache): with `hash(key) % N`
    /// the home of almost every key depends on N. Add or lose one node and most keys (about
    /// 75 % going from 4 to 5 nodes) move at once; for a cache that is a sudden miss storm that
    /// lands on the database exactly when the cluster is already changing (a thundering herd,
    /// Part 7). Consistent hashing places nodes on a ring so that only about 1/N of the keys
    /// move, and virtual nodes keep the ring balanced.
    ///
    /// ## Example
    /// Bad: `cache:pool{nodes=4, partitioning=modulo}`.
    ///
    /// Good: `cache:pool{nodes=4, partitioning=consistent_hash, virtual_nodes=true}`.
    ///
    /// ## How to fix
    /// Use consistent hashing (a Redis Cluster-style hash ring) with virtual nodes, so adding
    /// or removing a node moves only about 1/N of the keys.
    pub CacheModuloDistribution {
        id: "CACHE-MODULO-DISTRIBUTION",
        number: "R17",
        title: "keys are spread over nodes with hash % n",
        category: "E. Caching",
        severity: Warning,
        scope: Detail,
        guide: "3.9",
        fix: "use consistent hashing with virtual nodes so adding or removing a node moves only about 1/N of the keys",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for node in &cx.design.nodes {
        if node.props.partitioning != Some(Partitioning::Modulo) {
            continue;
        }
        let message = match node.kind {
            NodeKind::Cache => match node.props.nodes {
                Some(n) if n >= 2 => format!(
                    "cache `{}` spreads its keys over {n} nodes with hash % N",
                    node.id
                ),
                _ => continue,
            },
            NodeKind::Worker => format!(
                "worker `{}` divides its work between instances with hash % N",
                node.id
            ),
            _ => continue,
        };
        out.push(Finding::new(&CacheModuloDistribution::META, message).node(&node.id));
    }
}
