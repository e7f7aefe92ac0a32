//! The app exports through the command line's export writer: the same
//! files byte for byte, the same refusal to replace a page persona did not
//! write, the same redaction when the workspace asks for it.

mod tui_support;

use std::path::Path;
use std::process::Command;
use tui_support::{Window, demo};

/// `persona --workspace ROOT ARGS...`: exit code and stderr.
fn cli(root: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_persona"))
        .arg("--workspace")
        .arg(root)
        .args(args)
        .env_remove("PERSONA_WORKSPACE")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Exports Operations Olivia from the app to `path`; the message shown and
/// whether it is an error.
fn export_olivia(window: &mut Window, path: &Path) -> (String, bool) {
    window.press(&format!(
        // The path, then "as written or redacted" (the setting's default).
        "<esc> / olivia <tab> x <ctrl-u> {} <enter> <enter>",
        path.display()
    ));
    let toast = window.app.toast.clone().expect("a message");
    (toast.text, toast.error)
}

#[test]
fn the_app_refuses_to_replace_a_hand_written_page_as_the_command_line_does() {
    let (dir, root) = demo();
    let notes = dir.path().join("notes.md");
    // Hand-written, and it even mentions the mark in its body.
    let page = "# Notes from the offsite\n\nPages persona writes carry `exported_by: persona`.\n\nexported_by: persona\n";
    std::fs::write(&notes, page).unwrap();

    let (code, stderr) = cli(
        &root,
        &[
            "export",
            "operations-olivia",
            "--out",
            notes.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    let refusal = "notes.md already exists and was not written by persona, so it was left alone";
    assert!(stderr.contains(refusal), "{stderr}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), page);

    let mut window = Window::open(&root);
    let (message, error) = export_olivia(&mut window, &notes);
    assert!(error, "{message}");
    assert!(message.contains(refusal), "{message}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), page);
    let text = window.screen();
    assert!(text.contains("was not written by persona"), "{text}");

    // A folder holding a hand-written index.md is refused too, and nothing
    // else is written into it.
    let wiki = dir.path().join("wiki");
    std::fs::create_dir_all(&wiki).unwrap();
    std::fs::write(wiki.join("index.md"), page).unwrap();
    let (message, error) = export_olivia(&mut window, &wiki);
    assert!(error, "{message}");
    assert!(message.contains("index.md already exists"), "{message}");
    let names: Vec<_> = std::fs::read_dir(&wiki).unwrap().flatten().collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn the_app_writes_what_the_command_line_writes_and_may_write_it_again() {
    let (dir, root) = demo();
    let by_cli = dir.path().join("cli.md");
    let (code, stderr) = cli(
        &root,
        &[
            "export",
            "operations-olivia",
            "--out",
            by_cli.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let mut window = Window::open(&root);
    let by_app = dir.path().join("app.md");
    let (message, error) = export_olivia(&mut window, &by_app);
    assert!(!error, "{message}");
    assert!(message.contains("Exported 1 persona"), "{message}");
    let app_text = std::fs::read_to_string(&by_app).unwrap();
    assert_eq!(app_text, std::fs::read_to_string(&by_cli).unwrap());
    // With the front matter that marks it as ours, so it may be replaced.
    assert!(app_text.starts_with("---\n"), "{app_text}");
    assert!(app_text.contains("\nexported_by: persona\n"), "{app_text}");
    assert!(app_text.contains("Dana Whitfield"), "{app_text}");
    let (message, error) = export_olivia(&mut window, &by_app);
    assert!(!error, "{message}");

    // A folder: the same files as the command line's.
    let app_dir = dir.path().join("app-wiki");
    let cli_dir = dir.path().join("cli-wiki");
    let (message, error) = export_olivia(&mut window, &app_dir);
    assert!(!error, "{message}");
    let (code, stderr) = cli(
        &root,
        &[
            "export",
            "operations-olivia",
            "--out",
            cli_dir.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    // The index is titled with the workspace's name, not the folder's.
    let index = std::fs::read_to_string(app_dir.join("index.md")).unwrap();
    let name = &window.app.workspace.meta.name;
    assert!(index.contains(name.as_str()), "{name}: {index}");
    assert!(!index.contains("# app-wiki"), "{index}");
    for file in ["index.md", "personas/operations-olivia.md"] {
        assert_eq!(
            std::fs::read_to_string(app_dir.join(file)).unwrap(),
            std::fs::read_to_string(cli_dir.join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn the_app_redacts_its_export_when_the_workspace_asks_for_it() {
    let (dir, root) = demo();
    let meta = root.join("workspace.toml");
    let mut text = std::fs::read_to_string(&meta).unwrap();
    text.push_str("\n[privacy]\nredact_exports = true\n");
    std::fs::write(&meta, text).unwrap();

    let mut window = Window::open(&root);
    let by_app = dir.path().join("app.md");
    let (message, error) = export_olivia(&mut window, &by_app);
    assert!(!error, "{message}");
    assert!(message.contains("Redacted"), "{message}");
    let app_text = std::fs::read_to_string(&by_app).unwrap();
    assert!(!app_text.contains("Dana Whitfield"), "{app_text}");

    let by_cli = dir.path().join("cli.md");
    let (code, stderr) = cli(
        &root,
        &[
            "export",
            "operations-olivia",
            "--out",
            by_cli.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(app_text, std::fs::read_to_string(&by_cli).unwrap());
}
