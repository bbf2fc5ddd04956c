//! The diagram as a standalone SVG 1.1 document: containers, nodes with icons and labels, edges
//! with arrowheads, line styles and labels, and finding badges. Drawn from the shared
//! [`crate::geometry`] so it looks like the canvas; every user string is XML-escaped.

use super::escape::{push_xml, xml};
use super::{Options, Theme};
use crate::capacity::{Estimate, NodeEstimate, Status};
use crate::critique::{Analysis, Report, Severity};
use crate::geometry::{self, Overlay, Rgb, Tone};
use crate::model::labels::Labels;
use crate::model::{Design, Pos, Rect, catalog};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Space around the drawing.
pub const MARGIN: f32 = 40.0;
/// Height of the title band above the drawing.
pub const TITLE_BAND: f32 = 36.0;
/// Font size of the title.
const TITLE_FONT: f32 = 18.0;
/// Room kept right of the title for the findings summary.
const SUMMARY_ROOM: f32 = 200.0;
/// The widest title the page grows for; a longer one is cut with `…`.
const MAX_TITLE_WIDTH: f32 = 1600.0;
/// The font family every text element asks for: the bundled fonts, embedded by [`document`].
pub use super::webfont::FONT_FAMILY;

/// Colours of one theme (the canvas's colours, so exports look like the screen).
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
            background: Rgb(0xf6, 0xf7, 0xf9),
            node_fill: Rgb(0xff, 0xff, 0xff),
            text: Rgb(0x1f, 0x29, 0x37),
            muted: Rgb(0x6b, 0x72, 0x80),
            edge: Rgb(0x69, 0x69, 0x69),
            container_fill_opacity: 0.08,
        },
        Theme::Dark => Palette {
            background: Rgb(0x1a, 0x1c, 0x21),
            node_fill: Rgb(0x2a, 0x2e, 0x36),
            text: Rgb(0xe5, 0xe7, 0xeb),
            muted: Rgb(0x9c, 0xa3, 0xaf),
            edge: Rgb(0x96, 0x96, 0x96),
            container_fill_opacity: 0.10,
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

/// Colour of a capacity status pill.
pub fn status_color(status: Status) -> Rgb {
    match status {
        Status::Ok => Rgb(0x16, 0xa3, 0x4a),
        Status::Hot => Rgb(0xd9, 0x77, 0x06),
        Status::Over => Rgb(0xdc, 0x26, 0x26),
        Status::Unknown => Rgb(0x80, 0x80, 0x80),
    }
}

/// Text width in the bundled fonts; it lives with the caption layout in
/// [`crate::geometry::text`], which the canvas uses too.
pub use crate::geometry::text::{fit_text, text_width, wrap_text};

/// The canvas rectangle the drawing covers (containers and nodes), before margins.
pub fn content_bounds(design: &Design) -> Rect {
    bounds_with(design, None)
}

/// [`content_bounds`], with the ghosts an overlay draws.
fn bounds_with(design: &Design, overlay: Option<&Overlay>) -> Rect {
    let ghosts = overlay.map_or(&[][..], |o| &o.ghosts[..]);
    let rects = design
        .containers
        .iter()
        .map(|c| c.rect)
        .chain(design.nodes.iter().map(geometry::node_rect))
        .chain(ghosts.iter().map(geometry::node_rect))
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

/// The drawing's box in canvas units: the content plus margins and the title band (the SVG
/// adds the notes under it, see [`page_box`]).
pub fn view_box(design: &Design) -> Rect {
    view_box_with(design, None)
}

/// Height of one legend line of an overlay.
const LEGEND_LINE: f32 = 18.0;

/// [`view_box`] with room for an overlay's ghosts and, under the drawing, its legend.
pub fn view_box_with(design: &Design, overlay: Option<&Overlay>) -> Rect {
    let b = bounds_with(design, overlay);
    let legend = overlay.map_or(0.0, |o| legend_height(o) + MARGIN / 2.0);
    // Wide enough for the whole title beside the findings summary (up to a limit).
    let title = text_width(&design.metadata.title, TITLE_FONT).min(MAX_TITLE_WIDTH)
        + 2.0 * MARGIN
        + SUMMARY_ROOM;
    Rect::new(
        b.x - MARGIN,
        b.y - MARGIN - TITLE_BAND,
        (b.w + 2.0 * MARGIN)
            .max(if overlay.is_some() { 560.0 } else { 320.0 })
            .max(title),
        b.h + 2.0 * MARGIN + TITLE_BAND + legend,
    )
}

/// The whole page in canvas units: [`view_box_with`] and, under it, the notes listing the
/// captions that had no free place beside their edge (see [`geometry::CaptionBox::note`]).
/// What the SVG of [`diagram_with_overlay`] measures.
pub fn page_box(
    design: &Design,
    analysis: &Analysis,
    options: &Options,
    overlay: Option<&Overlay>,
) -> Rect {
    let overlay = overlay.filter(|o| o.fits(design));
    page(design, overlay, &caption_boxes(design, analysis, options)).0
}

/// [`page_box`] for captions already placed, with their notes.
fn page(
    design: &Design,
    overlay: Option<&Overlay>,
    captions: &[Option<CaptionBox>],
) -> (Rect, Notes) {
    let mut vb = view_box_with(design, overlay);
    let notes = Notes::of(captions, vb.w - 2.0 * MARGIN, vb.y + vb.h - MARGIN / 2.0);
    vb.h += notes.height();
    (vb, notes)
}

fn legend_height(o: &Overlay) -> f32 {
    (o.legend.len() + 1) as f32 * LEGEND_LINE + 16.0
}

/// A coordinate written with at most one decimal (`12`, `12.5`), straight into the output
/// (no string of its own).
#[derive(Clone, Copy)]
struct N(f32);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let tenths = (v * 10.0).round() as i64;
        let whole = tenths / 10;
        let fraction = (tenths % 10).abs();
        if fraction == 0 {
            write!(f, "{whole}")
        } else if tenths < 0 && whole == 0 {
            write!(f, "-0.{fraction}")
        } else {
            write!(f, "{whole}.{fraction}")
        }
    }
}

