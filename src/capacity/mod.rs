//! Capacity and cost estimation: peak load per component from the workload, pushed along the
//! user-path edges, against the guide's tier tables.
//!
//! - [`workload`]: the workload with defaults (guide figures where it gives them);
//! - [`tiers`]: the guide's server and database tier tables (guide §3.10);
//! - [`kinds`]: capacities of the other component kinds (mostly Archway defaults);
//! - [`propagate`]: load propagation along the edges;
//! - [`cost`]: monthly cost; [`format`]: number formatting;
//! - [`output`]: the estimate as a text table and as JSON (`archway estimate`).

pub mod cost;
pub mod format;
pub mod kinds;
pub mod output;
pub mod propagate;
pub mod tiers;
pub mod workload;

use crate::index::Index;
use crate::model::{Design, Node, NodeKind};
pub use cost::{CostRange, TotalCost};
use kinds::KindCapacity;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::{Mutex, OnceLock, PoisonError};
use tiers::{Tier, TierTable};
pub use workload::ResolvedWorkload;

/// How the note on a node whose tier the estimate assumed begins (listed with the
/// assumptions, not the caveats).
pub const TIER_ASSUMED_NOTE: &str = "tier assumed:";

/// Utilisation from which a component counts as hot.
pub const HOT: f64 = 0.7;
/// Utilisation from which a component counts as over capacity.
pub const OVER: f64 = 1.0;

/// Whether a component keeps up with its estimated load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No estimate could be made (no workload figures or no capacity figure).
    #[default]
    Unknown,
    /// Below 70 % utilisation (or a managed service that scales with demand).
    Ok,
    /// 70 % or more.
    Hot,
    /// 100 % or more.
    Over,
}

impl Status {
    /// Lowercase name (`hot`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Unknown => "unknown",
            Status::Ok => "ok",
            Status::Hot => "hot",
            Status::Over => "over",
        }
    }

    /// The status of a utilisation ratio: ok < 70 % ≤ hot < 100 % ≤ over.
    pub fn of_utilisation(u: f64) -> Status {
        if u >= OVER {
            Status::Over
        } else if u >= HOT {
            Status::Hot
        } else {
            Status::Ok
        }
    }
}

/// What a node's `load_rps` and `capacity_rps` count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Requests per second.
    #[default]
    RequestsPerSecond,
    /// Concurrent users (app and WebSocket server tiers, guide §3.10).
    ConcurrentUsers,
    /// Queries or operations per second (databases, caches, search; D2).
    QueriesPerSecond,
    /// Messages per second (queues, streams, workers).
    MessagesPerSecond,
}

impl Unit {
    /// Short label shown after a figure (`users`, `q/s`).
    pub fn label(self) -> &'static str {
        match self {
            Unit::RequestsPerSecond => "req/s",
            Unit::ConcurrentUsers => "users",
            Unit::QueriesPerSecond => "q/s",
            Unit::MessagesPerSecond => "msg/s",
        }
    }
}

/// The estimate for one node.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NodeEstimate {
    /// Estimated peak load, in [`NodeEstimate::unit`]: concurrent users for app and WebSocket
    /// servers (the guide's tier unit), requests/queries/messages per second otherwise.
    pub load_rps: Option<f64>,
    /// What the node can take, in the same unit (`None`: unknown, or it scales with demand).
    pub capacity_rps: Option<f64>,
    /// load / capacity.
    pub utilisation: Option<f64>,
    pub status: Status,
    /// Monthly cost, when the node has a priced tier.
    pub cost: Option<CostRange>,
    /// The unit of `load_rps` and `capacity_rps`.
    pub unit: Unit,
    /// Requests (or messages) per second arriving at the node, whatever its unit.
    pub rate_rps: Option<f64>,
    /// Concurrent users behind the traffic reaching the node (user-facing compute).
    pub users: Option<f64>,
    /// The guide tier row the node resolved to (`app.growth`), if any.
    pub tier: Option<&'static str>,
    /// Instances (or partitions, or shards) the capacity and cost are multiplied by.
    pub instances: u32,
    /// Managed or edge service that scales with demand: no saturation figure.
    pub elastic: bool,
    /// The tier was assumed (the smallest guide tier that fits the assumed load), not set.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub tier_assumed: bool,
    /// The load rests on an assumed workload (the design states none).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
    /// Where the capacity figure comes from, in words.
    pub basis: Cow<'static, str>,
    /// Remarks: unknown tier, no traffic reaches it, a cycle was cut…
    pub notes: Vec<String>,
}

