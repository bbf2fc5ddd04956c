//! Measuring the real editor window (`archway bench-view`): the same eframe app, renderer and
//! edit path a user gets, driven by a script that times the first render, a circular pan,
//! single-node moves, and reads the peak resident memory.
//!
//! Frame times are taken at the start of each frame: the start of frame k+1 is when frame k
//! has been painted and presented (the swap returned), so the interval between two starts is
//! what a user sees as one frame.

use crate::model::{Design, NodeId, Pos};
use crate::ui::app::{AppOptions, ArchwayApp, Dialog, View};
use crate::ui::canvas;
use crate::ui::selection::Selection;
use egui::emath::TSTransform;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Radius of the pan circle, in screen points.
pub const PAN_RADIUS: f32 = 150.0;
/// Time for one turn of the pan circle.
pub const PAN_PERIOD_S: f64 = 1.5;
/// How far each measured edit moves its node, in canvas units (into the gap below it).
const EDIT_STEP: f32 = 18.0;
/// Frames between two measured edits: the edit's frame, the frame that shows it, one spare.
const FRAMES_PER_EDIT: u64 = 3;
/// The longest the pan waits for the loaded design's findings.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(30);
/// A run that has not shown the design after this long gives up.
const LOAD_TIMEOUT: Duration = Duration::from_secs(120);

/// The zoom the measuring run settles on before it pans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchView {
    /// The whole design fitted in the window.
    Fit,
    /// 100 %, centred where the fit was centred.
    Actual,
}

impl BenchView {
    /// The name used on the command line and in the report (`fit`, `100`).
    pub fn key(self) -> &'static str {
        match self {
            BenchView::Fit => "fit",
            BenchView::Actual => "100",
        }
    }
}

/// What to measure.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// The design to open.
    pub file: PathBuf,
    pub view: BenchView,
    /// How long to pan, in milliseconds (0: no pan).
    pub pan_ms: u64,
    /// Inner window size in points.
    pub size: [f32; 2],
    /// Turn vsync off so frame rates above the display's are visible.
    pub uncapped: bool,
    /// Single-node moves to apply after the pan.
    pub edits: usize,
    /// When the process started (for the process start → first frame figure).
    pub process_start: Instant,
}

/// The pan: a circle of [`PAN_RADIUS`] screen points, one turn every [`PAN_PERIOD_S`].
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct PanReport {
    /// Frames presented while panning.
    pub frames: usize,
    pub elapsed_ms: f64,
    /// `frames / elapsed`.
    pub fps: f64,
    pub median_frame_ms: f64,
    pub p90_frame_ms: f64,
    pub slowest_frame_ms: f64,
    /// CPU time the whole process (the rasteriser's threads included) spent per pan frame,
    /// in milliseconds: less sensitive than the frame rate to other programs sharing the cores.
    pub cpu_ms_per_frame: f64,
}

/// The moves: for each, the slower of the frame that applies it (review, estimate) and the
/// frame that first shows it (geometry update, paint).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct EditReport {
    pub count: usize,
    pub median_frame_ms: f64,
    pub worst_frame_ms: f64,
}

/// Everything one run measured; printed as one JSON object.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct BenchReport {
    pub file: String,
    pub nodes: usize,
    pub edges: usize,
    /// `fit` or `100`.
    pub view: &'static str,
    /// Zoom factor panned at (1.0 = 100 %).
    pub zoom: f32,
    /// `glow` or `wgpu`.
    pub renderer: String,
    /// The OpenGL renderer string or the wgpu adapter (a software rasteriser under Xvfb).
    pub adapter: String,
    /// Window content size in physical pixels.
    pub window: [u32; 2],
    pub pixels_per_point: f32,
    pub vsync: bool,
    /// From the start of loading the file to the first frame presented with the whole design
    /// at the final view.
    pub first_render_ms: f64,
    /// From the start of the process to that same frame.
    pub process_to_first_frame_ms: f64,
    /// From the start of loading to the first frame with the findings of the loaded design
    /// (big designs are reviewed on a worker thread while the design is already shown).
    pub findings_ms: f64,
    pub pan: PanReport,
    pub edits: EditReport,
    /// Peak resident memory (VmHWM), in MiB; 0 where the system does not say.
    pub peak_rss_mb: f64,
}

