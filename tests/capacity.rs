//! Capacity estimator: the guide's hand-computed cases, exact load splits (load balancer, cache
//! miss ratio, replicas, fan-out, queues), cycles, disconnected nodes, tier lookups and the CLI;
//! and the index and the estimate of the bench designs, every template and every fixture,
//! pinned (so a change meant only to make them faster cannot change what they say).

use archway::capacity::{self, Estimate, NodeEstimate, Status, Unit, tiers};
use archway::index::Index;
use archway::model::props::{Dlq, Role};
use archway::model::{Design, Edge, EdgeKind, Node, NodeId, NodeKind, Pos, Protocol};

/// A small design builder for the tests.
struct B {
    d: Design,
}

impl B {
    fn new() -> Self {
        let mut d = Design::empty("test");
        d.workload.concurrent_peak = Some(50_000);
        B { d }
    }
    fn node(mut self, id: &str, kind: NodeKind, f: impl FnOnce(&mut Node)) -> Self {
        let mut n = Node::new(id, kind, Pos::new(0.0, 0.0));
        f(&mut n);
        self.d.nodes.push(n);
        self
    }
    fn n(self, id: &str, kind: NodeKind) -> Self {
        self.node(id, kind, |_| {})
    }
    fn edge(mut self, from: &str, to: &str, kind: EdgeKind, f: impl FnOnce(&mut Edge)) -> Self {
        let id = format!("{from}_{to}_{}", self.d.edges.len());
        let mut e = Edge::new(id, from, to, kind, Some(Protocol::Https));
        f(&mut e);
        self.d.edges.push(e);
        self
    }
    fn e(self, from: &str, to: &str, kind: EdgeKind) -> Self {
        self.edge(from, to, kind, |_| {})
    }
}

fn est(d: &Design) -> Estimate {
    let index = Index::new(d);
    capacity::estimate(d, &index)
}

fn node<'a>(d: &Design, e: &'a Estimate, id: &str) -> &'a NodeEstimate {
    e.node(d, id).unwrap_or_else(|| panic!("no node {id}"))
}

fn close(a: Option<f64>, b: f64) {
    let a = a.unwrap_or_else(|| panic!("expected {b}, got None"));
    assert!(
        (a - b).abs() < 1e-6 * b.abs().max(1.0),
        "expected {b}, got {a}"
    );
}

/// The guide's example (3.10 "Practical estimation tip"): 10M users, 50,000 concurrent at peak,
/// app fleet of `tier` × `instances` behind a load balancer, one database of `db_tier`.
fn guide_example(tier: &str, instances: u32, db_tier: &str) -> Design {
    let mut b = B::new()
        .n("users", NodeKind::Client)
        .node("alb", NodeKind::LoadBalancer, |n| {
            n.props.managed = Some(true);
            n.props.provider_redundant = Some(true);
        })
        .node("api", NodeKind::AppServer, |n| {
            n.props.tier = Some(tier.into());
            n.props.instances = Some(instances);
        })
        .node("db", NodeKind::SqlDb, |n| {
            n.props.tier = Some(db_tier.into())
        })
        .e("users", "alb", EdgeKind::SyncRequest)
        .e("alb", "api", EdgeKind::SyncRequest)
        .e("api", "db", EdgeKind::Read)
        .e("api", "db", EdgeKind::Write);
    b.d.workload.dau = Some(10_000_000);
    b.d
}

#[test]
fn guide_example_three_production_servers_and_r5_xlarge_fit() {
    let d = guide_example("m5.xlarge", 3, "db.r5.xlarge");
    let e = est(&d);
    let api = node(&d, &e, "api");
    assert_eq!(api.unit, Unit::ConcurrentUsers);
    assert_eq!(api.tier, Some("app.production"));
    close(api.load_rps, 50_000.0);
    close(api.capacity_rps, 90_000.0); // 3 × 30,000
    assert_eq!(api.status, Status::Ok);
    let db = node(&d, &e, "db");
    // 50,000 users × 0.1 req/s = 5,000 q/s, all of it on the database (no cache).
    close(db.load_rps, 5_000.0);
    close(db.capacity_rps, 15_000.0);
    assert_eq!(db.status, Status::Ok);
    assert_eq!(e.bottleneck.as_deref(), Some("api"));
    close(e.headroom, 90_000.0 / 50_000.0);
    // 3 × $140–185 + $350–460.
    assert_eq!(e.total_cost.min, 3.0 * 140.0 + 350.0);
    assert_eq!(e.total_cost.max, 3.0 * 185.0 + 460.0);
    assert_eq!(e.priced_nodes, 2);
}

#[test]
fn guide_example_two_production_servers_are_within_capacity_but_hot() {
    let d = guide_example("app.production", 2, "db.production");
    let e = est(&d);
    let api = node(&d, &e, "api");
    close(api.utilisation, 50_000.0 / 60_000.0);
    assert_eq!(api.status, Status::Hot);
    assert!(e.nodes.iter().all(|n| n.status != Status::Over));
}

