//! A save refused because the file changed, vanished or did not load: the
//! dialog, and what each choice saves, on the in-memory store.

mod tui_support;

use persona::domain::{EntityRef, Item, Kind};
use persona::store::{MemoryStore, Outside};
use persona::tui::app::{App, Screen};
use persona::tui::effect::Effect;
use persona::tui::keys::Context;
use persona::tui::modal::Modal;
use persona::tui::perform::Performer;
use tui_support::*;

const PATH: &str = "icps/outdoor/personas/olivia.toml";

fn olivia() -> EntityRef {
    EntityRef::new(Kind::Persona, "olivia")
}

fn job_title(app: &App, id: &str) -> String {
    app.workspace.persona(id).unwrap().fields["job_title"][0]
        .value
        .to_string()
}

/// Olivia's card, `e`, a changed job title, and a save refused because
/// a teammate changed (or removed, or broke) her file meanwhile.
fn refused_wizard_save(how: Outside) -> (App, Performer<MemoryStore>) {
    let mut app = app();
    let mut store = memory();
    press_and_perform(&mut app, &mut store, "/ olivia <enter> e ! <ctrl-s>");
    match how {
        Outside::Vanished => store.store.workspace.personas.retain(|p| p.id != "olivia"),
        _ => {
            let theirs = store.store.workspace.personas.iter_mut();
            for p in theirs.filter(|p| p.id == "olivia") {
                p.fields.insert(
                    "job_title".into(),
                    vec![Item::text("VP Operations (theirs)")],
                );
            }
        }
    }
    store.store.change_outside(olivia(), how);
    press_and_perform(&mut app, &mut store, "<ctrl-s>");
    (app, store)
}

fn conflict_of(app: &App) -> &persona::tui::conflict::Conflict {
    match &app.modal {
        Some(Modal::Conflict(c)) => c,
        _ => panic!("no conflict dialog"),
    }
}

#[test]
fn a_refused_save_asks_and_saving_again_asks_again() {
    let (mut app, mut store) = refused_wizard_save(Outside::Changed);
    assert_eq!(app.context(), Context::Conflict);
    assert_eq!(conflict_of(&app).path, PATH);
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("icps/outdoor/personas/olivia.toml changed on disk since you opened it"),
        "{text}"
    );
    // The footer comes from the dialog's key table.
    assert!(text.contains("r reload"), "{text}");
    assert!(text.contains("o overwrite"), "{text}");
    assert!(text.contains("c save as copy"), "{text}");
    // Nothing was written, and the app did not quietly take in theirs.
    assert!(!store.store.log.iter().any(|l| l.contains("olivia")));
    assert_eq!(job_title(&app, "olivia"), "Head of Operations");

    // Esc decides later: still in the wizard, and saving again asks again.
    press_and_perform(&mut app, &mut store, "<esc>");
    assert!(app.modal.is_none());
    assert!(matches!(app.screen, Screen::Wizard(_)));
    assert!(
        app.toast
            .as_ref()
            .unwrap()
            .text
            .contains("Nothing was saved")
    );
    press_and_perform(&mut app, &mut store, "<ctrl-s>");
    assert_eq!(app.context(), Context::Conflict);
    assert_eq!(
        store.store.workspace.persona("olivia").unwrap().fields["job_title"][0]
            .value
            .to_string(),
        "VP Operations (theirs)"
    );
}

#[test]
fn reload_takes_theirs_and_keeps_mine_in_the_draft() {
    let (mut app, mut store) = refused_wizard_save(Outside::Changed);
    let effects = press(&mut app, "r");
    assert!(matches!(effects[0], Effect::WriteDraft(ref d) if d.name == "persona-olivia"));
    assert!(matches!(effects.last(), Some(Effect::Reload { .. })));
    for effect in effects {
        let msg = persona::tui::perform::Perform::perform(&mut store, effect, &app.workspace);
        app.handle_msg(msg);
    }
    assert!(matches!(&app.screen, Screen::Card(c) if c.entity == olivia()));
    assert_eq!(job_title(&app, "olivia"), "VP Operations (theirs)");
    let toast = app.toast.clone().unwrap();
    assert!(
        toast.text.contains("Took the version on disk"),
        "{}",
        toast.text
    );
    assert!(
        toast.text.contains(".drafts/persona-olivia.toml"),
        "{}",
        toast.text
    );
    let drafts = store.drafts.list();
    assert_eq!(drafts.len(), 1);
    assert!(format!("{:?}", drafts[0].snapshot).contains("Head of Operations!"));
    assert!(!store.store.log.iter().any(|l| l.contains("olivia")));
}

