//! Amounts of money as exports write them: `$2.4M`, `2400000`,
//! `$34,000,000.00`, `10M-50M`, `$25 mil. - $50 mil.`, `1,2 Mio. €`,
//! `Less than $1M`, `$10B+`, `€ 3.500,00`.

use regex::Regex;
use std::sync::OnceLock;

/// An amount, or a range of amounts, with the currency when the text (or
/// the caller) says which.
#[derive(Clone, Debug, PartialEq)]
pub struct Money {
    pub low: f64,
    /// Equal to `low` for one amount; infinite for "over X" or "X+".
    pub high: f64,
    /// An ISO 4217 code.
    pub currency: Option<String>,
}

impl Money {
    /// The amount to rank by: the amount, or a range's middle (its low end
    /// when it has no top).
    pub fn value(&self) -> f64 {
        if self.high.is_infinite() {
            self.low
        } else {
            (self.low + self.high) / 2.0
        }
    }
}

/// A plain number as written, with either decimal mark and thousands
/// separators (`1,234.5`, `1.234,5`, `1 234`, `1'234`, `12,5`).
pub fn number(text: &str) -> Option<f64> {
    // The common case, read as it is: digits with a decimal point that
    // cannot be a thousands separator (`1.234` can).
    let plain = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(plain)
        || plain
            .split_once('.')
            .is_some_and(|(int, frac)| digits(int) && digits(frac) && frac.len() != 3)
    {
        return plain.parse().ok();
    }
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’' | '_'))
        .collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let last_dot = digits.rfind('.');
    let last_comma = digits.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(at), None) | (None, Some(at)) => {
            let mark = digits.as_bytes()[at];
            let count = digits.bytes().filter(|b| *b == mark).count();
            let after = digits.len() - at - 1;
            // `1,234` and `1.234.567` group thousands; `12,5` and `3.25`
            // have a decimal mark.
            if count > 1 || after == 3 && digits[..at].len() <= 3 && digits[..at] != *"0" {
                None
            } else {
                Some(at)
            }
        }
        (None, None) => None,
    };
    let mut plain = String::with_capacity(digits.len());
    for (i, c) in digits.char_indices() {
        match c {
            '0'..='9' => plain.push(c),
            _ if Some(i) == decimal => plain.push('.'),
            _ => {}
        }
    }
    let value: f64 = plain.parse().ok()?;
    Some(if negative { -value } else { value })
}

fn amount_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?i)(\d[\d.,' \u{a0}]*)\s*(thousand|tausend|tsd|k|millions?|mio|mil|mm|mn|m|billions?|bil|bn|mrd|milliarden?|b|trillions?|t)?\b\.?",
        )
        .expect("the amount pattern is valid")
    })
}

fn scale_of(suffix: &str) -> f64 {
    match suffix.to_lowercase().as_str() {
        "thousand" | "tausend" | "tsd" | "k" => 1e3,
        "million" | "millions" | "mio" | "mil" | "mm" | "mn" | "m" => 1e6,
        "billion" | "billions" | "bil" | "bn" | "mrd" | "milliarde" | "milliarden" | "b" => 1e9,
        "trillion" | "trillions" | "t" => 1e12,
        _ => 1.0,
    }
}