#[test]
fn guide_example_one_t3_small_is_over_capacity() {
    let d = guide_example("t3.small", 1, "db.r5.xlarge");
    let e = est(&d);
    let api = node(&d, &e, "api");
    assert_eq!(api.tier, Some("app.small"));
    close(api.utilisation, 50.0); // 50,000 users on a 1,000-user box
    assert_eq!(api.status, Status::Over);
    assert_eq!(e.bottleneck.as_deref(), Some("api"));
    close(e.headroom, 0.02);
}

/// The URL shortener (Part 5): 100:1 reads, app fleet, Redis backing PostgreSQL (db.m5.large).
fn url_shortener(with_cache: bool) -> Design {
    let mut b = B::new()
        .n("user", NodeKind::Client)
        .node("alb", NodeKind::LoadBalancer, |n| {
            n.props.provider_redundant = Some(true)
        })
        .node("shortener", NodeKind::AppServer, |n| {
            n.props.tier = Some("m5.large".into());
            n.props.instances = Some(3);
        })
        .node("url_db", NodeKind::SqlDb, |n| {
            n.props.tier = Some("db.m5.large".into())
        })
        .e("user", "alb", EdgeKind::SyncRequest)
        .e("alb", "shortener", EdgeKind::SyncRequest)
        .e("shortener", "url_db", EdgeKind::Read)
        .e("shortener", "url_db", EdgeKind::Write);
    if with_cache {
        b = b
            .node("url_cache", NodeKind::Cache, |n| {
                n.props.role = Some(Role::Cache);
                n.props.backs = Some(vec![NodeId("url_db".into())]);
            })
            .e("shortener", "url_cache", EdgeKind::Read);
    }
    b.d.workload.read_write_ratio = Some(100.0);
    b.d.workload.peak_rps = Some(10_100.0);
    b.d
}

#[test]
fn url_shortener_cache_cuts_database_reads_by_the_hit_ratio() {
    let d = url_shortener(true);
    let e = est(&d);
    // 10,100 req/s at 100:1 → 10,000 reads + 100 writes. The cache takes every read; 20 % miss.
    close(node(&d, &e, "url_cache").load_rps, 10_000.0);
    let db = node(&d, &e, "url_db");
    close(db.load_rps, 10_000.0 * 0.2 + 100.0);
    close(db.utilisation, 2_100.0 / 5_000.0);
    assert_eq!(db.status, Status::Ok);
}

#[test]
fn url_shortener_without_cache_saturates_the_database() {
    let d = url_shortener(false);
    let e = est(&d);
    let db = node(&d, &e, "url_db");
    close(db.load_rps, 10_100.0);
    assert_eq!(db.status, Status::Over);
    assert_eq!(e.bottleneck.as_deref(), Some("url_db"));
}

#[test]
fn cache_hit_ratio_from_the_workload_is_used() {
    let mut d = url_shortener(true);
    d.workload.cache_hit_ratio = Some(0.95);
    let e = est(&d);
    close(node(&d, &e, "url_db").load_rps, 10_000.0 * 0.05 + 100.0);
}

#[test]
fn read_through_cache_passes_only_misses_to_its_store() {
    let mut b = B::new()
        .n("c", NodeKind::Client)
        .n("app", NodeKind::AppServer)
        .node("cache", NodeKind::Cache, |n| {
            n.props.backs = Some(vec![NodeId("db".into())])
        })
        .n("db", NodeKind::SqlDb)
        .e("c", "app", EdgeKind::SyncRequest)
        .e("app", "cache", EdgeKind::Read)
        .e("cache", "db", EdgeKind::Read)
        .e("app", "db", EdgeKind::Write);
    b.d.workload.peak_rps = Some(1_000.0);
    b.d.workload.read_write_ratio = Some(4.0);
    b.d.workload.cache_hit_ratio = Some(0.75);
    let d = b.d;
    let e = est(&d);
    close(node(&d, &e, "cache").load_rps, 800.0);
    // 800 reads × 25 % misses + 200 writes.
    close(node(&d, &e, "db").load_rps, 200.0 + 200.0);
}

#[test]
fn load_balancer_splits_over_targets_by_instances() {
    let mut b = B::new()
        .n("c", NodeKind::Client)
        .n("lb", NodeKind::LoadBalancer)
        .node("a", NodeKind::AppServer, |n| n.props.instances = Some(2))
        .node("b", NodeKind::AppServer, |n| n.props.instances = Some(1))
        .e("c", "lb", EdgeKind::SyncRequest)
        .e("lb", "a", EdgeKind::SyncRequest)
        .e("lb", "b", EdgeKind::SyncRequest);
    b.d.workload.peak_rps = Some(3_000.0);
    b.d.workload.concurrent_peak = Some(30_000);
    let d = b.d;
    let e = est(&d);
    let (a, bb) = (node(&d, &e, "a"), node(&d, &e, "b"));
    close(a.rate_rps, 2_000.0);
    close(bb.rate_rps, 1_000.0);
    close(a.load_rps, 20_000.0); // users
    close(bb.load_rps, 10_000.0);
    // The self-hosted LB has the Archway default figure: 50,000 req/s per instance.
    let lb = node(&d, &e, "lb");
    close(lb.load_rps, 3_000.0);
    close(lb.utilisation, 3_000.0 / 50_000.0);
    assert_eq!(e.edges[1].rate_rps, Some(2_000.0));
}

