//! The guide's server and database tier tables (guide §3.10 "Real-World Server Tiers"),
//! compiled in as data, and the lookup from a node's `tier` text to a row.

/// What a tier's capacity figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TierTable {
    /// D1: app / web server tiers; capacity in concurrent users per instance.
    App,
    /// D2: managed PostgreSQL tiers; capacity in simple queries per second.
    Db,
}

/// One row of D1 or D2.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tier {
    /// Row id (`app.growth`, `db.heavy`).
    pub id: &'static str,
    /// The guide's tier name (`Growth`).
    pub name: &'static str,
    /// AWS instance name (`m5.large`, `db.r5.2xlarge`).
    pub aws: &'static str,
    /// Azure size name (`D2s v3`, `MO E8s v3`).
    pub azure: &'static str,
    pub vcpu: u32,
    pub ram_gb: u32,
    /// Monthly cost per instance, USD: [min, max].
    pub cost_usd_month: [f64; 2],
    /// Capacity per instance, [min, max]: concurrent users (D1) or q/s (D2). `None` for a row
    /// the guide gives no figure for (`app.compute`).
    pub capacity: Option<[f64; 2]>,
    pub table: TierTable,
}

/// App / web server tiers (guide §3.10). Capacity: concurrent users per instance.
#[rustfmt::skip]
pub const APP_TIERS: &[Tier] = &[
    app("app.hobby", "Hobby / Dev", "t3.micro", "B1s", 2, 1, [8.0, 12.0], Some([50.0, 200.0])),
    app("app.small", "Small App", "t3.small", "B1ms", 2, 2, [15.0, 22.0], Some([200.0, 1_000.0])),
    app("app.startup", "Startup", "t3.medium", "B2s", 2, 4, [30.0, 42.0], Some([1_000.0, 3_000.0])),
    app("app.growth", "Growth", "m5.large", "D2s v3", 2, 8, [70.0, 93.0], Some([3_000.0, 10_000.0])),
    app("app.production", "Production", "m5.xlarge", "D4s v3", 4, 16, [140.0, 185.0], Some([10_000.0, 30_000.0])),
    app("app.heavy", "Heavy", "m5.2xlarge", "D8s v3", 8, 32, [280.0, 370.0], Some([30_000.0, 80_000.0])),
    // CPU-bound work: requests finish faster, the tier serves no more users (no user figure).
    app("app.compute", "Compute-Heavy", "c5.4xlarge", "F16s v2", 16, 32, [490.0, 620.0], None),
];

/// Managed PostgreSQL tiers (guide §3.10). Capacity: simple queries per second.
#[rustfmt::skip]
pub const DB_TIERS: &[Tier] = &[
    db("db.dev", "Dev / Hobby", "db.t3.micro", "B1ms", 2, 1, [15.0, 25.0], [100.0, 500.0]),
    db("db.small", "Small", "db.t3.small", "GP B2s", 2, 2, [25.0, 45.0], [500.0, 1_500.0]),
    db("db.mid", "Mid", "db.m5.large", "GP D2s v3", 2, 8, [130.0, 175.0], [2_000.0, 5_000.0]),
    db("db.production", "Production", "db.r5.xlarge", "MO E4s v3", 4, 32, [350.0, 460.0], [5_000.0, 15_000.0]),
    db("db.heavy", "Heavy", "db.r5.2xlarge", "MO E8s v3", 8, 64, [700.0, 920.0], [15_000.0, 40_000.0]),
];

/// The `tier` value that means "a box outside the tables; capacity in `capacity_qps`".
pub const CUSTOM: &str = "custom";

#[allow(clippy::too_many_arguments)]
const fn app(
    id: &'static str,
    name: &'static str,
    aws: &'static str,
    azure: &'static str,
    vcpu: u32,
    ram_gb: u32,
    cost: [f64; 2],
    users: Option<[f64; 2]>,
) -> Tier {
    Tier {
        id,
        name,
        aws,
        azure,
        vcpu,
        ram_gb,
        cost_usd_month: cost,
        capacity: users,
        table: TierTable::App,
    }
}

#[allow(clippy::too_many_arguments)]
const fn db(
    id: &'static str,
    name: &'static str,
    aws: &'static str,
    azure: &'static str,
    vcpu: u32,
    ram_gb: u32,
    cost: [f64; 2],
    qps: [f64; 2],
) -> Tier {
    Tier {
        capacity: Some(qps),
        table: TierTable::Db,
        ..app(id, name, aws, azure, vcpu, ram_gb, cost, None)
    }
}

impl TierTable {
    /// The rows of this table, smallest first.
    pub fn rows(self) -> &'static [Tier] {
        match self {
            TierTable::App => APP_TIERS,
            TierTable::Db => DB_TIERS,
        }
    }
}

impl Tier {
    /// The upper capacity figure per instance (what the checks compare against).
    pub fn capacity_max(&self) -> Option<f64> {
        self.capacity.map(|c| c[1])
    }

    /// Every name that resolves to this row: id, AWS and Azure names.
    pub fn names(&self) -> [&'static str; 3] {
        [self.id, self.aws, self.azure]
    }
}

/// The row `name` denotes in `table` (case-insensitive; id, AWS or Azure name). For databases a
/// bare AWS compute name also resolves with the `db.` prefix (`r5.xlarge` → `db.r5.xlarge`).
pub fn lookup(table: TierTable, name: &str) -> Option<&'static Tier> {
    let name = name.trim();
    let rows = table.rows();
    let hit = |n: &str| {
        rows.iter()
            .find(|t| t.names().iter().any(|k| k.eq_ignore_ascii_case(n)))
    };
    hit(name).or_else(|| match table {
        TierTable::Db if !name.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("db.")) => {
            hit(&format!("db.{name}"))
        }
        _ => None,
    })
}

/// The table a node kind's `tier` is looked up in: D1 for compute that serves users, D2 for
/// databases; `None` for kinds the guide has no tier table for.
pub fn table_for(kind: crate::model::NodeKind) -> Option<TierTable> {
    use crate::model::NodeKind as K;
    match kind {
        K::AppServer | K::WebsocketServer | K::Worker => Some(TierTable::App),
        K::SqlDb | K::Shard | K::ReadReplica | K::NosqlDb => Some(TierTable::Db),
        _ => None,
    }
}

/// The smallest row of `table` whose upper capacity covers `load` (the tier the load "needs";
/// load in a gap between rows gets the next row up).
pub fn smallest_fitting(table: TierTable, load: f64) -> Option<&'static Tier> {
    let rows = table.rows();
    rows.iter()
        .find(|t| t.capacity_max().is_some_and(|m| load <= m))
}
