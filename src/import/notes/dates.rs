//! Dates as notes and their file names write them: `2026-03-04`,
//! `2022-9-12`, `2026/03/04`, `20260304` (as in Zoom's `GMT20260304-…`),
//! `March 4, 2026`, `4 March 2026`, an ISO timestamp.

use jiff::civil::Date;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Year, month and day with separators, not inside a longer run of digits.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((20\d\d|19\d\d)[-_./](\d{1,2})[-_./](\d{1,2}))(?:[^0-9]|$)")
        .expect("valid pattern")
});

/// Eight digits `YYYYMMDD`, not inside a longer run of digits.
static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((20\d\d)(\d\d)(\d\d))(?:[^0-9]|$)").expect("valid pattern")
});

/// `March 4, 2026` / `Mar 4 2026` / `4 March 2026` / `4th of March, 2026`.
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4}))\b",
    )
    .expect("valid pattern")
});

fn month(name: &str) -> Option<i8> {
    let lower = name.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .zip(full)
        .position(|(short, long)| lower == *short || long.starts_with(&lower) && lower.len() >= 3)
        .map(|i| i as i8 + 1)
}

fn date(year: &str, month: i8, day: &str) -> Option<Date> {
    let year: i16 = year.parse().ok()?;
    let day: i8 = day.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// The first real date written anywhere in `text`, with where it is.
pub fn find(text: &str) -> Option<(Date, Range<usize>)> {
    let mut found: Vec<(Date, Range<usize>)> = Vec::new();
    for caps in NUMERIC.captures_iter(text) {
        let whole = caps.get(1).expect("group 1");
        let month = caps[3].parse::<i8>().ok();
        if let Some(d) = month.and_then(|m| date(&caps[2], m, &caps[4])) {
            found.push((d, whole.range()));
            break;
        }
    }
    for caps in COMPACT.captures_iter(text) {
        let whole = caps.get(1).expect("group 1");
        let month = caps[3].parse::<i8>().ok();
        if let Some(d) = month.and_then(|m| date(&caps[2], m, &caps[4])) {
            found.push((d, whole.range()));
            break;
        }
    }
    for caps in WORDS.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let parsed = match (caps.get(1), caps.get(5)) {
            (Some(name), _) => month(name.as_str()).and_then(|m| date(&caps[3], m, &caps[2])),
            (None, Some(name)) => month(name.as_str()).and_then(|m| date(&caps[6], m, &caps[4])),
            _ => None,
        };
        if let Some(d) = parsed {
            found.push((d, whole.range()));
            break;
        }
    }
    found.into_iter().min_by_key(|(_, range)| range.start)
}

/// A value that is a date and nothing else (front matter `date:`): the
/// date, or `None` when the text holds anything but one date (a time of
/// day after it is fine).
pub fn parse_whole(text: &str) -> Option<Date> {
    let t = text.trim().trim_matches(['"', '\'']).trim();
    let (d, range) = find(t)?;
    let before = t[..range.start].trim();
    let after = t[range.end..].trim();
    let time_after = after.is_empty()
        || after.starts_with('T')
        || after.chars().next().is_some_and(|c| c.is_ascii_digit())
        || after.starts_with("at ");
    (before.is_empty() && time_after).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn numeric_dates_with_or_without_padding_anywhere() {
        assert_eq!(find("2026-03-04-dana").unwrap().0, date(2026, 3, 4));
        assert_eq!(
            find("Call with Sam (ACME) 2026-03-04").unwrap().0,
            date(2026, 3, 4)
        );
        assert_eq!(find("2022-9-12_onboarding").unwrap().0, date(2022, 9, 12));
        assert_eq!(find("notes 2026/03/04").unwrap().0, date(2026, 3, 4));
        assert_eq!(
            find("GMT20260304-101500_Recording").unwrap().0,
            date(2026, 3, 4)
        );
        assert!(find("2026-13-40 nope").is_none());
        assert!(find("order 1234567890123").is_none());
        assert!(find("v2.3.1 release").is_none());
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(find("March 4, 2026").unwrap().0, date(2026, 3, 4));
        assert_eq!(
            find("call on 4th of March 2026").unwrap().0,
            date(2026, 3, 4)
        );
        assert_eq!(find("Sept 12 2022").unwrap().0, date(2022, 9, 12));
        assert!(find("Mayday 4 2026").is_none());
    }

    #[test]
    fn a_whole_value_is_one_date() {
        assert_eq!(parse_whole("2026-09-12"), Some(date(2026, 9, 12)));
        assert_eq!(parse_whole("'2026-9-2'"), Some(date(2026, 9, 2)));
        assert_eq!(parse_whole("2026-09-12T10:30:00Z"), Some(date(2026, 9, 12)));
        assert_eq!(parse_whole("12 September 2026"), Some(date(2026, 9, 12)));
        assert_eq!(parse_whole("soon"), None);
        assert_eq!(parse_whole("before 2026-09-12"), None);
    }
}
