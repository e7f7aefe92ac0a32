//! The outreach screen of one persona: its messaging matrix, its outreach
//! templates (`templates/outreach/`), and each template previewed for a
//! lead: a sample lead, or the real rows of a lead file, one at a time,
//! with the rows that would be skipped and why. The body is edited here
//! (the notes' editor, Tab completing token names from the lead file's
//! columns and the persona's fields) or in `$EDITOR`; `Ctrl-s` saves the
//! file atomically, never over a change made meanwhile.
//!
//! One job per file: this one the state and keys' effects, [`edit`] the
//! editor and token completion, [`draw`] the drawing, [`keys`] the key
//! tables. Files are read and written by the performer
//! ([`crate::tui::outreach_files`]).

mod draw;
mod edit;
mod keys;

pub use keys::KEYS;

use crate::domain::outreach::campaign::Recipients;
use crate::domain::outreach::preview::sample_lead;
use crate::domain::outreach::{Campaign, Lead, Options, Outcome, OutreachTemplate};
use crate::domain::{EntityRef, Kind, Persona};
use crate::store::Problem;
use crate::store::outreach::TemplateFile;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keys::Context;
use crate::tui::modal::{Modal, Pending, Prompt};
use crate::tui::out::{Nav, Out, WizardStart};
use crate::tui::outreach_files::{Leads, OutreachFiles};
use crate::tui::widgets::input::LineInput;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;
use std::path::PathBuf;

/// Unsaved changes to one template.
pub struct Draft {
    pub id: String,
    pub subject: String,
    pub editor: TextArea<'static>,
}

impl Draft {
    pub fn body(&self) -> String {
        self.editor.lines().join("\n")
    }
}

/// How many leads of the file get a message, and why the others do not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub messages: usize,
    pub total: usize,
    /// Reasons shared by skipped leads, most common first.
    pub skipped: Vec<(String, usize)>,
}

pub struct OutreachState {
    pub persona: String,
    /// The templates of the workspace (all of them; [`Self::shown`] are
    /// this persona's); `None` until read.
    pub templates: Option<Vec<TemplateFile>>,
    pub problems: Vec<Problem>,
    /// Which of the persona's templates is on screen.
    pub selected: usize,
    /// The lead file asked for, and its rows once read.
    pub leads_path: Option<PathBuf>,
    pub leads: Option<Leads>,
    /// Which lead is previewed.
    pub lead: usize,
    pub draft: Option<Draft>,
    /// Typing into the body.
    pub typing: bool,
    /// Names the last Tab offered.
    pub completions: Vec<String>,
    pub summary: Option<Summary>,
    pub scroll: u16,
    /// Leaving with unsaved edits was asked for once.
    discard_armed: bool,
    /// A template to select once the files are read (a new one).
    select: Option<String>,
}

/// Whether a template is written for this persona (or for every one).
pub fn is_for(template: &OutreachTemplate, persona: &str) -> bool {
    template.personas.is_empty() || template.personas.iter().any(|p| p == persona)
}

impl OutreachState {
    /// The screen for `persona`; [`Self::first_effects`] reads its files.
    pub fn new(persona: &str) -> OutreachState {
        OutreachState {
            persona: persona.to_string(),
            templates: None,
            problems: Vec::new(),
            selected: 0,
            leads_path: None,
            leads: None,
            lead: 0,
            draft: None,
            typing: false,
            completions: Vec::new(),
            summary: None,
            scroll: 0,
            discard_armed: false,
            select: None,
        }
    }

    /// Reading the templates, as the screen opens.
    pub fn first_effects(&self) -> Vec<Effect> {
        vec![Effect::LoadOutreach {
            leads: self.leads_path.clone(),
        }]
    }

    pub fn context(&self) -> Context {
        if self.typing {
            Context::OutreachEditing
        } else {
            Context::Outreach
        }
    }

    /// This persona's templates, in file order.
    pub fn shown(&self) -> Vec<&TemplateFile> {
        self.templates
            .iter()
            .flatten()
            .filter(|t| is_for(&t.template, &self.persona))
            .collect()
    }

