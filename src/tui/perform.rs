//! The runtime side of effects: [`Performer`] carries out an [`Effect`] on
//! a store (the disk, or memory in tests) and returns the outcome as a
//! [`Msg`] for the app.

use super::app::App;
use super::conflict::Conflict;
use super::effect::{Effect, Msg, Outcome};
use super::exporting;
use super::findings;
use super::jobs::Job;
use super::text::{clean, count, sentence};
use crate::domain::wizard::Entity;
use crate::domain::{EntityRef, Kind, Profile, Workspace};
use crate::store::drafts::{DraftFile, Drafts};
use crate::store::patch::Refresh;
use crate::store::{FsStore, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Runs an external editor on some text and returns the edited text.
pub type Editor = Box<dyn FnMut(&str) -> Result<String, String>>;

/// Creates the workspace on first run, empty or with the demo.
type Create<S> = Box<dyn FnMut(bool) -> Result<S, StoreError>>;

/// Said when every card has been read for a change that needed them.
const ALL_READ: &str = "Every card is read now: changes, exports and every screen work.";

/// Performs effects on a store. Generic so the app runs on the disk in real
/// life and in memory in tests.
pub struct Performer<S: Store> {
    pub store: S,
    /// Where wizard drafts go: `.drafts/` on disk, or memory in tests.
    pub drafts: Drafts,
    /// How to create the workspace on first run (`None`: already exists).
    create: Option<Create<S>>,
    /// How to run `$EDITOR` (`None`: not available, as in tests).
    pub editor: Option<Editor>,
    /// The workspace folder, for the files the store does not hold
    /// (outreach templates, the problems panel, settling conflicts, git,
    /// the shoppers' salt); `None` in memory.
    pub root: Option<PathBuf>,
}

impl<S: Store> Performer<S> {
    pub fn new(store: S) -> Performer<S> {
        Performer {
            store,
            drafts: Drafts::memory(),
            create: None,
            editor: None,
            root: None,
        }
    }
}

impl Performer<FsStore> {
    /// A performer for the folder at `root`, which may not exist yet.
    pub fn on_disk(root: &Path) -> Performer<FsStore> {
        let owned = root.to_path_buf();
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| n != "workspace" && !n.is_empty())
            .unwrap_or_else(|| "My research".to_string());
        Performer {
            store: FsStore::new(root),
            drafts: Drafts::in_workspace(root),
            create: Some(Box::new(move |demo| {
                FsStore::init(owned.clone(), &name, demo)
            })),
            editor: Some(Box::new(super::editor::run)),
            root: Some(root.to_path_buf()),
        }
    }
}

/// Runs one effect; `workspace` is the app's current view of the workspace.
pub trait Perform {
    fn perform(&mut self, effect: Effect, workspace: &Workspace) -> Msg;

    /// The effect as work for another thread, when it may take longer than
    /// a frame and needs nothing but the workspace as it is now (an
    /// export, the look through every file); otherwise the effect back, to
    /// [`Perform::perform`] here and now. Its result is the same message.
    // The effect comes back as it was given, moved rather than boxed.
    #[allow(clippy::result_large_err)]
    fn detach(&mut self, effect: Effect, workspace: &Arc<Workspace>) -> Result<Job<Self>, Effect>
    where
        Self: Sized,
    {
        let _ = workspace;
        Err(effect)
    }
}

