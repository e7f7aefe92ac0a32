//! First run: what the tool is for, and how to start.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::modal::Modal;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::path::Path;

pub struct WelcomeState {
    /// 0: start empty, 1: load the demo.
    pub selected: usize,
    pub root: String,
}

impl WelcomeState {
    pub fn new(root: &Path) -> WelcomeState {
        WelcomeState {
            selected: 1,
            root: root.display().to_string(),
        }
    }
}

const CHOICES: [(&str, &str); 2] = [
    (
        "Start with an empty workspace",
        "for your own ICPs, personas and interview notes",
    ),
    (
        "Load the demo workspace",
        "two ICPs, five personas and nine interviews to look around in",
    ),
];

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let crate::tui::app::Screen::Welcome(state) = &mut app.screen else {
        return Vec::new();
    };
    match action {
        Action::Up => state.selected = 0,
        Action::Down => state.selected = 1,
        Action::Open => {
            return vec![Effect::CreateWorkspace {
                demo: state.selected == 1,
            }];
        }
        Action::Help => {
            app.modal = Some(Modal::Help {
                context: Context::Welcome,
                scroll: 0,
            })
        }
        Action::Quit => app.quit = true,
        _ => {}
    }
    Vec::new()
}

pub fn draw(app: &App, state: &WelcomeState, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(" Welcome to persona ", theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [intro, choices, place] = Layout::vertical([
        Constraint::Length(if inner.width >= 96 { 4 } else { 6 }),
        Constraint::Length(4),
        Constraint::Min(0),
    ])
    .areas(inner);
    let intro_text = vec![
        Line::raw(
            "Turn customer interview notes into an Ideal Customer Profile and buyer personas.",
        ),
        Line::raw(
            "Every claim keeps the quote it came from, so you can see what is research and what is a guess.",
        ),
        Line::default(),
        Line::styled("How would you like to start?", theme.label()),
    ];
    f.render_widget(Paragraph::new(intro_text).wrap(Wrap { trim: false }), intro);
    let mut lines = Vec::new();
    for (i, (title, detail)) in CHOICES.iter().enumerate() {
        let selected = state.selected == i;
        let style = if selected {
            theme.selected()
        } else {
            theme.label()
        };
        lines.push(Line::from(vec![
            Span::styled(if selected { " ▸ " } else { "   " }, theme.key()),
            Span::styled(*title, style),
        ]));
        lines.push(Line::styled(format!("     {detail}"), theme.dim()));
    }
    f.render_widget(Paragraph::new(lines), choices);
    let mut areas = app.areas.get();
    areas.choices = choices;
    app.areas.set(areas);
    f.render_widget(
        Paragraph::new(vec![
            Line::default(),
            Line::styled(
                format!(
                    "The workspace will be created in {}",
                    text::clean(&state.root)
                ),
                theme.dim(),
            ),
        ])
        .wrap(Wrap { trim: false }),
        place,
    );
}
