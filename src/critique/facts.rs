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

/// Whether the provider encrypts this store at rest whatever the design says (S3, DynamoDB,
/// every Google Cloud and Azure store: [`Node::encrypted_at_rest_by_default`] with the node's
/// provider), unless the node is marked `managed=false`.
pub fn provider_encrypts_at_rest(ix: &Index<'_>, n: usize) -> bool {
    let node = ix.node(n);
    if node.props.managed == Some(false) {
        return false;
    }
    // A Google Cloud product named in `tech` says who runs it when nothing else does.
    let named = node
        .props
        .tech
        .as_deref()
        .unwrap_or_default()
        .to_lowercase();
    let google = ["cloud sql", "memorystore", "pub/sub"]
        .iter()
        .any(|g| named.contains(g));
    let provider = ix
        .provider_of(n)
        .or(google.then_some(crate::model::props::Provider::Gcp));
    node.encrypted_at_rest_by_default(provider)
}

/// `needle` occurs in `hay` at word boundaries (so `sns` does not match `snsx`).
fn word_match(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Calls into a NAT gateway are address translation, not a service call: no timeout, retry
/// or service identity applies to them.
pub fn is_nat(node: &Node) -> bool {
    node.kind == NodeKind::NatGateway
}

/// Whether edge `e` is an event trigger: something that invokes compute when it changes (an
/// S3 upload invoking a Lambda, a DynamoDB stream feeding a function). That is an
/// `event_trigger` edge, or an `async_message` drawn from object storage or a database to a
/// compute node (older files and imports draw it so). Queues and streams delivering to
/// consumers are the ordinary queue case, not triggers.
pub fn is_event_trigger(ix: &Index<'_>, e: usize) -> bool {
    use crate::model::EdgeKind;
    // The edge's own kind first: most edges are neither, and their ends are not looked up.
    let to_compute = || ix.target(e).is_some_and(|t| ix.node(t).kind.is_compute());
    match ix.edge(e).kind {
        EdgeKind::EventTrigger => to_compute(),
        EdgeKind::AsyncMessage => {
            to_compute()
                && ix.source(e).is_some_and(|s| {
                    let k = ix.node(s).kind;
                    k == NodeKind::ObjectStorage || k.is_database()
                })
        }
        _ => false,
    }
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
