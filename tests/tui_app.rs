//! Key scripts on the app with an in-memory store: what the user sees
//! change, and which effects the app asks for.

mod tui_support;

use persona::domain::{EntityRef, Kind};
use persona::store::Problem;
use persona::tui::app::{App, Screen, Setup};
use persona::tui::config::Config;
use persona::tui::effect::Effect;
use persona::tui::keys::Context;
use persona::tui::modal::Modal;
use tui_support::*;

fn selected(app: &App) -> Option<EntityRef> {
    app.browse.selected_entity(&app.workspace)
}

fn card_of(app: &App) -> Option<&EntityRef> {
    match &app.screen {
        Screen::Card(card) => Some(&card.entity),
        _ => None,
    }
}

#[test]
fn filter_by_name_then_enter_opens_the_match() {
    let mut app = app();
    let effects = press(&mut app, "/ gab <enter>");
    assert!(effects.is_empty());
    assert_eq!(
        card_of(&app),
        Some(&EntityRef::new(Kind::Persona, "gabriel"))
    );
    // Back in browse the filter is still applied; Esc clears it.
    press(&mut app, "<esc>");
    assert!(matches!(app.screen, Screen::Browse));
    assert_eq!(app.browse.input.text, "gab");
    assert_eq!(app.browse.matching_personas(), 1);
    press(&mut app, "<esc>");
    assert!(app.browse.query.is_none());
    assert_eq!(app.browse.matching_personas(), 3);
    assert_eq!(
        selected(&app),
        Some(EntityRef::new(Kind::Persona, "gabriel"))
    );
}

#[test]
fn filter_finds_a_persona_by_a_word_in_its_pain_points() {
    let mut app = app();
    press(&mut app, "/ monday");
    assert_eq!(app.context(), Context::Filter);
    assert_eq!(app.browse.matching_personas(), 1);
    assert_eq!(
        selected(&app),
        Some(EntityRef::new(Kind::Persona, "olivia"))
    );
    let text = screen(&app, 100, 30);
    assert!(text.contains("Filter: monday"), "{text}");
    assert!(text.contains("1 of 3 personas"), "{text}");
    // Backspacing widens the filter again.
    press(
        &mut app,
        "<backspace> <backspace> <backspace> <backspace> <backspace> <backspace>",
    );
    assert_eq!(app.browse.matching_personas(), 3);
    // Nothing matches: say so, and Esc gets everything back.
    press(&mut app, "zzzq");
    assert!(screen(&app, 80, 24).contains("Nothing matches"));
    press(&mut app, "<esc>");
    assert_eq!(app.browse.rows.len(), 5);
}

