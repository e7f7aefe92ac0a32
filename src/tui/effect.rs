//! Effects: what the app asks the outside world to do (touch the disk, run
//! `$EDITOR`), performed by the runtime ([`super::perform`]), with the
//! outcome fed back as a [`Msg`]. Data only: tests assert effects without
//! performing them.

use super::conflict::Conflict;
use super::outreach_files::OutreachFiles;
use crate::domain::outreach::OutreachTemplate;
use crate::domain::wizard::Entity;
use crate::domain::{EntityRef, Interview, Persona};
use crate::store::drafts::{Draft, DraftFile};
use crate::store::outreach::TemplateFile;
use crate::store::patch::Refresh;
use crate::store::{Loaded, StoreError, Trashed};
use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// First run: create the workspace, empty or with the demo.
    CreateWorkspace { demo: bool },
    /// Write a (new or changed) persona.
    SavePersona(Persona),
    /// Move an ICP, persona or interview to the trash.
    Delete(EntityRef),
    /// Bring back what the last delete trashed.
    Restore(Trashed),
    /// Give an ICP or persona a new name, and the id that goes with it.
    Rename {
        entity: EntityRef,
        name: String,
        new_id: String,
    },
    /// Move a persona into another ICP.
    Move { persona: String, icp: String },
    /// Write the items as markdown: one file, or a folder of files;
    /// `redact`: people and companies described, contact details masked;
    /// `from_files`: the app holds only some cards, so the export reads the
    /// workspace from its files instead (a redacted export numbers the
    /// people of every interview, which the app does not hold then).
    Export {
        path: PathBuf,
        items: Vec<EntityRef>,
        redact: bool,
        from_files: bool,
    },
    /// Save what the wizard made, then remove its draft (when one was
    /// written).
    SaveWizard {
        entity: Entity,
        draft: Option<String>,
    },
    /// Write a wizard draft to `.drafts/` (atomically, never over a file
    /// that is not its own).
    WriteDraft(Draft),
    /// Throw a draft away.
    RemoveDraft(String),
    /// Write a (new or changed) interview.
    SaveInterview(Interview),
    /// Turn notes files (or folders of them) into interviews.
    ImportNotes {
        paths: Vec<PathBuf>,
        icp: Option<String>,
    },
    /// Edit an interview's notes in `$EDITOR`, the way git does.
    EditNotes { interview: String, notes: String },
    /// The user chose to save their version over a file that changed,
    /// vanished or could not be loaded (then the wizard's draft goes).
    SaveOver {
        entity: Entity,
        draft: Option<String>,
    },
    /// Read the workspace from disk again, taking in others' changes.
    Reload { message: String },
    /// Read every card (they came on demand until now), with a progress
    /// line.
    ReadAll,
    /// Read every interview for its highlights (cards on demand): the
    /// quotes the wizard offers, with a progress line.
    ReadQuotes,
    /// `then`, a change to cards read on demand: `prints` are the files it
    /// saves over, as the app read them, so the store guards those saves
    /// as if it had read them itself (an outside change is still refused).
    AsRead {
        prints: Vec<(String, crate::store::fingerprint::Fingerprint)>,
        then: Box<Effect>,
    },
    /// Read the outreach templates, and a lead file to preview them on.
    LoadOutreach { leads: Option<PathBuf> },
    /// Write an outreach template (atomically; `expected` is the text it
    /// was read from, `None` for a new one: never over another version).
    SaveOutreach {
        template: OutreachTemplate,
        expected: Option<String>,
    },
    /// Edit an outreach template's body in `$EDITOR`.
    EditOutreach { text: String },
    /// Look through the shared files for merge conflicts and personal
    /// details (the problems panel).
    Scan,
    /// Settle one conflict of a file by keeping a side; written only if
    /// the file still holds `before`.
    Settle {
        path: String,
        before: String,
        which: crate::merge::settle::Which,
        choice: crate::domain::conflict::Choice,
    },
    /// A card's history, from git.
    History(EntityRef),
    /// Save an ICP whose best customers were edited here; a customer
    /// `removed` from its list is first kept in the workspace's trash as a
    /// file of its own (`.trash/<time>/icps/<id>/best-customers/<name>.toml`).
    SaveIcp {
        icp: crate::domain::Icp,
        message: String,
        removed: Option<Box<crate::domain::BestCustomer>>,
    },
    /// Read a customer export for an ICP without writing anything, and show
    /// what importing it would do. `input` is the path and any options of
    /// `persona import-customers`.
    PreviewCustomers { icp: String, input: String },
    /// Import a customer export into an ICP (after its preview).
    ImportCustomers { icp: String, input: String },
    /// Read an ICP's scoring rules (for its scoring screen).
    OpenScoring { icp: String },
    /// Save an ICP's scoring rules if the file still holds `read` (its
    /// bytes when read; `None`: there was no file).
    SaveScoring {
        scoring: crate::domain::scoring::Scoring,
        read: Option<Vec<u8>>,
    },
    /// Read a lead or deals file to score on the scoring screen.
    ReadLeads { path: PathBuf },
}

