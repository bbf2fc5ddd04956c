//! The inspector's field widgets — one per kind of value (text, yes/no, number, choice,
//! node reference, nested group…) — and [`props_ui`], which draws the rows of any property
//! table ([`NodeProps`](crate::model::NodeProps), [`EdgeProps`](crate::model::EdgeProps), a
//! group) from each property's description; and [`InspectorEdit`], the edit they return.

use crate::model::props::{
    Dlq, NumberMut, Prop, PropEnum, PropGroup, PropStruct, PropVisitor, Role,
};
use crate::model::{Edit, NodeId, NodeKind, values};
use egui::{Response, Ui};
use std::collections::BTreeMap;

/// Draws the editor of property `prop` of `props`; returns whether its value changed.
pub fn prop_ui<S: PropStruct>(
    ui: &mut Ui,
    props: &mut S,
    prop: &Prop<S>,
    cx: &FieldCx<'_>,
) -> bool {
    props.visit(
        prop.name,
        &mut FieldUi {
            ui,
            cx,
            field: prop.name,
        },
    )
}

/// Draws the editors of every property of `props`, in table order; returns whether any value
/// changed.
pub fn props_ui<S: PropStruct>(ui: &mut Ui, props: &mut S, cx: &FieldCx<'_>) -> bool {
    let mut changed = false;
    for prop in S::PROPS {
        changed |= prop_ui(ui, props, prop, cx);
    }
    changed
}

/// Draws each property with the widget for its kind of value.
struct FieldUi<'u, 'c> {
    ui: &'u mut Ui,
    cx: &'c FieldCx<'c>,
    /// The property's name in files, which sets the range of a number.
    field: &'static str,
}

impl PropVisitor for FieldUi<'_, '_> {
    fn text(&mut self, label: &'static str, v: &mut Option<String>) -> bool {
        opt_text(self.ui, label, v)
    }
    fn flag(&mut self, label: &'static str, v: &mut Option<bool>) -> bool {
        opt_bool(self.ui, label, v)
    }
    fn number(&mut self, label: &'static str, unit: &'static str, v: NumberMut<'_>) -> bool {
        match v {
            NumberMut::U16(v) => opt_num(self.ui, self.field, label, v, unit),
            NumberMut::U32(v) => opt_num(self.ui, self.field, label, v, unit),
            NumberMut::U64(v) => opt_num(self.ui, self.field, label, v, unit),
            NumberMut::F64(v) => opt_num(self.ui, self.field, label, v, unit),
        }
    }
    fn choice<E: PropEnum>(&mut self, label: &'static str, v: &mut Option<E>) -> bool {
        opt_enum(self.ui, label, v, E::VALUES)
    }
    fn choice_set<E: PropEnum>(&mut self, label: &'static str, v: &mut Option<Vec<E>>) -> bool {
        opt_enum_set(self.ui, label, v, E::VALUES)
    }
    fn choice_list<E: PropEnum>(&mut self, label: &'static str, v: &mut Vec<E>) -> bool {
        vec_enum_set(self.ui, label, v, E::VALUES)
    }
    fn words(&mut self, label: &'static str, v: &mut Vec<String>) -> bool {
        vec_text(self.ui, label, v)
    }
    fn pairs(&mut self, label: &'static str, v: &mut BTreeMap<String, String>) -> bool {
        map_text(self.ui, label, v)
    }
    fn role(&mut self, label: &'static str, v: &mut Option<Role>) -> bool {
        opt_role(self.ui, label, v, self.cx)
    }
    fn dead_letter(&mut self, label: &'static str, v: &mut Option<Dlq>) -> bool {
        opt_dlq(self.ui, label, v, self.cx)
    }
    fn node(&mut self, label: &'static str, v: &mut Option<NodeId>) -> bool {
        opt_node(self.ui, label, v, self.cx)
    }
    fn nodes(&mut self, label: &'static str, v: &mut Option<Vec<NodeId>>) -> bool {
        opt_node_list(self.ui, label, v, self.cx)
    }
    fn group<G: PropGroup>(&mut self, label: &'static str, v: &mut Option<Box<G>>) -> bool {
        let cx = self.cx;
        opt_group(self.ui, label, v, |ui, g| props_ui(ui, &mut **g, cx))
    }
}

/// An edit from the inspector (one element, or a multi-selection) with its undo label and
/// merge key.
#[derive(Clone, Debug, PartialEq)]
pub struct InspectorEdit {
    pub edit: Edit,
    pub label: String,
    /// Consecutive edits of the same field merge into one undo step.
    pub merge_key: String,
}

