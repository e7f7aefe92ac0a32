//! One row of an export as a best-customer record: only what the row
//! has (a re-import then changes only those attributes), each value as
//! written with its normalised value beside it, and for a shopper no name,
//! e-mail, phone or address unless asked.

use super::Plan;
use crate::domain::normalise::{self, bands};
use crate::domain::{BestCustomer, CustomerKind};
use crate::import::columns::{Field, header_key};
use crate::import::table::Row;
use sha2::{Digest, Sha256};

/// The key that stands in for a shopper's e-mail: `email:` and the first
/// 20 hex digits of SHA-256 over the workspace's salt and the e-mail
/// (trimmed, lowercase). Without the salt it cannot be turned back.
pub fn email_key(salt: &[u8], email: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(salt);
    hash.update([0u8]);
    hash.update(email.trim().to_lowercase().as_bytes());
    let digest = hash.finalize();
    let mut key = String::with_capacity(26);
    key.push_str("email:");
    for b in digest.iter().take(10) {
        for nibble in [b >> 4, b & 15] {
            key.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    key
}

/// A website as its host: `https://www.Acme.com/about` → `acme.com`.
pub fn domain_of(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .split('@')
        .next_back()
        .unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

/// Why a row cannot become a customer.
pub fn unidentified(kind: CustomerKind) -> &'static str {
    match kind {
        CustomerKind::Shopper => {
            "no customer id and no e-mail, so this customer cannot be told apart from others"
        }
        CustomerKind::Account => "no company name, website or id to tell this account apart",
    }
}

/// Whether the row's cells can be trusted: no stray quote, no more filled
/// cells than the header has columns.
fn well_formed(plan: &Plan, row: &Row) -> Result<(), String> {
    if let Some(problem) = row.problem() {
        return Err(problem.to_string());
    }
    let columns = plan.mapping.headers().len();
    let extra = if row.len() > columns {
        row.extra_cells(columns)
    } else {
        0
    };
    if extra > 0 {
        return Err(format!(
            "{} cells where the header has {columns}; a cell holding the delimiter needs quotes",
            columns + extra,
        ));
    }
    Ok(())
}

/// The customer's own id: a shop's customer id or a person's record for a
/// shopper; a company's record for an account (a people export's record
/// ids are the people's, so several rows can be one company).
fn own_id<'r>(plan: &Plan, row: &'r Row) -> Option<&'r str> {
    let m = &plan.mapping;
    let people = m.has(Field::FirstName) || m.has(Field::LastName) || m.has(Field::Email);
    let ids: &[Field] = match plan.kind {
        CustomerKind::Shopper => &[Field::CustomerId, Field::RecordId, Field::ContactId],
        CustomerKind::Account if people => &[Field::AccountId],
        CustomerKind::Account => &[Field::AccountId, Field::CustomerId, Field::RecordId],
    };
    // Shopify writes `'7023145648389` so that spreadsheets keep the digits.
    ids.iter()
        .map(|f| m.get(*f, row).unwrap_or("").trim_start_matches('\''))
        .find(|v| !v.is_empty())
}

