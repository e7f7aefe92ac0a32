//! `persona backtest ICP DEALS.csv [--outcome "COLUMN=VALUE"]`: decided
//! deals scored like leads, to see whether the tiers separate the won from
//! the lost, and which rules pull their weight. Without `--outcome`, the
//! won deals are told by the file's stage or status column (as the app
//! does), so the HubSpot deals export given to `outcomes import` works as it
//! is.

use super::scoring_setup::{check_icp, open_leads, read_scoring};
use super::{Failure, Outcome, columns, emit, emit_json, note, plural};
use crate::domain::scoring::backtest::{Decided, Report};
use crate::domain::scoring::deals::{Deals, guess_outcome};
use crate::domain::scoring::reasons::signed;
use crate::import::scoring as leads;
use crate::text;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ICP whose scoring rules to test
    icp: String,
    /// A deals or opportunities export (CSV) with the fields the rules read
    #[arg(value_name = "DEALS.csv")]
    deals: PathBuf,
    /// Which deals were won: COLUMN=VALUE, e.g. "Deal Stage=closedwon" or "Stage=Closed Won"
    /// (several values separated by commas); every other value counts as lost. Without
    /// it, a stage or status column with a won value is used
    #[arg(long, value_name = "COLUMN=VALUE")]
    outcome: Option<String>,
    /// The values (in the same column) that mean lost; deals with any other value are
    /// still open and left out
    #[arg(long, value_name = "VALUE")]
    lost: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    icp: &'a str,
    file: String,
    outcome_column: &'a str,
    left_out: u64,
    #[serde(flatten)]
    report: &'a Report,
    warnings: &'a [String],
}

/// How many rows are read ahead to find the outcome column and its won value.
const GUESS_ROWS: usize = 5_000;

pub fn run(root: &Path, args: Args) -> Outcome {
    check_icp(root, &args.icp)?;
    if let Some(outcome) = &args.outcome {
        Decided::parse(outcome, args.lost.as_deref()).map_err(Failure)?;
    }
    let scoring = read_scoring(root, &args.icp)?;
    let (file, scorer) = open_leads(scoring, &args.deals)?;
    let shown = text::line(&args.deals.display().to_string());
    let mut rows = file.table;
    // The first rows, read ahead to find the outcome when none was given.
    let mut ahead = Vec::new();
    let outcome = match &args.outcome {
        Some(outcome) => outcome.clone(),
        None => {
            for row in rows.by_ref().take(GUESS_ROWS) {
                ahead.push(
                    row.map_err(|e| Failure(format!("{shown}: {}", text::line(&e.to_string()))))?,
                );
            }
            let guessed = guess_outcome(&scorer, ahead.iter()).ok_or_else(|| {
                Failure(format!(
                    "{shown} has no stage or status column with a won value; say which deals were won with --outcome \"COLUMN=VALUE\""
                ))
            })?;
            note(&format!(
                "note: won deals are those with {}.",
                text::line(&guessed)
            ));
            guessed
        }
    };
    let decided = Decided::parse(&outcome, args.lost.as_deref()).map_err(Failure)?;
    let mut deals = Deals::new(&scorer, decided, &leads::recognise).map_err(|column| {
        Failure(format!(
            "{shown} has no column `{}` for --outcome (its columns: {})",
            text::line(&column),
            file.header
                .headers()
                .iter()
                .map(|h| format!("`{}`", text::line(h)))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    for row in ahead {
        deals.add(&row);
    }
    for row in rows {
        let row = row.map_err(|e| Failure(format!("{shown}: {}", text::line(&e.to_string()))))?;
        deals.add(&row);
    }
    let report = deals.report();
    let won_values = outcome.split_once('=').map_or("", |(_, v)| v);
    let warnings = deals.warnings(
        &report,
        won_values,
        "pass --lost with the value that means lost",
    );
    let outcome_header = deals.outcome_header.clone();
    let left = deals.left_out;
    if args.json {
        emit_json(&JsonReport {
            icp: &args.icp,
            file: args.deals.display().to_string(),
            outcome_column: &outcome_header,
            left_out: left,
            report: &report,
            warnings: &warnings,
        })?;
    } else {
        emit(&render(&args.icp, &shown, &report, left, &outcome_header))?;
    }
    for warning in &warnings {
        note(&format!("warning: {warning}."));
    }
    if report.deals == 0 {
        return Err(Failure(format!(
            "{shown} has no decided deals to test against (rows need a value in `{}`)",
            text::line(&outcome_header)
        )));
    }
    Ok(ExitCode::SUCCESS)
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".into(), |r| format!("{:.1}%", r * 100.0))
}

fn times(lift: Option<f64>) -> String {
    lift.map_or_else(|| "–".into(), |l| format!("{l:.2}x"))
}

fn render(icp: &str, file: &str, report: &Report, left_out: u64, outcome: &str) -> String {
    let mut out = format!(
        "Back-test of `{icp}` on {file}: {} decided {}, {} won (base win rate {}).\n",
        report.deals,
        plural(report.deals as usize, "deal", "deals"),
        report.won,
        percent(report.base_rate)
    );
    if left_out > 0 {
        out.push_str(&format!(
            "{left_out} {} with a blank or still-open {} left out.\n",
            plural(left_out as usize, "row", "rows"),
            text::line(outcome)
        ));
    }
    out.push('\n');
    let mut rows = vec![vec![
        "tier".to_string(),
        "deals".into(),
        "won".into(),
        "win rate".into(),
        "recall".into(),
        "lift".into(),
    ]];
    for t in &report.tiers {
        rows.push(vec![
            text::line(&t.tier),
            t.deals.to_string(),
            t.won.to_string(),
            percent(t.win_rate),
            percent(t.recall),
            times(t.lift),
        ]);
    }
    out.push_str(&columns(&rows));
    out.push_str(
        "\nrecall: the tier's share of all won deals; lift: its win rate over the base rate.\n\n",
    );
    let mut rows = vec![vec![
        "rule".to_string(),
        "points".into(),
        "fires on won".into(),
        "fires on lost".into(),
        "win rate when fired".into(),
        "lift".into(),
        String::new(),
    ]];
    for r in &report.rules {
        rows.push(vec![
            text::line(&r.rule),
            r.points.map_or_else(|| "rules out".into(), signed),
            format!("{} ({})", r.fires_won, percent(r.fire_rate_won)),
            format!("{} ({})", r.fires_lost, percent(r.fire_rate_lost)),
            percent(r.win_rate),
            times(r.lift),
            r.flags
                .iter()
                .map(|f| format!("⚠ {}", f.describe()))
                .collect::<Vec<_>>()
                .join("; "),
        ]);
    }
    out.push_str(&columns(&rows));
    out
}
