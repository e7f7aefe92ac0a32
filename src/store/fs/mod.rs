//! The workspace as a folder of TOML files.
//!
//! One job per file: this one holds the store itself (guarded saves and the
//! [`Store`] implementation); `parse` reads files on every core, `listing`
//! serves `persona list`, `trash` moves things to the trash and back,
//! `moves` renames items and moves personas, `one` reads one card,
//! `templates` and `init` do what they say, `fingerprint` tells whether a
//! file changed.

mod each;
mod init;
mod listing;
mod moves;
mod one;
mod parse;
mod references;
mod refresh;
mod templates;
mod trash;
mod validate;

pub use listing::{Cached, Listing, Planned};
pub use one::{OneCard, Personas};
pub use templates::{builtin_templates, builtin_workspace};

use super::fingerprint::Fingerprint;
pub(crate) use listing::duplicate_persona;
use parse::{Job, Parsed, Step, parse_all, read_file};

use super::atomic;
use super::codec::{self, Versioned};
use super::layout;
use super::write::{self, Expect, Refusal};
use super::{Loaded, Problem, Store, StoreError, Trashed, check_new_id};
use crate::domain::wizard::Entity;
use crate::domain::{
    EntityRef, Icp, Interview, Kind, Persona, Severity, Workspace, WorkspaceMeta, id,
    id::is_valid_id,
};
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub struct FsStore {
    root: PathBuf,
    /// Files as this store last read or wrote them, by relative path.
    seen: HashMap<String, Fingerprint>,
    /// Files and folders written, moved or removed since the last load or
    /// refresh (see [`FsStore::patch`]).
    touched: Vec<String>,
    /// The folders a load listed, with their modification times then: a
    /// folder whose time moved had files added, removed or replaced.
    folders: HashMap<String, Option<std::time::SystemTime>>,
    /// Where a load counts the files it has parsed (the app's progress line).
    progress: Option<std::sync::Arc<Progress>>,
}

/// How far a load is: files parsed of files to parse, readable from another
/// thread while the load runs.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: std::sync::atomic::AtomicUsize,
    pub total: std::sync::atomic::AtomicUsize,
}

impl Progress {
    /// `(done, total)` as of now.
    pub fn get(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.done.load(Relaxed), self.total.load(Relaxed))
    }
}

impl FsStore {
    /// Parses `jobs` on every core (see [`parse_all`]), counting each file
    /// in the progress given to [`FsStore::report_to`], if any.
    fn parse_counted(&self, jobs: &[&Job]) -> Vec<parse::Outcome> {
        use std::sync::atomic::Ordering::Relaxed;
        let counter = self.progress.as_deref();
        if let Some(counter) = counter {
            counter.done.store(0, Relaxed);
            counter.total.store(jobs.len(), Relaxed);
        }
        parse_all(&self.root, jobs, |outcome| {
            if let Some(counter) = counter {
                counter.done.fetch_add(1, Relaxed);
            }
            outcome
        })
    }
}

impl FsStore {
    /// A store for the workspace at `root` (which may not exist yet).
    pub fn new(root: impl Into<PathBuf>) -> FsStore {
        FsStore {
            root: root.into(),
            seen: HashMap::new(),
            touched: Vec::new(),
            folders: HashMap::new(),
            progress: None,
        }
    }

