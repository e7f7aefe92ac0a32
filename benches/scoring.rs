//! Scoring speed and memory: `persona score` on 1,000,000 leads with 20
//! rules, against Python's `csv` module merely reading the same file.
//!
//! `cargo bench --bench scoring` (`-- --runs 5` for more rounds, `--rows N`
//! for another size). Generates an Apollo/HubSpot-shaped lead file of 20
//! columns and a demo workspace whose ICP has 20 rules (every operator, a
//! capped group, a disqualifier, three segments), then times, in
//! interleaved rounds so noise on a shared machine hits both alike:
//!
//! - the floor: `python3 -c 'import csv; for row in csv.reader(f): pass'`;
//! - `persona score ICP leads.csv --out scored.csv`.
//!
//! and prints the medians and their ratio (target: at most 3x), plus the
//! peak memory of `score` on a tenth of the rows and on all of them (flat
//! memory: the two should be about the same). Needs `python3`; peak memory
//! needs GNU time at `/usr/bin/time`.

mod timing;

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use timing::rng::Rng;
use timing::{bin, median, peak_mb, run_ok as run};

const ICP: &str = "independent-outdoor-retail";

/// Twenty rules over the kinds of field a lead file has.
const RULES: &str = r#"schema = 1

[[tiers]]
name = "A"
min = 70

[[tiers]]
name = "B"
min = 40

[[tiers]]
name = "C"

[[groups]]
id = "stack"
label = "tech stack"
cap = 30

[[rules]]
id = "outdoor"
field = "industry"
contains = ["outdoor", "sporting", "camping", "ski", "paddle"]
points = 25

[[rules]]
id = "retail"
field = "industry"
equals = "retail"
points = 10

[[rules]]
id = "staff-20-to-200"
field = "employees"
min = 20
max = 200
points = 15

[[rules]]
id = "under-20"
field = "employees"
max = 19
points = -15

[[rules]]
id = "over-1000"
field = "employees"
min = 1001
points = -10

[[rules]]
id = "revenue-5-to-40m"
field = "revenue"
min = 5000000
max = 40000000
currency = "USD"
points = 10

[[rules]]
id = "tiny-revenue"
field = "revenue"
max = 250000
points = -10

[[rules]]
id = "us"
field = "country"
equals = "US"
points = 10

[[rules]]
id = "canada-uk"
field = "country"
one_of = ["Canada", "United Kingdom"]
points = 5

[[rules]]
id = "shopify"
field = "tools"
contains = "shopify"
points = 15
group = "stack"

[[rules]]
id = "pos"
field = "tools"
contains = ["Shopify POS", "Lightspeed", "Square"]
points = 10
group = "stack"

[[rules]]
id = "klaviyo"
field = "tools"
equals = "Klaviyo"
points = 5
group = "stack"

[[rules]]
id = "accounting"
field = "tools"
one_of = ["NetSuite", "QuickBooks"]
points = 5
group = "stack"

[[rules]]
id = "magento"
field = "tools"
contains = "magento"
points = -5

[[rules]]
id = "buyer-title"
field = "job_title"
contains = ["operations", "owner", "founder", "ecommerce"]
points = 10

[[rules]]
id = "senior"
field = "seniority"
one_of = ["owner", "founder", "c suite", "vp", "head", "director"]
points = 5

[[rules]]
id = "has-website"
field = "domain"
present = true
points = 2

[[rules]]
id = "stores"
field = "Number of Retail Locations"
min = 2
points = 10

[[rules]]
id = "funded"
field = "funding"
min = 1
points = -5

[[rules]]
id = "rental"
field = "industry"
contains = ["rental", "hire"]
disqualify = true
reason = "mainly a rental shop"

[[segments]]
id = "shopify-chains"
[[segments.when]]
field = "tools"
contains = "shopify"
[[segments.when]]
field = "employees"
min = 50

[[segments]]
id = "lightspeed"
[[segments.when]]
field = "tools"
contains = "lightspeed"

[[segments]]
id = "outdoor"
[[segments.when]]
field = "industry"
contains = ["outdoor", "sporting"]
"#;

const HEADER: &str = "First Name,Last Name,Title,Company,Email,Seniority,Departments,# Employees,Industry,Website,City,State,Country,Technologies,Annual Revenue,Total Funding,Number of Retail Locations,Lifecycle Stage,Apollo Contact Id,Apollo Account Id";