/// Runs the measurement in a real window and returns what it measured, or why it could not.
pub fn run(options: BenchOptions) -> Result<BenchReport, String> {
    let result: Arc<Mutex<Option<Result<BenchReport, String>>>> = Arc::default();
    let out = result.clone();
    let native = super::native_options(super::WindowOptions {
        size: options.size,
        vsync: !options.uncapped,
    });
    eframe::run_native(
        "Archway",
        native,
        Box::new(move |_cc| {
            let load_start = Instant::now();
            let app = ArchwayApp::new(AppOptions {
                folders: None,
                file: Some(options.file.clone()),
                ..AppOptions::default()
            });
            Ok(Box::new(BenchApp {
                app,
                options,
                load_start,
                phase: Phase::Loading { asked_zoom: false },
                out,
                frames: Vec::new(),
                first: None,
                pan: PanReport::default(),
                edit_times: Vec::new(),
                renderer: (String::new(), String::new()),
                findings_at: None,
            }))
        }),
    )
    .map_err(|e| format!("cannot open the window: {e}"))?;
    let taken = result.lock().map(|mut r| r.take()).unwrap_or(None);
    taken.unwrap_or_else(|| Err("the window closed before the run finished".into()))
}

/// Where the script is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// Waiting for the design to be shown at the final view.
    Loading { asked_zoom: bool },
    /// The frame that ended at the final view is being presented; the next start times it.
    Presented,
    /// Drawn; waiting for the design's findings (a big design is reviewed on a worker thread,
    /// which takes a core) so the pan measures the editor at rest, not during its first review.
    Settling { since: Instant },
    /// Panning since `start` around the view `base`; `cpu_ms` is the process's CPU time then.
    Pan {
        start: Instant,
        base: TSTransform,
        cpu_ms: f64,
    },
    /// Applying edit `done` (of the total) at frame `frame`.
    Edits { next: usize, frame: u64 },
    /// Closing.
    Done,
}

struct BenchApp {
    app: ArchwayApp,
    options: BenchOptions,
    load_start: Instant,
    phase: Phase,
    out: Arc<Mutex<Option<Result<BenchReport, String>>>>,
    /// Start of every frame since the first render (frame number, time).
    frames: Vec<(u64, Instant)>,
    /// The first render: its time and the view it settled on.
    first: Option<(Instant, TSTransform)>,
    pan: PanReport,
    /// Frame numbers at which each edit was submitted.
    edit_times: Vec<u64>,
    /// Renderer name and adapter.
    renderer: (String, String),
    /// When the loaded design's findings were first shown.
    findings_at: Option<Instant>,
}

impl eframe::App for BenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.current_pass_index() > 0 {
            // A second pass of the same frame: no new frame to time.
            self.app.ui_root(ui);
            return;
        }
        let now = Instant::now();
        let nr = ctx.cumulative_frame_nr();
        if self.renderer.0.is_empty() {
            self.renderer = renderer_of(frame);
        }
        if self.first.is_some() {
            self.frames.push((nr, now));
        }
        self.before_frame(&ctx, now, nr);
        self.app.ui_root(ui);
        if self.findings_at.is_none() && self.app.view == View::Editor && !self.app.doc.analysing()
        {
            self.findings_at = Some(now);
        }
        self.after_frame(&ctx, now);
        ctx.request_repaint();
    }
}

impl BenchApp {
    /// Drives the script at the start of a frame: times the first render, moves the view,
    /// submits edits, and finishes.
    fn before_frame(&mut self, ctx: &egui::Context, now: Instant, nr: u64) {
        match self.phase {
            Phase::Presented => {
                let t = self.app.canvas.screen_from_canvas();
                self.first = Some((now, t));
                self.frames.push((nr, now));
                self.phase = Phase::Settling { since: now };
                self.settle(now, nr);
            }
            Phase::Settling { .. } => self.settle(now, nr),
            Phase::Pan { .. } => self.pan_step(now),
            Phase::Edits { next, frame } => {
                if next >= self.options.edits {
                    if nr >= frame + FRAMES_PER_EDIT {
                        self.finish(ctx);
                    }
                } else if next == 0 || nr >= frame + FRAMES_PER_EDIT {
                    self.submit_edit(next);
                    self.edit_times.push(nr);
                    self.phase = Phase::Edits {
                        next: next + 1,
                        frame: nr,
                    };
                }
            }
            Phase::Loading { .. } | Phase::Done => {}
        }
    }

