//! Icons of every node kind, defined once as vector data in a unit box (0..1, y down) so the
//! canvas (egui) and the SVG exporter draw the same pictures. Strokes use the accent colour;
//! `fill` shapes are filled with it.

use crate::model::NodeKind;
use std::fmt::Write as _;

/// One drawing primitive of an icon, in unit-box coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IconShape {
    /// A circle with centre `c` and radius `r`.
    Circle { c: (f32, f32), r: f32, fill: bool },
    /// A rectangle from `min` to `max` with corner radius `r`.
    RoundRect {
        min: (f32, f32),
        max: (f32, f32),
        r: f32,
        fill: bool,
    },
    /// Straight segments through `pts`, closed back to the first point when `closed`.
    Polyline {
        pts: &'static [(f32, f32)],
        closed: bool,
    },
}

/// Stroke width of icon lines, as a fraction of the icon size.
pub const STROKE: f32 = 0.075;

use IconShape::{Circle, Polyline, RoundRect};

const fn line(pts: &'static [(f32, f32)]) -> IconShape {
    Polyline { pts, closed: false }
}
const fn shape(pts: &'static [(f32, f32)]) -> IconShape {
    Polyline { pts, closed: true }
}
const fn circle(x: f32, y: f32, r: f32, fill: bool) -> IconShape {
    Circle { c: (x, y), r, fill }
}
const fn rrect(x0: f32, y0: f32, x1: f32, y1: f32, r: f32, fill: bool) -> IconShape {
    RoundRect {
        min: (x0, y0),
        max: (x1, y1),
        r,
        fill,
    }
}

const CYLINDER_TOP: IconShape = shape(&[
    (0.15, 0.22),
    (0.3, 0.12),
    (0.5, 0.1),
    (0.7, 0.12),
    (0.85, 0.22),
    (0.7, 0.32),
    (0.5, 0.34),
    (0.3, 0.32),
]);
const CYLINDER_BODY: IconShape = line(&[
    (0.15, 0.22),
    (0.15, 0.78),
    (0.3, 0.88),
    (0.5, 0.9),
    (0.7, 0.88),
    (0.85, 0.78),
    (0.85, 0.22),
]);

