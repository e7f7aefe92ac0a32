//! Opening the app: the first frame comes from the index cache
//! (`.cache/index.json`: names, ICPs, templates, dates), which is all the
//! browse tree needs, while the cards themselves are read on another
//! thread; they replace the stand-ins when they are all in, keeping the
//! selection and the filter. Without a warm cache (a first start, a fresh
//! clone) the app loads everything before its first frame, as it always
//! did, and then writes the cache so the next start is quick.

use super::Start;
use super::app::{App, Setup};
use super::jobs::Job;
use super::perform::Performer;
use crate::domain::{Icp, Interview, Persona, Workspace, WorkspaceMeta};
use crate::store::fs::Progress;
use crate::store::index::Listed;
use crate::store::{FsStore, Listing, Loaded, Store, StoreError};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::SystemTime;

/// The app as it opens, before the terminal does.
pub struct Opened {
    pub app: App,
    pub performer: Performer<FsStore>,
    /// The cards still to read (start it with [`super::jobs::Jobs::start`]);
    /// `None` when the app opened on everything already (the wizard, which
    /// needs every card, or the welcome screen).
    pub load: Option<Job<Performer<FsStore>>>,
}

/// How many changed files the first frame may parse itself before the
/// cache counts as cold (one in ten of all files also counts as warm).
const MOST_STALE: usize = 200;

/// Opens the app on the workspace at `root` at `start`. An `Err` is one
/// sentence.
pub fn open(root: &Path, setup: Setup, start: &Start) -> Result<Opened, String> {
    open_within(root, setup, start, MOST_STALE)
}

/// [`open`], drawing the first frame from the cache when at most
/// `most_stale` files (or one in ten) are not in it (for tests).
#[doc(hidden)]
pub fn open_within(
    root: &Path,
    setup: Setup,
    start: &Start,
    most_stale: usize,
) -> Result<Opened, String> {
    let mut performer = Performer::on_disk(root);
    let sentence = |e: StoreError| super::text::sentence(&e.to_string());
    if !performer.store.exists() {
        if *start != Start::Browse {
            return Err(sentence(StoreError::NoWorkspace(root.to_path_buf())));
        }
        let app = App::welcome(root, setup);
        return Ok(Opened {
            app,
            performer,
            load: None,
        });
    }
    // The wizard cites quotes and checks ids against every card; drafts
    // offered at the start lead straight into it.
    let drafts = performer.drafts.list().iter().any(|d| !d.is_empty());
    if *start != Start::Browse || drafts {
        let loaded = performer.store.load().map_err(sentence)?;
        let app = App::new(loaded, setup);
        return Ok(Opened {
            app,
            performer,
            load: None,
        });
    }
    let listing = FsStore::new(root)
        .list_cached(most_stale)
        .map_err(sentence)?;
    let Some(mut listing) = listing else {
        // No cache to draw from (a first start, a fresh clone): the whole
        // load, as before there was one; it then writes the cache.
        let began = SystemTime::now();
        let loaded = performer.store.load().map_err(sentence)?;
        performer.store.remember_listing(&loaded.workspace, began);
        let app = App::new(loaded, setup);
        return Ok(Opened {
            app,
            performer,
            load: None,
        });
    };
    listing.meta = listing.meta.or_else(|| Some(folder_meta(root)));
    let stand_in = stand_in(listing);
    let progress = Arc::new(Progress::default());
    let ws = &stand_in.workspace;
    let count = ws.icps.len() + ws.personas.len() + ws.interviews.len();
    progress.total.store(count, Ordering::Relaxed);
    let mut app = App::new(stand_in, setup);
    app.loading = Some(Arc::clone(&progress));
    let load = load_job(FsStore::new(root), Arc::clone(&progress));
    Ok(Opened {
        app,
        performer,
        load: Some(load.with_progress(progress)),
    })
}

/// Reads every card on another thread; the result replaces the stand-ins,
/// and the store that read them (it remembers what it read, to check saves
/// against) becomes the performer's.
fn load_job(mut store: FsStore, progress: Arc<Progress>) -> Job<Performer<FsStore>> {
    Job::new("Loading cards…", false, move || {
        store.report_to(progress);
        let loaded = store.load();
        Box::new(move |app: &mut App, performer: &mut Performer<FsStore>| {
            performer.store = store;
            app.loading = None;
            match loaded {
                Ok(loaded) => app.load(loaded, None),
                Err(e) => {
                    // Never leave stand-ins that could be saved over cards.
                    let meta = app.workspace.meta.clone();
                    app.load(
                        Loaded {
                            workspace: Workspace::new(meta),
                            problems: Vec::new(),
                        },
                        None,
                    );
                    app.warn(super::text::sentence(&e.to_string()));
                }
            }
        })
    })
}

fn folder_meta(root: &Path) -> WorkspaceMeta {
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Workspace".into());
    WorkspaceMeta::new(name)
}

/// A workspace of stand-ins from a listing: each ICP, persona and interview
/// with its name, ICP, template and dates, and nothing else. Never saved:
/// the app refuses changes until the real cards are in.
pub fn stand_in(listing: Listing) -> Loaded {
    let meta = listing.meta.unwrap_or_else(|| WorkspaceMeta::new(""));
    let mut workspace = Workspace::new(meta);
    for Listed { id, summary, .. } in listing.icps {
        let mut icp = Icp::new(id, summary.name, summary.template.unwrap_or_default());
        icp.updated = summary.updated;
        icp.last_validated = summary.last_validated;
        workspace.icps.push(icp);
    }
    for Listed { id, summary, .. } in listing.personas {
        let mut persona = Persona::new(
            id,
            summary.icp.unwrap_or_default(),
            summary.name,
            summary.template.unwrap_or_default(),
        );
        persona.updated = summary.updated;
        persona.last_validated = summary.last_validated;
        workspace.personas.push(persona);
    }
    for Listed { id, summary, .. } in listing.interviews {
        let mut interview = Interview::new(id, summary.name);
        interview.icp = summary.icp;
        interview.date = summary.date;
        interview.updated = summary.updated;
        workspace.interviews.push(interview);
    }
    Loaded {
        workspace,
        problems: listing.problems,
    }
}
