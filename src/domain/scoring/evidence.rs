//! The evidence behind a rule, looked up: each cited highlight with who
//! said it and when, each cited best customer, and for `best-customers`
//! how many of the ICP's best customers the rule holds for.

use super::eval::{Outcome, test_value};
use super::model::{Cite, Rule};
use crate::domain::icp::{BestCustomer, Icp};
use crate::domain::workspace::{Quote, Workspace};

/// One piece of evidence, resolved.
#[derive(Clone, Debug)]
pub enum Evidence<'a> {
    /// A highlight, with its interview (who, role, company, date, source).
    Quote(Quote<'a>),
    /// A best customer named by the rule.
    Customer(&'a BestCustomer),
    /// The rule tested against every best customer of the ICP: those it
    /// holds for, and how many have no value for the field.
    BestCustomers {
        matched: Vec<&'a BestCustomer>,
        unknown: usize,
        of: usize,
    },
    /// A citation that leads nowhere (`persona validate` reports it too).
    Missing { cite: Cite, why: String },
}

impl Evidence<'_> {
    /// The evidence in one line, as `explain` and the app show it (user
    /// text as written: the caller makes it safe for where it goes).
    pub fn summary(&self) -> String {
        match self {
            Evidence::Quote(quote) => format!(
                "“{}” — {} ({}#{})",
                crate::domain::anchor::quote_words(&quote.highlight.text),
                quote.attribution(),
                quote.interview.id,
                quote.highlight.id
            ),
            Evidence::Customer(c) => {
                let why = c.criterion.trim();
                if why.is_empty() {
                    format!("best customer {}", c.label())
                } else {
                    format!("best customer {}: {why}", c.label())
                }
            }
            Evidence::BestCustomers {
                matched,
                unknown,
                of,
            } => {
                let names: Vec<&str> = matched.iter().map(|c| c.label()).collect();
                let lacking = if *unknown > 0 {
                    format!("; {unknown} without a value")
                } else {
                    String::new()
                };
                format!(
                    "holds for {} of {of} best customers{}{lacking}",
                    matched.len(),
                    if names.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", names.join(", "))
                    }
                )
            }
            Evidence::Missing { cite, why } => format!("⚠ cites `{cite}`, but {why}"),
        }
    }
}

/// A best customer by company name, id (a shopper's key) or kept name,
/// ignoring case, spacing and accents.
pub fn find_customer<'a>(icp: &'a Icp, name: &str) -> Option<&'a BestCustomer> {
    let wanted = super::normalise::fold(name);
    icp.best_customers.iter().find(|c| {
        [&c.company, &c.id, &c.name]
            .into_iter()
            .any(|n| !n.trim().is_empty() && super::normalise::fold(n) == wanted)
    })
}

/// A best customer's value for a lead field, as text a rule can test.
/// `None` when the customer record has nothing for it.
pub fn customer_value(customer: &BestCustomer, field: &str) -> Option<String> {
    let text = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
    let first = |a: &str, b: &str| text(a).or_else(|| text(b));
    let list = |items: &[String]| (!items.is_empty()).then(|| items.join("; "));
    let place = || crate::domain::normalise::location(&customer.geography);
    match field {
        "company" => text(customer.label()),
        "domain" => text(&customer.domain),
        "industry" => text(&customer.industry),
        "employees" => first(&customer.size, &customer.size_band),
        "revenue" => first(&customer.revenue, &customer.revenue_band),
        "currency" => text(&customer.currency),
        "country" => text(&customer.country_code)
            .or_else(|| text(&customer.country))
            .or_else(|| place().country.map(|c| c.code.to_string())),
        "region" => text(&customer.region).or_else(|| text(&place().region)),
        "city" => text(&customer.city).or_else(|| text(&place().city)),
        "location" => text(&customer.place()),
        "tools" => list(&customer.tools),
        "tags" => list(&customer.tags),
        "lifecycle_stage" => text(&customer.lifecycle_stage),
        "founded" => text(&customer.founded),
        "funding" => text(&customer.funding),
        "funding_stage" => text(&customer.funding_stage),
        "lifetime_value" => first(&customer.lifetime_value, &customer.lifetime_value_band),
        "orders" => text(&customer.orders),
        "average_order_value" => text(&customer.average_order_value),
        "first_order" => text(&customer.first_order),
        "last_order" => text(&customer.last_order),
        "criterion" => text(&customer.criterion),
        "accepts_marketing" => customer
            .accepts_marketing
            .map(|yes| if yes { "yes" } else { "no" }.to_string()),
        other => {
            let key = super::fields::header_key(other);
            customer
                .more
                .iter()
                .find(|(k, _)| super::fields::header_key(k) == key)
                .and_then(|(_, v)| text(v))
        }
    }
}