#[test]
fn overwrite_saves_mine_over_theirs_and_drops_the_draft() {
    let (mut app, mut store) = refused_wizard_save(Outside::Changed);
    press_and_perform(&mut app, &mut store, "o");
    assert_eq!(
        store.store.log,
        vec!["save-over persona olivia".to_string()]
    );
    assert_eq!(job_title(&app, "olivia"), "Head of Operations!");
    assert!(matches!(&app.screen, Screen::Card(c) if c.entity == olivia()));
    assert!(store.drafts.list().is_empty());
    assert!(app.toast.unwrap().text.contains("over the version on disk"));
}

#[test]
fn save_as_copy_keeps_theirs_and_adds_mine_under_a_new_name() {
    let (mut app, mut store) = refused_wizard_save(Outside::Changed);
    press_and_perform(&mut app, &mut store, "c");
    assert_eq!(
        store.store.log,
        vec!["persona operations-olivia-copy".to_string()]
    );
    assert_eq!(job_title(&app, "olivia"), "VP Operations (theirs)");
    let copy = app.workspace.persona("operations-olivia-copy").unwrap();
    assert_eq!(copy.name, "Operations Olivia (copy)");
    assert_eq!(copy.icp, "outdoor");
    assert_eq!(
        job_title(&app, "operations-olivia-copy"),
        "Head of Operations!"
    );
    assert!(matches!(&app.screen, Screen::Card(c) if c.entity.id == "operations-olivia-copy"));
}

#[test]
fn a_vanished_file_is_named_and_overwrite_puts_it_back() {
    let (mut app, mut store) = refused_wizard_save(Outside::Vanished);
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("olivia.toml was deleted or moved on disk"),
        "{text}"
    );
    assert!(text.contains("put yours back"), "{text}");
    assert!(store.store.workspace.persona("olivia").is_none());
    press_and_perform(&mut app, &mut store, "o");
    assert_eq!(job_title(&app, "olivia"), "Head of Operations!");
}

#[test]
fn duplicating_onto_a_file_that_did_not_load_asks_too() {
    let mut app = app();
    let mut store = memory();
    store.store.change_outside(
        EntityRef::new(Kind::Persona, "operations-olivia-copy"),
        Outside::Unloaded,
    );
    press_and_perform(&mut app, &mut store, "/ olivia <tab> c");
    assert_eq!(app.context(), Context::Conflict);
    assert!(screen(&app, 100, 30).contains("could not load it"));
    // Save as copy picks yet another name.
    press_and_perform(&mut app, &mut store, "c");
    assert_eq!(
        store.store.log,
        vec!["persona operations-olivia-copy-copy".to_string()]
    );
}

#[test]
fn interview_notes_saved_as_a_copy_keep_editing_the_copy() {
    let mut app = app();
    let mut store = memory();
    press_and_perform(&mut app, &mut store, "i");
    let _ = screen(&app, 100, 30);
    press_and_perform(&mut app, &mut store, "<enter>");
    let Screen::Interview(s) = &app.screen else {
        panic!("not on an interview: {}", screen(&app, 100, 30));
    };
    let id = s.id.clone();
    store
        .store
        .change_outside(EntityRef::new(Kind::Interview, &id), Outside::Changed);
    press_and_perform(&mut app, &mut store, "<ctrl-s>");
    assert_eq!(app.context(), Context::Conflict);
    assert!(store.store.log.is_empty());
    press_and_perform(&mut app, &mut store, "c");
    let Screen::Interview(s) = &app.screen else {
        panic!("left the interview")
    };
    assert_ne!(s.id, id);
    assert!(s.draft.title.ends_with("(copy)"));
    assert_eq!(store.store.log, vec![format!("interview {}", s.id)]);
    // Saving again saves the copy, with no question.
    press_and_perform(&mut app, &mut store, "<ctrl-s>");
    assert!(app.modal.is_none());
}

#[test]
fn interview_reload_goes_back_to_the_list() {
    let mut app = app();
    let mut store = memory();
    press_and_perform(&mut app, &mut store, "i <enter>");
    let Screen::Interview(s) = &app.screen else {
        panic!("not on an interview")
    };
    let id = s.id.clone();
    store
        .store
        .change_outside(EntityRef::new(Kind::Interview, &id), Outside::Changed);
    press_and_perform(&mut app, &mut store, "<ctrl-s> r");
    assert!(matches!(app.screen, Screen::Interviews(_)));
    assert!(app.toast.unwrap().text.contains("were dropped"));
    assert!(store.store.log.is_empty());
}

#[test]
fn snapshot_conflict_dialog_80x24() {
    let (app, _store) = refused_wizard_save(Outside::Changed);
    insta::assert_snapshot!(screen(&app, 80, 24));
}
