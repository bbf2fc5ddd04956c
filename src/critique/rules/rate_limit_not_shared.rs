//! R60 `RATE-LIMIT-NOT-SHARED`: each instance of a fleet counts requests on its own.

use crate::critique::FastSet;
use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::{RateLimitStore, RateLimitSync, Role};

crate::declare_rule! {
    /// ## What it does
    /// Flags a node with `rate_limit.enabled=true` whose fleet has `redundancy ≥ 2` when
    /// (a) `rate_limit.store=local` without `sync=periodic`, or (b) `store=shared_cache` but no
    /// node of the fleet has an edge to a `cache` with `role=rate_limit_counter`. A fleet drawn
    /// as several nodes gives one finding.
    ///
    /// ## Why it matters
    /// Distributed Rate Limiter walkthrough (guide §5) and guide §4.7: a counter kept in one server's memory only sees the
    /// requests that server got. With N servers behind a load balancer a client gets N times
    /// its limit, and the limit changes whenever the fleet scales. Counters must live in one
    /// place (Redis `INCR` with a TTL, about a millisecond per check), or be synchronised
    /// periodically where an approximate limit is acceptable.
    ///
    /// ## Example
    /// Bad: `app_server:api{instances=4, rate_limit={enabled:true, store:local}}`.
    ///
    /// Good: `app_server:api{instances=4, rate_limit={enabled:true, store:shared_cache}}`;
    /// `api -write/TCP-> cache:rl{role=rate_limit_counter, default_ttl_s=60}`.
    ///
    /// ## How to fix
    /// Keep the counters in Redis with an atomic `INCR` plus expiry, drawn as a cache with
    /// `role=rate_limit_counter`, or use local counters with periodic sync where approximate
    /// limits are fine.
    pub RateLimitNotShared {
        id: "RATE-LIMIT-NOT-SHARED",
        number: "R60",
        title: "each instance counts on its own",
        category: "L. Security",
        severity: Warning,
        scope: Shape,
        guide: "5, Distributed Rate Limiter",
        fix: "keep the counters in Redis with atomic INCR + expiry, or use local counters with periodic sync where approximate limits are fine",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let mut reported: FastSet<&str> = FastSet::default();
    for (i, n) in cx.design.nodes.iter().enumerate() {
        let Some(rl) = &n.props.rate_limit else {
            continue;
        };
        if rl.enabled != Some(true) {
            continue;
        }
        let redundancy = ix.redundancy(i);
        if redundancy < 2 {
            continue;
        }
        let problem = match rl.store {
            Some(RateLimitStore::Local) if rl.sync != Some(RateLimitSync::Periodic) => {
                "keeps rate-limit counters in each instance's memory"
            }
            Some(RateLimitStore::SharedCache) => {
                let has_counter = ix.fleet(i).iter().any(|&m| {
                    ix.out_edges(m).iter().any(|&ei| {
                        ix.target(ei).is_some_and(|t| {
                            let c = ix.node(t);
                            c.kind == NodeKind::Cache
                                && c.props.role == Some(Role::RateLimitCounter)
                        })
                    })
                });
                if has_counter {
                    continue;
                }
                "uses shared rate-limit counters but has no edge to a rate-limit counter cache"
            }
            _ => continue,
        };
        let fleet_key = n.props.fleet.as_deref().unwrap_or(n.id.as_str());
        if !reported.insert(fleet_key) {
            continue;
        }
        let count = if redundancy == crate::index::UNBOUNDED {
            "its redundant instances".to_owned()
        } else {
            format!("{redundancy} instances")
        };
        let mut f = Finding::new(
            &RateLimitNotShared::META,
            format!("`{}` {problem}, across {count}", n.id),
        );
        for &m in ix.fleet(i) {
            f = f.node(&ix.node(m).id);
        }
        out.push(f);
    }
}
