//! Export budgets (DESIGN.md): a 1,000-node design to SVG in < 50 ms and to PNG in < 1 s (at
//! the default scale, which large designs reduce; see `export::png::choose_scale`).

use archway::critique::Analysis;
use archway::export::{self, Options};
use archway::model::synthetic;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

// The allocator of the `archway` binary, so the figures are the ones users see.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn export(c: &mut Criterion) {
    let design = synthetic::design(1000);
    let review = Analysis::of(&design);
    let options = Options::default();
    c.bench_function("svg_1000_nodes", |b| {
        b.iter(|| export::svg::render(black_box(&design), &review.report, &options))
    });
    let svg = export::svg::render(&design, &review.report, &options);
    let mut group = c.benchmark_group("png");
    group.sample_size(10);
    group.bench_function("png_1000_nodes_default_scale", |b| {
        b.iter(|| export::png::render(black_box(&svg), options.scale))
    });
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
