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
        .map(|f| plan.get(*f, row).trim_start_matches('\''))
        .find(|v| !v.is_empty())
}

/// The record a row gives, or why it gives none. `salt` turns a shopper's
/// e-mail into its key when the export has no customer id.
pub fn record(plan: &Plan, row: &Row, salt: Option<&[u8]>) -> Result<BestCustomer, String> {
    let mut c = BestCustomer::default();
    fill(plan, row, salt, &mut c)?;
    Ok(c)
}

/// Empties a record for [`fill`], keeping the room its texts had.
fn clear(c: &mut BestCustomer) {
    // Every field by name: one added to the record must be thought of here.
    let BestCustomer {
        id,
        kind: _,
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
        tools,
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
        tags,
        accepts_marketing,
        criterion,
        more,
        extra,
    } = c;
    for text in [
        id,
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
        criterion,
    ] {
        text.clear();
    }
    tools.clear();
    tags.clear();
    *accepts_marketing = None;
    more.clear();
    *extra = Default::default();
}

/// [`record`] written into `c`, whatever it held (an import counting
/// 50,000 rows fills one record over and over instead of making each).
pub fn fill(
    plan: &Plan,
    row: &Row,
    salt: Option<&[u8]>,
    c: &mut BestCustomer,
) -> Result<(), String> {
    let get = |f: Field| plan.get(f, row);
    let set = |text: &mut String, value: &str| text.push_str(value);
    clear(c);
    well_formed(plan, row)?;
    let shopper = plan.kind == CustomerKind::Shopper;
    c.kind = plan.kind;
    match (own_id(plan, row), plan.source) {
        (Some(id), Some(source)) => {
            c.id.push_str(source.slug);
            c.id.push(':');
            c.id.push_str(id);
        }
        (Some(id), None) => c.id.push_str(id),
        (None, _) => {}
    }
    let email = get(Field::Email);
    if shopper
        && c.id.is_empty()
        && !email.is_empty()
        && let Some(salt) = salt
    {
        c.id = email_key(salt, email);
    }
    if !shopper || plan.keep_names {
        set(&mut c.company, get(Field::Company));
    }
    if shopper && plan.keep_names {
        set(&mut c.email, email);
        match get(Field::FullName) {
            "" => {
                let parts = [get(Field::FirstName), get(Field::LastName)];
                for part in parts.into_iter().filter(|s| !s.is_empty()) {
                    if !c.name.is_empty() {
                        c.name.push(' ');
                    }
                    c.name.push_str(part);
                }
            }
            full => set(&mut c.name, full),
        }
    }
    let domain = get(Field::Domain);
    if !domain.is_empty() {
        c.domain = domain_of(domain);
    }
    if shopper {
        if c.id.is_empty() {
            return Err(unidentified(plan.kind).into());
        }
    } else if c.id.is_empty() && c.company.is_empty() && c.domain.is_empty() {
        return Err(unidentified(plan.kind).into());
    }

    // Firmographics.
    let m = &plan.mapping;
    let industry = get(Field::Industry);
    let listed = m
        .columns_of(Field::Industry)
        .first()
        .is_some_and(|i| header_key(&m.headers()[*i]).ends_with("industries"));
    if listed {
        if let Some(first) = normalise::split_list(industry).into_iter().next() {
            c.industry = first;
        }
        if industry.contains(',') {
            c.more.insert("industries".into(), industry.to_string());
        }
    } else {
        set(&mut c.industry, industry);
    }
    set(&mut c.size, get(Field::Employees));
    if !c.size.is_empty()
        && let Some(band) = normalise::employee_band(&c.size)
    {
        c.size_band.push_str(band);
    }
    let given = get(Field::Currency).trim();
    if given.is_empty() {
        set(
            &mut c.currency,
            plan.currency.as_deref().unwrap_or_default(),
        );
    } else {
        c.currency.push_str(&given.to_uppercase());
    }
    // A header's unit (`Revenue (in 000s USD)`) is written beside the
    // number, so the stored text says what it means on its own.
    let currency = c.currency.as_str();
    let money = |field: Field, written: &mut String| {
        plan.get_with_unit(field, row).map(|(text, unit)| {
            let default = (!currency.is_empty())
                .then_some(currency)
                .or(unit.currency.as_deref());
            let amount = normalise::money(text, unit.scale as f64, default);
            written.push_str(text);
            let scale = match unit.scale {
                1000 => " thousand",
                1_000_000 => " million",
                _ => "",
            };
            if !scale.is_empty() {
                written.push_str(scale);
                if let Some(code) = &unit.currency {
                    written.push(' ');
                    written.push_str(code);
                }
            }
            amount
        })
    };
    let mut first_currency: Option<String> = None;
    let mut seen = |code: Option<String>| {
        if first_currency.is_none() {
            first_currency = code;
        }
    };
    if let Some(Some(amount)) = money(Field::Revenue, &mut c.revenue) {
        c.revenue_band.push_str(bands::revenue_band(&amount));
        seen(amount.currency);
    }
    if let Some(Some(amount)) = money(Field::LifetimeValue, &mut c.lifetime_value) {
        c.lifetime_value_band.push_str(bands::spend_band(&amount));
        seen(amount.currency);
    }
    if let Some(amount) = money(Field::AverageOrderValue, &mut c.average_order_value) {
        seen(amount.and_then(|a| a.currency));
    }
    if c.currency.is_empty()
        && let Some(code) = first_currency
    {
        c.currency = code;
    }
    set_list(&mut c.tools, get(Field::Tools));
    set(&mut c.lifecycle_stage, get(Field::LifecycleStage));
    set(&mut c.founded, get(Field::Founded));
    set(&mut c.funding, get(Field::Funding));
    set(&mut c.funding_stage, get(Field::FundingStage));
    set(&mut c.criterion, get(Field::Criterion));

    // Where.
    set(&mut c.city, get(Field::City));
    set(&mut c.region, get(Field::Region));
    set(&mut c.country, get(Field::Country));
    let location = get(Field::Location);
    if !location.is_empty() {
        set(&mut c.geography, location);
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
            set(&mut c.country_code, found.code);
        }
    }
    if let Some(found) = normalise::country(&c.country) {
        c.country_code.clear();
        c.country_code.push_str(found.code);
    }

    // Buying.
    set(&mut c.orders, get(Field::Orders));
    set(&mut c.first_order, get(Field::FirstOrder));
    set(&mut c.last_order, get(Field::LastOrder));
    set(&mut c.since, get(Field::CreateDate));
    set_list(&mut c.tags, get(Field::Tags));
    c.accepts_marketing = normalise::yes_no(get(Field::AcceptsMarketing));

    // Fields the user mapped by hand that have no place of their own.
    for field in &plan.extra_fields {
        let value = get(*field);
        if !value.is_empty() {
            c.more.insert(field.name().to_string(), value.to_string());
        }
    }
    Ok(())
}

