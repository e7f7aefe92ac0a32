//! The app's start from the index cache, and work that runs on another
//! thread: the tree is drawn from the cache while the cards are read, keys
//! that need a card say to wait, the cards' arrival keeps the selection;
//! an export runs while keys still move the selection, and its result
//! arrives as it always did.

mod tui_support;

use persona::store::fs::Cached;
use persona::store::{FsStore, Store};
use persona::tui::Start;
use persona::tui::app::{App, Setup};
use persona::tui::event::ScriptedEvents;
use persona::tui::jobs::Jobs;
use persona::tui::keys::script;
use persona::tui::perform::Performer;
use persona::tui::runner;
use persona::tui::startup::{self, Opened};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::time::{Duration, SystemTime};
use tui_support::{buffer_text, screen};

/// The demo workspace with a warm index cache (its files counted as
/// settled, as they are a few seconds after they were written).
fn warm_demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = tui_support::demo();
    FsStore::new(&root)
        .list_as_of(SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    assert!(root.join(persona::store::index::PATH).is_file());
    (dir, root)
}

fn open(root: &Path) -> Opened {
    startup::open(root, Setup::for_tests(), &Start::Browse).unwrap()
}

fn press(app: &mut App, keys: &str) {
    for key in script(keys) {
        let effects = app.handle_event(persona::tui::event::Event::Key(key));
        assert!(effects.is_empty(), "{effects:?}");
    }
}

/// The keys of a script (`j x <enter>`), as the terminal would send them.
fn typed(keys: &str) -> ScriptedEvents {
    ScriptedEvents::new(
        script(keys)
            .into_iter()
            .map(persona::tui::event::Event::Key),
    )
}

