//! 5 MB of notes stay usable: opening, typing, moving, highlighting and
//! drawing all work on them and land where they should. How fast is
//! measured in `examples/tui_bench.rs` (never in a test).

mod tui_support;

use persona::tui::app::{App, Screen, Setup};
use persona::tui::effect::Effect;
use persona::tui::keys::Context;
use tui_support::*;

const LINE: &str = "Every Monday I lose half a day matching stock, 在庫 🚀 and more words here.";

/// About 5 MB of notes: paragraphs of ten lines.
fn big_notes() -> String {
    let mut notes = String::new();
    let mut n = 0;
    while notes.len() < 5 * 1024 * 1024 {
        notes.push_str(LINE);
        notes.push('\n');
        n += 1;
        if n % 10 == 0 {
            notes.push('\n');
        }
    }
    notes
}

#[test]
fn five_megabytes_of_notes_open_edit_and_highlight() {
    let mut ws = workspace();
    let notes = big_notes();
    ws.interviews[0].notes = notes.clone();
    let title = ws.interviews[0].title.clone();
    let mut app = App::new(
        persona::store::Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        Setup::for_tests(),
    );
    press(&mut app, "i");
    // The list is newest first: go to the big one.
    let Some(row) = persona::tui::screens::interviews::ordered(&app.workspace)
        .iter()
        .position(|i| i.title == title)
    else {
        panic!("the interview is listed")
    };
    press(&mut app, &"j ".repeat(row));
    press(&mut app, "<enter>");
    assert_eq!(app.context(), Context::Notes);
    let text = screen(&app, 100, 30);
    assert!(text.contains("Every Monday I lose half a day"), "{text}");

    // Type at the start, end the first line, and a line of its own.
    press(&mut app, "e a b c <end> <enter> x");
    for _ in 0..20 {
        press(&mut app, "<down>");
    }
    let text = screen(&app, 100, 30);
    assert!(text.contains(&format!("abc{}", &LINE[..40])), "{text}");
    let Screen::Interview(s) = &app.screen else {
        panic!("left the notes")
    };
    let edited = s.notes();
    assert_eq!(edited.len(), notes.len() + "abc".len() + "\nx".len());
    assert!(edited.starts_with(&format!("abc{LINE}\nx\n{LINE}\n")));
    assert!(edited.ends_with(&notes[notes.len() - 1000..]));

    // Stop editing and highlight the line under the cursor (20 lines down,
    // past the first paragraph break): it is tagged and saved.
    press(&mut app, "<esc> h");
    assert_eq!(app.context(), Context::TagPicker);
    let effects = press(&mut app, "weekly <enter>");
    let saved = effects
        .iter()
        .find_map(|e| match e {
            Effect::SaveInterview(i) => Some(i),
            _ => None,
        })
        .expect("the highlight was saved");
    let h = saved.highlights.last().unwrap();
    assert!(h.text.contains("matching stock, 在庫 🚀"), "{}", h.text);
    assert_eq!(h.tags, ["weekly"]);
    assert_eq!(saved.notes, edited, "saved with the notes as edited");
}
