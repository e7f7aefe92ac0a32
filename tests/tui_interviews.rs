//! Key scripts on the interview screens: highlighting, tagging, the guided
//! pass, evidence both ways; and snapshots of the interview and tally.

mod tui_support;

use persona::domain::{Citation, Interview};
use persona::tui::app::{App, Screen};
use persona::tui::effect::Effect;
use persona::tui::event::Event;
use persona::tui::keys::Context;
use persona::tui::modal::Modal;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::*;

fn interview_on_screen(app: &App) -> &persona::tui::screens::interview::InterviewState {
    match &app.screen {
        Screen::Interview(s) => s,
        _ => panic!("not on an interview screen"),
    }
}

fn saved(effects: &[Effect]) -> &Interview {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveInterview(i) => Some(i),
            _ => None,
        })
        .expect("the interview was saved")
}

fn shift(app: &mut App, code: KeyCode, times: usize) {
    for _ in 0..times {
        app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::SHIFT)));
    }
}

/// Dana's interview with notes in two paragraphs.
fn with_notes() -> App {
    let mut ws = workspace();
    let dana = ws.interviews.iter_mut().find(|i| i.id == "dana").unwrap();
    dana.notes = "Dana runs four stores.\nEvery Monday I lose half a day matching stock between the tills and Shopify.\n\nI need the numbers before the Tuesday buying meeting.\nPrices are fine.\n".into();
    App::new(
        persona::store::Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        persona::tui::app::Setup::for_tests(),
    )
}

#[test]
fn i_opens_the_interview_list_and_enter_opens_one() {
    let mut app = with_notes();
    press(&mut app, "i");
    assert_eq!(app.context(), Context::Interviews);
    let text = screen(&app, 100, 20);
    assert!(text.contains("Dana Whitfield"), "{text}");
    assert!(text.contains("Ridgeline Sports"), "{text}");
    // Newest first: Dana (September) before Sam (August).
    press(&mut app, "<enter>");
    assert_eq!(interview_on_screen(&app).id, "dana");
    assert_eq!(app.context(), Context::Notes);
    press(&mut app, "<esc>");
    assert_eq!(app.context(), Context::Interviews);
    press(&mut app, "<esc>");
    assert!(matches!(app.screen, Screen::Browse));
}

#[test]
fn highlight_the_current_line_and_tag_it_with_a_new_tag() {
    let mut app = with_notes();
    press(&mut app, "i <enter> <down>");
    press(&mut app, "h");
    assert_eq!(app.context(), Context::TagPicker);
    let effects = press(&mut app, "wants <space> speed <enter>");
    let i = saved(&effects);
    let h = i.highlights.last().unwrap();
    assert_eq!(h.id, "h3");
    assert_eq!(
        h.text,
        "Every Monday I lose half a day matching stock between the tills and Shopify."
    );
    assert_eq!(h.tags, ["wants-speed"]);
    assert_eq!(app.context(), Context::Notes);
}

#[test]
fn select_with_shift_arrows_and_tag_with_several_marked_tags() {
    let mut app = with_notes();
    press(&mut app, "i <enter> <down>");
    shift(&mut app, KeyCode::Right, 12);
    press(&mut app, "h");
    assert_eq!(
        interview_on_screen(&app).picker.as_ref().unwrap().quote,
        "Every Monday"
    );
    // Filter to "pain", mark it, then mark "goal", then Enter.
    press(&mut app, "pain <tab> goal <tab>");
    let effects = press(&mut app, "<enter>");
    let h = saved(&effects).highlights.last().unwrap().clone();
    assert_eq!(h.text, "Every Monday");
    assert_eq!(h.tags, ["goal", "pain-point"]);
    // Visual mode does the same without Shift.
    press(&mut app, "<esc> <enter>");
    press(
        &mut app,
        "<down> <down> <down> v <right> <right> <right> <right> <right> <right> h",
    );
    let effects = press(&mut app, "objection <enter>");
    let h = saved(&effects).highlights.last().unwrap().clone();
    assert_eq!(h.text, "I need");
    assert_eq!(h.tags, ["objection"]);
}

#[test]
fn retag_and_remove_a_cited_highlight_warns_and_names_what_cites_it() {
    let mut app = with_notes();
    press(&mut app, "i <enter> <tab>");
    assert_eq!(app.context(), Context::Highlights);
    let text = screen(&app, 100, 30);
    assert!(text.contains("cited ×3"), "{text}");
    assert!(text.contains("Operations Olivia"), "{text}");
    press(&mut app, "t");
    let picker = interview_on_screen(&app).picker.as_ref().unwrap();
    assert!(picker.marked().contains("pain-point"));
    let effects = press(&mut app, "trigger <tab> <enter>");
    assert_eq!(
        saved(&effects).highlights[0].tags,
        ["pain-point", "trigger"]
    );
    press(&mut app, "d");
    let Some(Modal::Confirm(c)) = &app.modal else {
        panic!("no confirmation")
    };
    assert!(c.message.contains("Operations Olivia"), "{}", c.message);
    assert!(
        c.message.contains("ICP “Independent outdoor retailers”"),
        "{}",
        c.message
    );
    let effects = press(&mut app, "y");
    let i = saved(&effects);
    assert!(i.highlights.iter().all(|h| h.id != "h1"));
}

