//! Safe display of text that comes from a design file or a file name: escaping for terminals,
//! removal of invisible and direction-changing characters for exports, and short excerpts for
//! messages. Ids, labels and paths are user data: no design file may rewrite a terminal (escape
//! sequences), reorder what a reviewer reads (bidi overrides) or flood a log (a huge token).

use std::borrow::Cow;
use std::fmt::Write as _;

/// How many characters of offending input a message quotes at most (then `…`).
pub const EXCERPT_CHARS: usize = 60;

/// Whether `c` changes the direction of the text around it: the embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) and the direction marks (U+200E, U+200F, U+061C).
/// An override makes `evil\u{202E}txt.exe` read as `evilexe.txt`.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` is drawn as nothing although it is not a space: zero-width spaces and joiners
/// that hide differences between ids (U+200B, U+2060–U+2064, U+FEFF, U+180E, the soft hyphen),
/// the deprecated format characters U+206A–U+206F, interlinear annotations and the tag
/// characters U+E0000–U+E007F (which can smuggle invisible ASCII). The zero-width joiner and
/// non-joiner and the variation selectors are kept: emoji and several scripts need them.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `c` must not reach a terminal or an export as is: a control character (C0, DEL,
/// C1), a bidi control or an invisible format character.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible_format(c)
}

/// `text` made safe to print on a terminal: every control character, bidi control and invisible
/// format character is written as a visible escape (`\n`, `\t`, `\r`, `\u{1b}`, `\u{202e}`), so
/// a design file cannot move the cursor, change colours, rewrite earlier lines of a CI log or
/// reorder what is shown. Text without such characters is returned as is, without copying.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(is_hidden) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` without bidi controls and invisible format characters, for exports (SVG, HTML,
/// Markdown, Mermaid, draw.io, PNG, PDF). Control characters other than newline and tab are
/// removed too; each export decides what a newline or a tab becomes. The characters are
/// removed rather than marked: what is left is exactly what the user typed, in stored order, so
/// nothing can be hidden or reordered, and no marker needs a glyph in the picture.
pub fn visible(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| is_hidden(c) && c != '\n' && c != '\t';
    if !text.contains(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !hidden(c)).collect())
}

/// At most `max` characters of `text`, ending in `…` when cut. Reads no further than it needs,
/// so a 50 MB token costs no more than a short one.
pub fn excerpt(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((_, _)) => {
            let keep = max.saturating_sub(1);
            let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", &text[..end]))
        }
    }
}

/// User text (an id, a value, a file's content) as a message quotes it: at most
/// [`EXCERPT_CHARS`] characters, then [`terminal_safe`].
pub fn quoted(text: &str) -> String {
    terminal_safe(&excerpt(text, EXCERPT_CHARS)).into_owned()
}

/// Shortens every part of `message` written between backticks or double quotes to at most
/// [`EXCERPT_CHARS`] characters, then the whole message to a few lines' worth, and makes it
/// [`terminal_safe`]. For messages built by libraries that quote input whole.
pub fn shorten_quotes(message: &str) -> String {
    const MAX_MESSAGE_CHARS: usize = 400;
    let mut out = String::with_capacity(message.len().min(MAX_MESSAGE_CHARS + 8));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = &rest[open..=open];
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        match after.find(quote) {
            Some(close) => {
                out.push_str(&excerpt(&after[..close], EXCERPT_CHARS));
                out.push_str(quote);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&excerpt(after, EXCERPT_CHARS));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let short = excerpt(&out, MAX_MESSAGE_CHARS);
    terminal_safe(&short).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_escapes_controls_and_bidi() {
        assert_eq!(terminal_safe("plain_id"), "plain_id");
        assert!(matches!(terminal_safe("plain"), Cow::Borrowed(_)));
        assert_eq!(
            terminal_safe("a\u{1b}[2Jb\nc\u{202e}d\u{9b}"),
            "a\\u{1b}[2Jb\\nc\\u{202e}d\\u{9b}"
        );
        assert_eq!(terminal_safe("x\u{200b}y"), "x\\u{200b}y");
        // Emoji sequences keep their joiners.
        assert_eq!(terminal_safe("👩\u{200d}💻"), "👩\u{200d}💻");
    }

    #[test]
    fn visible_removes_hidden_characters_but_keeps_lines() {
        assert_eq!(visible("evil\u{202e}exe.txt"), "evilexe.txt");
        assert_eq!(visible("a\nb\tc\u{7}"), "a\nb\tc");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn excerpt_cuts_long_text() {
        assert_eq!(excerpt("abcdef", 4), "abc…");
        assert_eq!(excerpt("abcd", 4), "abcd");
        assert_eq!(excerpt("ééééé", 3), "éé…");
        let long = "x".repeat(10_000);
        assert_eq!(quoted(&long).chars().count(), EXCERPT_CHARS);
    }

    #[test]
    fn shorten_quotes_shortens_each_quoted_part() {
        let long = "y".repeat(1000);
        let m = shorten_quotes(&format!("unexpected `{long}` after \"{long}\""));
        assert!(m.len() < 200, "{m}");
        assert!(m.starts_with("unexpected `yyy"), "{m}");
        assert!(m.contains("…` after \"y"), "{m}");
        assert_eq!(shorten_quotes("no quotes"), "no quotes");
        assert!(shorten_quotes(&format!("open `{long}")).len() < 100);
    }
}
