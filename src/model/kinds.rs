//! The kinds of nodes, containers and edges, and edge protocols: the building blocks of guide §2
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
}

impl NodeKind {
    /// Every node kind, in palette order.
    pub const ALL: [NodeKind; 22] = [
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
    ];

    /// Whether the kind runs code (`compute` in rule texts): app/websocket servers, workers,
    /// functions, batch jobs.
    pub fn is_compute(self) -> bool {
        matches!(
            self,
            NodeKind::AppServer
                | NodeKind::WebsocketServer
                | NodeKind::Worker
                | NodeKind::ServerlessFunction
                | NodeKind::BatchJob
        )
    }

    /// Whether the kind holds data (`store` in rule texts): databases, replicas, shards, caches,
    /// search, buckets, queues and streams.
    pub fn is_store(self) -> bool {
        matches!(
            self,
            NodeKind::SqlDb
                | NodeKind::NosqlDb
                | NodeKind::ReadReplica
                | NodeKind::Shard
                | NodeKind::Cache
                | NodeKind::SearchIndex
                | NodeKind::ObjectStorage
                | NodeKind::MessageQueue
                | NodeKind::Stream
        )
    }

    /// A database in the narrow sense: SQL, NoSQL, read replica or shard.
    pub fn is_database(self) -> bool {
        matches!(
            self,
            NodeKind::SqlDb | NodeKind::NosqlDb | NodeKind::ReadReplica | NodeKind::Shard
        )
    }

    /// A queue or a stream.
    pub fn is_messaging(self) -> bool {
        matches!(self, NodeKind::MessageQueue | NodeKind::Stream)
    }
}

/// A grouping rectangle: a region, VPC, availability zone, subnet… (guide §2.9, §3.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContainerKind {
    Region,
    Vpc,
    AvailabilityZone,
    PublicSubnet,
    PrivateSubnet,
}

impl ContainerKind {
    /// Every container kind, outermost first.
    pub const ALL: [ContainerKind; 5] = [
        ContainerKind::Region,
        ContainerKind::Vpc,
        ContainerKind::AvailabilityZone,
        ContainerKind::PublicSubnet,
        ContainerKind::PrivateSubnet,
    ];
}

/// How a connection behaves: a request that waits for its answer, a message, replication…
/// (guide §3.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    SyncRequest,
    AsyncMessage,
    Replication,
    Read,
    Write,
}

impl EdgeKind {
    /// Every edge kind.
    pub const ALL: [EdgeKind; 5] = [
        EdgeKind::SyncRequest,
        EdgeKind::AsyncMessage,
        EdgeKind::Replication,
        EdgeKind::Read,
        EdgeKind::Write,
    ];

    /// The name used in design files (`sync_request`).
    pub fn key(self) -> &'static str {
        match self {
            EdgeKind::SyncRequest => "sync_request",
            EdgeKind::AsyncMessage => "async_message",
            EdgeKind::Replication => "replication",
            EdgeKind::Read => "read",
            EdgeKind::Write => "write",
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
