//! The interviews list: when, who, which company, what kind of source, how
//! many highlights, and how much of the notes a guided pass has reviewed.
//! From here: open one, start a new one, import notes, see the tally.

use super::interview;
use crate::domain::{Citation, EntityRef, Interview, Kind, Workspace};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::{Effect, Outcome};
use crate::tui::keymap::Context;
use crate::tui::modal::{Confirm, Modal, Pending, Prompt};
use crate::tui::text;
use crate::tui::widgets::input::LineInput;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};
use std::path::PathBuf;

#[derive(Clone, Debug, Default)]
pub struct InterviewsState {
    /// The selected interview, by id (so reloads keep it).
    pub selected: Option<String>,
    pub offset: std::cell::Cell<usize>,
}

/// What a prompt, confirmation or picker opened from these screens is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InterviewPending {
    /// Import the typed path(s).
    Import,
    /// Remove a highlight from the interview on screen.
    RemoveHighlight { highlight: String },
    /// Open the chosen `interview#highlight`, coming back to a card.
    OpenQuote { back: EntityRef },
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

pub fn open(app: &mut App) {
    let selected = ordered(&app.workspace).first().map(|i| i.id.clone());
    app.screen = Screen::Interviews(InterviewsState {
        selected,
        ..Default::default()
    });
}

fn position(app: &App, state: &InterviewsState) -> usize {
    let list = ordered(&app.workspace);
    state
        .selected
        .as_ref()
        .and_then(|id| list.iter().position(|i| &i.id == id))
        .unwrap_or(0)
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page() as isize;
    let Screen::Interviews(state) = &app.screen else {
        return Vec::new();
    };
    let list: Vec<String> = ordered(&app.workspace)
        .iter()
        .map(|i| i.id.clone())
        .collect();
    let at = position(app, state) as isize;
    let last = list.len() as isize - 1;
    let go = |to: isize| list.get(to.clamp(0, last.max(0)) as usize).cloned();
    let current = list.get(at as usize).cloned();
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
        if let Screen::Interviews(state) = &mut app.screen {
            state.selected = to;
        }
        return Vec::new();
    }
    match action {
        Action::Open => match current {
            Some(id) => interview::open(app, &id, None, None),
            None => app.say("No interviews yet: press n for a new one or I to import notes."),
        },
        Action::New => interview::open_new(app),
        Action::Metadata => match current {
            Some(id) => {
                interview::open(app, &id, None, None);
                return interview::update(app, Action::Metadata);
            }
            None => app.say("No interview is selected."),
        },
        Action::Import => {
            let default = app.export_dir.display().to_string();
            app.modal = Some(Modal::Prompt(Prompt {
                title: "Import notes".into(),
                label: "A .md or .txt file, or a folder of them (several paths: separate with ;):"
                    .into(),
                input: LineInput::new(&format!("{default}/")),
                pending: Pending::Interviews(InterviewPending::Import),
            }));
        }
        Action::Tally => {
            app.screen = Screen::Tally(super::tally::TallyState::new(Screen::Interviews(
                InterviewsState {
                    selected: current,
                    ..Default::default()
                },
            )))
        }
        Action::Delete => match current.and_then(|id| app.workspace.interview(&id).cloned()) {
            Some(i) => {
                let cited: usize = i
                    .highlights
                    .iter()
                    .map(|h| app.workspace.citing(&Citation::new(&i.id, &h.id)).len())
                    .sum();
                let warning = if cited > 0 {
                    format!(
                        " {cited} ICP or persona attribute{} cite its highlights and would lose that evidence.",
                        if cited == 1 { "" } else { "s" }
                    )
                } else {
                    String::new()
                };
                app.modal = Some(Modal::Confirm(Confirm {
                    title: "Delete".into(),
                    message: format!(
                        "Delete the interview “{}”?{warning} It goes to the trash and can be brought back.",
                        text::clean(&i.title)
                    ),
                    pending: Pending::Delete(EntityRef::new(Kind::Interview, &i.id)),
                }));
            }
            None => app.say("No interview is selected."),
        },
        Action::Undo => return crate::tui::item_ops::on_item(app, Action::Undo, None),
        Action::Back => app.screen = Screen::Browse,
        Action::Help => {
            app.modal = Some(Modal::Help {
                context: Context::Interviews,
                scroll: 0,
            })
        }
        _ => {}
    }
    Vec::new()
}