#[test]
fn arrows_and_jk_move_and_q_quits_only_at_top_level() {
    let mut app = app();
    // Sorted by name: DTC coffee brands, Gabriel, Independent..., Finance Frank, Operations Olivia.
    assert_eq!(selected(&app), Some(EntityRef::new(Kind::Icp, "coffee")));
    press(&mut app, "j <down>");
    assert_eq!(selected(&app), Some(EntityRef::new(Kind::Icp, "outdoor")));
    press(&mut app, "k");
    assert_eq!(
        selected(&app),
        Some(EntityRef::new(Kind::Persona, "gabriel"))
    );
    press(&mut app, "<enter>");
    assert!(card_of(&app).is_some());
    press(&mut app, "q");
    assert!(!app.quit);
    assert!(matches!(app.screen, Screen::Browse));
    press(&mut app, "G");
    assert_eq!(
        selected(&app),
        Some(EntityRef::new(Kind::Persona, "olivia"))
    );
    press(&mut app, "s");
    assert!(app.toast.as_ref().unwrap().text.contains("last update"));
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn card_shows_quotes_with_who_and_when() {
    let mut app = app();
    press(&mut app, "/ olivia <enter>");
    assert_eq!(
        card_of(&app),
        Some(&EntityRef::new(Kind::Persona, "olivia"))
    );
    // The first item (job title) cites Dana; the second (a pain point) cites two interviews.
    press(&mut app, "j <enter>");
    assert!(matches!(app.modal, Some(Modal::Quotes { .. })));
    let text = screen(&app, 100, 30);
    assert!(text.contains("Every Monday I lose half a day"), "{text}");
    assert!(
        text.contains("Dana Whitfield, Head of Operations, Acme Outdoor · interview · 2026-09-12"),
        "{text}"
    );
    assert!(text.contains("Sam Okafor"), "{text}");
    press(&mut app, "<esc> G <enter>");
    assert!(app.modal.is_none());
    assert!(app.toast.as_ref().unwrap().text.contains("assumption"));
}

#[test]
fn delete_asks_first_then_undo_brings_it_back() {
    let mut app = app();
    let mut store = memory();
    press(&mut app, "/ frank <esc>");
    press(&mut app, "/ frank");
    let effects = press(&mut app, "<tab> d");
    assert!(effects.is_empty());
    assert!(matches!(app.modal, Some(Modal::Confirm(_))));
    assert!(screen(&app, 80, 24).contains("Delete the persona “Finance Frank”?"));
    // n leaves it alone.
    assert!(press(&mut app, "n").is_empty());
    assert!(app.modal.is_none());
    assert_eq!(
        press(&mut app, "d y"),
        vec![Effect::Delete(EntityRef::new(Kind::Persona, "frank"))]
    );

    press_and_perform(&mut app, &mut store, "d y");
    assert!(app.workspace.persona("frank").is_none());
    let toast = app.toast.clone().unwrap();
    assert!(
        toast.text.contains("Deleted persona “Finance Frank”"),
        "{}",
        toast.text
    );
    assert!(toast.text.contains("Press u to undo"), "{}", toast.text);
    press_and_perform(&mut app, &mut store, "u");
    assert!(app.workspace.persona("frank").is_some());
    assert!(app.undo.is_none());
    press(&mut app, "u");
    assert_eq!(app.toast.unwrap().text, "Nothing to undo.");
}

#[test]
fn deleting_the_open_card_goes_back_to_browse() {
    let mut app = app();
    let mut store = memory();
    press_and_perform(&mut app, &mut store, "/ olivia <enter> d y");
    assert!(matches!(app.screen, Screen::Browse));
    assert!(app.workspace.persona("olivia").is_none());
}

#[test]
fn duplicate_move_and_rename_ask_the_store() {
    let mut app = app();
    let mut store = memory();
    press(&mut app, "/ olivia <tab>");
    let effects = press(&mut app, "c");
    let [Effect::SavePersona(copy)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(copy.name, "Operations Olivia (copy)");
    assert_eq!(copy.id, "operations-olivia-copy");
    assert_eq!(copy.icp, "outdoor");
    assert_eq!(copy.fields, app.workspace.persona("olivia").unwrap().fields);

    assert_eq!(
        press(&mut app, "m <enter>"),
        vec![Effect::Move {
            persona: "olivia".into(),
            icp: "coffee".into()
        }]
    );

    let effects = press(&mut app, "r <ctrl-u> Olivia <space> Ops <enter>");
    assert_eq!(
        effects,
        vec![Effect::Rename {
            entity: EntityRef::new(Kind::Persona, "olivia"),
            name: "Olivia Ops".into(),
            new_id: "olivia-ops".into(),
        }]
    );

    // Performed: the card follows the new id and the citations still count.
    press_and_perform(
        &mut app,
        &mut store,
        "<enter> r <ctrl-u> Olivia <space> Ops <enter>",
    );
    assert_eq!(
        card_of(&app),
        Some(&EntityRef::new(Kind::Persona, "olivia-ops"))
    );
    let renamed = app.workspace.persona("olivia-ops").unwrap();
    assert_eq!(renamed.name, "Olivia Ops");
    assert!(app.toast.as_ref().unwrap().text.contains("olivia-ops"));
    assert!(screen(&app, 100, 30).contains("✓ 2 interviews"));
}

#[test]
fn export_prompts_with_a_default_path() {
    let mut app = app();
    press(&mut app, "/ olivia <tab>");
    press(&mut app, "x");
    let Some(Modal::Prompt(prompt)) = &app.modal else {
        panic!("no prompt")
    };
    assert_eq!(prompt.input.text, "/tmp/export/olivia.md");
    // Then: with names, or redacted (as written unless the workspace's
    // setting says otherwise).
    assert!(press(&mut app, "<enter>").is_empty());
    let text = screen(&app, 100, 30);
    assert!(text.contains("Export with names, or redacted?"), "{text}");
    assert!(
        text.contains("Redacted: people and companies described"),
        "{text}"
    );
    assert_eq!(
        press(&mut app, "<enter>"),
        vec![Effect::Export {
            path: "/tmp/export/olivia.md".into(),
            items: vec![EntityRef::new(Kind::Persona, "olivia")],
            redact: false,
            from_files: false,
        }]
    );
    assert_eq!(
        press(&mut app, "x <enter> j <enter>"),
        vec![Effect::Export {
            path: "/tmp/export/olivia.md".into(),
            items: vec![EntityRef::new(Kind::Persona, "olivia")],
            redact: true,
            from_files: false,
        }]
    );
    // The workspace's setting makes redacted the default.
    std::sync::Arc::make_mut(&mut app.workspace)
        .meta
        .extra
        .insert(
            "privacy".into(),
            toml::from_str::<toml::Value>("redact_exports = true").unwrap(),
        );
    assert!(matches!(
        press(&mut app, "x <enter> <enter>").as_slice(),
        [Effect::Export { redact: true, .. }]
    ));
    press(&mut app, "x <esc>");
    assert!(app.modal.is_none());
    press(&mut app, "x <enter> <esc>");
    assert!(app.modal.is_none());
}

#[test]
fn a_failed_save_is_a_message_not_a_crash() {
    let mut app = app();
    let mut store = memory();
    store.store.fail_saves = true;
    press_and_perform(&mut app, &mut store, "/ olivia <tab> c");
    let toast = app.toast.clone().unwrap();
    assert!(toast.error);
    assert!(toast.text.contains("disk is full"), "{}", toast.text);
    assert!(app.workspace.persona("operations-olivia-copy").is_none());
}

#[test]
fn welcome_offers_the_demo_or_an_empty_start() {
    let mut app = App::welcome(std::path::Path::new("/tmp/new-ws"), Setup::for_tests());
    assert_eq!(app.context(), Context::Welcome);
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("Turn customer interview notes into an Ideal Customer Profile"),
        "{text}"
    );
    assert!(text.contains("/tmp/new-ws"), "{text}");
    assert_eq!(
        press(&mut app, "<enter>"),
        vec![Effect::CreateWorkspace { demo: true }]
    );
    assert_eq!(
        press(&mut app, "k <enter>"),
        vec![Effect::CreateWorkspace { demo: false }]
    );
    // Creating it lands in browse.
    let mut store = memory();
    press_and_perform(&mut app, &mut store, "j <enter>");
    assert!(matches!(app.screen, Screen::Browse));
    assert_eq!(app.workspace.personas.len(), 3);
}

#[test]
fn help_and_footer_come_from_the_same_table() {
    let mut over = std::collections::BTreeMap::new();
    over.insert(
        "delete".to_string(),
        persona::tui::config::Keys::One("D".into()),
    );
    let mut setup = Setup::for_tests();
    setup.config = Config {
        keys: over,
        ..Config::default()
    };
    let mut app = App::new(loaded(), setup);
    let text = screen(&app, 100, 30);
    assert!(text.contains("D delete"), "{text}");
    assert!(text.contains("? help"), "{text}");
    press(&mut app, "d");
    assert!(app.modal.is_none(), "d no longer deletes");
    press(&mut app, "D");
    assert!(matches!(app.modal, Some(Modal::Confirm(_))));
    press(&mut app, "n ?");
    let text = screen(&app, 100, 30);
    assert!(text.contains("Delete the selected item"), "{text}");
    assert!(
        text.lines().any(|l| l.contains(" D ") || l.contains("  D")),
        "{text}"
    );
}

#[test]
fn user_text_cannot_reach_the_terminal_raw() {
    let mut loaded = loaded();
    loaded.workspace.personas[0].name = "Evil\x1b]0;owned\x07 \x1b[2J".into();
    let mut app = App::new(loaded, Setup::for_tests());
    press(&mut app, "G");
    let text = screen(&app, 100, 30);
    assert!(!text.contains('\x1b'));
    assert!(!text.contains('\x07'));
    assert!(text.contains("Evil\u{241b}]0;owned\u{2407}"), "{text}");
}

#[test]
fn problems_are_listed_while_the_rest_works() {
    let mut loaded = loaded();
    loaded.problems.push(Problem {
        path: "icps/outdoor/personas/broken.toml".into(),
        line: 3,
        column: 7,
        severity: persona::domain::Severity::Error,
        message: "expected `=`".into(),
    });
    let mut app = App::new(loaded, Setup::for_tests());
    let text = screen(&app, 100, 30);
    assert!(text.contains("1 file could not be loaded"), "{text}");
    press(&mut app, "!");
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("icps/outdoor/personas/broken.toml:3:7"),
        "{text}"
    );
    press(&mut app, "<esc> j <enter>");
    assert!(card_of(&app).is_some());
}

