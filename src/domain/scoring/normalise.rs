//! Reading a lead's cell the way a rule compares it: text folded for case
//! and spacing, counts and amounts as a span of numbers (a band is a span,
//! an exact figure a span of one), countries as codes, yes/no as a flag.
//!
//! Cells that say nothing (`""`, `n/a`, `-`, `unknown`) are missing, never a
//! value that fails a test.

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

/// Appends `text` folded to `out`: lowercase, `&` read as `and`, every run
/// of other punctuation and spacing as one space, trimmed. `Outdoor-Retail`,
/// ` outdoor  retail ` and `OUTDOOR RETAIL` all fold to `outdoor retail`.
pub fn fold_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut gap = false;
    for ch in text.chars() {
        if ch == '&' {
            gap = true;
            push_word(out, start, &mut gap, "and");
            gap = true;
        } else if ch.is_alphanumeric() {
            if gap && out.len() > start {
                out.push(' ');
            }
            gap = false;
            if ch.is_ascii() {
                out.push(ch.to_ascii_lowercase());
            } else {
                out.extend(ch.to_lowercase());
            }
        } else {
            gap = true;
        }
    }
}

fn push_word(out: &mut String, start: usize, gap: &mut bool, word: &str) {
    if *gap && out.len() > start {
        out.push(' ');
    }
    *gap = false;
    out.push_str(word);
}

/// `text` folded (see [`fold_into`]).
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    fold_into(text, &mut out);
    out
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

/// Multipliers written after an amount.
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("k", 1e3),
    ("tsd", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("mil", 1e6),
    ("mio", 1e6),
    ("mm", 1e6),
    ("m", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bn", 1e9),
    ("b", 1e9),
    ("mrd", 1e9),
];

/// Currency marks and the code each stands for.
const CURRENCIES: &[(&str, &str)] = &[
    ("$", "USD"),
    ("us$", "USD"),
    ("usd", "USD"),
    ("€", "EUR"),
    ("eur", "EUR"),
    ("£", "GBP"),
    ("gbp", "GBP"),
    ("ca$", "CAD"),
    ("cad", "CAD"),
    ("a$", "AUD"),
    ("aud", "AUD"),
    ("chf", "CHF"),
    ("sek", "SEK"),
    ("nok", "NOK"),
    ("dkk", "DKK"),
    ("¥", "JPY"),
    ("jpy", "JPY"),
    ("inr", "INR"),
    ("₹", "INR"),
];

/// An amount or count as written: `1,200`, `$2.4M`, `1,2 Mio. €`,
/// `10M-50M`, `$25 mil. - $50 mil.`, `51-200`, `11-50 employees`,
/// `100 to 249`, `5001+`, `10,000+`. Returns the span and the currency code
/// when one is written.
pub fn amount(cell: &str) -> Option<(Span, Option<&'static str>)> {
    let trimmed = cell.trim();
    // Most cells are a plain figure: `120`, `22000000`.
    if !trimmed.is_empty() && trimmed.len() < 16 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return trimmed.parse::<f64>().ok().map(|n| (Span::exact(n), None));
    }
    let lower = trimmed.to_lowercase();
    if lower.is_empty() {
        return None;
    }
    let currency = find_currency(&lower);
    // `+` at the end (or `over`/`more than` before) opens the band upwards.
    let open = lower.ends_with('+') || lower.starts_with('>') || lower.starts_with("over ");
    let below =
        lower.starts_with('<') || lower.starts_with("under ") || lower.starts_with("less than");
    let parts = split_range(&lower);
    let mut values = Vec::with_capacity(2);
    for part in &parts {
        values.push(number_in(part)?);
    }
    // `10-50M`: a scale written once applies to both ends.
    if values.len() == 2 && values[0].1.is_none() && values[1].1.is_some() {
        values[0].1 = values[1].1;
    }
    let figure = |(n, scale): (f64, Option<f64>)| n * scale.unwrap_or(1.0);
    let span = match values.as_slice() {
        [one] if open => Span {
            lo: figure(*one),
            hi: f64::INFINITY,
        },
        [one] if below => Span {
            lo: 0.0,
            hi: figure(*one),
        },
        [one] => Span::exact(figure(*one)),
        [lo, hi] => {
            let (lo, hi) = (figure(*lo), figure(*hi));
            Span {
                lo: lo.min(hi),
                hi: lo.max(hi),
            }
        }
        _ => return None,
    };
    Some((span, currency))
}

fn find_currency(lower: &str) -> Option<&'static str> {
    if lower
        .bytes()
        .all(|b| b.is_ascii_digit() || b" ,.-+<>~'_".contains(&b))
    {
        return None;
    }
    // Symbols anywhere; codes as whole words.
    for (mark, code) in CURRENCIES {
        let is_symbol = !mark.chars().all(|c| c.is_ascii_alphabetic());
        if is_symbol && lower.contains(mark) {
            return Some(code);
        }
    }
    lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .find_map(|word| {
            CURRENCIES
                .iter()
                .find(|(mark, _)| mark.chars().all(|c| c.is_ascii_alphabetic()) && *mark == word)
                .map(|(_, code)| *code)
        })
}

/// Splits `a - b`, `a to b`, `a–b` into its ends (one part when it is not
/// a range). A leading minus is a sign, not a range.
fn split_range(lower: &str) -> Vec<&str> {
    for sep in [" to ", " - ", "–", "—", " bis "] {
        if let Some((a, b)) = lower.split_once(sep) {
            return vec![a, b];
        }
    }
    let body = lower.trim_start_matches(['-', '<', '>', '~', '≈', ' ']);
    let offset = lower.len() - body.len();
    if let Some(i) = body.find('-') {
        return vec![&lower[..offset + i], &lower[offset + i + 1..]];
    }
    vec![lower]
}

