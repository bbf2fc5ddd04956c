//! The bundled fonts embedded in an SVG document as `@font-face` rules, each cut to the glyphs
//! the document's text uses, so a browser, another SVG viewer and the HTML report draw the
//! labels in the font the layout measured them in (the PNG and PDF exports load the fonts
//! directly and need no rule).

use super::fonts::FALLBACK_ORDER;
use base64::Engine as _;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The family names of the embedded fonts, in [`FALLBACK_ORDER`]. They are Archway's own, so a
/// machine's installed Ubuntu (another weight, another version) never stands in for them.
pub const FAMILIES: [&str; 3] = [
    "Archway Ubuntu Light",
    "Archway Noto Emoji",
    "Archway DejaVu Symbols",
];

/// The `font-family` every text element of an SVG export asks for: the embedded fonts first,
/// then the installed names the image exports' font database answers to.
pub const FONT_FAMILY: &str = "'Archway Ubuntu Light', 'Archway Noto Emoji', \
                               'Archway DejaVu Symbols', Ubuntu, 'Ubuntu Light', 'Noto Emoji', \
                               sans-serif";

/// The characters drawn by the `<text>` elements of `svg` (titles and descriptions, which are
/// not drawn, are left out). Empty when `svg` does not parse.
pub fn drawn_chars(svg: &str) -> BTreeSet<char> {
    let Ok(doc) = roxmltree::Document::parse(svg) else {
        return BTreeSet::new();
    };
    doc.descendants()
        .filter(|n| n.is_text())
        .filter(|n| {
            n.ancestors()
                .any(|a| a.is_element() && a.tag_name().name() == "text")
        })
        .flat_map(|n| n.text().unwrap_or("").chars().collect::<Vec<_>>())
        .collect()
}

/// A `<style>` element with one `@font-face` rule per bundled font that draws one of `chars`,
/// the font cut to those glyphs (a TrueType font as a base64 data URL). Empty when no
/// character needs a font. A font that cannot be cut is left out (the text then falls back to
/// the next family in [`FONT_FAMILY`]).
pub fn style(chars: &BTreeSet<char>) -> String {
    // The glyphs each font draws: a character goes to the first font that has it, as in the
    // layout's measurement (`geometry::text::face_for`).
    let faces: Vec<Option<ttf_parser::Face<'static>>> = FALLBACK_ORDER
        .iter()
        .map(|data| ttf_parser::Face::parse(data, 0).ok())
        .collect();
    let mut glyphs: Vec<BTreeSet<u16>> = vec![BTreeSet::new(); FALLBACK_ORDER.len()];
    for &c in chars {
        if let Some((i, g)) = faces
            .iter()
            .enumerate()
            .find_map(|(i, f)| f.as_ref()?.glyph_index(c).map(|g| (i, g.0)))
        {
            glyphs[i].insert(g);
        }
    }
    let mut rules = String::new();
    for ((data, family), used) in FALLBACK_ORDER.iter().zip(FAMILIES).zip(&glyphs) {
        if used.is_empty() {
            continue;
        }
        let Some(font) = subset(data, used) else {
            continue;
        };
        let _ = writeln!(
            rules,
            "@font-face{{font-family:'{family}';src:url(data:font/ttf;base64,{})format('truetype');}}",
            base64::engine::general_purpose::STANDARD.encode(font)
        );
    }
    if rules.is_empty() {
        return String::new();
    }
    format!("<style>\n{rules}</style>\n")
}

/// `data` cut to `glyphs` (glyph 0, the missing-glyph box, always kept), with a Unicode `cmap`
/// a browser accepts. The cut has no kerning table: the layout measures labels by glyph
/// advances alone (`geometry::text::text_width`), so a browser draws them as wide as measured.
fn subset(data: &[u8], glyphs: &BTreeSet<u16>) -> Option<Vec<u8>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let font = ReadScope::new(data).read::<FontData<'_>>().ok()?;
    let provider = font.table_provider(0).ok()?;
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.iter().copied().filter(|&g| g != 0))
        .collect();
    allsorts::subset::subset(
        &provider,
        &ids,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .ok()
}

/// `svg` (a document [`super::svg`] drew) with the fonts its text uses embedded as a
/// `<style>` right after the opening `<svg>` tag.
pub fn embed(svg: String) -> String {
    let style = style(&drawn_chars(&svg));
    if style.is_empty() {
        return svg;
    }
    let Some(open) = svg.find("<svg") else {
        return svg;
    };
    let Some(end) = svg[open..].find('>').map(|i| open + i + 1) else {
        return svg;
    };
    let mut out = String::with_capacity(svg.len() + style.len() + 1);
    out.push_str(&svg[..end]);
    out.push('\n');
    out.push_str(&style);
    out.push_str(svg[end..].trim_start_matches('\n'));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_fonts_the_text_uses_are_embedded_and_they_parse() {
        let chars: BTreeSet<char> = "Cache → 🚀".chars().collect();
        let css = style(&chars);
        assert_eq!(css.matches("@font-face").count(), 3, "{}", &css[..200]);
        let latin: BTreeSet<char> = "Cache".chars().collect();
        let css = style(&latin);
        assert_eq!(css.matches("@font-face").count(), 1);
        let b64 = css
            .split("base64,")
            .nth(1)
            .and_then(|s| s.split(')').next())
            .expect("data url");
        let font = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .expect("base64");
        assert!(
            font.len() < 20_000,
            "a five-letter subset is small: {}",
            font.len()
        );
        let face = ttf_parser::Face::parse(&font, 0).expect("the subset parses");
        for c in "Cache".chars() {
            assert!(face.glyph_index(c).is_some(), "{c} kept");
        }
        assert!(face.glyph_index('z').is_none(), "z cut");
    }

    #[test]
    fn embedding_goes_after_the_svg_tag() {
        let svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">\n<text>ab</text>\n</svg>\n".to_owned();
        let out = embed(svg);
        assert!(out.starts_with("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">\n<style>\n@font-face{font-family:'Archway Ubuntu Light'"));
        assert!(roxmltree::Document::parse(&out).is_ok());
    }
}
