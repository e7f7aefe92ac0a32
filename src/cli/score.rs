//! `persona score ICP LEADS.csv`: every lead scored against the ICP's
//! rules, streamed to a CSV (or JSON) with the score, tier, reasons, the
//! fields it lacked and its segment; a summary on stderr.

use super::scoring_setup::{check_icp, open_leads, read_scoring};
use super::{Failure, Outcome, note, plural};
use crate::domain::scoring::summary::Summary;
use crate::domain::scoring::{Outcome as RuleOutcome, Row, Scored, Scorer};
use crate::export::scored_csv::{self, ScoredWriter};
use crate::store::staged::Staged;
use crate::text;
use serde::Serialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ICP whose scoring rules to use
    icp: String,
    /// The lead or account file (CSV) to score
    #[arg(value_name = "LEADS.csv", required_unless_present = "suggest")]
    leads: Option<PathBuf>,
    /// Where to write: a CSV file, or `-` for stdout [default: LEADS.scored.csv beside the lead file; stdout with --json]
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// A JSON array with one object per lead instead of CSV
    #[arg(long)]
    json: bool,
    /// Propose rules from the ICP's best customers, card and highlights, written to
    /// icps/ICP/scoring.suggested.toml for review (never applied)
    #[arg(long, conflicts_with_all = ["leads", "out", "json"])]
    suggest: bool,
}

pub fn run(root: &Path, args: Args) -> Outcome {
    check_icp(root, &args.icp)?;
    if args.suggest {
        return super::suggest::run(root, &args.icp);
    }
    let leads = args.leads.expect("clap requires LEADS without --suggest");
    let scoring = read_scoring(root, &args.icp)?;
    let (file, scorer) = open_leads(scoring, &leads)?;
    let target = match &args.out {
        Some(out) if out == Path::new("-") => None,
        Some(out) => Some(out.clone()),
        None if args.json => None,
        None => Some(default_out(&leads)),
    };
    if let Some(target) = &target {
        may_replace(target, &leads)?;
    }
    let mut staged = match &target {
        Some(target) => Some(
            Staged::create(target)
                .map_err(|e| Failure(format!("could not write {}: {e}", target.display())))?,
        ),
        None => None,
    };
    let leads_shown = text::line(&leads.display().to_string());
    let streamed = {
        let stdout = io::stdout();
        let out: Box<dyn Write + '_> = match staged.as_mut() {
            Some(staged) => Box::new(staged.writer()),
            None => Box::new(io::BufWriter::with_capacity(1 << 16, stdout.lock())),
        };
        stream(out, file.table, &scorer, args.json)
    };
    let (summary, long_rows) = match streamed {
        Ok(done) => done,
        Err(Stop::Read(e)) => {
            return Err(Failure(format!(
                "{leads_shown}: {}; nothing was written",
                text::line(&e)
            )));
        }
        Err(Stop::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            return Ok(ExitCode::SUCCESS);
        }
        Err(Stop::Write(e)) => return Err(write_failure(&target, e)),
    };
    if let Some(staged) = staged {
        staged.commit().map_err(|e| write_failure(&target, e))?;
    }
    print_summary(
        &scorer,
        &summary,
        &leads_shown,
        target.as_deref(),
        &long_rows,
    );
    Ok(ExitCode::SUCCESS)
}

/// Why streaming stopped early.
enum Stop {
    Read(String),
    Write(io::Error),
}

fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Scores every row of `table` into `out`; the summary and the lines of
/// rows longer than the header.
fn stream(
    out: Box<dyn Write + '_>,
    table: crate::import::table::Table<Box<dyn std::io::Read>>,
    scorer: &Scorer,
    json: bool,
) -> Result<(Summary, Vec<u64>), Stop> {
    let headers = table.headers().to_vec();
    let mut sink = if json {
        Sink::Json(JsonSink::new(out, &headers))
    } else {
        Sink::Csv(Box::new(
            ScoredWriter::new(out, &headers).map_err(|e| Stop::Write(csv_io(e)))?,
        ))
    };
    let mut summary = Summary::new(scorer);
    let mut scored = scorer.blank();
    let mut long_rows: Vec<u64> = Vec::new();
    for row in table {
        let row = row.map_err(|e| Stop::Read(e.to_string()))?;
        if row.extra_cells(headers.len()) > 0 {
            long_rows.push(row.line());
        }
        scorer.score(&row, &mut scored);
        summary.add(scorer, &scored);
        match &mut sink {
            Sink::Csv(w) => w
                .write(scorer, &row, &scored)
                .map_err(|e| Stop::Write(csv_io(e)))?,
            Sink::Json(j) => j
                .write(scorer, &row, row.line(), &scored)
                .map_err(Stop::Write)?,
        }
    }
    match sink {
        Sink::Csv(w) => w.finish().and_then(|mut o| o.flush()),
        Sink::Json(j) => j.finish(),
    }
    .map_err(Stop::Write)?;
    Ok((summary, long_rows))
}

fn write_failure(target: &Option<PathBuf>, e: impl std::fmt::Display) -> Failure {
    match target {
        Some(t) => Failure(format!(
            "could not write {}: {e}",
            text::line(&t.display().to_string())
        )),
        None => Failure(format!("could not write the output: {e}")),
    }
}

/// `leads.csv` → `leads.scored.csv` in the same folder.
fn default_out(leads: &Path) -> PathBuf {
    let stem = leads
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "leads".into());
    leads.with_file_name(format!("{stem}.scored.csv"))
}

