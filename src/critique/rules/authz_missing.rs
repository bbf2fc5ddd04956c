//! R53 `AUTHZ-MISSING`: logged-in users can reach other people's objects.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::Authz;

crate::declare_rule! {
    /// ## What it does
    /// Flags a compute node or `api_gateway` on the user path that serves objects by id
    /// (`resource_by_id=true`) or serves several tenants (`multi_tenant`, which defaults to the
    /// workload's `multi_tenant`), and whose `authz` is `none`, `authn_only` or unset. Background
    /// workers behind a queue serve no user request and are not checked.
    ///
    /// ## Why it matters
    /// Guide §4.3 (authorization, RBAC/ABAC) and §4.8 (IDOR): knowing who the caller is says
    /// nothing about whether they may see object 42. Without a check of tenant, role and
    /// ownership before each data access, changing an id in the URL opens someone else's data;
    /// in LinkPulse Ch.4 an intern at one company opened another company's link that way.
    ///
    /// ## Example
    /// Bad: `app_server:api{resource_by_id=true, authz=authn_only}`.
    ///
    /// Good: `app_server:api{resource_by_id=true, authz=rbac, authz_centralized=true}`.
    ///
    /// ## How to fix
    /// Run one central access check before every data access (tenant match, then role
    /// permission, then resource ownership), return 403 on failure, and set `authz` and
    /// `authz_centralized=true`.
    pub AuthzMissing {
        id: "AUTHZ-MISSING",
        number: "R53",
        title: "logged-in users can reach other people's objects",
        category: "L. Security",
        severity: Error,
        scope: Detail,
        guide: "4.8",
        fix: "run one central access check (tenant, then role, then ownership) before every data access and return 403 on failure",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let workload_tenants = cx.design.workload.multi_tenant == Some(true);
    for i in ix.nodes_where(|k| k.is_compute() || k == NodeKind::ApiGateway) {
        let n = ix.node(i);
        if !ix.on_user_path(i) {
            continue;
        }
        if matches!(n.props.authz, Some(Authz::Rbac | Authz::Abac)) {
            continue;
        }
        let by_id = n.props.resource_by_id == Some(true);
        let tenants = n.props.multi_tenant.unwrap_or(workload_tenants);
        let what = match (by_id, tenants) {
            (true, true) => "serves tenants' objects by id",
            (true, false) => "serves objects by id",
            (false, true) => "serves several tenants",
            (false, false) => continue,
        };
        out.push(
            Finding::new(
                &AuthzMissing::META,
                format!("`{}` {what} with no authorization check", n.id),
            )
            .node(&n.id),
        );
    }
}
