//! Generated designs of any size for benchmarks and stress tests: repeated service cells
//! (load balancer, app fleet, cache, database with replica, queue and worker) laid out in a grid
//! of regions, VPCs, zones and subnets.

use super::design::{Container, Design, Edge, Node, Pos, Rect, ReviewLevel};
use super::ids::ContainerId;
use super::kinds::{ContainerKind, EdgeKind, NodeKind, Protocol};
use super::props::Role;

/// Nodes in one generated service cell.
pub const CELL_NODES: usize = 10;
const CELLS_PER_ZONE: usize = 5;
const ZONES_PER_VPC: usize = 4;

/// A design with about `nodes` nodes (rounded up to whole cells, plus one client and one DNS).
pub fn design(nodes: usize) -> Design {
    let cells = nodes.div_ceil(CELL_NODES).max(1);
    let mut d = Design::empty(&format!("Generated design ({nodes} nodes)"));
    d.review_level = ReviewLevel::Production;
    d.workload.dau = Some(10_000_000);
    d.workload.concurrent_peak = Some(50_000);
    d.workload.read_write_ratio = Some(20.0);
    d.nodes
        .push(Node::new("users", NodeKind::Client, Pos::new(-400.0, 0.0)));
    d.nodes
        .push(Node::new("dns", NodeKind::Dns, Pos::new(-400.0, 150.0)));
    d.edges.push(Edge::new(
        "users_dns",
        "users",
        "dns",
        EdgeKind::Read,
        Some(Protocol::Udp),
    ));

    const CELL_W: f32 = 1000.0;
    const CELL_H: f32 = 420.0;
    let zones = cells.div_ceil(CELLS_PER_ZONE);
    let vpcs = zones.div_ceil(ZONES_PER_VPC);
    for v in 0..vpcs {
        let vy = v as f32 * (CELLS_PER_ZONE as f32 * CELL_H + 200.0);
        let region = format!("region_{v}");
        let vpc = format!("vpc_{v}");
        let width = ZONES_PER_VPC as f32 * (CELL_W + 60.0) + 80.0;
        let height = CELLS_PER_ZONE as f32 * CELL_H + 160.0;
        d.containers.push(container(
            &region,
            ContainerKind::Region,
            None,
            Rect::new(-40.0, vy - 80.0, width + 80.0, height + 120.0),
        ));
        d.containers.push(container(
            &vpc,
            ContainerKind::Vpc,
            Some(&region),
            Rect::new(0.0, vy - 40.0, width, height + 40.0),
        ));
        for z in 0..ZONES_PER_VPC {
            let zi = v * ZONES_PER_VPC + z;
            if zi >= zones {
                break;
            }
            let zx = 40.0 + z as f32 * (CELL_W + 60.0);
            let az = format!("az_{zi}");
            d.containers.push(container(
                &az,
                ContainerKind::AvailabilityZone,
                Some(&vpc),
                Rect::new(zx, vy, CELL_W, CELLS_PER_ZONE as f32 * CELL_H + 40.0),
            ));
            let public = format!("pub_{zi}");
            let private = format!("priv_{zi}");
            d.containers.push(container(
                &public,
                ContainerKind::PublicSubnet,
                Some(&az),
                Rect::new(zx + 20.0, vy + 20.0, 200.0, CELLS_PER_ZONE as f32 * CELL_H),
            ));
            d.containers.push(container(
                &private,
                ContainerKind::PrivateSubnet,
                Some(&az),
                Rect::new(
                    zx + 240.0,
                    vy + 20.0,
                    CELL_W - 260.0,
                    CELLS_PER_ZONE as f32 * CELL_H,
                ),
            ));
            for k in 0..CELLS_PER_ZONE {
                let cell = zi * CELLS_PER_ZONE + k;
                if cell >= cells {
                    break;
                }
                add_cell(
                    &mut d,
                    cell,
                    zx,
                    vy + 40.0 + k as f32 * CELL_H,
                    &public,
                    &private,
                );
            }
        }
    }
    d
}

