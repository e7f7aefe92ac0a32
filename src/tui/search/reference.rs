//! The filter against a plain reference: every card's whole text searched
//! for every word, over random cards, queries and edits. Whatever the index
//! does to be fast and small, its answers must be these.

use super::{CardText, Hits, IndexBuilder, Query, SearchIndex};
use crate::domain::{Item, Persona, Workspace, WorkspaceMeta};
use crate::store::patch::{Change, Edit};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// A small random number generator (xorshift), so a failure repeats.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

const PIECES: &[&str] = &[
    "stock",
    "Stock",
    "STOCK",
    "store",
    "customer",
    "Monday",
    "mon",
    "x-ray",
    "CFO",
    "cfo",
    "café",
    "Café",
    "Zoë",
    "ΣΟΦΙΑΣ",
    "σοφία",
    "日本",
    "🎉",
    "ly;",
    "q",
    "Qx",
    "2",
    "42",
    "st",
    "to",
    "ß",
    "İstanbul",
    "ǅemal",
    "K",
    "a",
    "ab",
    "·",
    "—",
    "it's",
    "(sic)",
    "e-mail",
];
const GAPS: &[&str] = &[" ", " ", " ", "", " · ", "\n", "\t", "\u{a0}", "  ", "-"];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    let mut text = String::new();
    for _ in 0..pieces {
        text.push_str(rng.pick(PIECES));
        text.push_str(rng.pick(GAPS));
    }
    text
}

fn random_card(rng: &mut Rng) -> CardText {
    let name_len = 1 + rng.below(3);
    let attrs_len = rng.below(12);
    CardText {
        name: random_text(rng, name_len).trim().to_string(),
        attrs: random_text(rng, attrs_len),
    }
}

/// A query: words cut out of the cards' text (so many match), and some
/// made up.
fn random_query(rng: &mut Rng, cards: &[CardText]) -> String {
    let words = 1 + rng.below(3);
    let mut query = Vec::new();
    for _ in 0..words {
        let card = &cards[rng.below(cards.len())];
        let source = if rng.below(4) == 0 {
            &card.name
        } else {
            &card.attrs
        };
        let chars: Vec<char> = source.chars().collect();
        let word = if chars.is_empty() || rng.below(5) == 0 {
            rng.pick(PIECES).to_string()
        } else {
            let from = rng.below(chars.len());
            let len = 1 + rng.below(6);
            chars[from..(from + len).min(chars.len())].iter().collect()
        };
        query.push(word);
    }
    query.join(" ")
}

/// The filter's rule, read plainly: every word is in the name (fuzzily)
/// or in the attribute text (as a substring: as written when the word has
/// a capital, else in the lowercased text).
fn reference(cards: &[CardText], query: &str) -> Vec<bool> {
    let mut matcher = Matcher::new(Config::DEFAULT);
    cards
        .iter()
        .map(|card| {
            query.split_whitespace().take(32).all(|word| {
                let in_attrs = if word.chars().any(char::is_uppercase) {
                    card.attrs.contains(word)
                } else {
                    card.attrs.to_lowercase().contains(word)
                };
                let atom = Atom::new(
                    word,
                    CaseMatching::Smart,
                    Normalization::Smart,
                    AtomKind::Fuzzy,
                    false,
                );
                let name: Vec<char> = card.name.chars().collect();
                in_attrs || atom.score(Utf32Str::Unicode(&name), &mut matcher).is_some()
            })
        })
        .collect()
}

#[test]
fn the_index_answers_as_a_plain_scan_of_every_text() {
    let mut rng = Rng(0x5eed_cafe);
    for round in 0..40 {
        let count = 1 + rng.below(60);
        let cards: Vec<CardText> = (0..count).map(|_| random_card(&mut rng)).collect();
        let index = SearchIndex::from_texts(Vec::new(), cards.clone());
        let mut earlier: Option<(Query, Hits)> = None;
        for _ in 0..30 {
            let text = random_query(&mut rng, &cards);
            let query = Query::new(&text);
            let hits = query.run(&index, None);
            assert_eq!(
                hits.personas,
                reference(&cards, &text),
                "round {round}: `{text}`"
            );
            // Typing more: only the earlier hits are tested again.
            let longer = format!("{text}{}", rng.pick(&["", "k", "o", " s", " 2", "é"]));
            let narrowed = Query::new(&longer)
                .narrow_until(&index, &query, &hits, &|| false)
                .expect("never stopped");
            assert_eq!(
                narrowed.personas,
                reference(&cards, &longer),
                "round {round}: `{text}` then `{longer}`"
            );
            if let Some((before, before_hits)) = &earlier {
                let again = query
                    .narrow_until(&index, before, before_hits, &|| false)
                    .expect("never stopped");
                assert_eq!(
                    again, hits,
                    "round {round}: `{}` then `{text}`",
                    before.text
                );
            }
            earlier = Some((query, hits));
        }
    }
}

