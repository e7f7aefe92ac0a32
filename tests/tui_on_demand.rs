//! Cards on demand: in a large workspace the app opens on the index, reads
//! a card when it is shown (the preview, the card, the markdown), lets old
//! ones go back to their stand-ins, fills the filter with every card's text
//! on a thread, and reads every card before anything that changes files.
//! The demo workspace stands in for a large one here (the size from which
//! cards come on demand is lowered to nothing).

mod cli_support;
mod tui_support;

use persona::domain::{EntityRef, Kind};
use persona::store::FsStore;
use persona::tui::Start;
use persona::tui::app::{App, Screen, Setup};
use persona::tui::effect::Effect;
use persona::tui::event::ScriptedEvents;
use persona::tui::jobs::Jobs;
use persona::tui::keys::script;
use persona::tui::perform::{Perform, Performer};
use persona::tui::runner;
use persona::tui::startup::{self, Opened};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::time::{Duration, SystemTime};
use tui_support::screen;

/// The demo with a warm index cache, opened with cards on demand.
fn open_lean() -> (tempfile::TempDir, std::path::PathBuf, Opened) {
    let (dir, root) = tui_support::demo();
    FsStore::new(&root)
        .list_as_of(SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    let opened = startup::open_tuned(&root, Setup::for_tests(), &Start::Browse, 200, 0).unwrap();
    assert!(opened.app.on_demand.is_some(), "cards come on demand");
    (dir, root, opened)
}

/// A workspace folder (kept while it is held), its path, the app on it
/// and the performer.
type Lean = (
    tempfile::TempDir,
    std::path::PathBuf,
    App,
    Performer<FsStore>,
);

/// [`open_lean`] once the filter's text of every card is in.
fn lean_with_texts() -> Lean {
    let (dir, root, opened) = open_lean();
    let Opened {
        mut app,
        mut performer,
        load,
    } = opened;
    let mut jobs = Jobs::new();
    jobs.start(
        load.expect("the filter's text is read on a thread"),
        &mut app,
    );
    jobs.finish(&mut app, &mut performer);
    (dir, root, app, performer)
}

fn keys(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut all = Vec::new();
    for key in script(keys) {
        all.extend(app.handle_event(persona::tui::event::Event::Key(key)));
    }
    all
}

fn toast(app: &App) -> String {
    app.toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

/// How many personas the app holds in full (a stand-in has no fields).
fn personas_held(app: &App) -> Vec<String> {
    app.workspace
        .personas
        .iter()
        .filter(|p| !p.fields.is_empty())
        .map(|p| p.id.clone())
        .collect()
}

fn selected(app: &App) -> EntityRef {
    app.browse.selected_entity(&app.workspace).unwrap()
}

/// Every file under `root` (but the index cache) by its path inside it,
/// with its bytes: to show nothing was written, or that two exports wrote
/// the same.
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir(root)
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("/.cache/"))
        .map(|p| {
            let inside = p.strip_prefix(root).unwrap().display().to_string();
            (inside, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_card_on_screen_is_read_when_it_is_shown_and_only_it() {
    let (_dir, root, Opened { mut app, .. }) = open_lean();
    let before = files(&root);
    // The first row is an ICP: it came in, and no persona did.
    let first = selected(&app);
    assert_eq!(first.kind, Kind::Icp);
    assert!(!app.workspace.icp(&first.id).unwrap().fields.is_empty());
    assert!(personas_held(&app).is_empty(), "{:?}", personas_held(&app));
    let theirs: Vec<String> = app
        .workspace
        .personas_of(&first.id)
        .map(|p| p.id.clone())
        .collect();

    // Its markdown has its personas in full: they are read for it, and
    // only they.
    keys(&mut app, "p");
    assert!(matches!(app.screen, Screen::Preview(_)), "{}", toast(&app));
    assert_eq!(personas_held(&app), theirs);
    let persona = app.workspace.persona(&theirs[0]).unwrap();
    let field = persona.fields.values().flatten().next().unwrap();
    let words: String = field.value.to_string().chars().take(20).collect();
    assert!(
        screen(&app, 120, 200).contains(&words),
        "{words:?} in the markdown"
    );
    keys(&mut app, "<esc>");

    // Down to the first persona of the next ICP: read as it is shown, and
    // the preview is its card, not a stand-in.
    let rows = theirs.len() + 2;
    keys(&mut app, &"j ".repeat(rows));
    let shown = selected(&app);
    assert_eq!(shown.kind, Kind::Persona);
    assert!(personas_held(&app).contains(&shown.id));
    let text = screen(&app, 120, 40);
    assert!(!text.contains("not loaded"), "{text}");
    let persona = app.workspace.persona(&shown.id).unwrap();
    let field = persona.fields.values().flatten().next().unwrap();
    let words: String = field.value.to_string().chars().take(20).collect();
    assert!(text.contains(&words), "{words:?} in\n{text}");
    assert_eq!(files(&root), before, "reading cards writes nothing");
}

#[test]
fn a_card_opens_with_its_quotes_from_the_interviews_it_cites() {
    let (_dir, _root, Opened { mut app, .. }) = open_lean();
    let effects = keys(&mut app, "/ olivia <enter>");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(app.screen, Screen::Card(_)), "{}", toast(&app));
    insta::assert_snapshot!("on_demand_card", screen(&app, 100, 30));
    // The quotes behind an attribute come from the interviews it cites,
    // read with the card.
    let olivia = app.workspace.persona("operations-olivia").unwrap();
    let cited = olivia
        .fields
        .values()
        .flatten()
        .flat_map(|i| &i.cites)
        .next()
        .unwrap();
    let interview = app.workspace.interview(&cited.interview).unwrap();
    assert!(
        !interview.highlights.is_empty(),
        "the cited interview is read"
    );
}

#[test]
fn old_cards_go_back_to_their_stand_ins() {
    let (_dir, _root, Opened { mut app, .. }) = open_lean();
    app.on_demand.as_mut().unwrap().keep = 3;
    let total = app.browse.rows.len();
    keys(&mut app, &"j ".repeat(total));
    let shown = selected(&app);
    // The last card shown is held; the first ICP's personas went back.
    assert!(personas_held(&app).contains(&shown.id));
    assert!(personas_held(&app).len() <= 3, "{:?}", personas_held(&app));
    // The first ICP went back to its stand-in too, and is read again when
    // shown.
    let top = app.workspace.icps[0].id.clone();
    assert!(app.workspace.icp(&top).unwrap().fields.is_empty());
    keys(&mut app, "g");
    assert_eq!(selected(&app), EntityRef::new(Kind::Icp, &top));
    assert!(!app.workspace.icp(&top).unwrap().fields.is_empty());
}

#[test]
fn the_filter_finds_what_cards_say_once_their_text_is_read() {
    let (_dir, _root, opened) = open_lean();
    let Opened {
        mut app,
        mut performer,
        load,
    } = opened;
    let mut jobs = Jobs::held();
    jobs.start(
        load.expect("the filter's text is read on a thread"),
        &mut app,
    );
    // A word from Olivia's goals, not her name: until the text is in, only
    // names are searched.
    keys(&mut app, "/ sell-through");
    assert_eq!(app.browse.matching_personas(), 0);
    let text = screen(&app, 100, 24);
    assert!(text.contains("still being read for the filter"), "{text}");
    jobs.finish(&mut app, &mut performer);
    assert_eq!(app.browse.matching_personas(), 1);
    assert!(screen(&app, 100, 24).contains("Operations Olivia"));
    // The cards themselves stayed on disk.
    assert!(personas_held(&app).len() < app.workspace.personas.len());
}

#[test]
fn a_change_reads_every_card_first_then_works_as_before() {
    let (_dir, root, mut app, mut performer) = lean_with_texts();
    let before = files(&root);
    keys(&mut app, "j");
    let persona = selected(&app);
    // The interviews screen shows every interview with who cites it: every
    // card is read first, and the key says so.
    let effects = keys(&mut app, "i");
    assert_eq!(effects, vec![Effect::ReadAll]);
    assert!(toast(&app).contains("needs every card"), "{}", toast(&app));
    assert!(matches!(app.screen, Screen::Browse));
    // Asked again while they are read: no second read.
    let job = match performer.detach(Effect::ReadAll, &app.workspace) {
        Ok(job) => job,
        Err(_) => panic!("reading every card runs on a thread"),
    };
    let mut held = Jobs::held();
    held.start(job, &mut app);
    assert!(keys(&mut app, "i").is_empty());
    assert!(toast(&app).contains("being read now"), "{}", toast(&app));
    held.finish(&mut app, &mut performer);
    // Every card is in: the app holds the whole workspace, the selection
    // stayed, and the key works.
    assert!(app.on_demand.is_none());
    assert!(
        toast(&app).contains("Every card is read now"),
        "{}",
        toast(&app)
    );
    assert_eq!(personas_held(&app).len(), app.workspace.personas.len());
    assert_eq!(selected(&app), persona);
    // The key pressed while they were read goes ahead now (the runner
    // presses it again), once: the interviews screen opens.
    let again = app.take_replay().expect("the key waited for the cards");
    assert!(app.take_replay().is_none(), "pressed again once");
    assert!(
        app.handle_event(persona::tui::event::Event::Key(again))
            .is_empty()
    );
    assert!(
        matches!(app.screen, Screen::Interviews(_)),
        "{}",
        toast(&app)
    );
    assert_eq!(files(&root), before, "nothing was written on the way");

    // Left alone (the runner waits two minutes without a key), the app
    // lets the cards go again: the one on screen stays, the filter still
    // finds what cards say, and the next change reads them all again.
    assert!(!app.may_let_go(), "not on the interviews");
    keys(&mut app, "<esc>");
    assert!(app.may_let_go());
    let holding_all = screen(&app, 100, 24);
    app.let_go();
    assert!(app.on_demand.is_some());
    // A person sees no difference: the same tree, counts and preview.
    assert_eq!(screen(&app, 100, 24), holding_all);
    assert_eq!(personas_held(&app), vec![persona.id.clone()]);
    assert_eq!(selected(&app), persona);
    keys(&mut app, "/ sell-through <tab>");
    assert_eq!(app.browse.matching_personas(), 1);
    keys(&mut app, "<esc>");
    assert_eq!(keys(&mut app, "i"), vec![Effect::ReadAll]);
}

#[test]
fn a_first_start_of_a_large_workspace_lists_its_cards_and_holds_only_the_one_shown() {
    let (_dir, root) = tui_support::demo();
    let _ = std::fs::remove_dir_all(root.join(".cache"));
    // No cache (a first start, a fresh clone), at a size read on demand:
    // every file is parsed for its line and let go, not held.
    let Opened { app, load, .. } =
        startup::open_tuned(&root, Setup::for_tests(), &Start::Browse, 0, 0).unwrap();
    assert!(
        app.on_demand.is_some(),
        "cards come on demand from the start"
    );
    assert!(load.is_some(), "the filter's text is read on a thread");
    assert_eq!(selected(&app).kind, Kind::Icp, "an ICP is shown first");
    assert!(personas_held(&app).is_empty(), "{:?}", personas_held(&app));
    assert_eq!(app.workspace.personas.len(), 6, "every persona is listed");
    // The first frame is the one a warm cache gives.
    let (_warm_dir, _, warm) = open_lean();
    assert_eq!(screen(&app, 100, 24), screen(&warm.app, 100, 24));
}

#[test]
fn the_index_cache_is_written_after_the_first_frame_not_before() {
    let (_dir, root, _) = open_lean();
    let cache = root.join(persona::store::index::PATH);
    let before = std::fs::read(&cache).unwrap();
    // A persona changed since the cache was written: the next start parses
    // it for the first frame, and the cache must change to match.
    let olivia = root.join("icps/independent-outdoor-retail/personas/operations-olivia.toml");
    let text = std::fs::read_to_string(&olivia).unwrap();
    std::fs::write(
        &olivia,
        text.replace("Operations Olivia", "Operations Olive"),
    )
    .unwrap();
    let Opened {
        mut app,
        mut performer,
        load,
    } = startup::open_tuned(&root, Setup::for_tests(), &Start::Browse, 200, 0).unwrap();
    assert!(screen(&app, 100, 24).contains("Operations Olive"));
    assert_eq!(
        std::fs::read(&cache).unwrap(),
        before,
        "not before the frame"
    );
    let mut jobs = Jobs::new();
    jobs.start(load.unwrap(), &mut app);
    jobs.finish(&mut app, &mut performer);
    assert_ne!(std::fs::read(&cache).unwrap(), before, "written after it");
}

/// Runs the real loop over `typed` keys on a lean app whose texts are in,
/// with the work they start held back until the keys run out; then the
/// loop runs again with no key, and waits for that work.
fn run_lean(typed: &str) -> (tempfile::TempDir, App, String) {
    let (dir, _root, mut app, mut performer) = lean_with_texts();
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    let mut held = Jobs::held();
    for keys in [typed, ""] {
        let mut events = ScriptedEvents::new(
            script(keys)
                .into_iter()
                .map(persona::tui::event::Event::Key),
        );
        runner::run_with_jobs(
            &mut terminal,
            &mut events,
            &mut app,
            &mut performer,
            &mut held,
        )
        .unwrap();
        held.release();
    }
    let shown = tui_support::buffer_text(terminal.backend().buffer());
    (dir, app, shown)
}

#[test]
fn a_key_that_waited_for_every_card_goes_ahead_once_they_are_in() {
    // `i` on the second row: every card is read, then the interviews
    // open without a second press.
    let (_dir, app, shown) = run_lean("j i");
    assert!(app.on_demand.is_none(), "every card is in");
    assert!(matches!(app.screen, Screen::Interviews(_)), "{shown}");

    // Moved on while they were read: the key is dropped, and the app says
    // every card is in, so it may be pressed again.
    let (_dir, app, shown) = run_lean("j i j");
    assert!(app.on_demand.is_none());
    assert!(matches!(app.screen, Screen::Browse), "{shown}");
    assert!(
        toast(&app).contains("Every card is read now"),
        "{}",
        toast(&app)
    );
}

/// Carries out `effects` here and now, as the runner does with changes.
fn perform_now(app: &mut App, performer: &mut Performer<FsStore>, effects: Vec<Effect>) {
    for effect in effects {
        let msg = performer.perform(effect, &app.workspace);
        app.handle_msg(msg);
    }
}

/// `r` on the card selected, typing `name`: the prompt opens at once (no
/// card read first), the rename saves over the file as read, and the app
/// is still on demand after it.
fn rename_on_demand(app: &mut App, performer: &mut Performer<FsStore>, name: &str) {
    assert!(keys(app, "r").is_empty());
    assert!(app.modal.is_some(), "{}", toast(app));
    let effects = keys(app, &format!("<ctrl-u> {name} <enter>"));
    assert!(
        matches!(effects.as_slice(), [Effect::AsRead { .. }]),
        "{effects:?}"
    );
    perform_now(app, performer, effects);
    assert!(toast(app).starts_with("Renamed to"), "{}", toast(app));
    assert!(app.on_demand.is_some(), "still on demand");
}

/// A lean app whose filter text is in, on the first persona.
fn lean_on_a_persona() -> Lean {
    let (dir, root, mut app, performer) = lean_with_texts();
    keys(&mut app, "j");
    assert_eq!(selected(&app).kind, Kind::Persona);
    (dir, root, app, performer)
}

#[test]
fn renaming_deleting_and_moving_a_persona_read_no_other_card() {
    let (_dir, root, mut app, mut performer) = lean_on_a_persona();
    let persona = selected(&app);
    let icp = app.workspace.persona(&persona.id).unwrap().icp.clone();
    let file = root.join(format!("icps/{icp}/personas/{}.toml", persona.id));
    let text = std::fs::read_to_string(&file).unwrap();
    let others = |root: &Path| -> Vec<(String, Vec<u8>)> {
        files(root)
            .into_iter()
            .filter(|(p, _)| !p.contains("/personas/") && !p.contains("/.trash/"))
            .collect()
    };
    let untouched = others(&root);

    // Rename: the prompt opens at once, and the file takes the new id
    // with every line as it was but the name and the time it was updated.
    rename_on_demand(
        &mut app,
        &mut performer,
        "Zebulon <space> Store <space> Owner",
    );
    assert!(!file.exists());
    let moved = root.join(format!("icps/{icp}/personas/zebulon-store-owner.toml"));
    let renamed = std::fs::read_to_string(&moved).unwrap();
    let table = |text: &str| {
        let mut table: toml::Table = toml::from_str(text).unwrap();
        let name = table.remove("name");
        table.remove("updated");
        (table, name)
    };
    let (was, _) = table(&text);
    let (is, name) = table(&renamed);
    assert_eq!(is, was, "every field but the name and time as it was");
    assert_eq!(name, Some(toml::Value::from("Zebulon Store Owner")));
    assert_eq!(selected(&app).id, "zebulon-store-owner");
    assert!(
        personas_held(&app).contains(&"zebulon-store-owner".to_string()),
        "the renamed card is read for the next frame, not shown as being read"
    );
    // The filter follows: the new name is found.
    keys(&mut app, "/ zebulon <tab>");
    assert_eq!(app.browse.matching_personas(), 1);
    keys(&mut app, "<esc>");

    // Delete, then undo: to the trash and back, still on demand.
    let renamed_ref = EntityRef::new(Kind::Persona, "zebulon-store-owner");
    assert_eq!(selected(&app), renamed_ref);
    let effects = keys(&mut app, "d y");
    assert_eq!(effects, vec![Effect::Delete(renamed_ref.clone())]);
    perform_now(&mut app, &mut performer, effects);
    assert!(!moved.exists());
    assert!(app.workspace.persona("zebulon-store-owner").is_none());
    let effects = keys(&mut app, "u");
    assert!(
        matches!(effects.as_slice(), [Effect::Restore(_)]),
        "{effects:?}"
    );
    perform_now(&mut app, &mut performer, effects);
    assert_eq!(std::fs::read_to_string(&moved).unwrap(), renamed);
    assert!(app.workspace.persona("zebulon-store-owner").is_some());

    // Move it to another ICP: the file moves as it is.
    assert_eq!(
        selected(&app),
        renamed_ref,
        "undo selects what it brought back"
    );
    let other = app.workspace.icps.iter().find(|i| i.id != icp).unwrap();
    let other_id = other.id.clone();
    assert!(keys(&mut app, "m").is_empty());
    assert!(app.modal.is_some(), "{}", toast(&app));
    let mut effects = Vec::new();
    for _ in 0..app.workspace.icps.len() {
        if let Some(persona::tui::modal::Modal::Picker(choose)) = &app.modal
            && choose.picker.current_id().as_deref() == Some(other_id.as_str())
        {
            effects = keys(&mut app, "<enter>");
            break;
        }
        keys(&mut app, "<down>");
    }
    assert_eq!(
        effects,
        vec![Effect::Move {
            persona: "zebulon-store-owner".into(),
            icp: other_id.clone()
        }]
    );
    perform_now(&mut app, &mut performer, effects);
    let there = root.join(format!("icps/{other_id}/personas/zebulon-store-owner.toml"));
    assert_eq!(std::fs::read_to_string(&there).unwrap(), renamed);

    // Duplicate it: the copy has every field of the card read in full.
    assert_eq!(selected(&app), renamed_ref, "the move keeps it selected");
    let effects = keys(&mut app, "c");
    assert!(
        matches!(effects.as_slice(), [Effect::SavePersona(_)]),
        "{effects:?}"
    );
    perform_now(&mut app, &mut performer, effects);
    let copy = std::fs::read_to_string(root.join(format!(
        "icps/{other_id}/personas/zebulon-store-owner-copy.toml"
    )))
    .unwrap();
    let strip = |text: &str| {
        let mut t = table(text).0;
        t.remove("created");
        t
    };
    assert_eq!(strip(&copy), strip(&renamed), "the copy is whole");
    assert!(
        app.on_demand.is_some(),
        "every change above read no other card"
    );
    assert_eq!(others(&root), untouched, "no other file was written");
}

#[test]
fn a_rename_over_a_file_changed_outside_keeps_that_change() {
    let (_dir, root, mut app, mut performer) = lean_on_a_persona();
    let persona = selected(&app);
    let icp = app.workspace.persona(&persona.id).unwrap().icp.clone();
    let file = root.join(format!("icps/{icp}/personas/{}.toml", persona.id));
    // Another window saves the persona after this one read it.
    let theirs = std::fs::read_to_string(&file).unwrap().replacen(
        "name = ",
        "# edited in another window\nname = ",
        1,
    );
    std::fs::write(&file, &theirs).unwrap();
    keys(&mut app, "r");
    let effects = keys(&mut app, "<ctrl-u> Zebulon <enter>");
    perform_now(&mut app, &mut performer, effects);
    // The user is asked what to do, as with any save over a changed file.
    assert!(
        matches!(app.modal, Some(persona::tui::modal::Modal::Conflict(_))),
        "{}",
        toast(&app)
    );
    let kept: Vec<String> = walkdir(&root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .filter(|t| t.contains("# edited in another window"))
        .collect();
    assert_eq!(
        kept,
        vec![theirs.clone()],
        "their version is on disk, whole"
    );
    // Nothing moved: their file keeps its id, and no Zebulon file appeared.
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    assert!(!file.with_file_name("zebulon.toml").exists());

    // Keeping mine puts the new name over theirs, under the same id.
    let effects = keys(&mut app, "o");
    perform_now(&mut app, &mut performer, effects);
    let now = std::fs::read_to_string(&file).unwrap();
    assert!(now.contains("name = \"Zebulon\""), "{now}");
    assert!(!file.with_file_name("zebulon.toml").exists());
}

#[test]
fn renaming_an_icp_reads_no_other_card_and_rewrites_its_interviews_whole() {
    let (_dir, root, mut app, mut performer) = lean_on_a_persona();
    // The ICP of the retailers, which has interviews of its own.
    keys(&mut app, "j");
    let icp = selected(&app);
    assert_eq!(icp, EntityRef::new(Kind::Icp, "independent-outdoor-retail"));
    let before = files(&root);
    let ours = |path: &str| path.starts_with(&format!("icps/{}/", icp.id));
    let interviews: Vec<String> = app
        .workspace
        .interviews
        .iter()
        .filter(|i| i.icp.as_deref() == Some(icp.id.as_str()))
        .map(|i| format!("interviews/{}.toml", i.id))
        .collect();
    assert!(!interviews.is_empty());
    // The ICP on screen quotes some of them: the app holds those without
    // their notes.
    assert!(
        app.workspace
            .interviews
            .iter()
            .any(|i| i.icp.as_deref() == Some(icp.id.as_str())
                && !i.highlights.is_empty()
                && i.notes.is_empty()),
        "an interview of the ICP is held for its quotes only"
    );

    rename_on_demand(
        &mut app,
        &mut performer,
        "Renamed <space> On <space> Demand",
    );
    assert_eq!(
        selected(&app),
        EntityRef::new(Kind::Icp, "renamed-on-demand")
    );

    let after: std::collections::HashMap<String, Vec<u8>> = files(&root).into_iter().collect();
    let new_place = |path: &str| path.replacen(&icp.id, "renamed-on-demand", 1);
    for (path, bytes) in &before {
        let now = if ours(path) {
            new_place(path)
        } else {
            path.clone()
        };
        let table = |bytes: &[u8], drop: &[&str]| {
            let mut t: toml::Table = toml::from_str(std::str::from_utf8(bytes).unwrap()).unwrap();
            for key in drop {
                t.remove(*key);
            }
            t
        };
        let moved = &after[&now];
        if path.ends_with("/icp.toml") && ours(path) {
            let name = table(moved, &[]).get("name").cloned();
            assert_eq!(name, Some(toml::Value::from("Renamed On Demand")));
            assert_eq!(
                table(moved, &["name", "updated"]),
                table(bytes, &["name", "updated"])
            );
        } else if interviews.contains(path) {
            let now = table(moved, &[]);
            assert_eq!(
                now.get("icp"),
                Some(&toml::Value::from("renamed-on-demand"))
            );
            assert_eq!(
                table(moved, &["icp"]),
                table(bytes, &["icp"]),
                "{path}: notes and all"
            );
        } else {
            assert_eq!(
                moved, bytes,
                "{path} as it was, moved with its ICP or left alone"
            );
        }
    }
    assert_eq!(after.len(), before.len(), "no file added or lost");
}

#[test]
fn an_interview_file_broken_meanwhile_leaves_the_wizard_its_other_quotes() {
    let (_dir, root, mut app, _performer) = lean_on_a_persona();
    // Someone breaks an interview the persona does not quote, after this
    // window started (a merge left its markers).
    let quoted: Vec<String> = (app.workspace.persona(&selected(&app).id).unwrap().fields)
        .values()
        .flatten()
        .flat_map(|item| &item.cites)
        .map(|c| c.interview.to_string())
        .collect();
    let broken = (app.workspace.interviews.iter())
        .find(|i| !quoted.contains(&i.id))
        .unwrap()
        .id
        .clone();
    let file = root.join(format!("interviews/{broken}.toml"));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("<<<<<<< ours\n{text}=======\n>>>>>>> theirs\n"),
    )
    .unwrap();

    // The wizard opens with every quote but that interview's, as a window
    // that read the workspace with the file broken offers.
    assert!(keys(&mut app, "<enter> e <tab>").is_empty());
    assert!(matches!(app.screen, Screen::Wizard(_)), "{}", toast(&app));
    let mut full = full_app(&root);
    keys(&mut full, "j <enter> e <tab>");
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("Evidence ("), "{shown}");
    assert_eq!(shown, screen(&full, 100, 30));
    // The broken file is left as it is.
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("<<<<<<< ours")
    );
}

#[test]
fn the_best_customers_and_the_history_of_a_card_read_no_other_card() {
    let (_dir, root, mut app, mut performer) = lean_on_a_persona();
    keys(&mut app, "j");
    let icp = selected(&app);
    assert_eq!(icp, EntityRef::new(Kind::Icp, "independent-outdoor-retail"));
    let file = root.join(format!("icps/{}/icp.toml", icp.id));
    let text = std::fs::read_to_string(&file).unwrap();
    let customers = |text: &str| -> Vec<toml::Value> {
        let table: toml::Table = toml::from_str(text).unwrap();
        table["best_customers"].as_array().unwrap().clone()
    };
    let before = customers(&text);
    assert!(before.len() >= 2);
    let others: Vec<(String, Vec<u8>)> = files(&root)
        .into_iter()
        .filter(|(p, _)| !p.ends_with("/icp.toml") && !p.starts_with(".trash"))
        .collect();
    let held = personas_held(&app);

    // The history: asked of git for that card, no card read first.
    let effects = keys(&mut app, "<enter> l");
    assert_eq!(effects, vec![Effect::History(icp.clone())]);

    // The best customers open at once; removing one saves the ICP over its
    // file as read, and undo brings the customer back.
    let effects = keys(&mut app, "b");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(
        matches!(app.screen, Screen::Customers(_)),
        "{}",
        toast(&app)
    );
    let effects = keys(&mut app, "d y");
    assert!(
        matches!(effects.as_slice(), [Effect::AsRead { prints, .. }] if prints[0].0.ends_with("/icp.toml")),
        "{effects:?}"
    );
    perform_now(&mut app, &mut performer, effects);
    assert!(toast(&app).starts_with("Removed"), "{}", toast(&app));
    let removed = customers(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(removed.as_slice(), &before[1..]);
    let effects = keys(&mut app, "u");
    perform_now(&mut app, &mut performer, effects);
    let back = std::fs::read_to_string(&file).unwrap();
    assert_eq!(customers(&back), before, "{}", toast(&app));
    assert!(app.on_demand.is_some(), "still on demand");
    assert_eq!(personas_held(&app), held, "no other card read");
    let now: Vec<(String, Vec<u8>)> = files(&root)
        .into_iter()
        .filter(|(p, _)| !p.ends_with("/icp.toml") && !p.starts_with(".trash"))
        .collect();
    assert_eq!(now, others, "no other file written");

    // Its tally counts the tags of the ICP's interviews: every card first.
    assert_eq!(keys(&mut app, "t"), vec![Effect::ReadAll]);
}

/// The same workspace opened with every card read at start.
fn full_app(root: &Path) -> App {
    let Opened {
        mut app,
        mut performer,
        load,
    } = startup::open_tuned(root, Setup::for_tests(), &Start::Browse, 200, usize::MAX).unwrap();
    assert!(app.on_demand.is_none());
    let mut jobs = Jobs::new();
    jobs.start(load.expect("the cards are read on a thread"), &mut app);
    jobs.finish(&mut app, &mut performer);
    app
}

/// A card's file as a table, without the keys `but` names (what an edit
/// changes), and those keys' values.
fn table_but(text: &str, but: &[&str]) -> (toml::Table, Vec<Option<toml::Value>>) {
    let mut table: toml::Table = toml::from_str(text).unwrap();
    let taken = but.iter().map(|key| table.remove(*key)).collect();
    (table, taken)
}

/// A card's file saved from the wizard: named `name`, with every other
/// line (every answer, an ICP's best customers) as it was but the time it
/// was updated.
fn only_named_anew(before: &str, after: &str, name: &str) {
    let (was, _) = table_but(before, &["name", "updated"]);
    let (is, changed) = table_but(after, &["name", "updated"]);
    assert_eq!(is, was, "every field but the name and time as it was");
    assert_eq!(changed[0], Some(toml::Value::from(name)));
}

/// Runs the job an effect detaches, as the runner does, then presses the
/// key that waited for it, if it still goes ahead.
fn run_job_and_replay(app: &mut App, performer: &mut Performer<FsStore>, effect: Effect) -> bool {
    let Ok(job) = performer.detach(effect, &app.workspace) else {
        panic!("runs on a thread");
    };
    let mut jobs = Jobs::new();
    jobs.start(job, app);
    jobs.finish(app, performer);
    let Some(key) = app.take_replay() else {
        return false;
    };
    let effects = app.handle_event(persona::tui::event::Event::Key(key));
    assert!(effects.is_empty(), "{effects:?}");
    true
}

#[test]
fn many_interviews_are_read_for_the_wizard_on_a_thread_and_the_key_goes_ahead_once_they_are_in() {
    let (_dir, root, mut app, mut performer) = lean_on_a_persona();
    // As at 50,000 personas, where 10,000 interviews take 150 ms.
    app.on_demand.as_mut().unwrap().quotes_on_a_thread = 1;
    keys(&mut app, "j j j j");
    let effects = keys(&mut app, "<enter> e");
    assert_eq!(effects, vec![Effect::ReadQuotes]);
    assert!(matches!(app.screen, Screen::Card(_)), "not yet");
    assert!(toast(&app).contains("opens by itself"), "{}", toast(&app));
    // Pressed again meanwhile: it still waits, and asks for nothing more.
    assert!(keys(&mut app, "e").is_empty());
    assert!(run_job_and_replay(
        &mut app,
        &mut performer,
        Effect::ReadQuotes
    ));
    assert!(matches!(app.screen, Screen::Wizard(_)), "{}", toast(&app));
    assert!(app.on_demand.is_some(), "still on demand");
    // The wizard shows what it shows when the quotes are read at once.
    let mut full = full_app(&root);
    keys(&mut full, "j j j j j <enter> e");
    assert_eq!(screen(&app, 100, 30), screen(&full, 100, 30));
    keys(&mut app, "<enter>");
    keys(&mut full, "<enter>");
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("Evidence ("), "{shown}");
    assert_eq!(shown, screen(&full, 100, 30));

    // `n` on the list likewise; moving on meanwhile drops it.
    let (_dir, _, mut app, mut performer) = lean_on_a_persona();
    app.on_demand.as_mut().unwrap().quotes_on_a_thread = 1;
    assert_eq!(keys(&mut app, "n"), vec![Effect::ReadQuotes]);
    keys(&mut app, "j");
    assert!(!run_job_and_replay(
        &mut app,
        &mut performer,
        Effect::ReadQuotes
    ));
    assert!(matches!(app.screen, Screen::Browse));
    // The quotes are in now: `n` opens the wizard at once.
    assert!(keys(&mut app, "n").is_empty());
    assert!(matches!(app.screen, Screen::Wizard(_)), "{}", toast(&app));
}

#[test]
fn quotes_that_cannot_be_read_on_a_thread_say_which_file_and_the_wizard_opens_once_it_is_fixed() {
    let (_dir, root, mut app, mut performer) = lean_on_a_persona();
    app.on_demand.as_mut().unwrap().quotes_on_a_thread = 1;
    let meta = root.join("workspace.toml");
    let good = std::fs::read_to_string(&meta).unwrap();
    // Broken by hand (or a merge) while the app runs.
    std::fs::write(&meta, "name = \"unclosed\n").unwrap();
    assert_eq!(keys(&mut app, "<enter> e"), vec![Effect::ReadQuotes]);
    assert!(!run_job_and_replay(
        &mut app,
        &mut performer,
        Effect::ReadQuotes
    ));
    assert!(matches!(app.screen, Screen::Card(_)));
    assert_eq!(
        toast(&app),
        "workspace.toml could not be read, so the wizard did not open; `persona validate` says what is wrong, and the wizard opens once it is fixed."
    );
    assert_eq!(
        std::fs::read_to_string(&meta).unwrap(),
        "name = \"unclosed\n",
        "left alone"
    );
    std::fs::write(&meta, good).unwrap();
    assert_eq!(keys(&mut app, "e"), vec![Effect::ReadQuotes]);
    assert!(run_job_and_replay(
        &mut app,
        &mut performer,
        Effect::ReadQuotes
    ));
    assert!(matches!(app.screen, Screen::Wizard(_)), "{}", toast(&app));
}

#[test]
fn editing_a_card_in_the_wizard_reads_it_and_the_quotes_not_every_card() {
    let (_dir, root, mut app, mut performer) = lean_on_a_persona();
    // A card with every required answer, so it saves as it is.
    keys(&mut app, "j j j j");
    let persona = selected(&app);
    assert_eq!(persona.id, "operations-olivia");
    let icp = app.workspace.persona(&persona.id).unwrap().icp.clone();
    let relative = format!("icps/{icp}/personas/{}.toml", persona.id);
    let file = root.join(&relative);
    let text = std::fs::read_to_string(&file).unwrap();
    let name = app.workspace.persona(&persona.id).unwrap().name.clone();
    let others = |root: &Path| -> Vec<(String, Vec<u8>)> {
        files(root)
            .into_iter()
            .filter(|(p, _)| *p != relative && !p.starts_with(".drafts"))
            .collect()
    };
    let untouched = others(&root);

    // `e` opens the wizard at once: the card and every interview's quotes
    // are read, no other card, and it shows what it shows when the app
    // holds every card.
    let held = personas_held(&app);
    let effects = keys(&mut app, "<enter> e");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(app.screen, Screen::Wizard(_)), "{}", toast(&app));
    assert!(app.on_demand.is_some(), "still on demand");
    assert_eq!(
        personas_held(&app),
        held,
        "the cards shown on the way, no other"
    );
    let mut full = full_app(&root);
    keys(&mut full, "j j j j j");
    assert_eq!(selected(&full), persona);
    keys(&mut full, "<enter> e");
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains(&format!("Editing persona: {name}")),
        "{shown}"
    );
    assert_eq!(shown, screen(&full, 100, 30));
    // The quotes it offers come from interviews the card does not cite.
    keys(&mut app, "<enter>");
    keys(&mut full, "<enter>");
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("Evidence ("), "{shown}");
    assert_eq!(shown, screen(&full, 100, 30));
    keys(&mut app, "<ctrl-b> <ctrl-b>");
    assert!(screen(&app, 100, 30).contains("1 of "));

    // Saved: over the file as it was read, with every line as it was but
    // the name and the time it was updated; still on demand, and no other
    // file written.
    keys(&mut app, "<end> <space> Two <ctrl-s>");
    let effects = keys(&mut app, "<ctrl-s>");
    match effects.as_slice() {
        [Effect::AsRead { prints, then }] => {
            assert_eq!(prints.len(), 1);
            assert_eq!(prints[0].0, relative);
            assert!(matches!(**then, Effect::SaveWizard { .. }), "{then:?}");
        }
        other => panic!("{other:?}"),
    }
    perform_now(&mut app, &mut performer, effects);
    assert!(toast(&app).starts_with("Saved persona"), "{}", toast(&app));
    let saved = std::fs::read_to_string(&file).unwrap();
    only_named_anew(&text, &saved, &format!("{name} Two"));
    assert!(app.on_demand.is_some(), "still on demand");
    assert!(matches!(app.screen, Screen::Card(_)), "{}", toast(&app));
    assert_eq!(others(&root), untouched, "no other file was written");
    // The card on screen shows the saved name.
    assert!(screen(&app, 100, 30).contains(&format!("{name} Two")));

    // Edited again (and after a delete and its undo): saved over the
    // version this window wrote, not refused as changed by someone else.
    for key in ["<esc> d y", "u"] {
        let effects = keys(&mut app, key);
        perform_now(&mut app, &mut performer, effects);
    }
    assert!(std::fs::read_to_string(&file).unwrap() == saved);
    keys(&mut app, "<enter> e <ctrl-b> <end> <space> Three <ctrl-s>");
    let effects = keys(&mut app, "<ctrl-s>");
    perform_now(&mut app, &mut performer, effects);
    assert!(app.modal.is_none(), "{}", toast(&app));
    assert!(toast(&app).starts_with("Saved persona"), "{}", toast(&app));
    let again = std::fs::read_to_string(&file).unwrap();
    assert!(
        again.contains(&format!("name = \"{name} Two Three\"")),
        "{again}"
    );
}

