//! `SUPPRESSION-INVALID` (built into the engine, not a guide rule): a suppression in the design
//! file that cannot be honoured.

use crate::critique::{Context, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Checks every entry of the design's `suppressions` list. An entry is reported when its
    /// `reason` is empty, when its `rule` names no rule Archway knows (see `archway rules`), or
    /// when its `target` is neither a node id nor an edge id of the design. Such an entry
    /// suppresses nothing. This rule is built into the engine; its own findings cannot be
    /// suppressed.
    ///
    /// ## Why it matters
    /// A suppression says "we saw this finding and accept it, because…". The guide treats every
    /// design choice as a trade-off to be stated, not hidden: a real system evolves one stage at
    /// a time and each stage is chosen on purpose (guide §3.10, "see one stage ahead"). An
    /// accepted finding without its reason is a decision nobody can review later, and a
    /// suppression that names a misspelt rule or a deleted node silently stops doing anything.
    ///
    /// ## Example
    /// Bad: `suppressions: [(rule: "SPOF-LB", target: "nginx", reason: "")]`, or
    /// `(rule: "SPOF-L8", reason: "…")`, or a `target` naming a node that was renamed.
    ///
    /// Good: `suppressions: [(rule: "SPOF-LB", target: "nginx", reason: "internal tool; an
    /// hour of downtime is acceptable")]`.
    ///
    /// ## How to fix
    /// Give every suppression a reason, spell the rule id as `archway rules` lists it, and point
    /// `target` at an existing node or edge id (or leave it out to accept the rule design-wide).
    pub SuppressionInvalid {
        id: "SUPPRESSION-INVALID",
        number: "S01",
        title: "a suppression has no reason, or names an unknown rule or component",
        category: "Engine. Suppressions",
        severity: Warning,
        scope: Shape,
        guide: "3.10",
        fix: "give every suppression a reason, use a rule id from `archway rules`, and point `target` at an existing node or edge id",
        check: check,
    }
}

/// The id of this built-in rule (its findings are never suppressed).
pub const ID: &str = "SUPPRESSION-INVALID";

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for s in &cx.design.suppressions {
        let known_rule = cx.rules.iter().any(|r| r.meta().id == s.rule);
        let mut problems = Vec::new();
        if !known_rule {
            problems.push("names a rule Archway does not know".to_owned());
        }
        let node = s.target.as_deref().and_then(|t| ix.node_index(t));
        let edge = s.target.as_deref().and_then(|t| ix.edge_index(t));
        if let Some(t) = &s.target
            && node.is_none()
            && edge.is_none()
        {
            problems.push(format!(
                "targets `{t}`, which is not a node or edge of the design"
            ));
        }
        if s.reason.trim().is_empty() {
            problems.push("has no reason".to_owned());
        }
        if problems.is_empty() {
            continue;
        }
        let what = match &s.target {
            Some(t) => format!("suppression of `{}` on `{t}`", s.rule),
            None => format!("suppression of `{}`", s.rule),
        };
        let mut finding = Finding::new(
            &SuppressionInvalid::META,
            format!(
                "{what} {}, so it suppresses nothing",
                problems.join(" and ")
            ),
        );
        if let Some(n) = node {
            finding = finding.node(&ix.node(n).id);
        }
        if let Some(e) = edge {
            finding = finding.edge(&ix.edge(e).id);
        }
        out.push(finding);
    }
}
