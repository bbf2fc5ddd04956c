//! PNG export: the SVG diagram rasterised with resvg, using only the bundled fonts so the image
//! is the same on every machine.

use super::ExportError;
use std::sync::{Arc, OnceLock};

/// The proportional font every export uses (egui's default, see `assets/fonts/README.md`).
pub const FONT_UBUNTU_LIGHT: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Light.ttf");
/// Fallback font for emoji in labels.
pub const FONT_NOTO_EMOJI: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");

/// Largest image written, in pixels; a larger `--scale` is reduced to fit (about 160 MB of
/// pixels in memory).
pub const MAX_PIXELS: f64 = 40_000_000.0;

/// The font database holding only the bundled fonts (no system fonts), built once.
pub fn font_db() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_UBUNTU_LIGHT.to_vec());
        db.load_font_data(FONT_NOTO_EMOJI.to_vec());
        let family = db
            .faces()
            .next()
            .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
            .unwrap_or_else(|| "Ubuntu".to_owned());
        db.set_sans_serif_family(family.clone());
        db.set_serif_family(family.clone());
        db.set_monospace_family(family);
        Arc::new(db)
    })
    .clone()
}

/// Parses an SVG document into a usvg tree with the bundled fonts.
pub fn parse(svg: &str) -> Result<usvg::Tree, ExportError> {
    let options = usvg::Options {
        fontdb: font_db(),
        font_family: "Ubuntu".to_owned(),
        // Our SVG never references files; refuse any that a future change might add.
        resources_dir: None,
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))
}

/// The scale actually used for a `width` × `height` drawing: `scale`, reduced so the image stays
/// within [`MAX_PIXELS`]. Non-positive or non-finite scales become 1.
pub fn effective_scale(width: f32, height: f32, scale: f32) -> f32 {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let pixels = f64::from(width) * f64::from(height) * f64::from(scale) * f64::from(scale);
    if pixels > MAX_PIXELS {
        (f64::from(scale) * (MAX_PIXELS / pixels).sqrt()) as f32
    } else {
        scale
    }
}

/// Rasterises an SVG document at `scale` pixels per unit and encodes it as PNG.
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    let tree = parse(svg)?;
    let size = tree.size();
    let scale = effective_scale(size.width(), size.height(), scale);
    let width = (size.width() * scale).ceil().max(1.0) as u32;
    let height = (size.height() * scale).ceil().max(1.0) as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot allocate a {width}×{height} image")))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}
