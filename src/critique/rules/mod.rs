//! The registry: every rule, one line each. Each rule lives in its own file.

use super::Rule;

// ---- A–E: transport, compute & front door, data placement, load balancing, caching ----
// (plus the engine's built-in SUPPRESSION-INVALID)
mod suppression_invalid;
pub use suppression_invalid::ID as SUPPRESSION_INVALID;
mod blob_proxied_through_app;
mod cache_as_system_of_record;
mod db_blobs_in_database;
mod gateway_multi_entry;
mod geo_no_locality;
mod idempotency_key_missing;
mod realtime_via_polling;
mod sls_cold_start_hot_path;
mod sls_unsuited_workload;
mod spof_lb;
mod state_local_sessions;
mod tls_public_plaintext;

// ---- end A–E ----

// ---- F–K: CDN, queues, network placement, consistency, fault tolerance, scaling ----

mod acid_multi_write_no_tx;
mod cache_missing_read_heavy;
mod cache_modulo_distribution;
mod cache_no_eviction_policy;
mod cache_no_ttl;
mod cdn_caches_private_or_realtime;
mod cdn_missing_for_static;
mod compute_public_subnet;
mod consumer_ack_before_work;
mod consumer_not_idempotent;
mod db_public_subnet;
mod egress_without_nat;
mod internet_bypasses_lb;
mod lb_l4_content_routing;
mod lb_no_health_check;
mod queue_multi_subscriber;
mod queue_no_dlq;
mod repl_no_read_your_writes;
mod single_az;
mod split_brain_quorum;
mod spof_db;
mod spof_single_instance;
mod strong_read_from_async_replica;
mod sync_slow_side_effect;
mod thundering_herd;
mod write_to_replica;

// ---- end F–K ----

// ---- L–O: security, technology at scale, distributed patterns, walkthrough decisions ----
mod auth_cookies_for_mobile;
mod auth_unsigned_identity;
mod authz_missing;
mod circuit_breaker_missing;
mod crawler_politeness;
mod enc_at_rest_missing;
mod fanout_push_large_audience;
mod fanout_synchronous;
mod file_no_chunking;
mod injection_string_query;
mod jwt_long_lived;
mod jwt_sensitive_claims;
mod pwd_weak_hash;
mod rate_limit_missing;
mod rate_limit_not_shared;
mod retry_no_backoff;
mod saga_no_compensation;
mod search_pg_fts_at_scale;
mod shard_cross_shard_query;
mod shard_hotspot_risk;
mod shard_premature;
mod tenant_no_db_enforcement;
mod timeout_missing;
mod timeseries_on_plain_sql;
mod typeahead_db_on_hot_path;
mod video_origin_delivery;
mod web_xss_csrf;
mod ws_no_cross_server_bus;
mod zt_internal;
// ---- end L–O ----

// ---- capacity rules: R45, R46, R64 ----
pub mod backpressure_missing;
pub mod capacity_exceeded;
pub mod db_heavy_tier_no_read_scaling;

// ---- end capacity rules ----

// ---- real designs: synchronous paths, entry points, events, connectivity ----
mod async_work_no_queue;
mod cloud_no_vpc;
mod compute_unrouted;
mod dr_single_region;
mod dual_write_no_outbox;
mod entry_no_auth;
mod lb_not_public;
mod node_unconnected;
mod replica_unread;
mod retry_no_cap;
mod sync_chain_deep;
mod sync_fanout_wide;
mod sync_slow_dependency;
mod trigger_no_dlq;
mod trigger_recursion;
mod upload_no_presign;
// ---- end real designs ----

/// The rule named `name`: its id (`SPOF-DB`) or its number (`R35`), in any case.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| {
        r.meta().id.eq_ignore_ascii_case(name) || r.meta().number.eq_ignore_ascii_case(name)
    })
}

