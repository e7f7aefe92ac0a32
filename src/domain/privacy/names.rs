//! People's names: the interviewees the workspace knows, common given names
//! (with the surname after them), and names after a title.

use super::given_names::{AMBIGUOUS, NAMES};
use super::known::{Context, Known, fold};
use super::{DetailKind, Found, push};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static GIVEN: LazyLock<HashSet<String>> =
    LazyLock::new(|| NAMES.split_whitespace().map(fold).collect());
static AMBIGUOUS_GIVEN: LazyLock<HashSet<String>> =
    LazyLock::new(|| AMBIGUOUS.split_whitespace().map(fold).collect());

/// A capitalised word, with apostrophes and hyphens inside (`O'Brien`,
/// `Anne-Marie`) and letters of any script with case.
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*").expect("a valid pattern")
});

/// `Dr. Ines Alvarez`, `Mrs Patel`, `Herr Schmidt`.
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Herr|Frau|Mme|Mlle|Sra|Srta|Sr)\.?[\ \u{a0}]+\p{Lu}[\p{L}\p{M}'’-]+(?:[\ \u{a0}]+\p{Lu}[\p{L}\p{M}'’-]+)?",
    )
    .expect("a valid pattern")
});

/// How transcripts label who speaks: `Name  0:03` (Otter), `[Name]
/// 10:02:33` (Zoom), `00:01:12 Name:` and a WebVTT cue followed by `Name:`.
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    const LABEL: &str = r"\p{Lu}[\p{L}\p{M}'’.-]*(?:\ \p{Lu}[\p{L}\p{M}'’.-]*){0,3}";
    const TIME: &str = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?";
    let patterns = [
        format!(r"^(?P<a>{LABEL})(?:[\ \t]{{2,}}|\t|\ [-–|]\ )\[?{TIME}\]?[\ \t]*\r?$"),
        format!(r"^[\ \t]*\[?{TIME}\]?[\ \t]+(?P<b>{LABEL}):"),
        format!(r"^\[(?P<c>{LABEL})\][\ \t]+{TIME}"),
        format!(r"-->[^\n]*\n(?P<d>{LABEL}):"),
    ];
    Regex::new(&format!("(?m){}", patterns.join("|"))).expect("a valid pattern")
});

/// Speaker labels that are roles, not names.
const NOT_SPEAKERS: &[&str] = &[
    "speaker",
    "interviewer",
    "interviewee",
    "moderator",
    "host",
    "unknown",
    "me",
    "customer",
    "guest",
    "participant",
    "note",
    "notes",
    "q",
    "a",
    "us",
    "them",
    "agent",
    "caller",
    "client",
    "user",
    "respondent",
    "sales",
    "support",
    "team",
    "you",
    "summary",
];

/// Capitalised words that follow a given name without being a surname.
const NOT_SURNAMES: &[&str] = &[
    "i",
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "so",
    "then",
    "we",
    "he",
    "she",
    "they",
    "it",
    "our",
    "their",
    "his",
    "her",
    "my",
    "your",
    "on",
    "in",
    "at",
    "from",
    "to",
    "for",
    "with",
    "of",
    "by",
    "is",
    "was",
    "said",
    "says",
    "asked",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
    "inc",
    "ltd",
    "llc",
    "gmbh",
    "co",
    "corp",
    "team",
    "group",
    "store",
    "stores",
    "shop",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "vp",
    "head",
    "director",
    "manager",
    "founder",
    "owner",
    "lead",
    "ok",
    "yes",
    "no",
    "thanks",
    "hi",
    "hello",
    "dear",
    "re",
    "cc",
    "fyi",
    "q1",
    "q2",
    "q3",
    "q4",
];

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "la", "le", "bin", "ibn",
    "al", "el", "dos", "das", "ten", "ter",
];

pub(super) fn names(text: &str, known: &Known, context: Context, found: &mut Found) {
    if let Some(full) = known.full_names() {
        for m in full.find_iter(text) {
            let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if glued(text[..m.start()].chars().next_back()) || glued(text[m.end()..].chars().next())
            {
                continue;
            }
            let person = known.person_by_name(m.as_str());
            push(found, m.range(), DetailKind::Name, person);
        }
    }
    for m in TITLED.find_iter(text) {
        push(found, m.range(), DetailKind::Name, None);
    }
    for caps in SPEAKER.captures_iter(text) {
        let Some(label) = ["a", "b", "c", "d"].iter().find_map(|n| caps.name(n)) else {
            continue;
        };
        let words: Vec<&str> = label.as_str().split(' ').collect();
        let role = words
            .iter()
            .any(|w| NOT_SPEAKERS.contains(&fold(w).as_str()) || known.not_a_name(w, context));
        if !role {
            let person = known
                .person_by_name(label.as_str())
                .or_else(|| known.person_by_part(words[0]));
            push(found, label.range(), DetailKind::Name, person);
        }
    }
    let words: Vec<regex::Match> = WORD.find_iter(text).collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        i += 1;
        let base = possessive_base(word.as_str());
        if base.chars().count() < 2 || is_all_caps(base) || known.not_a_name(base, context) {
            continue;
        }
        // Glued to a path, handle or address (`@dana`, `/greg`, `greg.com`).
        let before = text[..word.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "@/_.#".contains(c)) {
            continue;
        }
        let key = fold(base);
        let person = known.person_by_part(base);
        let given = GIVEN.contains(&key);
        let ambiguous = AMBIGUOUS_GIVEN.contains(&key);
        if person.is_none() && !given && !ambiguous {
            continue;
        }
        // The surname: capitalised words right after, with particles
        // (`Ana de la Cruz`), on the same line.
        let mut end = word.end();
        let mut surnames = 0;
        let mut j = i;
        if base.len() == word.as_str().len() {
            while j < words.len() && surnames < 2 {
                let gap = &text[end..words[j].start()];
                if !is_name_gap(gap) {
                    break;
                }
                let next = possessive_base(words[j].as_str());
                if NOT_SURNAMES.contains(&fold(next).as_str())
                    || known.not_a_name(next, context)
                    || is_all_caps(next)
                {
                    break;
                }
                end = words[j].end();
                surnames += 1;
                j += 1;
                if next.len() < words[j - 1].as_str().len() {
                    break;
                }
            }
        }
        let at_sentence_start = sentence_start(text, word.start());
        let counts = person.is_some() || given && !ambiguous || surnames > 0 && !at_sentence_start;
        if counts {
            push(found, word.start()..end, DetailKind::Name, person);
            i = j.max(i);
        }
    }
}

/// `Greg's` → `Greg`.
fn possessive_base(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

/// Between two parts of one name: one space, or particles (`de la`).
fn is_name_gap(gap: &str) -> bool {
    let mut words = gap.split([' ', '\u{a0}']);
    let (Some(""), Some(_)) = (words.next(), gap.chars().last()) else {
        return false;
    };
    if !gap.ends_with([' ', '\u{a0}']) {
        return false;
    }
    gap.split([' ', '\u{a0}'])
        .filter(|w| !w.is_empty())
        .all(|w| PARTICLES.contains(&w))
        && !gap.contains("  ")
}

/// Whether `at` starts a sentence (or a line), where every word is
/// capitalised and "Will" or "Grace" tells nothing.
fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\u{a0}', '"', '“', '‘', '\'', '(', '*']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', ';', '—', '-'])
}
