//! Notes files into the workspace: the one import `persona import-notes`
//! and the app's `I` share. Every file is read and checked first (all the
//! bad ones named at once, and then nothing is imported); then every
//! interview is created, all or none, each under the first id free on disk
//! (two imports at once, or an app window beside a script, never take the
//! same file).

use super::{NoteFile, NotesProblems, read_notes};
use crate::domain::{Interview, Kind, id};
use crate::store::{Store, StoreError};
use jiff::Timestamp;
use std::path::PathBuf;

/// One interview created by an import, and the file it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub interview: Interview,
    pub path: PathBuf,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Files that could not be read or understood (each named).
    #[error("{0}")]
    Files(NotesProblems),
    /// The interviews could not be written.
    #[error("{0}; nothing was imported")]
    Store(StoreError),
}

/// The interview a notes file becomes: its id is the title's slug (the
/// store adds the first suffix free on disk), filed under `icp` when one
/// is given, created and updated `now`.
pub fn interview(file: &NoteFile, icp: Option<&str>, now: Timestamp) -> Interview {
    let base = id::slugify(&file.parsed.title, Kind::Interview.fallback_id());
    let mut interview = file.parsed.clone().into_interview(base);
    if let Some(icp) = icp {
        interview.icp = Some(icp.to_string());
    }
    interview.created = Some(now);
    interview.updated = Some(now);
    interview
}

/// Imports the notes files at `paths` (a folder stands for the notes files
/// in it) into `store`, all or none. Returns what was created, in order.
pub fn import<S: Store + ?Sized>(
    store: &mut S,
    paths: &[PathBuf],
    icp: Option<&str>,
    now: Timestamp,
) -> Result<Vec<Imported>, ImportError> {
    let files = read_notes(paths).map_err(ImportError::Files)?;
    let interviews = files.iter().map(|f| interview(f, icp, now)).collect();
    let saved = store
        .create_interviews(interviews)
        .map_err(ImportError::Store)?;
    Ok(saved
        .into_iter()
        .zip(files)
        .map(|(interview, file)| Imported {
            interview,
            path: file.path,
        })
        .collect())
}
