//! `persona report` over several imports: the newest reading of a stream
//! wins, the trend flags a card, `--since` and `--icp` narrow the figures.

mod cli_support;
mod outcomes_support;

use cli_support::{demo, persona};
use jiff::civil::Date;
use outcomes_support::*;
use serde_json::Value;

#[test]
fn a_falling_reply_rate_flags_the_card_and_the_latest_reading_wins() {
    let (_dir, ws) = demo();
    import(
        &ws,
        "lemlist-leads-october.csv",
        "lemlist",
        &["--as-of", "2026-10-01"],
    );
    import(
        &ws,
        "lemlist-leads-november.csv",
        "lemlist",
        &["--as-of", "2026-11-15"],
    );
    let tally = |file: &str| {
        let (mut delivered, mut replied) = (0u64, 0u64);
        for row in rows(file) {
            if row["emailsBounced"] == "0" {
                delivered += 1;
                replied += u64::from(row["emailsReplied"] != "0");
            }
        }
        (delivered, replied)
    };
    let (oct_delivered, oct_replied) = tally("lemlist-leads-october.csv");
    let (nov_delivered, nov_replied) = tally("lemlist-leads-november.csv");
    // Both readings are of one campaign: the November one replaces October's.
    let report = report_json(&ws, &[]);
    let olivia = line(&report["personas"], "persona", Some("operations-olivia"));
    assert_eq!(olivia["delivered"], nov_delivered);
    assert_eq!(olivia["replied"], nov_replied);
    assert_eq!(report["snapshots"].as_array().unwrap().len(), 1);
    // Her card: the replies of the new period against October's rate.
    let card = persona(&ws, &["show", "operations-olivia"]);
    assert_eq!(card.code, 0, "{}", card.stderr);
    let flag = format!(
        "**Needs a look:** reply rate fell to {} since 2026-10-01, from {} before.",
        printed(nov_replied - oct_replied, nov_delivered - oct_delivered),
        printed(oct_replied, oct_delivered)
    );
    assert!(card.stdout.contains(&flag), "{flag}\n{}", card.stdout);
    assert!(card.stdout.contains("## Outcomes"), "{}", card.stdout);
    assert!(
        card.stdout.contains(&format!(
            "| Reply rate | {} |",
            printed(nov_replied, nov_delivered)
        )),
        "{}",
        card.stdout
    );
    // Finance Frank's messaging was never tested.
    let frank = persona(&ws, &["show", "finance-frank"]);
    assert!(
        frank
            .stdout
            .contains("**Needs a look:** messaging never tested"),
        "{}",
        frank.stdout
    );
    // A workspace without outcomes flags nothing.
    let (_other, fresh) = demo();
    let plain = persona(&fresh, &["show", "finance-frank"]);
    assert!(!plain.stdout.contains("Needs a look"), "{}", plain.stdout);
    assert!(!plain.stdout.contains("## Outcomes"), "{}", plain.stdout);
}

#[test]
fn since_keeps_the_months_from_that_date_on() {
    let (_dir, ws) = demo();
    import(&ws, "hubspot-deals.csv", "hubspot-deals", &[]);
    let from: Date = "2026-09-01".parse().unwrap();
    let expected = rows("hubspot-deals.csv")
        .iter()
        .filter(|r| day(&r["Create Date"]) >= from)
        .count();
    let report = report_json(&ws, &["--since", "2026-09-14"]);
    assert_eq!(report["total"]["deals"], expected as u64);
    assert_eq!(report["since"], "2026-09-14");
    let text = persona(&ws, &["report", "--since", "2026-09-14"]);
    assert!(
        text.stdout.starts_with("Outcomes since 2026-09,"),
        "{}",
        text.stdout
    );
}

#[test]
fn an_icp_filter_keeps_its_personas_rows() {
    let (_dir, ws) = demo();
    import(&ws, "lemlist-activities.csv", "lemlist", &[]);
    let all = report_json(&ws, &[]);
    let outdoor = report_json(&ws, &["--icp", "independent-outdoor-retail"]);
    let dtc = report_json(&ws, &["--icp", "dtc-multichannel-brands"]);
    let sent = |r: &Value| r["total"]["sent"].as_u64().unwrap();
    assert!(sent(&outdoor) > 0 && sent(&dtc) > 0);
    assert_eq!(sent(&outdoor) + sent(&dtc), sent(&all));
    assert!(
        outdoor["personas"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["persona"] != "founder-felix")
    );
}
