//! A template shown for one lead the way the app previews it: every piece
//! of text, each token filled or marked where it cannot be (an unknown
//! name, a missing value without a default), so a writer sees the message
//! and its holes at once. The filling is [`super::render`]'s, the names
//! [`Vocabulary`]'s.

use super::lead::Lead;
use super::render::{Scope, fill_token};
use super::token::{self, Parsed};
use super::vocabulary::Vocabulary;
use crate::domain::Persona;
use crate::domain::value::Value;

/// One piece of a previewed part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// The template's own words.
    Text(String),
    /// A token's value.
    Filled(String),
    /// A token with no value for this lead (`unknown`: the name means
    /// nothing at all).
    Gap {
        token: String,
        why: String,
        unknown: bool,
    },
}

/// The pieces of one part (subject or body) for this lead.
pub fn pieces(parsed: &Parsed, scope: &Scope, words: &Vocabulary) -> Vec<Piece> {
    parsed
        .parts
        .iter()
        .map(|part| match part {
            token::Part::Text(text) => Piece::Text(text.clone()),
            token::Part::Token(token) => match words.meaning(token) {
                Err(why) => Piece::Gap {
                    token: token.source.clone(),
                    why,
                    unknown: true,
                },
                Ok(_) => match fill_token(token, scope) {
                    Ok(text) => Piece::Filled(text),
                    Err(why) => Piece::Gap {
                        token: token.source.clone(),
                        why,
                        unknown: false,
                    },
                },
            },
        })
        .collect()
}

/// A made-up lead for previewing before any lead file is open: a first
/// and last name, an address, a company, and the persona's own job title
/// (so its match rules would pick it).
pub fn sample_lead(persona: &Persona) -> Lead {
    let title = persona
        .fields
        .get("job_title")
        .and_then(|items| items.first())
        .map(|item| match &item.value {
            Value::Text(text) => text.clone(),
            other => other.to_string(),
        })
        .or_else(|| persona.rules.job_title.first().cloned())
        .unwrap_or_else(|| "Head of Operations".into());
    let fields = [
        ("first_name", "Alex"),
        ("last_name", "Sample"),
        ("full_name", "Alex Sample"),
        ("email", "alex.sample@example.com"),
        ("company", "Example Outdoor Co"),
        ("job_title", title.as_str()),
        ("city", "Denver"),
        ("country", "United States"),
    ];
    let columns: [(&str, &str); 0] = [];
    Lead::new(0, fields, columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outreach::OutreachTemplate;

    #[test]
    fn tokens_are_filled_or_marked_with_the_reason() {
        let mut persona = Persona::new("olivia", "outdoor", "Operations Olivia", "b2b");
        persona.rules.job_title = vec!["operations".into()];
        let lead = sample_lead(&persona);
        assert_eq!(lead.get("job_title"), Some("operations"));
        persona.fields.insert(
            "job_title".into(),
            vec![crate::domain::Item::text("Head of Operations")],
        );
        assert_eq!(
            sample_lead(&persona).get("job_title"),
            Some("Head of Operations")
        );
        let mut t = OutreachTemplate::new("x", "X");
        t.subject = "Hi {{ first_name }}".into();
        t.body =
            "At {{ company }}: {{ frist_name }} {{ phone }} {{ phone | default: \"-\" }}".into();
        let compiled = t.compile().unwrap();
        let words = Vocabulary::new(
            ["first_name", "company", "phone"].map(String::from),
            Vec::<String>::new(),
            Vec::<String>::new(),
        );
        let scope = Scope {
            lead: &lead,
            persona: Some(&persona),
            stage: None,
        };
        assert_eq!(
            pieces(&compiled.subject, &scope, &words),
            [Piece::Text("Hi ".into()), Piece::Filled("Alex".into())]
        );
        let body = pieces(&compiled.body, &scope, &words);
        assert_eq!(body[1], Piece::Filled("Example Outdoor Co".into()));
        assert!(
            matches!(&body[3], Piece::Gap { unknown: true, why, .. } if why.contains("first_name"))
        );
        assert!(matches!(&body[5], Piece::Gap { unknown: false, why, .. } if why == "no phone"));
        assert_eq!(body[7], Piece::Filled("-".into()));
    }
}
