//! Reading and parsing the workspace's files, on every core.

use crate::domain::{Icp, Interview, Kind, Persona, Severity};
use crate::store::codec::{self, Versioned};
use crate::store::fingerprint::Fingerprint;
use crate::store::index::{Listed, Summary};
use crate::store::{Problem, layout};
use std::fs;
use std::io::{self, Read};
use std::path::Path;

impl Step {
    pub(super) fn job(&self) -> Option<&Job> {
        match self {
            Step::Read(job) => Some(job),
            Step::Problem(_) => None,
        }
    }
}

impl Parsed {
    pub(super) fn listed(self) -> Listed {
        match self {
            Parsed::Icp(icp) => Listed::icp(&icp),
            Parsed::Persona(persona) => Listed::persona(&persona),
            Parsed::Interview(interview) => Listed::interview(&interview),
        }
    }
}

/// A file the load will parse, with the ids its place gives it.
pub(super) enum Job {
    Icp(String),
    Persona(String, String),
    Interview(String),
    /// An interview read for the highlights a card quotes: its notes are
    /// skipped unread when that is safe (see [`crate::store::skim`]).
    Quoted(String),
}

/// One step of a load, in order: a file to parse, or a problem found while
/// listing a folder.
pub(super) enum Step {
    Read(Job),
    Problem(Problem),
}

pub(super) enum Parsed {
    Icp(Icp),
    Persona(Persona),
    Interview(Interview),
}

/// A parsed file (with its relative path and fingerprint), or its problem.
pub(super) type Outcome = (String, Result<Parsed, Problem>, Option<Fingerprint>);

impl Job {
    /// What is gone from the workspace when this file is.
    pub(super) fn gone(&self) -> crate::store::patch::Gone {
        use crate::store::patch::Gone;
        match self {
            Job::Icp(id) => Gone::Icp(id.clone()),
            Job::Persona(icp, id) => Gone::Persona {
                icp: icp.clone(),
                id: id.clone(),
            },
            Job::Interview(id) | Job::Quoted(id) => Gone::Interview(id.clone()),
        }
    }

    pub(super) fn relative(&self) -> String {
        match self {
            Job::Icp(icp) => layout::icp_file(icp),
            Job::Persona(icp, persona) => layout::persona_file(icp, persona),
            Job::Interview(id) | Job::Quoted(id) => layout::interview_file(id),
        }
    }

    /// The line of this file, from a cached summary.
    pub(super) fn listed(&self, summary: Summary) -> Listed {
        let (kind, id) = match self {
            Job::Icp(id) => (Kind::Icp, id),
            Job::Persona(_, id) => (Kind::Persona, id),
            Job::Interview(id) | Job::Quoted(id) => (Kind::Interview, id),
        };
        Listed {
            kind,
            id: id.clone(),
            summary,
        }
    }

    pub(super) fn parse(&self, root: &Path) -> Outcome {
        match self {
            Job::Icp(icp_id) => {
                let relative = layout::icp_file(icp_id);
                let (decoded, print) = read_file::<Icp>(root, &relative);
                let decoded = decoded.map(|mut icp| {
                    icp.id = icp_id.clone();
                    Parsed::Icp(icp)
                });
                (relative, decoded, print)
            }
            Job::Persona(icp_id, persona_id) => {
                let relative = layout::persona_file(icp_id, persona_id);
                let (decoded, print) = read_file::<Persona>(root, &relative);
                let decoded = decoded.map(|mut persona| {
                    persona.id = persona_id.clone();
                    persona.icp = icp_id.clone();
                    Parsed::Persona(persona)
                });
                (relative, decoded, print)
            }
            Job::Interview(id) | Job::Quoted(id) => {
                let relative = layout::interview_file(id);
                let (decoded, print) = match self {
                    Job::Quoted(_) => read_with(root, &relative, crate::store::skim::decode),
                    _ => read_file::<Interview>(root, &relative),
                };
                let decoded = decoded.map(|mut interview| {
                    interview.id = id.clone();
                    Parsed::Interview(interview)
                });
                (relative, decoded, print)
            }
        }
    }
}

/// Reads and parses one file; its fingerprint is taken from the open file
/// before reading, so a change made while it is read is caught at save.
pub(super) fn read_file<T: Versioned>(
    root: &Path,
    relative: &str,
) -> (Result<T, Problem>, Option<Fingerprint>) {
    read_with(root, relative, codec::decode::<T>)
}

/// [`read_file`] with another way to decode the bytes.
fn read_with<T>(
    root: &Path,
    relative: &str,
    decode: impl Fn(&str, &[u8]) -> Result<T, Problem>,
) -> (Result<T, Problem>, Option<Fingerprint>) {
    let read = || -> io::Result<(Vec<u8>, Option<Fingerprint>)> {
        let mut file = fs::File::open(root.join(relative))?;
        let meta = file.metadata().ok();
        let mut bytes = Vec::with_capacity(meta.as_ref().map_or(0, |m| m.len() as usize + 1));
        file.read_to_end(&mut bytes)?;
        let print = Fingerprint::of_bytes(&bytes, meta.and_then(|m| m.modified().ok()));
        Ok((bytes, Some(print)))
    };
    match read() {
        Ok((bytes, print)) => (decode(relative, &bytes), print),
        Err(error) => (
            Err(Problem {
                path: relative.to_string(),
                line: 1,
                column: 1,
                severity: Severity::Error,
                message: format!("could not be read: {error}"),
            }),
            None,
        ),
    }
}

/// Parses the files on every core (TOML parsing, not reading, is what takes
/// the time: about 4 of every 5 seconds on 10,000 personas), giving the
/// what `keep` makes of each outcome, in the order of `jobs`. Small
/// workspaces stay on one thread.
pub(super) fn parse_all<R: Send>(
    root: &Path,
    jobs: &[&Job],
    keep: impl Fn(Outcome) -> R + Sync,
) -> Vec<R> {
    crate::parallel::map_ordered(jobs, 64, |job| keep(job.parse(root)))
}
