//! Load propagation: the workload's peak traffic enters at the clients and is pushed along the
//! edges in one pass over a topological order.
//!
//! Invariants: every edge is looked at once (edges that close a cycle are found by a depth-first
//! search and carry nothing), so the pass is linear in the size of the design, never hangs and
//! never counts a request twice.
//!
//! What an edge carries (a node's arrived flow is split into reads, writes, jobs and users):
//! - from a caller (client, compute…): a `read` edge carries the reads, a `write` edge the writes,
//!   a `sync_request` edge everything (and the concurrent users), an `async_message` edge the
//!   writes (an event per state change); a worker's jobs count on every kind;
//! - edges of one kind to the same data (a primary and its replicas, the shards of one store) or
//!   to nodes of one fleet share the load, weighted by the targets' `instances`;
//! - reads to a store whose cache the caller also reads carry only the miss ratio, and a cache's
//!   own reads to its store (read-through) carry only the misses;
//! - a load balancer or API gateway splits its traffic over all its targets by `instances`; a
//!   CDN forwards only its misses (unless the edge is not `cacheable`);
//! - a queue shares its messages among its consumers; a stream gives each consumer group all of
//!   them; routes to a dead-letter queue carry nothing (failures only);
//! - a database passes its writes to its replicas and standbys along `replication` edges;
//! - an edge's `multiplier` multiplies what it carries (fan-out); `rate_rps` replaces it;
//!   `background` and redirect-only edges carry nothing unless they have a `rate_rps`.

use super::workload::ResolvedWorkload;
use crate::index::Index;
use crate::model::props::Role;
use crate::model::{Design, EdgeKind, NodeKind};
use std::collections::HashMap;

/// Traffic arriving at a node, per second (users: concurrent).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Flow {
    pub reads: f64,
    pub writes: f64,
    /// Messages or jobs (work handed over asynchronously).
    pub jobs: f64,
    /// Concurrent users behind the traffic (only carried by `sync_request` edges).
    pub users: f64,
}

impl Flow {
    /// Requests, queries or messages per second.
    pub fn total(&self) -> f64 {
        self.reads + self.writes + self.jobs
    }

    fn scaled(self, k: f64) -> Flow {
        Flow {
            reads: self.reads * k,
            writes: self.writes * k,
            jobs: self.jobs * k,
            users: self.users,
        }
    }

    fn add(&mut self, o: &Flow) {
        self.reads += o.reads;
        self.writes += o.writes;
        self.jobs += o.jobs;
        self.users += o.users;
    }
}

