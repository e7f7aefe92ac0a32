//! Lead files (Apollo, HubSpot, Salesforce, ZoomInfo, lemlist or any CSV
//! of people) read as [`Lead`]s for outreach: through the shared table
//! reader and header recognition, so a column recognised for the customer
//! import or the scoring is recognised here too.

use super::columns::{Field, Mapping};
use super::table::{Row, Table};
use crate::domain::outreach::Lead;
use crate::domain::outreach::lead::shared_header;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// Apollo's cleaned company name ("Acme Outdoor" for "Acme Outdoor, Inc."),
/// made for exactly this: preferred for `{{ company }}` when filled.
const COMPANY_FOR_EMAILS: &str = "companynameforemails";

/// A lead file being read, one lead at a time.
pub struct LeadFile {
    table: Table<Box<dyn Read>>,
    mapping: Mapping,
    company_for_emails: Option<usize>,
    header: Arc<[(String, String)]>,
    /// How to name the file in messages.
    pub name: String,
}

impl LeadFile {
    /// Opens a lead file; `map` holds `--map FIELD=COLUMN` overrides. The
    /// error is one sentence naming the file (or the field and column).
    pub fn open(path: &Path, map: &[(Field, String)]) -> Result<LeadFile, String> {
        let table = Table::open(path)?;
        let mapping = Mapping::new(table.headers()).with_overrides(map)?;
        let company_for_emails = table
            .headers()
            .iter()
            .position(|h| super::columns::header_key(h) == COMPANY_FOR_EMAILS);
        let header = shared_header(table.headers());
        Ok(LeadFile {
            table,
            mapping,
            company_for_emails,
            header,
            name: path.display().to_string(),
        })
    }

    /// The header row as written.
    pub fn headers(&self) -> &[String] {
        self.table.headers()
    }

    /// The header names as token names (`Favourite Trail` →
    /// `favourite_trail`), for the vocabulary.
    pub fn column_names(&self) -> Vec<String> {
        self.header.iter().map(|(key, _)| key.clone()).collect()
    }

    /// The fields some column feeds.
    pub fn fields(&self) -> Vec<Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| self.mapping.has(*f))
            .collect()
    }

    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// The lead of one row.
    pub fn lead(&self, row: &Row) -> Lead {
        lead_of(&self.mapping, self.company_for_emails, &self.header, row)
    }
}

impl Iterator for LeadFile {
    /// A lead with its row, or one sentence naming the file and line.
    type Item = Result<(Lead, Row), String>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = self.table.next()?;
        Some(match row {
            Ok(row) => Ok((self.lead(&row), row)),
            Err(error) => Err(format!("{}: {error}", self.name)),
        })
    }
}

/// A row as a lead: every recognised field and every column.
pub fn lead_of(
    mapping: &Mapping,
    company_for_emails: Option<usize>,
    header: &Arc<[(String, String)]>,
    row: &Row,
) -> Lead {
    let mut fields: Vec<(&str, &str)> = Field::ALL
        .iter()
        .filter_map(|f| mapping.get(*f, row).map(|v| (f.name(), v)))
        .collect();
    if let Some(index) = company_for_emails
        && !crate::domain::outreach::lead::is_blank(row.get(index))
    {
        fields.retain(|(name, _)| *name != Field::Company.name());
        fields.push((Field::Company.name(), row.get(index)));
    }
    let values = (0..header.len()).map(|i| row.get(i));
    Lead::with_header(row.line() as usize, fields, header.clone(), values)
}

/// Every lead field name, for the vocabulary.
pub fn field_names() -> Vec<&'static str> {
    Field::ALL.iter().map(|f| f.name()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apollo_rows_become_leads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("apollo.csv");
        std::fs::write(
            &path,
            "First Name,Last Name,Title,Company,Company Name for Emails,Email,Seniority,Departments,# Employees\n\
             Dana,Whitfield,Head of Operations,\"Acme Outdoor, Inc.\",Acme Outdoor,dana@acme.example,Head,Operations,120\n\
             Sam,Okafor,COO,Ridgeline Sports LLC,,sam@ridgeline.example,C suite,,45\n",
        )
        .unwrap();
        let file = LeadFile::open(&path, &[]).unwrap();
        assert!(
            file.column_names()
                .contains(&"company_name_for_emails".to_string())
        );
        let leads: Vec<Lead> = file.map(|r| r.unwrap().0).collect();
        assert_eq!(leads[0].get("company"), Some("Acme Outdoor"));
        assert_eq!(leads[0].get("job_title"), Some("Head of Operations"));
        assert_eq!(leads[0].get("department"), Some("Operations"));
        assert_eq!(leads[0].get("employees"), Some("120"));
        assert_eq!(leads[0].line, 2);
        assert_eq!(leads[1].get("company"), Some("Ridgeline Sports LLC"));
        assert_eq!(leads[1].get("seniority"), Some("C suite"));
        assert_eq!(leads[1].get("department"), None);
    }
}
