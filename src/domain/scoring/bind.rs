//! Matching a scoring file's fields to the columns of one lead file, and
//! turning each test into a form that is quick to apply to a million rows.

use super::fields::{ValueKind, header_key, kind_of};
use super::model::{Condition, Scalar, Scoring, Test};
use super::normalise::{self, Span};

/// One column of a lead file: its header as written, the canonical field
/// the header is recognised as (`Number of Employees` → `employees`), and
/// the unit the header states for its numbers (`Revenue (in 000s USD)`).
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    pub field: Option<String>,
    /// Multiply the column's numbers by this (1 when the header says none).
    pub scale: f64,
    /// The currency the header names, for cells that name none.
    pub currency: Option<String>,
}

impl Column {
    pub fn new(header: impl Into<String>, field: Option<String>) -> Column {
        Column {
            header: header.into(),
            field,
            scale: 1.0,
            currency: None,
        }
    }
}

/// A lead file's header row as scoring sees it: its columns, and for each
/// canonical field the columns that feed it, best first (a row's value is
/// the first of them that is filled: the company's country before a
/// person's).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LeadHeader {
    pub columns: Vec<Column>,
    pub fields: Vec<(String, Vec<usize>)>,
}

impl LeadHeader {
    /// Each field fed by its columns in header order.
    pub fn from_columns(columns: Vec<Column>) -> LeadHeader {
        let mut fields: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, column) in columns.iter().enumerate() {
            let Some(field) = &column.field else { continue };
            match fields.iter_mut().find(|(f, _)| f == field) {
                Some((_, list)) => list.push(i),
                None => fields.push((field.clone(), vec![i])),
            }
        }
        LeadHeader { columns, fields }
    }

    fn columns_of(&self, field: &str) -> &[usize] {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map_or(&[], |(_, list)| list.as_slice())
    }

    pub fn headers(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.header.clone()).collect()
    }
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
    /// A mistake about columns lists the lead file's columns.
    pub fn message(&self, file: &str, leads: &str) -> String {
        let brief = self.brief(file, leads);
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
            BindError::UnknownField { headers, .. } => {
                format!("{brief} (its columns: {})", listed(headers))
            }
            BindError::NoFields { headers, .. } => {
                format!("{brief}; its columns are {}", listed(headers))
            }
            _ => brief,
        }
    }

    /// [`BindError::message`] without the list of columns, for a note
    /// beside a summary that lists the columns read already.
    pub fn brief(&self, file: &str, leads: &str) -> String {
        match self {
            BindError::UnknownField {
                owner, field, line, ..
            } => format!(
                "{file}:{line}: {owner} reads `{field}`, which is neither a known field nor a column of {leads}"
            ),
            BindError::KindMismatch {
                owner,
                field,
                line,
                message,
            } => format!("{file}:{line}: {owner} on `{field}` {message}"),
            BindError::NoFields { fields, .. } => format!(
                "{leads} has none of the fields the rules of {file} read ({}), so every lead would score 0",
                fields.join(", ")
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
    Range {
        lo: f64,
        hi: f64,
    },
    /// Equal to one of these country codes.
    Countries(Vec<String>),
    /// Equal to one of these regions (folded names).
    Regions(Vec<String>),
    Flag(bool),
    Present(bool),
}

/// A condition bound to a column of the lead file.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Bound {
    /// The columns it reads, best first; empty when the file has no column
    /// for a known field (every row is then unknown for it).
    pub columns: Vec<usize>,
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

/// Finds the columns a field reads, best first. A known field is looked
/// up by what the headers are recognised as; any field also matches a
/// header written the same (ignoring case, spacing and punctuation), or one
/// the recogniser gives the same field. `None` when nothing matches.
pub fn find_columns(
    field: &str,
    header: &LeadHeader,
    recognise: &dyn Fn(&str) -> Option<String>,
) -> Option<Vec<usize>> {
    if kind_of(field).is_some() && !header.columns_of(field).is_empty() {
        return Some(header.columns_of(field).to_vec());
    }
    let key = header_key(field);
    if let Some(i) = header
        .columns
        .iter()
        .position(|c| header_key(&c.header) == key)
    {
        return Some(vec![i]);
    }
    let recognised = recognise(field)?;
    let found = header.columns_of(&recognised);
    (!found.is_empty()).then(|| found.to_vec())
}

/// The kind a condition reads its field as, bound to this file.
fn kind_for(field: &str, column: Option<&Column>) -> ValueKind {
    kind_of(field)
        .or_else(|| column.and_then(|c| c.field.as_deref()).and_then(kind_of))
        .unwrap_or(ValueKind::Any)
}

/// Binds one condition: `Ok(None)` when the field is neither known nor a
/// column; `Err` holds a sentence for [`BindError::KindMismatch`].
pub(super) fn bind_condition(
    condition: &Condition,
    header: &LeadHeader,
    recognise: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Bound>, String> {
    let columns = find_columns(&condition.field, header, recognise);
    if columns.is_none() && kind_of(&condition.field).is_none() {
        return Ok(None);
    }
    let columns = columns.unwrap_or_default();
    let kind = kind_for(
        &condition.field,
        columns.first().map(|i| &header.columns[*i]),
    );
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
        columns,
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
                words
                    .iter()
                    .map(|w| normalise::fold(w))
                    .filter(|w| !w.is_empty())
                    .collect(),
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
            Scalar::Text(t) => normalise::amount(t).map(|(s, _)| s).ok_or_else(|| {
                format!(
                    "compares {} with `{t}`, which is not a number or band",
                    kind.describe()
                )
            }),
            Scalar::Flag(_) => Err(format!("compares {} with yes/no", kind.describe())),
        }
    };
    Ok(match kind {
        ValueKind::Number | ValueKind::Money => Compiled::Numbers(
            values
                .into_iter()
                .map(number_of)
                .collect::<Result<_, _>>()?,
        ),
        ValueKind::Country => Compiled::Countries(
            values
                .iter()
                .map(|v| normalise::country(&v.to_string()))
                .collect(),
        ),
        ValueKind::Region => Compiled::Regions(
            values
                .iter()
                .map(|v| normalise::region(&v.to_string()))
                .collect(),
        ),
        ValueKind::Flag => match values.as_slice() {
            [Scalar::Flag(b)] => Compiled::Flag(*b),
            [Scalar::Text(t)] if normalise::flag(t).is_some() => {
                Compiled::Flag(normalise::flag(t).unwrap_or(true))
            }
            _ => return Err(
                "compares yes or no with something else; write `equals = true` or `equals = false`"
                    .into(),
            ),
        },
        ValueKind::Any if values.iter().all(|v| matches!(v, Scalar::Number(_))) => {
            Compiled::Numbers(
                values
                    .into_iter()
                    .map(number_of)
                    .collect::<Result<_, _>>()?,
            )
        }
        ValueKind::Any if matches!(values.as_slice(), [Scalar::Flag(_)]) => {
            Compiled::Flag(matches!(values.as_slice(), [Scalar::Flag(true)]))
        }
        _ => Compiled::Text(
            values
                .iter()
                .map(|v| normalise::fold(&v.to_string()))
                .collect(),
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
    header: &LeadHeader,
    recognise: &dyn Fn(&str) -> Option<String>,
) -> Result<Binding, BindError> {
    if scoring.rules.is_empty() {
        return Err(BindError::NoRules);
    }
    let headers = || header.headers();
    let mut missing: Vec<String> = Vec::new();
    let mut bind_one = |owner: String, line: usize, condition: &Condition| match bind_condition(
        condition, header, recognise,
    ) {
        Ok(Some(bound)) => {
            if bound.columns.is_empty() && !missing.contains(&condition.field) {
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
    if rules.iter().all(|b| b.columns.is_empty()) {
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
