//! One-off check: the property table's kinds equal the hand-written `prop_applies` it
//! replaced (kept in history only; the table is the source of truth afterwards).

use archway::model::catalog;
use archway::model::props::Role;
use archway::model::{NodeKind, NodeProps};

#[test]
fn table_kinds_equal_the_old_hand_written_prop_applies() {
    let mut checked = 0;
    for field in NodeProps::FIELDS {
        for kind in NodeKind::ALL {
            assert_eq!(
                catalog::prop_applies(field, kind),
                old_prop_applies(field, kind),
                "{field} on {kind:?}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 110 * 22);
}

fn old_prop_applies(field: &str, kind: NodeKind) -> bool {
    use NodeKind as K;
    let compute = kind.is_compute();
    let store = kind.is_store();
    let db = matches!(kind, K::SqlDb | K::NosqlDb | K::Shard);
    let infra = !matches!(kind, K::Client | K::ExternalService);
    let queue = kind.is_messaging();
    match field {
        "tech" | "fleet" | "host" => true,
        "service" => compute || store,
        "instances" => {
            compute
                || matches!(
                    kind,
                    K::LoadBalancer | K::ApiGateway | K::Cache | K::SearchIndex
                )
                || queue
        }
        "managed" | "provider_redundant" => infra,
        "az_count" => infra,
        "tier" => matches!(
            kind,
            K::AppServer | K::WebsocketServer | K::Worker | K::SqlDb | K::Shard
        ),
        "capacity_qps" => matches!(kind, K::SqlDb | K::Shard),
        "public_endpoint" => store,
        "public_ip" => compute,
        "vpc_attached" => store,
        "criticality" | "health_endpoint" | "auto_restart" | "autoscale" | "auth_mode"
        | "cookie_contents" | "cookie_signed" | "jwt" | "authz" | "authz_centralized"
        | "resource_by_id" | "query_construction" | "input_validation" | "renders_ugc"
        | "output_encoding" | "csp" | "csrf_protection" | "stores_passwords"
        | "password_hashing" | "ryw_window_s" | "fanout" => {
            compute || (kind == K::ApiGateway && field == "auth_mode")
        }
        "data_classes" | "multi_tenant" => compute || store,
        "throughput_per_instance" | "max_duration_s" => {
            matches!(kind, K::Worker | K::ServerlessFunction)
        }
        "spot" | "robots_txt_check" => kind == K::Worker,
        "platform" | "debounce_ms" | "local_cache" | "heartbeat_s" => kind == K::Client,
        "geo_routing" | "ttl_s" => kind == K::Dns,
        "caches" => kind == K::Cdn,
        "waf" => matches!(kind, K::Cdn | K::LoadBalancer | K::ApiGateway),
        "layer" | "algorithm" | "health_check" | "websocket_support" | "tls_termination" => {
            kind == K::LoadBalancer
        }
        "rate_limit" => compute || matches!(kind, K::Cdn | K::LoadBalancer | K::ApiGateway),
        "session_storage" => matches!(kind, K::AppServer | K::WebsocketServer),
        "serves_static" | "redirect_status" | "top_k" => kind == K::AppServer,
        "idempotent" | "dedupe_key" => compute,
        "relays_client_messages" => kind == K::WebsocketServer,
        "latency_sensitive" | "traffic_pattern" | "volume_rps" => kind == K::ServerlessFunction,
        "role" => !Role::choices(kind).is_empty(),
        "partitioning" => matches!(kind, K::Worker | K::Cache),
        "backs"
        | "eviction_policy"
        | "maxmemory_mb"
        | "default_ttl_s"
        | "ttl_jitter_s"
        | "stampede_protection"
        | "write_strategy"
        | "persistence"
        | "nodes"
        | "replicas"
        | "virtual_nodes" => kind == K::Cache,
        "hot_keys" => store,
        "standby" | "tenant_isolation" => db,
        "failover" => db || kind == K::Cache || store,
        "quorum" | "voting_nodes" => store || compute,
        "replication_factor" => matches!(kind, K::NosqlDb | K::Stream | K::MessageQueue),
        "promotable" => kind == K::ReadReplica,
        "sharding" => db || kind == K::Cache,
        "shard_of" => kind == K::Shard,
        "stores_blobs" => matches!(kind, K::SqlDb | K::NosqlDb),
        "encryption_at_rest" | "key_store" => store,
        "full_text_search" | "write_pattern" | "ts_extension" => kind == K::SqlDb,
        "presigned_urls" | "presign_ttl_s" | "video_ladder" => kind == K::ObjectStorage,
        "dlq" | "max_receive_count" | "delivery" | "bounded" | "max_depth" => queue,
        "visibility_timeout_s"
        | "delivery_mode"
        | "per_domain_rate_limit"
        | "per_domain_limiter"
        | "priority" => kind == K::MessageQueue,
        "category" => kind == K::ExternalService,
        "doc_count" => kind == K::SearchIndex,
        "schedule" => kind == K::BatchJob,
        "data_model" => kind == K::NosqlDb,
        _ => false,
    }
}
