//! R15 CACHE-NO-EVICTION-POLICY: a cache that starts failing writes when it fills up, or a
//! token blocklist that may forget revoked tokens.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::{EvictionPolicy, Role};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `cache` with `role = cache` whose `eviction_policy` is `noeviction`, or is unset
    /// while the `tech` is not Memcached (an unset policy on Redis means `noeviction`; Memcached
    /// evicts least-recently-used entries by default). Also flags a cache with
    /// `role = token_blocklist` that uses an `allkeys_*` policy.
    ///
    /// ## Why it matters
    /// Guide §2.6 ("What happens when the cache fills up?"): Redis does not evict anything by
    /// default; once it reaches its memory limit it answers writes with errors. A cache that
    /// was meant to make the system faster then becomes a source of failed requests at the
    /// moment traffic is highest. Setting a maximum memory and an eviction policy (LRU is the
    /// usual choice, LFU when a few keys are far more popular) lets it drop cold entries instead.
    ///
    /// A revocation blocklist is the opposite case: its entries are not a copy of anything. If
    /// an `allkeys_*` policy evicts a revoked token id before the token expires, that token
    /// silently works again, so a blocklist must use `noeviction` or `volatile_ttl`.
    ///
    /// ## Example
    /// Bad: `cache:hot{tech=Redis, role=cache}` (no policy recorded).
    ///
    /// Good: `cache:hot{tech=Redis, role=cache, maxmemory_mb=6144, eviction_policy=allkeys_lru}`.
    ///
    /// ## How to fix
    /// Set `maxmemory` and an eviction policy: `allkeys_lru` by default, `allkeys_lfu` for
    /// frequency-skewed access. For a token blocklist use `noeviction` (sized for every live
    /// token) or `volatile_ttl` with a TTL equal to the token lifetime.
    pub CacheNoEvictionPolicy {
        id: "CACHE-NO-EVICTION-POLICY",
        number: "R15",
        title: "the cache will start failing writes when it fills up",
        category: "E. Caching",
        severity: Warning,
        scope: Detail,
        guide: "2.6",
        fix: "set maxmemory and an eviction policy (allkeys_lru by default, allkeys_lfu for frequency-skewed access); a token blocklist uses noeviction or volatile_ttl",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for c in ix.nodes_of_kind(NodeKind::Cache) {
        let node = ix.node(c);
        let p = &node.props;
        let message = match p.role {
            Some(Role::Cache) => match p.eviction_policy {
                Some(EvictionPolicy::Noeviction) => Some(format!(
                    "cache `{}` uses noeviction and will reject writes once it is full",
                    node.id
                )),
                None if !crate::critique::facts::is_memcached(node) => Some(format!(
                    "cache `{}` has no eviction policy, so it rejects writes once it is full",
                    node.id
                )),
                _ => None,
            },
            Some(Role::TokenBlocklist) => match p.eviction_policy {
                Some(policy @ (EvictionPolicy::AllkeysLru | EvictionPolicy::AllkeysLfu)) => {
                    Some(format!(
                        "token blocklist `{}` uses {policy} and can evict revoked token ids before they expire",
                        node.id
                    ))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(message) = message {
            out.push(Finding::new(&CacheNoEvictionPolicy::META, message).node(&node.id));
        }
    }
}
