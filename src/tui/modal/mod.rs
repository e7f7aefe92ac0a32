//! Popups over a screen: help, confirmations, prompts, pickers, quotes and
//! the file-changed dialog. A popup takes every key while
//! it is open; when it is answered, the screen underneath gets the answer
//! (see [`Pending`]).

mod tables;

pub use tables::KEYS;

use super::action::Action;
use super::conflict::Conflict;
use super::keys::Context;
use super::widgets::input::LineInput;
use super::widgets::picker::Picker;
use crate::domain::{EntityRef, Item};

/// What a confirmation, prompt or picker is for; the screen that opened it
/// carries it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    Delete(EntityRef),
    Rename(EntityRef),
    Export(Vec<EntityRef>),
    /// Export to `path`, named or redacted as chosen.
    ExportAs {
        items: Vec<EntityRef>,
        path: String,
    },
    Move {
        persona: String,
    },
    /// Import the typed path(s) as interviews.
    Import,
    /// Remove a highlight from the interview on screen.
    RemoveHighlight {
        highlight: String,
    },
    /// Open the interview of the chosen `interview#highlight`.
    OpenQuote,
    /// Leave the wizard although its answers could not be kept in a draft.
    LeaveUnkept,
    /// Preview outreach against the lead file at the typed path.
    OutreachLeads,
    /// The typed subject line of the outreach template on screen.
    OutreachSubject,
    /// Best customers: show only those matching the typed words.
    FilterCustomers,
    /// Best customers: the typed export (and options), to preview.
    ImportCustomers,
    /// Best customers: import what was previewed.
    ConfirmCustomers {
        input: String,
    },
    /// Best customers: which attribute to edit (`field: None`), then its
    /// new value.
    EditCustomer {
        customer: usize,
        field: Option<String>,
    },
    /// Best customers: take one out of the list.
    RemoveCustomer {
        customer: usize,
    },
    /// A question of the scoring screen.
    Scoring(super::scoring_types::Ask),
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

pub struct Choose {
    pub title: String,
    pub picker: Picker,
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
    Picker(Choose),
    /// The quotes behind one attribute of a card.
    Quotes {
        item: Item,
        scroll: u16,
    },
    /// Files that could not be loaded; or, with `report`, a message of
    /// several lines (every bad file of an import).
    Problems {
        scroll: u16,
        report: Option<String>,
    },
    /// A save refused because the file changed, vanished or did not load.
    Conflict(Box<Conflict>),
}

/// What became of a popup after a key.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// Still open.
    Open,
    /// Closed; say this (when anything).
    Closed(Option<String>),
    /// Answered: the screen below carries out `pending` with what was typed
    /// or chosen.
    Chosen(Pending, String),
    /// A choice in the file-changed dialog.
    Conflict(Action),
}

impl Modal {
    pub fn context(&self) -> Context {
        match self {
            Modal::Help { .. } => Context::Help,
            Modal::Confirm(_) => Context::Confirm,
            Modal::Prompt(_) => Context::Prompt,
            Modal::Picker(_) => Context::Picker,
            Modal::Quotes { .. } => Context::Quotes,
            Modal::Problems { .. } => Context::Report,
            Modal::Conflict(_) => Context::Conflict,
        }
    }

    /// The text field that typing goes into, if any.
    pub fn input(&mut self) -> Option<&mut LineInput> {
        match self {
            Modal::Prompt(p) => Some(&mut p.input),
            _ => None,
        }
    }

    /// An action while the popup is open; `page` is how far a page scrolls.
    pub fn update(&mut self, action: Action, page: usize) -> Answer {
        let page = page as u16;
        match self {
            Modal::Conflict(_) => match action {
                Action::Reload | Action::Overwrite | Action::SaveCopy | Action::Cancel => {
                    Answer::Conflict(action)
                }
                _ => Answer::Open,
            },
            Modal::Help { scroll, .. }
            | Modal::Quotes { scroll, .. }
            | Modal::Problems { scroll, .. } => {
                *scroll = match action {
                    Action::Back | Action::Cancel | Action::Help => return Answer::Closed(None),
                    Action::Up => scroll.saturating_sub(1),
                    Action::Down => scroll.saturating_add(1),
                    Action::PageUp => scroll.saturating_sub(page),
                    Action::PageDown => scroll.saturating_add(page),
                    _ => *scroll,
                };
                Answer::Open
            }
            Modal::Picker(choose) => match action {
                Action::Up => {
                    choose.picker.up();
                    Answer::Open
                }
                Action::Down => {
                    choose.picker.down();
                    Answer::Open
                }
                Action::Confirm => match choose.picker.current_id() {
                    Some(id) => Answer::Chosen(choose.pending.clone(), id),
                    None => Answer::Closed(None),
                },
                Action::Cancel => Answer::Closed(None),
                _ => Answer::Open,
            },
            Modal::Confirm(confirm) => match action {
                Action::Confirm => Answer::Chosen(confirm.pending.clone(), String::new()),
                Action::Cancel => Answer::Closed(Some("Nothing was changed.".into())),
                _ => Answer::Open,
            },
            Modal::Prompt(prompt) => match action {
                Action::Confirm => {
                    Answer::Chosen(prompt.pending.clone(), prompt.input.text.trim().into())
                }
                Action::Cancel => Answer::Closed(None),
                _ => Answer::Open,
            },
        }
    }
}
