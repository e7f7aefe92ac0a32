//! The real binary in a pseudo-terminal, on the demo workspace: filter by a
//! word from a persona's card, open the card, go back, quit.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_persona");

struct Screen(Arc<Mutex<vt100::Parser>>);

impl Screen {
    fn text(&self) -> String {
        self.0.lock().unwrap().screen().contents()
    }

    /// Waits until `needle` is on screen; panics with the screen if not.
    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text();
            if text.contains(needle) {
                return text;
            }
            if Instant::now() > deadline {
                panic!("`{needle}` did not appear; the screen:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

#[test]
fn filter_open_a_card_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let init = std::process::Command::new(BIN)
        .arg("--workspace")
        .arg(&ws)
        .args(["init", "--demo"])
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("--workspace");
    cmd.arg(&ws);
    cmd.env("TERM", "xterm-256color");
    // Keep the user's own settings out of the test.
    cmd.env("XDG_CONFIG_HOME", dir.path().join("config"));
    cmd.env("HOME", dir.path());
    cmd.cwd(dir.path());
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);

    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(30).unwrap(),
        std::num::NonZeroU16::new(100).unwrap(),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut keys = pty.master.take_writer().unwrap();
    let mut send = |bytes: &str| {
        keys.write_all(bytes.as_bytes()).unwrap();
        keys.flush().unwrap();
    };
    let screen = Screen(parser);

    let text = screen.wait_for("ICPs and personas");
    assert!(text.contains("Operations Olivia"), "{text}");
    assert!(text.contains("? help"), "{text}");

    // A word from Olivia's goals, not her name.
    send("/");
    screen.wait_for("Filter:");
    send("sell-through");
    let text = screen.wait_for("1 of 5 personas");
    assert!(text.contains("Operations Olivia"), "{text}");
    assert!(!text.contains("Finance Frank"), "{text}");

    send("\r");
    let text = screen.wait_for("persona card");
    assert!(text.contains("Operations Olivia"), "{text}");
    assert!(
        text.contains("Last validated") || text.contains("STALE"),
        "{text}"
    );
    assert!(text.contains("interview"), "{text}");

    // The quotes behind the first attribute that has any.
    send("\r");
    screen.wait_for("Esc close");

    send("\x1b");
    screen.wait_for("Enter quotes");
    send("q");
    screen.wait_for("ICPs and personas");
    send("q");

    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("persona did not quit; the screen:\n{}", screen.text());
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    assert!(status.success(), "exit status {status:?}");
}
