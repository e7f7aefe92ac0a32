//! Which token names exist: lead fields, columns of the lead file, the
//! persona's values and the messaging row.

use super::matrix::ROW_PARTS;
use super::token::Token;
use std::collections::BTreeSet;

/// What a token name stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// A canonical lead field (`first_name`, `company`).
    LeadField(String),
    /// A column of the lead file, by its header (`favourite_trail`).
    Column(String),
    /// `persona.name`.
    PersonaName,
    /// `persona.<field>`: a field of the persona's card.
    PersonaField(String),
    /// `pain` (the pain's words) or `pain.<part>`.
    Pain(Option<String>),
}

impl Meaning {
    /// Whether the value comes from the lead (and so can be missing on one
    /// row and present on the next).
    pub fn is_lead(&self) -> bool {
        matches!(self, Meaning::LeadField(_) | Meaning::Column(_))
    }
}

/// The names a template may use.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    lead_fields: BTreeSet<String>,
    columns: BTreeSet<String>,
    persona_fields: BTreeSet<String>,
}

impl Vocabulary {
    /// `lead_fields`: the canonical lead field names; `persona_fields`: the
    /// field ids of the personas' templates; `columns`: the header names of
    /// the lead file (as [`super::lead::header_key`] makes them), if one is
    /// given.
    pub fn new<A, B, C>(lead_fields: A, persona_fields: B, columns: C) -> Vocabulary
    where
        A: IntoIterator<Item = String>,
        B: IntoIterator<Item = String>,
        C: IntoIterator<Item = String>,
    {
        Vocabulary {
            lead_fields: lead_fields.into_iter().collect(),
            persona_fields: persona_fields.into_iter().collect(),
            columns: columns.into_iter().collect(),
        }
    }

    /// What the token stands for, or why it stands for nothing (one
    /// sentence, with the likely name meant).
    pub fn meaning(&self, token: &Token) -> Result<Meaning, String> {
        let path: Vec<&str> = token.path.iter().map(String::as_str).collect();
        let found = match path.as_slice() {
            ["persona", "name"] => Some(Meaning::PersonaName),
            ["persona", field] if self.persona_fields.contains(*field) => {
                Some(Meaning::PersonaField(field.to_string()))
            }
            ["pain"] => Some(Meaning::Pain(None)),
            ["pain", part] if ROW_PARTS.contains(part) => {
                Some(Meaning::Pain(Some(part.to_string())))
            }
            [name] if self.lead_fields.contains(*name) => {
                Some(Meaning::LeadField(name.to_string()))
            }
            [name] if self.columns.contains(*name) => Some(Meaning::Column(name.to_string())),
            _ => None,
        };
        found.ok_or_else(|| self.unknown(token))
    }

