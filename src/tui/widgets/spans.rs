//! Turning user text into styled spans safely, fitted to the room there is.

use crate::tui::text::{self, fit};
use ratatui::style::Style;
use ratatui::text::Span;

/// User text as spans in at most `max` columns (cut at a word with `…`),
/// with the chars at `marks` (char positions in `text`) in `hit` style.
/// Making text safe maps each char to one char, so positions hold.
pub fn marked(
    text: &str,
    marks: &[usize],
    base: Style,
    hit: Style,
    max: usize,
) -> Vec<Span<'static>> {
    let shown = fit(text, max);
    if marks.is_empty() {
        return vec![Span::styled(shown, base)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    let mut next = marks.iter().peekable();
    for (i, ch) in shown.chars().enumerate() {
        while next.peek().is_some_and(|&&m| m < i) {
            next.next();
        }
        let is_hit = next.peek().is_some_and(|&&m| m == i);
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hit { hit } else { base },
            ));
        }
        run_hit = is_hit;
        run.push(ch);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit } else { base }));
    }
    spans
}

/// User text as one span in at most `max` columns.
pub fn plain(text: &str, style: Style, max: usize) -> Span<'static> {
    Span::styled(fit(text, max), style)
}

/// Columns a span takes.
pub fn width(span: &Span) -> usize {
    text::width(&span.content)
}