/// Findings attached to one node or edge: active and suppressed counts, the worst active
/// severity, and the messages (for the tooltip).
#[derive(Default)]
struct Badge {
    active: usize,
    suppressed: usize,
    worst: Option<Severity>,
    lines: Vec<String>,
}

type Badges<'a> = HashMap<&'a str, Badge>;

/// Badges of nodes and edges, and the design-wide counts of active findings by severity. With
/// `labels`, each badge also gets its hover text, naming components by label as the boxes do;
/// without, only the counts and severities (where the badges are obstacles, not drawn).
fn badges<'a>(report: &'a Report, labels: Option<&Labels>) -> (Badges<'a>, Badges<'a>, [usize; 3]) {
    let mut nodes: Badges<'_> = HashMap::new();
    let mut edges: Badges<'_> = HashMap::new();
    let mut totals = [0usize; 3];
    for f in &report.findings {
        let line = labels.map(|labels| {
            let message = labels.readable(&f.message);
            match &f.suppressed {
                None => format!("{} ({}): {message}", f.rule, f.severity.key()),
                Some(_) => format!("{} (suppressed): {message}", f.rule),
            }
        });
        let add = |b: &mut Badge| {
            if f.suppressed.is_some() {
                b.suppressed += 1;
            } else {
                b.active += 1;
                b.worst = Some(b.worst.map_or(f.severity, |w| w.min(f.severity)));
            }
            if let Some(line) = &line
                && b.lines.len() < 8
            {
                b.lines.push(line.clone());
            }
        };
        for id in &f.nodes {
            add(nodes.entry(id.as_str()).or_default());
        }
        for id in &f.edges {
            add(edges.entry(id.as_str()).or_default());
        }
        if f.suppressed.is_none() {
            totals[severity_slot(f.severity)] += 1;
        }
    }
    (nodes, edges, totals)
}