/// A list cell's items (see [`normalise::split_list`]) into `items`.
fn set_list(items: &mut Vec<String>, text: &str) {
    if !text.is_empty() {
        *items = normalise::split_list(text);
    }
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
    fn a_record_filled_again_is_the_row_alone() {
        use crate::import::columns::Field;
        let accounts = [
            "Company Name",
            "Website",
            "Industries",
            "Employees",
            "Annual Revenue (in 000s USD)",
            "Location",
            "Country",
            "Technologies",
            "Tags",
            "Notes",
        ]
        .map(String::from);
        let options = super::super::Options {
            overrides: vec![(Field::Founded, "Notes".into())],
            ..Default::default()
        };
        let plan = Plan::new(&accounts, &options).unwrap();
        let rows = [
            Row::new(
                2,
                &[
                    "Acme",
                    "https://www.acme.com",
                    "Retail, Outdoor",
                    "1,001-5,000",
                    "2,400",
                    "Boulder, Colorado, United States",
                    "",
                    "Shopify; Klaviyo",
                    "VIP",
                    "1999",
                ],
            ),
            Row::new(3, &["Basecamp", "", "", "", "", "", "DE", "", "", ""]),
            Row::new(4, &["", "", "Software", "12", "$3M", "", "", "", "", ""]),
            Row::new(
                5,
                &[
                    "Kiln",
                    "kiln.io",
                    "",
                    "",
                    "1,2 Mio. €",
                    "Berlin",
                    "",
                    "",
                    "",
                    "",
                ],
            ),
        ];
        let mut reused = BestCustomer::default();
        for row in rows.iter().chain(rows.iter().rev()) {
            let fresh = record(&plan, row, None);
            let filled = fill(&plan, row, None, &mut reused).map(|()| reused.clone());
            assert_eq!(filled, fresh, "line {}", row.line());
        }
        let shoppers = [
            "Customer ID",
            "Email",
            "Total Spent",
            "Orders",
            "Country Code",
        ]
        .map(String::from);
        let options = super::super::Options {
            keep_names: true,
            ..Default::default()
        };
        let plan = Plan::new(&shoppers, &options).unwrap();
        for row in [
            Row::new(2, &["'7023", "a@example.com", "120.50", "3", "US"]),
            Row::new(3, &["", "b@example.com", "", "", "Canada"]),
            Row::new(4, &["", "", "9", "1", ""]),
            Row::new(5, &["'7024", "", "", "", ""]),
        ] {
            let fresh = record(&plan, &row, Some(b"salt"));
            let filled = fill(&plan, &row, Some(b"salt"), &mut reused).map(|()| reused.clone());
            assert_eq!(filled, fresh, "line {}", row.line());
        }
    }

    #[test]
    fn domains_from_websites() {
        assert_eq!(domain_of("https://www.Acme.com/about?x=1"), "acme.com");
        assert_eq!(domain_of("acme.co.uk"), "acme.co.uk");
        assert_eq!(domain_of("http://shop.acme.com:8080"), "shop.acme.com");
        assert_eq!(domain_of(""), "");
    }
}
