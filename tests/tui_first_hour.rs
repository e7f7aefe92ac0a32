//! What a new marketer tripped over in their first hour with the app
//! (issue 16), each as the key script that showed it.

mod tui_support;

use persona::domain::{Highlight, Icp, Interview, Item, Workspace, WorkspaceMeta};
use persona::store::Loaded;
use persona::tui::app::{App, Screen, Setup};
use persona::tui::effect::Effect;
use persona::tui::keys::Context;
use persona::tui::perform::Perform;
use tui_support::*;

fn app_on(ws: Workspace) -> App {
    App::new(
        Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        Setup::for_tests(),
    )
}

fn saved_interview(effects: &[Effect]) -> &Interview {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveInterview(i) => Some(i),
            _ => None,
        })
        .expect("the interview was saved")
}

/// Dana's notes, with a paragraph to highlight.
fn with_notes() -> App {
    let mut ws = workspace();
    let dana = ws.interviews.iter_mut().find(|i| i.id == "dana").unwrap();
    dana.notes = "Why did you switch?\nHonestly the retention numbers were awful.\n".into();
    app_on(ws)
}

#[test]
fn the_tag_picker_keeps_a_new_tag_typed_after_marking_one() {
    let mut app = with_notes();
    press(&mut app, "i <enter> H motiv <tab>");
    press(
        &mut app,
        "<backspace> <backspace> <backspace> <backspace> <backspace> retention",
    );
    let effects = press(&mut app, "<enter>");
    let h = saved_interview(&effects).highlights.last().unwrap().clone();
    assert_eq!(h.tags, ["motivation", "retention"]);
}

#[test]
fn n_offers_a_draft_and_w_lists_them() {
    let mut app = app();
    let mut store = memory();
    press(&mut app, "j j n <enter> <enter> Kim");
    press_and_perform(&mut app, &mut store, "<esc> <esc>");
    assert!(matches!(app.screen, Screen::Browse));
    assert!(screen(&app, 80, 24).contains("1 unsaved wizard draft"));
    // n: the draft comes first.
    press(&mut app, "n");
    let text = screen(&app, 80, 24);
    assert!(text.contains("Carry on: Kim"), "{text}");
    press(&mut app, "<up> <up> <enter>");
    let text = screen(&app, 80, 24);
    assert!(text.contains("Draft resumed"), "{text}");
    assert_eq!(app.context(), Context::Wizard);
    // w: the drafts list.
    press(&mut app, "<esc>");
    press(&mut app, "w");
    assert_eq!(app.context(), Context::Drafts);
    assert!(screen(&app, 80, 24).contains("Kim"));
}

#[test]
fn an_item_typed_in_a_list_but_not_added_is_kept_in_the_draft() {
    let mut app = app();
    // Name, job title, then a pain point typed without Enter.
    press(
        &mut app,
        "j j n <enter> <enter> Kim <enter> Buyer <enter> Counting <space> stock",
    );
    press(&mut app, "<esc>");
    let effects = press(&mut app, "<esc>");
    let [Effect::WriteDraft(draft)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let pains = &draft.snapshot.answers["pain_points"];
    assert_eq!(pains[0].value.to_string(), "Counting stock");
}

#[test]
fn a_character_typed_and_deleted_leaves_no_draft() {
    let mut app = app();
    press(&mut app, "j j n <enter> <enter> K <backspace>");
    assert!(app.shelf.lock().unwrap().is_none(), "nothing to keep");
    let effects = press(&mut app, "<esc>");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(app.screen, Screen::Browse));
    assert!(
        app.toast
            .as_ref()
            .unwrap()
            .text
            .contains("nothing was changed")
    );
}

#[test]
fn the_evidence_filter_searches_every_quote_tagged_for_the_field_first() {
    let mut ws = workspace();
    // The job title is fed by quotes tagged `role` (there are none).
    let b2b = ws.templates.iter_mut().find(|t| t.id == "b2b").unwrap();
    b2b.sections[0].fields[0].feeds = vec!["role".into()];
    let sam = ws.interviews.iter_mut().find(|i| i.id == "sam").unwrap();
    sam.highlights.push(Highlight {
        id: "h9".into(),
        text: "We built a formula in a spreadsheet to reorder stock.".into(),
        tags: vec!["channel".into()],
        extra: Default::default(),
    });
    let mut app = app_on(ws);
    press(&mut app, "j j n <enter> <enter> Kim <enter> Buyer <tab>");
    assert!(!screen(&app, 100, 30).contains("formula"));
    press(&mut app, "/ formula");
    let text = screen(&app, 100, 30);
    assert!(text.contains("Other quotes matching the filter"), "{text}");
    assert!(text.contains("formula in a spreadsheet"), "{text}");
    press(&mut app, "<enter> c");
    assert!(screen(&app, 100, 30).contains("Cited sam#h9"));
}

