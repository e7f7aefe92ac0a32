//! Engagement and deal exports → [`Record`]s, one per person, deal or
//! campaign, ready to be assigned and added up
//! ([`crate::domain::metrics::aggregate`]).
//!
//! Every source reads through the shared table reader and header
//! recognition ([`super::table`], [`super::columns`]); each file here knows
//! one tool's columns and values:
//! [`hubspot_deals`], [`hubspot_sequences`], [`lemlist`], [`mailchimp`],
//! and [`generic`] for any CSV with recognisable columns. What a row means
//! for the counts (a person who replied was also sent to, and so on) lives
//! in [`people`] and [`deals`], shared by all of them.

pub mod assign;
pub mod deals;
pub mod generic;
pub mod hubspot_deals;
pub mod hubspot_sequences;
pub mod lemlist;
pub mod mailchimp;
pub mod people;
pub mod values;

use super::columns::{Field, Mapping, header_key};
use super::table::{Row, Table};
use crate::domain::metrics::counts::Tracked;
use crate::domain::metrics::{Counts, Record, Source};
use std::collections::BTreeSet;

/// What a file gave.
#[derive(Debug)]
pub struct Imported {
    pub source: Source,
    pub records: Vec<Record>,
    /// Data rows read (a lemlist activity export has several per person).
    pub rows: u64,
    /// The campaigns, sequences or pipelines the file is about: its stream.
    pub scope: Vec<String>,
    /// Engagement counts this file cannot tell.
    pub untracked: BTreeSet<Tracked>,
    /// What a record is, in words, one and many (`deal`, `deals`).
    pub unit: (&'static str, &'static str),
    /// The header mapped to fields, for the persona rules and scoring.
    pub mapping: Mapping,
    /// Columns read, as `(header, what it was read as)`.
    pub read_as: Vec<(String, String)>,
    /// Things worth telling (rows without a date, ...).
    pub notes: Vec<String>,
}

/// Reads an export of `source` from its bytes. `map` holds `--map
/// FIELD=COLUMN` overrides for the recognised fields. The error is one
/// sentence (the caller names the file); a bad row is named by its line.
pub fn read(source: Source, bytes: &[u8], map: &[(Field, String)]) -> Result<Imported, String> {
    let table = Table::from_reader(bytes).map_err(|e| e.to_string())?;
    let mapping = Mapping::new(table.headers()).with_overrides(map)?;
    let headers = Headers::new(table.headers());
    let rows: Rows = Box::new(table.map(|r| r.map_err(|e| e.to_string())));
    let mut imported = match source {
        Source::HubspotDeals => hubspot_deals::read(&headers, &mapping, rows)?,
        Source::HubspotSequences => hubspot_sequences::read(&headers, &mapping, rows)?,
        Source::Lemlist => lemlist::read(&headers, &mapping, rows)?,
        Source::Mailchimp => mailchimp::read(&headers, &mapping, rows)?,
        Source::Generic => generic::read(&headers, &mapping, rows)?,
    };
    if imported.rows == 0 {
        return Err("it has a header but no rows".to_string());
    }
    // The columns that assign rows, for the summary.
    let headers = Headers::new(imported.mapping.headers());
    for (field, what) in [
        (Field::Persona, "persona"),
        (Field::JobTitle, "job title, for match rules"),
        (Field::Seniority, "seniority, for match rules"),
        (Field::Department, "department, for match rules"),
    ] {
        let column = imported.mapping.columns_of(field).first().copied();
        imported.reads(&headers, column, what);
    }
    // What the file cannot tell stays out of those rates' samples.
    for record in &mut imported.records {
        let c = &mut record.counts;
        for what in &imported.untracked {
            *match what {
                Tracked::Opened => &mut c.opened,
                Tracked::Clicked => &mut c.clicked,
                Tracked::Replied => &mut c.replied,
                Tracked::Meetings => &mut c.meetings,
            } = 0;
            if c.delivered > 0 {
                c.untracked.insert(*what, c.delivered);
            }
        }
    }
    let undated = imported.records.iter().filter(|r| r.date.is_none()).count();
    if undated > 0 {
        imported.notes.push(format!(
            "{undated} of {} {} have no date, so `report --since` leaves them out",
            imported.records.len(),
            imported.unit.1
        ));
    }
    Ok(imported)
}