fn container(id: &str, kind: ContainerKind, parent: Option<&str>, rect: Rect) -> Container {
    Container {
        id: ContainerId::new(id),
        kind,
        label: String::new(),
        rect,
        parent: parent.map(ContainerId::new),
        geo: (kind == ContainerKind::Region).then(|| "NA".to_owned()),
        props: Default::default(),
    }
}

fn add_cell(d: &mut Design, c: usize, x: f32, y: f32, public: &str, private: &str) {
    let id = |s: &str| format!("{s}_{c}");
    let mut push = |name: &str, kind: NodeKind, dx: f32, dy: f32, subnet: &str| {
        let mut n = Node::new(id(name), kind, Pos::new(x + dx, y + dy));
        n.container = Some(ContainerId::new(subnet));
        n.props.service = Some(format!("svc_{c}"));
        d.nodes.push(n);
    };
    push("lb", NodeKind::LoadBalancer, 40.0, 120.0, public);
    for i in 0..3 {
        push(
            &format!("app{i}"),
            NodeKind::AppServer,
            280.0,
            20.0 + i as f32 * 120.0,
            private,
        );
    }
    push("cache", NodeKind::Cache, 480.0, 20.0, private);
    push("db", NodeKind::SqlDb, 480.0, 140.0, private);
    push("replica", NodeKind::ReadReplica, 480.0, 260.0, private);
    push("queue", NodeKind::MessageQueue, 680.0, 20.0, private);
    push("worker", NodeKind::Worker, 680.0, 140.0, private);
    push("bucket", NodeKind::ObjectStorage, 680.0, 260.0, private);

    let n = d.nodes.len();
    let base = n - CELL_NODES;
    {
        let nodes = &mut d.nodes[base..];
        for app in &mut nodes[1..4] {
            app.props.fleet = Some(id("app"));
            app.props.tier = Some("app.growth".into());
        }
        // A reasonably well-built cell, as a team following the guide would draw it: managed,
        // redundant front door and stores, health checks, TLS, encrypted stores. Detail rules
        // still find things to say (as they would on a real design), but not on every node.
        let lb = &mut nodes[0].props;
        lb.managed = Some(true);
        lb.provider_redundant = Some(true);
        lb.health_check = Some(Box::new(super::props::HealthCheck {
            enabled: Some(true),
            path: Some("/health".into()),
            interval_s: Some(10),
        }));
        lb.waf = Some(true);
        for app in &mut nodes[1..4] {
            app.props.fleet = Some(id("app"));
            app.props.tier = Some("app.growth".into());
            app.props.health_endpoint = Some(true);
            app.props.auto_restart = Some(true);
            app.props.session_storage = Some(super::props::SessionStorage::SharedStore);
            app.props.query_construction = Some(super::props::QueryConstruction::Parameterized);
        }
        let cache = &mut nodes[4].props;
        cache.role = Some(Role::Cache);
        cache.backs = Some(vec![nodes[5].id.clone()]);
        cache.managed = Some(true);
        cache.replicas = Some(1);
        cache.eviction_policy = Some(super::props::EvictionPolicy::AllkeysLru);
        cache.default_ttl_s = Some(3600);
        cache.ttl_jitter_s = Some(300);
        for store in &mut nodes[4..10] {
            if store.kind.is_store() {
                store.props.encryption_at_rest = Some(true);
                store.props.key_store = Some(super::props::KeyStore::Kms);
            }
        }
        let db = &mut nodes[5].props;
        db.tier = Some("db.growth".into());
        db.managed = Some(true);
        db.provider_redundant = Some(true);
        db.standby = Some(super::props::StandbyMode::Sync);
        db.failover = Some(super::props::Failover::Automatic);
        nodes[7].props.dlq = Some(super::props::Dlq::Enabled(true));
        nodes[7].props.managed = Some(true);
        nodes[7].props.provider_redundant = Some(true);
        nodes[8].props.instances = Some(2);
        nodes[8].props.idempotent = Some(true);
        nodes[9].props.managed = Some(true);
        nodes[9].props.provider_redundant = Some(true);
    }

    let mut edge = |name: &str, from: &str, to: &str, kind: EdgeKind, protocol: Protocol| {
        let mut e = Edge::new(id(name), from, to, kind, Some(protocol));
        e.props.timeout_ms = Some(200);
        e.props.tls = Some(true);
        d.edges.push(e);
    };
    edge(
        "in",
        "users",
        &id("lb"),
        EdgeKind::SyncRequest,
        Protocol::Https,
    );
    for i in 0..3 {
        let app = id(&format!("app{i}"));
        edge(
            &format!("lb_app{i}"),
            &id("lb"),
            &app,
            EdgeKind::SyncRequest,
            Protocol::Https,
        );
        edge(
            &format!("app{i}_cache"),
            &app,
            &id("cache"),
            EdgeKind::Read,
            Protocol::Tcp,
        );
        edge(
            &format!("app{i}_db"),
            &app,
            &id("db"),
            EdgeKind::Write,
            Protocol::Tcp,
        );
        edge(
            &format!("app{i}_replica"),
            &app,
            &id("replica"),
            EdgeKind::Read,
            Protocol::Tcp,
        );
    }
    edge(
        "app0_queue",
        &id("app0"),
        &id("queue"),
        EdgeKind::AsyncMessage,
        Protocol::Https,
    );
    edge(
        "queue_worker",
        &id("queue"),
        &id("worker"),
        EdgeKind::AsyncMessage,
        Protocol::Https,
    );
    edge(
        "worker_bucket",
        &id("worker"),
        &id("bucket"),
        EdgeKind::Write,
        Protocol::Https,
    );
    edge(
        "db_replica",
        &id("db"),
        &id("replica"),
        EdgeKind::Replication,
        Protocol::Tcp,
    );
}

