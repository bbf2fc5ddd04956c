//! The design model: file round trips, a clear positioned error for every kind of bad input,
//! atomic saving, the index's derived predicates, and edits with their inverses.

use archway::index::{self, Index};
use archway::model::props::*;
use archway::model::*;
use archway::model::{file, migrate};

// ---------- helpers ----------

fn parse_err(text: &str) -> Vec<Problem> {
    match file::parse(text) {
        Ok(_) => panic!("expected the text to be rejected:\n{text}"),
        Err(p) => p,
    }
}

const HEADER: &str = "#![enable(implicit_some)]\n";

/// A node property set with every field filled in.
fn every_node_prop() -> NodeProps {
    NodeProps {
        tech: Some("PostgreSQL".into()),
        service: Some("orders".into()),
        fleet: Some("orders_fleet".into()),
        instances: Some(3),
        managed: Some(true),
        provider_redundant: Some(false),
        az_count: Some(2),
        tier: Some("db.growth".into()),
        monthly_cost: Some("40-60".into()),
        latency_ms: Some(12.5),
        capacity_qps: Some(5000.0),
        host: Some("vm1".into()),
        public_endpoint: Some(false),
        public_ip: Some(false),
        vpc_attached: Some(true),
        criticality: Some(Criticality::Optional),
        data_classes: Some(vec![DataClass::Pii, DataClass::Payment]),
        health_endpoint: Some(true),
        auto_restart: Some(true),
        autoscale: Some(false),
        throughput_per_instance: Some(250.5),
        max_duration_s: Some(30.0),
        spot: Some(true),
        platform: Some(Platform::MobileApp),
        debounce_ms: Some(150),
        local_cache: Some(true),
        heartbeat_s: Some(30.0),
        geo_routing: Some(true),
        ttl_s: Some(60),
        caches: Some(vec![CdnContent::StaticAssets, CdnContent::VideoSegments]),
        waf: Some(true),
        layer: Some(LbLayer::L4),
        algorithm: Some(LbAlgorithm::LeastConnections),
        health_check: Some(Box::new(HealthCheck {
            enabled: Some(true),
            path: Some("/health".into()),
            interval_s: Some(10),
        })),
        websocket_support: Some(true),
        tls_termination: Some(true),
        rate_limit: Some(Box::new(RateLimit {
            enabled: Some(true),
            algorithm: Some(RateLimitAlgorithm::TokenBucket),
            capacity: Some(100),
            refill_per_s: Some(10.0),
            limit: Some(1000),
            window_s: Some(60),
            scopes: vec![RateLimitScope::PerIp, RateLimitScope::PerUser],
            routes: [("POST /api/urls".to_owned(), "per_user".to_owned())].into(),
            store: Some(RateLimitStore::SharedCache),
            sync: Some(RateLimitSync::Periodic),
            reply: Some(RateLimitReply::RetryAfter429),
        })),
        session_storage: Some(SessionStorage::SharedStore),
        auth_mode: Some(AuthMode::Jwt),
        cookie_contents: Some(CookieContents::OpaqueSessionId),
        cookie_signed: Some(true),
        jwt: Some(Box::new(Jwt {
            signed: Some(true),
            alg: Some("HS256".into()),
            access_ttl_min: Some(15.0),
            refresh_ttl_days: Some(7.0),
            revocation: Some(JwtRevocation::Blocklist),
            claims: vec!["user_id".into(), "exp".into()],
        })),
        authz: Some(Authz::Rbac),
        authz_centralized: Some(true),
        resource_by_id: Some(true),
        multi_tenant: Some(false),
        query_construction: Some(QueryConstruction::Parameterized),
        input_validation: Some(true),
        renders_ugc: Some(true),
        output_encoding: Some(true),
        csp: Some(true),
        csrf_protection: Some(true),
        stores_passwords: Some(true),
        password_hashing: Some(PasswordHashing::Argon2),
        serves_static: Some(false),
        ryw_window_s: Some(5.0),
        fanout: Some(Box::new(Fanout {
            strategy: Some(FanoutStrategy::Hybrid),
            threshold: Some(10_000),
        })),
        idempotent: Some(true),
        default_timeout_ms: Some(2000),
        dedupe_key: Some("event_id".into()),
        relays_client_messages: Some(true),
        latency_sensitive: Some(false),
        traffic_pattern: Some(TrafficPattern::Bursty),
        volume_rps: Some(12.5),
        role: Some(Role::Primary),
        partitioning: Some(Partitioning::ConsistentHash),
        robots_txt_check: Some(true),
        backs: Some(vec![NodeId::new("db")]),
        eviction_policy: Some(EvictionPolicy::AllkeysLru),
        maxmemory_mb: Some(4096),
        default_ttl_s: Some(86_400),
        ttl_jitter_s: Some(3600),
        stampede_protection: Some(StampedeProtection::Lock),
        write_strategy: Some(WriteStrategy::CacheAside),
        persistence: Some(Persistence::Aof),
        nodes: Some(3),
        replicas: Some(1),
        virtual_nodes: Some(true),
        hot_keys: Some(true),
        standby: Some(StandbyMode::Sync),
        failover: Some(Failover::Automatic),
        quorum: Some(true),
        voting_nodes: Some(3),
        replication_factor: Some(3),
        promotable: Some(true),
        sharding: Some(Box::new(Sharding {
            strategy: Some(ShardStrategy::Hash),
            key: Some("user_id".into()),
            key_type: Some(ShardKeyType::RandomId),
            shards: Some(8),
            hot_key_mitigation: Some(HotKeyMitigation::Salt),
        })),
        shard_of: Some(NodeId::new("db")),
        stores_blobs: Some(false),
        encryption_at_rest: Some(true),
        key_store: Some(KeyStore::Kms),
        tenant_isolation: Some(TenantIsolation::Rls),
        full_text_search: Some(Box::new(FullTextSearch {
            enabled: Some(true),
            doc_count: Some(1_000_000),
            core_feature: Some(false),
        })),
        write_pattern: Some(WritePattern::Oltp),
        ts_extension: Some(false),
        presigned_urls: Some(true),
        presign_ttl_s: Some(900),
        video_ladder: Some(Box::new(VideoLadder {
            renditions: Some(4),
            segment_s: Some(6.0),
        })),
        dlq: Some(Dlq::Node(NodeId::new("queue"))),
        max_receive_count: Some(5),
        visibility_timeout_s: Some(60),
        delivery: Some(Delivery::AtLeastOnce),
        delivery_mode: Some(DeliveryMode::Pull),
        bounded: Some(true),
        max_depth: Some(100_000),
        per_domain_rate_limit: Some(true),
        per_domain_limiter: Some(LimiterScope::Shared),
        priority: Some(true),
        category: Some(ExternalCategory::Payment),
        doc_count: Some(20_000_000),
        redirect_status: Some(302),
        top_k: Some(10),
        schedule: Some("hourly".into()),
        data_model: Some(DataModel::WideColumn),
        access: Some(BucketAccess::Presigned),
        autoscale_min: Some(2),
        origin: Some(Box::new(Origin {
            source_type: Some("AWS::SageMaker::Endpoint".into()),
            icon: Some("aws-sagemaker".into()),
        })),
        locked: Some(true),
    }
}

