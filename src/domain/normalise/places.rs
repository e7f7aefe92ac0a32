//! Countries, regions and one-cell locations.

use super::places_data::COUNTRIES;
use super::regions_data::REGIONS;
use super::{QuickMap, fold, with_folded};
use std::sync::OnceLock;

/// A country by its ISO 3166-1 alpha-2 code, with the name shown for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
}

fn countries() -> &'static QuickMap<String, Country> {
    static INDEX: OnceLock<QuickMap<String, Country>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = QuickMap::default();
        for (code, alpha3, name, others) in COUNTRIES {
            let country = Country { code, name };
            for spelling in [*code, *alpha3, *name]
                .into_iter()
                .chain(others.split('|'))
                .filter(|s| !s.is_empty())
            {
                index.entry(fold(spelling)).or_insert(country);
            }
            // `Bolivia, Plurinational State of` is also written
            // `Plurinational State of Bolivia`.
            for spelling in std::iter::once(*name).chain(others.split('|')) {
                if let Some((head, tail)) = spelling.split_once(", ") {
                    index
                        .entry(fold(&format!("{tail} {head}")))
                        .or_insert(country);
                    index.entry(fold(head)).or_insert(country);
                }
            }
        }
        index
    })
}

/// The country a text names: a code (`US`, `USA`), a name in English or
/// its own language (`United States`, `Deutschland`), a common other name
/// (`UK`, `Holland`, `South Korea`), ignoring case, accents and
/// punctuation (`U.S.`), or a leading flag emoji.
pub fn country(text: &str) -> Option<Country> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let known = with_folded(trimmed, |key| {
        // `the Netherlands`, `Republic of Ireland`.
        let index = countries();
        index
            .get(key)
            .or_else(|| index.get(key.strip_prefix("the").unwrap_or(key)))
            .copied()
    });
    if known.is_some() {
        return known;
    }
    // `United States (US)`, as WooCommerce writes it.
    if let Some((name, code)) = trimmed.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        return country(code).or_else(|| country(name));
    }
    flag(trimmed)
}

/// A flag emoji (two regional indicator letters) at the start of a text.
fn flag(text: &str) -> Option<Country> {
    let mut chars = text.chars();
    let letter = |c: char| {
        let n = c as u32;
        (0x1f1e6..=0x1f1ff)
            .contains(&n)
            .then(|| char::from(b'A' + (n - 0x1f1e6) as u8))
    };
    let code: String = [letter(chars.next()?)?, letter(chars.next()?)?]
        .iter()
        .collect();
    countries().get(&fold(&code)).copied()
}

/// A state, province or region, with its ISO 3166-2 code when it is one
/// of a known country's (`US-CO`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub code: Option<String>,
    pub name: String,
}

/// A region as written, known by its code (`CO`, `US-CO`, `BY`, `13`) or
/// its name in any case (`colorado`) among the country's regions (`country`
/// is an alpha-2 code; without one, US codes are tried). Anything else is
/// kept as written, spacing tidied.
pub fn region(text: &str, country: Option<&str>) -> Region {
    let tidy = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let upper = tidy.to_uppercase();
    let wanted = country.unwrap_or("US");
    let code = upper.strip_prefix(&format!("{wanted}-")).unwrap_or(&upper);
    let index = regions();
    let found = index
        .by_code
        .get(&(wanted, code))
        .or_else(|| {
            let named = index.by_name.get(&fold(&tidy))?;
            named
                .iter()
                .find(|i| country.is_none_or(|w| w == REGIONS[**i].0))
        })
        .map(|i| &REGIONS[*i]);
    match found {
        Some((c, r, name)) => Region {
            code: Some(format!("{c}-{r}")),
            name: name.to_string(),
        },
        None => Region {
            code: None,
            name: tidy,
        },
    }
}

/// A region's name (see [`region`]): `CO` → `Colorado`.
pub fn region_name(text: &str, country: Option<&str>) -> String {
    region(text, country).name
}

/// A location written in one cell, split: `Boulder, Colorado, United
/// States` (Crunchbase), `Colorado, US`, `Berlin, Germany`, `Germany`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub city: String,
    pub region: String,
    pub country: Option<Country>,
}

