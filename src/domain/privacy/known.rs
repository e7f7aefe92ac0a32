//! What the workspace already knows about people and companies: who was
//! interviewed (so their names are found wherever they turn up), and the
//! words that are not people there (company and persona names).

use crate::domain::Workspace;
use regex::Regex;
use std::collections::{HashMap, HashSet};

/// A person the workspace names: an interviewee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// The interviews this person gave (ids).
    pub interviews: Vec<String>,
}

/// Names and non-names gathered from a workspace, for [`super::detect`].
#[derive(Clone, Debug, Default)]
pub struct Known {
    pub people: Vec<Person>,
    /// Folded first and last names → the person they belong to.
    parts: HashMap<String, usize>,
    /// Folded full names → the person.
    full: HashMap<String, usize>,
    full_pattern: Option<Regex>,
    /// Folded words of company names: never a person's name.
    company_words: HashSet<String>,
    /// Folded words of persona names ("Operations Olivia"): a persona, not
    /// a person, when they appear on a card.
    persona_words: HashSet<String>,
}

/// Where a text lives, which decides whether a persona's name is a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// What people said: interview notes, highlights, titles. "Felix" here
    /// is Felix the interviewee, even when a persona is called "Founder
    /// Felix".
    Notes,
    /// ICP and persona cards, best customers: "Felix" here is the persona.
    Card,
}

impl Known {
    /// Knows nobody: only the list of given names and titles find names.
    pub fn empty() -> Known {
        Known::default()
    }

    pub fn new(ws: &Workspace) -> Known {
        let mut known = Known::default();
        for interview in &ws.interviews {
            let name = interview.interviewee.trim();
            if !looks_like_person(name) {
                continue;
            }
            let key = fold(name);
            let index = match known.full.get(&key) {
                Some(&index) => index,
                None => {
                    known.people.push(Person {
                        name: name.to_string(),
                        interviews: Vec::new(),
                    });
                    known.full.insert(key, known.people.len() - 1);
                    known.people.len() - 1
                }
            };
            known.people[index].interviews.push(interview.id.clone());
        }
        for (index, person) in known.people.iter().enumerate() {
            for part in person.name.split_whitespace() {
                let part = part.trim_matches(|c: char| !c.is_alphanumeric());
                if part.chars().count() >= 2 && part.starts_with(char::is_uppercase) {
                    known.parts.entry(fold(part)).or_insert(index);
                }
            }
        }
        let companies = ws.interviews.iter().map(|i| i.company.as_str()).chain(
            ws.icps
                .iter()
                .flat_map(|icp| icp.best_customers.iter().map(|c| c.company.as_str())),
        );
        for company in companies {
            known.company_words.extend(words(company));
        }
        for persona in &ws.personas {
            known.persona_words.extend(words(&persona.name));
        }
        // A company named after its founder ("Jonas Berg Design") is still
        // the interviewee's name where it stands alone.
        known.company_words.retain(|w| !known.parts.contains_key(w));
        if !known.people.is_empty() {
            let mut names: Vec<&str> = known.people.iter().map(|p| p.name.as_str()).collect();
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
            let alternation: Vec<String> = names
                .iter()
                .map(|n| {
                    n.split_whitespace()
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                })
                .collect();
            // No `\b` in the pattern: Unicode word boundaries keep the regex
            // off its fast engines, which matters with 2,000 names; the
            // caller checks the boundaries.
            let pattern = format!(r"(?i)(?:{})", alternation.join("|"));
            known.full_pattern = Regex::new(&pattern).ok();
        }
        known
    }

    /// The person whose interview this is, when its interviewee is a person.
    pub fn interviewee_of(&self, interview: &str) -> Option<usize> {
        self.people
            .iter()
            .position(|p| p.interviews.iter().any(|i| i == interview))
    }

    pub(super) fn full_names(&self) -> Option<&Regex> {
        self.full_pattern.as_ref()
    }

    pub(super) fn person_by_name(&self, name: &str) -> Option<usize> {
        let key = fold(&name.split_whitespace().collect::<Vec<_>>().join(" "));
        self.full.get(&key).copied()
    }

    pub(super) fn person_by_part(&self, word: &str) -> Option<usize> {
        self.parts.get(&fold(word)).copied()
    }

    /// Whether `word` is not a person's name here.
    pub(super) fn not_a_name(&self, word: &str, context: Context) -> bool {
        let key = fold(word);
        self.company_words.contains(&key)
            || context == Context::Card && self.persona_words.contains(&key)
    }
}

/// Whether an interviewee field names one person ("Dana Whitfield", "Zoë
/// Müller", "Sam") rather than a group ("Trial brands (41 replies)").
pub fn looks_like_person(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "la", "le", "bin",
        "ibn", "al", "el", "dos", "das", "ten", "ter", "y",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            let w = w.trim_end_matches([',', '.']);
            PARTICLES.contains(&w)
                || w.starts_with(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || "'’.-".contains(c))
        })
}

/// Lowercase without accents, so `Zoë`, `Zoe` and `ZOE` compare equal.
pub(super) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'ă' => out.push('a'),
            'ç' | 'ć' | 'č' => out.push('c'),
            'ď' | 'đ' => out.push('d'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => out.push('e'),
            'ğ' => out.push('g'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => out.push('i'),
            'ł' => out.push('l'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => out.push('o'),
            'ř' => out.push('r'),
            'ś' | 'š' | 'ş' => out.push('s'),
            'ť' | 'ţ' => out.push('t'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            '’' => out.push('\''),
            c => out.push(c),
        }
    }
    out
}

/// The folded words of a name, without punctuation or one-letter words.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().count() >= 2)
        .map(fold)
}
