//! A change to the workspace as a patch: the files a save touched, read
//! again, for whoever holds the workspace to apply in place instead of
//! loading every file again (a rename at 50,000 personas re-reads one file,
//! not 60,000).
//!
//! The store makes the patch ([`FsStore::patch`](super::FsStore::patch)); the
//! app applies it ([`Patch::apply`]) and gets back where its lists changed
//! ([`Edit`]), so indexes kept beside the lists (the filter's) follow
//! without a rebuild. A patch applied to the workspace the store loaded
//! gives the workspace a new load would give.

use super::fingerprint::Fingerprint;
use super::{Loaded, Problem};
use crate::domain::{Icp, Interview, Persona, Workspace};
use std::collections::HashSet;

/// What a save changed, or the whole workspace when the store cannot tell.
#[derive(Debug)]
pub enum Refresh {
    Whole(Loaded),
    Patch(Patch),
}

/// Files read again after a save, and files found gone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Patch {
    /// ICPs, personas and interviews as they now are on disk (new or
    /// changed).
    pub icps: Vec<Icp>,
    pub personas: Vec<Persona>,
    pub interviews: Vec<Interview>,
    /// What is no longer on disk.
    pub gone: Vec<Gone>,
    /// ICP folders listed again in full: their personas not in `personas`
    /// are gone.
    pub folders: Vec<String>,
    /// The files (and folders, ending in `/`) looked at: what was reported
    /// about them before no longer holds.
    pub looked: Vec<String>,
    /// What was found wrong with the files looked at.
    pub problems: Vec<Problem>,
    /// The files read again, with their fingerprints as read: the version
    /// of each that the patched workspace holds, which a later save may
    /// replace.
    pub prints: Vec<(String, Fingerprint)>,
}

/// Something removed from disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gone {
    Icp(String),
    /// A persona file of an ICP folder (a persona of the same id in
    /// another folder stays).
    Persona {
        icp: String,
        id: String,
    },
    Interview(String),
}

/// Where one of the workspace's lists changed, in the order applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Icp(Change),
    Persona(Change),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Removed(usize),
    Inserted(usize),
    Replaced(usize),
}

impl Patch {
    pub fn is_empty(&self) -> bool {
        self.icps.is_empty()
            && self.personas.is_empty()
            && self.interviews.is_empty()
            && self.gone.is_empty()
            && self.folders.is_empty()
            && self.looked.is_empty()
    }

    /// Applies the patch to a workspace loaded by the same store (ICPs and
    /// interviews sorted by id, personas by ICP then id) and to its
    /// problems; returns where the ICP and persona lists changed.
    pub fn apply(self, ws: &mut Workspace, problems: &mut Vec<Problem>) -> Vec<Edit> {
        let mut edits = Vec::new();
        let folders: HashSet<&str> = self.folders.iter().map(String::as_str).collect();
        let kept: HashSet<(&str, &str)> = self
            .personas
            .iter()
            .map(|p| (p.icp.as_str(), p.id.as_str()))
            .collect();
        // Removals first (from the back, so positions stay true), then
        // replacements and insertions in sorted place.
        for i in (0..ws.personas.len()).rev() {
            let p = &ws.personas[i];
            let gone =
                self.gone.iter().any(
                    |g| matches!(g, Gone::Persona { icp, id } if *icp == p.icp && *id == p.id),
                ) || (folders.contains(p.icp.as_str())
                    && !kept.contains(&(p.icp.as_str(), p.id.as_str())));
            if gone {
                ws.remove_persona(i);
                edits.push(Edit::Persona(Change::Removed(i)));
            }
        }
        for gone in &self.gone {
            match gone {
                Gone::Icp(id) => {
                    if let Some(i) = ws.icps.iter().position(|x| x.id == *id) {
                        ws.remove_icp(i);
                        edits.push(Edit::Icp(Change::Removed(i)));
                    }
                }
                Gone::Interview(id) => {
                    if let Some(i) = ws.interviews.iter().position(|x| x.id == *id) {
                        ws.remove_interview(i);
                    }
                }
                Gone::Persona { .. } => {}
            }
        }
        for icp in self.icps {
            match ws.icps.binary_search_by(|x| x.id.cmp(&icp.id)) {
                Ok(i) => {
                    ws.replace_icp(i, icp);
                    edits.push(Edit::Icp(Change::Replaced(i)));
                }
                Err(i) => {
                    ws.insert_icp(i, icp);
                    edits.push(Edit::Icp(Change::Inserted(i)));
                }
            }
        }
        let mut problems_found = self.problems;
        for persona in self.personas {
            let found = ws.personas.binary_search_by(|x| {
                (x.icp.as_str(), x.id.as_str()).cmp(&(persona.icp.as_str(), persona.id.as_str()))
            });
            // A persona id is unique across ICPs: as a load does, the
            // second file of one id is reported, not shown.
            let twin = match found {
                Ok(_) => None,
                Err(_) => ws.persona(&persona.id),
            };
            if let Some(first) = twin {
                problems_found.push(super::fs::duplicate_persona(
                    &persona.icp,
                    &persona.id,
                    &first.icp,
                ));
                continue;
            }
            match found {
                Ok(i) => {
                    ws.replace_persona(i, persona);
                    edits.push(Edit::Persona(Change::Replaced(i)));
                }
                Err(i) => {
                    ws.insert_persona(i, persona);
                    edits.push(Edit::Persona(Change::Inserted(i)));
                }
            }
        }
        for interview in self.interviews {
            match ws.interviews.binary_search_by(|x| x.id.cmp(&interview.id)) {
                Ok(i) => {
                    ws.replace_interview(i, interview);
                }
                Err(i) => ws.insert_interview(i, interview),
            }
        }
        let looked: HashSet<&str> = self.looked.iter().map(String::as_str).collect();
        let folders: Vec<&str> = self
            .looked
            .iter()
            .filter(|l| l.ends_with('/'))
            .map(String::as_str)
            .collect();
        problems.retain(|p| {
            !looked.contains(p.path.as_str()) && !folders.iter().any(|f| p.path.starts_with(f))
        });
        problems.extend(problems_found);
        edits
    }
}
