//! Typed node and edge properties (rules-catalogue §1.4–1.5). Every property is optional:
//! `None` means "unset", which is distinct from `false` where the catalogue says so.

use super::ids::NodeId;
use serde::{Deserialize, Serialize};

/// Declares a property enum whose variants are written in files as the given keys, with an
/// `ALL` list (for inspector dropdowns) and `key()` (for messages and exports).
macro_rules! prop_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( #[serde(rename = $key)] $variant, )+
        }

        impl $name {
            /// Every value, in catalogue order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in design files.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

prop_enum!(
    /// How much a caller depends on a compute node.
    Criticality { Required => "required", Optional => "optional" }
);
prop_enum!(
    /// Classes of data a node stores or handles.
    DataClass {
        Pii => "pii", Credentials => "credentials", Payment => "payment", UserFiles => "user_files",
        Messages => "messages", TenantData => "tenant_data", Public => "public",
    }
);
prop_enum!(
    /// What kind of program a client is.
    Platform {
        WebBrowser => "web_browser", MobileApp => "mobile_app", DesktopApp => "desktop_app",
        ThirdPartyServer => "third_party_server",
    }
);
prop_enum!(
    /// What a CDN caches.
    CdnContent {
        StaticAssets => "static_assets", Media => "media", VideoSegments => "video_segments",
        PublicApi => "public_api", PrefixCompletions => "prefix_completions",
        UserSpecific => "user_specific", Realtime => "realtime",
    }
);
prop_enum!(
    /// OSI layer a load balancer works at.
    LbLayer { L4 => "L4", L7 => "L7" }
);
prop_enum!(
    /// Load-balancing algorithm.
    LbAlgorithm {
        RoundRobin => "round_robin", WeightedRoundRobin => "weighted_round_robin",
        LeastConnections => "least_connections", IpHash => "ip_hash",
    }
);
prop_enum!(
    /// Rate-limiting algorithm.
    RateLimitAlgorithm {
        TokenBucket => "token_bucket", SlidingLog => "sliding_log",
        SlidingCounter => "sliding_counter", FixedWindow => "fixed_window",
    }
);
prop_enum!(
    /// What a rate limit counts per.
    RateLimitScope { PerIp => "per_ip", PerUser => "per_user", PerEndpoint => "per_endpoint" }
);
prop_enum!(
    /// Where rate-limit counters live.
    RateLimitStore { Local => "local", SharedCache => "shared_cache", Managed => "managed" }
);
prop_enum!(
    /// How local rate-limit counters are synchronised.
    RateLimitSync { None => "none", Periodic => "periodic" }
);
prop_enum!(
    /// What a rate limiter answers when it refuses (`429 Too Many Requests` with `Retry-After`).
    RateLimitReply { RetryAfter429 => "retry_after_429" }
);
prop_enum!(
    /// Where an app server keeps login sessions.
    SessionStorage { None => "none", LocalMemory => "local_memory", SharedStore => "shared_store" }
);
prop_enum!(
    /// How a compute node or gateway authenticates callers.
    AuthMode {
        None => "none", SessionCookie => "session_cookie", Jwt => "jwt", ApiKey => "api_key",
        Oauth => "oauth", Mtls => "mtls",
    }
);
prop_enum!(
    /// What a session cookie contains.
    CookieContents { Identity => "identity", OpaqueSessionId => "opaque_session_id" }
);
prop_enum!(
    /// How revoked JWTs are rejected.
    JwtRevocation { None => "none", Blocklist => "blocklist" }
);
prop_enum!(
    /// Authorization model.
    Authz { None => "none", AuthnOnly => "authn_only", Rbac => "rbac", Abac => "abac" }
);
prop_enum!(
    /// How queries are built.
    QueryConstruction {
        Parameterized => "parameterized", Orm => "orm", StringConcat => "string_concat",
        RawInputObject => "raw_input_object",
    }
);
prop_enum!(
    /// How passwords are stored.
    PasswordHashing {
        Plaintext => "plaintext", Reversible => "reversible", Md5 => "md5", Sha1 => "sha1",
        Sha256 => "sha256", Bcrypt => "bcrypt", Argon2 => "argon2",
    }
);
prop_enum!(
    /// Fan-out strategy.
    FanoutStrategy { Push => "push", Pull => "pull", Hybrid => "hybrid" }
);
prop_enum!(
    /// Shape of a serverless function's traffic.
    TrafficPattern { Bursty => "bursty", Steady => "steady" }
);
prop_enum!(
    /// How keys or work are spread over a fleet.
    Partitioning {
        Single => "single", Modulo => "modulo", ConsistentHash => "consistent_hash",
        ConsistentHashByDomain => "consistent_hash_by_domain",
    }
);
prop_enum!(
    /// Cache eviction policy.
    EvictionPolicy {
        Noeviction => "noeviction", AllkeysLru => "allkeys_lru", AllkeysLfu => "allkeys_lfu",
        VolatileLru => "volatile_lru", VolatileTtl => "volatile_ttl",
    }
);
prop_enum!(
    /// How a cache protects the store behind it when a hot entry expires.
    StampedeProtection { None => "none", Lock => "lock", BackgroundRefresh => "background_refresh" }
);
prop_enum!(
    /// How writes reach a cache and its store.
    WriteStrategy {
        CacheAside => "cache_aside", WriteThrough => "write_through", WriteBehind => "write_behind",
    }
);
prop_enum!(
    /// Cache persistence to disk.
    Persistence { None => "none", Rdb => "rdb", Aof => "aof" }
);
prop_enum!(
    /// Standby replication of a database.
    StandbyMode { None => "none", Async => "async", Sync => "sync" }
);
prop_enum!(
    /// Failover of a store or cache.
    Failover { None => "none", Manual => "manual", Automatic => "automatic" }
);
prop_enum!(
    /// Sharding strategy.
    ShardStrategy { None => "none", Range => "range", Hash => "hash", Geo => "geo" }
);
prop_enum!(
    /// What kind of value the shard key is.
    ShardKeyType {
        SequentialId => "sequential_id", Timestamp => "timestamp", Date => "date",
        Alphabetic => "alphabetic", RandomId => "random_id", TenantId => "tenant_id",
    }
);
prop_enum!(
    /// How a hot shard key is relieved.
    HotKeyMitigation { None => "none", Cache => "cache", Salt => "salt", Split => "split" }
);
prop_enum!(
    /// Where encryption keys for data at rest live.
    KeyStore { Kms => "kms", SameHost => "same_host", None => "none" }
);
prop_enum!(
    /// How tenant isolation is enforced in a database.
    TenantIsolation { None => "none", AppFilter => "app_filter", Middleware => "middleware", Rls => "rls" }
);
prop_enum!(
    /// Write pattern of a relational database.
    WritePattern { Oltp => "oltp", HighFrequencyTimeseries => "high_frequency_timeseries" }
);
prop_enum!(
    /// Delivery guarantee of a queue or stream.
    Delivery { AtLeastOnce => "at_least_once", ExactlyOnce => "exactly_once" }
);
prop_enum!(
    /// Whether consumers poll a queue or the queue pushes to them.
    DeliveryMode { Pull => "pull", Push => "push" }
);
prop_enum!(
    /// Scope of a crawler's per-domain limiter.
    LimiterScope { Local => "local", Shared => "shared" }
);
prop_enum!(
    /// Category of a third-party service.
    ExternalCategory {
        Payment => "payment", Email => "email", Sms => "sms", Push => "push", Web => "web", Api => "api",
    }
);
prop_enum!(
    /// NoSQL data model.
    DataModel {
        Document => "document", KeyValue => "key_value", WideColumn => "wide_column", Graph => "graph",
    }
);
prop_enum!(
    /// HTTP method of a call.
    HttpMethod { Get => "GET", Post => "POST", Put => "PUT", Patch => "PATCH", Delete => "DELETE" }
);
prop_enum!(
    /// Tags on an edge that say what the call is for.
    EdgeTag {
        Payment => "payment", Login => "login", Realtime => "realtime", Fanout => "fanout",
        Typeahead => "typeahead", Upload => "upload", Download => "download",
        Transcode => "transcode", ImageProcessing => "image_processing", Analytics => "analytics",
        SearchIndexing => "search_indexing", AuditLog => "audit_log", UserSpecific => "user_specific",
    }
);
prop_enum!(
    /// What an edge carries.
    PayloadClass {
        Metadata => "metadata", FileBytes => "file_bytes", Media => "media",
        StaticAsset => "static_asset", Video => "video", VideoSegment => "video_segment",
    }
);
prop_enum!(
    /// Interaction pattern of an edge.
    CallPattern { RequestResponse => "request_response", Poll => "poll", Push => "push" }
);
prop_enum!(
    /// Retry policy.
    RetryPolicy { None => "none", Immediate => "immediate", Fixed => "fixed", Exponential => "exponential" }
);
prop_enum!(
    /// How an edge authenticates.
    EdgeAuth {
        None => "none", SessionCookie => "session_cookie", Jwt => "jwt", ApiKey => "api_key",
        Oauth => "oauth", Mtls => "mtls", Iam => "iam",
    }
);
prop_enum!(
    /// Consistency a read needs.
    Consistency { Strong => "strong", ReadYourWrites => "read_your_writes", Eventual => "eventual" }
);
prop_enum!(
    /// Replication mode.
    ReplicationMode { Sync => "sync", Async => "async" }
);
prop_enum!(
    /// How many shards a read touches.
    ShardScope { SingleShard => "single_shard", AllShards => "all_shards" }
);
prop_enum!(
    /// When a consumer acknowledges a message.
    AckMode { AfterProcessing => "after_processing", OnReceive => "on_receive", Auto => "auto" }
);
prop_enum!(
    /// How a private node reaches the internet.
    EgressVia { Nat => "nat", PrivateEndpoint => "private_endpoint" }
);
prop_enum!(
    /// Deployment environment of the whole design.
    Environment { Dev => "dev", Production => "production" }
);

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
    pub fn choices(kind: super::NodeKind) -> &'static [Role] {
        use super::NodeKind as K;
        match kind {
            K::Cache => Self::CACHE,
            K::SqlDb | K::NosqlDb | K::Shard | K::ReadReplica => Self::DATABASE,
            K::MessageQueue | K::Stream => Self::MESSAGING,
            k if k.is_compute() => Self::COMPUTE,
            _ => &[],
        }
    }

    /// Whether this role may be set on a node of `kind`.
    pub fn fits(&self, kind: super::NodeKind) -> bool {
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

/// Load-balancer health check.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HealthCheck {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval_s: Option<u32>,
}

