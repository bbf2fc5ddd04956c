//! The review module on generated designs: `whatif --chaos` on 1,000 nodes (budget < 2 s), one
//! `--fail` on 10,000 nodes (< 50 ms, preparing the flows included) and the diff of two
//! 10,000-node designs (< 200 ms, both critiques included).

use archway::model::synthetic;
use archway::review::{diff, whatif::WhatIf};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// The app's allocator (src/main.rs), so the figures are what the app sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let small = synthetic::design(1_000);
    let mut g = c.benchmark_group("review");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("whatif_chaos_1000_nodes", |b| {
        b.iter(|| black_box(WhatIf::new(&small).chaos()))
    });

    let big = synthetic::design(10_000);
    let zone = big
        .containers
        .iter()
        .find(|c| c.kind == archway::model::ContainerKind::AvailabilityZone)
        .map(|c| c.id.to_string())
        .unwrap_or_default();
    g.bench_function("whatif_fail_zone_10000_nodes", |b| {
        b.iter(|| {
            let w = WhatIf::new(&big);
            let t = w.targets(&[zone.as_str()]).unwrap_or_default();
            black_box(w.fail(&t))
        })
    });
    let db = big
        .nodes
        .iter()
        .find(|n| n.kind == archway::model::NodeKind::SqlDb)
        .map(|n| n.id.to_string())
        .unwrap_or_default();
    g.bench_function("whatif_fail_node_10000_nodes", |b| {
        b.iter(|| {
            let w = WhatIf::new(&big);
            let t = w.targets(&[db.as_str()]).unwrap_or_default();
            black_box(w.fail(&t))
        })
    });

    // The second version: every tenth app fleet grows, one cell's database is removed, and
    // every node moves a little.
    let mut changed = big.clone();
    for (i, n) in changed.nodes.iter_mut().enumerate() {
        n.pos.x += 8.0;
        if i % 10 == 3 {
            n.props.instances = Some(n.props.instances.unwrap_or(1) + 1);
        }
    }
    changed.nodes.retain(|n| n.id.as_str() != db);
    g.bench_function("diff_10000_nodes", |b| {
        b.iter(|| black_box(diff::diff(&big, &changed, None)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
