//! Picking the best from a whole list: `--best-by COLUMN_OR_FIELD` with
//! `--top N`, `--top N%` or `--min VALUE`.

use crate::domain::normalise;
use crate::import::columns::{Field, Mapping};
use crate::import::table::Row;

/// What customers are ranked by.
#[derive(Clone, Debug, PartialEq)]
pub enum By {
    Field(Field),
    /// Days from the first order (or the customer's creation) to the last.
    Retention,
    /// A column no field names (`NPS`, `Renewals`), by its index.
    Column(usize),
}

/// How many are best.
#[derive(Clone, Debug, PartialEq)]
pub enum Cut {
    Top(usize),
    /// A share of those with a value, in percent.
    Share(f64),
    Min(f64),
}

/// The rule, read and checked against the file's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Criterion {
    pub by: By,
    /// Stable name recorded in the ICP: a field name, `retention`, or the
    /// column's header.
    pub name: String,
    /// In words: `lifetime value`.
    pub label: String,
    /// The column(s) read, as written in the header.
    pub column: String,
    pub cut: Cut,
    /// `--top` or `--min` as the user wrote it.
    pub cut_text: String,
}

/// `--top`: `50` or `10%`.
pub fn parse_top(text: &str) -> Result<Cut, String> {
    let t = text.trim();
    if let Some(share) = t.strip_suffix('%') {
        let p: f64 = share
            .trim()
            .replace(',', ".")
            .parse()
            .map_err(|_| format!("--top {t}: a share is a number followed by %, like 10%"))?;
        if !(p > 0.0 && p <= 100.0) {
            return Err(format!("--top {t}: a share is between 0% and 100%"));
        }
        return Ok(Cut::Share(p));
    }
    match t.parse::<usize>() {
        Ok(n) if n > 0 => Ok(Cut::Top(n)),
        _ => Err(format!(
            "--top {t}: give a count of customers (50) or a share of them (10%)"
        )),
    }
}

/// `--min`: a number or an amount (`500`, `$1,000`, `2.5k`).
pub fn parse_min(text: &str) -> Result<Cut, String> {
    normalise::money(text, 1.0, None)
        .map(|m| Cut::Min(m.low))
        .ok_or_else(|| format!("--min {text}: give a number, like 500 or $1,000"))
}

/// Names people use for the usual criteria.
fn field_named(name: &str) -> Option<By> {
    let key = normalise::fold(name);
    Some(match key.as_str() {
        "ltv"
        | "clv"
        | "lifetimevalue"
        | "highestlifetimevalue"
        | "totalspent"
        | "totalspend"
        | "spend"
        | "spent" => By::Field(Field::LifetimeValue),
        "orders" | "mostorders" | "ordercount" | "totalorders" | "frequency" => {
            By::Field(Field::Orders)
        }
        "aov" | "averageordervalue" | "highestaverageordervalue" | "basket" => {
            By::Field(Field::AverageOrderValue)
        }
        "retention" | "longestretention" | "tenure" | "loyalty" | "customerfor" => By::Retention,
        "size" | "headcount" | "employees" => By::Field(Field::Employees),
        _ => return Field::from_name(name).map(By::Field),
    })
}

/// Reads `--best-by` against the header. The error names what is missing
/// and what could be used instead.
pub fn criterion(
    mapping: &Mapping,
    by: &str,
    cut: Cut,
    cut_text: &str,
) -> Result<Criterion, String> {
    let named = field_named(by);
    let resolved = match named {
        Some(By::Field(field)) if mapping.has(field) => By::Field(field),
        Some(By::Field(Field::AverageOrderValue))
            if mapping.has(Field::LifetimeValue) && mapping.has(Field::Orders) =>
        {
            By::Field(Field::AverageOrderValue)
        }
        Some(By::Retention)
            if mapping.has(Field::LastOrder)
                && (mapping.has(Field::FirstOrder) || mapping.has(Field::CreateDate)) =>
        {
            By::Retention
        }
        _ => match mapping.find_column(by).filter(|_| named.is_none()) {
            Some(index) => match mapping.field_of(index) {
                Some(field) => By::Field(field),
                None => By::Column(index),
            },
            None => return Err(missing(mapping, by, named.as_ref())),
        },
    };
    let header = |f: Field| mapping.header_of(f).unwrap_or_default().to_string();
    let (name, label, column) = match &resolved {
        By::Field(Field::AverageOrderValue) if !mapping.has(Field::AverageOrderValue) => (
            "average_order_value".to_string(),
            "average order value".to_string(),
            format!(
                "{} / {}",
                header(Field::LifetimeValue),
                header(Field::Orders)
            ),
        ),
        By::Field(field) => (field.name().to_string(), label_of(*field), header(*field)),
        By::Retention => (
            "retention".to_string(),
            "longest retention".to_string(),
            format!(
                "{} to {}",
                mapping
                    .header_of(Field::FirstOrder)
                    .or(mapping.header_of(Field::CreateDate))
                    .unwrap_or_default(),
                header(Field::LastOrder)
            ),
        ),
        By::Column(i) => {
            let h = mapping.headers()[*i].clone();
            (h.clone(), h.clone(), h)
        }
    };
    Ok(Criterion {
        by: resolved,
        name,
        label,
        column,
        cut,
        cut_text: cut_text.trim().to_string(),
    })
}

