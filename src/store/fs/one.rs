//! One ICP or persona without the rest of the workspace: what `show ID`
//! and `export ID` need is the item, its ICP or personas, and the
//! interviews they cite, not 60,000 files.

use super::FsStore;
use super::parse::{Job, Parsed};
use crate::domain::id::is_valid_id;
use crate::domain::{Kind, Workspace, WorkspaceMeta};
use crate::store::{Loaded, layout};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One ICP or persona, by where its file is, and what comes with it.
#[derive(Clone, Copy, Debug)]
pub enum OneCard<'a> {
    /// An ICP, with its personas or without.
    Icp { id: &'a str, personas: Personas },
    /// A persona, with its ICP or without (a caller that holds it).
    Persona {
        icp: &'a str,
        id: &'a str,
        with_icp: bool,
    },
}

/// Which of an ICP's personas come with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Personas {
    /// None: its card names them, which a caller may know already.
    Without,
    /// Each read, without the interviews it cites: what the ICP's page
    /// shows of them (names and job titles).
    Named,
    /// Each with the interviews it cites, so each can be shown as a card.
    Quoted,
}

impl FsStore {
    /// The workspace cut down to one ICP (with its personas, as `personas`
    /// says) or one persona (with its ICP), the interviews they cite, the
    /// templates and the workspace's own file: rendered, the item reads as
    /// it does from a full load. `kind` narrows what `id` may be.
    ///
    /// `None` when `id` names no single ICP or persona that loads (nothing,
    /// an interview, several kinds, or a broken file): the caller then
    /// loads everything, which says why in the usual words.
    pub fn load_one(&mut self, kind: Option<Kind>, id: &str, personas: Personas) -> Option<Loaded> {
        if !self.exists() || !is_valid_id(id) {
            return None;
        }
        let may = |k: Kind| kind.is_none_or(|want| want == k);
        let icp = may(Kind::Icp) && self.abs(&layout::icp_file(id)).is_file();
        let interview = may(Kind::Interview) && self.abs(&layout::interview_file(id)).exists();
        let mut folders = Vec::new();
        if may(Kind::Persona) {
            let icps = self.abs(layout::ICPS);
            let probe = Probe::new(&icps);
            // The listing's hint first: one check instead of one per ICP.
            let hinted = crate::store::homes::find(&self.root, id)
                .filter(|icp| probe.is_file(&format!("{icp}/personas/{id}.toml")));
            let looked = if hinted.is_some() {
                Vec::new()
            } else {
                fs::read_dir(&icps).ok()?.flatten().collect()
            };
            folders.extend(hinted);
            for entry in looked {
                let folder = entry.file_name().to_string_lossy().into_owned();
                if is_valid_id(&folder) && probe.is_file(&format!("{folder}/personas/{id}.toml")) {
                    folders.push(folder);
                }
            }
        }
        if interview || usize::from(icp) + folders.len() != 1 {
            return None;
        }
        let card = if icp {
            OneCard::Icp { id, personas }
        } else {
            OneCard::Persona {
                icp: &folders[0],
                id,
                with_icp: true,
            }
        };
        self.load_card(card, true)
    }

    /// [`FsStore::load_one`] for a card whose place is known (the app knows
    /// each persona's ICP from its index), without looking through the
    /// ICP folders. With `base`, the workspace's own file, the templates
    /// and the outcomes come too; without, only the cards (for a caller
    /// that has those already).
    pub fn load_card(&mut self, card: OneCard, base: bool) -> Option<Loaded> {
        let mut problems = Vec::new();
        let mut workspace = self.base(base, &mut problems)?;
        let mut jobs = Vec::new();
        match card {
            OneCard::Icp { id, personas } => {
                jobs.push(Job::Icp(id.to_string()));
                if personas != Personas::Without {
                    let folder = format!("{}/personas", layout::icp_dir(id));
                    for persona in self.list_ids(&folder, &mut problems, false) {
                        jobs.push(Job::Persona(id.to_string(), persona));
                    }
                }
            }
            OneCard::Persona { icp, id, with_icp } => {
                if with_icp && self.abs(&layout::icp_file(icp)).is_file() {
                    jobs.push(Job::Icp(icp.to_string()));
                }
                jobs.push(Job::Persona(icp.to_string(), id.to_string()));
            }
        }
        self.take(&jobs, &mut workspace, &mut problems);
        let wanted = match card {
            OneCard::Icp { id, .. } => workspace.icp(id).is_some(),
            OneCard::Persona { id, .. } => workspace.personas.iter().any(|p| p.id == id),
        };
        if !wanted {
            return None;
        }
        // The interviews the card itself cites. A persona's page names its
        // ICP and nothing more, and an ICP's page names its personas and
        // their job titles: what comes along brings its quotes only when
        // asked for.
        let (icps, personas) = match card {
            OneCard::Icp { personas, .. } => (
                workspace.icps.as_slice(),
                match personas {
                    Personas::Quoted => workspace.personas.as_slice(),
                    _ => &[],
                },
            ),
            OneCard::Persona { .. } => (&[][..], workspace.personas.as_slice()),
        };
        let mut cited = BTreeSet::new();
        let profiles = (icps.iter().map(|i| &i.fields)).chain(personas.iter().map(|p| &p.fields));
        for fields in profiles {
            for item in fields.values().flatten() {
                cited.extend(item.cites.iter().map(|c| c.interview.to_string()));
            }
        }
        for persona in personas {
            for row in &persona.messaging {
                cited.extend(row.cites.iter().map(|c| c.interview.to_string()));
            }
        }
        let jobs: Vec<Job> = cited
            .into_iter()
            .filter(|i| is_valid_id(i) && self.abs(&layout::interview_file(i)).exists())
            .map(Job::Quoted)
            .collect();
        Some(self.read_in(&jobs, workspace, problems, base))
    }

