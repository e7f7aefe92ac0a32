//! The problems panel: files that could not be loaded, merge conflicts left
//! in files, and personal details in what the team shares, each at its
//! `file:line`. Enter on a conflict opens the file's conflicts to settle
//! side by side; on a personal detail in an interview, the interview, where
//! it is marked. The files are read by the runtime (an effect); the panel
//! shows what came back.

use crate::domain::privacy::FileFinding;
use crate::store::Problem;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::findings::Findings;
use crate::tui::keys::{Context, Row as KeyRow, table};
use crate::tui::out::{Nav, Out};
use crate::tui::text::{self, count};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::cell::Cell;

pub const KEYS: &[(Context, &[KeyRow])] = &[(
    Context::Problems,
    table! {
        Up "up k" show "move" "Previous problem";
        Down "down j" show "move" "Next problem";
        PageUp "pgup" help "page" "One page up";
        PageDown "pgdn" help "page" "One page down";
        Top "home g" help "top" "First problem";
        Bottom "end G" help "bottom" "Last problem";
        Open "enter" show "open" "Settle a conflict side by side, or open the interview a personal detail is in";
        Reload "r" show "look again" "Read the files again (after editing them elsewhere)";
        Back "esc q !" show "back" "Close the problems";
    },
)];

/// Which part of the panel a row is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// A file that could not be loaded.
    Load,
    /// A merge conflict to settle.
    Conflict,
    /// A personal detail.
    Privacy,
}

/// One row of the panel.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub section: Section,
    pub path: String,
    pub line: usize,
    /// The column, when known (0: not).
    pub column: usize,
    /// A few words for the list.
    pub short: String,
    /// The whole sentence, shown for the selected row.
    pub long: String,
}

#[derive(Debug, Default)]
pub struct ProblemsState {
    /// What the last look at the files found (`None`: not looked yet).
    pub findings: Option<Findings>,
    pub selected: usize,
    offset: Cell<usize>,
}

fn load_entry(p: &Problem) -> Entry {
    Entry {
        section: Section::Load,
        path: p.path.clone(),
        line: p.line,
        column: p.column,
        short: "could not be loaded".into(),
        long: p.message.clone(),
    }
}

fn conflict_entry(p: &Problem) -> Entry {
    let short = if p.message == crate::merge::scan::MARKERS {
        "git's conflict markers".to_string()
    } else {
        p.message
            .split(" was ")
            .next()
            .filter(|s| s.len() < p.message.len())
            .map(str::to_string)
            .unwrap_or_else(|| "merge conflict".into())
    };
    Entry {
        section: Section::Conflict,
        path: p.path.clone(),
        line: p.line,
        column: 0,
        short,
        long: p.message.clone(),
    }
}

fn privacy_entry(f: &FileFinding) -> Entry {
    Entry {
        section: Section::Privacy,
        path: f.file.clone(),
        line: f.line,
        column: 0,
        short: format!("{}: {}", f.kind, f.text),
        long: format!(
            "A {} ({}) under `{}`. Remove it from the file, allow the words in workspace.toml's [privacy] allow list, or share with a redacted export.",
            f.kind, f.text, f.key
        ),
    }
}

/// The interview a workspace file is, if it is one.
fn interview_of(path: &str) -> Option<String> {
    path.strip_prefix("interviews/")?
        .strip_suffix(".toml")
        .filter(|id| !id.contains('/'))
        .map(str::to_string)
}

