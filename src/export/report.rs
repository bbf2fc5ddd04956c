//! The review report's content, built once as a list of blocks (headings, summary lines, lists,
//! tables) that the Markdown and HTML renderers both walk, so the two reports cannot drift.
//! Text here is plain and unescaped; each renderer escapes it for its format.

use crate::capacity::{CostRange, Estimate, Status};
use crate::critique::Analysis;
use crate::critique::{Finding, Report, Severity};
use crate::model::{Design, Node, NodeKind, ReviewLevel, catalog};
use std::collections::HashMap;
use std::fmt::Write as _;

/// One block of the report, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section heading.
    Heading(&'static str),
    /// Free text by the user (description): one paragraph, its line breaks kept where the
    /// format can.
    Paragraph(String),
    /// Notes by the user, shown as a block that keeps their line breaks.
    Notes(String),
    /// A sentence written by Archway (empty states).
    Sentence(&'static str),
    /// A line of labelled values (`Label: value · Label: value`).
    Fields(Vec<Field>),
    /// The diagram (a link to the sibling SVG, or the SVG inline).
    Diagram,
    /// A bulleted list of labelled values.
    Facts(Vec<Field>),
    /// A bulleted list of sentences written by Archway (the estimate's assumptions and
    /// caveats); plain text that may name ids.
    List(Vec<String>),
    /// A table.
    Table(Table),
}

/// A labelled value in a summary line or a list.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

/// A table: column headings and rows of cells, one per column.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// A column heading; numeric columns are right-aligned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub title: &'static str,
    pub numeric: bool,
}

/// One table cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Plain text.
    Text(String),
    /// A rule's message or fix: plain text in which the rule wrote ids and values between
    /// backticks (code style where the format has one; the quoted text stays inert).
    Message(String),
    /// An identifier such as a rule id (code style where the format has one).
    Code(String),
    /// A finding's severity (a coloured badge where the format has one).
    Severity(Severity),
}

/// The whole report: its title and blocks.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportOutline {
    pub title: String,
    pub blocks: Vec<Block>,
}

fn col(title: &'static str) -> Column {
    Column {
        title,
        numeric: false,
    }
}

fn num_col(title: &'static str) -> Column {
    Column {
        title,
        numeric: true,
    }
}

fn field(label: &'static str, value: impl Into<String>) -> Field {
    Field {
        label,
        value: value.into(),
    }
}

