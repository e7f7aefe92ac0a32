//! A persona's outcomes in its markdown: a flag line under the title when
//! its reply or win rate fell or its messaging was never tested (as a stale
//! card is marked), and an "Outcomes" section with the latest figures,
//! their sample sizes and the trend. Nothing is written for a workspace
//! without imported outcomes.

use super::parts::table;
use crate::domain::metrics::cards::{Flag, PersonaOutcome};
use crate::domain::metrics::report::{Figures, Metric, days, money};
use crate::domain::metrics::trend::Change;
use crate::domain::{Persona, Workspace};
use std::fmt::Write as _;

/// The flag lines for the top of the card; empty when there is nothing
/// to flag.
pub(super) fn flags(ws: &Workspace, persona: &Persona) -> String {
    let mut out = String::new();
    for flag in ws.outcomes.flags(&persona.id) {
        let _ = writeln!(out, "> **Needs a look:** {}.\n", flag_text(&flag));
    }
    out
}

fn flag_text(flag: &Flag) -> String {
    // Flags are made of rates, dates and fixed words: nothing to escape.
    flag.to_string()
}

/// The "Outcomes" section; empty without imported outcomes.
pub(super) fn section(ws: &Workspace, persona: &Persona) -> String {
    if ws.outcomes.is_empty() {
        return String::new();
    }
    let outcome = ws.outcomes.persona(&persona.id);
    let mut out = String::from("\n## Outcomes\n\n");
    let Some(latest) = &outcome.latest else {
        out.push_str("*No imported engagement or deal was assigned to this persona.*\n");
        return out;
    };
    let counts = &latest.counts;
    let mut rows = Vec::new();
    let mut row = |measure: &str, value: String, trend: String| {
        rows.push(vec![measure.to_string(), value, trend]);
    };
    if counts.has_engagement() {
        row("Delivered", counts.delivered.to_string(), String::new());
        for metric in [
            Metric::OpenRate,
            Metric::ClickRate,
            Metric::ReplyRate,
            Metric::MeetingRate,
        ] {
            add_rate(&mut row, latest, &outcome, metric);
        }
    }
    if counts.deals > 0 {
        row(
            "Opportunities",
            format!(
                "{} ({} won, {} lost, {} open)",
                counts.deals,
                counts.won,
                counts.lost,
                counts.open_deals()
            ),
            String::new(),
        );
        add_rate(&mut row, latest, &outcome, Metric::WinRate);
        if let Some(amount) = latest.average_deal {
            row("Average deal size", money(amount), String::new());
        }
        if let Some(cycle) = latest.median_cycle_days {
            row("Median cycle", days(cycle), String::new());
        }
    }
    if rows.is_empty() {
        out.push_str("*No imported engagement or deal was assigned to this persona.*\n");
        return out;
    }
    let since = outcome
        .points
        .first()
        .map(|p| p.date.to_string())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "From {} {} of imported outcomes (first {since}). Each rate shows its sample size as n.\n",
        outcome.points.len(),
        if outcome.points.len() == 1 {
            "snapshot"
        } else {
            "snapshots"
        },
    );
    table(&mut out, &["Measure", "Latest", "Trend"], &rows);
    if counts.has_engagement() {
        out.push_str(
            "\n*Open rates are inflated by mail privacy features (Apple Mail Privacy Protection opens every message it receives); judge messaging by replies and meetings.*\n",
        );
    }
    out
}

fn add_rate(
    row: &mut impl FnMut(&str, String, String),
    latest: &Figures,
    outcome: &PersonaOutcome,
    metric: Metric,
) {
    let rate = latest.rate(metric);
    if rate.n == 0 {
        return;
    }
    let change = outcome.changes.iter().find(|c| c.metric == metric);
    let mut label = metric.label().to_string();
    label[..1].make_ascii_uppercase();
    row(
        &label,
        rate.to_string(),
        change.map(trend).unwrap_or_default(),
    );
}

/// `down to 4.0% (n=200) since 2026-10-01, from 12.0% (n=300)`.
fn trend(change: &Change) -> String {
    let (now, before) = (change.now, change.before);
    let direction = match (now.value, before.value) {
        (Some(n), Some(b)) if now.overlaps(&before) => {
            if n == b {
                "steady at".to_string()
            } else {
                "within noise of the earlier rate:".to_string()
            }
        }
        (Some(n), Some(b)) if n < b => "**down** to".to_string(),
        _ => "up to".to_string(),
    };
    format!("{direction} {now} since {}, from {before}", change.since)
}
