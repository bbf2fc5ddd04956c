//! The draw.io (diagrams.net) reader: `.drawio`/`.xml` files, plain or compressed pages (base64,
//! raw deflate, URL encoding), and diagrams embedded in `.drawio.svg` (the `content` attribute)
//! and `.drawio.png` (the `mxfile` text chunk). Reads one page's vertices and edges: HTML
//! labels made plain, style hints (stencils, `resIcon`, aws4 group icons, `container=1`,
//! swimlanes, dashed lines), absolute bounds (child geometry is relative to its parent), loose
//! edge ends and edge-label children. Groups are what the style says, what holds children, or
//! a plain box drawn around other shapes; an icon inside an otherwise empty box (a "card") is
//! one component; free text and lines are skipped and listed.

use super::diagram::{
    Bounds, Diagram, Element, Hints, ImportError, Link, LinkEnd, LinkStyle, PageChoice, Skipped,
    SourceRef,
};
use roxmltree::{Document, Node as XmlNode, ParsingOptions};
use std::collections::HashMap;
use std::path::Path;

/// The most a compressed page or PNG chunk may inflate to.
const MAX_INFLATED: usize = 64 * 1024 * 1024;
/// Coordinates beyond this are treated as this (a corrupt file cannot overflow the layout).
const MAX_COORD: f32 = 1_000_000.0;

fn error(message: impl Into<String>) -> ImportError {
    ImportError {
        message: message.into(),
        line: None,
        column: None,
    }
}

/// Reads the chosen page of a draw.io file.
pub fn read(_path: &Path, bytes: &[u8], page: &PageChoice) -> Result<Diagram, ImportError> {
    let xml = mxfile_text(bytes)?;
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(&xml.text, options).map_err(|e| {
        let pos = e.pos();
        ImportError {
            message: format!("{}malformed XML: {e}", xml.prefix()),
            line: Some(pos.row as usize),
            column: Some(pos.col as usize),
        }
    })?;
    let root = doc.root_element();
    // The pages: `<diagram>` elements, or a bare `<mxGraphModel>` as one unnamed page.
    let diagrams: Vec<XmlNode> =
        if root.has_tag_name("mxGraphModel") || root.has_tag_name("diagram") {
            vec![root]
        } else if root.has_tag_name("mxfile") {
            root.children()
                .filter(|n| n.has_tag_name("diagram"))
                .collect()
        } else {
            return Err(ImportError {
                message: format!(
                    "{}this is not a draw.io diagram: the root element is <{}>, not <mxfile>",
                    xml.prefix(),
                    root.tag_name().name()
                ),
                line: Some(1),
                column: Some(1),
            });
        };
    let pages: Vec<String> = diagrams
        .iter()
        .enumerate()
        .map(|(i, d)| {
            d.attribute("name")
                .map_or_else(|| format!("Page-{}", i + 1), str::to_owned)
        })
        .collect();
    let page_read = super::diagram::choose_page(&pages, page)?;
    let chosen = diagrams[page_read];
    let model_text;
    let model_doc;
    let (model, positioned) = if chosen.has_tag_name("mxGraphModel") {
        (chosen, xml.positions_are_lines)
    } else if let Some(m) = chosen.children().find(|n| n.has_tag_name("mxGraphModel")) {
        (m, xml.positions_are_lines)
    } else {
        let packed: String = chosen
            .children()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        model_text = decompress_page(packed.trim()).map_err(|e| ImportError {
            message: format!("page \"{}\": {}", pages[page_read], e.message),
            ..e
        })?;
        model_doc = Document::parse_with_options(&model_text, options).map_err(|e| {
            error(format!(
                "page \"{}\": the compressed diagram is malformed XML at {}:{} of its text: {e}",
                pages[page_read],
                e.pos().row,
                e.pos().col
            ))
        })?;
        (model_doc.root_element(), false)
    };
    let mut diagram = read_model(model, positioned)?;
    // The page's name is the title unless it is a default one (`Page-1`) and a banner says more.
    let page_name = &pages[page_read];
    let default_name = page_name
        .strip_prefix("Page-")
        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
    if !default_name || diagram.title.is_none() {
        diagram.title = Some(page_name.clone());
    }
    diagram.pages = pages;
    diagram.page_read = page_read;
    Ok(diagram)
}

