//! Hostile input: whatever is in a file or a name, persona answers with a
//! clear message or handles it, and nothing reaches the terminal raw.

use persona::domain::{Interview, Kind};
use persona::store::{FsStore, Store};
use std::fs;
use std::process::Command;

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
