//! draw.io export: uncompressed mxGraph XML. Containers become group cells holding their
//! children (child geometry relative to the parent, as draw.io expects), nodes get a style that
//! reflects their kind, edges keep source, target, label and the canvas's route (exit and entry
//! points, corners as waypoints). Labels are plain text (`html=0`). Every node and container
//! style names its Archway kind (`archwayKind=sql_db`), so importing the file back keeps kinds.

use super::containers::Containers;
use super::escape::xml;
use crate::geometry;
use crate::model::{Design, EdgeKind, NodeKind, Rect, catalog};
use std::collections::HashSet;
use std::fmt::Write as _;

/// A light tint of `c` for fills (mixed 85 % towards white), for the formats that fill shapes
/// themselves (draw.io, Excalidraw).
pub(super) fn tint(c: geometry::Rgb) -> String {
    let mix = |v: u8| (f32::from(v) + (255.0 - f32::from(v)) * 0.85).round() as u8;
    geometry::Rgb(mix(c.0), mix(c.1), mix(c.2)).hex()
}

/// The draw.io shape part of a node's style.
fn node_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Client => "ellipse;",
        NodeKind::Dns | NodeKind::Cdn | NodeKind::ExternalService => "ellipse;shape=cloud;",
        NodeKind::Cache => "shape=hexagon;perimeter=hexagonPerimeter2;size=0.15;",
        NodeKind::MessageQueue | NodeKind::Stream | NodeKind::PubSubTopic => "shape=process;",
        NodeKind::LoadBalancer
        | NodeKind::ApiGateway
        | NodeKind::NatGateway
        | NodeKind::InternetGateway
        | NodeKind::VpnGateway
        | NodeKind::Firewall => "rounded=1;arcSize=40;",
        NodeKind::Generic => "rounded=1;dashed=1;",
        k if k.is_store() => "shape=cylinder3;boundedLbl=1;backgroundOutline=1;size=8;",
        _ => "rounded=1;",
    }
}

/// The full style of a node cell.
pub fn node_style(kind: NodeKind) -> String {
    let info = catalog::node_info(kind);
    let color = geometry::category_color(info.category);
    format!(
        "{}whiteSpace=wrap;html=0;fillColor={};strokeColor={};strokeWidth=2;fontColor=#1f2937;archwayKind={};",
        node_shape(kind),
        tint(color),
        color.hex(),
        info.key
    )
}

/// The full style of an edge cell.
pub fn edge_style(kind: EdgeKind) -> String {
    let s = geometry::edge_style(kind);
    let mut style = String::from("html=0;endArrow=block;endFill=1;strokeColor=#475569;");
    if s.dashed {
        style.push_str("dashed=1;");
    }
    if s.double {
        style.push_str("shape=link;");
    }
    if !s.arrow {
        style.push_str("endArrow=none;");
    }
    style
}

fn num(v: f32) -> String {
    let v = if v.is_finite() { v.round() } else { 0.0 };
    format!("{}", v as i64)
}

fn geometry_xml(out: &mut String, r: Rect, origin: (f32, f32)) {
    let _ = write!(
        out,
        "<mxGeometry x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" as=\"geometry\"/>",
        num(r.x - origin.0),
        num(r.y - origin.1),
        num(r.w),
        num(r.h)
    );
}

