//! One lead of a lead file, as the outreach sees it: its values by
//! canonical field name (`first_name`, `company`, `job_title`, ...), found by
//! the import's header recognition, and every column by its header.

use std::collections::BTreeMap;
use std::sync::Arc;

/// A lead's values. Blank cells and the placeholders CRMs write for "no
/// value" (`N/A`, `null`, `-`, ...) are not values: a token that reads one
/// is missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lead {
    /// The line of the lead file the row starts on.
    pub line: usize,
    fields: BTreeMap<String, String>,
    /// The file's columns as `(header key, header as written)`, shared by
    /// every lead of the file.
    header: Arc<[(String, String)]>,
    /// One value per column; `None` for a blank.
    values: Vec<Option<String>>,
}

/// A header row as leads share it: `(header key, header as written)` per
/// column.
pub fn shared_header<H: AsRef<str>>(headers: &[H]) -> Arc<[(String, String)]> {
    headers
        .iter()
        .map(|h| (header_key(h.as_ref()), h.as_ref().to_string()))
        .collect()
}

impl Lead {
    /// A lead from canonical field values and its columns as
    /// `(header, value)`; blank values and placeholders are dropped, line
    /// breaks and runs of spaces inside a value become single spaces.
    pub fn new<F, C, K, V, H, W>(line: usize, fields: F, columns: C) -> Lead
    where
        F: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: AsRef<str>,
        C: IntoIterator<Item = (H, W)>,
        H: AsRef<str>,
        W: AsRef<str>,
    {
        let (headers, values): (Vec<String>, Vec<String>) = columns
            .into_iter()
            .map(|(h, v)| (h.as_ref().to_string(), v.as_ref().to_string()))
            .unzip();
        Lead::with_header(line, fields, shared_header(&headers), values.iter())
    }

    /// A lead of a file whose header is already shared
    /// ([`shared_header`]); `values` are the row's cells in column order.
    pub fn with_header<F, K, V, I, W>(
        line: usize,
        fields: F,
        header: Arc<[(String, String)]>,
        values: I,
    ) -> Lead
    where
        F: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: AsRef<str>,
        I: IntoIterator<Item = W>,
        W: AsRef<str>,
    {
        let fields = fields
            .into_iter()
            .filter_map(|(k, v)| clean(v.as_ref()).map(|v| (k.into(), v)))
            .collect();
        let mut values: Vec<Option<String>> =
            values.into_iter().map(|v| clean(v.as_ref())).collect();
        values.resize(header.len(), None);
        let mut lead = Lead {
            line,
            fields,
            header,
            values,
        };
        lead.derive_names();
        lead
    }

    /// The value of a token name: a canonical field, else a column whose
    /// header reads the same (`{{ favourite_trail }}` for "Favourite Trail").
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str).or_else(|| {
            let column = self.header.iter().position(|(key, _)| key == name)?;
            self.values[column].as_deref()
        })
    }

    /// The value of a canonical field only.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }

    /// Every column as `(header, value)`, in file order, blanks left out.
    pub fn columns(&self) -> impl Iterator<Item = (&str, &str)> {
        self.header
            .iter()
            .zip(&self.values)
            .filter_map(|((_, h), v)| v.as_deref().map(|v| (h.as_str(), v)))
    }

    /// A file with only a full name still greets by first name.
    fn derive_names(&mut self) {
        let Some(full) = self.fields.get("full_name").cloned() else {
            return;
        };
        let mut words = full.split_whitespace();
        if !self.fields.contains_key("first_name")
            && let Some(first) = words.next()
        {
            self.fields.insert("first_name".into(), first.to_string());
            let rest: Vec<&str> = words.collect();
            if !rest.is_empty() && !self.fields.contains_key("last_name") {
                self.fields.insert("last_name".into(), rest.join(" "));
            }
        }
    }
}