impl NodeEstimate {
    /// The load as a short text with its unit (`17k users`), `—` when unknown.
    pub fn load_text(&self) -> String {
        match self.load_rps {
            Some(v) => format!("{} {}", format::compact(v), self.unit.label()),
            None => "—".to_owned(),
        }
    }

    /// The capacity as a short text (`30k users`, `scales`), `—` when unknown.
    pub fn capacity_text(&self) -> String {
        match self.capacity_rps {
            Some(v) => format!("{} {}", format::compact(v), self.unit.label()),
            None if self.elastic => "scales".to_owned(),
            None => "—".to_owned(),
        }
    }

    /// The utilisation as a percentage (`83 %`), `—` when unknown.
    pub fn utilisation_text(&self) -> String {
        self.utilisation
            .map(format::percent)
            .unwrap_or_else(|| "—".to_owned())
    }

    /// The utilisation pill the canvas and the SVG draw (`83%`; `~83%` when it rests on an
    /// assumed workload), `None` without a utilisation.
    pub fn pill_text(&self) -> Option<String> {
        let u = self.utilisation.filter(|u| u.is_finite())?;
        let mark = if self.assumed { "~" } else { "" };
        Some(format!("{mark}{:.0}%", u * 100.0))
    }

    /// The caption the editor's capacity view draws under a component: load, utilisation and
    /// monthly cost, each when known (`17k users · ~83% · $120–240/mo`); `None` when nothing
    /// is known.
    pub fn caption_text(&self) -> Option<String> {
        let parts: Vec<String> = [
            self.load_rps.map(|_| self.load_text()),
            self.pill_text(),
            self.cost.map(|c| format!("{}/mo", c.text())),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// The badge the canvas shows: `83 %` when the utilisation is known, else the load.
    pub fn badge_text(&self) -> String {
        match self.utilisation {
            Some(u) => format::percent(u),
            None => self.load_text(),
        }
    }
}

/// The estimate for one edge.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EdgeEstimate {
    /// Requests or messages per second the edge carries at peak (`None`: unknown).
    pub rate_rps: Option<f64>,
    /// The edge closes a cycle; it is not counted (so no request is counted twice).
    pub cycle: bool,
}

/// The estimate for a whole design. `nodes` is parallel to `design.nodes`, `edges` to
/// `design.edges`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Estimate {
    pub nodes: Vec<NodeEstimate>,
    pub total_cost: CostRange,
    /// Id of the most utilised node.
    pub bottleneck: Option<String>,
    /// How many times the load can grow before the first component saturates.
    pub headroom: Option<f64>,
    pub edges: Vec<EdgeEstimate>,
    /// Nodes with a priced tier (the others are not in `total_cost`).
    pub priced_nodes: usize,
    /// The workload figures used.
    pub workload: Option<ResolvedWorkload>,
}

impl Estimate {
    /// The components the design pays for that have no price: neither a guide tier (guide
    /// §3.10 prices only servers and databases) nor anything else (managed and serverless
    /// services, caches, queues, third parties). Clients are not billable.
    pub fn unpriced<'a>(&self, design: &'a Design) -> Vec<&'a Node> {
        design
            .nodes
            .iter()
            .zip(&self.nodes)
            .filter(|(n, e)| e.cost.is_none() && cost::is_billable(n.kind))
            .map(|(n, _)| n)
            .collect()
    }

    /// The monthly total with what it leaves out ([`cost::TotalCost`]).
    pub fn total(&self, design: &Design) -> cost::TotalCost {
        let unpriced = self.unpriced(design).len();
        match (self.priced_nodes, unpriced) {
            (0, 0) => cost::TotalCost::NothingToPrice,
            (0, n) => cost::TotalCost::Unpriced(n),
            (_, 0) => cost::TotalCost::Priced(self.total_cost),
            (p, n) => cost::TotalCost::Partly {
                priced: self.total_cost,
                priced_count: p,
                unpriced: n,
            },
        }
    }

    /// The estimate of the node with id `id`.
    pub fn node<'a>(&'a self, design: &Design, id: &str) -> Option<&'a NodeEstimate> {
        let i = design.nodes.iter().position(|n| n.id.as_str() == id)?;
        self.nodes.get(i)
    }
}

