//! From a format-neutral [`Diagram`] to an Archway [`Design`]: kinds from the guessing table,
//! readable unique ids, containers nested by the source's parents and by geometry, loose link
//! ends attached to the nearest shape, edge kinds, protocols and TLS from styles and words,
//! managed and provider facts, and a readable layout (the source's coordinates scaled to
//! Archway's node size, or a grid when the source has none). Writes the import report as it goes.

use super::diagram::{Bounds, Diagram, Element, LinkEnd, LinkStyle, SourceFormat, clean_label};
use super::kinds::{self, Field, Guess, Matched};
use super::report::{ImportReport, LineKind, ReadCounts, ReportLine, Target};
use crate::geometry::{NODE_H, NODE_W};
use crate::model::catalog::{self, prop_applies};
use crate::model::file::MAX_CONTAINER_DEPTH;
use crate::model::ids::{slug, unique_id};
use crate::model::props::Origin;
use crate::model::values::{MAX_COORD, MAX_SIZE, MIN_SIZE};
use crate::model::{
    Container, ContainerId, ContainerKind, Design, Edge, EdgeKind, Node, NodeKind, Pos, Protocol,
    Provider, Rect,
};
use std::collections::{HashMap, HashSet};

/// A design and the report of how it was made.
#[derive(Clone, Debug)]
pub struct Built {
    pub design: Design,
    pub report: ImportReport,
}

/// How far (in source units) a loose link end may be from a shape's border to attach to it.
const ATTACH_TOLERANCE: f32 = 40.0;
/// Gap kept between two nodes, in canvas units.
const GAP: f32 = 30.0;
/// Room inside a container around its members (sides, and the top for its title).
const PAD: f32 = 20.0;
const PAD_TOP: f32 = 36.0;
/// The most the source's coordinates are stretched to make room for Archway's larger nodes.
const MAX_SCALE: f32 = 3.0;

/// What one element became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Made {
    Node(usize),
    Container(usize),
}

