//! `persona outcomes import` and `persona report` on exports shaped like
//! the real ones (HubSpot deals, lemlist activities and campaign leads,
//! a Mailchimp campaign report): the rates printed are recomputed here
//! independently from the same files, a second import changes nothing, and
//! no e-mail, name or company reaches the workspace.

mod cli_support;
mod outcomes_support;

use cli_support::{demo, persona};
use outcomes_support::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Default, Debug)]
struct Deals {
    deals: u64,
    won: u64,
    lost: u64,
    amount: f64,
    cycles: Vec<i64>,
}

/// The HubSpot deals export, per persona (the Buyer Persona column).
fn deals_by_persona() -> BTreeMap<Option<String>, Deals> {
    let ids = |name: &str| match name {
        "Operations Olivia" => Some("operations-olivia".to_string()),
        "Finance Frank" => Some("finance-frank".to_string()),
        "" => None,
        other => panic!("unexpected persona {other}"),
    };
    let mut out: BTreeMap<Option<String>, Deals> = BTreeMap::new();
    for row in rows("hubspot-deals.csv") {
        // A deal without a Buyer Persona gets one from the demo's match
        // rules on its Contact Job Title: every such row here is a
        // "Store Owner", and "owner" is in Founder Felix's titles.
        let persona = match row["Buyer Persona"].as_str() {
            "" if row["Contact Job Title"] == "Store Owner" => Some("founder-felix".to_string()),
            "" => panic!("unexpected title {}", row["Contact Job Title"]),
            name => ids(name),
        };
        let d = out.entry(persona).or_default();
        d.deals += 1;
        match row["Deal Stage"].as_str() {
            "Closed won" => {
                d.won += 1;
                d.amount += row["Amount"].parse::<f64>().unwrap();
                let cycle = day(&row["Close Date"]) - day(&row["Create Date"]);
                d.cycles.push(cycle.get_days() as i64);
            }
            "Closed lost" => d.lost += 1,
            _ => {}
        }
    }
    out
}