fn severity_slot(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Renders the whole design as a standalone SVG 1.1 document, with finding badges from
/// `report` (unless `options.findings` is off) and no capacity pills.
pub fn render(design: &Design, report: &Report, options: &Options) -> String {
    render_with(design, report, None, options)
}

/// The diagram of a design with its findings and capacity pills, as SVG.
pub fn diagram(design: &Design, analysis: &Analysis, options: &Options) -> String {
    render_with(design, &analysis.report, Some(&analysis.estimate), options)
}

/// [`diagram`] with a review overlay (a failure picture, a diff) drawn over it and its legend
/// under it.
pub fn diagram_with_overlay(
    design: &Design,
    analysis: &Analysis,
    options: &Options,
    overlay: Option<&Overlay>,
) -> String {
    draw(
        design,
        &analysis.report,
        Some(&analysis.estimate),
        options,
        overlay,
    )
}

/// The SVG file of a design: [`diagram_with_overlay`] with the bundled fonts its text uses
/// embedded (cut to those glyphs), so it looks the same in any viewer. What `archway export
/// x.svg` writes and the HTML report embeds; the PNG and PDF draw [`diagram_with_overlay`].
pub fn document(
    design: &Design,
    analysis: &Analysis,
    options: &Options,
    overlay: Option<&Overlay>,
) -> String {
    super::webfont::embed(diagram_with_overlay(design, analysis, options, overlay))
}

/// [`render`], plus a utilisation pill on every node the estimate has a figure for.
pub fn render_with(
    design: &Design,
    report: &Report,
    estimate: Option<&Estimate>,
    options: &Options,
) -> String {
    draw(design, report, estimate, options, None)
}

fn draw(
    design: &Design,
    report: &Report,
    estimate: Option<&Estimate>,
    options: &Options,
    overlay: Option<&Overlay>,
) -> String {
    let overlay = overlay.filter(|o| o.fits(design));
    let pal = palette(options.theme);
    let (node_badges, edge_badges, totals) = if options.findings {
        badges(report, Some(&Labels::of(design)))
    } else {
        Default::default()
    };
    // The same routes and caption places as the canvas (see `geometry::Router`).
    let router = geometry::Router::new(design);
    let routes = router.routes();
    let captions = captions(
        design,
        &router,
        &routes,
        (&node_badges, &edge_badges),
        estimate,
    );
    let (vb, notes) = page(design, overlay, &captions);
    let mut out =
        String::with_capacity(1024 + design.nodes.len() * 1500 + design.edges.len() * 500);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"{x} {y} {w} {h}\" font-family=\"{FONT_FAMILY}\">\n",
        x = N(vb.x),
        y = N(vb.y),
        w = N(vb.w),
        h = N(vb.h),
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
        N(vb.x),
        N(vb.y),
        N(vb.w),
        N(vb.h),
        pal.background.hex()
    );

    // Title band.
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{TITLE_FONT}\" fill=\"{}\">",
        N(vb.x + MARGIN),
        N(vb.y + MARGIN),
        pal.text.hex()
    );
    push_xml(
        &mut out,
        &fit_text(
            &design.metadata.title,
            TITLE_FONT,
            vb.w - 2.0 * MARGIN - SUMMARY_ROOM,
        ),
    );
    out.push_str("</text>\n");
    if options.findings {
        let summary = [Severity::Error, Severity::Warning, Severity::Info]
            .iter()
            .map(|&s| {
                let c = totals[severity_slot(s)];
                let plural = c != 1 && s != Severity::Info;
                format!("{c} {}{}", s.key(), if plural { "s" } else { "" })
            })
            .collect::<Vec<_>>()
            .join(" · ");
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\" fill=\"{}\">{}</text>",
            N(vb.x + vb.w - MARGIN),
            N(vb.y + MARGIN),
            pal.muted.hex(),
            summary
        );
    }

    containers(&mut out, design, &pal);
    if let Some(o) = overlay {
        overlay_lines(&mut out, design, o);
    }
    edges(&mut out, design, &pal, &edge_badges, (&routes, &captions));
    nodes(&mut out, design, &pal, &node_badges, estimate);
    // A caption with no free place and no room for its marker covers something: it is drawn
    // over the nodes, on its background, rather than hidden under one.
    let over: Vec<&CaptionBox> = captions
        .iter()
        .flatten()
        .filter(|c| !c.clear && c.note.is_none())
        .collect();
    if !over.is_empty() {
        out.push_str("<g class=\"captions-over\">\n");
        for c in over {
            caption_svg(&mut out, c, &pal);
        }
        out.push_str("</g>\n");
    }
    if let Some(o) = overlay {
        overlay_marks(&mut out, design, o, &pal);
        legend(&mut out, design, o, &pal, &vb);
    }
    notes.svg(&mut out, vb.x + MARGIN, &pal);
    out.push_str("</svg>\n");
    out
}

