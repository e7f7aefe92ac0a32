//! The insights screen and the outcomes on persona cards: snapshots of
//! what a marketer sees after importing outcomes, driven by key scripts.

mod tui_support;

use persona::domain::metrics::cards::Outcomes;
use persona::domain::metrics::{Cell, Counts, Snapshot, Source, fingerprint};
use persona::tui::app::{App, Setup};
use persona::tui::keys::Context;
use persona::tui::modal::Modal;
use tui_support::*;

fn cell(persona: Option<&str>, icp: &str, tier: &str, template: &str, counts: Counts) -> Cell {
    Cell {
        month: Some("2026-10".into()),
        icp: Some(icp.into()),
        persona: persona.map(str::to_string),
        tier: Some(tier.into()),
        template: Some(template.into()),
        counts,
    }
}

fn mail(delivered: u64, opened: u64, replied: u64, meetings: u64) -> Counts {
    Counts {
        sent: delivered + 3,
        delivered,
        bounced: 3,
        opened,
        clicked: opened / 10,
        replied,
        meetings,
        ..Counts::default()
    }
}

fn snapshot(id: &str, day: i8, stream: &str, cells: Vec<Cell>) -> Snapshot {
    Snapshot {
        id: id.into(),
        schema: 1,
        date: jiff::civil::date(2026, 10, day),
        imported: format!("2026-10-{day:02}T09:00:00Z").parse().unwrap(),
        source: Source::Lemlist,
        stream: stream.into(),
        file: format!("{id}.csv"),
        fingerprint: fingerprint(id.as_bytes()),
        rows: 0,
        unassigned: 0,
        cells,
        extra: Default::default(),
    }
}

/// Two readings of one lemlist campaign: Olivia's replies dried up in the
/// second; Gabriel's went on as before; Frank was never written to. And a
/// HubSpot pipeline of deals.
fn outcomes() -> Outcomes {
    let first = snapshot(
        "2026-10-01-lemlist",
        1,
        "lemlist:ops",
        vec![
            cell(
                Some("olivia"),
                "outdoor",
                "A",
                "ops-intro",
                mail(400, 220, 60, 12),
            ),
            cell(
                Some("gabriel"),
                "coffee",
                "B",
                "roaster-intro",
                mail(100, 48, 8, 2),
            ),
            cell(None, "outdoor", "C", "ops-intro", mail(30, 12, 1, 0)),
        ],
    );
    let second = snapshot(
        "2026-10-29-lemlist",
        29,
        "lemlist:ops",
        vec![
            cell(
                Some("olivia"),
                "outdoor",
                "A",
                "ops-intro",
                mail(800, 430, 64, 13),
            ),
            cell(
                Some("gabriel"),
                "coffee",
                "B",
                "roaster-intro",
                mail(200, 95, 17, 4),
            ),
            cell(None, "outdoor", "C", "ops-intro", mail(60, 25, 2, 0)),
        ],
    );
    let mut deals = snapshot(
        "2026-10-29-hubspot-deals",
        29,
        "hubspot-deals",
        vec![cell(
            Some("olivia"),
            "outdoor",
            "A",
            "ops-intro",
            Counts {
                deals: 9,
                won: 3,
                lost: 4,
                won_amount: 39_000.0,
                won_priced: 3,
                cycle_days: vec![21, 34, 60],
                ..Counts::default()
            },
        )],
    );
    deals.source = Source::HubspotDeals;
    Outcomes::new(vec![first, second, deals])
}

fn app_with_outcomes() -> App {
    let mut loaded = loaded();
    loaded.workspace.outcomes = outcomes();
    App::new(loaded, Setup::for_tests())
}

#[test]
fn snapshot_insights_by_persona_100x40() {
    let mut app = app_with_outcomes();
    press(&mut app, "o");
    assert_eq!(app.context(), Context::Insights);
    insta::assert_snapshot!(screen(&app, 100, 40));
}

#[test]
fn snapshot_insights_by_tier_win_rate_80x30() {
    let mut app = app_with_outcomes();
    press(&mut app, "o b <right> <right>");
    insta::assert_snapshot!(screen(&app, 80, 30));
}

#[test]
fn snapshot_insights_tiny_60x15() {
    let mut app = app_with_outcomes();
    press(&mut app, "o j");
    insta::assert_snapshot!(screen(&app, 60, 15));
}

#[test]
fn insights_filter_by_icp_and_month_and_say_so() {
    let mut app = app_with_outcomes();
    press(&mut app, "o <tab>");
    let text = screen(&app, 100, 40);
    assert!(
        text.contains("Insights: Independent outdoor retailers"),
        "{text}"
    );
    assert!(text.contains("Operations Olivia"), "{text}");
    assert!(!text.contains("Gabriel"), "{text}");
    press(&mut app, "<tab> <tab> s");
    let text = screen(&app, 100, 40);
    assert!(text.contains("every ICP · since 2026-10"), "{text}");
    // Every month cycles back to all dates.
    press(&mut app, "s");
    assert!(screen(&app, 100, 40).contains("every ICP · all dates"));
    press(&mut app, "q");
    assert_eq!(app.context(), Context::Browse);
}

#[test]
fn insights_with_nothing_imported_say_how_to_import() {
    let mut app = app();
    press(&mut app, "o");
    let text = screen(&app, 80, 20);
    assert!(text.contains("No outcomes imported yet."), "{text}");
    assert!(text.contains("persona outcomes import FILE"), "{text}");
}

#[test]
fn snapshot_flagged_persona_card_100x50() {
    let mut app = app_with_outcomes();
    press(&mut app, "/ olivia <enter>");
    assert_eq!(app.context(), Context::Card);
    insta::assert_snapshot!(screen(&app, 100, 50));
}

#[test]
fn a_persona_never_written_to_is_flagged_on_its_card_and_in_the_list() {
    let mut app = app_with_outcomes();
    press(&mut app, "/ frank <enter>");
    let text = screen(&app, 100, 40);
    assert!(
        text.contains("⚑ NEEDS A LOOK messaging never tested"),
        "{text}"
    );
    assert!(
        text.contains("no imported engagement or deal was assigned"),
        "{text}"
    );
    press(&mut app, "q <esc>");
    let list = screen(&app, 100, 30);
    let frank = list
        .lines()
        .find(|l| l.contains("   Finance Frank"))
        .unwrap();
    assert!(frank.contains('⚑'), "{list}");
    // Gabriel's replies held: no flag.
    let gabriel = list.lines().find(|l| l.contains("   Gabriel")).unwrap();
    assert!(!gabriel.contains('⚑'), "{list}");
}

#[test]
fn without_outcomes_cards_show_no_outcome_section() {
    let mut app = app();
    press(&mut app, "/ frank <enter>");
    let text = screen(&app, 100, 40);
    assert!(!text.contains("Outcomes"), "{text}");
    assert!(!text.contains("NEEDS A LOOK"), "{text}");
}

#[test]
fn help_lists_the_insights_keys() {
    let mut app = app_with_outcomes();
    press(&mut app, "o ?");
    assert!(matches!(app.modal, Some(Modal::Help { .. })));
    let text = screen(&app, 100, 40);
    for words in [
        "Group by persona",
        "Show the next ICP",
        "later month",
        "next rate",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
}
