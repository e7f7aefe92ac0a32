//! The `/` filter. Each ICP and persona gets its searchable text built once
//! (when the workspace loads), so a keystroke only runs the matcher.
//!
//! Names are matched fuzzily with nucleo (`olv` finds "Operations Olivia").
//! Attribute text is matched word by word as substrings (lowercased once at
//! load, so a keystroke is a plain `str::contains`; a word with a capital
//! letter matches case-sensitively, as nucleo's smart case does): fuzzy
//! matching over whole
//! paragraphs finds scattered letters in almost every card, which would make
//! the filter useless for "find the persona whose pain point mentions stock".
//! Every word typed must match, in the name or in the attributes.

use crate::domain::{Fields, Icp, Persona, Workspace};
use crate::store::patch::{Change, Edit};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};
use std::cell::RefCell;

/// Char-indexed text for the matcher (indices map straight back to chars).
pub fn utf32(text: &str) -> Utf32String {
    if text.is_ascii() {
        Utf32String::Ascii(text.into())
    } else {
        Utf32String::Unicode(text.chars().collect())
    }
}

struct Entry {
    name: Utf32String,
    /// The attribute text, lowercased: what almost every word is matched
    /// against. The text as written is kept only as the difference (see
    /// [`Cased`]), for the rare word typed with a capital.
    attrs_lower: Box<str>,
    cased: Cased,
    /// What the name and the attributes could match, so a keystroke passes
    /// over most cards without reading their text.
    sketch: Sketch,
}

/// How to get a card's attribute text back from its lowercase form: when
/// lowercasing only changed ASCII capitals (nearly every card), the byte
/// positions of those capitals, else the text itself.
enum Cased {
    Capitals(Box<[u32]>),
    Text(Box<str>),
}

impl Entry {
    fn from_text(text: CardText) -> Entry {
        Entry::new(&text.name, text.attrs)
    }

    fn new(name: &str, attrs: String) -> Entry {
        let attrs_lower = attrs.to_lowercase();
        let only_ascii_capitals = attrs_lower.len() == attrs.len()
            && attrs.len() <= u32::MAX as usize
            && attrs
                .bytes()
                .zip(attrs_lower.bytes())
                .all(|(a, l)| a == l || (a.is_ascii_uppercase() && a.to_ascii_lowercase() == l));
        let cased = if only_ascii_capitals {
            let capitals = attrs
                .bytes()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_uppercase())
                .map(|(i, _)| i as u32)
                .collect();
            Cased::Capitals(capitals)
        } else {
            Cased::Text(attrs.into_boxed_str())
        };
        Entry {
            name: utf32(name),
            sketch: Sketch::of(name, &attrs_lower),
            attrs_lower: attrs_lower.into_boxed_str(),
            cased,
        }
    }

    /// Whether the attribute text as written contains `word` (for a word
    /// typed with a capital, which matches case-sensitively).
    fn attrs_contain_exactly(&self, word: &str) -> bool {
        match &self.cased {
            Cased::Text(text) => text.contains(word),
            Cased::Capitals(capitals) => {
                // The text as written differs from the lowercase one only
                // in ASCII capitals, so it cannot hold the word unless the
                // lowercase one holds the word with those lowered; only
                // then is the text as written put back together.
                if !self.attrs_lower.contains(&word.to_ascii_lowercase()) {
                    return false;
                }
                let mut bytes = self.attrs_lower.as_bytes().to_vec();
                for &i in capitals.iter() {
                    bytes[i as usize].make_ascii_uppercase();
                }
                String::from_utf8(bytes).is_ok_and(|text| text.contains(word))
            }
        }
    }
}

/// The letters of a card's name, and the characters and pairs of
/// characters next to each other in its lowercased attribute text, for plain
/// ASCII words: a word with a letter not in the name cannot match the name
/// fuzzily, and a word with a character or pair not in the text is not in
/// it. Letters and digits each have their own bit, everything else shares
/// one; so a word of one or two letters or digits is in the text exactly when
/// the sketch says so (the text is not read), and for longer words the
/// sketch only rules cards out and the matchers decide the rest.
#[derive(Clone, Copy)]
struct Sketch {
    name: u64,
    chars: u64,
    pairs: [u64; PAIR_WORDS],
}