/// The overlay's class name of a tone (`overlay-failed`), for styling and for tests.
fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Failed => "overlay-failed",
        Tone::Lost => "overlay-lost",
        Tone::Degraded => "overlay-degraded",
        Tone::Added => "overlay-added",
        Tone::Removed => "overlay-removed",
        Tone::Changed => "overlay-changed",
        Tone::Load(_) => "overlay-load",
    }
}

/// The overlay's marks under the edges (so captions stay readable): tone outlines on
/// containers and a wide tone band under each marked edge.
fn overlay_lines(out: &mut String, design: &Design, o: &Overlay) {
    out.push_str("<g class=\"overlay\" fill=\"none\">\n");
    for (c, container) in design.containers.iter().enumerate() {
        let Some(t) = o.container(c) else { continue };
        let r = container.rect;
        let _ = writeln!(
            out,
            "<rect class=\"{}\" data-id=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" stroke=\"{}\" stroke-width=\"3\" stroke-dasharray=\"10 5\"/>",
            tone_class(t),
            xml(container.id.as_str()),
            N(r.x),
            N(r.y),
            N(r.w),
            N(r.h),
            t.color().hex()
        );
    }
    let router = geometry::Router::new(design);
    let routes = router.routes();
    for (e, edge) in design.edges.iter().enumerate() {
        let (Some(t), Some(Some(route))) = (o.edge(e), routes.get(e)) else {
            continue;
        };
        let mut d = format!("M{},{}", N(route.start().x), N(route.start().y));
        for piece in route.path() {
            let _ = match piece {
                geometry::PathPiece::Line(p) => write!(d, " L{},{}", N(p.x), N(p.y)),
                geometry::PathPiece::Corner { ctrl, to } => {
                    write!(d, " Q{},{} {},{}", N(ctrl.x), N(ctrl.y), N(to.x), N(to.y))
                }
            };
        }
        let _ = writeln!(
            out,
            "<path class=\"{}\" data-id=\"{}\" d=\"{d}\" stroke=\"{}\" stroke-width=\"6\" stroke-opacity=\"0.55\"/>",
            tone_class(t),
            xml(edge.id.as_str()),
            t.color().hex()
        );
    }
    out.push_str("</g>\n");
}

/// The overlay's marks over the nodes: thick tone outlines (a tinted fill on failed and lost
/// ones, a cross on failed ones), then the ghosts of removed components.
fn overlay_marks(out: &mut String, design: &Design, o: &Overlay, pal: &Palette) {
    out.push_str("<g class=\"overlay\" fill=\"none\">\n");
    for (n, node) in design.nodes.iter().enumerate() {
        let Some(t) = o.node(n) else { continue };
        let r = geometry::node_rect(node);
        let color = t.color().hex();
        let tint = matches!(t, Tone::Failed | Tone::Lost);
        let _ = write!(
            out,
            "<rect class=\"{}\" data-id=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"9\" stroke=\"{color}\" stroke-width=\"3.5\"{}/>",
            tone_class(t),
            xml(node.id.as_str()),
            N(r.x - 2.0),
            N(r.y - 2.0),
            N(r.w + 4.0),
            N(r.h + 4.0),
            if tint {
                format!(" fill=\"{color}\" fill-opacity=\"0.12\"")
            } else {
                String::new()
            }
        );
        if t.crossed() {
            let _ = write!(
                out,
                "<path d=\"M{},{} L{},{} M{},{} L{},{}\" stroke=\"{color}\" stroke-width=\"3\" stroke-opacity=\"0.8\"/>",
                N(r.x + 6.0),
                N(r.y + 6.0),
                N(r.x + r.w - 6.0),
                N(r.y + r.h - 6.0),
                N(r.x + r.w - 6.0),
                N(r.y + 6.0),
                N(r.x + 6.0),
                N(r.y + r.h - 6.0)
            );
        }
        out.push('\n');
    }
    let ghost = Tone::Removed.color().hex();
    for node in &o.ghosts {
        let r = geometry::node_rect(node);
        let _ = write!(
            out,
            "<g class=\"{}\" data-id=\"{}\" opacity=\"0.7\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{}\" stroke=\"{ghost}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"{ghost}\">",
            tone_class(Tone::Removed),
            xml(node.id.as_str()),
            N(r.x),
            N(r.y),
            N(r.w),
            N(r.h),
            pal.node_fill.hex(),
            N(r.x + 10.0),
            N(r.y + r.h / 2.0 + 4.0)
        );
        push_xml(
            out,
            &fit_text(
                &format!("{} (removed)", node.display_label()),
                13.0,
                r.w - 20.0,
            ),
        );
        out.push_str("</text></g>\n");
    }
    out.push_str("</g>\n");
}

