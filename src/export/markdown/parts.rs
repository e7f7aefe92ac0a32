//! Small pieces every exported page uses: values, links, tables, file
//! names.

use super::Links;
use crate::domain::{Field, Item, Source, Template, Value, id as ids};
use crate::export::escape::{self, inline};
use jiff::civil::Date;
use std::borrow::Cow;
use std::fmt::Write as _;

/// The value as a reader says it: numbers and ranges with their unit.
pub(super) fn value_text<'a>(item: &'a Item, field: Option<&Field>) -> Cow<'a, str> {
    let unit = field
        .and_then(|f| f.unit.as_deref())
        .map(str::trim)
        .filter(|u| !u.is_empty());
    match (&item.value, unit) {
        (Value::Text(text), _) => Cow::Borrowed(text),
        (value, Some(unit)) => Cow::Owned(format!("{value} {unit}")),
        (value, None) => Cow::Owned(value.to_string()),
    }
}

pub(super) fn is_blank(item: &Item) -> bool {
    matches!(&item.value, Value::Text(text) if text.trim().is_empty())
}

pub(super) fn template_name(template: Option<&Template>, id: &str) -> String {
    inline(template.map_or(id, |t| t.name.as_str()))
}

pub(super) fn validated(date: Option<Date>) -> String {
    date.map_or_else(|| "never".to_string(), |d| d.to_string())
}

pub(super) fn link(text: &str, links: Links, target: &str) -> String {
    match links {
        Links::Folder => format!("[{text}]({target})"),
        Links::None => text.to_string(),
    }
}

/// The file name for an id: the id itself when it is a proper slug, else a
/// slug of it, so a hand-edited `../../x` can never leave the export folder.
pub(super) fn file_stem(id: &str) -> String {
    if ids::is_valid_id(id) {
        id.to_string()
    } else {
        escape::url_segment(&ids::slugify(id, "item"))
    }
}

/// A footnote label part: the id, with anything a label cannot hold as `-`.
pub(super) fn label_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

pub(super) fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(headers.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
}

pub(super) fn source_key(source: Source) -> &'static str {
    match source {
        Source::Interview => "interview",
        Source::Survey => "survey",
        Source::SupportTicket => "support-ticket",
        Source::SalesCall => "sales-call",
        Source::CrmNote => "crm-note",
        Source::Other => "other",
    }
}
