//! Matching a scoring file's fields to the columns of one lead file, and
//! turning each test into a form that is quick to apply to a million rows.

use super::fields::{ValueKind, header_key, kind_of};
use super::model::{Condition, Scalar, Scoring, Test};
use super::normalise::{self, Span};

/// One column of a lead file: its header as written, and the canonical
/// field the header is recognised as (`Number of Employees` → `employees`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub field: Option<String>,
}

/// Why a scoring file cannot score a lead file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BindError {
    /// A rule or segment reads a field that is neither a known field nor a
    /// column of this file.
    UnknownField {
        /// `rule `x`` or `segment `y``.
        owner: String,
        field: String,
        line: usize,
        headers: Vec<String>,
    },
    /// A column header names a known field whose kind does not fit the test.
    KindMismatch {
        owner: String,
        field: String,
        line: usize,
        message: String,
    },
    /// The file has none of the fields the rules read, so every lead would
    /// score 0.
    NoFields {
        fields: Vec<String>,
        headers: Vec<String>,
    },
    /// There are no rules to score with.
    NoRules,
}

impl BindError {
    /// One sentence; `file` is the scoring file, `leads` the lead file.
    pub fn message(&self, file: &str, leads: &str) -> String {
        let listed = |headers: &[String]| {
            if headers.is_empty() {
                "no columns".to_string()
            } else {
                headers
                    .iter()
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        match self {
            BindError::UnknownField {
                owner,
                field,
                line,
                headers,
            } => format!(
                "{file}:{line}: {owner} reads `{field}`, which is neither a known field nor a column of {leads} (its columns: {})",
                listed(headers)
            ),
            BindError::KindMismatch {
                owner,
                field,
                line,
                message,
            } => format!("{file}:{line}: {owner} on `{field}` {message}"),
            BindError::NoFields { fields, headers } => format!(
                "{leads} has none of the fields the rules of {file} read ({}), so every lead would score 0; its columns are {}",
                fields.join(", "),
                listed(headers)
            ),
            BindError::NoRules => {
                format!("{file} has no rules yet, so there is nothing to score {leads} with")
            }
        }
    }
}

/// A test ready to apply: values folded and parsed once.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Compiled {
    /// Equal to one of these folded texts.
    Text(Vec<String>),
    /// Contains one of these folded words.
    Contains(Vec<String>),
    /// Within one of these spans (equals/one_of on counts and amounts).
    Numbers(Vec<Span>),
    /// From `lo` to `hi`, both included.
    Range { lo: f64, hi: f64 },
    /// Equal to one of these country codes.
    Countries(Vec<String>),
    Flag(bool),
    Present(bool),
}

/// A condition bound to a column of the lead file.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Bound {
    /// `None` when the file has no column for a known field: every row is
    /// then unknown for it.
    pub column: Option<usize>,
    pub kind: ValueKind,
    pub test: Compiled,
    /// The currency a money test's figures are in; amounts written in
    /// another are unknown.
    pub currency: Option<String>,
}

/// The name a field is shown by: `job_title` as `job title`, a header as
/// written.
pub fn shown_field(field: &str) -> String {
    if kind_of(field).is_some() {
        field.replace('_', " ")
    } else {
        field.to_string()
    }
}

/// Finds the column a field reads. A known field is looked up by what the
/// headers are recognised as; any field also matches a header written the
/// same (ignoring case, spacing and punctuation), or one the recogniser
/// gives the same field.
pub(super) fn find_column(
    field: &str,
    columns: &[Column],
    recognise: &dyn Fn(&str) -> Option<String>,
) -> Option<usize> {
    if kind_of(field).is_some()
        && let Some(i) = columns.iter().position(|c| c.field.as_deref() == Some(field))
    {
        return Some(i);
    }
    let key = header_key(field);
    if let Some(i) = columns.iter().position(|c| header_key(&c.header) == key) {
        return Some(i);
    }
    let recognised = recognise(field)?;
    columns
        .iter()
        .position(|c| c.field.as_deref() == Some(recognised.as_str()))
}

/// The kind a condition reads its field as, bound to this file.
fn kind_for(field: &str, column: Option<&Column>) -> ValueKind {
    kind_of(field)
        .or_else(|| column.and_then(|c| c.field.as_deref()).and_then(kind_of))
        .unwrap_or(ValueKind::Any)
}

