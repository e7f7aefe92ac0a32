//! An outreach template: `templates/outreach/<id>.toml`.

use super::matrix::Stage;
use super::token::{self, Parsed, SyntaxError, Token};
use crate::domain::value::Extra;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where the message is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    #[default]
    Email,
    Linkedin,
    Phone,
    Sms,
    Other,
}

impl Channel {
    pub fn key(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Linkedin => "linkedin",
            Channel::Phone => "phone",
            Channel::Sms => "sms",
            Channel::Other => "other",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutreachTemplate {
    /// The file name under `templates/outreach/`; not stored in the file.
    #[serde(skip)]
    pub id: String,
    #[serde(default = "crate::domain::schema_version")]
    pub schema: u32,
    pub name: String,
    #[serde(default)]
    pub channel: Channel,
    /// The personas (ids) it is written for, in priority order.
    #[serde(default)]
    pub personas: Vec<String>,
    /// Fit tiers it is for (`A`, `B`); empty is every tier.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<String>,
    /// ICP segments it is for; empty is every segment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<String>,
    /// Which messaging row `{{ pain }}` uses: the first of this stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    pub body: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl OutreachTemplate {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> OutreachTemplate {
        OutreachTemplate {
            id: id.into(),
            schema: crate::domain::SCHEMA,
            name: name.into(),
            channel: Channel::default(),
            personas: Vec::new(),
            tiers: Vec::new(),
            segments: Vec::new(),
            stage: None,
            subject: String::new(),
            body: String::new(),
            extra: Extra::new(),
        }
    }
}

/// The two texts of a template that hold tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Subject,
    Body,
}

impl Part {
    pub fn key(self) -> &'static str {
        match self {
            Part::Subject => "subject",
            Part::Body => "body",
        }
    }
}

/// A template whose subject and body parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Compiled {
    pub subject: Parsed,
    pub body: Parsed,
}

impl Compiled {
    /// Every token with the part it is in, subject first.
    pub fn tokens(&self) -> impl Iterator<Item = (Part, &Token)> {
        tokens_of(Part::Subject, &self.subject).chain(tokens_of(Part::Body, &self.body))
    }
}

fn tokens_of(part: Part, parsed: &Parsed) -> impl Iterator<Item = (Part, &Token)> {
    parsed.parts.iter().filter_map(move |p| match p {
        token::Part::Token(t) => Some((part, t)),
        token::Part::Text(_) => None,
    })
}

/// A mistake in a template, in one of its parts (or in the file as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub part: Option<Part>,
    /// Where in that part's text; `None` for the part (or file) as a whole.
    pub pos: Option<token::Pos>,
    pub message: String,
}

impl OutreachTemplate {
    /// Parses the subject and body, and checks what the file must hold.
    pub fn compile(&self) -> Result<Compiled, Vec<TemplateError>> {
        let (compiled, errors) = self.compile_all();
        if errors.is_empty() {
            Ok(compiled)
        } else {
            Err(errors)
        }
    }

    /// Like [`OutreachTemplate::compile`], keeping the well-formed tokens
    /// of a template that has mistakes, so they can be checked as well.
    pub fn compile_all(&self) -> (Compiled, Vec<TemplateError>) {
        let mut errors = Vec::new();
        let mut parse =
            |part: Part, text: &str| {
                let (parsed, found) = token::parse_all(text);
                errors.extend(found.into_iter().map(|SyntaxError { pos, message }| {
                    TemplateError {
                        part: Some(part),
                        pos: Some(pos),
                        message,
                    }
                }));
                parsed
            };
        let subject = parse(Part::Subject, &self.subject);
        let body = parse(Part::Body, &self.body);
        if self.body.trim().is_empty() {
            errors.push(TemplateError {
                part: Some(Part::Body),
                pos: None,
                message: "the body is empty".into(),
            });
        }
        if self.channel == Channel::Email && self.subject.trim().is_empty() {
            errors.push(TemplateError {
                part: None,
                pos: None,
                message: "an email template needs a `subject`".into(),
            });
        }
        if self.subject.contains('\n') {
            errors.push(TemplateError {
                part: Some(Part::Subject),
                pos: None,
                message: "the subject must be one line".into(),
            });
        }
        (Compiled { subject, body }, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_file() {
        let text = r#"
schema = 1
name = "Olivia, first touch"
channel = "email"
personas = ["operations-olivia"]
tiers = ["A", "B"]
stage = "awareness"
subject = "{{ company }} and Monday stock counts"
body = """
Hi {{ first_name | default: "there" }},

{{ pain.value }}
"""
"#;
        let t: OutreachTemplate = toml::from_str(text).unwrap();
        assert_eq!(t.stage, Some(Stage::Awareness));
        let compiled = t.compile().unwrap();
        let names: Vec<String> = compiled.tokens().map(|(_, t)| t.name()).collect();
        assert_eq!(names, vec!["company", "first_name", "pain.value"]);
        let back = toml::to_string(&t).unwrap();
        let again: OutreachTemplate = toml::from_str(&back).unwrap();
        assert_eq!(again, t);
    }

    #[test]
    fn mistakes_name_their_part() {
        let mut t = OutreachTemplate::new("x", "X");
        t.body = "Hi {{ first_name }".into();
        let errors = t.compile().unwrap_err();
        assert_eq!(errors[0].part, Some(Part::Body));
        assert_eq!(errors[0].pos.unwrap().column, 4);
        assert_eq!(errors[1].message, "an email template needs a `subject`");
        t.channel = Channel::Linkedin;
        t.body = "Hi {{ first_name }}".into();
        assert!(t.compile().is_ok());
    }
}
