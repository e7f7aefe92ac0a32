//! E-mail addresses and phone numbers.

use super::{DetailKind, Found, push, words_before};
use regex::Regex;
use std::sync::LazyLock;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}",
    )
    .expect("a valid pattern")
});

/// `dana [at] acme [dot] com`, `dana(at)acme.com`: addresses written to
/// dodge scrapers are still addresses.
static SPELLED_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\p{L}\p{N}._%+-]+\s*[\[(<{]\s*at\s*[\])>}]\s*[\p{L}\p{N}-]+(?:\s*(?:[\[(<{]\s*dot\s*[\])>}]|\.)\s*[\p{L}\p{N}-]+)*\s*(?:[\[(<{]\s*dot\s*[\])>}]|\.)\s*\p{L}{2,}",
    )
    .expect("a valid pattern")
});

/// Digits in the groups people write phone numbers in: an optional country
/// code (`+44`, `0044`), an optional area code in brackets (`(303)`,
/// `(0)30`), then up to six groups joined by a space, `.`, `-` or `/`.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?:\+|\b00)[1-9]\d{0,2}[\ \u{a0}.\-]?)?
        (?:\(0?\d{1,5}\)[\ \u{a0}.\-]?)?
        \d{1,10}(?:(?:[\ \u{a0}.\-/]|\ ?-\ ?)\d{1,10}){0,6}",
    )
    .expect("a valid pattern")
});

/// A date inside a run of digits (`2026-11-02 09`, `30.10.2026`).
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}(?:\D|$)))")
        .expect("a valid pattern")
});

pub(super) fn emails(text: &str, found: &mut Found) {
    for m in EMAIL.find_iter(text) {
        // A local part never starts or ends with a dot or quote:
        // `'dana@acme.com'` and `...dana@acme.com` keep only the address.
        let trimmed = m.as_str().trim_start_matches(['.', '\'', '-']);
        let start = m.end() - trimmed.len();
        push(found, start..m.end(), DetailKind::Email, None);
    }
    for m in SPELLED_EMAIL.find_iter(text) {
        push(found, m.range(), DetailKind::Email, None);
    }
}

/// Words that, just before a number, say it is a phone number.
const PHONE_WORDS: &[&str] = &[
    "phone",
    "tel",
    "telephone",
    "mobile",
    "mob",
    "cell",
    "cellphone",
    "call",
    "text",
    "fax",
    "whatsapp",
    "ph",
    "landline",
    "direct",
    "dial",
    "sms",
    "signal",
    "handy",
    "telefon",
    "téléphone",
    "portable",
    "móvil",
    "teléfono",
    "cellulare",
];

/// Words that, just before a number, say it is not a phone number.
const NOT_PHONE_WORDS: &[&str] = &[
    "sku", "isbn", "issn", "ean", "upc", "gtin", "barcode", "item", "art", "article", "part",
    "model", "serial", "sn", "version", "v", "build", "release", "ref", "lot", "batch", "iban",
    "bic", "vat", "ein", "no", "nr", "ticket", "case", "ip",
];

pub(super) fn phones(text: &str, found: &mut Found) {
    for m in PHONE.find_iter(text) {
        let candidate = m.as_str().trim_end_matches([' ', '\u{a0}', '.', '-', '/']);
        let range = m.start()..m.start() + candidate.len();
        if is_phone(text, range.clone()) {
            push(found, range, DetailKind::Phone, None);
        }
    }
}

fn is_phone(text: &str, range: std::ops::Range<usize>) -> bool {
    let candidate = &text[range.clone()];
    let digits = candidate.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) {
        return false;
    }
    // Glued to a word, a price or a version: `SKU-1042-33`, `$1 200 000`,
    // `v10.2.33`, `1,200`, `12%`.
    let before = text[..range.start].chars().next_back();
    let before2 = text[..range.start]
        .trim_end_matches([' ', '\u{a0}'])
        .chars()
        .next_back();
    let after = text[range.end..].chars().next();
    let glued = if candidate.starts_with('+') {
        "_"
    } else {
        "_-/.,#@"
    };
    if before.is_some_and(|c| c.is_alphanumeric() || glued.contains(c))
        || before2.is_some_and(|c| "$€£¥₹".contains(c))
        || after.is_some_and(|c| c.is_alphanumeric() || "%_@".contains(c))
        || text[range.end..].starts_with([',', '.', ':'])
            && text[range.end + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let after_word: String = text[range.end..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if [
        "eur", "usd", "gbp", "chf", "sek", "nok", "dkk", "kr", "k", "m", "mio", "units",
    ]
    .contains(&after_word.as_str())
    {
        return false;
    }
    let groups: Vec<&str> = candidate
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    // `06.12.34.56.78` is a French number, not a date followed by more.
    let french =
        groups.len() == 5 && groups.iter().all(|g| g.len() == 2) && groups[0].starts_with('0');
    if DATE.is_match(candidate) && !french {
        return false;
    }
    let context = words_before(text, range.start, 3);
    if context
        .last()
        .is_some_and(|w| NOT_PHONE_WORDS.contains(&w.as_str()))
    {
        return false;
    }
    // Four dotted groups of at most three digits: an IP address.
    if groups.len() == 4
        && groups.iter().all(|g| g.len() <= 3)
        && candidate
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .all(|c| c == '.')
    {
        return false;
    }
    let international = candidate.starts_with('+') || candidate.starts_with("00");
    let area_code = candidate.contains('(');
    if international {
        return digits >= 8;
    }
    if area_code || context.iter().any(|w| PHONE_WORDS.contains(&w.as_str())) {
        return true;
    }
    // No country code and no word saying so: only the usual shapes of a
    // national number (three groups, or two starting with the trunk `0`),
    // never thousands grouping (`1 200 000`).
    let thousands = groups.len() >= 2
        && groups[0].len() <= 3
        && !groups[0].starts_with('0')
        && groups[1..].iter().all(|g| g.len() == 3);
    let slashes_only = candidate.contains('/')
        && candidate
            .chars()
            .filter(|c| !c.is_ascii_digit() && *c != ' ')
            .all(|c| c == '/');
    // Five groups of two digits is the French way, always with the leading 0.
    let pairs = groups.iter().all(|g| g.len() <= 2);
    (9..=13).contains(&digits)
        && !thousands
        && (!pairs || groups[0].starts_with('0'))
        && !slashes_only
        && (groups.len() >= 3 || groups.len() == 2 && groups[0].starts_with('0'))
}
