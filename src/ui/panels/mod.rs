//! The side panels around the canvas: palette, inspector (with its field table) and findings.

pub mod fields;
pub mod findings;
pub mod inspector;
pub mod palette;
