//! Normalising what exports write: one value however a tool spells it.
//!
//! - employee counts into bands (`1,001-5,000`, `1001-5000 employees` and
//!   `2400` are all `1001-5000`): [`employee_band`];
//! - amounts of money with their currency (`$2.4M`, `$25 mil. - $50 mil.`,
//!   `1,2 Mio. €`): [`money`], and bands for company revenue, a
//!   shopper's lifetime value and average order value: [`bands`];
//! - countries to ISO 3166 codes with their names (`US`, `USA`, `U.S.`,
//!   `United States` are one), US, Canadian and Australian states and
//!   provinces to their names, and one-cell locations split into city,
//!   region and country: [`places`];
//! - industries folded for case, spacing and punctuation: [`industry_key`];
//! - yes/no, dates and plain numbers.
//!
//! Pure functions: the importer keeps the written text beside what these
//! give, and the tally counts by what these give.

pub mod bands;
pub mod money;
pub mod places;
mod places_data;
mod regions_data;

pub use bands::{employee_band, orders_band, spend_band, tenure_band};
pub use money::{Money, money, number};
pub use places::{Country, Location, Region, country, location, region, region_name};

pub use crate::quick_hash::{QuickHasher, QuickMap};

/// Text as compared: lowercase, accents dropped, letters and digits only.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appended to `out` (a buffer kept between calls).
pub fn fold_into(text: &str, out: &mut String) {
    for ch in text.chars() {
        // The common case, without the general lowercasing (same result).
        if ch.is_ascii() {
            if ch.is_ascii_alphanumeric() {
                out.push(ch.to_ascii_lowercase());
            }
            continue;
        }
        for lower in ch.to_lowercase() {
            match plain_letter(lower) {
                Some(ascii) => out.push_str(ascii),
                None if lower.is_alphanumeric() => out.push(lower),
                None => {}
            }
        }
    }
}

/// Calls `f` with the text folded as [`fold`] folds it; short ASCII texts
/// (codes, yes/no, most country names) without allocating.
pub fn with_folded<T>(text: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; 32];
    if text.len() <= buffer.len() && text.is_ascii() {
        let mut len = 0;
        for b in text.bytes().filter(u8::is_ascii_alphanumeric) {
            buffer[len] = b.to_ascii_lowercase();
            len += 1;
        }
        if let Ok(folded) = std::str::from_utf8(&buffer[..len]) {
            return f(folded);
        }
    }
    f(&fold(text))
}

/// The plain letters for an accented Latin one.
fn plain_letter(ch: char) -> Option<&'static str> {
    Some(match ch {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ą' => "a",
        'ä' | 'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ō' | 'ø' => "o",
        'ö' | 'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ū' | 'ů' => "u",
        'ü' => "ue",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// An industry as compared: case, spacing, `_`, `-`, `/` and `&` folded
/// (`COMPUTER_SOFTWARE`, `Computer Software` and `computer-software` are
/// one). Empty for an empty text.
pub fn industry_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    industry_key_into(text, &mut out);
    out
}

/// [`industry_key`], appended to `out` (a buffer kept between calls).
pub fn industry_key_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        // The same words, lowercased, in one pass: runs of letters and
        // digits, and `&` as the word `and`.
        let start = out.len();
        let mut in_word = false;
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() {
                if !in_word && out.len() > start {
                    out.push(' ');
                }
                out.push(char::from(b.to_ascii_lowercase()));
                in_word = true;
            } else {
                if b == b'&' {
                    if out.len() > start {
                        out.push(' ');
                    }
                    out.push_str("and");
                }
                in_word = false;
            }
        }
        return;
    }
    let spaced: String = text
        .replace('&', " and ")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    for (i, word) in spaced.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
}