#[test]
fn a_broken_config_is_reported_once_and_defaults_apply() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "stale_after_days = [\n").unwrap();
    let (config, problem) = Config::load(Some(&path));
    let mut setup = Setup::for_tests();
    setup.config = config;
    setup.config_problem = problem;
    let mut app = App::new(loaded(), setup);
    assert!(app.toast.as_ref().unwrap().text.contains("config.toml"));
    assert_eq!(app.config.stale_after_days, 90);
    press(&mut app, "j");
    assert!(app.toast.is_none());
}

#[test]
fn stale_cards_are_marked_by_the_configured_threshold() {
    let mut app = app();
    // DTC coffee brands was validated 2026-01-15, 290 days before "today".
    let text = screen(&app, 100, 30);
    assert!(text.contains("⚠ STALE"), "{text}");
    let mut setup = Setup::for_tests();
    setup.config.stale_after_days = 400;
    app = App::new(loaded(), setup);
    assert!(!screen(&app, 100, 30).contains("STALE"));
}

#[test]
fn paste_goes_into_the_filter() {
    let mut app = app();
    press(&mut app, "/");
    app.handle_event(persona::tui::event::Event::Paste("stock\ncounts".into()));
    assert_eq!(app.browse.input.text, "stock counts");
    assert_eq!(app.browse.matching_personas(), 0);
    assert!(app.browse.query.is_some());
}

