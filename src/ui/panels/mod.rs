//! The side panels around the canvas: palette, inspector (with its field table and the editor
//! of a multi-selection), findings, the panels of the review modes (What-if, Compare), the
//! capacity view's totals, and the rule documentation with its browser.

pub mod capacity;
pub mod compare;
pub mod fields;
pub mod findings;
pub mod inspector;
pub mod multi_edit;
pub mod palette;
pub mod rules;
pub mod whatif;
