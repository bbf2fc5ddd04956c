//! The Excalidraw reader: a scene (`.excalidraw` JSON, or the scene Excalidraw embeds in an
//! exported `.excalidraw.png` or `.excalidraw.svg`) read into a [`Diagram`]. Rectangles,
//! ellipses and diamonds become elements labelled by their bound or contained text; frames, and
//! rectangles drawn around other shapes, become groups; arrows and lines become links, attached
//! by their bindings or, when unbound, by where their ends lie (the builder attaches those).
//! A scene exported by Archway carries each element's kind in `customData`, read back exactly.

use super::diagram::{
    Bounds, Diagram, Element, Hints, ImportError, Link, LinkEnd, LinkStyle, PageChoice, Skipped,
    SourceRef,
};
use base64::Engine as _;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// The MIME type Excalidraw writes as the key of the scene it embeds in PNG and SVG exports.
const EMBED_KEY: &str = "application/vnd.excalidraw+json";

/// The most a compressed embedded scene may inflate to (a guard against deflate bombs).
const MAX_SCENE_BYTES: usize = 64 * 1024 * 1024;

/// The prefix of [`Hints::icon`] for a kind Archway wrote into `customData` on export.
pub const ARCHWAY_KIND_PREFIX: &str = "archway:";

/// Reads an Excalidraw scene, or the scene embedded in an Excalidraw PNG or SVG export.
pub fn read(_path: &Path, bytes: &[u8], _page: &PageChoice) -> Result<Diagram, ImportError> {
    let json = scene_json(bytes)?;
    let scene: Value = serde_json::from_str(&json).map_err(|e| ImportError {
        message: format!("not an Excalidraw scene: {e}"),
        line: Some(e.line()),
        column: Some(e.column()),
    })?;
    read_scene(&scene)
}

fn plain_error(message: impl Into<String>) -> ImportError {
    ImportError {
        message: message.into(),
        line: None,
        column: None,
    }
}

/// The scene's JSON text: the file itself, or the scene embedded in a PNG or SVG export.
fn scene_json(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return embedded_in_png(bytes);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| plain_error(format!("not UTF-8 text (byte {})", e.valid_up_to())))?;
    if let Some(start) = text.find("<!-- payload-start -->") {
        return embedded_in_svg(&text[start..]);
    }
    Ok(text.trim_start_matches('\u{feff}').to_owned())
}

/// The scene in a PNG's `tEXt`, `zTXt` or `iTXt` chunk named [`EMBED_KEY`]. The chunks are
/// walked directly: Excalidraw writes its chunk after the image data, where a decoder only
/// reaches after decoding every pixel.
fn embedded_in_png(bytes: &[u8]) -> Result<String, ImportError> {
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let kind = &bytes[at + 4..at + 8];
        let start = at + 8;
        let Some(end) = start
            .checked_add(len as usize)
            .filter(|&e| e <= bytes.len())
        else {
            break;
        };
        let data = &bytes[start..end];
        if let Some(text) = png_text(kind, data)? {
            return unwrap_encoded(&text);
        }
        if kind == b"IEND" {
            break;
        }
        at = end + 4; // the chunk's CRC
    }
    Err(plain_error(
        "this PNG holds no Excalidraw scene (export it from Excalidraw with \"Embed scene\")",
    ))
}

/// The text of a PNG text chunk whose keyword is [`EMBED_KEY`], if `data` is one.
fn png_text(kind: &[u8], data: &[u8]) -> Result<Option<String>, ImportError> {
    let Some(nul) = data.iter().position(|&b| b == 0) else {
        return Ok(None);
    };
    if &data[..nul] != EMBED_KEY.as_bytes() {
        return Ok(None);
    }
    let rest = &data[nul + 1..];
    let latin1 = |b: &[u8]| b.iter().map(|&c| char::from(c)).collect::<String>();
    Ok(match kind {
        b"tEXt" => Some(latin1(rest)),
        // zTXt: compression method byte, then zlib data.
        b"zTXt" => Some(latin1(&inflate(rest.get(1..).unwrap_or_default())?)),
        // iTXt: compressed flag, method, language tag\0, translated keyword\0, text.
        b"iTXt" => {
            let compressed = rest.first().copied().unwrap_or(0) == 1;
            let mut fields = rest.get(2..).unwrap_or_default().splitn(3, |&b| b == 0);
            let (_, _, text) = (
                fields.next(),
                fields.next(),
                fields.next().unwrap_or_default(),
            );
            let text = if compressed {
                inflate(text)?
            } else {
                text.to_vec()
            };
            Some(String::from_utf8_lossy(&text).into_owned())
        }
        _ => None,
    })
}

