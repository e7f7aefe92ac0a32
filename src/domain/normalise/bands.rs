//! Bands: employees, company revenue, a shopper's spend, order counts and
//! how long a customer has been buying. Each band list is in size order,
//! which is also the order a tally shows equal counts in.

use super::money::{Money, number};
use regex::Regex;
use std::sync::OnceLock;

/// Employee bands, as most CRMs and data vendors use them.
pub const EMPLOYEE_BANDS: [&str; 7] = [
    "1-10",
    "11-50",
    "51-200",
    "201-500",
    "501-1000",
    "1001-5000",
    "5001+",
];

/// Company revenue bands (a year's revenue, any currency: the currency is
/// kept beside the band, never converted).
pub const REVENUE_BANDS: [&str; 7] = [
    "<1M",
    "1M-10M",
    "10M-50M",
    "50M-100M",
    "100M-500M",
    "500M-1B",
    "1B+",
];
const REVENUE_EDGES: [f64; 6] = [1e6, 1e7, 5e7, 1e8, 5e8, 1e9];

/// A shopper's lifetime value bands.
pub const SPEND_BANDS: [&str; 9] = [
    "<50", "50-100", "100-250", "250-500", "500-1K", "1K-2.5K", "2.5K-5K", "5K-10K", "10K+",
];
const SPEND_EDGES: [f64; 8] = [50.0, 100.0, 250.0, 500.0, 1e3, 2.5e3, 5e3, 1e4];

/// Average order value bands.
pub const ORDER_VALUE_BANDS: [&str; 6] = ["<25", "25-50", "50-100", "100-250", "250-500", "500+"];
const ORDER_VALUE_EDGES: [f64; 5] = [25.0, 50.0, 100.0, 250.0, 500.0];

/// Order count bands.
pub const ORDERS_BANDS: [&str; 7] = ["0", "1", "2", "3-5", "6-10", "11-20", "21+"];

/// Bands of time between a customer's first and last order.
pub const TENURE_BANDS: [&str; 5] = [
    "under 3 months",
    "3-12 months",
    "1-2 years",
    "2-5 years",
    "5+ years",
];

/// Every band list, so a tally can order any band value.
pub const ALL: [&[&str]; 6] = [
    &EMPLOYEE_BANDS,
    &REVENUE_BANDS,
    &SPEND_BANDS,
    &ORDER_VALUE_BANDS,
    &ORDERS_BANDS,
    &TENURE_BANDS,
];

/// A band's place in its list (for sorting), if it is one.
pub fn rank(value: &str) -> Option<usize> {
    let head = value.split(' ').next().unwrap_or(value);
    ALL.iter()
        .find_map(|list| list.iter().position(|b| *b == value || *b == head))
}

/// Which of the bands between `edges` a range falls in: the band holding
/// both ends, else the band of its middle (its low end when open-ended).
fn band_of(low: f64, high: f64, edges: &[f64]) -> usize {
    let index = |v: f64| edges.iter().take_while(|e| v >= **e).count();
    if high.is_infinite() {
        return index(low);
    }
    // A range's top that sits on an edge (`10M-50M`) belongs below it.
    let top = edges
        .iter()
        .position(|e| *e == high)
        .map_or(index(high), |i| i);
    let bottom = index(low);
    if bottom == top {
        bottom
    } else {
        index((low + high) / 2.0)
    }
}

fn employee_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)(\d[\d.,' ]*)\s*(k\b)?").expect("the employee pattern is valid")
    })
}

/// The employee band of a count or a range as written: `120`, `1,200`,
/// `1,001-5,000`, `11-50 employees`, `100 to 249`, `10,001+`, `10K+`,
/// `Self-employed`, `Less than 10`. `None` when no number is found.
pub fn employee_band(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_lowercase();
    if lower.contains("self") || lower.contains("myself") || lower == "just me" {
        return Some(EMPLOYEE_BANDS[0]);
    }
    let mut counts = Vec::new();
    for caps in employee_pattern().captures_iter(&lower) {
        let digits = caps[1].trim_end_matches([',', '.', ' ', '\'']);
        // Counts of people are whole: `1,001` and `1.001` both group thousands.
        let Some(n) = number(&digits.replace([',', '.'], "")) else {
            continue;
        };
        counts.push(if caps.get(2).is_some() { n * 1e3 } else { n });
        if counts.len() == 2 {
            break;
        }
    }
    let edges = [10.5, 50.5, 200.5, 500.5, 1000.5, 5000.5];
    let band = match counts.as_slice() {
        [] => return None,
        [n] if lower.starts_with("less")
            || lower.starts_with('<')
            || lower.starts_with("under") =>
        {
            band_of(0.0, *n, &edges)
        }
        // `10,001+` and `5000+`: more than the number.
        [n] if lower.ends_with('+') || lower.starts_with("over") || lower.starts_with("more") => {
            band_of(n + 1.0, n + 1.0, &edges)
        }
        [n] => band_of(*n, *n, &edges),
        [a, b] => band_of(a.min(*b), a.max(*b), &edges),
        _ => unreachable!("at most two counts are read"),
    };
    Some(EMPLOYEE_BANDS[band])
}

