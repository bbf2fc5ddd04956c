//! Canvas frame benchmarks: one headless egui frame (layout + tessellation, no GPU) of
//! generated designs, and routing every edge of a big design. Budgets (DESIGN.md): 1,000
//! nodes visible < 4 ms; a 10,000-node design zoomed to fit < 16 ms; the frame after moving,
//! deleting or undoing the delete of all 10,000 nodes (issue 18) < 50 ms.

use archway::capacity;
use archway::critique::Report;
use archway::index::Index;
use archway::model::{Design, synthetic};
use archway::ui::canvas::{CanvasInput, CanvasOptions, CanvasState, canvas_ui, move_edit};
use archway::ui::clipboard::delete_edit;
use archway::ui::selection::Selection;
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, Rect, Vec2};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SCREEN: Vec2 = Vec2::new(1280.0, 800.0);

struct Scene {
    ctx: egui::Context,
    design: Design,
    report: Report,
    estimate: capacity::Estimate,
    state: CanvasState,
    selection: Selection,
    options: CanvasOptions,
    /// Passed to the canvas; bumping it makes the frame rebuild the geometry cache.
    revision: u64,
}

impl Scene {
    fn new(design: Design) -> Self {
        let index = Index::new(&design);
        let estimate = capacity::estimate(&design, &index);
        let report =
            archway::critique::review_with(&design, &index, &estimate, design.review_level);
        drop(index);
        let mut s = Self {
            ctx: egui::Context::default(),
            design,
            report,
            estimate,
            state: CanvasState::new(),
            selection: Selection::default(),
            options: CanvasOptions::default(),
            revision: 1,
        };
        s.state.zoom_to_fit(&s.design);
        s.frame(Vec::new());
        s
    }

    /// One frame with the given input events; returns the number of tessellated primitives.
    fn frame(&mut self, events: Vec<egui::Event>) -> usize {
        let raw = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            events,
            ..Default::default()
        };
        let Self {
            ctx,
            design,
            report,
            estimate,
            state,
            selection,
            options,
            revision,
        } = self;
        let out = ctx.run_ui(raw, |ui| {
            let input = CanvasInput {
                design,
                report,
                estimate,
                revision: *revision,
            };
            black_box(canvas_ui(ui, state, selection, &input, options));
        });
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        prims.len()
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("canvas_frame");
    g.sample_size(20);

    let mut s = Scene::new(synthetic::design(1_000));
    g.bench_function("1k_nodes_fit", |b| b.iter(|| s.frame(Vec::new())));

    // 1,000 nodes on screen at once in a 40 × 25 grid, at 19 % (outlined boxes).
    let mut grid = Design::empty("grid");
    for i in 0..1_000 {
        let (x, y) = ((i % 40) as f32 * 170.0, (i / 40) as f32 * 84.0);
        let kind = archway::model::NodeKind::ALL[i % archway::model::NodeKind::ALL.len()];
        grid.nodes.push(archway::model::Node::new(
            format!("n{i}"),
            kind,
            archway::model::Pos::new(x, y),
        ));
    }
    let mut s = Scene::new(grid);
    s.state.set_zoom(0.19);
    s.frame(Vec::new());
    g.bench_function("1k_nodes_boxes", |b| b.iter(|| s.frame(Vec::new())));

    // 200 nodes at 60 % zoom: full detail (rounded boxes, icons, labels, edge captions).
    let mut s = Scene::new(synthetic::design(200));
    s.state.set_zoom(0.6);
    s.frame(Vec::new());
    g.bench_function("full_detail_60pct", |b| b.iter(|| s.frame(Vec::new())));

    let mut s = Scene::new(synthetic::design(10_000));
    g.bench_function("10k_nodes_fit", |b| b.iter(|| s.frame(Vec::new())));

    // The frame after an edit in the 10,000-node design: one node moved (as a drag ends); the
    // geometry cache re-routes only the edges near it and refreshes badges and the minimap.
    let moved = s.design.nodes[s.design.nodes.len() / 2].id.clone();
    let mut dy = 18.0;
    g.bench_function("10k_nodes_frame_after_edit", |b| {
        b.iter(|| {
            dy = -dy;
            archway::model::Edit::Move {
                nodes: vec![moved.clone()],
                containers: vec![],
                dx: 0.0,
                dy,
            }
            .apply(&mut s.design);
            s.revision += 1;
            s.frame(Vec::new())
        })
    });