#[test]
fn export_writes_markdown_where_asked_and_preview_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out/olivia.md");
    let mut app = app();
    let mut store = memory();
    press_and_perform(
        &mut app,
        &mut store,
        &format!(
            "/ olivia <tab> x <ctrl-u> {} <enter> <enter>",
            file.display()
        ),
    );
    let toast = app.toast.clone().unwrap();
    assert!(!toast.error, "{}", toast.text);
    assert!(toast.text.contains("olivia.md"), "{}", toast.text);
    let markdown = std::fs::read_to_string(&file).unwrap();
    assert!(markdown.contains("Operations Olivia"));
    assert!(markdown.contains("Matching stock by hand"));

    // A folder gets an index and one file per item.
    let folder = dir.path().join("wiki");
    press_and_perform(
        &mut app,
        &mut store,
        &format!("<esc> g x <ctrl-u> {}/ <enter> <enter>", folder.display()),
    );
    assert!(folder.join("index.md").is_file(), "{:?}", app.toast);

    // The preview shows the same markdown, and Esc goes back.
    press(&mut app, "/ olivia <tab> p");
    assert!(matches!(app.screen, Screen::Preview(_)));
    assert!(screen(&app, 100, 30).contains("# Operations Olivia"));
    press(&mut app, "<esc>");
    assert!(matches!(app.screen, Screen::Browse));
}

#[test]
fn a_remembered_filter_is_recomputed_after_the_workspace_changes() {
    let mut app = app();
    press(&mut app, "/ monday");
    assert_eq!(app.browse.matching_personas(), 1);
    // Backspace then retype: the remembered result is the same result.
    press(&mut app, "<backspace> y");
    assert_eq!(app.browse.matching_personas(), 1);

    // A teammate's change arrives (any save or reload goes through `load`):
    // a second persona now mentions Monday, and the filter must see it.
    let mut workspace = (*app.workspace).clone();
    let gabriel = workspace
        .personas
        .iter_mut()
        .find(|p| p.id == "gabriel")
        .unwrap();
    gabriel.fields.insert(
        "pain_points".into(),
        vec![persona::domain::Item::text("Monday stock counts")],
    );
    app.load(
        persona::store::Loaded {
            workspace,
            problems: Vec::new(),
        },
        None,
    );
    assert_eq!(app.browse.matching_personas(), 2);
    press(&mut app, "<backspace> y");
    assert_eq!(
        app.browse.matching_personas(),
        2,
        "no stale remembered result"
    );
    let text = screen(&app, 100, 30);
    assert!(text.contains("2 of 3 personas"), "{text}");
}