/// Inflates zlib data, at most [`MAX_SCENE_BYTES`].
fn inflate(data: &[u8]) -> Result<Vec<u8>, ImportError> {
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(data, MAX_SCENE_BYTES)
        .map_err(|e| plain_error(format!("the embedded scene does not inflate: {e}")))
}

/// The scene between `<!-- payload-start -->` and `<!-- payload-end -->` in an SVG export:
/// base64 of the same wrapper the PNG export holds.
fn embedded_in_svg(from_start: &str) -> Result<String, ImportError> {
    let body = &from_start["<!-- payload-start -->".len()..];
    let end = body
        .find("<!-- payload-end -->")
        .ok_or_else(|| plain_error("the SVG's embedded Excalidraw scene has no end marker"))?;
    let b64: String = body[..end].chars().filter(|c| !c.is_whitespace()).collect();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .map_err(|e| plain_error(format!("the SVG's embedded scene is not base64: {e}")))?;
    let text = String::from_utf8(raw)
        .map_err(|_| plain_error("the SVG's embedded scene is not UTF-8 text"))?;
    unwrap_encoded(&text)
}

/// Excalidraw wraps an embedded scene as `{"encoding":"bstring","compressed":true,
/// "encoded":"…"}`: a string whose characters are the bytes of the (zlib-compressed) scene.
/// A plain scene is returned as it is.
fn unwrap_encoded(text: &str) -> Result<String, ImportError> {
    let Ok(wrapper) = serde_json::from_str::<Value>(text) else {
        return Ok(text.to_owned());
    };
    let Some(encoded) = wrapper.get("encoded").and_then(Value::as_str) else {
        return Ok(text.to_owned());
    };
    let bytes: Vec<u8> = encoded
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let compressed = wrapper
        .get("compressed")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if !compressed {
        return String::from_utf8(bytes)
            .map_err(|_| plain_error("the embedded scene is not UTF-8 text"));
    }
    String::from_utf8(inflate(&bytes)?)
        .map_err(|_| plain_error("the embedded scene is not UTF-8 text"))
}

fn num(v: &Value, key: &str) -> f32 {
    v.get(key)
        .and_then(Value::as_f64)
        .filter(|f| f.is_finite())
        .map_or(0.0, |f| f as f32)
}

fn text_of(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// A label as one line: line breaks and runs of spaces become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn bounds_of(v: &Value) -> Bounds {
    let (x, y, w, h) = (num(v, "x"), num(v, "y"), num(v, "width"), num(v, "height"));
    // Width and height may be negative in hand-edited files: normalise.
    Bounds {
        x: x.min(x + w),
        y: y.min(y + h),
        w: w.abs(),
        h: h.abs(),
    }
}

fn contains(outer: &Bounds, inner: &Bounds) -> bool {
    inner.x >= outer.x
        && inner.y >= outer.y
        && inner.x + inner.w <= outer.x + outer.w
        && inner.y + inner.h <= outer.y + outer.h
}

fn center_inside(outer: &Bounds, inner: &Bounds) -> bool {
    let (cx, cy) = (inner.x + inner.w / 2.0, inner.y + inner.h / 2.0);
    cx >= outer.x && cy >= outer.y && cx <= outer.x + outer.w && cy <= outer.y + outer.h
}

/// The Archway kind an Archway export stored in `customData`, as an icon hint.
fn archway_kind(v: &Value) -> Option<String> {
    let data = v.get("customData")?;
    let key = data
        .get("archwayKind")
        .or_else(|| data.get("archwayContainer"))?
        .as_str()?;
    Some(format!("{ARCHWAY_KIND_PREFIX}{key}"))
}

