//! The wizard screen: choose what to make (and its template and ICP), then
//! one question at a time with the interview quotes that feed it beside it,
//! then a review of the whole card and an atomic save. All the rules live
//! in [`crate::domain::wizard`]; this wraps widgets around them.
//!
//! One job per file: [`choose`] the first choices, [`fill`] the questions,
//! [`evidence`] the quotes to cite, [`drafts`] the draft, [`draw`] the
//! drawing, [`keys`] the key tables.

pub mod choose;
pub mod drafts;
mod draw;
pub mod evidence;
pub mod fill;
mod keys;

pub use keys::KEYS;

use crate::domain::wizard::{Entity, Subject, Wizard, interview_template};
use crate::domain::{Kind, TemplateKind};
use crate::store::StoreError;
use crate::store::drafts::DraftFile;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::keys::Context;
use crate::tui::modal::Pending;
use crate::tui::out::{Out, WizardStart};
use crate::tui::widgets::{field, input};
use choose::{Choose, Chosen};
use fill::{Fill, Leaving};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub struct WizardState {
    pub phase: Phase,
}

pub enum Phase {
    Choose(Choose),
    Fill(Box<Fill>),
}

fn icp_ids(ctx: &Ctx) -> Vec<String> {
    ctx.workspace.icps.iter().map(|i| i.id.clone()).collect()
}

impl WizardState {
    /// The wizard for `start`, and what to say; an `Err` is one sentence
    /// (for `persona new` from the shell, which then does not start).
    pub fn open(start: WizardStart, ctx: &Ctx) -> Result<(WizardState, Vec<Out>), String> {
        let ws = ctx.workspace;
        let fill = |fill: Fill| {
            Ok((
                WizardState {
                    phase: Phase::Fill(Box::new(fill)),
                },
                Vec::new(),
            ))
        };
        match start {
            WizardStart::Choose { icp } => Ok((
                WizardState {
                    phase: Phase::Choose(Choose::new(icp, ctx)),
                },
                Vec::new(),
            )),
            WizardStart::New {
                what,
                icp,
                template,
            } => {
                check_new(ctx, what, icp.as_deref(), template.as_deref())?;
                let mut choose = Choose::new(icp.clone(), ctx);
                choose.what = what;
                choose.template = template;
                match choose.advance(ctx) {
                    Chosen::Start(f) => fill(*f),
                    Chosen::Stay(out) => Ok((
                        WizardState {
                            phase: Phase::Choose(choose),
                        },
                        out,
                    )),
                    Chosen::Resume(_) => Err("nothing to resume".into()),
                }
            }
            WizardStart::Edit { entity, at } => {
                let (found, template) = match entity.kind {
                    Kind::Icp => (
                        ws.icp(&entity.id).cloned().map(Entity::Icp),
                        ws.icp(&entity.id)
                            .map(|i| ws.template(&i.template).cloned()),
                    ),
                    Kind::Persona => (
                        ws.persona(&entity.id).cloned().map(Entity::Persona),
                        ws.persona(&entity.id)
                            .map(|p| ws.template(&p.template).cloned()),
                    ),
                    _ => (
                        ws.interview(&entity.id).cloned().map(Entity::Interview),
                        Some(Some(interview_template(&icp_ids(ctx)))),
                    ),
                };
                let Some(found) = found else {
                    return Err(format!("{entity} is no longer in the workspace"));
                };
                let Some(template) = template.flatten() else {
                    return Err(format!(
                        "the template `{}` of this card was not found, so the wizard cannot ask its questions",
                        found_template(&found)
                    ));
                };
                let mut wizard = Wizard::edit(template, found);
                if let Some(at) = at {
                    let _ = wizard.jump_to(&at);
                }
                fill(Fill::new(wizard, ctx, None))
            }
            WizardStart::Resume(file) => resume(ctx, file),
        }
    }

    pub fn context(&self) -> Context {
        match &self.phase {
            Phase::Choose(_) => Context::WizardChoose,
            Phase::Fill(f) => f.context(),
        }
    }

    /// The questions being answered, once chosen.
    pub fn fill(&self) -> Option<&Fill> {
        match &self.phase {
            Phase::Fill(f) => Some(f),
            Phase::Choose(_) => None,
        }
    }

