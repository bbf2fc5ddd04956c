//! R77 `DR-SINGLE-REGION`: a production design that lives in one region with no recovery site.

use crate::critique::{Context, Finding, Severity};
use crate::model::props::Environment;
use crate::model::{ContainerKind, ReviewLevel};

crate::declare_rule! {
    /// ## What it does
    /// Flags a design that shows where it is deployed (it draws containers) and whose
    /// components sit in fewer than two regions (counting `region` containers that hold a node;
    /// a design that draws a VPC or data centre but no region runs in one place) and that has
    /// no copy of its data elsewhere (no node outside the single region that a replication edge
    /// feeds). One design-wide finding.
    ///
    /// It is a warning when the workload is `production` and its availability target is unset
    /// or at least 99.95 %. A design reviewed at the `sketch` level (its `review_level`, or
    /// `archway check --level sketch`) gets it as information
    /// otherwise; a production design that states a lower target (99.9 % allows almost nine
    /// hours of downtime a year) has accepted restoring from backups and is not flagged.
    ///
    /// ## Why it matters
    /// Guide §3.6 (redundancy) and §3.10 (multi-region): availability zones protect against a
    /// data centre failing, not against a whole region going down, a bad deployment of the
    /// region's control plane or a deleted account. Without a second region, or at least
    /// backups restored and tested elsewhere, such an outage means hours or days offline and
    /// possibly lost data.
    ///
    /// ## Example
    /// Bad: everything inside `region:eu-west-1`, workload `environment=production`.
    ///
    /// Good: a second `region` with a replica of the database (`replication` edge) and DNS
    /// failover, or a stated backup-and-restore plan in the notes with a suppression.
    ///
    /// ## How to fix
    /// Decide the recovery objectives (RPO/RTO). For minutes, run a warm standby in a second
    /// region with cross-region replication and DNS failover; for hours, copy backups to
    /// another region and rehearse the restore. Record an accepted risk as a suppression.
    pub DrSingleRegion {
        id: "DR-SINGLE-REGION",
        number: "R77",
        title: "a production design runs in one region with no disaster recovery",
        category: "J. Fault tolerance",
        severity: Warning,
        scope: Shape,
        guide: "3.6",
        fix: "decide RPO/RTO; run a warm standby in a second region with cross-region replication and DNS failover, or copy backups to another region and rehearse the restore",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let design = cx.design;
    let ix = cx.index;
    // A design that draws no container at all (a C4 container view, a logical sketch) does
    // not show where it is deployed: nothing to judge.
    if design.nodes.is_empty() || design.edges.is_empty() || design.containers.is_empty() {
        return;
    }
    // The one region the nodes are drawn in, if any; a second one ends the check.
    let mut drawn: Option<usize> = None;
    for n in 0..design.nodes.len() {
        match (ix.region_of(n), drawn) {
            (Some(r), None) => drawn = Some(r),
            (Some(r), Some(first)) if r != first => return,
            _ => {}
        }
    }
    // A copy of data outside the one drawn region counts as a recovery site.
    if let Some(region) = drawn {
        let copied_out = design.edges.iter().enumerate().any(|(e, edge)| {
            edge.kind == crate::model::EdgeKind::Replication
                && ix
                    .target(e)
                    .is_some_and(|t| ix.region_of(t) != Some(region) && ix.node(t).kind.is_store())
        });
        if copied_out {
            return;
        }
    }
    let w = &design.workload;
    let production = w.environment == Some(Environment::Production);
    let strict = production && w.availability_target_pct.is_none_or(|a| a >= 99.95);
    // A stated target below 99.95 % accepts restoring from backups after a regional outage
    // (99.9 % allows almost nine hours a year); a sketch still gets the reminder.
    if !strict && cx.level != ReviewLevel::Sketch {
        return;
    }
    let place = match drawn {
        Some(r) => {
            let c = &design.containers[r];
            debug_assert_eq!(c.kind, ContainerKind::Region);
            if c.label.is_empty() {
                format!("region `{}`", c.id)
            } else {
                format!("region `{}` ({})", c.id, c.label)
            }
        }
        None => "one place (no region is drawn)".to_owned(),
    };
    let mut f = Finding::new(
        &DrSingleRegion::META,
        format!("everything runs in {place} with no copy of the data in another region"),
    );
    if !strict {
        f.severity = Severity::Info;
    }
    out.push(f);
}
