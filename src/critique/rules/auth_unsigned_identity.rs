//! R49 `AUTH-UNSIGNED-IDENTITY`: the server trusts an identity the client can edit.

use crate::critique::{Context, Finding};
use crate::model::NodeKind;
use crate::model::props::{AuthMode, CookieContents};

crate::declare_rule! {
    /// ## What it does
    /// Flags a compute node or `api_gateway` that authenticates with a session cookie holding
    /// the identity itself (`cookie_contents=identity`) without `cookie_signed=true`, or with
    /// JWTs that are not signed.
    ///
    /// A JWT counts as signed when `jwt.signed=true`, or when `signed` is left unset but a
    /// signing algorithm other than `none` is named in `jwt.alg`: naming `HS256` or `RS256` is
    /// how designers usually say the token is signed, and `alg: none` is the classic unsigned
    /// token.
    ///
    /// ## Why it matters
    /// Guide §4.1 and §4.2: a session cookie should carry only a random id pointing to a
    /// server-side session, and a JWT is trusted only because the server checks its signature.
    /// If the server believes a `user_id` the browser sends back unsigned, anyone can change the
    /// number and become someone else; LinkPulse Ch.4 lost an account exactly that way.
    ///
    /// ## Example
    /// Bad: `app_server:api{auth_mode=session_cookie, cookie_contents=identity,
    /// cookie_signed=false}`.
    ///
    /// Good: `app_server:api{auth_mode=jwt, jwt={signed:true, alg:"HS256", access_ttl_min:15,
    /// refresh_ttl_days:7, revocation:blocklist}}`.
    ///
    /// ## How to fix
    /// Use an opaque random session id that points to a server-side session (Redis), or a
    /// signed JWT verified on every request.
    pub AuthUnsignedIdentity {
        id: "AUTH-UNSIGNED-IDENTITY",
        number: "R49",
        title: "the server trusts an identity the client can edit",
        category: "L. Security",
        severity: Error,
        scope: Detail,
        guide: "4.2",
        fix: "use an opaque random session id pointing to a server-side session, or a signed JWT verified on every request",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for n in &cx.design.nodes {
        if !(n.kind.is_compute() || n.kind == NodeKind::ApiGateway) {
            continue;
        }
        let p = &n.props;
        let problem = match p.auth_mode {
            Some(AuthMode::SessionCookie)
                if p.cookie_contents == Some(CookieContents::Identity)
                    && p.cookie_signed != Some(true) =>
            {
                "trusts the user identity in an unsigned cookie"
            }
            Some(AuthMode::Jwt) => {
                let jwt = p.jwt.as_ref();
                let signed = match jwt.and_then(|j| j.signed) {
                    Some(s) => s,
                    // Nothing stated about signing: JWTs are signed unless the design says
                    // otherwise (`signed=false` or `alg="none"`).
                    None => jwt
                        .and_then(|j| j.alg.as_deref())
                        .is_none_or(|alg| !alg.trim().eq_ignore_ascii_case("none")),
                };
                if signed {
                    continue;
                }
                "accepts JWTs that are not signed"
            }
            _ => continue,
        };
        out.push(
            Finding::new(&AuthUnsignedIdentity::META, format!("`{}` {problem}", n.id)).node(&n.id),
        );
    }
}
