//! The derived view of a design: adjacency and lookup tables plus the derived predicates the
//! rules read (user path, placement, redundancy, zones, replicas, consumers…).
//! It is rebuilt from the design whenever the design changes and is never saved.
//!
//! Every rule reads it, so it is laid out for speed: per-node lists are slices of one flat
//! array (no allocation per node), the facts rules ask about every edge (its ends, who opens
//! it, its kind) are packed arrays read without touching the edge itself, and ids are hashed
//! once, here, with a fast seeded hasher.

use crate::model::props::{DataClass, DeliveryMode, Role, StandbyMode};
use crate::model::{ContainerKind, Design, Edge, EdgeKind, Node, NodeKind, Provider};
use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// Zone or redundancy count standing for "provider-redundant": a managed service that the
/// provider runs across zones counts as unboundedly redundant (guide §3.6).
pub const UNBOUNDED: u32 = u32::MAX;

/// Map from an id to its position, hashed with foldhash (seeded per process, so crafted ids
/// cannot force collisions).
type IdMap<'d> = HashMap<&'d str, usize, foldhash::fast::RandomState>;

fn id_map<'d>(ids: impl ExactSizeIterator<Item = &'d str>) -> IdMap<'d> {
    let mut map = IdMap::with_capacity_and_hasher(ids.len(), Default::default());
    for (i, id) in ids.enumerate() {
        // The last of duplicate ids wins (validation reports the duplicates).
        map.insert(id, i);
    }
    map
}

/// Edge numbers hashed by their ids. It stores numbers only, so the index stays covariant in
/// the design's lifetime (a lazily filled map of `&'d str` would pin it).
struct EdgeIds {
    hasher: foldhash::fast::RandomState,
    table: hashbrown::HashTable<u32>,
}

impl EdgeIds {
    fn new(edges: &[Edge]) -> Self {
        let hasher = foldhash::fast::RandomState::default();
        let hash = |id: &str| hasher.hash_one(id);
        let mut table = hashbrown::HashTable::with_capacity(edges.len());
        for (i, e) in edges.iter().enumerate() {
            let id = e.id.as_str();
            match table.entry(
                hash(id),
                |&j: &u32| edges[j as usize].id.as_str() == id,
                |&j: &u32| hash(edges[j as usize].id.as_str()),
            ) {
                // The last of duplicate ids wins (validation reports the duplicates).
                hashbrown::hash_table::Entry::Occupied(mut slot) => *slot.get_mut() = i as u32,
                hashbrown::hash_table::Entry::Vacant(slot) => {
                    slot.insert(i as u32);
                }
            }
        }
        EdgeIds { hasher, table }
    }

    fn get(&self, edges: &[Edge], id: &str) -> Option<usize> {
        self.table
            .find(self.hasher.hash_one(id), |&j| {
                edges[j as usize].id.as_str() == id
            })
            .map(|&j| j as usize)
    }
}

/// "No such node or container" in the packed tables, which store numbers as `u32` (half the
/// memory of `usize`, so more of them stay in cache; a design holds far fewer than 2³² items,
/// each of which is hundreds of bytes).
const NONE: u32 = u32::MAX;

fn unpack(i: u32) -> Option<usize> {
    (i != NONE).then_some(i as usize)
}

/// Node numbers drawn (transitively) inside container `c`, in design order, before the index
/// exists (a container's parent chain is followed by id; cycles end the walk).
fn members_of(design: &Design, container_by_id: &IdMap<'_>, c: usize) -> Vec<usize> {
    let inside = |start: &str| {
        let mut cur = container_by_id.get(start).copied();
        let mut steps = 0;
        while let Some(k) = cur {
            if k == c {
                return true;
            }
            steps += 1;
            if steps > design.containers.len() {
                return false;
            }
            cur = design.containers[k]
                .parent
                .as_ref()
                .and_then(|p| container_by_id.get(p.as_str()).copied());
        }
        false
    };
    design
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| node.container.as_ref().is_some_and(|k| inside(k.as_str())))
        .map(|(i, _)| i)
        .collect()
}

/// Lists of numbers grouped by owner (edges per node, members per fleet), stored flat: the
/// items of owner `k` are `items[start[k]..start[k + 1]]`, in the order they were given.
struct Groups {
    start: Vec<u32>,
    items: Vec<usize>,
}

