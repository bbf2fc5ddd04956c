//! Import of a generated 1,000-node draw.io diagram (budget: < 1 s): reading the XML, kind
//! guessing, containment by geometry, layout, and the validation every imported design passes.

use archway::import::{self, PageChoice, SourceFormat};
use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

/// A draw.io file of `nodes` AWS icons in ten subnet groups inside one VPC (drawn around them,
/// not their parent, so containment is by geometry), each node calling the next.
fn drawio(nodes: usize) -> String {
    const ICONS: [&str; 8] = [
        "application_load_balancer",
        "ec2",
        "rds",
        "elasticache",
        "sqs",
        "lambda",
        "s3",
        "dynamodb",
    ];
    let mut cells = String::from("<mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>");
    let per_group = nodes.div_ceil(10);
    let columns = 10;
    let (cell_w, cell_h) = (120.0, 100.0);
    let group_w = columns as f32 * cell_w + 40.0;
    let group_h = (per_group.div_ceil(columns)) as f32 * cell_h + 60.0;
    let _ = write!(
        cells,
        "<mxCell id=\"vpc\" value=\"VPC\" style=\"shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_vpc;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"-20\" y=\"-40\" width=\"{}\" height=\"{}\" as=\"geometry\"/></mxCell>",
        2.0 * group_w + 80.0,
        5.0 * group_h + 120.0
    );
    for g in 0..10 {
        let (gx, gy) = (
            (g % 2) as f32 * (group_w + 20.0),
            (g / 2) as f32 * (group_h + 20.0),
        );
        let _ = write!(
            cells,
            "<mxCell id=\"g{g}\" value=\"Private subnet {g}\" style=\"shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_security_group;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"{gx}\" y=\"{gy}\" width=\"{group_w}\" height=\"{group_h}\" as=\"geometry\"/></mxCell>"
        );
        for k in 0..per_group {
            let n = g * per_group + k;
            if n >= nodes {
                break;
            }
            let (x, y) = (
                gx + 20.0 + (k % columns) as f32 * cell_w,
                gy + 40.0 + (k / columns) as f32 * cell_h,
            );
            let _ = write!(
                cells,
                "<mxCell id=\"n{n}\" value=\"Service&lt;br&gt;{n}\" style=\"html=1;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{};\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"{x}\" y=\"{y}\" width=\"48\" height=\"48\" as=\"geometry\"/></mxCell>",
                ICONS[n % ICONS.len()]
            );
        }
    }
    for n in 1..nodes {
        let _ = write!(
            cells,
            "<mxCell id=\"e{n}\" value=\"HTTPS\" style=\"endArrow=classic;\" edge=\"1\" parent=\"1\" source=\"n{}\" target=\"n{n}\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>",
            n - 1
        );
    }
    format!(
        "<mxfile host=\"bench\"><diagram id=\"b\" name=\"Bench\"><mxGraphModel><root>{cells}</root></mxGraphModel></diagram></mxfile>"
    )
}

fn bench(c: &mut Criterion) {
    let text = drawio(1_000);
    let path = Path::new("bench.drawio");
    let imported = import::import_bytes(
        path,
        text.as_bytes(),
        Some(SourceFormat::DrawIo),
        &PageChoice::First,
    )
    .expect("the generated diagram imports");
    assert_eq!(imported.design.nodes.len(), 1_000);
    assert_eq!(imported.design.edges.len(), 999);
    c.bench_function("import_drawio_1000_nodes", |b| {
        b.iter(|| {
            black_box(import::import_bytes(
                path,
                text.as_bytes(),
                Some(SourceFormat::DrawIo),
                &PageChoice::First,
            ))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