/// A field as a criterion reads: `Top 10% by lifetime value`.
fn label_of(field: Field) -> String {
    match field {
        Field::LifetimeValue => "lifetime value",
        Field::Orders => "number of orders",
        Field::Revenue => "annual revenue",
        Field::Amount => "deal amount",
        other => other.label(),
    }
    .to_string()
}

fn missing(mapping: &Mapping, by: &str, named: Option<&By>) -> String {
    let what = match named {
        Some(By::Retention) => {
            "order dates (a first order or sign-up date, and a last order date)".to_string()
        }
        Some(By::Field(field)) => format!("column for {}", field.label()),
        _ => format!("a field or column named `{by}`"),
    };
    let mut usable: Vec<&str> = [
        Field::LifetimeValue,
        Field::Orders,
        Field::AverageOrderValue,
        Field::Revenue,
        Field::Employees,
        Field::Amount,
    ]
    .into_iter()
    .filter(|f| mapping.has(*f))
    .map(Field::name)
    .collect();
    if mapping.has(Field::LastOrder)
        && (mapping.has(Field::FirstOrder) || mapping.has(Field::CreateDate))
    {
        usable.push("retention");
    }
    let instead = if usable.is_empty() {
        "name one of its columns instead".to_string()
    } else {
        format!(
            "it could rank by {} or by any of its columns",
            usable.join(", ")
        )
    };
    format!("--best-by {by}: the file has no {what}; {instead}")
}

impl Criterion {
    /// A row's value to rank by, with the currency it is in when known.
    pub fn value(
        &self,
        mapping: &Mapping,
        row: &Row,
        default_currency: Option<&str>,
    ) -> Option<(f64, Option<String>)> {
        let amount = |field: Field| {
            mapping.get_with_unit(field, row).and_then(|(text, unit)| {
                normalise::money(text, unit.scale as f64, unit.currency.as_deref())
            })
        };
        let currency = mapping
            .get(Field::Currency, row)
            .or(default_currency)
            .map(str::to_uppercase);
        match &self.by {
            By::Field(Field::AverageOrderValue) if !mapping.has(Field::AverageOrderValue) => {
                let spent = amount(Field::LifetimeValue)?;
                let orders = amount(Field::Orders)?.value();
                (orders >= 1.0).then(|| (spent.value() / orders, currency.or(spent.currency)))
            }
            By::Field(field) => amount(*field).map(|m| (m.value(), currency.or(m.currency))),
            By::Retention => {
                let start = mapping
                    .get(Field::FirstOrder, row)
                    .and_then(normalise::date)
                    .or_else(|| {
                        mapping
                            .get(Field::CreateDate, row)
                            .and_then(normalise::date)
                    })?;
                let end = mapping
                    .get(Field::LastOrder, row)
                    .and_then(normalise::date)?;
                (end >= start).then(|| (f64::from((end - start).get_days()), None))
            }
            By::Column(i) => {
                let text = row.get(*i);
                normalise::money(text, 1.0, None).map(|m| (m.value(), m.currency))
            }
        }
    }

