//! Cards on demand. In a large workspace the app holds each card's name,
//! ICP and dates (its line in the index) and the filter's text, and reads a
//! card in full when it is shown: in the preview, on its card, as markdown.
//! The last few hundred cards read stay; older ones go back to their
//! stand-ins. A change to the card on screen needs only that card: a
//! rename, a move, a delete, its export, its history, its ICP's best
//! customers, and editing it in the wizard; a new card made in the wizard
//! needs none. The wizard also reads every
//! interview for the quotes it offers (the first to go back afterwards).
//! Anything else that changes files or looks across every card (a draft
//! carried on with, the interviews, the insights) first reads every card,
//! as the app used to at start, and the app holds them all until it is
//! left alone for a while.

use crate::domain::check::Severity;
use crate::domain::{EntityRef, Icp, Interview, Kind, Persona, Workspace};
use crate::store::fs::OneCard;
use crate::store::index::Listed;
use crate::store::{FsStore, Loaded};
use std::collections::{HashSet, VecDeque};
use std::path::Path;

/// From this many personas on, the app opens on the index and reads cards
/// as they are shown; below it, it reads every card at start (a thousand
/// cards are a few megabytes).
pub const FROM_PERSONAS: usize = 2_000;

/// How many cards read in full stay in memory (the ones shown last).
const KEEP: usize = 512;

/// From this many interviews on, reading them all for the wizard's quotes
/// takes longer than a frame (31 ms for 2,000, 167 ms for 10,000 in the
/// bench): it runs on a thread.
pub const QUOTES_ON_A_THREAD: usize = 1_000;

pub struct OnDemand {
    reader: FsStore,
    /// Cards read in full, the most recently shown last.
    held: VecDeque<EntityRef>,
    /// The same cards, to ask whether one is held without walking the
    /// queue (it holds every interview while the wizard offers quotes).
    holding: HashSet<EntityRef>,
    /// Cards whose file could not be read when shown: not tried again.
    unreadable: HashSet<EntityRef>,
    /// Whether the workspace's own file and the templates are in.
    base: bool,
    /// Whether the filter has every card's text (until then, names only).
    pub texts_in: bool,
    /// Whether every card is being read (a change or a screen needs them).
    pub reading_all: bool,
    /// Whether every interview is being read for its quotes, on a thread.
    pub reading_quotes: bool,
    /// From this many interviews on, they are read for the wizard's quotes
    /// on a thread, with a progress line ([`QUOTES_ON_A_THREAD`]; tests
    /// use other numbers); fewer are read at once.
    pub quotes_on_a_thread: usize,
    /// How many cards read in full stay ([`KEEP`]; tests use fewer).
    pub keep: usize,
}

impl OnDemand {
    pub fn new(root: &Path) -> OnDemand {
        OnDemand {
            reader: FsStore::new(root),
            held: VecDeque::new(),
            holding: HashSet::new(),
            unreadable: HashSet::new(),
            base: false,
            texts_in: false,
            reading_all: false,
            reading_quotes: false,
            quotes_on_a_thread: QUOTES_ON_A_THREAD,
            keep: KEEP,
        }
    }

    /// Cards on demand again after every card was read (the templates and
    /// the filter's text are in already).
    pub fn all_read_before(root: &Path) -> OnDemand {
        OnDemand {
            base: true,
            texts_in: true,
            ..OnDemand::new(root)
        }
    }

    /// Whether `entity` is held in full (not a stand-in).
    pub fn holds(&self, entity: &EntityRef) -> bool {
        self.holding.contains(entity)
    }

    /// The version of the file at `relative` as it was last read here.
    pub fn print_of(&self, relative: &str) -> Option<crate::store::fingerprint::Fingerprint> {
        self.reader.print_of(relative)
    }