/// Letters, digits, and one class for everything else.
const CLASSES: usize = 37;
const PAIR_WORDS: usize = (CLASSES * CLASSES).div_ceil(64);

fn class(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'0'..=b'9' => 26 + usize::from(b - b'0'),
        _ => 36,
    }
}

fn pair_bit(a: u8, b: u8) -> usize {
    class(a) * CLASSES + class(b)
}

impl Sketch {
    fn of(name: &str, attrs_lower: &str) -> Sketch {
        let name = if name.is_ascii() {
            name.bytes().fold(0, |mask, b| mask | letter_bit(b))
        } else {
            // Accented letters match their plain ones: rule nothing out.
            u64::MAX
        };
        let mut chars = 0u64;
        let mut pairs = [0u64; PAIR_WORDS];
        let bytes = attrs_lower.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            chars |= 1 << class(b);
            if i > 0 {
                let bit = pair_bit(bytes[i - 1], b);
                pairs[bit / 64] |= 1 << (bit % 64);
            }
        }
        Sketch { name, chars, pairs }
    }
}

fn letter_bit(b: u8) -> u64 {
    match b.to_ascii_lowercase() {
        c @ b'a'..=b'z' => 1 << (c - b'a'),
        c @ b'0'..=b'9' => 1 << (26 + c - b'0'),
        c => 1 << (36 + c % 28),
    }
}

/// What a typed word needs of a card's sketch (`None`: not plain ASCII,
/// so nothing is ruled out).
#[derive(Clone)]
struct Needs {
    name: u64,
    chars: u64,
    pairs: Vec<usize>,
    /// The word is one or two lowercase letters or digits: the sketch
    /// alone says whether the text holds it.
    exact: bool,
}

