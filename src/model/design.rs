//! The design document: metadata, workload, containers, nodes, edges and suppressions.

use super::ids::{ContainerId, EdgeId, NodeId};
use super::kinds::{ContainerKind, EdgeKind, NodeKind, Protocol};
use super::props::{ContainerProps, EdgeProps, Environment, NodeProps, Provider};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The file format version this build writes.
pub const CURRENT_VERSION: u32 = 1;

/// A point on the canvas, in canvas units. Saved rounded to whole units so files diff cleanly.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pos {
    pub x: f32,
    pub y: f32,
}

impl Pos {
    /// A point.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

impl Serialize for Pos {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (round_unit(self.x), round_unit(self.y)).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Pos {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (x, y) = <(f64, f64)>::deserialize(d)?;
        Ok(Pos::new(x as f32, y as f32))
    }
}

/// An axis-aligned rectangle on the canvas: top-left corner and size. Saved rounded.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    /// Whether `p` lies inside (edges included).
    pub fn contains(&self, p: Pos) -> bool {
        p.x >= self.x && p.x <= self.x + self.w && p.y >= self.y && p.y <= self.y + self.h
    }

    /// Whether `other` lies wholly inside this rectangle.
    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.w <= self.x + self.w
            && other.y + other.h <= self.y + self.h
    }
}

impl Serialize for Rect {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (
            round_unit(self.x),
            round_unit(self.y),
            round_unit(self.w),
            round_unit(self.h),
        )
            .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Rect {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (x, y, w, h) = <(f64, f64, f64, f64)>::deserialize(d)?;
        Ok(Rect::new(x as f32, y as f32, w as f32, h as f32))
    }
}

/// Rounds a canvas coordinate to a whole unit for saving (NaN and infinities become 0).
fn round_unit(v: f32) -> i64 {
    if v.is_finite() {
        (v.round() as i64).clamp(-1_000_000_000, 1_000_000_000)
    } else {
        0
    }
}

/// Title, description and notes of a design.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Metadata {
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// Which rules a review runs: `sketch` judges only the shape of a design, `production` every
/// rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewLevel {
    Sketch,
    #[default]
    Production,
}

/// A component on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: NodeId,
    pub kind: NodeKind,
    /// Text shown on the canvas; empty means the catalog's display name for the kind.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Top-left corner on the canvas.
    pub pos: Pos,
    /// Innermost container the node is drawn in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<ContainerId>,
    #[serde(default, skip_serializing_if = "NodeProps::is_empty")]
    pub props: NodeProps,
}

impl Node {
    /// A node of `kind` at `pos` with no properties set.
    pub fn new(id: impl Into<String>, kind: NodeKind, pos: Pos) -> Self {
        Self {
            id: NodeId(id.into()),
            kind,
            label: String::new(),
            pos,
            container: None,
            props: NodeProps::default(),
        }
    }

    /// The label to show: the node's own, or the kind's display name.
    pub fn display_label(&self) -> &str {
        if self.label.is_empty() {
            super::catalog::node_info(self.kind).name
        } else {
            &self.label
        }
    }

    /// Whether the node is marked `managed` (run by the cloud provider).
    pub fn is_managed(&self) -> bool {
        self.props.managed == Some(true)
    }

    /// Whether the provider health-checks this node's targets whatever the design says: a
    /// managed cloud load balancer always does (guide §2.2).
    pub fn always_health_checked(&self) -> bool {
        self.kind == NodeKind::LoadBalancer && self.is_managed()
    }

    /// Whether the provider runs this node across availability zones whatever the design
    /// says (guide §3.6): a managed load balancer, API gateway, CDN, DNS, internet gateway,
    /// identity provider, queue, topic, object store, warehouse, monitoring, log store,
    /// orchestrator or serverless function. A NAT gateway is not: it lives in one zone.
    pub fn multi_az_by_default(&self) -> bool {
        use NodeKind as K;
        self.is_managed()
            && matches!(
                self.kind,
                K::LoadBalancer
                    | K::ApiGateway
                    | K::Cdn
                    | K::Dns
                    | K::InternetGateway
                    | K::IdentityProvider
                    | K::MessageQueue
                    | K::PubSubTopic
                    | K::ObjectStorage
                    | K::DataWarehouse
                    | K::Monitoring
                    | K::LogAggregation
                    | K::WorkflowOrchestrator
                    | K::ServerlessFunction
            )
    }

