//! The one key router: help opens from every screen (F1 everywhere, `?`
//! where it is not typed), printable keys go to the text being typed, and
//! a key override from the settings never takes a typed letter.

mod tui_support;

use persona::store::drafts::DraftFile;
use persona::store::{Loaded, Problem};
use persona::tui::app::{App, Screen, Setup};
use persona::tui::config::{Config, Keys};
use persona::tui::keys::Context;
use persona::tui::modal::Modal;
use std::collections::BTreeMap;
use tui_support::*;

fn with_notes() -> Loaded {
    let mut loaded = loaded();
    let dana = loaded
        .workspace
        .interviews
        .iter_mut()
        .find(|i| i.id == "dana")
        .unwrap();
    dana.notes = "Dana runs four stores.\nEvery Monday I lose half a day.\n".into();
    loaded.problems.push(Problem {
        path: "icps/outdoor/personas/broken.toml".into(),
        line: 1,
        column: 1,
        severity: persona::domain::Severity::Error,
        message: "expected `=`".into(),
    });
    loaded
}

fn app_with(config: Config) -> App {
    let mut setup = Setup::for_tests();
    setup.config = config;
    App::new(with_notes(), setup)
}

fn a_draft() -> DraftFile {
    let mut app = app();
    press(&mut app, "j j n <enter> <enter> Kim");
    let draft = app.shelf.lock().unwrap().clone().unwrap();
    DraftFile {
        name: draft.name,
        snapshot: Ok(draft.snapshot),
    }
}

/// Key scripts that reach every screen and popup, from browse.
fn every_context() -> Vec<(&'static str, Context)> {
    vec![
        ("", Context::Browse),
        ("/", Context::Filter),
        ("<enter>", Context::Card),
        ("/ olivia <enter> <enter>", Context::Quotes),
        ("p", Context::Preview),
        ("d", Context::Confirm),
        ("r", Context::Prompt),
        ("/ olivia <enter> m", Context::Picker),
        ("!", Context::Problems),
        ("n", Context::WizardChoose),
        ("j j n <enter> <enter>", Context::Wizard),
        (
            "j j n <enter> <enter> Kim <enter> <tab>",
            Context::WizardEvidence,
        ),
        (
            "j j n <enter> <enter> Kim <enter> <tab> /",
            Context::WizardFilter,
        ),
        ("j j n <enter> <enter> Kim <ctrl-s>", Context::WizardReview),
        ("j j n <enter> <enter> <ctrl-o>", Context::WizardOverview),
        ("w", Context::Drafts),
        ("i", Context::Interviews),
        ("i <enter>", Context::Notes),
        ("i <enter> e", Context::NotesEditing),
        ("i <enter> <tab>", Context::Highlights),
        ("i <enter> r", Context::Guided),
        ("i <enter> h", Context::TagPicker),
        ("i t", Context::Tally),
        ("/ olivia <enter> O", Context::Outreach),
        ("j j <enter> b", Context::Customers),
        ("o", Context::Insights),
    ]
}

#[test]
fn help_opens_from_every_screen_and_popup() {
    let mut seen = Vec::new();
    for (script, context) in every_context() {
        let mut app = app_with(Config::default());
        app.drafts = vec![a_draft()];
        press(&mut app, script);
        assert_eq!(app.context(), context, "after `{script}`");
        press(&mut app, "<f1>");
        match &app.modal {
            Some(Modal::Help { context: shown, .. }) => assert_eq!(*shown, context),
            _ => panic!("F1 did not open the help after `{script}`"),
        }
        let text = screen(&app, 100, 40);
        assert!(text.contains(context.title()), "{text}");
        // The footer of every context lists its help key.
        press(&mut app, "<esc>");
        assert!(app.modal.is_none() || context.is_text() || app.context() == context);
        seen.push(context);
    }
    let welcome = App::welcome(std::path::Path::new("/tmp/w"), Setup::for_tests());
    let mut welcome = welcome;
    press(&mut welcome, "?");
    assert!(matches!(
        welcome.modal,
        Some(Modal::Help {
            context: Context::Welcome,
            ..
        })
    ));
    // Every context a person can be in was tried (the long-text answer,
    // the file-changed dialog, and the merge conflicts and card history,
    // which need files and git, have tests of their own).
    for context in Context::ALL {
        let elsewhere = [
            Context::Welcome,
            Context::Help,
            Context::WizardText,
            Context::Conflict,
            // Editing a template needs its file: tests/outreach_tui.rs.
            Context::OutreachEditing,
            Context::Conflicts,
            Context::History,
            // A report of an import's bad files: tests/tui_import.rs.
            Context::Report,
            // On a workspace on disk: tests/tui_scoring.rs.
            Context::ScoringRules,
            Context::ScoringLeads,
            Context::ScoringBacktest,
            Context::ScoringForm,
        ];
        assert!(
            seen.contains(context) || elsewhere.contains(context),
            "{context:?} not tried"
        );
    }
}

