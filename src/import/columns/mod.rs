//! Header recognition: which column of an export holds which [`Field`].
//!
//! Every import (customers, leads, deals, engagement) reads its columns
//! through here, so a header recognised once is recognised everywhere.
//! Headers are compared ignoring case, spacing and punctuation
//! (`Country/Region`, `country_region` and `COUNTRY REGION` are one), with
//! the names the real exports use: Shopify customers (current and legacy),
//! WooCommerce, Stripe, HubSpot companies, contacts and deals, Salesforce
//! accounts and opportunities, Apollo and ZoomInfo companies and people,
//! Crunchbase organisations; docs/FORMATS.md lists them.
//!
//! A header that names no field exactly is tried once more without a
//! location prefix (`Billing`, `Default Address`, `Company`, `Person`,
//! ...), so `Company Country`, `Billing City` or `Shipping Province Code`
//! are found too; the prefix decides which of several such columns wins
//! (the company's or the billing address before a person's, shipping or
//! card address). Every column of a field is kept, in that order: a row's
//! value is the first of them that is filled.

mod aliases;
mod mapping;

pub use mapping::{Mapping, Signals};

use aliases::ALIASES;
use std::fmt;

macro_rules! fields {
    ($($variant:ident = $name:literal, $label:literal;)*) => {
        /// What a column holds, whatever the export calls it. The names
        /// (`Field::name`) are stable: rule files and `--map FIELD=COLUMN`
        /// use them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field { $($variant,)* }

        impl Field {
            /// Every field, in the order they are listed to users.
            pub const ALL: &'static [Field] = &[$(Field::$variant,)*];

            /// The stable snake_case name.
            pub fn name(self) -> &'static str {
                match self { $(Field::$variant => $name,)* }
            }

            /// A few words for people.
            pub fn label(self) -> &'static str {
                match self { $(Field::$variant => $label,)* }
            }
        }
    };
}

fields! {
    // Accounts (companies).
    Company = "company", "company";
    Domain = "domain", "website domain";
    Industry = "industry", "industry";
    Employees = "employees", "employees";
    Revenue = "revenue", "annual revenue";
    Currency = "currency", "currency";
    City = "city", "city";
    Region = "region", "region or state";
    Country = "country", "country";
    PostalCode = "postal_code", "postal code";
    Location = "location", "location (city, region, country in one)";
    Tools = "tools", "tools and technologies";
    LifecycleStage = "lifecycle_stage", "lifecycle stage";
    Founded = "founded", "year founded";
    Funding = "funding", "total funding";
    FundingStage = "funding_stage", "last funding round";
    CompanyLinkedin = "company_linkedin", "company LinkedIn page";
    Criterion = "criterion", "why a best customer";
    RecordId = "record_id", "record id";
    AccountId = "account_id", "company's record id";
    ContactId = "contact_id", "person's record id";
    // Shoppers (people buying for themselves).
    CustomerId = "customer_id", "customer id";
    LifetimeValue = "lifetime_value", "lifetime value (total spent)";
    Orders = "orders", "number of orders";
    AverageOrderValue = "average_order_value", "average order value";
    FirstOrder = "first_order", "first order date";
    LastOrder = "last_order", "last order date";
    Tags = "tags", "tags";
    AcceptsMarketing = "accepts_marketing", "accepts marketing";
    // People and leads.
    FirstName = "first_name", "first name";
    LastName = "last_name", "last name";
    FullName = "full_name", "full name";
    Username = "username", "user name";
    Email = "email", "e-mail";
    Phone = "phone", "phone";
    JobTitle = "job_title", "job title";
    Seniority = "seniority", "seniority";
    Department = "department", "department";
    Persona = "persona", "persona";
    LeadStatus = "lead_status", "lead status";
    Linkedin = "linkedin", "LinkedIn profile";
    // Deals and opportunities.
    DealName = "deal_name", "deal name";
    DealStage = "deal_stage", "deal stage";
    DealType = "deal_type", "deal type";
    Amount = "amount", "deal amount";
    Probability = "probability", "win probability";
    CreateDate = "create_date", "date created";
    CloseDate = "close_date", "close date";
    Pipeline = "pipeline", "pipeline";
    LostReason = "lost_reason", "reason lost";
    Won = "won", "won";
    Owner = "owner", "owner";
}

impl Field {
    /// The field with this snake_case name (`-` and spaces also accepted,
    /// any case).
    pub fn from_name(name: &str) -> Option<Field> {
        let wanted = name.trim().to_lowercase().replace(['-', ' '], "_");
        Field::ALL.iter().copied().find(|f| f.name() == wanted)
    }

