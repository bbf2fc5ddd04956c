//! The diagram as a standalone SVG 1.1 document: containers, nodes with icons and labels, edges
//! with arrowheads, line styles and labels, and finding badges. Drawn from the shared
//! [`crate::geometry`] so it looks like the canvas; every user string is XML-escaped.

use super::escape::{push_xml, xml};
use super::{Options, Theme};
use crate::critique::{Report, Severity};
use crate::geometry::{self, Rgb};
use crate::model::{Container, Design, NodeKind, Pos, Rect, catalog};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Space around the drawing.
pub const MARGIN: f32 = 40.0;
/// Height of the title band above the drawing.
pub const TITLE_BAND: f32 = 36.0;
/// The font family every text element asks for (the bundled font; see `assets/fonts`).
pub const FONT_FAMILY: &str = "Ubuntu, 'Ubuntu Light', 'Noto Emoji', sans-serif";

/// Colours of one theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub background: Rgb,
    pub node_fill: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub edge: Rgb,
    /// Opacity of container fills.
    pub container_fill_opacity: f32,
}

/// The colours of `theme`.
pub fn palette(theme: Theme) -> Palette {
    match theme {
        Theme::Light => Palette {
            background: Rgb(0xff, 0xff, 0xff),
            node_fill: Rgb(0xff, 0xff, 0xff),
            text: Rgb(0x1f, 0x29, 0x37),
            muted: Rgb(0x6b, 0x72, 0x80),
            edge: Rgb(0x47, 0x55, 0x69),
            container_fill_opacity: 0.06,
        },
        Theme::Dark => Palette {
            background: Rgb(0x1b, 0x1b, 0x1b),
            node_fill: Rgb(0x2a, 0x2a, 0x2e),
            text: Rgb(0xe5, 0xe7, 0xeb),
            muted: Rgb(0x9c, 0xa3, 0xaf),
            edge: Rgb(0x9c, 0xa3, 0xaf),
            container_fill_opacity: 0.12,
        },
    }
}

/// Colour of a finding badge.
pub fn severity_color(severity: Severity) -> Rgb {
    match severity {
        Severity::Error => Rgb(0xdc, 0x26, 0x26),
        Severity::Warning => Rgb(0xd9, 0x77, 0x06),
        Severity::Info => Rgb(0x25, 0x63, 0xeb),
    }
}

/// A short abbreviation drawn in a node's icon until vector icons are shared by the canvas.
pub fn kind_glyph(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Client => "UI",
        NodeKind::Dns => "DNS",
        NodeKind::Cdn => "CDN",
        NodeKind::LoadBalancer => "LB",
        NodeKind::ApiGateway => "API",
        NodeKind::AppServer => "APP",
        NodeKind::WebsocketServer => "WS",
        NodeKind::Worker => "WK",
        NodeKind::ServerlessFunction => "λ",
        NodeKind::BatchJob => "JOB",
        NodeKind::Cache => "$",
        NodeKind::SqlDb => "SQL",
        NodeKind::NosqlDb => "KV",
        NodeKind::ReadReplica => "RR",
        NodeKind::Shard => "SH",
        NodeKind::ObjectStorage => "S3",
        NodeKind::MessageQueue => "MQ",
        NodeKind::Stream => "STR",
        NodeKind::SearchIndex => "IDX",
        NodeKind::NatGateway => "NAT",
        NodeKind::Kms => "KMS",
        NodeKind::ExternalService => "EXT",
    }
}

/// Width of `text` at `font_size` in the bundled font, from its glyph advances. Characters the
/// font lacks (emoji) count as one em.
pub fn text_width(text: &str, font_size: f32) -> f32 {
    struct Metrics {
        ascii: [f32; 128],
        face: Option<ttf_parser::Face<'static>>,
    }
    static METRICS: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
    let m = METRICS.get_or_init(|| {
        let face = ttf_parser::Face::parse(super::png::FONT_UBUNTU_LIGHT, 0).ok();
        let mut ascii = [0.55f32; 128];
        if let Some(f) = &face {
            let em = f32::from(f.units_per_em().max(1));
            for (i, w) in ascii.iter_mut().enumerate() {
                if let Some(adv) = char::from_u32(i as u32)
                    .and_then(|c| f.glyph_index(c))
                    .and_then(|g| f.glyph_hor_advance(g))
                {
                    *w = f32::from(adv) / em;
                }
            }
        }
        Metrics { ascii, face }
    });
    let em: f32 = text
        .chars()
        .map(|c| {
            if (c as u32) < 128 {
                m.ascii[c as usize]
            } else {
                m.face
                    .as_ref()
                    .and_then(|f| {
                        let adv = f.glyph_hor_advance(f.glyph_index(c)?)?;
                        Some(f32::from(adv) / f32::from(f.units_per_em().max(1)))
                    })
                    .unwrap_or(1.0)
            }
        })
        .sum();
    em * font_size
}

