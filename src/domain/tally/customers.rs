//! Best customers against the whole list: per trait value, how many of the
//! best have it, their share, its share in the whole list (the baseline),
//! and the lift (the one over the other). A trait matters when it is much
//! commoner among the best than in the list, not merely common.
//!
//! [`traits`] says what one customer counts as, trait by trait, with every
//! value normalised (bands, country codes, folded industries), so the best
//! customers and the baseline an import counts are compared like with like.

use crate::domain::icp::{BaselineTrait, BestCustomer, Icp};
use crate::domain::normalise::{self, bands, fold};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The traits counted, in the order they are shown.
pub const TRAITS: [&str; 16] = [
    "industry",
    "size",
    "revenue",
    "lifetime_value",
    "orders",
    "average_order_value",
    "tenure",
    "country",
    "region",
    "city",
    "tools",
    "tags",
    "lifecycle_stage",
    "funding_stage",
    "accepts_marketing",
    "criterion",
];

/// One value of a trait: the key it is counted by and how it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraitValue {
    pub key: String,
    pub label: String,
}

impl TraitValue {
    fn same(text: impl Into<String>) -> TraitValue {
        let label = text.into();
        TraitValue {
            key: label.clone(),
            label,
        }
    }

    fn folded(text: &str) -> Option<TraitValue> {
        let label = tidy(text);
        let key = normalise::industry_key(&label);
        (!key.is_empty()).then_some(TraitValue { key, label })
    }
}

fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalise::tidy_into(text, &mut out);
    out
}

/// A value shown as it is counted (bands, yes/no), from a key writer.
fn written(write: impl FnOnce(&mut String) -> bool) -> Option<TraitValue> {
    let mut key = String::new();
    write(&mut key).then(|| TraitValue::same(key))
}

/// A band with its currency, never mixed with another currency's.
fn in_currency(band: &str, currency: Option<&str>, key: &mut String) {
    key.push_str(band);
    if let Some(code) = currency.filter(|c| !c.is_empty()) {
        key.push(' ');
        key.push_str(code);
    }
}

/// A money trait's key (and label), written to `key`: the stored band if
/// there is one, else the band of the amount as written, else the text as
/// written; false when there is none.
pub(super) fn money_value_key(
    written: &str,
    band: &str,
    currency: &str,
    to_band: fn(&normalise::Money) -> &'static str,
    key: &mut String,
) -> bool {
    let currency = (!currency.is_empty()).then_some(currency);
    if !band.is_empty() {
        in_currency(band, currency, key);
        return true;
    }
    if written.trim().is_empty() {
        return false;
    }
    match normalise::money(written, 1.0, currency) {
        Some(m) => in_currency(to_band(&m), m.currency.as_deref(), key),
        None => normalise::tidy_into(written, key),
    }
    true
}

/// The average order value's band: as written, else lifetime value over
/// orders when the export gives both.
pub(super) fn average_key(c: &BestCustomer, key: &mut String) -> bool {
    if !c.average_order_value.trim().is_empty() {
        return money_value_key(
            &c.average_order_value,
            "",
            &c.currency,
            bands::order_value_band,
            key,
        );
    }
    let currency = Some(c.currency.as_str()).filter(|c| !c.is_empty());
    let spent = normalise::money(&c.lifetime_value, 1.0, currency);
    match (spent, normalise::number(&c.orders)) {
        (Some(m), Some(n)) if n >= 1.0 && m.high.is_finite() => {
            let each = normalise::Money {
                low: m.value() / n,
                high: m.value() / n,
                currency: m.currency,
            };
            in_currency(
                bands::order_value_band(&each),
                each.currency.as_deref(),
                key,
            );
            true
        }
        _ => false,
    }
}

