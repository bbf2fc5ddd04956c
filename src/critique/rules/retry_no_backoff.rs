//! R39 `RETRY-NO-BACKOFF`: retries without exponential backoff.

use crate::critique::{Context, Finding};
use crate::model::props::RetryPolicy;

crate::declare_rule! {
    /// ## What it does
    /// Flags an edge whose `retry` policy is `immediate` or `fixed`. An `exponential` policy
    /// with no `max_attempts` does back off; it has its own rule, RETRY-NO-CAP.
    ///
    /// ## Why it matters
    /// Guide §3.6 (network failures) says to retry after 1 s, then 2 s, 4 s, 8 s. When a
    /// dependency slows down, every caller retrying at once (or at the same fixed pace) multiplies
    /// its load exactly when it can least take it, and turns a blip into an outage. Without a cap,
    /// a call that can never succeed keeps retrying forever and ties up the caller.
    ///
    /// ## Example
    /// Bad: `api -sync_request/HTTPS-> psp {retry={policy:immediate, max_attempts:10}}`.
    ///
    /// Good: `api -sync_request/HTTPS-> psp {retry={policy:exponential, base_ms:1000,
    /// max_attempts:4}, idempotency_key=true}`.
    ///
    /// ## How to fix
    /// Set `retry={policy:exponential, base_ms:…, max_attempts:…}` (with jitter in the code).
    /// After the last attempt, send async work to a dead-letter queue and return an error or a
    /// fallback for synchronous calls.
    pub RetryNoBackoff {
        id: "RETRY-NO-BACKOFF",
        number: "R39",
        title: "retries hammer a struggling dependency",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Detail,
        guide: "3.6",
        fix: "use exponential backoff with a cap on attempts; after the last attempt send async work to the DLQ and return an error or fallback for sync calls",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for e in &cx.design.edges {
        let Some(retry) = &e.props.retry else {
            continue;
        };
        let problem = match retry.policy {
            Some(RetryPolicy::Immediate) => "retries immediately",
            Some(RetryPolicy::Fixed) => "retries at a fixed interval",
            _ => continue,
        };
        out.push(
            Finding::new(
                &RetryNoBackoff::META,
                format!("`{}` {problem} when `{}` fails", e.from, e.to),
            )
            .edge(&e.id),
        );
    }
}
