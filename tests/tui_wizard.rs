//! The wizard through key scripts on the in-memory store: a whole persona
//! flow with citations, validation messages, drafts left and resumed.

mod tui_support;

use persona::domain::{Citation, EntityRef, Kind, Value};
use persona::store::Store;
use persona::store::drafts::DraftFile;
use persona::tui::app::{App, Screen};
use persona::tui::effect::Effect;
use persona::tui::event::Event;
use persona::tui::keys::Context;
use tui_support::*;

fn on_outdoor(app: &mut App) {
    // Sorted by name: DTC coffee brands, Gabriel, Independent outdoor…
    press(app, "j j");
    assert_eq!(
        app.browse.selected_entity(&app.workspace),
        Some(EntityRef::new(Kind::Icp, "outdoor"))
    );
}

#[test]
fn a_whole_persona_flow_cites_quotes_and_saves_the_card() {
    let mut app = app();
    let mut store = memory();
    on_outdoor(&mut app);
    press(&mut app, "n");
    let text = screen(&app, 80, 24);
    assert!(text.contains("What do you want to make?"), "{text}");
    assert!(
        text.contains("A persona in “Independent outdoor retailers”"),
        "{text}"
    );
    press(&mut app, "<enter>");
    assert!(screen(&app, 80, 24).contains("B2B decision-maker (b2b)"));
    press(&mut app, "<enter>");
    assert_eq!(app.context(), Context::Wizard);

    // A required name: Enter on nothing says so.
    press(&mut app, "<enter>");
    assert!(screen(&app, 80, 24).contains("“Name” needs an answer"));
    press(&mut app, "Stock <space> Steve <space> 日本🚀 <enter>");
    let text = screen(&app, 80, 24);
    assert!(text.contains("What is their job title?"), "{text}");
    assert!(text.contains("Evidence (3)"), "{text}");

    // Answer, then cite the second quote for it.
    press(&mut app, "Owner <tab> j c");
    assert_eq!(app.context(), Context::WizardEvidence);
    let text = screen(&app, 80, 24);
    assert!(text.contains("✓ 1 quote"), "{text}");
    press(&mut app, "<tab> <enter>");

    // A list: a typed item, then a quote added as an item citing it.
    press(
        &mut app,
        "Stock <space> by <space> hand <enter> <tab> a <tab>",
    );
    assert!(screen(&app, 80, 24).contains("? assumption"));
    // Reorder: pick the first and move it down; then Enter on an empty line.
    press(&mut app, "<up> <up> <alt-down> <esc> <enter>");
    // Goals: skipped. Channels: one item.
    press(&mut app, "<ctrl-k> LinkedIn <enter> <enter>");
    // The messaging matrix, last: left empty.
    assert!(screen(&app, 80, 24).contains("Messaging matrix"));
    press(&mut app, "<enter>");
    assert_eq!(app.context(), Context::WizardReview);
    let text = screen(&app, 80, 30);
    assert!(text.contains("Goals: skipped"), "{text}");
    assert!(text.contains("✓ 2 backed"), "{text}");
    // The shelf holds the latest state for the panic hook.
    assert!(app.shelf.lock().unwrap().is_some());

    let effects = press(&mut app, "<ctrl-s>");
    assert!(matches!(effects.as_slice(), [Effect::SaveWizard { .. }]));
    for effect in effects {
        let msg = persona::tui::perform::Perform::perform(&mut store, effect, &app.workspace);
        app.handle_msg(msg);
    }
    let ws = store.store.load().unwrap().workspace;
    let steve = ws.persona("stock-steve").expect("saved");
    assert_eq!(steve.icp, "outdoor");
    assert_eq!(steve.name, "Stock Steve 日本🚀");
    assert_eq!(
        steve.fields["job_title"][0].cites,
        vec![Citation::new("dana", "h2")]
    );
    let pains = &steve.fields["pain_points"];
    assert_eq!(pains.len(), 2);
    assert_eq!(pains[0].cites, vec![Citation::new("dana", "h1")]);
    assert_eq!(pains[1].value, Value::Text("Stock by hand".into()));
    assert!(pains[1].is_assumption());
    assert!(!steve.fields.contains_key("goals"));
    assert_eq!(steve.last_validated, Some(jiff::civil::date(2026, 11, 1)));
    assert!(steve.created.is_some());
    match &app.screen {
        Screen::Card(card) => assert_eq!(card.entity, EntityRef::new(Kind::Persona, "stock-steve")),
        _ => panic!("the card should open after saving"),
    }
    assert!(app.shelf.lock().unwrap().is_none());
}