impl<S: Store + 'static> Perform for Performer<S> {
    #[allow(clippy::result_large_err)]
    fn detach(&mut self, effect: Effect, workspace: &Arc<Workspace>) -> Result<Job<Self>, Effect> {
        let ws = Arc::clone(workspace);
        match effect {
            Effect::Export {
                path,
                items,
                redact,
            } => {
                let label = format!("Exporting to {}…", crate::text::path(&path));
                Ok(Job::new(label, true, move || {
                    let message = exporting::write(&ws, &items, &path, redact);
                    drop(ws);
                    Box::new(move |app: &mut App, _: &mut Self| {
                        app.handle_msg(Msg::Done(Outcome {
                            message,
                            ..Outcome::new()
                        }))
                    })
                }))
            }
            Effect::Scan if self.root.is_some() => {
                let root = self.root.clone().unwrap_or_default();
                let label = "Looking through the files for conflicts and personal details…";
                Ok(Job::new(label, false, move || {
                    let found = findings::scan(&root, &ws);
                    drop(ws);
                    Box::new(move |app: &mut App, _: &mut Self| app.handle_msg(Msg::Scanned(found)))
                }))
            }
            other => self.detach_with_store(other, ws),
        }
    }

    fn perform(&mut self, effect: Effect, workspace: &Workspace) -> Msg {
        let effect = match effect {
            Effect::CreateWorkspace { demo } => {
                if let Some(create) = self.create.as_mut() {
                    match create(demo) {
                        Ok(store) => self.store = store,
                        Err(e) => return Msg::Created(Err(sentence(&e.to_string()))),
                    }
                }
                return Msg::Created(self.store.load().map_err(|e| sentence(&e.to_string())));
            }
            Effect::EditNotes { interview, notes } => {
                let result = match self.editor.as_mut() {
                    Some(edit) => edit(&notes).map_err(|e| sentence(&e)),
                    None => Err("No external editor is available here.".to_string()),
                };
                return Msg::Edited { interview, result };
            }
            Effect::LoadOutreach { leads } => {
                return match &self.root {
                    Some(root) => Msg::Outreach(Box::new(super::outreach_files::load(
                        root,
                        leads.as_deref(),
                    ))),
                    None => Msg::OutreachSaved(Err("There is no workspace folder here.".into())),
                };
            }
            Effect::SaveOutreach { template, expected } => {
                let saved = match &self.root {
                    Some(root) => super::outreach_files::save(root, &template, expected.as_deref()),
                    None => Err("There is no workspace folder here.".into()),
                };
                return Msg::OutreachSaved(saved);
            }
            Effect::EditOutreach { text } => {
                let result = match self.editor.as_mut() {
                    Some(edit) => edit(&text).map_err(|e| sentence(&e)),
                    None => Err("No external editor is available here.".to_string()),
                };
                return Msg::OutreachEdited(result);
            }
            Effect::WriteDraft(draft) => {
                let written = self.drafts.save(&draft).map(|name| DraftFile {
                    name,
                    snapshot: Ok(draft.snapshot),
                });
                return Msg::Drafted(written);
            }
            Effect::RemoveDraft(name) => {
                let removed = self.drafts.remove(&name).map(|()| self.drafts.list());
                return Msg::DraftRemoved(removed);
            }
            Effect::SaveWizard { entity, draft } => {
                let saved = match &entity {
                    Entity::Icp(x) => self.store.save_icp(x),
                    Entity::Persona(x) => self.store.save_persona(x),
                    Entity::Interview(x) => self.store.save_interview(x),
                };
                return Msg::Done(self.saved(entity, saved, draft, ""));
            }
            Effect::SaveOver { entity, draft } => {
                let saved = self.store.save_over(&entity);
                return Msg::Done(self.saved(entity, saved, draft, " over the version on disk"));
            }
            Effect::OpenScoring { .. } | Effect::SaveScoring { .. } | Effect::ReadLeads { .. } => {
                return Msg::Scoring(super::perform_scoring::perform(self.store.folder(), effect));
            }
            Effect::ReadAll => {
                return self.perform(
                    Effect::Reload {
                        message: String::new(),
                    },
                    workspace,
                );
            }
            Effect::Reload { message } => {
                let mut outcome = Outcome::new();
                match self.store.load() {
                    Ok(loaded) => {
                        outcome.reloaded = Some(Refresh::Whole(loaded));
                        outcome.message = Ok(message);
                    }
                    Err(e) => outcome.message = Err(sentence(&e.to_string())),
                }
                return Msg::Done(outcome);
            }
            Effect::Scan => return Msg::Scanned(self.findings(workspace)),
            Effect::History(entity) => {
                let history = match &self.root {
                    Some(root) => findings::history(root, workspace, &entity),
                    None => {
                        Err("This workspace is not in a folder, so it has no git history.".into())
                    }
                };
                return Msg::History { entity, history };
            }
            Effect::Settle {
                path,
                before,
                which,
                choice,
            } => {
                let Some(root) = self.root.clone() else {
                    return Msg::Done(Outcome {
                        message: Err("This workspace is not in a folder.".into()),
                        ..Outcome::new()
                    });
                };
                let settled = findings::settle_file(&root, &path, &before, &which, choice);
                let reloaded = self.store.load().ok();
                let ws = reloaded.as_ref().map_or(workspace, |l| &l.workspace);
                let found = self.findings(ws);
                return Msg::Settled {
                    path,
                    message: settled.message,
                    text: settled.text,
                    reloaded,
                    findings: found,
                };
            }
            Effect::PreviewCustomers { icp, input } => {
                let result =
                    super::customers_import::preview(self.root.as_deref(), workspace, &icp, &input);
                return Msg::CustomersPreviewed { input, result };
            }
            Effect::ImportCustomers { icp, input } => {
                match super::customers_import::import(self.root.as_deref(), workspace, &icp, &input)
                {
                    Ok((icp, message)) => Effect::SaveIcp {
                        icp,
                        message,
                        removed: None,
                    },
                    Err(e) => {
                        let mut outcome = Outcome::new();
                        outcome.message = Err(e);
                        return Msg::Done(outcome);
                    }
                }
            }
            other => other,
        };
        let mut outcome = Outcome::new();
        let result = apply(&mut self.store, effect, workspace, &mut outcome);
        outcome.message = result.map_err(|e| sentence(&e));
        if outcome.reloaded.is_none() && outcome.conflict.is_none() {
            match self.store.refresh() {
                Ok(refresh) => outcome.reloaded = Some(refresh),
                Err(e) if outcome.message.is_ok() => {
                    outcome.message = Err(sentence(&e.to_string()))
                }
                Err(_) => {}
            }
        }
        Msg::Done(outcome)
    }
}

