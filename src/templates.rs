//! The templates shipped in the binary: the guide's walkthroughs and the LinkPulse story. Each
//! is also a plain file in `templates/` that people can read and diff.
//!
//! Layer: documents in (beside `export`): designs compiled into the binary, parsed with the
//! model's file format; the editor's start view and `archway new` read them.

use crate::model::{Design, file};

/// A template compiled into the binary.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// Name used on the command line (`url-shortener`, `linkpulse-1-day-one`).
    pub name: &'static str,
    /// Title shown in lists; the same as the design's `metadata.title` (checked by a test).
    pub title: &'static str,
    /// The design file's text.
    pub source: &'static str,
}

impl Template {
    /// Parses the template. Shipped templates are tested to parse, so an error here means a
    /// broken build; it is still returned rather than unwrapped.
    pub fn design(&self) -> Result<Design, Vec<file::Problem>> {
        file::parse(self.source)
    }

    /// The file name `archway new` writes by default: `url-shortener.archway.ron`.
    pub fn file_name(&self) -> String {
        format!("{}{}", self.name, file::EXTENSION)
    }

    /// Whether this is one of the guide's nine walkthroughs (not a LinkPulse stage).
    pub fn is_walkthrough(&self) -> bool {
        !self.name.starts_with("linkpulse-")
    }
}

/// Declares one compiled-in template from `templates/<name>.archway.ron`.
macro_rules! template {
    ($name:literal, $title:literal) => {
        Template {
            name: $name,
            title: $title,
            source: include_str!(concat!("../templates/", $name, ".archway.ron")),
        }
    };
}

/// Every template, walkthroughs first, then the LinkPulse stages in story order.
pub const ALL: &[Template] = &[
    template!("url-shortener", "URL shortener"),
    template!("chat", "Real-time chat"),
    template!("news-feed", "Social media news feed"),
    template!("file-sync", "File storage and sync"),
    template!("rate-limiter", "Distributed rate limiter"),
    template!("notifications", "Notification system"),
    template!("autocomplete", "Search autocomplete"),
    template!("web-crawler", "Web crawler"),
    template!("video-streaming", "Video streaming"),
    template!(
        "linkpulse-1-launch",
        "LinkPulse 1: launch on one VM (before: plaintext HTTP)"
    ),
    template!(
        "linkpulse-2-https",
        "LinkPulse 2: HTTPS with Let's Encrypt (after)"
    ),
    template!(
        "linkpulse-3-far-away-users",
        "LinkPulse 3: a user in Mumbai waits 4 s (before)"
    ),
    template!(
        "linkpulse-4-hot-trending-query",
        "LinkPulse 4: the trending query melts PostgreSQL (before)"
    ),
    template!(
        "linkpulse-5-redis-cache",
        "LinkPulse 5: Redis caches trending (after)"
    ),
    template!(
        "linkpulse-6-thumbnails-in-db",
        "LinkPulse 6: thumbnails inside PostgreSQL (before)"
    ),
    template!(
        "linkpulse-7-s3-and-cdn",
        "LinkPulse 7: S3 and Cloudflare for thumbnails (after) / one Node process (before)"
    ),
    template!(
        "linkpulse-8-load-balancer",
        "LinkPulse 8: load balancer and three Node servers (after)"
    ),
    template!(
        "linkpulse-9-email-in-request",
        "LinkPulse 9: sign-up waits for the welcome email (before)"
    ),
    template!(
        "linkpulse-10-email-queue",
        "LinkPulse 10: welcome emails through SQS (after)"
    ),
    template!(
        "linkpulse-11-read-replicas",
        "LinkPulse 11: bigger primary and two read replicas (before: stale reads)"
    ),
    template!(
        "linkpulse-12-read-your-writes",
        "LinkPulse 12: read-your-writes for two seconds (after)"
    ),
    template!(
        "linkpulse-13-share-without-tx",
        "LinkPulse 13: save-and-share without a transaction (before)"
    ),
    template!(
        "linkpulse-14-share-in-tx",
        "LinkPulse 14: save-and-share in one transaction (after)"
    ),
    template!(
        "linkpulse-15-range-shards",
        "LinkPulse 15: range shards by user_id (before: hot shard)"
    ),
    template!(
        "linkpulse-16-hash-shards",
        "LinkPulse 16: hash shards (after)"
    ),
    template!(
        "linkpulse-17-push-fanout",
        "LinkPulse 17: push every link to every follower (before)"
    ),
    template!(
        "linkpulse-18-hybrid-fanout",
        "LinkPulse 18: hybrid fan-out (after) / unsigned cookies (before)"
    ),
    template!(
        "linkpulse-19-jwt",
        "LinkPulse 19: signed JWTs (after) / string-built SQL (before)"
    ),
    template!(
        "linkpulse-20-parameterized-queries",
        "LinkPulse 20: parameterized queries (after)"
    ),
    template!(
        "linkpulse-21-teams-without-authz",
        "LinkPulse 21: Teams without authorization (before)"
    ),
    template!(
        "linkpulse-22-rbac",
        "LinkPulse 22: role-based access control (after)"
    ),
    template!(
        "linkpulse-23-tenant-filter-in-app",
        "LinkPulse 23: tenant filter only in the app (before)"
    ),
    template!(
        "linkpulse-24-row-level-security",
        "LinkPulse 24: row-level security (after)"
    ),
    template!(
        "linkpulse-25-login-ddos",
        "LinkPulse 25: DDoS on the login endpoint (before)"
    ),
    template!(
        "linkpulse-26-rate-limit-and-waf",
        "LinkPulse 26: rate limit and WAF, the final architecture (after)"
    ),
];

/// The template named `name`.
pub fn find(name: &str) -> Option<&'static Template> {
    ALL.iter().find(|t| t.name == name)
}

/// The template names, comma separated (for error messages).
pub fn names() -> String {
    ALL.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
}
