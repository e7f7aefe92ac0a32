//! A card's history, from git: who changed the ICP's or persona's file,
//! when, and what changed, newest first (what `persona log` prints). Git
//! is run by the runtime when the screen is asked for; this only shows it.

use crate::domain::EntityRef;
use crate::git::history::History;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keys::{Context, Row as KeyRow, table};
use crate::tui::out::Out;
use crate::tui::text::{self, count};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub const KEYS: &[(Context, &[KeyRow])] = &[(
    Context::History,
    table! {
        Up "up k" show "scroll" "Scroll up";
        Down "down j" show "scroll" "Scroll down";
        PageUp "pgup" help "page" "One page up";
        PageDown "pgdn" help "page" "One page down";
        Back "esc q l" show "back" "Back to the card";
    },
)];

#[derive(Debug)]
pub struct HistoryState {
    pub entity: EntityRef,
    /// The history, or why git could not tell it (one sentence).
    pub history: Result<History, String>,
    pub scroll: u16,
}

impl HistoryState {
    pub fn new(entity: EntityRef, history: Result<History, String>) -> HistoryState {
        HistoryState {
            entity,
            history,
            scroll: 0,
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let page = ctx.page(false) as u16;
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll = self.scroll.saturating_add(page),
            Action::Back => return vec![Out::Back],
            _ => {}
        }
        Vec::new()
    }

    fn name(&self, ctx: &Ctx) -> String {
        let ws = ctx.workspace;
        let id = &self.entity.id;
        match self.entity.kind {
            crate::domain::Kind::Icp => ws.icp(id).map(|i| i.name.clone()),
            crate::domain::Kind::Persona => ws.persona(id).map(|p| p.name.clone()),
            crate::domain::Kind::Interview => ws.interview(id).map(|i| i.title.clone()),
            crate::domain::Kind::Template => None,
        }
        .unwrap_or_else(|| id.clone())
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let title = format!(
            " History: {} ",
            text::fit(&self.name(ctx), area.width.saturating_sub(14) as usize)
        );
        let block = Block::bordered()
            .border_style(theme.border_focused())
            .title(Line::styled(title, theme.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        ctx.drawn(|a| a.body = inner);
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        let history = match &self.history {
            Ok(h) => h,
            Err(e) => {
                for l in text::wrap(&text::sentence(e), width) {
                    lines.push(Line::styled(l, theme.error()));
                }
                f.render_widget(Paragraph::new(lines), inner);
                return;
            }
        };
        if let Some(changes) = &history.uncommitted {
            lines.push(Line::styled("Not committed yet", theme.stale()));
            let what = if changes.is_empty() {
                "changed on disk".to_string()
            } else {
                changes.join(", ")
            };
            for l in text::wrap(&what, width.saturating_sub(2)) {
                lines.push(Line::raw(format!("  {l}")));
            }
            lines.push(Line::default());
        }
        if history.history.is_empty() {
            lines.push(Line::styled(
                "Not in git's history yet: `persona sync` (or git commit) records it.",
                theme.dim(),
            ));
        } else {
            lines.push(Line::styled(
                format!(
                    "{}, newest first",
                    count(history.history.len(), "change", "changes")
                ),
                theme.label(),
            ));
        }
        for change in &history.history {
            // "2026-11-20T14:03:00+01:00" as "2026-11-20 14:03".
            let when = change
                .date
                .get(..16)
                .unwrap_or(&change.date)
                .replace('T', " ");
            let commit: String = change.commit.chars().take(7).collect();
            let who = text::fit(&change.author, width.saturating_sub(when.len() + 10).max(4));
            lines.push(Line::from(vec![
                Span::styled(when, theme.key()),
                Span::raw("  "),
                Span::styled(who, theme.label()),
                Span::styled(format!("  {commit}"), theme.dim()),
            ]));
            let what = if change.changes.is_empty() {
                change.subject.clone()
            } else {
                change.changes.join(", ")
            };
            for l in text::wrap_at_most(&what, width.saturating_sub(2), 4) {
                lines.push(Line::raw(format!("  {l}")));
            }
            if !change.changes.is_empty() && !change.subject.contains(&change.changes.join(", ")) {
                lines.push(Line::styled(
                    format!(
                        "  “{}”",
                        text::fit(&change.subject, width.saturating_sub(4))
                    ),
                    theme.dim(),
                ));
            }
        }
        let most = lines.len().saturating_sub(inner.height as usize) as u16;
        f.render_widget(
            Paragraph::new(lines).scroll((self.scroll.min(most), 0)),
            inner,
        );
    }
}
