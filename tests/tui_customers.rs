//! The best-customers screen: reached from an ICP's card (b) and from the
//! tally, the list sorted by the rule the best were picked by, filtered,
//! sorted by any column, one customer's traits against all customers,
//! editing, removing (u brings back) and importing an export after its
//! mapping is shown; and the tally's bars of the best against all.

mod tui_support;

use persona::domain::{Baseline, BaselineTrait, BestBy, BestCustomer, CustomerKind};
use persona::store::{MemoryStore, Store};
use persona::tui::app::App;
use persona::tui::modal::Modal;
use persona::tui::perform::Performer;
use persona::tui::screens::Screen;
use std::collections::BTreeMap;
use tui_support::*;

fn account(
    company: &str,
    industry: &str,
    size: &str,
    revenue: &str,
    country: &str,
) -> BestCustomer {
    BestCustomer {
        company: company.into(),
        industry: industry.into(),
        size: size.into(),
        revenue: revenue.into(),
        country: country.into(),
        ..Default::default()
    }
}

fn counts(total: usize, missing: usize, values: &[(&str, usize)]) -> BaselineTrait {
    BaselineTrait {
        customers: total,
        missing,
        other: 0,
        values: values.iter().map(|(k, n)| (k.to_string(), *n)).collect(),
    }
}

/// The demo-like workspace, with best customers (long and CJK names) and a
/// baseline for the outdoor ICP.
fn with_customers() -> persona::domain::Workspace {
    let mut ws = workspace();
    let icp = ws.icps.iter_mut().find(|i| i.id == "outdoor").unwrap();
    icp.best_customers = vec![
        account(
            "Ridgeline Sports",
            "Outdoor retail",
            "51-200",
            "$18M",
            "USA",
        ),
        account(
            "The Extraordinarily Long-Named Mountaineering and Backcountry Supply Company of Greater Colorado",
            "outdoor  retail",
            "1,001-5,000",
            "$25 mil. - $50 mil.",
            "United States",
        ),
        account(
            "山岳用品 株式会社 🏔",
            "Sporting goods",
            "11-50 employees",
            "$900,000",
            "Japan",
        ),
        account("Peak & Co", "Sporting goods", "120", "", "U.S."),
    ];
    icp.best_by = vec![BestBy {
        list: "hubspot".into(),
        criterion: "Top 4 by revenue (Annual Revenue): 4 of 40 customers with a value".into(),
        by: "revenue".into(),
        column: "Annual Revenue".into(),
        top: "4".into(),
        picked: 4,
        of: 40,
        ..Default::default()
    }];
    let mut traits = BTreeMap::new();
    traits.insert(
        "industry".to_string(),
        counts(
            40,
            0,
            &[
                ("outdoor retail", 5),
                ("sporting goods", 15),
                ("software", 20),
            ],
        ),
    );
    traits.insert(
        "country".to_string(),
        counts(40, 2, &[("US", 30), ("JP", 8)]),
    );
    icp.baseline.insert(
        "hubspot".into(),
        Baseline {
            customers: 40,
            traits,
            ..Default::default()
        },
    );
    ws
}

fn app_with(ws: persona::domain::Workspace) -> App {
    App::new(
        persona::store::Loaded {
            workspace: ws,
            problems: Vec::new(),
        },
        persona::tui::app::Setup::for_tests(),
    )
}

fn performer_with(ws: persona::domain::Workspace) -> Performer<MemoryStore> {
    Performer::new(MemoryStore::new(ws))
}

/// Browse → the outdoor ICP's card → its best customers.
const OPEN: &str = "j j <enter> b";