    /// Makes the next loads count their progress in `progress`.
    pub fn report_to(&mut self, progress: std::sync::Arc<Progress>) {
        self.progress = Some(progress);
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn exists(&self) -> bool {
        self.root.join(layout::META).is_file()
    }

    fn abs(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The version of the file at `relative` this store last read or wrote.
    pub fn print_of(&self, relative: &str) -> Option<Fingerprint> {
        self.seen.get(relative).copied()
    }

    /// Reads the text of a workspace file (for pointing at lines).
    pub fn read_text(&self, relative: &str) -> Option<String> {
        fs::read_to_string(self.abs(relative)).ok()
    }

    /// Writes a file atomically if it is as `expect` says (see
    /// [`write`](super::write)), and remembers what it now holds.
    fn write(&mut self, relative: &str, text: &str, expect: Expect) -> Result<(), StoreError> {
        let bytes = text.as_bytes();
        write::write(&self.root, &self.abs(relative), bytes, expect).map_err(|refusal| {
            match refusal {
                // A file this store never loaded: one that failed to load,
                // or one another process created since.
                Refusal::Occupied if expect == Expect::Absent && self.exists() => {
                    StoreError::Unloaded {
                        path: relative.to_string(),
                    }
                }
                refusal => refusal.into_store_error(relative),
            }
        })?;
        self.seen
            .insert(relative.to_string(), Fingerprint::of_content(bytes));
        self.touch(relative);
        Ok(())
    }

    /// What a save may replace: the file as this store last read or wrote
    /// it, or nothing when it never saw one. A file changed, removed or
    /// created on disk since is refused, checked under the workspace lock
    /// at the moment of the rename.
    fn expected(&self, relative: &str) -> Expect {
        match self.seen.get(relative) {
            Some(print) => Expect::Content(*print),
            None => Expect::Absent,
        }
    }

    fn save<T: Versioned + Clone>(&mut self, relative: &str, value: &T) -> Result<(), StoreError> {
        let text = codec::encode(value).map_err(|message| StoreError::Encode {
            path: relative.to_string(),
            message,
        })?;
        self.write(relative, &text, self.expected(relative))
    }

    /// Writes without the check: the user chose to replace what is there.
    fn save_unguarded<T: Versioned + Clone>(
        &mut self,
        relative: &str,
        value: &T,
    ) -> Result<(), StoreError> {
        let text = codec::encode(value).map_err(|message| StoreError::Encode {
            path: relative.to_string(),
            message,
        })?;
        self.write(relative, &text, Expect::Any)
    }

    /// Reads and parses one file, remembering it when it loads.
    fn read<T: Versioned>(&mut self, relative: &str, problems: &mut Vec<Problem>) -> Option<T> {
        let (decoded, print) = read_file::<T>(&self.root, relative);
        self.remember(relative, decoded, print, problems)
    }

    /// Keeps the outcome of [`read_file`]: the value and its fingerprint, or
    /// the problem.
    fn remember<T>(
        &mut self,
        relative: &str,
        decoded: Result<T, Problem>,
        print: Option<Fingerprint>,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        match decoded {
            Ok(value) => {
                if let Some(print) = print {
                    self.seen.insert(relative.to_string(), print);
                }
                Some(value)
            }
            Err(problem) => {
                problems.push(problem);
                None
            }
        }
    }

    /// The files a load reads, in order, among the problems found while
    /// listing their folders: ICPs with their personas, then interviews.
    fn plan(&mut self, problems: &mut Vec<Problem>) -> (Vec<Step>, Vec<Step>) {
        let mut profiles = Vec::new();
        for icp_id in self.list_ids(layout::ICPS, problems, true) {
            self.note_folder(&layout::icp_dir(&icp_id));
            if self.abs(&layout::icp_file(&icp_id)).exists() {
                profiles.push(Step::Read(Job::Icp(icp_id.clone())));
            }
            let personas_dir = format!("{}/personas", layout::icp_dir(&icp_id));
            let mut listed = Vec::new();
            let ids = self.list_ids(&personas_dir, &mut listed, false);
            profiles.extend(listed.into_iter().map(Step::Problem));
            profiles.extend(
                ids.into_iter()
                    .map(|id| Step::Read(Job::Persona(icp_id.clone(), id))),
            );
        }
        let mut listed = Vec::new();
        let ids = self.list_ids(layout::INTERVIEWS, &mut listed, false);
        let mut interviews: Vec<Step> = listed.into_iter().map(Step::Problem).collect();
        interviews.extend(ids.into_iter().map(|id| Step::Read(Job::Interview(id))));
        (profiles, interviews)
    }

    /// The `.toml` files of a folder whose names are valid ids, sorted;
    /// others are reported (temporary and hidden files are skipped quietly).
    fn list_ids(&mut self, dir: &str, problems: &mut Vec<Problem>, want_dirs: bool) -> Vec<String> {
        self.note_folder(dir);
        self.ids_in(dir, problems, want_dirs)
    }

    /// [`FsStore::list_ids`] without noting the folder as seen.
    fn ids_in(&self, dir: &str, problems: &mut Vec<Problem>, want_dirs: bool) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.abs(dir)) else {
            return Vec::new();
        };
        let mut ids = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || atomic::is_temp_name(&name) {
                continue;
            }
            // A link is followed, for loading as for saving (a save writes
            // through a linked folder to the folder it names); a link to
            // nothing is reported rather than passed over.
            let Some(is_dir) = entry_is_dir(&entry) else {
                problems.push(Problem {
                    path: format!("{dir}/{name}"),
                    line: 1,
                    column: 1,
                    severity: Severity::Error,
                    message:
                        "is not loaded: it is a symbolic link to something that does not exist"
                            .to_string(),
                });
                continue;
            };
            let id = if want_dirs {
                if !is_dir {
                    continue;
                }
                name.clone()
            } else {
                match name.strip_suffix(".toml") {
                    Some(stem) if !is_dir => stem.to_string(),
                    _ => continue,
                }
            };
            if is_valid_id(&id) {
                ids.push(id);
            } else {
                problems.push(Problem {
                    path: format!("{dir}/{name}"),
                    line: 1,
                    column: 1,
                    severity: Severity::Error,
                    message: format!(
                        "is not loaded: names must be ids made of lowercase letters, digits and `-` (for example `{}`)",
                        crate::domain::id::slugify(&id, "item")
                    ),
                });
            }
        }
        ids.sort();
        ids
    }
}