/// `text` shortened with `…` so it is at most `max_width` wide at `font_size`.
pub fn fit_text(text: &str, font_size: f32, max_width: f32) -> String {
    if text_width(text, font_size) <= max_width {
        return text.to_owned();
    }
    let budget = max_width - text_width("…", font_size);
    let mut out = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), font_size);
        if width + w > budget {
            break;
        }
        width += w;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The canvas rectangle the drawing covers (containers and nodes), before margins.
pub fn content_bounds(design: &Design) -> Rect {
    let rects = design
        .containers
        .iter()
        .map(|c| c.rect)
        .chain(design.nodes.iter().map(geometry::node_rect))
        .filter(|r| r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite());
    let mut bounds: Option<(f32, f32, f32, f32)> = None;
    for r in rects {
        let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w.max(0.0), r.y + r.h.max(0.0));
        bounds = Some(match bounds {
            None => (x0, y0, x1, y1),
            Some((a, b, c, d)) => (a.min(x0), b.min(y0), c.max(x1), d.max(y1)),
        });
    }
    match bounds {
        Some((x0, y0, x1, y1)) => Rect::new(x0, y0, x1 - x0, y1 - y0),
        None => Rect::new(0.0, 0.0, 400.0, 200.0),
    }
}

/// The SVG's view box in canvas units: the content plus margins and the title band.
pub fn view_box(design: &Design) -> Rect {
    let b = content_bounds(design);
    Rect::new(
        b.x - MARGIN,
        b.y - MARGIN - TITLE_BAND,
        (b.w + 2.0 * MARGIN).max(320.0),
        b.h + 2.0 * MARGIN + TITLE_BAND,
    )
}

/// Formats a coordinate with at most one decimal (`12`, `12.5`).
fn num(out: &mut String, v: f32) {
    let v = if v.is_finite() { v } else { 0.0 };
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        let _ = write!(out, "{}", r as i64);
    } else {
        let _ = write!(out, "{r:.1}");
    }
}

fn n(v: f32) -> String {
    let mut s = String::new();
    num(&mut s, v);
    s
}

/// Findings attached to one node or edge: how many and the worst severity.
#[derive(Default)]
struct Badge {
    count: usize,
    worst: Option<Severity>,
    lines: Vec<String>,
}

fn badges(report: &Report) -> (HashMap<&str, Badge>, HashMap<&str, Badge>, Vec<usize>) {
    let mut nodes: HashMap<&str, Badge> = HashMap::new();
    let mut edges: HashMap<&str, Badge> = HashMap::new();
    let mut design_wide = [0usize; 3];
    for f in report.active() {
        let line = format!("{} ({}): {}", f.rule, f.severity.key(), f.message);
        let add = |b: &mut Badge| {
            b.count += 1;
            b.worst = Some(b.worst.map_or(f.severity, |w| w.min(f.severity)));
            if b.lines.len() < 8 {
                b.lines.push(line.clone());
            }
        };
        for id in &f.nodes {
            add(nodes.entry(id.as_str()).or_default());
        }
        if f.nodes.is_empty() {
            for id in &f.edges {
                add(edges.entry(id.as_str()).or_default());
            }
        }
        design_wide[f.severity as usize] += 1;
    }
    (nodes, edges, design_wide.to_vec())
}

fn container_depth(design: &Design, c: &Container) -> usize {
    let mut depth = 0;
    let mut parent = c.parent.as_ref();
    while let Some(p) = parent {
        depth += 1;
        if depth > design.containers.len() {
            break; // a cycle; the file validator reports it
        }
        parent = design
            .containers
            .iter()
            .find(|o| &o.id == p)
            .and_then(|o| o.parent.as_ref());
    }
    depth
}

