//! The kinds of nodes, containers and edges, edge protocols and sets of node kinds: the building blocks of guide §2
//! and the ways they talk (guide §1.2, §3.7).

use serde::{Deserialize, Serialize};

/// What a node stands for: one of the building blocks of guide §2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Client,
    Dns,
    Cdn,
    LoadBalancer,
    ApiGateway,
    AppServer,
    WebsocketServer,
    Worker,
    ServerlessFunction,
    BatchJob,
    Cache,
    SqlDb,
    NosqlDb,
    ReadReplica,
    Shard,
    ObjectStorage,
    MessageQueue,
    Stream,
    SearchIndex,
    NatGateway,
    Kms,
    ExternalService,
    InternetGateway,
    VpnGateway,
    Firewall,
    IdentityProvider,
    Monitoring,
    LogAggregation,
    DataWarehouse,
    WorkflowOrchestrator,
    /// A topic or exchange: every subscriber gets every message.
    #[serde(rename = "pubsub_topic")]
    PubSubTopic,
    FileSystem,
    /// A shape no other kind fits (an importer's unknown icon, a product Archway does not
    /// model): drawn and connected, keeps its `source_type` and `icon`, and ignored by every
    /// rule that needs a known kind.
    Generic,
}

impl NodeKind {
    /// Every node kind, in palette order.
    pub const ALL: [NodeKind; 33] = [
        NodeKind::Client,
        NodeKind::Dns,
        NodeKind::Cdn,
        NodeKind::LoadBalancer,
        NodeKind::ApiGateway,
        NodeKind::AppServer,
        NodeKind::WebsocketServer,
        NodeKind::Worker,
        NodeKind::ServerlessFunction,
        NodeKind::BatchJob,
        NodeKind::Cache,
        NodeKind::SqlDb,
        NodeKind::NosqlDb,
        NodeKind::ReadReplica,
        NodeKind::Shard,
        NodeKind::ObjectStorage,
        NodeKind::MessageQueue,
        NodeKind::Stream,
        NodeKind::SearchIndex,
        NodeKind::NatGateway,
        NodeKind::Kms,
        NodeKind::ExternalService,
        NodeKind::InternetGateway,
        NodeKind::VpnGateway,
        NodeKind::Firewall,
        NodeKind::IdentityProvider,
        NodeKind::Monitoring,
        NodeKind::LogAggregation,
        NodeKind::DataWarehouse,
        NodeKind::WorkflowOrchestrator,
        NodeKind::PubSubTopic,
        NodeKind::FileSystem,
        NodeKind::Generic,
    ];

    /// App and websocket servers, workers, serverless functions and batch jobs.
    pub const fn is_compute(self) -> bool {
        KindSet::COMPUTE.contains(self)
    }

    /// Anything that keeps data: databases, replicas, shards, caches, search indexes, object
    /// storage, queues and streams.
    pub const fn is_store(self) -> bool {
        KindSet::STORE.contains(self)
    }

    /// A database in the narrow sense: SQL, NoSQL, read replica or shard.
    pub const fn is_database(self) -> bool {
        KindSet::DATABASE.contains(self)
    }

    /// A queue, a stream or a pub/sub topic.
    pub const fn is_messaging(self) -> bool {
        KindSet::MESSAGING.contains(self)
    }

    /// A network device that can hold a public address: load balancers, API, internet, NAT
    /// and VPN gateways, firewalls (guide §2.9).
    pub const fn is_network(self) -> bool {
        KindSet::NETWORK.contains(self)
    }

    /// The generic component: a shape no other kind fits. Rules that need a known kind skip
    /// it (they select kinds by set, and it is in none).
    pub const fn is_generic(self) -> bool {
        matches!(self, NodeKind::Generic)
    }
}

/// A set of node kinds, usable in constants (the kinds a property applies to, guide Part 2's
/// building blocks grouped by what they do).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KindSet(u64);

// One bit per kind.
const _: () = assert!(NodeKind::ALL.len() <= u64::BITS as usize);