/// The revenue band of an amount or range.
pub fn revenue_band(money: &Money) -> &'static str {
    REVENUE_BANDS[band_of(money.low, money.high, &REVENUE_EDGES)]
}

/// The lifetime value band of an amount.
pub fn spend_band(money: &Money) -> &'static str {
    SPEND_BANDS[band_of(money.low, money.high, &SPEND_EDGES)]
}

/// The average order value band of an amount.
pub fn order_value_band(money: &Money) -> &'static str {
    ORDER_VALUE_BANDS[band_of(money.low, money.high, &ORDER_VALUE_EDGES)]
}

/// The band of an order count.
pub fn orders_band(orders: f64) -> &'static str {
    let n = orders.round();
    ORDERS_BANDS[match n {
        n if n < 1.0 => 0,
        n if n < 2.0 => 1,
        n if n < 3.0 => 2,
        n if n <= 5.0 => 3,
        n if n <= 10.0 => 4,
        n if n <= 20.0 => 5,
        _ => 6,
    }]
}

/// The band of a span of days between first and last order.
pub fn tenure_band(days: i64) -> &'static str {
    TENURE_BANDS[match days {
        d if d < 91 => 0,
        d if d < 365 => 1,
        d if d < 730 => 2,
        d if d < 1826 => 3,
        _ => 4,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::normalise::money;

    #[test]
    fn employee_counts_and_ranges_as_written() {
        for (text, band) in [
            ("120", "51-200"),
            ("1,200", "1001-5000"),
            ("1,001-5,000", "1001-5000"),
            ("1001-5000", "1001-5000"),
            ("11-50 employees", "11-50"),
            ("2-10", "1-10"),
            ("100 to 249", "51-200"),
            ("250 - 500", "201-500"),
            ("501-1,000", "501-1000"),
            ("10,001+", "5001+"),
            ("5000+", "5001+"),
            ("5001-10000", "5001+"),
            ("10K+", "5001+"),
            ("Self-employed", "1-10"),
            ("Less than 10", "1-10"),
            ("7", "1-10"),
            ("50", "11-50"),
            ("51-200", "51-200"),
        ] {
            assert_eq!(employee_band(text), Some(band), "{text}");
        }
        assert_eq!(employee_band("about a hundred"), None);
        assert_eq!(employee_band(""), None);
    }

    #[test]
    fn revenue_and_spend_bands() {
        let band = |t: &str| revenue_band(&money(t, 1.0, None).unwrap());
        assert_eq!(band("$2.4M"), "1M-10M");
        assert_eq!(band("2400000"), "1M-10M");
        assert_eq!(band("$34,000,000.00"), "10M-50M");
        assert_eq!(band("10M-50M"), "10M-50M");
        assert_eq!(band("$25 mil. - $50 mil."), "10M-50M");
        assert_eq!(band("1,2 Mio. €"), "1M-10M");
        assert_eq!(band("Less than $1M"), "<1M");
        assert_eq!(band("$10B+"), "1B+");
        assert_eq!(band("$5 mil. - $10 mil."), "1M-10M");
        assert_eq!(band("$100M to $500M"), "100M-500M");
        let spend = |t: &str| spend_band(&money(t, 1.0, None).unwrap());
        assert_eq!(spend("1,234.50"), "1K-2.5K");
        assert_eq!(spend("49.99"), "<50");
        assert_eq!(spend("12000"), "10K+");
        assert_eq!(order_value_band(&money("75", 1.0, None).unwrap()), "50-100");
        assert_eq!(orders_band(1.0), "1");
        assert_eq!(orders_band(4.0), "3-5");
        assert_eq!(orders_band(30.0), "21+");
        assert_eq!(tenure_band(30), "under 3 months");
        assert_eq!(tenure_band(800), "2-5 years");
        assert_eq!(rank("1001-5000"), Some(5));
        assert_eq!(rank("10M-50M USD"), Some(2));
        assert_eq!(rank("Retail"), None);
    }
}
