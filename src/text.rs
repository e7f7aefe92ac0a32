//! Showing user text safely, the one place that decides it.
//!
//! Names, notes, file names and error messages come from files anyone can
//! edit, so they may hold escape sequences (`ESC ] 52` writes the clipboard,
//! `ESC [2J` clears the screen), C1 controls that some terminals obey as
//! escapes (U+009B is a one-character CSI), or bidirectional overrides that
//! make text read differently from what it is (U+202E). Nothing of that
//! kind reaches a terminal, a JSON consumer or a YAML parser raw:
//!
//! - [`clean`], [`line`] and [`visible`] for text printed to a terminal (the
//!   app's spans and every line the command line prints);
//! - [`json_safe`] for JSON output (serde_json leaves DEL, C1 and bidi
//!   controls raw: valid JSON, but a terminal `cat`ing it obeys them);
//! - [`yaml_string`] for a value in YAML front matter, valid for any text.

use std::borrow::Cow;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Whether `ch` reorders the text after it (the bidi embeddings, overrides
/// and isolates of U+202A–U+202E and U+2066–U+2069).
pub fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible stand-in for a character a terminal must never receive raw,
/// or `None` for one that is safe. C0 controls become their Unicode control
/// pictures (`␛` for ESC, `␀` for NUL), DEL `␡`, a tab a space; C1
/// controls, bidi controls and the byte-order mark become `�`. Newlines
/// are the caller's business: [`visible`] keeps or flattens them.
pub fn picture(ch: char) -> Option<char> {
    match ch {
        '\t' => Some(' '),
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + ch as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{feff}' => Some('\u{fffd}'),
        c if is_bidi_control(c) => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every character that could drive a terminal replaced by a
/// visible stand-in (see [`picture`]). Newlines are kept when
/// `keep_newlines` is set (a carriage return before one is dropped), else
/// each line break becomes a space.
pub fn visible(text: &str, keep_newlines: bool) -> String {
    if !text
        .chars()
        .any(|c| picture(c).is_some() && !(keep_newlines && c == '\n'))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines && chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push(' '),
            c => out.push(picture(c).unwrap_or(c)),
        }
    }
    out
}

/// One line of user text made safe for a terminal.
pub fn line(text: &str) -> String {
    visible(text, false)
}

/// [`line`] without a copy when the text is already safe (the app cleans
/// every span it draws).
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| picture(c).is_some()) {
        Cow::Owned(line(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// A path as it is shown: lossy for bytes that are not UTF-8, and safe.
pub fn path(path: &std::path::Path) -> String {
    line(&path.display().to_string())
}

/// Whether JSON output must escape `ch` beyond what JSON itself requires:
/// anything [`picture`] replaces (C0, DEL, C1, bidi, BOM) and the line and
/// paragraph separators that end a line in JavaScript. Tab, newline and
/// carriage return are JSON's own whitespace between tokens (inside
/// strings serde_json escapes them already).
fn json_escapes(ch: char) -> bool {
    (picture(ch).is_some() && !matches!(ch, '\t' | '\n' | '\r'))
        || matches!(ch, '\u{2028}' | '\u{2029}')
}

/// JSON text (as serde_json writes it) with every character a terminal or
/// a careless consumer could obey written as a `\uXXXX` escape. Those
/// characters can only stand inside strings (JSON's own syntax is ASCII),
/// where the escape means the very same character, so the document's
/// meaning is unchanged.
pub fn json_safe(json: &str) -> String {
    if !json.chars().any(json_escapes) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for ch in json.chars() {
        if json_escapes(ch) {
            let _ = write!(out, "\\u{:04x}", ch as u32);
        } else {
            out.push(ch);
        }
    }
    out
}

/// A YAML front-matter value that reads back as exactly `text`, for any
/// text: a double-quoted scalar (JSON's string syntax, which YAML 1.1 and
/// 1.2 both read), with everything outside YAML's printable set (DEL, C1
/// controls, U+FFFE, U+FFFF), the characters YAML 1.1 takes for line breaks
/// (NEL, U+2028, U+2029), the byte-order mark and bidi controls escaped as
/// `\uXXXX`.
pub fn yaml_string(text: &str) -> String {
    let json = serde_json::to_string(text).expect("a string always serialises");
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        if json_escapes(ch) || matches!(ch, '\u{fffe}' | '\u{ffff}') {
            let _ = write!(out, "\\u{:04x}", ch as u32);
        } else {
            out.push(ch);
        }
    }
    out
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
        assert_eq!(visible("one\r\ntwo\r", true), "one\ntwo ");
        assert_eq!(line("\u{9b}31m"), "\u{fffd}31m");
        assert_eq!(line("del\u{7f}"), "del\u{2421}");
        assert_eq!(line("plain 増田 🚀"), "plain 増田 🚀");
        assert!(matches!(clean("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn bidi_controls_are_neutralised() {
        // "Trojan source": U+202E makes `txt.exe` read as `exe.txt`.
        assert_eq!(line("invoice\u{202e}txt.exe"), "invoice\u{fffd}txt.exe");
        for ch in ['\u{202a}', '\u{202d}', '\u{2066}', '\u{2069}', '\u{feff}'] {
            assert_eq!(line(&format!("a{ch}b")), "a\u{fffd}b", "{:x}", ch as u32);
        }
        // Right-to-left text itself is fine.
        assert_eq!(line("שלום مرحبا"), "שלום مرحبا");
    }

    #[test]
    fn json_keeps_its_meaning_and_loses_the_controls() {
        let value = "a\u{9b}b\u{202e}c\u{7f}d\u{2028}e\u{1b}f\"g\u{85}";
        let raw = serde_json::to_string_pretty(&[value]).unwrap();
        let safe = json_safe(&raw);
        assert!(safe.chars().all(|c| !json_escapes(c)), "{safe}");
        assert!(safe.contains("\\u009b") && safe.contains("\\u202e"));
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, [value]);
    }

    #[test]
    fn yaml_strings_escape_what_yaml_refuses() {
        let value = "Olivia\u{7f}\u{85}\u{9b}\u{2028}\u{feff}\u{fffe}: # [x] 'q' \"d\" \\ \n\t";
        let yaml = yaml_string(value);
        assert!(
            yaml.chars()
                .all(|c| c == '\u{20}' || (c > '\u{20}' && c < '\u{7f}')),
            "{yaml}"
        );
        let back: String = serde_json::from_str(&yaml).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn pads_by_terminal_columns() {
        assert_eq!(pad("増田", 6), "増田  ");
        assert_eq!(width("🚀x"), 3);
    }
}