/// The result of a propagation.
pub struct Flows {
    /// Arrived flow per node (parallel to `design.nodes`).
    pub node: Vec<Flow>,
    /// Whether the node's flow is known (a workload figure or an edge rate reached it).
    pub known: Vec<bool>,
    /// Whether any edge delivered traffic to the node (false: disconnected from the traffic).
    pub reached: Vec<bool>,
    /// Rate carried by each edge (parallel to `design.edges`); `None` when unknown.
    pub edge_rate: Vec<Option<f64>>,
    /// Edges that close a cycle and so carry nothing.
    pub back_edge: Vec<bool>,
    /// Node numbers in the order the pass visited them (a topological order without back
    /// edges).
    pub order: Vec<usize>,
    /// For each node, the node number standing for its data: the replication root for
    /// databases and replicas, a shared key for the shards of one store, itself otherwise.
    pub data_key: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Semantics {
    Caller,
    Router,
    Cdn,
    Cache,
    Messaging,
    Store,
}

fn semantics(kind: NodeKind) -> Semantics {
    use NodeKind as K;
    match kind {
        K::LoadBalancer | K::ApiGateway | K::InternetGateway | K::Firewall | K::VpnGateway => {
            Semantics::Router
        }
        K::Cdn => Semantics::Cdn,
        K::Cache => Semantics::Cache,
        K::MessageQueue | K::Stream | K::PubSubTopic => Semantics::Messaging,
        K::SqlDb
        | K::NosqlDb
        | K::ReadReplica
        | K::Shard
        | K::SearchIndex
        | K::ObjectStorage
        | K::DataWarehouse
        | K::FileSystem => Semantics::Store,
        _ => Semantics::Caller,
    }
}

/// One outgoing edge while a node is being processed (an edge that ends at a container gives
/// one per member).
#[derive(Clone, Copy)]
struct Out {
    edge: usize,
    target: usize,
    /// Edges with the same `Some(group)` share the flow by `weight`.
    group: Option<(u8, usize)>,
    weight: f64,
    base: Flow,
}

/// How an edge scales what it carries: its `multiplier` (1 when unset or invalid) and the
/// `rate_rps` that replaces it (`None` when unset or invalid).
#[derive(Clone, Copy)]
struct Scale {
    multiplier: f64,
    rate: Option<f64>,
}

/// Pushes the workload's peak traffic through the design.
///
/// The pass reads each node and edge in design order once, into packed tables (a node or an
/// edge is hundreds of bytes, and the walk visits them out of order: on a large design every
/// such visit would be a cache miss), then walks the packed tables and the index only.
pub fn propagate(design: &Design, index: &Index<'_>, w: &ResolvedWorkload) -> Flows {
    propagate_keyed(design, index, w, data_keys(design, index))
}

/// [`propagate`] with the data keys already worked out ([`data_keys`]).
pub(super) fn propagate_keyed(
    design: &Design,
    index: &Index<'_>,
    w: &ResolvedWorkload,
    data_key: Vec<usize>,
) -> Flows {
    let n = design.nodes.len();
    let m = design.edges.len();

    let (order, back_edge) = topological_order(design, index);
    let fleet_key: Vec<usize> = (0..n)
        .map(|i| index.fleet(i).first().copied().unwrap_or(i))
        .collect();
    // A target's share of a split, by its instances.
    let weight: Vec<f64> = design
        .nodes
        .iter()
        .map(|node| f64::from(node.props.instances.unwrap_or(1).max(1)))
        .collect();
    let scale: Vec<Scale> = design
        .edges
        .iter()
        .map(|edge| Scale {
            multiplier: edge
                .props
                .multiplier
                .filter(|k| k.is_finite() && *k >= 0.0)
                .unwrap_or(1.0),
            rate: edge.props.rate_rps.filter(|r| r.is_finite() && *r >= 0.0),
        })
        .collect();
    // Data keys each cache fronts (`backs`), resolved once: those of node `i` are
    // `cache_backs[backs_span[i].0..backs_span[i].1]`.
    let mut cache_backs: Vec<usize> = Vec::new();
    let mut backs_span: Vec<(u32, u32)> = vec![(0, 0); n];
    for c in index.nodes_of_kind(NodeKind::Cache) {
        if let Some(backs) = &design.nodes[c].props.backs {
            let start = cache_backs.len() as u32;
            cache_backs.extend(
                backs
                    .iter()
                    .filter_map(|b| index.node_index(b.as_str()))
                    .map(|b| data_key[b]),
            );
            backs_span[c] = (start, cache_backs.len() as u32);
        }
    }
    let backs_of = |t: usize| {
        let (a, b) = backs_span[t];
        &cache_backs[a as usize..b as usize]
    };

    let mut flows = Flows {
        node: vec![Flow::default(); n],
        known: vec![false; n],
        reached: vec![false; n],
        edge_rate: vec![None; m],
        back_edge,
        order: Vec::new(),
        data_key,
    };

    if let Some(rps) = w.peak_rps {
        flows.known.iter_mut().for_each(|k| *k = true);
        let mut clients: Vec<usize> = index.nodes_of_kind(NodeKind::Client).collect();
        if clients.is_empty() {
            // No client drawn (common on real diagrams): users arrive at the entry points.
            clients = entry_points(index);
        }
        let share = 1.0 / clients.len().max(1) as f64;
        let users = w.concurrent_users.unwrap_or(0.0);
        for &c in &clients {
            flows.node[c] = Flow {
                reads: rps * w.read_share * share,
                writes: rps * (1.0 - w.read_share) * share,
                jobs: 0.0,
                users: users * share,
            };
            flows.reached[c] = true;
        }
    }

    let miss = 1.0 - w.cache_hit_ratio;
    let cdn_miss = 1.0 - w.cdn_hit_ratio;
    let mut outs: Vec<Out> = Vec::new();
    let mut read_caches: Vec<usize> = Vec::new();
    let mut by_group: Vec<usize> = Vec::new();
    let mut group_total: Vec<f64> = Vec::new();
    for &v in &order {
        let f = flows.node[v];
        let node_kind = index.kind(v);
        let sem = semantics(node_kind);
        outs.clear();
        read_caches.clear();
        for &e in index.out_edges(v) {
            if flows.back_edge[e] {
                continue;
            }
            if let Some(t) = index.target(e)
                && matches!(index.edge_kind(e), EdgeKind::Read | EdgeKind::SyncRequest)
            {
                read_caches.extend_from_slice(backs_of(t));
            }
        }
        for &e in index.out_edges(v) {
            if flows.back_edge[e] {
                continue;
            }
            let Some(t) = index.target(e) else { continue };
            let target_kind = index.kind(t);
            let mut out = Out {
                edge: e,
                target: t,
                group: None,
                weight: weight[t],
                base: Flow::default(),
            };
            if !index.background_or_redirect(e) {
                let kind = index.edge_kind(e);
                let handled = match (sem, kind) {
                    (Semantics::Router | Semantics::Cdn, EdgeKind::SyncRequest) => {
                        let mut b = f;
                        if sem == Semantics::Cdn && design.edges[e].props.cacheable != Some(false) {
                            b.reads *= cdn_miss;
                        }
                        out.base = b;
                        out.group = Some((0, 0));
                        true
                    }
                    (Semantics::Cache, EdgeKind::Read) => {
                        out.base.reads = (f.reads + f.jobs) * miss;
                        out.group = Some((1, flows.data_key[t]));
                        true
                    }
                    (Semantics::Cache, EdgeKind::SyncRequest) => {
                        out.base = Flow {
                            reads: f.reads * miss,
                            writes: f.writes,
                            jobs: f.jobs * miss,
                            users: 0.0,
                        };
                        true
                    }
                    (Semantics::Messaging, EdgeKind::AsyncMessage | EdgeKind::EventTrigger) => {
                        let is_dlq = target_kind.is_messaging()
                            && design.nodes[t].props.role == Some(Role::Dlq);
                        if !is_dlq {
                            out.base.jobs = f.total();
                            // A topic gives every subscriber every message (guide §2.8).
                            out.group = Some(if node_kind == NodeKind::PubSubTopic {
                                (4, e)
                            } else if node_kind == NodeKind::Stream {
                                match &design.edges[e].props.consumer_group {
                                    Some(g) => (3, group_hash(g)),
                                    None => (4, e),
                                }
                            } else {
                                (3, 0)
                            });
                        }
                        true
                    }
                    (Semantics::Messaging, _) => {
                        out.base.jobs = f.total();
                        true
                    }
                    (
                        Semantics::Store,
                        EdgeKind::Replication | EdgeKind::AsyncMessage | EdgeKind::EventTrigger,
                    ) => {
                        let changes = f.writes + f.jobs;
                        if kind == EdgeKind::Replication {
                            out.base.writes = changes;
                        } else {
                            out.base.jobs = changes;
                        }
                        true
                    }
                    _ => false,
                };
                if !handled {
                    // Caller semantics.
                    match kind {
                        EdgeKind::Read => {
                            out.base.reads = f.reads + f.jobs;
                            out.group = Some((1, flows.data_key[t]));
                        }
                        EdgeKind::Write => {
                            out.base.writes = f.writes + f.jobs;
                            out.group = Some((2, flows.data_key[t]));
                        }
                        EdgeKind::SyncRequest => {
                            out.base = f;
                            out.group = Some((0, fleet_key[t]));
                        }
                        EdgeKind::AsyncMessage | EdgeKind::EventTrigger => {
                            out.base.jobs = f.writes + f.jobs
                        }
                        EdgeKind::Replication => out.base.writes = f.writes + f.jobs,
                    }
                    if matches!(kind, EdgeKind::Read | EdgeKind::SyncRequest)
                        && target_kind != NodeKind::Cache
                        && read_caches.contains(&flows.data_key[t])
                    {
                        out.base.reads *= miss;
                        if kind == EdgeKind::SyncRequest {
                            out.base.jobs *= miss;
                        }
                    }
                }
            }
            // An edge to a container ("any member") spreads over the members by instances.
            if let (_, Some(c)) = index.container_ends(e) {
                let mut out = out;
                out.group = Some((5, e));
                for m in index.members(c) {
                    out.target = m;
                    out.weight = weight[m];
                    outs.push(out);
                }
                continue;
            }
            outs.push(out);
        }

        // Share within groups: Σ weight per group, summed in edge order. Sorting by group keeps
        // this linear-ish even for a client with thousands of edges.
        by_group.clear();
        by_group.extend((0..outs.len()).filter(|&i| outs[i].group.is_some()));
        by_group.sort_by_key(|&i| outs[i].group);
        group_total.clear();
        group_total.resize(outs.len(), 0.0);
        for run in by_group.chunk_by(|&a, &b| outs[a].group == outs[b].group) {
            let total: f64 = run.iter().map(|&i| outs[i].weight).sum();
            for &i in run {
                group_total[i] = total;
            }
        }
        for i in 0..outs.len() {
            let share = match outs[i].group {
                Some(_) => outs[i].weight / group_total[i],
                None => 1.0,
            };
            let o = &outs[i];
            let Scale {
                multiplier,
                rate: override_rate,
            } = scale[o.edge];
            let mut carried = o.base.scaled(share * multiplier);
            carried.users = o.base.users * share;
            if let Some(rate) = override_rate {
                carried = with_rate(carried, rate, index.edge_kind(o.edge), w.read_share);
            }
            if !(flows.known[v] || override_rate.is_some()) {
                continue;
            }
            let before = match o.group {
                // The members of one container edge add up to the edge's rate.
                Some((5, _)) => flows.edge_rate[o.edge].unwrap_or(0.0),
                _ => 0.0,
            };
            flows.edge_rate[o.edge] = Some(before + carried.total());
            flows.node[o.target].add(&carried);
            flows.known[o.target] = true;
            if carried.total() > 0.0 || carried.users > 0.0 {
                flows.reached[o.target] = true;
            }
        }
    }
    flows.order = order;
    flows
}

/// `carried` rescaled to `rate` per second; with nothing computed, the rate takes the edge
/// kind's natural composition.
fn with_rate(carried: Flow, rate: f64, kind: EdgeKind, read_share: f64) -> Flow {
    let total = carried.total();
    if total > 0.0 {
        let mut f = carried.scaled(rate / total);
        f.users = carried.users;
        return f;
    }
    let mut f = Flow {
        users: carried.users,
        ..Flow::default()
    };
    match kind {
        EdgeKind::Read => f.reads = rate,
        EdgeKind::Write | EdgeKind::Replication => f.writes = rate,
        EdgeKind::AsyncMessage | EdgeKind::EventTrigger => f.jobs = rate,
        EdgeKind::SyncRequest => {
            f.reads = rate * read_share;
            f.writes = rate * (1.0 - read_share);
        }
    }
    f
}

fn group_hash(s: &str) -> usize {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish() as usize
}

/// Where users arrive when the design draws no client: the nodes that front requests (DNS, CDN,
/// load balancer, API or internet gateway, firewall) with no incoming edge but replication,
/// else the user-facing compute with none (so a CDN in front of a balancer takes the traffic
/// once, and a DNS drawn in front of a balancer hands it on).
fn entry_points(index: &Index<'_>) -> Vec<usize> {
    use NodeKind as K;
    let fronting = |k: NodeKind| {
        matches!(
            k,
            K::Dns | K::Cdn | K::LoadBalancer | K::ApiGateway | K::InternetGateway | K::Firewall
        )
    };
    let serving = |k: NodeKind| matches!(k, K::AppServer | K::WebsocketServer);
    let roots = |want: &dyn Fn(NodeKind) -> bool| -> Vec<usize> {
        index
            .nodes_where(want)
            .filter(|&i| {
                index
                    .in_edges(i)
                    .iter()
                    .all(|&e| index.edge_kind(e) == EdgeKind::Replication)
            })
            .collect()
    };
    let front = roots(&fronting);
    if front.is_empty() {
        roots(&|k| serving(k) || k == K::ServerlessFunction)
    } else {
        front
    }
}

/// Depth-first search in drawn direction from the clients, then from every other node in
/// design order. Returns the reverse post-order (a topological order once the back edges are
/// dropped) and the back edges.
fn topological_order(design: &Design, index: &Index<'_>) -> (Vec<usize>, Vec<bool>) {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let n = design.nodes.len();
    let mut state = vec![NEW; n];
    let mut back = vec![false; design.edges.len()];
    let mut post = Vec::with_capacity(n);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    // Edges that end at a container lead to every member, not only the first.
    let mut members_after: HashMap<usize, Vec<usize>> = HashMap::new();
    for e in 0..design.edges.len() {
        if let ((_, Some(c)), Some(s), Some(_)) =
            (index.container_ends(e), index.source(e), index.target(e))
        {
            members_after.entry(s).or_default().extend(index.members(c));
        }
    }
    for root in index.nodes_of_kind(NodeKind::Client).chain(0..n) {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (v, pos) = *top;
            let outs = index.out_edges(v);
            if pos < outs.len() {
                top.1 += 1;
                let e = outs[pos];
                let Some(t) = index.target(e) else { continue };
                match state[t] {
                    NEW => {
                        state[t] = OPEN;
                        stack.push((t, 0));
                    }
                    OPEN => back[e] = true,
                    _ => {}
                }
            } else if let Some(&t) = members_after
                .get(&v)
                .and_then(|more| more.get(pos - outs.len()))
            {
                top.1 += 1;
                if state[t] == NEW {
                    state[t] = OPEN;
                    stack.push((t, 0));
                }
            } else {
                state[v] = DONE;
                post.push(v);
                stack.pop();
            }
        }
    }
    post.reverse();
    (post, back)
}

/// The data key of each node: the root of its replication chain (so a primary and its replicas
/// share one), a shared key for shards naming the same `shard_of`, itself otherwise.
pub(super) fn data_keys(design: &Design, index: &Index<'_>) -> Vec<usize> {
    let n = design.nodes.len();
    let mut primary_of: Vec<Option<usize>> = vec![None; n];
    for e in 0..design.edges.len() {
        if index.edge_kind(e) == EdgeKind::Replication
            && let Some((s, t)) = index.source(e).zip(index.target(e))
            && primary_of[t].is_none()
            && s != t
        {
            primary_of[t] = Some(s);
        }
    }
    let mut shard_keys: HashMap<&str, usize> = HashMap::new();
    (0..n)
        .map(|i| {
            let node = &design.nodes[i];
            if let Some(of) = &node.props.shard_of {
                let next = n + shard_keys.len();
                return index
                    .node_index(of.as_str())
                    .unwrap_or_else(|| *shard_keys.entry(of.as_str()).or_insert(next));
            }
            let mut root = i;
            // Bounded walk: a replication cycle ends it.
            for _ in 0..32 {
                match primary_of[root] {
                    Some(p) if p != i => root = p,
                    _ => break,
                }
            }
            root
        })
        .collect()
}
