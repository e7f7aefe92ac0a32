//! The workspace as a folder of TOML files.

use super::atomic::{self, write_atomic};
use super::codec::{self, Versioned};
use super::index::{Index, Listed, Stamp, Summary};
use super::layout;
use super::{Loaded, Problem, Store, StoreError, Trashed, check_new_id, finding_to_problem};
use crate::domain::wizard::Entity;
use crate::domain::{
    EntityRef, Icp, Interview, Kind, Persona, Severity, Template, TemplateOrigin, Workspace,
    WorkspaceMeta, id::is_valid_id,
};
use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

/// Enough about a file to tell whether someone else changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    /// A hash of the content, so an edit that keeps the size within one
    /// tick of the clock is still noticed.
    hash: u64,
}

impl Fingerprint {
    /// Reads the file to fingerprint it (used before a save and after a
    /// write, not while loading, which hashes the bytes it already has).
    fn of(path: &Path) -> Option<Fingerprint> {
        let mut file = fs::File::open(path).ok()?;
        let modified = file.metadata().ok().and_then(|m| m.modified().ok());
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        Some(Fingerprint::of_bytes(&bytes, modified))
    }

    fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: hasher.finish(),
        }
    }

    /// Whether the file still holds what this store last saw. The content
    /// decides: a `touch` or a checkout of identical bytes is no conflict.
    fn same_content(&self, now: &Fingerprint) -> bool {
        self.len == now.len && self.hash == now.hash
    }
}

pub struct FsStore {
    root: PathBuf,
    /// Files as this store last read or wrote them, by relative path.
    seen: HashMap<String, Fingerprint>,
}