/// Estimates load, utilisation and cost for every node of the design, from the figures the
/// design states (the rules read this one: nothing assumed).
pub fn estimate(design: &Design, index: &Index<'_>) -> Estimate {
    estimate_from(design, index, ResolvedWorkload::new(&design.workload))
}

/// [`estimate`] for people to read: when the design states no workload to start from, it
/// assumes one ([`ResolvedWorkload::assuming`]) and gives each app server and database without
/// a tier the smallest guide tier that fits its load (guide §3.10), so every component gets a
/// load and the design a cost range. Every assumption is marked.
pub fn estimate_or_assume(design: &Design, index: &Index<'_>) -> Estimate {
    estimate_from(design, index, ResolvedWorkload::assuming(&design.workload))
}

fn estimate_from<'d>(design: &'d Design, index: &Index<'_>, w: ResolvedWorkload) -> Estimate {
    let n = design.nodes.len();
    let assume_tiers = w.is_assumed();
    let data_key = propagate::data_keys(design, index);
    // A replica without a tier takes its primary's.
    let replica_tier = |i: usize, texts: &mut Texts<'d>| {
        let node = &design.nodes[i];
        (node.kind == NodeKind::ReadReplica && node.props.tier.is_none())
            .then(|| data_key[i])
            .filter(|&root| root != i && root < n)
            .and_then(|root| design.nodes[root].props.tier.as_deref())
            .and_then(|t| texts.lookup(TierTable::Db, t))
    };

    let mut nodes: Vec<NodeEstimate> = vec![NodeEstimate::default(); n];
    let flows = if assume_tiers {
        // The tier a node is assumed to need follows from its load: size after the flows.
        let flows = propagate::propagate_keyed(design, index, &w, data_key.clone());
        let size = |texts: &mut Texts<'d>, i: usize, slot: &mut NodeEstimate| {
            let node = &design.nodes[i];
            let assumed = assumed_tier(node, &flows, i);
            *slot = sized(node, replica_tier(i, texts), assumed, texts);
            add_load(slot, index.kind(i), &flows, i);
            slot.assumed = slot.load_rps.is_some();
        };
        let chunks = Mutex::new(nodes.chunks_mut(CHUNK).enumerate());
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads_for(n))
                .map(|_| scope.spawn(|| fill(&chunks, &size)))
                .collect();
            fill(&chunks, &size);
            join_all(helpers);
        });
        flows
    } else {
        // With the workload as stated no tier is assumed, so a node's capacity does not depend
        // on its load: it is sized on other threads while this one propagates the load.
        let size = |texts: &mut Texts<'d>, i: usize, slot: &mut NodeEstimate| {
            *slot = sized(&design.nodes[i], replica_tier(i, texts), None, texts);
        };
        let chunks = Mutex::new(nodes.chunks_mut(CHUNK).enumerate());
        let flows = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads_for(n))
                .map(|_| scope.spawn(|| fill(&chunks, &size)))
                .collect();
            let flows = propagate::propagate_keyed(design, index, &w, data_key.clone());
            fill(&chunks, &size);
            join_all(helpers);
            flows
        });
        for (i, slot) in nodes.iter_mut().enumerate() {
            add_load(slot, index.kind(i), &flows, i);
        }
        flows
    };

    if assume_tiers {
        // A replica without a tier takes its primary's, assumed tiers included.
        let mut texts = Texts::default();
        for (i, node) in design.nodes.iter().enumerate() {
            let root = flows.data_key[i];
            if node.kind != NodeKind::ReadReplica || nodes[i].tier.is_some() || root == i {
                continue;
            }
            let Some(row) = nodes
                .get(root)
                .filter(|r| r.tier_assumed)
                .and_then(|r| r.tier)
                .and_then(|t| tiers::lookup(TierTable::Db, t))
            else {
                continue;
            };
            nodes[i] = sized(node, Some(row), None, &mut texts);
            add_load(&mut nodes[i], node.kind, &flows, i);
            nodes[i].tier_assumed = true;
            nodes[i].assumed = nodes[i].load_rps.is_some();
        }
    }
    for (e, cyc) in flows.back_edge.iter().enumerate() {
        if *cyc && let Some(s) = index.source(e) {
            nodes[s].notes.push(format!(
                "edge `{}` closes a cycle and is not counted",
                design.edges[e].id
            ));
        }
    }

    let (total_cost, priced_nodes) = cost::total(nodes.iter().map(|n| n.cost.as_ref()));
    let mut bottleneck: Option<(usize, f64)> = None;
    for (i, n) in nodes.iter().enumerate() {
        if let Some(u) = n.utilisation
            && u > 0.0
            && bottleneck.is_none_or(|(_, b)| u > b)
        {
            bottleneck = Some((i, u));
        }
    }
    Estimate {
        edges: flows
            .edge_rate
            .iter()
            .zip(&flows.back_edge)
            .map(|(r, c)| EdgeEstimate {
                rate_rps: *r,
                cycle: *c,
            })
            .collect(),
        nodes,
        total_cost,
        bottleneck: bottleneck.map(|(i, _)| design.nodes[i].id.to_string()),
        headroom: bottleneck.map(|(_, u)| 1.0 / u),
        priced_nodes,
        workload: Some(w),
    }
}

