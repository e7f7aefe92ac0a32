//! Reading what was typed into values: one line, long text, numbers,
//! choices and ranges, each checked against its field.

use super::ValidationError;
use crate::domain::template::{Field, FieldKind};
use crate::domain::value::{Item, Number, Value};
use jiff::civil::Date;

/// Newlines and control characters in one-line answers become single
/// spaces (a pasted page stays readable); the ends are trimmed.
pub fn fold_line(text: &str) -> String {
    // Most lines need nothing done: one quick pass over the bytes says so
    // (a long pasted name costs a copy, not a character-by-character walk).
    let bytes = text.as_bytes();
    if text.is_ascii()
        && !bytes.iter().any(|&b| b < 0x20 || b == 0x7f)
        && !text.contains("  ")
        && !text.starts_with(' ')
        && !text.ends_with(' ')
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_control() || c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Long text keeps its lines; control characters other than newlines and
/// tabs go, `\r\n` becomes `\n`, trailing blank space is trimmed.
fn clean_long(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    kept.trim_end().trim_start_matches('\n').to_string()
}

/// A number as people type it in a field: `1,200`, `12.5`, `$95`,
/// `95,000 USD`, `€1.2M`, `40k`, `120 employees` (the field's unit).
pub fn number(field: &Field, text: &str) -> Option<Number> {
    let mut t = text.trim();
    let strip_word = |t: &str, word: &str| -> Option<usize> {
        let lower = t.to_lowercase();
        let word = word.to_lowercase();
        lower.ends_with(&word).then(|| t.len() - word.len())
    };
    let mut words: Vec<&str> = vec!["USD", "EUR", "GBP", "CAD", "AUD", "dollars", "euros"];
    if let Some(unit) = field.unit.as_deref() {
        words.insert(0, unit);
    }
    for word in words {
        if let Some(end) = strip_word(t, word)
            && t.is_char_boundary(end)
            && end > 0
        {
            t = t[..end].trim_end();
            break;
        }
    }
    for code in ["USD", "EUR", "GBP", "CAD", "AUD"] {
        if t.len() > code.len() && t[..code.len()].eq_ignore_ascii_case(code) {
            t = t[code.len()..].trim_start();
        }
    }
    let negative = t.starts_with('-');
    let body = t.trim_start_matches('-').trim();
    let body = body.trim_start_matches(['$', '€', '£', '¥']).trim();
    let body = body.trim_end_matches(['$', '€', '£', '¥']).trim();
    let lower = body.to_lowercase();
    let (digits, times) = if let Some(d) = lower.strip_suffix("bn") {
        (d, 1e9)
    } else if let Some(d) = lower.strip_suffix("mm") {
        (d, 1e6)
    } else if let Some(d) = lower.strip_suffix('k') {
        (d, 1e3)
    } else if let Some(d) = lower.strip_suffix('m') {
        (d, 1e6)
    } else if let Some(d) = lower.strip_suffix('b') {
        (d, 1e9)
    } else {
        (lower.as_str(), 1.0)
    };
    let n = Number::parse(digits.trim())?.get() * times;
    Number::new(if negative { -n } else { n })
}

/// Parses one value typed for `field` (not a whole list or tags).
pub fn value(field: &Field, text: &str) -> Result<Option<Value>, ValidationError> {
    let id = field.id.clone();
    match field.kind {
        FieldKind::ShortText | FieldKind::List | FieldKind::Tags => {
            let line = fold_line(text);
            if field.id == "date" && field.kind == FieldKind::ShortText && !line.is_empty() {
                // The interview date: checked here so the card never
                // holds a date the file cannot store.
                if line.parse::<Date>().is_err() {
                    return Err(ValidationError::NotADate {
                        field: id,
                        text: line,
                    });
                }
            }
            Ok((!line.is_empty()).then_some(Value::Text(line)))
        }
        FieldKind::LongText => {
            let long = clean_long(text);
            Ok((!long.trim().is_empty()).then_some(Value::Text(long)))
        }
        FieldKind::Number => {
            let t = text.trim();
            if t.is_empty() {
                return Ok(None);
            }
            number(field, t)
                .map(|n| Some(Value::Number(n)))
                .ok_or(ValidationError::NotANumber {
                    field: id,
                    text: fold_line(t),
                })
        }
        FieldKind::Choice => {
            let t = fold_line(text);
            if t.is_empty() {
                return Ok(None);
            }
            field
                .options
                .iter()
                .find(|o| o.eq_ignore_ascii_case(&t) || o.to_lowercase() == t.to_lowercase())
                .map(|o| Some(Value::Text(o.clone())))
                .ok_or(ValidationError::NotAChoice { field: id, text: t })
        }
        FieldKind::Range => {
            let t = fold_line(text);
            if t.is_empty() {
                return Ok(None);
            }
            let (min, max) = split_range(&t).unwrap_or((t.as_str(), ""));
            range(field, min, max)
        }
    }
}

/// A range from its two ends; both empty is no answer.
pub fn range(field: &Field, min: &str, max: &str) -> Result<Option<Value>, ValidationError> {
    let id = field.id.clone();
    let (min, max) = (min.trim(), max.trim());
    if min.is_empty() && max.is_empty() {
        return Ok(None);
    }
    let parse = |t: &str| {
        number(field, t).ok_or(ValidationError::NotANumber {
            field: id.clone(),
            text: fold_line(t),
        })
    };
    // A typo is named before a missing end, so the message points at
    // what to fix first.
    for typed in [min, max] {
        if !typed.is_empty() {
            parse(typed)?;
        }
    }
    if min.is_empty() || max.is_empty() {
        return Err(ValidationError::RangeIncomplete { field: id });
    }
    let (lo, hi) = (parse(min)?, parse(max)?);
    if lo > hi {
        return Err(ValidationError::RangeReversed {
            field: id,
            min: lo.to_string(),
            max: hi.to_string(),
        });
    }
    Ok(Some(Value::Range { min: lo, max: hi }))
}

/// Whether two values are the same text, whatever the case.
pub(super) fn same_text(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => a.to_lowercase() == b.to_lowercase(),
        _ => a == b,
    }
}

/// An item with a new value and the citations (and unknown keys) of the
/// old one.
pub(super) fn keep_cites(old: Option<&Item>, value: Value) -> Item {
    match old {
        Some(old) => Item {
            value,
            cites: old.cites.clone(),
            extra: old.extra.clone(),
        },
        None => Item::new(value),
    }
}

/// `20-200`, `20 - 200`, `20–200`, `20 to 200` (a leading minus belongs
/// to the number).
fn split_range(text: &str) -> Option<(&str, &str)> {
    if let Some((a, b)) = text.split_once(" to ") {
        return Some((a, b));
    }
    if let Some((a, b)) = text.split_once('–') {
        return Some((a, b));
    }
    let start = usize::from(text.starts_with('-'));
    text[start..]
        .find('-')
        .map(|at| (&text[..start + at], &text[start + at + 1..]))
}
