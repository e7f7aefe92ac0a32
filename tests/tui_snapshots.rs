//! What the screens look like, drawn into a test backend. Review changes
//! with `cargo insta review`.

mod tui_support;

use persona::tui::app::{App, Setup};
use tui_support::*;

fn shot(app: &App, w: u16, h: u16) -> String {
    screen(app, w, h)
}

#[test]
fn browse_80x24() {
    let app = app();
    insta::assert_snapshot!(shot(&app, 80, 24));
}

#[test]
fn browse_filtered_80x24() {
    let mut app = app();
    press(&mut app, "/ stock");
    insta::assert_snapshot!(shot(&app, 80, 24));
}

#[test]
fn browse_odd_size_57x17() {
    let mut app = app();
    press(&mut app, "G");
    insta::assert_snapshot!(shot(&app, 57, 17));
}

#[test]
fn card_80x24() {
    let mut app = app();
    press(&mut app, "/ olivia <enter> j");
    insta::assert_snapshot!(shot(&app, 80, 24));
}

#[test]
fn card_odd_size_61x19() {
    let mut app = app();
    press(&mut app, "/ gab <enter>");
    insta::assert_snapshot!(shot(&app, 61, 19));
}

#[test]
fn quotes_80x24() {
    let mut app = app();
    press(&mut app, "/ olivia <enter> j <enter>");
    insta::assert_snapshot!(shot(&app, 80, 24));
}

#[test]
fn help_80x24() {
    let mut app = app();
    press(&mut app, "?");
    insta::assert_snapshot!(shot(&app, 80, 24));
}

#[test]
fn help_odd_size_57x17() {
    let mut app = app();
    press(&mut app, "?");
    insta::assert_snapshot!(shot(&app, 57, 17));
}

#[test]
fn too_small_30x8() {
    let app = app();
    insta::assert_snapshot!(shot(&app, 30, 8));
}

#[test]
fn welcome_80x24() {
    let app = App::welcome(
        std::path::Path::new("/home/me/.local/share/persona/workspace"),
        Setup::for_tests(),
    );
    insta::assert_snapshot!(shot(&app, 80, 24));
}

#[test]
fn no_color_keeps_the_selection_visible() {
    let mut setup = Setup::for_tests();
    setup.no_color = true;
    let app = App::new(loaded(), setup);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| persona::tui::app::view::draw(&app, f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut saw_reversed = false;
    for cell in buffer.content() {
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "no colour with NO_COLOR"
        );
        saw_reversed |= cell.modifier.contains(ratatui::style::Modifier::REVERSED);
    }
    assert!(saw_reversed);
}

#[test]
fn every_size_draws_without_panicking() {
    let mut app = app();
    press(&mut app, "/ olivia <enter> j <enter>");
    for w in 0..90 {
        for h in [0, 1, 2, 5, 9, 10, 11, 24] {
            screen(&app, w, h);
        }
    }
}

#[test]
fn wizard_question_with_evidence_80x24() {
    let mut app = app();
    // The outdoor ICP, a new persona in it, its name, then the job title
    // answered and the second quote cited.
    press(
        &mut app,
        "j j n <enter> <enter> Stock <space> Steve <enter> Owner <space> 店長 <tab> j c",
    );
    insta::assert_snapshot!(shot(&app, 80, 24));
}

#[test]
fn wizard_review_80x24() {
    let mut app = app();
    press(
        &mut app,
        "j j n <enter> <enter> Stock <space> Steve <enter> Owner <enter> Manual <space> counts <enter> <enter> <ctrl-s>",
    );
    insta::assert_snapshot!(shot(&app, 80, 24));
}

/// The cells of row `y` from `x` on, as text, with whether each is drawn
/// reversed (the selection).
fn row_styles(buffer: &ratatui::buffer::Buffer, y: u16) -> Vec<(String, bool)> {
    (0..buffer.area.width)
        .map(|x| {
            let cell = &buffer[(x, y)];
            (
                cell.symbol().to_string(),
                cell.modifier.contains(ratatui::style::Modifier::REVERSED),
            )
        })
        .collect()
}

#[test]
fn the_selection_is_drawn_reversed_and_nothing_else_is() {
    let mut app = app();
    press(&mut app, "j");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| persona::tui::app::view::draw(&app, f))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let text = buffer_text(&buffer);
    let rows: Vec<&str> = text.lines().collect();
    let in_list = |name: &str| {
        rows.iter()
            .position(|r| r.split('│').nth(1).is_some_and(|list| list.contains(name)))
            .unwrap() as u16
    };
    let gabriel = in_list("Gabriel");
    let coffee = in_list("DTC coffee");
    // The selected persona's name, in the list pane, is reversed...
    let selected = row_styles(&buffer, gabriel);
    let name: String = selected
        .iter()
        .filter(|(_, reversed)| *reversed)
        .map(|(s, _)| s.as_str())
        .collect();
    assert!(name.contains("Gabriel the roaster"), "{name:?}");
    // ...and no other row is.
    for y in 0..24 {
        if y != gabriel {
            assert!(
                row_styles(&buffer, y).iter().all(|(_, r)| !r),
                "row {y} reversed: {}",
                rows[y as usize]
            );
        }
    }
    assert_ne!(gabriel, coffee);
}