/// The design as a draw.io file.
pub fn render(design: &Design) -> String {
    let mut out = String::with_capacity(512 + design.nodes.len() * 400);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<mxfile host=\"archway\" type=\"device\">\n");
    let _ = writeln!(
        out,
        "  <diagram id=\"archway\" name=\"{}\">",
        xml(&design.metadata.title)
    );
    out.push_str("    <mxGraphModel grid=\"1\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" connect=\"1\" arrows=\"1\" fold=\"1\" page=\"0\" pageScale=\"1\" math=\"0\" shadow=\"0\">\n");
    out.push_str(
        "      <root>\n        <mxCell id=\"0\"/>\n        <mxCell id=\"1\" parent=\"0\"/>\n",
    );

    let tree = Containers::new(design);
    let cell_id = |prefix: &str, id: &str| xml(&format!("{prefix}-{id}"));
    let origin_of = |c: Option<usize>| {
        c.map(|c| {
            let r = design.containers[c].rect;
            (r.x, r.y)
        })
        .unwrap_or((0.0, 0.0))
    };
    let parent_cell = |c: Option<usize>| match c {
        Some(c) => cell_id("container", design.containers[c].id.as_str()),
        None => "1".to_owned(),
    };

    // Parents before children: draw.io resolves a cell's parent when it reads the cell.
    for i in tree.outermost_first() {
        let c = &design.containers[i];
        let parent = tree.parent(i);
        let color = geometry::container_color(c.kind);
        let dashed = matches!(
            c.kind,
            crate::model::ContainerKind::PublicSubnet | crate::model::ContainerKind::PrivateSubnet
        );
        let value = super::containers::title(c);
        let _ = write!(
            out,
            "        <mxCell id=\"{}\" value=\"{}\" style=\"rounded=1;arcSize=3;container=1;collapsible=0;html=0;whiteSpace=wrap;verticalAlign=top;align=left;spacingLeft=8;fillColor={};strokeColor={};fontColor={};{}archwayKind={};\" vertex=\"1\" parent=\"{}\">",
            cell_id("container", c.id.as_str()),
            xml(&value),
            tint(color),
            color.hex(),
            color.hex(),
            if dashed { "dashed=1;" } else { "" },
            catalog::container_info(c.kind).key,
            parent_cell(parent)
        );
        geometry_xml(&mut out, c.rect, origin_of(parent));
        out.push_str("</mxCell>\n");
    }

    let mut node_ids = HashSet::new();
    for node in &design.nodes {
        let rect = geometry::node_rect(node);
        node_ids.insert(node.id.as_str());
        let parent = tree.of_node(node);
        let _ = write!(
            out,
            "        <mxCell id=\"{}\" value=\"{}\" style=\"{}\" vertex=\"1\" parent=\"{}\">",
            cell_id("node", node.id.as_str()),
            xml(node.display_label()),
            node_style(node.kind),
            parent_cell(parent)
        );
        geometry_xml(&mut out, rect, origin_of(parent));
        out.push_str("</mxCell>\n");
    }

    // The canvas's routes: exit and entry points on the boxes, and the corners as waypoints.
    let router = geometry::Router::new(design);
    for (i, e) in design.edges.iter().enumerate() {
        // An end may be a container ("any member"): draw.io connects to its cell too.
        let end_cell = |id: &str| {
            if node_ids.contains(id) {
                Some(cell_id("node", id))
            } else if design.container(id).is_some() {
                Some(cell_id("container", id))
            } else {
                None
            }
        };
        let (Some(source), Some(target)) = (end_cell(e.from.as_str()), end_cell(e.to.as_str()))
        else {
            continue;
        };
        let route = router.route(i);
        let ends = router.ends().get(i).copied().flatten();
        let mut style = edge_style(e.kind);
        let mut points = String::new();
        if let (Some(route), Some((a, b))) = (route, ends) {
            let rects = router.nodes().rects();
            let rel = |r: &Rect, p: crate::model::Pos| {
                // Three decimals, without trailing zeros.
                let f = |v: f32| {
                    let v = if v.is_finite() {
                        v.clamp(0.0, 1.0)
                    } else {
                        0.5
                    };
                    (v * 1000.0).round() / 1000.0
                };
                (f((p.x - r.x) / r.w), f((p.y - r.y) / r.h))
            };
            let (sx, sy) = rel(&rects[a], route.start());
            let (ex, ey) = rel(&rects[b], route.end());
            let _ = write!(
                style,
                "rounded=1;exitX={sx};exitY={sy};exitDx=0;exitDy=0;entryX={ex};entryY={ey};entryDx=0;entryDy=0;"
            );
            let pts = route.points();
            if pts.len() > 2 {
                points.push_str("<mxGeometry relative=\"1\" as=\"geometry\"><Array as=\"points\">");
                for p in &pts[1..pts.len() - 1] {
                    let _ = write!(points, "<mxPoint x=\"{}\" y=\"{}\"/>", num(p.x), num(p.y));
                }
                points.push_str("</Array></mxGeometry>");
            }
        }
        if points.is_empty() {
            points.push_str("<mxGeometry relative=\"1\" as=\"geometry\"/>");
        }
        let _ = writeln!(
            out,
            "        <mxCell id=\"{}\" value=\"{}\" style=\"{}\" edge=\"1\" parent=\"1\" source=\"{}\" target=\"{}\">{points}</mxCell>",
            cell_id("edge", e.id.as_str()),
            xml(&super::svg::edge_caption(e)),
            style,
            source,
            target,
        );
    }
    out.push_str("      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
    out
}