    /// Whether the field holds personal data about a person (kept for a
    /// shopper only when the user asks).
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            Field::FirstName
                | Field::LastName
                | Field::FullName
                | Field::Username
                | Field::Email
                | Field::Phone
                | Field::Linkedin
                | Field::PostalCode
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A header as compared: lowercase letters and digits only.
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The header without parenthesised parts (`Revenue (in 000s USD)`,
/// `Created (UTC)`, `tag (metadata)`), as compared.
fn bare_key(header: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for ch in header.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    header_key(&out)
}

/// Header names for each field, as compared by [`header_key`], separated
/// by spaces.
/// How strongly a location-style prefix ties a column to the row's own
/// company: higher wins among columns of one field.
const PREFIXES: &[(&str, u8)] = &[
    ("defaultaddress", 3),
    ("billingaddress", 3),
    ("billing", 3),
    ("company", 3),
    ("account", 3),
    ("organization", 3),
    ("organisation", 3),
    ("headquarters", 3),
    ("hq", 3),
    ("primary", 3),
    ("mailing", 2),
    ("address", 2),
    ("customer", 2),
    ("shippingaddress", 1),
    ("shipping", 1),
    ("person", 1),
    ("contact", 1),
    ("lead", 1),
    ("cardaddress", 0),
    ("card", 0),
];

/// Fields a prefixed header may name (never names: `Company Name` is the
/// company, not a person's name).
const PREFIXABLE: &[Field] = &[
    Field::City,
    Field::Region,
    Field::Country,
    Field::PostalCode,
    Field::Email,
    Field::Phone,
    Field::Industry,
    Field::Domain,
    Field::Employees,
    Field::Revenue,
    Field::Currency,
    Field::Founded,
    Field::Tags,
    Field::Location,
];

/// Rank of a column named exactly: beside the company's (3) and a
/// person's (1) columns of the same field.
const EXACT: u8 = 2;

fn exact(key: &str) -> Option<Field> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, Field>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            ALIASES
                .iter()
                .flat_map(|(field, names)| names.split(' ').map(move |n| (n, *field)))
                .collect()
        })
        .get(key)
        .copied()
}

/// What a header says about the unit of its numbers: `Revenue (in 000s
/// USD)` counts thousands of US dollars.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unit {
    /// Multiply by this (1 when nothing is said).
    pub scale: u64,
    /// An ISO 4217 code the header names, upper case.
    pub currency: Option<String>,
}

fn unit_of(header: &str) -> Unit {
    let lower = header.to_lowercase();
    let scale = if lower.contains("000s") || lower.contains("in thousands") || lower.contains("(k)")
    {
        1000
    } else if lower.contains("in millions") || lower.contains("(m)") || lower.contains("(mm)") {
        1_000_000
    } else {
        1
    };
    let currency = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| {
            matches!(
                *w,
                "usd"
                    | "eur"
                    | "gbp"
                    | "cad"
                    | "aud"
                    | "chf"
                    | "jpy"
                    | "sek"
                    | "nok"
                    | "dkk"
                    | "inr"
                    | "brl"
                    | "mxn"
                    | "nzd"
                    | "sgd"
                    | "pln"
                    | "czk"
                    | "cny"
            )
        })
        .map(str::to_uppercase);
    Unit { scale, currency }
}

/// The field a header names, if any, ignoring case, spacing and
/// punctuation. `Name` is read as a person's full name here; a
/// [`Mapping`] of a whole header row decides from the other columns
/// whether it is rather a company's name.
pub fn recognise(header: &str) -> Option<Field> {
    recognise_ranked(header).map(|(field, _)| field)
}

/// The field and how strongly the column belongs to it.
fn recognise_ranked(header: &str) -> Option<(Field, u8)> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    if let Some(field) = exact(&key) {
        return Some((field, EXACT));
    }
    let bare = bare_key(header);
    if !bare.is_empty()
        && bare != key
        && let Some(field) = exact(&bare)
    {
        return Some((field, EXACT));
    }
    for key in [&key, &bare] {
        for (prefix, rank) in PREFIXES {
            if let Some(rest) = key.strip_prefix(prefix)
                && let Some(field) = exact(rest).filter(|f| PREFIXABLE.contains(f))
            {
                return Some((field, *rank));
            }
        }
    }
    None
}

/// The tool an export came from, known by headers only it writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// For people: `Shopify customers`, `HubSpot companies`.
    pub name: &'static str,
    /// Short, for ids made from the export's own: `shopify`, `hubspot`.
    pub slug: &'static str,
}