/// The mxfile XML and where it came from.
struct XmlText {
    text: String,
    /// Whether positions in `text` are lines of the file itself (not of an embedded copy).
    positions_are_lines: bool,
    embedded_in: Option<&'static str>,
}

impl XmlText {
    fn prefix(&self) -> String {
        self.embedded_in
            .map(|w| format!("in the diagram embedded in the {w}: "))
            .unwrap_or_default()
    }
}

/// The draw.io XML of a file: the file itself, an SVG's `content` attribute, or a PNG's
/// `mxfile` text chunk.
fn mxfile_text(bytes: &[u8]) -> Result<XmlText, ImportError> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(PNG) {
        let text = png_chunk_text(bytes)?;
        return Ok(XmlText {
            text,
            positions_are_lines: false,
            embedded_in: Some("PNG"),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        ImportError {
            message: "the file is not valid UTF-8 text".into(),
            line: Some(line),
            column: Some(col),
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let head = text.trim_start();
    let is_svg = head.starts_with("<svg")
        || (head.starts_with("<?xml") || head.starts_with("<!DOCTYPE svg"))
            && text[..text.len().min(4096)].contains("<svg");
    if is_svg {
        let options = ParsingOptions {
            allow_dtd: true,
            ..ParsingOptions::default()
        };
        let doc = Document::parse_with_options(text, options).map_err(|e| ImportError {
            message: format!("malformed SVG: {e}"),
            line: Some(e.pos().row as usize),
            column: Some(e.pos().col as usize),
        })?;
        let content = doc
            .root_element()
            .attribute("content")
            .ok_or_else(|| error("this SVG holds no draw.io diagram (no `content` attribute on <svg>); export it from draw.io with \"Include a copy of my diagram\""))?;
        let content = if content.trim_start().starts_with('<') {
            content.to_owned()
        } else {
            decompress_page(content.trim())?
        };
        return Ok(XmlText {
            text: content,
            positions_are_lines: false,
            embedded_in: Some("SVG"),
        });
    }
    Ok(XmlText {
        text: text.to_owned(),
        positions_are_lines: true,
        embedded_in: None,
    })
}

/// The text of the PNG chunk draw.io writes the diagram into (`tEXt`, `zTXt` or `iTXt`, keyword
/// `mxfile` or `mxGraphModel`), URL-decoded.
fn png_chunk_text(bytes: &[u8]) -> Result<String, ImportError> {
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len =
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize;
        let kind = &bytes[at + 4..at + 8];
        let start = at + 8;
        let Some(end) = start.checked_add(len).filter(|&e| e <= bytes.len()) else {
            break;
        };
        let data = &bytes[start..end];
        at = end + 4; // the CRC
        let Some(nul) = data.iter().position(|&b| b == 0) else {
            continue;
        };
        let keyword = &data[..nul];
        if keyword != b"mxfile" && keyword != b"mxGraphModel" {
            continue;
        }
        let rest = &data[nul + 1..];
        let raw: Vec<u8> = match kind {
            b"tEXt" => rest.to_vec(),
            b"zTXt" => inflate_zlib(rest.get(1..).unwrap_or_default())?,
            b"iTXt" => {
                // compression flag, method, language tag\0, translated keyword\0, text
                let (flag, tail) = (
                    rest.first().copied().unwrap_or(0),
                    rest.get(2..).unwrap_or_default(),
                );
                let mut parts = tail.splitn(3, |&b| b == 0);
                let (_, _, text) = (parts.next(), parts.next(), parts.next().unwrap_or_default());
                if flag == 1 {
                    inflate_zlib(text)?
                } else {
                    text.to_vec()
                }
            }
            _ => continue,
        };
        let text = String::from_utf8_lossy(&raw).into_owned();
        return Ok(if text.trim_start().starts_with('<') {
            text
        } else {
            url_decode(&text)
        });
    }
    Err(error(
        "this PNG holds no draw.io diagram (no `mxfile` text chunk); export it from draw.io with \"Include a copy of my diagram\"",
    ))
}

fn inflate_zlib(data: &[u8]) -> Result<Vec<u8>, ImportError> {
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(data, MAX_INFLATED)
        .map_err(|e| error(format!("a compressed chunk cannot be inflated: {e}")))
}

fn url_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// A compressed page: base64, then raw deflate, then URL encoding (`encodeURIComponent`).
fn decompress_page(packed: &str) -> Result<String, ImportError> {
    use base64::Engine as _;
    let compact: String = packed.chars().filter(|c| !c.is_whitespace()).collect();
    let deflated = base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|e| error(format!("the compressed diagram is not valid base64: {e}")))?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED)
        .map_err(|e| error(format!("the compressed diagram cannot be inflated: {e}")))?;
    let text = String::from_utf8_lossy(&inflated);
    Ok(if text.trim_start().starts_with('<') {
        text.into_owned()
    } else {
        url_decode(&text)
    })
}

