//! The catalog of kinds: each node and container kind described once (display name, palette
//! category, description, default properties, applicable properties) for the palette,
//! inspector, exports and importers to share.

use super::kinds::{ContainerKind, NodeKind};
use super::props::{LbLayer, NodeProps, Role};

/// Palette group of a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Clients, DNS, CDN, load balancers, gateways, NAT.
    EdgeNetwork,
    /// Servers, workers, functions, jobs.
    Compute,
    /// Databases, replicas, shards, caches, object storage, search.
    Data,
    /// Queues and streams.
    Messaging,
    /// Key management and third parties.
    Security,
    /// Regions, VPCs, zones and subnets.
    Containers,
}

impl Category {
    /// Every category, in palette order.
    pub const ALL: [Category; 6] = [
        Category::EdgeNetwork,
        Category::Compute,
        Category::Data,
        Category::Messaging,
        Category::Security,
        Category::Containers,
    ];

    /// Heading shown in the palette.
    pub fn label(self) -> &'static str {
        match self {
            Category::EdgeNetwork => "Edge & network",
            Category::Compute => "Compute",
            Category::Data => "Data",
            Category::Messaging => "Messaging",
            Category::Security => "Security & external",
            Category::Containers => "Containers",
        }
    }
}

/// Everything the UI and exporters need to know about a node kind.
#[derive(Clone, Copy, Debug)]
pub struct NodeInfo {
    pub kind: NodeKind,
    /// Name in design files (`load_balancer`).
    pub key: &'static str,
    /// Display name (`Load balancer`).
    pub name: &'static str,
    pub category: Category,
    /// One-line description for tooltips.
    pub description: &'static str,
    /// Typical technologies, from the guide.
    pub typical_tech: &'static str,
}

/// Everything the UI and exporters need to know about a container kind.
#[derive(Clone, Copy, Debug)]
pub struct ContainerInfo {
    pub kind: ContainerKind,
    pub key: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// Default size of a new container on the canvas.
    pub default_size: (f32, f32),
}

const NODES: [NodeInfo; 22] = [
    info(
        NodeKind::Client,
        "client",
        "Client",
        Category::EdgeNetwork,
        "End-user device or outside caller",
        "browser SPA, iOS/Android app, partner server",
    ),
    info(
        NodeKind::Dns,
        "dns",
        "DNS",
        Category::EdgeNetwork,
        "Name resolution, optionally geo-aware",
        "Route 53, Cloudflare DNS",
    ),
    info(
        NodeKind::Cdn,
        "cdn",
        "CDN",
        Category::EdgeNetwork,
        "Edge cache network, optionally with a WAF",
        "Cloudflare, CloudFront, Akamai",
    ),
    info(
        NodeKind::LoadBalancer,
        "load_balancer",
        "Load balancer",
        Category::EdgeNetwork,
        "Spreads requests over a fleet",
        "AWS ALB, Nginx, HAProxy",
    ),
    info(
        NodeKind::ApiGateway,
        "api_gateway",
        "API gateway",
        Category::EdgeNetwork,
        "Single front door: routing, auth, rate limiting",
        "Kong, AWS API Gateway",
    ),
    info(
        NodeKind::AppServer,
        "app_server",
        "App server",
        Category::Compute,
        "Request handlers (REST/GraphQL/gRPC)",
        "Node.js, FastAPI, Go",
    ),
    info(
        NodeKind::WebsocketServer,
        "websocket_server",
        "WebSocket server",
        Category::Compute,
        "Holds persistent client connections",
        "Socket.io-style servers",
    ),
    info(
        NodeKind::Worker,
        "worker",
        "Worker",
        Category::Compute,
        "Background consumer of a queue or stream",
        "any runtime",
    ),
    info(
        NodeKind::ServerlessFunction,
        "serverless_function",
        "Serverless function",
        Category::Compute,
        "Function run on demand",
        "Lambda, Azure Functions, Cloud Functions",
    ),
    info(
        NodeKind::BatchJob,
        "batch_job",
        "Batch job",
        Category::Compute,
        "Scheduled offline job",
        "Spark/MapReduce, Airflow DAG",
    ),
    info(
        NodeKind::Cache,
        "cache",
        "Cache",
        Category::Data,
        "In-memory key-value store",
        "Redis, Memcached",
    ),
    info(
        NodeKind::SqlDb,
        "sql_db",
        "SQL database",
        Category::Data,
        "Relational database (primary, standby or one shard)",
        "PostgreSQL, MySQL, CockroachDB",
    ),
    info(
        NodeKind::NosqlDb,
        "nosql_db",
        "NoSQL database",
        Category::Data,
        "Document, key-value, wide-column or graph store",
        "MongoDB, DynamoDB, Cassandra, Neo4j",
    ),
    info(
        NodeKind::ReadReplica,
        "read_replica",
        "Read replica",
        Category::Data,
        "Read-only copy fed by a replication edge",
        "PostgreSQL streaming replica",
    ),
    info(
        NodeKind::Shard,
        "shard",
        "Shard",
        Category::Data,
        "One partition of a sharded store",
        "PostgreSQL, MySQL",
    ),
    info(
        NodeKind::ObjectStorage,
        "object_storage",
        "Object storage",
        Category::Data,
        "Blob / file store",
        "S3, Azure Blob, GCS",
    ),
    info(
        NodeKind::MessageQueue,
        "message_queue",
        "Message queue",
        Category::Messaging,
        "Queue whose messages are deleted once consumed",
        "SQS, RabbitMQ",
    ),
    info(
        NodeKind::Stream,
        "stream",
        "Stream",
        Category::Messaging,
        "Retained, replayable log read by consumer groups",
        "Kafka, Kinesis",
    ),
    info(
        NodeKind::SearchIndex,
        "search_index",
        "Search index",
        Category::Data,
        "Full-text / inverted index",
        "Elasticsearch, OpenSearch, Meilisearch",
    ),
    info(
        NodeKind::NatGateway,
        "nat_gateway",
        "NAT gateway",
        Category::EdgeNetwork,
        "Outbound-only internet egress for private subnets",
        "NAT gateway",
    ),
    info(
        NodeKind::Kms,
        "kms",
        "Key management",
        Category::Security,
        "Key management service",
        "AWS KMS, Vault, Azure Key Vault",
    ),
    info(
        NodeKind::ExternalService,
        "external_service",
        "External service",
        Category::Security,
        "Third-party API or the public web",
        "Stripe, SendGrid, Twilio, FCM/APNs",
    ),
];

