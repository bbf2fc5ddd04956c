//! Kind guessing as data: one table, one entry per line (pattern → node or container kind, and
//! which hint it reads), searched in the order of trust the import issue sets: an explicit
//! icon, style or macro first, then technology and label words, then the drawn shape. A pattern
//! matches whole words only, ignoring case, separators and CamelCase (`application load
//! balancer` matches `mxgraph.aws4.application_load_balancer` and `ApplicationLoadBalancer`,
//! `alb` never matches `class`). Anything unmatched stays a generic component.

use super::diagram::Hints;
use crate::model::{ContainerKind, NodeKind};

/// Which hint an entry reads, in the order kind guessing trusts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Trust {
    /// An explicit icon, stencil, style or macro name (`mxgraph.aws4.rds`, `ElasticLoadBalancing`).
    Icon,
    /// A technology, tag or label word (`Postgres`, `Kafka`, `VPC`).
    Word,
    /// The drawn shape (`cylinder`, `actor`, `cloud`), read from the shape only.
    Shape,
    /// A generic icon or macro that says little (`ContainerDb`, `aws4.database`, `Container`),
    /// read from the icon only.
    GenericIcon,
    /// A weak label word (`service`, `database`): the last resort before a generic component.
    Weak,
}

/// What an entry makes of an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guess {
    Node(NodeKind),
    Container(ContainerKind),
}

/// One line of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub trust: Trust,
    /// Words, lower case, separated by spaces (`application load balancer`).
    pub pattern: &'static str,
    pub guess: Guess,
    /// Whether what it names is a service the cloud provider runs (`managed`, issue #14).
    pub managed: bool,
}

impl Entry {
    const fn managed(self) -> Self {
        Entry {
            managed: true,
            ..self
        }
    }
}

const fn icon(pattern: &'static str, guess: Guess) -> Entry {
    Entry {
        trust: Trust::Icon,
        pattern,
        guess,
        managed: false,
    }
}

const fn word(pattern: &'static str, guess: Guess) -> Entry {
    Entry {
        trust: Trust::Word,
        pattern,
        guess,
        managed: false,
    }
}

const fn weak(pattern: &'static str, guess: Guess) -> Entry {
    Entry {
        trust: Trust::Weak,
        pattern,
        guess,
        managed: false,
    }
}

const fn generic_icon(pattern: &'static str, guess: Guess) -> Entry {
    Entry {
        trust: Trust::GenericIcon,
        pattern,
        guess,
        managed: false,
    }
}

const fn shape(pattern: &'static str, guess: Guess) -> Entry {
    Entry {
        trust: Trust::Shape,
        pattern,
        guess,
        managed: false,
    }
}

use ContainerKind as C;
use Guess::{Container as Grp, Node as N};
use NodeKind as K;