/// A cell's style: `key=value;` pairs and bare names (`ellipse;`, `text;`).
#[derive(Default)]
struct Style {
    pairs: HashMap<String, String>,
    names: Vec<String>,
}

impl Style {
    fn parse(style: &str) -> Style {
        let mut s = Style::default();
        for part in style.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match part.split_once('=') {
                Some((k, v)) => {
                    s.pairs.insert(k.trim().to_owned(), v.trim().to_owned());
                }
                None => s.names.push(part.to_owned()),
            }
        }
        s
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn flag(&self, key: &str) -> bool {
        self.get(key) == Some("1")
    }

    fn named(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name) || self.get("shape") == Some(name)
    }

    /// The shape: `shape=…`, else the first bare name.
    fn shape(&self) -> Option<&str> {
        self.get("shape").or(self.names.first().map(String::as_str))
    }
}

/// One `mxCell` (with its `<object>`/`<UserObject>` wrapper's id and label, if any).
struct Cell<'a> {
    id: String,
    value: String,
    style: Style,
    parent: Option<String>,
    vertex: bool,
    edge: bool,
    source: Option<String>,
    target: Option<String>,
    geometry: Option<XmlNode<'a, 'a>>,
    wrapper: Option<XmlNode<'a, 'a>>,
    line: Option<usize>,
}

fn num(n: XmlNode, attr: &str) -> Option<f32> {
    n.attribute(attr)
        .and_then(|v| v.trim().parse::<f32>().ok())
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(-MAX_COORD, MAX_COORD))
}

fn point(geometry: XmlNode, role: &str) -> Option<(f32, f32)> {
    geometry
        .children()
        .find(|n| n.has_tag_name("mxPoint") && n.attribute("as") == Some(role))
        .map(|p| (num(p, "x").unwrap_or(0.0), num(p, "y").unwrap_or(0.0)))
}

