//! Monthly cost: instances × the tier's price range (guide §3.10). Components without a
//! priced tier (managed services, caches, queues…) are counted as unpriced rather than guessed.

use super::tiers::Tier;
use serde::Serialize;

/// A monthly cost range in US dollars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct CostRange {
    pub min: f64,
    pub max: f64,
}

/// Cost of `count` instances of `tier`.
pub fn of_tier(tier: &Tier, count: u32) -> CostRange {
    let k = f64::from(count);
    CostRange {
        min: tier.cost_usd_month[0] * k,
        max: tier.cost_usd_month[1] * k,
    }
}

/// Sum of the known costs and the number of nodes that have one.
pub fn total<'a>(costs: impl Iterator<Item = Option<&'a CostRange>>) -> (CostRange, usize) {
    let mut sum = CostRange::default();
    let mut priced = 0;
    for c in costs.flatten() {
        sum.min += c.min;
        sum.max += c.max;
        priced += 1;
    }
    (sum, priced)
}

impl CostRange {
    /// `$140–185` (or `$140` when min = max), rounded to whole dollars.
    pub fn text(&self) -> String {
        let (a, b) = (self.min.round(), self.max.round());
        if a == b {
            format!("${}", super::format::thousands(a))
        } else {
            format!(
                "${}–{}",
                super::format::thousands(a),
                super::format::thousands(b)
            )
        }
    }
}
