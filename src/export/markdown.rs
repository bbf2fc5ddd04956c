//! The review report in GitHub-flavoured Markdown, rendered from the shared [`report`] model:
//! title, description and notes, the diagram (a sibling SVG), components by kind, findings with
//! guide sections, suppressed findings with their reasons, and the capacity and cost estimate.
//! User text never becomes raw HTML.

use super::escape::{markdown_cell, markdown_message_cell, markdown_text as text};
use super::report::{self, Block, Cell, Field, Table};
use crate::critique::Analysis;
use crate::model::Design;
use std::fmt::Write as _;

/// Percent-encodes a file name for a Markdown link target.
fn link_target(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Escapes text for a link's alt text (on one line; [`text`] already escapes `[` and `]`).
fn alt(s: &str) -> String {
    text(&s.replace('\n', " "))
}

/// Paragraphs of free text, each line escaped; blank lines kept as paragraph breaks.
fn paragraphs(out: &mut String, s: &str) {
    for line in s.trim().lines() {
        let _ = writeln!(out, "{}", text(line.trim_end()));
    }
    out.push('\n');
}

/// `**Label:** value · **Label:** value`.
fn fields(out: &mut String, fields: &[Field]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        let _ = write!(out, "**{}:** {}", text(f.label), text(&f.value));
    }
    out.push('\n');
}

fn table(out: &mut String, t: &Table) {
    out.push('|');
    for c in &t.columns {
        let _ = write!(out, " {} |", c.title);
    }
    out.push_str("\n|");
    for c in &t.columns {
        out.push_str(if c.numeric { "---:|" } else { "---|" });
    }
    out.push('\n');
    for row in &t.rows {
        out.push('|');
        for c in row {
            let cell = match c {
                Cell::Text(s) | Cell::Code(s) => markdown_cell(s),
                Cell::Message(s) => markdown_message_cell(s),
                Cell::Severity(s) => report::severity_label(*s).to_owned(),
            };
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
}

/// Renders the review report. `svg_link` is the diagram's file name, relative to the report.
pub fn render(design: &Design, analysis: &Analysis, svg_link: Option<&str>) -> String {
    let doc = report::build(design, analysis);
    let mut out = String::with_capacity(4096 + design.nodes.len() * 80);
    let _ = writeln!(out, "# {}\n", text(&doc.title));
    // Every block ends with a blank line.
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                let _ = writeln!(out, "## {h}\n");
            }
            Block::Paragraph(s) | Block::Notes(s) => paragraphs(&mut out, s),
            Block::Sentence(s) => {
                let _ = writeln!(out, "{s}\n");
            }
            Block::Fields(f) => {
                fields(&mut out, f);
                out.push('\n');
            }
            Block::Diagram => {
                if let Some(link) = svg_link {
                    let _ = writeln!(
                        out,
                        "![Diagram of {}]({})\n",
                        alt(&doc.title),
                        link_target(link)
                    );
                }
            }
            Block::Facts(facts) => {
                for f in facts {
                    let _ = writeln!(out, "- {}: {}", text(f.label), text(&f.value));
                }
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    // Code spans are inert in Markdown, but text that names markup is
                    // escaped whole, so no report carries raw markup at all.
                    let item = if item.contains('<') {
                        text(item)
                    } else {
                        markdown_message_cell(item)
                    };
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
            }
            Block::Table(t) => {
                table(&mut out, t);
                out.push('\n');
            }
        }
    }
    // One newline at the end of the file.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
