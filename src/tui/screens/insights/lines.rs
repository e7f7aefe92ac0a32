//! The insights screen's text: a header, one bar per line of the chosen
//! grouping, the selected line's figures and its trend, and the notes that
//! say how to read them.

use super::{Group, InsightsState};
use crate::domain::metrics::report::{self, Figures, Metric, days, money};
use crate::domain::metrics::stats::{Rate, percent};
use crate::domain::metrics::trend::{Point, changes, series};
use crate::tui::ctx::Ctx;
use crate::tui::text::{self, count};
use ratatui::text::{Line, Span};

/// Lines above the first bar.
pub const HEADER: usize = 2;

/// What a line of the table is called on screen.
pub fn name(ctx: &Ctx, group: Group, key: Option<&str>) -> String {
    match (group, key) {
        (Group::Persona, Some(id)) => ctx
            .workspace
            .persona(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string()),
        (Group::Tier, Some(tier)) => format!("tier {tier}"),
        (Group::Template, Some(id)) => id.to_string(),
        (Group::Persona, None) => "(no persona)".into(),
        (Group::Tier, None) => "(no tier)".into(),
        (Group::Template, None) => "(no template)".into(),
    }
}

/// `6.0% n=200`, or `– n=0`.
fn rate_text(rate: &Rate) -> String {
    match rate.value {
        Some(v) => format!("{} n={}", percent(v), rate.n),
        None => format!("– n={}", rate.n),
    }
}

/// A bar of `value` out of `max` in `room` columns (at least one block for
/// any value above nothing).
fn bar(value: f64, max: f64, room: usize) -> String {
    if max <= 0.0 || value <= 0.0 {
        return String::new();
    }
    let cells = ((value / max) * room as f64).round() as usize;
    "█".repeat(cells.clamp(1, room.max(1)))
}

fn wrapped(out: &mut Vec<Line<'static>>, text: &str, width: usize, style: ratatui::style::Style) {
    for l in text::wrap(text, width) {
        out.push(Line::styled(l, style));
    }
}

