//! `archway bench-view` in a real window: it measures the standard scene of 1,000 boxes for a
//! second and prints one JSON object last, with every figure a reader needs. Needs a display
//! (`.ci/run` runs it under `xvfb-run`); without one it says so and passes.

use assert_cmd::Command;
use serde_json::Value;

fn archway() -> Command {
    Command::cargo_bin("archway").expect("binary built")
}

#[test]
fn bench_view_measures_the_window_and_prints_json_last() {
    if std::env::var_os("DISPLAY").is_none() {
        eprintln!("skipped: no DISPLAY (run under xvfb-run to measure a real window)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("grid.archway.ron");
    archway()
        .args(["new", "--grid", "1000", "-o"])
        .arg(&file)
        .assert()
        .success();
    let out = archway()
        .env_remove("WAYLAND_DISPLAY")
        .arg("bench-view")
        .arg(&file)
        .args(["--pan-ms", "1000", "--edits", "2", "--size", "1280x720"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    let last = text.lines().last().expect("some output");
    let v: Value = serde_json::from_str(last).expect("the last line is one JSON object");
    let num = |path: &str| {
        v.pointer(path)
            .and_then(Value::as_f64)
            .unwrap_or_else(|| panic!("{path} is a number in {last}"))
    };
    assert_eq!(num("/nodes"), 1000.0);
    assert_eq!(num("/edges"), 999.0);
    assert_eq!(v["view"], "fit");
    assert!(["glow", "wgpu"].contains(&v["renderer"].as_str().unwrap_or("")));
    assert!(v["adapter"].is_string());
    assert_eq!(v["window"], serde_json::json!([1280, 720]));
    assert!(num("/first_render_ms") > 0.0);
    assert!(num("/process_to_first_frame_ms") >= num("/first_render_ms"));
    assert!(num("/findings_ms") > 0.0);
    assert!(num("/pan/frames") >= 1.0);
    assert!(num("/pan/fps") > 0.0);
    assert!(num("/pan/elapsed_ms") >= 900.0);
    for k in [
        "/pan/median_frame_ms",
        "/pan/p90_frame_ms",
        "/pan/slowest_frame_ms",
        "/pan/cpu_ms_per_frame",
    ] {
        assert!(num(k) > 0.0, "{k}");
    }
    assert_eq!(num("/edits/count"), 2.0);
    assert!(num("/edits/worst_frame_ms") >= num("/edits/median_frame_ms"));
    assert!(num("/peak_rss_mb") > 0.0);
    assert!(v["vsync"].is_boolean());
    // The text lines come first, for a reader.
    assert!(text.contains("first render"), "{text}");
}

#[test]
fn bench_view_refuses_a_missing_file() {
    archway()
        .args(["bench-view", "no-such-file.archway.ron"])
        .assert()
        .code(2);
}
