//! The critique engine: rules that review a design against the system design guide and report
//! findings with the guide section and a fix.

pub mod cli;
pub mod output;
pub mod profile;
pub mod rules;
pub mod sarif;

pub use profile::Profile;

use crate::capacity::Estimate;
use crate::model::{
    Design, Edge, EdgeId, Index, Node, NodeId, NodeKind, ResolvedThresholds, ReviewLevel,
    Suppression,
};
use serde::Serialize;

/// How serious a finding is (rules-catalogue §2, "Severity meaning").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A correctness, security or availability defect.
    Error,
    /// Will hurt at the stated scale or under failure.
    Warning,
    /// A trade-off to think about.
    Info,
}

impl Severity {
    /// Lowercase name (`error`).
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Whether a rule judges the shape of a design or a detail decided later (see
/// [`ReviewLevel`]): `sketch` reviews run only shape rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Missing cache, single point of failure, database in a public subnet…
    Shape,
    /// Timeouts, retry policies, TLS on internal edges, token lifetimes…
    Detail,
}

/// Static description of a rule: id, title, severity, guide section and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, e.g. `SPOF-DB`.
    pub id: &'static str,
    /// Catalogue number, e.g. `R35`.
    pub number: &'static str,
    /// One-line title in lowercase (`a primary database has no standby`).
    pub title: &'static str,
    /// Catalogue group letter and topic (`J. Fault tolerance`).
    pub category: &'static str,
    pub severity: Severity,
    pub scope: Scope,
    /// Guide section(s) the rule rests on, e.g. `3.6`.
    pub guide_section: &'static str,
    /// What to change, in one or two sentences.
    pub fix: &'static str,
    /// Markdown documentation with the headings What it does / Why it matters / Example /
    /// How to fix. Printed by `archway explain`.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown: the `///` text with the one leading space of each line
    /// removed. This is what `archway explain` prints and the app shows.
    pub fn doc_markdown(&self) -> String {
        let mut s = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            s.push_str(line.strip_prefix(' ').unwrap_or(line));
            s.push('\n');
        }
        s.trim_end().to_owned()
    }
}

/// One rule of the catalogue.
pub trait Rule: Sync {
    /// The rule's description.
    fn meta(&self) -> &'static RuleMeta;
    /// Appends a finding for every place in the design that breaks the rule.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Everything a rule may read.
pub struct Context<'a> {
    pub design: &'a Design,
    pub index: &'a Index<'a>,
    pub thresholds: ResolvedThresholds,
    pub estimate: &'a Estimate,
}

/// One problem found in a design.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// One line naming the components involved: lowercase start, no trailing period.
    pub message: String,
    pub nodes: Vec<NodeId>,
    pub edges: Vec<EdgeId>,
    pub fix: &'static str,
    pub guide_section: &'static str,
    /// The reason from the design's suppression, when the finding is accepted.
    pub suppressed: Option<String>,
}

impl Finding {
    /// A finding of `meta`'s rule with its severity, fix and guide section.
    pub fn new(meta: &'static RuleMeta, message: impl Into<String>) -> Self {
        Self {
            rule: meta.id,
            severity: meta.severity,
            message: message.into(),
            nodes: Vec::new(),
            edges: Vec::new(),
            fix: meta.fix,
            guide_section: meta.guide_section,
            suppressed: None,
        }
    }

    /// Adds a node the finding points at.
    pub fn node(mut self, id: &NodeId) -> Self {
        self.nodes.push(id.clone());
        self
    }

    /// Adds an edge the finding points at.
    pub fn edge(mut self, id: &EdgeId) -> Self {
        self.edges.push(id.clone());
        self
    }
}

/// The result of a review: findings in a deterministic, ranked order (see [`rank`]), and the
/// design's profile on the guide's scaling ladder.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Which stage of the scaling ladder (guide §3.10) the design has reached. Information,
    /// not a finding.
    pub profile: Profile,
}

