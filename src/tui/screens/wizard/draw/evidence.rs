//! Drawing the evidence pane: the quotes to cite, who said them, which the
//! current answer cites, and the filter.

use super::super::evidence;
use super::super::fill::Fill;
use crate::tui::ctx::Ctx;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(ctx: &Ctx, fill: &Fill, field: &crate::domain::Field, f: &mut Frame, area: Rect) {
    let theme = ctx.theme;
    let quotes = evidence::quotes(ctx, fill);
    let tags = if field.feeds.is_empty() {
        "all quotes".to_string()
    } else {
        field.feeds.join(", ")
    };
    let block = Block::bordered()
        .border_style(if fill.evidence_focus {
            theme.border_focused()
        } else {
            theme.border()
        })
        .title(Line::styled(
            text::fit(
                &format!(" Evidence ({}) · {} ", quotes.len(), tags),
                area.width.saturating_sub(2) as usize,
            ),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    if fill.filtering || !fill.filter.text.is_empty() {
        let (shown, cursor) = fill.filter.visible(width.saturating_sub(9));
        lines.push(Line::from(vec![
            Span::styled("Filter: ", theme.label()),
            Span::raw(shown),
        ]));
        if fill.filtering && fill.evidence_focus {
            f.set_cursor_position((inner.x + 8 + cursor as u16, inner.y));
        }
    }
    let items = fill.wizard.items();
    let target = fill.editor.target_item(items.len());
    let target_item = items.get(target);
    let target_line = match (fill.evidence_focus, target_item) {
        (false, _) if quotes.is_empty() => String::new(),
        (false, _) => "Tab picks a quote to cite".to_string(),
        (true, Some(item)) => format!(
            "c cites it for: {}",
            text::fit(&item.value.to_string(), width.saturating_sub(17))
        ),
        (true, None) => "a adds it as the answer".to_string(),
    };
    let top = lines.len();
    if quotes.is_empty() {
        let empty = if field.id == crate::domain::wizard::NAME_FIELD {
            "The name is yours to choose."
        } else if fill.filter.text.is_empty() {
            "No quotes are tagged for this question yet. Answer from what you know: it is kept as an assumption. / searches every quote."
        } else {
            "No quote matches the filter."
        };
        for l in text::wrap(empty, width) {
            lines.push(Line::styled(l, theme.dim()));
        }
    }
    let rows_room = (inner.height as usize).saturating_sub(top + 1);
    let ws = ctx.workspace;
    // Each quote takes up to three lines and its source one; start early
    // enough that the picked one is in view.
    let room = width.saturating_sub(3).max(8);
    let block_of = |words: &str| text::wrap_at_most(&format!("“{words}”"), room, 3);
    let mut skip = fill.quote.min(quotes.len().saturating_sub(1));
    let mut used = quotes
        .get(skip)
        .map(|q| block_of(&q.words).len() + 1)
        .unwrap_or(0);
    while skip > 0 {
        let h = block_of(&quotes[skip - 1].words).len() + 1;
        if used + h > rows_room {
            break;
        }
        used += h;
        skip -= 1;
    }
    let mut others_shown = false;
    for (i, q) in quotes.iter().enumerate().skip(skip) {
        if lines.len() >= top + rows_room {
            break;
        }
        if !q.feeds && !others_shown && !field.feeds.is_empty() {
            others_shown = true;
            lines.push(Line::styled(
                text::fit("Other quotes matching the filter:", width),
                theme.label(),
            ));
        }
        let on = i == fill.quote;
        let cited = target_item.is_some_and(|it| it.cites.contains(&q.citation));
        let interview = &ws.interviews[q.interview];
        let style = if on && fill.evidence_focus {
            theme.selected()
        } else if on {
            theme.selected_unfocused()
        } else {
            Default::default()
        };
        for (n, part) in block_of(&q.words).into_iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(if cited && n == 0 { "✓ " } else { "  " }, theme.backed()),
                Span::styled(part, style),
            ]));
        }
        let who = [interview.interviewee.as_str(), interview.company.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(Line::styled(
            text::fit(&format!("  — {who} ({})", interview.source), width),
            theme.dim(),
        ));
    }
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    f.render_widget(Paragraph::new(lines), body);
    if inner.height > 1 {
        f.render_widget(
            Paragraph::new(Line::styled(text::fit(&target_line, width), theme.dim())),
            Rect {
                y: inner.y + inner.height - 1,
                height: 1,
                ..inner
            },
        );
    }
}
