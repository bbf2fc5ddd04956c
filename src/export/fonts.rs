//! The fonts bundled with Archway (`assets/fonts`), shared by the image exports and the GUI so
//! text looks the same everywhere and never depends on the fonts a machine has installed:
//! Ubuntu Light for text, then Noto Emoji and a DejaVu Sans cut to symbols as fallbacks for the
//! characters Ubuntu Light lacks (emoji, arrows, maths signs).

use std::sync::{Arc, OnceLock};

/// The proportional font every export uses (egui's default, see `assets/fonts/README.md`).
pub const UBUNTU_LIGHT: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Light.ttf");
/// Fallback font for emoji in labels (egui's default).
pub const NOTO_EMOJI: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");
/// Fallback font for symbols: arrows, maths operators, geometric shapes, punctuation.
pub const DEJAVU_SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Symbols.ttf");

/// Name of the symbol fallback in egui's font definitions.
pub const DEJAVU_SYMBOLS_NAME: &str = "DejaVuSans-Symbols";

/// Every bundled font, in fallback order: a character is drawn with the first that has it.
pub const FALLBACK_ORDER: [&[u8]; 3] = [UBUNTU_LIGHT, NOTO_EMOJI, DEJAVU_SYMBOLS];

/// The bundled fonts parsed once, in [`FALLBACK_ORDER`] (fonts that fail to parse are left out).
pub fn faces() -> &'static [ttf_parser::Face<'static>] {
    static FACES: OnceLock<Vec<ttf_parser::Face<'static>>> = OnceLock::new();
    FACES.get_or_init(|| {
        FALLBACK_ORDER
            .iter()
            .filter_map(|data| ttf_parser::Face::parse(data, 0).ok())
            .collect()
    })
}

/// The first bundled font that has a glyph for `c`, with that glyph.
pub fn face_for(c: char) -> Option<(&'static ttf_parser::Face<'static>, ttf_parser::GlyphId)> {
    faces()
        .iter()
        .find_map(|f| f.glyph_index(c).map(|g| (f, g)))
}

/// Horizontal advance of `c` in ems, from the first bundled font that has it.
pub fn advance_em(c: char) -> Option<f32> {
    let (face, glyph) = face_for(c)?;
    let advance = face.glyph_hor_advance(glyph)?;
    Some(f32::from(advance) / f32::from(face.units_per_em().max(1)))
}

/// The font database of the image exports: only the bundled fonts (no system fonts), loaded in
/// [`FALLBACK_ORDER`] so usvg's fallback picks the same font as [`face_for`]. Built once.
pub fn db() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for data in FALLBACK_ORDER {
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(data)));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_font_parses() {
        assert_eq!(faces().len(), FALLBACK_ORDER.len());
        assert_eq!(db().faces().count(), FALLBACK_ORDER.len());
    }

    #[test]
    fn symbols_come_from_the_fallback_and_letters_from_ubuntu() {
        let ubuntu = &faces()[0];
        let (face, _) = face_for('a').expect("a is covered");
        assert!(std::ptr::eq(face, ubuntu));
        let (face, _) = face_for('→').expect("→ is covered");
        assert!(std::ptr::eq(face, &faces()[2]), "→ comes from DejaVu");
    }
}