/// Context the field editors need: the design's node ids (for references) and the kind of
/// the node being edited (for role choices).
pub struct FieldCx<'a> {
    pub node_ids: &'a [NodeId],
    pub kind: Option<NodeKind>,
}

/// Width of the label column.
const LABEL_W: f32 = 150.0;

/// `preferred`, or less when the row has less room left: an editor never runs past the
/// panel's right edge (where the scroll area would cut it off).
pub fn fit_width(ui: &Ui, preferred: f32) -> f32 {
    preferred.min(ui.available_width()).max(40.0)
}

/// A row: a label (at most [`LABEL_W`], and at most 40 % of a narrow panel), then the editor.
/// Returns the editor's result.
pub fn row<R>(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui, egui::Id) -> R) -> R {
    let label_w = LABEL_W.min(ui.available_width() * 0.4);
    ui.horizontal(|ui| {
        let l = ui
            .add_sized(
                [label_w, 18.0],
                egui::Label::new(label).truncate().halign(egui::Align::LEFT),
            )
            .on_hover_text(label);
        add(ui, l.id)
    })
    .inner
}

/// `r`, announced to assistive technology with the row label `label_id` as its name.
pub fn labelled(r: Response, label_id: egui::Id) -> Response {
    r.labelled_by(label_id)
}

/// Text shown for an unset value.
pub const UNSET: &str = "unset";

/// Optional text: empty means unset.
pub fn opt_text(ui: &mut Ui, label: &str, v: &mut Option<String>) -> bool {
    row(ui, label, |ui, lid| {
        let mut text = v.clone().unwrap_or_default();
        let r = labelled(
            ui.add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text(UNSET)
                    .desired_width(f32::INFINITY),
            ),
            lid,
        );
        if r.changed() {
            *v = if text.is_empty() { None } else { Some(text) };
            true
        } else {
            false
        }
    })
}

/// Optional boolean: a three-way choice unset / yes / no (unset differs from no).
pub fn opt_bool(ui: &mut Ui, label: &str, v: &mut Option<bool>) -> bool {
    row(ui, label, |ui, lid| {
        let before = *v;
        let text = match v {
            None => UNSET,
            Some(true) => "yes",
            Some(false) => "no",
        };
        let cb = egui::ComboBox::from_id_salt(("bool", label, lid))
            .selected_text(text)
            .width(fit_width(ui, 110.0))
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                ui.selectable_value(v, Some(true), "yes");
                ui.selectable_value(v, Some(false), "no");
            });
        labelled(cb.response, lid);
        *v != before
    })
}

/// The smallest and largest value a number field may hold: the range of its stored type for a
/// whole number, [`values::range_of`] its name in files (`availability_target_pct`) for a
/// decimal. The loader refuses anything outside, so an editor that stays within it can never
/// save a file that will not open again.
pub fn number_bounds<T: egui::emath::Numeric>(field: &str) -> (f64, f64) {
    if T::INTEGRAL {
        (T::MIN.to_f64(), T::MAX.to_f64())
    } else {
        values::range_of(field)
            .unwrap_or(values::Range::Figure)
            .bounds()
    }
}

/// A number typed with or without thousands separators (`1,000,000`, `1 000 000`, `1_000`).
pub fn parse_with_separators(text: &str) -> Option<f64> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    digits.parse().ok()
}

/// `v` brought within [`number_bounds`] of `field` (a NaN to the lower end).
pub fn in_range<T: egui::emath::Numeric>(field: &str, v: T) -> T {
    let (low, high) = number_bounds::<T>(field);
    let x = v.to_f64();
    T::from_f64(if x.is_nan() { low } else { x.clamp(low, high) })
}

