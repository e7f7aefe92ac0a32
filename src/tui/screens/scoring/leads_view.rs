//! Drawing scored leads: the table (best first, one tier or segment at a
//! time) with the explanation of the selected lead beside or under it, and
//! the overview: the score distribution and the segments by tier.

use super::leads::{Leads, Order};
use super::rules_view::points_words;
use crate::domain::scoring::explain::{explain, lead_name};
use crate::domain::scoring::summary::Summary;
use crate::domain::scoring::{Outcome, Scorer};
use crate::tui::ctx::Ctx;
use crate::tui::scoring_types::said;
use crate::tui::text::{self, count};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

/// `120 leads: A 12 · B 40 · C 60 · disqualified 8`.
fn counts_line(leads: &Leads, scorer: &Scorer, summary: &Summary) -> String {
    let mut parts: Vec<String> = scorer
        .tiers()
        .iter()
        .zip(&summary.tiers)
        .map(|(t, n)| format!("{} {n}", t.name))
        .collect();
    parts.push(format!("disqualified {}", summary.disqualified));
    let mut line = format!(
        "{}: {} · {}",
        leads.name(),
        count(summary.rows as usize, "lead", "leads"),
        parts.join(" · ")
    );
    if leads.file.total > summary.rows {
        line.push_str(&format!(
            " (first {} of {})",
            summary.rows, leads.file.total
        ));
    }
    line
}

/// What is shown: the order, the tier and the segment.
fn showing_line(leads: &Leads, scorer: &Scorer) -> String {
    let mut parts = vec![match leads.order {
        Order::Best => "best first".to_string(),
        Order::File => "in file order".to_string(),
    }];
    match leads.tier {
        Some(t) => parts.push(format!("tier {}", leads.tier_name(t))),
        None => parts.push("every tier".into()),
    }
    if let Some(s) = leads.segment {
        parts.push(match scorer.scoring.segments.get(s) {
            Some(segment) => format!("segment {}", segment.shown()),
            None => "in no segment".into(),
        });
    }
    format!(
        "Showing {} ({})",
        count(leads.shown.len(), "lead", "leads"),
        parts.join(", ")
    )
}

/// The rules do not fit the file: say why, and what to do.
fn unfit(message: &str, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let mut lines = Vec::new();
    for l in text::wrap(&said(message), area.width as usize) {
        lines.push(Line::styled(l, ctx.theme.error()));
    }
    lines.push(Line::default());
    for l in text::wrap(
        "Edit the rules (tab back to them) or open another file (o).",
        area.width as usize,
    ) {
        lines.push(Line::styled(l, ctx.theme.dim()));
    }
    f.render_widget(Paragraph::new(lines), area);
}

