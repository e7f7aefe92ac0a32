//! Cards on demand, the app's side (see [`crate::tui::on_demand`]): the
//! card on screen is read when it is shown, and the filter's index of
//! every card's text is taken in when it has been read.

use super::{App, Screen};
use crate::domain::wizard::Entity;
use crate::domain::{EntityRef, Fields, Kind, Workspace};
use crate::store::fs::{OneCard, Personas};
use crate::store::index::Listed;
use crate::store::{Loaded, layout};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::on_demand::{OnDemand, StandIn, stand_in_of};
use crate::tui::search::{LazyIndex, SearchIndex};
use ratatui::crossterm::event::KeyEvent;
use std::sync::Arc;

/// Why the wizard did not open with cards on demand: reading the quotes
/// it offers reads `workspace.toml` (and the templates) first, and that
/// file did not load.
const NO_QUOTES: &str = "workspace.toml could not be read, so the wizard did not open; `persona validate` says what is wrong, and the wizard opens once it is fixed.";

impl App {
    /// The ICP or persona on screen, when only its stand-in is held: read
    /// it (with the interviews it cites) from its file now. A few
    /// milliseconds, so a held-down arrow key still flows.
    pub fn fetch_shown(&mut self) {
        if let Some(shown) = self.shown_card() {
            self.fetch(&shown, false);
        }
    }

    /// Reads `card` in full if only its stand-in is held; `whole`: an ICP
    /// with every persona of it (what its markdown page shows). Whether
    /// it is held now.
    pub(crate) fn fetch(&mut self, card: &EntityRef, whole: bool) -> bool {
        let Some(cards) = self.on_demand.as_mut() else {
            return true;
        };
        let ws = &self.workspace;
        // The interviews a card quotes are let go on their own (they were
        // read with it, and only the card is shown again), so a card held
        // is whole only while they are too.
        let quotes_held = |fields: &Fields| {
            fields
                .values()
                .flatten()
                .flat_map(|item| &item.cites)
                .all(|c| {
                    let interview = EntityRef::new(Kind::Interview, c.interview.as_str());
                    ws.interview(&c.interview).is_none()
                        || cards.holds(&interview)
                        || cards.unreadable(&interview)
                })
        };
        let own_held = match card.kind {
            Kind::Icp => ws.icp(&card.id).is_some_and(|icp| quotes_held(&icp.fields)),
            Kind::Persona => ws.persona(&card.id).is_some_and(|p| quotes_held(&p.fields)),
            Kind::Interview | Kind::Template => true,
        };
        let personas_held = || {
            ws.personas_of(&card.id).all(|p| {
                cards.holds(&EntityRef::new(Kind::Persona, &p.id)) && quotes_held(&p.fields)
            })
        };
        let done =
            cards.holds(card) && own_held && (!whole || card.kind != Kind::Icp || personas_held());
        if done {
            cards.touch(card);
            return true;
        }
        if cards.unreadable(card) {
            return false;
        }
        let icp;
        let one = match card.kind {
            // Its personas, when they come, come ready to be cards too.
            Kind::Icp => OneCard::Icp {
                id: &card.id,
                personas: if whole {
                    Personas::Quoted
                } else {
                    Personas::Without
                },
            },
            Kind::Persona => {
                let Some(persona) = ws.persona(&card.id) else {
                    return false;
                };
                icp = persona.icp.clone();
                OneCard::Persona {
                    icp: &icp,
                    id: &card.id,
                    with_icp: false,
                }
            }
            Kind::Interview | Kind::Template => return false,
        };
        match cards.read(one, card) {
            Some(loaded) => {
                cards.take(Arc::make_mut(&mut self.workspace), loaded);
                self.cited.reset();
                true
            }
            None => {
                self.warn(format!(
                    "The {} `{}` could not be read from its file just now; the list shows what the index knew of it.",
                    card.kind.label(),
                    crate::text::line(&card.id)
                ));
                false
            }
        }
    }

