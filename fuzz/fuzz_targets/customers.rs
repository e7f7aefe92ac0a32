//! Any bytes given to the customer import: the table reader gives rows in
//! line order or an error, the normalisers give a value or nothing, and a
//! whole import gives a report or an error, never a panic. What an import
//! stores saves and loads back equal, and holds no shopper's name or e-mail.

#![no_main]

use libfuzzer_sys::fuzz_target;
use persona::domain::normalise;
use persona::domain::{CustomerKind, Icp};
use persona::import::customers::{self, Cut, Options};
use persona::import::table::Table;
use persona::store::codec::{decode, encode};

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = Table::from_reader(data) {
        let mut last = table.header_line();
        for row in table {
            match row {
                Ok(row) => {
                    assert!(row.line() >= last, "rows come in line order");
                    last = row.line();
                }
                Err(_) => break,
            }
        }
    }

    let text = String::from_utf8_lossy(data);
    let _ = normalise::money(&text, 1000.0, Some("USD"));
    let _ = normalise::employee_band(&text);
    let _ = normalise::country(&text);
    let _ = normalise::location(&text);
    let _ = normalise::region(&text, Some("US"));
    let _ = normalise::date(&text);
    let _ = normalise::industry_label(&text);

    let path = std::env::temp_dir().join(format!("persona-fuzz-{}.csv", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let flags = data.first().copied().unwrap_or(0);
    let options = Options {
        kind: match flags & 3 {
            1 => Some(CustomerKind::Account),
            2 => Some(CustomerKind::Shopper),
            _ => None,
        },
        best_by: (flags & 4 != 0).then(|| ("lifetime_value".to_string(), Cut::Share(10.0), "10%".to_string())),
        skip_bad: flags & 8 != 0,
        ..Options::default()
    };
    let mut icp = Icp::new("fuzz", "Fuzz", "icp");
    let mut salt = || Ok(vec![7u8; 32]);
    let today = jiff::civil::date(2026, 1, 1);
    if customers::import(&path, &options, &mut icp, &mut salt, today, &mut |_, _, _| {}).is_ok() {
        for c in &icp.best_customers {
            if c.kind == CustomerKind::Shopper {
                assert!(c.name.is_empty() && c.email.is_empty(), "a shopper's name or e-mail kept");
            }
        }
        let text = encode(&icp).expect("an imported ICP encodes");
        let mut again: Icp = decode("icp.toml", text.as_bytes()).expect("and decodes");
        again.id = icp.id.clone();
        assert_eq!(again, icp);
        let _ = persona::domain::tally::best_customers(&icp);
    }
    let _ = std::fs::remove_file(&path);
});
