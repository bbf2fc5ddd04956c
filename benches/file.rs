//! Load and save of a 10,000-node design (budget: < 150 ms each).

use archway::model::{file, synthetic};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let design = synthetic::design(10_000);
    let text = file::to_string(&design);
    c.bench_function("save_10000_nodes", |b| {
        b.iter(|| black_box(file::to_string(&design)))
    });
    c.bench_function("load_10000_nodes", |b| {
        b.iter(|| black_box(file::parse(&text)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
