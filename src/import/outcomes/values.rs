//! Cells of engagement and deal exports as numbers, yes/no and dates.

use crate::domain::scoring::normalise;
use jiff::civil::Date;

/// Whether a cell holds nothing (blank, `N/A`, `-`, `null`, ...).
pub fn is_blank(cell: &str) -> bool {
    normalise::is_missing(cell)
}

/// A count: `12`, `1,204`, `12.0`; blank is `None`; anything else is an
/// error naming what was found.
pub fn count(cell: &str) -> Result<Option<u64>, String> {
    if is_blank(cell) {
        return Ok(None);
    }
    let cleaned: String = cell
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\''))
        .collect();
    match cleaned.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Ok(Some(n as u64)),
        _ => Err(format!("`{}` is not a count", cell.trim())),
    }
}

/// A share as exports write it: `23.5%`, `0.235`, `23.5`. A number above 1
/// without a `%` is read as a percentage.
pub fn share(cell: &str) -> Result<Option<f64>, String> {
    if is_blank(cell) {
        return Ok(None);
    }
    let text = cell.trim();
    let percent = text.ends_with('%');
    let number: String = text
        .trim_end_matches('%')
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    match number.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => {
            let share = if percent || n > 1.0 { n / 100.0 } else { n };
            if share > 1.0 {
                Err(format!("`{text}` is more than 100%"))
            } else {
                Ok(Some(share))
            }
        }
        _ => Err(format!("`{text}` is not a rate")),
    }
}

/// Whether a per-person cell says the thing happened: yes/no words, a
/// count (above 0 is yes), or a date or time (it happened then).
pub fn happened(cell: &str) -> Option<bool> {
    if is_blank(cell) {
        return None;
    }
    if let Some(flag) = normalise::flag(cell) {
        return Some(flag);
    }
    if let Ok(Some(n)) = count(cell) {
        return Some(n > 0);
    }
    if date(cell).is_some() {
        return Some(true);
    }
    None
}

/// An amount of money: `12500`, `$12,500.00`, `12.500,00 €`, `12.5k`.
pub fn amount(cell: &str) -> Option<f64> {
    if is_blank(cell) {
        return None;
    }
    normalise::amount(cell)
        .filter(|(span, _)| span.lo == span.hi && span.lo.is_finite() && span.lo >= 0.0)
        .map(|(span, _)| span.lo)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date at the start of a cell, as exports write one: ISO
/// (`2026-10-03`, `2026-10-03T14:22:05.000Z`, `2026-10-03 14:22`),
/// `2026/10/03`, `03.10.2026` (day first), `10/03/2026` (month first, as US
/// exports write it, unless the first number cannot be a month), and with
/// a month name (`Oct 3, 2026`, `3 October 2026`, Mailchimp's
/// `Jan 05, 2021 09:00 am`).
pub fn date(cell: &str) -> Option<Date> {
    let text = cell.trim();
    if text.is_empty() {
        return None;
    }
    numeric_date(text).or_else(|| named_month_date(text))
}

fn numeric_date(text: &str) -> Option<Date> {
    let head: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
        .collect();
    let parts: Vec<&str> = head.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let nums: Vec<i32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != 3 {
        return None;
    }
    let (y, m, d) = match (nums[0], nums[1], nums[2], parts[0].len()) {
        (y, m, d, 4) => (y, m, d),
        (a, b, y, 1 | 2) if head.contains('.') => (y, b, a),
        (a, b, y, 1 | 2) if a > 12 => (y, b, a),
        (a, b, y, 1 | 2) => (y, a, b),
        _ => return None,
    };
    make(y, m, d)
}

fn named_month_date(text: &str) -> Option<Date> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .take(4)
        .collect();
    let month_at = words.iter().position(|w| {
        w.len() >= 3
            && w.chars().all(|c| c.is_ascii_alphabetic())
            && MONTHS.iter().any(|m| w.starts_with(m))
    })?;
    let month = MONTHS.iter().position(|m| words[month_at].starts_with(m))? as i32 + 1;
    let number = |w: &String| -> Option<i32> {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        (!digits.is_empty()).then(|| digits.parse().ok()).flatten()
    };
    let rest: Vec<i32> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != month_at)
        .filter_map(|(_, w)| number(w))
        .take(2)
        .collect();
    let (d, y) = match rest.as_slice() {
        [a, b] if *a > 31 => (*b, *a),
        [a, b] => (*a, *b),
        _ => return None,
    };
    make(y, month, d)
}

fn make(y: i32, m: i32, d: i32) -> Option<Date> {
    let y = if (0..100).contains(&y) { 2000 + y } else { y };
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn counts_and_shares() {
        assert_eq!(count("1,204"), Ok(Some(1204)));
        assert_eq!(count(" 12.0 "), Ok(Some(12)));
        assert_eq!(count(""), Ok(None));
        assert_eq!(count("N/A"), Ok(None));
        assert!(count("twelve").unwrap_err().contains("`twelve`"));
        assert!(count("-3").is_err());
        assert_eq!(share("23.5%"), Ok(Some(0.235)));
        assert_eq!(share("0.235"), Ok(Some(0.235)));
        assert_eq!(share("23,5 %"), Ok(Some(0.235)));
        assert_eq!(share("45"), Ok(Some(0.45)));
        assert!(share("140%").is_err());
    }

    #[test]
    fn what_happened() {
        assert_eq!(happened("Yes"), Some(true));
        assert_eq!(happened("false"), Some(false));
        assert_eq!(happened("3"), Some(true));
        assert_eq!(happened("0"), Some(false));
        assert_eq!(happened("2026-10-03T14:22:05.000Z"), Some(true));
        assert_eq!(happened(""), None);
        assert_eq!(happened("maybe"), None);
    }

    #[test]
    fn amounts() {
        assert_eq!(amount("$12,500.00"), Some(12500.0));
        assert_eq!(amount("12500"), Some(12500.0));
        assert_eq!(amount("12.5k"), Some(12500.0));
        assert_eq!(amount(""), None);
        assert_eq!(amount("10M-50M"), None);
    }

    #[test]
    fn dates_as_exports_write_them() {
        assert_eq!(date("2026-10-03"), Some(d(2026, 10, 3)));
        assert_eq!(date("2026-10-03 14:22"), Some(d(2026, 10, 3)));
        assert_eq!(date("2026-10-03T14:22:05.000Z"), Some(d(2026, 10, 3)));
        assert_eq!(date("10/03/2026"), Some(d(2026, 10, 3)));
        assert_eq!(date("13/03/2026"), Some(d(2026, 3, 13)));
        assert_eq!(date("03.10.2026"), Some(d(2026, 10, 3)));
        assert_eq!(date("Jan 05, 2021 09:00 am"), Some(d(2021, 1, 5)));
        assert_eq!(date("3 October 2026"), Some(d(2026, 10, 3)));
        assert_eq!(date("October 3, 2026"), Some(d(2026, 10, 3)));
        assert_eq!(date("2026-02-30"), None);
        assert_eq!(date("soon"), None);
        assert_eq!(date("12"), None);
    }
}
