//! `import-customers` on big exports, against Python's `csv` module merely
//! reading the same file, both timed in the same rounds.
//!
//! `cargo bench --bench customers` (add `-- --runs 7` for more rounds,
//! `--rows N` for another size, `--out DIR` to only write the two exports
//! into DIR). Generates Shopify- and WooCommerce-shaped
//! customer exports in a temporary folder, then in each round times:
//! Python reading every row (`for row in csv.reader(f): pass`, the floor),
//! and the release binary importing the file into an empty ICP with
//! `--best-by lifetime_value --top 10%` (both passes, the baseline, the
//! merge and the save). Prints medians as a markdown table, each import as a
//! ratio against the floor of the same file, and peak memory (GNU time) of
//! imports of twice as many rows with the same number picked: memory follows
//! what is stored, not the rows read.
//!
//! Not a criterion bench on purpose: the target is a ratio against a floor
//! measured in the same run, on a machine shared with other builds.

mod timing;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use timing::rng::Rng;
use timing::{bin, median, ms, peak_mb, run_ok};

const FIRST: [&str; 8] = [
    "Alex", "Sam", "Jordan", "Taylor", "Casey", "Riley", "Chloé", "Mei",
];
const LAST: [&str; 8] = [
    "Garcia", "Nguyen", "Smith", "Okafor", "Müller", "Lee", "Walker", "Kim",
];
const PLACES: [(&str, &str, &str); 8] = [
    ("Denver", "CO", "US"),
    ("Boulder", "CO", "US"),
    ("Austin", "TX", "US"),
    ("Portland", "OR", "US"),
    ("Toronto", "ON", "CA"),
    ("München", "BY", "DE"),
    ("Manchester", "ENG", "GB"),
    ("Sydney", "NSW", "AU"),
];
const TAGS: [&str; 6] = [
    "",
    "VIP",
    "newsletter",
    "\"wholesale, VIP\"",
    "repeat",
    "\"hiking, camping\"",
];

/// A Shopify customers export (current layout) of `rows` shoppers.
fn shopify(rows: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::from(
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags\n",
    );
    for i in 0..rows {
        let (city, province, country) = PLACES[rng.below(8)];
        let spent = rng.below(300_000) as f64 / 100.0;
        let _ = writeln!(
            out,
            "'{},{},{},customer{i}@example.com,{},,{} Pine St,,{city},{province},{country},'{:05},'+1303555{:04},,no,{spent:.2},{},,no,{}",
            7_023_140_000_000u64 + i as u64,
            rng.pick(&FIRST),
            rng.pick(&LAST),
            if rng.below(2) == 0 { "yes" } else { "no" },
            rng.below(9999),
            rng.below(99_999),
            rng.below(10_000),
            1 + rng.below(30),
            rng.pick(&TAGS),
        );
    }
    out
}

/// A WooCommerce customers report of `rows` shoppers (no customer id: each
/// is keyed by a salted hash of the e-mail).
fn woocommerce(rows: usize) -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut out = String::from(
        "Name,Username,Last Active,Sign Up,Email,Orders,Total Spend,AOV,Country / Region,City,Region,Postal Code\n",
    );
    for i in 0..rows {
        let (city, province, country) = PLACES[rng.below(8)];
        let orders = 1 + rng.below(20);
        let spent = rng.below(300_000) as f64 / 100.0;
        let _ = writeln!(
            out,
            "{} {},user{i},2026-{:02}-{:02} 10:00:00,20{:02}-{:02}-01 09:00:00,shopper{i}@example.org,{orders},{spent:.2},{:.2},{country},{city},{province},{:05}",
            rng.pick(&FIRST),
            rng.pick(&LAST),
            1 + rng.below(11),
            1 + rng.below(28),
            18 + rng.below(8),
            1 + rng.below(12),
            spent / orders as f64,
            rng.below(99_999),
        );
    }
    out
}

const PYTHON_READ: &str = "import csv, sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f:\n    for row in csv.reader(f):\n        pass\n";

