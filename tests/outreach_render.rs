//! `persona outreach render` on lead exports shaped like Apollo's and
//! HubSpot's: every lead gets a fully filled message or a line in the
//! skipped file with its reason; nothing blank, no raw token, nothing a
//! spreadsheet would run.

mod cli_support;

use cli_support::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/outreach")
        .join(name)
        .display()
        .to_string()
}

/// A CSV file as header and rows of cells by header.
fn read_csv(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    (headers, rows)
}

/// Data rows of a lead file (for counting).
fn lead_count(path: &str) -> usize {
    read_csv(Path::new(path)).1.len()
}

struct Rendered {
    run: Run,
    merge: (Vec<String>, Vec<BTreeMap<String, String>>),
    skipped: (Vec<String>, Vec<BTreeMap<String, String>>),
}

fn render(ws: &Path, dir: &Path, template: &str, leads: &str, extra: &[&str]) -> Rendered {
    let out: PathBuf = dir.join("merge.csv");
    let skipped: PathBuf = dir.join("skipped.csv");
    let mut args = vec![
        "outreach",
        "render",
        template,
        leads,
        "--out",
        out.to_str().unwrap(),
        "--skipped",
        skipped.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = persona(ws, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    Rendered {
        run,
        merge: read_csv(&out),
        skipped: read_csv(&skipped),
    }
}

/// What must hold of every merge file: each message whole, nothing blank,
/// no token left, no formula, no control character.
fn assert_clean(rendered: &Rendered, subject: &str, body: &str) {
    for row in &rendered.merge.1 {
        for (column, cell) in row {
            assert!(
                !cell.contains("{{") && !cell.contains("}}"),
                "{column}: {cell}"
            );
            assert!(
                !cell.chars().any(|c| c.is_control() && c != '\n'),
                "{column}: {cell:?}"
            );
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{column} could run as a formula: {cell}"
            );
        }
        for column in [subject, body] {
            assert!(!row[column].trim().is_empty(), "blank {column} in {row:?}");
        }
        assert!(!row[body].contains("\n\n\n"), "{}", row[body]);
    }
    for row in &rendered.skipped.1 {
        assert!(!row["reason"].trim().is_empty(), "{row:?}");
        assert!(row["line"].parse::<usize>().unwrap() >= 2);
    }
}

#[test]
fn apollo_export_every_lead_rendered_or_skipped_with_a_reason() {
    let (dir, ws) = demo();
    let leads = data("apollo-people.csv");
    let r = render(
        &ws,
        dir.path(),
        "operations-olivia-first-touch",
        &leads,
        &[],
    );
    assert_clean(&r, "subject", "body");
    assert_eq!(
        r.merge.0,
        [
            "email",
            "first_name",
            "last_name",
            "company",
            "job_title",
            "persona",
            "template",
            "tier",
            "subject",
            "body"
        ]
    );
    assert_eq!(r.merge.1.len() + r.skipped.1.len(), lead_count(&leads));

    let by_email = |email: &str| r.merge.1.iter().find(|row| row["email"] == email);
    let dana = by_email("dana.whitfield@acmeoutdoor.example").unwrap();
    // Apollo's "Company Name for Emails" is the name a message uses.
    assert_eq!(dana["company"], "Acme Outdoor");
    assert_eq!(dana["subject"], "Acme Outdoor and the Monday stock count");
    assert!(
        dana["body"].starts_with("Hi Dana,\n\nMost outdoor shops"),
        "{}",
        dana["body"]
    );
    // The matrix row for the template's stage, with its proof.
    assert!(dana["body"].contains(
        "We keep every till and the web shop on one live stock count, so Monday is for selling again. Acme Outdoor stopped their Monday recount"
    ));
    assert_eq!(dana["persona"], "operations-olivia");
    // No first name (blank, or Apollo's "N/A"): the default greets them.
    for email in ["ops@granitepeak.example", "hale@pineandpack.example"] {
        assert!(
            by_email(email).unwrap()["body"].starts_with("Hi there,"),
            "{email}"
        );
    }
    // CJK names and a company name split over two lines.
    assert!(by_email("misaki@yama.example").unwrap()["body"].starts_with("Hi 増田,"));
    assert_eq!(
        by_email("ana@trailtide.example").unwrap()["company"],
        "Trail & Tide Outfitters"
    );

    let reason = |line: &str| {
        r.skipped
            .1
            .iter()
            .find(|row| row["line"] == line)
            .map(|row| row["reason"].clone())
            .unwrap_or_else(|| panic!("line {line} not skipped: {:?}", r.skipped.1))
    };
    assert_eq!(
        reason("4"),
        "matched persona `finance-frank`, which this template is not for"
    );
    assert_eq!(
        reason("6"),
        "no company for `{{ company }}`, which has no default"
    );
    assert!(
        reason("7").starts_with(
            "no persona: no persona's match rules fit job title \"Marketing Manager\""
        )
    );
    // "Assistant" rules the operations persona out.
    assert!(reason("8").contains("Assistant Store Manager"));
    assert!(
        reason("10").contains("is a spreadsheet formula, not a value"),
        "{}",
        reason("10")
    );
    assert_eq!(
        reason("12"),
        "same e-mail address as line 2, which already has a message"
    );
    assert_eq!(reason("13"), "no e-mail address to send to");
    // The ICP's scoring rules out rental shops, whoever the lead is.
    assert_eq!(
        reason("17"),
        "disqualified: mainly a rental shop, which needs serial-number tracking"
    );
    // The tier of each lead comes from the ICP's scoring.
    assert_eq!(dana["tier"], "A");
    assert_eq!(by_email("ana@trailtide.example").unwrap()["tier"], "C");

    assert!(
        r.run.stderr.contains("Rendered 6 messages from 15 leads"),
        "{}",
        r.run.stderr
    );
    assert!(r.run.stderr.contains("no persona fits"), "{}", r.run.stderr);
}

#[test]
fn hubspot_export_uses_its_persona_column_and_its_own_column_names() {
    let (dir, ws) = demo();
    let leads = data("hubspot-contacts.csv");
    let r = render(
        &ws,
        dir.path(),
        "operations-olivia-first-touch",
        &leads,
        &["--format", "hubspot"],
    );
    assert_clean(&r, "Outreach Subject", "Outreach Body");
    assert_eq!(
        r.merge.0,
        [
            "Email",
            "First Name",
            "Last Name",
            "Company Name",
            "Job Title",
            "Outreach Persona",
            "Outreach Template",
            "Fit Tier",
            "Outreach Subject",
            "Outreach Body"
        ]
    );
    assert_eq!(r.merge.1.len() + r.skipped.1.len(), lead_count(&leads));
    let emails: Vec<&str> = r.merge.1.iter().map(|row| row["Email"].as_str()).collect();
    // "Buyer" fits no rule, but HubSpot's Persona column says Olivia.
    assert!(emails.contains(&"jo@granitepeak.example"), "{emails:?}");
    // An unknown persona value falls back to the rules ("General Manager").
    assert!(emails.contains(&"maya@pineandpack.example"), "{emails:?}");
    // The persona column can also send a lead elsewhere.
    assert!(
        r.skipped
            .1
            .iter()
            .any(|row| row["email"] == "oskar@fjell.example"
                && row["reason"]
                    == "matched persona `finance-frank`, which this template is not for")
    );
    // A terminal escape in a job title never reaches the file.
    let rae = r
        .merge
        .1
        .iter()
        .find(|row| row["Email"] == "rae@ridgeline.example")
        .unwrap();
    assert_eq!(rae["Job Title"], "Ops Coordinator[31m");
    // A first name that starts like a formula is neutralised, not dropped.
    let admin = r
        .merge
        .1
        .iter()
        .find(|row| row["Email"] == "null@trailhead.example")
        .unwrap();
    assert_eq!(admin["First Name"], "'@admin");
    assert!(
        r.run.stderr.contains("{{ contact.outreach_body }}"),
        "{}",
        r.run.stderr
    );
}

#[test]
fn every_format_names_its_columns_and_carries_the_same_messages() {
    let (dir, ws) = demo();
    let leads = data("apollo-people.csv");
    let plain = render(
        &ws,
        dir.path(),
        "operations-olivia-first-touch",
        &leads,
        &[],
    );
    for (format, email, subject, body) in [
        ("lemlist", "email", "subject", "body"),
        ("instantly", "email", "subject", "body"),
        ("apollo", "Email", "Outreach Subject", "Outreach Body"),
        ("hubspot", "Email", "Outreach Subject", "Outreach Body"),
    ] {
        let r = render(
            &ws,
            dir.path(),
            "operations-olivia-first-touch",
            &leads,
            &["--format", format],
        );
        assert_clean(&r, subject, body);
        assert_eq!(r.merge.1.len(), plain.merge.1.len(), "{format}");
        for (row, same) in r.merge.1.iter().zip(&plain.merge.1) {
            assert_eq!(row[email], same["email"], "{format}");
            assert_eq!(row[subject], same["subject"], "{format}");
            assert_eq!(row[body], same["body"], "{format}");
        }
    }
    // Each tool's own column names lead its file.
    for (format, first) in [
        (
            "lemlist",
            &["email", "firstName", "lastName", "companyName"][..],
        ),
        (
            "instantly",
            &["email", "first_name", "last_name", "company_name"],
        ),
        (
            "apollo",
            &["Email", "First Name", "Last Name", "Company", "Title"],
        ),
    ] {
        let r = render(
            &ws,
            dir.path(),
            "operations-olivia-first-touch",
            &leads,
            &["--format", format],
        );
        assert_eq!(&r.merge.0[..first.len()], first, "{format}");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (dir, ws) = demo();
    let leads = data("apollo-people.csv");
    render(
        &ws,
        dir.path(),
        "operations-olivia-first-touch",
        &leads,
        &[],
    );
    let first = fs::read(dir.path().join("merge.csv")).unwrap();
    render(
        &ws,
        dir.path(),
        "operations-olivia-first-touch",
        &leads,
        &[],
    );
    assert_eq!(fs::read(dir.path().join("merge.csv")).unwrap(), first);
}

#[test]
fn without_out_the_merge_file_goes_to_stdout() {
    let (_dir, ws) = demo();
    let run = persona(
        &ws,
        &[
            "outreach",
            "render",
            "finance-frank-first-touch",
            &data("apollo-people.csv"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Only the finance lead (Priya, Finance Director).
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(&rows[0][column("persona")], "finance-frank");
    // Persona values fill in: Frank's key message is in the body.
    assert!(rows[0][column("body")].contains("a month-end stock value that posts itself"));
    assert!(run.stderr.contains("pass --skipped FILE"), "{}", run.stderr);
}

#[test]
fn a_whole_file_of_one_persona_with_persona() {
    let (dir, ws) = demo();
    let leads = data("apollo-people.csv");
    let r = render(
        &ws,
        dir.path(),
        "operations-olivia-first-touch",
        &leads,
        &["--persona", "operations-olivia"],
    );
    // The marketing manager and the founder are now Olivias too; the
    // leads without a company or an e-mail are still skipped.
    assert!(
        r.merge
            .1
            .iter()
            .any(|row| row["email"] == "rosa@trailheadsupply.example")
    );
    assert!(
        r.skipped
            .1
            .iter()
            .all(|row| !row["reason"].starts_with("no persona"))
    );
    let wrong = persona(
        &ws,
        &[
            "outreach",
            "render",
            "operations-olivia-first-touch",
            &leads,
            "--persona",
            "finance-frank",
        ],
    );
    assert_eq!(wrong.code, 1);
    assert!(
        wrong.stderr.contains("is not for persona `finance-frank`"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn mistakes_are_refused_with_one_sentence() {
    let (dir, ws) = demo();
    let leads = data("apollo-people.csv");
    let broken = dir.path().join("broken.toml");
    fs::write(
        &broken,
        "name = \"Broken\"\npersonas = [\"operations-olivia\"]\nsubject = \"Hi\"\nbody = \"\"\"\nHi {{ firstName }},\n{{ company\n\"\"\"\n",
    )
    .unwrap();
    let run = persona(
        &ws,
        &["outreach", "render", broken.to_str().unwrap(), &leads],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("broken.toml:6:1: `{{` opens a token"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing was rendered"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());

    fs::write(
        &broken,
        "name = \"Broken\"\npersonas = [\"operations-olivia\"]\nsubject = \"Hi\"\nbody = \"Hi {{ firstName }}\"\n",
    )
    .unwrap();
    let run = persona(
        &ws,
        &["outreach", "render", broken.to_str().unwrap(), &leads],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "broken.toml:4:12: unknown token `{{ firstName }}`: did you mean `{{ first_name }}`?"
        ),
        "{}",
        run.stderr
    );

    // A template for every persona spans both ICPs: tiers need --icp.
    let anyone = dir.path().join("anyone.toml").display().to_string();
    fs::write(
        &anyone,
        "name = \"Anyone\"\nsubject = \"Hi\"\nbody = \"Hi {{ first_name | default: 'there' }}\"\n",
    )
    .unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["nope", &leads], "there is no outreach template `nope`"),
        (
            &["operations-olivia-first-touch", "/no/such/leads.csv"],
            "could not read /no/such/leads.csv",
        ),
        (
            &["operations-olivia-first-touch", &leads, "--out", &leads],
            "is the lead file itself",
        ),
        (&[&anyone, &leads, "--tier", "A"], "pass --icp ID"),
        (
            &["operations-olivia-first-touch", &leads, "--icp", "nowhere"],
            "there is no ICP `nowhere`",
        ),
        (
            &[
                "operations-olivia-first-touch",
                &leads,
                "--icp",
                "dtc-multichannel-brands",
            ],
            "not ICP `dtc-multichannel-brands`",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["outreach", "render"];
        all.extend_from_slice(args);
        let run = persona(&ws, &all);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    let bad_format = persona(
        &ws,
        &[
            "outreach",
            "render",
            "operations-olivia-first-touch",
            &leads,
            "--format",
            "mailchimp",
        ],
    );
    assert_eq!(bad_format.code, 2, "{}", bad_format.stderr);
    // The lead file was never touched.
    assert_eq!(lead_count(&leads), 15);
}

#[test]
fn tiers_come_from_the_icp_scoring() {
    let (dir, ws) = demo();
    let leads = data("apollo-people.csv");
    let r = render(
        &ws,
        dir.path(),
        "operations-olivia-first-touch",
        &leads,
        &["--tier", "a", "--icp", "independent-outdoor-retail"],
    );
    assert_clean(&r, "subject", "body");
    let emails: Vec<&str> = r.merge.1.iter().map(|row| row["email"].as_str()).collect();
    assert_eq!(
        emails,
        [
            "dana.whitfield@acmeoutdoor.example",
            "sam@ridgelinesports.example",
            "ops@granitepeak.example",
            "misaki@yama.example"
        ]
    );
    assert!(r.merge.1.iter().all(|row| row["tier"] == "A"));
    let skipped = |email: &str| {
        r.skipped
            .1
            .iter()
            .find(|row| row["email"] == email)
            .unwrap()["reason"]
            .clone()
    };
    assert_eq!(skipped("ana@trailtide.example"), "tier C is not among A");
    assert_eq!(skipped("hale@pineandpack.example"), "tier C is not among A");
    assert_eq!(r.merge.1.len() + r.skipped.1.len(), lead_count(&leads));

    // A template for some segments only: the scoring file's segment ids.
    let olivia = ws.join("templates/outreach/operations-olivia-first-touch.toml");
    let text = fs::read_to_string(&olivia).unwrap();
    fs::write(
        &olivia,
        text.replace("stage = ", "segments = [\"lightspeed-stores\"]\nstage = "),
    )
    .unwrap();
    let r = render(
        &ws,
        dir.path(),
        "operations-olivia-first-touch",
        &leads,
        &[],
    );
    let emails: Vec<&str> = r.merge.1.iter().map(|row| row["email"].as_str()).collect();
    assert_eq!(emails, ["sam@ridgelinesports.example"], "{:?}", r.skipped.1);
    assert!(
        r.skipped
            .1
            .iter()
            .any(|row| row["email"] == "dana.whitfield@acmeoutdoor.example"
                && row["reason"] == "segment `shopify-chains` is not among lightspeed-stores")
    );
    assert!(
        r.skipped
            .1
            .iter()
            .any(|row| row["email"] == "hale@pineandpack.example"
                && row["reason"] == "fits none of the segments lightspeed-stores")
    );
}

#[test]
fn no_message_at_all_is_a_problem() {
    let (dir, ws) = demo();
    let leads = dir.path().join("nobody.csv");
    fs::write(
        &leads,
        "First Name,Title,Email\nAl,Barista,al@cafe.example\n",
    )
    .unwrap();
    let run = persona(
        &ws,
        &[
            "outreach",
            "render",
            "operations-olivia-first-touch",
            leads.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no lead of"), "{}", run.stderr);
    assert!(run.stderr.contains("1  no persona fits"), "{}", run.stderr);
}

#[test]
fn a_broken_lead_file_writes_nothing_and_replaces_nothing() {
    let (dir, ws) = demo();
    let leads = dir.path().join("broken.csv");
    fs::write(
        &leads,
        "First Name,Title,Company,Email\nDana,Head of Operations,Acme,dana@acme.example\nSam,\"Director of Ops,Ridgeline,sam@r.example\nLee,COO,Basecamp,lee@b.example\n",
    )
    .unwrap();
    let out = dir.path().join("merge.csv");
    fs::write(&out, "the previous merge file\n").unwrap();
    let run = persona(
        &ws,
        &[
            "outreach",
            "render",
            "operations-olivia-first-touch",
            leads.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("line 3: a quoted field is never closed"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "the previous merge file\n"
    );
    let left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn the_skipped_list_can_go_to_stdout() {
    let (dir, ws) = demo();
    let leads = data("apollo-people.csv");
    let out = dir.path().join("merge.csv");
    let run = persona(
        &ws,
        &[
            "outreach",
            "render",
            "operations-olivia-first-touch",
            &leads,
            "--out",
            out.to_str().unwrap(),
            "--skipped",
            "-",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("line,email,first_name,last_name,company,job_title,persona,reason\n")
    );
    assert_eq!(
        csv::Reader::from_reader(run.stdout.as_bytes())
            .records()
            .count(),
        9
    );
    let both = persona(
        &ws,
        &[
            "outreach",
            "render",
            "operations-olivia-first-touch",
            &leads,
            "--skipped",
            "-",
        ],
    );
    assert_eq!(both.code, 1);
    assert!(
        both.stderr.contains("cannot both be standard output"),
        "{}",
        both.stderr
    );
}
