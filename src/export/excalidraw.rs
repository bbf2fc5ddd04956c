//! Excalidraw export: the design as an `.excalidraw` scene. Containers become dashed rectangles
//! (outermost first, so they sit below what they hold) with their title at the top, nodes become
//! shapes with their label bound inside, edges become arrows bound to both ends along the
//! canvas's route. Each shape carries its Archway kind in `customData`, so the import reads the
//! scene back exactly (`archway export d.archway.ron -o d.excalidraw`, edit it in Excalidraw,
//! `archway import d.excalidraw`).

use super::containers::Containers;
use super::drawio::tint;
use crate::geometry;
use crate::model::{Design, NodeKind, Rect, catalog};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The font size of labels, in canvas units.
const FONT_SIZE: f32 = 16.0;
/// Excalidraw's line height for its fonts, as a multiple of the font size.
const LINE_HEIGHT: f32 = 1.25;

/// Excalidraw's shape for a node kind (it has rectangles, ellipses and diamonds).
fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Client | NodeKind::Dns | NodeKind::Cdn | NodeKind::ExternalService => "ellipse",
        _ => "rectangle",
    }
}

fn finite(v: f32) -> f32 {
    if v.is_finite() { v } else { 0.0 }
}

/// Every element starts from these fields: Excalidraw fills in any it misses, but a scene
/// with all of them opens the same in every version.
fn base(id: &str, kind: &str, r: Rect, stroke: &str, fill: &str, n: usize) -> Value {
    json!({
        "id": id,
        "type": kind,
        "x": finite(r.x),
        "y": finite(r.y),
        "width": finite(r.w),
        "height": finite(r.h),
        "angle": 0,
        "strokeColor": stroke,
        "backgroundColor": fill,
        "fillStyle": "solid",
        "strokeWidth": 2,
        "strokeStyle": "solid",
        "roughness": 0,
        "opacity": 100,
        "groupIds": [],
        "frameId": null,
        "roundness": null,
        "seed": 1 + n,
        "version": 1,
        "versionNonce": 1 + n,
        "isDeleted": false,
        "boundElements": [],
        "updated": 1,
        "link": null,
        "locked": false,
    })
}

/// A text element bound to `container_id`, laid over `r`.
fn bound_text(id: &str, container_id: &str, text: &str, r: Rect, top: bool, n: usize) -> Value {
    let lines = text.lines().count().max(1) as f32;
    let height = FONT_SIZE * LINE_HEIGHT * lines;
    let width =
        (text.lines().map(|l| l.chars().count()).max().unwrap_or(0) as f32 * FONT_SIZE * 0.55)
            .min(r.w.max(1.0));
    let (x, y) = if top {
        (r.x + 8.0, r.y + 6.0)
    } else {
        (r.x + (r.w - width) / 2.0, r.y + (r.h - height) / 2.0)
    };
    let mut t = base(
        id,
        "text",
        Rect {
            x,
            y,
            w: width,
            h: height,
        },
        "#1e1e1e",
        "transparent",
        n,
    );
    let extra = json!({
        "text": text,
        "originalText": text,
        "fontSize": FONT_SIZE,
        "fontFamily": 2,
        "textAlign": if top { "left" } else { "center" },
        "verticalAlign": if top { "top" } else { "middle" },
        "containerId": container_id,
        "autoResize": true,
        "lineHeight": LINE_HEIGHT,
    });
    merge(&mut t, extra);
    t
}

fn merge(into: &mut Value, extra: Value) {
    if let (Some(a), Value::Object(b)) = (into.as_object_mut(), extra) {
        a.extend(b);
    }
}

fn bind(shape: &mut Value, id: &str, kind: &str) {
    if let Some(list) = shape.get_mut("boundElements").and_then(Value::as_array_mut) {
        list.push(json!({ "id": id, "type": kind }));
    }
}

