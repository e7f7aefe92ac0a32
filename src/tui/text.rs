//! Fitting user text on screen: measured in terminal columns (emoji and
//! CJK take two), cut at a word boundary with `…` when it does not fit,
//! wrapped without a line starting in a space. Every function looks only
//! at as much text as can be shown, so a 10 MB name costs what its first
//! line costs. Making text safe for the terminal is [`crate::text`]'s job;
//! these functions call it on what they keep.

use unicode_width::UnicodeWidthChar;

/// One line of user text made safe for the terminal: the one function,
/// [`crate::text::clean`].
pub use crate::text::clean;

/// Several lines of user text, split on newlines, each made safe.
pub fn clean_lines(text: &str) -> Vec<String> {
    crate::text::visible(text, true)
        .split('\n')
        .map(str::to_string)
        .collect()
}

/// Columns a character takes once made safe (a control character shows as
/// one visible symbol).
fn char_width(c: char) -> usize {
    match crate::text::picture(c) {
        Some(shown) => shown.width().unwrap_or(1),
        None if c == '\n' || c == '\r' => 1,
        None => c.width().unwrap_or(0),
    }
}

/// Columns the text takes on screen.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// The text cut to at most `max` columns: whole when it fits, else cut at
/// the last space of the second half of the room and ended with `…` (a
/// single long word is cut where the room ends). Safe for the terminal.
pub fn fit(text: &str, max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let mut used = 0;
    let mut end = text.len();
    let mut last_space = None;
    let mut cut = false;
    for (i, c) in text.char_indices() {
        let w = char_width(c);
        if used + w > max {
            cut = true;
            end = i;
            break;
        }
        if c.is_whitespace() {
            last_space = Some((i, used));
        }
        used += w;
    }
    if !cut {
        return clean(text).into_owned();
    }
    // Room for the `…`: drop characters from the end until it fits.
    let mut keep = &text[..end];
    let mut kept_width = used;
    while kept_width + 1 > max {
        let Some(c) = keep.chars().next_back() else {
            break;
        };
        kept_width -= char_width(c);
        keep = &keep[..keep.len() - c.len_utf8()];
    }
    if let Some((at, before)) = last_space
        && at <= keep.len()
        && before * 2 >= max.saturating_sub(1)
    {
        keep = &text[..at];
    }
    let mut out = clean(keep.trim_end()).into_owned();
    out.push('…');
    out
}

/// Breaks text into lines of at most `max` columns at spaces where it can
/// (a word longer than a line is cut by columns); no line starts or ends
/// with a space. Stops after `lines` lines, the last ending in `…` when
/// text is left over.
pub fn wrap_at_most(text: &str, max: usize, lines: usize) -> Vec<String> {
    let max = max.max(1);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut rest = text;
    let full = |out: &Vec<String>| out.len() >= lines;
    while !rest.is_empty() {
        let trimmed = rest.trim_start_matches(' ');
        let skipped = rest.len() - trimmed.len();
        rest = trimmed;
        if rest.is_empty() {
            break;
        }
        let word_end = rest.find(' ').unwrap_or(rest.len());
        let word = &rest[..word_end];
        let w = width(word);
        let gap = usize::from(used > 0 && skipped > 0);
        if used + gap + w <= max {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(&clean(word));
            used += gap + w;
            rest = &rest[word_end..];
            continue;
        }
        if used > 0 {
            out.push(std::mem::take(&mut line));
            used = 0;
            if full(&out) {
                break;
            }
            if w <= max {
                continue;
            }
        }
        // A word longer than the line: cut it by columns.
        let mut taken = 0;
        for c in word.chars() {
            let cw = char_width(c);
            if used + cw > max && used > 0 {
                break;
            }
            line.push_str(&clean(c.encode_utf8(&mut [0; 4])));
            used += cw;
            taken += c.len_utf8();
        }
        rest = &rest[taken..];
        if !rest.is_empty() && !rest.starts_with(' ') {
            out.push(std::mem::take(&mut line));
            used = 0;
            if full(&out) {
                break;
            }
        }
    }
    if (used > 0 || out.is_empty()) && !full(&out) {
        out.push(line);
    }
    if !rest.trim().is_empty()
        && let Some(last) = out.last_mut()
    {
        let shown = std::mem::take(last);
        *last = if width(&shown) < max {
            shown + "…"
        } else {
            fit(&shown, max.saturating_sub(1))
        };
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    out
}

/// The text cut from the start to at most `max` columns, beginning with
/// `…` when cut: for paths, whose end says most. Safe for the terminal.
pub fn fit_start(text: &str, max: usize) -> String {
    if width(text) <= max {
        return clean(text).into_owned();
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        start = i;
    }
    if max == 0 {
        return String::new();
    }
    format!("…{}", clean(&text[start..]))
}

/// Every line of the text wrapped to `max` columns.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    wrap_at_most(text, max, usize::MAX)
}

/// A message as a sentence: capital first letter, full stop at the end.
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    // A sentence that starts with a path (`icps/acme/icp.toml was changed
    // on disk…`) keeps it as it is: capitalised, it names another file.
    let first_word = text.split_whitespace().next().unwrap_or_default();
    let path = first_word.contains(['/', '\\']) || first_word.ends_with(".toml");
    let mut chars = text.chars();
    let mut s: String = match chars.next() {
        Some(first) if !path => first.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    };
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

/// `1 assumption`, `2 assumptions`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_shown_is_safe_and_measured_as_shown() {
        assert_eq!(fit("a\x1b[31mred", 20), "a\u{241b}[31mred");
        assert_eq!(fit("\u{202e}evil", 20), "\u{fffd}evil");
        assert_eq!(width("two\nlines"), 9);
        assert_eq!(clean_lines("a\r\nb\x07"), vec!["a", "b\u{2407}"]);
    }

    #[test]
    fn a_sentence_is_capitalised_unless_it_starts_with_a_path() {
        assert_eq!(sentence("nothing was saved"), "Nothing was saved.");
        assert_eq!(
            sentence("icps/acme was deleted or moved on disk"),
            "icps/acme was deleted or moved on disk."
        );
        assert_eq!(
            sentence("workspace.toml does not load!"),
            "workspace.toml does not load!"
        );
    }

    #[test]
    fn text_is_cut_at_a_word_boundary() {
        assert_eq!(
            fit("Independent outdoor retailers", 24),
            "Independent outdoor…"
        );
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(
            fit("https://example.com/a/very/long/path", 12),
            "https://exa…"
        );
        assert_eq!(fit("two words", 1), "…");
        assert_eq!(fit("anything", 0), "");
        // Only what fits is looked at, and it is made safe.
        let huge = format!("Evil\x1b[2J {}", "x".repeat(10_000_000));
        assert_eq!(fit(&huge, 12), "Evil\u{241b}[2J…");
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("one two three", 8), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("日本語", 4), vec!["日本", "語"]);
        assert_eq!(wrap("", 4), vec![""]);
        // No line starts with a space, however many there were.
        assert_eq!(wrap("one  two   three", 5), vec!["one", "two", "three"]);
        assert_eq!(
            wrap_at_most("one two three four five", 8, 2),
            vec!["one two", "three…"]
        );
    }

    #[test]
    fn sentences_and_counts() {
        assert_eq!(sentence("the disk is full"), "The disk is full.");
        assert_eq!(sentence("Done!"), "Done!");
        assert_eq!(count(1, "assumption", "assumptions"), "1 assumption");
        assert_eq!(count(0, "assumption", "assumptions"), "0 assumptions");
    }
}
