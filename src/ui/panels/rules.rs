//! A rule's documentation rendered as formatted Markdown (headings, code, lists, wrapped to the
//! window), shown by the explain window, and the rule browser (Help ▸ Rules): every rule,
//! searchable by id, number or title, with its documentation beside the list.

use crate::critique::{RuleMeta, rules};
use egui::Ui;
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

/// The Markdown renderer's cache (parsed link and code-block state), kept across frames.
#[derive(Default)]
pub struct RuleDocs {
    cache: CommonMarkCache,
}

/// Session state of the rule browser.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleBrowserState {
    /// What the user typed in the search field.
    pub query: String,
    /// The rule whose documentation is shown.
    pub selected: Option<&'static str>,
}

/// The description of rule `id` (or its number, `R35`).
pub fn rule_meta(id: &str) -> Option<&'static RuleMeta> {
    rules::all()
        .iter()
        .map(|r| r.meta())
        .find(|m| m.id == id || m.number.eq_ignore_ascii_case(id))
}

/// The documentation of a rule as the app shows it: a title line, and Markdown (its severity,
/// category and guide section, the rule's own documentation, and the fix).
pub fn explain_text(rule: &str) -> Option<(String, String)> {
    rule_meta(rule).map(|m| {
        (
            format!("{} ({}) — {}", m.id, m.number, m.title),
            format!(
                "**Severity:** {} · **Category:** {} · **Guide** §{}\n\n{}\n\n**Fix:** {}",
                m.severity.key(),
                m.category,
                m.guide_section,
                m.doc_markdown(),
                m.fix
            ),
        )
    })
}

/// The rules whose id, number or title contain every word of `query` (any case), in the
/// registry's order; all of them for an empty query.
pub fn matching_rules(query: &str) -> Vec<&'static RuleMeta> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    rules::all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| {
            let hay = format!("{} {} {}", m.id, m.number, m.title).to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}

/// Draws rule `rule`'s documentation: its title as a heading, then the Markdown, wrapped to the
/// width available. `id` keeps two views of the same rule apart.
pub fn rule_doc_ui(ui: &mut Ui, docs: &mut RuleDocs, rule: &str) {
    match explain_text(rule) {
        Some((title, text)) => {
            ui.heading(title);
            ui.add_space(4.0);
            CommonMarkViewer::new().show(ui, &mut docs.cache, &text);
        }
        None => {
            ui.label(format!("No documentation for {rule}."));
        }
    }
}

/// The rule browser's contents: a search field, the matching rules (id and title; a click
/// shows the rule) and the selected rule's documentation.
pub fn rule_browser_ui(ui: &mut Ui, state: &mut RuleBrowserState, docs: &mut RuleDocs) {
    let found = matching_rules(&state.query);
    ui.horizontal(|ui| {
        let l = ui.label("Find a rule");
        ui.add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("id, number or words of the title")
                .desired_width(260.0),
        )
        .labelled_by(l.id);
        ui.weak(format!("{} of {} rules", found.len(), rules::all().len()));
    });
    ui.separator();
    if state
        .selected
        .is_none_or(|s| !found.iter().any(|m| m.id == s))
    {
        state.selected = found.first().map(|m| m.id);
    }
    let height = ui.available_height().max(200.0);
    egui::Panel::left("rule_list")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("rule_list_scroll")
                .max_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if found.is_empty() {
                        ui.weak("No rule matches.");
                    }
                    for m in &found {
                        let on = state.selected == Some(m.id);
                        let r = ui
                            .selectable_label(on, format!("{}  {}", m.id, m.title))
                            .on_hover_text(format!("{} · guide §{}", m.number, m.guide_section));
                        if r.clicked() {
                            state.selected = Some(m.id);
                        }
                    }
                });
        });
    egui::ScrollArea::vertical()
        .id_salt("rule_doc_scroll")
        .max_height(height)
        .auto_shrink([false, false])
        .show(ui, |ui| match state.selected {
            Some(id) => rule_doc_ui(ui, docs, id),
            None => {
                ui.weak("Pick a rule in the list.");
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_finds_rules_by_id_number_and_title_words() {
        let all = matching_rules("");
        assert_eq!(all.len(), rules::all().len());
        let by_id = matching_rules("spof-db");
        assert!(by_id.iter().any(|m| m.id == "SPOF-DB"), "by id, any case");
        let by_number = matching_rules("R35");
        assert!(by_number.iter().any(|m| m.id == "SPOF-DB"));
        let by_words = matching_rules("database standby");
        assert!(by_words.iter().any(|m| m.id == "SPOF-DB"));
        assert!(
            by_words
                .iter()
                .all(|m| m.title.contains("database") && m.title.contains("standby")),
            "every word must match"
        );
        assert!(matching_rules("no such rule zzz").is_empty());
    }

    #[test]
    fn the_explanation_is_markdown_with_the_fix() {
        let (title, text) = explain_text("SPOF-DB").expect("documented");
        assert!(title.starts_with("SPOF-DB (R35)"));
        assert!(
            text.contains("## What it does"),
            "headings kept for the renderer"
        );
        assert!(text.contains("**Fix:**"));
        assert_eq!(explain_text("R35").map(|t| t.0), Some(title));
        assert!(explain_text("NOPE").is_none());
    }
}