#[test]
fn guided_pass_walks_paragraphs_and_records_progress() {
    let mut app = with_notes();
    press(&mut app, "i <enter> r");
    assert_eq!(app.context(), Context::Guided);
    assert!(screen(&app, 100, 24).contains("guided 1/2"));
    // Tag the whole first paragraph.
    let effects = press(&mut app, "t goal <enter>");
    let i = saved(&effects);
    assert_eq!(i.reviewed, [0]);
    assert!(
        i.highlights
            .last()
            .unwrap()
            .text
            .starts_with("Dana runs four stores.\nEvery")
    );
    // Skip the second: the pass ends, both reviewed.
    let effects = press(&mut app, "n");
    assert_eq!(saved(&effects).reviewed, [0, 1]);
    assert_eq!(app.context(), Context::Notes);
    assert!(app.toast.as_ref().unwrap().text.contains("2 of 2"));
}

#[test]
fn editing_notes_undo_and_ctrl_s_saves() {
    let mut app = with_notes();
    press(&mut app, "i <enter> e");
    assert_eq!(app.context(), Context::NotesEditing);
    press(&mut app, "Hello 日本 🚀 <enter>");
    assert!(
        interview_on_screen(&app)
            .notes()
            .starts_with("Hello日本🚀\nDana")
    );
    press(&mut app, "<ctrl-z>");
    assert!(
        interview_on_screen(&app)
            .notes()
            .starts_with("Hello日本🚀Dana")
    );
    let effects = press(&mut app, "<ctrl-s>");
    assert!(saved(&effects).notes.starts_with("Hello日本🚀Dana"));
    // Paste goes into the notes while editing.
    app.handle_event(Event::Paste("pasted\r\ntext ".into()));
    assert!(interview_on_screen(&app).notes().contains("pasted\ntext"));
    // Leaving with unsaved changes asks first.
    press(&mut app, "<esc> <esc>");
    assert_eq!(app.context(), Context::Notes);
    assert!(app.toast.as_ref().unwrap().error);
    press(&mut app, "<esc>");
    assert_eq!(app.context(), Context::Interviews);
    // $EDITOR is asked for as an effect.
    let effects = press(&mut app, "<enter> E");
    assert!(matches!(&effects[0], Effect::EditNotes { interview, .. } if interview == "dana"));
}

#[test]
fn evidence_from_a_card_opens_the_cited_quote_and_returns() {
    let mut app = with_notes();
    // Olivia's job title cites dana#h1.
    press(&mut app, "/ olivia <enter> i");
    let s = interview_on_screen(&app);
    assert_eq!(s.id, "dana");
    assert_eq!(s.selected, 0);
    assert_eq!(app.context(), Context::Highlights);
    press(&mut app, "<esc>");
    assert!(matches!(app.screen, Screen::Card(_)));
    // A pain point citing two interviews asks which.
    press(&mut app, "j i");
    let Some(Modal::Picker(p)) = &app.modal else {
        panic!("no picker")
    };
    assert_eq!(p.picker.choices.len(), 2);
    press(&mut app, "j <enter>");
    assert_eq!(interview_on_screen(&app).id, "sam");
    let _ = Citation::new("sam", "h1");
}

