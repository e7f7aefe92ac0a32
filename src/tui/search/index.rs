//! The filter's index: for each card its name and [`Sketch`], and the
//! distinct tokens of all attribute text with the cards holding each (see
//! [`Vocab`]); no card's text is kept whole.

use super::CardText;
use super::sketch::Sketch;
use super::vocab::{Builder, Vocab};
use crate::domain::Workspace;
use crate::store::patch::{Change, Edit};

/// One list of cards (the ICPs, or the personas). A card lives in a slot
/// that never moves; `order` says which slot is at each position of the
/// workspace's list, so inserting, removing or replacing a card (a new
/// slot) leaves the others where they are. Slots of cards removed since
/// the index was built are not reused (the app builds the index afresh when
/// it reloads the workspace).
pub(super) struct Cards {
    order: Vec<u32>,
    /// Every slot's name, one after another.
    names: String,
    /// Where each slot's name starts, and the end of the names last.
    name_starts: Vec<usize>,
    sketches: Vec<Sketch>,
    pub(super) vocab: Vocab,
}

impl Cards {
    fn new(texts: Vec<CardText>) -> Cards {
        // Each core takes a run of cards (sketches and tokens); the
        // runs' tokens are then put together in order.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        // (Tests split even a few cards, so the runs' joining is tried.)
        const SPLIT_FROM: usize = if cfg!(test) { 8 } else { 2_048 };
        let chunk = if texts.len() < SPLIT_FROM {
            texts.len().max(1)
        } else {
            texts
                .len()
                .div_ceil(threads.max(if cfg!(test) { 3 } else { 1 }))
        };
        fn run(first: usize, part: &[CardText]) -> (Vec<Sketch>, Builder) {
            let mut builder = Builder::default();
            let mut sketches = Vec::with_capacity(part.len());
            for (i, text) in part.iter().enumerate() {
                sketches.push(Sketch::of(&text.name, &text.attrs.to_lowercase()));
                builder.add((first + i) as u32, &text.attrs);
            }
            (sketches, builder)
        }
        let runs: Vec<_> = if texts.len() <= chunk {
            vec![run(0, &texts)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = texts
                    .chunks(chunk)
                    .enumerate()
                    .map(|(n, part)| scope.spawn(move || run(n * chunk, part)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("building the search index"))
                    .collect()
            })
        };
        let mut sketches = Vec::with_capacity(texts.len());
        let mut builder = Builder::default();
        for (part, tokens) in runs {
            sketches.extend(part);
            builder.merge(tokens);
        }
        let vocab = builder.finish();
        let mut names = String::with_capacity(texts.iter().map(|t| t.name.len()).sum());
        let mut name_starts = Vec::with_capacity(texts.len() + 1);
        name_starts.push(0);
        for text in &texts {
            names.push_str(&text.name);
            name_starts.push(names.len());
        }
        Cards {
            order: (0..texts.len() as u32).collect(),
            names,
            name_starts,
            sketches,
            vocab,
        }
    }

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
        self.sketches
            .push(Sketch::of(&text.name, &text.attrs.to_lowercase()));
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
    pub fn build(workspace: &Workspace) -> SearchIndex {
        SearchIndex::from_texts(
            workspace.icps.iter().map(CardText::of_icp).collect(),
            super::par_map(&workspace.personas, CardText::of_persona),
        )
    }

    /// The index of cards whose text is already made (in workspace
    /// order), for a loader that does not keep the cards.
    pub fn from_texts(icps: Vec<CardText>, personas: Vec<CardText>) -> SearchIndex {
        SearchIndex {
            icps: Cards::new(icps),
            personas: Cards::new(personas),
        }
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