impl Store for FsStore {
    fn refresh(&mut self) -> Result<super::patch::Refresh, StoreError> {
        self.patch().map(super::patch::Refresh::Patch)
    }

    fn folder(&self) -> Option<&Path> {
        Some(&self.root)
    }

    fn load(&mut self) -> Result<Loaded, StoreError> {
        if !self.exists() {
            return Err(StoreError::NoWorkspace(self.root.clone()));
        }
        self.seen.clear();
        self.touched.clear();
        self.folders.clear();
        super::sweep::sweep_temp_files(&self.root);
        let mut problems = Vec::new();
        let meta = self
            .read::<WorkspaceMeta>(layout::META, &mut problems)
            .unwrap_or_else(|| {
                let name = self
                    .root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Workspace".into());
                WorkspaceMeta::new(name)
            });
        let mut workspace = Workspace::new(meta);
        workspace.templates = self.load_templates(&mut problems);
        // Every folder is listed first (cheap, in order), then the files are
        // parsed on all cores, then the outcomes are taken in listing order:
        // the workspace and its problems come out as a file-by-file load
        // would give them.
        let (profiles, interviews) = self.plan(&mut problems);
        let mut parsed = {
            let jobs: Vec<&Job> = profiles
                .iter()
                .chain(&interviews)
                .filter_map(|step| match step {
                    Step::Read(job) => Some(job),
                    Step::Problem(_) => None,
                })
                .collect();
            self.parse_counted(&jobs).into_iter()
        };
        let mut take = |store: &mut FsStore, problems: &mut Vec<Problem>| {
            let (relative, decoded, print) = parsed.next().expect("one outcome per file");
            store.remember(&relative, decoded, print, problems)
        };
        for step in profiles {
            match step {
                Step::Problem(problem) => problems.push(problem),
                Step::Read(_) => match take(self, &mut problems) {
                    Some(Parsed::Icp(icp)) => workspace.icps.push(icp),
                    Some(Parsed::Persona(persona)) => workspace.personas.push(persona),
                    Some(Parsed::Interview(_)) | None => {}
                },
            }
        }
        // A persona id must be unique across ICPs, so `show ID` is never ambiguous.
        let mut owners: HashMap<String, String> = HashMap::new();
        workspace.personas.retain(|p| match owners.get(&p.id) {
            Some(first) => {
                problems.push(duplicate_persona(&p.icp, &p.id, first));
                false
            }
            None => {
                owners.insert(p.id.clone(), p.icp.clone());
                true
            }
        });
        for step in interviews {
            match step {
                Step::Problem(problem) => problems.push(problem),
                Step::Read(_) => {
                    if let Some(Parsed::Interview(interview)) = take(self, &mut problems) {
                        workspace.interviews.push(interview);
                    }
                }
            }
        }
        let metrics = super::metrics::load(&self.root);
        problems.extend(metrics.problems);
        workspace.outcomes = crate::domain::metrics::cards::Outcomes::new(metrics.snapshots);
        Ok(Loaded {
            workspace,
            problems,
        })
    }

    fn save_meta(&mut self, meta: &WorkspaceMeta) -> Result<(), StoreError> {
        self.save(layout::META, meta)
    }

    fn save_icp(&mut self, icp: &Icp) -> Result<(), StoreError> {
        check_new_id(Kind::Icp, &icp.id)?;
        self.save(&layout::icp_file(&icp.id), icp)
    }

