//! The wizard: a pure state machine that walks a template one field at a
//! time and builds an ICP, a persona or an interview's metadata from the
//! answers. The TUI only wraps widgets around it; drafts are its
//! [`Snapshot`].
//!
//! Steps are the template's fields in order (an ICP or persona gets a
//! "name" step first), then a review step. Each field holds a list of
//! [`Item`]s, so citations ride along with the values they back.
//!
//! One job per file: [`parse`] reads typed text into values, `answer`
//! changes the answers, `steps` walks between fields, `finish` builds the
//! entity, [`snapshot`] is the draft, [`interview`] the built-in interview
//! template.

mod answer;
mod error;
mod finish;
pub mod interview;
pub mod messaging;
pub mod parse;
pub mod snapshot;
mod steps;
#[cfg(test)]
mod tests;

pub use error::ValidationError;
pub use interview::interview_template;
pub use messaging::MESSAGING_FIELD;
pub use parse::fold_line;
pub use snapshot::Snapshot;

use super::icp::Icp;
use super::interview::Interview;
use super::persona::Persona;
use super::template::{Field, Template};
use super::value::{Fields, Item};
use super::workspace::Kind;
use interview::name_field;
use std::collections::BTreeSet;

/// The synthetic first step of an ICP or persona: its name (not a template
/// field, so the leading `_` keeps it apart from template ids).
pub const NAME_FIELD: &str = "_name";

/// The id of the built-in interview-metadata template (made in code, so it
/// is not listed among the ICP and persona templates).
pub const INTERVIEW_TEMPLATE: &str = "interview";

/// What the wizard builds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Icp,
    Persona { icp: String },
    Interview,
}

impl Subject {
    pub fn kind(&self) -> Kind {
        match self {
            Subject::Icp => Kind::Icp,
            Subject::Persona { .. } => Kind::Persona,
            Subject::Interview => Kind::Interview,
        }
    }
}

/// What the wizard produces.
#[derive(Clone, Debug, PartialEq)]
pub enum Entity {
    Icp(Icp),
    Persona(Persona),
    Interview(Interview),
}

impl Entity {
    pub fn id(&self) -> &str {
        match self {
            Entity::Icp(x) => &x.id,
            Entity::Persona(x) => &x.id,
            Entity::Interview(x) => &x.id,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Entity::Icp(_) => Kind::Icp,
            Entity::Persona(_) => Kind::Persona,
            Entity::Interview(_) => Kind::Interview,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Entity::Icp(x) => &x.name,
            Entity::Persona(x) => &x.name,
            Entity::Interview(x) => &x.title,
        }
    }
}

/// One step of the wizard: a field and the section it is in.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub section: String,
    pub field: Field,
}

/// A field's state in the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldState {
    /// Has items; `cited` of them cite a quote.
    Answered {
        items: usize,
        cited: usize,
    },
    Skipped,
    /// Required and still empty.
    Missing,
    /// Optional, empty, not yet skipped.
    Empty,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OverviewRow {
    pub step: usize,
    pub section: String,
    pub label: String,
    pub required: bool,
    pub state: FieldState,
}

/// Where the wizard is: which step, in which section, how many are left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// 1-based; `total + 1` on the review.
    pub step: usize,
    pub total: usize,
    pub section: String,
    pub left: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Wizard {
    pub template: Template,
    pub subject: Subject,
    /// The entity being edited; its other parts (best customers, notes,
    /// unknown keys, `created`) are kept on finish.
    pub base: Option<Entity>,
    steps: Vec<Step>,
    answers: Fields,
    skipped: BTreeSet<String>,
    step: usize,
}

pub(crate) fn items_to_text(items: &[Item]) -> Option<String> {
    items.first().map(|i| i.value.to_string())
}