fn toast(app: &App) -> String {
    app.toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_first_frame_is_the_tree_from_the_cache_while_the_cards_are_read() {
    let (_dir, root) = warm_demo();
    let Opened {
        mut app,
        mut performer,
        load,
    } = open(&root);
    let load = load.expect("a warm cache leaves the cards to a thread");
    let mut jobs = Jobs::held();
    jobs.start(load, &mut app);
    assert!(app.loading.is_some());

    // Names, ICPs and staleness come from the cache; the card does not.
    insta::assert_snapshot!("stand_in_tree", screen(&app, 100, 24));

    // Moving works; opening, changing and exporting say to wait.
    press(&mut app, "j j j");
    let selected = app.browse.selected_entity(&app.workspace).unwrap();
    for key in ["<enter>", "r", "d", "x", "n", "p", "i"] {
        press(&mut app, key);
        assert!(app.modal.is_none(), "{key} opened a popup");
        assert!(
            toast(&app).starts_with("Still reading the cards (0 of "),
            "{key}: {}",
            toast(&app)
        );
        assert!(
            matches!(app.screen, persona::tui::app::Screen::Browse),
            "{key}"
        );
    }
    insta::assert_snapshot!("stand_in_wait", screen(&app, 100, 24));

    // The cards arrive: the same item stays selected, now with its card,
    // and the last key that waited (`i`) is the one the runner presses.
    jobs.finish(&mut app, &mut performer);
    let waited = app.take_replay().expect("a key waited");
    assert_eq!(Some(waited), script("i").first().copied());
    assert!(app.loading.is_none());
    assert!(app.busy.is_none());
    assert_eq!(app.browse.selected_entity(&app.workspace), Some(selected));
    let shown = screen(&app, 100, 24);
    assert!(!shown.contains("Card not loaded yet"), "{shown}");
    assert!(shown.contains("backed by interview quotes"), "{shown}");

    // And the store that read them guards saves: a rename goes through.
    let effects = {
        let mut all = Vec::new();
        for key in script("r <ctrl-u> Chloe <space> Two <enter>") {
            all.extend(app.handle_event(persona::tui::event::Event::Key(key)));
        }
        all
    };
    for effect in effects {
        let msg = persona::tui::perform::Perform::perform(&mut performer, effect, &app.workspace);
        app.handle_msg(msg);
    }
    assert!(
        toast(&app).starts_with("Renamed to “Chloe Two”"),
        "{}",
        toast(&app)
    );
}

#[test]
fn the_filter_works_on_names_during_the_load_and_again_on_the_cards_after() {
    let (_dir, root) = warm_demo();
    let Opened {
        mut app,
        mut performer,
        load,
    } = open(&root);
    let mut jobs = Jobs::held();
    jobs.start(load.unwrap(), &mut app);
    // A word from Olivia's goals, not her name: no stand-in has it.
    press(&mut app, "/ sell-through");
    assert_eq!(app.browse.matching_personas(), 0);
    jobs.finish(&mut app, &mut performer);
    assert_eq!(app.browse.matching_personas(), 1);
    assert!(screen(&app, 100, 24).contains("Operations Olivia"));
}

#[test]
fn without_a_cache_the_app_loads_everything_first_and_writes_the_cache() {
    let (_dir, root) = tui_support::demo();
    let _ = std::fs::remove_file(root.join(persona::store::index::PATH));
    let cold =
        |root: &Path| startup::open_within(root, Setup::for_tests(), &Start::Browse, 0).unwrap();
    let Opened { app, load, .. } = cold(&root);
    assert!(load.is_none());
    assert!(app.loading.is_none());
    assert!(screen(&app, 100, 24).contains("Operations Olivia"));

    // The cache written after a whole load lets the next start draw from it
    // (files written in the last seconds are left out, as for `list`).
    let loaded = FsStore::new(&root).load().unwrap();
    FsStore::new(&root).remember_listing(
        &loaded.workspace,
        SystemTime::now() + Duration::from_secs(60),
    );
    let Cached::Warm(listing, _) = FsStore::new(&root).list_cached(0).unwrap() else {
        panic!("the cache is warm");
    };
    assert_eq!(listing.personas.len(), loaded.workspace.personas.len());
    let Opened { app, load, .. } = cold(&root);
    assert!(load.is_some());
    assert_eq!(
        app.workspace.personas.len(),
        loaded.workspace.personas.len()
    );
}

#[test]
fn a_cache_that_lost_touch_with_many_files_is_not_used() {
    let (_dir, root) = warm_demo();
    // Every persona file rewritten (a pull): their entries no longer match.
    let loaded = FsStore::new(&root).load().unwrap();
    for p in &loaded.workspace.personas {
        let path = root.join(persona::store::layout::persona_file(&p.icp, &p.id));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\n")).unwrap();
    }
    let Cached::Cold(planned) = FsStore::new(&root).list_cached(0).unwrap() else {
        panic!("the cache lost touch");
    };
    assert_eq!(planned.personas(), 6);
    // Finished, the half-done listing lists what a whole load holds (and
    // writes no cache: the app below still finds it cold).
    let (rest, _) = FsStore::new(&root).list_rest(planned);
    let ids = |lines: &[persona::store::index::Listed]| -> Vec<String> {
        lines.iter().map(|l| l.id.clone()).collect()
    };
    let ws = &loaded.workspace;
    assert_eq!(
        ids(&rest.personas),
        ws.personas.iter().map(|p| p.id.clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        ids(&rest.icps),
        ws.icps.iter().map(|i| i.id.clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        ids(&rest.interviews),
        ws.interviews
            .iter()
            .map(|i| i.id.clone())
            .collect::<Vec<_>>()
    );
    assert!(rest.problems.is_empty());
    // So the app loads everything before its first frame.
    let Opened { app, load, .. } =
        startup::open_within(&root, Setup::for_tests(), &Start::Browse, 0).unwrap();
    assert!(load.is_none());
    assert!(app.loading.is_none());
}

#[test]
fn an_export_runs_while_keys_still_move_the_selection_and_its_result_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("first.md");
    let mut app = tui_support::app();
    let mut performer: Performer<persona::store::MemoryStore> = tui_support::memory();
    let mut jobs = Jobs::held();
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    let keys = format!("j x <ctrl-u> {} <enter> <enter> j j", out.display());
    let mut events = typed(&keys);
    runner::run_with_jobs(
        &mut terminal,
        &mut events,
        &mut app,
        &mut performer,
        &mut jobs,
    )
    .unwrap();
    // The export has not run; the selection moved on meanwhile.
    assert!(jobs.busy());
    assert!(!out.exists());
    let selected = app.browse.selected_entity(&app.workspace).unwrap();
    // Gabriel was exported; two rows down is Frank.
    assert_eq!(selected.id, "frank".to_string(), "{selected:?}");
    let shown = buffer_text(terminal.backend().buffer());
    assert!(shown.contains("Exporting to "), "{shown}");

    // A second export waits its turn, and says so.
    let mut events = typed(&format!(
        "x <ctrl-u> {} <enter> <enter>",
        dir.path().join("second.md").display()
    ));
    runner::run_with_jobs(
        &mut terminal,
        &mut events,
        &mut app,
        &mut performer,
        &mut jobs,
    )
    .unwrap();
    let shown = buffer_text(terminal.backend().buffer());
    assert!(shown.contains("(1 change waits after it)"), "{shown}");

    // Released, both run in turn and their sentences arrive as before.
    jobs.finish(&mut app, &mut performer);
    while let Some(effect) = jobs.next_queued(&mut app) {
        let msg = persona::tui::perform::Perform::perform(&mut performer, effect, &app.workspace);
        app.handle_msg(msg);
    }
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Gabriel the roaster")
    );
    let second = std::fs::read_to_string(dir.path().join("second.md")).unwrap();
    assert!(second.contains("Finance Frank"), "{second}");
    assert!(
        toast(&app).contains("Exported 1 persona"),
        "{}",
        toast(&app)
    );
    assert_eq!(app.browse.selected_entity(&app.workspace), Some(selected));
}

#[test]
fn a_scripted_session_waits_for_its_export_before_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("olivia.md");
    let mut app = tui_support::app();
    let mut performer = tui_support::memory();
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    let keys = format!("j x <ctrl-u> {} <enter> <enter> j", out.display());
    let mut events = typed(&keys);
    runner::run(&mut terminal, &mut events, &mut app, &mut performer).unwrap();
    assert!(out.is_file());
    let shown = buffer_text(terminal.backend().buffer());
    assert!(shown.contains("Exported 1 persona"), "{shown}");
}