/// Refuses to write over the lead file itself or a file that is not an
/// earlier scored lead file.
fn may_replace(target: &Path, leads: &Path) -> Result<(), Failure> {
    let same = match (target.canonicalize(), leads.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let shown = text::line(&target.display().to_string());
    if same {
        return Err(Failure(format!(
            "{shown} is the lead file itself; choose another --out so it is not overwritten"
        )));
    }
    if target.is_dir() {
        return Err(Failure(format!(
            "{shown} is a folder; give --out a file name"
        )));
    }
    if target.exists() && !scored_csv::is_scored_file(target) {
        return Err(Failure(format!(
            "{shown} already exists and is not a scored lead file, so it was left alone; choose another --out"
        )));
    }
    Ok(())
}

enum Sink<'a> {
    Csv(Box<ScoredWriter<Box<dyn Write + 'a>>>),
    Json(JsonSink<'a>),
}

/// A JSON array written one lead at a time.
struct JsonSink<'a> {
    out: Box<dyn Write + 'a>,
    headers: Vec<String>,
    first: bool,
}

#[derive(Serialize)]
struct Reason<'a> {
    rule: &'a str,
    points: i64,
    text: String,
}

#[derive(Serialize)]
struct JsonLead<'a> {
    line: u64,
    fit_score: i64,
    fit_tier: &'a str,
    disqualified: Option<&'a str>,
    fit_reasons: Vec<Reason<'a>>,
    fit_unknown: Vec<&'a str>,
    segment: Option<&'a str>,
    columns: serde_json::Map<String, serde_json::Value>,
}

impl<'a> JsonSink<'a> {
    fn new(out: Box<dyn Write + 'a>, headers: &[String]) -> JsonSink<'a> {
        JsonSink {
            out,
            headers: headers.to_vec(),
            first: true,
        }
    }

    fn write(
        &mut self,
        scorer: &Scorer,
        row: &crate::import::table::Row,
        line: u64,
        scored: &Scored,
    ) -> io::Result<()> {
        let rules = &scorer.scoring.rules;
        let mut reasons = Vec::new();
        let mut unknown: Vec<&str> = Vec::new();
        for (i, outcome) in scored.outcomes.iter().enumerate() {
            match outcome {
                RuleOutcome::Fired { .. } if !rules[i].disqualify => reasons.push(Reason {
                    rule: &rules[i].id,
                    points: rules[i].points,
                    text: scorer.fired_text(i, row, *outcome),
                }),
                RuleOutcome::Unknown if !unknown.contains(&rules[i].condition.field.as_str()) => {
                    unknown.push(&rules[i].condition.field)
                }
                _ => {}
            }
        }
        for (g, taken) in &scored.capped {
            let group = &scorer.scoring.groups[*g];
            reasons.push(Reason {
                rule: &group.id,
                points: *taken,
                text: format!("{} capped at {}", group.shown(), group.cap.abs()),
            });
        }
        let columns = self
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                (
                    h.clone(),
                    serde_json::Value::String(row.cell(i).unwrap_or("").to_string()),
                )
            })
            .collect();
        let lead = JsonLead {
            line,
            fit_score: scored.points,
            fit_tier: scorer.verdict(scored),
            disqualified: scored
                .disqualified_by
                .and_then(|d| rules[d].reason.as_deref()),
            fit_reasons: reasons,
            fit_unknown: unknown,
            segment: scored
                .segment
                .map(|s| scorer.scoring.segments[s].id.as_str()),
            columns,
        };
        self.out
            .write_all(if self.first { b"[\n  " } else { b",\n  " })?;
        self.first = false;
        // Escaped like every other `--json` (C1, bidi and line separators).
        let json = serde_json::to_string(&lead).map_err(io::Error::other)?;
        self.out.write_all(text::json_safe(&json).as_bytes())
    }

    fn finish(mut self) -> io::Result<()> {
        self.out
            .write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}

fn print_summary(
    scorer: &Scorer,
    summary: &Summary,
    leads: &str,
    target: Option<&Path>,
    long_rows: &[u64],
) {
    let count = |n: u64| n.to_string();
    let mut tiers: Vec<String> = scorer
        .tiers()
        .iter()
        .zip(&summary.tiers)
        .map(|(t, n)| format!("{} {}", text::line(&t.name), count(*n)))
        .collect();
    tiers.push(format!("disqualified {}", summary.disqualified));
    let rows = summary.rows as usize;
    note(&format!(
        "Scored {rows} {} of {leads} against `{}` ({} {}): {}.",
        plural(rows, "lead", "leads"),
        scorer.scoring.icp,
        scorer.scoring.rules.len(),
        plural(scorer.scoring.rules.len(), "rule", "rules"),
        tiers.join(", ")
    ));
    if !scorer.scoring.segments.is_empty() {
        let mut parts: Vec<String> = scorer
            .scoring
            .segments
            .iter()
            .zip(&summary.segments)
            .map(|(s, n)| format!("{} {n}", text::line(&s.id)))
            .collect();
        parts.push(format!(
            "in none {}",
            summary.segments.last().copied().unwrap_or(0)
        ));
        note(&format!("Segments: {}.", parts.join(", ")));
    }
    let blanks: Vec<String> = summary
        .unknown
        .iter()
        .filter(|(f, n)| *n > 0 && !scorer.missing_fields().contains(f))
        .map(|(f, n)| format!("{} ({n})", text::line(f)))
        .collect();
    if !blanks.is_empty() {
        note(&format!(
            "Left blank by some leads, and never counted against them: {}.",
            blanks.join(", ")
        ));
    }
    if let Some(first) = long_rows.first() {
        note(&format!(
            "warning: {} {} more cells than the header (first on line {first}), probably an unquoted delimiter; the extra cells were left out.",
            long_rows.len(),
            if long_rows.len() == 1 {
                "row has"
            } else {
                "rows have"
            },
        ));
    }
    if let Some(target) = target {
        note(&format!(
            "Wrote {}.",
            text::line(&target.display().to_string())
        ));
    }
}
