//! Lead, account and deal files as scoring reads them: the shared table
//! reader and header recognition ([`super::table`], [`super::columns`]),
//! seen as a scoring [`LeadHeader`], their rows as scoring [`Row`]s. The
//! CLI and the app open lead files through here.

use super::columns::{self, Mapping};
use super::table::{self, Table};
use crate::domain::scoring::{Column, LeadHeader, Row};
use std::io::Read;
use std::path::Path;

impl Row for table::Row {
    fn cell(&self, column: usize) -> Option<&str> {
        (column < self.len()).then(|| self.get(column))
    }
}

/// The canonical field name a header is recognised as, the way the
/// customer import recognises it.
pub fn recognise(header: &str) -> Option<String> {
    columns::recognise(header).map(|f| f.name().to_string())
}

/// A header row mapped by the customer import's recognition, as scoring
/// sees it: each column with its field and unit, each field with its
/// columns best first.
pub fn lead_header(mapping: &Mapping) -> LeadHeader {
    let columns: Vec<Column> = mapping
        .headers()
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let unit = mapping.unit_of_column(i);
            Column {
                header: header.clone(),
                field: mapping.field_of(i).map(|f| f.name().to_string()),
                scale: unit.scale.max(1) as f64,
                currency: unit.currency.clone(),
            }
        })
        .collect();
    let fields = columns::Field::ALL
        .iter()
        .filter(|f| mapping.has(**f))
        .map(|f| (f.name().to_string(), mapping.columns_of(*f).to_vec()))
        .collect();
    LeadHeader { columns, fields }
}

/// A lead file opened for scoring: the rows still to read, and its header
/// as scoring sees it.
pub struct LeadFile<R: Read> {
    pub table: Table<R>,
    pub mapping: Mapping,
    pub header: LeadHeader,
}

/// Opens a lead file; the error is one sentence naming the file.
pub fn open(path: &Path) -> Result<LeadFile<Box<dyn Read>>, String> {
    let table = Table::open(path)?;
    Ok(from_table(table))
}

/// A lead file from a table already opened (tests, stdin).
pub fn from_table<R: Read>(table: Table<R>) -> LeadFile<R> {
    let mapping = Mapping::new(table.headers());
    let header = lead_header(&mapping);
    LeadFile {
        table,
        mapping,
        header,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::fields::kind_of;

    #[test]
    fn every_recognised_field_has_a_kind() {
        for field in columns::Field::ALL {
            assert!(
                kind_of(field.name()).is_some(),
                "scoring does not know what kind of value `{}` holds (add it to scoring/fields.rs)",
                field.name()
            );
        }
    }

    #[test]
    fn hubspot_headers_feed_fields_best_first() {
        let csv = "First Name,Company Name,Industry,Number of Employees,Country/Region,Company Country,Annual Revenue (in 000s USD)\nDana,Acme,Retail,120,,US,18000\n";
        let file = from_table(Table::from_reader(csv.as_bytes()).unwrap());
        let h = &file.header;
        let field = |name: &str| {
            h.fields
                .iter()
                .find(|(f, _)| f == name)
                .map(|(_, c)| c.clone())
        };
        assert_eq!(field("employees"), Some(vec![3]));
        assert_eq!(field("country"), Some(vec![5, 4]));
        assert_eq!(h.columns[6].scale, 1000.0);
        assert_eq!(h.columns[6].currency.as_deref(), Some("USD"));
        assert_eq!(recognise("# Employees").as_deref(), Some("employees"));
    }
}
