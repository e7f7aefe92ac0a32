//! The selection as markdown, exactly as an export would write it.

use crate::domain::EntityRef;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::modal::Modal;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

pub struct PreviewState {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: usize,
    pub entity: EntityRef,
    /// The screen to go back to.
    pub back: Box<Screen>,
}

impl PreviewState {
    pub fn new(title: String, markdown: &str, entity: EntityRef, back: Screen) -> PreviewState {
        PreviewState {
            title,
            lines: text::clean_lines(markdown),
            scroll: 0,
            entity,
            back: Box::new(back),
        }
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    let Screen::Preview(state) = &mut app.screen else {
        return Vec::new();
    };
    let last = state.lines.len().saturating_sub(1);
    match action {
        Action::Up => state.scroll = state.scroll.saturating_sub(1),
        Action::Down => state.scroll = (state.scroll + 1).min(last),
        Action::PageUp => state.scroll = state.scroll.saturating_sub(page),
        Action::PageDown => state.scroll = (state.scroll + page).min(last),
        Action::Back => {
            let back = std::mem::replace(&mut state.back, Box::new(Screen::Browse));
            app.screen = *back;
        }
        Action::Export => {
            let entity = state.entity.clone();
            return crate::tui::item_ops::on_item(app, Action::Export, Some(entity));
        }
        Action::Help => {
            app.modal = Some(Modal::Help {
                context: Context::Preview,
                scroll: 0,
            })
        }
        _ => {}
    }
    Vec::new()
}

pub fn draw(app: &App, state: &PreviewState, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(
            format!(" {} ", text::clean(&state.title)),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut areas = app.areas.get();
    areas.body = inner;
    app.areas.set(areas);
    let lines: Vec<Line> = state
        .lines
        .iter()
        .skip(state.scroll)
        .take(inner.height as usize)
        .map(|l| {
            if l.starts_with('#') {
                Line::styled(l.clone(), theme.heading())
            } else if l.starts_with('>') {
                Line::styled(l.clone(), theme.dim())
            } else {
                Line::raw(l.clone())
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
