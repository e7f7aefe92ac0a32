//! Effects that run on a thread of their own, taking the store on disk
//! along and giving it back with the result.

use super::apply::import;
use super::{ALL_READ, Performer};
use crate::domain::Workspace;
use crate::store::patch::Refresh;
use crate::store::{FsStore, Store};
use crate::tui::app::App;
use crate::tui::effect::{Effect, Msg, Outcome};
use crate::tui::findings;
use crate::tui::jobs::Job;
use crate::tui::text::sentence;
use std::sync::Arc;

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
    pub(super) fn detach_with_store(
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
            // On a reader of its own, as the filter's text is read: no
            // interview read this way (without its notes) is ever saved,
            // so the versions it read need not be remembered.
            Effect::ReadQuotes => {
                let any: &mut dyn std::any::Any = &mut self.store;
                let Some(store) = any.downcast_mut::<FsStore>() else {
                    return Err(effect);
                };
                let root = store.root().to_path_buf();
                let progress = Arc::new(crate::store::fs::Progress::default());
                let counter = Arc::clone(&progress);
                let job = Job::new("Reading every interview's quotes…", false, move || {
                    let mut reader = FsStore::new(&root);
                    reader.report_to(counter);
                    let loaded = reader.load_quotes(true);
                    Box::new(move |app: &mut App, _: &mut Self| app.handle_msg(Msg::Quotes(loaded)))
                });
                Ok(job.with_progress(progress))
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
                // The look through the files for what is left counts them,
                // as the problems panel's own look does.
                let progress = Arc::new(crate::store::fs::Progress::default());
                let counter = Arc::clone(&progress);
                let job = self.with_store(effect, label, true, move |store| {
                    let settled = findings::settle_file(&root, &path, &before, &which, choice);
                    let reloaded = store.load().ok();
                    let found = findings::scan(
                        &root,
                        reloaded.as_ref().map_or(&*ws, |l| &l.workspace),
                        Some(&counter),
                    );
                    Msg::Settled {
                        path,
                        message: settled.message,
                        text: settled.text,
                        reloaded,
                        findings: found,
                    }
                });
                job.map(|job| job.with_progress(progress))
            }
            _ => Err(effect),
        }
    }
}
