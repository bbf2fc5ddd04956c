//! What each element of a detailed picture of the design looks like, as a hash of everything
//! its drawing reads, with the area that drawing covers: comparing the looks before and after
//! an edit or a click gives the area of the picture to draw again.

use super::frame::Scene;
use crate::geometry::{self, caption};
use crate::ui::canvas::colors::color;
use crate::ui::canvas::layout::{caption_style, to_egui_rect, to_model_rect, to_pos2};
use crate::ui::canvas::state::DrawnLooks;
use egui::{Rect, Vec2};
use std::fmt::Write as _;
use std::hash::Hasher as _;

/// The looks of the nodes and edges drawn in `area` (canvas units) at `zoom`, and of every
/// container.
pub(super) fn looks_in(s: &Scene<'_>, area: Rect, zoom: f32) -> DrawnLooks {
    let mut looks = DrawnLooks::default();
    let zoom = zoom.max(1e-3);
    for n in s.cache.nodes_in(area) {
        let (Some(node), Some(&r)) = (s.design.nodes.get(n), s.cache.node_rects.get(n)) else {
            continue;
        };
        let badge = s
            .options
            .show_findings
            .then(|| s.cache.node_badges.get(n))
            .flatten();
        let estimate = s
            .options
            .show_capacity
            .then(|| s.input.estimate.nodes.get(n))
            .flatten();
        // The capacity caption, where the cache placed it.
        let pill = estimate.and_then(|e| e.caption_text()).map(|text| {
            let scale = caption_style(zoom).scale;
            s.cache.capacity_caption(n, to_model_rect(r), &text, scale)
        });
        let look = hash_of(&(
            r,
            node.kind,
            node.display_label(),
            &node.props.tech,
            node.props.locked,
            color(geometry::node_color(node)),
            s.selection.nodes.contains(&node.id),
            badge,
            estimate,
            pill,
        ));
        // The selection ring, the finding badge on the corner and the capacity pill below.
        let mut drawn = r.expand(8.0 / zoom);
        let radius = (caption::NODE_BADGE_RADIUS * zoom).clamp(5.0, 11.0) / zoom;
        let (x, y) = caption::node_badge_centre(&to_model_rect(r));
        drawn = drawn.union(Rect::from_center_size(
            egui::pos2(x, y),
            Vec2::splat(2.0 * radius + 4.0 / zoom),
        ));
        if let Some(pill) = pill {
            drawn = drawn.union(to_egui_rect(&pill).expand(2.0 / zoom));
        }
        looks.nodes.insert(n, (look, drawn));
    }
    for e in s.cache.edges_in(area) {
        let Some(edge) = s.design.edges.get(e) else {
            continue;
        };
        let route = s.cache.edge_routes.get(e).copied().flatten();
        let label = s.cache.captions.get(e).and_then(Option::as_ref);
        let badge = s
            .options
            .show_findings
            .then(|| s.cache.edge_badges.get(e))
            .flatten();
        let look = hash_of(&(
            route,
            edge.kind,
            s.selection.edges.contains(&edge.id),
            label,
            badge,
        ));
        let mut drawn = Rect::NOTHING;
        if let Some(route) = route {
            drawn = drawn.union(to_egui_rect(&route.bounds()));
            drawn = drawn.union(Rect::from_center_size(to_pos2(route.mid()), Vec2::ZERO));
        }
        if let Some(c) = label {
            drawn = drawn.union(to_egui_rect(&c.footprint()));
        }
        // Arrowheads, double lines, the badge above the middle.
        looks.edges.insert(e, (look, drawn.expand(40.0 / zoom)));
    }
    looks.containers = hash_of(&(
        &s.design.containers,
        &s.selection.containers,
        &s.cache.container_order,
    ));
    looks
}

/// The canvas area whose drawing differs between `before` and `now` (empty when none does);
/// `None` when a container changed (the whole picture is drawn again).
pub(super) fn changed_between(before: &DrawnLooks, now: &DrawnLooks) -> Option<Rect> {
    if before.containers != now.containers {
        return None;
    }
    let mut area = Rect::NOTHING;
    for (old, new) in [(&before.nodes, &now.nodes), (&before.edges, &now.edges)] {
        for (k, (look, drawn)) in new {
            match old.get(k) {
                Some((was, _)) if was == look => {}
                Some((_, was_drawn)) => area = area.union(*was_drawn).union(*drawn),
                None => area = area.union(*drawn),
            }
        }
        for (k, (_, was_drawn)) in old {
            if !new.contains_key(k) {
                area = area.union(*was_drawn);
            }
        }
    }
    Some(area)
}

/// A hash of `value`'s debug text (every type drawn has one; none is hashable as a whole).
fn hash_of(value: &impl std::fmt::Debug) -> u64 {
    struct Sink(std::collections::hash_map::DefaultHasher);
    impl std::fmt::Write for Sink {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut sink = Sink(Default::default());
    let _ = write!(sink, "{value:?}");
    sink.0.finish()
}
