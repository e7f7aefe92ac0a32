//! `persona list`: a line per file, from the index cache where it can.

use super::FsStore;
use super::parse::{Job, Step, parse_all};
use crate::domain::Severity;
use crate::domain::{Kind, WorkspaceMeta};
use crate::store::index::{Index, Listed, Stamp};
use crate::store::{Problem, StoreError, layout};
use std::collections::HashMap;
use std::fs;
use std::time::SystemTime;

impl FsStore {
    /// What `persona list` shows of every ICP, persona and interview, with
    /// the same problems [`Store::load`] reports, without holding the whole
    /// workspace: each file is summarised as soon as it is parsed, and a
    /// file unchanged since an earlier listing is not parsed at all (see
    /// [`index`](super::index)). Files listed this way cannot be saved
    /// through this store until it loads them.
    pub fn list(&mut self) -> Result<Listing, StoreError> {
        self.list_as_of(SystemTime::now())
    }

    /// [`FsStore::list`] as if it ran at `start`, which decides which files
    /// have settled long enough to be cached (for tests).
    #[doc(hidden)]
    pub fn list_as_of(&mut self, start: SystemTime) -> Result<Listing, StoreError> {
        if !self.exists() {
            return Err(StoreError::NoWorkspace(self.root.clone()));
        }
        let mut problems = Vec::new();
        // The workspace's own file and templates are few: parsed every time.
        self.read::<WorkspaceMeta>(layout::META, &mut problems);
        self.load_templates(&mut problems);
        let (profiles, interviews) = self.plan(&mut problems);
        let mut index = Index::open(&self.root);
        let mut cached: Vec<Option<Listed>> = Vec::new();
        let mut stale: Vec<(&Job, Option<Stamp>)> = Vec::new();
        for job in profiles.iter().chain(&interviews).filter_map(Step::job) {
            let stamp = fs::metadata(self.abs(&job.relative()))
                .ok()
                .map(|meta| Stamp::of(&meta));
            match stamp.and_then(|stamp| index.get(&job.relative(), stamp)) {
                Some(summary) => cached.push(Some(job.listed(summary))),
                None => {
                    cached.push(None);
                    stale.push((job, stamp));
                }
            }
        }
        let jobs: Vec<&Job> = stale.iter().map(|(job, _)| *job).collect();
        let parsed = parse_all(&self.root, &jobs, |(relative, decoded, _)| {
            (relative, decoded.map(|parsed| parsed.listed()))
        });
        let mut parsed = parsed
            .into_iter()
            .zip(stale.iter().map(|(_, stamp)| *stamp));
        let mut lines = cached.into_iter().map(|line| match line {
            Some(line) => Ok(line),
            None => {
                let ((relative, line), stamp) = parsed.next().expect("one outcome per file");
                if let (Ok(line), Some(stamp)) = (&line, stamp)
                    && stamp.settled(start)
                {
                    index.put(&relative, stamp, line.summary.clone());
                }
                line
            }
        });
        let mut listing = Listing::default();
        for step in &profiles {
            match step {
                Step::Problem(problem) => problems.push(problem.clone()),
                Step::Read(_) => match lines.next().expect("one line per file") {
                    Ok(line) if line.kind == Kind::Icp => listing.icps.push(line),
                    Ok(line) => listing.personas.push(line),
                    Err(problem) => problems.push(problem),
                },
            }
        }
        let mut owners: HashMap<String, String> = HashMap::new();
        listing.personas.retain(|line| {
            let icp = line.summary.icp.clone().unwrap_or_default();
            match owners.get(&line.id) {
                Some(first) => {
                    problems.push(duplicate_persona(&icp, &line.id, first));
                    false
                }
                None => {
                    owners.insert(line.id.clone(), icp);
                    true
                }
            }
        });
        for step in &interviews {
            match step {
                Step::Problem(problem) => problems.push(problem.clone()),
                Step::Read(_) => match lines.next().expect("one line per file") {
                    Ok(line) => listing.interviews.push(line),
                    Err(problem) => problems.push(problem),
                },
            }
        }
        drop(lines);
        index.save(&self.root);
        listing.problems = problems;
        Ok(listing)
    }
}

/// A persona id must be unique across ICPs, so `show ID` is never ambiguous.
pub(crate) fn duplicate_persona(icp: &str, id: &str, first: &str) -> Problem {
    Problem {
        path: layout::persona_file(icp, id),
        line: 1,
        column: 1,
        severity: Severity::Error,
        message: format!(
            "persona id `{id}` is already used in ICP `{first}`; rename one of the files"
        ),
    }
}

/// What [`FsStore::list`] found.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub icps: Vec<Listed>,
    pub personas: Vec<Listed>,
    pub interviews: Vec<Listed>,
    /// Files that failed to load, as [`Store::load`] reports them.
    pub problems: Vec<Problem>,
}
