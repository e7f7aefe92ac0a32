//! Which persona a lead is: match rules on each persona, and the choice
//! among them.
//!
//! A persona's rules (`[match]` in its file) list words or phrases for the
//! lead's job title, seniority and department, and the values a CRM's own
//! persona column uses for it (HubSpot's "Persona" property, say). A lead
//! whose persona column names a persona gets that persona. Otherwise every
//! rule is a test on one field: the field's value contains one of the
//! phrases (whole words, ignoring case and punctuation: `ops` matches
//! "Head of Ops" but not "Shops"). A persona fits a lead when at least one
//! of its tests passes and none fails; a field the lead has no value for
//! neither passes nor fails. Among the personas that fit, the one with the
//! most passing tests wins; a tie goes to the persona listed first (the
//! template's own personas come first).

use super::lead::Lead;
use crate::domain::Persona;
use crate::domain::value::Extra;
use serde::{Deserialize, Serialize};

/// A persona's match rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MatchRules {
    /// The job title contains one of these words or phrases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub job_title: Vec<String>,
    /// A job title containing one of these is never this persona
    /// ("assistant", "intern").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub job_title_excludes: Vec<String>,
    /// The seniority contains one of these (`director`, `vp`, `head`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seniority: Vec<String>,
    /// The department contains one of these (`operations`, `finance`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub department: Vec<String>,
    /// Values of the lead file's persona column that mean this persona
    /// (its name and id always do).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persona: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl MatchRules {
    pub fn is_empty(&self) -> bool {
        self.job_title.is_empty()
            && self.job_title_excludes.is_empty()
            && self.seniority.is_empty()
            && self.department.is_empty()
            && self.persona.is_empty()
            && self.extra.is_empty()
    }

    /// Whether any test on the lead's fields exists (a persona column value
    /// is not one).
    pub fn has_tests(&self) -> bool {
        !(self.job_title.is_empty() && self.seniority.is_empty() && self.department.is_empty())
    }
}

/// The lead fields the rules read, with their labels.
pub const RULE_FIELDS: [(&str, &str); 3] = [
    ("job_title", "job title"),
    ("seniority", "seniority"),
    ("department", "department"),
];

/// How a lead came to its persona.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The lead file's persona column named it.
    Column,
    /// Its rules on these fields passed.
    Rules(Vec<&'static str>),
    /// The user said every lead is this persona.
    Given,
}

/// The outcome for one lead.
#[derive(Clone, Debug, PartialEq)]
pub enum Assignment<'a> {
    Persona {
        persona: &'a Persona,
        basis: Basis,
    },
    /// Why no persona fits, in words.
    Unmatched(String),
}

/// Picks the persona for a lead among `candidates`, in priority order.
/// (For many leads, make a [`Matcher`] once.)
pub fn assign<'a>(lead: &Lead, candidates: &[&'a Persona]) -> Assignment<'a> {
    Matcher::new(candidates).assign(lead)
}

/// Phrases as words, split once.
type Phrases = Vec<Vec<String>>;

/// The match rules of a list of personas, made ready for many leads: every
/// phrase is split into words once.
#[derive(Clone, Debug)]
pub struct Matcher<'a> {
    personas: Vec<Ready<'a>>,
}

#[derive(Clone, Debug)]
struct Ready<'a> {
    persona: &'a Persona,
    /// Per rule field (as [`RULE_FIELDS`]): its phrases.
    tests: [Phrases; 3],
    excludes: Phrases,
    /// The persona column values that mean this persona.
    names: Phrases,
}

fn phrases(list: &[String]) -> Phrases {
    list.iter()
        .map(|p| words(p))
        .filter(|w| !w.is_empty())
        .collect()
}

