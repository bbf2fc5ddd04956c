//! The design profile: which stage of the guide's full scaling ladder (guide §3.10, nine
//! stages from one server to a global platform) a design has reached, and what the next stage
//! would add. It is information for the status bar and the review report, not a finding.

use crate::index::Index;
use crate::model::props::{AuthMode, Role, TenantIsolation};
use crate::model::{Design, NodeKind};
use serde::Serialize;

/// One rung of the ladder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// 1 to 9.
    pub number: u8,
    /// Short name, as the guide titles the stage.
    pub name: &'static str,
    /// What reaching this stage adds to a design, in one sentence.
    pub adds: &'static str,
}

/// The nine stages of the full scaling ladder (guide §3.10), in our own words.
pub const LADDER: [Stage; 9] = [
    Stage {
        number: 1,
        name: "monolith and single database",
        adds: "one server and one database: build fast and learn fast",
    },
    Stage {
        number: 2,
        name: "polyglot persistence",
        adds: "the right store per kind of data: relational, document, object storage for files, search",
    },
    Stage {
        number: 3,
        name: "load balancer and horizontal app scaling",
        adds: "several app servers behind a load balancer, with sessions in a shared store",
    },
    Stage {
        number: 4,
        name: "read replicas, cache and CDN",
        adds: "read replicas and a cache take reads off the primary, and a CDN serves static files at the edge",
    },
    Stage {
        number: 5,
        name: "CQRS",
        adds: "separate read and write paths that scale independently, joined by an event bus",
    },
    Stage {
        number: 6,
        name: "enterprise infrastructure",
        adds: "single sign-on, tenant isolation enforced by the database, dedicated databases for large tenants",
    },
    Stage {
        number: 7,
        name: "multi-region",
        adds: "a second region with GeoDNS sending users to the nearest one, with regional replicas and caches",
    },
    Stage {
        number: 8,
        name: "write sharding, regional primaries and HA standby",
        adds: "writes sharded (for example by tenant) with a synchronous standby per shard for fast failover",
    },
    Stage {
        number: 9,
        name: "CRDTs/OT, circuit breakers and chaos engineering",
        adds: "conflict-free collaborative editing, graceful degradation behind circuit breakers, regular failure drills",
    },
];

/// Where a design stands on the ladder.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Profile {
    /// Highest stage reached, 1 to 9.
    pub stage: u8,
    /// Name of that stage.
    pub name: &'static str,
    /// The next stage and what it would add; `None` at stage 9.
    pub next: Option<Stage>,
    /// Lower stages whose markers the design does not show (for example a multi-region design
    /// without a cache). The ladder is a typical order, not a law, so this is a hint.
    pub skipped: Vec<u8>,
}

impl Default for Profile {
    fn default() -> Self {
        Self {
            stage: 1,
            name: LADDER[0].name,
            next: Some(LADDER[1]),
            skipped: Vec::new(),
        }
    }
}

impl Profile {
    /// One line for a status bar: `stage 4 of 9: read replicas, cache and CDN`.
    pub fn summary(&self) -> String {
        format!("stage {} of 9: {}", self.stage, self.name)
    }
}

/// Which stage markers a design shows. Stage 1 always holds. The markers:
///
/// 2. two or more kinds of data store among relational (SQL database or shard), NoSQL, object
///    storage and search index;
/// 3. a load balancer spreading over two or more app-tier instances (its targets' redundancy);
/// 4. a read replica, a cache that backs a store, or a CDN;
/// 5. an event bus: a stream, or a queue with `role=events`, with both a producer and a consumer;
/// 6. tenant isolation enforced below the application (`tenant_isolation` = `middleware` or
///    `rls`), or single sign-on (`auth_mode=oauth`);
/// 7. nodes in two or more regions;
/// 8. a sharded store (a `sharding` strategy, or `shard` nodes);
/// 9. circuit breakers enabled on calls.
///
/// Stages 5 to 9 count only once the design has left the single box (stage 3 or 4), and
/// stage 9 only with stage 7 or 8: a circuit breaker on a one-server sketch is not a global
/// platform.
fn markers(design: &Design, ix: &Index<'_>) -> [bool; 9] {
    let mut m = [false; 9];
    m[0] = true;

    let mut store_kinds = [false; 4];
    for node in &design.nodes {
        match node.kind {
            NodeKind::SqlDb | NodeKind::Shard => store_kinds[0] = true,
            NodeKind::NosqlDb => store_kinds[1] = true,
            NodeKind::ObjectStorage => store_kinds[2] = true,
            NodeKind::SearchIndex => store_kinds[3] = true,
            _ => {}
        }
    }
    m[1] = store_kinds.iter().filter(|&&k| k).count() >= 2;

    m[2] = ix.nodes_of_kind(NodeKind::LoadBalancer).any(|lb| {
        let targets: Vec<usize> = ix
            .out_edges(lb)
            .iter()
            .filter_map(|&e| ix.target(e))
            .filter(|&t| ix.node(t).kind.is_compute())
            .collect();
        let total: u64 = targets.iter().map(|&t| u64::from(ix.redundancy(t))).sum();
        targets.len() >= 2 || total >= 2
    });

    m[3] = design.nodes.iter().enumerate().any(|(i, n)| match n.kind {
        NodeKind::ReadReplica | NodeKind::Cdn => true,
        NodeKind::Cache => n.props.backs.as_ref().is_some_and(|b| !b.is_empty()),
        _ => n.props.role == Some(Role::Replica) && !ix.in_edges(i).is_empty(),
    });

    m[4] = design.nodes.iter().enumerate().any(|(i, n)| {
        let bus = n.kind == NodeKind::Stream
            || (n.kind == NodeKind::MessageQueue && n.props.role == Some(Role::Events));
        bus && !ix.in_edges(i).is_empty() && !ix.consumers(i).is_empty()
    });

    m[5] = design.nodes.iter().any(|n| {
        matches!(
            n.props.tenant_isolation,
            Some(TenantIsolation::Middleware | TenantIsolation::Rls)
        ) || n.props.auth_mode == Some(AuthMode::Oauth)
    });

    let mut regions: Vec<usize> = (0..design.nodes.len())
        .filter_map(|n| ix.region_of(n))
        .collect();
    regions.sort_unstable();
    regions.dedup();
    m[6] = regions.len() >= 2;

    m[7] = design.nodes.iter().any(|n| {
        n.kind == NodeKind::Shard || n.props.sharding.as_ref().is_some_and(|s| s.is_sharded())
    });

    m[8] = design.edges.iter().any(|e| {
        e.props
            .circuit_breaker
            .as_ref()
            .is_some_and(|cb| cb.enabled == Some(true))
    });

    let scaled_out = m[2] || m[3];
    for marker in m.iter_mut().take(8).skip(4) {
        *marker &= scaled_out;
    }
    m[8] &= scaled_out && (m[6] || m[7]);
    m
}

/// The design's profile on the scaling ladder.
pub fn profile(design: &Design, ix: &Index<'_>) -> Profile {
    let m = markers(design, ix);
    let top = m.iter().rposition(|&x| x).unwrap_or(0);
    Profile {
        stage: LADDER[top].number,
        name: LADDER[top].name,
        next: LADDER.get(top + 1).copied(),
        skipped: (1..top)
            .filter(|&i| !m[i])
            .map(|i| LADDER[i].number)
            .collect(),
    }
}