/// Rate limiting at an entry point or inside a service.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimit {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<RateLimitAlgorithm>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refill_per_s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_s: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<RateLimitScope>,
    /// Per-route limits, e.g. `"POST /api/urls": "per_user"`.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub routes: std::collections::BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<RateLimitStore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync: Option<RateLimitSync>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<RateLimitReply>,
}

/// JSON Web Token settings of a compute node.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Jwt {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_ttl_min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_ttl_days: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation: Option<JwtRevocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
}

/// Fan-out settings of a compute node.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fanout {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<FanoutStrategy>,
    /// Audience size above which a hybrid strategy switches to pull.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u64>,
}

/// Sharding of a store.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sharding {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<ShardStrategy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_type: Option<ShardKeyType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shards: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hot_key_mitigation: Option<HotKeyMitigation>,
}

impl Sharding {
    /// Whether the store is sharded (a strategy other than `none` is set).
    pub fn is_sharded(&self) -> bool {
        matches!(self.strategy, Some(s) if s != ShardStrategy::None)
    }
}

/// Database full-text search use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FullTextSearch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub core_feature: Option<bool>,
}

/// Video renditions kept in object storage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VideoLadder {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renditions: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment_s: Option<f64>,
}

/// Retry settings of an edge.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<RetryPolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_ms: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u32>,
}

