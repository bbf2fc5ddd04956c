//! Auto-layout benchmark: the layered layout of a generated 1,000-node design (service cells in
//! regions, VPCs, zones and subnets), with its containers and flattened to one level. Budget
//! (issue 15): 1,000 nodes < 500 ms.

use archway::geometry::layout::{Direction, LayoutScope, auto_layout};
use archway::model::{Design, synthetic};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn flat(mut d: Design) -> Design {
    d.containers.clear();
    for n in &mut d.nodes {
        n.container = None;
    }
    d
}

fn layout(c: &mut Criterion) {
    let nested = synthetic::design(1_000);
    let flat = flat(nested.clone());
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    group.bench_function("1000_nodes_in_containers", |b| {
        b.iter(|| {
            auto_layout(
                black_box(&nested),
                &LayoutScope::Design,
                Direction::LeftToRight,
            )
        })
    });
    group.bench_function("1000_nodes_flat", |b| {
        b.iter(|| {
            auto_layout(
                black_box(&flat),
                &LayoutScope::Design,
                Direction::LeftToRight,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, layout);
criterion_main!(benches);
