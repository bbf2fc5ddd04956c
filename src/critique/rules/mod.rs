//! The registry: every rule of the catalogue, one line each. Each rule lives in its own file.

use super::Rule;

// ---- A–E: transport, compute & front door, data placement, load balancing, caching ----

// ---- end A–E ----

// ---- F–K: CDN, queues, network placement, consistency, fault tolerance, scaling ----

// ---- end F–K ----

// ---- L–O: security, technology at scale, distributed patterns, walkthrough decisions ----

// ---- end L–O ----

// ---- capacity rules: R45, R46, R64 ----
pub mod backpressure_missing;
pub mod capacity_exceeded;
pub mod db_heavy_tier_no_read_scaling;

// ---- end capacity rules ----

/// Every rule, in catalogue order.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        // ---- A–E ----

        // ---- end A–E ----

        // ---- F–K ----

        // ---- end F–K ----

        // ---- L–O ----

        // ---- end L–O ----

        // ---- capacity rules ----
        &capacity_exceeded::CapacityExceeded,
        &db_heavy_tier_no_read_scaling::DbHeavyTierNoReadScaling,
        &backpressure_missing::BackpressureMissing,
        // ---- end capacity rules ----
    ]
}