    /// Every name, for completion and for messages.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.lead_fields.iter().cloned().collect();
        names.extend(
            self.columns
                .iter()
                .filter(|c| !self.lead_fields.contains(*c))
                .cloned(),
        );
        names.push("persona.name".into());
        names.extend(self.persona_fields.iter().map(|f| format!("persona.{f}")));
        names.push("pain".into());
        names.extend(ROW_PARTS.iter().map(|p| format!("pain.{p}")));
        names
    }

    /// The names that start with what was typed (any case), for token
    /// completion in an editor: lead fields and columns first, then the
    /// persona's and the matrix's.
    pub fn complete(&self, typed: &str) -> Vec<String> {
        let typed = typed.trim().to_ascii_lowercase();
        self.names()
            .into_iter()
            .filter(|name| name.starts_with(&typed))
            .collect()
    }

    fn unknown(&self, token: &Token) -> String {
        let mut message = format!("unknown token `{}`", token.source.trim());
        if let Some(meant) = self.suggest(&token.path) {
            message.push_str(&format!(": did you mean `{{{{ {meant} }}}}`?"));
            return message;
        }
        message.push_str(match token.path.first().map(String::as_str) {
            Some("persona") => {
                if token.path.len() == 1 {
                    ": write `{{ persona.name }}` or a persona field such as `{{ persona.key_message }}`"
                } else {
                    ": it is not a field of the persona's template"
                }
            }
            Some("pain") => ": write `{{ pain }}` or `{{ pain.value }}`, `{{ pain.proof }}`, `{{ pain.cta }}`, `{{ pain.stage }}`",
            _ if self.columns.is_empty() => {
                ": it is not a lead field, `persona.<field>` or `pain` (a column of that name in the lead file would also do)"
            }
            _ => ": it is not a lead field, a column of the lead file, `persona.<field>` or `pain`",
        });
        message
    }

    /// The name probably meant: the same letters in another spelling
    /// (`firstName`, `contact.firstname`), a common alias, or a near miss.
    fn suggest(&self, path: &[String]) -> Option<String> {
        let names = self.names();
        let squash = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .flat_map(|c| c.to_lowercase())
                .collect()
        };
        let whole = squash(&path.join(""));
        let last = squash(path.last().map(String::as_str).unwrap_or(""));
        let alias = |s: &str| -> Option<&'static str> {
            Some(match s {
                "firstname" | "fname" | "givenname" => "first_name",
                "lastname" | "lname" | "surname" | "familyname" => "last_name",
                "companyname" | "company" | "organization" | "organisation" | "account"
                | "name" => "company",
                "title" | "jobtitle" | "position" | "role" => "job_title",
                "emailaddress" | "email" => "email",
                _ => return None,
            })
        };
        for candidate in [&whole, &last] {
            if let Some(name) = names.iter().find(|n| squash(n) == *candidate) {
                return Some(name.clone());
            }
        }
        // HubSpot's `contact.firstname`, `company.name`; lemlist's `companyName`.
        let foreign = match path.first().map(String::as_str) {
            Some("contact" | "company" | "lead" | "account") if path.len() == 2 => {
                alias(&last).or(alias(&squash(&path.join(""))))
            }
            _ => alias(&whole),
        };
        if let Some(name) = foreign
            && names.iter().any(|n| n == name)
        {
            return Some(name.to_string());
        }
        let written = path.join(".");
        names
            .iter()
            .map(|n| (distance(n, &written), n))
            .filter(|(d, n)| *d <= 2.min(n.len() / 3))
            .min_by_key(|(d, _)| *d)
            .map(|(_, n)| n.clone())
    }
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::super::token::{Part, parse};
    use super::*;

    fn vocabulary(columns: &[&str]) -> Vocabulary {
        Vocabulary::new(
            ["first_name", "last_name", "company", "job_title", "email"].map(String::from),
            ["key_message", "pain_points"].map(String::from),
            columns.iter().map(|c| c.to_string()),
        )
    }

    fn check(v: &Vocabulary, text: &str) -> Result<Meaning, String> {
        let parsed = parse(text).unwrap();
        let Part::Token(token) = &parsed.parts[0] else {
            panic!("no token")
        };
        v.meaning(token)
    }

    #[test]
    fn names_mean_lead_persona_and_matrix_values() {
        let v = vocabulary(&["favourite_trail"]);
        assert_eq!(
            check(&v, "{{ first_name }}"),
            Ok(Meaning::LeadField("first_name".into()))
        );
        assert_eq!(
            check(&v, "{{ favourite_trail }}"),
            Ok(Meaning::Column("favourite_trail".into()))
        );
        assert_eq!(
            check(&v, "{{ persona.key_message }}"),
            Ok(Meaning::PersonaField("key_message".into()))
        );
        assert_eq!(check(&v, "{{ pain }}"), Ok(Meaning::Pain(None)));
        assert_eq!(
            check(&v, "{{ pain.cta }}"),
            Ok(Meaning::Pain(Some("cta".into())))
        );
    }

    #[test]
    fn completion_offers_every_kind_of_name() {
        let v = vocabulary(&["favourite_trail", "first_name"]);
        assert_eq!(v.complete("fi"), ["first_name"]);
        assert_eq!(v.complete("FAV"), ["favourite_trail"]);
        assert_eq!(v.complete("persona.k"), ["persona.key_message"]);
        assert_eq!(
            v.complete("pain."),
            ["pain.value", "pain.proof", "pain.cta", "pain.stage"]
        );
        assert!(v.complete("").len() > 10);
    }

    #[test]
    fn other_spellings_get_a_suggestion() {
        let v = vocabulary(&[]);
        let message = |text| check(&v, text).unwrap_err();
        assert_eq!(
            message("{{ firstName }}"),
            "unknown token `{{ firstName }}`: did you mean `{{ first_name }}`?"
        );
        assert_eq!(
            message("{{ contact.firstname }}"),
            "unknown token `{{ contact.firstname }}`: did you mean `{{ first_name }}`?"
        );
        assert_eq!(
            message("{{ company.name }}"),
            "unknown token `{{ company.name }}`: did you mean `{{ company }}`?"
        );
        assert_eq!(
            message("{{ companyName }}"),
            "unknown token `{{ companyName }}`: did you mean `{{ company }}`?"
        );
        assert_eq!(
            message("{{ title }}"),
            "unknown token `{{ title }}`: did you mean `{{ job_title }}`?"
        );
        assert_eq!(
            message("{{ frist_name }}"),
            "unknown token `{{ frist_name }}`: did you mean `{{ first_name }}`?"
        );
        assert_eq!(
            message("{{ persona.key_mesage }}"),
            "unknown token `{{ persona.key_mesage }}`: did you mean `{{ persona.key_message }}`?"
        );
        assert_eq!(
            message("{{ shoe_size }}"),
            "unknown token `{{ shoe_size }}`: it is not a lead field, `persona.<field>` or `pain` (a column of that name in the lead file would also do)"
        );
        assert_eq!(
            message("{{ persona.shoe_size }}"),
            "unknown token `{{ persona.shoe_size }}`: it is not a field of the persona's template"
        );
        assert!(message("{{ persona }}").contains("persona.name"));
        assert!(message("{{ pain.price }}").contains("pain.value"));
    }
}