impl Report {
    /// Findings that are not suppressed, in report order.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }

    /// Number of active findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.active().filter(|f| f.severity == severity).count()
    }

    /// Findings the design accepts with a suppression (listed, not counted as active).
    pub fn suppressed_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_some())
    }

    /// Number of suppressed findings.
    pub fn suppressed(&self) -> usize {
        self.suppressed_findings().count()
    }
}

/// Joins names as a message list: `` `a`, `b`, `c` ``.
pub fn quoted_list<T: std::fmt::Display>(names: impl IntoIterator<Item = T>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reviews a design at its own review level.
pub fn review(design: &Design) -> Report {
    review_at(design, design.review_level)
}

/// Reviews a design at `level`, computing the index and the capacity estimate.
pub fn review_at(design: &Design, level: ReviewLevel) -> Report {
    let index = Index::new(design);
    let estimate = crate::capacity::estimate(design, &index);
    review_with(design, &index, &estimate, level)
}

/// Reviews a design with an index and estimate the caller already has.
pub fn review_with(
    design: &Design,
    index: &Index<'_>,
    estimate: &Estimate,
    level: ReviewLevel,
) -> Report {
    let cx = Context {
        design,
        index,
        thresholds: design.workload.thresholds.resolved(),
        estimate,
    };
    let mut findings = Vec::new();
    for rule in rules::all() {
        let meta = rule.meta();
        if level == ReviewLevel::Sketch && meta.scope == Scope::Detail {
            continue;
        }
        rule.check(&cx, &mut findings);
    }
    apply_suppressions(design, &mut findings);
    rank(&mut findings, index);
    Report {
        findings,
        profile: profile::profile(design, index),
    }
}

/// Marks each finding that a valid suppression of the design covers: same rule, and either no
/// target or a target among the finding's nodes or edges. A suppression with an empty reason
/// covers nothing (SUPPRESSION-INVALID reports it), and findings of SUPPRESSION-INVALID itself
/// are never suppressed. The first matching suppression in file order gives the reason.
pub fn apply_suppressions(design: &Design, findings: &mut [Finding]) {
    let valid: Vec<&Suppression> = design
        .suppressions
        .iter()
        .filter(|s| !s.reason.trim().is_empty())
        .collect();
    if valid.is_empty() {
        return;
    }
    for f in findings.iter_mut() {
        if f.rule == rules::SUPPRESSION_INVALID {
            continue;
        }
        let covering = valid.iter().find(|s| {
            s.rule == f.rule
                && s.target.as_deref().is_none_or(|t| {
                    f.nodes.iter().any(|n| n.as_str() == t)
                        || f.edges.iter().any(|e| e.as_str() == t)
                })
        });
        if let Some(s) = covering {
            f.suppressed = Some(s.reason.trim().to_owned());
        }
    }
}

/// How close a finding is to the user: the smallest user-path depth over its nodes (and the
/// endpoints of its edges); `u32::MAX` when none of them is on the user path.
fn centrality(f: &Finding, index: &Index<'_>) -> u32 {
    let edge_ends = f
        .edges
        .iter()
        .filter_map(|e| index.edge_index(e.as_str()))
        .flat_map(|e| [index.source(e), index.target(e)]);
    f.nodes
        .iter()
        .filter_map(|n| index.node_index(n.as_str()))
        .chain(edge_ends.flatten())
        .filter_map(|n| index.user_path_depth(n))
        .min()
        .unwrap_or(u32::MAX)
}

/// Sorts findings into review order: active before suppressed, then severity, then centrality
/// (closest to the user first, components off the user path last), then rule id, then the ids
/// pointed at and the message, so the order is fully deterministic.
pub fn rank(findings: &mut [Finding], index: &Index<'_>) {
    let mut keyed: Vec<(u32, usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (centrality(f, index), i))
        .collect();
    keyed.sort_unstable_by(|&(ca, a), &(cb, b)| {
        let (fa, fb) = (&findings[a], &findings[b]);
        (
            fa.suppressed.is_some(),
            fa.severity,
            ca,
            fa.rule,
            &fa.nodes,
            &fa.edges,
            &fa.message,
        )
            .cmp(&(
                fb.suppressed.is_some(),
                fb.severity,
                cb,
                fb.rule,
                &fb.nodes,
                &fb.edges,
                &fb.message,
            ))
    });
    let mut order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    permute_in_place(findings, &mut order);
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`, by swapping along the
/// permutation's cycles: no clones, each element moves once. `order` is consumed (marked).
fn permute_in_place<T>(items: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        if order[start] == DONE {
            continue;
        }
        let mut cur = start;
        loop {
            let next = order[cur];
            order[cur] = DONE;
            if next == start || next == DONE {
                break;
            }
            items.swap(cur, next);
            cur = next;
        }
    }
}

/// The kind's display name as it reads inside a sentence: `load balancer`, but `API gateway`
/// and `WebSocket server` keep their capitals.
pub fn kind_name(kind: NodeKind) -> String {
    let name = crate::model::catalog::node_info(kind).name;
    let first_word = name.split(' ').next().unwrap_or_default();
    if first_word.chars().skip(1).any(|c| c.is_uppercase()) {
        name.to_owned()
    } else {
        let mut chars = name.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

/// Names a node for a finding message: its kind and id, plus its label when it has its own
/// (``load balancer `alb` (Public ALB)``).
pub fn describe(node: &Node) -> String {
    if node.label.is_empty() || node.label == node.id.as_str() {
        format!("{} `{}`", kind_name(node.kind), node.id)
    } else {
        format!("{} `{}` ({})", kind_name(node.kind), node.id, node.label)
    }
}

/// Names an edge for a finding message by its ends: `` `web` → `api` ``.
pub fn describe_edge(edge: &Edge) -> String {
    format!("`{}` → `{}`", edge.from, edge.to)
}

/// Declares a rule: a unit struct, its [`RuleMeta`] (documentation taken from the `///`
/// comment, which must have the headings What it does / Why it matters / Example / How to fix),
/// and the [`Rule`] impl calling the given check function.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub SpofDb {
///         id: "SPOF-DB", number: "R35", title: "a primary database has no standby",
///         category: "J. Fault tolerance", severity: Error, scope: Shape, guide: "3.6",
///         fix: "add a standby in another availability zone",
///         check: check,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $name:ident {
            id: $id:literal,
            number: $number:literal,
            title: $title:literal,
            category: $category:literal,
            severity: $severity:ident,
            scope: $scope:ident,
            guide: $guide:literal,
            fix: $fix:literal,
            check: $check:path $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            /// This rule's description.
            pub const META: $crate::critique::RuleMeta = $crate::critique::RuleMeta {
                id: $id,
                number: $number,
                title: $title,
                category: $category,
                severity: $crate::critique::Severity::$severity,
                scope: $crate::critique::Scope::$scope,
                guide_section: $guide,
                fix: $fix,
                doc: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::critique::Rule for $name {
            fn meta(&self) -> &'static $crate::critique::RuleMeta {
                static META: $crate::critique::RuleMeta = $name::META;
                &META
            }
            fn check(
                &self,
                cx: &$crate::critique::Context<'_>,
                out: &mut Vec<$crate::critique::Finding>,
            ) {
                $check(cx, out)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::permute_in_place;

    #[test]
    fn permutation_places_each_source_at_its_slot() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        let mut order = vec![3, 0, 4, 1, 2];
        permute_in_place(&mut items, &mut order);
        assert_eq!(items, vec!['d', 'a', 'e', 'b', 'c']);
        let mut same = vec![1, 2, 3];
        permute_in_place(&mut same, &mut [0, 1, 2]);
        assert_eq!(same, vec![1, 2, 3]);
    }
}
