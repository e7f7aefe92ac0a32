//! What the outcome tests share: the test data, importing it, reading it
//! back the test's own way.

#![allow(dead_code)]

use crate::cli_support::{self, persona};
use jiff::civil::Date;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

pub fn data(name: &str) -> String {
    format!("{}/tests/data/outcomes/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn import(ws: &Path, file: &str, source: &str, extra: &[&str]) -> cli_support::Run {
    let path = data(file);
    let mut args = vec!["outcomes", "import", path.as_str(), "--source", source];
    args.extend_from_slice(extra);
    let run = persona(ws, &args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    run
}

pub fn report_json(ws: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--json"];
    args.extend_from_slice(extra);
    let run = persona(ws, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// A CSV read by header, the test's own way.
pub fn rows(file: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(data(file)).unwrap();
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

pub fn day(text: &str) -> Date {
    text[..10].parse().unwrap()
}

pub fn line<'a>(list: &'a Value, key: &str, value: Option<&str>) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|l| l[key].as_str() == value)
        .unwrap_or_else(|| panic!("no {key} {value:?} in {list:#}"))
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// `12.3% (n=45)`, as the report prints a rate.
pub fn printed(count: u64, n: u64) -> String {
    format!("{:.1}% (n={n})", count as f64 / n as f64 * 100.0)
}