/// Reads the cells of one `<mxGraphModel>`.
fn read_model(model: XmlNode, positioned: bool) -> Result<Diagram, ImportError> {
    let doc = model.document();
    // Line starts, so a cell's line is a binary search (`text_pos_at` scans from the start).
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(doc.input_text().match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_at = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    let mut cells: Vec<Cell> = Vec::new();
    for n in model.descendants().filter(|n| n.has_tag_name("mxCell")) {
        let wrapper = n
            .parent_element()
            .filter(|p| p.has_tag_name("object") || p.has_tag_name("UserObject"));
        let id = wrapper
            .and_then(|w| w.attribute("id"))
            .or(n.attribute("id"))
            .unwrap_or("")
            .to_owned();
        let value = wrapper
            .and_then(|w| w.attribute("c4Name").or(w.attribute("label")))
            .or(n.attribute("value"))
            .unwrap_or("")
            .to_owned();
        cells.push(Cell {
            id,
            value,
            style: Style::parse(n.attribute("style").unwrap_or("")),
            parent: n.attribute("parent").map(str::to_owned),
            vertex: n.attribute("vertex") == Some("1"),
            edge: n.attribute("edge") == Some("1"),
            source: n.attribute("source").map(str::to_owned),
            target: n.attribute("target").map(str::to_owned),
            geometry: n.children().find(|g| g.has_tag_name("mxGeometry")),
            wrapper,
            line: positioned.then(|| line_at(wrapper.unwrap_or(n).range().start)),
        });
    }
    if cells.len() > super::diagram::MAX_ELEMENTS {
        return Err(error(format!(
            "the page has {} cells; Archway imports at most {}",
            cells.len(),
            super::diagram::MAX_ELEMENTS
        )));
    }
    let by_id: HashMap<&str, usize> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.id.is_empty())
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let parent_of = |i: usize| -> Option<usize> {
        cells[i]
            .parent
            .as_deref()
            .and_then(|p| by_id.get(p).copied())
            .filter(|&p| p != i)
    };
    let source_ref = |c: &Cell| SourceRef {
        line: c.line,
        id: Some(c.id.clone()).filter(|s| !s.is_empty()),
    };

    // Absolute bounds of every vertex (child geometry is relative to a vertex parent).
    let mut bounds: Vec<Option<Bounds>> = vec![None; cells.len()];
    let mut state = vec![0u8; cells.len()]; // 0 new, 1 in progress, 2 done
    for i in 0..cells.len() {
        absolute(i, &cells, &parent_of, &mut bounds, &mut state);
    }

    let is_text = |c: &Cell| c.style.named("text") || c.style.named("edgeLabel");
    let is_line = |c: &Cell| c.style.named("line") || c.style.get("shape") == Some("line");
    let edge_parent = |i: usize| parent_of(i).filter(|&p| cells[p].edge);
    let explicit_group = |c: &Cell| {
        c.style.flag("container")
            || c.style.named("swimlane")
            || c.style.get("grIcon").is_some()
            || c.style.get("shape").is_some_and(|s| {
                s == "mxgraph.aws4.group" || s == "mxgraph.aws4.groupCenter" || s == "swimlane"
            })
    };
    let icon_of = |c: &Cell| icon(&c.style);

    // Which vertices take part: not edge labels, not free text or lines.
    let mut skipped = Vec::new();
    let mut edge_labels: HashMap<usize, Vec<String>> = HashMap::new();
    let mut used = vec![false; cells.len()];
    for (i, c) in cells.iter().enumerate() {
        if !c.vertex {
            continue;
        }
        if let Some(e) = edge_parent(i) {
            let text = plain_label(&c.value, &c.style);
            if !text.is_empty() {
                edge_labels.entry(e).or_default().push(text);
            }
            continue;
        }
        if is_text(c) {
            let text = plain_label(&c.value, &c.style);
            if !text.is_empty() {
                skipped.push(Skipped {
                    what: format!("text \"{}\"", super::diagram::clean_label(&text)),
                    why: "free text, not a component".into(),
                    source: source_ref(c),
                });
            }
            continue;
        }
        if is_line(c) {
            skipped.push(Skipped {
                what: "a line".into(),
                why: "a drawn line, not a component or connection".into(),
                source: source_ref(c),
            });
            continue;
        }
        used[i] = true;
    }
    let connected: std::collections::HashSet<&str> = cells
        .iter()
        .filter(|c| c.edge)
        .flat_map(|c| [c.source.as_deref(), c.target.as_deref()])
        .flatten()
        .collect();
    let has_edges = |i: usize| connected.contains(cells[i].id.as_str());
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); cells.len()];
    for i in (0..cells.len()).filter(|&i| used[i]) {
        if let Some(p) = parent_of(i).filter(|&p| used[p]) {
            children[p].push(i);
        }
    }
    let relative = |i: usize| {
        cells[i]
            .geometry
            .is_some_and(|g| g.attribute("relative") == Some("1"))
    };

    // Plain boxes drawn around other shapes are groups too.
    let used_list: Vec<usize> = (0..cells.len()).filter(|&i| used[i]).collect();
    let encloses_other = |i: usize| {
        let Some(b) = bounds[i] else { return false };
        let area = b.w * b.h;
        used_list.iter().any(|&j| {
            j != i
                && bounds[j].is_some_and(|o| {
                    o.w * o.h < area
                        && o.x >= b.x - 1.0
                        && o.y >= b.y - 1.0
                        && o.x + o.w <= b.x + b.w + 1.0
                        && o.y + o.h <= b.y + b.h + 1.0
                })
                && !children[i].contains(&j)
        })
    };
    let plain = |c: &Cell| icon_of(c).is_none() && !c.style.named("image");
    let mut group = vec![false; cells.len()];
    let mut merged_into: HashMap<usize, usize> = HashMap::new();
    let mut extra_hints: HashMap<usize, usize> = HashMap::new();
    for &i in &used_list {
        let c = &cells[i];
        let kids = &children[i];
        if explicit_group(c) {
            group[i] = true;
        } else if kids.len() == 1
            && !has_edges(kids[0])
            && children[kids[0]].is_empty()
            && !encloses_other_than(i, kids[0], &bounds, &used_list)
        {
            // A card: a box holding one icon is that one component.
            merged_into.insert(kids[0], i);
            extra_hints.insert(i, kids[0]);
        } else if !kids.is_empty() || (plain(c) && encloses_other(i)) {
            group[i] = true;
        }
    }
    // A group's unlabelled, unconnected badge icon (the GCP logo in its corner) is its icon.
    for &i in &used_list {
        if let Some(p) = parent_of(i).filter(|&p| group[p])
            && relative(i)
            && !has_edges(i)
            && plain_label(&cells[i].value, &cells[i].style).is_empty()
            && children[i].is_empty()
            && !group[i]
        {
            merged_into.insert(i, p);
            if icon_of(&cells[p]).is_none() {
                extra_hints.insert(p, i);
            }
        }
    }
    for &child in merged_into.keys() {
        used[child] = false;
    }

    // A wide, unconnected box of text across the top is the diagram's title banner.
    let mut title = None;
    for &i in &used_list {
        let c = &cells[i];
        let label = plain_label(&c.value, &c.style);
        if used[i]
            && !group[i]
            && plain(c)
            && !label.is_empty()
            && !has_edges(i)
            && !extra_hints.contains_key(&i)
            && bounds[i].is_some_and(|b| b.w >= 300.0 && b.w >= 6.0 * b.h)
        {
            used[i] = false;
            skipped.push(Skipped {
                what: format!("banner \"{label}\""),
                why: "a wide box of text with no connection: read as the title".into(),
                source: source_ref(c),
            });
            title.get_or_insert(label);
        }
    }

    // Empty, unlabelled, unconnected plain boxes are decoration.
    for &i in &used_list {
        let c = &cells[i];
        if used[i]
            && !group[i]
            && plain(c)
            && !extra_hints.contains_key(&i)
            && plain_label(&c.value, &c.style).is_empty()
            && !has_edges(i)
        {
            used[i] = false;
            skipped.push(Skipped {
                what: "an empty shape".into(),
                why: "no label, icon or connection".into(),
                source: source_ref(c),
            });
        }
    }

    // Elements.
    let mut element_of: HashMap<usize, usize> = HashMap::new();
    let mut elements: Vec<Element> = Vec::new();
    for i in (0..cells.len()).filter(|&i| used[i]) {
        let c = &cells[i];
        let mut label = plain_label(&c.value, &c.style);
        let mut hints = hints_of(c);
        if let Some(&k) = extra_hints.get(&i) {
            let kid = &cells[k];
            let kid_hints = hints_of(kid);
            if hints.icon.is_none() {
                hints.icon = kid_hints.icon;
            }
            if hints.technology.is_none() {
                hints.technology = kid_hints.technology;
            }
            if hints.shape.is_none() || plain(c) {
                hints.shape = kid_hints.shape.or(hints.shape);
            }
            let kid_label = plain_label(&kid.value, &kid.style);
            if label.is_empty() {
                label = kid_label;
            } else if !kid_label.is_empty() && !group[i] {
                label = format!("{label} {kid_label}");
            }
        }
        element_of.insert(i, elements.len());
        elements.push(Element {
            label,
            hints,
            is_group: group[i],
            parent: None,
            bounds: bounds[i],
            source: source_ref(c),
        });
    }
    for (&child, &into) in &merged_into {
        if let Some(&e) = element_of.get(&into) {
            element_of.insert(child, e);
        }
    }
    // Parents: the nearest ancestor cell that became a group element.
    for (&i, &e) in element_of.clone().iter() {
        if merged_into.contains_key(&i) {
            continue;
        }
        let mut p = parent_of(i);
        let mut steps = 0;
        while let Some(q) = p {
            if let Some(&pe) = element_of.get(&q).filter(|_| group[q]) {
                if pe != e {
                    elements[e].parent = Some(pe);
                }
                break;
            }
            steps += 1;
            if steps > cells.len() {
                break;
            }
            p = parent_of(q);
        }
    }

    // Edges.
    let mut links = Vec::new();
    for (i, c) in cells.iter().enumerate().filter(|(_, c)| c.edge) {
        let origin = parent_of(i)
            .and_then(|p| bounds[p])
            .map_or((0.0, 0.0), |b| (b.x, b.y));
        let end = |attr: &Option<String>, role: &str| -> Option<LinkEnd> {
            if let Some(e) = attr
                .as_deref()
                .and_then(|id| by_id.get(id))
                .and_then(|k| element_of.get(k))
            {
                return Some(LinkEnd::Element(*e));
            }
            c.geometry
                .and_then(|g| point(g, role))
                .map(|(x, y)| LinkEnd::Point {
                    x: x + origin.0,
                    y: y + origin.1,
                })
        };
        let mut label = plain_label(&c.value, &c.style);
        for extra in edge_labels.get(&i).into_iter().flatten() {
            if !label.is_empty() {
                label.push(' ');
            }
            label.push_str(extra);
        }
        let (Some(from), Some(to)) = (end(&c.source, "sourcePoint"), end(&c.target, "targetPoint"))
        else {
            skipped.push(Skipped {
                what: if label.is_empty() {
                    "a connection".into()
                } else {
                    format!("connection \"{}\"", super::diagram::clean_label(&label))
                },
                why: "dangling: an end is attached to nothing and has no position".into(),
                source: source_ref(c),
            });
            continue;
        };
        let arrow = |key: &str| c.style.get(key).is_some_and(|v| v != "none");
        let start_arrow = arrow("startArrow");
        let end_arrow = c.style.get("endArrow").is_none_or(|v| v != "none");
        links.push(Link {
            from,
            to,
            label,
            technology: c
                .wrapper
                .and_then(|w| w.attribute("c4Technology").or(w.attribute("technology")))
                .map(str::to_owned),
            style: if c.style.flag("dashed") {
                LinkStyle::Dashed
            } else if c
                .style
                .get("strokeWidth")
                .and_then(|w| w.parse::<f32>().ok())
                .is_some_and(|w| w >= 3.0)
            {
                LinkStyle::Thick
            } else {
                LinkStyle::Solid
            },
            both_ways: start_arrow && end_arrow,
            undirected: !start_arrow && !end_arrow,
            source: source_ref(c),
        });
    }
    Ok(Diagram {
        title,
        pages: Vec::new(),
        page_read: 0,
        elements,
        links,
        skipped,
        has_coordinates: true,
    })
}

