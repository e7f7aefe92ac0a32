//! Reading a lead's cell the way a rule compares it: text folded for case
//! and spacing, counts and amounts as a span of numbers (a band is a span,
//! an exact figure a span of one), countries as codes, yes/no as a flag.
//!
//! The normalising itself is the customer import's
//! ([`crate::domain::normalise`]), so a value compares here exactly as it
//! was counted there. Cells that say nothing (`""`, `n/a`, `-`, `unknown`)
//! are missing, never a value that fails a test.

use crate::domain::normalise as shared;

/// Placeholders exports write for "no value".
const PLACEHOLDERS: &[&str] = &[
    "",
    "-",
    "--",
    "—",
    "n/a",
    "na",
    "#n/a",
    "null",
    "none",
    "nil",
    "unknown",
    "(blank)",
    "(none)",
    "not provided",
    "not available",
    "undefined",
];

/// Whether a cell holds no value.
pub fn is_missing(cell: &str) -> bool {
    let trimmed = cell.trim();
    trimmed.is_empty()
        || (trimmed.len() <= 16 && PLACEHOLDERS.iter().any(|p| trimmed.eq_ignore_ascii_case(p)))
}

/// Appends `text` folded to `out` the way the customer import folds it
/// (lowercase, accents dropped, letters and digits only): `Outdoor-Retail`,
/// ` outdoor  retail ` and `OUTDOOR RETAIL` are one, and so are
/// `e-commerce` and `ecommerce`.
pub fn fold_into(text: &str, out: &mut String) {
    out.push_str(&shared::fold(text));
}

/// `text` folded (see [`fold_into`]).
pub fn fold(text: &str) -> String {
    shared::fold(text)
}

/// A span of numbers: an exact figure is `lo == hi`; an open band such as
/// `5001+` has `hi` infinite.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub lo: f64,
    pub hi: f64,
}

impl Span {
    pub fn exact(n: f64) -> Span {
        Span { lo: n, hi: n }
    }

    /// Whether this span counts as inside `lo..=hi`: wholly inside yes,
    /// wholly outside no; a band that straddles an edge counts by its
    /// middle (an open band by its start).
    pub fn within(self, lo: f64, hi: f64) -> bool {
        if self.lo >= lo && self.hi <= hi {
            return true;
        }
        if self.hi < lo || self.lo > hi {
            return false;
        }
        let middle = if self.hi.is_finite() {
            (self.lo + self.hi) / 2.0
        } else {
            self.lo
        };
        middle >= lo && middle <= hi
    }
}

/// An amount or count as written: `1,200`, `$2.4M`, `1,2 Mio. €`,
/// `10M-50M`, `$25 mil. - $50 mil.`, `51-200`, `11-50 employees`,
/// `100 to 249`, `5001+`, `10,000+`, read by the customer import's
/// [`shared::money`]. The span, and the currency when one is written.
pub fn amount(cell: &str) -> Option<(Span, Option<String>)> {
    let trimmed = cell.trim();
    // Most cells are a plain figure: `120`, `22000000`.
    if !trimmed.is_empty() && trimmed.len() < 16 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return trimmed.parse::<f64>().ok().map(|n| (Span::exact(n), None));
    }
    let money = shared::money(trimmed, 1.0, None)?;
    Some((
        Span {
            lo: money.low,
            hi: money.high,
        },
        money.currency,
    ))
}

/// The ISO code of a country as written (`United States`, `USA`, `U.S.`,
/// `Deutschland`), or the folded text when it names none.
pub fn country(cell: &str) -> String {
    shared::country(cell).map_or_else(|| fold(cell), |c| c.code.to_string())
}

/// A region or state as compared: its name folded (`CO`, `US-CO` and
/// `colorado` are one).
pub fn region(cell: &str) -> String {
    fold(&shared::region_name(cell, None))
}

