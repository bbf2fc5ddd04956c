//! Editing benchmarks on a 10,000-node design with everything selected: select all, move by
//! an arrow key, delete, and undo (of the move and of the delete), each as the one batched
//! edit the editor applies through its history. Budget (issue 18): each under 50 ms.

use archway::model::{Design, synthetic};
use archway::ui::canvas::move_edit;
use archway::ui::clipboard::delete_edit;
use archway::ui::history::History;
use archway::ui::selection::Selection;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const NODES: usize = 10_000;

/// Applies `edit` of the whole selection as one history step.
fn step(design: &mut Design, history: &mut History, edit: archway::model::Edit) {
    let all = Selection::all(design);
    assert!(history.apply(design, edit, "step", all.clone(), all));
}

/// A copy of `design` with `edit` applied as one history step, ready to undo.
fn after(design: &Design, edit: archway::model::Edit) -> (Design, History) {
    let mut d = design.clone();
    let mut h = History::default();
    step(&mut d, &mut h, edit);
    (d, h)
}

fn editing(c: &mut Criterion) {
    let design = synthetic::design(NODES);
    let all = Selection::all(&design);
    let mut g = c.benchmark_group("editing_10k");
    g.sample_size(20);

    g.bench_function("select_all", |b| {
        b.iter(|| black_box(Selection::all(black_box(&design))))
    });

    g.bench_function("move_by_arrow", |b| {
        b.iter_batched_ref(
            || (design.clone(), History::default()),
            |(d, h)| {
                let edit = move_edit(d, &all, 10.0, 0.0).expect("moves");
                step(d, h, edit);
            },
            BatchSize::LargeInput,
        )
    });

    g.bench_function("delete", |b| {
        b.iter_batched_ref(
            || (design.clone(), History::default()),
            |(d, h)| step(d, h, delete_edit(&all)),
            BatchSize::LargeInput,
        )
    });

    g.bench_function("undo_move", |b| {
        b.iter_batched_ref(
            || after(&design, move_edit(&design, &all, 10.0, 0.0).expect("moves")),
            |(d, h)| assert!(h.undo(d).is_some()),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("undo_delete", |b| {
        b.iter_batched_ref(
            || after(&design, delete_edit(&all)),
            |(d, h)| assert!(h.undo(d).is_some()),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, editing);
criterion_main!(benches);
