//! R59 `RATE-LIMIT-MISSING`: an entry point nothing limits.

use crate::critique::FastMap;
use crate::critique::{Context, Finding};
use crate::model::props::EdgeTag;
use crate::model::{EdgeKind, Node, NodeKind};
use std::collections::VecDeque;

crate::declare_rule! {
    /// ## What it does
    /// Walks every client path (the user path from each client; when no client is drawn, from
    /// each inferred entry point: DNS, a public load balancer, gateway or CDN, a node with a
    /// public IP) through DNS, CDNs, load balancers and API gateways to the first compute
    /// node. When no node on the way, the compute node included, has `rate_limit.enabled=true`
    /// and none has a WAF, the compute node is flagged; the members of one fleet or service are
    /// one finding. The finding also names the edges tagged `login` or `payment` on that path.
    ///
    /// A WAF on a CDN counts, and so does a WAF on a load balancer or gateway (AWS WAF on an
    /// ALB, for instance): it runs the same rate-based rules at the same place.
    ///
    /// ## Why it matters
    /// Guide §4.7 (DDoS and rate limiting) and the Distributed Rate Limiter walkthrough: without
    /// a limit, one script (or a flood) can use up the whole fleet, brute-force logins or run up
    /// a payment provider's bill. LinkPulse Ch.4 took 100,000 requests a second on its login
    /// endpoint and survived only after adding 20 requests a minute per IP and a WAF.
    ///
    /// ## Example
    /// Bad: `client -sync_request/HTTPS-> alb -sync_request/HTTPS-> api {route="/login",
    /// tags=[login]}` with no limit anywhere.
    ///
    /// Good: `cdn:edge{waf=true}`; `api_gateway:gw{rate_limit={enabled:true,
    /// algorithm:token_bucket, scopes:[per_ip, per_user, per_endpoint], store:shared_cache}}`.
    ///
    /// ## How to fix
    /// Add a token-bucket limit at the gateway or load balancer with per-IP, per-user and
    /// per-endpoint scopes (strict on login), answer 429 with `Retry-After`, and put a CDN/WAF
    /// in front to soak up floods.
    pub RateLimitMissing {
        id: "RATE-LIMIT-MISSING",
        number: "R59",
        title: "nothing limits how fast a caller can hit an entry point",
        category: "L. Security",
        severity: Warning,
        scope: Shape,
        guide: "4.7",
        fix: "add a token-bucket limit at the gateway or LB (per IP, per user, per endpoint; strict on login), answer 429 with Retry-After, and put a CDN/WAF in front",
        check: check,
    }
}

fn front_door(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Cdn | NodeKind::LoadBalancer | NodeKind::ApiGateway
    )
}

fn protects(node: &Node) -> bool {
    node.props
        .rate_limit
        .as_ref()
        .is_some_and(|r| r.enabled == Some(true))
        || (front_door(node.kind) && node.props.waf == Some(true))
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let mut visited = vec![false; cx.design.nodes.len()];
    // Unprotected entry compute node → (first entry point reaching it, tagged edges on the way).
    let mut found: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    let mut position: FastMap<usize, usize> = FastMap::default();
    let mut reach = |next: usize,
                     entry: usize,
                     tagged: Vec<usize>,
                     queue: &mut VecDeque<(usize, Vec<usize>)>| {
        let node = ix.node(next);
        if protects(node) {
            return;
        }
        if node.kind.is_compute() {
            match position.get(&next) {
                Some(&p) => {
                    for t in tagged {
                        if !found[p].2.contains(&t) {
                            found[p].2.push(t);
                        }
                    }
                }
                None => {
                    position.insert(next, found.len());
                    found.push((next, entry, tagged));
                }
            }
        } else if (front_door(node.kind) || node.kind == NodeKind::Dns) && !visited[next] {
            visited[next] = true;
            queue.push_back((next, tagged));
        }
    };
    for &entry in ix.entry_points() {
        let mut queue: VecDeque<(usize, Vec<usize>)> = VecDeque::new();
        if ix.node(entry).kind == NodeKind::Client {
            queue.push_back((entry, Vec::new()));
        } else {
            // No client is drawn: users arrive here (guide §1.7).
            reach(entry, entry, Vec::new(), &mut queue);
        }
        while let Some((cur, tagged)) = queue.pop_front() {
            for ei in ix.edges_initiated_by(cur) {
                let e = ix.edge(ei);
                if e.kind == EdgeKind::AsyncMessage || !ix.edge_on_user_path(ei) {
                    continue;
                }
                let Some(next) = ix.responder(ei) else {
                    continue;
                };
                let mut tagged = tagged.clone();
                let sensitive = e.props.tags.as_ref().is_some_and(|t| {
                    t.iter()
                        .any(|t| matches!(t, EdgeTag::Login | EdgeTag::Payment))
                });
                if sensitive {
                    tagged.push(ei);
                }
                reach(next, entry, tagged, &mut queue);
            }
        }
    }
    // The members of one fleet behind one door are one decision: one finding.
    let mut by_service: FastMap<&str, usize> = FastMap::default();
    let mut groups: Vec<(usize, Vec<usize>, Vec<usize>)> = Vec::new();
    for (n, entry, tagged) in found {
        let at = *by_service.entry(ix.service(n)).or_insert_with(|| {
            groups.push((entry, Vec::new(), Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(n);
        groups[at].2.extend(tagged);
    }
    for (entry, members, tagged) in groups {
        let n = &members[0];
        let entry = &entry;
        let including = if tagged.is_empty() {
            String::new()
        } else {
            ", including login or payment calls".to_owned()
        };
        let from = if ix.node(*entry).kind == NodeKind::Client {
            format!("`{}`", ix.node(*entry).id)
        } else if *entry == *n {
            "the internet (it is an entry point)".to_owned()
        } else {
            format!("the internet through entry point `{}`", ix.node(*entry).id)
        };
        let mut f = Finding::new(
            &RateLimitMissing::META,
            format!(
                "{} takes requests from {from} with no rate limit or WAF on the way{including}",
                crate::critique::describe_callers(ix, &members)
            ),
        );
        for &m in &members {
            f = f.node(&ix.node(m).id);
        }
        for ei in tagged {
            f = f.edge(&ix.edge(ei).id);
        }
        out.push(f);
    }
}