pub fn location(text: &str) -> Location {
    let parts: Vec<&str> = text
        .split([',', ';', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let Some((last, rest)) = parts.split_last() else {
        return Location::default();
    };
    // `Denver, CO`: a two-letter US state code at the end is the state
    // (not Colombia).
    let state_code = last.len() == 2 && rest.len() == 1 && is_region(last, "US");
    match country(last).filter(|_| !state_code) {
        Some(found) => {
            let region = |t: &str| region_name(t, Some(found.code));
            match rest {
                [] => Location {
                    country: Some(found),
                    ..Location::default()
                },
                [one] if is_region(one, found.code) => Location {
                    region: region(one),
                    country: Some(found),
                    ..Location::default()
                },
                [one] => Location {
                    city: one.to_string(),
                    country: Some(found),
                    ..Location::default()
                },
                [city, .., state] => Location {
                    city: city.to_string(),
                    region: region(state),
                    country: Some(found),
                },
            }
        }
        // `Denver, CO`: a US state code at the end.
        None if rest.len() == 1 && is_region(last, "US") => Location {
            city: rest[0].to_string(),
            region: region_name(last, Some("US")),
            country: country("US"),
        },
        // `EMEA`, `Northeast`: one part that is no country is a region;
        // `Springfield, Northeast`: a city and a region.
        None => Location {
            city: if parts.len() > 1 {
                parts[0].to_string()
            } else {
                String::new()
            },
            region: last.to_string(),
            country: None,
        },
    }
}

/// Whether a text is one of the country's states or provinces (by code or
/// name); for countries without a table, whether it looks like a region
/// rather than a city cannot be told, so no.
fn is_region(text: &str, country: &str) -> bool {
    let index = regions();
    // Codes compare folded, as names do: `C.A.` is CA.
    let code = fold(text).to_uppercase();
    index.by_code.contains_key(&(country, code.as_str()))
        || index
            .by_name
            .get(&fold(text))
            .is_some_and(|found| found.iter().any(|i| REGIONS[*i].0 == country))
}

/// The regions by (country, code) and by folded name.
struct RegionIndex {
    by_code: QuickMap<(&'static str, &'static str), usize>,
    by_name: QuickMap<String, Vec<usize>>,
}

fn regions() -> &'static RegionIndex {
    static INDEX: OnceLock<RegionIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = RegionIndex {
            by_code: QuickMap::default(),
            by_name: QuickMap::default(),
        };
        for (i, (country, code, name)) in REGIONS.iter().enumerate() {
            index.by_code.entry((country, code)).or_insert(i);
            index.by_name.entry(fold(name)).or_default().push(i);
        }
        index
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_however_written() {
        for text in [
            "US",
            "USA",
            "U.S.",
            "U.S.A.",
            "United States",
            "united states of america",
            " us ",
        ] {
            assert_eq!(country(text).map(|c| c.code), Some("US"), "{text}");
        }
        assert_eq!(country("Deutschland").map(|c| c.code), Some("DE"));
        assert_eq!(country("DEU").map(|c| c.code), Some("DE"));
        assert_eq!(country("UK").map(|c| c.code), Some("GB"));
        assert_eq!(country("the Netherlands").map(|c| c.code), Some("NL"));
        assert_eq!(country("Korea, Republic of").map(|c| c.code), Some("KR"));
        assert_eq!(country("South Korea").map(|c| c.code), Some("KR"));
        assert_eq!(country("Côte d’Ivoire").map(|c| c.code), Some("CI"));
        assert_eq!(
            country("Plurinational State of Bolivia").map(|c| c.code),
            Some("BO")
        );
        assert_eq!(country("🇩🇪").map(|c| c.code), Some("DE"));
        assert_eq!(country("United States (US)").map(|c| c.code), Some("US"));
        assert_eq!(country("Deutschland (DE)").map(|c| c.code), Some("DE"));
        assert_eq!(country("US").map(|c| c.name), Some("United States"));
        assert_eq!(country("Atlantis"), None);
        assert_eq!(country(""), None);
    }

    #[test]
    fn regions_and_locations() {
        assert_eq!(region_name("CO", Some("US")), "Colorado");
        assert_eq!(region_name("ON", Some("CA")), "Ontario");
        assert_eq!(region_name("colorado", None), "Colorado");
        assert_eq!(region_name("Bavaria", Some("DE")), "Bavaria");
        assert_eq!(region_name("US-TX", Some("US")), "Texas");
        assert_eq!(region("BY", Some("DE")).code.as_deref(), Some("DE-BY"));
        assert_eq!(region_name("9", Some("AT")), "Wien");
        assert_eq!(region_name("13", Some("JP")), "Tokyo");
        assert_eq!(region("Nowhere", Some("US")).code, None);
        let l = location("Boulder, Colorado, United States");
        assert_eq!(
            (l.city.as_str(), l.region.as_str()),
            ("Boulder", "Colorado")
        );
        assert_eq!(l.country.map(|c| c.code), Some("US"));
        let l = location("Colorado, US");
        assert_eq!((l.city.as_str(), l.region.as_str()), ("", "Colorado"));
        let l = location("Munich, Germany");
        assert_eq!(
            (l.city.as_str(), l.country.map(|c| c.code)),
            ("Munich", Some("DE"))
        );
        let l = location("Denver, CO");
        assert_eq!(
            (l.region.as_str(), l.country.map(|c| c.code)),
            ("Colorado", Some("US"))
        );
        let l = location("EMEA");
        assert_eq!((l.region.as_str(), l.country), ("EMEA", None));
        assert_eq!(location("  "), Location::default());
    }
}
