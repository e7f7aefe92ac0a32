//! `persona outreach check`, `validate` and `templates` on outreach
//! templates, and the messaging matrix in the demo, the export and the
//! persona file.

mod cli_support;

use cli_support::*;
use persona::domain::outreach::token;
use persona::store::{FsStore, Store};
use std::fs;
use std::path::Path;

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/outreach")
        .join(name)
        .display()
        .to_string()
}

/// A template with one of every mistake, and the place of each.
const BROKEN: &str = r#"schema = 1
name = "Everything wrong"
personas = ["operations-olivia"]
subject = "Hi {{ firstName }} at {{ company"
body = """
Hello {{ frist_name | default: "there" }},

{{ persona.key_mesage }} and *|FNAME|* and {first_name}
{{ contact.company }} {{ pain.price }} {{ company | shout }}
{{ }} {{ first name }} {{ x | default }}
}}
"""
"#;

#[test]
fn check_finds_every_bad_token_at_its_line_and_column() {
    let (dir, ws) = demo();
    let path = dir.path().join("broken.toml");
    fs::write(&path, BROKEN).unwrap();
    let run = persona(&ws, &["outreach", "check", path.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let shown = path.to_str().unwrap();
    let found: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix(shown))
        .filter(|l| l[1..].starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    let expected = [
        ":4:15: unknown token `{{ firstName }}`: did you mean `{{ first_name }}`?",
        ":4:34: `{{` opens a token that is not closed with `}}` on the same line",
        ":6:7: unknown token `{{ frist_name | default: \"there\" }}`: did you mean `{{ first_name }}`?",
        ":8:1: unknown token `{{ persona.key_mesage }}`: did you mean `{{ persona.key_message }}`?",
        ":8:30: `*|FNAME|*` is a Mailchimp merge tag",
        ":8:44: `{first_name}` has single braces",
        ":9:1: unknown token `{{ contact.company }}`: did you mean `{{ company }}`?",
        ":9:23: unknown token `{{ pain.price }}`",
        ":9:53: unknown filter `shout`",
        ":10:1: empty token `{{ }}`",
        ":10:15: a token name has no spaces: `first name`",
        ":10:31: `default` takes one text in quotes",
        ":11:1: `}}` closes no token",
    ];
    assert_eq!(found.len(), expected.len(), "{}", run.stdout);
    for (line, want) in found.iter().zip(expected) {
        assert!(line.starts_with(want), "{line}\n  wanted {want}");
    }
    // The positions point at the braces in the file.
    let lines: Vec<&str> = BROKEN.lines().collect();
    for want in expected {
        let mut parts = want[1..].splitn(3, ':');
        let line: usize = parts.next().unwrap().parse().unwrap();
        let column: usize = parts.next().unwrap().parse().unwrap();
        let at: String = lines[line - 1].chars().skip(column - 1).take(2).collect();
        assert!(
            ["{{", "}}", "*|", "{f"].contains(&at.as_str())
                || want.contains("filter")
                || want.contains("spaces")
                || want.contains("`default`"),
            "{want}: {at}"
        );
    }
    assert!(run.stdout.contains("13 errors"), "{}", run.stdout);
}

#[test]
fn check_measures_a_lead_file() {
    let (_dir, ws) = demo();
    let run = persona(
        &ws,
        &[
            "outreach",
            "check",
            "operations-olivia-first-touch",
            &data("apollo-people.csv"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let out = &run.stdout;
    assert!(
        out.contains("templates/outreach/operations-olivia-first-touch.toml:6:12: warning: `{{ company }}` has no default: a lead without company is skipped"),
        "{out}"
    );
    // Each field's fill rate over the 14 leads.
    let line = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or("")
            .to_string()
    };
    assert!(line("company ").ends_with("14/15 (93%)"), "{out}");
    assert!(line("first_name ").contains("\"there\""), "{out}");
    assert!(line("first_name ").ends_with("13/15 (86%)"), "{out}");
    assert!(line("pain.value ").contains("pain"), "{out}");
    assert!(out.contains("15 leads in "), "{out}");
    assert!(
        out.contains("Fit tiers: A 8, B 3, C 3, disqualified 1."),
        "{out}"
    );
    // The same leads `render` would write.
    assert!(out.contains("6 would get a message; 9 would not"), "{out}");

    let json = persona(
        &ws,
        &[
            "outreach",
            "check",
            "operations-olivia-first-touch",
            &data("apollo-people.csv"),
            "--json",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["leads"]["total"], 15);
    assert_eq!(report["leads"]["would_render"], 6);
    assert_eq!(report["leads"]["tiers"]["disqualified"], 1);
    let company = report["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "company")
        .unwrap();
    assert_eq!(company["filled"], 14);
    assert_eq!(company["default"], serde_json::Value::Null);
    assert_eq!(company["kind"], "lead");
}

#[test]
fn check_names_a_persona_that_lacks_a_value() {
    let (dir, ws) = demo();
    let path = dir.path().join("t.toml");
    fs::write(
        &path,
        "name = \"T\"\npersonas = [\"click-and-collect-chloe\"]\nstage = \"decision\"\nsubject = \"{{ persona.name }}\"\nbody = \"{{ pain.value }} {{ persona.fears }}\"\n",
    )
    .unwrap();
    let run = persona(&ws, &["outreach", "check", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains(":5:9: warning: persona `click-and-collect-chloe` has no messaging row for the decision stage, so none of its leads gets a message"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("warning: persona `click-and-collect-chloe` has no fears"),
        "{}",
        run.stdout
    );
}

#[test]
fn demo_templates_are_clean_and_listed() {
    let (_dir, ws) = demo();
    let templates = persona(&ws, &["templates"]);
    assert_eq!(templates.code, 0, "{}", templates.stderr);
    let ids: Vec<&str> = templates
        .stdout
        .lines()
        .filter(|l| l.contains(" outreach "))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "click-and-collect-chloe-reserve",
            "ecommerce-zoe-first-touch",
            "finance-frank-first-touch",
            "founder-felix-first-touch",
            "operations-olivia-first-touch"
        ]
    );
    for id in ids {
        let run = persona(&ws, &["outreach", "check", id, "--json"]);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(run.code, 0, "{id}: {}", run.stdout);
        let problems = report["problems"].as_array().unwrap();
        // Only "no default" warnings on lead values; no persona lacks one.
        assert!(
            problems.iter().all(|p| p["severity"] == "warning"
                && p["message"].as_str().unwrap().contains("has no default")),
            "{id}: {problems:?}"
        );
    }
    let json = persona(&ws, &["templates", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let olivia = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "operations-olivia-first-touch")
        .unwrap();
    assert_eq!(olivia["kind"], "outreach");
    assert_eq!(olivia["personas"][0], "operations-olivia");
    assert_eq!(persona(&ws, &["validate"]).code, 0);
}

#[test]
fn validate_reports_broken_matrix_references_and_templates() {
    let (_dir, ws) = demo();
    let olivia = ws.join("icps/independent-outdoor-retail/personas/operations-olivia.toml");
    let text = fs::read_to_string(&olivia).unwrap();
    fs::write(
        &olivia,
        text.replace("pain = \"monday-stock-count\"", "pain = \"monday-stock\"")
            .replace(
                "customers = [\"Basecamp Gear\"]",
                "customers = [\"Basecamp Gearz\"]",
            ),
    )
    .unwrap();
    fs::write(ws.join("templates/outreach/bad.toml"), BROKEN).unwrap();
    let run = persona(&ws, &["validate"]);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    let pain_line = fs::read_to_string(&olivia)
        .unwrap()
        .lines()
        .position(|l| l == "pain = \"monday-stock\"")
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "icps/independent-outdoor-retail/personas/operations-olivia.toml:{pain_line}:1: persona `operations-olivia` messaging row 1 refers to pain `monday-stock`"
        )),
        "{out}"
    );
    assert!(
        out.contains("messaging row 2 cites `Basecamp Gearz`"),
        "{out}"
    );
    assert!(
        out.contains("templates/outreach/bad.toml:4:34: `{{` opens a token"),
        "{out}"
    );
    assert!(
        out.contains("templates/outreach/bad.toml:8:1: unknown token `{{ persona.key_mesage }}`"),
        "{out}"
    );
}

#[test]
fn the_matrix_is_exported_with_its_evidence() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["show", "operations-olivia"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    let table = md
        .split("## Messaging matrix\n\n")
        .nth(1)
        .expect("a matrix section");
    let rows: Vec<&str> = table.lines().take_while(|l| l.starts_with('|')).collect();
    assert_eq!(
        rows[0],
        "| Pain | Value | Proof | Evidence | Call to action | Stage |"
    );
    assert_eq!(rows.len(), 5, "{table}");
    // The pain by reference: the card's own words.
    assert!(rows[2].starts_with("| Half of every Monday spent matching till and web shop stock |"));
    assert!(
        rows[2].contains("backed by 1 interview[^operations-olivia-"),
        "{}",
        rows[2]
    );
    assert!(
        rows[2].contains("; best customer: Acme Outdoor |"),
        "{}",
        rows[2]
    );
    assert!(rows[4].contains("| *assumption* |"), "{}", rows[4]);
    assert!(rows[4].ends_with("| decision |"));
    // The outreach template is messaging copy, not a claim.
    let claims = md.lines().find(|l| l.starts_with("Evidence: ")).unwrap();
    assert_eq!(
        claims,
        "Evidence: 20 of 28 claims are backed by interviews; 8 are assumptions."
    );
    let template = md.split("### Outreach template\n\n").nth(1).unwrap();
    assert!(
        !template
            .split("\n\n##")
            .next()
            .unwrap()
            .contains("assumption"),
        "{template}"
    );
}

#[test]
fn persona_files_with_a_matrix_load_and_save_unchanged() {
    let (_dir, ws) = demo();
    let mut store = FsStore::new(&ws);
    let loaded = store.load().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let olivia = loaded.workspace.persona("operations-olivia").unwrap();
    assert_eq!(olivia.messaging.len(), 3);
    assert!(olivia.rules.job_title.contains(&"operations".to_string()));
    let path = ws.join("icps/independent-outdoor-retail/personas/operations-olivia.toml");
    store.save_persona(olivia).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\n[match]\njob_title = ["), "{saved}");
    assert!(
        saved.contains("\n[[messaging]]\npain = \"monday-stock-count\"\nvalue = "),
        "{saved}"
    );
    assert!(saved.contains("id = \"monday-stock-count\""), "{saved}");
    // Saved once in the canonical order, an unchanged persona stays byte for byte.
    let again = FsStore::new(&ws).load().unwrap();
    let reloaded = again.workspace.persona("operations-olivia").unwrap();
    assert_eq!(reloaded, olivia);
    let mut store = FsStore::new(&ws);
    store.load().unwrap();
    store.save_persona(reloaded).unwrap();
    assert!(
        fs::read_to_string(&path).unwrap() == saved,
        "re-saving changed the file"
    );
    // A persona file from before the matrix still loads.
    let old = "schema = 1\nname = \"Old\"\ntemplate = \"b2b-decision-maker\"\n\n[[fields.pain_points]]\ntext = \"Slow\"\n";
    fs::write(
        ws.join("icps/independent-outdoor-retail/personas/old.toml"),
        old,
    )
    .unwrap();
    let loaded = FsStore::new(&ws).load().unwrap();
    let old = loaded.workspace.persona("old").unwrap();
    assert!(old.messaging.is_empty() && old.rules.is_empty());
}

#[test]
fn the_token_syntax_round_trips_through_the_parser() {
    // Text without tokens comes back as it went in; tokens keep their source.
    let text = "Hi {{ first_name | default: \"there\" }}, 増田 🚀 {≈ 20} {{pain}}";
    let parsed = token::parse(text).unwrap();
    let back: String = parsed
        .parts
        .iter()
        .map(|p| match p {
            token::Part::Text(t) => t.clone(),
            token::Part::Token(t) => t.source.clone(),
        })
        .collect();
    assert_eq!(back, text);
}