/// The overlay's title and legend in a box under the drawing.
fn legend(out: &mut String, design: &Design, o: &Overlay, pal: &Palette, vb: &Rect) {
    let b = bounds_with(design, Some(o));
    let x = vb.x + MARGIN;
    let top = b.y + b.h + MARGIN / 2.0;
    let w = vb.w - 2.0 * MARGIN;
    let _ = write!(
        out,
        "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>",
        N(x),
        N(top),
        N(w),
        N(legend_height(o)),
        pal.node_fill.hex(),
        pal.muted.hex()
    );
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\" fill=\"{}\">",
        N(x + 10.0),
        N(top + 8.0 + LEGEND_LINE * 0.75),
        pal.text.hex()
    );
    push_xml(out, &fit_text(&o.title, 14.0, w - 20.0));
    out.push_str("</text>");
    for (i, line) in o.legend.iter().enumerate() {
        let y = top + 8.0 + (i + 1) as f32 * LEGEND_LINE;
        let mut text_x = x + 10.0;
        if let Some(t) = line.tone {
            let _ = write!(
                out,
                "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{}\"/>",
                tone_class(t),
                N(x + 10.0),
                N(y + 3.0),
                t.color().hex()
            );
            text_x += 18.0;
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"{}\">",
            N(text_x),
            N(y + 13.0),
            pal.text.hex()
        );
        push_xml(out, &fit_text(&line.text, 12.0, x + w - text_x - 10.0));
        out.push_str("</text>");
    }
    out.push_str("</g>\n");
}

