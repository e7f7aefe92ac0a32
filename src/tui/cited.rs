//! The app's table of who cites each highlight ([`CitedBy`]): made the
//! first time a screen asks (the interview's highlights, a delete's
//! warning), then kept in step with the workspace. A save's few changed
//! cards are followed one by one; a change of many cards, or a workspace
//! read again, drops the table, and the next question makes it anew.

use crate::domain::cited_by::CitedBy;
use crate::domain::{Citation, EntityRef, Kind, Workspace};
use crate::store::patch::{Change, Edit};
use std::cell::RefCell;

/// Following a card costs a pass over the table (a few milliseconds at
/// 50,000 personas); past this many changed cards, making the table again
/// once costs less.
const FOLLOW_AT_MOST: usize = 8;

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
        match table.as_ref() {
            Some(t) if t.is_for(ws) => {}
            _ => *table = Some(CitedBy::of(ws)),
        }
        ask(table.get_or_insert_with(|| CitedBy::of(ws)))
    }

    /// The workspace changed in ways not told card by card (read again, a
    /// card taken in from its file): the table is made again when asked.
    pub fn reset(&mut self) {
        *self.0.get_mut() = None;
    }

    /// Follows a patch of the workspace (`ws` is the patched workspace), if
    /// the table is made yet.
    pub fn patch(&mut self, edits: &[Edit], ws: &Workspace) {
        let Some(table) = self.0.get_mut() else {
            return;
        };
        if edits.len() > FOLLOW_AT_MOST {
            self.reset();
            return;
        }
        for edit in edits {
            let (kind, change) = match *edit {
                Edit::Icp(change) => (Kind::Icp, change),
                Edit::Persona(change) => (Kind::Persona, change),
            };
            match change {
                Change::Removed(at) => table.removed(ws, kind, at),
                Change::Inserted(at) => table.inserted(ws, kind, at),
                Change::Replaced(at) => table.replaced(ws, kind, at),
            }
        }
    }
}
