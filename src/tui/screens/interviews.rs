//! The interviews list: when, who, which company, what kind of source, how
//! many highlights, and how much of the notes a guided pass has reviewed.
//! From here: open one, start a new one, edit its details, import notes,
//! see the tally.

use crate::domain::{Citation, EntityRef, Interview, Kind, Workspace};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::item_ops;
use crate::tui::keys::{Context, Row as KeyRow, table};
use crate::tui::modal::{Confirm, Modal, Pending, Prompt};
use crate::tui::out::{Nav, Out, WizardStart};
use crate::tui::text::{self, count};
use crate::tui::widgets::input::LineInput;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};
use std::path::PathBuf;

pub const KEYS: &[(Context, &[KeyRow])] = &[(
    Context::Interviews,
    table! {
        Up "up k" show "move" "Move up";
        Down "down j" show "move" "Move down";
        PageUp "pgup" help "page" "One page up";
        PageDown "pgdn" help "page" "One page down";
        Top "home g" help "top" "Go to the top";
        Bottom "end G" help "bottom" "Go to the bottom";
        Open "enter" show "open" "Open the interview's notes and highlights";
        New "n" show "new" "New interview: who, when, where from (the wizard asks)";
        Import "I" show "import" "Import notes: a .md/.txt file or a folder of them";
        Tally "t" show "tally" "Tally tags and best customers";
        Metadata "e" help "details" "Edit the interview's details with the wizard";
        Delete "d" help "delete" "Delete the interview (asks first; u undoes)";
        Undo "u" help "undo" "Undo the last delete";
        Back "esc q" show "back" "Back to browse";
    },
)];

#[derive(Debug, Default)]
pub struct InterviewsState {
    /// The selected interview, by id (so reloads keep it).
    pub selected: Option<String>,
    pub offset: std::cell::Cell<usize>,
}

/// Interviews newest first (undated last), then by title.
pub fn ordered(ws: &Workspace) -> Vec<&Interview> {
    let mut list: Vec<&Interview> = ws.interviews.iter().collect();
    list.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
            .then_with(|| a.id.cmp(&b.id))
    });
    list
}

/// `done` of reviewed paragraphs out of `total`, as a short cell.
pub fn progress(interview: &Interview) -> String {
    let (done, total) = interview.review_progress();
    match total {
        0 => "empty".into(),
        _ if done == total => "✓ all".into(),
        _ => format!("{done}/{total}"),
    }
}

impl InterviewsState {
    pub fn new(ws: &Workspace, selected: Option<String>) -> InterviewsState {
        let selected = selected
            .filter(|id| ws.interview(id).is_some())
            .or_else(|| ordered(ws).first().map(|i| i.id.clone()));
        InterviewsState {
            selected,
            ..Default::default()
        }
    }

    fn position(&self, list: &[&Interview]) -> usize {
        self.selected
            .as_ref()
            .and_then(|id| list.iter().position(|i| &i.id == id))
            .unwrap_or(0)
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let ws = ctx.workspace;
        let list = ordered(ws);
        let at = self.position(&list) as isize;
        let last = list.len() as isize - 1;
        let page = ctx.page(true) as isize;
        let go = |to: isize| {
            list.get(to.clamp(0, last.max(0)) as usize)
                .map(|i| i.id.clone())
        };
        let current = list.get(at as usize).map(|i| i.id.clone());
        let moved = match action {
            Action::Up => Some(go(at - 1)),
            Action::Down => Some(go(at + 1)),
            Action::PageUp => Some(go(at - page)),
            Action::PageDown => Some(go(at + page)),
            Action::Top => Some(go(0)),
            Action::Bottom => Some(go(last)),
            _ => None,
        };
        if let Some(to) = moved {
            self.selected = to;
            return Vec::new();
        }
        let none = || vec![Out::say("No interview is selected.")];
        match action {
            Action::Open => match current {
                Some(id) => vec![Out::Push(Nav::Interview {
                    id,
                    highlight: None,
                })],
                None => vec![Out::say(
                    "No interviews yet: press n for a new one or I to import notes.",
                )],
            },
            Action::New => vec![Out::Push(Nav::Wizard(WizardStart::New {
                what: Kind::Interview,
                icp: None,
                template: None,
            }))],
            Action::Metadata => match current {
                Some(id) => vec![Out::Push(Nav::Wizard(WizardStart::Edit {
                    entity: EntityRef::new(Kind::Interview, &id),
                    at: None,
                }))],
                None => none(),
            },
            Action::Import => {
                let default = ctx.export_dir.display().to_string();
                vec![Out::Open(Modal::Prompt(Prompt {
                    title: "Import notes".into(),
                    label:
                        "A .md or .txt file, or a folder of them (several paths: separate with ;):"
                            .into(),
                    input: LineInput::new(&format!("{default}/")),
                    pending: Pending::Import,
                }))]
            }
            Action::Tally => vec![Out::Push(Nav::Tally)],
            Action::Delete => match current.and_then(|id| ws.interview(&id)) {
                Some(i) => {
                    let cited: usize = i
                        .highlights
                        .iter()
                        .map(|h| ctx.cited(&Citation::new(&i.id, &h.id)))
                        .sum();
                    let warning = if cited > 0 {
                        format!(
                            " {} its highlights and would lose that evidence.",
                            count(
                                cited,
                                "ICP or persona attribute cites",
                                "ICP or persona attributes cite"
                            )
                        )
                    } else {
                        String::new()
                    };
                    vec![Out::Open(Modal::Confirm(Confirm {
                        title: "Delete".into(),
                        message: format!(
                            "Delete the interview “{}”?{warning} It goes to the trash and can be brought back.",
                            text::fit(&i.title, 60)
                        ),
                        pending: Pending::Delete(EntityRef::new(Kind::Interview, &i.id)),
                    }))]
                }
                None => none(),
            },
            Action::Undo => item_ops::undo(ctx),
            Action::Back => vec![Out::Back],
            _ => Vec::new(),
        }
    }