fn containers(out: &mut String, design: &Design, pal: &Palette) {
    out.push_str("<g class=\"containers\">\n");
    for i in super::containers::Containers::new(design).outermost_first() {
        let c = &design.containers[i];
        let r = c.rect;
        let color = geometry::container_color(c.kind).hex();
        let _ = write!(
            out,
            "<g><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{color}\" fill-opacity=\"{}\" stroke=\"{color}\" stroke-opacity=\"0.8\" stroke-width=\"1.2\"/>",
            N(r.x + 0.6),
            N(r.y + 0.6),
            N((r.w - 1.2).max(0.0)),
            N((r.h - 1.2).max(0.0)),
            pal.container_fill_opacity,
        );
        // Label band as on the canvas: the name in text colour, then the kind in the tint.
        if r.w > 70.0 && r.h > 20.0 {
            let size = 13.0;
            let kind_name = catalog::container_info(c.kind).name;
            let room = r.w - 16.0;
            let label = fit_text(c.display_label(), size, room);
            let label_w = text_width(&label, size);
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{size}\" fill=\"{}\">",
                N(r.x + 8.0),
                N(r.y + 18.0),
                pal.text.hex()
            );
            push_xml(out, &label);
            let kind_room = room - label_w - size * 0.6;
            if kind_room > 20.0 {
                let _ = write!(
                    out,
                    "<tspan dx=\"{}\" font-size=\"{}\" fill=\"{color}\">",
                    N(size * 0.6),
                    N(size * 0.85)
                );
                push_xml(out, &fit_text(kind_name, size * 0.85, kind_room));
                out.push_str("</tspan>");
            }
            out.push_str("</text>");
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// An edge caption as the exports draw it (see [`geometry::CaptionBox`]).
pub use crate::geometry::CaptionBox;

/// The captions of every edge as [`diagram`] draws them with `options` (parallel to
/// `design.edges`; `None` for an edge with no caption or no route): wrapped and placed by
/// [`geometry::layout_captions`], clear of the nodes, the finding badges and the capacity
/// pills of `analysis`.
pub fn caption_boxes(
    design: &Design,
    analysis: &Analysis,
    options: &Options,
) -> Vec<Option<CaptionBox>> {
    let router = geometry::Router::new(design);
    let (node_badges, edge_badges, _) = if options.findings {
        badges(&analysis.report, None)
    } else {
        Default::default()
    };
    captions(
        design,
        &router,
        &router.routes(),
        (&node_badges, &edge_badges),
        Some(&analysis.estimate),
    )
}

/// [`caption_boxes`] on routes already made by `router`, with the edge badges and capacity
/// pills drawn.
fn captions(
    design: &Design,
    router: &geometry::Router,
    routes: &[Option<geometry::EdgeRoute>],
    (node_badges, edge_badges): (&Badges<'_>, &Badges<'_>),
    estimate: Option<&Estimate>,
) -> Vec<Option<CaptionBox>> {
    let texts: Vec<geometry::CaptionText> = design
        .edges
        .iter()
        .map(|e| geometry::CaptionText {
            text: geometry::edge_caption(e),
            badge: edge_badges.contains_key(e.id.as_str()),
        })
        .collect();
    let mut obstacles = geometry::Obstacles::of(design, |i| {
        node_badges.contains_key(design.nodes[i].id.as_str())
    });
    if let Some(est) = estimate {
        for (node, n) in design.nodes.iter().zip(&est.nodes) {
            if let Some(text) = n.pill_text() {
                obstacles.hard.push(geometry::caption::capacity_pill_rect(
                    &geometry::node_rect(node),
                    &text,
                ));
            }
        }
    }
    geometry::layout_captions(
        routes,
        &texts,
        router.nodes(),
        &obstacles,
        geometry::caption::CaptionStyle::EXPORT,
    )
}

/// One caption on its background box, or the numbered marker of a caption moved to the
/// notes.
fn caption_svg(out: &mut String, c: &CaptionBox, pal: &Palette) {
    let r = c.rect;
    let cx = r.x + r.w / 2.0;
    if let Some(n) = c.note {
        let _ = write!(
            out,
            "<rect class=\"note-marker\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/><text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{}\">{n}</text>",
            N(r.x),
            N(r.y),
            N(r.w),
            N(r.h),
            pal.background.hex(),
            pal.muted.hex(),
            N(cx),
            N(r.y + r.h / 2.0 + c.font * 0.36),
            N(c.font),
            pal.text.hex(),
        );
        return;
    }
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\" fill-opacity=\"0.9\"/>",
        N(r.x),
        N(r.y),
        N(r.w),
        N(r.h),
        pal.background.hex(),
    );
    for (j, line) in c.lines.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{}\">",
            N(cx),
            N(c.baseline(j)),
            N(c.font),
            pal.muted.hex()
        );
        push_xml(out, line);
        out.push_str("</text>");
    }
}

/// Font size of the notes under the drawing.
const NOTE_FONT: f32 = 11.0;
/// Height of one line of the notes.
const NOTE_LINE: f32 = 16.0;

/// The captions that had no free place beside their edge, listed under the drawing by the
/// number of their marker.
struct Notes {
    /// Each note's number and its caption's lines wrapped to the width.
    items: Vec<(usize, Vec<String>)>,
    /// Top of the first line, in canvas units.
    top: f32,
}

impl Notes {
    /// The notes of `captions`, wrapped to `width`, starting at `top`.
    fn of(captions: &[Option<CaptionBox>], width: f32, top: f32) -> Self {
        let items = captions
            .iter()
            .flatten()
            .filter_map(|c| {
                let n = c.note?;
                let text = c.lines.join(" ");
                let lines = wrap_text(&text, NOTE_FONT, (width - 28.0).max(80.0), 6);
                Some((n, lines))
            })
            .collect();
        Self { items, top }
    }

    /// The height the notes add under the drawing.
    fn height(&self) -> f32 {
        let lines: usize = self.items.iter().map(|(_, l)| l.len()).sum();
        if lines == 0 {
            0.0
        } else {
            lines as f32 * NOTE_LINE + 8.0
        }
    }