/// How long a customer has bought: first order (or sign-up) to last.
pub(super) fn tenure(c: &BestCustomer) -> Option<&'static str> {
    let start = normalise::date(&c.first_order).or_else(|| normalise::date(&c.since));
    match (start, normalise::date(&c.last_order)) {
        (Some(first), Some(last)) if last >= first => {
            let days = (last - first).get_days() as i64;
            Some(normalise::tenure_band(days))
        }
        _ => None,
    }
}

/// A region as counted (its code, else its name folded) and shown.
pub(super) fn region_value(text: &str, country: Option<normalise::Country>) -> TraitValue {
    let found = normalise::region(text, country.map(|k| k.code));
    let label = match country {
        Some(k) => format!("{} ({})", found.name, k.code),
        None => found.name,
    };
    TraitValue {
        key: found.code.unwrap_or_else(|| fold(&label)),
        label,
    }
}

/// What one customer counts as, per trait (in [`TRAITS`] order); an empty
/// list means the customer lacks the trait.
pub fn traits(c: &BestCustomer) -> Vec<(&'static str, Vec<TraitValue>)> {
    let place = if c.geography.trim().is_empty() {
        None
    } else {
        Some(normalise::location(&c.geography))
    };
    let country = normalise::country(&c.country_code)
        .or_else(|| normalise::country(&c.country))
        .or_else(|| place.as_ref().and_then(|p| p.country));
    let country_value = match country {
        Some(found) => Some(TraitValue {
            key: found.code.to_string(),
            label: format!("{} ({})", found.name, found.code),
        }),
        None => TraitValue::folded(&c.country),
    };
    let region_text = if c.region.trim().is_empty() {
        place.as_ref().map(|p| p.region.clone()).unwrap_or_default()
    } else {
        c.region.clone()
    };
    let region = (!region_text.trim().is_empty()).then(|| region_value(&region_text, country));
    let city_text = if c.city.trim().is_empty() {
        place.as_ref().map(|p| p.city.clone()).unwrap_or_default()
    } else {
        c.city.clone()
    };
    let size = if !c.size_band.is_empty() {
        Some(TraitValue::same(c.size_band.clone()))
    } else if c.size.trim().is_empty() {
        None
    } else {
        Some(TraitValue::same(
            normalise::employee_band(&c.size).map_or_else(|| tidy(&c.size), str::to_string),
        ))
    };
    let list = |items: &[String], key: fn(&str) -> String| -> Vec<TraitValue> {
        items
            .iter()
            .map(|i| tidy(i))
            .filter(|i| !i.is_empty())
            .map(|label| TraitValue {
                key: key(&label),
                label,
            })
            .collect()
    };
    let one = |v: Option<TraitValue>| v.into_iter().collect::<Vec<_>>();
    vec![
        (
            "industry",
            one(TraitValue::folded(&c.industry).map(|v| TraitValue {
                label: normalise::industry_label(&v.label),
                ..v
            })),
        ),
        ("size", one(size)),
        (
            "revenue",
            one(written(|k| {
                money_value_key(
                    &c.revenue,
                    &c.revenue_band,
                    &c.currency,
                    bands::revenue_band,
                    k,
                )
            })),
        ),
        (
            "lifetime_value",
            one(written(|k| {
                money_value_key(
                    &c.lifetime_value,
                    &c.lifetime_value_band,
                    &c.currency,
                    bands::spend_band,
                    k,
                )
            })),
        ),
        (
            "orders",
            one(normalise::number(&c.orders).map(|n| TraitValue::same(normalise::orders_band(n)))),
        ),
        ("average_order_value", one(written(|k| average_key(c, k)))),
        ("tenure", one(tenure(c).map(TraitValue::same))),
        ("country", one(country_value)),
        ("region", one(region)),
        (
            "city",
            one(TraitValue::folded(&city_text).map(|v| TraitValue {
                key: fold(&v.label),
                ..v
            })),
        ),
        ("tools", list(&c.tools, fold)),
        ("tags", list(&c.tags, |t| t.to_lowercase())),
        (
            "lifecycle_stage",
            one(TraitValue::folded(&c.lifecycle_stage)),
        ),
        ("funding_stage", one(TraitValue::folded(&c.funding_stage))),
        (
            "accepts_marketing",
            one(c
                .accepts_marketing
                .map(|yes| TraitValue::same(if yes { "yes" } else { "no" }))),
        ),
        ("criterion", one(TraitValue::folded(&c.criterion))),
    ]
}