    /// Every interview, each read for its highlights only (its notes are
    /// skipped, as for the quotes a card shows): what the wizard offers to
    /// cite beside each question. With `base`, as for
    /// [`FsStore::load_card`]. `None` when the workspace's own file does
    /// not load.
    pub fn load_quotes(&mut self, base: bool) -> Option<Loaded> {
        let mut problems = Vec::new();
        let workspace = self.base(base, &mut problems)?;
        let ids = self.ids_in(layout::INTERVIEWS, &mut problems, false);
        let jobs: Vec<Job> = ids.into_iter().map(Job::Quoted).collect();
        Some(self.read_in(&jobs, workspace, problems, base))
    }

    /// Parses `jobs` into `workspace`, with the outcomes when `base` (cards
    /// flag theirs): what was read, and what was wrong.
    fn read_in(
        &mut self,
        jobs: &[Job],
        mut workspace: Workspace,
        mut problems: Vec<crate::store::Problem>,
        base: bool,
    ) -> Loaded {
        self.take(jobs, &mut workspace, &mut problems);
        if base {
            // The few files of `metrics/`.
            let metrics = crate::store::metrics::load(&self.root);
            problems.extend(metrics.problems);
            workspace.outcomes = crate::domain::metrics::cards::Outcomes::new(metrics.snapshots);
        }
        Loaded {
            workspace,
            problems,
        }
    }

    /// An empty workspace to read cards into: with `base`, the workspace's
    /// own file and the templates (`None` when that file does not load).
    fn base(&mut self, base: bool, problems: &mut Vec<crate::store::Problem>) -> Option<Workspace> {
        if !base {
            return Some(Workspace::new(WorkspaceMeta::new("")));
        }
        let meta = self.read::<WorkspaceMeta>(layout::META, problems)?;
        let mut workspace = Workspace::new(meta);
        workspace.templates = self.load_templates(problems);
        Some(workspace)
    }

    /// Parses `jobs` into the workspace, in order (ICPs, personas and
    /// interviews each stay sorted as a load leaves them).
    fn take(
        &mut self,
        jobs: &[Job],
        workspace: &mut Workspace,
        problems: &mut Vec<crate::store::Problem>,
    ) {
        let refs: Vec<&Job> = jobs.iter().collect();
        for (relative, decoded, print) in self.parse_counted(&refs) {
            match self.remember(&relative, decoded, print, problems) {
                Some(Parsed::Icp(icp)) => workspace.icps.push(icp),
                Some(Parsed::Persona(persona)) => workspace.personas.push(persona),
                Some(Parsed::Interview(interview)) => workspace.interviews.push(interview),
                None => {}
            }
        }
    }
}
/// Asks whether files exist in one folder, each by its path from that
/// folder: looking for a persona in 1,000 ICP folders walks 3 path parts
/// per folder rather than the whole path from the workspace's parent.
struct Probe {
    dir: PathBuf,
    #[cfg(unix)]
    handle: Option<fs::File>,
}

impl Probe {
    fn new(dir: &Path) -> Probe {
        Probe {
            dir: dir.to_path_buf(),
            #[cfg(unix)]
            handle: fs::File::open(dir).ok(),
        }
    }

    /// Whether `relative` (inside the folder) is a file, following links.
    fn is_file(&self, relative: &str) -> bool {
        #[cfg(unix)]
        if let Some(handle) = &self.handle
            && let Ok(name) = std::ffi::CString::new(relative)
        {
            use std::os::fd::AsRawFd;
            let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
            // SAFETY: the folder stays open and `name` is NUL-terminated for
            // the call; `stat` is only read after the call filled it.
            let found =
                unsafe { libc::fstatat(handle.as_raw_fd(), name.as_ptr(), stat.as_mut_ptr(), 0) };
            if found != 0 {
                return false;
            }
            // SAFETY: fstatat returned 0, so it wrote the whole struct.
            let mode = unsafe { stat.assume_init() }.st_mode;
            return mode & libc::S_IFMT == libc::S_IFREG;
        }
        self.dir.join(relative).is_file()
    }
}
