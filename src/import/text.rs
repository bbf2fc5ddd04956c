//! Helpers the line-based text readers (PlantUML, Structurizr DSL, D2) share: decoding the
//! file, choosing the page, quoted strings, and errors and notes with their source line.

use super::diagram::{ImportError, PageChoice, Skipped, SourceRef};

/// An error at a 1-based line and, when known, column.
pub(crate) fn error(message: impl Into<String>, line: usize, column: Option<usize>) -> ImportError {
    ImportError {
        message: message.into(),
        line: Some(line),
        column,
    }
}

/// A construct read and left out of the design, with why, at a 1-based line.
pub(crate) fn skipped(what: &str, why: impl Into<String>, line: usize) -> Skipped {
    Skipped {
        what: excerpt(what),
        why: why.into(),
        source: SourceRef {
            line: Some(line),
            id: None,
        },
    }
}

/// A short, single-line excerpt of source text for the report (at most 80 characters).
pub(crate) fn excerpt(s: &str) -> String {
    let flat: String = s
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() > 80 {
        let cut: String = flat.chars().take(77).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

/// The file as text: UTF-8 (a leading byte-order mark dropped), or an error at the line and
/// column of the first byte that is not.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        error("the file is not UTF-8 text", line, Some(column))
    })
}

/// Which of `pages` to read (0-based), or an error naming the pages there are.
pub(crate) fn choose_page(pages: &[String], page: &PageChoice) -> Result<usize, ImportError> {
    let list = || {
        pages
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match page {
        PageChoice::First => Ok(0),
        PageChoice::Number(n) if (1..=pages.len()).contains(n) => Ok(n - 1),
        PageChoice::Number(n) => Err(ImportError {
            message: format!(
                "there is no page {n}; the file has {} ({})",
                pages.len(),
                list()
            ),
            line: None,
            column: None,
        }),
        PageChoice::Name(name) => pages
            .iter()
            .position(|p| p.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| ImportError {
                message: format!("there is no page named \"{name}\"; the file has {}", list()),
                line: None,
                column: None,
            }),
    }
}

/// Reads a double-quoted string starting at byte `start` of `s` (which must be `"`), with
/// backslash escapes kept as written except `\"`. Returns the content and the byte just past
/// the closing quote, or `None` when the string is not closed on this text.
pub(crate) fn quoted(s: &str, start: usize) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s[start..].char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, start + i + 1)),
            '\\' => match chars.next() {
                Some((_, '"')) => out.push('"'),
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    None
}

/// A label as a user reads it: the escapes `\n`, `\l`, `\r`, `\t` as spaces, runs of white
/// space as one space, trimmed.
pub(crate) fn flatten(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.peek(), Some('n' | 'l' | 'r' | 't')) {
            chars.next();
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 1-based column of byte offset `at` in `line`.
pub(crate) fn column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(1, |p| p.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_chosen_by_number_or_name() {
        let pages = vec!["Live".to_string(), "containers".to_string()];
        assert_eq!(choose_page(&pages, &PageChoice::First).ok(), Some(0));
        assert_eq!(choose_page(&pages, &PageChoice::Number(2)).ok(), Some(1));
        assert_eq!(
            choose_page(&pages, &PageChoice::Name("LIVE".into())).ok(),
            Some(0)
        );
        let e = choose_page(&pages, &PageChoice::Number(3))
            .err()
            .map(|e| e.message);
        assert!(e.is_some_and(|m| m.contains("\"Live\", \"containers\"")));
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_line_and_column() {
        let e = utf8(b"ok\nab\xFFc").err();
        assert_eq!(e.map(|e| (e.line, e.column)), Some((Some(2), Some(3))));
    }

    #[test]
    fn labels_flatten_escapes_and_spaces() {
        assert_eq!(
            flatten("  Amazon API\\nGateway \\t x "),
            "Amazon API Gateway x"
        );
        assert_eq!(
            quoted(r#""a \"b\" c" rest"#, 0),
            Some(("a \"b\" c".to_string(), 11))
        );
        assert_eq!(quoted("\"open", 0), None);
    }
}
