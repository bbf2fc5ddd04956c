//! What if something fails or traffic grows. User flows are the requests entry points make
//! (every connection a client opens, or a compute node nobody calls), with what each needs:
//! the components reachable from it along the calls it makes, in a petgraph graph. Failing
//! components, zones or connections then tells, per flow, whether it works, works degraded (and
//! by what) or breaks (and why), the load on the survivors, and what queues buffer. Redundancy
//! comes only from [`super::failure::TABLE`]; dominators (petgraph) name the component that
//! every path to a lost dependency went through. Traffic growth scales the capacity estimate.

use super::failure::{self, Loss, ZoneLoss};
use crate::capacity::{Estimate, format};
use crate::critique::Analysis;
use crate::index::Index;
use crate::model::{ContainerKind, Design, EdgeKind, NodeKind};
use petgraph::algo::dominators::{self, Dominators};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::HashMap;

/// Something to fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// One machine of a component (a fleet loses one instance, a database its primary).
    Node(usize),
    /// A container and everything in it: a zone or a subnet fails as a zone; a region or VPC
    /// takes everything inside it down.
    Container(usize),
    /// A connection.
    Edge(usize),
}

/// How a flow fares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Works,
    Degraded,
    Breaks,
}

impl Verdict {
    /// `works`, `degraded`, `breaks`.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Works => "works",
            Verdict::Degraded => "degraded",
            Verdict::Breaks => "breaks",
        }
    }
}

/// One user flow: a request an entry point makes and what it reaches.
#[derive(Clone, Debug)]
pub struct Flow {
    /// The request it serves: the entry connection's label, or `client → target`.
    pub name: String,
    /// The entry connection.
    pub edge: usize,
    /// The node that opens it (a client, or a compute node nobody calls).
    pub entry: usize,
    /// Components the request reaches synchronously (up to and including queues), BFS order;
    /// the first is the entry connection's responder.
    pub nodes: Vec<usize>,
    /// Components behind a queue or stream: their loss delays work, the queue holds it.
    pub deferred: Vec<usize>,
    /// The flow's own graph (node weights are design node numbers).
    graph: DiGraph<usize, usize>,
    /// Dominators of `graph` from the first node.
    doms: Dominators<NodeIndex>,
}

/// A design prepared for what-if questions: its index, estimate and flows.
pub struct WhatIf<'d> {
    pub index: Index<'d>,
    pub estimate: Estimate,
    pub flows: Vec<Flow>,
    /// For each node, the flows that reach it (synchronously or behind a queue).
    flows_of: Vec<Vec<usize>>,
}

/// The state of one component under a failure.
#[derive(Clone, Debug, PartialEq)]
enum State {
    /// Serves from redundancy: reason; for a fleet, instances lost and total.
    Degraded(String, Option<(u32, u32)>),
    /// Gone, callers go around it.
    Bypassed(String),
    /// Gone.
    Down(String),
}

/// How one flow fares under a failure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowOutcome {
    pub flow: String,
    pub verdict: Verdict,
    /// Why, in plain words: one line per lost or degraded dependency.
    pub reasons: Vec<String>,
}

/// The load on a fleet's survivors after failover.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SurvivorLoad {
    pub id: String,
    pub lost: u32,
    pub of: u32,
    /// Load per survivor relative to before (`k / (k − lost)`; 1.5 for 3 → 2).
    pub factor: f64,
    pub utilisation_before: Option<f64>,
    pub utilisation_after: Option<f64>,
}

/// How one component fares under a failure (only components the failure touches).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComponentOutcome {
    pub id: String,
    /// Its index in the design's nodes.
    #[serde(skip)]
    pub node: usize,
    /// `degraded` (serves from redundancy, or callers go around it) or `breaks` (lost
    /// service: down, cut off, or its survivors over capacity).
    pub verdict: Verdict,
    /// Whether it was failed on purpose (one of the ids asked for).
    pub failed: bool,
    /// Why, in plain words.
    pub reason: String,
}

