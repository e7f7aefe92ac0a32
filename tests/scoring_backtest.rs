//! `persona backtest` on a HubSpot deals export and a Salesforce
//! opportunities report, with every figure recomputed here from the same
//! files by a separate, plain implementation of the same rules.

mod cli_support;

use cli_support::{demo, persona};
use std::fs;
use std::path::{Path, PathBuf};

const ICP: &str = "independent-outdoor-retail";

const RULES: &str = r#"schema = 1

[[tiers]]
name = "A"
min = 60

[[tiers]]
name = "B"
min = 30

[[tiers]]
name = "C"

[[rules]]
id = "outdoor"
field = "industry"
contains = "sporting"
points = 40

[[rules]]
id = "size"
field = "employees"
min = 20
max = 200
points = 30

[[rules]]
id = "never"
field = "industry"
equals = "Shipbuilding"
points = 10

[[rules]]
id = "software"
field = "industry"
contains = ["software", "technology"]
disqualify = true
reason = "we do not sell to software companies"
"#;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/scoring")
        .join(name)
}

/// Tier of a deal by the rules above, written out by hand.
fn tier(industry: &str, employees: &str) -> &'static str {
    let industry = industry.to_lowercase();
    if industry.contains("software") || industry.contains("technology") {
        return "disqualified";
    }
    let mut points = 0;
    if industry.contains("sporting") {
        points += 40;
    }
    if let Ok(n) = employees.trim().parse::<u32>()
        && (20..=200).contains(&n)
    {
        points += 30;
    }
    match points {
        p if p >= 60 => "A",
        p if p >= 30 => "B",
        _ => "C",
    }
}

/// (tier, won) for every decided deal of a file; `open` decides which
/// outcome values are left out.
fn deals(
    file: &str,
    outcome: &str,
    won_value: &str,
    open: impl Fn(&str) -> bool,
    industry: &str,
    employees: &str,
) -> Vec<(&'static str, bool, String, String)> {
    let text = fs::read_to_string(data(file)).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (o, i, e) = (col(outcome), col(industry), col(employees));
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        if record.len() < headers.len() {
            continue; // the report's footer
        }
        let value = &record[o];
        if open(value) {
            continue;
        }
        out.push((
            tier(&record[i], &record[e]),
            value == won_value,
            record[i].to_string(),
            record[e].to_string(),
        ));
    }
    out
}

fn close(a: &serde_json::Value, b: f64) -> bool {
    (a.as_f64().unwrap() - b).abs() < 1e-9
}

/// Checks the back-test's JSON against the deals counted here.
fn check(report: &serde_json::Value, deals: &[(&str, bool, String, String)]) {
    let total = deals.len() as f64;
    let won_total = deals.iter().filter(|d| d.1).count() as f64;
    assert_eq!(report["deals"], deals.len());
    assert_eq!(report["won"], won_total as u64);
    let base = won_total / total;
    assert!(close(&report["base_rate"], base));
    let tiers = report["tiers"].as_array().unwrap();
    let names: Vec<&str> = tiers.iter().map(|t| t["tier"].as_str().unwrap()).collect();
    assert_eq!(names, ["A", "B", "C", "disqualified"]);
    for t in tiers {
        let name = t["tier"].as_str().unwrap();
        let n = deals.iter().filter(|d| d.0 == name).count() as f64;
        let won = deals.iter().filter(|d| d.0 == name && d.1).count() as f64;
        assert_eq!(t["deals"], n as u64, "{name}");
        assert_eq!(t["won"], won as u64, "{name}");
        if n > 0.0 {
            assert!(close(&t["win_rate"], won / n), "{name}");
            assert!(close(&t["lift"], (won / n) / base), "{name}");
        } else {
            assert!(t["win_rate"].is_null());
        }
        assert!(close(&t["recall"], won / won_total), "{name}");
    }
    // Per rule: fires on won and lost deals.
    let rules = report["rules"].as_array().unwrap();
    let outdoor = &rules[0];
    let fires = |won: bool| {
        deals
            .iter()
            .filter(|d| d.1 == won && d.2.to_lowercase().contains("sporting"))
            .count()
    };
    assert_eq!(outdoor["fires_won"], fires(true));
    assert_eq!(outdoor["fires_lost"], fires(false));
    assert!(close(
        &outdoor["fire_rate_won"],
        fires(true) as f64 / won_total
    ));
    let size = &rules[1];
    let blank = |won: bool| {
        deals
            .iter()
            .filter(|d| d.1 == won && d.3.trim().is_empty())
            .count()
    };
    assert_eq!(size["unknown_won"], blank(true));
    assert_eq!(size["unknown_lost"], blank(false));
    assert_eq!(rules[2]["flags"], serde_json::json!(["never-fires"]));
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let (dir, ws) = demo();
    fs::write(ws.join("icps").join(ICP).join("scoring.toml"), RULES).unwrap();
    (dir, ws)
}