#[test]
fn bad_input_gets_a_clear_message_and_pastes_are_folded() {
    let mut app = app();
    // Coffee is selected, so a persona in it is offered first: pick the ICP.
    press(&mut app, "n k <enter>");
    assert!(screen(&app, 80, 24).contains("Which template"));
    press(&mut app, "<enter>");
    // A whole page pasted into the one-line name.
    let page = "Line one\nLine two\r\n\tand three ".repeat(200);
    app.handle_event(Event::Paste(page));
    press(&mut app, "<enter>");
    let Screen::Wizard(_) = &app.screen else {
        panic!()
    };
    let text = screen(&app, 80, 24);
    assert!(text.contains("Line one Line two and three Line"), "{text}");
    // The ICP test template: industry, then a range.
    press(&mut app, "Retail <enter> 200 <enter> 20 <enter>");
    let text = screen(&app, 80, 24);
    assert!(text.contains("The range starts at 200"), "{text}");
    press(&mut app, "<up> <ctrl-u> x <enter> <enter>");
    assert!(screen(&app, 80, 24).contains("“x” is not a number"));
}

#[test]
fn leaving_keeps_a_draft_that_resumes_and_corrupt_ones_are_offered_for_discard() {
    let mut app = app();
    let mut store = memory();
    on_outdoor(&mut app);
    press(&mut app, "e");
    assert!(
        screen(&app, 80, 24).contains("Enter open"),
        "e does nothing in browse"
    );
    press(
        &mut app,
        "n <enter> <enter> Kim <enter> Night <space> buyer",
    );
    let effects = press(&mut app, "<esc>");
    assert!(effects.is_empty());
    assert!(screen(&app, 80, 24).contains("Press Esc again"));
    let effects = press(&mut app, "<esc>");
    assert!(matches!(&effects[..], [Effect::WriteDraft(d)] if d.name == "persona-new-1"));
    for effect in effects {
        let msg = persona::tui::perform::Perform::perform(&mut store, effect, &app.workspace);
        app.handle_msg(msg);
    }
    assert!(matches!(app.screen, Screen::Browse));
    if let persona::store::drafts::Drafts::Memory(map) = &mut store.drafts {
        map.insert("icp-new-1".into(), "this is [not toml".into());
    }

    // Next start: both offered.
    let mut again = tui_support::app();
    let files: Vec<DraftFile> = store.drafts.list();
    assert_eq!(files.len(), 2);
    again.offer_drafts(files);
    assert_eq!(again.context(), Context::Drafts);
    let text = screen(&again, 80, 24);
    assert!(text.contains("Unsaved wizard work"), "{text}");
    assert!(text.contains("icp-new-1.toml"), "{text}");
    assert!(text.contains("Kim"), "{text}");
    press(&mut again, "<enter>");
    assert!(screen(&again, 80, 24).contains("cannot be read"));
    let effects = press(&mut again, "d");
    assert_eq!(effects, vec![Effect::RemoveDraft("icp-new-1".into())]);
    press(&mut again, "<enter>");
    let text = screen(&again, 80, 24);
    assert!(text.contains("Night buyer"), "{text}");
    assert!(text.contains("Draft resumed"), "{text}");
    assert_eq!(again.context(), Context::Wizard);
}

#[test]
fn a_draft_of_a_changed_template_keeps_what_still_fits() {
    let mut app = app();
    on_outdoor(&mut app);
    press(&mut app, "n <enter> <enter> Kim <enter> Boss");
    let draft = app.shelf.lock().unwrap().clone().unwrap();
    let (name, mut snapshot) = (draft.name, draft.snapshot);
    snapshot.answers.insert(
        "gone_field".into(),
        vec![persona::domain::Item::text("old")],
    );
    let mut again = tui_support::app();
    again.offer_drafts(vec![DraftFile {
        name,
        snapshot: Ok(snapshot),
    }]);
    press(&mut again, "<enter>");
    let text = screen(&again, 100, 24);
    assert!(text.contains("The template changed"), "{text}");
    assert!(text.contains("Boss"), "{text}");
}

#[test]
fn e_on_a_card_edits_it_from_its_values() {
    let mut app = app();
    press(&mut app, "/ olivia <enter> e");
    assert_eq!(app.context(), Context::Wizard);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Editing persona: Operations Olivia"),
        "{text}"
    );
    // It starts at the attribute selected on the card: the job title.
    assert!(screen(&app, 80, 24).contains("Head of Operations"));
    // Leaving without a change writes nothing and goes back to the card.
    let effects = press(&mut app, "<esc>");
    assert!(effects.is_empty());
    assert!(matches!(app.screen, Screen::Card(_)));
}
