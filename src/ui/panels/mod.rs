//! The side panels around the canvas: palette, inspector (with its field table), findings, and
//! the panels of the review modes (What-if, Compare).

pub mod compare;
pub mod fields;
pub mod findings;
pub mod inspector;
pub mod palette;
pub mod whatif;
