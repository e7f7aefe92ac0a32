//! `persona list`: one line per item.

use super::lookup::{unknown_among, unloaded};
use super::{Failure, Outcome, columns, emit, emit_json, note, report_problems};
use crate::domain::Kind;
use crate::store::FsStore;
use crate::text;
use clap::ValueEnum;
use serde::Serialize;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    Icps,
    Personas,
    Interviews,
}

#[derive(Serialize)]
struct Row<'a> {
    kind: Kind,
    id: &'a str,
    name: &'a str,
    icp: Option<&'a str>,
    template: Option<&'a str>,
    updated: Option<String>,
    last_validated: Option<String>,
    date: Option<String>,
    highlights: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to list [default: everything]
    #[arg(value_enum)]
    what: Option<ListKind>,
    /// Only what belongs to this ICP
    #[arg(long, value_name = "ID")]
    icp: Option<String>,
    /// Print a JSON array
    #[arg(long)]
    json: bool,
}

pub fn run(root: &Path, Args { what, icp, json }: Args) -> Outcome {
    let icp = icp.as_deref();
    // Only the lines are needed, not whole cards: the store summarises each
    // file (from its index cache when the file is unchanged).
    let listing = FsStore::new(root).list()?;
    if let Some(icp) = icp
        && !listing.icps.iter().any(|i| i.id == icp)
    {
        let ids = listing.icps.iter().map(|i| i.id.as_str());
        return Err(Failure(
            unloaded(&listing.problems, icp, Some(Kind::Icp))
                .unwrap_or_else(|| unknown_among(ids, icp, Some(Kind::Icp))),
        ));
    }
    let wanted = |kind: ListKind| what.is_none_or(|w| w == kind);
    let mut rows = Vec::new();
    for (kind, items) in [
        (ListKind::Icps, &listing.icps),
        (ListKind::Personas, &listing.personas),
        (ListKind::Interviews, &listing.interviews),
    ] {
        if !wanted(kind) {
            continue;
        }
        let mine = |item: &&crate::store::index::Listed| match (kind, icp) {
            (_, None) => true,
            (ListKind::Icps, Some(id)) => item.id == id,
            (_, Some(id)) => item.summary.icp.as_deref() == Some(id),
        };
        for item in items.iter().filter(mine) {
            let line = &item.summary;
            rows.push(Row {
                kind: item.kind,
                id: &item.id,
                name: &line.name,
                icp: line.icp.as_deref(),
                template: line.template.as_deref(),
                updated: line.updated.map(|t| t.to_string()),
                last_validated: line.last_validated.map(|d| d.to_string()),
                date: line.date.map(|d| d.to_string()),
                highlights: line.highlights,
            });
        }
    }
    if json {
        emit_json(&rows)?;
    } else {
        let show_kind = what.is_none();
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                let mut cells = Vec::new();
                if show_kind {
                    cells.push(row.kind.label().to_string());
                }
                cells.push(row.id.to_string());
                cells.push(text::line(row.name));
                if row.kind == Kind::Persona || (show_kind && row.icp.is_some()) {
                    cells.push(row.icp.map(|i| format!("icp: {i}")).unwrap_or_default());
                }
                cells
            })
            .collect();
        emit(&columns(&cells))?;
        if rows.is_empty() && listing.problems.is_empty() {
            note("Nothing to list yet.");
        }
    }
    Ok(report_problems(&listing.problems))
}
