//! Shoppers are personal data, and the workspace is shared in git: after
//! importing every shop export, no name, e-mail, phone or street of theirs
//! is in any file of the workspace, unless `--keep-names` asked for them.

mod cli_support;

use cli_support::persona;
use std::fs;
use std::path::{Path, PathBuf};

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/customers")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    assert_eq!(persona(&ws, &["init"]).code, 0);
    fs::create_dir_all(ws.join("icps/shop")).unwrap();
    fs::write(
        ws.join("icps/shop/icp.toml"),
        "schema = 1\nname = \"Shop\"\ntemplate = \"icp\"\n",
    )
    .unwrap();
    (dir, ws)
}

/// The text of every file in the workspace, with its path.
fn every_file(ws: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![ws.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((
                    path.clone(),
                    String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned(),
                ));
            }
        }
    }
    out
}

/// Names, e-mails, phones and streets in the shop exports of
/// `tests/data/customers`.
const PERSONAL: [&str; 22] = [
    "Dana",
    "Whitfield",
    "dana.whitfield@example.com",
    "Okafor",
    "sam.okafor",
    "Tanaka",
    "Berger",
    "l.berger@example.de",
    "Priya",
    "Jordan Reyes",
    "Chloé",
    "Alex Kim",
    "Souza",
    "Fletcher",
    "Lena Vogel",
    "lvogel",
    "guest-4411",
    "Kai Schmidt",
    "no-name@example.org",
    "3035550142",
    "Pearl St",
    "Leopoldstr",
];

const SHOP_EXPORTS: [&str; 4] = [
    "shopify_customers.csv",
    "shopify_customers_legacy.csv",
    "woocommerce_customers.csv",
    "stripe_customers.csv",
];

#[test]
fn no_name_or_e_mail_of_a_shopper_reaches_any_file() {
    let (_dir, ws) = workspace();
    for file in SHOP_EXPORTS {
        let run = persona(&ws, &["import-customers", &data(file), "--icp", "shop"]);
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
        let run = persona(
            &ws,
            &[
                "import-customers",
                &data(file),
                "--icp",
                "shop",
                "--best-by",
                "lifetime_value",
                "--top",
                "50%",
            ],
        );
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
    }
    let files = every_file(&ws);
    assert!(files.len() >= 4);
    for (path, text) in &files {
        for word in PERSONAL {
            assert!(!text.contains(word), "{} holds `{word}`", path.display());
        }
    }
    // Shoppers without a customer id are keyed by a salted hash; the salt
    // stays on this machine.
    let ignore = fs::read_to_string(ws.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == ".local/"), "{ignore}");
    let icp = fs::read_to_string(ws.join("icps/shop/icp.toml")).unwrap();
    assert!(icp.contains("id = \"email:"), "{icp}");
    // The same e-mail is the same customer on a second import.
    let before = icp.matches("[[best_customers]]").count();
    let run = persona(
        &ws,
        &[
            "import-customers",
            &data("woocommerce_customers.csv"),
            "--icp",
            "shop",
            "--best-by",
            "lifetime_value",
            "--top",
            "50%",
        ],
    );
    assert!(
        run.stdout.contains("Added 0, updated 0, unchanged 2."),
        "{}",
        run.stdout
    );
    let after = fs::read_to_string(ws.join("icps/shop/icp.toml")).unwrap();
    assert_eq!(after.matches("[[best_customers]]").count(), before);
    // And nothing personal on the screen either.
    let shown = persona(&ws, &["show", "shop"]);
    let tally = persona(&ws, &["tally", "--icp", "shop", "--json"]);
    for word in PERSONAL {
        assert!(!shown.stdout.contains(word), "show: {word}");
        assert!(!tally.stdout.contains(word), "tally: {word}");
    }
}

#[test]
fn keep_names_keeps_them_when_asked() {
    let (_dir, ws) = workspace();
    let run = persona(
        &ws,
        &[
            "import-customers",
            &data("shopify_customers.csv"),
            "--icp",
            "shop",
            "--keep-names",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let icp = fs::read_to_string(ws.join("icps/shop/icp.toml")).unwrap();
    assert!(icp.contains("name = \"Dana Whitfield\""), "{icp}");
    assert!(
        icp.contains("email = \"dana.whitfield@example.com\""),
        "{icp}"
    );
    assert!(!icp.contains("Pearl St"), "addresses are never kept: {icp}");
    assert!(!icp.contains("3035550142"), "nor phones: {icp}");
}
