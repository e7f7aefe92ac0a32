//! Filling in the answers: one question at a time, the field editor around
//! the wizard's rules, moving between questions, citing quotes, the
//! review and the list of every question.

use super::drafts::DraftState;
use super::evidence::{self, Quote};
use crate::domain::Fields;
use crate::domain::wizard::{Subject, Wizard};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keys::Context;
use crate::tui::out::Out;
use crate::tui::text::sentence;
use crate::tui::widgets::field::FieldEditor;
use crate::tui::widgets::input::LineInput;
use ratatui::crossterm::event::KeyEvent;
use std::borrow::Cow;

/// Leaving the wizard, when there are unsaved answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaving {
    No,
    /// Esc was pressed once; a second Esc leaves.
    Asked,
    /// The draft is being written; the wizard closes once it is.
    Writing,
    /// The same, then the app quits.
    Quitting,
    /// The draft could not be written: the wizard stays open.
    Failed,
}

pub struct Fill {
    pub wizard: Wizard,
    /// The answers when the wizard opened (or the draft was resumed): what
    /// counts as no change.
    pub start: Fields,
    pub draft: DraftState,
    pub editor: FieldEditor,
    pub evidence_focus: bool,
    pub filter: LineInput,
    pub filtering: bool,
    pub quote: usize,
    pub error: Option<String>,
    pub overview: Option<usize>,
    pub scroll: u16,
    pub leaving: Leaving,
    /// Quitting was asked for once after the draft failed: again quits.
    pub quit_armed: bool,
}

fn editor_for(wizard: &Wizard) -> FieldEditor {
    match wizard.current() {
        Some(field) => FieldEditor::for_field(field, wizard.items()),
        None => FieldEditor::Line(LineInput::default()),
    }
}

impl Fill {
    /// A wizard on screen; `draft` is the draft it was resumed from.
    pub fn new(wizard: Wizard, ctx: &Ctx, draft: Option<String>) -> Fill {
        let draft = DraftState::new(&wizard, ctx, draft);
        Fill {
            editor: editor_for(&wizard),
            start: wizard.answers().clone(),
            wizard,
            draft,
            evidence_focus: false,
            filter: LineInput::default(),
            filtering: false,
            quote: 0,
            error: None,
            overview: None,
            scroll: 0,
            leaving: Leaving::No,
            quit_armed: false,
        }
    }

    /// A new editor for the field the wizard is now on.
    pub fn reload(&mut self) {
        self.editor = editor_for(&self.wizard);
        self.quote = 0;
        self.scroll = 0;
        self.evidence_focus = false;
    }

    pub fn context(&self) -> Context {
        if self.overview.is_some() {
            Context::WizardOverview
        } else if self.wizard.at_review() {
            Context::WizardReview
        } else if self.evidence_focus && self.filtering {
            Context::WizardFilter
        } else if self.evidence_focus {
            Context::WizardEvidence
        } else if self.editor.is_long() {
            Context::WizardText
        } else {
            Context::Wizard
        }
    }