struct Args {
    runs: usize,
    rows: usize,
    /// `--out DIR`: only write the generated exports there (to profile an
    /// import, or compare what it writes before and after a change).
    out: Option<PathBuf>,
}

fn args() -> Args {
    let mut args = Args {
        runs: 5,
        rows: 50_000,
        out: None,
    };
    let all: Vec<String> = std::env::args().collect();
    for pair in all.windows(2) {
        match pair[0].as_str() {
            "--runs" => args.runs = pair[1].parse().expect("--runs N"),
            "--rows" => args.rows = pair[1].parse().expect("--rows N"),
            "--out" => args.out = Some(PathBuf::from(&pair[1])),
            _ => {}
        }
    }
    args
}

/// A fresh workspace with one empty ICP.
fn workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    let _ = fs::remove_dir_all(&ws);
    run_ok(Command::new(bin()).arg("--workspace").arg(&ws).arg("init"));
    fs::create_dir_all(ws.join("icps/shop")).unwrap();
    fs::write(
        ws.join("icps/shop/icp.toml"),
        "schema = 1\nname = \"Shop\"\ntemplate = \"ecommerce-icp\"\n",
    )
    .unwrap();
    ws
}

fn import(ws: &Path, file: &Path, top: &str) -> Command {
    let mut cmd = Command::new(bin());
    cmd.arg("--workspace")
        .arg(ws)
        .arg("import-customers")
        .arg(file)
        .args(["--icp", "shop", "--best-by", "lifetime_value", "--top", top]);
    cmd
}

fn main() {
    let Args { runs, rows, out } = args();
    if let Some(out) = out {
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("shopify.csv"), shopify(rows)).unwrap();
        fs::write(out.join("woo.csv"), woocommerce(rows)).unwrap();
        println!(
            "wrote shopify.csv and woo.csv ({rows} rows) to {}",
            out.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "Shopify customers",
            dir.path().join("shopify.csv"),
            shopify(rows),
        ),
        (
            "WooCommerce customers (e-mail keys)",
            dir.path().join("woo.csv"),
            woocommerce(rows),
        ),
    ];
    for (_, path, text) in &files {
        fs::write(path, text).unwrap();
    }
    let python = |file: &Path| -> Duration {
        run_ok(Command::new("python3").arg("-c").arg(PYTHON_READ).arg(file))
    };
    // Warm the page cache and the binary once.
    for (_, path, _) in &files {
        python(path);
    }
    let mut floors = vec![Vec::new(); files.len()];
    let mut imports = vec![Vec::new(); files.len()];
    for round in 0..runs {
        for (i, (_, path, _)) in files.iter().enumerate() {
            floors[i].push(python(path));
            let ws = workspace(dir.path());
            imports[i].push(run_ok(&mut import(&ws, path, "10%")));
            eprintln!("round {}/{runs}: {}", round + 1, path.display());
        }
    }
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "import-customers of {rows} rows, medians of {runs} rounds (load average {}):\n",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "| export | size | Python `csv` reading it | `import-customers --best-by lifetime_value --top 10%` | ratio |"
    );
    println!("|---|---:|---:|---:|---:|");
    for (i, (name, path, _)) in files.iter().enumerate() {
        let floor = median(floors[i].clone());
        let import = median(imports[i].clone());
        println!(
            "| {name} | {:.1} MB | {} | {} | {:.2}x |",
            fs::metadata(path).unwrap().len() as f64 / 1e6,
            ms(floor),
            ms(import),
            import.as_secs_f64() / floor.as_secs_f64()
        );
    }
    // Memory: the same number picked from twice the rows.
    let double = dir.path().join("shopify-double.csv");
    fs::write(&double, shopify(rows * 2)).unwrap();
    let ws = workspace(dir.path());
    let one = peak_mb(&import(&ws, &files[0].1, "500"));
    let ws = workspace(dir.path());
    let two = peak_mb(&import(&ws, &double, "500"));
    if let (Some(one), Some(two)) = (one, two) {
        println!(
            "\nPeak memory, 500 best picked: {one:.1} MB from {rows} rows, {two:.1} MB from {} rows.",
            rows * 2
        );
    }
}
