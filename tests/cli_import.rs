//! `import-notes`, `import-customers` and `tally` through the built binary.

mod cli_support;

use cli_support::*;
use std::fs;
use std::path::Path;

fn interview_files(ws: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(ws.join("interviews"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const ICP: &str = "independent-outdoor-retail";

#[test]
fn import_notes_makes_interviews_from_markdown_and_text() {
    let (dir, ws) = demo();
    let notes = dir.path().join("notes");
    fs::create_dir(&notes).unwrap();
    fs::write(
        notes.join("2026-10-01-lee-chen.md"),
        "# Call with Lee, Trail Co\n\nWe reconcile stock every week.\n",
    )
    .unwrap();
    fs::write(
        notes.join("survey.txt"),
        "---\ndate: 2026-10-03\ninterviewee: Mika 増田\nsource: survey\n---\n在庫 🚀 \u{1b}[31m red\n",
    )
    .unwrap();
    fs::write(notes.join("ignored.pdf"), "x").unwrap();
    let before = interview_files(&ws).len();
    let run = persona(
        &ws,
        &["import-notes", notes.to_str().unwrap(), "--icp", ICP],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Imported 2 interviews"),
        "{}",
        run.stderr
    );
    assert_eq!(interview_files(&ws).len(), before + 2);
    let lee = fs::read_to_string(ws.join("interviews/call-with-lee-trail-co.toml")).unwrap();
    assert!(lee.contains("date = \"2026-10-01\""), "{lee}");
    assert!(lee.contains(&format!("icp = \"{ICP}\"")), "{lee}");
    let json = persona(&ws, &["show", "interview:survey", "--json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["interviewee"], "Mika 増田");
    assert_eq!(v["source"], "survey");
    assert_eq!(v["date"], "2026-10-03");
    // The escape sequence is kept in the file but never printed raw.
    let shown = persona(&ws, &["show", "interview:survey"]);
    assert!(!shown.stdout.contains('\u{1b}'));
    // Importing the same file again gives a second interview, not an overwrite.
    let again = persona(
        &ws,
        &["import-notes", notes.join("survey.txt").to_str().unwrap()],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("survey-2"), "{}", again.stdout);
}

#[test]
fn a_bad_notes_file_stops_the_whole_import() {
    let (dir, ws) = demo();
    let good = dir.path().join("good.md");
    fs::write(&good, "fine\n").unwrap();
    let binary = dir.path().join("latin1.txt");
    fs::write(&binary, b"caf\xe9\n").unwrap();
    let before = interview_files(&ws);
    let run = persona(
        &ws,
        &[
            "import-notes",
            good.to_str().unwrap(),
            binary.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("latin1.txt is not UTF-8"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(interview_files(&ws), before, "nothing imported");

    let missing = persona(&ws, &["import-notes", "/nonexistent/dana.md"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("/nonexistent/dana.md"),
        "{}",
        missing.stderr
    );
    let unknown = persona(
        &ws,
        &["import-notes", good.to_str().unwrap(), "--icp", "nope"],
    );
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("no ICP"), "{}", unknown.stderr);
    assert_eq!(persona(&ws, &["import-notes"]).code, 2);
    assert_eq!(interview_files(&ws), before);
}

#[test]
fn import_customers_matches_headers_and_reports_bad_rows() {
    let (dir, ws) = demo();
    let icp_file = ws.join(format!("icps/{ICP}/icp.toml"));
    let original = fs::read_to_string(&icp_file).unwrap();

    let bad = dir.path().join("bad.csv");
    fs::write(
        &bad,
        "Account Name,Employees\nGood Co,10\n\"Broken \"quote\",5\n",
    )
    .unwrap();
    let run = persona(
        &ws,
        &["import-customers", bad.to_str().unwrap(), "--icp", ICP],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("line 3"), "{}", run.stderr);
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(&icp_file).unwrap(), original);

    let csv = dir.path().join("crm.csv");
    fs::write(
        &csv,
        "\u{feff}ACCOUNT;Vertical;Employees;ARR;Country;Tech Stack;Why;Owner\r\nTrail Co;Outdoor retail;120;$9M;US;\"Shopify, Klaviyo\";\"Renewed; \"\"loves\"\" us\";Jo\r\nAcme Outdoor;Outdoor retail;150;$20M;US;Shopify;Renewed again;Jo\r\n",
    )
    .unwrap();
    let run = persona(
        &ws,
        &["import-customers", csv.to_str().unwrap(), "--icp", ICP],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Added 1, updated 1"), "{}", run.stdout);
    assert!(run.stdout.contains("Owner"), "{}", run.stdout);
    let saved = fs::read_to_string(&icp_file).unwrap();
    assert!(saved.contains("company = \"Trail Co\""), "{saved}");
    assert!(
        saved.contains("tools = [\"Shopify\", \"Klaviyo\"]"),
        "{saved}"
    );
    assert!(
        saved.contains("criterion = 'Renewed; \"loves\" us'"),
        "{saved}"
    );

    let no_icp = persona(&ws, &["import-customers", csv.to_str().unwrap()]);
    assert_eq!(no_icp.code, 2);
    let missing = persona(&ws, &["import-customers", "/nope.csv", "--icp", ICP]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("/nope.csv"), "{}", missing.stderr);
}

#[test]
fn tally_json_counts_tags_once_per_interviewee_and_customer_values() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["tally", "--icp", ICP, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["icp"], ICP);
    let tags = v["tags"].as_array().unwrap();
    assert!(!tags.is_empty());
    for t in tags {
        assert!(t["interviewees"].as_u64().unwrap() <= v["interviewees"].as_u64().unwrap());
        assert!(t["interviewees"].as_u64().unwrap() <= t["highlights"].as_u64().unwrap());
    }
    let customers = v["best_customers"].as_array().unwrap();
    assert_eq!(customers.len(), 1);
    let size = customers[0]["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == "size")
        .unwrap();
    assert!(
        size["values"].as_array().unwrap().iter().all(|x| x["value"]
            .as_str()
            .unwrap()
            .contains('-')
            || x["value"].as_str().unwrap().ends_with('+')),
        "{size}"
    );
    let all = persona(&ws, &["tally", "--json"]);
    let all: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    assert_eq!(all["icp"], serde_json::Value::Null);
    assert_eq!(all["best_customers"].as_array().unwrap().len(), 3);
    let text = persona(&ws, &["tally"]);
    assert!(text.stdout.contains("pain-point"), "{}", text.stdout);
    let unknown = persona(&ws, &["tally", "--icp", "independent-outdoor"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("did you mean"),
        "{}",
        unknown.stderr
    );
}
