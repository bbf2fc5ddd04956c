//! Monthly cost: instances × the tier's price range (guide §3.10), or the price a designer
//! states on a component (`monthly_cost`). Components with neither (managed services, caches,
//! queues…) are counted as unpriced rather than guessed.

use super::tiers::Tier;
use crate::model::NodeKind;
use serde::Serialize;

/// Whether the design pays for a component of `kind` (a client is the users' own device: it
/// is neither priced nor unpriced).
pub fn is_billable(kind: NodeKind) -> bool {
    kind != NodeKind::Client
}

/// What a design's monthly total can say: the guide prices only its server and database tiers
/// (guide §3.10), so a total covers the priced components and names how many it leaves out.
#[derive(Clone, Debug, PartialEq)]
pub enum TotalCost {
    /// No component the design pays for (only clients, or nothing at all).
    NothingToPrice,
    /// Every component the design pays for has a price.
    Priced(CostRange),
    /// Some components have a price; `unpriced` (billable) ones have none and are left out.
    Partly {
        priced: CostRange,
        priced_count: usize,
        unpriced: usize,
    },
    /// No billable component has a price: there is no total, only a count.
    Unpriced(usize),
}

impl TotalCost {
    /// The total in words, each priced range written by `money` (`$45–66 for 1 priced
    /// component; 18 unpriced`). Never `$0` for a design with unpriced components.
    pub fn text(&self, money: impl Fn(&CostRange) -> String) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        match self {
            TotalCost::NothingToPrice => {
                "nothing to price (no component the design pays for)".to_owned()
            }
            TotalCost::Priced(c) => money(c),
            TotalCost::Partly {
                priced,
                priced_count,
                unpriced,
            } => format!(
                "{} for {priced_count} priced component{}; {unpriced} component{} unpriced",
                money(priced),
                plural(*priced_count),
                plural(*unpriced)
            ),
            TotalCost::Unpriced(n) => format!(
                "unpriced: none of the {n} component{} has a price in the guide's tier tables",
                plural(*n)
            ),
        }
    }
}

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

/// Reads a monthly price a designer states (`monthly_cost`): US dollars, one figure (`40`) or a
/// range (`40-60`, `40–60`, `$40 - $60`), thousands separators allowed (`1,200`).
pub fn stated(text: &str) -> Result<CostRange, String> {
    let figure = |t: &str| -> Result<f64, String> {
        let t = t.trim().trim_start_matches('$').trim().replace(',', "");
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
            Ok(_) => Err(format!("`{t}` is not a price of zero or more dollars")),
            Err(_) => Err("write dollars a month, as `40` or `40-60`".to_owned()),
        }
    };
    let (min, max) = match text.split_once(['-', '–']) {
        Some((a, b)) => (figure(a)?, figure(b)?),
        None => {
            let v = figure(text)?;
            (v, v)
        }
    };
    if min > max {
        return Err(format!("the range starts above its end ({min} > {max})"));
    }
    Ok(CostRange { min, max })
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