#[test]
fn the_wizard_on_an_icp_keeps_what_it_does_not_ask_and_never_overwrites_a_change_made_outside() {
    let (_dir, root, mut app, mut performer) = lean_on_a_persona();
    keys(&mut app, "k");
    let icp = selected(&app);
    assert_eq!(icp.kind, Kind::Icp);
    let file = root.join(format!("icps/{}/icp.toml", icp.id));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("best_customers"),
        "the demo ICP has best customers"
    );
    let name = app.workspace.icp(&icp.id).unwrap().name.clone();
    let to_name = |app: &mut App| {
        for _ in 0..40 {
            if screen(app, 100, 30).contains(" 1 of ") {
                return;
            }
            keys(app, "<ctrl-b>");
        }
        panic!("{}", screen(app, 100, 30));
    };

    assert!(keys(&mut app, "<enter> e").is_empty());
    assert!(matches!(app.screen, Screen::Wizard(_)), "{}", toast(&app));
    to_name(&mut app);
    keys(&mut app, "<end> <space> Two <ctrl-s>");
    let effects = keys(&mut app, "<ctrl-s>");
    assert!(
        matches!(effects.as_slice(), [Effect::AsRead { .. }]),
        "{effects:?} {}",
        screen(&app, 100, 30)
    );
    perform_now(&mut app, &mut performer, effects);
    assert!(toast(&app).starts_with("Saved ICP"), "{}", toast(&app));
    let saved = std::fs::read_to_string(&file).unwrap();
    only_named_anew(&text, &saved, &format!("{name} Two"));
    assert!(app.on_demand.is_some(), "still on demand");

    // Edited again, while another window saves the ICP: the user is asked,
    // and their version stays on disk, whole.
    assert!(keys(&mut app, "e").is_empty());
    to_name(&mut app);
    keys(&mut app, "<end> <space> Three <ctrl-s>");
    let theirs = saved.replacen("name = ", "# edited in another window\nname = ", 1);
    std::fs::write(&file, &theirs).unwrap();
    let effects = keys(&mut app, "<ctrl-s>");
    perform_now(&mut app, &mut performer, effects);
    assert!(
        matches!(app.modal, Some(persona::tui::modal::Modal::Conflict(_))),
        "{}",
        toast(&app)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
}

