//! Outcomes of effects coming back: the workspace as it now is, a message,
//! a refused save to ask about, a draft written (or not), `$EDITOR` done.

use super::{App, Screen};
use crate::store::patch::Refresh;
use crate::tui::action::Action;
use crate::tui::effect::{Msg, Outcome};
use crate::tui::keys::Context;
use crate::tui::modal::Modal;
use crate::tui::out::{Nav, Out};
use crate::tui::scoring_types::ScoringMsg;

impl App {
    pub fn handle_msg(&mut self, msg: Msg) {
        self.take_msg(msg);
        // A change made on demand may have moved the selection to a card
        // not read in full yet (a renamed persona): read it for the frame.
        self.fetch_shown();
    }

    fn take_msg(&mut self, msg: Msg) {
        match msg {
            Msg::Created(Ok(loaded)) => {
                let demo = !loaded.workspace.icps.is_empty();
                self.screen = Screen::Browse;
                self.stack.clear();
                self.load(loaded, None);
                self.say(if demo {
                    "The demo workspace is ready: press / and type a word such as stock to find a persona."
                } else {
                    "Your workspace is ready. New ICPs and personas come with the wizard (n)."
                });
            }
            Msg::Created(Err(message)) => self.warn(message),
            Msg::Edited { interview, result } => {
                if let Screen::Interview(s) = &mut self.screen {
                    let out = s.edited(&interview, result);
                    self.apply(out);
                }
            }
            Msg::Done(outcome) => {
                // With cards on demand the only work that ends this way is
                // reading every card: when it failed, the next key may ask
                // again (when it worked, the cards are in and this is gone).
                if let Some(cards) = self.on_demand.as_mut() {
                    cards.reading_all = false;
                }
                self.done(outcome)
            }
            Msg::Quotes(loaded) => self.took_quotes(loaded),
            Msg::Outreach(files) => self.outreach(|s, ctx| s.loaded(*files, ctx)),
            Msg::OutreachSaved(result) => self.outreach(|s, ctx| s.saved(result, ctx)),
            Msg::OutreachEdited(result) => self.outreach(|s, ctx| s.edited(result, ctx)),
            Msg::CustomersPreviewed { input, result } => match result {
                // Asked only while the best customers are still on screen.
                Ok(summary) if matches!(self.screen, Screen::Customers(_)) => {
                    self.modal = Some(Modal::Confirm(crate::tui::modal::Confirm {
                        title: "Import these customers?".into(),
                        message: summary,
                        pending: crate::tui::modal::Pending::ConfirmCustomers { input },
                    }));
                }
                Ok(_) => {}
                Err(message) => self.warn(message),
            },
            Msg::Scoring(msg) => self.scoring_msg(msg),
            Msg::Drafted(result) => {
                if let Ok(file) = &result {
                    self.drafts.retain(|d| d.name != file.name);
                    self.drafts.push(file.clone());
                    self.drafts.sort_by(|a, b| a.name.cmp(&b.name));
                    if let Ok(mut shelf) = self.shelf.lock()
                        && let Some(draft) = shelf.as_mut()
                    {
                        draft.name = file.name.clone();
                        draft.ours = true;
                    }
                }
                let Screen::Wizard(wizard) = &mut self.screen else {
                    if let Err(e) = result {
                        self.warn(crate::tui::text::sentence(&e.to_string()));
                    }
                    return;
                };
                let (out, quit) = wizard.drafted(result.map(|f| f.name));
                self.apply(out);
                if quit {
                    self.quit = true;
                }
            }
            Msg::DraftRemoved(Ok(list)) => self.drafts = list,
            Msg::DraftRemoved(Err(e)) => self.warn(crate::tui::text::sentence(&e.to_string())),
            Msg::Scanned(found) => self.scanned(found),
            Msg::Settled {
                path,
                message,
                text,
                reloaded,
                findings,
            } => {
                if let Some(loaded) = reloaded {
                    self.load(loaded, None);
                }
                self.scanned(findings);
                match message {
                    Ok(said) => self.say(said),
                    Err(e) => self.warn(e),
                }
                if let Screen::Conflicts(s) = &mut self.screen
                    && s.path == path
                {
                    match text {
                        Some(text) => s.reopen(text),
                        None => s.reopen(String::new()),
                    }
                    if s.left() == 0 && s.open.is_ok() {
                        self.say(format!(
                            "No conflicts are left in {}.",
                            crate::tui::text::clean(&path)
                        ));
                        self.back();
                    }
                }
            }
            Msg::History { entity, history } => {
                let out = vec![crate::tui::out::Out::Push(crate::tui::out::Nav::History {
                    entity,
                    history,
                })];
                self.apply(out);
            }
        }
    }

