//! Wizard drafts on a real workspace folder: two windows never overwrite
//! each other's drafts (new items, and edits of one existing item), and a
//! draft that could not be written is never claimed.

mod tui_support;

use persona::tui::app::Screen;
use persona::tui::effect::Effect;
use persona::tui::keys::Context;
use persona::tui::modal::Modal;
use std::path::Path;
use tui_support::{Window, demo};

fn drafts(root: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root.join(".drafts"))
        .map(|d| {
            d.flatten()
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn two_windows_keep_their_own_drafts_of_new_items() {
    let (_dir, root) = demo();
    let mut a = Window::open(&root);
    let mut b = Window::open(&root);
    // Both start a new ICP before either has written a draft.
    a.press("n k <enter> <enter> Alpha");
    b.press("n k <enter> <enter> Bravo");
    a.tick();
    b.tick();
    a.press("<esc> <esc>");
    b.press("<esc> <esc>");
    let files = drafts(&root);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files[0].1.contains("Alpha") && files[0].0 == "icp-new-1.toml",
        "{files:?}"
    );
    assert!(
        files[1].1.contains("Bravo") && files[1].0 == "icp-new-2.toml",
        "{files:?}"
    );
    // Each window names the draft it really wrote.
    assert!(
        a.toast().contains(".drafts/icp-new-1.toml"),
        "{}",
        a.toast()
    );
    assert!(
        b.toast().contains(".drafts/icp-new-2.toml"),
        "{}",
        b.toast()
    );
}

#[test]
fn two_windows_editing_one_persona_keep_both_drafts() {
    let (_dir, root) = demo();
    let mut a = Window::open(&root);
    let mut b = Window::open(&root);
    for (w, words) in [(&mut a, "Alpha"), (&mut b, "Bravo")] {
        w.press("/ olivia <enter> e <ctrl-u>");
        w.press(words);
        assert_eq!(w.app.context(), Context::Wizard);
    }
    a.press("<esc> <esc>");
    b.press("<esc> <esc>");
    let files = drafts(&root);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "persona-operations-olivia-2.toml",
            "persona-operations-olivia.toml"
        ],
        "{files:?}"
    );
    assert!(
        files[1].1.contains("Alpha") && files[0].1.contains("Bravo"),
        "{files:?}"
    );
    // The next start offers both.
    let c = Window::open(&root);
    assert!(matches!(c.app.screen, Screen::Drafts(_)));
    let text = c.screen();
    assert_eq!(
        text.matches("editing persona `operations-olivia`").count(),
        2,
        "{text}"
    );
}

#[test]
fn a_draft_that_could_not_be_written_is_not_claimed_and_the_wizard_stays() {
    let (_dir, root) = demo();
    // Nothing can be written under `.drafts` (a file, not a folder).
    std::fs::write(root.join(".drafts"), "not a folder").unwrap();
    let mut w = Window::open(&root);
    w.press("n k <enter> <enter> Alpha");
    w.tick();
    assert!(w.toast().contains("NOT kept in a draft"), "{}", w.toast());
    w.press("<esc>");
    assert!(
        matches!(w.app.modal, Some(Modal::Confirm(_))),
        "asks before leaving"
    );
    w.press("n");
    assert!(
        matches!(w.app.screen, Screen::Wizard(_)),
        "still in the wizard"
    );
    let text = w.screen();
    assert!(!text.contains("kept in the draft"), "{text}");
    // Saying yes leaves, and says the answers were not kept.
    w.press("<esc> y");
    assert!(matches!(w.app.screen, Screen::Browse));
    assert!(w.toast().contains("without keeping"), "{}", w.toast());

    // Leaving right away (no timed write yet) tries the draft first, and
    // stays when it fails.
    w.press("n k <enter> <enter> Bravo <esc> <esc>");
    assert!(matches!(w.app.screen, Screen::Wizard(_)));
    assert!(w.toast().contains("NOT kept in a draft"), "{}", w.toast());
    // Quitting too: Ctrl-c once says so, a second quits.
    w.press("<ctrl-c>");
    assert!(!w.app.quit);
    w.press("<ctrl-c>");
    assert!(w.app.quit);
}

#[test]
fn quitting_mid_wizard_writes_the_draft_first_and_says_where() {
    let (_dir, root) = demo();
    let mut w = Window::open(&root);
    w.press("n k <enter> <enter> Alpha");
    let effects = w.press("<ctrl-c>");
    assert!(
        matches!(effects.as_slice(), [Effect::WriteDraft(_)]),
        "{effects:?}"
    );
    assert!(w.app.quit);
    let files = drafts(&root);
    assert!(
        files.len() == 1 && files[0].1.contains("Alpha"),
        "{files:?}"
    );
}