fn every_edge_prop() -> EdgeProps {
    EdgeProps {
        tls: Some(true),
        method: Some(vec![HttpMethod::Get, HttpMethod::Post]),
        route: Some("/api/*".into()),
        operation: Some("checkout".into()),
        transactional: Some(true),
        tags: Some(vec![EdgeTag::Payment, EdgeTag::Login]),
        payload_class: Some(PayloadClass::FileBytes),
        max_payload_mb: Some(2.5),
        chunked: Some(true),
        resumable: Some(true),
        presigned: Some(false),
        cacheable: Some(true),
        pattern: Some(CallPattern::Poll),
        polling_interval_s: Some(2.0),
        timeout_ms: Some(200),
        retry: Some(Box::new(Retry {
            policy: Some(RetryPolicy::Exponential),
            base_ms: Some(1000),
            max_attempts: Some(4),
        })),
        idempotency_key: Some(true),
        idempotency_ttl_h: Some(24.0),
        circuit_breaker: Some(Box::new(CircuitBreaker {
            enabled: Some(true),
            error_threshold_pct: Some(50.0),
            call_timeout_ms: Some(3000),
            reset_timeout_ms: Some(30_000),
        })),
        fallback: Some("cached price".into()),
        auth: Some(EdgeAuth::Mtls),
        consistency: Some(Consistency::ReadYourWrites),
        mode: Some(ReplicationMode::Sync),
        scope: Some(ShardScope::SingleShard),
        rate_rps: Some(120.0),
        consumer_group: Some("mailers".into()),
        ack_mode: Some(AckMode::AfterProcessing),
        workflow: Some("checkout".into()),
        step: Some(2),
        compensation: Some("refund".into()),
        egress_via: Some(EgressVia::Nat),
        redirect_to_https: Some(false),
        background: Some(false),
        multiplier: Some(3.0),
        trigger: Some(Box::new(Trigger {
            event: Some("s3:ObjectCreated:*".into()),
            dlq: Some(Dlq::Node(NodeId::new("message_queue"))),
        })),
    }
}

/// A design with one node of every kind, one container of every kind, one edge of every kind
/// and protocol, every property set, workload, thresholds and a suppression.
fn everything_design() -> Design {
    let mut d = Design::empty("Everything");
    d.metadata.description = "Every kind and property".into();
    d.metadata.notes = "Line one\nline two with \"quotes\" and <script>alert(1)</script>".into();
    d.review_level = ReviewLevel::Production;
    let mut parent: Option<ContainerId> = None;
    for (i, kind) in ContainerKind::ALL.into_iter().enumerate() {
        let id = ContainerId::new(kind.key());
        d.containers.push(Container {
            id: id.clone(),
            kind,
            label: format!("{} box", kind.key()),
            rect: Rect::new(
                i as f32 * 10.0,
                i as f32 * 10.0,
                2000.0 - i as f32 * 20.0,
                1500.0,
            ),
            parent: parent.clone(),
            geo: (kind == ContainerKind::Region).then(|| "EU".to_owned()),
            props: Default::default(),
        });
        parent = Some(id);
    }
    for (i, kind) in NodeKind::ALL.into_iter().enumerate() {
        let mut n = Node::new(kind.key(), kind, Pos::new(40.0 + i as f32 * 170.0, 300.0));
        n.label = format!("The {}", kind.key());
        n.container = Some(ContainerId::new("private_subnet"));
        n.props = every_node_prop();
        // Role must fit the kind; ids referenced by props must exist.
        n.props.role = Role::choices(kind)
            .first()
            .cloned()
            .or_else(|| kind.is_compute().then(|| Role::Other("indexer".into())));
        n.props.backs = Some(vec![NodeId::new("sql_db")]);
        n.props.shard_of = Some(NodeId::new("sql_db"));
        n.props.dlq = Some(Dlq::Node(NodeId::new("message_queue")));
        d.nodes.push(n);
    }
    // A node with a plain boolean DLQ and no properties at all, outside every container.
    let mut plain = Node::new("plain_queue", NodeKind::MessageQueue, Pos::new(0.0, 0.0));
    plain.props.dlq = Some(Dlq::Enabled(false));
    d.nodes.push(plain);
    d.nodes.push(Node::new(
        "bare",
        NodeKind::Worker,
        Pos::new(-200.0, -100.0),
    ));
    for (i, kind) in EdgeKind::ALL.into_iter().enumerate() {
        let protocol = Protocol::ALL[i % Protocol::ALL.len()];
        let mut e = Edge::new(
            format!("e_{}", kind.key()),
            "app_server",
            "sql_db",
            kind,
            Some(protocol),
        );
        e.label = format!("{} edge", kind.key());
        e.props = every_edge_prop();
        d.edges.push(e);
    }
    d.edges.push(Edge::new(
        "e_udp",
        "client",
        "dns",
        EdgeKind::Read,
        Some(Protocol::Udp),
    ));
    d.edges.push(Edge::new(
        "e_grpc",
        "app_server",
        "worker",
        EdgeKind::SyncRequest,
        Some(Protocol::Grpc),
    ));
    d.edges
        .push(Edge::new("e_bare", "worker", "cache", EdgeKind::Read, None));
    // An edge may end at a container ("any member").
    d.edges.push(Edge::new(
        "e_to_group",
        "load_balancer",
        "auto_scaling_group",
        EdgeKind::SyncRequest,
        Some(Protocol::Https),
    ));
    d.provider = Some(Provider::Aws);
    for c in &mut d.containers {
        match c.kind {
            ContainerKind::CloudAccount => {
                c.props.provider = Some(Provider::Gcp);
                c.props.source_type = Some("gcp.project".into());
            }
            ContainerKind::AutoScalingGroup => {
                c.props.min_instances = Some(2);
                c.props.max_instances = Some(10);
            }
            _ => {}
        }
    }
    d.workload = Workload {
        environment: Some(Environment::Production),
        availability_target_pct: Some(99.9),
        dau: Some(10_000_000),
        concurrent_peak: Some(50_000),
        peak_factor: Some(3.0),
        requests_per_user_per_day: Some(40.0),
        read_write_ratio: Some(100.0),
        read_qps: Some(5000.0),
        write_qps: Some(50.0),
        peak_rps: Some(15_000.0),
        request_kb: Some(2.0),
        response_kb: Some(20.0),
        cache_hit_ratio: Some(0.9),
        latency_target_ms: Some(200.0),
        user_geos: vec!["NA".into(), "EU".into()],
        multi_tenant: Some(true),
        zero_trust: Some(true),
        max_followers: Some(1_000_000),
        max_group_size: Some(500),
        hot_keys: Some(true),
        max_file_size_mb: Some(5000.0),
        default_timeout_ms: Some(3000),
        thresholds: Thresholds {
            read_heavy_ratio: Some(5.0),
            fanout_threshold: Some(200),
            fts_doc_threshold: Some(1_000_000),
            chunk_threshold_mb: Some(8.0),
            jwt_max_access_min: Some(30.0),
            sls_latency_budget_ms: Some(1000.0),
            sls_max_duration_s: Some(600.0),
            premature_shard_write_qps: Some(20_000.0),
            heavy_db_qps: Some(10_000.0),
            steady_volume_rps: Some(100.0),
            sync_chain_max_hops: Some(4),
            sync_fanout_max: Some(5),
            slow_dependency_ms: Some(500.0),
        },
    };
    d.suppressions = vec![
        Suppression {
            rule: "SPOF-DB".into(),
            target: Some("sql_db".into()),
            reason: "staging only".into(),
        },
        Suppression {
            rule: "CDN-MISSING-FOR-STATIC".into(),
            target: None,
            reason: "internal tool".into(),
        },
    ];
    d
}

