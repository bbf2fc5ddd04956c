//! The design diff as text for a terminal, as Markdown for a pull-request comment, and a
//! single design as stable lines for git's textconv (`archway diff --textconv FILE`): sorted by
//! id, without canvas positions, so a line diff of two renderings shows what changed.

use super::diff::{Change, DesignDiff, ItemChange, PropChange};
use crate::capacity::CostRange;
use crate::critique::{Analysis, Finding};
use crate::model::Design;
use crate::model::escape::{markdown_message_cell, xml};
use crate::model::text::terminal_safe;
use std::fmt::Write as _;

/// `no changes` for identical designs, otherwise a plain-text account with one section per
/// part that changed.
pub fn text(d: &DesignDiff, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "--- {old}\n+++ {new}");
    if d.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    if !d.design.is_empty() {
        out.push_str("\ndesign\n");
        for c in &d.design {
            let _ = writeln!(out, "  ~ {}", prop_line(c));
        }
    }
    for (title, list) in [
        ("components", &d.nodes),
        ("connections", &d.edges),
        ("containers", &d.containers),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title}");
        for item in list {
            let mark = match item.change {
                Change::Added => '+',
                Change::Removed => '-',
                Change::Changed => '~',
            };
            let _ = writeln!(out, "  {mark} {}", item.what);
            for p in &item.props {
                let _ = writeln!(out, "      {}", prop_line(p));
            }
        }
    }
    if let Some(line) = moves(d) {
        let _ = writeln!(out, "\n{line}");
    }
    let f = &d.findings;
    let _ = writeln!(
        out,
        "\nfindings: {} fixed, {} introduced, {} still open",
        f.fixed.len(),
        f.introduced.len(),
        f.still_open.len()
    );
    for (mark, list) in [("fixed", &f.fixed), ("introduced", &f.introduced)] {
        for x in list.iter() {
            let _ = writeln!(
                out,
                "  {mark:<10} {:<7} {}: {}",
                x.severity.key(),
                x.rule,
                x.message
            );
        }
    }
    let _ = writeln!(out, "\n{}", stage_line(d));
    if !d.capacity.is_empty() || d.total_cost_before != d.total_cost_after {
        out.push_str("\ncapacity and cost\n");
        for c in &d.capacity {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                c.id,
                c.before.as_ref().map_or("—".to_owned(), |x| x.text()),
                c.after.as_ref().map_or("removed".to_owned(), |x| x.text())
            );
        }
        let _ = writeln!(out, "  {}", cost_line(d));
    }
    safe_lines(&out)
}

/// Each line made safe for a terminal (control characters in ids and labels shown as
/// escapes), keeping the line breaks.
pub fn safe_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(&terminal_safe(line));
        out.push('\n');
    }
    out
}

fn prop_line(p: &PropChange) -> String {
    if matches!(p.name.as_str(), "description" | "notes") {
        return format!("{} changed", p.name);
    }
    if p.name == "container" {
        let show = |v: &Option<String>| {
            v.as_deref()
                .map_or("no container".to_owned(), |c| format!("`{c}`"))
        };
        format!("moved from {} to {}", show(&p.before), show(&p.after))
    } else {
        p.text()
    }
}

fn moves(d: &DesignDiff) -> Option<String> {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if d.moved_nodes > 0 {
        parts.push(plural(d.moved_nodes, "component", "components"));
    }
    if d.moved_containers > 0 {
        parts.push(plural(d.moved_containers, "container", "containers"));
    }
    (!parts.is_empty()).then(|| format!("{} moved on the canvas", parts.join(" and ")))
}

fn stage_line(d: &DesignDiff) -> String {
    let s = &d.stage;
    if s.before == s.after {
        format!(
            "scaling stage: {} of 9 ({}), unchanged",
            s.after, s.after_name
        )
    } else {
        format!(
            "scaling stage: {} ({}) → {} ({})",
            s.before, s.before_name, s.after, s.after_name
        )
    }
}

/// A monthly cost, `not priced` when no component has a priced tier.
fn cost_text(c: &CostRange) -> String {
    if c.min == 0.0 && c.max == 0.0 {
        "not priced".to_owned()
    } else {
        format!("{}/month", c.text())
    }
}

fn cost_line(d: &DesignDiff) -> String {
    let t = cost_text;
    format!(
        "total monthly cost: {} → {}",
        t(&d.total_cost_before),
        t(&d.total_cost_after)
    )
}

