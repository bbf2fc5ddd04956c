//! Archway: a desktop studio for system designs that critiques the design live against the
//! principles of a system design guide.
//!
//! Data flows one way: a design file loads into [`model::Design`]; [`model::Index`] derives a
//! graph view; [`critique`] and [`capacity`] are pure functions of the design; the [`ui`] reads
//! them and returns [`model::Edit`]s; [`export`] and the [`cli`] read the same data.

pub mod capacity;
pub mod cli;
pub mod critique;
pub mod export;
pub mod geometry;
pub mod model;
pub mod templates;
pub mod ui;