/// Whether box `i` encloses another shape besides its child `kid` (then it is a group, not a
/// card).
fn encloses_other_than(i: usize, kid: usize, bounds: &[Option<Bounds>], used: &[usize]) -> bool {
    let Some(b) = bounds[i] else { return false };
    used.iter().any(|&j| {
        j != i
            && j != kid
            && bounds[j].is_some_and(|o| {
                o.w * o.h < b.w * b.h
                    && o.x >= b.x
                    && o.y >= b.y
                    && o.x + o.w <= b.x + b.w
                    && o.y + o.h <= b.y + b.h
            })
    })
}

/// Fills `bounds[i]` with cell `i`'s absolute bounds: its geometry, offset by its parent
/// vertex's position (relative geometry: a fraction of the parent's size plus an offset).
/// Iterative, so a long chain of parents cannot overflow the stack; a loop of parents is cut.
fn absolute(
    i: usize,
    cells: &[Cell],
    parent_of: &dyn Fn(usize) -> Option<usize>,
    bounds: &mut [Option<Bounds>],
    state: &mut [u8],
) {
    // The chain of vertices from `i` up to the first one already done (or the top).
    let mut chain = Vec::new();
    let mut at = Some(i);
    while let Some(c) = at {
        if state[c] != 0 {
            break;
        }
        state[c] = 1;
        chain.push(c);
        at = parent_of(c).filter(|&p| cells[p].vertex && state[p] != 1);
    }
    for &c in chain.iter().rev() {
        state[c] = 2;
        let cell = &cells[c];
        let Some(g) = cell.geometry.filter(|_| cell.vertex) else {
            continue;
        };
        let origin = parent_of(c)
            .filter(|&p| cells[p].vertex && p != c)
            .and_then(|p| bounds[p]);
        let (x, y) = (num(g, "x").unwrap_or(0.0), num(g, "y").unwrap_or(0.0));
        let (w, h) = (
            num(g, "width").unwrap_or(0.0).max(0.0),
            num(g, "height").unwrap_or(0.0).max(0.0),
        );
        bounds[c] = Some(match origin {
            Some(o) if g.attribute("relative") == Some("1") => {
                let (dx, dy) = point(g, "offset").unwrap_or((0.0, 0.0));
                Bounds {
                    x: o.x + x * o.w + dx,
                    y: o.y + y * o.h + dy,
                    w,
                    h,
                }
            }
            Some(o) => Bounds {
                x: o.x + x,
                y: o.y + y,
                w,
                h,
            },
            None => Bounds { x, y, w, h },
        });
    }
}

