//! R51 `JWT-LONG-LIVED`: long-lived JWTs with no way to revoke them.

use crate::critique::{Context, Finding};
use crate::model::props::{AuthMode, JwtRevocation};

crate::declare_rule! {
    /// ## What it does
    /// Flags a node with `auth_mode=jwt` whose access tokens live longer than
    /// `jwt_max_access_min` (15 minutes) or have no stated lifetime (`jwt.access_ttl_min`
    /// unset), and that has no revocation blocklist (`jwt.revocation≠blocklist`).
    ///
    /// ## Why it matters
    /// Guide §4.2: a JWT is valid until it expires, whatever happens on the server. A stolen or
    /// leaked day-long token gives a day of access, and logging out or disabling the account does
    /// not stop it. Short access tokens with refresh tokens, plus a small Redis blocklist for
    /// emergencies, bound that window.
    ///
    /// ## Example
    /// Bad: `app_server:api{auth_mode=jwt, jwt={signed:true, access_ttl_min:1440,
    /// revocation:none}}`.
    ///
    /// Good: `app_server:api{auth_mode=jwt, jwt={signed:true, access_ttl_min:15,
    /// refresh_ttl_days:7, revocation:blocklist}}` with `cache:jwt_blocklist{role=token_blocklist}`.
    ///
    /// ## How to fix
    /// Issue 15-minute access tokens plus refresh tokens, and keep a `jti` blocklist in Redis
    /// for emergencies.
    pub JwtLongLived {
        id: "JWT-LONG-LIVED",
        number: "R51",
        title: "stateless tokens live long and cannot be revoked",
        category: "L. Security",
        severity: Warning,
        scope: Detail,
        guide: "4.2",
        fix: "issue 15-minute access tokens plus refresh tokens, and add a jti blocklist in Redis for emergencies",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let max = cx.thresholds.jwt_max_access_min;
    for n in &cx.design.nodes {
        if n.props.auth_mode != Some(AuthMode::Jwt) {
            continue;
        }
        let jwt = n.props.jwt.as_ref();
        if jwt.and_then(|j| j.revocation) == Some(JwtRevocation::Blocklist) {
            continue;
        }
        let lifetime = match jwt.and_then(|j| j.access_ttl_min) {
            Some(ttl) if ttl > max => format!("live {ttl} minutes"),
            Some(_) => continue,
            None => "have no stated lifetime".to_owned(),
        };
        out.push(
            Finding::new(
                &JwtLongLived::META,
                format!(
                    "`{}` issues JWTs that {lifetime} and cannot be revoked",
                    n.id
                ),
            )
            .node(&n.id),
        );
    }
}