impl<'a> Matcher<'a> {
    /// `candidates` in priority order.
    pub fn new(candidates: &[&'a Persona]) -> Matcher<'a> {
        let personas = candidates
            .iter()
            .map(|persona| {
                let rules = &persona.rules;
                let mut names = phrases(&rules.persona);
                names.push(words(&persona.name));
                names.push(words(&persona.id));
                Ready {
                    persona,
                    tests: [
                        phrases(&rules.job_title),
                        phrases(&rules.seniority),
                        phrases(&rules.department),
                    ],
                    excludes: phrases(&rules.job_title_excludes),
                    names,
                }
            })
            .collect();
        Matcher { personas }
    }

    /// The persona for one lead, or why none fits.
    pub fn assign(&self, lead: &Lead) -> Assignment<'a> {
        let column = lead.field("persona");
        if let Some(value) = column {
            let wanted = words(value);
            if let Some(ready) = self.personas.iter().find(|r| r.names.contains(&wanted)) {
                return Assignment::Persona {
                    persona: ready.persona,
                    basis: Basis::Column,
                };
            }
        }
        let values: [Option<Vec<String>>; 3] =
            RULE_FIELDS.map(|(field, _)| lead.field(field).map(words));
        let mut best: Option<(&'a Persona, Vec<&'static str>)> = None;
        for ready in &self.personas {
            if let Some(passed) = ready.fit(&values)
                && best.as_ref().is_none_or(|(_, b)| passed.len() > b.len())
            {
                best = Some((ready.persona, passed));
            }
        }
        if let Some((persona, passed)) = best {
            return Assignment::Persona {
                persona,
                basis: Basis::Rules(passed),
            };
        }
        let candidates: Vec<&Persona> = self.personas.iter().map(|r| r.persona).collect();
        Assignment::Unmatched(unmatched_reason(lead, column, &candidates))
    }
}

impl Ready<'_> {
    /// The tests that passed, or `None` when the persona does not fit.
    fn fit(&self, values: &[Option<Vec<String>>; 3]) -> Option<Vec<&'static str>> {
        let mut passed = Vec::new();
        for ((field, _), (phrases, value)) in RULE_FIELDS.iter().zip(self.tests.iter().zip(values))
        {
            if phrases.is_empty() {
                continue;
            }
            let Some(value) = value else {
                continue;
            };
            if contains_any(value, phrases) {
                passed.push(*field);
            } else {
                return None;
            }
        }
        if let Some(title) = &values[0]
            && contains_any(title, &self.excludes)
        {
            return None;
        }
        (!passed.is_empty()).then_some(passed)
    }
}

fn unmatched_reason(lead: &Lead, column: Option<&str>, candidates: &[&Persona]) -> String {
    let known: Vec<String> = RULE_FIELDS
        .iter()
        .filter_map(|(field, label)| lead.field(field).map(|v| format!("{label} \"{v}\"")))
        .collect();
    let mut reason = if candidates.is_empty() {
        "there is no persona to match".to_string()
    } else if known.is_empty() && column.is_none() {
        "no job title, seniority, department or persona value to match on".to_string()
    } else if !candidates.iter().any(|p| p.rules.has_tests()) {
        "no persona has match rules on job title, seniority or department".to_string()
    } else if known.is_empty() {
        "no job title, seniority or department value to match on".to_string()
    } else {
        format!("no persona's match rules fit {}", known.join(", "))
    };
    if let Some(value) = column {
        reason.push_str(&format!(
            "; the persona column says \"{value}\", which names no persona here"
        ));
    }
    reason
}

/// Whether the words of a value hold one of the phrases, word for word.
fn contains_any(haystack: &[String], phrases: &Phrases) -> bool {
    phrases.iter().any(|needle| {
        haystack
            .windows(needle.len())
            .any(|w| w == needle.as_slice())
    })
}