const CLIENT: &[IconShape] = &[
    rrect(0.1, 0.15, 0.9, 0.68, 0.06, false),
    line(&[(0.5, 0.68), (0.5, 0.86)]),
    line(&[(0.3, 0.88), (0.7, 0.88)]),
];
const DNS: &[IconShape] = &[
    circle(0.5, 0.5, 0.4, false),
    line(&[(0.1, 0.5), (0.9, 0.5)]),
    line(&[
        (0.5, 0.1),
        (0.32, 0.3),
        (0.28, 0.5),
        (0.32, 0.7),
        (0.5, 0.9),
    ]),
    line(&[
        (0.5, 0.1),
        (0.68, 0.3),
        (0.72, 0.5),
        (0.68, 0.7),
        (0.5, 0.9),
    ]),
];
const CDN: &[IconShape] = &[
    line(&[(0.2, 0.2), (0.8, 0.8)]),
    line(&[(0.8, 0.2), (0.2, 0.8)]),
    circle(0.5, 0.5, 0.14, true),
    circle(0.18, 0.18, 0.1, true),
    circle(0.82, 0.18, 0.1, true),
    circle(0.18, 0.82, 0.1, true),
    circle(0.82, 0.82, 0.1, true),
];
const LOAD_BALANCER: &[IconShape] = &[
    circle(0.2, 0.5, 0.12, true),
    line(&[(0.3, 0.5), (0.72, 0.18)]),
    line(&[(0.3, 0.5), (0.72, 0.5)]),
    line(&[(0.3, 0.5), (0.72, 0.82)]),
    circle(0.8, 0.18, 0.08, true),
    circle(0.8, 0.5, 0.08, true),
    circle(0.8, 0.82, 0.08, true),
];
const API_GATEWAY: &[IconShape] = &[
    line(&[
        (0.15, 0.9),
        (0.15, 0.35),
        (0.5, 0.1),
        (0.85, 0.35),
        (0.85, 0.9),
    ]),
    rrect(0.38, 0.52, 0.62, 0.9, 0.04, false),
    line(&[(0.08, 0.9), (0.92, 0.9)]),
];
const APP_SERVER: &[IconShape] = &[
    rrect(0.12, 0.14, 0.88, 0.44, 0.06, false),
    rrect(0.12, 0.56, 0.88, 0.86, 0.06, false),
    circle(0.27, 0.29, 0.05, true),
    circle(0.27, 0.71, 0.05, true),
    line(&[(0.45, 0.29), (0.75, 0.29)]),
    line(&[(0.45, 0.71), (0.75, 0.71)]),
];
const WEBSOCKET_SERVER: &[IconShape] = &[
    rrect(0.12, 0.08, 0.88, 0.44, 0.06, false),
    circle(0.27, 0.26, 0.05, true),
    line(&[(0.2, 0.62), (0.82, 0.62)]),
    line(&[(0.7, 0.54), (0.82, 0.62), (0.7, 0.7)]),
    line(&[(0.8, 0.84), (0.18, 0.84)]),
    line(&[(0.3, 0.76), (0.18, 0.84), (0.3, 0.92)]),
];
const WORKER: &[IconShape] = &[
    circle(0.5, 0.5, 0.28, false),
    circle(0.5, 0.5, 0.1, true),
    line(&[(0.5, 0.08), (0.5, 0.22)]),
    line(&[(0.5, 0.78), (0.5, 0.92)]),
    line(&[(0.08, 0.5), (0.22, 0.5)]),
    line(&[(0.78, 0.5), (0.92, 0.5)]),
    line(&[(0.203, 0.203), (0.302, 0.302)]),
    line(&[(0.797, 0.797), (0.698, 0.698)]),
    line(&[(0.797, 0.203), (0.698, 0.302)]),
    line(&[(0.203, 0.797), (0.302, 0.698)]),
];
const SERVERLESS: &[IconShape] = &[
    line(&[(0.22, 0.12), (0.4, 0.12), (0.78, 0.88)]),
    line(&[(0.53, 0.42), (0.24, 0.88)]),
];
const BATCH_JOB: &[IconShape] = &[
    circle(0.5, 0.5, 0.4, false),
    line(&[(0.5, 0.24), (0.5, 0.5), (0.7, 0.62)]),
];
const CACHE: &[IconShape] = &[shape(&[
    (0.58, 0.06),
    (0.22, 0.56),
    (0.47, 0.56),
    (0.4, 0.94),
    (0.78, 0.42),
    (0.53, 0.42),
    (0.64, 0.06),
])];
const SQL_DB: &[IconShape] = &[
    CYLINDER_TOP,
    CYLINDER_BODY,
    line(&[
        (0.15, 0.5),
        (0.3, 0.6),
        (0.5, 0.62),
        (0.7, 0.6),
        (0.85, 0.5),
    ]),
];
const NOSQL_DB: &[IconShape] = &[
    shape(&[
        (0.2, 0.08),
        (0.62, 0.08),
        (0.8, 0.26),
        (0.8, 0.92),
        (0.2, 0.92),
    ]),
    line(&[(0.62, 0.08), (0.62, 0.26), (0.8, 0.26)]),
    line(&[(0.32, 0.45), (0.68, 0.45)]),
    line(&[(0.32, 0.6), (0.68, 0.6)]),
    line(&[(0.32, 0.75), (0.56, 0.75)]),
];
const READ_REPLICA: &[IconShape] = &[
    CYLINDER_TOP,
    CYLINDER_BODY,
    shape(&[(0.3, 0.6), (0.5, 0.48), (0.7, 0.6), (0.5, 0.72)]),
    circle(0.5, 0.6, 0.06, true),
];
const SHARD: &[IconShape] = &[
    circle(0.5, 0.5, 0.4, false),
    line(&[(0.5, 0.5), (0.5, 0.1)]),
    line(&[(0.5, 0.5), (0.846, 0.7)]),
    line(&[(0.5, 0.5), (0.154, 0.7)]),
];
const OBJECT_STORAGE: &[IconShape] = &[
    shape(&[(0.14, 0.26), (0.86, 0.26), (0.74, 0.9), (0.26, 0.9)]),
    line(&[(0.2, 0.26), (0.3, 0.14), (0.7, 0.14), (0.8, 0.26)]),
    line(&[(0.2, 0.48), (0.8, 0.48)]),
];
const MESSAGE_QUEUE: &[IconShape] = &[
    rrect(0.06, 0.28, 0.3, 0.6, 0.04, true),
    rrect(0.38, 0.28, 0.62, 0.6, 0.04, false),
    rrect(0.7, 0.28, 0.94, 0.6, 0.04, false),
    line(&[(0.1, 0.8), (0.9, 0.8)]),
    line(&[(0.78, 0.7), (0.9, 0.8), (0.78, 0.9)]),
];
const STREAM: &[IconShape] = &[
    line(&[
        (0.08, 0.3),
        (0.29, 0.2),
        (0.5, 0.3),
        (0.71, 0.4),
        (0.92, 0.3),
    ]),
    line(&[
        (0.08, 0.52),
        (0.29, 0.42),
        (0.5, 0.52),
        (0.71, 0.62),
        (0.92, 0.52),
    ]),
    line(&[
        (0.08, 0.74),
        (0.29, 0.64),
        (0.5, 0.74),
        (0.71, 0.84),
        (0.92, 0.74),
    ]),
];
const SEARCH_INDEX: &[IconShape] = &[
    circle(0.42, 0.42, 0.27, false),
    line(&[(0.62, 0.62), (0.9, 0.9)]),
];
const NAT_GATEWAY: &[IconShape] = &[
    line(&[(0.3, 0.1), (0.3, 0.9)]),
    line(&[(0.1, 0.5), (0.88, 0.5)]),
    line(&[(0.72, 0.34), (0.88, 0.5), (0.72, 0.66)]),
    circle(0.14, 0.5, 0.07, true),
];
const KMS: &[IconShape] = &[
    circle(0.28, 0.5, 0.18, false),
    line(&[(0.46, 0.5), (0.92, 0.5)]),
    line(&[(0.74, 0.5), (0.74, 0.68)]),
    line(&[(0.87, 0.5), (0.87, 0.64)]),
];
const EXTERNAL_SERVICE: &[IconShape] = &[
    rrect(0.1, 0.3, 0.7, 0.9, 0.06, false),
    line(&[(0.42, 0.58), (0.88, 0.12)]),
    line(&[(0.6, 0.12), (0.88, 0.12), (0.88, 0.4)]),
];

