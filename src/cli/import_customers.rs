//! `persona import-customers`: best customers from a CRM export.

use super::lookup::missing;
use super::{Failure, Outcome, load, note, plural};
use crate::domain::Kind;
use crate::store::Store;
use crate::text;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Adds (or, by company name, updates) an ICP's best customers from a CSV;
/// any unreadable row means nothing is changed.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CSV file
    csv: PathBuf,
    /// The ICP to add them to
    #[arg(long, value_name = "ID", required = true)]
    icp: String,
}

pub fn run(root: &Path, Args { csv, icp }: Args) -> Outcome {
    let (csv, icp) = (csv.as_path(), icp.as_str());
    let (mut store, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let Some(found) = ws.icp(icp) else {
        return Err(Failure(missing(&loaded, icp, Some(Kind::Icp))));
    };
    let mut icp = found.clone();
    let text = crate::import::read_text(csv).map_err(Failure)?;
    let parsed = match crate::import::customers::parse(&text) {
        Ok(parsed) => parsed,
        Err(errors) => {
            for e in errors.iter().skip(1) {
                note(&format!("{}:{}", csv.display(), text::line(&e.to_string())));
            }
            let first = &errors[0];
            let more = if errors.len() > 1 {
                format!(" (and {} more rows, listed above)", errors.len() - 1)
            } else {
                String::new()
            };
            return Err(Failure(format!(
                "{} line {}: {}{more}; nothing was imported",
                csv.display(),
                first.line,
                text::line(&first.message)
            )));
        }
    };
    if parsed.customers.is_empty() {
        return Err(Failure(format!(
            "{} has a header but no rows; nothing was imported",
            csv.display()
        )));
    }
    let (mut added, mut updated) = (0, 0);
    for customer in parsed.customers {
        let same = icp.best_customers.iter_mut().find(|c| {
            c.company
                .trim()
                .eq_ignore_ascii_case(customer.company.trim())
        });
        match same {
            Some(existing) => {
                let extra = std::mem::take(&mut existing.extra);
                *existing = customer;
                existing.extra = extra;
                updated += 1;
            }
            None => {
                icp.best_customers.push(customer);
                added += 1;
            }
        }
    }
    icp.updated = Some(jiff::Timestamp::now());
    store.save_icp(&icp)?;
    if !parsed.ignored.is_empty() {
        note(&format!(
            "Ignored {} {}: they match no best-customer attribute.",
            plural(parsed.ignored.len(), "column", "columns"),
            text::line(&parsed.ignored.join(", ")),
        ));
    }
    note(&format!(
        "Added {added} and updated {updated} best {} of the ICP `{}` ({} in all).",
        plural(added + updated, "customer", "customers"),
        icp.id,
        icp.best_customers.len()
    ));
    Ok(ExitCode::SUCCESS)
}