/// The record a row gives, or why it gives none. `salt` turns a shopper's
/// e-mail into its key when the export has no customer id.
pub fn record(plan: &Plan, row: &Row, salt: Option<&[u8]>) -> Result<BestCustomer, String> {
    let m = &plan.mapping;
    let get = |f: Field| m.get(f, row).unwrap_or("");
    well_formed(plan, row)?;
    let shopper = plan.kind == CustomerKind::Shopper;
    let mut c = BestCustomer {
        kind: plan.kind,
        ..Default::default()
    };
    let own_id = own_id(plan, row);
    c.id = match (own_id, plan.source) {
        (Some(id), Some(source)) => format!("{}:{id}", source.slug),
        (Some(id), None) => id.to_string(),
        (None, _) => String::new(),
    };
    let email = get(Field::Email);
    if shopper
        && c.id.is_empty()
        && !email.is_empty()
        && let Some(salt) = salt
    {
        c.id = email_key(salt, email);
    }
    if !shopper || plan.keep_names {
        c.company = get(Field::Company).to_string();
    }
    if shopper && plan.keep_names {
        c.email = email.to_string();
        c.name = match get(Field::FullName) {
            "" => [get(Field::FirstName), get(Field::LastName)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            full => full.to_string(),
        };
    }
    c.domain = domain_of(get(Field::Domain));
    if shopper {
        if c.id.is_empty() {
            return Err(unidentified(plan.kind).into());
        }
    } else if c.id.is_empty() && c.company.is_empty() && c.domain.is_empty() {
        return Err(unidentified(plan.kind).into());
    }

    // Firmographics.
    let industry = get(Field::Industry);
    let listed = m
        .columns_of(Field::Industry)
        .first()
        .is_some_and(|i| header_key(&m.headers()[*i]).ends_with("industries"));
    c.industry = if listed {
        normalise::split_list(industry)
            .into_iter()
            .next()
            .unwrap_or_default()
    } else {
        industry.to_string()
    };
    if listed && industry.contains(',') {
        c.more.insert("industries".into(), industry.to_string());
    }
    c.size = get(Field::Employees).to_string();
    c.size_band = normalise::employee_band(&c.size)
        .unwrap_or_default()
        .to_string();
    let currency = match get(Field::Currency).trim() {
        "" => plan.currency.clone().unwrap_or_default(),
        given => given.to_uppercase(),
    };
    // A header's unit (`Revenue (in 000s USD)`) is written beside the
    // number, so the stored text says what it means on its own.
    let money = |field: Field| {
        m.get_with_unit(field, row).map(|(text, unit)| {
            let default = (!currency.is_empty())
                .then_some(currency.as_str())
                .or(unit.currency.as_deref());
            let amount = normalise::money(text, unit.scale as f64, default);
            let written = match (unit.scale, &unit.currency) {
                (1000, Some(code)) => format!("{text} thousand {code}"),
                (1000, None) => format!("{text} thousand"),
                (1_000_000, Some(code)) => format!("{text} million {code}"),
                (1_000_000, None) => format!("{text} million"),
                _ => text.to_string(),
            };
            (written, amount)
        })
    };
    let mut currencies: Vec<String> = Vec::new();
    if let Some((text, amount)) = money(Field::Revenue) {
        c.revenue = text;
        if let Some(amount) = amount {
            c.revenue_band = bands::revenue_band(&amount).to_string();
            currencies.extend(amount.currency);
        }
    }
    if let Some((text, amount)) = money(Field::LifetimeValue) {
        c.lifetime_value = text;
        if let Some(amount) = amount {
            c.lifetime_value_band = bands::spend_band(&amount).to_string();
            currencies.extend(amount.currency);
        }
    }
    if let Some((text, amount)) = money(Field::AverageOrderValue) {
        c.average_order_value = text;
        currencies.extend(amount.and_then(|a| a.currency));
    }
    c.currency = if currency.is_empty() {
        currencies.into_iter().next().unwrap_or_default()
    } else {
        currency
    };
    c.tools = normalise::split_list(get(Field::Tools));
    c.lifecycle_stage = get(Field::LifecycleStage).to_string();
    c.founded = get(Field::Founded).to_string();
    c.funding = get(Field::Funding).to_string();
    c.funding_stage = get(Field::FundingStage).to_string();
    c.criterion = get(Field::Criterion).to_string();

    // Where.
    c.city = get(Field::City).to_string();
    c.region = get(Field::Region).to_string();
    c.country = get(Field::Country).to_string();
    let location = get(Field::Location);
    if !location.is_empty() {
        c.geography = location.to_string();
        let parts = normalise::location(location);
        if c.city.is_empty() {
            c.city = parts.city;
        }
        if c.region.is_empty() {
            c.region = parts.region;
        }
        if c.country.is_empty()
            && let Some(found) = parts.country
        {
            c.country_code = found.code.to_string();
        }
    }
    if let Some(found) = normalise::country(&c.country) {
        c.country_code = found.code.to_string();
    }

    // Buying.
    c.orders = get(Field::Orders).to_string();
    c.first_order = get(Field::FirstOrder).to_string();
    c.last_order = get(Field::LastOrder).to_string();
    c.since = get(Field::CreateDate).to_string();
    c.tags = normalise::split_list(get(Field::Tags));
    c.accepts_marketing = normalise::yes_no(get(Field::AcceptsMarketing));

    // Fields the user mapped by hand that have no place of their own.
    for field in &plan.extra_fields {
        let value = get(*field);
        if !value.is_empty() {
            c.more.insert(field.name().to_string(), value.to_string());
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_keys_are_salted_and_stable() {
        let a = email_key(b"salt-one", " Dana@Example.com ");
        assert_eq!(a, email_key(b"salt-one", "dana@example.com"));
        assert_ne!(a, email_key(b"salt-two", "dana@example.com"));
        assert!(a.starts_with("email:") && a.len() == 26, "{a}");
        assert!(!a.contains("dana"));
    }

    #[test]
    fn domains_from_websites() {
        assert_eq!(domain_of("https://www.Acme.com/about?x=1"), "acme.com");
        assert_eq!(domain_of("acme.co.uk"), "acme.co.uk");
        assert_eq!(domain_of("http://shop.acme.com:8080"), "shop.acme.com");
        assert_eq!(domain_of(""), "");
    }
}
