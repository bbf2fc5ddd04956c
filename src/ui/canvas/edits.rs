//! Building the edits canvas gestures end with: placing a palette item, moving (containers
//! carry their contents, moved items are re-parented into the innermost container they land
//! in), resizing, wiring (with the default kind and protocol of a new edge; to a node or a
//! container) and renaming.

use super::io::{PaletteItem, Target};
use crate::geometry;
use crate::model::{
    Container, ContainerId, Design, Edge, EdgeId, EdgeKind, Edit, Node, NodeId, NodeKind, Pos,
    Protocol, Rect as ModelRect, catalog, values,
};
use crate::ui::selection::Selection;
use std::collections::{HashMap, HashSet};

/// The edit that places a new palette item with its top-left corner at `pos_in_canvas`, in the
/// innermost container there, with a fresh readable id; and the new element.
pub fn place_edit(design: &Design, item: PaletteItem, pos_in_canvas: Pos) -> (Edit, Target) {
    let pos_in_canvas = Pos::new(
        values::clamp_coord(pos_in_canvas.x),
        values::clamp_coord(pos_in_canvas.y),
    );
    match item {
        PaletteItem::Node(kind) => {
            let info = catalog::node_info(kind);
            let id = design.fresh_id(info.key);
            let mut node = Node::new(id.clone(), kind, pos_in_canvas);
            node.props = catalog::default_props(kind);
            let rect = geometry::node_rect(&node);
            node.container =
                geometry::innermost_container_at(design, geometry::center(&rect), |_| false);
            (
                Edit::InsertNode {
                    at: design.nodes.len(),
                    node,
                },
                Target::Node(NodeId(id)),
            )
        }
        PaletteItem::Container(kind) => {
            let info = catalog::container_info(kind);
            let id = design.fresh_id(info.key);
            let (w, h) = info.default_size;
            let rect = ModelRect::new(pos_in_canvas.x, pos_in_canvas.y, w, h);
            let container = Container {
                id: ContainerId(id.clone()),
                kind,
                label: String::new(),
                rect,
                parent: geometry::innermost_container_around(design, &rect, |_| false),
                geo: None,
                props: Default::default(),
            };
            (
                Edit::InsertContainer {
                    at: design.containers.len(),
                    container,
                },
                Target::Container(ContainerId(id)),
            )
        }
    }
}

/// The edit that connects `from` to `to` with the usual kind and protocol for those two kinds
/// (see [`default_edge`]), and a fresh id.
pub fn connect_edit(design: &Design, from: &Node, to: &Node) -> (Edit, EdgeId) {
    let (kind, protocol, tls) = default_edge(from.kind, to.kind);
    connect_edit_with(design, from, to, kind, protocol, tls)
}

/// [`connect_edit`] with an explicit kind and protocol.
pub fn connect_edit_with(
    design: &Design,
    from: &Node,
    to: &Node,
    kind: EdgeKind,
    protocol: Option<Protocol>,
    tls: Option<bool>,
) -> (Edit, EdgeId) {
    let id = design.fresh_id(&format!("{}_{}", from.id, to.id));
    let mut edge = Edge::new(id.clone(), from.id.as_str(), to.id.as_str(), kind, protocol);
    edge.props.tls = tls;
    (
        Edit::InsertEdge {
            at: design.edges.len(),
            edge,
        },
        EdgeId(id),
    )
}

/// The edge from node `from` to container `to` (meaning "any member of it"): a sync HTTPS
/// request, with a fresh id.
pub fn connect_to_container_edit(design: &Design, from: &Node, to: &Container) -> (Edit, EdgeId) {
    let id = design.fresh_id(&format!("{}_{}", from.id, to.id));
    let edge = Edge::new(
        id.clone(),
        from.id.as_str(),
        to.id.as_str(),
        EdgeKind::SyncRequest,
        Some(Protocol::Https),
    );
    (
        Edit::InsertEdge {
            at: design.edges.len(),
            edge,
        },
        EdgeId(id),
    )
}