const INTERNET_GATEWAY: &[IconShape] = &[
    circle(0.5, 0.5, 0.38, false),
    line(&[(0.12, 0.5), (0.88, 0.5)]),
    shape(&[
        (0.5, 0.12),
        (0.64, 0.3),
        (0.68, 0.5),
        (0.64, 0.7),
        (0.5, 0.88),
        (0.36, 0.7),
        (0.32, 0.5),
        (0.36, 0.3),
    ]),
];
const VPN_GATEWAY: &[IconShape] = &[
    rrect(0.3, 0.45, 0.7, 0.85, 0.05, false),
    line(&[
        (0.38, 0.45),
        (0.38, 0.3),
        (0.44, 0.2),
        (0.56, 0.2),
        (0.62, 0.3),
        (0.62, 0.45),
    ]),
    circle(0.5, 0.64, 0.06, true),
    line(&[(0.05, 0.65), (0.22, 0.65)]),
    line(&[(0.78, 0.65), (0.95, 0.65)]),
];
const FIREWALL: &[IconShape] = &[
    rrect(0.1, 0.2, 0.9, 0.8, 0.04, false),
    line(&[(0.1, 0.4), (0.9, 0.4)]),
    line(&[(0.1, 0.6), (0.9, 0.6)]),
    line(&[(0.5, 0.2), (0.5, 0.4)]),
    line(&[(0.3, 0.4), (0.3, 0.6)]),
    line(&[(0.7, 0.4), (0.7, 0.6)]),
    line(&[(0.5, 0.6), (0.5, 0.8)]),
];
const IDENTITY_PROVIDER: &[IconShape] = &[
    rrect(0.08, 0.2, 0.92, 0.8, 0.06, false),
    circle(0.33, 0.43, 0.1, false),
    line(&[(0.2, 0.68), (0.26, 0.58), (0.4, 0.58), (0.46, 0.68)]),
    line(&[(0.58, 0.4), (0.82, 0.4)]),
    line(&[(0.58, 0.56), (0.76, 0.56)]),
];
const MONITORING: &[IconShape] = &[
    line(&[(0.12, 0.12), (0.12, 0.88), (0.88, 0.88)]),
    line(&[(0.2, 0.7), (0.4, 0.45), (0.55, 0.6), (0.82, 0.25)]),
];
const LOG_AGGREGATION: &[IconShape] = &[
    shape(&[
        (0.12, 0.15),
        (0.88, 0.15),
        (0.58, 0.5),
        (0.58, 0.86),
        (0.42, 0.76),
        (0.42, 0.5),
    ]),
    line(&[(0.3, 0.28), (0.7, 0.28)]),
];
const DATA_WAREHOUSE: &[IconShape] = &[
    rrect(0.12, 0.12, 0.88, 0.34, 0.05, false),
    rrect(0.12, 0.39, 0.88, 0.61, 0.05, false),
    rrect(0.12, 0.66, 0.88, 0.88, 0.05, false),
    line(&[(0.3, 0.23), (0.5, 0.23)]),
    line(&[(0.3, 0.5), (0.6, 0.5)]),
    line(&[(0.3, 0.77), (0.7, 0.77)]),
];
const WORKFLOW_ORCHESTRATOR: &[IconShape] = &[
    rrect(0.08, 0.12, 0.36, 0.36, 0.04, false),
    rrect(0.64, 0.12, 0.92, 0.36, 0.04, false),
    rrect(0.5, 0.64, 0.78, 0.88, 0.04, false),
    line(&[(0.36, 0.24), (0.64, 0.24)]),
    line(&[(0.22, 0.36), (0.22, 0.76), (0.5, 0.76)]),
];
const PUBSUB_TOPIC: &[IconShape] = &[
    circle(0.2, 0.5, 0.09, true),
    line(&[(0.28, 0.5), (0.8, 0.2)]),
    line(&[(0.28, 0.5), (0.8, 0.5)]),
    line(&[(0.28, 0.5), (0.8, 0.8)]),
    circle(0.85, 0.2, 0.06, true),
    circle(0.85, 0.5, 0.06, true),
    circle(0.85, 0.8, 0.06, true),
];
const FILE_SYSTEM: &[IconShape] = &[
    shape(&[
        (0.1, 0.22),
        (0.4, 0.22),
        (0.48, 0.32),
        (0.9, 0.32),
        (0.9, 0.82),
        (0.1, 0.82),
    ]),
    line(&[(0.1, 0.42), (0.9, 0.42)]),
];
const GENERIC: &[IconShape] = &[
    rrect(0.12, 0.2, 0.88, 0.8, 0.1, false),
    circle(0.32, 0.5, 0.05, true),
    circle(0.5, 0.5, 0.05, true),
    circle(0.68, 0.5, 0.05, true),
];