impl KindSet {
    /// No kind.
    pub const EMPTY: KindSet = KindSet(0);
    /// Every kind.
    pub const ALL: KindSet = KindSet::of(&NodeKind::ALL);
    /// App and websocket servers, workers, serverless functions and batch jobs.
    pub const COMPUTE: KindSet = KindSet::of(&[
        NodeKind::AppServer,
        NodeKind::WebsocketServer,
        NodeKind::Worker,
        NodeKind::ServerlessFunction,
        NodeKind::BatchJob,
    ]);
    /// Anything that keeps data: databases, replicas, shards, caches, search indexes, object
    /// storage, file systems, data warehouses, queues and streams. A pub/sub topic is not one:
    /// it forwards each message to its subscribers and keeps nothing for a reader.
    pub const STORE: KindSet = KindSet::DATABASE
        .or(KindSet::MESSAGING)
        .with(&[
            NodeKind::Cache,
            NodeKind::SearchIndex,
            NodeKind::ObjectStorage,
            NodeKind::FileSystem,
            NodeKind::DataWarehouse,
        ])
        .without(&[NodeKind::PubSubTopic]);
    /// SQL, NoSQL, read replicas and shards.
    pub const DATABASE: KindSet = KindSet::of(&[
        NodeKind::SqlDb,
        NodeKind::NosqlDb,
        NodeKind::ReadReplica,
        NodeKind::Shard,
    ]);
    /// Queues, streams and pub/sub topics (a topic gives every subscriber every message; a
    /// queue gives each message to one consumer, guide §2.8).
    pub const MESSAGING: KindSet = KindSet::of(&[
        NodeKind::MessageQueue,
        NodeKind::Stream,
        NodeKind::PubSubTopic,
    ]);
    /// Network devices that can hold a public address (guide §2.9).
    pub const NETWORK: KindSet = KindSet::of(&[
        NodeKind::LoadBalancer,
        NodeKind::ApiGateway,
        NodeKind::NatGateway,
        NodeKind::InternetGateway,
        NodeKind::VpnGateway,
        NodeKind::Firewall,
    ]);

    /// Exactly `kinds`.
    pub const fn of(kinds: &[NodeKind]) -> KindSet {
        KindSet::EMPTY.with(kinds)
    }

    /// Both sets together.
    pub const fn or(self, other: KindSet) -> KindSet {
        KindSet(self.0 | other.0)
    }

    /// This set and `kinds`.
    pub const fn with(self, kinds: &[NodeKind]) -> KindSet {
        let mut bits = self.0;
        let mut i = 0;
        while i < kinds.len() {
            bits |= 1 << kinds[i] as u64;
            i += 1;
        }
        KindSet(bits)
    }

    /// This set without `kinds`.
    pub const fn without(self, kinds: &[NodeKind]) -> KindSet {
        KindSet(self.0 & !KindSet::of(kinds).0)
    }

    /// Whether `kind` is in the set.
    pub const fn contains(self, kind: NodeKind) -> bool {
        self.0 & (1 << kind as u64) != 0
    }

    /// Whether the set has no kind.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds in the set, in palette order.
    pub fn iter(self) -> impl Iterator<Item = NodeKind> {
        NodeKind::ALL.into_iter().filter(move |k| self.contains(*k))
    }
}

impl std::fmt::Debug for KindSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// A grouping rectangle: a region or availability zone (guide §3.6), a VPC or a subnet (guide
/// §2.9), a cloud account, an on-premises data centre, an auto-scaling group or a plain group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContainerKind {
    Region,
    Vpc,
    AvailabilityZone,
    PublicSubnet,
    PrivateSubnet,
    /// A cloud account, project or subscription: the provider boundary.
    CloudAccount,
    /// An on-premises data centre: a private network, like a VPC.
    OnPremDataCenter,
    /// An auto-scaling group: its members are one fleet of at least its `min_instances`.
    AutoScalingGroup,
    /// A plain group with no meaning for the rules (a C4 boundary, a team, a layer).
    Group,
}