    /// What a look through the files found, for the problems panel (on
    /// top or underneath).
    fn scanned(&mut self, found: crate::tui::findings::Findings) {
        for screen in std::iter::once(&mut self.screen).chain(self.stack.iter_mut()) {
            if let Screen::Problems(s) = screen {
                s.findings = Some(found);
                return;
            }
        }
    }

    /// An outcome for the outreach screen, when it is still on top.
    fn outreach(
        &mut self,
        with: impl FnOnce(
            &mut crate::tui::screens::outreach::OutreachState,
            &crate::tui::ctx::Ctx,
        ) -> Vec<crate::tui::out::Out>,
    ) {
        let Screen::Outreach(s) = &mut self.screen else {
            return;
        };
        let out = with(s, &ctx!(self));
        let effects = self.apply(out);
        debug_assert!(effects.is_empty(), "outreach outcomes ask for no effect");
    }

    fn done(&mut self, outcome: Outcome) {
        let Outcome {
            message,
            reloaded,
            trashed,
            select,
            conflict,
        } = outcome;
        if let Some(conflict) = conflict {
            // Nothing was saved and nothing reloaded: ask what to do.
            self.modal = Some(Modal::Conflict(conflict));
            return;
        }
        match reloaded {
            Some(Refresh::Whole(loaded)) => self.load(loaded, select.clone()),
            Some(Refresh::Patch(patch)) => self.patch(patch, select.clone()),
            None => {}
        }
        // Follow renames; leave cards and previews of things that no longer
        // exist.
        let follow = select.filter(|s| self.workspace.contains(s));
        if let (Screen::Card(card), Some(entity)) = (&mut self.screen, &follow)
            && entity.kind == card.entity.kind
        {
            card.entity = entity.clone();
        }
        if matches!(self.screen, Screen::Wizard(_)) {
            if message.is_ok() && follow.is_some() {
                self.wizard_saved(follow);
            }
        } else if !self.still_there(&self.screen) {
            self.back();
        }
        let ws = &self.workspace;
        let mut kept = Vec::new();
        for screen in self.stack.drain(..) {
            let gone = match &screen {
                Screen::Card(card) => !ws.contains(&card.entity),
                Screen::Preview(p) => !ws.contains(&p.entity),
                _ => false,
            };
            if !gone {
                kept.push(screen);
            }
        }
        self.stack = kept;
        match message {
            Ok(text) => {
                if let Some(trashed) = trashed {
                    let key = self
                        .keymaps
                        .key_for(Context::Browse, Action::Undo)
                        .unwrap_or_else(|| "u".into());
                    self.undo = Some(trashed);
                    self.say(format!("{text} Press {key} to undo."));
                } else {
                    self.say(text);
                }
            }
            Err(text) => match text.split_once('\n') {
                // Several lines (every bad file of an import): the first
                // below, all of them in a popup.
                Some((first, _)) if self.modal.is_none() => {
                    self.warn(first.trim_end_matches(':').to_string() + ".");
                    self.modal = Some(Modal::Problems {
                        scroll: 0,
                        report: Some(text),
                    });
                }
                _ => self.warn(text),
            },
        }
    }
}

impl App {
    /// A scoring file read or saved, or a lead file read: for the scoring
    /// screen of that ICP (opened when it is not on top).
    fn scoring_msg(&mut self, msg: ScoringMsg) {
        let on_top = match &mut self.screen {
            Screen::Scoring(s) => Some(s),
            _ => None,
        };
        let out = match (msg, on_top) {
            (
                ScoringMsg::Opened {
                    icp,
                    result: Ok(file),
                },
                Some(s),
            ) if s.icp == icp => s.reloaded(file),
            (
                ScoringMsg::Opened {
                    icp,
                    result: Ok(file),
                },
                _,
            ) => {
                vec![Out::Push(Nav::Scoring { icp, file })]
            }
            (ScoringMsg::Opened { result: Err(e), .. }, _) => vec![Out::Warn(e)],
            (ScoringMsg::Saved { icp, result }, Some(s)) if s.icp == icp => s.saved(result),
            (
                ScoringMsg::Saved {
                    result: Err((e, _)),
                    ..
                },
                _,
            ) => vec![Out::Warn(e)],
            (ScoringMsg::Leads { path, result }, Some(s)) => s.leads_read(path, result),
            _ => Vec::new(),
        };
        self.apply(out);
    }
}
