//! The bundled fonts as the image exports' font database. The fonts themselves and text
//! measurement live in [`crate::geometry::text`] (re-exported here), since the canvas sizes
//! captions with them too.

pub use crate::geometry::text::{
    DEJAVU_SYMBOLS, DEJAVU_SYMBOLS_NAME, FALLBACK_ORDER, NOTO_EMOJI, UBUNTU_LIGHT, advance_em,
    face_for, faces,
};
use std::sync::{Arc, OnceLock};

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
    fn every_bundled_font_is_in_the_database() {
        assert_eq!(db().faces().count(), FALLBACK_ORDER.len());
    }
}
