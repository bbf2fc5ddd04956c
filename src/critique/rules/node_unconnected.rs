//! R82 `NODE-UNCONNECTED`: components with no connection at all.

use crate::critique::{Context, Finding, quoted_list};
use crate::model::NodeKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags components that no edge touches. A design with two or more nodes and no edge at
    /// all gives one design-wide finding; otherwise one finding lists every unconnected
    /// component. In a design with no edge at all, the other findings that point only at
    /// components are dropped from the report: no box has a role to judge yet, and connecting
    /// them is what the reviewer asks first. Key stores (`kms`) and NAT gateways are exempt:
    /// they are infrastructure, usually drawn beside what uses them rather than wired up.
    ///
    /// ## Why it matters
    /// Guide §1.1 (the client-server model) and Part 2: a system design is about how requests
    /// and data flow between the building blocks. A box with no arrow says nothing about who
    /// calls it, what it depends on or what happens when it fails, so no review (and no rule)
    /// can judge it. It is also often a leftover: a component that was replaced but not
    /// removed.
    ///
    /// ## Example
    /// Bad: `batch_job:legacy_cron` drawn inside the private subnet with no edge.
    ///
    /// Good: `legacy_cron -read-> sql_db:orders` and `legacy_cron -write->
    /// object_storage:exports`, or the box removed.
    ///
    /// ## How to fix
    /// Draw how each component is reached and what it calls (sync, async, read, write), or
    /// remove it from the design.
    pub NodeUnconnected {
        id: "NODE-UNCONNECTED",
        number: "R82",
        title: "a component is connected to nothing",
        category: "B. Compute & API front door",
        severity: Warning,
        scope: Shape,
        guide: "1.1",
        fix: "draw how each component is reached and what it calls, or remove it",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let design = cx.design;
    let ix = cx.index;
    let components = design
        .nodes
        .iter()
        .filter(|n| !matches!(n.kind, NodeKind::Kms | NodeKind::NatGateway))
        .count();
    if components >= 2 && design.edges.is_empty() {
        out.push(Finding::new(
            &NodeUnconnected::META,
            format!("the design has {components} components and no connection between them"),
        ));
        return;
    }
    let lonely: Vec<usize> = (0..design.nodes.len())
        .filter(|&n| {
            !matches!(ix.node(n).kind, NodeKind::Kms | NodeKind::NatGateway)
                && ix.in_edges(n).is_empty()
                && ix.out_edges(n).is_empty()
        })
        .collect();
    if lonely.is_empty() || lonely.len() >= components {
        return;
    }
    let names = quoted_list(lonely.iter().map(|&n| &ix.node(n).id));
    let what = if lonely.len() == 1 {
        format!("{names} is connected to nothing")
    } else {
        format!("{names} are connected to nothing")
    };
    let mut f = Finding::new(&NodeUnconnected::META, what);
    for n in lonely {
        f = f.node(&ix.node(n).id);
    }
    out.push(f);
}