/// The currency a text names: an ISO code or a symbol. `$` alone is read
/// as US dollars; `kr` (which Nordic currency?) and `¥` (yen or yuan?) name
/// none.
pub fn currency_in(text: &str) -> Option<String> {
    const CODES: [&str; 24] = [
        "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "CNY", "INR", "BRL", "MXN", "SEK",
        "NOK", "DKK", "PLN", "CZK", "HUF", "SGD", "HKD", "ZAR", "AED", "ILS", "KRW",
    ];
    // Codes are letters; symbols are `$` or not ASCII.
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_alphabetic() && b != b'$')
    {
        return None;
    }
    let upper = text.to_uppercase();
    for word in upper.split(|c: char| !c.is_ascii_alphabetic()) {
        if CODES.contains(&word) {
            return Some(word.to_string());
        }
    }
    let symbols: [(&str, &str); 12] = [
        ("US$", "USD"),
        ("CA$", "CAD"),
        ("C$", "CAD"),
        ("AU$", "AUD"),
        ("A$", "AUD"),
        ("NZ$", "NZD"),
        ("R$", "BRL"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("₹", "INR"),
        ("CHF", "CHF"),
        ("$", "USD"),
    ];
    // A symbol counts where no letter runs into it (`OVER$5` is dollars,
    // not Brazilian reals).
    let standalone = |symbol: &str| {
        upper.match_indices(symbol).any(|(at, _)| {
            !upper[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphabetic())
        })
    };
    symbols
        .iter()
        .find(|(symbol, _)| standalone(symbol))
        .map(|(_, code)| code.to_string())
}

/// An amount or range of money in a text, `None` when it holds no number.
/// `scale` multiplies amounts that carry no suffix of their own (a header
/// saying "in 000s"); `currency` is used when the text names none.
pub fn money(text: &str, scale: f64, currency: Option<&str>) -> Option<Money> {
    // Most cells of a big export are plain amounts (`2702.98`, `1,234.50`):
    // read them without the pattern. The slow path gives the same for them
    // (one amount, no suffix, no symbol or code), only slower.
    let plain = text.trim().as_bytes();
    if plain.first().is_some_and(u8::is_ascii_digit)
        && plain.last().is_some_and(u8::is_ascii_digit)
        && plain
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
        && let Some(value) = number(text)
    {
        let value = value * scale;
        return Some(Money {
            low: value,
            high: value,
            currency: currency.map(str::to_uppercase),
        });
    }
    read_money(text, scale, currency)
}

