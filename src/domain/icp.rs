//! The Ideal Customer Profile: the kind of company that gets the most value.

use super::value::{Extra, Fields};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Icp {
    /// The folder name under `icps/`; not stored inside the file.
    #[serde(skip)]
    pub id: String,
    #[serde(default = "super::schema_version")]
    pub schema: u32,
    pub name: String,
    pub template: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_validated: Option<Date>,
    #[serde(default)]
    pub fields: Fields,
    /// How imports picked the best customers: one rule per customer list
    /// (per tool, or per file when no tool is known).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub best_by: Vec<BestBy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub best_customers: Vec<BestCustomer>,
    /// Each whole customer list the best were picked from, counted trait
    /// by trait (never the rows themselves), by the list it came from (the
    /// tool, `shopify`, or the file name).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub baseline: BTreeMap<String, Baseline>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Whether a best customer is a company or a person buying for themselves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CustomerKind {
    /// A company (B2B, or a wholesale buyer).
    #[default]
    Account,
    /// A person buying for themselves (B2C), kept without name or e-mail.
    Shopper,
}

impl CustomerKind {
    pub fn is_account(&self) -> bool {
        *self == CustomerKind::Account
    }

    pub fn name(self) -> &'static str {
        match self {
            CustomerKind::Account => "account",
            CustomerKind::Shopper => "shopper",
        }
    }
}

/// One of the best current customers an ICP is drawn from: an account or
/// a shopper. Texts are kept as the export wrote them; a `*_band` or
/// `country_code` beside a text is its normalised value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BestCustomer {
    /// The customer's id in the export it came from (a CRM record id, a
    /// shop's customer id), or for a shopper without one `email:` and a
    /// salted hash of the e-mail. A re-import finds the record by it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default, skip_serializing_if = "CustomerKind::is_account")]
    pub kind: CustomerKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub company: String,
    /// A shopper's name and e-mail: only when the import was asked to keep
    /// them (`--keep-names`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub domain: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub industry: String,
    /// Employees, as written: `120`, `1,001-5,000`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub size: String,
    /// The employee band: `1-10` ... `5001+`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub size_band: String,
    /// Annual revenue, as written: `$18M`, `$25 mil. - $50 mil.`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub revenue: String,
    /// The revenue band: `<1M` ... `1B+`, in `currency`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub revenue_band: String,
    /// The ISO 4217 code of the revenue or lifetime value.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub currency: String,
    /// A location written in one cell (`Colorado, US`); `city`, `region`
    /// and `country` hold its parts when they are known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub geography: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    /// The country as written; `country_code` is its ISO 3166 code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country_code: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lifecycle_stage: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub founded: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub funding: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub funding_stage: String,
    /// What a shopper has spent in all, as written; the band beside it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lifetime_value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lifetime_value_band: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub orders: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub average_order_value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub first_order: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub last_order: String,
    /// When the customer record was created (a sign-up or first contact).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub since: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_marketing: Option<bool>,
    /// Why this customer counts as one of the best.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criterion: String,
    /// Other columns an import mapped (`--map seniority=Level`), by field.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub more: BTreeMap<String, String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Applies `$mac!(name)` to every text attribute of a best customer.
macro_rules! text_attributes {
    ($mac:ident) => {
        $mac!(
            company,
            name,
            email,
            domain,
            industry,
            size,
            size_band,
            revenue,
            revenue_band,
            currency,
            geography,
            city,
            region,
            country,
            country_code,
            lifecycle_stage,
            founded,
            funding,
            funding_stage,
            lifetime_value,
            lifetime_value_band,
            orders,
            average_order_value,
            first_order,
            last_order,
            since,
            criterion
        )
    };
}

impl BestCustomer {
    /// How the customer is named on screen: the company, else the person
    /// (when kept), else the id.
    pub fn label(&self) -> &str {
        [&self.company, &self.name, &self.id]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .map_or("", |s| s.as_str())
    }

    /// Where the customer is, in one line: city, region, country (or the
    /// one-cell location as written).
    pub fn place(&self) -> String {
        let parts: Vec<&str> = [&self.city, &self.region, &self.country]
            .into_iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if parts.is_empty() {
            self.geography.trim().to_string()
        } else {
            parts.join(", ")
        }
    }

    /// Takes every attribute `newer` has, leaving the rest as they are (an
    /// import never blanks what its file lacks). Returns the names of the
    /// attributes that changed.
    pub fn merge_from(&mut self, newer: &BestCustomer) -> Vec<&'static str> {
        let mut changed = Vec::new();
        // An id, once known, stays: another tool's id for the same
        // company does not replace it.
        if self.id.is_empty() && !newer.id.is_empty() {
            self.id = newer.id.clone();
            changed.push("id");
        }
        macro_rules! take {
            ($($field:ident),*) => {$(
                if !newer.$field.is_empty() && newer.$field != self.$field {
                    self.$field = newer.$field.clone();
                    changed.push(stringify!($field));
                }
            )*};
        }
        text_attributes!(take);
        take!(tools, tags);
        if newer.accepts_marketing.is_some() && newer.accepts_marketing != self.accepts_marketing {
            self.accepts_marketing = newer.accepts_marketing;
            changed.push("accepts_marketing");
        }
        for (key, value) in &newer.more {
            if !value.is_empty() && self.more.get(key) != Some(value) {
                self.more.insert(key.clone(), value.clone());
                changed.push("more");
            }
        }
        changed.dedup();
        changed
    }
}