/// Optional number with a unit, kept within the range of `field` (its name in files, see
/// [`number_bounds`]); "set" gives it a value, "×" unsets it.
pub fn opt_num<T: egui::emath::Numeric>(
    ui: &mut Ui,
    field: &str,
    label: &str,
    v: &mut Option<T>,
    unit: &str,
) -> bool {
    let (low, high) = number_bounds::<T>(field);
    row(ui, label, |ui, lid| {
        let mut changed = false;
        match v {
            Some(x) => {
                let mut dv = egui::DragValue::new(x).range(low..=high);
                if !unit.is_empty() {
                    dv = dv.suffix(format!(" {unit}"));
                }
                if T::INTEGRAL {
                    // Whole numbers read with separators (1,000,000 users) and accept them.
                    dv = dv
                        .speed(1.0)
                        .custom_formatter(|n, _| crate::capacity::format::thousands(n))
                        .custom_parser(parse_with_separators);
                } else {
                    dv = dv.speed(0.1);
                }
                let r = labelled(ui.add(dv), lid);
                if r.changed() {
                    // DragValue clamps what is dragged or typed, but not a NaN.
                    *x = in_range(field, *x);
                    changed = true;
                }
                if ui
                    .small_button("×")
                    .on_hover_text("Unset this value")
                    .clicked()
                {
                    *v = None;
                    changed = true;
                }
            }
            None => {
                let r = labelled(ui.button(UNSET).on_hover_text("Click to set a value"), lid);
                if r.clicked() {
                    *v = Some(in_range(field, T::from_f64(0.0)));
                    changed = true;
                }
                if !unit.is_empty() {
                    ui.weak(unit);
                }
            }
        }
        changed
    })
}

/// Optional enum: a dropdown of `unset` and every value.
pub fn opt_enum<T: Copy + PartialEq + std::fmt::Display>(
    ui: &mut Ui,
    label: &str,
    v: &mut Option<T>,
    all: &[T],
) -> bool {
    row(ui, label, |ui, lid| {
        let before = *v;
        let text = v.map_or_else(|| UNSET.to_owned(), |x| x.to_string());
        let cb = egui::ComboBox::from_id_salt(("enum", label, lid))
            .selected_text(text)
            .width(fit_width(ui, 160.0))
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                for &x in all {
                    ui.selectable_value(v, Some(x), x.to_string());
                }
            });
        labelled(cb.response, lid);
        *v != before
    })
}

/// A set of enum values (checkboxes); empty means unset.
pub fn opt_enum_set<T: Copy + PartialEq + std::fmt::Display>(
    ui: &mut Ui,
    label: &str,
    v: &mut Option<Vec<T>>,
    all: &[T],
) -> bool {
    let mut list = v.clone().unwrap_or_default();
    let changed = vec_enum_set(ui, label, &mut list, all);
    if changed {
        *v = if list.is_empty() { None } else { Some(list) };
    }
    changed
}

/// A list of enum values (checkboxes), kept in declaration order.
pub fn vec_enum_set<T: Copy + PartialEq + std::fmt::Display>(
    ui: &mut Ui,
    label: &str,
    list: &mut Vec<T>,
    all: &[T],
) -> bool {
    let mut changed = false;
    ui.label(format!("{label}:"));
    ui.indent(label, |ui| {
        ui.horizontal_wrapped(|ui| {
            for &x in all {
                let mut on = list.contains(&x);
                if ui.checkbox(&mut on, x.to_string()).changed() {
                    changed = true;
                    if on {
                        list.push(x);
                    } else {
                        list.retain(|y| *y != x);
                    }
                }
            }
        });
    });
    if changed {
        let order = |x: &T| all.iter().position(|y| y == x).unwrap_or(usize::MAX);
        list.sort_by_key(order);
    }
    changed
}

/// A list of words, edited as comma-separated text.
pub fn vec_text(ui: &mut Ui, label: &str, list: &mut Vec<String>) -> bool {
    row(ui, label, |ui, lid| {
        let mut text = list.join(", ");
        let r = labelled(
            ui.add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("comma-separated")
                    .desired_width(f32::INFINITY),
            ),
            lid,
        );
        if r.changed() {
            *list = split_list(&text);
            true
        } else {
            false
        }
    })
}

/// A map of `key: value` pairs, edited as `key = value; key = value`.
pub fn map_text(ui: &mut Ui, label: &str, map: &mut BTreeMap<String, String>) -> bool {
    row(ui, label, |ui, lid| {
        let mut text = map
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let r = labelled(
            ui.add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("route = scope; …")
                    .desired_width(f32::INFINITY),
            ),
            lid,
        );
        if r.changed() {
            *map = text
                .split(';')
                .filter_map(|pair| {
                    let (k, v) = pair.split_once('=')?;
                    let (k, v) = (k.trim(), v.trim());
                    (!k.is_empty()).then(|| (k.to_owned(), v.to_owned()))
                })
                .collect();
            true
        } else {
            false
        }
    })
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A reference to another node: a dropdown of the design's node ids.
pub fn opt_node(ui: &mut Ui, label: &str, v: &mut Option<NodeId>, cx: &FieldCx<'_>) -> bool {
    row(ui, label, |ui, lid| {
        let before = v.clone();
        let text = v.as_ref().map_or(UNSET, |n| n.as_str()).to_owned();
        let cb = egui::ComboBox::from_id_salt(("node", label, lid))
            .selected_text(text)
            .width(fit_width(ui, 160.0))
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                for id in cx.node_ids {
                    ui.selectable_value(v, Some(id.clone()), id.as_str());
                }
            });
        labelled(cb.response, lid);
        *v != before
    })
}