/// How many best customers share one value of a trait, against the list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueCount {
    /// As shown: `United States (US)`, `51-200`, `10M-50M USD`.
    pub value: String,
    /// What it is counted by: `US`, `51-200`, `outdoor retail`.
    pub key: String,
    /// Best customers with the value.
    pub count: usize,
    /// Their share of the best customers (0 to 1).
    pub share: f64,
    /// The value's share in the whole list, when an import counted it.
    pub baseline_share: Option<f64>,
    /// `share / baseline_share`: above 1, commoner among the best.
    pub lift: Option<f64>,
}

/// The values of one trait across an ICP's best customers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributeTally {
    /// One of [`TRAITS`].
    pub attribute: &'static str,
    /// Best customers without the trait.
    pub missing: usize,
    /// Most common first; equal counts in band order, then by name.
    pub values: Vec<ValueCount>,
}

/// One ICP's best customers, counted trait by trait.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CustomerTally {
    pub icp: String,
    pub customers: usize,
    /// How the best were picked, in words (one rule per list, joined by
    /// `; `), when an import picked them.
    pub best_by: Option<String>,
    /// Customers in the whole lists, when imports counted them.
    pub baseline: Option<usize>,
    /// Traits some best customer has (the others are left out).
    pub attributes: Vec<AttributeTally>,
}

/// Per value key: how it is shown and how many have it.
type Counted = BTreeMap<String, (String, usize)>;

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

pub fn best_customers(icp: &Icp) -> CustomerTally {
    let n = icp.best_customers.len();
    // trait → key → (label, count); and how many lack the trait.
    let mut counts: Vec<(Counted, usize)> = TRAITS.iter().map(|_| (BTreeMap::new(), 0)).collect();
    for customer in &icp.best_customers {
        for (i, (_, values)) in traits(customer).into_iter().enumerate() {
            if values.is_empty() {
                counts[i].1 += 1;
            }
            let mut seen = BTreeSet::new();
            for v in values {
                if seen.insert(v.key.clone()) {
                    counts[i].0.entry(v.key).or_insert((v.label, 0)).1 += 1;
                }
            }
        }
    }
    // Every list's counts together: the whole customer base.
    let mut baseline: HashMap<&str, BaselineTrait> = HashMap::new();
    for list in icp.baseline.values() {
        for (name, counts) in &list.traits {
            let sum = baseline.entry(name.as_str()).or_default();
            sum.customers += counts.customers;
            sum.missing += counts.missing;
            sum.other += counts.other;
            for (key, n) in &counts.values {
                *sum.values.entry(key.clone()).or_default() += n;
            }
        }
    }
    let attributes = TRAITS
        .iter()
        .zip(counts)
        .filter(|(_, (values, _))| !values.is_empty())
        .map(|(name, (values, missing))| {
            let base = baseline.get(name);
            let mut values: Vec<ValueCount> = values
                .into_iter()
                .map(|(key, (value, count))| {
                    let share = if n == 0 { 0.0 } else { count as f64 / n as f64 };
                    let baseline_share = base.filter(|b| b.customers > 0).map(|b| {
                        b.values.get(&key).copied().unwrap_or(0) as f64 / b.customers as f64
                    });
                    let lift = baseline_share
                        .filter(|s| *s > 0.0)
                        .map(|s| round(share / s, 2));
                    ValueCount {
                        value,
                        key,
                        count,
                        share: round(share, 4),
                        baseline_share: baseline_share.map(|s| round(s, 4)),
                        lift,
                    }
                })
                .collect();
            values.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then(band_order(&a.value).cmp(&band_order(&b.value)))
                    .then(a.value.to_lowercase().cmp(&b.value.to_lowercase()))
            });
            AttributeTally {
                attribute: name,
                missing,
                values,
            }
        })
        .collect();
    CustomerTally {
        icp: icp.id.clone(),
        customers: n,
        best_by: (!icp.best_by.is_empty()).then(|| {
            icp.best_by
                .iter()
                .map(|b| b.criterion.clone())
                .collect::<Vec<_>>()
                .join("; ")
        }),
        baseline: (!icp.baseline.is_empty())
            .then(|| icp.baseline.values().map(|b| b.customers).sum()),
        attributes,
    }
}

