//! First run: what the tool is for, and how to start.

use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keys::{Context, Row, table};
use crate::tui::out::Out;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::path::Path;

pub const KEYS: &[(Context, &[Row])] = &[(
    Context::Welcome,
    table! {
        Up "up k" show "choose" "Previous choice";
        Down "down j" show "choose" "Next choice";
        Open "enter" show "start" "Start with the chosen option";
        Quit "q" show "quit" "Quit persona";
    },
)];

pub struct WelcomeState {
    /// 0: start empty, 1: load the demo.
    pub selected: usize,
    pub root: String,
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

impl WelcomeState {
    pub fn new(root: &Path) -> WelcomeState {
        WelcomeState {
            selected: 1,
            root: root.display().to_string(),
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Out> {
        match action {
            Action::Up => self.selected = 0,
            Action::Down => self.selected = 1,
            Action::Open => {
                return vec![Out::Do(Effect::CreateWorkspace {
                    demo: self.selected == 1,
                })];
            }
            _ => {}
        }
        Vec::new()
    }

    /// A click on one of the choices.
    pub fn click(&mut self, row: u16) {
        self.selected = (row as usize / 2).min(1);
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
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
            let selected = self.selected == i;
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
        ctx.drawn(|a| a.choices = choices);
        let width = place.width as usize;
        let mut lines = vec![Line::default()];
        for l in text::wrap(
            &format!("The workspace will be created in {}", self.root),
            width,
        ) {
            lines.push(Line::styled(l, theme.dim()));
        }
        f.render_widget(Paragraph::new(lines), place);
    }
}
