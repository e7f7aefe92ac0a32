//! The two bottom lines: a message (if any), and the keys that work here,
//! straight from the current key table.

use crate::tui::text;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A one-line message at the bottom, until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
}

/// The most lines a message takes at the bottom.
const MESSAGE_LINES: usize = 3;

/// The message's lines at `width` columns (at least one, maybe empty).
fn message_lines(toast: Option<&Toast>, width: usize) -> Vec<String> {
    match toast {
        Some(toast) => text::wrap_at_most(&toast.text, width, MESSAGE_LINES),
        None => vec![String::new()],
    }
}

/// The footer's height: the message's lines and the keys.
pub fn height(toast: Option<&Toast>, width: u16) -> u16 {
    message_lines(toast, width as usize).len() as u16 + 1
}

/// `entries` are the footer's `(keys, hint)` pairs for the context.
pub fn draw(
    theme: &Theme,
    toast: Option<&Toast>,
    entries: &[(String, &str)],
    f: &mut Frame,
    area: Rect,
) {
    if area.height >= 2 {
        let style = match toast {
            Some(t) if t.error => theme.error(),
            _ => theme.label(),
        };
        let lines: Vec<Line> = message_lines(toast, area.width as usize)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect();
        f.render_widget(
            Paragraph::new(lines),
            Rect {
                height: area.height - 1,
                ..area
            },
        );
    }
    let keys_area = Rect {
        y: area.y + area.height.saturating_sub(1),
        height: 1,
        ..area
    };
    f.render_widget(
        Paragraph::new(keys_line(theme, entries, area.width as usize)),
        keys_area,
    );
}

/// The footer's keys, dropping entries from the end (but never help or
/// quit, the two a newcomer looks for) when the line is too narrow.
pub fn keys_line(theme: &Theme, entries: &[(String, &str)], width: usize) -> Line<'static> {
    let cost = |(k, h): &(String, &str)| text::width(k) + 1 + text::width(h) + 2;
    let mut budget = width;
    let mut keep = vec![false; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        if (e.1 == "help" || e.1 == "quit") && cost(e) <= budget {
            keep[i] = true;
            budget -= cost(e);
        }
    }
    for (i, e) in entries.iter().enumerate() {
        if !keep[i] && cost(e) <= budget {
            keep[i] = true;
            budget -= cost(e);
        } else if !keep[i] {
            break;
        }
    }
    let mut spans = Vec::new();
    for (i, (k, h)) in entries.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(k.clone(), theme.key()));
        spans.push(Span::raw(format!(" {h}")));
    }
    Line::from(spans)
}
