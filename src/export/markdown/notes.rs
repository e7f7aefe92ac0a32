//! Interview notes on an exported page. Notes written in markdown come out
//! as markdown, their headings nested below the heading they are placed
//! under; other notes are plain text, escaped line by line so that nothing
//! in them becomes markup ([`block`]).
//!
//! Markdown notes keep their structure (headings, lists, tables, links,
//! emphasis, quotes, code) but never more than a wiki page may hold: raw
//! HTML, GitHub maths (`$95 to $120`) and footnote markers are escaped, a
//! code fence left open is closed, and control characters are made visible
//! as everywhere else.

use crate::export::escape::block;
use regex::Regex;
use std::sync::OnceLock;

/// The notes as markdown for a page section whose heading is at `level`
/// (`## Notes` is 2): markdown notes nested below it, anything else as
/// escaped paragraphs. No trailing newline; empty for blank notes.
pub(super) fn render(notes: &str, level: usize) -> String {
    if is_markdown(notes) {
        nested(notes, level)
    } else {
        block(notes)
    }
}

fn heading_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$").expect("valid")
    })
}

fn fence_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^ {0,3}(`{3,}|~{3,})").expect("valid"))
}

/// Whether notes are written in markdown rather than plain text: they hold
/// a heading, a fenced block, a table, a link or bold text. Bullets alone
/// do not count: plain notes have them too, with lines that must not run
/// together.
pub fn is_markdown(notes: &str) -> bool {
    static TABLE: OnceLock<Regex> = OnceLock::new();
    static INLINE: OnceLock<Regex> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        Regex::new(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$")
            .expect("valid")
    });
    let inline = INLINE.get_or_init(|| {
        Regex::new(r"\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\s][^*\n]*\*\*|__[^_\s][^_\n]*__")
            .expect("valid")
    });
    notes.lines().any(|line| {
        heading_re()
            .captures(line)
            .is_some_and(|c| c.get(2).is_some_and(|t| !t.as_str().is_empty()))
            || fence_re().is_match(line)
            || table.is_match(line)
            || inline.is_match(line)
    })
}

/// Markdown notes with every heading moved `level` deeper (past `######`
/// it becomes a bold line), setext headings written as ATX ones, and what a
/// page may not hold escaped (see the module documentation).
pub fn nested(notes: &str, level: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    // The open fence: its character and length.
    let mut fence: Option<(char, usize)> = None;
    // Whether the last line out is paragraph text a setext underline
    // would turn into a heading.
    let mut paragraph = false;
    for raw in notes.split('\n') {
        let line = visible(raw.strip_suffix('\r').unwrap_or(raw));
        if let Some((ch, len)) = fence {
            let trimmed = line.trim();
            if trimmed.len() >= len && trimmed.chars().all(|c| c == ch) {
                fence = None;
            }
            out.push(line);
            continue;
        }
        if let Some(caps) = fence_re().captures(&line) {
            let run = caps.get(1).expect("group").as_str();
            fence = Some((run.chars().next().expect("a run"), run.len()));
            out.push(line);
            paragraph = false;
            continue;
        }
        if let Some(caps) = heading_re().captures(&line) {
            let depth = caps.get(1).expect("group").as_str().len();
            let text = caps.get(2).map_or("", |t| t.as_str());
            set_apart(&mut out, heading(depth + level, text));
            paragraph = false;
            continue;
        }
        let trimmed = line.trim();
        let underline = |c: char| {
            !trimmed.is_empty()
                && trimmed.chars().all(|x| x == c)
                && line.len() - line.trim_start().len() <= 3
        };
        if paragraph && (underline('=') || underline('-')) {
            let depth = if underline('=') { 1 } else { 2 };
            let text = out.pop().unwrap_or_default();
            set_apart(&mut out, heading(depth + level, text.trim()));
            paragraph = false;
            continue;
        }
        if trimmed.is_empty() && out.last().is_none_or(|l| l.trim().is_empty()) {
            paragraph = false;
            continue;
        }
        paragraph = !trimmed.is_empty() && starts_paragraph(trimmed);
        out.push(escape_outside_code(&line));
    }
    if let Some((ch, len)) = fence {
        out.push(ch.to_string().repeat(len));
    }
    let text = out.join("\n");
    text.trim_matches('\n').trim_end().to_string()
}

/// A heading line at `depth` (a bold line beyond level 6).
fn heading(depth: usize, text: &str) -> String {
    let text = escape_outside_code(text.trim());
    if depth <= 6 {
        format!("{} {text}", "#".repeat(depth))
    } else if text.is_empty() {
        String::new()
    } else {
        format!("**{text}**")
    }
}

/// Pushes a line with a blank line before and after it.
fn set_apart(out: &mut Vec<String>, line: String) {
    if out.last().is_some_and(|l| !l.trim().is_empty()) {
        out.push(String::new());
    }
    out.push(line);
    out.push(String::new());
}

/// Whether a line (trimmed) is paragraph text rather than the start of a
/// list item, quote, table row or thematic break.
fn starts_paragraph(trimmed: &str) -> bool {
    let list = ["- ", "* ", "+ "].iter().any(|m| trimmed.starts_with(m))
        || trimmed.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty()
                && n.len() <= 9
                && n.bytes().all(|b| b.is_ascii_digit())
                && (rest.is_empty() || rest.starts_with(' '))
        });
    !(list || trimmed.starts_with('>') || trimmed.starts_with('|'))
}