pub fn table(leads: &Leads, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let theme = ctx.theme;
    let (scorer, summary) = match (&leads.scorer, &leads.summary) {
        (Ok(s), Some(summary)) => (s, summary),
        (Err(e), _) => return unfit(e, f, area, ctx),
        _ => return,
    };
    let width = area.width as usize;
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::styled(
                text::fit(&counts_line(leads, scorer, summary), width),
                theme.label(),
            ),
            Line::styled(text::fit(&showing_line(leads, scorer), width), theme.dim()),
        ]),
        head,
    );
    let wide = body.width >= 100;
    let (list, why) = if wide {
        let [a, b] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
            .spacing(1)
            .areas(body);
        (a, b)
    } else {
        let list_h = (body.height / 2).max(3);
        let [a, b] = Layout::vertical([Constraint::Length(list_h), Constraint::Min(0)]).areas(body);
        (a, b)
    };
    ctx.drawn(|a| a.list = list);
    if leads.shown.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                "No lead here: f and S show other tiers and segments.",
                theme.dim(),
            )),
            list,
        );
        return;
    }
    let rows_fit = (list.height as usize).saturating_sub(1).max(1);
    let mut first = leads.offset.get();
    if leads.at < first {
        first = leads.at;
    } else if leads.at >= first + rows_fit {
        first = leads.at + 1 - rows_fit;
    }
    leads.offset.set(first);
    let tier_w = scorer
        .tiers()
        .iter()
        .map(|t| text::width(&t.name))
        .max()
        .unwrap_or(1)
        .clamp(4, 12);
    let has_segments = !scorer.scoring.segments.is_empty();
    let seg_w = if has_segments { 14 } else { 0 };
    let fixed = 5 + 5 + tier_w + seg_w + 5;
    let name_w = ((list.width as usize).saturating_sub(fixed) / 3).clamp(8, 28);
    let reason_w = (list.width as usize).saturating_sub(fixed + name_w).max(4);
    let rows: Vec<Row> = leads
        .shown
        .iter()
        .enumerate()
        .skip(first)
        .take(rows_fit)
        .map(|(n, &i)| {
            let lead = &leads.leads[i];
            let (line, cells) = &leads.file.rows[lead.row];
            let name = lead_name(&scorer.header, cells).unwrap_or_else(|| format!("line {line}"));
            let verdict = leads.tier_name(lead.tier);
            let verdict = if verdict == crate::domain::scoring::DISQUALIFIED {
                "out"
            } else {
                verdict
            };
            let segment = lead
                .segment
                .map_or("", |s| scorer.scoring.segments[s].shown());
            let mut cells = vec![
                Cell::from(line.to_string()),
                Cell::from(Line::from(lead.points.to_string()).right_aligned()),
                Cell::from(text::fit(verdict, tier_w)),
                Cell::from(text::fit(&name, name_w)),
            ];
            if has_segments {
                cells.push(Cell::from(text::fit(segment, seg_w)));
            }
            cells.push(Cell::from(text::fit(&lead.reasons, reason_w)));
            let row = Row::new(cells);
            if n == leads.at {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(tier_w as u16),
        Constraint::Length(name_w as u16),
    ];
    let mut header = vec!["Line", "Score", "Tier", "Lead"];
    if has_segments {
        widths.push(Constraint::Length(seg_w as u16));
        header.push("Segment");
    }
    widths.push(Constraint::Fill(1));
    header.push("Why");
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.label()))
        .column_spacing(1);
    f.render_widget(table, list);
    explanation(leads, scorer, f, why, ctx);
}

