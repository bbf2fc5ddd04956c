//! Full critique of generated designs (budget: < 2 ms at 1,000 nodes, < 30 ms at 10,000).

use archway::critique;
use archway::model::{Index, ReviewLevel, synthetic};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        let design = synthetic::design(n);
        c.bench_function(&format!("critique_{n}_nodes"), |b| {
            b.iter(|| {
                let index = Index::new(&design);
                let estimate = archway::capacity::estimate(&design, &index);
                black_box(critique::review_with(
                    &design,
                    &index,
                    &estimate,
                    ReviewLevel::Production,
                ))
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