    /// Notices the end of loading (the design shown at the final view) and failures.
    fn after_frame(&mut self, ctx: &egui::Context, now: Instant) {
        let Phase::Loading { asked_zoom } = self.phase else {
            return;
        };
        if let Some(d) = &self.app.dialog {
            let why = match d {
                Dialog::LoadFailed(e) => e.to_string(),
                other => format!("{other:?}"),
            };
            self.fail(ctx, why);
            return;
        }
        if now.duration_since(self.load_start) > LOAD_TIMEOUT {
            self.fail(ctx, "the design was not shown in time".into());
            return;
        }
        if self.app.view != View::Editor || !self.app.canvas.view_settled() {
            return;
        }
        match self.options.view {
            BenchView::Fit => self.phase = Phase::Presented,
            BenchView::Actual if !asked_zoom => {
                self.app.canvas.zoom_100();
                self.phase = Phase::Loading { asked_zoom: true };
            }
            BenchView::Actual => self.phase = Phase::Presented,
        }
    }

    /// Starts the pan once the findings are shown (or after [`SETTLE_TIMEOUT`]); the frames
    /// timed for the pan start there.
    fn settle(&mut self, now: Instant, nr: u64) {
        let Phase::Settling { since } = self.phase else {
            return;
        };
        if self.findings_at.is_none() && now.duration_since(since) < SETTLE_TIMEOUT {
            return;
        }
        self.frames.clear();
        self.frames.push((nr, now));
        self.phase = Phase::Pan {
            start: now,
            base: self.app.canvas.screen_from_canvas(),
            cpu_ms: process_cpu_ms(),
        };
        self.pan_step(now);
    }

    /// Moves the view along the pan circle, or ends the pan.
    fn pan_step(&mut self, now: Instant) {
        let Phase::Pan {
            start,
            base,
            cpu_ms,
        } = self.phase
        else {
            return;
        };
        let t = now.duration_since(start).as_secs_f64();
        if t * 1000.0 >= self.options.pan_ms as f64 {
            self.pan = pan_report(&self.frames);
            if self.pan.frames > 0 {
                self.pan.cpu_ms_per_frame = (process_cpu_ms() - cpu_ms) / self.pan.frames as f64;
            }
            self.app.canvas.set_view(base);
            self.phase = Phase::Edits { next: 0, frame: 0 };
            return;
        }
        let angle = std::f64::consts::TAU * t / PAN_PERIOD_S;
        // Starts at the base view (angle 0 → no offset) and goes round it.
        let offset = egui::vec2(
            PAN_RADIUS * (angle.cos() as f32 - 1.0),
            PAN_RADIUS * angle.sin() as f32,
        );
        self.app
            .canvas
            .set_view(TSTransform::new(base.translation + offset, base.scaling));
    }

    /// Submits the `i`-th move, through the same path a drag's end takes.
    fn submit_edit(&mut self, i: usize) {
        let design = &self.app.doc.design;
        let Some(node) = node_to_move(design, self.app.canvas.view_centre_in_canvas(), i) else {
            return;
        };
        let sel = Selection::node(node);
        if let Some(edit) = canvas::move_edit(design, &sel, 0.0, EDIT_STEP) {
            self.app.submit(edit, "move");
        }
    }

    fn finish(&mut self, ctx: &egui::Context) {
        let report = self.report(ctx);
        self.done(ctx, Ok(report));
    }

    fn fail(&mut self, ctx: &egui::Context, why: String) {
        self.done(ctx, Err(why));
    }

    fn done(&mut self, ctx: &egui::Context, result: Result<BenchReport, String>) {
        if let Ok(mut r) = self.out.lock() {
            *r = Some(result);
        }
        self.phase = Phase::Done;
        self.app.close_discarding_changes(ctx);
    }

    fn report(&self, ctx: &egui::Context) -> BenchReport {
        let (first_at, view) = self
            .first
            .unwrap_or((self.load_start, TSTransform::IDENTITY));
        let ppp = ctx.pixels_per_point();
        let size = ctx.content_rect().size() * ppp;
        let design = &self.app.doc.design;
        BenchReport {
            file: self.options.file.display().to_string(),
            nodes: design.nodes.len(),
            edges: design.edges.len(),
            view: self.options.view.key(),
            zoom: view.scaling,
            renderer: self.renderer.0.clone(),
            adapter: self.renderer.1.clone(),
            window: [size.x.round() as u32, size.y.round() as u32],
            pixels_per_point: ppp,
            vsync: !self.options.uncapped,
            first_render_ms: ms(first_at.duration_since(self.load_start)),
            process_to_first_frame_ms: ms(first_at.duration_since(self.options.process_start)),
            findings_ms: ms(self
                .findings_at
                .unwrap_or(first_at)
                .duration_since(self.load_start)),
            pan: self.pan.clone(),
            edits: edit_report(&self.frames, &self.edit_times),
            peak_rss_mb: peak_rss_mb().unwrap_or(0.0),
        }
    }
}

