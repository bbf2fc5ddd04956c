//! Facts a design implies without stating them: what a managed cloud service or a well-known
//! technology always does (guide §2.1 on managed services). Rules read these instead of asking
//! for a setting the provider does not let you turn off.

use crate::index::Index;
use crate::model::{Node, NodeKind};

/// The node's technology and label, lowercased, for recognising a product family.
fn names(node: &Node) -> String {
    let mut s = node
        .props
        .tech
        .as_deref()
        .unwrap_or_default()
        .to_lowercase();
    s.push(' ');
    s.push_str(&node.label.to_lowercase());
    s
}

/// Whether a cache is Memcached, recognised by family (`memcached 1.6`, `ElastiCache for
/// Memcached`, `Memcache`), not by an exact string. Memcached evicts least recently used
/// entries by default and keeps nothing on disk.
pub fn is_memcached(node: &Node) -> bool {
    node.props
        .tech
        .as_deref()
        .is_some_and(|t| t.to_lowercase().contains("memcache"))
}

/// Stores whose provider always encrypts data at rest, with no switch to turn it off: Amazon
/// S3 and DynamoDB, and every Google Cloud and Azure storage service (guide §4.4).
const ALWAYS_ENCRYPTED: &[&str] = &[
    "s3",
    "dynamodb",
    "bigquery",
    "cloud sql",
    "cloud storage",
    "gcs",
    "spanner",
    "firestore",
    "bigtable",
    "pub/sub",
    "pubsub",
    "azure",
    "cosmos",
    "sqs",
    "sns",
];

/// Whether the provider encrypts this store at rest whatever the design says: a store not
/// marked `managed=false` whose technology (or label) names one of the services that always
/// encrypt.
pub fn provider_encrypts_at_rest(node: &Node) -> bool {
    if node.props.managed == Some(false) || !node.kind.is_store() {
        return false;
    }
    let names = names(node);
    ALWAYS_ENCRYPTED.iter().any(|s| word_match(&names, s))
}

/// `needle` occurs in `hay` at word boundaries (so `s3` does not match `rds3x`).
fn word_match(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether a load balancer is a managed cloud one, which always health-checks its targets
/// (ALB, NLB, Cloud Load Balancing, Azure Load Balancer and Front Door cannot run without a
/// health probe).
pub fn always_health_checks(node: &Node) -> bool {
    node.kind == NodeKind::LoadBalancer && node.props.managed == Some(true)
}

/// Whether node `n` runs as an auto-scaled fleet: `autoscale=true` with no instance count
/// below 2 stated (the group keeps replacing failed members, guide §3.6).
pub fn autoscaled_fleet(ix: &Index<'_>, n: usize) -> bool {
    ix.fleet(n).iter().any(|&m| {
        let p = &ix.node(m).props;
        p.autoscale == Some(true) && p.instances.is_none_or(|i| i >= 2)
    })
}

/// Calls into a NAT gateway are address translation, not a service call: no timeout, retry
/// or service identity applies to them.
pub fn is_nat(node: &Node) -> bool {
    node.kind == NodeKind::NatGateway
}

/// Whether edge `e` is an event trigger: a store that invokes compute when something changes
/// in it (an S3 upload invoking a Lambda, a DynamoDB stream feeding a function), drawn as an
/// `async_message` from object storage or a database to a compute node. Queues and streams
/// delivering to consumers are the ordinary queue case, not triggers.
pub fn is_event_trigger(ix: &Index<'_>, e: usize) -> bool {
    let edge = ix.edge(e);
    edge.kind == crate::model::EdgeKind::AsyncMessage
        && ix.source(e).is_some_and(|s| {
            let k = ix.node(s).kind;
            k == NodeKind::ObjectStorage || k.is_database()
        })
        && ix.target(e).is_some_and(|t| ix.node(t).kind.is_compute())
}

/// Whether a queue is a pub/sub topic or fan-out exchange (SNS, Google Pub/Sub, EventBridge,
/// a RabbitMQ fanout exchange, or a queue labelled as a topic): every subscriber gets every
/// message, so several subscribing services are the point of it (guide §2.8, §3.7).
pub fn is_pubsub_topic(node: &Node) -> bool {
    if !node.kind.is_messaging() {
        return false;
    }
    let names = names(node);
    [
        "sns",
        "pub/sub",
        "pubsub",
        "eventbridge",
        "fanout",
        "topic",
        "exchange",
    ]
    .iter()
    .any(|w| word_match(&names, w))
}