/// Builds the design from `diagram`. `title` is used when the source names none.
pub fn build(diagram: &Diagram, format: SourceFormat, title: &str) -> Built {
    let mut design = Design::empty(&design_title(diagram, title));
    let mut lines = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let elements = &diagram.elements;

    // Kinds first: containment by geometry reads them.
    let guesses: Vec<Option<Matched>> = elements
        .iter()
        .map(|e| kinds::guess(&e.hints, &e.label, e.is_group))
        .collect();
    let container_kind = |i: usize| match guesses[i].map(|m| m.entry.guess) {
        Some(Guess::Container(k)) => k,
        _ => ContainerKind::Group,
    };

    let parents = resolve_parents(elements, &container_kind);

    // Containers, then nodes, in the source's order.
    let mut made: Vec<Option<Made>> = vec![None; elements.len()];
    for (i, e) in elements.iter().enumerate().filter(|(_, e)| e.is_group) {
        let kind = container_kind(i);
        let label = clean_label(&e.label);
        let base = if label.is_empty() {
            catalog::container_info(kind).key.to_owned()
        } else {
            slug(&label)
        };
        let id = unique_id(&base, |c| taken.contains(c));
        taken.insert(id.clone());
        let mut c = Container {
            id: ContainerId(id.clone()),
            kind,
            label: label.clone(),
            rect: Rect::default(),
            parent: None,
            geo: None,
            props: Default::default(),
        };
        if kind == ContainerKind::Group {
            c.props.source_type = e.hints.icon.clone().or_else(|| e.hints.shape.clone());
        }
        made[i] = Some(Made::Container(design.containers.len()));
        design.containers.push(c);
        let (line_kind, why) = match guesses[i] {
            Some(m) => (LineKind::Mapped, because(m, e, format)),
            None => (LineKind::Generic, String::new()),
        };
        lines.push(ReportLine {
            kind: line_kind,
            text: format!(
                "{}{} → {} `{id}`",
                shown(&label),
                why,
                catalog::container_info(kind).name.to_lowercase()
            ),
            target: Some(Target::Container(id)),
            source: e.source.clone(),
        });
    }
    let mut providers: HashSet<Provider> = HashSet::new();
    for (i, e) in elements.iter().enumerate().filter(|(_, e)| !e.is_group) {
        let m = guesses[i];
        let mut kind = match m.map(|m| m.entry.guess) {
            Some(Guess::Node(k)) => k,
            _ => NodeKind::Generic,
        };
        let mut why = m.map(|m| because(m, e, format)).unwrap_or_default();
        if e.hints.external && kind != NodeKind::Client && kind != NodeKind::ExternalService {
            why = format!("{why} (marked external)");
            kind = if kind == NodeKind::Generic && is_person(e) {
                NodeKind::Client
            } else {
                NodeKind::ExternalService
            };
        }
        let label = clean_label(&e.label);
        let base = if label.is_empty() {
            catalog::node_info(kind).key.to_owned()
        } else {
            slug(&label)
        };
        let id = unique_id(&base, |c| taken.contains(c));
        taken.insert(id.clone());
        let mut node = Node::new(id.clone(), kind, Pos::default());
        node.label = label.clone();
        if let Some(tech) = &e.hints.technology {
            node.props.tech = Some(clean_label(tech));
        } else if let Some(m) = m.filter(|m| m.entry.managed && m.field != Field::Label) {
            node.props.tech = Some(m.entry.pattern.to_owned());
        }
        if m.is_some_and(|m| m.entry.managed) && prop_applies("managed", kind) {
            node.props.managed = Some(true);
        }
        if let Some(p) = e.hints.icon.as_deref().and_then(provider_of_icon) {
            providers.insert(p);
        }
        if kind == NodeKind::Generic {
            node.props.origin = Some(Box::new(Origin {
                source_type: Some(
                    e.hints
                        .shape
                        .clone()
                        .unwrap_or_else(|| format!("{} shape", format.name())),
                ),
                icon: e.hints.icon.clone(),
            }));
        }
        made[i] = Some(Made::Node(design.nodes.len()));
        design.nodes.push(node);
        let (line_kind, text) = if kind == NodeKind::Generic {
            let what = e
                .hints
                .icon
                .as_deref()
                .or(e.hints.shape.as_deref())
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            (
                LineKind::Generic,
                format!("{}{what} → generic component `{id}`", shown(&label)),
            )
        } else {
            (
                LineKind::Mapped,
                format!(
                    "{}{why} → {} `{id}`",
                    shown(&label),
                    catalog::node_info(kind).name.to_lowercase()
                ),
            )
        };
        lines.push(ReportLine {
            kind: line_kind,
            text,
            target: Some(Target::Node(id)),
            source: e.source.clone(),
        });
    }
    if providers.len() == 1 {
        design.provider = providers.into_iter().next();
        for c in &mut design.containers {
            if c.kind == ContainerKind::CloudAccount {
                c.props.provider = design.provider;
            }
        }
    }

    // Nesting: the nearest group above each element.
    let container_of = |i: usize| -> Option<usize> {
        match parents[i].and_then(|p| made[p]) {
            Some(Made::Container(c)) => Some(c),
            _ => None,
        }
    };
    for (i, m) in made.iter().enumerate() {
        match m {
            Some(Made::Container(c)) => {
                design.containers[*c].parent =
                    container_of(i).map(|p| design.containers[p].id.clone());
            }
            Some(Made::Node(n)) => {
                design.nodes[*n].container =
                    container_of(i).map(|p| design.containers[p].id.clone());
            }
            None => {}
        }
    }

    // Connections.
    let id_of = |m: Made, design: &Design| match m {
        Made::Node(n) => design.nodes[n].id.0.clone(),
        Made::Container(c) => design.containers[c].id.0.clone(),
    };
    for link in &diagram.links {
        let mut ends = [None, None];
        let mut loose = Vec::new();
        for (slot, end) in [link.from, link.to].into_iter().enumerate() {
            ends[slot] = match end {
                LinkEnd::Element(i) => made.get(i).copied().flatten(),
                LinkEnd::Point { x, y } => {
                    let found = element_at(elements, &made, x, y);
                    if let Some(f) = found {
                        loose.push((slot, x, y, f));
                    }
                    found
                }
            };
        }
        let what = if link.label.is_empty() {
            "a connection".to_owned()
        } else {
            format!("connection \"{}\"", clean_label(&link.label))
        };
        let (Some(from), Some(to)) = (ends[0], ends[1]) else {
            let which = match (ends[0], ends[1]) {
                (None, None) => "both ends are",
                (None, _) => "its start is",
                _ => "its end is",
            };
            lines.push(ReportLine {
                kind: LineKind::Dangling,
                text: format!(
                    "{what}: {which} attached to nothing and no shape is within {ATTACH_TOLERANCE} units"
                ),
                target: None,
                source: link.source.clone(),
            });
            continue;
        };
        if from == to {
            lines.push(ReportLine {
                kind: LineKind::Skipped,
                text: format!("{what}: goes from `{}` to itself", id_of(from, &design)),
                target: None,
                source: link.source.clone(),
            });
            continue;
        }
        let (from_id, to_id) = (id_of(from, &design), id_of(to, &design));
        let kind_of = |m: Made| match m {
            Made::Node(n) => Some(design.nodes[n].kind),
            Made::Container(_) => None,
        };
        let words = kinds::words(&format!(
            "{} {}",
            link.label,
            link.technology.as_deref().unwrap_or("")
        ));
        let kind = edge_kind(link.style, &words, kind_of(from), kind_of(to));
        let protocol = protocol(&words);
        let id = unique_id(&format!("{from_id}_to_{to_id}"), |c| taken.contains(c));
        taken.insert(id.clone());
        let mut edge = Edge::new(id.clone(), from_id.clone(), to_id.clone(), kind, protocol);
        edge.label = clean_label(&link.label);
        if protocol != Some(Protocol::Https) && has_any(&words, &["tls", "ssl", "mtls", "wss"]) {
            edge.props.tls = Some(true);
        }
        for (slot, x, y, _) in loose {
            lines.push(ReportLine {
                kind: LineKind::Attached,
                text: format!(
                    "{what}: its loose {} at ({x:.0}, {y:.0}) attached to `{}`",
                    if slot == 0 { "start" } else { "end" },
                    if slot == 0 { &from_id } else { &to_id }
                ),
                target: Some(Target::Edge(id.clone())),
                source: link.source.clone(),
            });
        }
        design.edges.push(edge);
    }

    for s in &diagram.skipped {
        lines.push(ReportLine {
            kind: LineKind::Skipped,
            text: format!("{}: {}", s.what, s.why),
            target: None,
            source: s.source.clone(),
        });
    }

    limit_depth(&mut design);
    if diagram.has_coordinates {
        place_from_coordinates(&mut design, elements, &made);
    } else {
        place_without_coordinates(&mut design);
    }
    keep_within_limits(&mut design);
    design.metadata.description = format!(
        "Imported from a {} diagram{}.",
        format.name(),
        diagram
            .pages
            .get(diagram.page_read)
            .filter(|_| diagram.pages.len() > 1)
            .map(|p| format!(" (page \"{}\")", clean_label(p)))
            .unwrap_or_default()
    );

    let mut counts: HashMap<NodeKind, usize> = HashMap::new();
    for n in &design.nodes {
        *counts.entry(n.kind).or_default() += 1;
    }
    let mut by_kind: Vec<(NodeKind, usize)> = counts.into_iter().collect();
    by_kind.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let report = ImportReport {
        format,
        pages: diagram.pages.clone(),
        page_read: diagram.page_read,
        read: ReadCounts {
            shapes: elements.iter().filter(|e| !e.is_group).count(),
            with_icon: elements
                .iter()
                .filter(|e| !e.is_group && e.hints.icon.is_some())
                .count(),
            groups: elements.iter().filter(|e| e.is_group).count(),
            links: diagram.links.len(),
            skipped: diagram.skipped.len(),
        },
        nodes: design.nodes.len(),
        containers: design.containers.len(),
        edges: design.edges.len(),
        by_kind: by_kind
            .into_iter()
            .map(|(k, n)| {
                let name = if k == NodeKind::Generic {
                    "generic component".to_owned()
                } else {
                    catalog::node_info(k).name.to_lowercase()
                };
                (name, n)
            })
            .collect(),
        lines,
    };
    Built { design, report }
}

