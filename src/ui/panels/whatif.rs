//! The What-if panel: what is failed (each can be restored), every user flow with its outcome
//! and reasons, the load on the survivors and what queues buffer; then the traffic slider
//! (×1 to ×100, log scale) with the component that saturates first and each one's utilisation.
//! It only reads the review's answers and returns what the user asked for.

use crate::capacity::format;
use crate::model::labels::Labels;
use crate::review::whatif::{Outcome, Saturation, Verdict};
use crate::ui::selection::Element;
use egui::{Color32, RichText, Ui};

/// What the user asked for in the panel.
#[derive(Clone, Debug, PartialEq)]
pub enum WhatIfAction {
    /// Bring this failed element back.
    Restore(Element),
    /// Bring everything back.
    RestoreAll,
    /// Scale today's load by this multiple.
    Traffic(f64),
    /// Leave the mode.
    Leave,
}

/// What the panel shows.
pub struct WhatIfView<'a> {
    /// The failed elements, in the order they were clicked.
    pub failed: &'a [Element],
    /// What failing them does (`None` when nothing is failed).
    pub outcome: Option<&'a Outcome>,
    /// The traffic multiple.
    pub traffic: f64,
    /// Every component with a utilisation figure at `traffic`, first to saturate first.
    pub saturation: &'a [Saturation],
    /// The design's labels: the answers quote ids, the panel names components by label.
    pub labels: &'a Labels,
}

/// Red, amber, green for a verdict.
pub fn verdict_color(v: Verdict) -> Color32 {
    match v {
        Verdict::Works => Color32::from_rgb(0x16, 0xa3, 0x4a),
        Verdict::Degraded => Color32::from_rgb(0xd9, 0x77, 0x06),
        Verdict::Breaks => Color32::from_rgb(0xdc, 0x26, 0x26),
    }
}

/// The panel; returns at most one action per frame.
pub fn whatif_ui(ui: &mut Ui, view: &WhatIfView<'_>) -> Option<WhatIfAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.heading("What if…");
        if ui
            .button("Leave")
            .on_hover_text("Back to editing (Esc)")
            .clicked()
        {
            action = Some(WhatIfAction::Leave);
        }
    });
    ui.weak(
        "Click components, containers or connections on the canvas to fail them. Nothing \
         here changes the design.",
    );
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            failures_ui(ui, view, &mut action);
            ui.separator();
            traffic_ui(ui, view, &mut action);
        });
    action
}

fn failures_ui(ui: &mut Ui, view: &WhatIfView<'_>, action: &mut Option<WhatIfAction>) {
    if view.failed.is_empty() {
        ui.label("Nothing failed yet.");
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.strong("Failed:");
        for e in view.failed {
            let name = view.labels.name(element_id(e));
            if ui
                .button(format!("{name} ✕"))
                .on_hover_text("Bring it back")
                .clicked()
            {
                *action = Some(WhatIfAction::Restore(e.clone()));
            }
        }
        if ui.small_button("Restore all").clicked() {
            *action = Some(WhatIfAction::RestoreAll);
        }
    });
    let Some(out) = view.outcome else {
        return;
    };
    let count = |v: Verdict| out.flows.iter().filter(|f| f.verdict == v).count();
    ui.label(format!(
        "Flows: {} work, {} degraded, {} break",
        count(Verdict::Works),
        count(Verdict::Degraded),
        count(Verdict::Breaks)
    ));
    // Broken flows first, then degraded, then those that still work.
    for v in [Verdict::Breaks, Verdict::Degraded, Verdict::Works] {
        for f in out.flows.iter().filter(|f| f.verdict == v) {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(v.key()).strong().color(verdict_color(v)));
                ui.label(view.labels.readable(&f.flow));
            });
            for r in &f.reasons {
                ui.indent(("reason", &f.flow, r), |ui| {
                    ui.weak(view.labels.readable(r));
                });
            }
        }
    }
    if !out.survivors.is_empty() {
        ui.add_space(4.0);
        ui.strong("Load on the survivors");
        for s in &out.survivors {
            let util = match (s.utilisation_before, s.utilisation_after) {
                (Some(a), Some(b)) => {
                    format!(", {} → {}", format::percent(a), format::percent(b))
                }
                _ => String::new(),
            };
            ui.label(format!(
                "{}: {} of {} left, each at {} of its load{util}",
                view.labels.name(&s.id),
                s.of - s.lost,
                s.of,
                format::percent(s.factor)
            ));
        }
    }
    if !out.buffering.is_empty() {
        ui.add_space(4.0);
        ui.strong("Queues buffering");
        for b in &out.buffering {
            ui.label(view.labels.readable(b));
        }
    }
}

fn traffic_ui(ui: &mut Ui, view: &WhatIfView<'_>, action: &mut Option<WhatIfAction>) {
    ui.strong("Traffic");
    let mut multiple = view.traffic;
    let slider = egui::Slider::new(&mut multiple, 1.0..=100.0)
        .logarithmic(true)
        .prefix("×")
        .max_decimals(1)
        .text("today's load");
    if ui
        .add(slider)
        .on_hover_text("Scale today's estimated load; components are coloured by utilisation")
        .changed()
    {
        *action = Some(WhatIfAction::Traffic(multiple));
    }
    let Some(first) = view.saturation.first() else {
        ui.weak("No component has a utilisation figure: set workload figures and tiers.");
        return;
    };
    let over: Vec<&Saturation> = view
        .saturation
        .iter()
        .filter(|s| s.utilisation >= 1.0)
        .collect();
    if over.is_empty() {
        ui.label(format!(
            "Nothing saturates at ×{}. First to saturate: {} at ×{}.",
            format::compact(view.traffic),
            view.labels.name(&first.id),
            format::compact(first.saturates_at)
        ));
    } else {
        ui.label(
            RichText::new(format!(
                "{} saturates first (at ×{}); {} component(s) over capacity at ×{}.",
                view.labels.name(&first.id),
                format::compact(first.saturates_at),
                over.len(),
                format::compact(view.traffic)
            ))
            .color(verdict_color(Verdict::Breaks)),
        );
    }
    ui.weak(format!("Next step: {}", first.next_step));
    egui::Grid::new("whatif_traffic")
        .striped(true)
        .show(ui, |ui| {
            for s in view.saturation.iter().take(40) {
                let v = if s.utilisation >= 1.0 {
                    Verdict::Breaks
                } else if s.utilisation >= 0.7 {
                    Verdict::Degraded
                } else {
                    Verdict::Works
                };
                ui.label(view.labels.name(&s.id));
                ui.label(RichText::new(format::percent(s.utilisation)).color(verdict_color(v)));
                ui.end_row();
            }
        });
}

/// The id an element is known by.
pub fn element_id(e: &Element) -> &str {
    match e {
        Element::Node(id) => id.as_str(),
        Element::Edge(id) => id.as_str(),
        Element::Container(id) => id.as_str(),
    }
}