// ---------- round trips ----------

#[test]
fn every_kind_and_property_round_trips_byte_identically() {
    let d = everything_design();
    let text = file::to_string(&d);
    let back = file::parse(&text).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
    assert_eq!(back, d, "loaded design differs from the saved one");
    assert_eq!(
        file::to_string(&back),
        text,
        "second save is not byte-identical"
    );
    // Every property name appears in the file, so none is silently dropped.
    for field in NodeProps::FIELDS
        .iter()
        .chain(EdgeProps::FIELDS)
        .chain(ContainerProps::FIELDS)
    {
        assert!(
            text.contains(&format!("{field}:")),
            "property `{field}` missing from the file"
        );
    }
    for kind in NodeKind::ALL {
        assert!(
            text.contains(&format!("kind: {},", kind.key())),
            "kind {kind:?} missing"
        );
    }
    for kind in ContainerKind::ALL {
        assert!(
            text.contains(&format!("kind: {},", kind.key())),
            "container kind {kind:?} missing"
        );
    }
    assert!(text.contains("kind: event_trigger,"));
    assert!(text.contains("provider: aws"));
    assert!(text.contains("to: \"auto_scaling_group\""));
    assert!(text.contains("protocol: UDP"));
    assert!(text.contains("protocol: gRPC"));
}

/// A file written before the real-design kinds (no provider, no container props, only the
/// first kinds) loads unchanged, at the same format version: every addition is optional.
#[test]
fn files_from_before_the_real_design_kinds_still_load() {
    let old = r#"#![enable(implicit_some)]
(
    version: 1,
    metadata: (title: "Old"),
    containers: [(id: "vpc", kind: vpc, rect: (0, 0, 400, 300))],
    nodes: [
        (id: "lb", kind: load_balancer, pos: (10, 10), container: "vpc", props: (public_ip: true)),
        (id: "api", kind: app_server, pos: (200, 10), container: "vpc", props: (autoscale: true)),
    ],
    edges: [(id: "lb_api", from: "lb", to: "api", kind: sync_request)],
)
"#;
    let d = file::parse(old).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(d.version, CURRENT_VERSION);
    assert_eq!(d.provider, None);
    assert!(d.containers[0].props.is_empty());
    assert_eq!(d.nodes[1].props.autoscale, Some(true));
    assert_eq!(d.nodes[1].props.autoscale_min, None);
}

/// The real-design kinds: an auto-scaling group's members are one fleet of at least its
/// minimum; an on-premises data centre is a private network; an edge to a container reaches
/// its first member; the provider comes from the nearest container, else the design.
#[test]
fn real_design_kinds_in_the_index() {
    let text = r#"#![enable(implicit_some)]
(
    version: 1,
    provider: aws,
    containers: [
        (id: "acct", kind: cloud_account, rect: (0, 0, 900, 600), props: (provider: gcp)),
        (id: "asg", kind: auto_scaling_group, rect: (20, 20, 300, 160), parent: "acct",
            props: (min_instances: 2, max_instances: 6)),
        (id: "dc", kind: on_prem_data_center, rect: (0, 700, 600, 300)),
    ],
    nodes: [
        (id: "lb", kind: load_balancer, pos: (400, 40), container: "acct",
            props: (managed: true, public_ip: true)),
        (id: "web", kind: app_server, pos: (40, 40), container: "asg"),
        (id: "web2", kind: app_server, pos: (140, 40), container: "asg"),
        (id: "legacy", kind: sql_db, pos: (40, 740), container: "dc"),
        (id: "erp", kind: generic, pos: (200, 740), container: "dc",
            props: (origin: (source_type: "SAP", icon: "sap-erp"))),
        (id: "fn", kind: serverless_function, pos: (600, 40),
            props: (autoscale: true, autoscale_min: 3)),
        (id: "bucket", kind: object_storage, pos: (600, 200), props: (tech: "Amazon S3")),
        (id: "topic", kind: pubsub_topic, pos: (600, 300)),
        (id: "w1", kind: worker, pos: (700, 300)),
        (id: "w2", kind: worker, pos: (700, 400)),
    ],
    edges: [
        (id: "lb_asg", from: "lb", to: "asg", kind: sync_request, protocol: HTTPS),
        (id: "web_legacy", from: "web", to: "legacy", kind: read),
        (id: "upload", from: "bucket", to: "fn", kind: event_trigger,
            props: (trigger: (event: "s3:ObjectCreated:*", dlq: "topic"), retry: (max_attempts: 2))),
        (id: "t_w1", from: "topic", to: "w1", kind: async_message),
        (id: "t_w2", from: "topic", to: "w2", kind: async_message),
    ],
)
"#;
    let d = file::parse(text).unwrap_or_else(|p| panic!("{p:?}"));
    let ix = Index::new(&d);
    let n = |id: &str| ix.node_index(id).expect(id);
    let c = |id: &str| ix.container_index(id).expect(id);
    // The edge to the group reaches its first member.
    let lb_asg = ix.edge_index("lb_asg").expect("edge");
    assert_eq!(ix.target(lb_asg), Some(n("web")));
    assert_eq!(ix.container_ends(lb_asg), (None, Some(c("asg"))));
    assert_eq!(ix.members(c("asg")), vec![n("web"), n("web2")]);
    // The group's members are one fleet of at least its minimum.
    assert_eq!(ix.fleet(n("web")), &[n("web"), n("web2")]);
    assert_eq!(ix.effective_min_instances(n("web")), 2);
    assert!(ix.redundancy(n("web")) >= 2);
    assert_eq!(ix.effective_min_instances(n("fn")), 3);
    assert_eq!(ix.effective_min_instances(n("w1")), 1);
    // An on-premises data centre is a private network; the edge inside it is internal.
    assert!(ix.in_vpc(n("legacy")));
    // Providers: nearest container, on-prem by kind, else the design's.
    assert_eq!(ix.provider_of(n("lb")), Some(Provider::Gcp));
    assert_eq!(ix.provider_of(n("legacy")), Some(Provider::OnPrem));
    assert_eq!(ix.provider_of(n("bucket")), Some(Provider::Aws));
    // Provider facts.
    assert!(ix.node(n("lb")).always_health_checked());
    assert!(ix.node(n("lb")).multi_az_by_default());
    assert!(
        ix.node(n("bucket"))
            .encrypted_at_rest_by_default(ix.provider_of(n("bucket")))
    );
    assert!(
        !ix.node(n("legacy"))
            .encrypted_at_rest_by_default(ix.provider_of(n("legacy")))
    );
    // A topic pushes every message to every subscriber; an event trigger is a delivery.
    assert_eq!(ix.consumers(n("topic")), vec![n("w1"), n("w2")]);
    let t_w1 = ix.edge_index("t_w1").expect("edge");
    assert_eq!(ix.initiator(t_w1), Some(n("topic")));
    assert_eq!(ix.consumers(n("bucket")), vec![n("fn")]);
    // The generic component keeps what it came with.
    let erp = ix.node(n("erp"));
    let origin = erp.props.origin.as_deref().expect("origin");
    assert_eq!(origin.source_type.as_deref(), Some("SAP"));
    assert_eq!(origin.icon.as_deref(), Some("sap-erp"));
    assert!(erp.kind.is_generic() && !erp.kind.is_compute() && !erp.kind.is_store());
}

