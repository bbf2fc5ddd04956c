//! A small scanner of RON text that sees structure only: brackets, identifiers, numbers, strings
//! and punctuation, with `//` and nested `/* */` comments, strings, raw strings and character
//! literals skipped the way the RON parser skips them. The loader uses it for checks that must
//! not be fooled by a `(` in a comment (the nesting guard), for finding where a field is written,
//! and for spotting `NaN`, `inf` and out-of-range float literals at their exact position.

/// One token of RON text. Offsets are byte offsets into the scanned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// `(`, `[` or `{`.
    Open(char),
    /// `)`, `]` or `}`.
    Close(char),
    /// A bare word: a field name, an enum value, `true`, `NaN`, `inf`, `r#raw`…
    Ident(&'a str),
    /// A number as written, without its sign (`3`, `3.5`, `1e400`, `0x1F`, `1_000f64`).
    Number(&'a str),
    /// A string or character literal; `body` is the text between the quotes, escapes not
    /// resolved.
    Str { body: &'a str },
    /// Any other character outside comments and strings (`:`, `,`, `-`, `#`, `!`…).
    Punct(char),
    /// A `/* */` comment or string that never ends (the parser reports it; scanning stops).
    Unclosed,
}

/// The tokens of `text` with their byte offsets, in order.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, at: 0 }
}

/// Iterator returned by [`tokens`].
pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, Token<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        loop {
            let start = self.at;
            let &b = bytes.get(start)?;
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => {
                    self.at += bytes[start..]
                        .iter()
                        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                        .unwrap_or(bytes.len() - start);
                }
                b'/' if bytes.get(start + 1) == Some(&b'/') => {
                    self.at = memchr(b'\n', bytes, start).unwrap_or(bytes.len());
                }
                b'/' if bytes.get(start + 1) == Some(&b'*') => {
                    match block_comment_end(bytes, start + 2) {
                        Some(end) => self.at = end,
                        None => {
                            self.at = bytes.len();
                            return Some((start, Token::Unclosed));
                        }
                    }
                }
                b'(' | b'[' | b'{' => {
                    self.at += 1;
                    return Some((start, Token::Open(b as char)));
                }
                b')' | b']' | b'}' => {
                    self.at += 1;
                    return Some((start, Token::Close(b as char)));
                }
                b'"' => return Some(self.string(start, start + 1)),
                b'\'' => return Some(self.char_literal(start, start + 1)),
                b'b' if matches!(bytes.get(start + 1), Some(b'"')) => {
                    return Some(self.string(start, start + 2));
                }
                b'b' if matches!(bytes.get(start + 1), Some(b'\'')) => {
                    return Some(self.char_literal(start, start + 2));
                }
                b'r' | b'b' if raw_string_start(bytes, start).is_some() => {
                    let (quote, hashes) = raw_string_start(bytes, start).unwrap_or((start, 0));
                    return Some(self.raw_string(start, quote + 1, hashes));
                }
                b'0'..=b'9' => return Some((start, Token::Number(self.number(start)))),
                b'.' if bytes.get(start + 1).is_some_and(u8::is_ascii_digit) => {
                    return Some((start, Token::Number(self.number(start))));
                }
                b if (b.is_ascii_alphabetic() || b == b'_' || b >= 0x80)
                    && ident_end(self.text, start) > start =>
                {
                    let end = ident_end(self.text, start);
                    self.at = end;
                    return Some((start, Token::Ident(&self.text[start..end])));
                }
                // Anything else, a non-letter such as `…` included, is one character of
                // punctuation: every token moves the scanner forward.
                _ => {
                    let c = self.text[start..].chars().next()?;
                    self.at += c.len_utf8();
                    return Some((start, Token::Punct(c)));
                }
            }
        }
    }
}