/// The texts sizing formats and the tier rows it looks up, kept for the next node with the
/// same figures: the nodes of one fleet, or of a generated design, repeat them, and cloning a
/// short text costs far less than formatting it. One per thread, for one estimate.
#[derive(Default)]
struct Texts<'d> {
    /// (table, tier text) → its row.
    rows: Recent<(TierTable, &'d str), Option<&'static Tier>>,
    /// (row, instances, unit) → the basis of a tier's capacity.
    bases: Recent<(&'static str, u32, Unit), String>,
    /// (table, tier text) → the note that the table has no such tier.
    unknown_tiers: Recent<(TierTable, &'d str), String>,
}

impl<'d> Texts<'d> {
    fn lookup(&mut self, table: TierTable, text: &'d str) -> Option<&'static Tier> {
        self.rows
            .get_or_insert((table, text), || tiers::lookup(table, text))
    }
}

/// The last few values computed, by key (a handful: a linear scan beats hashing here).
struct Recent<K, V> {
    entries: Vec<(K, V)>,
    /// Where the next new entry goes once `entries` is full.
    next: usize,
}

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent {
            entries: Vec::new(),
            next: 0,
        }
    }
}

impl<K: PartialEq, V: Clone> Recent<K, V> {
    const KEPT: usize = 8;

    fn get_or_insert(&mut self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some((_, v)) = self.entries.iter().find(|(k, _)| *k == key) {
            return v.clone();
        }
        let v = make();
        if self.entries.len() < Self::KEPT {
            self.entries.push((key, v.clone()));
        } else {
            self.entries[self.next] = (key, v.clone());
            self.next = (self.next + 1) % Self::KEPT;
        }
        v
    }
}

/// The capacity side of a node: unit, figure, tier, cost.
struct Sizing {
    unit: Unit,
    capacity: Option<f64>,
    tier: Option<&'static Tier>,
    count: u32,
    elastic: bool,
    basis: Cow<'static, str>,
    cost: Option<CostRange>,
    notes: Vec<String>,
}

fn unit_of(kind: NodeKind) -> Unit {
    use NodeKind as K;
    match kind {
        K::AppServer | K::WebsocketServer => Unit::ConcurrentUsers,
        K::SqlDb | K::NosqlDb | K::ReadReplica | K::Shard | K::Cache | K::SearchIndex => {
            Unit::QueriesPerSecond
        }
        K::MessageQueue | K::Stream | K::Worker => Unit::MessagesPerSecond,
        _ => Unit::RequestsPerSecond,
    }
}

/// The node's sizing from its figures, then the monthly price its designer states, which
/// replaces a tier's price (and prices what the guide's tables do not).
fn sizing<'d>(
    node: &'d Node,
    replica_tier: Option<&'static Tier>,
    assumed_tier: Option<&'static Tier>,
    texts: &mut Texts<'d>,
) -> Sizing {
    let mut s = sizing_from_figures(node, replica_tier, assumed_tier, texts);
    if let Some(text) = node.props.monthly_cost.as_deref().map(str::trim)
        && !text.is_empty()
    {
        match cost::stated(text) {
            Ok(range) => {
                s.cost = Some(range);
                s.notes
                    .push("monthly cost as stated on the component".to_owned());
            }
            Err(why) => s
                .notes
                .push(format!("monthly_cost `{text}` is ignored: {why}")),
        }
    }
    s
}