/// An edge to a missing container or node is still refused; removing a container takes the
/// edges that end at it, and undo brings them back.
#[test]
fn edges_at_containers_validate_and_undo() {
    let text = r#"(
    version: 1,
    containers: [(id: "asg", kind: auto_scaling_group, rect: (0, 0, 300, 200))],
    nodes: [
        (id: "lb", kind: load_balancer, pos: (400, 40)),
        (id: "web", kind: app_server, pos: (40, 40), container: "asg"),
    ],
    edges: [(id: "lb_asg", from: "lb", to: "asg", kind: sync_request)],
)
"#;
    let mut d = file::parse(text).unwrap_or_else(|p| panic!("{p:?}"));
    let before = d.clone();
    let undo = Edit::RemoveContainer {
        id: ContainerId::new("asg"),
    }
    .apply(&mut d);
    assert!(
        d.edges.is_empty(),
        "the edge to the removed container goes too"
    );
    undo.apply(&mut d);
    assert_eq!(d, before);
    let bad = text.replace("to: \"asg\"", "to: \"nowhere\"");
    let problems = parse_err(&bad);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("`nowhere`, which does not exist")),
        "{problems:?}"
    );
}

#[test]
fn saved_file_is_readable_and_stable() {
    let d = everything_design();
    let text = file::to_string(&d);
    assert!(text.starts_with(HEADER), "implicit_some header missing");
    // Unset is distinct from false: an unset property is omitted, false is written.
    assert!(text.contains("provider_redundant: false"));
    let bare_node = text.find("id: \"bare\"").expect("bare node");
    let bare_tail = &text[bare_node
        ..text[bare_node..]
            .find("),")
            .map(|i| i + bare_node)
            .unwrap_or(text.len())];
    assert!(
        !bare_tail.contains("props"),
        "a node without properties writes no props block"
    );
    // Coordinates are rounded to whole units.
    let mut moved = d.clone();
    moved.nodes[0].pos = Pos::new(10.4, 20.6);
    let t = file::to_string(&moved);
    assert!(t.contains("pos: (10, 21)"), "coordinates not rounded");
}

#[test]
fn small_edit_gives_a_small_diff() {
    let d = everything_design();
    let before = file::to_string(&d);
    let mut after_d = d.clone();
    after_d.nodes[3].pos.x += 20.0;
    let after = file::to_string(&after_d);
    let changed = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed, 1, "moving one node must change exactly one line");
}

#[test]
fn untrusted_text_round_trips_verbatim() {
    let mut d = Design::empty("<script>alert(1)</script> & \"quotes\" ]]> | \n emoji 🚀");
    let mut n = Node::new("x", NodeKind::AppServer, Pos::new(0.0, 0.0));
    n.label = "<script>alert(1)</script>\"\\ \u{0}".into();
    d.nodes.push(n);
    let text = file::to_string(&d);
    let back = file::parse(&text).expect("parses");
    assert_eq!(back, d);
}

#[test]
fn one_megabyte_label_loads() {
    let mut d = Design::empty("big");
    let mut n = Node::new("x", NodeKind::AppServer, Pos::new(0.0, 0.0));
    n.label = "a".repeat(1024 * 1024);
    d.nodes.push(n);
    let back = file::parse(&file::to_string(&d)).expect("a 1 MB label is fine");
    assert_eq!(back.nodes[0].label.len(), 1024 * 1024);
}

// ---------- bad input: each gets its own message and position ----------

const GOOD: &str = r#"#![enable(implicit_some)]
(
    version: 1,
    metadata: (
        title: "Small",
    ),
    containers: [
        (
            id: "vpc",
            kind: vpc,
            rect: (0, 0, 800, 600),
        ),
    ],
    nodes: [
        (
            id: "api",
            kind: app_server,
            pos: (100, 100),
            container: "vpc",
        ),
        (
            id: "db",
            kind: sql_db,
            pos: (400, 100),
            container: "vpc",
        ),
    ],
    edges: [
        (
            id: "api_db",
            from: "api",
            to: "db",
            kind: read,
            protocol: TCP,
        ),
    ],
)
"#;

#[test]
fn good_fixture_loads() {
    let d = file::parse(GOOD).expect("the reference text loads");
    assert_eq!(d.nodes.len(), 2);
    assert_eq!(
        d.review_level,
        ReviewLevel::Production,
        "files default to production"
    );
}

#[test]
fn syntax_error_names_line_and_column() {
    let bad = GOOD.replace("kind: app_server,", "kind: app_server");
    let p = parse_err(&bad);
    assert_eq!(p[0].line, 18, "{p:?}");
    assert!(p[0].col >= 1);
    assert!(
        p[0].message.contains("expected") || p[0].message.contains("comma"),
        "{p:?}"
    );
}

#[test]
fn truncated_file_says_it_ends_too_early() {
    let cut = &GOOD[..GOOD.len() / 2];
    let p = parse_err(cut);
    assert!(p[0].message.contains("ends too early"), "{p:?}");
    assert!(p[0].line > 1);
}

#[test]
fn unknown_field_names_the_field_and_the_allowed_ones() {
    let bad = GOOD.replace(
        "pos: (100, 100),",
        "pos: (100, 100),\n            colour: \"red\",",
    );
    let p = parse_err(&bad);
    assert_eq!(p[0].line, 19, "{p:?}");
    assert!(p[0].message.contains("unknown field `colour`"), "{p:?}");
    assert!(
        p[0].message
            .contains("allowed fields: id, kind, label, pos, container, props"),
        "{p:?}"
    );
}