/// The icon of a node kind.
pub fn node_icon(kind: NodeKind) -> &'static [IconShape] {
    match kind {
        NodeKind::Client => CLIENT,
        NodeKind::Dns => DNS,
        NodeKind::Cdn => CDN,
        NodeKind::LoadBalancer => LOAD_BALANCER,
        NodeKind::ApiGateway => API_GATEWAY,
        NodeKind::AppServer => APP_SERVER,
        NodeKind::WebsocketServer => WEBSOCKET_SERVER,
        NodeKind::Worker => WORKER,
        NodeKind::ServerlessFunction => SERVERLESS,
        NodeKind::BatchJob => BATCH_JOB,
        NodeKind::Cache => CACHE,
        NodeKind::SqlDb => SQL_DB,
        NodeKind::NosqlDb => NOSQL_DB,
        NodeKind::ReadReplica => READ_REPLICA,
        NodeKind::Shard => SHARD,
        NodeKind::ObjectStorage => OBJECT_STORAGE,
        NodeKind::MessageQueue => MESSAGE_QUEUE,
        NodeKind::Stream => STREAM,
        NodeKind::SearchIndex => SEARCH_INDEX,
        NodeKind::NatGateway => NAT_GATEWAY,
        NodeKind::Kms => KMS,
        NodeKind::ExternalService => EXTERNAL_SERVICE,
        NodeKind::InternetGateway => INTERNET_GATEWAY,
        NodeKind::VpnGateway => VPN_GATEWAY,
        NodeKind::Firewall => FIREWALL,
        NodeKind::IdentityProvider => IDENTITY_PROVIDER,
        NodeKind::Monitoring => MONITORING,
        NodeKind::LogAggregation => LOG_AGGREGATION,
        NodeKind::DataWarehouse => DATA_WAREHOUSE,
        NodeKind::WorkflowOrchestrator => WORKFLOW_ORCHESTRATOR,
        NodeKind::PubSubTopic => PUBSUB_TOPIC,
        NodeKind::FileSystem => FILE_SYSTEM,
        NodeKind::Generic => GENERIC,
    }
}

