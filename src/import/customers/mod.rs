//! A customer export (CRM, shop, payments, data vendor, hand-kept sheet)
//! → an ICP's best customers, and the whole list as the baseline.
//!
//! 1. The header is mapped to fields ([`crate::import::columns`]) and the
//!    rows are told apart as accounts (companies) or shoppers (people
//!    buying for themselves) from the columns, unless the user says.
//! 2. With `--best-by`, one read of the file finds the bad rows, counts
//!    every customer, trait by trait, into the baseline and keeps the best
//!    so far ([`count`]); a file that hides its best from that (sorted
//!    from the highest value down, with `--top N%`) is read a second time
//!    for them. Memory follows what is stored, not the rows read.
//! 3. The picked records are merged into the ICP ([`merge`]): an existing
//!    customer gets only the attributes the file has.

mod count;
mod merge;
mod record;
mod select;

pub use merge::{Merged, name_key};
pub use record::{domain_of, email_key};
pub use select::{Criterion, Cut, grouped, parse_min, parse_top};

use crate::domain::tally::{BaselineBuilder, TraitSet};
use crate::domain::{Baseline, BestBy, BestCustomer, CustomerKind, Icp};
use crate::import::columns::{Field, Mapping, Source, Unit, guess_source, header_key};
use crate::import::table::{Row, Table};
use count::Candidate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// What the user asked for.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub kind: Option<CustomerKind>,
    /// `--best-by` with its `--top` or `--min` (the cut as written).
    pub best_by: Option<(String, Cut, String)>,
    pub overrides: Vec<(Field, String)>,
    pub keep_names: bool,
    pub skip_bad: bool,
    /// The currency of amounts the file gives none for (`--currency`).
    pub currency: Option<String>,
}

/// What the header says, and what follows for the rows.
#[derive(Clone, Debug)]
pub struct Plan {
    pub mapping: Mapping,
    pub kind: CustomerKind,
    /// Whether the kind was told from the columns (not `--kind`).
    pub kind_detected: bool,
    pub source: Option<Source>,
    pub keep_names: bool,
    /// The currency of amounts that name none.
    pub currency: Option<String>,
    /// Fields mapped with `--map` that have no attribute of their own.
    pub extra_fields: Vec<Field>,
    /// Traits the file has columns for.
    pub covered: Vec<&'static str>,
    /// The same, as the baseline counts them.
    pub covered_set: TraitSet,
    /// Per field (by its place in [`Field::ALL`]), the columns feeding it.
    columns: Vec<Vec<usize>>,
}

/// Fields a record has a place for.
const KEPT: [Field; 28] = [
    Field::Company,
    Field::Domain,
    Field::Industry,
    Field::Employees,
    Field::Revenue,
    Field::Currency,
    Field::City,
    Field::Region,
    Field::Country,
    Field::Location,
    Field::Tools,
    Field::LifecycleStage,
    Field::Founded,
    Field::Funding,
    Field::FundingStage,
    Field::Criterion,
    Field::RecordId,
    Field::AccountId,
    Field::ContactId,
    Field::CustomerId,
    Field::LifetimeValue,
    Field::Orders,
    Field::AverageOrderValue,
    Field::FirstOrder,
    Field::LastOrder,
    Field::CreateDate,
    Field::Tags,
    Field::AcceptsMarketing,
];

/// Which trait each field feeds.
fn traits_of(field: Field) -> &'static [&'static str] {
    match field {
        Field::Industry => &["industry"],
        Field::Employees => &["size"],
        Field::Revenue => &["revenue"],
        Field::LifetimeValue => &["lifetime_value", "average_order_value"],
        Field::Orders => &["orders", "average_order_value"],
        Field::AverageOrderValue => &["average_order_value"],
        Field::FirstOrder | Field::LastOrder | Field::CreateDate => &["tenure"],
        Field::Country => &["country"],
        Field::Region => &["region"],
        Field::City => &["city"],
        Field::Location => &["country", "region", "city"],
        Field::Tools => &["tools"],
        Field::Tags => &["tags"],
        Field::LifecycleStage => &["lifecycle_stage"],
        Field::FundingStage => &["funding_stage"],
        Field::AcceptsMarketing => &["accepts_marketing"],
        Field::Criterion => &["criterion"],
        _ => &[],
    }
}