/// The number in one end of a range, with the scale written after it.
fn number_in(part: &str) -> Option<(f64, Option<f64>)> {
    let bytes = part.as_bytes();
    let start = part.find(|c: char| c.is_ascii_digit())?;
    let negative = part[..start].trim_end().ends_with('-');
    let mut end = start;
    while end < bytes.len()
        && (bytes[end].is_ascii_digit() || matches!(bytes[end], b',' | b'.' | b' ' | b'_' | b'\''))
    {
        // A space only joins digit groups (`1 200`), not a number and a word.
        if bytes[end] == b' ' && !(end + 1 < bytes.len() && bytes[end + 1].is_ascii_digit()) {
            break;
        }
        end += 1;
    }
    let digits = part[start..end].trim_end_matches([',', '.', ' ']);
    let n = parse_digits(digits)?;
    let rest = part[end..].trim_start_matches([' ', '.']);
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let scale = SCALES
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, s)| *s);
    Some((if negative { -n } else { n }, scale))
}

/// `1,200` `1.200.000` `1 200` `2.4` `1,2` `34,000,000.00`: with both `,`
/// and `.` the last is the decimal point; with one of them written once and
/// not followed by exactly three digits, it is the decimal point; otherwise
/// they group thousands (as spaces, `'` and `_` always do).
fn parse_digits(digits: &str) -> Option<f64> {
    let marks = |c: char| digits.matches(c).count();
    let (commas, dots) = (marks(','), marks('.'));
    let last = digits.rfind([',', '.']);
    let decimal = match last {
        Some(i) if commas > 0 && dots > 0 => Some(i),
        Some(i) if commas + dots == 1 && digits.len() - i - 1 != 3 => Some(i),
        _ => None,
    };
    let mut clean = String::with_capacity(digits.len());
    for (i, ch) in digits.char_indices() {
        if ch.is_ascii_digit() {
            clean.push(ch);
        } else if Some(i) == decimal {
            clean.push('.');
        }
    }
    clean.parse().ok()
}

/// Country names, codes and common spellings → ISO 3166 alpha-2 codes.
const COUNTRIES: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "us",
            "usa",
            "u s",
            "u s a",
            "united states",
            "united states of america",
            "america",
        ],
    ),
    ("CA", &["ca", "can", "canada"]),
    (
        "GB",
        &[
            "gb",
            "gbr",
            "uk",
            "u k",
            "united kingdom",
            "great britain",
            "britain",
            "england",
            "scotland",
            "wales",
        ],
    ),
    ("IE", &["ie", "irl", "ireland"]),
    ("DE", &["de", "deu", "germany", "deutschland"]),
    ("FR", &["fr", "fra", "france"]),
    (
        "NL",
        &["nl", "nld", "netherlands", "the netherlands", "holland"],
    ),
    ("BE", &["be", "bel", "belgium"]),
    ("AT", &["at", "aut", "austria", "österreich"]),
    ("CH", &["ch", "che", "switzerland", "schweiz"]),
    ("ES", &["es", "esp", "spain"]),
    ("IT", &["it", "ita", "italy"]),
    ("SE", &["se", "swe", "sweden"]),
    ("NO", &["no", "nor", "norway"]),
    ("DK", &["dk", "dnk", "denmark"]),
    ("FI", &["fi", "fin", "finland"]),
    ("PL", &["pl", "pol", "poland"]),
    ("PT", &["pt", "prt", "portugal"]),
    ("AU", &["au", "aus", "australia"]),
    ("NZ", &["nz", "nzl", "new zealand"]),
    ("JP", &["jp", "jpn", "japan"]),
    ("IN", &["in", "ind", "india"]),
    ("BR", &["br", "bra", "brazil"]),
    ("MX", &["mx", "mex", "mexico"]),
    ("SG", &["sg", "sgp", "singapore"]),
];

/// The ISO code of a country as written (`United States`, `USA`, `U.S.`),
/// or the folded text when it is not one this build knows.
pub fn country(cell: &str) -> String {
    let folded = fold(cell);
    COUNTRIES
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map_or(folded, |(code, _)| code.to_string())
}

/// Yes or no as exports write it.
pub fn flag(cell: &str) -> Option<bool> {
    match fold(cell).as_str() {
        "true" | "yes" | "y" | "1" | "on" | "opted in" | "subscribed" | "x" => Some(true),
        "false" | "no" | "n" | "0" | "off" | "opted out" | "unsubscribed" | "not subscribed" => {
            Some(false)
        }
        _ => None,
    }
}

/// The entries of a list cell (`Shopify; Klaviyo | NetSuite`), trimmed,
/// blanks dropped.
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
        assert_eq!(span("-10"), (-10.0, -10.0));
        assert_eq!(span("1 200"), (1200.0, 1200.0));
        assert_eq!(amount("$2.4M").unwrap().1, Some("USD"));
        assert_eq!(amount("1,2 Mio. €").unwrap().1, Some("EUR"));
        assert_eq!(amount("12 EUR").unwrap().1, Some("EUR"));
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
        assert_eq!(fold("  Outdoor-Retail "), "outdoor retail");
        assert_eq!(
            fold("Sporting Goods & Outdoor"),
            "sporting goods and outdoor"
        );
        assert_eq!(fold("Zoë MÜLLER"), "zoë müller");
        assert_eq!(country("U.S."), "US");
        assert_eq!(country("United States"), "US");
        assert_eq!(country("usa"), "US");
        assert_eq!(country("Atlantis"), "atlantis");
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