impl Groups {
    /// Groups `(owner, item)` pairs over `owners` owners, keeping the pairs' order per owner.
    fn new(owners: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Self {
        let mut start = vec![0u32; owners + 1];
        for (k, _) in pairs.clone() {
            start[k + 1] += 1;
        }
        for k in 0..owners {
            start[k + 1] += start[k];
        }
        let mut fill = start.clone();
        let mut items = vec![0; start[owners] as usize];
        for (k, item) in pairs {
            items[fill[k] as usize] = item;
            fill[k] += 1;
        }
        Groups { start, items }
    }

    fn get(&self, k: usize) -> &[usize] {
        &self.items[self.start[k] as usize..self.start[k + 1] as usize]
    }
}

/// The tables of the edges: each edge's drawn ends, who opens it, its kind and whether it
/// carries user traffic, in one pass over the edges.
struct EdgeTables {
    /// For each edge, its [source, target] node numbers; both [`NONE`] when an end is
    /// dangling. An end at a container stands for its first member.
    ends: Vec<[u32; 2]>,
    /// The edge's responder opens it: an async edge out of a pull queue or stream, which its
    /// consumer polls (guide §1.3).
    pulled: Vec<bool>,
    kinds: Vec<EdgeKind>,
    /// Background or redirect-only: no user waits on it.
    background_or_redirect: Vec<bool>,
    /// Edges with an end at a container: edge number → (source container, target container).
    container_ends: HashMap<usize, (Option<usize>, Option<usize>), foldhash::fast::RandomState>,
}

impl EdgeTables {
    fn new<'d>(
        design: &'d Design,
        node_by_id: &IdMap<'_>,
        container_by_id: &IdMap<'_>,
        node_kinds: &[NodeKind],
    ) -> Self {
        let m = design.edges.len();
        let mut t = EdgeTables {
            ends: Vec::with_capacity(m),
            pulled: Vec::with_capacity(m),
            kinds: Vec::with_capacity(m),
            background_or_redirect: Vec::with_capacity(m),
            container_ends: HashMap::default(),
        };
        // An end at a container stands for the container's first member, in design order
        // (containers are rare edge ends, so members are found only for those).
        let mut representative: HashMap<usize, Option<usize>> = HashMap::new();
        // A component's calls are usually drawn together: the last source looked up is kept.
        let mut last_source: Option<(&'d str, usize)> = None;
        for (ei, e) in design.edges.iter().enumerate() {
            let mut end = |id: &'d str, which: usize| -> Option<usize> {
                if which == 0
                    && let Some((last_id, n)) = last_source
                    && last_id == id
                {
                    return Some(n);
                }
                if let Some(&n) = node_by_id.get(id) {
                    if which == 0 {
                        last_source = Some((id, n));
                    }
                    return Some(n);
                }
                let c = *container_by_id.get(id)?;
                let slot = t.container_ends.entry(ei).or_insert((None, None));
                if which == 0 {
                    slot.0 = Some(c);
                } else {
                    slot.1 = Some(c);
                }
                *representative
                    .entry(c)
                    .or_insert_with(|| members_of(design, container_by_id, c).first().copied())
            };
            let from = end(e.from.as_str(), 0);
            let to = end(e.to.as_str(), 1);
            let (ends, pulled) = match from.zip(to) {
                Some((s, d)) => (
                    [s as u32, d as u32],
                    consumer_polls(e, node_kinds[s], || &design.nodes[s]),
                ),
                None => ([NONE, NONE], false),
            };
            t.ends.push(ends);
            t.pulled.push(pulled);
            t.kinds.push(e.kind);
            t.background_or_redirect
                .push(e.props.background == Some(true) || e.props.redirect_to_https == Some(true));
        }
        t
    }

    fn linked(&self) -> impl Iterator<Item = (usize, usize, usize)> + Clone + '_ {
        self.ends
            .iter()
            .enumerate()
            .filter(|(_, ends)| ends[0] != NONE)
            .map(|(e, &[s, t])| (e, s as usize, t as usize))
    }
}

/// Whether the consumer opens edge `edge` out of `source` (of kind `source_kind`): an async
/// message out of a queue or stream that its consumers poll (a pub/sub topic, or anything
/// with push delivery, pushes to its subscribers).
fn consumer_polls<'n>(
    edge: &Edge,
    source_kind: NodeKind,
    source: impl FnOnce() -> &'n Node,
) -> bool {
    edge.kind == EdgeKind::AsyncMessage
        && source_kind.is_messaging()
        && source_kind != NodeKind::PubSubTopic
        && source().props.delivery_mode != Some(DeliveryMode::Push)
}

/// Derived, read-only view of a [`Design`]. Node, edge and container numbers are positions in
/// the design's `nodes`, `edges` and `containers` vectors.
pub struct Index<'d> {
    pub design: &'d Design,
    node_by_id: IdMap<'d>,
    /// Edge numbers by id, built on first use (the rules and the estimate never look an
    /// edge up by id; the findings' targets do).
    edge_by_id: OnceLock<EdgeIds>,
    container_by_id: IdMap<'d>,
    out_edges: Groups,
    in_edges: Groups,
    /// Each edge's ends, opener, kind and traffic flag: `source`/`target`/`initiator` are
    /// array reads, not string hash lookups or reads of the edge (rules call them a lot).
    edges: EdgeTables,
    /// Placement, fleets, nodes by kind and what caches back: derived from the nodes and
    /// containers alone.
    node_tables: NodeTables<'d>,
    /// Each node's kind, packed: rules that pick nodes by a set of kinds scan this instead of
    /// the nodes (a node is hundreds of bytes; 10,000 of them do not stay in cache).
    kinds: Vec<NodeKind>,
    user_path_nodes: Vec<bool>,
    user_path_edges: Vec<bool>,
    /// Hops from the nearest client along the user path (`None` when off the path).
    user_path_depth: Vec<Option<u32>>,
    /// Where users arrive: the clients, or when none is drawn the inferred entry points.
    entry_points: Vec<usize>,
}