fn median(mut values: Vec<i64>) -> Option<f64> {
    values.sort();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

#[derive(Default, Debug)]
struct Mail {
    delivered: u64,
    opened: u64,
    clicked: u64,
    replied: u64,
}

/// The lemlist activity export per campaign: each person once.
fn lemlist_by_campaign() -> BTreeMap<String, Mail> {
    let mut people: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for row in rows("lemlist-activities.csv") {
        people
            .entry((row["campaignName"].clone(), row["leadEmail"].clone()))
            .or_default()
            .insert(row["type"].clone());
    }
    let mut out: BTreeMap<String, Mail> = BTreeMap::new();
    for ((campaign, _), types) in people {
        let has = |t: &str| types.contains(t);
        let reacted = [
            "emailsOpened",
            "emailsClicked",
            "emailsReplied",
            "emailsInterested",
        ]
        .iter()
        .any(|t| has(t));
        let m = out.entry(campaign).or_default();
        if has("emailsBounced") && !reacted {
            continue;
        }
        m.delivered += 1;
        m.opened += u64::from(has("emailsOpened") || has("emailsClicked"));
        m.clicked += u64::from(has("emailsClicked"));
        m.replied += u64::from(has("emailsReplied") || has("emailsInterested"));
    }
    out
}

#[test]
fn report_rates_match_a_recount_of_the_hubspot_lemlist_and_mailchimp_files() {
    let (_dir, ws) = demo();
    let run = import(&ws, "hubspot-deals.csv", "hubspot-deals", &[]);
    assert!(
        run.stdout.starts_with("Imported 72 deals from"),
        "{}",
        run.stdout
    );
    // The ICP whose rules read none of the file's fields is named in one
    // short note; the columns are listed once, as read.
    assert!(
        run.stdout.contains("were not scored for a tier")
            && !run.stdout.contains("its columns are"),
        "{}",
        run.stdout
    );
    let run = import(&ws, "lemlist-activities.csv", "lemlist", &[]);
    assert!(run.stdout.contains("people ("), "{}", run.stdout);
    import(&ws, "mailchimp-campaigns.csv", "mailchimp", &[]);
    let report = report_json(&ws, &[]);
    let text = persona(&ws, &["report"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout.contains("Apple Mail Privacy Protection"),
        "{}",
        text.stdout
    );

    // Deals per persona, and every deal counted once (none lost to a
    // missing persona: those are the null line).
    let expected = deals_by_persona();
    let mut deals_total = 0;
    for (persona_id, d) in &expected {
        let got = line(&report["personas"], "persona", persona_id.as_deref());
        assert_eq!(got["deals"], d.deals, "{persona_id:?}");
        assert_eq!(got["won"], d.won, "{persona_id:?}");
        assert_eq!(got["lost"], d.lost, "{persona_id:?}");
        let closed = d.won + d.lost;
        assert!(close(
            got["win_rate"].as_f64().unwrap(),
            d.won as f64 / closed as f64
        ));
        assert_eq!(got["samples"]["win_rate"], closed);
        assert!(close(
            got["average_deal_size"].as_f64().unwrap(),
            (d.amount / d.won as f64 * 100.0).round() / 100.0
        ));
        assert_eq!(got["median_cycle_days"].as_f64(), median(d.cycles.clone()));
        deals_total += d.deals;
        // The printed table shows the same rate beside its sample.
        let name = match persona_id.as_deref() {
            Some("operations-olivia") => "Operations Olivia",
            Some("finance-frank") => "Finance Frank",
            Some("founder-felix") => "Founder Felix",
            _ => "(no persona)",
        };
        let rate = printed(d.won, closed);
        assert!(
            text.stdout
                .lines()
                .any(|l| l.starts_with(name) && l.contains(&rate)),
            "{name} {rate} in\n{}",
            text.stdout
        );
    }
    assert_eq!(deals_total, 72);
    assert_eq!(report["total"]["deals"], 72);

    // lemlist per campaign (the demo's outreach templates by name).
    for (campaign, m) in lemlist_by_campaign() {
        let key = match campaign.as_str() {
            "Operations Olivia: first touch" => "operations-olivia-first-touch",
            "Finance Frank: first touch" => "finance-frank-first-touch",
            other => other,
        };
        let got = line(&report["templates"], "template", Some(key));
        assert_eq!(got["delivered"], m.delivered, "{campaign}");
        assert!(close(
            got["reply_rate"].as_f64().unwrap(),
            m.replied as f64 / m.delivered as f64
        ));
        assert!(close(
            got["open_rate"].as_f64().unwrap(),
            m.opened as f64 / m.delivered as f64
        ));
        assert!(close(
            got["click_rate"].as_f64().unwrap(),
            m.clicked as f64 / m.delivered as f64
        ));
        assert_eq!(got["samples"]["reply_rate"], m.delivered);
        // lemlist's activities have no meetings: not tracked, not 0%.
        assert!(got["meeting_rate"].is_null());
        let rate = printed(m.replied, m.delivered);
        assert!(text.stdout.contains(&rate), "{rate} in\n{}", text.stdout);
    }

    // Mailchimp: unique opens of successful deliveries; replies not tracked.
    let mut delivered = 0;
    let mut opened = 0;
    for row in rows("mailchimp-campaigns.csv") {
        if row["Title"] == "Click-and-Collect Chloe: reserve in store" {
            delivered += row["Successful Deliveries"].parse::<u64>().unwrap();
            opened += row["Unique Opens"].parse::<u64>().unwrap();
        }
    }
    let chloe = line(
        &report["templates"],
        "template",
        Some("click-and-collect-chloe-reserve"),
    );
    assert_eq!(chloe["delivered"], delivered);
    assert!(close(
        chloe["open_rate"].as_f64().unwrap(),
        opened as f64 / delivered as f64
    ));
    assert!(chloe["reply_rate"].is_null());
    assert_eq!(chloe["samples"]["reply_rate"], 0);
    // The campaign's outreach template is Chloe's, so its people are hers.
    let her = line(
        &report["personas"],
        "persona",
        Some("click-and-collect-chloe"),
    );
    assert_eq!(her["delivered"], delivered);
}

#[test]
fn a_second_import_of_the_same_file_changes_nothing() {
    let (dir, ws) = demo();
    import(&ws, "hubspot-deals.csv", "hubspot-deals", &[]);
    let before = files(&ws);
    let again = import(&ws, "hubspot-deals.csv", "hubspot-deals", &[]);
    assert!(
        again.stdout.contains("was already imported"),
        "{}",
        again.stdout
    );
    assert_eq!(files(&ws), before);
    // The same bytes under another name are the same import.
    let copy = dir.path().join("deals-copy.csv");
    std::fs::copy(data("hubspot-deals.csv"), &copy).unwrap();
    let run = persona(
        &ws,
        &[
            "outcomes",
            "import",
            copy.to_str().unwrap(),
            "--source",
            "hubspot-deals",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("was already imported"),
        "{}",
        run.stdout
    );
    assert_eq!(files(&ws), before);
    assert_eq!(report_json(&ws, &[])["total"]["deals"], 72);
}

/// Every file of a workspace and its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn no_email_name_or_company_of_the_inputs_reaches_the_workspace() {
    let (_dir, ws) = demo();
    let before = files(&ws);
    import(&ws, "hubspot-deals.csv", "hubspot-deals", &[]);
    import(&ws, "lemlist-activities.csv", "lemlist", &[]);
    import(
        &ws,
        "lemlist-leads-october.csv",
        "lemlist",
        &["--as-of", "2026-10-01"],
    );
    import(&ws, "mailchimp-campaigns.csv", "mailchimp", &[]);
    let written: Vec<(PathBuf, String)> = files(&ws)
        .into_iter()
        .filter(|(path, bytes)| before.get(path) != Some(bytes))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect();
    assert_eq!(written.len(), 4, "one snapshot per import: {written:?}");
    let mut personal: BTreeSet<String> = BTreeSet::new();
    for row in rows("hubspot-deals.csv") {
        for column in [
            "Record ID",
            "Deal Name",
            "Associated Company",
            "Associated Contact",
            "Deal owner",
        ] {
            personal.insert(row[column].clone());
        }
        let contact = &row["Associated Contact"];
        let (name, email) = contact.split_once(" (").unwrap();
        personal.insert(name.to_string());
        personal.insert(email.trim_end_matches(')').to_string());
    }
    for row in rows("lemlist-activities.csv") {
        for column in ["leadEmail", "leadId", "leadCompanyName", "_id"] {
            personal.insert(row[column].clone());
        }
        personal.insert(format!("{} {}", row["leadFirstName"], row["leadLastName"]));
    }
    for row in rows("lemlist-leads-october.csv") {
        for column in ["email", "companyName", "linkedinUrl"] {
            personal.insert(row[column].clone());
        }
        personal.insert(format!("{} {}", row["firstName"], row["lastName"]));
    }
    // The one free-text lost reason tells a story about a person.
    personal.insert("moved to another company".into());
    personal.retain(|p| !p.is_empty());
    assert!(personal.len() > 400, "{}", personal.len());
    for (path, text) in &written {
        assert!(path.starts_with(ws.join("metrics")), "{}", path.display());
        for value in &personal {
            assert!(
                !text.contains(value.as_str()),
                "{} holds `{value}`",
                path.display()
            );
        }
    }
}

#[test]
fn bad_input_gets_one_sentence_and_writes_nothing() {
    let (dir, ws) = demo();
    // No outcomes yet.
    let run = persona(&ws, &["report"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no outcomes to report yet"),
        "{}",
        run.stderr
    );
    // A missing file, a file of another tool, a cell that says nothing.
    let run = persona(
        &ws,
        &["outcomes", "import", "nope.csv", "--source", "lemlist"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("nope.csv: there is no such file"),
        "{}",
        run.stderr
    );
    let deals = data("hubspot-deals.csv");
    let run = persona(
        &ws,
        &["outcomes", "import", &deals, "--source", "mailchimp"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("hubspot-deals.csv: it does not look like a Mailchimp export"),
        "{}",
        run.stderr
    );
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Email,Campaign,Replied\na@x.example,Q4,yes\nb@x.example,Q4,perhaps\n",
    )
    .unwrap();
    let run = persona(
        &ws,
        &[
            "outcomes",
            "import",
            bad.to_str().unwrap(),
            "--source",
            "generic",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("bad.csv: line 3: the replied column holds `perhaps`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
    assert!(!ws.join("metrics").exists());
    // Unknown ids and usage.
    let run = persona(
        &ws,
        &[
            "outcomes",
            "import",
            &deals,
            "--source",
            "hubspot-deals",
            "--icp",
            "nope",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nope"), "{}", run.stderr);
    let run = persona(
        &ws,
        &["outcomes", "import", &deals, "--source", "salesforce"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = persona(&ws, &["report", "--since", "last week"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    import(&ws, "hubspot-deals.csv", "hubspot-deals", &[]);
    let run = persona(&ws, &["report", "--icp", "nope"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no ICP with the id `nope`"),
        "{}",
        run.stderr
    );
    // A broken snapshot is named; the rest still reports, exit 1.
    std::fs::write(ws.join("metrics/broken.toml"), "schema = 1\ncells = [").unwrap();
    let run = persona(&ws, &["report"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("Deals per persona"), "{}", run.stdout);
    assert!(
        run.stderr.contains("metrics/broken.toml:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_dry_run_writes_nothing_and_says_what_it_read() {
    let (_dir, ws) = demo();
    let run = import(
        &ws,
        "lemlist-activities.csv",
        "lemlist",
        &["--dry-run", "--json"],
    );
    let summary: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["dry_run"], true);
    assert!(summary["snapshot"].is_null());
    assert_eq!(summary["rows"], rows("lemlist-activities.csv").len() as u64);
    assert_eq!(summary["untracked"], serde_json::json!(["meetings"]));
    assert!(
        summary["columns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["column"] == "persona" && c["read_as"] == "persona")
    );
    assert!(!ws.join("metrics").exists());
    let listed = persona(&ws, &["outcomes", "list"]);
    assert_eq!(listed.code, 0);
    assert!(
        listed.stderr.contains("No outcomes imported yet"),
        "{}",
        listed.stderr
    );
}
