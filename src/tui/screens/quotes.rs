//! The quotes behind the selected attribute of a card: what was said, who
//! said it and when.

use super::card;
use crate::tui::app::{App, Screen};
use crate::tui::text;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let Screen::Card(state) = &app.screen else {
        return Vec::new();
    };
    let items = card::items(&app.workspace, &state.entity);
    let Some(item) = items.get(state.cursor) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for l in text::wrap(&text::clean(&item.value.to_string()), width) {
        out.push(Line::styled(l, theme.label()));
    }
    for citation in &item.cites {
        out.push(Line::default());
        match app.workspace.quote(citation) {
            Some(quote) => {
                let said = format!("“{}”", quote.highlight.text.trim());
                for l in text::wrap(&text::clean(&said), width.saturating_sub(2)) {
                    out.push(Line::raw(format!("  {l}")));
                }
                let i = quote.interview;
                let who: Vec<&str> = [i.interviewee.as_str(), i.role.as_str(), i.company.as_str()]
                    .into_iter()
                    .filter(|s| !s.trim().is_empty())
                    .collect();
                let who = if who.is_empty() {
                    i.title.clone()
                } else {
                    who.join(", ")
                };
                let when = i
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "date unknown".into());
                let line = format!("— {who} · {} · {when}", i.source.label());
                for l in text::wrap(&text::clean(&line), width.saturating_sub(2)) {
                    out.push(Line::styled(format!("  {l}"), theme.dim()));
                }
                if !quote.highlight.tags.is_empty() {
                    out.push(Line::styled(
                        format!("  tags: {}", text::clean(&quote.highlight.tags.join(", "))),
                        theme.dim(),
                    ));
                }
            }
            None => out.push(Line::from(vec![
                Span::styled("  ⚠ ", theme.error()),
                Span::raw(format!(
                    "cites {}, which is not in any loaded interview",
                    text::clean(&citation.to_string())
                )),
            ])),
        }
    }
    out
}

pub fn draw(app: &App, scroll: u16, f: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(8).clamp(20, 90);
    let body = lines(app, width as usize - 2);
    let outer = popup::centered(area, width + 2, body.len() as u16 + 2);
    let inner = popup::frame(f, outer, "Quotes behind this attribute", &app.theme);
    let scroll = scroll.min((body.len() as u16).saturating_sub(inner.height));
    f.render_widget(Paragraph::new(body).scroll((scroll, 0)), inner);
}
