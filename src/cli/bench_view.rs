//! `archway bench-view FILE [--view fit|100] [--pan-ms MS] [--size WxH] [--uncapped]
//! [--edits N] [--format text|json]`: measures the real editor window on a design (see
//! `ui::bench`) and prints the figures, one JSON object last.

use super::console::{self, ListFormat};
use crate::ui::bench::{self, BenchOptions, BenchReport, BenchView};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `archway bench-view`.
#[derive(Args, Debug)]
pub struct BenchViewArgs {
    /// Design file (`.archway.ron`) to open; `archway new --grid N` writes the standard scene.
    pub file: PathBuf,
    /// The view to measure at: the whole design fitted, or 100 %.
    #[arg(long, value_enum, default_value_t = ViewArg::Fit)]
    pub view: ViewArg,
    /// How long to pan (a circle of 150 screen points every 1.5 s), in milliseconds.
    #[arg(long, default_value_t = 3000, value_name = "MS")]
    pub pan_ms: u64,
    /// Window size in points, `WIDTHxHEIGHT`.
    #[arg(long, default_value = "1920x1080", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Turn vsync off, so frame rates above the display's refresh rate show.
    #[arg(long)]
    pub uncapped: bool,
    /// Single-node moves to apply after the pan, each timed like the end of a drag.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub edits: usize,
    /// Output format: text lines then the JSON object, or the JSON object alone.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// `--view`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewArg {
    /// The whole design in the window.
    Fit,
    /// 100 % zoom.
    #[value(name = "100")]
    Actual,
}

/// `WIDTHxHEIGHT`, each between 64 and 16384.
fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("`{s}` is not WIDTHxHEIGHT"))?;
    let num = |t: &str| -> Result<u32, String> {
        let v: u32 = t
            .trim()
            .parse()
            .map_err(|_| format!("`{t}` is not a number"))?;
        if (64..=16384).contains(&v) {
            Ok(v)
        } else {
            Err(format!("{v} is outside 64–16384"))
        }
    };
    Ok((num(w)?, num(h)?))
}

/// Opens the window, measures, prints. Exit status 2 when the file cannot be loaded or the
/// window cannot be opened.
pub fn run(args: &BenchViewArgs, process_start: Instant) -> ExitCode {
    if !args.file.exists() {
        return console::fail(format!("{}: no such file", args.file.display()));
    }
    let options = BenchOptions {
        file: args.file.clone(),
        view: match args.view {
            ViewArg::Fit => BenchView::Fit,
            ViewArg::Actual => BenchView::Actual,
        },
        pan_ms: args.pan_ms,
        size: [args.size.0 as f32, args.size.1 as f32],
        uncapped: args.uncapped,
        edits: args.edits,
        process_start,
    };
    let report = match bench::run(options) {
        Ok(r) => r,
        Err(e) => return console::fail(e),
    };
    let json = serde_json::to_string(&report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    let mut out = String::new();
    if args.format == ListFormat::Text {
        out.push_str(&text(&report));
    }
    out.push_str(&json);
    out.push('\n');
    console::print(&out);
    ExitCode::SUCCESS
}

/// The figures for a reader.
fn text(r: &BenchReport) -> String {
    let mut s = format!(
        "{} ({} nodes, {} edges) at {} (zoom {:.3}), {}×{} px, {} on {}{}\n",
        r.file,
        r.nodes,
        r.edges,
        r.view,
        r.zoom,
        r.window[0],
        r.window[1],
        r.renderer,
        r.adapter,
        if r.vsync { "" } else { ", vsync off" },
    );
    s += &format!(
        "first render {:.0} ms (process start to first frame {:.0} ms); findings shown after {:.0} ms\n",
        r.first_render_ms, r.process_to_first_frame_ms, r.findings_ms
    );
    s += &format!(
        "pan: {} frames in {:.0} ms = {:.1} fps; frame median {:.1} ms, p90 {:.1} ms, slowest {:.1} ms; CPU {:.1} ms a frame\n",
        r.pan.frames,
        r.pan.elapsed_ms,
        r.pan.fps,
        r.pan.median_frame_ms,
        r.pan.p90_frame_ms,
        r.pan.slowest_frame_ms,
        r.pan.cpu_ms_per_frame
    );
    if r.edits.count > 0 {
        s += &format!(
            "edits: {} moves; frame after an edit median {:.1} ms, worst {:.1} ms\n",
            r.edits.count, r.edits.median_frame_ms, r.edits.worst_frame_ms
        );
    }
    s += &format!("peak resident memory {:.0} MiB\n", r.peak_rss_mb);
    s
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_and_bad_ones_are_refused() {
        assert_eq!(parse_size("1920x1080"), Ok((1920, 1080)));
        assert_eq!(parse_size("640X480"), Ok((640, 480)));
        assert!(parse_size("1920").is_err());
        assert!(parse_size("10x10").is_err());
        assert!(parse_size("axb").is_err());
    }
}