/// Reads a parsed scene.
fn read_scene(scene: &Value) -> Result<Diagram, ImportError> {
    let kind = scene.get("type").and_then(Value::as_str).unwrap_or("");
    if !kind.is_empty() && !kind.starts_with("excalidraw") {
        return Err(plain_error(format!(
            "not an Excalidraw scene (its type is {kind:?}, not \"excalidraw\")"
        )));
    }
    let elements = scene
        .get("elements")
        .and_then(Value::as_array)
        .ok_or_else(|| plain_error("not an Excalidraw scene: it has no \"elements\" list"))?;
    let live: Vec<&Value> = elements
        .iter()
        .filter(|e| !e.get("isDeleted").and_then(Value::as_bool).unwrap_or(false))
        .collect();

    let mut diagram = Diagram {
        title: scene
            .get("appState")
            .and_then(|a| text_of(a, "name"))
            .filter(|n| !n.trim().is_empty()),
        pages: vec!["scene".to_owned()],
        has_coordinates: true,
        ..Diagram::default()
    };

    // Shapes and frames first, so text and arrows can refer to them.
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let mut is_frame = Vec::new();
    for (n, v) in live.iter().enumerate() {
        let ty = v.get("type").and_then(Value::as_str).unwrap_or("");
        let id = v.get("id").and_then(Value::as_str).unwrap_or("");
        let source = SourceRef {
            line: None,
            id: Some(if id.is_empty() {
                format!("#{}", n + 1)
            } else {
                id.to_owned()
            }),
        };
        match ty {
            "rectangle" | "ellipse" | "diamond" | "frame" | "magicframe" => {
                let frame = ty.ends_with("frame");
                let label = if frame {
                    text_of(v, "name").map(|n| one_line(&n)).unwrap_or_default()
                } else {
                    String::new()
                };
                let dashed = matches!(
                    v.get("strokeStyle").and_then(Value::as_str),
                    Some("dashed" | "dotted")
                );
                let mut tags = Vec::new();
                if dashed {
                    tags.push("dashed".to_owned());
                }
                index_of.insert(id, diagram.elements.len());
                is_frame.push(frame);
                diagram.elements.push(Element {
                    label,
                    hints: Hints {
                        icon: archway_kind(v),
                        shape: Some(if frame { "frame" } else { ty }.to_owned()),
                        tags,
                        ..Hints::default()
                    },
                    // A frame, or a container Archway exported, holds other elements.
                    is_group: frame
                        || v.get("customData")
                            .is_some_and(|d| d.get("archwayContainer").is_some()),
                    parent: None,
                    bounds: Some(bounds_of(v)),
                    source,
                });
            }
            "text" | "arrow" | "line" => {}
            "image" => diagram.skipped.push(Skipped {
                what: "image".to_owned(),
                why: "pictures are not read; draw the component as a shape with a label".to_owned(),
                source,
            }),
            other => diagram.skipped.push(Skipped {
                what: if other.is_empty() {
                    "element without a type".to_owned()
                } else {
                    other.to_owned()
                },
                why: "not a shape, text or arrow".to_owned(),
                source,
            }),
        }
    }

    // Frame membership by `frameId`.
    for v in &live {
        let (Some(&i), Some(&f)) = (
            v.get("id")
                .and_then(Value::as_str)
                .and_then(|id| index_of.get(id)),
            v.get("frameId")
                .and_then(Value::as_str)
                .and_then(|id| index_of.get(id)),
        ) else {
            continue;
        };
        if i != f && is_frame[f] {
            diagram.elements[i].parent = Some(f);
        }
    }

    // Text: bound to a shape or an arrow by `containerId`, or drawn inside a shape.
    let mut arrow_labels: HashMap<&str, String> = HashMap::new();
    for v in &live {
        if v.get("type").and_then(Value::as_str) != Some("text") {
            continue;
        }
        let text = one_line(
            &text_of(v, "originalText")
                .filter(|t| !t.trim().is_empty())
                .or_else(|| text_of(v, "text"))
                .unwrap_or_default(),
        );
        if text.is_empty() {
            continue;
        }
        let container = v.get("containerId").and_then(Value::as_str);
        if let Some(c) = container {
            if let Some(&i) = index_of.get(c) {
                append_label(&mut diagram.elements[i].label, &text);
            } else {
                arrow_labels.insert(c, text);
            }
            continue;
        }
        // Free text: the label of the smallest shape whose box holds it; a title at a
        // group's top edge labels the group.
        let b = bounds_of(v);
        let holder = diagram
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.bounds.is_some_and(|eb| center_inside(&eb, &b)))
            .min_by(|(_, a), (_, c)| {
                let area = |e: &Element| e.bounds.map_or(f32::MAX, |b| b.w * b.h);
                area(a).total_cmp(&area(c))
            })
            .map(|(i, _)| i);
        match holder {
            Some(i) => append_label(&mut diagram.elements[i].label, &text),
            None => diagram.skipped.push(Skipped {
                what: format!("text {text:?}"),
                why: "free text outside every shape".to_owned(),
                source: SourceRef {
                    line: None,
                    id: text_of(v, "id"),
                },
            }),
        }
    }

    // A rectangle drawn around other shapes is a group (a VPC, a zone, a boundary).
    let shapes: Vec<Bounds> = diagram
        .elements
        .iter()
        .map(|e| e.bounds.unwrap_or_default())
        .collect();
    for i in 0..diagram.elements.len() {
        if diagram.elements[i].is_group
            || diagram.elements[i].hints.shape.as_deref() != Some("rectangle")
        {
            continue;
        }
        let outer = shapes[i];
        diagram.elements[i].is_group = shapes.iter().enumerate().any(|(j, inner)| {
            j != i && inner.w * inner.h < outer.w * outer.h && contains(&outer, inner)
        });
    }

    // Arrows and lines.
    for v in &live {
        let ty = v.get("type").and_then(Value::as_str).unwrap_or("");
        if ty != "arrow" && ty != "line" {
            continue;
        }
        let id = v.get("id").and_then(Value::as_str).unwrap_or("");
        let points: Vec<(f32, f32)> = v
            .get("points")
            .and_then(Value::as_array)
            .map(|ps| {
                ps.iter()
                    .filter_map(|p| {
                        let p = p.as_array()?;
                        let x = p.first()?.as_f64()?;
                        let y = p.get(1)?.as_f64()?;
                        (x.is_finite() && y.is_finite()).then_some((x as f32, y as f32))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let source = SourceRef {
            line: None,
            id: (!id.is_empty()).then(|| id.to_owned()),
        };
        let (ox, oy) = (num(v, "x"), num(v, "y"));
        let end = |binding: &str, point: Option<&(f32, f32)>| -> Option<LinkEnd> {
            if let Some(target) = v
                .get(binding)
                .and_then(|b| b.get("elementId"))
                .and_then(Value::as_str)
                .and_then(|id| index_of.get(id))
            {
                return Some(LinkEnd::Element(*target));
            }
            point.map(|(x, y)| LinkEnd::Point {
                x: ox + x,
                y: oy + y,
            })
        };
        let (Some(mut from), Some(mut to)) = (
            end("startBinding", points.first()),
            end("endBinding", points.last()),
        ) else {
            diagram.skipped.push(Skipped {
                what: format!("{ty} without points"),
                why: "an arrow needs at least two points".to_owned(),
                source,
            });
            continue;
        };
        if points.len() < 2 {
            diagram.skipped.push(Skipped {
                what: format!("{ty} without points"),
                why: "an arrow needs at least two points".to_owned(),
                source,
            });
            continue;
        }
        let head = |key: &str| {
            v.get(key)
                .and_then(Value::as_str)
                .is_some_and(|h| !h.is_empty())
        };
        let (start_head, end_head) = (head("startArrowhead"), head("endArrowhead"));
        if start_head && !end_head {
            std::mem::swap(&mut from, &mut to);
        }
        let style = match v.get("strokeStyle").and_then(Value::as_str) {
            Some("dashed" | "dotted") => LinkStyle::Dashed,
            _ if num(v, "strokeWidth") >= 4.0 => LinkStyle::Thick,
            _ => LinkStyle::Solid,
        };
        diagram.links.push(Link {
            from,
            to,
            label: arrow_labels.remove(id).unwrap_or_default(),
            technology: None,
            style,
            both_ways: start_head && end_head,
            undirected: !start_head && !end_head,
            source,
        });
    }

    if diagram.elements.is_empty() {
        return Err(plain_error(
            "the Excalidraw scene has no shapes (rectangles, ellipses, diamonds or frames)",
        ));
    }
    Ok(diagram)
}

fn append_label(label: &mut String, text: &str) {
    if !label.is_empty() {
        label.push(' ');
    }
    label.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<Diagram, ImportError> {
        read(Path::new("t.excalidraw"), s.as_bytes(), &PageChoice::First)
    }

    #[test]
    fn bound_text_labels_its_shape_and_arrows_attach_by_binding() {
        let d = read_str(
            r#"{"type":"excalidraw","version":2,"elements":[
            {"id":"a","type":"rectangle","x":0,"y":0,"width":100,"height":60,"boundElements":[{"id":"t1","type":"text"}]},
            {"id":"t1","type":"text","x":10,"y":20,"width":80,"height":20,"text":"API\nserver","originalText":"API\nserver","containerId":"a"},
            {"id":"b","type":"ellipse","x":300,"y":0,"width":100,"height":60},
            {"id":"t2","type":"text","x":320,"y":20,"width":60,"height":20,"text":"Redis"},
            {"id":"e","type":"arrow","x":100,"y":30,"width":200,"height":0,"points":[[0,0],[200,0]],
             "startBinding":{"elementId":"a","focus":0,"gap":1},"endBinding":{"elementId":"b","focus":0,"gap":1},
             "startArrowhead":null,"endArrowhead":"arrow","strokeStyle":"dashed"},
            {"id":"t3","type":"text","x":150,"y":20,"width":40,"height":20,"text":"GET","containerId":"e"}
            ]}"#,
        )
        .expect("reads");
        assert_eq!(d.elements.len(), 2);
        assert_eq!(d.elements[0].label, "API server");
        assert_eq!(
            d.elements[1].label, "Redis",
            "free text inside a shape labels it"
        );
        assert_eq!(d.elements[1].hints.shape.as_deref(), Some("ellipse"));
        assert_eq!(d.links.len(), 1);
        let l = &d.links[0];
        assert_eq!((l.from, l.to), (LinkEnd::Element(0), LinkEnd::Element(1)));
        assert_eq!(l.label, "GET");
        assert_eq!(l.style, LinkStyle::Dashed);
        assert!(!l.both_ways && !l.undirected);
    }

    #[test]
    fn unbound_arrow_ends_are_points_and_reverse_arrows_swap() {
        let d = read_str(
            r#"{"type":"excalidraw","elements":[
            {"id":"a","type":"rectangle","x":0,"y":0,"width":100,"height":60},
            {"id":"b","type":"rectangle","x":300,"y":0,"width":100,"height":60},
            {"id":"e","type":"arrow","x":105,"y":30,"points":[[0,0],[190,0]],"startArrowhead":"arrow","endArrowhead":null}
            ]}"#,
        )
        .expect("reads");
        let l = &d.links[0];
        assert_eq!(l.from, LinkEnd::Point { x: 295.0, y: 30.0 });
        assert_eq!(l.to, LinkEnd::Point { x: 105.0, y: 30.0 });
    }

    #[test]
    fn frames_and_enclosing_rectangles_are_groups() {
        let d = read_str(
            r#"{"type":"excalidraw","elements":[
            {"id":"f","type":"frame","name":"Production VPC","x":0,"y":0,"width":500,"height":400},
            {"id":"z","type":"rectangle","x":20,"y":20,"width":300,"height":300,"strokeStyle":"dashed"},
            {"id":"zt","type":"text","x":30,"y":25,"width":100,"height":20,"text":"AZ a"},
            {"id":"n","type":"rectangle","x":50,"y":100,"width":100,"height":60,"frameId":"f"},
            {"id":"nt","type":"text","x":60,"y":120,"width":60,"height":20,"text":"app"},
            {"id":"gone","type":"rectangle","x":0,"y":0,"width":1,"height":1,"isDeleted":true}
            ]}"#,
        )
        .expect("reads");
        assert_eq!(d.elements.len(), 3, "deleted elements are not read");
        assert!(d.elements[0].is_group && d.elements[0].label == "Production VPC");
        assert!(
            d.elements[1].is_group,
            "a rectangle around a shape is a group"
        );
        assert_eq!(d.elements[1].label, "AZ a");
        assert!(!d.elements[2].is_group);
        assert_eq!(d.elements[2].label, "app");
        assert_eq!(
            d.elements[2].parent,
            Some(0),
            "frameId puts it in the frame"
        );
    }

    #[test]
    fn archway_kinds_in_custom_data_become_icon_hints() {
        let d = read_str(
            r#"{"type":"excalidraw","elements":[
            {"id":"a","type":"rectangle","x":0,"y":0,"width":100,"height":60,"customData":{"archwayKind":"sql_db"}}
            ]}"#,
        )
        .expect("reads");
        assert_eq!(d.elements[0].hints.icon.as_deref(), Some("archway:sql_db"));
    }

    #[test]
    fn images_and_free_drawing_are_reported_as_skipped() {
        let d = read_str(
            r#"{"type":"excalidraw","elements":[
            {"id":"a","type":"rectangle","x":0,"y":0,"width":100,"height":60},
            {"id":"i","type":"image","x":0,"y":0,"width":10,"height":10},
            {"id":"d","type":"freedraw","x":0,"y":0,"width":10,"height":10},
            {"id":"t","type":"text","x":900,"y":900,"width":10,"height":10,"text":"note"}
            ]}"#,
        )
        .expect("reads");
        let what: Vec<&str> = d.skipped.iter().map(|s| s.what.as_str()).collect();
        assert_eq!(what, ["image", "freedraw", "text \"note\""]);
        assert_eq!(d.skipped[0].source.id.as_deref(), Some("i"));
    }

    #[test]
    fn bad_input_is_a_clear_error_with_line_and_column() {
        let e = read_str("{\"type\":\"excalidraw\",\n\"elements\": [ {,] }").unwrap_err();
        assert_eq!((e.line, e.column.is_some()), (Some(2), true));
        let e = read_str(r#"{"type":"something-else","elements":[]}"#).unwrap_err();
        assert!(e.message.contains("not an Excalidraw scene"), "{e}");
        let e = read_str(r#"{"type":"excalidraw","elements":[]}"#).unwrap_err();
        assert!(e.message.contains("no shapes"), "{e}");
        let e = read_str(r#"[1,2]"#).unwrap_err();
        assert!(e.message.contains("elements"), "{e}");
    }

    #[test]
    fn scenes_embedded_in_svg_and_png_exports_are_read() {
        let scene = r#"{"type":"excalidraw","elements":[{"id":"a","type":"rectangle","x":0,"y":0,"width":100,"height":60,"customData":{"archwayKind":"cache"}}]}"#;
        // The wrapper Excalidraw writes: zlib-compressed bytes as a "binary string".
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut z, scene.as_bytes()).expect("compress");
        let packed: String = z
            .finish()
            .expect("compress")
            .iter()
            .map(|&b| char::from(b))
            .collect();
        let wrapper = serde_json::json!({"version":"1","encoding":"bstring","compressed":true,"encoded":packed}).to_string();

        let b64 = base64::engine::general_purpose::STANDARD.encode(wrapper.as_bytes());
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- svg-source:excalidraw --><metadata><!-- payload-type:application/vnd.excalidraw+json --><!-- payload-version:2 --><!-- payload-start -->{b64}<!-- payload-end --></metadata></svg>"
        );
        let d = read(
            Path::new("x.excalidraw.svg"),
            svg.as_bytes(),
            &PageChoice::First,
        )
        .expect("svg reads");
        assert_eq!(d.elements[0].hints.icon.as_deref(), Some("archway:cache"));

        let mut png_bytes = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut png_bytes, 1, 1);
            enc.set_color(png::ColorType::Rgba);
            enc.add_text_chunk(EMBED_KEY.to_owned(), wrapper)
                .expect("chunk");
            let mut w = enc.write_header().expect("header");
            w.write_image_data(&[0, 0, 0, 0]).expect("pixels");
        }
        let d = read(
            Path::new("x.excalidraw.png"),
            &png_bytes,
            &PageChoice::First,
        )
        .expect("png reads");
        assert_eq!(d.elements[0].hints.icon.as_deref(), Some("archway:cache"));

        let plain = {
            let mut v = Vec::new();
            let mut enc = png::Encoder::new(&mut v, 1, 1);
            enc.set_color(png::ColorType::Rgba);
            let mut w = enc.write_header().expect("header");
            w.write_image_data(&[0, 0, 0, 0]).expect("pixels");
            drop(w);
            v
        };
        let e = read(Path::new("x.png"), &plain, &PageChoice::First).unwrap_err();
        assert!(e.message.contains("no Excalidraw scene"), "{e}");
    }
}