#[test]
fn unknown_property_value_lists_allowed_values() {
    let bad = GOOD.replace("kind: sql_db,", "kind: sql_database,");
    let p = parse_err(&bad);
    assert!(
        p[0].message.contains("unknown value `sql_database`"),
        "{p:?}"
    );
    assert!(p[0].message.contains("sql_db"), "{p:?}");
    assert_eq!(p[0].line, 23);
}

#[test]
fn dangling_edge_is_reported_at_the_edge() {
    let bad = GOOD.replace("to: \"db\",", "to: \"dbx\",");
    let p = parse_err(&bad);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].message
            .contains("edge `api_db` goes to node `dbx`, which does not exist"),
        "{p:?}"
    );
    assert_eq!(p[0].line, 32, "{p:?}");
}

#[test]
fn duplicate_id_is_reported_at_the_second_use() {
    let bad = GOOD
        .replace("id: \"db\",", "id: \"api\",")
        .replace("to: \"db\"", "to: \"api\"");
    let p = parse_err(&bad);
    assert!(
        p.iter()
            .any(|p| p.message.contains("duplicate id `api`") && p.line == 22),
        "{p:?}"
    );
}

#[test]
fn node_in_missing_container() {
    let bad = GOOD.replacen("container: \"vpc\",", "container: \"vpc9\",", 1);
    let p = parse_err(&bad);
    assert!(
        p[0].message
            .contains("node `api` is placed in container `vpc9`, which does not exist"),
        "{p:?}"
    );
    assert_eq!(p[0].line, 19);
}

#[test]
fn containment_cycle() {
    let bad = GOOD.replace(
        "rect: (0, 0, 800, 600),\n        ),",
        "rect: (0, 0, 800, 600),\n            parent: \"sub\",\n        ),\n        (\n            id: \"sub\",\n            kind: private_subnet,\n            rect: (0, 0, 10, 10),\n            parent: \"vpc\",\n        ),",
    );
    let p = parse_err(&bad);
    assert!(
        p.iter().any(|p| p.message.contains("containment cycle")),
        "{p:?}"
    );
    // The index must not loop on such a design either.
}

#[test]
fn role_that_does_not_fit_the_kind() {
    let bad = GOOD.replace(
        "container: \"vpc\",\n        ),\n        (\n            id: \"db\"",
        "container: \"vpc\",\n            props: (role: standby),\n        ),\n        (\n            id: \"db\"",
    );
    let p = parse_err(&bad);
    assert!(
        p[0].message
            .contains("role `standby` does not fit node `api`"),
        "{p:?}"
    );
}

#[test]
fn future_version_says_made_by_a_newer_archway() {
    let bad = GOOD.replace("version: 1,", "version: 7,\n    hologram: true,");
    let p = parse_err(&bad);
    assert_eq!(p.len(), 1);
    assert!(p[0].message.contains("made by a newer Archway"), "{p:?}");
    assert!(p[0].message.contains("version 7"), "{p:?}");
    assert_eq!(p[0].line, 3);
}

#[test]
fn missing_version() {
    let bad = GOOD.replace("version: 1,\n", "");
    let p = parse_err(&bad);
    assert!(p[0].message.contains("no `version` field"), "{p:?}");
}

#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let p = parse_err(&deep);
    assert!(p[0].message.contains("nested more than"), "{p:?}");
    let deep_parens = format!("(version: 1, metadata: {}", "(".repeat(10_000));
    let p = parse_err(&deep_parens);
    assert!(p[0].message.contains("nested more than"), "{p:?}");
}

#[test]
fn oversized_text_is_refused_quickly() {
    let huge = " ".repeat(file::MAX_FILE_BYTES as usize + 1);
    let start = std::time::Instant::now();
    let p = parse_err(&huge);
    assert!(
        p[0].message.contains("larger than the 64 MB limit"),
        "{p:?}"
    );
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn load_reports_file_name_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.archway.ron");
    std::fs::write(&path, GOOD.replace("to: \"db\",", "to: \"nope\",")).expect("write");
    let err = file::load(&path).expect_err("broken file");
    let shown = err.to_string();
    assert!(shown.contains("broken.archway.ron:32:17:"), "{shown}");
    assert!(shown.contains("node `nope`"), "{shown}");
}

#[test]
fn invalid_utf8_and_missing_files_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bin.archway.ron");
    std::fs::write(&path, b"(version: 1,\n title: \"\xff\xfe\")").expect("write");
    let err = file::load(&path).expect_err("not UTF-8");
    assert!(err.to_string().contains("not valid UTF-8"), "{err}");
    assert_eq!(err.problems[0].line, 2);
    let err = file::load(&dir.path().join("missing.archway.ron")).expect_err("missing");
    assert!(err.to_string().contains("cannot read the file"), "{err}");
}

// ---------- saving ----------

#[test]
fn save_replaces_the_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.archway.ron");
    std::fs::write(&path, "old").expect("write");
    let d = everything_design();
    file::save(&d, &path).expect("save");
    assert_eq!(file::load(&path).expect("load"), d);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(names.len(), 1, "temporary files left behind: {names:?}");
}

#[test]
fn failed_save_keeps_the_previous_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The target is a directory with content: the final rename must fail.
    let path = dir.path().join("d.archway.ron");
    std::fs::create_dir(&path).expect("mkdir");
    std::fs::write(path.join("keep.txt"), "precious").expect("write");
    let err = file::save(&everything_design(), &path).expect_err("cannot replace a directory");
    assert!(err.to_string().contains("cannot save"), "{err}");
    assert_eq!(
        std::fs::read_to_string(path.join("keep.txt")).expect("kept"),
        "precious"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(names.len(), 1, "temporary file left behind: {names:?}");
    // Saving into a folder that does not exist fails without creating anything.
    let err = file::save(
        &everything_design(),
        &dir.path().join("no/such/dir/x.archway.ron"),
    );
    assert!(err.is_err());
}

// ---------- migrations ----------

#[test]
fn migration_chain_runs_each_step_and_sets_the_version() {
    fn add_title(v: ron::Value) -> Result<ron::Value, String> {
        match v {
            ron::Value::Map(mut m) => {
                m.insert(
                    ron::Value::String("migrated".into()),
                    ron::Value::Bool(true),
                );
                Ok(ron::Value::Map(m))
            }
            _ => Err("not a map".into()),
        }
    }
    let steps = [migrate::Step {
        from: 1,
        upgrade: add_title,
    }];
    let value: ron::Value = ron::from_str("(version: 1, metadata: (title: \"x\"))").expect("value");
    let up = migrate::upgrade_with(value, 1, 2, &steps).expect("upgrade");
    let text = ron::to_string(&up).expect("to string");
    assert!(text.contains("\"migrated\":true"), "{text}");
    assert!(text.contains("\"version\":2"), "{text}");
    let value: ron::Value = ron::from_str("(version: 1)").expect("value");
    let err = migrate::upgrade_with(value, 1, 3, &steps).expect_err("no step from 2");
    assert!(err.contains("no upgrade exists from format version 2"));
}

// ---------- index predicates ----------