    /// Takes the versions of files read elsewhere (after a save) as the
    /// ones this app holds.
    pub fn read_as(&mut self, prints: &[(String, crate::store::fingerprint::Fingerprint)]) {
        for (relative, print) in prints {
            crate::store::Store::as_read(&mut self.reader, relative, *print);
        }
    }

    /// Whether `entity`'s file could not be read when it was shown.
    pub fn unreadable(&self, entity: &EntityRef) -> bool {
        self.unreadable.contains(entity)
    }

    /// Makes a held card the most recently shown; whether it was held.
    pub fn touch(&mut self, entity: &EntityRef) -> bool {
        if !self.holding.contains(entity) {
            return false;
        }
        let Some(at) = self.held.iter().rposition(|e| e == entity) else {
            return false;
        };
        let again = self.held.remove(at).expect("found");
        self.held.push_back(again);
        true
    }

    /// Reads `card` from its file with what it needs to be shown (see
    /// [`FsStore::load_card`]); `None` when it cannot be read, which is
    /// remembered for `shown`, so it is not tried on every key.
    pub fn read(&mut self, card: OneCard, shown: &EntityRef) -> Option<Loaded> {
        let loaded = self.reader.load_card(card, !self.base);
        match &loaded {
            None => {
                self.unreadable.insert(shown.clone());
            }
            // An interview it quotes whose file could not be read is
            // remembered too: the card is whole without it.
            Some(loaded) => self.remember_unreadable(loaded),
        }
        loaded
    }

    /// Whether every interview of `ws` has its highlights here (read for
    /// its quotes, or remembered as unreadable).
    pub fn quotes_held(&self, ws: &Workspace) -> bool {
        ws.interviews.iter().all(|i| {
            let interview = EntityRef::new(Kind::Interview, &i.id);
            self.holds(&interview) || self.unreadable(&interview)
        })
    }

    /// Reads every interview for its highlights (see
    /// [`FsStore::load_quotes`]); `None` when the workspace's own file
    /// cannot be read.
    pub fn read_quotes(&mut self) -> Option<Loaded> {
        let loaded = self.reader.load_quotes(!self.base)?;
        self.remember_unreadable(&loaded);
        Some(loaded)
    }

    /// Remembers the interviews whose file could not be read, so a card
    /// that quotes one is whole without it, and it is not tried at every
    /// key.
    fn remember_unreadable(&mut self, loaded: &Loaded) {
        for problem in &loaded.problems {
            let id = (problem.path.strip_prefix("interviews/"))
                .and_then(|rest| rest.strip_suffix(".toml"))
                .filter(|id| !id.contains('/'));
            if let Some(id) = id
                && problem.severity == Severity::Error
            {
                self.unreadable.insert(EntityRef::new(Kind::Interview, id));
            }
        }
    }

    /// The templates and outcomes, from the first read (which brought
    /// them).
    fn take_base(&mut self, ws: &mut Workspace, read: &mut Workspace) {
        if !self.base {
            ws.templates = std::mem::take(&mut read.templates);
            ws.outcomes = std::mem::take(&mut read.outcomes);
            self.base = true;
        }
    }

    /// [`OnDemand::take_quotes`] of interviews read elsewhere (on a
    /// thread), remembering those whose file could not be read.
    pub fn took_quotes(&mut self, ws: &mut Workspace, loaded: Loaded) {
        self.remember_unreadable(&loaded);
        self.take_quotes(ws, loaded);
    }

    /// Puts interviews read for their quotes ([`OnDemand::read_quotes`])
    /// in place of their stand-ins in `ws`. They are a great many, so they
    /// let no card go now, and they are the first to go later: those not
    /// held already are the oldest held.
    pub fn take_quotes(&mut self, ws: &mut Workspace, loaded: Loaded) {
        let mut read = loaded.workspace;
        self.take_base(ws, &mut read);
        for interview in read.interviews {
            let entity = EntityRef::new(Kind::Interview, &interview.id);
            if let Some(slot) = ws.interview_mut(&interview.id) {
                *slot = interview;
                if self.holding.insert(entity.clone()) {
                    self.held.push_front(entity);
                }
            }
        }
    }

