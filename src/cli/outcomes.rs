//! `persona outcomes import FILE --source ...`: an engagement or deals
//! export added up per persona, tier and template into a dated snapshot
//! under `metrics/` (aggregates only); `persona outcomes list`: the
//! snapshots so far.

use super::lookup::unknown;
use super::{Failure, Outcome, columns, emit, emit_json, load, plural, report_problems};
use crate::domain::Kind;
use crate::domain::metrics::aggregate::{Aggregated, PersonaFrom, aggregate};
use crate::domain::metrics::{Snapshot, Source, default_stream, fingerprint};
use crate::import::outcomes::{self, assign::WorkspaceAssigner};
use crate::store::metrics;
use crate::text;
use jiff::civil::Date;
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Add up an engagement or deals export per persona, tier and template (no personal data is kept)
    Import(ImportArgs),
    /// The imported snapshots, oldest first
    List(ListArgs),
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The export (CSV)
    file: PathBuf,
    /// The tool that wrote it
    #[arg(long, value_enum)]
    source: SourceArg,
    /// The ICP of rows without a persona; only this ICP's personas are matched
    #[arg(long, value_name = "ID")]
    icp: Option<String>,
    /// The outreach template every row is about (for a file that names no campaign)
    #[arg(long, value_name = "ID")]
    template: Option<String>,
    /// Name the stream: a later import of the same stream replaces this one in the
    /// latest figures [default: the source and the file's campaigns or pipelines]
    #[arg(long, value_name = "NAME")]
    stream: Option<String>,
    /// The day the figures are as of, for an export taken earlier [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Show what would be imported without writing anything
    #[arg(long)]
    dry_run: bool,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum SourceArg {
    HubspotDeals,
    HubspotSequences,
    Lemlist,
    Mailchimp,
    Generic,
}

impl From<SourceArg> for Source {
    fn from(source: SourceArg) -> Source {
        match source {
            SourceArg::HubspotDeals => Source::HubspotDeals,
            SourceArg::HubspotSequences => Source::HubspotSequences,
            SourceArg::Lemlist => Source::Lemlist,
            SourceArg::Mailchimp => Source::Mailchimp,
            SourceArg::Generic => Source::Generic,
        }
    }
}

/// A `YYYY-MM-DD` date (for clap).
pub(super) fn parse_date(text: &str) -> Result<Date, String> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD"))
}

