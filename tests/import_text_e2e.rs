//! The real PlantUML, Structurizr and D2 files end to end: through `import_file` (format
//! detected from the name) into a design that validates, keeps at least 90% of what was drawn
//! and gets a critique, with the kinds and containers asserted for a few; and through
//! `archway import` and `archway check` on the command line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use archway::critique::Analysis;
use archway::import::{Imported, PageChoice, SourceFormat, import_file};
use assert_cmd::Command;

fn real(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/real")
        .join(rel)
}

fn import(rel: &str, page: &PageChoice) -> Imported {
    import_file(&real(rel), None, page).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const REAL: &[(&str, SourceFormat)] = &[
    (
        "plantuml/awslabs-aws-icons-for-plantuml__groups-vpc.puml",
        SourceFormat::PlantUml,
    ),
    (
        "plantuml/awslabs-aws-icons-for-plantuml__s3-upload-workflow.puml",
        SourceFormat::PlantUml,
    ),
    (
        "plantuml/awslabs-aws-icons-for-plantuml__serverless-api.puml",
        SourceFormat::PlantUml,
    ),
    (
        "plantuml/c4-plantuml__container-message-bus.puml",
        SourceFormat::PlantUml,
    ),
    (
        "plantuml/c4-plantuml__container-techtribesjs.puml",
        SourceFormat::PlantUml,
    ),
    (
        "plantuml/c4-plantuml__deployment-bigbankplc.puml",
        SourceFormat::PlantUml,
    ),
    (
        "structurizr/awslabs-aws-icons-for-plantuml__s3-upload-workflow.dsl",
        SourceFormat::Structurizr,
    ),
    (
        "structurizr/structurizr-examples__amazon-web-services.dsl",
        SourceFormat::Structurizr,
    ),
    (
        "structurizr/structurizr-examples__big-bank-plc/internet-banking-system/workspace.dsl",
        SourceFormat::Structurizr,
    ),
    (
        "structurizr/structurizr-examples__microservices.dsl",
        SourceFormat::Structurizr,
    ),
    ("d2/terrastruct-d2-docs__c4-bigbank.d2", SourceFormat::D2),
    ("d2/terrastruct-d2__twitter-timeline.d2", SourceFormat::D2),
];

/// Component counts by kind name, as the import report lists them.
fn kinds(i: &Imported) -> BTreeMap<&str, usize> {
    i.report
        .by_kind
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect()
}

/// Container counts by kind key.
fn containers(i: &Imported) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for c in &i.design.containers {
        *m.entry(c.kind.key()).or_default() += 1;
    }
    m
}

#[test]
fn every_real_text_diagram_imports_validates_keeps_nine_tenths_and_is_critiqued() {
    for (rel, format) in REAL {
        let i = import(rel, &PageChoice::First);
        assert_eq!(i.format, *format, "{rel}");
        let r = &i.report;
        assert!(
            r.kept_ratio() >= 0.9,
            "{rel}: kept {:.2}\n{}",
            r.kept_ratio(),
            r.text()
        );
        assert_eq!(
            (r.nodes, r.edges),
            (i.design.nodes.len(), i.design.edges.len()),
            "{rel}"
        );
        let findings = Analysis::at(&i.design, i.design.review_level)
            .report
            .findings;
        assert!(!findings.is_empty(), "{rel}: the critique found nothing");
    }
}

#[test]
fn plantuml_aws_groups_become_cloud_containers_and_icons_kinds() {
    let i = import(
        "plantuml/awslabs-aws-icons-for-plantuml__groups-vpc.puml",
        &PageChoice::First,
    );
    assert_eq!(
        kinds(&i),
        BTreeMap::from([
            ("app server", 2),
            ("internet gateway", 1),
            ("nat gateway", 2)
        ])
    );
    assert_eq!(
        containers(&i),
        BTreeMap::from([
            ("availability_zone", 2),
            ("cloud_account", 1),
            ("private_subnet", 2),
            ("public_subnet", 2),
            ("vpc", 1),
        ])
    );
    let i = import(
        "plantuml/awslabs-aws-icons-for-plantuml__serverless-api.puml",
        &PageChoice::First,
    );
    assert_eq!(
        kinds(&i),
        BTreeMap::from([
            ("api gateway", 1),
            ("client", 1),
            ("nosql database", 1),
            ("object storage", 1),
            ("serverless function", 2),
        ])
    );
    assert_eq!(i.design.edges.len(), 6);
}

