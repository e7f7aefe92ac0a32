//! Editing scoring rules as a person types them (the app's rule form and
//! tier prompt): a test as an operator word and a value, tiers as one
//! line, citations as a list, and the changes a key makes (points up or
//! down, a rule turned into a disqualifier and back). Every function gives
//! a new value or one sentence saying what is wrong; whether the whole file
//! still makes sense is [`super::check`]'s job.

use super::model::{Cite, Scalar, Scoring, Test, Tier};
use crate::domain::value::{Extra, Number};

/// The operator words the form takes, with what each expects as a value.
pub const OPERATORS: &[(&str, &str)] = &[
    ("equals", "one value"),
    ("one of", "values separated by commas"),
    ("contains", "words separated by commas"),
    ("range", "20 to 200, 20 to (no top) or to 19 (no bottom)"),
    ("present", "nothing: the lead has a value"),
    ("blank", "nothing: the lead has no value"),
];

/// A value typed for `equals` or `one of`: yes/no and true/false as a
/// flag, a plain number as a number, anything else as text.
fn scalar(text: &str) -> Scalar {
    let t = text.trim();
    match t.to_ascii_lowercase().as_str() {
        "true" | "yes" => return Scalar::Flag(true),
        "false" | "no" => return Scalar::Flag(false),
        _ => {}
    }
    match t.parse::<f64>().ok().and_then(Number::new) {
        Some(n) if !t.starts_with('+') => Scalar::Number(n),
        _ => Scalar::Text(t.to_string()),
    }
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn number(text: &str, what: &str) -> Result<Option<Number>, String> {
    let t = text.trim().replace([',', '_', ' '], "");
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<f64>()
        .ok()
        .and_then(Number::new)
        .map(Some)
        .ok_or_else(|| {
            format!(
                "the {what} of the range, `{}`, is not a number",
                text.trim()
            )
        })
}

/// A test from the form's operator and value.
pub fn parse_test(operator: &str, value: &str) -> Result<Test, String> {
    let op: String = operator
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let value = value.trim();
    let needs_value = |test: Test| {
        if value.is_empty() {
            Err(format!("`{}` needs a value to compare with", op.trim()))
        } else {
            Ok(test)
        }
    };
    match op.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
        "equals" | "is" | "=" => needs_value(Test::Equals(scalar(value))),
        "one of" | "in" | "any of" => {
            needs_value(Test::OneOf(list(value).iter().map(|v| scalar(v)).collect()))
        }
        "contains" | "has" => needs_value(Test::Contains(list(value))),
        "range" | "between" | "min/max" => {
            let (min, max) = match value.split_once(" to ").or_else(|| {
                value
                    .strip_prefix("to ")
                    .map(|m| ("", m))
                    .or_else(|| value.strip_suffix(" to").map(|m| (m, "")))
            }) {
                Some(parts) => parts,
                None => match value.split_once("..") {
                    Some(parts) => parts,
                    None => {
                        return Err(format!(
                            "write the range as `20 to 200`, `20 to` or `to 19`, not `{value}`"
                        ));
                    }
                },
            };
            let (min, max) = (number(min, "bottom")?, number(max, "top")?);
            if min.is_none() && max.is_none() {
                return Err("a range needs a bottom, a top or both (`20 to 200`)".into());
            }
            Ok(Test::Range { min, max })
        }
        "present" | "filled" => Ok(Test::Present(true)),
        "blank" | "absent" | "empty" => Ok(Test::Present(false)),
        _ => Err(format!(
            "`{}` is not a test; use one of: {}",
            operator.trim(),
            OPERATORS
                .iter()
                .map(|(o, _)| *o)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// A test as the form shows it: operator word and value.
pub fn test_parts(test: &Test) -> (String, String) {
    let join = |values: &[Scalar]| {
        values
            .iter()
            .map(|v| match v {
                Scalar::Flag(b) => b.to_string(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match test {
        Test::Equals(v) => ("equals".into(), join(std::slice::from_ref(v))),
        Test::OneOf(values) => ("one of".into(), join(values)),
        Test::Contains(words) => ("contains".into(), words.join(", ")),
        Test::Range { min, max } => {
            let side = |n: &Option<Number>| n.map(|n| n.to_string()).unwrap_or_default();
            let text = format!("{} to {}", side(min), side(max));
            ("range".into(), text.trim().to_string())
        }
        Test::Present(true) => ("present".into(), String::new()),
        Test::Present(false) => ("blank".into(), String::new()),
    }
}

/// Tiers as one line: `A 70, B 45, C` (a name and its minimum score; the
/// last takes every score below the others).
pub fn tiers_text(tiers: &[Tier]) -> String {
    tiers
        .iter()
        .map(|t| match t.min {
            Some(min) => format!("{} {min}", t.name),
            None => t.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the tiers are, in words: `A from 70, B from 45, C below` (highest
/// first, as a scorer orders them).
pub fn tier_words(tiers: &[Tier]) -> String {
    let mut sorted: Vec<&Tier> = tiers.iter().collect();
    sorted.sort_by_key(|t| std::cmp::Reverse(t.min.unwrap_or(i64::MIN)));
    sorted
        .iter()
        .map(|t| match t.min {
            Some(min) => format!("{} from {min}", t.name),
            None => format!("{} below", t.name),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Tiers from one line such as `A 70, B 45, C` (also `A >= 70`, `A: 70`).
pub fn parse_tiers(text: &str) -> Result<Vec<Tier>, String> {
    let mut tiers = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let cleaned = part.replace(">=", " ").replace(['≥', ':', '='], " ");
        let words: Vec<&str> = cleaned.split_whitespace().collect();
        let (name, min) = match words.split_last() {
            Some((last, rest)) if !rest.is_empty() && last.parse::<i64>().is_ok() => {
                (rest.join(" "), last.parse::<i64>().ok())
            }
            _ => (words.join(" "), None),
        };
        if name.is_empty() {
            return Err(format!("tier `{part}` needs a name"));
        }
        tiers.push(Tier {
            name,
            min,
            extra: Extra::new(),
        });
    }
    if tiers.is_empty() {
        return Err("write at least one tier, e.g. `A 70, B 45, C`".into());
    }
    Ok(tiers)
}

/// Citations separated by commas or spaces.
pub fn parse_cites(text: &str) -> Result<Vec<Cite>, String> {
    let mut cites = Vec::new();
    // `customer:Acme Outdoor` may hold spaces: split on commas first, and
    // on spaces only in parts that are not a customer.
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if part.starts_with(super::model::CUSTOMER_PREFIX) {
            cites.push(Cite::parse(part)?);
        } else {
            for word in part.split_whitespace() {
                cites.push(Cite::parse(word)?);
            }
        }
    }
    Ok(cites)
}

/// Points added to (or taken from) rule `at`; a disqualifier is left as
/// it is (`None`).
pub fn bump(scoring: &Scoring, at: usize, delta: i64) -> Option<Scoring> {
    let rule = scoring.rules.get(at)?;
    if rule.disqualify {
        return None;
    }
    let mut changed = scoring.clone();
    changed.rules[at].points = rule.points.saturating_add(delta);
    Some(changed)
}

/// Rule `at` made a disqualifier with `reason`, or (when it is one) turned
/// back into a rule that takes points off.
pub fn toggle_disqualify(scoring: &Scoring, at: usize, reason: Option<&str>) -> Option<Scoring> {
    let mut changed = scoring.clone();
    let rule = changed.rules.get_mut(at)?;
    if rule.disqualify {
        rule.disqualify = false;
        rule.reason = None;
        rule.points = -20;
        rule.group = None;
    } else {
        rule.disqualify = true;
        rule.reason = Some(reason?.trim().to_string()).filter(|r| !r.is_empty());
        rule.reason.as_ref()?;
        rule.points = 0;
        rule.group = None;
    }
    Some(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_from_what_is_typed() {
        assert_eq!(
            parse_test("one of", "Outdoor retail, Sporting goods").unwrap(),
            Test::OneOf(vec![
                Scalar::Text("Outdoor retail".into()),
                Scalar::Text("Sporting goods".into())
            ])
        );
        assert_eq!(
            parse_test("range", "20 to 200").unwrap(),
            Test::Range {
                min: Number::new(20.0),
                max: Number::new(200.0)
            }
        );
        assert_eq!(
            parse_test("Range", "to 19").unwrap(),
            Test::Range {
                min: None,
                max: Number::new(19.0)
            }
        );
        assert_eq!(
            parse_test("equals", "yes").unwrap(),
            Test::Equals(Scalar::Flag(true))
        );
        assert_eq!(parse_test("blank", "").unwrap(), Test::Present(false));
        assert!(
            parse_test("equals", " ")
                .unwrap_err()
                .contains("needs a value")
        );
        assert!(
            parse_test("about", "x")
                .unwrap_err()
                .contains("one of: equals")
        );
        assert!(
            parse_test("range", "big")
                .unwrap_err()
                .contains("20 to 200")
        );
        for test in [
            parse_test("range", "20 to").unwrap(),
            parse_test("one of", "A, 3, true").unwrap(),
            parse_test("contains", "rental, hire").unwrap(),
            parse_test("present", "").unwrap(),
        ] {
            let (op, value) = test_parts(&test);
            assert_eq!(parse_test(&op, &value).unwrap(), test, "{op} {value}");
        }
    }

    #[test]
    fn tiers_and_cites_on_one_line() {
        let tiers = parse_tiers("A 70, B >= 45, Hot leads: 90, C").unwrap();
        let shown: Vec<(&str, Option<i64>)> =
            tiers.iter().map(|t| (t.name.as_str(), t.min)).collect();
        assert_eq!(
            shown,
            [
                ("A", Some(70)),
                ("B", Some(45)),
                ("Hot leads", Some(90)),
                ("C", None)
            ]
        );
        assert_eq!(tiers_text(&tiers), "A 70, B 45, Hot leads 90, C");
        assert!(parse_tiers(" , ").is_err());
        let cites = parse_cites("dana#h1 sam#h2, customer:Acme Outdoor, best-customers").unwrap();
        assert_eq!(cites.len(), 4);
        assert_eq!(cites[2], Cite::Customer("Acme Outdoor".into()));
        assert!(parse_cites("nope").is_err());
    }
}
