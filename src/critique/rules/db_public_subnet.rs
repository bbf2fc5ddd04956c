//! R27 DB-PUBLIC-SUBNET: a data store can be reached from the internet.

use crate::critique::{Context, Finding};
use crate::model::{ContainerKind, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Checks every `sql_db`, `read_replica`, `shard`, `cache` and `search_index`, every
    /// VPC-attached `nosql_db`, and every `message_queue` or `stream` with `vpc_attached = true`.
    /// It flags one that (a) is drawn inside a `public_subnet`; or (b) is VPC-attached in a
    /// design that has a VPC but sits in no `private_subnet`; or (c) has `public_endpoint = true`.
    ///
    /// `vpc_attached` defaults to `true` for a node drawn inside a VPC; outside every VPC it
    /// defaults to `false` for a managed service (DynamoDB, SQS) and `true` for a self-hosted
    /// one, which should have been drawn in a private subnet.
    ///
    /// ## Why it matters
    /// Guide §2.9 (virtual networks) and §4.7: only the load balancer belongs in a public
    /// subnet; app servers, databases and Redis live in private subnets that the internet cannot
    /// reach. An attacker then has to get through the load balancer and the application's
    /// authentication and authorization before touching any data. A database with a public
    /// address skips all of that: one leaked password, default credential or unpatched bug is
    /// enough to read or wipe everything.
    ///
    /// ## Example
    /// Bad: `[vpc/public_subnet] load_balancer:alb, sql_db:main`.
    ///
    /// Good: `[vpc/public_subnet] alb, nat_gateway:nat` and
    /// `[vpc/private_subnet] app_server:api, sql_db:main, cache:redis`.
    ///
    /// ## How to fix
    /// Move the store into a private subnet, allow connections only from the app tier, and turn
    /// off any public endpoint.
    pub DbPublicSubnet {
        id: "DB-PUBLIC-SUBNET",
        number: "R27",
        title: "a data store can be reached from the internet",
        category: "H. Network placement",
        severity: Error,
        scope: Shape,
        guide: "2.9",
        fix: "move the store into a private subnet, allow access only from the app tier, and turn off any public endpoint",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let ix = cx.index;
    let has_vpc = cx
        .design
        .containers
        .iter()
        .any(|c| c.kind == ContainerKind::Vpc);
    for (n, node) in cx.design.nodes.iter().enumerate() {
        let in_vpc = ix.in_vpc(n);
        let attached = node
            .props
            .vpc_attached
            .unwrap_or(in_vpc || node.props.managed != Some(true));
        let checked = match node.kind {
            NodeKind::SqlDb
            | NodeKind::ReadReplica
            | NodeKind::Shard
            | NodeKind::Cache
            | NodeKind::SearchIndex => true,
            NodeKind::NosqlDb | NodeKind::MessageQueue | NodeKind::Stream => attached,
            _ => false,
        };
        if !checked {
            continue;
        }
        let what = label(node.kind);
        let message = if let Some(subnet) = ix.enclosing(n, ContainerKind::PublicSubnet) {
            format!(
                "{what} `{}` sits in public subnet `{}`",
                node.id, cx.design.containers[subnet].id
            )
        } else if node.props.public_endpoint == Some(true) {
            format!("{what} `{}` has a public endpoint", node.id)
        } else if attached && has_vpc && !ix.in_private_subnet(n) {
            format!("{what} `{}` is not in a private subnet", node.id)
        } else {
            continue;
        };
        out.push(Finding::new(&DbPublicSubnet::META, message).node(&node.id));
    }
}

/// How the store is named in the message.
fn label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::SqlDb | NodeKind::NosqlDb => "database",
        NodeKind::ReadReplica => "read replica",
        NodeKind::Shard => "shard",
        NodeKind::Cache => "cache",
        NodeKind::SearchIndex => "search index",
        NodeKind::MessageQueue => "queue",
        _ => "stream",
    }
}