/// The design's title: the source's own unless it is a default page name (`Page-1`).
fn design_title(diagram: &Diagram, fallback: &str) -> String {
    let own = diagram
        .title
        .as_deref()
        .map(clean_label)
        .unwrap_or_default();
    let default_page = own
        .strip_prefix("Page-")
        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
    if own.is_empty() || default_page {
        clean_label(fallback)
    } else {
        own
    }
}

/// ` (icon mxgraph.aws4.rds)`: why a guess was made, for the report.
fn because(m: Matched, e: &Element, format: SourceFormat) -> String {
    let text = match m.field {
        Field::Icon => e.hints.icon.as_deref(),
        Field::Technology => e.hints.technology.as_deref(),
        Field::Shape => e.hints.shape.as_deref(),
        Field::Tag | Field::Label => None,
    };
    let field = match (m.field, format) {
        (Field::Icon, SourceFormat::DrawIo) => "style",
        (Field::Icon, SourceFormat::PlantUml | SourceFormat::Structurizr) => "macro",
        (f, _) => f.name(),
    };
    match text {
        Some(t) => format!(" ({field} {})", clean_label(t)),
        None => format!(" ({field} word \"{}\")", m.entry.pattern),
    }
}

/// `"ALB"`, or `(no label)`.
fn shown(label: &str) -> String {
    if label.is_empty() {
        "(no label)".to_owned()
    } else {
        format!("\"{label}\"")
    }
}

fn is_person(e: &Element) -> bool {
    let words = kinds::words(&format!(
        "{} {}",
        e.hints.icon.as_deref().unwrap_or(""),
        e.hints.shape.as_deref().unwrap_or("")
    ));
    has_any(&words, &["person", "actor", "user"])
}

/// The provider an icon's namespace names (`mxgraph.aws4.*`, `mxgraph.gcp2.*`, `azure`).
fn provider_of_icon(icon: &str) -> Option<Provider> {
    let words = kinds::words(icon);
    if has_any(&words, &["aws", "aws3", "aws4", "amazon"]) {
        Some(Provider::Aws)
    } else if has_any(&words, &["gcp", "gcp2", "google"]) {
        Some(Provider::Gcp)
    } else if has_any(&words, &["azure", "azure2", "mscae"]) {
        Some(Provider::Azure)
    } else {
        None
    }
}

fn has_any(words: &[String], any: &[&str]) -> bool {
    words.iter().any(|w| any.contains(&w.as_str()))
}

/// How a connection behaves, from its style, its words and the kinds at its ends: replication
/// when it says so; an event trigger from storage, a queue or a stream into a function; an async
/// message when it is dashed, names a messaging technology or ends at a queue, stream or topic;
/// otherwise a synchronous request.
fn edge_kind(
    style: LinkStyle,
    words: &[String],
    from: Option<NodeKind>,
    to: Option<NodeKind>,
) -> EdgeKind {
    if has_any(
        words,
        &["replication", "replicate", "replicates", "replica"],
    ) {
        return EdgeKind::Replication;
    }
    let from_source = from.is_some_and(|k| k.is_messaging() || k == NodeKind::ObjectStorage);
    if from_source
        && (to == Some(NodeKind::ServerlessFunction)
            || has_any(words, &["trigger", "triggers", "invoke", "invokes"]))
    {
        return EdgeKind::EventTrigger;
    }
    let async_words = [
        "async",
        "publish",
        "publishes",
        "subscribe",
        "event",
        "events",
        "message",
        "messages",
        "kafka",
        "sqs",
        "sns",
        "amqp",
        "jms",
        "mq",
        "rabbitmq",
        "kinesis",
        "pubsub",
        "notify",
    ];
    if style == LinkStyle::Dashed
        || has_any(words, &async_words)
        || to.is_some_and(NodeKind::is_messaging)
        || from.is_some_and(NodeKind::is_messaging)
    {
        return EdgeKind::AsyncMessage;
    }
    EdgeKind::SyncRequest
}

