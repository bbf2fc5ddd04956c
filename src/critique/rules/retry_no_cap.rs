//! R74 `RETRY-NO-CAP`: exponential retries with no cap on attempts.

use crate::critique::{Context, Finding};
use crate::model::props::RetryPolicy;

crate::declare_rule! {
    /// ## What it does
    /// Flags an edge whose `retry` policy is `exponential` with no `max_attempts`. The backoff
    /// is right (RETRY-NO-BACKOFF covers immediate and fixed retries); what is missing is the
    /// point where the caller gives up.
    ///
    /// ## Why it matters
    /// Guide §3.6 (network failures) and §3.7: retries with backoff protect a struggling
    /// dependency, but a call that can never succeed (a bad request, a poison message) then
    /// retries forever. It holds the caller's thread or blocks the queue behind it, and the
    /// failure never reaches anyone who could fix it. After N failures the guide sends the
    /// message to a dead-letter queue.
    ///
    /// ## Example
    /// Bad: `storefront -sync_request-> cart {retry={policy:exponential, base_ms:50}}`.
    ///
    /// Good: `storefront -sync_request-> cart {retry={policy:exponential, base_ms:50,
    /// max_attempts:3}}`.
    ///
    /// ## How to fix
    /// Set `max_attempts` (3 to 5 for a user request, more for background work), and after the
    /// last attempt return an error or a fallback, or move the message to a dead-letter queue.
    pub RetryNoCap {
        id: "RETRY-NO-CAP",
        number: "R74",
        title: "exponential retries never give up",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Detail,
        guide: "3.6",
        fix: "cap the attempts (3 to 5 for a user request); after the last one return an error or a fallback, or send the message to a dead-letter queue",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for e in &cx.design.edges {
        let Some(retry) = &e.props.retry else {
            continue;
        };
        if retry.policy == Some(RetryPolicy::Exponential) && retry.max_attempts.is_none() {
            out.push(
                Finding::new(
                    &RetryNoCap::META,
                    format!(
                        "`{}` retries `{}` with exponential backoff but no cap on attempts",
                        e.from, e.to
                    ),
                )
                .edge(&e.id),
            );
        }
    }
}
