//! What the list shows of a customer, and the orders it can be shown in.

use crate::domain::normalise::fold;
use crate::domain::tally::{self, TraitValue, rank_value};
use crate::domain::{BestCustomer, Icp};
use std::cmp::Ordering;

/// One column: its heading, the trait or field it shows, and whether it
/// sorts as a number (highest first) or as text.
pub struct Column {
    pub title: &'static str,
    /// A trait of [`tally::TRAITS`], or `label` for the name.
    pub source: &'static str,
    /// The field ranked by, for numbers.
    pub number: Option<&'static str>,
    /// Relative width.
    pub width: u16,
}

const fn col(
    title: &'static str,
    source: &'static str,
    number: Option<&'static str>,
    width: u16,
) -> Column {
    Column {
        title,
        source,
        number,
        width,
    }
}

pub const ACCOUNTS: [Column; 5] = [
    col("Name", "label", None, 4),
    col("Industry", "industry", None, 3),
    col("Employees", "size", Some("employees"), 2),
    col("Revenue", "revenue", Some("revenue"), 2),
    col("Country", "country", None, 3),
];

pub const SHOPPERS: [Column; 6] = [
    col("Customer", "label", None, 3),
    col("Place", "place", None, 4),
    col(
        "Lifetime value",
        "lifetime_value",
        Some("lifetime_value"),
        3,
    ),
    col("Orders", "orders", Some("orders"), 2),
    col("Last order", "last_order", None, 2),
    col("Tags", "tags", None, 3),
];

/// Whether a customer has anything for a column.
fn has(c: &BestCustomer, source: &str) -> bool {
    let any = |texts: &[&str]| texts.iter().any(|t| !t.trim().is_empty());
    match source {
        "label" => true,
        "place" | "country" => any(&[
            &c.city,
            &c.region,
            &c.country,
            &c.country_code,
            &c.geography,
        ]),
        "industry" => any(&[&c.industry]),
        "size" => any(&[&c.size, &c.size_band]),
        "revenue" => any(&[&c.revenue, &c.revenue_band]),
        "lifetime_value" => any(&[&c.lifetime_value, &c.lifetime_value_band]),
        "orders" => any(&[&c.orders]),
        "last_order" => any(&[&c.last_order]),
        "tags" => !c.tags.is_empty(),
        _ => true,
    }
}

/// The columns for an ICP: shoppers' when most of its best customers are
/// shoppers, else accounts'; a column no customer has a value for is left
/// out.
pub fn columns(icp: &Icp) -> Vec<&'static Column> {
    let shoppers = icp
        .best_customers
        .iter()
        .filter(|c| !c.kind.is_account())
        .count();
    let all: &'static [Column] = if shoppers * 2 > icp.best_customers.len() {
        &SHOPPERS
    } else {
        &ACCOUNTS
    };
    all.iter()
        .filter(|col| icp.best_customers.iter().any(|c| has(c, col.source)))
        .collect()
}