/// The icon, stencil or image a style names: `resIcon`/`prIcon`/`grIcon` of the aws4 generic
/// shapes, Kubernetes `prIcon`, any `mxgraph.*` stencil but the plain flowchart and basic
/// shapes, an image file's name (not an inline `data:` image).
fn icon(style: &Style) -> Option<String> {
    // Archway's own export names the kind.
    if let Some(kind) = style.get("archwayKind") {
        return Some(format!("archway.{kind}"));
    }
    let shape = style.get("shape");
    for key in ["resIcon", "prIcon", "grIcon"] {
        if let Some(v) = style.get(key) {
            if shape == Some("mxgraph.kubernetes.icon") {
                return Some(format!("mxgraph.kubernetes.{v}"));
            }
            return Some(v.to_owned());
        }
    }
    if let Some(s) = shape.filter(|s| s.starts_with("mxgraph.")) {
        let plain = ["mxgraph.flowchart.", "mxgraph.basic.", "mxgraph.arrows"];
        if !plain.iter().any(|p| s.starts_with(p)) {
            return Some(s.to_owned());
        }
    }
    if let Some(image) = style.get("image").filter(|i| !i.starts_with("data:")) {
        let name = image.rsplit_once('.').map_or(image, |(stem, _)| stem);
        return Some(name.to_owned());
    }
    None
}

