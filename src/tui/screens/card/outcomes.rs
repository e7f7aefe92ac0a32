//! A persona card's outcomes: a flag under the freshness line when its
//! reply or win rate fell or its messaging was never tested (marked as a
//! stale card is), and an OUTCOMES section with its latest figures, their
//! sample sizes and the trend. Nothing shows in a workspace without
//! imported outcomes.

use crate::domain::metrics::report::Metric;
use crate::domain::{EntityRef, Kind};
use crate::tui::ctx::Ctx;
use crate::tui::screens::insights::{figures, pack, spark_line};
use crate::tui::text::{self, count};
use ratatui::text::{Line, Span};

/// The flag lines, for under the freshness line.
pub fn flags(out: &mut Vec<Line<'static>>, ctx: &Ctx, entity: &EntityRef, width: usize) {
    if entity.kind != Kind::Persona {
        return;
    }
    let mark = "⚑ NEEDS A LOOK";
    for flag in ctx.workspace.outcomes.flags(&entity.id) {
        let said = format!("{mark} {flag}");
        for (i, l) in text::wrap(&said, width).into_iter().enumerate() {
            match l.strip_prefix(mark) {
                Some(after) if i == 0 => out.push(Line::from(vec![
                    Span::styled(mark, ctx.theme.stale()),
                    Span::raw(after.to_string()),
                ])),
                _ => out.push(Line::raw(l)),
            }
        }
    }
}

/// The OUTCOMES section, for the end of a persona card.
pub fn section(out: &mut Vec<Line<'static>>, ctx: &Ctx, entity: &EntityRef, width: usize) {
    let outcomes = &ctx.workspace.outcomes;
    if entity.kind != Kind::Persona || outcomes.is_empty() {
        return;
    }
    let theme = ctx.theme;
    let outcome = outcomes.persona(&entity.id);
    out.push(Line::default());
    out.push(Line::styled("OUTCOMES", theme.heading()));
    let push = |out: &mut Vec<Line<'static>>, s: &str, style| {
        for l in text::wrap(s, width.saturating_sub(2)) {
            out.push(Line::styled(format!("  {l}"), style));
        }
    };
    let Some(latest) = &outcome.latest else {
        push(
            out,
            "No imported engagement or deal was assigned to this persona.",
            theme.dim(),
        );
        return;
    };
    let first = outcome
        .points
        .first()
        .map(|p| p.date.to_string())
        .unwrap_or_default();
    push(
        out,
        &format!(
            "Latest of {} (first {first}); n is each rate's sample size.",
            count(outcome.points.len(), "snapshot", "snapshots")
        ),
        theme.dim(),
    );
    for row in figures(latest, &[]) {
        for l in pack(&row, width.saturating_sub(2)) {
            out.push(Line::raw(format!("  {l}")));
        }
    }
    for metric in [Metric::ReplyRate, Metric::WinRate] {
        let Some(spark) = spark_line(&outcome.points, metric) else {
            continue;
        };
        let change = outcome.changes.iter().find(|c| c.metric == metric);
        let said = match change {
            Some(c) if c.fell => format!(
                "{} trend {spark}: fell to {} since {}, from {} before",
                metric.label(),
                c.now,
                c.since,
                c.before
            ),
            Some(c) => format!(
                "{} trend {spark}: {} since {}, {} before (no fall beyond noise)",
                metric.label(),
                c.now,
                c.since,
                c.before
            ),
            None => format!("{} trend {spark}", metric.label()),
        };
        let style = if change.is_some_and(|c| c.fell) {
            theme.stale()
        } else {
            ratatui::style::Style::new()
        };
        push(out, &said, style);
    }
    if latest.counts.has_engagement() {
        push(
            out,
            "Open rates are inflated by mail privacy features (Apple Mail Privacy Protection).",
            theme.dim(),
        );
    }
    push(
        out,
        "o in browse: insights per persona, tier and template.",
        theme.dim(),
    );
}
