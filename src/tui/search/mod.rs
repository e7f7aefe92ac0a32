//! The `/` filter. Each ICP and persona gets its searchable text indexed
//! once (when the filter is first used), so a keystroke only runs the
//! matchers.
//!
//! Names are matched fuzzily with nucleo (`olv` finds "Operations Olivia").
//! Attribute text is matched word by word as substrings (in the lowercased
//! text; a word with a capital letter matches the text as written, as
//! nucleo's smart case does): fuzzy matching over whole paragraphs finds
//! scattered letters in almost every card, which would make the filter
//! useless for "find the persona whose pain point mentions stock".
//! The index does not keep each card's text: it keeps the distinct tokens of
//! all of it and which cards hold each (see `vocab`), and a small sketch
//! per card (see `sketch`).
//! Every word typed must match, in the name or in the attributes.

mod index;
mod sketch;
mod vocab;

#[cfg(test)]
mod reference;

pub use index::{IndexBuilder, SearchIndex};

use crate::domain::{Fields, Icp, Persona, Workspace};
use crate::store::patch::Edit;
use index::Cards;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use sketch::Needs;
use std::cell::RefCell;

/// All item values of a card as one text, items separated by ` · `.
pub fn attribute_text(fields: &Fields) -> String {
    let mut out = String::new();
    for item in fields.values().flatten() {
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(&item.value.to_string());
    }
    out
}

/// The filter's text of one card: its name and its attribute text (see
/// [`attribute_text`]). Built from a card without needing the workspace, so
/// a loader can make it and drop the card.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardText {
    pub name: String,
    pub attrs: String,
}

impl CardText {
    /// An ICP's name, and its attributes followed by its best customers.
    pub fn of_icp(icp: &Icp) -> CardText {
        let mut attrs = attribute_text(&icp.fields);
        for customer in &icp.best_customers {
            attrs.push_str(" · ");
            attrs.push_str(customer.label());
        }
        CardText {
            name: icp.name.clone(),
            attrs,
        }
    }

    pub fn of_persona(persona: &Persona) -> CardText {
        CardText {
            name: persona.name.clone(),
            attrs: attribute_text(&persona.fields),
        }
    }
}

/// The search index, built the first time a filter needs it: the first
/// frame does not, and with 10,000 personas building it takes a while.
#[derive(Default)]
pub struct LazyIndex(std::cell::OnceCell<SearchIndex>);

impl LazyIndex {
    /// An index built already (say on a loader's thread).
    pub fn ready(index: SearchIndex) -> LazyIndex {
        LazyIndex(std::cell::OnceCell::from(index))
    }

    pub fn get(&self, workspace: &Workspace) -> &SearchIndex {
        self.0.get_or_init(|| SearchIndex::build(workspace))
    }

    /// Follows a patch of the workspace, if the index is built yet.
    pub fn patch(&mut self, edits: &[Edit], workspace: &Workspace) {
        if let Some(index) = self.0.get_mut() {
            index.apply(edits, workspace);
        }
    }
}

struct Word {
    fuzzy: Atom,
    substring: Atom,
    /// Finds the word in lowercase text (built once per query, not per
    /// card).
    finder: memchr::memmem::Finder<'static>,
    /// The word as typed, and whether it matches case-sensitively.
    text: String,
    exact_case: bool,
    needs: Option<Needs>,
}

impl Word {
    /// Whether the word matches `name` fuzzily (`chars`: room for a
    /// name that is not ASCII).
    fn fuzzy_in(&self, name: &str, matcher: &mut Matcher, chars: &mut Vec<char>) -> bool {
        let haystack = if name.is_ascii() {
            Utf32Str::Ascii(name.as_bytes())
        } else {
            chars.clear();
            chars.extend(name.chars());
            Utf32Str::Unicode(chars)
        };
        self.fuzzy.score(haystack, matcher).is_some()
    }
}