#[test]
fn an_import_of_notes_runs_on_its_thread_and_the_store_comes_back_with_it() {
    let (dir, root) = tui_support::demo();
    let notes = dir.path().join("alpenglow.md");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/notes/batch/alpenglow-check-in.md"),
        &notes,
    )
    .unwrap();
    let mut window = tui_support::Window::open(&root);
    let mut jobs = Jobs::held();
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    let keys = format!("i I <ctrl-u> {} <enter>", notes.display());
    let mut events = typed(&keys);
    let before = std::fs::read_dir(root.join("interviews")).unwrap().count();
    runner::run_with_jobs(
        &mut terminal,
        &mut events,
        &mut window.app,
        &mut window.performer,
        &mut jobs,
    )
    .unwrap();
    assert!(jobs.busy());
    let shown = buffer_text(terminal.backend().buffer());
    assert!(shown.contains("Importing notes…"), "{shown}");
    assert_eq!(
        std::fs::read_dir(root.join("interviews")).unwrap().count(),
        before
    );

    jobs.finish(&mut window.app, &mut window.performer);
    assert!(
        window.toast().contains("Imported 1 interview."),
        "{}",
        window.toast()
    );
    assert!(window.screen().contains("Alpenglow"), "{}", window.screen());
    assert_eq!(
        std::fs::read_dir(root.join("interviews")).unwrap().count(),
        before + 1
    );
    // The store that imported is the window's again: it knows what it
    // read, so a save of a card it loaded goes through (a store that had
    // read nothing would refuse it as a file it never loaded).
    window.press("<esc> <esc> g j j j r <ctrl-u> Chloe <space> Two <enter>");
    assert!(
        window.toast().starts_with("Renamed to “Chloe Two”"),
        "{}",
        window.toast()
    );
    assert!(window.app.modal.is_none());
}

#[test]
fn a_reload_reads_the_workspace_on_its_thread_and_the_store_comes_back() {
    use persona::tui::perform::Perform;
    let (_dir, root) = tui_support::demo();
    let mut window = tui_support::Window::open(&root);
    let before = window.app.workspace.personas.len();
    // A teammate's persona arrives with a pull.
    let olivia = window
        .app
        .workspace
        .personas
        .iter()
        .find(|p| p.name == "Operations Olivia")
        .unwrap()
        .clone();
    let from = root.join(persona::store::layout::persona_file(
        &olivia.icp,
        &olivia.id,
    ));
    let to = root.join(persona::store::layout::persona_file(
        &olivia.icp,
        "pulled-paula",
    ));
    std::fs::copy(from, to).unwrap();

    let effect = persona::tui::effect::Effect::Reload {
        message: "Read the workspace again.".into(),
    };
    let Ok(job) = window.performer.detach(effect, &window.app.workspace) else {
        panic!("a reload of a workspace on disk runs on its own thread");
    };
    let mut jobs = Jobs::new();
    jobs.start(job, &mut window.app);
    assert!(screen(&window.app, 100, 24).contains("Reading the workspace again…"));
    jobs.finish(&mut window.app, &mut window.performer);
    assert_eq!(window.toast(), "Read the workspace again.");
    assert_eq!(window.app.workspace.personas.len(), before + 1);
    window.press("g j j j r <ctrl-u> Chloe <space> Two <enter>");
    assert!(
        window.toast().starts_with("Renamed to “Chloe Two”"),
        "{}",
        window.toast()
    );
}
