//! The shipped templates: every one loads, validates and saves back byte-identical, is laid out
//! cleanly, and the walkthroughs contain the components the guide names; the walkthroughs are
//! critique-clean at production level and each LinkPulse "before" shows its rule findings while
//! the "after" clears them. Also the `archway templates` and `archway new` commands.
//!
//! `ARCHWAY_BLESS_TEMPLATES=1 cargo test --test templates` rewrites `templates/*.archway.ron` in
//! the serializer's exact format (after a hand edit).

use archway::critique::{self, Severity};
use archway::geometry::{NODE_H, NODE_W};
use archway::model::props::Role;
use archway::model::{Design, EdgeKind, NodeKind, Rect, ReviewLevel, file};
use archway::templates::{self, ALL};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

const WALKTHROUGHS: [&str; 9] = [
    "url-shortener",
    "chat",
    "news-feed",
    "file-sync",
    "rate-limiter",
    "notifications",
    "autocomplete",
    "web-crawler",
    "video-streaming",
];

fn templates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")
}

fn design(name: &str) -> Design {
    let t = templates::find(name).unwrap_or_else(|| panic!("template {name} is missing"));
    t.design()
        .unwrap_or_else(|p| panic!("template {name} does not parse: {p:?}"))
}

#[test]
fn files_on_disk_are_in_the_serializer_format() {
    let bless = std::env::var_os("ARCHWAY_BLESS_TEMPLATES").is_some();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(templates_dir()).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(file::EXTENSION) else {
            continue;
        };
        names.push(stem.to_owned());
        let text = std::fs::read_to_string(&path).unwrap();
        let d = file::parse(&text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let again = file::to_string(&d);
        if bless {
            std::fs::write(&path, &again).unwrap();
        } else {
            assert!(
                again == text,
                "{name} is not in the serializer's format; run with ARCHWAY_BLESS_TEMPLATES=1"
            );
        }
    }
    let mut compiled: Vec<String> = ALL.iter().map(|t| t.name.to_owned()).collect();
    names.sort();
    compiled.sort();
    assert_eq!(names, compiled, "templates/ and templates::ALL differ");
}

#[test]
fn every_template_parses_validates_and_round_trips() {
    assert!(!ALL.is_empty());
    let mut seen = HashSet::new();
    for t in ALL {
        assert!(seen.insert(t.name), "duplicate template name {}", t.name);
        let d = t
            .design()
            .unwrap_or_else(|p| panic!("{} does not parse: {p:?}", t.name));
        assert!(file::validate(&d, t.source).is_empty());
        assert!(
            file::to_string(&d) == t.source,
            "{} does not round-trip",
            t.name
        );
        assert_eq!(
            d.metadata.title, t.title,
            "{}: title differs from the file",
            t.name
        );
        assert!(
            !d.metadata.description.is_empty(),
            "{} has no description",
            t.name
        );
        assert!(!d.metadata.notes.is_empty(), "{} has no notes", t.name);
        assert_eq!(templates::find(t.name).map(|f| f.name), Some(t.name));
    }
    assert!(templates::find("no-such-template").is_none());
}

#[test]
fn walkthroughs_come_first_then_linkpulse_in_story_order() {
    let names: Vec<&str> = ALL.iter().map(|t| t.name).collect();
    let present: Vec<&str> = WALKTHROUGHS
        .iter()
        .copied()
        .filter(|w| names.contains(w))
        .collect();
    assert_eq!(&names[..present.len()], &present[..]);
    let stages: Vec<&str> = names[present.len()..].to_vec();
    for (i, s) in stages.iter().enumerate() {
        assert!(s.starts_with("linkpulse-"), "{s} after the walkthroughs");
        let n: u32 = s["linkpulse-".len()..]
            .split('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{s}: no stage number"));
        assert_eq!(n as usize, i + 1, "{s} out of order");
    }
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// Room a container keeps around what it holds: its header band on top, a margin elsewhere.
const HEADER_ROOM: f32 = 28.0;
const SIDE_ROOM: f32 = 12.0;

/// Whether `inner` sits inside `outer` leaving the header band and margins free.
fn inside_with_padding(outer: &Rect, inner: &Rect) -> bool {
    inner.x >= outer.x + SIDE_ROOM
        && inner.x + inner.w <= outer.x + outer.w - SIDE_ROOM
        && inner.y >= outer.y + HEADER_ROOM
        && inner.y + inner.h <= outer.y + outer.h - SIDE_ROOM
}

/// The container `id` and every container around it.
fn holders<'a>(d: &'a Design, mut id: Option<&'a str>) -> Vec<&'a str> {
    let mut out = Vec::new();
    while let Some(c) = id.and_then(|i| d.container(i)) {
        out.push(c.id.as_str());
        id = c.parent.as_ref().map(|p| p.as_str());
    }
    out
}

#[test]
fn layout_nodes_do_not_overlap_and_sit_inside_their_containers() {
    for t in ALL {
        let d = design(t.name);
        let rects: Vec<(String, Rect)> = d
            .nodes
            .iter()
            .map(|n| {
                (
                    n.id.to_string(),
                    Rect::new(n.pos.x, n.pos.y, NODE_W, NODE_H),
                )
            })
            .collect();
        for (i, (a, ra)) in rects.iter().enumerate() {
            for (b, rb) in &rects[i + 1..] {
                assert!(!overlaps(ra, rb), "{}: nodes {a} and {b} overlap", t.name);
            }
        }
        for n in &d.nodes {
            let r = Rect::new(n.pos.x, n.pos.y, NODE_W, NODE_H);
            for c in &d.containers {
                // A node lies clear of every container it is not in, and inside (below the
                // header, off the border) the ones it is in.
                let holds =
                    holders(&d, n.container.as_ref().map(|c| c.as_str())).contains(&c.id.as_str());
                if holds {
                    assert!(
                        inside_with_padding(&c.rect, &r),
                        "{}: node {} is not inside {} with room for its header and border",
                        t.name,
                        n.id,
                        c.id
                    );
                } else {
                    assert!(
                        !overlaps(&c.rect, &r),
                        "{}: node {} overlaps container {} it is not in",
                        t.name,
                        n.id,
                        c.id
                    );
                }
            }
        }
        for c in &d.containers {
            if let Some(p) = &c.parent {
                let p = d.container(p.as_str()).unwrap();
                assert!(
                    inside_with_padding(&p.rect, &c.rect),
                    "{}: container {} is not inside {} with room for its header and border",
                    t.name,
                    c.id,
                    p.id
                );
            }
            // Siblings do not overlap.
            for o in &d.containers {
                if o.id != c.id && o.parent == c.parent && o.id.as_str() < c.id.as_str() {
                    assert!(
                        !overlaps(&o.rect, &c.rect),
                        "{}: containers {} and {} overlap",
                        t.name,
                        o.id,
                        c.id
                    );
                }
            }
        }
    }
}

/// The zoom the app picks when it opens a template (zoom to fit), for a canvas area of
/// `w`×`h` screen pixels.
fn fit_zoom(d: &Design, w: f32, h: f32) -> f32 {
    let bounds = archway::ui::canvas::design_bounds(d).expect("a template is not empty");
    let viewport = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, h));
    archway::ui::canvas::fit_transform(bounds, viewport).scaling
}

