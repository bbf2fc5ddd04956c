//! Escaping of user text (labels, ids, notes) for XML, HTML, Markdown and Mermaid, shared by the
//! exports and the review's reports (which sit side by side and cannot import each other), so no
//! document ever carries raw markup from a design file. Every function here also removes bidi controls
//! and invisible format characters ([`crate::model::text::visible`]): a label cannot reorder
//! what a reviewer reads (`evil\u{202E}txt.exe`) in any export.

use super::text::{is_bidi_control, is_invisible_format};

/// Escapes text for XML/HTML element content and double- or single-quoted attributes. Characters
/// XML 1.0 forbids (most C0 controls), C1 controls, bidi controls and invisible format
/// characters are dropped; tabs and newlines become spaces.
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
            c if is_dropped(c) => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// Escapes a rule's message (or an estimate's remark) for HTML element content, appending to
/// `out`: the ids and values the rule wrote between backticks become `<code>` elements, the
/// rest is [`push_xml`]. With an odd number of backticks (or an empty pair) the text is escaped
/// whole, backticks kept as written.
pub fn push_xml_message(out: &mut String, text: &str) {
    let pairs_ok = text.matches('`').count().is_multiple_of(2)
        && text
            .split('`')
            .skip(1)
            .step_by(2)
            .all(|code| !code.trim().is_empty());
    if !pairs_ok {
        push_xml(out, text);
        return;
    }
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            push_xml(out, part);
        } else {
            out.push_str("<code>");
            push_xml(out, part);
            out.push_str("</code>");
        }
    }
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

/// Characters no export keeps: those XML forbids, DEL and the C1 controls, bidi controls and
/// invisible format characters. Tabs and line breaks are each format's business.
pub fn is_dropped(c: char) -> bool {
    is_xml_forbidden(c)
        || matches!(c, '\u{7f}'..='\u{9f}')
        || is_bidi_control(c)
        || is_invisible_format(c)
}

/// Escapes free text for Markdown so it reads exactly as typed: HTML-significant characters
/// become entities (no raw HTML), and every character Markdown would act on is escaped with a
/// backslash: links and images (`[`, `]`), emphasis (`*`, `_` at a word's edge), code
/// (`` ` ``), strike-through (`~`), tables (`|`), escapes (`\\`), and block markers at the
/// start of a line (`#`, `>`, `-`, `+`, `=`, `1.`). Bare links GitHub would make live are
/// split (`https\://…`, `www\.…`; e-mail addresses still become `mailto:` links), and spaces
/// that start a line are written `&#32;` so no indentation opens a code block. A label
/// `[x](javascript:…)` or `https://evil.example` stays text. Newlines are kept (each caller
/// decides what a line is); hidden characters are dropped.
pub fn markdown_text(text: &str) -> String {
    markdown_fragment(text, true)
}

/// [`markdown_text`] of text that starts at the start of a line or, with `line_start` false,
/// in the middle of one (after a code span).
fn markdown_fragment(text: &str, mut line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    // The ASCII letters just before `c` (lower case, at most 8), to spot `https:` and `www.`.
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let after_word = std::mem::take(&mut word);
        if c.is_ascii_alphabetic() {
            word = after_word.clone();
            if word.len() < 8 {
                word.push(c.to_ascii_lowercase());
            }
        }
        match c {
            '&' => out.push_str("&amp;"),
            // GitHub turns bare `https://…` and `www.…` into live links (its autolink
            // extension finds them while reading inline text); an escaped `:` or `.` is not
            // matched there. (E-mail addresses are found later, in the joined text, where no
            // escape helps: they stay `mailto:` links.)
            ':' if !after_word.is_empty() && chars.clone().take(2).eq("//".chars()) => {
                out.push_str("\\:");
            }
            '.' if after_word == "www" => out.push_str("\\."),
            // Four spaces or a tab at the start of a line would open a code block.
            ' ' | '\t' if line_start => out.push_str("&#32;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {}
            '\n' => out.push('\n'),
            c if is_dropped(c) => {}
            '\\' | '`' | '*' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // Inside a word (`url_cache`) an underscore never starts emphasis.
            '_' if !(prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)) =>
            {
                out.push_str("\\_");
            }
            // A heading, list item, rule or heading underline: the marker then a space, the
            // end of the line, or the same marker again (`##`, `---`, `===`).
            '#' | '-' | '+' | '='
                if line_start
                    && next.is_none_or(|n| n == ' ' || n == '\t' || n == '\n' || n == c) =>
            {
                out.push('\\');
                out.push(c);
            }
            c if line_start && c.is_ascii_digit() => {
                // `1.` or `1)` then a space or the line's end would begin a numbered list
                // (`1.5` would not).
                out.push(c);
                let mut last = c;
                while let Some(d) = chars.next_if(char::is_ascii_digit) {
                    out.push(d);
                    last = d;
                }
                let mut after = chars.clone();
                let mark = after.next().filter(|&m| m == '.' || m == ')');
                let ends = after
                    .next()
                    .is_none_or(|n| n == ' ' || n == '\t' || n == '\n');
                if let (Some(mark), true) = (mark, ends) {
                    chars.next();
                    out.push('\\');
                    out.push(mark);
                    last = mark;
                }
                prev = Some(last);
                line_start = false;
                continue;
            }
            c => out.push(c),
        }
        if c == '\n' {
            line_start = true;
        } else if !(line_start && (c == ' ' || c == '\t')) {
            line_start = false;
        }
        prev = Some(c);
    }
    out
}