/// Width of a box in the standard scene, in canvas units.
pub const GRID_BOX_W: f32 = 120.0;
/// Height of a box in the standard scene, in canvas units.
pub const GRID_BOX_H: f32 = 60.0;
/// Gap between neighbouring boxes in the standard scene, in canvas units.
pub const GRID_GAP: f32 = 40.0;

/// Columns of the standard scene for `n` boxes: `ceil(sqrt(n · (16/9) · 100 / 160))`, so the
/// grid of 160 × 100 unit cells is about 16:9. At least one.
pub fn grid_columns(n: usize) -> usize {
    let pitch_x = f64::from(GRID_BOX_W + GRID_GAP);
    let pitch_y = f64::from(GRID_BOX_H + GRID_GAP);
    ((n as f64 * (16.0 / 9.0) * pitch_y / pitch_x).sqrt().ceil() as usize).max(1)
}

/// The standard scene web-canvas benchmarks use, so results compare one to one: `n` boxes
/// labelled "Box 1" … "Box n" on a 16:9 grid ([`grid_columns`]) of 120 × 60 unit cells with
/// 40-unit gaps, visited in serpentine order (left to right on even rows, right to left on odd
/// rows), and `n − 1` connections between consecutive boxes (horizontal inside a row, vertical at
/// the row ends).
///
/// Every box is an [`NodeKind::AppServer`]: the plainest compute node, with no container, no
/// properties and a synchronous call to the next box, so the scene measures drawing rather than
/// the critique (stores, queues, caches and front doors carry properties that several rules
/// comment on). Archway draws every node at its own fixed size, so the boxes are placed on the
/// scene's 160 × 100 pitch and drawn at the canvas's node size. The output depends on `n` only.
pub fn grid(n: usize) -> Design {
    let cols = grid_columns(n);
    let mut d = Design::empty(&format!("Grid of {n} boxes"));
    let id = |i: usize| format!("box_{}", i + 1);
    for i in 0..n {
        let (row, c) = (i / cols, i % cols);
        let col = if row % 2 == 0 { c } else { cols - 1 - c };
        let pos = Pos::new(
            col as f32 * (GRID_BOX_W + GRID_GAP),
            row as f32 * (GRID_BOX_H + GRID_GAP),
        );
        let mut node = Node::new(id(i), NodeKind::AppServer, pos);
        node.label = format!("Box {}", i + 1);
        d.nodes.push(node);
    }
    for i in 1..n {
        d.edges.push(Edge::new(
            format!("link_{i}"),
            id(i - 1),
            id(i),
            EdgeKind::SyncRequest,
            None,
        ));
    }
    d
}