fn node(id: &str, kind: NodeKind, container: Option<&str>) -> Node {
    let mut n = Node::new(id, kind, Pos::new(0.0, 0.0));
    n.container = container.map(ContainerId::new);
    n
}

fn container(id: &str, kind: ContainerKind, parent: Option<&str>) -> Container {
    Container {
        id: ContainerId::new(id),
        kind,
        label: String::new(),
        rect: Rect::new(0.0, 0.0, 100.0, 100.0),
        parent: parent.map(ContainerId::new),
        geo: None,
        props: Default::default(),
    }
}

fn edge(id: &str, from: &str, to: &str, kind: EdgeKind) -> Edge {
    Edge::new(id, from, to, kind, Some(Protocol::Https))
}

/// client → lb → api → {cache, db}; api → queue → worker → mail; db → replica, db → standby;
/// api → audit (background); client → lb redirect-only.
fn shop() -> Design {
    let mut d = Design::empty("shop");
    d.containers = vec![
        container("r1", ContainerKind::Region, None),
        container("vpc", ContainerKind::Vpc, Some("r1")),
        container("az_a", ContainerKind::AvailabilityZone, Some("vpc")),
        container("az_b", ContainerKind::AvailabilityZone, Some("vpc")),
        container("pub_a", ContainerKind::PublicSubnet, Some("az_a")),
        container("priv_a", ContainerKind::PrivateSubnet, Some("az_a")),
        container("priv_b", ContainerKind::PrivateSubnet, Some("az_b")),
    ];
    let mut api = node("api", NodeKind::AppServer, Some("priv_a"));
    api.props.instances = Some(2);
    api.props.fleet = Some("api_fleet".into());
    api.props.host = Some("h1".into());
    let mut api_b = node("api_b", NodeKind::AppServer, Some("priv_b"));
    api_b.props.instances = Some(3);
    api_b.props.fleet = Some("api_fleet".into());
    let mut cache = node("cache", NodeKind::Cache, Some("priv_a"));
    cache.props.backs = Some(vec![NodeId::new("db")]);
    cache.props.replicas = Some(2);
    let mut standby = node("standby", NodeKind::SqlDb, Some("priv_b"));
    standby.props.role = Some(Role::Standby);
    let mut lb = node("lb", NodeKind::LoadBalancer, Some("pub_a"));
    lb.props.provider_redundant = Some(true);
    let mut q = node("queue", NodeKind::MessageQueue, None);
    q.props.managed = Some(true);
    let mut pushq = node("pushq", NodeKind::MessageQueue, None);
    pushq.props.delivery_mode = Some(DeliveryMode::Push);
    let mut public_bucket = node("assets", NodeKind::ObjectStorage, None);
    public_bucket.props.data_classes = Some(vec![DataClass::Public]);
    d.nodes = vec![
        node("client", NodeKind::Client, None),
        lb,
        api,
        api_b,
        cache,
        node("db", NodeKind::SqlDb, Some("priv_a")),
        node("replica", NodeKind::ReadReplica, Some("priv_b")),
        standby,
        q,
        node("worker", NodeKind::Worker, Some("priv_a")),
        node("mail", NodeKind::ExternalService, None),
        node("audit", NodeKind::NosqlDb, Some("priv_a")),
        pushq,
        node("pusher", NodeKind::Worker, Some("priv_a")),
        node("dlq", NodeKind::MessageQueue, None),
        public_bucket,
    ];
    let mut redirect = edge("redirect", "client", "lb", EdgeKind::SyncRequest);
    redirect.props.redirect_to_https = Some(true);
    let mut bg = edge("api_audit", "api", "audit", EdgeKind::Write);
    bg.props.background = Some(true);
    let mut api_host = edge("api_cache", "api", "cache", EdgeKind::Read);
    api_host.protocol = Some(Protocol::Tcp);
    d.edges = vec![
        edge("client_lb", "client", "lb", EdgeKind::SyncRequest),
        redirect,
        edge("lb_api", "lb", "api", EdgeKind::SyncRequest),
        api_host,
        edge("api_db", "api", "db", EdgeKind::Write),
        edge("db_replica", "db", "replica", EdgeKind::Replication),
        edge("db_standby", "db", "standby", EdgeKind::Replication),
        edge("api_queue", "api", "queue", EdgeKind::AsyncMessage),
        edge("queue_worker", "queue", "worker", EdgeKind::AsyncMessage),
        edge("worker_mail", "worker", "mail", EdgeKind::SyncRequest),
        bg,
        edge("pushq_pusher", "pushq", "pusher", EdgeKind::AsyncMessage),
        edge("queue_dlq", "queue", "dlq", EdgeKind::AsyncMessage),
    ];
    assert!(file::validate(&d, "").is_empty());
    d
}

#[test]
fn user_path_follows_sync_read_write_and_stops_at_queues() {
    let d = shop();
    let ix = Index::new(&d);
    let on = |id: &str| ix.on_user_path(ix.node_index(id).expect(id));
    for id in ["client", "lb", "api", "cache", "db", "queue"] {
        assert!(on(id), "{id} should be on the user path");
    }
    for id in ["worker", "mail", "audit", "replica", "standby", "api_b"] {
        assert!(!on(id), "{id} should be off the user path");
    }
    let e = |id: &str| ix.edge_on_user_path(ix.edge_index(id).expect(id));
    assert!(e("client_lb") && e("api_queue"));
    assert!(!e("redirect"), "a redirect-only listener forwards nothing");
    assert!(!e("api_audit"), "background edges are not on the user path");
    assert!(!e("db_replica"));
    assert_eq!(
        ix.user_path_depth(ix.node_index("db").expect("db")),
        Some(3)
    );
    assert_eq!(
        ix.user_path_depth(ix.node_index("worker").expect("w")),
        None
    );
}

#[test]
fn initiator_and_responder_follow_who_opens_the_connection() {
    let d = shop();
    let ix = Index::new(&d);
    let n = |id: &str| ix.node_index(id).expect(id);
    let e = |id: &str| ix.edge_index(id).expect(id);
    assert_eq!(
        ix.initiator(e("queue_worker")),
        Some(n("worker")),
        "consumers poll a pull queue"
    );
    assert_eq!(ix.responder(e("queue_worker")), Some(n("queue")));
    assert_eq!(
        ix.initiator(e("pushq_pusher")),
        Some(n("pushq")),
        "a push queue initiates"
    );
    assert_eq!(ix.initiator(e("api_queue")), Some(n("api")));
}