/// The table. Within one level of trust the first entry that matches wins, so the specific
/// comes before the general (`rds db instance` before `instance`, `nosql` before `sql`).
#[rustfmt::skip]
pub const TABLE: &[Entry] = &[
    // ── Archway's own kinds, as its draw.io export writes them (`archwayKind=sql_db`) ──
    icon("archway client", N(K::Client)),
    icon("archway dns", N(K::Dns)),
    icon("archway cdn", N(K::Cdn)),
    icon("archway load balancer", N(K::LoadBalancer)),
    icon("archway api gateway", N(K::ApiGateway)),
    icon("archway app server", N(K::AppServer)),
    icon("archway websocket server", N(K::WebsocketServer)),
    icon("archway worker", N(K::Worker)),
    icon("archway serverless function", N(K::ServerlessFunction)),
    icon("archway batch job", N(K::BatchJob)),
    icon("archway cache", N(K::Cache)),
    icon("archway sql db", N(K::SqlDb)),
    icon("archway nosql db", N(K::NosqlDb)),
    icon("archway read replica", N(K::ReadReplica)),
    icon("archway shard", N(K::Shard)),
    icon("archway object storage", N(K::ObjectStorage)),
    icon("archway message queue", N(K::MessageQueue)),
    icon("archway stream", N(K::Stream)),
    icon("archway search index", N(K::SearchIndex)),
    icon("archway nat gateway", N(K::NatGateway)),
    icon("archway kms", N(K::Kms)),
    icon("archway external service", N(K::ExternalService)),
    icon("archway internet gateway", N(K::InternetGateway)),
    icon("archway vpn gateway", N(K::VpnGateway)),
    icon("archway firewall", N(K::Firewall)),
    icon("archway identity provider", N(K::IdentityProvider)),
    icon("archway monitoring", N(K::Monitoring)),
    icon("archway log aggregation", N(K::LogAggregation)),
    icon("archway data warehouse", N(K::DataWarehouse)),
    icon("archway workflow orchestrator", N(K::WorkflowOrchestrator)),
    icon("archway pubsub topic", N(K::PubSubTopic)),
    icon("archway file system", N(K::FileSystem)),
    icon("archway generic", N(K::Generic)),
    icon("archway region", Grp(C::Region)),
    icon("archway vpc", Grp(C::Vpc)),
    icon("archway availability zone", Grp(C::AvailabilityZone)),
    icon("archway public subnet", Grp(C::PublicSubnet)),
    icon("archway private subnet", Grp(C::PrivateSubnet)),
    icon("archway cloud account", Grp(C::CloudAccount)),
    icon("archway on prem data center", Grp(C::OnPremDataCenter)),
    icon("archway auto scaling group", Grp(C::AutoScalingGroup)),
    icon("archway group", Grp(C::Group)),
    // ── Icons, styles and macros: containers (aws4 group icons, AWS-PlantUML groups) ──
    icon("group aws cloud", Grp(C::CloudAccount)),
    icon("group account", Grp(C::CloudAccount)),
    icon("aws cloud group", Grp(C::CloudAccount)),
    icon("aws account group", Grp(C::CloudAccount)),
    icon("group region", Grp(C::Region)),
    icon("region group", Grp(C::Region)),
    icon("group availability zone", Grp(C::AvailabilityZone)),
    icon("availability zone group", Grp(C::AvailabilityZone)),
    icon("group vpc", Grp(C::Vpc)),
    icon("vpc group", Grp(C::Vpc)),
    icon("group public subnet", Grp(C::PublicSubnet)),
    icon("public subnet group", Grp(C::PublicSubnet)),
    icon("group private subnet", Grp(C::PrivateSubnet)),
    icon("private subnet group", Grp(C::PrivateSubnet)),
    icon("group auto scaling group", Grp(C::AutoScalingGroup)),
    icon("auto scaling group", Grp(C::AutoScalingGroup)),
    icon("group corporate data center", Grp(C::OnPremDataCenter)),
    icon("corporate data center group", Grp(C::OnPremDataCenter)),
    icon("group on premise", Grp(C::OnPremDataCenter)),
    icon("gcp project", Grp(C::CloudAccount)),
    icon("google cloud platform", Grp(C::CloudAccount)),
    // ── Icons: AWS (mxgraph.aws3/aws4 stencils and resIcons, AWS-PlantUML macros) ──
    icon("application load balancer", N(K::LoadBalancer)).managed(),
    icon("network load balancer", N(K::LoadBalancer)).managed(),
    icon("classic load balancer", N(K::LoadBalancer)).managed(),
    icon("elastic load balancing", N(K::LoadBalancer)).managed(),
    icon("elb", N(K::LoadBalancer)).managed(),
    icon("api gateway", N(K::ApiGateway)).managed(),
    icon("cloudfront", N(K::Cdn)).managed(),
    icon("route 53", N(K::Dns)).managed(),
    icon("dynamodb", N(K::NosqlDb)).managed(),
    icon("documentdb", N(K::NosqlDb)).managed(),
    icon("neptune", N(K::NosqlDb)).managed(),
    icon("keyspaces", N(K::NosqlDb)).managed(),
    icon("aurora", N(K::SqlDb)).managed(),
    icon("rds", N(K::SqlDb)).managed(),
    icon("elasticache", N(K::Cache)).managed(),
    icon("simple storage service", N(K::ObjectStorage)).managed(),
    icon("s3", N(K::ObjectStorage)).managed(),
    icon("glacier", N(K::ObjectStorage)).managed(),
    icon("bucket", N(K::ObjectStorage)).managed(),
    icon("simple queue service", N(K::MessageQueue)).managed(),
    icon("sqs", N(K::MessageQueue)).managed(),
    icon("mq", N(K::MessageQueue)).managed(),
    icon("simple notification service", N(K::PubSubTopic)).managed(),
    icon("sns", N(K::PubSubTopic)).managed(),
    icon("eventbridge", N(K::PubSubTopic)).managed(),
    icon("managed streaming for kafka", N(K::Stream)).managed(),
    icon("msk", N(K::Stream)).managed(),
    icon("kinesis", N(K::Stream)).managed(),
    icon("lambda", N(K::ServerlessFunction)).managed(),
    icon("step functions", N(K::WorkflowOrchestrator)).managed(),
    icon("managed workflows for apache airflow", N(K::WorkflowOrchestrator)).managed(),
    icon("cognito", N(K::IdentityProvider)).managed(),
    icon("iam identity center", N(K::IdentityProvider)).managed(),
    icon("cloudwatch", N(K::Monitoring)).managed(),
    icon("x ray", N(K::Monitoring)).managed(),
    icon("cloudtrail", N(K::LogAggregation)).managed(),
    icon("opensearch", N(K::SearchIndex)).managed(),
    icon("elasticsearch service", N(K::SearchIndex)).managed(),
    icon("cloudsearch", N(K::SearchIndex)).managed(),
    icon("redshift", N(K::DataWarehouse)).managed(),
    icon("elastic file system", N(K::FileSystem)).managed(),
    icon("efs", N(K::FileSystem)).managed(),
    icon("fsx", N(K::FileSystem)).managed(),
    icon("elastic block store", N(K::FileSystem)).managed(),
    icon("ebs", N(K::FileSystem)).managed(),
    icon("nat gateway", N(K::NatGateway)).managed(),
    icon("internet gateway", N(K::InternetGateway)).managed(),
    icon("transit gateway", N(K::VpnGateway)).managed(),
    icon("vpn gateway", N(K::VpnGateway)).managed(),
    icon("vpn connection", N(K::VpnGateway)).managed(),
    icon("site to site vpn", N(K::VpnGateway)).managed(),
    icon("direct connect", N(K::VpnGateway)).managed(),
    icon("network firewall", N(K::Firewall)).managed(),
    icon("waf", N(K::Firewall)).managed(),
    icon("shield", N(K::Firewall)).managed(),
    icon("key management service", N(K::Kms)).managed(),
    icon("kms", N(K::Kms)).managed(),
    icon("secrets manager", N(K::Kms)).managed(),
    icon("batch", N(K::BatchJob)).managed(),
    icon("glue", N(K::BatchJob)).managed(),
    icon("emr", N(K::BatchJob)).managed(),
    icon("elastic beanstalk", N(K::AppServer)),
    icon("fargate", N(K::AppServer)),
    icon("elastic container service", N(K::AppServer)),
    icon("ecs", N(K::AppServer)),
    icon("elastic kubernetes service", N(K::AppServer)),
    icon("eks", N(K::AppServer)),
    icon("app runner", N(K::AppServer)),
    icon("ec2", N(K::AppServer)),
    icon("instance", N(K::AppServer)),
    icon("mobile client", N(K::Client)),
    icon("users", N(K::Client)),
    icon("user", N(K::Client)),
    icon("client", N(K::Client)),
    // ── Icons: Azure (mxgraph.azure, mxgraph.mscae, azure2 image names) ──
    icon("application gateway", N(K::LoadBalancer)).managed(),
    icon("azure load balancer", N(K::LoadBalancer)).managed(),
    icon("load balancer", N(K::LoadBalancer)).managed(),
    icon("front door", N(K::Cdn)).managed(),
    icon("cdn", N(K::Cdn)).managed(),
    icon("traffic manager", N(K::Dns)).managed(),
    icon("api management", N(K::ApiGateway)).managed(),
    icon("function apps", N(K::ServerlessFunction)).managed(),
    icon("azure functions", N(K::ServerlessFunction)).managed(),
    icon("cosmos db", N(K::NosqlDb)).managed(),
    icon("redis cache", N(K::Cache)).managed(),
    icon("cache redis", N(K::Cache)).managed(),
    icon("sql database", N(K::SqlDb)).managed(),
    icon("mysql database", N(K::SqlDb)).managed(),
    icon("postgresql", N(K::SqlDb)).managed(),
    icon("blob storage", N(K::ObjectStorage)).managed(),
    icon("storage accounts", N(K::ObjectStorage)).managed(),
    icon("azure storage", N(K::ObjectStorage)).managed(),
    icon("service bus", N(K::MessageQueue)).managed(),
    icon("storage queue", N(K::MessageQueue)).managed(),
    icon("event hubs", N(K::Stream)).managed(),
    icon("event grid", N(K::PubSubTopic)).managed(),
    icon("key vault", N(K::Kms)).managed(),
    icon("active directory", N(K::IdentityProvider)).managed(),
    icon("entra", N(K::IdentityProvider)).managed(),
    icon("application insights", N(K::Monitoring)).managed(),
    icon("monitor", N(K::Monitoring)).managed(),
    icon("log analytics", N(K::LogAggregation)).managed(),
    icon("synapse", N(K::DataWarehouse)).managed(),
    icon("logic apps", N(K::WorkflowOrchestrator)).managed(),
    icon("data factory", N(K::BatchJob)).managed(),
    icon("virtual network gateway", N(K::VpnGateway)).managed(),
    icon("expressroute", N(K::VpnGateway)).managed(),
    icon("firewall", N(K::Firewall)).managed(),
    icon("azure website", N(K::AppServer)),
    icon("app services", N(K::AppServer)),
    icon("app service", N(K::AppServer)),
    icon("web role", N(K::AppServer)),
    icon("virtual machine", N(K::AppServer)),
    icon("vhd", N(K::FileSystem)),
    icon("disks", N(K::FileSystem)),
    icon("computer", N(K::Client)),
    // ── Icons: Google Cloud (mxgraph.gcp2) ──
    icon("cloud load balancing", N(K::LoadBalancer)).managed(),
    icon("load balancing", N(K::LoadBalancer)).managed(),
    icon("cloud cdn", N(K::Cdn)).managed(),
    icon("cloud dns", N(K::Dns)).managed(),
    icon("cloud endpoints", N(K::ApiGateway)).managed(),
    icon("apigee", N(K::ApiGateway)).managed(),
    icon("cloud functions", N(K::ServerlessFunction)).managed(),
    icon("cloud sql", N(K::SqlDb)).managed(),
    icon("spanner", N(K::SqlDb)).managed(),
    icon("bigtable", N(K::NosqlDb)).managed(),
    icon("firestore", N(K::NosqlDb)).managed(),
    icon("datastore", N(K::NosqlDb)).managed(),
    icon("memorystore", N(K::Cache)).managed(),
    icon("cloud storage", N(K::ObjectStorage)).managed(),
    icon("pubsub", N(K::PubSubTopic)).managed(),
    icon("bigquery", N(K::DataWarehouse)).managed(),
    icon("dataflow", N(K::BatchJob)).managed(),
    icon("dataproc", N(K::BatchJob)).managed(),
    icon("composer", N(K::WorkflowOrchestrator)).managed(),
    icon("stackdriver", N(K::Monitoring)).managed(),
    icon("cloud monitoring", N(K::Monitoring)).managed(),
    icon("cloud logging", N(K::LogAggregation)).managed(),
    icon("cloud nat", N(K::NatGateway)).managed(),
    icon("cloud vpn", N(K::VpnGateway)).managed(),
    icon("cloud interconnect", N(K::VpnGateway)).managed(),
    icon("cloud armor", N(K::Firewall)).managed(),
    icon("filestore", N(K::FileSystem)).managed(),
    icon("identity platform", N(K::IdentityProvider)).managed(),
    icon("cloud run", N(K::AppServer)),
    icon("app engine", N(K::AppServer)),
    icon("compute engine", N(K::AppServer)),
    icon("kubernetes engine", N(K::AppServer)),
    icon("frontend platform services", N(K::AppServer)),
    icon("dedicated game server", N(K::AppServer)),
    icon("laptop", N(K::Client)),
    icon("desktop", N(K::Client)),
    icon("mobile devices", N(K::Client)),
    // ── Icons: Kubernetes (mxgraph.kubernetes.icon with prIcon) ──
    icon("kubernetes ing", N(K::LoadBalancer)),
    icon("kubernetes svc", N(K::LoadBalancer)),
    icon("kubernetes pod", N(K::AppServer)),
    icon("kubernetes deploy", N(K::AppServer)),
    icon("kubernetes rs", N(K::AppServer)),
    icon("kubernetes sts", N(K::AppServer)),
    icon("kubernetes ds", N(K::AppServer)),
    icon("kubernetes cronjob", N(K::BatchJob)),
    icon("kubernetes job", N(K::BatchJob)),
    icon("kubernetes pv", N(K::FileSystem)),
    icon("kubernetes pvc", N(K::FileSystem)),
    // ── Icons: C4 macros that say what a thing is ──
    icon("person ext", N(K::Client)),
    icon("person", N(K::Client)),
    icon("system ext", N(K::ExternalService)),
    icon("systemdb ext", N(K::ExternalService)),
    icon("systemqueue ext", N(K::ExternalService)),
    // ── Technology, tag and label words: containers ──
    word("auto scaling group", Grp(C::AutoScalingGroup)),
    word("autoscaling group", Grp(C::AutoScalingGroup)),
    word("scale set", Grp(C::AutoScalingGroup)),
    word("asg", Grp(C::AutoScalingGroup)),
    word("public subnet", Grp(C::PublicSubnet)),
    word("private subnet", Grp(C::PrivateSubnet)),
    word("dmz", Grp(C::PublicSubnet)),
    word("availability zone", Grp(C::AvailabilityZone)),
    word("az", Grp(C::AvailabilityZone)),
    word("zone", Grp(C::AvailabilityZone)),
    word("vpc", Grp(C::Vpc)),
    word("vnet", Grp(C::Vpc)),
    word("virtual network", Grp(C::Vpc)),
    word("virtual private cloud", Grp(C::Vpc)),
    word("on premises", Grp(C::OnPremDataCenter)),
    word("on premise", Grp(C::OnPremDataCenter)),
    word("on prem", Grp(C::OnPremDataCenter)),
    word("onprem", Grp(C::OnPremDataCenter)),
    word("data center", Grp(C::OnPremDataCenter)),
    word("datacenter", Grp(C::OnPremDataCenter)),
    word("data centre", Grp(C::OnPremDataCenter)),
    word("corporate network", Grp(C::OnPremDataCenter)),
    word("region", Grp(C::Region)),
    word("aws cloud", Grp(C::CloudAccount)),
    word("account", Grp(C::CloudAccount)),
    word("subscription", Grp(C::CloudAccount)),
    word("gcp project", Grp(C::CloudAccount)),
    word("google cloud", Grp(C::CloudAccount)),
    word("gcp", Grp(C::CloudAccount)),
    word("azure", Grp(C::CloudAccount)),
    word("aws", Grp(C::CloudAccount)),
    word("subnet", Grp(C::PrivateSubnet)),
    word("public", Grp(C::PublicSubnet)),
    word("private", Grp(C::PrivateSubnet)),
    // ── Technology, tag and label words: nodes ──
    word("nosql", N(K::NosqlDb)),
    word("dynamodb", N(K::NosqlDb)).managed(),
    word("mongodb", N(K::NosqlDb)),
    word("mongo", N(K::NosqlDb)),
    word("cassandra", N(K::NosqlDb)),
    word("scylladb", N(K::NosqlDb)),
    word("couchdb", N(K::NosqlDb)),
    word("couchbase", N(K::NosqlDb)),
    word("cosmosdb", N(K::NosqlDb)).managed(),
    word("firestore", N(K::NosqlDb)).managed(),
    word("bigtable", N(K::NosqlDb)).managed(),
    word("hbase", N(K::NosqlDb)),
    word("neo4j", N(K::NosqlDb)),
    word("graph database", N(K::NosqlDb)),
    word("document store", N(K::NosqlDb)),
    word("key value store", N(K::NosqlDb)),
    word("elasticache", N(K::Cache)).managed(),
    word("memorystore", N(K::Cache)).managed(),
    word("redis", N(K::Cache)),
    word("memcached", N(K::Cache)),
    word("varnish", N(K::Cache)),
    word("cache", N(K::Cache)),
    word("postgresql", N(K::SqlDb)),
    word("postgres", N(K::SqlDb)),
    word("mysql", N(K::SqlDb)),
    word("mariadb", N(K::SqlDb)),
    word("aurora", N(K::SqlDb)).managed(),
    word("rds", N(K::SqlDb)).managed(),
    word("cloud sql", N(K::SqlDb)).managed(),
    word("spanner", N(K::SqlDb)).managed(),
    word("oracle", N(K::SqlDb)),
    word("sql server", N(K::SqlDb)),
    word("mssql", N(K::SqlDb)),
    word("sqlite", N(K::SqlDb)),
    word("cockroachdb", N(K::SqlDb)),
    word("relational", N(K::SqlDb)),
    word("sql", N(K::SqlDb)),
    word("kafka", N(K::Stream)),
    word("kinesis", N(K::Stream)).managed(),
    word("event hubs", N(K::Stream)).managed(),
    word("pulsar", N(K::Stream)),
    word("event stream", N(K::Stream)),
    word("stream", N(K::Stream)),
    word("sns", N(K::PubSubTopic)).managed(),
    word("eventbridge", N(K::PubSubTopic)).managed(),
    word("pubsub", N(K::PubSubTopic)).managed(),
    word("pub sub", N(K::PubSubTopic)).managed(),
    word("message bus", N(K::PubSubTopic)),
    word("event bus", N(K::PubSubTopic)),
    word("service bus", N(K::MessageQueue)).managed(),
    word("topic", N(K::PubSubTopic)),
    word("exchange", N(K::PubSubTopic)),
    word("sqs", N(K::MessageQueue)).managed(),
    word("rabbitmq", N(K::MessageQueue)),
    word("activemq", N(K::MessageQueue)),
    word("amqp", N(K::MessageQueue)),
    word("celery", N(K::MessageQueue)),
    word("queue", N(K::MessageQueue)),
    word("s3", N(K::ObjectStorage)).managed(),
    word("blob", N(K::ObjectStorage)),
    word("gcs", N(K::ObjectStorage)).managed(),
    word("cloud storage", N(K::ObjectStorage)).managed(),
    word("object storage", N(K::ObjectStorage)),
    word("object store", N(K::ObjectStorage)),
    word("minio", N(K::ObjectStorage)),
    word("bucket", N(K::ObjectStorage)),
    word("cloudfront", N(K::Cdn)).managed(),
    word("akamai", N(K::Cdn)),
    word("fastly", N(K::Cdn)),
    word("cloudflare", N(K::Cdn)),
    word("cdn", N(K::Cdn)),
    word("route 53", N(K::Dns)).managed(),
    word("dns", N(K::Dns)),
    word("api gateway", N(K::ApiGateway)),
    word("api management", N(K::ApiGateway)),
    word("apigee", N(K::ApiGateway)).managed(),
    word("kong", N(K::ApiGateway)),
    word("nginx", N(K::LoadBalancer)),
    word("haproxy", N(K::LoadBalancer)),
    word("envoy", N(K::LoadBalancer)),
    word("traefik", N(K::LoadBalancer)),
    word("alb", N(K::LoadBalancer)).managed(),
    word("elb", N(K::LoadBalancer)).managed(),
    word("nlb", N(K::LoadBalancer)).managed(),
    word("load balancer", N(K::LoadBalancer)),
    word("load balancing", N(K::LoadBalancer)),
    word("reverse proxy", N(K::LoadBalancer)),
    word("step functions", N(K::WorkflowOrchestrator)).managed(),
    word("lambda", N(K::ServerlessFunction)).managed(),
    word("cloud functions", N(K::ServerlessFunction)).managed(),
    word("azure functions", N(K::ServerlessFunction)).managed(),
    word("functions", N(K::ServerlessFunction)),
    word("function", N(K::ServerlessFunction)),
    word("serverless", N(K::ServerlessFunction)),
    word("faas", N(K::ServerlessFunction)),
    word("elasticsearch", N(K::SearchIndex)),
    word("opensearch", N(K::SearchIndex)),
    word("solr", N(K::SearchIndex)),
    word("algolia", N(K::SearchIndex)),
    word("search", N(K::SearchIndex)),
    word("bigquery", N(K::DataWarehouse)).managed(),
    word("redshift", N(K::DataWarehouse)).managed(),
    word("snowflake", N(K::DataWarehouse)),
    word("clickhouse", N(K::DataWarehouse)),
    word("data warehouse", N(K::DataWarehouse)),
    word("warehouse", N(K::DataWarehouse)),
    word("airflow", N(K::WorkflowOrchestrator)),
    word("temporal", N(K::WorkflowOrchestrator)),
    word("orchestrator", N(K::WorkflowOrchestrator)),
    word("workflow", N(K::WorkflowOrchestrator)),
    word("cognito", N(K::IdentityProvider)).managed(),
    word("auth0", N(K::IdentityProvider)),
    word("keycloak", N(K::IdentityProvider)),
    word("okta", N(K::IdentityProvider)),
    word("active directory", N(K::IdentityProvider)),
    word("identity provider", N(K::IdentityProvider)),
    word("idp", N(K::IdentityProvider)),
    word("prometheus", N(K::Monitoring)),
    word("grafana", N(K::Monitoring)),
    word("cloudwatch", N(K::Monitoring)).managed(),
    word("datadog", N(K::Monitoring)),
    word("new relic", N(K::Monitoring)),
    word("monitoring", N(K::Monitoring)),
    word("metrics", N(K::Monitoring)),
    word("fluentd", N(K::LogAggregation)),
    word("fluent bit", N(K::LogAggregation)),
    word("logstash", N(K::LogAggregation)),
    word("elk", N(K::LogAggregation)),
    word("splunk", N(K::LogAggregation)),
    word("loki", N(K::LogAggregation)),
    word("logging", N(K::LogAggregation)),
    word("logs", N(K::LogAggregation)),
    word("efs", N(K::FileSystem)).managed(),
    word("nfs", N(K::FileSystem)),
    word("file system", N(K::FileSystem)),
    word("filesystem", N(K::FileSystem)),
    word("file share", N(K::FileSystem)),
    word("ebs", N(K::FileSystem)).managed(),
    word("disk", N(K::FileSystem)),
    word("volume", N(K::FileSystem)),
    word("nat gateway", N(K::NatGateway)),
    word("nat", N(K::NatGateway)),
    word("internet gateway", N(K::InternetGateway)),
    word("igw", N(K::InternetGateway)),
    word("transit gateway", N(K::VpnGateway)),
    word("vpn gateway", N(K::VpnGateway)),
    word("direct connect", N(K::VpnGateway)),
    word("expressroute", N(K::VpnGateway)),
    word("vpn", N(K::VpnGateway)),
    word("firewall", N(K::Firewall)),
    word("waf", N(K::Firewall)),
    word("kms", N(K::Kms)).managed(),
    word("key vault", N(K::Kms)).managed(),
    word("secrets manager", N(K::Kms)).managed(),
    word("hsm", N(K::Kms)),
    word("vault", N(K::Kms)),
    word("websocket server", N(K::WebsocketServer)),
    word("socket io", N(K::WebsocketServer)),
    word("websocket", N(K::WebsocketServer)),
    word("cron", N(K::BatchJob)),
    word("batch", N(K::BatchJob)),
    word("etl", N(K::BatchJob)),
    word("scheduler", N(K::BatchJob)),
    word("worker", N(K::Worker)),
    word("consumer", N(K::Worker)),
    word("background job", N(K::Worker)),
    word("stripe", N(K::ExternalService)),
    word("twilio", N(K::ExternalService)),
    word("sendgrid", N(K::ExternalService)),
    word("mailgun", N(K::ExternalService)),
    word("paypal", N(K::ExternalService)),
    word("third party", N(K::ExternalService)),
    word("3rd party", N(K::ExternalService)),
    word("external", N(K::ExternalService)),
    word("single page application", N(K::Client)),
    word("spa", N(K::Client)),
    word("web browser", N(K::Client)),
    word("browser", N(K::Client)),
    word("mobile app", N(K::Client)),
    word("mobile", N(K::Client)),
    word("end user", N(K::Client)),
    word("users", N(K::Client)),
    word("user", N(K::Client)),
    word("customer", N(K::Client)),
    word("clients", N(K::Client)),
    word("client", N(K::Client)),
    word("spring", N(K::AppServer)),
    word("java", N(K::AppServer)),
    word("node js", N(K::AppServer)),
    word("nodejs", N(K::AppServer)),
    word("django", N(K::AppServer)),
    word("flask", N(K::AppServer)),
    word("rails", N(K::AppServer)),
    word("golang", N(K::AppServer)),
    word("asp net", N(K::AppServer)),
    word("php", N(K::AppServer)),
    word("tomcat", N(K::AppServer)),
    word("web server", N(K::AppServer)),
    word("app server", N(K::AppServer)),
    word("application server", N(K::AppServer)),
    // ── Shapes, generic icons and macros, weak label words ──
    shape("cylinder", N(K::SqlDb)),
    shape("cylinder3", N(K::SqlDb)),
    shape("datastore", N(K::SqlDb)),
    shape("database", N(K::SqlDb)),
    shape("storage", N(K::SqlDb)),
    shape("actor", N(K::Client)),
    shape("umlactor", N(K::Client)),
    shape("person", N(K::Client)),
    shape("queue", N(K::MessageQueue)),
    shape("cloud", N(K::ExternalService)),
    // ── Generic icons and macros ──
    generic_icon("containerdb", N(K::SqlDb)),
    generic_icon("systemdb", N(K::SqlDb)),
    generic_icon("componentdb", N(K::SqlDb)),
    generic_icon("containerqueue", N(K::MessageQueue)),
    generic_icon("systemqueue", N(K::MessageQueue)),
    generic_icon("componentqueue", N(K::MessageQueue)),
    generic_icon("database", N(K::SqlDb)),
    generic_icon("container", N(K::AppServer)),
    generic_icon("component", N(K::AppServer)),
    generic_icon("system", N(K::AppServer)),
    generic_icon("boundary", Grp(C::Group)),
    generic_icon("cluster", Grp(C::Group)),
    // ── Weak label words ──
    weak("database", N(K::SqlDb)),
    weak("db", N(K::SqlDb)),
    weak("microservice", N(K::AppServer)),
    weak("service", N(K::AppServer)),
    weak("server", N(K::AppServer)),
    weak("backend", N(K::AppServer)),
    weak("api", N(K::AppServer)),
    weak("app", N(K::AppServer)),
    weak("application", N(K::AppServer)),
    weak("cluster", Grp(C::Group)),
];