    /// Whether this store's data is encrypted at rest whatever the design says: DynamoDB and
    /// S3 encrypt every object by default, and every GCP and Azure store does (guide §3.12).
    /// `provider` is the node's provider ([`crate::model::Design::provider`] or its
    /// container's); the technology is recognised by family, case-insensitively.
    pub fn encrypted_at_rest_by_default(&self, provider: Option<Provider>) -> bool {
        if !(self.kind.is_store() || self.kind == NodeKind::FileSystem) {
            return false;
        }
        if matches!(provider, Some(Provider::Gcp | Provider::Azure)) {
            return true;
        }
        const ALWAYS: [&str; 10] = [
            "dynamodb",
            "s3",
            "bigquery",
            "gcs",
            "firestore",
            "bigtable",
            "spanner",
            "cosmos",
            "cosmosdb",
            "azure",
        ];
        self.tech_names(&ALWAYS)
            || self
                .props
                .tech
                .as_deref()
                .is_some_and(|t| t.to_ascii_lowercase().contains("cloud storage"))
    }

    /// Whether the provider keeps copies of this database in several zones whatever the design
    /// says: a managed DynamoDB, Cosmos DB, Firestore, Bigtable or Spanner store has no single
    /// machine to lose (guide §3.6: the failure a standby guards against).
    pub fn replicated_by_provider(&self) -> bool {
        const REPLICATED: [&str; 6] = [
            "dynamodb",
            "cosmos",
            "cosmosdb",
            "firestore",
            "bigtable",
            "spanner",
        ];
        self.is_managed() && self.kind.is_database() && self.tech_names(&REPLICATED)
    }

    /// Whether the node's `tech` names one of `words` (lower case) as a word of its own,
    /// case-insensitively.
    fn tech_names(&self, words: &[&str]) -> bool {
        self.props.tech.as_deref().is_some_and(|tech| {
            tech.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| words.iter().any(|w| word.eq_ignore_ascii_case(w)))
        })
    }
}

/// A connection between two nodes. Either end may name a container instead of a node, meaning
/// "any member" (a call to an auto-scaling group, a trigger into a group of workers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    pub id: EdgeId,
    /// The node (or container) the edge starts at.
    pub from: NodeId,
    /// The node (or container) the edge ends at.
    pub to: NodeId,
    pub kind: EdgeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "EdgeProps::is_empty")]
    pub props: EdgeProps,
}

impl Edge {
    /// An edge with no properties set.
    pub fn new(
        id: impl Into<String>,
        from: impl Into<String>,
        to: impl Into<String>,
        kind: EdgeKind,
        protocol: Option<Protocol>,
    ) -> Self {
        Self {
            id: EdgeId(id.into()),
            from: NodeId(from.into()),
            to: NodeId(to.into()),
            kind,
            protocol,
            label: String::new(),
            props: EdgeProps::default(),
        }
    }

    /// Whether the link is encrypted: HTTPS always, otherwise the `tls` flag [false].
    pub fn is_encrypted(&self) -> bool {
        self.protocol == Some(Protocol::Https) || self.props.tls == Some(true)
    }
}

/// A region, VPC, availability zone, subnet, cloud account, data centre, auto-scaling group or
/// group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Container {
    pub id: ContainerId,
    pub kind: ContainerKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Position and size on the canvas.
    pub rect: Rect,
    /// The container this one sits in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ContainerId>,
    /// Geography of a region (`NA`, `EU`, `ASIA`…), used by GEO-NO-LOCALITY.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<String>,
    #[serde(default, skip_serializing_if = "ContainerProps::is_empty")]
    pub props: ContainerProps,
}

impl Container {
    /// The label to show: the container's own, or its id.
    pub fn display_label(&self) -> &str {
        if self.label.is_empty() {
            self.id.as_str()
        } else {
            &self.label
        }
    }
}