/// Zoom from which the canvas draws node labels (below it, boxes and icons only).
const LABEL_ZOOM: f32 = archway::ui::canvas::LABEL_ZOOM;
/// Zoom from which edge captions are drawn too, and labels are not tiny.
const READABLE_ZOOM: f32 = archway::ui::canvas::CAPTION_ZOOM;

#[test]
fn layout_reads_at_first_sight_on_a_1280_by_800_window() {
    // At 1280×800 the canvas between the palette and the inspector is about 750×750 px; a
    // shorter 760×640 area still has to show the labels.
    let mut low = Vec::new();
    for t in ALL {
        let d = design(t.name);
        let usual = fit_zoom(&d, 750.0, 750.0);
        let short = fit_zoom(&d, 760.0, 640.0);
        if usual < READABLE_ZOOM || short < LABEL_ZOOM {
            low.push(format!(
                "{}: fits at {:.0}% (750×750) and {:.0}% (760×640)",
                t.name,
                usual * 100.0,
                short * 100.0
            ));
        }
    }
    assert!(
        low.is_empty(),
        "too small to read when opened:\n{}",
        low.join("\n")
    );
}

/// The canvas's edge captions of every template at the readable zoom [`READABLE_ZOOM`] (the
/// finding badges and the capacity view on): every caption the canvas draws there covers no
/// node box, no node's finding badge, no capacity caption and no other caption (with its edge's
/// badge), and is within `MAX_CAPTION_GAP` (3.5 canvas units) of its own edge. A caption with
/// no such place waits for the zoom where captions are placed as in the exports; few do.
#[test]
fn canvas_captions_at_the_readable_zoom_sit_beside_their_edge_clear_of_everything() {
    use archway::geometry::caption::{MAX_CAPTION_GAP, node_badge_rect};
    use archway::geometry::grid::overlaps;
    use archway::ui::canvas::{GeometryCache, caption_style};
    let style = caption_style(READABLE_ZOOM);
    assert!(
        archway::geometry::CAPTION_FONT * style.scale * READABLE_ZOOM >= 7.99,
        "captions are at least 8 px high at the readable zoom"
    );
    let (mut problems, mut drawn, mut waiting) = (Vec::new(), 0, Vec::new());
    for t in ALL {
        let d = design(t.name);
        let analysis = critique::Analysis::of(&d);
        let mut cache = GeometryCache::default();
        cache.refresh(&d, &analysis.report, 1);
        cache.ensure_captions(&d, style, true, Some(&analysis.estimate));
        let mut covered: Vec<(String, Rect)> = Vec::new();
        for (i, n) in d.nodes.iter().enumerate() {
            let r = archway::geometry::node_rect(n);
            covered.push((format!("node {}", n.id.as_str()), r));
            if cache.node_badges[i].is_some() {
                covered.push((
                    format!("the badge of {}", n.id.as_str()),
                    node_badge_rect(&r),
                ));
            }
            if let Some(text) = analysis.estimate.nodes[i].caption_text() {
                covered.push((
                    format!("the capacity caption of {}", n.id.as_str()),
                    cache.capacity_caption(i, r, &text, style.scale),
                ));
            }
        }
        let shown: Vec<(usize, Rect)> = cache
            .captions
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let c = c.as_ref()?;
                if !c.clear {
                    waiting.push(format!("{}: {}", t.name, d.edges[i].id.as_str()));
                }
                c.clear.then(|| (i, c.footprint()))
            })
            .collect();
        for (k, &(i, r)) in shown.iter().enumerate() {
            drawn += 1;
            let id = d.edges[i].id.as_str();
            for (what, o) in &covered {
                if overlaps(&r, o) {
                    problems.push(format!("{}: caption of {id} covers {what}", t.name));
                }
            }
            for &(j, o) in &shown[k + 1..] {
                if overlaps(&r, &o) {
                    problems.push(format!(
                        "{}: captions of {id} and {} overlap",
                        t.name,
                        d.edges[j].id.as_str()
                    ));
                }
            }
            let text = cache.captions[i].as_ref().expect("shown").rect;
            let route = cache.edge_routes[i].expect("a captioned edge is routed");
            let gap = route
                .segments()
                .map(|(a, b)| {
                    let dx = (text.x - a.x.max(b.x)).max(a.x.min(b.x) - (text.x + text.w));
                    let dy = (text.y - a.y.max(b.y)).max(a.y.min(b.y) - (text.y + text.h));
                    (dx.max(0.0).powi(2) + dy.max(0.0).powi(2)).sqrt()
                })
                .fold(f32::INFINITY, f32::min);
            if gap > MAX_CAPTION_GAP {
                problems.push(format!(
                    "{}: caption of {id} is {gap:.1} from its edge",
                    t.name
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {drawn} captions misplaced:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Most captions are shown at the readable zoom (where they are set 1.4 times larger to
    // stay 8 px high); the rest from the zoom where they are placed as in the exports. Known
    // gap: 182 of 709 wait today, mostly in the LinkPulse chapters' crowded shard columns.
    // This bound only goes down.
    assert!(
        waiting.len() <= 182,
        "{} captions wait for a closer zoom ({drawn} shown):\n{}",
        waiting.len(),
        waiting.join("\n")
    );
    eprintln!(
        "{drawn} captions shown at {READABLE_ZOOM}, {} wait",
        waiting.len()
    );
}

/// At 100 % the canvas places captions as the exports do: with the finding badges on (and the
/// capacity view off, as it opens), every caption is drawn clear of everything, wrapped, or
/// (where no place beside its edge is free) as a numbered marker on its edge whose text shows
/// when the edge is hovered; none waits and none is drawn over a node.
#[test]
fn canvas_captions_at_100_percent_are_all_clear_some_as_markers() {
    let markers = captions_at_100_percent(false);
    assert!(markers <= 21, "{markers} captions are markers");
}

/// The same with the capacity view on: the capacity captions (load, utilisation and cost)
/// are placed first, each beside its own node where it covers no other node, no finding badge
/// and no other capacity caption, and the edge captions keep clear of them. Nothing covers
/// anything; a few more edge captions are markers than with the view off (the capacity
/// captions take some of the room between stacked nodes).
#[test]
fn canvas_captions_at_100_percent_with_the_capacity_view_are_all_clear() {
    let markers = captions_at_100_percent(true);
    assert!(markers <= 27, "{markers} captions are markers");
}

/// Places every template's captions at 100 % (the capacity captions too when `capacity`),
/// checks that every edge caption is clear and every capacity caption covers no other node,
/// no finding badge, no other capacity caption and no edge caption, and returns how many edge
/// captions are markers.
fn captions_at_100_percent(capacity: bool) -> usize {
    use archway::geometry::caption::node_badge_rect;
    use archway::geometry::grid::overlaps;
    use archway::geometry::node_rect;
    use archway::ui::canvas::{GeometryCache, caption_style};
    let style = caption_style(1.0);
    assert!(style.shrink, "placed as in the exports");
    let (mut shown, mut markers, mut covering, mut pills) = (0, 0, Vec::new(), 0);
    for t in ALL {
        let d = design(t.name);
        let analysis = critique::Analysis::of(&d);
        let mut cache = GeometryCache::default();
        cache.refresh(&d, &analysis.report, 1);
        cache.ensure_captions(&d, style, true, capacity.then_some(&analysis.estimate));
        for (i, c) in cache.captions.iter().enumerate() {
            let Some(c) = c else { continue };
            shown += 1;
            if c.note.is_some() {
                markers += 1;
                assert_eq!(
                    c.lines.join(" "),
                    archway::geometry::edge_caption(&d.edges[i])
                );
            }
            if !c.clear {
                covering.push(format!("{}: {}", t.name, d.edges[i].id.as_str()));
            }
        }
        if !capacity {
            continue;
        }
        let placed: Vec<(usize, Rect)> = d
            .nodes
            .iter()
            .zip(&analysis.estimate.nodes)
            .enumerate()
            .filter_map(|(i, (n, est))| {
                let text = est.caption_text()?;
                Some((
                    i,
                    cache.capacity_caption(i, node_rect(n), &text, style.scale),
                ))
            })
            .collect();
        for (k, &(i, r)) in placed.iter().enumerate() {
            pills += 1;
            let id = d.nodes[i].id.as_str();
            for (j, n) in d.nodes.iter().enumerate() {
                let other = node_rect(n);
                if j != i && overlaps(&r, &other) {
                    covering.push(format!(
                        "{}: {id}'s capacity caption covers {}",
                        t.name,
                        n.id.as_str()
                    ));
                }
                if cache.node_badges[j].is_some() && overlaps(&r, &node_badge_rect(&other)) {
                    covering.push(format!(
                        "{}: {id}'s capacity caption covers the badge of {}",
                        t.name,
                        n.id.as_str()
                    ));
                }
            }
            for &(j, o) in &placed[k + 1..] {
                if overlaps(&r, &o) {
                    covering.push(format!(
                        "{}: the capacity captions of {id} and {} overlap",
                        t.name,
                        d.nodes[j].id.as_str()
                    ));
                }
            }
            for (e, c) in cache.captions.iter().enumerate() {
                if c.as_ref().is_some_and(|c| overlaps(&r, &c.footprint())) {
                    covering.push(format!(
                        "{}: {id}'s capacity caption covers the caption of {}",
                        t.name,
                        d.edges[e].id.as_str()
                    ));
                }
            }
        }
    }
    assert!(shown > 700, "{shown} captions");
    assert!(!capacity || pills > 400, "{pills} capacity captions");
    assert!(
        covering.is_empty(),
        "{} of {shown} captions cover something at 100 % (capacity view {}):\n{}",
        covering.len(),
        if capacity { "on" } else { "off" },
        covering.join("\n")
    );
    eprintln!("{shown} captions at 100 %, {markers} as markers; {pills} capacity captions");
    markers
}

// ---------------------------------------------------------------- walkthrough contents

/// Small query helper over a design: nodes by kind and edges by endpoints and kind.
struct Q<'a>(&'a Design);

impl<'a> Q<'a> {
    fn kind(&self, id: &str) -> NodeKind {
        self.0
            .node(id)
            .unwrap_or_else(|| panic!("no node {id}"))
            .kind
    }
    fn of_kind(&self, kind: NodeKind) -> Vec<&'a str> {
        self.0
            .nodes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| n.id.as_str())
            .collect()
    }
    fn edge(&self, from: &str, to: &str, kind: EdgeKind) -> bool {
        self.0
            .edges
            .iter()
            .any(|e| e.from.as_str() == from && e.to.as_str() == to && e.kind == kind)
    }
    /// Nodes of `kind` that `from` has an edge of `edge` to.
    fn targets(&self, from: &str, edge: EdgeKind, kind: NodeKind) -> Vec<&'a str> {
        self.0
            .edges
            .iter()
            .filter(|e| e.from.as_str() == from && e.kind == edge)
            .map(|e| e.to.as_str())
            .filter(|t| self.kind(t) == kind)
            .collect()
    }
    fn role(&self, id: &str) -> Option<Role> {
        self.0.node(id).and_then(|n| n.props.role.clone())
    }
    /// Some node of `from_kind` has an edge of `edge` to `to`.
    fn reached_by(&self, from_kind: NodeKind, edge: EdgeKind, to: &str) -> bool {
        self.of_kind(from_kind)
            .iter()
            .any(|f| self.edge(f, to, edge))
    }
}

