//! Long single-line text in the real binary: a persona with a 10 MB name
//! opens, is edited and Ctrl-c quits; 30 KB pasted into the filter does not
//! freeze the app. (The session gives up after a few seconds, so an app
//! that hangs fails the test.)

mod pty_support;

use persona::store::{FsStore, Store};
use pty_support::*;

#[test]
fn a_ten_megabyte_name_is_shown_edited_and_ctrl_c_quits() {
    let (dir, ws) = demo();
    let mut store = FsStore::new(&ws);
    let loaded = store.load().unwrap();
    let mut felix = loaded
        .workspace
        .personas
        .iter()
        .find(|p| p.name.starts_with("Founder Felix"))
        .unwrap()
        .clone();
    felix.name = format!("Zed {}", "long name ".repeat(1_000_000));
    store.save_persona(&felix).unwrap();

    let mut s = Session::start(dir.path(), &["--workspace", ws.to_str().unwrap()]);
    s.wait_for("? help");
    // The last persona: the long one, cut at a word on every screen.
    s.send("G");
    let text = s.wait_for("Zed long name");
    assert!(text.contains('…'), "{text}");
    s.send("\r");
    s.wait_for("persona card");
    s.send("e");
    s.wait_for("Editing persona");
    // Back to the name question: a 10 MB line, then a key typed into it.
    s.wait_for("What is this person's job title?");
    s.send("\x02");
    s.wait_for("What is this persona's name?");
    s.send("!");
    s.send("\x03");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
}

#[test]
fn thirty_kilobytes_pasted_into_the_filter_and_ctrl_c_quits() {
    let (dir, ws) = demo();
    let mut s = Session::start(dir.path(), &["--workspace", ws.to_str().unwrap()]);
    s.wait_for("? help");
    s.send("/");
    s.wait_for("Filter:");
    let pasted = "stock counts by hand every monday ".repeat(900);
    assert!(pasted.len() > 30_000);
    s.send(&format!("\x1b[200~{pasted}\x1b[201~"));
    s.send("x");
    s.wait_for(" personas");
    s.wait_for("Nothing matches");
    s.send("\x03");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
}
