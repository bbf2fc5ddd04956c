//! R16 CACHE-NO-TTL: cached or ephemeral keys that never expire.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::Role;

crate::declare_rule! {
    /// ## What it does
    /// Flags a `cache` whose `role` is `cache`, `presence`, `rate_limit_counter`,
    /// `session_store` or `idempotency_store` and whose `default_ttl_s` is unset or 0.
    ///
    /// ## Why it matters
    /// Guide §2.6 (TTL): a time-to-live is the safety net for when invalidation fails; without
    /// it a stale entry is served forever. For the other roles the TTL *is* the feature: the
    /// chat walkthrough marks a user offline when their presence key expires after heartbeats
    /// stop, the rate-limiter walkthrough resets a window by letting its counter expire, and
    /// sessions and idempotency keys must go away when their lifetime ends. Keys with no
    /// expiry also accumulate until the cache is full.
    ///
    /// ## Example
    /// Bad: `cache:presence{role=presence}` with `ws -write/TCP-> presence {label="heartbeat"}`.
    ///
    /// Good: `cache:presence{role=presence, default_ttl_s=60}` (60 s is a designer default: the
    /// guide gives the 30 s heartbeat but no TTL).
    ///
    /// ## How to fix
    /// Give every key family a TTL: short for data that changes often (60 s for a trending
    /// list), the window length for counters, a small multiple of the heartbeat for presence,
    /// the session lifetime for sessions, about 24 h for idempotency keys.
    pub CacheNoTtl {
        id: "CACHE-NO-TTL",
        number: "R16",
        title: "cached or ephemeral keys never expire",
        category: "E. Caching",
        severity: Warning,
        scope: Detail,
        guide: "2.6",
        fix: "give each key family a TTL: short for changing data, the window for counters, a few heartbeats for presence, the session lifetime for sessions, ~24 h for idempotency keys",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for c in ix.nodes_of_kind(NodeKind::Cache) {
        let node = ix.node(c);
        let Some(role) = &node.props.role else {
            continue;
        };
        let ephemeral = matches!(
            role,
            Role::Cache
                | Role::Presence
                | Role::RateLimitCounter
                | Role::SessionStore
                | Role::IdempotencyStore
        );
        if ephemeral && node.props.default_ttl_s.unwrap_or(0) == 0 {
            out.push(
                Finding::new(
                    &CacheNoTtl::META,
                    format!(
                        "{} `{}` sets no TTL, so its keys never expire",
                        role_label(role),
                        node.id
                    ),
                )
                .node(&node.id),
            );
        }
    }
}

/// How the cache is named in the message, by its role.
fn role_label(role: &Role) -> &'static str {
    match role {
        Role::Presence => "presence store",
        Role::RateLimitCounter => "rate-limit counter store",
        Role::SessionStore => "session store",
        Role::IdempotencyStore => "idempotency store",
        _ => "cache",
    }
}
