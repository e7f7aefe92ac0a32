//! Turning user text into styled spans safely.

use crate::tui::text::clean;
use ratatui::style::Style;
use ratatui::text::Span;

/// User text as spans, with the chars at `marks` (char positions) in
/// `hit` style. Cleaning maps each char to one char, so positions hold.
pub fn marked(text: &str, marks: &[usize], base: Style, hit: Style) -> Vec<Span<'static>> {
    let text = clean(text);
    if marks.is_empty() {
        return vec![Span::styled(text.into_owned(), base)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    let mut next = marks.iter().peekable();
    for (i, ch) in text.chars().enumerate() {
        let is_hit = next.peek().is_some_and(|&&m| m == i);
        if is_hit {
            next.next();
        }
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

/// User text as one span.
pub fn plain(text: &str, style: Style) -> Span<'static> {
    Span::styled(clean(text).into_owned(), style)
}
