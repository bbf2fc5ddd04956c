//! The findings panel: the critique report grouped by severity, each finding with its rule id,
//! message, guide section and fix. Clicking a finding selects its components; "Explain" opens
//! the rule's documentation; findings can be suppressed (with a reason kept in the design) and
//! unsuppressed.

use crate::capacity::format::thousands;
use crate::critique::{Finding, Report, Severity};
use crate::model::labels::Labels;
use crate::model::{Design, EdgeId, Edit, NodeId, Suppression};
use egui::{Color32, RichText, Ui};

/// What the user asked for in the findings panel.
#[derive(Clone, Debug, PartialEq)]
pub enum FindingsAction {
    /// Select these components and centre the view on them.
    Select {
        nodes: Vec<NodeId>,
        edges: Vec<EdgeId>,
    },
    /// Show the documentation of a rule.
    Explain(&'static str),
    /// Replace the design's suppressions (suppress or unsuppress).
    Edit { edit: Box<Edit>, label: String },
}

/// Session state of the panel.
#[derive(Default, Debug)]
pub struct FindingsState {
    /// The finding whose suppress box is open (rule and target) and the reason typed so far.
    pub suppressing: Option<(String, Option<String>, String)>,
    /// Hide info-level findings.
    pub hide_info: bool,
    /// Severity groups the user folded (errors, warnings, info).
    pub folded: [bool; 3],
    /// Whether the suppressed group is unfolded (folded by default).
    pub show_suppressed: bool,
    /// The design's labels and the document revision they were read at.
    labels: Option<(u64, Labels)>,
}

/// One row of the panel's list: a group header or a finding. The list is flat so only the
/// rows in view are laid out, whatever the number of findings.
#[derive(Clone, Copy, Debug)]
enum Row<'a> {
    /// A severity group (`None`: the suppressed group) with its number of findings.
    Group(Option<Severity>, usize),
    /// A finding and its place in the list (keeps its widgets' ids stable).
    Finding(&'a Finding, usize),
}

/// The position of a severity in [`FindingsState::folded`].
fn group_slot(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// The rows to show: each non-empty group's header, then its findings unless folded.
fn rows<'a>(state: &FindingsState, report: &'a Report) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        if s == Severity::Info && state.hide_info {
            continue;
        }
        let count = report.active().filter(|f| f.severity == s).count();
        if count == 0 {
            continue;
        }
        out.push(Row::Group(Some(s), count));
        if !state.folded[group_slot(s)] {
            out.extend(
                report
                    .active()
                    .filter(|f| f.severity == s)
                    .enumerate()
                    .map(|(i, f)| Row::Finding(f, i)),
            );
        }
    }
    let suppressed = report.suppressed_findings().count();
    if suppressed > 0 {
        out.push(Row::Group(None, suppressed));
        if state.show_suppressed {
            out.extend(
                report
                    .suppressed_findings()
                    .enumerate()
                    .map(|(i, f)| Row::Finding(f, 10_000_000 + i)),
            );
        }
    }
    out
}

/// Colour of a severity (the canvas's badge colour).
pub fn severity_color(s: Severity) -> Color32 {
    crate::ui::canvas::severity_color(Some(s), false)
}

/// Short word for a severity in counts (`3 errors`).
pub fn severity_count_text(s: Severity, n: usize) -> String {
    match (s, n) {
        (Severity::Error, 1) => "1 error".to_owned(),
        (Severity::Error, n) => format!("{} errors", thousands(n as f64)),
        (Severity::Warning, 1) => "1 warning".to_owned(),
        (Severity::Warning, n) => format!("{} warnings", thousands(n as f64)),
        (Severity::Info, n) => format!("{} info", thousands(n as f64)),
    }
}

/// Plural heading of a severity group.
fn heading(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}

/// The suppression target of a finding: its first node, else its first edge.
pub fn target_of(f: &Finding) -> Option<String> {
    f.nodes
        .first()
        .map(|n| n.0.clone())
        .or_else(|| f.edges.first().map(|e| e.0.clone()))
}