impl<S: Store + 'static> Performer<S> {
    /// Work that needs the store on another thread (an import, a reload,
    /// settling a conflict): the store on disk goes with it (every other
    /// effect waits meanwhile) and comes back with the result. A store in
    /// memory gives `effect` back, to be performed here and now.
    #[allow(clippy::result_large_err)]
    fn with_store(
        &mut self,
        effect: Effect,
        label: &str,
        writes: bool,
        work: impl FnOnce(&mut FsStore) -> Msg + Send + 'static,
    ) -> Result<Job<Self>, Effect> {
        let any: &mut dyn std::any::Any = &mut self.store;
        let Some(store) = any.downcast_mut::<FsStore>() else {
            return Err(effect);
        };
        let stand_in = FsStore::new(store.root());
        let mut store = std::mem::replace(store, stand_in);
        Ok(Job::new(label, writes, move || {
            let msg = work(&mut store);
            Box::new(move |app: &mut App, performer: &mut Self| {
                let any: &mut dyn std::any::Any = &mut performer.store;
                if let Some(mine) = any.downcast_mut::<FsStore>() {
                    *mine = store;
                }
                app.handle_msg(msg);
            })
        }))
    }

    /// [`Performer::with_store`] for the effects that take the store along.
    #[allow(clippy::result_large_err)]
    fn detach_with_store(
        &mut self,
        effect: Effect,
        ws: Arc<Workspace>,
    ) -> Result<Job<Self>, Effect> {
        match &effect {
            Effect::ImportNotes { paths, icp } => {
                let (paths, icp) = (paths.clone(), icp.clone());
                self.with_store(effect, "Importing notes…", true, move |store| {
                    let mut outcome = Outcome::new();
                    outcome.message = import(store, &paths, icp);
                    match store.refresh() {
                        Ok(refresh) => outcome.reloaded = Some(refresh),
                        Err(e) if outcome.message.is_ok() => {
                            outcome.message = Err(sentence(&e.to_string()))
                        }
                        Err(_) => {}
                    }
                    Msg::Done(outcome)
                })
            }
            Effect::ReadAll => {
                let progress = Arc::new(crate::store::fs::Progress::default());
                let counter = Arc::clone(&progress);
                let job = self.with_store(effect, "Reading every card…", false, move |store| {
                    store.report_to(counter);
                    let mut outcome = Outcome::new();
                    match store.load() {
                        Ok(loaded) => {
                            outcome.reloaded = Some(Refresh::Whole(loaded));
                            outcome.message = Ok(ALL_READ.into());
                        }
                        Err(e) => outcome.message = Err(sentence(&e.to_string())),
                    }
                    Msg::Done(outcome)
                });
                job.map(|job| job.with_progress(progress))
            }
            Effect::Reload { message } => {
                let message = message.clone();
                let label = "Reading the workspace again…";
                self.with_store(effect, label, false, move |store| {
                    let mut outcome = Outcome::new();
                    match store.load() {
                        Ok(loaded) => {
                            outcome.reloaded = Some(Refresh::Whole(loaded));
                            outcome.message = Ok(message);
                        }
                        Err(e) => outcome.message = Err(sentence(&e.to_string())),
                    }
                    Msg::Done(outcome)
                })
            }
            Effect::Settle {
                path,
                before,
                which,
                choice,
            } if self.root.is_some() => {
                let root = self.root.clone().unwrap_or_default();
                let (path, before, which, choice) =
                    (path.clone(), before.clone(), which.clone(), *choice);
                let label = "Settling the conflict and reading the files again…";
                self.with_store(effect, label, true, move |store| {
                    let settled = findings::settle_file(&root, &path, &before, &which, choice);
                    let reloaded = store.load().ok();
                    let found =
                        findings::scan(&root, reloaded.as_ref().map_or(&*ws, |l| &l.workspace));
                    Msg::Settled {
                        path,
                        message: settled.message,
                        text: settled.text,
                        reloaded,
                        findings: found,
                    }
                })
            }
            _ => Err(effect),
        }
    }
}