/// The wire protocol named by a connection's words, if any.
fn protocol(words: &[String]) -> Option<Protocol> {
    // `gRPC` splits into `g`, `rpc`.
    let grpc = kinds::matches_words("grpc", words);
    if has_any(words, &["https", "tls", "ssl"]) && !has_any(words, &["tcp"]) && !grpc {
        Some(Protocol::Https)
    } else if grpc {
        Some(Protocol::Grpc)
    } else if has_any(words, &["websocket", "websockets", "ws", "wss"]) {
        Some(Protocol::WebSocket)
    } else if has_any(words, &["http", "rest", "json"]) {
        Some(Protocol::Http)
    } else if has_any(words, &["udp"]) {
        Some(Protocol::Udp)
    } else if has_any(
        words,
        &["tcp", "jdbc", "odbc", "sql", "amqp", "smtp", "resp"],
    ) {
        Some(Protocol::Tcp)
    } else {
        None
    }
}

fn area(b: &Bounds) -> f32 {
    b.w.max(0.0) * b.h.max(0.0)
}

fn center(b: &Bounds) -> (f32, f32) {
    (b.x + b.w / 2.0, b.y + b.h / 2.0)
}

fn inside(outer: &Bounds, x: f32, y: f32) -> bool {
    x >= outer.x && x <= outer.x + outer.w && y >= outer.y && y <= outer.y + outer.h
}

fn encloses(outer: &Bounds, inner: &Bounds) -> bool {
    const TOLERANCE: f32 = 2.0;
    inner.x >= outer.x - TOLERANCE
        && inner.y >= outer.y - TOLERANCE
        && inner.x + inner.w <= outer.x + outer.w + TOLERANCE
        && inner.y + inner.h <= outer.y + outer.h + TOLERANCE
}

/// The group each element sits in: its source parent, or a smaller group drawn around it that
/// sits inside that parent (containment by geometry). A node is inside a group when its centre
/// is; a group when all of it is. Among the groups drawn around an element the smallest wins,
/// except that a plain group that cuts across a meaningful container (a "Databases" band drawn
/// across two availability zones) yields to the meaningful one.
fn resolve_parents(
    elements: &[Element],
    container_kind: &dyn Fn(usize) -> ContainerKind,
) -> Vec<Option<usize>> {
    // Source parents, lifted to the nearest group (a parent that is not a group is skipped).
    let mut parents: Vec<Option<usize>> = elements
        .iter()
        .map(|e| e.parent.filter(|&p| p < elements.len()))
        .collect();
    for i in 0..elements.len() {
        let mut p = parents[i];
        let mut steps = 0;
        while let Some(q) = p {
            if elements[q].is_group || steps > elements.len() {
                break;
            }
            p = parents[q];
            steps += 1;
        }
        parents[i] = p.filter(|&q| elements[q].is_group && q != i);
    }
    let groups: Vec<usize> = (0..elements.len())
        .filter(|&g| elements[g].is_group && elements[g].bounds.is_some_and(|b| area(&b) > 0.0))
        .collect();
    // Strict order of size (area, then index) so a group only ever nests in a larger one.
    let larger = |g: usize, i: usize| {
        let (ag, ai) = (
            elements[g].bounds.map_or(0.0, |b| area(&b)),
            elements[i].bounds.map_or(0.0, |b| area(&b)),
        );
        ag > ai || (ag == ai && g < i)
    };
    let source_parents = parents.clone();
    // Whether `a` is `b` or inside it by the source's nesting (nesting deeper than the file
    // format allows is flattened later, so a short walk is enough).
    let within_source = |mut a: usize, b: usize| {
        for _ in 0..=2 * MAX_CONTAINER_DEPTH {
            if a == b {
                return true;
            }
            match source_parents[a] {
                Some(p) => a = p,
                None => return false,
            }
        }
        false
    };
    for i in 0..elements.len() {
        let Some(b) = elements[i].bounds else {
            continue;
        };
        let around: Vec<usize> = groups
            .iter()
            .copied()
            .filter(|&g| g != i && elements[g].bounds.is_some())
            .filter(|&g| {
                let gb = elements[g].bounds.unwrap_or_default();
                if elements[i].is_group {
                    larger(g, i) && encloses(&gb, &b)
                } else {
                    let (cx, cy) = center(&b);
                    inside(&gb, cx, cy)
                }
            })
            // Never into one of its own descendants, and inside its source parent if it has one.
            .filter(|&g| !within_source(g, i))
            .filter(|&g| {
                parents[i].is_none_or(|p| {
                    g != p
                        && (within_source(g, p)
                            || elements[p]
                                .bounds
                                .zip(elements[g].bounds)
                                .is_some_and(|(pb, gb)| encloses(&pb, &gb)))
                })
            })
            .collect();
        let meaningful: Vec<usize> = around
            .iter()
            .copied()
            .filter(|&g| container_kind(g) != ContainerKind::Group)
            .collect();
        let by_size = |&a: &usize, &b: &usize| {
            let (aa, ab) = (
                elements[a].bounds.map_or(0.0, |x| area(&x)),
                elements[b].bounds.map_or(0.0, |x| area(&x)),
            );
            aa.total_cmp(&ab).then(b.cmp(&a))
        };
        let respects_all = |g: usize| {
            let gb = elements[g].bounds.unwrap_or_default();
            meaningful
                .iter()
                .all(|&m| m == g || encloses(&elements[m].bounds.unwrap_or_default(), &gb))
        };
        let best = around
            .iter()
            .copied()
            .filter(|&g| respects_all(g))
            .min_by(by_size)
            .or_else(|| around.iter().copied().min_by(by_size));
        if let Some(g) = best {
            parents[i] = Some(g);
        }
    }
    // Containment by geometry can, with odd drawings, still close a loop: cut it (one walk
    // over every element, each visited once).
    let mut state = vec![0u8; elements.len()]; // 0 new, 1 on the current walk, 2 done
    for i in 0..elements.len() {
        let mut walk = Vec::new();
        let mut at = i;
        loop {
            match state[at] {
                2 => break,
                1 => {
                    // `at` is on this walk: the parent link that led back to it closes a loop.
                    if let Some(&last) = walk.last() {
                        parents[last] = None;
                    }
                    break;
                }
                _ => {}
            }
            state[at] = 1;
            walk.push(at);
            match parents[at] {
                Some(p) => at = p,
                None => break,
            }
        }
        for w in walk {
            state[w] = 2;
        }
    }
    parents
}

