//! The filter's index: for each card its name and [`Sketch`], and the
//! distinct tokens of all attribute text with the cards holding each (see
//! [`Vocab`]); no card's text is kept whole.

use super::CardText;
use super::sketch::Sketch;
use super::vocab::{Builder, Vocab};
use crate::domain::Workspace;
use crate::store::patch::{Change, Edit};
use std::borrow::Cow;

/// One list of cards (the ICPs, or the personas). A card lives in a slot
/// that never moves; `order` says which slot is at each position of the
/// workspace's list, so inserting, removing or replacing a card (a new
/// slot) leaves the others where they are. Slots of cards removed since
/// the index was built are not reused (the app builds the index afresh when
/// it reloads the workspace).
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) struct Cards {
    order: Vec<u32>,
    /// Every slot's name, one after another.
    names: String,
    /// Where each slot's name starts, and the end of the names last.
    name_starts: Vec<usize>,
    sketches: Vec<Sketch>,
    pub(super) vocab: Vocab,
}

/// Cards' names, sketches and tokens collected in slot order, from slot
/// `first` on, one card at a time (see [`Cards`]); a builder of later
/// slots joins on at the end (see [`Collect::merge`]).
struct Collect {
    first: usize,
    names: String,
    name_starts: Vec<usize>,
    sketches: Vec<Sketch>,
    vocab: Builder,
}

/// The machine's cores (at most 8), found once.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

impl Collect {
    fn starting_at(first: usize) -> Collect {
        Collect {
            first,
            names: String::new(),
            name_starts: vec![0],
            sketches: Vec::new(),
            vocab: Builder::default(),
        }
    }

    /// The slot the next card gets.
    fn next_slot(&self) -> usize {
        self.first + self.sketches.len()
    }

    fn push(&mut self, text: &CardText) {
        let slot = self.next_slot() as u32;
        self.sketches.push(Sketch::of_text(text));
        self.names.push_str(&text.name);
        self.name_starts.push(self.names.len());
        self.vocab.add(slot, &text.attrs);
    }

    /// Takes in `later`, which starts at this one's next slot.
    fn merge(&mut self, later: Collect) {
        debug_assert_eq!(later.first, self.next_slot());
        self.sketches.extend(later.sketches);
        let base = self.names.len();
        self.names.push_str(&later.names);
        self.name_starts
            .extend(later.name_starts[1..].iter().map(|end| base + end));
        self.vocab.merge(later.vocab);
    }

