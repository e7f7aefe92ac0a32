//! Carrying out what a screen asked for: going to another screen (or back),
//! a popup, a message, the draft shelf, and effects for the runtime.

use super::{App, Screen};
use crate::domain::Kind;
use crate::tui::effect::Effect;
use crate::tui::out::{Nav, Out};
use crate::tui::screens::card::CardState;
use crate::tui::screens::conflicts::ConflictsState;
use crate::tui::screens::customers::CustomersState;
use crate::tui::screens::drafts::DraftsState;
use crate::tui::screens::history::HistoryState;
use crate::tui::screens::interview::InterviewState;
use crate::tui::screens::interviews::InterviewsState;
use crate::tui::screens::outreach::OutreachState;
use crate::tui::screens::preview::PreviewState;
use crate::tui::screens::problems::ProblemsState;
use crate::tui::screens::scoring::ScoringState;
use crate::tui::screens::tally::TallyState;
use crate::tui::screens::wizard::WizardState;

/// Effects after which the last delete can no longer be undone.
fn changes_workspace(effect: &Effect) -> bool {
    !matches!(
        effect,
        Effect::Export { .. }
            | Effect::WriteDraft(_)
            | Effect::RemoveDraft(_)
            | Effect::EditNotes { .. }
            | Effect::CreateWorkspace { .. }
            | Effect::LoadOutreach { .. }
            | Effect::SaveOutreach { .. }
            | Effect::EditOutreach { .. }
            | Effect::Scan
            | Effect::History(_)
            | Effect::PreviewCustomers { .. }
            | Effect::OpenScoring { .. }
            | Effect::SaveScoring { .. }
            | Effect::ReadLeads { .. }
    )
}

/// What a screen needs done as it opens (reading its files).
fn first_effects(screen: &Screen) -> Vec<Effect> {
    match screen {
        Screen::Outreach(s) => s.first_effects(),
        _ => Vec::new(),
    }
}

impl App {
    /// Carries out `out` in order; returns the effects for the runtime.
    pub(super) fn apply(&mut self, out: Vec<Out>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for o in out {
            match o {
                Out::Do(effect) => {
                    if changes_workspace(&effect) {
                        self.undo = None;
                    }
                    effects.push(effect);
                }
                Out::Say(text) => self.say(text),
                Out::Warn(text) => self.warn(text),
                Out::Go(nav) => {
                    if let Some(screen) = self.open(nav) {
                        effects.extend(first_effects(&screen));
                        self.screen = screen;
                    }
                }
                Out::Push(nav) => {
                    if let Some(screen) = self.open(nav) {
                        effects.extend(first_effects(&screen));
                        let under = std::mem::replace(&mut self.screen, screen);
                        self.stack.push(under);
                    }
                }
                Out::Back => self.back(),
                Out::Open(modal) => self.modal = Some(modal),
                Out::Shelve(draft) => {
                    if let Ok(mut shelf) = self.shelf.lock() {
                        *shelf = draft;
                    }
                    self.draft_version += 1;
                }
            }
        }
        effects
    }

