//! The one export writer (command line and app): it never replaces a file
//! persona did not write, names the workspace on the index, writes front
//! matter valid YAML for any name, and cleans up only its own leftovers.

mod cli_support;

use cli_support::{demo, everything_under, files_under, persona};
use persona::domain::{EntityRef, Kind};
use persona::store::export::{ExportError, Selection, Target, write};
use persona::store::{FsStore, Store};
use std::fs;

#[test]
fn a_hand_written_page_that_mentions_the_mark_is_still_left_alone() {
    let (dir, ws) = demo();
    let out = dir.path().join("wiki");
    fs::create_dir_all(&out).unwrap();
    // Our own README, which explains how persona marks its pages.
    let page = "# Team wiki\n\nPages persona writes start with front matter holding\n`exported_by: persona`; this one is ours.\n\nexported_by: persona\n";
    fs::write(out.join("index.md"), page).unwrap();
    let run = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("index.md already exists and was not written by persona"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(out.join("index.md")).unwrap(), page);
    assert_eq!(files_under(&out), ["index.md"], "nothing else was written");

    // The same through the library, as the app calls it.
    let loaded = FsStore::new(&ws).load().unwrap();
    let error = write(
        &loaded.workspace,
        &Selection::All,
        &Target::Folder(out.clone()),
    )
    .unwrap_err();
    assert!(
        matches!(&error, ExportError::Foreign(path) if path.ends_with("index.md")),
        "{error}"
    );
}

#[test]
fn a_single_file_export_can_be_exported_again_but_never_over_a_foreign_file() {
    let (dir, ws) = demo();
    let file = dir.path().join("olivia.md");
    let args = [
        "export",
        "operations-olivia",
        "--out",
        file.to_str().unwrap(),
    ];
    let run = persona(&ws, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = fs::read_to_string(&file).unwrap();
    assert!(first.starts_with("---\nkind: document\n"), "{first}");
    assert!(first.contains("\nexported_by: persona\n---\n"), "{first}");

    // The persona changes; exporting again replaces our own file.
    let path = ws.join("icps/independent-outdoor-retail/personas/operations-olivia.toml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "name = \"Operations Olivia\"",
        "name = \"Operations Olivia Ortiz\"",
    );
    fs::write(&path, text).unwrap();
    let run = persona(&ws, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("# Operations Olivia Ortiz")
    );

    let foreign = dir.path().join("notes.md");
    fs::write(&foreign, "# My notes\n").unwrap();
    let run = persona(
        &ws,
        &[
            "export",
            "operations-olivia",
            "--out",
            foreign.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(fs::read_to_string(&foreign).unwrap(), "# My notes\n");
}

#[test]
fn the_index_is_titled_with_the_workspace_name_not_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    assert_eq!(persona(&ws, &["init", "--name", "Acme research"]).code, 0);
    let mut store = FsStore::new(&ws);
    store.load().unwrap();
    let icp = persona::domain::Icp::new("outdoor", "Outdoor retailers", "icp");
    store.save_icp(&icp).unwrap();
    let out = dir.path().join("out");
    let run = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains("title: \"Acme research\"\n"), "{index}");
    assert!(index.contains("\n# Acme research\n"), "{index}");
    assert!(!index.contains("# ws\n"), "{index}");
}

/// YAML 1.2's printable characters, less the line breaks YAML 1.1 knows
/// (NEL, U+2028, U+2029) and the byte-order mark.
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

#[test]
fn front_matter_is_valid_yaml_for_any_name() {
    let (dir, ws) = demo();
    let name = "Olivia\u{7f}\u{85}\u{9b}\u{9d}\u{202e}\u{2028}\u{feff}\u{fffe}: # [x] 'q' \"d\" \\";
    let path = ws.join("icps/independent-outdoor-retail/personas/operations-olivia.toml");
    let mut store = FsStore::new(&ws);
    let loaded = store.load().unwrap();
    let mut olivia = loaded
        .workspace
        .persona("operations-olivia")
        .unwrap()
        .clone();
    olivia.name = name.to_string();
    store.save_persona(&olivia).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("Olivia"));
    let out = dir.path().join("out");
    let run = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fs::read_to_string(out.join("personas/operations-olivia.md")).unwrap();
    let front = page
        .strip_prefix("---\n")
        .unwrap()
        .split("\n---\n")
        .next()
        .unwrap();
    if let Some(c) = front.chars().find(|c| !yaml_printable(*c)) {
        panic!("front matter holds U+{:04X}:\n{front}", c as u32);
    }
    let title = front
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap();
    // A double-quoted YAML scalar with only JSON escapes reads as JSON does.
    let back: String = serde_json::from_str(title).unwrap();
    assert_eq!(back, name);
}

