//! Markdown escaping of user text.
//!
//! People name personas `# Evil | name *x*`, paste revenue bands such as
//! `$10M-$50M` (GitHub renders `$..$` as maths) and copy notes that start lines
//! with `1.` or `>`. None of that may change the structure of the exported
//! document: text stays text. Escaping is kept minimal so the markdown source
//! stays readable: a `.` or `-` in the middle of a sentence is left alone, and
//! only characters that could start markup where they stand get a backslash.

use std::fmt::Write as _;

/// One line of text, safe anywhere a line of inline markdown goes: at the
/// start of a line, after a list marker, inside a heading or a link text.
/// Line breaks collapse to spaces; outer whitespace is trimmed.
pub fn inline(text: &str) -> String {
    escape_owned(one_line(text), true, false)
}

/// One line of text that follows other text on its line (after `— ` or
/// inside quotation marks): like [`inline`], without escaping markers that
/// only count at the start of a line, so `— - Buyer` stays readable.
pub fn phrase(text: &str) -> String {
    escape_owned(one_line(text), false, false)
}

/// [`inline`], appended to `out`: text that needs nothing done to it (most
/// names and values) is copied once, with no string made for it.
pub fn push_inline(out: &mut String, text: &str) {
    match as_is(text, true) {
        Some(plain) => out.push_str(plain),
        None => out.push_str(&inline(text)),
    }
}

/// [`phrase`], appended to `out` as [`push_inline`] appends.
pub fn push_phrase(out: &mut String, text: &str) {
    match as_is(text, false) {
        Some(plain) => out.push_str(plain),
        None => out.push_str(&phrase(text)),
    }
}

/// [`cell`], appended to `out` as [`push_inline`] appends.
pub fn push_cell(out: &mut String, text: &str) {
    match as_is(text, false) {
        Some(plain) => out.push_str(plain),
        None => out.push_str(&cell(text)),
    }
}

/// `text` trimmed, when every escaping function here would give exactly
/// that: one line of printable ASCII with no character that could need a
/// backslash (and, with `line_start`, no marker at its start). [`block`]
/// and [`cell`] of such a line are the line too; a `|` is never plain.
pub fn as_is(text: &str, line_start: bool) -> Option<&str> {
    let line = text.strip_suffix('\r').unwrap_or(text);
    if !printable_ascii(line) {
        return None;
    }
    let line = line.trim();
    is_plain(line, line_start).then_some(line)
}

/// Text for a GFM table cell: like [`inline`], with `|` escaped so it never
/// starts a new cell, and line breaks kept as `<br>`.
pub fn cell(text: &str) -> String {
    let lines: Vec<String> = split_lines(text)
        .map(|line| escape_owned(clean(line), false, true))
        .collect();
    // Blank lines inside a cell carry no meaning; drop leading and trailing
    // ones and keep the rest as breaks.
    let start = lines.iter().position(|l| !l.is_empty());
    let end = lines.iter().rposition(|l| !l.is_empty());
    match (start, end) {
        (Some(start), Some(end)) => lines[start..=end].join("<br>"),
        _ => String::new(),
    }
}

/// Multi-line text (interview notes, an outreach template) as markdown
/// paragraphs. Each line is escaped, so nothing in it starts a heading, list,
/// quote, table, code block or setext underline; single line breaks become
/// hard breaks (a trailing `\`) so the reader sees the lines as typed; blank
/// lines separate paragraphs. The result has no trailing newline.
pub fn block(text: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in split_lines(text) {
        let line = clean(line);
        if line.is_empty() {
            if !paragraphs.last().is_some_and(Vec::is_empty) {
                paragraphs.push(Vec::new());
            }
        } else {
            // `|` could turn a pair of lines into a table.
            let escaped = escape_owned(line, true, true);
            paragraphs.last_mut().expect("never empty").push(escaped);
        }
    }
    paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A YAML front matter value: a double-quoted scalar that reads back as
/// the same string whatever it holds (see [`crate::text::yaml_string`]).
pub fn yaml_string(text: &str) -> String {
    crate::text::yaml_string(text)
}

fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
}

