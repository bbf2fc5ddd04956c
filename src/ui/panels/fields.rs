//! Generated-style field tables of the inspector: one typed editor per property of
//! `NodeProps`, `EdgeProps` and their nested groups (written from the model's field lists;
//! `catalog::prop_applies` decides which node fields show).

use super::inspector::*;
use crate::model::props::*;
use egui::Ui;

/// Draws the editor of node property `field`; returns whether the value changed.
pub fn node_field_ui(ui: &mut Ui, field: &str, p: &mut NodeProps, ctx: &FieldCx<'_>) -> bool {
    let mut changed = false;
    match field {
        "tech" => {
            changed |= opt_text(ui, "Tech", &mut p.tech);
        }
        "service" => {
            changed |= opt_text(ui, "Service", &mut p.service);
        }
        "fleet" => {
            changed |= opt_text(ui, "Fleet", &mut p.fleet);
        }
        "instances" => {
            changed |= opt_num(ui, "Instances", &mut p.instances, "");
        }
        "managed" => {
            changed |= opt_bool(ui, "Managed", &mut p.managed);
        }
        "provider_redundant" => {
            changed |= opt_bool(ui, "Provider redundant", &mut p.provider_redundant);
        }
        "az_count" => {
            changed |= opt_num(ui, "AZ count", &mut p.az_count, "");
        }
        "tier" => {
            changed |= opt_text(ui, "Tier", &mut p.tier);
        }
        "capacity_qps" => {
            changed |= opt_num(ui, "Capacity", &mut p.capacity_qps, "req/s");
        }
        "host" => {
            changed |= opt_text(ui, "Host", &mut p.host);
        }
        "public_endpoint" => {
            changed |= opt_bool(ui, "Public endpoint", &mut p.public_endpoint);
        }
        "public_ip" => {
            changed |= opt_bool(ui, "Public IP", &mut p.public_ip);
        }
        "vpc_attached" => {
            changed |= opt_bool(ui, "VPC attached", &mut p.vpc_attached);
        }
        "criticality" => {
            changed |= opt_enum(ui, "Criticality", &mut p.criticality, Criticality::ALL);
        }
        "data_classes" => {
            changed |= opt_enum_set(ui, "Data classes", &mut p.data_classes, DataClass::ALL);
        }
        "health_endpoint" => {
            changed |= opt_bool(ui, "Health endpoint", &mut p.health_endpoint);
        }
        "auto_restart" => {
            changed |= opt_bool(ui, "Auto restart", &mut p.auto_restart);
        }
        "autoscale" => {
            changed |= opt_bool(ui, "Autoscale", &mut p.autoscale);
        }
        "throughput_per_instance" => {
            changed |= opt_num(
                ui,
                "Throughput per instance",
                &mut p.throughput_per_instance,
                "req/s",
            );
        }
        "max_duration_s" => {
            changed |= opt_num(ui, "Max duration", &mut p.max_duration_s, "s");
        }
        "spot" => {
            changed |= opt_bool(ui, "Spot", &mut p.spot);
        }
        "platform" => {
            changed |= opt_enum(ui, "Platform", &mut p.platform, Platform::ALL);
        }
        "debounce_ms" => {
            changed |= opt_num(ui, "Debounce", &mut p.debounce_ms, "ms");
        }
        "local_cache" => {
            changed |= opt_bool(ui, "Local cache", &mut p.local_cache);
        }
        "heartbeat_s" => {
            changed |= opt_num(ui, "Heartbeat", &mut p.heartbeat_s, "s");
        }
        "geo_routing" => {
            changed |= opt_bool(ui, "Geo routing", &mut p.geo_routing);
        }
        "ttl_s" => {
            changed |= opt_num(ui, "TTL", &mut p.ttl_s, "s");
        }
        "caches" => {
            changed |= opt_enum_set(ui, "Caches", &mut p.caches, CdnContent::ALL);
        }
        "waf" => {
            changed |= opt_bool(ui, "WAF", &mut p.waf);
        }
        "layer" => {
            changed |= opt_enum(ui, "Layer", &mut p.layer, LbLayer::ALL);
        }
        "algorithm" => {
            changed |= opt_enum(ui, "Algorithm", &mut p.algorithm, LbAlgorithm::ALL);
        }
        "health_check" => {
            changed |= opt_group(ui, "Health check", &mut p.health_check, |ui, v| {
                health_check_ui(ui, v, ctx)
            });
        }
        "websocket_support" => {
            changed |= opt_bool(ui, "Websocket support", &mut p.websocket_support);
        }
        "tls_termination" => {
            changed |= opt_bool(ui, "TLS termination", &mut p.tls_termination);
        }
        "rate_limit" => {
            changed |= opt_group(ui, "Rate limit", &mut p.rate_limit, |ui, v| {
                rate_limit_ui(ui, v, ctx)
            });
        }
        "session_storage" => {
            changed |= opt_enum(
                ui,
                "Session storage",
                &mut p.session_storage,
                SessionStorage::ALL,
            );
        }
        "auth_mode" => {
            changed |= opt_enum(ui, "Auth mode", &mut p.auth_mode, AuthMode::ALL);
        }
        "cookie_contents" => {
            changed |= opt_enum(
                ui,
                "Cookie contents",
                &mut p.cookie_contents,
                CookieContents::ALL,
            );
        }
        "cookie_signed" => {
            changed |= opt_bool(ui, "Cookie signed", &mut p.cookie_signed);
        }
        "jwt" => {
            changed |= opt_group(ui, "JWT", &mut p.jwt, |ui, v| jwt_ui(ui, v, ctx));
        }
        "authz" => {
            changed |= opt_enum(ui, "Authz", &mut p.authz, Authz::ALL);
        }
        "authz_centralized" => {
            changed |= opt_bool(ui, "Authz centralized", &mut p.authz_centralized);
        }
        "resource_by_id" => {
            changed |= opt_bool(ui, "Resource by id", &mut p.resource_by_id);
        }
        "multi_tenant" => {
            changed |= opt_bool(ui, "Multi tenant", &mut p.multi_tenant);
        }
        "query_construction" => {
            changed |= opt_enum(
                ui,
                "Query construction",
                &mut p.query_construction,
                QueryConstruction::ALL,
            );
        }
        "input_validation" => {
            changed |= opt_bool(ui, "Input validation", &mut p.input_validation);
        }
        "renders_ugc" => {
            changed |= opt_bool(ui, "Renders UGC", &mut p.renders_ugc);
        }
        "output_encoding" => {
            changed |= opt_bool(ui, "Output encoding", &mut p.output_encoding);
        }
        "csp" => {
            changed |= opt_bool(ui, "CSP", &mut p.csp);
        }
        "csrf_protection" => {
            changed |= opt_bool(ui, "CSRF protection", &mut p.csrf_protection);
        }
        "stores_passwords" => {
            changed |= opt_bool(ui, "Stores passwords", &mut p.stores_passwords);
        }
        "password_hashing" => {
            changed |= opt_enum(
                ui,
                "Password hashing",
                &mut p.password_hashing,
                PasswordHashing::ALL,
            );
        }
        "serves_static" => {
            changed |= opt_bool(ui, "Serves static", &mut p.serves_static);
        }
        "ryw_window_s" => {
            changed |= opt_num(ui, "Read-your-writes window", &mut p.ryw_window_s, "s");
        }
        "fanout" => {
            changed |= opt_group(ui, "Fanout", &mut p.fanout, |ui, v| fanout_ui(ui, v, ctx));
        }
        "idempotent" => {
            changed |= opt_bool(ui, "Idempotent", &mut p.idempotent);
        }
        "dedupe_key" => {
            changed |= opt_text(ui, "Dedupe key", &mut p.dedupe_key);
        }
        "relays_client_messages" => {
            changed |= opt_bool(ui, "Relays client messages", &mut p.relays_client_messages);
        }
        "latency_sensitive" => {
            changed |= opt_bool(ui, "Latency sensitive", &mut p.latency_sensitive);
        }
        "traffic_pattern" => {
            changed |= opt_enum(
                ui,
                "Traffic pattern",
                &mut p.traffic_pattern,
                TrafficPattern::ALL,
            );
        }
        "volume_rps" => {
            changed |= opt_num(ui, "Volume", &mut p.volume_rps, "req/s");
        }
        "role" => {
            changed |= opt_role(ui, "Role", &mut p.role, ctx);
        }
        "partitioning" => {
            changed |= opt_enum(ui, "Partitioning", &mut p.partitioning, Partitioning::ALL);
        }
        "robots_txt_check" => {
            changed |= opt_bool(ui, "Robots txt check", &mut p.robots_txt_check);
        }
        "backs" => {
            changed |= opt_node_list(ui, "Backs", &mut p.backs, ctx);
        }
        "eviction_policy" => {
            changed |= opt_enum(
                ui,
                "Eviction policy",
                &mut p.eviction_policy,
                EvictionPolicy::ALL,
            );
        }
        "maxmemory_mb" => {
            changed |= opt_num(ui, "Maxmemory", &mut p.maxmemory_mb, "MB");
        }
        "default_ttl_s" => {
            changed |= opt_num(ui, "Default TTL", &mut p.default_ttl_s, "s");
        }
        "ttl_jitter_s" => {
            changed |= opt_num(ui, "TTL jitter", &mut p.ttl_jitter_s, "s");
        }
        "stampede_protection" => {
            changed |= opt_enum(
                ui,
                "Stampede protection",
                &mut p.stampede_protection,
                StampedeProtection::ALL,
            );
        }
        "write_strategy" => {
            changed |= opt_enum(
                ui,
                "Write strategy",
                &mut p.write_strategy,
                WriteStrategy::ALL,
            );
        }
        "persistence" => {
            changed |= opt_enum(ui, "Persistence", &mut p.persistence, Persistence::ALL);
        }
        "nodes" => {
            changed |= opt_num(ui, "Nodes", &mut p.nodes, "");
        }
        "replicas" => {
            changed |= opt_num(ui, "Replicas", &mut p.replicas, "");
        }
        "virtual_nodes" => {
            changed |= opt_bool(ui, "Virtual nodes", &mut p.virtual_nodes);
        }
        "hot_keys" => {
            changed |= opt_bool(ui, "Hot keys", &mut p.hot_keys);
        }
        "standby" => {
            changed |= opt_enum(ui, "Standby", &mut p.standby, StandbyMode::ALL);
        }
        "failover" => {
            changed |= opt_enum(ui, "Failover", &mut p.failover, Failover::ALL);
        }
        "quorum" => {
            changed |= opt_bool(ui, "Quorum", &mut p.quorum);
        }
        "voting_nodes" => {
            changed |= opt_num(ui, "Voting nodes", &mut p.voting_nodes, "");
        }
        "replication_factor" => {
            changed |= opt_num(ui, "Replication factor", &mut p.replication_factor, "");
        }
        "promotable" => {
            changed |= opt_bool(ui, "Promotable", &mut p.promotable);
        }
        "sharding" => {
            changed |= opt_group(ui, "Sharding", &mut p.sharding, |ui, v| {
                sharding_ui(ui, v, ctx)
            });
        }
        "shard_of" => {
            changed |= opt_node(ui, "Shard of", &mut p.shard_of, ctx);
        }
        "stores_blobs" => {
            changed |= opt_bool(ui, "Stores blobs", &mut p.stores_blobs);
        }
        "encryption_at_rest" => {
            changed |= opt_bool(ui, "Encryption at rest", &mut p.encryption_at_rest);
        }
        "key_store" => {
            changed |= opt_enum(ui, "Key store", &mut p.key_store, KeyStore::ALL);
        }
        "tenant_isolation" => {
            changed |= opt_enum(
                ui,
                "Tenant isolation",
                &mut p.tenant_isolation,
                TenantIsolation::ALL,
            );
        }
        "full_text_search" => {
            changed |= opt_group(ui, "Full text search", &mut p.full_text_search, |ui, v| {
                full_text_search_ui(ui, v, ctx)
            });
        }
        "write_pattern" => {
            changed |= opt_enum(ui, "Write pattern", &mut p.write_pattern, WritePattern::ALL);
        }
        "ts_extension" => {
            changed |= opt_bool(ui, "Ts extension", &mut p.ts_extension);
        }
        "presigned_urls" => {
            changed |= opt_bool(ui, "Presigned urls", &mut p.presigned_urls);
        }
        "presign_ttl_s" => {
            changed |= opt_num(ui, "Presign TTL", &mut p.presign_ttl_s, "s");
        }
        "video_ladder" => {
            changed |= opt_group(ui, "Video ladder", &mut p.video_ladder, |ui, v| {
                video_ladder_ui(ui, v, ctx)
            });
        }
        "dlq" => {
            changed |= opt_dlq(ui, "DLQ", &mut p.dlq, ctx);
        }
        "max_receive_count" => {
            changed |= opt_num(ui, "Max receive count", &mut p.max_receive_count, "");
        }
        "visibility_timeout_s" => {
            changed |= opt_num(ui, "Visibility timeout", &mut p.visibility_timeout_s, "s");
        }
        "delivery" => {
            changed |= opt_enum(ui, "Delivery", &mut p.delivery, Delivery::ALL);
        }
        "delivery_mode" => {
            changed |= opt_enum(ui, "Delivery mode", &mut p.delivery_mode, DeliveryMode::ALL);
        }
        "bounded" => {
            changed |= opt_bool(ui, "Bounded", &mut p.bounded);
        }
        "max_depth" => {
            changed |= opt_num(ui, "Max depth", &mut p.max_depth, "");
        }
        "per_domain_rate_limit" => {
            changed |= opt_bool(ui, "Per domain rate limit", &mut p.per_domain_rate_limit);
        }
        "per_domain_limiter" => {
            changed |= opt_enum(
                ui,
                "Per domain limiter",
                &mut p.per_domain_limiter,
                LimiterScope::ALL,
            );
        }
        "priority" => {
            changed |= opt_bool(ui, "Priority", &mut p.priority);
        }
        "category" => {
            changed |= opt_enum(ui, "Category", &mut p.category, ExternalCategory::ALL);
        }
        "doc_count" => {
            changed |= opt_num(ui, "Doc count", &mut p.doc_count, "");
        }
        "redirect_status" => {
            changed |= opt_num(ui, "Redirect status", &mut p.redirect_status, "");
        }
        "top_k" => {
            changed |= opt_num(ui, "Top K", &mut p.top_k, "");
        }
        "schedule" => {
            changed |= opt_text(ui, "Schedule", &mut p.schedule);
        }
        "data_model" => {
            changed |= opt_enum(ui, "Data model", &mut p.data_model, DataModel::ALL);
        }
        _ => {}
    }
    changed
}

