//! On start: wizard work that was never saved (the app quit, crashed or was
//! killed), offered to resume or discard, one draft at a time.

use crate::store::drafts::DraftFile;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::modal::Modal;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub struct DraftsState {
    pub files: Vec<DraftFile>,
    pub selected: usize,
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Screen::Drafts(state) = &mut app.screen else {
        return Vec::new();
    };
    let last = state.files.len().saturating_sub(1);
    match action {
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(last),
        Action::Resume => {
            let Some(file) = state.files.get(state.selected).cloned() else {
                return Vec::new();
            };
            match &file.snapshot {
                Ok(snapshot) => {
                    if let Err(e) = super::wizard::resume(app, &file.name, snapshot) {
                        app.warn(format!("Cannot resume: {}.", e.trim_end_matches('.')));
                    }
                }
                Err(_) => {
                    app.warn("This draft cannot be read, so it cannot be resumed; d discards it.")
                }
            }
        }
        Action::Discard if state.selected < state.files.len() => {
            let file = state.files.remove(state.selected);
            state.selected = state.selected.min(state.files.len().saturating_sub(1));
            let empty = state.files.is_empty();
            app.draft_names.retain(|n| *n != file.name);
            if empty {
                app.screen = Screen::Browse;
            }
            app.say(format!("Discarded the draft {}.", file.name));
            return vec![Effect::RemoveDraft(file.name)];
        }
        Action::Back => {
            app.screen = Screen::Browse;
            app.say("The drafts are kept; they are offered again next time persona starts.");
        }
        Action::Help => {
            app.modal = Some(Modal::Help {
                context: Context::Drafts,
                scroll: 0,
            })
        }
        Action::Quit => app.quit = true,
        _ => {}
    }
    Vec::new()
}

pub fn draw(app: &App, state: &DraftsState, f: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let block = Block::bordered()
        .border_style(theme.border_focused())
        .title(Line::styled(" Unsaved wizard work ", theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = vec![
        Line::raw("These were being written when persona last stopped. Resume one, or discard it."),
        Line::default(),
    ];
    for (i, file) in state.files.iter().enumerate() {
        let on = i == state.selected;
        let style = if on { theme.selected() } else { theme.label() };
        match &file.snapshot {
            Ok(s) => {
                let name = s.name();
                let what = if s.editing.is_some() {
                    format!(
                        "editing {} `{}`",
                        s.kind,
                        s.editing.clone().unwrap_or_default()
                    )
                } else {
                    format!("new {}", s.kind)
                };
                let answered = s.answers.len();
                lines.push(Line::from(vec![
                    Span::raw(if on { "› " } else { "  " }),
                    Span::styled(
                        text::truncate(
                            &text::clean(if name.is_empty() {
                                "(no name yet)"
                            } else {
                                &name
                            }),
                            width.saturating_sub(4),
                        ),
                        style,
                    ),
                ]));
                let saved = s
                    .saved
                    .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_default();
                lines.push(Line::styled(
                    text::truncate(
                        &format!(
                            "    {what} · template {} · {answered} answered · {saved}",
                            text::clean(&s.template)
                        ),
                        width,
                    ),
                    theme.dim(),
                ));
            }
            Err(e) => {
                lines.push(Line::from(vec![
                    Span::raw(if on { "› " } else { "  " }),
                    Span::styled(format!("{}.toml", file.name), style),
                ]));
                lines.push(Line::styled(
                    text::truncate(&format!("    {}; d discards it", text::clean(e)), width),
                    theme.error(),
                ));
            }
        }
    }
    let skip = (state.selected * 2 + 4).saturating_sub(inner.height as usize);
    f.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
}
