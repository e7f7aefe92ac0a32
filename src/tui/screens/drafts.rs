//! Wizard work that was never saved (the app quit, crashed or was killed,
//! or the user left the wizard): offered on start and from `w` in browse,
//! to resume or discard, one draft at a time.

use crate::store::drafts::DraftFile;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keys::{Context, Row, table};
use crate::tui::out::{Nav, Out, WizardStart};
use crate::tui::text;
use crate::tui::widgets::picker::{Choice, Look, Picker};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

pub const KEYS: &[(Context, &[Row])] = &[(
    Context::Drafts,
    table! {
        Up "up k" show "move" "Previous draft";
        Down "down j" show "move" "Next draft";
        Resume "enter r" show "resume" "Carry on with the draft in the wizard";
        Discard "d" show "discard" "Throw the draft away";
        Back "esc" show "later" "Keep the drafts for later and go to the workspace";
        Quit "q" show "quit" "Quit persona";
    },
)];

pub struct DraftsState {
    pub files: Vec<DraftFile>,
    pub picker: Picker,
}

/// A draft as a line of the list: its name, then what it is.
pub fn describe(file: &DraftFile) -> Choice {
    match &file.snapshot {
        Ok(s) => {
            let name = s.name();
            let what = match &s.editing {
                Some(id) => format!("editing {} `{id}`", s.kind),
                None => format!("new {}", s.kind),
            };
            let saved = s
                .saved
                .map(|t| format!(" · {}", t.strftime("%Y-%m-%d %H:%M UTC")))
                .unwrap_or_default();
            Choice::new(
                &file.name,
                if name.is_empty() {
                    "(no name yet)".to_string()
                } else {
                    name
                },
            )
            .detail(format!(
                "{what} · template {} · {} answered{saved}",
                s.template,
                s.answers.len()
            ))
        }
        Err(e) => Choice::new(&file.name, format!("{}.toml", file.name))
            .detail(format!("{e}; d discards it")),
    }
}

impl DraftsState {
    pub fn new(files: Vec<DraftFile>) -> DraftsState {
        let choices = files.iter().map(describe).collect();
        DraftsState {
            files,
            picker: Picker::new(choices, Look::Pointer),
        }
    }

    fn selected(&self) -> Option<usize> {
        self.picker.selected.filter(|&s| s < self.files.len())
    }

    pub fn update(&mut self, action: Action) -> Vec<Out> {
        match action {
            Action::Up => self.picker.up(),
            Action::Down => self.picker.down(),
            Action::Resume => {
                let Some(file) = self.selected().map(|s| self.files[s].clone()) else {
                    return Vec::new();
                };
                return match file.snapshot {
                    Ok(_) => vec![Out::Go(Nav::Wizard(WizardStart::Resume(file)))],
                    Err(_) => vec![Out::warn(
                        "This draft cannot be read, so it cannot be resumed; d discards it.",
                    )],
                };
            }
            Action::Discard => {
                let Some(at) = self.selected() else {
                    return Vec::new();
                };
                let file = self.files.remove(at);
                self.picker.choices.remove(at);
                self.picker = Picker::new(std::mem::take(&mut self.picker.choices), Look::Pointer)
                    .select(Some(at.min(self.files.len().saturating_sub(1))));
                let mut out = vec![
                    Out::Do(Effect::RemoveDraft(file.name.clone())),
                    Out::say(format!("Discarded the draft {}.", file.name)),
                ];
                if self.files.is_empty() {
                    out.push(Out::Back);
                }
                return out;
            }
            Action::Back => {
                return vec![
                    Out::Back,
                    Out::say("The drafts are kept; n or w offers them again."),
                ];
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let block = Block::bordered()
            .border_style(theme.border_focused())
            .title(Line::styled(" Unsaved wizard work ", theme.title()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let intro = text::wrap(
            "These were being written and never saved. Resume one, or discard it.",
            inner.width as usize,
        );
        let [top, list] = Layout::vertical([
            Constraint::Length(intro.len() as u16 + 1),
            Constraint::Min(1),
        ])
        .areas(inner);
        f.render_widget(
            Paragraph::new(intro.into_iter().map(Line::raw).collect::<Vec<_>>()),
            top,
        );
        self.picker.draw(theme, true, f, list);
    }
}
