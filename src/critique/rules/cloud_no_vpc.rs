//! R78 `CLOUD-NO-VPC`: a cloud design that draws no private network.

use crate::critique::{Context, Finding, quoted_list};
use crate::model::{ContainerKind, Node, NodeKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a design that runs on a cloud provider (its `provider` is `aws`, `gcp` or `azure`,
    /// or it has a load balancer, server, worker, relational
    /// database or cache marked `managed=true`, or whose `tech` names a cloud compute or
    /// database service such as EC2, EKS, ECS, RDS, Cloud Run, Cloud SQL, App Service or AKS)
    /// but draws no `vpc` and no subnet at all. One design-wide finding naming the cloud
    /// components. Serverless functions and managed NoSQL tables do not count: a fully
    /// serverless design (Lambda, DynamoDB, S3) needs no VPC.
    ///
    /// ## Why it matters
    /// Guide §2.9 (virtual networks): the VPC is what keeps databases and app servers off the
    /// internet, with only the load balancer in a public subnet. A design that never says where
    /// the network boundary is cannot be checked for it: nothing shows that the database is
    /// unreachable from outside, and placement rules (database or compute in a public subnet,
    /// egress without NAT) have nothing to look at.
    ///
    /// ## Example
    /// Bad: `load_balancer:ingress{managed=true}`, `app_server:storefront{tech="EKS"}` and
    /// `sql_db:catalogue{tech="RDS PostgreSQL"}` with no containers.
    ///
    /// Good: a `vpc` with the load balancer in a `public_subnet` and the cluster and RDS in
    /// `private_subnet`s.
    ///
    /// ## How to fix
    /// Draw the VPC: the load balancer (or API gateway endpoint) in public subnets, app servers,
    /// caches and databases in private subnets, and a NAT gateway for outbound calls.
    pub CloudNoVpc {
        id: "CLOUD-NO-VPC",
        number: "R78",
        title: "a cloud design draws no private network",
        category: "H. Network placement",
        severity: Warning,
        scope: Shape,
        guide: "2.9",
        fix: "draw the VPC: load balancer in public subnets, app servers, caches and databases in private subnets, a NAT gateway for outbound calls",
        check: check,
    }
}

/// Cloud compute and database services, as written in `tech` (lowercase, whole words).
const CLOUD_TECH: &[&str] = &[
    "ec2",
    "eks",
    "ecs",
    "fargate",
    "rds",
    "aurora",
    "cloud run",
    "gke",
    "cloud sql",
    "gce",
    "app service",
    "aks",
    "azure sql",
];

/// What lives inside a VPC: servers, load balancers, relational databases and caches.
/// Functions and managed NoSQL tables (Lambda, DynamoDB, Firestore) do not need one.
fn kind_fits(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::AppServer
            | NodeKind::WebsocketServer
            | NodeKind::Worker
            | NodeKind::BatchJob
            | NodeKind::LoadBalancer
            | NodeKind::SqlDb
            | NodeKind::ReadReplica
            | NodeKind::Shard
            | NodeKind::Cache
    )
}

fn cloud_component(node: &Node) -> bool {
    if !kind_fits(node.kind) {
        return false;
    }
    if node.props.managed == Some(true) {
        return true;
    }
    let tech = node
        .props
        .tech
        .as_deref()
        .unwrap_or_default()
        .to_lowercase();
    CLOUD_TECH.iter().any(|t| {
        tech.match_indices(t).any(|(at, _)| {
            let before = tech[..at].chars().next_back();
            let after = tech[at + t.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let drawn = cx.design.containers.iter().any(|c| {
        c.kind.is_private_network()
            || matches!(
                c.kind,
                ContainerKind::PublicSubnet | ContainerKind::PrivateSubnet
            )
    });
    if drawn {
        return;
    }
    use crate::model::props::Provider;
    let cloud_design = matches!(
        cx.design.provider,
        Some(Provider::Aws | Provider::Gcp | Provider::Azure)
    );
    let cloud: Vec<&Node> = cx
        .design
        .nodes
        .iter()
        .filter(|n| cloud_component(n) || (cloud_design && kind_fits(n.kind)))
        .collect();
    if cloud.is_empty() {
        return;
    }
    let mut f = Finding::new(
        &CloudNoVpc::META,
        format!(
            "the design runs on a cloud provider ({}) but draws no VPC or subnet",
            quoted_list(cloud.iter().map(|n| &n.id))
        ),
    );
    for n in cloud {
        f = f.node(&n.id);
    }
    out.push(f);
}
