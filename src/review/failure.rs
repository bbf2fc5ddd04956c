//! Failure semantics as data: what redundancy each kind and property gives when one machine of
//! a component fails, and when the availability zone holding it fails (guide §3.6). One table,
//! [`TABLE`], read top to bottom; the first row that applies to a component decides. The
//! what-if analysis ([`super::whatif`]) reads nothing else about redundancy.

use crate::index::{Index, UNBOUNDED};
use crate::model::props::{Failover, Role};
use crate::model::{ContainerKind, NodeKind};

/// What losing one machine of a component does to the flows that use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// Redundancy inside the component takes over: flows work degraded, with this reason.
    Covered(&'static str),
    /// The fleet loses one instance; the survivors carry the load (`k` instances → `k − 1`).
    Fleet,
    /// The component is gone, but callers go around it (a cache to the store it backs, a
    /// replica to its siblings or primary): flows work degraded, with this reason.
    Bypassed(&'static str),
    /// The component is down until someone acts: flows that need it break, with this reason.
    Outage(&'static str),
}

/// Whether a component survives the loss of an availability zone that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneLoss {
    /// Runs across zones (or outside the design's zones) by construction.
    Survives,
    /// Survives as for the loss of one machine when it spans two or more zones
    /// ([`Index::zones`]); otherwise it is down with everything in the zone.
    IfSpread,
}

/// One row of the failure semantics.
pub struct Entry {
    /// Short stable name (`provider_redundant`), used in messages and tests.
    pub name: &'static str,
    /// What the row says, in one sentence.
    pub what: &'static str,
    /// Whether the row applies to node `n`.
    pub applies: fn(&Index<'_>, usize) -> bool,
    /// Losing one machine of the component.
    pub loss: Loss,
    /// Losing a zone that holds it.
    pub zone: ZoneLoss,
    /// Whether it holds messages while its consumers are down (queues and streams).
    pub buffers: bool,
    /// Guide section.
    pub guide: &'static str,
}

/// The failure semantics, first match wins.
pub const TABLE: &[Entry] = &[
    Entry {
        name: "client",
        what: "a client is the user's own device: one failing takes nothing from the others",
        applies: |ix, n| ix.node(n).kind == NodeKind::Client,
        loss: Loss::Covered("other users' devices are unaffected"),
        zone: ZoneLoss::Survives,
        buffers: false,
        guide: "1.1",
    },
    Entry {
        name: "provider_redundant",
        what: "a managed service the provider runs across zones fails over inside itself",
        applies: |ix, n| ix.node(n).props.provider_redundant == Some(true),
        loss: Loss::Covered("the provider fails over inside the managed service"),
        zone: ZoneLoss::Survives,
        buffers: true,
        guide: "3.6",
    },
    Entry {
        name: "edge_service",
        what: "DNS, CDNs, object storage, key management and third parties are distributed \
               services the design does not run; it cannot see inside them",
        applies: |ix, n| {
            matches!(
                ix.node(n).kind,
                NodeKind::Dns
                    | NodeKind::Cdn
                    | NodeKind::ObjectStorage
                    | NodeKind::Kms
                    | NodeKind::ExternalService
            )
        },
        loss: Loss::Covered("a provider's distributed service serves from its other machines"),
        zone: ZoneLoss::Survives,
        buffers: false,
        guide: "2.4",
    },
    Entry {
        name: "nat_gateway",
        what: "a managed NAT gateway is redundant inside its zone but goes with the zone",
        applies: |ix, n| ix.node(n).kind == NodeKind::NatGateway,
        loss: Loss::Covered("the NAT gateway is redundant inside its zone"),
        zone: ZoneLoss::IfSpread,
        buffers: false,
        guide: "2.9",
    },
    Entry {
        name: "standby_automatic",
        what: "a database with a standby and automatic failover promotes the standby",
        applies: |ix, n| {
            is_primary(ix, n)
                && ix.has_standby(n)
                && ix.node(n).props.failover != Some(Failover::Manual)
        },
        loss: Loss::Covered("its standby is promoted automatically (about a minute)"),
        zone: ZoneLoss::IfSpread,
        buffers: false,
        guide: "3.6",
    },
    Entry {
        name: "standby_manual",
        what: "a database whose standby needs manual failover is down until someone promotes it",
        applies: |ix, n| is_primary(ix, n) && ix.has_standby(n),
        loss: Loss::Outage("its standby must be promoted by hand (failover is manual)"),
        zone: ZoneLoss::IfSpread,
        buffers: false,
        guide: "3.6",
    },
    Entry {
        name: "promotable_replica",
        what: "a database with automatic failover and a promotable read replica promotes it",
        applies: |ix, n| {
            is_primary(ix, n)
                && ix.node(n).props.failover == Some(Failover::Automatic)
                && ix
                    .replicas_of(n)
                    .iter()
                    .any(|&r| ix.node(r).props.promotable == Some(true))
        },
        loss: Loss::Covered("a promotable read replica becomes the primary"),
        zone: ZoneLoss::IfSpread,
        buffers: false,
        guide: "3.10",
    },
    Entry {
        name: "replication_factor",
        what: "a store with three or more copies of its data keeps serving from the others",
        applies: |ix, n| {
            ix.node(n).kind.is_store()
                && ix.node(n).props.replication_factor.is_some_and(|r| r >= 3)
        },
        loss: Loss::Covered("the other copies of its data serve (replication factor 3 or more)"),
        zone: ZoneLoss::IfSpread,
        buffers: true,
        guide: "3.6",
    },
    Entry {
        name: "fleet",
        what: "a fleet of two or more instances loses one; the survivors carry its load",
        applies: |ix, n| {
            let r = ix.redundancy(n);
            r != UNBOUNDED && r >= 2
        },
        loss: Loss::Fleet,
        zone: ZoneLoss::IfSpread,
        buffers: true,
        guide: "3.6",
    },
    Entry {
        name: "cache_in_front",
        what: "a single cache (one that backs a store, or whose role is cache): reads go to \
               the source of the data, slower",
        applies: |ix, n| {
            let node = ix.node(n);
            node.kind == NodeKind::Cache
                && (node.props.backs.as_ref().is_some_and(|b| !b.is_empty())
                    || node.props.role == Some(Role::Cache))
        },
        loss: Loss::Bypassed("reads go to the source of the data it caches"),
        zone: ZoneLoss::IfSpread,
        buffers: false,
        guide: "2.6",
    },
    Entry {
        name: "read_replica",
        what: "a single read replica: its reads move to its sibling replicas or the primary",
        applies: |ix, n| {
            let node = ix.node(n);
            node.kind == NodeKind::ReadReplica || node.props.role == Some(Role::Replica)
        },
        loss: Loss::Bypassed("its reads move to the other replicas or the primary"),
        zone: ZoneLoss::IfSpread,
        buffers: false,
        guide: "3.10",
    },
    Entry {
        name: "single_database",
        what: "a database with no standby and no copies is down, with the writes since its \
               last backup at risk",
        applies: |ix, n| ix.node(n).kind.is_database(),
        loss: Loss::Outage("it has no standby to take over"),
        zone: ZoneLoss::IfSpread,
        buffers: false,
        guide: "3.6",
    },
    Entry {
        name: "single_broker",
        what: "a single self-hosted queue or stream broker is down, and so is every message \
               that was only in it",
        applies: |ix, n| ix.node(n).kind.is_messaging(),
        loss: Loss::Outage("it runs on a single broker"),
        zone: ZoneLoss::IfSpread,
        buffers: true,
        guide: "2.8",
    },
    Entry {
        name: "single_instance",
        what: "anything else with one instance is down",
        applies: |_, _| true,
        loss: Loss::Outage("it runs a single instance"),
        zone: ZoneLoss::IfSpread,
        buffers: false,
        guide: "3.6",
    },
];

fn is_primary(ix: &Index<'_>, n: usize) -> bool {
    let node = ix.node(n);
    matches!(
        node.kind,
        NodeKind::SqlDb | NodeKind::NosqlDb | NodeKind::Shard
    ) && matches!(node.props.role, None | Some(Role::Primary))
}

/// The row that decides for node `n`.
pub fn entry(ix: &Index<'_>, n: usize) -> &'static Entry {
    TABLE
        .iter()
        .find(|e| (e.applies)(ix, n))
        .unwrap_or(&TABLE[TABLE.len() - 1])
}

/// Instances of node `n`'s fleet that a zone failure takes, out of how many: with `k`
/// instances over `z` zones, `ceil(k / z)` of them (the zone's share).
pub fn zone_share(ix: &Index<'_>, n: usize) -> (u32, u32) {
    let k = ix.redundancy(n).max(1);
    let z = ix.zones(n).max(1);
    (k.div_ceil(z).min(k), k)
}

/// Whether container kind `kind` fails as a zone (an availability zone or a subnet inside
/// one) rather than as a whole region or network.
pub fn fails_as_zone(kind: ContainerKind) -> bool {
    matches!(
        kind,
        ContainerKind::AvailabilityZone
            | ContainerKind::PublicSubnet
            | ContainerKind::PrivateSubnet
    )
}