/// The design as an Excalidraw scene (JSON text).
pub fn render(design: &Design) -> String {
    let mut elements: Vec<Value> = Vec::with_capacity(
        design.containers.len() * 2 + design.nodes.len() * 2 + design.edges.len() * 2,
    );
    let tree = Containers::new(design);
    // The shape's element number by node or container id, for arrow bindings.
    let mut element_of: HashMap<&str, usize> = HashMap::new();

    for i in tree.outermost_first() {
        let c = &design.containers[i];
        let color = geometry::container_color(c.kind).hex();
        let id = format!("container-{}", c.id.as_str());
        let text_id = format!("{id}-label");
        let mut shape = base(
            &id,
            "rectangle",
            c.rect,
            &color,
            "transparent",
            elements.len(),
        );
        merge(
            &mut shape,
            json!({
                "strokeStyle": "dashed",
                "roundness": { "type": 3 },
                "customData": { "archwayContainer": c.kind.key(), "archwayId": c.id.as_str() },
            }),
        );
        bind(&mut shape, &text_id, "text");
        let label = bound_text(
            &text_id,
            &id,
            c.display_label(),
            c.rect,
            true,
            elements.len() + 1,
        );
        element_of.insert(c.id.as_str(), elements.len());
        elements.push(shape);
        elements.push(label);
    }

    for node in &design.nodes {
        let r = geometry::node_rect(node);
        let color = geometry::category_color(catalog::node_info(node.kind).category);
        let id = format!("node-{}", node.id.as_str());
        let text_id = format!("{id}-label");
        let mut shape = base(
            &id,
            shape(node.kind),
            r,
            &color.hex(),
            &tint(color),
            elements.len(),
        );
        merge(
            &mut shape,
            json!({
                "roundness": { "type": 3 },
                "customData": { "archwayKind": node.kind.key(), "archwayId": node.id.as_str() },
            }),
        );
        if node.kind == NodeKind::Generic {
            merge(&mut shape, json!({ "strokeStyle": "dashed" }));
        }
        bind(&mut shape, &text_id, "text");
        let label = bound_text(
            &text_id,
            &id,
            node.display_label(),
            r,
            false,
            elements.len() + 1,
        );
        element_of.insert(node.id.as_str(), elements.len());
        elements.push(shape);
        elements.push(label);
    }

    let router = geometry::Router::new(design);
    let mut arrows = Vec::new();
    for (i, e) in design.edges.iter().enumerate() {
        let end = |id: &str| element_of.get(id).copied();
        let (Some(from), Some(to)) = (end(e.from.as_str()), end(e.to.as_str())) else {
            continue;
        };
        let points: Vec<(f32, f32)> = match router.route(i) {
            Some(route) => route.points().iter().map(|p| (p.x, p.y)).collect(),
            None => {
                let centre = |v: &Value| {
                    let f = |k: &str| v.get(k).and_then(Value::as_f64).unwrap_or(0.0) as f32;
                    (f("x") + f("width") / 2.0, f("y") + f("height") / 2.0)
                };
                vec![centre(&elements[from]), centre(&elements[to])]
            }
        };
        let (x0, y0) = points[0];
        let (min_x, max_x, min_y, max_y) = points.iter().fold(
            (f32::MAX, f32::MIN, f32::MAX, f32::MIN),
            |(a, b, c, d), &(x, y)| (a.min(x), b.max(x), c.min(y), d.max(y)),
        );
        let id = format!("edge-{}", e.id.as_str());
        let style = geometry::edge_style(e.kind);
        let mut arrow = base(
            &id,
            "arrow",
            Rect {
                x: x0,
                y: y0,
                w: max_x - min_x,
                h: max_y - min_y,
            },
            "#475569",
            "transparent",
            elements.len() + arrows.len(),
        );
        let element_id = |n: usize| elements[n].get("id").cloned().unwrap_or(Value::Null);
        merge(
            &mut arrow,
            json!({
                "strokeStyle": if style.dashed { "dashed" } else { "solid" },
                "roundness": null,
                "points": points.iter().map(|(x, y)| json!([finite(x - x0), finite(y - y0)])).collect::<Vec<_>>(),
                "lastCommittedPoint": null,
                "startBinding": { "elementId": element_id(from), "focus": 0, "gap": 4 },
                "endBinding": { "elementId": element_id(to), "focus": 0, "gap": 4 },
                "startArrowhead": null,
                "endArrowhead": if style.arrow { Value::from("arrow") } else { Value::Null },
                "elbowed": false,
                "customData": { "archwayEdge": e.kind.key(), "archwayId": e.id.as_str() },
            }),
        );
        let caption = geometry::edge_caption(e);
        let mut label = None;
        if !caption.is_empty() {
            let text_id = format!("{id}-label");
            bind(&mut arrow, &text_id, "text");
            let mid = points[points.len() / 2];
            let r = Rect {
                x: mid.0 - 100.0,
                y: mid.1 - 12.0,
                w: 200.0,
                h: 24.0,
            };
            label = Some(bound_text(&text_id, &id, &caption, r, false, 0));
        }
        bind(&mut elements[from], &id, "arrow");
        bind(&mut elements[to], &id, "arrow");
        arrows.push(arrow);
        arrows.extend(label);
    }
    elements.extend(arrows);

    let scene = json!({
        "type": "excalidraw",
        "version": 2,
        "source": "archway",
        "elements": elements,
        "appState": {
            "name": design.metadata.title,
            "viewBackgroundColor": "#ffffff",
            "gridSize": null,
        },
        "files": {},
    });
    serde_json::to_string_pretty(&scene).unwrap_or_default()
}
