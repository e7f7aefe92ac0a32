//! Every export format `import-customers` knows, with the real headers of
//! each tool and rows shaped like theirs (`tests/data/customers/`): what is
//! mapped, what is kept, and what lands in `icp.toml`.

mod cli_support;

use cli_support::{Run, persona};
use std::fs;
use std::path::{Path, PathBuf};

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/customers")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// A new workspace with one empty ICP per id.
fn workspace(icps: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    assert_eq!(persona(&ws, &["init"]).code, 0);
    for id in icps {
        let folder = ws.join("icps").join(id);
        fs::create_dir_all(&folder).unwrap();
        fs::write(
            folder.join("icp.toml"),
            format!("schema = 1\nname = \"{id}\"\ntemplate = \"icp\"\n"),
        )
        .unwrap();
    }
    (dir, ws)
}

fn json(run: &Run) -> serde_json::Value {
    assert_eq!(
        run.code, 0,
        "stderr: {}\nstdout: {}",
        run.stderr, run.stdout
    );
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// The ICP file as TOML.
fn icp(ws: &Path, id: &str) -> toml::Table {
    let text = fs::read_to_string(ws.join(format!("icps/{id}/icp.toml"))).unwrap();
    text.parse().unwrap()
}

fn customers(ws: &Path, id: &str) -> Vec<toml::Table> {
    icp(ws, id)
        .get("best_customers")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(|c| c.as_table().unwrap().clone()).collect())
        .unwrap_or_default()
}

fn text<'a>(c: &'a toml::Table, key: &str) -> &'a str {
    c.get(key).and_then(|v| v.as_str()).unwrap_or("")
}

/// Imports a file and returns the report; every listed field must be
/// mapped and kept.
fn import(ws: &Path, file: &str, icp: &str, fields: &[&str]) -> serde_json::Value {
    let report = json(&persona(
        ws,
        &["import-customers", &data(file), "--icp", icp, "--json"],
    ));
    let kept: Vec<&str> = report["mapped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kept"] == true)
        .map(|m| m["field"].as_str().unwrap())
        .collect();
    for field in fields {
        assert!(
            kept.contains(field),
            "{file}: {field} not kept; kept {kept:?}"
        );
    }
    report
}

#[test]
fn shop_exports_come_in_as_shoppers_without_personal_data() {
    let (_dir, ws) = workspace(&["shop"]);
    let r = import(
        &ws,
        "shopify_customers.csv",
        "shop",
        &[
            "customer_id",
            "lifetime_value",
            "orders",
            "tags",
            "accepts_marketing",
            "city",
            "region",
            "country",
        ],
    );
    assert_eq!(r["source"], "Shopify customers");
    assert_eq!(r["kind"], "shopper");
    assert_eq!(r["added"], 8);
    let c = customers(&ws, "shop");
    let dana = &c[0];
    assert_eq!(text(dana, "id"), "shopify:7023145648389");
    assert_eq!(text(dana, "kind"), "shopper");
    assert_eq!(text(dana, "country_code"), "US");
    assert_eq!(text(dana, "lifetime_value"), "1843.20");
    assert_eq!(text(dana, "lifetime_value_band"), "1K-2.5K");
    assert_eq!(text(dana, "orders"), "14");
    assert_eq!(dana["tags"].as_array().unwrap().len(), 2);
    assert_eq!(dana["accepts_marketing"].as_bool(), Some(true));
    for key in ["name", "email", "company"] {
        assert!(c.iter().all(|x| !x.contains_key(key)), "{key} kept");
    }

    let r = import(
        &ws,
        "shopify_customers_legacy.csv",
        "shop",
        &["lifetime_value", "orders", "accepts_marketing", "country"],
    );
    assert_eq!(r["source"], "Shopify customers (legacy layout)");
    assert_eq!(r["kind"], "shopper");

    let r = import(
        &ws,
        "woocommerce_customers.csv",
        "shop",
        &[
            "lifetime_value",
            "orders",
            "average_order_value",
            "last_order",
            "create_date",
            "country",
        ],
    );
    assert_eq!(r["source"], "WooCommerce customers");
    assert_eq!(r["kind"], "shopper");
    let vienna = customers(&ws, "shop")
        .into_iter()
        .find(|c| text(c, "city") == "Wien")
        .unwrap();
    assert_eq!(text(&vienna, "country_code"), "AT");
    assert_eq!(text(&vienna, "average_order_value"), "180.91");

    // One customer with an empty name: the rest of the file still comes in.
    let r = import(
        &ws,
        "stripe_customers.csv",
        "shop",
        &[
            "record_id",
            "lifetime_value",
            "orders",
            "currency",
            "country",
        ],
    );
    assert_eq!(r["source"], "Stripe customers");
    assert_eq!(r["added"], 3);
    let stripe: Vec<toml::Table> = customers(&ws, "shop")
        .into_iter()
        .filter(|c| text(c, "id").starts_with("stripe:"))
        .collect();
    assert_eq!(text(&stripe[1], "country_code"), "GB");
    assert_eq!(text(&stripe[1], "currency"), "GBP");
    assert_eq!(text(&stripe[2], "lifetime_value_band"), "1K-2.5K");
}