#[test]
fn a_new_card_is_made_in_the_wizard_as_with_every_card_held() {
    let (_dir, root, mut app, mut performer) = lean_with_texts();
    let mut full = full_app(&root);
    keys(&mut app, "j j j");
    keys(&mut full, "j j j");
    let held = personas_held(&app);
    // The same keys in both windows: the same screens, the same card. A
    // job title citing a quote, then each required question Ctrl-s stops
    // at answered, until it saves.
    let mut step = |typed: &str| -> (Vec<Effect>, Vec<Effect>) {
        let effects = keys(&mut app, typed);
        let theirs = keys(&mut full, typed);
        assert_eq!(
            screen(&app, 100, 30),
            screen(&full, 100, 30),
            "after {typed}"
        );
        (effects, theirs)
    };
    for typed in [
        "n",
        "<enter>",
        "<enter> Lean <space> Lane <enter>",
        "Owner <tab> j c <tab> <enter>",
    ] {
        let (effects, _) = step(typed);
        assert!(effects.is_empty(), "{typed}: {effects:?}");
    }
    let mut saved = None;
    for _ in 0..8 {
        // To the review, then save: it stops at a required question.
        let (effects, theirs) = step("<ctrl-s> <ctrl-s>");
        if !effects.is_empty() {
            saved = Some((effects, theirs));
            break;
        }
        step("Stock <space> by <space> hand <enter>");
    }
    let (effects, theirs) = saved.expect("saved once every required question is answered");
    assert!(app.on_demand.is_some(), "still on demand");
    assert_eq!(personas_held(&app), held, "no other card read");
    let made = |effects: &[Effect]| match effects {
        [Effect::SaveWizard { entity, .. }] => {
            let mut entity = entity.clone();
            if let persona::domain::wizard::Entity::Persona(p) = &mut entity {
                (p.created, p.updated) = (None, None);
            }
            entity
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(made(&effects), made(&theirs));
    let persona::domain::wizard::Entity::Persona(made) = made(&effects) else {
        panic!("a persona")
    };
    perform_now(&mut app, &mut performer, effects);
    assert!(toast(&app).starts_with("Saved persona"), "{}", toast(&app));
    let file = root.join(format!("icps/{}/personas/{}.toml", made.icp, made.id));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("name = \"Lean Lane\""), "{text}");
    assert!(app.on_demand.is_some(), "still on demand");
    assert!(app.workspace.persona(&made.id).is_some());
}

#[test]
fn a_draft_carried_on_with_reads_every_card_first() {
    let (_dir, _root, mut app, mut performer) = lean_on_a_persona();
    // A draft left of an edit: it may be of any card.
    keys(&mut app, "<enter> e <ctrl-b> <end> <space> Draft <enter>");
    let left = keys(&mut app, "<esc> <esc>");
    assert!(
        matches!(left.as_slice(), [Effect::WriteDraft(_)]),
        "{left:?}"
    );
    perform_now(&mut app, &mut performer, left);
    assert!(matches!(app.screen, Screen::Card(_)), "{}", toast(&app));
    keys(&mut app, "<esc>");
    // A new card's choices open on demand, and offer the draft first.
    assert!(keys(&mut app, "n").is_empty());
    assert!(screen(&app, 100, 30).contains("Carry on:"));
    keys(&mut app, "<home>");
    for _ in 0..5 {
        if screen(&app, 100, 30).contains("› Carry on:") {
            break;
        }
        keys(&mut app, "<up>");
    }
    assert_eq!(keys(&mut app, "<enter>"), vec![Effect::ReadAll]);
    assert!(toast(&app).contains("needs every card"), "{}", toast(&app));
}

#[test]
fn drafts_offered_at_the_start_read_every_card_only_to_carry_one_on() {
    let (_dir, root, mut app, mut performer) = lean_on_a_persona();
    keys(&mut app, "<enter> e <ctrl-b> <end> <space> Draft <enter>");
    let left = keys(&mut app, "<esc> <esc>");
    perform_now(&mut app, &mut performer, left);
    drop((app, performer));

    // The next start opens on demand all the same, with the draft offered.
    let Opened {
        mut app,
        mut performer,
        load,
    } = startup::open_tuned(&root, Setup::for_tests(), &Start::Browse, 200, 0).unwrap();
    assert!(
        app.on_demand.is_some(),
        "a draft reads no card at the start"
    );
    app.offer_drafts(performer.drafts.list());
    // The filter's text of every card comes in meanwhile.
    let mut jobs = Jobs::new();
    jobs.start(
        load.expect("the filter's text is read on a thread"),
        &mut app,
    );
    jobs.finish(&mut app, &mut performer);
    assert!(matches!(app.screen, Screen::Drafts(_)));
    assert!(keys(&mut app, "j k").is_empty());
    // Kept for later, and offered again from the list (`w`), still on
    // demand.
    assert!(keys(&mut app, "<esc>").is_empty());
    assert!(matches!(app.screen, Screen::Browse));
    assert!(keys(&mut app, "w").is_empty());
    assert!(matches!(app.screen, Screen::Drafts(_)), "{}", toast(&app));
    assert!(app.on_demand.is_some());
    // Carrying it on reads every card first, then goes ahead by itself.
    assert_eq!(keys(&mut app, "<enter>"), vec![Effect::ReadAll]);
    let job = match performer.detach(Effect::ReadAll, &app.workspace) {
        Ok(job) => job,
        Err(_) => panic!("reading every card runs on a thread"),
    };
    jobs.start(job, &mut app);
    jobs.finish(&mut app, &mut performer);
    assert!(app.on_demand.is_none());
    let again = app.take_replay().expect("the key waited for the cards");
    app.handle_event(persona::tui::event::Event::Key(again));
    let shown = screen(&app, 100, 30);
    assert!(matches!(app.screen, Screen::Wizard(_)), "{shown}");
    assert!(shown.contains("Front Range Regular Rosa Draft"), "{shown}");
}

#[test]
fn persona_new_on_a_large_workspace_opens_its_wizard_with_cards_on_demand() {
    let (_dir, root) = tui_support::demo();
    let start = Start::Wizard {
        what: Kind::Persona,
        icp: None,
        template: None,
    };
    let Opened {
        mut app,
        mut performer,
        load,
    } = startup::open_tuned(&root, Setup::for_tests(), &start, 200, 0).unwrap();
    assert!(
        app.on_demand.is_some(),
        "cards on demand, as the list opens"
    );
    app.open_wizard(Kind::Persona, None, None).unwrap();
    assert!(personas_held(&app).is_empty(), "{:?}", personas_held(&app));

    // The wizard of a window holding every card, side by side: the same
    // templates, questions and quotes.
    let loaded = persona::store::Store::load(&mut FsStore::new(&root)).unwrap();
    let mut whole = App::new(loaded, Setup::for_tests());
    whole.open_wizard(Kind::Persona, None, None).unwrap();
    assert_eq!(screen(&app, 100, 30), screen(&whole, 100, 30));
    for step in [
        "<enter>",
        "Rosa <enter>",
        "<ctrl-k> <ctrl-k> <ctrl-k> <ctrl-k>",
        "<tab>",
    ] {
        keys(&mut app, step);
        keys(&mut whole, step);
        let shown = screen(&app, 100, 30);
        assert_eq!(shown, screen(&whole, 100, 30), "after {step}");
    }
    assert!(screen(&app, 100, 30).contains("Evidence ("));

    // The filter's text comes in meanwhile; no card is read for it.
    let mut jobs = Jobs::new();
    jobs.start(
        load.expect("the filter's text is read on a thread"),
        &mut app,
    );
    jobs.finish(&mut app, &mut performer);
    assert!(app.on_demand.as_ref().unwrap().texts_in);
    assert!(personas_held(&app).is_empty());
    // Out of the evidence pane, then out of the wizard.
    keys(&mut app, "<tab> <esc>");
    if app.modal.is_some() {
        keys(&mut app, "y");
    }
    assert!(
        matches!(app.screen, Screen::Browse),
        "{}",
        screen(&app, 100, 30)
    );
    assert!(app.on_demand.is_some(), "still on demand on the list");
}

#[test]
fn the_quotes_read_for_the_wizard_are_let_go_with_the_other_cards() {
    let (_dir, _root, mut app, _performer) = lean_on_a_persona();
    let interviews = app.workspace.interviews.len();
    let with_quotes = |app: &App| {
        app.workspace
            .interviews
            .iter()
            .filter(|i| !i.highlights.is_empty())
            .count()
    };
    app.on_demand.as_mut().unwrap().keep = 2;
    keys(&mut app, "<enter> e");
    assert!(matches!(app.screen, Screen::Wizard(_)), "{}", toast(&app));
    assert_eq!(with_quotes(&app), interviews, "every interview's quotes");
    // Left without a change, then on to other cards: the interviews go
    // back to their stand-ins, first of all that is held.
    keys(&mut app, "<esc>");
    if app.modal.is_some() {
        keys(&mut app, "y");
    }
    keys(&mut app, "<esc> j j");
    let ws = &app.workspace;
    let fields = (ws.icps.iter().map(|i| &i.fields)).chain(ws.personas.iter().map(|p| &p.fields));
    let quoted: std::collections::HashSet<String> = fields
        .flat_map(|f| f.values().flatten())
        .flat_map(|item| &item.cites)
        .map(|c| c.interview.to_string())
        .collect();
    let kept: Vec<&str> = (ws.interviews.iter())
        .filter(|i| !i.highlights.is_empty() && !quoted.contains(&i.id))
        .map(|i| i.id.as_str())
        .collect();
    assert!(
        kept.is_empty(),
        "held though no card on hand quotes them: {kept:?}"
    );
    assert!(with_quotes(&app) < interviews);
}

/// `persona export ARGS...` on `root`, which must succeed.
fn cli_export(root: &Path, args: &[&str]) {
    let run = cli_support::persona(root, &[&["export"], args].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// `x` on the card selected, to `out`, then `choice` in the popup (names
/// or redacted): the prompt opens at once, a redacted export is marked to
/// read the files (people are numbered across every interview) and the
/// other is written from what the app holds, and the app is still on
/// demand after it.
fn export_on_demand(
    app: &mut App,
    performer: &mut Performer<FsStore>,
    out: &Path,
    choice: &str,
    redacted: bool,
) {
    assert!(keys(app, "x").is_empty(), "{}", toast(app));
    assert!(app.modal.is_some(), "the prompt opens at once");
    let effects = keys(app, &format!("<ctrl-u> {} <enter> {choice}", out.display()));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Export { redact, from_files, .. }] if *redact == redacted && *from_files == redacted
        ),
        "{effects:?}"
    );
    perform_now(app, performer, effects);
    assert!(toast(app).starts_with("Exported"), "{}", toast(app));
    assert!(app.on_demand.is_some(), "still on demand");
}

