//! Re-imports merge and never wipe; bad rows stop everything unless
//! `--skip-bad`; `--dry-run` writes nothing; `--best-by` picks and demotes.

mod cli_support;

use cli_support::persona;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    assert_eq!(persona(&ws, &["init"]).code, 0);
    fs::create_dir_all(ws.join("icps/out")).unwrap();
    fs::write(
        ws.join("icps/out/icp.toml"),
        "schema = 1\nname = \"Outdoor\"\ntemplate = \"icp\"\n",
    )
    .unwrap();
    (dir, ws)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn icp_text(ws: &Path) -> String {
    fs::read_to_string(ws.join("icps/out/icp.toml")).unwrap()
}

fn customers(ws: &Path) -> Vec<toml::Table> {
    let table: toml::Table = icp_text(ws).parse().unwrap();
    table["best_customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_table().unwrap().clone())
        .collect()
}

/// Every file under the workspace with its bytes.
fn snapshot(ws: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![ws.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

const COMPANIES: &str = "Record ID,Company name,Company Domain Name,Industry,Number of Employees,Annual Revenue,Country/Region,Web Technologies\n\
1,Acme Outdoor,acmeoutdoor.com,Sporting Goods,120,18000000,United States,Shopify Plus;Klaviyo\n\
2,Trailhead Supply,trailhead.com,Retail,45,4200000,USA,Shopify\n";

#[test]
fn a_second_import_with_fewer_columns_changes_nothing_it_lacks() {
    let (dir, ws) = workspace();
    let first = write(dir.path(), "companies.csv", COMPANIES);
    assert_eq!(
        persona(&ws, &["import-customers", &first, "--icp", "out"]).code,
        0
    );
    // A teammate writes why Acme is one of the best, by hand.
    let edited = icp_text(&ws).replacen(
        "company = \"Acme Outdoor\"",
        "company = \"Acme Outdoor\"\ncriterion = \"Renewed twice\"",
        1,
    );
    fs::write(ws.join("icps/out/icp.toml"), edited).unwrap();

    let second = write(
        dir.path(),
        "sizes.csv",
        "Record ID,Company name,Number of Employees\n1,Acme Outdoor,130\n2,Trailhead Supply,45\n",
    );
    let run = persona(&ws, &["import-customers", &second, "--icp", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Added 0, updated 1 (size 1), unchanged 1."),
        "{}",
        run.stdout
    );
    let c = customers(&ws);
    assert_eq!(c.len(), 2);
    let acme = &c[0];
    assert_eq!(acme["size"].as_str(), Some("130"));
    assert_eq!(acme["size_band"].as_str(), Some("51-200"));
    for (key, value) in [
        ("industry", "Sporting Goods"),
        ("revenue", "18000000"),
        ("domain", "acmeoutdoor.com"),
        ("criterion", "Renewed twice"),
        ("country_code", "US"),
    ] {
        assert_eq!(acme[key].as_str(), Some(value), "{key}");
    }
    assert_eq!(acme["tools"].as_array().unwrap().len(), 2);
}

#[test]
fn unidentifiable_rows_stop_the_import_unless_skipped() {
    let (dir, ws) = workspace();
    let file = write(
        dir.path(),
        "shop.csv",
        "Customer ID,Email,Total Spent,Total Orders,Default Address Country Code\n\
         '101,a@example.com,120.00,2,US\n\
         ,,80.00,1,CA\n\
         '103,c@example.com,45.00,1,US\n\
         \"Broken \"quote\",x@example.com,5,1,US\n",
    );
    let before = snapshot(&ws);
    let run = persona(&ws, &["import-customers", &file, "--icp", "out"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("shop.csv:3: no customer id and no e-mail"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("shop.csv:5: a quoted cell goes on"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 rows cannot be imported"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&ws), before, "nothing written");

    let run = persona(
        &ws,
        &["import-customers", &file, "--icp", "out", "--skip-bad"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("shop.csv:3: skipped: no customer id"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("shop.csv:5: skipped:"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("Added 2,"), "{}", run.stdout);
    let ids: Vec<String> = customers(&ws)
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["shopify:101", "shopify:103"]);
}

#[test]
fn a_dry_run_shows_everything_and_writes_nothing() {
    let (dir, ws) = workspace();
    let file = write(
        dir.path(),
        "woo.csv",
        "Name,Username,Email,Orders,Total Spend,AOV,Country / Region\n\
         Dana Whitfield,danaw,dana@example.com,14,1843.20,131.66,United States (US)\n",
    );
    let before = snapshot(&ws);
    let run = persona(
        &ws,
        &["import-customers", &file, "--icp", "out", "--dry-run"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Dry run: nothing was written."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Total Spend"), "{}", run.stdout);
    assert!(run.stdout.contains("→ lifetime_value"), "{}", run.stdout);
    assert!(run.stdout.contains("Would add 1"), "{}", run.stdout);
    assert!(run.stdout.contains("[[best_customers]]"), "{}", run.stdout);
    assert!(
        run.stdout.contains("lifetime_value = \"1843.20\""),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("dana@example.com"), "{}", run.stdout);
    assert_eq!(snapshot(&ws), before, "not even the salt is written");

    let run = persona(
        &ws,
        &[
            "import-customers",
            &file,
            "--icp",
            "out",
            "--dry-run",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["kind"], "shopper");
    assert_eq!(v["added"], 1);
    assert_eq!(v["preview"][0]["lifetime_value"], "1843.20");
    assert!(
        v["mapped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["column"] == "Email" && m["field"] == "email" && m["kept"] == false)
    );
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn best_by_picks_the_top_and_a_new_list_demotes_who_fell_out() {
    let (dir, ws) = workspace();
    let list = |spent: [u32; 5]| {
        let mut text =
            String::from("Customer ID,Total Spent,Total Orders,Default Address Country Code\n");
        for (i, s) in spent.iter().enumerate() {
            text.push_str(&format!("'{},{s}.00,{},US\n", 100 + i, 1 + i));
        }
        text
    };
    let first = write(dir.path(), "october.csv", &list([50, 900, 300, 1200, 80]));
    let run = persona(
        &ws,
        &[
            "import-customers",
            &first,
            "--icp",
            "out",
            "--best-by",
            "ltv",
            "--top",
            "2",
            "--currency",
            "usd",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Top 2 by lifetime value (Total Spent): 2 of 5 customers with a value, each at least 900.00 USD"),
        "{}",
        run.stdout
    );
    let ids = |ws: &Path| -> Vec<String> {
        customers(ws)
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&ws), ["shopify:103", "shopify:101"]);
    let table: toml::Table = icp_text(&ws).parse().unwrap();
    let rule = &table["best_by"][0];
    assert_eq!(rule["by"].as_str(), Some("lifetime_value"));
    assert_eq!(rule["top"].as_str(), Some("2"));
    assert_eq!(rule["picked"].as_integer(), Some(2));
    assert_eq!(rule["of"].as_integer(), Some(5));
    assert_eq!(
        table["baseline"]["shopify"]["customers"].as_integer(),
        Some(5)
    );

    let second = write(dir.path(), "november.csv", &list([50, 900, 2000, 1200, 80]));
    let run = persona(
        &ws,
        &[
            "import-customers",
            &second,
            "--icp",
            "out",
            "--best-by",
            "lifetime_value",
            "--top",
            "2",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("no longer picked"), "{}", run.stdout);
    assert!(run.stdout.contains("shopify:101"), "{}", run.stdout);
    assert_eq!(ids(&ws), ["shopify:103", "shopify:102"]);

    let third = write(dir.path(), "min.csv", &list([50, 900, 2000, 1200, 80]));
    let run = persona(
        &ws,
        &[
            "import-customers",
            &third,
            "--icp",
            "out",
            "--best-by",
            "Total Orders",
            "--min",
            "4",
            "--dry-run",
        ],
    );
    assert!(
        run.stdout
            .contains("Number of orders (Total Orders) of at least 4: 2 of 5"),
        "{}",
        run.stdout
    );
}

#[test]
fn usage_mistakes_are_named() {
    let (dir, ws) = workspace();
    let file = write(dir.path(), "c.csv", COMPANIES);
    let run = |args: &[&str]| {
        let mut all = vec!["import-customers", file.as_str(), "--icp", "out"];
        all.extend_from_slice(args);
        persona(&ws, &all)
    };
    assert_eq!(
        run(&["--best-by", "revenue"]).code,
        2,
        "needs --top or --min"
    );
    assert_eq!(run(&["--top", "5"]).code, 2, "needs --best-by");
    let bad_map = run(&["--map", "colour=Industry"]);
    assert_eq!(bad_map.code, 2);
    assert!(
        bad_map.stderr.contains("unknown field `colour`"),
        "{}",
        bad_map.stderr
    );
    let no_column = run(&["--map", "orders=Purchases"]);
    assert_eq!(no_column.code, 1);
    assert!(
        no_column.stderr.contains("no column `Purchases`"),
        "{}",
        no_column.stderr
    );
    let no_ltv = run(&["--best-by", "ltv", "--top", "1"]);
    assert_eq!(no_ltv.code, 1);
    assert!(
        no_ltv.stderr.contains("has no column for lifetime value"),
        "{}",
        no_ltv.stderr
    );
    let top = run(&["--best-by", "revenue", "--top", "ten"]);
    assert_eq!(top.code, 1);
    assert!(top.stderr.contains("--top ten"), "{}", top.stderr);
    let kind = run(&["--kind", "shoppers", "--dry-run"]);
    assert_eq!(kind.code, 0, "{}", kind.stderr);
    assert!(
        kind.stdout.contains("shoppers (as asked)"),
        "{}",
        kind.stdout
    );
    let mapped = run(&["--map", "seniority=Industry", "--dry-run", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&mapped.stdout).unwrap();
    assert_eq!(v["preview"][0]["more"]["seniority"], "Sporting Goods");
}

#[test]
fn an_icp_that_does_not_load_is_named_not_called_missing() {
    let (dir, ws) = workspace();
    fs::write(
        ws.join("icps/out/icp.toml"),
        "schema = 99\nname = \"From the future\"\ntemplate = \"icp\"\n",
    )
    .unwrap();
    let file = write(dir.path(), "c.csv", COMPANIES);
    let run = persona(&ws, &["import-customers", &file, "--icp", "out"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("could not be loaded"), "{}", run.stderr);
    assert!(run.stderr.contains("icps/out/icp.toml"), "{}", run.stderr);
}