/// Draws the editors of every edge property; returns whether any value changed.
pub fn edge_fields_ui(ui: &mut Ui, p: &mut EdgeProps, ctx: &FieldCx<'_>) -> bool {
    let mut changed = false;
    changed |= opt_bool(ui, "TLS", &mut p.tls);
    changed |= opt_enum_set(ui, "Method", &mut p.method, HttpMethod::ALL);
    changed |= opt_text(ui, "Route", &mut p.route);
    changed |= opt_text(ui, "Operation", &mut p.operation);
    changed |= opt_bool(ui, "Transactional", &mut p.transactional);
    changed |= opt_enum_set(ui, "Tags", &mut p.tags, EdgeTag::ALL);
    changed |= opt_enum(ui, "Payload class", &mut p.payload_class, PayloadClass::ALL);
    changed |= opt_num(ui, "Max payload", &mut p.max_payload_mb, "MB");
    changed |= opt_bool(ui, "Chunked", &mut p.chunked);
    changed |= opt_bool(ui, "Resumable", &mut p.resumable);
    changed |= opt_bool(ui, "Presigned", &mut p.presigned);
    changed |= opt_bool(ui, "Cacheable", &mut p.cacheable);
    changed |= opt_enum(ui, "Pattern", &mut p.pattern, CallPattern::ALL);
    changed |= opt_num(ui, "Polling interval", &mut p.polling_interval_s, "s");
    changed |= opt_num(ui, "Timeout", &mut p.timeout_ms, "ms");
    changed |= opt_group(ui, "Retry", &mut p.retry, |ui, v| retry_ui(ui, v, ctx));
    changed |= opt_bool(ui, "Idempotency key", &mut p.idempotency_key);
    changed |= opt_num(ui, "Idempotency TTL", &mut p.idempotency_ttl_h, "h");
    changed |= opt_group(ui, "Circuit breaker", &mut p.circuit_breaker, |ui, v| {
        circuit_breaker_ui(ui, v, ctx)
    });
    changed |= opt_text(ui, "Fallback", &mut p.fallback);
    changed |= opt_enum(ui, "Auth", &mut p.auth, EdgeAuth::ALL);
    changed |= opt_enum(ui, "Consistency", &mut p.consistency, Consistency::ALL);
    changed |= opt_enum(ui, "Mode", &mut p.mode, ReplicationMode::ALL);
    changed |= opt_enum(ui, "Scope", &mut p.scope, ShardScope::ALL);
    changed |= opt_num(ui, "Rate", &mut p.rate_rps, "req/s");
    changed |= opt_text(ui, "Consumer group", &mut p.consumer_group);
    changed |= opt_enum(ui, "Ack mode", &mut p.ack_mode, AckMode::ALL);
    changed |= opt_text(ui, "Workflow", &mut p.workflow);
    changed |= opt_num(ui, "Step", &mut p.step, "");
    changed |= opt_text(ui, "Compensation", &mut p.compensation);
    changed |= opt_enum(ui, "Egress via", &mut p.egress_via, EgressVia::ALL);
    changed |= opt_bool(ui, "Redirect to HTTPS", &mut p.redirect_to_https);
    changed |= opt_bool(ui, "Background", &mut p.background);
    changed |= opt_num(ui, "Multiplier", &mut p.multiplier, "");
    changed
}

