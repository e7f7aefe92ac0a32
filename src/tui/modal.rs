//! Popups over a screen: help, confirmations, prompts, pickers, quotes and
//! the problems list. A popup takes every key while it is open.

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::keymap::Context;
use super::widgets::input::LineInput;
use crate::domain::EntityRef;

/// What a confirmation, prompt or picker is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    Delete(EntityRef),
    Rename(EntityRef),
    Export(Vec<EntityRef>),
    Move {
        persona: String,
    },
    /// Interview screens: import, remove a highlight, open a quote.
    Interviews(super::screens::interviews::InterviewPending),
}

pub struct Confirm {
    pub title: String,
    pub message: String,
    pub pending: Pending,
}

pub struct Prompt {
    pub title: String,
    pub label: String,
    pub input: LineInput,
    pub pending: Pending,
}

pub struct Picker {
    pub title: String,
    /// `(id, label)` pairs.
    pub options: Vec<(String, String)>,
    pub selected: usize,
    pub pending: Pending,
}

pub enum Modal {
    /// The keys of the context below it.
    Help {
        context: Context,
        scroll: u16,
    },
    Confirm(Confirm),
    Prompt(Prompt),
    Picker(Picker),
    Quotes {
        scroll: u16,
    },
    Problems {
        scroll: u16,
    },
    /// A save refused because the file changed, vanished or did not load.
    Conflict(Box<super::conflict::Conflict>),
}

impl Modal {
    pub fn context(&self) -> Context {
        match self {
            Modal::Help { .. } => Context::Help,
            Modal::Confirm(_) => Context::Confirm,
            Modal::Prompt(_) => Context::Prompt,
            Modal::Picker(_) => Context::Picker,
            Modal::Quotes { .. } => Context::Quotes,
            Modal::Problems { .. } => Context::Problems,
            Modal::Conflict(_) => Context::Conflict,
        }
    }
}

fn scroll(value: &mut u16, action: Action, page: usize) {
    let page = page as u16;
    *value = match action {
        Action::Up => value.saturating_sub(1),
        Action::Down => value.saturating_add(1),
        Action::PageUp => value.saturating_sub(page),
        Action::PageDown => value.saturating_add(page),
        _ => *value,
    };
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    let Some(modal) = app.modal.as_mut() else {
        return Vec::new();
    };
    match modal {
        Modal::Conflict(conflict) => {
            let conflict = (**conflict).clone();
            super::conflict::update(app, conflict, action)
        }
        Modal::Help { scroll: s, .. }
        | Modal::Quotes { scroll: s }
        | Modal::Problems { scroll: s } => {
            if matches!(action, Action::Back | Action::Cancel) {
                app.modal = None;
            } else {
                scroll(s, action, page);
            }
            Vec::new()
        }
        Modal::Picker(picker) => match action {
            Action::Up => {
                picker.selected = picker.selected.saturating_sub(1);
                Vec::new()
            }
            Action::Down => {
                picker.selected = (picker.selected + 1).min(picker.options.len().saturating_sub(1));
                Vec::new()
            }
            Action::Confirm => {
                let chosen = picker
                    .options
                    .get(picker.selected)
                    .map(|(id, _)| id.clone());
                let pending = picker.pending.clone();
                app.modal = None;
                match chosen {
                    Some(choice) => super::item_ops::finish(app, pending, choice),
                    None => Vec::new(),
                }
            }
            Action::Cancel => {
                app.modal = None;
                Vec::new()
            }
            _ => Vec::new(),
        },
        Modal::Confirm(confirm) => match action {
            Action::Confirm => {
                let pending = confirm.pending.clone();
                app.modal = None;
                super::item_ops::finish(app, pending, String::new())
            }
            Action::Cancel => {
                app.modal = None;
                app.say("Nothing was changed.");
                Vec::new()
            }
            _ => Vec::new(),
        },
        Modal::Prompt(prompt) => match action {
            Action::Confirm => {
                let text = prompt.input.text.trim().to_string();
                let pending = prompt.pending.clone();
                app.modal = None;
                super::item_ops::finish(app, pending, text)
            }
            Action::Cancel => {
                app.modal = None;
                Vec::new()
            }
            _ => Vec::new(),
        },
    }
}
