//! PNG export: the SVG diagram rasterised with resvg, using only the bundled fonts so the image
//! is the same on every machine, and encoded with the `png` crate's fast (fdeflate) setting.
//!
//! Scale: by default 2 pixels per canvas unit, reduced for large designs so the image stays
//! within [`AUTO_MAX_SIDE`] and [`AUTO_MAX_PIXELS`] (a 1,000-node design renders in well under
//! a second); an explicit scale is honoured up to [`MAX_PIXELS`], which protects memory.

use super::ExportError;
use super::fonts;

/// Pixels per canvas unit when no scale is asked for.
pub const DEFAULT_SCALE: f32 = 2.0;
/// Longest image side, in pixels, of the default scale.
pub const AUTO_MAX_SIDE: f64 = 8192.0;
/// Most pixels of the default scale (about 64 MB in memory).
pub const AUTO_MAX_PIXELS: f64 = 16_000_000.0;
/// Most pixels of any image, whatever scale is asked for (about 160 MB in memory).
pub const MAX_PIXELS: f64 = 40_000_000.0;

/// Most nodes, edges and containers (together) a PNG or PDF export draws. The renderer refuses
/// documents of more than a million SVG elements, which it finds only after gigabytes of work;
/// a component takes up to a dozen elements (box, icon, label lines, badge, capacity pill), so
/// larger designs are refused at once by [`check_size`], before anything is drawn.
pub const MAX_RASTER_ITEMS: usize = 50_000;

/// Most SVG elements handed to the renderer (its own limit is 1,000,000).
const MAX_SVG_ELEMENTS: usize = 900_000;

/// Refuses, at once, a design too large for PNG or PDF export, with a message that says the
/// limit and what to do instead.
pub fn check_size(design: &crate::model::Design) -> Result<(), ExportError> {
    let items = design.nodes.len() + design.edges.len() + design.containers.len();
    if items > MAX_RASTER_ITEMS {
        return Err(too_large(&format!(
            "this design has {} components, connections and containers",
            thousands(items)
        )));
    }
    Ok(())
}

fn too_large(what: &str) -> ExportError {
    ExportError::Render(format!(
        "{what}; PNG and PDF export draw at most {} of them: export SVG instead (`-o \
         diagram.svg`, which any browser shows at any size), or export a smaller part of the \
         design",
        thousands(MAX_RASTER_ITEMS)
    ))
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Parses an SVG document into a usvg tree with the bundled fonts. A document with more
/// elements than the renderer takes is refused before parsing.
pub fn parse(svg: &str) -> Result<usvg::Tree, ExportError> {
    let elements = svg.bytes().filter(|&b| b == b'<').count();
    if elements > MAX_SVG_ELEMENTS {
        return Err(too_large(&format!(
            "the drawing has {} elements, more than the renderer takes",
            thousands(elements)
        )));
    }
    let options = usvg::Options {
        fontdb: fonts::db(),
        font_family: "Ubuntu".to_owned(),
        // Our SVG never references files; refuse any that a future change might add.
        resources_dir: None,
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))
}