/// Builds the report of `design` with its review.
pub fn build(design: &Design, analysis: &Analysis) -> ReportOutline {
    let report = &analysis.report;
    let title = match design.metadata.title.trim() {
        "" => "Untitled design".to_owned(),
        t => t.replace('\n', " "),
    };
    let mut blocks = Vec::new();
    let description = design.metadata.description.trim();
    if !description.is_empty() {
        blocks.push(Block::Paragraph(description.to_owned()));
    }
    blocks.push(Block::Fields(vec![
        field(
            "Review level",
            match design.review_level {
                ReviewLevel::Sketch => "sketch",
                ReviewLevel::Production => "production",
            },
        ),
        field("Findings", findings_summary(report)),
        field("Components", design.nodes.len().to_string()),
        field("Connections", design.edges.len().to_string()),
    ]));
    let mut ladder = report.profile.summary();
    if let Some(next) = report.profile.next {
        let _ = write!(ladder, "; next, stage {}: {}", next.number, next.adds);
    }
    blocks.push(Block::Fields(vec![field(
        "Scaling ladder (guide §3.10)",
        ladder,
    )]));
    blocks.push(Block::Diagram);
    let notes = design.metadata.notes.trim();
    if !notes.is_empty() {
        blocks.push(Block::Heading("Notes"));
        blocks.push(Block::Notes(notes.to_owned()));
    }

    let mut facts = workload_facts(design);
    facts.extend(assumed_facts(&analysis.estimate));
    if !facts.is_empty() {
        blocks.push(Block::Heading("Workload"));
        blocks.push(Block::Facts(facts));
    }

    blocks.push(Block::Heading("Components"));
    if design.nodes.is_empty() {
        blocks.push(Block::Sentence("The design has no components yet."));
    } else {
        blocks.push(Block::Table(components_table(design)));
    }

    blocks.push(Block::Heading("Findings"));
    let names = NodeNames::new(design);
    let active: Vec<&Finding> = report.active().collect();
    if active.is_empty() {
        blocks.push(Block::Sentence(
            "No findings: the review found nothing to change.",
        ));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                col("Severity"),
                col("Rule"),
                col("Message"),
                col("Components"),
                col("Fix"),
                col("Guide"),
            ],
            rows: active
                .iter()
                .map(|f| {
                    vec![
                        Cell::Severity(f.severity),
                        Cell::Code(f.rule.to_owned()),
                        Cell::Message(f.message.clone()),
                        Cell::Text(names.targets(f)),
                        Cell::Message(f.fix.to_owned()),
                        Cell::Text(format!("§{}", f.guide_section)),
                    ]
                })
                .collect(),
        }));
    }

    let suppressed: Vec<&Finding> = report.suppressed_findings().collect();
    if !suppressed.is_empty() {
        blocks.push(Block::Heading("Suppressed findings"));
        blocks.push(Block::Table(Table {
            columns: vec![
                col("Rule"),
                col("Message"),
                col("Components"),
                col("Reason"),
            ],
            rows: suppressed
                .iter()
                .map(|f| {
                    vec![
                        Cell::Code(f.rule.to_owned()),
                        Cell::Message(f.message.clone()),
                        Cell::Text(names.targets(f)),
                        Cell::Text(f.suppressed.clone().unwrap_or_default()),
                    ]
                })
                .collect(),
        }));
    }

    blocks.push(Block::Heading("Capacity and cost"));
    let table = capacity_table(design, &analysis.estimate);
    if table.rows.is_empty() {
        blocks.push(Block::Sentence(
            "No estimate: the design has no workload figures or no component with a known capacity.",
        ));
    } else {
        blocks.push(Block::Table(table));
        let est = &analysis.estimate;
        let assumed = est.workload.as_ref().is_some_and(|w| w.is_assumed());
        let total = est.total(design);
        let mut totals = vec![field(
            "Total monthly cost",
            total.text(|c| format!("{}{}", cost(c), if assumed { ASSUMED } else { "" })),
        )];
        if let Some(b) = &est.bottleneck {
            totals.push(field("Bottleneck", b.clone()));
        }
        if let Some(h) = est.headroom {
            totals.push(field(
                "Headroom",
                format!("{}×{}", figure(h), if assumed { ASSUMED } else { "" }),
            ));
        }
        blocks.push(Block::Fields(totals));
    }
    let est = &analysis.estimate;
    let assumptions = crate::capacity::output::assumptions(design, est);
    if !assumptions.is_empty() {
        blocks.push(Block::Heading("Assumptions of the estimate"));
        blocks.push(Block::List(assumptions));
    }
    let caveats = crate::capacity::output::caveats(design, est);
    if !caveats.is_empty() && !design.nodes.is_empty() {
        blocks.push(Block::Heading("Caveats of the estimate"));
        blocks.push(Block::List(caveats));
    }
    ReportOutline { title, blocks }
}

fn components_table(design: &Design) -> Table {
    Table {
        columns: vec![col("Kind"), num_col("Count"), col("Components")],
        rows: components_by_kind(design)
            .into_iter()
            .map(|(kind, nodes)| {
                let names = nodes
                    .iter()
                    .map(|n| node_name(n))
                    .collect::<Vec<_>>()
                    .join(", ");
                vec![
                    Cell::Text(catalog::node_info(kind).name.to_owned()),
                    Cell::Text(nodes.len().to_string()),
                    Cell::Text(names),
                ]
            })
            .collect(),
    }
}

/// The mark written beside a figure the estimate assumed.
const ASSUMED: &str = " (assumed)";