#[test]
fn plantuml_c4_containers_keep_their_kinds_and_boundary() {
    let i = import(
        "plantuml/c4-plantuml__container-techtribesjs.puml",
        &PageChoice::First,
    );
    assert_eq!(
        kinds(&i),
        BTreeMap::from([
            ("app server", 2),
            ("client", 3),
            ("external service", 3),
            ("file system / volume", 1),
            ("nosql database", 1),
            ("sql database", 1),
        ])
    );
    assert_eq!((i.design.containers.len(), i.design.edges.len()), (1, 12));
    let i = import(
        "plantuml/c4-plantuml__deployment-bigbankplc.puml",
        &PageChoice::First,
    );
    assert_eq!(containers(&i).get("on_prem_data_center"), Some(&1));
    assert_eq!(
        (
            i.design.nodes.len(),
            i.design.containers.len(),
            i.design.edges.len()
        ),
        (6, 12, 6)
    );
}

#[test]
fn structurizr_deployments_and_containers_keep_their_kinds() {
    let i = import(
        "structurizr/structurizr-examples__amazon-web-services.dsl",
        &PageChoice::First,
    );
    assert_eq!(
        kinds(&i),
        BTreeMap::from([
            ("app server", 1),
            ("dns", 1),
            ("load balancer", 1),
            ("sql database", 1)
        ])
    );
    assert_eq!(containers(&i).get("region"), Some(&1));
    assert_eq!(containers(&i).get("auto_scaling_group"), Some(&1));
    assert_eq!(i.design.edges.len(), 3);
    let i = import(
        "structurizr/structurizr-examples__microservices.dsl",
        &PageChoice::First,
    );
    assert_eq!(
        kinds(&i),
        BTreeMap::from([
            ("app server", 9),
            ("client", 1),
            ("external service", 2),
            ("load balancer", 1),
            ("sql database", 8),
        ])
    );
    assert_eq!((i.design.containers.len(), i.design.edges.len()), (9, 26));
    let bank =
        "structurizr/structurizr-examples__big-bank-plc/internet-banking-system/workspace.dsl";
    let live = import(bank, &PageChoice::Name("Live".into()));
    assert_eq!(live.report.page_read, 1);
    assert_eq!(
        (
            live.design.nodes.len(),
            live.design.containers.len(),
            live.design.edges.len()
        ),
        (7, 13, 7)
    );
    assert_eq!(
        kinds(&live).get("sql database"),
        Some(&2),
        "the primary and the secondary"
    );
}

#[test]
fn d2_c4_bank_keeps_its_kinds() {
    let i = import("d2/terrastruct-d2-docs__c4-bigbank.d2", &PageChoice::First);
    assert_eq!(kinds(&i).get("sql database"), Some(&1));
    assert_eq!(
        (
            i.design.nodes.len(),
            i.design.containers.len(),
            i.design.edges.len()
        ),
        (8, 1, 10)
    );
}

#[test]
fn archway_import_and_check_run_on_every_real_text_diagram() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (k, (rel, format)) in REAL.iter().enumerate() {
        let out = dir.path().join(format!("{k}.archway.ron"));
        let assert = Command::cargo_bin("archway")
            .unwrap_or_else(|e| panic!("{e}"))
            .arg("import")
            .arg(real(rel))
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        assert!(
            stdout.contains(&format!("Imported {}", format.name())),
            "{rel}: {stdout}"
        );
        assert!(out.is_file(), "{rel}: no design written");
        let check = Command::cargo_bin("archway")
            .unwrap_or_else(|e| panic!("{e}"))
            .arg("check")
            .arg(real(rel))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        // 0: no finding fails the check, 1: some do; 2 would be a file that cannot be read.
        assert!(
            matches!(check.status.code(), Some(0 | 1)),
            "{rel}: {check:?}"
        );
        let report = String::from_utf8_lossy(&check.stdout);
        assert!(!report.trim().is_empty(), "{rel}: check printed nothing");
    }
}
