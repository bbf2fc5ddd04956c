//! The findings panel: the critique report grouped by severity, each finding with its rule id,
//! message, guide section and fix. Clicking a finding selects its components; "Explain" opens
//! the rule's documentation; findings can be suppressed (with a reason kept in the design) and
//! unsuppressed.

use crate::critique::{Finding, Report, Severity};
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
}

/// Colour of a severity (the canvas's badge colour).
pub fn severity_color(s: Severity) -> Color32 {
    crate::ui::canvas::severity_color(Some(s), false)
}

/// Short word for a severity in counts (`3 errors`).
pub fn severity_count_text(s: Severity, n: usize) -> String {
    match (s, n) {
        (Severity::Error, 1) => "1 error".to_owned(),
        (Severity::Error, n) => format!("{n} errors"),
        (Severity::Warning, 1) => "1 warning".to_owned(),
        (Severity::Warning, n) => format!("{n} warnings"),
        (Severity::Info, n) => format!("{n} info"),
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
    report: &Report,
) -> Option<FindingsAction> {
    let mut action = None;
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
    egui::ScrollArea::vertical()
        .id_salt("findings_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for s in [Severity::Error, Severity::Warning, Severity::Info] {
                if s == Severity::Info && state.hide_info {
                    continue;
                }
                let group: Vec<&Finding> = report.active().filter(|f| f.severity == s).collect();
                if group.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(
                    RichText::new(format!("{} ({})", heading(s), group.len()))
                        .color(severity_color(s))
                        .strong(),
                )
                .id_salt(("findings", s.key()))
                .default_open(true)
                .show(ui, |ui| {
                    for (i, f) in group.into_iter().enumerate() {
                        if let Some(a) = finding_ui(ui, state, design, f, i) {
                            action = Some(a);
                        }
                    }
                });
            }
            let suppressed: Vec<&Finding> = report.suppressed_findings().collect();
            if !suppressed.is_empty() {
                egui::CollapsingHeader::new(format!("Suppressed ({})", suppressed.len()))
                    .id_salt("findings_suppressed")
                    .default_open(false)
                    .show(ui, |ui| {
                        for (i, f) in suppressed.into_iter().enumerate() {
                            if let Some(a) = finding_ui(ui, state, design, f, 10_000 + i) {
                                action = Some(a);
                            }
                        }
                    });
            }
        });
    action
}

/// One finding: its title (click to select what it points at), fix, guide section, Explain,
/// and suppress or unsuppress.
fn finding_ui(
    ui: &mut Ui,
    state: &mut FindingsState,
    design: &Design,
    f: &Finding,
    index: usize,
) -> Option<FindingsAction> {
    let mut action = None;
    let frame = egui::Frame::group(ui.style()).inner_margin(6.0);
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        let title = format!("{}: {}", f.rule, f.message);
        let mut text = RichText::new(&title).color(severity_color(f.severity));
        if f.suppressed.is_some() {
            text = text.strikethrough();
        }
        let r = ui
            .add(egui::Button::new(text).frame(false).wrap())
            .on_hover_text("Select and show the components involved");
        if r.clicked() {
            action = Some(FindingsAction::Select {
                nodes: f.nodes.clone(),
                edges: f.edges.clone(),
            });
        }
        ui.label(RichText::new(format!("Fix: {}", f.fix)).small());
        if let Some(a) = ui.horizontal(|ui| actions_ui(ui, state, design, f)).inner {
            action = Some(a);
        }
        if let Some(a) = suppress_box_ui(ui, state, design, f, index) {
            action = Some(a);
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
            let open = state
                .suppressing
                .as_ref()
                .is_some_and(|(r, t, _)| r == f.rule && *t == target);
            if !open
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
        ui.add(
            egui::TextEdit::singleline(reason)
                .id_salt(("reason", index))
                .hint_text("why this is acceptable")
                .desired_width(150.0),
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

/// The documentation of a rule as shown in the explain window: title line and doc text.
pub fn explain_text(rule: &str) -> Option<(String, String)> {
    crate::critique::rules::all()
        .iter()
        .map(|r| r.meta())
        .find(|m| m.id == rule)
        .map(|m| {
            (
                format!("{} ({}) — {}", m.id, m.number, m.title),
                format!(
                    "Severity: {} · Category: {} · Guide § {}\n\n{}\n\nFix: {}",
                    m.severity.key(),
                    m.category,
                    m.guide_section,
                    m.doc_markdown(),
                    m.fix
                ),
            )
        })
}
