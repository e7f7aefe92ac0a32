//! `persona explain ICP LEADS.csv --row N`: one lead's score taken apart,
//! rule by rule, with the quotes and customers behind each rule.

use super::scoring_setup::{check_icp, open_leads, read_scoring};
use super::{Failure, Outcome, emit, emit_json, load, plural};
use crate::domain::scoring::evidence::Evidence;
use crate::domain::scoring::explain::{Explanation, explain, lead_name};
use crate::domain::scoring::reasons::signed;
use crate::domain::scoring::{Outcome as RuleOutcome, Scorer};
use crate::text;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ICP whose scoring rules to use
    icp: String,
    /// The lead or account file (CSV)
    #[arg(value_name = "LEADS.csv")]
    leads: PathBuf,
    /// Which lead: 1 is the first row under the header (row 2 in a spreadsheet)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    row: u64,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(root: &Path, args: Args) -> Outcome {
    check_icp(root, &args.icp)?;
    let scoring = read_scoring(root, &args.icp)?;
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    let icp = ws.icp(&args.icp).ok_or_else(|| {
        Failure(format!(
            "the ICP `{}` could not be loaded; see `persona validate`",
            args.icp
        ))
    })?;
    let (file, scorer) = open_leads(scoring, &args.leads)?;
    let shown = text::line(&args.leads.display().to_string());
    let mut count = 0;
    let mut found = None;
    for row in file.table {
        let row = row.map_err(|e| Failure(format!("{shown}: {}", text::line(&e.to_string()))))?;
        count += 1;
        if count == args.row {
            found = Some(row);
            break;
        }
    }
    let Some(row) = found else {
        return Err(Failure(format!(
            "{shown} has {count} {}, so there is no lead {}",
            plural(count as usize, "lead", "leads"),
            args.row
        )));
    };
    let name = lead_name(&file.header, &row);
    let explained = explain(&scorer, &row, ws, icp);
    if args.json {
        emit_json(&json(&explained, args.row, row.line(), name.as_deref()))?;
    } else {
        let title = format!(
            "Lead {} of {shown} (line {}){}",
            args.row,
            row.line(),
            name.map(|n| format!(": {}", text::line(&n)))
                .unwrap_or_default()
        );
        emit(&render(&scorer, &explained, &title))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What the tiers are, in words: `A from 70, B from 45, C below`.
fn tier_words(scorer: &Scorer) -> String {
    text::line(&crate::domain::scoring::edit::tier_words(scorer.tiers()))
}

fn render(scorer: &Scorer, e: &Explanation, title: &str) -> String {
    let mut out = format!("{title}\n");
    match &e.disqualified {
        Some(reason) => out.push_str(&format!(
            "Disqualified: {} (its score, {}, would put it in tier {})\n",
            text::line(reason),
            e.points,
            text::line(&e.tier)
        )),
        None => out.push_str(&format!(
            "Score {}: tier {} ({})\n",
            e.points,
            text::line(&e.verdict),
            tier_words(scorer)
        )),
    }
    if let Some(segment) = e.segment {
        out.push_str(&format!("Segment: {}\n", text::line(segment.shown())));
    }
    out.push_str(
        "\nEvery rule (✓ fired, ✗ did not, ? no value in this lead, never counted against it):\n",
    );
    for line in &e.rules {
        let mark = match line.outcome {
            RuleOutcome::Fired { .. } => "✓",
            RuleOutcome::Missed => "✗",
            RuleOutcome::Unknown => "?",
        };
        let points = if line.rule.disqualify {
            "rules out".to_string()
        } else {
            signed(line.rule.points)
        };
        out.push_str(&format!(
            "  {mark} {points:>9}  {}\n",
            text::line(&line.asks)
        ));
        let value = match (&line.value, line.outcome) {
            (Some(v), _) => text::line(v),
            (None, _) if e.missing_fields.contains(&line.rule.condition.field) => {
                "the file has no column for it".to_string()
            }
            (None, _) => "blank".to_string(),
        };
        out.push_str(&format!("               this lead: {value}\n"));
        if line.rule.disqualify && matches!(line.outcome, RuleOutcome::Fired { .. }) {
            out.push_str(&format!(
                "               disqualified: {}\n",
                text::line(line.rule.reason.as_deref().unwrap_or(""))
            ));
        }
        if let Some(note) = &line.rule.note {
            out.push_str(&format!("               note: {}\n", text::line(note)));
        }
        if line.evidence.is_empty() {
            out.push_str("               assumption: cites no quote or customer\n");
        }
        for evidence in &line.evidence {
            out.push_str(&format!("               {}\n", evidence_line(evidence)));
        }
    }
    for capped in &e.capped {
        out.push_str(&format!(
            "\nThe {} rules together count for at most {}: {} points.\n",
            text::line(&capped.group),
            capped.cap,
            signed(capped.taken)
        ));
    }
    out
}

fn evidence_line(evidence: &Evidence) -> String {
    text::line(&evidence.summary())
}

#[derive(Serialize)]
struct JsonExplanation<'a> {
    row: u64,
    line: u64,
    lead: Option<&'a str>,
    fit_score: i64,
    fit_tier: &'a str,
    tier_by_score: &'a str,
    disqualified: Option<&'a str>,
    segment: Option<&'a str>,
    rules: Vec<JsonRule<'a>>,
    capped: Vec<JsonCap<'a>>,
}