/// The labels of a trait's values, joined.
fn labels(traits: &[(&'static str, Vec<TraitValue>)], name: &str) -> String {
    traits
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| {
            v.iter()
                .map(|v| v.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// What a column shows for a customer: the normalised value (a band, a
/// country with its code), except money and counts, shown as written.
pub fn cell(
    c: &BestCustomer,
    column: &Column,
    traits: &[(&'static str, Vec<TraitValue>)],
) -> String {
    let written = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    match column.source {
        // A shopper's key without the shop's prefix (`shopify:`): the
        // number is what tells them apart.
        "label" if c.company.trim().is_empty() && c.name.trim().is_empty() => {
            let id = c.id.trim();
            written(id.split_once(':').map_or(id, |(_, key)| key))
        }
        "label" => written(c.label()),
        "place" => {
            let place = c.place();
            if place.is_empty() {
                labels(traits, "country")
            } else {
                written(&place)
            }
        }
        "revenue" if !c.revenue.trim().is_empty() => written(&c.revenue),
        "lifetime_value" if !c.lifetime_value.trim().is_empty() => {
            let amount = written(&c.lifetime_value);
            if c.currency.is_empty() || amount.contains(&c.currency) {
                amount
            } else {
                format!("{amount} {}", c.currency)
            }
        }
        "orders" => written(&c.orders),
        "last_order" => written(&c.last_order),
        "tags" => c.tags.join(", "),
        other => labels(traits, other),
    }
}

/// How the list is ordered: by the rule the best were picked by, or by a
/// column (numbers highest first, texts A to Z).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Rule,
    Column(usize),
}

impl Sort {
    /// The field of the ICP's rule, when an import picked the best by one.
    fn rule(icp: &Icp) -> Option<&str> {
        icp.best_by
            .first()
            .map(|b| b.by.as_str())
            .filter(|b| !b.is_empty())
    }

    pub fn next(self, icp: &Icp) -> Sort {
        let n = columns(icp).len();
        match self {
            Sort::Rule => Sort::Column(0),
            Sort::Column(i) if i + 1 < n => Sort::Column(i + 1),
            Sort::Column(_) => Sort::Rule,
        }
    }

    pub fn name(self, icp: &Icp) -> String {
        match self {
            Sort::Rule => match Sort::rule(icp) {
                Some(by) => format!("the rule ({})", by.replace('_', " ")),
                None => "the order they were added".into(),
            },
            Sort::Column(i) => columns(icp)
                .get(i)
                .map_or("name", |c| c.title)
                .to_lowercase(),
        }
    }
}

/// Whether a customer has every word of the filter somewhere.
fn matches(c: &BestCustomer, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let mut text = vec![
        c.label().to_string(),
        c.id.clone(),
        c.domain.clone(),
        c.industry.clone(),
        c.place(),
        c.geography.clone(),
        c.country_code.clone(),
        c.lifecycle_stage.clone(),
        c.size_band.clone(),
        c.criterion.clone(),
    ];
    text.extend(c.tags.iter().cloned());
    text.extend(c.tools.iter().cloned());
    for (_, values) in tally::traits(c) {
        text.extend(values.into_iter().map(|v| v.label));
    }
    let all = fold(&text.join(" "));
    words.iter().all(|w| all.contains(w.as_str()))
}

/// The customers shown, in order, each with its place in the ICP's list.
pub fn ordered<'a>(icp: &'a Icp, sort: Sort, filter: &str) -> Vec<(usize, &'a BestCustomer)> {
    let words: Vec<String> = filter
        .split_whitespace()
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    let mut list: Vec<(usize, &BestCustomer)> = icp
        .best_customers
        .iter()
        .enumerate()
        .filter(|(_, c)| matches(c, &words))
        .collect();
    let by_number = |field: &str, list: &mut Vec<(usize, &BestCustomer)>| {
        let mut keyed: Vec<(Option<f64>, usize, &BestCustomer)> = list
            .iter()
            .map(|(i, c)| (rank_value(c, field), *i, *c))
            .collect();
        // Highest first; customers without a value last, in list order.
        keyed.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => y.total_cmp(&x).then(a.1.cmp(&b.1)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.1.cmp(&b.1),
        });
        *list = keyed.into_iter().map(|(_, i, c)| (i, c)).collect();
    };
    match sort {
        Sort::Rule => {
            if let Some(by) = Sort::rule(icp) {
                by_number(by, &mut list);
            }
        }
        Sort::Column(i) => {
            let all = columns(icp);
            let column = all[i.min(all.len() - 1)];
            match column.number {
                Some(field) => by_number(field, &mut list),
                None => {
                    let mut keyed: Vec<(String, usize, &BestCustomer)> = list
                        .iter()
                        .map(|(i, c)| (fold(&cell(c, column, &tally::traits(c))), *i, *c))
                        .collect();
                    // Blanks last.
                    keyed.sort_by(|a, b| {
                        a.0.is_empty()
                            .cmp(&b.0.is_empty())
                            .then(a.0.cmp(&b.0))
                            .then(a.1.cmp(&b.1))
                    });
                    list = keyed.into_iter().map(|(_, i, c)| (i, c)).collect();
                }
            }
        }
    }
    list
}