/// The tables derived from the nodes and containers alone (placement, fleets, kinds), which
/// do not need the edges: on a large design they are built beside the edge tables.
struct NodeTables<'d> {
    /// For each node, whether it is drawn inside a private network (a VPC or an on-premises
    /// data centre).
    in_vpc: Vec<bool>,
    /// The design has no VPC container.
    no_vpc_drawn: bool,
    /// For each node, its innermost container ([`NONE`] when none).
    container_of: Vec<u32>,
    /// For each container, its chain from itself outwards.
    container_chain: Vec<Vec<usize>>,
    /// For each node, the number of its fleet in `fleets`.
    fleet_of: Vec<u32>,
    fleets: Groups,
    /// Node numbers of each kind (by `NodeKind as usize`), so rules that look at one kind do
    /// not walk every node.
    by_kind: Groups,
    /// Ids named in some cache's `backs` list.
    cache_backed: HashSet<&'d str, foldhash::fast::RandomState>,
}

impl<'d> NodeTables<'d> {
    fn new(design: &'d Design, container_by_id: &IdMap<'d>) -> Self {
        let n = design.nodes.len();
        let container_chain: Vec<Vec<usize>> = (0..design.containers.len())
            .map(|ci| {
                let mut chain = vec![ci];
                let mut cur = ci;
                while let Some(p) = design.containers[cur]
                    .parent
                    .as_ref()
                    .and_then(|p| container_by_id.get(p.as_str()))
                {
                    if chain.contains(p) {
                        break; // a cycle; validation reports it
                    }
                    chain.push(*p);
                    cur = *p;
                }
                chain
            })
            .collect();
        let container_in_vpc: Vec<bool> = container_chain
            .iter()
            .map(|chain| {
                chain
                    .iter()
                    .any(|&ci| design.containers[ci].kind.is_private_network())
            })
            .collect();
        // The nodes of one container are usually listed together: the last lookup is kept.
        let mut last: Option<(&str, u32)> = None;
        let container_of: Vec<u32> = design
            .nodes
            .iter()
            .map(|node| {
                let id = node.container.as_ref()?.as_str();
                if let Some((last_id, c)) = last
                    && last_id == id
                {
                    return Some(c);
                }
                let c = container_by_id.get(id).map_or(NONE, |&c| c as u32);
                last = Some((id, c));
                Some(c)
            })
            .map(|c| c.unwrap_or(NONE))
            .collect();
        let in_vpc = container_of
            .iter()
            .map(|&c| unpack(c).is_some_and(|ci| container_in_vpc[ci]))
            .collect();

        // The members of an auto-scaling group are one fleet unless they name their own.
        let asg_of = |i: usize| {
            unpack(container_of[i]).and_then(|c| {
                container_chain[c]
                    .iter()
                    .copied()
                    .find(|&k| design.containers[k].kind == ContainerKind::AutoScalingGroup)
            })
        };
        let mut fleet_numbers: IdMap<'d> = IdMap::with_capacity_and_hasher(n, Default::default());
        let fleet_of: Vec<u32> = design
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let key = node.props.fleet.as_deref().unwrap_or_else(|| {
                    asg_of(i).map_or(node.id.as_str(), |c| design.containers[c].id.as_str())
                });
                let next = fleet_numbers.len();
                *fleet_numbers.entry(key).or_insert(next) as u32
            })
            .collect();
        let fleets = Groups::new(
            fleet_numbers.len(),
            fleet_of.iter().map(|&f| f as usize).zip(0..n),
        );

        let by_kind = Groups::new(
            NodeKind::ALL.len(),
            design
                .nodes
                .iter()
                .enumerate()
                .map(|(i, node)| (node.kind as usize, i)),
        );
        let cache_backed = design
            .nodes
            .iter()
            .filter(|node| node.kind == NodeKind::Cache)
            .filter_map(|node| node.props.backs.as_ref())
            .flatten()
            .map(|id| id.as_str())
            .collect();
        NodeTables {
            in_vpc,
            no_vpc_drawn: !design
                .containers
                .iter()
                .any(|c| c.kind.is_private_network()),
            container_of,
            container_chain,
            fleet_of,
            fleets,
            by_kind,
            cache_backed,
        }
    }
}

/// Designs with at least this many nodes build the node tables on a second thread, beside
/// the edge tables; below it, starting a thread costs more than it saves.
const PARALLEL_FROM: usize = 2_000;