#[test]
fn exporting_the_card_on_screen_reads_no_other_card_and_writes_what_the_command_line_writes() {
    let (dir, root, mut app, mut performer) = lean_on_a_persona();
    keys(&mut app, "k");
    let icp = selected(&app);
    assert_eq!(icp.kind, Kind::Icp);
    let held_before = personas_held(&app).len();

    // An ICP to a folder, as written: from what the app holds (the ICP
    // and its personas, read in full for it), not from every card.
    let by_app = dir.path().join("app-wiki");
    export_on_demand(&mut app, &mut performer, &by_app, "<enter>", false);
    let mine = app.workspace.personas_of(&icp.id).count();
    assert!(
        personas_held(&app).len() <= held_before + mine,
        "no card but the ICP's own personas was read"
    );
    let by_cli = dir.path().join("cli-wiki");
    let icp_arg = format!("icp:{}", icp.id);
    cli_export(&root, &[&icp_arg, "--out", by_cli.to_str().unwrap()]);
    assert!(files(&by_app).len() > 2);
    assert_eq!(files(&by_app), files(&by_cli));

    // Redacted, to one file: people are numbered across every interview,
    // which the app does not hold, so the export reads the files.
    let by_app = dir.path().join("app-redacted.md");
    export_on_demand(&mut app, &mut performer, &by_app, "<down> <enter>", true);
    let by_cli = dir.path().join("cli-redacted.md");
    cli_export(
        &root,
        &[&icp_arg, "--redact", "--out", by_cli.to_str().unwrap()],
    );
    assert_eq!(
        std::fs::read_to_string(&by_app).unwrap(),
        std::fs::read_to_string(&by_cli).unwrap()
    );
}