/// Circuit breaker on an edge.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CircuitBreaker {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_threshold_pct: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_timeout_ms: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reset_timeout_ms: Option<u32>,
}

/// Declares the property struct: every field optional and skipped when unset, so files stay
/// short and diffs clean. Also generates `is_empty`.
///
/// The grouped settings (`rate_limit`, `jwt`, `retry`…) are boxed: few nodes set them, and
/// keeping them out of line keeps every node's properties small for the rules that scan them
/// all (the file format is the same: serde reads and writes a box as its contents).
macro_rules! props_struct {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident : $ty:ty),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[$fdoc])*
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )+
        }

        impl $name {
            /// Every field name, in file order (for "allowed fields" messages and the inspector).
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),+];

            /// Whether no property is set.
            pub fn is_empty(&self) -> bool {
                *self == Self::default()
            }
        }
    };
}

props_struct!(
    /// Properties of a node (rules-catalogue §1.4). Which ones apply to which kind is listed in
    /// [`crate::model::catalog`].
    NodeProps {
        tech: String,
        /// Logical service name; defaults to the node id.
        service: String,
        /// Fleet id; nodes that share it are one fleet. Defaults to the node id.
        fleet: String,
        /// Instance count [1].
        instances: u32,
        managed: bool,
        provider_redundant: bool,
        az_count: u32,
        /// A tier row id of guide-data.md D1/D2 (`app.growth`, `db.heavy`), an instance name
        /// (`m5.large`), or `custom`.
        tier: String,
        capacity_qps: f64,
        host: String,
        public_endpoint: bool,
        public_ip: bool,
        vpc_attached: bool,
        criticality: Criticality,
        data_classes: Vec<DataClass>,
        health_endpoint: bool,
        auto_restart: bool,
        autoscale: bool,
        throughput_per_instance: f64,
        max_duration_s: f64,
        spot: bool,
        platform: Platform,
        debounce_ms: u32,
        local_cache: bool,
        heartbeat_s: f64,
        geo_routing: bool,
        ttl_s: u32,
        caches: Vec<CdnContent>,
        waf: bool,
        layer: LbLayer,
        algorithm: LbAlgorithm,
        health_check: Box<HealthCheck>,
        websocket_support: bool,
        tls_termination: bool,
        rate_limit: Box<RateLimit>,
        session_storage: SessionStorage,
        auth_mode: AuthMode,
        cookie_contents: CookieContents,
        cookie_signed: bool,
        jwt: Box<Jwt>,
        authz: Authz,
        authz_centralized: bool,
        resource_by_id: bool,
        multi_tenant: bool,
        query_construction: QueryConstruction,
        input_validation: bool,
        renders_ugc: bool,
        output_encoding: bool,
        csp: bool,
        csrf_protection: bool,
        stores_passwords: bool,
        password_hashing: PasswordHashing,
        serves_static: bool,
        ryw_window_s: f64,
        fanout: Box<Fanout>,
        idempotent: bool,
        dedupe_key: String,
        relays_client_messages: bool,
        latency_sensitive: bool,
        traffic_pattern: TrafficPattern,
        volume_rps: f64,
        role: Role,
        partitioning: Partitioning,
        robots_txt_check: bool,
        backs: Vec<NodeId>,
        eviction_policy: EvictionPolicy,
        maxmemory_mb: u32,
        default_ttl_s: u32,
        ttl_jitter_s: u32,
        stampede_protection: StampedeProtection,
        write_strategy: WriteStrategy,
        persistence: Persistence,
        nodes: u32,
        replicas: u32,
        virtual_nodes: bool,
        hot_keys: bool,
        standby: StandbyMode,
        failover: Failover,
        quorum: bool,
        voting_nodes: u32,
        replication_factor: u32,
        promotable: bool,
        sharding: Box<Sharding>,
        shard_of: NodeId,
        stores_blobs: bool,
        encryption_at_rest: bool,
        key_store: KeyStore,
        tenant_isolation: TenantIsolation,
        full_text_search: Box<FullTextSearch>,
        write_pattern: WritePattern,
        ts_extension: bool,
        presigned_urls: bool,
        presign_ttl_s: u32,
        video_ladder: Box<VideoLadder>,
        dlq: Dlq,
        max_receive_count: u32,
        visibility_timeout_s: u32,
        delivery: Delivery,
        delivery_mode: DeliveryMode,
        bounded: bool,
        max_depth: u64,
        per_domain_rate_limit: bool,
        per_domain_limiter: LimiterScope,
        priority: bool,
        category: ExternalCategory,
        doc_count: u64,
        redirect_status: u16,
        top_k: u32,
        schedule: String,
        data_model: DataModel,
    }
);

