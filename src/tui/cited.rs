//! The app's table of who cites each highlight ([`CitedBy`]): made the
//! first time a screen asks (the interview's highlights, a delete's
//! warning), kept in step with every save through the patch that takes the
//! save in, and made anew when next asked after the workspace is read
//! again.

use crate::domain::cited_by::{CardChange, Cards, CitedBy};
use crate::domain::{Citation, EntityRef, Workspace};
use crate::store::patch::{Change, Edit};
use std::cell::RefCell;

#[derive(Default)]
pub struct LazyCited(RefCell<Option<CitedBy>>);

impl LazyCited {
    /// The ICP and persona fields citing `citation` in `ws`, as
    /// [`Workspace::citing`] lists them.
    pub fn citing(&self, ws: &Workspace, citation: &Citation) -> Vec<(EntityRef, String)> {
        self.with(ws, |table| table.citing(ws, citation))
    }

    /// How many fields cite `citation` in `ws`.
    pub fn count(&self, ws: &Workspace, citation: &Citation) -> usize {
        self.with(ws, |table| table.count(citation))
    }

    fn with<R>(&self, ws: &Workspace, ask: impl FnOnce(&CitedBy) -> R) -> R {
        let mut table = self.0.borrow_mut();
        // A table of other lists (which no save should leave) is made anew.
        if table.as_ref().is_some_and(|t| !t.is_for(ws)) {
            *table = None;
        }
        ask(table.get_or_insert_with(|| CitedBy::of(ws)))
    }

    /// Whether the table is made (not waiting to be made on the next
    /// question).
    pub fn is_made(&self) -> bool {
        self.0.borrow().is_some()
    }

    /// The workspace changed in ways not told card by card (read again, a
    /// card taken in from its file): the table is made again when asked.
    pub fn reset(&mut self) {
        *self.0.get_mut() = None;
    }

    /// After a patch of `ws`: the table, if made, follows the changed ICPs
    /// and personas one by one (the cost of their citations: a rename or
    /// delete at 50,000 personas does not wait for a new walk over every
    /// card, and neither does the interview screen after it). A table that
    /// cannot follow is dropped, and made again when next asked.
    pub fn patch(&mut self, edits: &[Edit], ws: &Workspace) {
        let Some(table) = self.0.get_mut() else {
            return;
        };
        let changes = edits.iter().map(|edit| {
            let (cards, change) = match *edit {
                Edit::Icp(change) => (Cards::Icps, change),
                Edit::Persona(change) => (Cards::Personas, change),
            };
            let change = match change {
                Change::Removed(at) => CardChange::Removed(at),
                Change::Inserted(at) => CardChange::Inserted(at),
                Change::Replaced(at) => CardChange::Replaced(at),
            };
            (cards, change)
        });
        if !table.follow(ws, changes) {
            self.reset();
        }
    }
}