/// The element under the loose end `(x, y)`: the smallest node shape containing it, else the
/// node nearest within [`ATTACH_TOLERANCE`], else a group whose border is that near.
fn element_at(elements: &[Element], made: &[Option<Made>], x: f32, y: f32) -> Option<Made> {
    let distance = |b: &Bounds| {
        let dx = (b.x - x).max(0.0).max(x - (b.x + b.w));
        let dy = (b.y - y).max(0.0).max(y - (b.y + b.h));
        (dx * dx + dy * dy).sqrt()
    };
    let nodes = elements
        .iter()
        .zip(made)
        .filter_map(|(e, m)| match (m, e.bounds) {
            (Some(Made::Node(_)), Some(b)) => Some((*m, b)),
            _ => None,
        });
    let best_node = nodes
        .map(|(m, b)| (m, distance(&b), area(&b)))
        .filter(|(_, d, _)| *d <= ATTACH_TOLERANCE)
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.2.total_cmp(&b.2)));
    if let Some((m, _, _)) = best_node {
        return m;
    }
    let border = |b: &Bounds| {
        if inside(b, x, y) {
            (x - b.x).min(b.x + b.w - x).min(y - b.y).min(b.y + b.h - y)
        } else {
            distance(b)
        }
    };
    elements
        .iter()
        .zip(made)
        .filter_map(|(e, m)| match (m, e.bounds) {
            (Some(Made::Container(_)), Some(b)) => Some((*m, border(&b))),
            _ => None,
        })
        .filter(|(_, d)| *d <= ATTACH_TOLERANCE)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .and_then(|(m, _)| m)
}

/// Each container's depth (0 at the top) and parent index, in one pass (a loop of parents,
/// which the builder never makes, would count as the top).
fn depths(design: &Design) -> (Vec<usize>, Vec<Option<usize>>) {
    let index: HashMap<&str, usize> = design
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let parent: Vec<Option<usize>> = design
        .containers
        .iter()
        .map(|c| {
            c.parent
                .as_ref()
                .and_then(|p| index.get(p.as_str()).copied())
        })
        .collect();
    let mut depth: Vec<Option<usize>> = vec![None; parent.len()];
    let mut on_walk = vec![false; parent.len()];
    for i in 0..parent.len() {
        let mut walk = Vec::new();
        let mut at = Some(i);
        let mut base = 0;
        while let Some(c) = at {
            if let Some(d) = depth[c] {
                base = d + 1;
                break;
            }
            if on_walk[c] {
                break;
            }
            on_walk[c] = true;
            walk.push(c);
            at = parent[c];
        }
        for (k, &c) in walk.iter().rev().enumerate() {
            depth[c] = Some(base + k);
            on_walk[c] = false;
        }
    }
    (depth.into_iter().map(|d| d.unwrap_or(0)).collect(), parent)
}

/// Containment deeper than the file format accepts is flattened: a container that would sit
/// deeper than [`MAX_CONTAINER_DEPTH`] allows moves up beside its parent.
fn limit_depth(design: &mut Design) {
    let (depth, mut parent) = depths(design);
    let mut order: Vec<usize> = (0..depth.len()).collect();
    order.sort_by_key(|&c| depth[c]);
    let mut new_depth = vec![0usize; depth.len()];
    for c in order {
        if let Some(p) = parent[c] {
            if new_depth[p] + 1 >= MAX_CONTAINER_DEPTH {
                parent[c] = parent[p];
                design.containers[c].parent = parent[p].map(|q| design.containers[q].id.clone());
            }
            new_depth[c] = parent[c].map_or(0, |q| new_depth[q] + 1);
        }
    }
}

/// Containers innermost first.
fn innermost_first(design: &Design) -> Vec<usize> {
    let (depth, _) = depths(design);
    let mut order: Vec<usize> = (0..depth.len()).collect();
    order.sort_by(|&a, &b| depth[b].cmp(&depth[a]).then(a.cmp(&b)));
    order
}

/// Grows every container, innermost first, to hold its members with room for its title.
fn fit_containers(design: &mut Design) {
    for c in innermost_first(design) {
        let id = design.containers[c].id.clone();
        let mut members: Vec<Rect> = design
            .nodes
            .iter()
            .filter(|n| n.container.as_ref() == Some(&id))
            .map(|n| Rect::new(n.pos.x, n.pos.y, NODE_W, NODE_H))
            .collect();
        members.extend(
            design
                .containers
                .iter()
                .filter(|k| k.parent.as_ref() == Some(&id))
                .map(|k| k.rect),
        );
        let r = &mut design.containers[c].rect;
        // An empty container with no drawn size still gets room for a title.
        r.w = r.w.max(NODE_W + 2.0 * PAD);
        r.h = r.h.max(NODE_H + PAD + PAD_TOP);
        for m in members {
            let (x0, y0) = (r.x.min(m.x - PAD), r.y.min(m.y - PAD_TOP));
            let x1 = (r.x + r.w).max(m.x + m.w + PAD);
            let y1 = (r.y + r.h).max(m.y + m.h + PAD);
            *r = Rect::new(x0, y0, x1 - x0, y1 - y0);
        }
    }
}