/// The `i`-th node nearest to `centre` (so the moves happen in view), cycling through them.
fn node_to_move(design: &Design, centre: Pos, i: usize) -> Option<NodeId> {
    let mut order: Vec<(f32, usize)> = design
        .nodes
        .iter()
        .enumerate()
        .map(|(k, n)| {
            (
                (n.pos.x - centre.x).powi(2) + (n.pos.y - centre.y).powi(2),
                k,
            )
        })
        .collect();
    let n = order.len();
    if n == 0 {
        return None;
    }
    let k = i % n;
    order.select_nth_unstable_by(k, |a, b| a.0.total_cmp(&b.0));
    Some(design.nodes[order[k].1].id.clone())
}

/// The renderer in use and its adapter (the GL renderer string, or the wgpu adapter name).
fn renderer_of(frame: &eframe::Frame) -> (String, String) {
    if let Some(gl) = frame.gl() {
        use eframe::glow::HasContext as _;
        // SAFETY: a plain query of a constant string on the current context.
        let name = unsafe { gl.get_parameter_string(eframe::glow::RENDERER) };
        return ("glow".into(), name);
    }
    if let Some(rs) = frame.wgpu_render_state() {
        let info = rs.adapter.get_info();
        return ("wgpu".into(), format!("{} ({:?})", info.name, info.backend));
    }
    ("unknown".into(), String::new())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value at quantile `q` (0..=1) of sorted `v` (nearest rank), 0 when empty.
fn quantile(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let i = ((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1;
    v[i]
}

/// Frame intervals (ms) between consecutive frame starts, sorted.
fn sorted_intervals(frames: &[(u64, Instant)]) -> Vec<f64> {
    let mut v: Vec<f64> = frames
        .windows(2)
        .map(|w| ms(w[1].1.duration_since(w[0].1)))
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

fn pan_report(frames: &[(u64, Instant)]) -> PanReport {
    let v = sorted_intervals(frames);
    let elapsed = match (frames.first(), frames.last()) {
        (Some(a), Some(b)) => ms(b.1.duration_since(a.1)),
        _ => 0.0,
    };
    PanReport {
        frames: v.len(),
        elapsed_ms: elapsed,
        fps: if elapsed > 0.0 {
            v.len() as f64 * 1000.0 / elapsed
        } else {
            0.0
        },
        median_frame_ms: quantile(&v, 0.5),
        p90_frame_ms: quantile(&v, 0.9),
        slowest_frame_ms: v.last().copied().unwrap_or(0.0),
        cpu_ms_per_frame: 0.0,
    }
}

/// CPU time (user and system) this process has used so far, all its threads, in milliseconds.
fn process_cpu_ms() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}

/// For each edit submitted at frame k: the longer of the frames k and k+1 (the intervals from
/// their starts to the next frame's start).
fn edit_report(frames: &[(u64, Instant)], edits: &[u64]) -> EditReport {
    let start_of = |nr: u64| frames.iter().find(|f| f.0 == nr).map(|f| f.1);
    let mut v: Vec<f64> = edits
        .iter()
        .filter_map(|&k| {
            let (a, b, c) = (start_of(k)?, start_of(k + 1)?, start_of(k + 2)?);
            Some(ms(b.duration_since(a)).max(ms(c.duration_since(b))))
        })
        .collect();
    v.sort_by(f64::total_cmp);
    EditReport {
        count: v.len(),
        median_frame_ms: quantile(&v, 0.5),
        worst_frame_ms: v.last().copied().unwrap_or(0.0),
    }
}

/// Peak resident memory of this process in MiB (`VmHWM` in `/proc/self/status`).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_use_the_nearest_rank() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        assert_eq!(quantile(&v, 0.5), 5.0);
        assert_eq!(quantile(&v, 0.9), 9.0);
        assert_eq!(quantile(&[], 0.5), 0.0);
    }

    #[test]
    fn edit_frames_take_the_slower_of_the_two_frames() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let frames = [(5, at(0)), (6, at(30)), (7, at(40)), (8, at(50))];
        let r = edit_report(&frames, &[5, 6]);
        assert_eq!(r.count, 2);
        assert!((r.worst_frame_ms - 30.0).abs() < 1e-6);
    }

    #[test]
    fn process_cpu_time_grows_with_work() {
        let before = process_cpu_ms();
        let mut x = 0u64;
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(30) {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        assert!(process_cpu_ms() > before, "{x}");
    }

    #[test]
    fn peak_memory_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(peak_rss_mb().is_some_and(|m| m > 0.0));
        }
    }
}