impl<'d> Index<'d> {
    /// Builds the index. Unknown ids (which validation reports) are skipped, never a panic.
    pub fn new(design: &'d Design) -> Self {
        let n = design.nodes.len();
        let m = design.edges.len();
        let container_by_id = id_map(design.containers.iter().map(|c| c.id.as_str()));
        let kinds: Vec<NodeKind> = design.nodes.iter().map(|node| node.kind).collect();
        let edge_side = || {
            let node_by_id = id_map(design.nodes.iter().map(|node| node.id.as_str()));
            let edges = EdgeTables::new(design, &node_by_id, &container_by_id, &kinds);
            (node_by_id, edges)
        };
        let ((node_by_id, edges), node_tables) = if n >= PARALLEL_FROM {
            std::thread::scope(|scope| {
                let helper = scope.spawn(|| NodeTables::new(design, &container_by_id));
                let edge_side = edge_side();
                let node_tables = helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (edge_side, node_tables)
            })
        } else {
            (edge_side(), NodeTables::new(design, &container_by_id))
        };

        let out_edges = Groups::new(n, edges.linked().map(|(e, s, _)| (s, e)));
        let in_edges = Groups::new(n, edges.linked().map(|(e, _, t)| (t, e)));

        let mut index = Index {
            design,
            node_by_id,
            edge_by_id: OnceLock::new(),
            container_by_id,
            out_edges,
            in_edges,
            edges,
            node_tables,
            kinds,
            user_path_nodes: vec![false; n],
            user_path_edges: vec![false; m],
            user_path_depth: vec![None; n],
            entry_points: Vec::new(),
        };
        index.entry_points = index.find_entry_points();
        index.compute_user_path();
        index
    }

    /// Where users arrive. The clients when the design draws any; otherwise (real diagrams
    /// often draw no client) the entry points: DNS, CDNs, load balancers and API gateways that
    /// nothing calls, nodes with a public IP, nodes in a public subnet that nothing calls, and
    /// the roots of the request graph (a serving component nothing calls that calls others).
    fn find_entry_points(&self) -> Vec<usize> {
        let clients: Vec<usize> = self.nodes_of_kind(NodeKind::Client).collect();
        if !clients.is_empty() {
            return clients;
        }
        (0..self.design.nodes.len())
            .filter(|&n| {
                let node = self.node(n);
                let called = self.in_edges(n).iter().chain(self.out_edges(n)).any(|&e| {
                    self.edges.kinds[e] != EdgeKind::Replication
                        && self.responder(e) == Some(n)
                        && self.initiator(e) != Some(n)
                });
                if called {
                    return false;
                }
                let calls = self
                    .edges_initiated_by(n)
                    .any(|e| self.edges.kinds[e] == EdgeKind::SyncRequest);
                let front = matches!(
                    node.kind,
                    NodeKind::Dns | NodeKind::Cdn | NodeKind::LoadBalancer | NodeKind::ApiGateway
                );
                let serving = matches!(
                    node.kind,
                    NodeKind::AppServer | NodeKind::WebsocketServer | NodeKind::ServerlessFunction
                );
                front
                    || node.props.public_ip == Some(true)
                    || (self.in_public_subnet(n) && (serving || calls))
                    || (serving && calls)
            })
            .collect()
    }

    /// Where users arrive: every client, or when the design draws none, the inferred entry
    /// points (see the user path, guide §1.7).
    pub fn entry_points(&self) -> &[usize] {
        &self.entry_points
    }

    /// Breadth-first walk from every entry point (the clients, or the inferred entry points
    /// when no client is drawn) along sync/read/write edges, initiator → responder, skipping
    /// background and redirect-only edges; async edges end the walk at the queue.
    fn compute_user_path(&mut self) {
        let mut nodes = std::mem::take(&mut self.user_path_nodes);
        let mut edges = std::mem::take(&mut self.user_path_edges);
        let mut depths = std::mem::take(&mut self.user_path_depth);
        let mut queue = VecDeque::new();
        for &i in &self.entry_points {
            nodes[i] = true;
            depths[i] = Some(0);
            queue.push_back(i);
        }
        while let Some(cur) = queue.pop_front() {
            let depth = depths[cur].unwrap_or(0);
            for ei in self.edges_initiated_by(cur) {
                if self.edges.background_or_redirect[ei] {
                    continue;
                }
                let Some(resp) = self.responder(ei) else {
                    continue;
                };
                match self.edges.kinds[ei] {
                    EdgeKind::SyncRequest | EdgeKind::Read | EdgeKind::Write => {
                        edges[ei] = true;
                        if !nodes[resp] {
                            nodes[resp] = true;
                            depths[resp] = Some(depth + 1);
                            queue.push_back(resp);
                        }
                    }
                    EdgeKind::AsyncMessage => {
                        // The walk ends at the queue or stream: it is on the path, its
                        // consumers are not.
                        edges[ei] = true;
                        if !nodes[resp] {
                            nodes[resp] = true;
                            depths[resp] = Some(depth + 1);
                        }
                    }
                    // An event trigger starts work the user does not wait for (guide §2.8).
                    EdgeKind::Replication | EdgeKind::EventTrigger => {}
                }
            }
        }
        self.user_path_nodes = nodes;
        self.user_path_edges = edges;
        self.user_path_depth = depths;
    }

    /// Edges whose initiator is node `n` (outgoing edges, plus pulled async edges into it).
    pub fn edges_initiated_by(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        // A self-loop is both: it counts twice, as an outgoing and as an incoming edge.
        let self_loop = |e: usize| self.edges.ends[e][0] == self.edges.ends[e][1];
        let out = self.out_edges(n).iter().copied();
        let pulled_in = self.in_edges(n).iter().copied();
        out.filter(move |&e| !self.edges.pulled[e] || self_loop(e))
            .chain(pulled_in.filter(move |&e| self.edges.pulled[e] || self_loop(e)))
    }