/// The node's capacity, tier and tier price, from its tier, hand-entered figures or kind.
fn sizing_from_figures<'d>(
    node: &'d Node,
    replica_tier: Option<&'static Tier>,
    assumed_tier: Option<&'static Tier>,
    texts: &mut Texts<'d>,
) -> Sizing {
    let p = &node.props;
    let kind = node.kind;
    let instances = p.instances.unwrap_or(1).max(1);
    let mut s = Sizing {
        unit: unit_of(kind),
        capacity: None,
        tier: None,
        count: instances,
        elastic: false,
        basis: Cow::Borrowed(""),
        cost: None,
        notes: Vec::new(),
    };
    let hand_qps = p.capacity_qps.filter(|c| c.is_finite() && *c > 0.0);
    let throughput = p
        .throughput_per_instance
        .filter(|c| c.is_finite() && *c > 0.0);
    let table = tiers::table_for(kind);

    // 1. The guide's tier tables.
    let tier_text = p.tier.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let is_custom = tier_text.is_some_and(|t| t.eq_ignore_ascii_case(tiers::CUSTOM));
    let row = match (table, tier_text) {
        (Some(table), Some(t)) if !is_custom => {
            let row = texts.lookup(table, t);
            if row.is_none() {
                s.notes
                    .push(texts.unknown_tiers.get_or_insert((table, t), || {
                        format!(
                            "tier `{t}` is not in the guide's {} table",
                            if table == TierTable::App {
                                "server (D1)"
                            } else {
                                "database (D2)"
                            }
                        )
                    }));
            }
            row
        }
        (None, Some(t)) if !is_custom => {
            s.notes.push(format!(
                "tier `{t}` is ignored: the guide has no tiers for this kind"
            ));
            None
        }
        _ => None,
    };
    let row = row
        .or_else(|| replica_tier.inspect(|_| s.notes.push("takes its primary's tier".to_owned())))
        .or_else(|| {
            assumed_tier
                .filter(|_| tier_text.is_none() && hand_qps.is_none())
                .inspect(|t| {
                    s.notes.push(format!(
                        "{TIER_ASSUMED_NOTE} {} is the smallest guide tier that fits its load (§3.10)",
                        t.id
                    ))
                })
        });
    if let Some(row) = row {
        s.tier = Some(row);
        if row.table == TierTable::Db {
            // A database is one box; a single node drawn for a sharded store stands for its
            // shards.
            s.count = p
                .sharding
                .as_ref()
                .filter(|sh| sh.is_sharded())
                .and_then(|sh| sh.shards)
                .unwrap_or(1)
                .max(1);
        }
        s.cost = Some(cost::of_tier(row, s.count));
        match (kind, row.capacity_max()) {
            (NodeKind::Worker, _) => {
                if let Some(t) = throughput {
                    s.capacity = Some(t * f64::from(instances));
                    s.basis = format!("{} msg/s × {instances}", format::thousands(t)).into();
                } else {
                    s.basis = "set throughput_per_instance".into();
                }
            }
            (_, Some(max)) => {
                s.capacity = Some(max * f64::from(s.count));
                let (unit, count) = (s.unit, s.count);
                s.basis = texts
                    .bases
                    .get_or_insert((row.id, count, unit), || {
                        format!(
                            "{} {} ({}, guide 3.10) × {}",
                            format::thousands(max),
                            unit.label(),
                            row.id,
                            count
                        )
                    })
                    .into();
            }
            (_, None) => {
                s.notes
                    .push("the guide gives no user figure for this tier (CPU-bound work)".into());
                s.basis = format!("{}: no figure in the guide", row.id).into();
            }
        }
        return s;
    }

    // 2. Hand-entered figures.
    if let Some(q) = hand_qps {
        s.count = 1;
        s.unit = if s.unit == Unit::ConcurrentUsers {
            Unit::RequestsPerSecond
        } else {
            s.unit
        };
        s.capacity = Some(q);
        s.basis = "capacity_qps (entered by hand)".into();
        return s;
    }
    if is_custom {
        s.notes
            .push("tier is custom but capacity_qps is not set: capacity unknown".to_owned());
        s.basis = "custom tier".into();
        return s;
    }
    if let Some(t) = throughput
        && matches!(kind, NodeKind::Worker | NodeKind::ServerlessFunction)
    {
        s.unit = Unit::MessagesPerSecond;
        s.capacity = Some(t * f64::from(instances));
        s.basis = format!("{} msg/s × {instances}", format::thousands(t)).into();
        return s;
    }

    // 3. Per-kind figures.
    let info = kinds::info(kind);
    let managed = p.managed == Some(true) || p.provider_redundant == Some(true);
    let per = match info.capacity {
        KindCapacity::PerInstance(x) => Some(x),
        KindCapacity::ElasticWhenManaged(x) if !managed => Some(x),
        KindCapacity::ElasticWhenManaged(_) | KindCapacity::Elastic => {
            s.elastic = true;
            None
        }
        KindCapacity::Unknown => None,
    };
    if kind == NodeKind::Cache {
        s.count = p.nodes.unwrap_or(instances).max(1);
    }
    s.capacity = per.map(|x| x * f64::from(s.count));
    s.basis = info.source.into();
    s
}

