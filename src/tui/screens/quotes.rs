//! The quotes behind one attribute of a card: what was said, who said it
//! and when.

use crate::domain::Item;
use crate::tui::ctx::Ctx;
use crate::tui::text;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn lines(ctx: &Ctx, item: &Item, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let mut out = Vec::new();
    for l in text::wrap_at_most(&item.value.to_string(), width, 60) {
        out.push(Line::styled(l, theme.label()));
    }
    for citation in &item.cites {
        out.push(Line::default());
        match ctx.workspace.quote(citation) {
            Some(quote) => {
                let said = format!("“{}”", quote.highlight.text.trim());
                for l in text::wrap_at_most(&said, width.saturating_sub(2), 60) {
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
                for l in text::wrap(&line, width.saturating_sub(2)) {
                    out.push(Line::styled(format!("  {l}"), theme.dim()));
                }
                if !quote.highlight.tags.is_empty() {
                    for l in text::wrap(
                        &format!("tags: {}", quote.highlight.tags.join(", ")),
                        width.saturating_sub(2),
                    ) {
                        out.push(Line::styled(format!("  {l}"), theme.dim()));
                    }
                }
            }
            None => out.push(Line::from(vec![
                Span::styled("  ⚠ ", theme.error()),
                Span::raw(text::fit(
                    &format!("cites {citation}, which is not in any loaded interview"),
                    width.saturating_sub(4),
                )),
            ])),
        }
    }
    out
}

pub fn draw(ctx: &Ctx, item: &Item, scroll: u16, f: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(8).clamp(20, 90);
    let body = lines(ctx, item, width as usize - 2);
    let outer = popup::centered(area, width + 2, body.len() as u16 + 2);
    let inner = popup::frame(f, outer, "Quotes behind this attribute", ctx.theme);
    let scroll = scroll.min((body.len() as u16).saturating_sub(inner.height));
    f.render_widget(Paragraph::new(body).scroll((scroll, 0)), inner);
}
