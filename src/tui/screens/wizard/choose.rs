//! Choosing what the wizard makes: a draft to carry on with, or an ICP, a
//! persona or an interview; then its template and, for a persona, its ICP.

use super::fill::Fill;
use crate::domain::Kind;
use crate::domain::TemplateKind;
use crate::domain::wizard::{INTERVIEW_TEMPLATE, Subject, Wizard, interview_template};
use crate::store::drafts::DraftFile;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::out::Out;
use crate::tui::screens::drafts::describe;
use crate::tui::widgets::picker::{Choice, Look, Picker};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    What,
    Template,
    Icp,
}

pub struct Choose {
    pub step: Step,
    pub what: Kind,
    pub icp: Option<String>,
    pub template: Option<String>,
    pub picker: Picker,
}

/// What a key in the choice led to.
pub enum Chosen {
    Stay(Vec<Out>),
    Start(Box<Fill>),
    Resume(DraftFile),
}

const DRAFT: &str = "draft:";

fn kind_of(id: &str) -> Kind {
    match id {
        "icp" => Kind::Icp,
        "persona" => Kind::Persona,
        _ => Kind::Interview,
    }
}

fn template_kind(what: Kind) -> TemplateKind {
    if what == Kind::Icp {
        TemplateKind::Icp
    } else {
        TemplateKind::Persona
    }
}

/// The drafts worth offering: readable, with something in them.
fn offered<'a>(ctx: &'a Ctx) -> Vec<&'a DraftFile> {
    ctx.drafts
        .iter()
        .filter(|d| d.snapshot.is_ok() && !d.is_empty())
        .collect()
}

impl Choose {
    /// The first choice: drafts to carry on with, then the three kinds; a
    /// persona (in `icp`) is preselected when an ICP is.
    pub fn new(icp: Option<String>, ctx: &Ctx) -> Choose {
        let mut choices: Vec<Choice> = offered(ctx)
            .into_iter()
            .map(|d| {
                let c = describe(d);
                Choice::new(
                    format!("{DRAFT}{}", d.name),
                    format!("Carry on: {}", c.label),
                )
                .detail(format!("Unsaved draft: {}", c.detail))
            })
            .collect();
        let persona = match icp.as_deref().and_then(|i| ctx.workspace.icp(i)) {
            Some(icp) => format!("A persona in “{}”", icp.name),
            None => "A persona".to_string(),
        };
        choices.push(Choice::new("icp", "An ICP (Ideal Customer Profile)").detail(
            "The kind of company that gets the most value from you: firmographics, tools, triggers, fit.",
        ));
        choices.push(Choice::new("persona", persona).detail(
            "A semi-fictional person inside an ICP account: the decision-maker, influencer or user.",
        ));
        choices.push(
            Choice::new("interview", "An interview")
                .detail("Who you talked to, when, and where the notes come from."),
        );
        let preselect = choices
            .iter()
            .position(|c| c.id == if icp.is_some() { "persona" } else { "icp" });
        Choose {
            step: Step::What,
            what: Kind::Icp,
            icp,
            template: None,
            picker: Picker::new(choices, Look::Pointer).select(preselect),
        }
    }

    /// Whether the choice under the cursor is a draft to carry on with
    /// (it may be editing any card).
    pub fn on_draft(&self) -> bool {
        self.step == Step::What
            && (self.picker.current_id()).is_some_and(|id| id.starts_with(DRAFT))
    }

    /// The question of the current step.
    pub fn heading(&self) -> &'static str {
        match self.step {
            Step::What => "What do you want to make?",
            Step::Template => "Which template should the questions come from?",
            Step::Icp => "Which ICP is this persona part of?",
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Chosen {
        match action {
            Action::Up => self.picker.up(),
            Action::Down => self.picker.down(),
            Action::Back => {
                return Chosen::Stay(vec![Out::Back, Out::say("No new item was made.")]);
            }
            Action::Open => {
                let Some(id) = self.picker.current_id() else {
                    return Chosen::Stay(vec![Out::warn(match self.step {
                        Step::Template => {
                            "There is no template for this; add one under templates/."
                        }
                        _ => "There is no ICP yet: make one first (n, then ICP).",
                    })]);
                };
                match self.step {
                    Step::What => {
                        if let Some(name) = id.strip_prefix(DRAFT) {
                            let found = ctx.drafts.iter().find(|d| d.name == name);
                            return match found {
                                Some(d) => Chosen::Resume(d.clone()),
                                None => Chosen::Stay(Vec::new()),
                            };
                        }
                        self.what = kind_of(&id);
                        if self.what != Kind::Persona {
                            self.icp = None;
                        }
                        if self.what == Kind::Persona && ctx.workspace.icps.is_empty() {
                            return Chosen::Stay(vec![Out::warn(
                                "A persona lives inside an ICP, and there is none yet: make the ICP first.",
                            )]);
                        }
                    }
                    Step::Template => self.template = Some(id),
                    Step::Icp => self.icp = Some(id),
                }
                return self.advance(ctx);
            }
            _ => {}
        }
        Chosen::Stay(Vec::new())
    }

    /// On to the next choice still open, or the questions.
    pub fn advance(&mut self, ctx: &Ctx) -> Chosen {
        let ws = ctx.workspace;
        if self.what != Kind::Interview && self.template.is_none() {
            self.step = Step::Template;
            let choices = ws
                .templates
                .iter()
                .filter(|t| t.kind == template_kind(self.what) && t.id != INTERVIEW_TEMPLATE)
                .map(|t| {
                    Choice::new(&t.id, format!("{} ({})", t.name, t.id)).detail(&t.description)
                })
                .collect();
            self.picker = Picker::new(choices, Look::Pointer);
            return Chosen::Stay(Vec::new());
        }
        if self.what == Kind::Persona && self.icp.is_none() {
            self.step = Step::Icp;
            let choices = ws
                .icps
                .iter()
                .map(|i| {
                    let n = ws.personas_of(&i.id).count();
                    Choice::new(&i.id, &i.name).detail(format!(
                        "{} so far",
                        crate::tui::text::count(n, "persona", "personas")
                    ))
                })
                .collect();
            self.picker = Picker::new(choices, Look::Pointer);
            return Chosen::Stay(Vec::new());
        }
        let (template, subject) = match self.what {
            Kind::Interview => {
                let icps: Vec<String> = ws.icps.iter().map(|i| i.id.clone()).collect();
                (interview_template(&icps), Subject::Interview)
            }
            kind => {
                let id = self.template.clone().unwrap_or_default();
                let Some(t) = ws.template(&id).cloned() else {
                    return Chosen::Stay(vec![Out::warn(format!("There is no template `{id}`."))]);
                };
                let subject = if kind == Kind::Icp {
                    Subject::Icp
                } else {
                    Subject::Persona {
                        icp: self.icp.clone().unwrap_or_default(),
                    }
                };
                (t, subject)
            }
        };
        Chosen::Start(Box::new(Fill::new(
            Wizard::new(template, subject),
            ctx,
            None,
        )))
    }
}