    // Big selections in the 10,000-node design (issue 18): the frame after moving all of it by
    // one arrow step, after deleting all of it, and after undoing that delete. Only the frame
    // is timed; the edits are applied as the editor applies them, as one batched edit.
    let mut s = Scene::new(synthetic::design(10_000));
    s.selection = Selection::all(&s.design);
    s.frame(Vec::new());
    let all = s.selection.clone();
    let mut dx = 10.0;
    g.bench_function("10k_nodes_frame_after_move_all", |b| {
        b.iter_custom(|iters| {
            let mut took = Duration::ZERO;
            for _ in 0..iters {
                dx = -dx;
                move_edit(&s.design, &all, dx, 0.0)
                    .expect("moves")
                    .apply(&mut s.design);
                s.revision += 1;
                let start = Instant::now();
                s.frame(Vec::new());
                took += start.elapsed();
            }
            took
        })
    });
    // Deletes everything and undoes it; times the frame after the delete (`timed_undo`
    // false) or after the undo.
    let delete_and_undo = |s: &mut Scene, timed_undo: bool| {
        let undo = delete_edit(&all).apply(&mut s.design);
        s.selection = Selection::default();
        s.revision += 1;
        let start = Instant::now();
        s.frame(Vec::new());
        let after_delete = start.elapsed();
        undo.apply(&mut s.design);
        s.selection = all.clone();
        s.revision += 1;
        let start = Instant::now();
        s.frame(Vec::new());
        if timed_undo {
            start.elapsed()
        } else {
            after_delete
        }
    };
    g.bench_function("10k_nodes_frame_after_delete_all", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| delete_and_undo(&mut s, false)).sum())
    });
    g.bench_function("10k_nodes_frame_after_undo_delete_all", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| delete_and_undo(&mut s, true)).sum())
    });

    // Dragging in the 10,000-node design: pointer held on a node and moving every frame.
    let mut s = Scene::new(synthetic::design(10_000));
    s.state.zoom_100();
    let centre = s.state.view_centre_in_canvas();
    s.frame(Vec::new());
    let target = s
        .design
        .nodes
        .iter()
        .min_by(|a, b| {
            let da = (a.pos.x - centre.x).powi(2) + (a.pos.y - centre.y).powi(2);
            let db = (b.pos.x - centre.x).powi(2) + (b.pos.y - centre.y).powi(2);
            da.total_cmp(&db)
        })
        .map(|n| Pos2::new(n.pos.x + 20.0, n.pos.y + 20.0));
    if let Some(p) = target {
        let p = s.state.screen_from_canvas() * p;
        s.frame(vec![egui::Event::PointerMoved(p)]);
        s.frame(vec![egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        }]);
        let mut k = 0.0f32;
        g.bench_function("10k_nodes_drag_frame", |b| {
            b.iter(|| {
                k += 1.0;
                let q = p + Vec2::new(10.0 + (k % 50.0), 5.0);
                s.frame(vec![egui::Event::PointerMoved(q)])
            })
        });
    }
    g.finish();

    // Routing alone: every edge of the 10,000-node design around the node boxes.
    let d = synthetic::design(10_000);
    c.bench_function("route_all_edges_10k", |b| {
        b.iter(|| black_box(archway::geometry::Router::new(&d).routes()))
    });
    // Placing every edge caption of it clear of the others and of nodes.
    let router = archway::geometry::Router::new(&d);
    let routes = router.routes();
    let sizes: Vec<(f32, f32)> = d
        .edges
        .iter()
        .map(|e| archway::geometry::caption_size(&archway::geometry::edge_caption(e)))
        .collect();
    c.bench_function("place_captions_10k", |b| {
        b.iter(|| {
            black_box(archway::geometry::place_captions(
                &routes,
                &sizes,
                router.nodes(),
            ))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