#[test]
fn where_typing_goes_into_text_question_mark_types_and_f1_is_in_the_footer() {
    let mut app = app_with(Config::default());
    press(&mut app, "j j n <enter> <enter> Who?");
    assert!(app.modal.is_none(), "? typed into the answer");
    let text = screen(&app, 100, 30);
    assert!(text.contains("Who?"), "{text}");
    assert!(text.contains("F1 help"), "{text}");
    press(&mut app, "<f1>");
    let text = screen(&app, 100, 40);
    assert!(text.contains("While typing"), "{text}");
    assert!(text.contains("Ctrl-u"), "{text}");
}

#[test]
fn an_override_cannot_steal_a_typed_letter() {
    let mut keys = BTreeMap::new();
    keys.insert("back".to_string(), Keys::One("q".into()));
    let config = Config {
        keys,
        ..Config::default()
    };
    // The notes editor: "quick" types "quick", Esc still stops editing.
    let mut app = app_with(config.clone());
    press(&mut app, "i <enter> e quick");
    let Screen::Interview(s) = &app.screen else {
        panic!("left the interview")
    };
    assert!(s.notes().starts_with("quick"), "{}", s.notes());
    assert_eq!(app.context(), Context::NotesEditing);
    press(&mut app, "<esc>");
    assert_eq!(app.context(), Context::Notes);
    // Reading the notes (nothing typed there), q goes back (twice, as the
    // notes are unsaved); the override replaced Esc there.
    press(&mut app, "q q");
    assert_eq!(app.context(), Context::Interviews);

    // The filter and a wizard answer too.
    let mut app = app_with(config.clone());
    press(&mut app, "/ quick");
    assert_eq!(app.browse.input.text, "quick");
    let mut app = app_with(config);
    press(&mut app, "j j n <enter> <enter> quiet <space> Quinn");
    let text = screen(&app, 100, 30);
    assert!(text.contains("quiet Quinn"), "{text}");
    assert_eq!(app.context(), Context::Wizard);
}

#[test]
fn overrides_are_scoped_by_screen_and_a_typed_letter_is_refused_with_a_reason() {
    let mut browse = BTreeMap::new();
    browse.insert("delete".to_string(), Keys::One("D".into()));
    let mut editing = BTreeMap::new();
    editing.insert("save".to_string(), Keys::One("s".into()));
    let mut keys = BTreeMap::new();
    keys.insert("browse".to_string(), Keys::Scoped(browse));
    keys.insert("notes-editing".to_string(), Keys::Scoped(editing));
    let mut app = app_with(Config {
        keys,
        ..Config::default()
    });
    let toast = app.toast.clone().unwrap();
    assert!(
        toast.text.contains("where it types the letter"),
        "{}",
        toast.text
    );
    press(&mut app, "d");
    assert!(app.modal.is_none(), "d no longer deletes in browse");
    press(&mut app, "D");
    assert!(matches!(app.modal, Some(Modal::Confirm(_))));
    // On a card (another screen) d still deletes.
    let mut app = app_with(Config {
        keys: BTreeMap::from([(
            "browse".to_string(),
            Keys::Scoped(BTreeMap::from([(
                "delete".to_string(),
                Keys::One("D".into()),
            )])),
        )]),
        ..Config::default()
    });
    press(&mut app, "<enter> d");
    assert!(matches!(app.modal, Some(Modal::Confirm(_))));
}
