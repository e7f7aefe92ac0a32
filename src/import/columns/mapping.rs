//! A whole header row mapped to fields, with `--map` overrides.

use super::{EXACT, Field, Unit, header_key, recognise_ranked, unit_of};
use crate::import::table::Row;
use std::collections::BTreeMap;

/// Which kinds of row a header suggests (see [`Mapping::signals`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Signals {
    /// Firmographic columns: industry, employees, revenue, domain, tools...
    pub account: usize,
    /// Shop columns: lifetime value, orders, average order value...
    pub shopper: usize,
    /// Person columns: names, e-mail, phone, job title...
    pub person: usize,
    /// Deal columns: deal name, stage, amount, close date...
    pub deal: usize,
    /// Whether the company column is a company's own (not a shopper's
    /// address line such as Shopify's `Default Address Company`).
    pub strong_company: bool,
}

/// A header row mapped to fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    headers: Vec<String>,
    /// Per column: the field it feeds, if any.
    columns: Vec<Option<Field>>,
    /// Per field: its columns, best first.
    fields: BTreeMap<Field, Vec<usize>>,
    units: Vec<Unit>,
    /// Columns named by `--map`.
    overridden: Vec<usize>,
}

impl Mapping {
    /// Maps every header; the context of the whole row settles headers
    /// that mean different things in different exports (`Name`, `Stage`,
    /// `Type`).
    pub fn new(headers: &[String]) -> Mapping {
        let ranked: Vec<Option<(Field, u8)>> =
            headers.iter().map(|h| recognise_ranked(h)).collect();
        let has = |f: Field| ranked.iter().flatten().any(|(g, _)| *g == f);
        let strong_company = ranked
            .iter()
            .zip(headers)
            .any(|(r, h)| matches!(r, Some((Field::Company, _))) && !is_address_company(h));
        let deal = [
            Field::DealName,
            Field::Amount,
            Field::CloseDate,
            Field::Pipeline,
        ]
        .iter()
        .any(|f| has(*f));
        let person = has(Field::FirstName) || has(Field::LastName) || has(Field::Email);
        let shop = has(Field::LifetimeValue) || has(Field::Orders) || has(Field::AverageOrderValue);
        let mut columns = Vec::with_capacity(headers.len());
        let mut order: Vec<(Field, u8, usize)> = Vec::new();
        for (index, (header, rank)) in headers.iter().zip(&ranked).enumerate() {
            let key = header_key(header);
            let field = match (key.as_str(), rank) {
                // A sheet of companies often calls the company "Name".
                ("name", _) if !strong_company && !person && !shop => Some((Field::Company, EXACT)),
                ("stage" | "status", _) if deal => Some((Field::DealStage, EXACT)),
                ("stage", _) if person => Some((Field::LeadStatus, EXACT)),
                ("stage", _) if strong_company => Some((Field::LifecycleStage, EXACT)),
                ("type", _) if deal => Some((Field::DealType, EXACT)),
                (_, Some(r)) => Some(*r),
                _ => None,
            };
            columns.push(field.map(|(f, _)| f));
            if let Some((f, r)) = field {
                // The shopper's address company ranks below a company column.
                let r = if f == Field::Company && is_address_company(header) {
                    0
                } else {
                    r
                };
                order.push((f, r, index));
            }
        }
        order.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut fields: BTreeMap<Field, Vec<usize>> = BTreeMap::new();
        for (field, _, index) in order {
            fields.entry(field).or_default().push(index);
        }
        Mapping {
            headers: headers.to_vec(),
            columns,
            fields,
            units: headers.iter().map(|h| unit_of(h)).collect(),
            overridden: Vec::new(),
        }
    }

