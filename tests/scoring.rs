//! `persona score` and `persona explain` through the binary, on the demo's
//! rules and lead exports shaped like Apollo's and HubSpot's.

mod cli_support;

use cli_support::{demo, persona};
use std::fs;
use std::path::{Path, PathBuf};

const OUTDOOR: &str = "independent-outdoor-retail";

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn apollo() -> String {
    data("docs/examples/leads-apollo.csv").display().to_string()
}

fn hubspot() -> String {
    data("tests/data/scoring/hubspot-companies.csv")
        .display()
        .to_string()
}

/// A CSV's rows as header → value maps, in order.
fn rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

fn cell<'a>(headers: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = headers.iter().position(|h| h == name).unwrap();
    &row[i]
}

#[test]
fn an_apollo_export_gets_tiers_and_readable_reasons() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["score", OUTDOOR, &apollo(), "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (headers, body) = rows(&run.stdout);
    // Every input column first, as it was, then the five scoring columns.
    let input = fs::read_to_string(apollo()).unwrap();
    let (in_headers, in_rows) = rows(&input);
    assert_eq!(headers[..in_headers.len()], in_headers[..]);
    assert_eq!(
        headers[in_headers.len()..],
        [
            "fit_score",
            "fit_tier",
            "fit_reasons",
            "fit_unknown",
            "segment"
        ]
    );
    assert_eq!(body.len(), in_rows.len());
    for (out, input) in body.iter().zip(&in_rows) {
        assert_eq!(out[..input.len()], input[..]);
    }
    let summit = &body[0];
    assert_eq!(cell(&headers, summit, "fit_score"), "95");
    assert_eq!(cell(&headers, summit, "fit_tier"), "A");
    // The reasons start with a sign, so the cell carries the spreadsheet
    // guard; behind it they read as the marketer wants them.
    assert_eq!(
        cell(&headers, summit, "fit_reasons"),
        "'+25 industry is sporting goods; +15 employees 140 (20 to 200); +10 revenue 22000000 (5,000,000 to 40,000,000); \
         +10 country is United States; +15 tools include Shopify Plus; +10 tools include Shopify POS; +5 tools include Klaviyo; \
         +5 tools include NetSuite; +10 job title is Head of Operations; -10 tech stack capped at 25"
    );
    assert_eq!(cell(&headers, summit, "segment"), "shopify-chains");
    // A disqualifier wins over a high score.
    let rental = &body[1];
    assert_eq!(cell(&headers, rental, "fit_tier"), "disqualified");
    assert!(
        cell(&headers, rental, "fit_reasons")
            .starts_with("disqualified: mainly a rental shop, which needs serial-number tracking (industry is ski & snowboard rental)")
    );
    // Blanks are listed, never counted against the lead.
    let northfork = &body[5];
    assert_eq!(cell(&headers, northfork, "fit_score"), "45");
    assert_eq!(
        cell(&headers, northfork, "fit_unknown"),
        "employees; revenue; tools"
    );
    assert!(!cell(&headers, northfork, "fit_reasons").contains('-'));
    assert!(run.stderr.contains("Scored 12 leads"), "{}", run.stderr);
    assert!(
        run.stderr.contains("A 5, B 5, C 1, disqualified 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn same_input_same_bytes_and_the_default_file_beside_the_leads() {
    let (dir, ws) = demo();
    let leads = dir.path().join("leads.csv");
    fs::copy(apollo(), &leads).unwrap();
    let leads_arg = leads.display().to_string();
    let first = persona(&ws, &["score", OUTDOOR, &leads_arg]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let out = dir.path().join("leads.scored.csv");
    assert!(first.stderr.contains("Wrote"), "{}", first.stderr);
    let bytes = fs::read(&out).unwrap();
    // Run again: the earlier scored file is ours, so it is replaced, with
    // exactly the same bytes.
    let second = persona(&ws, &["score", OUTDOOR, &leads_arg]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(fs::read(&out).unwrap(), bytes);
    let stdout = persona(&ws, &["score", OUTDOOR, &leads_arg, "--out", "-"]);
    assert_eq!(stdout.stdout.as_bytes(), &bytes[..]);
    // Scoring the scored file replaces its scoring columns, never doubles them.
    let again = persona(
        &ws,
        &["score", OUTDOOR, &out.display().to_string(), "--out", "-"],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stdout.as_bytes(), &bytes[..]);
}

#[test]
fn output_is_safe_to_open_in_a_spreadsheet() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["score", OUTDOOR, &hubspot(), "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (headers, body) = rows(&run.stdout);
    let tiny = body
        .iter()
        .find(|r| cell(&headers, r, "Company name").contains("Tiny Tackle"))
        .unwrap();
    assert!(cell(&headers, tiny, "Company name").starts_with("'="));
    assert_eq!(cell(&headers, tiny, "fit_score"), "30");
    for row in &body {
        for value in row {
            let first = value.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '@'))
                    && (first != Some('-') || value.parse::<i64>().is_ok()),
                "{value}"
            );
        }
    }
    // HubSpot's headers: Number of Employees, Country/Region, Web Technologies.
    let summit = &body[0];
    assert!(cell(&headers, summit, "fit_reasons").contains("+15 employees 140 (20 to 200)"));
    assert!(cell(&headers, summit, "fit_reasons").contains("tools include Shopify Plus"));
    let ski = &body[2];
    assert_eq!(cell(&headers, ski, "fit_tier"), "disqualified");
    let granite = &body[1];
    assert_eq!(
        cell(&headers, granite, "fit_unknown"),
        "employees; revenue; tools; job_title"
    );
}

#[test]
fn json_gives_each_lead_with_its_reasons() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["score", OUTDOOR, &apollo(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let leads: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let leads = leads.as_array().unwrap();
    assert_eq!(leads.len(), 12);
    let summit = &leads[0];
    assert_eq!(summit["line"], 2);
    assert_eq!(summit["fit_score"], 95);
    assert_eq!(summit["fit_tier"], "A");
    assert_eq!(summit["fit_reasons"][0]["rule"], "outdoor-retail");
    assert_eq!(summit["fit_reasons"][0]["points"], 25);
    assert_eq!(summit["columns"]["Company"], "Summit Trail Outfitters");
    assert_eq!(
        leads[1]["disqualified"],
        "mainly a rental shop, which needs serial-number tracking"
    );
    assert_eq!(
        leads[5]["fit_unknown"],
        serde_json::json!(["employees", "revenue", "tools"])
    );
}

#[test]
fn explain_shows_every_rule_and_the_evidence_behind_it() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["explain", OUTDOOR, &apollo(), "--row", "6"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.starts_with("Lead 6 of "), "{out}");
    assert!(out.contains("(line 7): Northfork Paddle Supply"), "{out}");
    assert!(out.contains("Score 45: tier B (A from 60, B from 35, C below)"));
    // Every rule of the file, fired or not.
    for asks in [
        "✓       +25  industry contains outdoor, sporting, camping, ski or paddle",
        "?       +15  employees 20 to 200",
        "✗ rules out  industry contains rental or hire",
        "✓       +10  job title contains operations",
    ] {
        assert!(out.contains(asks), "{asks}\n{out}");
    }
    assert_eq!(out.matches("this lead:").count(), 12);
    // Quotes with who said them and when; customers; assumptions.
    assert!(out.contains(
        "“Every Monday I lose half a day matching stock between the tills and Shopify.” — Dana Whitfield, Head of Operations, Acme Outdoor, 2026-09-12"
    ));
    assert!(out.contains("holds for 5 of 5 best customers (Acme Outdoor, Basecamp Gear"));
    assert!(out.contains("best customer Basecamp Gear: Renewed in 2026"));
    assert!(out.contains("assumption: cites no quote or customer"));
    let json = persona(
        &ws,
        &["explain", OUTDOOR, &apollo(), "--row", "1", "--json"],
    );
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["fit_score"], 95);
    assert_eq!(value["rules"].as_array().unwrap().len(), 12);
    assert_eq!(
        value["rules"][0]["evidence"][0]["interviewee"],
        "Marcus Lee"
    );
    assert_eq!(value["capped"][0]["points"], -10);
    let beyond = persona(&ws, &["explain", OUTDOOR, &apollo(), "--row", "13"]);
    assert_eq!(beyond.code, 1);
    assert!(
        beyond
            .stderr
            .contains("has 12 leads, so there is no lead 13")
    );
    let zero = persona(&ws, &["explain", OUTDOOR, &apollo(), "--row", "0"]);
    assert_eq!(zero.code, 2);
}