    /// Puts cards read in full in place of their stand-ins in `ws`, and
    /// lets the oldest ones go back to theirs.
    pub fn take(&mut self, ws: &mut Workspace, loaded: Loaded) {
        let mut read = loaded.workspace;
        self.take_base(ws, &mut read);
        let mut took = Vec::new();
        for icp in read.icps {
            if let Some(slot) = ws.icp_mut(&icp.id) {
                took.push(EntityRef::new(Kind::Icp, &icp.id));
                *slot = icp;
            }
        }
        for persona in read.personas {
            if let Some(slot) = ws.persona_mut(&persona.id)
                && slot.icp == persona.icp
            {
                took.push(EntityRef::new(Kind::Persona, &persona.id));
                *slot = persona;
            }
        }
        for interview in read.interviews {
            if let Some(slot) = ws.interview_mut(&interview.id) {
                took.push(EntityRef::new(Kind::Interview, &interview.id));
                *slot = interview;
            }
        }
        // What was just read is the most recent, even when it was held.
        let fresh: HashSet<&EntityRef> = took.iter().collect();
        self.held.retain(|e| !fresh.contains(e));
        let keep = self.keep.max(took.len());
        self.holding.extend(took.iter().cloned());
        self.held.extend(took);
        while self.held.len() > keep {
            let old = self.held.pop_front().expect("more than kept");
            self.holding.remove(&old);
            let listed = match old.kind {
                Kind::Icp => ws.icp(&old.id).map(Listed::icp),
                Kind::Persona => ws.persona(&old.id).map(Listed::persona),
                Kind::Interview | Kind::Template => ws.interview(&old.id).map(Listed::interview),
            };
            match listed.map(stand_in_of) {
                Some(StandIn::Icp(icp)) => *ws.icp_mut(&old.id).expect("listed") = icp,
                Some(StandIn::Persona(persona)) => {
                    *ws.persona_mut(&old.id).expect("listed") = persona
                }
                Some(StandIn::Interview(interview)) => {
                    *ws.interview_mut(&old.id).expect("listed") = interview
                }
                None => {}
            }
        }
    }
}

/// Whether two workspaces list the same ICPs and personas in the same
/// order (the filter's index of one then serves the other).
pub fn same_cards(a: &Workspace, b: &Workspace) -> bool {
    a.icps.len() == b.icps.len()
        && a.personas.len() == b.personas.len()
        && a.icps.iter().zip(&b.icps).all(|(x, y)| x.id == y.id)
        && a.personas
            .iter()
            .zip(&b.personas)
            .all(|(x, y)| x.id == y.id && x.icp == y.icp)
}

/// A card's stand-in: what its line in the index says of it.
pub enum StandIn {
    Icp(Icp),
    Persona(Persona),
    Interview(Interview),
}

/// The stand-in of one card from its line in the index (templates have
/// none: a template line gives an interview's stand-in, never asked for).
pub fn stand_in_of(Listed { kind, id, summary }: Listed) -> StandIn {
    match kind {
        Kind::Icp => {
            let mut icp = Icp::new(id, summary.name, summary.template.unwrap_or_default());
            icp.updated = summary.updated;
            icp.last_validated = summary.last_validated;
            StandIn::Icp(icp)
        }
        Kind::Persona => {
            let mut persona = Persona::new(
                id,
                summary.icp.unwrap_or_default(),
                summary.name,
                summary.template.unwrap_or_default(),
            );
            persona.updated = summary.updated;
            persona.last_validated = summary.last_validated;
            StandIn::Persona(persona)
        }
        Kind::Interview | Kind::Template => {
            let mut interview = Interview::new(id, summary.name);
            interview.icp = summary.icp;
            interview.date = summary.date;
            interview.updated = summary.updated;
            StandIn::Interview(interview)
        }
    }
}