    /// The wizard as it would be saved now: with an item typed in a list
    /// but not yet added (a copy only then: answers can be long).
    pub fn current(&self) -> Cow<'_, Wizard> {
        match self.editor.pending_item(self.wizard.items().len()) {
            Some(typed) => {
                let mut wizard = self.wizard.clone();
                let _ = wizard.add_item(&typed);
                Cow::Owned(wizard)
            }
            None => Cow::Borrowed(&self.wizard),
        }
    }

    /// The answers differ from when the wizard opened.
    pub fn changed(&self) -> bool {
        self.current().answers() != &self.start
    }

    /// Hands the editor's text to the wizard (a list's typed item is added);
    /// false (with the message shown) when it is not acceptable.
    fn commit(&mut self) -> bool {
        if self.wizard.at_review() {
            return true;
        }
        let result = self
            .editor
            .commit(&mut self.wizard)
            .and_then(|()| self.editor.add_pending(&mut self.wizard));
        match result {
            Ok(()) => true,
            Err(e) => {
                self.error = Some(sentence(&e.to_string()));
                false
            }
        }
    }

    /// Commits and moves somewhere else with `go`.
    fn go(&mut self, go: impl FnOnce(&mut Wizard)) -> bool {
        if !self.commit() {
            return false;
        }
        go(&mut self.wizard);
        self.reload();
        true
    }

    /// A key typed into the answer (or the evidence filter).
    pub fn typed(&mut self, key: &KeyEvent) -> Vec<Out> {
        if self.evidence_focus {
            if self.filtering && self.filter.handle(key) {
                self.quote = 0;
            }
            return Vec::new();
        }
        if self.editor.handle(key, self.wizard.items()) {
            // A half-typed answer may not be valid yet: errors show when
            // moving on, not on every key.
            let _ = self.editor.commit(&mut self.wizard);
            self.error = None;
            return self.user_changed();
        }
        Vec::new()
    }

    pub fn paste(&mut self, pasted: &str) -> Vec<Out> {
        if self.evidence_focus {
            if self.filtering {
                self.filter.insert(pasted);
                self.quote = 0;
            }
            return Vec::new();
        }
        if self.wizard.at_review() || self.overview.is_some() {
            return Vec::new();
        }
        if self.editor.paste(pasted) {
            let _ = self.editor.commit(&mut self.wizard);
            return self.user_changed();
        }
        Vec::new()
    }

    /// After a change by the user: a second Esc is needed again, and the
    /// draft is shelved for the timed write.
    fn user_changed(&mut self) -> Vec<Out> {
        if self.leaving == Leaving::Asked {
            self.leaving = Leaving::No;
        }
        vec![self.shelve()]
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let context = self.context();
        let quotes = evidence::quotes(ctx, self);
        self.error = None;
        if action != Action::Back && self.leaving == Leaving::Asked {
            self.leaving = Leaving::No;
        }
        let mut out = Vec::new();
        let mut user_change = false;
        match (context, action) {
            (Context::WizardOverview, Action::Up) => {
                self.overview = self.overview.map(|s| s.saturating_sub(1));
            }
            (Context::WizardOverview, Action::Down) => {
                let last = self.wizard.steps().len();
                self.overview = self.overview.map(|s| (s + 1).min(last));
            }
            (Context::WizardOverview, Action::Open) => {
                if let Some(step) = self.overview.take() {
                    self.wizard.jump(step);
                    self.reload();
                }
            }
            (Context::WizardOverview, _) => self.overview = None,
            (_, Action::Overview) => {
                let _ = self.commit();
                self.overview = Some(self.wizard.step_index());
            }
            (Context::WizardReview, Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            (Context::WizardReview, Action::Down) => self.scroll = self.scroll.saturating_add(1),
            (Context::WizardReview, Action::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            (Context::WizardReview, Action::PageDown) => {
                self.scroll = self.scroll.saturating_add(10)
            }
            (Context::WizardReview, Action::Save) => return self.save(ctx),
            (_, Action::Save) => {
                user_change = self.go(|w| w.jump(usize::MAX));
            }
            (Context::WizardFilter | Context::WizardEvidence, Action::Up) => {
                self.quote = self.quote.saturating_sub(1)
            }
            (Context::WizardFilter | Context::WizardEvidence, Action::Down) => {
                self.quote = (self.quote + 1).min(quotes.len().saturating_sub(1))
            }
            (Context::WizardFilter, Action::Open) => self.filtering = false,
            (Context::WizardFilter, Action::ClearFilter) => {
                self.filter = LineInput::default();
                self.filtering = false;
                self.quote = 0;
            }
            (_, Action::Filter) => self.filtering = true,
            (_, Action::SwitchPane) => {
                if self.evidence_focus {
                    self.evidence_focus = false;
                } else if self.wizard.subject == Subject::Interview {
                    self.error = Some("Interview details have no quotes to cite.".into());
                } else {
                    self.evidence_focus = true;
                }
            }
            (_, Action::Cite | Action::QuoteAsItem) => {
                let Some(q) = quotes.get(self.quote) else {
                    self.error =
                        Some("No quote is picked: there are none for this question.".into());
                    return Vec::new();
                };
                let _ = self.commit();
                let said = self.cite(action, q);
                user_change = said.is_some();
                out.extend(said.map(Out::Say));
            }
            (_, Action::Next) => user_change = self.next(),
            (_, Action::Previous) => user_change = self.go(Wizard::back),
            (_, Action::Skip) => user_change = self.go(Wizard::skip),
            (_, Action::MoveItemUp | Action::MoveItemDown) => {
                let count = self.wizard.items().len();
                if self.editor.editing_item(count) {
                    let at = self.editor.target_item(count);
                    let to = self.wizard.move_item(at, action == Action::MoveItemUp);
                    self.editor.select_item(to);
                    user_change = true;
                } else {
                    self.error = Some("Pick an item with ↑/↓ first, then move it.".into());
                }
            }
            (_, Action::RemoveItem) => {
                let count = self.wizard.items().len();
                if self.editor.editing_item(count) {
                    let at = self.editor.target_item(count);
                    self.wizard.remove_item(at);
                    self.editor.stop_editing_item(self.wizard.items().len());
                    user_change = true;
                } else {
                    self.error =
                        Some("Pick an item with ↑/↓ first, then Ctrl-d removes it.".into());
                }
            }
            (_, Action::Back) => {
                let count = self.wizard.items().len();
                if self.editor.editing_item(count) {
                    self.editor.stop_editing_item(count);
                } else {
                    return self.leave();
                }
            }
            _ => {}
        }
        if user_change {
            out.extend(self.user_changed());
        }
        out
    }

    /// Enter (or Ctrl-n): in a list, adds what is typed; in a range, goes
    /// from the first end to the second; else on to the next question.
    fn next(&mut self) -> bool {
        if let FieldEditor::Range { min, max, on_max } = &mut self.editor
            && !*on_max
            && !(min.text.trim().is_empty() && max.text.trim().is_empty())
        {
            *on_max = true;
            return false;
        }
        match self.editor.enter_item(&mut self.wizard) {
            Ok(true) => true,
            Err(e) => {
                self.error = Some(sentence(&e.to_string()));
                false
            }
            Ok(false) => {
                if !self.commit() {
                    return false;
                }
                match self.wizard.next() {
                    Ok(()) => {
                        self.reload();
                        true
                    }
                    Err(e) => {
                        self.error = Some(format!(
                            "{} Type one, or Ctrl-k skips it for now.",
                            sentence(&e.to_string())
                        ));
                        false
                    }
                }
            }
        }
    }

    /// Cites the picked quote for the current answer, or adds its words as
    /// an answer citing it; returns what to say.
    fn cite(&mut self, action: Action, q: &Quote) -> Option<String> {
        let citation = q.citation.clone();
        if action == Action::Cite {
            let target = self.editor.target_item(self.wizard.items().len());
            match self.wizard.cite(target, citation.clone()) {
                Ok(true) => Some(format!("Cited {citation} for answer {}.", target + 1)),
                Ok(false) => Some(format!("Took back the citation of {citation}.")),
                Err(e) => {
                    self.error = Some(sentence(&e.to_string()));
                    None
                }
            }
        } else {
            match self.wizard.add_quote_as_item(citation.clone(), &q.words) {
                Ok(at) => {
                    let focus = self.evidence_focus;
                    self.reload();
                    self.evidence_focus = focus;
                    self.editor.select_item(self.wizard.items().len());
                    Some(format!(
                        "Added the quote as answer {}, citing {citation}.",
                        at + 1
                    ))
                }
                Err(e) => {
                    self.error = Some(sentence(&e.to_string()));
                    None
                }
            }
        }
    }

    /// The review's save: the entity, or the first question still missing.
    fn save(&mut self, ctx: &Ctx) -> Vec<Out> {
        match self
            .wizard
            .finish(ctx.workspace, crate::domain::now(), ctx.today)
        {
            Ok(entity) => vec![Out::Do(Effect::SaveWizard {
                entity,
                draft: self.draft.written(),
            })],
            Err(e) => {
                let field = e.field().to_string();
                let message = format!("{} Answer it, then Ctrl-s again.", sentence(&e.to_string()));
                let _ = self.wizard.jump_to(&field);
                self.reload();
                self.error = Some(message);
                Vec::new()
            }
        }
    }
}