/// Markdown for a pull-request comment or a review report: a heading, tables of changes and
/// findings. Every user text is escaped (ids and values the messages quote stay code spans).
pub fn markdown(d: &DesignDiff, old: &str, new: &str) -> String {
    let esc = |s: &str| markdown_message_cell(&s.replace('\n', " "));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## {}\n",
        esc(&format!(
            "Design changes: `{}` → `{}`",
            old.replace('`', "'"),
            new.replace('`', "'")
        ))
    );
    if d.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let f = &d.findings;
    let _ = writeln!(
        out,
        "**Findings:** {} fixed, {} introduced, {} still open. **{}**. **Monthly cost:** {} → {}.\n",
        f.fixed.len(),
        f.introduced.len(),
        f.still_open.len(),
        {
            let s = stage_line(d);
            let mut c = s.chars();
            c.next()
                .map(|x| x.to_uppercase().chain(c).collect::<String>())
                .unwrap_or(s)
        },
        cost_text(&d.total_cost_before),
        cost_text(&d.total_cost_after)
    );
    let items: Vec<(&str, &ItemChange)> = d
        .nodes
        .iter()
        .map(|i| ("component", i))
        .chain(d.edges.iter().map(|i| ("connection", i)))
        .chain(d.containers.iter().map(|i| ("container", i)))
        .collect();
    if !items.is_empty() || !d.design.is_empty() {
        out.push_str("| | what | changes |\n|---|---|---|\n");
        for c in &d.design {
            let _ = writeln!(out, "| changed | design | {} |", esc(&prop_line(c)));
        }
        for (_, i) in items {
            let mark = match i.change {
                Change::Added => "added",
                Change::Removed => "removed",
                Change::Changed => "changed",
            };
            let props: Vec<String> = i.props.iter().map(|p| esc(&prop_line(p))).collect();
            let _ = writeln!(
                out,
                "| {mark} | {} | {} |",
                esc(&i.what),
                props.join("<br>")
            );
        }
        out.push('\n');
    }
    if let Some(line) = moves(d) {
        let _ = writeln!(out, "{line}.\n");
    }
    let table = |out: &mut String, title: &str, list: &[Finding]| {
        if list.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "### {title}\n\n| severity | rule | finding |\n|---|---|---|"
        );
        for x in list {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} |",
                x.severity.key(),
                x.rule.replace('`', "'"),
                esc(&x.message)
            );
        }
        out.push('\n');
    };
    table(&mut out, "Introduced", &f.introduced);
    table(&mut out, "Fixed", &f.fixed);
    if !d.capacity.is_empty() {
        out.push_str("### Capacity and cost\n\n| component | before | after |\n|---|---|---|\n");
        for c in &d.capacity {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                esc(&format!("`{}`", c.id.replace('`', "'"))),
                c.before.as_ref().map_or("—".to_owned(), |x| esc(&x.text())),
                c.after
                    .as_ref()
                    .map_or("removed".to_owned(), |x| esc(&x.text()))
            );
        }
        out.push('\n');
    }
    out
}

