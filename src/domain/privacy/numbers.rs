//! Order, invoice, account and customer numbers: an identifier that leads
//! straight back to one customer in a shop or CRM.

use super::{DetailKind, Found, push};
use regex::Regex;
use std::sync::LazyLock;

/// A word naming the number, an optional `no.`/`#`/`id`, then the number.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:order|invoice|inv|customer|cust|client|account|acct|member|membership
          |booking|reservation|rma|transaction|txn|tracking|shipment|purchase\ order|po
          |loyalty|bestellung|bestellnummer|kundennummer|commande|pedido|ordine)
        \b\.?\ *
        (?P<marker>(?:no|nr|num|number|id|ref|reference|\#)\b\.?\ *|[:\#]\ *)?
        (?P<marker2>[:\#]\ *)?
        (?P<id>\#?[A-Za-z0-9][A-Za-z0-9-]*\d[A-Za-z0-9-]*)",
    )
    .expect("a valid pattern")
});

/// Identifiers shops and payment services give customers and orders:
/// Stripe's `cus_`/`ch_`/`pi_`..., Shopify's `gid://shopify/Customer/1`.
static SERVICE_IDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(?:cus|ch|pi|in|sub|cs|pm|py|re|ord|or|src|card|acct)_[A-Za-z0-9]{8,}|gid://shopify/(?:Customer|Order|DraftOrder)/\d+)\b",
    )
    .expect("a valid pattern")
});

pub(super) fn order_numbers(text: &str, found: &mut Found) {
    for m in SERVICE_IDS.find_iter(text) {
        push(found, m.range(), DetailKind::OrderNumber, None);
    }
    for caps in NAMED.captures_iter(text) {
        let id = caps.name("id").expect("always there");
        let digits = id.as_str().chars().filter(char::is_ascii_digit).count();
        let letters = id
            .as_str()
            .chars()
            .filter(char::is_ascii_alphabetic)
            .count();
        let marked = caps.name("marker").is_some()
            || caps.name("marker2").is_some()
            || id.as_str().starts_with('#');
        // "order 1000 units" is a count and "Q3 2026" a quarter; an order
        // number is marked as one, long, or letters and digits together.
        let year = digits == 4
            && letters == 0
            && id.as_str().trim_start_matches('#').starts_with(['1', '2']);
        let is_number =
            (marked && digits >= 3) || digits >= 5 || (letters > 0 && digits >= 3 && !year);
        if is_number && (marked || !year) {
            push(found, id.range(), DetailKind::OrderNumber, None);
        }
    }
}