/// The selected lead, rule by rule, with the evidence behind each rule.
fn explanation(leads: &Leads, scorer: &Scorer, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let theme = ctx.theme;
    let Some(lead) = leads.selected() else {
        return;
    };
    let (line, cells) = &leads.file.rows[lead.row];
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border())
        .title(Line::styled(format!(" Why (line {line}) "), theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(icp) = ctx.workspace.icp(&scorer.scoring.icp) else {
        return;
    };
    let width = inner.width as usize;
    let e = explain(scorer, cells, ctx.workspace, icp);
    let mut lines = Vec::new();
    let head = match &e.disqualified {
        Some(reason) => format!(
            "Disqualified: {} (its {} points would make it {})",
            reason.trim(),
            e.points,
            e.tier
        ),
        None => format!("{} points: tier {}", e.points, e.verdict),
    };
    let head = match e.segment {
        Some(segment) => format!("{head} · segment {}", segment.shown()),
        None => head,
    };
    for l in text::wrap_at_most(&head, width, 2) {
        lines.push(Line::styled(l, theme.label()));
    }
    for rule in &e.rules {
        let (mark, style) = match rule.outcome {
            Outcome::Fired { .. } => ("✓", theme.backed()),
            Outcome::Missed => ("✗", theme.dim()),
            Outcome::Unknown => ("?", theme.dim()),
        };
        let value = match &rule.value {
            Some(v) => v.clone(),
            None if e.missing_fields.contains(&rule.rule.condition.field) => {
                "no such column".into()
            }
            None => "blank, not counted".into(),
        };
        let said = format!(
            "{mark} {:>4} {} — {value}",
            if rule.rule.disqualify {
                "out".to_string()
            } else {
                points_words(rule.rule)
            },
            rule.found.as_deref().unwrap_or(&rule.asks)
        );
        lines.push(Line::styled(text::fit(&said, width), style));
        if rule.evidence.is_empty() {
            lines.push(Line::styled(
                text::fit("       assumption: cites nothing", width),
                theme.assumption(),
            ));
        }
        for found in &rule.evidence {
            let shown = format!("       {}", found.summary());
            lines.push(Line::styled(text::fit(&shown, width), theme.dim()));
        }
    }
    for capped in &e.capped {
        lines.push(Line::styled(
            text::fit(
                &format!(
                    "The {} rules count for at most {}: {:+} points.",
                    capped.group, capped.cap, capped.taken
                ),
                width,
            ),
            theme.label(),
        ));
    }
    let scroll = leads
        .explain_scroll
        .min(lines.len().saturating_sub(1) as u16);
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// The score distribution as bars, and how many leads of each segment fell
/// in each tier.
pub fn overview(leads: &Leads, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let theme = ctx.theme;
    let (scorer, summary) = match (&leads.scorer, &leads.summary) {
        (Ok(s), Some(summary)) => (s, summary),
        (Err(e), _) => return unfit(e, f, area, ctx),
        _ => return,
    };
    let width = area.width as usize;
    let mut lines = vec![
        Line::styled(
            text::fit(&counts_line(leads, scorer, summary), width),
            theme.label(),
        ),
        Line::default(),
        Line::styled("Scores (leads per 10 points)", theme.heading()),
    ];
    let max = summary
        .histogram
        .values()
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    let label_w = 12;
    let bar_room = width.saturating_sub(label_w + 10).max(1) as u64;
    // Every step from the lowest score to the highest, empty ones too.
    let low = summary.histogram.keys().next().copied().unwrap_or(0);
    let high = summary.histogram.keys().last().copied().unwrap_or(0);
    let steps = (low..=high)
        .step_by(Summary::STEP as usize)
        .map(|from| (from, summary.histogram.get(&from).copied().unwrap_or(0)));
    for (from, n) in steps {
        let bar = (n * bar_room).div_ceil(max) as usize;
        lines.push(Line::from(vec![
            Span::raw(crate::text::pad(
                &format!("{from} to {}", from + Summary::STEP - 1),
                label_w,
            )),
            Span::styled("█".repeat(bar), theme.backed()),
            Span::styled(format!(" {n}"), theme.label()),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Segments by tier", theme.heading()));
    let mut names: Vec<String> = scorer.tiers().iter().map(|t| t.name.clone()).collect();
    names.push("out".into());
    let seg_w = 22.min(width / 3).max(6);
    let cell_w = names
        .iter()
        .map(|n| text::width(n))
        .max()
        .unwrap_or(3)
        .max(5)
        + 1;
    let mut header = crate::text::pad("", seg_w);
    for n in &names {
        header.push_str(&format!("{:>cell_w$}", text::fit(n, cell_w - 1)));
    }
    lines.push(Line::styled(text::fit(&header, width), theme.label()));
    let mut segment_names: Vec<String> = scorer
        .scoring
        .segments
        .iter()
        .map(|s| s.shown().to_string())
        .collect();
    segment_names.push(if segment_names.is_empty() {
        "all leads".into()
    } else {
        "in no segment".into()
    });
    for (name, row) in segment_names.iter().zip(&summary.segment_tiers) {
        let mut line = crate::text::pad(&text::fit(name, seg_w - 1), seg_w);
        for n in row {
            line.push_str(&format!("{n:>cell_w$}"));
        }
        lines.push(Line::raw(text::fit(&line, width)));
    }
    let blanks: Vec<String> = summary
        .unknown
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(field, n)| format!("{field} ({n})"))
        .collect();
    if !blanks.is_empty() {
        lines.push(Line::default());
        for l in text::wrap(
            &format!(
                "Left blank by some leads, never counted against them: {}.",
                blanks.join(", ")
            ),
            width,
        ) {
            lines.push(Line::styled(l, theme.dim()));
        }
    }
    f.render_widget(Paragraph::new(lines), area);
}