/// The usual kind, protocol and TLS flag of an edge from a `from` node to a `to` node:
/// client→load balancer is a sync HTTPS request, app→database a write over TCP with TLS,
/// app→cache or replica a read, anything→queue or topic and queue→consumer an async message,
/// bucket or database→function an event trigger, database→replica a replication, anything→DNS
/// a UDP lookup.
pub fn default_edge(from: NodeKind, to: NodeKind) -> (EdgeKind, Option<Protocol>, Option<bool>) {
    use NodeKind as K;
    let tcp_tls = (Some(Protocol::Tcp), Some(true));
    let (kind, (protocol, tls)) = match (from, to) {
        (_, K::Dns) => (EdgeKind::Read, (Some(Protocol::Udp), None)),
        (K::Client, K::WebsocketServer) => (
            EdgeKind::SyncRequest,
            (Some(Protocol::WebSocket), Some(true)),
        ),
        (a, b) if a.is_database() && b.is_database() => (EdgeKind::Replication, tcp_tls),
        (K::SqlDb | K::NosqlDb | K::Shard, K::SearchIndex) => (EdgeKind::Replication, tcp_tls),
        // An upload to a bucket or a database change that starts a function is an event
        // trigger (guide §2.8).
        (K::ObjectStorage | K::SqlDb | K::NosqlDb, K::ServerlessFunction) => {
            (EdgeKind::EventTrigger, (None, None))
        }
        (_, K::MessageQueue | K::Stream | K::PubSubTopic)
        | (K::MessageQueue | K::Stream | K::PubSubTopic, _) => (EdgeKind::AsyncMessage, tcp_tls),
        (_, K::ReadReplica | K::Cache) => (EdgeKind::Read, tcp_tls),
        (_, K::SearchIndex) => (EdgeKind::Read, (Some(Protocol::Https), None)),
        (_, K::SqlDb | K::NosqlDb | K::Shard) => (EdgeKind::Write, tcp_tls),
        (_, K::ObjectStorage) => (EdgeKind::Write, (Some(Protocol::Https), None)),
        _ => (EdgeKind::SyncRequest, (Some(Protocol::Https), None)),
    };
    (kind, protocol, tls)
}

/// Every container inside (transitively) one of `roots`, roots included, as indices.
pub(super) fn with_descendants(design: &Design, roots: &HashSet<usize>) -> HashSet<usize> {
    let by_id: HashMap<&str, usize> = design
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, c) in design.containers.iter().enumerate() {
        if let Some(&p) = c.parent.as_ref().and_then(|p| by_id.get(p.as_str())) {
            children.entry(p).or_default().push(i);
        }
    }
    let mut out = roots.clone();
    let mut stack: Vec<usize> = roots.iter().copied().collect();
    while let Some(c) = stack.pop() {
        for &k in children.get(&c).into_iter().flatten() {
            if out.insert(k) {
                stack.push(k);
            }
        }
    }
    out
}

/// The nodes and containers a move of `selection` carries: selected containers with everything
/// nested in them, selected nodes, and the nodes inside moved containers, but no locked node
/// (all as indices).
pub(super) fn moved_sets(
    design: &Design,
    selection: &Selection,
) -> (HashSet<usize>, HashSet<usize>) {
    let roots: HashSet<usize> = design
        .containers
        .iter()
        .enumerate()
        .filter(|(_, c)| selection.containers.contains(&c.id))
        .map(|(i, _)| i)
        .collect();
    let containers = with_descendants(design, &roots);
    let moved_ids: HashSet<&str> = containers
        .iter()
        .map(|&i| design.containers[i].id.as_str())
        .collect();
    let nodes = design
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            // A locked node stays put, even inside a moved container.
            n.props.locked != Some(true)
                && (selection.nodes.contains(&n.id)
                    || n.container
                        .as_ref()
                        .is_some_and(|c| moved_ids.contains(c.as_str())))
        })
        .map(|(i, _)| i)
        .collect();
    (nodes, containers)
}

/// The edit that moves the selection by (`dx`, `dy`) canvas units: selected containers carry
/// everything inside them, and every moved node or container that lands in a different
/// innermost container is re-parented. `None` when nothing would move.
pub fn move_edit(design: &Design, selection: &Selection, dx: f32, dy: f32) -> Option<Edit> {
    let (nodes, containers) = moved_sets(design, selection);
    move_edit_for(design, &nodes, &containers, dx, dy)
}

/// The move of the given node and container indices, with re-parenting.
pub(super) fn move_edit_for(
    design: &Design,
    nodes: &HashSet<usize>,
    containers: &HashSet<usize>,
    dx: f32,
    dy: f32,
) -> Option<Edit> {
    let mut node_list: Vec<usize> = nodes.iter().copied().collect();
    node_list.sort_unstable();
    let mut container_list: Vec<usize> = containers.iter().copied().collect();
    container_list.sort_unstable();
    let mv = Edit::Move {
        nodes: node_list
            .iter()
            .map(|&i| design.nodes[i].id.clone())
            .collect(),
        containers: container_list
            .iter()
            .map(|&i| design.containers[i].id.clone())
            .collect(),
        dx,
        dy,
    };
    if mv.is_noop() {
        return None;
    }
    // Membership is decided on the design as it will be after the move: the moved nodes and
    // every container, moved (a copy of the whole design cost more than the rest of moving
    // one node of 10,000).
    let mut after = Design::empty("");
    after.nodes = node_list.iter().map(|&i| design.nodes[i].clone()).collect();
    after.containers = design.containers.clone();
    mv.clone().apply(&mut after);
    let mut edits = vec![mv];
    let moved: Vec<&Node> = after.nodes.iter().collect();
    edits.extend(reparent_edits(design, &after, &moved, &container_list));
    Some(if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    })
}