/// Overrides of the tunable rule parameters. Unset fields take the defaults in
/// [`Thresholds::resolved`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_heavy_ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fanout_threshold: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fts_doc_threshold: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chunk_threshold_mb: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jwt_max_access_min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sls_latency_budget_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sls_max_duration_s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub premature_shard_write_qps: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heavy_db_qps: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steady_volume_rps: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_chain_max_hops: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_fanout_max: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slow_dependency_ms: Option<f64>,
}

/// The tunable parameters with every default filled in. This is the one place the defaults live.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedThresholds {
    /// Reads per write at which a workload counts as read-heavy [9, i.e. ≥ 90 % reads].
    pub read_heavy_ratio: f64,
    /// Audience size above which fan-out-on-write is a problem [100].
    pub fanout_threshold: u64,
    /// Document count above which database full-text search stops scaling [10,000,000].
    pub fts_doc_threshold: u64,
    /// File size above which uploads must be chunked, in MB [4].
    pub chunk_threshold_mb: f64,
    /// Longest acceptable JWT access-token lifetime, in minutes [15].
    pub jwt_max_access_min: f64,
    /// Latency budget a serverless cold start must fit in, in ms [2,000].
    pub sls_latency_budget_ms: f64,
    /// Longest job a serverless function can run, in seconds [900].
    pub sls_max_duration_s: f64,
    /// Write rate below which sharding is premature, in q/s [40,000].
    pub premature_shard_write_qps: f64,
    /// Query rate that makes a database "heavy", in q/s [15,000].
    pub heavy_db_qps: f64,
    /// Steady request rate above which serverless costs more than servers [unset: disabled].
    pub steady_volume_rps: Option<f64>,
    /// Longest chain of synchronous service-to-service calls a user request may wait on [3].
    pub sync_chain_max_hops: u32,
    /// Most internal services one request handler may call synchronously [3].
    pub sync_fanout_max: u32,
    /// Stated latency (`latency_ms`) at which a dependency is too slow for a user request to
    /// wait on, in ms [200: the guide's LinkPulse trending page before its cache].
    pub slow_dependency_ms: f64,
}

impl Thresholds {
    /// The thresholds with defaults applied.
    pub fn resolved(&self) -> ResolvedThresholds {
        ResolvedThresholds {
            read_heavy_ratio: self.read_heavy_ratio.unwrap_or(9.0),
            fanout_threshold: self.fanout_threshold.unwrap_or(100),
            fts_doc_threshold: self.fts_doc_threshold.unwrap_or(10_000_000),
            chunk_threshold_mb: self.chunk_threshold_mb.unwrap_or(4.0),
            jwt_max_access_min: self.jwt_max_access_min.unwrap_or(15.0),
            sls_latency_budget_ms: self.sls_latency_budget_ms.unwrap_or(2_000.0),
            sls_max_duration_s: self.sls_max_duration_s.unwrap_or(900.0),
            premature_shard_write_qps: self.premature_shard_write_qps.unwrap_or(40_000.0),
            heavy_db_qps: self.heavy_db_qps.unwrap_or(15_000.0),
            steady_volume_rps: self.steady_volume_rps,
            sync_chain_max_hops: self.sync_chain_max_hops.unwrap_or(3),
            sync_fanout_max: self.sync_fanout_max.unwrap_or(3),
            slow_dependency_ms: self.slow_dependency_ms.unwrap_or(200.0),
        }
    }
}

/// Design-level workload figures: what the rules and the capacity estimator read (guide §3.10).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Workload {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<Environment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_target_pct: Option<f64>,
    /// Daily active users.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dau: Option<u64>,
    /// Users online at the peak moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrent_peak: Option<u64>,
    /// Peak rate over the daily average rate (estimator input) [estimator default].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_factor: Option<f64>,
    /// Requests each active user makes per day (estimator input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests_per_user_per_day: Option<f64>,
    /// Reads per write (100 means 100:1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_write_ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_qps: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_qps: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_rps: Option<f64>,
    /// Average request payload, KB (estimator input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_kb: Option<f64>,
    /// Average response payload, KB (estimator input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_kb: Option<f64>,
    /// Share of cache reads that hit, 0–1 (estimator input) [estimator default].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_hit_ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_target_ms: Option<f64>,
    /// Geographies where users are (`NA`, `EU`, `ASIA`…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_geos: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multi_tenant: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zero_trust: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_followers: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_group_size: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hot_keys: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_file_size_mb: Option<f64>,
    /// The deadline every remote call gets unless its edge states its own, in ms (a client
    /// library's or a service mesh's default). With it, no call counts as unbounded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_timeout_ms: Option<u32>,
    #[serde(skip_serializing_if = "Thresholds::is_default")]
    pub thresholds: Thresholds,
}

