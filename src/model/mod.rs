//! The design model: pure data with serde and no egui. Kinds, typed properties, the design
//! document, its file format, and edits.

pub mod catalog;
pub mod design;
pub mod edit;
pub mod escape;
pub mod file;
pub mod ids;
pub mod kinds;
pub mod labels;
pub mod migrate;
pub mod props;
pub mod scan;
pub mod spots;
pub mod synthetic;
pub mod text;
pub mod values;

pub use catalog::{Category, ContainerInfo, NodeInfo};
pub use design::{
    CURRENT_VERSION, Container, Design, Edge, Metadata, Node, Pos, Rect, ResolvedThresholds,
    ReviewLevel, Suppression, Thresholds, Workload,
};
pub use edit::Edit;
pub use file::{LoadError, Problem, SaveError};
pub use ids::{ContainerId, EdgeId, NodeId};
pub use kinds::{ContainerKind, EdgeKind, NodeKind, Protocol};
pub use props::{ContainerProps, EdgeProps, NodeProps, Provider};
