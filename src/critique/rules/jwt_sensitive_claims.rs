//! R52 `JWT-SENSITIVE-CLAIMS`: secrets inside a token anyone can decode.

use crate::critique::{Context, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Flags a node whose `jwt.claims` list contains `password`, `password_hash`,
    /// `card_number`, `ssn`, `government_id`, `api_key` or `secret_key`. Names are compared
    /// without regard to case, `-` or `_` (so `cardNumber` and `card-number` count).
    ///
    /// ## Why it matters
    /// Guide §4.2 ("safe to include / never include"): a signed JWT is protected against
    /// tampering, not against reading. Its payload is only base64-encoded, and tokens end up in
    /// browser storage, logs and proxies, so anything in it is effectively public.
    ///
    /// ## Example
    /// Bad: `app_server:api{jwt={claims:[user_id, role, card_number]}}`.
    ///
    /// Good: `app_server:api{jwt={claims:[user_id, role, tenant_id, exp, jti]}}`.
    ///
    /// ## How to fix
    /// Keep only identifiers, role, tenant, permissions, expiry and `jti` in the token, and look
    /// sensitive data up on the server. Use JWE only if contents truly must travel hidden.
    pub JwtSensitiveClaims {
        id: "JWT-SENSITIVE-CLAIMS",
        number: "R52",
        title: "secrets placed in a token anyone can decode",
        category: "L. Security",
        severity: Error,
        scope: Detail,
        guide: "4.2",
        fix: "keep only identifiers, role, tenant, permissions, expiry and jti in the token; look sensitive data up on the server",
        check: check,
    }
}

/// Claim names that must never be in a readable token, normalised (lowercase, no `_`/`-`).
const FORBIDDEN: &[&str] = &[
    "password",
    "passwordhash",
    "cardnumber",
    "ssn",
    "governmentid",
    "apikey",
    "secretkey",
];

fn normalised(claim: &str) -> String {
    claim
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for n in &cx.design.nodes {
        let Some(jwt) = &n.props.jwt else {
            continue;
        };
        let bad: Vec<&str> = jwt
            .claims
            .iter()
            .filter(|c| FORBIDDEN.contains(&normalised(c).as_str()))
            .map(String::as_str)
            .collect();
        if bad.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                &JwtSensitiveClaims::META,
                format!(
                    "`{}` puts {} in its JWT claims, readable by anyone holding the token",
                    n.id,
                    crate::critique::quoted_list(&bad)
                ),
            )
            .node(&n.id),
        );
    }
}
