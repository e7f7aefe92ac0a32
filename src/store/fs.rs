//! The workspace as a folder of TOML files.

use super::atomic::{self, write_atomic};
use super::codec::{self, Versioned};
use super::layout;
use super::{Loaded, Problem, Store, StoreError, Trashed, check_new_id, finding_to_problem};
use crate::domain::wizard::Entity;
use crate::domain::{
    EntityRef, Icp, Interview, Kind, Persona, Severity, Template, TemplateOrigin, Workspace,
    WorkspaceMeta, id::is_valid_id,
};
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Enough about a file to tell whether someone else changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
}

impl Fingerprint {
    fn of(path: &Path) -> Option<Fingerprint> {
        let meta = fs::metadata(path).ok()?;
        Some(Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
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
            (Some(then), Some(now)) if *then == now => Ok(()),
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
        let path = self.abs(relative);
        let before = Fingerprint::of(&path);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                problems.push(Problem {
                    path: relative.to_string(),
                    line: 1,
                    column: 1,
                    severity: Severity::Error,
                    message: format!("could not be read: {error}"),
                });
                return None;
            }
        };
        match codec::decode::<T>(relative, &bytes) {
            Ok(value) => {
                if let Some(print) = before {
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
        for icp_id in self.list_ids(layout::ICPS, &mut problems, true) {
            let icp_path = layout::icp_file(&icp_id);
            if self.abs(&icp_path).exists()
                && let Some(mut icp) = self.read::<Icp>(&icp_path, &mut problems)
            {
                icp.id = icp_id.clone();
                workspace.icps.push(icp);
            }
            let personas_dir = format!("{}/personas", layout::icp_dir(&icp_id));
            for persona_id in self.list_ids(&personas_dir, &mut problems, false) {
                let path = layout::persona_file(&icp_id, &persona_id);
                if let Some(mut persona) = self.read::<Persona>(&path, &mut problems) {
                    persona.id = persona_id;
                    persona.icp = icp_id.clone();
                    workspace.personas.push(persona);
                }
            }
        }
        // A persona id must be unique across ICPs, so `show ID` is never ambiguous.
        let mut owners: HashMap<String, String> = HashMap::new();
        workspace.personas.retain(|p| match owners.get(&p.id) {
            Some(first) => {
                problems.push(Problem {
                    path: layout::persona_file(&p.icp, &p.id),
                    line: 1,
                    column: 1,
                    severity: Severity::Error,
                    message: format!(
                        "persona id `{}` is already used in ICP `{first}`; rename one of the files",
                        p.id
                    ),
                });
                false
            }
            None => {
                owners.insert(p.id.clone(), p.icp.clone());
                true
            }
        });
        for id in self.list_ids(layout::INTERVIEWS, &mut problems, false) {
            let path = layout::interview_file(&id);
            if let Some(mut interview) = self.read::<Interview>(&path, &mut problems) {
                interview.id = id;
                workspace.interviews.push(interview);
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