impl<S: Store> Performer<S> {
    /// Conflicts and personal details in the workspace's files (nothing
    /// for a workspace in memory).
    fn findings(&self, workspace: &Workspace) -> findings::Findings {
        match &self.root {
            Some(root) => findings::scan(root, workspace),
            None => findings::Findings::default(),
        }
    }

    /// The outcome of saving what the wizard made (or saving it over the
    /// disk's version): on success the draft goes; a conflict is handed to
    /// the user without reloading.
    fn saved(
        &mut self,
        entity: Entity,
        saved: Result<(), StoreError>,
        draft: Option<String>,
        how: &str,
    ) -> Outcome {
        let mut outcome = Outcome::new();
        outcome.select = Some(EntityRef::new(entity.kind(), entity.id()));
        outcome.message = match saved {
            Ok(()) => {
                if let Some(draft) = draft {
                    let _ = self.drafts.remove(&draft);
                }
                Ok(format!(
                    "Saved {} “{}”{how}.",
                    entity.kind().label(),
                    clean(entity.name())
                ))
            }
            Err(e) if e.is_conflict() => {
                let message = Err(sentence(&e.to_string()));
                outcome.conflict = Conflict::from_error(&e, entity).map(Box::new);
                return Outcome { message, ..outcome };
            }
            Err(e) => Err(sentence(&format!(
                "{e}; your answers are still here and in the draft"
            ))),
        };
        outcome.reloaded = self.store.refresh().ok();
        outcome
    }
}

/// A store error as text; a conflict is also noted in the outcome, with
/// the user's version, so the app can ask what to do.
fn refused(outcome: &mut Outcome, e: StoreError, mine: Entity) -> String {
    outcome.conflict = Conflict::from_error(&e, mine).map(Box::new);
    e.to_string()
}

fn describe(workspace: &Workspace, entity: &EntityRef) -> String {
    let name = match entity.kind {
        Kind::Icp => workspace.icp(&entity.id).map(|i| i.name.clone()),
        Kind::Persona => workspace.persona(&entity.id).map(|p| p.name.clone()),
        Kind::Interview => workspace.interview(&entity.id).map(|i| i.title.clone()),
        _ => None,
    };
    match name {
        Some(name) => format!("{} “{}”", entity.kind.label(), clean(&name)),
        None => entity.to_string(),
    }
}