/// Draws the panel; returns the user's action, if any.
pub fn findings_ui(
    ui: &mut Ui,
    state: &mut FindingsState,
    design: &Design,
    revision: u64,
    report: &Report,
) -> Option<FindingsAction> {
    let mut action = None;
    if state.labels.as_ref().is_none_or(|(r, _)| *r != revision) {
        state.labels = Some((revision, Labels::of(design)));
    }
    ui.horizontal(|ui| {
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            ui.label(
                RichText::new(severity_count_text(s, report.count(s))).color(severity_color(s)),
            );
        }
        ui.checkbox(&mut state.hide_info, "Hide info");
    });
    if report.findings.is_empty() {
        ui.add_space(8.0);
        ui.label("No findings: the design follows every rule checked at this review level.");
        return None;
    }
    let rows = rows(state, report);
    let spacing = ui.spacing().item_spacing.y;
    let line = ui.spacing().interact_size.y;
    let header_h = line + spacing;
    let finding_h = 3.0 * line + 2.0 * spacing + 2.0 * FINDING_MARGIN + spacing;
    let height = |r: &Row<'_>| match r {
        Row::Group(..) => header_h,
        Row::Finding(..) => finding_h,
    };
    // Top of each row and the total height: a sum, not a layout.
    let mut tops = Vec::with_capacity(rows.len());
    let mut total = 0.0;
    for r in &rows {
        tops.push(total);
        total += height(r);
    }
    egui::ScrollArea::vertical()
        .id_salt("findings_scroll")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            ui.set_min_height(total);
            let origin = ui.max_rect().min;
            let width = ui.available_width();
            let first = tops.partition_point(|&t| t + finding_h < viewport.min.y);
            for (i, r) in rows.iter().enumerate().skip(first) {
                if tops[i] > viewport.max.y {
                    break;
                }
                let rect = egui::Rect::from_min_size(
                    origin + egui::vec2(0.0, tops[i]),
                    egui::vec2(width, height(r) - spacing),
                );
                let mut row_ui = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(rect)
                        .id_salt(("findings_row", i))
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                );
                row_ui.set_clip_rect(rect.intersect(ui.clip_rect()));
                match *r {
                    Row::Group(s, n) => group_ui(&mut row_ui, state, s, n),
                    Row::Finding(f, index) => {
                        if let Some(a) = finding_ui(&mut row_ui, state, design, f, index) {
                            action = Some(a);
                        }
                    }
                }
            }
        });
    action
}

/// Inner margin of a finding's frame.
const FINDING_MARGIN: f32 = 6.0;

/// A group header: a fold arrow, the group's name and count. A click folds or unfolds it.
fn group_ui(ui: &mut Ui, state: &mut FindingsState, s: Option<Severity>, n: usize) {
    let (open, text) = match s {
        Some(s) => (
            !state.folded[group_slot(s)],
            RichText::new(format!("{} ({})", heading(s), thousands(n as f64)))
                .color(severity_color(s))
                .strong(),
        ),
        None => (
            state.show_suppressed,
            RichText::new(format!("Suppressed ({})", thousands(n as f64))),
        ),
    };
    let r = ui
        .horizontal(|ui| {
            let size = egui::vec2(ui.spacing().icon_width, ui.spacing().interact_size.y);
            let (rect, arrow) = ui.allocate_exact_size(size, egui::Sense::click());
            egui::collapsing_header::paint_default_icon(
                ui,
                if open { 1.0 } else { 0.0 },
                &arrow.clone().with_new_rect(rect),
            );
            arrow | ui.add(egui::Button::new(text).frame(false))
        })
        .inner;
    if r.clicked() {
        match s {
            Some(s) => state.folded[group_slot(s)] = open,
            None => state.show_suppressed = !open,
        }
    }
}

/// One finding in a row of fixed height: its title (click to select what it points at; the
/// whole text on hover), fix, and then guide section, Explain and suppress or unsuppress, or
/// the reason box while suppressing.
fn finding_ui(
    ui: &mut Ui,
    state: &mut FindingsState,
    design: &Design,
    f: &Finding,
    index: usize,
) -> Option<FindingsAction> {
    let mut action = None;
    let frame = egui::Frame::group(ui.style()).inner_margin(FINDING_MARGIN);
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.set_height(ui.available_height());
        let readable = match &state.labels {
            Some((_, labels)) => labels.readable(&f.message),
            None => crate::model::labels::readable_message(design, &f.message),
        };
        let title = format!("{}: {}", f.rule, readable);
        let mut text = RichText::new(&title).color(severity_color(f.severity));
        if f.suppressed.is_some() {
            text = text.strikethrough();
        }
        let r = ui
            .add(egui::Button::new(text).frame(false).truncate())
            .on_hover_text(format!(
                "{title}\n\nClick to select and show the components involved"
            ));
        if r.clicked() {
            action = Some(FindingsAction::Select {
                nodes: f.nodes.clone(),
                edges: f.edges.clone(),
            });
        }
        ui.add(egui::Label::new(RichText::new(format!("Fix: {}", f.fix)).small()).truncate());
        let a = if is_suppressing(state, f) {
            suppress_box_ui(ui, state, design, f, index)
        } else {
            ui.horizontal(|ui| actions_ui(ui, state, design, f)).inner
        };
        if a.is_some() {
            action = a;
        }
    });
    action
}

