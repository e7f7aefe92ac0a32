//! The wizard's state as a draft in `.drafts/`, and a wizard back from one.

use super::{Entity, NAME_FIELD, Subject, Wizard, items_to_text};
use crate::domain::template::{FieldKind, Template};
use crate::domain::value::{Fields, Item, Value};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Wizard state as written to `.drafts/`: what is being made, from which
/// template, where the user was, and every answer with its citations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    #[serde(default = "crate::domain::schema_version")]
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

impl Wizard {
    /// The wizard's state as a draft.
    pub fn snapshot(&self, saved: Timestamp) -> Snapshot {
        let (kind, icp) = match &self.subject {
            Subject::Icp => ("icp", None),
            Subject::Persona { icp } => ("persona", Some(icp.clone())),
            Subject::Interview => ("interview", None),
        };
        Snapshot {
            schema: crate::domain::SCHEMA,
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
