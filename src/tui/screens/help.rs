//! Every key of the screen below, from the same table the footer uses.

use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::text;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn lines(app: &App, context: Context) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let table = app.keymaps.table(context);
    let keys: Vec<String> = table
        .iter()
        .map(|b| {
            b.keys
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let col = keys.iter().map(|k| text::width(k)).max().unwrap_or(0) + 2;
    let mut out = vec![Line::styled(
        format!("Keys on this screen: {}", context.title()),
        theme.label(),
    )];
    out.push(Line::default());
    for (binding, keys) in table.iter().zip(keys) {
        let pad = col.saturating_sub(text::width(&keys));
        out.push(Line::from(vec![
            Span::styled(format!("  {keys}{}", " ".repeat(pad)), theme.key()),
            Span::raw(binding.help),
        ]));
    }
    let pad = col.saturating_sub(6);
    out.push(Line::from(vec![
        Span::styled(format!("  Ctrl-c{}", " ".repeat(pad)), theme.key()),
        Span::raw("Quit from anywhere"),
    ]));
    if matches!(context, Context::Browse | Context::Card | Context::Filter) {
        out.push(Line::default());
        out.push(Line::from(vec![
            Span::styled("  ✓ 2 interviews", theme.backed()),
            Span::raw(" the attribute is backed by quotes from that many interviews"),
        ]));
        out.push(Line::from(vec![
            Span::styled("  ? assumption", theme.assumption()),
            Span::raw(" no quote backs it yet"),
        ]));
        out.push(Line::from(vec![
            Span::styled("  stale", theme.stale()),
            Span::raw(format!(
                " not validated in the last {} days",
                app.config.stale_after_days
            )),
        ]));
        out.push(Line::styled(
            "  Filter: names match fuzzily, card text by whole words typed.",
            theme.dim(),
        ));
    }
    out
}

pub fn draw(app: &App, context: Context, scroll: u16, f: &mut Frame, area: Rect) {
    let body = lines(app, context);
    let width = body.iter().map(|l| l.width() as u16).max().unwrap_or(20) + 4;
    let outer = popup::centered(area, width, body.len() as u16 + 2);
    let inner = popup::frame(f, outer, "Help", &app.theme);
    let hidden = (body.len() as u16).saturating_sub(inner.height);
    let scroll = scroll.min(hidden);
    if scroll < hidden {
        let more = Line::styled(" ↓ more ", app.theme.key());
        let y = outer.y + outer.height.saturating_sub(1);
        f.render_widget(
            Paragraph::new(more).alignment(ratatui::layout::Alignment::Right),
            Rect::new(outer.x, y, outer.width.saturating_sub(1), 1),
        );
    }
    f.render_widget(Paragraph::new(body).scroll((scroll, 0)), inner);
}
