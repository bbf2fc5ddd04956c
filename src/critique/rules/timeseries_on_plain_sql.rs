//! R63 `TIMESERIES-ON-PLAIN-SQL`: high-frequency time series on a plain relational database.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::WritePattern;

crate::declare_rule! {
    /// ## What it does
    /// Flags a `sql_db` with `write_pattern=high_frequency_timeseries` and no time-series
    /// extension (`ts_extension≠true`). A `tech` naming TimescaleDB counts as the extension,
    /// since that is how designers usually write it.
    ///
    /// ## Why it matters
    /// Guide §6 ("When Scale Changes the Answer": time-series) and §2.3: a general-purpose
    /// relational table pays B-tree index maintenance on every one of millions of small
    /// inserts, and offers no downsampling and no automatic retention, so the table and its
    /// indexes grow until inserts and range queries both slow down. Time-series engines
    /// partition by time and drop old chunks cheaply.
    ///
    /// ## Example
    /// Bad: `sql_db:metrics{tech=PostgreSQL, write_pattern=high_frequency_timeseries}`.
    ///
    /// Good: `sql_db:metrics{tech=PostgreSQL, write_pattern=high_frequency_timeseries,
    /// ts_extension=true}`.
    ///
    /// ## How to fix
    /// Add the TimescaleDB extension to keep SQL, or move the data to a purpose-built store
    /// (InfluxDB or a wide-column database) with retention (say 90 days) and downsampling.
    pub TimeseriesOnPlainSql {
        id: "TIMESERIES-ON-PLAIN-SQL",
        number: "R63",
        title: "high-frequency time-stamped writes on a general-purpose relational DB",
        category: "M. Scale changes the technology",
        severity: Warning,
        scope: Shape,
        guide: "6, When Scale Changes the Answer",
        fix: "add the TimescaleDB extension, or move the data to a purpose-built time-series store with retention and downsampling",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    for db in ix.nodes_of_kind(NodeKind::SqlDb) {
        let n = ix.node(db);
        if n.props.write_pattern != Some(WritePattern::HighFrequencyTimeseries)
            || n.props.ts_extension == Some(true)
            || n.props
                .tech
                .as_deref()
                .is_some_and(|t| t.to_ascii_lowercase().contains("timescale"))
        {
            continue;
        }
        out.push(
            Finding::new(
                &TimeseriesOnPlainSql::META,
                format!(
                    "`{}` takes high-frequency time-series writes with no time-series extension",
                    n.id
                ),
            )
            .node(&n.id),
        );
    }
}