impl ProblemsState {
    /// Every row: files that did not load (but not those whose only fault
    /// is git's markers, listed as conflicts), conflicts, personal details.
    pub fn entries(&self, ctx: &Ctx) -> Vec<Entry> {
        let conflicted = |path: &str| {
            self.findings
                .as_ref()
                .is_some_and(|f| f.texts.contains_key(path))
        };
        let mut rows: Vec<Entry> = ctx
            .problems
            .iter()
            .filter(|p| !(p.message == crate::merge::scan::MARKERS && conflicted(&p.path)))
            .map(load_entry)
            .collect();
        if let Some(found) = &self.findings {
            rows.extend(found.conflicts.iter().map(conflict_entry));
            rows.extend(found.privacy.iter().map(privacy_entry));
        }
        rows
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let rows = self.entries(ctx);
        let last = rows.len().saturating_sub(1);
        let page = ctx.page(true);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Reload => return vec![Out::Do(Effect::Scan)],
            Action::Back => return vec![Out::Back],
            Action::Open => return self.open(rows.get(self.selected)),
            _ => {}
        }
        Vec::new()
    }

    fn open(&self, row: Option<&Entry>) -> Vec<Out> {
        let Some(row) = row else {
            return vec![Out::say("There is nothing to open.")];
        };
        let text = self.findings.as_ref().and_then(|f| f.texts.get(&row.path));
        match (row.section, text) {
            (Section::Conflict | Section::Load, Some(text)) => vec![Out::Push(Nav::Conflicts {
                path: row.path.clone(),
                text: text.clone(),
            })],
            (Section::Privacy, _) => match interview_of(&row.path) {
                Some(id) => vec![Out::Push(Nav::Interview {
                    id,
                    highlight: None,
                })],
                None => vec![Out::say(format!(
                    "Edit {} at line {} in a text editor, then press r here.",
                    text::clean(&row.path),
                    row.line
                ))],
            },
            _ => vec![Out::say(format!(
                "Fix {} at line {} in a text editor, then press r here.",
                text::clean(&row.path),
                row.line
            ))],
        }
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let rows = self.entries(ctx);
        let selected = self.selected.min(rows.len().saturating_sub(1));
        let (loads, conflicts, privacy) =
            rows.iter().fold((0, 0, 0), |(l, c, p), r| match r.section {
                Section::Load => (l + 1, c, p),
                Section::Conflict => (l, c + 1, p),
                Section::Privacy => (l, c, p + 1),
            });
        let block = Block::bordered()
            .border_style(theme.border_focused())
            .title(Line::styled(" Problems ", theme.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let width = inner.width as usize;
        let summary = match &self.findings {
            None => "Looking at the files…".to_string(),
            Some(found) => match &found.error {
                Some(e) => text::clean(e).into_owned(),
                None if rows.is_empty() => {
                    "Every file loaded, no merge conflicts, no personal details found.".into()
                }
                None => [
                    (loads, count(loads, "file not loaded", "files not loaded")),
                    (
                        conflicts,
                        count(conflicts, "merge conflict", "merge conflicts"),
                    ),
                    (
                        privacy,
                        count(privacy, "personal detail", "personal details"),
                    ),
                ]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(_, said)| said)
                .collect::<Vec<_>>()
                .join(" · "),
            },
        };
        let detail_height = if rows.is_empty() {
            0
        } else {
            (inner.height / 3).clamp(3, 7)
        };
        let [head, list, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(detail_height),
        ])
        .areas(inner);
        f.render_widget(
            Paragraph::new(Line::styled(text::fit(&summary, width), theme.label())),
            head,
        );
        ctx.drawn(|a| a.list = list);
        // Section headings go above the first row of each section.
        let mut lines: Vec<(Option<usize>, Line)> = Vec::new();
        let mut last_section = None;
        for (i, row) in rows.iter().enumerate() {
            if last_section != Some(row.section) {
                last_section = Some(row.section);
                let heading = match row.section {
                    Section::Load => "FILES THAT COULD NOT BE LOADED",
                    Section::Conflict => "MERGE CONFLICTS (enter: settle side by side)",
                    Section::Privacy => "PERSONAL DETAILS (enter: see it in the interview)",
                };
                lines.push((
                    None,
                    Line::styled(text::fit(heading, width), theme.heading()),
                ));
            }
            let place = match row.column {
                0 => format!("{}:{}", row.path, row.line),
                column => format!("{}:{}:{column}", row.path, row.line),
            };
            let place = text::fit_start(&place, (width * 3 / 5).max(1));
            let rest = width.saturating_sub(text::width(&place) + 3);
            let style = if i == selected {
                theme.selected()
            } else {
                ratatui::style::Style::default()
            };
            let marker = if i == selected { "▸ " } else { "  " };
            lines.push((
                Some(i),
                Line::from(vec![
                    Span::styled(marker, style),
                    Span::styled(place, theme.key().patch(style)),
                    Span::styled(format!(" {}", text::fit(&row.short, rest)), style),
                ]),
            ));
        }
        let height = list.height as usize;
        let at = lines
            .iter()
            .position(|(i, _)| *i == Some(selected))
            .unwrap_or(0);
        let mut offset = self.offset.get();
        if at < offset {
            offset = at.saturating_sub(1);
        } else if at >= offset + height {
            offset = at + 1 - height;
        }
        self.offset.set(offset);
        let shown: Vec<Line> = lines
            .into_iter()
            .skip(offset)
            .take(height)
            .map(|(_, l)| l)
            .collect();
        f.render_widget(Paragraph::new(shown), list);
        if let Some(row) = rows.get(selected) {
            let block = Block::default()
                .borders(Borders::TOP)
                .border_style(theme.border());
            let inside = block.inner(detail);
            f.render_widget(block, detail);
            let mut wrapped = vec![Line::styled(
                text::fit_start(&format!("{}:{}", row.path, row.line), inside.width as usize),
                theme.key(),
            )];
            wrapped.extend(
                text::wrap_at_most(
                    &text::sentence(&row.long),
                    inside.width as usize,
                    (inside.height as usize).saturating_sub(1),
                )
                .into_iter()
                .map(Line::raw),
            );
            f.render_widget(Paragraph::new(wrapped), inside);
        }
    }
}
