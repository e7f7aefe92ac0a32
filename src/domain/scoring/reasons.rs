//! Scores in words: `+25 industry is Outdoor retail; -10 employees below
//! 20`, the fields a row lacked, and what each rule asks for.

use super::bind::shown_field;
use super::eval::{Outcome, Row, Scored, Scorer};
use super::fields::ValueKind;
use super::model::{Rule, Scalar, Test};
use crate::domain::value::Number;
use std::fmt::Write as _;

/// The longest a value from a row is quoted in a reason.
const MAX_VALUE_CHARS: usize = 40;

/// A value from a row made fit for one cell of reasons: one line, short.
pub fn short_value(value: &str) -> String {
    short_value_cow(value).into_owned()
}

/// [`short_value`], borrowing when the value is already fit.
fn short_value_cow(value: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = value.trim();
    if trimmed.len() <= MAX_VALUE_CHARS && !trimmed.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(trimmed);
    }
    std::borrow::Cow::Owned(shorten(trimmed))
}

fn shorten(value: &str) -> String {
    let one_line: String = value
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= MAX_VALUE_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(MAX_VALUE_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Points with their sign: `+25`, `-10`, `0`.
pub fn signed(points: i64) -> String {
    if points > 0 {
        format!("+{points}")
    } else {
        points.to_string()
    }
}

fn number(n: Option<Number>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn scalars(values: &[Scalar]) -> String {
    let shown: Vec<String> = values.iter().map(ToString::to_string).collect();
    match shown.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// What a range asks for: `20 to 200`, `at least 20`, `at most 19`.
fn range_words(min: Option<Number>, max: Option<Number>) -> String {
    match (min, max) {
        (Some(_), Some(_)) => format!("{} to {}", number(min), number(max)),
        (Some(_), None) => format!("at least {}", number(min)),
        (None, Some(_)) => format!("at most {}", number(max)),
        (None, None) => "any number".into(),
    }
}

/// How reasons name a rule's field, and what its range asks (empty for
/// other tests).
pub(super) fn rule_words(rule: &Rule) -> (String, String) {
    let range = match &rule.condition.test {
        Test::Range { min, max } => range_words(*min, *max),
        _ => String::new(),
    };
    (shown_field(&rule.condition.field), range)
}

/// What a rule asks, without a row: `industry is Outdoor retail or
/// Sporting goods`, `employees 20 to 200`, `no website`. Its label when it
/// has one.
pub fn describe(rule: &Rule) -> String {
    if let Some(label) = &rule.label {
        return label.clone();
    }
    let field = shown_field(&rule.condition.field);
    let list = super::fields::kind_of(&rule.condition.field) == Some(ValueKind::List);
    let is = if list { "include" } else { "is" };
    match &rule.condition.test {
        Test::Equals(value) => format!("{field} {is} {value}"),
        Test::OneOf(values) => format!("{field} {is} {}", scalars(values)),
        Test::Contains(words) => format!(
            "{field} {} {}",
            if list { "include" } else { "contains" },
            scalars(&words.iter().cloned().map(Scalar::Text).collect::<Vec<_>>())
        ),
        Test::Range { min, max } => format!("{field} {}", range_words(*min, *max)),
        Test::Present(true) => format!("{field} is given"),
        Test::Present(false) => format!("no {field}"),
    }
}

impl Scorer {
    /// What rule `i` found in this row when it fired: its label, else the
    /// field and the row's value (`industry is Outdoor retail`,
    /// `employees 12 (at most 19)`).
    pub fn fired_text(&self, i: usize, row: &(impl Row + ?Sized), outcome: Outcome) -> String {
        let mut out = String::new();
        self.write_fired(i, row, outcome, &mut out);
        out
    }

    /// [`Scorer::fired_text`], appended to `out`.
    fn write_fired(&self, i: usize, row: &(impl Row + ?Sized), outcome: Outcome, out: &mut String) {
        let rule = &self.scoring.rules[i];
        if let Some(label) = &rule.label {
            out.push_str(label);
            return;
        }
        let value = match outcome {
            Outcome::Fired { column, start, end } => row
                .cell(column)
                .map(|cell| cell.get(start..end).unwrap_or(cell))
                .unwrap_or(""),
            _ => "",
        };
        let value = short_value_cow(value);
        let (field, range) = &self.words[i];
        let _ = match &rule.condition.test {
            Test::Present(false) => write!(out, "no {field}"),
            Test::Present(true) if value.is_empty() => write!(out, "{field} is given"),
            Test::Present(true) => write!(out, "{field} is given ({value})"),
            Test::Range { .. } => write!(out, "{field} {value} ({range})"),
            _ if self.rule_kind(i) == ValueKind::List => write!(out, "{field} include {value}"),
            _ => write!(out, "{field} is {value}"),
        };
    }

    /// The `fit_reasons` cell: every rule that fired, with its sign and
    /// points, in file order; a disqualification first; a cap last.
    pub fn reasons_into(&self, scored: &Scored, row: &(impl Row + ?Sized), out: &mut String) {
        out.clear();
        if let Some(d) = scored.disqualified_by {
            let rule = &self.scoring.rules[d];
            let _ = write!(
                out,
                "disqualified: {} (",
                rule.reason.as_deref().unwrap_or("").trim()
            );
            self.write_fired(d, row, scored.outcomes[d], out);
            out.push(')');
        }
        for (i, outcome) in scored.outcomes.iter().enumerate() {
            let rule = &self.scoring.rules[i];
            if rule.disqualify || !matches!(outcome, Outcome::Fired { .. }) {
                continue;
            }
            if !out.is_empty() {
                out.push_str("; ");
            }
            if rule.points > 0 {
                out.push('+');
            }
            let _ = write!(out, "{} ", rule.points);
            self.write_fired(i, row, *outcome, out);
        }
        for (g, taken) in &scored.capped {
            let group = &self.scoring.groups[*g];
            if !out.is_empty() {
                out.push_str("; ");
            }
            let _ = write!(
                out,
                "{} {} capped at {}",
                signed(*taken),
                group.shown(),
                group.cap.abs()
            );
        }
    }

    /// The `fit_unknown` cell: the fields rules needed that the row lacks,
    /// each once, in rule order, joined by `; `.
    pub fn unknown_into(&self, scored: &Scored, out: &mut String) {
        out.clear();
        let mut seen: Vec<&str> = Vec::new();
        for (i, outcome) in scored.outcomes.iter().enumerate() {
            if *outcome != Outcome::Unknown {
                continue;
            }
            let field = self.scoring.rules[i].condition.field.as_str();
            if seen.contains(&field) {
                continue;
            }
            seen.push(field);
            if !out.is_empty() {
                out.push_str("; ");
            }
            out.push_str(field);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_on_one_line() {
        assert_eq!(short_value("  Outdoor\nretail "), "Outdoor retail");
        let long = "a".repeat(60);
        let cut = short_value(&long);
        assert_eq!(cut.chars().count(), MAX_VALUE_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(signed(5), "+5");
        assert_eq!(signed(-5), "-5");
        assert_eq!(signed(0), "0");
    }
}
