//! The distinct words ("tokens": runs of text between whitespace) of many
//! cards' attribute text, each kept once, and which cards hold each.
//!
//! A typed word holds no whitespace, so it is in a card's text exactly when
//! it is in one of the card's tokens. Finding it among the distinct tokens
//! (one pass over a few hundred kilobytes) and then reading the lists of
//! cards of the tokens found is much less work, and much less memory, than
//! keeping and searching every card's whole text.

use std::collections::HashMap;

/// A set of small numbers (cards' slots, tokens' ids) as bits.
pub(super) struct Bits(Vec<u64>);

impl Bits {
    pub(super) fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub(super) fn has(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The numbers in the set, smallest first.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(n, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    n * 64 + bit
                })
            })
        })
    }
}

/// Tokens one after another, each followed by a newline (which no token
/// holds, so a typed word never matches across two).
#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Arena {
    text: String,
    /// Where each token starts, and the end of the text last.
    starts: Vec<usize>,
}

impl Arena {
    fn push(&mut self, token: &str) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.text.push_str(token);
        self.text.push('\n');
        self.starts.push(self.text.len());
    }

    fn bytes(&self, id: usize) -> &[u8] {
        &self.text.as_bytes()[self.starts[id]..self.starts[id + 1] - 1]
    }

    fn get(&self, id: usize) -> &str {
        &self.text[self.starts[id]..self.starts[id + 1] - 1]
    }

    /// The tokens holding `word`, found with `finder` (made from it); `None`
    /// when `stop` said so.
    fn holding(
        &self,
        finder: &memchr::memmem::Finder,
        tokens: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Bits> {
        let mut found = Bits::new(tokens);
        let bytes = self.text.as_bytes();
        let mut from = 0;
        let mut seen = 0usize;
        while let Some(at) = finder.find(&bytes[from..]) {
            let id = self.starts.partition_point(|&s| s <= from + at) - 1;
            found.set(id);
            // The rest of this token need not be read.
            from = self.starts[id + 1];
            seen += 1;
            if seen.is_multiple_of(4096) && stop() {
                return None;
            }
        }
        Some(found)
    }
}

/// Every distinct token of a list of cards, as written and lowercased,
/// and the cards (by slot) that hold each.
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct Vocab {
    written: Arena,
    lower: Arena,
    /// Token ids in the order of their text, to find a token again when a
    /// card is added.
    sorted: Vec<u32>,
    /// For each token known when the vocabulary was built, the slots of the
    /// cards holding it, ascending, as gaps in LEB128 bytes.
    postings: Vec<u8>,
    posting_starts: Vec<usize>,
    /// (token, slot) for cards added since.
    added: Vec<(u32, u32)>,
}

fn push_gap(out: &mut Vec<u8>, mut gap: u32) {
    while gap >= 0x80 {
        out.push((gap as u8) | 0x80);
        gap >>= 7;
    }
    out.push(gap as u8);
}

/// A quick hash of a token: the builder looks up every token of every
/// card.
fn hash(token: &str) -> u64 {
    crate::quick_hash::of(token.as_bytes())
}

/// A hasher for keys that are [`hash`]es already.
#[derive(Default)]
struct Hashed(u64);

impl std::hash::Hasher for Hashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Collects the tokens of cards given in slot order. Each distinct token is
/// copied once into one arena (looking a token up then reads that, not the
/// card text where it was first seen, which is long out of the cache).
#[derive(Default)]
pub(super) struct Builder {
    /// Token hash → the first token with it; further ones chain in `next`.
    ids: HashMap<u64, u32, std::hash::BuildHasherDefault<Hashed>>,
    next: Vec<u32>,
    tokens: Arena,
    postings: Vec<Vec<u8>>,
    /// For each token, the last slot that held it, plus one (0: none).
    last: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl Builder {
    /// The id of `token`, adding it when new.
    fn id(&mut self, token: &str) -> usize {
        self.id_hashed(token, hash(token))
    }

    /// [`Builder::id`] given the token's hash.
    fn id_hashed(&mut self, token: &str, h: u64) -> usize {
        let new = self.next.len() as u32;
        let mut at = *self.ids.entry(h).or_insert(new);
        loop {
            if at == new {
                self.tokens.push(token);
                self.next.push(NONE);
                self.postings.push(Vec::new());
                self.last.push(0);
                return at as usize;
            }
            if self.tokens.bytes(at as usize) == token.as_bytes() {
                return at as usize;
            }
            // Another token with the same hash (hardly ever).
            if self.next[at as usize] == NONE {
                self.next[at as usize] = new;
            }
            at = self.next[at as usize];
        }
    }

    /// Adds the card in `slot` (larger than any before) with text `attrs`.
    pub(super) fn add(&mut self, slot: u32, attrs: &str) {
        for token in attrs.split_whitespace() {
            let id = self.id(token);
            if self.last[id] != slot + 1 {
                push_gap(&mut self.postings[id], slot + 1 - self.last[id]);
                self.last[id] = slot + 1;
            }
        }
    }

    /// Takes in what `later` collected from cards whose slots all come
    /// after this one's.
    pub(super) fn merge(&mut self, later: Builder) {
        for (n, (list, last)) in later.postings.into_iter().zip(later.last).enumerate() {
            let id = self.id(later.tokens.get(n));
            // The list's first gap counts from slot 0 (it is the first
            // slot plus one): count it from this token's last slot instead.
            let head = list.iter().position(|b| b & 0x80 == 0).map_or(0, |i| i + 1);
            let first = list[..head]
                .iter()
                .rev()
                .fold(0u32, |n, &b| (n << 7) | u32::from(b & 0x7f));
            push_gap(&mut self.postings[id], first - self.last[id]);
            self.postings[id].extend_from_slice(&list[head..]);
            self.last[id] = last;
        }
    }

    pub(super) fn finish(self) -> Vocab {
        let count = self.postings.len();
        let mut vocab = Vocab {
            written: Arena::default(),
            lower: Arena::default(),
            sorted: (0..count as u32).collect(),
            postings: Vec::with_capacity(self.postings.iter().map(Vec::len).sum()),
            posting_starts: vec![0],
            added: Vec::new(),
        };
        for (id, postings) in self.postings.iter().enumerate() {
            vocab.lower.push(&self.tokens.get(id).to_lowercase());
            vocab.postings.extend_from_slice(postings);
            vocab.posting_starts.push(vocab.postings.len());
        }
        vocab.written = self.tokens;
        let written = &vocab.written;
        vocab
            .sorted
            .sort_unstable_by_key(|&id| written.get(id as usize));
        vocab
    }
}

impl Vocab {
    fn tokens(&self) -> usize {
        self.sorted.len()
    }