impl Thresholds {
    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl Workload {
    /// Whether no workload figure is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// An accepted finding: the rule, optionally one node or edge it applies to, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// Rule id, e.g. `SPOF-DB`.
    pub rule: String,
    /// Node or edge id; `None` suppresses the rule everywhere in the design.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Why the finding is accepted. Required: an empty reason is itself reported.
    #[serde(default)]
    pub reason: String,
}

/// A whole system design, as saved in a `.archway.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// File format version ([`CURRENT_VERSION`]).
    pub version: u32,
    #[serde(default)]
    pub metadata: Metadata,
    #[serde(default)]
    pub review_level: ReviewLevel,
    /// Who runs the infrastructure, unless a container says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Provider>,
    #[serde(default, skip_serializing_if = "Workload::is_empty")]
    pub workload: Workload,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub containers: Vec<Container>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edges: Vec<Edge>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
}

impl Default for Design {
    fn default() -> Self {
        Self::empty("Untitled design")
    }
}

impl Design {
    /// A new empty design: current version, `sketch` review level.
    pub fn empty(title: &str) -> Self {
        Self {
            version: CURRENT_VERSION,
            metadata: Metadata {
                title: title.to_owned(),
                ..Metadata::default()
            },
            review_level: ReviewLevel::Sketch,
            provider: None,
            workload: Workload::default(),
            containers: Vec::new(),
            nodes: Vec::new(),
            edges: Vec::new(),
            suppressions: Vec::new(),
        }
    }

    /// The node with this id (linear scan; use [`crate::index::Index`] for repeated lookups).
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id.as_str() == id)
    }

    /// The edge with this id (linear scan).
    pub fn edge(&self, id: &str) -> Option<&Edge> {
        self.edges.iter().find(|e| e.id.as_str() == id)
    }

    /// The container with this id (linear scan).
    pub fn container(&self, id: &str) -> Option<&Container> {
        self.containers.iter().find(|c| c.id.as_str() == id)
    }

    /// Whether any node, edge or container already uses `id`.
    pub fn id_taken(&self, id: &str) -> bool {
        self.node(id).is_some() || self.edge(id).is_some() || self.container(id).is_some()
    }

    /// A fresh readable id derived from `text` (`"URL Cache"` → `url_cache`, `url_cache_2`…).
    pub fn fresh_id(&self, text: &str) -> String {
        super::ids::unique_id(&super::ids::slug(text), |c| self.id_taken(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules walk every node and edge many times over, so the critique at 10,000 nodes is as
    /// fast as these are small (issue #3: Node was 1,056 bytes, Edge 472, NodeProps 968,
    /// EdgeProps 368; the grouped settings such as `rate_limit` are now boxed). Issue #14 added
    /// 16 bytes to each node (`autoscale_min`, `access`, the boxed `origin`) and 8 to each edge (the
    /// boxed `trigger`), and 8 to each node for `default_timeout_ms`; the imported
    /// shape's strings and an event trigger's settings are boxed for the same reason. A stated
    /// `monthly_cost` and `latency_ms` added 40 bytes to each node.
    #[test]
    fn node_stays_small() {
        let sizes = [
            ("Node", size_of::<Node>(), 840),
            ("NodeProps", size_of::<NodeProps>(), 752),
            ("Edge", size_of::<Edge>(), 440),
            ("EdgeProps", size_of::<EdgeProps>(), 336),
        ];
        for (name, size, limit) in sizes {
            assert!(size <= limit, "{name} is {size} bytes, more than {limit}");
        }
    }
}
