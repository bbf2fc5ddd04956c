//! The registry: every rule of the catalogue, one line each. Each rule lives in its own file.

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

// ---- end F–K ----

// ---- L–O: security, technology at scale, distributed patterns, walkthrough decisions ----

// ---- end L–O ----

// ---- capacity rules: R45, R46, R64 ----

// ---- end capacity rules ----

/// Every rule, in catalogue order.
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

        // ---- end F–K ----

        // ---- L–O ----

        // ---- end L–O ----

        // ---- capacity rules ----

        // ---- end capacity rules ----
    ]
}
