//! Drawing the back-test: per tier the deals, wins, win rate, share of all
//! wins and lift; per rule how often it fires on won and lost deals, with
//! its flags; and the warnings.

use super::leads::Leads;
use crate::domain::scoring::reasons::signed;
use crate::tui::ctx::Ctx;
use crate::tui::scoring_types::said;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".into(), |r| format!("{:.1}%", r * 100.0))
}

fn times(lift: Option<f64>) -> String {
    lift.map_or_else(|| "–".into(), |l| format!("{l:.2}x"))
}

/// Rows of cells as aligned text lines (first column left, the rest right).
fn aligned(rows: &[Vec<String>], width: usize) -> Vec<String> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| text::width(&r[c])).max().unwrap_or(0))
        .collect();
    let first_w = widths.first().copied().unwrap_or(0).min(width / 3).max(4);
    rows.iter()
        .map(|r| {
            let mut line = crate::text::pad(&text::fit(&r[0], first_w), first_w);
            for (c, cell) in r.iter().enumerate().skip(1) {
                line.push_str(&format!("  {:>w$}", text::fit(cell, 40), w = widths[c]));
            }
            text::fit(&line, width)
        })
        .collect()
}

pub fn draw(leads: &Leads, scroll: u16, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let theme = ctx.theme;
    let width = area.width as usize;
    let Some(tested) = &leads.tested else {
        return;
    };
    let mut lines = Vec::new();
    let (report, warnings, left_out) = match &tested.result {
        Ok(found) => found,
        Err(e) => {
            for l in text::wrap(&said(e), width) {
                lines.push(Line::styled(l, theme.error()));
            }
            lines.push(Line::styled(
                text::fit("b: say which column and value mean won.", width),
                theme.dim(),
            ));
            f.render_widget(Paragraph::new(lines), area);
            return;
        }
    };
    let head = format!(
        "{}, won when {}: {} decided, {} won (base win rate {}){}",
        leads.name(),
        tested.outcome,
        report.deals,
        report.won,
        percent(report.base_rate),
        if *left_out > 0 {
            format!("; {left_out} open or blank left out")
        } else {
            String::new()
        }
    );
    for l in text::wrap_at_most(&head, width, 3) {
        lines.push(Line::styled(l, theme.label()));
    }
    lines.push(Line::default());
    let mut rows = vec![vec![
        "Tier".to_string(),
        "deals".into(),
        "won".into(),
        "win rate".into(),
        "recall".into(),
        "lift".into(),
    ]];
    for t in &report.tiers {
        rows.push(vec![
            t.tier.clone(),
            t.deals.to_string(),
            t.won.to_string(),
            percent(t.win_rate),
            percent(t.recall),
            times(t.lift),
        ]);
    }
    for (n, l) in aligned(&rows, width).into_iter().enumerate() {
        lines.push(if n == 0 {
            Line::styled(l, theme.label())
        } else {
            Line::raw(l)
        });
    }
    lines.push(Line::styled(
        text::fit(
            "recall: the tier's share of all wins; lift: its win rate over the base rate.",
            width,
        ),
        theme.dim(),
    ));
    lines.push(Line::default());
    let mut rows = vec![vec![
        "Rule".to_string(),
        "points".into(),
        "fires on won".into(),
        "on lost".into(),
        "win rate".into(),
        "lift".into(),
    ]];
    for r in &report.rules {
        rows.push(vec![
            r.rule.clone(),
            r.points.map_or_else(|| "rules out".into(), signed),
            format!("{} ({})", r.fires_won, percent(r.fire_rate_won)),
            format!("{} ({})", r.fires_lost, percent(r.fire_rate_lost)),
            percent(r.win_rate),
            times(r.lift),
        ]);
    }
    let rule_lines = aligned(&rows, width);
    for (n, l) in rule_lines.into_iter().enumerate() {
        if n == 0 {
            lines.push(Line::styled(l, theme.label()));
            continue;
        }
        lines.push(Line::raw(l));
        let flags = &report.rules[n - 1].flags;
        if !flags.is_empty() {
            let said: Vec<&str> = flags.iter().map(|f| f.describe()).collect();
            lines.push(Line::styled(
                text::fit(&format!("    ⚠ {}", said.join("; ")), width),
                theme.stale(),
            ));
        }
    }
    if !warnings.is_empty() {
        lines.push(Line::default());
        for w in warnings {
            for l in text::wrap(&format!("⚠ {}.", w), width) {
                lines.push(Line::styled(l, theme.stale()));
            }
        }
    }
    let scroll = scroll.min(lines.len().saturating_sub(1) as u16);
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}