/// The edits that put moved nodes and containers into the innermost container they landed
/// in, as a drag does when it ends: a node by its centre, a container by its whole rectangle.
/// `after` is the design once they moved (only its containers are read, so a caller may leave
/// out the nodes that did not move), `moved` the moved nodes as they are after the move, and
/// `containers` the indices of the moved containers (the same in `design` and `after`). A node
/// or container whose parent moved too was carried by it and keeps it. Each edit carries the
/// element as it is after the move, so it goes after the edit that moved them.
pub fn reparent_edits(
    design: &Design,
    after: &Design,
    moved: &[&Node],
    containers: &[usize],
) -> Vec<Edit> {
    let moved_ids: HashSet<&ContainerId> = containers
        .iter()
        .filter_map(|&i| design.containers.get(i))
        .map(|c| &c.id)
        .collect();
    let mut edits = Vec::new();
    for &n in moved {
        if n.container.as_ref().is_some_and(|c| moved_ids.contains(c)) {
            continue; // carried by its container
        }
        let centre = geometry::center(&geometry::node_rect(n));
        let new = geometry::innermost_container_at(after, centre, |_| false);
        if new != n.container {
            let mut changed = n.clone();
            changed.container = new;
            edits.push(Edit::SetNode(changed));
        }
    }
    for &i in containers {
        let Some(c) = after.containers.get(i) else {
            continue;
        };
        if c.parent.as_ref().is_some_and(|p| moved_ids.contains(p)) {
            continue;
        }
        let new = geometry::innermost_container_around(after, &c.rect, |id| moved_ids.contains(id));
        if new != c.parent {
            let mut changed = c.clone();
            changed.parent = new;
            edits.push(Edit::SetContainer(changed));
        }
    }
    edits
}

/// The edit that gives container `index` the rectangle `rect`, re-parenting the nodes whose
/// centre entered or left it.
pub(super) fn resize_edit(design: &Design, index: usize, rect: ModelRect) -> Option<Edit> {
    let old = design.containers.get(index)?;
    // Within the range the loader accepts, however far the canvas was zoomed out.
    let rect = ModelRect::new(
        values::clamp_coord(rect.x),
        values::clamp_coord(rect.y),
        values::clamp_size(rect.w),
        values::clamp_size(rect.h),
    );
    if old.rect == rect {
        return None;
    }
    let mut changed = old.clone();
    changed.rect = rect;
    let set = Edit::SetContainer(changed);
    let mut after = design.clone();
    set.clone().apply(&mut after);
    let mut edits = vec![set];
    for n in &after.nodes {
        let centre = geometry::center(&geometry::node_rect(n));
        if !(old.rect.contains(centre) || rect.contains(centre)) {
            continue;
        }
        let new = geometry::innermost_container_at(&after, centre, |_| false);
        if new != n.container {
            let mut m = n.clone();
            m.container = new;
            edits.push(Edit::SetNode(m));
        }
    }
    Some(if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    })
}

/// The edit giving `target` the label `text` (trimmed); `None` when nothing changes.
pub(super) fn rename_edit(design: &Design, target: &Target, text: &str) -> Option<Edit> {
    match target {
        Target::Node(id) => rename_node_edit(design, id, text),
        Target::Edge(id) => design.edge(id.as_str()).and_then(|e| {
            let label = text.trim().to_owned();
            (label != e.label).then(|| {
                let mut e = e.clone();
                e.label = label;
                Edit::SetEdge(e)
            })
        }),
        Target::Container(id) => design.container(id.as_str()).and_then(|c| {
            let text = text.trim();
            // Typing the id back means "no label": the container shows its id.
            let label = if text == c.id.as_str() {
                String::new()
            } else {
                text.to_owned()
            };
            (label != c.label).then(|| {
                let mut c = c.clone();
                c.label = label;
                Edit::SetContainer(c)
            })
        }),
    }
}