/// Lowercase words; dots and apostrophes vanish (`V.P.` is `vp`), any
/// other punctuation separates (`C-Suite` is `c suite`).
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            word.extend(ch.to_lowercase());
        } else if matches!(ch, '.' | '\'' | '’') {
            continue;
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn persona(id: &str, rules: MatchRules) -> Persona {
        let mut p = Persona::new(id, "icp", id, "t");
        p.rules = rules;
        p
    }

    fn lead(pairs: &[(&str, &str)]) -> Lead {
        Lead::new(2, pairs.iter().copied(), Vec::<(&str, &str)>::new())
    }

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn chosen(lead: &Lead, candidates: &[&Persona]) -> String {
        match assign(lead, candidates) {
            Assignment::Persona { persona, .. } => persona.id.clone(),
            Assignment::Unmatched(why) => format!("unmatched: {why}"),
        }
    }

    #[test]
    fn rules_pick_the_persona_that_fits_best() {
        let olivia = persona(
            "olivia",
            MatchRules {
                job_title: list(&["operations", "ops", "supply chain"]),
                job_title_excludes: list(&["assistant"]),
                seniority: list(&["director", "head", "vp"]),
                ..MatchRules::default()
            },
        );
        let frank = persona(
            "frank",
            MatchRules {
                job_title: list(&["finance", "cfo", "controller"]),
                department: list(&["finance"]),
                ..MatchRules::default()
            },
        );
        let all = [&olivia, &frank];
        assert_eq!(
            chosen(&lead(&[("job_title", "Head of Ops")]), &all),
            "olivia"
        );
        assert_eq!(
            chosen(
                &lead(&[("job_title", "VP Operations"), ("seniority", "Vp")]),
                &all
            ),
            "olivia"
        );
        // A known seniority that fails the rule rules the persona out.
        assert_eq!(
            chosen(
                &lead(&[
                    ("job_title", "Operations Associate"),
                    ("seniority", "Entry")
                ]),
                &all
            ),
            "unmatched: no persona's match rules fit job title \"Operations Associate\", seniority \"Entry\""
        );
        assert_eq!(
            chosen(
                &lead(&[("job_title", "Assistant to the Head of Operations")]),
                &all
            ),
            "unmatched: no persona's match rules fit job title \"Assistant to the Head of Operations\""
        );
        assert_eq!(
            chosen(&lead(&[("job_title", "Shops Lead")]), &all),
            "unmatched: no persona's match rules fit job title \"Shops Lead\""
        );
        assert_eq!(
            chosen(
                &lead(&[
                    ("job_title", "Financial Controller"),
                    ("department", "Finance")
                ]),
                &all
            ),
            "frank"
        );
        assert_eq!(
            chosen(&lead(&[("email", "a@b.c")]), &all),
            "unmatched: no job title, seniority, department or persona value to match on"
        );
    }

    #[test]
    fn a_crm_persona_column_decides() {
        let olivia = persona(
            "operations-olivia",
            MatchRules {
                persona: list(&["persona_1"]),
                job_title: list(&["operations"]),
                ..MatchRules::default()
            },
        );
        let frank = persona("finance-frank", MatchRules::default());
        let all = [&olivia, &frank];
        assert_eq!(
            chosen(
                &lead(&[("persona", "Persona_1"), ("job_title", "CFO")]),
                &all
            ),
            "operations-olivia"
        );
        assert_eq!(
            chosen(&lead(&[("persona", "Finance Frank")]), &all),
            "finance-frank"
        );
        assert!(matches!(
            assign(&lead(&[("persona", "finance-frank")]), &all),
            Assignment::Persona {
                basis: Basis::Column,
                ..
            }
        ));
        assert_eq!(
            chosen(
                &lead(&[("persona", "Persona 9"), ("job_title", "COO")]),
                &all
            ),
            "unmatched: no persona's match rules fit job title \"COO\"; the persona column says \"Persona 9\", which names no persona here"
        );
        assert_eq!(
            chosen(
                &lead(&[("persona", "Persona 9"), ("job_title", "Operations lead")]),
                &all
            ),
            "operations-olivia"
        );
    }

    #[test]
    fn ties_go_to_the_first_listed() {
        let rules = MatchRules {
            job_title: list(&["founder"]),
            ..MatchRules::default()
        };
        let a = persona("a", rules.clone());
        let b = persona("b", rules);
        assert_eq!(
            chosen(&lead(&[("job_title", "Co-Founder")]), &[&b, &a]),
            "b"
        );
    }

    #[test]
    fn words_ignore_case_and_punctuation() {
        assert_eq!(
            words("V.P., C-Suite & Ops’"),
            vec!["vp", "c", "suite", "ops"]
        );
    }
}
