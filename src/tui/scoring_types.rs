//! What the scoring screen exchanges with the rest of the app: the rules
//! and lead files the runtime reads for it ([`ScoringMsg`]), and the
//! questions its popups ask ([`Ask`]). Data only, so the effects, the
//! popups and the screen can all name them without importing each other.

use crate::domain::scoring::{LeadHeader, Scoring};
use std::path::PathBuf;

/// The app keeps at most this many leads of a file in memory; the rest are
/// counted (and `persona score` scores every one).
pub const MAX_LEADS: usize = 100_000;

/// An ICP's scoring file as read: its rules (`None`: it has none yet) and
/// its bytes, so a save can check nobody changed it meanwhile.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoringFile {
    pub scoring: Option<Scoring>,
    pub bytes: Option<Vec<u8>>,
    /// Comment lines in the file, which a save from the app does not keep.
    pub comments: usize,
}

/// A lead or deals file read whole (up to [`MAX_LEADS`] rows).
#[derive(Clone, Debug, PartialEq)]
pub struct LeadRows {
    pub header: LeadHeader,
    /// Each kept row: its line in the file and its cells.
    pub rows: Vec<(u64, Vec<String>)>,
    /// Every row of the file, kept or not.
    pub total: u64,
}

#[derive(Debug)]
pub enum ScoringMsg {
    /// The rules of `icp` were read (or could not be).
    Opened {
        icp: String,
        result: Result<ScoringFile, String>,
    },
    /// The rules were saved (the bytes now on disk), or not (why, and
    /// whether someone else changed the file meanwhile).
    Saved {
        icp: String,
        result: Result<Vec<u8>, (String, bool)>,
    },
    /// A lead file was read (or could not be).
    Leads {
        path: PathBuf,
        result: Result<LeadRows, String>,
    },
}

/// What a prompt or confirmation opened here was for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Why the rule (by id) rules leads out.
    Reason(String),
    DeleteRule(String),
    Tiers,
    OpenLeads,
    Outcome,
    /// Save although the file's comments will not be kept.
    DropComments,
}

/// A message ending with a full stop, its first letter as written (it
/// often starts with a file's path).
pub fn said(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}