/// Text with its runs of spacing made one space and its ends trimmed
/// (`  Outdoor   retail ` → `Outdoor retail`), appended to `out`.
pub fn tidy_into(text: &str, out: &mut String) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// An industry as shown: as written, except that a tool's internal code
/// (`COMPUTER_SOFTWARE`) reads as words (`Computer software`).
pub fn industry_label(text: &str) -> String {
    let trimmed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let code = trimmed.contains('_')
        && !trimmed.contains(' ')
        && !trimmed.chars().any(|c| c.is_lowercase());
    if !code {
        return trimmed;
    }
    let words = trimmed.replace('_', " ").to_lowercase();
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `yes`/`no` in the ways exports write it (`true`, `1`, `subscribed`,
/// `opted_in`, `ja`, `oui`...); `None` when it says neither.
pub fn yes_no(text: &str) -> Option<bool> {
    with_folded(text, |key| match key {
        "yes" | "y" | "true" | "t" | "1" | "subscribed" | "optedin" | "optin" | "confirmed"
        | "pending" | "accepted" | "ja" | "oui" | "si" | "x" => Some(true),
        "no" | "n" | "false" | "f" | "0" | "notsubscribed" | "unsubscribed" | "optedout"
        | "optout" | "declined" | "nein" | "non" | "invalid" | "redacted" => Some(false),
        _ => None,
    })
}

/// A date at the start of a text: `2026-03-04`, `2026-03-04 10:11:12
/// +0100`, `2026-03-04T10:11:12Z`, `2026/03/04`, `04.03.2026` (day first),
/// `3/4/2026` (month first, as US exports write it, unless the first
/// number cannot be a month), or a bare year (`2019`, as January 1).
pub fn date(text: &str) -> Option<jiff::civil::Date> {
    let text = text.trim();
    // The digits and marks it starts with (ASCII, so a byte count).
    let head_len = text
        .bytes()
        .position(|b| !(b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'.')))
        .unwrap_or(text.len());
    let head = &text[..head_len];
    let mut parts = [""; 3];
    let mut count = 0;
    for part in head.split(['-', '/', '.']).filter(|p| !p.is_empty()) {
        if count == parts.len() {
            return None;
        }
        parts[count] = part;
        count += 1;
    }
    let mut nums = [0i32; 3];
    for (num, part) in nums.iter_mut().zip(&parts[..count]) {
        *num = part.parse().ok()?;
    }
    let (y, m, d) = match (&nums[..count], parts[..count].first().map(|p| p.len())) {
        ([y], Some(4)) => (*y, 1, 1),
        ([y, m, d], Some(4)) => (*y, *m, *d),
        ([a, b, y], Some(1 | 2)) if head.contains('.') => (*y, *b, *a),
        ([a, b, y], Some(1 | 2)) if *a > 12 => (*y, *b, *a),
        ([a, b, y], Some(1 | 2)) => (*y, *a, *b),
        _ => return None,
    };
    let y = if (0..100).contains(&y) { 2000 + y } else { y };
    jiff::civil::Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// A list cell split into items: `;`, `,`, `|` or line breaks between
/// them, each trimmed, empty ones dropped.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([';', ',', '|', '\n'])
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Côte d'Ivoire"), "cotedivoire");
        assert_eq!(fold("U.S.A."), "usa");
        assert_eq!(fold("Österreich"), "oesterreich");
        assert_eq!(industry_key("COMPUTER_SOFTWARE"), "computer software");
        assert_eq!(industry_key(" Computer  software "), "computer software");
        assert_eq!(industry_key("Retail & E-commerce"), "retail and e commerce");
        assert_eq!(industry_key("R&D && more"), "r and d and and more");
        assert_eq!(industry_key(" -- "), "");
        assert_eq!(industry_key("Café & Bäckerei"), "café and bäckerei");
        assert_eq!(industry_label("COMPUTER_SOFTWARE"), "Computer software");
        assert_eq!(industry_label("Outdoor  retail"), "Outdoor retail");
        assert_eq!(industry_label("IT"), "IT");
    }

    #[test]
    fn folding_short_texts_in_place() {
        for text in [
            "U.S.A.",
            "Yes",
            "not_subscribed",
            "",
            "Côte d'Ivoire",
            &"x".repeat(40),
        ] {
            assert_eq!(with_folded(text, str::to_string), fold(text), "{text}");
        }
    }

    #[test]
    fn yes_no_and_dates() {
        assert_eq!(yes_no("Yes"), Some(true));
        assert_eq!(yes_no("not_subscribed"), Some(false));
        assert_eq!(yes_no("SUBSCRIBED"), Some(true));
        assert_eq!(yes_no("maybe"), None);
        let d = |y, m, dd| jiff::civil::Date::new(y, m, dd).ok();
        assert_eq!(date("2026-03-04"), d(2026, 3, 4));
        assert_eq!(date("2026-03-04 10:11:12 +0100"), d(2026, 3, 4));
        assert_eq!(date("2026-03-04T10:11:12Z"), d(2026, 3, 4));
        assert_eq!(date("04.03.2026"), d(2026, 3, 4));
        assert_eq!(date("3/4/2026"), d(2026, 3, 4));
        assert_eq!(date("25/4/2026"), d(2026, 4, 25));
        assert_eq!(date("2019"), d(2019, 1, 1));
        assert_eq!(date("last week"), None);
        assert_eq!(date("2026-02-30"), None);
        assert_eq!(date("1.2.3.2026"), None);
        assert_eq!(date("99999999999-01-01"), None);
        assert_eq!(date("26-3-4"), d(2004, 3, 26));
        assert_eq!(date("4.3.26"), d(2026, 3, 4));
        assert_eq!(date("2026-03-04é"), d(2026, 3, 4));
        assert_eq!(date(""), None);
    }

    #[test]
    fn lists() {
        assert_eq!(
            split_list("VIP, wholesale;  repeat |x"),
            ["VIP", "wholesale", "repeat", "x"]
        );
        assert!(split_list(" , ").is_empty());
    }
}
