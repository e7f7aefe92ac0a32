//! The wizard: a pure state machine that walks a template one field at a
//! time and builds an ICP, a persona or an interview's metadata from the
//! answers. The TUI only wraps widgets around it; drafts are its
//! [`Snapshot`].
//!
//! Steps are the template's fields in order (an ICP or persona gets a
//! "name" step first), then a review step. Each field holds a list of
//! [`Item`]s, so citations ride along with the values they back.

use super::icp::Icp;
use super::interview::{Interview, Source};
use super::persona::Persona;
use super::template::{Field, FieldKind, Section, SectionStyle, Template, TemplateKind};
use super::value::{Citation, Extra, Fields, Item, Number, Value};
use super::workspace::{Kind, Workspace};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
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

/// Why an answer or the whole card is not accepted yet; one sentence each.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("“{label}” needs an answer")]
    Required { field: String, label: String },
    #[error("“{text}” is not a number; type digits such as 1,200 or 12.5")]
    NotANumber { field: String, text: String },
    #[error("a range needs both ends: from (min) and to (max)")]
    RangeIncomplete { field: String },
    #[error("the range starts at {min}, above where it ends ({max}); swap them")]
    RangeReversed {
        field: String,
        min: String,
        max: String,
    },
    #[error("“{text}” is not one of the choices")]
    NotAChoice { field: String, text: String },
    #[error("“{text}” is not a date; write it as 2026-09-12")]
    NotADate { field: String, text: String },
    #[error(
        "there is nothing to cite the quote for yet: type an answer first, or add the quote as an item"
    )]
    NothingToCite { field: String },
    #[error("a quote cannot be a {kind} answer: type the answer, then cite the quote for it")]
    QuoteNotAValue { field: String, kind: &'static str },
    #[error("there is no field `{field}`")]
    UnknownField { field: String },
}

