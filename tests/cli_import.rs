//! `archway import` and foreign files given to `check`, `estimate` and `export`: the report,
//! `-o`, the default output, refusing to overwrite, exit codes and errors with positions.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn archway() -> Command {
    Command::cargo_bin("archway").expect("binary built")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A copy of a fixture in a fresh folder, so outputs land beside it.
fn copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let to = dir.path().join(Path::new(name).file_name().expect("name"));
    std::fs::copy(fixture(name), &to).expect("copy");
    (dir, to)
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn import_writes_the_design_beside_the_diagram_and_prints_the_report() {
    let (dir, src) = copy("drawio/aws4-icons.drawio");
    let out = archway()
        .arg("import")
        .arg(&src)
        .assert()
        .success()
        .get_output()
        .clone();
    let report = stdout(&out);
    assert!(report.starts_with("Imported drawio\n"), "{report}");
    assert!(
        report.contains("Read: 15 shapes (15 with an icon or stencil), 0 groups, 3 connections"),
        "{report}"
    );
    assert!(
        report.contains("Made: 15 components, 0 containers, 3 connections"),
        "{report}"
    );
    assert!(
        report.contains("\"Handler\" (style mxgraph.aws4.lambda) → serverless function `handler`"),
        "{report}"
    );
    let written = dir.path().join("aws4-icons.archway.ron");
    assert!(stderr(&out).contains("wrote"), "{}", stderr(&out));
    let design = archway::model::file::load(&written).expect("the design loads");
    assert_eq!(design.nodes.len(), 15);
    // A second import does not replace the design without --force.
    let again = archway()
        .arg("import")
        .arg(&src)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    archway()
        .arg("import")
        .arg(&src)
        .arg("--force")
        .assert()
        .success();
}

#[test]
fn import_with_output_and_page() {
    let (dir, src) = copy("drawio/multipage.drawio");
    let target = dir.path().join("dev.archway.ron");
    let out = archway()
        .arg("import")
        .arg(&src)
        .args(["--page", "Dev", "--format", "drawio", "-o"])
        .arg(&target)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        stdout(&out).contains("page 2 of 2 (\"Dev\")"),
        "{}",
        stdout(&out)
    );
    let design = archway::model::file::load(&target).expect("loads");
    assert_eq!(design.nodes.len(), 3);
    let missing = archway()
        .arg("import")
        .arg(&src)
        .args(["--page", "7", "-o"])
        .arg(dir.path().join("x.archway.ron"))
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        stderr(&missing).contains("there is no page 7"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn import_refuses_to_overwrite_its_source() {
    let (_dir, src) = copy("drawio/compressed.drawio");
    let before = std::fs::read(&src).expect("read");
    let out = archway()
        .arg("import")
        .arg(&src)
        .arg("-o")
        .arg(&src)
        .arg("--force")
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("it is the input file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&src).expect("read"), before);
}

#[test]
fn a_malformed_diagram_exits_2_with_file_line_and_column() {
    let (dir, src) = copy("drawio/malformed.drawio");
    let out = archway()
        .arg("import")
        .arg(&src)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = stderr(&out);
    assert!(err.contains("malformed.drawio:5:"), "{err}");
    assert!(err.contains("error: malformed XML"), "{err}");
    assert!(
        !dir.path().join("malformed.archway.ron").exists(),
        "nothing is written"
    );
    let check = archway()
        .arg("check")
        .arg(&src)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        stderr(&check).contains("malformed.drawio:5:"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn an_unknown_format_says_how_to_name_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("notes.txt");
    std::fs::write(&src, "just some words").expect("write");
    let out = archway()
        .arg("import")
        .arg(&src)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("name it with --format"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_estimate_and_export_accept_a_drawio_file() {
    let src = fixture("real/drawio/jgraph-drawio-diagrams__aws-saas-example.drawio");
    let out = archway().arg("check").arg(&src).output().expect("runs");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert!(stderr(&out).contains("note: imported"), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("jgraph-drawio-diagrams__aws-saas-example.drawio"),
        "{text}"
    );
    let json = archway()
        .arg("check")
        .arg(&src)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let parsed: serde_json::Value =
        serde_json::from_slice(&json.stdout).expect("stdout stays one JSON document");
    assert!(parsed.is_object() || parsed.is_array());
    archway().arg("estimate").arg(&src).assert().success();
    let dir = tempfile::tempdir().expect("tempdir");
    let svg = dir.path().join("saas.svg");
    archway()
        .arg("export")
        .arg(&src)
        .arg("-o")
        .arg(&svg)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&svg).expect("svg").contains("<svg"));
}