#[test]
fn placement_predicates() {
    let d = shop();
    let ix = Index::new(&d);
    let n = |id: &str| ix.node_index(id).expect(id);
    let c = |id: &str| ix.container_index(id).expect(id);
    assert_eq!(ix.innermost(n("api")), Some(c("priv_a")));
    assert!(ix.inside(n("api"), c("vpc")) && ix.inside(n("api"), c("r1")));
    assert!(!ix.inside(n("api"), c("az_b")));
    assert!(ix.in_vpc(n("db")) && ix.outside(n("queue")) && ix.outside(n("client")));
    assert!(ix.in_public_subnet(n("lb")) && !ix.in_private_subnet(n("lb")));
    assert!(ix.in_private_subnet(n("db")));
    assert_eq!(ix.zone_of(n("replica")), Some(c("az_b")));
    assert_eq!(ix.region_of(n("db")), Some(c("r1")));
    let e = |id: &str| ix.edge_index(id).expect(id);
    assert!(ix.internal(e("api_db")) && !ix.public(e("api_db")));
    assert!(ix.public(e("client_lb")) && ix.public(e("api_queue")));
}

#[test]
fn same_host_edges_are_not_public() {
    let mut d = shop();
    d.nodes
        .iter_mut()
        .find(|n| n.id.as_str() == "client")
        .expect("client")
        .props
        .host = Some("h1".into());
    d.edges
        .push(edge("client_api", "client", "api", EdgeKind::SyncRequest));
    let ix = Index::new(&d);
    let e = ix.edge_index("client_api").expect("edge");
    assert!(ix.same_host(e) && !ix.public(e));
    assert!(
        !ix.same_host(ix.edge_index("client_lb").expect("e")),
        "unset hosts are not shared"
    );
}

#[test]
fn redundancy_and_zones() {
    let d = shop();
    let ix = Index::new(&d);
    let n = |id: &str| ix.node_index(id).expect(id);
    assert_eq!(
        ix.redundancy(n("api")),
        5,
        "instances summed over the fleet"
    );
    assert_eq!(ix.fleet(n("api")).len(), 2);
    assert_eq!(ix.zones(n("api")), 2, "fleet drawn in two AZs");
    assert_eq!(ix.redundancy(n("lb")), index::UNBOUNDED);
    assert_eq!(ix.zones(n("lb")), index::UNBOUNDED);
    assert_eq!(ix.redundancy(n("cache")), 3, "1 + replicas");
    assert_eq!(ix.redundancy(n("worker")), 1, "instances default to 1");
    assert_eq!(ix.zones(n("worker")), 1);
    assert_eq!(
        ix.zones(n("db")),
        2,
        "a primary's group includes its standby in the other AZ"
    );
    let mut d2 = shop();
    d2.nodes
        .iter_mut()
        .find(|n| n.id.as_str() == "worker")
        .expect("w")
        .props
        .az_count = Some(3);
    let ix2 = Index::new(&d2);
    assert_eq!(ix2.zones(ix2.node_index("worker").expect("w")), 3);
}

#[test]
fn store_predicates() {
    let d = shop();
    let ix = Index::new(&d);
    let n = |id: &str| ix.node_index(id).expect(id);
    assert_eq!(ix.replicas_of(n("db")), vec![n("replica")]);
    assert_eq!(ix.standbys_of(n("db")), vec![n("standby")]);
    assert!(ix.has_standby(n("db")));
    assert!(!ix.has_standby(n("audit")));
    assert!(ix.cache_fronts(n("db")) && !ix.cache_fronts(n("audit")));
    assert_eq!(
        ix.consumers(n("queue")),
        vec![n("worker")],
        "a route to the DLQ is not a consumer"
    );
    assert!(
        ix.sensitive(n("db")),
        "unset data classes on a database count as sensitive"
    );
    assert!(!ix.sensitive(n("assets")), "public data is not sensitive");
    assert!(!ix.sensitive(n("worker")));
    assert_eq!(ix.service(n("api")), "api_fleet", "a fleet is one service");
    assert_eq!(
        ix.service(n("db")),
        "db",
        "the node id is the last fallback"
    );
    assert_eq!(
        ix.services(&[n("api"), n("api_b"), n("db")]),
        vec!["api_fleet", "db"]
    );
}

#[test]
fn upstream_and_downstream() {
    let d = shop();
    let ix = Index::new(&d);
    let n = |id: &str| ix.node_index(id).expect(id);
    let mut down: Vec<&str> = ix
        .downstream(n("lb"))
        .into_iter()
        .map(|i| ix.node(i).id.as_str())
        .collect();
    down.sort_unstable();
    assert_eq!(down, vec!["api", "audit", "cache", "db", "queue"]);
    let mut up: Vec<&str> = ix
        .upstream(n("db"))
        .into_iter()
        .map(|i| ix.node(i).id.as_str())
        .collect();
    up.sort_unstable();
    assert_eq!(up, vec!["api", "client", "lb"]);
}

#[test]
fn index_survives_cycles_and_dangling_references() {
    let mut d = shop();
    d.containers[0].parent = Some(ContainerId::new("priv_a")); // containment cycle
    d.edges
        .push(edge("loop", "db", "api", EdgeKind::SyncRequest));
    d.edges
        .push(edge("dangling", "api", "ghost", EdgeKind::SyncRequest));
    let ix = Index::new(&d);
    assert!(ix.on_user_path(ix.node_index("db").expect("db")));
    assert!(ix.downstream(ix.node_index("db").expect("db")).len() > 1);
    assert_eq!(ix.target(ix.edge_index("dangling").expect("e")), None);
}

// ---------- edits ----------

#[test]
fn removing_a_node_removes_its_edges_and_undo_restores_them_in_place() {
    let original = shop();
    let mut d = original.clone();
    let undo = Edit::RemoveNode {
        id: NodeId::new("api"),
    }
    .apply(&mut d);
    assert!(d.node("api").is_none());
    assert!(
        d.edges
            .iter()
            .all(|e| e.from.as_str() != "api" && e.to.as_str() != "api")
    );
    let redo = undo.apply(&mut d);
    assert_eq!(d, original);
    redo.apply(&mut d);
    assert!(d.node("api").is_none());
}

#[test]
fn removing_a_container_moves_its_contents_to_the_parent() {
    let original = shop();
    let mut d = original.clone();
    let undo = Edit::RemoveContainer {
        id: ContainerId::new("az_a"),
    }
    .apply(&mut d);
    assert_eq!(
        d.container("pub_a").and_then(|c| c.parent.clone()),
        Some(ContainerId::new("vpc"))
    );
    undo.apply(&mut d);
    assert_eq!(d, original);
}

#[test]
fn batches_and_moves_invert() {
    let original = shop();
    let mut d = original.clone();
    let undo = Edit::Batch(vec![
        Edit::Move {
            nodes: vec![NodeId::new("db")],
            containers: vec![ContainerId::new("vpc")],
            dx: 10.0,
            dy: -5.0,
        },
        Edit::SetReviewLevel(ReviewLevel::Production),
        Edit::RemoveEdge {
            id: EdgeId::new("api_db"),
        },
        Edit::SetWorkload(Workload {
            dau: Some(5),
            ..Workload::default()
        }),
    ])
    .apply(&mut d);
    assert_eq!(d.node("db").expect("db").pos, Pos::new(10.0, -5.0));
    assert!(d.edge("api_db").is_none());
    undo.apply(&mut d);
    assert_eq!(d, original);
    assert!(
        Edit::RemoveNode {
            id: NodeId::new("nobody")
        }
        .apply(&mut d)
        .is_noop()
    );
}

