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

/// Parses an SVG document into a usvg tree with the bundled fonts.
pub fn parse(svg: &str) -> Result<usvg::Tree, ExportError> {
    let options = usvg::Options {
        fontdb: fonts::db(),
        font_family: "Ubuntu".to_owned(),
        // Our SVG never references files; refuse any that a future change might add.
        resources_dir: None,
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))
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

/// Rasterises an SVG document at the scale chosen by [`choose_scale`] and encodes it as PNG.
pub fn render(svg: &str, requested: Option<f32>) -> Result<Vec<u8>, ExportError> {
    let tree = parse(svg)?;
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
    fn unpremultiply_restores_straight_colours() {
        let mut px = [64, 0, 128, 128, 10, 20, 30, 255, 0, 0, 0, 0];
        unpremultiply(&mut px);
        assert_eq!(px, [128, 0, 255, 128, 10, 20, 30, 255, 0, 0, 0, 0]);
    }
}