#[test]
fn a_new_interview_is_asked_for_by_the_wizard_and_import_prompts_for_a_path() {
    let mut app = with_notes();
    press(&mut app, "i n");
    assert_eq!(app.context(), Context::Wizard);
    assert!(screen(&app, 80, 24).contains("What should this interview be called?"));
    press(
        &mut app,
        "Call <space> with <space> Lee <enter> 2026-13-01 <enter>",
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("is not a date"), "{text}");
    // After a bad date the answer keeps its cursor, on the date.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| persona::tui::app::view::draw(&app, f))
        .unwrap();
    assert!(terminal.get_cursor_position().is_ok());
    press(
        &mut app,
        "<ctrl-u> 2026-10-02 <enter> Lee <enter> <enter> <enter> 4 <enter> <enter>",
    );
    assert_eq!(app.context(), Context::WizardReview);
    let effects = press(&mut app, "<ctrl-s>");
    let [
        Effect::SaveWizard {
            entity: persona::domain::wizard::Entity::Interview(i),
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(i.id, "call-with-lee");
    assert_eq!(i.interviewee, "Lee");
    assert_eq!(i.source, persona::domain::Source::SalesCall);
    assert_eq!(i.date, Some(jiff::civil::date(2026, 10, 2)));
    // Saved, the new interview's notes open, over the list.
    let mut store = memory();
    for effect in effects {
        let msg = persona::tui::perform::Perform::perform(&mut store, effect, &app.workspace);
        app.handle_msg(msg);
    }
    assert_eq!(interview_on_screen(&app).id, "call-with-lee");
    press(&mut app, "<esc>");
    assert_eq!(app.context(), Context::Interviews);
    press(&mut app, "I <ctrl-u> /tmp/notes");
    let effects = press(&mut app, "<enter>");
    assert!(
        matches!(&effects[0], Effect::ImportNotes { paths, .. } if paths[0].to_str() == Some("/tmp/notes"))
    );
}

#[test]
fn control_characters_and_wide_text_in_notes_are_harmless() {
    let mut ws = workspace();
    let dana = ws.interviews.iter_mut().find(|i| i.id == "dana").unwrap();
    dana.notes = "evil \u{1b}]0;pwned\u{7}\u{1b}[2J text\n在庫が合わない🚀 ".repeat(3);
    dana.highlights[0].text = "evil \u{1b}[31m quote".into();
    let app = App::new(
        persona::store::Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        persona::tui::app::Setup::for_tests(),
    );
    let mut app = app;
    press(&mut app, "i <enter>");
    let text = screen(&app, 70, 20);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(!text.contains('\u{7}'), "{text}");
    assert!(text.contains("在庫が合わない"), "{text}");
    assert!(text.contains("␛[31m"), "{text}");
}

#[test]
fn snapshot_interview_80x24() {
    let mut app = with_notes();
    press(&mut app, "i <enter> <tab>");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn snapshot_interview_wide_110x24() {
    let mut app = with_notes();
    press(&mut app, "i <enter> <down>");
    shift(&mut app, KeyCode::Right, 12);
    press(&mut app, "h pain");
    insta::assert_snapshot!(screen(&app, 110, 24));
}

#[test]
fn snapshot_interview_list_80x24() {
    let mut app = with_notes();
    press(&mut app, "i");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn snapshot_tally_80x24() {
    let mut app = with_notes();
    press(&mut app, "i t");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn snapshot_tally_one_icp_100x30() {
    let mut ws = workspace();
    let icp = ws.icps.iter_mut().find(|i| i.id == "outdoor").unwrap();
    for (company, industry, size, tools) in [
        ("Acme", "Outdoor retail", "120", "Shopify;Klaviyo"),
        ("Ridge", "outdoor retail", "51-200", "Shopify"),
        ("Peak", "Sporting goods", "30", "Lightspeed"),
    ] {
        icp.best_customers.push(persona::domain::BestCustomer {
            company: company.into(),
            industry: industry.into(),
            size: size.into(),
            tools: tools.split(';').map(String::from).collect(),
            ..Default::default()
        });
    }
    for i in ws.interviews.iter_mut() {
        i.icp = Some("outdoor".into());
    }
    let mut app = App::new(
        persona::store::Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        persona::tui::app::Setup::for_tests(),
    );
    press(&mut app, "i t <tab>");
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn ctrl_c_with_unsaved_notes_asks_before_quitting() {
    let mut app = with_notes();
    press(&mut app, "i <enter> e Unsaved");
    press(&mut app, "<ctrl-c>");
    assert!(!app.quit, "one Ctrl-c must not throw the notes away");
    assert!(
        app.toast
            .as_ref()
            .unwrap()
            .text
            .contains("Ctrl-s saves them")
    );
    let effects = press(&mut app, "<ctrl-s>");
    assert!(saved(&effects).notes.starts_with("UnsavedDana"));
    press(&mut app, "<ctrl-c>");
    assert!(app.quit, "with nothing unsaved, Ctrl-c quits at once");
}

#[test]
fn a_narrow_interviews_list_drops_role_and_source_to_keep_names_readable() {
    let mut app = app();
    press(&mut app, "i");
    let text = screen(&app, 60, 15);
    assert!(text.contains("Interviewee"), "{text}");
    assert!(text.contains("Dana Whitfield"), "{text}");
    assert!(text.contains("Acme Outdoor"), "{text}");
    assert!(!text.contains("Role"), "{text}");
    // Wide enough, every column is back.
    let text = screen(&app, 100, 24);
    assert!(text.contains("Role"), "{text}");
    assert!(text.contains("Source"), "{text}");
}
