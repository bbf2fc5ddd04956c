//! R55 `ENC-AT-REST-MISSING`: sensitive data stored unencrypted, or next to its key.

use crate::critique::{Context, Finding, fold_when_unstated};
use crate::model::NodeKind;
use crate::model::props::{KeyStore, Persistence};

crate::declare_rule! {
    /// ## What it does
    /// Flags a store holding sensitive data (`sensitive()`: PII, credentials, payment data,
    /// user files, messages or tenant data; an unset `data_classes` on a database or bucket
    /// counts) that has no `encryption_at_rest=true`, or that is encrypted with its key kept
    /// beside the data. Stores whose provider always encrypts at rest (S3, DynamoDB, and every
    /// store of a design or container whose `provider` is `gcp` or `azure`, or whose `tech`
    /// names a Google Cloud or Azure store; not when marked `managed=false`) are never
    /// flagged: there is nothing to turn on. Caches are checked only when they persist to
    /// disk (`persistence` is `rdb` or `aof`).
    ///
    /// The key clause (`key_store` in `same_host`, `none` or unset while no `kms`
    /// node exists) is read the way a reviewer would: `same_host` and `none` are findings even
    /// when a KMS is drawn elsewhere, since the key is still beside the data; an unset
    /// `key_store` is accepted when a `kms` node exists or the store is `managed` (RDS, S3 and
    /// the like keep their keys in the provider's KMS by default). When no store of the design
    /// states `encryption_at_rest` at all, the stores fold into one design-wide finding.
    ///
    /// ## Why it matters
    /// Guide §4.4 (encryption at rest): a stolen disk, snapshot or backup of an unencrypted
    /// store is a data breach. Encryption only helps if the key lives elsewhere, in a KMS that
    /// also rotates and audits it; a key on the same host is taken along with the data.
    ///
    /// ## Example
    /// Bad: `sql_db:main{encryption_at_rest=false}`; `object_storage:files{encryption_at_rest=true,
    /// key_store=same_host}`.
    ///
    /// Good: `kms:keys`; `sql_db:main{encryption_at_rest=true, key_store=kms}`.
    ///
    /// ## How to fix
    /// Turn on at-rest encryption (AES-256 / server-side encryption) with the keys in a separate
    /// KMS, which handles rotation and audit.
    pub EncAtRestMissing {
        id: "ENC-AT-REST-MISSING",
        number: "R55",
        title: "sensitive data is stored unencrypted, or stored next to its key",
        category: "L. Security",
        severity: Warning,
        scope: Detail,
        guide: "4.4",
        fix: "turn on at-rest encryption (AES-256 / SSE) with keys in a separate KMS",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let has_kms = ix.nodes_of_kind(NodeKind::Kms).next().is_some();
    let mut found = Vec::new();
    for i in ix.nodes_where(NodeKind::is_store) {
        let n = ix.node(i);
        if n.kind == NodeKind::Cache
            && !matches!(
                n.props.persistence,
                Some(Persistence::Rdb | Persistence::Aof)
            )
        {
            continue;
        }
        // What the node states first; whether it is sensitive and what its provider does
        // by default (which reads its names) only when that leaves a problem.
        let problem = if n.props.encryption_at_rest != Some(true) {
            "holds sensitive data and no encryption at rest is stated; turn it on"
        } else {
            match n.props.key_store {
                Some(KeyStore::SameHost) => "keeps its encryption key on the same host as the data",
                Some(KeyStore::None) => "is encrypted with no managed key store",
                Some(KeyStore::Kms) => continue,
                None if has_kms || n.props.managed == Some(true) => continue,
                None => "is encrypted but no KMS holds its key",
            }
        };
        if !ix.sensitive(i) || crate::critique::facts::provider_encrypts_at_rest(ix, i) {
            continue;
        }
        found.push(
            Finding::new(&EncAtRestMissing::META, format!("`{}` {problem}", n.id)).node(&n.id),
        );
    }
    let stated = cx
        .design
        .nodes
        .iter()
        .any(|n| n.props.encryption_at_rest.is_some());
    let names = crate::critique::quoted_list(found.iter().flat_map(|f| f.nodes.iter()));
    fold_when_unstated(
        &EncAtRestMissing::META,
        found,
        stated,
        |_| {
            format!(
                "no encryption at rest is stated anywhere in the design, for sensitive stores {names}; turn it on"
            )
        },
        out,
    );
}
