//! Auto-layout on every shipped template: nodes never overlap, every node and container stays
//! inside its container, sibling containers are disjoint, locked nodes stay put, and a
//! selection moves only what is selected.

use archway::geometry::layout::{Direction, LayoutScope, auto_layout};
use archway::geometry::node_rect;
use archway::model::{Design, Rect};
use std::collections::BTreeSet;

fn laid_out(design: &Design, scope: &LayoutScope, direction: Direction) -> Design {
    let mut d = design.clone();
    auto_layout(design, scope, direction).apply(&mut d);
    d
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// Every way the layout can be unreadable, as messages (empty when it is tidy).
fn problems(d: &Design) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in d.nodes.iter().enumerate() {
        for b in &d.nodes[i + 1..] {
            if overlaps(&node_rect(a), &node_rect(b)) {
                out.push(format!("nodes {} and {} overlap", a.id, b.id));
            }
        }
        if let Some(c) = &a.container {
            let c = d.container(c.as_str()).expect("container");
            if !c.rect.contains_rect(&node_rect(a)) {
                out.push(format!("node {} is outside {}", a.id, c.id));
            }
        }
        // A node never sits on a container it is not in.
        for c in &d.containers {
            let in_it = {
                let mut at = a.container.clone();
                let mut found = false;
                while let Some(id) = at {
                    if id == c.id {
                        found = true;
                        break;
                    }
                    at = d.container(id.as_str()).and_then(|k| k.parent.clone());
                }
                found
            };
            if !in_it && overlaps(&c.rect, &node_rect(a)) {
                out.push(format!("node {} lies on container {}", a.id, c.id));
            }
        }
    }
    for (i, a) in d.containers.iter().enumerate() {
        if let Some(p) = &a.parent {
            let p = d.container(p.as_str()).expect("parent");
            if !p.rect.contains_rect(&a.rect) {
                out.push(format!("container {} is outside {}", a.id, p.id));
            }
        }
        for b in &d.containers[i + 1..] {
            if a.parent == b.parent && overlaps(&a.rect, &b.rect) {
                out.push(format!("sibling containers {} and {} overlap", a.id, b.id));
            }
        }
    }
    out
}

#[test]
fn every_template_lays_out_tidily_both_ways() {
    for t in archway::templates::ALL {
        let design = t.design().expect("template parses");
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            let d = laid_out(&design, &LayoutScope::Design, direction);
            let p = problems(&d);
            assert!(p.is_empty(), "{} {direction:?}: {p:#?}", t.name);
            assert_eq!(d.nodes.len(), design.nodes.len());
            assert_eq!(d.edges, design.edges, "layout never touches edges");
            // Laying out a laid-out design changes nothing.
            let again = laid_out(&d, &LayoutScope::Design, direction);
            assert_eq!(again, d, "{} {direction:?}: layout is stable", t.name);
        }
    }
}

#[test]
fn edges_point_along_the_flow() {
    let design = archway::templates::ALL[0].design().expect("parses");
    let d = laid_out(&design, &LayoutScope::Design, Direction::LeftToRight);
    let x = |id: &str| d.node(id).map(|n| n.pos.x);
    let forward = d
        .edges
        .iter()
        .filter(|e| matches!((x(e.from.as_str()), x(e.to.as_str())), (Some(a), Some(b)) if a < b))
        .count();
    assert!(
        forward * 3 >= d.edges.len() * 2,
        "{forward} of {} edges point right",
        d.edges.len()
    );
}

#[test]
fn locked_nodes_keep_their_place() {
    for t in archway::templates::ALL.iter().take(9) {
        let mut design = t.design().expect("parses");
        let locked: Vec<usize> = (0..design.nodes.len()).step_by(3).collect();
        for &i in &locked {
            design.nodes[i].props.locked = Some(true);
        }
        let d = laid_out(&design, &LayoutScope::Design, Direction::LeftToRight);
        for &i in &locked {
            assert_eq!(
                d.nodes[i].pos, design.nodes[i].pos,
                "{} {}",
                t.name, d.nodes[i].id
            );
        }
        let moved = d
            .nodes
            .iter()
            .zip(&design.nodes)
            .filter(|(a, b)| a.pos != b.pos);
        assert!(
            moved.count() > 0,
            "{}: the unlocked nodes are laid out",
            t.name
        );
        for (i, a) in d.nodes.iter().enumerate() {
            for b in &d.nodes[i + 1..] {
                assert!(
                    !overlaps(&node_rect(a), &node_rect(b)),
                    "{}: {} and {} overlap",
                    t.name,
                    a.id,
                    b.id
                );
            }
        }
    }
}

#[test]
fn a_selection_moves_only_what_is_selected() {
    let design = archway::templates::ALL[0].design().expect("parses");
    let top: BTreeSet<_> = design
        .nodes
        .iter()
        .filter(|n| n.container.is_none())
        .map(|n| n.id.clone())
        .take(3)
        .collect();
    assert!(top.len() >= 2, "the template has top-level nodes");
    let scope = LayoutScope::Selection {
        nodes: top.clone(),
        containers: BTreeSet::new(),
    };
    let d = laid_out(&design, &scope, Direction::LeftToRight);
    for (a, b) in d.nodes.iter().zip(&design.nodes) {
        if !top.contains(&a.id) {
            assert_eq!(a.pos, b.pos, "{} is not selected and stays", a.id);
        }
    }
    for (i, a) in d.nodes.iter().enumerate() {
        for b in &d.nodes[i + 1..] {
            assert!(
                !overlaps(&node_rect(a), &node_rect(b)),
                "{} and {}",
                a.id,
                b.id
            );
        }
    }
}