#[test]
fn an_index_patched_answers_as_one_built_afresh() {
    let mut rng = Rng(0xfeed_f00d);
    let persona = |card: &CardText, i: usize| {
        let mut p = Persona::new(format!("p{i}"), "a", card.name.clone(), "t");
        p.fields
            .insert("pains".into(), vec![Item::text(card.attrs.clone())]);
        p
    };
    let mut ws = Workspace::new(WorkspaceMeta::new("t"));
    for i in 0..30 {
        ws.personas.push(persona(&random_card(&mut rng), i));
    }
    let mut index = SearchIndex::build(&ws);
    for step in 0..60 {
        let len = ws.personas.len();
        let change = match rng.below(3) {
            0 if len > 1 => {
                let i = rng.below(len);
                ws.personas.remove(i);
                Change::Removed(i)
            }
            1 if len > 0 => {
                let i = rng.below(len);
                ws.personas[i] = persona(&random_card(&mut rng), 100 + step);
                Change::Replaced(i)
            }
            _ => {
                let i = rng.below(len + 1);
                ws.personas
                    .insert(i, persona(&random_card(&mut rng), 100 + step));
                Change::Inserted(i)
            }
        };
        index.apply(&[Edit::Persona(change)], &ws);
        let cards: Vec<CardText> = ws.personas.iter().map(CardText::of_persona).collect();
        for _ in 0..10 {
            let text = random_query(&mut rng, &cards);
            assert_eq!(
                Query::new(&text).run(&index, None).personas,
                reference(&cards, &text),
                "step {step}: `{text}`"
            );
        }
    }
}

#[test]
fn an_index_built_a_run_at_a_time_is_the_one_built_at_once() {
    let mut rng = Rng(0xb0_11d5);
    for round in 0..40 {
        let icp_count = rng.below(12);
        let icps: Vec<CardText> = (0..icp_count).map(|_| random_card(&mut rng)).collect();
        let persona_count = 1 + rng.below(150);
        let personas: Vec<CardText> = (0..persona_count).map(|_| random_card(&mut rng)).collect();
        let whole = SearchIndex::from_texts(icps.clone(), personas.clone());
        // Runs of any length (none too), ICPs and personas taking turns
        // as a loader might hand them over.
        let mut builder = IndexBuilder::default();
        let (mut i, mut p) = (0, 0);
        while i < icps.len() || p < personas.len() {
            let len = rng.below(20);
            if rng.below(2) == 0 {
                let end = (i + len).min(icps.len());
                builder.icps(&icps[i..end]);
                i = end;
            } else {
                let end = (p + len).min(personas.len());
                builder.personas(&personas[p..end]);
                p = end;
            }
        }
        let built = builder.finish();
        assert_eq!(built.icps, whole.icps, "round {round}: the ICPs");
        assert_eq!(
            built.personas, whole.personas,
            "round {round}: the personas"
        );
        for _ in 0..20 {
            let text = random_query(&mut rng, &personas);
            let hits = Query::new(&text).run(&built, None);
            assert_eq!(hits, Query::new(&text).run(&whole, None), "`{text}`");
            assert_eq!(hits.personas, reference(&personas, &text), "`{text}`");
            assert_eq!(hits.icps, reference(&icps, &text), "`{text}`");
        }
    }
}

#[test]
fn an_index_of_a_workspace_is_the_one_of_its_cards_texts() {
    let mut rng = Rng(0x0dd_ba11);
    let mut ws = Workspace::new(WorkspaceMeta::new("t"));
    for i in 0..90 {
        let card = random_card(&mut rng);
        let mut p = Persona::new(format!("p{i}"), "a", card.name.clone(), "t");
        p.fields
            .insert("pains".into(), vec![Item::text(card.attrs.clone())]);
        ws.personas.push(p);
    }
    let texts: Vec<CardText> = ws.personas.iter().map(CardText::of_persona).collect();
    let built = SearchIndex::build(&ws);
    let whole = SearchIndex::from_texts(Vec::new(), texts);
    assert_eq!(built.personas, whole.personas);
    assert_eq!(built.icps, whole.icps);
}
