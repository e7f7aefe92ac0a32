//! The tally of best customers against the whole list: a mixed-format
//! import groups sizes, revenues and countries however each tool wrote
//! them; a list picked by a rule gets shares, baseline shares and lifts.

mod cli_support;

use cli_support::persona;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/customers")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn workspace(icp: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    assert_eq!(persona(&ws, &["init"]).code, 0);
    fs::create_dir_all(ws.join("icps").join(icp)).unwrap();
    fs::write(
        ws.join("icps").join(icp).join("icp.toml"),
        "schema = 1\nname = \"ICP\"\ntemplate = \"icp\"\n",
    )
    .unwrap();
    (dir, ws)
}

fn tally(ws: &Path, icp: &str) -> Value {
    let run = persona(ws, &["tally", "--icp", icp, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    v["best_customers"][0].clone()
}

fn attribute<'a>(t: &'a Value, name: &str) -> &'a Value {
    t["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["attribute"] == name)
        .unwrap_or_else(|| panic!("no {name} in {t}"))
}

/// (value, count) of an attribute.
fn counts(t: &Value, name: &str) -> Vec<(String, u64)> {
    attribute(t, name)["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_string(),
                v["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_mixed_format_import_groups_sizes_revenues_and_countries() {
    let (_dir, ws) = workspace("mixed");
    for file in [
        "hubspot_companies.csv",
        "salesforce_accounts.csv",
        "apollo_companies.csv",
        "zoominfo_companies.csv",
        "crunchbase_organizations.csv",
        "sheet_semicolon.csv",
    ] {
        let run = persona(&ws, &["import-customers", &data(file), "--icp", "mixed"]);
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
    }
    let t = tally(&ws, "mixed");
    assert_eq!(t["customers"], 12);
    // `US`, `USA`, `United States`: one country.
    let countries = counts(&t, "country");
    assert_eq!(
        countries[0],
        ("United States (US)".to_string(), 5),
        "{countries:?}"
    );
    assert!(
        countries.iter().all(|(v, _)| v.ends_with(')')),
        "{countries:?}"
    );
    // `1,200`, `1.001-5.000`: one band; every size is a band.
    let sizes = counts(&t, "size");
    let bands = [
        "1-10",
        "11-50",
        "51-200",
        "201-500",
        "501-1000",
        "1001-5000",
        "5001+",
    ];
    assert!(
        sizes.iter().all(|(v, _)| bands.contains(&v.as_str())),
        "{sizes:?}"
    );
    assert!(sizes.contains(&("1001-5000".to_string(), 2)), "{sizes:?}");
    // `$18,000,000.00`, `USD 34,000,000`, `$25 mil. - $50 mil.`: one band,
    // and euros apart from dollars.
    let revenues = counts(&t, "revenue");
    assert!(
        revenues.contains(&("10M-50M USD".to_string(), 2)),
        "{revenues:?}"
    );
    assert!(
        revenues.contains(&("1M-10M EUR".to_string(), 2)),
        "{revenues:?}"
    );
    assert!(
        revenues
            .iter()
            .all(|(v, _)| v.contains('M') || v.starts_with('<')),
        "{revenues:?}"
    );
    // `SPORTING_GOODS` and `sporting goods` fold together.
    let industries = counts(&t, "industry");
    assert!(
        industries.contains(&("Sporting goods".to_string(), 2)),
        "{industries:?}"
    );
    let tools = counts(&t, "tools");
    assert_eq!(tools[0], ("Klaviyo".to_string(), 5), "{tools:?}");
    assert!(attribute(&t, "industry")["missing"].is_u64());
    // The text says it too.
    let text = persona(&ws, &["tally", "--icp", "mixed"]);
    assert!(
        text.stdout.contains("United States (US)"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("never converted"), "{}", text.stdout);
}

#[test]
fn best_by_a_rule_compares_the_best_with_the_whole_list() {
    let (dir, ws) = workspace("shop");
    // 200 shoppers; the 20 who spent most live in Canada, the rest mostly
    // in the US (a few in Canada too).
    let mut csv = String::from(
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address City,Default Address Province Code,Default Address Country Code,Total Spent,Total Orders,Tags\n",
    );
    for i in 0..200u32 {
        let (city, province, country) = if i < 20 || i % 20 == 0 {
            ("Toronto", "ON", "CA")
        } else {
            ("Denver", "CO", "US")
        };
        let spent = if i < 20 { 2000 + i * 10 } else { 20 + i };
        csv.push_str(&format!(
            "'{},Pat,Doe{i},pat{i}@example.com,{},{city},{province},{country},{spent}.00,{},{}\n",
            7_000_000 + i,
            if i % 2 == 0 { "yes" } else { "no" },
            1 + i % 7,
            if i < 20 { "VIP" } else { "" }
        ));
    }
    let file = dir.path().join("customers_export.csv");
    fs::write(&file, csv).unwrap();
    let run = persona(
        &ws,
        &[
            "import-customers",
            file.to_str().unwrap(),
            "--icp",
            "shop",
            "--best-by",
            "lifetime_value",
            "--top",
            "10%",
            "--currency",
            "CAD",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t = tally(&ws, "shop");
    assert_eq!(t["customers"], 20);
    assert_eq!(t["baseline"], 200);
    assert!(
        t["best_by"]
            .as_str()
            .unwrap()
            .starts_with("Top 10% by lifetime value")
    );
    let country = attribute(&t, "country");
    assert_eq!(country["missing"], 0);
    let canada = &country["values"][0];
    for key in ["value", "count", "share", "baseline_share", "lift"] {
        assert!(canada.get(key).is_some(), "{key} in {canada}");
    }
    assert_eq!(canada["value"], "Canada (CA)");
    assert_eq!(canada["count"], 20);
    assert_eq!(canada["share"], 1.0);
    // 20 best + 9 others in Canada, of 200.
    assert_eq!(canada["baseline_share"], 0.145);
    assert_eq!(canada["lift"], 6.9);
    let tags = attribute(&t, "tags");
    assert_eq!(tags["values"][0]["value"], "VIP");
    assert_eq!(tags["values"][0]["lift"], 10.0);
    let ltv = counts(&t, "lifetime_value");
    assert_eq!(ltv, [("1K-2.5K CAD".to_string(), 20)]);
    // The text shows the same, readably.
    let text = persona(&ws, &["tally", "--icp", "shop"]);
    assert!(
        text.stdout.contains("among all 200 customers"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("Canada (CA)"), "{}", text.stdout);
    assert!(text.stdout.contains("6.9"), "{}", text.stdout);
    // The whole list is counts in icp.toml, not 200 rows.
    let icp = fs::read_to_string(ws.join("icps/shop/icp.toml")).unwrap();
    assert_eq!(icp.matches("[[best_customers]]").count(), 20);
    assert!(icp.len() < 12_000, "{} bytes", icp.len());
}

#[test]
fn the_demo_s_best_customers_of_the_old_shape_still_load_and_tally() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    assert_eq!(persona(&ws, &["init", "--demo"]).code, 0);
    let icp = fs::read_to_string(ws.join("icps/independent-outdoor-retail/icp.toml")).unwrap();
    assert!(
        icp.contains("geography = "),
        "the demo keeps the old shape: {icp}"
    );
    let t = tally(&ws, "independent-outdoor-retail");
    assert!(t["customers"].as_u64().unwrap() >= 4);
    let countries = counts(&t, "country");
    assert!(!countries.is_empty(), "countries read from `geography`");
    assert_eq!(persona(&ws, &["validate"]).code, 0);
}

#[test]
fn the_demo_s_consumer_icp_is_its_shopify_export_imported_by_the_rule_it_records() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    assert_eq!(persona(&ws, &["init", "--demo"]).code, 0);
    let file = ws.join("icps/acme-outdoor-web-shoppers/icp.toml");
    let before = fs::read_to_string(&file).unwrap();
    assert!(before.contains("template = \"ecommerce-icp\""));
    let table: toml::Table = before.parse().unwrap();
    let rule = &table["best_by"][0];
    assert_eq!(
        rule["file"].as_str(),
        Some("acme_outdoor_shopify_export.csv")
    );
    let run = persona(
        &ws,
        &[
            "import-customers",
            &data("acme_outdoor_shopify_export.csv"),
            "--icp",
            "acme-outdoor-web-shoppers",
            "--best-by",
            rule["by"].as_str().unwrap(),
            "--top",
            rule["top"].as_str().unwrap(),
            "--currency",
            "USD",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Added 0, updated 0, unchanged 16."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Nothing changed"), "{}", run.stdout);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        before,
        "not a byte changed"
    );
    // Shoppers, without names or e-mails; a tally that says what sets them apart.
    assert!(before.contains("kind = \"shopper\""));
    assert!(!before.contains("@example.com"));
    let t = tally(&ws, "acme-outdoor-web-shoppers");
    assert_eq!(t["baseline"], 320);
    let tags = attribute(&t, "tags");
    assert_eq!(tags["values"][0]["value"], "click-and-collect");
    assert!(tags["values"][0]["lift"].as_f64().unwrap() > 3.0);
}