    /// The screen `nav` leads to, or `None` (with the reason said).
    pub(super) fn open(&mut self, nav: Nav) -> Option<Screen> {
        let screen = match nav {
            Nav::Browse => {
                self.stack.clear();
                Screen::Browse
            }
            Nav::Card(entity) => Screen::Card(CardState::new(entity)),
            Nav::Preview {
                title,
                markdown,
                entity,
            } => Screen::Preview(PreviewState::new(title, &markdown, entity)),
            Nav::Interviews { selected } => {
                Screen::Interviews(InterviewsState::new(&self.workspace, selected))
            }
            Nav::Interview { id, highlight } => {
                match InterviewState::open(&self.workspace, &id, highlight.as_deref()) {
                    Ok((state, out)) => {
                        self.apply(out);
                        Screen::Interview(Box::new(state))
                    }
                    Err(e) => {
                        self.warn(e);
                        return None;
                    }
                }
            }
            Nav::Tally => Screen::Tally(TallyState::default()),
            Nav::Outreach { persona } => Screen::Outreach(Box::new(OutreachState::new(&persona))),
            Nav::Problems => Screen::Problems(ProblemsState::default()),
            Nav::Conflicts { path, text } => {
                Screen::Conflicts(Box::new(ConflictsState::new(path, text)))
            }
            Nav::History { entity, history } => Screen::History(HistoryState::new(entity, history)),
            Nav::TallyOf { icp } => Screen::Tally(TallyState {
                icp: Some(icp),
                scroll: 0,
            }),
            Nav::Customers { icp } => {
                let Some(found) = self.workspace.icp(&icp) else {
                    self.warn(format!("There is no ICP `{icp}`."));
                    return None;
                };
                Screen::Customers(CustomersState::new(found))
            }
            Nav::Insights => Screen::Insights(Default::default()),
            Nav::Scoring { icp, file } => Screen::Scoring(Box::new(ScoringState::new(icp, file))),
            Nav::Drafts => {
                let offered: Vec<_> = self
                    .drafts
                    .iter()
                    .filter(|d| !d.is_empty())
                    .cloned()
                    .collect();
                if offered.is_empty() {
                    self.say("There are no unsaved drafts.");
                    return None;
                }
                Screen::Drafts(DraftsState::new(offered))
            }
            Nav::Wizard(start) => match WizardState::open(start, &ctx!(self)) {
                Ok((state, out)) => {
                    self.apply(out);
                    Screen::Wizard(Box::new(state))
                }
                Err(e) => {
                    self.warn(crate::tui::text::sentence(&e));
                    return None;
                }
            },
        };
        Some(screen)
    }

    /// Back to the screen underneath (browse when there is none), skipping
    /// any that show something no longer in the workspace.
    pub(super) fn back(&mut self) {
        self.screen = self.stack.pop().unwrap_or(Screen::Browse);
        while !self.still_there(&self.screen) {
            self.screen = self.stack.pop().unwrap_or(Screen::Browse);
        }
    }

    /// Whether a screen's subject is still in the workspace.
    pub(super) fn still_there(&self, screen: &Screen) -> bool {
        let ws = &self.workspace;
        match screen {
            Screen::Card(card) => ws.contains(&card.entity),
            Screen::Preview(p) => ws.contains(&p.entity),
            Screen::History(h) => ws.contains(&h.entity),
            Screen::Interview(s) => s.id.is_empty() || ws.interview(&s.id).is_some(),
            Screen::Customers(s) => ws.icp(&s.icp).is_some(),
            Screen::Scoring(s) => ws.icp(&s.icp).is_some(),
            _ => true,
        }
    }

    /// After a save from the wizard: the card of what was saved (or the
    /// interview's notes), over what the wizard was opened from.
    pub(super) fn wizard_saved(&mut self, saved: Option<crate::domain::EntityRef>) {
        if let Ok(mut shelf) = self.shelf.lock() {
            *shelf = None;
        }
        if let Some(name) = match &self.screen {
            Screen::Wizard(w) => w.draft(),
            _ => None,
        } {
            self.drafts.retain(|d| d.name != name);
        }
        self.back();
        let Some(entity) = saved else {
            return;
        };
        let there = match &self.screen {
            Screen::Card(card) => card.entity == entity,
            Screen::Interview(s) => entity.kind == Kind::Interview && s.id == entity.id,
            _ => false,
        };
        if there {
            return;
        }
        let nav = if entity.kind == Kind::Interview {
            Nav::Interview {
                id: entity.id,
                highlight: None,
            }
        } else {
            Nav::Card(entity)
        };
        let out = vec![Out::Push(nav)];
        self.apply(out);
    }
}

impl App {
    /// `persona new ...`: the wizard for a new item, straight away; an
    /// `Err` (an unknown ICP or template) is one sentence.
    pub fn open_wizard(
        &mut self,
        what: Kind,
        icp: Option<String>,
        template: Option<String>,
    ) -> Result<(), String> {
        // With cards on demand, the wizard offers every interview's quotes
        // and asks the templates' questions: those are read first.
        if !self.fetch_quotes() {
            return Err(
                "workspace.toml could not be read, so the wizard did not open; `persona validate` says what is wrong."
                    .into(),
            );
        }
        let start = crate::tui::out::WizardStart::New {
            what,
            icp,
            template,
        };
        let (state, out) = WizardState::open(start, &ctx!(self))?;
        self.screen = Screen::Wizard(Box::new(state));
        self.stack.clear();
        self.apply(out);
        Ok(())
    }
}