impl<'a> Tokens<'a> {
    /// A `"…"` string whose body starts at `body`; `\` escapes the next character.
    fn string(&mut self, start: usize, body: usize) -> (usize, Token<'a>) {
        let bytes = self.text.as_bytes();
        let mut i = body;
        while i < bytes.len() {
            // Jump to the next quote or backslash.
            i += bytes[i..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\')
                .unwrap_or(bytes.len() - i);
            let Some(&b) = bytes.get(i) else { break };
            match b {
                b'\\' => i += 2,
                b'"' => {
                    self.at = i + 1;
                    return (
                        start,
                        Token::Str {
                            body: &self.text[body..i],
                        },
                    );
                }
                _ => i += 1,
            }
        }
        self.at = bytes.len();
        (start, Token::Unclosed)
    }

    /// A `'c'` character literal (or `'\''`).
    fn char_literal(&mut self, start: usize, body: usize) -> (usize, Token<'a>) {
        let bytes = self.text.as_bytes();
        let mut i = body;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'\'' => {
                    self.at = i + 1;
                    return (
                        start,
                        Token::Str {
                            body: &self.text[body..i],
                        },
                    );
                }
                b'\n' => break,
                _ => i += 1,
            }
        }
        // Not a literal after all: treat the quote as punctuation.
        self.at = start + 1;
        (start, Token::Punct('\''))
    }

    /// A raw string `r#"…"#` whose body starts at `body`, closed by `"` and `hashes` `#`s.
    fn raw_string(&mut self, start: usize, body: usize, hashes: usize) -> (usize, Token<'a>) {
        let bytes = self.text.as_bytes();
        let mut i = body;
        while let Some(q) = memchr(b'"', bytes, i) {
            let closes = bytes.len() >= q + 1 + hashes
                && bytes[q + 1..q + 1 + hashes].iter().all(|&h| h == b'#');
            if closes {
                self.at = q + 1 + hashes;
                return (
                    start,
                    Token::Str {
                        body: &self.text[body..q],
                    },
                );
            }
            i = q + 1;
        }
        self.at = bytes.len();
        (start, Token::Unclosed)
    }

    /// A number: digits, `_`, `.`, letters (hex digits, exponents, suffixes) and the sign of an
    /// exponent.
    fn number(&mut self, start: usize) -> &'a str {
        let bytes = self.text.as_bytes();
        let mut i = start;
        while i < bytes.len() {
            let b = bytes[i];
            let exponent_sign = matches!(b, b'+' | b'-')
                && i > start
                && matches!(bytes[i - 1], b'e' | b'E')
                && !self.text[start..i].starts_with("0x");
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
                i += 1;
            } else {
                break;
            }
        }
        self.at = i;
        &self.text[start..i]
    }
}

/// Where a raw string starting at `start` (`r"`, `r#"`, `br##"`…) has its opening quote, and
/// how many `#` it uses.
fn raw_string_start(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let mut i = start;
    if bytes.get(i) == Some(&b'b') {
        i += 1;
    }
    if bytes.get(i) != Some(&b'r') {
        return None;
    }
    i += 1;
    let hashes = bytes[i..].iter().take_while(|&&b| b == b'#').count();
    (bytes.get(i + hashes) == Some(&b'"')).then_some((i + hashes, hashes))
}

