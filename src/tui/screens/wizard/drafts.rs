//! The wizard's draft: what is typed is shelved after every change (the
//! runner writes it about a second later, the panic hook at once), written
//! when leaving with unsaved answers, and never claimed when it was not
//! written: then the wizard says so and stays open.

use super::fill::{Fill, Leaving};
use crate::domain::wizard::Subject;
use crate::store::StoreError;
use crate::store::drafts::{self, Draft};
use crate::store::layout::DRAFTS;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::modal::{Confirm, Modal, Pending};
use crate::tui::out::Out;
use crate::tui::text::sentence;

/// Where the wizard's draft goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftState {
    /// Its name in `.drafts/`: wanted, or (once `ours`) the one written.
    pub name: String,
    /// The file is this wizard's: written by it, or resumed from it.
    pub ours: bool,
    /// This wizard wrote it (so leaving without changes removes it).
    pub written_here: bool,
}

impl DraftState {
    pub fn new(
        wizard: &crate::domain::wizard::Wizard,
        ctx: &Ctx,
        resumed: Option<String>,
    ) -> DraftState {
        match resumed {
            Some(name) => DraftState {
                name,
                ours: true,
                written_here: false,
            },
            None => {
                let kind = match wizard.subject {
                    Subject::Icp => "icp",
                    Subject::Persona { .. } => "persona",
                    Subject::Interview => "interview",
                };
                let editing = wizard.base.as_ref().map(|e| e.id().to_string());
                let taken: Vec<String> = ctx.drafts.iter().map(|d| d.name.clone()).collect();
                DraftState {
                    name: drafts::name_for(kind, editing.as_deref(), &taken),
                    ours: false,
                    written_here: false,
                }
            }
        }
    }

    /// The draft's name, once there is a file of it.
    pub fn written(&self) -> Option<String> {
        self.ours.then(|| self.name.clone())
    }
}

fn where_kept(name: &str) -> String {
    format!("{DRAFTS}/{name}.toml")
}

impl Fill {
    /// The draft as it is now.
    pub fn draft_now(&self) -> Draft {
        Draft {
            name: self.draft.name.clone(),
            snapshot: self.current().snapshot(jiff::Timestamp::now()),
            ours: self.draft.ours,
        }
    }

    /// Puts the draft on the shelf for the timed write and the panic hook;
    /// nothing when the answers are as they were.
    pub fn shelve(&self) -> Out {
        let current = self.current();
        if current.answers() == &self.start {
            return Out::Shelve(None);
        }
        Out::Shelve(Some(Draft {
            name: self.draft.name.clone(),
            snapshot: current.snapshot(jiff::Timestamp::now()),
            ours: self.draft.ours,
        }))
    }

    /// Esc: leaves at once when nothing changed; asks once more when
    /// something did; then writes the draft and leaves when it is written.
    pub fn leave(&mut self) -> Vec<Out> {
        if !self.changed() {
            let mut out = vec![Out::Shelve(None), Out::Back];
            if self.draft.written_here {
                out.push(Out::Do(Effect::RemoveDraft(self.draft.name.clone())));
            }
            out.push(Out::say(if self.draft.ours && !self.draft.written_here {
                "Left the wizard; the draft is kept as it was."
            } else {
                "Left the wizard; nothing was changed."
            }));
            return out;
        }
        match self.leaving {
            Leaving::No => {
                self.leaving = Leaving::Asked;
                vec![Out::say(
                    "Press Esc again to leave. What you typed stays in a draft, offered by n and w.",
                )]
            }
            Leaving::Failed => vec![Out::Open(Modal::Confirm(Confirm {
                title: "Leave without a draft".into(),
                message: "Your answers could not be kept in a draft. Leave anyway and lose them? (Ctrl-s on the review saves the card instead.)".into(),
                pending: Pending::LeaveUnkept,
            }))],
            _ => self.write(Leaving::Writing),
        }
    }

    /// Writes the draft now; `then` says what happens once it is written.
    pub fn write(&mut self, then: Leaving) -> Vec<Out> {
        self.leaving = then;
        vec![Out::Do(Effect::WriteDraft(self.draft_now()))]
    }

    /// Quitting the app: the draft is written first when there are unsaved
    /// answers (`true`: quit now).
    pub fn quit(&mut self) -> (bool, Vec<Out>) {
        if !self.changed() || self.quit_armed {
            return (true, Vec::new());
        }
        if self.leaving == Leaving::Failed {
            self.quit_armed = true;
            return (
                false,
                vec![Out::warn(
                    "Your answers are not kept in a draft: Ctrl-c again quits without them; Ctrl-s on the review saves the card.",
                )],
            );
        }
        (false, self.write(Leaving::Quitting))
    }

    /// The draft write came back. Leaving or quitting carries on only when
    /// it was written; otherwise the wizard stays open and says why.
    pub fn drafted(&mut self, result: Result<String, StoreError>) -> (Vec<Out>, bool) {
        match result {
            Ok(name) => {
                self.draft.name = name.clone();
                self.draft.ours = true;
                self.draft.written_here = true;
                let kept = where_kept(&name);
                let quit = self.leaving == Leaving::Quitting;
                let out = match std::mem::replace(&mut self.leaving, Leaving::No) {
                    Leaving::Writing => vec![
                        Out::Shelve(None),
                        Out::Back,
                        Out::say(format!(
                            "Left the wizard. Your answers are kept in the draft {kept}; n or w offers it."
                        )),
                    ],
                    Leaving::Quitting => vec![Out::Shelve(None)],
                    // A timed write: the shelf already holds what was
                    // written (the app renames it there).
                    _ => Vec::new(),
                };
                (out, quit)
            }
            Err(e) => {
                let was = std::mem::replace(&mut self.leaving, Leaving::Failed);
                self.quit_armed = was == Leaving::Quitting;
                let advice = match was {
                    Leaving::Quitting => {
                        "Ctrl-s on the review saves the card; Ctrl-c again quits without the answers."
                    }
                    Leaving::Writing => {
                        "Ctrl-s on the review saves the card; Esc again leaves without the answers."
                    }
                    _ => "They are only on screen: Ctrl-s on the review saves the card.",
                };
                let message = format!(
                    "Your answers were NOT kept in a draft ({}). {advice}",
                    e.to_string().trim_end_matches('.')
                );
                self.error = Some(sentence(&message));
                (vec![Out::warn(sentence(&message))], false)
            }
        }
    }
}
