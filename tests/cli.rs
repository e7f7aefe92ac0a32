//! The command line through the built binary: output and exit codes.

mod cli_support;

use cli_support::*;
use std::fs;
use std::process::Command;

#[test]
fn init_creates_a_workspace_once() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("fresh");
    let run = persona(&ws, &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Created the workspace"));
    let meta = fs::read_to_string(ws.join("workspace.toml")).unwrap();
    assert_eq!(meta, "schema = 1\nname = \"fresh\"\n");
    assert!(
        fs::read_to_string(ws.join(".gitignore"))
            .unwrap()
            .contains(".drafts/")
    );

    let again = persona(&ws, &["init", "--demo"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("never overwrites"),
        "{}",
        again.stderr
    );
    assert_eq!(fs::read_to_string(ws.join("workspace.toml")).unwrap(), meta);
    assert_eq!(persona(&ws, &["list"]).stdout, "");
}

#[test]
fn list_prints_one_line_per_item() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["list", "personas"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("operations-olivia "))
        .expect("olivia listed");
    assert!(line.contains("Operations Olivia"));
    assert!(line.ends_with("icp: independent-outdoor-retail"), "{line}");
    assert!(run.stdout.lines().count() >= 4);

    let icps = persona(&ws, &["list", "icps"]);
    assert_eq!(icps.stdout.lines().count(), 3);
    let scoped = persona(
        &ws,
        &["list", "personas", "--icp", "dtc-multichannel-brands"],
    );
    assert!(
        scoped
            .stdout
            .lines()
            .all(|l| l.contains("dtc-multichannel-brands"))
    );
    assert!(!scoped.stdout.contains("operations-olivia"));

    let everything = persona(&ws, &["list"]);
    assert!(everything.stdout.lines().any(|l| l.starts_with("ICP ")));
    assert!(
        everything
            .stdout
            .lines()
            .any(|l| l.starts_with("interview "))
    );
}

#[test]
fn list_json_is_an_array_of_items() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["list", "personas", "--json"]);
    assert_eq!(run.code, 0);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 4);
    let olivia = rows
        .iter()
        .find(|r| r["id"] == "operations-olivia")
        .unwrap();
    assert_eq!(olivia["kind"], "persona");
    assert_eq!(olivia["icp"], "independent-outdoor-retail");
    assert_eq!(olivia["name"], "Operations Olivia");
}

#[test]
fn unknown_ids_fail_with_a_suggestion() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["show", "operations-olivai"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("no ICP, persona or interview with the id `operations-olivai`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `operations-olivia`"));
    assert_eq!(run.stderr.lines().count(), 1);

    let run = persona(&ws, &["list", "personas", "--icp", "nope"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no ICP with the id `nope`"),
        "{}",
        run.stderr
    );
}

#[test]
fn show_prints_markdown_or_json() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["show", "operations-olivia"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("# Operations Olivia\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[^"), "quotes as footnotes");

    let run = persona(&ws, &["show", "persona:operations-olivia", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["id"], "operations-olivia");
    assert_eq!(value["icp"], "independent-outdoor-retail");
    assert!(value["fields"].as_array().unwrap().len() > 3);

    let run = persona(&ws, &["show", "dana-whitfield-acme-outdoor"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("## Highlights"));

    let run = persona(&ws, &["show", "independent-outdoor-retail", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["kind"], "icp");
    assert!(value["best_customers"].as_array().unwrap().len() >= 4);
}

#[test]
fn export_all_writes_a_folder_with_an_index() {
    let (dir, ws) = demo();
    let out = dir.path().join("md");
    let run = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Exported 3 ICPs, 6 personas and 9 interviews"),
        "{}",
        run.stderr
    );
    let index = fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains("icps/independent-outdoor-retail.md"));
    assert!(index.contains("personas/operations-olivia.md"));
    let olivia = fs::read_to_string(out.join("personas/operations-olivia.md")).unwrap();
    assert!(olivia.contains("# Operations Olivia"));
    assert!(out.join("icps/dtc-multichannel-brands.md").is_file());

    // Exporting again replaces our own files.
    let again = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
}