/// End (exclusive) of a block comment whose body starts at `from`; block comments nest.
fn block_comment_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut level = 1usize;
    let mut i = from;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                level += 1;
                i += 2;
            }
            (b'*', b'/') => {
                level -= 1;
                i += 2;
                if level == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// End (exclusive) of the identifier starting at `start` (letters, digits, `_`, and `r#`).
fn ident_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    if bytes[i..].starts_with(b"r#") {
        i += 2;
    }
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() || b == b'_' {
            i += 1;
        } else if b >= 0x80 {
            match text[i..].chars().next() {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

fn memchr(needle: u8, bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|i| from + i)
}

/// What one pass over a design's text finds: everything the loader needs from the scanner,
/// so a large file is scanned once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Survey<'a> {
    /// The first place where brackets are nested more than the given depth (the pass stops
    /// there).
    pub too_deep: Option<usize>,
    /// Number literals a float field would read as NaN or an infinity (see
    /// [`non_finite_numbers`]).
    pub non_finite: Vec<(usize, &'a str)>,
    /// Every `id: "…"`: the offset of the string and its body as written.
    pub ids: Vec<(usize, &'a str)>,
}

/// Scans `text` once for [`Survey`], without recursion.
pub fn survey(text: &str, max_depth: usize) -> Survey<'_> {
    let mut out = Survey::default();
    let mut depth = 0usize;
    let mut previous: [Option<Token<'_>>; 2] = [None, None];
    for (at, token) in tokens(text) {
        match token {
            Token::Open(_) => {
                depth += 1;
                if depth > max_depth {
                    out.too_deep = Some(at);
                    return out;
                }
            }
            Token::Close(_) => depth = depth.saturating_sub(1),
            Token::Str { body } => {
                if let [Some(Token::Ident("id")), Some(Token::Punct(':'))] = previous {
                    out.ids.push((at, body));
                }
            }
            _ => {}
        }
        if let Some(literal) = non_finite_literal(previous[1], token) {
            out.non_finite.push((at, literal));
        }
        previous = [previous[1], Some(token)];
    }
    out
}

/// The first place where brackets outside comments and strings are nested more than `max`
/// deep, as a byte offset. Runs in one pass without recursion.
pub fn too_deep(text: &str, max: usize) -> Option<usize> {
    survey(text, max).too_deep
}

/// Whether `text` holds nothing but white space and comments.
pub fn is_blank(text: &str) -> bool {
    tokens(text).next().is_none()
}

/// Every `field: "…"` whose field is named `field`: the byte offset of the string (its opening
/// quote) and its body as written (escapes not resolved), in file order.
pub fn string_fields<'a>(text: &'a str, field: &'a str) -> impl Iterator<Item = (usize, &'a str)> {
    let mut window: [Option<(usize, Token<'a>)>; 3] = [None, None, None];
    tokens(text).filter_map(move |t| {
        window.rotate_left(1);
        window[2] = Some(t);
        match window {
            [
                Some((_, Token::Ident(name))),
                Some((_, Token::Punct(':'))),
                Some((at, Token::Str { body })),
            ] if name == field => Some((at, body)),
            _ => None,
        }
    })
}

/// Byte offset of the first `field:` of `text` outside comments and strings.
pub fn field_offset(text: &str, field: &str) -> Option<usize> {
    let mut previous: Option<(usize, Token<'_>)> = None;
    for (at, token) in tokens(text) {
        if let (Some((start, Token::Ident(name))), Token::Punct(':')) = (previous, token)
            && name == field
        {
            return Some(start);
        }
        previous = Some((at, token));
    }
    None
}

/// Number literals of `text` that a float field would read as NaN or an infinity (`NaN`, `inf`,
/// `1e400`), as byte offset and the literal as written.
pub fn non_finite_numbers(text: &str) -> Vec<(usize, &str)> {
    survey(text, usize::MAX).non_finite
}

/// The literal of `token` when it is a non-finite number; a bare `NaN` or `inf` counts only
/// where a value stands (after `:`, `,`, a sign or an opening bracket), not as a name.
fn non_finite_literal<'a>(previous: Option<Token<'a>>, token: Token<'a>) -> Option<&'a str> {
    let value_position = matches!(
        previous,
        Some(Token::Punct(':' | ',' | '-' | '+') | Token::Open(_))
    );
    match token {
        Token::Ident(word) if value_position && is_non_finite_word(word) => Some(word),
        Token::Number(n) if is_float_literal(n) => {
            let digits: String = n
                .trim_end_matches("f64")
                .trim_end_matches("f32")
                .chars()
                .filter(|&c| c != '_')
                .collect();
            match digits.parse::<f64>() {
                Ok(v) if !v.is_finite() => Some(n),
                _ => None,
            }
        }
        _ => None,
    }
}

fn is_non_finite_word(word: &str) -> bool {
    matches!(
        word,
        "NaN" | "NaNf32" | "NaNf64" | "inf" | "inff32" | "inff64"
    )
}

fn is_float_literal(n: &str) -> bool {
    !n.starts_with("0x")
        && !n.starts_with("0b")
        && !n.starts_with("0o")
        && n.contains(['.', 'e', 'E'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Token<'_>> {
        tokens(text).map(|(_, t)| t).collect()
    }

    #[test]
    fn comments_and_strings_hide_brackets() {
        let text = "// ((((\n/* (( /* nested ( */ ( */ (a: \"((\\\"(\", b: r#\"(\"#, c: '(')";
        assert_eq!(
            kinds(text),
            vec![
                Token::Open('('),
                Token::Ident("a"),
                Token::Punct(':'),
                Token::Str { body: "((\\\"(" },
                Token::Punct(','),
                Token::Ident("b"),
                Token::Punct(':'),
                Token::Str { body: "(" },
                Token::Punct(','),
                Token::Ident("c"),
                Token::Punct(':'),
                Token::Str { body: "(" },
                Token::Close(')'),
            ]
        );
        assert_eq!(too_deep(&format!("// {}\n()", "(".repeat(100)), 64), None);
        assert_eq!(too_deep(&"(".repeat(100), 64), Some(64));
    }

    #[test]
    fn symbols_outside_strings_are_punctuation() {
        assert_eq!(
            kinds("a…€ b"),
            vec![
                Token::Ident("a"),
                Token::Punct('…'),
                Token::Punct('€'),
                Token::Ident("b")
            ]
        );
    }

    #[test]
    fn numbers_keep_exponents_and_suffixes() {
        assert_eq!(
            kinds("(1e-5, 3.5, 0x1F, 1_000f64, .5)"),
            vec![
                Token::Open('('),
                Token::Number("1e-5"),
                Token::Punct(','),
                Token::Number("3.5"),
                Token::Punct(','),
                Token::Number("0x1F"),
                Token::Punct(','),
                Token::Number("1_000f64"),
                Token::Punct(','),
                Token::Number(".5"),
                Token::Close(')'),
            ]
        );
    }

    #[test]
    fn finds_non_finite_literals_but_not_names() {
        let text = "(pos: (NaN, -inf), size: 1e400, ok: 1e300, kind: inference, label: \"NaN\")";
        let found: Vec<&str> = non_finite_numbers(text)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(found, vec!["NaN", "inf", "1e400"]);
    }

    #[test]
    fn string_fields_are_found_in_order() {
        let text = "(id: \"a\", label: \"id: \\\"x\\\"\", nodes: [(id: \"\")])";
        let found: Vec<_> = string_fields(text, "id").collect();
        assert_eq!(found, vec![(5, "a"), (43, "")]);
    }

    #[test]
    fn one_survey_finds_depth_literals_and_ids() {
        let s = survey("(id: \"a\", x: NaN, n: [(id: \"b\")])", 64);
        assert_eq!(s.too_deep, None);
        assert_eq!(s.non_finite, vec![(13, "NaN")]);
        assert_eq!(s.ids, vec![(5, "a"), (27, "b")]);
        assert_eq!(survey("((((", 2).too_deep, Some(2));
    }

    #[test]
    fn blank_means_only_space_and_comments() {
        assert!(is_blank(" \n// nothing\n/* at all */\n"));
        assert!(!is_blank("()"));
    }
}
