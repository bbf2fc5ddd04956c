//! R65 `SAGA-NO-COMPENSATION`: a cross-service business transaction that cannot be undone.

use crate::critique::FastMap;
use crate::critique::{Context, Finding};
use crate::model::EdgeKind;

crate::declare_rule! {
    /// ## What it does
    /// Groups edges by their `workflow` id. When a workflow's edges reach responders of two or
    /// more services (a compute responder's `service`, or the `service` owning a store), each
    /// step edge without a `compensation` is named in one finding for the workflow.
    ///
    /// `read` edges change nothing and need no compensation, so they count towards the
    /// services involved but are never reported as missing one.
    ///
    /// ## Why it matters
    /// Guide §7 (Saga pattern; Saga vs 2PC): once a business transaction spans services there is
    /// no shared database transaction to roll back. If the charge succeeds and shipping fails,
    /// something must refund the charge and release the stock, or customers pay for orders that
    /// never ship. A saga gives every step an undo and runs them in reverse on failure, without
    /// the locks and the single coordinator of two-phase commit.
    ///
    /// ## Example
    /// Bad: `orders -sync_request/HTTPS-> inventory {workflow="checkout", step=1}`,
    /// `orders -> payments {workflow="checkout", step=2}`, `orders -> shipping
    /// {workflow="checkout", step=3}`, none with a compensation.
    ///
    /// Good: the same edges with `compensation="release stock"`, `compensation="refund"` and
    /// `compensation="cancel shipment"`.
    ///
    /// ## How to fix
    /// Give every step a compensating action and run the compensations in reverse order on
    /// failure. Use two-phase commit only where cross-service atomicity is truly required.
    pub SagaNoCompensation {
        id: "SAGA-NO-COMPENSATION",
        number: "R65",
        title: "a cross-service business transaction cannot be undone",
        category: "N. Distributed-systems patterns",
        severity: Warning,
        scope: Detail,
        guide: "7, Saga Pattern",
        fix: "give every step a compensating action and run the compensations in reverse order on failure",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    // Workflows in order of first appearance, each with its edges.
    let mut order: Vec<&str> = Vec::new();
    let mut steps: FastMap<&str, Vec<usize>> = FastMap::default();
    for (ei, e) in cx.design.edges.iter().enumerate() {
        let Some(w) = e.props.workflow.as_deref() else {
            continue;
        };
        steps
            .entry(w)
            .or_insert_with(|| {
                order.push(w);
                Vec::new()
            })
            .push(ei);
    }
    for w in order {
        let edges = &steps[w];
        let responders: Vec<usize> = edges.iter().filter_map(|&ei| ix.responder(ei)).collect();
        let services = ix.services(&responders);
        if services.len() < 2 {
            continue;
        }
        let missing: Vec<usize> = edges
            .iter()
            .copied()
            .filter(|&ei| {
                let e = ix.edge(ei);
                e.kind != EdgeKind::Read
                    && e.props
                        .compensation
                        .as_deref()
                        .is_none_or(|c| c.trim().is_empty())
            })
            .collect();
        if missing.is_empty() {
            continue;
        }
        let steps_text = if missing.len() == 1 {
            "1 step has".to_owned()
        } else {
            format!("{} steps have", missing.len())
        };
        let mut f = Finding::new(
            &SagaNoCompensation::META,
            format!(
                "workflow `{w}` spans services {} but {steps_text} no compensation",
                crate::critique::quoted_list(&services)
            ),
        );
        for ei in missing {
            f = f.edge(&ix.edge(ei).id);
        }
        out.push(f);
    }
}