/// The quotes the card on screen cites that the full workspace has and
/// the app shows without (a stand-in interview has no highlights).
fn quotes_missing(app: &App, full: &persona::domain::Workspace) -> Vec<String> {
    let card = selected(app);
    let fields = |ws: &persona::domain::Workspace| match card.kind {
        Kind::Icp => ws.icp(&card.id).map(|i| i.fields.clone()),
        _ => ws.persona(&card.id).map(|p| p.fields.clone()),
    };
    let Some(fields) = fields(full) else {
        return Vec::new();
    };
    fields
        .values()
        .flatten()
        .flat_map(|item| &item.cites)
        .filter(|c| full.quote(c).is_some() && app.workspace.quote(c).is_none())
        .map(|c| format!("{}: {}#{}", card.id, c.interview, c.highlight))
        .collect()
}

#[test]
fn a_card_shown_again_has_its_quotes_even_after_they_were_let_go() {
    // Going back and forth over a few cards with room for only some of
    // them: a card shown again is held, but the interviews read with it
    // may have been let go since; it is read again, never shown without.
    use persona::store::Store as _;
    let (_demo, demo_root) = tui_support::demo();
    let full = FsStore::new(&demo_root).load().unwrap().workspace;
    for keep in 1..=40 {
        let (_dir, _root, mut app, _performer) = lean_with_texts();
        app.on_demand.as_mut().unwrap().keep = keep;
        for key in "j j k j j j k k k j j j j k k k j".split(' ') {
            keys(&mut app, key);
            let missing = quotes_missing(&app, &full);
            assert!(missing.is_empty(), "keep {keep}, after {key}: {missing:?}");
        }
    }
}

#[test]
fn an_interview_that_cannot_be_read_is_remembered_not_tried_at_every_key() {
    let (_dir, root, mut app, _performer) = lean_with_texts();
    keys(&mut app, "j");
    let card = selected(&app);
    let quoted = app
        .workspace
        .persona(&card.id)
        .unwrap()
        .fields
        .values()
        .flatten()
        .flat_map(|item| &item.cites)
        .map(|c| c.interview.to_string())
        .next()
        .expect("the first persona quotes an interview");
    // With room for one card, the next one lets it go; then that
    // interview's file breaks, and the card is shown again.
    app.on_demand.as_mut().unwrap().keep = 1;
    keys(&mut app, "j");
    assert!(!app.on_demand.as_ref().unwrap().holds(&card));
    std::fs::write(
        root.join(format!("interviews/{quoted}.toml")),
        "title = \"broken\n",
    )
    .unwrap();
    keys(&mut app, "k");
    assert_eq!(selected(&app), card);
    let interview = EntityRef::new(Kind::Interview, &quoted);
    let cards = app.on_demand.as_ref().unwrap();
    assert!(cards.holds(&card), "the card is read");
    assert!(
        cards.unreadable(&interview),
        "its broken interview is remembered"
    );
}