/// [`money`] by the pattern: suffixes, ranges, symbols and codes.
fn read_money(text: &str, scale: f64, currency: Option<&str>) -> Option<Money> {
    let lower = text.trim().to_lowercase();
    if lower.is_empty() {
        return None;
    }
    // Each amount with the scale of its own suffix (`M`, `mil.`, `k`), if any.
    let mut amounts: Vec<(f64, Option<f64>)> = Vec::new();
    for caps in amount_pattern().captures_iter(&lower) {
        let digits = caps.get(1).map_or("", |m| m.as_str());
        let digits = digits.trim_end_matches(['.', ',', ' ', '\u{a0}', '\'']);
        let Some(value) = number(digits) else {
            continue;
        };
        amounts.push((value, caps.get(2).map(|m| scale_of(m.as_str()))));
        if amounts.len() == 2 {
            break;
        }
    }
    // `10-50M`: the first number takes the second's suffix.
    if let [(first, None), (second, Some(unit))] = amounts.as_slice()
        && first <= second
    {
        amounts[0].1 = Some(*unit);
    }
    let amounts: Vec<f64> = amounts
        .into_iter()
        .map(|(v, unit)| v * unit.unwrap_or(scale))
        .collect();
    let below = ["less than", "under", "below", "up to", "<"]
        .iter()
        .any(|w| lower.starts_with(w));
    let above = ["over", "more than", "above", ">"]
        .iter()
        .any(|w| lower.starts_with(w))
        || lower.trim_end().ends_with('+');
    let (low, high) = match amounts.as_slice() {
        [] => return None,
        [one] if below => (0.0, *one),
        [one] if above => (*one, f64::INFINITY),
        [one] => (*one, *one),
        [a, b] => (a.min(*b), a.max(*b)),
        _ => unreachable!("at most two amounts are read"),
    };
    Some(Money {
        low,
        high,
        currency: currency_in(text).or_else(|| currency.map(str::to_uppercase)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> (f64, f64, Option<String>) {
        let m = money(text, 1.0, None).unwrap_or_else(|| panic!("{text}"));
        (m.low, m.high, m.currency)
    }

    #[test]
    fn numbers_with_either_decimal_mark() {
        assert_eq!(number("2400000"), Some(2_400_000.0));
        assert_eq!(number("34,000,000.00"), Some(34_000_000.0));
        assert_eq!(number("3.500,00"), Some(3500.0));
        assert_eq!(number("1,2"), Some(1.2));
        assert_eq!(number("1,234"), Some(1234.0));
        assert_eq!(number("1 234 567"), Some(1_234_567.0));
        assert_eq!(number("1'234.50"), Some(1234.5));
        assert_eq!(number("3.25"), Some(3.25));
        assert_eq!(number("0.125"), Some(0.125));
        assert_eq!(number("-12.5"), Some(-12.5));
        assert_eq!(number("12a"), None);
        assert_eq!(number("0012.5"), Some(12.5));
        assert_eq!(number("1.234"), Some(1234.0));
        assert_eq!(number("12.34"), Some(12.34));
        assert_eq!(number(""), None);
    }

    #[test]
    fn amounts_and_ranges_as_exports_write_them() {
        let usd = Some("USD".to_string());
        assert_eq!(m("$2.4M"), (2.4e6, 2.4e6, usd.clone()));
        assert_eq!(m("2400000"), (2.4e6, 2.4e6, None));
        assert_eq!(m("$34,000,000.00"), (3.4e7, 3.4e7, usd.clone()));
        assert_eq!(m("10M-50M"), (1e7, 5e7, None));
        assert_eq!(m("10-50M"), (1e7, 5e7, None));
        assert_eq!(m("$25 mil. - $50 mil."), (2.5e7, 5e7, usd.clone()));
        assert_eq!(m("1,2 Mio. €"), (1.2e6, 1.2e6, Some("EUR".into())));
        assert_eq!(m("€ 3.500,00"), (3500.0, 3500.0, Some("EUR".into())));
        assert_eq!(m("Less than $1M"), (0.0, 1e6, usd.clone()));
        assert_eq!(m("$10B+"), (1e10, f64::INFINITY, usd.clone()));
        assert_eq!(m("Over $5 bil."), (5e9, f64::INFINITY, usd.clone()));
        assert_eq!(m("$1M to $10M"), (1e6, 1e7, usd.clone()));
        assert_eq!(m("£500k"), (5e5, 5e5, Some("GBP".into())));
        assert_eq!(m("USD 1,234.50"), (1234.5, 1234.5, usd.clone()));
        assert_eq!(m("CA$ 99"), (99.0, 99.0, Some("CAD".into())));
        assert_eq!(m("1.5 billion"), (1.5e9, 1.5e9, None));
        assert!(money("n/a", 1.0, None).is_none());
        assert!(money("", 1.0, None).is_none());
    }

    #[test]
    fn plain_amounts_read_as_the_pattern_reads_them() {
        let texts = "0|7|2702.98|1,234|1,234.50|3.500,00|1.234.567|12,5|0.125|1,2,3|1..2|00012| 42 |99.999,9";
        for text in texts.split('|') {
            for (scale, currency) in [(1.0, None), (1000.0, Some("usd"))] {
                assert_eq!(
                    money(text, scale, currency),
                    read_money(text, scale, currency),
                    "{text:?}"
                );
            }
        }
        assert_eq!(currency_in("1,234.50"), None);
        assert_eq!(currency_in("12 usd"), Some("USD".into()));
    }

    #[test]
    fn scale_and_default_currency() {
        let z = money("34,000", 1000.0, Some("usd")).unwrap();
        assert_eq!((z.low, z.currency.as_deref()), (3.4e7, Some("USD")));
        let own = money("5M", 1000.0, None).unwrap();
        assert_eq!(own.low, 5e6, "a suffix beats the header's scale");
        let eur = money("€12", 1.0, Some("USD")).unwrap();
        assert_eq!(eur.currency.as_deref(), Some("EUR"), "the text wins");
    }
}
