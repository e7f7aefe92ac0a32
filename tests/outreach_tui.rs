//! The app's outreach screen, driven by keys on a workspace whose outreach
//! templates are real files: a template previewed for a sample lead and
//! for the rows of a HubSpot export (skipped rows with their reason),
//! unknown tokens flagged, the body edited with token completion and saved
//! atomically, the matrix on the card, and the help listing the keys.

mod tui_support;

use persona::domain::outreach::{MessagingRow, Stage};
use persona::domain::{Citation, Workspace};
use persona::store::{Loaded, MemoryStore};
use persona::tui::app::{App, Setup};
use persona::tui::perform::Performer;
use std::fs;
use std::path::Path;
use tui_support::{press_and_perform, screen};

const HELLO: &str = r#"schema = 1
name = "Olivia: first touch"
channel = "email"
personas = ["olivia"]
stage = "awareness"
subject = "Stock counts at {{ company }}"
body = """
Hi {{ first_name | default: "there" }},

{{ pain.value }} {{ pain.proof }}

{{ pain.cta }}
"""
"#;

const TYPO: &str = r#"schema = 1
name = "Olivia: follow-up"
personas = ["olivia"]
subject = "Following up"
body = """
Hello {{ frist_name }}, still matching stock at {{ company }} by hand?
"""
"#;

fn workspace() -> Workspace {
    let mut ws = tui_support::workspace();
    let olivia = ws.personas.iter_mut().find(|p| p.id == "olivia").unwrap();
    olivia.rules.persona = vec!["Operations Olivia".into()];
    olivia.rules.job_title = vec!["operations".into()];
    // The matrix refers to the card's first pain item by its id.
    let pain = persona::domain::outreach::matrix::ensure_pain_id(olivia, 0).unwrap();
    let mut row = MessagingRow::new(pain);
    row.value = "One live stock count for the tills and the web shop.".into();
    row.proof = "Dana stopped the Monday recount.".into();
    row.cites = vec![Citation::parse("dana#h1").unwrap()];
    row.cta = "Worth a 20-minute call?".into();
    row.stage = Stage::Awareness;
    olivia.messaging.push(row);
    ws
}

/// The app on a workspace folder holding the templates, with a performer
/// on memory for the rest.
fn setup(dir: &Path) -> (App, Performer<MemoryStore>) {
    let outreach = dir.join("templates/outreach");
    fs::create_dir_all(&outreach).unwrap();
    fs::write(outreach.join("olivia-hello.toml"), HELLO).unwrap();
    fs::write(outreach.join("olivia-typo.toml"), TYPO).unwrap();
    let ws = workspace();
    let mut performer = Performer::new(MemoryStore::new(ws.clone()));
    performer.root = Some(dir.to_path_buf());
    let app = App::new(
        Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        Setup::for_tests(),
    );
    (app, performer)
}

/// Relative, as a user types it (tests run in the crate's folder).
fn hubspot() -> String {
    "tests/data/outreach/hubspot-contacts.csv".into()
}

#[test]
fn the_card_shows_the_matrix_with_its_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut performer) = setup(dir.path());
    press_and_perform(&mut app, &mut performer, "/ olivia <enter> <end>");
    let shown = screen(&app, 80, 60);
    assert!(shown.contains("MESSAGING MATRIX (1)"), "{shown}");
    assert!(
        shown.contains("awareness · Matching stock by hand"),
        "{shown}"
    );
    assert!(shown.contains("✓ 1 interview"), "{shown}");
}

#[test]
fn a_sample_lead_previews_the_template_and_flags_unknown_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut performer) = setup(dir.path());
    press_and_perform(&mut app, &mut performer, "/ olivia <enter> O");
    let shown = screen(&app, 80, 30);
    assert!(
        shown.contains("Subject: Stock counts at Example Outdoor Co"),
        "{shown}"
    );
    assert!(shown.contains("Hi Alex,"), "{shown}");
    insta::assert_snapshot!("outreach_sample_lead_80x30", shown);

    // The second template has a typo: flagged where it is, in the file.
    press_and_perform(&mut app, &mut performer, "<tab>");
    let shown = screen(&app, 80, 30);
    assert!(
        shown.contains("templates/outreach/olivia-typo.toml:6:") && shown.contains("unknown token"),
        "{shown}"
    );
    assert!(shown.contains("⟦{{ frist_name }}"), "{shown}");
    insta::assert_snapshot!("outreach_unknown_token_80x30", shown);
}

#[test]
fn real_rows_are_previewed_one_by_one_with_the_skipped_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut performer) = setup(dir.path());
    let keys = format!("/ olivia <enter> O o {} <enter>", hubspot());
    press_and_perform(&mut app, &mut performer, &keys);
    let shown = screen(&app, 110, 36);
    assert!(shown.contains("Lead 1/10 of"), "{shown}");
    assert!(shown.contains("Hi Marcus,"), "{shown}");
    assert!(
        shown.contains("✓ gets this message, as Operations Olivia"),
        "{shown}"
    );
    assert!(shown.contains("of 10 leads get this message"), "{shown}");
    // Hannah is a CFO: no persona's rules fit her.
    press_and_perform(&mut app, &mut performer, "<right> <right>");
    let shown = screen(&app, 110, 36);
    assert!(shown.contains("Lead 3/10"), "{shown}");
    assert!(shown.contains("✗ skipped: no persona"), "{shown}");
    insta::assert_snapshot!("outreach_skipped_lead_110x36", shown);
}

