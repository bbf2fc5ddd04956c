//! The fonts bundled with Archway (`assets/fonts`) and text measurement in them, so the canvas
//! and every export size text (edge captions, fitted labels) alike and never depend on the fonts
//! a machine has installed: Ubuntu Light for text, then Noto Emoji and a DejaVu Sans cut to
//! symbols as fallbacks for the characters Ubuntu Light lacks (emoji, arrows, maths signs).

use std::sync::OnceLock;

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

/// Font size of edge captions at 100 %, on the canvas and in the exports.
pub const CAPTION_FONT: f32 = 11.0;

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

/// Width of `text` at `font_size` in the bundled fonts, from the glyph advances of the font
/// that draws each character (Ubuntu Light, else a fallback). Characters no font has count as
/// one em.
pub fn text_width(text: &str, font_size: f32) -> f32 {
    static ASCII: OnceLock<[f32; 128]> = OnceLock::new();
    let ascii = ASCII.get_or_init(|| {
        let mut ascii = [0.55f32; 128];
        for (i, w) in ascii.iter_mut().enumerate() {
            if let Some(adv) = char::from_u32(i as u32).and_then(advance_em) {
                *w = adv;
            }
        }
        ascii
    });
    let em: f32 = text
        .chars()
        .map(|c| match ascii.get(c as usize) {
            Some(&w) => w,
            None => advance_em(c).unwrap_or(1.0),
        })
        .sum();
    em * font_size
}

/// `text` shortened with `…` so it is at most `max_width` wide at `font_size` (borrowed when
/// it fits).
pub fn fit_text(text: &str, font_size: f32, max_width: f32) -> std::borrow::Cow<'_, str> {
    if text_width(text, font_size) <= max_width {
        return std::borrow::Cow::Borrowed(text);
    }
    let budget = max_width - text_width("…", font_size);
    let mut out = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), font_size);
        if width + w > budget {
            break;
        }
        width += w;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    std::borrow::Cow::Owned(out)
}

/// `text` wrapped at spaces into at most `rows` lines no wider than `max_width` at
/// `font_size`; a word too long for a line is cut, and the last line ends in `…` when text is
/// left over (the exports' counterpart of the canvas's label wrapping).
pub fn wrap_text(text: &str, font_size: f32, max_width: f32, rows: usize) -> Vec<String> {
    let rows = rows.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while lines.len() < rows {
        let mut line = String::new();
        while let Some(&word) = words.peek() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, font_size) <= max_width {
                line = candidate;
                words.next();
            } else if line.is_empty() {
                // One word wider than the line: cut it.
                line = fit_text(word, font_size, max_width).into_owned();
                words.next();
                break;
            } else {
                break;
            }
        }
        if line.is_empty() {
            break;
        }
        lines.push(line);
        if words.peek().is_none() {
            return lines;
        }
    }
    // Text left over: the last line ends in an ellipsis.
    if let Some(last) = lines.last_mut() {
        let rest: Vec<&str> = words.collect();
        if !rest.is_empty() {
            let joined = format!("{last} {}", rest.join(" "));
            let fitted = fit_text(&joined, font_size, max_width);
            *last = if fitted.ends_with('…') {
                fitted.into_owned()
            } else {
                format!("{}…", last.trim_end_matches('…'))
            };
        }
    }
    lines
}

/// Width and height of the box behind an edge caption at 100 %, in canvas units (zero for no
/// caption): the text at [`CAPTION_FONT`] with a small margin. What
/// [`super::place_captions`] keeps clear of other captions and nodes.
pub fn caption_size(text: &str) -> (f32, f32) {
    if text.is_empty() {
        (0.0, 0.0)
    } else {
        (text_width(text, CAPTION_FONT) + 6.0, CAPTION_FONT + 4.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_font_parses() {
        assert_eq!(faces().len(), FALLBACK_ORDER.len());
    }

    #[test]
    fn symbols_come_from_the_fallback_and_letters_from_ubuntu() {
        let ubuntu = &faces()[0];
        let (face, _) = face_for('a').expect("a is covered");
        assert!(std::ptr::eq(face, ubuntu));
        let (face, _) = face_for('→').expect("→ is covered");
        assert!(std::ptr::eq(face, &faces()[2]), "→ comes from DejaVu");
    }

    #[test]
    fn a_caption_box_is_the_text_and_a_margin() {
        assert_eq!(caption_size(""), (0.0, 0.0));
        let (w, h) = caption_size("HTTPS");
        assert_eq!(w, text_width("HTTPS", CAPTION_FONT) + 6.0);
        assert_eq!(h, 15.0);
    }
}
