//! The hovered element's tooltip: a node's full name and kind, and the findings on a node or
//! edge with their fix and guide section (or why they are suppressed), worded as the findings
//! panel words them (components by their labels).

use super::hit::Hit;
use crate::model::labels::Labels;
use crate::ui::canvas::colors::severity_color;
use crate::ui::canvas::io::CanvasInput;
use crate::ui::canvas::state::CanvasState;

/// Shows the tooltip of what `hit` points at, when there is something to say.
pub fn hover_tooltip(
    response: &egui::Response,
    state: &mut CanvasState,
    input: &CanvasInput<'_>,
    hit: Hit,
) {
    let node = match hit {
        Hit::Node(n) | Hit::Port(n) => input.design.nodes.get(n),
        _ => None,
    };
    let badge = match hit {
        Hit::Node(n) | Hit::Port(n) => state.cache.node_badges.get(n).and_then(|b| b.as_ref()),
        Hit::Edge(e) => state.cache.edge_badges.get(e).and_then(|b| b.as_ref()),
        _ => None,
    };
    let findings: Vec<_> = badge
        .map(|b| {
            b.findings
                .iter()
                .filter_map(|&i| input.report.findings.get(i))
                .collect()
        })
        .unwrap_or_default();
    if node.is_none() && findings.is_empty() {
        return;
    }
    if !findings.is_empty()
        && state
            .labels
            .as_ref()
            .is_none_or(|(r, _)| *r != input.revision)
    {
        state.labels = Some((input.revision, Labels::of(input.design)));
    }
    let labels = state.labels.as_ref().map(|(_, l)| l);
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(420.0);
        if let Some(node) = node {
            ui.horizontal_wrapped(|ui| {
                ui.strong(node.display_label());
                ui.weak(crate::model::catalog::node_info(node.kind).name);
            });
        }
        for f in findings {
            let colour = severity_color(Some(f.severity), ui.visuals().dark_mode);
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(colour, f.severity.key());
                ui.strong(f.rule);
                match labels {
                    Some(l) => ui.label(l.readable(&f.message)),
                    None => ui.label(&f.message),
                };
            });
            if let Some(reason) = &f.suppressed {
                ui.weak(format!("  suppressed: {reason}"));
            } else {
                ui.weak(format!("  fix: {} (guide §{})", f.fix, f.guide_section));
            }
        }
    });
}