fn health_check_ui(ui: &mut Ui, v: &mut HealthCheck, ctx: &FieldCx<'_>) -> bool {
    let _ = ctx;
    let mut changed = false;
    changed |= opt_bool(ui, "Enabled", &mut v.enabled);
    changed |= opt_text(ui, "Path", &mut v.path);
    changed |= opt_num(ui, "Interval", &mut v.interval_s, "s");
    changed
}

fn rate_limit_ui(ui: &mut Ui, v: &mut RateLimit, ctx: &FieldCx<'_>) -> bool {
    let _ = ctx;
    let mut changed = false;
    changed |= opt_bool(ui, "Enabled", &mut v.enabled);
    changed |= opt_enum(ui, "Algorithm", &mut v.algorithm, RateLimitAlgorithm::ALL);
    changed |= opt_num(ui, "Capacity", &mut v.capacity, "");
    changed |= opt_num(ui, "Refill rate", &mut v.refill_per_s, "/s");
    changed |= opt_num(ui, "Limit", &mut v.limit, "");
    changed |= opt_num(ui, "Window", &mut v.window_s, "s");
    changed |= vec_enum_set(ui, "Scopes", &mut v.scopes, RateLimitScope::ALL);
    changed |= map_text(ui, "Routes", &mut v.routes);
    changed |= opt_enum(ui, "Store", &mut v.store, RateLimitStore::ALL);
    changed |= opt_enum(ui, "Sync", &mut v.sync, RateLimitSync::ALL);
    changed |= opt_enum(ui, "Reply", &mut v.reply, RateLimitReply::ALL);
    changed
}

