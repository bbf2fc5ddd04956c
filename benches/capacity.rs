//! Capacity estimate of generated designs (budget: < 20 ms at 10,000 nodes). The index is built
//! once outside the loop: the critique engine shares one index between the estimate and the
//! rules.

use archway::capacity;
use archway::index::Index;
use archway::model::synthetic;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        let design = synthetic::design(n);
        let index = Index::new(&design);
        c.bench_function(&format!("estimate_{n}_nodes"), |b| {
            b.iter(|| black_box(capacity::estimate(&design, &index)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