    // ----- lookups -----

    /// Node number of an id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.node_by_id.get(id).copied()
    }
    /// Edge number of an id.
    pub fn edge_index(&self, id: &str) -> Option<usize> {
        self.edge_by_id
            .get_or_init(|| EdgeIds::new(&self.design.edges))
            .get(&self.design.edges, id)
    }
    /// Container number of an id.
    pub fn container_index(&self, id: &str) -> Option<usize> {
        self.container_by_id.get(id).copied()
    }
    /// The node with number `n`.
    pub fn node(&self, n: usize) -> &'d Node {
        &self.design.nodes[n]
    }
    /// The edge with number `e`.
    pub fn edge(&self, e: usize) -> &'d Edge {
        &self.design.edges[e]
    }
    /// Outgoing edge numbers of node `n` (drawn direction).
    pub fn out_edges(&self, n: usize) -> &[usize] {
        self.out_edges.get(n)
    }
    /// Incoming edge numbers of node `n` (drawn direction).
    pub fn in_edges(&self, n: usize) -> &[usize] {
        self.in_edges.get(n)
    }
    /// Source node number of edge `e` (None when the id is dangling).
    pub fn source(&self, e: usize) -> Option<usize> {
        self.edges.ends.get(e).and_then(|&[s, _]| unpack(s))
    }
    /// Target node number of edge `e`.
    pub fn target(&self, e: usize) -> Option<usize> {
        self.edges.ends.get(e).and_then(|&[_, t]| unpack(t))
    }
    /// The kind of node `n` (read from a packed table, without touching the node).
    pub fn kind(&self, n: usize) -> NodeKind {
        self.kinds[n]
    }
    /// The kind of edge `e` (read from a packed table, without touching the edge).
    pub fn edge_kind(&self, e: usize) -> EdgeKind {
        self.edges.kinds[e]
    }
    /// Edge `e` is marked `background` or `redirect_to_https`: no user waits on it, so it is
    /// off the user path and carries no traffic unless it states a rate.
    pub fn background_or_redirect(&self, e: usize) -> bool {
        self.edges.background_or_redirect[e]
    }
    /// Every async-message or event-trigger delivery from a queue, stream or topic to a
    /// compute consumer, as `(queue, edge, consumer)` numbers, queues in design order.
    pub fn queue_consumers(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.design
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind.is_messaging())
            .flat_map(move |(q, _)| {
                self.out_edges(q).iter().filter_map(move |&e| {
                    if !self.edges.kinds[e].is_async() {
                        return None;
                    }
                    let c = self.target(e)?;
                    self.node(c).kind.is_compute().then_some((q, e, c))
                })
            })
    }
    /// Node numbers of the nodes whose kind passes `keep`, in design order.
    pub fn nodes_where<'a>(
        &'a self,
        keep: impl Fn(NodeKind) -> bool + 'a,
    ) -> impl Iterator<Item = usize> + 'a {
        self.kinds
            .iter()
            .enumerate()
            .filter(move |&(_, &kind)| keep(kind))
            .map(|(n, _)| n)
    }
    /// Node numbers of every node of `kind`.
    pub fn nodes_of_kind(&self, kind: NodeKind) -> impl Iterator<Item = usize> + '_ {
        self.node_tables.by_kind.get(kind as usize).iter().copied()
    }

    // ----- who opens the connection (§1.3) -----

    /// `initiator(e)`: for async edges out of a pull queue or stream, the consumer; otherwise the
    /// source.
    pub fn initiator(&self, e: usize) -> Option<usize> {
        self.ends(e).map(|(i, _)| i)
    }

    /// `responder(e)`: the other end from the initiator.
    pub fn responder(&self, e: usize) -> Option<usize> {
        self.ends(e).map(|(_, r)| r)
    }

    /// `(initiator(e), responder(e))` with one lookup of each end (cheaper than calling both).
    pub fn ends(&self, e: usize) -> Option<(usize, usize)> {
        let [s, t] = self.edges.ends[e];
        if s == NONE {
            None
        } else if self.edges.pulled[e] {
            Some((t as usize, s as usize))
        } else {
            Some((s as usize, t as usize))
        }
    }

    // ----- containers as edge ends, providers, fleets -----

    /// For an edge with an end at a container ("any member"), the (source, target) container
    /// numbers, `None` for an end at a node; `(None, None)` for an edge between nodes.
    /// [`Index::source`] and [`Index::target`] give the container's first member for such an
    /// end, so rules that follow edges see a member.
    pub fn container_ends(&self, e: usize) -> (Option<usize>, Option<usize>) {
        self.edges
            .container_ends
            .get(&e)
            .copied()
            .unwrap_or((None, None))
    }

    /// Node numbers drawn (transitively) inside container `c`, in design order.
    pub fn members(&self, c: usize) -> Vec<usize> {
        (0..self.design.nodes.len())
            .filter(|&n| self.inside(n, c))
            .collect()
    }

    /// Who runs node `n`: the provider of its nearest container that states one, else the
    /// design's. A node in an on-premises data centre with no stated provider is `on_prem`.
    pub fn provider_of(&self, n: usize) -> Option<Provider> {
        let chain = self.containers_of(n);
        chain
            .iter()
            .find_map(|&c| self.design.containers[c].props.provider)
            .or_else(|| {
                chain
                    .iter()
                    .any(|&c| self.design.containers[c].kind == ContainerKind::OnPremDataCenter)
                    .then_some(Provider::OnPrem)
            })
            .or(self.design.provider)
    }

    /// The fewest instances node `n` runs on: its `instances` [1], raised to its
    /// `autoscale_min` when it autoscales, and to the `min_instances` of an auto-scaling group
    /// it is drawn in (the group's members are one fleet, guide §3.6).
    pub fn effective_min_instances(&self, n: usize) -> u32 {
        let p = &self.node(n).props;
        let own = p.instances.unwrap_or(1);
        let auto = match p.autoscale {
            Some(false) => 0,
            _ => p.autoscale_min.unwrap_or(0),
        };
        own.max(auto).max(self.asg_min(n))
    }

    /// The `min_instances` of the nearest auto-scaling group holding node `n` (0 when none).
    fn asg_min(&self, n: usize) -> u32 {
        self.enclosing(n, ContainerKind::AutoScalingGroup)
            .and_then(|c| self.design.containers[c].props.min_instances)
            .unwrap_or(0)
    }

    // ----- placement (§1.2, §1.7) -----

    /// Innermost container of node `n`.
    pub fn innermost(&self, n: usize) -> Option<usize> {
        unpack(self.node_tables.container_of[n])
    }
    /// Container numbers holding node `n`, innermost first (transitive membership).
    pub fn containers_of(&self, n: usize) -> &[usize] {
        unpack(self.node_tables.container_of[n])
            .map_or(&[], |c| &self.node_tables.container_chain[c])
    }
    /// Container chain of container `c`, itself first, outermost last.
    pub fn container_ancestors(&self, c: usize) -> &[usize] {
        &self.node_tables.container_chain[c]
    }
    /// `inside(n, K)`: node `n` sits (transitively) in container `c`.
    pub fn inside(&self, n: usize, c: usize) -> bool {
        self.containers_of(n).contains(&c)
    }
    /// The nearest enclosing container of `kind`, if any.
    pub fn enclosing(&self, n: usize, kind: ContainerKind) -> Option<usize> {
        self.containers_of(n)
            .iter()
            .copied()
            .find(|&c| self.design.containers[c].kind == kind)
    }
    /// Whether node `n` is drawn inside a private network: a VPC or an on-premises data centre
    /// ([`ContainerKind::is_private_network`]).
    pub fn in_vpc(&self, n: usize) -> bool {
        self.node_tables.in_vpc.get(n).copied().unwrap_or(false)
    }
    /// `outside(n)`: drawn in no VPC container.
    pub fn outside(&self, n: usize) -> bool {
        !self.in_vpc(n)
    }
    /// Drawn in a public subnet.
    pub fn in_public_subnet(&self, n: usize) -> bool {
        self.enclosing(n, ContainerKind::PublicSubnet).is_some()
    }
    /// Drawn in a private subnet.
    pub fn in_private_subnet(&self, n: usize) -> bool {
        self.enclosing(n, ContainerKind::PrivateSubnet).is_some()
    }
    /// The availability zone node `n` is drawn in.
    pub fn zone_of(&self, n: usize) -> Option<usize> {
        self.enclosing(n, ContainerKind::AvailabilityZone)
    }
    /// The region node `n` is drawn in.
    pub fn region_of(&self, n: usize) -> Option<usize> {
        self.enclosing(n, ContainerKind::Region)
    }

    // ----- edge placement (§1.7) -----

    /// `internal(e)`: both endpoints sit inside VPC containers; or, in a design that draws no
    /// VPC at all, neither endpoint is on the internet side (a client, CDN, DNS or external
    /// service): the components then share one unnamed network, and a hop between two of
    /// them does not cross the internet (guide §1.7).
    pub fn internal(&self, e: usize) -> bool {
        let Some((a, b)) = self.source(e).zip(self.target(e)) else {
            return false;
        };
        if self.node_tables.no_vpc_drawn {
            !self.internet_side(a) && !self.internet_side(b)
        } else {
            self.in_vpc(a) && self.in_vpc(b)
        }
    }
    /// A node that lives on the internet side of any network: a client, a CDN, DNS or an
    /// external service.
    pub fn internet_side(&self, n: usize) -> bool {
        matches!(
            self.node(n).kind,
            NodeKind::Client | NodeKind::Cdn | NodeKind::Dns | NodeKind::ExternalService
        )
    }
    /// Whether the design draws no VPC container at all (one unnamed network).
    pub fn no_vpc_drawn(&self) -> bool {
        self.node_tables.no_vpc_drawn
    }
    /// `same_host(e)`: both endpoints share a `host`.
    pub fn same_host(&self, e: usize) -> bool {
        match (self.source(e), self.target(e)) {
            (Some(a), Some(b)) => {
                let (ha, hb) = (&self.node(a).props.host, &self.node(b).props.host);
                ha.is_some() && ha == hb
            }
            _ => false,
        }
    }
    /// `public(e)`: the edge crosses the internet or a provider network.
    pub fn public(&self, e: usize) -> bool {
        !self.internal(e) && !self.same_host(e)
    }

    // ----- user path (§1.7) -----

    /// Whether node `n` is on a user path.
    pub fn on_user_path(&self, n: usize) -> bool {
        self.user_path_nodes[n]
    }
    /// Whether edge `e` is walked by a user path.
    pub fn edge_on_user_path(&self, e: usize) -> bool {
        self.user_path_edges[e]
    }
    /// Hops from the nearest client (0 for clients), `None` when off the user path. Rules use
    /// it to rank findings: the closer to the user, the more central.
    pub fn user_path_depth(&self, n: usize) -> Option<u32> {
        self.user_path_depth[n]
    }

    /// Nodes reachable from `n` by following edges initiator → responder (any kind but
    /// replication), excluding `n` itself.
    pub fn downstream(&self, n: usize) -> Vec<usize> {
        let mut seen = HashSet::from([n]);
        let mut queue = VecDeque::from([n]);
        let mut out = Vec::new();
        while let Some(cur) = queue.pop_front() {
            for ei in self.edges_initiated_by(cur) {
                if self.edges.kinds[ei] == EdgeKind::Replication {
                    continue;
                }
                if let Some(r) = self.responder(ei)
                    && seen.insert(r)
                {
                    out.push(r);
                    queue.push_back(r);
                }
            }
        }
        out
    }

    /// Nodes from which `n` is reachable (the reverse of [`Index::downstream`]).
    pub fn upstream(&self, n: usize) -> Vec<usize> {
        let mut seen = HashSet::from([n]);
        let mut queue = VecDeque::from([n]);
        let mut out = Vec::new();
        while let Some(cur) = queue.pop_front() {
            for &ei in self.in_edges(cur).iter().chain(self.out_edges(cur)) {
                if self.edges.kinds[ei] == EdgeKind::Replication || self.responder(ei) != Some(cur)
                {
                    continue;
                }
                if let Some(i) = self.initiator(ei)
                    && seen.insert(i)
                {
                    out.push(i);
                    queue.push_back(i);
                }
            }
        }
        out
    }

    // ----- redundancy (§1.7) -----

    /// `fleet(n)`: node numbers sharing n's fleet id (n alone by default).
    pub fn fleet(&self, n: usize) -> &[usize] {
        self.node_tables
            .fleets
            .get(self.node_tables.fleet_of[n] as usize)
    }

    /// `redundancy(n)`: [`UNBOUNDED`] if provider-redundant; for caches 1 + `replicas` summed
    /// over the fleet; otherwise Σ `instances` over the fleet.
    pub fn redundancy(&self, n: usize) -> u32 {
        let fleet = self.fleet(n);
        if fleet
            .iter()
            .any(|&m| self.node(m).props.provider_redundant == Some(true))
        {
            return UNBOUNDED;
        }
        if self.node(n).kind == NodeKind::Cache {
            fleet
                .iter()
                .filter(|&&m| self.node(m).kind == NodeKind::Cache)
                .map(|&m| 1u32.saturating_add(self.node(m).props.replicas.unwrap_or(0)))
                .fold(0, u32::saturating_add)
        } else {
            // Counts saturate: `replicas: 4294967295` is many copies, never none. An
            // auto-scaling group's minimum counts for its whole fleet.
            let members = fleet.iter().map(|&m| {
                let p = &self.node(m).props;
                let auto = match p.autoscale {
                    Some(false) => 0,
                    _ => p.autoscale_min.unwrap_or(0),
                };
                p.instances.unwrap_or(1).max(auto)
            });
            members.fold(0, u32::saturating_add).max(self.asg_min(n))
        }
    }

    /// `zones(n)`: [`UNBOUNDED`] if the group is provider-redundant, else the larger of
    /// `az_count` and the number of distinct AZ containers holding the group; at least 1. The
    /// group is the fleet, plus (for a database primary) the standbys it replicates to.
    pub fn zones(&self, n: usize) -> u32 {
        let mut group: Vec<usize> = self.fleet(n).to_vec();
        if self.node(n).kind.is_database() {
            group.extend(self.standbys_of(n));
        }
        if group
            .iter()
            .any(|&m| self.node(m).props.provider_redundant == Some(true))
        {
            return UNBOUNDED;
        }
        let az_count = group
            .iter()
            .filter_map(|&m| self.node(m).props.az_count)
            .max()
            .unwrap_or(0);
        let drawn: HashSet<usize> = group.iter().filter_map(|&m| self.zone_of(m)).collect();
        az_count.max(drawn.len() as u32).max(1)
    }

    // ----- data stores (§1.7) -----

    /// Targets of replication edges from `p` whose role is `standby`.
    pub fn standbys_of(&self, p: usize) -> Vec<usize> {
        self.replication_targets(p)
            .filter(|&t| self.node(t).props.role == Some(Role::Standby))
            .collect()
    }

    /// `replicas_of(p)`: read replicas (or `role=replica` nodes) fed by a replication edge from p.
    pub fn replicas_of(&self, p: usize) -> Vec<usize> {
        self.replication_targets(p)
            .filter(|&t| {
                let node = self.node(t);
                node.kind == NodeKind::ReadReplica || node.props.role == Some(Role::Replica)
            })
            .collect()
    }

    fn replication_targets(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        self.out_edges(p)
            .iter()
            .filter(|&&e| self.edges.kinds[e] == EdgeKind::Replication)
            .filter_map(move |&e| self.target(e))
    }

    /// `has_standby(p)`: `standby ∈ {sync, async}` or a replication edge to a standby.
    pub fn has_standby(&self, p: usize) -> bool {
        matches!(
            self.node(p).props.standby,
            Some(StandbyMode::Sync | StandbyMode::Async)
        ) || !self.standbys_of(p).is_empty()
    }

    /// Caches whose `backs` list names node `db`.
    pub fn caches_fronting(&self, db: usize) -> Vec<usize> {
        let id = &self.node(db).id;
        self.nodes_of_kind(NodeKind::Cache)
            .filter(|&c| {
                self.node(c)
                    .props
                    .backs
                    .as_ref()
                    .is_some_and(|b| b.contains(id))
            })
            .collect()
    }

    /// `cache_fronts(db)`: some cache backs `db`.
    pub fn cache_fronts(&self, db: usize) -> bool {
        self.node_tables
            .cache_backed
            .contains(self.node(db).id.as_str())
    }

    /// `consumers(q)`: compute nodes that receive async edges or event triggers leaving q
    /// (routes to other queues or streams are not consumers).
    pub fn consumers(&self, q: usize) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .out_edges(q)
            .iter()
            .filter(|&&e| self.edges.kinds[e].is_async())
            .filter_map(|&e| self.target(e))
            .filter(|&t| self.node(t).kind.is_compute())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The logical service of node `n`: its `service`, else its `fleet` id (the members of one
    /// fleet run the same program, so they are one service), else the node id.
    pub fn service(&self, n: usize) -> &'d str {
        let node = self.node(n);
        node.props
            .service
            .as_deref()
            .or(node.props.fleet.as_deref())
            .unwrap_or(node.id.as_str())
    }

    /// `services(S)`: distinct service names over the nodes in `nodes`.
    pub fn services(&self, nodes: &[usize]) -> Vec<&'d str> {
        let mut v: Vec<&str> = nodes.iter().map(|&n| self.service(n)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// `sensitive(n)`: holds PII, credentials, payment data, user files, messages or tenant
    /// data; an unset `data_classes` on a database, replica, shard or bucket counts as sensitive.
    pub fn sensitive(&self, n: usize) -> bool {
        let node = self.node(n);
        match &node.props.data_classes {
            Some(classes) => classes.iter().any(|c| *c != DataClass::Public),
            None => node.kind.is_database() || node.kind == NodeKind::ObjectStorage,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Design, Node, Pos};

    #[test]
    fn ends_swaps_pulled_async_edges() {
        use crate::model::{Edge, EdgeKind};
        let mut d = Design::empty("t");
        d.nodes
            .push(Node::new("q", NodeKind::MessageQueue, Pos::default()));
        d.nodes
            .push(Node::new("w", NodeKind::Worker, Pos::default()));
        d.edges
            .push(Edge::new("q_w", "q", "w", EdgeKind::AsyncMessage, None));
        d.edges
            .push(Edge::new("w_q", "w", "q", EdgeKind::AsyncMessage, None));
        let ix = Index::new(&d);
        assert_eq!(ix.ends(0), Some((1, 0)), "the worker polls the queue");
        assert_eq!(
            ix.ends(1),
            Some((1, 0)),
            "the worker publishes to the queue"
        );
        assert_eq!(ix.ends(0), ix.initiator(0).zip(ix.responder(0)));
    }

    #[test]
    fn service_defaults_to_fleet_then_node_id() {
        let mut d = Design::empty("t");
        for (id, fleet, service) in [
            ("api_a", Some("api"), None),
            ("api_b", Some("api"), None),
            ("admin", None, None),
            ("billing_1", Some("billing_pool"), Some("billing")),
        ] {
            let mut n = Node::new(id, NodeKind::Worker, Pos::default());
            n.props.fleet = fleet.map(str::to_owned);
            n.props.service = service.map(str::to_owned);
            d.nodes.push(n);
        }
        let ix = Index::new(&d);
        assert_eq!(ix.service(0), "api");
        assert_eq!(ix.service(2), "admin");
        assert_eq!(ix.service(3), "billing");
        assert_eq!(ix.services(&[0, 1]), vec!["api"]);
        assert_eq!(ix.services(&[0, 1, 2, 3]), vec!["admin", "api", "billing"]);
    }
}
