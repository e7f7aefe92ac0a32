//! The real binary started on a workspace whose index cache is warm: the
//! first frame is the tree, the cards follow, and the app quits at once
//! (also when asked while they are still being read).

mod pty_support;

use persona::store::FsStore;
use pty_support::*;
use std::time::{Duration, SystemTime};

/// The index cache as `persona list` leaves it a few seconds later.
fn warm(ws: &std::path::Path) {
    FsStore::new(ws)
        .list_as_of(SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    assert!(ws.join(persona::store::index::PATH).is_file());
}

#[test]
fn with_a_warm_cache_the_tree_comes_first_and_the_cards_follow() {
    let (dir, ws) = demo();
    warm(&ws);
    let mut s = Session::start(dir.path(), &["--workspace", ws.to_str().unwrap()]);
    let text = s.wait_for("? help");
    assert!(text.contains("ICPs and personas"), "{text}");
    assert!(text.contains("Operations Olivia"), "{text}");
    // The selected ICP's card, once the cards are in.
    s.wait_for("backed by interview quotes");
    s.send("/");
    s.send("sell-through");
    s.wait_for("1 of 6 personas");
    s.send("\r");
    s.wait_for("persona card");
    s.send("q");
    s.wait_for("ICPs and personas");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn quitting_right_away_does_not_wait_for_the_cards() {
    let (dir, ws) = demo();
    warm(&ws);
    let mut s = Session::start(dir.path(), &["--workspace", ws.to_str().unwrap()]);
    s.wait_for("? help");
    s.send("\x03");
    assert!(s.wait_exit().success());
}