/// Where the text a guess matched came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Icon,
    Technology,
    Tag,
    Label,
    Shape,
}

impl Field {
    /// How the import report names it (`icon`, `technology`…).
    pub fn name(self) -> &'static str {
        match self {
            Field::Icon => "icon",
            Field::Technology => "technology",
            Field::Tag => "tag",
            Field::Label => "label",
            Field::Shape => "shape",
        }
    }
}

/// What kind guessing made of an element, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Matched {
    pub entry: &'static Entry,
    pub field: Field,
}

/// The first entry of [`TABLE`] that matches, in the order of trust: icon entries on the
/// icon; word entries on the technology, the tags, then the label; shape entries on the shape;
/// generic icons on the icon; weak words on the label. `is_group` chooses container or node entries. `None`: no entry
/// fits (a generic component, or a plain group).
pub fn guess(hints: &Hints, label: &str, is_group: bool) -> Option<Matched> {
    let icon = hints.icon.as_deref().map(words).unwrap_or_default();
    let tech = hints.technology.as_deref().map(words).unwrap_or_default();
    let tags: Vec<Vec<String>> = hints.tags.iter().map(|t| words(t)).collect();
    let label = words(label);
    let shape = hints.shape.as_deref().map(words).unwrap_or_default();
    let fits = |e: &Entry| matches!(e.guess, Guess::Container(_)) == is_group;
    let letters = letters();
    let level = |trust: Trust, fields: &[(Field, &[String])]| {
        fields
            .iter()
            .filter(|(_, text)| !text.is_empty())
            .find_map(|(field, text)| {
                TABLE
                    .iter()
                    .zip(letters)
                    .filter(|(e, _)| e.trust == trust && fits(e))
                    .find(|(_, want)| matches_letters(want, text))
                    .map(|(entry, _)| Matched {
                        entry,
                        field: *field,
                    })
            })
    };
    let mut word_fields: Vec<(Field, &[String])> = vec![(Field::Technology, &tech)];
    word_fields.extend(tags.iter().map(|t| (Field::Tag, t.as_slice())));
    word_fields.push((Field::Label, &label));
    level(Trust::Icon, &[(Field::Icon, &icon)])
        .or_else(|| level(Trust::Word, &word_fields))
        .or_else(|| level(Trust::Shape, &[(Field::Shape, &shape)]))
        .or_else(|| level(Trust::GenericIcon, &[(Field::Icon, &icon)]))
        .or_else(|| level(Trust::Weak, &[(Field::Label, &label)]))
}