/// The hints a cell's style and wrapper give.
fn hints_of(c: &Cell) -> Hints {
    let style = &c.style;
    let icon = icon(style);
    // A stencil is an icon; the shape is the plain drawn shape (`cylinder3`, `ellipse`).
    let shape = style.shape().filter(|_| icon.is_none()).map(str::to_owned);
    let mut hints = Hints {
        icon,
        shape,
        ..Hints::default()
    };
    if let Some(w) = c.wrapper {
        hints.technology = w
            .attribute("c4Technology")
            .or(w.attribute("technology"))
            .or(w.attribute("tech"))
            .map(str::to_owned)
            .filter(|t| !t.trim().is_empty());
        hints.description = w
            .attribute("c4Description")
            .or(w.attribute("description"))
            .map(|d| super::diagram::clean_label(&strip_html(d)));
        if let Some(t) = w.attribute("c4Type") {
            hints.icon = hints.icon.or(Some(t.replace(' ', "")));
            if t.contains("External") || t.contains("external") {
                hints.external = true;
            }
        }
        if let Some(tags) = w.attribute("tags") {
            hints.tags = tags
                .split([',', ' '])
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
        }
    }
    // The aws4 subnet groups share the security-group icon; their colour says which.
    if style.get("grIcon") == Some("mxgraph.aws4.group_security_group") {
        let colour = style.get("strokeColor").unwrap_or("").to_ascii_uppercase();
        if colour == "#248814" || colour == "#7AA116" {
            hints.tags.push("public subnet".into());
        } else if colour == "#147EBA" || colour == "#00A4A6" {
            hints.tags.push("private subnet".into());
        }
    }
    hints
}