    /// Whether `action` changes only the card on screen, so it may go
    /// ahead while cards come on demand, without reading every card:
    /// delete (an ICP takes its personas along), undo, moving a persona to
    /// another ICP, renaming the card or duplicating a persona read in
    /// full (an ICP's interviews are rewritten from their files), and
    /// exporting the card (an ICP with its personas read in full, as for
    /// its markdown preview; a redacted export reads the files instead, see
    /// [`App::as_read`]), editing it in the wizard (the card read in
    /// full, and every interview for the quotes it offers) or making a new
    /// card there from the list, its history, and the best customers of
    /// its ICP (that ICP read in full). Not before the filter's text is in
    /// (the lists would change under the index being built), nor while
    /// every card is being read.
    pub(crate) fn changes_one_card(&mut self, action: Action) -> bool {
        if !self.on_one_card() {
            return false;
        }
        let shown = self.shown_card();
        let persona = shown.clone().filter(|e| e.kind == Kind::Persona);
        match action {
            Action::Undo => true,
            Action::Delete => shown.is_some(),
            Action::Move => persona.is_some(),
            Action::Duplicate => persona.is_some_and(|p| self.fetch(&p, false)),
            // An ICP's interviews are rewritten from their files (see
            // `Store::rename`): only the ICP itself is needed.
            Action::Rename => shown.is_some_and(|card| self.fetch(&card, false)),
            // As its markdown preview: an ICP with its personas in full.
            Action::Export => shown.is_some_and(|card| self.fetch(&card, true)),
            Action::Edit => {
                shown.is_some_and(|card| self.fetch(&card, false) && self.fetch_quotes())
            }
            // A new card: the wizard's choices need the lists and the
            // templates, its questions every interview's quotes.
            Action::New => self.screen_is_browse() && self.fetch_quotes(),
            // The drafts kept: listed from their files (carrying one on
            // reads every card then).
            Action::Drafts => self.screen_is_browse(),
            // The best customers of the card's ICP: that ICP in full.
            Action::Customers => {
                let icp = shown.and_then(|card| match card.kind {
                    Kind::Icp => Some(card),
                    _ => (self.workspace.persona(&card.id))
                        .map(|p| EntityRef::new(Kind::Icp, &p.icp)),
                });
                icp.is_some_and(|icp| self.fetch(&icp, false))
            }
            // A card's history, from git: where its file is, and the
            // templates to name its fields.
            Action::History => shown.is_some_and(|card| self.fetch(&card, false)),
            _ => false,
        }
    }

    fn screen_is_browse(&self) -> bool {
        matches!(self.screen, Screen::Browse)
    }

    /// Reads every interview for its highlights, unless they are all held:
    /// what the wizard offers to cite beside each question. Whether they
    /// are held now (not when the workspace's own file cannot be read).
    pub(super) fn fetch_quotes(&mut self) -> bool {
        let Some(cards) = self.on_demand.as_mut() else {
            return true;
        };
        if cards.quotes_held(&self.workspace) {
            return true;
        }
        match cards.read_quotes() {
            Some(loaded) => {
                cards.take_quotes(Arc::make_mut(&mut self.workspace), loaded);
                true
            }
            None => {
                self.warn(NO_QUOTES);
                false
            }
        }
    }

    /// Whether a change to the card on screen can be made on demand now:
    /// on the list, a card or its preview, with the filter's text in (the
    /// lists would change under the index being built) and not while
    /// every card is being read.
    fn on_one_card(&self) -> bool {
        let on_item = matches!(
            self.screen,
            Screen::Browse | Screen::Card(_) | Screen::Preview(_)
        );
        let settled = (self.on_demand.as_ref()).is_some_and(|c| c.texts_in && !c.reading_all);
        on_item && settled && self.loading.is_none()
    }