impl ValidationError {
    /// The field the problem is in.
    pub fn field(&self) -> &str {
        match self {
            ValidationError::Required { field, .. }
            | ValidationError::NotANumber { field, .. }
            | ValidationError::RangeIncomplete { field }
            | ValidationError::RangeReversed { field, .. }
            | ValidationError::NotAChoice { field, .. }
            | ValidationError::NotADate { field, .. }
            | ValidationError::NothingToCite { field }
            | ValidationError::QuoteNotAValue { field, .. }
            | ValidationError::UnknownField { field } => field,
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

/// Newlines and control characters in one-line answers become single
/// spaces (a pasted page stays readable); the ends are trimmed.
pub fn fold_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_control() || c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Long text keeps its lines; control characters other than newlines and
/// tabs go, `\r\n` becomes `\n`, trailing blank space is trimmed.
fn clean_long(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    kept.trim_end().trim_start_matches('\n').to_string()
}

/// The built-in template behind the interview wizard: title, date, who,
/// role, company, source and ICP. `icps` are the ICP ids to choose from.
pub fn interview_template(icps: &[String]) -> Template {
    let field = |id: &str, label: &str, kind: FieldKind, question: &str, help: &str| Field {
        id: id.into(),
        label: label.into(),
        kind,
        question: question.into(),
        help: help.into(),
        required: false,
        feeds: Vec::new(),
        options: Vec::new(),
        unit: None,
        extra: Extra::new(),
    };
    let mut title = field(
        "title",
        "Title",
        FieldKind::ShortText,
        "What should this interview be called?",
        "Usually the person and their company: “Dana Whitfield, Acme Outdoor”.",
    );
    title.required = true;
    let mut source = field(
        "source",
        "Source",
        FieldKind::Choice,
        "Where do these notes come from?",
        "An interview, a survey answer, a support ticket, a sales call or a CRM note.",
    );
    source.options = Source::ALL.iter().map(|s| s.label().to_string()).collect();
    let mut icp = field(
        "icp",
        "ICP",
        if icps.is_empty() {
            FieldKind::ShortText
        } else {
            FieldKind::Choice
        },
        "Which ICP is this customer part of?",
        "Leave it empty when you do not know yet.",
    );
    icp.options = icps.to_vec();
    Template {
        id: INTERVIEW_TEMPLATE.into(),
        origin: Default::default(),
        schema: super::SCHEMA,
        name: "Interview".into(),
        // Not consulted: the wizard's subject says what is built.
        kind: TemplateKind::Persona,
        description: "Who was interviewed, when, and where the notes come from.".into(),
        sections: vec![Section {
            id: "interview".into(),
            title: "Interview".into(),
            style: SectionStyle::Table,
            fields: vec![
                title,
                field(
                    "date",
                    "Date",
                    FieldKind::ShortText,
                    "When did it take place?",
                    "As year-month-day: 2026-09-12.",
                ),
                field(
                    "interviewee",
                    "Interviewee",
                    FieldKind::ShortText,
                    "Who did you talk to?",
                    "Their name, or leave it empty for an anonymous survey.",
                ),
                field(
                    "role",
                    "Role",
                    FieldKind::ShortText,
                    "What is their role?",
                    "Their job title.",
                ),
                field(
                    "company",
                    "Company",
                    FieldKind::ShortText,
                    "Which company are they with?",
                    "",
                ),
                source,
                icp,
            ],
            extra: Extra::new(),
        }],
        extra: Extra::new(),
    }
}

fn name_field(subject: &Subject) -> Field {
    let (question, help) = match subject {
        Subject::Icp => (
            "What do you call this ICP?",
            "A short description of the kind of company: “Independent outdoor retailers, 20-200 staff”.",
        ),
        _ => (
            "What is this persona's name?",
            "A memorable name with their role in it: “Operations Olivia”.",
        ),
    };
    Field {
        id: NAME_FIELD.into(),
        label: "Name".into(),
        kind: FieldKind::ShortText,
        question: question.into(),
        help: help.into(),
        required: true,
        feeds: Vec::new(),
        options: Vec::new(),
        unit: None,
        extra: Extra::new(),
    }
}

fn items_to_text(items: &[Item]) -> Option<String> {
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
        let id = if self.subject == Subject::Interview {
            "title"
        } else {
            NAME_FIELD
        };
        items_to_text(self.items_of(id)).unwrap_or_default()
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

    /// Parses one value typed for `field` (not a list or tags).
    fn parse_value(field: &Field, text: &str) -> Result<Option<Value>, ValidationError> {
        let id = field.id.clone();
        match field.kind {
            FieldKind::ShortText | FieldKind::List | FieldKind::Tags => {
                let line = fold_line(text);
                if field.id == "date" && field.kind == FieldKind::ShortText && !line.is_empty() {
                    // The interview date: checked here so the card never
                    // holds a date the file cannot store.
                    if line.parse::<Date>().is_err() {
                        return Err(ValidationError::NotADate {
                            field: id,
                            text: line,
                        });
                    }
                }
                Ok((!line.is_empty()).then_some(Value::Text(line)))
            }
            FieldKind::LongText => {
                let long = clean_long(text);
                Ok((!long.trim().is_empty()).then_some(Value::Text(long)))
            }
            FieldKind::Number => {
                let t = text.trim();
                if t.is_empty() {
                    return Ok(None);
                }
                Number::parse(t).map(|n| Some(Value::Number(n))).ok_or(
                    ValidationError::NotANumber {
                        field: id,
                        text: fold_line(t),
                    },
                )
            }
            FieldKind::Choice => {
                let t = fold_line(text);
                if t.is_empty() {
                    return Ok(None);
                }
                field
                    .options
                    .iter()
                    .find(|o| o.eq_ignore_ascii_case(&t) || o.to_lowercase() == t.to_lowercase())
                    .map(|o| Some(Value::Text(o.clone())))
                    .ok_or(ValidationError::NotAChoice { field: id, text: t })
            }
            FieldKind::Range => {
                let t = fold_line(text);
                if t.is_empty() {
                    return Ok(None);
                }
                let (min, max) = split_range(&t).unwrap_or((t.as_str(), ""));
                Self::parse_range(field, min, max)
            }
        }
    }

    fn parse_range(field: &Field, min: &str, max: &str) -> Result<Option<Value>, ValidationError> {
        let id = field.id.clone();
        let (min, max) = (min.trim(), max.trim());
        if min.is_empty() && max.is_empty() {
            return Ok(None);
        }
        let parse = |t: &str| {
            Number::parse(t).ok_or(ValidationError::NotANumber {
                field: id.clone(),
                text: fold_line(t),
            })
        };
        // A typo is named before a missing end, so the message points at
        // what to fix first.
        for typed in [min, max] {
            if !typed.is_empty() {
                parse(typed)?;
            }
        }
        if min.is_empty() || max.is_empty() {
            return Err(ValidationError::RangeIncomplete { field: id });
        }
        let (lo, hi) = (parse(min)?, parse(max)?);
        if lo > hi {
            return Err(ValidationError::RangeReversed {
                field: id,
                min: lo.to_string(),
                max: hi.to_string(),
            });
        }
        Ok(Some(Value::Range { min: lo, max: hi }))
    }

    /// Answers the current field with typed text. Text kinds take it as is
    /// (one line for short text), numbers and choices are checked, a range
    /// reads `20-200` or `20 to 200`, a list takes one item per line and
    /// tags are split at commas. Citations stay with the items they backed.
    pub fn answer(&mut self, text: &str) -> Result<(), ValidationError> {
        let field = self.current_field()?;
        let old = self.items().to_vec();
        let items = match field.kind {
            FieldKind::List | FieldKind::Tags => {
                let parts: Vec<&str> = if field.kind == FieldKind::Tags {
                    text.split([',', '\n']).collect()
                } else {
                    text.lines().collect()
                };
                let mut items: Vec<Item> = Vec::new();
                for part in parts {
                    let Some(value) = Self::parse_value(&field, part)? else {
                        continue;
                    };
                    if field.kind == FieldKind::Tags
                        && items.iter().any(|i| same_text(&i.value, &value))
                    {
                        continue;
                    }
                    let cites = old
                        .iter()
                        .find(|i| i.value == value)
                        .map(|i| i.cites.clone())
                        .unwrap_or_default();
                    items.push(Item::new(value).citing(cites));
                }
                items
            }
            _ => match Self::parse_value(&field, text)? {
                Some(value) => vec![keep_cites(old.first(), value)],
                None => Vec::new(),
            },
        };
        self.set(&field.id, items);
        Ok(())
    }

    /// Answers a range field from its two ends.
    pub fn answer_range(&mut self, min: &str, max: &str) -> Result<(), ValidationError> {
        let field = self.current_field()?;
        let old = self.items().first().cloned();
        let items = match Self::parse_range(&field, min, max)? {
            Some(value) => vec![keep_cites(old.as_ref(), value)],
            None => Vec::new(),
        };
        self.set(&field.id, items);
        Ok(())
    }

    /// Adds an item to a list or tags field (other kinds: sets the value).
    /// Returns the new item's index.
    pub fn add_item(&mut self, text: &str) -> Result<usize, ValidationError> {
        let field = self.current_field()?;
        if !field.kind.is_multi() {
            self.answer(text)?;
            return Ok(0);
        }
        let Some(value) = Self::parse_value(&field, text)? else {
            return Ok(self.items().len().saturating_sub(1));
        };
        let mut items = self.items().to_vec();
        if field.kind == FieldKind::Tags
            && let Some(at) = items.iter().position(|i| same_text(&i.value, &value))
        {
            return Ok(at);
        }
        items.push(Item::new(value));
        let at = items.len() - 1;
        self.set(&field.id, items);
        Ok(at)
    }

    /// Replaces the text of item `index`, keeping its citations; empty text
    /// removes it.
    pub fn set_item(&mut self, index: usize, text: &str) -> Result<(), ValidationError> {
        let field = self.current_field()?;
        let mut items = self.items().to_vec();
        if index >= items.len() {
            return self.add_item(text).map(|_| ());
        }
        match Self::parse_value(&field, text)? {
            Some(value) => items[index].value = value,
            None => {
                items.remove(index);
            }
        }
        self.set(&field.id, items);
        Ok(())
    }

    pub fn remove_item(&mut self, index: usize) {
        let Some(field) = self.current().map(|f| f.id.clone()) else {
            return;
        };
        let mut items = self.items().to_vec();
        if index < items.len() {
            items.remove(index);
            self.set(&field, items);
        }
    }

    /// Moves item `index` one place up (`up`) or down; returns where it is.
    pub fn move_item(&mut self, index: usize, up: bool) -> usize {
        let Some(field) = self.current().map(|f| f.id.clone()) else {
            return index;
        };
        let mut items = self.items().to_vec();
        let to = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1).filter(|&t| t < items.len())
        };
        match to {
            Some(to) if index < items.len() => {
                items.swap(index, to);
                self.set(&field, items);
                to
            }
            _ => index,
        }
    }

    /// Cites a highlight for item `index` of the current field, or takes the
    /// citation back when it is already there. Returns whether it now cites.
    pub fn cite(&mut self, index: usize, citation: Citation) -> Result<bool, ValidationError> {
        let field = self.current_field()?;
        let mut items = self.items().to_vec();
        let Some(item) = items.get_mut(index) else {
            return Err(ValidationError::NothingToCite { field: field.id });
        };
        let now = match item.cites.iter().position(|c| *c == citation) {
            Some(at) => {
                item.cites.remove(at);
                false
            }
            None => {
                item.cites.push(citation);
                true
            }
        };
        self.set(&field.id, items);
        Ok(now)
    }

    /// Adds a quote's words as a new item citing it (a list or tags field),
    /// or as the answer of a text field. Returns the item's index.
    pub fn add_quote_as_item(
        &mut self,
        citation: Citation,
        text: &str,
    ) -> Result<usize, ValidationError> {
        let field = self.current_field()?;
        let value = match field.kind {
            FieldKind::ShortText | FieldKind::List | FieldKind::Tags | FieldKind::LongText => {
                Self::parse_value(&field, text)?
            }
            kind => {
                return Err(ValidationError::QuoteNotAValue {
                    field: field.id,
                    kind: kind.label(),
                });
            }
        };
        let Some(value) = value else {
            return Err(ValidationError::NothingToCite { field: field.id });
        };
        let item = Item::new(value).citing([citation]);
        let mut items = if field.kind.is_multi() {
            self.items().to_vec()
        } else {
            Vec::new()
        };
        items.push(item);
        let at = items.len() - 1;
        self.set(&field.id, items);
        Ok(at)
    }

    fn check_current(&self) -> Result<(), ValidationError> {
        match self.current() {
            Some(f) if f.required && self.items_of(&f.id).is_empty() => {
                Err(ValidationError::Required {
                    field: f.id.clone(),
                    label: f.label.clone(),
                })
            }
            _ => Ok(()),
        }
    }

    /// On to the next field; a required field must be answered (or skipped).
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<(), ValidationError> {
        self.check_current()?;
        if !self.at_review() {
            self.step += 1;
        }
        Ok(())
    }

    /// Back one field (from the review, to the last field).
    pub fn back(&mut self) {
        self.step = self.step.min(self.steps.len()).saturating_sub(1);
    }

    /// Leaves the current field for later; a required one is asked for
    /// again when finishing.
    pub fn skip(&mut self) {
        if let Some(f) = self.current()
            && self.items_of(&f.id).is_empty()
        {
            let id = f.id.clone();
            self.skipped.insert(id);
        }
        if !self.at_review() {
            self.step += 1;
        }
    }

    /// Goes to step `step` (`steps().len()` is the review).
    pub fn jump(&mut self, step: usize) {
        self.step = step.min(self.steps.len());
    }

    /// Goes to the field with this id.
    pub fn jump_to(&mut self, field: &str) -> Result<(), ValidationError> {
        let at = self
            .steps
            .iter()
            .position(|s| s.field.id == field)
            .ok_or_else(|| ValidationError::UnknownField {
                field: field.into(),
            })?;
        self.step = at;
        Ok(())
    }

    pub fn state_of(&self, field: &Field) -> FieldState {
        let items = self.items_of(&field.id);
        if !items.is_empty() {
            FieldState::Answered {
                items: items.len(),
                cited: items.iter().filter(|i| !i.is_assumption()).count(),
            }
        } else if field.required {
            FieldState::Missing
        } else if self.skipped.contains(&field.id) {
            FieldState::Skipped
        } else {
            FieldState::Empty
        }
    }

    /// Every field with its state, for the overview.
    pub fn overview(&self) -> Vec<OverviewRow> {
        self.steps
            .iter()
            .enumerate()
            .map(|(i, s)| OverviewRow {
                step: i,
                section: s.section.clone(),
                label: s.field.label.clone(),
                required: s.field.required,
                state: self.state_of(&s.field),
            })
            .collect()
    }

    /// Every citation in the answers.
    fn citations(fields: &Fields) -> BTreeSet<&Citation> {
        fields
            .values()
            .flatten()
            .flat_map(|i| i.cites.iter())
            .collect()
    }

    /// The ICP, persona or interview the answers make. A missing required
    /// field is reported (the first one); `now` and `today` stamp it.
    pub fn finish(
        &self,
        workspace: &Workspace,
        now: Timestamp,
        today: Date,
    ) -> Result<Entity, ValidationError> {
        for step in &self.steps {
            let f = &step.field;
            if f.required && self.items_of(&f.id).is_empty() {
                return Err(ValidationError::Required {
                    field: f.id.clone(),
                    label: f.label.clone(),
                });
            }
        }
        let name = self.name();
        let mut fields = self.answers.clone();
        fields.remove(NAME_FIELD);
        // Answers kept for fields the template no longer has stay with the
        // entity (they were in the file); nothing else is invented.
        let base_fields: Fields = match &self.base {
            Some(Entity::Icp(x)) => x.fields.clone(),
            Some(Entity::Persona(x)) => x.fields.clone(),
            _ => Fields::new(),
        };
        let new_evidence = {
            let before = Self::citations(&base_fields);
            Self::citations(&fields)
                .into_iter()
                .any(|c| !before.contains(c))
        };
        let stamp = |created: Option<Timestamp>, last: Option<Date>| {
            (
                created.or(Some(now)),
                Some(now),
                if new_evidence { Some(today) } else { last },
            )
        };
        Ok(match (&self.subject, &self.base) {
            (Subject::Icp, base) => {
                let mut icp = match base {
                    Some(Entity::Icp(x)) => x.clone(),
                    _ => Icp::new(workspace.new_id(Kind::Icp, &name), &name, &self.template.id),
                };
                icp.name = name;
                icp.template = self.template.id.clone();
                icp.fields = fields;
                (icp.created, icp.updated, icp.last_validated) =
                    stamp(icp.created, icp.last_validated);
                Entity::Icp(icp)
            }
            (Subject::Persona { icp }, base) => {
                let mut persona = match base {
                    Some(Entity::Persona(x)) => x.clone(),
                    _ => Persona::new(
                        workspace.new_id(Kind::Persona, &name),
                        icp,
                        &name,
                        &self.template.id,
                    ),
                };
                persona.name = name;
                persona.template = self.template.id.clone();
                persona.fields = fields;
                (persona.created, persona.updated, persona.last_validated) =
                    stamp(persona.created, persona.last_validated);
                Entity::Persona(persona)
            }
            (Subject::Interview, base) => {
                let mut interview = match base {
                    Some(Entity::Interview(x)) => x.clone(),
                    _ => Interview::new(workspace.new_id(Kind::Interview, &name), &name),
                };
                let text = |id: &str| items_to_text(self.items_of(id)).unwrap_or_default();
                interview.title = name;
                interview.date = text("date").parse::<Date>().ok();
                interview.interviewee = text("interviewee");
                interview.role = text("role");
                interview.company = text("company");
                let source = text("source");
                interview.source = Source::ALL
                    .into_iter()
                    .find(|s| s.label() == source)
                    .unwrap_or_default();
                interview.icp = Some(text("icp")).filter(|s| !s.is_empty());
                interview.created = interview.created.or(Some(now));
                interview.updated = Some(now);
                Entity::Interview(interview)
            }
        })
    }

    /// The wizard's state as a draft.
    pub fn snapshot(&self, saved: Timestamp) -> Snapshot {
        let (kind, icp) = match &self.subject {
            Subject::Icp => ("icp", None),
            Subject::Persona { icp } => ("persona", Some(icp.clone())),
            Subject::Interview => ("interview", None),
        };
        Snapshot {
            schema: super::SCHEMA,
            kind: kind.into(),
            template: self.template.id.clone(),
            icp,
            editing: self.base.as_ref().map(|e| e.id().to_string()),
            at: self
                .current()
                .map(|f| f.id.clone())
                .unwrap_or_else(|| "review".into()),
            saved: Some(saved),
            skipped: self.skipped.iter().cloned().collect(),
            answers: self.answers.clone(),
        }
    }

    /// A wizard back from a draft. `template` is the template as it is now
    /// and `base` the entity being edited (as it is now). The sentences
    /// returned say what of the draft no longer fits the template.
    pub fn restore(
        snapshot: &Snapshot,
        template: Template,
        base: Option<Entity>,
    ) -> Result<(Wizard, Vec<String>), String> {
        let subject = snapshot.subject()?;
        let mut wizard = match base {
            Some(entity) => Wizard::edit(template, entity),
            None => Wizard::new(template, subject),
        };
        let mut dropped = Vec::new();
        let mut answers = Fields::new();
        for (id, items) in &snapshot.answers {
            let Some(step) = wizard.steps.iter().find(|s| &s.field.id == id) else {
                dropped.push(id.clone());
                continue;
            };
            let fits = |item: &Item| match (&item.value, step.field.kind) {
                (Value::Number(_), FieldKind::Number) => true,
                (Value::Range { .. }, FieldKind::Range) => true,
                (Value::Text(t), FieldKind::Choice) => step.field.options.contains(t),
                (Value::Text(_), k) => !matches!(k, FieldKind::Number | FieldKind::Range),
                _ => false,
            };
            let kept: Vec<Item> = items.iter().filter(|i| fits(i)).cloned().collect();
            if kept.len() < items.len() {
                dropped.push(id.clone());
            }
            let kept = if step.field.kind.is_multi() {
                kept
            } else {
                kept.into_iter().take(1).collect()
            };
            if !kept.is_empty() {
                answers.insert(id.clone(), kept);
            }
        }
        wizard.answers = answers;
        wizard.skipped = snapshot
            .skipped
            .iter()
            .filter(|id| wizard.steps.iter().any(|s| &s.field.id == *id))
            .cloned()
            .collect();
        wizard.step = wizard
            .steps
            .iter()
            .position(|s| s.field.id == snapshot.at)
            .unwrap_or(if snapshot.at == "review" {
                wizard.steps.len()
            } else {
                0
            });
        let mut notes = Vec::new();
        if !dropped.is_empty() {
            notes.push(format!(
                "The template changed since this draft was saved: answers for {} no longer fit and were left out; the rest were kept.",
                dropped
                    .iter()
                    .map(|d| format!("`{d}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Ok((wizard, notes))
    }
}

fn same_text(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a.to_lowercase() == b.to_lowercase(),
        _ => a == b,
    }
}

fn keep_cites(old: Option<&Item>, value: Value) -> Item {
    match old {
        Some(old) => Item {
            value,
            cites: old.cites.clone(),
            extra: old.extra.clone(),
        },
        None => Item::new(value),
    }
}

/// `20-200`, `20 - 200`, `20–200`, `20 to 200` (a leading minus belongs
/// to the number).
fn split_range(text: &str) -> Option<(&str, &str)> {
    if let Some((a, b)) = text.split_once(" to ") {
        return Some((a, b));
    }
    if let Some((a, b)) = text.split_once('–') {
        return Some((a, b));
    }
    let start = usize::from(text.starts_with('-'));
    text[start..]
        .find('-')
        .map(|at| (&text[..start + at], &text[start + at + 1..]))
}

/// Wizard state as written to `.drafts/`: what is being made, from which
/// template, where the user was, and every answer with its citations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    #[serde(default = "super::schema_version")]
    pub schema: u32,
    /// `icp`, `persona` or `interview`.
    pub kind: String,
    pub template: String,
    /// A persona's ICP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icp: Option<String>,
    /// The id of the item being edited; absent for a new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<String>,
    /// The field the user was on (`review` for the review).
    #[serde(default)]
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
    #[serde(default)]
    pub answers: Fields,
}

impl Snapshot {
    pub fn subject(&self) -> Result<Subject, String> {
        match (self.kind.as_str(), &self.icp) {
            ("icp", _) => Ok(Subject::Icp),
            ("persona", Some(icp)) => Ok(Subject::Persona { icp: icp.clone() }),
            ("persona", None) => Err("the draft is a persona but names no ICP".into()),
            ("interview", _) => Ok(Subject::Interview),
            (other, _) => Err(format!("the draft is for an unknown kind `{other}`")),
        }
    }

    /// The draft's name, for the resume list.
    pub fn name(&self) -> String {
        let id = if self.kind == "interview" {
            "title"
        } else {
            NAME_FIELD
        };
        self.answers
            .get(id)
            .and_then(|items| items_to_text(items))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WorkspaceMeta;

    fn field(id: &str, kind: FieldKind, required: bool) -> Field {
        Field {
            id: id.into(),
            label: id.replace('_', " "),
            kind,
            question: format!("{id}?"),
            help: String::new(),
            required,
            feeds: vec!["pain-point".into()],
            options: if kind == FieldKind::Choice {
                vec!["Seed".into(), "Series A".into()]
            } else {
                Vec::new()
            },
            unit: None,
            extra: Extra::new(),
        }
    }

    fn template() -> Template {
        Template {
            id: "t".into(),
            origin: Default::default(),
            schema: 1,
            name: "T".into(),
            kind: TemplateKind::Persona,
            description: String::new(),
            sections: vec![
                Section {
                    id: "a".into(),
                    title: "Identity".into(),
                    style: SectionStyle::Table,
                    fields: vec![
                        field("title", FieldKind::ShortText, true),
                        field("story", FieldKind::LongText, false),
                        field("team", FieldKind::Number, false),
                        field("age", FieldKind::Range, false),
                        field("stage", FieldKind::Choice, false),
                    ],
                    extra: Extra::new(),
                },
                Section {
                    id: "b".into(),
                    title: "Needs".into(),
                    style: SectionStyle::List,
                    fields: vec![
                        field("pains", FieldKind::List, true),
                        field("tools", FieldKind::Tags, false),
                    ],
                    extra: Extra::new(),
                },
            ],
            extra: Extra::new(),
        }
    }

    fn persona_wizard() -> Wizard {
        Wizard::new(
            template(),
            Subject::Persona {
                icp: "outdoor".into(),
            },
        )
    }

    fn ws() -> Workspace {
        Workspace::new(WorkspaceMeta::new("w"))
    }

    fn now() -> Timestamp {
        "2026-11-01T10:00:00Z".parse().unwrap()
    }

    fn today() -> Date {
        jiff::civil::date(2026, 11, 1)
    }

    fn c(h: &str) -> Citation {
        Citation::new("dana", h)
    }

    #[test]
    fn walks_every_field_kind_and_builds_a_persona() {
        let mut w = persona_wizard();
        assert_eq!(w.current().unwrap().id, NAME_FIELD);
        assert_eq!(w.progress().total, 8);
        w.answer("Operations 🚀 Olivia 日本").unwrap();
        w.next().unwrap();
        // Short text: a pasted page becomes one line.
        w.answer("Head of\nOperations\r\n  and   stock\t").unwrap();
        assert_eq!(
            w.items()[0].value,
            Value::Text("Head of Operations and stock".into())
        );
        w.next().unwrap();
        // Long text keeps its lines.
        w.answer("Line one\nLine two\n\n").unwrap();
        assert_eq!(w.items()[0].value, Value::Text("Line one\nLine two".into()));
        w.next().unwrap();
        w.answer("1,200").unwrap();
        assert_eq!(w.items()[0].value.to_string(), "1,200");
        w.next().unwrap();
        w.answer_range("35", "44").unwrap();
        assert_eq!(w.items()[0].value.to_string(), "35–44");
        w.answer("20 to 30").unwrap();
        assert_eq!(w.items()[0].value.to_string(), "20–30");
        w.answer("-5-10").unwrap();
        assert_eq!(w.items()[0].value.to_string(), "-5–10");
        w.next().unwrap();
        w.answer("series a").unwrap();
        assert_eq!(w.items()[0].value, Value::Text("Series A".into()));
        assert_eq!(w.progress().section, "Identity");
        w.next().unwrap();
        assert_eq!(w.progress().section, "Needs");
        let long = "x".repeat(2_000);
        assert_eq!(w.add_item(&long).unwrap(), 0);
        assert_eq!(w.add_item("Stock by hand").unwrap(), 1);
        assert_eq!(w.move_item(1, true), 0);
        assert_eq!(w.items()[0].value, Value::Text("Stock by hand".into()));
        w.next().unwrap();
        w.answer("Shopify, klaviyo, shopify,, NetSuite").unwrap();
        assert_eq!(w.items().len(), 3);
        assert_eq!(w.progress().left, 0);
        w.next().unwrap();
        assert!(w.at_review());
        let Entity::Persona(p) = w.finish(&ws(), now(), today()).unwrap() else {
            panic!("not a persona")
        };
        assert_eq!(p.name, "Operations 🚀 Olivia 日本");
        assert_eq!(p.id, "operations-olivia");
        assert_eq!(p.icp, "outdoor");
        assert_eq!(p.created, Some(now()));
        assert_eq!(p.last_validated, None, "nothing cited: no validation");
        assert_eq!(p.fields["pains"][1].value, Value::Text(long));
        assert!(!p.fields.contains_key(NAME_FIELD));
    }

    #[test]
    fn validation_says_what_is_wrong() {
        let mut w = persona_wizard();
        let e = w.next().unwrap_err();
        assert_eq!(e.field(), NAME_FIELD);
        assert_eq!(e.to_string(), "“Name” needs an answer");
        w.answer("   \n ").unwrap();
        assert!(w.next().is_err(), "blank is empty");
        w.jump_to("team").unwrap();
        let e = w.answer("twelve").unwrap_err();
        assert!(matches!(e, ValidationError::NotANumber { .. }), "{e}");
        assert!(w.items().is_empty(), "a bad answer changes nothing");
        w.jump_to("age").unwrap();
        let e = w.answer_range("50", "20").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the range starts at 50, above where it ends (20); swap them"
        );
        assert!(matches!(
            w.answer_range("50", "").unwrap_err(),
            ValidationError::RangeIncomplete { .. }
        ));
        assert!(matches!(
            w.answer_range("x", "3").unwrap_err(),
            ValidationError::NotANumber { .. }
        ));
        w.answer_range("", "").unwrap();
        w.jump_to("stage").unwrap();
        assert!(matches!(
            w.answer("Series Z").unwrap_err(),
            ValidationError::NotAChoice { .. }
        ));
        // Finishing finds the first required field left empty.
        let e = w.finish(&ws(), now(), today()).unwrap_err();
        assert_eq!(e.field(), NAME_FIELD);
    }

    #[test]
    fn back_skip_jump_and_overview() {
        let mut w = persona_wizard();
        w.back();
        assert_eq!(w.step_index(), 0);
        w.skip();
        assert_eq!(w.current().unwrap().id, "title");
        w.skip();
        w.skip();
        assert_eq!(w.current().unwrap().id, "team");
        w.back();
        assert_eq!(w.current().unwrap().id, "story");
        let rows = w.overview();
        assert_eq!(rows[0].state, FieldState::Missing);
        assert_eq!(rows[2].state, FieldState::Skipped);
        assert_eq!(rows[3].state, FieldState::Empty);
        w.answer("Now written").unwrap();
        assert!(matches!(
            w.overview()[2].state,
            FieldState::Answered { items: 1, cited: 0 }
        ));
        w.jump(99);
        assert!(w.at_review());
        w.back();
        assert_eq!(w.current().unwrap().id, "tools");
        assert!(w.jump_to("nope").is_err());
    }

    #[test]
    fn citations_follow_their_items() {
        let mut w = persona_wizard();
        w.jump_to("title").unwrap();
        assert!(matches!(
            w.cite(0, c("h1")).unwrap_err(),
            ValidationError::NothingToCite { .. }
        ));
        w.answer("Head of Ops").unwrap();
        assert!(w.cite(0, c("h1")).unwrap());
        // Rewording keeps the citation.
        w.answer("Head of Operations").unwrap();
        assert_eq!(w.items()[0].cites, vec![c("h1")]);
        // Citing again takes it back.
        assert!(!w.cite(0, c("h1")).unwrap());
        assert!(w.items()[0].is_assumption());
        w.jump_to("pains").unwrap();
        w.add_item("Typed pain").unwrap();
        let at = w
            .add_quote_as_item(c("h2"), "Every Monday I lose\nhalf a day")
            .unwrap();
        assert_eq!(at, 1);
        assert_eq!(
            w.items()[1].value,
            Value::Text("Every Monday I lose half a day".into())
        );
        assert_eq!(w.items()[1].cites, vec![c("h2")]);
        w.cite(0, c("h3")).unwrap();
        w.set_item(0, "Typed pain, reworded").unwrap();
        assert_eq!(w.items()[0].cites, vec![c("h3")]);
        w.move_item(0, false);
        assert_eq!(w.items()[1].cites, vec![c("h3")]);
        w.remove_item(0);
        assert_eq!(w.items().len(), 1);
        w.jump_to("team").unwrap();
        assert!(matches!(
            w.add_quote_as_item(c("h1"), "twelve").unwrap_err(),
            ValidationError::QuoteNotAValue { .. }
        ));
        w.jump_to(NAME_FIELD).unwrap();
        w.answer("Olivia").unwrap();
        let Entity::Persona(p) = w.finish(&ws(), now(), today()).unwrap() else {
            panic!()
        };
        assert_eq!(p.last_validated, Some(today()), "new evidence validates");
    }

    #[test]
    fn editing_starts_from_the_values_and_keeps_the_rest() {
        let mut p = Persona::new("olivia", "outdoor", "Olivia", "t");
        p.created = Some("2026-01-01T00:00:00Z".parse().unwrap());
        p.last_validated = Some(jiff::civil::date(2026, 1, 2));
        p.fields
            .insert("title".into(), vec![Item::text("Ops").citing([c("h1")])]);
        p.fields.insert("gone".into(), vec![Item::text("kept")]);
        p.fields.insert("pains".into(), vec![Item::text("Stock")]);
        let mut w = Wizard::edit(template(), Entity::Persona(p.clone()));
        assert_eq!(w.name(), "Olivia");
        w.next().unwrap();
        assert_eq!(w.items()[0].value.to_string(), "Ops");
        w.answer("Operations").unwrap();
        let Entity::Persona(out) = w.finish(&ws(), now(), today()).unwrap() else {
            panic!()
        };
        assert_eq!(out.id, "olivia");
        assert_eq!(out.created, p.created);
        assert_eq!(out.updated, Some(now()));
        assert_eq!(out.last_validated, p.last_validated, "no new evidence");
        assert_eq!(out.fields["gone"][0].value.to_string(), "kept");
        // New evidence moves the date.
        w.jump_to("title").unwrap();
        w.cite(0, c("h9")).unwrap();
        let Entity::Persona(out) = w.finish(&ws(), now(), today()).unwrap() else {
            panic!()
        };
        assert_eq!(out.last_validated, Some(today()));
    }

    #[test]
    fn drafts_round_trip_and_survive_a_changed_template() {
        let mut w = persona_wizard();
        w.answer("Olivia 日本").unwrap();
        w.next().unwrap();
        w.answer("Head").unwrap();
        w.cite(0, c("h1")).unwrap();
        w.jump_to("stage").unwrap();
        w.answer("Seed").unwrap();
        w.jump_to("team").unwrap();
        w.answer("12").unwrap();
        let snap = w.snapshot(now());
        let text = toml::to_string(&snap).unwrap();
        let back: Snapshot = toml::from_str(&text).unwrap();
        assert_eq!(back, snap);
        assert_eq!(back.name(), "Olivia 日本");
        let (again, notes) = Wizard::restore(&back, template(), None).unwrap();
        assert!(notes.is_empty());
        assert_eq!(again, w);

        // The template lost `stage` and `team` became text.
        let mut changed = template();
        changed.sections[0].fields.retain(|f| f.id != "stage");
        changed.sections[0].fields[2].kind = FieldKind::ShortText;
        let (again, notes) = Wizard::restore(&back, changed, None).unwrap();
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("`stage`") && notes[0].contains("`team`"),
            "{notes:?}"
        );
        assert_eq!(again.items_of("title")[0].cites, vec![c("h1")]);
        assert_eq!(again.current().unwrap().id, "team");
    }

    #[test]
    fn interview_metadata_uses_the_same_engine() {
        let t = interview_template(&["outdoor".into()]);
        assert!(t.check().is_empty(), "{:?}", t.check());
        let mut w = Wizard::new(t, Subject::Interview);
        assert_eq!(w.current().unwrap().id, "title");
        w.answer("Dana, Acme").unwrap();
        w.next().unwrap();
        assert!(matches!(
            w.answer("last tuesday").unwrap_err(),
            ValidationError::NotADate { .. }
        ));
        w.answer("2026-09-12").unwrap();
        w.jump_to("source").unwrap();
        w.answer("sales call").unwrap();
        w.jump_to("icp").unwrap();
        w.answer("outdoor").unwrap();
        let Entity::Interview(i) = w.finish(&ws(), now(), today()).unwrap() else {
            panic!()
        };
        assert_eq!(i.id, "dana-acme");
        assert_eq!(i.date, Some(jiff::civil::date(2026, 9, 12)));
        assert_eq!(i.source, Source::SalesCall);
        assert_eq!(i.icp.as_deref(), Some("outdoor"));
        let w = Wizard::edit(interview_template(&[]), Entity::Interview(i.clone()));
        assert_eq!(w.items_of("source")[0].value.to_string(), "sales call");
    }
}