    /// Records that the card in `slot` (larger than any before) holds the
    /// tokens of `attrs`.
    pub(super) fn add(&mut self, slot: u32, attrs: &str) {
        let mut ids: Vec<u32> = attrs
            .split_whitespace()
            .map(|token| self.id(token))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        self.added.extend(ids.into_iter().map(|id| (id, slot)));
    }

    /// The id of `token`, adding it when new.
    fn id(&mut self, token: &str) -> u32 {
        let at = self
            .sorted
            .partition_point(|&id| self.written.get(id as usize) < token);
        if let Some(&id) = self.sorted.get(at)
            && self.written.get(id as usize) == token
        {
            return id;
        }
        let id = self.tokens() as u32;
        self.written.push(token);
        self.lower.push(&token.to_lowercase());
        self.posting_starts.push(self.postings.len());
        self.sorted.insert(at, id);
        id
    }

    /// The slots (below `slots`) of the cards whose text holds the word
    /// `finder` was made from: as written when `exact_case`, else in the
    /// lowercased text. `None` when `stop` said so.
    pub(super) fn slots_holding(
        &self,
        finder: &memchr::memmem::Finder,
        exact_case: bool,
        slots: usize,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Bits> {
        let arena = if exact_case {
            &self.written
        } else {
            &self.lower
        };
        let tokens = arena.holding(finder, self.tokens(), stop)?;
        let mut out = Bits::new(slots);
        let mut read = 0usize;
        for id in tokens.iter() {
            let list = &self.postings[self.posting_starts[id]..self.posting_starts[id + 1]];
            read += list.len();
            let mut slot = 0u32;
            let mut gap = 0u32;
            let mut shift = 0;
            for &byte in list {
                gap |= u32::from(byte & 0x7f) << shift;
                if byte & 0x80 == 0 {
                    slot += gap;
                    out.set(slot as usize - 1);
                    gap = 0;
                    shift = 0;
                } else {
                    shift += 7;
                }
            }
            if read > 1 << 20 {
                read = 0;
                if stop() {
                    return None;
                }
            }
        }
        for &(id, slot) in &self.added {
            if tokens.has(id as usize) {
                out.set(slot as usize);
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_with_the_same_hash_stay_apart() {
        let mut builder = Builder::default();
        let a = builder.id_hashed("stock", 7);
        let b = builder.id_hashed("store", 7);
        let c = builder.id_hashed("stop", 7);
        assert_eq!((a, b, c), (0, 1, 2));
        assert_eq!(builder.id_hashed("store", 7), 1);
        assert_eq!(builder.id_hashed("stop", 7), 2);
        assert_eq!(builder.id_hashed("stock", 7), 0);
        assert_eq!(builder.id_hashed("other", 8), 3);
        assert_eq!(builder.tokens.get(2), "stop");
    }

    #[test]
    fn cards_come_back_from_the_tokens_they_hold() {
        let mut builder = Builder::default();
        builder.add(0, "Counts stock on Monday");
        builder.add(1, "stock stock · store");
        builder.add(200, "Stock-take");
        let mut later = Builder::default();
        later.add(201, "the Monday stock");
        later.add(70_000, "STOCK");
        builder.merge(later);
        let mut vocab = builder.finish();
        vocab.add(70_001, "restock   it");
        let slots = |word: &str, exact: bool| -> Vec<usize> {
            let finder = memchr::memmem::Finder::new(word.as_bytes());
            let bits = vocab
                .slots_holding(&finder, exact, 70_002, &|| false)
                .expect("never stopped");
            (0..70_002).filter(|&s| bits.has(s)).collect()
        };
        assert_eq!(slots("stock", false), vec![0, 1, 200, 201, 70_000, 70_001]);
        assert_eq!(slots("Stock", true), vec![200]);
        assert_eq!(slots("monday", false), vec![0, 201]);
        assert_eq!(slots("·", false), vec![1]);
        assert_eq!(slots("k-t", false), vec![200]);
        assert_eq!(slots("stock store", false), Vec::<usize>::new());
    }
}