#[test]
fn leftover_temporaries_in_the_export_folder_are_swept_but_not_others() {
    let (dir, ws) = demo();
    let out = dir.path().join("out");
    let run = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A killed export's leftover (no process has id 4294967), and files of
    // someone else's that merely look alike.
    let ours = out.join("personas/.operations-olivia.md.tmp-4294967-3");
    let theirs = [
        out.join(".draft.md.tmp-old"),
        out.join("personas/.env.tmp-backup"),
    ];
    for path in theirs.iter().chain([&ours]) {
        fs::write(path, "x").unwrap();
    }
    // A new folder a killed export was filling, and folders of someone
    // else's named alike.
    let our_folder = out.join(".interviews.tmp-4294967-4");
    let their_folders = [
        out.join(".research.tmp-4294967-5"),
        out.join(".personas.tmp-backup"),
    ];
    for folder in their_folders.iter().chain([&our_folder]) {
        fs::create_dir(folder).unwrap();
        fs::write(folder.join("notes.md"), "x").unwrap();
    }
    let run = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!ours.exists(), "our leftover is swept");
    assert!(!our_folder.exists(), "our leftover folder is swept");
    assert!(theirs.iter().all(|p| p.exists()), "theirs are kept");
    assert!(their_folders.iter().all(|p| p.exists()), "theirs are kept");
}

#[test]
fn the_writer_reports_what_it_wrote() {
    let (dir, ws) = demo();
    let loaded = FsStore::new(&ws).load().unwrap();
    let out = dir.path().join("out");
    let pick = Selection::Items(vec![EntityRef::new(Kind::Persona, "operations-olivia")]);
    let done = write(&loaded.workspace, &pick, &Target::pick(&out)).unwrap();
    assert_eq!((done.icps, done.personas, done.unchanged), (0, 1, 0));
    assert_eq!(done.start, out.join("index.md"));
    assert_eq!(
        files_under(&out),
        ["index.md", "personas/operations-olivia.md"]
    );
    assert!(
        done.summary().starts_with("Exported 1 persona to "),
        "{}",
        done.summary()
    );
    let again = write(&loaded.workspace, &pick, &Target::pick(&out)).unwrap();
    assert_eq!(again.unchanged, 2, "unchanged files are not rewritten");
    let none = write(
        &loaded.workspace,
        &Selection::Items(vec![]),
        &Target::pick(&out),
    );
    assert!(matches!(none, Err(ExportError::Nothing)));
}

#[test]
fn a_foreign_page_found_late_leaves_no_temporary_and_no_new_folder() {
    let (dir, ws) = demo();
    let out = dir.path().join("out");
    let run = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The ICP pages go (so they would be written again), and the last
    // interview's page is someone's own by now.
    fs::remove_dir_all(out.join("icps")).unwrap();
    let mut interviews: Vec<_> = fs::read_dir(out.join("interviews"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    interviews.sort();
    let theirs = interviews.last().unwrap().clone();
    fs::write(&theirs, "# My own notes\n").unwrap();
    let before = everything_under(&out);

    let run = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let name = theirs.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        run.stderr.contains(&name) && run.stderr.contains("was not written by persona"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "# My own notes\n");
    assert_eq!(
        everything_under(&out),
        before,
        "no temporary and no icps/ folder is left"
    );
}
