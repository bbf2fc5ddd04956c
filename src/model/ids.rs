//! Identifier newtypes for nodes, edges and containers: readable words such as `url_cache`.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a string as an id.
            pub fn new(s: impl Into<String>) -> Self {
                Self(s.into())
            }
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// Id of a node (component), unique within a design.
    NodeId
);
id_type!(
    /// Id of an edge (connection), unique within a design.
    EdgeId
);
id_type!(
    /// Id of a container (region, VPC, availability zone, subnet), unique within a design.
    ContainerId
);

/// Turns any text into a readable id: lowercase ASCII words joined by `_` (`"URL Cache"` →
/// `url_cache`). Returns `"item"` when nothing usable is left.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut pending_sep = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_sep && !out.is_empty() {
                out.push('_');
            }
            pending_sep = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_sep = true;
        }
    }
    if out.is_empty() {
        "item".to_owned()
    } else {
        out
    }
}

/// Returns `base` if `taken(base)` is false, else `base_2`, `base_3`, … (the first free one).
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_owned())
}
