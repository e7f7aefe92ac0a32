//! A persona card's outcomes: a flag under the freshness line when its
//! reply or win rate fell or its messaging was never tested (marked as a
//! stale card is), and a short summary of its latest figures, their
//! sample sizes and the trend (the insights screen has the rest). Nothing
//! shows in a workspace without imported outcomes.

use crate::domain::metrics::report::{Metric, days, money};
use crate::domain::{EntityRef, Kind};
use crate::tui::ctx::Ctx;
use crate::tui::screens::insights::{pack, spark_line};
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

/// A few lines of outcomes under the flags: the latest rates with their
/// sample sizes, a spark line of the reply and win rates across snapshots,
/// the deals; short, so the card's attributes stay in view.
pub fn summary(out: &mut Vec<Line<'static>>, ctx: &Ctx, entity: &EntityRef, width: usize) {
    let outcomes = &ctx.workspace.outcomes;
    if entity.kind != Kind::Persona || outcomes.is_empty() {
        return;
    }
    let theme = ctx.theme;
    let outcome = outcomes.persona(&entity.id);
    let Some(latest) = &outcome.latest else {
        out.push(Line::from(vec![
            Span::styled("Outcomes", theme.label()),
            Span::styled(
                text::fit(
                    ": no imported engagement or deal was assigned to this persona",
                    width.saturating_sub(8),
                ),
                theme.dim(),
            ),
        ]));
        return;
    };
    let mut items = vec![format!(
        "Outcomes (latest of {})",
        count(outcome.points.len(), "snapshot", "snapshots")
    )];
    let c = &latest.counts;
    for metric in [
        Metric::ReplyRate,
        Metric::MeetingRate,
        Metric::WinRate,
        Metric::OpenRate,
    ] {
        let rate = latest.rate(metric);
        if rate.n == 0 {
            continue;
        }
        let mut item = format!("{} {rate}", metric.label());
        if matches!(metric, Metric::ReplyRate | Metric::WinRate)
            && let Some(spark) = spark_line(&outcome.points, metric)
            && outcome.points.len() > 1
        {
            item.push(' ');
            item.push_str(&spark);
        }
        if metric == Metric::OpenRate {
            item.push_str(" (inflated by Apple Mail Privacy Protection)");
        }
        items.push(item);
    }
    if c.deals > 0 {
        items.push(format!(
            "{} ({} won)",
            count(c.deals as usize, "opportunity", "opportunities"),
            c.won
        ));
    }
    if let Some(a) = latest.average_deal {
        items.push(format!("average deal {}", money(a)));
    }
    if let Some(d) = latest.median_cycle_days {
        items.push(format!("median cycle {}", days(d)));
    }
    items.push("o in browse: insights".into());
    for (i, l) in pack(&items, width).into_iter().enumerate() {
        let style = if i == 0 {
            ratatui::style::Style::new()
        } else {
            theme.dim()
        };
        out.push(Line::styled(l, style));
    }
}
