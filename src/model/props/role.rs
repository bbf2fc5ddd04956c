//! What a node is used for ([`Role`]) and a queue's dead-letter setting ([`Dlq`]): the two
//! property values whose inspector editors are special, kept apart so the property descriptor
//! and the property tables both read them without importing each other.

use crate::model::ids::NodeId;
use crate::model::kinds::NodeKind;
use serde::{Deserialize, Serialize};

/// What a node is used for. One enum serves compute roles (`fetcher`…), cache roles
/// (`session_store`…), database roles (`primary`…) and queue roles (`frontier`…); the
/// validator checks that the role fits the node's kind (see [`Role::fits`]).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    // compute (worker)
    Fetcher,
    Transcoder,
    Fanout,
    // cache
    Cache,
    SessionStore,
    RateLimitCounter,
    Presence,
    Pubsub,
    IdempotencyStore,
    DedupeFilter,
    TokenBlocklist,
    PrimaryStore,
    // databases
    Primary,
    Standby,
    Replica,
    // queues and streams
    Work,
    Events,
    Frontier,
    Dlq,
    /// Any other compute role, as free text.
    Other(String),
}

impl Role {
    /// Roles offered for a compute node.
    pub const COMPUTE: &'static [Role] = &[Role::Fetcher, Role::Transcoder, Role::Fanout];
    /// Roles offered for a cache.
    pub const CACHE: &'static [Role] = &[
        Role::Cache,
        Role::SessionStore,
        Role::RateLimitCounter,
        Role::Presence,
        Role::Pubsub,
        Role::IdempotencyStore,
        Role::DedupeFilter,
        Role::TokenBlocklist,
        Role::PrimaryStore,
    ];
    /// Roles offered for a database.
    pub const DATABASE: &'static [Role] = &[Role::Primary, Role::Standby, Role::Replica];
    /// Roles offered for a queue or stream.
    pub const MESSAGING: &'static [Role] = &[Role::Work, Role::Events, Role::Frontier, Role::Dlq];

    /// The roles that make sense for a node kind (empty when the kind has no role).
    pub fn choices(kind: NodeKind) -> &'static [Role] {
        use NodeKind as K;
        match kind {
            K::Cache => Self::CACHE,
            K::SqlDb | K::NosqlDb | K::Shard | K::ReadReplica => Self::DATABASE,
            K::MessageQueue | K::Stream | K::PubSubTopic => Self::MESSAGING,
            k if k.is_compute() => Self::COMPUTE,
            _ => &[],
        }
    }

    /// Whether this role may be set on a node of `kind`.
    pub fn fits(&self, kind: NodeKind) -> bool {
        match self {
            Role::Other(_) => kind.is_compute(),
            r => Self::choices(kind).contains(r),
        }
    }

    /// The role as text (`session_store`, or the free text of `Other`).
    pub fn key(&self) -> &str {
        match self {
            Role::Fetcher => "fetcher",
            Role::Transcoder => "transcoder",
            Role::Fanout => "fanout",
            Role::Cache => "cache",
            Role::SessionStore => "session_store",
            Role::RateLimitCounter => "rate_limit_counter",
            Role::Presence => "presence",
            Role::Pubsub => "pubsub",
            Role::IdempotencyStore => "idempotency_store",
            Role::DedupeFilter => "dedupe_filter",
            Role::TokenBlocklist => "token_blocklist",
            Role::PrimaryStore => "primary_store",
            Role::Primary => "primary",
            Role::Standby => "standby",
            Role::Replica => "replica",
            Role::Work => "work",
            Role::Events => "events",
            Role::Frontier => "frontier",
            Role::Dlq => "dlq",
            Role::Other(s) => s,
        }
    }
}

/// A queue's dead-letter setting: `true`/`false`, or the id of the DLQ node (which counts as
/// `true`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Dlq {
    Enabled(bool),
    Node(NodeId),
}

impl Dlq {
    /// Whether a dead-letter queue exists.
    pub fn is_enabled(&self) -> bool {
        match self {
            Dlq::Enabled(b) => *b,
            Dlq::Node(_) => true,
        }
    }
}