/// Which tool (and which of its exports) a header row looks like.
pub fn guess_source(headers: &[String]) -> Option<Source> {
    let keys: std::collections::HashSet<String> = headers.iter().map(|h| header_key(h)).collect();
    let has = |k: &str| keys.contains(k);
    let source = |name, slug| Some(Source { name, slug });
    let person = has("firstname") || has("email") || has("emailaddress");
    if has("defaultaddresscountrycode") || has("defaultaddresscity") {
        return source("Shopify customers", "shopify");
    }
    if has("totalspent") && has("acceptsmarketing") && (has("provincecode") || has("countrycode")) {
        return source("Shopify customers (legacy layout)", "shopify");
    }
    if has("aov") && has("totalspend") {
        return source("WooCommerce customers", "woocommerce");
    }
    if has("billingcountry") && (has("ordercount") || has("totalspent") || has("userlogin")) {
        return source("WooCommerce customers", "woocommerce");
    }
    if has("cardaddresscountry") || has("delinquent") || (has("paymentcount") && has("totalspend"))
    {
        return source("Stripe customers", "stripe");
    }
    if has("apolloaccountid") || has("apollocontactid") || has("companynameforemails") {
        return if person {
            source("Apollo people", "apollo")
        } else {
            source("Apollo companies", "apollo")
        };
    }
    if has("zoominfocompanyid") || has("zoominfocontactid") {
        return if has("zoominfocontactid") || person {
            source("ZoomInfo people", "zoominfo")
        } else {
            source("ZoomInfo companies", "zoominfo")
        };
    }
    if has("organizationnameurl") || has("cbrankcompany") || has("headquarterslocation") {
        return source("Crunchbase organizations", "crunchbase");
    }
    if has("opportunityname") {
        return source("Salesforce opportunities", "salesforce");
    }
    if has("accountname")
        && (has("billingcountry") || has("accountowner") || has("billingstateprovince"))
    {
        return source("Salesforce accounts", "salesforce");
    }
    if has("recordid") || has("companydomainname") || has("associatedcompany") {
        return if has("dealname") || has("dealstage") {
            source("HubSpot deals", "hubspot")
        } else if person {
            source("HubSpot contacts", "hubspot")
        } else {
            source("HubSpot companies", "hubspot")
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for field in Field::ALL {
            assert!(seen.insert(field.name()), "{field} twice");
            assert_eq!(Field::from_name(field.name()), Some(*field));
        }
        assert_eq!(
            Field::from_name("Lifetime-Value"),
            Some(Field::LifetimeValue)
        );
        assert_eq!(Field::from_name("nope"), None);
        // No alias names two fields.
        let mut aliases = std::collections::BTreeMap::new();
        for (field, names) in ALIASES {
            for name in names.split(' ') {
                if let Some(other) = aliases.insert(name, *field) {
                    assert_eq!(other, *field, "{name} names {other} and {field}");
                }
            }
        }
    }

    #[test]
    fn case_spacing_and_punctuation_do_not_matter() {
        for h in [
            "Country/Region",
            "country_region",
            " COUNTRY  REGION ",
            "Country-Region",
        ] {
            assert_eq!(recognise(h), Some(Field::Country), "{h}");
        }
        assert_eq!(recognise("# Employees"), Some(Field::Employees));
        assert_eq!(recognise("Revenue (in 000s USD)"), Some(Field::Revenue));
        assert_eq!(recognise("Created (UTC)"), Some(Field::CreateDate));
        assert_eq!(recognise("tag (metadata)"), Some(Field::Tags));
        assert_eq!(recognise("Probability (%)"), Some(Field::Probability));
        assert_eq!(recognise("Billing State/Province"), Some(Field::Region));
        assert_eq!(recognise("Shipping Province Code"), Some(Field::Region));
        assert_eq!(recognise("E-Mail"), Some(Field::Email));
        assert_eq!(recognise("Last Order ID"), None);
        assert_eq!(recognise("Company Name"), Some(Field::Company));
        // HubSpot deals carry the associated contact's title.
        assert_eq!(recognise("Contact Job Title"), Some(Field::JobTitle));
        assert_eq!(recognise(""), None);
        assert_eq!(recognise("Owner's favourite colour"), None);
    }

    #[test]
    fn sources_are_known_by_their_headers() {
        let guess = |line: &str| {
            let headers: Vec<String> = line.split(',').map(str::to_string).collect();
            guess_source(&headers).map(|s| s.name)
        };
        assert_eq!(
            guess("Customer ID,First Name,Default Address Country Code,Total Spent"),
            Some("Shopify customers")
        );
        assert_eq!(
            guess(
                "First Name,Email,Company,Province Code,Country Code,Accepts Marketing,Total Spent"
            ),
            Some("Shopify customers (legacy layout)")
        );
        assert_eq!(
            guess("Name,Username,Email,Orders,Total Spend,AOV,Country / Region"),
            Some("WooCommerce customers")
        );
        assert_eq!(
            guess("id,Email,Name,Created (UTC),Delinquent,Total Spend,Payment Count"),
            Some("Stripe customers")
        );
        assert_eq!(
            guess("Record ID,Company name,Company Domain Name,Industry"),
            Some("HubSpot companies")
        );
        assert_eq!(
            guess("Record ID,First Name,Email,Associated Company"),
            Some("HubSpot contacts")
        );
        assert_eq!(
            guess("Account Name,Account Owner,Billing Country"),
            Some("Salesforce accounts")
        );
        assert_eq!(
            guess("Organization Name,Organization Name URL,Industries"),
            Some("Crunchbase organizations")
        );
        assert_eq!(guess("Company,industry,size"), None);
    }

    #[test]
    fn units_come_from_the_header() {
        assert_eq!(
            unit_of("Revenue (in 000s USD)"),
            Unit {
                scale: 1000,
                currency: Some("USD".into())
            }
        );
        assert_eq!(unit_of("Annual Revenue").scale, 1);
        assert_eq!(unit_of("Umsatz (EUR)").currency.as_deref(), Some("EUR"));
    }
}
