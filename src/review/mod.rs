//! Reviewing a change and breaking a design on purpose: the design diff between two versions
//! ([`diff`]), where a version may come from git ([`source`]); the failure semantics of each
//! kind and property ([`failure`]); and what-if analysis of failures and traffic ([`whatif`]).
//!
//! Layer: documents (beside `export`): it reads the critique and capacity engines and never
//! changes a design.

pub mod diff;
pub mod failure;
pub mod overlay;
pub mod render;
pub mod source;
pub mod whatif;
