//! The workspace on disk: loading every file (reporting the bad ones and
//! carrying on), atomic saves, the trash, and an in-memory twin for tests.

pub mod atomic;
pub mod batch;
pub mod codec;
pub mod discard;
pub mod drafts;
pub mod export;
pub mod fingerprint;
pub mod fs;
pub mod homes;
pub mod index;
pub mod layout;
pub mod locate;
pub mod memory;
pub mod metrics;
pub mod outreach;
pub mod patch;
pub mod scoring;
pub mod shared;
pub mod skim;
pub mod staged;
pub mod sweep;
pub mod write;

use crate::domain::wizard::Entity;
use crate::domain::{
    EntityRef, Finding, Icp, Interview, Kind, Persona, Severity, Workspace, WorkspaceMeta,
};
use std::fmt;
use std::path::PathBuf;

pub use fs::{FsStore, Listing};
pub use memory::{MemoryStore, Outside};

/// A file that could not be read, or a finding about one that could.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Relative to the workspace, with `/` separators.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.path, self.line, self.column)?;
        if self.severity == Severity::Warning {
            write!(f, "warning: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// What a load found: everything that could be read, and what could not.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub workspace: Workspace,
    /// Files that failed to load; the rest of the workspace is complete.
    pub problems: Vec<Problem>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("there is no workspace at {}; create one with `persona init`", .0.display())]
    NoWorkspace(PathBuf),
    #[error("{} already exists; `init` never overwrites a workspace", .0.display())]
    AlreadyExists(PathBuf),
    #[error("{} is not empty; pick an empty or new folder for the workspace", .0.display())]
    NotEmpty(PathBuf),
    #[error("{path} exists on disk but could not be loaded, so it was not overwritten")]
    Unloaded { path: String },
    #[error("{path} was changed on disk since it was loaded, so it was not overwritten")]
    ChangedOnDisk { path: String },
    #[error("{path} was deleted or moved on disk since it was loaded, so it was not recreated")]
    Vanished { path: String },
    #[error("{path} already exists")]
    Occupied { path: String },
    #[error(
        "{path} names {what} but did not load, so a rename could not update it; nothing was renamed: fix that file (see `persona validate`) and rename again"
    )]
    NotUpdatable { path: String, what: String },
    #[error("there is no {entity}")]
    NotFound { entity: EntityRef },
    #[error("`{id}` cannot be used as an id: {reason}")]
    BadId { id: String, reason: String },
    #[error("could not write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not encode {path} as TOML: {message}")]
    Encode { path: String, message: String },
}

impl StoreError {
    /// Whether the save was refused because the file on disk is not the one
    /// that was loaded: someone else changed, removed or broke it. The
    /// user decides what happens next (reload, overwrite, save a copy).
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            StoreError::ChangedOnDisk { .. }
                | StoreError::Vanished { .. }
                | StoreError::Unloaded { .. }
        )
    }

    /// The file a conflict is about, relative to the workspace.
    pub fn conflict_path(&self) -> Option<&str> {
        match self {
            StoreError::ChangedOnDisk { path }
            | StoreError::Vanished { path }
            | StoreError::Unloaded { path } => Some(path),
            _ => None,
        }
    }
}

/// Something moved to the trash, and how to bring it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trashed {
    pub entity: EntityRef,
    /// Where it was, relative to the workspace.
    pub original: String,
    /// Where it is now, relative to the workspace.
    pub location: String,
}

/// Everything the app and the CLI need from where the workspace lives.
pub trait Store {
    fn load(&mut self) -> Result<Loaded, StoreError>;
    /// The workspace after this store's saves since the last load: what
    /// they changed, re-read (see [`patch`]), or the whole workspace when
    /// the store cannot tell.
    fn refresh(&mut self) -> Result<patch::Refresh, StoreError> {
        self.load().map(patch::Refresh::Whole)
    }
    fn save_meta(&mut self, meta: &WorkspaceMeta) -> Result<(), StoreError>;
    fn save_icp(&mut self, icp: &Icp) -> Result<(), StoreError>;
    fn save_persona(&mut self, persona: &Persona) -> Result<(), StoreError>;
    fn save_interview(&mut self, interview: &Interview) -> Result<(), StoreError>;
    /// Creates new interviews (an import), all or none, never replacing a
    /// file. Each interview's `id` is taken as the base of its id: when that
    /// id is taken on disk (by any file, even one that could not be loaded,
    /// or one another process created a moment ago), the next suffix is
    /// used (`dana-2`, `dana-3`). Returns the interviews with the ids they
    /// were saved under, in order.
    fn create_interviews(
        &mut self,
        interviews: Vec<Interview>,
    ) -> Result<Vec<Interview>, StoreError>;
    /// Saves an ICP, persona or interview over whatever is on disk now (a
    /// changed, vanished or unloadable file). Only after the user chose to:
    /// the normal saves refuse with [`StoreError::is_conflict`] errors.
    fn save_over(&mut self, entity: &Entity) -> Result<(), StoreError>;
    /// Moves an item to the trash (an ICP takes its personas with it).
    fn delete(&mut self, entity: &EntityRef) -> Result<Trashed, StoreError>;
    /// Puts a trashed item back where it was.
    fn restore(&mut self, trashed: &Trashed) -> Result<(), StoreError>;
    /// Gives an ICP, persona or interview a new id, carrying along what
    /// belongs to it (an ICP's personas) and what points to it (citations of
    /// an interview's highlights). `workspace` is the current state.
    fn rename(
        &mut self,
        workspace: &Workspace,
        entity: &EntityRef,
        new_id: &str,
    ) -> Result<(), StoreError>;
    /// Moves a persona into another ICP.
    fn move_persona(
        &mut self,
        workspace: &Workspace,
        persona: &str,
        icp: &str,
    ) -> Result<(), StoreError>;
    /// The workspace folder on disk, for files the store does not load
    /// itself (an ICP's scoring rules); `None` for a store in memory.
    fn folder(&self) -> Option<&std::path::Path> {
        None
    }
    /// Takes `print` as the version of the file at `relative` that the
    /// caller holds, read by another reader of the same workspace (the
    /// app's cards on demand): a save over that file is then guarded as if
    /// this store had read it. Nothing for a store in memory.
    fn as_read(&mut self, relative: &str, print: fingerprint::Fingerprint) {
        let _ = (relative, print);
    }
}

/// Turns a domain finding into a problem at a place in a file.
pub fn finding_to_problem(
    finding: &Finding,
    workspace: &Workspace,
    source: impl Fn(&str) -> Option<String>,
) -> Problem {
    let path = layout::entity_path(workspace, &finding.subject)
        .unwrap_or_else(|| format!("{} {}", finding.subject.kind, finding.subject.id));
    let (line, column) = match (&finding.near, source(&path)) {
        (Some(near), Some(text)) => locate::find(&text, near).unwrap_or((1, 1)),
        _ => (1, 1),
    };
    Problem {
        path,
        line,
        column,
        severity: finding.severity,
        message: format!("{} {}", finding.subject, finding.message),
    }
}

/// Ids chosen by a person must be slugs, so they land inside the workspace.
pub fn check_new_id(kind: Kind, id: &str) -> Result<(), StoreError> {
    if crate::domain::id::is_valid_id(id) && id.len() <= crate::domain::id::MAX_ID_LEN {
        Ok(())
    } else {
        Err(StoreError::BadId {
            id: id.to_string(),
            reason: format!(
                "a {} id uses lowercase letters, digits and `-`, at most {} characters",
                kind.label(),
                crate::domain::id::MAX_ID_LEN
            ),
        })
    }
}