/// The figures the estimate assumed because the design states no workload, each marked
/// "assumed" (empty when the design states one).
fn assumed_facts(estimate: &Estimate) -> Vec<Field> {
    use crate::capacity::workload::Origin;
    let Some(w) = estimate.workload.as_ref().filter(|w| w.is_assumed()) else {
        return Vec::new();
    };
    let mut facts = Vec::new();
    let mut add = |label, origin: Origin, text: String| {
        if origin == Origin::Assumed {
            facts.push(field(label, format!("{text}{ASSUMED}")));
        }
    };
    if let Some(c) = w.concurrent_users {
        add("Concurrent users at peak", w.concurrent_origin, figure(c));
    }
    if let Some(r) = w.peak_rps {
        add(
            "Peak requests",
            w.peak_rps_origin,
            format!("{} req/s", figure(r)),
        );
    }
    add(
        "Reads per write",
        w.read_write_origin,
        format!("{}:1", figure(w.read_write_ratio)),
    );
    add(
        "Payload",
        w.payload_origin,
        format!(
            "{} KB per request, {} KB per response",
            figure(w.request_kb),
            figure(w.response_kb)
        ),
    );
    add(
        "Cache hit ratio",
        w.cache_hit_origin,
        format!("{} %", figure(w.cache_hit_ratio * 100.0)),
    );
    facts
}

/// The capacity table: every node the estimate has a load, capacity or cost for. Figures that
/// rest on an assumed workload or an assumed tier say "(assumed)".
fn capacity_table(design: &Design, estimate: &Estimate) -> Table {
    let assumed = estimate.workload.as_ref().is_some_and(|w| w.is_assumed());
    let mark = |on: bool| if on { ASSUMED } else { "" };
    let opt = |v: Option<f64>, unit: &str| {
        v.map_or_else(|| "–".to_owned(), |v| format!("{}{unit}", figure(v)))
    };
    Table {
        columns: vec![
            col("Component"),
            col("Kind"),
            num_col("Peak load"),
            num_col("Capacity"),
            num_col("Utilisation"),
            col("Status"),
            num_col("Monthly cost"),
        ],
        rows: design
            .nodes
            .iter()
            .zip(&estimate.nodes)
            .filter(|(_, e)| e.load_rps.is_some() || e.capacity_rps.is_some() || e.cost.is_some())
            .map(|(n, e)| {
                [
                    node_name(n),
                    catalog::node_info(n.kind).name.to_owned(),
                    // In the estimate's own unit (concurrent users for app tiers, q/s for
                    // stores), as `archway estimate` prints it.
                    opt(e.load_rps, &format!(" {}{}", e.unit.label(), mark(assumed))),
                    opt(
                        e.capacity_rps,
                        &format!(" {}{}", e.unit.label(), mark(e.tier_assumed)),
                    ),
                    opt(
                        e.utilisation.map(|u| u * 100.0),
                        &format!(" %{}", mark(assumed)),
                    ),
                    status_label(e.status).to_owned(),
                    e.cost.as_ref().map_or_else(
                        || {
                            if crate::capacity::cost::is_billable(n.kind) {
                                "unpriced".to_owned()
                            } else {
                                "–".to_owned()
                            }
                        },
                        |c| format!("{}{}", cost(c), mark(e.tier_assumed)),
                    ),
                ]
                .into_iter()
                .map(Cell::Text)
                .collect()
            })
            .collect(),
    }
}

/// Nodes grouped by kind, in palette order; kinds with no node are left out.
pub fn components_by_kind(design: &Design) -> Vec<(NodeKind, Vec<&Node>)> {
    let mut by_kind: HashMap<NodeKind, Vec<&Node>> = HashMap::new();
    for n in &design.nodes {
        by_kind.entry(n.kind).or_default().push(n);
    }
    NodeKind::ALL
        .iter()
        .filter_map(|k| by_kind.remove_entry(k))
        .collect()
}

/// `Label (id)` for a node, or the id alone when the label is the id.
pub fn node_name(node: &Node) -> String {
    let label = node.display_label();
    if label == node.id.as_str() {
        label.to_owned()
    } else {
        format!("{label} ({})", node.id.as_str())
    }
}

