//! 5 MB of notes stay usable: opening, typing, moving and drawing.

mod tui_support;

use persona::tui::app::{App, Setup};
use std::time::{Duration, Instant};
use tui_support::*;

#[test]
fn five_megabytes_of_notes_stay_responsive() {
    let mut ws = workspace();
    let line = "Every Monday I lose half a day matching stock, 在庫 🚀 and more words here.\n";
    let mut notes = String::new();
    while notes.len() < 5 * 1024 * 1024 {
        notes.push_str(line);
        if notes.len().is_multiple_of(7) {
            notes.push('\n');
        }
    }
    ws.interviews[0].notes = notes;
    let mut app = App::new(
        persona::store::Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        Setup::for_tests(),
    );
    let start = Instant::now();
    press(&mut app, "i <enter>");
    let _ = screen(&app, 100, 30);
    let open = start.elapsed();
    let start = Instant::now();
    press(&mut app, "e a b c <end> <enter> x");
    for _ in 0..20 {
        press(&mut app, "<down>");
    }
    let _ = screen(&app, 100, 30);
    let per_key = start.elapsed() / 26;
    let start = Instant::now();
    press(&mut app, "<esc> h");
    let highlight = start.elapsed();
    eprintln!("5 MB notes: open+draw {open:?}, per key {per_key:?}, h {highlight:?}");
    // Generous bounds for a debug build on a shared machine.
    assert!(open < Duration::from_secs(5), "{open:?}");
    assert!(per_key < Duration::from_millis(500), "{per_key:?}");
}
