//! The app's customer import (the runtime side of
//! [`super::effect::Effect::PreviewCustomers`] and `ImportCustomers`): the
//! same reading, mapping and merging as `persona import-customers`, first
//! as a dry run whose summary the user confirms, then for real.

use super::text::{clean, count, sentence};
use crate::cli::import_customers::parse_words;
use crate::domain::{Icp, Workspace};
use crate::import::columns::Field;
use crate::import::customers::{self, ImportError, Report, grouped};
use crate::import::salt;
use std::path::{Path, PathBuf};

/// What reading an export gave: the report, the ICP with the import
/// merged in, the salt made for it when the workspace had none (kept only
/// once the import is written), and the file.
type Read = (Report, Icp, Option<Vec<u8>>, PathBuf);

/// Reads the export into a copy of the ICP.
fn run(root: Option<&Path>, workspace: &Workspace, icp: &str, input: &str) -> Result<Read, String> {
    let (path, options) = parse_words(input).map_err(|e| sentence(&e))?;
    let path = super::item_ops::expand_home(&path.to_string_lossy());
    let mut icp = workspace
        .icp(icp)
        .cloned()
        .ok_or_else(|| format!("The ICP `{icp}` is no longer in the workspace."))?;
    let kept = match root {
        Some(root) => salt::read_salt(root).map_err(|e| sentence(&e))?,
        None => None,
    };
    let mut fresh = None;
    let mut get_salt = || match &kept {
        Some(s) => Ok(s.clone()),
        None => {
            let s = salt::new_salt()?;
            fresh = Some(s.clone());
            Ok(s)
        }
    };
    let shown = crate::text::path(&path);
    let today = jiff::ZonedDateTime::now().date();
    let report = customers::import(&path, &options, &mut icp, &mut get_salt, today, &mut |_, _, _| {})
        .map_err(|e| match e {
            ImportError::Fatal(m) => sentence(&format!("{shown}: {m}")),
            ImportError::Rows(rows) => sentence(&format!(
                "{shown}: {} cannot be imported (line {}: {}), so nothing was imported; fix {} or add --skip-bad to import the rest",
                count(rows.len(), "row", "rows"),
                rows[0].line,
                rows[0].message,
                if rows.len() == 1 { "it" } else { "them" }
            )),
        })?;
    Ok((report, icp, fresh, path))
}

/// What importing would do, for the user to confirm: the columns read and
/// what they become, what is left out, the rule, the counts.
pub fn preview(
    root: Option<&Path>,
    workspace: &Workspace,
    icp: &str,
    input: &str,
) -> Result<String, String> {
    let (r, _, _, path) = run(root, workspace, icp, input)?;
    let mut out = format!(
        "{}: {} {} of {}{}.",
        crate::text::path(&path),
        grouped(r.rows as u64),
        if r.rows == 1 { "row" } else { "rows" },
        if r.kind == "shopper" {
            "shoppers (names and e-mails are not kept)"
        } else {
            "accounts"
        },
        r.source
            .map(|s| format!(", a {s} export"))
            .unwrap_or_default(),
    );
    let read: Vec<String> = r
        .mapped
        .iter()
        .filter(|m| m.kept)
        .map(|m| format!("{} → {}", clean(&m.column), m.field))
        .collect();
    out.push_str(&format!(
        " Reads {}.",
        if read.is_empty() {
            "no column".into()
        } else {
            read.join(", ")
        }
    ));
    let mut left: Vec<String> = r
        .mapped
        .iter()
        .filter(|m| !m.kept)
        .map(|m| {
            let personal = Field::from_name(m.field).is_some_and(Field::is_personal);
            format!(
                "{}{}",
                clean(&m.column),
                if personal { " (personal)" } else { "" }
            )
        })
        .collect();
    left.extend(r.ignored.iter().map(|c| clean(c).into_owned()));
    if !left.is_empty() {
        out.push_str(&format!(" Leaves out {}.", left.join(", ")));
    }
    if let Some(best) = &r.best_by {
        out.push_str(&format!(" Best: {}.", clean(&best.criterion)));
    }
    if !r.mixed_currencies.is_empty() {
        out.push_str(&format!(
            " The values are in {} and are ranked as written, not converted.",
            r.mixed_currencies.join(", ")
        ));
    }
    out.push_str(&format!(
        " Would add {}, update {}, leave {} unchanged",
        grouped(r.added as u64),
        grouped(r.updated as u64),
        grouped(r.unchanged as u64)
    ));
    if !r.demoted.is_empty() {
        out.push_str(&format!(", take out {} no longer picked", r.demoted.len()));
    }
    if !r.skipped.is_empty() {
        let lines: Vec<String> = r
            .skipped
            .iter()
            .take(5)
            .map(|s| s.line.to_string())
            .collect();
        out.push_str(&format!(
            ", skip {} (line {}{})",
            count(r.skipped.len(), "bad row", "bad rows"),
            lines.join(", "),
            if r.skipped.len() > 5 { ", ..." } else { "" }
        ));
    }
    out.push_str(". Import?");
    Ok(out)
}

/// Imports for real; the ICP to save, and what to say once it is saved.
pub fn import(
    root: Option<&Path>,
    workspace: &Workspace,
    icp: &str,
    input: &str,
) -> Result<(Icp, String), String> {
    let (r, mut icp, fresh, path) = run(root, workspace, icp, input)?;
    if let (Some(root), Some(fresh)) = (root, fresh) {
        let kept = salt::keep_salt(root, &fresh).map_err(|e| sentence(&e))?;
        if kept != fresh {
            // Another import made the salt meanwhile: key with theirs.
            return import(Some(root), workspace, &icp.id, input);
        }
    }
    icp.updated = Some(crate::domain::now());
    let message = format!(
        "Imported {}: added {}, updated {}, unchanged {}; {} now.",
        crate::text::path(&path),
        grouped(r.added as u64),
        grouped(r.updated as u64),
        grouped(r.unchanged as u64),
        count(r.best_customers, "best customer", "best customers"),
    );
    Ok((icp, message))
}
