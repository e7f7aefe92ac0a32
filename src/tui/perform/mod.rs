//! The runtime side of effects: [`Performer`] carries out an [`Effect`] on
//! a store (the disk, or memory in tests) and returns the outcome as a
//! [`Msg`] for the app. One job per file: this one holds the performer and
//! the effects done here and now; [`detach`] the ones run on a thread with
//! the store; [`apply`] the changes made through the store.

use super::app::App;
use super::conflict::Conflict;
use super::effect::{Effect, Msg, Outcome};
use super::exporting;
use super::findings;
use super::jobs::Job;
use super::text::{clean, sentence};
use crate::domain::wizard::Entity;
use crate::domain::{EntityRef, Workspace};
use crate::store::drafts::{DraftFile, Drafts};
use crate::store::patch::Refresh;
use crate::store::{FsStore, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod apply;
mod detach;

use apply::apply;

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
                from_files,
            } => {
                let label = format!("Exporting to {}…", crate::text::path(&path));
                let root = self.root.clone().filter(|_| from_files);
                Ok(Job::new(label, true, move || {
                    let message = match root {
                        Some(root) => exporting::write_from_files(&root, &items, &path, redact),
                        None => exporting::write(&ws, &items, &path, redact),
                    };
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
                let progress = Arc::new(crate::store::fs::Progress::default());
                let counter = Arc::clone(&progress);
                let job = Job::new(label, false, move || {
                    let found = findings::scan(&root, &ws, Some(&counter));
                    drop(ws);
                    Box::new(move |app: &mut App, _: &mut Self| app.handle_msg(Msg::Scanned(found)))
                });
                Ok(job.with_progress(progress))
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
            Effect::AsRead { prints, then } => {
                for (relative, print) in prints {
                    self.store.as_read(&relative, print);
                }
                return self.perform(*then, workspace);
            }
            Effect::ReadQuotes => {
                let loaded =
                    (self.root.as_deref()).and_then(|root| FsStore::new(root).load_quotes(true));
                return Msg::Quotes(loaded);
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

impl<S: Store> Performer<S> {
    /// Conflicts and personal details in the workspace's files (nothing
    /// for a workspace in memory).
    fn findings(&self, workspace: &Workspace) -> findings::Findings {
        match &self.root {
            Some(root) => findings::scan(root, workspace, None),
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