/// `svg` made drawable with the bundled fonts, so every character of a label shows in PNG and
/// PDF. The renderer shapes a line of text as one run, and one character it cannot draw turns
/// the whole line into empty boxes (an emoji next to a flag included), so:
/// - a flag (a pair of regional indicators, which the bundled Noto Emoji draws only one by one)
///   becomes its two letters (U+1F1EB U+1F1F7, the French flag, becomes `FR`);
/// - joiners, variation selectors, the keycap mark and skin-tone modifiers are dropped (a
///   woman-and-laptop sequence shows as a woman and a laptop, a thumb with a skin tone as a
///   thumb): the monochrome emoji font has no sequences;
/// - a combining mark no font has is dropped;
/// - any other character no bundled font has becomes a white square (U+25A1), or `?` if even
///   that is missing, so it is visibly replaced, never silently lost.
///
/// Emoji and symbols the bundled fonts have (Noto Emoji, DejaVu symbols) are drawn as they are.
pub fn drawable(svg: &str) -> std::borrow::Cow<'_, str> {
    let changed = |c: char| {
        !c.is_ascii() && (is_sequence_mark(c) || is_regional(c) || fonts::face_for(c).is_none())
    };
    if !svg.contains(changed) {
        return std::borrow::Cow::Borrowed(svg);
    }
    let replacement = if fonts::face_for('\u{25A1}').is_some() {
        '\u{25A1}'
    } else {
        '?'
    };
    let mut out = String::with_capacity(svg.len());
    for c in svg.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if is_regional(c) {
            // U+1F1E6 is A.
            out.push(char::from(b'A' + (u32::from(c) - 0x1F1E6) as u8));
        } else if is_sequence_mark(c) {
            continue;
        } else if fonts::face_for(c).is_some() {
            out.push(c);
        } else if !is_combining(c) {
            out.push(replacement);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A regional indicator letter (two make a flag).
fn is_regional(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Characters that only join or restyle emoji: zero-width joiner and non-joiner, variation
/// selectors, the combining keycap and the skin-tone modifiers.
fn is_sequence_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200C}'
            | '\u{200D}'
            | '\u{20E3}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Combining marks, drawn over the character before them.
fn is_combining(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// The scale chosen for an image and why it differs from the one asked for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Pixels per canvas unit actually used.
    pub used: f32,
    /// The scale asked for (or [`DEFAULT_SCALE`]) when it was reduced to fit a limit.
    pub reduced_from: Option<f32>,
}

/// The scale for a `width` × `height` drawing. `requested` is an explicit scale (`--scale`),
/// kept up to [`MAX_PIXELS`]; `None` means [`DEFAULT_SCALE`] within [`AUTO_MAX_SIDE`] and
/// [`AUTO_MAX_PIXELS`]. Non-positive or non-finite scales count as 1.
pub fn choose_scale(width: f32, height: f32, requested: Option<f32>) -> Scale {
    let (wanted, max_side, max_pixels) = match requested {
        Some(s) if s.is_finite() && s > 0.0 => (f64::from(s), f64::INFINITY, MAX_PIXELS),
        Some(_) => (1.0, f64::INFINITY, MAX_PIXELS),
        None => (f64::from(DEFAULT_SCALE), AUTO_MAX_SIDE, AUTO_MAX_PIXELS),
    };
    let (w, h) = (f64::from(width.max(1.0)), f64::from(height.max(1.0)));
    let by_side = max_side / w.max(h);
    let by_pixels = (max_pixels / (w * h)).sqrt();
    let used = wanted.min(by_side).min(by_pixels);
    Scale {
        used: used as f32,
        reduced_from: (used < wanted).then_some(wanted as f32),
    }
}

/// Why a PNG of a `width` × `height` drawing is smaller than asked for, and how to get more
/// detail; `None` when the scale was kept.
pub fn scale_note(width: f32, height: f32, requested: Option<f32>) -> Option<String> {
    let scale = choose_scale(width, height, requested);
    let wanted = scale.reduced_from?;
    let used = scale.used;
    Some(if requested.is_some() {
        format!(
            "the design is large; PNG scale reduced from {wanted} to {used:.2} to stay within {} megapixels (export .svg or .pdf for full detail)",
            MAX_PIXELS / 1e6
        )
    } else {
        let largest = choose_scale(width, height, Some(wanted)).used;
        format!(
            "the design is large; PNG scale reduced from {wanted} to {used:.2} to stay within {AUTO_MAX_SIDE} pixels a side and {} megapixels (--scale {largest:.2} gives the largest image allowed; .svg and .pdf keep full detail)",
            AUTO_MAX_PIXELS / 1e6
        )
    })
}

/// Rasterises an SVG document at the scale chosen by [`choose_scale`] and encodes it as PNG
/// (characters no bundled font has become visible marks first, see [`drawable`]).
pub fn render(svg: &str, requested: Option<f32>) -> Result<Vec<u8>, ExportError> {
    let tree = parse(&drawable(svg))?;
    let size = tree.size();
    let scale = choose_scale(size.width(), size.height(), requested).used;
    let width = (size.width() * scale).ceil().max(1.0) as u32;
    let height = (size.height() * scale).ceil().max(1.0) as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot allocate a {width}×{height} image")))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    encode(pixmap)
}

/// Encodes a rendered image as an RGBA PNG with fast compression (a few times faster than the
/// default and barely larger for diagrams).
fn encode(pixmap: resvg::tiny_skia::Pixmap) -> Result<Vec<u8>, ExportError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let mut rgba = pixmap.take();
    unpremultiply(&mut rgba);
    let mut out = Vec::with_capacity(rgba.len() / 4);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let error = |e: png::EncodingError| ExportError::Render(e.to_string());
    let mut writer = encoder.write_header().map_err(error)?;
    writer.write_image_data(&rgba).map_err(error)?;
    writer.finish().map_err(error)?;
    Ok(out)
}