impl Plan {
    pub fn new(headers: &[String], options: &Options) -> Result<Plan, String> {
        let mapping = Mapping::new(headers).with_overrides(&options.overrides)?;
        let s = mapping.signals();
        let detected = if s.strong_company && (s.account > 0 || s.shopper == 0 || s.person == 0) {
            Some(CustomerKind::Account)
        } else if s.shopper > 0 || s.person > 0 {
            Some(CustomerKind::Shopper)
        } else if mapping.has(Field::Company) || s.account > 0 {
            Some(CustomerKind::Account)
        } else {
            None
        };
        let kind = match (options.kind, detected) {
            (Some(kind), _) | (None, Some(kind)) => kind,
            (None, None) => {
                return Err(format!(
                    "no column tells who the customers are ({}); name a company, customer id or e-mail column, or pass --kind accounts|shoppers",
                    headers
                        .iter()
                        .map(|h| format!("`{h}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        };
        let extra_fields = options
            .overrides
            .iter()
            .map(|(f, _)| *f)
            .filter(|f| mapping.has(*f) && !KEPT.contains(f) && !f.is_personal())
            .collect();
        let mut covered: Vec<&'static str> = Field::ALL
            .iter()
            .filter(|f| mapping.has(**f))
            .flat_map(|f| traits_of(*f).iter().copied())
            .collect();
        covered.sort_unstable();
        covered.dedup();
        Ok(Plan {
            source: guess_source(headers),
            kind,
            kind_detected: options.kind.is_none(),
            keep_names: options.keep_names,
            currency: options.currency.as_ref().map(|c| c.trim().to_uppercase()),
            extra_fields,
            covered_set: TraitSet::of(&covered),
            covered,
            columns: Field::ALL
                .iter()
                .map(|f| mapping.columns_of(*f).to_vec())
                .collect(),
            mapping,
        })
    }

    /// Whether a mapped field ends up in the records.
    pub fn keeps(&self, field: Field) -> bool {
        let shopper = self.kind == CustomerKind::Shopper;
        match field {
            Field::FullName | Field::FirstName | Field::LastName | Field::Email => {
                shopper && self.keep_names
            }
            Field::Company => !shopper || self.keep_names,
            f => KEPT.contains(&f) || self.extra_fields.contains(&f),
        }
    }

    /// A row's value for a field, as [`Mapping::get`] gives it (empty when
    /// none), by a table made once rather than a search per cell.
    pub fn get<'r>(&self, field: Field, row: &'r Row) -> &'r str {
        self.get_with_unit(field, row)
            .map_or("", |(value, _)| value)
    }

    /// [`Mapping::get_with_unit`], by the same table.
    pub fn get_with_unit<'r>(&self, field: Field, row: &'r Row) -> Option<(&'r str, &Unit)> {
        let columns = self.columns.get(field as usize)?;
        columns.iter().find_map(|&i| {
            let value = row.get(i);
            (!value.is_empty()).then(|| (value, self.mapping.unit_of_column(i)))
        })
    }

    /// Whether rows need the workspace's salt (shoppers with e-mails).
    pub fn needs_salt(&self) -> bool {
        self.kind == CustomerKind::Shopper && self.mapping.has(Field::Email)
    }
}

/// A row that could not be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

/// Why nothing was imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// One sentence (without the file name).
    Fatal(String),
    /// Rows that cannot be imported, when `--skip-bad` was not given.
    Rows(Vec<RowError>),
}

impl From<String> for ImportError {
    fn from(message: String) -> ImportError {
        ImportError::Fatal(message)
    }
}

/// A mapped column and whether its values are kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MappedColumn {
    pub column: String,
    pub field: &'static str,
    pub kept: bool,
}

/// What an import did (or, in a dry run, would do).
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub source: Option<&'static str>,
    pub kind: &'static str,
    pub kind_detected: bool,
    pub delimiter: String,
    pub encoding: &'static str,
    /// Rows read (blank lines and report footers aside).
    pub rows: usize,
    pub mapped: Vec<MappedColumn>,
    /// Columns of personal data, not kept.
    pub personal: Vec<String>,
    /// Columns no field names.
    pub ignored: Vec<String>,
    pub skipped: Vec<RowError>,
    pub best_by: Option<BestBy>,
    /// Rows without a value to rank by (counted in the baseline only).
    pub without_value: usize,
    /// Currencies of the values ranked, when more than one (not converted).
    pub mixed_currencies: Vec<String>,
    pub added: usize,
    pub updated: usize,
    pub updated_fields: BTreeMap<&'static str, usize>,
    pub unchanged: usize,
    pub duplicates: Vec<u64>,
    pub demoted: Vec<String>,
    /// Best customers of the ICP afterwards.
    pub best_customers: usize,
    /// Customers counted into the baseline.
    pub baseline: Option<usize>,
    /// The first records as stored.
    pub preview: Vec<BestCustomer>,
}