#[test]
fn replicas_share_reads_and_apply_the_primary_writes() {
    let mut b = B::new()
        .n("c", NodeKind::Client)
        .n("app", NodeKind::AppServer)
        .node("db", NodeKind::SqlDb, |n| {
            n.props.tier = Some("db.mid".into())
        })
        .n("r1", NodeKind::ReadReplica)
        .n("r2", NodeKind::ReadReplica)
        .e("c", "app", EdgeKind::SyncRequest)
        .e("app", "db", EdgeKind::Write)
        .e("app", "r1", EdgeKind::Read)
        .e("app", "r2", EdgeKind::Read)
        .e("db", "r1", EdgeKind::Replication)
        .e("db", "r2", EdgeKind::Replication);
    b.d.workload.peak_rps = Some(1_000.0);
    let d = b.d;
    let e = est(&d);
    // 900 reads over two replicas; 100 writes to the primary, replayed on each replica.
    close(node(&d, &e, "db").load_rps, 100.0);
    let r1 = node(&d, &e, "r1");
    close(r1.load_rps, 450.0 + 100.0);
    close(node(&d, &e, "r2").load_rps, 450.0 + 100.0);
    // A replica without a tier takes its primary's.
    assert_eq!(r1.tier, Some("db.mid"));
    close(r1.capacity_rps, 5_000.0);
}

#[test]
fn reads_to_a_primary_and_its_replica_are_split() {
    let mut b = B::new()
        .n("c", NodeKind::Client)
        .n("app", NodeKind::AppServer)
        .n("db", NodeKind::SqlDb)
        .n("r1", NodeKind::ReadReplica)
        .e("c", "app", EdgeKind::SyncRequest)
        .e("app", "db", EdgeKind::Read)
        .e("app", "r1", EdgeKind::Read)
        .e("db", "r1", EdgeKind::Replication);
    b.d.workload.peak_rps = Some(1_000.0);
    b.d.workload.read_write_ratio = Some(1.0);
    let d = b.d;
    let e = est(&d);
    close(node(&d, &e, "db").load_rps, 250.0);
    close(node(&d, &e, "r1").load_rps, 250.0);
}

#[test]
fn cycles_terminate_and_count_each_request_once() {
    let mut b = B::new()
        .n("c", NodeKind::Client)
        .n("a", NodeKind::AppServer)
        .n("b", NodeKind::AppServer)
        .e("c", "a", EdgeKind::SyncRequest)
        .e("a", "b", EdgeKind::SyncRequest)
        .e("b", "a", EdgeKind::SyncRequest)
        .e("b", "b", EdgeKind::SyncRequest);
    b.d.workload.peak_rps = Some(100.0);
    let d = b.d;
    let e = est(&d);
    close(node(&d, &e, "a").rate_rps, 100.0);
    close(node(&d, &e, "b").rate_rps, 100.0);
    assert!(e.edges[2].cycle && e.edges[3].cycle);
    assert_eq!(e.edges[2].rate_rps, None);
    assert!(
        node(&d, &e, "b")
            .notes
            .iter()
            .any(|n| n.contains("closes a cycle"))
    );
}

#[test]
fn disconnected_nodes_get_no_load() {
    let mut b = B::new()
        .n("c", NodeKind::Client)
        .n("app", NodeKind::AppServer)
        .node("lonely", NodeKind::SqlDb, |n| {
            n.props.tier = Some("db.small".into())
        })
        .node("island", NodeKind::Worker, |n| {
            n.props.throughput_per_instance = Some(10.0)
        })
        .n("island_q", NodeKind::MessageQueue)
        .e("c", "app", EdgeKind::SyncRequest)
        .e("island_q", "island", EdgeKind::AsyncMessage);
    b.d.workload.peak_rps = Some(100.0);
    let d = b.d;
    let e = est(&d);
    let lonely = node(&d, &e, "lonely");
    close(lonely.load_rps, 0.0);
    close(lonely.utilisation, 0.0);
    assert_eq!(lonely.status, Status::Ok);
    assert!(lonely.notes.iter().any(|n| n.contains("no traffic")));
    close(node(&d, &e, "island").load_rps, 0.0);
    close(node(&d, &e, "app").rate_rps, 100.0);
}

#[test]
fn fan_out_multiplier_and_async_work_reach_queues_and_workers() {
    let mut b = B::new()
        .n("c", NodeKind::Client)
        .n("posts", NodeKind::AppServer)
        .n("q", NodeKind::MessageQueue)
        .node("fanout", NodeKind::Worker, |n| {
            n.props.instances = Some(4);
            n.props.throughput_per_instance = Some(500.0);
        })
        .n("feeds", NodeKind::NosqlDb)
        .node("dlq", NodeKind::MessageQueue, |n| {
            n.props.role = Some(Role::Dlq)
        })
        .e("c", "posts", EdgeKind::SyncRequest)
        .e("posts", "q", EdgeKind::AsyncMessage)
        .e("q", "fanout", EdgeKind::AsyncMessage)
        .e("q", "dlq", EdgeKind::AsyncMessage)
        .edge("fanout", "feeds", EdgeKind::Write, |e| {
            e.props.multiplier = Some(100.0)
        });
    b.d.workload.peak_rps = Some(1_000.0);
    b.d.workload.read_write_ratio = Some(9.0);
    b.d.nodes[2].props.dlq = Some(Dlq::Node(NodeId("dlq".into())));
    let d = b.d;
    let e = est(&d);
    // 100 writes/s become 100 messages/s; each fans out to 100 feed writes.
    let q = node(&d, &e, "q");
    assert_eq!(q.unit, Unit::MessagesPerSecond);
    close(q.load_rps, 100.0);
    let w = node(&d, &e, "fanout");
    close(w.load_rps, 100.0);
    close(w.capacity_rps, 2_000.0);
    close(node(&d, &e, "feeds").load_rps, 10_000.0);
    close(node(&d, &e, "dlq").load_rps, 0.0);
}

