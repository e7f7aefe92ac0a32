//! Cards on demand, the app's side (see [`crate::tui::on_demand`]): the
//! card on screen is read when it is shown, and the filter's index of
//! every card's text is taken in when it has been read.

use super::{App, Screen};
use crate::domain::{EntityRef, Kind};
use crate::store::fs::OneCard;
use crate::tui::search::{LazyIndex, SearchIndex};
use std::sync::Arc;

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
        let personas_held = || {
            ws.personas_of(&card.id)
                .all(|p| cards.holds(&EntityRef::new(Kind::Persona, &p.id)))
        };
        let done = cards.holds(card) && (!whole || card.kind != Kind::Icp || personas_held());
        if done {
            cards.touch(card);
            return true;
        }
        if cards.unreadable(card) {
            return false;
        }
        let icp;
        let one = match card.kind {
            Kind::Icp => OneCard::Icp {
                id: &card.id,
                personas: whole,
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
}