fn jwt_ui(ui: &mut Ui, v: &mut Jwt, ctx: &FieldCx<'_>) -> bool {
    let _ = ctx;
    let mut changed = false;
    changed |= opt_bool(ui, "Signed", &mut v.signed);
    changed |= opt_text(ui, "Algorithm", &mut v.alg);
    changed |= opt_num(ui, "Access TTL", &mut v.access_ttl_min, "min");
    changed |= opt_num(ui, "Refresh TTL", &mut v.refresh_ttl_days, "days");
    changed |= opt_enum(ui, "Revocation", &mut v.revocation, JwtRevocation::ALL);
    changed |= vec_text(ui, "Claims", &mut v.claims);
    changed
}

fn fanout_ui(ui: &mut Ui, v: &mut Fanout, ctx: &FieldCx<'_>) -> bool {
    let _ = ctx;
    let mut changed = false;
    changed |= opt_enum(ui, "Strategy", &mut v.strategy, FanoutStrategy::ALL);
    changed |= opt_num(ui, "Threshold", &mut v.threshold, "");
    changed
}

fn sharding_ui(ui: &mut Ui, v: &mut Sharding, ctx: &FieldCx<'_>) -> bool {
    let _ = ctx;
    let mut changed = false;
    changed |= opt_enum(ui, "Strategy", &mut v.strategy, ShardStrategy::ALL);
    changed |= opt_text(ui, "Key", &mut v.key);
    changed |= opt_enum(ui, "Key type", &mut v.key_type, ShardKeyType::ALL);
    changed |= opt_num(ui, "Shards", &mut v.shards, "");
    changed |= opt_enum(
        ui,
        "Hot key mitigation",
        &mut v.hot_key_mitigation,
        HotKeyMitigation::ALL,
    );
    changed
}