#[test]
fn queue_consumers_compete_and_stream_groups_each_get_everything() {
    let mut b = B::new()
        .n("p", NodeKind::AppServer)
        .n("q", NodeKind::MessageQueue)
        .n("s", NodeKind::Stream)
        .n("w1", NodeKind::Worker)
        .n("w2", NodeKind::Worker)
        .n("g1", NodeKind::Worker)
        .n("g2", NodeKind::Worker)
        .edge("p", "q", EdgeKind::AsyncMessage, |e| {
            e.props.rate_rps = Some(600.0)
        })
        .edge("p", "s", EdgeKind::AsyncMessage, |e| {
            e.props.rate_rps = Some(300.0)
        })
        .e("q", "w1", EdgeKind::AsyncMessage)
        .e("q", "w2", EdgeKind::AsyncMessage)
        .e("s", "g1", EdgeKind::AsyncMessage)
        .e("s", "g2", EdgeKind::AsyncMessage);
    b.d.workload = Default::default(); // rates come only from the edges
    let d = b.d;
    let e = est(&d);
    close(node(&d, &e, "w1").load_rps, 300.0);
    close(node(&d, &e, "w2").load_rps, 300.0);
    close(node(&d, &e, "g1").load_rps, 300.0);
    close(node(&d, &e, "g2").load_rps, 300.0);
    // Without a workload, nodes no rate reaches stay unknown.
    assert_eq!(node(&d, &e, "p").load_rps, None);
}

#[test]
fn no_workload_means_unknown_load_but_known_cost() {
    let mut d = guide_example("m5.large", 2, "db.heavy");
    d.workload = Default::default();
    let e = est(&d);
    assert!(
        e.nodes
            .iter()
            .all(|n| n.load_rps.is_none() && n.status == Status::Unknown)
    );
    assert_eq!(e.total_cost.min, 2.0 * 70.0 + 700.0);
    assert_eq!(e.bottleneck, None);
    assert_eq!(e.headroom, None);
}

#[test]
fn custom_tier_uses_the_hand_entered_capacity() {
    let mut d = guide_example("m5.xlarge", 3, "custom");
    d.nodes[3].props.capacity_qps = Some(2_500.0);
    let e = est(&d);
    let db = node(&d, &e, "db");
    close(db.capacity_rps, 2_500.0);
    close(db.utilisation, 2.0);
    assert_eq!(db.status, Status::Over);
    assert_eq!(db.cost, None);
}

#[test]
fn unknown_tier_is_reported_not_guessed() {
    let d = guide_example("m9.galactic", 3, "db.r5.xlarge");
    let e = est(&d);
    let api = node(&d, &e, "api");
    assert_eq!(api.capacity_rps, None);
    assert_eq!(api.status, Status::Unknown);
    assert!(api.notes.iter().any(|n| n.contains("m9.galactic")));
}

#[test]
fn tier_names_resolve_to_the_same_row() {
    use tiers::TierTable::{App, Db};
    let id = |t, n| tiers::lookup(t, n).map(|r| r.id);
    assert_eq!(id(App, "m5.large"), Some("app.growth"));
    assert_eq!(id(App, "D2s v3"), Some("app.growth"));
    assert_eq!(id(App, "APP.GROWTH"), Some("app.growth"));
    assert_eq!(id(Db, "db.r5.2xlarge"), Some("db.heavy"));
    assert_eq!(id(Db, "MO E8s v3"), Some("db.heavy"));
    assert_eq!(id(Db, "r5.xlarge"), Some("db.production"));
    // Azure B1ms is a small app server in D1 and the dev database in D2.
    assert_eq!(id(App, "B1ms"), Some("app.small"));
    assert_eq!(id(Db, "B1ms"), Some("db.dev"));
    assert_eq!(id(App, "db.heavy"), None);
    // Load in the gap between Small (1,500) and Mid (2,000) needs Mid.
    assert_eq!(
        tiers::smallest_fitting(Db, 1_700.0).map(|t| t.id),
        Some("db.mid")
    );
}

#[test]
fn every_kind_has_a_documented_capacity_row() {
    for kind in NodeKind::ALL {
        let info = capacity::kinds::info(kind);
        assert_eq!(info.kind, kind);
        assert!(!info.source.is_empty());
    }
}

