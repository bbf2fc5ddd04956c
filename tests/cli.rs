//! The real `archway` binary: subcommands, exit codes and load errors.

use assert_cmd::Command;

/// Writes `text` to a file called `name`, runs `archway check` on it, expects exit code 2 (the
/// file could not be loaded) and returns what it printed on stderr.
fn check_fails_to_load(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    let out = archway()
        .arg("check")
        .arg(&path)
        .assert()
        .code(2)
        .get_output()
        .clone();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn archway() -> Command {
    Command::cargo_bin("archway").expect("binary built")
}

const EMPTY_DESIGN: &str =
    "(\n    version: 1,\n    metadata: (\n        title: \"Empty\",\n    ),\n)\n";

#[test]
fn help_lists_every_subcommand() {
    let out = archway()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    for sub in [
        "open",
        "check",
        "new",
        "templates",
        "rules",
        "explain",
        "export",
        "estimate",
        "import",
        "bench-view",
    ] {
        assert!(
            text.contains(sub),
            "--help does not mention `{sub}`:\n{text}"
        );
    }
}

#[test]
fn check_of_a_broken_file_prints_line_and_column_and_exits_2() {
    let err = check_fails_to_load(
        "broken.archway.ron",
        "(\n    version: 1,\n    nodes: [\n        (id: \"a\", kind: app_server pos: (0, 0)),\n    ],\n)\n",
    );
    assert!(
        err.contains("broken.archway.ron:4:"),
        "no file:line:col in: {err}"
    );
    assert!(err.contains("error:"), "{err}");
}

#[test]
fn check_of_a_clean_file_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.archway.ron");
    std::fs::write(&path, EMPTY_DESIGN).expect("write");
    archway().arg("check").arg(&path).assert().code(0);
}

#[test]
fn one_unloadable_file_among_several_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.archway.ron");
    std::fs::write(&good, EMPTY_DESIGN).expect("write");
    let missing = dir.path().join("missing.archway.ron");
    let out = archway()
        .arg("check")
        .arg(&good)
        .arg(&missing)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("missing.archway.ron:1:1: error: cannot read the file")
    );
}

#[test]
fn a_future_version_is_refused_with_a_clear_message() {
    let err = check_fails_to_load(
        "future.archway.ron",
        "(\n    version: 99,\n    teleporter: true,\n)\n",
    );
    assert!(
        err.contains("future.archway.ron:2:5:") && err.contains("newer Archway"),
        "{err}"
    );
}

#[test]
fn check_requires_a_file_and_rejects_unknown_formats() {
    archway().arg("check").assert().code(2);
    archway()
        .args(["check", "x.archway.ron", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn explain_of_an_unknown_rule_fails() {
    let out = archway()
        .args(["explain", "NO-SUCH-RULE"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("NO-SUCH-RULE"));
}

#[test]
fn a_closed_pipe_ends_the_listing_quietly() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("archway"))
        .arg("rules")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take()); // the reader goes away at once, like `| head -0`
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn new_grid_writes_the_standard_scene_deterministically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (
        dir.path().join("a.archway.ron"),
        dir.path().join("b.archway.ron"),
    );
    for path in [&a, &b] {
        archway()
            .args(["new", "--grid", "250", "-o"])
            .arg(path)
            .assert()
            .success();
    }
    let bytes = std::fs::read(&a).expect("read a");
    assert_eq!(
        bytes,
        std::fs::read(&b).expect("read b"),
        "same N, same bytes"
    );
    let design =
        archway::model::file::parse(&String::from_utf8_lossy(&bytes)).expect("the scene loads");
    assert_eq!(design.nodes.len(), 250);
    assert_eq!(design.edges.len(), 249);
    assert_eq!(design.nodes[249].label, "Box 250");

    // An existing file is kept unless --force is given; --grid and --template exclude each other.
    archway()
        .args(["new", "--grid", "3", "-o"])
        .arg(&a)
        .assert()
        .code(2);
    archway()
        .args(["new", "--grid", "3", "--force", "-o"])
        .arg(&a)
        .assert()
        .success();
    archway()
        .args(["new", "--grid", "3", "--template", "chat", "-o"])
        .arg(&b)
        .assert()
        .code(2);
    archway().args(["new", "--grid", "0"]).assert().code(2);
}

#[test]
fn export_of_a_narrow_part_keeps_the_whole_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    let design = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/linkpulse-8-load-balancer.archway.ron");
    let svg = dir.path().join("part.svg");
    archway()
        .args(["export", "--only", "dns", "-o"])
        .arg(&svg)
        .arg(&design)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).expect("svg written");
    let title = "LinkPulse 8: load balancer and three Node servers (after)";
    let drawn = format!(">{title}</text>");
    assert!(text.contains(&drawn), "the title is drawn whole");
}

#[test]
fn export_only_draws_the_chosen_components_their_containers_and_edges_between_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let chat = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/chat.archway.ron");
    let svg = dir.path().join("part.svg");
    archway()
        .args(["export", "--only", "alb,ws", "--no-findings", "-o"])
        .arg(&svg)
        .arg(&chat)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).expect("svg written");
    assert!(text.contains("Load balancer") && text.contains("Chat WebSocket servers"));
    assert!(!text.contains("User (mobile app)"), "left out: the user");
    assert!(!text.contains("class=\"badge\""));
    // The diagrams for other tools take the same part.
    let mmd = dir.path().join("part.mmd");
    archway()
        .args(["export", "--only", "alb,ws", "-o"])
        .arg(&mmd)
        .arg(&chat)
        .assert()
        .success();
    let flow = std::fs::read_to_string(&mmd).expect("mmd written");
    assert!(flow.contains("alb") && flow.contains("ws"));
    assert!(!flow.contains("user"), "{flow}");
    // An unknown id is named; a report covers the whole design.
    let out = archway()
        .args(["export", "--only", "alb,ghost", "-o"])
        .arg(dir.path().join("x.svg"))
        .arg(&chat)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("`ghost`"));
    archway()
        .args(["export", "--only", "alb", "-o"])
        .arg(dir.path().join("x.md"))
        .arg(&chat)
        .assert()
        .code(2);
}
