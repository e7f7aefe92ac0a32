//! A save refused because someone else changed, removed or broke the file
//! (a teammate's git pull, persona in another window): the dialog that
//! names the file and lets the user reload, overwrite or save a copy
//! (the app carries out the choice). Nothing is written over their file
//! without that choice.

use super::text::clean;
use crate::domain::Workspace;
use crate::domain::wizard::Entity;
use crate::store::StoreError;

/// What happened to the file on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    Changed,
    Vanished,
    Unloaded,
}

/// A refused save and the user's version of the item.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Relative to the workspace.
    pub path: String,
    pub why: Why,
    /// What the user tried to save.
    pub mine: Entity,
}

impl Conflict {
    /// The conflict a store error describes, if it is one.
    pub fn from_error(error: &StoreError, mine: Entity) -> Option<Conflict> {
        let why = match error {
            StoreError::ChangedOnDisk { .. } => Why::Changed,
            StoreError::Vanished { .. } => Why::Vanished,
            StoreError::Unloaded { .. } => Why::Unloaded,
            _ => return None,
        };
        Some(Conflict {
            path: error.conflict_path()?.to_string(),
            why,
            mine,
        })
    }

    /// One plain sentence: which file, and what happened to it.
    pub fn sentence(&self) -> String {
        let path = clean(&self.path);
        let cause = "(a teammate's git pull, or persona running in another window)";
        match self.why {
            Why::Changed => format!("{path} changed on disk since you opened it {cause}."),
            Why::Vanished => {
                format!("{path} was deleted or moved on disk since you opened it {cause}.")
            }
            Why::Unloaded => format!(
                "{path} is on disk but persona could not load it (broken, or written by a newer version), so it was not replaced."
            ),
        }
    }

    /// The dialog's title.
    pub fn title(&self) -> &'static str {
        match self.why {
            Why::Changed => "Changed on disk",
            Why::Vanished => "Removed on disk",
            Why::Unloaded => "Not loaded",
        }
    }

    /// The name the copy gets, such as “Operations Olivia (copy)”.
    pub fn copy_name(&self) -> String {
        format!("{} (copy)", self.mine.name())
    }

    /// The user's version under a new name and an id free in `workspace`.
    pub fn copy(&self, workspace: &Workspace) -> Entity {
        let name = self.copy_name();
        let kind = self.mine.kind();
        let id = workspace.new_id(kind, &name);
        let now = crate::domain::now();
        let mut copy = self.mine.clone();
        match &mut copy {
            Entity::Icp(x) => {
                x.id = id;
                x.name = name;
                x.created = Some(now);
                x.updated = Some(now);
            }
            Entity::Persona(x) => {
                x.id = id;
                x.name = name;
                x.created = Some(now);
                x.updated = Some(now);
            }
            Entity::Interview(x) => {
                x.id = id;
                x.title = name;
                x.created = Some(now);
                x.updated = Some(now);
            }
        }
        copy
    }

    pub fn overwrite_hint(&self) -> &'static str {
        match self.why {
            Why::Vanished => "put yours back in its place",
            _ => "save yours over theirs",
        }
    }
}