/// Designs with at least this many nodes are sized on several threads; below it, starting a
/// thread costs more than it saves.
const PARALLEL_FROM: usize = 2_000;

/// Nodes a thread takes at a time when several size them.
const CHUNK: usize = 256;

/// Threads to size `n` nodes on: up to four (fewer when the machine has fewer cores), one
/// below [`PARALLEL_FROM`].
fn threads_for(n: usize) -> usize {
    /// The machine's parallelism, asked once (asking reads the cgroup limits each time).
    static CORES: OnceLock<usize> = OnceLock::new();
    if n < PARALLEL_FROM {
        1
    } else {
        *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |t| t.get().min(4)))
    }
}

/// Numbered chunks of the slots still to fill, shared by the threads filling them.
type Chunks<'a, T> = Mutex<std::iter::Enumerate<std::slice::ChunksMut<'a, T>>>;

/// Takes chunks from `chunks` until none is left and fills each slot with `f(texts, number,
/// slot)`, where `number` is the slot's position in the whole slice. Threads that share
/// `chunks` each take the next chunk when done with theirs, so a thread that starts late (or
/// runs slowly) simply fills fewer.
fn fill<'d, T>(chunks: &Chunks<'_, T>, f: &impl Fn(&mut Texts<'d>, usize, &mut T)) {
    let mut texts = Texts::default();
    loop {
        // A panicking filler poisons the lock; its panic is raised when it is joined.
        let next = chunks.lock().unwrap_or_else(PoisonError::into_inner).next();
        let Some((k, chunk)) = next else {
            return;
        };
        for (j, slot) in chunk.iter_mut().enumerate() {
            f(&mut texts, k * CHUNK + j, slot);
        }
    }
}

/// Joins scoped threads, raising the first panic among them.
fn join_all(helpers: Vec<std::thread::ScopedJoinHandle<'_, ()>>) {
    for helper in helpers {
        helper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    }
}