/// The diff as an HTML fragment for the HTML review report (`archway export NEW -o r.html
/// --against OLD`): a section with the summary, the changed items, the findings fixed,
/// introduced and still open, and capacity and cost. Every user text is escaped; it uses the
/// report's own table and severity styles.
pub fn html(d: &DesignDiff, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"diff\">\n<h2>Changes: {} → {}</h2>",
        xml(old),
        xml(new)
    );
    if d.is_empty() {
        out.push_str("<p>No changes.</p>\n</section>\n");
        return out;
    }
    let f = &d.findings;
    let _ = writeln!(
        out,
        "<p class=\"summary\"><strong>Findings:</strong> {} fixed · {} introduced · {} still open · <strong>{}</strong> · <strong>Monthly cost:</strong> {} → {}</p>",
        f.fixed.len(),
        f.introduced.len(),
        f.still_open.len(),
        xml(&stage_line(d)),
        xml(&cost_text(&d.total_cost_before)),
        xml(&cost_text(&d.total_cost_after))
    );
    let items: Vec<&ItemChange> = d
        .nodes
        .iter()
        .chain(&d.edges)
        .chain(&d.containers)
        .collect();
    if !items.is_empty() || !d.design.is_empty() {
        out.push_str("<table>\n<thead><tr><th>change</th><th>what</th><th>details</th></tr></thead>\n<tbody>\n");
        for c in &d.design {
            let _ = writeln!(
                out,
                "<tr><td>changed</td><td>design</td><td>{}</td></tr>",
                xml(&prop_line(c))
            );
        }
        for i in items {
            let mark = match i.change {
                Change::Added => "added",
                Change::Removed => "removed",
                Change::Changed => "changed",
            };
            let props: Vec<String> = i.props.iter().map(|p| xml(&prop_line(p))).collect();
            let _ = writeln!(
                out,
                "<tr><td>{mark}</td><td>{}</td><td>{}</td></tr>",
                xml(&i.what),
                props.join("<br/>")
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if let Some(line) = moves(d) {
        let _ = writeln!(out, "<p>{}.</p>", xml(&line));
    }
    for (title, list) in [
        ("Introduced findings", &f.introduced),
        ("Fixed findings", &f.fixed),
        ("Still open", &f.still_open),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<h3>{title}</h3>\n<table>\n<thead><tr><th>severity</th><th>rule</th><th>finding</th></tr></thead>\n<tbody>"
        );
        for x in list.iter() {
            let _ = writeln!(
                out,
                "<tr><td><span class=\"sev sev-{k}\">{k}</span></td><td><code>{}</code></td><td>{}</td></tr>",
                xml(x.rule),
                xml(&x.message),
                k = x.severity.key(),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !d.capacity.is_empty() {
        out.push_str("<h3>Capacity and cost</h3>\n<table>\n<thead><tr><th>component</th><th>before</th><th>after</th></tr></thead>\n<tbody>\n");
        for c in &d.capacity {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                xml(&c.id),
                xml(&c.before.as_ref().map_or("—".to_owned(), |x| x.text())),
                xml(&c.after.as_ref().map_or("removed".to_owned(), |x| x.text()))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
    out
}

/// One design as stable, sorted lines for git's textconv: the settings, every container,
/// component and connection with its properties (no canvas positions), then the scaling stage,
/// capacity and the findings. Two renderings diff line by line into what the change did.
pub fn textconv(design: &Design, analysis: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "design {:?}", design.metadata.title);
    let _ = writeln!(out, "review_level {:?}", design.review_level);
    for p in flat(&serde_json::json!({ "workload": design.workload })) {
        let _ = writeln!(out, "{p}");
    }
    let mut containers: Vec<_> = design.containers.iter().collect();
    containers.sort_by(|a, b| a.id.cmp(&b.id));
    for c in containers {
        let _ = writeln!(out, "container {}", c.id);
        for p in flat(&strip(serde_json::to_value(c), &["id", "rect"])) {
            let _ = writeln!(out, "  {p}");
        }
    }
    let mut nodes: Vec<(usize, _)> = design.nodes.iter().enumerate().collect();
    nodes.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    for (i, n) in nodes {
        let _ = writeln!(out, "component {}", n.id);
        for p in flat(&strip(serde_json::to_value(n), &["id", "pos"])) {
            let _ = writeln!(out, "  {p}");
        }
        if let Some(e) = analysis.estimate.nodes.get(i)
            && (e.utilisation.is_some() || e.cost.is_some())
        {
            let cost = e
                .cost
                .map(|c| format!(", {}/month", c.text()))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  capacity {} of {}{cost}",
                e.load_text(),
                e.capacity_text()
            );
        }
    }
    let mut edges: Vec<_> = design.edges.iter().collect();
    edges.sort_by(|a, b| a.id.cmp(&b.id));
    for e in edges {
        let _ = writeln!(out, "connection {}: {} → {}", e.id, e.from, e.to);
        for p in flat(&strip(serde_json::to_value(e), &["id", "from", "to"])) {
            let _ = writeln!(out, "  {p}");
        }
    }
    let r = &analysis.report;
    let _ = writeln!(out, "{}", r.profile.summary());
    let _ = writeln!(
        out,
        "total monthly cost {}",
        analysis.estimate.total_cost.text()
    );
    let mut findings: Vec<String> = r
        .active()
        .map(|f| {
            let ids: Vec<&str> = f
                .nodes
                .iter()
                .map(|n| n.as_str())
                .chain(f.edges.iter().map(|e| e.as_str()))
                .collect();
            format!(
                "finding {} {} [{}]: {}",
                f.severity.key(),
                f.rule,
                ids.join(", "),
                f.message
            )
        })
        .collect();
    findings.sort();
    for f in findings {
        let _ = writeln!(out, "{f}");
    }
    safe_lines(&out)
}

fn strip(v: Result<serde_json::Value, serde_json::Error>, keys: &[&str]) -> serde_json::Value {
    let mut v = v.unwrap_or(serde_json::Value::Null);
    if let Some(map) = v.as_object_mut() {
        for k in keys {
            map.remove(*k);
        }
    }
    v
}

/// `name value` lines of a serialised item, nested settings flattened (`retry.policy`).
fn flat(v: &serde_json::Value) -> Vec<String> {
    super::diff::flat_props(v)
        .into_iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect()
}
