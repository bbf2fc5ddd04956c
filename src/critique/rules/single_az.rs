//! R37 SINGLE-AZ: a whole critical tier sits in one availability zone.

use crate::critique::FastSet;
use crate::critique::{Context, Finding};
use crate::model::props::{Environment, Role};
use crate::model::{ContainerKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// When the design is for production (`workload.environment = production`, or
    /// `workload.availability_target_pct ≥ 99.9`), flags each fleet on the user path whose
    /// `zones` is 1: a self-hosted load balancer, app or WebSocket servers, a cache, or a
    /// database primary together with the standbys it replicates to. One finding per fleet.
    ///
    /// A fleet spans several zones when its nodes are drawn in different
    /// `availability_zone` containers, when `az_count` says so, or when it is
    /// `provider_redundant`. A design without availability-zone containers therefore needs
    /// `az_count` on the fleets that span zones. A design that neither draws a zone nor states
    /// an `az_count` anywhere says nothing about zones and is not judged. The fleets found are
    /// reported together in one finding (one decision: spread the design over zones). A
    /// fleet of one copy (a database with no standby, a cache with no replica) is left to
    /// SPOF-DB and SPOF-SINGLE-INSTANCE, whose fix already puts the copy in another zone.
    ///
    /// ## Why it matters
    /// Guide §3.6 (hardware failures, multi-AZ deployment) and Part 7 (SLA): an availability
    /// zone is one physical data centre, and data centres do lose power, cooling or network as
    /// a whole. Three servers in the same zone are redundant against a dead disk but not against
    /// that, and a database whose standby sits next to it fails over to a machine that is down
    /// too. A 99.9 % target allows under nine hours of downtime a year, less than one bad
    /// zone outage.
    ///
    /// ## Example
    /// Bad: `[vpc/az-a/private_subnet] app_server:api{instances=3}, sql_db:main,
    /// sql_db:main_standby{role=standby}`.
    ///
    /// Good: `[vpc/az-a/private_subnet] app_server:api_a{fleet=api, instances=2}, main` and
    /// `[vpc/az-b/private_subnet] app_server:api_b{fleet=api, instances=2}, main_standby`; or one
    /// node `app_server:api{instances=4, az_count=2}`.
    ///
    /// ## How to fix
    /// Spread every fleet across at least two availability zones, and put the standby in a
    /// different zone from the primary.
    pub SingleAz {
        id: "SINGLE-AZ",
        number: "R37",
        title: "a whole critical tier sits in one availability zone",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Shape,
        guide: "3.6",
        fix: "spread every fleet across at least two availability zones (az_count or one node per zone) and put the standby in another zone than the primary",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let workload = &cx.design.workload;
    let production = workload.environment == Some(Environment::Production)
        || workload.availability_target_pct.is_some_and(|a| a >= 99.9);
    if !production {
        return;
    }
    let ix = cx.index;
    let zones_drawn = cx
        .design
        .containers
        .iter()
        .any(|c| c.kind == ContainerKind::AvailabilityZone);
    let zones_stated = zones_drawn || cx.design.nodes.iter().any(|n| n.props.az_count.is_some());
    if !zones_stated {
        // The design says nothing about zones either way: nothing to judge (guide §3.6 asks
        // for multi-AZ; DR-SINGLE-REGION and the redundancy rules still speak).
        return;
    }
    let mut seen: FastSet<&str> = FastSet::default();
    let mut found: Vec<(String, Finding)> = Vec::new();
    for (n, node) in cx.design.nodes.iter().enumerate() {
        if !ix.on_user_path(n) {
            continue;
        }
        let p = &node.props;
        let what = match node.kind {
            NodeKind::LoadBalancer if p.managed != Some(true) => "load balancer",
            NodeKind::AppServer => "app server",
            NodeKind::WebsocketServer => "websocket server",
            NodeKind::Cache => "cache",
            NodeKind::SqlDb | NodeKind::NosqlDb | NodeKind::Shard
                if matches!(p.role, None | Some(Role::Primary)) =>
            {
                "database"
            }
            _ => continue,
        };
        let fleet_id = p.fleet.as_deref().unwrap_or(node.id.as_str());
        if !seen.insert(fleet_id) || ix.zones(n) != 1 {
            continue;
        }
        // A single copy is SPOF-DB's or SPOF-SINGLE-INSTANCE's finding (their fix puts the
        // second copy in another zone); this rule speaks about copies that share a zone.
        let single_copy = ix.redundancy(n) < 2 && !(node.kind.is_database() && ix.has_standby(n));
        if single_copy {
            continue;
        }
        let fleet = ix.fleet(n);
        let name = if fleet.len() > 1 {
            format!("{what} fleet `{fleet_id}`")
        } else {
            format!("{what} `{}`", node.id)
        };
        let mut f = Finding::new(
            &SingleAz::META,
            format!("{name} sits in a single availability zone"),
        );
        for &m in fleet {
            f = f.node(&ix.node(m).id);
        }
        if node.kind.is_database() {
            for s in ix.standbys_of(n) {
                f = f.node(&ix.node(s).id);
            }
        }
        found.push((name, f));
    }
    // Where the fleets sit is one decision (spread the design over zones): one finding.
    if found.len() < 2 {
        out.extend(found.into_iter().map(|(_, f)| f));
        return;
    }
    let names: Vec<String> = found.iter().map(|(n, _)| n.clone()).collect();
    let mut merged = Finding::new(
        &SingleAz::META,
        format!(
            "{} each sit in a single availability zone",
            names.join(", ")
        ),
    );
    for (_, f) in found {
        merged.nodes.extend(f.nodes);
    }
    out.push(merged);
}