#[test]
fn the_body_is_edited_with_token_completion_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut performer) = setup(dir.path());
    press_and_perform(
        &mut app,
        &mut performer,
        "/ olivia <enter> O e <down> <down> <down> <down> <down> <down> PS <space> {{ <space> pers <tab> .jo <tab>",
    );
    let shown = screen(&app, 80, 30);
    assert!(shown.contains("PS {{ persona.job_title }}"), "{shown}");
    assert!(shown.contains("(unsaved)"), "{shown}");
    insta::assert_snapshot!("outreach_editing_80x30", shown);
    press_and_perform(&mut app, &mut performer, "<ctrl-s> <esc>");
    let saved =
        fs::read_to_string(dir.path().join("templates/outreach/olivia-hello.toml")).unwrap();
    assert!(saved.contains("PS {{ persona.job_title }}"), "{saved}");
    assert!(saved.contains("name = \"Olivia: first touch\""), "{saved}");
    let shown = screen(&app, 80, 30);
    assert!(!shown.contains("(unsaved)"), "{shown}");

    // A change made on disk meanwhile is never overwritten.
    fs::write(
        dir.path().join("templates/outreach/olivia-hello.toml"),
        HELLO,
    )
    .unwrap();
    press_and_perform(&mut app, &mut performer, "e x <ctrl-s>");
    let shown = screen(&app, 80, 30);
    assert!(shown.contains("changed on disk"), "{shown}");
    assert_eq!(
        fs::read_to_string(dir.path().join("templates/outreach/olivia-hello.toml")).unwrap(),
        HELLO
    );
}

#[test]
fn a_new_template_is_made_for_the_persona() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut performer) = setup(dir.path());
    press_and_perform(&mut app, &mut performer, "/ olivia <enter> O n");
    let made = dir
        .path()
        .join("templates/outreach/olivia-first-touch.toml");
    let text = fs::read_to_string(&made).unwrap();
    assert!(text.contains("personas = [\"olivia\"]"), "{text}");
    let shown = screen(&app, 80, 30);
    assert!(shown.contains("Template 1/3"), "{shown}");
    assert!(shown.contains("olivia-first-touch.toml"), "{shown}");
}

#[test]
fn the_help_lists_the_outreach_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut performer) = setup(dir.path());
    press_and_perform(&mut app, &mut performer, "/ olivia <enter> O ?");
    let shown = screen(&app, 100, 40);
    for words in [
        "Open a lead file",
        "Next outreach template",
        "Edit the template's body here",
    ] {
        assert!(shown.contains(words), "{words}: {shown}");
    }
    press_and_perform(&mut app, &mut performer, "<esc> e <f1>");
    let shown = screen(&app, 100, 40);
    assert!(shown.contains("Complete the token name"), "{shown}");
}

#[test]
fn a_tiny_window_and_no_templates_still_draw() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut performer) = setup(dir.path());
    fs::remove_dir_all(dir.path().join("templates")).unwrap();
    press_and_perform(&mut app, &mut performer, "/ gab <enter> O");
    let shown = screen(&app, 60, 15);
    assert!(shown.contains("no outreach template"), "{shown}");
    insta::assert_snapshot!("outreach_none_60x15", shown);
}

#[test]
fn the_matrix_is_edited_in_the_wizard_like_any_field() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut performer) = setup(dir.path());
    press_and_perform(&mut app, &mut performer, "/ olivia <enter> O m");
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("For each pain point you address"), "{shown}");
    assert!(shown.contains("1. Matching stock by hand"), "{shown}");
    // A row for the second pain point, by its number; then save.
    press_and_perform(
        &mut app,
        &mut performer,
        "2 <space> | <space> Numbers <space> by <space> noon <space> | <space> Dana <space> | <space> A <space> call? <space> | <space> decision <enter> <ctrl-s> <enter>",
    );
    let olivia = app.workspace.persona("olivia").unwrap();
    assert_eq!(olivia.messaging.len(), 2, "{:?}", olivia.messaging);
    let row = &olivia.messaging[1];
    assert_eq!(row.value, "Numbers by noon");
    assert_eq!(row.stage, Stage::Decision);
    assert_eq!(
        persona::domain::outreach::matrix::pain_text(olivia, row).unwrap(),
        "Numbers arrive too late for the buying meeting"
    );
    // The first row kept its citation.
    assert_eq!(olivia.messaging[0].cites.len(), 1);

    // A row that names no pain point is refused with the reason, and
    // nothing is saved.
    press_and_perform(
        &mut app,
        &mut performer,
        "<esc> m 9 <space> | <space> x <enter> <ctrl-s> <enter>",
    );
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("Messaging row 3: no pain point is “9”"),
        "{shown}"
    );
    assert_eq!(app.workspace.persona("olivia").unwrap().messaging.len(), 2);
}
