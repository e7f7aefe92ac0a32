//! `persona report [--icp ID] [--since DATE] [--json]`: engagement and deal
//! figures per persona, tier and template from the imported snapshots,
//! with the sample size beside every rate and the differences that are
//! within noise marked.

use super::lookup::unknown;
use super::{Failure, Outcome, columns, emit, emit_json, load, report_problems};
use crate::domain::Kind;
use crate::domain::Workspace;
use crate::domain::metrics::report::{
    Figures, Filter, Line, Metric, Report, Used, build, days, money,
};
use crate::domain::metrics::stats::{Rate, percent};
use crate::store::metrics;
use crate::text;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this ICP's figures
    #[arg(long, value_name = "ID")]
    icp: Option<String>,
    /// Only what happened from this date's month on (deals by creation, messages by sending)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::outcomes::parse_date)]
    since: Option<Date>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// Said with every report: open rates are not what they seem.
pub const OPENS_NOTE: &str = "Open rates are inflated by mail privacy features (Apple Mail Privacy Protection and some corporate filters load every message's images, so every delivered message looks opened); judge messaging by replies and meetings.";

/// How rates and noise are worked out, said with every report.
pub const RATES_NOTE: &str = "Each rate has its sample size as n (the people delivered to; for the win rate, the closed deals); ~ marks a rate within noise: its 95% Wilson interval overlaps that of the rest of its table, too few rows to tell them apart.";

pub fn run(root: &Path, args: Args) -> Outcome {
    let (_, loaded) = load(root)?;
    let ws = &loaded.workspace;
    if let Some(icp) = &args.icp
        && ws.icp(icp).is_none()
    {
        return Err(Failure(unknown(ws, icp, Some(Kind::Icp))));
    }
    let found = metrics::load(root);
    if found.snapshots.is_empty() {
        for problem in &found.problems {
            eprintln!("{}", text::line(&problem.to_string()));
        }
        return Err(Failure(
            "there are no outcomes to report yet: import an export with `persona outcomes import FILE --source hubspot-deals|hubspot-sequences|lemlist|mailchimp|generic`".into(),
        ));
    }
    let filter = Filter {
        icp: args.icp.clone(),
        since: args.since,
        as_of: None,
    };
    let report = build(&found.snapshots, &filter);
    let names = Names {
        ws,
        templates: crate::store::outreach::list(root)
            .0
            .into_iter()
            .map(|f| (f.template.id, f.template.name))
            .collect(),
    };
    if args.json {
        emit_json(&json(&names, &report, &args))?;
    } else {
        emit(&describe(&names, &report, &args))?;
    }
    Ok(report_problems(&found.problems))
}

/// What a table's lines are.
#[derive(Clone, Copy)]
enum Dim {
    Persona,
    Tier,
    Template,
}

impl Dim {
    fn key(self) -> &'static str {
        match self {
            Dim::Persona => "persona",
            Dim::Tier => "tier",
            Dim::Template => "template",
        }
    }

    /// A line's name for people.
    fn name(self, names: &Names, key: Option<&str>) -> String {
        match (self, key) {
            (Dim::Persona, None) => "(no persona)".into(),
            (Dim::Tier, None) => "(no tier)".into(),
            (Dim::Template, None) => "(no template)".into(),
            (Dim::Persona, Some(id)) => names
                .ws
                .persona(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone()),
            (Dim::Template, Some(id)) => names
                .templates
                .get(id)
                .cloned()
                .unwrap_or_else(|| id.to_string()),
            (Dim::Tier, Some(k)) => k.to_string(),
        }
    }

    /// The name JSON gives beside the key, when it differs from it.
    fn json_name(self, names: &Names, key: Option<&str>) -> Option<String> {
        match self {
            Dim::Tier => None,
            _ => key
                .map(|k| self.name(names, Some(k)))
                .filter(|n| Some(n.as_str()) != key),
        }
    }
}

/// What the keys of lines are called: personas by the workspace, outreach
/// templates by their files.
struct Names<'a> {
    ws: &'a Workspace,
    templates: BTreeMap<String, String>,
}