    /// Collects the card text `text` makes of each item, in order; a long
    /// run of items is split between the cores, each making a text, taking
    /// in what it needs and dropping it, so no more than one text per core
    /// is alive at once.
    fn extend<T: Sync>(&mut self, items: &[T], text: impl Fn(&T) -> Cow<'_, CardText> + Sync) {
        // (Tests split even a few cards, so the runs' joining is tried.)
        const SPLIT_FROM: usize = if cfg!(test) { 4 } else { 256 };
        let parts = if cfg!(test) { 3 } else { cores() };
        if items.len() < SPLIT_FROM || parts < 2 {
            for item in items {
                self.push(&text(item));
            }
            return;
        }
        let size = items.len().div_ceil(parts);
        let first = self.next_slot();
        let text = &text;
        let later: Vec<Collect> = std::thread::scope(|scope| {
            // This thread takes the first part itself.
            let handles: Vec<_> = items
                .chunks(size)
                .enumerate()
                .skip(1)
                .map(|(n, part)| {
                    scope.spawn(move || {
                        let mut run = Collect::starting_at(first + n * size);
                        for item in part {
                            run.push(&text(item));
                        }
                        run
                    })
                })
                .collect();
            for item in &items[..size] {
                self.push(&text(item));
            }
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        for run in later {
            self.merge(run);
        }
    }

    fn finish(mut self) -> Cards {
        debug_assert_eq!(self.first, 0);
        // Grown a run at a time, the lists have up to twice the room
        // they need.
        self.names.shrink_to_fit();
        self.name_starts.shrink_to_fit();
        self.sketches.shrink_to_fit();
        Cards {
            order: (0..self.sketches.len() as u32).collect(),
            names: self.names,
            name_starts: self.name_starts,
            sketches: self.sketches,
            vocab: self.vocab.finish(),
        }
    }
}

impl Cards {
    /// How many cards the list has.
    pub(super) fn len(&self) -> usize {
        self.order.len()
    }

    /// How many slots there are (at least [`Cards::len`]).
    pub(super) fn slots(&self) -> usize {
        self.sketches.len()
    }

    /// The slot of the card at `position` in the list.
    pub(super) fn slot(&self, position: usize) -> usize {
        self.order[position] as usize
    }

    pub(super) fn name(&self, slot: usize) -> &str {
        &self.names[self.name_starts[slot]..self.name_starts[slot + 1]]
    }

    pub(super) fn sketch(&self, slot: usize) -> &Sketch {
        &self.sketches[slot]
    }

    /// A new slot holding `text`.
    fn add(&mut self, text: &CardText) -> u32 {
        let slot = self.sketches.len() as u32;
        self.sketches.push(Sketch::of_text(text));
        self.names.push_str(&text.name);
        self.name_starts.push(self.names.len());
        self.vocab.add(slot, &text.attrs);
        slot
    }

    fn follow(&mut self, change: Change, text: impl FnOnce(usize) -> CardText) {
        match change {
            Change::Removed(i) => {
                self.order.remove(i);
            }
            Change::Inserted(i) => {
                let slot = self.add(&text(i));
                self.order.insert(i, slot);
            }
            Change::Replaced(i) => {
                let slot = self.add(&text(i));
                self.order[i] = slot;
            }
        }
    }
}

/// The searchable text of every ICP and persona, in workspace order.
pub struct SearchIndex {
    pub(super) icps: Cards,
    pub(super) personas: Cards,
}

impl SearchIndex {
    /// The index of the workspace's cards; each card's text is made,
    /// indexed and dropped in turn.
    pub fn build(workspace: &Workspace) -> SearchIndex {
        let mut builder = IndexBuilder::default();
        builder
            .icps
            .extend(&workspace.icps, |icp| Cow::Owned(CardText::of_icp(icp)));
        builder.personas.extend(&workspace.personas, |persona| {
            Cow::Owned(CardText::of_persona(persona))
        });
        builder.finish()
    }

    /// The index of cards whose text is already made (in workspace
    /// order).
    pub fn from_texts(icps: Vec<CardText>, personas: Vec<CardText>) -> SearchIndex {
        let mut builder = IndexBuilder::default();
        builder.icps(&icps);
        drop(icps);
        builder.personas(&personas);
        drop(personas);
        builder.finish()
    }

    /// Follows the workspace's lists through a patch (see
    /// [`Patch::apply`](crate::store::patch::Patch::apply)): only the cards
    /// it changed are indexed again.
    pub fn apply(&mut self, edits: &[Edit], workspace: &Workspace) {
        for edit in edits {
            match *edit {
                Edit::Icp(change) => self
                    .icps
                    .follow(change, |i| CardText::of_icp(&workspace.icps[i])),
                Edit::Persona(change) => self
                    .personas
                    .follow(change, |i| CardText::of_persona(&workspace.personas[i])),
            }
        }
    }
}

/// A [`SearchIndex`] built from the cards' texts given a run at a time, in
/// workspace order (ICPs and personas each in their own order), for a
/// loader that makes the texts as it reads the cards: only the run in hand
/// is alive beside the index, never every card's text at once. The index is
/// the same as [`SearchIndex::from_texts`] of all the runs joined.
pub struct IndexBuilder {
    icps: Collect,
    personas: Collect,
}

impl Default for IndexBuilder {
    fn default() -> IndexBuilder {
        IndexBuilder {
            icps: Collect::starting_at(0),
            personas: Collect::starting_at(0),
        }
    }
}

impl IndexBuilder {
    /// Adds the next ICPs.
    pub fn icps(&mut self, texts: &[CardText]) {
        self.icps.extend(texts, |text| Cow::Borrowed(text));
    }

    /// Adds the next personas.
    pub fn personas(&mut self, texts: &[CardText]) {
        self.personas.extend(texts, |text| Cow::Borrowed(text));
    }

    pub fn finish(self) -> SearchIndex {
        SearchIndex {
            icps: self.icps.finish(),
            personas: self.personas.finish(),
        }
    }
}