/// The outcome of an effect.
#[derive(Debug)]
pub enum Msg {
    /// The workspace was created (or could not be).
    Created(Result<Loaded, String>),
    /// A draft was written (under the name in it), or could not be.
    Drafted(Result<DraftFile, StoreError>),
    /// A draft was removed (or could not be); the drafts now on disk.
    DraftRemoved(Result<Vec<DraftFile>, StoreError>),
    /// Anything else: a sentence for the user, the workspace as it now is
    /// on disk, and what to select.
    Done(Outcome),
    /// `$EDITOR` finished with an interview's notes (the new text), or
    /// could not run. The terminal needs a full redraw after it.
    Edited {
        interview: String,
        result: Result<String, String>,
    },
    /// The outreach templates (and lead file) as read.
    Outreach(Box<OutreachFiles>),
    /// An outreach template saved and read back, or why not.
    OutreachSaved(Result<TemplateFile, String>),
    /// `$EDITOR` finished with a template's body (or could not run).
    OutreachEdited(Result<String, String>),
    /// What a look through the files found.
    Scanned(super::findings::Findings),
    /// A conflict was settled (or not): the sentence, the file as it now
    /// is (`None`: gone), the workspace reloaded and the files looked at
    /// again.
    Settled {
        path: String,
        message: Result<String, String>,
        text: Option<String>,
        reloaded: Option<Loaded>,
        findings: super::findings::Findings,
    },
    /// Every interview read for its highlights ([`Effect::ReadQuotes`]);
    /// `None` when the workspace's own file could not be read.
    Quotes(Option<Loaded>),
    /// A card's history from git, or why there is none.
    History {
        entity: EntityRef,
        history: Result<crate::git::history::History, String>,
    },
    /// What importing a customer export would do (the confirmation's
    /// text), or why it cannot be imported.
    CustomersPreviewed {
        input: String,
        result: Result<String, String>,
    },
    /// A scoring screen's file was read or saved, or a lead file read.
    Scoring(super::scoring_types::ScoringMsg),
}

#[derive(Debug)]
pub struct Outcome {
    pub message: Result<String, String>,
    /// The workspace as it now is: what changed, or all of it.
    pub reloaded: Option<Refresh>,
    pub trashed: Option<Trashed>,
    pub select: Option<EntityRef>,
    /// A save refused because the file changed, vanished or did not load:
    /// the app asks the user what to do. The workspace is then not
    /// reloaded, so saving again is refused again until they choose.
    pub conflict: Option<Box<Conflict>>,
}

impl Outcome {
    pub fn new() -> Outcome {
        Outcome {
            message: Ok(String::new()),
            reloaded: None,
            trashed: None,
            select: None,
            conflict: None,
        }
    }
}

impl Default for Outcome {
    fn default() -> Self {
        Outcome::new()
    }
}