    /// A prompt or confirmation opened here was answered.
    pub fn finish(&mut self, pending: Pending, input: String) -> Vec<Out> {
        match pending {
            Pending::Import => {
                let paths: Vec<PathBuf> = input
                    .split(';')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(item_ops::expand_home)
                    .collect();
                if paths.is_empty() {
                    return vec![Out::warn(
                        "Type the path of a notes file or folder; nothing was imported.",
                    )];
                }
                vec![Out::Do(Effect::ImportNotes { paths, icp: None })]
            }
            Pending::Delete(entity) => vec![Out::Do(Effect::Delete(entity))],
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let list = ordered(ctx.workspace);
        let block = Block::bordered()
            .border_style(theme.border_focused())
            .title(Line::styled(
                format!(" Interviews ({}) ", list.len()),
                theme.title(),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        ctx.drawn(|a| {
            a.body = inner;
            a.list = inner;
        });
        if list.is_empty() {
            let mut lines = vec![
                Line::styled("No interviews yet.", theme.label()),
                Line::default(),
            ];
            for l in text::wrap(
                "Press n to write up a call, or I to import a folder of notes (markdown or plain text; `persona import-notes` does the same).",
                inner.width as usize,
            ) {
                lines.push(Line::raw(l));
            }
            f.render_widget(Paragraph::new(lines), inner);
            return;
        }
        let at = self.position(&list);
        let rows_fit = (inner.height as usize).saturating_sub(1).max(1);
        let mut offset = self.offset.get();
        if at < offset {
            offset = at;
        } else if at >= offset + rows_fit {
            offset = at + 1 - rows_fit;
        }
        self.offset.set(offset);
        // Narrow windows drop role and source first, so who and which
        // company keep room to be read; every cell is cut at a word with `…`.
        let wide = inner.width as usize >= 76;
        let columns: &[Column] = if wide {
            &[
                Column::Date,
                Column::Who,
                Column::Role,
                Column::Company,
                Column::Source,
                Column::Highlights,
                Column::Reviewed,
            ]
        } else {
            &[
                Column::Date,
                Column::Who,
                Column::Company,
                Column::Highlights,
                Column::Reviewed,
            ]
        };
        let fixed: usize =
            columns.iter().filter_map(|c| c.fixed()).sum::<usize>() + columns.len() - 1;
        let texts = columns.iter().filter(|c| c.fixed().is_none()).count();
        let cell = (inner.width as usize).saturating_sub(fixed) / texts.max(1);
        let width_of = |c: &Column| c.fixed().unwrap_or(cell);
        let header = Row::new(
            columns
                .iter()
                .map(|c| Cell::from(text::fit(c.title(), width_of(c))))
                .collect::<Vec<_>>(),
        )
        .style(theme.label());
        let widths: Vec<Constraint> = columns
            .iter()
            .map(|c| match c.fixed() {
                Some(n) => Constraint::Length(n as u16),
                None => Constraint::Fill(1),
            })
            .collect();
        let rows: Vec<Row> = list
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows_fit)
            .map(|(n, i)| {
                let cells: Vec<Cell> = columns
                    .iter()
                    .map(|c| c.cell(i, width_of(c), theme))
                    .collect();
                let row = Row::new(cells);
                if n == at {
                    row.style(theme.selected())
                } else {
                    row
                }
            })
            .collect();
        let table = Table::new(rows, widths).header(header).column_spacing(1);
        f.render_widget(table, inner);
    }
}

/// A column of the interviews list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Date,
    Who,
    Role,
    Company,
    Source,
    Highlights,
    Reviewed,
}

impl Column {
    fn title(self) -> &'static str {
        match self {
            Column::Date => "Date",
            Column::Who => "Interviewee",
            Column::Role => "Role",
            Column::Company => "Company",
            Column::Source => "Source",
            Column::Highlights => "Hl",
            Column::Reviewed => "Reviewed",
        }
    }

    /// Its width, for the columns of a fixed width (the text columns
    /// share what is left).
    fn fixed(self) -> Option<usize> {
        match self {
            Column::Date => Some(10),
            Column::Source => Some(14),
            Column::Highlights => Some(5),
            Column::Reviewed => Some(8),
            Column::Who | Column::Role | Column::Company => None,
        }
    }

    fn cell(self, i: &Interview, width: usize, theme: &crate::tui::theme::Theme) -> Cell<'static> {
        match self {
            Column::Date => Cell::from(i.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())),
            Column::Who => {
                let who = if i.interviewee.trim().is_empty() {
                    i.title.as_str()
                } else {
                    i.interviewee.as_str()
                };
                Cell::from(text::fit(who, width))
            }
            Column::Role => Cell::from(text::fit(&i.role, width)),
            Column::Company => Cell::from(text::fit(&i.company, width)),
            Column::Source => Cell::from(text::fit(i.source.label(), width)),
            Column::Highlights => {
                let stale = crate::domain::anchor::stale(i).len();
                Cell::from(if stale > 0 {
                    Span::styled(format!("{} ⚠{stale}", i.highlights.len()), theme.stale())
                } else {
                    Span::raw(i.highlights.len().to_string())
                })
            }
            Column::Reviewed => Cell::from(progress(i)),
        }
    }
}