/// The edit renaming a node (empty text restores the kind's name).
fn rename_node_edit(design: &Design, id: &NodeId, text: &str) -> Option<Edit> {
    let node = design.node(id.as_str())?;
    let text = text.trim();
    let label = if text == catalog::node_info(node.kind).name {
        String::new()
    } else {
        text.to_owned()
    };
    (label != node.label).then(|| {
        let mut n = node.clone();
        n.label = label;
        Edit::SetNode(n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Container, ContainerKind, Node, Pos};

    fn design() -> Design {
        let mut d = Design::empty("t");
        d.containers.push(Container {
            id: ContainerId::new("vpc"),
            kind: ContainerKind::Vpc,
            label: String::new(),
            rect: ModelRect::new(0.0, 0.0, 1000.0, 800.0),
            parent: None,
            geo: None,
            props: Default::default(),
        });
        d.containers.push(Container {
            id: ContainerId::new("subnet"),
            kind: ContainerKind::PrivateSubnet,
            label: String::new(),
            rect: ModelRect::new(500.0, 100.0, 400.0, 400.0),
            parent: Some(ContainerId::new("vpc")),
            geo: None,
            props: Default::default(),
        });
        let mut app = Node::new("app", NodeKind::AppServer, Pos::new(100.0, 100.0));
        app.container = Some(ContainerId::new("vpc"));
        d.nodes.push(app);
        let mut db = Node::new("db", NodeKind::SqlDb, Pos::new(600.0, 200.0));
        db.container = Some(ContainerId::new("subnet"));
        d.nodes.push(db);
        d
    }

    #[test]
    fn dropping_a_node_into_a_nested_container_picks_the_innermost() {
        let d = design();
        let sel = Selection::node(NodeId::new("app"));
        let edit = move_edit(&d, &sel, 550.0, 100.0).expect("moves");
        let mut after = d.clone();
        edit.apply(&mut after);
        let app = after.node("app").expect("app");
        assert_eq!(app.pos, Pos::new(650.0, 200.0));
        assert_eq!(app.container, Some(ContainerId::new("subnet")));
    }

    #[test]
    fn dragging_a_node_out_of_every_container_clears_its_container() {
        let d = design();
        let edit = move_edit(&d, &Selection::node(NodeId::new("app")), -500.0, 0.0).expect("moves");
        let mut after = d.clone();
        edit.apply(&mut after);
        assert_eq!(after.node("app").expect("app").container, None);
    }

    #[test]
    fn moving_a_container_carries_its_nested_contents_in_one_edit() {
        let d = design();
        let edit = move_edit(
            &d,
            &Selection::container(ContainerId::new("vpc")),
            40.0,
            20.0,
        )
        .expect("moves");
        let Edit::Move {
            nodes, containers, ..
        } = &edit
        else {
            panic!("expected a single Move, got {edit:?}");
        };
        assert_eq!(nodes.len(), 2);
        assert_eq!(containers.len(), 2);
        let mut after = d.clone();
        edit.apply(&mut after);
        assert_eq!(after.node("db").expect("db").pos, Pos::new(640.0, 220.0));
        assert_eq!(
            after.node("db").expect("db").container,
            Some(ContainerId::new("subnet"))
        );
        assert_eq!(after.container("subnet").expect("s").rect.x, 540.0);
    }

    #[test]
    fn moving_nothing_is_no_edit() {
        let d = design();
        assert!(move_edit(&d, &Selection::default(), 10.0, 0.0).is_none());
        assert!(move_edit(&d, &Selection::node(NodeId::new("app")), 0.0, 0.0).is_none());
    }

    #[test]
    fn shrinking_a_container_drops_the_nodes_left_outside() {
        let d = design();
        let edit = resize_edit(&d, 1, ModelRect::new(500.0, 100.0, 60.0, 60.0)).expect("edit");
        let mut after = d.clone();
        edit.apply(&mut after);
        assert_eq!(
            after.node("db").expect("db").container,
            Some(ContainerId::new("vpc"))
        );
    }

    #[test]
    fn edge_defaults_follow_the_usual_conventions() {
        use NodeKind as K;
        assert_eq!(
            default_edge(K::Client, K::LoadBalancer),
            (EdgeKind::SyncRequest, Some(Protocol::Https), None)
        );
        assert_eq!(
            default_edge(K::AppServer, K::SqlDb),
            (EdgeKind::Write, Some(Protocol::Tcp), Some(true))
        );
        assert_eq!(default_edge(K::AppServer, K::Cache).0, EdgeKind::Read);
        assert_eq!(
            default_edge(K::AppServer, K::MessageQueue).0,
            EdgeKind::AsyncMessage
        );
        assert_eq!(
            default_edge(K::MessageQueue, K::Worker).0,
            EdgeKind::AsyncMessage
        );
        assert_eq!(
            default_edge(K::SqlDb, K::ReadReplica).0,
            EdgeKind::Replication
        );
        assert_eq!(default_edge(K::Client, K::Dns).1, Some(Protocol::Udp));
        assert_eq!(
            default_edge(K::ObjectStorage, K::ServerlessFunction).0,
            EdgeKind::EventTrigger
        );
        assert_eq!(
            default_edge(K::PubSubTopic, K::Worker).0,
            EdgeKind::AsyncMessage
        );
    }
}
