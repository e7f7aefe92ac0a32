//! The app's table of who cites each highlight ([`CitedBy`]): made the
//! first time a screen asks (the interview's highlights, a delete's
//! warning) and kept until an ICP or persona changes or the workspace is
//! read again; the next question then makes it anew.

use crate::domain::cited_by::CitedBy;
use crate::domain::{Citation, EntityRef, Workspace};
use crate::store::patch::Edit;
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

    /// After a patch of the workspace: a change to any ICP or persona
    /// drops the table, made again when next asked. Following the changed
    /// cards instead costs passes over the whole table (tens of
    /// milliseconds at 50,000 personas, on every rename or delete made from
    /// the list), while the table is asked for only on the interview
    /// screens, where saves change interviews, not cards.
    pub fn patch(&mut self, edits: &[Edit]) {
        if !edits.is_empty() {
            self.reset();
        }
    }
}
