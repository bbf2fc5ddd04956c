//! Positions in a design's text, for messages: a [`Problem`] at a line and column, and
//! [`Spots`], which finds where an element or a field is written (ids and line starts indexed
//! once, so thousands of messages are located in linear time).

use super::scan;
use std::collections::HashMap;

/// One problem found in a design file, with its 1-based position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    /// A plain sentence: what is wrong and, where useful, what was expected.
    pub message: String,
}

impl Problem {
    /// A problem at `line`:`col` (each at least 1).
    pub fn at(line: usize, col: usize, message: impl Into<String>) -> Self {
        Self {
            line: line.max(1),
            col: col.max(1),
            message: message.into(),
        }
    }
}

pub(crate) fn escape_for_search(id: &str) -> String {
    id.replace('\\', "\\\\").replace('"', "\\\"")
}

/// 1-based line and column of byte offset `offset` in `text` (column counts characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where things are written in a design's text, for messages. The id of every element and the
/// start of every line are found once, on first use, so a design with thousands of problems
/// (or warnings) is located in linear time.
pub(crate) struct Spots<'a> {
    text: &'a str,
    /// What the scanner found (one pass, shared with the nesting guard when parsing).
    survey: std::cell::OnceCell<scan::Survey<'a>>,
    /// Offset of the `"…"` value of each `id:` field, by the value as written.
    ids: std::cell::OnceCell<HashMap<&'a str, usize>>,
    /// Offset of the start of each line.
    lines: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Spots<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            survey: std::cell::OnceCell::new(),
            ids: std::cell::OnceCell::new(),
            lines: std::cell::OnceCell::new(),
        }
    }

    /// Spots of `text` with the scanner's survey already made.
    pub(crate) fn surveyed(text: &'a str, survey: scan::Survey<'a>) -> Self {
        let spots = Self::new(text);
        let _ = spots.survey.set(survey);
        spots
    }

    /// The scanner's findings: `id:` strings, non-finite literals.
    pub(crate) fn survey(&self) -> &scan::Survey<'a> {
        self.survey
            .get_or_init(|| scan::survey(self.text, usize::MAX))
    }

    /// 1-based line and column of byte offset `offset` ([`line_col`], with a line index).
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let lines = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = lines.partition_point(|&start| start <= offset).max(1);
        let col = text[lines[line - 1]..offset].chars().count() + 1;
        (line, col)
    }

    /// Offset of the `"…"` that names the element `id` (its `id:` field, else the first place
    /// the quoted id appears).
    fn owner(&self, id: &str) -> Option<usize> {
        let ids = self.ids.get_or_init(|| {
            let mut ids = HashMap::new();
            for &(at, body) in &self.survey().ids {
                ids.entry(body).or_insert(at);
            }
            ids
        });
        let written = escape_for_search(id);
        ids.get(written.as_str())
            .copied()
            .or_else(|| self.text.find(&format!("\"{written}\"")))
    }

    /// Position of `field` (and then `value`, when given) inside the element whose id is
    /// `owner_id`; falls back to the owner's id, then to the file start.
    pub(crate) fn field_after(&self, owner_id: &str, field: &str, value: &str) -> (usize, usize) {
        let text = self.text;
        let Some(owner_at) = self.owner(owner_id) else {
            return (1, 1);
        };
        let owner_len = escape_for_search(owner_id).len() + 2;
        let rest = &text[owner_at..];
        // Stay inside the owner's element: stop at the next `id:`.
        let end = rest
            .get(owner_len..)
            .and_then(|r| r.find("id:"))
            .map(|i| i + owner_len)
            .unwrap_or(rest.len());
        let scope = &rest[..end];
        let hit = scope.find(&format!("{field}:")).and_then(|f| {
            if value.is_empty() {
                Some(f)
            } else {
                scope[f..]
                    .find(&format!("\"{}\"", escape_for_search(value)))
                    .map(|v| f + v)
            }
        });
        self.line_col(owner_at + hit.unwrap_or(0))
    }

    /// Position of the first `field:` of the file (1:1 when there is none).
    pub(crate) fn top_field(&self, field: &str) -> (usize, usize) {
        scan::field_offset(self.text, field)
            .map(|o| self.line_col(o))
            .unwrap_or((1, 1))
    }

    pub(crate) fn text(&self) -> &'a str {
        self.text
    }
}