fn apply<S: Store>(
    store: &mut S,
    effect: Effect,
    workspace: &Workspace,
    outcome: &mut Outcome,
) -> Result<String, String> {
    let err = |e: StoreError| e.to_string();
    match effect {
        Effect::SavePersona(persona) => {
            store
                .save_persona(&persona)
                .map_err(|e| refused(outcome, e, Entity::Persona(persona.clone())))?;
            outcome.select = Some(EntityRef::new(Kind::Persona, &persona.id));
            Ok(format!("Saved persona “{}”.", clean(&persona.name)))
        }
        Effect::Delete(entity) => {
            let what = describe(workspace, &entity);
            let trashed = store.delete(&entity).map_err(err)?;
            let place = trashed.location.clone();
            outcome.trashed = Some(trashed);
            Ok(format!("Deleted {what} (kept in {place})."))
        }
        Effect::Restore(trashed) => {
            store.restore(&trashed).map_err(err)?;
            outcome.select = Some(trashed.entity.clone());
            Ok(format!("Brought back {}.", trashed.entity))
        }
        Effect::Rename {
            entity,
            name,
            new_id,
        } => {
            if new_id != entity.id {
                store.rename(workspace, &entity, &new_id).map_err(err)?;
            }
            // The files moved as they were: the item under its new id is
            // the one held here (the save still checks the file).
            match entity.kind {
                Kind::Icp => {
                    let mut icp = workspace
                        .icp(&entity.id)
                        .cloned()
                        .ok_or_else(|| format!("the ICP `{new_id}` vanished while renaming"))?;
                    icp.id = new_id.clone();
                    icp.name = name.clone();
                    icp.updated = Some(crate::domain::now());
                    store.save_icp(&icp).map_err(err)?;
                }
                Kind::Persona => {
                    let mut persona = workspace
                        .persona(&entity.id)
                        .cloned()
                        .ok_or_else(|| format!("the persona `{new_id}` vanished while renaming"))?;
                    persona.id = new_id.clone();
                    persona.name = name.clone();
                    persona.updated = Some(crate::domain::now());
                    store
                        .save_persona(&persona)
                        .map_err(|e| refused(outcome, e, Entity::Persona(persona.clone())))?;
                }
                _ => {}
            }
            outcome.select = Some(EntityRef::new(entity.kind, &new_id));
            Ok(format!("Renamed to “{}” (id `{new_id}`).", clean(&name)))
        }
        Effect::Move { persona, icp } => {
            store.move_persona(workspace, &persona, &icp).map_err(err)?;
            outcome.select = Some(EntityRef::new(Kind::Persona, &persona));
            let target = workspace.icp(&icp).map(|i| i.name()).unwrap_or(&icp);
            Ok(format!("Moved to “{}”.", clean(target)))
        }
        Effect::Export {
            path,
            items,
            redact,
        } => exporting::write(workspace, &items, &path, redact),
        Effect::SaveInterview(interview) => {
            // No `select`: browse keeps its own selection of ICPs and personas.
            store
                .save_interview(&interview)
                .map_err(|e| refused(outcome, e, Entity::Interview(interview.clone())))?;
            Ok(format!(
                "Saved the interview “{}”.",
                clean(&interview.title)
            ))
        }
        Effect::ImportNotes { paths, icp } => import(store, &paths, icp),
        Effect::SaveIcp {
            icp,
            message,
            removed,
        } => {
            let kept = match (removed, store.folder()) {
                (Some(gone), Some(root)) => Some(
                    crate::store::discard::keep_customer(root, &icp.id, &gone)
                        .map_err(|e| e.to_string())?,
                ),
                _ => None,
            };
            store
                .save_icp(&icp)
                .map_err(|e| refused(outcome, e, Entity::Icp(icp.clone())))?;
            Ok(match kept {
                Some(location) => format!("{message} A copy is in {}.", clean(&location)),
                None => message,
            })
        }
        Effect::CreateWorkspace { .. }
        | Effect::EditNotes { .. }
        | Effect::WriteDraft(_)
        | Effect::RemoveDraft(_)
        | Effect::SaveWizard { .. }
        | Effect::SaveOver { .. }
        | Effect::Reload { .. }
        | Effect::ReadAll
        | Effect::LoadOutreach { .. }
        | Effect::SaveOutreach { .. }
        | Effect::EditOutreach { .. }
        | Effect::Scan
        | Effect::Settle { .. }
        | Effect::History(_)
        | Effect::PreviewCustomers { .. }
        | Effect::ImportCustomers { .. } => unreachable!("handled by perform"),
        Effect::OpenScoring { .. } | Effect::SaveScoring { .. } | Effect::ReadLeads { .. } => {
            unreachable!("handled by perform")
        }
    }
}

/// Imports notes for the app: the import `persona import-notes` runs
/// (every file checked first, all or none, ids free on disk).
fn import<S: Store>(
    store: &mut S,
    paths: &[PathBuf],
    icp: Option<String>,
) -> Result<String, String> {
    let files =
        crate::import::interviews::import(store, paths, icp.as_deref(), jiff::Timestamp::now())
            .map_err(|e| sentence(&e.to_string()))?;
    Ok(format!(
        "Imported {}.",
        count(files.len(), "interview", "interviews")
    ))
}
