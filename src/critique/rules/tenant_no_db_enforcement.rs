//! R54 `TENANT-NO-DB-ENFORCEMENT`: tenant isolation that depends on every query's filter.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::TenantIsolation;

crate::declare_rule! {
    /// ## What it does
    /// When `workload.multi_tenant=true`, flags each database holding tenant data
    /// (`multi_tenant`, defaulting to the workload value): a `sql_db` or `shard` whose
    /// `tenant_isolation` is not `rls`, or a `nosql_db` whose `tenant_isolation` is `none`,
    /// `app_filter` or unset (NoSQL has no row-level security, so `middleware` is accepted).
    ///
    /// ## Why it matters
    /// Guide §4.3 (multi-tenant data isolation): if isolation is a `WHERE tenant_id = ?` that
    /// each query must remember, the one query that forgets it (an analytics report, a new
    /// endpoint) returns every company's data. LinkPulse Ch.4 shipped exactly that bug.
    /// Row-level security makes the database apply the filter to every query.
    ///
    /// ## Example
    /// Bad: workload `multi_tenant=true`; `sql_db:main{tenant_isolation=app_filter}`.
    ///
    /// Good: `sql_db:main{tenant_isolation=rls}`; `app_server:api{multi_tenant=true,
    /// authz=rbac}`.
    ///
    /// ## How to fix
    /// Use PostgreSQL row-level-security policies keyed on a per-connection tenant setting that
    /// middleware fills in from the token, plus tests that cross-tenant queries return nothing.
    pub TenantNoDbEnforcement {
        id: "TENANT-NO-DB-ENFORCEMENT",
        number: "R54",
        title: "tenant isolation depends on every query remembering a filter",
        category: "L. Security",
        severity: Warning,
        scope: Detail,
        guide: "4.3",
        fix: "use row-level-security policies keyed on a per-connection tenant setting filled in by middleware, plus cross-tenant tests",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.design.workload.multi_tenant != Some(true) {
        return;
    }
    for n in &cx.design.nodes {
        if n.props.multi_tenant == Some(false) {
            continue;
        }
        let iso = n.props.tenant_isolation;
        let weak = match n.kind {
            NodeKind::SqlDb | NodeKind::Shard => iso != Some(TenantIsolation::Rls),
            NodeKind::NosqlDb => matches!(
                iso,
                None | Some(TenantIsolation::None | TenantIsolation::AppFilter)
            ),
            _ => continue,
        };
        if !weak {
            continue;
        }
        let how = match iso {
            Some(TenantIsolation::AppFilter) => "an application filter in every query",
            Some(TenantIsolation::Middleware) => "middleware, not the database",
            Some(TenantIsolation::None) => "nothing",
            _ => "no declared mechanism",
        };
        out.push(
            Finding::new(
                &TenantNoDbEnforcement::META,
                format!("`{}` keeps tenants apart with {how}", n.id),
            )
            .node(&n.id),
        );
    }
}