/// A label as plain text: HTML labels (`html=1`) lose their tags (`<br>`, `<div>` and `<p>`
/// become spaces) and have their entities decoded; whitespace collapses.
fn plain_label(value: &str, style: &Style) -> String {
    let text = if style.flag("html") || value.contains('<') {
        strip_html(value)
    } else {
        value.to_owned()
    };
    super::diagram::clean_label(&text)
}

/// HTML to text: tags removed (block tags and `<br>` leave a space), entities decoded.
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            out.push_str(&rest[lt..]);
            rest = "";
            break;
        };
        let tag = after[..gt]
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        const BLOCK: [&str; 14] = [
            "br", "div", "p", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "hr",
        ];
        if BLOCK.contains(&tag.as_str()) {
            out.push(' ');
        }
        rest = &after[gt + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

/// Decodes HTML character references: the common named ones and numeric ones.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "rarr" => Some('→'),
                "larr" => Some('←'),
                "hellip" => Some('…'),
                "copy" => Some('©'),
                "reg" => Some('®'),
                _ => name
                    .strip_prefix("#x")
                    .or(name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_labels_become_plain_text() {
        assert_eq!(
            strip_html("Elastic<br>Load<br/>Balancer"),
            "Elastic Load Balancer"
        );
        assert_eq!(
            strip_html("<font color=\"#000\">Analytics Backend</font><br>BigQuery"),
            "Analytics Backend BigQuery"
        );
        assert_eq!(strip_html("<b>Google </b>Cloud"), "Google Cloud");
        assert_eq!(
            strip_html("A &amp; B &lt;3 &#233;t&#xE9; &bogus; x&y"),
            "A & B <3 été &bogus; x&y"
        );
        assert_eq!(strip_html("a < b"), "a < b");
    }

    #[test]
    fn compressed_pages_inflate() {
        // "<mxGraphModel/>" URL-encoded, raw-deflated and base64-encoded, as draw.io writes it.
        use base64::Engine as _;
        let encoded = "%3CmxGraphModel%2F%3E";
        let deflated = miniz_oxide::deflate::compress_to_vec(encoded.as_bytes(), 6);
        let packed = base64::engine::general_purpose::STANDARD.encode(deflated);
        assert_eq!(
            decompress_page(&packed).ok().as_deref(),
            Some("<mxGraphModel/>")
        );
        assert!(decompress_page("not base64!").is_err());
    }

    #[test]
    fn styles_give_icons_and_shapes() {
        let s = Style::parse(
            "outlineConnect=0;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.rds;",
        );
        assert_eq!(icon(&s).as_deref(), Some("mxgraph.aws4.rds"));
        let s = Style::parse("ellipse;whiteSpace=wrap;html=1;");
        assert_eq!(s.shape(), Some("ellipse"));
        assert_eq!(icon(&s), None);
        let s = Style::parse("shape=mxgraph.kubernetes.icon;prIcon=pod");
        assert_eq!(icon(&s).as_deref(), Some("mxgraph.kubernetes.pod"));
        let s = Style::parse("image;image=img/lib/azure2/networking/Load_Balancers.svg;");
        assert_eq!(
            icon(&s).as_deref(),
            Some("img/lib/azure2/networking/Load_Balancers")
        );
        let s = Style::parse("shape=mxgraph.flowchart.database;");
        assert_eq!(icon(&s), None);
    }
}