/// With an assumed workload, an app server or database without a tier gets the smallest tier
/// that fits its load per instance (at least the smallest row).
fn assumed_tier(node: &Node, flows: &propagate::Flows, i: usize) -> Option<&'static Tier> {
    let f = flows.node[i];
    let sized_by_tier = matches!(
        node.kind,
        NodeKind::AppServer | NodeKind::WebsocketServer | NodeKind::SqlDb | NodeKind::Shard
    );
    (flows.known[i] && sized_by_tier && node.props.tier.is_none())
        .then(|| tiers::table_for(node.kind))
        .flatten()
        .and_then(|table| {
            let load = if table == TierTable::App {
                f.users
            } else {
                f.total()
            };
            let per = load / f64::from(node.props.instances.unwrap_or(1).max(1));
            // The smallest tier the load leaves below "hot", else the largest with a figure.
            let rows = table.rows().iter().filter(|t| t.capacity_max().is_some());
            rows.clone()
                .find(|t| t.capacity_max().is_some_and(|m| per < HOT * m))
                .or_else(|| rows.clone().next_back())
        })
}

/// The capacity side of a node's estimate (the load is added by [`add_load`]).
fn sized<'d>(
    node: &'d Node,
    replica_tier: Option<&'static Tier>,
    assumed_tier: Option<&'static Tier>,
    texts: &mut Texts<'d>,
) -> NodeEstimate {
    let s = sizing(node, replica_tier, assumed_tier, texts);
    NodeEstimate {
        capacity_rps: s.capacity,
        cost: s.cost,
        unit: s.unit,
        tier: s.tier.map(|t| t.id),
        instances: s.count,
        elastic: s.elastic,
        tier_assumed: assumed_tier.is_some_and(|a| s.tier.is_some_and(|t| t.id == a.id)),
        basis: s.basis,
        notes: s.notes,
        ..NodeEstimate::default()
    }
}

/// Adds the load the flows bring node `i` (of `kind`) to its sized estimate `e`: load,
/// utilisation and status.
fn add_load(e: &mut NodeEstimate, kind: NodeKind, flows: &propagate::Flows, i: usize) {
    let f = flows.node[i];
    let known = flows.known[i];
    let rate = known.then(|| f.total());
    let users = (known && e.unit == Unit::ConcurrentUsers).then_some(f.users);
    let load = if e.unit == Unit::ConcurrentUsers {
        users
    } else {
        rate
    };
    let utilisation = match (load, e.capacity_rps) {
        (Some(l), Some(c)) if c > 0.0 => Some(l / c),
        _ => None,
    };
    e.status = match (utilisation, load) {
        (Some(u), _) => Status::of_utilisation(u),
        (None, Some(_)) if e.elastic => Status::Ok,
        _ => Status::Unknown,
    };
    if known && !flows.reached[i] && kind != NodeKind::Client {
        e.notes.push("no traffic reaches this component".to_owned());
    }
    e.load_rps = load;
    e.utilisation = utilisation;
    e.rate_rps = rate;
    e.users = users;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filling_on_several_threads_fills_every_slot_in_order() {
        for n in [
            0,
            5,
            CHUNK,
            PARALLEL_FROM - 1,
            PARALLEL_FROM,
            PARALLEL_FROM + 3,
            10_001,
        ] {
            let mut slots = vec![0; n];
            let chunks = Mutex::new(slots.chunks_mut(CHUNK).enumerate());
            let double = |_: &mut Texts<'_>, i: usize, slot: &mut usize| *slot = i * 2;
            std::thread::scope(|scope| {
                let helpers: Vec<_> = (1..threads_for(n).max(3))
                    .map(|_| scope.spawn(|| fill(&chunks, &double)))
                    .collect();
                fill(&chunks, &double);
                join_all(helpers);
            });
            let doubled: Vec<usize> = (0..n).map(|i| i * 2).collect();
            assert_eq!(slots, doubled, "{n} items");
        }
    }

    #[test]
    fn the_caption_shows_what_is_known() {
        let mut e = NodeEstimate {
            load_rps: Some(17_000.0),
            utilisation: Some(0.834),
            cost: Some(CostRange {
                min: 120.0,
                max: 240.0,
            }),
            unit: Unit::RequestsPerSecond,
            ..Default::default()
        };
        assert_eq!(
            e.caption_text().as_deref(),
            Some("17k req/s · 83% · $120–240/mo")
        );
        e.assumed = true;
        e.cost = None;
        assert_eq!(e.caption_text().as_deref(), Some("17k req/s · ~83%"));
        assert_eq!(NodeEstimate::default().caption_text(), None);
    }
}