/// Binds one condition. `Err` holds a sentence for [`BindError::KindMismatch`].
pub(super) fn bind_condition(
    condition: &Condition,
    columns: &[Column],
    recognise: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Bound>, String> {
    let column = find_column(&condition.field, columns, recognise);
    if column.is_none() && kind_of(&condition.field).is_none() {
        return Ok(None);
    }
    let kind = kind_for(&condition.field, column.map(|i| &columns[i]));
    if !kind.fits(&condition.test) {
        return Err(format!(
            "uses `{}`, which does not fit {} (it takes {})",
            condition.test.operator(),
            kind.describe(),
            kind.operators().join(", ")
        ));
    }
    let test = compile(&condition.test, kind)?;
    Ok(Some(Bound {
        column,
        kind,
        test,
        currency: condition.currency.clone(),
    }))
}

/// Folds and parses a test's values for a kind of field.
pub(super) fn compile(test: &Test, kind: ValueKind) -> Result<Compiled, String> {
    let values: Vec<&Scalar> = match test {
        Test::Equals(v) => vec![v],
        Test::OneOf(vs) => vs.iter().collect(),
        Test::Contains(words) => {
            return Ok(Compiled::Contains(
                words.iter().map(|w| normalise::fold(w)).filter(|w| !w.is_empty()).collect(),
            ));
        }
        Test::Range { min, max } => {
            return Ok(Compiled::Range {
                lo: min.map_or(f64::NEG_INFINITY, |n| n.get()),
                hi: max.map_or(f64::INFINITY, |n| n.get()),
            });
        }
        Test::Present(p) => return Ok(Compiled::Present(*p)),
    };
    let number_of = |v: &Scalar| -> Result<Span, String> {
        match v {
            Scalar::Number(n) => Ok(Span::exact(n.get())),
            Scalar::Text(t) => normalise::amount(t)
                .map(|(s, _)| s)
                .ok_or_else(|| format!("compares {} with `{t}`, which is not a number or band", kind.describe())),
            Scalar::Flag(_) => Err(format!("compares {} with yes/no", kind.describe())),
        }
    };
    Ok(match kind {
        ValueKind::Number | ValueKind::Money => {
            Compiled::Numbers(values.into_iter().map(number_of).collect::<Result<_, _>>()?)
        }
        ValueKind::Country => Compiled::Countries(
            values.iter().map(|v| normalise::country(&v.to_string())).collect(),
        ),
        ValueKind::Flag => match values.as_slice() {
            [Scalar::Flag(b)] => Compiled::Flag(*b),
            [Scalar::Text(t)] if normalise::flag(t).is_some() => {
                Compiled::Flag(normalise::flag(t).unwrap_or(true))
            }
            _ => return Err("compares yes or no with something else; write `equals = true` or `equals = false`".into()),
        },
        ValueKind::Any if values.iter().all(|v| matches!(v, Scalar::Number(_))) => {
            Compiled::Numbers(values.into_iter().map(number_of).collect::<Result<_, _>>()?)
        }
        ValueKind::Any if matches!(values.as_slice(), [Scalar::Flag(_)]) => {
            Compiled::Flag(matches!(values.as_slice(), [Scalar::Flag(true)]))
        }
        _ => Compiled::Text(
            values.iter().map(|v| normalise::fold(&v.to_string())).collect(),
        ),
    })
}

/// Every rule and segment bound to the columns of a lead file.
#[derive(Clone, Debug)]
pub struct Binding {
    pub(super) rules: Vec<Bound>,
    pub(super) segments: Vec<Vec<Bound>>,
    /// Known fields the rules read that this file has no column for: those
    /// rules are unknown for every row (never a miss).
    pub missing: Vec<String>,
}

/// Binds every rule and segment of `scoring` to `columns`.
pub fn bind(
    scoring: &Scoring,
    columns: &[Column],
    recognise: &dyn Fn(&str) -> Option<String>,
) -> Result<Binding, BindError> {
    if scoring.rules.is_empty() {
        return Err(BindError::NoRules);
    }
    let headers = || columns.iter().map(|c| c.header.clone()).collect::<Vec<_>>();
    let mut missing: Vec<String> = Vec::new();
    let mut bind_one = |owner: String, line: usize, condition: &Condition| {
        match bind_condition(condition, columns, recognise) {
            Ok(Some(bound)) => {
                if bound.column.is_none() && !missing.contains(&condition.field) {
                    missing.push(condition.field.clone());
                }
                Ok(bound)
            }
            Ok(None) => Err(BindError::UnknownField {
                owner,
                field: condition.field.clone(),
                line,
                headers: headers(),
            }),
            Err(message) => Err(BindError::KindMismatch {
                owner,
                field: condition.field.clone(),
                line,
                message,
            }),
        }
    };
    let rules = scoring
        .rules
        .iter()
        .map(|rule| bind_one(format!("rule `{}`", rule.id), rule.line, &rule.condition))
        .collect::<Result<Vec<_>, _>>()?;
    let segments = scoring
        .segments
        .iter()
        .map(|segment| {
            segment
                .when
                .iter()
                .map(|c| bind_one(format!("segment `{}`", segment.id), segment.line, c))
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    if rules.iter().all(|b| b.column.is_none()) {
        let mut fields: Vec<String> = Vec::new();
        for rule in &scoring.rules {
            if !fields.contains(&rule.condition.field) {
                fields.push(rule.condition.field.clone());
            }
        }
        return Err(BindError::NoFields {
            fields,
            headers: headers(),
        });
    }
    Ok(Binding {
        rules,
        segments,
        missing,
    })
}
