//! The import report: what was read from the foreign file (counts by source type, the pages and
//! which one was read), what each element became and why, what was kept generic, what was
//! skipped and why, and which connections were left dangling. Structured lines that name the
//! node, container or connection they produced (so a panel can select it), and the same as
//! text for the command line.

use super::diagram::{SourceFormat, SourceRef};
use crate::model::text::terminal_safe;
use std::fmt::Write as _;

/// What a report line is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// An element that became a component or container of a known kind.
    Mapped,
    /// An element no kind fits: kept as a generic component or a plain group.
    Generic,
    /// A construct read but not used.
    Skipped,
    /// A connection with a loose end attached to the nearest shape.
    Attached,
    /// A connection dropped because an end is attached to nothing.
    Dangling,
}

impl LineKind {
    /// A one-word tag for a line of this kind (`mapped`, `generic`…).
    pub fn tag(self) -> &'static str {
        match self {
            LineKind::Mapped => "mapped",
            LineKind::Generic => "generic",
            LineKind::Skipped => "skipped",
            LineKind::Attached => "attached",
            LineKind::Dangling => "dangling",
        }
    }
}

/// The design element a line produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Node(String),
    Container(String),
    Edge(String),
}

impl Target {
    /// The element's id in the design.
    pub fn id(&self) -> &str {
        match self {
            Target::Node(id) | Target::Container(id) | Target::Edge(id) => id,
        }
    }
}

/// One line of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportLine {
    pub kind: LineKind,
    /// The line as the user reads it (`"ALB" (icon mxgraph.aws4.application_load_balancer) →
    /// load balancer`).
    pub text: String,
    /// The element it became, when it became one.
    pub target: Option<Target>,
    /// Where it is in the source (line, cell id).
    pub source: SourceRef,
}

/// How many elements of each source type were read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadCounts {
    /// Boxes that are not groups.
    pub shapes: usize,
    /// Of those, how many carry an icon, stencil or macro name.
    pub with_icon: usize,
    pub groups: usize,
    pub links: usize,
    pub skipped: usize,
}

/// The whole report of one import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    pub format: SourceFormat,
    /// Every page, view or fence in the file, and the one read (0-based).
    pub pages: Vec<String>,
    pub page_read: usize,
    pub read: ReadCounts,
    /// Components, containers and connections in the design made.
    pub nodes: usize,
    pub containers: usize,
    pub edges: usize,
    /// Node kind display names with their counts, most frequent first.
    pub by_kind: Vec<(String, usize)>,
    pub lines: Vec<ReportLine>,
}

impl ImportReport {
    /// The lines of one kind.
    pub fn lines_of(&self, kind: LineKind) -> impl Iterator<Item = &ReportLine> {
        self.lines.iter().filter(move |l| l.kind == kind)
    }

    /// Share of the drawn shapes and connections the design keeps (components, containers and
    /// connections made over shapes, groups and links read), 0–1; 1 for an empty source.
    pub fn kept_ratio(&self) -> f64 {
        let read = self.read.shapes + self.read.groups + self.read.links;
        if read == 0 {
            return 1.0;
        }
        ((self.nodes + self.containers + self.edges) as f64 / read as f64).min(1.0)
    }

    /// The report as text for the command line, terminal-safe.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let format = self.format.name();
        // Every line is made terminal-safe on its own below; user text never holds a newline
        // that survives (labels are cleaned), so the split is by the lines written here.
        if self.pages.len() > 1 {
            let names: Vec<String> = self.pages.iter().map(|p| format!("\"{p}\"")).collect();
            let _ = writeln!(
                out,
                "Imported {format}: page {} of {} (\"{}\"); pages: {}",
                self.page_read + 1,
                self.pages.len(),
                self.pages.get(self.page_read).map_or("", String::as_str),
                names.join(", ")
            );
        } else {
            let _ = writeln!(out, "Imported {format}");
        }
        let r = &self.read;
        let _ = writeln!(
            out,
            "Read: {} shapes ({} with an icon or stencil), {} groups, {} connections, {} constructs skipped",
            r.shapes, r.with_icon, r.groups, r.links, r.skipped
        );
        let _ = writeln!(
            out,
            "Made: {} components, {} containers, {} connections ({:.0}% of what was drawn)",
            self.nodes,
            self.containers,
            self.edges,
            self.kept_ratio() * 100.0
        );
        if !self.by_kind.is_empty() {
            let kinds: Vec<String> = self
                .by_kind
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            let _ = writeln!(out, "Components by kind: {}", kinds.join(", "));
        }
        let sections = [
            (LineKind::Mapped, "Mapped"),
            (LineKind::Generic, "Kept generic (no fitting kind)"),
            (LineKind::Attached, "Loose connection ends attached"),
            (LineKind::Skipped, "Skipped"),
            (LineKind::Dangling, "Dangling connections (dropped)"),
        ];
        for (kind, title) in sections {
            let lines: Vec<&ReportLine> = self.lines_of(kind).collect();
            if lines.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{title} ({}):", lines.len());
            for l in lines {
                let _ = writeln!(out, "  {}{}", where_(&l.source), l.text);
            }
        }
        out.lines()
            .map(|l| terminal_safe(l).into_owned() + "\n")
            .collect()
    }
}

/// `line 12: ` or `cell abc: ` or nothing.
fn where_(source: &SourceRef) -> String {
    match (&source.line, &source.id) {
        (Some(line), _) => format!("line {line}: "),
        (None, Some(id)) => format!("cell {id}: "),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lists_pages_sections_and_sources() {
        let report = ImportReport {
            format: SourceFormat::DrawIo,
            pages: vec!["Prod".into(), "Dev".into()],
            page_read: 1,
            read: ReadCounts {
                shapes: 3,
                with_icon: 2,
                groups: 1,
                links: 2,
                skipped: 1,
            },
            nodes: 3,
            containers: 1,
            edges: 1,
            by_kind: vec![("load balancer".into(), 1)],
            lines: vec![
                ReportLine {
                    kind: LineKind::Mapped,
                    text: "\"ALB\" (icon mxgraph.aws4.application_load_balancer) → load balancer `alb`".into(),
                    target: Some(Target::Node("alb".into())),
                    source: SourceRef {
                        line: None,
                        id: Some("7".into()),
                    },
                },
                ReportLine {
                    kind: LineKind::Dangling,
                    text: "a connection \u{1b}[31m from nowhere".into(),
                    target: None,
                    source: SourceRef::default(),
                },
            ],
        };
        let text = report.text();
        assert!(
            text.contains("page 2 of 2 (\"Dev\"); pages: \"Prod\", \"Dev\""),
            "{text}"
        );
        assert!(
            text.contains(
                "Made: 3 components, 1 containers, 1 connections (83% of what was drawn)"
            ),
            "{text}"
        );
        assert!(text.contains("Mapped (1):\n  cell 7: \"ALB\" (icon mxgraph.aws4.application_load_balancer) → load balancer `alb`"), "{text}");
        assert!(
            text.contains("Dangling connections (dropped) (1):"),
            "{text}"
        );
        assert!(
            !text.contains('\u{1b}'),
            "escape sequences are made visible"
        );
    }
}
