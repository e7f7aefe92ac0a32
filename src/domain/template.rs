//! Templates describe the sections and fields of an ICP or persona.

use super::value::Extra;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// What a template is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateKind {
    Icp,
    Persona,
}

impl fmt::Display for TemplateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TemplateKind::Icp => "icp",
            TemplateKind::Persona => "persona",
        })
    }
}

/// The kind of answer a field takes, which decides the wizard's input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    ShortText,
    LongText,
    List,
    Number,
    Range,
    Choice,
    Tags,
}

impl FieldKind {
    /// Kinds that hold several items; the others hold at most one.
    pub fn is_multi(self) -> bool {
        matches!(self, FieldKind::List | FieldKind::Tags)
    }

    pub fn label(self) -> &'static str {
        match self {
            FieldKind::ShortText => "short text",
            FieldKind::LongText => "long text",
            FieldKind::List => "list",
            FieldKind::Number => "number",
            FieldKind::Range => "range",
            FieldKind::Choice => "choice",
            FieldKind::Tags => "tags",
        }
    }
}

/// How a section is laid out on a card and in exported markdown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionStyle {
    /// One row per field: label, value, evidence.
    Table,
    /// Each field as a heading with its items beneath.
    #[default]
    List,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    /// The question the wizard asks.
    pub question: String,
    /// One line of help shown under the question.
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub required: bool,
    /// Highlight tags whose quotes are offered as evidence for this field.
    #[serde(default)]
    pub feeds: Vec<String>,
    /// The choices of a `choice` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Unit shown after numbers and ranges (`employees`, `USD`, `years`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub style: SectionStyle,
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a template came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateOrigin {
    #[default]
    BuiltIn,
    Workspace,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub origin: TemplateOrigin,
    #[serde(default = "super::schema_version")]
    pub schema: u32,
    pub name: String,
    pub kind: TemplateKind,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Something wrong inside a template that TOML itself accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub message: String,
    /// Text to look for in the file to point at the right line.
    pub near: Option<String>,
    /// Which occurrence of `near` (0 for the first); a duplicate points at
    /// its second use.
    pub nth: usize,
}

impl Template {
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }

    /// Rules TOML cannot express: unique ids, labels and questions present,
    /// choices with options.
    pub fn check(&self) -> Vec<TemplateError> {
        let mut errors = Vec::new();
        let mut sections = HashSet::new();
        let mut fields = HashSet::new();
        if self.name.trim().is_empty() {
            errors.push(TemplateError {
                message: "the template has no name".into(),
                near: Some("name".into()),
                nth: 0,
            });
        }
        if self.sections.is_empty() {
            errors.push(TemplateError {
                message: "the template has no sections".into(),
                near: None,
                nth: 0,
            });
        }
        for section in &self.sections {
            let near = Some(format!("\"{}\"", section.id));
            if !super::id::is_valid_id(&section.id) {
                errors.push(TemplateError {
                    message: format!(
                        "section id `{}` must use lowercase letters, digits, `-` or `_`",
                        section.id
                    ),
                    near: near.clone(),
                    nth: 0,
                });
            }
            if !sections.insert(section.id.as_str()) {
                errors.push(TemplateError {
                    message: format!("section id `{}` is used twice", section.id),
                    near,
                    nth: 1,
                });
            }
            for field in &section.fields {
                let near = Some(format!("\"{}\"", field.id));
                let mut problem = |message: String, nth: usize| {
                    errors.push(TemplateError {
                        message,
                        near: near.clone(),
                        nth,
                    })
                };
                if !super::id::is_valid_id(&field.id) {
                    problem(
                        format!(
                            "field id `{}` must use lowercase letters, digits, `-` or `_`",
                            field.id
                        ),
                        0,
                    );
                }
                if !fields.insert(field.id.as_str()) {
                    problem(format!("field id `{}` is used twice", field.id), 1);
                }
                if field.label.trim().is_empty() {
                    problem(format!("field `{}` has no label", field.id), 0);
                }
                if field.question.trim().is_empty() {
                    problem(format!("field `{}` has no question", field.id), 0);
                }
                if field.kind == FieldKind::Choice && field.options.is_empty() {
                    problem(
                        format!(
                            "choice field `{}` lists no options (add `options = [...]`)",
                            field.id
                        ),
                        0,
                    );
                }
            }
        }
        errors
    }
}