#[test]
fn synthetic_design_estimates_every_node_and_edge() {
    let d = archway::model::synthetic::design(1_000);
    let e = est(&d);
    assert_eq!(e.nodes.len(), d.nodes.len());
    assert_eq!(e.edges.len(), d.edges.len());
    // The client calls every cell's load balancer: each sees the 5,000 req/s entering at `users`.
    let cells = d
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::LoadBalancer)
        .count();
    let lb = node(&d, &e, "lb_0");
    close(lb.load_rps, 5_000.0);
    let app = node(&d, &e, "app0_0");
    close(app.users, 50_000.0 / 3.0);
    assert!(cells > 1);
}

// ---- rules that read the estimate ----

fn findings(d: &Design, rule: &str) -> Vec<archway::critique::Finding> {
    archway::critique::review_at(d, archway::model::ReviewLevel::Production)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

#[test]
fn capacity_exceeded_applies_n_plus_one_to_app_fleets() {
    // 3 × m5.xlarge: 25,000 per surviving instance, within 30,000.
    assert!(
        findings(
            &guide_example("m5.xlarge", 3, "db.r5.xlarge"),
            "CAPACITY-EXCEEDED"
        )
        .is_empty()
    );
    // 2 × m5.xlarge: within capacity in the estimate, but 50,000 on the survivor of a failure.
    let f = findings(
        &guide_example("m5.xlarge", 2, "db.r5.xlarge"),
        "CAPACITY-EXCEEDED",
    );
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("50,000 on each survivor"),
        "{}",
        f[0].message
    );
    // One t3.small: 50,000 users on a 1,000-user box.
    let f = findings(
        &guide_example("t3.small", 1, "db.r5.xlarge"),
        "CAPACITY-EXCEEDED",
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].nodes, vec![NodeId("api".into())]);
    assert!(
        f[0].message.contains("1,000 per instance"),
        "{}",
        f[0].message
    );
}

#[test]
fn capacity_exceeded_counts_only_database_load_left_after_the_cache() {
    let mut with_cache = url_shortener(true);
    with_cache.nodes[2].props.tier = Some("m5.2xlarge".into()); // keep the app fleet out of it
    assert!(findings(&with_cache, "CAPACITY-EXCEEDED").is_empty());
    let mut without = url_shortener(false);
    without.nodes[2].props.tier = Some("m5.2xlarge".into());
    let f = findings(&without, "CAPACITY-EXCEEDED");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("10,100 q/s"), "{}", f[0].message);
}

#[test]
fn heavy_database_needs_replicas_or_cache() {
    let d = guide_example("m5.xlarge", 3, "db.r5.2xlarge");
    assert_eq!(findings(&d, "DB-HEAVY-TIER-NO-READ-SCALING").len(), 1);
    // A heavy load on a smaller tier triggers it too: 20,000 q/s > 15,000.
    let mut d = guide_example("m5.2xlarge", 4, "db.r5.xlarge");
    d.workload.peak_rps = Some(20_000.0);
    let f = findings(&d, "DB-HEAVY-TIER-NO-READ-SCALING");
    assert!(f[0].message.contains("20,000 q/s"), "{}", f[0].message);
    let mut with_cache = url_shortener(true);
    with_cache.nodes[3].props.tier = Some("db.heavy".into());
    assert!(findings(&with_cache, "DB-HEAVY-TIER-NO-READ-SCALING").is_empty());
}

#[test]
fn backpressure_uses_estimated_rates_and_consumer_throughput() {
    let build = |instances: u32| {
        let mut b = B::new()
            .n("c", NodeKind::Client)
            .n("api", NodeKind::AppServer)
            .n("q", NodeKind::MessageQueue)
            .node("w", NodeKind::Worker, |n| {
                n.props.instances = Some(instances);
                n.props.throughput_per_instance = Some(20.0);
            })
            .e("c", "api", EdgeKind::SyncRequest)
            .e("api", "q", EdgeKind::AsyncMessage)
            .e("q", "w", EdgeKind::AsyncMessage);
        b.d.workload.peak_rps = Some(1_000.0); // 100 writes/s → 100 messages/s
        b.d
    };
    let f = findings(&build(2), "BACKPRESSURE-MISSING");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("100 msg/s") && f[0].message.contains("40 msg/s"));
    assert!(findings(&build(5), "BACKPRESSURE-MISSING").is_empty());
    let mut bounded = build(2);
    bounded.nodes[2].props.bounded = Some(true);
    assert!(findings(&bounded, "BACKPRESSURE-MISSING").is_empty());
    let mut unknown = build(2);
    unknown.workload = Default::default();
    assert!(findings(&unknown, "BACKPRESSURE-MISSING").is_empty());
}

// ---- the command line ----