fn generate(path: &Path, rows: usize) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = BufWriter::new(fs::File::create(path).unwrap());
    writeln!(out, "{HEADER}").unwrap();
    let first = [
        "Maya", "Tom", "Lena", "Greg", "Jess", "Sam", "Rachel", "Étienne", "Harriet", "太郎",
    ];
    let last = [
        "Chen", "Becker", "Ortiz", "Howard", "Nguyen", "Whitaker", "Stone", "Roy", "Lowe", "山田",
    ];
    let titles = [
        "Head of Operations",
        "Owner",
        "E-commerce Manager",
        "VP Merchandising",
        "Store Manager",
        "Founder & CEO",
        "Marketing Coordinator",
        "Director of Finance",
    ];
    let seniority = [
        "Head", "Owner", "Manager", "Vp", "Senior", "Founder", "Entry", "Director",
    ];
    let industries = [
        "sporting goods",
        "retail",
        "outdoor retail",
        "apparel & fashion",
        "computer software",
        "ski & snowboard rental",
        "consumer goods",
        "recreational facilities & services",
    ];
    let employees = [
        "8", "15", "26", "45", "75", "140", "180", "450", "2400", "", "11-50", "51-200",
    ];
    let countries = [
        "United States",
        "US",
        "USA",
        "Canada",
        "United Kingdom",
        "Germany",
        "Japan",
        "",
    ];
    let tools = [
        "Shopify",
        "Shopify Plus",
        "Shopify POS",
        "Lightspeed",
        "Klaviyo",
        "NetSuite",
        "QuickBooks",
        "Mailchimp",
        "Square",
        "Magento",
        "Google Analytics",
        "Salesforce",
    ];
    let revenue = [
        "22000000",
        "3100000",
        "7500000",
        "610000000",
        "900000",
        "",
        "9000000",
        "$12M",
        "4200000",
        "180000",
    ];
    let mut line = String::with_capacity(512);
    for i in 0..rows {
        line.clear();
        let n_tools = (rng.next() % 5) as usize;
        let mut stack = String::new();
        for t in 0..n_tools {
            if t > 0 {
                stack.push_str(", ");
            }
            stack.push_str(rng.pick(&tools));
        }
        let company = format!(
            "{} {} {i}",
            rng.pick(&last),
            rng.pick(&["Outfitters", "Gear Co", "Sports", "Supply", "Trading"])
        );
        let _ = writeln!(
            line,
            "{},{},{},{company},lead{i}@example.com,{},Operations,{},{},www.lead{i}.example,Boulder,Colorado,{},\"{stack}\",{},{},{},Lead,64b1f0a9e3c1a2{i:010},64b1f0a9e3c1b3{i:010}",
            rng.pick(&first),
            rng.pick(&last),
            rng.pick(&titles),
            rng.pick(&seniority),
            rng.pick(&employees),
            rng.pick(&industries),
            rng.pick(&countries),
            rng.pick(&revenue),
            rng.pick(&["", "", "", "2500000"]),
            rng.pick(&["1", "2", "3", "", "6"]),
        );
        out.write_all(line.as_bytes()).unwrap();
    }
    out.flush().unwrap();
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    let runs = value("--runs").unwrap_or(3);
    let rows = value("--rows").unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let status = Command::new(bin())
        .arg("--workspace")
        .arg(&ws)
        .args(["init", "--demo"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    fs::write(ws.join("icps").join(ICP).join("scoring.toml"), RULES).unwrap();
    let leads = dir.path().join("leads.csv");
    let tenth = dir.path().join("leads-tenth.csv");
    eprintln!("generating {rows} leads...");
    generate(&leads, rows);
    generate(&tenth, rows / 10);
    let size = fs::metadata(&leads).unwrap().len();
    let out = dir.path().join("scored.csv");
    let score = |file: &Path| {
        let mut cmd = Command::new(bin());
        cmd.arg("--workspace")
            .arg(&ws)
            .args(["score", ICP])
            .arg(file)
            .arg("--out")
            .arg(&out);
        cmd
    };
    let python = || {
        let mut cmd = Command::new("python3");
        cmd.arg("-c")
            .arg("import csv,sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f:\n    for row in csv.reader(f):\n        pass\n")
            .arg(&leads);
        cmd
    };
    // Warm the page cache and check both work.
    run(&mut python());
    run(&mut score(&leads));
    let (mut floor, mut scored) = (Vec::new(), Vec::new());
    for round in 0..runs {
        eprintln!("round {}/{runs}", round + 1);
        floor.push(run(&mut python()));
        scored.push(run(&mut score(&leads)));
    }
    let (floor, scored) = (median(floor), median(scored));
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "| figure ({rows} leads, 20 columns, {:.0} MB; 20 rules, 3 segments) | median of {runs} | ratio |",
        size as f64 / 1e6
    );
    println!("|---|---:|---:|");
    println!(
        "| floor: Python `csv.reader` reading the file | {:.2} s | 1.00x |",
        floor.as_secs_f64()
    );
    println!(
        "| `persona score` writing the scored file | {:.2} s | {:.2}x |",
        scored.as_secs_f64(),
        scored.as_secs_f64() / floor.as_secs_f64()
    );
    if let (Some(small), Some(big)) = (peak_mb(&score(&tenth)), peak_mb(&score(&leads))) {
        println!(
            "| peak memory of `score`, {} leads / {rows} leads | {small:.1} MB / {big:.1} MB | |",
            rows / 10
        );
    }
    println!(
        "\nload average when taken: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}
