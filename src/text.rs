//! Showing user text safely: control characters and terminal escape
//! sequences become visible symbols, so a name can never drive the terminal.

use unicode_width::UnicodeWidthStr;

/// `text` with every control character replaced by a visible stand-in
/// (ESC shows as `␛`, other C0 controls as their Unicode control pictures,
/// C1 controls and DEL as `�`). Tabs become a space; newlines are kept only
/// when `keep_newlines` is set.
pub fn visible(text: &str, keep_newlines: bool) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|ch| match ch {
            '\n' if keep_newlines => '\n',
            '\n' | '\r' | '\t' => ' ',
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// One line of user text made safe for a terminal.
pub fn line(text: &str) -> String {
    visible(text, false)
}

/// How many terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `columns` terminal columns.
pub fn pad(text: &str, columns: usize) -> String {
    let mut padded = text.to_string();
    padded.extend(std::iter::repeat_n(
        ' ',
        columns.saturating_sub(width(text)),
    ));
    padded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(line("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(line("tab\there\r\nnext"), "tab here  next");
        assert_eq!(visible("one\ntwo", true), "one\ntwo");
        assert_eq!(line("\u{9b}31m"), "\u{fffd}31m");
        assert_eq!(line("plain 増田 🚀"), "plain 増田 🚀");
    }

    #[test]
    fn pads_by_terminal_columns() {
        assert_eq!(pad("増田", 6), "増田  ");
        assert_eq!(width("🚀x"), 3);
    }
}
