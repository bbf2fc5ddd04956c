//! The names design files use for node and container kinds (`load_balancer`), read from the
//! catalog so each is spelled once. Kept apart from [`super::kinds`] so the kinds stay plain
//! data that the catalog describes, and neither file imports the other back.

use super::catalog;
use super::kinds::{ContainerKind, NodeKind};

impl NodeKind {
    /// The name used in design files and rule ids (`load_balancer`).
    pub fn key(self) -> &'static str {
        catalog::node_info(self).key
    }
}

impl ContainerKind {
    /// The name used in design files (`public_subnet`).
    pub fn key(self) -> &'static str {
        catalog::container_info(self).key
    }
}