const fn info(
    kind: NodeKind,
    key: &'static str,
    name: &'static str,
    category: Category,
    description: &'static str,
    typical_tech: &'static str,
) -> NodeInfo {
    NodeInfo {
        kind,
        key,
        name,
        category,
        description,
        typical_tech,
    }
}

const CONTAINERS: [ContainerInfo; 5] = [
    ContainerInfo {
        kind: ContainerKind::Region,
        key: "region",
        name: "Region",
        description: "A cloud region; its geography is used for locality checks",
        default_size: (900.0, 600.0),
    },
    ContainerInfo {
        kind: ContainerKind::Vpc,
        key: "vpc",
        name: "VPC",
        description: "An isolated virtual network inside a region",
        default_size: (800.0, 500.0),
    },
    ContainerInfo {
        kind: ContainerKind::AvailabilityZone,
        key: "availability_zone",
        name: "Availability zone",
        description: "An independent data centre inside a region",
        default_size: (380.0, 420.0),
    },
    ContainerInfo {
        kind: ContainerKind::PublicSubnet,
        key: "public_subnet",
        name: "Public subnet",
        description: "Reachable from the internet",
        default_size: (340.0, 160.0),
    },
    ContainerInfo {
        kind: ContainerKind::PrivateSubnet,
        key: "private_subnet",
        name: "Private subnet",
        description: "Not reachable from the internet",
        default_size: (340.0, 200.0),
    },
];

/// The catalog entry of a node kind.
pub fn node_info(kind: NodeKind) -> &'static NodeInfo {
    // NODES is in the same order as NodeKind's declaration.
    &NODES[kind as usize]
}

/// The catalog entry of a container kind.
pub fn container_info(kind: ContainerKind) -> &'static ContainerInfo {
    &CONTAINERS[kind as usize]
}

/// Every node kind's entry, in palette order.
pub fn nodes() -> &'static [NodeInfo] {
    &NODES
}

/// Every container kind's entry, outermost first.
pub fn containers() -> &'static [ContainerInfo] {
    &CONTAINERS
}

/// The node kind whose file key is `key` (`"sql_db"`).
pub fn node_kind_from_key(key: &str) -> Option<NodeKind> {
    NODES.iter().find(|i| i.key == key).map(|i| i.kind)
}

/// The properties a new node of `kind` starts with when placed from the palette: a typical
/// technology and the catalogue's defaults that matter on the canvas. Nothing that would hide a
/// finding (redundancy, encryption) is switched on for the user.
pub fn default_props(kind: NodeKind) -> NodeProps {
    let mut p = NodeProps::default();
    match kind {
        NodeKind::LoadBalancer => {
            p.layer = Some(LbLayer::L7);
        }
        NodeKind::Cache => {
            p.tech = Some("Redis".into());
            p.role = Some(Role::Cache);
        }
        NodeKind::SqlDb => {
            p.tech = Some("PostgreSQL".into());
            p.role = Some(Role::Primary);
        }
        NodeKind::MessageQueue => p.tech = Some("SQS".into()),
        NodeKind::Stream => p.tech = Some("Kafka".into()),
        NodeKind::ObjectStorage => p.tech = Some("S3".into()),
        NodeKind::SearchIndex => p.tech = Some("Elasticsearch".into()),
        _ => {}
    }
    p
}

