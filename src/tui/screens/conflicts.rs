//! One file's merge conflicts, settled one at a time: the selected
//! conflict's two versions side by side (one above the other in a narrow
//! window), and a key per choice: keep ours, keep theirs, keep both. The
//! choice is written atomically by the runtime, only if the file still
//! holds what is shown.

use crate::domain::conflict::Choice;
use crate::merge::settle::{self, Open};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keys::{Context, Row as KeyRow, table};
use crate::tui::out::Out;
use crate::tui::text::{self, count};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub const KEYS: &[(Context, &[KeyRow])] = &[(
    Context::Conflicts,
    table! {
        Up "up k" show "previous" "Previous conflict in the file";
        Down "down j" show "next" "Next conflict in the file";
        KeepOurs "o" show "keep ours" "Keep our version (the branch you are on)";
        KeepTheirs "t" show "keep theirs" "Keep their version (the one merged in)";
        KeepBoth "b" show "keep both" "Keep both versions (for list items and lines of text)";
        PageUp "pgup" help "scroll" "Scroll the versions up";
        PageDown "pgdn" help "scroll" "Scroll the versions down";
        Back "esc q" show "back" "Back to the problems (nothing changes)";
    },
)];

#[derive(Debug)]
pub struct ConflictsState {
    /// Relative to the workspace.
    pub path: String,
    /// The file as read, which a save expects to find still.
    pub text: String,
    /// Its conflicts, or why they cannot be shown.
    pub open: Result<Vec<Open>, String>,
    pub selected: usize,
    pub scroll: u16,
}

impl ConflictsState {
    pub fn new(path: String, text: String) -> ConflictsState {
        let open = settle::open(&path, &text);
        ConflictsState {
            path,
            text,
            open,
            selected: 0,
            scroll: 0,
        }
    }

    /// The file as it now is, after a choice was written (or refused).
    pub fn reopen(&mut self, text: String) {
        self.open = settle::open(&self.path, &text);
        self.text = text;
        let left = self.open.as_ref().map_or(0, Vec::len);
        self.selected = self.selected.min(left.saturating_sub(1));
        self.scroll = 0;
    }

    /// How many conflicts are left to settle.
    pub fn left(&self) -> usize {
        self.open.as_ref().map_or(0, Vec::len)
    }

    pub fn update(&mut self, action: Action) -> Vec<Out> {
        let last = self.left().saturating_sub(1);
        let choice = match action {
            Action::Up => {
                self.selected = self.selected.saturating_sub(1);
                self.scroll = 0;
                return Vec::new();
            }
            Action::Down => {
                self.selected = (self.selected + 1).min(last);
                self.scroll = 0;
                return Vec::new();
            }
            Action::PageUp => {
                self.scroll = self.scroll.saturating_sub(5);
                return Vec::new();
            }
            Action::PageDown => {
                self.scroll = self.scroll.saturating_add(5);
                return Vec::new();
            }
            Action::Back => return vec![Out::Back],
            Action::KeepOurs => Choice::Ours,
            Action::KeepTheirs => Choice::Theirs,
            Action::KeepBoth => Choice::Both,
            _ => return Vec::new(),
        };
        let open = match &self.open {
            Ok(open) => open,
            Err(e) => return vec![Out::warn(text::sentence(e))],
        };
        let Some(conflict) = open.get(self.selected) else {
            return vec![Out::say("There is no conflict left in this file.")];
        };
        if choice == Choice::Both && !conflict.both {
            return vec![Out::say(
                "This holds one value: keep ours (o) or theirs (t).",
            )];
        }
        vec![Out::Do(Effect::Settle {
            path: self.path.clone(),
            before: self.text.clone(),
            which: conflict.which.clone(),
            choice,
        })]
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let title = format!(
            " Conflicts: {} ",
            text::fit_start(&self.path, area.width.saturating_sub(16) as usize)
        );
        let block = Block::bordered()
            .border_style(theme.border_focused())
            .title(Line::styled(title, theme.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        ctx.drawn(|a| a.body = inner);
        let width = inner.width as usize;
        let open = match &self.open {
            Ok(open) => open,
            Err(e) => {
                f.render_widget(
                    Paragraph::new(Line::styled(text::sentence(e), theme.error()))
                        .wrap(Wrap { trim: true }),
                    inner,
                );
                return;
            }
        };
        let Some(conflict) = open.get(self.selected) else {
            f.render_widget(
                Paragraph::new(Line::styled(
                    "No conflicts are left in this file.",
                    theme.backed(),
                )),
                inner,
            );
            return;
        };
        let head_text = format!(
            "{} of {} · line {} · {}",
            self.selected + 1,
            count(open.len(), "conflict", "conflicts"),
            conflict.line,
            conflict.what
        );
        // In a short window the versions matter more than the explanation.
        let room = if inner.height < 20 { 1 } else { 3 };
        let describe = text::wrap_at_most(&conflict.describe, width, room);
        let gap = u16::from(inner.height >= 20);
        let [head, about, versions] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(describe.len() as u16 + gap),
            Constraint::Min(1),
        ])
        .areas(inner);
        f.render_widget(
            Paragraph::new(Line::styled(text::fit(&head_text, width), theme.label())),
            head,
        );
        f.render_widget(
            Paragraph::new(
                describe
                    .into_iter()
                    .map(|l| Line::styled(l, theme.dim()))
                    .collect::<Vec<_>>(),
            ),
            about,
        );
        let wide = inner.width >= 70;
        let [left, right] = if wide {
            Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)])
                .spacing(1)
                .areas(versions)
        } else {
            Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(versions)
        };
        let keys = |action| {
            ctx.keymaps
                .key_for(Context::Conflicts, action)
                .unwrap_or_default()
        };
        self.version(
            f,
            left,
            ctx,
            "Ours",
            &keys(Action::KeepOurs),
            &conflict.ours,
        );
        self.version(
            f,
            right,
            ctx,
            "Theirs",
            &keys(Action::KeepTheirs),
            &conflict.theirs,
        );
    }

    fn version(&self, f: &mut Frame, area: Rect, ctx: &Ctx, side: &str, key: &str, body: &str) {
        let theme = ctx.theme;
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::from(vec![
                Span::styled(format!(" {side} "), theme.title()),
                Span::styled(format!("({key}) "), theme.key()),
            ]));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        for line in text::clean_lines(body) {
            for piece in text::wrap(&line, width.max(1)) {
                lines.push(Line::raw(piece));
            }
            if lines.len() > 2_000 {
                break;
            }
        }
        let most = lines.len().saturating_sub(inner.height as usize) as u16;
        f.render_widget(
            Paragraph::new(lines).scroll((self.scroll.min(most), 0)),
            inner,
        );
    }
}