impl Needs {
    fn of(word: &str) -> Option<Needs> {
        if !word.is_ascii() {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let mut pairs: Vec<usize> = bytes.windows(2).map(|w| pair_bit(w[0], w[1])).collect();
        pairs.sort_unstable();
        pairs.dedup();
        Some(Needs {
            name: bytes.iter().fold(0, |mask, &b| mask | letter_bit(b)),
            chars: bytes.iter().fold(0, |mask, &b| mask | 1 << class(b)),
            pairs,
            exact: bytes.len() <= 2
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
        })
    }

    fn in_name(&self, sketch: &Sketch) -> bool {
        sketch.name & self.name == self.name
    }

    fn in_attrs(&self, sketch: &Sketch) -> bool {
        sketch.chars & self.chars == self.chars
            && self
                .pairs
                .iter()
                .all(|&bit| sketch.pairs[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// The searchable text of every ICP and persona, in workspace order.
pub struct SearchIndex {
    icps: Vec<Entry>,
    personas: Vec<Entry>,
}

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

fn icp_entry(icp: &Icp) -> Entry {
    Entry::from_text(CardText::of_icp(icp))
}

fn persona_entry(persona: &Persona) -> Entry {
    Entry::from_text(CardText::of_persona(persona))
}

impl SearchIndex {
    pub fn build(workspace: &Workspace) -> SearchIndex {
        SearchIndex::from_texts(
            workspace.icps.iter().map(CardText::of_icp).collect(),
            par_map(&workspace.personas, CardText::of_persona),
        )
    }

    /// The index of cards whose text is already made (in workspace
    /// order), for a loader that does not keep the cards.
    pub fn from_texts(icps: Vec<CardText>, personas: Vec<CardText>) -> SearchIndex {
        SearchIndex {
            icps: icps.into_iter().map(Entry::from_text).collect(),
            personas: par_map_owned(personas, Entry::from_text),
        }
    }

    /// Follows the workspace's lists through a patch (see
    /// [`Patch::apply`](crate::store::patch::Patch::apply)): only the cards
    /// it changed are indexed again.
    pub fn apply(&mut self, edits: &[Edit], workspace: &Workspace) {
        fn follow<T>(list: &mut Vec<Entry>, change: Change, items: &[T], entry: fn(&T) -> Entry) {
            match change {
                Change::Removed(i) => {
                    list.remove(i);
                }
                Change::Inserted(i) => list.insert(i, entry(&items[i])),
                Change::Replaced(i) => list[i] = entry(&items[i]),
            }
        }
        for edit in edits {
            match *edit {
                Edit::Icp(change) => follow(&mut self.icps, change, &workspace.icps, icp_entry),
                Edit::Persona(change) => follow(
                    &mut self.personas,
                    change,
                    &workspace.personas,
                    persona_entry,
                ),
            }
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

/// `items.iter().map(f)` on every core, in order: building the index for
/// 10,000 personas is a good part of the time to the first frame.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || items.len() < 512 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("building the search index"))
            .collect()
    })
}

/// [`par_map`] taking the items (each is dropped once mapped).
fn par_map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || items.len() < 512 {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut parts: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter();
    loop {
        let part: Vec<T> = items.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|part| part.join().expect("building the search index"))
            .collect()
    })
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

    fn matches(words: &[Word], entry: &Entry, matcher: &mut Matcher) -> bool {
        words.iter().all(|word| {
            let (maybe_attrs, surely, maybe_name) = match &word.needs {
                Some(needs) => (
                    needs.in_attrs(&entry.sketch),
                    needs.exact,
                    needs.in_name(&entry.sketch),
                ),
                None => (true, false, true),
            };
            let in_attrs = maybe_attrs
                && if surely {
                    true
                } else if word.exact_case {
                    entry.attrs_contain_exactly(&word.text)
                } else {
                    word.finder.find(entry.attrs_lower.as_bytes()).is_some()
                };
            in_attrs || (maybe_name && word.fuzzy.score(entry.name.slice(..), matcher).is_some())
        })
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
        let stopped = std::sync::atomic::AtomicBool::new(false);
        let test = |entries: &[Entry], previous: Option<&Vec<bool>>| -> Vec<bool> {
            let scan = |offset: usize, part: &[Entry], matcher: &mut Matcher| -> Vec<bool> {
                let mut out = Vec::with_capacity(part.len());
                for (i, e) in part.iter().enumerate() {
                    if i % 256 == 0 && stop() {
                        stopped.store(true, std::sync::atomic::Ordering::Relaxed);
                        break;
                    }
                    out.push(
                        previous.is_none_or(|p| p.get(offset + i).copied().unwrap_or(true))
                            && Query::matches(words, e, matcher),
                    );
                }
                out.resize(part.len(), false);
                out
            };
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
            if threads < 2 || entries.len() < 2_000 {
                return scan(0, entries, &mut self.matcher.borrow_mut());
            }
            let chunk = entries.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let scan = &scan;
                let parts: Vec<_> = entries
                    .chunks(chunk)
                    .enumerate()
                    .map(|(n, part)| {
                        scope.spawn(move || {
                            scan(n * chunk, part, &mut Matcher::new(Config::DEFAULT))
                        })
                    })
                    .collect();
                parts
                    .into_iter()
                    .flat_map(|part| part.join().expect("filtering"))
                    .collect()
            })
        };
        let hits = Hits {
            icps: test(&index.icps, within.map(|h| &h.icps)),
            personas: test(&index.personas, within.map(|h| &h.personas)),
        };
        (!stopped.load(std::sync::atomic::Ordering::Relaxed)).then_some(hits)
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
            let entry = Entry::new("Name", text.to_string());
            assert_eq!(
                entry.attrs_contain_exactly(word),
                found,
                "`{word}` in `{text}`"
            );
            assert_eq!(&*entry.attrs_lower, text.to_lowercase(), "{text}");
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