    pub fn fill_mut(&mut self) -> Option<&mut Fill> {
        match &mut self.phase {
            Phase::Fill(f) => Some(f),
            Phase::Choose(_) => None,
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        match &mut self.phase {
            Phase::Choose(choose) => match choose.update(action, ctx) {
                Chosen::Stay(out) => out,
                Chosen::Start(fill) => {
                    self.phase = Phase::Fill(fill);
                    Vec::new()
                }
                Chosen::Resume(file) => match resume(ctx, file) {
                    Ok((state, out)) => {
                        *self = state;
                        out
                    }
                    Err(e) => vec![Out::warn(format!("Cannot resume: {e}."))],
                },
            },
            Phase::Fill(fill) => fill.update(action, ctx),
        }
    }

    pub fn typed(&mut self, key: &KeyEvent) -> Vec<Out> {
        match self.fill_mut() {
            Some(fill) => fill.typed(key),
            None => Vec::new(),
        }
    }

    pub fn paste(&mut self, text: &str) -> Vec<Out> {
        match self.fill_mut() {
            Some(fill) => fill.paste(text),
            None => Vec::new(),
        }
    }

    /// A popup opened from the wizard was answered.
    pub fn finish(&mut self, pending: Pending) -> Vec<Out> {
        match pending {
            Pending::LeaveUnkept => vec![
                Out::Shelve(None),
                Out::Back,
                Out::warn("Left the wizard without keeping the answers."),
            ],
            _ => Vec::new(),
        }
    }

    /// The editing keys of what is being typed into, for the help.
    pub fn typing_help(&self) -> Vec<(String, &'static str)> {
        match self.fill() {
            Some(f) if f.evidence_focus => input::help(),
            Some(f) => f.editor.help(),
            None => field::FieldEditor::Line(Default::default()).help(),
        }
    }

    /// Unsaved answers, which leaving or quitting would write to a draft.
    pub fn unsaved(&self) -> bool {
        self.fill().is_some_and(|f| f.changed())
    }

    /// Quitting: `true` when the app may quit now; else the draft is being
    /// written first.
    pub fn quit(&mut self) -> (bool, Vec<Out>) {
        match self.fill_mut() {
            Some(fill) => fill.quit(),
            None => (true, Vec::new()),
        }
    }

    /// Writes the draft (when there are unsaved answers) and leaves once it
    /// is written: the file changed on disk and the user took theirs.
    pub fn leave_for_reload(&mut self) -> Vec<Out> {
        match self.fill_mut() {
            Some(fill) if fill.changed() => fill.write(Leaving::Writing),
            _ => vec![Out::Shelve(None), Out::Back],
        }
    }

    /// The draft write came back; `true` when the app should now quit.
    pub fn drafted(&mut self, result: Result<String, StoreError>) -> (Vec<Out>, bool) {
        match self.fill_mut() {
            Some(fill) => fill.drafted(result),
            None => (Vec::new(), false),
        }
    }

    /// The draft this wizard wrote or resumed, if any.
    pub fn draft(&self) -> Option<String> {
        self.fill().and_then(|f| f.draft.written())
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        match &self.phase {
            Phase::Choose(c) => draw::choose(ctx, c, f, area),
            Phase::Fill(fill) => draw::fill(ctx, fill, f, area),
        }
    }
}

fn found_template(entity: &Entity) -> &str {
    match entity {
        Entity::Icp(x) => &x.template,
        Entity::Persona(x) => &x.template,
        Entity::Interview(_) => "interview",
    }
}

/// `persona new ...`: the ids given must exist.
fn check_new(
    ctx: &Ctx,
    what: Kind,
    icp: Option<&str>,
    template: Option<&str>,
) -> Result<(), String> {
    let ws = ctx.workspace;
    if let Some(icp) = icp
        && ws.icp(icp).is_none()
    {
        return Err(format!("there is no ICP `{icp}` (see `persona list icps`)"));
    }
    if let Some(t) = template {
        let wanted = match what {
            Kind::Icp => Some(TemplateKind::Icp),
            Kind::Persona => Some(TemplateKind::Persona),
            _ => None,
        };
        match ws.template(t) {
            Some(found) if Some(found.kind) == wanted => {}
            Some(_) => {
                return Err(format!(
                    "the template `{t}` is not for a {} (see `persona templates`)",
                    what.label()
                ));
            }
            None => {
                return Err(format!(
                    "there is no template `{t}` (see `persona templates`)"
                ));
            }
        }
    }
    if what == Kind::Persona && ws.icps.is_empty() {
        return Err(
            "a persona lives inside an ICP, and there is none yet: start with `persona new icp`"
                .into(),
        );
    }
    Ok(())
}

/// Carries on with a draft; what no longer fits is said.
fn resume(ctx: &Ctx, file: DraftFile) -> Result<(WizardState, Vec<Out>), String> {
    let ws = ctx.workspace;
    let snapshot = file.snapshot.map_err(|e| format!("{e}; d discards it"))?;
    let template = if snapshot.kind == "interview" {
        interview_template(&icp_ids(ctx))
    } else {
        ws.template(&snapshot.template).cloned().ok_or_else(|| {
            format!(
                "the template `{}` of this draft is gone; add it back, or discard the draft with d",
                snapshot.template
            )
        })?
    };
    let mut notes = Vec::new();
    let base = snapshot.editing.as_deref().and_then(|id| {
        let found = match snapshot.kind.as_str() {
            "icp" => ws.icp(id).cloned().map(Entity::Icp),
            "persona" => ws.persona(id).cloned().map(Entity::Persona),
            _ => ws.interview(id).cloned().map(Entity::Interview),
        };
        if found.is_none() {
            notes.push(format!(
                "The item this draft was editing (`{id}`) is gone; saving makes a new one."
            ));
        }
        found
    });
    if let Ok(Subject::Persona { icp }) = snapshot.subject()
        && ws.icp(&icp).is_none()
    {
        return Err(format!(
            "the ICP `{icp}` of this draft is gone; discard the draft with d"
        ));
    }
    let (wizard, more) = Wizard::restore(&snapshot, template, base)?;
    notes.extend(more);
    let fill = Fill::new(wizard, ctx, Some(file.name));
    let said = if notes.is_empty() {
        Out::say("Draft resumed: carry on where you left off.")
    } else {
        Out::warn(notes.join(" "))
    };
    Ok((
        WizardState {
            phase: Phase::Fill(Box::new(fill)),
        },
        vec![said],
    ))
}
