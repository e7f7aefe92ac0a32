//! Where a highlight's words sit in the notes.
//!
//! A highlight keeps its own copy of the text, so the notes can change
//! under it. Finding it again tolerates differences in whitespace (a quote
//! taken across a line wrap, a re-indented paragraph); a highlight whose
//! words are no longer in the notes is *stale*.

use super::interview::{Highlight, Interview};
use std::ops::Range;

/// The byte range of `quote` in `notes`, matching any run of whitespace in
/// either with any run in the other. `None` when it is not there (or is
/// only whitespace).
pub fn find(notes: &str, quote: &str) -> Option<Range<usize>> {
    let wanted: Vec<&str> = quote.split_whitespace().collect();
    if wanted.is_empty() {
        return None;
    }
    // Fast path: the exact words in the exact spacing.
    if let Some(start) = notes.find(quote.trim()) {
        return Some(start..start + quote.trim().len());
    }
    // Words of the notes with their byte offsets.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, ch) in notes.char_indices() {
        match (ch.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((s, &notes[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &notes[s..]));
    }
    let n = wanted.len();
    if n > words.len() {
        return None;
    }
    let first = wanted[0];
    let last = wanted[n - 1];
    for i in 0..=words.len() - n {
        // The first and last quoted words may be part of a longer word in
        // the notes ("said: Every" when the quote starts at "Every").
        let ok_first = if n == 1 {
            words[i].1.contains(first)
        } else {
            words[i].1.ends_with(first)
        };
        if !ok_first {
            continue;
        }
        if n == 1 {
            let s = words[i].0 + words[i].1.find(first).unwrap_or(0);
            return Some(s..s + first.len());
        }
        let middle_ok = (1..n - 1).all(|k| words[i + k].1 == wanted[k]);
        if middle_ok && words[i + n - 1].1.starts_with(last) {
            let s = words[i].0 + words[i].1.len() - first.len();
            let e = words[i + n - 1].0 + last.len();
            return Some(s..e);
        }
    }
    None
}

/// Whether a highlight's words are no longer in its interview's notes.
pub fn is_stale(interview: &Interview, highlight: &Highlight) -> bool {
    find(&interview.notes, &highlight.text).is_none()
}

/// The highlights of an interview whose words are no longer in the notes.
pub fn stale(interview: &Interview) -> Vec<&Highlight> {
    interview
        .highlights
        .iter()
        .filter(|h| is_stale(interview, h))
        .collect()
}

/// `(line, column)` of a byte offset, both counted from 0, the column in
/// chars (what a text editor's cursor uses).
pub fn position(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let before = &text[..byte];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count())
}

/// The paragraphs of some notes: byte ranges of runs of non-blank lines,
/// trimmed, in order.
pub fn paragraphs(notes: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in notes.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            if start.is_none() {
                start = Some(offset + (line.len() - line.trim_start().len()));
            }
            end = offset + line.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exact_text() {
        let notes = "Dana said: Every Monday I lose half a day.\nNext line.";
        let r = find(notes, "Every Monday I lose half a day.").unwrap();
        assert_eq!(&notes[r], "Every Monday I lose half a day.");
    }

    #[test]
    fn tolerates_line_wraps_and_extra_spaces() {
        let notes = "She said \"Every Monday I\n   lose  half a day\" and sighed.";
        let r = find(notes, "Every Monday I lose half a day").unwrap();
        assert_eq!(&notes[r], "Every Monday I\n   lose  half a day");
        let r = find(notes, "  said   \"Every\n Monday ").unwrap();
        assert_eq!(&notes[r], "said \"Every Monday");
    }

    #[test]
    fn a_quote_no_longer_in_the_notes_is_stale() {
        let mut i = Interview::new("dana", "Dana");
        i.notes = "We changed the notes completely.".into();
        i.highlights.push(Highlight {
            id: "h1".into(),
            text: "Every Monday".into(),
            tags: vec![],
            extra: Default::default(),
        });
        i.highlights.push(Highlight {
            id: "h2".into(),
            text: "the notes\ncompletely".into(),
            tags: vec![],
            extra: Default::default(),
        });
        let stale: Vec<&str> = stale(&i).iter().map(|h| h.id.as_str()).collect();
        assert_eq!(stale, ["h1"]);
        assert!(find("", "x").is_none());
        assert!(find("abc", "   ").is_none());
    }

    #[test]
    fn works_with_cjk_and_emoji() {
        let notes = "前置き\n在庫 が 合わない 🚀 毎週";
        let r = find(notes, "在庫 が\n合わない 🚀").unwrap();
        assert_eq!(&notes[r.clone()], "在庫 が 合わない 🚀");
        assert_eq!(position(notes, r.start), (1, 0));
        assert_eq!(position("ab\n日本x", "ab\n日本".len()), (1, 2));
    }

    #[test]
    fn splits_paragraphs_at_blank_lines() {
        let notes = "\n  one\ntwo  \n\n \nthree\n";
        let ps: Vec<&str> = paragraphs(notes).into_iter().map(|r| &notes[r]).collect();
        assert_eq!(ps, ["one\ntwo", "three"]);
        assert!(paragraphs("").is_empty());
    }
}

/// The words of a quote as a highlight keeps them: surrounding spaces and
/// one pair of enclosing quotation marks trimmed (the card and the export
/// add their own), so `"We lose Mondays."` becomes `We lose Mondays.`.
pub fn quote_words(text: &str) -> &str {
    let trimmed = text.trim();
    for (open, close) in [
        ('"', '"'),
        ('“', '”'),
        ('\'', '\''),
        ('‘', '’'),
        ('«', '»'),
        ('„', '“'),
    ] {
        if let Some(inner) = trimmed
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
            && !inner.contains(close)
            && !inner.trim().is_empty()
        {
            return inner.trim();
        }
    }
    trimmed
}

#[cfg(test)]
mod quote_tests {
    use super::quote_words;

    #[test]
    fn enclosing_quotes_are_trimmed_once() {
        assert_eq!(quote_words(" \"We lose Mondays.\" "), "We lose Mondays.");
        assert_eq!(quote_words("“Every Monday.”"), "Every Monday.");
        assert_eq!(
            quote_words("She said \"no\" twice"),
            "She said \"no\" twice"
        );
        assert_eq!(quote_words("\"a\" and \"b\""), "\"a\" and \"b\"");
        assert_eq!(quote_words("\"\""), "\"\"");
    }
}