fn write_rules(ws: &Path, text: &str) -> String {
    let path = ws.join("icps").join(OUTDOOR).join("scoring.toml");
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn bad_rules_and_files_get_one_clear_sentence() {
    let (dir, ws) = demo();
    // An unknown field names the file, the line and the lead file's columns.
    write_rules(
        &ws,
        "schema = 1\n\n[[rules]]\nid = \"stores\"\nfield = \"Store Count\"\nmin = 2\npoints = 10\n",
    );
    let run = persona(&ws, &["score", OUTDOOR, &apollo(), "--out", "-"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.starts_with(
            "error: icps/independent-outdoor-retail/scoring.toml:5: rule `stores` reads `Store Count`, which is neither a known field nor a column of"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`# Employees`, `Industry`"));
    // An operator that does not fit the field is refused when the file loads.
    write_rules(
        &ws,
        "schema = 1\n\n[[rules]]\nid = \"big\"\nfield = \"country\"\nmin = 2\npoints = 10\n",
    );
    let run = persona(&ws, &["score", OUTDOOR, &apollo()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "icps/independent-outdoor-retail/scoring.toml:5:1: rule `big` uses `min/max` on `country`, which is a country"
        ),
        "{}",
        run.stderr
    );
    let validate = persona(&ws, &["validate"]);
    assert_eq!(validate.code, 1);
    assert!(validate.stdout.contains("scoring.toml:5:1: rule `big`"));
    // A lead file with none of the rules' fields says so.
    write_rules(
        &ws,
        "schema = 1\n\n[[rules]]\nid = \"outdoor\"\nfield = \"industry\"\ncontains = \"outdoor\"\npoints = 10\n",
    );
    let emails = dir.path().join("emails.csv");
    fs::write(&emails, "Email,First Name\ndana@acme.example,Dana\n").unwrap();
    let run = persona(&ws, &["score", OUTDOOR, &emails.display().to_string()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("has none of the fields the rules of icps/independent-outdoor-retail/scoring.toml read (industry), so every lead would score 0"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("emails.scored.csv").exists());
    // No rules yet; no such ICP.
    fs::remove_file(ws.join("icps").join(OUTDOOR).join("scoring.toml")).unwrap();
    let run = persona(&ws, &["score", OUTDOOR, &apollo()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("has no scoring rules yet"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--suggest"));
    let run = persona(&ws, &["score", "independent-outdoor", &apollo()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("did you mean `independent-outdoor-retail`?")
    );
    let run = persona(&ws, &["score", OUTDOOR]);
    assert_eq!(run.code, 2);
}

#[test]
fn never_writes_over_a_file_it_did_not_write() {
    let (dir, ws) = demo();
    let leads = dir.path().join("leads.csv");
    fs::copy(apollo(), &leads).unwrap();
    let leads_arg = leads.display().to_string();
    let run = persona(&ws, &["score", OUTDOOR, &leads_arg, "--out", &leads_arg]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is the lead file itself"));
    let notes = dir.path().join("notes.csv");
    fs::write(&notes, "my,own\nfile,here\n").unwrap();
    let run = persona(
        &ws,
        &[
            "score",
            OUTDOOR,
            &leads_arg,
            "--out",
            &notes.display().to_string(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("already exists and is not a scored lead file")
    );
    assert_eq!(fs::read_to_string(&notes).unwrap(), "my,own\nfile,here\n");
    assert_eq!(
        fs::read_to_string(&leads).unwrap(),
        fs::read_to_string(apollo()).unwrap()
    );
    // A broken lead file writes nothing.
    let broken = dir.path().join("broken.csv");
    fs::write(
        &broken,
        "Company,Industry,Employees\nAcme,\"outdoor\nBeta,retail,5\n",
    )
    .unwrap();
    let run = persona(&ws, &["score", OUTDOOR, &broken.display().to_string()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(!dir.path().join("broken.scored.csv").exists());
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

#[test]
fn suggestions_are_written_for_review_and_never_applied() {
    let (_dir, ws) = demo();
    let rules = ws.join("icps").join(OUTDOOR).join("scoring.toml");
    let before = fs::read(&rules).unwrap();
    let run = persona(&ws, &["score", OUTDOOR, "--suggest"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was applied"), "{}", run.stderr);
    assert_eq!(fs::read(&rules).unwrap(), before);
    let suggested = ws.join("icps").join(OUTDOOR).join("scoring.suggested.toml");
    let text = fs::read_to_string(&suggested).unwrap();
    assert!(text.starts_with("# Candidate scoring rules for the ICP `independent-outdoor-retail`"));
    // The card's fit signals and disqualifiers, to complete by hand.
    assert!(
        text.contains("# label = \"Offers click-and-collect, or wants to\""),
        "{text}"
    );
    assert!(
        text.contains("# reason = \"A single store with no web shop\""),
        "{text}"
    );
    // Run again: our own file is replaced; someone else's is left alone.
    assert_eq!(persona(&ws, &["score", OUTDOOR, "--suggest"]).code, 0);
    fs::write(&suggested, "# my own notes\n").unwrap();
    let run = persona(&ws, &["score", OUTDOOR, "--suggest"]);
    assert_eq!(run.code, 1);
    assert_eq!(fs::read_to_string(&suggested).unwrap(), "# my own notes\n");
    // Without scoring rules, the suggestions start a file that loads.
    fs::remove_file(&rules).unwrap();
    fs::remove_file(&suggested).unwrap();
    assert_eq!(persona(&ws, &["score", OUTDOOR, "--suggest"]).code, 0);
    fs::copy(&suggested, &rules).unwrap();
    let run = persona(&ws, &["score", OUTDOOR, &apollo(), "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_demo_rules_cite_what_exists() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["validate"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for icp in [
        "independent-outdoor-retail",
        "dtc-multichannel-brands",
        "acme-outdoor-web-shoppers",
    ] {
        let text = fs::read_to_string(ws.join("icps").join(icp).join("scoring.toml")).unwrap();
        assert!(text.matches("cites = ").count() >= 5, "{icp}");
    }
}

#[test]
fn a_shopify_customers_export_scores_against_the_shoppers_icp() {
    let (_dir, ws) = demo();
    let file = data("tests/data/customers/acme_outdoor_shopify_export.csv")
        .display()
        .to_string();
    let run = persona(
        &ws,
        &["score", "acme-outdoor-web-shoppers", &file, "--out", "-"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (headers, body) = rows(&run.stdout);
    assert_eq!(body.len(), 320);
    // Shopify's columns: Default Address Province Code (CO is Colorado),
    // Default Address City, Tags, Accepts Email Marketing, Total Orders,
    // Total Spent.
    let first = &body[0];
    assert_eq!(cell(&headers, first, "Customer ID"), "'7023140000000");
    assert_eq!(cell(&headers, first, "fit_tier"), "A");
    assert_eq!(
        cell(&headers, first, "fit_reasons"),
        "'+15 region is CO; +15 city is Littleton; +20 tags include click-and-collect; +10 accepts marketing is yes; \
         +15 orders 16 (at least 5); +10 lifetime value 2044.16 (at least 500); -5 near a store capped at 25"
    );
    assert_eq!(cell(&headers, first, "segment"), "hikers");
    // A shopper without tags is never marked down for it.
    let untagged = &body[1];
    assert_eq!(cell(&headers, untagged, "fit_unknown"), "tags");
    assert!(run.stderr.contains("Scored 320 leads"), "{}", run.stderr);
}
