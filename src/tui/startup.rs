//! Opening the app: the first frame comes from the index cache
//! (`.cache/index.json`: names, ICPs, templates, dates), which is all the
//! browse tree needs, while the cards themselves are read on another
//! thread; they replace the stand-ins when they are all in, keeping the
//! selection and the filter. Without a warm cache (a first start, a fresh
//! clone) a large workspace is listed first, every file parsed for its
//! line and let go, and then opens the same way; a small one is loaded
//! whole before the first frame, as it always was. Either writes the cache
//! so the next start is quick.

use super::Start;
use super::app::{App, Setup};
use super::jobs::Job;
use super::on_demand::{self, StandIn, stand_in_of};
use super::perform::Performer;
use super::search::{CardText, IndexBuilder};
use crate::domain::{Kind, Workspace, WorkspaceMeta};
use crate::store::fs::Cached;
use crate::store::fs::Progress;
use crate::store::index::Unsaved;
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
    open_tuned(root, setup, start, MOST_STALE, on_demand::FROM_PERSONAS)
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
    open_tuned(root, setup, start, most_stale, on_demand::FROM_PERSONAS)
}

/// [`open_within`], reading cards as they are shown from `on_demand_from`
/// personas on (for tests).
#[doc(hidden)]
pub fn open_tuned(
    root: &Path,
    setup: Setup,
    start: &Start,
    most_stale: usize,
    on_demand_from: usize,
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
    let mut lister = FsStore::new(root);
    let (mut listing, cache) = match lister.list_cached(most_stale).map_err(sentence)? {
        Cached::Warm(listing, cache) => (listing, cache),
        // No cache to draw from (a first start, a fresh clone, a pull that
        // changed most files) in a large workspace: every file is parsed
        // for its line in the list and let go, so it is never held whole
        // (650 MB at 50,000 personas); cards then come as they are shown.
        Cached::Cold(planned) if planned.personas() >= on_demand_from => {
            let _said = Reading::say();
            lister.list_rest(planned)
        }
        // A small one: the whole load, as before there was a cache; it
        // then writes the cache.
        Cached::Cold(_) => {
            let began = SystemTime::now();
            let loaded = {
                let _said = Reading::say();
                performer.store.load().map_err(sentence)?
            };
            performer.store.remember_listing(&loaded.workspace, began);
            return Ok(Opened {
                app: App::new(loaded, setup),
                performer,
                load: None,
            });
        }
    };
    listing.meta = listing.meta.or_else(|| Some(folder_meta(root)));
    let lean = listing.personas.len() >= on_demand_from;
    // Straight into the wizard (`persona new`) on a workspace small enough
    // to hold whole: every card before the app opens, as the wizard may
    // carry on with a draft of any card.
    if !lean && *start != Start::Browse {
        let loaded = {
            let _said = Reading::say();
            performer.store.load().map_err(sentence)?
        };
        return Ok(Opened {
            app: App::new(loaded, setup),
            performer,
            load: None,
        });
    }
    let stand_in = stand_in(listing);
    let progress = Arc::new(Progress::default());
    let ws = &stand_in.workspace;
    let count = ws.icps.len() + ws.personas.len() + ws.interviews.len();
    progress.total.store(count, Ordering::Relaxed);
    let mut app = App::new(stand_in, setup);
    if lean {
        // Cards come as they are shown; the filter's text of every card is
        // read meanwhile (the filter finds names until it is in).
        app.on_demand = Some(on_demand::OnDemand::new(root));
        app.large = Some(root.to_path_buf());
        app.fetch_shown();
        let texts = texts_job(root, &app.workspace, Arc::clone(&progress), cache);
        // `persona new` too: its wizard opens on these cards (with every
        // interview's quotes, see `App::open_wizard`), and a save it makes
        // waits in the job queue until the filter's text is in, so the
        // lists never change under the index being built.
        return Ok(Opened {
            app,
            performer,
            load: Some(texts.with_progress(progress)),
        });
    }
    app.loading = Some(Arc::clone(&progress));
    let load = load_job(FsStore::new(root), Arc::clone(&progress), cache);
    Ok(Opened {
        app,
        performer,
        load: Some(load.with_progress(progress)),
    })
}