/// Reports how far reading has come: bytes read, bytes in all, and which
/// pass (1 of 2, 2 of 2, or 1 of 1).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64, (u8, u8));

/// Imports `path` into `icp` (changed in place only when it succeeds).
/// `salt` is asked for only when shoppers are keyed by their e-mail.
pub fn import(
    path: &Path,
    options: &Options,
    icp: &mut Icp,
    salt: &mut dyn FnMut() -> Result<Vec<u8>, String>,
    today: jiff::civil::Date,
    progress: Progress,
) -> Result<Report, ImportError> {
    let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut table = Table::open(path)?;
    let plan = Plan::new(table.headers(), options)?;
    let salt = if plan.needs_salt() {
        Some(salt()?)
    } else {
        None
    };
    let salt = salt.as_deref();
    let criterion = match &options.best_by {
        Some((by, cut, text)) => Some(select::criterion(&plan.mapping, by, cut.clone(), text)?),
        None => None,
    };
    let mut index = merge::Index::new(&icp.best_customers);
    let mut errors = Vec::new();
    let mut with_value = 0usize;
    let mut currencies: Vec<String> = Vec::new();
    let mut listed = Vec::new();
    let mut picked: Vec<Candidate> = Vec::new();
    let mut baseline = BaselineBuilder::default();
    let mut rows = 0;
    let mut without_value = 0;
    if let Some(criterion) = &criterion {
        let rules = count::Rules {
            plan: &plan,
            criterion,
            salt,
            index: &index,
            existing: &icp.best_customers,
        };
        let counted = rules.run(&mut table, total, progress)?;
        if !counted.errors.is_empty() && !options.skip_bad {
            return Err(ImportError::Rows(counted.errors));
        }
        let keep = match criterion.cut {
            Cut::Top(n) => n,
            Cut::Share(p) => ((counted.with_value as f64) * p / 100.0).ceil().max(1.0) as usize,
            Cut::Min(_) => usize::MAX,
        };
        (errors, with_value, currencies) = (counted.errors, counted.with_value, counted.currencies);
        (rows, without_value) = (counted.rows, counted.without_value);
        (baseline, listed) = (counted.baseline, counted.listed);
        picked = match counted.best.exact(keep) {
            Some(best) => best,
            // The best so far was not surely the best of all (a file sorted
            // from the highest value down): read the file again for them.
            None => rules.pick(&mut Table::open(path)?, keep, total, progress)?,
        };
    } else {
        let mut n = 0;
        while let Some(row) = next_row(&mut table, &mut n, total, (1, 1), progress) {
            let row = row?;
            rows += 1;
            match record::record(&plan, &row, salt) {
                Ok(record) => picked.push(Candidate {
                    value: 0.0,
                    line: row.line(),
                    record: Box::new(record),
                }),
                Err(message) => errors.push(RowError {
                    line: row.line(),
                    message,
                }),
            }
        }
    }
    let (encoding, delimiter) = (table.encoding(), table.delimiter());
    if criterion.is_none() && !errors.is_empty() && !options.skip_bad {
        return Err(ImportError::Rows(errors));
    }
    if rows == 0 {
        return Err(ImportError::Fatal(
            "the file has a header but no rows; nothing was imported".into(),
        ));
    }
    if criterion.is_some() {
        picked.sort();
    }
    let lowest = picked.last().map(|c| c.value);
    let lowest_currency = (currencies.len() == 1).then(|| currencies[0].as_str());
    let records: Vec<(u64, BestCustomer)> =
        picked.into_iter().map(|c| (c.line, *c.record)).collect();
    let count = records.len();
    let merged = merge::apply(
        &mut icp.best_customers,
        &mut index,
        records,
        criterion.as_ref().map(|_| listed.as_slice()),
    );
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The list this file is: its tool, or the file itself.
    let list = plan
        .source
        .map_or_else(|| file_name.clone(), |s| s.slug.to_string());
    let best_by = criterion.as_ref().map(|c| {
        let threshold = lowest
            .map(|v| c.show(v, lowest_currency))
            .unwrap_or_default();
        BestBy {
            list: list.clone(),
            criterion: c.words(count, with_value, &threshold),
            by: c.name.clone(),
            column: c.column.clone(),
            top: match c.cut {
                Cut::Min(_) => String::new(),
                _ => c.cut_text.clone(),
            },
            min: match c.cut {
                Cut::Min(_) => c.cut_text.clone(),
                _ => String::new(),
            },
            picked: count,
            of: with_value,
            threshold,
            file: file_name.clone(),
            date: Some(today),
            extra: Default::default(),
        }
    });
    if let Some(best_by) = &best_by {
        // The same rule over the same list keeps its date: a re-import
        // that changes nothing leaves the file as it was.
        let same = |mut a: BestBy, mut b: BestBy| {
            (a.date, b.date) = (None, None);
            a == b
        };
        match icp.best_by.iter_mut().find(|b| b.list == list) {
            Some(rule) if same(rule.clone(), best_by.clone()) => {}
            Some(rule) => *rule = best_by.clone(),
            None => icp.best_by.push(best_by.clone()),
        }
        let mut counted = baseline.finish(
            icp.baseline.get(&list),
            &icp.best_customers,
            &file_name,
            Some(today),
        );
        if let Some(old) = icp.baseline.get(&list)
            && (Baseline {
                date: old.date,
                ..counted.clone()
            }) == *old
        {
            counted.date = old.date;
        }
        icp.baseline.insert(list.clone(), counted);
    }
    let mapped: Vec<MappedColumn> = plan
        .mapping
        .mapped()
        .into_iter()
        .map(|(column, field)| MappedColumn {
            column: column.to_string(),
            field: field.name(),
            kept: plan.keeps(field),
        })
        .collect();
    let personal = mapped
        .iter()
        .filter(|m| !m.kept && Field::from_name(m.field).is_some_and(Field::is_personal))
        .map(|m| m.column.clone())
        .chain(
            plan.mapping
                .ignored()
                .into_iter()
                .filter(|h| looks_personal(h))
                .map(str::to_string),
        )
        .collect();
    Ok(Report {
        source: plan.source.map(|s| s.name),
        kind: plan.kind.name(),
        kind_detected: plan.kind_detected,
        delimiter: match delimiter {
            '\t' => "tab".into(),
            d => d.to_string(),
        },
        encoding: encoding.name(),
        rows,
        ignored: plan
            .mapping
            .ignored()
            .into_iter()
            .filter(|h| !looks_personal(h))
            .map(str::to_string)
            .collect(),
        mapped,
        personal,
        skipped: errors,
        best_by,
        without_value,
        mixed_currencies: if currencies.len() > 1 {
            currencies
        } else {
            Vec::new()
        },
        added: merged.added,
        updated: merged.updated,
        updated_fields: merged.updated_fields.clone(),
        unchanged: merged.unchanged,
        duplicates: merged.duplicates.clone(),
        demoted: merged.demoted.clone(),
        best_customers: icp.best_customers.len(),
        baseline: criterion
            .as_ref()
            .map(|_| icp.baseline.values().map(|b| b.customers).sum()),
        preview: merged
            .stored
            .iter()
            .take(3)
            .map(|i| icp.best_customers[*i].clone())
            .collect(),
    })
}

/// The next row of a table, telling `progress` how far it is every 4,096
/// rows and at the end.
fn next_row<R: std::io::Read>(
    table: &mut Table<R>,
    n: &mut u64,
    total: u64,
    pass: (u8, u8),
    progress: Progress,
) -> Option<Result<Row, ImportError>> {
    *n += 1;
    if n.is_multiple_of(4096) {
        progress(table.bytes_read(), total, pass);
    }
    match table.next() {
        Some(Ok(row)) => Some(Ok(row)),
        Some(Err(e)) => Some(Err(ImportError::Fatal(e.to_string()))),
        None => {
            progress(total, total, pass);
            None
        }
    }
}

/// Columns no field names that still hold personal data (an address line,
/// a birthday): never kept, and said so.
fn looks_personal(header: &str) -> bool {
    let key = header_key(header);
    [
        "address",
        "street",
        "zip",
        "postal",
        "birth",
        "phone",
        "ipaddress",
        "password",
    ]
    .iter()
    .any(|w| key.contains(w))
}
