//! Full critique of generated designs (budget: < 2 ms at 1,000 nodes, < 30 ms at 10,000, growing
//! about linearly), its three phases at 10,000 nodes, and one run at 100,000 nodes to show the
//! growth.

use archway::critique;
use archway::index::Index;
use archway::model::{Design, ReviewLevel, synthetic};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// The app's allocator (src/main.rs), so the figures are what the app sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What the app does after every edit: index, estimate, then the rules.
fn full_critique(design: &Design) -> critique::Report {
    let index = Index::new(design);
    let estimate = archway::capacity::estimate(design, &index);
    critique::review_with(design, &index, &estimate, ReviewLevel::Production)
}

fn bench(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        let design = synthetic::design(n);
        c.bench_function(&format!("critique_{n}_nodes"), |b| {
            b.iter(|| black_box(full_critique(&design)))
        });
    }

    let design = synthetic::design(10_000);
    let index = Index::new(&design);
    let estimate = archway::capacity::estimate(&design, &index);
    let mut phases = c.benchmark_group("critique_10000_nodes_phase");
    phases.bench_function("index", |b| b.iter(|| black_box(Index::new(&design))));
    phases.bench_function("estimate", |b| {
        b.iter(|| black_box(archway::capacity::estimate(&design, &index)))
    });
    phases.bench_function("rules", |b| {
        b.iter(|| {
            black_box(critique::review_with(
                &design,
                &index,
                &estimate,
                ReviewLevel::Production,
            ))
        })
    });
    phases.finish();

    let design = synthetic::design(100_000);
    let mut large = c.benchmark_group("critique_large");
    large.sample_size(10);
    large.bench_function("critique_100000_nodes", |b| {
        b.iter(|| black_box(full_critique(&design)))
    });
    large.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