    /// The value as shown: `1,234.50 USD`, `412 days`, `12`.
    pub fn show(&self, value: f64, currency: Option<&str>) -> String {
        match (&self.by, currency) {
            (By::Retention, _) => format!("{} days", grouped(value.round() as u64)),
            (By::Field(Field::Orders | Field::Employees), _) => grouped(value.round() as u64),
            (_, Some(code)) => format!("{} {code}", amount(value)),
            (_, None) => amount(value),
        }
    }

    /// The rule in words, once the picking is done.
    pub fn words(&self, picked: usize, of: usize, lowest: &str) -> String {
        let source = if self.column.is_empty() || self.column == self.label {
            String::new()
        } else {
            format!(" ({})", self.column)
        };
        let rule = match &self.cut {
            Cut::Top(n) => format!("Top {n} by {}{source}", self.label),
            Cut::Share(p) => format!("Top {}% by {}{source}", trim_float(*p), self.label),
            Cut::Min(_) => format!(
                "{}{source} of at least {}",
                capital(&self.label),
                self.cut_text
            ),
        };
        let each = if lowest.is_empty() {
            String::new()
        } else {
            format!(", each at least {lowest}")
        };
        format!(
            "{rule}: {} of {} {} with a value{each}",
            grouped(picked as u64),
            grouped(of as u64),
            if of == 1 { "customer" } else { "customers" }
        )
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn trim_float(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `1234567` → `1,234,567`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// An amount with two decimals and grouped thousands: `1,234.50`.
fn amount(value: f64) -> String {
    let cents = (value * 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}.{:02}", grouped(cents / 100), cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(line: &str) -> Mapping {
        Mapping::new(&line.split(',').map(str::to_string).collect::<Vec<_>>())
    }

    #[test]
    fn top_and_min() {
        assert_eq!(parse_top("50"), Ok(Cut::Top(50)));
        assert_eq!(parse_top("10%"), Ok(Cut::Share(10.0)));
        assert!(parse_top("0").is_err());
        assert!(parse_top("150%").is_err());
        assert!(parse_top("ten").unwrap_err().contains("--top ten"));
        assert_eq!(parse_min("$1,000"), Ok(Cut::Min(1000.0)));
        assert!(parse_min("lots").is_err());
    }

    #[test]
    fn criteria_by_field_alias_or_column() {
        let m = mapping("Customer ID,Total Spent,Total Orders,NPS");
        let c = criterion(&m, "ltv", Cut::Top(5), "5").unwrap();
        assert_eq!(
            (c.name.as_str(), c.column.as_str()),
            ("lifetime_value", "Total Spent")
        );
        let c = criterion(&m, "aov", Cut::Top(5), "5").unwrap();
        assert_eq!(c.column, "Total Spent / Total Orders");
        let row = Row::new(2, &["1", "$300.00", "4", "9"]);
        assert_eq!(c.value(&m, &row, None), Some((75.0, Some("USD".into()))));
        let c = criterion(&m, "nps", Cut::Min(8.0), "8").unwrap();
        assert_eq!(c.by, By::Column(3));
        assert_eq!(c.value(&m, &row, None).map(|v| v.0), Some(9.0));
        let e = criterion(&m, "retention", Cut::Top(5), "5").unwrap_err();
        assert!(e.contains("no order dates"), "{e}");
        assert!(e.contains("lifetime_value, orders"), "{e}");
        let e = criterion(&m, "Happiness", Cut::Top(5), "5").unwrap_err();
        assert!(e.contains("`Happiness`"), "{e}");
    }

    #[test]
    fn retention_and_words() {
        let m = mapping("id,Sign Up,Last Active,Total Spend");
        let c = criterion(&m, "retention", Cut::Share(10.0), "10%").unwrap();
        let row = Row::new(2, &["1", "2025-01-01", "2026-01-01", "10"]);
        assert_eq!(c.value(&m, &row, None), Some((365.0, None)));
        assert_eq!(c.show(365.0, None), "365 days");
        assert_eq!(
            c.words(50, 4987, "365 days"),
            "Top 10% by longest retention (Sign Up to Last Active): 50 of 4,987 customers with a value, each at least 365 days"
        );
        let ltv = criterion(&m, "lifetime_value", Cut::Min(500.0), "$500").unwrap();
        assert_eq!(
            ltv.words(3, 10, ""),
            "Lifetime value (Total Spend) of at least $500: 3 of 10 customers with a value"
        );
        assert_eq!(ltv.show(1234.5, Some("USD")), "1,234.50 USD");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