#[test]
fn url_shortener_has_a_cache_backing_the_database_read_by_the_app() {
    let d = design("url-shortener");
    let q = Q(&d);
    let cache = q
        .of_kind(NodeKind::Cache)
        .into_iter()
        .find(|c| q.role(c) == Some(Role::Cache))
        .expect("a cache");
    let backs = d
        .node(cache)
        .unwrap()
        .props
        .backs
        .clone()
        .unwrap_or_default();
    let db = backs
        .iter()
        .find(|b| q.kind(b.as_str()) == NodeKind::SqlDb)
        .expect("the cache backs a SQL database");
    let app = q
        .of_kind(NodeKind::AppServer)
        .into_iter()
        .find(|a| q.edge(a, cache, EdgeKind::Read))
        .expect("an app server reads the cache");
    assert!(
        q.edge(app, db.as_str(), EdgeKind::Read),
        "the app reads the DB on a miss"
    );
    assert!(
        q.edge(app, db.as_str(), EdgeKind::Write),
        "the app inserts new codes"
    );
    assert!(
        q.edge(app, cache, EdgeKind::Write),
        "the app fills the cache"
    );
    assert_eq!(d.workload.read_write_ratio, Some(100.0));
    // A standby in the other zone.
    assert!(
        q.of_kind(NodeKind::SqlDb)
            .iter()
            .any(|s| q.role(s) == Some(Role::Standby)
                && q.edge(db.as_str(), s, EdgeKind::Replication))
    );
    assert!(q.reached_by(NodeKind::LoadBalancer, EdgeKind::SyncRequest, app));
}

