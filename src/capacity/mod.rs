//! Capacity and cost estimation: peak load per component from the workload, pushed along the
//! user-path edges, against the guide's tier tables.

use crate::model::{Design, Index};
use serde::Serialize;

/// Whether a component keeps up with its estimated load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No estimate could be made (no workload figures or no capacity figure).
    #[default]
    Unknown,
    /// Below 70 % utilisation.
    Ok,
    /// 70 % or more.
    Hot,
    /// 100 % or more.
    Over,
}

/// A monthly cost range in US dollars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct CostRange {
    pub min: f64,
    pub max: f64,
}

/// The estimate for one node.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NodeEstimate {
    /// Estimated peak load in requests (or messages) per second.
    pub load_rps: Option<f64>,
    /// What the node can take, in the same unit.
    pub capacity_rps: Option<f64>,
    /// load / capacity.
    pub utilisation: Option<f64>,
    pub status: Status,
    /// Monthly cost, when the node has a priced tier.
    pub cost: Option<CostRange>,
}

/// The estimate for a whole design. `nodes` is parallel to `design.nodes`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Estimate {
    pub nodes: Vec<NodeEstimate>,
    pub total_cost: CostRange,
    /// Id of the most utilised node.
    pub bottleneck: Option<String>,
    /// How many times the load can grow before the first component saturates.
    pub headroom: Option<f64>,
}

/// Estimates load, utilisation and cost for every node of the design.
pub fn estimate(design: &Design, _index: &Index<'_>) -> Estimate {
    Estimate {
        nodes: vec![NodeEstimate::default(); design.nodes.len()],
        ..Estimate::default()
    }
}

pub mod cli {
    //! `archway estimate`.
    use crate::cli::ListFormat;
    use std::path::Path;
    use std::process::ExitCode;

    /// Prints the estimate of a design file.
    pub fn run(_file: &Path, _format: ListFormat) -> ExitCode {
        crate::cli::not_available("`archway estimate`")
    }
}