/// A list of node ids, edited as comma-separated text.
pub fn opt_node_list(
    ui: &mut Ui,
    label: &str,
    v: &mut Option<Vec<NodeId>>,
    _cx: &FieldCx<'_>,
) -> bool {
    let mut words: Vec<String> = v
        .as_ref()
        .map(|l| l.iter().map(|n| n.0.clone()).collect())
        .unwrap_or_default();
    if vec_text(ui, label, &mut words) {
        *v = if words.is_empty() {
            None
        } else {
            Some(words.into_iter().map(NodeId).collect())
        };
        true
    } else {
        false
    }
}

/// The node's role: the roles that fit its kind, plus free text for compute nodes.
pub fn opt_role(ui: &mut Ui, label: &str, v: &mut Option<Role>, cx: &FieldCx<'_>) -> bool {
    let choices = cx.kind.map(Role::choices).unwrap_or(&[]);
    let compute = cx.kind.is_some_and(NodeKind::is_compute);
    row(ui, label, |ui, lid| {
        let before = v.clone();
        let text = v.as_ref().map_or(UNSET, |r| r.key()).to_owned();
        let cb = egui::ComboBox::from_id_salt(("role", label, lid))
            .selected_text(text)
            .width(fit_width(ui, 160.0))
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                for r in choices {
                    ui.selectable_value(v, Some(r.clone()), r.key());
                }
                if compute && !matches!(v, Some(Role::Other(_))) && ui.button("other…").clicked()
                {
                    *v = Some(Role::Other(String::new()));
                }
            });
        labelled(cb.response, lid);
        if let Some(Role::Other(text)) = v {
            ui.add(egui::TextEdit::singleline(text).desired_width(fit_width(ui, 100.0)));
        }
        *v != before
    })
}

/// A queue's dead-letter setting: unset, on, off, or the id of the DLQ node.
pub fn opt_dlq(ui: &mut Ui, label: &str, v: &mut Option<Dlq>, cx: &FieldCx<'_>) -> bool {
    row(ui, label, |ui, lid| {
        let before = v.clone();
        let text = match v {
            None => UNSET.to_owned(),
            Some(Dlq::Enabled(true)) => "yes".to_owned(),
            Some(Dlq::Enabled(false)) => "no".to_owned(),
            Some(Dlq::Node(n)) => format!("DLQ node {n}"),
        };
        let cb = egui::ComboBox::from_id_salt(("dlq", label, lid))
            .selected_text(text)
            .width(fit_width(ui, 160.0))
            .show_ui(ui, |ui| {
                ui.selectable_value(v, None, UNSET);
                ui.selectable_value(v, Some(Dlq::Enabled(true)), "yes");
                ui.selectable_value(v, Some(Dlq::Enabled(false)), "no");
                for id in cx.node_ids {
                    ui.selectable_value(v, Some(Dlq::Node(id.clone())), format!("DLQ node {id}"));
                }
            });
        labelled(cb.response, lid);
        *v != before
    })
}

/// A group of nested properties in a collapsing section; all-unset means unset.
pub fn opt_group<T: Default + PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    v: &mut Option<T>,
    body: impl FnOnce(&mut Ui, &mut T) -> bool,
) -> bool {
    let mut inner = v.clone().unwrap_or_default();
    let title = if v.is_some() {
        label.to_owned()
    } else {
        format!("{label} ({UNSET})")
    };
    let changed = egui::CollapsingHeader::new(title)
        .id_salt(("group", label))
        .show(ui, |ui| body(ui, &mut inner))
        .body_returned
        .unwrap_or(false);
    if changed {
        *v = if inner == T::default() {
            None
        } else {
            Some(inner)
        };
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_typed_with_or_without_separators() {
        assert_eq!(parse_with_separators("1,000,000"), Some(1_000_000.0));
        assert_eq!(parse_with_separators("1 000"), Some(1000.0));
        assert_eq!(parse_with_separators("42"), Some(42.0));
        assert_eq!(parse_with_separators("lots"), None);
        assert_eq!(crate::capacity::format::thousands(1_000_000.0), "1,000,000");
    }
}