#[test]
fn export_never_replaces_a_file_it_did_not_write() {
    let (dir, ws) = demo();
    let out = dir.path().join("wiki");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.md"), "my own notes\n").unwrap();
    let run = persona(
        &ws,
        &[
            "export",
            "operations-olivia",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("was not written by persona"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(out.join("index.md")).unwrap(),
        "my own notes\n"
    );
    assert!(!out.join("personas").exists(), "nothing half-written");
}

#[test]
fn export_to_stdout_and_to_a_file() {
    let (dir, ws) = demo();
    let run = persona(&ws, &["export", "independent-outdoor-retail", "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("# Operations Olivia"),
        "ICP export includes its personas"
    );
    assert!(!run.stdout.contains("# Founder Felix"));

    let file = dir.path().join("olivia.md");
    let run = persona(
        &ws,
        &[
            "export",
            "operations-olivia",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("# Operations Olivia")
    );

    let run = persona(
        &ws,
        &["export", "dana-whitfield-acme-outdoor", "--out", "-"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("# Dana Whitfield, Acme Outdoor\n"));
}

#[test]
fn export_with_nothing_to_export() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("empty");
    persona(&ws, &["init"]);
    let run = persona(&ws, &["export", "--all", "--out", "-"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nothing to export"), "{}", run.stderr);
    let usage = persona(&ws, &["export"]);
    assert_eq!(usage.code, 2, "no ids and no --all is bad usage");
}

#[test]
fn validate_reports_each_problem_with_its_place() {
    let (_dir, ws) = demo();
    let clean = persona(&ws, &["validate"]);
    assert_eq!(clean.code, 0, "{}{}", clean.stdout, clean.stderr);
    assert_eq!(clean.stdout, "");
    assert!(clean.stderr.contains("No problems found"));

    fs::write(ws.join("interviews/broken.toml"), "schema = 1\ntitle = \n").unwrap();
    let ghost = ws.join("icps/ghost/personas");
    fs::create_dir_all(&ghost).unwrap();
    fs::write(
        ghost.join("lost.toml"),
        "schema = 1\nname = \"Lost\"\ntemplate = \"b2b-decision-maker\"\n\n[[fields.goals]]\ntext = \"x\"\ncites = [\"dana-whitfield-acme-outdoor#h99\"]\n",
    )
    .unwrap();
    let run = persona(&ws, &["validate"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("interviews/broken.toml:2:")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("icps/ghost/personas/lost.toml:1:1: ")
                && l.contains("ICP `ghost`, which does not exist")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("icps/ghost/personas/lost.toml:7:")
                && l.contains("has no highlight `h99`")),
        "{lines:#?}"
    );
}

#[test]
fn templates_lists_built_ins_and_workspace_ones() {
    let (_dir, ws) = demo();
    fs::write(
        ws.join("templates/churn-risk.toml"),
        "schema = 1\nname = \"Churn risk\"\nkind = \"persona\"\n[[sections]]\nid = \"why\"\ntitle = \"Why\"\n[[sections.fields]]\nid = \"reasons\"\nlabel = \"Reasons\"\nkind = \"list\"\nquestion = \"Why might they leave?\"\n",
    )
    .unwrap();
    let run = persona(&ws, &["templates"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for id in [
        "icp ",
        "b2b-decision-maker ",
        "ecommerce-shopper ",
        "churn-risk ",
    ] {
        assert!(
            run.stdout.lines().any(|l| l.starts_with(id)),
            "{id} in {}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("workspace"));
    let json = persona(&ws, &["templates", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let icp = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "icp")
        .unwrap();
    assert_eq!(icp["kind"], "icp");
    assert_eq!(icp["origin"], "built-in");
    assert!(!icp["sections"].as_array().unwrap().is_empty());
}

#[test]
fn a_missing_workspace_is_one_clear_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let run = persona(&dir.path().join("nowhere"), &["list"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error: there is no workspace at"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("persona init"));
    assert_eq!(run.stderr.lines().count(), 1);
}

#[test]
fn without_a_terminal_the_app_refuses_to_start() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("needs a terminal"), "{}", run.stderr);
}

#[test]
fn bad_usage_exits_two() {
    let (_dir, ws) = demo();
    assert_eq!(persona(&ws, &["list", "widgets"]).code, 2);
    assert_eq!(persona(&ws, &["frobnicate"]).code, 2);
}

#[test]
fn the_workspace_can_come_from_the_environment() {
    let (_dir, ws) = demo();
    let output = Command::new(env!("CARGO_BIN_EXE_persona"))
        .args(["list", "icps"])
        .env("PERSONA_WORKSPACE", &ws)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 3);
}

#[test]
fn a_broken_file_is_reported_and_the_rest_is_listed() {
    let (_dir, ws) = demo();
    fs::write(ws.join("interviews/broken.toml"), "schema = 1\ntitle = [\n").unwrap();
    let run = persona(&ws, &["list", "interviews"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.lines().count() >= 7);
    assert!(
        run.stderr.contains("interviews/broken.toml:"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_names_never_reach_the_terminal_raw() {
    let (_dir, ws) = demo();
    let path = ws.join("icps/independent-outdoor-retail/personas/operations-olivia.toml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "name = \"Operations Olivia\"",
        "name = \"Olivia \\u001b[2J\\u0007 | # x\"",
    );
    fs::write(&path, text).unwrap();
    for args in [
        &["list"][..],
        &["show", "operations-olivia"],
        &["export", "--all", "--out", "-"],
    ] {
        let run = persona(&ws, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(!run.stdout.contains('\u{1b}'), "{args:?} leaked ESC");
        assert!(!run.stdout.contains('\u{7}'), "{args:?} leaked BEL");
    }
}

#[test]
fn a_changed_workspace_can_be_exported_again_over_the_last_export() {
    let (dir, ws) = demo();
    let out = dir.path().join("md");
    let first = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    fs::write(
        ws.join("workspace.toml"),
        "schema = 1\nname = \"Renamed research\"\n",
    )
    .unwrap();
    let second = persona(&ws, &["export", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let index = fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains("# Renamed research"), "{index}");
}

#[test]
fn a_backwards_range_loads_and_validate_reports_it() {
    let (_dir, ws) = demo();
    let path = ws.join("icps/independent-outdoor-retail/personas/operations-olivia.toml");
    let text =
        fs::read_to_string(&path)
            .unwrap()
            .replacen("min = 35\nmax = 45", "min = 45\nmax = 35", 1);
    fs::write(&path, text).unwrap();
    let list = persona(&ws, &["list", "personas"]);
    assert_eq!(list.code, 0, "the persona still loads: {}", list.stderr);
    assert!(list.stdout.contains("operations-olivia"));
    let run = persona(&ws, &["validate"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("operations-olivia.toml:")
            && run.stdout.contains("starts at 45, above its end 35"),
        "{}",
        run.stdout
    );
}

#[test]
fn list_does_not_pad_every_row_to_one_long_name() {
    let (_dir, ws) = demo();
    let path = ws.join("icps/independent-outdoor-retail/personas/operations-olivia.toml");
    let long = "Olivia ".repeat(20_000);
    let text = fs::read_to_string(&path).unwrap().replace(
        "name = \"Operations Olivia\"",
        &format!("name = \"{long}\""),
    );
    fs::write(&path, text).unwrap();
    let run = persona(&ws, &["list", "personas"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let longest_other = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with("operations-olivia"))
        .map(str::len)
        .max()
        .unwrap();
    assert!(
        longest_other < 200,
        "rows padded to the long name: {longest_other}"
    );
    assert!(
        run.stdout.len() < long.len() + 2_000,
        "{}",
        run.stdout.len()
    );
}

#[test]
fn a_bare_toml_date_is_explained_not_called_a_map() {
    let (_dir, ws) = demo();
    let path = ws.join("interviews/dana-whitfield-acme-outdoor.toml");
    let text = fs::read_to_string(&path).unwrap();
    let date_line = text.lines().find(|l| l.starts_with("date = ")).unwrap();
    let bare = date_line.replace('"', "");
    fs::write(&path, text.replace(date_line, &bare)).unwrap();
    let run = persona(&ws, &["validate"]);
    assert_eq!(run.code, 1);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("interviews/dana-whitfield-acme-outdoor.toml:"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(!line.contains("map"), "{line}");
    assert!(line.contains("in quotes"), "{line}");
}

#[test]
fn a_newer_schema_icp_is_named_as_such_not_as_missing() {
    let (dir, ws) = demo();
    let path = ws.join("icps/independent-outdoor-retail/icp.toml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen("schema = 1", "schema = 99", 1);
    fs::write(&path, &text).unwrap();
    let csv = dir.path().join("customers.csv");
    fs::write(&csv, "Company,Industry\nAcme Outdoor,Outdoor retail\n").unwrap();
    for args in [
        &[
            "import-customers",
            csv.to_str().unwrap(),
            "--icp",
            "independent-outdoor-retail",
        ][..],
        &["show", "independent-outdoor-retail"],
        &["tally", "--icp", "independent-outdoor-retail"],
        &["list", "personas", "--icp", "independent-outdoor-retail"],
    ] {
        let run = persona(&ws, args);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(
            run.stderr.contains("could not be loaded") && run.stderr.contains("newer persona"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("there is no"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "left untouched");
}

#[test]
fn import_notes_goes_around_files_it_cannot_load_and_imports_all() {
    let (dir, ws) = demo();
    // Files under the ids the notes would get: one from a newer persona,
    // one left mid-merge by git.
    let newer = "schema = 7\ntitle = \"Call with Sam Okafor\"\n";
    let conflicted =
        "schema = 1\n<<<<<<< HEAD\ntitle = \"Ours\"\n=======\ntitle = \"Theirs\"\n>>>>>>> main\n";
    fs::write(ws.join("interviews/call-with-sam-okafor.toml"), newer).unwrap();
    fs::write(ws.join("interviews/call-with-priya-nair.toml"), conflicted).unwrap();
    let notes = dir.path().join("notes");
    fs::create_dir(&notes).unwrap();
    for (file, title) in [
        ("2026-10-01-sam.md", "Call with Sam Okafor"),
        ("2026-10-02-priya.md", "Call with Priya Nair"),
        ("2026-10-03-lee.md", "Call with Lee Chen"),
    ] {
        fs::write(
            notes.join(file),
            format!(
                "# {title}\n\nInterviewer: How do you restock?\n{title}: By hand, every Monday.\n"
            ),
        )
        .unwrap();
    }
    let run = persona(&ws, &["import-notes", notes.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "call-with-sam-okafor-2",
            "call-with-priya-nair-2",
            "call-with-lee-chen"
        ]
    );
    assert!(
        run.stderr.contains("Imported 3 interviews"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(ws.join("interviews/call-with-sam-okafor.toml")).unwrap(),
        newer
    );
    assert_eq!(
        fs::read_to_string(ws.join("interviews/call-with-priya-nair.toml")).unwrap(),
        conflicted
    );
    let show = persona(&ws, &["show", "call-with-priya-nair-2"]);
    assert!(
        show.stdout.contains("By hand, every Monday."),
        "{}",
        show.stdout
    );
}

#[test]
fn validate_sweeps_only_its_own_leftovers() {
    let (_dir, ws) = demo();
    fs::create_dir_all(ws.join("research")).unwrap();
    let theirs = [
        ws.join(".env.tmp-backup"),
        ws.join("research/.q3-synthesis.md.tmp-old"),
        ws.join("research/.dana.toml.tmp-4294967-0"),
        ws.join("interviews/.dana.toml.tmp-backup"),
    ];
    // A save killed mid-write (no process has id 4294967).
    let ours = ws.join("interviews/.dana-whitfield-acme-outdoor.toml.tmp-4294967-0");
    for path in theirs.iter().chain([&ours]) {
        fs::write(path, "keep me").unwrap();
    }
    let run = persona(&ws, &["validate"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!ours.exists(), "a leftover of persona's own is swept");
    for path in &theirs {
        assert!(path.exists(), "{} was removed", path.display());
    }
}