    /// Applies `--map FIELD=COLUMN` overrides: the column (named as in the
    /// header, compared like headers, or by its 1-based number) feeds that
    /// field alone, first; `FIELD=` with no column drops the field. The
    /// error is one sentence naming the field or column.
    pub fn with_overrides(mut self, overrides: &[(Field, String)]) -> Result<Mapping, String> {
        for (field, column) in overrides {
            if column.trim().is_empty() {
                for index in self.fields.remove(field).unwrap_or_default() {
                    self.columns[index] = None;
                }
                continue;
            }
            let index = self.find_column(column).ok_or_else(|| {
                format!(
                    "--map {field}={column}: the file has no column `{column}` (its columns: {})",
                    self.headers
                        .iter()
                        .map(|h| format!("`{h}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            if let Some(old) = self.columns[index]
                && let Some(list) = self.fields.get_mut(&old)
            {
                list.retain(|i| *i != index);
                if list.is_empty() {
                    self.fields.remove(&old);
                }
            }
            // The named column alone feeds the field.
            for other in self.fields.remove(field).unwrap_or_default() {
                if !self.overridden.contains(&other) {
                    self.columns[other] = None;
                }
            }
            self.columns[index] = Some(*field);
            let mut list: Vec<usize> = self
                .overridden
                .iter()
                .copied()
                .filter(|i| self.columns[*i] == Some(*field) && *i != index)
                .collect();
            list.insert(0, index);
            self.fields.insert(*field, list);
            self.overridden.push(index);
        }
        Ok(self)
    }

    /// The column a user named: by its header as written, compared like
    /// headers, or by its 1-based number.
    pub fn find_column(&self, column: &str) -> Option<usize> {
        let wanted = column.trim();
        if let Some(i) = self.headers.iter().position(|h| h == wanted) {
            return Some(i);
        }
        let key = header_key(wanted);
        if let Some(i) = self.headers.iter().position(|h| header_key(h) == key) {
            return Some(i);
        }
        wanted
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=self.headers.len()).contains(n))
            .map(|n| n - 1)
    }

    /// The header row as given.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Whether some column feeds the field.
    pub fn has(&self, field: Field) -> bool {
        self.fields.contains_key(&field)
    }

    /// The columns feeding a field, best first (indexes into the header).
    pub fn columns_of(&self, field: Field) -> &[usize] {
        self.fields.get(&field).map_or(&[], Vec::as_slice)
    }

    /// The header of the field's first column.
    pub fn header_of(&self, field: Field) -> Option<&str> {
        self.columns_of(field)
            .first()
            .map(|i| self.headers[*i].as_str())
    }

    /// The field a column feeds.
    pub fn field_of(&self, column: usize) -> Option<Field> {
        self.columns.get(column).copied().flatten()
    }

    /// The unit the header of a field's column states (for the column the
    /// value came from, see [`Mapping::get_with_unit`]).
    pub fn unit_of_column(&self, column: usize) -> &Unit {
        &self.units[column]
    }

    /// A row's value for a field: the first of its columns that is filled.
    pub fn get<'r>(&self, field: Field, row: &'r Row) -> Option<&'r str> {
        self.get_with_unit(field, row).map(|(value, _)| value)
    }

    /// A row's value for a field with the unit its column's header states.
    pub fn get_with_unit<'r>(&self, field: Field, row: &'r Row) -> Option<(&'r str, &Unit)> {
        self.columns_of(field).iter().find_map(|&i| {
            let value = row.get(i);
            (!value.is_empty()).then(|| (value, &self.units[i]))
        })
    }

    /// Every mapped column, in header order: (header, field).
    pub fn mapped(&self) -> Vec<(&str, Field)> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter_map(|(h, f)| f.map(|f| (h.as_str(), f)))
            .collect()
    }

    /// Headers that feed no field, as written (empty headers left out).
    pub fn ignored(&self) -> Vec<&str> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter(|(h, f)| f.is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.as_str())
            .collect()
    }

    /// What kinds of row the mapped columns suggest.
    pub fn signals(&self) -> Signals {
        let count = |fields: &[Field]| fields.iter().filter(|f| self.has(**f)).count();
        Signals {
            account: count(&[
                Field::Industry,
                Field::Employees,
                Field::Revenue,
                Field::Domain,
                Field::Tools,
                Field::Founded,
                Field::Funding,
                Field::FundingStage,
                Field::LifecycleStage,
                Field::CompanyLinkedin,
            ]),
            shopper: count(&[
                Field::LifetimeValue,
                Field::Orders,
                Field::AverageOrderValue,
                Field::FirstOrder,
                Field::LastOrder,
                Field::AcceptsMarketing,
                Field::CustomerId,
            ]),
            person: count(&[
                Field::FirstName,
                Field::LastName,
                Field::FullName,
                Field::Email,
                Field::Phone,
                Field::JobTitle,
                Field::Username,
            ]),
            deal: count(&[
                Field::DealName,
                Field::DealStage,
                Field::Amount,
                Field::CloseDate,
                Field::Pipeline,
                Field::LostReason,
            ]),
            strong_company: self
                .columns_of(Field::Company)
                .iter()
                .any(|i| !is_address_company(&self.headers[*i])),
        }
    }
}