/// Control characters made visible (tabs kept, for indentation).
fn visible(line: &str) -> String {
    line.chars()
        .map(|ch| match ch {
            '\t' => '\t',
            '\u{2028}' | '\u{2029}' => ' ',
            _ => crate::text::picture(ch).unwrap_or(ch),
        })
        .collect()
}

/// Escapes `<` (raw HTML), `$` (maths) and `[^` (footnotes) outside code
/// spans; a `\` already before one is left as the writer meant it.
fn escape_outside_code(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if ch == '\\' {
            out.push(ch);
            if let Some(&next) = chars.get(i + 1) {
                out.push(next);
            }
            i += 2;
            continue;
        }
        if ch == '`' {
            // A code span runs to the next run of as many backticks.
            let run = chars[i..].iter().take_while(|c| **c == '`').count();
            let close = (i + run..chars.len()).find(|&j| {
                chars[j..].iter().take_while(|c| **c == '`').count() == run
                    && (j == 0 || chars[j - 1] != '`')
            });
            let end = close.map_or(i + run, |j| j + run);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        let footnote = ch == '[' && chars.get(i + 1) == Some(&'^');
        if matches!(ch, '<' | '$') || footnote {
            out.push('\\');
        }
        out.push(ch);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_told_from_plain_text() {
        assert!(is_markdown("# Call with Dana\n\nShe said so."));
        assert!(is_markdown(
            "Notes\n\n| Tool | Cost |\n| --- | --- |\n| Excel | $0 |"
        ));
        assert!(is_markdown("See [the deck](https://example.com/deck)."));
        assert!(is_markdown("**Dana:** we count by hand"));
        assert!(!is_markdown(
            "Interviewer: What slows you down?\nDana: Counting.\n- stock\n- staff"
        ));
        assert!(!is_markdown("#hashtag and [00:01:23] timestamps"));
    }

    #[test]
    fn headings_nest_below_the_page_and_nothing_escapes_the_notes() {
        let notes = "# Call notes\n\nPains\n-----\n\n- counts stock by hand\n- pays $95 to $120 a month\n\n###### Deep\n\n<script>x</script> and `a<b` [^1]\n\n---\n\n```\n<kept as code>";
        let out = nested(notes, 2);
        assert_eq!(
            out,
            "### Call notes\n\n#### Pains\n\n- counts stock by hand\n- pays \\$95 to \\$120 a month\n\n**Deep**\n\n\\<script>x\\</script> and `a<b` \\[^1]\n\n---\n\n```\n<kept as code>\n```"
        );
    }
}
