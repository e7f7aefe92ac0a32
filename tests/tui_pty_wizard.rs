//! The wizard in the real binary, in a pseudo-terminal: create a persona
//! with `persona new persona` and check the saved TOML; kill the process
//! mid-wizard and find the typed answers in the draft on the next start.

mod pty_support;

use pty_support::*;
use std::time::Duration;

const ICP: &str = "independent-outdoor-retail";

#[test]
fn persona_new_creates_a_persona_citing_a_quote() {
    let (dir, ws) = demo();
    let ws_arg = ws.to_str().unwrap();
    let mut s = Session::start(
        dir.path(),
        &["--workspace", ws_arg, "new", "persona", "--icp", ICP],
    );
    s.wait_for("Which template");
    s.send("\r");
    s.wait_for("What is this persona's name?");
    s.send("Pty Paula 日本");
    s.send("\r");
    s.wait_for("What is this person's job title?");
    s.send("Buyer");
    s.send("\t");
    s.wait_for("c cites it for: Buyer");
    s.send("c");
    s.wait_for("✓ 1 quote");
    s.send("\t");
    // Straight to the review; saving sends us to each required question.
    s.send("\x13");
    s.wait_for("Review");
    s.send("\r");
    s.wait_for("needs an answer");
    s.send("1");
    s.send("\x13");
    s.send("\r");
    s.wait_for("What are they trying to achieve in their job?");
    s.send("Fewer stockouts");
    s.send("\r");
    s.send("\x13");
    s.send("\r");
    s.wait_for("“Pain points” needs an answer");
    s.send("Counting stock by hand");
    s.send("\r");
    s.send("\x13");
    s.wait_for("Review");
    s.send("\r");
    let text = s.wait_for("persona card");
    assert!(text.contains("Saved persona"), "{text}");
    s.send("q");
    s.wait_for("ICPs and personas");
    s.send("q");
    let _ = s.wait_exit();

    let file = ws.join(format!("icps/{ICP}/personas/pty-paula.toml"));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("name = \"Pty Paula 日本\""), "{saved}");
    assert!(
        saved.contains("template = \"b2b-decision-maker\""),
        "{saved}"
    );
    assert!(saved.contains("text = \"Buyer\"\ncites = ["), "{saved}");
    assert!(saved.contains("[[fields.purchase_role]]"), "{saved}");
    assert!(saved.contains("text = \"Fewer stockouts\""), "{saved}");
    assert!(
        saved.contains("text = \"Counting stock by hand\""),
        "{saved}"
    );
    assert!(saved.contains("last_validated = "), "{saved}");
    assert!(saved.contains("created = "), "{saved}");
    // Saved: no draft left behind.
    let drafts: Vec<_> = std::fs::read_dir(ws.join(".drafts"))
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(drafts.is_empty(), "{drafts:?}");
    // And the workspace still validates.
    let out = std::process::Command::new(BIN)
        .arg("--workspace")
        .arg(&ws)
        .arg("validate")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_killed_wizard_resumes_from_its_draft() {
    let (dir, ws) = demo();
    let ws_arg = ws.to_str().unwrap();
    let mut s = Session::start(
        dir.path(),
        &["--workspace", ws_arg, "new", "persona", "--icp", ICP],
    );
    s.wait_for("Which template");
    s.send("\r");
    s.wait_for("What is this persona's name?");
    s.send("Killed Kim 金");
    s.send("\r");
    s.wait_for("What is this person's job title?");
    s.send("Night buyer");
    s.wait_for("Night buyer");
    // The draft is written about a second after the last key: wait until it
    // holds the answer, then SIGKILL.
    let path = ws.join(".drafts/persona-new-1.toml");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !std::fs::read_to_string(&path).is_ok_and(|d| d.contains("Night buyer")) {
        assert!(
            std::time::Instant::now() < deadline,
            "no draft was written; the screen:\n{}",
            s.text()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    let pid = s.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let _ = s.wait_exit();

    let draft = std::fs::read_to_string(&path).unwrap();
    assert!(draft.contains("Night buyer"), "{draft}");
    assert!(draft.contains("Killed Kim 金"), "{draft}");

    let mut s = Session::start(dir.path(), &["--workspace", ws_arg]);
    let text = s.wait_for("Unsaved wizard work");
    assert!(text.contains("Killed Kim 金"), "{text}");
    s.send("\r");
    let text = s.wait_for("Draft resumed");
    assert!(text.contains("Night buyer"), "{text}");
    assert!(text.contains("What is this person's job title?"), "{text}");
    // Leave again (Esc twice keeps the draft) and quit.
    s.send("\x1b");
    std::thread::sleep(Duration::from_millis(200));
    s.send("\x1b");
    s.wait_for("ICPs and personas");
    s.send("q");
    let _ = s.wait_exit();
}
