//! The review report as one self-contained HTML page, rendered from the shared [`report`] model:
//! inline SVG diagram and inline CSS, no scripts and no network, readable when printed. Written as well-formed XHTML-compatible markup
//! so it also parses as XML; all user text is escaped.

use super::Options;
use super::escape::{push_xml, push_xml_message, xml, xml_multiline};
use super::report::{self, Block, Cell, Field, Table};
use crate::critique::{Analysis, Severity};
use crate::model::Design;
use std::fmt::Write as _;

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Ubuntu, Roboto, sans-serif; color: #1f2937; background: #ffffff; margin: 0; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 1.8em; margin: 0.2em 0 0.3em; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; border-bottom: 1px solid #e5e7eb; padding-bottom: 0.2em; }
p.summary { color: #4b5563; }
.notes { white-space: pre-wrap; background: #f9fafb; border-left: 3px solid #d1d5db; padding: 8px 12px; }
figure { margin: 16px 0; border: 1px solid #e5e7eb; border-radius: 8px; padding: 8px; overflow: auto; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border: 1px solid #e5e7eb; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { display: inline-block; border-radius: 9px; padding: 0 8px; color: #ffffff; font-size: 0.85em; font-weight: 600; }
.sev-error { background: #dc2626; } .sev-warning { background: #d97706; } .sev-info { background: #2563eb; }
code { font-size: 0.92em; }
ul.facts { columns: 2; }
footer { margin-top: 32px; color: #9ca3af; font-size: 0.85em; }
@media print {
  main { max-width: none; padding: 0; }
  figure { border: none; break-inside: avoid; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .sev, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev sev-error",
        Severity::Warning => "sev sev-warning",
        Severity::Info => "sev sev-info",
    }
}

/// `<strong>Label:</strong> value · …` (without the enclosing element).
fn fields(out: &mut String, fields: &[Field]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        out.push_str("<strong>");
        push_xml(out, f.label);
        out.push_str(":</strong> ");
        push_xml(out, &f.value);
    }
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<table>\n<thead><tr>");
    for c in &t.columns {
        out.push_str("<th>");
        push_xml(out, c.title);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (cell, column) in row.iter().zip(&t.columns) {
            out.push_str(if column.numeric {
                "<td class=\"num\">"
            } else {
                "<td>"
            });
            match cell {
                Cell::Text(s) => push_xml(out, s),
                Cell::Message(s) => push_xml_message(out, s),
                Cell::Code(s) => {
                    out.push_str("<code>");
                    push_xml(out, s);
                    out.push_str("</code>");
                }
                Cell::Severity(s) => {
                    let _ = write!(
                        out,
                        "<span class=\"{}\">{}</span>",
                        sev_class(*s),
                        report::severity_label(*s)
                    );
                }
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Renders the review report page. The diagram follows `options` (scale, badges) but is always
/// drawn in the light theme: the page is light, whatever theme the editor or the command line
/// asked for.
pub fn render(design: &Design, analysis: &Analysis, options: &Options) -> String {
    render_with(
        design,
        analysis,
        options,
        &super::options::Extras::default(),
    )
}

/// [`render`] with a review's overlay on the diagram and its section (an escaped HTML
/// fragment) at the end of the page.
pub fn render_with(
    design: &Design,
    analysis: &Analysis,
    options: &Options,
    extras: &super::options::Extras<'_>,
) -> String {
    let doc = report::build(design, analysis);
    let title = xml(&doc.title);
    let mut out = String::with_capacity(8192 + design.nodes.len() * 1200);
    out.push_str("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(out, "<title>{title} · design review</title>");
    let _ = writeln!(out, "<style>{CSS}</style>\n</head>\n<body>\n<main>");
    let _ = writeln!(out, "<h1>{title}</h1>");
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                let _ = writeln!(out, "<h2>{}</h2>", xml(h));
            }
            Block::Paragraph(s) => {
                let _ = writeln!(out, "<p class=\"description\">{}</p>", xml(s));
            }
            Block::Notes(s) => {
                let _ = writeln!(out, "<div class=\"notes\">{}</div>", xml_multiline(s));
            }
            Block::Sentence(s) => {
                let _ = writeln!(out, "<p>{}</p>", xml(s));
            }
            Block::Fields(f) => {
                out.push_str("<p class=\"summary\">");
                fields(&mut out, f);
                out.push_str("</p>\n");
            }
            Block::Diagram => {
                let light = Options {
                    theme: super::Theme::Light,
                    ..options.clone()
                };
                let svg = super::svg::document(design, analysis, &light, extras.overlay);
                let svg = svg
                    .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                    .unwrap_or(&svg);
                out.push_str("<figure>\n");
                out.push_str(svg);
                out.push_str("</figure>\n");
            }
            Block::Facts(facts) => {
                out.push_str("<ul class=\"facts\">\n");
                for f in facts {
                    let _ = writeln!(out, "<li>{}: {}</li>", xml(f.label), xml(&f.value));
                }
                out.push_str("</ul>\n");
            }
            Block::List(items) => {
                out.push_str("<ul class=\"caveats\">\n");
                for item in items {
                    out.push_str("<li>");
                    push_xml_message(&mut out, item);
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => table(&mut out, t),
        }
    }
    if let Some(section) = extras.html_section {
        out.push_str(section);
    }
    out.push_str("<footer>Exported by Archway.</footer>\n</main>\n</body>\n</html>\n");
    out
}
