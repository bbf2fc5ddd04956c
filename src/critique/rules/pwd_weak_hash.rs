//! R56 `PWD-WEAK-HASH`: passwords kept reversibly or with a fast hash.

use crate::critique::{Context, Finding};
use crate::model::props::PasswordHashing;

crate::declare_rule! {
    /// ## What it does
    /// Flags a compute node with `stores_passwords=true` whose `password_hashing` is not
    /// `bcrypt` or `argon2` (unset included: if passwords are stored, how is part of the
    /// design).
    ///
    /// ## Why it matters
    /// Guide §4.4: passwords must never be kept in clear or in a form that can be reversed, and
    /// general-purpose hashes are built to be fast: a GPU tries about ten billion SHA-256
    /// guesses a second against about thirty thousand for bcrypt. When the user table leaks,
    /// a fast hash gives up most passwords in hours, and users reuse them elsewhere.
    ///
    /// ## Example
    /// Bad: `app_server:auth{stores_passwords=true, password_hashing=sha256}`.
    ///
    /// Good: `app_server:auth{stores_passwords=true, password_hashing=bcrypt}`.
    ///
    /// ## How to fix
    /// Hash with bcrypt or argon2, with a per-password salt and a cost factor you raise over
    /// time; rehash old hashes at the next login.
    pub PwdWeakHash {
        id: "PWD-WEAK-HASH",
        number: "R56",
        title: "passwords kept in a reversible or fast-hash form",
        category: "L. Security",
        severity: Error,
        scope: Detail,
        guide: "4.4",
        fix: "use bcrypt or argon2 with a salt and a cost factor you raise over time",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for n in &cx.design.nodes {
        if !n.kind.is_compute() || n.props.stores_passwords != Some(true) {
            continue;
        }
        let how = match n.props.password_hashing {
            Some(PasswordHashing::Bcrypt | PasswordHashing::Argon2) => continue,
            Some(PasswordHashing::Plaintext) => "in plain text".to_owned(),
            Some(PasswordHashing::Reversible) => "in a reversible form".to_owned(),
            Some(h) => format!("with the fast hash {h}"),
            None => "with no declared hashing".to_owned(),
        };
        out.push(
            Finding::new(
                &PwdWeakHash::META,
                format!("`{}` stores passwords {how}", n.id),
            )
            .node(&n.id),
        );
    }
}