#[derive(Serialize)]
struct JsonRule<'a> {
    rule: &'a str,
    outcome: &'static str,
    points: Option<i64>,
    counted: i64,
    asks: &'a str,
    value: Option<&'a str>,
    found: Option<&'a str>,
    assumption: bool,
    evidence: Vec<serde_json::Value>,
}

#[derive(Serialize)]
struct JsonCap<'a> {
    group: &'a str,
    cap: i64,
    points: i64,
}

fn json<'a>(e: &'a Explanation, row: u64, line: u64, lead: Option<&'a str>) -> JsonExplanation<'a> {
    JsonExplanation {
        row,
        line,
        lead,
        fit_score: e.points,
        fit_tier: &e.verdict,
        tier_by_score: &e.tier,
        disqualified: e.disqualified.as_deref(),
        segment: e.segment.map(|s| s.id.as_str()),
        rules: e
            .rules
            .iter()
            .map(|l| JsonRule {
                rule: &l.rule.id,
                outcome: match l.outcome {
                    RuleOutcome::Fired { .. } => "fired",
                    RuleOutcome::Missed => "missed",
                    RuleOutcome::Unknown => "unknown",
                },
                points: (!l.rule.disqualify).then_some(l.rule.points),
                counted: l.counted,
                asks: &l.asks,
                value: l.value.as_deref(),
                found: l.found.as_deref(),
                assumption: l.rule.is_assumption(),
                evidence: l.evidence.iter().map(evidence_json).collect(),
            })
            .collect(),
        capped: e
            .capped
            .iter()
            .map(|c| JsonCap {
                group: &c.group,
                cap: c.cap,
                points: c.taken,
            })
            .collect(),
    }
}

fn evidence_json(evidence: &Evidence) -> serde_json::Value {
    use serde_json::json;
    match evidence {
        Evidence::Quote(q) => json!({
            "kind": "quote",
            "cite": format!("{}#{}", q.interview.id, q.highlight.id),
            "text": q.highlight.text,
            "interviewee": q.interview.interviewee,
            "role": q.interview.role,
            "company": q.interview.company,
            "date": q.interview.date.map(|d| d.to_string()),
            "source": q.interview.source,
        }),
        Evidence::Customer(c) => json!({
            "kind": "customer",
            "company": c.label(),
            "criterion": c.criterion,
        }),
        Evidence::BestCustomers {
            matched,
            unknown,
            of,
        } => json!({
            "kind": "best-customers",
            "matched": matched.iter().map(|c| c.label()).collect::<Vec<_>>(),
            "unknown": unknown,
            "of": of,
        }),
        Evidence::Missing { cite, why } => json!({
            "kind": "missing",
            "cite": cite.to_string(),
            "why": why,
        }),
    }
}