/// Everything a failure does.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// What was failed, in words.
    pub failed: Vec<String>,
    /// Parallel to [`WhatIf::flows`].
    pub flows: Vec<FlowOutcome>,
    /// The components the failure touches, in design order.
    pub components: Vec<ComponentOutcome>,
    pub survivors: Vec<SurvivorLoad>,
    /// What queues and streams hold while their consumers are down.
    pub buffering: Vec<String>,
}

impl Outcome {
    /// Flows that break.
    pub fn broken(&self) -> impl Iterator<Item = &FlowOutcome> {
        self.flows.iter().filter(|f| f.verdict == Verdict::Breaks)
    }
}

/// One entry of `--chaos`: a component or zone whose loss breaks flows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChaosHit {
    /// `node` or `zone`.
    pub what: &'static str,
    pub id: String,
    /// The flows it breaks, with the first reason of each.
    pub breaks: Vec<FlowOutcome>,
}

/// One component under more traffic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Saturation {
    pub id: String,
    pub utilisation_now: f64,
    /// Utilisation at the asked multiple.
    pub utilisation: f64,
    /// The multiple of today's load at which it reaches 100 %.
    pub saturates_at: f64,
    /// The guide's next scaling step for it.
    pub next_step: &'static str,
}

/// Parse error of a `--fail` id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownId(pub String);

impl<'d> WhatIf<'d> {
    /// Prepares a design: index, capacity estimate and flows.
    pub fn new(design: &'d Design) -> Self {
        let index = Index::new(design);
        let estimate = crate::capacity::estimate(design, &index);
        Self::with(index, estimate)
    }

    /// Prepares a design whose analysis the caller already has.
    pub fn from_analysis(design: &'d Design, analysis: &Analysis) -> Self {
        Self::with(Index::new(design), analysis.estimate.clone())
    }

    /// Prepares a design with an estimate the caller already has (the editor's, which assumes
    /// a workload when the design states none); `None` when the estimate is not of this design
    /// (another number of components).
    pub fn with_estimate(design: &'d Design, estimate: Estimate) -> Option<Self> {
        (estimate.nodes.len() == design.nodes.len())
            .then(|| Self::with(Index::new(design), estimate))
    }

    fn with(index: Index<'d>, estimate: Estimate) -> Self {
        let flows = flows(&index);
        let mut flows_of = vec![Vec::new(); index.design.nodes.len()];
        for (f, flow) in flows.iter().enumerate() {
            for &n in flow.nodes.iter().chain(&flow.deferred) {
                flows_of[n].push(f);
            }
        }
        Self {
            index,
            estimate,
            flows,
            flows_of,
        }
    }

    /// Turns ids into targets: a node, a container or an edge id.
    pub fn targets(&self, ids: &[&str]) -> Result<Vec<Target>, UnknownId> {
        ids.iter()
            .map(|id| {
                let id = id.trim();
                self.index
                    .node_index(id)
                    .map(Target::Node)
                    .or_else(|| self.index.container_index(id).map(Target::Container))
                    .or_else(|| self.index.edge_index(id).map(Target::Edge))
                    .ok_or_else(|| UnknownId(id.to_owned()))
            })
            .collect()
    }

