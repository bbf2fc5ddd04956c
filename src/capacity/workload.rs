//! Workload figures with defaults: turns the design's `workload` into the two numbers the
//! estimator pushes through the graph (peak requests per second and peak concurrent users)
//! plus the read share and hit ratios. Every default says where it comes from.

use super::format::{percent, thousands};
use crate::model::Workload;
use serde::Serialize;

/// Peak concurrent users as a share of daily active users [0.005]. **Derived** from the guide's
/// worked example (§3.10 "Practical estimation tip": 10M users → ~50,000 concurrent at peak).
pub const CONCURRENT_SHARE_OF_DAU: f64 = 0.005;

/// Requests per second one concurrent user makes at peak [0.1, one request every 10 s].
/// Archway default: the guide gives no figure. With it, the guide's example (50,000 concurrent)
/// puts 5,000 q/s on the database, inside the db.r5.xlarge range it recommends.
pub const RPS_PER_CONCURRENT_USER: f64 = 0.1;

/// Peak rate over the daily average rate [2]. Archway default: the guide gives no figure.
pub const PEAK_FACTOR: f64 = 2.0;

/// Reads per write when the workload does not say [9, i.e. 90 % reads]. From the guide:
/// LinkPulse Ch.3 (~90 % of queries are reads); also the default `read_heavy_ratio` threshold.
pub const READ_WRITE_RATIO: f64 = 9.0;

/// Share of cache reads that hit [0.8]. Archway default; consistent with LinkPulse Ch.2, where
/// cache-aside took database CPU from 80 % to 20 % (with ~90 % reads, a hit ratio near 0.8).
pub const CACHE_HIT_RATIO: f64 = 0.8;

/// Share of requests a CDN answers from its edge [0.9]. Archway default: the guide gives none.
pub const CDN_HIT_RATIO: f64 = 0.9;

/// Users online at the peak moment when the design states no workload at all [1,000]. From
/// the guide's server tiers (§3.10): the bottom of the Startup tier, "a real product with
/// paying customers"; with [`RPS_PER_CONCURRENT_USER`] it is 100 req/s at peak.
pub const ASSUMED_CONCURRENT_USERS: f64 = 1_000.0;

/// Average request payload when the design states none, KB [1]. Archway default: a small JSON
/// call; the guide gives no figure.
pub const REQUEST_KB: f64 = 1.0;

/// Average response payload when the design states none, KB [10]. Archway default: a JSON page
/// of results; the guide gives no figure.
pub const RESPONSE_KB: f64 = 10.0;

const SECONDS_PER_DAY: f64 = 86_400.0;

/// Where a resolved figure came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Set in the design's workload.
    Given,
    /// Computed from other workload figures.
    Derived,
    /// An estimator default (see the constants of this module).
    Default,
    /// Assumed because the design states no workload to start from: `archway estimate` and the
    /// report name it beside the figure.
    Assumed,
}

impl Origin {
    /// The word printed beside a figure (`given`, `assumed`).
    pub fn key(self) -> &'static str {
        match self {
            Origin::Given => "given",
            Origin::Derived => "derived",
            Origin::Default => "default",
            Origin::Assumed => "assumed",
        }
    }
}

/// The workload the estimator uses: given figures, or derived ones, or defaults.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResolvedWorkload {
    /// Requests per second entering at the clients at peak (`None`: no figure to start from).
    pub peak_rps: Option<f64>,
    pub peak_rps_origin: Origin,
    /// Users online at the peak moment.
    pub concurrent_users: Option<f64>,
    pub concurrent_origin: Origin,
    /// Reads per write.
    pub read_write_ratio: f64,
    pub read_write_origin: Origin,
    /// reads / (reads + writes).
    pub read_share: f64,
    pub cache_hit_ratio: f64,
    pub cache_hit_origin: Origin,
    pub cdn_hit_ratio: f64,
    /// How `peak_rps` was obtained, in words.
    pub peak_rps_basis: String,
    /// Average request payload, KB.
    pub request_kb: f64,
    /// Average response payload, KB.
    pub response_kb: f64,
    pub payload_origin: Origin,
    /// The assumptions made because the design states no workload, in words (empty when the
    /// design gives a figure to start from).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<String>,
}

