//! R38 SPLIT-BRAIN-QUORUM: automatic failover without a majority vote.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::Failover;

crate::declare_rule! {
    /// ## What it does
    /// Flags a self-hosted (`managed ≠ true` and `provider_redundant ≠ true`) `sql_db`,
    /// `nosql_db`, `shard`, `cache` or `stream` with `failover = automatic` when it has no
    /// quorum (`quorum ≠ true`), or an even number of `voting_nodes`, or fewer than 3.
    ///
    /// A `shard` counts as well as `sql_db`, `nosql_db`, `cache` and `stream`: it is a
    /// database of its own with its own failover, and the same split-brain can happen there.
    /// A managed service (RDS, ElastiCache) runs its own fenced election and is not checked.
    ///
    /// ## Why it matters
    /// Guide §3.6 (split-brain): automatic failover decides on its own that the primary is dead
    /// and promotes a standby. If the old primary was only cut off by a network split, there are
    /// now two primaries accepting writes, and their histories cannot be merged automatically:
    /// some customers' orders exist on one side only. A promotion that needs a majority of an
    /// odd number of voters (3, 5 or 7) can happen on at most one side of any split, so only
    /// one primary can ever be elected.
    ///
    /// ## Example
    /// Bad: `sql_db:pg{managed=false, failover=automatic, voting_nodes=2, quorum=false}`.
    ///
    /// Good: `sql_db:pg{managed=false, standby=sync, failover=automatic, quorum=true, voting_nodes=3}`.
    ///
    /// ## How to fix
    /// Promote only with the agreement of a majority among an odd number of voters (3, 5 or 7,
    /// possibly including a lightweight witness), and fence the old primary so it cannot keep
    /// accepting writes.
    pub SplitBrainQuorum {
        id: "SPLIT-BRAIN-QUORUM",
        number: "R38",
        title: "automatic failover without a majority vote",
        category: "J. Fault tolerance",
        severity: Error,
        scope: Shape,
        guide: "3.6",
        fix: "promote only with a majority vote among an odd number of voters (3, 5 or 7, a witness counts) and fence the old primary",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for node in &cx.design.nodes {
        if !matches!(
            node.kind,
            NodeKind::SqlDb
                | NodeKind::NosqlDb
                | NodeKind::Shard
                | NodeKind::Cache
                | NodeKind::Stream
        ) {
            continue;
        }
        let p = &node.props;
        if p.managed == Some(true)
            || p.provider_redundant == Some(true)
            || p.failover != Some(Failover::Automatic)
        {
            continue;
        }
        let problem = if p.quorum != Some(true) {
            "without a quorum".to_owned()
        } else {
            match p.voting_nodes {
                Some(v) if v < 3 => format!("with only {v} voting nodes"),
                Some(v) if v % 2 == 0 => format!("with an even number ({v}) of voting nodes"),
                _ => continue,
            }
        };
        out.push(
            Finding::new(
                &SplitBrainQuorum::META,
                format!(
                    "`{}` fails over automatically {problem}, so a network split can elect two primaries",
                    node.id
                ),
            )
            .node(&node.id),
        );
    }
}