#[test]
fn reached_from_the_card_and_sorted_by_the_rule() {
    let mut app = app_with(with_customers());
    press(&mut app, OPEN);
    assert!(matches!(app.screen, Screen::Customers(_)));
    let text = screen(&app, 100, 20);
    // By revenue, highest first; the one without revenue last.
    let order: Vec<usize> = ["The Extraordinarily", "Ridgeline", "山岳用品", "Peak & Co"]
        .iter()
        .map(|n| {
            text.find(n)
                .unwrap_or_else(|| panic!("{n} missing:\n{text}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(text.contains("Sorted by the rule (revenue)"), "{text}");
    assert!(text.contains("Top 4 by revenue"), "{text}");
    // Long names are cut with an ellipsis, sizes shown as bands.
    assert!(text.contains('…'), "{text}");
    assert!(text.contains("1001-5000"), "{text}");
    assert!(text.contains("United States (US)"), "{text}");
}

#[test]
fn snapshot_list_80x24() {
    let mut app = app_with(with_customers());
    press(&mut app, OPEN);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn snapshot_tiny_60x15() {
    let mut app = app_with(with_customers());
    press(&mut app, OPEN);
    insta::assert_snapshot!(screen(&app, 60, 15));
}

#[test]
fn snapshot_traits_against_all_customers_80x24() {
    let mut app = app_with(with_customers());
    press(&mut app, &format!("{OPEN} j <enter>"));
    let text = screen(&app, 80, 24);
    // Ridgeline: outdoor retail is 2 of 4 best (50%), 5 of 40 in all (12.5%).
    assert!(text.contains("50% of best · 12% of all · ×4.0"), "{text}");
    assert!(text.contains("As written in the export"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn sort_and_filter() {
    let mut app = app_with(with_customers());
    press(&mut app, &format!("{OPEN} s"));
    let text = screen(&app, 100, 20);
    assert!(text.contains("Sorted by name"), "{text}");
    let peak = text.find("Peak & Co").unwrap();
    let ridge = text.find("Ridgeline").unwrap();
    assert!(peak < ridge, "A to Z:\n{text}");
    press(&mut app, "/ japan <enter>");
    let text = screen(&app, 100, 20);
    assert!(text.contains("山岳用品"), "{text}");
    assert!(!text.contains("Ridgeline"), "{text}");
    assert!(text.contains("(1 of 4)"), "{text}");
    press(&mut app, "/ <ctrl-u> <enter>");
    assert!(screen(&app, 100, 20).contains("Ridgeline"));
}

#[test]
fn remove_and_bring_back() {
    let ws = with_customers();
    let mut app = app_with(ws.clone());
    let mut performer = performer_with(ws);
    // The first in the rule's order is the long-named company.
    press_and_perform(&mut app, &mut performer, &format!("{OPEN} d"));
    assert!(matches!(app.modal, Some(Modal::Confirm(_))));
    press_and_perform(&mut app, &mut performer, "y");
    let stored = performer.store.load().unwrap().workspace;
    let names: Vec<&str> = stored
        .icp("outdoor")
        .unwrap()
        .best_customers
        .iter()
        .map(|c| c.label())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("The Extraordinarily")));
    assert!(
        app.toast
            .as_ref()
            .unwrap()
            .text
            .contains("u brings them back")
    );
    press_and_perform(&mut app, &mut performer, "u");
    let stored = performer.store.load().unwrap().workspace;
    let back = &stored.icp("outdoor").unwrap().best_customers;
    assert_eq!(back.len(), 4);
    assert!(
        back[1].company.starts_with("The Extraordinarily"),
        "back in its place"
    );
}

#[test]
fn a_removed_customer_is_kept_in_the_trash_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    let mut store = persona::store::FsStore::init(&root, "Test", false).unwrap();
    let ws = with_customers();
    for icp in &ws.icps {
        store.save_icp(icp).unwrap();
    }
    let loaded = store.load().unwrap();
    let removed = loaded.workspace.icp("outdoor").unwrap().best_customers[1].clone();
    assert!(removed.company.starts_with("The Extraordinarily"));
    let mut app = App::new(loaded, persona::tui::app::Setup::for_tests());
    let mut performer = Performer::on_disk(&root);
    performer.store.load().unwrap();
    press_and_perform(&mut app, &mut performer, &format!("{OPEN} d y"));
    let said = app.toast.as_ref().unwrap().text.clone();
    assert!(said.contains("A copy is in .trash/"), "{said}");

    // The trash holds the entry, ready to paste back into icp.toml.
    let trash = root.join(".trash");
    let stamp = std::fs::read_dir(&trash).unwrap().next().unwrap().unwrap();
    let folder = stamp.path().join("icps/outdoor/best-customers");
    let file = std::fs::read_dir(&folder).unwrap().next().unwrap().unwrap();
    let text = std::fs::read_to_string(file.path()).unwrap();
    assert!(
        text.starts_with("# Removed from the best customers in icps/outdoor/icp.toml"),
        "{text}"
    );
    #[derive(serde::Deserialize)]
    struct Entry {
        best_customers: Vec<BestCustomer>,
    }
    let entry: Entry = toml::from_str(&text).unwrap();
    assert_eq!(entry.best_customers, vec![removed]);
    let icp = std::fs::read_to_string(root.join("icps/outdoor/icp.toml")).unwrap();
    assert!(!icp.contains("The Extraordinarily"));
}

#[test]
fn edit_one_attribute() {
    let ws = with_customers();
    let mut app = app_with(ws.clone());
    let mut performer = performer_with(ws);
    // Ridgeline (second by revenue): edit the employees.
    press_and_perform(&mut app, &mut performer, &format!("{OPEN} j e"));
    assert!(matches!(app.modal, Some(Modal::Picker(_))));
    press_and_perform(&mut app, &mut performer, "<down> <down> <down> <enter>");
    assert!(matches!(app.modal, Some(Modal::Prompt(_))));
    press_and_perform(&mut app, &mut performer, "<ctrl-u> 2400 <enter>");
    let stored = performer.store.load().unwrap().workspace;
    let ridge = stored
        .icp("outdoor")
        .unwrap()
        .best_customers
        .iter()
        .find(|c| c.company == "Ridgeline Sports")
        .unwrap();
    assert_eq!(ridge.size, "2400");
    assert!(ridge.size_band.is_empty(), "the band follows the new text");
    let text = screen(&app, 100, 20);
    assert!(text.contains("1001-5000"), "{text}");
}

#[test]
fn import_shows_the_mapping_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("customers_export.csv");
    std::fs::write(
        &file,
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address City,Default Address Province Code,Default Address Country Code,Total Spent,Total Orders,Tags\n\
         7001,Ana,Lima,ana@example.com,yes,,Denver,CO,US,1840.50,12,\"hiking, VIP\"\n\
         7002,Ben,Ode,ben@example.com,no,,Leeds,,GB,95.00,1,\n\
         7003,Chen,Wu,chen@example.com,yes,,Boulder,CO,US,2210.00,15,camping\n",
    )
    .unwrap();
    let mut ws = with_customers();
    ws.icps
        .iter_mut()
        .find(|i| i.id == "coffee")
        .unwrap()
        .best_customers
        .clear();
    let mut app = app_with(ws.clone());
    let mut performer = performer_with(ws);
    // Browse → the coffee ICP (first) → its (empty) best customers.
    press_and_perform(&mut app, &mut performer, "<enter> b");
    assert!(screen(&app, 80, 24).contains("No best customers yet"));
    press_and_perform(&mut app, &mut performer, "I <ctrl-u>");
    let typed = format!(
        "{} --best-by lifetime_value --top 2 --currency USD",
        file.display()
    );
    for part in typed.split(' ') {
        press_and_perform(&mut app, &mut performer, part);
        press_and_perform(&mut app, &mut performer, "<space>");
    }
    press_and_perform(&mut app, &mut performer, "<enter>");
    let Some(Modal::Confirm(confirm)) = &app.modal else {
        panic!("no confirmation: {:?}", app.toast.as_ref().map(|t| &t.text));
    };
    let message = confirm.message.clone();
    assert!(
        message.contains("Total Spent → lifetime_value"),
        "{message}"
    );
    assert!(message.contains("Email (personal)"), "{message}");
    assert!(message.contains("Would add 2"), "{message}");
    // Nothing written yet.
    let stored = performer.store.load().unwrap().workspace;
    assert!(stored.icp("coffee").unwrap().best_customers.is_empty());
    press_and_perform(&mut app, &mut performer, "y");
    let stored = performer.store.load().unwrap().workspace;
    let coffee = stored.icp("coffee").unwrap();
    let ids: Vec<&str> = coffee
        .best_customers
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(
        coffee
            .best_customers
            .iter()
            .all(|c| c.kind == CustomerKind::Shopper)
    );
    let saved = toml::to_string(coffee).unwrap();
    for personal in ["Ana", "Lima", "ana@example.com", "Chen"] {
        assert!(!saved.contains(personal), "{personal} reached the ICP");
    }
    assert!(coffee.baseline.values().next().unwrap().customers == 3);
    let text = screen(&app, 100, 20);
    assert!(text.contains("Lifetime value"), "{text}");
    assert!(text.contains("2210.00"), "{text}");
}

#[test]
fn a_bad_import_path_says_so_and_writes_nothing() {
    let ws = with_customers();
    let mut app = app_with(ws.clone());
    let mut performer = performer_with(ws);
    press_and_perform(
        &mut app,
        &mut performer,
        &format!("{OPEN} I <ctrl-u> /nowhere/at/all.csv <enter>"),
    );
    assert!(app.modal.is_none());
    let toast = app.toast.as_ref().unwrap().text.clone();
    assert!(toast.contains("/nowhere/at/all.csv"), "{toast}");
}

#[test]
fn help_lists_the_keys() {
    let mut app = app_with(with_customers());
    press(&mut app, &format!("{OPEN} ?"));
    let text = screen(&app, 100, 40);
    for words in [
        "Best customers",
        "Import a customer export",
        "Remove the customer",
        "Sort by the next column",
        "Edit one attribute",
    ] {
        assert!(text.contains(words), "{words} missing:\n{text}");
    }
}

#[test]
fn tally_bars_show_best_against_all_and_lead_to_the_list() {
    let mut app = app_with(with_customers());
    press(&mut app, &format!("{OPEN} t"));
    assert!(matches!(app.screen, Screen::Tally(_)));
    let text = screen(&app, 100, 40);
    assert!(text.contains("lift"), "{text}");
    assert!(text.contains("50%"), "{text}");
    insta::assert_snapshot!(text);
    press(&mut app, "b");
    assert!(matches!(app.screen, Screen::Customers(_)));
}
