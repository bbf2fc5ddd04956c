//! Archway: a desktop studio for system designs that critiques the design live against the
//! principles of a system design guide.
//!
//! # Layers
//!
//! Dependencies point one way. A module may import only from modules to its left; modules that
//! share a place do not import each other (`tests/layering.rs` checks this on every test run):
//!
//! ```text
//! model → index → capacity → critique → geometry → export, import, review, templates → ui → cli
//! ```
//!
//! - [`model`]: the design, its kinds and properties, the file format, edits. Pure data.
//! - [`index`]: graph views derived from a design (user path, placement, redundancy…).
//! - [`capacity`]: peak load, utilisation and monthly cost per component.
//! - [`critique`]: the rules, their report, and [`critique::Analysis`], the one pipeline
//!   (index → estimate → review) every front end calls.
//! - [`geometry`]: layout, edge routes and captions shared by the canvas and the exports.
//! - [`export`] (and the coming `import`): documents out and in; [`review`]: the design diff
//!   and what-if analysis of failures and traffic; [`templates`] are the designs shipped inside
//!   the binary.
//! - [`ui`] and [`cli`]: the two front ends. The UI reads the design and returns
//!   [`model::Edit`]s; the CLI parses arguments, calls the library and decides exit codes.
//!   The CLI is the binary's entry point and may open the UI (`archway open`); the UI never
//!   names the CLI.
//!
//! Shared option types (an export theme, a review level) live in the lowest layer that uses
//! them, never in a front end.

pub mod capacity;
pub mod cli;
pub mod critique;
pub mod export;
pub mod geometry;
pub mod import;
pub mod index;
pub mod model;
pub mod review;
pub mod templates;
pub mod ui;