fn describe(names: &Names, report: &Report, args: &Args) -> String {
    let mut out = String::new();
    let scope = match (&args.icp, args.since) {
        (Some(icp), Some(since)) => format!(" for ICP `{icp}`, since {}", month(since)),
        (Some(icp), None) => format!(" for ICP `{icp}`"),
        (None, Some(since)) => format!(" since {}", month(since)),
        (None, None) => String::new(),
    };
    out.push_str(&format!(
        "Outcomes{scope}, from {} {} (the newest of each stream):\n",
        report.snapshots.len(),
        super::plural(report.snapshots.len(), "import", "imports")
    ));
    let used: Vec<Vec<String>> = report.snapshots.iter().map(used_row).collect();
    out.push_str(&indent(&columns(&used)));
    let total = &report.total.counts;
    if total.is_empty() {
        out.push_str("\nNothing matches: no imported rows fall in this ICP or period.\n");
        return out;
    }
    out.push('\n');
    out.push_str(RATES_NOTE);
    out.push('\n');
    let engagement = total.sent > 0 || total.delivered > 0;
    if engagement {
        out.push_str(OPENS_NOTE);
        out.push('\n');
    }
    for (dim, lines) in [
        (Dim::Persona, &report.personas),
        (Dim::Tier, &report.tiers),
        (Dim::Template, &report.templates),
    ] {
        // A table whose every line is "none" tells nothing the total does not.
        let named = |keep: fn(&Line) -> bool| lines.iter().any(|l| l.key.is_some() && keep(l));
        if engagement && named(|l| l.figures.counts.has_engagement()) {
            out.push_str(&format!("\nEngagement per {}\n", dim.key()));
            out.push_str(&engagement_table(names, dim, lines, &report.total));
        }
        if total.deals > 0 && named(|l| l.figures.counts.deals > 0) {
            out.push_str(&format!("\nDeals per {}\n", dim.key()));
            out.push_str(&deals_table(names, dim, lines, &report.total));
        }
    }
    out
}

fn used_row(u: &Used) -> Vec<String> {
    vec![
        u.date.to_string(),
        u.source.key().to_string(),
        text::line(&u.file),
        format!("{} rows", u.rows),
    ]
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

/// `2026-10` for a `--since` date (figures are kept by month).
fn month(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The widest a line's name is shown (longer names end in `…`).
const NAME_WIDTH: usize = 40;

/// A line's name as a table shows it: safe for the terminal and cut to
/// [`NAME_WIDTH`] columns.
fn label(names: &Names, dim: Dim, line: &Line) -> String {
    crate::tui::text::fit(&dim.name(names, line.key.as_deref()), NAME_WIDTH)
}

/// The lines in the order a table shows them: by name, rows without one
/// last.
fn by_name<'a>(names: &Names, dim: Dim, lines: &'a [Line]) -> Vec<&'a Line> {
    let mut sorted: Vec<&Line> = lines.iter().collect();
    sorted.sort_by_cached_key(|l| {
        (
            l.key.is_none(),
            dim.name(names, l.key.as_deref()).to_lowercase(),
        )
    });
    sorted
}

/// A rate with its sample, `~` in front when within noise.
fn rate(r: &Rate, noisy: bool) -> String {
    match r.value {
        None if r.n == 0 => "–".into(),
        _ => format!("{}{r}", if noisy { "~" } else { "" }),
    }
}

fn engagement_table(names: &Names, dim: Dim, lines: &[Line], total: &Figures) -> String {
    let mut rows = vec![vec![
        dim.key().to_string(),
        "delivered".into(),
        "open".into(),
        "click".into(),
        "reply".into(),
        "meeting".into(),
    ]];
    let row = |name: String, f: &Figures, noise: &[Metric]| {
        let r = |m: Metric| rate(f.rate(m), noise.contains(&m));
        vec![
            name,
            f.counts.delivered.to_string(),
            r(Metric::OpenRate),
            r(Metric::ClickRate),
            r(Metric::ReplyRate),
            r(Metric::MeetingRate),
        ]
    };
    for line in by_name(names, dim, lines)
        .into_iter()
        .filter(|l| l.figures.counts.has_engagement())
    {
        rows.push(row(
            label(names, dim, line),
            &line.figures,
            &line.within_noise,
        ));
    }
    rows.push(row("all".into(), total, &[]));
    columns(&rows)
}

fn deals_table(names: &Names, dim: Dim, lines: &[Line], total: &Figures) -> String {
    let tiers = matches!(dim, Dim::Tier);
    let mut head = vec![
        dim.key().to_string(),
        "opportunities".into(),
        "won".into(),
        "lost".into(),
        "win rate".into(),
    ];
    if tiers {
        head.extend(["share of wins".into(), "lift".into()]);
    }
    head.extend(["avg deal".into(), "median cycle".into()]);
    let mut rows = vec![head];
    let row = |name: String, f: &Figures, noise: &[Metric]| {
        let mut cells = vec![
            name,
            f.counts.deals.to_string(),
            f.counts.won.to_string(),
            f.counts.lost.to_string(),
            rate(&f.win, noise.contains(&Metric::WinRate)),
        ];
        if tiers {
            let (recall, lift) = recall_lift(f, total);
            cells.push(recall.map_or("–".into(), percent));
            cells.push(lift.map_or("–".into(), |l| format!("{l:.2}x")));
        }
        cells.push(f.average_deal.map_or("–".into(), money));
        cells.push(f.median_cycle_days.map_or("–".into(), days));
        cells
    };
    for line in by_name(names, dim, lines)
        .into_iter()
        .filter(|l| l.figures.counts.deals > 0)
    {
        rows.push(row(
            label(names, dim, line),
            &line.figures,
            &line.within_noise,
        ));
    }
    rows.push(row("all".into(), total, &[]));
    columns(&rows)
}

