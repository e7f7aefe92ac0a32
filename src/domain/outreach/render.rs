//! Filling a template for one lead, or saying exactly why it cannot be
//! filled. Nothing half-filled ever comes out: a token without a value and
//! without a default makes the whole message a gap.

use super::lead::Lead;
use super::matrix::{self, MessagingRow, Stage};
use super::template::{Compiled, Part};
use super::token::{self, Parsed, Pos};
use crate::domain::Persona;
use crate::domain::value::Value;

/// What a message for one lead is filled from.
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    pub lead: &'a Lead,
    /// The persona the lead was matched to.
    pub persona: Option<&'a Persona>,
    /// The template's stage, which picks the messaging row.
    pub stage: Option<Stage>,
}

impl<'a> Scope<'a> {
    /// The messaging row `{{ pain }}` uses for this lead.
    pub fn row(&self) -> Option<&'a MessagingRow> {
        self.persona.and_then(|p| matrix::row_for(p, self.stage))
    }
}

/// A filled message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub body: String,
}

/// A token that could not be filled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub part: Part,
    pub pos: Pos,
    /// The token as written.
    pub token: String,
    /// Why it has no value, in words: "no first_name".
    pub why: String,
}

impl Gap {
    /// One line for the skipped file: "no first_name for `{{ first_name }}`,
    /// which has no default".
    pub fn reason(&self) -> String {
        if self.why.starts_with("no ") {
            format!("{} for `{}`, which has no default", self.why, self.token)
        } else {
            format!("`{}` has no default and {}", self.token, self.why)
        }
    }
}

/// All the gaps of one lead as one sentence; a token used twice is named
/// once.
pub fn reasons(gaps: &[Gap]) -> String {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for gap in gaps {
        if !seen.contains(&(gap.why.as_str(), gap.token.as_str())) {
            seen.push((&gap.why, &gap.token));
            out.push(gap.reason());
        }
    }
    out.join("; ")
}

/// Fills both parts of a template, or lists every gap.
pub fn render(compiled: &Compiled, scope: &Scope) -> Result<Message, Vec<Gap>> {
    let mut gaps = Vec::new();
    let subject = fill(&compiled.subject, Part::Subject, scope, &mut gaps);
    let body = fill(&compiled.body, Part::Body, scope, &mut gaps);
    if !gaps.is_empty() {
        return Err(gaps);
    }
    Ok(Message {
        subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
        body: tidy_body(&body),
    })
}

fn fill(parsed: &Parsed, part: Part, scope: &Scope, gaps: &mut Vec<Gap>) -> String {
    let mut out = String::new();
    for piece in &parsed.parts {
        match piece {
            token::Part::Text(text) => out.push_str(text),
            token::Part::Token(token) => match fill_token(token, scope) {
                Ok(text) => out.push_str(&text),
                Err(why) => gaps.push(Gap {
                    part,
                    pos: token.pos,
                    token: token.source.clone(),
                    why,
                }),
            },
        }
    }
    out
}

/// A token's text after its filters (a default fills a missing value), or
/// why it has none.
pub fn fill_token(token: &token::Token, scope: &Scope) -> Result<String, String> {
    let (value, why) = match value_of(&token.path, scope) {
        Ok(value) => (Some(value), None),
        Err(why) => (None, Some(why)),
    };
    token
        .filters
        .iter()
        .fold(value, |value, filter| filter.apply(value))
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| why.unwrap_or_else(|| format!("{} is blank", token.name())))
}

/// A token's value before filters, or why there is none.
pub fn value_of(path: &[String], scope: &Scope) -> Result<String, String> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let value = match path.as_slice() {
        ["persona", rest @ ..] => {
            let persona = scope.persona.ok_or("no persona")?;
            match rest {
                ["name"] => Some(persona.name.clone()),
                [field] => persona_value(persona, field),
                _ => None,
            }
            .ok_or_else(|| format!("persona `{}` has no {}", persona.id, rest.join(".")))?
        }
        ["pain", rest @ ..] => {
            let persona = scope.persona.ok_or("no persona")?;
            let row = scope.row().ok_or_else(|| match scope.stage {
                Some(stage) => format!(
                    "persona `{}` has no messaging row for the {stage} stage",
                    persona.id
                ),
                None => format!("persona `{}` has no messaging row", persona.id),
            })?;
            match rest {
                [] => matrix::pain_text(persona, row).ok_or_else(|| {
                    format!(
                        "persona `{}` has no pain `{}` (its messaging row refers to it)",
                        persona.id, row.pain
                    )
                })?,
                [part] => row.part(part).ok_or_else(|| {
                    format!(
                        "persona `{}` has no {part} in its messaging row",
                        persona.id
                    )
                })?,
                _ => return Err(format!("no {}", path.join("."))),
            }
        }
        [name] => {
            let value = scope.lead.get(name).ok_or_else(|| format!("no {name}"))?;
            // A cell such as `=HYPERLINK(...)` is a formula someone put in
            // the lead file, not a name to greet anyone with.
            if value.starts_with(['=', '＝']) {
                return Err(format!(
                    "{name} \"{value}\" is a spreadsheet formula, not a value"
                ));
            }
            value.to_string()
        }
        _ => return Err(format!("no {}", path.join("."))),
    };
    if value.contains("{{") || value.contains("}}") {
        return Err(format!(
            "{} holds `{{{{` or `}}}}`, which a sending tool would read as a token",
            path.join(".")
        ));
    }
    Ok(value)
}

