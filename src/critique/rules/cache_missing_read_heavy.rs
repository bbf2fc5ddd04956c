//! R18 CACHE-MISSING-READ-HEAVY: a read-dominated workload hits the database directly.

use crate::capacity::ResolvedWorkload;
use crate::capacity::workload::Origin;
use crate::critique::{Context, Finding, Severity};
use crate::model::{EdgeKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// When the workload's read:write ratio is at least `read_heavy_ratio` (9, i.e. ≥ 90 %
    /// reads), using the same ratio the capacity estimate uses (`read_write_ratio`, or
    /// `read_qps`/`write_qps`, or else the default 9:1, which the finding then says it assumed),
    /// flags each user-path `read` edge from a compute node to a `sql_db`, `nosql_db`,
    /// `read_replica` or `shard` D when that compute node reads no cache whose `backs` lists D
    /// (or the primary that replicates to D).
    ///
    /// With an assumed ratio the finding is information (the design states no workload, so
    /// it asks rather than asserts); with a stated or derived one it is a warning.
    ///
    /// The readers of one database are one finding (the decision is a cache in front of it).
    ///
    /// Shards count as well as `sql_db`, `nosql_db` and `read_replica`: a sharded store is
    /// still a database the reads land on (the LinkPulse story expects this rule when a cache
    /// stops fronting the shards). Reads marked `background` (snapshot loads, batch reads) are
    /// not on the user path and are not checked.
    ///
    /// ## Why it matters
    /// Guide §2.6 (caching) and the URL-shortener walkthrough: when reads outnumber writes
    /// many times over, most of the database's work is answering the same question again and
    /// again. Keeping hot answers in memory turns a disk-bound query into a sub-millisecond
    /// lookup: in LinkPulse chapter 2 the trending page went from 200 ms to 3 ms and the
    /// database CPU from 80 % to 20 %. With a 100:1 ratio the cache is the serving path and the
    /// database only handles misses and writes.
    ///
    /// ## Example
    /// Bad: workload `read_write_ratio=100`; `app_server:redirect -read/TCP-> sql_db:urls`.
    ///
    /// Good: `redirect -read/TCP-> cache:url_cache{role=cache, backs=[urls], default_ttl_s=86400}`
    /// and `redirect -read/TCP-> urls {label="on cache miss"}`.
    ///
    /// ## How to fix
    /// Add cache-aside in Redis: read the cache first, load from the database on a miss, store
    /// the result with a TTL. Record which store the cache fronts in its `backs` list.
    pub CacheMissingReadHeavy {
        id: "CACHE-MISSING-READ-HEAVY",
        number: "R18",
        title: "a read-dominated workload hits the database directly",
        category: "E. Caching",
        severity: Warning,
        scope: Shape,
        guide: "2.6",
        fix: "add a cache-aside cache (e.g. Redis) in front of the database: check the cache, load from the database on a miss, store with a TTL",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // The same read:write ratio the estimator uses: the stated one, or one derived from
    // stated read and write rates, or its default (then the message says it is assumed).
    let resolved = ResolvedWorkload::new(&cx.design.workload);
    let ratio = resolved.read_write_ratio;
    let assumed = resolved.read_write_origin == Origin::Default;
    if ratio < cx.thresholds.read_heavy_ratio {
        return;
    }
    let ix = cx.index;
    let mut cached: Vec<&str> = Vec::new();
    let mut db_reads: Vec<(usize, usize)> = Vec::new();
    let mut per_db: Vec<(usize, Vec<usize>, Vec<usize>)> = Vec::new();
    for n in ix.nodes_where(NodeKind::is_compute) {
        if !ix.on_user_path(n) {
            continue;
        }
        cached.clear();
        db_reads.clear();
        for &e in ix.out_edges(n) {
            if ix.edge(e).kind != EdgeKind::Read {
                continue;
            }
            let Some(t) = ix.target(e) else { continue };
            let target = ix.node(t);
            match target.kind {
                NodeKind::Cache => {
                    if let Some(backs) = &target.props.backs {
                        cached.extend(backs.iter().map(|id| id.as_str()));
                    }
                }
                NodeKind::SqlDb | NodeKind::NosqlDb | NodeKind::ReadReplica | NodeKind::Shard
                    if ix.edge_on_user_path(e) =>
                {
                    db_reads.push((e, t));
                }
                _ => {}
            }
        }
        for &(e, d) in &db_reads {
            let db = ix.node(d);
            let fronted = cached.contains(&db.id.as_str())
                || ix.in_edges(d).iter().any(|&r| {
                    ix.edge(r).kind == EdgeKind::Replication
                        && ix
                            .source(r)
                            .is_some_and(|p| cached.contains(&ix.node(p).id.as_str()))
                });
            if !fronted {
                match per_db.iter_mut().find(|(d2, _, _)| *d2 == d) {
                    Some((_, callers, edges)) => {
                        if !callers.contains(&n) {
                            callers.push(n);
                        }
                        edges.push(e);
                    }
                    None => per_db.push((d, vec![n], vec![e])),
                }
            }
        }
    }
    // Putting a cache in front of one database is one decision: one finding per database.
    let workload = if assumed {
        format!("assuming the default {ratio}:1")
    } else {
        format!("{ratio}:1")
    };
    for (d, callers, edges) in per_db {
        let db = ix.node(d);
        let who = if callers.len() == 1 {
            format!("`{}` reads", ix.node(callers[0]).id)
        } else {
            format!(
                "{} read",
                crate::critique::quoted_list(callers.iter().map(|&c| &ix.node(c).id))
            )
        };
        let mut f = Finding::new(
            &CacheMissingReadHeavy::META,
            format!(
                "{who} `{}` directly with no cache in front, on a read-heavy workload ({workload})",
                db.id
            ),
        );
        if assumed {
            // The ratio is the estimator's assumption, not the design's: a question.
            f.severity = Severity::Info;
        }
        f = f.nodes_at(ix, &callers).node(&db.id).edges_at(ix, &edges);
        out.push(f);
    }
}
