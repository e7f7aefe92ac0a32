//! The built-in interview template (title, date, who, source, ICP) and
//! the name step every ICP and persona starts with.

use super::{INTERVIEW_TEMPLATE, NAME_FIELD, Subject};
use crate::domain::interview::Source;
use crate::domain::template::{Field, FieldKind, Section, SectionStyle, Template, TemplateKind};
use crate::domain::value::Extra;

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
        schema: crate::domain::SCHEMA,
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

pub(super) fn name_field(subject: &Subject) -> Field {
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
