//! The Compare panel: what the open design changed against another version. The selected
//! element's property changes (`instances 1 → 3`) first, as the inspector of the mode; then
//! the findings split into introduced, fixed and still open; then every added, removed and
//! changed item, the scaling stage and the monthly cost. It only reads the diff.

use crate::capacity::format::thousands;
use crate::model::labels::{Labels, unquoted};
use crate::review::diff::{Change, DesignDiff, ItemChange};
use crate::ui::panels::findings::severity_color;
use crate::ui::selection::{Element, Selection};
use egui::{Color32, RichText, Ui};

/// What the user asked for in the panel.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareAction {
    /// Select this element on the canvas.
    Select(Element),
    /// Leave the mode.
    Leave,
}

fn change_color(c: Change) -> Color32 {
    match c {
        Change::Added => Color32::from_rgb(0x16, 0xa3, 0x4a),
        Change::Removed => Color32::from_rgb(0xdc, 0x26, 0x26),
        Change::Changed => Color32::from_rgb(0xd9, 0x77, 0x06),
    }
}

fn change_word(c: Change) -> &'static str {
    match c {
        Change::Added => "added",
        Change::Removed => "removed",
        Change::Changed => "changed",
    }
}

/// The panel for `diff` against the version called `label`; returns at most one action.
pub fn compare_ui(
    ui: &mut Ui,
    label: &str,
    diff: &DesignDiff,
    labels: &Labels,
    selection: &Selection,
) -> Option<CompareAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.heading("Compare");
        if ui
            .button("Leave")
            .on_hover_text("Back to editing (Esc)")
            .clicked()
        {
            action = Some(CompareAction::Leave);
        }
    });
    ui.label(format!("Against {label}"));
    if diff.is_empty() {
        ui.label("No changes: the two versions are the same design.");
        return action;
    }
    let f = &diff.findings;
    ui.label(format!(
        "Findings: {} fixed, {} introduced, {} still open",
        f.fixed.len(),
        f.introduced.len(),
        f.still_open.len()
    ));
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            selected_ui(ui, diff, labels, selection);
            for (title, list, open) in [
                ("Introduced", &f.introduced, true),
                ("Fixed", &f.fixed, true),
                ("Still open", &f.still_open, false),
            ] {
                egui::CollapsingHeader::new(format!("{title} ({})", thousands(list.len() as f64)))
                    .id_salt(("compare_findings", title))
                    .default_open(open)
                    .show(ui, |ui| {
                        for x in list.iter() {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(
                                    RichText::new(x.severity.key())
                                        .strong()
                                        .color(severity_color(x.severity)),
                                );
                                ui.monospace(x.rule);
                            });
                            ui.indent(("finding", title, x.rule, &x.message), |ui| {
                                ui.label(labels.readable(&x.message));
                            });
                        }
                    });
            }
            ui.separator();
            changes_ui(ui, diff, &mut action);
            ui.separator();
            let s = &diff.stage;
            ui.label(format!(
                "Scaling stage: {} ({}) → {} ({})",
                s.before, s.before_name, s.after, s.after_name
            ));
            ui.label(format!(
                "Monthly cost: {} → {}",
                diff.total_cost_before.text(),
                diff.total_cost_after.text()
            ));
        });
    action
}

/// The selected element's changes: the inspector of the mode.
fn selected_ui(ui: &mut Ui, diff: &DesignDiff, labels: &Labels, selection: &Selection) {
    let Some(sel) = selection.single() else {
        ui.weak("Select a component to see what changed in it.");
        ui.separator();
        return;
    };
    let (list, id) = match &sel {
        Element::Node(id) => (&diff.nodes, id.as_str()),
        Element::Edge(id) => (&diff.edges, id.as_str()),
        Element::Container(id) => (&diff.containers, id.as_str()),
    };
    ui.strong(format!("Selected: {}", labels.name(id)));
    match list.iter().find(|i| i.id == id) {
        None => {
            ui.label("Unchanged.");
        }
        Some(item) => {
            ui.label(RichText::new(change_word(item.change)).color(change_color(item.change)));
            for p in &item.props {
                ui.monospace(p.text());
            }
        }
    }
    ui.separator();
}

fn changes_ui(ui: &mut Ui, diff: &DesignDiff, action: &mut Option<CompareAction>) {
    let items: Vec<(&ItemChange, Element)> = diff
        .nodes
        .iter()
        .map(|i| (i, Element::Node(i.id.as_str().into())))
        .chain(
            diff.edges
                .iter()
                .map(|i| (i, Element::Edge(i.id.as_str().into()))),
        )
        .chain(
            diff.containers
                .iter()
                .map(|i| (i, Element::Container(i.id.as_str().into()))),
        )
        .collect();
    ui.strong(format!("Changes ({})", thousands(items.len() as f64)));
    for (item, element) in items {
        // One line a change, the word then the item, cut with "…" when the panel is narrow
        // (the whole text on hover): wrapping put some items beside their word and some below.
        ui.horizontal(|ui| {
            ui.label(RichText::new(change_word(item.change)).color(change_color(item.change)));
            let what = unquoted(&item.what);
            let r = ui
                .add(egui::Button::selectable(false, what.as_str()).truncate())
                .on_hover_text(&what);
            if r.clicked() && item.change != Change::Removed {
                *action = Some(CompareAction::Select(element.clone()));
            }
        });
        for p in &item.props {
            ui.indent(("prop", &item.id, &p.name), |ui| {
                ui.weak(p.text());
            });
        }
    }
    let moved = diff.moved_nodes + diff.moved_containers;
    if moved > 0 {
        ui.weak(format!("{moved} moved on the canvas"));
    }
}