    /// `e` on a card or `n` on the list, with cards on demand, when the
    /// wizard's quotes are not all held and there are so many interviews
    /// that reading them takes longer than a frame
    /// ([`OnDemand::quotes_on_a_thread`]): they are read on a thread, with
    /// a progress line, and the key waits for them (`Some`: the effects).
    /// The card itself is read now, as for the wizard on fewer interviews.
    pub(crate) fn quotes_on_a_thread(
        &mut self,
        action: Action,
        key: KeyEvent,
    ) -> Option<Vec<Effect>> {
        let wants = match action {
            Action::Edit => self.shown_card().is_some(),
            Action::New => self.screen_is_browse(),
            _ => false,
        };
        if !wants || !self.on_one_card() {
            return None;
        }
        let cards = self.on_demand.as_ref()?;
        let many = self.workspace.interviews.len() >= cards.quotes_on_a_thread;
        if !many || cards.quotes_held(&self.workspace) {
            return None;
        }
        if action == Action::Edit {
            let card = self.shown_card()?;
            if !self.fetch(&card, false) {
                return None;
            }
        }
        self.say(
            "The wizard opens by itself once every interview's quotes are in, unless you move on meanwhile.",
        );
        self.wait_for_quotes(key);
        let cards = self.on_demand.as_mut()?;
        if cards.reading_quotes {
            return Some(Vec::new());
        }
        cards.reading_quotes = true;
        Some(vec![Effect::ReadQuotes])
    }

    /// Every interview's quotes, read on a thread for the wizard
    /// ([`App::quotes_on_a_thread`]), in place of their stand-ins (the key
    /// that waited is then pressed again), or a sentence when they could
    /// not be read. Once every card is held, they are in already.
    pub(crate) fn took_quotes(&mut self, loaded: Option<Loaded>) {
        let Some(cards) = self.on_demand.as_mut() else {
            return;
        };
        cards.reading_quotes = false;
        match loaded {
            Some(loaded) => cards.took_quotes(Arc::make_mut(&mut self.workspace), loaded),
            None => {
                // Not "it opens by itself" any more: this sentence alone.
                self.replay = None;
                self.toast = None;
                self.warn(NO_QUOTES);
            }
        }
    }

    /// Effects made while cards come on demand, with what they save over
    /// as the app read it (see [`Effect::AsRead`]), and a redacted export
    /// marked to read the workspace's files (it numbers the people of every
    /// interview, which the app does not hold then). A rename saves the
    /// card held here under its new id, so it goes ahead only when that
    /// card is held in full, with the version of its file it was read
    /// from; otherwise it is dropped with a sentence (nothing was written).
    pub fn as_read(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let Some(cards) = self.on_demand.as_ref() else {
            return effects;
        };
        let mut out = Vec::with_capacity(effects.len());
        let mut refused = None;
        let mut unsaved = None;
        for mut effect in effects {
            // A redacted export numbers the people of every interview.
            if let Effect::Export {
                redact: true,
                from_files,
                ..
            } = &mut effect
            {
                *from_files = true;
            }
            // The wizard saves the card it was opened on, over its file as
            // read then (a new card has no file yet: it is never written
            // over one).
            if let Effect::SaveWizard { entity, .. } = &effect {
                let path = match entity {
                    Entity::Icp(icp) => Some(layout::icp_file(&icp.id)),
                    Entity::Persona(p) => Some(layout::persona_file(&p.icp, &p.id)),
                    Entity::Interview(_) => None,
                };
                let print = path.and_then(|path| cards.print_of(&path).map(|print| (path, print)));
                out.push(match print {
                    Some(print) => Effect::AsRead {
                        prints: vec![print],
                        then: Box::new(effect),
                    },
                    None => effect,
                });
                continue;
            }
            // The best customers screen saves (or imports into) the ICP
            // held here: only while it is held in full, over its file as
            // read.
            let icp = match &effect {
                Effect::SaveIcp { icp, .. } => Some(icp.id.clone()),
                Effect::ImportCustomers { icp, .. } => Some(icp.clone()),
                _ => None,
            };
            if let Some(id) = icp {
                let entity = EntityRef::new(Kind::Icp, &id);
                let path = layout::icp_file(&id);
                let print = (cards.print_of(&path)).filter(|_| cards.holds(&entity));
                match print {
                    Some(print) => out.push(Effect::AsRead {
                        prints: vec![(path, print)],
                        then: Box::new(effect),
                    }),
                    None => unsaved = Some(entity),
                }
                continue;
            }
            let Effect::Rename { entity, .. } = &effect else {
                out.push(effect);
                continue;
            };
            let file = match entity.kind {
                Kind::Persona => (self.workspace.persona(&entity.id))
                    .map(|p| layout::persona_file(&p.icp, &p.id)),
                Kind::Icp => Some(layout::icp_file(&entity.id)),
                Kind::Interview | Kind::Template => None,
            };
            let print = file
                .filter(|_| cards.holds(entity))
                .and_then(|path| cards.print_of(&path).map(|print| (path, print)));
            match print {
                Some(print) => out.push(Effect::AsRead {
                    prints: vec![print],
                    then: Box::new(effect),
                }),
                None => refused = Some(entity.clone()),
            }
        }
        if let Some(entity) = unsaved {
            self.warn(format!(
                "The ICP `{}` is not read in full just now, so nothing was saved; open it again.",
                crate::text::line(&entity.id)
            ));
        }
        if let Some(entity) = refused {
            self.warn(format!(
                "The {} `{}` is not read in full just now, so it was not renamed; press r on it again.",
                entity.kind.label(),
                crate::text::line(&entity.id)
            ));
        }
        out
    }