fn overlaps(a: &Rect, b: &Rect, gap: f32) -> bool {
    a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap
}

/// Keeps the source's drawing: every position scaled by one factor, the smallest (up to
/// [`MAX_SCALE`]) at which Archway's nodes, larger than most icons, do not overlap; nodes that
/// still overlap are moved right; containers grow to hold their members. Elements without
/// bounds go in a row below the drawing.
fn place_from_coordinates(design: &mut Design, elements: &[Element], made: &[Option<Made>]) {
    let mut node_centers: Vec<Option<(f32, f32)>> = vec![None; design.nodes.len()];
    let mut container_bounds: Vec<Option<Bounds>> = vec![None; design.containers.len()];
    for (e, m) in elements.iter().zip(made) {
        match (m, e.bounds) {
            (Some(Made::Node(n)), Some(b)) => node_centers[*n] = Some(center(&b)),
            (Some(Made::Container(c)), Some(b)) => container_bounds[*c] = Some(b),
            _ => {}
        }
    }
    let placed: Vec<(f32, f32)> = node_centers.iter().flatten().copied().collect();
    let mut scale: f32 = 1.0;
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
            let need = ((NODE_W + GAP) / dx).min((NODE_H + GAP) / dy);
            if need.is_finite() {
                scale = scale.max(need.min(MAX_SCALE));
            }
        }
    }
    let mut order: Vec<usize> = (0..design.nodes.len()).collect();
    for (n, c) in node_centers.iter().enumerate() {
        if let Some((x, y)) = c {
            design.nodes[n].pos = Pos::new(x * scale - NODE_W / 2.0, y * scale - NODE_H / 2.0);
        }
    }
    // Nodes with no coordinates: a row under everything else.
    let bottom = design
        .nodes
        .iter()
        .zip(&node_centers)
        .filter(|(_, c)| c.is_some())
        .map(|(n, _)| n.pos.y + NODE_H)
        .fold(0.0_f32, f32::max)
        + 2.0 * GAP;
    let mut x = 0.0;
    for (n, c) in node_centers.iter().enumerate() {
        if c.is_none() {
            design.nodes[n].pos = Pos::new(x, bottom);
            x += NODE_W + GAP;
        }
    }
    for (c, b) in container_bounds.iter().enumerate() {
        if let Some(b) = b {
            design.containers[c].rect =
                Rect::new(b.x * scale, b.y * scale, b.w * scale, b.h * scale);
        }
    }
    // Resolve what still overlaps, top to bottom, left to right.
    order.sort_by(|&a, &b| {
        let (pa, pb) = (design.nodes[a].pos, design.nodes[b].pos);
        pa.y.total_cmp(&pb.y).then(pa.x.total_cmp(&pb.x))
    });
    let mut done: Vec<Rect> = Vec::with_capacity(order.len());
    for n in order {
        let mut r = Rect::new(design.nodes[n].pos.x, design.nodes[n].pos.y, NODE_W, NODE_H);
        // A bounded number of moves: a pathological pile-up stays overlapping rather than
        // making the import quadratic in moves.
        for _ in 0..64 {
            let Some(hit) = done.iter().find(|d| overlaps(&r, d, GAP / 2.0)) else {
                break;
            };
            r.x = hit.x + hit.w + GAP;
        }
        design.nodes[n].pos = Pos::new(r.x, r.y);
        done.push(r);
    }
    // Containers without bounds start at their first member.
    for (c, b) in container_bounds.iter().enumerate() {
        if b.is_none() {
            let id = design.containers[c].id.clone();
            if let Some(n) = design
                .nodes
                .iter()
                .find(|n| n.container.as_ref() == Some(&id))
            {
                design.containers[c].rect = Rect::new(n.pos.x, n.pos.y, NODE_W, NODE_H);
            }
        }
    }
    fit_containers(design);
    shift_to_origin(design);
}

/// Keeps every position and size within what a design file accepts (a huge or corrupt
/// drawing is squeezed, never refused).
fn keep_within_limits(design: &mut Design) {
    let size = |v: f32| v.clamp(MIN_SIZE, MAX_SIZE);
    let coord = |v: f32| v.clamp(-(MAX_COORD - MAX_SIZE), MAX_COORD - MAX_SIZE);
    for n in &mut design.nodes {
        n.pos = Pos::new(coord(n.pos.x), coord(n.pos.y));
    }
    for c in &mut design.containers {
        c.rect = Rect::new(
            coord(c.rect.x),
            coord(c.rect.y),
            size(c.rect.w),
            size(c.rect.h),
        );
    }
}