pub fn build(ctx: &Ctx, state: &InsightsState, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let width = width.max(10);
    let snapshots = &ctx.workspace.outcomes.snapshots;
    let mut out: Vec<Line<'static>> = Vec::new();
    if snapshots.is_empty() {
        out.push(Line::styled("No outcomes imported yet.", theme.label()));
        out.push(Line::default());
        wrapped(
            &mut out,
            "`persona outcomes import FILE --source hubspot-deals|hubspot-sequences|lemlist|mailchimp|generic` adds an export's counts per persona, tier and template (never a name or e-mail); they show here and on the persona cards.",
            width,
            theme.dim(),
        );
        return out;
    }
    let filter = state.filter();
    let report = report::build(snapshots, &filter);
    let table = state.group.of(&report);
    let metric = state.metric;
    let dates: Vec<_> = snapshots.iter().map(|s| s.date).collect();
    let span = match (dates.iter().min(), dates.iter().max()) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    out.push(Line::from(vec![
        Span::styled(format!("By {} · ", state.group.label()), theme.label()),
        Span::styled(metric.label().to_string(), theme.heading()),
        Span::styled(
            text::fit(
                &format!(
                    " · {} {span}",
                    count(snapshots.len(), "snapshot", "snapshots")
                ),
                width.saturating_sub(30),
            ),
            theme.dim(),
        ),
    ]));
    out.push(Line::default());
    if table.is_empty() {
        wrapped(
            &mut out,
            "No imported row matches: press s for an earlier month or tab for another ICP.",
            width,
            theme.dim(),
        );
        return out;
    }

    // The bars.
    let names: Vec<String> = table
        .iter()
        .map(|l| name(ctx, state.group, l.key.as_deref()))
        .collect();
    let value_texts: Vec<String> = table
        .iter()
        .map(|l| {
            let mark = if l.within_noise.contains(&metric) {
                " ~"
            } else {
                ""
            };
            format!("{}{mark}", rate_text(l.figures.rate(metric)))
        })
        .collect();
    let value_w = value_texts
        .iter()
        .map(|v| text::width(v))
        .max()
        .unwrap_or(0);
    let label_w = names
        .iter()
        .map(|n| text::width(n))
        .max()
        .unwrap_or(4)
        .clamp(4, (width / 3).clamp(6, 28));
    let bar_room = width.saturating_sub(2 + label_w + 1 + 1 + value_w).max(1);
    let max = table
        .iter()
        .filter_map(|l| l.figures.rate(metric).value)
        .fold(0.0, f64::max);
    let selected = state.selected.min(table.len() - 1);
    for (i, (line, (label, value))) in table.iter().zip(names.iter().zip(&value_texts)).enumerate()
    {
        let rate = line.figures.rate(metric);
        let chosen = i == selected;
        let base = if chosen {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        let drawn = bar(rate.value.unwrap_or(0.0), max, bar_room);
        let gap = bar_room.saturating_sub(text::width(&drawn));
        out.push(Line::from(vec![
            Span::styled(if chosen { "▸ " } else { "  " }, base),
            Span::styled(
                crate::text::pad(&text::fit(label, label_w), label_w),
                base.patch(theme.label()),
            ),
            Span::raw(" "),
            Span::styled(drawn, theme.backed()),
            Span::raw(" ".repeat(gap + 1)),
            Span::styled(
                value.clone(),
                if line.within_noise.contains(&metric) {
                    theme.dim()
                } else {
                    theme.label()
                },
            ),
        ]));
    }

    // The selected line's figures.
    let line = &table[selected];
    out.push(Line::default());
    out.push(Line::styled(
        text::fit(&names[selected], width),
        theme.heading(),
    ));
    for row in figures(&line.figures, &line.within_noise) {
        for l in pack(&row, width) {
            out.push(Line::raw(l));
        }
    }

    // Its trend.
    let key = line.key.clone();
    let group = state.group;
    let points = series(snapshots, &filter, |c| group.key(c) == key.as_deref());
    out.push(Line::default());
    trend(&mut out, ctx, &points, metric, width);

    out.push(Line::default());
    let mut notes = vec![
        "~ within noise: this rate's 95% Wilson interval overlaps that of the rest of the table (too few rows to tell them apart).".to_string(),
    ];
    if report.total.counts.has_engagement() {
        notes.push(
            "Open rates are inflated by mail privacy features (Apple Mail Privacy Protection opens every message): judge messaging by replies and meetings.".into(),
        );
    }
    for note in notes {
        wrapped(&mut out, &note, width, theme.dim());
    }
    out
}

/// The figures of a line, as rows of items (`noisy`: rates to mark `~`);
/// [`pack`] lays them out.
pub fn figures(f: &Figures, noisy: &[Metric]) -> Vec<Vec<String>> {
    let c = &f.counts;
    let mut rows = Vec::new();
    let rate = |metric: Metric| {
        let r = f.rate(metric);
        let mark = if noisy.contains(&metric) { " ~" } else { "" };
        format!("{} {}{mark}", metric.label(), rate_text(r))
    };
    if c.has_engagement() {
        rows.push(vec![
            format!("{} sent", c.sent),
            format!("{} delivered", c.delivered),
            format!("{} bounced", c.bounced),
            format!("{} unsubscribed", c.unsubscribed),
        ]);
        let tracked: Vec<String> = [
            Metric::OpenRate,
            Metric::ClickRate,
            Metric::ReplyRate,
            Metric::MeetingRate,
        ]
        .into_iter()
        .filter(|m| f.rate(*m).n > 0)
        .map(rate)
        .collect();
        if !tracked.is_empty() {
            rows.push(tracked);
        }
    }
    if c.deals > 0 {
        let mut deals = vec![
            format!(
                "{} ({} won, {} lost, {} open)",
                count(c.deals as usize, "opportunity", "opportunities"),
                c.won,
                c.lost,
                c.open_deals()
            ),
            rate(Metric::WinRate),
        ];
        if let Some(a) = f.average_deal {
            deals.push(format!("average deal {}", money(a)));
        }
        if let Some(d) = f.median_cycle_days {
            deals.push(format!("median cycle {}", days(d)));
        }
        rows.push(deals);
    }
    if rows.is_empty() {
        rows.push(vec!["No engagement or deal counted.".into()]);
    }
    rows
}

/// Items joined with ` · ` into lines of at most `width` columns (an item
/// wider than a line is wrapped on its own).
pub fn pack(items: &[String], width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for item in items {
        let joined = if line.is_empty() {
            item.clone()
        } else {
            format!("{line} · {item}")
        };
        if text::width(&joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        if text::width(item) <= width {
            line = item.clone();
        } else {
            out.extend(text::wrap(item, width));
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// The chosen rate at each snapshot date, as a line of blocks and one
/// bar per date, and how the newest period compares with the one before.
fn trend(out: &mut Vec<Line<'static>>, ctx: &Ctx, points: &[Point], metric: Metric, width: usize) {
    let theme = ctx.theme;
    let values: Vec<Option<f64>> = points
        .iter()
        .map(|p| p.figures.rate(metric).value)
        .collect();
    let max = values.iter().flatten().copied().fold(0.0, f64::max);
    let spark = spark_line(points, metric).unwrap_or_default();
    out.push(Line::from(vec![
        Span::styled(format!("TREND of the {} ", metric.label()), theme.heading()),
        Span::styled(spark, theme.backed()),
    ]));
    if values.iter().all(Option::is_none) {
        wrapped(
            out,
            &format!(
                "No {} was measured for this line in any snapshot.",
                metric.label()
            ),
            width,
            theme.dim(),
        );
        return;
    }
    if points.len() < 2 {
        wrapped(
            out,
            "One snapshot so far: import a newer export of the same campaigns or pipeline to see a trend.",
            width,
            theme.dim(),
        );
    }
    let room = width.saturating_sub(10 + 1 + 1 + 16).clamp(1, 30);
    for (p, v) in points.iter().zip(&values) {
        let r = p.figures.rate(metric);
        let drawn = bar(v.unwrap_or(0.0), max, room);
        let gap = room.saturating_sub(text::width(&drawn));
        out.push(Line::from(vec![
            Span::styled(format!("{} ", p.date), theme.label()),
            Span::styled(drawn, theme.backed()),
            Span::raw(" ".repeat(gap + 1)),
            Span::raw(rate_text(r)),
        ]));
    }
    if let Some(change) = changes(points).into_iter().find(|c| c.metric == metric) {
        let verdict = if change.fell {
            "fell beyond noise"
        } else if change.now.overlaps(&change.before) {
            "within noise"
        } else if change.now.value > change.before.value {
            "rose beyond noise"
        } else {
            "steady"
        };
        let text = format!(
            "Since {}: {} against {} before: {verdict}.",
            change.since,
            rate_text(&change.now),
            rate_text(&change.before)
        );
        let style = if change.fell {
            theme.stale()
        } else {
            theme.dim()
        };
        wrapped(out, &text, width, style);
    }
}

/// A rate across the points as a line of blocks, one per point, scaled to
/// the highest (`·` where it has no value); `None` when it never has one.
pub fn spark_line(points: &[Point], metric: Metric) -> Option<String> {
    let values: Vec<Option<f64>> = points
        .iter()
        .map(|p| p.figures.rate(metric).value)
        .collect();
    if values.iter().all(Option::is_none) {
        return None;
    }
    let max = values.iter().flatten().copied().fold(0.0, f64::max);
    Some(values.iter().map(|v| spark(*v, max)).collect())
}

/// One block of a spark line for a rate against the highest (a dot when
/// it has no value).
fn spark(value: Option<f64>, max: f64) -> char {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    match value {
        None => '·',
        Some(_) if max <= 0.0 => BLOCKS[0],
        Some(v) => BLOCKS[((v / max).clamp(0.0, 1.0) * 7.0).round() as usize],
    }
}
