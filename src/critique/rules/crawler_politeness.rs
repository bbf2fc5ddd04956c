//! R69 `CRAWLER-POLITENESS`: crawl traffic that can overload a site.

use crate::critique::{Context, Finding};
use crate::model::props::{ExternalCategory, LimiterScope, Partitioning, Role};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// For a `worker` with `role=fetcher` that sends `sync_request` edges to an
    /// `external_service` with `category=web`, flags any of: a frontier feeding it (a
    /// `message_queue` with an `async_message` edge to the fetcher) without
    /// `per_domain_rate_limit=true`; the fetcher without `robots_txt_check=true`; or a fetcher
    /// fleet of two or more without `partitioning=consistent_hash_by_domain` whose frontier
    /// does not share its per-domain limiter (`per_domain_limiter=shared`). When no frontier is
    /// drawn, only the fetcher's own settings are judged.
    ///
    /// ## Why it matters
    /// Web Crawler walkthrough (guide §5, critical decision: the URL frontier): a crawler with many
    /// fetchers can send thousands of requests a second to one small site, which is a denial of
    /// service, gets the crawler blocked, and ignores what the site allows in robots.txt.
    /// Politeness needs a per-domain delay in the frontier, cached robots.txt checks, and one
    /// owner per domain (consistent hashing by domain) so the delay is enforced in one place.
    ///
    /// ## Example
    /// Bad: `message_queue:frontier{role=frontier}`; `frontier -async_message/TCP->
    /// worker:fetch{role=fetcher, instances=50, partitioning=modulo}`; `fetch
    /// -sync_request/HTTPS-> external_service:web{category=web}`.
    ///
    /// Good: `message_queue:frontier{role=frontier, per_domain_rate_limit=true,
    /// priority=true}`; `worker:fetch{role=fetcher, instances=50,
    /// partitioning=consistent_hash_by_domain, robots_txt_check=true}`.
    ///
    /// ## How to fix
    /// Organise the frontier by domain with per-domain delays and priorities, check and cache
    /// robots.txt per domain, and assign each domain to one fetcher by consistent hashing.
    pub CrawlerPoliteness {
        id: "CRAWLER-POLITENESS",
        number: "R69",
        title: "crawl traffic can overload a site",
        category: "O. Walkthrough critical decisions",
        severity: Error,
        scope: Shape,
        guide: "5, Web Crawler",
        fix: "organise the frontier by domain with per-domain delays, check and cache robots.txt, and assign each domain to one fetcher by consistent hashing",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for w in ix.nodes_of_kind(NodeKind::Worker) {
        let fetcher = ix.node(w);
        if fetcher.props.role != Some(Role::Fetcher) {
            continue;
        }
        let crawls: Vec<usize> = ix
            .out_edges(w)
            .iter()
            .copied()
            .filter(|&ei| ix.edge(ei).kind == EdgeKind::SyncRequest)
            .filter_map(|ei| ix.target(ei))
            .filter(|&t| {
                let n = ix.node(t);
                n.kind == NodeKind::ExternalService
                    && n.props.category == Some(ExternalCategory::Web)
            })
            .collect();
        let Some(&site) = crawls.first() else {
            continue;
        };
        let frontiers: Vec<usize> = ix
            .in_edges(w)
            .iter()
            .copied()
            .filter(|&ei| ix.edge(ei).kind == EdgeKind::AsyncMessage)
            .filter_map(|ei| ix.source(ei))
            .filter(|&s| ix.node(s).kind == NodeKind::MessageQueue)
            .collect();
        let mut problems = Vec::new();
        let mut culprits = vec![w];
        for &q in &frontiers {
            if ix.node(q).props.per_domain_rate_limit != Some(true) {
                problems.push(format!("no per-domain rate limit in `{}`", ix.node(q).id));
                culprits.push(q);
            }
        }
        if fetcher.props.robots_txt_check != Some(true) {
            problems.push("no robots.txt check".to_owned());
        }
        let shared_limiter = frontiers
            .iter()
            .any(|&q| ix.node(q).props.per_domain_limiter == Some(LimiterScope::Shared));
        if ix.redundancy(w) >= 2
            && fetcher.props.partitioning != Some(Partitioning::ConsistentHashByDomain)
            && !shared_limiter
        {
            problems.push("no partitioning of its fetchers by domain".to_owned());
        }
        if problems.is_empty() {
            continue;
        }
        let mut f = Finding::new(
            &CrawlerPoliteness::META,
            format!(
                "`{}` crawls `{}` with {}",
                fetcher.id,
                ix.node(site).id,
                problems.join(", ")
            ),
        );
        for n in culprits {
            f = f.node(&ix.node(n).id);
        }
        out.push(f);
    }
}