impl ResolvedWorkload {
    /// Resolves `w`: explicit figures win, then figures derived from the others, then defaults.
    pub fn new(w: &Workload) -> Self {
        let pos = |v: Option<f64>| v.filter(|x| x.is_finite() && *x >= 0.0);
        let (read_write_ratio, read_write_origin) =
            match (pos(w.read_qps), pos(w.write_qps), pos(w.read_write_ratio)) {
                (_, _, Some(r)) => (r, Origin::Given),
                (Some(r), Some(wr), None) if wr > 0.0 => (r / wr, Origin::Derived),
                _ => (READ_WRITE_RATIO, Origin::Default),
            };
        let read_share = match (pos(w.read_qps), pos(w.write_qps)) {
            (Some(r), Some(wr)) if r + wr > 0.0 => r / (r + wr),
            _ => read_write_ratio / (read_write_ratio + 1.0),
        };
        let dau = w.dau.map(|d| d as f64);
        let given_concurrent = w.concurrent_peak.map(|c| c as f64);
        let derived_concurrent = given_concurrent.or(dau.map(|d| d * CONCURRENT_SHARE_OF_DAU));
        let peak_factor = pos(w.peak_factor).unwrap_or(PEAK_FACTOR);

        let (peak_rps, peak_rps_origin, peak_rps_basis) = if let Some(r) = pos(w.peak_rps) {
            (Some(r), Origin::Given, "workload peak_rps".to_owned())
        } else if pos(w.read_qps).is_some() || pos(w.write_qps).is_some() {
            let (r, wr) = match (pos(w.read_qps), pos(w.write_qps)) {
                (Some(r), Some(wr)) => (r, wr),
                (Some(r), None) => (r, r / read_write_ratio.max(f64::MIN_POSITIVE)),
                (None, Some(wr)) => (wr * read_write_ratio, wr),
                (None, None) => (0.0, 0.0),
            };
            (
                Some(r + wr),
                Origin::Derived,
                "read_qps + write_qps".to_owned(),
            )
        } else if let (Some(d), Some(per_day)) = (dau, pos(w.requests_per_user_per_day)) {
            (
                Some(d * per_day / SECONDS_PER_DAY * peak_factor),
                Origin::Derived,
                format!("dau × requests_per_user_per_day / 86,400 s × peak factor {peak_factor}"),
            )
        } else if let Some(c) = derived_concurrent {
            (
                Some(c * RPS_PER_CONCURRENT_USER),
                Origin::Derived,
                format!(
                    "concurrent users × {RPS_PER_CONCURRENT_USER} req/s each (Archway default)"
                ),
            )
        } else {
            (None, Origin::Default, "no workload figures".to_owned())
        };

        let (concurrent_users, concurrent_origin) = match (given_concurrent, dau, peak_rps) {
            (Some(c), _, _) => (Some(c), Origin::Given),
            (None, Some(d), _) => (Some(d * CONCURRENT_SHARE_OF_DAU), Origin::Derived),
            (None, None, Some(r)) => (Some(r / RPS_PER_CONCURRENT_USER), Origin::Derived),
            _ => (None, Origin::Default),
        };
        let (cache_hit_ratio, cache_hit_origin) = match w.cache_hit_ratio {
            Some(h) if (0.0..=1.0).contains(&h) => (h, Origin::Given),
            _ => (CACHE_HIT_RATIO, Origin::Default),
        };
        let (request_kb, response_kb, payload_origin) =
            match (pos(w.request_kb), pos(w.response_kb)) {
                (None, None) => (REQUEST_KB, RESPONSE_KB, Origin::Default),
                (rq, rs) => (
                    rq.unwrap_or(REQUEST_KB),
                    rs.unwrap_or(RESPONSE_KB),
                    Origin::Given,
                ),
            };
        Self {
            peak_rps,
            peak_rps_origin,
            concurrent_users,
            concurrent_origin,
            read_write_ratio,
            read_write_origin,
            read_share,
            cache_hit_ratio,
            cache_hit_origin,
            cdn_hit_ratio: CDN_HIT_RATIO,
            peak_rps_basis,
            request_kb,
            response_kb,
            payload_origin,
            assumptions: Vec::new(),
        }
    }

    /// Resolves `w` as [`ResolvedWorkload::new`] does, but when the design gives no figure to
    /// start from, assumes one: [`ASSUMED_CONCURRENT_USERS`] users at peak, and every figure
    /// left at its default (read:write, payload, cache hits) is marked assumed and listed in
    /// [`ResolvedWorkload::assumptions`]. A design with a workload is resolved unchanged.
    pub fn assuming(w: &Workload) -> Self {
        let mut r = Self::new(w);
        if r.peak_rps.is_some() {
            return r;
        }
        let users = ASSUMED_CONCURRENT_USERS;
        let rps = users * RPS_PER_CONCURRENT_USER;
        r.concurrent_users = Some(users);
        r.concurrent_origin = Origin::Assumed;
        r.peak_rps = Some(rps);
        r.peak_rps_origin = Origin::Assumed;
        r.peak_rps_basis = format!(
            "{} concurrent users (the bottom of the guide's Startup tier, §3.10) × \
             {RPS_PER_CONCURRENT_USER} req/s each",
            thousands(users)
        );
        r.assumptions.push(format!(
            "users: {} concurrent at peak, {} req/s (the design states no workload)",
            thousands(users),
            thousands(rps)
        ));
        if r.read_write_origin == Origin::Default {
            r.read_write_origin = Origin::Assumed;
            r.assumptions.push(format!(
                "read:write {}:1 ({} reads)",
                thousands(r.read_write_ratio),
                percent(r.read_share)
            ));
        }
        if r.payload_origin == Origin::Default {
            r.payload_origin = Origin::Assumed;
            r.assumptions.push(format!(
                "payload: {} KB per request, {} KB per response",
                thousands(r.request_kb),
                thousands(r.response_kb)
            ));
        }
        if r.cache_hit_origin == Origin::Default {
            r.cache_hit_origin = Origin::Assumed;
            r.assumptions
                .push(format!("cache hit ratio {}", percent(r.cache_hit_ratio)));
        }
        r
    }

    /// Whether the figures were assumed (the design states no workload to start from).
    pub fn is_assumed(&self) -> bool {
        self.peak_rps_origin == Origin::Assumed
    }
}