#[test]
fn hubspot_deals_recomputed_independently() {
    let (_dir, ws) = setup();
    let file = data("hubspot-deals.csv").display().to_string();
    let open_stages = ["Appointment Scheduled", "Qualified To Buy", "Contract Sent"];
    // Every value but won counts as lost...
    let run = persona(
        &ws,
        &[
            "backtest",
            ICP,
            &file,
            "--outcome",
            "Deal Stage=closedwon",
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let all = deals(
        "hubspot-deals.csv",
        "Deal Stage",
        "Closed Won",
        |_| false,
        "Industry",
        "Number of Employees",
    );
    check(&report, &all);
    assert_eq!(report["outcome_column"], "Deal Stage");
    assert!(
        run.stderr
            .contains("7 deals have a Deal Stage that looks still open (Qualified To Buy 5, "),
        "{}",
        run.stderr
    );
    // ...unless --lost names the lost value: open deals are left out.
    let run = persona(
        &ws,
        &[
            "backtest",
            ICP,
            &file,
            "--outcome",
            "Deal Stage=Closed Won",
            "--lost",
            "closedlost",
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let decided = deals(
        "hubspot-deals.csv",
        "Deal Stage",
        "Closed Won",
        |v| open_stages.contains(&v),
        "Industry",
        "Number of Employees",
    );
    assert!(decided.len() < all.len());
    check(&report, &decided);
    assert_eq!(report["left_out"], all.len() - decided.len());
    assert!(report["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn salesforce_opportunities_with_their_report_footer() {
    let (_dir, ws) = setup();
    let file = data("salesforce-opportunities.csv").display().to_string();
    let run = persona(
        &ws,
        &[
            "backtest",
            ICP,
            &file,
            "--outcome",
            "Stage=Closed Won",
            "--lost",
            "Closed Lost",
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let decided = deals(
        "salesforce-opportunities.csv",
        "Stage",
        "Closed Won",
        |v| !v.starts_with("Closed"),
        "Industry",
        "Employees",
    );
    check(&report, &decided);
    // The same deals by Salesforce's own Won column.
    let by_won = persona(
        &ws,
        &["backtest", ICP, &file, "--outcome", "Won=1", "--json"],
    );
    assert_eq!(by_won.code, 0, "{}", by_won.stderr);
    let report: serde_json::Value = serde_json::from_str(&by_won.stdout).unwrap();
    assert_eq!(report["won"], decided.iter().filter(|d| d.1).count());
}

#[test]
fn the_text_table_and_warnings_a_marketer_reads() {
    let (_dir, ws) = setup();
    let rules = ws.join("icps").join(ICP).join("scoring.toml");
    fs::write(
        &rules,
        format!(
            "{RULES}\n[[rules]]\nid = \"big-deal\"\nfield = \"Amount\"\nmin = 9000\npoints = 10\n"
        ),
    )
    .unwrap();
    let file = data("hubspot-deals.csv").display().to_string();
    let run = persona(
        &ws,
        &[
            "backtest",
            ICP,
            &file,
            "--outcome",
            "Deal Stage=Closed Won",
            "--lost",
            "Closed Lost",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.starts_with("Back-test of `independent-outdoor-retail` on "),
        "{out}"
    );
    assert!(
        out.contains("tier          deals  won  win rate  recall  lift"),
        "{out}"
    );
    assert!(out.contains("disqualified"));
    let never = out.lines().find(|l| l.starts_with("never ")).unwrap();
    assert!(
        never.contains(" +10 ") && never.contains("0 (0.0%)"),
        "{never}"
    );
    assert!(never.ends_with("⚠ never fires"), "{never}");
    assert!(
        run.stderr
            .contains("rule `big-deal` reads `Amount`, which is only known once a deal is decided"),
        "{}",
        run.stderr
    );
    // A wrong outcome value, and a column that is not there.
    let run = persona(
        &ws,
        &["backtest", ICP, &file, "--outcome", "Deal Stage=won it"],
    );
    assert!(
        run.stderr.contains("no deal has `Deal Stage` = won it"),
        "{}",
        run.stderr
    );
    let run = persona(&ws, &["backtest", ICP, &file, "--outcome", "Result=won"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("has no column `Result` for --outcome"),
        "{}",
        run.stderr
    );
    let run = persona(&ws, &["backtest", ICP, &file, "--outcome", "closedwon"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("should be COLUMN=VALUE"));
}

#[test]
fn the_deals_export_given_to_outcomes_import_needs_no_outcome_flag() {
    let (_dir, ws) = setup();
    // The same HubSpot deals export `outcomes import` reads.
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/outcomes/hubspot-deals.csv")
        .display()
        .to_string();
    let guessed = persona(&ws, &["backtest", ICP, &file, "--json"]);
    assert_eq!(guessed.code, 0, "{}", guessed.stderr);
    assert!(
        guessed
            .stderr
            .contains("note: won deals are those with Deal Stage=Closed won."),
        "{}",
        guessed.stderr
    );
    let named = persona(
        &ws,
        &[
            "backtest",
            ICP,
            &file,
            "--outcome",
            "Deal Stage=Closed won",
            "--json",
        ],
    );
    assert_eq!(named.code, 0, "{}", named.stderr);
    assert_eq!(guessed.stdout, named.stdout);
    let report: serde_json::Value = serde_json::from_str(&guessed.stdout).unwrap();
    assert!(report["deals"].as_u64().unwrap() > 0, "{report}");

    // A file with nothing that says won: one sentence naming it and the flag.
    let leads = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/outreach/apollo-people.csv")
        .display()
        .to_string();
    let run = persona(&ws, &["backtest", ICP, &leads]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("apollo-people.csv has no stage or status column"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--outcome"), "{}", run.stderr);
}