    fn save_persona(&mut self, persona: &Persona) -> Result<(), StoreError> {
        check_new_id(Kind::Persona, &persona.id)?;
        check_new_id(Kind::Icp, &persona.icp)?;
        self.save(&layout::persona_file(&persona.icp, &persona.id), persona)
    }

    fn save_interview(&mut self, interview: &Interview) -> Result<(), StoreError> {
        check_new_id(Kind::Interview, &interview.id)?;
        self.save(&layout::interview_file(&interview.id), interview)
    }

    fn create_interviews(
        &mut self,
        interviews: Vec<Interview>,
    ) -> Result<Vec<Interview>, StoreError> {
        let mut texts = Vec::with_capacity(interviews.len());
        for interview in &interviews {
            check_new_id(Kind::Interview, &interview.id)?;
            let relative = layout::interview_file(&interview.id);
            texts.push(
                codec::encode(interview).map_err(|message| StoreError::Encode {
                    path: relative,
                    message,
                })?,
            );
        }
        let names: Vec<_> = interviews
            .iter()
            .map(|i| {
                let base = i.id.clone();
                move |n: u32| layout::interview_file(&id::with_suffix(&base, n))
            })
            .collect();
        let files: Vec<write::NewFile> = texts
            .iter()
            .zip(&names)
            .map(|(text, name)| write::NewFile {
                bytes: text.as_bytes(),
                first: 1,
                name,
            })
            .collect();
        let made = write::create_all(&self.root, &files)?;
        let mut saved = Vec::with_capacity(interviews.len());
        for ((mut interview, relative), text) in interviews.into_iter().zip(made).zip(&texts) {
            self.seen
                .insert(relative.clone(), Fingerprint::of_content(text.as_bytes()));
            self.touch(&relative);
            interview.id = relative
                .strip_prefix(&format!("{}/", layout::INTERVIEWS))
                .and_then(|r| r.strip_suffix(".toml"))
                .unwrap_or(&interview.id)
                .to_string();
            saved.push(interview);
        }
        Ok(saved)
    }

    fn save_over(&mut self, entity: &Entity) -> Result<(), StoreError> {
        match entity {
            Entity::Icp(icp) => {
                check_new_id(Kind::Icp, &icp.id)?;
                self.save_unguarded(&layout::icp_file(&icp.id), icp)
            }
            Entity::Persona(persona) => {
                check_new_id(Kind::Persona, &persona.id)?;
                check_new_id(Kind::Icp, &persona.icp)?;
                self.save_unguarded(&layout::persona_file(&persona.icp, &persona.id), persona)
            }
            Entity::Interview(interview) => {
                check_new_id(Kind::Interview, &interview.id)?;
                self.save_unguarded(&layout::interview_file(&interview.id), interview)
            }
        }
    }

    fn delete(&mut self, entity: &EntityRef) -> Result<Trashed, StoreError> {
        self.trash(entity)
    }

    fn restore(&mut self, trashed: &Trashed) -> Result<(), StoreError> {
        self.move_path(&trashed.location, &trashed.original)?;
        self.adopt(&trashed.original);
        Ok(())
    }

    fn rename(
        &mut self,
        workspace: &Workspace,
        entity: &EntityRef,
        new_id: &str,
    ) -> Result<(), StoreError> {
        self.rename_item(workspace, entity, new_id)
    }

    fn as_read(&mut self, relative: &str, print: Fingerprint) {
        self.seen.insert(relative.to_string(), print);
    }

    fn move_persona(
        &mut self,
        workspace: &Workspace,
        persona: &str,
        icp: &str,
    ) -> Result<(), StoreError> {
        self.move_persona_to(workspace, persona, icp)
    }
}

/// Whether a folder entry is a folder, following a symbolic link; `None`
/// for a link that leads nowhere.
fn entry_is_dir(entry: &fs::DirEntry) -> Option<bool> {
    match entry.file_type() {
        Ok(kind) if kind.is_symlink() => fs::metadata(entry.path()).ok().map(|m| m.is_dir()),
        Ok(kind) => Some(kind.is_dir()),
        Err(_) => Some(false),
    }
}

fn write_error(path: &Path, source: io::Error) -> StoreError {
    StoreError::Write {
        path: path.display().to_string(),
        source,
    }
}

fn read_error(path: &Path, source: io::Error) -> StoreError {
    StoreError::Read {
        path: path.display().to_string(),
        source,
    }
}