    /// The notes from `x`: each number in a marker like the one on its edge, then its text.
    fn svg(&self, out: &mut String, x: f32, pal: &Palette) {
        if self.items.is_empty() {
            return;
        }
        out.push_str("<g class=\"notes\">\n");
        let mut y = self.top;
        for (n, lines) in &self.items {
            let side = geometry::caption::NOTE_MARKER;
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{side}\" height=\"{side}\" rx=\"3\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/><text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\" fill=\"{}\">{n}</text>",
                N(x),
                N(y + (NOTE_LINE - side) / 2.0),
                pal.background.hex(),
                pal.muted.hex(),
                N(x + side / 2.0),
                N(y + NOTE_LINE / 2.0 + 9.0 * 0.36),
                pal.text.hex(),
            );
            for line in lines {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{NOTE_FONT}\" fill=\"{}\">",
                    N(x + side + 8.0),
                    N(y + NOTE_LINE / 2.0 + NOTE_FONT * 0.36),
                    pal.text.hex()
                );
                push_xml(out, line);
                out.push_str("</text>\n");
                y += NOTE_LINE;
            }
        }
        out.push_str("</g>\n");
    }
}

fn edges(
    out: &mut String,
    design: &Design,
    pal: &Palette,
    badges: &Badges<'_>,
    (routes, captions): (&[Option<geometry::EdgeRoute>], &[Option<CaptionBox>]),
) {
    let color = pal.edge.hex();
    let background = pal.background.hex();
    let mut d = String::with_capacity(64);
    out.push_str("<g class=\"edges\" fill=\"none\">\n");
    for (i, e) in design.edges.iter().enumerate() {
        let Some(Some(route)) = routes.get(i) else {
            continue;
        };
        let style = geometry::edge_style(e.kind);
        out.push_str("<g><title>");
        push_xml(out, e.id.as_str());
        out.push_str(" (");
        out.push_str(e.kind.label());
        out.push_str(")</title>");
        d.clear();
        let _ = write!(d, "M{},{}", N(route.start().x), N(route.start().y));
        for piece in route.path() {
            let _ = match piece {
                geometry::PathPiece::Line(p) => write!(d, " L{},{}", N(p.x), N(p.y)),
                geometry::PathPiece::Corner { ctrl, to } => {
                    write!(d, " Q{},{} {},{}", N(ctrl.x), N(ctrl.y), N(to.x), N(to.y))
                }
            };
        }
        if style.double {
            // Two parallel lines: a wide stroke with the background drawn down its middle.
            let _ = write!(
                out,
                "<path d=\"{d}\" stroke=\"{color}\" stroke-width=\"5.8\"/><path d=\"{d}\" stroke=\"{background}\" stroke-width=\"3\"/>"
            );
        } else {
            let dash = if style.dashed {
                " stroke-dasharray=\"7 5\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<path d=\"{d}\" stroke=\"{color}\" stroke-width=\"1.4\"{dash}/>"
            );
        }
        let end = route.end();
        if style.arrow {
            let [p, q] = geometry::arrowhead(route.before_end(), end, 10.0);
            let _ = write!(
                out,
                "<polygon points=\"{},{} {},{} {},{}\" fill=\"{color}\"/>",
                N(end.x),
                N(end.y),
                N(p.x),
                N(p.y),
                N(q.x),
                N(q.y)
            );
        }
        let caption = captions.get(i).and_then(Option::as_ref);
        let mut badge_at = Pos::new(route.mid().x, route.mid().y - 20.0);
        let radius = caption.map_or(geometry::caption::EDGE_BADGE_RADIUS, |c| c.badge_radius);
        if let Some(c) = caption {
            if c.clear || c.note.is_some() {
                caption_svg(out, c, pal);
            }
            badge_at = c
                .badge
                .unwrap_or(Pos::new(c.rect.x + c.rect.w / 2.0, c.rect.y - 12.0));
        }
        if let Some(badge) = badges.get(e.id.as_str()) {
            badge_svg(out, badge, badge_at, radius, pal);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// The caption drawn on an edge (see [`geometry::edge_caption`]).
pub fn edge_caption(e: &crate::model::Edge) -> String {
    geometry::edge_caption(e)
}

fn nodes(
    out: &mut String,
    design: &Design,
    pal: &Palette,
    badges: &Badges<'_>,
    estimate: Option<&Estimate>,
) {
    let (fill, text, muted) = (pal.node_fill.hex(), pal.text.hex(), pal.muted.hex());
    out.push_str("<g class=\"nodes\">\n");
    for (i, node) in design.nodes.iter().enumerate() {
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
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{}\" stroke=\"{accent}\" stroke-width=\"1.5\"/>",
            N(r.x + 0.75),
            N(r.y + 0.75),
            N(r.w - 1.5),
            N(r.h - 1.5),
            fill
        );
        // Icon, then label and kind, laid out as on the canvas.
        let icon_size = (r.h * 0.55).min(40.0);
        let icon_x = r.x + r.h * 0.22;
        let icon_y = r.y + r.h / 2.0 - icon_size / 2.0;
        out.push_str(&geometry::icons::node_icon_svg(
            node.kind, icon_x, icon_y, icon_size, &accent,
        ));
        let left = icon_x + icon_size + 8.0;
        let max_w = (r.x + r.w - left - 6.0).max(4.0);
        let size = 13.0;
        let sub = match (&node.props.tech, node.label.is_empty()) {
            (Some(tech), true) => Some(tech.clone()),
            (Some(tech), false) => Some(format!("{} · {tech}", info.name)),
            (None, false) => Some(info.name.to_owned()),
            (None, true) => None,
        };
        // Up to two lines of label, then the kind line, centred as on the canvas.
        let lines = wrap_text(node.display_label(), size, max_w, 2);
        let line_h = size * 1.2;
        let sub_size = size * 0.8;
        let block = lines.len() as f32 * line_h + if sub.is_some() { sub_size * 1.2 } else { 0.0 };
        let top = r.y + r.h / 2.0 - block / 2.0;
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{size}\" fill=\"{}\">",
                N(left),
                N(top + k as f32 * line_h + size * 0.95),
                text
            );
            push_xml(out, line);
            out.push_str("</text>");
        }
        let cy = top + lines.len() as f32 * line_h - 2.0;
        if let Some(sub) = sub {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">",
                N(left),
                N(cy + 2.0 + sub_size),
                N(sub_size),
                muted
            );
            push_xml(out, &fit_text(&sub, sub_size, max_w));
            out.push_str("</text>");
        }
        if let Some(badge) = badges.get(node.id.as_str()) {
            let (x, y) = geometry::caption::node_badge_centre(&r);
            badge_svg(
                out,
                badge,
                Pos::new(x, y),
                geometry::caption::NODE_BADGE_RADIUS,
                pal,
            );
        }
        if let Some(est) = estimate.and_then(|e| e.nodes.get(i)) {
            capacity_pill(out, est, &r);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

fn badge_svg(out: &mut String, badge: &Badge, at: Pos, radius: f32, pal: &Palette) {
    let (fill, stroke, text_color, count) = match badge.worst {
        Some(worst) => {
            let c = severity_color(worst).hex();
            (c, pal.node_fill.hex(), "#ffffff".to_owned(), badge.active)
        }
        // Only suppressed findings: a hollow badge.
        None => {
            let c = pal.muted.hex();
            (pal.node_fill.hex(), c.clone(), c, badge.suppressed)
        }
    };
    out.push_str("<g class=\"badge\"><title>");
    push_xml(out, &badge.lines.join("; "));
    out.push_str("</title>");
    let _ = write!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{text_color}\">{}</text></g>",
        N(at.x),
        N(at.y),
        N(radius),
        N(at.x),
        N(at.y + radius * 0.45),
        N(radius * 1.25),
        count.min(99)
    );
}

fn capacity_pill(out: &mut String, est: &NodeEstimate, r: &Rect) {
    let Some(text) = est.pill_text() else {
        return;
    };
    let size = geometry::caption::CAPACITY_PILL_FONT;
    let pill = geometry::caption::capacity_pill_rect(r, &text);
    let (x, y, w, h) = (pill.x, pill.y, pill.w, pill.h);
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"{size}\" fill=\"#ffffff\">{}</text>",
        N(x),
        N(y),
        N(w),
        N(h),
        N(h / 2.0),
        status_color(est.status).hex(),
        N(x + 4.0),
        N(y + h / 2.0 + size * 0.36),
        xml(&text)
    );
}