/// The icon of `kind` as SVG elements, drawn in the square at (`x`, `y`) of side `size`, in
/// `color` (any SVG colour, e.g. `#3b82f6`).
pub fn node_icon_svg(kind: NodeKind, x: f32, y: f32, size: f32, color: &str) -> String {
    let mut out = String::new();
    let sw = STROKE * size;
    let px = |p: (f32, f32)| (x + p.0 * size, y + p.1 * size);
    for s in node_icon(kind) {
        let paint = |fill: bool| {
            if fill {
                format!(r#"fill="{color}" stroke="none""#)
            } else {
                format!(
                    r#"fill="none" stroke="{color}" stroke-width="{sw:.2}" stroke-linecap="round" stroke-linejoin="round""#
                )
            }
        };
        match *s {
            Circle { c, r, fill } => {
                let (cx, cy) = px(c);
                let _ = write!(
                    out,
                    r#"<circle cx="{cx:.2}" cy="{cy:.2}" r="{:.2}" {}/>"#,
                    r * size,
                    paint(fill)
                );
            }
            RoundRect { min, max, r, fill } => {
                let (x0, y0) = px(min);
                let (x1, y1) = px(max);
                let _ = write!(
                    out,
                    r#"<rect x="{x0:.2}" y="{y0:.2}" width="{:.2}" height="{:.2}" rx="{:.2}" {}/>"#,
                    x1 - x0,
                    y1 - y0,
                    r * size,
                    paint(fill)
                );
            }
            Polyline { pts, closed } => {
                let points: Vec<String> = pts
                    .iter()
                    .map(|&p| {
                        let (a, b) = px(p);
                        format!("{a:.2},{b:.2}")
                    })
                    .collect();
                let tag = if closed { "polygon" } else { "polyline" };
                let _ = write!(
                    out,
                    r#"<{tag} points="{}" {}/>"#,
                    points.join(" "),
                    paint(false)
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_an_icon_inside_the_unit_box() {
        for kind in NodeKind::ALL {
            let icon = node_icon(kind);
            assert!(!icon.is_empty(), "{kind:?} has no icon");
            for s in icon {
                let inside =
                    |p: (f32, f32)| (0.0..=1.0).contains(&p.0) && (0.0..=1.0).contains(&p.1);
                match *s {
                    Circle { c, r, .. } => {
                        assert!(
                            inside((c.0 - r, c.1 - r)) && inside((c.0 + r, c.1 + r)),
                            "{kind:?}"
                        )
                    }
                    RoundRect { min, max, .. } => assert!(inside(min) && inside(max), "{kind:?}"),
                    Polyline { pts, .. } => assert!(pts.iter().all(|&p| inside(p)), "{kind:?}"),
                }
            }
        }
    }

    #[test]
    fn svg_icon_has_one_element_per_shape() {
        let svg = node_icon_svg(NodeKind::SqlDb, 0.0, 0.0, 20.0, "#f59e0b");
        assert_eq!(svg.matches('<').count(), node_icon(NodeKind::SqlDb).len());
        assert!(svg.contains("#f59e0b"));
    }
}