impl Wizard {
    /// A new wizard over `template`.
    pub fn new(template: Template, subject: Subject) -> Wizard {
        let mut steps = Vec::new();
        if subject != Subject::Interview {
            steps.push(Step {
                section: "Name".into(),
                field: name_field(&subject),
            });
        }
        for section in &template.sections {
            for field in &section.fields {
                steps.push(Step {
                    section: section.title.clone(),
                    field: field.clone(),
                });
            }
        }
        if matches!(subject, Subject::Persona { .. }) {
            steps.push(Step {
                section: "Messaging".into(),
                field: messaging::messaging_field(),
            });
        }
        Wizard {
            template,
            subject,
            base: None,
            steps,
            answers: Fields::new(),
            skipped: BTreeSet::new(),
            step: 0,
        }
    }

    /// A wizard that edits `entity`, starting from its values.
    pub fn edit(template: Template, entity: Entity) -> Wizard {
        let subject = match &entity {
            Entity::Icp(_) => Subject::Icp,
            Entity::Persona(p) => Subject::Persona { icp: p.icp.clone() },
            Entity::Interview(_) => Subject::Interview,
        };
        let mut wizard = Wizard::new(template, subject);
        let mut answers = Fields::new();
        match &entity {
            Entity::Icp(x) => {
                answers = x.fields.clone();
                answers.insert(NAME_FIELD.into(), vec![Item::text(&x.name)]);
            }
            Entity::Persona(x) => {
                answers = x.fields.clone();
                answers.insert(NAME_FIELD.into(), vec![Item::text(&x.name)]);
                if !x.messaging.is_empty() {
                    let rows = x.messaging.iter().map(|r| messaging::row_item(x, r));
                    answers.insert(MESSAGING_FIELD.into(), rows.collect());
                }
            }
            Entity::Interview(x) => {
                let mut put = |id: &str, text: String| {
                    if !text.is_empty() {
                        answers.insert(id.into(), vec![Item::text(text)]);
                    }
                };
                put("title", x.title.clone());
                put("date", x.date.map(|d| d.to_string()).unwrap_or_default());
                put("interviewee", x.interviewee.clone());
                put("role", x.role.clone());
                put("company", x.company.clone());
                put("source", x.source.label().to_string());
                put("icp", x.icp.clone().unwrap_or_default());
            }
        }
        wizard.answers = answers;
        wizard.base = Some(entity);
        wizard
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn step_index(&self) -> usize {
        self.step
    }

    /// Past the last field: the review of the whole card.
    pub fn at_review(&self) -> bool {
        self.step >= self.steps.len()
    }

    /// The field being asked, or `None` on the review.
    pub fn current(&self) -> Option<&Field> {
        self.steps.get(self.step).map(|s| &s.field)
    }

    pub fn answers(&self) -> &Fields {
        &self.answers
    }

    pub fn items_of(&self, field: &str) -> &[Item] {
        self.answers.get(field).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The current field's items.
    pub fn items(&self) -> &[Item] {
        self.current().map(|f| self.items_of(&f.id)).unwrap_or(&[])
    }

    /// The name (or interview title) typed so far.
    pub fn name(&self) -> String {
        self.name_str().to_string()
    }

    /// The name (or interview title) typed so far, without a copy (a name
    /// can be long; drawing a frame should not copy it).
    pub fn name_str(&self) -> &str {
        let id = if self.subject == Subject::Interview {
            "title"
        } else {
            NAME_FIELD
        };
        match self.items_of(id).first().map(|i| &i.value) {
            Some(super::value::Value::Text(t)) => t,
            _ => "",
        }
    }

    pub fn progress(&self) -> Progress {
        let total = self.steps.len();
        Progress {
            step: self.step.min(total) + 1,
            total,
            section: self
                .steps
                .get(self.step)
                .map(|s| s.section.clone())
                .unwrap_or_else(|| "Review".into()),
            left: total.saturating_sub(self.step + 1),
        }
    }

    fn current_field(&self) -> Result<Field, ValidationError> {
        self.current()
            .cloned()
            .ok_or_else(|| ValidationError::UnknownField {
                field: "review".into(),
            })
    }

    fn set(&mut self, field: &str, items: Vec<Item>) {
        if items.is_empty() {
            self.answers.remove(field);
        } else {
            self.skipped.remove(field);
            self.answers.insert(field.to_string(), items);
        }
    }
}
