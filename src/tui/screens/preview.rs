//! The selection as markdown, exactly as an export would write it, wrapped
//! to the window.

use crate::domain::EntityRef;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::item_ops;
use crate::tui::keys::{Context, Row, table};
use crate::tui::modal::Pending;
use crate::tui::out::Out;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;

pub const KEYS: &[(Context, &[Row])] = &[(
    Context::Preview,
    table! {
        Up "up k" show "scroll" "Scroll up";
        Down "down j" show "scroll" "Scroll down";
        PageUp "pgup" help "page" "One page up";
        PageDown "pgdn" help "page" "One page down";
        Export "x" show "export" "Export this markdown to a file";
        Back "esc q" show "back" "Go back";
    },
)];

pub struct PreviewState {
    pub title: String,
    /// The markdown's lines, made safe for the terminal.
    pub lines: Vec<String>,
    /// The first line shown, counted in wrapped lines.
    pub scroll: usize,
    /// Wrapped lines at the last frame's width (to stop scrolling at the end).
    shown: Cell<usize>,
    pub entity: EntityRef,
}

impl PreviewState {
    pub fn new(title: String, markdown: &str, entity: EntityRef) -> PreviewState {
        PreviewState {
            title,
            lines: text::clean_lines(markdown),
            scroll: 0,
            shown: Cell::new(0),
            entity,
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let page = ctx.page(false);
        let last = self.shown.get().saturating_sub(1);
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(last),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll = (self.scroll + page).min(last),
            Action::Back => return vec![Out::Back],
            Action::Export => {
                return item_ops::on_item(ctx, Action::Export, Some(self.entity.clone()));
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn finish(&mut self, pending: Pending, input: String, ctx: &Ctx) -> Vec<Out> {
        item_ops::finish(ctx, pending, input)
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::styled(
                format!(
                    " {} ",
                    text::fit(&self.title, area.width.saturating_sub(4) as usize)
                ),
                theme.title(),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        ctx.drawn(|a| a.body = inner);
        let width = inner.width as usize;
        let mut wrapped: Vec<Line> = Vec::new();
        for l in &self.lines {
            let style = if l.starts_with('#') {
                theme.heading()
            } else if l.starts_with('>') {
                theme.dim()
            } else {
                Default::default()
            };
            // A continued line is indented like the text it continues.
            let indent: String = l.chars().take_while(|c| *c == ' ').collect();
            let lead = if l.starts_with("- ") || l.starts_with("* ") {
                "  ".to_string()
            } else {
                indent.clone()
            };
            for (i, part) in text::wrap(l, width.saturating_sub(lead.len()).max(8))
                .into_iter()
                .enumerate()
            {
                let part = if i == 0 {
                    format!("{indent}{part}")
                } else {
                    format!("{lead}{part}")
                };
                wrapped.push(Line::styled(part, style));
            }
        }
        self.shown.set(wrapped.len());
        let lines: Vec<Line> = wrapped
            .into_iter()
            .skip(self.scroll)
            .take(inner.height as usize)
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
    }
}