    /// The ICP or persona the screen on top shows in full.
    pub(crate) fn shown_card(&self) -> Option<EntityRef> {
        let entity = match &self.screen {
            Screen::Browse => self.browse.selected_entity(&self.workspace)?,
            Screen::Card(card) => card.entity.clone(),
            Screen::Preview(preview) => preview.entity.clone(),
            _ => return None,
        };
        matches!(entity.kind, Kind::Icp | Kind::Persona).then_some(entity)
    }

    /// The filter's index of every card's text came in: the filter now
    /// searches what cards say, not only their names.
    pub(crate) fn take_index(&mut self, index: SearchIndex, icps: usize, personas: usize) {
        let Some(cards) = self.on_demand.as_mut() else {
            return;
        };
        // With cards on demand nothing changes the lists, so counts that
        // still agree mean the index is of these cards, in this order.
        if icps != self.workspace.icps.len() || personas != self.workspace.personas.len() {
            return;
        }
        cards.texts_in = true;
        let keep = self.browse.selected_entity(&self.workspace);
        self.index = LazyIndex::ready(index);
        self.changed(keep);
    }

    /// Whether the app holds every card of a workspace large enough to
    /// read them on demand (it read them all for a change), with nothing on
    /// screen that needs them all: then it may let them go.
    pub fn may_let_go(&self) -> bool {
        let reading =
            |s: &Screen| matches!(s, Screen::Browse | Screen::Card(_) | Screen::Preview(_));
        self.large.is_some()
            && self.on_demand.is_none()
            && self.loading.is_none()
            && self.modal.is_none()
            && reading(&self.screen)
            && self.stack.iter().all(reading)
    }

    /// Goes back to cards on demand (see [`App::may_let_go`]): every card
    /// becomes its stand-in again except the one on screen, which is read
    /// again; the filter keeps its index (the lists did not change), and
    /// the memory goes back to the system. The next change reads every card
    /// again first.
    pub fn let_go(&mut self) {
        let Some(root) = self.large.clone() else {
            return;
        };
        if !self.may_let_go() {
            return;
        }
        // The index is of these lists, in this order, as the stand-ins
        // will be.
        self.index.get(&self.workspace);
        let meta = self.workspace.meta.clone();
        let held = std::mem::replace(&mut self.workspace, Arc::new(Workspace::new(meta)));
        let full = Arc::try_unwrap(held).unwrap_or_else(|shared| (*shared).clone());
        let mut lean = Workspace::new(full.meta);
        lean.templates = full.templates;
        lean.outcomes = full.outcomes;
        let lines = (full.icps.iter().map(Listed::icp))
            .chain(full.personas.iter().map(Listed::persona))
            .chain(full.interviews.iter().map(Listed::interview));
        for line in lines {
            match stand_in_of(line) {
                StandIn::Icp(icp) => lean.icps.push(icp),
                StandIn::Persona(persona) => lean.personas.push(persona),
                StandIn::Interview(interview) => lean.interviews.push(interview),
            }
        }
        drop((full.icps, full.personas, full.interviews));
        self.workspace = Arc::new(lean);
        self.cited.reset();
        self.on_demand = Some(OnDemand::all_read_before(&root));
        self.fetch_shown();
        crate::memory::give_back();
    }
}