/// Splits text into lower-case words: at every character that is not a letter or digit, and
/// inside CamelCase (`ElastiCache` → `elasti`, `cache`; `APIGateway` → `api`, `gateway`).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether `pattern` (words separated by spaces) occurs in `text` as whole words: some run of
/// consecutive words whose letters, joined, are the pattern's letters joined (so `dynamodb`
/// matches `Dynamo DB` and `DynamoDB`), optionally followed by a plural `s`.
pub fn matches_words(pattern: &str, text: &[String]) -> bool {
    let want: Vec<u8> = pattern
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    matches_letters(&want, text)
}

/// [`matches_words`] with the pattern already reduced to its lower-case letters and digits.
fn matches_letters(want: &[u8], text: &[String]) -> bool {
    if want.is_empty() {
        return false;
    }
    (0..text.len()).any(|start| {
        let mut at = 0;
        for word in &text[start..] {
            let bytes = word.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if at < want.len() && b == want[at] {
                    at += 1;
                } else {
                    // Only a plural `s` may follow the whole pattern, at the end of a word.
                    return at == want.len() && b == b's' && i + 1 == bytes.len() && i > 0;
                }
            }
            if at == want.len() {
                return true;
            }
        }
        false
    })
}

/// Each entry's pattern as lower-case letters and digits, computed once.
fn letters() -> &'static [Vec<u8>] {
    static LETTERS: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(|| {
        TABLE
            .iter()
            .map(|e| {
                e.pattern
                    .bytes()
                    .filter(u8::is_ascii_alphanumeric)
                    .map(|b| b.to_ascii_lowercase())
                    .collect()
            })
            .collect()
    });
    &LETTERS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node_kind(hints: &Hints, label: &str) -> Option<NodeKind> {
        match guess(hints, label, false)?.entry.guess {
            Guess::Node(k) => Some(k),
            Guess::Container(_) => None,
        }
    }

    /// Every entry is reachable: an element that carries its pattern in the field its trust
    /// reads gets that entry's kind (an entry shadowed by an earlier one fails here).
    #[test]
    fn every_entry_matches_an_example() {
        let mut shadowed = Vec::new();
        for e in TABLE {
            let is_group = matches!(e.guess, Guess::Container(_));
            let mut hints = Hints::default();
            let mut label = String::new();
            match e.trust {
                Trust::Icon | Trust::GenericIcon => {
                    hints.icon = Some(format!("mxgraph.x.{}", e.pattern.replace(' ', "_")))
                }
                Trust::Word | Trust::Weak => label = format!("The {} one", e.pattern),
                Trust::Shape => hints.shape = Some(e.pattern.to_owned()),
            }
            match guess(&hints, &label, is_group) {
                Some(got) if got.entry.guess == e.guess => {}
                Some(got) => shadowed.push(format!("`{}` by `{}`", e.pattern, got.entry.pattern)),
                None => shadowed.push(format!("`{}` by nothing", e.pattern)),
            }
        }
        assert!(
            shadowed.is_empty(),
            "entries taken: {}",
            shadowed.join(", ")
        );
    }

    #[test]
    fn whole_words_only() {
        let hints = Hints::default();
        assert_eq!(node_kind(&hints, "Class registry"), None);
        assert_eq!(node_kind(&hints, "Nginx"), Some(NodeKind::LoadBalancer));
        assert_eq!(
            node_kind(&hints, "Public ALB"),
            Some(NodeKind::LoadBalancer)
        );
        assert_eq!(node_kind(&hints, "Dynamo DB"), Some(NodeKind::NosqlDb));
        assert_eq!(node_kind(&hints, "NoSQL store"), Some(NodeKind::NosqlDb));
        assert_eq!(node_kind(&hints, "Scalable thing"), None);
        assert_eq!(node_kind(&hints, "Queues"), Some(NodeKind::MessageQueue));
    }

    #[test]
    fn camel_case_macros_split_into_words() {
        assert_eq!(
            words("ElasticLoadBalancing"),
            ["elastic", "load", "balancing"]
        );
        assert_eq!(words("APIGateway"), ["api", "gateway"]);
        assert_eq!(words("EC2Instance"), ["ec2", "instance"]);
        assert_eq!(
            words("mxgraph.aws4.application_load_balancer"),
            ["mxgraph", "aws4", "application", "load", "balancer"]
        );
        let macro_hint = |m: &str| Hints {
            icon: Some(m.to_owned()),
            ..Hints::default()
        };
        for (m, k) in [
            ("ElasticLoadBalancing", NodeKind::LoadBalancer),
            ("RDS", NodeKind::SqlDb),
            ("DynamoDB", NodeKind::NosqlDb),
            ("SimpleQueueService", NodeKind::MessageQueue),
            ("Lambda", NodeKind::ServerlessFunction),
            ("APIGateway", NodeKind::ApiGateway),
            ("CloudFront", NodeKind::Cdn),
            ("ElastiCache", NodeKind::Cache),
            ("SimpleStorageServiceBucket", NodeKind::ObjectStorage),
            ("mxgraph.gcp2.cloud_sql", NodeKind::SqlDb),
            ("mxgraph.aws3.dynamo_db", NodeKind::NosqlDb),
        ] {
            assert_eq!(node_kind(&macro_hint(m), ""), Some(k), "{m}");
        }
    }

    /// An explicit icon beats a label word, a label word beats a shape, and a generic icon
    /// (`ContainerDb`, a cylinder) yields to the technology.
    #[test]
    fn trust_order() {
        let icon_and_label = Hints {
            icon: Some("mxgraph.aws4.rds".into()),
            ..Hints::default()
        };
        assert_eq!(
            node_kind(&icon_and_label, "Session cache"),
            Some(NodeKind::SqlDb)
        );
        let cylinder = Hints {
            shape: Some("cylinder3".into()),
            ..Hints::default()
        };
        assert_eq!(node_kind(&cylinder, "Orders"), Some(NodeKind::SqlDb));
        assert_eq!(
            node_kind(&cylinder, "Mongo orders"),
            Some(NodeKind::NosqlDb)
        );
        let c4_db = Hints {
            icon: Some("ContainerDb".into()),
            technology: Some("Redis".into()),
            ..Hints::default()
        };
        assert_eq!(node_kind(&c4_db, "Sessions"), Some(NodeKind::Cache));
        let tech_over_label = Hints {
            technology: Some("Kafka".into()),
            ..Hints::default()
        };
        assert_eq!(
            node_kind(&tech_over_label, "Order queue"),
            Some(NodeKind::Stream)
        );
        let m = guess(&icon_and_label, "x", false).expect("rds");
        assert_eq!(m.field, Field::Icon);
        assert!(m.entry.managed);
    }

    #[test]
    fn groups_get_container_kinds_and_nodes_node_kinds() {
        let none = Hints::default();
        let kind = |label: &str| match guess(&none, label, true).map(|m| m.entry.guess) {
            Some(Guess::Container(c)) => Some(c),
            _ => None,
        };
        assert_eq!(kind("Public subnet 1"), Some(ContainerKind::PublicSubnet));
        assert_eq!(kind("Private Subnet 2"), Some(ContainerKind::PrivateSubnet));
        assert_eq!(
            kind("Availability Zone 1"),
            Some(ContainerKind::AvailabilityZone)
        );
        assert_eq!(kind("us-east-1 region"), Some(ContainerKind::Region));
        assert_eq!(
            kind("On-premises networks"),
            Some(ContainerKind::OnPremDataCenter)
        );
        assert_eq!(
            kind("Auto Scaling group"),
            Some(ContainerKind::AutoScalingGroup)
        );
        assert_eq!(kind("Team Payments"), None);
        // A node labelled like a container is not made one.
        assert_eq!(node_kind(&none, "VPC"), None);
    }
}
