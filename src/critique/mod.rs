//! The critique engine: rules that review a design against the system design guide and report
//! findings with the guide section and a fix.

mod analysis;
pub mod facts;
pub mod output;
pub mod profile;
pub mod rules;
pub mod sarif;

pub use analysis::{Analysis, apply_suppressions, rank, review, review_at, review_with};
pub use profile::Profile;

use crate::capacity::Estimate;
use crate::index::Index;
use crate::model::{Design, Edge, EdgeId, Node, NodeId, NodeKind, ResolvedThresholds};
use serde::Serialize;

/// A hash map for the rules' per-node and per-service tables: foldhash, seeded per process as
/// the index's id maps are, several times faster than the standard hasher on the short keys
/// a 10,000-node review hashes by the thousand.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set with the hasher of [`FastMap`].
pub type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// How serious a finding is.
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
/// [`crate::model::ReviewLevel`]): `sketch` reviews run only shape rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Missing cache, single point of failure, database in a public subnet…
    #[default]
    Shape,
    /// Timeouts, retry policies, TLS on internal edges, token lifetimes…
    Detail,
}

/// Static description of a rule: id, title, severity, guide section and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, e.g. `SPOF-DB`.
    pub id: &'static str,
    /// Rule number, e.g. `R35` (`archway explain` accepts it as well as the id).
    pub number: &'static str,
    /// One-line title in lowercase (`a primary database has no standby`).
    pub title: &'static str,
    /// Group letter and topic (`J. Fault tolerance`).
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

/// One rule: its description and its check.
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
    /// The level this review runs at (the file's own, or the one `--level` asked for).
    pub level: crate::model::ReviewLevel,
    /// Every rule of the registry, whatever the review level runs (a suppression may name any
    /// of them).
    pub rules: &'a [&'static dyn Rule],
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
    /// The scope of the rule that found it: detail findings (about what a diagram cannot
    /// show) rank below shape findings and are hidden at the sketch level.
    #[serde(skip)]
    pub scope: Scope,
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
            scope: meta.scope,
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

    /// Adds the nodes at `nodes` (indices into `ix`), in order.
    pub fn nodes_at(mut self, ix: &Index<'_>, nodes: &[usize]) -> Self {
        self.nodes
            .extend(nodes.iter().map(|&n| ix.node(n).id.clone()));
        self
    }

    /// Adds the edges at `edges` (indices into `ix`), in order.
    pub fn edges_at(mut self, ix: &Index<'_>, edges: &[usize]) -> Self {
        self.edges
            .extend(edges.iter().map(|&e| ix.edge(e).id.clone()));
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
    /// Detail findings the review level hid (a `sketch` review shows only shape findings and
    /// counts the others here).
    #[serde(skip_serializing_if = "is_zero")]
    pub hidden: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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

    /// Whether the design fails a check: an active error, or with `deny_warnings` an active
    /// warning (`archway check` exits with 1).
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) > 0 || (deny_warnings && self.count(Severity::Warning) > 0)
    }
}

/// Joins names as a message list: `` `a`, `b`, `c` ``.
pub fn quoted_list<T: std::fmt::Display>(names: impl IntoIterator<Item = T>) -> String {
    use std::fmt::Write;
    // One string written in place (rules build thousands of these on a large design).
    let mut list = String::new();
    for (i, name) in names.into_iter().enumerate() {
        if i > 0 {
            list.push_str(", ");
        }
        let _ = write!(list, "`{name}`");
    }
    list
}

/// Appends names as a message list, as [`quoted_list`] writes them (`` `a`, `b`, `c` ``), with
/// no formatting machinery: for rules that word thousands of findings on a large design.
pub fn push_quoted<'a>(out: &mut String, names: impl IntoIterator<Item = &'a str>) {
    for (i, name) in names.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(name);
        out.push('`');
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

/// Whether an edge is stated to carry plaintext: `HTTP`, or gRPC/WebSocket/TCP with `tls`
/// not set to true, or `tls=false`. An edge with neither a protocol nor `tls` states nothing,
/// and every rule treats it the same way: not known to be plaintext (the diagram does not
/// say), so no plaintext finding rests on it.
pub fn stated_plaintext(edge: &Edge) -> bool {
    use crate::model::Protocol;
    if edge.props.tls == Some(true) {
        return false;
    }
    match edge.protocol {
        Some(Protocol::Https | Protocol::Udp) => false,
        Some(Protocol::Http | Protocol::Grpc | Protocol::WebSocket | Protocol::Tcp) => true,
        None => edge.props.tls == Some(false),
    }
}

/// Edges that one decision covers, grouped by the component that makes the calls: the
/// members of one fleet (or one service) are one caller, so a missing setting repeated on
/// every member, or on the read and the write edge of one relationship, is one finding.
/// Takes `(caller node, edge)` pairs; returns groups in first-seen order, each with its caller
/// nodes and edges in first-seen order.
pub fn group_by_caller(
    ix: &Index<'_>,
    pairs: impl IntoIterator<Item = (usize, usize)>,
) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut order: FastMap<&str, usize> = FastMap::default();
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for (caller, edge) in pairs {
        let key = ix.service(caller);
        let at = *order.entry(key).or_insert_with(|| {
            groups.push((Vec::new(), Vec::new()));
            groups.len() - 1
        });
        let (callers, edges) = &mut groups[at];
        if !callers.contains(&caller) {
            callers.push(caller);
        }
        edges.push(edge);
    }
    groups
}

/// Pushes the findings of one detail rule, or, when the design states the setting nowhere and
/// there are several, one design-wide finding instead: a design that never states a timeout
/// (or a breaker, or encryption) made one decision, not one per component. The folded finding
/// points at every component and edge of the others; `message` gets the number of findings
/// folded.
pub fn fold_when_unstated(
    meta: &'static RuleMeta,
    found: Vec<Finding>,
    stated_anywhere: bool,
    message: impl FnOnce(usize) -> String,
    out: &mut Vec<Finding>,
) {
    if stated_anywhere || found.len() < 2 {
        out.extend(found);
        return;
    }
    let mut folded = Finding::new(meta, message(found.len()));
    for f in found {
        for n in f.nodes {
            if !folded.nodes.contains(&n) {
                folded.nodes.push(n);
            }
        }
        folded.edges.extend(f.edges);
    }
    out.push(folded);
}

/// Names a group of callers for a message: `` `api` `` or `` `web_a`, `web_b` (fleet `web`) ``.
pub fn describe_callers(ix: &Index<'_>, callers: &[usize]) -> String {
    let names = quoted_list(callers.iter().map(|&c| &ix.node(c).id));
    match callers.first() {
        Some(&c) if callers.len() > 1 => format!("{names} (service `{}`)", ix.service(c)),
        _ => names,
    }
}

/// The distinct responders of `edges`, quoted: `` `db`, `cache` ``.
pub fn describe_targets(ix: &Index<'_>, edges: &[usize]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for &e in edges {
        if let Some(r) = ix.responder(e) {
            let id = ix.node(r).id.as_str();
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
    }
    quoted_list(seen)
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