pub fn run(root: &Path, args: Args) -> Outcome {
    match args.command {
        Sub::Import(args) => import(root, args),
        Sub::List(args) => list(root, args),
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    file: String,
    source: Source,
    /// Where the snapshot was written; `null` on a dry run or when nothing
    /// changed.
    snapshot: Option<String>,
    already_imported: bool,
    dry_run: bool,
    stream: &'a str,
    date: Date,
    rows: u64,
    records: usize,
    unit: &'static str,
    #[serde(skip)]
    units: &'static str,
    assigned: AssignedJson,
    unassigned: u64,
    tiered: u64,
    unknown_personas: &'a std::collections::BTreeMap<String, u64>,
    untracked: Vec<&'static str>,
    columns: Vec<ColumnJson<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct AssignedJson {
    by_column: u64,
    by_rules: u64,
    by_template: u64,
}

#[derive(Serialize)]
struct ColumnJson<'a> {
    column: &'a str,
    read_as: &'a str,
}

fn import(root: &Path, args: ImportArgs) -> Outcome {
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let shown = text::line(&args.file.display().to_string());
    if let Some(icp) = &args.icp
        && ws.icp(icp).is_none()
    {
        return Err(Failure(unknown(ws, icp, Some(Kind::Icp))));
    }
    let (templates, mut problems) = crate::store::outreach::list(root);
    let templates: Vec<_> = templates.into_iter().map(|f| f.template).collect();
    if let Some(id) = &args.template
        && !templates.iter().any(|t| &t.id == id)
    {
        let known: Vec<&str> = templates.iter().map(|t| t.id.as_str()).collect();
        return Err(Failure(format!(
            "there is no outreach template `{}` in templates/outreach/ ({})",
            text::line(id),
            if known.is_empty() {
                "there are none yet".to_string()
            } else {
                format!("there are: {}", known.join(", "))
            }
        )));
    }
    let bytes = std::fs::read(&args.file).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "there is no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission was denied".to_string(),
            std::io::ErrorKind::IsADirectory => "it is a folder".to_string(),
            _ => e.to_string(),
        };
        Failure(format!("could not read {shown}: {why}"))
    })?;
    let print = fingerprint(&bytes);
    let existing = metrics::load(root);
    problems.extend(existing.problems.iter().cloned());
    let source = Source::from(args.source);
    if let Some(before) = existing.with_fingerprint(&print) {
        let path = format!("{}/{}.toml", metrics::METRICS, before.id);
        if args.json {
            emit_json(&serde_json::json!({
                "file": shown,
                "source": source,
                "snapshot": path,
                "already_imported": true,
                "dry_run": args.dry_run,
            }))?;
        } else {
            emit(&format!(
                "{shown} was already imported on {} ({path}); nothing changed.\n",
                before.date
            ))?;
        }
        return Ok(report_problems(&problems));
    }
    let imported = outcomes::read(source, &bytes, &[])
        .map_err(|e| Failure(format!("{shown}: {e}; nothing was imported")))?;
    let mut scorings = Vec::new();
    for icp in &ws.icps {
        if args.icp.as_ref().is_some_and(|i| *i != icp.id) {
            continue;
        }
        match crate::store::scoring::load(root, &icp.id) {
            Ok(Some(scoring)) => scorings.push(scoring),
            Ok(None) => {}
            Err(found) => problems.extend(found),
        }
    }
    let assigner = WorkspaceAssigner::new(
        ws,
        &imported.mapping,
        &templates,
        scorings,
        args.icp.as_deref(),
        args.template.as_deref(),
    );
    let totals = aggregate(&imported.records, &assigner);
    let mut notes = imported.notes.clone();
    if assigner.thin_rows() > 0 {
        notes.push(format!(
            "{} {} got no tier from scoring: fewer than half of their ICP's rules could read a value from them (a fit_tier column from `persona score` gives one)",
            assigner.thin_rows(),
            plural(assigner.thin_rows() as usize, imported.unit.0, imported.unit.1)
        ));
    }
    for (icp, why) in assigner.unscored() {
        notes.push(format!(
            "rows of ICP `{icp}` were not scored for a tier: {}",
            text::line(why)
        ));
    }
    let stream = args
        .stream
        .clone()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| default_stream(source, &imported.scope));
    let today = jiff::ZonedDateTime::now().date();
    let mut snapshot = Snapshot {
        id: String::new(),
        schema: crate::domain::SCHEMA,
        date: args.as_of.unwrap_or(today),
        imported: crate::domain::now(),
        source,
        stream: stream.clone(),
        file: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        fingerprint: print,
        rows: imported.rows,
        unassigned: totals.unassigned,
        cells: totals.cells.clone(),
        extra: Default::default(),
    };
    let written = if args.dry_run {
        None
    } else {
        match metrics::save_new(root, &mut snapshot) {
            Ok(path) => Some(path),
            Err(crate::store::StoreError::Occupied { path }) => {
                // Another import of the same file finished first.
                emit(&format!(
                    "{shown} was just imported ({path}); nothing changed.\n"
                ))?;
                return Ok(report_problems(&problems));
            }
            Err(e) => return Err(Failure(format!("{e}; nothing was imported"))),
        }
    };
    let summary = Summary {
        file: shown.clone(),
        source,
        snapshot: written.clone(),
        already_imported: false,
        dry_run: args.dry_run,
        stream: &stream,
        date: snapshot.date,
        rows: imported.rows,
        records: imported.records.len(),
        unit: imported.unit.0,
        units: imported.unit.1,
        assigned: AssignedJson {
            by_column: by(&totals, PersonaFrom::Column),
            by_rules: by(&totals, PersonaFrom::Rules),
            by_template: by(&totals, PersonaFrom::Template),
        },
        unassigned: totals.unassigned,
        tiered: totals.tiered,
        unknown_personas: &totals.unknown_personas,
        untracked: imported.untracked.iter().map(|t| t.key()).collect(),
        columns: imported
            .read_as
            .iter()
            .map(|(column, read_as)| ColumnJson { column, read_as })
            .collect(),
        notes: &notes,
    };
    if args.json {
        emit_json(&summary)?;
    } else {
        emit(&describe(&summary, &totals))?;
    }
    Ok(report_problems(&problems))
}

fn by(totals: &Aggregated, from: PersonaFrom) -> u64 {
    totals.assigned.get(&from).copied().unwrap_or(0)
}

