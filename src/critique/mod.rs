//! The critique engine: rules that review a design against the system design guide and report
//! findings with the guide section and a fix.

pub mod cli;
pub mod rules;

use crate::capacity::Estimate;
use crate::model::{Design, EdgeId, Index, NodeId, ResolvedThresholds, ReviewLevel};
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

/// The result of a review: findings in a deterministic, ranked order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    /// Findings of one severity that are not suppressed.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_none())
    }

    /// Number of active findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.active().filter(|f| f.severity == severity).count()
    }
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
    findings.sort_by(|a, b| {
        (a.severity, a.rule, &a.nodes, &a.edges, &a.message)
            .cmp(&(b.severity, b.rule, &b.nodes, &b.edges, &b.message))
    });
    Report { findings }
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
