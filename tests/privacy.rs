//! `persona privacy` and `persona export --redact` through the built binary,
//! on notes shaped like real call notes, transcripts and CRM notes
//! (`tests/data/privacy/planted`) and on clean ones (`.../clean`).

mod cli_support;
mod markdown_support;

use cli_support::*;
use markdown_support::assert_well_formed;
use std::fs;
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/privacy")
        .join(name)
}

/// An empty workspace with the notes of `folder` imported.
fn imported(folder: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    assert_eq!(persona(&ws, &["init"]).code, 0);
    let run = persona(&ws, &["import-notes", data(folder).to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (dir, ws)
}

const HOLLIS: &str = "interviews/jose-alvarez-hollis-vane-discovery-call.toml";
const OTTER: &str = "interviews/interview-with-aoife-byrne-ops-lead-kilbride.toml";
const CRM: &str = "interviews/crm-note-hubspot-27-oct-2026-lukasz-wrobel-for.toml";

/// Every item planted in the notes: file, the words, the kind.
const PLANTED: &[(&str, &str, &str)] = &[
    (HOLLIS, "Renée Fournier", "name"),
    (HOLLIS, "Ingrid Halvorsen", "name"),
    (HOLLIS, "221B Baker Street", "address"),
    (HOLLIS, "+44 20 7946 0958", "phone"),
    (HOLLIS, "+44 7700 900123", "phone"),
    (HOLLIS, "jose.alvarez@hollisvane.co.uk", "email"),
    (HOLLIS, "Marta Nowak", "name"),
    (HOLLIS, "marta.nowak@hollisvane.co.uk", "email"),
    (HOLLIS, "10234", "order-number"),
    (HOLLIS, "INV-2026-0042", "order-number"),
    (HOLLIS, "C-004512", "order-number"),
    (HOLLIS, "Leopoldstraße 12", "address"),
    (HOLLIS, "Dr. Stefan Krüger", "name"),
    (HOLLIS, "(303) 555-0142", "phone"),
    // Aoife Byrne is this transcript's interviewee (found from its speaker
    // labels): her own name in her own notes is not reported.
    (OTTER, "Renée Fournier", "name"),
    (OTTER, "Chloé Martin", "name"),
    (OTTER, "+33 6 12 34 56 78", "phone"),
    (OTTER, "Søren Nielsen", "name"),
    (OTTER, "0045 32 12 34 56", "phone"),
    (OTTER, "soren@kilbride-candles.dk", "email"),
    (OTTER, "12 rue de la Paix", "address"),
    (OTTER, "cus_NffrFeUfNV2Hib", "order-number"),
    (OTTER, "+81 3-1234-5678", "phone"),
    (OTTER, "Mr. Tanaka", "name"),
    (CRM, "Łukasz Wróbel", "name"),
    (CRM, "Siobhán O'Connor", "name"),
    (CRM, "björn.åkesson@nordvik.se", "email"),
    (CRM, "+49 30 90182044", "phone"),
    (CRM, "(02) 9374 4000", "phone"),
    (CRM, "4000123456", "order-number"),
    (CRM, "PO Box 4471", "address"),
    (CRM, "siobhan [at] pacificgear [dot] com", "email"),
];

fn findings(ws: &Path) -> (i32, Vec<serde_json::Value>) {
    let run = persona(ws, &["privacy", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    (run.code, list)
}

#[test]
fn finds_every_planted_item_at_its_line() {
    let (_dir, ws) = imported("planted");
    let (code, found) = findings(&ws);
    assert_eq!(code, 1);
    for (file, words, kind) in PLANTED {
        assert!(
            found
                .iter()
                .any(|f| f["file"] == *file && f["text"] == *words && f["kind"] == *kind),
            "{words:?} ({kind}) not found in {file}: {found:#?}"
        );
    }
    // Each finding points at a line that holds what it found.
    for f in &found {
        let text = fs::read_to_string(ws.join(f["file"].as_str().unwrap())).unwrap();
        let line = text
            .lines()
            .nth(f["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let first_word = f["text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        assert!(line.contains(first_word), "{f} is not on line {line:?}");
    }
    // The interviewee's own name is where it belongs: never reported in
    // their own interview.
    assert!(
        !found
            .iter()
            .any(|f| f["file"] == HOLLIS && f["text"].as_str().unwrap().contains("José")),
        "{found:#?}"
    );
}

#[test]
fn the_text_report_is_one_line_per_finding_and_says_what_to_do() {
    let (_dir, ws) = imported("planted");
    let run = persona(&ws, &["privacy"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .lines()
            .any(|l| l == format!("{CRM}:11: e-mail: björn.åkesson@nordvik.se")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("{HOLLIS}:19: phone number: +44 20 7946 0958\n")),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("in 4 files"), "{}", run.stderr);
    assert!(
        run.stderr.contains("persona export --redact"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_clean_workspace_passes() {
    let (_dir, ws) = imported("clean");
    let run = persona(&ws, &["privacy"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stdout);
    assert!(
        run.stderr.contains("No personal data found in 3 files"),
        "{}",
        run.stderr
    );
    let (code, found) = findings(&ws);
    assert_eq!((code, found.len()), (0, 0));
}

#[test]
fn the_demo_is_clean_so_privacy_passes_on_it() {
    // No false alarms on the demo's version numbers, dates, prices and
    // SKUs, and no third person named in its notes: a team starting from
    // the demo can put `persona privacy` in a pre-commit hook at once.
    let (_dir, ws) = demo();
    let run = persona(&ws, &["privacy"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert!(
        run.stderr.contains("No personal data found in"),
        "{}",
        run.stderr
    );
    let (code, found) = findings(&ws);
    assert_eq!((code, found.len()), (0, 0), "{found:?}");
}

#[test]
fn a_missing_workspace_is_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let run = persona(&dir.path().join("nope"), &["privacy"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

/// The planted workspace with an ICP and a persona citing quotes full of
/// personal details, so the export has them to leak.
fn planted_with_cards() -> (tempfile::TempDir, PathBuf) {
    let (dir, ws) = imported("planted");
    let highlight = |file: &str, id: &str, text: &str| {
        let path = ws.join(file);
        let mut toml = fs::read_to_string(&path).unwrap();
        toml.push_str(&format!(
            "\n[[highlights]]\nid = \"{id}\"\ntext = {}\ntags = [\"pain-point\"]\n",
            toml::Value::String(text.into())
        ));
        fs::write(path, toml).unwrap();
    };
    highlight(
        HOLLIS,
        "h1",
        "Send the deck to <jose.alvarez@hollisvane.co.uk>, cc his CFO Marta Nowak (marta.nowak@hollisvane.co.uk).",
    );
    highlight(
        HOLLIS,
        "h2",
        "Every Monday we reconcile stock by hand. Last week order #10234 shipped twice.",
    );
    highlight(
        OTTER,
        "h1",
        "Our Paris stockist, Chloé Martin, rings me on +33 6 12 34 56 78 whenever the feed breaks.",
    );
    highlight(
        CRM,
        "h1",
        "Spoke with Siobhán O'Connor (IT manager) about the renewal, +49 30 90182044.",
    );
    fs::create_dir_all(ws.join("icps/apparel/personas")).unwrap();
    fs::write(
        ws.join("icps/apparel/icp.toml"),
        r#"schema = 1
name = "Outdoor apparel shops like Hollis & Vane"
template = "icp"
last_validated = "2026-10-30"

[[fields.industry]]
text = "Outdoor apparel"

[[fields.challenges]]
text = "José Álvarez at Hollis & Vane reconciles stock by hand"
cites = ["jose-alvarez-hollis-vane-discovery-call#h2", "crm-note-hubspot-27-oct-2026-lukasz-wrobel-for#h1"]

[[best_customers]]
company = "Hollis & Vane"
industry = "Outdoor apparel"
size = "70"
revenue = "£9M"
geography = "London, UK"
tools = ["Shopify Plus", "NetSuite"]
criterion = "Renewed after Marta Nowak's review; contact jose.alvarez@hollisvane.co.uk"

[[best_customers]]
company = "Kilbride Candles"
industry = "Home fragrance"
size = "12"
criterion = "Paid in 9 days"
"#,
    )
    .unwrap();
    fs::write(
        ws.join("icps/apparel/personas/ops-olivia.toml"),
        r#"schema = 1
name = "Ops Olivia"
template = "b2b-decision-maker"
last_validated = "2026-10-30"

[[fields.job_title]]
text = "Head of Ecommerce"
cites = ["jose-alvarez-hollis-vane-discovery-call#h1"]

[[fields.pain_points]]
text = "Stock counts drift between Paris stockists and the web shop"
cites = ["interview-with-aoife-byrne-ops-lead-kilbride#h1", "jose-alvarez-hollis-vane-discovery-call#h2"]

[[fields.goals]]
text = "One stock number, as Aoife Byrne of Kilbride Candles put it"
"#,
    )
    .unwrap();
    let check = persona(&ws, &["validate"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    (dir, ws)
}

/// What must never appear in a redacted export of the planted workspace.
const NEVER: &[&str] = &[
    "José",
    "Álvarez",
    "Hollis",
    "Kilbride",
    "Marta",
    "Nowak",
    "Chloé",
    "Siobhán",
    "O'Connor",
    "Aoife",
    "Byrne",
    "@",
    "7946",
    "+33",
    "12 34 56 78",
    "90182044",
    "10234",
    "jose-alvarez",
    "interview-with-aoife-byrne",
    "crm-note-hubspot-27-oct-2026-lukasz-wrobel",
];

fn assert_redacted(md: &str) {
    for word in NEVER {
        assert!(!md.contains(word), "{word:?} leaked into:\n{md}");
    }
}

#[test]
fn a_redacted_export_of_imported_notes_names_no_one() {
    let (dir, ws) = planted_with_cards();
    let plain = persona(&ws, &["export", "--all", "--out", "-"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(plain.stdout.contains("José Álvarez"));
    let run = persona(&ws, &["export", "--all", "--redact", "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    assert_redacted(md);
    assert_well_formed(md);
    // Who said it is still there, as a role and a kind of company; the
    // evidence counts and dates are unchanged.
    assert!(
        md.contains(
            "Head of Ecommerce at a company in outdoor apparel, 70 staff, 2026-10-14, sales call"
        ),
        "{md}"
    );
    assert!(
        md.contains("| A company in outdoor apparel, 70 staff | Outdoor apparel | 70 |"),
        "{md}"
    );
    assert!(
        md.contains("“Our Paris stockist, \\[name\\], rings me on \\[phone\\]"),
        "{md}"
    );
    assert!(md.contains("\\[e-mail\\]"), "{md}");
    assert!(
        md.contains("order \\#\\[number\\]") || md.contains("order #\\[number\\]"),
        "{md}"
    );
    for counted in [
        "backed by 2 interviews",
        "backed by 1 interview",
        "2026-10-30",
    ] {
        assert_eq!(
            md.matches(counted).count(),
            plain.stdout.matches(counted).count(),
            "{counted:?} changed"
        );
    }
    // A folder export is redacted file by file.
    let out = dir.path().join("wiki");
    let run = persona(
        &ws,
        &[
            "export",
            "--all",
            "--redact",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["index.md", "icps/apparel.md", "personas/ops-olivia.md"] {
        let md = fs::read_to_string(out.join(file)).unwrap();
        assert_redacted(&md);
        assert_well_formed(&md);
    }
}

#[test]
fn a_redacted_export_of_the_demo_names_no_interviewee_or_company() {
    let (_dir, ws) = demo();
    let run = persona(&ws, &["export", "--all", "--redact", "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    assert_well_formed(md);
    let interviews = ws.join("interviews");
    let mut names = Vec::new();
    for entry in fs::read_dir(&interviews).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        let value: toml::Table = toml::from_str(&text).unwrap();
        for key in ["interviewee", "company"] {
            names.push(value[key].as_str().unwrap().to_string());
        }
    }
    let icps = ["dtc-multichannel-brands", "independent-outdoor-retail"];
    for icp in icps {
        let text = fs::read_to_string(ws.join(format!("icps/{icp}/icp.toml"))).unwrap();
        let value: toml::Table = toml::from_str(&text).unwrap();
        for customer in value["best_customers"].as_array().unwrap() {
            names.push(customer["company"].as_str().unwrap().to_string());
        }
    }
    assert!(names.len() > 20);
    for name in &names {
        assert!(!md.contains(name.as_str()), "{name:?} leaked");
        // Surnames alone, and companies without "Co.".
        let core = name.trim_end_matches(" Co.");
        assert!(!md.contains(core), "{core:?} leaked");
    }
    for part in [
        "Whitfield",
        "Okafor",
        "Nair",
        "Müller",
        "Greg",
        "Acme",
        "Dana",
    ] {
        assert!(!md.contains(part), "{part:?} leaked");
    }
    assert!(
        md.contains("Head of Operations at a company in outdoor retail, 120 staff, 2026-09-12")
    );
}

#[test]
fn a_workspace_setting_makes_redaction_the_default() {
    let (_dir, ws) = demo();
    let meta = ws.join("workspace.toml");
    let mut text = fs::read_to_string(&meta).unwrap();
    text.push_str(
        "\n[privacy]\nredact_exports = true\n\n[privacy.describe]\n\"Acme Outdoor\" = \"an outdoor retailer, 120 staff\"\n",
    );
    fs::write(&meta, &text).unwrap();
    let run = persona(&ws, &["export", "operations-olivia", "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("Dana Whitfield"));
    assert!(
        run.stdout
            .contains("Head of Operations at an outdoor retailer, 120 staff, 2026-09-12"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("Redacting"), "{}", run.stderr);
    // A name in the notes is reported until it is allowed.
    let dana = ws.join("interviews/dana-whitfield-acme-outdoor.toml");
    let notes = fs::read_to_string(&dana).unwrap();
    fs::write(
        &dana,
        notes.replace("The owner signed off", "The owner, Greg, signed off"),
    )
    .unwrap();
    let run = persona(&ws, &["privacy"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("person's name: Greg"), "{}", run.stdout);
    let allowing = text.replace(
        "redact_exports = true",
        "redact_exports = true\nallow = [\"greg\"]",
    );
    fs::write(&meta, &allowing).unwrap();
    let run = persona(&ws, &["privacy"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let named = persona(
        &ws,
        &["export", "operations-olivia", "--no-redact", "--out", "-"],
    );
    assert_eq!(named.code, 0, "{}", named.stderr);
    assert!(named.stdout.contains("Dana Whitfield"));
    // Both at once is bad usage.
    let both = persona(
        &ws,
        &["export", "--all", "--redact", "--no-redact", "--out", "-"],
    );
    assert_eq!(both.code, 2);
    // A setting of the wrong type stops the export instead of leaking.
    fs::write(
        &meta,
        text.replace("redact_exports = true", "redact_exports = \"yes\""),
    )
    .unwrap();
    let bad = persona(&ws, &["export", "--all", "--out", "-"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stdout.is_empty());
    assert!(bad.stderr.contains("workspace.toml"), "{}", bad.stderr);
    let bad = persona(&ws, &["privacy"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("privacy.redact_exports"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_webvtt_transcript_names_its_speakers() {
    let (_dir, ws) = imported("planted");
    let (_, found) = findings(&ws);
    let zoom = "interviews/wanjiru-kamau-savanna-threads-zoom-interview.toml";
    let mut mine: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f["file"] == zoom)
        .map(|f| (f["kind"].as_str().unwrap(), f["text"].as_str().unwrap()))
        .collect();
    mine.sort();
    assert_eq!(
        mine,
        [
            ("address", "48 Ngong Road"),
            ("email", "orders@savannathreads.co.ke"),
            ("name", "Adebayo Okafor"),
            ("name", "Keoni Akana"),
            ("name", "Tomasz Zieliński"),
            ("order-number", "SVT-20931"),
            ("phone", "+254 712 345678"),
        ]
    );
}