/// The guide section, Explain, and Unsuppress (for a suppressed finding) or Suppress… (which
/// opens the reason box).
fn actions_ui(
    ui: &mut Ui,
    state: &mut FindingsState,
    design: &Design,
    f: &Finding,
) -> Option<FindingsAction> {
    let mut action = None;
    ui.weak(format!("Guide § {}", f.guide_section));
    if ui
        .small_button("Explain")
        .on_hover_text("Show the rule's documentation")
        .clicked()
    {
        action = Some(FindingsAction::Explain(f.rule));
    }
    let target = target_of(f);
    match &f.suppressed {
        Some(reason) => {
            ui.weak(format!("suppressed: {reason}"));
            if ui.small_button("Unsuppress").clicked() {
                let mut list = design.suppressions.clone();
                list.retain(|s| !(s.rule == f.rule && (s.target.is_none() || s.target == target)));
                action = Some(FindingsAction::Edit {
                    edit: Box::new(Edit::SetSuppressions(list)),
                    label: format!("unsuppress {}", f.rule),
                });
            }
        }
        None => {
            if !is_suppressing(state, f)
                && ui
                    .small_button("Suppress…")
                    .on_hover_text("Accept this finding, with a reason saved in the design")
                    .clicked()
            {
                state.suppressing = Some((f.rule.to_owned(), target, String::new()));
            }
        }
    }
    action
}

/// Whether the reason box of `f` is open.
fn is_suppressing(state: &FindingsState, f: &Finding) -> bool {
    let target = target_of(f);
    f.suppressed.is_none()
        && state
            .suppressing
            .as_ref()
            .is_some_and(|(r, t, _)| r == f.rule && *t == target)
}

/// The reason box of the finding being suppressed: Suppress (once a reason is typed) saves
/// the suppression in the design; Cancel closes the box.
fn suppress_box_ui(
    ui: &mut Ui,
    state: &mut FindingsState,
    design: &Design,
    f: &Finding,
    index: usize,
) -> Option<FindingsAction> {
    let target = target_of(f);
    let Some((rule, t, reason)) = &mut state.suppressing else {
        return None;
    };
    if rule != f.rule || *t != target || f.suppressed.is_some() {
        return None;
    }
    let mut action = None;
    let mut close = false;
    ui.horizontal(|ui| {
        let l = ui.label("Reason");
        // Leave room for the two buttons, so the box never pushes them out of the panel.
        let buttons = 130.0;
        ui.add(
            egui::TextEdit::singleline(reason)
                .id_salt(("reason", index))
                .hint_text("why this is acceptable")
                .desired_width((ui.available_width() - buttons).clamp(60.0, 240.0)),
        )
        .labelled_by(l.id);
        let ok = ui.add_enabled(!reason.trim().is_empty(), egui::Button::new("Suppress"));
        if ok.clicked() {
            let mut list = design.suppressions.clone();
            list.push(Suppression {
                rule: f.rule.to_owned(),
                target: target.clone(),
                reason: reason.trim().to_owned(),
            });
            action = Some(FindingsAction::Edit {
                edit: Box::new(Edit::SetSuppressions(list)),
                label: format!("suppress {}", f.rule),
            });
            close = true;
        }
        if ui.small_button("Cancel").clicked() {
            close = true;
        }
    });
    if close {
        state.suppressing = None;
    }
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_carry_separators() {
        assert_eq!(
            severity_count_text(Severity::Error, 12_345),
            "12,345 errors"
        );
        assert_eq!(severity_count_text(Severity::Warning, 1), "1 warning");
    }
}