fn is_currency_code(text: &str) -> bool {
    text.len() == 3 && text.chars().all(|c| c.is_ascii_alphabetic())
}

/// The attributes a person may edit by hand, with what the app calls them.
pub const EDITABLE: [(&str, &str); 20] = [
    ("company", "Company"),
    ("domain", "Website"),
    ("industry", "Industry"),
    ("size", "Employees"),
    ("revenue", "Revenue"),
    ("currency", "Currency"),
    ("city", "City"),
    ("region", "Region"),
    ("country", "Country"),
    ("tools", "Tools (comma-separated)"),
    ("lifecycle_stage", "Lifecycle stage"),
    ("funding_stage", "Funding stage"),
    ("lifetime_value", "Lifetime value"),
    ("orders", "Orders"),
    ("average_order_value", "Average order value"),
    ("first_order", "First order"),
    ("last_order", "Last order"),
    ("tags", "Tags (comma-separated)"),
    ("accepts_marketing", "Accepts marketing (yes/no/blank)"),
    ("criterion", "Why one of the best"),
];

impl BestCustomer {
    /// The value of an [`EDITABLE`] attribute, as it would be typed.
    pub fn attribute(&self, name: &str) -> Option<String> {
        macro_rules! get {
            ($($field:ident),*) => {
                match name {
                    $(stringify!($field) => Some(self.$field.clone()),)*
                    "tools" => Some(self.tools.join(", ")),
                    "tags" => Some(self.tags.join(", ")),
                    "accepts_marketing" => Some(match self.accepts_marketing {
                        Some(true) => "yes".into(),
                        Some(false) => "no".into(),
                        None => String::new(),
                    }),
                    _ => None,
                }
            };
        }
        text_attributes!(get)
    }

    /// Sets an [`EDITABLE`] attribute from what a person typed. The value
    /// normalised from it (a band, a country code) is dropped, so it is
    /// worked out again from the new text, as for an import.
    pub fn set_attribute(&mut self, name: &str, value: &str) -> Result<(), String> {
        let value = value.trim().to_string();
        let list = |v: &str| -> Vec<String> {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        match name {
            "tools" => self.tools = list(&value),
            "tags" => self.tags = list(&value),
            "accepts_marketing" => {
                self.accepts_marketing = match value.as_str() {
                    "" => None,
                    v => Some(crate::domain::normalise::yes_no(v).ok_or_else(|| {
                        format!("`{v}` is not yes or no (leave it blank for unknown)")
                    })?),
                }
            }
            "currency" if !(value.is_empty() || is_currency_code(&value)) => {
                return Err(format!(
                    "`{value}` is not a three-letter currency code such as USD"
                ));
            }
            "currency" => {
                self.currency = value.to_uppercase();
                self.revenue_band.clear();
                self.lifetime_value_band.clear();
            }
            _ => {
                macro_rules! set {
                    ($($field:ident),*) => {
                        match name {
                            $(stringify!($field) if EDITABLE.iter().any(|(n, _)| *n == name) => self.$field = value,)*
                            _ => return Err(format!("`{name}` cannot be edited here")),
                        }
                    };
                }
                text_attributes!(set);
                match name {
                    "size" => self.size_band.clear(),
                    "revenue" => self.revenue_band.clear(),
                    "lifetime_value" => self.lifetime_value_band.clear(),
                    "country" => self.country_code.clear(),
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

/// How an import picked the best customers from a whole list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BestBy {
    /// The list: the tool it came from (`shopify`, `hubspot`) or, when no
    /// tool is known, the file name. A later import of the same list
    /// replaces this rule and its baseline.
    pub list: String,
    /// The rule in words: `Top 10% by lifetime value (Total Spent): 500 of
    /// 4,987 customers, each at least 1,234.00 USD`.
    pub criterion: String,
    /// The field (`lifetime_value`, `orders`, `retention`...) or column the
    /// customers were ranked by.
    pub by: String,
    /// The column it was read from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub column: String,
    /// `--top`: a count (`50`) or a share (`10%`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub top: String,
    /// `--min`: the lowest value that counts.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub min: String,
    /// How many were picked, of how many with a value.
    pub picked: usize,
    pub of: usize,
    /// The lowest value among those picked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub threshold: String,
    /// The file they came from, and when.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The whole customer list the best were picked from, as counts per trait
/// value (see `tally`), so that a 50,000-row export costs a few lines.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// Customers in the list (best ones included).
    pub customers: usize,
    /// The file counted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Per trait (`country`, `size`, `lifetime_value`...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: BTreeMap<String, BaselineTrait>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One trait across the whole list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BaselineTrait {
    /// Customers counted for this trait (a later import whose file lacks
    /// the trait leaves it as it was, so it may differ from the list's).
    pub customers: usize,
    /// How many of them lack it.
    #[serde(default)]
    pub missing: usize,
    /// Customers with values too rare to list one by one.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub other: usize,
    /// Customers per value (by its normalised key: `US`, `51-200`).
    #[serde(default)]
    pub values: BTreeMap<String, usize>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Icp {
    pub fn new(id: impl Into<String>, name: impl Into<String>, template: impl Into<String>) -> Icp {
        Icp {
            id: id.into(),
            schema: super::SCHEMA,
            name: name.into(),
            template: template.into(),
            created: None,
            updated: None,
            last_validated: None,
            fields: Fields::new(),
            best_by: Vec::new(),
            best_customers: Vec::new(),
            baseline: BTreeMap::new(),
            extra: Extra::new(),
        }
    }
}