#[test]
fn fresh_ids_are_readable_and_unique() {
    let d = shop();
    assert_eq!(d.fresh_id("URL Cache"), "url_cache");
    assert_eq!(d.fresh_id("API"), "api_2");
    assert_eq!(ids::slug("  !! "), "item");
}

// ---------- catalog ----------

#[test]
fn catalog_describes_every_kind_once() {
    for kind in NodeKind::ALL {
        let info = catalog::node_info(kind);
        assert_eq!(info.kind, kind, "catalog order must match the enum");
        assert_eq!(catalog::node_kind_from_key(info.key), Some(kind));
        assert!(!info.description.is_empty() && !info.name.is_empty());
        assert!(catalog::prop_applies("tech", kind));
        for field in catalog::applicable_props(kind) {
            assert!(NodeProps::FIELDS.contains(&field));
        }
    }
    for kind in ContainerKind::ALL {
        assert_eq!(catalog::container_info(kind).kind, kind);
    }
    // The keys used in files are exactly the serde names.
    let d = everything_design();
    let text = file::to_string(&d);
    for info in catalog::nodes() {
        assert!(text.contains(&format!("kind: {},", info.key)));
    }
    // Every property applies to at least one kind, so the inspector can show it.
    for field in NodeProps::FIELDS {
        assert!(
            NodeKind::ALL
                .iter()
                .any(|k| catalog::prop_applies(field, *k)),
            "{field} applies to nothing"
        );
    }
    assert!(catalog::prop_applies("backs", NodeKind::Cache));
    assert!(!catalog::prop_applies("backs", NodeKind::SqlDb));
}

#[test]
fn thresholds_have_catalogue_defaults_and_overrides() {
    let t = Thresholds::default().resolved();
    assert_eq!(t.read_heavy_ratio, 9.0);
    assert_eq!(t.fanout_threshold, 100);
    assert_eq!(t.fts_doc_threshold, 10_000_000);
    assert_eq!(t.chunk_threshold_mb, 4.0);
    assert_eq!(t.jwt_max_access_min, 15.0);
    assert_eq!(t.sls_latency_budget_ms, 2000.0);
    assert_eq!(t.sls_max_duration_s, 900.0);
    assert_eq!(t.premature_shard_write_qps, 40_000.0);
    assert_eq!(t.heavy_db_qps, 15_000.0);
    assert_eq!(t.steady_volume_rps, None);
    let o = everything_design().workload.thresholds.resolved();
    assert_eq!(o.fanout_threshold, 200);
}

/// A chain of `depth` nested regions with one node in the innermost.
fn nested_containers(depth: usize) -> String {
    let mut s = String::from("(\n    version: 1,\n    containers: [\n");
    for i in 0..depth {
        let parent = if i == 0 {
            String::new()
        } else {
            format!(", parent: \"c{}\"", i - 1)
        };
        s.push_str(&format!(
            "        (id: \"c{i}\", kind: region, rect: (0, 0, 100, 100){parent}),\n"
        ));
    }
    s.push_str(&format!(
        "    ],\n    nodes: [(id: \"a\", kind: app_server, pos: (10, 10), container: \"c{}\")],\n)\n",
        depth - 1
    ));
    s
}

#[test]
fn absurdly_deep_container_nesting_is_refused_with_its_line() {
    // 32 levels load; a 20,000-level chain is one clear error, not minutes of walking parents.
    assert!(file::parse(&nested_containers(file::MAX_CONTAINER_DEPTH + 1)).is_ok());
    let p = parse_err(&nested_containers(20_000));
    let deep: Vec<_> = p
        .iter()
        .filter(|p| p.message.contains("nested more than 32 containers deep"))
        .collect();
    assert_eq!(deep.len(), 1, "{:?}", &p[..p.len().min(3)]);
    // c33 is the first container with more than 32 ancestors; it is declared on line 37.
    assert!(deep[0].message.contains("`c33`"), "{}", deep[0].message);
    assert_eq!(deep[0].line, 37);
}

/// The standard benchmark scene (`archway new --grid N`): N boxes on a 16:9-ish grid of
/// 160 × 100 cells (120 × 60 boxes, 40-unit gaps), joined in serpentine order.
#[test]
fn grid_scene_has_the_standard_count_geometry_and_order() {
    use archway::model::synthetic::{GRID_BOX_H, GRID_BOX_W, GRID_GAP, grid, grid_columns};
    let (px, py) = (GRID_BOX_W + GRID_GAP, GRID_BOX_H + GRID_GAP);
    assert_eq!((px, py), (160.0, 100.0));
    assert_eq!(grid_columns(1), 2);
    assert_eq!(grid_columns(1_000), 34);
    assert_eq!(grid_columns(10_000), 106);
    for n in [1usize, 2, 7, 100, 1_000, 10_000] {
        let d = grid(n);
        let cols = grid_columns(n);
        assert_eq!(d.nodes.len(), n);
        assert_eq!(d.edges.len(), n - 1);
        assert!(d.containers.is_empty());
        // 16:9-ish: a full grid of `cols` columns is within one row of the 16:9 height.
        let rows = n.div_ceil(cols);
        if n >= 100 {
            let aspect = (cols as f32 * px) / (rows as f32 * py);
            assert!((1.6..2.0).contains(&aspect), "n={n}: aspect {aspect}");
        }
        for (i, node) in d.nodes.iter().enumerate() {
            assert_eq!(node.label, format!("Box {}", i + 1));
            assert_eq!(node.kind, NodeKind::AppServer);
            assert!(node.props.is_empty(), "{} has properties", node.id);
            let (row, c) = (i / cols, i % cols);
            let col = if row % 2 == 0 { c } else { cols - 1 - c };
            assert_eq!(
                (node.pos.x, node.pos.y),
                (col as f32 * px, row as f32 * py),
                "n={n}: box {}",
                i + 1
            );
        }
        // Consecutive boxes are joined, and each link is one step: a horizontal gap of 40
        // units inside a row, a vertical one at a row's end.
        for (i, e) in d.edges.iter().enumerate() {
            let (a, b) = (&d.nodes[i], &d.nodes[i + 1]);
            assert_eq!((&e.from, &e.to), (&a.id, &b.id));
            let (dx, dy) = ((b.pos.x - a.pos.x).abs(), (b.pos.y - a.pos.y).abs());
            assert!(
                (dx, dy) == (px, 0.0) || (dx, dy) == (0.0, py),
                "n={n}: link {i} is not one step: ({dx}, {dy})"
            );
            if (i + 1) % cols == 0 {
                assert_eq!((dx, dy), (0.0, py), "n={n}: row end {i}");
            }
        }
        // Rows run left to right, then right to left.
        if n > cols {
            assert!(d.nodes[1].pos.x > d.nodes[0].pos.x);
            assert!(d.nodes[cols + 1].pos.x < d.nodes[cols].pos.x);
        }
    }
}
