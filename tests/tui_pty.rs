//! The real binary in a pseudo-terminal, on the demo workspace: filter by a
//! word from a persona's card, open the card, go back, quit.

mod pty_support;

use pty_support::*;

#[test]
fn filter_open_a_card_and_quit_in_a_real_terminal() {
    let (dir, ws) = demo();
    let mut s = Session::start(dir.path(), &["--workspace", ws.to_str().unwrap()]);

    // The footer is drawn last: once it is there, so is the frame.
    let text = s.wait_for("? help");
    assert!(text.contains("ICPs and personas"), "{text}");
    assert!(text.contains("Operations Olivia"), "{text}");

    // A word from Olivia's goals, not her name.
    s.send("/");
    s.wait_for("Filter:");
    s.send("sell-through");
    let text = s.wait_for("1 of 6 personas");
    assert!(text.contains("Operations Olivia"), "{text}");
    assert!(!text.contains("Finance Frank"), "{text}");

    s.send("\r");
    let text = s.wait_for("persona card");
    assert!(text.contains("Operations Olivia"), "{text}");
    assert!(
        text.contains("Last validated") || text.contains("STALE"),
        "{text}"
    );
    assert!(text.contains("interview"), "{text}");

    // The quotes behind the first attribute that has any.
    s.send("\r");
    s.wait_for("Esc close");

    s.send("\x1b");
    s.wait_for("Enter quotes");
    s.send("q");
    s.wait_for("ICPs and personas");
    s.send("q");

    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}