    /// The template on screen as saved.
    pub fn file(&self) -> Option<&TemplateFile> {
        self.shown().get(self.selected).copied()
    }

    /// The template on screen with the unsaved edits.
    pub fn current(&self) -> Option<OutreachTemplate> {
        let file = self.file()?;
        let mut template = file.template.clone();
        if let Some(draft) = self.draft.as_ref().filter(|d| d.id == template.id) {
            template.subject = draft.subject.clone();
            template.body = draft.body();
        }
        Some(template)
    }

    pub fn dirty(&self) -> bool {
        match (self.file(), self.current()) {
            (Some(file), Some(now)) => {
                file.template.subject != now.subject || file.template.body != now.body
            }
            _ => false,
        }
    }

    /// The lead previewed: a row of the lead file, or the sample lead.
    pub fn lead_of(&self, persona: &Persona) -> (Lead, bool) {
        match self.leads.as_ref().and_then(|l| l.rows.get(self.lead)) {
            Some(lead) => (lead.clone(), true),
            None => (sample_lead(persona), false),
        }
    }

    /// The campaign of the template on screen: real leads go through the
    /// match rules; the sample lead is this persona. Tiers need the
    /// scoring's figures, which a preview does not compute.
    pub fn campaign<'a>(
        &self,
        ctx: &'a Ctx,
        template: &'a OutreachTemplate,
        compiled: &'a crate::domain::outreach::Compiled,
        real: bool,
    ) -> Result<Campaign<'a>, String> {
        let options = Options {
            icp: None,
            tiers: Some(Vec::new()),
            persona: (!real).then_some(self.persona.as_str()),
        };
        Campaign::new(ctx.workspace, template, compiled, options)
    }

    /// Counts what the lead file's rows would get (after any change).
    fn refresh(&mut self, ctx: &Ctx) {
        self.summary = None;
        let (Some(leads), Some(template)) = (self.leads.as_ref(), self.current()) else {
            return;
        };
        let Ok(compiled) = template.compile() else {
            return;
        };
        let Ok(campaign) = self.campaign(ctx, &template, &compiled, true) else {
            return;
        };
        let mut summary = Summary {
            total: leads.rows.len(),
            ..Summary::default()
        };
        let mut recipients = Recipients::default();
        let mut groups: std::collections::BTreeMap<String, usize> = Default::default();
        for lead in &leads.rows {
            match recipients.admit(lead, campaign.run(lead, None)) {
                Outcome::Message { .. } => summary.messages += 1,
                Outcome::Skipped { why, .. } => *groups.entry(why.group()).or_default() += 1,
            }
        }
        let mut skipped: Vec<(String, usize)> = groups.into_iter().collect();
        skipped.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        summary.skipped = skipped;
        self.summary = Some(summary);
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let out = if self.typing {
            self.editing_update(action, ctx)
        } else {
            self.reading_update(action, ctx)
        };
        if !matches!(
            action,
            Action::Back | Action::SwitchPane | Action::PreviousField
        ) {
            self.discard_armed = false;
        }
        out
    }

    fn reading_update(&mut self, action: Action, ctx: &Ctx) -> Vec<Out> {
        let shown = self.shown().len();
        let rows = self.leads.as_ref().map_or(0, |l| l.rows.len());
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::Next | Action::Previous => {
                if rows == 0 {
                    return vec![Out::say(
                        "This is a sample lead: press o to open a lead file and go through its rows.",
                    )];
                }
                self.lead = if action == Action::Next {
                    (self.lead + 1) % rows
                } else {
                    (self.lead + rows - 1) % rows
                };
                self.scroll = 0;
            }
            Action::SwitchPane | Action::PreviousField if shown > 1 => {
                if let Some(out) = self.leave_draft("switching template") {
                    return out;
                }
                self.selected = if action == Action::SwitchPane {
                    (self.selected + 1) % shown
                } else {
                    (self.selected + shown - 1) % shown
                };
                self.scroll = 0;
                self.refresh(ctx);
            }
            Action::Import => {
                let start = self
                    .leads_path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                return vec![Out::Open(Modal::Prompt(Prompt {
                    title: "Lead file".into(),
                    label: "A CSV of leads (an Apollo, HubSpot or any CRM export):".into(),
                    input: LineInput::new(&start),
                    pending: Pending::OutreachLeads,
                }))];
            }
            Action::Reload => {
                self.draft = None;
                return vec![Out::Do(Effect::LoadOutreach {
                    leads: self.leads_path.clone(),
                })];
            }
            Action::Edit | Action::EditSubject | Action::ExternalEdit | Action::Save => {
                let Some(template) = self.current() else {
                    return vec![Out::say(
                        "There is no outreach template for this persona yet: press n to make one.",
                    )];
                };
                if self.draft.as_ref().is_none_or(|d| d.id != template.id) {
                    self.draft = Some(Draft {
                        id: template.id.clone(),
                        subject: template.subject.clone(),
                        editor: crate::tui::widgets::text_area::new(&template.body, false),
                    });
                }
                match action {
                    Action::Edit => self.typing = true,
                    Action::EditSubject => {
                        return vec![Out::Open(Modal::Prompt(Prompt {
                            title: "Subject".into(),
                            label: "The subject line (tokens as in the body):".into(),
                            input: LineInput::new(&template.subject),
                            pending: Pending::OutreachSubject,
                        }))];
                    }
                    Action::ExternalEdit => return self.external(),
                    _ => return self.save(),
                }
            }
            Action::New => return self.new_template(ctx),
            Action::EditMatrix => {
                return vec![Out::Push(Nav::Wizard(WizardStart::Edit {
                    entity: EntityRef::new(Kind::Persona, &self.persona),
                    at: Some(crate::domain::wizard::MESSAGING_FIELD.into()),
                }))];
            }
            Action::Back => {
                if let Some(out) = self.leave_draft("leaving") {
                    return out;
                }
                return vec![Out::Back];
            }
            _ => {}
        }
        Vec::new()
    }

    /// With unsaved edits, the first attempt to leave them warns (and
    /// arms); the second throws them away.
    fn leave_draft(&mut self, doing: &str) -> Option<Vec<Out>> {
        if !self.dirty() {
            self.draft = None;
            return None;
        }
        if self.discard_armed {
            self.discard_armed = false;
            self.draft = None;
            return None;
        }
        self.discard_armed = true;
        Some(vec![Out::warn(format!(
            "The template has unsaved edits: Ctrl-s saves them; press the key again to throw them away ({doing})."
        ))])
    }

    fn save(&mut self) -> Vec<Out> {
        let (Some(file), Some(template)) = (self.file(), self.current()) else {
            return Vec::new();
        };
        if !self.dirty() {
            return vec![Out::say("Nothing to save: the template is as on disk.")];
        }
        vec![Out::Do(Effect::SaveOutreach {
            expected: Some(file.text.clone()),
            template,
        })]
    }

    fn new_template(&mut self, ctx: &Ctx) -> Vec<Out> {
        let Some(persona) = ctx.workspace.persona(&self.persona) else {
            return Vec::new();
        };
        let taken: Vec<&str> = self
            .templates
            .iter()
            .flatten()
            .map(|t| t.template.id.as_str())
            .collect();
        let id = std::iter::once(format!("{}-first-touch", persona.id))
            .chain((2..).map(|n| format!("{}-touch-{n}", persona.id)))
            .find(|id| !taken.contains(&id.as_str()))
            .unwrap_or_default();
        let mut template =
            OutreachTemplate::new(&id, format!("{}: first touch", persona.name.trim()));
        template.personas = vec![persona.id.clone()];
        template.stage = persona.messaging.first().map(|r| r.stage);
        template.subject = "A question for {{ company | default: \"your team\" }}".into();
        template.body = "Hi {{ first_name | capitalize | default: \"there\" }},\n\n{{ pain.value }}\n\n{{ pain.proof }}\n\n{{ pain.cta }}\n".into();
        self.select = Some(id);
        vec![Out::Do(Effect::SaveOutreach {
            template,
            expected: None,
        })]
    }

    fn external(&mut self) -> Vec<Out> {
        let body = self.draft.as_ref().map(Draft::body).unwrap_or_default();
        vec![Out::Do(Effect::EditOutreach { text: body })]
    }

    /// The templates (and the lead file) were read.
    pub fn loaded(&mut self, files: OutreachFiles, ctx: &Ctx) -> Vec<Out> {
        let mut out = Vec::new();
        let keep = self.file().map(|f| f.template.id.clone());
        self.templates = Some(files.templates);
        self.problems = files.problems;
        match files.leads {
            Some(Ok(leads)) => {
                let mut said = format!(
                    "Read {} from {}.",
                    crate::tui::text::count(leads.rows.len(), "lead", "leads"),
                    leads.name
                );
                if leads.more {
                    said.push_str(" Only the first rows are previewed.");
                }
                out.push(Out::say(said));
                self.lead = self.lead.min(leads.rows.len().saturating_sub(1));
                self.leads = Some(leads);
            }
            Some(Err(e)) => out.push(Out::warn(crate::tui::text::sentence(&e))),
            None => {}
        }
        let want = self.select.take().or(keep);
        if let Some(id) = want
            && let Some(at) = self.shown().iter().position(|t| t.template.id == id)
        {
            self.selected = at;
        }
        self.selected = self.selected.min(self.shown().len().saturating_sub(1));
        self.refresh(ctx);
        out
    }

    /// A template was saved (and read back), or could not be.
    pub fn saved(&mut self, result: Result<TemplateFile, String>, ctx: &Ctx) -> Vec<Out> {
        let file = match result {
            Ok(file) => file,
            Err(e) => return vec![Out::warn(crate::tui::text::sentence(&e))],
        };
        let said = match file.template.compile() {
            Ok(_) => format!("Saved {}.", file.path),
            Err(mistakes) => format!(
                "Saved {}; it still has {} (listed above the preview).",
                file.path,
                crate::tui::text::count(mistakes.len(), "mistake", "mistakes")
            ),
        };
        let id = file.template.id.clone();
        let templates = self.templates.get_or_insert_with(Vec::new);
        match templates.iter_mut().find(|t| t.template.id == id) {
            Some(old) => *old = file,
            None => {
                templates.push(file);
                templates.sort_by(|a, b| a.template.id.cmp(&b.template.id));
            }
        }
        if let Some(at) = self.shown().iter().position(|t| t.template.id == id) {
            self.selected = at;
        }
        self.select = None;
        self.refresh(ctx);
        vec![Out::say(said)]
    }

    /// A prompt opened here was answered.
    pub fn finish(&mut self, pending: Pending, input: String, ctx: &Ctx) -> Vec<Out> {
        match pending {
            Pending::OutreachLeads => {
                if input.trim().is_empty() {
                    return vec![Out::say("No lead file: the preview uses a sample lead.")];
                }
                let path = crate::tui::item_ops::expand_home(input.trim());
                self.leads_path = Some(path.clone());
                self.leads = None;
                self.lead = 0;
                vec![Out::Do(Effect::LoadOutreach { leads: Some(path) })]
            }
            Pending::OutreachSubject => {
                if let Some(draft) = self.draft.as_mut() {
                    draft.subject = input.replace(['\n', '\r'], " ");
                }
                self.refresh(ctx);
                vec![Out::say("Subject changed; Ctrl-s saves the template.")]
            }
            _ => Vec::new(),
        }
    }

    pub fn typed(&mut self, key: &KeyEvent, ctx: &Ctx) -> Vec<Out> {
        if let (true, Some(draft)) = (self.typing, self.draft.as_mut()) {
            draft.editor.input(*key);
            self.completions.clear();
            self.refresh(ctx);
        }
        Vec::new()
    }

    pub fn paste(&mut self, text: &str, ctx: &Ctx) -> Vec<Out> {
        if let (true, Some(draft)) = (self.typing, self.draft.as_mut()) {
            draft.editor.insert_str(text.replace("\r\n", "\n"));
            self.refresh(ctx);
        }
        Vec::new()
    }

    pub fn typing_help(&self) -> Vec<(String, &'static str)> {
        crate::tui::widgets::text_area::help()
    }
}