/// A persona field as message text: items joined by `, `.
fn persona_value(persona: &Persona, field: &str) -> Option<String> {
    let items = persona.fields.get(field)?;
    let texts: Vec<String> = items
        .iter()
        .map(|item| match &item.value {
            Value::Text(text) => text.trim().to_string(),
            other => other.to_string(),
        })
        .filter(|text| !text.is_empty())
        .collect();
    (!texts.is_empty()).then(|| texts.join(", "))
}

/// Line breaks as `\n`, no blank lines before or trailing spaces after.
fn tidy_body(body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    let lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Item;
    use crate::domain::outreach::matrix::{PAIN_FIELD, ensure_pain_id};
    use crate::domain::outreach::template::OutreachTemplate;

    fn compiled(subject: &str, body: &str) -> Compiled {
        let mut t = OutreachTemplate::new("t", "T");
        t.subject = subject.into();
        t.body = body.into();
        t.compile().unwrap()
    }

    fn olivia() -> Persona {
        let mut p = Persona::new(
            "olivia",
            "outdoor",
            "Operations Olivia",
            "b2b-decision-maker",
        );
        p.fields
            .insert("key_message".into(), vec![Item::text("One stock count.")]);
        p.fields
            .insert(PAIN_FIELD.into(), vec![Item::text("Monday stock counts")]);
        let id = ensure_pain_id(&mut p, 0).unwrap();
        let mut row = MessagingRow::new(id);
        row.value = "Mondays back".into();
        row.stage = Stage::Awareness;
        p.messaging.push(row);
        p
    }

    #[test]
    fn fills_lead_persona_and_matrix_values() {
        let lead = Lead::new(
            2,
            [("first_name", "dana"), ("company", "Acme Outdoor")],
            Vec::<(&str, &str)>::new(),
        );
        let p = olivia();
        let scope = Scope {
            lead: &lead,
            persona: Some(&p),
            stage: None,
        };
        let message = render(
            &compiled(
                "{{ company }}:   {{ pain }}",
                "\n\nHi {{ first_name | capitalize }},  \n{{ persona.key_message }} {{ pain.value }}.\n\n",
            ),
            &scope,
        )
        .unwrap();
        assert_eq!(message.subject, "Acme Outdoor: Monday stock counts");
        assert_eq!(message.body, "Hi Dana,\nOne stock count. Mondays back.");
    }

    #[test]
    fn defaults_fill_gaps_and_missing_values_are_named() {
        let lead = Lead::new(7, [("company", "Acme")], Vec::<(&str, &str)>::new());
        let p = olivia();
        let scope = Scope {
            lead: &lead,
            persona: Some(&p),
            stage: None,
        };
        let ok = render(
            &compiled("x", "Hi {{ first_name | default: \"there\" }}"),
            &scope,
        )
        .unwrap();
        assert_eq!(ok.body, "Hi there");
        let gaps = render(
            &compiled(
                "{{ company }}",
                "Hi {{ first_name }},\n{{ persona.fears }} {{ pain.proof }}",
            ),
            &scope,
        )
        .unwrap_err();
        assert_eq!(
            reasons(&gaps),
            "no first_name for `{{ first_name }}`, which has no default; \
             `{{ persona.fears }}` has no default and persona `olivia` has no fears; \
             `{{ pain.proof }}` has no default and persona `olivia` has no proof in its messaging row"
        );
        assert_eq!(
            (gaps[2].part, gaps[2].pos.line, gaps[2].pos.column),
            (Part::Body, 2, 21)
        );
        let gaps = render(&compiled("{{ first_name }}", "{{ first_name }}"), &scope).unwrap_err();
        assert_eq!(
            reasons(&gaps),
            "no first_name for `{{ first_name }}`, which has no default"
        );
        let scope = Scope {
            lead: &lead,
            persona: Some(&p),
            stage: Some(Stage::Decision),
        };
        let gaps = render(&compiled("x", "{{ pain }}"), &scope).unwrap_err();
        assert_eq!(
            gaps[0].why,
            "persona `olivia` has no messaging row for the decision stage"
        );
    }

    #[test]
    fn a_value_that_looks_like_a_token_is_not_used() {
        let lead = Lead::new(2, [("company", "{{evil}}")], Vec::<(&str, &str)>::new());
        let scope = Scope {
            lead: &lead,
            persona: None,
            stage: None,
        };
        let gaps = render(&compiled("x", "{{ company }}"), &scope).unwrap_err();
        assert!(
            gaps[0]
                .why
                .contains("which a sending tool would read as a token")
        );
        let ok = render(
            &compiled("x", "{{ company | default: \"your team\" }}"),
            &scope,
        )
        .unwrap();
        assert_eq!(ok.body, "your team");
    }

    #[test]
    fn a_formula_is_not_a_value() {
        let lead = Lead::new(
            2,
            [("company", "=HYPERLINK(\"http://x\")")],
            Vec::<(&str, &str)>::new(),
        );
        let scope = Scope {
            lead: &lead,
            persona: None,
            stage: None,
        };
        let gaps = render(&compiled("x", "{{ company }}"), &scope).unwrap_err();
        assert_eq!(
            gaps[0].why,
            "company \"=HYPERLINK(\"http://x\")\" is a spreadsheet formula, not a value"
        );
    }

    #[test]
    fn a_filter_that_empties_a_value_is_a_gap() {
        let lead = Lead::new(2, [("first_name", "Dana")], Vec::<(&str, &str)>::new());
        let scope = Scope {
            lead: &lead,
            persona: None,
            stage: None,
        };
        assert!(render(&compiled("x", "{{ persona.name }}"), &scope).is_err());
    }
}