/// A company written on a shopper's address (Shopify's `Default Address
/// Company`, legacy `Company` beside address columns, WooCommerce's
/// `billing_company`): a line of the address, not the row's own company.
fn is_address_company(header: &str) -> bool {
    let key = header_key(header);
    [
        "defaultaddresscompany",
        "billingcompany",
        "shippingcompany",
        "addresscompany",
    ]
    .contains(&key.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::Field;
    use crate::import::table::Row;

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(|s| s.to_string()).collect()
    }

    fn mapped(line: &str) -> Vec<(String, &'static str)> {
        let m = Mapping::new(&headers(line));
        m.mapped()
            .into_iter()
            .map(|(h, f)| (h.to_string(), f.name()))
            .collect()
    }

    #[test]
    fn shopify_current_and_legacy() {
        let current = "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags";
        let m = Mapping::new(&headers(current));
        assert_eq!(m.header_of(Field::CustomerId), Some("Customer ID"));
        assert_eq!(
            m.header_of(Field::Country),
            Some("Default Address Country Code")
        );
        assert_eq!(
            m.header_of(Field::Region),
            Some("Default Address Province Code")
        );
        assert_eq!(m.header_of(Field::LifetimeValue), Some("Total Spent"));
        assert_eq!(m.header_of(Field::Orders), Some("Total Orders"));
        assert_eq!(
            m.header_of(Field::AcceptsMarketing),
            Some("Accepts Email Marketing")
        );
        assert_eq!(m.header_of(Field::Tags), Some("Tags"));
        assert!(!m.signals().strong_company);
        assert!(m.ignored().contains(&"Note"));
        let legacy = "First Name,Last Name,Email,Company,Address1,Address2,City,Province,Province Code,Country,Country Code,Zip,Phone,Accepts Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt";
        let m = Mapping::new(&headers(legacy));
        assert_eq!(m.columns_of(Field::Country).len(), 2);
        assert_eq!(m.header_of(Field::City), Some("City"));
        assert_eq!(
            m.header_of(Field::AcceptsMarketing),
            Some("Accepts Marketing")
        );
        assert!(m.signals().shopper >= 3);
    }

    #[test]
    fn name_stage_and_type_depend_on_the_other_columns() {
        assert!(mapped("Name,Industry,Employees").contains(&("Name".into(), "company")));
        assert!(mapped("Name,Email,Total Spend").contains(&("Name".into(), "full_name")));
        assert!(mapped("Deal Name,Stage,Amount,Type").contains(&("Stage".into(), "deal_stage")));
        assert!(mapped("Deal Name,Stage,Amount,Type").contains(&("Type".into(), "deal_type")));
        assert!(mapped("First Name,Email,Stage").contains(&("Stage".into(), "lead_status")));
        assert!(mapped("Company,Industry,Stage").contains(&("Stage".into(), "lifecycle_stage")));
        assert!(!mapped("Company,Type").iter().any(|(h, _)| h == "Type"));
    }

    #[test]
    fn the_company_location_wins_over_a_person_s() {
        let apollo = "First Name,Last Name,Title,Company,Email,City,State,Country,Company City,Company State,Company Country,# Employees,Industry,Technologies";
        let m = Mapping::new(&headers(apollo));
        assert_eq!(m.header_of(Field::Country), Some("Company Country"));
        assert_eq!(m.columns_of(Field::Country).len(), 2);
        let row = Row::new(2, &apollo.split(',').map(|_| "").collect::<Vec<_>>());
        assert_eq!(m.get(Field::Country, &row), None);
        let mut cells = vec![""; 14];
        cells[7] = "Canada";
        let row = Row::new(2, &cells);
        assert_eq!(m.get(Field::Country, &row), Some("Canada"), "falls back");
        cells[10] = "United States";
        let row = Row::new(2, &cells);
        assert_eq!(m.get(Field::Country, &row), Some("United States"));
    }

    #[test]
    fn overrides_replace_drop_and_report_unknown_columns() {
        let m = Mapping::new(&headers("Account,Spend,Country,Email"))
            .with_overrides(&[
                (Field::LifetimeValue, "spend".into()),
                (Field::Email, String::new()),
                (Field::Region, "3".into()),
            ])
            .unwrap();
        assert_eq!(m.header_of(Field::LifetimeValue), Some("Spend"));
        assert!(!m.has(Field::Email));
        assert_eq!(m.header_of(Field::Region), Some("Country"));
        assert!(!m.has(Field::Country));
        assert_eq!(m.ignored(), ["Email"]);
        let e = Mapping::new(&headers("Account"))
            .with_overrides(&[(Field::Orders, "Orders".into())])
            .unwrap_err();
        assert!(e.contains("no column `Orders`"), "{e}");
    }
}