#[test]
fn estimate_cli_prints_the_table_and_totals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("guide.archway.ron");
    archway::model::file::save(&guide_example("m5.xlarge", 3, "db.r5.xlarge"), &path).unwrap();
    let out = assert_cmd::Command::cargo_bin("archway")
        .unwrap()
        .args(["estimate"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let api = text.lines().find(|l| l.starts_with("api ")).unwrap();
    for cell in [
        "app.production",
        "50,000 users",
        "90,000 users",
        "56 %",
        "ok",
        "$420–555",
    ] {
        assert!(api.contains(cell), "{cell} missing in {api:?}");
    }
    let db = text.lines().find(|l| l.starts_with("db ")).unwrap();
    assert!(db.contains("5,000 q/s") && db.contains("15,000 q/s") && db.contains("33 %"));
    assert!(text.contains("monthly cost: $770–1,015"), "{text}");
    assert!(text.contains("bottleneck: api at 56 %"), "{text}");

    let out = assert_cmd::Command::cargo_bin("archway")
        .unwrap()
        .args(["estimate", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bottleneck"], "api");
    assert_eq!(json["nodes"][3]["load_rps"], 5000.0);
    assert_eq!(json["nodes"][2]["unit"], "concurrent_users");

    let missing = assert_cmd::Command::cargo_bin("archway")
        .unwrap()
        .args(["estimate", "/nonexistent.archway.ron"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

// ---- templates ----

#[test]
fn every_template_estimates_and_no_walkthrough_is_over_capacity() {
    assert!(!archway::templates::ALL.is_empty());
    for t in archway::templates::ALL {
        let d = t.design().unwrap_or_else(|p| panic!("{}: {p:?}", t.name));
        let e = est(&d);
        assert_eq!(e.nodes.len(), d.nodes.len(), "{}", t.name);
        assert_eq!(e.edges.len(), d.edges.len(), "{}", t.name);
        if t.is_walkthrough() {
            for (n, ne) in d.nodes.iter().zip(&e.nodes) {
                assert_ne!(
                    ne.status,
                    Status::Over,
                    "{}: {} is over capacity",
                    t.name,
                    n.id
                );
            }
        }
    }
}

#[test]
fn url_shortener_template_with_a_million_daily_users_checked_by_hand() {
    let t = archway::templates::find("url-shortener").expect("template");
    let mut d = t.design().unwrap();
    d.workload.dau = Some(1_000_000);
    let e = est(&d);
    // 1M DAU × 0.5 % = 5,000 concurrent × 0.1 req/s = 500 req/s; 100:1 reads.
    let reads = 500.0 * 100.0 / 101.0;
    let writes = 500.0 / 101.0;
    close(node(&d, &e, "shortener").load_rps, 5_000.0);
    close(node(&d, &e, "url_db").load_rps, reads * 0.2 + writes);
    close(e.headroom, 30_000.0 / 5_000.0);
    assert_eq!(e.total_cost.min, 3.0 * 70.0 + 130.0);
}

// ---- assumptions when the design states no workload ----

/// The AWS-style fixture: no client, no workload, managed services.
fn aws_no_workload() -> Design {
    archway::model::file::load(std::path::Path::new(
        "tests/fixtures/model/aws-web-no-workload.archway.ron",
    ))
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn no_workload_estimate_assumes_users_read_write_and_payload() {
    let d = aws_no_workload();
    let index = Index::new(&d);
    // The rules' estimate assumes nothing.
    let strict = capacity::estimate(&d, &index);
    assert!(strict.nodes.iter().all(|n| n.load_rps.is_none()));
    // The estimate people read assumes a workload and says so.
    let e = capacity::estimate_or_assume(&d, &index);
    let w = e.workload.as_ref().expect("workload");
    assert!(w.is_assumed());
    assert_eq!(
        w.concurrent_users,
        Some(capacity::workload::ASSUMED_CONCURRENT_USERS)
    );
    close(w.peak_rps, 100.0);
    assert_eq!(w.read_write_ratio, 9.0);
    assert_eq!((w.request_kb, w.response_kb), (1.0, 10.0));
    assert_eq!(w.assumptions.len(), 4, "{:?}", w.assumptions);
    assert!(w.assumptions[0].contains("1,000 concurrent"));
    assert!(w.assumptions[1].contains("read:write 9:1"));
    assert!(w.assumptions[2].contains("1 KB per request, 10 KB per response"));
    // Users arrive at the internet gateway (no client drawn) and reach every tier.
    close(node(&d, &e, "igw").load_rps, 100.0);
    close(node(&d, &e, "alb").load_rps, 100.0);
    // The balancer's call to the auto-scaling group spreads over its members.
    let web = node(&d, &e, "web_1");
    close(web.load_rps, 500.0);
    close(node(&d, &e, "web_2").load_rps, 500.0);
    let alb_web = d
        .edges
        .iter()
        .position(|x| x.id.as_str() == "alb_web")
        .unwrap();
    close(e.edges[alb_web].rate_rps, 100.0);
    // The smallest tier that keeps 500 users below "hot" (70 % of 1,000).
    assert_eq!(web.tier, Some("app.small"));
    assert!(web.tier_assumed && web.status == Status::Ok, "{web:?}");
    let db = node(&d, &e, "db");
    assert!(db.load_rps.is_some_and(|l| l > 0.0));
    assert!(db.tier_assumed && db.tier == Some("db.dev"), "{db:?}");
    // A cost range instead of $0.
    assert!(e.total_cost.min > 0.0 && e.total_cost.max > e.total_cost.min);
    assert!(e.priced_nodes >= 2);
}

#[test]
fn a_stated_workload_is_not_replaced_by_assumptions() {
    let d = guide_example("m5.xlarge", 3, "db.r5.xlarge");
    let index = Index::new(&d);
    assert_eq!(
        capacity::estimate_or_assume(&d, &index),
        capacity::estimate(&d, &index)
    );
}

#[test]
fn estimate_cli_names_its_assumptions() {
    let out = assert_cmd::Command::cargo_bin("archway")
        .unwrap()
        .args([
            "estimate",
            "tests/fixtures/model/aws-web-no-workload.archway.ron",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("peak traffic: unknown"), "{text}");
    assert!(text.contains("peak traffic: 100 req/s (assumed"), "{text}");
    assert!(
        text.contains("assumptions (the design states no workload"),
        "{text}"
    );
    assert!(text.contains("users: 1,000 concurrent at peak"), "{text}");
    assert!(text.contains("read:write 9:1"), "{text}");
    assert!(
        text.contains("payload: 1 KB per request, 10 KB per response"),
        "{text}"
    );
    let web = text.lines().find(|l| l.starts_with("web_1 ")).unwrap();
    assert!(web.contains("app.small (assumed)"), "{web}");
    assert!(!text.contains("monthly cost: $0 "), "{text}");
    assert!(text.contains("(assumed: 3 of the tiers)"), "{text}");
}

/// Every template gets a load on each component it reaches and a cost range, assumed or not;
/// with an assumed workload nothing is over capacity, and a replica takes its primary's
/// assumed tier.
#[test]
fn every_template_has_a_load_and_a_cost_range_when_assumed() {
    for t in archway::templates::ALL {
        let d = t.design().unwrap_or_else(|p| panic!("{}: {p:?}", t.name));
        let index = Index::new(&d);
        let e = capacity::estimate_or_assume(&d, &index);
        let w = e.workload.as_ref().expect("workload");
        assert!(w.peak_rps.is_some(), "{}", t.name);
        let tiered = d
            .nodes
            .iter()
            .any(|n| matches!(n.kind, NodeKind::AppServer | NodeKind::SqlDb));
        if w.is_assumed() {
            // A crawler has no user-facing tier to price; the others get a range.
            assert!(
                !tiered || e.total_cost.max > 0.0,
                "{}: no cost range",
                t.name
            );
            for (n, ne) in d.nodes.iter().zip(&e.nodes) {
                assert_ne!(ne.status, Status::Over, "{}: {}", t.name, n.id);
            }
        }
    }
    let feed = archway::templates::ALL
        .iter()
        .find(|t| t.name == "news-feed")
        .expect("news-feed")
        .design()
        .expect("parses");
    let e = capacity::estimate_or_assume(&feed, &Index::new(&feed));
    let replica = node(&feed, &e, "posts_replica");
    assert!(
        replica.tier_assumed && replica.tier.is_some(),
        "{replica:?}"
    );
}

/// A serverless design the guide's tables cannot price gets a total once its designer states
/// each service's monthly price; a stated price replaces a tier's; a price that is not one is
/// ignored with a note saying why, and the component stays unpriced.
#[test]
fn stated_monthly_costs_price_what_the_guide_does_not() {
    let d = B::new()
        .n("user", NodeKind::Client)
        .node("fn", NodeKind::ServerlessFunction, |n| {
            n.props.monthly_cost = Some("$12 - $30".into())
        })
        .node("table", NodeKind::NosqlDb, |n| {
            n.props.monthly_cost = Some("1,200".into())
        })
        .node("app", NodeKind::AppServer, |n| {
            n.props.tier = Some("app.growth".into());
            n.props.monthly_cost = Some("50–60".into());
        })
        .node("bucket", NodeKind::ObjectStorage, |n| {
            n.props.monthly_cost = Some("cheap".into())
        })
        .d;
    let e = est(&d);
    let cost = |id: &str| node(&d, &e, id).cost.map(|c| (c.min, c.max));
    assert_eq!(cost("fn"), Some((12.0, 30.0)));
    assert_eq!(cost("table"), Some((1200.0, 1200.0)));
    assert_eq!(
        cost("app"),
        Some((50.0, 60.0)),
        "stated price replaces the tier's"
    );
    assert_eq!(cost("bucket"), None);
    assert!(
        node(&d, &e, "bucket")
            .notes
            .iter()
            .any(|n| n.contains("monthly_cost `cheap` is ignored")),
        "{:?}",
        node(&d, &e, "bucket").notes
    );
    let total = e.total(&d).text(|c| c.text());
    assert_eq!(
        total,
        "$1,262–1,290 for 3 priced components; 1 component unpriced"
    );
    let cli = capacity::output::text(&d, &e);
    assert!(
        cli.contains("unpriced, not in the total: `bucket`"),
        "{cli}"
    );
    assert!(cli.contains("monthly_cost"), "{cli}");
}

/// FNV-1a over text: a digest that stays the same from run to run and machine to machine.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The bench designs (1,000 and 10,000 nodes), every template and every `.archway.ron` fixture
/// under `tests/fixtures` that loads, by name, in a stable order.
fn pinned_designs() -> Vec<(String, Design)> {
    let mut designs = vec![
        (
            "synthetic 1000".to_owned(),
            archway::model::synthetic::design(1_000),
        ),
        (
            "synthetic 10000".to_owned(),
            archway::model::synthetic::design(10_000),
        ),
    ];
    for t in archway::templates::ALL {
        designs.push((
            format!("template {}", t.file_name()),
            t.design().expect("templates load"),
        ));
    }
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures are readable") {
            let path = entry.expect("fixture entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.to_string_lossy().ends_with(".archway.ron") {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in files {
        if let Ok(design) = archway::model::file::load(&path) {
            designs.push((path.display().to_string(), design));
        }
    }
    designs
}

/// Every fact the index answers about every node, edge and container of `d`, as text (the
/// reachability walks only below 2,000 nodes, as they are quadratic over the whole design).
fn index_facts(d: &Design) -> String {
    use std::fmt::Write;
    let ix = Index::new(d);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "entry {:?} no_vpc {} consumers {:?}",
        ix.entry_points(),
        ix.no_vpc_drawn(),
        ix.queue_consumers().collect::<Vec<_>>()
    );
    for kind in NodeKind::ALL {
        let _ = write!(s, "{:?}", ix.nodes_of_kind(kind).collect::<Vec<_>>());
    }
    s.push('\n');
    for (n, node) in d.nodes.iter().enumerate() {
        let _ = writeln!(
            s,
            "n{n} {:?} out {:?} in {:?} init {:?} path {} {:?} fleet {:?} red {} zones {} min {} \
             cont {:?} vpc {} pub {} priv {} zone {:?} region {:?} provider {:?} inet {} \
             standbys {:?} replicas {:?} standby {} fronting {:?} fronted {} consumers {:?} \
             service {} sensitive {}",
            ix.node_index(node.id.as_str()),
            ix.out_edges(n),
            ix.in_edges(n),
            ix.edges_initiated_by(n).collect::<Vec<_>>(),
            ix.on_user_path(n),
            ix.user_path_depth(n),
            ix.fleet(n),
            ix.redundancy(n),
            ix.zones(n),
            ix.effective_min_instances(n),
            ix.containers_of(n),
            ix.in_vpc(n),
            ix.in_public_subnet(n),
            ix.in_private_subnet(n),
            ix.zone_of(n),
            ix.region_of(n),
            ix.provider_of(n),
            ix.internet_side(n),
            ix.standbys_of(n),
            ix.replicas_of(n),
            ix.has_standby(n),
            ix.caches_fronting(n),
            ix.cache_fronts(n),
            ix.consumers(n),
            ix.service(n),
            ix.sensitive(n),
        );
        if d.nodes.len() < 2_000 {
            let _ = writeln!(s, "  down {:?} up {:?}", ix.downstream(n), ix.upstream(n));
        }
    }
    for (e, edge) in d.edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "e{e} {:?} {:?}->{:?} ends {:?} {:?}/{:?} containers {:?} path {} internal {} \
             host {} public {}",
            ix.edge_index(edge.id.as_str()),
            ix.source(e),
            ix.target(e),
            ix.ends(e),
            ix.initiator(e),
            ix.responder(e),
            ix.container_ends(e),
            ix.edge_on_user_path(e),
            ix.internal(e),
            ix.same_host(e),
            ix.public(e),
        );
    }
    for (c, container) in d.containers.iter().enumerate() {
        let _ = writeln!(
            s,
            "c{c} {:?} chain {:?} members {:?}",
            ix.container_index(container.id.as_str()),
            ix.container_ancestors(c),
            ix.members(c),
        );
    }
    s
}

/// What the index says about the bench designs, every template and every fixture, pinned: a
/// change meant only to make the index faster must leave this snapshot as it is.
#[test]
fn index_facts_of_every_design_are_pinned() {
    let mut all = String::new();
    for (name, d) in pinned_designs() {
        let facts = index_facts(&d);
        all.push_str(&format!(
            "{name}: {} lines, digest {:016x}\n",
            facts.lines().count(),
            digest(&facts)
        ));
    }
    insta::assert_snapshot!(all);
}

/// The strict estimate and the one that assumes a workload, of the bench designs, every
/// template and every fixture, pinned to the last bit of every figure (the digest is over the
/// `Debug` text, which prints floats exactly): a change meant only to make the estimate faster
/// must leave this snapshot as it is.
#[test]
fn estimates_of_every_design_are_pinned() {
    let mut all = String::new();
    for (name, d) in pinned_designs() {
        let ix = Index::new(&d);
        let strict = capacity::estimate(&d, &ix);
        let assumed = capacity::estimate_or_assume(&d, &ix);
        all.push_str(&format!(
            "{name}: {} priced, bottleneck {:?}, digest {:016x} assumed {:016x}\n",
            strict.priced_nodes,
            strict.bottleneck,
            digest(&format!("{strict:?}")),
            digest(&format!("{assumed:?}")),
        ));
    }
    insta::assert_snapshot!(all);
}

/// A real diagram that draws DNS in front of its balancer and no client: users arrive at the
/// DNS, and the balancer and every tier behind it carry the load (each had 0 before, "no
/// traffic reaches this component").
#[test]
fn users_arrive_at_a_dns_drawn_in_front_of_the_balancer() {
    let d = archway::model::file::load(std::path::Path::new(
        "tests/fixtures/realistic/aws-three-tier.archway.ron",
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let e = est(&d);
    close(node(&d, &e, "route53").load_rps, 100.0);
    close(node(&d, &e, "alb").load_rps, 100.0);
    for id in ["web_a", "web_b", "rds", "memcached"] {
        assert!(
            node(&d, &e, id).load_rps.is_some_and(|l| l > 0.0),
            "{id} gets no load"
        );
    }
}
