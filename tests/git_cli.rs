//! The git commands through the binary: `highlight`, `merge-file`,
//! `git-setup`, `sync`, `log`, their output and exit codes.

mod git_support;

use git_support::Team;
use std::fs;

const DANA: &str = "dana-whitfield-acme-outdoor";

#[test]
fn highlight_adds_anchored_evidence_or_names_what_is_wrong() {
    let Some(team) = Team::new() else { return };
    let ws = team.dir.path().join("ws");
    assert_eq!(team.persona(&ws, &["init", "--demo"]).code, 0);
    let file = ws.join(format!("interviews/{DANA}.toml"));

    // Words across a line break of the notes, with a tag people type.
    let run = team.persona(
        &ws,
        &[
            "highlight",
            DANA,
            "a Shopify Plus web shop that now brings in",
            "--tag",
            "Tech stack",
            "--tag",
            "channel,role",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Highlighted “a Shopify Plus web shop that now brings in” in interview `dana-whitfield-acme-outdoor` as `h"), "{}", run.stdout);
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("text = \"a Shopify Plus web shop that now brings in\"\ntags = [\"tech-stack\", \"channel\", \"role\"]\n"), "{text}");
    let id = run.stdout.split('`').nth(3).unwrap().to_string();
    assert_eq!(id.len(), 7);
    assert!(text.contains(&format!("id = \"{id}\"")));

    // The same words again only add the new tag.
    let again = team.persona(
        &ws,
        &[
            "highlight",
            DANA,
            "a Shopify Plus web shop that now  brings in",
            "--tag",
            "goal",
            "--json",
        ],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    let json: serde_json::Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(json["id"], id.as_str());
    assert_eq!(json["existing"], true);
    assert_eq!(
        json["tags"],
        serde_json::json!(["tech-stack", "channel", "role", "goal"])
    );

    let missing = team.persona(
        &ws,
        &["highlight", DANA, "we never said this", "--tag", "goal"],
    );
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr,
        "error: the words “we never said this” are not in the notes of interview `dana-whitfield-acme-outdoor` (spacing and line breaks aside); copy them as they are written there\n"
    );
    let unknown = team.persona(&ws, &["highlight", "dana-whitfield", "Every Monday"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains(
            "no interview with the id `dana-whitfield`; did you mean `dana-whitfield-acme-outdoor`?"
        ),
        "{}",
        unknown.stderr
    );
    let bad_tag = team.persona(&ws, &["highlight", DANA, "Every Monday", "--tag", "!!"]);
    assert_eq!(bad_tag.code, 1);
    assert!(
        bad_tag
            .stderr
            .contains("the tag `!!` has no letters or digits")
    );
    let usage = team.persona(&ws, &["highlight", DANA]);
    assert_eq!(usage.code, 2);

    let validate = team.persona(&ws, &["validate"]);
    assert_eq!(validate.code, 0, "{}", validate.stdout);
}

#[test]
fn merge_file_writes_ours_and_exits_by_conflicts() {
    let Some(team) = Team::new() else { return };
    let dir = team.dir.path();
    let base = "schema = 1\nname = \"Olivia\"\ntemplate = \"b2b-decision-maker\"\n\n[[fields.goals]]\ntext = \"One stock number\"\n";
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let o = write(
        "ours",
        &format!("{base}\n[[fields.goals]]\ntext = \"A fifth store\"\n"),
    );
    let t = write(
        "theirs",
        &base.replace(
            "[[fields.goals]]",
            "[[fields.goals]]\ntext = \"Fewer calls\"\n\n[[fields.goals]]",
        ),
    );
    let b = write("base", base);
    let run = team.persona(
        dir,
        &["merge-file", &b, &o, &t, "icps/x/personas/olivia.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&o).unwrap(),
        "schema = 1\nname = \"Olivia\"\ntemplate = \"b2b-decision-maker\"\n\n[[fields.goals]]\ntext = \"Fewer calls\"\n\n[[fields.goals]]\ntext = \"One stock number\"\n\n[[fields.goals]]\ntext = \"A fifth store\"\n"
    );

    let o = write("ours", &base.replace("name = \"Olivia\"", "name = \"Liv\""));
    let t = write(
        "theirs",
        &base.replace("name = \"Olivia\"", "name = \"Ops Olivia\""),
    );
    let run = team.persona(
        dir,
        &["merge-file", &b, &o, &t, "icps/x/personas/olivia.toml"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "icps/x/personas/olivia.toml: 1 conflict kept both versions, marked inside the file (which still loads); `persona validate` lists it\n"
    );
    let merged = fs::read_to_string(&o).unwrap();
    assert!(
        merged.starts_with("schema = 1\nname = \"Liv\"\n"),
        "{merged}"
    );
    assert!(merged.contains("theirs = \"Ops Olivia\""));

    // Not text: ours is left as it was, for git to report.
    let o = write("ours", "name = \"kept\"\n");
    fs::write(dir.join("theirs"), [0xff, 0xfe, 0x00]).unwrap();
    let run = team.persona(dir, &["merge-file", &b, &o, &t]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("is not UTF-8 text, so it was left for git to merge"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(&o).unwrap(), "name = \"kept\"\n");
}

#[test]
fn git_setup_registers_the_driver_and_the_attributes() {
    let Some(team) = Team::new() else { return };
    let dir = team.dir.path();
    let ws = dir.join("ws");
    assert_eq!(team.persona(&ws, &["init"]).code, 0);
    assert_eq!(
        fs::read_to_string(ws.join(".gitattributes")).unwrap(),
        "# persona merges its files item by item; run `persona git-setup` once in each clone.\n*.toml merge=persona\n"
    );
    let outside = team.persona(&ws, &["git-setup"]);
    assert_eq!(outside.code, 1);
    assert!(
        outside
            .stderr
            .contains("is not in a git repository; run `git init` there"),
        "{}",
        outside.stderr
    );

    team.git(&ws, &["init", "--quiet", "-b", "main"]);
    fs::remove_file(ws.join(".gitattributes")).unwrap();
    let run = team.persona(&ws, &["git-setup"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Wrote .gitattributes"),
        "{}",
        run.stdout
    );
    let driver = team.git(&ws, &["config", "--get", "merge.persona.driver"]);
    assert_eq!(
        driver.trim(),
        format!("{} merge-file %O %A %B %P", env!("CARGO_BIN_EXE_persona"))
    );
    assert!(
        fs::read_to_string(ws.join(".gitattributes"))
            .unwrap()
            .contains("*.toml merge=persona\n")
    );
    let check = team.git(&ws, &["check-attr", "merge", "--", "interviews/x.toml"]);
    assert_eq!(check.trim(), "interviews/x.toml: merge: persona");
    // Running it again changes nothing and says nothing about the file.
    let again = team.persona(&ws, &["git-setup"]);
    assert!(!again.stdout.contains("Wrote .gitattributes"));
}

#[test]
fn sync_refuses_without_a_repository_or_a_remote() {
    let Some(team) = Team::new() else { return };
    let ws = team.dir.path().join("ws");
    assert_eq!(team.persona(&ws, &["init", "--demo"]).code, 0);
    let run = team.persona(&ws, &["sync"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("is not in a git repository"));
    team.git(&ws, &["init", "--quiet", "-b", "main"]);
    let run = team.persona(&ws, &["sync"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "has no remote to sync with; add your team's with `git remote add origin URL`"
        ),
        "{}",
        run.stderr
    );
    let head = team.try_git(&ws, &["rev-parse", "--verify", "--quiet", "HEAD"]);
    assert_ne!(head.code, 0, "nothing was committed");
}

#[test]
fn sync_commits_naming_what_changed_and_log_tells_who() {
    let Some(team) = Team::new() else { return };
    let (_, ws_a) = team.start("dana-laptop", "Dana Whitfield", "");
    let ws_b = team.clone("sam-laptop", "Sam Okafor");

    let olivia = "icps/independent-outdoor-retail/personas/operations-olivia.toml";
    let add_pain = |ws: &std::path::Path, text: &str, cite: &str| {
        let path = ws.join(olivia);
        let file = fs::read_to_string(&path).unwrap();
        let file = file.replacen(
            "[[fields.pain_points]]",
            &format!("[[fields.pain_points]]\ntext = \"{text}\"\ncites = [\"{cite}\"]\n\n[[fields.pain_points]]"),
            1,
        );
        fs::write(path, file).unwrap();
    };
    add_pain(
        &ws_b,
        "Counts drift between tills and web",
        "dana-whitfield-acme-outdoor#h1",
    );
    add_pain(
        &ws_b,
        "Returns in store are not put back online",
        "dana-whitfield-acme-outdoor#h2",
    );
    let run = team.persona(&ws_b, &["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Committed “Operations Olivia: 2 pain points, 2 citations”.\nNothing new from origin/main.\nPushed to origin/main.\n"
    );
    let nothing = team.persona(&ws_b, &["sync"]);
    assert_eq!(nothing.code, 0);
    assert!(
        nothing
            .stdout
            .starts_with("Nothing new to commit in the workspace.\n")
    );

    let highlight = team.persona(
        &ws_a,
        &[
            "highlight",
            DANA,
            "Every Monday I lose half a day",
            "--tag",
            "pain-point",
        ],
    );
    assert_eq!(highlight.code, 0, "{}", highlight.stderr);
    let run = team.persona(&ws_a, &["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Committed “interview Dana Whitfield, Acme Outdoor: 1 highlight”.\nPulled from origin/main: 1 workspace file changed, merged item by item.\n"), "{}", run.stdout);

    // Dana edits again without committing: the log shows it first.
    add_pain(
        &ws_a,
        "Nobody trusts the stock figure",
        "dana-whitfield-acme-outdoor#h3",
    );
    let log = team.persona(&ws_a, &["log", "operations-olivia"]);
    assert_eq!(log.code, 0, "{}", log.stderr);
    let lines: Vec<&str> = log.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "persona `operations-olivia` (Operations Olivia): 2 commits, newest first"
    );
    assert!(
        lines[1].starts_with("  not committed") && lines[1].contains("1 pain point, 1 citation"),
        "{}",
        log.stdout
    );
    assert!(
        lines[2].contains("Sam Okafor") && lines[2].contains("2 pain points, 2 citations"),
        "{}",
        log.stdout
    );
    assert!(
        lines[3].contains("Dana Whitfield") && lines[3].contains("new persona"),
        "{}",
        log.stdout
    );
    assert!(lines[3].contains("“The demo workspace”"), "{}", log.stdout);

    let json = team.persona(&ws_a, &["log", "persona:operations-olivia", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["kind"], "persona");
    assert_eq!(value["path"], olivia);
    assert_eq!(
        value["uncommitted"],
        serde_json::json!(["1 pain point", "1 citation"])
    );
    assert_eq!(value["history"][0]["author"], "Sam Okafor");
    assert_eq!(value["history"][0]["email"], "sam@team.test");
    assert_eq!(
        value["history"][0]["changes"],
        serde_json::json!(["2 pain points", "2 citations"])
    );
    assert_eq!(value["history"][0]["commit"].as_str().unwrap().len(), 40);

    let unknown = team.persona(&ws_a, &["log", "olivia"]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("did you mean `operations-olivia`?"));
}

#[test]
fn log_outside_git_or_before_the_first_commit_says_so() {
    let Some(team) = Team::new() else { return };
    let ws = team.dir.path().join("ws");
    assert_eq!(team.persona(&ws, &["init", "--demo"]).code, 0);
    let run = team.persona(&ws, &["log", "operations-olivia"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is not in a git repository"));
    team.git(&ws, &["init", "--quiet", "-b", "main"]);
    let run = team.persona(&ws, &["log", "operations-olivia"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "persona `operations-olivia` (Operations Olivia): not committed yet; `persona sync` commits it.\n"
    );
}
