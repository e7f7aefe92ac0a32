//! Making user text safe and well-measured before it reaches the terminal.
//!
//! Names, notes and quotes come from files anyone can edit, so they may hold
//! escape sequences or other control characters. Written raw, those would let
//! a file move the cursor, change colours or retitle the window. Every piece
//! of user text passes through [`clean`] (one line) or [`clean_lines`]
//! (several) before it is put in a span.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// The visible stand-in for a control character: the Unicode "control
/// pictures" block (`␛` for ESC, `␀` for NUL, ...).
fn picture(ch: char) -> Option<char> {
    match ch {
        '\t' => Some(' '),
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + ch as u32),
        '\u{7f}' => Some('\u{2421}'),
        // C1 controls (CSI, OSC, ... as single code points) and the
        // bidirectional overrides that reorder what follows them.
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => {
            Some('\u{fffd}')
        }
        _ => None,
    }
}

/// One line of user text, with newlines and control characters made visible.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| picture(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => ' ',
                '\r' => ' ',
                _ => picture(c).unwrap_or(c),
            })
            .collect(),
    )
}

/// Several lines of user text, split on newlines, each cleaned.
pub fn clean_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .map(|line| clean(line.strip_suffix('\r').unwrap_or(line)).into_owned())
        .collect()
}

/// Columns the text takes on screen (emoji and CJK take two).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts text to at most `max` columns, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(ch);
    }
    out.push('…');
    out
}

/// Breaks text into lines of at most `max` columns, at spaces where it can.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let w = width(word);
        if used > 0 && used + 1 + w <= max {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w <= max {
            line.push_str(word);
            used = w;
            continue;
        }
        // A word longer than the line: cut it by columns.
        for ch in word.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if used + cw > max && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(ch);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_symbols() {
        assert_eq!(clean("a\x1b[31mred"), "a\u{241b}[31mred");
        assert_eq!(clean("bell\x07"), "bell\u{2407}");
        assert_eq!(clean("two\nlines"), "two lines");
        assert_eq!(clean("\u{9b}31m"), "\u{fffd}31m");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn wide_characters_are_measured_and_cut_by_columns() {
        assert_eq!(width("日本"), 4);
        assert_eq!(width("🎉"), 2);
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("short", 10), "short");
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("one two three", 8), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("日本語", 4), vec!["日本", "語"]);
        assert_eq!(wrap("", 4), vec![""]);
    }
}
