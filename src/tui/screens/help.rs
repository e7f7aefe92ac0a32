//! Every key of the screen below, from the same table the footer uses,
//! then (where typing goes into a text) the text's own editing keys.

use crate::tui::ctx::Ctx;
use crate::tui::keys::Context;
use crate::tui::text;
use crate::tui::widgets::popup;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The help's lines for `width` columns: each key, then what it does
/// (wrapped under itself when long).
pub fn lines(
    ctx: &Ctx,
    context: Context,
    typing: &[(String, &str)],
    width: usize,
) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let keys = ctx.keymaps.help(context);
    let typing = if context.is_text() { typing } else { &[] };
    let col = keys
        .iter()
        .chain(typing)
        .map(|(k, _)| text::width(k))
        .max()
        .unwrap_or(0)
        + 2;
    let room = width.saturating_sub(col + 2).max(20);
    let mut out = Vec::new();
    let row = |out: &mut Vec<Line<'static>>, keys: &str, help: &str| {
        let pad = col.saturating_sub(text::width(keys));
        for (i, part) in text::wrap(help, room).into_iter().enumerate() {
            let lead = if i == 0 {
                format!("  {keys}{}", " ".repeat(pad))
            } else {
                " ".repeat(col + 2)
            };
            out.push(Line::from(vec![
                Span::styled(lead, theme.key()),
                Span::raw(part),
            ]));
        }
    };
    for (keys, help) in &keys {
        row(&mut out, keys, help);
    }
    if context.is_text() {
        out.push(Line::default());
        out.push(Line::styled(
            "While typing (letters, digits and ? type themselves):",
            theme.label(),
        ));
        for (keys, help) in typing {
            row(&mut out, keys, help);
        }
    }
    let mut head = vec![
        Line::styled(
            format!("Keys on this screen: {}", context.title()),
            theme.label(),
        ),
        Line::default(),
    ];
    head.append(&mut out);
    let mut out = head;
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
                ctx.config.stale_after_days
            )),
        ]));
        out.push(Line::styled(
            "  Filter: names match fuzzily, card text by whole words typed.",
            theme.dim(),
        ));
    }
    out
}

pub fn draw(
    ctx: &Ctx,
    context: Context,
    typing: &[(String, &str)],
    scroll: u16,
    f: &mut Frame,
    area: Rect,
) {
    let body = lines(ctx, context, typing, area.width.saturating_sub(4) as usize);
    let width = body.iter().map(|l| l.width() as u16).max().unwrap_or(20) + 4;
    let outer = popup::centered(area, width, body.len() as u16 + 2);
    let inner = popup::frame(f, outer, "Help", ctx.theme);
    popup::scrolled(f, outer, inner, body, scroll, ctx.theme);
}