#[test]
fn chat_has_websocket_servers_with_a_cross_server_bus() {
    let d = design("chat");
    let q = Q(&d);
    let ws = q.of_kind(NodeKind::WebsocketServer);
    assert_eq!(ws.len(), 1);
    let ws = ws[0];
    assert!(d.node(ws).unwrap().props.instances.unwrap_or(1) > 1);
    let bus = q.targets(ws, EdgeKind::AsyncMessage, NodeKind::Stream);
    assert_eq!(bus.len(), 1, "the WebSocket servers publish to one bus");
    assert!(
        q.edge(bus[0], ws, EdgeKind::AsyncMessage),
        "and consume from it"
    );
    assert!(
        !q.targets(ws, EdgeKind::Write, NodeKind::NosqlDb).is_empty(),
        "messages persisted"
    );
    let presence = q.targets(ws, EdgeKind::Write, NodeKind::Cache);
    assert!(presence.iter().any(|p| q.role(p) == Some(Role::Presence)));
    assert!(q.reached_by(NodeKind::LoadBalancer, EdgeKind::SyncRequest, ws));
    assert!(d.edges.iter().any(|e| e.to.as_str() == "alb"
        && e.protocol == Some(archway::model::Protocol::WebSocket)
        && e.is_encrypted()));
    assert_eq!(d.workload.dau, Some(500_000));
}