/// A prompt, confirmation or picker opened here was accepted.
pub fn finish(app: &mut App, pending: InterviewPending, input: String) -> Vec<Effect> {
    match pending {
        InterviewPending::Import => {
            let paths: Vec<PathBuf> = input
                .split(';')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(crate::tui::item_ops::expand_home)
                .collect();
            if paths.is_empty() {
                app.warn("Type the path of a notes file or folder; nothing was imported.");
                return Vec::new();
            }
            vec![Effect::ImportNotes { paths, icp: None }]
        }
        InterviewPending::RemoveHighlight { highlight } => {
            interview::remove_highlight(app, &highlight)
        }
        InterviewPending::OpenQuote { back } => match Citation::parse(&input) {
            Ok(c) => {
                interview::open(app, &c.interview, Some(&c.highlight), Some(back));
                Vec::new()
            }
            Err(_) => Vec::new(),
        },
    }
}

/// Performs an import for the app (same rules as `persona import-notes`:
/// every file is checked first, and one bad file imports nothing).
pub fn import<S: Store>(
    store: &mut S,
    workspace: &Workspace,
    paths: &[PathBuf],
    icp: Option<String>,
    outcome: &mut Outcome,
) -> Result<String, String> {
    let files = crate::import::read_notes(paths)?;
    let mut ws = workspace.clone();
    let now = jiff::Timestamp::now();
    for file in &files {
        let id = ws.new_id(Kind::Interview, &file.parsed.title);
        let mut i = file.parsed.clone().into_interview(id);
        if icp.is_some() {
            i.icp = icp.clone();
        }
        i.created = Some(now);
        i.updated = Some(now);
        store.save_interview(&i).map_err(|e| e.to_string())?;
        ws.interviews.push(i);
    }
    // Browse keeps its selection; the list shows the new interviews by date.
    let _ = outcome;
    Ok(format!(
        "Imported {} interview{}.",
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    ))
}

/// `done` of reviewed paragraphs out of `total`, as a short cell.
pub fn progress(interview: &Interview) -> String {
    let (done, total) = interview.review_progress();
    match total {
        0 => "empty".into(),
        _ if done == total => "✓ all".into(),
        _ if done == 0 => format!("0/{total}"),
        _ => format!("{done}/{total}"),
    }
}

pub fn draw(app: &App, state: &InterviewsState, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let list = ordered(&app.workspace);
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(
            format!(" Interviews ({}) ", list.len()),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut areas = app.areas.get();
    areas.body = inner;
    areas.list = inner;
    app.areas.set(areas);
    if list.is_empty() {
        f.render_widget(
            Paragraph::new(vec![
                Line::styled("No interviews yet.", theme.label()),
                Line::default(),
                Line::raw("Press n to write up a call, or I to import a folder of notes"),
                Line::raw("(markdown or plain text; `persona import-notes` does the same)."),
            ]),
            inner,
        );
        return;
    }
    let at = position(app, state);
    let rows_fit = (inner.height as usize).saturating_sub(1).max(1);
    let mut offset = state.offset.get();
    if at < offset {
        offset = at;
    } else if at >= offset + rows_fit {
        offset = at + 1 - rows_fit;
    }
    state.offset.set(offset);
    let header = Row::new([
        "Date",
        "Interviewee",
        "Role",
        "Company",
        "Source",
        "Hl",
        "Reviewed",
    ])
    .style(theme.label());
    let rows: Vec<Row> = list
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_fit)
        .map(|(n, i)| {
            let who = if i.interviewee.trim().is_empty() {
                i.title.as_str()
            } else {
                i.interviewee.as_str()
            };
            let stale = crate::domain::anchor::stale(i).len();
            let hl = if stale > 0 {
                Span::styled(format!("{} ⚠{stale}", i.highlights.len()), theme.stale())
            } else {
                Span::raw(i.highlights.len().to_string())
            };
            let row = Row::new(vec![
                Cell::from(i.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())),
                Cell::from(text::clean(who).into_owned()),
                Cell::from(text::clean(&i.role).into_owned()),
                Cell::from(text::clean(&i.company).into_owned()),
                Cell::from(i.source.label()),
                Cell::from(hl),
                Cell::from(progress(i)),
            ]);
            if n == at {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Length(14),
            Constraint::Length(5),
            Constraint::Length(8),
        ],
    )
    .header(header)
    .column_spacing(1);
    f.render_widget(table, inner);
}
