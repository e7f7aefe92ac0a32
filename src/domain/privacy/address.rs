//! Street addresses: a house number next to a street named as streets are
//! named in English, German, Nordic, Dutch, French, Spanish, Italian and
//! Portuguese, and post office boxes.

use super::{DetailKind, Found, push};
use regex::Regex;
use std::sync::LazyLock;

/// `221B Baker Street`, `1600 Pennsylvania Ave NW`, `12 W. 34th St, Suite 5`.
static ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b\d{1,5}[A-Za-z]?(?:[-–]\d{1,5})?,?\ +
        (?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\ +)?
        (?:(?:\p{Lu}[\p{L}'’.-]*|\d{1,3}(?:st|nd|rd|th))\ +){1,4}
        (?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl
          |Way|Terrace|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Crescent|Close|Grove
          |Gardens|Mews|Row|Trail|Trl|Alley|Plaza)\b\.?
        (?:\ +(?:N|S|E|W|NE|NW|SE|SW)\b)?
        (?:,?\ *(?:Suite|Ste|Apt|Unit|Floor|Fl|\#)\.?\ *\#?[\w-]+)?",
    )
    .expect("a valid pattern")
});

/// `Leopoldstraße 12`, `Karl-Marx-Allee 3a`, `Storgatan 5`, `Keizersgracht 123`.
static GERMANIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b\p{Lu}[\p{L}-]{2,}?
        (?i:straße|strasse|str\.|gasse|weg|platz|allee|damm|ufer|chaussee
          |gade|gatan|vägen|veien|vej|laan|straat|plein|gracht|kade|steeg)
        \ *(\d{1,4})\ ?[a-zA-Z]?\b",
    )
    .expect("a valid pattern")
});

/// `12 rue de la Paix`, `3 bis avenue Foch`.
static FRENCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b\d{1,4}(?:\ ?(?:bis|ter))?,?\ +
        (?i:rue|avenue|boulevard|bd|place|chemin|allée|quai|impasse|cours)\ +
        (?:(?:de|du|des|la|le|l'|l’|d'|d’)\ *)*
        \p{Lu}[\p{L}'’-]*(?:\ +(?:de|du|des|la|le)?\ *\p{Lu}[\p{L}'’-]*){0,3}",
    )
    .expect("a valid pattern")
});

/// `Calle Mayor 12`, `Via Roma, 15`, `Rua Augusta 200`, `Avenida de Mayo nº 575`.
static SOUTHERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?:Calle|Avenida|Avda\.?|Paseo|Plaza|Carrer|Via|Viale|Piazza|Corso|Largo|Rua|Travessa|Praça)
        \ +(?:(?:de|del|della|delle|di|da|do|dos|das|la|las|los)\ +)*
        \p{Lu}[\p{L}'’.-]*(?:\ +(?:(?:de|del|della|di|da|do|la)\ +)*\p{Lu}[\p{L}'’.-]*){0,3}
        ,?\ *(?:n[º°o]\.?\ *)?\d{1,4}\b",
    )
    .expect("a valid pattern")
});

static PO_BOX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:P\.?\ ?O\.?\ ?Box|Post\ Office\ Box|Postfach|Apartado)\ *\d{1,6}\b")
        .expect("a valid pattern")
});

pub(super) fn addresses(text: &str, found: &mut Found) {
    for pattern in [&ENGLISH, &FRENCH, &SOUTHERN, &PO_BOX] {
        for m in pattern.find_iter(text) {
            push(found, m.range(), DetailKind::Address, None);
        }
    }
    for caps in GERMANIC.captures_iter(text) {
        let number: u32 = caps[1].parse().unwrap_or(0);
        // `Marktplatz 2026` is a year, not a house.
        if (1900..2100).contains(&number) {
            continue;
        }
        let whole = caps.get(0).expect("the whole match");
        push(found, whole.range(), DetailKind::Address, None);
    }
}