/// Nodes by id, to name what a finding points at.
struct NodeNames<'a>(HashMap<&'a str, &'a Node>);

impl<'a> NodeNames<'a> {
    fn new(design: &'a Design) -> Self {
        Self(design.nodes.iter().map(|n| (n.id.as_str(), n)).collect())
    }

    /// The components a finding points at, as readable names (nodes first, then edges).
    fn targets(&self, f: &Finding) -> String {
        if f.nodes.is_empty() && f.edges.is_empty() {
            return "whole design".to_owned();
        }
        f.nodes
            .iter()
            .map(|id| {
                self.0
                    .get(id.as_str())
                    .map_or_else(|| id.as_str().to_owned(), |n| node_name(n))
            })
            .chain(f.edges.iter().map(|e| format!("edge {}", e.as_str())))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The components a finding points at, as readable names (nodes first, then edges).
pub fn finding_targets(design: &Design, f: &Finding) -> String {
    NodeNames::new(design).targets(f)
}

/// `Error`, `Warning`, `Info`.
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

/// One-line summary of the active findings (`2 errors, 1 warning, 0 info; 1 suppressed`).
pub fn findings_summary(report: &Report) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 || word == "info" {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let suppressed = report.suppressed();
    let mut s = format!(
        "{}, {}, {}",
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        plural(report.count(Severity::Info), "info")
    );
    if suppressed > 0 {
        let _ = write!(s, "; {suppressed} suppressed");
    }
    s
}

/// A number with thousands separators and at most one decimal below 100.
pub fn figure(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    if v.abs() < 100.0 && v.fract() != 0.0 {
        return format!("{v:.1}");
    }
    let whole = v.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 {
        out.insert(0, '-');
    }
    out
}

/// `$1,200–$2,400` per month, or one figure when both ends agree.
pub fn cost(c: &CostRange) -> String {
    if (c.max - c.min).abs() < 0.5 {
        format!("${}", figure(c.min))
    } else {
        format!("${}–${}", figure(c.min), figure(c.max))
    }
}

/// `ok`, `hot`, `over capacity`, `unknown`.
pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Unknown => "unknown",
        Status::Ok => "ok",
        Status::Hot => "hot",
        Status::Over => "over capacity",
    }
}

/// The design's workload figures as labelled values.
pub fn workload_facts(design: &Design) -> Vec<Field> {
    let w = &design.workload;
    let mut facts = Vec::new();
    let mut add = |label, v: Option<f64>, unit: &str| {
        if let Some(v) = v {
            facts.push(field(label, format!("{}{unit}", figure(v))));
        }
    };
    add("Daily active users", w.dau.map(|v| v as f64), "");
    add(
        "Concurrent users at peak",
        w.concurrent_peak.map(|v| v as f64),
        "",
    );
    add("Peak requests", w.peak_rps, " req/s");
    add("Read queries", w.read_qps, " q/s");
    add("Write queries", w.write_qps, " q/s");
    add("Reads per write", w.read_write_ratio, "");
    add("Latency target", w.latency_target_ms, " ms");
    add("Availability target", w.availability_target_pct, " %");
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_have_thousands_separators() {
        assert_eq!(figure(1_234_567.0), "1,234,567");
        assert_eq!(figure(12.25), "12.2");
        assert_eq!(figure(-1500.0), "-1,500");
        assert_eq!(figure(f64::NAN), "–");
    }

    #[test]
    fn an_empty_design_says_so_in_every_section() {
        let doc = build(&Design::empty(""), &Analysis::default());
        assert_eq!(doc.title, "Untitled design");
        assert!(
            doc.blocks
                .contains(&Block::Sentence("The design has no components yet."))
        );
        assert!(doc.blocks.contains(&Block::Sentence(
            "No findings: the review found nothing to change."
        )));
        assert!(
            !doc.blocks
                .iter()
                .any(|b| matches!(b, Block::Table(_) | Block::Notes(_)))
        );
    }
}
