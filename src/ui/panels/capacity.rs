//! The capacity and cost panel of the editor's capacity view: the monthly total, the
//! bottleneck and headroom, the workload the estimate used with its assumptions, and a row per
//! component (load, capacity, utilisation, cost). It shows the document's estimate, the one
//! `archway estimate` prints ([`crate::capacity::estimate_or_assume`]); nothing is computed here.

use crate::capacity::format::{percent, thousands};
use crate::capacity::{CostRange, Estimate};
use crate::model::Design;
use crate::ui::canvas::status_color;
use egui::{RichText, Ui};

/// The monthly total in words, as the reports and `archway estimate` write it
/// ([`crate::capacity::Estimate::total`]): the priced range and how many billable components
/// have no price; never `$0` for a design whose components are all unpriced.
pub fn total_text(design: &Design, est: &Estimate) -> String {
    est.total(design).text(CostRange::text)
}

/// The bottleneck and headroom in words.
pub fn bottleneck_text(design: &Design, est: &Estimate) -> String {
    match (&est.bottleneck, est.headroom) {
        (Some(b), Some(h)) => {
            let name = design.node(b).map_or(b.as_str(), |n| n.display_label());
            // Two significant figures at most: "90×", "2.5×" (not "90.32×").
            let growth = if h >= 10.0 {
                format!("{h:.0}")
            } else {
                format!("{h:.1}")
            };
            format!(
                "{name} at {}; the load can grow {growth}× before it saturates",
                percent(1.0 / h)
            )
        }
        _ => "none known (no component has both a load and a capacity)".to_owned(),
    }
}

/// Draws the panel.
pub fn capacity_ui(ui: &mut Ui, design: &Design, est: &Estimate) {
    ui.horizontal_wrapped(|ui| {
        ui.strong("Capacity estimate");
        ui.weak("peak load, utilisation and monthly cost: the figures of archway estimate");
    });
    egui::ScrollArea::vertical()
        .id_salt("capacity_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            fact_ui(ui, "Monthly cost", &total_text(design, est));
            fact_ui(ui, "Bottleneck", &bottleneck_text(design, est));
            if let Some(w) = &est.workload {
                let peak = match w.peak_rps {
                    Some(r) => format!(
                        "{} req/s ({}: {})",
                        thousands(r),
                        w.peak_rps_origin.key(),
                        w.peak_rps_basis
                    ),
                    None => {
                        "unknown (set the workload's dau, concurrent_peak or peak_rps)".to_owned()
                    }
                };
                fact_ui(ui, "Peak traffic", &peak);
                fact_ui(
                    ui,
                    "Reads",
                    &format!(
                        "{} of requests (read:write {}:1, {}); cache hit ratio {} ({})",
                        percent(w.read_share),
                        thousands(w.read_write_ratio),
                        w.read_write_origin.key(),
                        w.cache_hit_ratio,
                        w.cache_hit_origin.key()
                    ),
                );
            }
            assumptions_ui(ui, design, est);
            ui.add_space(4.0);
            // The table scrolls sideways on its own, so a narrow canvas never widens the
            // panel and the sentences above keep wrapping to what is visible.
            egui::ScrollArea::horizontal()
                .id_salt("capacity_table_scroll")
                .show(ui, |ui| components_ui(ui, design, est));
        });
}

/// One figure: its name, then its value wrapped to the panel's width.
fn fact_ui(ui: &mut Ui, name: &str, value: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(name).strong());
        ui.label(value);
    });
}

/// The workload assumed when the design states none, and each component's remarks.
fn assumptions_ui(ui: &mut Ui, design: &Design, est: &Estimate) {
    let workload: &[String] = est.workload.as_ref().map_or(&[], |w| &w.assumptions);
    let notes: Vec<(&str, &String)> = design
        .nodes
        .iter()
        .zip(&est.nodes)
        .flat_map(|(n, e)| e.notes.iter().map(|note| (n.display_label(), note)))
        .collect();
    if workload.is_empty() && notes.is_empty() {
        return;
    }
    ui.add_space(4.0);
    if !workload.is_empty() {
        ui.label(
            RichText::new(
                "Assumed (the design states no workload; set its dau, concurrent_peak or \
                 peak_rps to replace these):",
            )
            .strong(),
        );
        for a in workload {
            ui.label(format!("• {a}"));
        }
    }
    if !notes.is_empty() {
        // Notes quote ids (`edge `e7` closes a cycle`): name them as the canvas does.
        let labels = crate::model::labels::Labels::of(design);
        ui.label(RichText::new("Notes:").strong());
        for (name, note) in notes {
            ui.label(format!("• {name}: {}", labels.readable(note)));
        }
    }
}

/// One row per component: name, load, capacity, utilisation (in its status colour), cost.
fn components_ui(ui: &mut Ui, design: &Design, est: &Estimate) {
    egui::Grid::new("capacity_components")
        .num_columns(5)
        .striped(true)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            for h in [
                "Component",
                "Load",
                "Capacity",
                "Utilisation",
                "Cost / month",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for (n, e) in design.nodes.iter().zip(&est.nodes) {
                ui.label(n.display_label()).on_hover_text(n.id.as_str());
                ui.label(e.load_text());
                ui.label(e.capacity_text());
                ui.label(
                    RichText::new(e.pill_text().unwrap_or_else(|| "—".to_owned()))
                        .color(status_color(e.status)),
                );
                ui.label(e.cost.map_or_else(|| "—".to_owned(), |c| c.text()));
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The headroom reads as a person would say it ("grows 90×", "2.5×"), on every template
    /// that has a bottleneck.
    #[test]
    fn headroom_has_at_most_two_significant_figures() {
        let mut checked = 0;
        for t in crate::templates::ALL {
            let design = t.design().expect("templates parse");
            let index = crate::index::Index::new(&design);
            let est = crate::capacity::estimate(&design, &index);
            let text = bottleneck_text(&design, &est);
            let Some(figure) = text
                .split("can grow ")
                .nth(1)
                .and_then(|rest| rest.split('×').next())
            else {
                continue;
            };
            let value: f64 = figure.parse().expect("a number");
            let decimals = figure.split('.').nth(1).map_or(0, str::len);
            assert!(decimals == usize::from(value < 10.0), "{}: {text}", t.name);
            checked += 1;
        }
        assert!(checked >= 2, "only {checked} templates have a bottleneck");
    }
}