fn full_text_search_ui(ui: &mut Ui, v: &mut FullTextSearch, ctx: &FieldCx<'_>) -> bool {
    let _ = ctx;
    let mut changed = false;
    changed |= opt_bool(ui, "Enabled", &mut v.enabled);
    changed |= opt_num(ui, "Doc count", &mut v.doc_count, "");
    changed |= opt_bool(ui, "Core feature", &mut v.core_feature);
    changed
}

fn video_ladder_ui(ui: &mut Ui, v: &mut VideoLadder, ctx: &FieldCx<'_>) -> bool {
    let _ = ctx;
    let mut changed = false;
    changed |= opt_num(ui, "Renditions", &mut v.renditions, "");
    changed |= opt_num(ui, "Segment", &mut v.segment_s, "s");
    changed
}

fn retry_ui(ui: &mut Ui, v: &mut Retry, ctx: &FieldCx<'_>) -> bool {
    let _ = ctx;
    let mut changed = false;
    changed |= opt_enum(ui, "Policy", &mut v.policy, RetryPolicy::ALL);
    changed |= opt_num(ui, "Base", &mut v.base_ms, "ms");
    changed |= opt_num(ui, "Max attempts", &mut v.max_attempts, "");
    changed
}

fn circuit_breaker_ui(ui: &mut Ui, v: &mut CircuitBreaker, ctx: &FieldCx<'_>) -> bool {
    let _ = ctx;
    let mut changed = false;
    changed |= opt_bool(ui, "Enabled", &mut v.enabled);
    changed |= opt_num(ui, "Error threshold", &mut v.error_threshold_pct, "%");
    changed |= opt_num(ui, "Call timeout", &mut v.call_timeout_ms, "ms");
    changed |= opt_num(ui, "Reset timeout", &mut v.reset_timeout_ms, "ms");
    changed
}