/// Bands first, in size order; everything else after.
fn band_order(value: &str) -> usize {
    bands::rank(value).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tally::BaselineBuilder;

    fn account(industry: &str, size: &str, revenue: &str, country: &str) -> BestCustomer {
        BestCustomer {
            company: "x".into(),
            industry: industry.into(),
            size: size.into(),
            revenue: revenue.into(),
            country: country.into(),
            ..Default::default()
        }
    }

    fn values(t: &CustomerTally, name: &str) -> Vec<(String, usize)> {
        t.attributes
            .iter()
            .find(|a| a.attribute == name)
            .map(|a| {
                a.values
                    .iter()
                    .map(|v| (v.value.clone(), v.count))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn sizes_revenues_and_countries_group_however_written() {
        let mut icp = Icp::new("out", "Outdoor", "icp");
        icp.best_customers = vec![
            account("Outdoor retail", "1,001-5,000", "$2.4M", "US"),
            account("outdoor  RETAIL", "1001-5000", "2400000", "USA"),
            account(
                "OUTDOOR_RETAIL",
                "2400",
                "$25 mil. - $50 mil.",
                "United States",
            ),
            account("Sporting goods", "51-200", "1,2 Mio. €", "U.S."),
            BestCustomer {
                company: "Old".into(),
                size: "120".into(),
                geography: "Colorado, US".into(),
                tools: vec!["Shopify".into(), "shopify ".into(), "Klaviyo".into()],
                ..Default::default()
            },
        ];
        let t = best_customers(&icp);
        assert_eq!(t.customers, 5);
        assert_eq!(
            values(&t, "country"),
            [("United States (US)".to_string(), 5)]
        );
        assert_eq!(
            values(&t, "size"),
            [("1001-5000".to_string(), 3), ("51-200".to_string(), 2)]
        );
        assert_eq!(
            values(&t, "revenue"),
            [
                ("1M-10M".to_string(), 1),
                ("1M-10M EUR".to_string(), 1),
                ("1M-10M USD".to_string(), 1),
                ("10M-50M USD".to_string(), 1),
            ]
        );
        assert_eq!(
            values(&t, "industry"),
            [
                ("Outdoor retail".to_string(), 3),
                ("Sporting goods".to_string(), 1)
            ]
        );
        assert_eq!(values(&t, "region"), [("Colorado (US)".to_string(), 1)]);
        assert_eq!(
            values(&t, "tools"),
            [("Klaviyo".to_string(), 1), ("Shopify".to_string(), 1)]
        );
        let industry = t
            .attributes
            .iter()
            .find(|a| a.attribute == "industry")
            .unwrap();
        assert_eq!(industry.missing, 1);
        assert!(
            values(&t, "lifetime_value").is_empty(),
            "traits nobody has are left out"
        );
    }

    #[test]
    fn shoppers_and_lift_against_the_baseline() {
        let shopper = |ltv: &str, orders: &str, country: &str| BestCustomer {
            id: ltv.into(),
            kind: crate::domain::CustomerKind::Shopper,
            lifetime_value: ltv.into(),
            orders: orders.into(),
            country_code: country.into(),
            currency: "USD".into(),
            first_order: "2024-01-10".into(),
            last_order: "2026-02-01".into(),
            ..Default::default()
        };
        let all: Vec<BestCustomer> = (0..20)
            .map(|i| {
                shopper(
                    &format!("{}", 40 + i * 10),
                    "1",
                    if i < 16 { "US" } else { "CA" },
                )
            })
            .collect();
        let best = vec![shopper("1500", "4", "CA"), shopper("2100", "12", "CA")];
        let mut builder = BaselineBuilder::default();
        for c in all.iter().chain(&best) {
            builder.add(
                c,
                &[
                    "lifetime_value",
                    "orders",
                    "country",
                    "tenure",
                    "average_order_value",
                ],
            );
        }
        let mut icp = Icp::new("shop", "Shop", "ecommerce-icp");
        icp.baseline
            .insert("shop".into(), builder.finish(None, &best, "shop.csv", None));
        icp.best_customers = best;
        let t = best_customers(&icp);
        assert_eq!(t.baseline, Some(22));
        let country = t
            .attributes
            .iter()
            .find(|a| a.attribute == "country")
            .unwrap();
        let ca = &country.values[0];
        assert_eq!((ca.key.as_str(), ca.count, ca.share), ("CA", 2, 1.0));
        assert_eq!(ca.baseline_share, Some(0.2727));
        assert_eq!(ca.lift, Some(3.67));
        assert_eq!(
            values(&t, "orders"),
            [("3-5".to_string(), 1), ("11-20".to_string(), 1)]
        );
        assert_eq!(values(&t, "tenure"), [("2-5 years".to_string(), 2)]);
        assert_eq!(
            values(&t, "average_order_value"),
            [
                ("100-250 USD".to_string(), 1),
                ("250-500 USD".to_string(), 1)
            ]
        );
        let base = &icp.baseline["shop"];
        assert!(!base.traits.contains_key("industry"), "only covered traits");
        assert_eq!(base.traits["country"].values["US"], 16);
    }

    #[test]
    fn a_later_baseline_keeps_traits_its_file_lacked() {
        let c = account("Retail", "10", "", "DE");
        let mut first = BaselineBuilder::default();
        first.add(&c, &["industry", "country"]);
        let first = first.finish(None, &[], "a.csv", None);
        let mut second = BaselineBuilder::default();
        second.add(&c, &["country"]);
        second.add(&c, &["country"]);
        let second = second.finish(Some(&first), &[], "b.csv", None);
        assert_eq!(second.customers, 2);
        assert_eq!(second.traits["country"].customers, 2);
        assert_eq!(second.traits["industry"].customers, 1);
        assert_eq!(second.file, "b.csv");
    }

    #[test]
    fn a_list_counted_in_parts_counts_as_a_whole() {
        let mut list = [
            account("Retail", "10", "$2M", "DE"),
            account("retail", "120", "", "Germany"),
            account("Software", "", "$40M", "US"),
            account("", "5000", "", "USA"),
        ];
        list[1].tags = vec!["VIP".into(), "vip".into(), "new".into()];
        let covered = ["industry", "size", "revenue", "country", "tags"];
        let mut whole = BaselineBuilder::default();
        let (mut first, mut second) = (BaselineBuilder::default(), BaselineBuilder::default());
        for (i, c) in list.iter().enumerate() {
            whole.add(c, &covered);
            if i % 2 == 0 { &mut first } else { &mut second }.add(c, &covered);
        }
        first.merge(second);
        assert_eq!(first.customers(), 4);
        let whole = whole.finish(None, &list[..1], "a.csv", None);
        let parts = first.finish(None, &list[..1], "a.csv", None);
        assert_eq!(parts, whole);
        assert_eq!(parts.traits["tags"].values["vip"], 1);
        assert_eq!(parts.traits["industry"].values["retail"], 2);
    }
}
