//! Building the ICP, persona or interview from the answers.

use super::{Entity, NAME_FIELD, Subject, ValidationError, Wizard, items_to_text};
use crate::domain::icp::Icp;
use crate::domain::interview::{Interview, Source};
use crate::domain::persona::Persona;
use crate::domain::value::{Citation, Fields};
use crate::domain::workspace::{Kind, Workspace};
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeSet;

impl Wizard {
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
        fields.remove(super::MESSAGING_FIELD);
        // Answers kept for fields the template no longer has stay with the
        // entity (they were in the file); nothing else is invented.
        let base_fields: Fields = match &self.base {
            Some(Entity::Icp(x)) => x.fields.clone(),
            Some(Entity::Persona(x)) => x.fields.clone(),
            _ => Fields::new(),
        };
        let new_evidence = {
            let before = citations(&base_fields);
            citations(&fields).into_iter().any(|c| !before.contains(c))
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
                super::messaging::apply(&mut persona, self.items_of(super::MESSAGING_FIELD))?;
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
}

/// Every citation in the answers.
fn citations(fields: &Fields) -> BTreeSet<&Citation> {
    fields
        .values()
        .flatten()
        .flat_map(|i| i.cites.iter())
        .collect()
}