/// Renders the whole design as a standalone SVG 1.1 document.
pub fn render(design: &Design, report: &Report, options: &Options) -> String {
    let pal = palette(options.theme);
    let vb = view_box(design);
    let mut out = String::with_capacity(1024 + design.nodes.len() * 900 + design.edges.len() * 400);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"{x} {y} {w} {h}\" font-family=\"{FONT_FAMILY}\">\n",
        x = n(vb.x),
        y = n(vb.y),
        w = n(vb.w),
        h = n(vb.h),
    );
    out.push_str("<title>");
    push_xml(&mut out, &design.metadata.title);
    out.push_str("</title>\n");
    if !design.metadata.description.is_empty() {
        out.push_str("<desc>");
        push_xml(&mut out, &design.metadata.description);
        out.push_str("</desc>\n");
    }
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        n(vb.x),
        n(vb.y),
        n(vb.w),
        n(vb.h),
        pal.background.hex()
    );

    let (node_badges, edge_badges, totals) = if options.findings {
        badges(report)
    } else {
        Default::default()
    };

    // Title band.
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"18\" fill=\"{}\">",
        n(vb.x + MARGIN),
        n(vb.y + MARGIN),
        pal.text.hex()
    );
    push_xml(
        &mut out,
        &fit_text(&design.metadata.title, 18.0, vb.w - 2.0 * MARGIN - 200.0),
    );
    out.push_str("</text>\n");
    if options.findings {
        let summary = [Severity::Error, Severity::Warning, Severity::Info]
            .iter()
            .map(|s| {
                let c = totals.get(*s as usize).copied().unwrap_or(0);
                let plural = c != 1 && *s != Severity::Info;
                format!("{c} {}{}", s.key(), if plural { "s" } else { "" })
            })
            .collect::<Vec<_>>()
            .join(" · ");
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\" fill=\"{}\">{}</text>",
            n(vb.x + vb.w - MARGIN),
            n(vb.y + MARGIN),
            pal.muted.hex(),
            summary
        );
    }

    containers(&mut out, design, &pal);
    edges(&mut out, design, &pal, &edge_badges);
    nodes(&mut out, design, &pal, &node_badges);
    out.push_str("</svg>\n");
    out
}

fn containers(out: &mut String, design: &Design, pal: &Palette) {
    let mut order: Vec<(usize, usize)> = design
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (container_depth(design, c), i))
        .collect();
    order.sort();
    out.push_str("<g class=\"containers\">\n");
    for (_, i) in order {
        let c = &design.containers[i];
        let r = c.rect;
        let color = geometry::container_color(c.kind).hex();
        let dashed = matches!(
            c.kind,
            crate::model::ContainerKind::PublicSubnet | crate::model::ContainerKind::PrivateSubnet
        );
        let _ = write!(
            out,
            "<g><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"{color}\" fill-opacity=\"{}\" stroke=\"{color}\" stroke-width=\"1.5\"{}/>",
            n(r.x),
            n(r.y),
            n(r.w.max(0.0)),
            n(r.h.max(0.0)),
            pal.container_fill_opacity,
            if dashed {
                " stroke-dasharray=\"6 4\""
            } else {
                ""
            }
        );
        let kind_name = catalog::container_info(c.kind).name;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"{color}\">",
            n(r.x + 10.0),
            n(r.y + 18.0)
        );
        push_xml(
            out,
            &fit_text(
                &format!("{} · {kind_name}", c.display_label()),
                12.0,
                r.w - 20.0,
            ),
        );
        out.push_str("</text></g>\n");
    }
    out.push_str("</g>\n");
}