#[test]
fn crm_and_data_vendor_exports_come_in_as_accounts() {
    let (_dir, ws) = workspace(&["hubspot", "salesforce", "apollo", "zoominfo", "crunchbase"]);
    let r = import(
        &ws,
        "hubspot_companies.csv",
        "hubspot",
        &[
            "company",
            "domain",
            "industry",
            "employees",
            "revenue",
            "city",
            "region",
            "country",
            "lifecycle_stage",
            "tools",
        ],
    );
    assert_eq!(r["kind"], "account");
    let c = customers(&ws, "hubspot");
    assert_eq!(text(&c[0], "id"), "hubspot:9876543210");
    assert_eq!(text(&c[0], "domain"), "acmeoutdoor.com");
    assert_eq!(text(&c[0], "size_band"), "51-200");
    assert_eq!(text(&c[0], "revenue_band"), "10M-50M");
    assert_eq!(c[0]["tools"].as_array().unwrap().len(), 3);
    assert_eq!(text(&c[2], "size_band"), "1001-5000");
    assert_eq!(text(&c[2], "currency"), "USD");
    // A contacts export: each person's company.
    let r = import(
        &ws,
        "hubspot_contacts.csv",
        "hubspot",
        &["company", "city", "country"],
    );
    assert_eq!(r["source"], "HubSpot contacts");
    assert_eq!(
        (r["added"].as_u64(), r["updated"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(
        customers(&ws, "hubspot")
            .iter()
            .all(|c| !c.contains_key("email"))
    );

    let r = import(
        &ws,
        "salesforce_accounts.csv",
        "salesforce",
        &[
            "company",
            "industry",
            "revenue",
            "employees",
            "city",
            "region",
            "country",
            "domain",
        ],
    );
    assert_eq!(r["rows"], 3, "the report's footer is not read as rows");
    let c = customers(&ws, "salesforce");
    assert_eq!(text(&c[0], "company"), "Acme Outdoor, Inc.");
    assert_eq!(text(&c[0], "revenue_band"), "10M-50M");
    assert_eq!(text(&c[1], "country_code"), "GB");
    assert_eq!(text(&c[2], "revenue_band"), "50M-100M");

    import(
        &ws,
        "apollo_companies.csv",
        "apollo",
        &[
            "company",
            "employees",
            "industry",
            "domain",
            "country",
            "tools",
            "funding_stage",
            "founded",
        ],
    );
    let r = import(
        &ws,
        "apollo_people.csv",
        "apollo",
        &["company", "employees", "industry", "country", "tools"],
    );
    assert_eq!(r["source"], "Apollo people");
    let c = customers(&ws, "apollo");
    assert_eq!(c.len(), 2, "the person's company is the one already there");
    assert_eq!(
        text(&c[0], "city"),
        "Asheville",
        "the company's city, not the person's"
    );
    assert_eq!(text(&c[1], "region"), "Bavaria");
    assert_eq!(text(&c[1], "funding_stage"), "Series A");

    import(
        &ws,
        "zoominfo_companies.csv",
        "zoominfo",
        &["company", "revenue", "employees", "industry", "country"],
    );
    import(
        &ws,
        "zoominfo_people.csv",
        "zoominfo",
        &["company", "revenue"],
    );
    let c = customers(&ws, "zoominfo");
    assert_eq!(text(&c[0], "revenue"), "52,000 thousand USD");
    assert_eq!(text(&c[0], "revenue_band"), "50M-100M");
    assert_eq!(text(&c[0], "size_band"), "501-1000");
    assert_eq!(
        text(&c[1], "revenue_band"),
        "1M-10M",
        "a range when no amount"
    );
    assert_eq!(text(&c[1], "country_code"), "CH");
    assert_eq!(
        text(&c[2], "id"),
        "zoominfo:347344392",
        "the company's id, not the person's"
    );

    let r = import(
        &ws,
        "crunchbase_organizations.csv",
        "crunchbase",
        &[
            "company",
            "industry",
            "location",
            "employees",
            "revenue",
            "funding_stage",
        ],
    );
    assert_eq!(r["source"], "Crunchbase organizations");
    let c = customers(&ws, "crunchbase");
    assert_eq!(text(&c[0], "city"), "Boulder");
    assert_eq!(text(&c[0], "region"), "Colorado");
    assert_eq!(text(&c[0], "country_code"), "US");
    assert_eq!(text(&c[0], "industry"), "E-Commerce");
    assert_eq!(text(&c[1], "revenue_band"), "<1M");
}

#[test]
fn a_hand_kept_sheet_with_semicolons_bom_and_crlf() {
    let (_dir, ws) = workspace(&["sheet"]);
    let r = import(
        &ws,
        "sheet_semicolon.csv",
        "sheet",
        &[
            "company",
            "industry",
            "employees",
            "revenue",
            "country",
            "tools",
            "criterion",
        ],
    );
    assert_eq!(r["delimiter"], ";");
    let c = customers(&ws, "sheet");
    assert_eq!(text(&c[0], "company"), "Bergwerk Sport GmbH");
    assert_eq!(text(&c[0], "size_band"), "1001-5000");
    assert_eq!(text(&c[0], "revenue_band"), "1M-10M");
    assert_eq!(text(&c[0], "currency"), "EUR");
    assert_eq!(text(&c[0], "country_code"), "DE");
    assert!(text(&c[0], "criterion").contains('\n'));
    assert_eq!(text(&c[1], "size_band"), "11-50");
    assert_eq!(text(&c[1], "country_code"), "AT");
}