/// The best customers a rule holds for, and how many lack the field.
pub fn best_customers_matching<'a>(rule: &Rule, icp: &'a Icp) -> (Vec<&'a BestCustomer>, usize) {
    let mut matched = Vec::new();
    let mut unknown = 0;
    for customer in &icp.best_customers {
        let value = customer_value(customer, &rule.condition.field);
        match test_value(&rule.condition, value.as_deref()) {
            Ok(Outcome::Fired { .. }) => matched.push(customer),
            Ok(Outcome::Unknown) | Err(_) => unknown += 1,
            Ok(Outcome::Missed) => {}
        }
    }
    (matched, unknown)
}

/// Every citation of a rule, looked up, in the order the rule gives them.
pub fn resolve<'a>(rule: &Rule, workspace: &'a Workspace, icp: &'a Icp) -> Vec<Evidence<'a>> {
    rule.cites
        .iter()
        .map(|cite| match cite {
            Cite::Highlight(c) => match workspace.quote(c) {
                Some(quote) => Evidence::Quote(quote),
                None => Evidence::Missing {
                    cite: cite.clone(),
                    why: if workspace.interview(&c.interview).is_none() {
                        format!("there is no interview `{}`", c.interview)
                    } else {
                        format!(
                            "interview `{}` has no highlight `{}`",
                            c.interview, c.highlight
                        )
                    },
                },
            },
            Cite::Customer(name) => match find_customer(icp, name) {
                Some(customer) => Evidence::Customer(customer),
                None => Evidence::Missing {
                    cite: cite.clone(),
                    why: format!("ICP `{}` lists no best customer `{name}`", icp.id),
                },
            },
            Cite::BestCustomers => {
                let (matched, unknown) = best_customers_matching(rule, icp);
                Evidence::BestCustomers {
                    matched,
                    unknown,
                    of: icp.best_customers.len(),
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Highlight, Interview, WorkspaceMeta};

    fn workspace() -> (Workspace, Icp) {
        let mut ws = Workspace::new(WorkspaceMeta::new("w"));
        let mut dana = Interview::new("dana", "Dana");
        dana.interviewee = "Dana Whitfield".into();
        dana.highlights.push(Highlight {
            id: "h1".into(),
            text: "We lose Mondays.".into(),
            tags: vec!["pain-point".into()],
            extra: Default::default(),
        });
        ws.interviews.push(dana);
        let mut icp = Icp::new("out", "Outdoor", "icp");
        for (company, industry, size, geo, tools) in [
            (
                "Acme Outdoor",
                "Outdoor retail",
                "120",
                "Colorado, US",
                &["Shopify Plus", "Klaviyo"][..],
            ),
            (
                "Pine & Pack",
                "Outdoor retail",
                "35",
                "New Hampshire, US",
                &["Shopify"][..],
            ),
            ("Alpenglow", "Skincare", "", "Munich, Germany", &[][..]),
        ] {
            icp.best_customers.push(BestCustomer {
                company: company.into(),
                industry: industry.into(),
                size: size.into(),
                geography: geo.into(),
                tools: tools.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            });
        }
        ws.icps.push(icp.clone());
        (ws, icp)
    }

    fn rule(text: &str) -> Rule {
        let scoring: super::super::Scoring = toml::from_str(&format!("[[rules]]\n{text}")).unwrap();
        scoring.rules[0].clone()
    }

    #[test]
    fn citations_resolve_to_quotes_and_customers() {
        let (ws, icp) = workspace();
        let r = rule(
            "id = \"o\"\nfield = \"industry\"\nequals = \"outdoor retail\"\npoints = 5\n\
             cites = [\"dana#h1\", \"dana#h9\", \"customer:pine & pack\", \"best-customers\", \"customer:Nobody\"]",
        );
        let found = resolve(&r, &ws, &icp);
        assert!(
            matches!(&found[0], Evidence::Quote(q) if q.interview.interviewee == "Dana Whitfield")
        );
        assert!(
            matches!(&found[1], Evidence::Missing { why, .. } if why == "interview `dana` has no highlight `h9`")
        );
        assert!(matches!(&found[2], Evidence::Customer(c) if c.company == "Pine & Pack"));
        match &found[3] {
            Evidence::BestCustomers {
                matched,
                unknown,
                of,
            } => {
                assert_eq!(matched.len(), 2);
                assert_eq!((*unknown, *of), (0, 3));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&found[4], Evidence::Missing { .. }));
    }

    #[test]
    fn best_customers_are_tested_field_by_field() {
        let (_, icp) = workspace();
        let size = rule("id = \"s\"\nfield = \"employees\"\nmin = 20\nmax = 200\npoints = 5");
        let (matched, unknown) = best_customers_matching(&size, &icp);
        assert_eq!((matched.len(), unknown), (2, 1));
        let us = rule("id = \"c\"\nfield = \"country\"\nequals = \"United States\"\npoints = 5");
        assert_eq!(best_customers_matching(&us, &icp).0.len(), 2);
        let klaviyo = rule("id = \"k\"\nfield = \"tools\"\ncontains = \"klaviyo\"\npoints = 5");
        let (matched, unknown) = best_customers_matching(&klaviyo, &icp);
        assert_eq!((matched.len(), unknown), (1, 1));
    }
}