fn edges(out: &mut String, design: &Design, pal: &Palette, badges: &HashMap<&str, Badge>) {
    let rects: HashMap<&str, Rect> = design
        .nodes
        .iter()
        .map(|nd| (nd.id.as_str(), geometry::node_rect(nd)))
        .collect();
    let color = pal.edge.hex();
    out.push_str("<g class=\"edges\">\n");
    for e in &design.edges {
        let (Some(from), Some(to)) = (rects.get(e.from.as_str()), rects.get(e.to.as_str())) else {
            continue;
        };
        if e.from == e.to {
            continue;
        }
        let (a, b) = geometry::edge_endpoints(from, to);
        let style = geometry::edge_style(e.kind);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
        let (ux, uy) = (dx / len, dy / len);
        let head = 10.0;
        // The line stops inside the arrowhead so its end does not poke through the tip.
        let end = if style.arrow {
            Pos::new(b.x - ux * head * 0.7, b.y - uy * head * 0.7)
        } else {
            b
        };
        out.push_str("<g>");
        out.push_str("<title>");
        push_xml(out, e.id.as_str());
        out.push_str(" (");
        out.push_str(e.kind.label());
        out.push_str(")</title>");
        let dash = if style.dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let offsets: &[f32] = if style.double { &[-2.0, 2.0] } else { &[0.0] };
        for off in offsets {
            let (ox, oy) = (-uy * off, ux * off);
            let _ = write!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{color}\" stroke-width=\"1.5\"{dash}/>",
                n(a.x + ox),
                n(a.y + oy),
                n(end.x + ox),
                n(end.y + oy)
            );
        }
        if style.arrow {
            let [p, q] = geometry::arrowhead(a, b, head);
            let _ = write!(
                out,
                "<polygon points=\"{},{} {},{} {},{}\" fill=\"{color}\"/>",
                n(b.x),
                n(b.y),
                n(p.x),
                n(p.y),
                n(q.x),
                n(q.y)
            );
        }
        let mid = Pos::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
        let text = edge_caption(e);
        if !text.is_empty() {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{}\" stroke=\"{}\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
                n(mid.x),
                n(mid.y - 4.0),
                pal.muted.hex(),
                pal.background.hex()
            );
            // Never wider than the visible line, so the caption does not hide under a node.
            push_xml(out, &fit_text(&text, 10.0, (len - 4.0).clamp(30.0, 220.0)));
            out.push_str("</text>");
        }
        if let Some(badge) = badges.get(e.id.as_str()) {
            badge_svg(out, badge, Pos::new(mid.x, mid.y + 10.0));
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// The caption drawn on an edge: protocol and label (`HTTPS · shorten`).
pub fn edge_caption(e: &crate::model::Edge) -> String {
    match (e.protocol, e.label.trim()) {
        (Some(p), "") => p.label().to_owned(),
        (Some(p), l) => format!("{} · {l}", p.label()),
        (None, l) => l.to_owned(),
    }
}

fn nodes(out: &mut String, design: &Design, pal: &Palette, badges: &HashMap<&str, Badge>) {
    out.push_str("<g class=\"nodes\">\n");
    for node in &design.nodes {
        let r = geometry::node_rect(node);
        let accent = geometry::node_color(node).hex();
        let info = catalog::node_info(node.kind);
        out.push_str("<g><title>");
        push_xml(out, node.display_label());
        out.push_str(" (");
        push_xml(out, node.id.as_str());
        out.push_str(")</title>");
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{}\" stroke=\"{accent}\" stroke-width=\"2\"/>",
            n(r.x),
            n(r.y),
            n(r.w),
            n(r.h),
            pal.node_fill.hex()
        );
        // Icon: a tinted disc with the kind's glyph.
        let (cx, cy) = (r.x + 26.0, r.y + r.h / 2.0);
        let glyph = kind_glyph(node.kind);
        let glyph_size = if glyph.chars().count() > 2 { 9 } else { 11 };
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"16\" fill=\"{accent}\" fill-opacity=\"0.15\" stroke=\"{accent}\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" font-size=\"{glyph_size}\" text-anchor=\"middle\" fill=\"{accent}\">{}</text>",
            n(cx),
            n(cy),
            n(cx),
            n(cy + glyph_size as f32 * 0.36),
            xml(glyph)
        );
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"{}\">",
            n(r.x + 50.0),
            n(r.y + 28.0),
            pal.text.hex()
        );
        push_xml(out, &fit_text(node.display_label(), 13.0, r.w - 58.0));
        out.push_str("</text>");
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{}\">",
            n(r.x + 50.0),
            n(r.y + 45.0),
            pal.muted.hex()
        );
        push_xml(out, &fit_text(info.name, 10.0, r.w - 58.0));
        out.push_str("</text>");
        if let Some(badge) = badges.get(node.id.as_str()) {
            badge_svg(out, badge, Pos::new(r.x + r.w - 2.0, r.y + 2.0));
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

fn badge_svg(out: &mut String, badge: &Badge, at: Pos) {
    let Some(worst) = badge.worst else { return };
    let color = severity_color(worst).hex();
    out.push_str("<g class=\"badge\"><title>");
    push_xml(out, &badge.lines.join("; "));
    out.push_str("</title>");
    let _ = write!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"9\" fill=\"{color}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#ffffff\">{}</text></g>",
        n(at.x),
        n(at.y),
        n(at.x),
        n(at.y + 3.5),
        badge.count.min(99)
    );
}