/// Names of the node properties that apply to `kind` (rules-catalogue §1.4 "applies to"),
/// in [`NodeProps::FIELDS`] order. The inspector shows these; the validator accepts others
/// too (a property that does not apply is ignored by every rule).
pub fn applicable_props(kind: NodeKind) -> Vec<&'static str> {
    NodeProps::FIELDS
        .iter()
        .copied()
        .filter(|f| prop_applies(f, kind))
        .collect()
}

/// Whether property `field` applies to `kind`.
pub fn prop_applies(field: &str, kind: NodeKind) -> bool {
    use NodeKind as K;
    let compute = kind.is_compute();
    let store = kind.is_store();
    let db = matches!(kind, K::SqlDb | K::NosqlDb | K::Shard);
    let infra = !matches!(kind, K::Client | K::ExternalService);
    let queue = kind.is_messaging();
    match field {
        "tech" | "fleet" | "host" => true,
        "service" => compute || store,
        "instances" => {
            compute
                || matches!(
                    kind,
                    K::LoadBalancer | K::ApiGateway | K::Cache | K::SearchIndex
                )
                || queue
        }
        "managed" | "provider_redundant" => infra,
        "az_count" => infra,
        "tier" => matches!(
            kind,
            K::AppServer | K::WebsocketServer | K::Worker | K::SqlDb | K::Shard
        ),
        "capacity_qps" => matches!(kind, K::SqlDb | K::Shard),
        "public_endpoint" => store,
        "public_ip" => compute,
        "vpc_attached" => store,
        "criticality" | "health_endpoint" | "auto_restart" | "autoscale" | "auth_mode"
        | "cookie_contents" | "cookie_signed" | "jwt" | "authz" | "authz_centralized"
        | "resource_by_id" | "query_construction" | "input_validation" | "renders_ugc"
        | "output_encoding" | "csp" | "csrf_protection" | "stores_passwords"
        | "password_hashing" | "ryw_window_s" | "fanout" => {
            compute || (kind == K::ApiGateway && field == "auth_mode")
        }
        "data_classes" | "multi_tenant" => compute || store,
        "throughput_per_instance" | "max_duration_s" => {
            matches!(kind, K::Worker | K::ServerlessFunction)
        }
        "spot" | "robots_txt_check" => kind == K::Worker,
        "platform" | "debounce_ms" | "local_cache" | "heartbeat_s" => kind == K::Client,
        "geo_routing" | "ttl_s" => kind == K::Dns,
        "caches" => kind == K::Cdn,
        "waf" => matches!(kind, K::Cdn | K::LoadBalancer | K::ApiGateway),
        "layer" | "algorithm" | "health_check" | "websocket_support" | "tls_termination" => {
            kind == K::LoadBalancer
        }
        "rate_limit" => compute || matches!(kind, K::Cdn | K::LoadBalancer | K::ApiGateway),
        "session_storage" => matches!(kind, K::AppServer | K::WebsocketServer),
        "serves_static" | "redirect_status" | "top_k" => kind == K::AppServer,
        "idempotent" | "dedupe_key" => compute,
        "relays_client_messages" => kind == K::WebsocketServer,
        "latency_sensitive" | "traffic_pattern" | "volume_rps" => kind == K::ServerlessFunction,
        "role" => !Role::choices(kind).is_empty(),
        "partitioning" => matches!(kind, K::Worker | K::Cache),
        "backs"
        | "eviction_policy"
        | "maxmemory_mb"
        | "default_ttl_s"
        | "ttl_jitter_s"
        | "stampede_protection"
        | "write_strategy"
        | "persistence"
        | "nodes"
        | "replicas"
        | "virtual_nodes" => kind == K::Cache,
        "hot_keys" => store,
        "standby" | "tenant_isolation" => db,
        "failover" => db || kind == K::Cache || store,
        "quorum" | "voting_nodes" => store || compute,
        "replication_factor" => matches!(kind, K::NosqlDb | K::Stream | K::MessageQueue),
        "promotable" => kind == K::ReadReplica,
        "sharding" => db || kind == K::Cache,
        "shard_of" => kind == K::Shard,
        "stores_blobs" => matches!(kind, K::SqlDb | K::NosqlDb),
        "encryption_at_rest" | "key_store" => store,
        "full_text_search" | "write_pattern" | "ts_extension" => kind == K::SqlDb,
        "presigned_urls" | "presign_ttl_s" | "video_ladder" => kind == K::ObjectStorage,
        "dlq" | "max_receive_count" | "delivery" | "bounded" | "max_depth" => queue,
        "visibility_timeout_s"
        | "delivery_mode"
        | "per_domain_rate_limit"
        | "per_domain_limiter"
        | "priority" => kind == K::MessageQueue,
        "category" => kind == K::ExternalService,
        "doc_count" => kind == K::SearchIndex,
        "schedule" => kind == K::BatchJob,
        "data_model" => kind == K::NosqlDb,
        _ => false,
    }
}