/// A header as a token name: lowercase, every run of other characters as
/// one `_` ("Company Name for Emails" → `company_name_for_emails`,
/// "# Employees" → `employees`).
pub fn header_key(header: &str) -> String {
    let mut key = String::new();
    let mut gap = false;
    for ch in header.trim_start_matches('\u{feff}').chars() {
        if ch.is_alphanumeric() {
            if gap && !key.is_empty() {
                key.push('_');
            }
            gap = false;
            key.extend(ch.to_lowercase());
        } else {
            gap = true;
        }
    }
    key
}

/// What CRMs and spreadsheets write when there is no value.
const PLACEHOLDERS: &[&str] = &[
    "-",
    "--",
    "n/a",
    "na",
    "#n/a",
    "null",
    "nil",
    "none",
    "undefined",
    "unknown",
    "(blank)",
    "(none)",
    "[no name]",
    "[[missing token]]",
    "?",
];

/// Whether a cell holds no usable value.
pub fn is_blank(value: &str) -> bool {
    let trimmed = value.trim();
    let Some(first) = trimmed.bytes().next() else {
        return true;
    };
    // Every placeholder is short and starts with one of these.
    trimmed.len() <= 17
        && matches!(
            first.to_ascii_lowercase(),
            b'-' | b'n' | b'#' | b'u' | b'(' | b'[' | b'?'
        )
        && PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(trimmed))
}

/// A value with its whitespace tidied, or `None` for a blank.
fn clean(value: &str) -> Option<String> {
    if is_blank(value) {
        return None;
    }
    let tidy = !value.starts_with(char::is_whitespace)
        && !value.ends_with(char::is_whitespace)
        && !value.contains("  ")
        && !value.contains(|c: char| c.is_whitespace() && c != ' ');
    if tidy {
        return Some(value.to_string());
    }
    Some(value.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_first_then_columns_by_header() {
        let lead = Lead::new(
            2,
            [("first_name", " Dana "), ("company", "N/A")],
            [
                ("First Name", " Dana "),
                ("Favourite Trail", "Maroon\nBells"),
                ("# Employees", "120"),
            ],
        );
        assert_eq!(lead.get("first_name"), Some("Dana"));
        assert_eq!(lead.get("company"), None);
        assert_eq!(lead.get("favourite_trail"), Some("Maroon Bells"));
        assert_eq!(lead.get("employees"), Some("120"));
        assert_eq!(lead.columns().count(), 3);
    }

    #[test]
    fn a_full_name_gives_first_and_last() {
        let lead = Lead::new(
            2,
            [("full_name", "Dana  Marie Whitfield")],
            Vec::<(&str, &str)>::new(),
        );
        assert_eq!(lead.get("first_name"), Some("Dana"));
        assert_eq!(lead.get("last_name"), Some("Marie Whitfield"));
        let lead = Lead::new(
            2,
            [("full_name", "Dana Whitfield"), ("first_name", "Dee")],
            Vec::<(&str, &str)>::new(),
        );
        assert_eq!(lead.get("first_name"), Some("Dee"));
    }

    #[test]
    fn headers_become_names() {
        assert_eq!(
            header_key("Company Name for Emails"),
            "company_name_for_emails"
        );
        assert_eq!(header_key("\u{feff}# Employees"), "employees");
        assert_eq!(header_key("  Job-Title "), "job_title");
        assert_eq!(header_key("Größe (m²)"), "größe_m²");
    }

    #[test]
    fn placeholders_are_blanks() {
        for blank in ["", "  ", "N/A", "null", "-", "[[MISSING TOKEN]]", "Unknown"] {
            assert!(is_blank(blank), "{blank}");
        }
        assert!(!is_blank("Dana"));
        assert!(!is_blank("Nancy") && !is_blank("-5") && !is_blank("Unknown Pleasures Ltd"));
        for placeholder in PLACEHOLDERS {
            assert!(is_blank(placeholder), "{placeholder}");
            assert!(
                is_blank(&format!(" {} ", placeholder.to_uppercase())),
                "{placeholder}"
            );
        }
    }
}