#[test]
fn news_feed_fans_out_through_a_stream_to_workers() {
    let d = design("news-feed");
    let q = Q(&d);
    let apps = q.of_kind(NodeKind::AppServer);
    let (stream, writer) = apps
        .iter()
        .find_map(|a| {
            q.targets(a, EdgeKind::AsyncMessage, NodeKind::Stream)
                .first()
                .map(|s| (*s, *a))
        })
        .expect("the post service publishes to a stream");
    let worker = q
        .of_kind(NodeKind::Worker)
        .into_iter()
        .find(|w| q.edge(stream, w, EdgeKind::AsyncMessage))
        .expect("fan-out workers consume it");
    assert_eq!(q.role(worker), Some(Role::Fanout));
    let fanout = d.node(worker).unwrap().props.fanout.clone().unwrap();
    assert_eq!(
        fanout.strategy,
        Some(archway::model::props::FanoutStrategy::Hybrid)
    );
    assert!(
        !q.targets(worker, EdgeKind::Write, NodeKind::NosqlDb)
            .is_empty(),
        "feed store"
    );
    let reader = apps.iter().find(|a| **a != writer).unwrap();
    assert!(
        !q.targets(reader, EdgeKind::Read, NodeKind::Cache)
            .is_empty()
    );
    assert!(
        !q.targets(reader, EdgeKind::Read, NodeKind::ReadReplica)
            .is_empty()
    );
}

#[test]
fn walkthroughs_are_reviewed_at_production_level() {
    for t in ALL.iter().filter(|t| t.is_walkthrough()) {
        assert!(
            WALKTHROUGHS.contains(&t.name),
            "{} is not a walkthrough name",
            t.name
        );
        assert_eq!(
            design(t.name).review_level,
            ReviewLevel::Production,
            "{}",
            t.name
        );
    }
}

// ---------------------------------------------------------------- CLI

fn archway() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("archway").unwrap()
}

#[test]
fn cli_templates_lists_name_tab_title() {
    let out = archway()
        .arg("templates")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), ALL.len());
    for (line, t) in lines.iter().zip(ALL) {
        assert_eq!(*line, format!("{}\t{}", t.name, t.title));
    }
    assert!(lines[0].starts_with("url-shortener\t"));
}

#[test]
fn cli_new_writes_the_template_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    archway()
        .current_dir(dir.path())
        .args(["new", "--template", "chat"])
        .assert()
        .success();
    let written = dir.path().join("chat.archway.ron");
    let text = std::fs::read_to_string(&written).unwrap();
    assert_eq!(text, templates::find("chat").unwrap().source);

    // A second run refuses and leaves the file alone.
    std::fs::write(&written, "edited").unwrap();
    let out = archway()
        .current_dir(dir.path())
        .args(["new", "--template", "chat"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("--force"));
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "edited");

    // --force overwrites; -o picks the file.
    archway()
        .current_dir(dir.path())
        .args(["new", "--template", "chat", "--force"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&written).unwrap(), text);
    let other = dir.path().join("mine.archway.ron");
    archway()
        .args(["new", "--template", "url-shortener", "-o"])
        .arg(&other)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        templates::find("url-shortener").unwrap().source
    );
}

