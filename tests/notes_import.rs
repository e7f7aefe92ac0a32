//! `import-notes` on call notes and transcripts shaped like the real ones
//! (Otter, Zoom, Google Meet, hand-written markdown with front matter), and
//! `show --json` as scripts read it.

mod cli_support;

use cli_support::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/notes")
        .join(name)
}

fn show_json(ws: &Path, id: &str) -> Value {
    let run = persona(ws, &["show", id, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn interview_named(ws: &Path, title: &str) -> Value {
    let run = persona(ws, &["list", "interviews", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let row = rows
        .iter()
        .find(|r| r["name"] == title)
        .unwrap_or_else(|| panic!("no interview named {title} in {rows:#?}"));
    show_json(ws, &format!("interview:{}", row["id"].as_str().unwrap()))
}

#[test]
fn transcripts_and_call_notes_import_with_their_details() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["import-notes", data("batch").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Imported 5 interviews"),
        "{}",
        run.stderr
    );

    // Otter export, .txt: titled by its first line, dated by the end of its
    // file name, the interviewee found from the speaker headers.
    let sam = interview_named(&ws, "Ridgeline Sports - replenishment call");
    assert_eq!(sam["date"], "2026-03-04");
    assert_eq!(sam["interviewee"], "Sam Okafor");

    // Markdown with bold speaker labels; a date without zero padding.
    let marcus = interview_named(&ws, "Onboarding feedback — Basecamp Gear");
    assert_eq!(marcus["date"], "2022-09-12");
    assert_eq!(marcus["interviewee"], "Marcus");

    // Zoom's `[Name] hh:mm:ss` turns.
    let priya = interview_named(&ws, "zoom transcript priya");
    assert_eq!(priya["interviewee"], "Priya Nair");

    // Google Meet's `Name: words` lines under a timestamp.
    let felix = interview_named(&ws, "Felix / Kim - roaster check in - Transcript");
    assert_eq!(felix["interviewee"], "Felix Grant");

    // Front matter in the words people use; a free-text source kept.
    let zoe = interview_named(&ws, "Alpenglow check-in");
    assert_eq!(zoe["date"], "2026-10-14");
    assert_eq!(zoe["interviewee"], "Zoë Müller");
    assert_eq!(zoe["company"], "Alpenglow Outfitters");
    assert_eq!(zoe["role"], "Owner");
    assert_eq!(zoe["source"], "interview");
    assert_eq!(zoe["source_detail"], "Zoom customer call");
    // Keys persona has no place for are kept in the file, not dropped.
    let id = zoe["id"].as_str().unwrap();
    let file = fs::read_to_string(ws.join(format!("interviews/{id}.toml"))).unwrap();
    assert!(file.contains("[front_matter]"), "{file}");
    assert!(
        file.contains("recording = \"https://zoom.us/rec/share/k2PqX\""),
        "{file}"
    );
    assert!(
        file.contains("tags = [\"pricing\", \"wholesale\"]"),
        "{file}"
    );
    assert!(file.contains("interviewer = \"Kim Lee\""), "{file}");
    let shown = persona(&ws, &["show", &format!("interview:{id}")]);
    assert!(
        shown.stdout.contains("Zoom customer call"),
        "{}",
        shown.stdout
    );
    // The file loads back and re-validates.
    assert_eq!(persona(&ws, &["validate"]).code, 0);
}

#[test]
fn every_bad_file_of_a_batch_is_named_at_once_and_nothing_is_imported() {
    let (_dir, ws) = demo();
    let before = fs::read_dir(ws.join("interviews")).unwrap().count();
    let run = persona(&ws, &["import-notes", data("bad").to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("summit-supply.md"), "{}", run.stderr);
    assert!(run.stderr.contains("next tuesday"), "{}", run.stderr);
    assert!(run.stderr.contains("february.md"), "{}", run.stderr);
    assert!(run.stderr.contains("2026-02-30"), "{}", run.stderr);
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("fine.md"), "{}", run.stderr);
    // One problem per line, so a marketer can work down the list.
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(lines[1].contains("february.md:"), "{}", run.stderr);
    assert!(lines[2].contains("summit-supply.md:"), "{}", run.stderr);
    assert_eq!(fs::read_dir(ws.join("interviews")).unwrap().count(), before);
}

#[test]
fn show_json_is_the_card_a_reader_sees() {
    let (_dir, ws) = demo();
    let olivia = show_json(&ws, "operations-olivia");
    assert_eq!(olivia["kind"], "persona");
    assert_eq!(olivia["name"], "Operations Olivia");
    assert!(olivia["icp_name"].is_string());
    assert!(olivia["stale"].is_boolean());
    // Keys without a value are null, not missing.
    assert!(olivia.as_object().unwrap().contains_key("last_validated"));
    let fields = olivia["fields"].as_array().unwrap();
    let mut backed = 0;
    let mut assumptions = 0;
    let mut resolved = 0;
    for field in fields {
        assert!(field["label"].is_string(), "{field}");
        for item in field["items"].as_array().unwrap() {
            for key in ["text", "number", "min", "max", "unit", "citations"] {
                assert!(item.as_object().unwrap().contains_key(key), "{item}");
            }
            match item["evidence"].as_str().unwrap() {
                "backed" => backed += 1,
                "assumption" => assumptions += 1,
                other => assert_eq!(other, "not a claim"),
            }
            for cite in item["citations"].as_array().unwrap() {
                if cite["found"] == true {
                    assert!(cite["quote"].is_string(), "{cite}");
                    assert!(cite.as_object().unwrap().contains_key("who"));
                    assert!(cite.as_object().unwrap().contains_key("date"));
                    resolved += 1;
                }
            }
        }
    }
    assert!(resolved > 0);
    assert_eq!(olivia["evidence"]["backed"], backed);
    assert_eq!(olivia["evidence"]["assumptions"], assumptions);

    // Numbers are numbers: the ICP's ranges and numbers come out as such.
    let icp = show_json(&ws, "independent-outdoor-retail");
    let numeric: Vec<&Value> = icp["fields"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["items"].as_array().unwrap())
        .filter(|i| !i["number"].is_null() || !i["min"].is_null())
        .collect();
    assert!(!numeric.is_empty(), "the demo ICP has numbers");
    for item in numeric {
        assert!(
            item["number"].is_number() || item["min"].is_number(),
            "{item}"
        );
    }

    // An interview is named the same way in `list` and `show`.
    let list = persona(&ws, &["list", "interviews", "--json"]);
    let rows: Vec<Value> = serde_json::from_str(&list.stdout).unwrap();
    let first = &rows[0];
    let shown = show_json(&ws, &format!("interview:{}", first["id"].as_str().unwrap()));
    assert_eq!(shown["name"], first["name"]);
    assert!(first.as_object().unwrap().contains_key("icp"));
}
