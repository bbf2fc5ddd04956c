//! Round trips: Archway → draw.io → Archway and Archway → Excalidraw → Archway keep every
//! node's kind, every container's kind, where each node and container sits, and every
//! connection, for every shipped template.

use archway::import::{self, PageChoice, SourceFormat};
use archway::model::Design;
use std::path::Path;

#[test]
fn templates_survive_a_drawio_round_trip() {
    // The export names each kind in its style (`archwayKind=…`).
    assert_round_trip(
        SourceFormat::DrawIo,
        "round-trip.drawio",
        archway::export::drawio::render,
    );
}

#[test]
fn templates_survive_an_excalidraw_round_trip() {
    // The export keeps each kind in the element's `customData`.
    assert_round_trip(
        SourceFormat::Excalidraw,
        "round-trip.excalidraw",
        archway::export::excalidraw::render,
    );
}

/// Exports every template with `render`, imports it back and compares. Elements are matched by
/// the export's ids (`node-…`, `container-…`), which the import report keeps as each line's
/// source.
fn assert_round_trip(format: SourceFormat, file: &str, render: fn(&Design) -> String) {
    for t in archway::templates::ALL {
        let design = t.design().expect("template loads");
        let text = render(&design);
        let back = import::import_bytes(
            Path::new(file),
            text.as_bytes(),
            Some(format),
            &PageChoice::First,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", t.name));
        let new_id: std::collections::HashMap<String, String> = back
            .report
            .lines
            .iter()
            .filter_map(|l| Some((l.source.id.clone()?, l.target.as_ref()?.id().to_owned())))
            .collect();
        let cell = |prefix: &str, id: &str| {
            new_id
                .get(&format!("{prefix}-{id}"))
                .unwrap_or_else(|| panic!("{}: {prefix} {id} was not imported", t.name))
                .clone()
        };
        let d = &back.design;
        assert_eq!(d.nodes.len(), design.nodes.len(), "{}", t.name);
        assert_eq!(d.containers.len(), design.containers.len(), "{}", t.name);
        for c in &design.containers {
            let got = d
                .container(&cell("container", c.id.as_str()))
                .expect("container");
            assert_eq!(got.kind, c.kind, "{}: container {}", t.name, c.id);
            let parent = c.parent.as_ref().map(|p| cell("container", p.as_str()));
            assert_eq!(
                got.parent.as_ref().map(|p| p.0.clone()),
                parent,
                "{}: container {}",
                t.name,
                c.id
            );
        }
        for n in &design.nodes {
            let got = d.node(&cell("node", n.id.as_str())).expect("node");
            assert_eq!(got.kind, n.kind, "{}: node {}", t.name, n.id);
            let container = n.container.as_ref().map(|c| cell("container", c.as_str()));
            assert_eq!(
                got.container.as_ref().map(|c| c.0.clone()),
                container,
                "{}: node {}",
                t.name,
                n.id
            );
        }
        assert_eq!(d.edges.len(), design.edges.len(), "{}", t.name);
        let end = |id: &str| {
            if design.container(id).is_some() {
                cell("container", id)
            } else {
                cell("node", id)
            }
        };
        for e in &design.edges {
            let (from, to) = (end(e.from.as_str()), end(e.to.as_str()));
            assert!(
                d.edges
                    .iter()
                    .any(|b| b.from.as_str() == from && b.to.as_str() == to),
                "{}: edge {} ({from} → {to}) was lost",
                t.name,
                e.id
            );
        }
    }
}