    /// What failing `targets` together does to every flow.
    pub fn fail(&self, targets: &[Target]) -> Outcome {
        let (states, cut) = self.states(targets);
        let touched: Vec<usize> = {
            let mut t: Vec<usize> = states
                .keys()
                .flat_map(|&n| self.flows_of[n].iter().copied())
                .chain(cut.iter().flat_map(|&e| {
                    let ix = &self.index;
                    ix.ends(e)
                        .map(|(a, _)| self.flows_of[a].clone())
                        .unwrap_or_default()
                }))
                .chain(
                    self.flows
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| cut.contains(&f.edge))
                        .map(|(i, _)| i),
                )
                .collect();
            t.sort_unstable();
            t.dedup();
            t
        };
        let mut flows = Vec::with_capacity(self.flows.len());
        let mut buffering = Vec::new();
        let mut lost: Vec<(usize, String)> = Vec::new();
        let mut touched_iter = touched.iter().peekable();
        for (i, flow) in self.flows.iter().enumerate() {
            if touched_iter.peek() == Some(&&i) {
                touched_iter.next();
                flows.push(self.judge(flow, &states, &cut, &mut buffering, &mut lost));
            } else {
                flows.push(FlowOutcome {
                    flow: flow.name.clone(),
                    verdict: Verdict::Works,
                    reasons: Vec::new(),
                });
            }
        }
        buffering.sort();
        buffering.dedup();
        let survivors = self.survivors(&states);
        // Survivors above 100 % of capacity cannot carry the load: the flows through them
        // break (guide §3.10).
        for s in survivors
            .iter()
            .filter(|s| s.utilisation_after.is_some_and(|u| u > 1.0))
        {
            let Some(n) = self.index.node_index(&s.id) else {
                continue;
            };
            let why = format!(
                "the survivors of `{}` would run at {} of capacity",
                s.id,
                format::percent(s.utilisation_after.unwrap_or(0.0))
            );
            for &f in &self.flows_of[n] {
                let out = &mut flows[f];
                out.verdict = Verdict::Breaks;
                out.reasons.push(why.clone());
            }
            lost.push((n, why));
        }
        let components = self.components(targets, &states, lost);
        Outcome {
            failed: targets.iter().map(|t| self.describe(*t)).collect(),
            flows,
            components,
            survivors,
            buffering,
        }
    }

    /// Fails every component, then every availability zone, one at a time, and lists those
    /// whose loss breaks a flow: the simulated single points of failure.
    pub fn chaos(&self) -> Vec<ChaosHit> {
        let ix = &self.index;
        let mut hits = Vec::new();
        for n in 0..ix.design.nodes.len() {
            if ix.node(n).kind == NodeKind::Client || self.flows_of[n].is_empty() {
                continue;
            }
            let out = self.fail(&[Target::Node(n)]);
            let breaks: Vec<FlowOutcome> = out.broken().cloned().collect();
            if !breaks.is_empty() {
                hits.push(ChaosHit {
                    what: "node",
                    id: ix.node(n).id.to_string(),
                    breaks,
                });
            }
        }
        for (c, container) in ix.design.containers.iter().enumerate() {
            if container.kind != ContainerKind::AvailabilityZone {
                continue;
            }
            let out = self.fail(&[Target::Container(c)]);
            let breaks: Vec<FlowOutcome> = out.broken().cloned().collect();
            if !breaks.is_empty() {
                hits.push(ChaosHit {
                    what: "zone",
                    id: container.id.to_string(),
                    breaks,
                });
            }
        }
        hits
    }

    /// Per-component utilisation at `multiple` × today's load, most utilised first. Loads scale
    /// linearly with traffic; managed services that scale with demand have no figure.
    pub fn traffic(&self, multiple: f64) -> Vec<Saturation> {
        let ix = &self.index;
        let mut out: Vec<Saturation> = self
            .estimate
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(n, e)| {
                let u = e.utilisation.filter(|u| *u > 0.0 && u.is_finite())?;
                Some(Saturation {
                    id: ix.node(n).id.to_string(),
                    utilisation_now: u,
                    utilisation: u * multiple,
                    saturates_at: 1.0 / u,
                    next_step: next_step(ix, n),
                })
            })
            .collect();
        out.sort_by(|a, b| {
            a.saturates_at
                .total_cmp(&b.saturates_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }

    /// The multiple of today's load that `users` concurrent users are (`None` when the
    /// estimate has no user figure).
    pub fn users_multiple(&self, users: f64) -> Option<f64> {
        let now = self.estimate.workload.as_ref()?.concurrent_users?;
        (now > 0.0).then(|| users / now)
    }

    /// Describes a target in words.
    pub fn describe(&self, t: Target) -> String {
        let d = self.index.design;
        match t {
            Target::Node(n) => crate::critique::describe(&d.nodes[n]),
            Target::Container(c) => {
                let kind = crate::model::catalog::container_info(d.containers[c].kind).name;
                format!(
                    "{} `{}` and everything in it",
                    kind.to_lowercase(),
                    d.containers[c].id
                )
            }
            Target::Edge(e) => {
                format!("connection {}", crate::critique::describe_edge(&d.edges[e]))
            }
        }
    }

    /// The state of every affected component, and the cut connections.
    fn states(&self, targets: &[Target]) -> (HashMap<usize, State>, Vec<usize>) {
        let ix = &self.index;
        let mut states: HashMap<usize, State> = HashMap::new();
        let mut cut = Vec::new();
        let worse = |states: &mut HashMap<usize, State>, n: usize, s: State| {
            let rank = |s: &State| match s {
                State::Degraded(..) => 1,
                State::Bypassed(_) => 2,
                State::Down(_) => 3,
            };
            let cur = states.get(&n).map_or(0, rank);
            if rank(&s) > cur {
                states.insert(n, s);
            }
        };
        for &t in targets {
            match t {
                Target::Edge(e) => cut.push(e),
                Target::Node(n) => worse(&mut states, n, self.node_loss(n)),
                Target::Container(c) => {
                    let container = &ix.design.containers[c];
                    let zone = failure::fails_as_zone(container.kind);
                    for n in 0..ix.design.nodes.len() {
                        if !ix.inside(n, c) {
                            continue;
                        }
                        let s = if zone {
                            self.zone_loss(n, &container.id.to_string())
                        } else {
                            State::Down(format!("it is in `{}`, which is down", container.id))
                        };
                        worse(&mut states, n, s);
                    }
                }
            }
        }
        (states, cut)
    }

    fn node_loss(&self, n: usize) -> State {
        let ix = &self.index;
        match failure::entry(ix, n).loss {
            Loss::Covered(why) => State::Degraded(why.to_owned(), None),
            Loss::Fleet => {
                let k = ix.redundancy(n);
                State::Degraded(
                    format!("{} of {k} instances keep serving", k - 1),
                    Some((1, k)),
                )
            }
            Loss::Bypassed(why) => State::Bypassed(why.to_owned()),
            Loss::Outage(why) => State::Down(why.to_owned()),
        }
    }

    fn zone_loss(&self, n: usize, zone: &str) -> State {
        let ix = &self.index;
        let entry = failure::entry(ix, n);
        match entry.zone {
            ZoneLoss::Survives => State::Degraded(
                "it runs across zones, outside the failed one".to_owned(),
                None,
            ),
            ZoneLoss::IfSpread if ix.zones(n) >= 2 => match entry.loss {
                Loss::Fleet => {
                    let (lost, k) = failure::zone_share(ix, n);
                    State::Degraded(
                        format!(
                            "{} of {k} instances keep serving in the other zones",
                            k - lost
                        ),
                        Some((lost, k)),
                    )
                }
                Loss::Covered(why) => State::Degraded(why.to_owned(), None),
                Loss::Bypassed(why) => State::Bypassed(why.to_owned()),
                Loss::Outage(why) => State::Down(why.to_owned()),
            },
            ZoneLoss::IfSpread => match entry.loss {
                Loss::Bypassed(why) => State::Bypassed(why.to_owned()),
                _ => State::Down(format!("it runs only in `{zone}`, which is down")),
            },
        }
    }

    fn judge(
        &self,
        flow: &Flow,
        states: &HashMap<usize, State>,
        cut: &[usize],
        buffering: &mut Vec<String>,
        lost: &mut Vec<(usize, String)>,
    ) -> FlowOutcome {
        let ix = &self.index;
        let id = |n: usize| ix.node(n).id.to_string();
        let gone = |n: usize| matches!(states.get(&n), Some(State::Down(_) | State::Bypassed(_)));
        let mut reasons = Vec::new();
        let mut verdict = Verdict::Works;
        let mut worsen = |v: Verdict, why: String, reasons: &mut Vec<String>| {
            verdict = verdict.max(v);
            reasons.push(why);
        };
        if cut.contains(&flow.edge) {
            worsen(
                Verdict::Breaks,
                format!(
                    "its connection {} failed",
                    crate::critique::describe_edge(ix.edge(flow.edge))
                ),
                &mut reasons,
            );
            return FlowOutcome {
                flow: flow.name.clone(),
                verdict,
                reasons,
            };
        }
        // Reachability from the first node, around what is gone and what is cut.
        let g = &flow.graph;
        let mut reached = vec![false; g.node_count()];
        let root = NodeIndex::new(0);
        if !gone(g[root]) {
            reached[0] = true;
            let mut stack = vec![root];
            while let Some(cur) = stack.pop() {
                for e in g.edges(cur) {
                    use petgraph::visit::EdgeRef;
                    let t = e.target();
                    if reached[t.index()] || gone(g[t]) || cut.contains(e.weight()) {
                        continue;
                    }
                    reached[t.index()] = true;
                    stack.push(t);
                }
            }
        }
        let is_sink = |li: usize| g.edges(NodeIndex::new(li)).next().is_none();
        let sinks_reached = (0..flow.nodes.len()).all(|li| {
            !is_sink(li)
                || reached[li]
                || matches!(states.get(&flow.nodes[li]), Some(State::Bypassed(_)))
        });
        for (li, &n) in flow.nodes.iter().enumerate() {
            let local = NodeIndex::new(li);
            let sink = is_sink(li);
            match states.get(&n) {
                Some(State::Down(why)) if sink || li == 0 || !sinks_reached => worsen(
                    Verdict::Breaks,
                    format!("`{}` is down: {why}", id(n)),
                    &mut reasons,
                ),
                Some(State::Down(why)) => worsen(
                    Verdict::Degraded,
                    format!("`{}` is down ({why}); the flow goes around it", id(n)),
                    &mut reasons,
                ),
                Some(State::Bypassed(why)) => worsen(
                    Verdict::Degraded,
                    format!("`{}` is down: {why}", id(n)),
                    &mut reasons,
                ),
                Some(State::Degraded(why, _)) if reached[li] => worsen(
                    Verdict::Degraded,
                    format!("`{}` runs reduced: {why}", id(n)),
                    &mut reasons,
                ),
                _ if sink && !reached[li] && li != 0 => {
                    // Who cut it off: the nearest dominator that is gone.
                    let culprit = flow
                        .doms
                        .strict_dominators(local)
                        .into_iter()
                        .flatten()
                        .map(|d| g[d])
                        .find(|&d| gone(d));
                    let why = match culprit {
                        Some(d) => format!("every path to it goes through `{}`", id(d)),
                        None => "every path to it goes through a failed component".to_owned(),
                    };
                    lost.push((n, format!("cannot be reached: {why}")));
                    worsen(
                        Verdict::Breaks,
                        format!("`{}` cannot be reached: {why}", id(n)),
                        &mut reasons,
                    );
                }
                _ => {}
            }
        }
        // Work behind a queue: delayed, not lost, while the queue holds it.
        for &n in &flow.deferred {
            if let Some(State::Down(why) | State::Bypassed(why)) = states.get(&n) {
                let queue = flow
                    .nodes
                    .iter()
                    .copied()
                    .find(|&q| ix.node(q).kind.is_messaging() && failure::entry(ix, q).buffers);
                let held = queue.map_or_else(
                    || "work behind the queue waits".to_owned(),
                    |q| format!("`{}` holds the messages until it is back", id(q)),
                );
                if let Some(q) = queue {
                    buffering.push(format!(
                        "`{}` buffers messages while `{}` is down",
                        id(q),
                        id(n)
                    ));
                }
                worsen(
                    Verdict::Degraded,
                    format!("`{}` is down ({why}); {held}", id(n)),
                    &mut reasons,
                );
            }
        }
        if verdict == Verdict::Works {
            reasons.clear();
        }
        FlowOutcome {
            flow: flow.name.clone(),
            verdict,
            reasons,
        }
    }

    /// Every touched component with its verdict: what the states say, worsened by what the
    /// flows found cut off (`lost`), in design order.
    fn components(
        &self,
        targets: &[Target],
        states: &HashMap<usize, State>,
        lost: Vec<(usize, String)>,
    ) -> Vec<ComponentOutcome> {
        let mut by_node: std::collections::BTreeMap<usize, (Verdict, String)> = states
            .iter()
            .map(|(&n, s)| match s {
                State::Down(why) => (n, (Verdict::Breaks, why.clone())),
                State::Bypassed(why) | State::Degraded(why, _) => {
                    (n, (Verdict::Degraded, why.clone()))
                }
            })
            .collect();
        for (n, why) in lost {
            let slot = by_node.entry(n).or_insert((Verdict::Breaks, String::new()));
            if slot.0 != Verdict::Breaks || slot.1.is_empty() {
                *slot = (Verdict::Breaks, why);
            }
        }
        by_node
            .into_iter()
            .map(|(n, (verdict, reason))| ComponentOutcome {
                id: self.index.node(n).id.to_string(),
                node: n,
                verdict,
                failed: targets.contains(&Target::Node(n)),
                reason,
            })
            .collect()
    }

    fn survivors(&self, states: &HashMap<usize, State>) -> Vec<SurvivorLoad> {
        let ix = &self.index;
        let mut out: Vec<SurvivorLoad> = states
            .iter()
            .filter_map(|(&n, s)| match s {
                State::Degraded(_, Some((lost, of))) if of > lost => {
                    let factor = f64::from(*of) / f64::from(of - lost);
                    let before = self.estimate.nodes.get(n).and_then(|e| e.utilisation);
                    Some(SurvivorLoad {
                        id: ix.node(n).id.to_string(),
                        lost: *lost,
                        of: *of,
                        factor,
                        utilisation_before: before,
                        utilisation_after: before.map(|u| u * factor),
                    })
                }
                _ => None,
            })
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }
}

/// The guide's next scaling step for a saturating component (guide §3.10's ladder).
fn next_step(ix: &Index<'_>, n: usize) -> &'static str {
    match ix.node(n).kind {
        NodeKind::AppServer | NodeKind::WebsocketServer | NodeKind::ApiGateway => {
            "stage 3: more instances behind a load balancer, sessions in a shared store (CAPACITY-EXCEEDED)"
        }
        NodeKind::SqlDb | NodeKind::NosqlDb => {
            "stage 4: read replicas and a cache in front, then stage 8: shard the writes (DB-HEAVY-TIER-NO-READ-SCALING)"
        }
        NodeKind::Shard => {
            "stage 8: more shards, split by a high-cardinality key (SHARD-HOTSPOT-RISK)"
        }
        NodeKind::ReadReplica => {
            "stage 4: another read replica, or a cache in front (CAPACITY-EXCEEDED)"
        }
        NodeKind::Cache => "more cache nodes with consistent hashing (CACHE-MODULO-DISTRIBUTION)",
        NodeKind::Worker | NodeKind::BatchJob | NodeKind::ServerlessFunction => {
            "more consumers on the queue (CAPACITY-EXCEEDED)"
        }
        NodeKind::MessageQueue | NodeKind::Stream => {
            "more partitions and consumers (BACKPRESSURE-MISSING)"
        }
        NodeKind::LoadBalancer => "a managed, provider-redundant load balancer (SPOF-LB)",
        _ => "a larger tier or a managed service (CAPACITY-EXCEEDED)",
    }
}

/// The flows of a design: one per connection an entry point opens. Entry points are the
/// clients, and compute nodes that nobody calls (schedulers, crawlers, batch jobs).
fn flows(ix: &Index<'_>) -> Vec<Flow> {
    let d = ix.design;
    let called: Vec<bool> = {
        let mut v = vec![false; d.nodes.len()];
        for e in 0..d.edges.len() {
            if d.edges[e].kind != EdgeKind::Replication
                && let Some((_, r)) = ix.ends(e)
            {
                v[r] = true;
            }
        }
        v
    };
    let mut out = Vec::new();
    for (n, node) in d.nodes.iter().enumerate() {
        // A compute node is an entry point when nothing calls it and nothing delivers to it
        // (a queue's consumer is started by its queue, so it is not one).
        let fed = ix
            .in_edges(n)
            .iter()
            .any(|&e| ix.edge(e).kind != EdgeKind::Replication);
        let entry = node.kind == NodeKind::Client || (node.kind.is_compute() && !called[n] && !fed);
        if !entry {
            continue;
        }
        for e in ix.edges_initiated_by(n) {
            let edge = ix.edge(e);
            if edge.kind == EdgeKind::Replication {
                continue;
            }
            let Some((_, root)) = ix.ends(e) else {
                continue;
            };
            let name = if edge.label.is_empty() {
                format!("`{}` → `{}`", edge.from, edge.to)
            } else {
                format!("`{}`: {}", node.id, edge.label)
            };
            out.push(flow(ix, name, e, n, root));
        }
    }
    out
}

/// Walks a flow from `root`: calls (initiator → responder, not replication) up to queues and
/// streams, whose consumers and what they call are the deferred part.
fn flow(ix: &Index<'_>, name: String, edge: usize, entry: usize, root: usize) -> Flow {
    let mut graph: DiGraph<usize, usize> = DiGraph::new();
    let mut local: HashMap<usize, NodeIndex> = HashMap::new();
    let mut nodes = vec![root];
    local.insert(root, graph.add_node(root));
    let mut i = 0;
    let mut queues = Vec::new();
    while i < nodes.len() {
        let cur = nodes[i];
        i += 1;
        if ix.node(cur).kind.is_messaging() {
            queues.push(cur);
            continue;
        }
        for e in ix.edges_initiated_by(cur) {
            if ix.edge(e).kind == EdgeKind::Replication {
                continue;
            }
            let Some((_, r)) = ix.ends(e) else {
                continue;
            };
            if r == entry {
                continue;
            }
            let to = *local.entry(r).or_insert_with(|| {
                nodes.push(r);
                graph.add_node(r)
            });
            let from = local[&cur];
            graph.add_edge(from, to, e);
        }
    }
    // Behind the queues: consumers and everything they reach.
    let mut deferred: Vec<usize> = Vec::new();
    let mut seen: std::collections::HashSet<usize> = nodes.iter().copied().collect();
    let mut stack: Vec<usize> = queues.iter().flat_map(|&q| ix.consumers(q)).collect();
    while let Some(c) = stack.pop() {
        if !seen.insert(c) {
            continue;
        }
        deferred.push(c);
        for e in ix.edges_initiated_by(c) {
            if ix.edge(e).kind != EdgeKind::Replication
                && let Some((_, r)) = ix.ends(e)
            {
                stack.push(r);
            }
        }
    }
    let doms = dominators::simple_fast(&graph, NodeIndex::new(0));
    Flow {
        name,
        edge,
        entry,
        nodes,
        deferred,
        graph,
        doms,
    }
}
