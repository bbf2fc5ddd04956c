//! The catalog of kinds: each node and container kind described once (display name, palette
//! category, description, default properties) for the palette, inspector, exports and
//! importers to share, and which properties apply to a kind (read from each property's entry
//! in [`NodeProps`]).

use super::kinds::{ContainerKind, NodeKind};
use super::props::{LbLayer, NodeProps, PropStruct, Role};

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
    /// Key management, identity, firewalls and third parties.
    Security,
    /// Monitoring, logs, workflow orchestration and generic components.
    Operations,
    /// Regions, VPCs, zones and subnets.
    Containers,
}

impl Category {
    /// Every category, in palette order.
    pub const ALL: [Category; 7] = [
        Category::EdgeNetwork,
        Category::Compute,
        Category::Data,
        Category::Messaging,
        Category::Security,
        Category::Operations,
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
            Category::Operations => "Operations & other",
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

const NODES: [NodeInfo; 33] = [
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
        "Stripe, SendGrid, Twilio, FCM/APNs; managed ML/media APIs (category ml or media)",
    ),
    info(
        NodeKind::InternetGateway,
        "internet_gateway",
        "Internet gateway",
        Category::EdgeNetwork,
        "Where a VPC meets the internet (inbound and outbound)",
        "AWS Internet Gateway, Azure public IP, GCP default route",
    ),
    info(
        NodeKind::VpnGateway,
        "vpn_gateway",
        "VPN / transit gateway",
        Category::EdgeNetwork,
        "Site-to-site link between networks (cloud and on-premises)",
        "AWS VPN/Transit Gateway, Direct Connect, Azure VPN Gateway, Cloud VPN",
    ),
    info(
        NodeKind::Firewall,
        "firewall",
        "Firewall / WAF",
        Category::Security,
        "Filters traffic by rule before it reaches the system",
        "AWS WAF, Network Firewall, Cloud Armor, Azure Firewall, pfSense",
    ),
    info(
        NodeKind::IdentityProvider,
        "identity_provider",
        "Identity provider",
        Category::Security,
        "Signs users in and issues tokens",
        "Cognito, Auth0, Keycloak, Entra ID, Okta",
    ),
    info(
        NodeKind::Monitoring,
        "monitoring",
        "Monitoring / metrics",
        Category::Operations,
        "Collects metrics and raises alerts",
        "Prometheus, CloudWatch, Grafana, Datadog",
    ),
    info(
        NodeKind::LogAggregation,
        "log_aggregation",
        "Log aggregation",
        Category::Operations,
        "Collects and indexes logs from every component",
        "Fluentd, ELK, Loki, CloudWatch Logs",
    ),
    info(
        NodeKind::DataWarehouse,
        "data_warehouse",
        "Data warehouse",
        Category::Data,
        "Columnar store for analytics over large history",
        "BigQuery, Redshift, Snowflake, Synapse",
    ),
    info(
        NodeKind::WorkflowOrchestrator,
        "workflow_orchestrator",
        "Workflow orchestrator",
        Category::Operations,
        "Runs multi-step workflows: calls steps, retries, waits",
        "Step Functions, Airflow, Temporal, Logic Apps",
    ),
    info(
        NodeKind::PubSubTopic,
        "pubsub_topic",
        "Pub/sub topic",
        Category::Messaging,
        "Topic or exchange: every subscriber gets every message",
        "SNS, Google Pub/Sub, RabbitMQ fanout exchange, EventBridge",
    ),
    info(
        NodeKind::FileSystem,
        "file_system",
        "File system / volume",
        Category::Data,
        "Mounted disk or shared file system",
        "EBS, EFS, NFS, Azure Files, local disk",
    ),
    info(
        NodeKind::Generic,
        "generic",
        "Component",
        Category::Operations,
        "Any other component; keeps its source type and icon name",
        "anything Archway has no kind for",
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

const CONTAINERS: [ContainerInfo; 9] = [
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
    ContainerInfo {
        kind: ContainerKind::CloudAccount,
        key: "cloud_account",
        name: "Cloud account",
        description: "An AWS account, GCP project or Azure subscription: the provider boundary",
        default_size: (1000.0, 700.0),
    },
    ContainerInfo {
        kind: ContainerKind::OnPremDataCenter,
        key: "on_prem_data_center",
        name: "On-premises data centre",
        description: "Your own data centre: a private network, like a VPC",
        default_size: (700.0, 450.0),
    },
    ContainerInfo {
        kind: ContainerKind::AutoScalingGroup,
        key: "auto_scaling_group",
        name: "Auto-scaling group",
        description: "Its members are one fleet of at least its minimum instances",
        default_size: (300.0, 160.0),
    },
    ContainerInfo {
        kind: ContainerKind::Group,
        key: "group",
        name: "Group",
        description: "A plain grouping (a boundary, a team, a layer); no meaning for the rules",
        default_size: (400.0, 300.0),
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

/// Every container kind's entry, in declaration order (use [`ContainerKind::ALL`] for
/// outermost first).
pub fn containers() -> &'static [ContainerInfo] {
    &CONTAINERS
}

/// The node kind whose file key is `key` (`"sql_db"`).
pub fn node_kind_from_key(key: &str) -> Option<NodeKind> {
    NODES.iter().find(|i| i.key == key).map(|i| i.kind)
}

/// The properties a new node of `kind` starts with when placed from the palette: a typical
/// technology and the defaults that matter on the canvas (an L7 balancer, a cache's role). Nothing that would hide a
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
        NodeKind::PubSubTopic => p.tech = Some("SNS".into()),
        NodeKind::DataWarehouse => p.tech = Some("BigQuery".into()),
        NodeKind::Monitoring => p.tech = Some("Prometheus".into()),
        _ => {}
    }
    p
}

/// Names of the node properties that apply to `kind`, in [`NodeProps::FIELDS`] order (each
/// property's entry in [`NodeProps`] lists the kinds it applies to). The inspector shows these;
/// the validator accepts others too (a property that does not apply is ignored by every rule).
pub fn applicable_props(kind: NodeKind) -> Vec<&'static str> {
    NodeProps::PROPS
        .iter()
        .filter(|p| p.applies(kind))
        .map(|p| p.name)
        .collect()
}

/// Whether property `field` applies to `kind` (false for a name that is no node property).
pub fn prop_applies(field: &str, kind: NodeKind) -> bool {
    NodeProps::prop(field).is_some_and(|p| p.applies(kind))
}

impl NodeKind {
    /// The name used in design files and rule ids (`load_balancer`).
    pub fn key(self) -> &'static str {
        node_info(self).key
    }
}

impl ContainerKind {
    /// The name used in design files (`public_subnet`).
    pub fn key(self) -> &'static str {
        container_info(self).key
    }
}