/// A parsed filter: one fuzzy atom (for names) and one substring atom (for
/// attributes) per word.
pub struct Query {
    pub text: String,
    words: Vec<Word>,
    matcher: RefCell<Matcher>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        // A pasted page is not a filter: its first words are (each word
        // is tested against every card, and drawn marks every match).
        const MOST_WORDS: usize = 32;
        let words = text
            .split_whitespace()
            .take(MOST_WORDS)
            .map(|w| Word {
                fuzzy: Atom::new(
                    w,
                    CaseMatching::Smart,
                    Normalization::Smart,
                    AtomKind::Fuzzy,
                    false,
                ),
                substring: Atom::new(
                    w,
                    CaseMatching::Smart,
                    Normalization::Smart,
                    AtomKind::Substring,
                    false,
                ),
                finder: memchr::memmem::Finder::new(w.as_bytes()).into_owned(),
                text: w.to_string(),
                exact_case: w.chars().any(char::is_uppercase),
                needs: Needs::of(w),
            })
            .collect();
        Query {
            text: text.to_string(),
            words,
            matcher: RefCell::new(Matcher::new(Config::DEFAULT)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every result of `self` is a result of `earlier` (the user
    /// only typed more), so only `earlier`'s hits need testing again.
    pub fn narrows(&self, earlier: &Query) -> bool {
        let old: Vec<&str> = earlier.text.split_whitespace().collect();
        let new: Vec<&str> = self.text.split_whitespace().collect();
        !old.is_empty()
            && new.len() >= old.len()
            && old.iter().zip(&new).enumerate().all(|(i, (o, n))| {
                if i + 1 == old.len() {
                    n.contains(o)
                } else {
                    o == n
                }
            })
            && !self.text.chars().any(|c| c.is_uppercase())
    }

    /// Which ICPs and personas match, testing only `within` when given.
    /// Large lists are split across the cores (each keystroke scans every
    /// card's text).
    pub fn run(&self, index: &SearchIndex, within: Option<&Hits>) -> Hits {
        self.run_until(index, within, &|| false)
            .expect("never stopped")
    }

    /// [`Query::run`], giving up (`None`) as soon as `stop` says so (it is
    /// asked every few hundred cards): Ctrl-c is never kept waiting.
    pub fn run_until(
        &self,
        index: &SearchIndex,
        within: Option<&Hits>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Hits> {
        self.scan(index, within, 0, stop)
    }

    /// [`Query::run_until`] after `earlier` matched `hits`: when this text
    /// only adds to it (see [`Query::narrows`]), only its hits are tested,
    /// and only for the words typed since (the words before the last one
    /// typed then are the same, and already matched).
    pub fn narrow_until(
        &self,
        index: &SearchIndex,
        earlier: &Query,
        hits: &Hits,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Hits> {
        if self.narrows(earlier) {
            // The words typed then and now alike (all but perhaps the
            // last typed then) need no second test.
            let same = earlier
                .words
                .iter()
                .zip(&self.words)
                .take_while(|(a, b)| a.text == b.text)
                .count();
            self.scan(index, Some(hits), same, stop)
        } else {
            self.scan(index, None, 0, stop)
        }
    }

    /// Tests the cards (only those in `within` when given) against the
    /// words from `first` on.
    fn scan(
        &self,
        index: &SearchIndex,
        within: Option<&Hits>,
        first: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Hits> {
        let words = &self.words[first.min(self.words.len())..];
        let mut matcher = self.matcher.borrow_mut();
        Some(Hits {
            icps: test(
                &index.icps,
                within.map(|h| &h.icps),
                words,
                &mut matcher,
                stop,
            )?,
            personas: test(
                &index.personas,
                within.map(|h| &h.personas),
                words,
                &mut matcher,
                stop,
            )?,
        })
    }

    /// Char positions in `text` to highlight: fuzzy positions for a name,
    /// substring positions for attribute text.
    pub fn highlights(&self, text: &str, is_name: bool) -> Vec<usize> {
        if self.words.is_empty() {
            return Vec::new();
        }
        let chars: Vec<char> = text.chars().collect();
        let haystack = Utf32Str::Unicode(&chars);
        let mut matcher = self.matcher.borrow_mut();
        let mut indices = Vec::new();
        for word in &self.words {
            let atom = if is_name {
                &word.fuzzy
            } else {
                &word.substring
            };
            let mut found = Vec::new();
            if atom.indices(haystack, &mut matcher, &mut found).is_some() {
                indices.extend(found);
            }
        }
        let mut out: Vec<usize> = indices.into_iter().map(|i| i as usize).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether a text matches any word as a substring (for marking the card
    /// lines that made a persona match).
    pub fn touches(&self, text: &str) -> bool {
        !self.highlights(text, false).is_empty()
    }
}

/// Which cards of one list (those `previous` kept, when given) match
/// every word: each word is looked up once among the list's distinct tokens
/// (unless the sketch alone answers it), and only the cards whose text does
/// not hold it have their name matched. `None` when `stop` said so (asked
/// every few hundred cards).
fn test(
    cards: &Cards,
    previous: Option<&Vec<bool>>,
    words: &[Word],
    matcher: &mut Matcher,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<bool>> {
    let mut keep: Vec<bool> = (0..cards.len())
        .map(|i| previous.is_none_or(|p| p.get(i).copied().unwrap_or(true)))
        .collect();
    let mut chars = Vec::new();
    let mut tested = 0usize;
    for word in words {
        let sketch_says = word.needs.as_ref().filter(|needs| needs.exact);
        let in_text = match sketch_says {
            Some(_) => None,
            None => Some(cards.vocab.slots_holding(
                &word.finder,
                word.exact_case,
                cards.slots(),
                stop,
            )?),
        };
        for (i, kept) in keep.iter_mut().enumerate() {
            if !*kept {
                continue;
            }
            if tested.is_multiple_of(256) && stop() {
                return None;
            }
            tested += 1;
            let slot = cards.slot(i);
            let sketch = cards.sketch(slot);
            let in_attrs = match (&in_text, sketch_says) {
                (Some(slots), _) => slots.has(slot),
                (None, Some(needs)) => needs.in_attrs(sketch),
                (None, None) => false,
            };
            *kept = in_attrs
                || (word
                    .needs
                    .as_ref()
                    .is_none_or(|needs| needs.in_name(sketch))
                    && word.fuzzy_in(cards.name(slot), matcher, &mut chars));
        }
    }
    Some(keep)
}

/// Which items the filter kept, by position in the workspace's lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    pub icps: Vec<bool>,
    pub personas: Vec<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Item, Persona, WorkspaceMeta};

    fn ws() -> Workspace {
        let mut ws = Workspace::new(WorkspaceMeta::new("t"));
        let mut olivia = Persona::new("olivia", "a", "Operations Olivia", "t");
        olivia.fields.insert(
            "pains".into(),
            vec![Item::text("Matching stock by hand every Monday")],
        );
        ws.personas.push(olivia);
        ws.personas
            .push(Persona::new("gabe", "a", "Gabriel 日本 🎉", "t"));
        ws
    }

    #[test]
    fn names_fuzzy_attributes_by_word() {
        let ws = ws();
        let index = SearchIndex::build(&ws);
        assert_eq!(
            Query::new("olv").run(&index, None).personas,
            vec![true, false]
        );
        assert_eq!(
            Query::new("stock monday").run(&index, None).personas,
            vec![true, false]
        );
        assert_eq!(
            Query::new("gab").run(&index, None).personas,
            vec![false, true]
        );
        assert_eq!(
            Query::new("日本").run(&index, None).personas,
            vec![false, true]
        );
        // Scattered letters in long text do not count.
        assert_eq!(
            Query::new("mtkby").run(&index, None).personas,
            vec![false, false]
        );
    }

    #[test]
    fn an_index_from_card_texts_is_the_workspace_index() {
        fn sendable<T: Send>(_: &T) {}
        let ws = ws();
        let texts: Vec<CardText> = ws.personas.iter().map(CardText::of_persona).collect();
        assert_eq!(texts[0].name, "Operations Olivia");
        assert_eq!(texts[0].attrs, "Matching stock by hand every Monday");
        let index = SearchIndex::from_texts(Vec::new(), texts);
        sendable(&index);
        let lazy = LazyIndex::ready(index);
        let built = SearchIndex::build(&ws);
        for q in ["olv", "stock", "Monday", "gab", "日本", "zzz"] {
            assert_eq!(
                Query::new(q).run(lazy.get(&ws), None),
                Query::new(q).run(&built, None),
                "`{q}`"
            );
        }
    }

    #[test]
    fn a_scan_stops_when_asked() {
        let ws = ws();
        let index = SearchIndex::build(&ws);
        assert!(
            Query::new("olv")
                .run_until(&index, None, &|| true)
                .is_none()
        );
        assert!(
            Query::new("olv")
                .run_until(&index, None, &|| false)
                .is_some()
        );
    }

    #[test]
    fn the_sketch_only_rules_out_what_cannot_match() {
        let mut ws = ws();
        for (i, text) in [
            "Counts stock twice; wants fewer spreadsheets",
            "Quarterly reviews with the CFO, x-ray of margins",
            "Zoë prefers café visits over calls",
            "ΣΟΦΙΑ runs the shop",
        ]
        .iter()
        .enumerate()
        {
            let mut p = Persona::new(format!("p{i}"), "a", format!("Person {i} Qx"), "t");
            p.fields.insert("pains".into(), vec![Item::text(*text)]);
            ws.personas.push(p);
        }
        let index = SearchIndex::build(&ws);
        for q in [
            "x",
            "q",
            "qx",
            "stock",
            "Stock",
            "CFO",
            "cfo",
            "café",
            "cafe",
            "zoë",
            "xray",
            "x-ray",
            "p3",
            "prs",
            "σοφια",
            "ΣΟΦΙΑ",
            "olv",
            "monday",
            "z",
            "日本",
            "ly;",
            "st",
            "s",
            "2",
            "ab",
            "y;",
        ] {
            let with = Query::new(q);
            let mut without = Query::new(q);
            for word in &mut without.words {
                word.needs = None;
            }
            assert_eq!(with.run(&index, None), without.run(&index, None), "`{q}`");
        }
    }

    #[test]
    fn a_word_with_a_capital_matches_the_text_as_written() {
        for (text, word, found) in [
            ("Counts Stock · twice", "Stock", true),
            ("Counts stock · twice", "Stock", false),
            ("Counts STOCK twice", "Stock", false),
            ("Counts STOCK twice", "STOCK", true),
            ("counts stock", "sTock", false),
            ("Zoë prefers Café visits", "Café", true),
            ("Zoë prefers café visits", "Café", false),
            ("ΣΟΦΙΑ runs the Shop", "ΣΟΦΙΑ", true),
            ("ΣΟΦΙΑ runs the Shop", "Shop", true),
            ("ΣΟΦΙΑ runs the shop", "Shop", false),
        ] {
            let index = SearchIndex::from_texts(
                Vec::new(),
                vec![CardText {
                    name: "Name".into(),
                    attrs: text.to_string(),
                }],
            );
            assert_eq!(
                Query::new(word).run(&index, None).personas,
                vec![found],
                "`{word}` in `{text}`"
            );
        }
    }

    #[test]
    fn typing_more_only_narrows() {
        let a = Query::new("sto");
        assert!(Query::new("stoc").narrows(&a));
        assert!(Query::new("sto mon").narrows(&a));
        assert!(!Query::new("st").narrows(&a));
        assert_eq!(Query::new("gab").highlights("Gabriel", true), vec![0, 1, 2]);
    }
}