fn one_line(text: &str) -> String {
    // Most values are one line already: cleaned as they are.
    if !text.contains('\n') {
        return clean(text.strip_suffix('\r').unwrap_or(text));
    }
    split_lines(text)
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Control characters made visible (ESC becomes `␛`, see
/// [`crate::text::picture`]), tabs made spaces, whitespace at both ends
/// trimmed. Never lets a raw control byte or bidi override through, so a
/// pasted terminal escape sequence cannot reach anyone's terminal.
fn clean(line: &str) -> String {
    // Printable ASCII, most lines of most files, has nothing to replace.
    if printable_ascii(line) {
        return line.trim().to_string();
    }
    let mut out = String::with_capacity(line.len());
    for ch in line.chars() {
        match ch {
            // Line and paragraph separators would break the line elsewhere.
            '\u{2028}' | '\u{2029}' => out.push(' '),
            _ => out.push(crate::text::picture(ch).unwrap_or(ch)),
        }
    }
    out.trim().to_string()
}

/// Whether `line` is printable ASCII only (no control byte, no line break,
/// nothing beyond ASCII): [`clean`] leaves such a line as it is, trimmed.
fn printable_ascii(line: &str) -> bool {
    line.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Escapes one already cleaned line. With `line_start`, markers that only
/// mean something at the start of a line (`#`, `-`, `+`, `>`, `1.`, `=`, `~`,
/// `|`) are escaped too; with `pipes`, every `|` is.
/// [`escape_line`] of a line already owned, kept as it is when nothing in
/// it needs escaping (most lines), without copying it.
fn escape_owned(line: String, line_start: bool, pipes: bool) -> String {
    if is_plain(&line, line_start) {
        line
    } else {
        escape_line(&line, line_start, pipes)
    }
}

/// Whether `line` holds no character that could ever need a backslash, and
/// (with `line_start`) does not start with one that could be a marker (a
/// letter or any non-ASCII character never is).
fn is_plain(line: &str, line_start: bool) -> bool {
    let special = |b: &u8| {
        matches!(
            b,
            b'\\' | b'`' | b'*' | b'[' | b']' | b'~' | b'$' | b'<' | b'_' | b'&' | b'#' | b'|'
        )
    };
    let plain_start = line
        .as_bytes()
        .first()
        .is_none_or(|b| b.is_ascii_alphabetic() || *b >= 0x80);
    (!line_start || plain_start) && !line.as_bytes().iter().any(special)
}

fn escape_line(line: &str, line_start: bool, pipes: bool) -> String {
    // Plain lines are copied as they are.
    if is_plain(line, line_start) {
        return line.to_string();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let lead = if line_start {
        leading_marker(&chars)
    } else {
        None
    };
    let trailing_hashes = trailing_hash_run(&chars);
    for (i, &ch) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let escape = match ch {
            // Always markup: escapes, code, emphasis, links, strikethrough,
            // GitHub maths, raw HTML and autolinks.
            '\\' | '`' | '*' | '[' | ']' | '~' | '$' | '<' => true,
            // `_` inside a word (`snake_case`) never makes emphasis.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            // `&amp;` would render as `&`; a lone `&` is fine.
            '&' => looks_like_entity(&chars[i..]),
            // A closing `#` run in a heading would be dropped.
            '#' => Some(i) == trailing_hashes,
            '|' => pipes,
            _ => false,
        } || Some(i) == lead;
        if escape {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Where a line-start marker sits that needs a backslash, if any.
fn leading_marker(chars: &[char]) -> Option<usize> {
    let first = *chars.first()?;
    // `:--- | ---` under a line of text would make a table.
    let delimiter_row =
        chars.contains(&'-') && chars.iter().all(|c| matches!(c, '-' | ':' | '|' | ' '));
    if delimiter_row {
        return Some(0);
    }
    match first {
        '#' | '-' | '+' | '>' | '=' | '|' | '~' | '*' | '_' | '`' | '<' | '[' => Some(0),
        '0'..='9' => {
            // An ordered list marker: up to nine digits, then `.` or `)`,
            // then a space or the end of the line.
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            let mark = chars.get(digits)?;
            let after = chars.get(digits + 1);
            (digits <= 9 && matches!(mark, '.' | ')') && after.is_none_or(|c| *c == ' '))
                .then_some(digits)
        }
        _ => None,
    }
}

/// The first `#` of a run at the end of the line that follows a space (or is
/// the whole line): an ATX heading would take it as a closing sequence.
fn trailing_hash_run(chars: &[char]) -> Option<usize> {
    let hashes = chars.iter().rev().take_while(|c| **c == '#').count();
    if hashes == 0 {
        return None;
    }
    let start = chars.len() - hashes;
    (start == 0 || chars[start - 1] == ' ').then_some(start)
}

/// Whether text starting with `&` is an HTML entity or character reference.
fn looks_like_entity(chars: &[char]) -> bool {
    let body: String = chars
        .iter()
        .skip(1)
        .take(33)
        .take_while(|c| **c != ';')
        .collect();
    let closed = chars.get(1 + body.chars().count()) == Some(&';');
    if !closed || body.is_empty() {
        return false;
    }
    if let Some(num) = body.strip_prefix('#') {
        if let Some(hex) = num.strip_prefix(['x', 'X']) {
            return (1..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit());
        }
        return (1..=7).contains(&num.len()) && num.chars().all(|c| c.is_ascii_digit());
    }
    body.starts_with(|c: char| c.is_ascii_alphabetic())
        && body.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Percent-encodes a path segment for a link target.
pub(crate) fn url_segment(segment: &str) -> String {
    let mut out = String::new();
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_stays_readable() {
        assert_eq!(
            inline("Head of Operations, 3 stores."),
            "Head of Operations, 3 stores."
        );
        assert_eq!(
            inline("e-commerce - 20-200 staff"),
            "e-commerce - 20-200 staff"
        );
        assert_eq!(inline("stock_sync tool"), "stock_sync tool");
        assert_eq!(inline("Tom & Jerry"), "Tom & Jerry");
        assert_eq!(inline("C# shop"), "C# shop");
        assert_eq!(inline("日本語 🙂"), "日本語 🙂");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(inline("# x"), "\\# x");
        assert_eq!(inline("- y"), "\\- y");
        assert_eq!(inline("1. z"), "1\\. z");
        assert_eq!(inline("2024) z"), "2024\\) z");
        assert_eq!(inline("> q"), "\\> q");
        assert_eq!(inline("*a* _b_ `c`"), "\\*a\\* \\_b\\_ \\`c\\`");
        assert_eq!(inline("[a](b)"), "\\[a\\](b)");
        assert_eq!(inline("<script>"), "\\<script>");
        assert_eq!(inline("&amp; &#38; &#x26;"), "\\&amp; \\&#38; \\&#x26;");
        assert_eq!(inline("$10M-$50M"), "\\$10M-\\$50M");
        assert_eq!(inline("Team #"), "Team \\#");
        assert_eq!(inline("a\\b"), "a\\\\b");
        assert_eq!(inline("~~gone~~"), "\\~\\~gone\\~\\~");
    }

    #[test]
    fn inline_is_one_line_without_control_bytes() {
        assert_eq!(inline("  two\r\nlines\n\n"), "two lines");
        assert_eq!(inline("red\u{1b}[31m"), "red\u{241b}\\[31m");
        assert!(!inline("a\u{7}\u{9b}b\u{0}").chars().any(char::is_control));
    }

    #[test]
    fn phrases_skip_line_start_escapes() {
        assert_eq!(phrase("- Buyer *x*"), "- Buyer \\*x\\*");
        assert_eq!(phrase("1. Shopify\n2. tills"), "1. Shopify 2. tills");
    }

    #[test]
    fn cells_escape_pipes_and_keep_breaks() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(cell("- not a list"), "- not a list");
        assert_eq!(cell("\n\n"), "");
    }

    #[test]
    fn blocks_keep_paragraphs_and_neutralise_line_starts() {
        let notes =
            "First line\n# not a heading\n---\n\n\n1. not a list\n===\n> not a quote\n    indented";
        assert_eq!(
            block(notes),
            "First line\\\n\\# not a heading\\\n\\---\n\n1\\. not a list\\\n\\===\\\n\\> not a quote\\\nindented"
        );
        assert_eq!(block("a | b"), "a \\| b");
        assert_eq!(block(""), "");
    }

    #[test]
    fn text_left_as_it_is_is_what_every_escape_gives() {
        let samples = [
            "Head of Operations, 3 stores.",
            "  padded\r",
            "",
            "   ",
            "- Buyer",
            "1. first",
            "a | b",
            "$10M",
            "snake_case",
            "C# shop",
            "two\nlines",
            "日本語 🙂",
            "tab\there",
            "red\u{1b}[31m",
            "---",
        ];
        for text in samples {
            for (line_start, escaped) in [(true, inline(text)), (false, phrase(text))] {
                if let Some(plain) = as_is(text, line_start) {
                    assert_eq!(plain, escaped, "{text:?}");
                    assert_eq!(plain, cell(text), "{text:?}");
                    if line_start {
                        assert_eq!(plain, block(text), "{text:?}");
                    }
                }
                let mut out = String::from(">");
                if line_start {
                    push_inline(&mut out, text);
                } else {
                    push_phrase(&mut out, text);
                }
                assert_eq!(out, format!(">{escaped}"), "{text:?}");
            }
            let mut out = String::new();
            push_cell(&mut out, text);
            assert_eq!(out, cell(text), "{text:?}");
        }
        assert_eq!(
            as_is("Head of Operations ", true),
            Some("Head of Operations")
        );
        assert_eq!(as_is("- Buyer", true), None);
        assert_eq!(as_is("- Buyer", false), Some("- Buyer"));
        assert_eq!(as_is("a | b", false), None);
        assert_eq!(as_is("two\nlines", false), None);
    }

    #[test]
    fn front_matter_strings_are_json() {
        assert_eq!(yaml_string("a: \"b\"\n"), "\"a: \\\"b\\\"\\n\"");
    }
}