/// Escapes text for one cell of a GitHub-flavoured Markdown table: [`markdown_text`] (which
/// escapes `|`), with line breaks turned into `<br>` so the row stays on one line.
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(&markdown_text(line));
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

/// Escapes a rule's message or fix for one table cell. The rule wrote ids and values between
/// backticks; those pairs stay code spans (whose content Markdown never acts on, so an id is
/// inert there, with only `|` escaped for the table), and the text between them is escaped as
/// [`markdown_text`]. With an odd number of backticks the whole text is [`markdown_cell`].
pub fn markdown_message_cell(text: &str) -> String {
    if text.matches('`').count() % 2 == 1 {
        return markdown_cell(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            // Line breaks become `<br>`, as in [`markdown_cell`].
            let lines: Vec<String> = part
                .split('\n')
                .enumerate()
                .map(|(j, line)| markdown_fragment(line, i == 0 || j > 0))
                .collect();
            out.push_str(&lines.join("<br>"));
        } else if part.trim().is_empty() {
            // `` or ` ` is no code span: write the backticks as text.
            out.push_str("\\`");
            out.push_str(part);
            out.push_str("\\`");
        } else {
            out.push('`');
            for c in part.chars().filter(|&c| !is_dropped(c)) {
                match c {
                    '|' => out.push_str("\\|"),
                    '\n' | '\r' | '\t' => out.push(' '),
                    c => out.push(c),
                }
            }
            out.push('`');
        }
    }
    if out.trim().is_empty() {
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
    fn backticked_ids_in_messages_become_escaped_code() {
        let mut out = String::new();
        push_xml_message(&mut out, "edge `a<b>` has no `timeout` & retries");
        assert_eq!(
            out,
            "edge <code>a&lt;b&gt;</code> has no <code>timeout</code> &amp; retries"
        );
        let mut odd = String::new();
        push_xml_message(&mut odd, "one ` tick <x>");
        assert_eq!(odd, "one ` tick &lt;x&gt;");
        let mut empty = String::new();
        push_xml_message(&mut empty, "an `` empty pair");
        assert_eq!(empty, "an `` empty pair");
    }

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
    fn markdown_text_keeps_user_text_inert() {
        assert_eq!(
            markdown_text("[x](javascript:alert(1)) **bold** `code` <b>"),
            "\\[x\\](javascript:alert(1)) \\*\\*bold\\*\\* \\`code\\` &lt;b&gt;"
        );
        assert_eq!(markdown_text("url_cache _em_"), "url_cache \\_em\\_");
        assert_eq!(
            markdown_text("# a\n- b\n12. c\nd-e"),
            "\\# a\n\\- b\n12\\. c\nd-e"
        );
        assert_eq!(markdown_text("a|b ~~s~~ \\"), "a\\|b \\~\\~s\\~\\~ \\\\");
        assert_eq!(markdown_text("evil\u{202e}txt.exe"), "eviltxt.exe");
        assert_eq!(markdown_text("1.5 and 99.9 %"), "1.5 and 99.9 %");
        assert_eq!(markdown_text("-5 ---"), "-5 ---");
        assert_eq!(markdown_text("---\n* x"), "\\---\n\\* x");
    }

    #[test]
    fn markdown_text_keeps_bare_links_and_indentation_inert() {
        assert_eq!(
            markdown_text("see https://evil.example/x, HTTP://a.b, www.evil.example"),
            "see https\\://evil.example/x, HTTP\\://a.b, www\\.evil.example"
        );
        // Ordinary colons and dots are left alone.
        assert_eq!(
            markdown_text("note: 1.5 ms, awww.x"),
            "note: 1.5 ms, awww.x"
        );
        assert_eq!(
            markdown_text("    code?\n\tx"),
            "&#32;&#32;&#32;&#32;code?\n&#32;x"
        );
    }

    #[test]
    fn message_cells_keep_code_spans_inert() {
        assert_eq!(
            markdown_message_cell("database `links` has no standby"),
            "database `links` has no standby"
        );
        assert_eq!(
            markdown_message_cell("node `a|[x](y)` is **odd**"),
            "node `a\\|[x](y)` is \\*\\*odd\\*\\*"
        );
        // An id with one backtick cannot open a span.
        assert_eq!(markdown_message_cell("node `a`b` x"), "node \\`a\\`b\\` x");
    }

    #[test]
    fn xml_drops_bidi_and_invisible_characters() {
        assert_eq!(xml("a\u{202e}b\u{200b}c\u{9b}d"), "abcd");
    }

    #[test]
    fn truncate_adds_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