/// Moves everything so the drawing starts near the canvas origin.
fn shift_to_origin(design: &mut Design) {
    let min_x = design
        .nodes
        .iter()
        .map(|n| n.pos.x)
        .chain(design.containers.iter().map(|c| c.rect.x))
        .fold(f32::INFINITY, f32::min);
    let min_y = design
        .nodes
        .iter()
        .map(|n| n.pos.y)
        .chain(design.containers.iter().map(|c| c.rect.y))
        .fold(f32::INFINITY, f32::min);
    if !min_x.is_finite() || !min_y.is_finite() {
        return;
    }
    let (dx, dy) = (40.0 - min_x, 40.0 - min_y);
    for n in &mut design.nodes {
        n.pos = Pos::new(n.pos.x + dx, n.pos.y + dy);
    }
    for c in &mut design.containers {
        c.rect.x += dx;
        c.rect.y += dy;
    }
}

/// Lays out a design whose source has no coordinates with the layered auto-layout the editor's
/// Arrange ▸ Auto-layout uses: containers respected, no overlaps, edges flowing left to right.
pub fn place_without_coordinates(design: &mut Design) {
    use crate::geometry::layout::{Direction, LayoutScope, auto_layout};
    auto_layout(design, &LayoutScope::Design, Direction::LeftToRight).apply(design);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::diagram::{Hints, Link, SourceRef};

    fn element(label: &str, icon: Option<&str>, bounds: Option<Bounds>, group: bool) -> Element {
        Element {
            label: label.into(),
            hints: Hints {
                icon: icon.map(str::to_owned),
                ..Hints::default()
            },
            is_group: group,
            parent: None,
            bounds,
            source: SourceRef::default(),
        }
    }

    fn b(x: f32, y: f32, w: f32, h: f32) -> Bounds {
        Bounds { x, y, w, h }
    }

    fn link(from: LinkEnd, to: LinkEnd, label: &str, style: LinkStyle) -> Link {
        Link {
            from,
            to,
            label: label.into(),
            technology: None,
            style,
            both_ways: false,
            undirected: false,
            source: SourceRef::default(),
        }
    }

    fn validates(design: &Design) {
        let text = crate::model::file::to_string(design);
        if let Err(problems) = crate::model::file::parse(&text) {
            panic!("{problems:?}\n{text}");
        }
    }

    #[test]
    fn ids_kinds_nesting_by_geometry_and_loose_ends() {
        let diagram = Diagram {
            elements: vec![
                element(
                    "VPC",
                    Some("mxgraph.aws4.group_vpc"),
                    Some(b(0.0, 0.0, 600.0, 400.0)),
                    true,
                ),
                element(
                    "Private subnet",
                    None,
                    Some(b(300.0, 50.0, 250.0, 300.0)),
                    true,
                ),
                element(
                    "ALB",
                    Some("mxgraph.aws4.application_load_balancer"),
                    Some(b(50.0, 50.0, 48.0, 48.0)),
                    false,
                ),
                element(
                    "Orders DB",
                    Some("mxgraph.aws4.rds"),
                    Some(b(400.0, 100.0, 48.0, 48.0)),
                    false,
                ),
                element("Orders DB", None, Some(b(400.0, 250.0, 48.0, 48.0)), false),
                element(
                    "Elastic IP",
                    Some("mxgraph.aws4.elastic_ip_address"),
                    Some(b(50.0, 300.0, 40.0, 16.0)),
                    false,
                ),
            ],
            links: vec![
                link(
                    LinkEnd::Element(2),
                    LinkEnd::Point { x: 430.0, y: 120.0 },
                    "HTTPS",
                    LinkStyle::Solid,
                ),
                link(
                    LinkEnd::Element(2),
                    LinkEnd::Point {
                        x: 2000.0,
                        y: 2000.0,
                    },
                    "",
                    LinkStyle::Solid,
                ),
                link(
                    LinkEnd::Element(3),
                    LinkEnd::Element(4),
                    "async",
                    LinkStyle::Dashed,
                ),
            ],
            has_coordinates: true,
            ..Diagram::default()
        };
        let built = build(&diagram, SourceFormat::DrawIo, "shop");
        let d = &built.design;
        validates(d);
        assert_eq!(d.metadata.title, "shop");
        assert_eq!(d.provider, Some(Provider::Aws));
        let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["alb", "orders_db", "orders_db_2", "elastic_ip"]);
        let alb = &d.nodes[0];
        assert_eq!(alb.kind, NodeKind::LoadBalancer);
        assert!(alb.is_managed());
        assert_eq!(alb.container.as_ref().map(|c| c.as_str()), Some("vpc"));
        // The database is inside the subnet by geometry, the subnet inside the VPC.
        assert_eq!(
            d.nodes[1].container.as_ref().map(|c| c.as_str()),
            Some("private_subnet")
        );
        assert_eq!(d.containers[1].kind, ContainerKind::PrivateSubnet);
        assert_eq!(
            d.containers[1].parent.as_ref().map(|c| c.as_str()),
            Some("vpc")
        );
        // The unlabelled-icon "Orders DB" has only its label: a weak word.
        assert_eq!(d.nodes[2].kind, NodeKind::SqlDb);
        assert_eq!(d.nodes[3].kind, NodeKind::Generic);
        assert_eq!(
            d.nodes[3]
                .props
                .origin
                .as_ref()
                .and_then(|o| o.icon.as_deref()),
            Some("mxgraph.aws4.elastic_ip_address")
        );
        // The loose end lands on the database; the far one is dangling and dropped.
        assert_eq!(d.edges.len(), 2);
        assert_eq!(d.edges[0].to.as_str(), "orders_db");
        assert_eq!(d.edges[0].protocol, Some(Protocol::Https));
        assert_eq!(d.edges[1].kind, EdgeKind::AsyncMessage);
        let r = &built.report;
        assert_eq!(r.lines_of(LineKind::Dangling).count(), 1);
        assert_eq!(r.lines_of(LineKind::Attached).count(), 1);
        assert_eq!(r.lines_of(LineKind::Generic).count(), 1);
        assert!(
            r.text().contains(
                "\"ALB\" (style mxgraph.aws4.application_load_balancer) → load balancer `alb`"
            ),
            "{}",
            r.text()
        );
        // Nothing overlaps after scaling.
        for (i, a) in d.nodes.iter().enumerate() {
            for c in &d.nodes[i + 1..] {
                let (ra, rc) = (crate::geometry::node_rect(a), crate::geometry::node_rect(c));
                assert!(!overlaps(&ra, &rc, 0.0), "{} overlaps {}", a.id, c.id);
            }
        }
        // Containers hold their members.
        for n in &d.nodes {
            if let Some(c) = &n.container {
                let rect = d.container(c.as_str()).map(|c| c.rect).unwrap_or_default();
                assert!(
                    rect.contains_rect(&crate::geometry::node_rect(n)),
                    "{} outside {c}",
                    n.id
                );
            }
        }
    }

    #[test]
    fn a_band_across_zones_yields_to_the_zones() {
        let diagram = Diagram {
            elements: vec![
                element(
                    "Availability Zone 1",
                    None,
                    Some(b(0.0, 0.0, 300.0, 600.0)),
                    true,
                ),
                element(
                    "Availability Zone 2",
                    None,
                    Some(b(400.0, 0.0, 300.0, 600.0)),
                    true,
                ),
                element("Databases", None, Some(b(10.0, 400.0, 680.0, 150.0)), true),
                element(
                    "Primary",
                    Some("mxgraph.aws4.database"),
                    Some(b(100.0, 450.0, 60.0, 60.0)),
                    false,
                ),
            ],
            has_coordinates: true,
            ..Diagram::default()
        };
        let d = build(&diagram, SourceFormat::DrawIo, "x").design;
        validates(&d);
        assert_eq!(d.nodes[0].kind, NodeKind::SqlDb);
        assert_eq!(
            d.nodes[0].container.as_ref().map(|c| c.as_str()),
            Some("availability_zone_1")
        );
    }

    #[test]
    fn grid_layout_without_coordinates_nests_and_never_overlaps() {
        let mut elements = vec![
            element("Region", None, None, true),
            element("VPC", None, None, true),
        ];
        elements[1].parent = Some(0);
        for i in 0..7 {
            let mut e = element(&format!("svc {i}"), None, None, false);
            e.parent = Some(if i < 4 { 1 } else { 0 });
            elements.push(e);
        }
        elements.push(element("Users", None, None, false));
        let diagram = Diagram {
            elements,
            links: vec![link(
                LinkEnd::Element(9),
                LinkEnd::Element(2),
                "",
                LinkStyle::Solid,
            )],
            ..Diagram::default()
        };
        let d = build(&diagram, SourceFormat::Mermaid, "x").design;
        validates(&d);
        assert_eq!(d.nodes.len(), 8);
        assert_eq!(d.edges[0].kind, EdgeKind::SyncRequest);
        for (i, a) in d.nodes.iter().enumerate() {
            for c in &d.nodes[i + 1..] {
                let (ra, rc) = (crate::geometry::node_rect(a), crate::geometry::node_rect(c));
                assert!(!overlaps(&ra, &rc, 0.0), "{} overlaps {}", a.id, c.id);
            }
            if let Some(c) = &a.container {
                let rect = d.container(c.as_str()).map(|c| c.rect).unwrap_or_default();
                assert!(
                    rect.contains_rect(&crate::geometry::node_rect(a)),
                    "{} outside {c}",
                    a.id
                );
            }
        }
        let region = d.container("region").map(|c| c.rect).unwrap_or_default();
        let vpc = d.container("vpc").map(|c| c.rect).unwrap_or_default();
        assert!(region.contains_rect(&vpc));
    }

    #[test]
    fn edge_kinds_from_style_words_and_ends() {
        let w = |s: &str| kinds::words(s);
        use NodeKind as K;
        assert_eq!(
            edge_kind(LinkStyle::Solid, &w("Cross-AZ Replication"), None, None),
            EdgeKind::Replication
        );
        assert_eq!(
            edge_kind(
                LinkStyle::Solid,
                &w(""),
                Some(K::ObjectStorage),
                Some(K::ServerlessFunction)
            ),
            EdgeKind::EventTrigger
        );
        assert_eq!(
            edge_kind(
                LinkStyle::Solid,
                &w(""),
                Some(K::AppServer),
                Some(K::MessageQueue)
            ),
            EdgeKind::AsyncMessage
        );
        assert_eq!(
            edge_kind(
                LinkStyle::Dashed,
                &w(""),
                Some(K::AppServer),
                Some(K::AppServer)
            ),
            EdgeKind::AsyncMessage
        );
        assert_eq!(
            edge_kind(
                LinkStyle::Solid,
                &w("reads"),
                Some(K::AppServer),
                Some(K::SqlDb)
            ),
            EdgeKind::SyncRequest
        );
        assert_eq!(protocol(&w("JSON/HTTPS")), Some(Protocol::Https));
        assert_eq!(protocol(&w("gRPC over TLS")), Some(Protocol::Grpc));
        assert_eq!(protocol(&w("JDBC")), Some(Protocol::Tcp));
        assert_eq!(protocol(&w("calls")), None);
    }
}
