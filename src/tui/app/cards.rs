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
    /// it (with its ICP or personas and the interviews they cite) from its
    /// file now. A few milliseconds, so a held-down arrow key still flows.
    pub fn fetch_shown(&mut self) {
        let Some(shown) = self.shown_card() else {
            return;
        };
        let Some(cards) = self.on_demand.as_mut() else {
            return;
        };
        if cards.touch(&shown) || cards.unreadable(&shown) {
            return;
        }
        let icp;
        let card = match shown.kind {
            Kind::Icp => OneCard::Icp(&shown.id),
            Kind::Persona => {
                let Some(persona) = self.workspace.persona(&shown.id) else {
                    return;
                };
                icp = persona.icp.clone();
                OneCard::Persona {
                    icp: &icp,
                    id: &shown.id,
                }
            }
            Kind::Interview | Kind::Template => return,
        };
        match cards.read(card, &shown) {
            Some(loaded) => cards.take(Arc::make_mut(&mut self.workspace), loaded),
            None => self.warn(format!(
                "The {} `{}` could not be read from its file just now; the list shows what the index knew of it.",
                shown.kind.label(),
                crate::text::line(&shown.id)
            )),
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
