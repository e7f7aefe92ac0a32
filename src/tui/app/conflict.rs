//! The choices of the file-changed dialog, which depend on the screen
//! below it: reload (the wizard keeps its answers in its draft; unsaved
//! notes are dropped), overwrite, save as a copy, or decide later.

use super::{App, Screen};
use crate::domain::wizard::Entity;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::modal::Modal;
use crate::tui::out::Out;

impl App {
    /// What Reload means on the screen below the dialog.
    pub(super) fn reload_hint(&self) -> &'static str {
        match &self.screen {
            Screen::Wizard(_) => "take theirs; your answers stay in the wizard's draft",
            Screen::Interview(_) => "take theirs; your unsaved changes here are dropped",
            _ => "take theirs",
        }
    }

    /// A choice in the dialog. Every choice closes it.
    pub(super) fn conflict_choice(&mut self, choice: Action) -> Vec<Effect> {
        let Some(Modal::Conflict(conflict)) = self.modal.take() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        match choice {
            Action::Reload => {
                let message = match &mut self.screen {
                    Screen::Wizard(wizard) => {
                        out.extend(wizard.leave_for_reload());
                        "Took the version on disk.".to_string()
                    }
                    Screen::Interview(_) => {
                        out.push(Out::Back);
                        "Took the version on disk; your unsaved changes were dropped.".to_string()
                    }
                    _ => format!(
                        "Took the version of {} on disk.",
                        crate::tui::text::fit(&conflict.path, 80)
                    ),
                };
                out.push(Out::Do(Effect::Reload { message }));
            }
            Action::Overwrite => {
                let draft = match &self.screen {
                    Screen::Wizard(w) => w.draft(),
                    _ => None,
                };
                out.push(Out::Do(Effect::SaveOver {
                    entity: conflict.mine,
                    draft,
                }));
            }
            Action::SaveCopy => {
                let copy = conflict.copy(&self.workspace);
                match &mut self.screen {
                    Screen::Wizard(w) => out.push(Out::Do(Effect::SaveWizard {
                        entity: copy,
                        draft: w.draft(),
                    })),
                    Screen::Interview(s) => {
                        if let Entity::Interview(interview) = copy {
                            s.now_editing(&interview);
                            out.push(Out::Do(Effect::SaveInterview(interview)));
                        }
                    }
                    _ => match copy {
                        Entity::Interview(interview) => {
                            out.push(Out::Do(Effect::SaveInterview(interview)))
                        }
                        Entity::Persona(persona) => out.push(Out::Do(Effect::SavePersona(persona))),
                        // ICPs are saved only by the wizard.
                        Entity::Icp(_) => {}
                    },
                }
            }
            _ => out.push(Out::say("Nothing was saved; saving again asks again.")),
        }
        self.apply(out)
    }
}