/// The summary in words.
fn describe(s: &Summary, totals: &Aggregated) -> String {
    let mut out = String::new();
    let counted = format!("{} {}", s.records, plural(s.records, s.unit, s.units));
    let rows = if s.records as u64 == s.rows {
        String::new()
    } else {
        format!(" ({} rows)", s.rows)
    };
    match &s.snapshot {
        Some(path) => out.push_str(&format!(
            "Imported {counted}{rows} from {} ({}) into {path}, as of {}.\n",
            s.file,
            s.source.label(),
            s.date
        )),
        None => out.push_str(&format!(
            "Would import {counted}{rows} from {} ({}), as of {} (dry run: nothing written).\n",
            s.file,
            s.source.label(),
            s.date
        )),
    }
    let assigned = s.records as u64 - s.unassigned.min(s.records as u64);
    let mut how = Vec::new();
    for (n, what) in [
        (s.assigned.by_column, "by the persona column"),
        (s.assigned.by_rules, "by match rules"),
        (s.assigned.by_template, "by their outreach template"),
    ] {
        if n > 0 {
            how.push(format!("{n} {what}"));
        }
    }
    out.push_str(&format!(
        "  Personas: {assigned} of {} given one{}; {} counted under no persona.\n",
        s.records,
        if how.is_empty() {
            String::new()
        } else {
            format!(" ({})", how.join(", "))
        },
        s.unassigned
    ));
    if !s.unknown_personas.is_empty() {
        let named: Vec<String> = s
            .unknown_personas
            .iter()
            .take(5)
            .map(|(name, n)| format!("“{}” ({n})", text::line(name)))
            .collect();
        out.push_str(&format!(
            "  The file names {} not in the workspace: {}{}; add a `persona` value to its match rules to count them.\n",
            plural(s.unknown_personas.len(), "a persona", "personas"),
            named.join(", "),
            if s.unknown_personas.len() > 5 { ", ..." } else { "" }
        ));
    }
    out.push_str(&format!(
        "  Tiers: {} of {} given one.\n",
        s.tiered, s.records
    ));
    let personas = totals
        .cells
        .iter()
        .filter_map(|c| c.persona.as_deref())
        .collect::<std::collections::BTreeSet<_>>();
    let templates = totals
        .cells
        .iter()
        .filter_map(|c| c.template.as_deref())
        .collect::<std::collections::BTreeSet<_>>();
    out.push_str(&format!(
        "  Kept: {} {} across {} {} and {} {} (counts only: no e-mail, name or company).\n",
        totals.cells.len(),
        plural(totals.cells.len(), "group", "groups"),
        personas.len(),
        plural(personas.len(), "persona", "personas"),
        templates.len(),
        plural(templates.len(), "template", "templates"),
    ));
    if !s.untracked.is_empty() {
        out.push_str(&format!(
            "  Not in this export (left out of those rates): {}.\n",
            s.untracked.join(", ")
        ));
    }
    out.push_str(&format!(
        "  Stream: {} (a later import of the same stream replaces this one in the latest figures).\n",
        text::line(s.stream)
    ));
    let read: Vec<String> = s
        .columns
        .iter()
        .map(|c| format!("{} ({})", text::line(c.column), c.read_as))
        .collect();
    out.push_str(&format!("  Columns read: {}.\n", read.join(", ")));
    for note in s.notes {
        out.push_str(&format!("  Note: {}.\n", text::line(note)));
    }
    if s.snapshot.is_some() {
        out.push_str("See the figures with `persona report`.\n");
    }
    out
}

#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    path: String,
    date: Date,
    source: Source,
    stream: &'a str,
    file: &'a str,
    rows: u64,
    unassigned: u64,
    /// Whether it is the newest of its stream (used in the latest figures).
    current: bool,
}

fn list(root: &Path, args: ListArgs) -> Outcome {
    let _ = load(root)?;
    let found = metrics::load(root);
    let current: Vec<&str> = crate::domain::metrics::report::current(&found.snapshots, None)
        .into_iter()
        .map(|s| s.id.as_str())
        .collect();
    let rows: Vec<Listed> = found
        .snapshots
        .iter()
        .map(|s| Listed {
            id: &s.id,
            path: format!("{}/{}.toml", metrics::METRICS, s.id),
            date: s.date,
            source: s.source,
            stream: &s.stream,
            file: &s.file,
            rows: s.rows,
            unassigned: s.unassigned,
            current: current.contains(&s.id.as_str()),
        })
        .collect();
    if args.json {
        emit_json(&rows)?;
    } else if rows.is_empty() {
        eprintln!(
            "No outcomes imported yet; add some with `persona outcomes import FILE --source hubspot-deals|hubspot-sequences|lemlist|mailchimp|generic`."
        );
    } else {
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.date.to_string(),
                    r.source.key().to_string(),
                    text::line(r.file),
                    format!("{} rows", r.rows),
                    text::line(r.stream),
                    if r.current {
                        "latest".into()
                    } else {
                        "earlier".into()
                    },
                ]
            })
            .collect();
        emit(&columns(&table))?;
    }
    Ok(report_problems(&found.problems))
}