#[test]
fn cli_new_unknown_template_lists_the_valid_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = archway()
        .current_dir(dir.path())
        .args(["new", "--template", "twitter"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("unknown template `twitter`"), "{err}");
    for t in ALL {
        assert!(err.contains(t.name), "{err} lacks {}", t.name);
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

// ---------------------------------------------------------------- critique

#[test]
fn walkthroughs_have_no_error_or_warning_findings() {
    let mut failures = Vec::new();
    for t in ALL.iter().filter(|t| t.is_walkthrough()) {
        let report = critique::review(&design(t.name));
        for f in report.active() {
            if matches!(f.severity, Severity::Error | Severity::Warning) {
                failures.push(format!(
                    "{}: {} {} ({:?} {:?}): {}",
                    t.name,
                    f.severity.key(),
                    f.rule,
                    f.nodes,
                    f.edges,
                    f.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "findings:\n{}", failures.join("\n"));
}

#[test]
fn file_sync_sends_chunks_straight_to_object_storage() {
    let d = design("file-sync");
    let q = Q(&d);
    let client = q.of_kind(NodeKind::Client)[0];
    let buckets = q.targets(client, EdgeKind::Write, NodeKind::ObjectStorage);
    assert_eq!(
        buckets.len(),
        1,
        "the client uploads chunks to the bucket itself"
    );
    let upload = d
        .edges
        .iter()
        .find(|e| {
            e.from.as_str() == client && e.to.as_str() == buckets[0] && e.kind == EdgeKind::Write
        })
        .unwrap();
    assert_eq!(upload.props.chunked, Some(true));
    assert_eq!(upload.props.resumable, Some(true));
    assert_eq!(upload.props.presigned, Some(true));
    assert_eq!(upload.props.max_payload_mb, Some(4.0));
    assert!(q.edge(client, buckets[0], EdgeKind::Read), "downloads too");
    let app = q.of_kind(NodeKind::AppServer)[0];
    let db = q.targets(app, EdgeKind::Read, NodeKind::SqlDb)[0];
    let commits: Vec<_> = d
        .edges
        .iter()
        .filter(|e| e.from.as_str() == app && e.to.as_str() == db && e.kind == EdgeKind::Write)
        .collect();
    assert!(commits.len() >= 2);
    assert!(commits.iter().all(|e| e.props.transactional == Some(true)));
    assert!(
        q.targets(app, EdgeKind::Write, NodeKind::ObjectStorage)
            .is_empty(),
        "no bytes via the app"
    );
    assert!(
        q.of_kind(NodeKind::SqlDb)
            .iter()
            .any(|s| q.edge(db, s, EdgeKind::Replication))
    );
}

#[test]
fn rate_limiter_shares_counters_in_redis() {
    let d = design("rate-limiter");
    let q = Q(&d);
    let api = q.of_kind(NodeKind::AppServer)[0];
    let rl = d
        .node(api)
        .unwrap()
        .props
        .rate_limit
        .clone()
        .expect("rate_limit on the API");
    assert_eq!(rl.enabled, Some(true));
    assert_eq!(
        rl.store,
        Some(archway::model::props::RateLimitStore::SharedCache)
    );
    assert_eq!(rl.scopes.len(), 3);
    assert_eq!(
        rl.reply,
        Some(archway::model::props::RateLimitReply::RetryAfter429)
    );
    let counters = q.targets(api, EdgeKind::Write, NodeKind::Cache);
    assert_eq!(counters.len(), 1);
    assert_eq!(q.role(counters[0]), Some(Role::RateLimitCounter));
    assert!(d.node(counters[0]).unwrap().props.default_ttl_s.is_some());
    assert!(
        d.node(api).unwrap().props.instances.unwrap_or(1) > 1,
        "several API servers"
    );
}

#[test]
fn notifications_route_events_per_channel_with_a_dlq() {
    let d = design("notifications");
    let q = Q(&d);
    let streams = q.of_kind(NodeKind::Stream);
    let producer = q
        .of_kind(NodeKind::AppServer)
        .into_iter()
        .find(|a| {
            !q.targets(a, EdgeKind::AsyncMessage, NodeKind::Stream)
                .is_empty()
        })
        .expect("producers publish events");
    let events = q.targets(producer, EdgeKind::AsyncMessage, NodeKind::Stream)[0];
    let svc = q
        .of_kind(NodeKind::Worker)
        .into_iter()
        .find(|w| q.edge(events, w, EdgeKind::AsyncMessage))
        .expect("the notification service consumes the events");
    assert!(
        !q.targets(svc, EdgeKind::Read, NodeKind::Cache).is_empty(),
        "preferences cache"
    );
    let dlq = streams
        .iter()
        .find(|s| q.role(s) == Some(Role::Dlq))
        .expect("a dead-letter topic");
    use archway::model::props::ExternalCategory as C;
    for category in [C::Push, C::Email, C::Sms] {
        let provider = d
            .nodes
            .iter()
            .find(|n| n.kind == NodeKind::ExternalService && n.props.category == Some(category))
            .unwrap_or_else(|| panic!("a {category} provider"));
        let worker = q
            .of_kind(NodeKind::Worker)
            .into_iter()
            .find(|w| q.edge(w, provider.id.as_str(), EdgeKind::SyncRequest))
            .unwrap_or_else(|| panic!("a worker calls the {category} provider"));
        assert!(
            q.edge(worker, dlq, EdgeKind::AsyncMessage),
            "{worker} dead-letters"
        );
        let sent = q.targets(worker, EdgeKind::Write, NodeKind::Cache);
        assert!(
            sent.iter()
                .any(|c| q.role(c) == Some(Role::IdempotencyStore))
        );
        assert!(
            streams
                .iter()
                .any(|s| q.edge(s, worker, EdgeKind::AsyncMessage))
        );
    }
    assert_eq!(q.of_kind(NodeKind::NatGateway).len(), 1);
    let ws = q.of_kind(NodeKind::WebsocketServer)[0];
    assert!(
        streams
            .iter()
            .any(|s| q.edge(s, ws, EdgeKind::AsyncMessage)),
        "in-app live push"
    );
}

#[test]
fn autocomplete_serves_from_cdn_and_ram_without_a_database_on_the_hot_path() {
    let d = design("autocomplete");
    let q = Q(&d);
    let user = q.of_kind(NodeKind::Client)[0];
    let cdn = q.of_kind(NodeKind::Cdn)[0];
    assert!(d.edges.iter().any(|e| {
        e.from.as_str() == user
            && e.to.as_str() == cdn
            && e.props
                .tags
                .as_deref()
                .unwrap_or_default()
                .contains(&archway::model::props::EdgeTag::Typeahead)
    }));
    let lb = q.targets(cdn, EdgeKind::SyncRequest, NodeKind::LoadBalancer)[0];
    let trie = q
        .targets(lb, EdgeKind::SyncRequest, NodeKind::AppServer)
        .into_iter()
        .find(|a| d.node(a).unwrap().props.top_k == Some(10))
        .expect("trie servers behind the LB");
    // Nothing but background snapshot loads leaves the trie servers.
    for e in d.edges.iter().filter(|e| e.from.as_str() == trie) {
        assert_eq!(
            e.props.background,
            Some(true),
            "{} is on the hot path",
            e.id
        );
    }
    let job = q.of_kind(NodeKind::BatchJob)[0];
    assert!(
        q.edge(job, trie, EdgeKind::SyncRequest),
        "the builder announces new snapshots"
    );
    assert!(
        !q.targets(job, EdgeKind::Write, NodeKind::ObjectStorage)
            .is_empty()
    );
    assert_eq!(d.workload.latency_target_ms, Some(100.0));
}

#[test]
fn web_crawler_has_a_url_frontier_queue() {
    let d = design("web-crawler");
    let q = Q(&d);
    let frontier = q
        .of_kind(NodeKind::MessageQueue)
        .into_iter()
        .find(|m| q.role(m) == Some(Role::Frontier))
        .expect("a URL frontier queue");
    let p = &d.node(frontier).unwrap().props;
    assert_eq!(p.priority, Some(true));
    assert_eq!(p.per_domain_rate_limit, Some(true));
    let fetcher = q
        .of_kind(NodeKind::Worker)
        .into_iter()
        .find(|w| q.edge(frontier, w, EdgeKind::AsyncMessage))
        .expect("fetchers consume the frontier");
    assert_eq!(q.role(fetcher), Some(Role::Fetcher));
    assert!(
        q.edge(fetcher, frontier, EdgeKind::AsyncMessage),
        "outlinks go back to the frontier"
    );
    let fp = &d.node(fetcher).unwrap().props;
    assert_eq!(fp.robots_txt_check, Some(true));
    assert_eq!(
        fp.partitioning,
        Some(archway::model::props::Partitioning::ConsistentHashByDomain)
    );
    assert!(
        !q.targets(fetcher, EdgeKind::SyncRequest, NodeKind::ExternalService)
            .is_empty()
    );
    assert!(
        q.targets(fetcher, EdgeKind::Read, NodeKind::Cache)
            .iter()
            .any(|c| q.role(c) == Some(Role::DedupeFilter))
    );
    assert!(
        !q.targets(fetcher, EdgeKind::Write, NodeKind::SearchIndex)
            .is_empty()
    );
    assert!(q.of_kind(NodeKind::Client).is_empty() && q.of_kind(NodeKind::LoadBalancer).is_empty());
}

#[test]
fn video_streaming_transcodes_through_a_queue_and_delivers_via_cdn() {
    let d = design("video-streaming");
    let q = Q(&d);
    let api = q.of_kind(NodeKind::AppServer)[0];
    let queue = q.targets(api, EdgeKind::AsyncMessage, NodeKind::MessageQueue)[0];
    let transcoder = q
        .of_kind(NodeKind::Worker)
        .into_iter()
        .find(|w| q.edge(queue, w, EdgeKind::AsyncMessage))
        .expect("transcoders consume jobs");
    assert_eq!(q.role(transcoder), Some(Role::Transcoder));
    let segments = q
        .targets(transcoder, EdgeKind::Write, NodeKind::ObjectStorage)
        .into_iter()
        .find(|b| d.node(b).unwrap().props.video_ladder.is_some())
        .expect("segments with a rendition ladder");
    let cdn = q.of_kind(NodeKind::Cdn)[0];
    assert!(
        q.edge(cdn, segments, EdgeKind::Read),
        "the CDN pulls from the segment bucket"
    );
    let clients = q.of_kind(NodeKind::Client);
    assert!(
        clients.iter().any(|c| q.edge(c, cdn, EdgeKind::Read)),
        "viewers watch via the CDN"
    );
    assert!(
        clients.iter().any(|c| !q
            .targets(c, EdgeKind::Write, NodeKind::ObjectStorage)
            .is_empty()),
        "uploads go straight to S3"
    );
    assert!(
        q.targets(api, EdgeKind::Write, NodeKind::ObjectStorage)
            .is_empty()
    );
}

// ---------------------------------------------------------------- LinkPulse story

/// One incident of the story (templates.md §L): the rule ids its "before" stage shows and its
/// "after" stage clears (`None` when the story leaves the problem open). A rule id with a node
/// (`SPOF-SINGLE-INSTANCE@node_api`) is checked only on findings that point at that node.
struct Incident {
    name: &'static str,
    before: &'static str,
    after: Option<&'static str>,
    rules: &'static [&'static str],
}

const INCIDENTS: &[Incident] = &[
    Incident {
        name: "1.A plaintext",
        before: "linkpulse-1-launch",
        after: Some("linkpulse-2-https"),
        rules: &["TLS-PUBLIC-PLAINTEXT"],
    },
    Incident {
        name: "1.B far users",
        before: "linkpulse-3-far-away-users",
        after: None,
        rules: &["GEO-NO-LOCALITY", "CDN-MISSING-FOR-STATIC"],
    },
    Incident {
        name: "2.A trending",
        before: "linkpulse-4-hot-trending-query",
        after: Some("linkpulse-5-redis-cache"),
        rules: &["CACHE-MISSING-READ-HEAVY"],
    },
    Incident {
        name: "2.B blobs",
        before: "linkpulse-6-thumbnails-in-db",
        after: Some("linkpulse-7-s3-and-cdn"),
        rules: &["DB-BLOBS-IN-DATABASE"],
    },
    Incident {
        name: "2.C one process",
        before: "linkpulse-7-s3-and-cdn",
        after: Some("linkpulse-8-load-balancer"),
        rules: &["SPOF-SINGLE-INSTANCE@node_api"],
    },
    Incident {
        name: "2.D email",
        before: "linkpulse-9-email-in-request",
        after: Some("linkpulse-10-email-queue"),
        rules: &["SYNC-SLOW-SIDE-EFFECT"],
    },
    Incident {
        name: "3.B stale read",
        before: "linkpulse-11-read-replicas",
        after: Some("linkpulse-12-read-your-writes"),
        rules: &["REPL-NO-READ-YOUR-WRITES"],
    },
    Incident {
        name: "3.C no tx",
        before: "linkpulse-13-share-without-tx",
        after: Some("linkpulse-14-share-in-tx"),
        rules: &["ACID-MULTI-WRITE-NO-TX"],
    },
    Incident {
        name: "3.3 range shards",
        before: "linkpulse-15-range-shards",
        after: Some("linkpulse-16-hash-shards"),
        rules: &["SHARD-HOTSPOT-RISK"],
    },
    Incident {
        name: "3.3 cross-shard",
        before: "linkpulse-15-range-shards",
        after: None,
        rules: &["SHARD-CROSS-SHARD-QUERY"],
    },
    Incident {
        name: "3.E push fan-out",
        before: "linkpulse-17-push-fanout",
        after: Some("linkpulse-18-hybrid-fanout"),
        rules: &["FANOUT-PUSH-LARGE-AUDIENCE"],
    },
    Incident {
        name: "3.E sync fan-out",
        before: "linkpulse-17-push-fanout",
        after: None,
        rules: &["FANOUT-SYNCHRONOUS"],
    },
    Incident {
        name: "4.A cookie",
        before: "linkpulse-18-hybrid-fanout",
        after: Some("linkpulse-19-jwt"),
        rules: &["AUTH-UNSIGNED-IDENTITY"],
    },
    Incident {
        name: "4.B injection",
        before: "linkpulse-19-jwt",
        after: Some("linkpulse-20-parameterized-queries"),
        rules: &["INJECTION-STRING-QUERY"],
    },
    Incident {
        name: "4.C IDOR",
        before: "linkpulse-21-teams-without-authz",
        after: Some("linkpulse-22-rbac"),
        rules: &["AUTHZ-MISSING"],
    },
    Incident {
        name: "4.D tenant filter",
        before: "linkpulse-23-tenant-filter-in-app",
        after: Some("linkpulse-24-row-level-security"),
        rules: &["TENANT-NO-DB-ENFORCEMENT"],
    },
    Incident {
        name: "4.E DDoS",
        before: "linkpulse-25-login-ddos",
        after: Some("linkpulse-26-rate-limit-and-waf"),
        rules: &["RATE-LIMIT-MISSING"],
    },
];

/// Whether the critique engine has a rule with this id.
fn registered(rule: &str) -> bool {
    critique::rules::all().iter().any(|r| r.meta().id == rule)
}

/// Rule ids (with `@node` targets resolved) that a stage's review shows.
fn fires(stage: &str, rule: &str) -> bool {
    let (id, node) = match rule.split_once('@') {
        Some((id, node)) => (id, Some(node)),
        None => (rule, None),
    };
    critique::review(&design(stage))
        .active()
        .any(|f| f.rule == id && node.is_none_or(|n| f.nodes.iter().any(|x| x.as_str() == n)))
}

#[test]
fn linkpulse_before_stages_show_their_rules_and_after_stages_clear_them() {
    let mut failures = Vec::new();
    for inc in INCIDENTS {
        for rule in inc.rules {
            let id = rule.split('@').next().unwrap_or(rule);
            assert!(registered(id), "{}: no rule `{id}` is registered", inc.name);
            if !fires(inc.before, rule) {
                failures.push(format!("{}: {} does not show {rule}", inc.name, inc.before));
            }
            if let Some(after) = inc.after
                && fires(after, rule)
            {
                failures.push(format!("{}: {after} still shows {rule}", inc.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn linkpulse_incidents_name_existing_stages() {
    for inc in INCIDENTS {
        for stage in std::iter::once(inc.before).chain(inc.after) {
            assert!(
                templates::find(stage).is_some(),
                "{}: no stage {stage}",
                inc.name
            );
            assert!(stage.starts_with("linkpulse-"));
        }
    }
    let stages = ALL.iter().filter(|t| !t.is_walkthrough()).count();
    assert_eq!(
        stages, 26,
        "one stage per before/after state of templates.md §L"
    );
}

#[test]
fn layout_edges_do_not_pass_through_other_nodes() {
    let mut failures = Vec::new();
    for t in ALL {
        let d = design(t.name);
        // The routes the canvas and the exporters draw.
        let routes = archway::geometry::Router::new(&d).routes();
        for (e, route) in d.edges.iter().zip(&routes) {
            let route = route.expect("both ends exist");
            for n in &d.nodes {
                if n.id == e.from || n.id == e.to {
                    continue;
                }
                let r = Rect::new(n.pos.x + 6.0, n.pos.y + 6.0, NODE_W - 12.0, NODE_H - 12.0);
                let points = route.flatten(4);
                let through = points.windows(2).any(|w| {
                    (0..=20).any(|k| {
                        let t = k as f32 / 20.0;
                        r.contains(archway::model::Pos::new(
                            w[0].x + (w[1].x - w[0].x) * t,
                            w[0].y + (w[1].y - w[0].y) * t,
                        ))
                    })
                });
                if through {
                    failures.push(format!("{}: edge {} passes through {}", t.name, e.id, n.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cli_new_chat_then_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    archway()
        .current_dir(dir.path())
        .args(["new", "--template", "chat"])
        .assert()
        .success();
    archway()
        .current_dir(dir.path())
        .args(["check", "chat.archway.ron"])
        .assert()
        .code(0);
}
