//! `persona list`: a line per file, from the index cache where it can.

use super::FsStore;
use super::parse::{Job, Step, parse_all};
use crate::domain::Severity;
use crate::domain::{Kind, WorkspaceMeta};
use crate::store::index::{Index, Listed, Stamp, Unsaved};
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
        let (listing, cache) = self.list_all(start)?;
        cache.save();
        Ok(listing)
    }

    /// [`FsStore::list`] when the index cache already holds nearly every
    /// file (at most `most_stale` files, or one in ten, need parsing);
    /// otherwise (no cache yet, a fresh clone, a pull that changed most
    /// files) the listing half done, which says how many persona files
    /// there are, so the caller can choose between a whole load and
    /// finishing it ([`FsStore::list_rest`]: every file the cache does not
    /// hold is parsed for its line and let go, so a large workspace opened
    /// without a cache is never held whole). The app draws its
    /// first frame from this, and writes the cache as it now should be
    /// (18 MB at 50,000 personas) after that frame: that is the [`Unsaved`]
    /// cache returned.
    pub fn list_cached(&mut self, most_stale: usize) -> Result<Cached, StoreError> {
        self.list_within(SystemTime::now(), most_stale)
    }

    /// Every file listed, parsing as many as need it.
    fn list_all(&mut self, start: SystemTime) -> Result<(Listing, Unsaved), StoreError> {
        let planned = self.plan_listing(start)?;
        Ok(self.list_rest(planned))
    }

    fn list_within(&mut self, start: SystemTime, most_stale: usize) -> Result<Cached, StoreError> {
        let planned = self.plan_listing(start)?;
        let stale = planned.found.iter().filter(|f| f.is_err()).count();
        if stale > most_stale.max(planned.found.len() / 10) {
            return Ok(Cached::Cold(planned));
        }
        let (listing, cache) = self.list_rest(planned);
        Ok(Cached::Warm(listing, cache))
    }

    /// A listing's first half: the workspace's own file and templates
    /// read, the folders listed, and every file looked up in the index
    /// cache by its stamp.
    fn plan_listing(&mut self, start: SystemTime) -> Result<Planned, StoreError> {
        if !self.exists() {
            return Err(StoreError::NoWorkspace(self.root.clone()));
        }
        let mut problems = Vec::new();
        // The workspace's own file and templates are few: parsed every time.
        let meta = self.read::<WorkspaceMeta>(layout::META, &mut problems);
        self.load_templates(&mut problems);
        let (profiles, interviews) = self.plan(&mut problems);
        let mut index = Index::open(&self.root);
        let mut found: Vec<Found> = Vec::new();
        for job in profiles.iter().chain(&interviews).filter_map(Step::job) {
            index.saw(job.relative());
            let stamp = fs::metadata(self.abs(&job.relative()))
                .ok()
                .map(|meta| Stamp::of(&meta));
            match stamp.and_then(|stamp| index.get(&job.relative(), stamp)) {
                Some(summary) => found.push(Ok(job.listed(summary))),
                None => found.push(Err(stamp)),
            }
        }
        Ok(Planned {
            start,
            meta,
            problems,
            profiles,
            interviews,
            index,
            found,
        })
    }

    /// A listing's second half: the files the cache does not hold parsed
    /// (on every core) for their lines, and the listing put together in
    /// the order of the folders.
    pub fn list_rest(&self, planned: Planned) -> (Listing, Unsaved) {
        let Planned {
            start,
            meta,
            mut problems,
            profiles,
            interviews,
            mut index,
            found,
        } = planned;
        let all = profiles.iter().chain(&interviews).filter_map(Step::job);
        let jobs: Vec<&Job> = all
            .zip(&found)
            .filter(|(_, line)| line.is_err())
            .map(|(job, _)| job)
            .collect();
        let parsed = parse_all(&self.root, &jobs, |(relative, decoded, _)| {
            (relative, decoded.map(|parsed| parsed.listed()))
        });
        let mut parsed = parsed.into_iter();
        let mut lines = found.into_iter().map(|line| match line {
            Ok(line) => Ok(line),
            Err(stamp) => {
                let (relative, line) = parsed.next().expect("one outcome per file");
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
        listing.problems = problems;
        listing.meta = meta;
        (listing, Unsaved::new(index, &self.root))
    }

    /// Writes the index cache from a whole load that began at `start`, so
    /// the next [`FsStore::list_cached`] finds it warm. A file is kept with
    /// its stamp of now only when it was last changed before the load
    /// began (and [`SETTLE`](crate::store::index::SETTLE) before that): one
    /// changed since may not be the version that was parsed.
    pub fn remember_listing(&self, workspace: &crate::domain::Workspace, start: SystemTime) {
        let mut index = Index::open(&self.root);
        let lines = workspace
            .icps
            .iter()
            .map(|icp| (layout::icp_file(&icp.id), Listed::icp(icp)))
            .chain(workspace.personas.iter().map(|persona| {
                (
                    layout::persona_file(&persona.icp, &persona.id),
                    Listed::persona(persona),
                )
            }))
            .chain(workspace.interviews.iter().map(|interview| {
                (
                    layout::interview_file(&interview.id),
                    Listed::interview(interview),
                )
            }));
        for (relative, line) in lines {
            index.saw(relative.clone());
            if let Ok(meta) = fs::metadata(self.abs(&relative)) {
                let stamp = Stamp::of(&meta);
                if stamp.settled(start) {
                    index.put(&relative, stamp, line.summary);
                }
            }
        }
        index.save(&self.root);
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

/// What [`FsStore::list_cached`] found (once per start: its size does not
/// matter).
#[allow(clippy::large_enum_variant)]
pub enum Cached {
    /// The listing, drawn from the cache, and the cache as it now should be.
    Warm(Listing, Unsaved),
    /// Too many files are not in the cache: the listing half done.
    Cold(Planned),
}

/// A listing half done (see [`FsStore::list_cached`]): the folders listed
/// and every file looked up in the cache, the files it does not hold not
/// parsed yet.
pub struct Planned {
    /// When the listing began: a file changed since (or just before) is
    /// not cached.
    start: SystemTime,
    meta: Option<WorkspaceMeta>,
    problems: Vec<Problem>,
    profiles: Vec<Step>,
    interviews: Vec<Step>,
    index: Index,
    /// Each file in listing order: its line from the cache, or the stamp
    /// it had when looked up (to cache it under), to be parsed.
    found: Vec<Found>,
}

/// A file's line from the cache, or its stamp (`None`: it could not be
/// looked at) when the cache does not hold it.
type Found = Result<Listed, Option<Stamp>>;

impl Planned {
    /// How many persona files the workspace has.
    pub fn personas(&self) -> usize {
        (self.profiles.iter())
            .filter(|step| matches!(step, Step::Read(Job::Persona(..))))
            .count()
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
    /// The workspace's own file, when it loaded.
    pub meta: Option<WorkspaceMeta>,
}