impl ContainerKind {
    /// Every container kind, outermost first.
    pub const ALL: [ContainerKind; 9] = [
        ContainerKind::CloudAccount,
        ContainerKind::Region,
        ContainerKind::OnPremDataCenter,
        ContainerKind::Vpc,
        ContainerKind::AvailabilityZone,
        ContainerKind::PublicSubnet,
        ContainerKind::PrivateSubnet,
        ContainerKind::AutoScalingGroup,
        ContainerKind::Group,
    ];

    /// Whether the container is a private network: a VPC or an on-premises data centre. Two
    /// nodes inside private networks talk without crossing the internet, and placement rules
    /// (a database in a public place, traffic that bypasses the load balancer) treat both alike
    /// (guide §2.9).
    pub const fn is_private_network(self) -> bool {
        matches!(self, ContainerKind::Vpc | ContainerKind::OnPremDataCenter)
    }
}

/// How a connection behaves: a synchronous call, an asynchronous message, replication, a read
/// or a write (guide §3.7 for sync vs async).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    SyncRequest,
    AsyncMessage,
    Replication,
    Read,
    Write,
    /// An event source invoking a consumer: an upload to object storage, a message on a queue or
    /// stream, or a database change starts a function or worker (guide §2.8). Asynchronous:
    /// the source does not wait; retries and a dead-letter target are the edge's own `retry`
    /// and `dlq`.
    EventTrigger,
}

impl EdgeKind {
    /// Every edge kind.
    pub const ALL: [EdgeKind; 6] = [
        EdgeKind::SyncRequest,
        EdgeKind::AsyncMessage,
        EdgeKind::Replication,
        EdgeKind::Read,
        EdgeKind::Write,
        EdgeKind::EventTrigger,
    ];

    /// Whether the caller does not wait for the work: async messages and event triggers.
    pub const fn is_async(self) -> bool {
        matches!(self, EdgeKind::AsyncMessage | EdgeKind::EventTrigger)
    }

    /// The name used in design files (`sync_request`).
    pub fn key(self) -> &'static str {
        match self {
            EdgeKind::SyncRequest => "sync_request",
            EdgeKind::AsyncMessage => "async_message",
            EdgeKind::Replication => "replication",
            EdgeKind::Read => "read",
            EdgeKind::Write => "write",
            EdgeKind::EventTrigger => "event_trigger",
        }
    }

    /// One-line description for tooltips and the inspector.
    pub fn description(self) -> &'static str {
        match self {
            EdgeKind::SyncRequest => "A call whose caller waits for the answer",
            EdgeKind::AsyncMessage => "A message left on a queue, stream or topic; nobody waits",
            EdgeKind::Replication => "A store copying its writes to a replica or standby",
            EdgeKind::Read => "Reads from a store",
            EdgeKind::Write => "Writes to a store",
            EdgeKind::EventTrigger => {
                "An event (upload, message, database change) that invokes a function or worker"
            }
        }
    }

    /// Human label (`sync request`).
    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::SyncRequest => "sync request",
            EdgeKind::AsyncMessage => "async message",
            EdgeKind::Replication => "replication",
            EdgeKind::Read => "read",
            EdgeKind::Write => "write",
            EdgeKind::EventTrigger => "event trigger",
        }
    }
}

/// Wire protocol of an edge (guide §1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Protocol {
    #[serde(rename = "HTTP")]
    Http,
    #[serde(rename = "HTTPS")]
    Https,
    #[serde(rename = "gRPC")]
    Grpc,
    #[serde(rename = "WebSocket")]
    WebSocket,
    #[serde(rename = "TCP")]
    Tcp,
    #[serde(rename = "UDP")]
    Udp,
}

impl Protocol {
    /// Every protocol.
    pub const ALL: [Protocol; 6] = [
        Protocol::Http,
        Protocol::Https,
        Protocol::Grpc,
        Protocol::WebSocket,
        Protocol::Tcp,
        Protocol::Udp,
    ];

    /// The name as written in files and on the canvas (`HTTPS`, `gRPC`).
    pub fn label(self) -> &'static str {
        match self {
            Protocol::Http => "HTTP",
            Protocol::Https => "HTTPS",
            Protocol::Grpc => "gRPC",
            Protocol::WebSocket => "WebSocket",
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
        }
    }
}