/// A tier's share of all wins, and its win rate over the overall one.
fn recall_lift(f: &Figures, total: &Figures) -> (Option<f64>, Option<f64>) {
    let recall = (total.counts.won > 0).then(|| f.counts.won as f64 / total.counts.won as f64);
    let lift = match (f.win.value, total.win.value) {
        (Some(mine), Some(all)) if all > 0.0 => Some(mine / all),
        _ => None,
    };
    (recall, lift)
}

/// One line as JSON: its key, counts, rates, samples, intervals and noise.
#[derive(Serialize)]
struct JsonLine {
    #[serde(flatten)]
    key: BTreeMap<&'static str, Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    sent: u64,
    delivered: u64,
    opened: u64,
    clicked: u64,
    replied: u64,
    bounced: u64,
    unsubscribed: u64,
    meetings: u64,
    deals: u64,
    open_deals: u64,
    won: u64,
    lost: u64,
    won_amount: f64,
    open_rate: Option<f64>,
    click_rate: Option<f64>,
    reply_rate: Option<f64>,
    meeting_rate: Option<f64>,
    win_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recall: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lift: Option<Option<f64>>,
    average_deal_size: Option<f64>,
    median_cycle_days: Option<f64>,
    /// The sample size of each rate.
    samples: BTreeMap<&'static str, u64>,
    /// The 95% Wilson interval of each rate with a sample.
    intervals: BTreeMap<&'static str, [f64; 2]>,
    /// Rates within noise against the rest of the table.
    within_noise: Vec<&'static str>,
    lost_reasons: BTreeMap<String, u64>,
}

fn json_line(
    dim: Option<(Dim, &Names)>,
    key: Option<&str>,
    f: &Figures,
    noise: &[Metric],
    total: Option<&Figures>,
) -> JsonLine {
    let c = &f.counts;
    let (recall, lift) = match (dim, total) {
        (Some((Dim::Tier, _)), Some(total)) => {
            let (r, l) = recall_lift(f, total);
            (Some(r), Some(l))
        }
        _ => (None, None),
    };
    JsonLine {
        key: dim
            .map(|(d, _)| [(d.key(), key.map(str::to_string))].into())
            .unwrap_or_default(),
        name: dim.and_then(|(d, names)| d.json_name(names, key)),
        sent: c.sent,
        delivered: c.delivered,
        opened: c.opened,
        clicked: c.clicked,
        replied: c.replied,
        bounced: c.bounced,
        unsubscribed: c.unsubscribed,
        meetings: c.meetings,
        deals: c.deals,
        open_deals: c.open_deals(),
        won: c.won,
        lost: c.lost,
        won_amount: c.won_amount,
        open_rate: f.open.value,
        click_rate: f.click.value,
        reply_rate: f.reply.value,
        meeting_rate: f.meeting.value,
        win_rate: f.win.value,
        recall,
        lift,
        average_deal_size: f.average_deal,
        median_cycle_days: f.median_cycle_days,
        samples: Metric::ALL
            .iter()
            .map(|m| (m.key(), f.rate(*m).n))
            .collect(),
        intervals: Metric::ALL
            .iter()
            .filter(|m| f.rate(**m).n > 0)
            .map(|m| (m.key(), [f.rate(*m).low, f.rate(*m).high]))
            .collect(),
        within_noise: noise.iter().map(|m| m.key()).collect(),
        lost_reasons: c.lost_reasons.clone(),
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    icp: Option<&'a str>,
    since: Option<Date>,
    snapshots: &'a [Used],
    notes: [&'static str; 2],
    personas: Vec<JsonLine>,
    tiers: Vec<JsonLine>,
    templates: Vec<JsonLine>,
    total: JsonLine,
}

fn json<'a>(names: &Names, report: &'a Report, args: &'a Args) -> JsonReport<'a> {
    let lines = |dim: Dim, lines: &[Line]| -> Vec<JsonLine> {
        lines
            .iter()
            .map(|l| {
                json_line(
                    Some((dim, names)),
                    l.key.as_deref(),
                    &l.figures,
                    &l.within_noise,
                    Some(&report.total),
                )
            })
            .collect()
    };
    JsonReport {
        icp: args.icp.as_deref(),
        since: args.since,
        snapshots: &report.snapshots,
        notes: [RATES_NOTE, OPENS_NOTE],
        personas: lines(Dim::Persona, &report.personas),
        tiers: lines(Dim::Tier, &report.tiers),
        templates: lines(Dim::Template, &report.templates),
        total: json_line(None, None, &report.total, &[], None),
    }
}