impl FsStore {
    /// A store for the workspace at `root` (which may not exist yet).
    pub fn new(root: impl Into<PathBuf>) -> FsStore {
        FsStore {
            root: root.into(),
            seen: HashMap::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn exists(&self) -> bool {
        self.root.join(layout::META).is_file()
    }

    /// Creates a new workspace, with the demo content when asked. Refuses a
    /// folder that already holds a workspace or anything else.
    pub fn init(root: impl Into<PathBuf>, name: &str, demo: bool) -> Result<FsStore, StoreError> {
        let mut store = FsStore::new(root);
        let root = store.root.clone();
        if store.exists() {
            return Err(StoreError::AlreadyExists(root.join(layout::META)));
        }
        if root.is_dir()
            && fs::read_dir(&root)
                .map_err(|source| read_error(&root, source))?
                .next()
                .is_some()
        {
            return Err(StoreError::NotEmpty(root));
        }
        for dir in [layout::ICPS, layout::INTERVIEWS, layout::TEMPLATES] {
            fs::create_dir_all(root.join(dir)).map_err(|source| write_error(&root, source))?;
        }
        store.write(".gitignore", layout::GITIGNORE)?;
        if demo {
            store.install_demo()?;
        } else {
            store.save_meta(&WorkspaceMeta::new(name))?;
        }
        Ok(store)
    }

    /// Writes the demo content into this workspace, never replacing a file
    /// that is already there (the welcome screen offers it on a new, empty
    /// workspace).
    pub fn install_demo(&mut self) -> Result<(), StoreError> {
        // Check every place first, so a refusal leaves nothing half-written.
        if let Some((path, _)) = crate::assets::demo()
            .iter()
            .find(|(path, _)| *path != layout::META && self.abs(path).exists())
        {
            return Err(StoreError::Occupied {
                path: path.to_string(),
            });
        }
        for (path, text) in crate::assets::demo() {
            if *path == layout::META && self.exists() {
                let mut meta: WorkspaceMeta =
                    toml::from_str(text).map_err(|e| StoreError::Encode {
                        path: path.to_string(),
                        message: e.to_string(),
                    })?;
                meta.schema = crate::domain::SCHEMA;
                self.seen.remove(layout::META);
                self.adopt(layout::META);
                self.save_meta(&meta)?;
                continue;
            }
            self.write(path, text)?;
        }
        Ok(())
    }

    fn abs(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Reads the text of a workspace file (for pointing at lines).
    pub fn read_text(&self, relative: &str) -> Option<String> {
        fs::read_to_string(self.abs(relative)).ok()
    }

    fn write(&mut self, relative: &str, text: &str) -> Result<(), StoreError> {
        let path = self.abs(relative);
        write_atomic(&path, text.as_bytes()).map_err(|source| StoreError::Write {
            path: relative.to_string(),
            source,
        })?;
        if let Some(print) = Fingerprint::of(&path) {
            self.seen.insert(relative.to_string(), print);
        }
        Ok(())
    }

    /// Refuses to replace a file this store did not load, or one changed on
    /// disk since it was loaded, and to recreate one removed since.
    fn guard(&self, relative: &str) -> Result<(), StoreError> {
        let now = Fingerprint::of(&self.abs(relative));
        match (self.seen.get(relative), now) {
            (None, None) => Ok(()),
            (Some(_), None) => Err(StoreError::Vanished {
                path: relative.to_string(),
            }),
            (None, Some(_)) => Err(StoreError::Unloaded {
                path: relative.to_string(),
            }),
            (Some(then), Some(now)) if then.same_content(&now) => Ok(()),
            (Some(_), Some(_)) => Err(StoreError::ChangedOnDisk {
                path: relative.to_string(),
            }),
        }
    }

    fn save<T: Versioned + Clone>(&mut self, relative: &str, value: &T) -> Result<(), StoreError> {
        self.guard(relative)?;
        let text = codec::encode(value).map_err(|message| StoreError::Encode {
            path: relative.to_string(),
            message,
        })?;
        self.write(relative, &text)
    }

    /// Writes without the guard: the user chose to replace what is there.
    fn save_unguarded<T: Versioned + Clone>(
        &mut self,
        relative: &str,
        value: &T,
    ) -> Result<(), StoreError> {
        let text = codec::encode(value).map_err(|message| StoreError::Encode {
            path: relative.to_string(),
            message,
        })?;
        self.write(relative, &text)
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
    fn plan(&self, problems: &mut Vec<Problem>) -> (Vec<Step>, Vec<Step>) {
        let mut profiles = Vec::new();
        for icp_id in self.list_ids(layout::ICPS, problems, true) {
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

    /// The `.toml` files of a folder whose names are valid ids, sorted;
    /// others are reported (temporary and hidden files are skipped quietly).
    fn list_ids(&self, dir: &str, problems: &mut Vec<Problem>, want_dirs: bool) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.abs(dir)) else {
            return Vec::new();
        };
        let mut ids = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || atomic::is_temp_name(&name) {
                continue;
            }
            let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
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

    fn load_templates(&mut self, problems: &mut Vec<Problem>) -> Vec<Template> {
        let mut templates = builtin_templates(problems);
        for id in self.list_ids(layout::TEMPLATES, problems, false) {
            let relative = layout::template_file(&id);
            let Some(mut template) = self.read::<Template>(&relative, problems) else {
                continue;
            };
            let errors = template.check();
            if !errors.is_empty() {
                let text = self.read_text(&relative).unwrap_or_default();
                for error in errors {
                    let (line, column) = error
                        .near
                        .as_deref()
                        .and_then(|near| super::locate::find_nth(&text, near, error.nth))
                        .unwrap_or((1, 1));
                    problems.push(Problem {
                        path: relative.clone(),
                        line,
                        column,
                        severity: Severity::Error,
                        message: error.message,
                    });
                }
                self.seen.remove(&relative);
                continue;
            }
            template.id = id;
            template.origin = TemplateOrigin::Workspace;
            templates.retain(|t| t.id != template.id);
            templates.push(template);
        }
        templates
    }

    /// Every finding of the cross-file checks, placed at a line of the file.
    pub fn validate(&self, loaded: &Loaded) -> Vec<Problem> {
        let mut problems = loaded.problems.clone();
        for finding in crate::domain::check::check(&loaded.workspace) {
            problems.push(finding_to_problem(&finding, &loaded.workspace, |path| {
                self.read_text(path)
            }));
        }
        problems
    }

    fn trash_stamp(&self) -> String {
        let now = jiff::Timestamp::now();
        let base = now.strftime("%Y%m%d-%H%M%S").to_string();
        let mut stamp = base.clone();
        let mut n = 2;
        while self.abs(layout::TRASH).join(&stamp).exists() {
            stamp = format!("{base}-{n}");
            n += 1;
        }
        stamp
    }

    /// Moves a file or folder, refusing to replace anything.
    fn move_path(&mut self, from: &str, to: &str) -> Result<(), StoreError> {
        if !self.abs(from).exists() {
            return Err(StoreError::Vanished {
                path: from.to_string(),
            });
        }
        let target = self.abs(to);
        if target.exists() {
            return Err(StoreError::Occupied {
                path: to.to_string(),
            });
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|source| write_error(parent, source))?;
        }
        fs::rename(self.abs(from), &target).map_err(|source| StoreError::Write {
            path: to.to_string(),
            source,
        })?;
        for dir in [self.abs(from).parent(), target.parent()]
            .into_iter()
            .flatten()
        {
            atomic::sync_dir(dir);
        }
        // What this store knew about the old place now holds at the new one.
        let moved: Vec<(String, Fingerprint)> = self
            .seen
            .iter()
            .filter(|(path, _)| *path == from || path.starts_with(&format!("{from}/")))
            .map(|(path, print)| (path.clone(), *print))
            .collect();
        for (path, print) in moved {
            self.seen.remove(&path);
            if !to.starts_with(layout::TRASH) {
                self.seen
                    .insert(format!("{to}{}", &path[from.len()..]), print);
            }
        }
        Ok(())
    }

    /// Records the files under a path as this store's own (after a restore).
    fn adopt(&mut self, relative: &str) {
        let path = self.abs(relative);
        if path.is_dir() {
            let mut stack = vec![relative.to_string()];
            while let Some(dir) = stack.pop() {
                for entry in fs::read_dir(self.abs(&dir)).into_iter().flatten().flatten() {
                    let child = format!("{dir}/{}", entry.file_name().to_string_lossy());
                    if entry.path().is_dir() {
                        stack.push(child);
                    } else if let Some(print) = Fingerprint::of(&entry.path()) {
                        self.seen.insert(child, print);
                    }
                }
            }
        } else if let Some(print) = Fingerprint::of(&path) {
            self.seen.insert(relative.to_string(), print);
        }
    }
}

impl Store for FsStore {
    fn load(&mut self) -> Result<Loaded, StoreError> {
        if !self.exists() {
            return Err(StoreError::NoWorkspace(self.root.clone()));
        }
        self.seen.clear();
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
            parse_all(&self.root, &jobs, |outcome| outcome).into_iter()
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
        let original = match entity.kind {
            Kind::Icp => layout::icp_dir(&entity.id),
            Kind::Persona => {
                // Find the persona's folder on disk rather than trusting a cache.
                let found = fs::read_dir(self.abs(layout::ICPS))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .map(|icp| layout::persona_file(&icp, &entity.id))
                    .find(|path| self.abs(path).is_file());
                found.ok_or_else(|| StoreError::NotFound {
                    entity: entity.clone(),
                })?
            }
            Kind::Interview => layout::interview_file(&entity.id),
            Kind::Template => layout::template_file(&entity.id),
        };
        if !self.abs(&original).exists() {
            return Err(StoreError::NotFound {
                entity: entity.clone(),
            });
        }
        let location = format!("{}/{}/{original}", layout::TRASH, self.trash_stamp());
        self.move_path(&original, &location)?;
        Ok(Trashed {
            entity: entity.clone(),
            original,
            location,
        })
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
        check_new_id(entity.kind, new_id)?;
        if new_id == entity.id {
            return Ok(());
        }
        let missing = || StoreError::NotFound {
            entity: entity.clone(),
        };
        match entity.kind {
            Kind::Icp => {
                workspace.icp(&entity.id).ok_or_else(missing)?;
                self.move_path(&layout::icp_dir(&entity.id), &layout::icp_dir(new_id))?;
                for interview in &workspace.interviews {
                    if interview.icp.as_deref() == Some(entity.id.as_str()) {
                        let mut changed = interview.clone();
                        changed.icp = Some(new_id.to_string());
                        self.save_interview(&changed)?;
                    }
                }
            }
            Kind::Persona => {
                let persona = workspace.persona(&entity.id).ok_or_else(missing)?;
                if workspace.persona(new_id).is_some() {
                    return Err(StoreError::Occupied {
                        path: layout::persona_file(&persona.icp, new_id),
                    });
                }
                self.move_path(
                    &layout::persona_file(&persona.icp, &persona.id),
                    &layout::persona_file(&persona.icp, new_id),
                )?;
            }
            Kind::Interview => {
                workspace.interview(&entity.id).ok_or_else(missing)?;
                self.move_path(
                    &layout::interview_file(&entity.id),
                    &layout::interview_file(new_id),
                )?;
                for icp in &workspace.icps {
                    if let Some(fields) = retarget(&icp.fields, &entity.id, new_id) {
                        self.save_icp(&Icp {
                            fields,
                            ..icp.clone()
                        })?;
                    }
                }
                for persona in &workspace.personas {
                    if let Some(fields) = retarget(&persona.fields, &entity.id, new_id) {
                        self.save_persona(&Persona {
                            fields,
                            ..persona.clone()
                        })?;
                    }
                }
            }
            Kind::Template => {
                return Err(StoreError::BadId {
                    id: new_id.to_string(),
                    reason: "templates are renamed by renaming their file".into(),
                });
            }
        }
        Ok(())
    }

    fn move_persona(
        &mut self,
        workspace: &Workspace,
        persona: &str,
        icp: &str,
    ) -> Result<(), StoreError> {
        let found = workspace
            .persona(persona)
            .ok_or_else(|| StoreError::NotFound {
                entity: EntityRef::new(Kind::Persona, persona),
            })?;
        if workspace.icp(icp).is_none() {
            return Err(StoreError::NotFound {
                entity: EntityRef::new(Kind::Icp, icp),
            });
        }
        if found.icp == icp {
            return Ok(());
        }
        self.move_path(
            &layout::persona_file(&found.icp, persona),
            &layout::persona_file(icp, persona),
        )
    }
}

/// A persona id must be unique across ICPs, so `show ID` is never ambiguous.
fn duplicate_persona(icp: &str, id: &str, first: &str) -> Problem {
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

impl Step {
    fn job(&self) -> Option<&Job> {
        match self {
            Step::Read(job) => Some(job),
            Step::Problem(_) => None,
        }
    }
}

impl Parsed {
    fn listed(self) -> Listed {
        match self {
            Parsed::Icp(icp) => Listed::icp(&icp),
            Parsed::Persona(persona) => Listed::persona(&persona),
            Parsed::Interview(interview) => Listed::interview(&interview),
        }
    }
}

/// A file the load will parse, with the ids its place gives it.
enum Job {
    Icp(String),
    Persona(String, String),
    Interview(String),
}

/// One step of a load, in order: a file to parse, or a problem found while
/// listing a folder.
enum Step {
    Read(Job),
    Problem(Problem),
}

enum Parsed {
    Icp(Icp),
    Persona(Persona),
    Interview(Interview),
}

/// A parsed file (with its relative path and fingerprint), or its problem.
type Outcome = (String, Result<Parsed, Problem>, Option<Fingerprint>);

impl Job {
    fn relative(&self) -> String {
        match self {
            Job::Icp(icp) => layout::icp_file(icp),
            Job::Persona(icp, persona) => layout::persona_file(icp, persona),
            Job::Interview(id) => layout::interview_file(id),
        }
    }

    /// The line of this file, from a cached summary.
    fn listed(&self, summary: Summary) -> Listed {
        let (kind, id) = match self {
            Job::Icp(id) => (Kind::Icp, id),
            Job::Persona(_, id) => (Kind::Persona, id),
            Job::Interview(id) => (Kind::Interview, id),
        };
        Listed {
            kind,
            id: id.clone(),
            summary,
        }
    }

    fn parse(&self, root: &Path) -> Outcome {
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
            Job::Interview(id) => {
                let relative = layout::interview_file(id);
                let (decoded, print) = read_file::<Interview>(root, &relative);
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
fn read_file<T: Versioned>(
    root: &Path,
    relative: &str,
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
        Ok((bytes, print)) => (codec::decode::<T>(relative, &bytes), print),
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
fn parse_all<R: Send>(root: &Path, jobs: &[&Job], keep: impl Fn(Outcome) -> R + Sync) -> Vec<R> {
    const BATCH: usize = 16;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || jobs.len() < 4 * BATCH {
        return jobs.iter().map(|job| keep(job.parse(root))).collect();
    }
    let next = AtomicUsize::new(0);
    let keep = &keep;
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let first = next.fetch_add(BATCH, Ordering::Relaxed);
                        if first >= jobs.len() {
                            return mine;
                        }
                        for (i, job) in jobs.iter().enumerate().skip(first).take(BATCH) {
                            mine.push((i, keep(job.parse(root))));
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut outcomes: Vec<Option<R>> = (0..jobs.len()).map(|_| None).collect();
    for (i, outcome) in parts.into_iter().flatten() {
        outcomes[i] = Some(outcome);
    }
    outcomes
        .into_iter()
        .map(|o| o.expect("every file was parsed"))
        .collect()
}

/// The templates built into the binary.
pub fn builtin_templates(problems: &mut Vec<Problem>) -> Vec<Template> {
    let mut templates = Vec::new();
    for (file, text) in crate::assets::templates() {
        let id = file.trim_end_matches(".toml").to_string();
        let path = format!("(built-in) {file}");
        match codec::decode::<Template>(&path, text.as_bytes()) {
            Ok(mut template) => {
                template.id = id;
                template.origin = TemplateOrigin::BuiltIn;
                templates.push(template);
            }
            Err(problem) => problems.push(problem),
        }
    }
    templates
}

/// An empty workspace that knows only the built-in templates.
pub fn builtin_workspace(problems: &mut Vec<Problem>) -> Workspace {
    let mut workspace = Workspace::new(WorkspaceMeta::new("Workspace"));
    workspace.templates = builtin_templates(problems);
    workspace
}

/// The fields with citations of interview `from` pointed at `to`, or `None`
/// when nothing cited it.
pub fn retarget(
    fields: &crate::domain::Fields,
    from: &str,
    to: &str,
) -> Option<crate::domain::Fields> {
    let cites = fields
        .values()
        .flatten()
        .flat_map(|item| item.cites.iter())
        .any(|c| c.interview == from);
    if !cites {
        return None;
    }
    let mut fields = fields.clone();
    for citation in fields
        .values_mut()
        .flatten()
        .flat_map(|item| item.cites.iter_mut())
    {
        if citation.interview == from {
            citation.interview = to.to_string();
        }
    }
    Some(fields)
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