/// Every rule, grouped by topic (the order `archway rules` lists them in).
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        // ---- A–E ----
        &suppression_invalid::SuppressionInvalid,
        &tls_public_plaintext::TlsPublicPlaintext,
        &idempotency_key_missing::IdempotencyKeyMissing,
        &geo_no_locality::GeoNoLocality,
        &realtime_via_polling::RealtimeViaPolling,
        &state_local_sessions::StateLocalSessions,
        &sls_cold_start_hot_path::SlsColdStartHotPath,
        &sls_unsuited_workload::SlsUnsuitedWorkload,
        &gateway_multi_entry::GatewayMultiEntry,
        &db_blobs_in_database::DbBlobsInDatabase,
        &cache_as_system_of_record::CacheAsSystemOfRecord,
        &blob_proxied_through_app::BlobProxiedThroughApp,
        &spof_lb::SpofLb,
        // ---- end A–E ----

        // ---- F–K ----
        &lb_no_health_check::LbNoHealthCheck,
        &lb_l4_content_routing::LbL4ContentRouting,
        &cache_no_eviction_policy::CacheNoEvictionPolicy,
        &cache_no_ttl::CacheNoTtl,
        &cache_modulo_distribution::CacheModuloDistribution,
        &cache_missing_read_heavy::CacheMissingReadHeavy,
        &thundering_herd::ThunderingHerd,
        &cdn_caches_private_or_realtime::CdnCachesPrivateOrRealtime,
        &cdn_missing_for_static::CdnMissingForStatic,
        &queue_no_dlq::QueueNoDlq,
        &queue_multi_subscriber::QueueMultiSubscriber,
        &consumer_ack_before_work::ConsumerAckBeforeWork,
        &consumer_not_idempotent::ConsumerNotIdempotent,
        &sync_slow_side_effect::SyncSlowSideEffect,
        &db_public_subnet::DbPublicSubnet,
        &compute_public_subnet::ComputePublicSubnet,
        &internet_bypasses_lb::InternetBypassesLb,
        &egress_without_nat::EgressWithoutNat,
        &acid_multi_write_no_tx::AcidMultiWriteNoTx,
        &strong_read_from_async_replica::StrongReadFromAsyncReplica,
        &repl_no_read_your_writes::ReplNoReadYourWrites,
        &write_to_replica::WriteToReplica,
        &spof_db::SpofDb,
        &spof_single_instance::SpofSingleInstance,
        &single_az::SingleAz,
        &split_brain_quorum::SplitBrainQuorum,
        // ---- end F–K ----

        // ---- L–O ----
        &retry_no_backoff::RetryNoBackoff,
        &timeout_missing::TimeoutMissing,
        &circuit_breaker_missing::CircuitBreakerMissing,
        &shard_hotspot_risk::ShardHotspotRisk,
        &shard_cross_shard_query::ShardCrossShardQuery,
        &shard_premature::ShardPremature,
        &fanout_push_large_audience::FanoutPushLargeAudience,
        &fanout_synchronous::FanoutSynchronous,
        &auth_unsigned_identity::AuthUnsignedIdentity,
        &auth_cookies_for_mobile::AuthCookiesForMobile,
        &jwt_long_lived::JwtLongLived,
        &jwt_sensitive_claims::JwtSensitiveClaims,
        &authz_missing::AuthzMissing,
        &tenant_no_db_enforcement::TenantNoDbEnforcement,
        &enc_at_rest_missing::EncAtRestMissing,
        &pwd_weak_hash::PwdWeakHash,
        &injection_string_query::InjectionStringQuery,
        &web_xss_csrf::WebXssCsrf,
        &rate_limit_missing::RateLimitMissing,
        &rate_limit_not_shared::RateLimitNotShared,
        &zt_internal::ZtInternal,
        &search_pg_fts_at_scale::SearchPgFtsAtScale,
        &timeseries_on_plain_sql::TimeseriesOnPlainSql,
        &saga_no_compensation::SagaNoCompensation,
        &ws_no_cross_server_bus::WsNoCrossServerBus,
        &file_no_chunking::FileNoChunking,
        &typeahead_db_on_hot_path::TypeaheadDbOnHotPath,
        &crawler_politeness::CrawlerPoliteness,
        &video_origin_delivery::VideoOriginDelivery,
        // ---- end L–O ----

        // ---- capacity rules ----
        &capacity_exceeded::CapacityExceeded,
        &db_heavy_tier_no_read_scaling::DbHeavyTierNoReadScaling,
        &backpressure_missing::BackpressureMissing,
        // ---- end capacity rules ----

        // ---- real designs ----
        &sync_chain_deep::SyncChainDeep,
        &sync_fanout_wide::SyncFanoutWide,
        &sync_slow_dependency::SyncSlowDependency,
        &retry_no_cap::RetryNoCap,
        &entry_no_auth::EntryNoAuth,
        &upload_no_presign::UploadNoPresign,
        &dr_single_region::DrSingleRegion,
        &cloud_no_vpc::CloudNoVpc,
        &dual_write_no_outbox::DualWriteNoOutbox,
        &trigger_recursion::TriggerRecursion,
        &node_unconnected::NodeUnconnected,
        &compute_unrouted::ComputeUnrouted,
        &async_work_no_queue::AsyncWorkNoQueue,
        &replica_unread::ReplicaUnread,
        &trigger_no_dlq::TriggerNoDlq,
        &lb_not_public::LbNotPublic,
        // ---- end real designs ----
    ]
}