/// Yes or no as exports write it.
pub fn flag(cell: &str) -> Option<bool> {
    shared::yes_no(cell)
}

/// The entries of a list cell (`Shopify; Klaviyo | NetSuite`), trimmed,
/// blanks dropped: split where the customer import's
/// [`shared::split_list`] splits, kept as slices of the cell so a reason
/// can quote the entry as written.
pub fn entries(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', ',', '|', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(cell: &str) -> (f64, f64) {
        let (s, _) = amount(cell).unwrap_or_else(|| panic!("{cell} did not parse"));
        (s.lo, s.hi)
    }

    #[test]
    fn amounts_and_bands_as_exports_write_them() {
        assert_eq!(span("1,200"), (1200.0, 1200.0));
        assert_eq!(span("$2.4M"), (2_400_000.0, 2_400_000.0));
        assert_eq!(span("2400000"), (2_400_000.0, 2_400_000.0));
        assert_eq!(span("$34,000,000.00"), (34e6, 34e6));
        assert_eq!(span("10M-50M"), (10e6, 50e6));
        assert_eq!(span("10-50M"), (10e6, 50e6));
        assert_eq!(span("$25 mil. - $50 mil."), (25e6, 50e6));
        assert_eq!(span("1,2 Mio. €"), (1_200_000.0, 1_200_000.0));
        assert_eq!(span("51-200"), (51.0, 200.0));
        assert_eq!(span("1,001-5,000"), (1001.0, 5000.0));
        assert_eq!(span("11-50 employees"), (11.0, 50.0));
        assert_eq!(span("100 to 249"), (100.0, 249.0));
        assert_eq!(span("5001+").0, 5001.0);
        assert!(span("10,000+").1.is_infinite());
        assert_eq!(span("1 200"), (1200.0, 1200.0));
        assert_eq!(amount("$2.4M").unwrap().1.as_deref(), Some("USD"));
        assert_eq!(amount("1,2 Mio. €").unwrap().1.as_deref(), Some("EUR"));
        assert_eq!(amount("12 EUR").unwrap().1.as_deref(), Some("EUR"));
        assert_eq!(amount("120").unwrap().1, None);
        assert!(amount("about a hundred").is_none());
    }

    #[test]
    fn bands_straddling_a_range_count_by_their_middle() {
        let (band, _) = amount("11-50").unwrap();
        assert!(band.within(20.0, 200.0)); // middle 30.5
        assert!(!band.within(40.0, 200.0)); // middle 30.5
        assert!(amount("51-200").unwrap().0.within(20.0, 200.0));
        assert!(!amount("1-10").unwrap().0.within(20.0, 200.0));
        assert!(amount("5001+").unwrap().0.within(1000.0, f64::INFINITY));
    }

    #[test]
    fn text_countries_flags_and_blanks() {
        assert_eq!(fold("  Outdoor-Retail "), fold("outdoor retail"));
        assert_eq!(fold("E-commerce Manager"), fold("ecommerce manager"));
        assert_eq!(fold("Zoë MÜLLER"), fold("zoe mueller"));
        assert_eq!(country("U.S."), "US");
        assert_eq!(country("United States"), "US");
        assert_eq!(country("usa"), "US");
        assert_eq!(country("Deutschland"), "DE");
        assert_eq!(country("Atlantis"), "atlantis");
        assert_eq!(region("CO"), region("Colorado"));
        assert_eq!(region("US-CO"), fold("colorado"));
        assert_eq!(flag("Yes"), Some(true));
        assert_eq!(flag("FALSE"), Some(false));
        assert_eq!(flag("maybe"), None);
        assert!(is_missing("  "));
        assert!(is_missing("N/A"));
        assert!(is_missing("Unknown"));
        assert!(!is_missing("0"));
        let tools: Vec<&str> = entries("Shopify; Klaviyo | NetSuite,").collect();
        assert_eq!(tools, ["Shopify", "Klaviyo", "NetSuite"]);
    }
}
