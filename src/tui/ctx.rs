//! What a screen reads besides its own state: the workspace and the app's
//! settings, borrowed from the app for one update or one frame. Screens
//! never see the app itself, so they cannot reach into each other.

use super::config::Config;
use super::event::Interrupt;
use super::keys::Keymaps;
use super::search::LazyIndex;
use super::theme::Theme;
use crate::domain::Workspace;
use crate::store::drafts::DraftFile;
use crate::store::{Problem, Trashed};
use jiff::civil::Date;
use ratatui::layout::Rect;
use std::cell::Cell;
use std::path::Path;

/// Where things were drawn last, so a mouse click can find its target and
/// a page key knows how far a page is.
#[derive(Clone, Copy, Debug, Default)]
pub struct Areas {
    pub list: Rect,
    pub preview: Rect,
    pub body: Rect,
    pub choices: Rect,
}

pub struct Ctx<'a> {
    pub workspace: &'a Workspace,
    /// Files that could not be loaded.
    pub problems: &'a [Problem],
    /// The filter's text of every card (built on first use).
    pub index: &'a LazyIndex,
    /// Who cites each highlight (made on first use).
    pub cited: &'a super::cited::LazyCited,
    pub theme: &'a Theme,
    pub keymaps: &'a Keymaps,
    pub config: &'a Config,
    /// "Today", for staleness; fixed in tests so snapshots do not age.
    pub today: Date,
    /// Where exports go when the user does not say.
    pub export_dir: &'a Path,
    /// The last delete, while it can be undone.
    pub undo: Option<&'a Trashed>,
    pub areas: &'a Cell<Areas>,
    /// The drafts known to be in `.drafts/`.
    pub drafts: &'a [DraftFile],
    /// Set when Ctrl-c was pressed: long work stops.
    pub interrupt: &'a Interrupt,
    /// While the cards are still being read: `(read, of)`; the workspace
    /// then holds stand-ins with names and dates only.
    pub loading: Option<(usize, usize)>,
    /// In a large workspace, cards read as they are shown (see
    /// [`super::on_demand`]).
    pub on_demand: Option<&'a super::on_demand::OnDemand>,
}

impl Ctx<'_> {
    /// The ICP and persona fields citing `citation`, by look-up.
    pub fn citing(
        &self,
        citation: &crate::domain::Citation,
    ) -> Vec<(crate::domain::EntityRef, String)> {
        self.cited.citing(self.workspace, citation)
    }

    /// How many ICP and persona fields cite `citation`.
    pub fn cited(&self, citation: &crate::domain::Citation) -> usize {
        self.cited.count(self.workspace, citation)
    }

    /// Whether the workspace holds `entity` in full, not only its stand-in.
    pub fn holds(&self, entity: &crate::domain::EntityRef) -> bool {
        match self.on_demand {
            Some(cards) => cards.holds(entity),
            None => self.loading.is_none(),
        }
    }

    /// Rows a page key moves: the height of the list (`list`) or body last
    /// drawn.
    pub fn page(&self, list: bool) -> usize {
        let areas = self.areas.get();
        let h = if list {
            areas.list.height
        } else {
            areas.body.height
        };
        (h as usize).saturating_sub(1).max(1)
    }

    /// Remembers where a part of the screen was drawn.
    pub fn drawn(&self, set: impl FnOnce(&mut Areas)) {
        let mut areas = self.areas.get();
        set(&mut areas);
        self.areas.set(areas);
    }
}