props_struct!(
    /// Properties of an edge (rules-catalogue §1.5). `kind` and `protocol` live on the edge.
    EdgeProps {
        /// Whether the link is encrypted [true for HTTPS, else false].
        tls: bool,
        /// One method, or several when one drawn edge stands for several calls.
        method: Vec<HttpMethod>,
        route: String,
        operation: String,
        transactional: bool,
        tags: Vec<EdgeTag>,
        payload_class: PayloadClass,
        max_payload_mb: f64,
        chunked: bool,
        resumable: bool,
        presigned: bool,
        cacheable: bool,
        pattern: CallPattern,
        polling_interval_s: f64,
        timeout_ms: u32,
        retry: Box<Retry>,
        idempotency_key: bool,
        idempotency_ttl_h: f64,
        circuit_breaker: Box<CircuitBreaker>,
        fallback: String,
        auth: EdgeAuth,
        consistency: Consistency,
        mode: ReplicationMode,
        scope: ShardScope,
        rate_rps: f64,
        consumer_group: String,
        ack_mode: AckMode,
        workflow: String,
        step: u32,
        compensation: String,
        egress_via: EgressVia,
        redirect_to_https: bool,
        background: bool,
        /// Archway addition for the estimator: each request on this edge causes this many
        /// requests downstream (fan-out) [1].
        multiplier: f64,
    }
);
