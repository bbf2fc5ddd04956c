//! Escaping of user text (labels, ids, notes) for XML, HTML, Markdown and Mermaid, so no export
//! ever carries raw markup from a design file.

/// Escapes text for XML/HTML element content and double- or single-quoted attributes. Characters
/// XML 1.0 forbids (most C0 controls) are dropped; tabs and newlines become spaces.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_xml(&mut out, text);
    out
}

/// [`xml`], appending to `out`. Runs of characters that need no escaping are copied whole.
pub fn push_xml(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            '\t' | '\n' | '\r' => " ",
            c if is_xml_forbidden(c) => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// Like [`xml`] but keeps newlines (for multi-line blocks such as notes in HTML).
pub fn xml_multiline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split('\n') {
        if !out.is_empty() {
            out.push('\n');
        }
        push_xml(&mut out, line.trim_end_matches('\r'));
    }
    out
}

fn is_xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Escapes free text for a Markdown paragraph: HTML-significant characters become entities so
/// user text can never inject HTML; Markdown emphasis written by the user is kept.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {}
            c if is_xml_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for one cell of a GitHub-flavoured Markdown table: [`markdown_text`], plus `|`
/// escaped and line breaks turned into `<br>` so the row stays on one line.
pub fn markdown_cell(text: &str) -> String {
    // A trailing backslash would escape the cell's closing `|`.
    let text = markdown_text(text).replace('\\', "\\\\");
    let mut out = String::with_capacity(text.len() + 8);
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(&line.replace('|', "\\|"));
        if lines.peek().is_some() {
            out.push_str("<br>");
        }
    }
    if out.trim().is_empty() {
        // An empty cell would still render, but a blank keeps columns readable in raw text.
        return " ".to_owned();
    }
    out
}

/// Shortens `text` to at most `max` characters, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_controls() {
        assert_eq!(
            xml("<a href=\"x\">&'\u{1}\n</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39; &lt;/a&gt;"
        );
    }

    #[test]
    fn markdown_cell_keeps_one_row() {
        assert_eq!(markdown_cell("a|b\nc<d>"), "a\\|b<br>c&lt;d&gt;");
    }

    #[test]
    fn truncate_adds_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