#[test]
fn dollars_and_thousands_are_numbers_and_an_empty_range_is_one_enter() {
    let mut ws = Workspace::new(WorkspaceMeta::new("Money"));
    let template: persona::domain::Template = toml::from_str(
        r#"
name = "Shop"
kind = "icp"
[[sections]]
id = "money"
title = "Money"
[[sections.fields]]
id = "staff"
label = "Staff"
kind = "range"
question = "How many people?"
[[sections.fields]]
id = "revenue"
label = "Revenue"
kind = "number"
unit = "USD"
question = "Annual revenue?"
"#,
    )
    .unwrap();
    let mut template = template;
    template.id = "shop".into();
    ws.templates.push(template);
    let mut app = app_on(ws);
    press(&mut app, "n <enter> <enter> Shops <enter>");
    assert!(screen(&app, 80, 24).contains("How many people?"));
    // An empty range: one Enter moves on, and the next answer lands in the
    // next question.
    press(&mut app, "<enter>");
    assert!(screen(&app, 80, 24).contains("Annual revenue?"));
    press(&mut app, "$95,000 <enter>");
    assert_eq!(app.context(), Context::WizardReview);
    let text = screen(&app, 80, 24);
    assert!(text.contains("95,000 USD"), "{text}");
    assert!(text.contains("Staff: not filled in"), "{text}");
}

#[test]
fn the_empty_browse_screen_says_how_to_start() {
    let app = app_on(Workspace::new(WorkspaceMeta::new("New")));
    let text = screen(&app, 80, 24);
    assert!(!text.contains("later version"), "{text}");
    assert!(text.contains("Press n"), "{text}");
}

#[test]
fn the_evidence_hint_is_whole_in_a_narrow_window() {
    let mut app = app();
    press(&mut app, "j j n <enter> <enter> Kim <enter>");
    let text = screen(&app, 60, 14);
    assert!(text.contains("Tab shows 3 quotes to cite."), "{text}");
}

#[test]
fn the_card_stays_where_it_was_after_opening_an_interview() {
    let mut app = app();
    press(&mut app, "/ olivia <enter> j j");
    let Screen::Card(card) = &app.screen else {
        panic!()
    };
    assert_eq!(card.cursor, 2);
    press(&mut app, "i <esc>");
    let Screen::Card(card) = &app.screen else {
        panic!("not back on the card")
    };
    assert_eq!(card.cursor, 2, "the card jumped to the top");
}

#[test]
fn e_starts_at_the_selected_attribute_and_i_is_in_the_card_footer() {
    let mut app = app();
    press(&mut app, "/ olivia <enter>");
    assert!(screen(&app, 100, 24).contains("i interview"));
    press(&mut app, "G e");
    let text = screen(&app, 100, 24);
    assert!(text.contains("Where do they look?"), "{text}");
}

#[test]
fn the_markdown_preview_wraps_long_lines() {
    let mut ws = workspace();
    ws.personas[0].fields.insert(
        "channels".into(),
        vec![Item::text(
            "Retail operations groups on LinkedIn, the regional outdoor trade fair, and a newsletter about stock control",
        )],
    );
    let mut app = app_on(ws);
    press(&mut app, "/ olivia <tab> p");
    let text = screen(&app, 60, 40);
    assert!(text.contains("stock control"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 60));
}

#[test]
fn wrapped_card_lines_never_start_with_a_space() {
    let mut ws = workspace();
    ws.icps.push(Icp::new("spaced", "Spaced", "icp"));
    let spaced = ws.icps.iter_mut().find(|i| i.id == "spaced").unwrap();
    spaced.fields.insert(
        "industry".into(),
        vec![Item::text(
            "Outdoor  retail   with   many    spaces between the words here",
        )],
    );
    let mut app = app_on(ws);
    press(&mut app, "/ spaced <enter>");
    let text = screen(&app, 40, 24);
    // The value wraps under its bullet, each line starting with a word.
    assert!(
        text.contains("│  ▸ Outdoor retail with many spaces"),
        "{text}"
    );
    assert!(text.contains("│    between the words here"), "{text}");
    // The evidence summary wraps too, rather than being cut.
    assert!(text.contains("? 1 assumption"), "{text}");
}

#[test]
fn after_a_bad_date_the_cursor_stays_on_the_answer() {
    let mut app = app();
    press(&mut app, "i n Call <enter> 2026-13-01 <enter>");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| persona::tui::app::view::draw(&app, f))
        .unwrap();
    let text = buffer_text(terminal.backend().buffer());
    assert!(text.contains("is not a date"), "{text}");
    let row = text
        .lines()
        .position(|l| l.contains("› 2026-13-01"))
        .unwrap();
    let cursor = terminal.get_cursor_position().unwrap();
    assert_eq!(cursor.y as usize, row, "{text}");
    let mut store = memory();
    let _ = store.perform(
        Effect::Reload {
            message: String::new(),
        },
        &app.workspace,
    );
}