impl Imported {
    fn new(source: Source, mapping: &Mapping, unit: (&'static str, &'static str)) -> Imported {
        Imported {
            source,
            records: Vec::new(),
            rows: 0,
            scope: Vec::new(),
            untracked: BTreeSet::new(),
            unit,
            mapping: mapping.clone(),
            read_as: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Notes a column as read.
    fn reads(&mut self, headers: &Headers, column: Option<usize>, what: &str) {
        if let Some(i) = column {
            let header = headers.name(i).to_string();
            if !self.read_as.iter().any(|(h, _)| *h == header) {
                self.read_as.push((header, what.to_string()));
            }
        }
    }

    /// Keeps a row's counts as a record: its template (campaign, sequence,
    /// counted in the file's scope), date and tier read from `at`'s columns.
    /// Returns the record for what a source knows beside (a lost reason).
    fn push_row(&mut self, row: &Row, at: RowColumns, counts: Counts) -> &mut Record {
        let template = cell(row, at.template).map(str::to_string);
        self.in_scope(template.as_deref());
        self.records.push(Record {
            line: row.line(),
            date: cell(row, at.date).and_then(values::date),
            tier: cell(row, at.tier).map(str::to_string),
            template,
            counts,
            lost_reason: None,
            cells: row.cells().map(str::to_string).collect(),
        });
        self.records.last_mut().expect("just pushed")
    }

    /// Adds a template (campaign, sequence) name to the scope.
    fn in_scope(&mut self, name: Option<&str>) {
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty())
            && !self.scope.iter().any(|s| s == name)
        {
            self.scope.push(name.to_string());
        }
    }
}

/// The columns of a row's template, date and tier, where a file has them.
#[derive(Clone, Copy, Debug, Default)]
struct RowColumns {
    template: Option<usize>,
    date: Option<usize>,
    tier: Option<usize>,
}

/// A header row, compared by [`header_key`].
pub struct Headers {
    names: Vec<String>,
    keys: Vec<String>,
}

impl Headers {
    pub fn new(headers: &[String]) -> Headers {
        Headers {
            names: headers.to_vec(),
            keys: headers.iter().map(|h| header_key(h)).collect(),
        }
    }

    /// The first column named by one of `aliases` (header keys, in order
    /// of preference).
    pub fn find(&self, aliases: &[&str]) -> Option<usize> {
        aliases
            .iter()
            .find_map(|a| self.keys.iter().position(|k| k == a))
    }

    /// Every column whose key is one of `aliases`, in file order.
    pub fn find_all(&self, aliases: &[&str]) -> Vec<usize> {
        (0..self.keys.len())
            .filter(|i| aliases.contains(&self.keys[*i].as_str()))
            .collect()
    }

    pub fn name(&self, column: usize) -> &str {
        &self.names[column]
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The header row for messages: `` `A`, `B` `` (the first 30).
    pub fn listed(&self) -> String {
        let mut shown: Vec<String> = self
            .names
            .iter()
            .take(30)
            .map(|h| format!("`{}`", crate::text::line(h)))
            .collect();
        if self.names.len() > 30 {
            shown.push(format!("and {} more", self.names.len() - 30));
        }
        shown.join(", ")
    }
}

/// The rows of a table, each a row or one sentence.
pub type Rows<'a> = Box<dyn Iterator<Item = Result<Row, String>> + 'a>;

/// Headers of the campaign, sequence or template a row is about, shared by
/// every source (each adds its own first).
pub const TEMPLATE: &[&str] = &[
    "outreachtemplate",
    "template",
    "templatename",
    "emailtemplate",
    "emailtemplatename",
    "sequence",
    "sequencename",
    "campaign",
    "campaignname",
    "campaigntitle",
    "utmcampaign",
];

/// Headers of an ICP fit tier: `persona score`'s `fit_tier`, HubSpot's
/// "Ideal Customer Profile Tier", and the usual names.
pub const TIER: &[&str] = &[
    "fittier",
    "tier",
    "icptier",
    "idealcustomerprofiletier",
    "hsidealcustomerprofile",
    "accounttier",
    "leadtier",
    "customertier",
    "prioritytier",
];

/// A cell of an optional column, `None` when blank.
pub fn cell(row: &Row, column: Option<usize>) -> Option<&str> {
    column.map(|i| row.get(i)).filter(|v| !values::is_blank(v))
}

/// The error for a file missing what a source needs.
fn missing(source: Source, needs: &str, headers: &Headers) -> String {
    format!(
        "it does not look like a {} export: it has no {needs} column (its columns: {}); check --source, or use --source generic",
        source.label(),
        headers.listed()
    )
}

/// `line N: message` for a row.
fn at(row: &Row, message: impl std::fmt::Display) -> String {
    format!("line {}: {message}", row.line())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_by_key_in_order_of_preference() {
        let h = Headers::new(&["Campaign Name".into(), "Sequence".into(), "fit_tier".into()]);
        assert_eq!(h.find(TEMPLATE), Some(1));
        assert_eq!(h.find(&["campaignname"]), Some(0));
        assert_eq!(h.find(TIER), Some(2));
        assert_eq!(h.find(&["nope"]), None);
        assert_eq!(h.listed(), "`Campaign Name`, `Sequence`, `fit_tier`");
    }

    #[test]
    fn an_empty_file_or_a_header_alone_is_refused() {
        let err = read(Source::Generic, b"", &[]).unwrap_err();
        assert!(err.contains("empty"), "{err}");
        let err = read(Source::Generic, b"Persona,Sent,Replied\n", &[]).unwrap_err();
        assert_eq!(err, "it has a header but no rows");
    }
}
