//! Hostile input: whatever is in a file or a name, persona answers with a
//! clear message or handles it, and nothing reaches the terminal raw.

mod cli_support;

use cli_support::persona;
use persona::domain::{Interview, Kind};
use persona::store::{FsStore, Store};
use std::fs;
use std::process::Command;

/// The characters a terminal may obey: C0 (but a newline), DEL, C1, and
/// the bidi controls that reorder what follows them.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_safe(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| unsafe_char(*c)) {
        panic!("{what} printed U+{:04X} raw:\n{text}", c as u32);
    }
}

/// Text a hostile file or file name may hold: a clipboard write (OSC 52),
/// a screen clear, one-character CSI and OSC (C1), DEL and a right-to-left
/// override.
const NASTY: &str =
    "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2J\u{9b}31m\u{9d}0;t\u{7}\u{7f}\u{202e}gpj.exe";

fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    FsStore::init(&root, "Hostile", true).unwrap();
    (dir, root)
}

fn load_problems(root: &std::path::Path) -> Vec<String> {
    FsStore::new(root)
        .load()
        .unwrap()
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn deeply_nested_toml_is_a_problem_not_a_crash() {
    let (_dir, root) = workspace();
    for depth in [100, 1_000, 100_000] {
        let arrays = format!(
            "schema = 1\ntitle = \"deep\"\nx = {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        fs::write(root.join("interviews/arrays.toml"), arrays).unwrap();
        let tables = format!(
            "schema = 1\ntitle = \"deep\"\nx = {}1{}\n",
            "{ a = ".repeat(depth),
            " }".repeat(depth)
        );
        fs::write(root.join("interviews/tables.toml"), tables).unwrap();
        let dotted = format!(
            "schema = 1\ntitle = \"deep\"\n{} = 1\n",
            vec!["a"; depth].join(".")
        );
        fs::write(root.join("interviews/dotted.toml"), dotted).unwrap();
        let problems = load_problems(&root);
        // Either loaded (kept as unknown keys) or reported; never a crash.
        assert!(problems.len() <= 3, "{problems:?}");
    }
}

#[test]
fn huge_arrays_and_notes_load() {
    let (_dir, root) = workspace();
    let tags = vec!["\"pain-point\""; 200_000].join(", ");
    let notes = "Long notes line with 増田 and 🚀.\n".repeat(200_000);
    let text = format!(
        "schema = 1\ntitle = \"big\"\nnotes = '''\n{notes}'''\n\n[[highlights]]\nid = \"h1\"\ntext = \"x\"\ntags = [{tags}]\n"
    );
    fs::write(root.join("interviews/big.toml"), text).unwrap();
    let mut store = FsStore::new(&root);
    let loaded = store.load().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let big = loaded.workspace.interview("big").unwrap();
    assert_eq!(big.highlights[0].tags.len(), 200_000);
    assert!(big.notes.len() > 6_000_000);
    store.save_interview(big).unwrap();
}

#[test]
fn hostile_names_save_inside_the_workspace_and_show_safely() {
    let (dir, root) = workspace();
    let mut store = FsStore::new(&root);
    let ws = store.load().unwrap().workspace;
    let names = [
        "../../../outside".to_string(),
        "a/b/c".to_string(),
        "..\\..\\windows".to_string(),
        "CON".to_string(),
        "nul".to_string(),
        "\u{1b}]0;pwned\u{7}\u{1b}[2J title".to_string(),
        "x".repeat(10_000),
        "🚀📈 増田さんのインタビュー".to_string(),
        String::new(),
    ];
    for name in &names {
        let id = ws.new_id(Kind::Interview, name);
        let mut interview = Interview::new(id, name.clone());
        interview.notes = format!("{name}\n\u{1b}[31mred\u{1b}[0m\r\n\u{0}");
        store.save_interview(&interview).unwrap();
    }
    assert!(!dir.path().join("outside.toml").exists());
    assert!(!dir.path().join("outside").exists());
    let loaded = store.load().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.workspace.interviews.len() >= names.len());

    for args in [
        vec!["list", "interviews"],
        vec!["list", "interviews", "--json"],
        vec!["validate"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_persona"))
            .arg("--workspace")
            .arg(&root)
            .args(&args)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(!stdout.contains('\u{1b}'), "{args:?} leaked ESC");
        assert!(!stdout.contains('\u{7}'), "{args:?} leaked BEL");
        if args.contains(&"--json") {
            let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert!(rows.as_array().unwrap().len() >= names.len());
        }
    }
    let ids: Vec<String> = loaded
        .workspace
        .interviews
        .iter()
        .map(|i| i.id.clone())
        .collect();
    for id in ids {
        let output = Command::new(env!("CARGO_BIN_EXE_persona"))
            .arg("--workspace")
            .arg(&root)
            .args(["show", &id])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "show {id}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            !stdout.contains('\u{1b}') && !stdout.contains('\u{0}'),
            "show {id} leaked"
        );
    }
}

#[test]
fn import_notes_never_prints_a_file_name_raw() {
    let (dir, root) = workspace();
    let notes = dir.path().join("notes");
    fs::create_dir(&notes).unwrap();
    let name = format!("2026-09-12 call {NASTY}.md");
    fs::write(
        notes.join(&name),
        "# Call with Dana\n\nDana runs four stores.\n",
    )
    .unwrap();
    let run = persona(&root, &["import-notes", notes.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_safe("import-notes stdout", &run.stdout);
    assert_safe("import-notes stderr", &run.stderr);
    assert!(run.stdout.contains("call-with-dana"), "{}", run.stdout);

    // A path in an error message is made safe too.
    let missing = dir.path().join(format!("missing {NASTY}.md"));
    let run = persona(&root, &["import-notes", missing.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_safe("import-notes error", &run.stderr);
    assert!(run.stderr.contains("missing"), "{}", run.stderr);
    // And an id that names nothing.
    let run = persona(&root, &["show", &format!("olivia{NASTY}")]);
    assert_eq!(run.code, 1);
    assert_safe("show error", &run.stderr);
}

#[test]
fn json_output_escapes_c1_and_bidi_and_means_the_same() {
    let (_dir, root) = workspace();
    let title = format!("Dana {NASTY} Whitfield");
    let mut store = FsStore::new(&root);
    store.load().unwrap();
    let mut interview = Interview::new("nasty", title.clone());
    interview.icp = Some("independent-outdoor-retail".into());
    interview.highlights.push(persona::domain::Highlight {
        id: "h1".into(),
        text: "x".into(),
        tags: vec![format!("tag{NASTY}")],
        extra: Default::default(),
    });
    store.save_interview(&interview).unwrap();
    for args in [
        &["list", "interviews", "--json"][..],
        &["show", "nasty", "--json"],
        &["tally", "--json"],
        &["templates", "--json"],
    ] {
        let run = persona(&root, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_safe(&format!("{args:?}"), &run.stdout);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        if args[0] != "templates" && args[0] != "tally" {
            assert!(
                run.stdout.contains("\\u009b") && run.stdout.contains("\\u202e"),
                "{args:?}: {}",
                run.stdout
            );
            let found = value.as_array().map_or(&value, |rows| {
                rows.iter().find(|r| r["id"] == "nasty").unwrap()
            });
            assert_eq!(
                found.get("title").or(found.get("name")).unwrap(),
                &title.as_str()
            );
        }
    }
    for args in [&["list", "interviews"][..], &["show", "nasty"], &["tally"]] {
        let run = persona(&root, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_safe(&format!("{args:?}"), &run.stdout);
    }
}