/// Reads every card on another thread (after writing the index cache the
/// first frame was drawn from, when it changed); the result replaces the
/// stand-ins,
/// and the store that read them (it remembers what it read, to check saves
/// against) becomes the performer's.
fn load_job(
    mut store: FsStore,
    progress: Arc<Progress>,
    cache: Unsaved,
) -> Job<Performer<FsStore>> {
    Job::new("Loading cards…", false, move || {
        cache.save();
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

/// A line on the terminal while every card is read before the app opens
/// (a first start, a fresh clone: seconds at 50,000 personas), so the
/// person does not look at a silent prompt; gone when the app opens.
struct Reading(bool);

impl Reading {
    fn say() -> Reading {
        use std::io::{IsTerminal, Write};
        let mut err = std::io::stderr();
        let shown = err.is_terminal();
        if shown {
            let _ = write!(
                err,
                "Reading every card of the workspace (later starts are quicker)…"
            );
            let _ = err.flush();
        }
        Reading(shown)
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        if self.0 {
            use std::io::Write;
            // Back to the line's start and clear it.
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
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
    for listed in listing
        .icps
        .into_iter()
        .chain(listing.personas)
        .chain(listing.interviews)
    {
        match stand_in_of(listed) {
            StandIn::Icp(icp) => workspace.icps.push(icp),
            StandIn::Persona(persona) => workspace.personas.push(persona),
            StandIn::Interview(interview) => workspace.interviews.push(interview),
        }
    }
    Loaded {
        workspace,
        problems: listing.problems,
    }
}

/// Reads the filter's text of every ICP and persona the app lists and
/// builds the filter's index from it, on a thread (after writing the index
/// cache the first frame was drawn from, when it changed); the cards, and
/// their texts, are let go a run at a time as they are read, so this takes
/// the index's memory, not the workspace's.
pub fn texts_job(
    root: &Path,
    ws: &Workspace,
    progress: Arc<Progress>,
    cache: Unsaved,
) -> Job<Performer<FsStore>> {
    let mut reader = FsStore::new(root);
    let icp_ids: Vec<String> = ws.icps.iter().map(|i| i.id.clone()).collect();
    let icp_names: Vec<String> = ws.icps.iter().map(|i| i.name.clone()).collect();
    let persona_ids: Vec<(String, String)> = ws
        .personas
        .iter()
        .map(|p| (p.icp.clone(), p.id.clone()))
        .collect();
    let persona_names: Vec<String> = ws.personas.iter().map(|p| p.name.clone()).collect();
    Job::new("Reading the cards for the filter…", false, move || {
        // The index cache as the first frame found it, written now that
        // the frame is on screen.
        cache.save();
        reader.report_to(progress);
        // Each run of texts is indexed as it comes and let go: the texts
        // of every card at once would take a few times the index's memory.
        let mut builder = IndexBuilder::default();
        let (mut icps_done, mut personas_done) = (0, 0);
        reader.read_each(
            &icp_ids,
            &persona_ids,
            CardText::of_icp,
            CardText::of_persona,
            |kind, run| {
                let (names, done) = match kind {
                    Kind::Icp => (&icp_names, &mut icps_done),
                    _ => (&persona_names, &mut personas_done),
                };
                // A card whose file could not be read is found by its name.
                let texts: Vec<CardText> = run
                    .into_iter()
                    .zip(&names[*done..])
                    .map(|(text, name)| {
                        text.unwrap_or_else(|| CardText {
                            name: name.clone(),
                            attrs: String::new(),
                        })
                    })
                    .collect();
                *done += texts.len();
                match kind {
                    Kind::Icp => builder.icps(&texts),
                    _ => builder.personas(&texts),
                }
            },
        );
        let index = builder.finish();
        let (icp_count, persona_count) = (icp_names.len(), persona_names.len());
        drop((icp_ids, icp_names, persona_ids, persona_names));
        crate::memory::give_back();
        Box::new(move |app: &mut App, _: &mut Performer<FsStore>| {
            app.take_index(index, icp_count, persona_count);
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::jobs::Jobs;
    use crate::tui::search::Query;
    use std::time::Duration;

    /// The filter's text read in runs (of three cards in tests), one
    /// persona's file broken after the first frame: every card is found by
    /// what it says, and the broken one by its name.
    #[test]
    fn the_texts_job_indexes_every_card_in_order_and_a_broken_one_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        let mut store = FsStore::init(&root, "t", true).unwrap();
        let ws = store.load().unwrap().workspace;
        assert!(
            ws.personas.len() > 3,
            "the personas come in more than one run"
        );
        FsStore::new(&root)
            .list_as_of(SystemTime::now() + Duration::from_secs(60))
            .unwrap();
        let opened = open_tuned(&root, Setup::for_tests(), &Start::Browse, 200, 0).unwrap();
        let (mut app, mut performer) = (opened.app, opened.performer);
        let last = app.workspace.personas.last().unwrap().clone();
        let file = root.join(crate::store::layout::persona_file(&last.icp, &last.id));
        std::fs::write(&file, "name = [broken").unwrap();
        let mut jobs = Jobs::new();
        jobs.start(opened.load.expect("the texts are read"), &mut app);
        jobs.finish(&mut app, &mut performer);
        let index = app.index.get(&app.workspace);
        let found = |text: &str| -> Vec<String> {
            let hits = Query::new(text).run(index, None);
            let personas = &app.workspace.personas;
            (0..personas.len())
                .filter(|&i| hits.personas[i])
                .map(|i| personas[i].id.clone())
                .collect()
        };
        for (n, persona) in ws.personas.iter().enumerate() {
            if persona.id == last.id {
                assert!(found(&persona.name).contains(&persona.id));
                continue;
            }
            // The longest word of what the card says finds it.
            let attrs = CardText::of_persona(persona).attrs;
            let word = attrs
                .split_whitespace()
                .max_by_key(|w| w.len())
                .expect("the demo's personas say something");
            assert!(
                found(word).contains(&persona.id),
                "persona {n} ({}) by `{word}`",
                persona.id
            );
        }
        assert!(found(&last.name).contains(&last.id));
    }
}
