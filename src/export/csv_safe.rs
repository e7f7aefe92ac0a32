//! Cells of the CSV files persona writes (merge files, scored leads), made
//! safe to open in a spreadsheet and to paste into a sales tool.
//!
//! Spreadsheets (Excel, LibreOffice Calc, Google Sheets) run a cell as a
//! formula when its first character is `=`, `+`, `-` or `@` (their
//! full-width forms too), even when the cell was quoted in the file; a tab
//! or carriage return in front of one hides it. OWASP's guidance on CSV
//! injection is to put a single quote in front of such a cell, which the
//! spreadsheet takes as "this is text" and does not show. That is what
//! [`cell`] does. A plain number such as `-10` or `+3.5` is left alone: it
//! cannot call anything, and quoting it would spoil scores and amounts.
//!
//! Control characters never pass: line breaks are kept (as `\n`, a message
//! body has paragraphs), a tab becomes a space, and every other C0 or C1
//! control, DEL, and the bidirectional overrides and isolates that can make
//! text display in another order than it reads (U+202A–U+202E,
//! U+2066–U+2069) are removed.
//!
//! Quoting cells that hold the delimiter, quotes or line breaks is the
//! `csv` crate's job: write every record through [`write_record`] (or pass
//! each field through [`cell`] to a `csv::Writer`).

use std::borrow::Cow;
use std::io::Write;

/// `text` as a CSV cell that no spreadsheet runs as a formula and that
/// carries no control character except line breaks.
pub fn cell(text: &str) -> Cow<'_, str> {
    let cleaned = without_controls(text);
    if needs_quote_mark(&cleaned) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

/// Writes one record with every field passed through [`cell`].
pub fn write_record<W: Write, I, S>(writer: &mut csv::Writer<W>, fields: I) -> csv::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let fields: Vec<String> = fields
        .into_iter()
        .map(|field| cell(field.as_ref()).into_owned())
        .collect();
    writer.write_record(&fields)
}

fn is_unsafe_control(ch: char) -> bool {
    (ch.is_control() && ch != '\n' && ch != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&ch)
        || ('\u{2066}'..='\u{2069}').contains(&ch)
}

fn without_controls(text: &str) -> Cow<'_, str> {
    // Most cells are plain printable ASCII: nothing to remove (a scored
    // file of a million rows passes 20 million cells through here).
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Cow::Borrowed(text);
    }
    if !text.chars().any(|ch| is_unsafe_control(ch) || ch == '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\t' => out.push(' '),
            // A Windows or old Mac line break is still a line break.
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if is_unsafe_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

const TRIGGERS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

fn needs_quote_mark(text: &str) -> bool {
    let trimmed = text.trim_start();
    match trimmed.chars().next() {
        Some(first) if TRIGGERS.contains(&first) => !is_plain_number(trimmed),
        _ => false,
    }
}

/// `-10`, `+3.5`, `-0.25`: a sign, digits, at most one decimal point.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && fraction.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+1 555 0100"), "'+1 555 0100");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("＝1+1"), "'＝1+1");
        // Hidden behind a tab, a carriage return or spaces.
        assert_eq!(cell("\t=1+1"), "' =1+1");
        assert_eq!(cell("\r=1+1"), "'\n=1+1");
        assert_eq!(cell("  =1+1"), "'  =1+1");
    }

    #[test]
    fn ordinary_text_and_numbers_are_untouched() {
        for text in [
            "Hi Dana,",
            "-10",
            "+3.5",
            "42",
            "dana@acme.com",
            "",
            "a - b",
            "Zoë 増田 🚀",
        ] {
            assert_eq!(cell(text), text);
        }
        assert!(matches!(cell("plain"), Cow::Borrowed(_)));
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("-1."), "'-1.");
    }

    #[test]
    fn control_characters_never_pass() {
        assert_eq!(cell("one\r\ntwo\rthree"), "one\ntwo\nthree");
        assert_eq!(cell("a\tb"), "a b");
        assert_eq!(
            cell("bell\u{7}esc\u{1b}[2Jnul\u{0}del\u{7f}c1\u{9b}"),
            "bellesc[2Jnuldelc1"
        );
        assert_eq!(cell("pay\u{202e}txt.exe"), "paytxt.exe");
        assert_eq!(cell("\u{2066}x\u{2069}"), "x");
    }

    #[test]
    fn records_are_quoted_by_the_writer() {
        let mut writer = csv::Writer::from_writer(Vec::new());
        write_record(&mut writer, ["a,b", "say \"hi\"", "=1", "line\nbreak"]).unwrap();
        let bytes = writer.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\"a,b\",\"say \"\"hi\"\"\",'=1,\"line\nbreak\"\n"
        );
    }
}