/// tiny-skia keeps colours premultiplied by alpha; PNG wants them straight. Opaque pixels (all
/// of a diagram, which has a background) are the same either way.
fn unpremultiply(rgba: &mut [u8]) {
    for px in rgba.chunks_exact_mut(4) {
        let a = px[3];
        if a != 255 && a != 0 {
            for c in &mut px[..3] {
                *c = ((u16::from(*c) * 255 + u16::from(a) / 2) / u16::from(a)).min(255) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_drawings_keep_the_scale_asked_for() {
        let s = choose_scale(800.0, 600.0, None);
        assert_eq!(
            s,
            Scale {
                used: 2.0,
                reduced_from: None
            }
        );
        assert_eq!(choose_scale(800.0, 600.0, Some(3.0)).used, 3.0);
    }

    #[test]
    fn large_drawings_are_scaled_to_the_default_limits() {
        // The 1,000-node synthetic design is about 4,840 × 11,700 units.
        let s = choose_scale(4840.0, 11_700.0, None);
        assert_eq!(s.reduced_from, Some(2.0));
        let (w, h) = (4840.0 * s.used, 11_700.0 * s.used);
        assert!(f64::from(w.max(h)) <= AUTO_MAX_SIDE + 1.0);
        assert!(f64::from(w * h) <= AUTO_MAX_PIXELS * 1.001);
        // A long, thin drawing is limited by its side.
        let thin = choose_scale(20_000.0, 400.0, None);
        assert!((20_000.0 * thin.used - 8192.0).abs() < 1.0);
    }

    #[test]
    fn an_explicit_scale_is_kept_up_to_the_memory_cap() {
        // 36 MP: more than the default allows, within the cap.
        let s = choose_scale(4840.0, 11_700.0, Some(0.8));
        assert_eq!(
            s,
            Scale {
                used: 0.8,
                reduced_from: None
            }
        );
        let s = choose_scale(4840.0, 11_700.0, Some(4.0));
        assert_eq!(s.reduced_from, Some(4.0));
        assert!(f64::from(4840.0 * s.used * 11_700.0 * s.used) <= MAX_PIXELS * 1.001);
        assert_eq!(choose_scale(100.0, 100.0, Some(f32::NAN)).used, 1.0);
    }

    #[test]
    fn characters_no_font_has_become_a_visible_square() {
        assert!(
            fonts::face_for('\u{25A1}').is_some(),
            "the mark itself is drawable"
        );
        assert_eq!(
            drawable("<text>a\u{E000}b</text>"),
            "<text>a\u{25A1}b</text>"
        );
        assert_eq!(drawable("a 🚀 b → c é"), "a 🚀 b → c é");
        assert_eq!(
            drawable(
                "\u{1F1EB}\u{1F1F7} \u{1F469}\u{200d}\u{1F4BB} \u{1F44D}\u{1F3FD} 1\u{fe0f}\u{20e3}"
            ),
            "FR \u{1F469}\u{1F4BB} \u{1F44D} 1"
        );
    }

    #[test]
    fn unpremultiply_restores_straight_colours() {
        let mut px = [64, 0, 128, 128, 10, 20, 30, 255, 0, 0, 0, 0];
        unpremultiply(&mut px);
        assert_eq!(px, [128, 0, 255, 128, 10, 20, 30, 255, 0, 0, 0, 0]);
    }
}
