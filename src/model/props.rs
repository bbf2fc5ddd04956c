//! Typed node and edge properties. Every property is optional: `None` means "unset", which
//! differs from `false` (a target whose `health_endpoint` is `false` is a finding behind a load
//! balancer; an unset one is not judged).
//!
//! Each property is one entry in the tables below ([`NodeProps`], [`EdgeProps`] and the groups
//! such as [`RateLimit`]): its type, inspector label and unit, shape or detail, and the node
//! kinds it applies to. The struct field, the file name, [`crate::model::catalog::prop_applies`]
//! and the inspector's row all come from that entry (see [`descriptor`]).

#[macro_use]
pub mod descriptor;
mod role;

use super::ids::NodeId;
use super::kinds::{KindSet, NodeKind};
pub use descriptor::{
    Editor, NumberMut, Prop, PropEnum, PropGroup, PropStruct, PropValue, PropVisitor, Scope,
};
pub use role::{Dlq, Role};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
            /// Every value, in declaration order.
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

        impl PropEnum for $name {
            const VALUES: &'static [$name] = $name::ALL;
            const KEYS: &'static [&'static str] = &[$($key),+];
        }

        impl PropValue for Option<$name> {
            const EDITOR: Editor = Editor::Choice(<$name as PropEnum>::KEYS);
            fn is_unset(&self) -> bool {
                self.is_none()
            }
            fn accept<V: PropVisitor>(&mut self, label: &'static str, _: &'static str, v: &mut V)
                -> bool {
                v.choice(label, self)
            }
        }

        impl PropValue for Option<Vec<$name>> {
            const EDITOR: Editor = Editor::ChoiceSet(<$name as PropEnum>::KEYS);
            fn is_unset(&self) -> bool {
                self.is_none()
            }
            fn accept<V: PropVisitor>(&mut self, label: &'static str, _: &'static str, v: &mut V)
                -> bool {
                v.choice_set(label, self)
            }
        }

        impl PropValue for Vec<$name> {
            const EDITOR: Editor = Editor::ChoiceSet(<$name as PropEnum>::KEYS);
            fn is_unset(&self) -> bool {
                self.is_empty()
            }
            fn accept<V: PropVisitor>(&mut self, label: &'static str, _: &'static str, v: &mut V)
                -> bool {
                v.choice_list(label, self)
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
        Oauth => "oauth", Mtls => "mtls", Iam => "iam", Authorizer => "authorizer",
    }
);
prop_enum!(
    /// Who may read a bucket's objects: through presigned URLs, anyone, or only the system.
    BucketAccess { Presigned => "presigned", Public => "public", Private => "private" }
);
prop_enum!(
    /// Who runs the infrastructure of a design or container.
    Provider { Aws => "aws", Gcp => "gcp", Azure => "azure", OnPrem => "on_prem", Other => "other" }
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
        Ml => "ml", Media => "media",
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

prop_group!(
    /// Load-balancer health check.
    HealthCheck {
        enabled: Option<bool> = "Enabled";
        path: Option<String> = "Path";
        interval_s: Option<u32> = "Interval" ("s");
    }
);

prop_group!(
    /// Rate limiting at an entry point or inside a service.
    RateLimit {
        enabled: Option<bool> = "Enabled";
        algorithm: Option<RateLimitAlgorithm> = "Algorithm";
        capacity: Option<u32> = "Capacity";
        refill_per_s: Option<f64> = "Refill rate" ("/s");
        limit: Option<u32> = "Limit";
        window_s: Option<u32> = "Window" ("s");
        scopes: Vec<RateLimitScope> = "Scopes";
        /// Per-route limits, e.g. `"POST /api/urls": "per_user"`.
        routes: BTreeMap<String, String> = "Routes";
        store: Option<RateLimitStore> = "Store";
        sync: Option<RateLimitSync> = "Sync";
        reply: Option<RateLimitReply> = "Reply";
    }
);

prop_group!(
    /// JSON Web Token settings of a compute node.
    Jwt {
        signed: Option<bool> = "Signed";
        alg: Option<String> = "Algorithm";
        access_ttl_min: Option<f64> = "Access TTL" ("min");
        refresh_ttl_days: Option<f64> = "Refresh TTL" ("days");
        revocation: Option<JwtRevocation> = "Revocation";
        claims: Vec<String> = "Claims";
    }
);

prop_group!(
    /// Fan-out settings of a compute node.
    Fanout {
        strategy: Option<FanoutStrategy> = "Strategy";
        /// Audience size above which a hybrid strategy switches to pull.
        threshold: Option<u64> = "Threshold";
    }
);

prop_group!(
    /// Sharding of a store.
    Sharding {
        strategy: Option<ShardStrategy> = "Strategy";
        key: Option<String> = "Key";
        key_type: Option<ShardKeyType> = "Key type";
        shards: Option<u32> = "Shards";
        hot_key_mitigation: Option<HotKeyMitigation> = "Hot key mitigation";
    }
);

impl Sharding {
    /// Whether the store is sharded (a strategy other than `none` is set).
    pub fn is_sharded(&self) -> bool {
        matches!(self.strategy, Some(s) if s != ShardStrategy::None)
    }
}

prop_group!(
    /// Database full-text search use.
    FullTextSearch {
        enabled: Option<bool> = "Enabled";
        doc_count: Option<u64> = "Doc count";
        core_feature: Option<bool> = "Core feature";
    }
);

prop_group!(
    /// Video renditions kept in object storage.
    VideoLadder {
        renditions: Option<u32> = "Renditions";
        segment_s: Option<f64> = "Segment" ("s");
    }
);

prop_group!(
    /// Retry settings of an edge.
    Retry {
        policy: Option<RetryPolicy> = "Policy";
        base_ms: Option<u32> = "Base" ("ms");
        max_attempts: Option<u32> = "Max attempts";
    }
);

prop_group!(
    /// Circuit breaker on an edge.
    CircuitBreaker {
        enabled: Option<bool> = "Enabled";
        error_threshold_pct: Option<f64> = "Error threshold" ("%");
        call_timeout_ms: Option<u32> = "Call timeout" ("ms");
        reset_timeout_ms: Option<u32> = "Reset timeout" ("ms");
    }
);

prop_group!(
    /// Where a shape came from: its type and icon in the diagram it was imported from.
    Origin {
        /// The shape's type there (`AWS::SageMaker::Endpoint`, `diagrams.gcp.ml.AIPlatform`).
        source_type: Option<String> = "Source type";
        /// The icon's name there (`aws-sagemaker`).
        icon: Option<String> = "Icon";
    }
);

prop_group!(
    /// What starts an event trigger and where its failed events go (guide §2.8).
    Trigger {
        /// The event (`s3:ObjectCreated:*`, `INSERT`).
        event: Option<String> = "Event";
        /// Where failed events go: `true`/`false`, or the node that keeps them.
        dlq: Option<Dlq> = "DLQ";
    }
);

// Kind sets the node table uses (in each entry's kinds, `NodeKind`'s variants are in scope).
const ALL: KindSet = KindSet::ALL;
const COMPUTE: KindSet = KindSet::COMPUTE;
const STORE: KindSet = KindSet::STORE;
const MESSAGING: KindSet = KindSet::MESSAGING;
const NETWORK: KindSet = KindSet::NETWORK;
/// Where users arrive: CDNs, load balancers, API gateways and compute (guide §2.3).
const ENTRY: KindSet = COMPUTE.with(&[NodeKind::ApiGateway, NodeKind::LoadBalancer, NodeKind::Cdn]);
/// Every kind that is part of the system: all but clients and external services.
const INFRA: KindSet = KindSet::ALL.without(&[NodeKind::Client, NodeKind::ExternalService]);
/// Every kind the design pays for: all but clients (the users' own devices).
const BILLABLE: KindSet = KindSet::ALL.without(&[NodeKind::Client]);
/// Databases that take writes: SQL, NoSQL and shards (not read replicas).
const WRITABLE_DB: KindSet = only(&[NodeKind::SqlDb, NodeKind::NosqlDb, NodeKind::Shard]);
/// The kinds that have roles to choose from ([`Role::choices`]).
const WITH_ROLE: KindSet = COMPUTE.or(MESSAGING).with(&[
    NodeKind::Cache,
    NodeKind::SqlDb,
    NodeKind::NosqlDb,
    NodeKind::Shard,
    NodeKind::ReadReplica,
]);

/// Exactly these kinds.
const fn only(kinds: &[NodeKind]) -> KindSet {
    KindSet::of(kinds)
}

props_struct!(
    /// Properties of a node. Each entry reads `name: Type = "Label" ("unit"), Shape|Detail,
    /// kinds it applies to;` — adding a property is adding one entry.
    NodeProps {
        tech: String = "Tech", Shape, ALL;
        /// Logical service name; defaults to the node id.
        service: String = "Service", Shape, COMPUTE.or(STORE);
        /// Fleet id; nodes that share it are one fleet. Defaults to the node id.
        fleet: String = "Fleet", Shape, ALL;
        /// Instance count [1].
        instances: u32 = "Instances", Shape,
            COMPUTE.or(MESSAGING).with(&[LoadBalancer, ApiGateway, Cache, SearchIndex]);
        managed: bool = "Managed", Shape, INFRA;
        provider_redundant: bool = "Provider redundant", Shape, INFRA;
        az_count: u32 = "AZ count", Shape, INFRA;
        /// A capacity tier id of the estimator (`app.growth`, `db.heavy`), an instance name
        /// (`m5.large`), or `custom`.
        tier: String = "Tier", Shape, only(&[AppServer, WebsocketServer, Worker, SqlDb, Shard]);
        /// A monthly price the designer states, in US dollars (`40`, or a range `40-60`), for
        /// a component the guide's tier tables do not price (a managed or serverless service, a
        /// cache, a queue, a third party). It replaces a tier's price.
        monthly_cost: String = "Monthly cost" ("$/mo"), Shape, BILLABLE;
        capacity_qps: f64 = "Capacity" ("req/s"), Shape, only(&[SqlDb, Shard]);
        /// How long this component typically takes to answer a call. At or above the design's
        /// `slow_dependency_ms` it is a slow system that user requests should not wait on; a
        /// stated figure overrides what its name suggests (a "legacy" label, a batch job).
        latency_ms: f64 = "Latency" ("ms"), Shape, BILLABLE;
        host: String = "Host", Shape, ALL;
        public_endpoint: bool = "Public endpoint", Shape, STORE;
        /// A public address on the node itself (an internet-facing balancer, an instance with an
        /// elastic IP): users can reach it from the internet.
        public_ip: bool = "Public IP", Shape, COMPUTE.or(NETWORK);
        vpc_attached: bool = "VPC attached", Shape, STORE;
        criticality: Criticality = "Criticality", Detail, COMPUTE;
        data_classes: Vec<DataClass> = "Data classes", Detail, COMPUTE.or(STORE);
        health_endpoint: bool = "Health endpoint", Detail, COMPUTE;
        auto_restart: bool = "Auto restart", Detail, COMPUTE;
        autoscale: bool = "Autoscale", Shape, COMPUTE;
        /// The fewest instances autoscaling keeps running.
        autoscale_min: u32 = "Autoscale min", Shape, COMPUTE;
        throughput_per_instance: f64 = "Throughput per instance" ("req/s"), Shape,
            only(&[Worker, ServerlessFunction]);
        max_duration_s: f64 = "Max duration" ("s"), Shape, only(&[Worker, ServerlessFunction]);
        spot: bool = "Spot", Detail, only(&[Worker]);
        platform: Platform = "Platform", Detail, only(&[Client]);
        debounce_ms: u32 = "Debounce" ("ms"), Detail, only(&[Client]);
        local_cache: bool = "Local cache", Detail, only(&[Client]);
        heartbeat_s: f64 = "Heartbeat" ("s"), Detail, only(&[Client]);
        geo_routing: bool = "Geo routing", Shape, only(&[Dns]);
        ttl_s: u32 = "TTL" ("s"), Detail, only(&[Dns]);
        caches: Vec<CdnContent> = "Caches", Shape, only(&[Cdn]);
        waf: bool = "WAF", Shape, only(&[Cdn, LoadBalancer, ApiGateway]);
        layer: LbLayer = "Layer", Shape, only(&[LoadBalancer]);
        algorithm: LbAlgorithm = "Algorithm", Detail, only(&[LoadBalancer]);
        health_check: Box<HealthCheck> = "Health check", Detail, only(&[LoadBalancer]);
        websocket_support: bool = "Websocket support", Detail, only(&[LoadBalancer]);
        tls_termination: bool = "TLS termination", Detail, only(&[LoadBalancer]);
        rate_limit: Box<RateLimit> = "Rate limit", Shape,
            COMPUTE.with(&[Cdn, LoadBalancer, ApiGateway]);
        session_storage: SessionStorage = "Session storage", Shape,
            only(&[AppServer, WebsocketServer]);
        /// How callers authenticate at this node (an entry point's authorizer, a service's
        /// token check).
        auth_mode: AuthMode = "Auth mode", Shape, ENTRY;
        cookie_contents: CookieContents = "Cookie contents", Detail, COMPUTE;
        cookie_signed: bool = "Cookie signed", Detail, COMPUTE;
        jwt: Box<Jwt> = "JWT", Detail, COMPUTE;
        authz: Authz = "Authz", Detail, COMPUTE;
        authz_centralized: bool = "Authz centralized", Detail, COMPUTE;
        resource_by_id: bool = "Resource by id", Detail, COMPUTE;
        multi_tenant: bool = "Multi tenant", Detail, COMPUTE.or(STORE);
        query_construction: QueryConstruction = "Query construction", Detail, COMPUTE;
        input_validation: bool = "Input validation", Detail, COMPUTE;
        renders_ugc: bool = "Renders UGC", Detail, COMPUTE;
        output_encoding: bool = "Output encoding", Detail, COMPUTE;
        csp: bool = "CSP", Detail, COMPUTE;
        csrf_protection: bool = "CSRF protection", Detail, COMPUTE;
        stores_passwords: bool = "Stores passwords", Detail, COMPUTE;
        password_hashing: PasswordHashing = "Password hashing", Detail, COMPUTE;
        serves_static: bool = "Serves static", Shape, only(&[AppServer]);
        ryw_window_s: f64 = "Read-your-writes window" ("s"), Detail, COMPUTE;
        fanout: Box<Fanout> = "Fanout", Shape, COMPUTE;
        idempotent: bool = "Idempotent", Detail, COMPUTE;
        /// The deadline this component's outgoing calls get unless an edge states its own.
        default_timeout_ms: u32 = "Default timeout" ("ms"), Detail, COMPUTE;
        dedupe_key: String = "Dedupe key", Detail, COMPUTE;
        relays_client_messages: bool = "Relays client messages", Shape, only(&[WebsocketServer]);
        latency_sensitive: bool = "Latency sensitive", Shape, only(&[ServerlessFunction]);
        traffic_pattern: TrafficPattern = "Traffic pattern", Shape, only(&[ServerlessFunction]);
        volume_rps: f64 = "Volume" ("req/s"), Shape, only(&[ServerlessFunction]);
        role: Role = "Role", Shape, WITH_ROLE;
        partitioning: Partitioning = "Partitioning", Shape, only(&[Worker, Cache]);
        robots_txt_check: bool = "Robots txt check", Shape, only(&[Worker]);
        backs: Vec<NodeId> = "Backs", Shape, only(&[Cache]);
        eviction_policy: EvictionPolicy = "Eviction policy", Detail, only(&[Cache]);
        maxmemory_mb: u32 = "Maxmemory" ("MB"), Detail, only(&[Cache]);
        default_ttl_s: u32 = "Default TTL" ("s"), Detail, only(&[Cache]);
        ttl_jitter_s: u32 = "TTL jitter" ("s"), Detail, only(&[Cache]);
        stampede_protection: StampedeProtection = "Stampede protection", Detail, only(&[Cache]);
        write_strategy: WriteStrategy = "Write strategy", Detail, only(&[Cache]);
        persistence: Persistence = "Persistence", Detail, only(&[Cache]);
        nodes: u32 = "Nodes", Shape, only(&[Cache]);
        replicas: u32 = "Replicas", Shape, only(&[Cache]);
        virtual_nodes: bool = "Virtual nodes", Detail, only(&[Cache]);
        hot_keys: bool = "Hot keys", Shape, STORE;
        standby: StandbyMode = "Standby", Shape, WRITABLE_DB;
        failover: Failover = "Failover", Shape, STORE;
        quorum: bool = "Quorum", Shape, STORE.or(COMPUTE);
        voting_nodes: u32 = "Voting nodes", Shape, STORE.or(COMPUTE);
        replication_factor: u32 = "Replication factor", Shape,
            only(&[NosqlDb, Stream, MessageQueue]);
        promotable: bool = "Promotable", Shape, only(&[ReadReplica]);
        sharding: Box<Sharding> = "Sharding", Shape, WRITABLE_DB.with(&[Cache]);
        shard_of: NodeId = "Shard of", Shape, only(&[Shard]);
        stores_blobs: bool = "Stores blobs", Shape, only(&[SqlDb, NosqlDb]);
        encryption_at_rest: bool = "Encryption at rest", Detail, STORE;
        key_store: KeyStore = "Key store", Detail, STORE;
        tenant_isolation: TenantIsolation = "Tenant isolation", Detail, WRITABLE_DB;
        full_text_search: Box<FullTextSearch> = "Full text search", Shape, only(&[SqlDb]);
        write_pattern: WritePattern = "Write pattern", Shape, only(&[SqlDb]);
        ts_extension: bool = "Ts extension", Shape, only(&[SqlDb]);
        presigned_urls: bool = "Presigned urls", Shape, only(&[ObjectStorage]);
        /// Who may read the bucket's objects.
        access: BucketAccess = "Access", Shape, only(&[ObjectStorage]);
        presign_ttl_s: u32 = "Presign TTL" ("s"), Detail, only(&[ObjectStorage]);
        video_ladder: Box<VideoLadder> = "Video ladder", Shape, only(&[ObjectStorage]);
        dlq: Dlq = "DLQ", Shape, MESSAGING;
        max_receive_count: u32 = "Max receive count", Detail, MESSAGING;
        visibility_timeout_s: u32 = "Visibility timeout" ("s"), Detail, only(&[MessageQueue]);
        delivery: Delivery = "Delivery", Detail, MESSAGING;
        delivery_mode: DeliveryMode = "Delivery mode", Shape, only(&[MessageQueue]);
        bounded: bool = "Bounded", Shape, MESSAGING;
        max_depth: u64 = "Max depth", Detail, MESSAGING;
        per_domain_rate_limit: bool = "Per domain rate limit", Shape, only(&[MessageQueue]);
        per_domain_limiter: LimiterScope = "Per domain limiter", Shape, only(&[MessageQueue]);
        priority: bool = "Priority", Detail, only(&[MessageQueue]);
        category: ExternalCategory = "Category", Shape, only(&[ExternalService]);
        doc_count: u64 = "Doc count", Shape, only(&[SearchIndex]);
        redirect_status: u16 = "Redirect status", Detail, only(&[AppServer]);
        top_k: u32 = "Top K", Detail, only(&[AppServer]);
        schedule: String = "Schedule", Detail, only(&[BatchJob]);
        data_model: DataModel = "Data model", Shape, only(&[NosqlDb]);
        /// Where the shape came from (its type and icon in a foreign diagram), kept by
        /// importers; what the generic component shows of itself.
        origin: Box<Origin> = "Origin", Detail, ALL;
        /// Pinned where the user put it: Arrange ▸ Auto-layout leaves a locked node in place.
        locked: bool = "Locked", Detail, ALL;
    }
);

props_struct!(
    /// Properties of an edge: one entry each, as for [`NodeProps`] without kinds (every edge
    /// property applies to every edge). `kind` and `protocol` live on the edge itself.
    EdgeProps {
        /// Whether the link is encrypted [true for HTTPS, else false].
        tls: bool = "TLS", Detail;
        /// One method, or several when one drawn edge stands for several calls.
        method: Vec<HttpMethod> = "Method", Detail;
        route: String = "Route", Shape;
        operation: String = "Operation", Detail;
        transactional: bool = "Transactional", Detail;
        tags: Vec<EdgeTag> = "Tags", Shape;
        payload_class: PayloadClass = "Payload class", Shape;
        max_payload_mb: f64 = "Max payload" ("MB"), Shape;
        chunked: bool = "Chunked", Shape;
        resumable: bool = "Resumable", Detail;
        presigned: bool = "Presigned", Shape;
        cacheable: bool = "Cacheable", Shape;
        pattern: CallPattern = "Pattern", Shape;
        polling_interval_s: f64 = "Polling interval" ("s"), Shape;
        timeout_ms: u32 = "Timeout" ("ms"), Detail;
        retry: Box<Retry> = "Retry", Detail;
        idempotency_key: bool = "Idempotency key", Detail;
        idempotency_ttl_h: f64 = "Idempotency TTL" ("h"), Detail;
        circuit_breaker: Box<CircuitBreaker> = "Circuit breaker", Detail;
        fallback: String = "Fallback", Detail;
        auth: EdgeAuth = "Auth", Detail;
        consistency: Consistency = "Consistency", Shape;
        mode: ReplicationMode = "Mode", Shape;
        scope: ShardScope = "Scope", Shape;
        rate_rps: f64 = "Rate" ("req/s"), Shape;
        consumer_group: String = "Consumer group", Shape;
        ack_mode: AckMode = "Ack mode", Detail;
        workflow: String = "Workflow", Detail;
        step: u32 = "Step", Detail;
        compensation: String = "Compensation", Detail;
        egress_via: EgressVia = "Egress via", Shape;
        redirect_to_https: bool = "Redirect to HTTPS", Shape;
        background: bool = "Background", Shape;
        /// Archway addition for the estimator: each request on this edge causes this many
        /// requests downstream (fan-out) [1].
        multiplier: f64 = "Multiplier", Shape;
        /// An event trigger's own settings (its retries are `retry`).
        trigger: Box<Trigger> = "Trigger", Shape;
    }
);

props_struct!(
    /// Properties of a container: one entry each, as for [`EdgeProps`] (every container
    /// property applies to every container kind; the rules read those that fit).
    ContainerProps {
        /// Who runs what is inside: set on a cloud account or region (or on the design).
        provider: Provider = "Provider", Shape;
        /// The fewest instances an auto-scaling group keeps running.
        min_instances: u32 = "Min instances", Shape;
        /// The most instances an auto-scaling group runs.
        max_instances: u32 = "Max instances", Shape;
        /// The boundary's type in the diagram it came from, kept by importers.
        source_type: String = "Source type", Detail;
    }
);
