//! Capacities of the components the guide gives no tier table for (caches, queues, load
//! balancers, CDN, object storage, search…). Each figure names its source; most are Archway
//! defaults, order-of-magnitude starting points a designer can override with `capacity_qps`.

use crate::model::NodeKind;

/// How a kind's capacity is judged when the node has no guide tier.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KindCapacity {
    /// A fixed rate per instance (or per partition for caches), in requests/operations/messages
    /// per second.
    PerInstance(f64),
    /// Scales with demand when the provider runs it (managed / provider-redundant); a
    /// self-hosted node gets the given per-instance rate.
    ElasticWhenManaged(f64),
    /// Always scales with demand (CDN edges, DNS, object storage): no saturation figure.
    Elastic,
    /// No figure: the capacity is unknown unless `capacity_qps` is set.
    Unknown,
}

/// A kind's capacity rule and where the figure comes from.
#[derive(Clone, Copy, Debug)]
pub struct KindInfo {
    pub kind: NodeKind,
    pub capacity: KindCapacity,
    /// Where the figure comes from.
    pub source: &'static str,
}

use KindCapacity::*;

/// Per-kind capacities. Compute and database tiers come from the guide tables in
/// [`super::tiers`]; these rows cover the rest and nodes without a tier.
#[rustfmt::skip]
pub const KINDS: &[KindInfo] = &[
    KindInfo { kind: NodeKind::Client, capacity: Unknown, source: "callers, not servers" },
    KindInfo { kind: NodeKind::Dns, capacity: Elastic, source: "managed DNS answers from anycast edges (guide 1.4)" },
    KindInfo { kind: NodeKind::Cdn, capacity: Elastic, source: "edge network absorbs load (guide 2.7)" },
    KindInfo { kind: NodeKind::LoadBalancer, capacity: ElasticWhenManaged(50_000.0), source: "managed LBs scale with demand; self-hosted: Archway default 50,000 req/s per instance" },
    KindInfo { kind: NodeKind::ApiGateway, capacity: ElasticWhenManaged(20_000.0), source: "managed gateways scale with demand; self-hosted: Archway default 20,000 req/s per instance" },
    KindInfo { kind: NodeKind::AppServer, capacity: Unknown, source: "pick a tier from the guide's table (3.10)" },
    KindInfo { kind: NodeKind::WebsocketServer, capacity: Unknown, source: "pick a tier from the guide's table (3.10)" },
    KindInfo { kind: NodeKind::Worker, capacity: Unknown, source: "set throughput_per_instance (messages/s)" },
    KindInfo { kind: NodeKind::ServerlessFunction, capacity: Elastic, source: "scales to thousands of concurrent executions (guide Part 6)" },
    KindInfo { kind: NodeKind::BatchJob, capacity: Unknown, source: "offline work, no request rate" },
    KindInfo { kind: NodeKind::Cache, capacity: PerInstance(100_000.0), source: "Archway default: 100,000 ops/s per Redis node (in-memory, guide 2.3 gives no rate)" },
    KindInfo { kind: NodeKind::SqlDb, capacity: Unknown, source: "pick a tier from the guide's table (3.10) or set capacity_qps" },
    KindInfo { kind: NodeKind::NosqlDb, capacity: ElasticWhenManaged(10_000.0), source: "managed tables scale with demand (guide Part 6, DynamoDB); self-hosted: Archway default 10,000 q/s per node" },
    KindInfo { kind: NodeKind::ReadReplica, capacity: Unknown, source: "a replica without a tier takes its primary's tier" },
    KindInfo { kind: NodeKind::Shard, capacity: Unknown, source: "pick a tier from the guide's table (3.10) or set capacity_qps" },
    KindInfo { kind: NodeKind::ObjectStorage, capacity: Elastic, source: "managed object storage scales with demand (guide 2.4, Part 6)" },
    KindInfo { kind: NodeKind::MessageQueue, capacity: ElasticWhenManaged(20_000.0), source: "managed queues scale with demand; self-hosted: Archway default 20,000 msg/s per broker" },
    KindInfo { kind: NodeKind::Stream, capacity: ElasticWhenManaged(100_000.0), source: "managed streams scale with demand; self-hosted: Archway default 100,000 msg/s per broker" },
    KindInfo { kind: NodeKind::SearchIndex, capacity: PerInstance(1_000.0), source: "Archway default: 1,000 q/s per search node" },
    KindInfo { kind: NodeKind::NatGateway, capacity: Elastic, source: "managed egress" },
    KindInfo { kind: NodeKind::Kms, capacity: Elastic, source: "managed key service" },
    KindInfo { kind: NodeKind::InternetGateway, capacity: Elastic, source: "managed internet gateway scales with demand" },
    KindInfo { kind: NodeKind::VpnGateway, capacity: Unknown, source: "a site-to-site link's bandwidth is set by its plan, not a request rate" },
    KindInfo { kind: NodeKind::Firewall, capacity: ElasticWhenManaged(20_000.0), source: "managed firewalls and WAFs scale with demand; self-hosted: Archway default 20,000 req/s per instance" },
    KindInfo { kind: NodeKind::IdentityProvider, capacity: Elastic, source: "managed identity providers scale with sign-ins (guide Part 6, Cognito)" },
    KindInfo { kind: NodeKind::Monitoring, capacity: Elastic, source: "metrics are sampled, not per request" },
    KindInfo { kind: NodeKind::LogAggregation, capacity: Elastic, source: "log shipping is buffered, not per request" },
    KindInfo { kind: NodeKind::DataWarehouse, capacity: Elastic, source: "analytics queries run offline, not on the request path" },
    KindInfo { kind: NodeKind::WorkflowOrchestrator, capacity: ElasticWhenManaged(2_000.0), source: "managed orchestrators scale with demand; self-hosted: Archway default 2,000 workflow steps/s" },
    KindInfo { kind: NodeKind::PubSubTopic, capacity: ElasticWhenManaged(100_000.0), source: "managed topics scale with demand; self-hosted: Archway default 100,000 msg/s per broker" },
    KindInfo { kind: NodeKind::FileSystem, capacity: Unknown, source: "a volume's IOPS depend on its plan" },
    KindInfo { kind: NodeKind::Generic, capacity: Unknown, source: "a generic component has no known capacity" },
    KindInfo { kind: NodeKind::ExternalService, capacity: Unknown, source: "a third party's capacity is not ours to size" },
];

/// For each kind (by `NodeKind as usize`), the position of its first row in [`KINDS`]
/// (`usize::MAX` for a kind with none), so [`info`] is one array read.
const ROW_OF_KIND: [usize; NodeKind::ALL.len()] = {
    let mut rows = [usize::MAX; NodeKind::ALL.len()];
    let mut i = KINDS.len();
    while i > 0 {
        i -= 1;
        rows[KINDS[i].kind as usize] = i;
    }
    rows
};

/// The capacity row of `kind` (the last row, a third party's, for a kind with none).
pub fn info(kind: NodeKind) -> &'static KindInfo {
    KINDS
        .get(ROW_OF_KIND[kind as usize])
        .unwrap_or(&KINDS[KINDS.len() - 1])
}
